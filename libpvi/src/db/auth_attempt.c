/* auth_attempt.c — step 1 of every login (and of a client's password
 * change): the account key, the throttling counters checked under an
 * advisory lock on the account, the attempt recorded as a failure at once
 * (so that concurrent guesses see each other), the stored hash read; and
 * what a failed attempt leaves behind (audit, counters). */
#include "audit.h"
#include "auth.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const pvi_auth__realm_names[] = {"admin", "client", "operator"};

/* Copies in, trimmed of blanks (pvi_text_trim), into out (at most cap−1 bytes),
 * lower- or upper-cased (ASCII) when fold is 'l' or 'u'. Text that is not
 * valid UTF-8 has its non-ASCII bytes and control characters replaced by
 * '?', so that it can be stored and audited. */
void
pvi_auth__account_key(char *out, size_t cap, const char *in, char fold)
{
    out[0] = '\0';
    if (in == NULL)
        return;
    size_t len;
    pvi_text_trim(&in, &len, in);
    if (len > cap - 1)
        len = cap - 1;
    memcpy(out, in, len);
    out[len] = '\0';
    /* a cut in the middle of a character leaves bytes the check below replaces */
    int valid = pvi_utf8_valid(out);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)out[i];
        if (c < 0x20 || c == 0x7F || (!valid && c >= 0x80))
            out[i] = '?';
        else if (fold == 'l' && c >= 'A' && c <= 'Z')
            out[i] = (char)(c - 'A' + 'a');
        else if (fold == 'u' && c >= 'a' && c <= 'z')
            out[i] = (char)(c - 'a' + 'A');
    }
}

void
pvi_auth__attempt_init(struct pvi_auth__attempt *a, enum pvi_auth__realm realm, const char *address,
                       const char *password)
{
    memset(a, 0, sizeof *a);
    a->realm = realm;
    a->password = password;
    pvi_auth__account_key(a->address, sizeof a->address, address, 'l');
}

void
pvi_auth__attempt_clear(struct pvi_auth__attempt *a)
{
    free(a->hash);
    a->hash = NULL;
    sodium_memzero(a->new_hash, sizeof a->new_hash);
    pvi_ldap_person_free(a->person);
    a->person = NULL;
    pvi_session_free(a->session);
    a->session = NULL;
}

enum pvi_code
pvi_auth__audit_attempt(struct pvi_tx *tx, const struct pvi_auth__attempt *a, const char *action,
                        const char *reason)
{
    json_t *detail =
        json_pack("{s:s, s:s}", "realm", pvi_auth__realm_names[a->realm], "reason", reason);
    enum pvi_code rc = pvi_audit_append_anonymous(tx, a->account, a->address[0] ? a->address : NULL,
                                                  action, "session", detail);
    json_decref(detail);
    return rc;
}

static struct pvi_stmt lock_account_stmt =
    PVI_STMT("SELECT pg_advisory_xact_lock(hashtextextended($1 || ':' || $2, 0))");
/* clang-format off */
static struct pvi_stmt count_account_stmt = PVI_STMT(
    "SELECT count(*) AS n, " EPOCH_US("max(at)") " AS last FROM login_failures"
    " WHERE realm = $1 AND account = $2 AND at > $3");
static struct pvi_stmt count_address_stmt = PVI_STMT(
    "SELECT count(*) AS n, " EPOCH_US("max(at)") " AS last FROM login_failures"
    " WHERE address = $1 AND at > $2");
/* clang-format on */
static struct pvi_stmt insert_failure_stmt =
    PVI_STMT("INSERT INTO login_failures (realm, account, address, at) VALUES ($1, $2, $3, $4)"
             " RETURNING id");
static struct pvi_stmt admin_hash_stmt =
    PVI_STMT("SELECT id, password_hash FROM admin_users WHERE email = $1");
static struct pvi_stmt client_hash_stmt =
    PVI_STMT("SELECT id, password_hash FROM clients WHERE customer_number = $1");

/* 1 when `n` failures, the last at `last`, still hold the door shut at `now`. */
static int
still_throttled(long long n, int64_t last, int threshold, int64_t now)
{
    return n >= threshold && now < last + pvi_login_delay_us(n, threshold);
}

/* Step 1: throttling, provisional failure, the stored hash. */
enum pvi_code
pvi_auth__attempt_begin_fn(struct pvi_tx *tx, void *arg)
{
    struct pvi_auth__attempt *a = arg;
    a->throttled = 0;
    a->failure_id = 0;
    a->account_id = 0;
    free(a->hash);
    a->hash = NULL;

    const char *realm = pvi_auth__realm_names[a->realm];
    int64_t now = pvi_now_us();
    char nowp[PVI_TIME_SIZE], sincep[PVI_TIME_SIZE];
    pvi_time_format(nowp, now);
    pvi_time_format(sincep, now - (int64_t)PVI_LOGIN_WINDOW_S * 1000000);
    PGresult *r = NULL;
    enum pvi_code rc;

    const char *lp[] = {realm, a->account};
    if ((rc = pvi_tx_run(tx, NULL, &lock_account_stmt, 2, lp)) != PVI_OK)
        return rc;

    const char *cp[] = {realm, a->account, sincep};
    if ((rc = pvi_tx_run(tx, &r, &count_account_stmt, 3, cp)) != PVI_OK)
        return rc;
    long long n = pvi_pg_get_ll(r, 0, "n", 0);
    int64_t last = pvi_pg_get_ll(r, 0, "last", 0);
    PQclear(r);
    if (still_throttled(n, last, PVI_LOGIN_ACCOUNT_THRESHOLD, now))
        a->throttled = 1;

    if (!a->throttled && a->address[0]) {
        const char *ap[] = {a->address, sincep};
        if ((rc = pvi_tx_run(tx, &r, &count_address_stmt, 2, ap)) != PVI_OK)
            return rc;
        n = pvi_pg_get_ll(r, 0, "n", 0);
        last = pvi_pg_get_ll(r, 0, "last", 0);
        PQclear(r);
        if (still_throttled(n, last, PVI_LOGIN_ADDRESS_THRESHOLD, now))
            a->throttled = 1;
    }
    if (a->throttled)
        return pvi_auth__audit_attempt(tx, a, "login.throttled", "throttled");

    const char *fp[] = {realm, a->account, a->address, nowp};
    if ((rc = pvi_tx_run(tx, &r, &insert_failure_stmt, 4, fp)) != PVI_OK)
        return rc;
    a->failure_id = pvi_pg_get_ll(r, 0, "id", 0);
    PQclear(r);

    struct pvi_stmt *st = a->realm == PVI_AUTH__REALM_ADMIN    ? &admin_hash_stmt
                          : a->realm == PVI_AUTH__REALM_CLIENT ? &client_hash_stmt
                                                               : NULL;
    if (st == NULL)
        return PVI_OK;
    const char *hp[] = {a->account};
    if ((rc = pvi_tx_run(tx, &r, st, 1, hp)) != PVI_OK)
        return rc;
    if (PQntuples(r) == 1) {
        a->account_id = pvi_pg_get_ll(r, 0, "id", 0);
        a->hash = pvi_strdup(pvi_pg_get(r, 0, "password_hash"));
    }
    PQclear(r);
    return PVI_OK;
}

static struct pvi_stmt clear_failures_stmt =
    PVI_STMT("DELETE FROM login_failures WHERE realm = $1 AND account = $2");
static struct pvi_stmt client_failed_stmt =
    PVI_STMT("UPDATE clients SET failed_logins = failed_logins + 1 WHERE id = $1");

enum pvi_code
pvi_auth__clear_failures(struct pvi_tx *tx, const struct pvi_auth__attempt *a)
{
    const char *p[] = {pvi_auth__realm_names[a->realm], a->account};
    return pvi_tx_run(tx, NULL, &clear_failures_stmt, 2, p);
}

/* The attempt failed: audit it (and count it on the client). */
enum pvi_code
pvi_auth__record_failure(struct pvi_tx *tx, struct pvi_auth__attempt *a, enum pvi_code why)
{
    enum pvi_code rc;
    a->result = why;
    if (a->realm == PVI_AUTH__REALM_CLIENT && a->account_id && why == PVI_BAD_CREDENTIALS) {
        char idp[24];
        pvi_int_text(idp, a->account_id);
        const char *p[] = {idp};
        if ((rc = pvi_tx_run(tx, NULL, &client_failed_stmt, 1, p)) != PVI_OK)
            return rc;
    }
    return pvi_auth__audit_attempt(tx, a, "login.failure", pvi_code_name(why));
}
