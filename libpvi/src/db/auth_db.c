/* auth_db.c — the database side of authentication: logins with throttling
 * and audit, sessions, admin accounts, client passwords and API keys.
 *
 * A login runs in three steps so that no pooled connection is held while
 * argon2id (≈ 0.1 s, 64 MiB) or the directory works:
 *   1. a transaction checks the throttling counters (under an advisory lock
 *      on the account), records the attempt as a failure straight away (so
 *      that concurrent guesses count) and reads the account's hash;
 *   2. the password is verified outside any transaction (a new hash is made
 *      there when the stored one is weaker);
 *   3. a transaction writes the outcome: on success it re-reads the account
 *      (locked FOR UPDATE), clears the account's failures, stores the new
 *      hash if the old one is still in place, creates the session and
 *      audits "login.success"; on failure it audits "login.failure".
 * Transaction functions reset their outputs first: the runner may call them
 * again after a serialization failure. */
#include "audit.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_clock.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_validate.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EPOCH_US(col) "(extract(epoch FROM " col ") * 1000000)::bigint"
#define ACCOUNT_KEY_MAX 254
#define MINUTE_US ((int64_t)60 * 1000000)
#define DAY_US ((int64_t)24 * 3600 * 1000000)

/* ---- small helpers ---- */

static int
is_admin_or_system(const struct pvi_actor *a)
{
    return a != NULL && (a->role == PVI_ROLE_ADMIN || a->role == PVI_ROLE_SYSTEM);
}

static const char *
kind_of_role(enum pvi_role r)
{
    return pvi_role_name(r);
}

static int
role_of_kind(enum pvi_role *out, const char *kind)
{
    static const enum pvi_role roles[] = {PVI_ROLE_ADMIN, PVI_ROLE_OPERATOR, PVI_ROLE_CLIENT};
    for (size_t i = 0; kind && i < PVI_COUNT_OF(roles); i++)
        if (strcmp(kind, pvi_role_name(roles[i])) == 0) {
            *out = roles[i];
            return 0;
        }
    return -1;
}

/* Copies in, trimmed of blanks (pvi_text_trim), into out (at most cap−1 bytes),
 * lower- or upper-cased (ASCII) when fold is 'l' or 'u'. Text that is not
 * valid UTF-8 has its non-ASCII bytes and control characters replaced by
 * '?', so that it can be stored and audited. */
static void
account_key(char *out, size_t cap, const char *in, char fold)
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

/* "\x…" text form of a 32-byte digest given in hex, for a bytea parameter. */
static void
bytea_param(char out[static 67], const char hex[static 65])
{
    out[0] = '\\';
    out[1] = 'x';
    memcpy(out + 2, hex, 65);
}

static long long
cmd_tuples(PGresult *r)
{
    return strtoll(PQcmdTuples(r), NULL, 10);
}

static int
is_true(const char *v)
{
    return v != NULL && v[0] == 't';
}

/* Runs a statement expected to succeed; returns the failure code or PVI_OK,
 * handing the result (if wanted) to *out. */
static enum pvi_code
exec(struct pvi_tx *tx, PGresult **out, struct pvi_stmt *st, int n, const char *const *p)
{
    PGresult *r = pvi_tx_exec(tx, st, n, p);
    if (out)
        *out = r;
    if (r == NULL)
        return pvi_tx_failure(tx);
    if (out == NULL)
        PQclear(r);
    return PVI_OK;
}

static const char *
scopes_list(char out[static 64], unsigned scopes, char open, char close, int quoted)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{PVI_SCOPE_SITES_READ, "sites:read"},
                 {PVI_SCOPE_SITES_WRITE, "sites:write"},
                 {PVI_SCOPE_WORKFLOW, "workflow"}};
    size_t len = 0;
    if (open)
        out[len++] = open;
    for (size_t i = 0; i < PVI_COUNT_OF(names); i++) {
        if (!(scopes & names[i].bit))
            continue;
        len += (size_t)snprintf(out + len, 64 - len, "%s%s%s%s", len > (open ? 1u : 0u) ? "," : "",
                                quoted ? "\"" : "", names[i].name, quoted ? "\"" : "");
    }
    if (close)
        out[len++] = close;
    out[len] = '\0';
    return out;
}

/* ---- sessions: creation ---- */

static struct pvi_stmt session_insert_stmt =
    PVI_STMT("INSERT INTO sessions (token_hash, principal_kind, principal_id, csrf_token, address,"
             " created_at, last_seen_at, expires_at)"
             " VALUES ($1::bytea, $2, $3, $4, $5, $6, $6, $7) RETURNING id");

/* Creates a session for the principal in tx; *out (owned by the caller)
 * holds the token, given nowhere else. */
static enum pvi_code
session_create(struct pvi_tx *tx, struct pvi_session **out, enum pvi_role role, long long id,
               const char *label, const char *address)
{
    *out = NULL;
    struct pvi_auth_policy pol;
    pvi_auth_policy_get(&pol);
    int64_t now = pvi_now_us();
    struct pvi_session *s = pvi_calloc(1, sizeof *s);
    s->token = pvi_malloc(PVI_TOKEN_CHARS + 1);
    pvi_token_new(s->token);
    s->principal.csrf_token = pvi_malloc(PVI_TOKEN_CHARS + 1);
    pvi_token_new(s->principal.csrf_token);
    s->absolute_expires_at_us = now + pol.session_absolute_us;

    char hex[65], hash[67], idp[24], nowp[PVI_TIME_SIZE], expp[PVI_TIME_SIZE];
    pvi_secret_digest_hex(hex, s->token);
    bytea_param(hash, hex);
    pvi_int_text(idp, id);
    pvi_time_format(nowp, now);
    pvi_time_format(expp, s->absolute_expires_at_us);
    const char *p[] = {hash,
                       kind_of_role(role),
                       idp,
                       s->principal.csrf_token,
                       address && *address ? address : NULL,
                       nowp,
                       expp};
    PGresult *r = NULL;
    enum pvi_code rc = exec(tx, &r, &session_insert_stmt, 7, p);
    if (rc != PVI_OK) {
        pvi_session_free(s);
        return rc;
    }
    s->principal.session_id = pvi_pg_get_ll(r, 0, "id", 0);
    PQclear(r);
    s->principal.role = role;
    s->principal.id = id;
    s->principal.label = pvi_strdup(label);
    s->principal.address = address && *address ? pvi_strdup(address) : NULL;
    int64_t idle_end = now + pol.session_idle_us;
    s->principal.expires_at_us =
        idle_end < s->absolute_expires_at_us ? idle_end : s->absolute_expires_at_us;
    *out = s;
    return PVI_OK;
}

static struct pvi_stmt revoke_all_stmt =
    PVI_STMT("UPDATE sessions SET revoked_at = $3"
             " WHERE principal_kind = $1 AND principal_id = $2 AND revoked_at IS NULL");

/* Revokes every live session of a principal; *count_out their number. */
static enum pvi_code
sessions_revoke_all(struct pvi_tx *tx, long long *count_out, enum pvi_role role, long long id)
{
    char idp[24], nowp[PVI_TIME_SIZE];
    pvi_int_text(idp, id);
    pvi_time_format(nowp, pvi_now_us());
    const char *p[] = {kind_of_role(role), idp, nowp};
    PGresult *r = NULL;
    enum pvi_code rc = exec(tx, &r, &revoke_all_stmt, 3, p);
    if (rc != PVI_OK)
        return rc;
    *count_out = cmd_tuples(r);
    PQclear(r);
    return PVI_OK;
}

/* ---- logins ---- */

enum realm { REALM_ADMIN, REALM_CLIENT, REALM_OPERATOR };

static const char *const realm_names[] = {"admin", "client", "operator"};

struct attempt {
    /* input */
    enum realm realm;
    char account[ACCOUNT_KEY_MAX + 1]; /* normalised key */
    char address[64 + 1];              /* "" when unknown */
    const char *password;
    /* step 1 */
    int throttled;
    long long failure_id;
    long long account_id; /* 0: no such account (or operator: not known yet) */
    char *hash;           /* stored hash read in step 1, or NULL */
    /* step 2 */
    enum pvi_code verdict;
    int needs_rehash;
    char new_hash[PVI_PASSWORD_HASH_SIZE];
    struct pvi_ldap_person *person; /* operators */
    /* step 3 */
    enum pvi_code result;
    struct pvi_session *session;
    /* client password change */
    const char *new_password_hash;
};

static void
attempt_clear(struct attempt *a)
{
    free(a->hash);
    a->hash = NULL;
    sodium_memzero(a->new_hash, sizeof a->new_hash);
    pvi_ldap_person_free(a->person);
    a->person = NULL;
    pvi_session_free(a->session);
    a->session = NULL;
}

static enum pvi_code
audit_attempt(struct pvi_tx *tx, const struct attempt *a, const char *action, const char *reason)
{
    json_t *detail = json_pack("{s:s, s:s}", "realm", realm_names[a->realm], "reason", reason);
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
static enum pvi_code
attempt_begin_fn(struct pvi_tx *tx, void *arg)
{
    struct attempt *a = arg;
    a->throttled = 0;
    a->failure_id = 0;
    a->account_id = 0;
    free(a->hash);
    a->hash = NULL;

    const char *realm = realm_names[a->realm];
    int64_t now = pvi_now_us();
    char nowp[PVI_TIME_SIZE], sincep[PVI_TIME_SIZE];
    pvi_time_format(nowp, now);
    pvi_time_format(sincep, now - (int64_t)PVI_LOGIN_WINDOW_S * 1000000);
    PGresult *r = NULL;
    enum pvi_code rc;

    const char *lp[] = {realm, a->account};
    if ((rc = exec(tx, NULL, &lock_account_stmt, 2, lp)) != PVI_OK)
        return rc;

    const char *cp[] = {realm, a->account, sincep};
    if ((rc = exec(tx, &r, &count_account_stmt, 3, cp)) != PVI_OK)
        return rc;
    long long n = pvi_pg_get_ll(r, 0, "n", 0);
    int64_t last = pvi_pg_get_ll(r, 0, "last", 0);
    PQclear(r);
    if (still_throttled(n, last, PVI_LOGIN_ACCOUNT_THRESHOLD, now))
        a->throttled = 1;

    if (!a->throttled && a->address[0]) {
        const char *ap[] = {a->address, sincep};
        if ((rc = exec(tx, &r, &count_address_stmt, 2, ap)) != PVI_OK)
            return rc;
        n = pvi_pg_get_ll(r, 0, "n", 0);
        last = pvi_pg_get_ll(r, 0, "last", 0);
        PQclear(r);
        if (still_throttled(n, last, PVI_LOGIN_ADDRESS_THRESHOLD, now))
            a->throttled = 1;
    }
    if (a->throttled)
        return audit_attempt(tx, a, "login.throttled", "throttled");

    const char *fp[] = {realm, a->account, a->address, nowp};
    if ((rc = exec(tx, &r, &insert_failure_stmt, 4, fp)) != PVI_OK)
        return rc;
    a->failure_id = pvi_pg_get_ll(r, 0, "id", 0);
    PQclear(r);

    struct pvi_stmt *st = a->realm == REALM_ADMIN    ? &admin_hash_stmt
                          : a->realm == REALM_CLIENT ? &client_hash_stmt
                                                     : NULL;
    if (st == NULL)
        return PVI_OK;
    const char *hp[] = {a->account};
    if ((rc = exec(tx, &r, st, 1, hp)) != PVI_OK)
        return rc;
    if (PQntuples(r) == 1) {
        a->account_id = pvi_pg_get_ll(r, 0, "id", 0);
        a->hash = pvi_strdup(pvi_pg_get(r, 0, "password_hash"));
    }
    PQclear(r);
    return PVI_OK;
}

/* Step 2 for password realms: verify (against the dummy hash when there is
 * no account or no password), and prepare a stronger hash if needed. */
static void
attempt_verify(struct attempt *a)
{
    a->verdict = pvi_password_verify(&a->needs_rehash, a->hash, a->password);
    a->new_hash[0] = '\0';
    if (a->verdict == PVI_OK && a->needs_rehash &&
        pvi_password_hash(a->new_hash, a->password) != PVI_OK)
        a->new_hash[0] = '\0'; /* keep the old hash; try again next time */
}

static struct pvi_stmt clear_failures_stmt =
    PVI_STMT("DELETE FROM login_failures WHERE realm = $1 AND account = $2");
static struct pvi_stmt forget_failure_stmt = PVI_STMT("DELETE FROM login_failures WHERE id = $1");
static struct pvi_stmt client_failed_stmt =
    PVI_STMT("UPDATE clients SET failed_logins = failed_logins + 1 WHERE id = $1");

static enum pvi_code
clear_failures(struct pvi_tx *tx, const struct attempt *a)
{
    const char *p[] = {realm_names[a->realm], a->account};
    return exec(tx, NULL, &clear_failures_stmt, 2, p);
}

/* The attempt failed: audit it (and count it on the client). */
static enum pvi_code
record_failure(struct pvi_tx *tx, struct attempt *a, enum pvi_code why)
{
    enum pvi_code rc;
    a->result = why;
    if (a->realm == REALM_CLIENT && a->account_id && why == PVI_BAD_CREDENTIALS) {
        char idp[24];
        pvi_int_text(idp, a->account_id);
        const char *p[] = {idp};
        if ((rc = exec(tx, NULL, &client_failed_stmt, 1, p)) != PVI_OK)
            return rc;
    }
    return audit_attempt(tx, a, "login.failure", pvi_code_name(why));
}

static enum pvi_code
record_success(struct pvi_tx *tx, struct attempt *a, enum pvi_role role, long long id,
               const char *label)
{
    enum pvi_code rc = session_create(tx, &a->session, role, id, label, a->address);
    if (rc != PVI_OK)
        return rc;
    struct pvi_actor actor = pvi_principal_actor(&a->session->principal);
    json_t *after = json_pack("{s:s}", "realm", realm_names[a->realm]);
    rc = pvi_audit_append(tx, &actor, "login.success", "session", a->session->principal.session_id,
                          0, NULL, after);
    json_decref(after);
    if (rc == PVI_OK)
        a->result = PVI_OK;
    return rc;
}

static struct pvi_stmt admin_lock_stmt =
    PVI_STMT("SELECT email, active, password_hash FROM admin_users WHERE id = $1 FOR UPDATE");
static struct pvi_stmt admin_rehash_stmt =
    PVI_STMT("UPDATE admin_users SET password_hash = $2 WHERE id = $1");
static struct pvi_stmt client_lock_stmt =
    PVI_STMT("SELECT customer_number, active, locked, password_hash, failed_logins FROM clients"
             " WHERE id = $1 FOR UPDATE");
static struct pvi_stmt client_success_stmt =
    PVI_STMT("UPDATE clients SET password_hash = coalesce($2, password_hash), failed_logins = 0"
             " WHERE id = $1");

/* Step 3 for admins and clients. */
static enum pvi_code
login_finish_fn(struct pvi_tx *tx, void *arg)
{
    struct attempt *a = arg;
    pvi_session_free(a->session);
    a->session = NULL;
    a->result = PVI_INTERNAL;
    if (a->verdict != PVI_OK)
        return record_failure(tx, a, PVI_BAD_CREDENTIALS);

    enum pvi_code rc;
    if ((rc = clear_failures(tx, a)) != PVI_OK)
        return rc;
    char idp[24];
    pvi_int_text(idp, a->account_id);
    const char *p[] = {idp};
    PGresult *r = NULL;
    int admin = a->realm == REALM_ADMIN;
    if ((rc = exec(tx, &r, admin ? &admin_lock_stmt : &client_lock_stmt, 1, p)) != PVI_OK)
        return rc;
    if (PQntuples(r) != 1) { /* deleted in the meantime */
        PQclear(r);
        return record_failure(tx, a, PVI_BAD_CREDENTIALS);
    }
    int enabled =
        is_true(pvi_pg_get(r, 0, "active")) && (admin || !is_true(pvi_pg_get(r, 0, "locked")));
    const char *stored = pvi_pg_get(r, 0, "password_hash");
    /* store the stronger hash only if nobody changed the password meanwhile */
    int rehash = a->new_hash[0] && stored && a->hash && strcmp(stored, a->hash) == 0;
    char *label = pvi_strdup(pvi_pg_get(r, 0, admin ? "email" : "customer_number"));
    int had_failures = !admin && pvi_pg_get_ll(r, 0, "failed_logins", 0) != 0;
    PQclear(r);

    if (!enabled) {
        free(label);
        return record_failure(tx, a, PVI_ACCOUNT_LOCKED);
    }
    const char *up[] = {idp, rehash ? a->new_hash : NULL};
    if (admin && rehash)
        rc = exec(tx, NULL, &admin_rehash_stmt, 2, up);
    else if (!admin && (rehash || had_failures))
        rc = exec(tx, NULL, &client_success_stmt, 2, up);
    if (rc == PVI_OK)
        rc = record_success(tx, a, admin ? PVI_ROLE_ADMIN : PVI_ROLE_CLIENT, a->account_id, label);
    free(label);
    return rc;
}

/* Runs steps 1–3 of a password login. */
static enum pvi_code
password_login(struct pvi_db *db, struct pvi_session **session_out, struct attempt *a)
{
    enum pvi_code rc = pvi_db_run_tx(db, attempt_begin_fn, a);
    if (rc != PVI_OK)
        goto cleanup;
    if (a->throttled) {
        rc = PVI_LOGIN_THROTTLED;
        goto cleanup;
    }
    attempt_verify(a);
    rc = pvi_db_run_tx(db, login_finish_fn, a);
    if (rc != PVI_OK)
        goto cleanup;
    rc = a->result;
    if (rc == PVI_OK) {
        *session_out = a->session;
        a->session = NULL;
    }

cleanup:
    attempt_clear(a);
    return rc;
}

static void
attempt_init(struct attempt *a, enum realm realm, const char *address, const char *password)
{
    memset(a, 0, sizeof *a);
    a->realm = realm;
    a->password = password;
    account_key(a->address, sizeof a->address, address, 'l');
}

enum pvi_code
pvi_login_admin(struct pvi_db *db, struct pvi_session **session_out, const char *email,
                const char *password, const char *address)
{
    *session_out = NULL;
    if (password == NULL || *password == '\0')
        return PVI_EMPTY_PASSWORD;
    struct attempt a;
    attempt_init(&a, REALM_ADMIN, address, password);
    account_key(a.account, sizeof a.account, email, 'l');
    return password_login(db, session_out, &a);
}

enum pvi_code
pvi_login_client(struct pvi_db *db, struct pvi_session **session_out, const char *customer_number,
                 const char *password, const char *address)
{
    *session_out = NULL;
    if (password == NULL || *password == '\0')
        return PVI_EMPTY_PASSWORD;
    struct attempt a;
    attempt_init(&a, REALM_CLIENT, address, password);
    char canon[11];
    if (customer_number && pvi_customer_number_normalize(canon, customer_number) == PVI_OK)
        snprintf(a.account, sizeof a.account, "%s", canon);
    else
        account_key(a.account, 64 + 1, customer_number, 'u');
    return password_login(db, session_out, &a);
}

/* ---- operators ---- */

static struct pvi_stmt operator_upsert_stmt =
    PVI_STMT("INSERT INTO operators (ldap_uid, ldap_dn, display_name, email, last_login_at)"
             " VALUES ($1, $2, $3, $4, $5)"
             " ON CONFLICT (ldap_uid) DO UPDATE SET ldap_dn = EXCLUDED.ldap_dn,"
             "  display_name = EXCLUDED.display_name, email = EXCLUDED.email,"
             "  last_login_at = CASE WHEN operators.active THEN EXCLUDED.last_login_at"
             "                  ELSE operators.last_login_at END"
             " RETURNING id, active, (xmax = 0) AS inserted");

/* Step 3 for operators. */
static enum pvi_code
operator_finish_fn(struct pvi_tx *tx, void *arg)
{
    struct attempt *a = arg;
    pvi_session_free(a->session);
    a->session = NULL;
    a->result = PVI_INTERNAL;
    enum pvi_code rc;

    if (a->verdict == PVI_DIRECTORY_DOWN || a->verdict == PVI_CONFIG ||
        a->verdict == PVI_INTERNAL) {
        /* not the user's fault: the attempt does not count against them */
        char idp[24];
        pvi_int_text(idp, a->failure_id);
        const char *p[] = {idp};
        if ((rc = exec(tx, NULL, &forget_failure_stmt, 1, p)) != PVI_OK)
            return rc;
        return record_failure(tx, a, a->verdict);
    }
    if (a->verdict != PVI_OK)
        return record_failure(
            tx, a, a->verdict == PVI_NOT_IN_GROUP ? PVI_NOT_IN_GROUP : PVI_BAD_CREDENTIALS);

    if ((rc = clear_failures(tx, a)) != PVI_OK)
        return rc;
    const struct pvi_ldap_person *p = a->person;
    char nowp[PVI_TIME_SIZE];
    pvi_time_format(nowp, pvi_now_us());
    const char *up[] = {p->uid, p->dn, p->display_name, p->email, nowp};
    PGresult *r = NULL;
    if ((rc = exec(tx, &r, &operator_upsert_stmt, 5, up)) != PVI_OK)
        return rc;
    long long id = pvi_pg_get_ll(r, 0, "id", 0);
    int active = is_true(pvi_pg_get(r, 0, "active"));
    int inserted = is_true(pvi_pg_get(r, 0, "inserted"));
    PQclear(r);
    if (inserted) {
        struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM,
                                .label = "directory",
                                .address = a->address[0] ? a->address : NULL};
        json_t *after = json_pack("{s:s, s:s, s:s, s:s?}", "ldap_uid", p->uid, "ldap_dn", p->dn,
                                  "display_name", p->display_name, "email", p->email);
        rc = pvi_audit_append(tx, &sys, "operator.provision", "operator", id, 0, NULL, after);
        json_decref(after);
        if (rc != PVI_OK)
            return rc;
    }
    if (!active)
        return record_failure(tx, a, PVI_ACCOUNT_LOCKED);
    return record_success(tx, a, PVI_ROLE_OPERATOR, id, p->uid);
}

enum pvi_code
pvi_login_operator(struct pvi_db *db, struct pvi_session **session_out,
                   const struct pvi_ldap_config *cfg, const char *uid, const char *password,
                   const char *address)
{
    *session_out = NULL;
    if (password == NULL || *password == '\0')
        return PVI_EMPTY_PASSWORD;
    struct attempt a;
    attempt_init(&a, REALM_OPERATOR, address, password);
    account_key(a.account, sizeof a.account, uid, 'l');
    char *typed = pvi_text_trim_dup(uid ? uid : "");

    enum pvi_code rc = pvi_db_run_tx(db, attempt_begin_fn, &a);
    if (rc != PVI_OK)
        goto cleanup;
    if (a.throttled) {
        rc = PVI_LOGIN_THROTTLED;
        goto cleanup;
    }
    a.verdict = pvi_ldap_authenticate(&a.person, cfg, typed, password);
    rc = pvi_db_run_tx(db, operator_finish_fn, &a);
    if (rc != PVI_OK)
        goto cleanup;
    rc = a.result;
    if (rc == PVI_OK) {
        *session_out = a.session;
        a.session = NULL;
    }

cleanup:
    free(typed);
    attempt_clear(&a);
    return rc;
}

/* ---- sessions: checking, logout, rotation ---- */

/* clang-format off */
#define SESSION_SELECT                                                                       \
    "SELECT s.id, s.principal_kind, s.principal_id, s.csrf_token,"                           \
    " encode(s.token_hash, 'hex') AS digest, " EPOCH_US("s.last_seen_at") " AS seen, "       \
    EPOCH_US("s.expires_at") " AS expires, (s.revoked_at IS NOT NULL) AS revoked,"           \
    " coalesce(a.email, o.ldap_uid, c.customer_number) AS label,"                            \
    " coalesce(CASE s.principal_kind WHEN 'admin' THEN a.active"                             \
    "  WHEN 'operator' THEN o.active"                                                        \
    "  WHEN 'client' THEN c.active AND NOT c.locked END, false) AS enabled"                  \
    " FROM sessions s"                                                                       \
    " LEFT JOIN admin_users a ON s.principal_kind = 'admin' AND a.id = s.principal_id"       \
    " LEFT JOIN operators o ON s.principal_kind = 'operator' AND o.id = s.principal_id"      \
    " LEFT JOIN clients c ON s.principal_kind = 'client' AND c.id = s.principal_id"          \
    " WHERE s.token_hash = $1::bytea"
/* clang-format on */

static struct pvi_stmt session_get_stmt = PVI_STMT(SESSION_SELECT);
static struct pvi_stmt session_get_locked_stmt = PVI_STMT(SESSION_SELECT " FOR UPDATE OF s");
static struct pvi_stmt session_touch_stmt =
    PVI_STMT("UPDATE sessions SET last_seen_at = $2 WHERE id = $1");
static struct pvi_stmt session_revoke_stmt =
    PVI_STMT("UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL");

struct session_row {
    long long id;
    enum pvi_role role;
    long long principal_id;
    char *label;
    char *csrf;
    int64_t seen_us;
    int64_t expires_us;
    int revoked;
    int enabled;
};

static void
session_row_clear(struct session_row *s)
{
    free(s->label);
    free(s->csrf);
    memset(s, 0, sizeof *s);
}

struct session_op {
    char digest[65]; /* hex SHA-256 of the token */
    const char *address;
    /* results */
    enum pvi_code result;
    struct pvi_principal *principal; /* check */
    struct pvi_session *session;     /* rotate */
};

/* Reads the session of op->digest: PVI_OK with *found 0 or 1. */
static enum pvi_code
session_load(struct pvi_tx *tx, struct session_row *out, int *found, const char *digest,
             int for_update)
{
    memset(out, 0, sizeof *out);
    *found = 0;
    char hash[67];
    bytea_param(hash, digest);
    const char *p[] = {hash};
    PGresult *r = NULL;
    enum pvi_code rc =
        exec(tx, &r, for_update ? &session_get_locked_stmt : &session_get_stmt, 1, p);
    if (rc != PVI_OK)
        return rc;
    const char *stored = PQntuples(r) == 1 ? pvi_pg_get(r, 0, "digest") : NULL;
    /* the lookup was by hash already; compare again in constant time anyway */
    if (stored && strlen(stored) == 64 && sodium_memcmp(stored, digest, 64) == 0 &&
        role_of_kind(&out->role, pvi_pg_get(r, 0, "principal_kind")) == 0) {
        out->id = pvi_pg_get_ll(r, 0, "id", 0);
        out->principal_id = pvi_pg_get_ll(r, 0, "principal_id", 0);
        out->label = pvi_strdup(pvi_pg_get(r, 0, "label"));
        out->csrf = pvi_strdup(pvi_pg_get(r, 0, "csrf_token"));
        out->seen_us = pvi_pg_get_ll(r, 0, "seen", 0);
        out->expires_us = pvi_pg_get_ll(r, 0, "expires", 0);
        out->revoked = is_true(pvi_pg_get(r, 0, "revoked"));
        out->enabled = is_true(pvi_pg_get(r, 0, "enabled"));
        if (out->label == NULL)
            out->label = pvi_strdup("?");
        *found = 1;
    }
    PQclear(r);
    return PVI_OK;
}

/* PVI_OK if the session may be used at now; else why not. */
static enum pvi_code
session_verdict(const struct session_row *s, int64_t now)
{
    struct pvi_auth_policy pol;
    pvi_auth_policy_get(&pol);
    if (s->revoked || now >= s->expires_us || now >= s->seen_us + pol.session_idle_us)
        return PVI_SESSION_EXPIRED;
    if (!s->enabled)
        return PVI_ACCOUNT_LOCKED;
    return PVI_OK;
}

static enum pvi_code
session_revoke(struct pvi_tx *tx, long long id, int64_t now)
{
    char idp[24], nowp[PVI_TIME_SIZE];
    pvi_int_text(idp, id);
    pvi_time_format(nowp, now);
    const char *p[] = {idp, nowp};
    return exec(tx, NULL, &session_revoke_stmt, 2, p);
}

/* The session's account was disabled or locked: end the session. */
static enum pvi_code
revoke_disabled(struct pvi_tx *tx, const struct session_row *s, const char *address, int64_t now)
{
    enum pvi_code rc = session_revoke(tx, s->id, now);
    if (rc != PVI_OK)
        return rc;
    struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "auth", .address = address};
    json_t *after = json_pack("{s:s, s:s, s:I}", "reason", "account_disabled", "principal_kind",
                              kind_of_role(s->role), "principal_id", (json_int_t)s->principal_id);
    rc = pvi_audit_append(tx, &sys, "session.revoke", "session", s->id, 0, NULL, after);
    json_decref(after);
    return rc;
}

/* Loads the session token names (locked when for_update) and judges it:
 * op->result gets the verdict, PVI_UNAUTHENTICATED when there is none; the
 * sessions of a disabled account are revoked. *loaded says whether s was
 * filled (and must be cleared). */
static enum pvi_code
session_judge(struct pvi_tx *tx, struct session_op *op, struct session_row *s, int for_update,
              int64_t now, int *loaded)
{
    int found = 0;
    enum pvi_code rc = session_load(tx, s, &found, op->digest, for_update);
    *loaded = rc == PVI_OK && found;
    if (rc != PVI_OK)
        return rc;
    if (!found) {
        op->result = PVI_UNAUTHENTICATED;
        return PVI_OK;
    }
    op->result = session_verdict(s, now);
    if (op->result == PVI_ACCOUNT_LOCKED)
        rc = revoke_disabled(tx, s, op->address, now);
    return rc;
}

static enum pvi_code
session_check_fn(struct pvi_tx *tx, void *arg)
{
    struct session_op *op = arg;
    pvi_principal_free(op->principal);
    op->principal = NULL;
    struct session_row s;
    int loaded = 0;
    int64_t now = pvi_now_us();
    enum pvi_code rc = session_judge(tx, op, &s, 0, now, &loaded);
    if (!loaded)
        return rc;
    if (op->result != PVI_OK)
        goto cleanup;

    struct pvi_auth_policy pol;
    pvi_auth_policy_get(&pol);
    if (now - s.seen_us >= pol.session_touch_us) {
        char idp[24], nowp[PVI_TIME_SIZE];
        pvi_int_text(idp, s.id);
        pvi_time_format(nowp, now);
        const char *p[] = {idp, nowp};
        if ((rc = exec(tx, NULL, &session_touch_stmt, 2, p)) != PVI_OK)
            goto cleanup;
        s.seen_us = now;
    }
    struct pvi_principal *pr = pvi_calloc(1, sizeof *pr);
    pr->role = s.role;
    pr->id = s.principal_id;
    pr->label = s.label;
    s.label = NULL;
    pr->csrf_token = s.csrf;
    s.csrf = NULL;
    pr->address = op->address && *op->address ? pvi_strdup(op->address) : NULL;
    pr->session_id = s.id;
    int64_t idle_end = s.seen_us + pol.session_idle_us;
    pr->expires_at_us = idle_end < s.expires_us ? idle_end : s.expires_us;
    op->principal = pr;

cleanup:
    session_row_clear(&s);
    return rc;
}

/* Runs fn on the session that token names; gives the transaction's error,
 * else fn's verdict (op->result). */
static enum pvi_code
session_run(struct pvi_db *db, pvi_tx_fn fn, struct session_op *op, const char *token)
{
    if (!pvi_token_well_formed(token))
        return PVI_UNAUTHENTICATED;
    pvi_secret_digest_hex(op->digest, token);
    enum pvi_code rc = pvi_db_run_tx(db, fn, op);
    return rc == PVI_OK ? op->result : rc;
}

enum pvi_code
pvi_session_check(struct pvi_db *db, struct pvi_principal **principal_out, const char *token,
                  const char *address)
{
    *principal_out = NULL;
    struct session_op op = {.address = address};
    enum pvi_code rc = session_run(db, session_check_fn, &op, token);
    if (rc == PVI_OK) {
        *principal_out = op.principal;
        op.principal = NULL;
    }
    pvi_principal_free(op.principal);
    return rc;
}

static enum pvi_code
logout_fn(struct pvi_tx *tx, void *arg)
{
    struct session_op *op = arg;
    struct session_row s;
    int found = 0;
    int64_t now = pvi_now_us();
    enum pvi_code rc = session_load(tx, &s, &found, op->digest, 1);
    if (rc != PVI_OK || !found)
        return rc;
    if (session_verdict(&s, now) == PVI_SESSION_EXPIRED)
        goto cleanup; /* nothing left to end */
    if ((rc = session_revoke(tx, s.id, now)) != PVI_OK)
        goto cleanup;
    struct pvi_actor actor = {
        .role = s.role, .id = s.principal_id, .label = s.label, .address = op->address};
    rc = pvi_audit_append(tx, &actor, "logout", "session", s.id, 0, NULL, NULL);

cleanup:
    session_row_clear(&s);
    return rc;
}

enum pvi_code
pvi_session_logout(struct pvi_db *db, const char *token)
{
    if (!pvi_token_well_formed(token))
        return PVI_OK;
    struct session_op op = {0};
    pvi_secret_digest_hex(op.digest, token);
    return pvi_db_run_tx(db, logout_fn, &op);
}

static enum pvi_code
rotate_fn(struct pvi_tx *tx, void *arg)
{
    struct session_op *op = arg;
    pvi_session_free(op->session);
    op->session = NULL;
    struct session_row s;
    int loaded = 0;
    int64_t now = pvi_now_us();
    enum pvi_code rc = session_judge(tx, op, &s, 1, now, &loaded);
    if (!loaded)
        return rc;
    if (op->result != PVI_OK)
        goto cleanup;
    if ((rc = session_revoke(tx, s.id, now)) != PVI_OK)
        goto cleanup;
    if ((rc = session_create(tx, &op->session, s.role, s.principal_id, s.label, op->address)) !=
        PVI_OK)
        goto cleanup;
    struct pvi_actor actor = pvi_principal_actor(&op->session->principal);
    json_t *before = json_pack("{s:I}", "session_id", (json_int_t)s.id);
    json_t *after = json_pack("{s:I}", "session_id", (json_int_t)op->session->principal.session_id);
    rc = pvi_audit_append(tx, &actor, "session.rotate", "session",
                          op->session->principal.session_id, 0, before, after);
    json_decref(before);
    json_decref(after);

cleanup:
    session_row_clear(&s);
    return rc;
}

enum pvi_code
pvi_session_rotate(struct pvi_db *db, struct pvi_session **session_out, const char *token,
                   const char *address)
{
    *session_out = NULL;
    struct session_op op = {.address = address};
    enum pvi_code rc = session_run(db, rotate_fn, &op, token);
    if (rc == PVI_OK) {
        *session_out = op.session;
        op.session = NULL;
    }
    pvi_session_free(op.session);
    return rc;
}

static struct pvi_stmt prune_sessions_stmt =
    PVI_STMT("DELETE FROM sessions WHERE expires_at < $1 OR revoked_at < $1 OR last_seen_at < $2");
static struct pvi_stmt prune_failures_stmt = PVI_STMT("DELETE FROM login_failures WHERE at < $1");

struct prune_ctx {
    long long sessions, failures;
};

static enum pvi_code
prune_fn(struct pvi_tx *tx, void *arg)
{
    struct prune_ctx *c = arg;
    struct pvi_auth_policy pol;
    pvi_auth_policy_get(&pol);
    int64_t now = pvi_now_us();
    char cut[PVI_TIME_SIZE], idle_cut[PVI_TIME_SIZE], fail_cut[PVI_TIME_SIZE];
    pvi_time_format(cut, now - DAY_US);
    pvi_time_format(idle_cut, now - DAY_US - pol.session_idle_us);
    pvi_time_format(fail_cut, now - (int64_t)PVI_LOGIN_WINDOW_S * 1000000);
    const char *sp[] = {cut, idle_cut};
    PGresult *r = NULL;
    enum pvi_code rc = exec(tx, &r, &prune_sessions_stmt, 2, sp);
    if (rc != PVI_OK)
        return rc;
    c->sessions = cmd_tuples(r);
    PQclear(r);
    const char *fp[] = {fail_cut};
    if ((rc = exec(tx, &r, &prune_failures_stmt, 1, fp)) != PVI_OK)
        return rc;
    c->failures = cmd_tuples(r);
    PQclear(r);
    return PVI_OK;
}

enum pvi_code
pvi_auth_prune(struct pvi_db *db, long long *sessions_out, long long *failures_out)
{
    struct prune_ctx c = {0};
    enum pvi_code rc = pvi_db_run_tx(db, prune_fn, &c);
    if (sessions_out)
        *sessions_out = rc == PVI_OK ? c.sessions : 0;
    if (failures_out)
        *failures_out = rc == PVI_OK ? c.failures : 0;
    return rc;
}

/* ---- admin accounts ---- */

struct admin_op {
    const struct pvi_actor *actor;
    long long id;
    const char *email;
    const char *display_name;
    const char *hash;
    int active;
};

static struct pvi_stmt admin_insert_stmt =
    PVI_STMT("INSERT INTO admin_users (email, display_name, password_hash, created_at, updated_at)"
             " VALUES ($1, $2, $3, $4, $4) RETURNING id");

static enum pvi_code
admin_create_fn(struct pvi_tx *tx, void *arg)
{
    struct admin_op *op = arg;
    char nowp[PVI_TIME_SIZE];
    pvi_time_format(nowp, pvi_now_us());
    const char *p[] = {op->email, op->display_name, op->hash, nowp};
    PGresult *r = pvi_tx_exec(tx, &admin_insert_stmt, 4, p);
    if (r == NULL)
        return strcmp(tx->sqlstate, "23505") == 0 ? PVI_DUPLICATE : pvi_tx_failure(tx);
    op->id = pvi_pg_get_ll(r, 0, "id", 0);
    PQclear(r);
    json_t *after = json_pack("{s:s, s:s, s:b}", "email", op->email, "display_name",
                              op->display_name, "active", 1);
    enum pvi_code rc =
        pvi_audit_append(tx, op->actor, "admin.create", "admin_user", op->id, 0, NULL, after);
    json_decref(after);
    return rc;
}

enum pvi_code
pvi_admin_create(struct pvi_db *db, long long *id_out, const struct pvi_actor *actor,
                 const char *email, const char *display_name, const char *password)
{
    enum pvi_code rc = PVI_INTERNAL;
    char *name = NULL;
    char addr[ACCOUNT_KEY_MAX + 2];
    char hash[PVI_PASSWORD_HASH_SIZE] = "";
    if (id_out)
        *id_out = 0;

    if (!is_admin_or_system(actor)) {
        rc = PVI_FORBIDDEN;
        goto cleanup;
    }
    account_key(addr, sizeof addr, email, 'l');
    if (email == NULL || strlen(addr) > PVI_EMAIL_MAX || pvi_email_check(addr) != PVI_OK) {
        rc = PVI_BAD_EMAIL;
        goto cleanup;
    }
    name = pvi_text_trim_dup(display_name ? display_name : "");
    if (*name == '\0') {
        rc = PVI_REQUIRED;
        goto cleanup;
    }
    if (!pvi_utf8_valid(name)) {
        rc = PVI_BAD_VALUE;
        goto cleanup;
    }
    if (pvi_utf8_length(name) > PVI_ADMIN_DISPLAY_NAME_MAX) {
        rc = PVI_TOO_LONG;
        goto cleanup;
    }
    if ((rc = pvi_password_policy_check(password)) != PVI_OK)
        goto cleanup;
    if ((rc = pvi_password_hash(hash, password)) != PVI_OK)
        goto cleanup;

    struct admin_op op = {.actor = actor, .email = addr, .display_name = name, .hash = hash};
    rc = pvi_db_run_tx(db, admin_create_fn, &op);
    if (rc == PVI_OK && id_out)
        *id_out = op.id;

cleanup:
    free(name);
    return rc;
}

static struct pvi_stmt admin_get_active_stmt =
    PVI_STMT("SELECT active FROM admin_users WHERE id = $1 FOR UPDATE");
static struct pvi_stmt admin_set_active_stmt = PVI_STMT(
    "UPDATE admin_users SET active = $2, updated_at = $3, version = version + 1 WHERE id = $1");

static enum pvi_code
admin_set_active_fn(struct pvi_tx *tx, void *arg)
{
    struct admin_op *op = arg;
    char idp[24], nowp[PVI_TIME_SIZE];
    pvi_int_text(idp, op->id);
    pvi_time_format(nowp, pvi_now_us());
    const char *p[] = {idp, op->active ? "true" : "false", nowp};
    PGresult *r = NULL;
    enum pvi_code rc = exec(tx, &r, &admin_get_active_stmt, 1, p);
    if (rc != PVI_OK)
        return rc;
    int found = PQntuples(r) == 1;
    int was = found && is_true(pvi_pg_get(r, 0, "active"));
    PQclear(r);
    if (!found)
        return PVI_NOT_FOUND;
    if (was == op->active)
        return PVI_OK;
    if ((rc = exec(tx, NULL, &admin_set_active_stmt, 3, p)) != PVI_OK)
        return rc;
    long long revoked = 0;
    if (!op->active && (rc = sessions_revoke_all(tx, &revoked, PVI_ROLE_ADMIN, op->id)) != PVI_OK)
        return rc;
    json_t *before = json_pack("{s:b}", "active", was);
    json_t *after =
        json_pack("{s:b, s:I}", "active", op->active, "sessions_revoked", (json_int_t)revoked);
    rc = pvi_audit_append(tx, op->actor, op->active ? "admin.enable" : "admin.disable",
                          "admin_user", op->id, 0, before, after);
    json_decref(before);
    json_decref(after);
    return rc;
}

enum pvi_code
pvi_admin_set_active(struct pvi_db *db, const struct pvi_actor *actor, long long admin_id,
                     int active)
{
    if (!is_admin_or_system(actor))
        return PVI_FORBIDDEN;
    if (!active && actor->role == PVI_ROLE_ADMIN && actor->id == admin_id)
        return PVI_FORBIDDEN; /* nobody locks themselves out */
    struct admin_op op = {.actor = actor, .id = admin_id, .active = active ? 1 : 0};
    return pvi_db_run_tx(db, admin_set_active_fn, &op);
}

static struct pvi_stmt admin_set_password_stmt =
    PVI_STMT("UPDATE admin_users SET password_hash = $2, updated_at = $3, version = version + 1"
             " WHERE id = $1");

static enum pvi_code
admin_set_password_fn(struct pvi_tx *tx, void *arg)
{
    struct admin_op *op = arg;
    char idp[24], nowp[PVI_TIME_SIZE];
    pvi_int_text(idp, op->id);
    pvi_time_format(nowp, pvi_now_us());
    const char *p[] = {idp, op->hash, nowp};
    PGresult *r = NULL;
    enum pvi_code rc = exec(tx, &r, &admin_set_password_stmt, 3, p);
    if (rc != PVI_OK)
        return rc;
    long long n = cmd_tuples(r);
    PQclear(r);
    if (n != 1)
        return PVI_NOT_FOUND;
    long long revoked = 0;
    if ((rc = sessions_revoke_all(tx, &revoked, PVI_ROLE_ADMIN, op->id)) != PVI_OK)
        return rc;
    json_t *after = json_pack("{s:I}", "sessions_revoked", (json_int_t)revoked);
    rc = pvi_audit_append(tx, op->actor, "admin.password", "admin_user", op->id, 0, NULL, after);
    json_decref(after);
    return rc;
}

enum pvi_code
pvi_admin_set_password(struct pvi_db *db, const struct pvi_actor *actor, long long admin_id,
                       const char *password)
{
    if (!is_admin_or_system(actor))
        return PVI_FORBIDDEN;
    enum pvi_code rc = pvi_password_policy_check(password);
    if (rc != PVI_OK)
        return rc;
    char hash[PVI_PASSWORD_HASH_SIZE];
    if ((rc = pvi_password_hash(hash, password)) != PVI_OK)
        return rc;
    struct admin_op op = {.actor = actor, .id = admin_id, .hash = hash};
    return pvi_db_run_tx(db, admin_set_password_fn, &op);
}

/* ---- client passwords ---- */

struct client_pw_op {
    const struct pvi_actor *actor;
    long long id;
    const char *new_hash;
    const char *expected_hash; /* self change: the hash verified, else NULL */
    struct attempt *attempt;   /* self change: the verification, else NULL */
    char customer_number[11];
    enum pvi_code result;
};

static struct pvi_stmt client_number_stmt =
    PVI_STMT("SELECT customer_number FROM clients WHERE id = $1");
static struct pvi_stmt client_set_password_stmt =
    PVI_STMT("UPDATE clients SET password_hash = $2, failed_logins = 0, updated_at = $3,"
             " version = version + 1 WHERE id = $1 AND ($4::text IS NULL OR password_hash = $4)");

static enum pvi_code
client_number_fn(struct pvi_tx *tx, void *arg)
{
    struct client_pw_op *op = arg;
    char idp[24];
    pvi_int_text(idp, op->id);
    const char *p[] = {idp};
    PGresult *r = NULL;
    enum pvi_code rc = exec(tx, &r, &client_number_stmt, 1, p);
    if (rc != PVI_OK)
        return rc;
    op->customer_number[0] = '\0';
    if (PQntuples(r) == 1)
        snprintf(op->customer_number, sizeof op->customer_number, "%s",
                 pvi_pg_get(r, 0, "customer_number"));
    PQclear(r);
    return PVI_OK;
}

static enum pvi_code
client_set_password_fn(struct pvi_tx *tx, void *arg)
{
    struct client_pw_op *op = arg;
    enum pvi_code rc;
    op->result = PVI_INTERNAL;
    if (op->attempt && op->attempt->verdict != PVI_OK) {
        rc = record_failure(tx, op->attempt, PVI_BAD_CREDENTIALS);
        op->result = PVI_BAD_CREDENTIALS;
        return rc;
    }
    if (op->attempt && (rc = clear_failures(tx, op->attempt)) != PVI_OK)
        return rc;
    char idp[24], nowp[PVI_TIME_SIZE];
    pvi_int_text(idp, op->id);
    pvi_time_format(nowp, pvi_now_us());
    const char *p[] = {idp, op->new_hash, nowp, op->expected_hash};
    PGresult *r = NULL;
    if ((rc = exec(tx, &r, &client_set_password_stmt, 4, p)) != PVI_OK)
        return rc;
    long long n = cmd_tuples(r);
    PQclear(r);
    if (n != 1)
        return op->expected_hash ? PVI_CONFLICT : PVI_NOT_FOUND;
    long long revoked = 0;
    if ((rc = sessions_revoke_all(tx, &revoked, PVI_ROLE_CLIENT, op->id)) != PVI_OK)
        return rc;
    json_t *after = json_pack("{s:I}", "sessions_revoked", (json_int_t)revoked);
    rc = pvi_audit_append(tx, op->actor, "client.password", "client", op->id, 0, NULL, after);
    json_decref(after);
    if (rc == PVI_OK)
        op->result = PVI_OK;
    return rc;
}

enum pvi_code
pvi_client_set_password(struct pvi_db *db, const struct pvi_actor *actor, long long client_id,
                        const char *current_password, const char *new_password)
{
    enum pvi_code rc = PVI_INTERNAL;
    struct attempt a;
    memset(&a, 0, sizeof a);
    char hash[PVI_PASSWORD_HASH_SIZE] = "";
    struct client_pw_op op = {.actor = actor, .id = client_id, .new_hash = hash};
    int self = actor != NULL && actor->role == PVI_ROLE_CLIENT;

    if (!self && !is_admin_or_system(actor)) {
        rc = PVI_FORBIDDEN;
        goto cleanup;
    }
    if (self && actor->id != client_id) {
        rc = PVI_NOT_FOUND; /* another client's account does not exist for this one */
        goto cleanup;
    }
    if (self && (current_password == NULL || *current_password == '\0')) {
        rc = PVI_EMPTY_PASSWORD;
        goto cleanup;
    }
    if ((rc = pvi_password_policy_check(new_password)) != PVI_OK)
        goto cleanup;
    if ((rc = pvi_db_run_tx(db, client_number_fn, &op)) != PVI_OK)
        goto cleanup;
    if (op.customer_number[0] == '\0') {
        rc = PVI_NOT_FOUND;
        goto cleanup;
    }
    if (self) {
        /* the current password is checked like a login: throttled, counted, audited */
        attempt_init(&a, REALM_CLIENT, actor->address, current_password);
        snprintf(a.account, sizeof a.account, "%s", op.customer_number);
        if ((rc = pvi_db_run_tx(db, attempt_begin_fn, &a)) != PVI_OK)
            goto cleanup;
        if (a.throttled) {
            rc = PVI_LOGIN_THROTTLED;
            goto cleanup;
        }
        if (a.account_id != client_id) { /* renumbered meanwhile */
            rc = PVI_CONFLICT;
            goto cleanup;
        }
        a.verdict = pvi_password_verify(NULL, a.hash, current_password);
        op.attempt = &a;
        op.expected_hash = a.hash;
    }
    if (a.verdict == PVI_OK && (rc = pvi_password_hash(hash, new_password)) != PVI_OK)
        goto cleanup;
    rc = pvi_db_run_tx(db, client_set_password_fn, &op);
    if (rc == PVI_OK)
        rc = op.result;

cleanup:
    sodium_memzero(hash, sizeof hash);
    attempt_clear(&a);
    return rc;
}

/* ---- API keys ---- */

struct apikey_op {
    const struct pvi_actor *actor;
    long long id;
    char prefix[PVI_APIKEY_PREFIX_CHARS + 1];
    char digest[65];
    const char *name;
    unsigned scopes;
    int rate;
    /* check */
    enum pvi_code result;
    struct pvi_principal *principal;
    /* list */
    struct pvi_apikey_list *list;
};

static struct pvi_stmt apikey_insert_stmt =
    PVI_STMT("INSERT INTO api_keys (prefix, key_hash, name, scopes, rate_per_minute, created_by,"
             " created_at) VALUES ($1, $2::bytea, $3, $4::text[], $5, $6, $7) RETURNING id");

static enum pvi_code
apikey_create_fn(struct pvi_tx *tx, void *arg)
{
    struct apikey_op *op = arg;
    char hash[67], scopes[64], rate[24], by[24], nowp[PVI_TIME_SIZE];
    bytea_param(hash, op->digest);
    scopes_list(scopes, op->scopes, '{', '}', 0);
    pvi_int_text(rate, op->rate);
    pvi_int_text(by, op->actor->id);
    pvi_time_format(nowp, pvi_now_us());
    const char *p[] = {op->prefix, hash,
                       op->name,   scopes,
                       rate,       op->actor->role == PVI_ROLE_ADMIN && op->actor->id ? by : NULL,
                       nowp};
    PGresult *r = NULL;
    enum pvi_code rc = exec(tx, &r, &apikey_insert_stmt, 7, p);
    if (rc != PVI_OK)
        return rc;
    op->id = pvi_pg_get_ll(r, 0, "id", 0);
    PQclear(r);
    char list[64];
    json_t *after =
        json_pack("{s:s, s:s, s:o, s:i}", "name", op->name, "prefix", op->prefix, "scopes",
                  json_loads(scopes_list(list, op->scopes, '[', ']', 1), 0, NULL),
                  "rate_per_minute", op->rate);
    rc = pvi_audit_append(tx, op->actor, "apikey.create", "api_key", op->id, 0, NULL, after);
    json_decref(after);
    return rc;
}

enum pvi_code
pvi_apikey_create(struct pvi_db *db, char **key_out, long long *id_out,
                  const struct pvi_actor *actor, const char *name, unsigned scopes,
                  int rate_per_minute)
{
    enum pvi_code rc = PVI_INTERNAL;
    char *n = NULL;
    char *key = NULL;
    *key_out = NULL;
    if (id_out)
        *id_out = 0;
    const unsigned all = PVI_SCOPE_SITES_READ | PVI_SCOPE_SITES_WRITE | PVI_SCOPE_WORKFLOW;

    if (!is_admin_or_system(actor)) {
        rc = PVI_FORBIDDEN;
        goto cleanup;
    }
    n = pvi_text_trim_dup(name ? name : "");
    if (*n == '\0') {
        rc = PVI_REQUIRED;
        goto cleanup;
    }
    if (!pvi_utf8_valid(n)) {
        rc = PVI_BAD_VALUE;
        goto cleanup;
    }
    if (pvi_utf8_length(n) > PVI_APIKEY_NAME_MAX) {
        rc = PVI_TOO_LONG;
        goto cleanup;
    }
    if (scopes == 0 || (scopes & ~all) != 0 || rate_per_minute < 1 ||
        rate_per_minute > PVI_APIKEY_RATE_MAX) {
        rc = PVI_BAD_VALUE;
        goto cleanup;
    }
    key = pvi_malloc(PVI_APIKEY_CHARS + 1);
    struct apikey_op op = {.actor = actor, .name = n, .scopes = scopes, .rate = rate_per_minute};
    for (int attempt = 0; attempt < 3; attempt++) { /* a prefix may collide, very rarely */
        pvi_apikey_generate(key);
        if (pvi_apikey_parse(op.prefix, key) != PVI_OK)
            break;
        pvi_secret_digest_hex(op.digest, key);
        rc = pvi_db_run_tx(db, apikey_create_fn, &op);
        if (rc != PVI_CONFLICT)
            break;
    }
    if (rc != PVI_OK)
        goto cleanup;
    *key_out = key;
    key = NULL;
    if (id_out)
        *id_out = op.id;

cleanup:
    if (key) {
        sodium_memzero(key, PVI_APIKEY_CHARS + 1);
        free(key);
    }
    free(n);
    return rc;
}

/* clang-format off */
static struct pvi_stmt apikey_get_stmt = PVI_STMT(
    "SELECT id, name, encode(key_hash, 'hex') AS digest,"
    " array_to_string(scopes, ',') AS scopes, rate_per_minute,"
    " (revoked_at IS NOT NULL) AS revoked, " EPOCH_US("last_used_at") " AS used"
    " FROM api_keys WHERE prefix = $1");
/* clang-format on */
static struct pvi_stmt apikey_touch_stmt =
    PVI_STMT("UPDATE api_keys SET last_used_at = $2 WHERE id = $1");

static enum pvi_code
apikey_check_fn(struct pvi_tx *tx, void *arg)
{
    struct apikey_op *op = arg;
    pvi_principal_free(op->principal);
    op->principal = NULL;
    op->result = PVI_UNAUTHENTICATED;
    const char *p[] = {op->prefix};
    PGresult *r = NULL;
    enum pvi_code rc = exec(tx, &r, &apikey_get_stmt, 1, p);
    if (rc != PVI_OK)
        return rc;
    const char *stored = PQntuples(r) == 1 ? pvi_pg_get(r, 0, "digest") : NULL;
    unsigned scopes = 0;
    if (stored == NULL || strlen(stored) != 64 || sodium_memcmp(stored, op->digest, 64) != 0 ||
        is_true(pvi_pg_get(r, 0, "revoked")) ||
        pvi_scopes_parse(&scopes, pvi_pg_get(r, 0, "scopes")) != 0) {
        PQclear(r);
        return PVI_OK;
    }
    struct pvi_principal *pr = pvi_calloc(1, sizeof *pr);
    pr->role = PVI_ROLE_INTEGRATOR;
    pr->id = pvi_pg_get_ll(r, 0, "id", 0);
    pr->label = pvi_strdup(pvi_pg_get(r, 0, "name"));
    pr->scopes = scopes;
    pr->rate_per_minute = (int)pvi_pg_get_ll(r, 0, "rate_per_minute", 0);
    const char *used = pvi_pg_get(r, 0, "used");
    int64_t used_us = used ? strtoll(used, NULL, 10) : 0;
    PQclear(r);
    op->principal = pr;

    int64_t now = pvi_now_us();
    if (used == NULL || now - used_us >= MINUTE_US) {
        char idp[24], nowp[PVI_TIME_SIZE];
        pvi_int_text(idp, pr->id);
        pvi_time_format(nowp, now);
        const char *tp[] = {idp, nowp};
        if ((rc = exec(tx, NULL, &apikey_touch_stmt, 2, tp)) != PVI_OK)
            return rc;
    }
    op->result = PVI_OK;
    return PVI_OK;
}

enum pvi_code
pvi_apikey_check(struct pvi_db *db, struct pvi_principal **principal_out, const char *key)
{
    *principal_out = NULL;
    struct apikey_op op = {0};
    if (pvi_apikey_parse(op.prefix, key) != PVI_OK)
        return PVI_UNAUTHENTICATED;
    pvi_secret_digest_hex(op.digest, key);
    enum pvi_code rc = pvi_db_run_tx(db, apikey_check_fn, &op);
    if (rc == PVI_OK)
        rc = op.result;
    if (rc == PVI_OK) {
        *principal_out = op.principal;
        op.principal = NULL;
    }
    pvi_principal_free(op.principal);
    return rc;
}

static struct pvi_stmt apikey_lock_stmt =
    PVI_STMT("SELECT name, prefix, (revoked_at IS NOT NULL) AS revoked FROM api_keys WHERE id = $1"
             " FOR UPDATE");
static struct pvi_stmt apikey_revoke_stmt =
    PVI_STMT("UPDATE api_keys SET revoked_at = $2 WHERE id = $1");

static enum pvi_code
apikey_revoke_fn(struct pvi_tx *tx, void *arg)
{
    struct apikey_op *op = arg;
    char idp[24], nowp[PVI_TIME_SIZE];
    pvi_int_text(idp, op->id);
    pvi_time_format(nowp, pvi_now_us());
    const char *p[] = {idp, nowp};
    PGresult *r = NULL;
    enum pvi_code rc = exec(tx, &r, &apikey_lock_stmt, 1, p);
    if (rc != PVI_OK)
        return rc;
    if (PQntuples(r) != 1) {
        PQclear(r);
        return PVI_NOT_FOUND;
    }
    int revoked = is_true(pvi_pg_get(r, 0, "revoked"));
    json_t *before = json_pack("{s:s, s:s}", "name", pvi_pg_get(r, 0, "name"), "prefix",
                               pvi_pg_get(r, 0, "prefix"));
    PQclear(r);
    if (!revoked && (rc = exec(tx, NULL, &apikey_revoke_stmt, 2, p)) == PVI_OK)
        rc = pvi_audit_append(tx, op->actor, "apikey.revoke", "api_key", op->id, 0, before, NULL);
    json_decref(before);
    return rc;
}

enum pvi_code
pvi_apikey_revoke(struct pvi_db *db, const struct pvi_actor *actor, long long id)
{
    if (!is_admin_or_system(actor))
        return PVI_FORBIDDEN;
    struct apikey_op op = {.actor = actor, .id = id};
    return pvi_db_run_tx(db, apikey_revoke_fn, &op);
}

/* clang-format off */
static struct pvi_stmt apikey_list_stmt = PVI_STMT(
    "SELECT id, name, prefix, array_to_string(scopes, ',') AS scopes, rate_per_minute,"
    " created_by, " EPOCH_US("created_at") " AS created, " EPOCH_US("last_used_at") " AS used, "
    EPOCH_US("revoked_at") " AS revoked FROM api_keys ORDER BY id DESC");
/* clang-format on */

void
pvi_apikey_list_free(struct pvi_apikey_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->n; i++)
        free(list->v[i].name);
    free(list->v);
    free(list);
}

static enum pvi_code
apikey_list_fn(struct pvi_tx *tx, void *arg)
{
    struct apikey_op *op = arg;
    pvi_apikey_list_free(op->list);
    op->list = NULL;
    PGresult *r = NULL;
    enum pvi_code rc = exec(tx, &r, &apikey_list_stmt, 0, NULL);
    if (rc != PVI_OK)
        return rc;
    struct pvi_apikey_list *l = pvi_calloc(1, sizeof *l);
    l->n = (size_t)PQntuples(r);
    l->v = pvi_calloc(l->n, sizeof *l->v);
    for (int i = 0; i < PQntuples(r); i++) {
        struct pvi_apikey_info *k = &l->v[i];
        k->id = pvi_pg_get_ll(r, i, "id", 0);
        k->name = pvi_strdup(pvi_pg_get(r, i, "name"));
        snprintf(k->prefix, sizeof k->prefix, "%s", pvi_pg_get(r, i, "prefix"));
        if (pvi_scopes_parse(&k->scopes, pvi_pg_get(r, i, "scopes")) != 0)
            k->scopes = 0;
        k->rate_per_minute = (int)pvi_pg_get_ll(r, i, "rate_per_minute", 0);
        k->created_by = pvi_pg_get_ll(r, i, "created_by", 0);
        k->created_at_us = pvi_pg_get_ll(r, i, "created", 0);
        k->last_used_at_us = pvi_pg_get_ll(r, i, "used", 0);
        k->revoked_at_us = pvi_pg_get_ll(r, i, "revoked", 0);
    }
    PQclear(r);
    op->list = l;
    return PVI_OK;
}

enum pvi_code
pvi_apikey_list(struct pvi_db *db, struct pvi_apikey_list **list_out, const struct pvi_actor *actor)
{
    *list_out = NULL;
    if (!is_admin_or_system(actor))
        return PVI_FORBIDDEN;
    struct apikey_op op = {.actor = actor};
    enum pvi_code rc = pvi_db_run_tx(db, apikey_list_fn, &op);
    if (rc == PVI_OK) {
        *list_out = op.list;
        op.list = NULL;
    }
    pvi_apikey_list_free(op.list);
    return rc;
}
