/* pvi_config.h — configuration of every program, from the environment.
 *
 * One table (config.c) declares each PVI_* variable: its type, default and
 * range. The same KEY=value file serves every service (a systemd
 * EnvironmentFile): the listening port is the only per-service variable
 * (PVI_<SERVICE>_PORT). See README.md for the full list. */
#ifndef PVI_CONFIG_H
#define PVI_CONFIG_H

#include "pvi/pvi_error.h"

struct pvi_config {
    const char *service; /* "backoffice", "internet-fo", … (not owned) */

    char *db_url;        /* PVI_DB_URL, libpq conninfo */
    int db_pool;         /* PVI_DB_POOL */
    int db_statement_timeout_ms;

    char *redis_host;    /* PVI_REDIS_HOST */
    int redis_port;      /* PVI_REDIS_PORT */
    int redis_timeout_ms;

    char *ldap_uri;      /* PVI_LDAP_URI */
    char *ldap_base_dn;
    char *ldap_bind_dn;
    char *ldap_bind_password;
    char *ldap_group_dn;
    int ldap_timeout_ms;

    char *listen_addr;   /* PVI_LISTEN_ADDR */
    int port;            /* PVI_<SERVICE>_PORT */
    int threads;         /* PVI_THREADS */
    int connection_limit;
    int per_ip_connection_limit;
    int connection_timeout_s;
    int header_timeout_s; /* PVI_HEADER_TIMEOUT_S: a request head must arrive within this */
    int max_body_bytes;
    int shutdown_grace_s;

    char *platform_domain; /* PVI_PLATFORM_DOMAIN */
    char *content_dir;     /* PVI_CONTENT_DIR */
    char *xsl_dir;         /* PVI_XSL_DIR */
    char *schema_dir;      /* PVI_SCHEMA_DIR */
    char *log_level;       /* PVI_LOG_LEVEL */
    char *time_zone;       /* PVI_TIME_ZONE: the zone times are shown to people in */
    int render_cache_mb;   /* PVI_RENDER_CACHE_MB: internet-fo page cache, 0 = off */
    int route_map_entries; /* PVI_ROUTE_MAP_ENTRIES: internet-fo's local host map, 0 = off */
    int render_cache_warm_s; /* PVI_RENDER_CACHE_WARM_S: s between pre-rendering passes, 0 = off */
    char *public_scheme;     /* PVI_PUBLIC_SCHEME: http or https, as visitors see the sites */
    int public_port;         /* PVI_PUBLIC_PORT: the port visitors use, 0 = the scheme's own */
    char *metrics_from;    /* PVI_METRICS_FROM: addresses allowed to read /metrics */

    /* the offices (backoffice, operator-fo, client-fo) */
    char *office_scheme;   /* PVI_OFFICE_SCHEME: https (Secure __Host- cookies) or http
                            * (loopback only) */
    int session_idle_s;    /* PVI_SESSION_IDLE_S: a session unused this long ends */
    int session_absolute_s; /* PVI_SESSION_ABSOLUTE_S: a session ends this long after login */
    int form_ttl_s;        /* PVI_FORM_TTL_S: how long a form (its CSRF token) stays valid */
};

/* Fills *out from the environment for the named service (which picks the
 * port variable and default port). Every invalid variable is reported in errs
 * (path = variable name) and the function returns PVI_CONFIG; *out must then
 * still be released with pvi_config_free(). */
enum pvi_code pvi_config_load(struct pvi_config *out, const char *service,
                              struct pvi_errors *errs);
void pvi_config_free(struct pvi_config *cfg);

/* Name of the port variable for a service, e.g. "PVI_INTERNET_FO_PORT" (static). */
const char *pvi_config_port_var(const char *service);

#endif
