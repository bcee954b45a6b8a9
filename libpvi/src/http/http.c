/* http.c — the web layer: libmicrohttpd daemon, routing, built-in health,
 * readiness and metrics endpoints, graceful shutdown on SIGTERM. */
#include "pvi/pvi_http.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"

#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Latency histogram bounds, in seconds. */
static const double buckets[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                 0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
#define NBUCKETS (PVI_COUNT_OF(buckets))
#define NSTATUS 600

struct route_metrics {
    atomic_ulong by_status[NSTATUS];
    atomic_ulong bucket[NBUCKETS];
    atomic_ulong count;
    atomic_ullong sum_ns;
};

enum builtin { B_HEALTHZ, B_READYZ, B_METRICS, B_OTHER, NBUILTIN };
static const char *const builtin_names[NBUILTIN] = {"healthz", "readyz", "metrics", "other"};

struct server {
    const struct pvi_http_server *cfg;
    struct MHD_Daemon *daemon;
    struct route_metrics *metrics; /* cfg->nroutes + NBUILTIN */
    atomic_int in_flight;
    time_t started;
};

struct header {
    char *name;
    char *value;
};

struct pvi_http_request {
    struct server *srv;
    struct MHD_Connection *conn;
    const char *method;
    char *path;
    struct pvi_buf body;
    int too_large;
    struct timespec start;
    size_t metrics_index;
    struct header *headers;
    size_t nheaders;
    int replied;
    char addr[INET6_ADDRSTRLEN]; /* filled on first use (client_addr) */
    int addr_known;
};

static double
elapsed_s(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void
observe(struct server *s, size_t idx, int status, double seconds)
{
    struct route_metrics *m = &s->metrics[idx];
    if (status >= 0 && status < NSTATUS)
        atomic_fetch_add_explicit(&m->by_status[status], 1, memory_order_relaxed);
    for (size_t b = 0; b < NBUCKETS; b++)
        if (seconds <= buckets[b])
            atomic_fetch_add_explicit(&m->bucket[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&m->count, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&m->sum_ns, (unsigned long long)(seconds * 1e9),
                              memory_order_relaxed);
}

/* ---- request accessors ---- */

const char *
pvi_http_method(const struct pvi_http_request *req)
{
    return req->method;
}

const char *
pvi_http_path(const struct pvi_http_request *req)
{
    return req->path;
}

const char *
pvi_http_header(const struct pvi_http_request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *
pvi_http_query(const struct pvi_http_request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *
pvi_http_body(const struct pvi_http_request *req, size_t *len_out)
{
    if (len_out)
        *len_out = req->body.len;
    return req->body.data ? req->body.data : "";
}

static const char *client_addr(struct pvi_http_request *req);

const char *
pvi_http_client_addr(const struct pvi_http_request *req)
{
    /* the request is the caller's; only the address cache changes */
    return client_addr((struct pvi_http_request *)(uintptr_t)req);
}

void *
pvi_http_app(const struct pvi_http_request *req)
{
    return req->srv->cfg->app;
}

void
pvi_http_add_header(struct pvi_http_request *req, const char *name, const char *value)
{
    req->headers = pvi_realloc(req->headers, (req->nheaders + 1) * sizeof *req->headers);
    req->headers[req->nheaders].name = pvi_strdup(name);
    req->headers[req->nheaders].value = pvi_strdup(value);
    req->nheaders++;
}

void
pvi_http_reply(struct pvi_http_request *req, int status, const char *content_type, char *body,
               size_t len)
{
    if (req->replied) {
        pvi_error("handler for %s replied twice", req->path);
        free(body);
        return;
    }
    req->replied = 1;
    struct MHD_Response *resp = MHD_create_response_from_buffer_with_free_callback(len, body, free);
    if (resp == NULL) {
        pvi_error("could not create the response for %s", req->path);
        free(body);
        return;
    }
    if (content_type)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
    for (size_t i = 0; i < req->nheaders; i++)
        MHD_add_response_header(resp, req->headers[i].name, req->headers[i].value);
    if (MHD_queue_response(req->conn, (unsigned)status, resp) != MHD_YES)
        pvi_warn("could not queue response for %s", req->path);
    MHD_destroy_response(resp);
    observe(req->srv, req->metrics_index, status, elapsed_s(&req->start));
}

void
pvi_http_reply_text(struct pvi_http_request *req, int status, const char *content_type,
                    const char *text)
{
    size_t len = strlen(text);
    pvi_http_reply(req, status, content_type, pvi_strndup(text, len), len);
}

void
pvi_http_reply_error(struct pvi_http_request *req, enum pvi_code code, const char *field,
                     const char *message)
{
    char *text = message ? NULL : pvi_msg_format(PVI_LANG_FR, pvi_code_msg(code), NULL, 0);
    json_t *err =
        json_pack("{s:s, s:s}", "code", pvi_code_name(code), "message", message ? message : text);
    free(text);
    if (field)
        json_object_set_new(err, "field", json_string(field));
    json_t *root = json_pack("{s:o}", "error", err);
    char *s = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    size_t len = strlen(s);
    char *body = pvi_strndup(s, len); /* free()-able copy for MHD */
    free(s);
    pvi_http_reply(req, pvi_code_http(code), "application/json; charset=utf-8", body, len);
}

/* ---- built-in endpoints ---- */

static void
healthz(struct pvi_http_request *req)
{
    pvi_http_add_header(req, "Cache-Control", "no-store");
    pvi_http_reply_text(req, 200, "text/plain; charset=utf-8", "ok\n");
}

static void
readyz(struct pvi_http_request *req)
{
    const struct pvi_http_server *cfg = req->srv->cfg;
    json_t *checks = json_object();
    json_t *failing = json_array();
    for (size_t i = 0; i < cfg->nchecks; i++) {
        enum pvi_code rc = cfg->checks[i].check(cfg->checks[i].ctx);
        json_object_set_new(checks, cfg->checks[i].name,
                            json_string(rc == PVI_OK ? "ok" : pvi_code_name(rc)));
        if (rc != PVI_OK)
            json_array_append_new(failing, json_string(cfg->checks[i].name));
    }
    int ok = json_array_size(failing) == 0;
    json_t *root = json_pack("{s:s, s:s, s:o, s:o}", "service", cfg->service, "status",
                             ok ? "ready" : "unavailable", "checks", checks, "failing", failing);
    char *s = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    pvi_http_add_header(req, "Cache-Control", "no-store");
    pvi_http_reply_text(req, ok ? 200 : 503, "application/json", s);
    free(s);
}

static void
metrics(struct pvi_http_request *req)
{
    struct server *s = req->srv;
    const struct pvi_http_server *cfg = s->cfg;
    struct pvi_buf b = {0};
    size_t n = cfg->nroutes + NBUILTIN;

    pvi_buf_printf(&b,
                   "# HELP pvi_up Whether the service is running.\n# TYPE pvi_up gauge\n"
                   "pvi_up{service=\"%s\"} 1\n",
                   cfg->service);
    pvi_buf_printf(&b,
                   "# HELP pvi_process_start_time_seconds Start time of the process.\n"
                   "# TYPE pvi_process_start_time_seconds gauge\n"
                   "pvi_process_start_time_seconds{service=\"%s\"} %lld\n",
                   cfg->service, (long long)s->started);
    pvi_buf_printf(&b,
                   "# HELP pvi_http_requests_in_flight Requests being handled.\n"
                   "# TYPE pvi_http_requests_in_flight gauge\n"
                   "pvi_http_requests_in_flight{service=\"%s\"} %d\n",
                   cfg->service, atomic_load(&s->in_flight));
    pvi_buf_puts(&b, "# HELP pvi_http_requests_total HTTP requests by route and status.\n"
                     "# TYPE pvi_http_requests_total counter\n");
    for (size_t i = 0; i < n; i++) {
        const char *name = i < cfg->nroutes
                               ? (cfg->routes[i].name ? cfg->routes[i].name : cfg->routes[i].path)
                               : builtin_names[i - cfg->nroutes];
        for (int st = 0; st < NSTATUS; st++) {
            unsigned long v =
                atomic_load_explicit(&s->metrics[i].by_status[st], memory_order_relaxed);
            if (v)
                pvi_buf_printf(&b,
                               "pvi_http_requests_total{service=\"%s\",route=\"%s\","
                               "status=\"%d\"} %lu\n",
                               cfg->service, name, st, v);
        }
    }
    pvi_buf_puts(&b, "# HELP pvi_http_request_duration_seconds Time to answer, by route.\n"
                     "# TYPE pvi_http_request_duration_seconds histogram\n");
    for (size_t i = 0; i < n; i++) {
        const char *name = i < cfg->nroutes
                               ? (cfg->routes[i].name ? cfg->routes[i].name : cfg->routes[i].path)
                               : builtin_names[i - cfg->nroutes];
        unsigned long count = atomic_load(&s->metrics[i].count);
        if (count == 0)
            continue;
        for (size_t k = 0; k < NBUCKETS; k++)
            pvi_buf_printf(&b,
                           "pvi_http_request_duration_seconds_bucket{service=\"%s\","
                           "route=\"%s\",le=\"%g\"} %lu\n",
                           cfg->service, name, buckets[k], atomic_load(&s->metrics[i].bucket[k]));
        pvi_buf_printf(&b,
                       "pvi_http_request_duration_seconds_bucket{service=\"%s\",route=\"%s\","
                       "le=\"+Inf\"} %lu\n",
                       cfg->service, name, count);
        pvi_buf_printf(&b,
                       "pvi_http_request_duration_seconds_sum{service=\"%s\",route=\"%s\"} %.6f\n",
                       cfg->service, name, (double)atomic_load(&s->metrics[i].sum_ns) / 1e9);
        pvi_buf_printf(&b,
                       "pvi_http_request_duration_seconds_count{service=\"%s\",route=\"%s\"} "
                       "%lu\n",
                       cfg->service, name, count);
    }
    if (cfg->metrics)
        cfg->metrics(cfg->app, &b);
    size_t len = b.len;
    pvi_http_add_header(req, "Cache-Control", "no-store");
    pvi_http_reply(req, 200, "text/plain; version=0.0.4; charset=utf-8", pvi_buf_steal(&b), len);
}

/* Is the client's address in the comma-separated list? */
static int
address_listed(const char *list, const char *addr)
{
    size_t n = strlen(addr);
    for (const char *p = list; p && *p;) {
        p += strspn(p, ", ");
        size_t len = strcspn(p, ", ");
        if (len == n && len > 0 && strncmp(p, addr, n) == 0)
            return 1;
        p += len;
    }
    return 0;
}

static void
plain_not_found(struct pvi_http_request *req)
{
    pvi_http_reply_error(req, PVI_NOT_FOUND, NULL, NULL);
}

/* ---- dispatch ---- */

static int
method_matches(const char *route_method, const char *method)
{
    if (strcmp(route_method, method) == 0)
        return 1;
    return strcmp(route_method, "GET") == 0 && strcmp(method, "HEAD") == 0;
}

static int
path_matches(const char *route_path, const char *path)
{
    size_t n = strlen(route_path);
    if (n > 0 && route_path[n - 1] == '*')
        return strncmp(route_path, path, n - 1) == 0;
    return strcmp(route_path, path) == 0;
}

static void
dispatch(struct pvi_http_request *req)
{
    struct server *s = req->srv;
    const struct pvi_http_server *cfg = s->cfg;
    int is_get = strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0;
    pvi_http_handler h = NULL;

    if (is_get && strcmp(req->path, "/healthz") == 0) {
        req->metrics_index = cfg->nroutes + B_HEALTHZ;
        h = healthz;
    } else if (is_get && strcmp(req->path, "/readyz") == 0) {
        req->metrics_index = cfg->nroutes + B_READYZ;
        h = readyz;
    } else if (is_get && strcmp(req->path, "/metrics") == 0 &&
               (cfg->metrics_from == NULL || address_listed(cfg->metrics_from, client_addr(req)))) {
        req->metrics_index = cfg->nroutes + B_METRICS;
        h = metrics;
    } else {
        int path_seen = 0;
        for (size_t i = 0; i < cfg->nroutes && h == NULL; i++) {
            if (!path_matches(cfg->routes[i].path, req->path))
                continue;
            path_seen = 1;
            if (method_matches(cfg->routes[i].method, req->method)) {
                req->metrics_index = i;
                h = cfg->routes[i].handler;
            }
        }
        if (h == NULL) {
            req->metrics_index = cfg->nroutes + B_OTHER;
            if (path_seen) {
                pvi_http_reply_error(req, PVI_METHOD_NOT_ALLOWED, NULL, NULL);
                return;
            }
            h = cfg->not_found ? cfg->not_found : plain_not_found;
        }
    }
    h(req);
    if (!req->replied) {
        pvi_error("handler for %s %s returned without answering", req->method, req->path);
        pvi_http_reply_error(req, PVI_INTERNAL, NULL, NULL);
    }
}

/* The client's address as text, worked out on first use (most requests
 * never ask). */
static const char *
client_addr(struct pvi_http_request *req)
{
    if (req->addr_known)
        return req->addr;
    req->addr_known = 1;
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    req->addr[0] = '\0';
    if (ci == NULL || ci->client_addr == NULL)
        return req->addr;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, req->addr,
                  sizeof req->addr);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, req->addr,
                  sizeof req->addr);
    return req->addr;
}

static enum MHD_Result
access_cb(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
          const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
    (void)version;
    struct server *s = cls;
    struct pvi_http_request *req = *con_cls;

    if (req == NULL) {
        /* First call: headers only. Answer on a later call, which keeps the
         * connection alive (queuing now would close it). */
        req = pvi_calloc(1, sizeof *req);
        req->srv = s;
        req->conn = conn;
        req->method = method;
        req->path = pvi_strdup(url);
        clock_gettime(CLOCK_MONOTONIC, &req->start);
        atomic_fetch_add(&s->in_flight, 1);
        const char *cl =
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > s->cfg->max_body_bytes)
            req->too_large = 1;
        *con_cls = req;
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        if (!req->too_large && req->body.len + *upload_data_size <= s->cfg->max_body_bytes)
            pvi_buf_append(&req->body, upload_data, *upload_data_size);
        else
            req->too_large = 1;
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (req->replied)
        return MHD_YES;
    if (req->too_large) {
        req->metrics_index = s->cfg->nroutes + B_OTHER;
        pvi_http_add_header(req, "Connection", "close");
        pvi_http_reply_error(req, PVI_PAYLOAD_TOO_LARGE, NULL, NULL);
        return MHD_YES;
    }
    dispatch(req);
    return MHD_YES;
}

static void
completed_cb(void *cls, struct MHD_Connection *conn, void **con_cls,
             enum MHD_RequestTerminationCode toe)
{
    (void)conn;
    (void)toe;
    struct server *s = cls;
    struct pvi_http_request *req = *con_cls;
    if (req == NULL)
        return;
    for (size_t i = 0; i < req->nheaders; i++) {
        free(req->headers[i].name);
        free(req->headers[i].value);
    }
    free(req->headers);
    free(req->path);
    pvi_buf_free(&req->body);
    free(req);
    *con_cls = NULL;
    atomic_fetch_sub(&s->in_flight, 1);
}

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    pvi_warn("microhttpd: %s", msg);
}

int
pvi_http_run(const struct pvi_http_server *cfg)
{
    struct server s = {.cfg = cfg};
    s.started = time(NULL);
    s.metrics = pvi_calloc(cfg->nroutes + NBUILTIN, sizeof *s.metrics);

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &set, NULL);

    struct sockaddr_storage ss = {0};
    socklen_t sslen;
    unsigned flags =
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    struct sockaddr_in *a4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, cfg->listen_addr, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)cfg->port);
        sslen = sizeof *a4;
    } else if (inet_pton(AF_INET6, cfg->listen_addr, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)cfg->port);
        sslen = sizeof *a6;
        flags |= MHD_USE_IPv6;
    } else {
        pvi_error("PVI_LISTEN_ADDR %s is not an IP address", cfg->listen_addr);
        free(s.metrics);
        return -1;
    }
    (void)sslen;

    s.daemon = MHD_start_daemon(
        flags, (uint16_t)cfg->port, NULL, NULL, access_cb, &s, MHD_OPTION_EXTERNAL_LOGGER, mhd_log,
        NULL, MHD_OPTION_SOCK_ADDR, &ss, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)cfg->connection_limit,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)cfg->per_ip_connection_limit,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->connection_timeout_s,
        MHD_OPTION_NOTIFY_COMPLETED, completed_cb, &s, MHD_OPTION_LISTENING_ADDRESS_REUSE, 1,
        /* 16 kB per connection (default 32): MHD zeroes it after each request */
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(16 * 1024), MHD_OPTION_END);
    if (s.daemon == NULL) {
        pvi_error("cannot listen on %s:%d", cfg->listen_addr, cfg->port);
        free(s.metrics);
        return -1;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s.daemon, MHD_DAEMON_INFO_BIND_PORT);
    pvi_info("listening on http://%s:%u/ with %d threads", cfg->listen_addr,
             di ? di->port : (unsigned)cfg->port, cfg->threads);

    for (;;) {
        int sig = 0;
        if (sigwait(&set, &sig) != 0)
            continue;
        if (sig == SIGHUP) {
            pvi_info("SIGHUP: reloading");
            if (cfg->on_reload)
                cfg->on_reload(cfg->app);
            continue;
        }
        if (sig == SIGTERM || sig == SIGINT)
            break;
    }

    pvi_info("shutting down: no new connections, waiting for %d requests in flight",
             atomic_load(&s.in_flight));
    MHD_quiesce_daemon(s.daemon);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (atomic_load(&s.in_flight) > 0 && elapsed_s(&t0) < cfg->shutdown_grace_s) {
        struct timespec nap = {0, 20 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
    MHD_stop_daemon(s.daemon);
    free(s.metrics);
    pvi_info("stopped");
    return 0;
}
