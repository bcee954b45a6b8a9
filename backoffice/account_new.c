/* account_new.c — a new administrator account:
 *   GET  /comptes/nouveau  the form (e-mail, display name)
 *   POST /comptes/nouveau  creates it with a password libpvi generates, and
 *                          answers 200 with that password shown once
 *                          (secret_page.c says why not a redirect); a refusal
 *                          shows the form again with what was typed (422). */
#include "backoffice.h"

#include "pvi/pvi_accounts.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_view.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
new_form(struct pvi_http_request *req, const char *email, const char *name,
         const struct pvi_errors *errs, int status)
{
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_BO_ADMIN_NEW_TITLE);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_BO_ADMIN_NEW_TITLE, NULL);
    pvi_view_msg(v, m, "p", PVI_MSG_BO_ADMIN_NEW_INTRO, NULL);
    struct pvi_vnode *f = pvi_view_form(v, m, "admin-new", "/comptes/nouveau", "post");
    struct pvi_vnode *e =
        pvi_view_field(v, f, "text", "email", PVI_MSG_BO_ADMIN_EMAIL, "email", email);
    pvi_view_attr_msg(v, e, "hint", PVI_MSG_BO_ADMIN_EMAIL_HINT);
    pvi_view_attr(e, "autocomplete", "off");
    pvi_view_attr(e, "required", "required");
    pvi_view_attr(e, "maxlength", "254");
    pvi_view_attr(e, "width", "long");
    struct pvi_vnode *n =
        pvi_view_field(v, f, "text", "display_name", PVI_MSG_BO_ADMIN_NAME, NULL, name);
    pvi_view_attr_msg(v, n, "hint", PVI_MSG_BO_ADMIN_NAME_HINT);
    pvi_view_attr(n, "autocomplete", "off");
    pvi_view_attr(n, "required", "required");
    pvi_view_attr(n, "maxlength", "120");
    pvi_view_attr(n, "width", "long");
    struct pvi_vnode *actions = pvi_view_actions(f);
    pvi_view_submit(v, actions, PVI_MSG_BO_ADMIN_CREATE, "primary");
    pvi_view_link(v, actions, "/comptes", PVI_MSG_BO_CANCEL);
    pvi_view_form_errors(v, f, errs);
    pvi_view_reply(req, v, status);
}

void
bo_admin_new_form(struct pvi_http_request *req)
{
    new_form(req, NULL, NULL, NULL, 200);
}

void
bo_admin_create(struct pvi_http_request *req)
{
    const char *email = pvi_http_field(req, "email");
    const char *name = pvi_http_field(req, "display_name");
    struct pvi_errors errs = {0};
    char *password = NULL;
    long long id = 0;
    enum pvi_code rc = pvi_admin_create_generated(&password, &id, pvi_web_service(req)->db,
                                                  pvi_web_actor(req), email, name, &errs);
    if (rc == PVI_VALIDATION || rc == PVI_DUPLICATE) {
        new_form(req, email, name, &errs, 422);
    } else if (rc != PVI_OK) {
        pvi_web_error_page(req, rc, NULL);
    } else {
        struct pvi_admin_info *a = NULL;
        pvi_admin_get(&a, pvi_web_service(req)->db, pvi_web_actor(req), id);
        struct pvi_view *v = pvi_view_page(req, PVI_MSG_BO_ADMIN_CREATED_TITLE);
        struct pvi_vnode *m = pvi_view_main(v);
        pvi_view_msg(v, m, "h1", PVI_MSG_BO_ADMIN_CREATED_TITLE, NULL);
        pvi_view_attr(pvi_view_msg(v, m, "notice", PVI_MSG_BO_ADMIN_CREATED, "email",
                                   a ? a->email : email, NULL),
                      "kind", "success");
        bo_secret_section(v, PVI_MSG_BO_PASSWORD_INITIAL, PVI_MSG_BO_SECRET_ONCE, password,
                          PVI_MSG_BO_PASSWORD_ADVICE);
        struct pvi_vnode *links = pvi_view_el(m, "links", NULL);
        char href[48];
        snprintf(href, sizeof href, "/comptes/%lld", id);
        pvi_view_link(v, links, href, PVI_MSG_BO_ADMIN_VIEW);
        pvi_view_link(v, links, "/comptes", PVI_MSG_BO_ADMINS_BACK);
        pvi_admin_info_free(a);
        bo_secret_reply(req, v);
    }
    if (password) {
        sodium_memzero(password, strlen(password));
        free(password);
    }
    pvi_errors_clear(&errs);
}
