/* pvi_cache.h — a size-bounded, thread-safe cache of rendered pages.
 *
 * Keys are strings that name an immutable input (a published revision's
 * document path, the page, the stylesheet generation), so an entry never
 * needs invalidating: a publication changes the key. When the total size of
 * the entries would exceed the budget, the least recently used are evicted.
 * Sharded by key hash, one mutex per shard. */
#ifndef PVI_CACHE_H
#define PVI_CACHE_H

#include <stddef.h>

struct pvi_cache;

/* budget_bytes 0 gives a cache that stores nothing. *out belongs to the
 * caller (pvi_cache_free). */
void pvi_cache_new(struct pvi_cache **out, size_t budget_bytes);
void pvi_cache_free(struct pvi_cache *c);

/* A hit without copying: *data (NUL-terminated) and *len_out stay valid until
 * the value is released, even if the entry is evicted or replaced meanwhile.
 * NULL on a miss. Every non-NULL value is released exactly once. */
struct pvi_cache_value;
struct pvi_cache_value *pvi_cache_acquire(struct pvi_cache *c, const char *key,
                                          const char **data, size_t *len_out);
void pvi_cache_release(struct pvi_cache_value *v);

/* Copies the value into *out (caller frees), with its length; 1 on a hit,
 * 0 on a miss (*out NULL). */
int pvi_cache_get(struct pvi_cache *c, const char *key, char **out, size_t *len_out);
/* Stores a copy of the value (replacing any). Values larger than an eighth
 * of a shard's budget are not stored. */
void pvi_cache_put(struct pvi_cache *c, const char *key, const char *value, size_t len);

/* Bytes held, entries held, hits and misses so far (for /metrics). */
void pvi_cache_stats(struct pvi_cache *c, size_t *bytes, size_t *entries, unsigned long *hits,
                     unsigned long *misses);

#endif
