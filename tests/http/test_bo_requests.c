/* test_bo_requests.c — the back office's change-request pages (GET
 * /demandes, GET /demandes/{id}, POST /demandes/{id}/decision), served in
 * this process and used through a cookie jar as a browser would: refused
 * to anonymous users (to the login page), to operator and client sessions
 * (403), to a POST without this session's CSRF token (403); invalid input
 * is a 400 naming the field and an unknown request a 404; the queue oldest
 * first with its pages; a decision field by field published, with a flash;
 * a refused one shown again with every choice kept and the message next to
 * its field; its author cannot approve; a request decided meanwhile by
 * another admin is a 409 that shows what was sent and changes nothing. The
 * data is made through libpvi (crfixture.h). */
#include "testenv.h"
#include "crfixture.h"

#include "backoffice.h"
#include "operator_fo.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_change_request.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_service.h"
#include "pvi/pvi_site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BO_NEEDS (PVI_NEEDS_DB | PVI_NEEDS_REDIS)

static struct pvi_db *db;
static struct crfix fx;
static struct testoffice bo;
static long long site_a, site_b, site_c;

static void
expect(const struct testhttp *r, int status, const char *needle)
{
    if (r->status != status || (needle && !testhttp_has(r, needle)))
        print_error("want %d with \"%s\", got %d:\n%s\n", status, needle ? needle : "", r->status,
                    r->body ? r->body : "");
    assert_int_equal(r->status, status);
    if (needle)
        assert_true(testhttp_has(r, needle));
}

static void
get(struct testweb *w, const char *path, int status, const char *needle)
{
    struct testhttp r;
    testweb_get(w, &r, path);
    expect(&r, status, needle);
    testhttp_free(&r);
}

static void
post(struct testweb *w, const char *path, const char *form, int csrf, int status,
     const char *needle)
{
    struct testhttp r;
    testweb_post(w, &r, path, form, csrf);
    expect(&r, status, needle);
    testhttp_free(&r);
}

static void
login_admin(struct testweb *w, const char *email)
{
    testweb_init(w, bo.port);
    get(w, "/login", 200, NULL);
    char *form = pvi_asprintf("email=%s&password=" CRFIX_ADMIN_PASSWORD, email);
    post(w, "/login", form, 1, 303, NULL);
    free(form);
}

static char *
path_of(long long id, const char *tail)
{
    return pvi_asprintf("/demandes/%lld%s", id, tail ? tail : "");
}

/* What a refused request must leave as it was. */
static char *
footprint(void)
{
    return testenv_sql("SELECT concat_ws(' ', (SELECT count(*) FROM audit_events WHERE action"
                       " LIKE 'change_request.%'), (SELECT count(*) FROM change_request_fields),"
                       " (SELECT count(*) FROM change_requests WHERE state = 'pending'),"
                       " (SELECT count(*) FROM site_revisions), (SELECT coalesce(sum(version),"
                       " 0) FROM sites))");
}

/* Fails unless nothing changed since was (a footprint(), freed). */
static void
expect_unchanged(char *was)
{
    char *now = footprint();
    assert_string_equal(was, now);
    free(now);
    free(was);
}

static const char *
published_name(long long site)
{
    static char name[128];
    json_t *p = crfix_published(&fx, db, site, NULL);
    snprintf(name, sizeof name, "%s", json_string_value(json_object_get(p, "business_name")));
    json_decref(p);
    return name;
}

static int
setup(void **state)
{
    (void)state;
    testenv_clock_install();
    db = testenv_db_open();
    testenv_db_reset(db);
    crfix_setup(&fx, db);
    site_a = crfix_online_site(&fx, db, "plomberie-a", "www.plomberie-a.fr");
    site_b = crfix_online_site(&fx, db, "plomberie-b", NULL);
    site_c = crfix_online_site(&fx, db, "plomberie-c", NULL);
    testenv_office_start(&bo, "backoffice", BO_NEEDS, &backoffice_office, NULL);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    testenv_office_stop(&bo);
    pvi_db_close(db);
    return 0;
}

#define MOVE                                                                                       \
    "{\"business_name\": \"Martin & Fils\", \"address\": {\"street\": \"3 place de la Mairie\","   \
    " \"postal_code\": \"35200\", \"city\": \"Rennes\"}}"

/* ---- who may ---- */

static void
only_admins_reach_the_pages(void **state)
{
    (void)state;
    long long req = crfix_request(db, &fx.client, site_a, MOVE);
    char *one = path_of(req, NULL), *decide = path_of(req, "/decision");
    const char *paths[] = {"/demandes", one};

    /* anonymous: to the login page, coming back afterwards */
    struct testweb anon;
    testweb_init(&anon, bo.port);
    for (size_t i = 0; i < 2; i++) {
        struct testhttp r;
        testweb_get(&anon, &r, paths[i]);
        assert_int_equal(r.status, 303);
        char loc[256], want[256];
        snprintf(want, sizeof want, "/login?next=%s", i == 0 ? "%2Fdemandes" : "");
        assert_non_null(testhttp_header(&r, "Location", loc, sizeof loc));
        assert_true(strncmp(loc, want, strlen(want)) == 0);
        testhttp_free(&r);
    }
    char *was = footprint();
    post(&anon, decide, "business_name.decision=approve&address.decision=approve", 1, 303, NULL);

    /* an operator's session (logged in through their office) and a client's */
    struct testoffice op;
    testenv_office_start(&op, "operator-fo", PVI_NEEDS_DB | PVI_NEEDS_LDAP, &operator_fo_office,
                         NULL);
    struct testweb w;
    testweb_init(&w, op.port);
    get(&w, "/login", 200, NULL);
    post(&w, "/login", "uid=op.martin&password=demo-op.martin", 1, 303, NULL);
    char op_token[160];
    snprintf(op_token, sizeof op_token, "%s", testweb_cookie(&w, "_session"));
    testenv_office_stop(&op);
    struct pvi_session *cs = NULL;
    assert_int_equal(
        pvi_login_client(&cs, db, CRFIX_CLIENT, CRFIX_CLIENT_PASSWORD, "127.0.0.1", NULL), PVI_OK);
    const char *tokens[] = {op_token, cs->token};
    for (size_t k = 0; k < 2; k++) {
        struct testweb other;
        testweb_init(&other, bo.port);
        testweb_set_cookie(&other, "__Host-pvi_backoffice_session", tokens[k]);
        for (size_t i = 0; i < 2; i++)
            get(&other, paths[i], 403, "Accès refusé");
        post(&other, decide, "business_name.decision=approve&address.decision=approve", 1, 403,
             NULL);
    }
    pvi_session_free(cs);
    expect_unchanged(was);
    free(testenv_sql("DELETE FROM login_failures"));

    /* an admin */
    struct testweb admin;
    login_admin(&admin, CRFIX_ADMIN2);
    get(&admin, "/demandes", 200, "<h1>Demandes de modification</h1>");
    get(&admin, one, 200, "id=\"decision\"");
    free(one);
    free(decide);
}

static void
forms_need_this_sessions_token_and_valid_input(void **state)
{
    (void)state;
    long long req = crfix_request(db, &fx.client, site_b, MOVE);
    char *one = path_of(req, NULL), *decide = path_of(req, "/decision");
    struct testweb a, b;
    login_admin(&a, CRFIX_ADMIN1);
    login_admin(&b, CRFIX_ADMIN2);
    get(&a, one, 200, NULL);
    get(&b, one, 200, NULL);
    char *was = footprint();
    const char *ok = "business_name.decision=approve&address.decision=approve";
    /* no token; another session's token */
    post(&a, decide, ok, 0, 403, "Formulaire expiré");
    char *form = pvi_asprintf("csrf=%s&%s", b.csrf, ok);
    post(&a, decide, form, 0, 403, NULL);
    free(form);
    /* a value outside the choices; a field the form does not have; text that is not UTF-8 */
    post(&a, decide, "business_name.decision=maybe&address.decision=approve", 1, 400,
         "« business_name.decision »");
    post(&a, decide, "business_name.decision=approve&tagline.decision=approve", 1, 400,
         "« tagline.decision »");
    post(&a, decide, "address.decision=reject&address.reason=%C3%28", 1, 400, "« address.reason »");
    /* the list's cursor */
    get(&a, "/demandes?after=abc", 400, "« after »");
    get(&a, "/demandes?page=2", 400, "« page »");
    /* unknown requests */
    char *unknown = path_of(req + 1000, NULL), *unknown_decide = path_of(req + 1000, "/decision");
    get(&a, unknown, 404, "Page introuvable");
    post(&a, unknown_decide, ok, 1, 404, NULL);
    free(unknown);
    free(unknown_decide);
    expect_unchanged(was);
    /* the token of this session: recorded */
    post(&a, decide, ok, 1, 303, NULL);
    assert_string_equal(published_name(site_b), "Martin & Fils");
    free(one);
    free(decide);
}

/* ---- the pages ---- */

static void
the_queue_shows_pending_requests_oldest_first_with_pages(void **state)
{
    (void)state;
    long long pending = testenv_sql_ll("SELECT count(*) FROM change_requests WHERE state ="
                                       " 'pending'");
    long long last = 0;
    char slug[32];
    for (int i = 0; i < 52 - pending; i++) {
        snprintf(slug, sizeof slug, "file-%d", i);
        long long s = crfix_online_site(&fx, db, slug, NULL);
        last =
            crfix_request(db, i % 2 ? &fx.op : &fx.client, s, "{\"business_name\": \"Nouveau\"}");
    }
    struct testweb w;
    login_admin(&w, CRFIX_ADMIN1);
    struct testhttp r;
    testweb_get(&w, &r, "/demandes");
    expect(&r, 200, "Demandes 1 à 50 sur 52");
    assert_true(testhttp_has(&r, "op.petit (Opérateur)"));
    assert_true(testhttp_has(&r, CRFIX_CLIENT " (Client)"));
    assert_true(testhttp_has(&r, "<td>Nom commercial</td>"));
    /* oldest first: the first request's link comes before the last one's */
    char *first_link = testenv_sql("SELECT '/demandes/' || min(id) FROM change_requests WHERE"
                                   " state = 'pending'");
    char *in = pvi_asprintf("href=\"%s\"", first_link);
    assert_true(testhttp_has(&r, in));
    free(in);
    char *last_link = pvi_asprintf("href=\"/demandes/%lld\"", last);
    assert_false(testhttp_has(&r, last_link)); /* on the next page */
    const char *next = strstr(r.body, "rel=\"next\"");
    assert_non_null(next);
    const char *href = strstr(r.body, "href=\"/demandes?after=");
    assert_non_null(href);
    char next_path[64];
    snprintf(next_path, sizeof next_path, "%.*s", (int)strcspn(href + 6, "\""), href + 6);
    testhttp_free(&r);
    testweb_get(&w, &r, next_path);
    expect(&r, 200, "Demandes 51 à 52 sur 52");
    assert_true(testhttp_has(&r, last_link));
    assert_true(testhttp_has(&r, "rel=\"prev\""));
    assert_false(testhttp_has(&r, "rel=\"next\""));
    testhttp_free(&r);
    free(last_link);
    free(first_link);
}

static void
a_request_shows_its_values_readably_and_is_decided_field_by_field(void **state)
{
    (void)state;
    long long req = crfix_request(
        db, &fx.client, site_c,
        "{\"business_name\": \"Martin & Fils \\\"Rive\\\"\", \"address\": {\"street\":"
        " \"3 place de la Mairie\", \"postal_code\": \"35200\", \"city\":"
        " \"Rennes\"}, \"domains\": [\"martin.fr\", \"www.martin.fr\"]}");
    char *one = path_of(req, NULL), *decide = path_of(req, "/decision");
    struct testweb w;
    login_admin(&w, CRFIX_ADMIN1);
    struct testhttp r;
    testweb_get(&w, &r, one);
    expect(&r, 200, "<td>12 rue de Brest, 35000 Rennes</td>");
    assert_true(testhttp_has(&r, "<td>3 place de la Mairie, 35200 Rennes</td>"));
    assert_true(testhttp_has(&r, "<td>martin.fr, www.martin.fr</td>"));
    assert_true(testhttp_has(&r, "Martin &amp; Fils \"Rive\"")); /* data is escaped */
    assert_true(testhttp_has(&r, "name=\"address.decision\" value=\"approve\""));
    assert_true(testhttp_has(&r, "name=\"domains.reason\""));
    assert_false(testhttp_has(&r, "\"domains\":")); /* no raw JSON */
    testhttp_free(&r);

    /* a rejection without its reason: the form again, nothing lost, nothing written */
    char *was = footprint();
    testweb_post(&w, &r, decide,
                 "business_name.decision=approve&address.decision=reject&address.reason="
                 "&domains.decision=reject&domains.reason=Domaine%20non%20d%C3%A9pos%C3%A9",
                 1);
    expect(&r, 422, "Adresse\u00a0: indiquez le motif du refus");
    assert_true(testhttp_has(&r, "id=\"f-address.reason-error\""));
    assert_false(testhttp_has(&r, "id=\"f-domains.reason-error\""));
    assert_true(testhttp_has(&r, "class=\"error-summary\""));
    assert_true(testhttp_has(&r, ">Domaine non déposé</textarea>"));
    assert_true(testhttp_has(&r, "name=\"business_name.decision\" value=\"approve\" checked"));
    assert_true(testhttp_has(&r, "name=\"address.decision\" value=\"reject\" checked"));
    testhttp_free(&r);
    expect_unchanged(was);

    /* all there: recorded, the name published, the address kept, the flash on the next page */
    testweb_post(&w, &r, decide,
                 "business_name.decision=approve&address.decision=reject&address.reason="
                 "Adresse%20inconnue&domains.decision=reject&domains.reason=Domaine%20non%20d%C3%"
                 "A9pos%C3%A9",
                 1);
    expect(&r, 303, NULL);
    char loc[128];
    assert_non_null(testhttp_header(&r, "Location", loc, sizeof loc));
    assert_string_equal(loc, one);
    testhttp_free(&r);
    assert_string_equal(published_name(site_c), "Martin & Fils \"Rive\"");
    json_t *p = crfix_published(&fx, db, site_c, NULL);
    assert_string_equal(json_string_value(json_object_get(json_object_get(p, "address"), "city")),
                        "Rennes");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(p, "address"), "postal_code")), "35000");
    json_decref(p);
    testweb_get(&w, &r, one);
    expect(&r, 200, "Décision enregistrée");
    assert_true(testhttp_has(&r, "Approuvée en partie"));
    assert_true(testhttp_has(&r, "<td>Adresse inconnue</td>"));
    assert_true(testhttp_has(&r, "<td>Domaine non déposé</td>"));
    assert_false(testhttp_has(&r, "id=\"decision\"")); /* read-only */
    testhttp_free(&r);
    /* the requester's office will read the same */
    json_t *out = NULL;
    assert_int_equal(pvi_change_request_outcomes(&out, db, &fx.client, site_c, 1), PVI_OK);
    assert_string_equal(json_string_value(json_object_get(json_array_get(out, 0), "state")),
                        "partial");
    json_decref(out);
    free(one);
    free(decide);
}

static void
its_author_is_told_and_cannot_approve(void **state)
{
    (void)state;
    long long req = crfix_request(db, &fx.admin1, site_a, "{\"activity\": \"Chauffagiste\"}");
    char *one = path_of(req, NULL), *decide = path_of(req, "/decision");
    struct testweb w;
    login_admin(&w, CRFIX_ADMIN1);
    struct testhttp r;
    testweb_get(&w, &r, one);
    expect(&r, 200, "Vous êtes l'auteur de cette demande");
    assert_false(testhttp_has(&r, "value=\"approve\""));
    testhttp_free(&r);
    char *was = footprint();
    post(&w, decide, "activity.decision=approve", 1, 403, "un autre administrateur");
    expect_unchanged(was);
    free(one);
    free(decide);
}

static void
a_request_decided_meanwhile_is_a_conflict_that_loses_nothing(void **state)
{
    (void)state;
    long long req = crfix_request(db, &fx.op, site_b, "{\"business_name\": \"Martin Père\"}");
    char *one = path_of(req, NULL), *decide = path_of(req, "/decision");
    struct testweb a, b;
    login_admin(&a, CRFIX_ADMIN1);
    login_admin(&b, CRFIX_ADMIN2);
    get(&a, one, 200, NULL);
    get(&b, one, 200, NULL);
    post(&b, decide, "business_name.decision=approve", 1, 303, NULL);
    char *was = footprint();
    struct testhttp r;
    testweb_post(&a, &r, decide,
                 "business_name.decision=reject&business_name.reason=Nom%20trop%20proche", 1);
    expect(&r, 409, "votre décision n'a pas été enregistrée");
    assert_true(testhttp_has(&r, "Votre décision (non enregistrée)"));
    assert_true(testhttp_has(&r, "Nom trop proche"));
    assert_true(testhttp_has(&r, CRFIX_ADMIN2)); /* who decided */
    assert_false(testhttp_has(&r, "id=\"decision\""));
    testhttp_free(&r);
    expect_unchanged(was);
    assert_string_equal(published_name(site_b), "Martin Père");
    /* a request replaced by a newer edit: its page leads to the newer one */
    long long older = crfix_request(db, &fx.client, site_a, "{\"business_name\": \"A\"}");
    long long newer = crfix_request(db, &fx.client, site_a, "{\"business_name\": \"B\"}");
    char *older_path = path_of(older, NULL),
         *newer_href = pvi_asprintf("href=\"/demandes/%lld\"", newer);
    testweb_get(&a, &r, older_path);
    expect(&r, 200, "Remplacée par une demande plus récente");
    assert_true(testhttp_has(&r, newer_href));
    testhttp_free(&r);
    free(older_path);
    free(newer_href);
    free(one);
    free(decide);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(only_admins_reach_the_pages),
        cmocka_unit_test(forms_need_this_sessions_token_and_valid_input),
        cmocka_unit_test(a_request_shows_its_values_readably_and_is_decided_field_by_field),
        cmocka_unit_test(its_author_is_told_and_cannot_approve),
        cmocka_unit_test(a_request_decided_meanwhile_is_a_conflict_that_loses_nothing),
        cmocka_unit_test(the_queue_shows_pending_requests_oldest_first_with_pages),
    };
    return cmocka_run_group_tests_name("bo_requests", tests, setup, teardown);
}
