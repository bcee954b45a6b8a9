/* main.c — internet-fo, the public renderer: Host → Redis → published XML
 * document → compiled charter stylesheet → HTML, with a cache of rendered
 * pages keyed by published revision that a background thread fills ahead of
 * visitors. The parts: request.c (Host → route → what is asked for),
 * page.c (pages, cache, media), themes.c (charters), prerender.c,
 * metrics.c. */
#include "ifo.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Every path is a page of some site; query strings (?utm_source=…) are
 * ignored. */
static const struct pvi_http_route routes[] = {
    {.method = "GET",
     .path = "/*",
     .handler = ifo_handle,
     .name = "page",
     .flags = PVI_ROUTE_ANY_QUERY},
};

/* Refusals of the HTTP layer (two Host headers, a method other than GET),
 * as plain text. */
static const struct pvi_http_gate gate = {.refuse = ifo_refuse};

int
main(void)
{
    struct pvi_service svc;
    struct ifo_app a = {.svc = &svc};
    int status = EXIT_FAILURE;
    pthread_rwlock_init(&a.lock, NULL);
    if (pvi_service_init(&svc, "internet-fo", PVI_NEEDS_REDIS) != 0 ||
        pvi_store_open(&a.store, svc.cfg.content_dir) != PVI_OK)
        goto cleanup;
    pvi_render_init();
    a.themes = ifo_themes_load(svc.cfg.xsl_dir, 1);
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
    svc.metrics = ifo_metrics;
    ifo_prerender_start(&a);
    struct pvi_http_server srv;
    pvi_service_http(&srv, &svc);
    srv.routes = routes;
    srv.nroutes = PVI_COUNT_OF(routes);
    srv.gate = &gate;
    srv.on_reload = ifo_themes_reload;
    srv.app = &a;
    status = pvi_http_run(&srv) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
    ifo_prerender_stop(&a);
cleanup:
    pvi_routemap_close(a.routes);
    ifo_themes_free(a.themes);
    pvi_cache_free(a.cache);
    pvi_store_close(a.store);
    pvi_service_fini(&svc);
    pthread_rwlock_destroy(&a.lock);
    return status;
}
