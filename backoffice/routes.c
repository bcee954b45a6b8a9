/* routes.c — backoffice, the administrators' back office (the JSON API for integrators comes under
 * /api/v1): the table of contents of the service. Every page of its own is a line below, with who
 * may use it and the inputs it accepts, and is one file (backoffice.h); the web layer adds the
 * pages every office shares (GET and POST /login, POST /logout, GET /compte, POST /langue, GET
 * /_static/…; pvi_web.h) and refuses everything else before any handler runs (pvi_http.h). */
#include "backoffice.h"

#include "pvi/pvi_site.h"

#include "pvi/pvi_content_form.h"

#include <limits.h>
#include <stdint.h>
#include <limits.h>
#include <string.h>

#define ADMINS PVI_ROLE_BIT(PVI_ROLE_ADMIN)
#define SESSION .auth = PVI_AUTH_SESSION, .roles = ADMINS

#define TYPED_MAX 1024 /* bytes of a text field; libpvi says what is valid */

/* accounts and keys (accounts.c, account_new.c, apikeys.c, apikey_new.c) */
static const struct pvi_http_field admin_new_fields[] = {
    {.name = "email", .type = PVI_FIELD_TEXT, .flags = PVI_FIELD_REQUIRED, .max_bytes = TYPED_MAX},
    {.name = "display_name",
     .type = PVI_FIELD_TEXT,
     .flags = PVI_FIELD_REQUIRED,
     .max_bytes = TYPED_MAX},
};
static const char *const scope_codes[] = {"sites:read", "sites:write", "workflow", NULL};
static const struct pvi_http_field apikey_new_fields[] = {
    {.name = "name", .type = PVI_FIELD_TEXT, .flags = PVI_FIELD_REQUIRED, .max_bytes = TYPED_MAX},
    {.name = "scopes", .type = PVI_FIELD_ENUM, .flags = PVI_FIELD_MULTI, .choices = scope_codes},
    {.name = "rate_per_minute",
     .type = PVI_FIELD_TEXT,
     .flags = PVI_FIELD_REQUIRED,
     .max_bytes = 32},
};

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

/* batch actions (batch_new.c, batches.c) */
#define TEXT(n, bytes) {.name = (n), .type = PVI_FIELD_TEXT, .max_bytes = (bytes)}
#define ID(n) {.name = (n), .type = PVI_FIELD_INT, .flags = PVI_FIELD_REQUIRED, .min = 1, \
               .max = LLONG_MAX}
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

/* The site page (site*.c): the audit trail's keyset cursor; two revisions
 * to compare; the decisions, each with the version of the site the admin
 * saw (a reason: 1,000 characters for libpvi, room here for a longer one to
 * be refused by libpvi with its message, not by the layer). */
static const struct pvi_http_field site_page_fields[] = {
    {"audit_before", PVI_FIELD_INT, 0, .min = 1, .max = INT64_MAX},
};
static const struct pvi_http_field site_diff_fields[] = {
    {"a", PVI_FIELD_INT, 0, .min = 1, .max = INT32_MAX},
    {"b", PVI_FIELD_INT, 0, .min = 1, .max = INT32_MAX},
};
#define VERSION_FIELD                                                                              \
    {                                                                                              \
        "version", PVI_FIELD_INT, PVI_FIELD_REQUIRED, .min = 0, .max = INT32_MAX                   \
    }
#define REASON_FIELD(flags)                                                                        \
    {                                                                                              \
        "reason", PVI_FIELD_TEXT, (flags), .max_bytes = 8000                                       \
    }
static const struct pvi_http_field site_assign_fields[] = {
    VERSION_FIELD,
    {"operator_id", PVI_FIELD_INT, PVI_FIELD_REQUIRED, .min = 1, .max = INT64_MAX},
};
static const struct pvi_http_field site_approve_fields[] = {VERSION_FIELD};
static const struct pvi_http_field site_reason_fields[] = {VERSION_FIELD,
                                                           REASON_FIELD(PVI_FIELD_REQUIRED)};
static const struct pvi_http_field site_close_fields[] = {VERSION_FIELD, REASON_FIELD(0)};
static const struct pvi_http_field site_restore_page_fields[] = {
    {"revision", PVI_FIELD_INT, PVI_FIELD_REQUIRED, .min = 1, .max = INT32_MAX},
};
static const struct pvi_http_field site_restore_fields[] = {
    VERSION_FIELD,
    {"revision", PVI_FIELD_INT, PVI_FIELD_REQUIRED, .min = 1, .max = INT32_MAX},
    {"note", PVI_FIELD_TEXT, 0, .max_bytes = 2000},
};

/* The change requests (request*.c): the queue's keyset cursors; a
 * decision, one verdict and reason per sensitive field. */
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
    {.method = "GET",  .path = "/", .handler = bo_dashboard, .name = "dashboard", SESSION},
    {.method = "GET",  .path = "/sites", .handler = bo_sites, .name = "sites", SESSION,
     PVI_FIELDS(site_list_fields)},
    /* administrators' accounts */
    {.method = "GET",  .path = "/comptes", .handler = bo_admins, .name = "admins", SESSION},
    {.method = "GET",  .path = "/comptes/nouveau", .handler = bo_admin_new_form,
     .name = "admin_new_form", SESSION},
    {.method = "POST", .path = "/comptes/nouveau", .handler = bo_admin_create,
     .name = "admin_create", SESSION, PVI_FIELDS(admin_new_fields)},
    {.method = "GET",  .path = "/comptes/{id:int}", .handler = bo_admin, .name = "admin", SESSION},
    {.method = "POST", .path = "/comptes/{id:int}/desactiver", .handler = bo_admin_disable,
     .name = "admin_disable", SESSION},
    {.method = "POST", .path = "/comptes/{id:int}/activer", .handler = bo_admin_enable,
     .name = "admin_enable", SESSION},
    {.method = "GET",  .path = "/comptes/{id:int}/mot-de-passe", .handler = bo_admin_reset_form,
     .name = "admin_reset_form", SESSION},
    {.method = "POST", .path = "/comptes/{id:int}/mot-de-passe", .handler = bo_admin_reset,
     .name = "admin_reset", SESSION},
    /* integrators' API keys */
    {.method = "GET",  .path = "/cles", .handler = bo_apikeys, .name = "apikeys", SESSION},
    {.method = "GET",  .path = "/cles/nouvelle", .handler = bo_apikey_new_form,
     .name = "apikey_new_form", SESSION},
    {.method = "POST", .path = "/cles/nouvelle", .handler = bo_apikey_create,
     .name = "apikey_create", SESSION, PVI_FIELDS(apikey_new_fields)},
    {.method = "GET",  .path = "/cles/{id:int}/revoquer", .handler = bo_apikey_revoke_form,
     .name = "apikey_revoke_form", SESSION},
    {.method = "POST", .path = "/cles/{id:int}/revoquer", .handler = bo_apikey_revoke,
     .name = "apikey_revoke", SESSION},
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
    {.method = "GET",  .path = "/lots", .handler = bo_batch_list, .name = "batches", SESSION},
    {.method = "GET",  .path = "/lots/nouveau", .handler = bo_batch_new, .name = "batch_new",
     SESSION, PVI_FIELDS(batch_new_fields)},
    {.method = "POST", .path = "/lots", .handler = bo_batch_create, .name = "batch_create",
     SESSION, PVI_FIELDS(batch_create_fields)},
    {.method = "GET",  .path = "/lots/{id:int}", .handler = bo_batch_page, .name = "batch",
     SESSION},
    {.method = "GET",  .path = "/sites/{id:int}", .handler = bo_site_page, .name = "site",
     SESSION, PVI_FIELDS(site_page_fields)},
    {.method = "GET",  .path = "/sites/{id:int}/revisions", .handler = bo_site_revisions_page,
     .name = "site_revisions", SESSION, PVI_FIELDS(site_diff_fields)},
    {.method = "POST", .path = "/sites/{id:int}/assigner", .handler = bo_site_assign,
     .name = "site_assign", SESSION, PVI_FIELDS(site_assign_fields)},
    {.method = "POST", .path = "/sites/{id:int}/approuver", .handler = bo_site_approve,
     .name = "site_approve", SESSION, PVI_FIELDS(site_approve_fields)},
    {.method = "POST", .path = "/sites/{id:int}/rejeter", .handler = bo_site_reject,
     .name = "site_reject", SESSION, PVI_FIELDS(site_reason_fields)},
    {.method = "POST", .path = "/sites/{id:int}/suspendre", .handler = bo_site_suspend,
     .name = "site_suspend", SESSION, PVI_FIELDS(site_reason_fields)},
    {.method = "POST", .path = "/sites/{id:int}/reprendre", .handler = bo_site_resume,
     .name = "site_resume", SESSION, PVI_FIELDS(site_reason_fields)},
    {.method = "GET",  .path = "/sites/{id:int}/fermer", .handler = bo_site_close_page,
     .name = "site_close_page", SESSION},
    {.method = "POST", .path = "/sites/{id:int}/fermer", .handler = bo_site_close,
     .name = "site_close", SESSION, PVI_FIELDS(site_close_fields)},
    {.method = "GET",  .path = "/sites/{id:int}/restaurer", .handler = bo_site_restore_page,
     .name = "site_restore_page", SESSION, PVI_FIELDS(site_restore_page_fields)},
    {.method = "POST", .path = "/sites/{id:int}/restaurer", .handler = bo_site_restore,
     .name = "site_restore", SESSION, PVI_FIELDS(site_restore_fields)},
    {.method = "GET",  .path = "/demandes", .handler = bo_requests, .name = "requests", SESSION,
     PVI_FIELDS(requests_query)},
    {.method = "GET",  .path = "/demandes/{id:int}", .handler = bo_request, .name = "request",
     SESSION},
    {.method = "POST", .path = "/demandes/{id:int}/decision", .handler = bo_request_decision,
     .name = "request_decision", SESSION, PVI_FIELDS(decision_form)},
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
    {"/", PVI_MSG_DASH_TITLE},
    {"/sites", PVI_MSG_UI_NAV_SITES},
    {"/lots", PVI_MSG_UI_NAV_BATCHES},
    {"/demandes", PVI_MSG_UI_NAV_REQUESTS},
    {"/operateurs", PVI_MSG_UI_NAV_OPERATORS},
    {"/chartes", PVI_MSG_UI_NAV_CHARTERS},
    {"/comptes", PVI_MSG_UI_NAV_ADMINS},
    {"/cles", PVI_MSG_UI_NAV_APIKEYS},
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
