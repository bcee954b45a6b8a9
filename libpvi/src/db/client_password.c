/* client_password.c — a client's password, set by the client (who proves
 * the present one, checked like a login: throttled, counted, audited) or by
 * an administrator; every session of the client is revoked. */
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

/* ---- client passwords ---- */

struct client_pw_op {
    const struct pvi_actor *actor;
    long long id;
    const char *new_hash;
    const char *expected_hash;         /* self change: the hash verified, else NULL */
    struct pvi_auth__attempt *attempt; /* self change: the verification, else NULL */
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
    enum pvi_code rc = pvi_tx_run(tx, &r, &client_number_stmt, 1, p);
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
        rc = pvi_auth__record_failure(tx, op->attempt, PVI_BAD_CREDENTIALS);
        op->result = PVI_BAD_CREDENTIALS;
        return rc;
    }
    if (op->attempt && (rc = pvi_auth__clear_failures(tx, op->attempt)) != PVI_OK)
        return rc;
    char idp[24], nowp[PVI_TIME_SIZE];
    pvi_int_text(idp, op->id);
    pvi_time_format(nowp, pvi_now_us());
    const char *p[] = {idp, op->new_hash, nowp, op->expected_hash};
    PGresult *r = NULL;
    if ((rc = pvi_tx_run(tx, &r, &client_set_password_stmt, 4, p)) != PVI_OK)
        return rc;
    long long n = pvi_pg_cmd_tuples(r);
    PQclear(r);
    if (n != 1)
        return op->expected_hash ? PVI_CONFLICT : PVI_NOT_FOUND;
    long long revoked = 0;
    if ((rc = pvi_auth__sessions_revoke_all(tx, &revoked, PVI_ROLE_CLIENT, op->id)) != PVI_OK)
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
                        const char *current_password, const char *new_password,
                        struct pvi_errors *errs)
{
    struct pvi_errors local = {0};
    struct pvi_errors *e = errs ? errs : &local;
    size_t before = e->n;
    enum pvi_code rc = PVI_INTERNAL;
    struct pvi_auth__attempt a;
    memset(&a, 0, sizeof a);
    char hash[PVI_PASSWORD_HASH_SIZE] = "";
    struct client_pw_op op = {.actor = actor, .id = client_id, .new_hash = hash};
    /* another client's account does not exist for a client (PVI_NOT_FOUND) */
    struct pvi_account_facts account = {.role = PVI_ROLE_CLIENT, .id = client_id};
    if ((rc = pvi_perm_check_account(actor, PVI_ACT_SET_PASSWORD, &account)) != PVI_OK)
        goto cleanup;
    /* not a permission: the account holder proves the present password */
    int self = actor->role == PVI_ROLE_CLIENT;
    if (self && (current_password == NULL || *current_password == '\0'))
        pvi_errors_add(e, "current_password", PVI_EMPTY_PASSWORD);
    pvi_auth__password_check(e, "new_password", new_password);
    if (e->n > before) {
        rc = PVI_VALIDATION;
        goto cleanup;
    }
    if ((rc = pvi_db_run_tx(db, client_number_fn, &op)) != PVI_OK)
        goto cleanup;
    if (op.customer_number[0] == '\0') {
        rc = PVI_NOT_FOUND;
        goto cleanup;
    }
    if (self) {
        /* the current password is checked like a login: throttled, counted, audited */
        pvi_auth__attempt_init(&a, PVI_AUTH__REALM_CLIENT, actor->address, current_password);
        snprintf(a.account, sizeof a.account, "%s", op.customer_number);
        if ((rc = pvi_db_run_tx(db, pvi_auth__attempt_begin_fn, &a)) != PVI_OK)
            goto cleanup;
        if (a.throttled) {
            rc = PVI_LOGIN_THROTTLED;
            pvi_errors_add(e, "", rc);
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
    if (rc == PVI_BAD_CREDENTIALS)
        pvi_errors_add_msg(e, "current_password", rc, PVI_MSG_PASSWORD_CURRENT_WRONG, NULL);

cleanup:
    sodium_memzero(hash, sizeof hash);
    pvi_auth__attempt_clear(&a);
    pvi_errors_clear(&local);
    return rc;
}
