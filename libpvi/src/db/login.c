/* login.c — the three logins (admins by e-mail, clients by customer
 * number, operators through the directory), each in three steps so that no
 * pooled connection is held while argon2id (≈ 0.1 s, 64 MiB) or the
 * directory works:
 *   1. a transaction checks throttling and records a provisional failure
 *      (auth_attempt.c);
 *   2. the password is verified outside any transaction (a new hash is made
 *      there when the stored one is weaker), or the directory is asked;
 *   3. a transaction writes the outcome: on success it re-reads the account
 *      (locked FOR UPDATE), clears the account's failures, stores the new
 *      hash if the old one is still in place, creates the session and
 *      audits "login.success"; on failure it audits "login.failure".
 * Transaction functions reset their outputs first: the runner may call them
 * again after a serialization failure. */
#include "audit.h"
#include "auth.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_validate.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Step 2 for password realms: verify (against the dummy hash when there is
 * no account or no password), and prepare a stronger hash if needed. */
static void
attempt_verify(struct pvi_auth__attempt *a)
{
    a->verdict = pvi_password_verify(&a->needs_rehash, a->hash, a->password);
    a->new_hash[0] = '\0';
    if (a->verdict == PVI_OK && a->needs_rehash &&
        pvi_password_hash(a->new_hash, a->password) != PVI_OK)
        a->new_hash[0] = '\0'; /* keep the old hash; try again next time */
}

static enum pvi_code
record_success(struct pvi_tx *tx, struct pvi_auth__attempt *a, enum pvi_role role, long long id,
               const char *label)
{
    enum pvi_code rc = pvi_auth__session_create(tx, &a->session, role, id, label, a->address);
    if (rc != PVI_OK)
        return rc;
    struct pvi_actor actor = pvi_principal_actor(&a->session->principal);
    json_t *after = json_pack("{s:s}", "realm", pvi_auth__realm_names[a->realm]);
    rc = pvi_audit_append(tx, &actor, "login.success", "session", a->session->principal.session_id,
                          0, NULL, after);
    json_decref(after);
    if (rc == PVI_OK)
        a->result = PVI_OK;
    return rc;
}

static struct pvi_stmt admin_lock_stmt =
    PVI_STMT("SELECT email, active, password_hash FROM admin_users WHERE id = $1 FOR UPDATE");
/* an admin's login is remembered (the back office's list of accounts) */
static struct pvi_stmt admin_success_stmt =
    PVI_STMT("UPDATE admin_users SET password_hash = coalesce($2, password_hash),"
             " last_login_at = $3 WHERE id = $1");
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
    struct pvi_auth__attempt *a = arg;
    pvi_session_free(a->session);
    a->session = NULL;
    a->result = PVI_INTERNAL;
    if (a->verdict != PVI_OK)
        return pvi_auth__record_failure(tx, a, PVI_BAD_CREDENTIALS);

    enum pvi_code rc;
    if ((rc = pvi_auth__clear_failures(tx, a)) != PVI_OK)
        return rc;
    char idp[24];
    pvi_int_text(idp, a->account_id);
    const char *p[] = {idp};
    PGresult *r = NULL;
    int admin = a->realm == PVI_AUTH__REALM_ADMIN;
    if ((rc = pvi_tx_run(tx, &r, admin ? &admin_lock_stmt : &client_lock_stmt, 1, p)) != PVI_OK)
        return rc;
    if (PQntuples(r) != 1) { /* deleted in the meantime */
        PQclear(r);
        return pvi_auth__record_failure(tx, a, PVI_BAD_CREDENTIALS);
    }
    int enabled = pvi_pg_is_true(pvi_pg_get(r, 0, "active")) &&
                  (admin || !pvi_pg_is_true(pvi_pg_get(r, 0, "locked")));
    const char *stored = pvi_pg_get(r, 0, "password_hash");
    /* store the stronger hash only if nobody changed the password meanwhile */
    int rehash = a->new_hash[0] && stored && a->hash && strcmp(stored, a->hash) == 0;
    char *label = pvi_strdup(pvi_pg_get(r, 0, admin ? "email" : "customer_number"));
    int had_failures = !admin && pvi_pg_get_ll(r, 0, "failed_logins", 0) != 0;
    PQclear(r);

    if (!enabled) {
        free(label);
        return pvi_auth__record_failure(tx, a, PVI_ACCOUNT_LOCKED);
    }
    char nowp[PVI_TIME_SIZE];
    pvi_time_format(nowp, pvi_now_us());
    const char *up[] = {idp, rehash ? a->new_hash : NULL, nowp};
    if (admin)
        rc = pvi_tx_run(tx, NULL, &admin_success_stmt, 3, up);
    else if (!admin && (rehash || had_failures))
        rc = pvi_tx_run(tx, NULL, &client_success_stmt, 2, up);
    if (rc == PVI_OK)
        rc = record_success(tx, a, admin ? PVI_ROLE_ADMIN : PVI_ROLE_CLIENT, a->account_id, label);
    free(label);
    return rc;
}

/* Runs steps 1–3 of a password login. */
static enum pvi_code
password_login(struct pvi_db *db, struct pvi_session **session_out, struct pvi_auth__attempt *a)
{
    enum pvi_code rc = pvi_db_run_tx(db, pvi_auth__attempt_begin_fn, a);
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
    pvi_auth__attempt_clear(a);
    return rc;
}

/* What is checked before any attempt, with nothing recorded: the
 * identifier (blank after trimming: PVI_REQUIRED at id_path) and the password
 * (empty: PVI_EMPTY_PASSWORD at "password"). PVI_OK, PVI_EMPTY_PASSWORD when
 * that is the only problem, PVI_VALIDATION when the identifier is blank. */
static enum pvi_code
login_fields(struct pvi_errors *e, const char *id_path, const char *identifier,
             const char *password)
{
    int blank = pvi_text_is_blank(identifier);
    int empty = password == NULL || *password == '\0';
    if (blank)
        pvi_errors_add(e, id_path, PVI_REQUIRED);
    if (empty)
        pvi_errors_add(e, "password", PVI_EMPTY_PASSWORD);
    return blank ? PVI_VALIDATION : empty ? PVI_EMPTY_PASSWORD : PVI_OK;
}

enum pvi_code
pvi_login_admin(struct pvi_session **session_out, struct pvi_db *db, const char *email,
                const char *password, const char *address, struct pvi_errors *errs)
{
    *session_out = NULL;
    struct pvi_errors local = {0};
    struct pvi_errors *e = errs ? errs : &local;
    size_t before = e->n;
    enum pvi_code rc = login_fields(e, "email", email, password);
    if (rc == PVI_OK) {
        struct pvi_auth__attempt a;
        pvi_auth__attempt_init(&a, PVI_AUTH__REALM_ADMIN, address, password);
        pvi_auth__account_key(a.account, sizeof a.account, email, 'l');
        rc = password_login(db, session_out, &a);
        pvi_auth__outcome(e, before, rc);
    }
    pvi_errors_clear(&local);
    return rc;
}

enum pvi_code
pvi_login_client(struct pvi_session **session_out, struct pvi_db *db, const char *customer_number,
                 const char *password, const char *address, struct pvi_errors *errs)
{
    *session_out = NULL;
    struct pvi_errors local = {0};
    struct pvi_errors *e = errs ? errs : &local;
    size_t before = e->n;
    enum pvi_code rc = login_fields(e, "customer_number", customer_number, password);
    if (rc == PVI_OK) {
        struct pvi_auth__attempt a;
        pvi_auth__attempt_init(&a, PVI_AUTH__REALM_CLIENT, address, password);
        char canon[11];
        if (pvi_customer_number_normalize(canon, customer_number) == PVI_OK)
            snprintf(a.account, sizeof a.account, "%s", canon);
        else
            pvi_auth__account_key(a.account, 64 + 1, customer_number, 'u');
        rc = password_login(db, session_out, &a);
        pvi_auth__outcome(e, before, rc);
    }
    pvi_errors_clear(&local);
    return rc;
}

/* ---- operators ---- */

static struct pvi_stmt forget_failure_stmt = PVI_STMT("DELETE FROM login_failures WHERE id = $1");
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
    struct pvi_auth__attempt *a = arg;
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
        if ((rc = pvi_tx_run(tx, NULL, &forget_failure_stmt, 1, p)) != PVI_OK)
            return rc;
        return pvi_auth__record_failure(tx, a, a->verdict);
    }
    if (a->verdict != PVI_OK)
        return pvi_auth__record_failure(
            tx, a, a->verdict == PVI_NOT_IN_GROUP ? PVI_NOT_IN_GROUP : PVI_BAD_CREDENTIALS);

    if ((rc = pvi_auth__clear_failures(tx, a)) != PVI_OK)
        return rc;
    const struct pvi_ldap_person *p = a->person;
    char nowp[PVI_TIME_SIZE];
    pvi_time_format(nowp, pvi_now_us());
    const char *up[] = {p->uid, p->dn, p->display_name, p->email, nowp};
    PGresult *r = NULL;
    if ((rc = pvi_tx_run(tx, &r, &operator_upsert_stmt, 5, up)) != PVI_OK)
        return rc;
    long long id = pvi_pg_get_ll(r, 0, "id", 0);
    int active = pvi_pg_is_true(pvi_pg_get(r, 0, "active"));
    int inserted = pvi_pg_is_true(pvi_pg_get(r, 0, "inserted"));
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
        return pvi_auth__record_failure(tx, a, PVI_ACCOUNT_LOCKED);
    return record_success(tx, a, PVI_ROLE_OPERATOR, id, p->uid);
}

enum pvi_code
pvi_login_operator(struct pvi_session **session_out, struct pvi_db *db,
                   const struct pvi_ldap_config *cfg, const char *uid, const char *password,
                   const char *address, struct pvi_errors *errs)
{
    *session_out = NULL;
    struct pvi_errors local = {0};
    struct pvi_errors *e = errs ? errs : &local;
    size_t before = e->n;
    enum pvi_code rc = login_fields(e, "uid", uid, password);
    if (rc != PVI_OK) {
        pvi_errors_clear(&local);
        return rc;
    }
    struct pvi_auth__attempt a;
    pvi_auth__attempt_init(&a, PVI_AUTH__REALM_OPERATOR, address, password);
    pvi_auth__account_key(a.account, sizeof a.account, uid, 'l');
    char *typed = pvi_text_trim_dup(uid);

    rc = pvi_db_run_tx(db, pvi_auth__attempt_begin_fn, &a);
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
    pvi_auth__outcome(e, before, rc);
    free(typed);
    pvi_auth__attempt_clear(&a);
    pvi_errors_clear(&local);
    return rc;
}
