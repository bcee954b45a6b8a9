/* change_request_read.c — reading change requests (pvi_change_request.h):
 * the queue of pending ones (keyset paging on the id), one request with the
 * current and proposed value of each field, and what became of a site's
 * requests for the requester's office; the values as a person reads them. */
#include "site_ops.h"
#include "site_row.h"

#include "pvi/pvi_change_request.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SQL_LOCAL(col) "to_char(" col " AT TIME ZONE 'Europe/Paris', 'DD/MM/YYYY HH24:MI')"

/* The sensitive fields in the order of the public site, and their names. */
static const struct {
    const char *field;
    enum pvi_msg msg;
} field_names[] = {
    {"business_name", PVI_MSG_CR_FIELD_BUSINESS_NAME},
    {"activity", PVI_MSG_CR_FIELD_ACTIVITY},
    {"address", PVI_MSG_CR_FIELD_ADDRESS},
    {"domains", PVI_MSG_CR_FIELD_DOMAINS},
    {"charter", PVI_MSG_CR_FIELD_CHARTER},
};

enum pvi_msg
pvi_change_request_field_msg(const char *field)
{
    for (size_t i = 0; field && i < PVI_COUNT_OF(field_names); i++)
        if (strcmp(field_names[i].field, field) == 0)
            return field_names[i].msg;
    return PVI_MSG_NONE;
}

/* ---- values as text ---- */

static void
address_text(struct pvi_buf *b, const json_t *a)
{
    const char *street = json_string_value(json_object_get(a, "street"));
    const char *pc = json_string_value(json_object_get(a, "postal_code"));
    const char *city = json_string_value(json_object_get(a, "city"));
    if (street && *street)
        pvi_buf_printf(b, "%s", street);
    if ((pc && *pc) || (city && *city))
        pvi_buf_printf(b, "%s%s%s%s", b->len ? ", " : "", pc ? pc : "", pc && city ? " " : "",
                       city ? city : "");
    const json_t *geo = json_object_get(a, "geo");
    if (json_is_number(json_object_get(geo, "lat")) && json_is_number(json_object_get(geo, "lon")))
        pvi_buf_printf(b, " (%.5f, %.5f)", json_number_value(json_object_get(geo, "lat")),
                       json_number_value(json_object_get(geo, "lon")));
}

/* A field's value as a person reads it ("" for none); charters maps a
 * charter's name to its label. New string. */
static char *
value_text(const char *field, const json_t *v, const json_t *charters)
{
    struct pvi_buf b = {0};
    pvi_buf_puts(&b, "");
    if (v == NULL || json_is_null(v))
        return pvi_buf_steal(&b);
    if (strcmp(field, "charter") == 0 && json_is_string(v)) {
        const char *label = json_string_value(json_object_get(charters, json_string_value(v)));
        pvi_buf_puts(&b, label ? label : json_string_value(v));
    } else if (json_is_string(v)) {
        pvi_buf_puts(&b, json_string_value(v));
    } else if (strcmp(field, "address") == 0 && json_is_object(v)) {
        address_text(&b, v);
    } else if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x)
        {
            char *t = value_text(field, x, charters);
            pvi_buf_printf(&b, "%s%s", i ? ", " : "", t);
            free(t);
        }
    } else {
        char *t = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
        pvi_buf_puts(&b, t ? t : "");
        free(t);
    }
    return pvi_buf_steal(&b);
}

static void
set_text(json_t *o, const char *key, const char *field, const json_t *v, const json_t *charters)
{
    char *t = value_text(field, v, charters);
    json_object_set_new(o, key, json_string(t));
    free(t);
}

/* The request's fields ("fields": names) as objects, in the order of the
 * public site, from "proposed" and "current" contents and "decisions"
 * ({field: {"decision","reason"}}), which are removed. full: the current
 * value and the proposed one as JSON too (the admin's view). */
static void
expand_fields(json_t *req, const json_t *charters, int full)
{
    const json_t *names = json_object_get(req, "fields");
    const json_t *proposed = json_object_get(req, "proposed");
    const json_t *current = json_object_get(req, "current");
    const json_t *decisions = json_object_get(req, "decisions");
    const char *state = json_string_value(json_object_get(req, "state"));
    json_t *out = json_array();
    for (size_t k = 0; k < PVI_COUNT_OF(field_names); k++) {
        const char *f = field_names[k].field;
        int asked = 0;
        size_t i;
        json_t *n;
        json_array_foreach(names, i, n)
        {
            asked |= json_is_string(n) && strcmp(json_string_value(n), f) == 0;
        }
        if (!asked)
            continue;
        json_t *o = json_pack("{s:s}", "field", f);
        const json_t *prop = json_object_get(proposed, f);
        if (full) {
            const json_t *cur = json_object_get(current, f);
            json_object_set_new(o, "current", cur ? json_deep_copy(cur) : json_null());
            json_object_set_new(o, "proposed", prop ? json_deep_copy(prop) : json_null());
            set_text(o, "current_text", f, cur, charters);
        }
        set_text(o, "proposed_text", f, prop, charters);
        const json_t *d = json_object_get(decisions, f);
        const char *verdict = json_string_value(json_object_get(d, "decision"));
        if (verdict == NULL && !full)
            verdict = state && strcmp(state, "superseded") == 0 ? "superseded" : "pending";
        json_object_set_new(o, "decision", verdict ? json_string(verdict) : json_null());
        const json_t *reason = json_object_get(d, "reason");
        json_object_set_new(o, "reason",
                            json_is_string(reason) ? json_deep_copy(reason) : json_null());
        json_array_append_new(out, o);
    }
    json_object_set_new(req, "fields", out);
    json_object_del(req, "proposed");
    json_object_del(req, "current");
    json_object_del(req, "decisions");
}

/* The names of fields in the order of the public site (a new array). */
static json_t *
ordered(const json_t *names)
{
    json_t *out = json_array();
    for (size_t k = 0; k < PVI_COUNT_OF(field_names); k++) {
        size_t i;
        json_t *n;
        json_array_foreach(names, i, n)
        {
            if (json_is_string(n) && strcmp(json_string_value(n), field_names[k].field) == 0)
                json_array_append(out, n);
        }
    }
    return out;
}

static struct pvi_stmt charter_labels =
    PVI_STMT("SELECT coalesce(json_object_agg(name, label), '{}') FROM charters");

/* ---- the queue ---- */

/* clang-format off */
#define QUEUE_ITEM                                                                                 \
    "json_build_object('id', cr.id, 'site_id', cr.site_id, 'slug', s.slug, 'business_name',"       \
    " s.business_name, 'site_state', s.state, 'requested_kind', cr.requested_kind,"                \
    " 'requested_by', r.author_label, 'fields', cr.fields,"                                        \
    " 'created_at', " PVI_SQL_ISO("cr.created_at") ","                                             \
    " 'created_local', " SQL_LOCAL("cr.created_at") ") AS item"                                    \
    " FROM change_requests cr JOIN sites s ON s.id = cr.site_id"                                   \
    " JOIN site_revisions r ON r.id = cr.revision_id WHERE cr.state = 'pending'"

/* $1: after (before) this id, $2: how many (one more than the page tells whether there is more) */
static struct pvi_stmt queue_after = PVI_STMT(
    "SELECT coalesce(json_agg(item ORDER BY id), '[]') FROM (SELECT cr.id, " QUEUE_ITEM
    " AND cr.id > $1 ORDER BY cr.id LIMIT $2) page");
static struct pvi_stmt queue_before = PVI_STMT(
    "SELECT coalesce(json_agg(item ORDER BY id), '[]') FROM (SELECT cr.id, " QUEUE_ITEM
    " AND cr.id < $1 ORDER BY cr.id DESC LIMIT $2) page");
/* clang-format on */

static struct pvi_stmt queue_counts =
    PVI_STMT("SELECT json_build_object('pending', count(*), 'position',"
             " count(*) FILTER (WHERE id < $1)) FROM change_requests WHERE state = 'pending'");

struct list_ctx {
    const struct pvi_actor *actor;
    struct pvi_change_request_page page;
    json_t *out;
};

static long long
item_id(const json_t *items, size_t i)
{
    return (long long)json_integer_value(json_object_get(json_array_get(items, i), "id"));
}

static enum pvi_code
list_tx(struct pvi_tx *tx, void *arg)
{
    struct list_ctx *c = arg;
    enum pvi_code rc = pvi_perm_check(c->actor, PVI_ACT_DECIDE, NULL);
    if (rc != PVI_OK)
        return rc;
    int limit = c->page.limit >= 1 && c->page.limit <= 200 ? c->page.limit : 50;
    int backwards = c->page.before_id > 0;
    char cursor[PVI_INT_TEXT_SIZE], n[PVI_INT_TEXT_SIZE];
    pvi_int_text(cursor, backwards ? c->page.before_id : c->page.after_id);
    pvi_int_text(n, limit + 1);
    const char *p[2] = {cursor, n};
    json_t *items = NULL;
    rc = pvi_tx_select_json(tx, backwards ? &queue_before : &queue_after, 2, p, &items);
    if (rc != PVI_OK)
        return rc;
    int more = json_array_size(items) > (size_t)limit;
    if (more)
        json_array_remove(items, backwards ? 0 : (size_t)limit);
    size_t count = json_array_size(items);
    char first[PVI_INT_TEXT_SIZE];
    pvi_int_text(first,
                 count ? item_id(items, 0) : (backwards ? c->page.before_id : (long long)1 << 62));
    const char *p2[1] = {first};
    rc = pvi_tx_select_json(tx, &queue_counts, 1, p2, &c->out);
    if (rc != PVI_OK) {
        json_decref(items);
        return rc;
    }
    long long position = (long long)json_integer_value(json_object_get(c->out, "position"));
    json_object_set_new(c->out, "previous",
                        count && position > 0 ? json_integer(item_id(items, 0)) : json_null());
    json_object_set_new(c->out, "next",
                        count && (more || backwards) ? json_integer(item_id(items, count - 1))
                                                     : json_null());
    size_t i;
    json_t *item;
    json_array_foreach(items, i, item)
    {
        json_object_set_new(item, "fields", ordered(json_object_get(item, "fields")));
    }
    json_object_set_new(c->out, "requests", items);
    return PVI_OK;
}

enum pvi_code
pvi_change_request_list(json_t **out, struct pvi_db *db, const struct pvi_actor *actor,
                        const struct pvi_change_request_page *page)
{
    struct list_ctx c = {.actor = actor};
    if (page)
        c.page = *page;
    return pvi_db_run_json(db, list_tx, &c, &c.out, out);
}

/* ---- one request ---- */

/* clang-format off */
static struct pvi_stmt request_one = PVI_STMT(
    "SELECT json_build_object('id', cr.id, 'site_id', cr.site_id, 'slug', s.slug,"
    " 'business_name', s.business_name, 'site_state', s.state, 'state', cr.state,"
    " 'requested_kind', cr.requested_kind, 'requested_id', cr.requested_id,"
    " 'requested_by', r.author_label,"
    " 'created_at', " PVI_SQL_ISO("cr.created_at") ","
    " 'created_local', " SQL_LOCAL("cr.created_at") ","
    " 'decided_by', cr.decided_label,"
    " 'decided_at', " PVI_SQL_ISO("cr.decided_at") ","
    " 'decided_local', " SQL_LOCAL("cr.decided_at") ","
    " 'published_revision', pr.number,"
    " 'site_pending_request', (SELECT p.id FROM change_requests p WHERE p.site_id = cr.site_id"
    "  AND p.state = 'pending' AND p.id <> cr.id LIMIT 1),"
    " 'fields', cr.fields, 'proposed', r.content,"
    " 'current', CASE WHEN cr.state = 'pending' THEN cur.content ELSE base.content END,"
    " 'decisions', (SELECT json_object_agg(d.field, json_build_object('decision', d.decision,"
    "  'reason', d.reason)) FROM change_request_fields d WHERE d.request_id = cr.id))"
    " FROM change_requests cr JOIN sites s ON s.id = cr.site_id"
    " JOIN site_revisions r ON r.id = cr.revision_id"
    " LEFT JOIN site_revisions cur ON cur.id = s.published_revision_id"
    " LEFT JOIN site_revisions base ON base.id = r.base_revision_id"
    " LEFT JOIN site_revisions pr ON pr.id = cr.published_revision_id"
    " WHERE cr.id = $1");
/* clang-format on */

struct get_ctx {
    const struct pvi_actor *actor;
    long long id, site_id;
    int limit;
    json_t *out;
};

static enum pvi_code
get_tx(struct pvi_tx *tx, void *arg)
{
    struct get_ctx *c = arg;
    char id[PVI_INT_TEXT_SIZE];
    pvi_int_text(id, c->id);
    const char *p[1] = {id};
    json_t *req = NULL, *charters = NULL;
    enum pvi_code rc = pvi_tx_select_json(tx, &request_one, 1, p, &req);
    if (rc == PVI_OK)
        rc = pvi_site__authorize_only(
            tx, c->actor, (long long)json_integer_value(json_object_get(req, "site_id")),
            PVI_ACT_DECIDE);
    if (rc == PVI_OK)
        rc = pvi_tx_select_json(tx, &charter_labels, 0, NULL, &charters);
    if (rc == PVI_OK) {
        const char *kind = json_string_value(json_object_get(req, "requested_kind"));
        long long by = (long long)json_integer_value(json_object_get(req, "requested_id"));
        json_object_set_new(req, "may_approve",
                            json_boolean(!pvi_site__same_author(c->actor, kind, by)));
        json_object_del(req, "requested_id");
        expand_fields(req, charters, 1);
        c->out = req;
        req = NULL;
    }
    json_decref(req);
    json_decref(charters);
    return rc;
}

enum pvi_code
pvi_change_request_get(json_t **out, struct pvi_db *db, const struct pvi_actor *actor,
                       long long request_id)
{
    struct get_ctx c = {.actor = actor, .id = request_id};
    return pvi_db_run_json(db, get_tx, &c, &c.out, out);
}

/* ---- what became of a site's requests ---- */

/* clang-format off */
static struct pvi_stmt site_requests = PVI_STMT(
    "SELECT coalesce(json_agg(x ORDER BY x.id DESC), '[]') FROM (SELECT cr.id, cr.state,"
    " cr.requested_kind, r.author_label AS requested_by,"
    " " PVI_SQL_ISO("cr.created_at") " AS created_at,"
    " " SQL_LOCAL("cr.created_at") " AS created_local,"
    " " PVI_SQL_ISO("cr.decided_at") " AS decided_at,"
    " " SQL_LOCAL("cr.decided_at") " AS decided_local,"
    " cr.fields, r.content AS proposed,"
    " (SELECT json_object_agg(d.field, json_build_object('decision', d.decision,"
    "  'reason', d.reason)) FROM change_request_fields d WHERE d.request_id = cr.id) AS decisions"
    " FROM change_requests cr JOIN site_revisions r ON r.id = cr.revision_id"
    " WHERE cr.site_id = $1 ORDER BY cr.id DESC LIMIT $2) x");
/* clang-format on */

static enum pvi_code
outcomes_tx(struct pvi_tx *tx, void *arg)
{
    struct get_ctx *c = arg;
    enum pvi_code rc = pvi_site__authorize_only(tx, c->actor, c->site_id, PVI_ACT_READ);
    if (rc != PVI_OK)
        return rc;
    char sid[PVI_INT_TEXT_SIZE], n[PVI_INT_TEXT_SIZE];
    pvi_int_text(sid, c->site_id);
    pvi_int_text(n, c->limit >= 1 && c->limit <= 50 ? c->limit : 10);
    const char *p[2] = {sid, n};
    json_t *charters = NULL;
    rc = pvi_tx_select_json(tx, &site_requests, 2, p, &c->out);
    if (rc == PVI_OK)
        rc = pvi_tx_select_json(tx, &charter_labels, 0, NULL, &charters);
    if (rc == PVI_OK) {
        size_t i;
        json_t *req;
        json_array_foreach(c->out, i, req)
        {
            expand_fields(req, charters, 0);
        }
    }
    json_decref(charters);
    return rc;
}

enum pvi_code
pvi_change_request_outcomes(json_t **out, struct pvi_db *db, const struct pvi_actor *actor,
                            long long site_id, int limit)
{
    struct get_ctx c = {.actor = actor, .site_id = site_id, .limit = limit};
    return pvi_db_run_json(db, outcomes_tx, &c, &c.out, out);
}
