/* routes.c — backoffice, the administrators' back office (the JSON API for integrators comes under
 * /api/v1): the table of contents of the service. Every page of its own is a line below, with who
 * may use it and the inputs it accepts, and is one file (backoffice.h); the web layer adds the
 * pages every office shares (GET and POST /login, POST /logout, GET /compte, POST /langue, GET
 * /_static/…; pvi_web.h) and refuses everything else before any handler runs (pvi_http.h). */
#include "backoffice.h"

#include "pvi/pvi_content_form.h"

#include <limits.h>

#define ADMINS PVI_ROLE_BIT(PVI_ROLE_ADMIN)
#define SESSION .auth = PVI_AUTH_SESSION, .roles = ADMINS

#define TEXT(n, bytes) {.name = (n), .type = PVI_FIELD_TEXT, .max_bytes = (bytes)}
#define ID(n) {.name = (n), .type = PVI_FIELD_INT, .flags = PVI_FIELD_REQUIRED, .min = 1, \
               .max = LLONG_MAX}

/* clang-format off */
static const struct pvi_http_field client_new_fields[] = {
    TEXT("customer_number", 64), TEXT("company_name", 1024), TEXT("siret", 64),
    TEXT("email", 1024), TEXT("phone", 64), TEXT("password", 1024),
};
static const struct pvi_http_field site_new_query[] = {ID("client")};
static const struct pvi_http_field site_new_fields[] = {
    ID("client"), TEXT("slug", 256), PVI_CONTENT_FORM_IDENTITY_FIELDS,
};
static const struct pvi_http_field site_edit_fields[] = {
    PVI_CONTENT_FORM_FIELDS,
    {.name = "version", .type = PVI_FIELD_INT, .flags = PVI_FIELD_REQUIRED, .min = 0,
     .max = INT_MAX},
    TEXT("note", 4096),
};

static const struct pvi_http_route routes[] = {
    {.method = "GET",  .path = "/", .handler = bo_home, .name = "home", SESSION},
    {.method = "GET",  .path = "/clients/nouveau", .handler = bo_client_new_page,
     .name = "client_new", SESSION},
    {.method = "POST", .path = "/clients/nouveau", .handler = bo_client_create,
     .name = "client_create", SESSION, PVI_FIELDS(client_new_fields)},
    {.method = "GET",  .path = "/clients/{id:int}", .handler = bo_client_page,
     .name = "client", SESSION},
    {.method = "GET",  .path = "/sites/nouveau", .handler = bo_site_new_page,
     .name = "site_new", SESSION, PVI_FIELDS(site_new_query)},
    {.method = "POST", .path = "/sites/nouveau", .handler = bo_site_create,
     .name = "site_create", SESSION, PVI_FIELDS(site_new_fields)},
    {.method = "GET",  .path = "/sites/{id:int}/modifier", .handler = bo_site_edit_page,
     .name = "site_edit_form", SESSION},
    {.method = "POST", .path = "/sites/{id:int}/modifier", .handler = bo_site_edit,
     .name = "site_edit", SESSION, PVI_FIELDS(site_edit_fields)},
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
