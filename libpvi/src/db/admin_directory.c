/* admin_directory.c — administrators as the back office manages them
 * (pvi_accounts.h): the list and one account, with their open sessions;
 * an account created, or a password reset, with a generated password. */
#include "auth.h"

#include "pvi/pvi_accounts.h"
#include "pvi/pvi_clock.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* $1 now, $2 the oldest last_seen_at of a session still open ($3: one id,
 * or NULL for all). The count goes through sessions_principal (unrevoked
 * sessions of one principal). */
/* clang-format off */
#define ADMIN_SELECT                                                                          \
    "SELECT a.id, a.email, a.display_name, a.active, " EPOCH_US("a.created_at") " AS created," \
    " " EPOCH_US("a.last_login_at") " AS last_login,"                                         \
    " (SELECT count(*) FROM sessions s WHERE s.principal_kind = 'admin'"                      \
    "   AND s.principal_id = a.id AND s.revoked_at IS NULL AND s.expires_at > $1"              \
    "   AND s.last_seen_at > $2) AS open_sessions"                                            \
    " FROM admin_users a WHERE ($3::bigint IS NULL OR a.id = $3) ORDER BY a.email"
/* clang-format on */
static struct pvi_stmt admin_select_stmt = PVI_STMT(ADMIN_SELECT);

struct directory_op {
    long long id; /* 0: every admin */
    struct pvi_admin_list *list;
};

static void
info_clear(struct pvi_admin_info *a)
{
    free(a->email);
    free(a->display_name);
}

void
pvi_admin_list_free(struct pvi_admin_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->n; i++)
        info_clear(&list->v[i]);
    free(list->v);
    free(list);
}

void
pvi_admin_info_free(struct pvi_admin_info *info)
{
    if (info == NULL)
        return;
    info_clear(info);
    free(info);
}

static enum pvi_code
admin_select_fn(struct pvi_tx *tx, void *arg)
{
    struct directory_op *op = arg;
    pvi_admin_list_free(op->list);
    op->list = NULL;
    struct pvi_auth_policy pol;
    pvi_auth_policy_get(&pol);
    int64_t now = pvi_now_us();
    char nowp[PVI_TIME_SIZE], seenp[PVI_TIME_SIZE], idp[24];
    pvi_time_format(nowp, now);
    pvi_time_format(seenp, now - pol.session_idle_us);
    pvi_int_text(idp, op->id);
    const char *p[] = {nowp, seenp, op->id ? idp : NULL};
    PGresult *r = NULL;
    enum pvi_code rc = pvi_tx_run(tx, &r, &admin_select_stmt, 3, p);
    if (rc != PVI_OK)
        return rc;
    struct pvi_admin_list *l = pvi_calloc(1, sizeof *l);
    l->n = (size_t)PQntuples(r);
    l->v = pvi_calloc(l->n ? l->n : 1, sizeof *l->v);
    for (int i = 0; i < PQntuples(r); i++) {
        struct pvi_admin_info *a = &l->v[i];
        a->id = pvi_pg_get_ll(r, i, "id", 0);
        a->email = pvi_strdup(pvi_pg_get(r, i, "email"));
        a->display_name = pvi_strdup(pvi_pg_get(r, i, "display_name"));
        a->active = pvi_pg_is_true(pvi_pg_get(r, i, "active"));
        a->created_at_us = pvi_pg_get_ll(r, i, "created", 0);
        a->last_login_at_us = pvi_pg_get_ll(r, i, "last_login", 0);
        a->open_sessions = pvi_pg_get_ll(r, i, "open_sessions", 0);
    }
    PQclear(r);
    op->list = l;
    return PVI_OK;
}

enum pvi_code
pvi_admin_list(struct pvi_admin_list **list_out, struct pvi_db *db, const struct pvi_actor *actor)
{
    *list_out = NULL;
    enum pvi_code rc = pvi_perm_check(actor, PVI_ACT_MANAGE_ACCOUNTS, NULL);
    if (rc != PVI_OK)
        return rc;
    struct directory_op op = {0};
    rc = pvi_db_run_tx(db, admin_select_fn, &op);
    if (rc == PVI_OK) {
        *list_out = op.list;
        op.list = NULL;
    }
    pvi_admin_list_free(op.list);
    return rc;
}

enum pvi_code
pvi_admin_get(struct pvi_admin_info **info_out, struct pvi_db *db, const struct pvi_actor *actor,
              long long admin_id)
{
    *info_out = NULL;
    enum pvi_code rc = pvi_perm_check(actor, PVI_ACT_MANAGE_ACCOUNTS, NULL);
    if (rc != PVI_OK)
        return rc;
    if (admin_id <= 0)
        return PVI_NOT_FOUND;
    struct directory_op op = {.id = admin_id};
    rc = pvi_db_run_tx(db, admin_select_fn, &op);
    if (rc == PVI_OK && op.list->n != 1)
        rc = PVI_NOT_FOUND;
    if (rc == PVI_OK) {
        struct pvi_admin_info *a = pvi_malloc(sizeof *a);
        *a = op.list->v[0];
        op.list->n = 0; /* its strings now belong to *a */
        *info_out = a;
    }
    pvi_admin_list_free(op.list);
    return rc;
}

/* ---- generated passwords ---- */

static char *
generated_password(void)
{
    char *pw = pvi_malloc(PVI_GENERATED_PASSWORD_CHARS + 1);
    pvi_password_generate(pw);
    return pw;
}

static void
wipe(char *pw)
{
    if (pw) {
        sodium_memzero(pw, PVI_GENERATED_PASSWORD_CHARS + 1);
        free(pw);
    }
}

enum pvi_code
pvi_admin_create_generated(char **password_out, long long *id_out, struct pvi_db *db,
                           const struct pvi_actor *actor, const char *email,
                           const char *display_name, struct pvi_errors *errs)
{
    *password_out = NULL;
    char *pw = generated_password();
    enum pvi_code rc = pvi_admin_create(id_out, db, actor, email, display_name, pw, errs);
    if (rc == PVI_OK) {
        *password_out = pw;
        pw = NULL;
    }
    wipe(pw);
    return rc;
}

enum pvi_code
pvi_admin_reset_password(char **password_out, struct pvi_db *db, const struct pvi_actor *actor,
                         long long admin_id)
{
    *password_out = NULL;
    char *pw = generated_password();
    enum pvi_code rc = pvi_admin_set_password(db, actor, admin_id, pw, NULL);
    if (rc == PVI_OK) {
        *password_out = pw;
        pw = NULL;
    }
    wipe(pw);
    return rc;
}
