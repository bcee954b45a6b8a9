/* client_new.c — GET /clients/nouveau (the form of a new client) and POST
 * /clients/nouveau (pvi_client_create: customer number, company name,
 * SIRET, contact e-mail and phone, an optional initial password; every
 * error next to its field, the input kept; success: 303 to the client's
 * page with a flash). */
#include "backoffice.h"

#include "pvi/pvi_site.h"
#include "pvi/pvi_text.h"
#include "pvi/pvi_view.h"

#include <stdio.h>

static struct pvi_vnode *
input(struct pvi_view *v, struct pvi_vnode *f, struct pvi_http_request *req, const char *name,
      enum pvi_msg label, const char *type, enum pvi_msg hint, const char *width)
{
    /* what was typed (a password is never written back by the stylesheet) */
    struct pvi_vnode *n = pvi_view_field(v, f, "text", name, label, type,
                                         req ? pvi_http_field(req, name) : NULL);
    if (hint != PVI_MSG_NONE)
        pvi_view_attr_msg(v, n, "hint", hint);
    pvi_view_attr(n, "width", width);
    return n;
}

/* The form; typed: the request whose input is shown again (NULL: empty). */
static void
client_form(struct pvi_http_request *req, int typed, const struct pvi_errors *errs, int status)
{
    struct pvi_http_request *in = typed ? req : NULL;
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_BO_CLIENT_NEW_TITLE);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_BO_CLIENT_NEW_TITLE, NULL);
    pvi_view_msg(v, m, "p", PVI_MSG_BO_CLIENT_NEW_INTRO, NULL);
    struct pvi_vnode *f = pvi_view_form(v, m, "client-new", "/clients/nouveau", "post");
    struct pvi_vnode *n = input(v, f, in, "customer_number", PVI_MSG_BO_CLIENT_NUMBER, NULL,
                                PVI_MSG_BO_CLIENT_NUMBER_HINT, "short");
    pvi_view_attr(n, "required", "required");
    pvi_view_attr(n, "autocomplete", "off");
    n = input(v, f, in, "company_name", PVI_MSG_BO_CLIENT_COMPANY, NULL, PVI_MSG_NONE, "long");
    pvi_view_attr(n, "required", "required");
    pvi_view_attr(n, "maxlength", "120");
    n = input(v, f, in, "siret", PVI_MSG_BO_CLIENT_SIRET, NULL, PVI_MSG_BO_CLIENT_SIRET_HINT,
              "medium");
    pvi_view_attr(n, "required", "required");
    pvi_view_attr(n, "inputmode", "numeric");
    n = input(v, f, in, "email", PVI_MSG_BO_CLIENT_EMAIL, "email", PVI_MSG_NONE, "long");
    pvi_view_attr(n, "required", "required");
    n = input(v, f, in, "phone", PVI_MSG_BO_CLIENT_PHONE, "tel", PVI_MSG_NONE, "medium");
    pvi_view_attr(n, "required", "required");
    n = input(v, f, in, "password", PVI_MSG_BO_CLIENT_PASSWORD, "password",
              PVI_MSG_BO_CLIENT_PASSWORD_HINT, "medium");
    pvi_view_attr(n, "autocomplete", "new-password");
    struct pvi_vnode *a = pvi_view_actions(f);
    pvi_view_submit(v, a, PVI_MSG_BO_CLIENT_CREATE, "primary");
    pvi_view_link(v, a, "/", PVI_MSG_BO_CANCEL);
    pvi_view_form_errors(v, f, errs);
    pvi_view_reply(req, v, status);
}

void
bo_client_new_page(struct pvi_http_request *req)
{
    client_form(req, 0, NULL, 200);
}

void
bo_client_create(struct pvi_http_request *req)
{
    const char *password = pvi_http_field(req, "password");
    struct pvi_client_new in = {
        .customer_number = pvi_http_field(req, "customer_number"),
        .company_name = pvi_http_field(req, "company_name"),
        .siret = pvi_http_field(req, "siret"),
        .email = pvi_http_field(req, "email"),
        .phone = pvi_http_field(req, "phone"),
        /* an empty input: no password yet */
        .password = password && *password ? password : NULL,
    };
    struct pvi_errors errs = {0};
    long long id = 0;
    enum pvi_code rc =
        pvi_client_create(&id, pvi_web_service(req)->db, pvi_web_actor(req), &in, &errs);
    if (rc == PVI_OK) {
        char to[48];
        snprintf(to, sizeof to, "/clients/%lld", id);
        pvi_web_flash(req, "success", PVI_MSG_FLASH_CLIENT_CREATED);
        pvi_http_redirect(req, to);
    } else if (errs.n > 0) {
        client_form(req, 1, &errs, pvi_code_http(rc));
    } else {
        pvi_web_error_page(req, rc, NULL);
    }
    pvi_errors_clear(&errs);
}
