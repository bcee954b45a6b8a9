/* site_restore.c — restoring an old revision of a site as a new one:
 * GET /sites/{id}/restaurer?revision=N, the confirmation page (what the
 * restoration does, and what changes from the working revision, field by
 * field), and POST /sites/{id}/restaurer (version, revision, note), one
 * pvi_site_restore(): success → 303 to the site page with a flash; a stale
 * version → 409 with the current state and the note kept; a refusal → the
 * page again with its reason. */
#include "site.h"

#include "pvi/pvi_mem.h"

#include <stdio.h>
#include <stdlib.h>

static void
restore_page(struct pvi_http_request *req, const struct pvi_site *s, int number, const char *note,
             const struct pvi_errors *errs, enum pvi_msg notice, int status)
{
    struct pvi_service *svc = pvi_web_service(req);
    json_t *diff = NULL;
    enum pvi_code rc =
        pvi_revision_diff(&diff, svc->db, pvi_web_actor(req), s->id, s->draft_number, number);
    if (rc != PVI_OK) {
        pvi_web_error_page(req, rc, rc == PVI_NOT_FOUND ? "revision" : NULL);
        return;
    }
    char num[PVI_INT_TEXT_SIZE], cur[PVI_INT_TEXT_SIZE], ver[PVI_INT_TEXT_SIZE];
    char action[64], back[64];
    pvi_int_text(num, number);
    pvi_int_text(cur, s->draft_number);
    pvi_int_text(ver, s->version);
    bo_site_href(action, s->id, "/restaurer");
    bo_site_href(back, s->id, NULL);
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_BO_RESTORE_TITLE);
    pvi_view_title(v, PVI_MSG_BO_RESTORE_TITLE, "n", num, NULL);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_BO_RESTORE_TITLE, "n", num, NULL);
    if (notice != PVI_MSG_NONE)
        pvi_view_attr(pvi_view_msg(v, m, "notice", notice, NULL), "kind", "warning");
    bo_site_state_facts(v, m, s);
    pvi_view_msg(v, m, "p", PVI_MSG_BO_RESTORE_INTRO, "n", num, NULL);
    if (s->state == PVI_STATE_ONLINE || s->state == PVI_STATE_SUSPENDED)
        pvi_view_attr(pvi_view_msg(v, m, "notice", PVI_MSG_BO_RESTORE_ONLINE, NULL), "kind",
                      "info");
    struct pvi_vnode *sec = pvi_view_el(m, "section", NULL);
    pvi_view_attr(sec, "id", "restauration-changements");
    struct pvi_msg_arg a = {"current", cur};
    char *heading = pvi_msg_format(pvi_view_lang(v), PVI_MSG_BO_RESTORE_CHANGES, &a, 1);
    pvi_view_attr(sec, "heading", heading);
    free(heading);
    bo_site_diff(v, sec, diff, s->draft_number, number);
    json_decref(diff);

    struct pvi_vnode *f = pvi_view_form(v, m, "site-restaurer", action, "post");
    pvi_view_hidden(f, "version", ver);
    pvi_view_hidden(f, "revision", num);
    struct pvi_vnode *n =
        pvi_view_field(v, f, "textarea", "note", PVI_MSG_BO_RESTORE_NOTE, NULL, note);
    pvi_view_attr(n, "rows", "2");
    pvi_view_attr(n, "maxlength", "500");
    pvi_view_attr_msg(v, n, "hint", PVI_MSG_BO_RESTORE_NOTE_HINT);
    struct pvi_vnode *acts = pvi_view_actions(f);
    pvi_view_submit(v, acts, PVI_MSG_BO_RESTORE_SUBMIT, "primary");
    pvi_view_link(v, acts, back, PVI_MSG_BO_ACT_CANCEL);
    if (errs)
        pvi_view_form_errors(v, f, errs);
    pvi_view_reply(req, v, status);
}

/* GET /sites/{id}/restaurer?revision=N */
void
bo_site_restore_page(struct pvi_http_request *req)
{
    struct pvi_site *s;
    if (bo_site_load(&s, req) != 0)
        return;
    restore_page(req, s, (int)pvi_http_field_int(req, "revision", 0), NULL, NULL, PVI_MSG_NONE,
                 200);
    pvi_site_free(s);
}

/* POST /sites/{id}/restaurer */
void
bo_site_restore(struct pvi_http_request *req)
{
    struct pvi_service *svc = pvi_web_service(req);
    long long id = pvi_http_param_int(req, "id");
    int number = (int)pvi_http_field_int(req, "revision", 0);
    const char *note = pvi_http_field(req, "note");
    struct pvi_errors errs = {0};
    struct pvi_edit_result res;
    enum pvi_code rc =
        pvi_site_restore(&res, svc->db, pvi_web_actor(req), id,
                         (int)pvi_http_field_int(req, "version", 0), number, note, &errs);
    if (rc == PVI_OK) {
        char href[64];
        bo_site_href(href, id, NULL);
        pvi_web_flash(req, "success",
                      res.unchanged    ? PVI_MSG_BO_FLASH_RESTORED_SAME
                      : res.request_id ? PVI_MSG_BO_FLASH_RESTORED_REQUEST
                                       : PVI_MSG_BO_FLASH_RESTORED);
        pvi_http_redirect(req, href);
    } else if (rc == PVI_UNAVAILABLE || rc == PVI_INTERNAL) {
        pvi_web_error_page(req, rc, NULL);
    } else {
        struct pvi_site *s;
        if (bo_site_load(&s, req) != 0) /* no such site: answered */
            ;
        else if (rc == PVI_NOT_FOUND) /* no such revision */
            pvi_web_error_page(req, rc, "revision");
        else {
            int conflict = rc == PVI_CONFLICT;
            restore_page(req, s, number, note, conflict ? NULL : &errs,
                         conflict ? PVI_MSG_BO_ACT_CONFLICT : PVI_MSG_NONE, pvi_code_http(rc));
        }
        pvi_site_free(s);
    }
    pvi_errors_clear(&errs);
}
