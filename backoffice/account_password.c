/* account_password.c — an administrator's password reset:
 *   GET  /comptes/{id}/mot-de-passe  the confirmation page: what will happen
 *   POST /comptes/{id}/mot-de-passe  resets it to a password libpvi generates
 *                                    (the old one stops working, every session
 *                                    of the account is closed) and answers 200
 *                                    with the new one shown once (secret_page.c) */
#include "backoffice.h"

#include "pvi/pvi_accounts.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_view.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether the account is the one of the person logged in (their own
 * sessions end too: the pages say so). */
static int
is_mine(struct pvi_http_request *req, const struct pvi_admin_info *a)
{
    const struct pvi_principal *p = pvi_web_principal(req);
    return p && p->id == a->id;
}

void
bo_admin_reset_form(struct pvi_http_request *req)
{
    struct pvi_admin_info *a = NULL;
    enum pvi_code rc = pvi_admin_get(&a, pvi_web_service(req)->db, pvi_web_actor(req),
                                     pvi_http_param_int(req, "id"));
    if (rc != PVI_OK) {
        pvi_web_error_page(req, rc, NULL);
        return;
    }
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_BO_ADMIN_RESET_TITLE);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_BO_ADMIN_RESET_TITLE, NULL);
    pvi_view_msg(v, m, "p", PVI_MSG_BO_ADMIN_RESET_CONFIRM, "email", a->email, NULL);
    pvi_view_attr(pvi_view_msg(v, m, "notice", PVI_MSG_BO_ADMIN_RESET_EXPLAIN, NULL), "kind",
                  "warning");
    if (is_mine(req, a))
        pvi_view_attr(pvi_view_msg(v, m, "notice", PVI_MSG_BO_ADMIN_RESET_OWN, NULL), "kind",
                      "info");
    char here[64], back[48];
    snprintf(here, sizeof here, "/comptes/%lld/mot-de-passe", a->id);
    snprintf(back, sizeof back, "/comptes/%lld", a->id);
    struct pvi_vnode *f = pvi_view_form(v, m, "admin-reset", here, "post");
    struct pvi_vnode *actions = pvi_view_actions(f);
    pvi_view_submit(v, actions, PVI_MSG_BO_ADMIN_RESET_SUBMIT, "warning");
    pvi_view_link(v, actions, back, PVI_MSG_BO_CANCEL);
    pvi_admin_info_free(a);
    pvi_view_reply(req, v, 200);
}

void
bo_admin_reset(struct pvi_http_request *req)
{
    struct pvi_db *db = pvi_web_service(req)->db;
    long long id = pvi_http_param_int(req, "id");
    char *password = NULL;
    struct pvi_admin_info *a = NULL;
    enum pvi_code rc = pvi_admin_get(&a, db, pvi_web_actor(req), id);
    if (rc == PVI_OK)
        rc = pvi_admin_reset_password(&password, db, pvi_web_actor(req), id);
    if (rc != PVI_OK) {
        pvi_web_error_page(req, rc, NULL);
        pvi_admin_info_free(a);
        return;
    }
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_BO_ADMIN_RESET_DONE_TITLE);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_BO_ADMIN_RESET_DONE_TITLE, NULL);
    pvi_view_attr(
        pvi_view_msg(v, m, "notice", PVI_MSG_BO_ADMIN_RESET_DONE, "email", a->email, NULL), "kind",
        "success");
    bo_secret_section(v, PVI_MSG_BO_PASSWORD_NEW, PVI_MSG_BO_SECRET_ONCE, password,
                      PVI_MSG_BO_PASSWORD_ADVICE);
    struct pvi_vnode *links = pvi_view_el(m, "links", NULL);
    if (is_mine(req, a)) { /* this session has just ended */
        pvi_view_link(v, links, "/login", PVI_MSG_BO_LOGIN_AGAIN);
    } else {
        char back[48];
        snprintf(back, sizeof back, "/comptes/%lld", a->id);
        pvi_view_link(v, links, back, PVI_MSG_BO_ADMIN_VIEW);
        pvi_view_link(v, links, "/comptes", PVI_MSG_BO_ADMINS_BACK);
    }
    pvi_admin_info_free(a);
    sodium_memzero(password, strlen(password));
    free(password);
    bo_secret_reply(req, v);
}
