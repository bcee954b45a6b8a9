/* pvi_routemap.h — a process-local, thread-safe copy of the host → route
 * answers of Redis (pvi_route_lookup), kept exact by the pvi:changed channel
 * on which every writer of pvi:h:* keys announces each changed host.
 *
 * A thread of its own holds a second Redis connection subscribed to
 * pvi:changed. The map is used (read or written) only while that
 * subscription is live, i.e. once Redis has confirmed the SUBSCRIBE: before
 * that, and from the moment the connection fails, the map is empty and every
 * lookup asks Redis exactly as pvi_route_lookup does (so a Redis outage still
 * gives PVI_UNAVAILABLE at once, never a remembered answer). The thread
 * reconnects by itself with back-off (100 ms doubling to 2 s) and the map
 * fills again once re-subscribed. A server that stops answering without
 * closing the connection is noticed by a PING sent after 1 s of silence
 * (answer due within timeout_ms; TCP keepalive is on as well).
 *
 * A message naming a host removes its entry; an invalidation epoch keeps a
 * lookup that raced with a change from storing the older answer (see
 * routemap.c). Both PVI_OK and PVI_NOT_FOUND answers are kept, never errors.
 *
 * Only changes announced on pvi:changed are seen: a key written or deleted by
 * hand (redis-cli SET/DEL, FLUSHDB) without a PUBLISH stays stale in the map
 * until that host's next message or the next reconnection.
 *
 * Bounded: at most max_entries hosts, spread over 64 shards (one rwlock
 * each) that each hold their share. When a shard is full, an insert evicts
 * one entry of that shard, the next one found by a rotating cursor over its
 * buckets (no per-hit bookkeeping: a hit only takes the shard's read lock,
 * copies the route and bumps a counter, with no allocation and no system
 * call); an evicted host comes back on its next miss. */
#ifndef PVI_ROUTEMAP_H
#define PVI_ROUTEMAP_H

#include "pvi/pvi_error.h"
#include "pvi/pvi_redis.h"
#include "pvi/pvi_route.h"

#include <stddef.h>

struct pvi_routemap;

/* Starts the subscriber thread, which connects to redis_host:redis_port by
 * itself (connect timeout timeout_ms; a server that is down is not an error
 * here: the map simply stays unused until the subscription is live).
 * max_entries (> 0) bounds the hosts held. *out belongs to the caller
 * (pvi_routemap_close). PVI_CONFIG for an invalid argument, PVI_INTERNAL when
 * the thread cannot be started. */
enum pvi_code pvi_routemap_open(struct pvi_routemap **out, const char *redis_host, int redis_port,
                                int timeout_ms, size_t max_entries);
/* Stops the subscriber thread (promptly: it is woken, not waited for), joins
 * it and frees everything. No lookup may be running. NULL is a no-op. */
void pvi_routemap_close(struct pvi_routemap *m);

/* The same contract as pvi_route_lookup: PVI_OK with *out filled,
 * PVI_NOT_FOUND, PVI_UNAVAILABLE (Redis unreachable) or PVI_INTERNAL (a
 * malformed value). Answers from the map when the subscription is live and
 * the host is held; otherwise asks Redis through pvi_route_lookup(r, …) —
 * r is the caller's connection description, whose context is per thread —
 * and keeps a PVI_OK or PVI_NOT_FOUND answer unless a change or a
 * (re)connection happened meanwhile. host must already be normalised
 * (pvi_host_normalize): the map compares bytes. A host longer than 253
 * bytes is never kept. Thread-safe; a hit allocates nothing. */
enum pvi_code pvi_routemap_lookup(struct pvi_route *out, struct pvi_routemap *m,
                                  struct pvi_redis *r, const char *host);

/* For /metrics and tests: hosts held, hits (answered from the map), misses
 * (asked Redis, including every lookup made while the subscription is not
 * live) and whether the subscription is live (1) or not (0). Any pointer may
 * be NULL. */
void pvi_routemap_stats(size_t *entries, unsigned long *hits, unsigned long *misses, int *live,
                        struct pvi_routemap *m);

/* fn(host, ctx) is called by the subscriber thread for every host announced
 * on pvi:changed, after its entry is dropped (the new route is in Redis by
 * then). It must be quick (queue the host; do not render). NULL removes it;
 * it may be set at any time. */
typedef void (*pvi_routemap_change_fn)(const char *host, void *ctx);
void pvi_routemap_on_change(struct pvi_routemap *m, pvi_routemap_change_fn fn, void *ctx);

/* Tests only: hook(ctx) is called by a lookup that asked Redis, after the
 * answer and before deciding whether to keep it, so that a test can make a
 * change happen exactly there. Set it while no lookup runs; NULL removes it. */
void pvi_routemap_set_fetch_hook(struct pvi_routemap *m, void (*hook)(void *ctx), void *ctx);

#endif
