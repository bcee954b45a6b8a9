/* builtin.c — what every server answers besides its routes: /healthz
 * (alive), /readyz (each dependency checked), /metrics (requests by route
 * and status, a latency histogram, the service's own lines), and the
 * counters behind them. */
#include "http.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Latency histogram bounds, in seconds. */
static const double buckets[PVI_HTTP_NBUCKETS] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                  0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

static const char *const builtin_names[PVI_HTTP_NBUILTIN] = {"healthz", "readyz", "metrics",
                                                             "other"};

double
pvi_http__elapsed_s(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

void
pvi_http__observe(struct pvi_http__server *s, size_t idx, int status, double seconds)
{
    struct pvi_http__route_metrics *m = &s->metrics[idx];
    if (status >= 0 && status < PVI_HTTP_NSTATUS)
        atomic_fetch_add_explicit(&m->by_status[status], 1, memory_order_relaxed);
    for (size_t b = 0; b < PVI_HTTP_NBUCKETS; b++)
        if (seconds <= buckets[b])
            atomic_fetch_add_explicit(&m->bucket[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&m->count, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&m->sum_ns, (unsigned long long)(seconds * 1e9),
                              memory_order_relaxed);
}

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
    struct pvi_http__server *s = req->srv;
    const struct pvi_http_server *cfg = s->cfg;
    struct pvi_buf b = {0};
    size_t n = cfg->nroutes + PVI_HTTP_NBUILTIN;

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
                   "# HELP pvi_http_request_head_timeouts_total Connections closed because their "
                   "request head took too long.\n"
                   "# TYPE pvi_http_request_head_timeouts_total counter\n"
                   "pvi_http_request_head_timeouts_total{service=\"%s\"} %lu\n",
                   cfg->service, atomic_load(&s->head_timeouts));
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
        for (int st = 0; st < PVI_HTTP_NSTATUS; st++) {
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
        for (size_t k = 0; k < PVI_HTTP_NBUCKETS; k++)
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

pvi_http_handler
pvi_http__builtin(size_t *index_out, struct pvi_http_request *req)
{
    const struct pvi_http_server *cfg = req->srv->cfg;
    if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0)
        return NULL;
    if (strcmp(req->path, "/healthz") == 0) {
        *index_out = cfg->nroutes + PVI_HTTP_HEALTHZ;
        return healthz;
    }
    if (strcmp(req->path, "/readyz") == 0) {
        *index_out = cfg->nroutes + PVI_HTTP_READYZ;
        return readyz;
    }
    if (strcmp(req->path, "/metrics") == 0 &&
        (cfg->metrics_from == NULL ||
         address_listed(cfg->metrics_from, pvi_http_client_addr(req)))) {
        *index_out = cfg->nroutes + PVI_HTTP_METRICS;
        return metrics;
    }
    return NULL;
}
