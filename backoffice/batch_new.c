/* batch_new.c — starting a batch action over the sites of a filtered list:
 *   GET  /lots/nouveau  the confirmation page: the action, how many sites the
 *                       selection holds now and the first of them, the
 *                       suspension's reason or the operator to assign;
 *   POST /lots          records the batch (pvi_batch_create) and goes to its
 *                       progress page; the confirmation page again, with the
 *                       input kept and libpvi's errors, when it refuses.
 * The selection is the site list's criteria (q, state, charter, operator,
 * pending), carried
 * from the list's link to the confirmation form's hidden inputs. */
#include "backoffice.h"

#include "pvi/pvi_batch.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SAMPLE 10

/* The list's criteria of the request, as a filter and as a query string. */
struct selection {
    struct pvi_site_filter filter;
    char *query; /* "state=online&q=…": the list these criteria show */
};

static void
selection_read(struct selection *s, struct pvi_http_request *req)
{
    memset(s, 0, sizeof *s);
    s->filter.state = -1;
    enum pvi_site_state st;
    const char *state = pvi_http_field(req, "state");
    if (state && pvi_state_parse(&st, state) == 0)
        s->filter.state = (int)st;
    s->filter.q = pvi_http_field(req, "q");
    s->filter.operator_id = pvi_http_field_int(req, "operator", 0);
    s->filter.charter = pvi_http_field(req, "charter");
    s->filter.pending = pvi_http_field(req, "pending") != NULL;
    struct pvi_buf b = {0};
    pvi_web_query_add(&b, "q", s->filter.q);
    pvi_web_query_add(&b, "state", state);
    pvi_web_query_add(&b, "charter", s->filter.charter);
    pvi_web_query_add(&b, "operator", pvi_http_field(req, "operator"));
    pvi_web_query_add(&b, "pending", pvi_http_field(req, "pending"));
    pvi_buf_puts(&b, "");
    s->query = pvi_buf_steal(&b);
}

enum pvi_msg
bo_batch_kind_msg(const char *kind)
{
    enum pvi_batch_kind k = PVI_BATCH_REPUBLISH;
    pvi_batch_kind_parse(&k, kind);
    switch (k) {
    case PVI_BATCH_SUSPEND:
        return PVI_MSG_UI_BATCH_KIND_SUSPEND;
    case PVI_BATCH_ASSIGN:
        return PVI_MSG_UI_BATCH_KIND_ASSIGN;
    case PVI_BATCH_REPUBLISH:
        break;
    }
    return PVI_MSG_UI_BATCH_KIND_REPUBLISH;
}

static enum pvi_msg
kind_effect(enum pvi_batch_kind k)
{
    switch (k) {
    case PVI_BATCH_SUSPEND:
        return PVI_MSG_UI_BATCH_NEW_SUSPEND;
    case PVI_BATCH_ASSIGN:
        return PVI_MSG_UI_BATCH_NEW_ASSIGN;
    case PVI_BATCH_REPUBLISH:
        break;
    }
    return PVI_MSG_UI_BATCH_NEW_REPUBLISH;
}

/* The first sites of the selection, as the list shows them. */
static void
sample_table(struct pvi_view *v, struct pvi_vnode *parent, const json_t *sites)
{
    struct pvi_vnode *t = pvi_view_table(v, parent, PVI_MSG_UI_BATCH_SAMPLE);
    pvi_view_column(v, t, "site", PVI_MSG_UI_BATCH_COL_SITE, NULL, NULL, 0);
    pvi_view_column(v, t, "customer", PVI_MSG_UI_BATCH_COL_CUSTOMER, NULL, NULL, 0);
    size_t i;
    json_t *s;
    json_array_foreach(sites, i, s)
    {
        struct pvi_vnode *row = pvi_view_row(t);
        bo_site_cell(row, json_integer_value(json_object_get(s, "id")),
                     json_string_value(json_object_get(s, "business_name")),
                     json_string_value(json_object_get(s, "slug")));
        pvi_view_cell(row, json_string_value(json_object_get(s, "customer_number")), NULL);
    }
}

/* The confirmation page (status 200, or the refusal's status with errs). */
static void
confirm_page(struct pvi_http_request *req, enum pvi_batch_kind kind, const struct selection *sel,
             const struct pvi_errors *errs, int status)
{
    struct pvi_db *db = pvi_web_service(req)->db;
    const struct pvi_actor *actor = pvi_web_actor(req);
    long long count = 0;
    json_t *sample = NULL, *operators = NULL;
    struct pvi_site_filter f = sel->filter;
    f.limit = SAMPLE;
    enum pvi_code rc = pvi_batch_count(&count, db, actor, &sel->filter);
    json_t *page = NULL;
    if (rc == PVI_OK)
        rc = pvi_site_list(&page, db, actor, &f, NULL);
    if (rc == PVI_OK)
        sample = json_incref(json_object_get(page, "sites"));
    json_decref(page);
    if (rc == PVI_OK && kind == PVI_BATCH_ASSIGN)
        rc = pvi_operator_list(&operators, db, actor);
    if (rc != PVI_OK) {
        json_decref(sample);
        pvi_web_error_page(req, rc, NULL);
        return;
    }
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_UI_BATCH_NEW_TITLE);
    struct pvi_vnode *m = pvi_view_main(v);
    enum pvi_lang lang = pvi_view_lang(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_UI_BATCH_NEW_TITLE, NULL);
    char n[PVI_INT_TEXT_SIZE], max[PVI_INT_TEXT_SIZE];
    pvi_int_text(n, count > PVI_BATCH_MAX_SITES ? PVI_BATCH_MAX_SITES : count);
    pvi_int_text(max, PVI_BATCH_MAX_SITES);
    if (count > PVI_BATCH_MAX_SITES)
        pvi_view_attr(pvi_view_msg(v, m, "notice", PVI_MSG_BATCH_TOO_MANY, "max", max, NULL),
                      "kind", "warning");
    else
        pvi_view_msg(v, m, "p", PVI_MSG_UI_BATCH_NEW_COUNT, "action",
                     pvi_msg_text(lang, bo_batch_kind_msg(pvi_batch_kind_name(kind))), "count", n,
                     NULL);
    pvi_view_attr(pvi_view_msg(v, m, "notice", kind_effect(kind), NULL), "kind", "info");
    pvi_view_msg(v, m, "p", PVI_MSG_UI_BATCH_NEW_EXPLAIN, NULL);
    if (json_array_size(sample) > 0)
        sample_table(v, m, sample);

    struct pvi_buf back = {0};
    pvi_buf_printf(&back, "/sites%s%s", *sel->query ? "?" : "", sel->query);
    char *back_href = pvi_buf_steal(&back);
    if (count == 0) {
        pvi_view_attr(pvi_view_msg(v, m, "notice", PVI_MSG_BATCH_NO_SITE, NULL), "kind", "warning");
    } else if (count <= PVI_BATCH_MAX_SITES) {
        struct pvi_vnode *form = pvi_view_form(v, m, "batch", "/lots", "post");
        pvi_view_hidden(form, "action", pvi_batch_kind_name(kind));
        pvi_view_hidden(form, "state", pvi_http_field(req, "state"));
        pvi_view_hidden(form, "q", pvi_http_field(req, "q"));
        pvi_view_hidden(form, "operator", pvi_http_field(req, "operator"));
        pvi_view_hidden(form, "charter", pvi_http_field(req, "charter"));
        pvi_view_hidden(form, "pending", pvi_http_field(req, "pending"));
        if (kind == PVI_BATCH_SUSPEND) {
            struct pvi_vnode *r =
                pvi_view_field(v, form, "textarea", "reason", PVI_MSG_UI_BATCH_REASON, NULL,
                               pvi_http_field(req, "reason"));
            pvi_view_attr(r, "required", "required");
        } else if (kind == PVI_BATCH_ASSIGN) {
            struct pvi_vnode *sel_op = pvi_view_field(v, form, "select", "operator_id",
                                                      PVI_MSG_UI_BATCH_OPERATOR, NULL, NULL);
            long long chosen = pvi_http_field_int(req, "operator_id", 0);
            size_t i;
            json_t *o;
            json_array_foreach(operators, i, o)
            {
                long long id = json_integer_value(json_object_get(o, "id"));
                char value[PVI_INT_TEXT_SIZE];
                pvi_int_text(value, id);
                pvi_view_option(sel_op, value, json_string_value(json_object_get(o, "name")),
                                id == chosen);
            }
        }
        if (errs)
            pvi_view_form_errors(v, form, errs);
        struct pvi_vnode *actions = pvi_view_actions(form);
        struct pvi_vnode *go =
            pvi_view_msg(v, actions, "submit", PVI_MSG_UI_BATCH_CONFIRM, "count", n, NULL);
        pvi_view_attr(go, "kind", kind == PVI_BATCH_REPUBLISH ? "primary" : "warning");
    }
    struct pvi_vnode *links = pvi_view_el(m, "links", NULL);
    pvi_view_link(v, links, back_href, PVI_MSG_UI_BATCH_BACK);
    free(back_href);
    json_decref(sample);
    json_decref(operators);
    pvi_view_reply(req, v, status);
}

void
bo_batch_new(struct pvi_http_request *req)
{
    enum pvi_batch_kind kind = PVI_BATCH_REPUBLISH;
    pvi_batch_kind_parse(&kind, pvi_http_field(req, "action")); /* declared: one of the kinds */
    struct selection sel;
    selection_read(&sel, req);
    confirm_page(req, kind, &sel, NULL, 200);
    free(sel.query);
}

void
bo_batch_create(struct pvi_http_request *req)
{
    enum pvi_batch_kind kind = PVI_BATCH_REPUBLISH;
    pvi_batch_kind_parse(&kind, pvi_http_field(req, "action"));
    struct selection sel;
    selection_read(&sel, req);
    struct pvi_batch_new in = {.kind = kind,
                               .reason = pvi_http_field(req, "reason"),
                               .operator_id = pvi_http_field_int(req, "operator_id", 0),
                               .sites = &sel.filter,
                               .query = sel.query};
    struct pvi_errors errs = {0};
    long long id = 0;
    enum pvi_code rc =
        pvi_batch_create(&id, pvi_web_service(req)->db, pvi_web_actor(req), &in, &errs);
    if (rc == PVI_OK) {
        char to[48];
        snprintf(to, sizeof to, "/lots/%lld", id);
        pvi_web_flash(req, "success", PVI_MSG_UI_BATCH_STARTED);
        pvi_http_redirect(req, to);
    } else if (errs.n > 0) {
        confirm_page(req, kind, &sel, &errs, pvi_code_http(rc));
    } else {
        pvi_web_error_page(req, rc, NULL);
    }
    pvi_errors_clear(&errs);
    free(sel.query);
}
