/* pvi_service.h — what every service does around its routes: read the
 * configuration, open the dependencies it needs (PostgreSQL, Redis, the
 * directory), declare them to /readyz, serve, and release everything. */
#ifndef PVI_SERVICE_H
#define PVI_SERVICE_H

#include "pvi/pvi_config.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_http.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_ldap.h"
#include "pvi/pvi_redis.h"

enum pvi_service_needs {
    PVI_NEEDS_DB = 1 << 0,
    PVI_NEEDS_REDIS = 1 << 1,
    PVI_NEEDS_LDAP = 1 << 2,
};

struct pvi_service {
    const char *name;
    struct pvi_config cfg;
    struct pvi_db *db;        /* NULL unless PVI_NEEDS_DB */
    struct pvi_redis *redis;  /* NULL unless PVI_NEEDS_REDIS */
    struct pvi_ldap_config ldap;
    unsigned needs;
    struct pvi_http_check checks[3];
    size_t nchecks;
    /* optional: appends the service's own Prometheus lines to /metrics */
    void (*metrics)(void *app, struct pvi_buf *out);
};

/* Loads the configuration and opens (lazily) what `needs` names. Invalid or
 * missing configuration is logged, one line per variable, and gives -1. */
int pvi_service_init(struct pvi_service *svc, const char *name, unsigned needs);

/* The HTTP server of the service as its configuration says (address, port,
 * threads, limits, timeouts, /readyz checks, /metrics), without routes. */
void pvi_service_http(struct pvi_http_server *out, const struct pvi_service *svc);

/* Serves routes (pass them with PVI_ROUTES) until SIGTERM (see
 * pvi_http_run). app is handed to handlers; on_reload may be NULL. Returns
 * the process exit status. */
int pvi_service_serve(struct pvi_service *svc, const struct pvi_http_route *routes,
                      size_t nroutes, void (*on_reload)(void *), void *app);

void pvi_service_fini(struct pvi_service *svc);

#endif
