/* test_cache.c — the page cache: hits, replacement, the size budget and
 * least-recently-used eviction, and a zero budget that stores nothing. */
#include "testenv.h"

#include "pvi/pvi_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
stores_and_returns_copies(void **state)
{
    (void)state;
    struct pvi_cache *c;
    pvi_cache_new(&c, 1 << 20);
    char *v;
    size_t n;
    assert_int_equal(pvi_cache_get(c, "a", &v, &n), 0);
    assert_null(v);
    pvi_cache_put(c, "a", "hello", 5);
    assert_int_equal(pvi_cache_get(c, "a", &v, &n), 1);
    assert_int_equal(n, 5);
    assert_memory_equal(v, "hello", 5);
    free(v);
    pvi_cache_put(c, "a", "bye", 3); /* replaced */
    assert_int_equal(pvi_cache_get(c, "a", &v, &n), 1);
    assert_int_equal(n, 3);
    free(v);
    size_t bytes, entries;
    unsigned long hits, misses;
    pvi_cache_stats(c, &bytes, &entries, &hits, &misses);
    assert_int_equal(entries, 1);
    assert_int_equal(hits, 2);
    assert_int_equal(misses, 1);
    pvi_cache_free(c);
}

static void
an_acquired_value_outlives_its_eviction(void **state)
{
    (void)state;
    struct pvi_cache *c;
    pvi_cache_new(&c, 16 * 64 * 1024); /* 64 kB per shard */
    const char *data = NULL;
    size_t n = 0;
    pvi_cache_put(c, "page", "<p>v1</p>", 9);
    struct pvi_cache_value *v = pvi_cache_acquire(c, "page", &data, &n);
    assert_non_null(v);
    assert_int_equal(n, 9);
    assert_string_equal(data, "<p>v1</p>");
    /* replaced, then pushed out by many others: the reader's copy stays intact */
    pvi_cache_put(c, "page", "<p>v2</p>", 9);
    char big[6000], key[32];
    memset(big, 'y', sizeof big);
    for (int i = 0; i < 1000; i++) {
        snprintf(key, sizeof key, "other-%d", i);
        pvi_cache_put(c, key, big, sizeof big);
    }
    assert_string_equal(data, "<p>v1</p>");
    pvi_cache_release(v); /* freed now (ASan would report a leak or a reuse) */
    assert_null(pvi_cache_acquire(c, "missing", &data, &n));
    assert_null(data);
    pvi_cache_free(c);
}

static void
stays_within_its_budget_evicting_the_least_recent(void **state)
{
    (void)state;
    struct pvi_cache *c;
    size_t budget = 512 * 1024;
    pvi_cache_new(&c, budget);
    char value[4000];
    memset(value, 'x', sizeof value);
    char key[32];
    for (int i = 0; i < 2000; i++) {
        snprintf(key, sizeof key, "page-%d", i);
        pvi_cache_put(c, key, value, sizeof value);
        /* keep page-0 hot */
        char *v;
        size_t n;
        if (pvi_cache_get(c, "page-0", &v, &n))
            free(v);
    }
    size_t bytes, entries;
    unsigned long hits, misses;
    pvi_cache_stats(c, &bytes, &entries, &hits, &misses);
    assert_true(bytes <= budget);
    assert_true(entries > 50 && entries < 2000);
    char *v;
    size_t n;
    assert_int_equal(pvi_cache_get(c, "page-0", &v, &n), 1); /* recently used: kept */
    free(v);
    assert_int_equal(pvi_cache_get(c, "page-1", &v, &n), 0); /* old: evicted */
    pvi_cache_free(c);
}

static void
zero_budget_stores_nothing(void **state)
{
    (void)state;
    struct pvi_cache *c;
    pvi_cache_new(&c, 0);
    pvi_cache_put(c, "a", "hello", 5);
    char *v;
    size_t n;
    assert_int_equal(pvi_cache_get(c, "a", &v, &n), 0);
    pvi_cache_free(c);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stores_and_returns_copies),
        cmocka_unit_test(an_acquired_value_outlives_its_eviction),
        cmocka_unit_test(stays_within_its_budget_evicting_the_least_recent),
        cmocka_unit_test(zero_budget_stores_nothing),
    };
    return cmocka_run_group_tests_name("cache", tests, NULL, NULL);
}
