/* test_bo_ops.c — the back office's operators pages, served in this
 * process (an injected clock reaches them) and used through a cookie jar
 * (data: bo_fixture.h): each operator's figures (a call-back due counts, a
 * future one does not), one operator's queue, a reassignment that moves
 * the site and is audited, a stale one (409, the choice kept, nothing
 * changed); and for every route of the operators and charters pages:
 * refused to anonymous users (303 to the login), to operator and client
 * sessions (403), POSTs without CSRF or with another session's token (403),
 * invalid input (400 naming the field), unknown ids (404). */
#include "bo_fixture.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "test_bo_ops"};

/* ---- operators ---- */

static void
the_operators_page_shows_each_operators_figures(void **state)
{
    (void)state;
    struct testweb w;
    login_admin(&w);
    struct testhttp r;
    get(&w, &r, "/operateurs", 200);
    assert_true(testhttp_has(&r, "Claire Martin"));
    assert_true(testhttp_has(&r, "Julien Durand"));
    /* Martin: two sites in the queue (a link to the site list filtered on
     * it), one call-back due, a last call, nothing submitted */
    char *want = pvi_asprintf("<td class=\"numeric\"><a href=\"/sites?operator=%lld&amp;"
                              "state=collecting\">2</a></td><td class=\"numeric\">1</td>",
                              martin_id);
    char *row = row_with(&r, "Claire Martin");
    if (strstr(row, want) == NULL)
        print_error("row: %s\nwant: %s\n", row, want);
    assert_non_null(strstr(row, want));
    assert_null(strstr(row, "aucun")); /* a last call */
    free(want);
    free(row);
    /* Durand: one site, no call-back, no call */
    want = pvi_asprintf("<td class=\"numeric\"><a href=\"/sites?operator=%lld&amp;"
                        "state=collecting\">1</a></td><td class=\"numeric\">0</td>",
                        durand_id);
    row = row_with(&r, "Julien Durand");
    assert_non_null(strstr(row, want));
    assert_non_null(strstr(row, "aucun"));
    free(want);
    free(row);
    char *href = pvi_asprintf("href=\"/operateurs/%lld\"", martin_id);
    assert_true(testhttp_has(&r, href));
    free(href);
    testhttp_free(&r);
}

static void
an_operators_queue_lists_their_sites_and_call_backs(void **state)
{
    (void)state;
    struct testweb w;
    login_admin(&w);
    struct testhttp r;
    char *path = pvi_asprintf("/operateurs/%lld", martin_id);
    get(&w, &r, path, 200);
    assert_true(testhttp_has(&r, "File de Claire Martin"));
    assert_true(testhttp_has(&r, "Boulangerie Alpha"));
    assert_true(testhttp_has(&r, "Boulangerie Beta"));
    assert_false(testhttp_has(&r, "Boulangerie Gamma"));
    /* one call-back due (Alpha's), Beta's later */
    assert_int_equal(count_of(&r, "à rappeler maintenant"), 1);
    char *row = row_with(&r, "Boulangerie Alpha");
    assert_non_null(strstr(row, "à rappeler maintenant"));
    free(row);
    char *link = pvi_asprintf("/operateurs/%lld/sites/%lld/reassigner", martin_id, beta);
    assert_true(testhttp_has(&r, link));
    free(link);
    testhttp_free(&r);
    free(path);
}

static void
a_reassignment_moves_the_site_and_is_audited(void **state)
{
    (void)state;
    struct testweb w;
    login_admin(&w);
    struct testhttp r;
    char *path = pvi_asprintf("/operateurs/%lld/sites/%lld/reassigner", martin_id, beta);
    get(&w, &r, path, 200);
    assert_true(testhttp_has(&r, "id=\"reassigner\""));
    char *opt = pvi_asprintf("<option value=\"%lld\"", durand_id);
    assert_true(testhttp_has(&r, opt));
    free(opt);
    opt = pvi_asprintf("<option value=\"%lld\"", martin_id);
    assert_false(testhttp_has(&r, opt)); /* not to where it is already */
    free(opt);
    testhttp_free(&r);
    long long audits = testenv_sql_ll("SELECT count(*) FROM audit_events WHERE action = "
                                      "'site.assign'");
    char *form = pvi_asprintf("version=%d&operator_id=%lld", site_version(beta), durand_id);
    testweb_post(&w, &r, path, form, 1);
    free(form);
    assert_int_equal(r.status, 303);
    char loc[128], want[64];
    snprintf(want, sizeof want, "/operateurs/%lld", martin_id);
    assert_string_equal(testhttp_header(&r, "Location", loc, sizeof loc), want);
    testhttp_free(&r);
    assert_int_equal(site_operator(beta), durand_id);
    char *sql = pvi_asprintf("SELECT count(*) FROM audit_events WHERE action = 'site.assign'"
                             " AND site_id = %lld AND (after->>'operator_id')::bigint = %lld"
                             " AND (before->>'operator_id')::bigint = %lld"
                             " AND actor_kind = 'admin'",
                             beta, durand_id, martin_id);
    assert_int_equal(testenv_sql_ll(sql), 1);
    free(sql);
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM audit_events WHERE action = "
                                    "'site.assign'"),
                     audits + 1);
    /* the page the browser is sent to says so; Beta is Durand's now */
    get(&w, &r, want, 200);
    assert_true(testhttp_has(&r, "Le site est réassigné."));
    assert_false(testhttp_has(&r, "Boulangerie Beta"));
    testhttp_free(&r);
    /* and back, for the next tests */
    struct pvi_transition_args a = {.operator_id = martin_id};
    assert_int_equal(
        pvi_site_transition(NULL, bo_db, &sys, beta, site_version(beta), PVI_TR_ASSIGN, &a, NULL),
        PVI_OK);
    free(path);
}

static void
a_stale_reassignment_shows_what_changed_and_changes_nothing(void **state)
{
    (void)state;
    struct testweb w;
    login_admin(&w);
    struct testhttp r;
    char *path = pvi_asprintf("/operateurs/%lld/sites/%lld/reassigner", martin_id, alpha);
    get(&w, &r, path, 200);
    testhttp_free(&r);
    int seen = site_version(alpha);
    /* someone else saves the site meanwhile (a call logged does not; a reassignment back and
     * forth does) */
    struct pvi_transition_args a = {.operator_id = martin_id};
    assert_int_equal(pvi_site_transition(NULL, bo_db, &sys, alpha, seen, PVI_TR_ASSIGN, &a, NULL),
                     PVI_OK);
    long long audits = testenv_sql_ll("SELECT count(*) FROM audit_events");
    char *form = pvi_asprintf("version=%d&operator_id=%lld", seen, durand_id);
    testweb_post(&w, &r, path, form, 1);
    free(form);
    assert_int_equal(r.status, 409);
    assert_true(testhttp_has(&r, "Ce site a changé"));
    /* the choice kept, the new version in the form */
    char *sel = pvi_asprintf("<option value=\"%lld\" selected", durand_id);
    assert_true(testhttp_has(&r, sel));
    free(sel);
    char *ver = pvi_asprintf("name=\"version\" value=\"%d\"", site_version(alpha));
    assert_true(testhttp_has(&r, ver));
    free(ver);
    testhttp_free(&r);
    assert_int_equal(site_operator(alpha), martin_id);
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM audit_events"), audits);
    /* an operator that does not exist: the field says so, 422, nothing changed */
    form = pvi_asprintf("version=%d&operator_id=999999", site_version(alpha));
    testweb_post(&w, &r, path, form, 1);
    free(form);
    assert_int_equal(r.status, 422);
    assert_true(testhttp_has(&r, "f-operator_id-error"));
    testhttp_free(&r);
    assert_int_equal(site_operator(alpha), martin_id);
    free(path);
}

/* ---- refusals, for every route ---- */

static char *route_paths[8];
static size_t nroute_paths;

static void
fill_route_paths(void)
{
    nroute_paths = 0;
    route_paths[nroute_paths++] = pvi_strdup("/operateurs");
    route_paths[nroute_paths++] = pvi_asprintf("/operateurs/%lld", martin_id);
    route_paths[nroute_paths++] =
        pvi_asprintf("/operateurs/%lld/sites/%lld/reassigner", martin_id, alpha);
    route_paths[nroute_paths++] = pvi_strdup("/chartes");
    route_paths[nroute_paths++] = pvi_asprintf("/chartes/azur/apercu/%lld/", alpha);
    route_paths[nroute_paths++] = pvi_asprintf("/chartes/azur/apercu/%lld", alpha);
}

static void
free_route_paths(void)
{
    for (size_t i = 0; i < nroute_paths; i++)
        free(route_paths[i]);
    nroute_paths = 0;
}

static void
every_route_is_for_admins_only(void **state)
{
    (void)state;
    fill_route_paths();
    char *post = pvi_asprintf("/operateurs/%lld/sites/%lld/reassigner", martin_id, alpha);
    const char *sessions[] = {op_token, client_token};
    for (size_t i = 0; i < nroute_paths; i++) {
        /* anonymous: to the login page, keeping where it was going */
        struct testweb anon;
        testweb_init(&anon, bo.port);
        struct testhttp r;
        get(&anon, &r, route_paths[i], 303);
        char loc[256];
        assert_non_null(testhttp_header(&r, "Location", loc, sizeof loc));
        assert_int_equal(strncmp(loc, "/login", 6), 0);
        testhttp_free(&r);
        /* an operator's and a client's session */
        for (size_t k = 0; k < PVI_COUNT_OF(sessions); k++) {
            struct testweb other;
            testweb_init(&other, bo.port);
            testweb_set_cookie(&other, "__Host-pvi_backoffice_session", sessions[k]);
            get(&other, &r, route_paths[i], 403);
            testhttp_free(&r);
        }
    }
    /* the POST too, and the CSS */
    struct testweb anon;
    testweb_init(&anon, bo.port);
    struct testhttp r;
    testweb_post(&anon, &r, post, "version=1&operator_id=1", 0);
    assert_true(r.status == 303 || r.status == 403);
    testhttp_free(&r);
    for (size_t k = 0; k < PVI_COUNT_OF(sessions); k++) {
        struct testweb other;
        testweb_init(&other, bo.port);
        testweb_set_cookie(&other, "__Host-pvi_backoffice_session", sessions[k]);
        testweb_post(&other, &r, post, "version=1&operator_id=1", 0);
        assert_int_equal(r.status, 403);
        testhttp_free(&r);
        get(&other, &r, "/_charte/azur.00000000.css", 403);
        testhttp_free(&r);
    }
    get(&anon, &r, "/_charte/azur.00000000.css", 303);
    testhttp_free(&r);
    free(post);
    free_route_paths();
    assert_int_equal(site_operator(alpha), martin_id);
}

static void
a_reassignment_needs_this_sessions_token(void **state)
{
    (void)state;
    struct testweb a, b;
    login_admin(&a);
    login_admin(&b);
    char *path = pvi_asprintf("/operateurs/%lld/sites/%lld/reassigner", martin_id, alpha);
    struct testhttp r;
    char *form = pvi_asprintf("version=%d&operator_id=%lld", site_version(alpha), durand_id);
    /* none */
    testweb_post(&a, &r, path, form, 0);
    assert_int_equal(r.status, 403);
    testhttp_free(&r);
    /* another session's */
    get(&b, &r, path, 200);
    testhttp_free(&r);
    char *with_b = pvi_asprintf("csrf=%s&%s", b.csrf, form);
    get(&a, &r, "/operateurs", 200);
    testhttp_free(&r);
    testweb_post(&a, &r, path, with_b, 0);
    assert_int_equal(r.status, 403);
    testhttp_free(&r);
    free(with_b);
    free(form);
    free(path);
    assert_int_equal(site_operator(alpha), martin_id);
}

static void
invalid_input_is_refused_naming_the_field(void **state)
{
    (void)state;
    struct testweb w;
    login_admin(&w);
    struct testhttp r;
    char *path = pvi_asprintf("/operateurs/%lld/sites/%lld/reassigner", martin_id, alpha);
    get(&w, &r, path, 200);
    testhttp_free(&r);
    /* a POST (form) or a GET (form NULL), and the field its 400 names */
    const struct {
        const char *path, *form, *field;
    } bad[] = {
        {path, "version=abc&operator_id=2", "version"},
        {path, "operator_id=2", "version"},
        {path, "version=1&operator_id=x", "operator_id"},
        {path, "version=1", "operator_id"},
        {path, "version=1&operator_id=2&extra=1", "extra"},
        {"/chartes?site=Pas%20un%20slug", NULL, "site"},
        {"/chartes?site=0123", NULL, "site"},
        {"/operateurs/1?after=x", NULL, "after"},
        {"/operateurs?tri=nom", NULL, "tri"},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(bad); i++) {
        if (bad[i].form)
            testweb_post(&w, &r, bad[i].path, bad[i].form, 1);
        else
            testweb_get(&w, &r, bad[i].path);
        if (r.status != 400)
            print_error("%s %s: %d\n", bad[i].path, bad[i].form ? bad[i].form : "", r.status);
        assert_int_equal(r.status, 400);
        char *named = pvi_asprintf("« %s »", bad[i].field);
        assert_true(testhttp_has(&r, named));
        free(named);
        testhttp_free(&r);
    }
    free(path);
    assert_int_equal(site_operator(alpha), martin_id);
}

static void
unknown_ids_are_not_found(void **state)
{
    (void)state;
    struct testweb w;
    login_admin(&w);
    struct testhttp r;
    char *paths[] = {
        pvi_strdup("/operateurs/999999"),
        pvi_asprintf("/operateurs/%lld/sites/999999/reassigner", martin_id),
        /* a site that is not in that operator's queue */
        pvi_asprintf("/operateurs/%lld/sites/%lld/reassigner", martin_id, gamma_site),
        pvi_asprintf("/chartes/inconnue/apercu/%lld/", alpha),
        pvi_strdup("/chartes/azur/apercu/999999/"),
        pvi_strdup("/_charte/azur.00000000.css"),
    };
    for (size_t i = 0; i < PVI_COUNT_OF(paths); i++) {
        get(&w, &r, paths[i], 404);
        testhttp_free(&r);
        free(paths[i]);
    }
    /* a POST on a site that does not exist, or is not in that queue */
    get(&w, &r, "/operateurs", 200);
    testhttp_free(&r);
    char *post = pvi_asprintf("/operateurs/%lld/sites/999999/reassigner", martin_id);
    testweb_post(&w, &r, post, "version=1&operator_id=1", 1);
    assert_int_equal(r.status, 404);
    testhttp_free(&r);
    free(post);
    post = pvi_asprintf("/operateurs/%lld/sites/%lld/reassigner", martin_id, gamma_site);
    char *form = pvi_asprintf("version=%d&operator_id=%lld", site_version(gamma_site), martin_id);
    testweb_post(&w, &r, post, form, 1);
    assert_int_equal(r.status, 404);
    testhttp_free(&r);
    free(form);
    free(post);
    assert_int_equal(site_operator(gamma_site), durand_id);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_operators_page_shows_each_operators_figures),
        cmocka_unit_test(an_operators_queue_lists_their_sites_and_call_backs),
        cmocka_unit_test(a_reassignment_moves_the_site_and_is_audited),
        cmocka_unit_test(a_stale_reassignment_shows_what_changed_and_changes_nothing),
        cmocka_unit_test(every_route_is_for_admins_only),
        cmocka_unit_test(a_reassignment_needs_this_sessions_token),
        cmocka_unit_test(invalid_input_is_refused_naming_the_field),
        cmocka_unit_test(unknown_ids_are_not_found),
    };
    return cmocka_run_group_tests(tests, bo_fixture_setup, bo_fixture_teardown);
}
