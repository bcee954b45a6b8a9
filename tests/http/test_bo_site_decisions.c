/* test_bo_site_decisions.c — the decisions of the back office's site page,
 * each through its form as an admin would (assign, approve, reject,
 * suspend, resume, close after its confirmation page, restore an old
 * revision): an admin's own revision cannot be approved and the page says
 * why; a reason left empty comes back on its field; a stale version gives
 * 409 with the current state and the input kept; every route of the site
 * pages refuses anonymous users, other roles, forms without this session's
 * token, invalid input and unknown ids. */
#include "bo_site_env.h"

#include "operator_fo.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The paths and queries below are formats given as literals to helpers that
 * fill in a site id. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* ---- decisions ---- */

static void
approving_ones_own_revision_is_refused_with_the_reason_shown(void **state)
{
    (void)state;
    long long id = make_site(REVIEW, &bo_admin_a);
    int v = version_of(id);
    struct testweb a;
    login(&a, ADMIN_A);
    struct testhttp r;
    get(&a, &r, "/sites/%lld", id);
    expect_status(&r, 200);
    testhttp_expect_has(&r, "Approuver et publier" NBSP ":");
    testhttp_expect_has(&r, "Vous ne pouvez pas approuver");
    assert_false(testhttp_has(&r, "id=\"site-approuver\""));
    testhttp_free(&r);
    /* sent anyway: refused, said, nothing changed */
    char form[64];
    snprintf(form, sizeof form, "version=%d", v);
    post(&a, &r, id, "/sites/%lld", "/sites/%lld/approuver", form);
    expect_status(&r, 403);
    testhttp_expect_has(&r, "Vous ne pouvez pas approuver");
    testhttp_free(&r);
    expect_state(id, "review");
    assert_int_equal(version_of(id), v);

    /* another admin approves it through the page's form */
    struct testweb b;
    login(&b, ADMIN_B);
    get(&b, &r, "/sites/%lld", id);
    testhttp_expect_has(&r, "id=\"site-approuver\"");
    testhttp_free(&r);
    post(&b, &r, id, "/sites/%lld", "/sites/%lld/approuver", form);
    expect_redirect_to_site(&r, id);
    testhttp_free(&r);
    get(&b, &r, "/sites/%lld", id);
    testhttp_expect_has(&r, "Le site est approuvé" NBSP ": sa publication est en cours.");
    testhttp_free(&r);
    expect_state(id, "online");
    assert_int_equal(sql_ll("SELECT count(*) FROM audit_events WHERE site_id = %lld"
                            " AND action = 'site.approve' AND actor_label = '" ADMIN_B "'",
                            id),
                     1);
}

static void
each_decision_goes_through_its_form(void **state)
{
    (void)state;
    struct testweb w;
    login(&w, ADMIN_A);
    struct testhttp r;
    char form[256];

    /* assign */
    long long id = make_site(ORDERED, NULL);
    get(&w, &r, "/sites/%lld", id);
    testhttp_expect_has(&r, "id=\"site-assigner\"");
    testhttp_expect_has(&r, "Claire Martin (op.site)");
    testhttp_free(&r);
    snprintf(form, sizeof form, "version=%d&operator_id=%lld", version_of(id), op_id);
    post(&w, &r, id, "/sites/%lld", "/sites/%lld/assigner", form);
    expect_redirect_to_site(&r, id);
    testhttp_free(&r);
    expect_state(id, "collecting");
    assert_int_equal(sql_ll("SELECT operator_id FROM sites WHERE id = %lld", id), op_id);
    get(&w, &r, "/sites/%lld", id);
    testhttp_expect_has(&r, "Le site est affecté à l");
    testhttp_free(&r);

    /* reject with a reason */
    id = make_site(REVIEW, NULL);
    snprintf(form, sizeof form, "version=%d&reason=Photos+floues", version_of(id));
    post(&w, &r, id, "/sites/%lld", "/sites/%lld/rejeter", form);
    expect_redirect_to_site(&r, id);
    testhttp_free(&r);
    expect_state(id, "collecting");
    char *reason = sql_text("SELECT state_reason FROM sites WHERE id = %lld", id);
    assert_string_equal(reason, "Photos floues");
    free(reason);

    /* suspend, then resume */
    id = make_site(ONLINE, NULL);
    snprintf(form, sizeof form, "version=%d&reason=Impay%%C3%%A9", version_of(id));
    post(&w, &r, id, "/sites/%lld", "/sites/%lld/suspendre", form);
    expect_redirect_to_site(&r, id);
    testhttp_free(&r);
    expect_state(id, "suspended");
    get(&w, &r, "/sites/%lld", id);
    testhttp_expect_has(&r, "Le site est suspendu.");
    testhttp_expect_has(&r, "id=\"site-reprendre\"");
    testhttp_free(&r);
    snprintf(form, sizeof form, "version=%d&reason=R%%C3%%A9gl%%C3%%A9", version_of(id));
    post(&w, &r, id, "/sites/%lld", "/sites/%lld/reprendre", form);
    expect_redirect_to_site(&r, id);
    testhttp_free(&r);
    expect_state(id, "online");

    /* close: the confirmation page says what will happen, then the form */
    get(&w, &r, "/sites/%lld/fermer", id);
    expect_status(&r, 200);
    testhttp_expect_has(&r, "<h1>Fermer le site — Au Fournil de la Place</h1>");
    testhttp_expect_has(&r, "La fermeture est définitive.");
    testhttp_expect_has(&r, "le site est retiré de la publication");
    char domain[64];
    snprintf(domain, sizeof domain, "www.bo-site-%d.test", serial);
    testhttp_expect_has(&r, domain);
    testhttp_expect_has(&r, "aucune demande de modification n");
    testhttp_expect_has(&r, "id=\"site-fermer\"");
    testhttp_free(&r);
    snprintf(form, sizeof form, "version=%d&reason=", version_of(id));
    post(&w, &r, id, "/sites/%lld/fermer", "/sites/%lld/fermer", form);
    expect_redirect_to_site(&r, id);
    testhttp_free(&r);
    expect_state(id, "closed");
    assert_int_equal(sql_ll("SELECT count(*) FROM domains WHERE site_id = %lld", id), 0);
    assert_int_equal(sql_ll("SELECT count(*) FROM publication_jobs WHERE site_id = %lld"
                            " AND kind = 'unpublish'",
                            id),
                     1);
    /* closed: nothing more to decide, and the confirmation page says so */
    get(&w, &r, "/sites/%lld/fermer", id);
    testhttp_expect_has(&r, "Le site est déjà fermé.");
    assert_false(testhttp_has(&r, "id=\"site-fermer\""));
    testhttp_free(&r);
}

static void
a_missing_reason_comes_back_on_its_field_with_nothing_changed(void **state)
{
    (void)state;
    long long id = make_site(REVIEW, NULL);
    int v = version_of(id);
    struct testweb w;
    login(&w, ADMIN_A);
    struct testhttp r;
    char form[64];
    snprintf(form, sizeof form, "version=%d&reason=+++", v);
    post(&w, &r, id, "/sites/%lld", "/sites/%lld/rejeter", form);
    expect_status(&r, 422);
    testhttp_expect_has(&r, "id=\"f-reason-error\"");
    testhttp_expect_has(&r, "href=\"#f-reason\"");
    testhttp_expect_has(&r, "Un motif est obligatoire");
    testhttp_free(&r);
    expect_state(id, "review");
    assert_int_equal(version_of(id), v);
}

static void
a_stale_version_gives_409_with_the_current_state_and_the_input_kept(void **state)
{
    (void)state;
    long long id = make_site(REVIEW, NULL);
    int stale = version_of(id);
    struct testweb w;
    login(&w, ADMIN_A);
    struct testhttp r;
    struct testhttp g;
    get(&w, &g, "/sites/%lld", id); /* the admin opens the page… */
    testhttp_free(&g);
    /* …meanwhile someone reassigns the site's operator note: the version moves */
    free(testenv_sql("UPDATE sites SET version = version + 1"));
    char form[128];
    snprintf(form, sizeof form, "version=%d&reason=Adresse+%%C3%%A0+v%%C3%%A9rifier", stale);
    char path[64];
    snprintf(path, sizeof path, "/sites/%lld/rejeter", id);
    testweb_post(&w, &r, path, form, 1);
    expect_status(&r, 409);
    testhttp_expect_has(&r, "Le site a été modifié depuis que vous avez ouvert la page");
    testhttp_expect_has(&r, "Adresse à vérifier</textarea>");
    testhttp_expect_has(&r, "En attente de validation"); /* its current state */
    char ver[64];
    snprintf(ver, sizeof ver, "name=\"version\" value=\"%d\"", stale + 1);
    testhttp_expect_has(&r, ver); /* the form again, on the current version */
    testhttp_free(&r);
    expect_state(id, "review");

    /* the same for a restoration: the note is kept */
    snprintf(form, sizeof form, "version=%d&revision=1&note=Retour+%%C3%%A0+la+commande", stale);
    snprintf(path, sizeof path, "/sites/%lld/restaurer", id);
    testweb_post(&w, &r, path, form, 1);
    expect_status(&r, 409);
    testhttp_expect_has(&r, "Retour à la commande</textarea>");
    testhttp_free(&r);
}

static void
an_old_revision_is_restored_as_a_new_one_after_its_confirmation_page(void **state)
{
    (void)state;
    long long id = make_site(REVIEW, &bo_admin_a);
    /* review cannot be edited: send it back first */
    int v = version_of(id);
    struct pvi_transition_args back = {.reason = "À reprendre"};
    assert_int_equal(pvi_site_transition(&v, db, &bo_sys, id, v, PVI_TR_REJECT, &back, NULL),
                     PVI_OK);
    long long revisions = sql_ll("SELECT count(*) FROM site_revisions WHERE site_id = %lld", id);
    struct testweb w;
    login(&w, ADMIN_A);
    struct testhttp r;
    get(&w, &r, "/sites/%lld/restaurer?revision=2", id);
    expect_status(&r, 200);
    testhttp_expect_has(&r, "<h1>Restaurer la révision 2</h1>");
    testhttp_expect_has(&r, "Pains au levain, depuis 1987</td>"); /* the tagline changes back */
    testhttp_expect_has(&r, "id=\"site-restaurer\"");
    testhttp_free(&r);
    char form[96];
    snprintf(form, sizeof form, "version=%d&revision=2&note=Accroche+d%%27origine", v);
    post(&w, &r, id, "/sites/%lld/restaurer?revision=2", "/sites/%lld/restaurer", form);
    expect_redirect_to_site(&r, id);
    testhttp_free(&r);
    assert_int_equal(sql_ll("SELECT count(*) FROM site_revisions WHERE site_id = %lld", id),
                     revisions + 1);
    char *tagline = sql_text("SELECT r.content ->> 'tagline' FROM sites s JOIN site_revisions r"
                             " ON r.id = s.draft_revision_id WHERE s.id = %lld",
                             id);
    assert_string_equal(tagline,
                        "Pains au levain et pâtisseries maison, place Sainte-Anne depuis 1987");
    free(tagline);
    get(&w, &r, "/sites/%lld", id);
    testhttp_expect_has(&r, "La révision est restaurée en une nouvelle révision.");
    testhttp_free(&r);
    /* a revision the site does not have */
    get(&w, &r, "/sites/%lld/restaurer?revision=99", id);
    expect_status(&r, 404);
    testhttp_free(&r);
}

/* ---- refusals ---- */

static const struct route {
    const char *method;
    const char *path; /* %lld: the site */
    const char *form; /* a valid body (version filled in at %d) */
} routes[] = {
    {"GET", "/sites/%lld", NULL},
    {"GET", "/sites/%lld/revisions", NULL},
    {"GET", "/sites/%lld/fermer", NULL},
    {"GET", "/sites/%lld/restaurer?revision=1", NULL},
    {"POST", "/sites/%lld/assigner", "version=%d&operator_id=1"},
    {"POST", "/sites/%lld/approuver", "version=%d"},
    {"POST", "/sites/%lld/rejeter", "version=%d&reason=x"},
    {"POST", "/sites/%lld/suspendre", "version=%d&reason=x"},
    {"POST", "/sites/%lld/reprendre", "version=%d&reason=x"},
    {"POST", "/sites/%lld/fermer", "version=%d&reason=x"},
    {"POST", "/sites/%lld/restaurer", "version=%d&revision=1"},
};

static void
send(struct testweb *w, struct testhttp *r, const struct route *rt, long long id, int with_csrf)
{
    char *path = pvi_asprintf(rt->path, id);
    if (strcmp(rt->method, "GET") == 0) {
        testweb_get(w, r, path);
    } else {
        char *form = pvi_asprintf(rt->form, version_of(id > 0 ? id : 1));
        testweb_post(w, r, path, form, with_csrf);
        free(form);
    }
    free(path);
}

/* A session of another office's role, presented to the back office. */
static void
jar_with_token(struct testweb *w, const char *token)
{
    testweb_init(w, bo.port);
    testweb_set_cookie(w, "__Host-pvi_backoffice_session", token);
}

static void
every_route_refuses_anonymous_users_other_roles_and_forged_forms(void **state)
{
    (void)state;
    long long id = make_site(REVIEW, NULL);
    /* an operator (directory login through operator-fo) and a client session */
    struct testoffice ofo;
    testenv_office_start(&ofo, "operator-fo", PVI_NEEDS_DB | PVI_NEEDS_LDAP, &operator_fo_office,
                         NULL);
    struct testweb ow;
    testweb_init(&ow, ofo.port);
    struct testhttp r;
    testweb_get(&ow, &r, "/login");
    testhttp_free(&r);
    testweb_post(&ow, &r, "/login", "uid=op.martin&password=demo-op.martin", 1);
    expect_status(&r, 303);
    testhttp_free(&r);
    char op_token[128];
    snprintf(op_token, sizeof op_token, "%s", testweb_cookie(&ow, "_session"));
    testenv_office_stop(&ofo);
    struct pvi_session *cs = NULL;
    assert_int_equal(pvi_login_client(&cs, db, CLIENT_NUMBER, CLIENT_PASSWORD, "127.0.0.1", NULL),
                     PVI_OK);

    struct testweb a, b;
    login(&a, ADMIN_A);
    login(&b, ADMIN_B);
    for (size_t i = 0; i < PVI_COUNT_OF(routes); i++) {
        const struct route *rt = &routes[i];
        /* anonymous: to the login page */
        struct testweb anon;
        testweb_init(&anon, bo.port);
        struct testhttp g;
        testweb_get(&anon, &g, "/login"); /* a token of its own, so that only the session lacks */
        testhttp_free(&g);
        send(&anon, &r, rt, id, 1);
        expect_status(&r, 303);
        char loc[256];
        assert_non_null(testhttp_header(&r, "Location", loc, sizeof loc));
        assert_true(strncmp(loc, "/login", 6) == 0);
        testhttp_free(&r);
        /* other roles: 403 */
        const char *tokens[] = {op_token, cs->token};
        for (size_t k = 0; k < 2; k++) {
            struct testweb o;
            jar_with_token(&o, tokens[k]);
            send(&o, &r, rt, id, 0);
            if (r.status != 403)
                print_error("%s %s as %s: %d\n", rt->method, rt->path, k ? "client" : "operator",
                            r.status);
            expect_status(&r, 403);
            testhttp_free(&r);
        }
        /* an unknown site: 404 */
        testweb_get(&a, &g, "/sites/1/revisions");
        testhttp_free(&g);
        send(&a, &r, rt, 999999, 1);
        if (r.status != 404)
            print_error("%s %s unknown: %d\n", rt->method, rt->path, r.status);
        expect_status(&r, 404);
        testhttp_free(&r);
        if (strcmp(rt->method, "POST") != 0)
            continue;
        /* without a token, with another session's token: 403, nothing changed */
        int v = version_of(id);
        send(&a, &r, rt, id, 0);
        expect_status(&r, 403);
        testhttp_free(&r);
        testweb_get(&b, &g, "/");
        testhttp_free(&g);
        snprintf(a.csrf, sizeof a.csrf, "%s", b.csrf);
        send(&a, &r, rt, id, 1);
        expect_status(&r, 403);
        testhttp_free(&r);
        assert_int_equal(version_of(id), v);
        /* invalid input: 400 naming the field */
        testweb_get(&a, &g, "/");
        testhttp_free(&g);
        char *path = pvi_asprintf(rt->path, id);
        char *form =
            pvi_asprintf("version=abc%s", strchr(rt->form, '&') ? strchr(rt->form, '&') : "");
        testweb_post(&a, &r, path, form, 1);
        expect_status(&r, 400);
        testhttp_expect_has(&r, "« version »");
        testhttp_free(&r);
        free(form);
        free(path);
        assert_int_equal(version_of(id), v);
    }
    /* invalid query input of the pages */
    struct testhttp g;
    get(&a, &g, "/sites/%lld?audit_before=abc", id);
    expect_status(&g, 400);
    testhttp_expect_has(&g, "« audit_before »");
    testhttp_free(&g);
    get(&a, &g, "/sites/%lld/revisions?a=deux", id);
    expect_status(&g, 400);
    testhttp_expect_has(&g, "« a »");
    testhttp_free(&g);
    get(&a, &g, "/sites/%lld/restaurer", id);
    expect_status(&g, 400);
    testhttp_expect_has(&g, "« revision »");
    testhttp_free(&g);
    get(&a, &g, "/sites/%lld/assigner", id);
    expect_status(&g, 405);
    testhttp_free(&g);
    pvi_session_free(cs);
    free(testenv_sql("DELETE FROM login_failures"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(approving_ones_own_revision_is_refused_with_the_reason_shown),
        cmocka_unit_test(each_decision_goes_through_its_form),
        cmocka_unit_test(a_missing_reason_comes_back_on_its_field_with_nothing_changed),
        cmocka_unit_test(a_stale_version_gives_409_with_the_current_state_and_the_input_kept),
        cmocka_unit_test(an_old_revision_is_restored_as_a_new_one_after_its_confirmation_page),
        cmocka_unit_test(every_route_refuses_anonymous_users_other_roles_and_forged_forms),
    };
    return cmocka_run_group_tests_name("bo_site_decisions", tests, bo_site_setup, bo_site_teardown);
}
