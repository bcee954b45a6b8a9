/* test_bo_batches.c — the back office's batch actions through the office
 * served in this process, on the demo data: the confirmation page counts the
 * selection, a suspension without reason comes back with the message on its
 * field and the choices kept, a started batch redirects to its progress page
 * (which reloads itself while it runs), the worker's run ends in a report
 * naming the refused site and why; and the refusals (other roles, anonymous,
 * CSRF, undeclared or invalid input, unknown batch). The worker is
 * pvi_batch_run(), called here as pvi-publisher calls it. */
#include "testenv.h"

#include "backoffice.h"
#include "client_fo.h"

#include "pvi/pvi_batch.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_seed.h"
#include "pvi/pvi_service.h"
#include "pvi/pvi_site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "test_bo_batches"};
static struct testoffice bo;
static struct pvi_db *db;

static int
setup(void **state)
{
    (void)state;
    db = testenv_db_open();
    testenv_db_reset(db);
    assert_int_equal(pvi_seed_demo(NULL, db, testenv_require("PVI_DB_URL"), &sys, NULL, NULL),
                     PVI_OK);
    testenv_office_start(&bo, "backoffice", PVI_NEEDS_DB | PVI_NEEDS_REDIS, &backoffice_office,
                         NULL);
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

static void
admin(struct testweb *w)
{
    testweb_init(w, bo.port);
    testweb_login(w, "email", PVI_SEED_ADMIN_EMAIL, PVI_SEED_ADMIN_PASSWORD);
}

static void
a_suspension_is_confirmed_started_followed_and_reported(void **state)
{
    (void)state;
    struct testweb w;
    admin(&w);
    long long online = testenv_sql_ll("SELECT count(*) FROM sites WHERE state = 'online'");
    struct testhttp r;
    testweb_get(&w, &r, "/lots/nouveau?action=suspend&state=online");
    assert_int_equal(r.status, 200);
    char want[128];
    snprintf(want, sizeof want, "%lld site(s) correspondent", online);
    testhttp_expect_has(&r, want);
    testhttp_expect_has(&r, "name=\"reason\"");
    testhttp_expect_has(&r, "href=\"/sites?state=online\"");
    testhttp_free(&r);

    /* no reason: the form again, the message on the field, the selection kept */
    testweb_post(&w, &r, "/lots", "action=suspend&state=online&reason=+", 1);
    assert_int_equal(r.status, 422);
    testhttp_expect_has(&r, "Un motif est obligatoire pour cette action.");
    testhttp_expect_has(&r, "href=\"#f-reason\"");
    testhttp_expect_has(&r, "name=\"state\" value=\"online\"");
    testhttp_free(&r);
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM batches"), 0);

    /* one of them gets suspended on its own before the worker reaches it */
    long long first = testenv_sql_ll("SELECT max(id) FROM sites WHERE state = 'online'");

    testweb_post(&w, &r, "/lots", "action=suspend&state=online&reason=Impay%C3%A9", 1);
    assert_int_equal(r.status, 303);
    char loc[64];
    assert_non_null(testhttp_header(&r, "Location", loc, sizeof loc));
    long long id = testenv_sql_ll("SELECT max(id) FROM batches");
    char page[48];
    snprintf(page, sizeof page, "/lots/%lld", id);
    assert_string_equal(loc, page);
    testhttp_free(&r);

    struct pvi_site *s = NULL;
    assert_int_equal(pvi_site_get(&s, db, &sys, first), PVI_OK);
    struct pvi_transition_args why = {.reason = "Demande du client"};
    assert_int_equal(
        pvi_site_transition(NULL, db, &sys, first, s->version, PVI_TR_SUSPEND, &why, NULL), PVI_OK);
    pvi_site_free(s);

    testweb_get(&w, &r, page);
    assert_int_equal(r.status, 200);
    testhttp_expect_has(&r, "L'action groupée est lancée.");                /* the flash */
    testhttp_expect_has(&r, "<meta http-equiv=\"refresh\" content=\"2\">"); /* running */
    testhttp_free(&r);

    for (int i = 0; i < 100; i++) {
        int done = 0;
        assert_int_equal(pvi_batch_run(&done, db, 50), PVI_OK);
        if (done == 0)
            break;
    }
    testweb_get(&w, &r, page);
    assert_int_equal(r.status, 200);
    assert_false(testhttp_has(&r, "http-equiv=\"refresh\""));
    snprintf(want, sizeof want, "%lld site(s) traité(s) sur %lld : %lld fait(s), 1 refusé(s).",
             online, online, online - 1);
    testhttp_expect_has(&r, want);
    snprintf(want, sizeof want, "href=\"/sites/%lld\"", first);
    testhttp_expect_has(&r, want);
    testhttp_expect_has(&r, "Seul un site en ligne peut être suspendu.");
    testhttp_free(&r);

    testweb_get(&w, &r, "/lots");
    assert_int_equal(r.status, 200);
    testhttp_expect_has(&r, page);
    testhttp_expect_has(&r, "Suspendre");
    testhttp_free(&r);
}

static void
an_assignment_offers_the_operators_and_a_too_wide_or_empty_selection_is_said(void **state)
{
    (void)state;
    struct testweb w;
    admin(&w);
    struct testhttp r;
    testweb_get(&w, &r, "/lots/nouveau?action=assign&state=ordered");
    assert_int_equal(r.status, 200);
    testhttp_expect_has(&r, "name=\"operator_id\"");
    testhttp_expect_has(&r, "Claire Martin"); /* the demo's operators, by name */
    testhttp_free(&r);

    testweb_get(&w, &r, "/lots/nouveau?action=republish&q=aucun-site-de-ce-nom");
    assert_int_equal(r.status, 200);
    testhttp_expect_has(&r, "Aucun site ne correspond à cette sélection.");
    assert_false(testhttp_has(&r, "action=\"/lots\""));
    testhttp_free(&r);
}

static void
refusals(void **state)
{
    (void)state;
    struct testhttp r;
    /* anonymous: the login page, keeping where the admin was going */
    struct testweb anon;
    testweb_init(&anon, bo.port);
    testweb_get(&anon, &r, "/lots/nouveau?action=republish");
    assert_int_equal(r.status, 303);
    char loc[256];
    assert_non_null(testhttp_header(&r, "Location", loc, sizeof loc));
    assert_non_null(strstr(loc, "/login?next="));
    testhttp_free(&r);

    struct testweb w;
    admin(&w);
    testweb_get(&w, &r, "/lots/nouveau?action=delete");
    assert_int_equal(r.status, 400);
    testhttp_expect_has(&r, "action");
    testhttp_free(&r);
    testweb_get(&w, &r, "/lots/nouveau?action=republish&sort=name");
    assert_int_equal(r.status, 400);
    testhttp_expect_has(&r, "sort");
    testhttp_free(&r);
    testweb_get(&w, &r, "/lots/999999");
    assert_int_equal(r.status, 404);
    testhttp_free(&r);

    /* an unsafe method without this session's token */
    long long before = testenv_sql_ll("SELECT count(*) FROM batches");
    testweb_get(&w, &r, "/lots");
    testhttp_free(&r);
    testweb_post(&w, &r, "/lots", "action=republish&state=online", 0);
    assert_int_equal(r.status, 403);
    testhttp_free(&r);
    testweb_post(&w, &r, "/lots", "csrf=1.AAAA&action=republish&state=online", 0);
    assert_int_equal(r.status, 403);
    testhttp_free(&r);
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM batches"), before);
}

static void
other_roles_are_refused(void **state)
{
    (void)state;
    /* a client's session presented to the back office */
    struct testoffice cl;
    testenv_office_start(&cl, "client-fo", PVI_NEEDS_DB, &client_fo_office, NULL);
    struct testweb c;
    testweb_init(&c, cl.port);
    testweb_login(&c, "customer_number", PVI_SEED_DEMO_CUSTOMER, PVI_SEED_CLIENT_PASSWORD);
    char token[128];
    snprintf(token, sizeof token, "%s", testweb_cookie(&c, "_session"));
    testenv_office_stop(&cl);

    struct testweb w;
    testweb_init(&w, bo.port);
    testweb_set_cookie(&w, "__Host-pvi_backoffice_session", token);
    static const char *const pages[] = {"/lots", "/lots/nouveau?action=republish", "/lots/1"};
    struct testhttp r;
    for (size_t i = 0; i < PVI_COUNT_OF(pages); i++) {
        testweb_get(&w, &r, pages[i]);
        if (r.status != 403)
            print_error("%s: %d\n", pages[i], r.status);
        assert_int_equal(r.status, 403);
        testhttp_expect_has(&r, "Accès refusé");
        testhttp_free(&r);
    }
    long long before = testenv_sql_ll("SELECT count(*) FROM batches");
    testweb_post(&w, &r, "/lots", "action=republish&state=online", 1);
    assert_int_equal(r.status, 403);
    testhttp_free(&r);
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM batches"), before);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_suspension_is_confirmed_started_followed_and_reported),
        cmocka_unit_test(
            an_assignment_offers_the_operators_and_a_too_wide_or_empty_selection_is_said),
        cmocka_unit_test(refusals),
        cmocka_unit_test(other_roles_are_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
