/* bo_edit_env.h — what the tests of the back office's editing pages share
 * (test_bo_edit.c, test_bo_edit_refusals.c; bo_edit_env.c): the back office
 * served in this process with an admin, a client, and sessions of an
 * operator and of a client taken from their own offices; a browser's forms;
 * data made through libpvi. */
#ifndef PVI_TEST_BO_EDIT_ENV_H
#define PVI_TEST_BO_EDIT_ENV_H

#include "testenv.h"

#include "pvi/pvi_actor.h"
#include "pvi/pvi_site.h"

#include <jansson.h>

#define ADMIN_EMAIL "chef@pvi.test"
#define ADMIN_PASSWORD "chef-password-2026"
#define CLIENT_NUMBER "PJ20000001"
#define CLIENT_PASSWORD "client-password-2026"

extern const struct pvi_actor sys;  /* the system, for fixtures */
extern struct testoffice bo;        /* the back office being served */
extern long long client_id;         /* CLIENT_NUMBER's id */
extern char op_token[128];          /* a session of op.martin at operator-fo */
extern char client_token[128];      /* a session of CLIENT_NUMBER at client-fo */

/* The group's set-up (an empty database, the accounts, the sessions, the
 * office started) and tear-down (the office stopped). */
int setup(void **state);
int teardown(void **state);

/* ---- the page received ---- */

void expect_location(const struct testhttp *r, const char *want);
void expect_status(const struct testhttp *r, int want);
/* The value of hidden input name in a page, as a number. */
int hidden_int(const struct testhttp *r, const char *name);

/* ---- a browser ---- */

/* application/x-www-form-urlencoded of a text (free()). */
char *enc(const char *s);
/* A form body from name, value pairs ended by NULL (free()). */
char *form_of(const char *const *kv);
/* POSTs the pairs kv (ended by NULL) with the last page's token. */
void post_kv(struct testweb *w, struct testhttp *r, const char *path, const char *const *kv);
/* Logs w in through the login form of its office. */
void login_to(struct testweb *w, const char *id_field, const char *id, const char *password);
/* A new browser on the back office, logged in as the admin. */
void admin(struct testweb *w);
/* Opens the edit form of site id as w (path set to it); returns the
 * version of its hidden field. */
int open_edit(struct testweb *w, long long id, char path[static 64]);

/* ---- data, through libpvi ---- */

/* A site of the test client, ordered, with content (NULL: none). */
long long make_site(const json_t *content);
/* An online site with sample_content(): assigned to op.martin, filled and
 * submitted by them, approved by the system. */
long long make_online_site(void);
/* A complete content with two photos (new reference). */
json_t *sample_content(void);
/* The site as it is now (pvi_site_free). */
struct pvi_site *site_now(long long id);
/* The first column of the first row of a query. */
long long count(const char *sql);

#endif
