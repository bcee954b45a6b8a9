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
    pvi_cache_new(&c, 1 << 20, 0);
    char *v;
    size_t n;
    assert_int_equal(pvi_cache_get(&v, &n, c, "a"), 0);
    assert_null(v);
    pvi_cache_put(c, "a", "hello", 5);
    assert_int_equal(pvi_cache_get(&v, &n, c, "a"), 1);
    assert_int_equal(n, 5);
    assert_memory_equal(v, "hello", 5);
    free(v);
    pvi_cache_put(c, "a", "bye", 3); /* replaced */
    assert_int_equal(pvi_cache_get(&v, &n, c, "a"), 1);
    assert_int_equal(n, 3);
    free(v);
    size_t bytes, entries;
    unsigned long hits, misses;
    pvi_cache_stats(&bytes, &entries, &hits, &misses, c);
    assert_int_equal(entries, 1);
    assert_int_equal(hits, 2);
    assert_int_equal(misses, 1);
    pvi_cache_free(c);
}

/* A page-like value: shared markup around a varying part. */
static size_t
page(char *out, size_t cap, int i)
{
    int n = snprintf(out, cap,
                     "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
                     "<title>Entreprise %d</title></head><body class=\"classique page-home\">"
                     "<header class=\"cl-band\"><nav class=\"cl-nav\"><ul><li><a href=\"/\">"
                     "Accueil</a></li><li><a href=\"/services\">Prestations</a></li></ul></nav>"
                     "</header><main id=\"contenu\"><h1>Entreprise num\xC3\xA9ro %d</h1>"
                     "<table class=\"cl-hours\"><tr><th scope=\"row\">Lundi</th><td>%dh00 "
                     "\xE2\x80\x93 12h00</td></tr></table></main></body></html>",
                     i, i * 7919, 8 + i % 3);
    return (size_t)n;
}

static void
compressed_values_come_back_identical_and_take_less_room(void **state)
{
    (void)state;
    struct pvi_cache *plain, *lz4;
    pvi_cache_new(&plain, 64 << 20, 0);
    pvi_cache_new(&lz4, 64 << 20, PVI_CACHE_LZ4);
    char v[2048], key[32];
    for (int i = 0; i < 2000; i++) { /* the first 64 kB build the dictionary */
        size_t n = page(v, sizeof v, i);
        snprintf(key, sizeof key, "page-%d", i);
        pvi_cache_put(plain, key, v, n);
        pvi_cache_put(lz4, key, v, n);
    }
    for (int i = 0; i < 2000; i++) {
        size_t n = page(v, sizeof v, i), got_n = 0;
        char *got = NULL;
        snprintf(key, sizeof key, "page-%d", i);
        assert_int_equal(pvi_cache_get(&got, &got_n, lz4, key), 1);
        assert_int_equal(got_n, n);
        assert_memory_equal(got, v, n);
        assert_int_equal(got[n], '\0');
        free(got);
    }
    size_t plain_bytes, lz4_bytes, entries;
    unsigned long hits, misses;
    pvi_cache_stats(&plain_bytes, &entries, &hits, &misses, plain);
    pvi_cache_stats(&lz4_bytes, &entries, &hits, &misses, lz4);
    assert_int_equal(entries, 2000);
    /* entries count their key and bookkeeping too: well under half */
    if (lz4_bytes * 2 > plain_bytes)
        fail_msg("compressed %zu bytes, plain %zu", lz4_bytes, plain_bytes);
    pvi_cache_free(plain);
    pvi_cache_free(lz4);
}

static void
stays_within_its_budget_evicting_the_least_recent(void **state)
{
    (void)state;
    struct pvi_cache *c;
    size_t budget = 512 * 1024;
    pvi_cache_new(&c, budget, 0);
    char value[4000];
    memset(value, 'x', sizeof value);
    char key[32];
    for (int i = 0; i < 2000; i++) {
        snprintf(key, sizeof key, "page-%d", i);
        pvi_cache_put(c, key, value, sizeof value);
        /* keep page-0 hot */
        char *v;
        size_t n;
        if (pvi_cache_get(&v, &n, c, "page-0"))
            free(v);
    }
    size_t bytes, entries;
    unsigned long hits, misses;
    pvi_cache_stats(&bytes, &entries, &hits, &misses, c);
    assert_true(bytes <= budget);
    assert_true(entries > 50 && entries < 2000);
    char *v;
    size_t n;
    assert_int_equal(pvi_cache_get(&v, &n, c, "page-0"), 1); /* recently used: kept */
    free(v);
    assert_int_equal(pvi_cache_get(&v, &n, c, "page-1"), 0); /* old: evicted */
    pvi_cache_free(c);
}

static void
zero_budget_stores_nothing(void **state)
{
    (void)state;
    struct pvi_cache *c;
    pvi_cache_new(&c, 0, 0);
    pvi_cache_put(c, "a", "hello", 5);
    char *v;
    size_t n;
    assert_int_equal(pvi_cache_get(&v, &n, c, "a"), 0);
    pvi_cache_free(c);
}

/* A compressed value asked for a third time keeps a plain copy, and comes
 * back identical from it; plain copies stay within an eighth of the budget
 * and go with their entries. */
static void
values_asked_for_often_keep_a_plain_copy_within_budget(void **state)
{
    (void)state;
    struct pvi_cache *c;
    size_t budget = 1 << 20;
    pvi_cache_new(&c, budget, PVI_CACHE_LZ4);
    char v[2048], key[32];
    for (int i = 0; i < 1000; i++) { /* the first 64 kB build the dictionary */
        size_t n = page(v, sizeof v, i);
        snprintf(key, sizeof key, "page-%d", i);
        pvi_cache_put(c, key, v, n);
    }
    size_t n = page(v, sizeof v, 999);
    for (int round = 1; round <= 4; round++) {
        char *got = NULL;
        size_t got_n = 0;
        assert_int_equal(pvi_cache_get(&got, &got_n, c, "page-999"), 1);
        assert_int_equal(got_n, n);
        assert_memory_equal(got, v, n);
        assert_int_equal(got[n], '\0');
        free(got);
        assert_int_equal(pvi_cache_hot_bytes(c), round >= 3 ? n : 0);
    }
    /* every value asked for three times: the plain copies stop at budget / 8 */
    for (int i = 0; i < 1000; i++)
        for (int k = 0; k < 3; k++) {
            char *got = NULL;
            size_t got_n = 0;
            snprintf(key, sizeof key, "page-%d", i);
            assert_int_equal(pvi_cache_get(&got, &got_n, c, key), 1);
            assert_int_equal(got_n, page(v, sizeof v, i));
            assert_memory_equal(got, v, got_n);
            free(got);
        }
    size_t hot = pvi_cache_hot_bytes(c);
    if (!(hot > budget / 8 - sizeof v && hot <= budget / 8))
        fail_msg("plain copies: %zu bytes, budget / 8 = %zu", hot, budget / 8);
    /* new values push the old ones out, and their plain copies with them */
    for (int i = 1000; i < 20000; i++) {
        size_t m = page(v, sizeof v, i);
        snprintf(key, sizeof key, "page-%d", i);
        pvi_cache_put(c, key, v, m);
    }
    char *got = NULL;
    size_t got_n = 0;
    assert_int_equal(pvi_cache_get(&got, &got_n, c, "page-100"), 0);
    assert_true(pvi_cache_hot_bytes(c) < hot);
    pvi_cache_free(c);
}

static int
ends_in_1(const char *key, void *arg)
{
    (void)arg;
    size_t n = strlen(key);
    return n > 0 && key[n - 1] == '1';
}

/* pvi_cache_retain drops exactly the entries its predicate rejects. */
static void
retain_drops_the_rejected_entries(void **state)
{
    (void)state;
    struct pvi_cache *c;
    pvi_cache_new(&c, 1 << 20, 0);
    pvi_cache_put(c, "a|1", "one", 3);
    pvi_cache_put(c, "b|2", "two", 3);
    pvi_cache_put(c, "c|1", "three", 5);
    assert_int_equal(pvi_cache_retain(c, ends_in_1, NULL), 1);
    char *v = NULL;
    size_t n = 0;
    assert_int_equal(pvi_cache_get(&v, &n, c, "b|2"), 0);
    assert_int_equal(pvi_cache_get(&v, &n, c, "a|1"), 1);
    free(v);
    assert_int_equal(pvi_cache_get(&v, &n, c, "c|1"), 1);
    free(v);
    size_t bytes, entries;
    unsigned long hits, misses;
    pvi_cache_stats(&bytes, &entries, &hits, &misses, c);
    assert_int_equal(entries, 2);
    assert_int_equal(pvi_cache_retain(c, ends_in_1, NULL), 0);
    pvi_cache_free(c);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stores_and_returns_copies),
        cmocka_unit_test(compressed_values_come_back_identical_and_take_less_room),
        cmocka_unit_test(stays_within_its_budget_evicting_the_least_recent),
        cmocka_unit_test(zero_budget_stores_nothing),
        cmocka_unit_test(values_asked_for_often_keep_a_plain_copy_within_budget),
        cmocka_unit_test(retain_drops_the_rejected_entries),
    };
    return cmocka_run_group_tests_name("cache", tests, NULL, NULL);
}
