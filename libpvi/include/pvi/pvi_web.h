/* pvi_web.h — the web layer of the offices (backoffice, operator-fo,
 * client-fo), over the HTTP server (pvi_http.h): sessions in cookies, the
 * gate that runs before every handler (authentication, roles, CSRF), the
 * request's context (actor, language), flash messages across redirects,
 * the pages every office shares (login, logout, account, language, static
 * files, error pages) and the rendering of views (pvi_view.h).
 *
 * What every office response carries:
 *   Content-Security-Policy: default-src 'self'; frame-ancestors 'none';
 *     form-action 'self'   (no inline script or style anywhere)
 *   X-Content-Type-Options: nosniff, Referrer-Policy: same-origin,
 *   X-Frame-Options: DENY, Cache-Control: no-store (pages; the static
 *   files are immutable and cached for a year), and with PVI_OFFICE_SCHEME
 *   https: Strict-Transport-Security.
 *
 * Cookies (HttpOnly, SameSite=Lax, Path=/; with PVI_OFFICE_SCHEME https:
 * Secure and the __Host- prefix; plain http is refused unless the office
 * listens on loopback):
 *   session  the session token (pvi_auth.h), until the absolute expiry; a
 *            new one at every login, the browser's previous session revoked;
 *   pre      a random secret of the browser, before and across sessions: it
 *            keys the CSRF tokens of anonymous forms (login) and the flash;
 *   flash    one message for the next page, signed, shown once;
 *   lang     the language the user chose (fr, en), a year.
 *
 * CSRF: every unsafe method (POST…) of a route that is not authenticated by
 * API key needs the field "csrf": "<time>.<MAC>" where the MAC (HMAC-SHA-256
 * via libsodium, truncated to 128 bits) is keyed by the session's CSRF
 * secret (or the pre-session secret when there is no session) over the
 * office and the time. It is refused (403) when missing, from another
 * session, or older than PVI_FORM_TTL_S; compared in constant time. */
#ifndef PVI_WEB_H
#define PVI_WEB_H

#include "pvi/pvi_actor.h"
#include "pvi/pvi_auth.h"
#include "pvi/pvi_http.h"
#include "pvi/pvi_msg.h"
#include "pvi/pvi_service.h"

/* Who logs in to an office, and how (pvi_login_admin, _operator, _client). */
enum pvi_office_realm {
    PVI_REALM_ADMINS,    /* e-mail + password */
    PVI_REALM_OPERATORS, /* directory uid + password (LDAP) */
    PVI_REALM_CLIENTS,   /* customer number + password */
};

/* An entry of the office's navigation. */
struct pvi_office_link {
    const char *href;
    enum pvi_msg label;
};

/* What an office is. Everything is static and borrowed. */
struct pvi_office {
    const char *name;   /* "backoffice": page/@office, logs */
    enum pvi_msg title; /* the office's name in the header ("PVI · Back office") */
    enum pvi_office_realm realm;
    const struct pvi_office_link *nav; /* PVI_NAV(array); may be NULL */
    size_t nnav;
    /* The office's own routes (PVI_ROUTES). The web layer adds the pages
     * every office shares: GET and POST /login, POST /logout, GET /compte,
     * POST /langue, GET /_static/… */
    const struct pvi_http_route *routes;
    size_t nroutes;
};
#define PVI_NAV(array) .nav = (array), .nnav = PVI_COUNT_OF(array)

/* Loads the office stylesheet and CSS (PVI_XSL_DIR/offices/), applies the
 * session policy (PVI_SESSION_IDLE_S, PVI_SESSION_ABSOLUTE_S), and serves
 * the office's routes until SIGTERM. Returns the process exit status. */
int pvi_office_serve(struct pvi_service *svc, const struct pvi_office *office);

/* ---- the request's context (handlers of office routes) ---- */

/* The office of the request. */
const struct pvi_office *pvi_web_office(const struct pvi_http_request *req);
/* The service (its database, its directory). */
struct pvi_service *pvi_web_service(const struct pvi_http_request *req);
/* The logged-in actor, or NULL on an anonymous page. Valid until the
 * request ends. */
const struct pvi_actor *pvi_web_actor(const struct pvi_http_request *req);
/* The session behind it (expiry…), or NULL. */
const struct pvi_principal *pvi_web_principal(const struct pvi_http_request *req);
/* The language of the request: the user's choice (lang cookie), else the
 * browser's Accept-Language, else French. */
enum pvi_lang pvi_web_lang(const struct pvi_http_request *req);
/* A handler's own state, freed with cleanup when the request ends. */
void pvi_web_set_state(struct pvi_http_request *req, void *state, void (*cleanup)(void *));
void *pvi_web_state(const struct pvi_http_request *req);

/* A fresh CSRF token for a form of this request (43 characters at most,
 * valid PVI_FORM_TTL_S); owned by the request. */
const char *pvi_web_csrf_token(struct pvi_http_request *req);

/* A message for the next page the browser shows (after a redirect). kind:
 * "success", "info" or "error". */
void pvi_web_flash(struct pvi_http_request *req, const char *kind, enum pvi_msg msg);

/* Whether target is a path of this site that a redirect may go to (starts
 * with one '/', no scheme or host, no backslash or control character). */
int pvi_web_local_path(const char *target);

/* Appends name=value to a query string being built in b, percent-encoded
 * (RFC 3986 unreserved characters kept), preceded by '&' unless b is
 * empty; nothing when value is NULL or empty. */
struct pvi_buf;
void pvi_web_query_add(struct pvi_buf *b, const char *name, const char *value);

/* ---- replies ---- */

/* The error page of code (its status, its message; field names the input
 * refused, may be NULL), in the office's layout. */
void pvi_web_error_page(struct pvi_http_request *req, enum pvi_code code, const char *field);

/* ---- pages ---- */

/* A welcome page for the logged-in user: who they are, intro (a catalog
 * message about the office), and the navigation. */
void pvi_web_welcome_page(struct pvi_http_request *req, enum pvi_msg intro);

#endif
