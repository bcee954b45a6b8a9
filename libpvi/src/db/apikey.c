/* apikey.c — integrators' API keys: creation (the key is shown once;
 * only its prefix and digest are stored), checking a Bearer key, revoking,
 * listing. */
#include "audit.h"
#include "auth.h"

#include "pvi/pvi_accounts.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_validate.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    pvi_pg_bytea_hex(hash, op->digest);
    scopes_list(scopes, op->scopes, '{', '}', 0);
    pvi_int_text(rate, op->rate);
    pvi_int_text(by, op->actor->id);
    pvi_time_format(nowp, pvi_now_us());
    const char *p[] = {op->prefix, hash,
                       op->name,   scopes,
                       rate,       op->actor->role == PVI_ROLE_ADMIN && op->actor->id ? by : NULL,
                       nowp};
    PGresult *r = NULL;
    enum pvi_code rc = pvi_tx_run(tx, &r, &apikey_insert_stmt, 7, p);
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
pvi_apikey_create(char **key_out, long long *id_out, struct pvi_db *db,
                  const struct pvi_actor *actor, const char *name, unsigned scopes,
                  int rate_per_minute, struct pvi_errors *errs)
{
    struct pvi_errors local = {0};
    struct pvi_errors *e = errs ? errs : &local;
    size_t before = e->n;
    char *n = NULL;
    char *key = NULL;
    *key_out = NULL;
    if (id_out)
        *id_out = 0;
    const unsigned all = PVI_SCOPE_SITES_READ | PVI_SCOPE_SITES_WRITE | PVI_SCOPE_WORKFLOW;

    enum pvi_code rc = pvi_perm_check(actor, PVI_ACT_MANAGE_ACCOUNTS, NULL);
    if (rc != PVI_OK)
        goto cleanup;
    n = pvi_text_trim_dup(name);
    pvi_auth__name_check(e, "name", n, PVI_APIKEY_NAME_MAX);
    if (scopes == 0 || (scopes & ~all) != 0)
        pvi_errors_add_msg(e, "scopes", PVI_BAD_VALUE, PVI_MSG_APIKEY_SCOPES, NULL);
    if (rate_per_minute < 1 || rate_per_minute > PVI_APIKEY_RATE_MAX) {
        char max[PVI_INT_TEXT_SIZE];
        pvi_int_text(max, PVI_APIKEY_RATE_MAX);
        pvi_errors_add_msg(e, "rate_per_minute", PVI_BAD_VALUE, PVI_MSG_APIKEY_RATE, "max", max,
                           NULL);
    }
    if (e->n > before) {
        rc = PVI_VALIDATION;
        goto cleanup;
    }
    key = pvi_malloc(PVI_APIKEY_CHARS + 1);
    struct apikey_op op = {.actor = actor, .name = n, .scopes = scopes, .rate = rate_per_minute};
    rc = PVI_INTERNAL;                              /* a generated key that does not parse */
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
    pvi_errors_clear(&local);
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
    enum pvi_code rc = pvi_tx_run(tx, &r, &apikey_get_stmt, 1, p);
    if (rc != PVI_OK)
        return rc;
    const char *stored = PQntuples(r) == 1 ? pvi_pg_get(r, 0, "digest") : NULL;
    unsigned scopes = 0;
    if (stored == NULL || strlen(stored) != 64 || sodium_memcmp(stored, op->digest, 64) != 0 ||
        pvi_pg_is_true(pvi_pg_get(r, 0, "revoked")) ||
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
        if ((rc = pvi_tx_run(tx, NULL, &apikey_touch_stmt, 2, tp)) != PVI_OK)
            return rc;
    }
    op->result = PVI_OK;
    return PVI_OK;
}

enum pvi_code
pvi_apikey_check(struct pvi_principal **principal_out, struct pvi_db *db, const char *key)
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
    enum pvi_code rc = pvi_tx_run(tx, &r, &apikey_lock_stmt, 1, p);
    if (rc != PVI_OK)
        return rc;
    if (PQntuples(r) != 1) {
        PQclear(r);
        return PVI_NOT_FOUND;
    }
    int revoked = pvi_pg_is_true(pvi_pg_get(r, 0, "revoked"));
    json_t *before = json_pack("{s:s, s:s}", "name", pvi_pg_get(r, 0, "name"), "prefix",
                               pvi_pg_get(r, 0, "prefix"));
    PQclear(r);
    if (!revoked && (rc = pvi_tx_run(tx, NULL, &apikey_revoke_stmt, 2, p)) == PVI_OK)
        rc = pvi_audit_append(tx, op->actor, "apikey.revoke", "api_key", op->id, 0, before, NULL);
    json_decref(before);
    return rc;
}

enum pvi_code
pvi_apikey_revoke(struct pvi_db *db, const struct pvi_actor *actor, long long id)
{
    enum pvi_code rc = pvi_perm_check(actor, PVI_ACT_MANAGE_ACCOUNTS, NULL);
    if (rc != PVI_OK)
        return rc;
    struct apikey_op op = {.actor = actor, .id = id};
    return pvi_db_run_tx(db, apikey_revoke_fn, &op);
}

/* clang-format off */
#define APIKEY_SELECT                                                                          \
    "SELECT id, name, prefix, array_to_string(scopes, ',') AS scopes, rate_per_minute,"        \
    " created_by, " EPOCH_US("created_at") " AS created, " EPOCH_US("last_used_at") " AS used, " \
    EPOCH_US("revoked_at") " AS revoked FROM api_keys"
static struct pvi_stmt apikey_list_stmt = PVI_STMT(APIKEY_SELECT " ORDER BY id DESC");
static struct pvi_stmt apikey_one_stmt = PVI_STMT(APIKEY_SELECT " WHERE id = $1");
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

/* The keys of the list (op->id 0) or the one key op->id. */
static enum pvi_code
apikey_list_fn(struct pvi_tx *tx, void *arg)
{
    struct apikey_op *op = arg;
    pvi_apikey_list_free(op->list);
    op->list = NULL;
    char idp[24];
    pvi_int_text(idp, op->id);
    const char *p[] = {idp};
    PGresult *r = NULL;
    enum pvi_code rc = op->id ? pvi_tx_run(tx, &r, &apikey_one_stmt, 1, p)
                              : pvi_tx_run(tx, &r, &apikey_list_stmt, 0, NULL);
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
pvi_apikey_list(struct pvi_apikey_list **list_out, struct pvi_db *db, const struct pvi_actor *actor)
{
    *list_out = NULL;
    enum pvi_code rc = pvi_perm_check(actor, PVI_ACT_MANAGE_ACCOUNTS, NULL);
    if (rc != PVI_OK)
        return rc;
    struct apikey_op op = {.actor = actor};
    rc = pvi_db_run_tx(db, apikey_list_fn, &op);
    if (rc == PVI_OK) {
        *list_out = op.list;
        op.list = NULL;
    }
    pvi_apikey_list_free(op.list);
    return rc;
}

void
pvi_apikey_info_free(struct pvi_apikey_info *info)
{
    if (info == NULL)
        return;
    free(info->name);
    free(info);
}

enum pvi_code
pvi_apikey_get(struct pvi_apikey_info **info_out, struct pvi_db *db, const struct pvi_actor *actor,
               long long id)
{
    *info_out = NULL;
    enum pvi_code rc = pvi_perm_check(actor, PVI_ACT_MANAGE_ACCOUNTS, NULL);
    if (rc != PVI_OK)
        return rc;
    if (id <= 0)
        return PVI_NOT_FOUND;
    struct apikey_op op = {.actor = actor, .id = id};
    rc = pvi_db_run_tx(db, apikey_list_fn, &op);
    if (rc == PVI_OK && op.list->n != 1)
        rc = PVI_NOT_FOUND;
    if (rc == PVI_OK) {
        struct pvi_apikey_info *k = pvi_malloc(sizeof *k);
        *k = op.list->v[0];
        op.list->n = 0; /* its name now belongs to *k */
        *info_out = k;
    }
    pvi_apikey_list_free(op.list);
    return rc;
}
