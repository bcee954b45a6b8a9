/* bo_site_env.c — the shared set-up and helpers of the site-page tests
 * (bo_site_env.h). */
#include "bo_site_env.h"

#include "backoffice.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_seed.h"
#include "pvi/pvi_service.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The paths and queries are formats given as literals by the tests. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

const struct pvi_actor bo_sys = {.role = PVI_ROLE_SYSTEM, .label = "test_bo_site"};
struct pvi_actor bo_admin_a = {.role = PVI_ROLE_ADMIN, .label = ADMIN_A};
struct pvi_actor bo_op;
struct pvi_db *db;
struct pvi_redis *redis;
struct pvi_publisher pub;
long long client_id, op_id;
int serial;
struct testoffice bo;

void
expect_status(const struct testhttp *r, int status)
{
    if (r->status != status)
        print_error("status %d, want %d\n%s\n", r->status, status, r->body ? r->body : "");
    assert_int_equal(r->status, status);
}

char *
sql_text(const char *fmt, long long id)
{
    char *q = pvi_asprintf(fmt, id);
    char *v = testenv_sql(q);
    free(q);
    return v;
}

long long
sql_ll(const char *fmt, long long id)
{
    char *q = pvi_asprintf(fmt, id);
    long long v = testenv_sql_ll(q);
    free(q);
    return v;
}

void
expect_state(long long id, const char *state)
{
    char *s = sql_text("SELECT state FROM sites WHERE id = %lld", id);
    assert_string_equal(s, state);
    free(s);
}

int
version_of(long long id)
{
    return (int)sql_ll("SELECT version FROM sites WHERE id = %lld", id);
}

/* ---- fixtures, through libpvi ---- */

long long
make_site(enum target target, const struct pvi_actor *editor)
{
    char slug[32], domain[64];
    snprintf(slug, sizeof slug, "bo-site-%d", ++serial);
    snprintf(domain, sizeof domain, "www.bo-site-%d.test", serial);
    long long id = 0;
    struct pvi_site_new in = {.client_id = client_id, .slug = slug};
    assert_int_equal(pvi_site_create(&id, db, &bo_sys, &in, NULL), PVI_OK);
    if (target == ORDERED)
        return id;
    int v = 1;
    struct pvi_transition_args assign = {.operator_id = op_id};
    assert_int_equal(pvi_site_transition(&v, db, &bo_sys, id, v, PVI_TR_ASSIGN, &assign, NULL),
                     PVI_OK);
    json_t *c = pvi_seed_demo_content();
    json_object_set_new(c, "domains", json_pack("[s]", domain));
    struct pvi_edit_result res;
    assert_int_equal(pvi_site_edit(&res, db, &bo_op, id, v, c, NULL, NULL), PVI_OK);
    v = res.version;
    if (editor) {
        json_object_set_new(c, "tagline", json_string("Pains au levain, depuis 1987"));
        assert_int_equal(pvi_site_edit(&res, db, editor, id, v, c, NULL, NULL), PVI_OK);
        v = res.version;
    }
    json_decref(c);
    assert_int_equal(pvi_site_transition(&v, db, &bo_op, id, v, PVI_TR_SUBMIT, NULL, NULL), PVI_OK);
    if (target == ONLINE) {
        assert_int_equal(pvi_site_transition(&v, db, &bo_sys, id, v, PVI_TR_APPROVE, NULL, NULL),
                         PVI_OK);
        assert_int_equal(pvi_publish_run(NULL, NULL, &pub, 100), PVI_OK);
    }
    return id;
}

int
bo_site_setup(void **state)
{
    (void)state;
    db = testenv_db_open();
    testenv_db_reset(db);
    assert_int_equal(pvi_admin_create(&bo_admin_a.id, db, &bo_sys, ADMIN_A, "Chef", PASSWORD, NULL),
                     PVI_OK);
    long long b = 0;
    assert_int_equal(pvi_admin_create(&b, db, &bo_sys, ADMIN_B, "Adjointe", PASSWORD, NULL),
                     PVI_OK);
    op_id = testenv_sql_ll("INSERT INTO operators (ldap_uid, ldap_dn, display_name) VALUES"
                           " ('op.site', 'uid=op.site', 'Claire Martin') RETURNING id");
    bo_op = (struct pvi_actor){.role = PVI_ROLE_OPERATOR, .id = op_id, .label = "op.site"};
    struct pvi_client_new c = {.customer_number = CLIENT_NUMBER,
                               .company_name = "SAS Au Fournil",
                               .siret = "73282932000074",
                               .email = "gerant@fournil.test",
                               .phone = "02 99 12 34 56",
                               .password = CLIENT_PASSWORD};
    assert_int_equal(pvi_client_create(&client_id, db, &bo_sys, &c, NULL), PVI_OK);
    testenv_publisher_open(&pub, db, "pvi.localhost");
    redis = pub.redis;
    testenv_office_start(&bo, "backoffice", PVI_NEEDS_DB | PVI_NEEDS_REDIS, &backoffice_office,
                         NULL);
    return 0;
}

int
bo_site_teardown(void **state)
{
    (void)state;
    testenv_office_stop(&bo);
    testenv_publisher_close(&pub);
    pvi_db_close(db);
    return 0;
}

void
login(struct testweb *w, const char *email)
{
    testweb_init(w, bo.port);
    struct testhttp r;
    testweb_get(w, &r, "/login");
    testhttp_free(&r);
    char *form = pvi_asprintf("email=%s&password=%s", email, PASSWORD);
    testweb_post(w, &r, "/login", form, 1);
    free(form);
    expect_status(&r, 303);
    testhttp_free(&r);
    free(testenv_sql("DELETE FROM login_failures"));
}

void
get(struct testweb *w, struct testhttp *r, const char *fmt, long long id)
{
    char *path = pvi_asprintf(fmt, id);
    testweb_get(w, r, path);
    free(path);
}

/* GET page (for its token), then POST form to path. */
void
post(struct testweb *w, struct testhttp *r, long long id, const char *page, const char *path,
     const char *form)
{
    struct testhttp g;
    get(w, &g, page, id);
    expect_status(&g, 200);
    testhttp_free(&g);
    char *p = pvi_asprintf(path, id);
    testweb_post(w, r, p, form, 1);
    free(p);
}

void
expect_redirect_to_site(const struct testhttp *r, long long id)
{
    expect_status(r, 303);
    char buf[128], want[64];
    snprintf(want, sizeof want, "/sites/%lld", id);
    assert_string_equal(testhttp_header(r, "Location", buf, sizeof buf), want);
}
