/* routes.c — backoffice, the administrators' back office (the JSON API for integrators comes under
 * /api/v1): the table of contents of the service. Every page of its own is a line below, with who
 * may use it and the inputs it accepts, and is one file (backoffice.h); the web layer adds the
 * pages every office shares (GET and POST /login, POST /logout, GET /compte, POST /langue, GET
 * /_static/…; pvi_web.h) and refuses everything else before any handler runs (pvi_http.h). */
#include "backoffice.h"

#include "pvi/pvi_site.h"

#include <stdint.h>

#define ADMINS PVI_ROLE_BIT(PVI_ROLE_ADMIN)
#define SESSION .auth = PVI_AUTH_SESSION, .roles = ADMINS

/* ---- the validators of the pages' query fields (libpvi decides) ---- */

static int
check_state(const char *v)
{
    enum pvi_site_state s;
    return pvi_state_parse(&s, v);
}

static int
check_sort(const char *v)
{
    enum pvi_site_sort s;
    return pvi_site_sort_parse(&s, v);
}

static const char *const directions[] = {"asc", "desc", NULL};

static const char *const batch_kinds[] = {"republish", "suspend", "assign", NULL};

/* The site list's criteria (GET /sites), carried by the batch pages too. */
#define SELECTION_FIELDS                                                                           \
    {.name = "q", .type = PVI_FIELD_TEXT, .max_bytes = 200},                                       \
        {.name = "state", .type = PVI_FIELD_TOKEN, .max_bytes = 20, .check = check_state},         \
        /* a charter that does not exist is refused by pvi_site_list ("charter") */                \
        {.name = "charter", .type = PVI_FIELD_TOKEN, .max_bytes = 40},                             \
        {.name = "operator", .type = PVI_FIELD_INT, .min = 1, .max = INT64_MAX},                   \
    {                                                                                              \
        .name = "pending", .type = PVI_FIELD_BOOL                                                  \
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

/* GET /sites: the search, the filters, the sort and the page (sites.c) */
static const struct pvi_http_field site_list_fields[] = {
    SELECTION_FIELDS,
    {.name = "sort", .type = PVI_FIELD_TOKEN, .max_bytes = 20, .check = check_sort},
    {.name = "dir", .type = PVI_FIELD_ENUM, .choices = directions},
    {.name = "after", .type = PVI_FIELD_TOKEN, .max_bytes = 700, .check = pvi_site_cursor_check},
    {.name = "before", .type = PVI_FIELD_TOKEN, .max_bytes = 700, .check = pvi_site_cursor_check},
    {.name = "last", .type = PVI_FIELD_BOOL},
};

/* clang-format off */
static const struct pvi_http_route routes[] = {
    {.method = "GET",  .path = "/", .handler = bo_home, .name = "home", SESSION},
    {.method = "GET",  .path = "/sites", .handler = bo_sites, .name = "sites", SESSION,
     PVI_FIELDS(site_list_fields)},
    {.method = "GET",  .path = "/lots", .handler = bo_batch_list, .name = "batches", SESSION},
    {.method = "GET",  .path = "/lots/nouveau", .handler = bo_batch_new, .name = "batch_new",
     SESSION, PVI_FIELDS(batch_new_fields)},
    {.method = "POST", .path = "/lots", .handler = bo_batch_create, .name = "batch_create",
     SESSION, PVI_FIELDS(batch_create_fields)},
    {.method = "GET",  .path = "/lots/{id:int}", .handler = bo_batch_page, .name = "batch",
     SESSION},
};
/* clang-format on */

static const struct pvi_office_link nav[] = {
    {"/", PVI_MSG_UI_NAV_HOME},
    {"/sites", PVI_MSG_UI_NAV_SITES},
    {"/lots", PVI_MSG_UI_NAV_BATCHES},
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
