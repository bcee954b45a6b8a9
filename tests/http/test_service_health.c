/* test_service_health.c — every service, started as a process: /healthz,
 * /readyz naming a stopped dependency and recovering by itself, /metrics,
 * 404, 413, configuration errors, and graceful shutdown on SIGTERM. */
#include "testenv.h"
#include "pvi/pvi_mem.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *service;
    const char *deps[3];    /* the /readyz checks it must report */
    const char *page_route; /* the metrics label of an unknown path */
} services[] = {
    {"internet-fo", {"redis"}, "page"}, /* every path is a page of some site */
    {"backoffice", {"postgresql", "redis"}, "other"},
    {"operator-fo", {"postgresql", "ldap"}, "other"},
    {"client-fo", {"postgresql"}, "other"},
};
#define NSERVICES (PVI_COUNT_OF(services))

static void
every_service_is_alive_ready_and_counts_its_requests(void **state)
{
    (void)state;
    for (size_t i = 0; i < NSERVICES; i++) {
        struct testproc p;
        testenv_start(&p, services[i].service, NULL);
        struct testhttp r;

        testenv_get(&r, p.port, "/healthz");
        assert_int_equal(r.status, 200);
        assert_string_equal(r.body, "ok\n");
        testhttp_free(&r);

        testenv_get(&r, p.port, "/readyz");
        assert_int_equal(r.status, 200);
        assert_non_null(strstr(r.body, "\"status\":\"ready\""));
        for (size_t d = 0; d < 3 && services[i].deps[d]; d++) {
            char want[64];
            snprintf(want, sizeof want, "\"%s\":\"ok\"", services[i].deps[d]);
            assert_non_null(strstr(r.body, want));
        }
        testhttp_free(&r);

        testenv_get(&r, p.port, "/no/such/page");
        assert_int_equal(r.status, 404);
        testhttp_free(&r);

        testenv_http(&r, p.port, "HEAD", "/healthz", NULL, NULL, 0);
        assert_int_equal(r.status, 200);
        assert_int_equal(r.body_len, 0);
        testhttp_free(&r);

        testenv_get(&r, p.port, "/metrics");
        assert_int_equal(r.status, 200);
        char want[200];
        /* two GET /healthz before this scrape (one from start-up polling at least) */
        snprintf(want, sizeof want,
                 "pvi_http_requests_total{service=\"%s\",route=\"readyz\",status=\"200\"} 1\n",
                 services[i].service);
        assert_non_null(strstr(r.body, want));
        snprintf(want, sizeof want,
                 "pvi_http_requests_total{service=\"%s\",route=\"%s\",status=\"404\"} 1\n",
                 services[i].service, services[i].page_route);
        assert_non_null(strstr(r.body, want));
        assert_non_null(strstr(r.body, "pvi_http_request_duration_seconds_bucket{"));
        assert_non_null(strstr(r.body, "le=\"+Inf\"}"));
        testhttp_free(&r);

        assert_int_equal(testenv_stop(&p), 0);
    }
}

static void
oversized_body_is_refused_with_413(void **state)
{
    (void)state;
    const char *env[] = {"PVI_MAX_BODY_BYTES=2048", NULL};
    struct testproc p;
    testenv_start(&p, "client-fo", env);
    char body[4096];
    memset(body, 'x', sizeof body);
    struct testhttp r;
    /* a Content-Length over the limit: refused before the body is read */
    testenv_http(&r, p.port, "POST", "/login",
                 "Content-Type: application/x-www-form-urlencoded\r\n", body, sizeof body);
    assert_int_equal(r.status, 413);
    assert_non_null(strstr(r.body, "Envoi trop volumineux"));
    testhttp_free(&r);
    assert_int_equal(testenv_stop(&p), 0);
}

static void
metrics_are_served_only_to_the_listed_addresses(void **state)
{
    (void)state;
    const char *env[] = {"PVI_METRICS_FROM=10.1.2.3", NULL};
    struct testproc p;
    testenv_start(&p, "client-fo", env);
    struct testhttp r;
    testenv_get(&r, p.port, "/metrics");
    assert_int_equal(r.status, 404); /* 127.0.0.1 is not listed */
    assert_null(strstr(r.body, "pvi_http_requests_total"));
    testhttp_free(&r);
    assert_int_equal(testenv_stop(&p), 0);
    const char *env2[] = {"PVI_METRICS_FROM=10.1.2.3, 127.0.0.1", NULL};
    testenv_start(&p, "client-fo", env2);
    testenv_get(&r, p.port, "/metrics");
    assert_int_equal(r.status, 200);
    testhttp_free(&r);
    assert_int_equal(testenv_stop(&p), 0);
}

static void
invalid_configuration_stops_the_service_naming_the_variable(void **state)
{
    (void)state;
    const char *env[] = {"PVI_THREADS=lots", NULL};
    char err[4096];
    int status = testenv_run_expect_exit("internet-fo", env, 5000, err, sizeof err);
    assert_int_not_equal(status, 0);
    assert_int_not_equal(status, -1);
    assert_non_null(strstr(err, "PVI_THREADS"));

    const char *env2[] = {"PVI_DB_URL=", NULL};
    status = testenv_run_expect_exit("backoffice", env2, 5000, err, sizeof err);
    assert_int_not_equal(status, 0);
    assert_non_null(strstr(err, "PVI_DB_URL"));
}

/* Stops one server, checks that the services that use it answer 503 naming
 * it while the others stay ready, then restarts it and waits for recovery. */
static void
check_dependency_outage(const char *server, const char *check_name)
{
    struct testproc procs[NSERVICES];
    for (size_t i = 0; i < NSERVICES; i++)
        testenv_start(&procs[i], services[i].service, NULL);

    testenv_services("stop", server);
    for (size_t i = 0; i < NSERVICES; i++) {
        int uses = 0;
        for (size_t d = 0; d < 3 && services[i].deps[d]; d++)
            uses |= strcmp(services[i].deps[d], check_name) == 0;
        struct testhttp r;
        testenv_get(&r, procs[i].port, "/readyz");
        if (uses) {
            assert_int_equal(r.status, 503);
            char want[64];
            snprintf(want, sizeof want, "\"failing\":[\"%s\"]", check_name);
            if (strstr(r.body, want) == NULL)
                print_error("%s /readyz: %s\n", services[i].service, r.body);
            assert_non_null(strstr(r.body, want));
        } else {
            assert_int_equal(r.status, 200);
        }
        testhttp_free(&r);
        /* still alive */
        testenv_get(&r, procs[i].port, "/healthz");
        assert_int_equal(r.status, 200);
        testhttp_free(&r);
    }
    testenv_services("start", server);
    for (size_t i = 0; i < NSERVICES; i++) {
        assert_int_equal(testenv_wait_status(procs[i].port, "/readyz", 200, 15000), 200);
        assert_int_equal(testenv_stop(&procs[i]), 0);
    }
}

static void
postgresql_outage_makes_its_users_unready_then_they_recover(void **state)
{
    (void)state;
    check_dependency_outage("pg", "postgresql");
}

static void
redis_outage_makes_its_users_unready_then_they_recover(void **state)
{
    (void)state;
    check_dependency_outage("redis", "redis");
}

static void
ldap_outage_makes_operator_fo_unready_then_it_recovers(void **state)
{
    (void)state;
    check_dependency_outage("ldap", "ldap");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_service_is_alive_ready_and_counts_its_requests),
        cmocka_unit_test(oversized_body_is_refused_with_413),
        cmocka_unit_test(metrics_are_served_only_to_the_listed_addresses),
        cmocka_unit_test(invalid_configuration_stops_the_service_naming_the_variable),
        cmocka_unit_test(postgresql_outage_makes_its_users_unready_then_they_recover),
        cmocka_unit_test(redis_outage_makes_its_users_unready_then_they_recover),
        cmocka_unit_test(ldap_outage_makes_operator_fo_unready_then_it_recovers),
    };
    return cmocka_run_group_tests_name("service_health", tests, NULL, NULL);
}
