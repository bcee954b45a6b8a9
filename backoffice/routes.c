/* routes.c — backoffice, the administrators' back office (the JSON API for integrators comes under
 * /api/v1): the table of contents of the service. Every page of its own is a line below, with who
 * may use it and the inputs it accepts, and is one file (backoffice.h); the web layer adds the
 * pages every office shares (GET and POST /login, POST /logout, GET /compte, POST /langue, GET
 * /_static/…; pvi_web.h) and refuses everything else before any handler runs (pvi_http.h). */
#include "backoffice.h"

#include <stdint.h>
#include <string.h>

#define ADMINS PVI_ROLE_BIT(PVI_ROLE_ADMIN)
#define SESSION .auth = PVI_AUTH_SESSION, .roles = ADMINS

static const char *const state_names[] = {"ordered",   "collecting", "review", "online",
                                          "suspended", "closed",     NULL};
static const char *const batch_kinds[] = {"republish", "suspend", "assign", NULL};

/* The site list's criteria, carried by the batch pages. */
#define SELECTION_FIELDS                                                                           \
    {.name = "state", .type = PVI_FIELD_ENUM, .choices = state_names},                             \
        {.name = "q", .type = PVI_FIELD_TEXT, .max_bytes = 200},                                   \
    {                                                                                              \
        .name = "operator", .type = PVI_FIELD_INT, .min = 1, .max = INT64_MAX                      \
    }

static const struct pvi_http_field batch_new_fields[] = {
    {.name = "action", .type = PVI_FIELD_ENUM, .flags = PVI_FIELD_REQUIRED, .choices = batch_kinds},
    SELECTION_FIELDS,
};
static const struct pvi_http_field batch_create_fields[] = {
    {.name = "action", .type = PVI_FIELD_ENUM, .flags = PVI_FIELD_REQUIRED, .choices = batch_kinds},
    SELECTION_FIELDS,
    {.name = "reason", .type = PVI_FIELD_TEXT, .max_bytes = 8000},
    {.name = "operator_id", .type = PVI_FIELD_INT, .min = 1, .max = INT64_MAX},
};

/* A site typed on the charters page: its number or its slug. */
static int
site_number_or_slug(const char *v)
{
    size_t n = strlen(v), digits = strspn(v, "0123456789"),
           slug = strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789-");
    if (n == 0)
        return 0; /* nothing chosen yet */
    if (digits == n)
        return n > 18 || v[0] == '0'; /* a site id: 1 to 2^63−1, no leading zero */
    return slug != n || n > 63;
}

static const struct pvi_http_field queue_fields[] = {
    {.name = "after", .type = PVI_FIELD_INT, .min = 1, .max = INT64_MAX},
};
static const struct pvi_http_field reassign_fields[] = {
    {.name = "version",
     .type = PVI_FIELD_INT,
     .flags = PVI_FIELD_REQUIRED,
     .min = 1,
     .max = INT32_MAX},
    {.name = "operator_id",
     .type = PVI_FIELD_INT,
     .flags = PVI_FIELD_REQUIRED,
     .min = 1,
     .max = INT64_MAX},
};
static const struct pvi_http_field charters_fields[] = {
    {.name = "site", .type = PVI_FIELD_TEXT, .max_bytes = 63, .check = site_number_or_slug},
};

/* clang-format off */
static const struct pvi_http_route routes[] = {
    {.method = "GET",  .path = "/", .handler = bo_home, .name = "home", SESSION},
    {.method = "GET",  .path = "/lots", .handler = bo_batch_list, .name = "batches", SESSION},
    {.method = "GET",  .path = "/lots/nouveau", .handler = bo_batch_new, .name = "batch_new",
     SESSION, PVI_FIELDS(batch_new_fields)},
    {.method = "POST", .path = "/lots", .handler = bo_batch_create, .name = "batch_create",
     SESSION, PVI_FIELDS(batch_create_fields)},
    {.method = "GET",  .path = "/lots/{id:int}", .handler = bo_batch_page, .name = "batch",
     SESSION},
    {.method = "GET",  .path = "/operateurs", .handler = bo_operators, .name = "operators", SESSION},
    {.method = "GET",  .path = "/operateurs/{id:int}", .handler = bo_operator_queue,
     .name = "operator", SESSION, PVI_FIELDS(queue_fields)},
    {.method = "GET",  .path = "/operateurs/{id:int}/sites/{site:int}/reassigner",
     .handler = bo_reassign_form, .name = "reassign", SESSION},
    {.method = "POST", .path = "/operateurs/{id:int}/sites/{site:int}/reassigner",
     .handler = bo_reassign, .name = "reassign", SESSION, PVI_FIELDS(reassign_fields)},
    {.method = "GET",  .path = "/chartes", .handler = bo_charters, .name = "charters", SESSION,
     PVI_FIELDS(charters_fields)},
    {.method = "GET",  .path = "/chartes/{name:slug}/apercu/{site:int}",
     .handler = bo_charter_preview, .name = "charter_preview", SESSION},
    {.method = "GET",  .path = "/chartes/{name:slug}/apercu/{site:int}/*",
     .handler = bo_charter_preview, .name = "charter_preview", SESSION},
    {.method = "GET",  .path = "/_charte/*", .handler = bo_charter_css, .name = "charter_css",
     SESSION},
};
/* clang-format on */

static const struct pvi_office_link nav[] = {
    {"/", PVI_MSG_UI_NAV_HOME},
    {"/lots", PVI_MSG_UI_NAV_BATCHES},
    {"/operateurs", PVI_MSG_UI_NAV_OPERATORS},
    {"/chartes", PVI_MSG_UI_NAV_CHARTERS},
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
