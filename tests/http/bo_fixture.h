/* bo_fixture.h — what the back office's http tests of operators and
 * charters share (bo_fixture.c): the back office served in this process
 * with its data made through libpvi (an admin; a client and its session;
 * two operators provisioned by their directory login, Martin's session;
 * Martin's sites Alpha and Beta, Durand's Gamma, an empty order; Martin's
 * call-backs: Alpha's due, Beta's later), and helpers over the cookie jar. */
#ifndef PVI_TEST_BO_FIXTURE_H
#define PVI_TEST_BO_FIXTURE_H

#include "testenv.h"

#include "pvi/pvi_db.h"

#include <stddef.h>

#define BO_ADMIN_EMAIL "chef.ops@pvi.test"
#define BO_ADMIN_PASSWORD "chef-password-2026"

extern struct pvi_db *bo_db;
extern struct testoffice bo;
extern long long martin_id, durand_id;
extern long long alpha, beta, gamma_site, empty_site; /* alpha, beta: Martin's; gamma: Durand's */
extern char op_token[128], client_token[128];

/* cmocka group setup and teardown: the data above, the office started. */
int bo_fixture_setup(void **state);
int bo_fixture_teardown(void **state);

size_t count_of(const struct testhttp *r, const char *s);
/* The table row (<tr>…</tr>) of the page that holds needle, or "" (free()). */
char *row_with(const struct testhttp *r, const char *needle);
/* GET path, which must answer status (the page printed otherwise). */
void get(struct testweb *w, struct testhttp *r, const char *path, int status);
/* A new jar logged in as the admin. */
void login_admin(struct testweb *w);
/* The site's version and operator, as the system reads them. */
int site_version(long long id);
long long site_operator(long long id);

#endif
