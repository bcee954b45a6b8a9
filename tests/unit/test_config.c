/* test_config.c — configuration from the environment: defaults, per-service
 * ports, and invalid values reported by variable name. */
#include "testenv.h"
#include "pvi/pvi_mem.h"

#include "pvi/pvi_config.h"
#include "pvi/pvi_log.h"

#include <stdlib.h>
#include <string.h>

static void
clear_env(void)
{
    const char *vars[] = {"PVI_THREADS",    "PVI_INTERNET_FO_PORT", "PVI_BACKOFFICE_PORT",
                          "PVI_REDIS_PORT", "PVI_PLATFORM_DOMAIN",  "PVI_LOG_LEVEL",
                          "PVI_DB_POOL",    "PVI_PER_IP_CONNECTION_LIMIT", "PVI_HEADER_TIMEOUT_S",
                          "PVI_OFFICE_SCHEME"};
    for (size_t i = 0; i < PVI_COUNT_OF(vars); i++)
        unsetenv(vars[i]);
}

static void
defaults_give_each_service_its_own_port(void **state)
{
    (void)state;
    clear_env();
    const struct {
        const char *service;
        int port;
    } cases[] = {
        {"internet-fo", 8080}, {"backoffice", 8081}, {"operator-fo", 8082}, {"client-fo", 8083}};
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++) {
        struct pvi_config c;
        struct pvi_errors e = {0};
        assert_int_equal(pvi_config_load(&c, cases[i].service, &e), PVI_OK);
        assert_int_equal(c.port, cases[i].port);
        assert_string_equal(c.platform_domain, "pvi.localhost");
        assert_int_equal(c.redis_port, 6379);
        /* the edge is guarded by default */
        assert_int_equal(c.per_ip_connection_limit, 256);
        assert_int_equal(c.header_timeout_s, 10);
        /* offices use Secure __Host- cookies unless told they are on plain http */
        assert_string_equal(c.office_scheme, "https");
        pvi_config_free(&c);
        pvi_errors_clear(&e);
    }
}

static void
environment_overrides_defaults(void **state)
{
    (void)state;
    clear_env();
    setenv("PVI_INTERNET_FO_PORT", "18080", 1);
    setenv("PVI_BACKOFFICE_PORT", "18081", 1);
    setenv("PVI_THREADS", "3", 1);
    setenv("PVI_PLATFORM_DOMAIN", "sites.example.fr", 1);
    struct pvi_config c;
    struct pvi_errors e = {0};
    assert_int_equal(pvi_config_load(&c, "internet-fo", &e), PVI_OK);
    assert_int_equal(c.port, 18080);
    assert_int_equal(c.threads, 3);
    assert_string_equal(c.platform_domain, "sites.example.fr");
    pvi_config_free(&c);
    clear_env();
}

static void
invalid_values_are_each_reported_by_name(void **state)
{
    (void)state;
    clear_env();
    setenv("PVI_THREADS", "many", 1);
    setenv("PVI_REDIS_PORT", "70000", 1);
    setenv("PVI_INTERNET_FO_PORT", "-1", 1);
    setenv("PVI_LOG_LEVEL", "loud", 1);
    struct pvi_config c;
    struct pvi_errors e = {0};
    assert_int_equal(pvi_config_load(&c, "internet-fo", &e), PVI_CONFIG);
    assert_int_equal(e.n, 4);
    assert_non_null(pvi_errors_find(&e, "PVI_THREADS"));
    assert_non_null(pvi_errors_find(&e, "PVI_REDIS_PORT"));
    assert_non_null(pvi_errors_find(&e, "PVI_INTERNET_FO_PORT"));
    assert_non_null(pvi_errors_find(&e, "PVI_LOG_LEVEL"));
    assert_non_null(strstr(testenv_error_fr(pvi_errors_find(&e, "PVI_THREADS")), "many"));
    pvi_config_free(&c);
    pvi_errors_clear(&e);
    clear_env();
    pvi_log_set_level("warn");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_give_each_service_its_own_port),
        cmocka_unit_test(environment_overrides_defaults),
        cmocka_unit_test(invalid_values_are_each_reported_by_name),
    };
    return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
