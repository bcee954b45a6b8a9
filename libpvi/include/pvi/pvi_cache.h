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

/* PVI_CACHE_LZ4: values are kept LZ4-compressed against a dictionary made of
 * the first 64 kB of values stored (rendered pages share most of their
 * markup: about a fifth of the memory each), at the price of a
 * decompression per hit (a few µs for a page). */
enum { PVI_CACHE_LZ4 = 1 };

/* budget_bytes 0 gives a cache that stores nothing. flags: 0 or
 * PVI_CACHE_LZ4. *out belongs to the caller (pvi_cache_free). */
void pvi_cache_new(struct pvi_cache **out, size_t budget_bytes, int flags);
void pvi_cache_free(struct pvi_cache *c);

/* Copies (or decompresses) the value into *out (caller frees; NUL-terminated),
 * with its length; 1 on a hit, 0 on a miss (*out NULL). */
int pvi_cache_get(char **out, size_t *len_out, struct pvi_cache *c, const char *key);
/* Whether key is held, without counting a lookup or refreshing the entry. */
int pvi_cache_has(struct pvi_cache *c, const char *key);
/* Stores a copy of the value (replacing any). Values larger than an eighth
 * of a shard's budget are not stored. */
void pvi_cache_put(struct pvi_cache *c, const char *key, const char *value, size_t len);

/* Removes every entry whose key keep(key, arg) rejects (keep returns 0);
 * returns how many. keep runs under a shard's lock: it must be quick and
 * must not use the cache. */
typedef int (*pvi_cache_keep_fn)(const char *key, void *arg);
size_t pvi_cache_retain(struct pvi_cache *c, pvi_cache_keep_fn keep, void *arg);
/* Bytes held as plain copies of compressed values asked for more than once
 * (at most an eighth of the budget, beside it). */
size_t pvi_cache_hot_bytes(struct pvi_cache *c);
/* Bytes held (compressed), entries held, hits and misses so far (for /metrics). */
void pvi_cache_stats(size_t *bytes, size_t *entries, unsigned long *hits, unsigned long *misses,
                     struct pvi_cache *c);

#endif
