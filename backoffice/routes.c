/* routes.c — backoffice, the administrators' back office (the JSON API for integrators comes under /api/v1):
 * the table of contents of the service. Every path it answers is a line
 * below, with who may use it and the inputs it accepts; the web layer
 * refuses everything else before any handler runs (pvi_http.h). The
 * office's own pages are one file each (backoffice.h); the pages every office
 * shares (login, logout, account, language, static files) come from the
 * web layer (pvi_web.h). */
#include "backoffice.h"

#define ADMINS PVI_ROLE_BIT(PVI_ROLE_ADMIN)
#define SESSION .auth = PVI_AUTH_SESSION, .roles = ADMINS

/* clang-format off */
static const struct pvi_http_route routes[] = {
    {.method = "GET",  .path = "/",          .handler = bo_home,              .name = "home",       SESSION},
    {.method = "GET",  .path = "/compte",    .handler = pvi_web_account_page, .name = "account",  SESSION},
    {.method = "GET",  .path = "/login",     .handler = pvi_web_login_page, .name = "login_page",
     PVI_FIELDS(pvi_web_login_page_fields)},
    {.method = "POST", .path = "/login",     .handler = pvi_web_login,      .name = "login",
     PVI_FIELDS(pvi_web_login_fields_admins)},
    {.method = "POST", .path = "/logout",    .handler = pvi_web_logout,     .name = "logout",     SESSION},
    {.method = "POST", .path = "/langue",    .handler = pvi_web_language,   .name = "language",
     PVI_FIELDS(pvi_web_language_fields)},
    {.method = "GET",  .path = "/_static/*", .handler = pvi_web_static,     .name = "static"},
};
/* clang-format on */

static const struct pvi_office_link nav[] = {
    {"/", PVI_MSG_UI_NAV_HOME},
    {"/compte", PVI_MSG_UI_NAV_ACCOUNT},
};

const struct pvi_office backoffice_office = {
    .name = "backoffice",
    .title = PVI_MSG_UI_OFFICE_BACKOFFICE,
    .realm = PVI_REALM_ADMINS,
    PVI_NAV(nav),
    .routes = routes,
    .nroutes = PVI_COUNT_OF(routes),
};
