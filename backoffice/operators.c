/* operators.c — GET /operateurs: every active operator's workload (queue,
 * call-backs due, last call, submissions of the week); GET
 * /operateurs/{id}: one operator's queue, site by site, each with its
 * reassignment link (operator_reassign.c). The figures are libpvi's
 * (pvi_operator_stats.h). */
#include "backoffice.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_operator_stats.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A number of a JSON object as text. */
static const char *
int_of(char out[static PVI_INT_TEXT_SIZE], const json_t *obj, const char *key)
{
    pvi_int_text(out, json_integer_value(json_object_get(obj, key)));
    return out;
}

/* A time of a JSON object as people read it, or the catalog's word for
 * "none". */
static const char *
time_or(char out[static PVI_TIME_DISPLAY_SIZE], struct pvi_view *v, const json_t *obj,
        const char *key, enum pvi_msg none)
{
    const char *iso = json_string_value(json_object_get(obj, key));
    if (iso == NULL)
        return pvi_msg_text(pvi_view_lang(v), none);
    pvi_time_display(out, iso, pvi_view_lang(v));
    return out;
}

static void
operator_row(struct pvi_view *v, struct pvi_vnode *table, const json_t *op)
{
    char id[PVI_INT_TEXT_SIZE], n[PVI_INT_TEXT_SIZE];
    int_of(id, op, "id");
    struct pvi_vnode *row = pvi_view_row(table);
    char *href = pvi_asprintf("/operateurs/%s", id);
    pvi_view_cell(row, json_string_value(json_object_get(op, "name")), href);
    free(href);
    pvi_view_cell(row, json_string_value(json_object_get(op, "uid")), NULL);
    /* the site list, filtered on this operator's queue */
    href = pvi_asprintf("/sites?operator=%s&state=collecting", id);
    pvi_view_cell(row, int_of(n, op, "queue"), href);
    free(href);
    pvi_view_cell(row, int_of(n, op, "callbacks_due"), NULL);
    char at[PVI_TIME_DISPLAY_SIZE];
    pvi_view_cell(row, time_or(at, v, op, "last_call_at", PVI_MSG_UI_OPS_NEVER), NULL);
    pvi_view_cell(row, int_of(n, op, "submitted_week"), NULL);
}

void
bo_operators(struct pvi_http_request *req)
{
    json_t *all = NULL;
    enum pvi_code rc = pvi_operator_overview(&all, pvi_web_service(req)->db, pvi_web_actor(req));
    if (rc != PVI_OK) {
        pvi_web_error_page(req, rc, NULL);
        return;
    }
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_UI_OPS_TITLE);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_UI_OPS_TITLE, NULL);
    char week[PVI_TIME_DISPLAY_SIZE];
    time_or(week, v, all, "week_start", PVI_MSG_NONE);
    week[strcspn(week, " ")] = '\0'; /* the day, without the time (00:00) */
    pvi_view_msg(v, m, "p", PVI_MSG_UI_OPS_INTRO, "week", week, NULL);
    struct pvi_vnode *t = pvi_view_table(v, m, PVI_MSG_UI_OPS_TABLE);
    pvi_view_attr(t, "id", "operateurs");
    pvi_view_column(v, t, "name", PVI_MSG_UI_OPS_COL_NAME, NULL, NULL, 0);
    pvi_view_column(v, t, "uid", PVI_MSG_UI_OPS_COL_UID, NULL, NULL, 0);
    pvi_view_column(v, t, "queue", PVI_MSG_UI_OPS_COL_QUEUE, NULL, NULL, 1);
    pvi_view_column(v, t, "due", PVI_MSG_UI_OPS_COL_DUE, NULL, NULL, 1);
    pvi_view_column(v, t, "last_call", PVI_MSG_UI_OPS_COL_LAST_CALL, NULL, NULL, 0);
    pvi_view_column(v, t, "submitted", PVI_MSG_UI_OPS_COL_SUBMITTED, NULL, NULL, 1);
    const json_t *ops = json_object_get(all, "operators");
    size_t i;
    const json_t *op;
    json_array_foreach(ops, i, op) operator_row(v, t, op);
    if (json_array_size(ops) == 0)
        pvi_view_table_empty(v, t, PVI_MSG_UI_OPS_EMPTY);
    json_decref(all);
    pvi_view_reply(req, v, 200);
}

/* The call-back cell of a site of the queue. */
static void
callback_cell(struct pvi_view *v, struct pvi_vnode *row, const json_t *site)
{
    char at[PVI_TIME_DISPLAY_SIZE];
    time_or(at, v, site, "call_back_at", PVI_MSG_UI_OPQ_NONE);
    if (!json_is_string(json_object_get(site, "call_back_at"))) {
        pvi_view_cell(row, at, NULL);
        return;
    }
    if (!json_is_true(json_object_get(site, "due"))) {
        pvi_view_cell(row, at, NULL);
        return;
    }
    const struct pvi_msg_arg a[] = {{"time", at}};
    char *text = pvi_msg_format(pvi_view_lang(v), PVI_MSG_UI_OPQ_DUE, a, 1);
    pvi_view_cell(row, text, NULL);
    free(text);
}

static void
queue_row(struct pvi_view *v, struct pvi_vnode *table, long long operator_id, const json_t *site)
{
    char id[PVI_INT_TEXT_SIZE];
    int_of(id, site, "id");
    struct pvi_vnode *row = pvi_view_row(table);
    const char *slug = json_string_value(json_object_get(site, "slug"));
    bo_site_cell(row, json_integer_value(json_object_get(site, "id")),
                 json_string_value(json_object_get(site, "business_name")), slug);
    pvi_view_cell(row, slug, NULL);
    char since[PVI_TIME_DISPLAY_SIZE];
    pvi_view_cell(row, time_or(since, v, site, "since", PVI_MSG_UI_OPQ_UNKNOWN), NULL);
    callback_cell(v, row, site);
    char *href = pvi_asprintf("/operateurs/%lld/sites/%s/reassigner", operator_id, id);
    pvi_view_cell(row, pvi_msg_text(pvi_view_lang(v), PVI_MSG_UI_OPQ_REASSIGN), href);
    free(href);
}

void
bo_operator_queue(struct pvi_http_request *req)
{
    long long id = pvi_http_param_int(req, "id");
    long long after = pvi_http_field_int(req, "after", 0);
    json_t *q = NULL;
    enum pvi_code rc =
        pvi_operator_queue(&q, pvi_web_service(req)->db, pvi_web_actor(req), id, after, 50);
    if (rc != PVI_OK) {
        pvi_web_error_page(req, rc, NULL);
        return;
    }
    const char *name = json_string_value(json_object_get(q, "name"));
    char count[PVI_INT_TEXT_SIZE], shown[PVI_INT_TEXT_SIZE];
    int_of(count, q, "queue");
    const json_t *sites = json_object_get(q, "sites");
    pvi_int_text(shown, (long long)json_array_size(sites));
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_UI_OPQ_TITLE);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_UI_OPQ_HEADING, "name", name, NULL);
    pvi_view_msg(v, m, "p", PVI_MSG_UI_OPQ_INTRO, "name", name, "uid",
                 json_string_value(json_object_get(q, "uid")), "count", count, NULL);
    struct pvi_vnode *links = pvi_view_el(m, "links", NULL);
    char *href = pvi_asprintf("/sites?operator=%lld&state=collecting", id);
    pvi_view_link(v, links, href, PVI_MSG_UI_OPQ_ALL_SITES);
    free(href);
    pvi_view_link(v, links, "/operateurs", PVI_MSG_UI_OPQ_BACK);
    struct pvi_vnode *t = pvi_view_table(v, m, PVI_MSG_UI_OPQ_TABLE);
    pvi_view_attr(t, "id", "file");
    pvi_view_column(v, t, "site", PVI_MSG_UI_OPQ_COL_SITE, NULL, NULL, 0);
    pvi_view_column(v, t, "slug", PVI_MSG_UI_OPQ_COL_SLUG, NULL, NULL, 0);
    pvi_view_column(v, t, "since", PVI_MSG_UI_OPQ_COL_SINCE, NULL, NULL, 0);
    pvi_view_column(v, t, "callback", PVI_MSG_UI_OPQ_COL_CALLBACK, NULL, NULL, 0);
    pvi_view_column(v, t, "action", PVI_MSG_UI_OPQ_COL_ACTION, NULL, NULL, 0);
    size_t i;
    const json_t *site;
    json_array_foreach(sites, i, site) queue_row(v, t, id, site);
    if (json_array_size(sites) == 0)
        pvi_view_table_empty(v, t, PVI_MSG_UI_OPQ_EMPTY);
    long long next = json_integer_value(json_object_get(q, "next_after"));
    char *next_href = next ? pvi_asprintf("/operateurs/%lld?after=%lld", id, next) : NULL;
    char *first_href = after ? pvi_asprintf("/operateurs/%lld", id) : NULL;
    pvi_view_paging(v, m, first_href, next_href, PVI_MSG_UI_OPQ_PAGING, "shown", shown, "count",
                    count, NULL);
    free(next_href);
    free(first_href);
    json_decref(q);
    pvi_view_reply(req, v, 200);
}
