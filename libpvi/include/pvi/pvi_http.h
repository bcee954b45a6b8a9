/* pvi_http.h — the HTTP server of every service, over libmicrohttpd: the
 * route table, what is checked before any handler runs, the request's
 * inputs and the replies.
 *
 * A service declares one static table of routes (PVI_ROUTES() passes it
 * with its length, so the two cannot disagree) and calls pvi_http_run(),
 * which serves until SIGTERM/SIGINT and shuts down gracefully. Every server
 * also answers GET /healthz (alive), GET /readyz (each dependency checked;
 * 503 naming the failing ones) and GET /metrics (Prometheus: requests by
 * route and status, latency histogram; only for the listed addresses).
 *
 * Before a handler runs, in this order (a refusal answers at once, through
 * the server's error page):
 *   1. the edge: more than one Host header → 400 (RFC 9112 §3.2); a client
 *      that has not sent its whole request head within header_timeout_s of
 *      connecting (or of the end of its previous request) is disconnected;
 *      at most per_ip_connection_limit connections per address;
 *   2. the path: no route's pattern matches → 404; a route matches the path
 *      but not the method → 405 with Allow;
 *   3. the gate (the web layer, pvi_web.h): authentication, roles, CSRF
 *      (redirect to the login page, 403);
 *   4. the body, counted while it arrives: over the route's (or server's)
 *      limit, a field over its own limit → 413;
 *   5. the inputs: every query argument and body field must be declared by
 *      the route (pvi_http_field) and pass its type, length and validator;
 *      an undeclared, repeated, malformed or missing one → 400 naming it.
 * A handler therefore only ever sees declared, checked input.
 *
 * Handlers run on MHD's pool threads and must be thread-safe. A handler
 * answers exactly once with one of the pvi_http_reply*() functions; if it
 * returns without answering, the request gets a 500. */
#ifndef PVI_HTTP_H
#define PVI_HTTP_H

#include "pvi/pvi_error.h"
#include "pvi/pvi_mem.h"

#include <stddef.h>

struct pvi_http_request;

typedef void (*pvi_http_handler)(struct pvi_http_request *req);

/* ---- declared inputs ---- */

enum pvi_http_field_type {
    PVI_FIELD_TEXT,  /* UTF-8 text without NUL (single or multi-line) */
    PVI_FIELD_INT,   /* a decimal integer in [min, max] */
    PVI_FIELD_ENUM,  /* one of choices */
    PVI_FIELD_BOOL,  /* "1" (checkbox checked) or absent */
    PVI_FIELD_FILE,  /* a multipart file part: stored in a temporary file */
    PVI_FIELD_TOKEN, /* printable ASCII without blanks (tokens, cursors) */
};

enum {
    PVI_FIELD_REQUIRED = 1 << 0, /* must be present (it may be empty: a form's empty input) */
    PVI_FIELD_MULTI = 1 << 1,    /* may be given several times (checkbox groups) */
};

/* One input a route accepts: a query argument of a GET route, or a body
 * field of a POST route. name may hold '*' for a number 0–99 ("phones.*.
 * number" accepts "phones.0.number" … "phones.99.number"). The CSRF field of
 * unsafe methods ("csrf") is declared by the layer itself. */
struct pvi_http_field {
    const char *name;
    enum pvi_http_field_type type;
    unsigned flags;
    size_t max_bytes;           /* text and tokens (default 4096), files (default 5 MB) */
    long long min, max;         /* PVI_FIELD_INT */
    const char *const *choices; /* PVI_FIELD_ENUM: NULL-terminated */
    /* an extra check of a present value; nonzero refuses it (400). May be NULL. */
    int (*check)(const char *value);
};

/* ---- routes ---- */

enum pvi_http_auth {
    PVI_AUTH_NONE,    /* anyone (the gate still checks CSRF on unsafe methods) */
    PVI_AUTH_SESSION, /* an office session with one of the roles */
    PVI_AUTH_APIKEY,  /* an API key (Authorization: Bearer) with the scopes */
};

/* Bit of a role (enum pvi_role) in pvi_http_route.roles. */
#define PVI_ROLE_BIT(role) (1u << (role))

enum {
    PVI_ROUTE_ANY_QUERY = 1 << 0, /* the query string is ignored (public pages: ?utm_…) */
    PVI_ROUTE_RAW_BODY = 1 << 1,  /* the body is kept as sent (JSON), not parsed as fields */
};

struct pvi_http_route {
    const char *method;       /* "GET" (also answers HEAD), "POST", … */
    const char *path;         /* "/sites/{id:int}", "/login"; a last segment "*" matches the
                               * rest. Parameters: {name} (a segment), {name:int} (1 to
                               * 2^63−1, no leading zero), {name:slug} ([a-z0-9-], 1–63) */
    pvi_http_handler handler;
    const char *name;         /* metrics label; defaults to path */
    enum pvi_http_auth auth;
    unsigned roles;           /* PVI_AUTH_SESSION: PVI_ROLE_BIT()s allowed; 0: any role */
    unsigned scopes;          /* PVI_AUTH_APIKEY: every scope needed (enum pvi_scope bits) */
    const struct pvi_http_field *fields; /* declared inputs (PVI_FIELDS) */
    size_t nfields;
    unsigned flags;           /* PVI_ROUTE_* */
    size_t max_body_bytes;    /* 0: the server's limit */
};

/* Passes a static array of routes with its length (a pointer does not
 * compile). */
#define PVI_ROUTES(table) (table), PVI_COUNT_OF(table)
/* In a route: its declared inputs, from a static array. */
#define PVI_FIELDS(array) .fields = (array), .nfields = PVI_COUNT_OF(array)

/* Whether a route's method changes something (POST, PUT, PATCH, DELETE):
 * those need a CSRF token unless authenticated by API key. Derived, never
 * declared, so that no route can forget it. */
int pvi_http_route_unsafe(const struct pvi_http_route *route);

/* ---- the server ---- */

/* A dependency checked by /readyz: returns PVI_OK when reachable. */
struct pvi_http_check {
    const char *name; /* "postgresql", "redis", "ldap", … */
    enum pvi_code (*check)(void *ctx);
    void *ctx;
};

/* What the web layer does for a request before its handler and for every
 * refusal (pvi_web.h installs it for the offices). */
struct pvi_http_gate {
    /* Called once the route is known, before the body: returns PVI_OK to go
     * on, or answers (redirect, error page) and returns the code. */
    enum pvi_code (*enter)(struct pvi_http_request *req, const struct pvi_http_route *route);
    /* Called once the body is read and the fields checked, before the
     * handler (CSRF of unsafe methods): PVI_OK or answered. May be NULL. */
    enum pvi_code (*admit)(struct pvi_http_request *req, const struct pvi_http_route *route);
    /* Answers a refusal of the layer (404, 405, 400 naming field, 413, …). */
    void (*refuse)(struct pvi_http_request *req, enum pvi_code code, const char *field);
    void *ctx; /* pvi_http_gate_ctx() */
};

struct pvi_http_server {
    const char *service;         /* metrics and log label */
    const char *listen_addr;     /* IPv4 or IPv6 literal */
    int port;                    /* 0 picks a free port (logged) */
    int threads;
    int connection_limit;
    int per_ip_connection_limit; /* 0: none */
    int connection_timeout_s;    /* idle connections */
    int header_timeout_s;        /* the whole request head must arrive within this; 0: none */
    size_t max_body_bytes;
    int shutdown_grace_s;
    const struct pvi_http_route *routes;
    size_t nroutes;
    const struct pvi_http_check *checks;
    size_t nchecks;
    const struct pvi_http_gate *gate; /* NULL: no route may need authentication */
    /* headers added to every response that did not set them (NULL-terminated
     * name, value pairs; may be NULL) */
    const char *const *headers;
    void (*on_reload)(void *app); /* SIGHUP; may be NULL */
    void *app;                    /* handed to handlers via pvi_http_app() */
    const char *metrics_from;     /* comma-separated client addresses that may read
                                     /metrics (others get 404); NULL: anyone */
    void (*metrics)(void *app, struct pvi_buf *out); /* extra /metrics lines; may be NULL */
};

/* Serves until SIGTERM or SIGINT, then stops accepting, lets requests in
 * flight finish (at most shutdown_grace_s) and returns 0; returns -1 when the
 * server could not start (logged: a route table that cannot be served, an
 * address that cannot be bound). Blocks SIGPIPE, SIGTERM, SIGINT and SIGHUP
 * in the calling thread (call it from main, before starting other threads). */
int pvi_http_run(const struct pvi_http_server *srv);

/* ---- the request ---- */

/* Strings belong to the request and live until it ends. */
const char *pvi_http_method(const struct pvi_http_request *req);
/* The path, without the query string. */
const char *pvi_http_path(const struct pvi_http_request *req);
/* The path with its query string as received ("/sites?q=x"). */
const char *pvi_http_target(const struct pvi_http_request *req);
/* Header value or NULL (name is case-insensitive). */
const char *pvi_http_header(const struct pvi_http_request *req, const char *name);
/* The route being served (NULL for the built-in endpoints and refusals). */
const struct pvi_http_route *pvi_http_route(const struct pvi_http_request *req);
/* A path parameter of the route ("{id:int}" → "12"), or NULL. */
const char *pvi_http_param(const struct pvi_http_request *req, const char *name);
/* The same as a number (0 when absent: {name:int} parameters are ≥ 1). */
long long pvi_http_param_int(const struct pvi_http_request *req, const char *name);
/* A declared field's value (the first when it repeats), or NULL when absent. */
const char *pvi_http_field(const struct pvi_http_request *req, const char *name);
/* Number of values of a field, and value i. */
size_t pvi_http_field_count(const struct pvi_http_request *req, const char *name);
const char *pvi_http_field_at(const struct pvi_http_request *req, const char *name, size_t i);
/* A PVI_FIELD_INT field (dflt when absent). */
long long pvi_http_field_int(const struct pvi_http_request *req, const char *name, long long dflt);
/* A file field: its temporary file (removed when the request ends), the
 * name and type the browser gave, its size. NULL when absent. */
struct pvi_http_upload {
    const char *path;
    const char *filename;
    const char *content_type;
    size_t size;
};
const struct pvi_http_upload *pvi_http_file(const struct pvi_http_request *req, const char *name);
/* A PVI_ROUTE_RAW_BODY route's body (NUL-terminated), its length in
 * *len_out; "" when none. */
const char *pvi_http_body(size_t *len_out, const struct pvi_http_request *req);
/* Client address as text ("127.0.0.1"). */
const char *pvi_http_client_addr(const struct pvi_http_request *req);
void *pvi_http_app(const struct pvi_http_request *req);
/* The gate's context (pvi_http_gate.ctx). */
void *pvi_http_gate_ctx(const struct pvi_http_request *req);

/* Per-request state of the layers above (the web layer's context, a
 * handler's state): ptr is freed with cleanup(ptr) when the request ends,
 * whatever happened. One slot per owner: slot 0 is the web layer's, slot 1
 * the handler's. */
#define PVI_HTTP_SLOTS 2
void pvi_http_set_slot(struct pvi_http_request *req, int slot, void *ptr, void (*cleanup)(void *));
void *pvi_http_slot(const struct pvi_http_request *req, int slot);

/* ---- replies ---- */

/* Adds a response header (both strings copied). Call before replying. */
void pvi_http_add_header(struct pvi_http_request *req, const char *name, const char *value);
/* Whether the request has answered already. */
int pvi_http_replied(const struct pvi_http_request *req);
/* Answers with body; takes ownership of body (freed with free() after sending). */
void pvi_http_reply(struct pvi_http_request *req, int status, const char *content_type,
                    char *body, size_t len);
/* Answers with a copy of a NUL-terminated string. */
void pvi_http_reply_text(struct pvi_http_request *req, int status, const char *content_type,
                         const char *text);
/* 303 See Other to location (a path of this site: post/redirect/get). */
void pvi_http_redirect(struct pvi_http_request *req, const char *location);
/* The refusal of code through the gate's error page, or the JSON body
 * {"error":{"code","message","field"}} (French) when there is no gate.
 * field may be NULL. */
void pvi_http_refuse(struct pvi_http_request *req, enum pvi_code code, const char *field);
/* A JSON error body {"error":{"code","message","field"}} in lang. */
void pvi_http_reply_error(struct pvi_http_request *req, enum pvi_code code, const char *field,
                          enum pvi_lang lang);

#endif
