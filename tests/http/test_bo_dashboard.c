/* test_bo_dashboard.c — the back office's dashboard (GET /), served in this
 * process, logged in through the cookie jar: on a small production made
 * through libpvi (testprod.h) the page shows what was made — each state's
 * count, a link to /sites?state=<state>; the failing job with its error;
 * the oldest review first, linked to /sites/{id}; the change request,
 * linked to /demandes/{id}; the two charts as images with their figures as
 * tables; the latest audit event first — and, once the jobs are applied,
 * today's publications. Refused to an operator's or a client's session
 * (403), to an anonymous user (303 to the login page); an undeclared query
 * field is a 400 naming it. Counts of thousands have their digits grouped
 * as each language does. */
#include "testenv.h"
#include "testprod.h"

#include "backoffice.h"
#include "client_fo.h"
#include "operator_fo.h"

#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_seed.h"
#include "pvi/pvi_service.h"
#include "pvi/pvi_site.h"

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ADMIN_EMAIL "stats.admin@pvi.test"
#define ADMIN_PASSWORD "stats-admin-password-2026"
#define CLIENT_NUMBER "PJ60000001"
#define CLIENT_PASSWORD "client-password-2026"

static struct testprod prod;
static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "test_bo_dashboard"};

static int
setup(void **state)
{
    (void)state;
    testenv_clock_install();
    struct pvi_db *db = testenv_db_open();
    testenv_db_reset(db);
    testprod_make(&prod, db);
    testenv_clock_advance_s(30);
    assert_true(testprod_fail_jobs(db) >= 1);
    struct pvi_client_new c = {.customer_number = CLIENT_NUMBER,
                               .company_name = "Boulangerie Test",
                               .siret = "73282932000074",
                               .email = "gerant@boulangerie.test",
                               .phone = "02 99 12 34 56",
                               .password = CLIENT_PASSWORD};
    long long id = 0;
    assert_int_equal(pvi_client_create(&id, db, &sys, &c, NULL), PVI_OK);
    pvi_db_close(db);
    return 0;
}

/* The back office served, and an administrator logged in to it. */
static void
start_as_admin(struct testoffice *t, struct testweb *w)
{
    testenv_office_start(t, "backoffice", PVI_NEEDS_DB | PVI_NEEDS_REDIS, &backoffice_office, NULL);
    testweb_init(w, t->port);
    testweb_login(w, "email", ADMIN_EMAIL, ADMIN_PASSWORD);
}

/* ---- the page, read back as HTML ---- */

static htmlDocPtr
page_get(struct testweb *w, const char *path)
{
    struct testhttp r;
    testweb_get(w, &r, path);
    if (r.status != 200)
        print_error("GET %s: %d\n%s\n", path, r.status, r.body ? r.body : "");
    assert_int_equal(r.status, 200);
    htmlDocPtr d = htmlReadMemory(r.body, (int)r.body_len, "dashboard.html", "UTF-8",
                                  HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    assert_non_null(d);
    testhttp_free(&r);
    return d;
}

/* Switches the language to English and reads the dashboard again. */
static htmlDocPtr
page_in_english(struct testweb *w)
{
    struct testhttp r;
    testweb_post(w, &r, "/langue", "lang=en&next=%2F", 1);
    assert_int_equal(r.status, 303);
    testhttp_free(&r);
    return page_get(w, "/");
}

/* string(expr) on d; free() it. */
static char *
hx(htmlDocPtr d, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(d);
    char *full = pvi_asprintf("string(%s)", expr);
    xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST full, ctx);
    assert_non_null(r);
    char *s = pvi_strdup((const char *)r->stringval);
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(ctx);
    free(full);
    return s;
}

static void
expect_hx(htmlDocPtr d, const char *expr, const char *want)
{
    char *got = hx(d, expr);
    if (strcmp(got, want) != 0)
        print_error("%s: got \"%s\", want \"%s\"\n", expr, got, want);
    assert_string_equal(got, want);
    free(got);
}

static long long
hx_ll(htmlDocPtr d, const char *expr)
{
    char *s = hx(d, expr);
    long long n = atoll(s);
    free(s);
    return n;
}

/* The cell at expr is a link to <base>/<id>. */
static void
expect_href(htmlDocPtr d, const char *expr, const char *base, long long id)
{
    char *at = pvi_asprintf("%s/a/@href", expr);
    char *want = pvi_asprintf("%s/%lld", base, id);
    expect_hx(d, at, want);
    free(want);
    free(at);
}

/* The value of the tile that links to /sites?state=<state>. */
static long long
tile(htmlDocPtr d, const char *state)
{
    char *expr = pvi_asprintf("count(//ul[@class='tiles']//a[@href='/sites?state=%s'])", state);
    long long links = hx_ll(d, expr);
    free(expr);
    assert_int_equal(links, 1);
    expr = pvi_asprintf(
        "//ul[@class='tiles']//a[@href='/sites?state=%s']/span[@class='tile-value']", state);
    long long n = hx_ll(d, expr);
    free(expr);
    return n;
}

static void
the_dashboard_shows_what_was_made(void **state)
{
    (void)state;
    struct testoffice t;
    struct testweb w;
    start_as_admin(&t, &w);
    htmlDocPtr d = page_get(&w, "/");
    expect_hx(d, "//h1", "Tableau de bord");
    expect_hx(d, "//nav//a[@aria-current='page']/@href", "/");

    /* each state: its count, a link to the filtered list */
    assert_int_equal(tile(d, "ordered"), 2);
    assert_int_equal(tile(d, "collecting"), 1);
    assert_int_equal(tile(d, "review"), 2);
    assert_int_equal(tile(d, "online"), 1);
    assert_int_equal(tile(d, "suspended"), 0);
    assert_int_equal(tile(d, "closed"), 1);
    /* the bar chart: an image with a name, six bars, its figures as a table */
    expect_hx(d, "//figure[@id='chart-states']/svg/@role", "img");
    expect_hx(d, "count(//figure[@id='chart-states']//rect[@class='chart-bar'])", "6");
    expect_hx(d, "//figure[@id='chart-states']//tbody/tr[3]/th", "En validation");
    expect_hx(d, "//figure[@id='chart-states']//tbody/tr[3]/td", "2");

    /* the failing job: its site, its error */
    char *href = pvi_asprintf("/sites/%lld", prod.online);
    char *expr = pvi_asprintf("count(//table[@id='failures']//a[@href='%s'])", href);
    assert_true(hx_ll(d, expr) >= 1);
    free(expr);
    expr = pvi_asprintf("//table[@id='failures']//tr[td/a/@href='%s']/td[4]", href);
    expect_hx(d, expr, "content store unavailable");
    free(expr);
    free(href);

    /* the reviews, the oldest first, each linked to its site */
    expect_href(d, "//table[@id='reviews']//tbody/tr[1]/td[1]", "/sites", prod.review_old);
    expect_href(d, "//table[@id='reviews']//tbody/tr[2]/td[1]", "/sites", prod.review_new);
    expect_hx(d, "//table[@id='reviews']//tbody/tr[1]/td[2]", "Claire Martin");
    expect_hx(d, "//section[@id='dash-review']/h2", "Sites à valider\u00a0: 2");

    /* the change request, linked to its page and its site */
    expect_href(d, "//table[@id='change-requests']//tbody/tr[1]/td[1]", "/demandes",
                prod.request_id);
    expect_href(d, "//table[@id='change-requests']//tbody/tr[1]/td[2]", "/sites", prod.online);
    expect_hx(d, "//table[@id='change-requests']//tbody/tr[1]/td[3]", "business_name");

    /* thirty days of publications, none yet */
    expect_hx(d, "count(//figure[@id='chart-publications']//tbody/tr)", "30");
    expect_hx(d, "sum(//figure[@id='chart-publications']//tbody/tr/td)", "0");

    /* the recent activity: the latest event of the trail first */
    char *latest = testenv_sql("SELECT action FROM audit_events ORDER BY id DESC LIMIT 1");
    expect_hx(d, "//table[@id='activity']//tbody/tr[1]/td[3]", latest);
    free(latest);
    xmlFreeDoc(d);

    /* the jobs applied: nothing failing, today's publications counted */
    struct pvi_db *db = testenv_db_open();
    int applied = testprod_publish(db);
    pvi_db_close(db);
    assert_true(applied >= 1);
    d = page_get(&w, "/");
    expect_hx(d, "count(//table[@id='failures'])", "0");
    expect_hx(d, "//section[@id='dash-queue']//div[contains(@class, 'notice')]",
              "Aucune publication en échec.");
    char want[24];
    snprintf(want, sizeof want, "%d", applied);
    expect_hx(d, "//figure[@id='chart-publications']//tbody/tr[30]/td", want);
    xmlFreeDoc(d);

    /* in English */
    d = page_in_english(&w);
    expect_hx(d, "//h1", "Dashboard");
    expect_hx(d, "//section[@id='dash-review']/h2", "Sites to review: 2");
    xmlFreeDoc(d);

    /* an undeclared query field: 400 naming it (the page is in English now) */
    struct testhttp r;
    testweb_get(&w, &r, "/?state=online");
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "“state”"));
    testhttp_free(&r);
    testenv_office_stop(&t);
    testenv_forget_login_failures();
}

/* A session of office (logged in there), presented to the back office. */
static void
expect_refused_to(const char *service, unsigned needs, const struct pvi_office *office,
                  const char *field, const char *id, const char *password, int bo_port)
{
    struct testoffice o;
    testenv_office_start(&o, service, needs, office, NULL);
    struct testweb w;
    testweb_init(&w, o.port);
    testweb_login(&w, field, id, password);
    char token[128];
    snprintf(token, sizeof token, "%s", testweb_cookie(&w, "_session"));
    testenv_office_stop(&o);
    struct testweb bo;
    testweb_init(&bo, bo_port);
    testweb_set_cookie(&bo, "__Host-pvi_backoffice_session", token);
    struct testhttp r;
    testweb_get(&bo, &r, "/");
    if (r.status != 403)
        print_error("%s's session on the dashboard: %d\n", service, r.status);
    assert_int_equal(r.status, 403);
    assert_null(strstr(r.body, "chart-states"));
    testhttp_free(&r);
}

static void
the_dashboard_is_for_administrators_only(void **state)
{
    (void)state;
    struct testoffice t;
    testenv_office_start(&t, "backoffice", PVI_NEEDS_DB | PVI_NEEDS_REDIS, &backoffice_office,
                         NULL);
    /* anonymous: to the login page, coming back to the dashboard */
    struct testweb w;
    testweb_init(&w, t.port);
    struct testhttp r;
    testweb_get(&w, &r, "/");
    assert_int_equal(r.status, 303);
    char loc[256];
    assert_non_null(testhttp_header(&r, "Location", loc, sizeof loc));
    assert_string_equal(loc, "/login?next=%2F");
    testhttp_free(&r);
    expect_refused_to("operator-fo", PVI_NEEDS_DB | PVI_NEEDS_LDAP, &operator_fo_office, "uid",
                      "op.martin", "demo-op.martin", t.port);
    expect_refused_to("client-fo", PVI_NEEDS_DB, &client_fo_office, "customer_number",
                      CLIENT_NUMBER, CLIENT_PASSWORD, t.port);
    testenv_office_stop(&t);
    testenv_forget_login_failures();
}

/* Counts of thousands have their digits grouped: "1 234" in French
 * (a narrow no-break space), "1,234" in English. */
static void
large_counts_have_their_digits_grouped(void **state)
{
    (void)state;
    struct pvi_seed_opts opts = {.sites = 1500, .clients = 1000, .seed = 3, .no_jobs = 1};
    assert_int_equal(pvi_seed_load(NULL, testenv_require("PVI_DB_URL"), &sys, &opts), PVI_OK);
    long long online = testenv_sql_ll("SELECT count(*) FROM sites WHERE state = 'online'");
    assert_true(online >= 1000 && online < 1000000);
    char fr[32], en[32];
    snprintf(fr, sizeof fr, "%lld\u202f%03lld", online / 1000, online % 1000);
    snprintf(en, sizeof en, "%lld,%03lld", online / 1000, online % 1000);
    struct testoffice t;
    struct testweb w;
    start_as_admin(&t, &w);
    htmlDocPtr d = page_get(&w, "/");
    expect_hx(d, "//ul[@class='tiles']//a[@href='/sites?state=online']/span[@class='tile-value']",
              fr);
    expect_hx(d, "//figure[@id='chart-states']//tbody/tr[4]/td", fr);
    xmlFreeDoc(d);
    d = page_in_english(&w);
    expect_hx(d, "//ul[@class='tiles']//a[@href='/sites?state=online']/span[@class='tile-value']",
              en);
    xmlFreeDoc(d);
    testenv_office_stop(&t);
    testenv_forget_login_failures();
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_dashboard_shows_what_was_made),
        cmocka_unit_test(the_dashboard_is_for_administrators_only),
        cmocka_unit_test(large_counts_have_their_digits_grouped),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
