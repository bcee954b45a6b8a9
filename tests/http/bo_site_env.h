/* bo_site_env.h — what the back office's site-page tests share
 * (test_bo_site.c, test_bo_site_decisions.c): the office served in this
 * process, a publisher, the fixtures made through libpvi (a client, an
 * operator, two admins, sites taken to a state), a logged-in cookie jar,
 * and checks of pages and of the database. */
#ifndef PVI_TEST_BO_SITE_ENV_H
#define PVI_TEST_BO_SITE_ENV_H

#include "testenv.h"

#include "pvi/pvi_publish.h"
#include "pvi/pvi_site.h"

#define NBSP "\xc2\xa0"
#define ADMIN_A "chef@pvi.test"
#define ADMIN_B "adjointe@pvi.test"
#define PASSWORD "chef-password-2026"
#define CLIENT_NUMBER "PJ40000001"
#define CLIENT_PASSWORD "client-password-2026"

extern const struct pvi_actor bo_sys;
extern struct pvi_actor bo_admin_a, bo_op;
extern struct pvi_db *db;
extern struct pvi_redis *redis;
extern struct pvi_publisher pub;
extern long long client_id, op_id;
extern int serial; /* the number of the last site made (its slug bo-site-<n>) */
extern struct testoffice bo;

/* The group's set-up (database, accounts, publisher, the office) and tear-down. */
int bo_site_setup(void **state);
int bo_site_teardown(void **state);

void expect_status(const struct testhttp *r, int status);
/* fmt holds one %lld: the site id. */
char *sql_text(const char *fmt, long long id);
long long sql_ll(const char *fmt, long long id);
void expect_state(long long id, const char *state);
int version_of(long long id);

enum target { ORDERED, REVIEW, ONLINE };
/* A site of the demo's content under its own slug and domain
 * (www.bo-site-<n>.test), taken to target; the last draft before review is
 * written by editor (NULL: the operator). Online sites are published by the
 * real publisher. */
long long make_site(enum target target, const struct pvi_actor *editor);

/* A jar logged in to the office as email. */
void login(struct testweb *w, const char *email);
/* GET fmt (one %lld: id). */
void get(struct testweb *w, struct testhttp *r, const char *fmt, long long id);
/* GET page (for its token), then POST form to path (both with one %lld: id). */
void post(struct testweb *w, struct testhttp *r, long long id, const char *page, const char *path,
          const char *form);
void expect_redirect_to_site(const struct testhttp *r, long long id);

#endif
