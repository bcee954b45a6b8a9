/* test_publisher.c — the pvi-publisher daemon, started as a process: an
 * approval reaches Redis within a second (LISTEN/NOTIFY wakes it); while
 * Redis is down the jobs wait and are retried, and once it is back the
 * newest revision is what Redis points at; a batch action started in the
 * back office is applied by it, woken by its NOTIFY, down to the public
 * route; SIGTERM stops it cleanly. */
#include "testenv.h"

#include "pvi/pvi_batch.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_route.h"
#include "pvi/pvi_site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct pvi_db *db;
static struct pvi_redis *redis;
static char content_dir[64];
static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "test"};
static const struct pvi_actor admin = {.role = PVI_ROLE_ADMIN, .id = 1, .label = "admin"};

static int
setup(void **state)
{
    (void)state;
    db = testenv_db_open();
    testenv_db_reset(db);
    free(testenv_sql("INSERT INTO admin_users (id, email, display_name, password_hash) VALUES"
                     " (1, 'admin@pvi.test', 'Admin', 'x')"));
    assert_int_equal(pvi_redis_open(&redis, testenv_require("PVI_REDIS_HOST"),
                                    atoi(testenv_require("PVI_REDIS_PORT")), 500),
                     PVI_OK);
    redisReply *r = redisCommand(pvi_redis_ctx(redis), "FLUSHDB");
    freeReplyObject(r);
    snprintf(content_dir, sizeof content_dir, "/tmp/pvi-pub-XXXXXX");
    assert_non_null(mkdtemp(content_dir));
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    pvi_redis_close(redis);
    pvi_db_close(db);
    char *cmd = pvi_asprintf("rm -rf '%s'", content_dir);
    int rc = system(cmd);
    free(cmd);
    return rc == 0 ? 0 : -1;
}

static double
now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Waits up to seconds for host to point at revision; returns the time taken or -1. */
static double
wait_route(const char *host, int revision, double seconds)
{
    double t0 = now_s();
    while (now_s() - t0 < seconds) {
        struct pvi_route r;
        if (pvi_route_lookup(&r, redis, host) == PVI_OK && r.revision == revision)
            return now_s() - t0;
        struct timespec nap = {0, 10 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
    return -1;
}

static void
start_publisher(struct testproc *p)
{
    char *env_dir = pvi_asprintf("PVI_CONTENT_DIR=%s", content_dir);
    const char *env[] = {env_dir, "PVI_PLATFORM_DOMAIN=pvi.test", NULL};
    testenv_start(p, "publisher", env);
    free(env_dir);
}

static int
published(long long id)
{
    struct pvi_site *s = NULL;
    assert_int_equal(pvi_site_get(&s, db, &sys, id), PVI_OK);
    int n = s->published_number;
    pvi_site_free(s);
    return n;
}

static void
approval_reaches_redis_within_a_second_and_outages_lose_nothing(void **state)
{
    (void)state;
    struct testproc p;
    start_publisher(&p);

    long long op = testenv_sql_ll("INSERT INTO operators (ldap_uid, ldap_dn, display_name)"
                                  " VALUES ('op', 'uid=op', 'Op') RETURNING id");
    struct pvi_client_new cl = {.customer_number = "PJ60000001",
                                .company_name = "C",
                                .siret = "73282932000074",
                                .email = "c@c.fr",
                                .phone = "0299000000"};
    long long client = 0, id = 0;
    assert_int_equal(pvi_client_create(&client, db, &sys, &cl, NULL), PVI_OK);
    json_t *c = json_pack("{s:s, s:s, s:[{s:s, s:s}], s:{s:s, s:s, s:s}, s:s}", "business_name",
                          "Garage du Port", "activity", "Garage automobile", "phones", "kind",
                          "fixed", "number", "0299123456", "address", "street", "1 quai",
                          "postal_code", "29200", "city", "Brest", "charter", "azur");
    struct pvi_site_new sn = {.client_id = client, .slug = "garage-du-port", .content = c};
    assert_int_equal(pvi_site_create(&id, db, &sys, &sn, NULL), PVI_OK);
    int v = 1;
    struct pvi_transition_args a = {.operator_id = op};
    assert_int_equal(pvi_site_transition(&v, db, &admin, id, v, PVI_TR_ASSIGN, &a, NULL), PVI_OK);
    assert_int_equal(pvi_site_transition(&v, db, &sys, id, v, PVI_TR_SUBMIT, NULL, NULL), PVI_OK);
    assert_int_equal(pvi_site_transition(&v, db, &admin, id, v, PVI_TR_APPROVE, NULL, NULL),
                     PVI_OK);
    double took = wait_route("garage-du-port.pvi.test", published(id), 1.0);
    if (took < 0)
        print_error("the approval did not reach Redis within a second\n");
    assert_true(took >= 0);

    /* Redis down: edits keep coming, jobs wait */
    testenv_services("stop", "redis");
    for (int i = 0; i < 3; i++) {
        char tag[32];
        snprintf(tag, sizeof tag, "Ouvert le dimanche %d", i);
        json_object_set_new(c, "tagline", json_string(tag));
        struct pvi_edit_result res;
        assert_int_equal(pvi_site_edit(&res, db, &admin, id, v, c, NULL, NULL), PVI_OK);
        v = res.version;
    }
    struct timespec nap = {1, 500 * 1000 * 1000};
    nanosleep(&nap, NULL);
    assert_true(testenv_sql_ll("SELECT count(*) FROM publication_jobs WHERE state = 'pending'"
                               " AND attempts >= 1") >= 1);
    testenv_services("start", "redis");
    /* back-off is at most a few seconds after so few attempts */
    took = wait_route("garage-du-port.pvi.test", published(id), 20.0);
    assert_true(took >= 0);
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM publication_jobs WHERE state ="
                                    " 'pending'"),
                     0);
    json_decref(c);
    assert_int_equal(testenv_stop(&p), 0);
}

static void
a_batch_suspension_is_applied_by_the_worker_down_to_the_route(void **state)
{
    (void)state;
    struct testproc p;
    start_publisher(&p);
    /* the site of the test above is online and routed */
    long long id = testenv_sql_ll("SELECT id FROM sites WHERE slug = 'garage-du-port'");
    assert_true(wait_route("garage-du-port.pvi.test", published(id), 5.0) >= 0);
    struct pvi_site_filter online = {.state = PVI_STATE_ONLINE};
    struct pvi_batch_new in = {.kind = PVI_BATCH_SUSPEND, .reason = "Impayé", .sites = &online};
    long long batch = 0;
    assert_int_equal(pvi_batch_create(&batch, db, &admin, &in, NULL), PVI_OK);
    double t0 = now_s();
    int suspended = 0;
    while (!suspended && now_s() - t0 < 5.0) {
        struct pvi_route r;
        suspended =
            pvi_route_lookup(&r, redis, "garage-du-port.pvi.test") == PVI_OK && r.state == 's';
        struct timespec nap = {0, 20 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
    if (!suspended)
        print_error("the batch's suspension did not reach Redis within 5 s\n");
    assert_true(suspended);
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT state FROM batches WHERE id = %lld", batch);
    char *state_now = testenv_sql(sql);
    assert_string_equal(state_now, "done");
    free(state_now);
    assert_int_equal(testenv_stop(&p), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(approval_reaches_redis_within_a_second_and_outages_lose_nothing),
        cmocka_unit_test(a_batch_suspension_is_applied_by_the_worker_down_to_the_route),
    };
    return cmocka_run_group_tests_name("publisher", tests, setup, teardown);
}
