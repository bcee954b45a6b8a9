/* site_edit.c — GET /sites/{id}/modifier (the whole content of a site on
 * one form, the version in a hidden field, a note) and POST
 * /sites/{id}/modifier (pvi_site_edit; every libpvi error next to its field
 * and in the summary, the input kept; the repeated rows' add and remove
 * buttons show the form again; a stale version shows the form again (409)
 * with the version saved meanwhile and the admin's input side by side, the
 * input in the form and the new version in the hidden field; success: 303
 * to /sites/{id} with a flash saying what happened). */
#include "backoffice.h"
#include "site.h"

#include "pvi/pvi_content_form.h"
#include "pvi/pvi_site.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_view.h"

#include <stdio.h>
#include <stdlib.h>

/* Members of a content that the form does not carry, kept by every edit. */
static size_t
kept_count(const json_t *content)
{
    static const char *const kept[] = {"photos", "logo", "videos"};
    size_t n = 0;
    for (size_t i = 0; i < PVI_COUNT_OF(kept); i++) {
        const json_t *m = json_object_get(content, kept[i]);
        n += json_is_array(m) ? json_array_size(m) : m != NULL;
    }
    return n;
}

struct edit_page {
    const struct pvi_site *site;
    const json_t *content;       /* shown in the inputs */
    int version;                 /* in the hidden field */
    const char *note;            /* as typed */
    const struct pvi_errors *errs;
    const json_t *theirs;        /* a conflict: the version saved meanwhile; else NULL */
};

static void
edit_form(struct pvi_http_request *req, const struct edit_page *p, int status)
{
    const struct pvi_site *s = p->site;
    const char *name = s->business_name && *s->business_name ? s->business_name : s->slug;
    char action[64], version[PVI_INT_TEXT_SIZE], site_version[PVI_INT_TEXT_SIZE];
    snprintf(action, sizeof action, "/sites/%lld/modifier", s->id);
    pvi_int_text(version, p->version);
    pvi_int_text(site_version, s->version);

    struct pvi_view *v = pvi_view_page(req, PVI_MSG_BO_EDIT_PAGE_TITLE);
    enum pvi_lang lang = pvi_view_lang(v);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_BO_EDIT_TITLE, "name", name, NULL);
    pvi_view_msg(v, m, "p", PVI_MSG_BO_EDIT_INTRO, "slug", s->slug, "state",
                 bo_state_text(lang, s->state), "version", site_version, NULL);
    char client[48];
    snprintf(client, sizeof client, "/clients/%lld", s->client_id);
    struct pvi_vnode *links = pvi_view_el(m, "links", NULL);
    struct pvi_vnode *owner = pvi_view_msg(v, links, "link", PVI_MSG_BO_EDIT_OWNER, "company",
                                           s->company_name ? s->company_name : "", "number",
                                           s->customer_number ? s->customer_number : "", NULL);
    pvi_view_attr(owner, "href", client);
    pvi_view_attr(owner, "id", "site-edit-client");
    if (p->theirs) {
        pvi_view_attr(pvi_view_msg(v, m, "notice", PVI_MSG_BO_EDIT_CONFLICT, NULL), "kind",
                      "warning");
        pvi_view_msg(v, m, "p", PVI_MSG_BO_EDIT_CONFLICT_HOW, NULL);
        struct pvi_vnode *count = pvi_view_el(m, "p", NULL);
        size_t n = pvi_content_form_conflict(v, m, p->theirs, p->content);
        char text[PVI_INT_TEXT_SIZE];
        pvi_int_text(text, (long long)n);
        char *t = pvi_msg_format(lang, PVI_MSG_BO_EDIT_CONFLICT_COUNT,
                                 &(struct pvi_msg_arg){"count", text}, 1);
        pvi_view_el(count, "strong", t);
        free(t);
    }
    size_t kept = kept_count(p->content);
    if (kept > 0) {
        char count[PVI_INT_TEXT_SIZE];
        pvi_int_text(count, (long long)kept);
        pvi_view_attr(pvi_view_msg(v, m, "notice", PVI_MSG_CF_KEPT, "count", count, NULL), "kind",
                      "info");
    }
    struct pvi_vnode *f = pvi_view_form(v, m, "site-edit", action, "post");
    pvi_view_hidden(f, "version", version);
    pvi_content_form_fields(v, f, p->content);
    struct pvi_vnode *note =
        pvi_view_field(v, f, "textarea", "note", PVI_MSG_BO_EDIT_NOTE, NULL, p->note ? p->note : "");
    pvi_view_attr_msg(v, note, "hint", PVI_MSG_BO_EDIT_NOTE_HINT);
    pvi_view_attr(note, "rows", "2");
    struct pvi_vnode *a = pvi_view_actions(f);
    pvi_view_submit(v, a, PVI_MSG_BO_EDIT_SAVE, "primary");
    char back[48];
    snprintf(back, sizeof back, "/sites/%lld", s->id);
    pvi_view_link(v, a, back, PVI_MSG_BO_CANCEL);
    pvi_view_form_errors(v, f, p->errs);
    pvi_view_reply(req, v, status);
}

/* The site of the path, or NULL (the error page sent). */
static struct pvi_site *
site_of(struct pvi_http_request *req)
{
    struct pvi_site *s = NULL;
    enum pvi_code rc = pvi_site_get(&s, pvi_web_service(req)->db, pvi_web_actor(req),
                                    pvi_http_param_int(req, "id"));
    if (rc != PVI_OK)
        pvi_web_error_page(req, rc, NULL);
    return s;
}

void
bo_site_edit_page(struct pvi_http_request *req)
{
    struct pvi_site *s = site_of(req);
    if (s == NULL)
        return;
    struct edit_page p = {.site = s, .content = pvi_site_working_content(s), .version = s->version};
    edit_form(req, &p, 200);
    pvi_site_free(s);
}

/* What the flash says about a saved edit. */
static enum pvi_msg
edit_flash(const struct pvi_edit_result *r)
{
    if (r->unchanged)
        return PVI_MSG_FLASH_EDIT_UNCHANGED;
    if (r->published && r->request_id)
        return PVI_MSG_FLASH_EDIT_BOTH;
    if (r->published)
        return PVI_MSG_FLASH_EDIT_PUBLISHED;
    if (r->request_id)
        return PVI_MSG_FLASH_EDIT_REQUEST;
    if (r->revision == 0) /* an online site: the sensitive fields set back */
        return PVI_MSG_FLASH_EDIT_WITHDRAWN;
    return PVI_MSG_FLASH_EDIT_DRAFT;
}

void
bo_site_edit(struct pvi_http_request *req)
{
    struct pvi_site *s = site_of(req);
    if (s == NULL)
        return;
    int rows = 0;
    /* over the current content: what the form does not carry is kept */
    json_t *content = pvi_content_form_read(&rows, req, pvi_site_working_content(s));
    struct edit_page p = {
        .site = s,
        .content = content,
        .version = (int)pvi_http_field_int(req, "version", 0),
        .note = pvi_http_field(req, "note"),
    };
    struct pvi_errors errs = {0};
    if (rows) {
        /* a row more or less: the form again, the version it was shown with */
        edit_form(req, &p, 200);
        goto done;
    }
    struct pvi_edit_opts opts = {.note = p.note && *p.note ? p.note : NULL};
    struct pvi_edit_result res;
    enum pvi_code rc = pvi_site_edit(&res, pvi_web_service(req)->db, pvi_web_actor(req), s->id,
                                     p.version, content, &opts, &errs);
    if (rc == PVI_OK) {
        char to[48];
        snprintf(to, sizeof to, "/sites/%lld", s->id);
        pvi_web_flash(req, "success", edit_flash(&res));
        pvi_http_redirect(req, to);
    } else if (rc == PVI_CONFLICT) {
        /* saved by someone else since the form was shown: both versions,
         * the input kept, the new version to save over knowingly */
        p.theirs = pvi_site_working_content(s);
        p.version = s->version;
        edit_form(req, &p, 409);
    } else if (rc == PVI_NOT_FOUND || rc == PVI_FORBIDDEN || errs.n == 0) {
        pvi_web_error_page(req, rc, NULL);
    } else {
        p.errs = &errs;
        edit_form(req, &p, pvi_code_http(rc));
    }
done:
    pvi_errors_clear(&errs);
    json_decref(content);
    pvi_site_free(s);
}
