/* rng.c — the generator's randomness: splitmix64 seeds xoshiro256**, one
 * stream per site or client (never rand(), so every machine draws the same),
 * and the set of strings (slugs, host names) handed out or reserved. */
#include "seed_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- the PRNG ---- */

uint64_t
pvi_seed__splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void
pvi_seed__rng_init(struct pvi_seed__rng *r, uint64_t seed, uint64_t kind, uint64_t index)
{
    uint64_t x = seed;
    uint64_t a = pvi_seed__splitmix64(&x);
    x = a ^ (kind * 0xd1b54a32d192ed03ULL) ^ (index * 0x8cb92ba72f3d8dd7ULL);
    for (int i = 0; i < 4; i++)
        r->s[i] = pvi_seed__splitmix64(&x);
}

static uint64_t
rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t
rng_next(struct pvi_seed__rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

size_t
pvi_seed__below(struct pvi_seed__rng *r, size_t n)
{
    return (size_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

int
pvi_seed__range(struct pvi_seed__rng *r, int lo, int hi)
{
    return lo + (int)pvi_seed__below(r, (size_t)(hi - lo + 1));
}

int
pvi_seed__chance(struct pvi_seed__rng *r, unsigned percent)
{
    return pvi_seed__below(r, 100) < percent;
}

double
pvi_seed__unit(struct pvi_seed__rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

const char *
pvi_seed__pick(struct pvi_seed__rng *r, const struct pvi_seed__words *w)
{
    return w->v[pvi_seed__below(r, w->n)];
}

/* ---- a set of strings (open addressing) ---- */

static uint64_t
str_hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    return h;
}

int
pvi_seed__strset_has(const struct pvi_seed__strset *set, const char *s)
{
    if (set->cap == 0)
        return 0;
    for (size_t i = str_hash(s) & (set->cap - 1);; i = (i + 1) & (set->cap - 1)) {
        if (set->slot[i] == NULL)
            return 0;
        if (strcmp(set->slot[i], s) == 0)
            return 1;
    }
}

static void
strset_grow(struct pvi_seed__strset *set)
{
    struct pvi_seed__strset bigger = {.cap = set->cap ? set->cap * 2 : 1024};
    bigger.slot = pvi_calloc(bigger.cap, sizeof *bigger.slot);
    for (size_t i = 0; i < set->cap; i++) {
        char *s = set->slot[i];
        if (s == NULL)
            continue;
        size_t j = str_hash(s) & (bigger.cap - 1);
        while (bigger.slot[j])
            j = (j + 1) & (bigger.cap - 1);
        bigger.slot[j] = s;
        bigger.n++;
    }
    free(set->slot);
    *set = bigger;
}

/* Adds a copy of s (no-op when present). */
void
pvi_seed__strset_add(struct pvi_seed__strset *set, const char *s)
{
    if ((set->n + 1) * 2 > set->cap)
        strset_grow(set);
    size_t i = str_hash(s) & (set->cap - 1);
    while (set->slot[i]) {
        if (strcmp(set->slot[i], s) == 0)
            return;
        i = (i + 1) & (set->cap - 1);
    }
    set->slot[i] = pvi_strdup(s);
    set->n++;
}

void
pvi_seed__strset_free(struct pvi_seed__strset *set)
{
    for (size_t i = 0; i < set->cap; i++)
        free(set->slot[i]);
    free(set->slot);
    *set = (struct pvi_seed__strset){0};
}
