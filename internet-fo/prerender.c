/* prerender.c — internet-fo's pre-rendering: a thread below the request
 * threads' priority renders the home page of every online host that is not
 * in the cache (at start, then every PVI_RENDER_CACHE_WARM_S seconds) and of
 * every host announced on pvi:changed, while the cache is under 90 % full;
 * before each pass, pages nobody can ask for any more are dropped. */
#include "ifo.h"

#include "pvi/pvi_log.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* The base URL visitors use for host (scheme and port from the configuration). */
static void
public_base(char *out, size_t cap, const struct pvi_config *cfg, const char *host)
{
    if (cfg->public_port > 0)
        snprintf(out, cap, "%s://%s:%d", cfg->public_scheme, host, cfg->public_port);
    else
        snprintf(out, cap, "%s://%s", cfg->public_scheme, host);
}

static int
warm_stopping(struct ifo_warmer *w)
{
    pthread_mutex_lock(&w->mu);
    int stop = w->stop;
    pthread_mutex_unlock(&w->mu);
    return stop;
}

/* One host of the routing table: its home page rendered into the cache if
 * it is not there. Returns nonzero to end the pass. */
static int
warm_host(const char *host, const struct pvi_route *route, void *arg)
{
    struct ifo_app *a = arg;
    if (warm_stopping(&a->warm))
        return 1;
    if (route->state != 'o')
        return 0;
    size_t bytes = 0, entries = 0;
    unsigned long hits = 0, misses = 0;
    pvi_cache_stats(&bytes, &entries, &hits, &misses, a->cache);
    if (bytes >= a->cache_budget / 10 * 9)
        return 1; /* the rest of the cache is left to what visitors ask for */
    char base[300];
    public_base(base, sizeof base, &a->svc->cfg, host);
    const char *today = ifo_today();
    pthread_rwlock_rdlock(&a->lock);
    struct ifo_themes *t = a->themes;
    char key_buf[512];
    const char *key = ifo_page_key(key_buf, sizeof key_buf, route, "home", t->gen, base, today);
    if (key != NULL && !pvi_cache_has(a->cache, key)) {
        int status = 200;
        char *body = NULL;
        size_t len = 0;
        if (ifo_render_page(&body, &len, &status, a, t, route, IFO_HOME, "home", base, today) ==
            PVI_OK) {
            ifo_cache_store(a, key, status, body, len);
            free(body);
            atomic_fetch_add(&a->warm.pages, 1);
        }
    }
    pthread_rwlock_unlock(&a->lock);
    return 0;
}

/* Called by the route map's thread for every changed host: queued. */
static void
warm_changed(const char *host, void *ctx)
{
    struct ifo_warmer *w = ctx;
    pthread_mutex_lock(&w->mu);
    if (w->qlen < IFO_WARM_QUEUE) {
        snprintf(w->queue[(w->qhead + w->qlen) % IFO_WARM_QUEUE], sizeof w->queue[0], "%s", host);
        w->qlen++;
        pthread_cond_signal(&w->cv);
    }
    pthread_mutex_unlock(&w->mu);
}

/* Renders the changed hosts as they come until the next pass is due.
 * Returns nonzero when the thread must stop. */
static int
warm_changes_until(struct ifo_app *a, const struct timespec *until)
{
    struct ifo_warmer *w = &a->warm;
    for (;;) {
        char host[254];
        pthread_mutex_lock(&w->mu);
        while (!w->stop && w->qlen == 0 && pthread_cond_timedwait(&w->cv, &w->mu, until) == 0)
            ;
        int stop = w->stop, got = w->qlen > 0;
        if (got) {
            memcpy(host, w->queue[w->qhead], sizeof host);
            w->qhead = (w->qhead + 1) % IFO_WARM_QUEUE;
            w->qlen--;
        }
        pthread_mutex_unlock(&w->mu);
        if (stop)
            return 1;
        if (!got)
            return 0; /* the next pass is due */
        struct pvi_route route;
        if (pvi_route_lookup(&route, a->svc->redis, host) == PVI_OK)
            warm_host(host, &route, a);
    }
}

/* Kept: the keys that start with arg, "<generation>|<date>|" (page_key). */
static int
key_is_current(const char *key, void *arg)
{
    const char *prefix = arg;
    return strncmp(key, prefix, strlen(prefix)) == 0;
}

/* Before a pass: the pages of a past day or of replaced stylesheets are
 * dropped (nobody can ask for them again), which makes room for today's. */
static void
warm_drop_stale(struct ifo_app *a)
{
    char prefix[48];
    pthread_rwlock_rdlock(&a->lock);
    ifo_current_prefix(prefix, a->themes->gen);
    pthread_rwlock_unlock(&a->lock);
    size_t n = pvi_cache_retain(a->cache, key_is_current, prefix);
    if (n > 0)
        pvi_info("pre-rendering: %zu page(s) of a past day or of replaced charters dropped", n);
}

static void *
warm_main(void *arg)
{
    struct ifo_app *a = arg;
    struct ifo_warmer *w = &a->warm;
    /* below the request threads: visitors come first */
    if (setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10) != 0)
        pvi_debug("pre-rendering: cannot lower the thread's priority");
    for (;;) {
        warm_drop_stale(a);
        if (pvi_route_each(a->svc->redis, warm_host, a) != PVI_OK)
            pvi_warn("pre-rendering: Redis unreachable, next pass in %d s",
                     a->svc->cfg.render_cache_warm_s);
        atomic_fetch_add(&w->passes, 1);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += a->svc->cfg.render_cache_warm_s;
        if (warm_changes_until(a, &until))
            return NULL;
    }
}

void
ifo_prerender_start(struct ifo_app *a)
{
    struct ifo_warmer *w = &a->warm;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    if (a->cache_budget == 0 || a->svc->cfg.render_cache_warm_s == 0)
        return;
    w->started = pthread_create(&w->thread, NULL, warm_main, a) == 0;
    if (!w->started)
        pvi_error("pre-rendering: cannot start its thread");
    else if (a->routes != NULL)
        pvi_routemap_on_change(a->routes, warm_changed, w);
}

void
ifo_prerender_stop(struct ifo_app *a)
{
    struct ifo_warmer *w = &a->warm;
    if (w->started) {
        if (a->routes != NULL)
            pvi_routemap_on_change(a->routes, NULL, NULL);
        pthread_mutex_lock(&w->mu);
        w->stop = 1;
        pthread_cond_signal(&w->cv);
        pthread_mutex_unlock(&w->mu);
        pthread_join(w->thread, NULL);
    }
    pthread_cond_destroy(&w->cv);
    pthread_mutex_destroy(&w->mu);
}
