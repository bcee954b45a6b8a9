/* main.c — internet-fo, the public renderer: Host → Redis → published XML
 * document → compiled charter stylesheet → HTML, with an optional cache of
 * rendered pages keyed by published revision. */
#include "pvi/pvi_cache.h"
#include "pvi/pvi_clock.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_render.h"
#include "pvi/pvi_route.h"
#include "pvi/pvi_routemap.h"
#include "pvi/pvi_service.h"
#include "pvi/pvi_store.h"

#include <dirent.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define MAX_CHARTERS 32

struct charter {
    char name[48];
    struct pvi_stylesheet *xsl;
    char *css;
    size_t css_len;
    char css_href[96];
};

/* Everything compiled from PVI_XSL_DIR; replaced as a whole on SIGHUP. */
struct themes {
    struct charter charters[MAX_CHARTERS];
    size_t n;
    struct pvi_stylesheet *sitemap, *unavailable, *notfound;
    unsigned gen;
};

/* Pre-rendering: a thread that walks the routing table and renders the home
 * page of every online site that is not in the cache, once at start and
 * again every PVI_RENDER_CACHE_WARM_S seconds (a new day, pages evicted),
 * while the cache is less than 90 % full; in between, the hosts the route
 * map hears of on pvi:changed (a publication, a suspension) at once. */
#define WARM_QUEUE 1024 /* hosts waiting; more are left to the next pass */

struct warmer {
    pthread_t thread;
    int started;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int stop;
    char queue[WARM_QUEUE][254]; /* a ring of changed hosts */
    size_t qhead, qlen;
    atomic_ulong pages, passes;
};

struct app {
    struct pvi_service *svc;
    struct pvi_store *store;
    struct pvi_cache *cache;
    size_t cache_budget;
    struct warmer warm;
    struct pvi_routemap *routes; /* NULL: every request asks Redis */
    pthread_rwlock_t lock;
    struct themes *themes;
    atomic_uint gen;
};

static void
themes_free(struct themes *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->n; i++) {
        pvi_stylesheet_free(t->charters[i].xsl);
        free(t->charters[i].css);
    }
    pvi_stylesheet_free(t->sitemap);
    pvi_stylesheet_free(t->unavailable);
    pvi_stylesheet_free(t->notfound);
    free(t);
}

/* Compiles every xsl/charters/<name>.xsl (with its <name>.css) and the common pages. */
static struct themes *
themes_load(const char *xsl_dir, unsigned gen)
{
    struct themes *t = pvi_calloc(1, sizeof *t);
    t->gen = gen;
    char *dir = pvi_asprintf("%s/charters", xsl_dir);
    DIR *d = opendir(dir);
    int ok = d != NULL;
    struct dirent *e;
    while (ok && (e = readdir(d)) != NULL && t->n < MAX_CHARTERS) {
        size_t len = strlen(e->d_name);
        if (len < 5 || len - 4 >= sizeof t->charters[0].name ||
            strcmp(e->d_name + len - 4, ".xsl") != 0)
            continue;
        struct charter *c = &t->charters[t->n];
        memcpy(c->name, e->d_name, len - 4);
        c->name[len - 4] = '\0';
        char *path = pvi_asprintf("%s/%s", dir, e->d_name);
        char *css_path = pvi_asprintf("%s/%s.css", dir, c->name);
        ok = pvi_stylesheet_load(&c->xsl, path) == PVI_OK;
        c->css = pvi_file_read(css_path, &c->css_len);
        if (c->css == NULL) {
            c->css = pvi_strdup("");
            c->css_len = 0;
        }
        unsigned char h[crypto_generichash_BYTES];
        crypto_generichash(h, sizeof h, (const unsigned char *)c->css, c->css_len, NULL, 0);
        char name[sizeof c->name], href[sizeof c->css_href];
        memcpy(name, c->name, sizeof name);
        snprintf(href, sizeof href, "/_charte/%s.%02x%02x%02x%02x.css", name, h[0], h[1], h[2],
                 h[3]);
        memcpy(c->css_href, href, sizeof href);
        free(path);
        free(css_path);
        t->n++;
    }
    if (d)
        closedir(d);
    const struct {
        const char *file;
        struct pvi_stylesheet **dst;
    } common[] = {{"sitemap.xsl", &t->sitemap},
                  {"unavailable.xsl", &t->unavailable},
                  {"notfound.xsl", &t->notfound}};
    for (size_t i = 0; ok && i < sizeof common / sizeof *common; i++) {
        char *path = pvi_asprintf("%s/common/%s", dir, common[i].file);
        ok = pvi_stylesheet_load(common[i].dst, path) == PVI_OK;
        free(path);
    }
    free(dir);
    if (!ok || t->n == 0) {
        pvi_error("cannot load the charters from %s/charters", xsl_dir);
        themes_free(t);
        return NULL;
    }
    pvi_info("loaded %zu charter(s), generation %u", t->n, gen);
    return t;
}

static void
reload(void *arg)
{
    struct app *a = arg;
    unsigned gen = atomic_load(&a->gen) + 1;
    struct themes *t = themes_load(a->svc->cfg.xsl_dir, gen);
    if (t == NULL) {
        pvi_error("reload failed: keeping the stylesheets in use");
        return;
    }
    pthread_rwlock_wrlock(&a->lock);
    struct themes *old = a->themes;
    a->themes = t;
    atomic_store(&a->gen, gen);
    pthread_rwlock_unlock(&a->lock);
    themes_free(old);
}

static const struct charter *
find_charter(const struct themes *t, const char *name)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->charters[i].name, name) == 0)
            return &t->charters[i];
    for (size_t i = 0; i < t->n; i++) /* unknown: the default charter */
        if (strcmp(t->charters[i].name, "classique") == 0)
            return &t->charters[i];
    return &t->charters[0];
}

static void
reply_text(struct pvi_http_request *req, int status, const char *text)
{
    pvi_http_add_header(req, "Cache-Control", "no-store");
    pvi_http_reply_text(req, status, "text/plain; charset=utf-8", text);
}

static void
reply_html(struct pvi_http_request *req, int status, char *html, size_t len, const char *etag,
           const char *cache_control)
{
    if (etag)
        pvi_http_add_header(req, "ETag", etag);
    pvi_http_add_header(req, "Cache-Control", cache_control);
    pvi_http_add_header(req, "X-Content-Type-Options", "nosniff");
    pvi_http_reply(req, status, "text/html; charset=utf-8", html, len);
}

static int
etag_matches(struct pvi_http_request *req, const char *etag)
{
    const char *inm = pvi_http_header(req, "If-None-Match");
    return inm && (strstr(inm, etag) != NULL || strcmp(inm, "*") == 0);
}

/* /_charte/<name>.<hash>.css */
static void
serve_css(struct pvi_http_request *req, struct themes *t)
{
    const char *path = pvi_http_path(req);
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(path, t->charters[i].css_href) == 0) {
            pvi_http_add_header(req, "Cache-Control", "public, max-age=31536000, immutable");
            pvi_http_reply(req, 200, "text/css; charset=utf-8",
                           pvi_strndup(t->charters[i].css, t->charters[i].css_len),
                           t->charters[i].css_len);
            return;
        }
    reply_text(req, 404, "Feuille de style introuvable.\n");
}

/* /media/<sha256> */
static void
serve_media(struct pvi_http_request *req, struct app *a, const char *hash)
{
    char rel[80];
    snprintf(rel, sizeof rel, "media/%s", hash);
    char *data = NULL;
    size_t len = 0;
    if (!pvi_store_path_valid(rel) || pvi_store_read(a->store, rel, &data, &len) != PVI_OK) {
        reply_text(req, 404, "Média introuvable.\n");
        return;
    }
    const char *type = pvi_media_type((const unsigned char *)data, len);
    if (type == NULL) {
        free(data);
        reply_text(req, 404, "Média introuvable.\n");
        return;
    }
    char etag[72];
    snprintf(etag, sizeof etag, "\"%.64s\"", hash);
    pvi_http_add_header(req, "ETag", etag);
    pvi_http_add_header(req, "Cache-Control", "public, max-age=31536000, immutable");
    if (etag_matches(req, etag)) {
        free(data);
        pvi_http_reply(req, 304, NULL, pvi_strdup(""), 0);
        return;
    }
    pvi_http_reply(req, 200, type, data, len);
}

enum page { P_HOME, P_SERVICES, P_CONTACT, P_PHOTOS, P_SITEMAP, P_NOTFOUND };
static const char *const page_names[] = {"home",   "services", "contact",
                                         "photos", "sitemap",  "notfound"};

static enum page
page_of(const char *path)
{
    static const struct {
        const char *path;
        enum page page;
    } pages[] = {{"/", P_HOME},
                 {"/services", P_SERVICES},
                 {"/contact", P_CONTACT},
                 {"/photos", P_PHOTOS},
                 {"/sitemap.xml", P_SITEMAP}};
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++)
        if (strcmp(path, pages[i].path) == 0)
            return pages[i].page;
    return P_NOTFOUND;
}

/* Sends a rendered page (body is handed over). */
static void
answer_page(struct pvi_http_request *req, enum page page, int suspended, int status,
            const char *etag, char *body, size_t len)
{
    const char *type = "text/html; charset=utf-8";
    const char *cache_control = status == 200 ? "no-cache" : "no-store";
    if (page == P_SITEMAP && !suspended)
        type = "application/xml; charset=utf-8";
    else
        pvi_http_add_header(req, "X-Content-Type-Options", "nosniff");
    if (status == 200)
        pvi_http_add_header(req, "ETag", etag);
    pvi_http_add_header(req, "Cache-Control", cache_control);
    pvi_http_reply(req, status, type, body, len);
}

/* Writes v in decimal into out (at least 21 bytes); returns the length. */
static size_t
put_decimal(char *out, unsigned long long v)
{
    char tmp[21];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
    return n;
}

/* The parts joined by sep into out; NULL when they do not fit. (Every
 * request builds a cache key: printf would be a tenth of a cache hit.) */
static const char *
join(char *out, size_t cap, char sep, const char *const *parts, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(parts[i]);
        if (len + l + 2 > cap)
            return NULL;
        if (i > 0)
            out[len++] = sep;
        memcpy(out + len, parts[i], l);
        len += l;
    }
    out[len] = '\0';
    return out;
}

/* "<site>-<revision>-<page>-<stylesheet generation>", quoted. */
static void
page_etag(char *out, size_t cap, const struct pvi_route *route, const char *pname, unsigned gen)
{
    char site[24], rev[24], g[24];
    put_decimal(site, (unsigned long long)route->site_id);
    put_decimal(rev, (unsigned long long)route->revision);
    put_decimal(g, gen);
    const char *parts[] = {site, rev, pname, g};
    out[0] = '"';
    if (join(out + 1, cap - 2, '-', parts, 4) == NULL) {
        snprintf(out, cap, "\"%s\"", site);
        return;
    }
    size_t n = strlen(out);
    out[n] = '"';
    out[n + 1] = '\0';
}

/* Today's date (UTC, YYYY-MM-DD), worked out once a day per thread. */
static const char *
today_utc(void)
{
    static _Thread_local long day = -1;
    static _Thread_local char text[16];
    time_t now = (time_t)pvi_now();
    if (now / 86400 != day) {
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(text, sizeof text, "%Y-%m-%d", &tm);
        day = (long)(now / 86400);
    }
    return text;
}

/* Reads the site's published document and renders one page of it, in one
 * render scope (every libxml2 allocation of the page is released at once).
 * *status becomes 404 for a page the site does not have. PVI_INTERNAL when
 * the transformation fails; another code when the document is unreadable. */
static enum pvi_code
render_page(struct app *a, struct themes *t, const struct pvi_route *route, enum page page,
            const char *pname, const char *base, const char *today, int *status, char **body,
            size_t *len)
{
    char *xml = NULL;
    size_t xlen = 0;
    struct pvi_xml *doc = NULL;
    enum pvi_code rc = pvi_store_read(a->store, route->path, &xml, &xlen);
    pvi_render_scope_begin();
    if (rc == PVI_OK)
        rc = pvi_xml_parse(&doc, xml, xlen);
    free(xml);
    if (rc != PVI_OK) {
        pvi_render_scope_end();
        pvi_error("published document %s unreadable (%s)", route->path, pvi_code_name(rc));
        return rc == PVI_INTERNAL ? PVI_UNAVAILABLE : rc;
    }
    char charter_name[48];
    pvi_xml_root_attr(doc, "charter", charter_name, sizeof charter_name);
    if (charter_name[0] == '\0')
        pvi_xml_find_text(doc, "charter", charter_name, sizeof charter_name);
    const struct charter *ch = find_charter(t, charter_name);
    /* a page the site does not have (no photos, say) is a 404 */
    if (*status == 200 && page != P_SITEMAP && !pvi_xml_has(doc, "page", "key", pname))
        *status = 404;
    const struct pvi_stylesheet *xsl = route->state == 's' ? t->unavailable
                                       : page == P_SITEMAP ? t->sitemap
                                                           : ch->xsl;
    const char *params[] = {"page", pname, "base", base, "css", ch->css_href, "today", today, NULL};
    rc = pvi_render(body, len, xsl, doc, params);
    pvi_xml_free(doc);
    pvi_render_scope_end();
    return rc == PVI_OK ? PVI_OK : PVI_INTERNAL;
}

/* The render cache's key for a page: "<stylesheet generation>|<date>|"
 * (closures that ended are not shown), then document (site and revision),
 * page and base URL. The prefix says whether a page can still be asked for
 * (key_is_current). NULL when it does not fit in buf. */
static const char *
page_key(char *buf, size_t cap, const struct pvi_route *route, const char *pname, unsigned gen,
         const char *base, const char *today)
{
    char g[24];
    put_decimal(g, gen);
    const char *parts[] = {g, today, route->path, pname, base};
    return join(buf, cap, '|', parts, sizeof parts / sizeof *parts);
}

/* A cache entry is "<status> <body>". */
static void
cache_store(struct app *a, const char *key, int status, const char *body, size_t len)
{
    char *entry = pvi_malloc(len + 5);
    snprintf(entry, 5, "%03d ", status);
    memcpy(entry + 4, body, len + 1);
    pvi_cache_put(a->cache, key, entry, len + 4);
    free(entry);
}

/* Renders (or finds in the cache) one page of a published site. */
static void
serve_page(struct pvi_http_request *req, struct app *a, struct themes *t,
           const struct pvi_route *route, const char *base)
{
    enum page page = route->state == 's' ? P_NOTFOUND : page_of(pvi_http_path(req));
    int suspended = route->state == 's';
    int status = suspended ? 503 : page == P_NOTFOUND ? 404 : 200;
    const char *pname = suspended ? "unavailable" : page_names[page];
    char etag[128];
    page_etag(etag, sizeof etag, route, pname, t->gen);
    if (suspended)
        pvi_http_add_header(req, "Retry-After", "3600");
    if (status == 200 && etag_matches(req, etag)) {
        pvi_http_add_header(req, "ETag", etag);
        pvi_http_add_header(req, "Cache-Control", "no-cache");
        pvi_http_reply(req, 304, NULL, pvi_strdup(""), 0);
        return;
    }
    const char *today = today_utc();
    char key_buf[512];
    const char *key = page_key(key_buf, sizeof key_buf, route, pname, t->gen, base, today);
    char *cached = NULL;
    size_t clen = 0;
    if (key && pvi_cache_get(a->cache, key, &cached, &clen) && clen >= 4) {
        int cached_status = atoi(cached);
        memmove(cached, cached + 4, clen - 4 + 1); /* drop the "NNN " prefix in place */
        answer_page(req, page, suspended, cached_status, etag, cached, clen - 4);
        return;
    }
    free(cached);
    char *body = NULL;
    size_t len = 0;
    enum pvi_code rc = render_page(a, t, route, page, pname, base, today, &status, &body, &len);
    if (rc != PVI_OK) {
        if (rc == PVI_INTERNAL)
            reply_text(req, 500, "Erreur interne.\n");
        else
            reply_text(req, 503, "Site momentanément indisponible.\n");
        return;
    }
    if (key)
        cache_store(a, key, status, body, len);
    answer_page(req, page, suspended, status, etag, body, len);
}

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
warm_stopping(struct warmer *w)
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
    struct app *a = arg;
    if (warm_stopping(&a->warm))
        return 1;
    if (route->state != 'o')
        return 0;
    size_t bytes = 0, entries = 0;
    unsigned long hits = 0, misses = 0;
    pvi_cache_stats(a->cache, &bytes, &entries, &hits, &misses);
    if (bytes >= a->cache_budget / 10 * 9)
        return 1; /* the rest of the cache is left to what visitors ask for */
    char base[300];
    public_base(base, sizeof base, &a->svc->cfg, host);
    const char *today = today_utc();
    pthread_rwlock_rdlock(&a->lock);
    struct themes *t = a->themes;
    char key_buf[512];
    const char *key = page_key(key_buf, sizeof key_buf, route, "home", t->gen, base, today);
    if (key != NULL && !pvi_cache_has(a->cache, key)) {
        int status = 200;
        char *body = NULL;
        size_t len = 0;
        if (render_page(a, t, route, P_HOME, "home", base, today, &status, &body, &len) == PVI_OK) {
            cache_store(a, key, status, body, len);
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
    struct warmer *w = ctx;
    pthread_mutex_lock(&w->mu);
    if (w->qlen < WARM_QUEUE) {
        snprintf(w->queue[(w->qhead + w->qlen) % WARM_QUEUE], sizeof w->queue[0], "%s", host);
        w->qlen++;
        pthread_cond_signal(&w->cv);
    }
    pthread_mutex_unlock(&w->mu);
}

/* Renders the changed hosts as they come until the next pass is due.
 * Returns nonzero when the thread must stop. */
static int
warm_changes_until(struct app *a, const struct timespec *until)
{
    struct warmer *w = &a->warm;
    for (;;) {
        char host[254];
        pthread_mutex_lock(&w->mu);
        while (!w->stop && w->qlen == 0 && pthread_cond_timedwait(&w->cv, &w->mu, until) == 0)
            ;
        int stop = w->stop, got = w->qlen > 0;
        if (got) {
            memcpy(host, w->queue[w->qhead], sizeof host);
            w->qhead = (w->qhead + 1) % WARM_QUEUE;
            w->qlen--;
        }
        pthread_mutex_unlock(&w->mu);
        if (stop)
            return 1;
        if (!got)
            return 0; /* the next pass is due */
        struct pvi_route route;
        if (pvi_route_lookup(a->svc->redis, host, &route) == PVI_OK)
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
warm_drop_stale(struct app *a)
{
    char gen[24], prefix[48];
    pthread_rwlock_rdlock(&a->lock);
    put_decimal(gen, a->themes->gen);
    pthread_rwlock_unlock(&a->lock);
    const char *parts[] = {gen, today_utc(), ""};
    join(prefix, sizeof prefix, '|', parts, 3);
    size_t n = pvi_cache_retain(a->cache, key_is_current, prefix);
    if (n > 0)
        pvi_info("pre-rendering: %zu page(s) of a past day or of replaced charters dropped", n);
}

static void *
warm_main(void *arg)
{
    struct app *a = arg;
    struct warmer *w = &a->warm;
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

static void
warm_start(struct app *a)
{
    struct warmer *w = &a->warm;
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

static void
warm_stop(struct app *a)
{
    struct warmer *w = &a->warm;
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

static void
serve_unknown_host(struct pvi_http_request *req, struct themes *t, const char *host)
{
    struct pvi_xml *doc = NULL;
    char *body = NULL;
    size_t len = 0;
    const char *params[] = {"host", host, NULL};
    pvi_render_scope_begin();
    int ok = pvi_xml_empty(&doc) == PVI_OK &&
             pvi_render(&body, &len, t->notfound, doc, params) == PVI_OK;
    pvi_xml_free(doc);
    pvi_render_scope_end();
    if (ok)
        reply_html(req, 404, body, len, NULL, "no-store");
    else
        reply_text(req, 404, "Site introuvable.\n");
}

static void
handle(struct pvi_http_request *req)
{
    struct app *a = pvi_http_app(req);
    char host[254];
    if (pvi_host_normalize(host, pvi_http_header(req, "Host")) != 0) {
        reply_text(req, 400, "En-tête Host invalide.\n");
        return;
    }
    const char *path = pvi_http_path(req);
    pthread_rwlock_rdlock(&a->lock);
    struct themes *t = a->themes;
    if (strncmp(path, "/_charte/", 9) == 0) {
        serve_css(req, t);
        goto done;
    }
    struct pvi_route route;
    enum pvi_code rc = a->routes ? pvi_routemap_lookup(a->routes, a->svc->redis, host, &route)
                                 : pvi_route_lookup(a->svc->redis, host, &route);
    if (rc == PVI_NOT_FOUND) {
        serve_unknown_host(req, t, host);
        goto done;
    }
    if (rc != PVI_OK) {
        pvi_http_add_header(req, "Retry-After", "5");
        reply_text(req, 503, "Service momentanément indisponible.\n");
        goto done;
    }
    if (strncmp(path, "/media/", 7) == 0) {
        serve_media(req, a, path + 7);
        goto done;
    }
    const char *proto = pvi_http_header(req, "X-Forwarded-Proto");
    const char *raw_host = pvi_http_header(req, "Host");
    char base[300];
    /* the Host header passed normalisation: only [A-Za-z0-9.-] and a port */
    snprintf(base, sizeof base, "%s://%s", proto && strcmp(proto, "https") == 0 ? "https" : "http",
             raw_host);
    for (char *p = base; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    if (strcmp(path, "/robots.txt") == 0) {
        char *txt = route.state == 'o'
                        ? pvi_asprintf("User-agent: *\nAllow: /\nSitemap: %s/sitemap.xml\n", base)
                        : pvi_strdup("User-agent: *\nDisallow: /\n");
        pvi_http_add_header(req, "Cache-Control", "public, max-age=300");
        pvi_http_reply(req, 200, "text/plain; charset=utf-8", txt, strlen(txt));
        goto done;
    }
    serve_page(req, a, t, &route, base);
done:
    pthread_rwlock_unlock(&a->lock);
}

/* /metrics: the render cache and the route map. */
static void
app_metrics(void *arg, struct pvi_buf *b)
{
    struct app *a = arg;
    size_t bytes = 0, entries = 0;
    unsigned long hits = 0, misses = 0;
    pvi_cache_stats(a->cache, &bytes, &entries, &hits, &misses);
    pvi_buf_printf(b,
                   "# HELP pvi_render_cache_bytes Bytes held by the page cache (compressed).\n"
                   "# TYPE pvi_render_cache_bytes gauge\npvi_render_cache_bytes %zu\n"
                   "# HELP pvi_render_cache_entries Pages held by the page cache.\n"
                   "# TYPE pvi_render_cache_entries gauge\npvi_render_cache_entries %zu\n"
                   "# HELP pvi_render_cache_lookups_total Page cache lookups by result.\n"
                   "# TYPE pvi_render_cache_lookups_total counter\n"
                   "pvi_render_cache_lookups_total{result=\"hit\"} %lu\n"
                   "pvi_render_cache_lookups_total{result=\"miss\"} %lu\n",
                   bytes, entries, hits, misses);
    pvi_buf_printf(b,
                   "# HELP pvi_render_cache_hot_bytes Bytes of plain copies kept for pages "
                   "asked for often.\n"
                   "# TYPE pvi_render_cache_hot_bytes gauge\npvi_render_cache_hot_bytes %zu\n",
                   pvi_cache_hot_bytes(a->cache));
    pvi_buf_printf(b,
                   "# HELP pvi_render_cache_prerendered_total Pages rendered ahead of visitors.\n"
                   "# TYPE pvi_render_cache_prerendered_total counter\n"
                   "pvi_render_cache_prerendered_total %lu\n"
                   "# HELP pvi_render_cache_prerender_passes_total Walks of the routing table "
                   "done by pre-rendering.\n"
                   "# TYPE pvi_render_cache_prerender_passes_total counter\n"
                   "pvi_render_cache_prerender_passes_total %lu\n",
                   atomic_load(&a->warm.pages), atomic_load(&a->warm.passes));
    if (a->routes == NULL)
        return;
    int live = 0;
    pvi_routemap_stats(a->routes, &entries, &hits, &misses, &live);
    pvi_buf_printf(b,
                   "# HELP pvi_route_map_entries Hosts held by the local route map.\n"
                   "# TYPE pvi_route_map_entries gauge\npvi_route_map_entries %zu\n"
                   "# HELP pvi_route_map_lookups_total Host lookups: answered by the map, or "
                   "by Redis.\n"
                   "# TYPE pvi_route_map_lookups_total counter\n"
                   "pvi_route_map_lookups_total{result=\"hit\"} %lu\n"
                   "pvi_route_map_lookups_total{result=\"miss\"} %lu\n"
                   "# HELP pvi_route_map_live Whether the pvi:changed subscription is live.\n"
                   "# TYPE pvi_route_map_live gauge\npvi_route_map_live %d\n",
                   entries, hits, misses, live);
}

static const struct pvi_http_route routes[] = {
    {.method = "GET", .path = "/*", .handler = handle, .name = "page"},
};

int
main(void)
{
    struct pvi_service svc;
    struct app a = {.svc = &svc};
    int status = EXIT_FAILURE;
    pthread_rwlock_init(&a.lock, NULL);
    if (pvi_service_init(&svc, "internet-fo", PVI_NEEDS_REDIS) != 0 ||
        pvi_store_open(&a.store, svc.cfg.content_dir) != PVI_OK)
        goto cleanup;
    pvi_render_init();
    a.themes = themes_load(svc.cfg.xsl_dir, 1);
    atomic_store(&a.gen, 1);
    if (a.themes == NULL)
        goto cleanup;
    if (strcmp(svc.cfg.public_scheme, "http") != 0 && strcmp(svc.cfg.public_scheme, "https") != 0) {
        pvi_error("PVI_PUBLIC_SCHEME must be http or https");
        goto cleanup;
    }
    a.cache_budget = (size_t)svc.cfg.render_cache_mb * 1024 * 1024;
    pvi_cache_new(&a.cache, a.cache_budget, PVI_CACHE_LZ4);
    if (svc.cfg.route_map_entries > 0 &&
        pvi_routemap_open(&a.routes, svc.cfg.redis_host, svc.cfg.redis_port,
                          svc.cfg.redis_timeout_ms, (size_t)svc.cfg.route_map_entries) != PVI_OK)
        goto cleanup;
    svc.metrics = app_metrics;
    warm_start(&a);
    status = pvi_service_serve(&svc, routes, sizeof routes / sizeof *routes, handle, reload, &a);
    warm_stop(&a);
cleanup:
    pvi_routemap_close(a.routes);
    themes_free(a.themes);
    pvi_cache_free(a.cache);
    pvi_store_close(a.store);
    pvi_service_fini(&svc);
    pthread_rwlock_destroy(&a.lock);
    return status;
}
