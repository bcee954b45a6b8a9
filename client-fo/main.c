/* main.c — client-fo: the clients' front office (customer-number login). */
#include "pvi/pvi_service.h"

#include <stdlib.h>

static const struct pvi_http_route routes[] = {
    /* the service's pages are added here, one line per endpoint */
    {.method = NULL},
};

int
main(void)
{
    struct pvi_service svc;
    int status = EXIT_FAILURE;
    if (pvi_service_init(&svc, "client-fo", PVI_NEEDS_DB) == 0)
        status = pvi_service_serve(&svc, routes, 0, NULL, NULL, NULL);
    pvi_service_fini(&svc);
    return status;
}
