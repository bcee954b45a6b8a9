/* site_read.c — revisions (list, one, diff, provenance), site lists and
 * counts, the call log and the audit trail. */
#include "audit.h"
#include "site_ops.h"
#include "site_row.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_validate.h"

#include <stdlib.h>
#include <string.h>

/* Loads the site and checks that the actor may do `action` on it. */
static enum pvi_code
authorize(struct pvi_tx *tx, const struct pvi_actor *actor, long long site_id,
          enum pvi_action action, struct site_row *row)
{
    enum pvi_code rc = site_row_load(tx, row, site_id, 0);
    if (rc != PVI_OK)
        return rc;
    struct pvi_site_facts f = site_row_facts(row);
    rc = pvi_perm_check(actor, PVI_ACT_READ, &f);
    if (rc == PVI_OK && action != PVI_ACT_READ)
        rc = pvi_perm_check(actor, action, &f);
    return rc;
}

/* The same when the row itself is not needed. */
static enum pvi_code
authorize_only(struct pvi_tx *tx, const struct pvi_actor *actor, long long site_id,
               enum pvi_action action)
{
    struct site_row row;
    enum pvi_code rc = authorize(tx, actor, site_id, action, &row);
    site_row_clear(&row);
    return rc;
}

/* Runs a SELECT whose single column is a JSON document and parses it. */
static enum pvi_code
select_json(struct pvi_tx *tx, struct pvi_stmt *st, int n, const char *const *p, json_t **out)
{
    PGresult *r = pvi_tx_exec(tx, st, n, p);
    if (r == NULL)
        return pvi_tx_failure(tx);
    const char *v = PQntuples(r) ? PQgetvalue(r, 0, 0) : NULL;
    *out = v && *v ? json_loads(v, JSON_DECODE_ANY, NULL) : NULL;
    PQclear(r);
    return *out ? PVI_OK : PVI_NOT_FOUND;
}

/* Runs fn in a transaction; on success hands *result (set by fn) to *out,
 * otherwise releases it and sets *out to NULL. */
static enum pvi_code
run_json(struct pvi_db *db, pvi_tx_fn fn, void *ctx, json_t **result, json_t **out)
{
    enum pvi_code rc = pvi_db_run_tx(db, fn, ctx);
    *out = rc == PVI_OK ? *result : NULL;
    if (rc != PVI_OK)
        json_decref(*result);
    return rc;
}

#define ISO(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

static struct pvi_stmt rev_list = PVI_STMT(
    "SELECT coalesce(json_agg(json_build_object('number', r.number, 'author', r.author_label,"
    " 'role', r.author_kind, 'channel', r.channel, 'note', r.note, 'created_at', " ISO(
        "r.created_at") ", 'published', r.id = s.published_revision_id, 'draft', r.id = "
                        "s.draft_revision_id)"
                        " ORDER BY r.number DESC), '[]')"
                        " FROM site_revisions r JOIN sites s ON s.id = r.site_id WHERE r.site_id = "
                        "$1");
static struct pvi_stmt rev_one = PVI_STMT(
    "SELECT json_build_object('number', number, 'content', content, 'provenance', provenance,"
    " 'author', author_label, 'role', author_kind, 'channel', channel, 'note', note,"
    " 'created_at', " ISO("created_at") ")"
                                        " FROM site_revisions WHERE site_id = $1 AND number = $2");

struct read_ctx {
    const struct pvi_actor *actor;
    long long site_id;
    int a, b;
    struct pvi_stmt *st; /* site_select_tx: a query on $1 = site id */
    json_t *out;
};

/* A JSON query about one site ($1 = site id) that the actor may read. */
static enum pvi_code
site_select_tx(struct pvi_tx *tx, void *arg)
{
    struct read_ctx *c = arg;
    enum pvi_code rc = authorize_only(tx, c->actor, c->site_id, PVI_ACT_READ);
    if (rc != PVI_OK)
        return rc;
    char sid[24];
    pvi_int_text(sid, c->site_id);
    const char *p[1] = {sid};
    return select_json(tx, c->st, 1, p, &c->out);
}

enum pvi_code
pvi_revision_list(struct pvi_db *db, const struct pvi_actor *actor, long long site_id, json_t **out)
{
    struct read_ctx c = {.actor = actor, .site_id = site_id, .st = &rev_list};
    return run_json(db, site_select_tx, &c, &c.out, out);
}

static enum pvi_code
rev_get(struct pvi_tx *tx, long long site_id, int number, json_t **out)
{
    char sid[24], num[24];
    pvi_int_text(sid, site_id);
    pvi_int_text(num, number);
    const char *p[2] = {sid, num};
    return select_json(tx, &rev_one, 2, p, out);
}

static enum pvi_code
rev_get_tx(struct pvi_tx *tx, void *arg)
{
    struct read_ctx *c = arg;
    enum pvi_code rc = authorize_only(tx, c->actor, c->site_id, PVI_ACT_READ);
    if (rc != PVI_OK)
        return rc;
    return rev_get(tx, c->site_id, c->a, &c->out);
}

enum pvi_code
pvi_revision_get(struct pvi_db *db, const struct pvi_actor *actor, long long site_id, int number,
                 json_t **out)
{
    struct read_ctx c = {.actor = actor, .site_id = site_id, .a = number};
    return run_json(db, rev_get_tx, &c, &c.out, out);
}

static enum pvi_code
rev_diff_tx(struct pvi_tx *tx, void *arg)
{
    struct read_ctx *c = arg;
    json_t *ra = NULL, *rb = NULL;
    enum pvi_code rc = authorize_only(tx, c->actor, c->site_id, PVI_ACT_READ);
    if (rc == PVI_OK)
        rc = rev_get(tx, c->site_id, c->a, &ra);
    if (rc == PVI_OK)
        rc = rev_get(tx, c->site_id, c->b, &rb);
    if (rc == PVI_OK) {
        const json_t *ca = json_object_get(ra, "content"), *cb = json_object_get(rb, "content");
        json_t *fields = changed_fields(ca, cb);
        c->out = json_array();
        size_t i;
        json_t *f;
        json_array_foreach(fields, i, f)
        {
            const char *k = json_string_value(f);
            json_t *va = json_object_get(ca, k), *vb = json_object_get(cb, k);
            json_array_append_new(c->out,
                                  json_pack("{s:s, s:O, s:O}", "field", k, "before",
                                            va ? va : json_null(), "after", vb ? vb : json_null()));
        }
        json_decref(fields);
    }
    json_decref(ra);
    json_decref(rb);
    return rc;
}

enum pvi_code
pvi_revision_diff(struct pvi_db *db, const struct pvi_actor *actor, long long site_id, int a, int b,
                  json_t **out)
{
    struct read_ctx c = {.actor = actor, .site_id = site_id, .a = a, .b = b};
    return run_json(db, rev_diff_tx, &c, &c.out, out);
}

static enum pvi_code
provenance_tx(struct pvi_tx *tx, void *arg)
{
    struct read_ctx *c = arg;
    struct site_row row;
    enum pvi_code rc = authorize(tx, c->actor, c->site_id, PVI_ACT_READ, &row);
    if (rc == PVI_OK) {
        const json_t *p;
        if (row.s.state == PVI_STATE_ONLINE || row.s.state == PVI_STATE_SUSPENDED)
            p = row.s.pending ? row.pending_provenance : row.published_provenance;
        else
            p = row.draft_provenance;
        c->out = p ? json_deep_copy(p) : json_object();
    }
    site_row_clear(&row);
    return rc;
}

enum pvi_code
pvi_site_provenance(struct pvi_db *db, const struct pvi_actor *actor, long long site_id,
                    json_t **out)
{
    struct read_ctx c = {.actor = actor, .site_id = site_id};
    return run_json(db, provenance_tx, &c, &c.out, out);
}

/* ---- lists ---- */

static struct pvi_stmt site_list =
    PVI_STMT("SELECT coalesce(json_agg(x ORDER BY x.id DESC), '[]') FROM ("
             " SELECT s.id, s.slug, s.business_name, s.state, s.version, c.customer_number,"
             " o.display_name AS operator, " ISO(
                 "s.updated_at") " AS updated_at"
                                 " FROM sites s JOIN clients c ON c.id = s.client_id"
                                 " LEFT JOIN operators o ON o.id = s.operator_id"
                                 " WHERE ($1::text IS NULL OR s.state = $1)"
                                 " AND ($2::bigint = 0 OR s.operator_id = $2)"
                                 " AND ($3::bigint = 0 OR s.client_id = $3)"
                                 " AND ($4::bigint = 0 OR s.id < $4)"
                                 " AND ($5::text IS NULL OR s.business_name ILIKE '%' || $5 || '%' "
                                 "OR s.slug ILIKE '%' || $5"
                                 " || '%' OR c.customer_number = upper($5))"
                                 " ORDER BY s.id DESC LIMIT $6) x");

struct list_ctx {
    const struct pvi_actor *actor;
    const struct pvi_site_filter *f;
    json_t *out;
};

static char *
like_escape(const char *q)
{
    struct pvi_buf b = {0};
    for (const char *p = q; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            pvi_buf_append(&b, "\\", 1);
        pvi_buf_append(&b, p, 1);
    }
    return pvi_buf_steal(&b);
}

static enum pvi_code
site_list_tx(struct pvi_tx *tx, void *arg)
{
    struct list_ctx *c = arg;
    const struct pvi_site_filter *f = c->f;
    long long client = f ? f->client_id : 0;
    if (c->actor->role == PVI_ROLE_CLIENT)
        client = c->actor->id; /* a client lists only their own sites */
    else if (c->actor->role == PVI_ROLE_INTEGRATOR && !(c->actor->scopes & PVI_SCOPE_SITES_READ))
        return PVI_FORBIDDEN;
    char op[24], cl[24], after[24], lim[24];
    pvi_int_text(op, f ? f->operator_id : 0);
    pvi_int_text(cl, client);
    pvi_int_text(after, f ? f->after_id : 0);
    int limit = f && f->limit > 0 ? (f->limit > 200 ? 200 : f->limit) : 50;
    pvi_int_text(lim, limit);
    char *q = f && f->q && *f->q ? like_escape(f->q) : NULL;
    const char *p[6] = {f && f->state >= 0 ? pvi_state_name((enum pvi_site_state)f->state) : NULL,
                        op,
                        cl,
                        after,
                        q,
                        lim};
    enum pvi_code rc = select_json(tx, &site_list, 6, p, &c->out);
    free(q);
    return rc;
}

enum pvi_code
pvi_site_list(struct pvi_db *db, const struct pvi_actor *actor,
              const struct pvi_site_filter *filter, json_t **out)
{
    struct list_ctx c = {.actor = actor, .f = filter};
    return run_json(db, site_list_tx, &c, &c.out, out);
}

static struct pvi_stmt count_by_state = PVI_STMT(
    "SELECT json_object_agg(st, coalesce(n, 0)) FROM unnest(ARRAY['ordered', 'collecting',"
    " 'review', 'online', 'suspended', 'closed']) st"
    " LEFT JOIN (SELECT state, count(*) AS n FROM sites GROUP BY state) c ON c.state = st");

static enum pvi_code
count_tx(struct pvi_tx *tx, void *arg)
{
    struct list_ctx *c = arg;
    if (c->actor->role != PVI_ROLE_ADMIN && c->actor->role != PVI_ROLE_OPERATOR &&
        c->actor->role != PVI_ROLE_SYSTEM)
        return PVI_FORBIDDEN;
    return select_json(tx, &count_by_state, 0, NULL, &c->out);
}

enum pvi_code
pvi_site_count_by_state(struct pvi_db *db, const struct pvi_actor *actor, json_t **out)
{
    struct list_ctx c = {.actor = actor};
    return run_json(db, count_tx, &c, &c.out, out);
}

/* ---- call log ---- */

static const char *const outcomes[] = {"reached", "no_answer", "wrong_number", "call_back"};

static struct pvi_stmt call_insert =
    PVI_STMT("INSERT INTO call_log (site_id, operator_id, called_at, outcome, call_back_at, notes)"
             " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id");
static struct pvi_stmt call_list =
    PVI_STMT(
        "SELECT coalesce(json_agg(json_build_object('id', l.id, 'at', " ISO(
            "l.called_at") ", 'operator', o.display_name, 'outcome', l.outcome, "
                           "'call_back_at', " ISO("l.call_back_at") ", 'notes', l.notes) ORDER BY "
                                                                    "l.called_at DESC, l.id DESC), "
                                                                    "'[]')"
                                                                    " FROM call_log l JOIN "
                                                                    "operators o ON o.id = "
                                                                    "l.operator_id WHERE l.site_id "
                                                                    "= $1");

struct call_ctx {
    const struct pvi_actor *actor;
    long long site_id;
    enum pvi_call_outcome outcome;
    int64_t call_back_us;
    const char *notes;
    long long id;
};

static enum pvi_code
call_add_tx(struct pvi_tx *tx, void *arg)
{
    struct call_ctx *c = arg;
    enum pvi_code rc = authorize_only(tx, c->actor, c->site_id, PVI_ACT_LOG_CALL);
    if (rc != PVI_OK)
        return rc;
    char sid[24], oid[24], at[40], cb[40];
    pvi_int_text(sid, c->site_id);
    pvi_int_text(oid, c->actor->id);
    pvi_time_format(at, pvi_now_us());
    if (c->outcome == PVI_CALL_BACK)
        pvi_time_format(cb, c->call_back_us);
    const char *p[6] = {sid,
                        oid,
                        at,
                        outcomes[c->outcome],
                        c->outcome == PVI_CALL_BACK ? cb : NULL,
                        c->notes ? c->notes : ""};
    PGresult *r = pvi_tx_exec(tx, &call_insert, 6, p);
    if (r == NULL)
        return pvi_tx_failure(tx);
    c->id = pvi_pg_get_ll(r, 0, "id", 0);
    PQclear(r);
    json_t *after =
        json_pack("{s:s, s:s}", "outcome", outcomes[c->outcome], "notes", c->notes ? c->notes : "");
    if (c->outcome == PVI_CALL_BACK)
        json_object_set_new(after, "call_back_at", json_string(cb));
    rc = pvi_audit_append(tx, c->actor, "call.log", "call", c->id, c->site_id, NULL, after);
    json_decref(after);
    return rc;
}

enum pvi_code
pvi_call_log_add(struct pvi_db *db, const struct pvi_actor *actor, long long site_id,
                 enum pvi_call_outcome outcome, int64_t call_back_at_us, const char *notes,
                 long long *id_out, struct pvi_errors *errs)
{
    if ((unsigned)outcome > PVI_CALL_BACK) {
        if (errs)
            pvi_errors_add(errs, "outcome", PVI_NOT_IN_LIST, "Résultat d'appel inconnu.");
        return PVI_VALIDATION;
    }
    if (outcome == PVI_CALL_BACK && call_back_at_us <= pvi_now_us()) {
        if (errs)
            pvi_errors_add(errs, "call_back_at", PVI_BAD_DATE,
                           "Indiquez une date de rappel dans le futur.");
        return PVI_VALIDATION;
    }
    if (notes && (pvi_utf8_length(notes) > 2000 || pvi_text_has_markup(notes))) {
        if (errs)
            pvi_errors_add(errs, "notes", pvi_text_has_markup(notes) ? PVI_MARKUP : PVI_TOO_LONG,
                           NULL);
        return PVI_VALIDATION;
    }
    struct call_ctx c = {.actor = actor,
                         .site_id = site_id,
                         .outcome = outcome,
                         .call_back_us = call_back_at_us,
                         .notes = notes};
    enum pvi_code rc = pvi_db_run_tx(db, call_add_tx, &c);
    if (rc == PVI_OK && id_out)
        *id_out = c.id;
    return rc;
}

enum pvi_code
pvi_call_log_list(struct pvi_db *db, const struct pvi_actor *actor, long long site_id, json_t **out)
{
    struct read_ctx c = {.actor = actor, .site_id = site_id, .st = &call_list};
    return run_json(db, site_select_tx, &c, &c.out, out);
}

/* ---- audit ---- */

static struct pvi_stmt audit_list =
    PVI_STMT("SELECT coalesce(json_agg(json_build_object('id', id, 'at', " ISO(
        "at") ", 'actor_kind',"
              " actor_kind, 'actor', actor_label, 'action', action, 'object', object_kind, "
              "'object_id',"
              " object_id, 'site_id', site_id, 'before', before, 'after', after, 'address', "
              "address)"
              " ORDER BY id DESC), '[]') FROM (SELECT * FROM audit_events"
              " WHERE ($1::bigint = 0 OR site_id = $1)"
              " AND ($2::text IS NULL OR (actor_kind = $2 AND actor_id = $3::bigint))"
              " AND ($4::bigint = 0 OR id < $4) ORDER BY id DESC LIMIT $5) e");

struct audit_ctx {
    const struct pvi_actor *actor;
    long long site_id, before_id;
    int limit;
    json_t *out;
};

static enum pvi_code
audit_list_tx(struct pvi_tx *tx, void *arg)
{
    struct audit_ctx *c = arg;
    enum pvi_code rc;
    const char *only_kind = NULL;
    if (c->site_id) {
        rc = authorize_only(tx, c->actor, c->site_id, PVI_ACT_READ_AUDIT);
    } else {
        rc = pvi_perm_check(c->actor, PVI_ACT_READ_AUDIT, NULL);
        if (c->actor->role == PVI_ROLE_OPERATOR)
            only_kind = "operator"; /* an operator reads their own actions */
    }
    if (rc != PVI_OK)
        return rc;
    char sid[24], aid[24], bid[24], lim[24];
    pvi_int_text(sid, c->site_id);
    pvi_int_text(aid, c->actor->id);
    pvi_int_text(bid, c->before_id);
    pvi_int_text(lim, c->limit > 0 && c->limit <= 500 ? c->limit : 100);
    const char *p[5] = {sid, only_kind, aid, bid, lim};
    return select_json(tx, &audit_list, 5, p, &c->out);
}

enum pvi_code
pvi_audit_list(struct pvi_db *db, const struct pvi_actor *actor, long long site_id,
               long long before_id, int limit, json_t **out)
{
    struct audit_ctx c = {
        .actor = actor, .site_id = site_id, .before_id = before_id, .limit = limit};
    return run_json(db, audit_list_tx, &c, &c.out, out);
}
