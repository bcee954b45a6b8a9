/* pvi_route.h — the public routing table in Redis: which published document
 * answers for each host name.
 *
 * Keys (one Redis database, not a cluster: the scripts touch keys they
 * compute):
 *   pvi:h:<host>        "<site id> <revision> <state> <document path>"
 *                       state: o (online) or s (suspended)
 *   pvi:s:<site id>     hash {gen, value}: the publication generation last
 *                       applied (the outbox job id) and the value it wrote
 *   pvi:s:<site id>:hosts  set of the site's hosts
 * Every change runs as one Lua script that compares generations, so Redis
 * never goes back to an older publication whatever the order in which
 * publishers apply them, and a host that moved to another site is never
 * removed by its former owner. Each changed host is announced on the
 * pvi:changed channel (for caches). */
#ifndef PVI_ROUTE_H
#define PVI_ROUTE_H

#include "pvi/pvi_error.h"
#include "pvi/pvi_redis.h"
#include "pvi/pvi_store.h"

struct pvi_route {
    long long site_id;
    int revision;
    char state; /* 'o' online, 's' suspended */
    char path[PVI_STORE_PATH_MAX];
};

/* Normalises a Host header: lower case, port and trailing dot removed.
 * Returns 0, or -1 for a hostile or invalid value (empty, too long, a
 * character outside [a-z0-9.-], an empty label, an IP literal in brackets).
 * out must hold 254 bytes. */
int pvi_host_normalize(char out[static 254], const char *host);

/* Looks the host up. PVI_OK with *out filled; PVI_NOT_FOUND; PVI_UNAVAILABLE
 * (Redis unreachable); PVI_INTERNAL for a malformed value (logged; never
 * followed: the path is checked with pvi_store_path_valid). */
enum pvi_code pvi_route_lookup(struct pvi_route *out, struct pvi_redis *r, const char *host);

/* Points every host at the site's document, removing the site's former
 * hosts that are not listed, unless a newer generation was already applied
 * (then *applied_out = 0 and nothing changes). */
enum pvi_code pvi_route_publish(int *applied_out, struct pvi_redis *r, long long site_id,
                                long long gen, const struct pvi_route *route,
                                const char *const *hosts, size_t nhosts);

/* Removes every host of the site (those still pointing at it) and leaves a
 * tombstone generation, unless a newer generation was already applied. */
enum pvi_code pvi_route_unpublish(int *applied_out, struct pvi_redis *r, long long site_id,
                                  long long gen);

/* What Redis holds for a site: its generation (0: none), its value (caller
 * frees, NULL when none) and its hosts (caller frees each and the array). */
enum pvi_code pvi_route_site(long long *gen_out, char **value_out, char ***hosts_out,
                             size_t *nhosts_out, struct pvi_redis *r, long long site_id);

/* Walks the whole table (SCAN, then the batch's values in one round trip),
 * calling fn for every host with a well-formed route; fn returns nonzero to
 * stop. Safe while routes change: a host changed during the walk is seen with
 * its old or its new route, or not at all. PVI_OK or PVI_UNAVAILABLE. */
typedef int (*pvi_route_fn)(const char *host, const struct pvi_route *route, void *arg);
enum pvi_code pvi_route_each(struct pvi_redis *r, pvi_route_fn fn, void *arg);

/* Formats the value stored for a host. out must hold 128 bytes. */
void pvi_route_format(char out[static 128], const struct pvi_route *route);
/* Parses a value; 0 or -1. */
int pvi_route_parse(struct pvi_route *out, const char *value);

#endif
