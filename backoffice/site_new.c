/* site_new.c — GET /sites/nouveau?client={id} (the form of a new site for
 * a client) and POST /sites/nouveau (pvi_site_create: the slug and an
 * optional first content, the name and the activity; every error next to
 * its field, the input kept; success: 303 to the site's edit form with a
 * flash). */
#include "backoffice.h"

#include "pvi/pvi_client.h"
#include "pvi/pvi_content_form.h"
#include "pvi/pvi_site.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_view.h"

#include <stdio.h>
#include <stdlib.h>

/* The form for the client c; typed: the slug and content submitted. */
static void
site_form(struct pvi_http_request *req, const json_t *c, const char *slug, const json_t *content,
          const struct pvi_errors *errs, int status)
{
    const char *company = json_string_value(json_object_get(c, "company_name"));
    const char *number = json_string_value(json_object_get(c, "customer_number"));
    long long id = json_integer_value(json_object_get(c, "id"));
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_BO_SITE_NEW_TITLE);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_BO_SITE_NEW_TITLE, NULL);
    pvi_view_msg(v, m, "p", PVI_MSG_BO_SITE_NEW_INTRO, "company", company ? company : "",
                 "number", number ? number : "", NULL);
    struct pvi_vnode *f = pvi_view_form(v, m, "site-new", "/sites/nouveau", "post");
    char cid[PVI_INT_TEXT_SIZE];
    pvi_int_text(cid, id);
    pvi_view_hidden(f, "client", cid);
    struct pvi_vnode *s = pvi_view_field(v, f, "text", "slug", PVI_MSG_BO_NEW_SITE_SLUG, NULL, slug);
    pvi_view_attr(s, "required", "required");
    pvi_view_attr(s, "maxlength", "63");
    pvi_view_attr(s, "width", "medium");
    pvi_view_attr(s, "autocomplete", "off");
    char *hint = pvi_msg_format(pvi_view_lang(v), PVI_MSG_BO_SITE_SLUG_HINT,
                                &(struct pvi_msg_arg){"domain",
                                                     pvi_web_service(req)->cfg.platform_domain},
                                1);
    pvi_view_attr(s, "hint", hint);
    free(hint);
    struct pvi_vnode *g = pvi_view_el(f, "fieldset", NULL);
    pvi_view_attr_msg(v, g, "legend", PVI_MSG_BO_SITE_FIRST_CONTENT);
    pvi_content_form_identity(v, g, content);
    struct pvi_vnode *a = pvi_view_actions(f);
    pvi_view_submit(v, a, PVI_MSG_BO_SITE_CREATE, "primary");
    char back[48];
    snprintf(back, sizeof back, "/clients/%lld", id);
    pvi_view_link(v, a, back, PVI_MSG_BO_CANCEL);
    pvi_view_form_errors(v, f, errs);
    pvi_view_reply(req, v, status);
}

/* The client named by the "client" input, or NULL (the error page sent). */
static json_t *
client_of(struct pvi_http_request *req)
{
    json_t *c = NULL;
    enum pvi_code rc = pvi_client_get(&c, pvi_web_service(req)->db, pvi_web_actor(req),
                                      pvi_http_field_int(req, "client", 0));
    if (rc != PVI_OK)
        pvi_web_error_page(req, rc, NULL);
    return c;
}

void
bo_site_new_page(struct pvi_http_request *req)
{
    json_t *c = client_of(req);
    if (c == NULL)
        return;
    site_form(req, c, NULL, NULL, NULL, 200);
    json_decref(c);
}

void
bo_site_create(struct pvi_http_request *req)
{
    json_t *c = client_of(req);
    if (c == NULL)
        return;
    int rows = 0;
    json_t *content = pvi_content_form_read(&rows, req, NULL);
    const char *slug = pvi_http_field(req, "slug");
    struct pvi_site_new in = {
        .client_id = json_integer_value(json_object_get(c, "id")),
        .slug = slug ? slug : "",
        .content = content,
    };
    struct pvi_errors errs = {0};
    long long id = 0;
    enum pvi_code rc =
        pvi_site_create(&id, pvi_web_service(req)->db, pvi_web_actor(req), &in, &errs);
    if (rc == PVI_OK) {
        char to[64];
        snprintf(to, sizeof to, "/sites/%lld/modifier", id);
        pvi_web_flash(req, "success", PVI_MSG_FLASH_SITE_CREATED);
        pvi_http_redirect(req, to);
    } else if (errs.n > 0) {
        site_form(req, c, slug, content, &errs, pvi_code_http(rc));
    } else {
        pvi_web_error_page(req, rc, NULL);
    }
    pvi_errors_clear(&errs);
    json_decref(content);
    json_decref(c);
}
