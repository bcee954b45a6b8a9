/* pages.c — the pages every office shares: login (for the office's realm)
 * and logout, the account page, the language choice, the static files and
 * the error pages. Each calls exactly one libpvi operation and answers with
 * a view or a 303 (post/redirect/get). */
#include "web.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How each realm's login form reads. */
static const struct realm_form {
    const char *field;        /* the identifier's input */
    const char *type;         /* its input type */
    enum pvi_msg label, hint; /* PVI_MSG_NONE: no hint */
    enum pvi_msg heading, intro;
} realm_forms[] = {
    [PVI_REALM_ADMINS] = {"email", "email", PVI_MSG_UI_LOGIN_EMAIL, PVI_MSG_NONE,
                          PVI_MSG_UI_LOGIN_HEADING_ADMINS, PVI_MSG_UI_LOGIN_INTRO_ADMINS},
    [PVI_REALM_OPERATORS] = {"uid", "text", PVI_MSG_UI_LOGIN_UID, PVI_MSG_UI_LOGIN_UID_HINT,
                             PVI_MSG_UI_LOGIN_HEADING_OPERATORS, PVI_MSG_UI_LOGIN_INTRO_OPERATORS},
    [PVI_REALM_CLIENTS] = {"customer_number", "text", PVI_MSG_UI_LOGIN_CUSTOMER,
                           PVI_MSG_UI_LOGIN_CUSTOMER_HINT, PVI_MSG_UI_LOGIN_HEADING_CLIENTS,
                           PVI_MSG_UI_LOGIN_INTRO_CLIENTS},
};

static const char *
next_or_home(const char *next)
{
    return pvi_web_local_path(next) && strncmp(next, "/login", 6) != 0 ? next : "/";
}

/* The login form, with what was typed and what was wrong. */
static void
login_form(struct pvi_http_request *req, const char *typed, const char *next,
           const struct pvi_errors *errs, enum pvi_code failure, int status)
{
    const struct realm_form *rf = &realm_forms[pvi_web_office(req)->realm];
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_UI_LOGIN_TITLE);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", rf->heading, NULL);
    pvi_view_msg(v, m, "p", rf->intro, NULL);
    struct pvi_vnode *f = pvi_view_form(v, m, "login", "/login", "post");
    struct pvi_vnode *id = pvi_view_field(v, f, "text", rf->field, rf->label, rf->type, typed);
    pvi_view_attr(id, "autocomplete", "username");
    pvi_view_attr(id, "required", "required");
    pvi_view_attr(id, "width", "medium");
    if (rf->hint != PVI_MSG_NONE)
        pvi_view_attr_msg(v, id, "hint", rf->hint);
    struct pvi_vnode *pw =
        pvi_view_field(v, f, "text", "password", PVI_MSG_UI_LOGIN_PASSWORD, "password", NULL);
    pvi_view_attr(pw, "autocomplete", "current-password");
    pvi_view_attr(pw, "required", "required");
    pvi_view_attr(pw, "width", "medium");
    if (next && pvi_web_local_path(next))
        pvi_view_hidden(f, "next", next);
    pvi_view_submit(v, pvi_view_actions(f), PVI_MSG_UI_LOGIN_SUBMIT, "primary");
    pvi_view_form_errors(v, f, errs);
    if (failure != PVI_OK && (errs == NULL || errs->n == 0))
        pvi_view_form_error(v, f, pvi_code_msg(failure));
    pvi_view_reply(req, v, status);
}

void
pvi_web__login_page(struct pvi_http_request *req)
{
    const char *next = pvi_http_field(req, "next");
    const struct pvi_actor *a = pvi_web_actor(req);
    if (a != NULL && a->role == pvi_web__realm_role(pvi_web_office(req)->realm)) {
        /* already logged in */
        pvi_http_redirect(req, next_or_home(next));
        return;
    }
    login_form(req, NULL, next, NULL, PVI_OK, 200);
}

static enum pvi_code
realm_login(struct pvi_session **out, struct pvi_http_request *req, const char *id,
            const char *password, struct pvi_errors *errs)
{
    struct pvi_service *svc = pvi_web_service(req);
    const char *addr = pvi_http_client_addr(req);
    switch (pvi_web_office(req)->realm) {
    case PVI_REALM_ADMINS:
        return pvi_login_admin(out, svc->db, id, password, addr, errs);
    case PVI_REALM_OPERATORS:
        return pvi_login_operator(out, svc->db, &svc->ldap, id, password, addr, errs);
    case PVI_REALM_CLIENTS:
        break;
    }
    return pvi_login_client(out, svc->db, id, password, addr, errs);
}

/* The page status of a refused login: the form is shown again. */
static int
login_status(enum pvi_code rc)
{
    switch (rc) {
    case PVI_LOGIN_THROTTLED:
    case PVI_ACCOUNT_LOCKED:
    case PVI_NOT_IN_GROUP:
    case PVI_DIRECTORY_DOWN:
    case PVI_UNAVAILABLE:
    case PVI_INTERNAL:
        return pvi_code_http(rc);
    default:
        return 422; /* the credentials typed cannot be accepted */
    }
}

void
pvi_web__login(struct pvi_http_request *req)
{
    struct pvi_web__ctx *c = pvi_web__ctx(req);
    const struct realm_form *rf = &realm_forms[c->w->office->realm];
    const char *id = pvi_http_field(req, rf->field);
    const char *next = pvi_http_field(req, "next");
    struct pvi_errors errs = {0};
    struct pvi_session *s = NULL;
    enum pvi_code rc = realm_login(&s, req, id, pvi_http_field(req, "password"), &errs);
    if (rc != PVI_OK) {
        if (rc == PVI_LOGIN_THROTTLED)
            pvi_http_add_header(req, "Retry-After", "60");
        login_form(req, id, next, &errs, rc, login_status(rc));
        pvi_errors_clear(&errs);
        return;
    }
    /* a new token at every login: the browser's previous session ends */
    if (c->session_token)
        pvi_session_logout(c->w->svc->db, c->session_token);
    long long left_s = (s->absolute_expires_at_us - pvi_now_us()) / 1000000;
    pvi_web__set_cookie(req, c->w->cookie_session, s->token, left_s > 0 ? left_s : 1);
    pvi_session_free(s);
    pvi_http_redirect(req, next_or_home(next));
}

void
pvi_web__logout(struct pvi_http_request *req)
{
    struct pvi_web__ctx *c = pvi_web__ctx(req);
    if (c->session_token)
        pvi_session_logout(c->w->svc->db, c->session_token);
    pvi_web__set_cookie(req, c->w->cookie_session, "", -1);
    pvi_web_flash(req, "success", PVI_MSG_FLASH_LOGGED_OUT);
    pvi_http_redirect(req, "/login");
}

void
pvi_web__account_page(struct pvi_http_request *req)
{
    const struct pvi_principal *p = pvi_web_principal(req);
    struct pvi_auth_policy pol;
    pvi_auth_policy_get(&pol);
    char idle[PVI_INT_TEXT_SIZE], absolute[PVI_INT_TEXT_SIZE];
    pvi_int_text(idle, pol.session_idle_us / 60000000);
    pvi_int_text(absolute, pol.session_absolute_us / 3600000000);
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_UI_ACCOUNT_TITLE);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_UI_ACCOUNT_TITLE, NULL);
    struct pvi_vnode *facts = pvi_view_el(m, "facts", NULL);
    pvi_view_fact(v, facts, PVI_MSG_UI_ACCOUNT_IDENTIFIER, p->label);
    pvi_view_fact(v, facts, PVI_MSG_UI_ACCOUNT_ROLE,
                  pvi_msg_text(pvi_view_lang(v), pvi_web__role_msg(p->role)));
    pvi_view_msg(v, m, "p", PVI_MSG_UI_ACCOUNT_SESSION, "idle", idle, "absolute", absolute, NULL);
    pvi_view_reply(req, v, 200);
}

void
pvi_web_welcome_page(struct pvi_http_request *req, enum pvi_msg intro)
{
    const struct pvi_principal *p = pvi_web_principal(req);
    struct pvi_view *v = pvi_view_page(req, PVI_MSG_UI_HOME_TITLE);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", PVI_MSG_UI_HOME_HELLO, "name", p->label, NULL);
    pvi_view_msg(v, m, "p", intro, NULL);
    pvi_view_msg(v, m, "p", PVI_MSG_UI_HOME_SESSION, "name", p->label, "role",
                 pvi_msg_text(pvi_view_lang(v), pvi_web__role_msg(p->role)), NULL);
    const struct pvi_office *o = pvi_web_office(req);
    struct pvi_vnode *links = pvi_view_el(m, "links", NULL);
    for (size_t i = 0; i < o->nnav; i++)
        if (strcmp(o->nav[i].href, "/") != 0)
            pvi_view_link(v, links, o->nav[i].href, o->nav[i].label);
    pvi_view_reply(req, v, 200);
}

/* The path of the page the form was sent from (Referer on this site). */
static const char *
referring_path(struct pvi_http_request *req)
{
    const char *ref = pvi_http_header(req, "Referer");
    const char *host = pvi_http_header(req, "Host");
    if (ref == NULL || host == NULL)
        return NULL;
    const char *p = strstr(ref, "://");
    if (p == NULL)
        return NULL;
    p += 3;
    size_t n = strlen(host);
    if (strncmp(p, host, n) != 0 || p[n] != '/')
        return NULL;
    return p + n;
}

void
pvi_web__language(struct pvi_http_request *req)
{
    struct pvi_web__ctx *c = pvi_web__ctx(req);
    const char *lang = pvi_http_field(req, "lang");
    pvi_web__set_cookie(req, c->w->cookie_lang, lang, 365LL * 24 * 3600);
    const char *next = pvi_http_field(req, "next");
    if (!pvi_web_local_path(next))
        next = referring_path(req);
    pvi_http_redirect(req, pvi_web_local_path(next) ? next : "/");
}

void
pvi_web__static(struct pvi_http_request *req)
{
    struct pvi_web__ctx *c = pvi_web__ctx(req);
    if (strcmp(pvi_http_path(req), c->w->css_href) != 0) {
        pvi_web_error_page(req, PVI_NOT_FOUND, NULL);
        return;
    }
    pvi_http_add_header(req, "Cache-Control", "public, max-age=31536000, immutable");
    pvi_http_reply(req, 200, "text/css; charset=utf-8", pvi_strndup(c->w->css, c->w->css_len),
                   c->w->css_len);
}

/* ---- error pages ---- */

static const struct {
    int status;
    enum pvi_msg title, advice;
} error_pages[] = {
    {400, PVI_MSG_UI_ERROR_400, PVI_MSG_UI_ERROR_400_ADVICE},
    {403, PVI_MSG_UI_ERROR_403, PVI_MSG_UI_ERROR_403_ADVICE},
    {404, PVI_MSG_UI_ERROR_404, PVI_MSG_UI_ERROR_404_ADVICE},
    {405, PVI_MSG_UI_ERROR_405, PVI_MSG_UI_ERROR_405_ADVICE},
    {409, PVI_MSG_UI_ERROR_409, PVI_MSG_UI_ERROR_409_ADVICE},
    {413, PVI_MSG_UI_ERROR_413, PVI_MSG_UI_ERROR_413_ADVICE},
    {429, PVI_MSG_UI_ERROR_429, PVI_MSG_UI_ERROR_429_ADVICE},
    {500, PVI_MSG_UI_ERROR_500, PVI_MSG_UI_ERROR_500_ADVICE},
    {503, PVI_MSG_UI_ERROR_503, PVI_MSG_UI_ERROR_503_ADVICE},
};

void
pvi_web_error_page(struct pvi_http_request *req, enum pvi_code code, const char *field)
{
    int status = pvi_code_http(code);
    size_t k = 0;
    while (k + 1 < PVI_COUNT_OF(error_pages) && error_pages[k].status != status)
        k++;
    if (error_pages[k].status != status) /* a status without a page of its own */
        k = status >= 500 ? PVI_COUNT_OF(error_pages) - 2 : 0;
    if (status == 503)
        pvi_http_add_header(req, "Retry-After", "5");
    struct pvi_view *v = pvi_view_page(req, error_pages[k].title);
    struct pvi_vnode *m = pvi_view_main(v);
    pvi_view_msg(v, m, "h1", error_pages[k].title, NULL);
    pvi_view_msg(v, m, "p", pvi_code_msg(code), NULL);
    if (field && *field)
        pvi_view_msg(v, m, "p", PVI_MSG_UI_ERROR_FIELD, "field", field, NULL);
    pvi_view_msg(v, m, "p", error_pages[k].advice, NULL);
    struct pvi_vnode *links = pvi_view_el(m, "links", NULL);
    if (pvi_web_actor(req))
        pvi_view_link(v, links, "/", PVI_MSG_UI_ERROR_HOME);
    else
        pvi_view_link(v, links, "/login", PVI_MSG_UI_ERROR_LOGIN);
    pvi_view_reply(req, v, status);
}
