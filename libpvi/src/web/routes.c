/* routes.c — the pages every office has, whatever its realm, added by the
 * web layer after the office's own routes (an office's table lists only its
 * own pages):
 *
 *   GET  /login      the login form (next: where to go after)
 *   POST /login      logs in: the realm's identifier and the password
 *   POST /logout     logs out (session)
 *   GET  /compte     who is logged in, how long a session lasts (session)
 *   POST /langue     the language of the pages (fr, en)
 *   GET  /_static/…  the office's CSS (immutable, cached for a year)
 *
 * Only the login's identifier differs from one realm to another. */
#include "web.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_mem.h"

#include <string.h>

#define IDENTIFIER_MAX 1024 /* bytes typed; libpvi says what is valid */
#define NEXT_MAX 2048

static const struct pvi_http_field login_page_fields[] = {
    {.name = "next", .type = PVI_FIELD_TEXT, .max_bytes = NEXT_MAX},
};

#define LOGIN_FIELDS(identifier)                                                                   \
    {.name = identifier,                                                                           \
     .type = PVI_FIELD_TEXT,                                                                       \
     .flags = PVI_FIELD_REQUIRED,                                                                  \
     .max_bytes = IDENTIFIER_MAX},                                                                 \
        {.name = "password",                                                                       \
         .type = PVI_FIELD_TEXT,                                                                   \
         .flags = PVI_FIELD_REQUIRED,                                                              \
         .max_bytes = PVI_PASSWORD_MAX_BYTES},                                                     \
        {.name = "next", .type = PVI_FIELD_TEXT, .max_bytes = NEXT_MAX},

static const struct pvi_http_field login_admins[] = {LOGIN_FIELDS("email")};
static const struct pvi_http_field login_operators[] = {LOGIN_FIELDS("uid")};
static const struct pvi_http_field login_clients[] = {LOGIN_FIELDS("customer_number")};

static const char *const langs[] = {"fr", "en", NULL};
static const struct pvi_http_field language_fields[] = {
    {.name = "lang", .type = PVI_FIELD_ENUM, .flags = PVI_FIELD_REQUIRED, .choices = langs},
    {.name = "next", .type = PVI_FIELD_TEXT, .max_bytes = NEXT_MAX},
};

/* clang-format off */
#define SHARED_ROUTES(role, login_fields)                                                          \
    {.method = "GET",  .path = "/login",     .handler = pvi_web__login_page,   .name = "login_page", \
     PVI_FIELDS(login_page_fields)},                                                               \
    {.method = "POST", .path = "/login",     .handler = pvi_web__login,        .name = "login",    \
     PVI_FIELDS(login_fields)},                                                                    \
    {.method = "POST", .path = "/logout",    .handler = pvi_web__logout,       .name = "logout",   \
     .auth = PVI_AUTH_SESSION, .roles = PVI_ROLE_BIT(role)},                                       \
    {.method = "GET",  .path = "/compte",    .handler = pvi_web__account_page, .name = "account",  \
     .auth = PVI_AUTH_SESSION, .roles = PVI_ROLE_BIT(role)},                                       \
    {.method = "POST", .path = "/langue",    .handler = pvi_web__language,     .name = "language", \
     PVI_FIELDS(language_fields)},                                                                 \
    {.method = "GET",  .path = "/_static/*", .handler = pvi_web__static,       .name = "static"},

static const struct pvi_http_route admins[] = {SHARED_ROUTES(PVI_ROLE_ADMIN, login_admins)};
static const struct pvi_http_route operators[] = {SHARED_ROUTES(PVI_ROLE_OPERATOR, login_operators)};
static const struct pvi_http_route clients[] = {SHARED_ROUTES(PVI_ROLE_CLIENT, login_clients)};
/* clang-format on */

struct pvi_http_route *
pvi_web__routes(size_t *n_out, const struct pvi_office *office)
{
    const struct pvi_http_route *shared = clients;
    size_t nshared = PVI_COUNT_OF(clients);
    switch (office->realm) {
    case PVI_REALM_ADMINS:
        shared = admins, nshared = PVI_COUNT_OF(admins);
        break;
    case PVI_REALM_OPERATORS:
        shared = operators, nshared = PVI_COUNT_OF(operators);
        break;
    case PVI_REALM_CLIENTS:
        break;
    }
    size_t n = office->nroutes + nshared;
    struct pvi_http_route *all = pvi_calloc(n, sizeof *all);
    if (office->nroutes > 0)
        memcpy(all, office->routes, office->nroutes * sizeof *all);
    memcpy(all + office->nroutes, shared, nshared * sizeof *all);
    *n_out = n;
    return all;
}
