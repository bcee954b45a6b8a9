/* http.h — libpvi-internal: what the files of the HTTP server share
 * (server.c: the daemon, the edge and shutdown; request.c: accessors and
 * replies; router.c: routes and path parameters; fields.c: declared inputs
 * and bodies; builtin.c: /healthz, /readyz, /metrics). */
#ifndef PVI_HTTP_INTERNAL_H
#define PVI_HTTP_INTERNAL_H

#include "pvi/pvi_http.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>

/* ---- metrics (builtin.c) ---- */

#define PVI_HTTP_NSTATUS 600
#define PVI_HTTP_NBUCKETS 12

struct pvi_http__route_metrics {
    atomic_ulong by_status[PVI_HTTP_NSTATUS];
    atomic_ulong bucket[PVI_HTTP_NBUCKETS];
    atomic_ulong count;
    atomic_ullong sum_ns;
};

/* Built-in endpoints and the label of everything that matched no route. */
enum pvi_http__builtin {
    PVI_HTTP_HEALTHZ,
    PVI_HTTP_READYZ,
    PVI_HTTP_METRICS,
    PVI_HTTP_OTHER,
    PVI_HTTP_NBUILTIN
};

/* ---- the server (server.c) ---- */

/* One open connection, for the request-head deadline (server.c). */
struct pvi_http__conn {
    struct pvi_http__conn *prev, *next;
    int fd;
    atomic_int in_head;    /* waiting for (the rest of) a request head */
    atomic_llong since_ms; /* monotonic ms: connection start, or end of the last request */
};

struct pvi_http__server {
    const struct pvi_http_server *cfg;
    struct MHD_Daemon *daemon;
    struct pvi_http__route_metrics *metrics; /* cfg->nroutes + PVI_HTTP_NBUILTIN */
    atomic_int in_flight;
    atomic_int draining; /* shutting down: new connections are closed at once */
    time_t started;
    /* the request-head deadline */
    pthread_mutex_t conns_mu;
    struct pvi_http__conn *conns;
    pthread_t sweeper;
    int sweeper_started;
    pthread_mutex_t stop_mu;
    pthread_cond_t stop_cv;
    int stopping;
    atomic_ulong head_timeouts;
};

/* Monotonic milliseconds. */
long long pvi_http__now_ms(void);

/* ---- a request ---- */

struct pvi_http__header {
    char *name;
    char *value;
};

/* One value of a declared input (a query argument or a body field). */
struct pvi_http__value {
    char *name;
    struct pvi_buf value;              /* text (NUL-terminated) */
    const struct pvi_http_field *spec; /* its declaration */
    int fd;                            /* PVI_FIELD_FILE: the temporary file, else -1 */
    struct pvi_http_upload upload;     /* PVI_FIELD_FILE */
    char *path, *filename, *content_type;
};

#define PVI_HTTP_MAX_PARAMS 8

struct pvi_http_request {
    struct pvi_http__server *srv;
    struct MHD_Connection *conn;
    struct pvi_http__conn *tracked; /* the connection's deadline entry, or NULL */
    const char *method;
    char *path;   /* decoded, without the query string */
    char *target; /* as received: path and query */
    struct timespec start;
    size_t metrics_index;
    const struct pvi_http_route *route;
    /* path parameters: names point into the route's pattern */
    size_t nparams;
    struct {
        const char *name;
        size_t name_len;
        char *value;
    } params[PVI_HTTP_MAX_PARAMS];
    /* inputs */
    struct pvi_http__value *values;
    size_t nvalues, values_cap;
    struct MHD_PostProcessor *pp;
    struct pvi_buf raw; /* PVI_ROUTE_RAW_BODY */
    size_t body_bytes;  /* counted as it arrives */
    size_t body_limit;
    enum pvi_code refusal; /* set while reading: PVI_PAYLOAD_TOO_LARGE, PVI_BAD_REQUEST */
    char *refused_field;   /* the field named by the refusal */
    char *undeclared;      /* the first body field no declaration accepts */
    /* reply */
    struct pvi_http__header *headers;
    size_t nheaders;
    int replied;
    int first_call;                /* replies during the first call wait for the next one */
    struct MHD_Response *deferred; /* with its status */
    unsigned deferred_status;
    /* the layers above */
    void *slot[PVI_HTTP_SLOTS];
    void (*slot_cleanup[PVI_HTTP_SLOTS])(void *);
    /* client address, worked out on first use */
    char addr[INET6_ADDRSTRLEN];
    int addr_known;
};

/* Records one answered request for /metrics. */
void pvi_http__observe(struct pvi_http__server *s, size_t idx, int status, double seconds);
/* Seconds since t0 (monotonic). */
double pvi_http__elapsed_s(const struct timespec *t0);
/* The built-in endpoint that answers this GET path (healthz, readyz,
 * metrics for a listed address), or NULL; *index_out gets its metrics
 * index. */
pvi_http_handler pvi_http__builtin(size_t *index_out, struct pvi_http_request *req);

/* ---- routes (router.c) ---- */

/* Checks the table at start: patterns well-formed, parameters declared
 * once, fields named once, authentication only with a gate. 0, or -1
 * (logged). */
int pvi_http__routes_check(const struct pvi_http_server *cfg);
/* The route for the request's method and path, with its parameters stored
 * in req. NULL when none: *code_out is PVI_NOT_FOUND, or
 * PVI_METHOD_NOT_ALLOWED with the allowed methods written into allow
 * ("GET, HEAD, POST"). */
const struct pvi_http_route *pvi_http__route_find(enum pvi_code *code_out, char *allow,
                                                  size_t allow_cap, struct pvi_http_request *req);

/* ---- inputs (fields.c) ---- */

/* First call: the query arguments of the route (GET) are collected and
 * checked, and the body reader prepared. PVI_OK, or the refusal (with
 * req->refused_field). */
enum pvi_code pvi_http__inputs_begin(struct pvi_http_request *req);
/* A chunk of the body. Counts it against the limits; PVI_OK or the refusal. */
enum pvi_code pvi_http__inputs_feed(struct pvi_http_request *req, const char *data, size_t size);
/* The body is complete: PVI_OK, or the refusal met while reading it (413,
 * a malformed body). */
enum pvi_code pvi_http__inputs_end(struct pvi_http_request *req);
/* Every field checked against its declaration (after the gate's CSRF
 * check): PVI_OK or the refusal (400, with req->refused_field). */
enum pvi_code pvi_http__inputs_check(struct pvi_http_request *req);
/* Frees the values (and removes the temporary files). */
void pvi_http__inputs_free(struct pvi_http_request *req);

#endif
