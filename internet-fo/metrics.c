/* metrics.c — internet-fo's own /metrics lines: the render cache, the
 * pre-rendering and the local route map. */
#include "ifo.h"

#include "pvi/pvi_mem.h"

void
ifo_metrics(void *arg, struct pvi_buf *b)
{
    struct ifo_app *a = arg;
    size_t bytes = 0, entries = 0;
    unsigned long hits = 0, misses = 0;
    pvi_cache_stats(&bytes, &entries, &hits, &misses, a->cache);
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
    pvi_routemap_stats(&entries, &hits, &misses, &live, a->routes);
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
