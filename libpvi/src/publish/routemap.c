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
#include "pvi/pvi_routemap.h"

#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

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

static void
go_down(struct pvi_routemap *m)
{
    set_live(m, 0); /* the bump first, then the emptying: see the top comment */
    empty_all(m);
}

static void
forget(struct pvi_routemap *m, const char *host, size_t len)
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

/* ---- the subscriber thread ---- */

static int64_t
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits at most ms for events on fd (none if fd < 0) or for a stop. Returns
 * fd's revents (0 on time-out), or -1 when the thread must stop. */
static int
wait_fd(struct pvi_routemap *m, int fd, short events, int ms)
{
    struct pollfd p[2] = {{.fd = m->wake[0], .events = POLLIN}, {.fd = fd, .events = events}};
    int n = poll(p, fd >= 0 ? 2 : 1, ms);
    if (atomic_load(&m->stop))
        return -1;
    if (n <= 0 || fd < 0)
        return 0; /* time-out or EINTR: the caller loops */
    return p[1].revents;
}

/* Waits until fd is ready for events or deadline passes. 1 ready, 0
 * time-out, -1 stop. */
static int
wait_until(struct pvi_routemap *m, int fd, short events, int64_t deadline)
{
    for (;;) {
        int64_t left = deadline - now_ms();
        if (left <= 0)
            return 0;
        int ev = wait_fd(m, fd, events, left < POLL_MS ? (int)left : POLL_MS);
        if (ev != 0)
            return ev < 0 ? -1 : 1;
    }
}

/* Connects (without blocking: the connection is waited for with poll, so a
 * stop is seen at once) and sends SUBSCRIBE. NULL with *why on failure. */
static redisContext *
connect_and_subscribe(struct pvi_routemap *m, char *why, size_t cap)
{
    redisContext *c = redisConnectNonBlock(m->host, m->port);
    if (c == NULL) {
        snprintf(why, cap, "out of memory");
        return NULL;
    }
    int64_t deadline = now_ms() + m->timeout_ms;
    int err = 0;
    socklen_t len = sizeof err;
    if (c->err) {
        snprintf(why, cap, "%s", c->errstr);
        goto fail;
    }
    int w = wait_until(m, c->fd, POLLOUT, deadline);
    if (w <= 0) {
        snprintf(why, cap, w < 0 ? "stopping" : "connect timed out");
        goto fail;
    }
    if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
        err = errno;
    if (err != 0) {
        snprintf(why, cap, "%s", strerror(err));
        goto fail;
    }
    if (redisEnableKeepAlive(c) != REDIS_OK ||
        redisAppendCommand(c, "SUBSCRIBE " CHANNEL) != REDIS_OK) {
        snprintf(why, cap, "%s", c->errstr);
        goto fail;
    }
    for (int done = 0; !done;) {
        if (redisBufferWrite(c, &done) != REDIS_OK) {
            snprintf(why, cap, "%s", c->errstr);
            goto fail;
        }
        if (!done && (w = wait_until(m, c->fd, POLLOUT, deadline)) <= 0) {
            snprintf(why, cap, w < 0 ? "stopping" : "write timed out");
            goto fail;
        }
    }
    return c;
fail:
    redisFree(c);
    return NULL;
}

/* One reply on the subscribed connection. 0, or -1 to drop the connection. */
static int
on_reply(struct pvi_routemap *m, const redisReply *rep, int *live, char *why, size_t cap)
{
    if (rep->type == REDIS_REPLY_ERROR) {
        snprintf(why, cap, "redis: %s", rep->str);
        return -1;
    }
    if (rep->type != REDIS_REPLY_ARRAY || rep->elements < 3 ||
        rep->element[0]->type != REDIS_REPLY_STRING)
        return 0;
    const char *kind = rep->element[0]->str;
    if (strcmp(kind, "message") == 0) {
        const redisReply *host = rep->element[2];
        if (host->type == REDIS_REPLY_STRING) {
            forget(m, host->str, host->len);
            pthread_mutex_lock(&m->change_mu);
            if (m->on_change != NULL && host->len < 254)
                m->on_change(host->str, m->change_ctx);
            pthread_mutex_unlock(&m->change_mu);
        } else
            atomic_fetch_add(&m->state, 2);
    } else if (strcmp(kind, "subscribe") == 0 && !*live) {
        empty_all(m); /* already empty; cheap, and keeps the rule local */
        set_live(m, 1);
        *live = 1;
        pvi_info("route map: subscribed to %s on %s:%d, the map is in use", CHANNEL, m->host,
                 m->port);
    } else if (strcmp(kind, "unsubscribe") == 0) {
        snprintf(why, cap, "unsubscribed");
        return -1;
    }
    return 0;
}

/* Reads the subscribed connection until it fails or the thread must stop.
 * Returns whether the subscription became live; *why says what ended it.
 *
 * After HEARTBEAT_MS without anything from Redis, a PING (allowed on a
 * subscribed connection) must be answered within PING_WAIT_MS or timeout_ms,
 * whichever is longer: a server that vanished without closing the
 * connection (a partition, a frozen host) is noticed in about two seconds,
 * rather than after the ~30 s of TCP keepalive, which stays on as a second
 * line. (A 200 ms deadline was seen to expire on a busy machine: a false
 * alarm empties the map.) */
static int
listen_on(struct pvi_routemap *m, redisContext *c, char *why, size_t cap)
{
    int live = 0;
    int64_t deadline = now_ms() + m->timeout_ms; /* for the confirmation */
    int64_t last_heard = now_ms(), ping_sent = 0;
    const int ping_wait = m->timeout_ms > PING_WAIT_MS ? m->timeout_ms : PING_WAIT_MS;
    int writing = 0; /* part of a PING still to send */
    for (;;) {
        void *rep = NULL;
        while (redisGetReplyFromReader(c, &rep) == REDIS_OK && rep != NULL) {
            int rc = on_reply(m, rep, &live, why, cap);
            freeReplyObject(rep);
            rep = NULL;
            last_heard = now_ms();
            ping_sent = 0;
            if (rc != 0)
                return live;
        }
        if (c->err) {
            snprintf(why, cap, "%s", c->errstr);
            return live;
        }
        int ms = POLL_MS;
        int64_t t = now_ms();
        if (!live) {
            int64_t left = deadline - t;
            if (left <= 0) {
                snprintf(why, cap, "no answer to SUBSCRIBE");
                return live;
            }
            if (left < ms)
                ms = (int)left;
        } else if (ping_sent != 0 && t - ping_sent > ping_wait) {
            snprintf(why, cap, "no answer to PING within %d ms", ping_wait);
            return live;
        } else if (ping_sent == 0 && t - last_heard >= HEARTBEAT_MS) {
            if (redisAppendCommand(c, "PING") != REDIS_OK) {
                snprintf(why, cap, "%s", c->errstr);
                return live;
            }
            ping_sent = t;
            writing = 1;
        }
        if (writing) {
            int done = 0;
            if (redisBufferWrite(c, &done) != REDIS_OK) {
                snprintf(why, cap, "%s", c->errstr);
                return live;
            }
            writing = !done;
        }
        int ev = wait_fd(m, c->fd, writing ? POLLIN | POLLOUT : POLLIN, ms);
        if (ev < 0) {
            snprintf(why, cap, "stopping");
            return live;
        }
        if ((ev & ~POLLOUT) != 0 && redisBufferRead(c) != REDIS_OK) {
            snprintf(why, cap, "%s", c->errstr);
            return live;
        }
    }
}

static void *
subscriber(void *arg)
{
    struct pvi_routemap *m = arg;
    int backoff = BACKOFF_MIN_MS;
    int reported = 0; /* the current outage was logged */
    while (!atomic_load(&m->stop)) {
        char why[160] = "";
        int was_live = 0;
        redisContext *c = connect_and_subscribe(m, why, sizeof why);
        if (c != NULL) {
            was_live = listen_on(m, c, why, sizeof why);
            redisFree(c);
        }
        /* Any end of a connection: not live, epoch bumped, map emptied. */
        go_down(m);
        if (atomic_load(&m->stop))
            break;
        if (was_live) {
            pvi_warn("route map: subscription to %s lost (%s); lookups go to Redis until it is "
                     "restored",
                     CHANNEL, why);
            backoff = BACKOFF_MIN_MS;
            reported = 1;
        } else if (!reported) {
            pvi_warn("route map: cannot subscribe to %s on %s:%d (%s); lookups go to Redis, "
                     "retrying",
                     CHANNEL, m->host, m->port, why);
            reported = 1;
        }
        if (wait_fd(m, -1, 0, backoff) < 0)
            break;
        backoff = backoff * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : backoff * 2;
    }
    return NULL;
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
    int rc = pthread_create(&m->thread, NULL, subscriber, m);
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
