/* charters.c — GET /chartes: the charters of the platform (pvi_charter_list)
 * with their description, and a site chosen by number or slug (?site=) whose
 * preview in each charter is one link away (charter_preview.c). An unknown
 * site gives the page again, 404, the input kept and the field marked. */
#include "backoffice.h"

#include "pvi/pvi_charter.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_site.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_view.h"

#include <stdlib.h>
#include <string.h>

/* The site typed: a number or a slug (the route's check accepted it). */
static enum pvi_code
find_site(struct pvi_site **out, struct pvi_http_request *req, const char *typed)
{
    struct pvi_db *db = pvi_web_service(req)->db;
    const struct pvi_actor *a = pvi_web_actor(req);
    if (typed[strspn(typed, "0123456789")] == '\0')
        return pvi_site_get(out, db, a, strtoll(typed, NULL, 10));
    return pvi_site_get_by_slug(out, db, a, typed);
}

static void
site_form(struct pvi_view *v, struct pvi_vnode *m, const char *typed, int unknown)
{
    struct pvi_vnode *sec = pvi_view_el(m, "section", NULL);
    pvi_view_attr_msg(v, sec, "heading", PVI_MSG_UI_CHARTERS_FORM_HEADING);
    struct pvi_vnode *f = pvi_view_form(v, sec, "charte-site", "/chartes", "get");
    struct pvi_vnode *in =
        pvi_view_field(v, f, "text", "site", PVI_MSG_UI_CHARTERS_SITE, "text", typed);
    pvi_view_attr(in, "required", "required");
    pvi_view_attr(in, "maxlength", "63");
    pvi_view_attr(in, "width", "medium");
    pvi_view_attr_msg(v, in, "hint", PVI_MSG_UI_CHARTERS_SITE_HINT);
    if (unknown)
        pvi_view_attr_msg(v, in, "error", PVI_MSG_UI_CHARTERS_SITE_UNKNOWN);
    pvi_view_submit(v, pvi_view_actions(f), PVI_MSG_UI_CHARTERS_SUBMIT, "primary");
}

/* The preview cell of a charter: a link when the site is chosen and the
 * charter has a stylesheet. */
static void
preview_cell(struct pvi_view *v, struct pvi_vnode *row, const struct pvi_charters *set,
             const json_t *charter, const struct pvi_site *s)
{
    const char *name = json_string_value(json_object_get(charter, "name"));
    enum pvi_lang lang = pvi_view_lang(v);
    if (pvi_charters_find(set, name) == NULL) {
        pvi_view_cell(row, pvi_msg_text(lang, PVI_MSG_UI_CHARTERS_NO_XSL), NULL);
        return;
    }
    if (s == NULL) {
        pvi_view_cell(row, pvi_msg_text(lang, PVI_MSG_UI_CHARTERS_NO_SITE), NULL);
        return;
    }
    const struct pvi_msg_arg a[] = {
        {"charter", json_string_value(json_object_get(charter, "label"))}};
    char *text = pvi_msg_format(lang, PVI_MSG_UI_CHARTERS_PREVIEW, a, 1);
    char *href = pvi_asprintf("/chartes/%s/apercu/%lld/", name, s->id);
    pvi_view_cell(row, text, href);
    free(href);
    free(text);
}

static void
charters_table(struct pvi_view *v, struct pvi_vnode *m, const json_t *list,
               const struct pvi_charters *set, const struct pvi_site *s)
{
    struct pvi_vnode *t = pvi_view_table(v, m, PVI_MSG_UI_CHARTERS_TABLE);
    pvi_view_column(v, t, "label", PVI_MSG_UI_CHARTERS_COL_LABEL, NULL, NULL, 0);
    pvi_view_column(v, t, "name", PVI_MSG_UI_CHARTERS_COL_NAME, NULL, NULL, 0);
    pvi_view_column(v, t, "description", PVI_MSG_UI_CHARTERS_COL_DESCRIPTION, NULL, NULL, 0);
    pvi_view_column(v, t, "active", PVI_MSG_UI_CHARTERS_COL_ACTIVE, NULL, NULL, 0);
    pvi_view_column(v, t, "preview", PVI_MSG_UI_CHARTERS_COL_PREVIEW, NULL, NULL, 0);
    size_t i;
    const json_t *c;
    json_array_foreach(list, i, c)
    {
        struct pvi_vnode *row = pvi_view_row(t);
        pvi_view_cell(row, json_string_value(json_object_get(c, "label")), NULL);
        pvi_view_cell(row, json_string_value(json_object_get(c, "name")), NULL);
        pvi_view_cell(row, json_string_value(json_object_get(c, "description")), NULL);
        pvi_view_cell(row,
                      pvi_msg_text(pvi_view_lang(v), json_is_true(json_object_get(c, "active"))
                                                         ? PVI_MSG_UI_CHARTERS_YES
                                                         : PVI_MSG_UI_CHARTERS_NO),
                      NULL);
        preview_cell(v, row, set, c, s);
    }
    if (json_array_size(list) == 0)
        pvi_view_table_empty(v, t, PVI_MSG_UI_CHARTERS_EMPTY);
}

void
bo_charters(struct pvi_http_request *req)
{
    json_t *list = NULL;
    enum pvi_code rc = pvi_charter_list(&list, pvi_web_service(req)->db, pvi_web_actor(req));
    if (rc != PVI_OK) {
        pvi_web_error_page(req, rc, NULL);
        return;
    }
    const char *typed = pvi_http_field(req, "site");
    struct pvi_site *s = NULL;
    int unknown = 0;
    if (typed && *typed) {
        rc = find_site(&s, req, typed);
        if (rc != PVI_OK && rc != PVI_NOT_FOUND) {
            json_decref(list);
            pvi_web_error_page(req, rc, NULL);
            return;
        }
        unknown = rc == PVI_NOT_FOUND;
    }
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_UI_CHARTERS_TITLE);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_UI_CHARTERS_TITLE, NULL);
    pvi_view_msg(v, m, "p", PVI_MSG_UI_CHARTERS_INTRO, NULL);
    site_form(v, m, typed, unknown);
    if (s)
        pvi_view_attr(pvi_view_msg(v, m, "notice", PVI_MSG_UI_CHARTERS_CHOSEN, "name",
                                   s->business_name, "slug", s->slug, NULL),
                      "kind", "info");
    charters_table(v, m, list, bo_charters_compiled(req), s);
    json_decref(list);
    pvi_site_free(s);
    pvi_view_reply(req, v, unknown ? 404 : 200);
}
