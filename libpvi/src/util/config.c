/* config.c — reads every PVI_* variable through one declarative table. */
#include "pvi/pvi_config.h"
#include "pvi/pvi_log.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_text.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind { STR, INT };

struct var {
    const char *name;
    enum kind kind;
    size_t offset;
    const char *def; /* NULL: no default (may stay NULL) */
    long min, max;
};

#define S(n, field, d)                                                                             \
    {                                                                                              \
        n, STR, offsetof(struct pvi_config, field), d, 0, 0                                        \
    }
#define I(n, field, d, lo, hi)                                                                     \
    {                                                                                              \
        n, INT, offsetof(struct pvi_config, field), d, lo, hi                                      \
    }

static const struct var vars[] = {
    S("PVI_DB_URL", db_url, NULL),
    I("PVI_DB_POOL", db_pool, "8", 1, 256),
    I("PVI_DB_STATEMENT_TIMEOUT_MS", db_statement_timeout_ms, "10000", 100, 3600000),
    S("PVI_REDIS_HOST", redis_host, "127.0.0.1"),
    I("PVI_REDIS_PORT", redis_port, "6379", 1, 65535),
    I("PVI_REDIS_TIMEOUT_MS", redis_timeout_ms, "200", 10, 60000),
    S("PVI_LDAP_URI", ldap_uri, NULL),
    S("PVI_LDAP_BASE_DN", ldap_base_dn, NULL),
    S("PVI_LDAP_BIND_DN", ldap_bind_dn, NULL),
    S("PVI_LDAP_BIND_PASSWORD", ldap_bind_password, NULL),
    S("PVI_LDAP_GROUP_DN", ldap_group_dn, NULL),
    I("PVI_LDAP_TIMEOUT_MS", ldap_timeout_ms, "3000", 100, 60000),
    S("PVI_LISTEN_ADDR", listen_addr, "127.0.0.1"),
    I("PVI_THREADS", threads, "4", 1, 256),
    I("PVI_CONNECTION_LIMIT", connection_limit, "4096", 1, 1000000),
    I("PVI_PER_IP_CONNECTION_LIMIT", per_ip_connection_limit, "256", 0, 1000000),
    I("PVI_CONNECTION_TIMEOUT_S", connection_timeout_s, "30", 1, 3600),
    I("PVI_HEADER_TIMEOUT_S", header_timeout_s, "10", 0, 3600),
    I("PVI_MAX_BODY_BYTES", max_body_bytes, "1048576", 1024, 1073741824),
    I("PVI_SHUTDOWN_GRACE_S", shutdown_grace_s, "10", 0, 600),
    S("PVI_PLATFORM_DOMAIN", platform_domain, "pvi.localhost"),
    S("PVI_CONTENT_DIR", content_dir, "/var/lib/pvi/content"),
    S("PVI_XSL_DIR", xsl_dir, "/usr/local/share/pvi/xsl"),
    S("PVI_SCHEMA_DIR", schema_dir, "/usr/local/share/pvi/schema"),
    S("PVI_LOG_LEVEL", log_level, "info"),
    S("PVI_TIME_ZONE", time_zone, "Europe/Paris"),
    I("PVI_RENDER_CACHE_MB", render_cache_mb, "64", 0, 65536),
    I("PVI_ROUTE_MAP_ENTRIES", route_map_entries, "200000", 0, 100000000),
    I("PVI_RENDER_CACHE_WARM_S", render_cache_warm_s, "300", 0, 86400),
    S("PVI_PUBLIC_SCHEME", public_scheme, "http"),
    I("PVI_PUBLIC_PORT", public_port, "0", 0, 65535),
    S("PVI_METRICS_FROM", metrics_from, "127.0.0.1,::1"),
    S("PVI_OFFICE_SCHEME", office_scheme, "https"),
    I("PVI_SESSION_IDLE_S", session_idle_s, "1800", 60, 86400),
    I("PVI_SESSION_ABSOLUTE_S", session_absolute_s, "43200", 300, 2592000),
    I("PVI_FORM_TTL_S", form_ttl_s, "7200", 60, 86400),
};

static const struct {
    const char *service;
    const char *var;
    const char *port;
} ports[] = {
    {"internet-fo", "PVI_INTERNET_FO_PORT", "8080"}, {"backoffice", "PVI_BACKOFFICE_PORT", "8081"},
    {"operator-fo", "PVI_OPERATOR_FO_PORT", "8082"}, {"client-fo", "PVI_CLIENT_FO_PORT", "8083"},
    {"publisher", "PVI_PUBLISHER_PORT", "8084"},
};

const char *
pvi_config_port_var(const char *service)
{
    for (size_t i = 0; service && i < PVI_COUNT_OF(ports); i++)
        if (strcmp(ports[i].service, service) == 0)
            return ports[i].var;
    return NULL;
}

static int
parse_int(long *out, const char *s)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end != '\0')
        return -1;
    *out = v;
    return 0;
}

static void
load_int(int *dst, const char *name, const char *val, long min, long max, struct pvi_errors *errs)
{
    long v;
    if (parse_int(&v, val) != 0 || v < min || v > max) {
        char lo[PVI_INT_TEXT_SIZE], hi[PVI_INT_TEXT_SIZE];
        pvi_int_text(lo, min);
        pvi_int_text(hi, max);
        pvi_errors_add_msg(errs, name, PVI_CONFIG, PVI_MSG_CONFIG_INTEGER, "name", name, "min", lo,
                           "max", hi, "value", val, NULL);
        return;
    }
    *dst = (int)v;
}

enum pvi_code
pvi_config_load(struct pvi_config *out, const char *service, struct pvi_errors *errs)
{
    memset(out, 0, sizeof *out);
    out->service = service;
    size_t before = errs->n;

    for (size_t i = 0; i < PVI_COUNT_OF(vars); i++) {
        const struct var *v = &vars[i];
        const char *val = getenv(v->name);
        if (val == NULL || *val == '\0')
            val = v->def;
        if (val == NULL)
            continue;
        char *field = (char *)out + v->offset;
        if (v->kind == STR)
            *(char **)field = pvi_strdup(val);
        else
            load_int((int *)field, v->name, val, v->min, v->max, errs);
    }

    const char *pvar = pvi_config_port_var(service);
    if (pvar != NULL) {
        const char *val = getenv(pvar);
        const char *def = NULL;
        for (size_t i = 0; i < PVI_COUNT_OF(ports); i++)
            if (strcmp(ports[i].var, pvar) == 0)
                def = ports[i].port;
        load_int(&out->port, pvar, val && *val ? val : def, 0, 65535, errs);
    }
    if (pvi_log_set_level(out->log_level) != 0)
        pvi_errors_add_msg(errs, "PVI_LOG_LEVEL", PVI_CONFIG, PVI_MSG_CONFIG_LOG_LEVEL, NULL);
    return errs->n > before ? PVI_CONFIG : PVI_OK;
}

void
pvi_config_free(struct pvi_config *cfg)
{
    if (cfg == NULL)
        return;
    for (size_t i = 0; i < PVI_COUNT_OF(vars); i++)
        if (vars[i].kind == STR) {
            char **field = (char **)((char *)cfg + vars[i].offset);
            free(*field);
            *field = NULL;
        }
}
