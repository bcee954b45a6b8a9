/* batch.c — batch actions: recording one (the selection and the action),
 * reading its progress and report, the latest ones (pvi_batch.h). The
 * worker's side is batch_run.c. */
#include "audit.h"
#include "pg.h"
#include "site_ops.h"

#include "pvi/pvi_batch.h"
#include "pvi/pvi_clock.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"

#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {
    [PVI_BATCH_REPUBLISH] = "republish",
    [PVI_BATCH_SUSPEND] = "suspend",
    [PVI_BATCH_ASSIGN] = "assign",
};

const char *
pvi_batch_kind_name(enum pvi_batch_kind k)
{
    return (unsigned)k < PVI_COUNT_OF(kind_names) ? kind_names[k] : "?";
}

int
pvi_batch_kind_parse(enum pvi_batch_kind *out, const char *name)
{
    for (size_t i = 0; name && i < PVI_COUNT_OF(kind_names); i++)
        if (strcmp(name, kind_names[i]) == 0) {
            *out = (enum pvi_batch_kind)i;
            return 0;
        }
    return -1;
}

/* ---- the selection ---- */

/* The ids of the sites the filter selects, in the list's order, at most
 * max + 1 of them (more than max: the caller refuses). Through the site
 * list itself, so that a batch selects exactly what the list shows. */
static enum pvi_code
select_sites(long long **ids_out, size_t *n_out, struct pvi_db *db, const struct pvi_actor *actor,
             const struct pvi_site_filter *filter, size_t max)
{
    struct pvi_site_filter f = *filter;
    f.after = f.before = NULL;
    f.last = 0;
    f.count = 0;
    f.limit = 200;
    long long *ids = NULL;
    size_t n = 0;
    char *next = NULL;
    enum pvi_code rc = PVI_OK;
    while (n <= max) {
        json_t *page = NULL;
        rc = pvi_site_list(&page, db, actor, &f, NULL);
        if (rc != PVI_OK)
            break;
        const json_t *sites = json_object_get(page, "sites");
        size_t got = json_array_size(sites);
        ids = pvi_realloc(ids, (n + got + 1) * sizeof *ids);
        for (size_t i = 0; i < got && n <= max; i++)
            ids[n++] = json_integer_value(json_object_get(json_array_get(sites, i), "id"));
        free(next);
        const char *cursor = json_string_value(json_object_get(page, "next"));
        next = cursor ? pvi_strdup(cursor) : NULL;
        json_decref(page);
        if (next == NULL)
            break;
        f.after = next;
    }
    free(next);
    if (rc != PVI_OK) {
        free(ids);
        ids = NULL;
        n = 0;
    }
    *ids_out = ids;
    *n_out = n;
    return rc;
}

enum pvi_code
pvi_batch_count(long long *count_out, struct pvi_db *db, const struct pvi_actor *actor,
                const struct pvi_site_filter *sites)
{
    *count_out = 0;
    enum pvi_code rc = pvi_perm_check(actor, PVI_ACT_BATCH, NULL);
    if (rc != PVI_OK)
        return rc;
    long long *ids = NULL;
    size_t n = 0;
    rc = select_sites(&ids, &n, db, actor, sites, PVI_BATCH_MAX_SITES);
    free(ids);
    *count_out = (long long)n;
    return rc;
}

/* ---- recording a batch ---- */

static struct pvi_stmt operator_active =
    PVI_STMT("SELECT 1 FROM operators WHERE id = $1 AND active");
static struct pvi_stmt batch_insert = PVI_STMT(
    "INSERT INTO batches (kind, reason, operator_id, actor_kind, actor_id, actor_label, query,"
    " total, created_at) VALUES ($1, $2, nullif($3::bigint, 0), $4, nullif($5::bigint, 0), $6,"
    " $7, $8, $9) RETURNING id");
static struct pvi_stmt items_insert =
    PVI_STMT("INSERT INTO batch_items (batch_id, position, site_id)"
             " SELECT $1, t.ord, t.id FROM unnest($2::bigint[]) WITH ORDINALITY AS t(id, ord)");

struct create_ctx {
    const struct pvi_actor *actor;
    const struct pvi_batch_new *in;
    const long long *ids;
    size_t n;
    struct pvi_errors *e;
    long long id;
};

static enum pvi_code
create_tx(struct pvi_tx *tx, void *arg)
{
    struct create_ctx *c = arg;
    const struct pvi_batch_new *in = c->in;
    char op[24], aid[24], total[24], at[PVI_TIME_SIZE], bid[24];
    pvi_int_text(op, in->kind == PVI_BATCH_ASSIGN ? in->operator_id : 0);
    if (in->kind == PVI_BATCH_ASSIGN) {
        const char *p[1] = {op};
        PGresult *r = pvi_tx_exec(tx, &operator_active, 1, p);
        if (r == NULL)
            return pvi_tx_failure(tx);
        int found = PQntuples(r) == 1;
        PQclear(r);
        if (!found) {
            pvi_errors_add_msg(c->e, "operator_id", PVI_VALIDATION, PVI_MSG_TR_OPERATOR_ACTIVE,
                               NULL);
            return PVI_VALIDATION;
        }
    }
    pvi_int_text(aid, c->actor->id);
    pvi_int_text(total, (long long)c->n);
    pvi_time_format(at, pvi_now_us());
    const char *reason = in->kind == PVI_BATCH_SUSPEND ? in->reason : NULL;
    const char *p[9] = {
        pvi_batch_kind_name(in->kind), reason, op,
        pvi_role_name(c->actor->role), aid,    c->actor->label ? c->actor->label : "",
        in->query ? in->query : "",    total,  at};
    PGresult *r = pvi_tx_exec(tx, &batch_insert, 9, p);
    if (r == NULL)
        return pvi_tx_failure(tx);
    c->id = pvi_pg_get_ll(r, 0, "id", 0);
    PQclear(r);

    struct pvi_buf arr = {0};
    pvi_buf_puts(&arr, "{");
    for (size_t i = 0; i < c->n; i++)
        pvi_buf_printf(&arr, "%s%lld", i ? "," : "", c->ids[i]);
    pvi_buf_puts(&arr, "}");
    char *literal = pvi_buf_steal(&arr);
    pvi_int_text(bid, c->id);
    const char *q[2] = {bid, literal};
    r = pvi_tx_exec(tx, &items_insert, 2, q);
    free(literal);
    if (r == NULL)
        return pvi_tx_failure(tx);
    PQclear(r);

    json_t *after =
        json_pack("{s:s, s:I}", "kind", pvi_batch_kind_name(in->kind), "sites", (json_int_t)c->n);
    if (reason)
        json_object_set_new(after, "reason", json_string(reason));
    if (in->kind == PVI_BATCH_ASSIGN)
        json_object_set_new(after, "operator_id", json_integer(in->operator_id));
    enum pvi_code rc =
        pvi_audit_append(tx, c->actor, "batch.create", "batch", c->id, 0, NULL, after);
    json_decref(after);
    return rc;
}

enum pvi_code
pvi_batch_create(long long *id_out, struct pvi_db *db, const struct pvi_actor *actor,
                 const struct pvi_batch_new *in, struct pvi_errors *errs)
{
    if (id_out)
        *id_out = 0;
    struct pvi_errors local = {0};
    struct pvi_errors *e = errs ? errs : &local;
    enum pvi_code rc = pvi_perm_check(actor, PVI_ACT_BATCH, NULL);
    if (rc != PVI_OK)
        goto done;
    /* a suspension's reason follows the rules of a single suspension */
    if (in->kind == PVI_BATCH_SUSPEND)
        rc = pvi_site__reason_check(e, in->reason, 1);
    if (rc != PVI_OK)
        goto done;
    long long *ids = NULL;
    size_t n = 0;
    rc = select_sites(&ids, &n, db, actor, in->sites, PVI_BATCH_MAX_SITES);
    if (rc == PVI_OK && n == 0) {
        pvi_errors_add_msg(e, "sites", PVI_VALIDATION, PVI_MSG_BATCH_NO_SITE, NULL);
        rc = PVI_VALIDATION;
    } else if (rc == PVI_OK && n > PVI_BATCH_MAX_SITES) {
        char max[24];
        pvi_int_text(max, PVI_BATCH_MAX_SITES);
        pvi_errors_add_msg(e, "sites", PVI_VALIDATION, PVI_MSG_BATCH_TOO_MANY, "max", max, NULL);
        rc = PVI_VALIDATION;
    }
    if (rc == PVI_OK) {
        struct create_ctx c = {.actor = actor, .in = in, .ids = ids, .n = n, .e = e};
        rc = pvi_db_run_tx(db, create_tx, &c);
        if (rc == PVI_OK && id_out)
            *id_out = c.id;
    }
    free(ids);
done:
    pvi_errors_clear(&local);
    return rc;
}

/* ---- reading ---- */

static struct pvi_stmt batch_get = PVI_STMT(
    "SELECT json_build_object('id', b.id, 'kind', b.kind, 'state', b.state, 'reason', b.reason,"
    " 'operator', o.display_name, 'actor', b.actor_label, 'query', b.query,"
    " 'created_at', " PVI_SQL_ISO("b.created_at") ", 'finished_at', " PVI_SQL_ISO(
        "b.finished_at") ", 'total', b.total,"
                         " 'pending', (SELECT count(*) FROM batch_items i WHERE i.batch_id = b.id"
                         " AND i.state IN ('pending', 'running')),"
                         " 'done', (SELECT count(*) FROM batch_items i WHERE i.batch_id = b.id AND"
                         " i.state = 'done'),"
                         " 'refused', (SELECT count(*) FROM batch_items i WHERE i.batch_id = b.id"
                         " AND i.state = 'refused'),"
                         " 'interrupted', (SELECT count(*) FROM batch_items i WHERE i.batch_id ="
                         " b.id AND i.state = 'interrupted'),"
                         " 'items', (SELECT coalesce(json_agg(json_build_object('site_id', s.id,"
                         " 'slug', s.slug, 'business_name', s.business_name, 'state', x.state,"
                         " 'code', x.code, 'errors', coalesce(x.errors, '[]')) ORDER BY"
                         " x.position), '[]') FROM (SELECT * FROM batch_items i WHERE i.batch_id ="
                         " b.id AND i.state IN ('refused', 'interrupted') ORDER BY i.position"
                         " LIMIT 500) x JOIN sites s ON s.id = x.site_id))"
                         " FROM batches b LEFT JOIN operators o ON o.id = b.operator_id"
                         " WHERE b.id = $1");
static struct pvi_stmt batch_list = PVI_STMT(
    "SELECT coalesce(json_agg(json_build_object('id', b.id, 'kind', b.kind, 'state', b.state,"
    " 'actor', b.actor_label, 'created_at', " PVI_SQL_ISO(
        "b.created_at") ", 'total', b.total,"
                        " 'done', (SELECT count(*) FROM batch_items i WHERE i.batch_id = b.id AND"
                        " i.state = 'done'),"
                        " 'refused', (SELECT count(*) FROM batch_items i WHERE i.batch_id = b.id"
                        " AND i.state IN ('refused', 'interrupted'))) ORDER BY b.id DESC), '[]')"
                        " FROM (SELECT * FROM batches ORDER BY id DESC LIMIT 50) b");

struct read_ctx {
    long long id;
    json_t *out;
};

static enum pvi_code
get_tx(struct pvi_tx *tx, void *arg)
{
    struct read_ctx *c = arg;
    char id[24];
    pvi_int_text(id, c->id);
    const char *p[1] = {id};
    return pvi_tx_select_json(tx, &batch_get, 1, p, &c->out);
}

static enum pvi_code
list_tx(struct pvi_tx *tx, void *arg)
{
    struct read_ctx *c = arg;
    return pvi_tx_select_json(tx, &batch_list, 0, NULL, &c->out);
}

enum pvi_code
pvi_batch_get(json_t **out, struct pvi_db *db, const struct pvi_actor *actor, long long id)
{
    *out = NULL;
    enum pvi_code rc = pvi_perm_check(actor, PVI_ACT_BATCH, NULL);
    if (rc != PVI_OK)
        return rc;
    struct read_ctx c = {.id = id};
    return pvi_db_run_json(db, get_tx, &c, &c.out, out);
}

enum pvi_code
pvi_batch_list(json_t **out, struct pvi_db *db, const struct pvi_actor *actor)
{
    *out = NULL;
    enum pvi_code rc = pvi_perm_check(actor, PVI_ACT_BATCH, NULL);
    if (rc != PVI_OK)
        return rc;
    struct read_ctx c = {0};
    return pvi_db_run_json(db, list_tx, &c, &c.out, out);
}

char *
pvi_batch_error_text(const json_t *error, enum pvi_lang lang)
{
    enum pvi_msg m;
    if (pvi_msg_from_key(&m, json_string_value(json_object_get(error, "key"))) != 0 ||
        m == PVI_MSG_NONE)
        m = pvi_code_msg(pvi_code_from_name(json_string_value(json_object_get(error, "code"))));
    struct pvi_msg_arg args[PVI_MSG_ARGS_MAX];
    size_t n = 0;
    const char *name;
    json_t *value;
    json_object_foreach((json_t *)json_object_get(error, "args"), name, value)
    {
        if (n < PVI_MSG_ARGS_MAX && json_is_string(value))
            args[n++] = (struct pvi_msg_arg){name, json_string_value(value)};
    }
    return pvi_msg_format(lang, m, args, n);
}
