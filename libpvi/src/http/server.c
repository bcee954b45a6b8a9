/* server.c — the libmicrohttpd daemon of every service: the edge (one Host
 * header, a deadline for request heads, connection limits), the order of
 * the checks before a handler runs (see pvi_http.h), and graceful shutdown
 * on SIGTERM.
 *
 * Replies made during MHD's first call (the head only) are queued on the
 * next call when the request has no body, which keeps the connection
 * alive; with a body they are queued at once, and MHD then closes the
 * connection instead of reading a body nobody wants. */
#include "http.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

/* A body refused while it arrives is read (and dropped) up to this many
 * times its limit, so that the client gets its 413; beyond, the connection
 * is cut. */
#define DRAIN_FACTOR 4

long long
pvi_http__now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* ---- the request-head deadline ---- */

static void
conn_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
            enum MHD_ConnectionNotificationCode code)
{
    struct pvi_http__server *s = cls;
    if (s->cfg->header_timeout_s <= 0)
        return;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        struct pvi_http__conn *c = pvi_calloc(1, sizeof *c);
        c->fd = ci ? ci->connect_fd : -1;
        atomic_store(&c->in_head, 1);
        atomic_store(&c->since_ms, pvi_http__now_ms());
        pthread_mutex_lock(&s->conns_mu);
        c->next = s->conns;
        if (s->conns)
            s->conns->prev = c;
        s->conns = c;
        pthread_mutex_unlock(&s->conns_mu);
        *socket_context = c;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED && *socket_context) {
        /* MHD closes the socket after this returns: holding the lock, the
         * sweeper never shuts down a descriptor that was reused */
        struct pvi_http__conn *c = *socket_context;
        pthread_mutex_lock(&s->conns_mu);
        if (c->prev)
            c->prev->next = c->next;
        else
            s->conns = c->next;
        if (c->next)
            c->next->prev = c->prev;
        pthread_mutex_unlock(&s->conns_mu);
        free(c);
        *socket_context = NULL;
    }
}

/* Closes (shutdown: MHD then sees the end of the stream and cleans up) the
 * connections whose request head is late. */
static void *
sweeper_main(void *arg)
{
    struct pvi_http__server *s = arg;
    long long limit_ms = (long long)s->cfg->header_timeout_s * 1000;
    long long period_ms = limit_ms / 4 < 1000 ? (limit_ms / 4 > 50 ? limit_ms / 4 : 50) : 1000;
    pthread_mutex_lock(&s->stop_mu);
    while (!s->stopping) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += (period_ms % 1000) * 1000000;
        until.tv_sec += period_ms / 1000 + until.tv_nsec / 1000000000;
        until.tv_nsec %= 1000000000;
        pthread_cond_timedwait(&s->stop_cv, &s->stop_mu, &until);
        if (s->stopping)
            break;
        long long now = pvi_http__now_ms();
        pthread_mutex_lock(&s->conns_mu);
        for (struct pvi_http__conn *c = s->conns; c; c = c->next)
            if (c->fd >= 0 && atomic_load(&c->in_head) &&
                now - atomic_load(&c->since_ms) > limit_ms) {
                shutdown(c->fd, SHUT_RDWR);
                atomic_store(&c->in_head, 0); /* once */
                atomic_fetch_add(&s->head_timeouts, 1);
            }
        pthread_mutex_unlock(&s->conns_mu);
    }
    pthread_mutex_unlock(&s->stop_mu);
    return NULL;
}

/* ---- requests ---- */

/* MHD's URI log callback: the request exists from its request line on,
 * with the target as received. */
static void *
request_new(void *cls, const char *uri, struct MHD_Connection *conn)
{
    struct pvi_http__server *s = cls;
    struct pvi_http_request *req = pvi_calloc(1, sizeof *req);
    req->srv = s;
    req->conn = conn;
    req->target = pvi_strdup(uri);
    clock_gettime(CLOCK_MONOTONIC, &req->start);
    atomic_fetch_add(&s->in_flight, 1);
    return req;
}

static enum MHD_Result
count_host(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    (void)value;
    if (strcasecmp(key, MHD_HTTP_HEADER_HOST) == 0)
        (*(int *)cls)++;
    return MHD_YES;
}

static int
has_body(struct MHD_Connection *conn)
{
    const char *cl =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    const char *te =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
    return (cl && strtoull(cl, NULL, 10) > 0) || te != NULL;
}

/* Everything that can be decided from the head: edge, route, gate, query. */
static void
begin(struct pvi_http_request *req)
{
    struct pvi_http__server *s = req->srv;
    const struct pvi_http_server *cfg = s->cfg;
    req->metrics_index = cfg->nroutes + PVI_HTTP_OTHER;
    int hosts = 0;
    MHD_get_connection_values(req->conn, MHD_HEADER_KIND, count_host, &hosts);
    if (hosts > 1) {
        pvi_http_add_header(req, "Connection", "close");
        pvi_http_refuse(req, PVI_BAD_REQUEST, "Host");
        return;
    }
    size_t idx;
    if (pvi_http__builtin(&idx, req) != NULL) {
        req->metrics_index = idx;
        return; /* answered on the last call */
    }
    enum pvi_code rc;
    char allow[64];
    req->route = pvi_http__route_find(&rc, allow, sizeof allow, req);
    if (req->route == NULL) {
        if (rc == PVI_METHOD_NOT_ALLOWED)
            pvi_http_add_header(req, "Allow", allow);
        pvi_http_refuse(req, rc, NULL);
        return;
    }
    if (cfg->gate && cfg->gate->enter && cfg->gate->enter(req, req->route) != PVI_OK) {
        if (!req->replied)
            pvi_http_refuse(req, PVI_INTERNAL, NULL);
        return;
    }
    if (pvi_http__inputs_begin(req) != PVI_OK) {
        if (req->refusal == PVI_PAYLOAD_TOO_LARGE)
            pvi_http_add_header(req, "Connection", "close");
        pvi_http_refuse(req, req->refusal, req->refused_field);
    }
}

/* The body is complete: fields, the gate's last word, the handler. */
static void
finish(struct pvi_http_request *req)
{
    const struct pvi_http_server *cfg = req->srv->cfg;
    size_t idx;
    pvi_http_handler builtin = req->route ? NULL : pvi_http__builtin(&idx, req);
    if (builtin) {
        builtin(req);
        return;
    }
    if (pvi_http__inputs_end(req) != PVI_OK) {
        if (req->refusal == PVI_PAYLOAD_TOO_LARGE)
            pvi_http_add_header(req, "Connection", "close");
        pvi_http_refuse(req, req->refusal, req->refused_field);
        return;
    }
    if (cfg->gate && cfg->gate->admit && cfg->gate->admit(req, req->route) != PVI_OK) {
        if (!req->replied)
            pvi_http_refuse(req, PVI_INTERNAL, NULL);
        return;
    }
    if (pvi_http__inputs_check(req) != PVI_OK) {
        pvi_http_refuse(req, req->refusal, req->refused_field);
        return;
    }
    req->route->handler(req);
    if (!req->replied) {
        pvi_error("handler for %s %s returned without answering", req->method, req->path);
        pvi_http_refuse(req, PVI_INTERNAL, NULL);
    }
}

static void
queue_deferred(struct pvi_http_request *req)
{
    if (MHD_queue_response(req->conn, req->deferred_status, req->deferred) != MHD_YES)
        pvi_warn("could not queue response for %s", req->path);
    MHD_destroy_response(req->deferred);
    req->deferred = NULL;
}

static enum MHD_Result
access_cb(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
          const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
    (void)cls;
    (void)version;
    struct pvi_http_request *req = *con_cls;
    if (req == NULL) /* no URI log callback ran: cannot happen */
        return MHD_NO;
    if (req->method == NULL) {
        /* first call: the head is complete */
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
        req->tracked = ci ? ci->socket_context : NULL;
        if (req->tracked)
            atomic_store(&req->tracked->in_head, 0);
        req->method = method;
        req->path = pvi_strdup(url);
        req->first_call = 1;
        begin(req);
        req->first_call = 0;
        if (req->deferred && has_body(conn))
            queue_deferred(req); /* MHD closes the connection rather than read the body */
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (req->replied || req->refusal != PVI_OK || req->route == NULL) {
            req->body_bytes += n; /* dropped */
            size_t cap = req->body_limit ? req->body_limit : req->srv->cfg->max_body_bytes;
            return req->body_bytes > DRAIN_FACTOR * cap ? MHD_NO : MHD_YES;
        }
        pvi_http__inputs_feed(req, upload_data, n);
        return MHD_YES;
    }
    if (req->deferred) {
        queue_deferred(req);
        return MHD_YES;
    }
    if (req->replied)
        return MHD_YES;
    finish(req);
    return MHD_YES;
}

static void
completed_cb(void *cls, struct MHD_Connection *conn, void **con_cls,
             enum MHD_RequestTerminationCode toe)
{
    (void)conn;
    (void)toe;
    struct pvi_http__server *s = cls;
    struct pvi_http_request *req = *con_cls;
    if (req == NULL)
        return;
    if (req->tracked) { /* the next request head is awaited from now */
        atomic_store(&req->tracked->since_ms, pvi_http__now_ms());
        atomic_store(&req->tracked->in_head, 1);
    }
    for (int i = PVI_HTTP_SLOTS - 1; i >= 0; i--)
        if (req->slot[i] && req->slot_cleanup[i])
            req->slot_cleanup[i](req->slot[i]);
    if (req->deferred)
        MHD_destroy_response(req->deferred);
    pvi_http__inputs_free(req);
    for (size_t i = 0; i < req->nparams; i++)
        free(req->params[i].value);
    for (size_t i = 0; i < req->nheaders; i++) {
        free(req->headers[i].name);
        free(req->headers[i].value);
    }
    free(req->headers);
    free(req->path);
    free(req->target);
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

/* ---- running ---- */

static int
bind_address(struct sockaddr_storage *ss, unsigned *flags, const struct pvi_http_server *cfg)
{
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
    memset(ss, 0, sizeof *ss);
    if (inet_pton(AF_INET, cfg->listen_addr, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)cfg->port);
        return 0;
    }
    if (inet_pton(AF_INET6, cfg->listen_addr, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)cfg->port);
        *flags |= MHD_USE_IPv6;
        return 0;
    }
    pvi_error("PVI_LISTEN_ADDR %s is not an IP address", cfg->listen_addr);
    return -1;
}

static void
wait_for_signal(const struct pvi_http_server *cfg, sigset_t *set)
{
    for (;;) {
        int sig = 0;
        if (sigwait(set, &sig) != 0)
            continue;
        if (sig == SIGHUP) {
            pvi_info("SIGHUP: reloading");
            if (cfg->on_reload)
                cfg->on_reload(cfg->app);
            continue;
        }
        if (sig == SIGTERM || sig == SIGINT)
            return;
    }
}

/* Whether a new connection is taken: not once the server is shutting down. */
static enum MHD_Result
accept_cb(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
    (void)addr;
    (void)addrlen;
    struct pvi_http__server *s = cls;
    return atomic_load(&s->draining) ? MHD_NO : MHD_YES;
}

int
pvi_http_run(const struct pvi_http_server *cfg)
{
    if (pvi_http__routes_check(cfg) != 0)
        return -1;
    struct pvi_http__server s = {.cfg = cfg};
    s.started = time(NULL);
    s.metrics = pvi_calloc(cfg->nroutes + PVI_HTTP_NBUILTIN, sizeof *s.metrics);
    pthread_mutex_init(&s.conns_mu, NULL);
    pthread_mutex_init(&s.stop_mu, NULL);
    pthread_cond_init(&s.stop_cv, NULL);
    int status = -1;

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &set, NULL);

    struct sockaddr_storage ss;
    unsigned flags =
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    if (bind_address(&ss, &flags, cfg) != 0)
        goto cleanup;
    s.daemon = MHD_start_daemon(
        flags, (uint16_t)cfg->port, accept_cb, &s, access_cb, &s, MHD_OPTION_EXTERNAL_LOGGER, mhd_log,
        NULL, MHD_OPTION_SOCK_ADDR, &ss, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)cfg->connection_limit,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)cfg->per_ip_connection_limit,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->connection_timeout_s,
        MHD_OPTION_URI_LOG_CALLBACK, request_new, &s, MHD_OPTION_NOTIFY_CONNECTION, conn_notify, &s,
        MHD_OPTION_NOTIFY_COMPLETED, completed_cb, &s, MHD_OPTION_LISTENING_ADDRESS_REUSE, 1,
        /* 16 kB per connection (default 32): MHD zeroes it after each request */
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(16 * 1024), MHD_OPTION_END);
    if (s.daemon == NULL) {
        pvi_error("cannot listen on %s:%d", cfg->listen_addr, cfg->port);
        goto cleanup;
    }
    if (cfg->header_timeout_s > 0)
        s.sweeper_started = pthread_create(&s.sweeper, NULL, sweeper_main, &s) == 0;
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s.daemon, MHD_DAEMON_INFO_BIND_PORT);
    pvi_info("listening on http://%s:%u/ with %d threads", cfg->listen_addr,
             di ? di->port : (unsigned)cfg->port, cfg->threads);

    wait_for_signal(cfg, &set);

    pvi_info("shutting down: no new connections, waiting for %d requests in flight",
             atomic_load(&s.in_flight));
    /* Not MHD_quiesce_daemon(): with epoll and a thread pool it races the
     * workers removing the listening socket from their epoll sets and can
     * abort the process (libmicrohttpd 0.9.75 to 1.0.1). New connections are
     * closed at once by accept_cb instead. */
    atomic_store(&s.draining, 1);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (atomic_load(&s.in_flight) > 0 && pvi_http__elapsed_s(&t0) < cfg->shutdown_grace_s) {
        struct timespec nap = {0, 20 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
    if (s.sweeper_started) {
        pthread_mutex_lock(&s.stop_mu);
        s.stopping = 1;
        pthread_cond_signal(&s.stop_cv);
        pthread_mutex_unlock(&s.stop_mu);
        pthread_join(s.sweeper, NULL);
    }
    MHD_stop_daemon(s.daemon);
    pvi_info("stopped");
    status = 0;

cleanup:
    free(s.metrics);
    pthread_cond_destroy(&s.stop_cv);
    pthread_mutex_destroy(&s.stop_mu);
    pthread_mutex_destroy(&s.conns_mu);
    return status;
}
