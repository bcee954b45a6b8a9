/* cache.c — sharded LRU byte cache with a size budget, optionally LZ4
 * compressed against a dictionary made of the first values stored; a
 * compressed value asked for a third time keeps a plain copy too, within an
 * eighth of the budget, first come first served (the pages most visitors ask
 * for are then copied, not decompressed). */
#include "pvi/pvi_cache.h"

#include "pvi/pvi_mem.h"

#include <lz4.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NSHARDS 16

/* An entry is shared by the cache and by the readers that acquired it: it is
 * freed when the last of them lets it go, so an entry evicted while a
 * response still sends it stays valid until the response is done. */
struct entry {
    struct entry *next_hash;
    struct entry *prev, *next; /* LRU: head is most recent */
    uint64_t hash;
    atomic_uint refs;
    size_t len;     /* bytes held in value */
    size_t raw_len; /* bytes of the value as stored: len, or more when compressed */
    int compressed; /* LZ4 block against the cache's dictionary */
    unsigned hits;  /* under the shard's lock */
    char *plain;    /* a compressed value's plain copy from its third lookup
                       (set once, under the shard's lock), or NULL */
    char *key;
    char *value;
};

struct shard {
    pthread_mutex_t mu;
    struct entry **buckets;
    size_t nbuckets;
    size_t count;
    size_t bytes;
    struct entry *head, *tail;
    unsigned long hits, misses;
};

/* The dictionary: the first DICT_BYTES of values stored (pages of the same
 * charters share most of their markup), frozen once full; values stored
 * before that are kept uncompressed. A pre-loaded LZ4 stream is copied for
 * each compression (cheaper than loading the dictionary every time). */
#define DICT_BYTES (64 * 1024)

struct pvi_cache {
    size_t shard_budget;
    size_t hot_budget; /* plain copies of compressed values */
    atomic_size_t hot_bytes;
    int lz4;
    pthread_mutex_t dict_mu;
    struct pvi_buf sample;     /* values gathered until DICT_BYTES */
    char *dict;                /* frozen dictionary (DICT_BYTES) */
    LZ4_stream_t *dict_stream; /* dict loaded */
    atomic_int dict_ready;
    struct shard shards[NSHARDS];
};

static uint64_t
hash_key(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

static size_t
cost(const struct entry *e)
{
    return e->len + strlen(e->key) + sizeof *e + 32;
}

void
pvi_cache_new(struct pvi_cache **out, size_t budget_bytes, int flags)
{
    struct pvi_cache *c = pvi_calloc(1, sizeof *c);
    c->shard_budget = budget_bytes / NSHARDS;
    c->hot_budget = budget_bytes / 8;
    c->lz4 = (flags & PVI_CACHE_LZ4) != 0;
    pthread_mutex_init(&c->dict_mu, NULL);
    for (int i = 0; i < NSHARDS; i++) {
        pthread_mutex_init(&c->shards[i].mu, NULL);
        c->shards[i].nbuckets = 1024;
        c->shards[i].buckets = pvi_calloc(1024, sizeof *c->shards[i].buckets);
    }
    *out = c;
}

static void
entry_free(struct pvi_cache *c, struct entry *e)
{
    if (atomic_fetch_sub_explicit(&e->refs, 1, memory_order_acq_rel) != 1)
        return;
    if (e->plain) {
        atomic_fetch_sub(&c->hot_bytes, e->raw_len);
        free(e->plain);
    }
    free(e->key);
    free(e->value);
    free(e);
}

void
pvi_cache_free(struct pvi_cache *c)
{
    if (c == NULL)
        return;
    for (int i = 0; i < NSHARDS; i++) {
        struct shard *s = &c->shards[i];
        for (struct entry *e = s->head, *n; e; e = n) {
            n = e->next;
            entry_free(c, e);
        }
        free(s->buckets);
        pthread_mutex_destroy(&s->mu);
    }
    pvi_buf_free(&c->sample);
    free(c->dict);
    free(c->dict_stream);
    pthread_mutex_destroy(&c->dict_mu);
    free(c);
}

static void
lru_unlink(struct shard *s, struct entry *e)
{
    if (e->prev)
        e->prev->next = e->next;
    else
        s->head = e->next;
    if (e->next)
        e->next->prev = e->prev;
    else
        s->tail = e->prev;
    e->prev = e->next = NULL;
}

static void
lru_push(struct shard *s, struct entry *e)
{
    e->next = s->head;
    e->prev = NULL;
    if (s->head)
        s->head->prev = e;
    s->head = e;
    if (s->tail == NULL)
        s->tail = e;
}

static struct entry **
slot(struct shard *s, uint64_t h, const char *key)
{
    struct entry **p = &s->buckets[(h >> 4) % s->nbuckets];
    while (*p && !((*p)->hash == h && strcmp((*p)->key, key) == 0))
        p = &(*p)->next_hash;
    return p;
}

static void
remove_entry(struct pvi_cache *c, struct shard *s, struct entry *e)
{
    struct entry **p = slot(s, e->hash, e->key);
    *p = e->next_hash;
    lru_unlink(s, e);
    s->bytes -= cost(e);
    s->count--;
    entry_free(c, e);
}

static void
grow(struct shard *s)
{
    size_t n = s->nbuckets * 2;
    struct entry **b = pvi_calloc(n, sizeof *b);
    for (size_t i = 0; i < s->nbuckets; i++)
        for (struct entry *e = s->buckets[i], *next; e; e = next) {
            next = e->next_hash;
            struct entry **p = &b[(e->hash >> 4) % n];
            e->next_hash = *p;
            *p = e;
        }
    free(s->buckets);
    s->buckets = b;
    s->nbuckets = n;
}

/* Gives a compressed entry asked for again a plain copy of its value (v),
 * if the hot budget allows. */
static void
keep_plain(struct pvi_cache *c, struct shard *s, struct entry *e, const char *v)
{
    size_t n = e->raw_len;
    if (atomic_fetch_add(&c->hot_bytes, n) + n > c->hot_budget) {
        atomic_fetch_sub(&c->hot_bytes, n);
        return;
    }
    char *p = pvi_malloc(n);
    memcpy(p, v, n);
    pthread_mutex_lock(&s->mu);
    int mine = e->plain == NULL;
    if (mine)
        e->plain = p;
    pthread_mutex_unlock(&s->mu);
    if (!mine) { /* another reader was first */
        atomic_fetch_sub(&c->hot_bytes, n);
        free(p);
    }
}

int
pvi_cache_get(char **out, size_t *len_out, struct pvi_cache *c, const char *key)
{
    *out = NULL;
    *len_out = 0;
    if (c == NULL || c->shard_budget == 0)
        return 0;
    uint64_t h = hash_key(key);
    struct shard *s = &c->shards[h % NSHARDS];
    pthread_mutex_lock(&s->mu);
    struct entry *e = *slot(s, h, key);
    const char *plain = NULL;
    unsigned hits = 0;
    if (e) {
        lru_unlink(s, e);
        lru_push(s, e);
        atomic_fetch_add_explicit(&e->refs, 1, memory_order_relaxed);
        hits = ++e->hits;
        plain = e->plain;
        s->hits++;
    } else {
        s->misses++;
    }
    pthread_mutex_unlock(&s->mu);
    if (e == NULL)
        return 0;
    /* copied (or decompressed) outside the lock: the reference keeps the
     * entry alive even if it is evicted meanwhile */
    char *v = pvi_malloc(e->raw_len + 1);
    int ok = 1;
    if (plain)
        memcpy(v, plain, e->raw_len);
    else if (!e->compressed)
        memcpy(v, e->value, e->len);
    else
        ok = LZ4_decompress_safe_usingDict(e->value, v, (int)e->len, (int)e->raw_len, c->dict,
                                           DICT_BYTES) == (int)e->raw_len;
    v[e->raw_len] = '\0';
    *len_out = e->raw_len;
    if (ok && plain == NULL && e->compressed && hits >= 3)
        keep_plain(c, s, e, v);
    entry_free(c, e);
    if (!ok) { /* cannot happen with our own blocks; a miss rather than garbage */
        free(v);
        *len_out = 0;
        return 0;
    }
    *out = v;
    return 1;
}

int
pvi_cache_has(struct pvi_cache *c, const char *key)
{
    if (c == NULL || c->shard_budget == 0)
        return 0;
    uint64_t h = hash_key(key);
    struct shard *s = &c->shards[h % NSHARDS];
    pthread_mutex_lock(&s->mu);
    int found = *slot(s, h, key) != NULL;
    pthread_mutex_unlock(&s->mu);
    return found;
}

/* Gathers the first values into the dictionary; freezes it once full. */
static void
dict_feed(struct pvi_cache *c, const char *value, size_t len)
{
    pthread_mutex_lock(&c->dict_mu);
    if (!atomic_load(&c->dict_ready)) {
        size_t room = DICT_BYTES - c->sample.len;
        pvi_buf_append(&c->sample, value, len < room ? len : room);
        if (c->sample.len >= DICT_BYTES) {
            c->dict = pvi_buf_steal(&c->sample);
            c->dict_stream = pvi_malloc(sizeof *c->dict_stream);
            LZ4_initStream(c->dict_stream, sizeof *c->dict_stream);
            LZ4_loadDict(c->dict_stream, c->dict, DICT_BYTES);
            atomic_store_explicit(&c->dict_ready, 1, memory_order_release);
        }
    }
    pthread_mutex_unlock(&c->dict_mu);
}

/* Fills e->value from value: LZ4 against the dictionary when ready and
 * worth it, else a plain copy. */
static void
entry_store(struct pvi_cache *c, struct entry *e, const char *value, size_t len)
{
    e->raw_len = len;
    if (c->lz4 && len > 64 && len < (size_t)LZ4_MAX_INPUT_SIZE &&
        atomic_load_explicit(&c->dict_ready, memory_order_acquire)) {
        int bound = LZ4_compressBound((int)len);
        char *dst = pvi_malloc((size_t)bound);
        LZ4_stream_t *work = pvi_malloc(sizeof *work);
        memcpy(work, c->dict_stream, sizeof *work);
        int n = LZ4_compress_fast_continue(work, value, dst, (int)len, bound, 1);
        free(work);
        if (n > 0 && (size_t)n < len) {
            e->value = pvi_realloc(dst, (size_t)n);
            e->len = (size_t)n;
            e->compressed = 1;
            return;
        }
        free(dst);
    } else if (c->lz4) {
        dict_feed(c, value, len);
    }
    e->value = pvi_malloc(len + 1);
    memcpy(e->value, value, len);
    e->value[len] = '\0';
    e->len = len;
}

void
pvi_cache_put(struct pvi_cache *c, const char *key, const char *value, size_t len)
{
    if (c == NULL || c->shard_budget == 0 || len > c->shard_budget / 8)
        return;
    uint64_t h = hash_key(key);
    struct shard *s = &c->shards[h % NSHARDS];
    struct entry *e = pvi_calloc(1, sizeof *e);
    atomic_init(&e->refs, 1); /* the cache's own reference */
    e->hash = h;
    e->key = pvi_strdup(key);
    entry_store(c, e, value, len);
    pthread_mutex_lock(&s->mu);
    struct entry *old = *slot(s, h, key);
    if (old)
        remove_entry(c, s, old);
    while (s->tail && s->bytes + cost(e) > c->shard_budget)
        remove_entry(c, s, s->tail);
    struct entry **p = slot(s, h, key);
    *p = e;
    lru_push(s, e);
    s->bytes += cost(e);
    s->count++;
    if (s->count > s->nbuckets)
        grow(s);
    pthread_mutex_unlock(&s->mu);
}

size_t
pvi_cache_retain(struct pvi_cache *c, pvi_cache_keep_fn keep, void *arg)
{
    size_t removed = 0;
    for (int i = 0; c && i < NSHARDS; i++) {
        struct shard *s = &c->shards[i];
        pthread_mutex_lock(&s->mu);
        for (struct entry *e = s->head, *next; e; e = next) {
            next = e->next;
            if (!keep(e->key, arg)) {
                remove_entry(c, s, e);
                removed++;
            }
        }
        pthread_mutex_unlock(&s->mu);
    }
    return removed;
}

size_t
pvi_cache_hot_bytes(struct pvi_cache *c)
{
    return c ? atomic_load(&c->hot_bytes) : 0;
}

void
pvi_cache_stats(size_t *bytes, size_t *entries, unsigned long *hits, unsigned long *misses,
                struct pvi_cache *c)
{
    *bytes = *entries = 0;
    *hits = *misses = 0;
    for (int i = 0; c && i < NSHARDS; i++) {
        struct shard *s = &c->shards[i];
        pthread_mutex_lock(&s->mu);
        *bytes += s->bytes;
        *entries += s->count;
        *hits += s->hits;
        *misses += s->misses;
        pthread_mutex_unlock(&s->mu);
    }
}
