/* test_bo_site.c — the back office's site page, served in this process and
 * read through a cookie jar as an admin would: the content as the public
 * reads it, the publication status (routes written by the real publisher,
 * then changed behind its back), the revisions and their diff, the
 * provenance, the call log and the audit trail by pages. The decisions are
 * test_bo_site_decisions.c's. */
#include "bo_site_env.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_route.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The paths and queries below are formats given as literals to helpers that
 * fill in a site id. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* ---- the page ---- */

static void
the_page_shows_the_content_as_the_public_reads_it_and_its_history(void **state)
{
    (void)state;
    long long id = make_site(ONLINE, NULL);
    assert_int_equal(pvi_call_log_add(NULL, db, &bo_op, id, PVI_CALL_REACHED, 0,
                                      "Gérante jointe, horaires confirmés", NULL),
                     PVI_OK);
    struct testweb w;
    login(&w, ADMIN_A);
    struct testhttp r;
    get(&w, &r, "/sites/%lld", id);
    expect_status(&r, 200);
    /* content, human-readable */
    testhttp_expect_has(&r, "<h1>Au Fournil de la Place</h1>");
    testhttp_expect_has(&r, "Boulangerie-pâtisserie");
    testhttp_expect_has(&r, "Fixe" NBSP ": 02 99 79 12 34");
    testhttp_expect_has(&r, "Mardi" NBSP ": 07:00–13:30, 15:30–19:30");
    testhttp_expect_has(&r, "Lundi" NBSP ": fermé");
    testhttp_expect_has(&r, "Du 10/08/2026 au 30/08/2026 (Congés d");
    testhttp_expect_has(&r, "Baguette de tradition" NBSP ": 1,30" NBSP "€");
    testhttp_expect_has(&r, "Pièce montée" NBSP ": sur devis");
    testhttp_expect_has(&r, "Carte bancaire");
    testhttp_expect_has(&r, "Breton");
    testhttp_expect_has(&r, "https://www.instagram.com/fournil_de_la_place/");
    testhttp_expect_has(&r, "35000 Rennes");
    /* the live site: the slug host and the domain */
    char buf[160];
    snprintf(buf, sizeof buf, "href=\"http://bo-site-%d.pvi.localhost/\"", serial);
    testhttp_expect_has(&r, buf);
    snprintf(buf, sizeof buf, "href=\"http://www.bo-site-%d.test/\"", serial);
    testhttp_expect_has(&r, buf);
    snprintf(buf, sizeof buf, "href=\"/sites/%lld/modifier\"", id);
    testhttp_expect_has(&r, buf);
    /* the publication: what Redis serves matches the published revision */
    testhttp_expect_has(&r, "Redis sert exactement ce que la base de données prévoit.");
    testhttp_expect_has(&r, "Appliquée");
    /* revisions, provenance, call log, audit */
    testhttp_expect_has(&r, "Révisions, de la plus récente à la plus ancienne");
    testhttp_expect_has(&r, "op.site (Opérateur)");
    testhttp_expect_has(&r, "Publiée et de travail");
    testhttp_expect_has(&r, "Qui a modifié ou confirmé chaque champ en dernier");
    testhttp_expect_has(&r, "<td>Modifié</td>");
    testhttp_expect_has(&r, "Gérante jointe, horaires confirmés");
    testhttp_expect_has(&r, "<td>Joint</td>");
    testhttp_expect_has(&r, "site.approve");
    testhttp_expect_has(&r, "call.log");
    /* the decisions of an online site: suspend, close; the others refused with their reason */
    snprintf(buf, sizeof buf, "action=\"/sites/%lld/suspendre\"", id);
    testhttp_expect_has(&r, buf);
    snprintf(buf, sizeof buf, "href=\"/sites/%lld/fermer\"", id);
    testhttp_expect_has(&r, buf);
    testhttp_expect_has(&r, "Remettre en ligne" NBSP ": Seul un site suspendu peut être remis en ligne.");
    assert_false(testhttp_has(&r, "/approuver\""));
    testhttp_free(&r);
}

static void
set_route(const char *host, const char *value)
{
    redisReply *r = redisCommand(pvi_redis_ctx(redis), "SET pvi:h:%s %s", host, value);
    assert_non_null(r);
    freeReplyObject(r);
}

static void
a_route_changed_behind_the_publishers_back_shows_as_a_mismatch(void **state)
{
    (void)state;
    long long id = make_site(ONLINE, NULL);
    int rev = (int)sql_ll("SELECT r.number FROM sites s JOIN site_revisions r"
                          " ON r.id = s.published_revision_id WHERE s.id = %lld",
                          id);
    char host[64], doc[PVI_STORE_PATH_MAX], value[128];
    snprintf(host, sizeof host, "www.bo-site-%d.test", serial);
    struct pvi_route wrong = {.site_id = id, .revision = rev + 3, .state = 's'};
    pvi_store_document_path(wrong.path, id, rev + 3);
    pvi_route_format(value, &wrong);
    set_route(host, value);
    pvi_store_document_path(doc, id, rev + 3);

    struct testweb w;
    login(&w, ADMIN_A);
    struct testhttp r;
    get(&w, &r, "/sites/%lld", id);
    expect_status(&r, 200);
    testhttp_expect_has(&r, "Écart" NBSP ": Redis ne sert pas ce que la base de données prévoit");
    char want[96];
    snprintf(want, sizeof want, "Révision %d, suspendue", rev + 3);
    testhttp_expect_has(&r, want);
    testhttp_expect_has(&r, doc);
    testhttp_expect_has(&r, "<td>Écart</td>");
    testhttp_expect_has(&r, "<td>Conforme</td>"); /* the slug host still serves the right revision */
    testhttp_free(&r);
}

static void
the_audit_trail_pages_by_keyset(void **state)
{
    (void)state;
    long long id = make_site(ORDERED, NULL);
    char note[48];
    for (int i = 1; i <= 23; i++) {
        snprintf(note, sizeof note, "Appel numéro %02d", i);
        assert_int_equal(pvi_call_log_add(NULL, db, &bo_op, id, PVI_CALL_NO_ANSWER, 0, note, NULL),
                         PVI_OK);
    }
    long long last = sql_ll("SELECT max(id) FROM audit_events WHERE site_id = %lld", id);
    struct testweb w;
    login(&w, ADMIN_A);
    struct testhttp r;
    get(&w, &r, "/sites/%lld", id);
    expect_status(&r, 200);
    testhttp_expect_has(&r, "20 événements affichés");
    /* the 20 newest: the 21st newest event starts the next page */
    char next[96];
    snprintf(next, sizeof next, "/sites/%lld?audit_before=%lld", id,
             sql_ll("SELECT min(id) FROM (SELECT id FROM audit_events WHERE site_id = %lld"
                    " ORDER BY id DESC LIMIT 20) e",
                    id));
    testhttp_expect_has(&r, next);
    testhttp_free(&r);
    testweb_get(&w, &r, next);
    expect_status(&r, 200);
    testhttp_expect_has(&r, "4 événements affichés"); /* 3 calls and the creation */
    testhttp_expect_has(&r, "site.create");
    assert_false(testhttp_has(&r, "audit_before=")); /* no older page */
    testhttp_free(&r);
    (void)last;
}

static void
the_diff_shows_two_revisions_side_by_side(void **state)
{
    (void)state;
    long long id = make_site(REVIEW, &bo_admin_a); /* revisions 2 (operator) and 3 (admin) */
    struct testweb w;
    login(&w, ADMIN_A);
    struct testhttp r;
    get(&w, &r, "/sites/%lld/revisions?a=2&b=3", id);
    expect_status(&r, 200);
    testhttp_expect_has(&r, "Champs qui diffèrent de la révision 2 à la révision 3");
    testhttp_expect_has(&r, "<th scope=\"row\" class=\"diff-field\">Accroche</th>");
    testhttp_expect_has(&r, "Pains au levain et pâtisseries maison, place Sainte-Anne depuis 1987</td>");
    testhttp_expect_has(&r, "Pains au levain, depuis 1987</td>");
    assert_false(testhttp_has(&r, ">Horaires</th>")); /* unchanged fields are not listed */
    testhttp_free(&r);
    /* the default: the working revision against the one before it (never published) */
    get(&w, &r, "/sites/%lld/revisions", id);
    expect_status(&r, 200);
    testhttp_expect_has(&r, "Champs qui diffèrent de la révision 2 à la révision 3");
    testhttp_free(&r);
    /* the same revision twice */
    get(&w, &r, "/sites/%lld/revisions?a=3&b=3", id);
    expect_status(&r, 200);
    testhttp_expect_has(&r, "Les révisions 3 et 3 ont le même contenu.");
    testhttp_free(&r);
    /* a revision the site does not have */
    get(&w, &r, "/sites/%lld/revisions?a=1&b=99", id);
    expect_status(&r, 404);
    testhttp_free(&r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_page_shows_the_content_as_the_public_reads_it_and_its_history),
        cmocka_unit_test(a_route_changed_behind_the_publishers_back_shows_as_a_mismatch),
        cmocka_unit_test(the_audit_trail_pages_by_keyset),
        cmocka_unit_test(the_diff_shows_two_revisions_side_by_side),
    };
    return cmocka_run_group_tests_name("bo_site", tests, bo_site_setup, bo_site_teardown);
}
