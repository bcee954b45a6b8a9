/* test_bo_sites.c — GET /sites of the back office, served in this process:
 * the list and its count, the search (a phone typed the French way), the
 * filters and sort kept in every link (sort headers, paging both ways, the
 * last page), the dashboard's /sites?state=… links, each invalid criterion
 * refused with 400 naming its field (the form shown again for a search too
 * short or an unknown charter, the input kept), and the refusals: an
 * anonymous user is sent to the login page, an operator's or a client's
 * session gets 403, and no unsafe method is served. */
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

static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "test_bo_sites"};

#define ADMIN_EMAIL "chef@pvi.test"
#define ADMIN_PASSWORD "chef-password-2026"
#define CLIENT_NUMBER "PJ40000001"
#define CLIENT_PASSWORD "client-password-2026"
#define NSITES 55 /* more than a page (50) */

static struct testoffice bo;
static long long phone_site; /* the one site whose phone is 02 96 12 34 56 */

static int
setup(void **state)
{
    (void)state;
    struct pvi_db *db = testenv_db_open();
    testenv_db_reset(db);
    long long id = 0, client = 0;
    assert_int_equal(pvi_admin_create(&id, db, &sys, ADMIN_EMAIL, "Chef", ADMIN_PASSWORD, NULL),
                     PVI_OK);
    struct pvi_client_new c = {.customer_number = CLIENT_NUMBER,
                               .company_name = "Sites SARL",
                               .siret = "73282932000074",
                               .email = "gerant@sites.test",
                               .phone = "02 99 12 34 56",
                               .password = CLIENT_PASSWORD};
    assert_int_equal(pvi_client_create(&client, db, &sys, &c, NULL), PVI_OK);
    for (int i = 1; i <= NSITES; i++) {
        char name[40], slug[40], phone[20];
        snprintf(name, sizeof name, "Commerce %02d", i);
        snprintf(slug, sizeof slug, "commerce-%02d", i);
        snprintf(phone, sizeof phone, i == 7 ? "+33296123456" : "+332960000%02d", i);
        json_t *content = json_pack("{s:s, s:[{s:s, s:s}], s:{s:s}, s:s}", "business_name", name,
                                    "phones", "kind", "fixed", "number", phone, "address", "city",
                                    i % 2 ? "Rennes" : "Brest", "charter", "classique");
        struct pvi_site_new in = {.client_id = client, .slug = slug, .content = content};
        assert_int_equal(pvi_site_create(&id, db, &sys, &in, NULL), PVI_OK);
        if (i == 7)
            phone_site = id;
        json_decref(content);
    }
    pvi_db_close(db);
    testenv_office_start(&bo, "backoffice", PVI_NEEDS_DB | PVI_NEEDS_REDIS, &backoffice_office,
                         NULL);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    testenv_office_stop(&bo);
    return 0;
}

/* testweb_login, then forgets the failures it may leave (throttling). */
static void
login(struct testweb *w, const char *id_field, const char *id, const char *password)
{
    testweb_login(w, id_field, id, password);
    free(testenv_sql("DELETE FROM login_failures"));
}

static void
admin(struct testweb *w)
{
    testweb_init(w, bo.port);
    login(w, "email", ADMIN_EMAIL, ADMIN_PASSWORD);
}

static void
get(struct testweb *w, struct testhttp *r, const char *path, int status)
{
    testweb_get(w, r, path);
    if (r->status != status)
        print_error("GET %s: %d, want %d\n%s\n", path, r->status, status, r->body);
    assert_int_equal(r->status, status);
}

/* The value of the first href="…" after marker (HTML entities of & undone), or NULL. */
static char *
href_after(const struct testhttp *r, const char *marker)
{
    const char *m = r->body ? strstr(r->body, marker) : NULL;
    const char *h = m ? strstr(m, "href=\"") : NULL;
    if (h == NULL)
        return NULL;
    h += 6;
    const char *end = strchr(h, '"');
    struct pvi_buf b = {0};
    for (const char *p = h; p < end; p++) {
        if (strncmp(p, "&amp;", 5) == 0) {
            pvi_buf_append(&b, "&", 1);
            p += 4;
        } else {
            pvi_buf_append(&b, p, 1);
        }
    }
    return pvi_buf_steal(&b);
}

/* How many rows the page's table has (links to a site). */
static int
rows_of(const struct testhttp *r)
{
    int n = 0;
    for (const char *p = r->body; (p = strstr(p, "href=\"/sites/")) != NULL; p++)
        n++;
    return n;
}

static void
the_list_pages_through_every_site_with_its_criteria_kept(void **state)
{
    (void)state;
    struct testweb w;
    admin(&w);
    struct testhttp r;
    get(&w, &r, "/sites", 200);
    assert_true(testhttp_has(&r, "<h1>Sites</h1>"));
    assert_true(testhttp_has(&r, "id=\"site-search\""));
    assert_true(testhttp_has(&r, "Sites correspondants\xC2\xA0: 55."));
    assert_int_equal(rows_of(&r), 50);
    /* by name, A to Z: the first is Commerce 01, and its link leads to its page */
    const char *first = strstr(r.body, ">Commerce 01<");
    const char *second = strstr(r.body, ">Commerce 02<");
    assert_non_null(first);
    assert_non_null(second);
    assert_true(first < second);
    assert_null(strstr(r.body, ">Commerce 51<"));
    assert_true(testhttp_has(&r, "aria-sort=\"ascending\""));
    assert_true(testhttp_has(&r, "id=\"site-search-reset\""));
    testhttp_free(&r);

    /* criteria in the URL: the selects and links keep them */
    get(&w, &r, "/sites?state=ordered&charter=classique&sort=name&dir=desc", 200);
    assert_true(testhttp_has(&r, "<option value=\"ordered\" selected=\"selected\">"));
    assert_true(testhttp_has(&r, "<option value=\"classique\" selected=\"selected\">"));
    assert_true(strstr(r.body, ">Commerce 55<") < strstr(r.body, ">Commerce 54<"));
    /* the state column's sort link keeps the filters, drops the direction */
    assert_true(testhttp_has(&r, "href=\"/sites?state=ordered&amp;charter=classique&amp;sort=state\""));
    /* the name column (the current sort) offers the other direction */
    assert_true(testhttp_has(&r, "href=\"/sites?state=ordered&amp;charter=classique&amp;sort=name&amp;"
                        "dir=asc\""));
    /* next page, with every criterion */
    char *next = href_after(&r, "class=\"paging-next\"");
    assert_non_null(next);
    assert_non_null(strstr(next, "/sites?state=ordered&charter=classique&sort=name&dir=desc&after="));
    /* the batch actions over this selection carry the criteria too */
    assert_true(testhttp_has(&r, "href=\"/lots/nouveau?action=suspend&amp;state=ordered&amp;"
                        "charter=classique\" id=\"site-list-batch-suspend\""));
    char *last = href_after(&r, "class=\"paging-last\"");
    assert_non_null(last);
    assert_non_null(strstr(last, "&last=1"));
    assert_true(testhttp_has(&r, "id=\"site-list-last\""));
    assert_false(testhttp_has(&r, "id=\"site-list-first\""));
    assert_null(strstr(r.body, "class=\"paging-previous\""));
    testhttp_free(&r);
    get(&w, &r, next, 200);
    assert_int_equal(rows_of(&r), 5);
    assert_true(testhttp_has(&r, ">Commerce 05<"));
    assert_true(testhttp_has(&r, ">Commerce 01<"));
    assert_false(testhttp_has(&r, ">Commerce 06<"));
    assert_null(strstr(r.body, "class=\"paging-next\""));
    char *prev = href_after(&r, "class=\"paging-previous\"");
    assert_non_null(prev);
    assert_non_null(strstr(prev, "state=ordered&charter=classique&sort=name&dir=desc&before="));
    assert_true(testhttp_has(&r, "id=\"site-list-first\""));
    testhttp_free(&r);
    /* back: the first page again, from Commerce 55 to Commerce 06 */
    get(&w, &r, prev, 200);
    assert_int_equal(rows_of(&r), 50);
    assert_true(testhttp_has(&r, ">Commerce 55<"));
    assert_true(testhttp_has(&r, ">Commerce 06<"));
    assert_false(testhttp_has(&r, ">Commerce 05<"));
    testhttp_free(&r);
    /* the last page: the last 50 in this order */
    get(&w, &r, last, 200);
    assert_int_equal(rows_of(&r), 50);
    assert_true(testhttp_has(&r, ">Commerce 01<"));
    assert_false(testhttp_has(&r, ">Commerce 51<"));
    assert_null(strstr(r.body, "class=\"paging-next\""));
    testhttp_free(&r);
    free(next);
    free(prev);
    free(last);
}

static void
the_search_finds_a_phone_typed_the_french_way(void **state)
{
    (void)state;
    struct testweb w;
    admin(&w);
    struct testhttp r;
    static const char *const typed[] = {"02+96+12+34+56", "0296123456", "%2B33+2+96+12+34+56",
                                        "02.96.12.34.56"};
    char want[40];
    snprintf(want, sizeof want, "href=\"/sites/%lld\"", phone_site);
    for (size_t i = 0; i < PVI_COUNT_OF(typed); i++) {
        char *path = pvi_asprintf("/sites?q=%s", typed[i]);
        get(&w, &r, path, 200);
        assert_int_equal(rows_of(&r), 1);
        assert_true(testhttp_has(&r, want));
        assert_true(testhttp_has(&r, ">Commerce 07<"));
        assert_true(testhttp_has(&r, "Sites correspondants\xC2\xA0: 1."));
        free(path);
        testhttp_free(&r);
    }
    /* the city, with the state the dashboard links to */
    get(&w, &r, "/sites?q=brest&state=ordered", 200);
    assert_int_equal(rows_of(&r), 27);
    assert_true(testhttp_has(&r, "value=\"brest\""));
    testhttp_free(&r);
    static const char *const states[] = {"ordered", "collecting", "review",
                                         "online",  "suspended",  "closed"};
    for (size_t i = 0; i < PVI_COUNT_OF(states); i++) {
        char *path = pvi_asprintf("/sites?state=%s", states[i]);
        get(&w, &r, path, 200);
        assert_int_equal(rows_of(&r), i == 0 ? 50 : 0);
        if (i > 0)
            assert_true(testhttp_has(&r, "Aucun site ne correspond"));
        free(path);
        testhttp_free(&r);
    }
}

static void
expect_400_naming(struct testweb *w, const char *path, const char *field)
{
    struct testhttp r;
    get(w, &r, path, 400);
    char named[64];
    snprintf(named, sizeof named, "« %s »", field);
    if (!testhttp_has(&r, named))
        print_error("%s: no %s in\n%s\n", path, named, r.body);
    assert_true(testhttp_has(&r, named));
    testhttp_free(&r);
}

static void
invalid_criteria_get_400_naming_the_field(void **state)
{
    (void)state;
    struct testweb w;
    admin(&w);
    expect_400_naming(&w, "/sites?state=bogus", "state");
    expect_400_naming(&w, "/sites?sort=price", "sort");
    expect_400_naming(&w, "/sites?dir=up", "dir");
    expect_400_naming(&w, "/sites?operator=abc", "operator");
    expect_400_naming(&w, "/sites?operator=0", "operator");
    expect_400_naming(&w, "/sites?after=not-a-cursor", "after");
    expect_400_naming(&w, "/sites?before=%21%21", "before");
    expect_400_naming(&w, "/sites?pending=maybe", "pending");
    expect_400_naming(&w, "/sites?color=blue", "color");
    expect_400_naming(&w, "/sites?state=online&state=closed", "state");
    /* a cursor of another sort: refused by libpvi, naming it */
    struct testhttp r;
    get(&w, &r, "/sites?sort=changed", 200);
    char *next = href_after(&r, "class=\"paging-next\"");
    testhttp_free(&r);
    assert_non_null(next);
    char *cursor = strstr(next, "after=");
    assert_non_null(cursor);
    char *other = pvi_asprintf("/sites?sort=name&%s", cursor);
    expect_400_naming(&w, other, "after");
    free(other);
    free(next);
    /* criteria of the form: the form again, what was typed kept, the message on its field */
    get(&w, &r, "/sites?q=ab&state=review", 400);
    assert_true(testhttp_has(&r, "value=\"ab\""));
    assert_true(testhttp_has(&r, "<option value=\"review\" selected=\"selected\">"));
    assert_true(testhttp_has(&r, "id=\"f-q-error\""));
    assert_true(testhttp_has(&r, "Tapez au moins 3\xC2\xA0" "caractères"));
    assert_true(testhttp_has(&r, "href=\"#f-q\""));
    assert_false(testhttp_has(&r, "id=\"site-list\""));
    testhttp_free(&r);
    get(&w, &r, "/sites?charter=inconnue&q=commerce", 400);
    assert_true(testhttp_has(&r, "value=\"commerce\""));
    assert_true(testhttp_has(&r, "id=\"f-charter-error\""));
    assert_true(testhttp_has(&r, "href=\"#f-charter\""));
    testhttp_free(&r);
}

static void
only_admins_may_list_the_sites(void **state)
{
    (void)state;
    /* anonymous: to the login page, keeping where they were going */
    struct testhttp r;
    testenv_get(&r, bo.port, "/sites?state=review");
    assert_int_equal(r.status, 303);
    char loc[256];
    assert_non_null(testhttp_header(&r, "Location", loc, sizeof loc));
    assert_string_equal(loc, "/login?next=%2Fsites%3Fstate%3Dreview");
    testhttp_free(&r);
    /* an operator's and a client's sessions, from their offices */
    struct {
        const char *service;
        unsigned needs;
        const struct pvi_office *office;
        const char *field, *id, *password;
    } others[] = {
        {"operator-fo", PVI_NEEDS_DB | PVI_NEEDS_LDAP, &operator_fo_office, "uid", "op.martin",
         "demo-op.martin"},
        {"client-fo", PVI_NEEDS_DB, &client_fo_office, "customer_number", CLIENT_NUMBER,
         CLIENT_PASSWORD},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(others); i++) {
        struct testoffice o;
        testenv_office_start(&o, others[i].service, others[i].needs, others[i].office, NULL);
        struct testweb w;
        testweb_init(&w, o.port);
        login(&w, others[i].field, others[i].id, others[i].password);
        char token[320];
        snprintf(token, sizeof token, "%s", testweb_cookie(&w, "_session"));
        testenv_office_stop(&o);
        struct testweb there;
        testweb_init(&there, bo.port);
        testweb_set_cookie(&there, "__Host-pvi_backoffice_session", token);
        testweb_get(&there, &r, "/sites");
        assert_int_equal(r.status, 403);
        assert_false(testhttp_has(&r, "Commerce"));
        testhttp_free(&r);
    }
    /* the list is read-only: no unsafe method, with or without a token */
    struct testweb w;
    admin(&w);
    get(&w, &r, "/sites", 200);
    testhttp_free(&r);
    testweb_post(&w, &r, "/sites", "q=commerce", 1);
    assert_int_equal(r.status, 405);
    testhttp_free(&r);
    testweb_post(&w, &r, "/sites", "q=commerce", 0);
    assert_int_equal(r.status, 405);
    testhttp_free(&r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_list_pages_through_every_site_with_its_criteria_kept),
        cmocka_unit_test(the_search_finds_a_phone_typed_the_french_way),
        cmocka_unit_test(invalid_criteria_get_400_naming_the_field),
        cmocka_unit_test(only_admins_may_list_the_sites),
    };
    return cmocka_run_group_tests_name("bo_sites", tests, setup, teardown);
}
