/* sites.c — GET /sites: the site list. One search box, the filters (state,
 * charter, operator, a pending change request), sortable columns and
 * keyset paging, all decided by libpvi (pvi_site_list.h). Every criterion
 * is a query argument of a GET form, so a search can be bookmarked, and
 * every link of the page (sort, paging, the batch actions over the sites
 * selected) keeps the others. */
#include "backoffice.h"
#include "site.h"

#include "pvi/pvi_charter.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_service.h"
#include "pvi/pvi_site.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The criteria of the request, as typed (NULL: absent). */
struct criteria {
    const char *q, *state, *charter, *op, *sort, *dir, *pending;
};

static struct criteria
criteria_of(struct pvi_http_request *req)
{
    return (struct criteria){
        .q = pvi_http_field(req, "q"),
        .state = pvi_http_field(req, "state"),
        .charter = pvi_http_field(req, "charter"),
        .op = pvi_http_field(req, "operator"),
        .sort = pvi_http_field(req, "sort"),
        .dir = pvi_http_field(req, "dir"),
        .pending = pvi_http_field(req, "pending"),
    };
}

/* "/sites?…" with the criteria (sort and dir as given) and one paging
 * argument (name NULL: none). */
static char *
href(const struct criteria *k, const char *sort, const char *dir, const char *name,
     const char *value)
{
    struct pvi_buf q = {0};
    pvi_web_query_add(&q, "q", k->q);
    pvi_web_query_add(&q, "state", k->state);
    pvi_web_query_add(&q, "charter", k->charter);
    pvi_web_query_add(&q, "operator", k->op);
    pvi_web_query_add(&q, "pending", k->pending);
    pvi_web_query_add(&q, "sort", sort);
    pvi_web_query_add(&q, "dir", dir);
    if (name)
        pvi_web_query_add(&q, name, value);
    char *h = pvi_asprintf("/sites%s%s", q.len ? "?" : "", q.len ? q.data : "");
    pvi_buf_free(&q);
    return h;
}

/* The filter form: what was typed is written back. */
static struct pvi_vnode *
filter_form(struct pvi_view *v, struct pvi_vnode *m, const struct criteria *k,
            const json_t *charters, const json_t *operators)
{
    struct pvi_vnode *f = pvi_view_form(v, m, "site-search", "/sites", "get");
    struct pvi_vnode *q = pvi_view_field(v, f, "text", "q", PVI_MSG_UI_SITES_Q, "search", k->q);
    pvi_view_attr_msg(v, q, "hint", PVI_MSG_UI_SITES_Q_HINT);
    pvi_view_attr_msg(v, q, "placeholder", PVI_MSG_UI_SITES_Q_PLACEHOLDER);
    pvi_view_attr(q, "width", "long");
    pvi_view_attr(q, "maxlength", "200");

    struct pvi_vnode *st = pvi_view_field(v, f, "select", "state", PVI_MSG_UI_SITES_STATE, NULL, NULL);
    char *any = pvi_msg_format(pvi_view_lang(v), PVI_MSG_UI_SITES_ANY_STATE, NULL, 0);
    pvi_view_option(st, "", any, k->state == NULL);
    free(any);
    for (int s = PVI_STATE_ORDERED; s <= PVI_STATE_CLOSED; s++) {
        const char *name = pvi_state_name((enum pvi_site_state)s);
        pvi_view_option(st, name, bo_state_text(pvi_view_lang(v), (enum pvi_site_state)s),
                        k->state && strcmp(k->state, name) == 0);
    }

    struct pvi_vnode *ch =
        pvi_view_field(v, f, "select", "charter", PVI_MSG_UI_SITES_CHARTER, NULL, NULL);
    any = pvi_msg_format(pvi_view_lang(v), PVI_MSG_UI_SITES_ANY_CHARTER, NULL, 0);
    pvi_view_option(ch, "", any, k->charter == NULL);
    free(any);
    size_t i;
    json_t *c;
    json_array_foreach(charters, i, c)
    {
        const char *name = json_string_value(json_object_get(c, "name"));
        pvi_view_option(ch, name, json_string_value(json_object_get(c, "label")),
                        k->charter && name && strcmp(k->charter, name) == 0);
    }

    struct pvi_vnode *op =
        pvi_view_field(v, f, "select", "operator", PVI_MSG_UI_SITES_OPERATOR, NULL, NULL);
    any = pvi_msg_format(pvi_view_lang(v), PVI_MSG_UI_SITES_ANY_OPERATOR, NULL, 0);
    pvi_view_option(op, "", any, k->op == NULL);
    free(any);
    json_array_foreach(operators, i, c)
    {
        char id[PVI_INT_TEXT_SIZE];
        pvi_int_text(id, json_integer_value(json_object_get(c, "id")));
        pvi_view_option(op, id, json_string_value(json_object_get(c, "name")),
                        k->op && strcmp(k->op, id) == 0);
    }

    struct pvi_vnode *p =
        pvi_view_field(v, f, "checkbox", "pending", PVI_MSG_UI_SITES_PENDING, NULL, "1");
    if (k->pending)
        pvi_view_attr(p, "checked", "checked");
    /* the sort chosen stays when the criteria change */
    if (k->sort)
        pvi_view_hidden(f, "sort", k->sort);
    if (k->dir)
        pvi_view_hidden(f, "dir", k->dir);
    struct pvi_vnode *a = pvi_view_actions(f);
    pvi_view_submit(v, a, PVI_MSG_UI_SITES_SUBMIT, "primary");
    struct pvi_vnode *reset = pvi_view_link(v, a, "/sites", PVI_MSG_UI_SITES_RESET);
    pvi_view_attr(reset, "id", "site-search-reset");
    return f;
}

/* A sortable column: a link to this sort in its natural direction, or the
 * other direction when it is the current sort. */
static void
sort_column(struct pvi_view *v, struct pvi_vnode *t, const struct criteria *k,
            enum pvi_site_sort current, int desc, enum pvi_site_sort sort, const char *key,
            enum pvi_msg label)
{
    const char *name = pvi_site_sort_name(sort);
    char *h = current == sort ? href(k, name, desc ? "asc" : "desc", NULL, NULL)
                              : href(k, name, NULL, NULL, NULL);
    pvi_view_column(v, t, key, label, h, current == sort ? (desc ? "desc" : "asc") : NULL, 0);
    free(h);
}

static void
rows(struct pvi_view *v, struct pvi_vnode *t, const json_t *sites)
{
    size_t i;
    json_t *s;
    json_array_foreach(sites, i, s)
    {
        struct pvi_vnode *r = pvi_view_row(t);
        char when[40];
        bo_site_cell(r, json_integer_value(json_object_get(s, "id")),
                     json_string_value(json_object_get(s, "business_name")),
                     json_string_value(json_object_get(s, "slug")));
        pvi_view_cell(r, json_string_value(json_object_get(s, "customer_number")), NULL);
        pvi_view_cell(r, json_string_value(json_object_get(s, "city")), NULL);
        enum pvi_site_state st = PVI_STATE_CLOSED;
        pvi_state_parse(&st, json_string_value(json_object_get(s, "state")));
        pvi_view_cell(r, bo_state_text(pvi_view_lang(v), st), NULL);
        pvi_view_cell(r, json_string_value(json_object_get(s, "operator")), NULL);
        char *pending = json_is_true(json_object_get(s, "pending"))
                            ? pvi_msg_format(pvi_view_lang(v), PVI_MSG_UI_SITES_REQUEST_PENDING,
                                             NULL, 0)
                            : NULL;
        pvi_view_cell(r, pending, NULL);
        free(pending);
        pvi_view_cell(r,
                      bo_time_text(when, pvi_view_lang(v),
                                   json_string_value(json_object_get(s, "updated_at"))),
                      NULL);
    }
}

static void
paging(struct pvi_view *v, struct pvi_vnode *m, const struct criteria *k, const json_t *page)
{
    const char *next = json_string_value(json_object_get(page, "next"));
    const char *prev = json_string_value(json_object_get(page, "previous"));
    char *next_h = next ? href(k, k->sort, k->dir, "after", next) : NULL;
    char *prev_h = prev ? href(k, k->sort, k->dir, "before", prev) : NULL;
    char n[PVI_INT_TEXT_SIZE];
    pvi_int_text(n, (long long)json_array_size(json_object_get(page, "sites")));
    struct pvi_vnode *p =
        pvi_view_paging(v, m, prev_h, next_h, PVI_MSG_UI_SITES_PAGE, "count", n, NULL);
    if (prev) {
        char *first = href(k, k->sort, k->dir, NULL, NULL);
        struct pvi_vnode *l = pvi_view_msg(v, p, "first", PVI_MSG_UI_SITES_FIRST, NULL);
        pvi_view_attr(l, "href", first);
        pvi_view_attr(l, "id", "site-list-first");
        free(first);
    }
    if (next) {
        char *last = href(k, k->sort, k->dir, "last", "1");
        struct pvi_vnode *l = pvi_view_msg(v, p, "last", PVI_MSG_UI_SITES_LAST, NULL);
        pvi_view_attr(l, "href", last);
        pvi_view_attr(l, "id", "site-list-last");
        free(last);
    }
    free(next_h);
    free(prev_h);
}

/* The filter for libpvi; the fields were checked by the route (routes.c). */
static struct pvi_site_filter
filter_of(struct pvi_http_request *req, const struct criteria *k)
{
    struct pvi_site_filter f = {.state = -1, .count = 1, .limit = 50, .sort = PVI_SITE_SORT_NAME};
    enum pvi_site_state st;
    if (k->state && pvi_state_parse(&st, k->state) == 0)
        f.state = (int)st;
    f.q = k->q;
    f.charter = k->charter;
    f.operator_id = pvi_http_field_int(req, "operator", 0);
    f.pending = k->pending != NULL;
    if (k->sort)
        pvi_site_sort_parse(&f.sort, k->sort);
    f.dir = k->dir == NULL ? PVI_SORT_NATURAL
            : strcmp(k->dir, "desc") == 0 ? PVI_SORT_DESC
                                          : PVI_SORT_ASC;
    f.after = pvi_http_field(req, "after");
    f.before = pvi_http_field(req, "before");
    f.last = pvi_http_field(req, "last") != NULL;
    return f;
}

/* Links to the batch actions over the sites these criteria select (the
 * confirmation page, batch_new.c, counts them). */
static void
batch_links(struct pvi_view *v, struct pvi_vnode *m, const struct criteria *k)
{
    static const struct {
        const char *action;
        enum pvi_msg label;
    } actions[] = {
        {"republish", PVI_MSG_UI_BATCH_KIND_REPUBLISH},
        {"suspend", PVI_MSG_UI_BATCH_KIND_SUSPEND},
        {"assign", PVI_MSG_UI_BATCH_KIND_ASSIGN},
    };
    struct pvi_vnode *sec = pvi_view_el(m, "section", NULL);
    pvi_view_attr_msg(v, sec, "heading", PVI_MSG_UI_SITES_BATCH);
    struct pvi_vnode *links = pvi_view_el(sec, "links", NULL);
    for (size_t i = 0; i < PVI_COUNT_OF(actions); i++) {
        struct pvi_buf q = {0};
        pvi_web_query_add(&q, "action", actions[i].action);
        pvi_web_query_add(&q, "q", k->q);
        pvi_web_query_add(&q, "state", k->state);
        pvi_web_query_add(&q, "charter", k->charter);
        pvi_web_query_add(&q, "operator", k->op);
        pvi_web_query_add(&q, "pending", k->pending);
        char *h = pvi_asprintf("/lots/nouveau?%s", q.data);
        char id[40];
        snprintf(id, sizeof id, "site-list-batch-%s", actions[i].action);
        struct pvi_vnode *l = pvi_view_link(v, links, h, actions[i].label);
        pvi_view_attr(l, "id", id);
        free(h);
        pvi_buf_free(&q);
    }
}

/* Whether libpvi's refusal is about a field of the form (shown again with
 * it) rather than a link's argument (an error page naming it). */
static int
form_field(const char *path)
{
    return strcmp(path, "q") == 0 || strcmp(path, "charter") == 0;
}

static void
results(struct pvi_view *v, struct pvi_vnode *m, const struct criteria *k, const json_t *page)
{
    char count[PVI_INT_TEXT_SIZE];
    pvi_int_text(count, json_integer_value(json_object_get(page, "count")));
    struct pvi_vnode *summary =
        pvi_view_msg(v, m, "p",
                     json_is_true(json_object_get(page, "count_capped")) ? PVI_MSG_UI_SITES_COUNT_MORE
                                                                         : PVI_MSG_UI_SITES_COUNT,
                     "count", count, NULL);
    pvi_view_attr(summary, "id", "site-count");
    enum pvi_site_sort sort = PVI_SITE_SORT_NAME;
    pvi_site_sort_parse(&sort, json_string_value(json_object_get(page, "sort")));
    int desc = json_is_true(json_object_get(page, "descending"));
    struct pvi_vnode *t = pvi_view_table(v, m, PVI_MSG_UI_SITES_CAPTION);
    pvi_view_attr(t, "id", "site-list");
    sort_column(v, t, k, sort, desc, PVI_SITE_SORT_NAME, "name", PVI_MSG_UI_SITES_COL_NAME);
    pvi_view_column(v, t, "customer", PVI_MSG_UI_SITES_COL_CUSTOMER, NULL, NULL, 0);
    pvi_view_column(v, t, "city", PVI_MSG_UI_SITES_COL_CITY, NULL, NULL, 0);
    sort_column(v, t, k, sort, desc, PVI_SITE_SORT_STATE, "state", PVI_MSG_UI_SITES_COL_STATE);
    pvi_view_column(v, t, "operator", PVI_MSG_UI_SITES_COL_OPERATOR, NULL, NULL, 0);
    pvi_view_column(v, t, "request", PVI_MSG_UI_SITES_COL_REQUEST, NULL, NULL, 0);
    sort_column(v, t, k, sort, desc, PVI_SITE_SORT_CHANGED, "changed",
                PVI_MSG_UI_SITES_COL_CHANGED);
    const json_t *sites = json_object_get(page, "sites");
    if (json_array_size(sites) == 0)
        pvi_view_table_empty(v, t, PVI_MSG_UI_SITES_EMPTY);
    rows(v, t, sites);
    paging(v, m, k, page);
    if (json_array_size(sites) > 0)
        batch_links(v, m, k);
}

void
bo_sites(struct pvi_http_request *req)
{
    struct pvi_service *svc = pvi_web_service(req);
    const struct pvi_actor *actor = pvi_web_actor(req);
    struct criteria k = criteria_of(req);
    struct pvi_site_filter f = filter_of(req, &k);
    struct pvi_errors errs = {0};
    json_t *page = NULL, *charters = NULL, *operators = NULL;
    enum pvi_code rc = pvi_charter_list(&charters, svc->db, actor);
    if (rc == PVI_OK)
        rc = pvi_operator_list(&operators, svc->db, actor);
    if (rc == PVI_OK)
        rc = pvi_site_list(&page, svc->db, actor, &f, &errs);
    int refused = rc == PVI_VALIDATION && errs.n > 0;
    if (rc != PVI_OK && !(refused && form_field(errs.v[0].path))) {
        /* a link's argument libpvi refused (a cursor of another sort), or a failure */
        if (refused)
            pvi_web_error_page(req, PVI_BAD_REQUEST, errs.v[0].path);
        else
            pvi_web_error_page(req, rc, NULL);
        goto out;
    }
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_UI_SITES_TITLE);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_UI_SITES_TITLE, NULL);
    struct pvi_vnode *form = filter_form(v, m, &k, charters, operators);
    if (refused) {
        /* a criterion of the form: shown again as typed, the message on its field */
        pvi_view_form_errors(v, form, &errs);
        pvi_view_reply(req, v, 400);
        goto out;
    }
    results(v, m, &k, page);
    pvi_view_reply(req, v, 200);
out:
    pvi_errors_clear(&errs);
    json_decref(page);
    json_decref(charters);
    json_decref(operators);
}
