/* site_list.c — the site list (pvi_site_list.h): one statement composed of
 * the filters asked (so that each is planned with its values), a page by
 * keyset in either direction, the matches counted up to a cap; and the
 * count of sites per state. */
#include "site_cursor.h"
#include "site_ops.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_site.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_validate.h"

#include <stdlib.h>
#include <string.h>

/* How each sort reads in SQL: the ordered expression, its value as the text
 * a cursor carries, and that text turned back into the expression's type. */
static const struct sort_sql {
    const char *col;
    const char *key;
    const char *cast_open, *cast_close;
    int natural_desc;
} sort_sql[] = {
    [PVI_SITE_SORT_NEWEST] = {"s.id", "''", "", "", 1},
    [PVI_SITE_SORT_NAME] = {"s.name_key", "s.name_key", "", "::text", 0},
    [PVI_SITE_SORT_CHANGED] = {"s.updated_at",
                               "to_char(s.updated_at AT TIME ZONE 'UTC',"
                               " 'YYYY-MM-DD HH24:MI:SS.US')",
                               "(", "::timestamp AT TIME ZONE 'UTC')", 1},
    [PVI_SITE_SORT_STATE] = {"pvi_site_state_rank(s.state)", "pvi_site_state_rank(s.state)::text",
                             "", "::integer", 0},
};

#define ROW_JSON                                                                                   \
    "json_build_object('id', s.id, 'slug', s.slug, 'business_name', s.business_name,"              \
    " 'state', s.state, 'version', s.version, 'customer_number', c.customer_number,"               \
    " 'operator', o.display_name, 'operator_id', coalesce(s.operator_id, 0), 'city', s.city,"      \
    " 'charter', ch.name, 'pending', EXISTS (SELECT 1 FROM change_requests cr"                     \
    " WHERE cr.site_id = s.id AND cr.state = 'pending'),"                                          \
    " 'updated_at', " PVI_SQL_ISO("s.updated_at") ")::text"

#define MAX_PARAMS 12

/* A statement being composed: its text and its parameters. */
struct query {
    struct pvi_buf sql;
    const char *p[MAX_PARAMS];
    char own[MAX_PARAMS][PVI_INT_TEXT_SIZE]; /* numbers written for it */
    int n;
};

/* Appends "$n" for value. */
static void
param(struct query *q, const char *value)
{
    q->p[q->n++] = value;
    pvi_buf_printf(&q->sql, "$%d", q->n);
}

static void
param_int(struct query *q, long long v)
{
    pvi_int_text(q->own[q->n], v);
    param(q, q->own[q->n]);
}

static char *
like_escape(const char *q)
{
    struct pvi_buf b = {0};
    pvi_buf_puts(&b, "");
    for (const char *p = q; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            pvi_buf_append(&b, "\\", 1);
        pvi_buf_append(&b, p, 1);
    }
    return pvi_buf_steal(&b);
}

/* What the search text looks for in sites.search (before folding): a phone
 * in E.164, digits without their separators, or the text itself (LIKE
 * patterns escaped). NULL when q is blank. *chars_out: its length in
 * characters before escaping. */
static char *
search_term(const char *q, size_t *chars_out)
{
    *chars_out = 0;
    char *t = q ? pvi_text_trim_dup(q) : NULL;
    if (t == NULL || *t == '\0') {
        free(t);
        return NULL;
    }
    char e164[16];
    if (pvi_phone_normalize(e164, t) == PVI_OK) {
        free(t);
        *chars_out = strlen(e164);
        return pvi_strdup(e164);
    }
    size_t digits = 0, other = 0;
    for (const char *p = t; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (*p != ' ' && *p != '.' && *p != '-')
            other++;
    }
    if (digits > 0 && other == 0) {
        size_t k = 0;
        for (const char *p = t; *p; p++)
            if (*p >= '0' && *p <= '9')
                t[k++] = *p;
        t[k] = '\0';
        *chars_out = k;
        return t;
    }
    *chars_out = pvi_utf8_length(t);
    char *e = like_escape(t);
    free(t);
    return e;
}

struct list_ctx {
    const struct pvi_actor *actor;
    const struct pvi_site_filter *f;
    struct pvi_errors *errs;
    json_t *out;
};

static struct pvi_stmt charter_id = PVI_STMT("SELECT id FROM charters WHERE name = $1");

/* The WHERE clause of the filters (without the keyset), into q. */
static enum pvi_code
filters(struct pvi_tx *tx, struct list_ctx *c, struct query *q, char *term)
{
    const struct pvi_site_filter *f = c->f;
    pvi_buf_puts(&q->sql, " WHERE true");
    long long client = f->client_id;
    /* a client lists only their own sites (no client has id -1) */
    if (pvi_perm_visibility(c->actor, PVI_ACT_LIST_SITES) == PVI_SEES_OWN)
        client = c->actor->id > 0 ? c->actor->id : -1;
    if (f->state >= 0) {
        pvi_buf_puts(&q->sql, " AND s.state = ");
        param(q, pvi_state_name((enum pvi_site_state)f->state));
    }
    if (f->operator_id != 0) {
        pvi_buf_puts(&q->sql, " AND s.operator_id = ");
        param_int(q, f->operator_id);
    }
    if (client != 0) {
        pvi_buf_puts(&q->sql, " AND s.client_id = ");
        param_int(q, client);
    }
    if (f->charter && *f->charter) {
        PGresult *r = NULL;
        const char *p[1] = {f->charter};
        enum pvi_code rc = pvi_tx_run(tx, &r, &charter_id, 1, p);
        if (rc != PVI_OK)
            return rc;
        long long id = PQntuples(r) ? pvi_pg_get_ll(r, 0, "id", 0) : 0;
        PQclear(r);
        if (id == 0) {
            pvi_errors_add_msg(c->errs, "charter", PVI_NOT_IN_LIST, PVI_MSG_CONTENT_CHARTER_UNKNOWN,
                               NULL);
            return PVI_VALIDATION;
        }
        pvi_buf_puts(&q->sql, " AND s.charter_id = ");
        param_int(q, id);
    }
    if (f->pending)
        pvi_buf_puts(&q->sql, " AND EXISTS (SELECT 1 FROM change_requests cr"
                              " WHERE cr.site_id = s.id AND cr.state = 'pending')");
    if (term) {
        pvi_buf_puts(&q->sql, " AND s.search LIKE '%' || pvi_fold(");
        param(q, term);
        pvi_buf_puts(&q->sql, ") || '%'");
    }
    return PVI_OK;
}

/* Reads the cursor of field (NULL: none) into *cur; refuses one of another sort or direction. */
static enum pvi_code
cursor_read(struct list_ctx *c, const char *field, const char *text, int desc,
            struct pvi_site__cursor *cur, int *present)
{
    *present = text && *text;
    if (!*present)
        return PVI_OK;
    if (pvi_site__cursor_decode(cur, text) != 0 || cur->sort != c->f->sort || cur->desc != desc) {
        pvi_errors_add_msg(c->errs, field, PVI_BAD_REQUEST, PVI_MSG_SITE_LIST_CURSOR, NULL);
        return PVI_VALIDATION;
    }
    return PVI_OK;
}

static json_t *
cursor_of(enum pvi_site_sort sort, int desc, PGresult *r, int row)
{
    struct pvi_site__cursor cur = {.sort = sort, .desc = desc};
    cur.id = pvi_pg_get_ll(r, row, "id", 0);
    const char *k = pvi_pg_get(r, row, "k");
    snprintf(cur.key, sizeof cur.key, "%s", k ? k : "");
    char *text = pvi_site__cursor_encode(&cur);
    json_t *j = json_string(text);
    free(text);
    return j;
}

/* The matches of the filters (the first nfilter parameters of q), counted
 * up to one more than the cap, into *n_out. */
static enum pvi_code
count_matches(struct pvi_tx *tx, long long *n_out, const struct query *q, const char *where,
              int nfilter)
{
    struct pvi_buf sql = {0};
    pvi_buf_printf(&sql, "SELECT count(*) AS n FROM (SELECT 1 FROM sites s%s LIMIT %d) x", where,
                   PVI_SITE_COUNT_CAP + 1);
    PGresult *r = pvi_tx_exec_adhoc(tx, sql.data, nfilter, q->p);
    pvi_buf_free(&sql);
    if (r == NULL)
        return pvi_tx_failure(tx);
    *n_out = pvi_pg_get_ll(r, 0, "n", 0);
    PQclear(r);
    return PVI_OK;
}

/* The page's rows (r holds up to limit + 1, in the order read; backward
 * pages were read in the reverse order) and its cursors, into out. */
static void
page_of(json_t *out, PGresult *r, const struct pvi_site_filter *f, int desc, int limit,
        int backward, int from_cursor)
{
    int n = PQntuples(r);
    int more = n > limit;
    if (more)
        n = limit;
    json_t *sites = json_array();
    for (int i = 0; i < n; i++) {
        int row = backward ? n - 1 - i : i;
        json_t *j = json_loads(pvi_pg_get(r, row, "j"), 0, NULL);
        json_array_append_new(sites, j ? j : json_object());
    }
    /* display rows 0 and n-1 are result rows first and last (forward) or last and first */
    int first = backward ? n - 1 : 0, last = backward ? 0 : n - 1;
    int has_next = backward ? from_cursor : more;
    int has_previous = backward ? more : from_cursor;
    json_object_set_new(out, "sites", sites);
    json_object_set_new(out, "sort", json_string(pvi_site_sort_name(f->sort)));
    json_object_set_new(out, "descending", json_boolean(desc));
    json_object_set_new(out, "next", n > 0 && has_next ? cursor_of(f->sort, desc, r, last)
                                                       : json_null());
    json_object_set_new(out, "previous",
                        n > 0 && has_previous ? cursor_of(f->sort, desc, r, first) : json_null());
}

static enum pvi_code
site_list_tx(struct pvi_tx *tx, void *arg)
{
    struct list_ctx *c = arg;
    const struct pvi_site_filter *f = c->f;
    enum pvi_code rc = pvi_perm_check(c->actor, PVI_ACT_LIST_SITES, NULL);
    if (rc != PVI_OK)
        return rc;
    if ((size_t)f->sort >= PVI_COUNT_OF(sort_sql))
        return PVI_BAD_REQUEST;
    const struct sort_sql *ss = &sort_sql[f->sort];
    int desc = f->dir == PVI_SORT_NATURAL ? ss->natural_desc : f->dir == PVI_SORT_DESC;
    struct pvi_site__cursor after, before;
    int has_after, has_before;
    if ((rc = cursor_read(c, "after", f->after, desc, &after, &has_after)) != PVI_OK ||
        (rc = cursor_read(c, "before", f->before, desc, &before, &has_before)) != PVI_OK)
        return rc;
    int backward = has_before || (f->last && !has_after);
    const struct pvi_site__cursor *cur = has_before ? &before : has_after ? &after : NULL;
    int limit = f->limit > 0 ? (f->limit > 200 ? 200 : f->limit) : 50;

    size_t chars;
    char *term = search_term(f->q, &chars);
    if (term && chars < PVI_SITE_SEARCH_MIN) {
        /* shorter than a trigram: no index could find it, and it would match everything */
        free(term);
        pvi_errors_add_msg(c->errs, "q", PVI_BAD_REQUEST, PVI_MSG_SITE_LIST_SHORT, NULL);
        return PVI_VALIDATION;
    }
    struct query q = {0};
    rc = filters(tx, c, &q, term);
    int nfilter = q.n;
    char *where = pvi_strdup(q.sql.data ? q.sql.data : "");
    json_decref(c->out); /* an attempt retried starts again */
    c->out = json_object();
    long long matches = 0;
    if (rc == PVI_OK)
        rc = count_matches(tx, &matches, &q, where, nfilter);
    if (rc == PVI_OK && f->count) {
        json_object_set_new(c->out, "count",
                            json_integer(matches > PVI_SITE_COUNT_CAP ? PVI_SITE_COUNT_CAP
                                                                      : matches));
        json_object_set_new(c->out, "count_capped", json_boolean(matches > PVI_SITE_COUNT_CAP));
    }
    if (rc == PVI_OK) {
        /* the rows: what the filters select, past the cursor, in the order of the page;
         * the page is cut from sites alone, then joined */
        int read_desc = backward ? !desc : desc;
        const char *dir = read_desc ? "DESC" : "ASC";
        struct pvi_buf order = {0};
        if (f->sort == PVI_SITE_SORT_NEWEST)
            pvi_buf_printf(&order, " ORDER BY s.id %s", dir);
        else
            pvi_buf_printf(&order, " ORDER BY %s %s, s.id %s", ss->col, dir, dir);
        /* Few matches (counted): take them all through the filters' indexes (the
         * trigram index of a search) and sort them; planned on its own (OFFSET 0),
         * the innermost query cannot become a walk of the sort's index that reads
         * every site before the matches when they are far in the order. Many
         * matches: that walk meets enough of them soon. */
        int narrow = matches <= PVI_SITE_COUNT_CAP;
        q.sql.len = 0;
        pvi_buf_printf(&q.sql, "SELECT s.id, %s AS k, " ROW_JSON " AS j FROM (SELECT * FROM %s",
                       ss->key, narrow ? "(SELECT * FROM sites s" : "sites s");
        pvi_buf_puts(&q.sql, where);
        if (cur) {
            const char *op = read_desc ? "<" : ">";
            if (f->sort == PVI_SITE_SORT_NEWEST) {
                pvi_buf_printf(&q.sql, " AND s.id %s ", op);
            } else {
                pvi_buf_printf(&q.sql, " AND (%s, s.id) %s (%s", ss->col, op, ss->cast_open);
                param(&q, cur->key);
                pvi_buf_printf(&q.sql, "%s, ", ss->cast_close);
            }
            param_int(&q, cur->id);
            if (f->sort != PVI_SITE_SORT_NEWEST)
                pvi_buf_puts(&q.sql, "::bigint)");
        }
        pvi_buf_printf(&q.sql, "%s%s LIMIT ", narrow ? " OFFSET 0) s" : "", order.data);
        param_int(&q, limit + 1);
        pvi_buf_printf(&q.sql,
                       ") s JOIN clients c ON c.id = s.client_id"
                       " LEFT JOIN operators o ON o.id = s.operator_id"
                       " LEFT JOIN charters ch ON ch.id = s.charter_id%s",
                       order.data);
        pvi_buf_free(&order);
        PGresult *r = pvi_tx_exec_adhoc(tx, q.sql.data, q.n, q.p);
        if (r == NULL) {
            rc = pvi_tx_failure(tx);
        } else {
            page_of(c->out, r, f, desc, limit, backward, cur != NULL);
            PQclear(r);
        }
    }
    free(where);
    free(term);
    pvi_buf_free(&q.sql);
    return rc;
}

enum pvi_code
pvi_site_list(json_t **out, struct pvi_db *db, const struct pvi_actor *actor,
              const struct pvi_site_filter *filter, struct pvi_errors *errs)
{
    static const struct pvi_site_filter none = {.state = -1};
    struct list_ctx c = {.actor = actor, .f = filter ? filter : &none, .errs = errs};
    return pvi_db_run_json(db, site_list_tx, &c, &c.out, out);
}

static struct pvi_stmt count_by_state = PVI_STMT(
    "SELECT json_object_agg(st, coalesce(n, 0)) FROM unnest(ARRAY['ordered', 'collecting',"
    " 'review', 'online', 'suspended', 'closed']) st"
    " LEFT JOIN (SELECT state, count(*) AS n FROM sites GROUP BY state) c ON c.state = st");

static enum pvi_code
count_tx(struct pvi_tx *tx, void *arg)
{
    struct list_ctx *c = arg;
    enum pvi_code rc = pvi_perm_check(c->actor, PVI_ACT_VIEW_STATS, NULL);
    if (rc != PVI_OK)
        return rc;
    return pvi_tx_select_json(tx, &count_by_state, 0, NULL, &c->out);
}

enum pvi_code
pvi_site_count_by_state(json_t **out, struct pvi_db *db, const struct pvi_actor *actor)
{
    struct list_ctx c = {.actor = actor};
    return pvi_db_run_json(db, count_tx, &c, &c.out, out);
}
