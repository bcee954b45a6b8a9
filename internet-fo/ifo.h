/* ifo.h — internet-fo's parts, shared by its files: the compiled charters
 * (themes.c), pages and the render cache (page.c), pre-rendering
 * (prerender.c) and the service's own metrics (metrics.c). */
#ifndef PVI_IFO_H
#define PVI_IFO_H

#include "pvi/pvi_cache.h"
#include "pvi/pvi_charter.h"
#include "pvi/pvi_http.h"
#include "pvi/pvi_render.h"
#include "pvi/pvi_route.h"
#include "pvi/pvi_routemap.h"
#include "pvi/pvi_service.h"
#include "pvi/pvi_store.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

/* Everything compiled from PVI_XSL_DIR; replaced as a whole on SIGHUP. */
struct ifo_themes {
    struct pvi_charters *charters; /* pvi_charter.h */
    struct pvi_stylesheet *sitemap, *unavailable, *notfound;
    unsigned gen;
};

/* Pre-rendering: a thread that walks the routing table and renders the home
 * page of every online site that is not in the cache, once at start and
 * again every PVI_RENDER_CACHE_WARM_S seconds (a new day, pages evicted),
 * while the cache is less than 90 % full; in between, the hosts the route
 * map hears of on pvi:changed (a publication, a suspension) at once. */
#define IFO_WARM_QUEUE 1024 /* hosts waiting; more are left to the next pass */

struct ifo_warmer {
    pthread_t thread;
    int started;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int stop;
    char queue[IFO_WARM_QUEUE][254]; /* a ring of changed hosts */
    size_t qhead, qlen;
    atomic_ulong pages, passes;
};

struct ifo_app {
    struct pvi_service *svc;
    struct pvi_store *store;
    struct pvi_cache *cache;
    size_t cache_budget;
    struct ifo_warmer warm;
    struct pvi_routemap *routes; /* NULL: every request asks Redis */
    pthread_rwlock_t lock;       /* held (read) while a request uses themes */
    struct ifo_themes *themes;
    atomic_uint gen;
};

/* ---- request.c ---- */

/* Every request of the public (the catch-all route). */
void ifo_handle(struct pvi_http_request *req);
/* A refusal of the HTTP layer, as plain text in French. */
void ifo_refuse(struct pvi_http_request *req, enum pvi_code code, const char *field);

/* ---- themes.c ---- */

/* Compiles every charters/<name>.xsl (with its <name>.css) and the common
 * pages of xsl_dir; NULL when one fails (logged). */
struct ifo_themes *ifo_themes_load(const char *xsl_dir, unsigned gen);
void ifo_themes_free(struct ifo_themes *t);
/* SIGHUP: compiles the themes again and swaps them in (the old ones stay in
 * use when the new ones fail). */
void ifo_themes_reload(void *app);
/* The charter of that name, or the default one. */
const struct pvi_charter *ifo_charter_find(const struct ifo_themes *t, const char *name);
/* GET /_charte/<name>.<hash>.css */
void ifo_serve_css(struct pvi_http_request *req, const struct ifo_themes *t);

/* ---- page.c ---- */

enum ifo_page { IFO_HOME, IFO_SERVICES, IFO_CONTACT, IFO_PHOTOS, IFO_SITEMAP, IFO_NOTFOUND };

/* Renders (or finds in the cache) the page of a published site that the
 * request asks for; base is the site's base URL. */
void ifo_serve_page(struct pvi_http_request *req, struct ifo_app *a, struct ifo_themes *t,
                    const struct pvi_route *route, const char *base);
/* Reads the site's published document and renders one page of it into *body
 * (caller frees), in one render scope. *status becomes 404 for a page the
 * site does not have. PVI_INTERNAL when the transformation fails; another
 * code when the document is unreadable. */
enum pvi_code ifo_render_page(char **body, size_t *len, int *status, struct ifo_app *a,
                              struct ifo_themes *t, const struct pvi_route *route,
                              enum ifo_page page, const char *pname, const char *base,
                              const char *today);
/* The render cache's key for a page ("<generation>|<date>|<document>|<page>|
 * <base>") into buf, or NULL when it does not fit. */
const char *ifo_page_key(char *buf, size_t cap, const struct pvi_route *route, const char *pname,
                         unsigned gen, const char *base, const char *today);
/* Stores a rendered page ("<status> <body>") in the cache. */
void ifo_cache_store(struct ifo_app *a, const char *key, int status, const char *body, size_t len);
/* Today's date (UTC, YYYY-MM-DD), worked out once a day per thread. */
const char *ifo_today(void);
/* The prefix of the keys of pages that can still be asked for:
 * "<generation>|<today>|" into out (48 bytes). */
void ifo_current_prefix(char out[static 48], unsigned gen);
/* GET /media/<sha256> */
void ifo_serve_media(struct pvi_http_request *req, struct ifo_app *a, const char *hash);
/* A plain-text answer that no one may cache. */
void ifo_reply_text(struct pvi_http_request *req, int status, const char *text);

/* ---- prerender.c ---- */

/* Starts the pre-rendering thread (when the cache and PVI_RENDER_CACHE_WARM_S
 * allow it) and subscribes it to the route map's changes. */
void ifo_prerender_start(struct ifo_app *a);
/* Stops it and waits for it. */
void ifo_prerender_stop(struct ifo_app *a);

/* ---- metrics.c ---- */

/* /metrics: the render cache, pre-rendering and the route map. */
void ifo_metrics(void *app, struct pvi_buf *out);

#endif
