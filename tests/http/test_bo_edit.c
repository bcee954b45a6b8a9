/* test_bo_edit.c — the back office's editing pages, served in this process
 * and used through a cookie jar as a browser would: a client created
 * through its form (the SIRET of a La Poste establishment, every error next
 * to its field, the input kept); a site created for the client; the whole
 * content edited on one form (two invalid fields: both messages, every
 * typed value kept, nothing saved; repeated rows added without saving;
 * photos kept; the flash of what happened); a stale edit giving the
 * conflict form with both versions, then applied knowingly; and for every
 * route: allowed for an admin, 403 for an operator's or a client's
 * session, 303 to /login for nobody, 403 for a POST without CSRF or with
 * another session's token, 404 for an unknown id, 400 naming an undeclared
 * or malformed field. The data is made through libpvi. */
#include "testenv.h"

#include "backoffice.h"
#include "client_fo.h"
#include "operator_fo.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_service.h"
#include "pvi/pvi_site.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "test_bo_edit"};

#define ADMIN_EMAIL "chef@pvi.test"
#define ADMIN_PASSWORD "chef-password-2026"
#define CLIENT_NUMBER "PJ20000001"
#define CLIENT_PASSWORD "client-password-2026"
#define BO_NEEDS (PVI_NEEDS_DB | PVI_NEEDS_REDIS)

static struct testoffice bo;
static long long client_id;
static char op_token[128], client_token[128]; /* sessions of the other offices */
static int serial;

static int
has(const struct testhttp *r, const char *s)
{
    return r->body && strstr(r->body, s) != NULL;
}

static void
expect_has(const struct testhttp *r, const char *s)
{
    if (!has(r, s))
        print_error("the page (%d) lacks: %s\n", r->status, s);
    assert_true(has(r, s));
}

static void
expect_location(const struct testhttp *r, const char *want)
{
    char buf[256];
    const char *got = testhttp_header(r, "Location", buf, sizeof buf);
    if (got == NULL || strcmp(got, want) != 0)
        print_error("Location: %s, want %s\n", got ? got : "(none)", want);
    assert_non_null(got);
    assert_string_equal(got, want);
}

static void
expect_status(const struct testhttp *r, int want)
{
    if (r->status != want)
        print_error("status %d, want %d\n%.3000s\n", r->status, want, r->body ? r->body : "");
    assert_int_equal(r->status, want);
}

/* application/x-www-form-urlencoded of a text */
static char *
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
static char *
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
static void
post_kv(struct testweb *w, struct testhttp *r, const char *path, const char *const *kv)
{
    char *body = form_of(kv);
    testweb_post(w, r, path, body, 1);
    free(body);
}

static void
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

static void
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

static int
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

static int
teardown(void **state)
{
    (void)state;
    testenv_office_stop(&bo);
    return 0;
}

/* A site of the test client made through libpvi, with content (NULL: none). */
static long long
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

static struct pvi_site *
site_now(long long id)
{
    struct pvi_db *db = testenv_db_open();
    struct pvi_site *s = NULL;
    assert_int_equal(pvi_site_get(&s, db, &sys, id), PVI_OK);
    pvi_db_close(db);
    return s;
}

static long long
count(const char *sql)
{
    return testenv_sql_ll(sql);
}

/* ---- clients ---- */

static void
a_client_is_created_through_the_form(void **state)
{
    (void)state;
    struct testweb w;
    admin(&w);
    struct testhttp r;
    testweb_get(&w, &r, "/clients/nouveau");
    expect_status(&r, 200);
    expect_has(&r, "id=\"client-new\"");
    expect_has(&r, "name=\"siret\"");
    testhttp_free(&r);

    /* wrong: a SIRET failing both rules, an e-mail, a password too short; the
     * input comes back, nothing is created */
    long long before = count("SELECT count(*) FROM clients");
    const char *bad[] = {"customer_number", CLIENT_NUMBER, "company_name", "Fromagerie « Chez Lulu »",
                         "siret", "356 000 000 12347", "email", "pas-une-adresse",
                         "phone", "02 23 45 67 89", "password", "trop-court", NULL};
    post_kv(&w, &r, "/clients/nouveau", bad);
    expect_status(&r, 422);
    expect_has(&r, "id=\"f-siret-error\"");
    expect_has(&r, "id=\"f-email-error\"");
    expect_has(&r, "id=\"f-password-error\"");
    assert_null(strstr(r.body, "trop-court")); /* a password is never written back */
    expect_has(&r, "value=\"Fromagerie « Chez Lulu »\"");
    expect_has(&r, "value=\"356 000 000 12347\"");
    expect_has(&r, "value=\"02 23 45 67 89\"");
    expect_has(&r, "href=\"#f-siret\"");
    testhttp_free(&r);
    assert_int_equal(count("SELECT count(*) FROM clients"), before);

    /* the number taken (everything else right): said next to it */
    const char *taken[] = {"customer_number", CLIENT_NUMBER, "company_name", "Fromagerie",
                           "siret", "73282932000074", "email", "lulu@fromagerie.test",
                           "phone", "02 23 45 67 89", NULL};
    post_kv(&w, &r, "/clients/nouveau", taken);
    expect_status(&r, 409);
    expect_has(&r, "id=\"f-customer_number-error\"");
    expect_has(&r, "Ce numéro client existe déjà.");
    testhttp_free(&r);
    assert_int_equal(count("SELECT count(*) FROM clients"), before);

    /* right: a La Poste establishment (its SIRET fails Luhn, its digits sum
     * to a multiple of 5), no password yet */
    const char *good[] = {"customer_number", "pj30000001", "company_name", "La Poste Rennes Colombier",
                          "siret", "356 000 000 12346", "email", "Guichet@LaPoste.test",
                          "phone", "02.23.45.67.89", "password", "", NULL};
    post_kv(&w, &r, "/clients/nouveau", good);
    expect_status(&r, 303);
    long long id = count("SELECT id FROM clients WHERE customer_number = 'PJ30000001'");
    assert_true(id > 0);
    char path[64];
    snprintf(path, sizeof path, "/clients/%lld", id);
    expect_location(&r, path);
    testhttp_free(&r);
    assert_int_equal(count("SELECT count(*) FROM clients WHERE customer_number = 'PJ30000001'"
                           " AND siret = '35600000012346' AND phone = '+33223456789'"
                           " AND password_hash IS NULL"),
                     1);
    /* its page: who it is, the flash, no site yet, the link to make one */
    testweb_get(&w, &r, path);
    expect_status(&r, 200);
    expect_has(&r, "<h1>La Poste Rennes Colombier</h1>");
    expect_has(&r, "Le client est créé.");
    expect_has(&r, "Ce client n'a pas encore de site.");
    char link[96];
    snprintf(link, sizeof link, "href=\"/sites/nouveau?client=%lld\"", id);
    expect_has(&r, link);
    expect_has(&r, "pas encore (aucun mot de passe)");
    testhttp_free(&r);
}

/* ---- sites ---- */

static void
a_site_is_created_for_a_client(void **state)
{
    (void)state;
    struct testweb w;
    admin(&w);
    struct testhttp r;
    char path[64];
    snprintf(path, sizeof path, "/sites/nouveau?client=%lld", client_id);
    testweb_get(&w, &r, path);
    expect_status(&r, 200);
    expect_has(&r, "id=\"site-new\"");
    expect_has(&r, "Boulangerie Test");
    testhttp_free(&r);

    char cid[24];
    snprintf(cid, sizeof cid, "%lld", client_id);
    long long before = count("SELECT count(*) FROM sites");
    const char *bad[] = {"client", cid, "slug", "Pas Valide", "business_name", "Le Fournil",
                         "activity", "Pas une rubrique", NULL};
    post_kv(&w, &r, "/sites/nouveau", bad);
    expect_status(&r, 422);
    expect_has(&r, "id=\"f-slug-error\"");
    expect_has(&r, "id=\"f-activity-error\"");
    expect_has(&r, "value=\"Pas Valide\"");
    expect_has(&r, "value=\"Le Fournil\"");
    testhttp_free(&r);
    assert_int_equal(count("SELECT count(*) FROM sites"), before);

    const char *good[] = {"client", cid, "slug", "le-fournil-test", "business_name", "Le Fournil",
                          "activity", "Boulangerie-pâtisserie", NULL};
    post_kv(&w, &r, "/sites/nouveau", good);
    expect_status(&r, 303);
    long long id = count("SELECT id FROM sites WHERE slug = 'le-fournil-test'");
    assert_true(id > 0);
    snprintf(path, sizeof path, "/sites/%lld/modifier", id);
    expect_location(&r, path);
    testhttp_free(&r);
    struct pvi_site *s = site_now(id);
    assert_int_equal(s->state, PVI_STATE_ORDERED);
    assert_int_equal(s->client_id, client_id);
    assert_string_equal(json_string_value(json_object_get(s->draft, "activity")),
                        "Boulangerie-pâtisserie");
    pvi_site_free(s);
    testweb_get(&w, &r, path);
    expect_status(&r, 200);
    expect_has(&r, "Le site est créé");
    expect_has(&r, "value=\"Le Fournil\"");
    testhttp_free(&r);

    /* the slug taken: said next to it */
    post_kv(&w, &r, "/sites/nouveau", good);
    expect_status(&r, 409);
    expect_has(&r, "id=\"f-slug-error\"");
    testhttp_free(&r);
}

/* ---- editing ---- */

static json_t *
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
static int
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
static int
open_edit(struct testweb *w, long long id, char path[static 64])
{
    snprintf(path, 64, "/sites/%lld/modifier", id);
    struct testhttp r;
    testweb_get(w, &r, path);
    expect_status(&r, 200);
    expect_has(&r, "id=\"site-edit\"");
    int v = hidden_int(&r, "version");
    testhttp_free(&r);
    return v;
}

static void
an_edit_with_two_invalid_fields_shows_both_messages_and_keeps_every_value(void **state)
{
    (void)state;
    json_t *c = sample_content();
    long long id = make_site(c);
    json_decref(c);
    struct testweb w;
    admin(&w);
    char path[64], version[16];
    snprintf(path, sizeof path, "/sites/%lld/modifier", id);
    struct testhttp r;
    testweb_get(&w, &r, path);
    expect_status(&r, 200);
    expect_has(&r, "id=\"site-edit\"");
    expect_has(&r, "value=\"Boulangerie du Port\"");
    expect_has(&r, "2 élément(s) que ce formulaire ne modifie pas");
    char owner[64];
    snprintf(owner, sizeof owner, "href=\"/clients/%lld\"", client_id);
    expect_has(&r, owner);
    snprintf(version, sizeof version, "%d", hidden_int(&r, "version"));
    testhttp_free(&r);

    const char *kv[] = {"version", version,
                        "business_name", "Boulangerie du Port & Fils",
                        "activity", "Boulangerie-pâtisserie",
                        "tagline", "Une accroche tapée",
                        "phones.0.kind", "mobile",
                        "phones.0.number", "06 12 34 56 78",
                        "email", "contact@@port",
                        "address.street", "2 quai Duguay-Trouin",
                        "address.postal_code", "35 400",
                        "address.city", "Saint-Malo",
                        "hours.mon.0.open", "08:00",
                        "hours.mon.0.close", "12:30",
                        "services.0.title", "Baguette",
                        "services.0.price_cents", "1,10",
                        "payment_methods", "cb",
                        "payment_methods", "especes",
                        "charter", "classique",
                        "note", "Appel du gérant",
                        NULL};
    post_kv(&w, &r, path, kv);
    expect_status(&r, 422);
    /* both messages, in the summary and next to their fields */
    expect_has(&r, "Adresse e-mail invalide");
    expect_has(&r, "Code postal : 5 chiffres sans espace");
    expect_has(&r, "href=\"#f-email\"");
    expect_has(&r, "href=\"#f-address.postal_code\"");
    expect_has(&r, "id=\"f-email-error\"");
    expect_has(&r, "id=\"f-address.postal_code-error\"");
    /* every typed value kept */
    static const char *const typed[] = {
        "value=\"Boulangerie du Port &amp; Fils\"", "value=\"Une accroche tapée\"",
        "value=\"06 12 34 56 78\"", "value=\"contact@@port\"", "value=\"2 quai Duguay-Trouin\"",
        "value=\"35 400\"", "value=\"08:00\"", "value=\"12:30\"", "value=\"Baguette\"",
        "value=\"1,10\"", ">Appel du gérant</textarea>"};
    for (size_t i = 0; i < PVI_COUNT_OF(typed); i++)
        expect_has(&r, typed[i]);
    assert_true(strstr(r.body, "value=\"mobile\" selected") != NULL);
    assert_true(strstr(r.body, "value=\"especes\" checked") != NULL);
    testhttp_free(&r);
    /* nothing saved */
    struct pvi_site *s = site_now(id);
    assert_int_equal(s->version, atoi(version));
    assert_string_equal(json_string_value(json_object_get(s->draft, "tagline")), "Pain au levain");
    pvi_site_free(s);
}

static void
an_edit_keeps_the_photos_and_says_what_happened(void **state)
{
    (void)state;
    json_t *c = sample_content();
    long long id = make_site(c);
    struct testweb w;
    admin(&w);
    char path[64], version[16], page[48];
    snprintf(version, sizeof version, "%d", open_edit(&w, id, path));
    snprintf(page, sizeof page, "/sites/%lld", id);
    struct testhttp r;
    const char *kv[] = {"version", version, "business_name", "Boulangerie du Port",
                        "activity", "Boulangerie-pâtisserie", "tagline", "Nouvelle accroche",
                        "phones.0.kind", "fixed", "phones.0.number", "02 99 12 34 56",
                        "address.street", "1 quai Duguay-Trouin", "address.postal_code", "35400",
                        "address.city", "Saint-Malo", "services.0.title", "Baguette",
                        "services.0.price_cents", "1,10", "charter", "classique", NULL};
    char *body = form_of(kv);
    testweb_post(&w, &r, path, body, 1);
    expect_status(&r, 303);
    expect_location(&r, page);
    testhttp_free(&r);
    struct pvi_site *s = site_now(id);
    assert_string_equal(json_string_value(json_object_get(s->draft, "tagline")),
                        "Nouvelle accroche");
    assert_int_equal(json_integer_value(json_object_get(
                         json_array_get(json_object_get(s->draft, "services"), 0), "price_cents")),
                     110);
    /* the photos, which the form does not carry, are still there */
    assert_true(json_equal(json_object_get(s->draft, "photos"), json_object_get(c, "photos")));
    int v = s->version;
    pvi_site_free(s);
    /* the flash says a draft was saved (the site is not online) */
    testweb_get(&w, &r, path);
    expect_has(&r, "Le brouillon est enregistré.");
    testhttp_free(&r);

    /* the same again: nothing changed, nothing written */
    char *again = pvi_asprintf("version=%d&%s", v, strchr(body, '&') + 1);
    testweb_post(&w, &r, path, again, 1);
    free(again);
    expect_status(&r, 303);
    testhttp_free(&r);
    s = site_now(id);
    assert_int_equal(s->version, v);
    pvi_site_free(s);
    testweb_get(&w, &r, path);
    expect_has(&r, "Rien n'a changé");
    testhttp_free(&r);
    free(body);
    json_decref(c);
}

/* An online site: assigned to op.martin (who logged in at set-up), filled
 * and submitted by them, approved by the system. */
static long long
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

static void
an_online_site_publishes_simple_fields_and_asks_for_sensitive_ones(void **state)
{
    (void)state;
    long long id = make_online_site();
    struct testweb w;
    admin(&w);
    char path[64], v[16];
    snprintf(v, sizeof v, "%d", open_edit(&w, id, path));
    const char *base[] = {"version", v, "business_name", "Boulangerie du Port",
                          "activity", "Boulangerie-pâtisserie", "tagline", "Pain au levain",
                          "phones.0.kind", "fixed", "phones.0.number", "02 99 12 34 56",
                          "address.street", "1 quai Duguay-Trouin", "address.postal_code", "35400",
                          "address.city", "Saint-Malo", "charter", "classique", NULL};
    const char *kv[PVI_COUNT_OF(base)];
    memcpy(kv, base, sizeof base);
    struct testhttp r;
    /* a simple field: live at once */
    kv[7] = "Cuit au feu de bois";
    post_kv(&w, &r, path, kv);
    expect_status(&r, 303);
    testhttp_free(&r);
    testweb_get(&w, &r, path);
    expect_has(&r, "Les modifications sont publiées.");
    snprintf(v, sizeof v, "%d", hidden_int(&r, "version"));
    testhttp_free(&r);
    struct pvi_site *s = site_now(id);
    assert_string_equal(json_string_value(json_object_get(s->published, "tagline")),
                        "Cuit au feu de bois");
    pvi_site_free(s);
    /* a sensitive one: a change request, the published name unchanged */
    kv[3] = "Boulangerie du Vieux Port";
    post_kv(&w, &r, path, kv);
    expect_status(&r, 303);
    testhttp_free(&r);
    testweb_get(&w, &r, path);
    expect_has(&r, "Une demande de modification est créée pour les champs sensibles");
    /* the form now starts from the proposal */
    expect_has(&r, "value=\"Boulangerie du Vieux Port\"");
    testhttp_free(&r);
    s = site_now(id);
    assert_string_equal(json_string_value(json_object_get(s->published, "business_name")),
                        "Boulangerie du Port");
    assert_true(s->pending_request_id > 0);
    /* the photos went through both edits */
    assert_int_equal(json_array_size(json_object_get(s->published, "photos")), 2);
    pvi_site_free(s);
}

static void
rows_are_added_and_removed_without_saving(void **state)
{
    (void)state;
    json_t *c = sample_content();
    long long id = make_site(c);
    json_decref(c);
    struct testweb w;
    admin(&w);
    char path[64];
    int version = open_edit(&w, id, path);
    struct testhttp r;
    char v[16];
    snprintf(v, sizeof v, "%d", version);
    const char *kv[] = {"version", v, "business_name", "Tapé avant d'ajouter",
                        "phones.0.kind", "fixed", "phones.0.number", "02 99 12 34 56",
                        "_add", "phones", NULL};
    post_kv(&w, &r, path, kv);
    expect_status(&r, 200);
    expect_has(&r, "name=\"phones.1.number\"");
    expect_has(&r, "value=\"Tapé avant d'ajouter\"");
    expect_has(&r, "value=\"02 99 12 34 56\"");
    assert_int_equal(hidden_int(&r, "version"), version);
    testhttp_free(&r);
    const char *rm[] = {"version", v, "phones.0.kind", "fixed", "phones.0.number", "02 99 00 00 01",
                        "phones.1.kind", "mobile", "phones.1.number", "06 00 00 00 02",
                        "_remove", "phones.0", NULL};
    post_kv(&w, &r, path, rm);
    expect_status(&r, 200);
    expect_has(&r, "value=\"06 00 00 00 02\"");
    assert_null(strstr(r.body, "02 99 00 00 01"));
    testhttp_free(&r);
    struct pvi_site *s = site_now(id);
    assert_int_equal(s->version, version);
    pvi_site_free(s);
}

static void
a_stale_edit_shows_both_versions_and_saving_again_applies_the_input(void **state)
{
    (void)state;
    json_t *c = sample_content();
    long long id = make_site(c);
    struct testweb w;
    admin(&w);
    char path[64], page[48];
    int shown = open_edit(&w, id, path);
    snprintf(page, sizeof page, "/sites/%lld", id);
    struct testhttp r;

    /* someone else saves meanwhile */
    struct pvi_db *db = testenv_db_open();
    json_object_set_new(c, "tagline", json_string("L'accroche de l'autre"));
    struct pvi_edit_result res;
    assert_int_equal(pvi_site_edit(&res, db, &sys, id, shown, c, NULL, NULL), PVI_OK);
    pvi_db_close(db);

    char v[16];
    snprintf(v, sizeof v, "%d", shown);
    const char *kv[] = {"version", v, "business_name", "Boulangerie du Port",
                        "activity", "Boulangerie-pâtisserie", "tagline", "Mon accroche à moi",
                        "phones.0.kind", "fixed", "phones.0.number", "02 99 12 34 56",
                        "address.street", "1 quai Duguay-Trouin", "address.postal_code", "35400",
                        "address.city", "Saint-Malo", "charter", "classique",
                        "note", "Ma raison", NULL};
    post_kv(&w, &r, path, kv);
    expect_status(&r, 409);
    /* both versions, side by side, the tagline marked */
    expect_has(&r, "class=\"table conflict-table\"");
    expect_has(&r, "Version enregistrée entre-temps");
    expect_has(&r, "Votre saisie");
    expect_has(&r, "L'accroche de l'autre");
    expect_has(&r, "<tr id=\"conflict-tagline\" class=\"conflict-member conflict-differs\">");
    /* the same on both sides: not marked */
    expect_has(&r, "<tr id=\"conflict-business_name\" class=\"conflict-member\">");
    /* the input in the form, the new version in the hidden field */
    expect_has(&r, "value=\"Mon accroche à moi\"");
    expect_has(&r, ">Ma raison</textarea>");
    int now = hidden_int(&r, "version");
    assert_int_equal(now, res.version);
    testhttp_free(&r);
    struct pvi_site *s = site_now(id);
    assert_string_equal(json_string_value(json_object_get(s->draft, "tagline")),
                        "L'accroche de l'autre");
    pvi_site_free(s);

    /* saving again, knowingly: the input applies over the other version */
    snprintf(v, sizeof v, "%d", now);
    post_kv(&w, &r, path, kv);
    expect_status(&r, 303);
    expect_location(&r, page);
    testhttp_free(&r);
    s = site_now(id);
    assert_string_equal(json_string_value(json_object_get(s->draft, "tagline")),
                        "Mon accroche à moi");
    assert_int_equal(json_array_size(json_object_get(s->draft, "photos")), 2);
    pvi_site_free(s);
    json_decref(c);
}

/* ---- refusals ---- */

static const struct route {
    const char *method;
    const char *path; /* {id}: an existing id */
    const char *body; /* POST: a valid body (without csrf) */
} routes[] = {
    {"GET", "/clients/nouveau", NULL},
    {"POST", "/clients/nouveau", "customer_number=PJ40000001&company_name=X&siret=73282932000074"
                                 "&email=a%40b.fr&phone=0299123456"},
    {"GET", "/clients/{id}", NULL},
    {"GET", "/sites/nouveau?client={id}", NULL},
    {"POST", "/sites/nouveau", "client={id}&slug=refus"},
    {"GET", "/sites/{id}/modifier", NULL},
    {"POST", "/sites/{id}/modifier", "version=1&business_name=X"},
};

/* tmpl with "{id}" replaced by id. */
static void
subst(char *out, size_t cap, const char *tmpl, long long id)
{
    const char *at = strstr(tmpl, "{id}");
    if (at == NULL)
        snprintf(out, cap, "%s", tmpl);
    else
        snprintf(out, cap, "%.*s%lld%s", (int)(at - tmpl), tmpl, id, at + 4);
}

static void
send(struct testweb *w, struct testhttp *r, const struct route *rt, long long id, int with_csrf)
{
    char path[96];
    subst(path, sizeof path, rt->path, id);
    if (strcmp(rt->method, "GET") == 0) {
        testweb_get(w, r, path);
        return;
    }
    char body[256];
    subst(body, sizeof body, rt->body, id);
    testweb_post(w, r, path, body, with_csrf);
}

static void
every_route_refuses_other_roles_anonymous_users_and_forged_forms(void **state)
{
    (void)state;
    long long site = make_site(NULL);
    for (size_t i = 0; i < PVI_COUNT_OF(routes); i++) {
        const struct route *rt = &routes[i];
        long long id = strstr(rt->path, "sites/{id}") ? site : client_id;
        struct testhttp r;
        /* anonymous: to the login page, keeping where a GET was going */
        struct testweb anon;
        testweb_init(&anon, bo.port);
        testweb_get(&anon, &r, "/login");
        testhttp_free(&r);
        send(&anon, &r, rt, id, 1);
        expect_status(&r, 303);
        char buf[256];
        assert_non_null(testhttp_header(&r, "Location", buf, sizeof buf));
        if (strcmp(rt->method, "GET") == 0)
            assert_true(strncmp(buf, "/login?next=%2F", 15) == 0);
        else
            assert_string_equal(buf, "/login");
        testhttp_free(&r);
        /* an operator's and a client's sessions: 403 */
        const char *tokens[] = {op_token, client_token};
        for (int k = 0; k < 2; k++) {
            struct testweb other;
            testweb_init(&other, bo.port);
            testweb_set_cookie(&other, "__Host-pvi_backoffice_session", tokens[k]);
            send(&other, &r, rt, id, 0);
            expect_status(&r, 403);
            testhttp_free(&r);
        }
        if (strcmp(rt->method, "POST") == 0) {
            /* no token, another session's token: 403, nothing written */
            struct testweb a, b;
            admin(&a);
            admin(&b);
            char *before = testenv_sql("SELECT count(*) || ' ' || (SELECT count(*) FROM sites)"
                                       " || ' ' || (SELECT sum(version) FROM sites) FROM clients");
            send(&a, &r, rt, id, 0);
            expect_status(&r, 403);
            testhttp_free(&r);
            testweb_get(&b, &r, "/compte");
            testhttp_free(&r);
            snprintf(a.csrf, sizeof a.csrf, "%s", b.csrf);
            testweb_get(&a, &r, "/nulle-part"); /* a's page, b's token kept below */
            testhttp_free(&r);
            snprintf(a.csrf, sizeof a.csrf, "%s", b.csrf);
            send(&a, &r, rt, id, 1);
            expect_status(&r, 403);
            testhttp_free(&r);
            char *after = testenv_sql("SELECT count(*) || ' ' || (SELECT count(*) FROM sites)"
                                      " || ' ' || (SELECT sum(version) FROM sites) FROM clients");
            assert_string_equal(before, after);
            free(before);
            free(after);
        }
    }
}

static void
unknown_ids_are_404_and_bad_fields_400(void **state)
{
    (void)state;
    long long site = make_site(NULL);
    struct testweb w;
    admin(&w);
    struct testhttp r;
    static const char *const missing[] = {"/clients/987654", "/sites/987654/modifier",
                                          "/sites/nouveau?client=987654"};
    for (size_t i = 0; i < PVI_COUNT_OF(missing); i++) {
        testweb_get(&w, &r, missing[i]);
        expect_status(&r, 404);
        testhttp_free(&r);
    }
    testweb_get(&w, &r, "/compte");
    testhttp_free(&r);
    testweb_post(&w, &r, "/sites/987654/modifier", "version=1", 1);
    expect_status(&r, 404);
    testhttp_free(&r);
    testweb_post(&w, &r, "/sites/nouveau", "client=987654&slug=perdu", 1);
    expect_status(&r, 404);
    testhttp_free(&r);

    char path[96];
    struct {
        const char *method, *path, *body, *field;
    } bad[] = {
        {"GET", "/clients/nouveau?admin=1", NULL, "admin"},
        {"GET", "/sites/nouveau", NULL, "client"},
        {"GET", "/sites/nouveau?client=abc", NULL, "client"},
        {"GET", "/sites/{id}/modifier?version=1", NULL, "version"},
        {"POST", "/sites/{id}/modifier", "version=abc&business_name=X", "version"},
        {"POST", "/sites/{id}/modifier", "business_name=X", "version"},
        {"POST", "/sites/{id}/modifier", "version=1&photos.0.media=x", "photos.0.media"},
        {"POST", "/sites/{id}/modifier", "version=1&_add=pas%20un%20jeton", "_add"},
        {"POST", "/clients/nouveau", "customer_number=PJ1&role=admin", "role"},
        {"POST", "/sites/nouveau", "client=0&slug=x", "client"},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(bad); i++) {
        subst(path, sizeof path, bad[i].path, site);
        if (strcmp(bad[i].method, "GET") == 0) {
            testweb_get(&w, &r, path);
        } else {
            struct testhttp page;
            testweb_get(&w, &page, "/compte");
            testhttp_free(&page);
            testweb_post(&w, &r, path, bad[i].body, 1);
        }
        char named[96];
        snprintf(named, sizeof named, "« %s »", bad[i].field);
        if (r.status != 400 || !has(&r, named))
            print_error("%s %s: %d\n", bad[i].method, path, r.status);
        expect_status(&r, 400);
        expect_has(&r, named);
        testhttp_free(&r);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_client_is_created_through_the_form),
        cmocka_unit_test(a_site_is_created_for_a_client),
        cmocka_unit_test(an_edit_with_two_invalid_fields_shows_both_messages_and_keeps_every_value),
        cmocka_unit_test(an_edit_keeps_the_photos_and_says_what_happened),
        cmocka_unit_test(an_online_site_publishes_simple_fields_and_asks_for_sensitive_ones),
        cmocka_unit_test(rows_are_added_and_removed_without_saving),
        cmocka_unit_test(a_stale_edit_shows_both_versions_and_saving_again_applies_the_input),
        cmocka_unit_test(every_route_refuses_other_roles_anonymous_users_and_forged_forms),
        cmocka_unit_test(unknown_ids_are_404_and_bad_fields_400),
    };
    return cmocka_run_group_tests_name("bo_edit", tests, setup, teardown);
}
