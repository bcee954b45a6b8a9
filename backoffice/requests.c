/* requests.c — GET /demandes: the change requests waiting for a decision,
 * oldest first, a page at a time (?after= / ?before=, keyset on the id),
 * each linking to its page (request.c). */
#include "backoffice.h"
#include "requests.h"

#include "pvi/pvi_change_request.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_SIZE 50

/* "Nom commercial, Adresse" */
static char *
field_names(enum pvi_lang lang, const json_t *fields)
{
    struct pvi_buf b = {0};
    pvi_buf_puts(&b, "");
    size_t i;
    json_t *f;
    json_array_foreach(fields, i, f)
    {
        enum pvi_msg m = pvi_change_request_field_msg(json_string_value(f));
        pvi_buf_printf(&b, "%s%s", b.len ? ", " : "",
                       m != PVI_MSG_NONE ? pvi_msg_text(lang, m) : json_string_value(f));
    }
    return pvi_buf_steal(&b);
}

static void
request_row(struct pvi_view *v, struct pvi_vnode *table, const json_t *r)
{
    enum pvi_lang lang = pvi_view_lang(v);
    char id[PVI_INT_TEXT_SIZE], href[48], site_href[48];
    long long rid = (long long)json_integer_value(json_object_get(r, "id"));
    pvi_int_text(id, rid);
    snprintf(href, sizeof href, "/demandes/%lld", rid);
    snprintf(site_href, sizeof site_href, "/sites/%lld",
             (long long)json_integer_value(json_object_get(r, "site_id")));
    struct pvi_vnode *row = pvi_view_row(table);
    pvi_view_cell(row, id, href);
    char *site = pvi_asprintf("%s (%s)", json_string_value(json_object_get(r, "business_name")),
                              json_string_value(json_object_get(r, "slug")));
    pvi_view_cell(row, site, site_href);
    free(site);
    char *by = pvi_msg_format(
        lang, PVI_MSG_UI_REQUEST_BY_VALUE,
        (struct pvi_msg_arg[]){
            {"label", json_string_value(json_object_get(r, "requested_by"))},
            {"role", pvi_msg_text(lang, bo_role_msg(json_string_value(
                                            json_object_get(r, "requested_kind"))))}},
        2);
    pvi_view_cell(row, by, NULL);
    free(by);
    char *names = field_names(lang, json_object_get(r, "fields"));
    pvi_view_cell(row, names, NULL);
    free(names);
    pvi_view_cell(row, json_string_value(json_object_get(r, "created_local")), NULL);
}

void
bo_requests(struct pvi_http_request *req)
{
    struct pvi_change_request_page page = {
        .after_id = pvi_http_field_int(req, "after", 0),
        .before_id = pvi_http_field_int(req, "before", 0),
        .limit = PAGE_SIZE,
    };
    json_t *list = NULL;
    enum pvi_code rc =
        pvi_change_request_list(&list, pvi_web_service(req)->db, pvi_web_actor(req), &page);
    if (rc != PVI_OK) {
        pvi_web_error_page(req, rc, NULL);
        return;
    }
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_UI_REQUESTS_TITLE);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_UI_REQUESTS_TITLE, NULL);
    pvi_view_msg(v, m, "p", PVI_MSG_UI_REQUESTS_INTRO, NULL);
    struct pvi_vnode *t = pvi_view_table(v, m, PVI_MSG_UI_REQUESTS_CAPTION);
    pvi_view_attr(t, "id", "requests");
    pvi_view_column(v, t, "number", PVI_MSG_UI_REQUESTS_COL_NUMBER, NULL, NULL, 1);
    pvi_view_column(v, t, "site", PVI_MSG_UI_REQUESTS_COL_SITE, NULL, NULL, 0);
    pvi_view_column(v, t, "by", PVI_MSG_UI_REQUESTS_COL_BY, NULL, NULL, 0);
    pvi_view_column(v, t, "fields", PVI_MSG_UI_REQUESTS_COL_FIELDS, NULL, NULL, 0);
    pvi_view_column(v, t, "received", PVI_MSG_UI_REQUESTS_COL_RECEIVED, NULL, NULL, 0);
    const json_t *items = json_object_get(list, "requests");
    size_t i;
    json_t *r;
    json_array_foreach(items, i, r)
    {
        request_row(v, t, r);
    }
    if (json_array_size(items) == 0) {
        pvi_view_table_empty(v, t, PVI_MSG_UI_REQUESTS_EMPTY);
    } else {
        long long pos = (long long)json_integer_value(json_object_get(list, "position"));
        char first[PVI_INT_TEXT_SIZE], last[PVI_INT_TEXT_SIZE], total[PVI_INT_TEXT_SIZE];
        pvi_int_text(first, pos + 1);
        pvi_int_text(last, pos + (long long)json_array_size(items));
        pvi_int_text(total, (long long)json_integer_value(json_object_get(list, "pending")));
        char prev[48], next[48];
        const json_t *jp = json_object_get(list, "previous"), *jn = json_object_get(list, "next");
        snprintf(prev, sizeof prev, "/demandes?before=%lld", (long long)json_integer_value(jp));
        snprintf(next, sizeof next, "/demandes?after=%lld", (long long)json_integer_value(jn));
        pvi_view_paging(v, m, json_is_integer(jp) ? prev : NULL, json_is_integer(jn) ? next : NULL,
                        PVI_MSG_UI_REQUESTS_PAGING, "first", first, "last", last, "total", total,
                        NULL);
    }
    json_decref(list);
    pvi_view_reply(req, v, 200);
}
