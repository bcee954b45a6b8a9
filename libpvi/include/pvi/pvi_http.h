/* pvi_http.h — the shared web layer of every service, over libmicrohttpd.
 *
 * A service declares a static table of routes and a list of readiness
 * checks, then calls pvi_http_run(), which serves until SIGTERM/SIGINT and
 * shuts down gracefully. Every server answers GET /healthz (alive),
 * GET /readyz (each dependency checked; 503 naming the failing ones) and
 * GET /metrics (Prometheus: requests by route and status, latency histogram).
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

struct pvi_http_route {
    const char *method;   /* "GET" (also answers HEAD), "POST", … */
    const char *path;     /* exact path, or a prefix when it ends with '*' */
    pvi_http_handler handler;
    const char *name;     /* metrics label; defaults to path */
};

/* A dependency checked by /readyz: returns PVI_OK when reachable. */
struct pvi_http_check {
    const char *name; /* "postgresql", "redis", "ldap", … */
    enum pvi_code (*check)(void *ctx);
    void *ctx;
};

struct pvi_http_server {
    const char *service;        /* metrics and log label */
    const char *listen_addr;    /* IPv4 or IPv6 literal */
    int port;                   /* 0 picks a free port (logged) */
    int threads;
    int connection_limit;
    int per_ip_connection_limit; /* 0: none */
    int connection_timeout_s;
    size_t max_body_bytes;
    int shutdown_grace_s;
    const struct pvi_http_route *routes;
    size_t nroutes;
    const struct pvi_http_check *checks;
    size_t nchecks;
    pvi_http_handler not_found; /* NULL: plain 404 */
    void (*on_reload)(void *app); /* SIGHUP; may be NULL */
    void *app;                  /* handed to handlers via pvi_http_app() */
    const char *metrics_from;   /* comma-separated client addresses that may read
                                   /metrics (others get 404); NULL: anyone */
    void (*metrics)(void *app, struct pvi_buf *out); /* extra /metrics lines; may be NULL */
};

/* Serves until SIGTERM or SIGINT, then stops accepting, lets requests in
 * flight finish (at most shutdown_grace_s) and returns 0; returns -1 when the
 * server could not start (logged). Blocks SIGPIPE, SIGTERM, SIGINT and SIGHUP
 * in the calling thread (call it from main, before starting other threads). */
int pvi_http_run(const struct pvi_http_server *srv);

/* Request accessors. Strings belong to the request and live until it ends. */
const char *pvi_http_method(const struct pvi_http_request *req);
const char *pvi_http_path(const struct pvi_http_request *req);
/* Header value or NULL (name is case-insensitive). */
const char *pvi_http_header(const struct pvi_http_request *req, const char *name);
/* Query-string argument or NULL. */
const char *pvi_http_query(const struct pvi_http_request *req, const char *name);
/* Request body (NUL-terminated) and its length; "" when none. */
const char *pvi_http_body(const struct pvi_http_request *req, size_t *len_out);
/* Client address as text ("127.0.0.1"). */
const char *pvi_http_client_addr(const struct pvi_http_request *req);
void *pvi_http_app(const struct pvi_http_request *req);

/* Adds a response header (both strings copied). Call before replying. */
void pvi_http_add_header(struct pvi_http_request *req, const char *name, const char *value);
/* Answers with body; takes ownership of body (freed with free() after sending). */
void pvi_http_reply(struct pvi_http_request *req, int status, const char *content_type,
                    char *body, size_t len);
/* Answers with a copy of a NUL-terminated string. */
void pvi_http_reply_text(struct pvi_http_request *req, int status, const char *content_type,
                         const char *text);
/* JSON error body {"error":{"code","message","field"}} built from the registry;
 * field may be NULL; message NULL means the registry's message. */
void pvi_http_reply_error(struct pvi_http_request *req, enum pvi_code code, const char *field,
                          const char *message);

#endif
