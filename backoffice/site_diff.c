/* site_diff.c — GET /sites/{id}/revisions?a=N&b=M: two revisions of a site
 * side by side, field by field, as the public reads them (pvi_revision_diff);
 * without a and b, the published revision against the working one (or the
 * one before it). The form of two selects picks any other pair. */
#include "site.h"

#include "pvi/pvi_mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
bo_site_diff(struct pvi_view *v, struct pvi_vnode *parent, const json_t *diff, int a, int b)
{
    enum pvi_lang lang = pvi_view_lang(v);
    char na[PVI_INT_TEXT_SIZE], nb[PVI_INT_TEXT_SIZE];
    pvi_int_text(na, a);
    pvi_int_text(nb, b);
    if (json_array_size(diff) == 0) {
        pvi_view_msg(v, parent, "p", PVI_MSG_BO_DIFF_SAME, "a", na, "b", nb, NULL);
        return;
    }
    struct pvi_msg_arg args[2] = {{"a", na}, {"b", nb}};
    struct pvi_vnode *d = pvi_view_el(parent, "diff", NULL);
    pvi_view_attr(d, "id", "diff");
    char *caption = pvi_msg_format(lang, PVI_MSG_BO_DIFF_CAPTION, args, 2);
    pvi_view_attr(d, "caption", caption);
    free(caption);
    pvi_view_attr_msg(v, d, "field-label", PVI_MSG_BO_DIFF_FIELD);
    struct pvi_msg_arg n = {"n", na};
    char *t = pvi_msg_format(lang, PVI_MSG_BO_SITE_REVISION_N, &n, 1);
    pvi_view_attr(d, "before-label", t);
    free(t);
    n.value = nb;
    t = pvi_msg_format(lang, PVI_MSG_BO_SITE_REVISION_N, &n, 1);
    pvi_view_attr(d, "after-label", t);
    free(t);
    /* in the order of the public site, then the fields it does not list */
    for (size_t k = 0; k <= bo_content_nfields; k++) {
        size_t i;
        const json_t *c;
        json_array_foreach(diff, i, c)
        {
            const char *f = json_string_value(json_object_get(c, "field"));
            int known = bo_field_label(f) != PVI_MSG_NONE;
            if (k < bo_content_nfields ? strcmp(f, bo_content_fields[k]) != 0 : known)
                continue;
            struct pvi_vnode *ch = pvi_view_el(d, "change", NULL);
            pvi_view_attr(ch, "field", bo_field_label_text(lang, f));
            pvi_view_attr(ch, "key", f);
            char *before = bo_field_text(lang, f, json_object_get(c, "before"));
            char *after = bo_field_text(lang, f, json_object_get(c, "after"));
            pvi_view_el(ch, "before", before);
            pvi_view_el(ch, "after", after);
            free(before);
            free(after);
        }
    }
}

void
bo_site_revisions_page(struct pvi_http_request *req)
{
    struct pvi_site *s;
    if (bo_site_load(&s, req) != 0)
        return;
    int b = (int)pvi_http_field_int(req, "b", s->draft_number);
    int a = (int)pvi_http_field_int(
        req, "a", s->published_number && s->published_number != b ? s->published_number : b - 1);
    if (a < 1)
        a = 1;
    struct pvi_service *svc = pvi_web_service(req);
    json_t *diff = NULL, *revs = NULL;
    enum pvi_code rc = pvi_revision_diff(&diff, svc->db, pvi_web_actor(req), s->id, a, b);
    if (rc == PVI_OK)
        rc = pvi_revision_list(&revs, svc->db, pvi_web_actor(req), s->id);
    if (rc != PVI_OK) {
        pvi_web_error_page(req, rc, rc == PVI_NOT_FOUND ? "a" : NULL);
        json_decref(diff);
        pvi_site_free(s);
        return;
    }
    const char *name = s->business_name && *s->business_name ? s->business_name : s->slug;
    char na[PVI_INT_TEXT_SIZE], nb[PVI_INT_TEXT_SIZE], back[64], action[64];
    pvi_int_text(na, a);
    pvi_int_text(nb, b);
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_BO_DIFF_TITLE);
    pvi_view_title(v, PVI_MSG_BO_DIFF_TITLE, "a", na, "b", nb, "name", name, NULL);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_BO_DIFF_HEADING, "name", name, NULL);
    bo_site_href(back, s->id, NULL);
    bo_site_href(action, s->id, "/revisions");
    pvi_view_link(v, pvi_view_el(m, "links", NULL), back, PVI_MSG_BO_ACT_BACK);
    struct pvi_vnode *f = pvi_view_form(v, m, "revisions-compare", action, "get");
    bo_site_revision_select(v, f, "a", PVI_MSG_BO_REV_A, revs, a);
    bo_site_revision_select(v, f, "b", PVI_MSG_BO_REV_B, revs, b);
    pvi_view_submit(v, pvi_view_actions(f), PVI_MSG_BO_REV_COMPARE_SUBMIT, "primary");
    bo_site_diff(v, m, diff, a, b);
    json_decref(diff);
    json_decref(revs);
    pvi_site_free(s);
    pvi_view_reply(req, v, 200);
}
