/* main.c — backoffice: reads its configuration, opens what it needs and serves
 * the office described in routes.c until SIGTERM. */
#include "backoffice.h"

#include "pvi/pvi_web.h"

#include <stdlib.h>

int
main(void)
{
    struct pvi_service svc;
    int status = EXIT_FAILURE;
    if (pvi_service_init(&svc, "backoffice", PVI_NEEDS_DB | PVI_NEEDS_REDIS) == 0)
        status = pvi_office_serve(&svc, &backoffice_office);
    pvi_service_fini(&svc);
    return status;
}
