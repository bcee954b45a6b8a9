/* routemap.h — internals of the route map shared by routemap.c (the map,
 * lookups, the state word, life cycle) and routemap_sub.c (the subscriber
 * thread). The rule that keeps the map exact is at the top of routemap.c. */
#ifndef PVI_PUBLISH_ROUTEMAP_H
#define PVI_PUBLISH_ROUTEMAP_H

#include "pvi/pvi_routemap.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#define NSHARDS 64 /* a power of two; the shard is the hash's top 6 bits */
#define SHARD_BITS 6
#define HOST_MAX 253
#define FIRST_BUCKETS 16
#define POLL_MS 250
#define HEARTBEAT_MS 1000
#define PING_WAIT_MS 1000
#define BACKOFF_MIN_MS 100
#define BACKOFF_MAX_MS 2000
#define CHANNEL "pvi:changed"

struct entry {
    struct entry *next;
    uint64_t hash;
    enum pvi_code code; /* PVI_OK or PVI_NOT_FOUND */
    struct pvi_route route;
    size_t len;
    char host[];
};

struct shard {
    pthread_rwlock_t lock;
    struct entry **buckets; /* nbuckets, a power of two, grown up to max_buckets */
    size_t nbuckets, max_buckets;
    size_t count, cap; /* cap: this shard's share of max_entries (may be 0) */
    size_t hand;       /* eviction cursor over the buckets */
    atomic_ulong hits, misses;
    char pad[64]; /* keeps the next shard's lock off this one's cache line */
};

struct pvi_routemap {
    struct shard shards[NSHARDS];
    atomic_uint_least64_t state; /* epoch << 1 | live; written by the subscriber only */
    atomic_int stop;
    int wake[2]; /* a byte written to wake[1] wakes the subscriber up to stop */
    pthread_t thread;
    char *host;
    int port;
    int timeout_ms;
    void (*hook)(void *ctx);
    void *hook_ctx;
    pthread_mutex_t change_mu; /* guards the change hook, set while the thread runs */
    pvi_routemap_change_fn on_change;
    void *change_ctx;
};

/* The state word; called by the subscriber thread only. */
void pvi_routemap__go_live(struct pvi_routemap *m); /* subscribed: bump, live */
void pvi_routemap__go_down(struct pvi_routemap *m); /* bump, not live, map emptied */
void pvi_routemap__forget(struct pvi_routemap *m, const char *host,
                          size_t len); /* bump, drop host */

/* The subscriber thread's body (pthread_create's start routine). */
void *pvi_routemap__subscriber(void *arg);

#endif
