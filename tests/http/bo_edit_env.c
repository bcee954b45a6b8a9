/* bo_edit_env.c — the environment of the back office's editing tests
 * (bo_edit_env.h). */
#include "bo_edit_env.h"

#include "backoffice.h"
#include "client_fo.h"
#include "operator_fo.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_service.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "test_bo_edit"};

#define BO_NEEDS (PVI_NEEDS_DB | PVI_NEEDS_REDIS)

struct testoffice bo;
long long client_id;
char op_token[128], client_token[128]; /* sessions of the other offices */
static int serial;

void
expect_location(const struct testhttp *r, const char *want)
{
    char buf[256];
    const char *got = testhttp_header(r, "Location", buf, sizeof buf);
    if (got == NULL || strcmp(got, want) != 0)
        print_error("Location: %s, want %s\n", got ? got : "(none)", want);
    assert_non_null(got);
    assert_string_equal(got, want);
}

void
expect_status(const struct testhttp *r, int want)
{
    if (r->status != want)
        print_error("status %d, want %d\n%.3000s\n", r->status, want, r->body ? r->body : "");
    assert_int_equal(r->status, want);
}

/* application/x-www-form-urlencoded of a text */
char *
enc(const char *s)
{
    struct pvi_buf b = {0};
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '.' || *p == '_')
            pvi_buf_append(&b, p, 1);
        else
            pvi_buf_printf(&b, "%%%02X", *p);
    }
    char *out = pvi_buf_steal(&b);
    return out ? out : pvi_strdup("");
}

/* A form body from name, value pairs (ended by NULL). */
char *
form_of(const char *const *kv)
{
    struct pvi_buf b = {0};
    for (size_t i = 0; kv[i]; i += 2) {
        char *v = enc(kv[i + 1]);
        pvi_buf_printf(&b, "%s%s=%s", i ? "&" : "", kv[i], v);
        free(v);
    }
    char *out = pvi_buf_steal(&b);
    return out ? out : pvi_strdup("");
}

/* POSTs the pairs kv (ended by NULL) with the page's token. */
void
post_kv(struct testweb *w, struct testhttp *r, const char *path, const char *const *kv)
{
    char *body = form_of(kv);
    testweb_post(w, r, path, body, 1);
    free(body);
}

void
login_to(struct testweb *w, const char *id_field, const char *id, const char *password)
{
    struct testhttp r;
    testweb_get(w, &r, "/login");
    testhttp_free(&r);
    char *form = pvi_asprintf("%s=%s&password=%s", id_field, id, password);
    testweb_post(w, &r, "/login", form, 1);
    free(form);
    expect_status(&r, 303);
    testhttp_free(&r);
}

void
admin(struct testweb *w)
{
    testweb_init(w, bo.port);
    login_to(w, "email", ADMIN_EMAIL, ADMIN_PASSWORD);
}

/* The session token of a login to another office. */
static void
session_of(char out[static 128], const char *service, unsigned needs,
           const struct pvi_office *office, const char *id_field, const char *id,
           const char *password)
{
    struct testoffice t;
    testenv_office_start(&t, service, needs, office, NULL);
    struct testweb w;
    testweb_init(&w, t.port);
    login_to(&w, id_field, id, password);
    snprintf(out, 128, "%s", testweb_cookie(&w, "_session"));
    testenv_office_stop(&t);
}

int
setup(void **state)
{
    (void)state;
    struct pvi_db *db = testenv_db_open();
    testenv_db_reset(db);
    struct pvi_errors errs = {0};
    long long id;
    assert_int_equal(pvi_admin_create(&id, db, &sys, ADMIN_EMAIL, "Chef", ADMIN_PASSWORD, NULL),
                     PVI_OK);
    struct pvi_client_new c = {.customer_number = CLIENT_NUMBER,
                               .company_name = "Boulangerie Test",
                               .siret = "73282932000074",
                               .email = "gerant@boulangerie.test",
                               .phone = "02 99 12 34 56",
                               .password = CLIENT_PASSWORD};
    assert_int_equal(pvi_client_create(&client_id, db, &sys, &c, &errs), PVI_OK);
    pvi_db_close(db);
    session_of(op_token, "operator-fo", PVI_NEEDS_DB | PVI_NEEDS_LDAP, &operator_fo_office, "uid",
               "op.martin", "demo-op.martin");
    session_of(client_token, "client-fo", PVI_NEEDS_DB, &client_fo_office, "customer_number",
               CLIENT_NUMBER, CLIENT_PASSWORD);
    testenv_office_start(&bo, "backoffice", BO_NEEDS, &backoffice_office, NULL);
    return 0;
}

int
teardown(void **state)
{
    (void)state;
    testenv_office_stop(&bo);
    return 0;
}

/* A site of the test client made through libpvi, with content (NULL: none). */
long long
make_site(const json_t *content)
{
    struct pvi_db *db = testenv_db_open();
    char slug[32];
    snprintf(slug, sizeof slug, "site-%d", ++serial);
    struct pvi_site_new in = {.client_id = client_id, .slug = slug, .content = content};
    long long id = 0;
    struct pvi_errors errs = {0};
    enum pvi_code rc = pvi_site_create(&id, db, &sys, &in, &errs);
    for (size_t i = 0; i < errs.n; i++)
        print_error("%s: %s\n", errs.v[i].path, testenv_error_fr(&errs.v[i]));
    assert_int_equal(rc, PVI_OK);
    pvi_errors_clear(&errs);
    pvi_db_close(db);
    return id;
}

struct pvi_site *
site_now(long long id)
{
    struct pvi_db *db = testenv_db_open();
    struct pvi_site *s = NULL;
    assert_int_equal(pvi_site_get(&s, db, &sys, id), PVI_OK);
    pvi_db_close(db);
    return s;
}

long long
count(const char *sql)
{
    return testenv_sql_ll(sql);
}

json_t *
sample_content(void)
{
    return json_pack("{s:s, s:s, s:s, s:[{s:s, s:s}], s:{s:s, s:s, s:s}, s:s,"
                     " s:[{s:s, s:s}, {s:s, s:s}]}",
                     "business_name", "Boulangerie du Port", "activity", "Boulangerie-pâtisserie",
                     "tagline", "Pain au levain", "phones", "kind", "fixed", "number",
                     "02 99 12 34 56", "address", "street", "1 quai Duguay-Trouin",
                     "postal_code", "35400", "city", "Saint-Malo", "charter", "classique",
                     "photos", "media",
                     "1111111111111111111111111111111111111111111111111111111111111111", "alt",
                     "La vitrine", "media",
                     "2222222222222222222222222222222222222222222222222222222222222222", "alt",
                     "Le fournil");
}

/* The value of hidden input name in a page, as a number. */
int
hidden_int(const struct testhttp *r, const char *name)
{
    char pat[64];
    snprintf(pat, sizeof pat, "name=\"%s\" value=\"", name);
    const char *p = r->body ? strstr(r->body, pat) : NULL;
    assert_non_null(p);
    return atoi(p + strlen(pat));
}

/* Opens the edit form of site id as w (path set); returns the version in
 * its hidden field. */
int
open_edit(struct testweb *w, long long id, char path[static 64])
{
    snprintf(path, 64, "/sites/%lld/modifier", id);
    struct testhttp r;
    testweb_get(w, &r, path);
    expect_status(&r, 200);
    testhttp_expect_has(&r, "id=\"site-edit\"");
    int v = hidden_int(&r, "version");
    testhttp_free(&r);
    return v;
}

/* An online site: assigned to op.martin (who logged in at set-up), filled
 * and submitted by them, approved by the system. */
long long
make_online_site(void)
{
    long long id = make_site(NULL);
    long long op = count("SELECT id FROM operators WHERE ldap_uid = 'op.martin'");
    assert_true(op > 0);
    struct pvi_actor oper = {.role = PVI_ROLE_OPERATOR, .id = op, .label = "op.martin"};
    struct pvi_db *db = testenv_db_open();
    int v = 1;
    struct pvi_transition_args assign = {.operator_id = op};
    assert_int_equal(pvi_site_transition(&v, db, &sys, id, v, PVI_TR_ASSIGN, &assign, NULL),
                     PVI_OK);
    json_t *c = sample_content();
    struct pvi_edit_result res;
    assert_int_equal(pvi_site_edit(&res, db, &oper, id, v, c, NULL, NULL), PVI_OK);
    json_decref(c);
    v = res.version;
    assert_int_equal(pvi_site_transition(&v, db, &oper, id, v, PVI_TR_SUBMIT, NULL, NULL), PVI_OK);
    assert_int_equal(pvi_site_transition(&v, db, &sys, id, v, PVI_TR_APPROVE, NULL, NULL), PVI_OK);
    pvi_db_close(db);
    return id;
}
