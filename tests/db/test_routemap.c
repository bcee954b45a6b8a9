/* test_routemap.c — the process-local host → route map against a real Redis:
 * a published route is found and then answered from the map; every
 * announced change (newer revision, unpublication, publication of an
 * unknown host, SET + PUBLISH by hand) reaches the map within a second; a
 * lookup racing with a change never stores the older answer; nothing is
 * read from or stored in the map while the subscription is not live; a
 * Redis outage gives PVI_UNAVAILABLE at once and the map comes back by
 * itself; a server that stops answering is noticed by the heartbeat; concurrent lookups during 200
 * re-publications end on the last revision; the size bound holds; close is prompt. */
#include "testenv.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_route.h"
#include "pvi/pvi_routemap.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static struct pvi_redis *redis;
static struct pvi_routemap *map;

static int64_t
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
sleep_ms(int ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
}

static int
redis_port(void)
{
    return atoi(testenv_require("PVI_REDIS_PORT"));
}

/* One Redis command through the test's own connection (hiredis format). */
static void redis_do(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
redis_do(const char *fmt, ...)
{
    redisContext *c = pvi_redis_ctx(redis);
    assert_non_null(c);
    va_list ap;
    va_start(ap, fmt);
    redisReply *r = redisvCommand(c, fmt, ap);
    va_end(ap);
    assert_non_null(r);
    assert_int_not_equal(r->type, REDIS_REPLY_ERROR);
    freeReplyObject(r);
}

static struct pvi_route
route_of(long long site, int revision)
{
    struct pvi_route r = {.site_id = site, .revision = revision, .state = 'o'};
    pvi_store_document_path(r.path, site, revision);
    return r;
}

/* pvi_route_publish of revision `revision` (generation gen) for the hosts. */
static void
publish(long long site, long long gen, int revision, const char *const *hosts, size_t n)
{
    struct pvi_route r = route_of(site, revision);
    int applied = 0;
    assert_int_equal(pvi_route_publish(&applied, redis, site, gen, &r, hosts, n), PVI_OK);
    assert_int_equal(applied, 1);
}

/* SET pvi:h:<host> by hand, without PUBLISH. */
static void
set_raw(const char *host, long long site, int revision)
{
    struct pvi_route r = route_of(site, revision);
    char value[128];
    pvi_route_format(value, &r);
    redis_do("SET pvi:h:%s %s", host, value);
}

static void
announce(const char *host)
{
    redis_do("PUBLISH pvi:changed %s", host);
}

struct stats {
    size_t entries;
    unsigned long hits, misses;
    int live;
};

static struct stats
stats_of(struct pvi_routemap *m)
{
    struct stats s;
    pvi_routemap_stats(&s.entries, &s.hits, &s.misses, &s.live, m);
    return s;
}

static int
wait_live(struct pvi_routemap *m, int live, int ms)
{
    int64_t end = now_ms() + ms;
    while (stats_of(m).live != live && now_ms() < end)
        sleep_ms(10);
    return stats_of(m).live == live;
}

static void
open_map(struct pvi_routemap **m, size_t max_entries)
{
    assert_int_equal(
        pvi_routemap_open(m, testenv_require("PVI_REDIS_HOST"), redis_port(), 500, max_entries),
        PVI_OK);
    if (!wait_live(*m, 1, 5000)) {
        print_error("the route map did not subscribe to pvi:changed within 5 s\n");
        fail();
    }
}

/* Whether a lookup gives code (and, for PVI_OK, the revision). */
static int
lookup_is(struct pvi_routemap *m, const char *host, enum pvi_code code, int revision)
{
    struct pvi_route r = {0};
    enum pvi_code rc = pvi_routemap_lookup(&r, m, redis, host);
    return rc == code && (code != PVI_OK || r.revision == revision);
}

static void
expect_lookup(const char *host, enum pvi_code code, int revision)
{
    struct pvi_route r = {0};
    enum pvi_code rc = pvi_routemap_lookup(&r, map, redis, host);
    if (rc != code || (code == PVI_OK && r.revision != revision))
        print_error("%s: got %s revision %d, expected %s revision %d\n", host, pvi_code_name(rc),
                    r.revision, pvi_code_name(code), revision);
    assert_int_equal(rc, code);
    if (code == PVI_OK)
        assert_int_equal(r.revision, revision);
}

/* Polls (10 ms steps) until the lookup gives code/revision; fails after ms. */
static void
expect_lookup_within(const char *host, enum pvi_code code, int revision, int ms)
{
    int64_t end = now_ms() + ms;
    while (!lookup_is(map, host, code, revision) && now_ms() < end)
        sleep_ms(10);
    expect_lookup(host, code, revision);
}

/* A lookup answered from the map: one hit more, no miss more. */
static void
expect_hit(const char *host, enum pvi_code code, int revision)
{
    struct stats before = stats_of(map);
    expect_lookup(host, code, revision);
    struct stats after = stats_of(map);
    assert_int_equal(after.hits, before.hits + 1);
    assert_int_equal(after.misses, before.misses);
}

static int
setup_group(void **state)
{
    (void)state;
    assert_int_equal(pvi_redis_open(&redis, testenv_require("PVI_REDIS_HOST"), redis_port(), 500),
                     PVI_OK);
    return 0;
}

static int
teardown_group(void **state)
{
    (void)state;
    pvi_redis_close(redis);
    return 0;
}

/* An empty Redis. Each test writes what Redis holds first, and only then
 * opens the map (open_map): a message still on its way when a lookup reads
 * the epoch would legitimately keep that lookup's answer out of the map,
 * which would make "the second lookup is a hit" a matter of timing. */
static int
setup(void **state)
{
    (void)state;
    redis_do("FLUSHDB");
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    pvi_routemap_close(map);
    map = NULL;
    testenv_services("start", "redis"); /* no-op unless a test stopped it and failed */
    return 0;
}

/* ---- tests ---- */

static void
a_published_route_is_found_then_answered_from_the_map(void **state)
{
    (void)state;
    const char *hosts[] = {"www.martin.fr", "martin.pvi.test"};
    publish(1, 1, 1, hosts, 2);
    open_map(&map, 10000);
    struct stats before = stats_of(map);
    expect_lookup("www.martin.fr", PVI_OK, 1);
    struct stats after = stats_of(map);
    assert_int_equal(after.misses, before.misses + 1);
    assert_int_equal(after.entries, 1);
    expect_hit("www.martin.fr", PVI_OK, 1);
    struct pvi_route r;
    assert_int_equal(pvi_routemap_lookup(&r, map, redis, "www.martin.fr"), PVI_OK);
    assert_int_equal(r.site_id, 1);
    assert_int_equal(r.state, 'o');
    assert_string_equal(r.path, route_of(1, 1).path);
    expect_lookup("nobody.pvi.test", PVI_NOT_FOUND, 0);
    expect_hit("nobody.pvi.test", PVI_NOT_FOUND, 0);
    assert_int_equal(stats_of(map).entries, 2);
}

/* One row: what Redis holds first (looked up twice, so that the second
 * answer comes from the map), then an announced change, then what the map
 * must answer within a second. */
struct change_case {
    const char *name;
    void (*before)(long long site, const char *host);
    enum pvi_code first_code;
    int first_revision;
    void (*change)(long long site, const char *host);
    enum pvi_code then_code;
    int then_revision;
};

static void
nothing(long long site, const char *host)
{
    (void)site;
    (void)host;
}

static void
publish_rev1_gen1(long long site, const char *host)
{
    publish(site, 1, 1, &host, 1);
}

static void
publish_rev2_gen2(long long site, const char *host)
{
    publish(site, 2, 2, &host, 1);
}

static void
unpublish_gen2(long long site, const char *host)
{
    (void)host;
    int applied = 0;
    assert_int_equal(pvi_route_unpublish(&applied, redis, site, 2), PVI_OK);
    assert_int_equal(applied, 1);
}

static void
set_rev1_by_hand(long long site, const char *host)
{
    set_raw(host, site, 1);
}

static void
set_rev3_and_publish_by_hand(long long site, const char *host)
{
    set_raw(host, site, 3);
    announce(host);
}

static void
announced_changes_reach_the_map_within_a_second(void **state)
{
    (void)state;
    static const struct change_case cases[] = {
        {"a newer revision", publish_rev1_gen1, PVI_OK, 1, publish_rev2_gen2, PVI_OK, 2},
        {"unpublished", publish_rev1_gen1, PVI_OK, 1, unpublish_gen2, PVI_NOT_FOUND, 0},
        {"an unknown host then published", nothing, PVI_NOT_FOUND, 0, publish_rev1_gen1, PVI_OK, 1},
        {"SET then PUBLISH by hand", set_rev1_by_hand, PVI_OK, 1, set_rev3_and_publish_by_hand,
         PVI_OK, 3},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++) {
        const struct change_case *c = &cases[i];
        print_message("case: %s\n", c->name);
        long long site = 100 + (long long)i;
        char host[64];
        snprintf(host, sizeof host, "change-%zu.pvi.test", i);
        c->before(site, host);
        open_map(&map, 10000);
        expect_lookup(host, c->first_code, c->first_revision);
        expect_hit(host, c->first_code, c->first_revision);
        c->change(site, host);
        expect_lookup_within(host, c->then_code, c->then_revision, 1000);
        /* and it stays so, from the map */
        expect_lookup(host, c->then_code, c->then_revision);
        expect_hit(host, c->then_code, c->then_revision);
        pvi_routemap_close(map);
        map = NULL;
    }
}

/* The fetch hook: publishes revision 2 of both hosts (race first, witness
 * second: messages are sent and received in that order) between the
 * lookup's GET and its decision to store the answer, and waits until the
 * witness's entry is gone, i.e. until the message for race was handled. */
struct race {
    int fired;
    int witness_removed;
};

static const char *const race_hosts[] = {"race.pvi.test", "witness.pvi.test"};

static void
change_during_fetch(void *ctx)
{
    struct race *r = ctx;
    if (r->fired++)
        return;
    publish(300, 2, 2, race_hosts, 2);
    int64_t end = now_ms() + 2000;
    while (stats_of(map).entries != 0 && now_ms() < end)
        sleep_ms(1);
    r->witness_removed = stats_of(map).entries == 0;
}

static void
a_lookup_racing_with_a_change_does_not_store_the_older_answer(void **state)
{
    (void)state;
    publish(300, 1, 1, race_hosts, 2);
    open_map(&map, 10000);
    expect_lookup("witness.pvi.test", PVI_OK, 1);
    assert_int_equal(stats_of(map).entries, 1);
    struct race r = {0};
    pvi_routemap_set_fetch_hook(map, change_during_fetch, &r);
    /* the GET ran before the change: revision 1 is the right answer now... */
    expect_lookup("race.pvi.test", PVI_OK, 1);
    pvi_routemap_set_fetch_hook(map, NULL, NULL);
    assert_int_equal(r.fired, 1);
    assert_true(r.witness_removed);
    /* ...but it was not kept, although its message had already come */
    assert_int_equal(stats_of(map).entries, 0);
    expect_lookup("race.pvi.test", PVI_OK, 2);
    expect_hit("race.pvi.test", PVI_OK, 2);
}

static void
nothing_is_read_or_stored_while_the_subscription_is_not_live(void **state)
{
    (void)state;
    const char *host = "unsubscribed.pvi.test";
    publish(400, 1, 1, &host, 1);
    /* a map whose subscriber cannot connect (nothing listens on its port),
     * asked through the real Redis */
    struct pvi_routemap *m = NULL;
    assert_int_equal(pvi_routemap_open(&m, "127.0.0.1", testenv_free_port(), 500, 100), PVI_OK);
    sleep_ms(200);
    for (int i = 0; i < 5; i++) {
        assert_true(lookup_is(m, host, PVI_OK, 1));
        assert_true(lookup_is(m, "absent.pvi.test", PVI_NOT_FOUND, 0));
    }
    struct stats s = stats_of(m);
    assert_int_equal(s.live, 0);
    assert_int_equal(s.entries, 0);
    assert_int_equal(s.hits, 0);
    assert_int_equal(s.misses, 10);
    /* and every answer is Redis's own: a change is seen at once */
    publish(400, 2, 2, &host, 1);
    assert_true(lookup_is(m, host, PVI_OK, 2));
    pvi_routemap_close(m);
}

static void
a_redis_outage_gives_unavailable_then_the_map_comes_back_by_itself(void **state)
{
    (void)state;
    const char *host = "outage.pvi.test";
    publish(500, 1, 1, &host, 1);
    open_map(&map, 10000);
    expect_lookup(host, PVI_OK, 1);
    expect_hit(host, PVI_OK, 1);

    testenv_services("stop", "redis");
    int64_t stopped = now_ms();
    while (!lookup_is(map, host, PVI_UNAVAILABLE, 0) && now_ms() < stopped + 2000)
        sleep_ms(10);
    print_message("PVI_UNAVAILABLE %lld ms after the stop\n", (long long)(now_ms() - stopped));
    expect_lookup(host, PVI_UNAVAILABLE, 0);
    struct stats s = stats_of(map);
    assert_int_equal(s.live, 0);
    assert_int_equal(s.entries, 0);
    /* every lookup now asks Redis, and fails fast */
    for (int i = 0; i < 20; i++) {
        int64_t t0 = now_ms();
        expect_lookup(host, PVI_UNAVAILABLE, 0);
        assert_true(now_ms() - t0 < 200);
    }
    assert_int_equal(stats_of(map).hits, s.hits);

    testenv_services("start", "redis");
    int64_t started = now_ms();
    if (!wait_live(map, 1, 5000)) {
        print_error("the route map did not subscribe again within 5 s of the restart\n");
        fail();
    }
    print_message("live again %lld ms after the start\n", (long long)(now_ms() - started));
    /* written by hand (no message on the way), found, then held again */
    set_raw(host, 500, 2);
    expect_lookup(host, PVI_OK, 2);
    expect_hit(host, PVI_OK, 2);
}

static void
a_server_that_stops_answering_is_noticed_by_the_heartbeat(void **state)
{
    (void)state;
    const char *host = "paused.pvi.test";
    publish(800, 1, 1, &host, 1);
    open_map(&map, 10000);
    expect_lookup(host, PVI_OK, 1);
    expect_hit(host, PVI_OK, 1);
    /* an idle but healthy server answers the heartbeat: nothing changes */
    sleep_ms(2500);
    assert_int_equal(stats_of(map).live, 1);
    expect_hit(host, PVI_OK, 1);
    /* the connection stays open but nothing is answered: only the PING
     * heartbeat (1 s of silence, then 1 s to answer) can tell */
    redis_do("CLIENT PAUSE 4000 ALL");
    int64_t paused = now_ms();
    int noticed = wait_live(map, 0, 3000);
    print_message("not live %lld ms after the pause\n", (long long)(now_ms() - paused));
    assert_true(noticed);
    assert_int_equal(stats_of(map).entries, 0);
    if (!wait_live(map, 1, 8000)) {
        print_error("the route map did not subscribe again after the pause\n");
        fail();
    }
    print_message("live again %lld ms after the pause\n", (long long)(now_ms() - paused));
    expect_lookup(host, PVI_OK, 1);
    expect_hit(host, PVI_OK, 1);
}

#define NTHREADS 4
#define NPUBLISH 200

struct hammer {
    atomic_int *stop;
    atomic_int *checking;
    atomic_int last;     /* revision of the last answer */
    atomic_long lookups; /* all of them */
    atomic_long errors;  /* anything but PVI_OK */
    atomic_long stale;   /* answers other than NPUBLISH while checking */
};

static void *
hammer(void *arg)
{
    struct hammer *h = arg;
    while (!atomic_load(h->stop)) {
        int checking = atomic_load(h->checking);
        struct pvi_route r = {0};
        enum pvi_code rc = pvi_routemap_lookup(&r, map, redis, "busy.pvi.test");
        atomic_fetch_add(&h->lookups, 1);
        if (rc != PVI_OK) {
            atomic_fetch_add(&h->errors, 1);
            continue;
        }
        atomic_store(&h->last, r.revision);
        if (checking && r.revision != NPUBLISH)
            atomic_fetch_add(&h->stale, 1);
    }
    return NULL;
}

static int
all_saw(struct hammer *h, int revision)
{
    for (int i = 0; i < NTHREADS; i++)
        if (atomic_load(&h[i].last) != revision)
            return 0;
    return 1;
}

static void
concurrent_lookups_end_on_the_last_of_200_republications(void **state)
{
    (void)state;
    const char *host = "busy.pvi.test";
    const char *witness = "busy-witness.pvi.test";
    publish(600, 1, 1, &host, 1);
    /* a witness entry: once its own announcement has been handled, every
     * earlier one has been too (one connection, in order) */
    set_raw(witness, 601, 1);
    open_map(&map, 10000);
    expect_lookup(witness, PVI_OK, 1);
    expect_hit(witness, PVI_OK, 1);

    atomic_int stop = 0, checking = 0;
    struct hammer h[NTHREADS];
    pthread_t t[NTHREADS];
    for (int i = 0; i < NTHREADS; i++) {
        h[i] = (struct hammer){.stop = &stop, .checking = &checking};
        assert_int_equal(pthread_create(&t[i], NULL, hammer, &h[i]), 0);
    }
    for (int rev = 2; rev <= NPUBLISH; rev++)
        publish(600, rev, rev, &host, 1);
    int64_t published = now_ms();
    while (!all_saw(h, NPUBLISH) && now_ms() < published + 1000)
        sleep_ms(10);
    int converged = all_saw(h, NPUBLISH);
    int64_t took = now_ms() - published;

    set_raw(witness, 601, 2);
    announce(witness);
    int64_t end = now_ms() + 1000;
    while (!lookup_is(map, witness, PVI_OK, 2) && now_ms() < end)
        sleep_ms(10);
    int witnessed = lookup_is(map, witness, PVI_OK, 2);

    unsigned long hits_before = stats_of(map).hits;
    atomic_store(&checking, 1);
    sleep_ms(200);
    atomic_store(&stop, 1);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);
    unsigned long hits_after = stats_of(map).hits;

    long lookups = 0, errors = 0, stale = 0;
    for (int i = 0; i < NTHREADS; i++) {
        lookups += atomic_load(&h[i].lookups);
        errors += atomic_load(&h[i].errors);
        stale += atomic_load(&h[i].stale);
    }
    print_message("%ld lookups, all threads on revision %d after %lld ms\n", lookups, NPUBLISH,
                  (long long)took);
    assert_true(converged);
    assert_true(witnessed);
    assert_int_equal(errors, 0);
    assert_int_equal(stale, 0);
    assert_true(hits_after > hits_before); /* the map is in use again */
    assert_true(all_saw(h, NPUBLISH));
    expect_hit(host, PVI_OK, NPUBLISH);
}

static void
the_map_never_holds_more_than_max_entries(void **state)
{
    (void)state;
    enum { MAX = 100, NHOSTS = 400 };
    char names[NHOSTS][32];
    const char *hosts[NHOSTS];
    for (int i = 0; i < NHOSTS; i++) {
        snprintf(names[i], sizeof names[i], "h%d.bound.pvi.test", i);
        hosts[i] = names[i];
    }
    publish(700, 1, 1, hosts, NHOSTS);
    struct pvi_routemap *m = NULL;
    open_map(&m, MAX);
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < NHOSTS; i++) {
            assert_true(lookup_is(m, hosts[i], PVI_OK, 1));
            assert_true(stats_of(m).entries <= MAX);
        }
    struct stats s = stats_of(m);
    print_message("%zu entries, %lu hits, %lu misses\n", s.entries, s.hits, s.misses);
    assert_true(s.entries >= MAX * 9 / 10);
    /* still exact after evictions */
    publish(700, 2, 2, hosts, NHOSTS);
    for (int i = 0; i < NHOSTS; i++) {
        int64_t end = now_ms() + 1000;
        while (!lookup_is(m, hosts[i], PVI_OK, 2) && now_ms() < end)
            sleep_ms(10);
        assert_true(lookup_is(m, hosts[i], PVI_OK, 2));
    }
    pvi_routemap_close(m);
}

/* A TCP server on 127.0.0.1 that accepts connections (the kernel does) but
 * never answers; returns its socket, *port its port. */
static int
silent_server(int *port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(listen(fd, 8), 0);
    socklen_t len = sizeof a;
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    *port = ntohs(a.sin_port);
    return fd;
}

static void
close_returns_within_a_second(void **state)
{
    (void)state;
    int silent_port = 0;
    int silent = silent_server(&silent_port);
    struct {
        const char *name;
        const char *host;
        int port; /* 0: the test Redis */
        int timeout_ms;
    } cases[] = {
        {"subscribed", testenv_require("PVI_REDIS_HOST"), 0, 500},
        {"nothing listening (back-off)", "127.0.0.1", testenv_free_port(), 500},
        {"waiting for a server that never answers SUBSCRIBE", "127.0.0.1", silent_port, 10000},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++) {
        print_message("case: %s\n", cases[i].name);
        struct pvi_routemap *m = NULL;
        int port = cases[i].port ? cases[i].port : redis_port();
        assert_int_equal(pvi_routemap_open(&m, cases[i].host, port, cases[i].timeout_ms, 10),
                         PVI_OK);
        if (cases[i].port == 0)
            assert_true(wait_live(m, 1, 5000));
        sleep_ms(300);
        int64_t t0 = now_ms();
        pvi_routemap_close(m);
        int64_t took = now_ms() - t0;
        print_message("closed in %lld ms\n", (long long)took);
        assert_true(took < 1000);
    }
    close(silent);
}

static void
open_refuses_invalid_arguments(void **state)
{
    (void)state;
    struct pvi_routemap *m = (struct pvi_routemap *)1;
    assert_int_equal(pvi_routemap_open(&m, "127.0.0.1", 6379, 500, 0), PVI_CONFIG);
    assert_null(m);
    assert_int_equal(pvi_routemap_open(&m, "127.0.0.1", 0, 500, 10), PVI_CONFIG);
    assert_int_equal(pvi_routemap_open(&m, NULL, 6379, 500, 10), PVI_CONFIG);
    pvi_routemap_close(NULL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_published_route_is_found_then_answered_from_the_map,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(announced_changes_reach_the_map_within_a_second, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            a_lookup_racing_with_a_change_does_not_store_the_older_answer, setup, teardown),
        cmocka_unit_test_setup_teardown(
            nothing_is_read_or_stored_while_the_subscription_is_not_live, setup, teardown),
        cmocka_unit_test_setup_teardown(
            a_redis_outage_gives_unavailable_then_the_map_comes_back_by_itself, setup, teardown),
        cmocka_unit_test_setup_teardown(a_server_that_stops_answering_is_noticed_by_the_heartbeat,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(concurrent_lookups_end_on_the_last_of_200_republications,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(the_map_never_holds_more_than_max_entries, setup, teardown),
        cmocka_unit_test_setup_teardown(close_returns_within_a_second, setup, teardown),
        cmocka_unit_test(open_refuses_invalid_arguments),
    };
    return cmocka_run_group_tests_name("routemap", tests, setup_group, teardown_group);
}
