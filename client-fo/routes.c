/* routes.c — client-fo, the clients' front office (customer-number login):
 * the table of contents of the service. Every page of its own is a line
 * below, with who may use it and the inputs it accepts, and is one file
 * (client_fo.h); the web layer adds the pages every office shares (GET and
 * POST /login, POST /logout, GET /compte, POST /langue, GET /_static/…;
 * pvi_web.h) and refuses everything else before any handler runs
 * (pvi_http.h). */
#include "client_fo.h"

#define CLIENTS PVI_ROLE_BIT(PVI_ROLE_CLIENT)
#define SESSION .auth = PVI_AUTH_SESSION, .roles = CLIENTS

/* clang-format off */
static const struct pvi_http_route routes[] = {
    {.method = "GET",  .path = "/", .handler = cl_home, .name = "home", SESSION},
};
/* clang-format on */

static const struct pvi_office_link nav[] = {
    {"/", PVI_MSG_UI_NAV_HOME},
    {"/compte", PVI_MSG_UI_NAV_ACCOUNT},
};

const struct pvi_office client_fo_office = {
    .name = "client-fo",
    .title = PVI_MSG_UI_OFFICE_CLIENTS,
    .realm = PVI_REALM_CLIENTS,
    PVI_NAV(nav),
    .routes = routes,
    .nroutes = PVI_COUNT_OF(routes),
};
