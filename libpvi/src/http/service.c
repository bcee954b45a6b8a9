/* service.c — configuration, dependencies and readiness shared by every service. */
#include "pvi/pvi_clock.h"
#include "pvi/pvi_service.h"

#include "pvi/pvi_log.h"

#include <libxml/parser.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static enum pvi_code
check_db(void *ctx)
{
    return pvi_db_ping(ctx);
}

static enum pvi_code
check_redis(void *ctx)
{
    return pvi_redis_ping(ctx);
}

static enum pvi_code
check_ldap(void *ctx)
{
    return pvi_ldap_ping(ctx);
}

static int
require(const char *value, const char *var)
{
    if (value != NULL && *value != '\0')
        return 0;
    pvi_error("configuration: %s is required", var);
    return -1;
}

int
pvi_service_init(struct pvi_service *svc, const char *name, unsigned needs)
{
    memset(svc, 0, sizeof *svc);
    svc->name = name;
    svc->needs = needs;
    pvi_log_set_service(name);
    if (sodium_init() < 0) {
        pvi_error("libsodium failed to initialise");
        return -1;
    }
    xmlInitParser();

    struct pvi_errors errs = {0};
    int bad = pvi_config_load(&svc->cfg, name, &errs) != PVI_OK;
    for (size_t i = 0; i < errs.n; i++) {
        char *text = pvi_field_error_text(&errs.v[i], PVI_LANG_FR);
        pvi_error("configuration: %s", text);
        free(text);
    }
    pvi_errors_clear(&errs);
    if (!bad && pvi_time_zone_set(svc->cfg.time_zone) != 0) {
        pvi_error("configuration: PVI_TIME_ZONE: unknown time zone \"%s\"", svc->cfg.time_zone);
        bad = 1;
    }

    if (needs & PVI_NEEDS_DB) {
        bad |= require(svc->cfg.db_url, "PVI_DB_URL");
        if (!bad && pvi_db_open(&svc->db, svc->cfg.db_url, svc->cfg.db_pool,
                                svc->cfg.db_statement_timeout_ms) != PVI_OK)
            bad = 1;
        if (svc->db)
            svc->checks[svc->nchecks++] = (struct pvi_http_check){"postgresql", check_db, svc->db};
    }
    if (needs & PVI_NEEDS_REDIS) {
        if (!bad && pvi_redis_open(&svc->redis, svc->cfg.redis_host, svc->cfg.redis_port,
                                   svc->cfg.redis_timeout_ms) != PVI_OK)
            bad = 1;
        if (svc->redis)
            svc->checks[svc->nchecks++] = (struct pvi_http_check){"redis", check_redis, svc->redis};
    }
    if (needs & PVI_NEEDS_LDAP) {
        bad |= require(svc->cfg.ldap_uri, "PVI_LDAP_URI");
        bad |= require(svc->cfg.ldap_base_dn, "PVI_LDAP_BASE_DN");
        bad |= require(svc->cfg.ldap_bind_dn, "PVI_LDAP_BIND_DN");
        bad |= require(svc->cfg.ldap_bind_password, "PVI_LDAP_BIND_PASSWORD");
        bad |= require(svc->cfg.ldap_group_dn, "PVI_LDAP_GROUP_DN");
        svc->ldap = (struct pvi_ldap_config){
            .uri = svc->cfg.ldap_uri,
            .base_dn = svc->cfg.ldap_base_dn,
            .bind_dn = svc->cfg.ldap_bind_dn,
            .bind_password = svc->cfg.ldap_bind_password,
            .group_dn = svc->cfg.ldap_group_dn,
            .timeout_ms = svc->cfg.ldap_timeout_ms,
        };
        svc->checks[svc->nchecks++] = (struct pvi_http_check){"ldap", check_ldap, &svc->ldap};
    }
    return bad ? -1 : 0;
}

void
pvi_service_http(struct pvi_http_server *out, const struct pvi_service *svc)
{
    const struct pvi_config *c = &svc->cfg;
    *out = (struct pvi_http_server){
        .service = svc->name,
        .listen_addr = c->listen_addr,
        .port = c->port,
        .threads = c->threads,
        .connection_limit = c->connection_limit,
        .per_ip_connection_limit = c->per_ip_connection_limit,
        .connection_timeout_s = c->connection_timeout_s,
        .header_timeout_s = c->header_timeout_s,
        .max_body_bytes = (size_t)c->max_body_bytes,
        .shutdown_grace_s = c->shutdown_grace_s,
        .checks = svc->checks,
        .nchecks = svc->nchecks,
        .metrics = svc->metrics,
        .metrics_from = c->metrics_from,
    };
}

int
pvi_service_serve(struct pvi_service *svc, const struct pvi_http_route *routes, size_t nroutes,
                  void (*on_reload)(void *), void *app)
{
    struct pvi_http_server srv;
    pvi_service_http(&srv, svc);
    srv.routes = routes;
    srv.nroutes = nroutes;
    srv.on_reload = on_reload;
    srv.app = app;
    return pvi_http_run(&srv) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

void
pvi_service_fini(struct pvi_service *svc)
{
    pvi_db_close(svc->db);
    pvi_redis_close(svc->redis);
    pvi_config_free(&svc->cfg);
    xmlCleanupParser();
    memset(svc, 0, sizeof *svc);
}
