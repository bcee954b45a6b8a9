/* admin_account.c — administrators' accounts: creation, enabling and
 * disabling (which revokes their sessions), password changes. */
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
pvi_admin_create(long long *id_out, struct pvi_db *db, const struct pvi_actor *actor,
                 const char *email, const char *display_name, const char *password,
                 struct pvi_errors *errs)
{
    struct pvi_errors local = {0};
    struct pvi_errors *e = errs ? errs : &local;
    size_t before = e->n;
    char *name = NULL;
    char addr[ACCOUNT_KEY_MAX + 2];
    char hash[PVI_PASSWORD_HASH_SIZE] = "";
    if (id_out)
        *id_out = 0;

    enum pvi_code rc = pvi_perm_check(actor, PVI_ACT_MANAGE_ACCOUNTS, NULL);
    if (rc != PVI_OK)
        goto cleanup;
    /* trimmed like every e-mail (pvi_text_trim), lower-cased like the login's key */
    pvi_auth__account_key(addr, sizeof addr, email, 'l');
    if (email == NULL || strlen(addr) > PVI_EMAIL_MAX || pvi_email_check(addr) != PVI_OK)
        pvi_errors_add(e, "email", PVI_BAD_EMAIL);
    name = pvi_text_trim_dup(display_name);
    pvi_auth__name_check(e, "display_name", name, PVI_ADMIN_DISPLAY_NAME_MAX);
    pvi_auth__password_check(e, "password", password);
    if (e->n > before) {
        rc = PVI_VALIDATION;
        goto cleanup;
    }
    if ((rc = pvi_password_hash(hash, password)) != PVI_OK)
        goto cleanup;

    struct admin_op op = {.actor = actor, .email = addr, .display_name = name, .hash = hash};
    rc = pvi_db_run_tx(db, admin_create_fn, &op);
    if (rc == PVI_DUPLICATE)
        pvi_errors_add_msg(e, "email", PVI_DUPLICATE, PVI_MSG_ACCOUNT_EMAIL_TAKEN, NULL);
    if (rc == PVI_OK && id_out)
        *id_out = op.id;

cleanup:
    sodium_memzero(hash, sizeof hash);
    free(name);
    pvi_errors_clear(&local);
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
    enum pvi_code rc = pvi_tx_run(tx, &r, &admin_get_active_stmt, 1, p);
    if (rc != PVI_OK)
        return rc;
    int found = PQntuples(r) == 1;
    int was = found && pvi_pg_is_true(pvi_pg_get(r, 0, "active"));
    PQclear(r);
    if (!found)
        return PVI_NOT_FOUND;
    if (was == op->active)
        return PVI_OK;
    if ((rc = pvi_tx_run(tx, NULL, &admin_set_active_stmt, 3, p)) != PVI_OK)
        return rc;
    long long revoked = 0;
    if (!op->active &&
        (rc = pvi_auth__sessions_revoke_all(tx, &revoked, PVI_ROLE_ADMIN, op->id)) != PVI_OK)
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
    /* enabling is account management; disabling, never of one's own account */
    struct pvi_account_facts account = {.role = PVI_ROLE_ADMIN, .id = admin_id};
    enum pvi_code rc = active ? pvi_perm_check(actor, PVI_ACT_MANAGE_ACCOUNTS, NULL)
                              : pvi_perm_check_account(actor, PVI_ACT_DISABLE_ACCOUNT, &account);
    if (rc != PVI_OK)
        return rc;
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
    enum pvi_code rc = pvi_tx_run(tx, &r, &admin_set_password_stmt, 3, p);
    if (rc != PVI_OK)
        return rc;
    long long n = pvi_pg_cmd_tuples(r);
    PQclear(r);
    if (n != 1)
        return PVI_NOT_FOUND;
    long long revoked = 0;
    if ((rc = pvi_auth__sessions_revoke_all(tx, &revoked, PVI_ROLE_ADMIN, op->id)) != PVI_OK)
        return rc;
    json_t *after = json_pack("{s:I}", "sessions_revoked", (json_int_t)revoked);
    rc = pvi_audit_append(tx, op->actor, "admin.password", "admin_user", op->id, 0, NULL, after);
    json_decref(after);
    return rc;
}

enum pvi_code
pvi_admin_set_password(struct pvi_db *db, const struct pvi_actor *actor, long long admin_id,
                       const char *password, struct pvi_errors *errs)
{
    struct pvi_account_facts account = {.role = PVI_ROLE_ADMIN, .id = admin_id};
    enum pvi_code rc = pvi_perm_check_account(actor, PVI_ACT_SET_PASSWORD, &account);
    if (rc != PVI_OK)
        return rc;
    struct pvi_errors local = {0};
    struct pvi_errors *e = errs ? errs : &local;
    size_t before = e->n;
    pvi_auth__password_check(e, "password", password);
    int invalid = e->n > before;
    pvi_errors_clear(&local);
    if (invalid)
        return PVI_VALIDATION;
    char hash[PVI_PASSWORD_HASH_SIZE];
    if ((rc = pvi_password_hash(hash, password)) != PVI_OK)
        return rc;
    struct admin_op op = {.actor = actor, .id = admin_id, .hash = hash};
    rc = pvi_db_run_tx(db, admin_set_password_fn, &op);
    sodium_memzero(hash, sizeof hash);
    return rc;
}
