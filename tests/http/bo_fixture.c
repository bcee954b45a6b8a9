/* bo_fixture.c — the data and helpers the back office's http tests of
 * operators and charters share (bo_fixture.h). */
#include "bo_fixture.h"

#include "backoffice.h"
#include "operator_fo.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_clock.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_service.h"
#include "pvi/pvi_site.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CLIENT_NUMBER "PJ40000001"
#define CLIENT_PASSWORD "client-password-2026"
#define HOUR_US (3600LL * 1000000)

static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "test_bo_ops"};

struct pvi_db *bo_db;
struct testoffice bo;
long long martin_id, durand_id;
long long alpha, beta, gamma_site, empty_site;
char op_token[128], client_token[128];
static long long client_id;

size_t
count_of(const struct testhttp *r, const char *s)
{
    size_t n = 0;
    for (const char *p = r->body ? strstr(r->body, s) : NULL; p; p = strstr(p + 1, s))
        n++;
    return n;
}

/* The table row (<tr>…</tr>) of the page that holds needle, or "" (owned). */
char *
row_with(const struct testhttp *r, const char *needle)
{
    const char *at = r->body ? strstr(r->body, needle) : NULL;
    if (at == NULL)
        return pvi_strdup("");
    const char *start = at;
    while (start > r->body && strncmp(start, "<tr", 3) != 0)
        start--;
    const char *end = strstr(at, "</tr>");
    return pvi_strndup(start, end ? (size_t)(end - start) : strlen(start));
}

void
get(struct testweb *w, struct testhttp *r, const char *path, int status)
{
    testweb_get(w, r, path);
    if (r->status != status)
        print_error("GET %s: %d, want %d\n%s\n", path, r->status, status, r->body);
    assert_int_equal(r->status, status);
}

void
login_admin(struct testweb *w)
{
    struct testhttp r;
    testweb_init(w, bo.port);
    get(w, &r, "/login", 200);
    testhttp_free(&r);
    testweb_post(w, &r, "/login", "email=" BO_ADMIN_EMAIL "&password=" BO_ADMIN_PASSWORD, 1);
    assert_int_equal(r.status, 303);
    testhttp_free(&r);
}

/* Logs an operator in to operator-fo (the directory provisions them). */
static void
operator_login(struct testweb *w, const char *uid)
{
    struct testhttp r;
    testweb_get(w, &r, "/login");
    testhttp_free(&r);
    char *form = pvi_asprintf("uid=%s&password=demo-%s", uid, uid);
    testweb_post(w, &r, "/login", form, 1);
    free(form);
    assert_int_equal(r.status, 303);
    testhttp_free(&r);
}

static long long
new_site(const char *slug, const char *name, long long op)
{
    long long id = 0;
    json_t *c = name ? json_pack("{s:s, s:s, s:s, s:[{s:s, s:s}], s:{s:s, s:s, s:s}, s:s}",
                                 "business_name", name, "activity", "Boulangerie", "tagline",
                                 "Pain au levain", "phones", "kind", "fixed", "number",
                                 "02 99 12 34 56", "address", "street", "3 place du Marché",
                                 "postal_code", "35000", "city", "Rennes", "charter", "classique")
                     : NULL;
    struct pvi_site_new in = {.client_id = client_id, .slug = slug, .content = c};
    struct pvi_errors errs = {0};
    enum pvi_code rc = pvi_site_create(&id, bo_db, &sys, &in, &errs);
    if (rc != PVI_OK && errs.n)
        print_error("site %s: %s\n", slug, errs.v[0].path);
    assert_int_equal(rc, PVI_OK);
    pvi_errors_clear(&errs);
    json_decref(c);
    if (op) {
        struct pvi_transition_args a = {.operator_id = op};
        assert_int_equal(pvi_site_transition(NULL, bo_db, &sys, id, 1, PVI_TR_ASSIGN, &a, NULL),
                         PVI_OK);
    }
    return id;
}

/* The site's version (what 0) or operator (what 1). */
static long long
site_fact(long long id, int what)
{
    struct pvi_site *s = NULL;
    assert_int_equal(pvi_site_get(&s, bo_db, &sys, id), PVI_OK);
    long long v = what ? s->operator_id : s->version;
    pvi_site_free(s);
    return v;
}

int
site_version(long long id)
{
    return (int)site_fact(id, 0);
}

long long
site_operator(long long id)
{
    return site_fact(id, 1);
}

/* Logs both operators in to operator-fo; keeps Martin's session token. */
static void
operator_sessions(void)
{
    struct testoffice op;
    testenv_office_start(&op, "operator-fo", PVI_NEEDS_DB | PVI_NEEDS_LDAP, &operator_fo_office,
                         NULL);
    struct testweb w, w2;
    testweb_init(&w, op.port);
    testweb_init(&w2, op.port);
    operator_login(&w, "op.martin");
    operator_login(&w2, "op.durand");
    snprintf(op_token, sizeof op_token, "%s", testweb_cookie(&w, "_session"));
    testenv_office_stop(&op);
}

int
bo_fixture_setup(void **state)
{
    (void)state;
    testenv_clock_install();
    bo_db = testenv_db_open();
    testenv_db_reset(bo_db);
    assert_int_equal(
        pvi_admin_create(NULL, bo_db, &sys, BO_ADMIN_EMAIL, "Chef", BO_ADMIN_PASSWORD, NULL),
        PVI_OK);
    struct pvi_client_new c = {.customer_number = CLIENT_NUMBER,
                               .company_name = "Boulangerie Alpha SARL",
                               .siret = "73282932000074",
                               .email = "gerant@alpha.test",
                               .phone = "02 99 12 34 56",
                               .password = CLIENT_PASSWORD};
    assert_int_equal(pvi_client_create(&client_id, bo_db, &sys, &c, NULL), PVI_OK);

    /* the operators log in to operator-fo: the directory provisions them */
    operator_sessions();
    assert_int_equal(pvi_operator_lookup(&martin_id, bo_db, &sys, "op.martin"), PVI_OK);
    assert_int_equal(pvi_operator_lookup(&durand_id, bo_db, &sys, "op.durand"), PVI_OK);

    alpha = new_site("boulangerie-alpha", "Boulangerie Alpha", martin_id);
    beta = new_site("boulangerie-beta", "Boulangerie Beta", martin_id);
    gamma_site = new_site("boulangerie-gamma", "Boulangerie Gamma", durand_id);
    empty_site = new_site("commande-vide", NULL, 0);
    /* Martin's calls: Alpha to call back in an hour, Beta in five */
    const struct pvi_actor martin = {
        .role = PVI_ROLE_OPERATOR, .id = martin_id, .label = "op.martin"};
    assert_int_equal(pvi_call_log_add(NULL, bo_db, &martin, alpha, PVI_CALL_BACK,
                                      pvi_now_us() + HOUR_US, "Rappeler le gérant", NULL),
                     PVI_OK);
    assert_int_equal(pvi_call_log_add(NULL, bo_db, &martin, beta, PVI_CALL_BACK,
                                      pvi_now_us() + 5 * HOUR_US, "", NULL),
                     PVI_OK);
    testenv_clock_advance_s(2 * 3600); /* Alpha's call-back is due, Beta's is not */
    /* sessions of other roles, fresh after the clock moved */
    operator_sessions();
    struct pvi_session *cs = NULL;
    assert_int_equal(
        pvi_login_client(&cs, bo_db, CLIENT_NUMBER, CLIENT_PASSWORD, "127.0.0.1", NULL), PVI_OK);
    snprintf(client_token, sizeof client_token, "%s", cs->token);
    pvi_session_free(cs);

    testenv_office_start(&bo, "backoffice", PVI_NEEDS_DB | PVI_NEEDS_REDIS, &backoffice_office,
                         NULL);
    return 0;
}

int
bo_fixture_teardown(void **state)
{
    (void)state;
    testenv_office_stop(&bo);
    pvi_db_close(bo_db);
    return 0;
}
