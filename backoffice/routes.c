/* routes.c — backoffice, the administrators' back office (the JSON API for integrators comes under
 * /api/v1): the table of contents of the service. Every page of its own is a line below, with who
 * may use it and the inputs it accepts, and is one file (backoffice.h); the web layer adds the
 * pages every office shares (GET and POST /login, POST /logout, GET /compte, POST /langue, GET
 * /_static/…; pvi_web.h) and refuses everything else before any handler runs (pvi_http.h). */
#include "backoffice.h"

#include <limits.h>

#define ADMINS PVI_ROLE_BIT(PVI_ROLE_ADMIN)
#define SESSION .auth = PVI_AUTH_SESSION, .roles = ADMINS

static const struct pvi_http_field requests_query[] = {
    {.name = "after", .type = PVI_FIELD_INT, .min = 1, .max = LLONG_MAX},
    {.name = "before", .type = PVI_FIELD_INT, .min = 1, .max = LLONG_MAX},
};

static const char *const verdicts[] = {"approve", "reject", NULL};
#define VERDICT(f) {.name = f ".decision", .type = PVI_FIELD_ENUM, .choices = verdicts}
#define REASON(f) {.name = f ".reason", .type = PVI_FIELD_TEXT, .max_bytes = 4096}
static const struct pvi_http_field decision_form[] = {
    VERDICT("business_name"), REASON("business_name"), VERDICT("activity"), REASON("activity"),
    VERDICT("address"),       REASON("address"),       VERDICT("domains"),  REASON("domains"),
    VERDICT("charter"),       REASON("charter"),
};

/* clang-format off */
static const struct pvi_http_route routes[] = {
    {.method = "GET",  .path = "/", .handler = bo_home, .name = "home", SESSION},
    {.method = "GET",  .path = "/demandes", .handler = bo_requests, .name = "requests", SESSION,
     PVI_FIELDS(requests_query)},
    {.method = "GET",  .path = "/demandes/{id:int}", .handler = bo_request, .name = "request",
     SESSION},
    {.method = "POST", .path = "/demandes/{id:int}/decision", .handler = bo_request_decision,
     .name = "request_decision", SESSION, PVI_FIELDS(decision_form)},
};
/* clang-format on */

static const struct pvi_office_link nav[] = {
    {"/", PVI_MSG_UI_NAV_HOME},
    {"/demandes", PVI_MSG_UI_NAV_REQUESTS},
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
