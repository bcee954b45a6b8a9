/* gate.c — what runs before every handler of an office (pvi_http_gate):
 * the request's context (language, pre-session secret, flash), the session
 * cookie checked by libpvi, the login redirect, the role check, the CSRF
 * check of unsafe methods, the API key of API routes; and the accessors of
 * the context. */
#include "web.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
ctx_free(void *p)
{
    struct pvi_web__ctx *c = p;
    if (c == NULL)
        return;
    if (c->state && c->state_cleanup)
        c->state_cleanup(c->state);
    pvi_principal_free(c->principal);
    free(c->session_token);
    free(c->csrf);
    free(c);
}

struct pvi_web__ctx *
pvi_web__ctx(const struct pvi_http_request *req)
{
    return pvi_http_slot(req, PVI_WEB__SLOT);
}

/* To the login page, keeping where the user was going (GET only). */
static void
to_login(struct pvi_http_request *req, struct pvi_web__ctx *c)
{
    if (c->session_expired)
        pvi_web_flash(req, "info", PVI_MSG_FLASH_SESSION_EXPIRED);
    struct pvi_buf b = {0};
    pvi_buf_puts(&b, "/login");
    const char *m = pvi_http_method(req);
    if ((strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0) &&
        pvi_web_local_path(pvi_http_target(req))) {
        struct pvi_buf q = {0};
        pvi_web_query_add(&q, "next", pvi_http_target(req));
        pvi_buf_puts(&b, "?");
        pvi_buf_puts(&b, q.data);
        pvi_buf_free(&q);
    }
    pvi_http_redirect(req, b.data);
    pvi_buf_free(&b);
}

/* The session of the cookie. A session of another role (copied from
 * another office) is a session all the same: the route's roles refuse it
 * (403). */
static enum pvi_code
load_session(struct pvi_http_request *req, struct pvi_web__ctx *c)
{
    char token[PVI_TOKEN_CHARS + 2];
    if (pvi_web__cookie(token, sizeof token, req, c->w->cookie_session) == NULL)
        return PVI_OK;
    c->session_token = pvi_strdup(token);
    struct pvi_principal *p = NULL;
    enum pvi_code rc = pvi_session_check(&p, c->w->svc->db, token, pvi_http_client_addr(req));
    if (rc == PVI_UNAVAILABLE || rc == PVI_INTERNAL)
        return rc;
    if (rc != PVI_OK) {
        pvi_principal_free(p);
        c->session_expired = 1;
        pvi_web__set_cookie(req, c->w->cookie_session, "", -1);
        return PVI_OK;
    }
    c->principal = p;
    c->actor = pvi_principal_actor(p);
    return PVI_OK;
}

static enum pvi_code
api_key(struct pvi_http_request *req, struct pvi_web__ctx *c, const struct pvi_http_route *route)
{
    const char *h = pvi_http_header(req, "Authorization");
    struct pvi_principal *p = NULL;
    enum pvi_code rc = PVI_UNAUTHENTICATED;
    if (h && strncmp(h, "Bearer ", 7) == 0)
        rc = pvi_apikey_check(&p, c->w->svc->db, h + 7);
    if (rc != PVI_OK) {
        pvi_http_add_header(req, "WWW-Authenticate", "Bearer");
        pvi_http_reply_error(req, rc, NULL, c->lang);
        return rc;
    }
    c->principal = p;
    c->actor = pvi_principal_actor(p);
    c->actor.address = pvi_http_client_addr(req);
    if ((p->scopes & route->scopes) != route->scopes) {
        pvi_http_reply_error(req, PVI_FORBIDDEN, NULL, c->lang);
        return PVI_FORBIDDEN;
    }
    return PVI_OK;
}

/* The request's context, from its cookies: language, the browser's secret,
 * the flash message (static files need the language only). */
static struct pvi_web__ctx *
ctx_open(struct pvi_http_request *req, int language_only)
{
    struct pvi_web__ctx *c = pvi_calloc(1, sizeof *c);
    c->w = pvi_http_gate_ctx(req);
    pvi_http_set_slot(req, PVI_WEB__SLOT, c, ctx_free);
    char buf[PVI_WEB__FLASH_SIZE];
    if (pvi_web__cookie(buf, sizeof buf, req, c->w->cookie_lang) == NULL ||
        pvi_lang_parse(&c->lang, buf) != 0)
        c->lang = pvi_lang_negotiate(pvi_http_header(req, "Accept-Language"));
    if (language_only)
        return c;
    if (pvi_web__cookie(buf, sizeof buf, req, c->w->cookie_pre) && pvi_token_well_formed(buf))
        memcpy(c->pre, buf, PVI_WEB__SECRET_CHARS + 1);
    if (c->pre[0] && pvi_web__cookie(buf, sizeof buf, req, c->w->cookie_flash) &&
        pvi_web__flash_read(&c->flash_msg, c->flash_kind, buf, c->pre) != 0)
        c->flash_msg = PVI_MSG_NONE;
    return c;
}

enum pvi_code
pvi_web__enter(struct pvi_http_request *req, const struct pvi_http_route *route)
{
    int is_static = route->handler == pvi_web__static;
    struct pvi_web__ctx *c = ctx_open(req, is_static);
    if (is_static)
        return PVI_OK; /* immutable files: nothing else is needed */

    if (route->auth == PVI_AUTH_APIKEY)
        return api_key(req, c, route);
    enum pvi_code rc = load_session(req, c);
    if (rc != PVI_OK) {
        if (route->auth == PVI_AUTH_NONE)
            return PVI_OK; /* an anonymous page does not need the database */
        pvi_web_error_page(req, PVI_UNAVAILABLE, NULL);
        return rc;
    }
    if (route->auth != PVI_AUTH_SESSION)
        return PVI_OK;
    if (c->principal == NULL) {
        to_login(req, c);
        return PVI_UNAUTHENTICATED;
    }
    if (route->roles != 0 && !(route->roles & PVI_ROLE_BIT(c->principal->role))) {
        pvi_web_error_page(req, PVI_FORBIDDEN, NULL);
        return PVI_FORBIDDEN;
    }
    return PVI_OK;
}

enum pvi_code
pvi_web__admit(struct pvi_http_request *req, const struct pvi_http_route *route)
{
    struct pvi_web__ctx *c = pvi_web__ctx(req);
    if (!pvi_http_route_unsafe(route) || route->auth == PVI_AUTH_APIKEY)
        return PVI_OK;
    /* a session's forms carry its token; anonymous forms (login) the
     * browser's, which a logged-in browser may still submit */
    const char *token = pvi_http_field(req, "csrf");
    const char *office = c->w->office->name;
    enum pvi_code rc = PVI_CSRF;
    if (c->principal)
        rc = pvi_web__csrf_check(token, c->principal->csrf_token, office, pvi_now(),
                                 c->w->form_ttl_s);
    if (rc != PVI_OK && (route->auth == PVI_AUTH_NONE || c->principal == NULL) && c->pre[0])
        rc = pvi_web__csrf_check(token, c->pre, office, pvi_now(), c->w->form_ttl_s);
    if (rc != PVI_OK)
        pvi_web_error_page(req, PVI_CSRF, NULL);
    return rc;
}

void
pvi_web__refuse(struct pvi_http_request *req, enum pvi_code code, const char *field)
{
    if (pvi_web__ctx(req) == NULL) {
        /* refused before the gate ran (no route, two Host headers): the
         * page still shows who is logged in, in their language, and keeps
         * the browser's secret */
        (void)load_session(req, ctx_open(req, 0));
    }
    const struct pvi_http_route *r = pvi_http_route(req);
    if (r && r->auth == PVI_AUTH_APIKEY)
        pvi_http_reply_error(req, code, field, pvi_web_lang(req));
    else
        pvi_web_error_page(req, code, field);
}

/* ---- the context ---- */

const struct pvi_office *
pvi_web_office(const struct pvi_http_request *req)
{
    return pvi_web__ctx(req)->w->office;
}

struct pvi_service *
pvi_web_service(const struct pvi_http_request *req)
{
    return pvi_web__ctx(req)->w->svc;
}

const struct pvi_actor *
pvi_web_actor(const struct pvi_http_request *req)
{
    struct pvi_web__ctx *c = pvi_web__ctx(req);
    return c && c->principal ? &c->actor : NULL;
}

const struct pvi_principal *
pvi_web_principal(const struct pvi_http_request *req)
{
    struct pvi_web__ctx *c = pvi_web__ctx(req);
    return c ? c->principal : NULL;
}

enum pvi_lang
pvi_web_lang(const struct pvi_http_request *req)
{
    struct pvi_web__ctx *c = pvi_web__ctx(req);
    return c ? c->lang : PVI_LANG_FR;
}

void
pvi_web_set_state(struct pvi_http_request *req, void *state, void (*cleanup)(void *))
{
    struct pvi_web__ctx *c = pvi_web__ctx(req);
    if (c->state && c->state_cleanup)
        c->state_cleanup(c->state);
    c->state = state;
    c->state_cleanup = cleanup;
}

void *
pvi_web_state(const struct pvi_http_request *req)
{
    return pvi_web__ctx(req)->state;
}

enum pvi_role
pvi_web__realm_role(enum pvi_office_realm realm)
{
    switch (realm) {
    case PVI_REALM_ADMINS:
        return PVI_ROLE_ADMIN;
    case PVI_REALM_OPERATORS:
        return PVI_ROLE_OPERATOR;
    case PVI_REALM_CLIENTS:
        break;
    }
    return PVI_ROLE_CLIENT;
}

const char *
pvi_web__pre_secret(struct pvi_http_request *req)
{
    struct pvi_web__ctx *c = pvi_web__ctx(req);
    if (c->pre[0] == '\0') {
        pvi_token_new(c->pre);
        c->pre_is_new = 1;
        /* a year: it only keys anonymous forms and messages */
        pvi_web__set_cookie(req, c->w->cookie_pre, c->pre, 365LL * 24 * 3600);
    }
    return c->pre;
}

const char *
pvi_web_csrf_token(struct pvi_http_request *req)
{
    struct pvi_web__ctx *c = pvi_web__ctx(req);
    if (c->csrf == NULL) {
        const char *secret = c->principal ? c->principal->csrf_token : pvi_web__pre_secret(req);
        c->csrf = pvi_malloc(PVI_WEB__CSRF_SIZE);
        pvi_web__csrf_make(c->csrf, secret, c->w->office->name, pvi_now());
    }
    return c->csrf;
}

void
pvi_web_flash(struct pvi_http_request *req, const char *kind, enum pvi_msg msg)
{
    char v[PVI_WEB__FLASH_SIZE];
    pvi_web__flash_make(v, pvi_web__pre_secret(req), kind, msg);
    pvi_web__set_cookie(req, pvi_web__ctx(req)->w->cookie_flash, v, 0);
}

int
pvi_web_local_path(const char *t)
{
    if (t == NULL || t[0] != '/' || t[1] == '/' || t[1] == '\\')
        return 0;
    for (const unsigned char *p = (const unsigned char *)t; *p; p++)
        if (*p < 0x20 || *p == 0x7F || *p == '\\')
            return 0;
    return strlen(t) < 2048;
}
