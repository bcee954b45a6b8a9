/* test_bo_edit.c — the back office's editing pages, served in this process
 * and used through a cookie jar as a browser would: a client created
 * through its form (the SIRET of a La Poste establishment, every error next
 * to its field, the input kept); a site created for the client; the whole
 * content edited on one form (two invalid fields: both messages, every
 * typed value kept, nothing saved; repeated rows added without saving;
 * photos kept; an online site's simple fields published and its sensitive
 * ones asked for; the flash of what happened); a stale edit giving the
 * conflict form with both versions, then applied knowingly. The refusals of
 * every route are test_bo_edit_refusals.c. The data is made through libpvi. */
#include "bo_edit_env.h"

#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_site.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    testhttp_expect_has(&r, "id=\"client-new\"");
    testhttp_expect_has(&r, "name=\"siret\"");
    testhttp_free(&r);

    /* wrong: a SIRET failing both rules, an e-mail, a password too short; the
     * input comes back, nothing is created */
    long long before = count("SELECT count(*) FROM clients");
    const char *bad[] = {"customer_number", CLIENT_NUMBER, "company_name", "Fromagerie « Chez Lulu »",
                         "siret", "356 000 000 12347", "email", "pas-une-adresse",
                         "phone", "02 23 45 67 89", "password", "trop-court", NULL};
    post_kv(&w, &r, "/clients/nouveau", bad);
    expect_status(&r, 422);
    testhttp_expect_has(&r, "id=\"f-siret-error\"");
    testhttp_expect_has(&r, "id=\"f-email-error\"");
    testhttp_expect_has(&r, "id=\"f-password-error\"");
    assert_null(strstr(r.body, "trop-court")); /* a password is never written back */
    testhttp_expect_has(&r, "value=\"Fromagerie « Chez Lulu »\"");
    testhttp_expect_has(&r, "value=\"356 000 000 12347\"");
    testhttp_expect_has(&r, "value=\"02 23 45 67 89\"");
    testhttp_expect_has(&r, "href=\"#f-siret\"");
    testhttp_free(&r);
    assert_int_equal(count("SELECT count(*) FROM clients"), before);

    /* the number taken (everything else right): said next to it */
    const char *taken[] = {"customer_number", CLIENT_NUMBER, "company_name", "Fromagerie",
                           "siret", "73282932000074", "email", "lulu@fromagerie.test",
                           "phone", "02 23 45 67 89", NULL};
    post_kv(&w, &r, "/clients/nouveau", taken);
    expect_status(&r, 409);
    testhttp_expect_has(&r, "id=\"f-customer_number-error\"");
    testhttp_expect_has(&r, "Ce numéro client existe déjà.");
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
    testhttp_expect_has(&r, "<h1>La Poste Rennes Colombier</h1>");
    testhttp_expect_has(&r, "Le client est créé.");
    testhttp_expect_has(&r, "Ce client n'a pas encore de site.");
    char link[96];
    snprintf(link, sizeof link, "href=\"/sites/nouveau?client=%lld\"", id);
    testhttp_expect_has(&r, link);
    testhttp_expect_has(&r, "pas encore (aucun mot de passe)");
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
    testhttp_expect_has(&r, "id=\"site-new\"");
    testhttp_expect_has(&r, "Boulangerie Test");
    testhttp_free(&r);

    char cid[24];
    snprintf(cid, sizeof cid, "%lld", client_id);
    long long before = count("SELECT count(*) FROM sites");
    const char *bad[] = {"client", cid, "slug", "Pas Valide", "business_name", "Le Fournil",
                         "activity", "Pas une rubrique", NULL};
    post_kv(&w, &r, "/sites/nouveau", bad);
    expect_status(&r, 422);
    testhttp_expect_has(&r, "id=\"f-slug-error\"");
    testhttp_expect_has(&r, "id=\"f-activity-error\"");
    testhttp_expect_has(&r, "value=\"Pas Valide\"");
    testhttp_expect_has(&r, "value=\"Le Fournil\"");
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
    testhttp_expect_has(&r, "Le site est créé");
    testhttp_expect_has(&r, "value=\"Le Fournil\"");
    testhttp_free(&r);

    /* the slug taken: said next to it */
    post_kv(&w, &r, "/sites/nouveau", good);
    expect_status(&r, 409);
    testhttp_expect_has(&r, "id=\"f-slug-error\"");
    testhttp_free(&r);
}

/* ---- editing ---- */

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
    testhttp_expect_has(&r, "id=\"site-edit\"");
    testhttp_expect_has(&r, "value=\"Boulangerie du Port\"");
    testhttp_expect_has(&r, "2 élément(s) que ce formulaire ne modifie pas");
    char owner[64];
    snprintf(owner, sizeof owner, "href=\"/clients/%lld\"", client_id);
    testhttp_expect_has(&r, owner);
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
    testhttp_expect_has(&r, "Adresse e-mail invalide");
    testhttp_expect_has(&r, "Code postal : 5 chiffres sans espace");
    testhttp_expect_has(&r, "href=\"#f-email\"");
    testhttp_expect_has(&r, "href=\"#f-address.postal_code\"");
    testhttp_expect_has(&r, "id=\"f-email-error\"");
    testhttp_expect_has(&r, "id=\"f-address.postal_code-error\"");
    /* every typed value kept */
    static const char *const typed[] = {
        "value=\"Boulangerie du Port &amp; Fils\"", "value=\"Une accroche tapée\"",
        "value=\"06 12 34 56 78\"", "value=\"contact@@port\"", "value=\"2 quai Duguay-Trouin\"",
        "value=\"35 400\"", "value=\"08:00\"", "value=\"12:30\"", "value=\"Baguette\"",
        "value=\"1,10\"", ">Appel du gérant</textarea>"};
    for (size_t i = 0; i < PVI_COUNT_OF(typed); i++)
        testhttp_expect_has(&r, typed[i]);
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
    testhttp_expect_has(&r, "Le brouillon est enregistré.");
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
    testhttp_expect_has(&r, "Rien n'a changé");
    testhttp_free(&r);
    free(body);
    json_decref(c);
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
    testhttp_expect_has(&r, "Les modifications sont publiées.");
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
    testhttp_expect_has(&r, "Une demande de modification est créée pour les champs sensibles");
    /* the form now starts from the proposal */
    testhttp_expect_has(&r, "value=\"Boulangerie du Vieux Port\"");
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
    testhttp_expect_has(&r, "name=\"phones.1.number\"");
    testhttp_expect_has(&r, "value=\"Tapé avant d'ajouter\"");
    testhttp_expect_has(&r, "value=\"02 99 12 34 56\"");
    assert_int_equal(hidden_int(&r, "version"), version);
    testhttp_free(&r);
    const char *rm[] = {"version", v, "phones.0.kind", "fixed", "phones.0.number", "02 99 00 00 01",
                        "phones.1.kind", "mobile", "phones.1.number", "06 00 00 00 02",
                        "_remove", "phones.0", NULL};
    post_kv(&w, &r, path, rm);
    expect_status(&r, 200);
    testhttp_expect_has(&r, "value=\"06 00 00 00 02\"");
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
    testhttp_expect_has(&r, "class=\"table conflict-table\"");
    testhttp_expect_has(&r, "Version enregistrée entre-temps");
    testhttp_expect_has(&r, "Votre saisie");
    testhttp_expect_has(&r, "L'accroche de l'autre");
    testhttp_expect_has(&r, "<tr id=\"conflict-tagline\" class=\"conflict-member conflict-differs\">");
    /* the same on both sides: not marked */
    testhttp_expect_has(&r, "<tr id=\"conflict-business_name\" class=\"conflict-member\">");
    /* the input in the form, the new version in the hidden field */
    testhttp_expect_has(&r, "value=\"Mon accroche à moi\"");
    testhttp_expect_has(&r, ">Ma raison</textarea>");
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
    };
    return cmocka_run_group_tests_name("bo_edit", tests, setup, teardown);
}
