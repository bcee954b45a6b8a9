/* web.h — libpvi-internal: what the files of the web layer share (office.c:
 * serving an office; gate.c: the checks before handlers and the request
 * context; cookies.c; tokens.c: CSRF tokens and flash signatures; routes.c:
 * the routes every office shares; pages.c: login, logout, account,
 * language, static files, error pages; view*.c: building views). */
#ifndef PVI_WEB_INTERNAL_H
#define PVI_WEB_INTERNAL_H

#include "pvi/pvi_render.h"
#include "pvi/pvi_view.h"
#include "pvi/pvi_web.h"

#include <libxml/tree.h>

/* The slot of pvi_http_set_slot() holding the web layer's context, and
 * the handler's. */
#define PVI_WEB__SLOT 0
#define PVI_WEB__HANDLER_SLOT 1

#define PVI_WEB__SECRET_CHARS 43 /* a pre-session secret: 32 random bytes, base64url */

/* An office being served. */
struct pvi_web__office {
    const struct pvi_office *office;
    struct pvi_service *svc;
    struct pvi_stylesheet *xsl; /* xsl/offices/office.xsl */
    char *css;                  /* xsl/offices/office.css */
    size_t css_len;
    char css_href[64]; /* /_static/office.<hash>.css */
    int secure;        /* PVI_OFFICE_SCHEME https: Secure, __Host- */
    const char *cookie_session, *cookie_pre, *cookie_flash, *cookie_lang;
    const char *headers[16]; /* the security headers (name, value, …, NULL) */
    int form_ttl_s;
};

/* The web layer's state of one request. */
struct pvi_web__ctx {
    struct pvi_web__office *w;
    enum pvi_lang lang;
    struct pvi_principal *principal;     /* NULL: anonymous */
    struct pvi_actor actor;              /* borrows the principal's strings */
    char *session_token;                 /* the session cookie as sent (checked or not) */
    char pre[PVI_WEB__SECRET_CHARS + 1]; /* the pre-session secret ("" until made) */
    int pre_is_new;                      /* sent to the browser with this response */
    enum pvi_msg flash_msg;              /* the flash cookie's message, to show */
    char flash_kind[16];
    int session_expired; /* a session cookie was sent but is no longer valid */
    char *csrf;          /* the token made for this request's forms */
    void *state;         /* the handler's */
    void (*state_cleanup)(void *);
};

/* The request's context (never NULL inside an office). */
struct pvi_web__ctx *pvi_web__ctx(const struct pvi_http_request *req);

/* ---- cookies (cookies.c) ---- */

/* The value of cookie name in the request, copied into out (cap bytes);
 * NULL when absent or longer than cap − 1. */
const char *pvi_web__cookie(char *out, size_t cap, const struct pvi_http_request *req,
                            const char *name);
/* Adds a Set-Cookie header: value with the office's attributes (HttpOnly,
 * SameSite=Lax, Path=/, Secure when https) and Max-Age max_age_s (0: a
 * session cookie; -1: remove it). */
void pvi_web__set_cookie(struct pvi_http_request *req, const char *name, const char *value,
                         long long max_age_s);

/* ---- tokens (tokens.c) ---- */

/* A CSRF token keyed by secret, made at now_s, into out. */
#define PVI_WEB__CSRF_SIZE 64
void pvi_web__csrf_make(char out[static PVI_WEB__CSRF_SIZE], const char *secret, const char *office,
                        long long now_s);
/* PVI_OK when token was made with secret for office within ttl_s of now_s;
 * PVI_CSRF otherwise (also when token or secret is NULL or malformed). */
enum pvi_code pvi_web__csrf_check(const char *token, const char *secret, const char *office,
                                  long long now_s, int ttl_s);
/* The signed flash cookie value for kind and msg, into out. */
#define PVI_WEB__FLASH_SIZE 128
void pvi_web__flash_make(char out[static PVI_WEB__FLASH_SIZE], const char *secret, const char *kind,
                         enum pvi_msg msg);
/* The message and kind of a flash cookie value when its signature holds:
 * 0, else -1. */
int pvi_web__flash_read(enum pvi_msg *msg_out, char kind_out[static 16], const char *value,
                        const char *secret);

/* ---- the gate (gate.c) ---- */

enum pvi_code pvi_web__enter(struct pvi_http_request *req, const struct pvi_http_route *route);
enum pvi_code pvi_web__admit(struct pvi_http_request *req, const struct pvi_http_route *route);
void pvi_web__refuse(struct pvi_http_request *req, enum pvi_code code, const char *field);
/* The role of the people who log in to a realm's office. */
enum pvi_role pvi_web__realm_role(enum pvi_office_realm realm);
/* The secret keying anonymous forms and the flash (made on first use). */
const char *pvi_web__pre_secret(struct pvi_http_request *req);

/* ---- views (view.c) ---- */

/* The libxml2 node behind a view node, and back. */
static inline xmlNodePtr
pvi_web__node(struct pvi_vnode *n)
{
    return (xmlNodePtr)(void *)n;
}
static inline struct pvi_vnode *
pvi_web__vnode(xmlNodePtr n)
{
    return (struct pvi_vnode *)(void *)n;
}
/* The view's request. */
struct pvi_http_request *pvi_web__view_request(const struct pvi_view *v);

/* ---- the pages every office shares (routes.c, pages.c) ---- */

/* The office's routes followed by the shared ones of its realm; *n_out
 * entries, owned by the caller (free()). */
struct pvi_http_route *pvi_web__routes(size_t *n_out, const struct pvi_office *office);

void pvi_web__login_page(struct pvi_http_request *req);   /* GET /login */
void pvi_web__login(struct pvi_http_request *req);        /* POST /login */
void pvi_web__logout(struct pvi_http_request *req);       /* POST /logout */
void pvi_web__account_page(struct pvi_http_request *req); /* GET /compte */
void pvi_web__language(struct pvi_http_request *req);     /* POST /langue */
void pvi_web__static(struct pvi_http_request *req);       /* GET /_static/… */

/* The catalog message naming role ("Administrateur"…). */
enum pvi_msg pvi_web__role_msg(enum pvi_role r);

#endif
