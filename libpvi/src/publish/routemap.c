/* routemap.c — a process-local host → route map in front of Redis, kept exact
 * by a subscriber thread listening to pvi:changed.
 *
 * Why an entry can never outlive a change (the invalidation epoch)
 * ----------------------------------------------------------------
 * `state` holds an epoch and the live bit (epoch << 1 | live). Only the
 * subscriber thread changes it: every message adds one to the epoch, and so
 * does every (re)subscription and every disconnection, which also set or
 * clear the live bit.
 *
 * A lookup that misses reads `state` BEFORE its Redis GET (s0) and, after
 * the answer, stores it only if, under the shard's write lock, `state` still
 * equals s0 (so the subscription was live the whole time and no message
 * arrived). Take a writer that changes host h (SET, then PUBLISH h in the
 * same script) while a lookup of h is in flight:
 *   - if Redis ran the GET after the script, the GET saw the new value:
 *     storing it is right;
 *   - if it ran before, the GET saw the old value and the message is on its
 *     way. The subscriber bumps the epoch, then removes h under the shard's
 *     write lock. Either the lookup's check-and-insert (same lock) comes
 *     first, and the removal deletes the old value right after, or the
 *     removal comes first, and then the bump happened before the lookup's
 *     check, which sees the epoch changed and stores nothing.
 * Without the epoch the second order would leave the old value in the map
 * until the host's next change. The same reasoning covers a disconnection
 * (the bump comes before the map is emptied, shard by shard) and a
 * subscription (a GET that started before Redis confirmed SUBSCRIBE may have
 * missed a message sent before the confirmation: the bump keeps it out).
 * The epoch is global, so any message discards every insert in flight: a
 * lost insert only costs one more miss.
 *
 * Only the subscriber thread ever writes to `state`; lookups only read it,
 * and read the map only after seeing the live bit (under the shard lock, so
 * the emptying that follows a disconnection is seen whole). */
#include "routemap.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static uint64_t
hash_host(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static struct shard *
shard_of(struct pvi_routemap *m, uint64_t h)
{
    return &m->shards[h >> (64 - SHARD_BITS)];
}

/* The link that points at the host's entry, or at the NULL ending its chain. */
static struct entry **
find(struct shard *s, uint64_t h, const char *host, size_t len)
{
    struct entry **p = &s->buckets[h & (s->nbuckets - 1)];
    for (; *p != NULL; p = &(*p)->next)
        if ((*p)->hash == h && (*p)->len == len && memcmp((*p)->host, host, len) == 0)
            break;
    return p;
}

static void
shard_empty(struct shard *s)
{
    for (size_t b = 0; b < s->nbuckets; b++) {
        struct entry *e = s->buckets[b];
        while (e != NULL) {
            struct entry *next = e->next;
            free(e);
            e = next;
        }
        s->buckets[b] = NULL;
    }
    s->count = 0;
}

static void
empty_all(struct pvi_routemap *m)
{
    for (int i = 0; i < NSHARDS; i++) {
        pthread_rwlock_wrlock(&m->shards[i].lock);
        shard_empty(&m->shards[i]);
        pthread_rwlock_unlock(&m->shards[i].lock);
    }
}

/* Write lock held. Drops the first entry found from the cursor on. */
static void
evict_one(struct shard *s)
{
    for (size_t i = 0; i < s->nbuckets; i++) {
        size_t b = (s->hand + i) & (s->nbuckets - 1);
        struct entry *e = s->buckets[b];
        if (e != NULL) {
            s->buckets[b] = e->next;
            free(e);
            s->count--;
            s->hand = b + 1;
            return;
        }
    }
}

/* Write lock held. Doubles the bucket array (load factor 1 at most). */
static void
grow(struct shard *s)
{
    size_t n = s->nbuckets * 2;
    struct entry **b = pvi_calloc(n, sizeof *b);
    for (size_t i = 0; i < s->nbuckets; i++) {
        struct entry *e = s->buckets[i];
        while (e != NULL) {
            struct entry *next = e->next;
            e->next = b[e->hash & (n - 1)];
            b[e->hash & (n - 1)] = e;
            e = next;
        }
    }
    free(s->buckets);
    s->buckets = b;
    s->nbuckets = n;
    s->hand = 0;
}

/* Write lock held; the host is not in the shard; s->cap > 0. */
static void
insert(struct shard *s, struct entry *e)
{
    if (s->count >= s->cap)
        evict_one(s);
    if (s->count >= s->nbuckets && s->nbuckets < s->max_buckets)
        grow(s);
    struct entry **head = &s->buckets[e->hash & (s->nbuckets - 1)];
    e->next = *head;
    *head = e;
    s->count++;
}

/* ---- the state word: only the subscriber thread calls these ---- */

static void
set_live(struct pvi_routemap *m, int live)
{
    uint_least64_t s = atomic_load(&m->state);
    atomic_store(&m->state, (((s >> 1) + 1) << 1) | (live ? 1u : 0u));
}

void
pvi_routemap__go_down(struct pvi_routemap *m)
{
    set_live(m, 0); /* the bump first, then the emptying: see the top comment */
    empty_all(m);
}

void
pvi_routemap__go_live(struct pvi_routemap *m)
{
    empty_all(m); /* already empty; cheap, and keeps the rule local */
    set_live(m, 1);
}

void
pvi_routemap__forget(struct pvi_routemap *m, const char *host, size_t len)
{
    atomic_fetch_add(&m->state, 2); /* the bump first, then the removal */
    if (len == 0 || len > HOST_MAX)
        return;
    uint64_t h = hash_host(host, len);
    struct shard *s = shard_of(m, h);
    pthread_rwlock_wrlock(&s->lock);
    struct entry **p = find(s, h, host, len);
    struct entry *e = *p;
    if (e != NULL) {
        *p = e->next;
        free(e);
        s->count--;
    }
    pthread_rwlock_unlock(&s->lock);
}

/* ---- lookups ---- */

enum pvi_code
pvi_routemap_lookup(struct pvi_route *out, struct pvi_routemap *m, struct pvi_redis *r,
                    const char *host)
{
    size_t len = strnlen(host, HOST_MAX + 1);
    uint64_t h = hash_host(host, len);
    struct shard *s = shard_of(m, h);
    int keepable = len > 0 && len <= HOST_MAX && s->cap > 0;
    /* read before the GET: see the top comment */
    uint_least64_t s0 = atomic_load(&m->state);
    if ((s0 & 1) && keepable) {
        pthread_rwlock_rdlock(&s->lock);
        if (atomic_load_explicit(&m->state, memory_order_relaxed) & 1) {
            const struct entry *e = *find(s, h, host, len);
            if (e != NULL) {
                enum pvi_code rc = e->code;
                if (rc == PVI_OK)
                    *out = e->route;
                pthread_rwlock_unlock(&s->lock);
                atomic_fetch_add_explicit(&s->hits, 1, memory_order_relaxed);
                return rc;
            }
        }
        pthread_rwlock_unlock(&s->lock);
    }
    atomic_fetch_add_explicit(&s->misses, 1, memory_order_relaxed);
    enum pvi_code rc = pvi_route_lookup(out, r, host);
    if (m->hook != NULL)
        m->hook(m->hook_ctx);
    if (!(s0 & 1) || !keepable || (rc != PVI_OK && rc != PVI_NOT_FOUND) ||
        atomic_load(&m->state) != s0)
        return rc;
    struct entry *e = pvi_malloc(sizeof *e + len + 1);
    e->hash = h;
    e->code = rc;
    if (rc == PVI_OK)
        e->route = *out;
    else
        memset(&e->route, 0, sizeof e->route);
    e->len = len;
    memcpy(e->host, host, len);
    e->host[len] = '\0';
    pthread_rwlock_wrlock(&s->lock);
    if (atomic_load(&m->state) == s0 && *find(s, h, host, len) == NULL) {
        insert(s, e);
        e = NULL;
    }
    pthread_rwlock_unlock(&s->lock);
    free(e); /* not kept: a change or a reconnection came in between, or a twin won */
    return rc;
}

void
pvi_routemap_stats(size_t *entries, unsigned long *hits, unsigned long *misses, int *live,
                   struct pvi_routemap *m)
{
    size_t n = 0;
    unsigned long h = 0, mi = 0;
    for (int i = 0; i < NSHARDS; i++) {
        struct shard *s = &m->shards[i];
        pthread_rwlock_rdlock(&s->lock);
        n += s->count;
        pthread_rwlock_unlock(&s->lock);
        h += atomic_load_explicit(&s->hits, memory_order_relaxed);
        mi += atomic_load_explicit(&s->misses, memory_order_relaxed);
    }
    if (entries)
        *entries = n;
    if (hits)
        *hits = h;
    if (misses)
        *misses = mi;
    if (live)
        *live = (int)(atomic_load(&m->state) & 1);
}

void
pvi_routemap_on_change(struct pvi_routemap *m, pvi_routemap_change_fn fn, void *ctx)
{
    pthread_mutex_lock(&m->change_mu);
    m->on_change = fn;
    m->change_ctx = ctx;
    pthread_mutex_unlock(&m->change_mu);
}

void
pvi_routemap_set_fetch_hook(struct pvi_routemap *m, void (*hook)(void *ctx), void *ctx)
{
    m->hook = hook;
    m->hook_ctx = ctx;
}

/* ---- life cycle ---- */

static size_t
pow2_at_least(size_t n)
{
    size_t p = 1;
    while (p < n)
        p *= 2;
    return p;
}

/* Frees the shards and the map (the subscriber thread is not running). */
static void
map_free(struct pvi_routemap *m)
{
    for (int i = 0; i < NSHARDS; i++) {
        shard_empty(&m->shards[i]);
        pthread_rwlock_destroy(&m->shards[i].lock);
        free(m->shards[i].buckets);
    }
    close(m->wake[0]);
    close(m->wake[1]);
    pthread_mutex_destroy(&m->change_mu);
    free(m->host);
    free(m);
}

enum pvi_code
pvi_routemap_open(struct pvi_routemap **out, const char *redis_host, int redis_port, int timeout_ms,
                  size_t max_entries)
{
    *out = NULL;
    if (redis_host == NULL || *redis_host == '\0' || redis_port <= 0 || redis_port > 65535 ||
        timeout_ms <= 0 || max_entries == 0)
        return PVI_CONFIG;
    struct pvi_routemap *m = pvi_calloc(1, sizeof *m);
    if (pipe2(m->wake, O_CLOEXEC | O_NONBLOCK) != 0) {
        pvi_error("route map: pipe: %s", strerror(errno));
        free(m);
        return PVI_INTERNAL;
    }
    m->host = pvi_strdup(redis_host);
    m->port = redis_port;
    m->timeout_ms = timeout_ms;
    atomic_init(&m->state, 0);
    atomic_init(&m->stop, 0);
    pthread_mutex_init(&m->change_mu, NULL);
    for (int i = 0; i < NSHARDS; i++) {
        struct shard *s = &m->shards[i];
        pthread_rwlock_init(&s->lock, NULL);
        s->cap = max_entries / NSHARDS + ((size_t)i < max_entries % NSHARDS ? 1 : 0);
        s->max_buckets = pow2_at_least(s->cap);
        s->nbuckets = s->max_buckets < FIRST_BUCKETS ? s->max_buckets : FIRST_BUCKETS;
        s->buckets = pvi_calloc(s->nbuckets, sizeof *s->buckets);
        atomic_init(&s->hits, 0);
        atomic_init(&s->misses, 0);
    }
    int rc = pthread_create(&m->thread, NULL, pvi_routemap__subscriber, m);
    if (rc != 0) {
        pvi_error("route map: cannot start the subscriber thread: %s", strerror(rc));
        map_free(m);
        return PVI_INTERNAL;
    }
    *out = m;
    return PVI_OK;
}

void
pvi_routemap_close(struct pvi_routemap *m)
{
    if (m == NULL)
        return;
    atomic_store(&m->stop, 1);
    if (write(m->wake[1], "x", 1) < 0) {
        /* the pipe is full or broken: the thread still sees stop within POLL_MS */
    }
    pthread_join(m->thread, NULL);
    map_free(m);
}
