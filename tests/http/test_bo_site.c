/* test_bo_site.c — the back office's site page and its decisions, served
 * in this process and used through a cookie jar as an admin would: the
 * page shows the content as the public reads it, the publication status
 * (routes written by the real publisher, then changed behind its back), the
 * revisions and their diff, the provenance, the call log and the audit
 * trail by pages; each decision goes through its form (assign, approve,
 * reject, suspend, resume, close after its confirmation page, restore); an
 * admin's own revision cannot be approved and the page says why; a reason
 * left empty comes back on its field; a stale version gives 409 with the
 * input kept; every route refuses anonymous users, other roles, forms
 * without this session's token, invalid input and unknown ids. */
#include "testenv.h"

#include "backoffice.h"
#include "operator_fo.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_publish.h"
#include "pvi/pvi_route.h"
#include "pvi/pvi_seed.h"
#include "pvi/pvi_service.h"
#include "pvi/pvi_site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The paths and queries below are formats given as literals to helpers that
 * fill in a site id. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

#define NBSP "\xc2\xa0"
#define ADMIN_A "chef@pvi.test"
#define ADMIN_B "adjointe@pvi.test"
#define PASSWORD "chef-password-2026"
#define CLIENT_NUMBER "PJ40000001"
#define CLIENT_PASSWORD "client-password-2026"

static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "test_bo_site"};
static struct pvi_actor admin_a = {.role = PVI_ROLE_ADMIN, .label = ADMIN_A};
static struct pvi_actor op;
static struct pvi_db *db;
static struct pvi_redis *redis;
static struct pvi_publisher pub;
static long long client_id, op_id;
static int serial;
static struct testoffice bo;

static int
has(const struct testhttp *r, const char *s)
{
    return r->body && strstr(r->body, s) != NULL;
}

static void
expect_has(const struct testhttp *r, const char *s)
{
    if (!has(r, s))
        print_error("the page (%d) lacks \"%s\"\n%s\n", r->status, s, r->body ? r->body : "");
    assert_true(has(r, s));
}

static void
expect_status(const struct testhttp *r, int status)
{
    if (r->status != status)
        print_error("status %d, want %d\n%s\n", r->status, status, r->body ? r->body : "");
    assert_int_equal(r->status, status);
}

static char *
sql_text(const char *fmt, long long id)
{
    char *q = pvi_asprintf(fmt, id);
    char *v = testenv_sql(q);
    free(q);
    return v;
}

static long long
sql_ll(const char *fmt, long long id)
{
    char *q = pvi_asprintf(fmt, id);
    long long v = testenv_sql_ll(q);
    free(q);
    return v;
}

static void
expect_state(long long id, const char *state)
{
    char *s = sql_text("SELECT state FROM sites WHERE id = %lld", id);
    assert_string_equal(s, state);
    free(s);
}

static int
version_of(long long id)
{
    return (int)sql_ll("SELECT version FROM sites WHERE id = %lld", id);
}

/* ---- fixtures, through libpvi ---- */

enum target { ORDERED, REVIEW, ONLINE };

/* A site of the demo's content under its own slug and domain, taken to
 * target; the last draft before review is written by editor (NULL: the
 * operator). Online sites are published by the real publisher. */
static long long
make_site(enum target target, const struct pvi_actor *editor)
{
    char slug[32], domain[64];
    snprintf(slug, sizeof slug, "bo-site-%d", ++serial);
    snprintf(domain, sizeof domain, "www.bo-site-%d.test", serial);
    long long id = 0;
    struct pvi_site_new in = {.client_id = client_id, .slug = slug};
    assert_int_equal(pvi_site_create(&id, db, &sys, &in, NULL), PVI_OK);
    if (target == ORDERED)
        return id;
    int v = 1;
    struct pvi_transition_args assign = {.operator_id = op_id};
    assert_int_equal(pvi_site_transition(&v, db, &sys, id, v, PVI_TR_ASSIGN, &assign, NULL),
                     PVI_OK);
    json_t *c = pvi_seed_demo_content();
    json_object_set_new(c, "domains", json_pack("[s]", domain));
    struct pvi_edit_result res;
    assert_int_equal(pvi_site_edit(&res, db, &op, id, v, c, NULL, NULL), PVI_OK);
    v = res.version;
    if (editor) {
        json_object_set_new(c, "tagline", json_string("Pains au levain, depuis 1987"));
        assert_int_equal(pvi_site_edit(&res, db, editor, id, v, c, NULL, NULL), PVI_OK);
        v = res.version;
    }
    json_decref(c);
    assert_int_equal(pvi_site_transition(&v, db, &op, id, v, PVI_TR_SUBMIT, NULL, NULL), PVI_OK);
    if (target == ONLINE) {
        assert_int_equal(pvi_site_transition(&v, db, &sys, id, v, PVI_TR_APPROVE, NULL, NULL),
                         PVI_OK);
        assert_int_equal(pvi_publish_run(NULL, NULL, &pub, 100), PVI_OK);
    }
    return id;
}

static int
setup(void **state)
{
    (void)state;
    db = testenv_db_open();
    testenv_db_reset(db);
    assert_int_equal(pvi_admin_create(&admin_a.id, db, &sys, ADMIN_A, "Chef", PASSWORD, NULL),
                     PVI_OK);
    long long b = 0;
    assert_int_equal(pvi_admin_create(&b, db, &sys, ADMIN_B, "Adjointe", PASSWORD, NULL), PVI_OK);
    op_id = testenv_sql_ll("INSERT INTO operators (ldap_uid, ldap_dn, display_name) VALUES"
                           " ('op.site', 'uid=op.site', 'Claire Martin') RETURNING id");
    op = (struct pvi_actor){.role = PVI_ROLE_OPERATOR, .id = op_id, .label = "op.site"};
    struct pvi_client_new c = {.customer_number = CLIENT_NUMBER,
                               .company_name = "SAS Au Fournil",
                               .siret = "73282932000074",
                               .email = "gerant@fournil.test",
                               .phone = "02 99 12 34 56",
                               .password = CLIENT_PASSWORD};
    assert_int_equal(pvi_client_create(&client_id, db, &sys, &c, NULL), PVI_OK);
    testenv_publisher_open(&pub, db, "pvi.localhost");
    redis = pub.redis;
    testenv_office_start(&bo, "backoffice", PVI_NEEDS_DB | PVI_NEEDS_REDIS, &backoffice_office,
                         NULL);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    testenv_office_stop(&bo);
    testenv_publisher_close(&pub);
    pvi_db_close(db);
    return 0;
}

static void
login(struct testweb *w, const char *email)
{
    testweb_init(w, bo.port);
    struct testhttp r;
    testweb_get(w, &r, "/login");
    testhttp_free(&r);
    char *form = pvi_asprintf("email=%s&password=%s", email, PASSWORD);
    testweb_post(w, &r, "/login", form, 1);
    free(form);
    expect_status(&r, 303);
    testhttp_free(&r);
    free(testenv_sql("DELETE FROM login_failures"));
}

static void
get(struct testweb *w, struct testhttp *r, const char *fmt, long long id)
{
    char *path = pvi_asprintf(fmt, id);
    testweb_get(w, r, path);
    free(path);
}

/* GET page (for its token), then POST form to path. */
static void
post(struct testweb *w, struct testhttp *r, long long id, const char *page, const char *path,
     const char *form)
{
    struct testhttp g;
    get(w, &g, page, id);
    expect_status(&g, 200);
    testhttp_free(&g);
    char *p = pvi_asprintf(path, id);
    testweb_post(w, r, p, form, 1);
    free(p);
}

static void
expect_redirect_to_site(const struct testhttp *r, long long id)
{
    expect_status(r, 303);
    char buf[128], want[64];
    snprintf(want, sizeof want, "/sites/%lld", id);
    assert_string_equal(testhttp_header(r, "Location", buf, sizeof buf), want);
}

/* ---- the page ---- */

static void
the_page_shows_the_content_as_the_public_reads_it_and_its_history(void **state)
{
    (void)state;
    long long id = make_site(ONLINE, NULL);
    assert_int_equal(pvi_call_log_add(NULL, db, &op, id, PVI_CALL_REACHED, 0,
                                      "Gérante jointe, horaires confirmés", NULL),
                     PVI_OK);
    struct testweb w;
    login(&w, ADMIN_A);
    struct testhttp r;
    get(&w, &r, "/sites/%lld", id);
    expect_status(&r, 200);
    /* content, human-readable */
    expect_has(&r, "<h1>Au Fournil de la Place</h1>");
    expect_has(&r, "Boulangerie-pâtisserie");
    expect_has(&r, "Fixe" NBSP ": 02 99 79 12 34");
    expect_has(&r, "Mardi" NBSP ": 07:00–13:30, 15:30–19:30");
    expect_has(&r, "Lundi" NBSP ": fermé");
    expect_has(&r, "Du 10/08/2026 au 30/08/2026 (Congés d");
    expect_has(&r, "Baguette de tradition" NBSP ": 1,30" NBSP "€");
    expect_has(&r, "Pièce montée" NBSP ": sur devis");
    expect_has(&r, "Carte bancaire");
    expect_has(&r, "Breton");
    expect_has(&r, "https://www.instagram.com/fournil_de_la_place/");
    expect_has(&r, "35000 Rennes");
    /* the live site: the slug host and the domain */
    char buf[160];
    snprintf(buf, sizeof buf, "href=\"http://bo-site-%d.pvi.localhost/\"", serial);
    expect_has(&r, buf);
    snprintf(buf, sizeof buf, "href=\"http://www.bo-site-%d.test/\"", serial);
    expect_has(&r, buf);
    snprintf(buf, sizeof buf, "href=\"/sites/%lld/modifier\"", id);
    expect_has(&r, buf);
    /* the publication: what Redis serves matches the published revision */
    expect_has(&r, "Redis sert exactement ce que la base de données prévoit.");
    expect_has(&r, "Appliquée");
    /* revisions, provenance, call log, audit */
    expect_has(&r, "Révisions, de la plus récente à la plus ancienne");
    expect_has(&r, "op.site (Opérateur)");
    expect_has(&r, "Publiée et de travail");
    expect_has(&r, "Qui a modifié ou confirmé chaque champ en dernier");
    expect_has(&r, "<td>Modifié</td>");
    expect_has(&r, "Gérante jointe, horaires confirmés");
    expect_has(&r, "<td>Joint</td>");
    expect_has(&r, "site.approve");
    expect_has(&r, "call.log");
    /* the decisions of an online site: suspend, close; the others refused with their reason */
    snprintf(buf, sizeof buf, "action=\"/sites/%lld/suspendre\"", id);
    expect_has(&r, buf);
    snprintf(buf, sizeof buf, "href=\"/sites/%lld/fermer\"", id);
    expect_has(&r, buf);
    expect_has(&r, "Remettre en ligne" NBSP ": Seul un site suspendu peut être remis en ligne.");
    assert_false(has(&r, "/approuver\""));
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
    expect_has(&r, "Écart" NBSP ": Redis ne sert pas ce que la base de données prévoit");
    char want[96];
    snprintf(want, sizeof want, "Révision %d, suspendue", rev + 3);
    expect_has(&r, want);
    expect_has(&r, doc);
    expect_has(&r, "<td>Écart</td>");
    expect_has(&r, "<td>Conforme</td>"); /* the slug host still serves the right revision */
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
        assert_int_equal(pvi_call_log_add(NULL, db, &op, id, PVI_CALL_NO_ANSWER, 0, note, NULL),
                         PVI_OK);
    }
    long long last = sql_ll("SELECT max(id) FROM audit_events WHERE site_id = %lld", id);
    struct testweb w;
    login(&w, ADMIN_A);
    struct testhttp r;
    get(&w, &r, "/sites/%lld", id);
    expect_status(&r, 200);
    expect_has(&r, "20 événements affichés");
    /* the 20 newest: the 21st newest event starts the next page */
    char next[96];
    snprintf(next, sizeof next, "/sites/%lld?audit_before=%lld", id,
             sql_ll("SELECT min(id) FROM (SELECT id FROM audit_events WHERE site_id = %lld"
                    " ORDER BY id DESC LIMIT 20) e",
                    id));
    expect_has(&r, next);
    testhttp_free(&r);
    testweb_get(&w, &r, next);
    expect_status(&r, 200);
    expect_has(&r, "4 événements affichés"); /* 3 calls and the creation */
    expect_has(&r, "site.create");
    assert_false(has(&r, "audit_before=")); /* no older page */
    testhttp_free(&r);
    (void)last;
}

static void
the_diff_shows_two_revisions_side_by_side(void **state)
{
    (void)state;
    long long id = make_site(REVIEW, &admin_a); /* revisions 2 (operator) and 3 (admin) */
    struct testweb w;
    login(&w, ADMIN_A);
    struct testhttp r;
    get(&w, &r, "/sites/%lld/revisions?a=2&b=3", id);
    expect_status(&r, 200);
    expect_has(&r, "Champs qui diffèrent de la révision 2 à la révision 3");
    expect_has(&r, "<th scope=\"row\" class=\"diff-field\">Accroche</th>");
    expect_has(&r, "Pains au levain et pâtisseries maison, place Sainte-Anne depuis 1987</td>");
    expect_has(&r, "Pains au levain, depuis 1987</td>");
    assert_false(has(&r, ">Horaires</th>")); /* unchanged fields are not listed */
    testhttp_free(&r);
    /* the default: the working revision against the one before it (never published) */
    get(&w, &r, "/sites/%lld/revisions", id);
    expect_status(&r, 200);
    expect_has(&r, "Champs qui diffèrent de la révision 2 à la révision 3");
    testhttp_free(&r);
    /* the same revision twice */
    get(&w, &r, "/sites/%lld/revisions?a=3&b=3", id);
    expect_status(&r, 200);
    expect_has(&r, "Les révisions 3 et 3 ont le même contenu.");
    testhttp_free(&r);
    /* a revision the site does not have */
    get(&w, &r, "/sites/%lld/revisions?a=1&b=99", id);
    expect_status(&r, 404);
    testhttp_free(&r);
}

/* ---- decisions ---- */

static void
approving_ones_own_revision_is_refused_with_the_reason_shown(void **state)
{
    (void)state;
    long long id = make_site(REVIEW, &admin_a);
    int v = version_of(id);
    struct testweb a;
    login(&a, ADMIN_A);
    struct testhttp r;
    get(&a, &r, "/sites/%lld", id);
    expect_status(&r, 200);
    expect_has(&r, "Approuver et publier" NBSP ":");
    expect_has(&r, "Vous ne pouvez pas approuver");
    assert_false(has(&r, "id=\"site-approuver\""));
    testhttp_free(&r);
    /* sent anyway: refused, said, nothing changed */
    char form[64];
    snprintf(form, sizeof form, "version=%d", v);
    post(&a, &r, id, "/sites/%lld", "/sites/%lld/approuver", form);
    expect_status(&r, 403);
    expect_has(&r, "Vous ne pouvez pas approuver");
    testhttp_free(&r);
    expect_state(id, "review");
    assert_int_equal(version_of(id), v);

    /* another admin approves it through the page's form */
    struct testweb b;
    login(&b, ADMIN_B);
    get(&b, &r, "/sites/%lld", id);
    expect_has(&r, "id=\"site-approuver\"");
    testhttp_free(&r);
    post(&b, &r, id, "/sites/%lld", "/sites/%lld/approuver", form);
    expect_redirect_to_site(&r, id);
    testhttp_free(&r);
    get(&b, &r, "/sites/%lld", id);
    expect_has(&r, "Le site est approuvé" NBSP ": sa publication est en cours.");
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
    expect_has(&r, "id=\"site-assigner\"");
    expect_has(&r, "Claire Martin (op.site)");
    testhttp_free(&r);
    snprintf(form, sizeof form, "version=%d&operator_id=%lld", version_of(id), op_id);
    post(&w, &r, id, "/sites/%lld", "/sites/%lld/assigner", form);
    expect_redirect_to_site(&r, id);
    testhttp_free(&r);
    expect_state(id, "collecting");
    assert_int_equal(sql_ll("SELECT operator_id FROM sites WHERE id = %lld", id), op_id);
    get(&w, &r, "/sites/%lld", id);
    expect_has(&r, "Le site est affecté à l");
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
    expect_has(&r, "Le site est suspendu.");
    expect_has(&r, "id=\"site-reprendre\"");
    testhttp_free(&r);
    snprintf(form, sizeof form, "version=%d&reason=R%%C3%%A9gl%%C3%%A9", version_of(id));
    post(&w, &r, id, "/sites/%lld", "/sites/%lld/reprendre", form);
    expect_redirect_to_site(&r, id);
    testhttp_free(&r);
    expect_state(id, "online");

    /* close: the confirmation page says what will happen, then the form */
    get(&w, &r, "/sites/%lld/fermer", id);
    expect_status(&r, 200);
    expect_has(&r, "<h1>Fermer le site — Au Fournil de la Place</h1>");
    expect_has(&r, "La fermeture est définitive.");
    expect_has(&r, "le site est retiré de la publication");
    char domain[64];
    snprintf(domain, sizeof domain, "www.bo-site-%d.test", serial);
    expect_has(&r, domain);
    expect_has(&r, "aucune demande de modification n");
    expect_has(&r, "id=\"site-fermer\"");
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
    expect_has(&r, "Le site est déjà fermé.");
    assert_false(has(&r, "id=\"site-fermer\""));
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
    expect_has(&r, "id=\"f-reason-error\"");
    expect_has(&r, "href=\"#f-reason\"");
    expect_has(&r, "Un motif est obligatoire");
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
    expect_has(&r, "Le site a été modifié depuis que vous avez ouvert la page");
    expect_has(&r, "Adresse à vérifier</textarea>");
    expect_has(&r, "En attente de validation"); /* its current state */
    char ver[64];
    snprintf(ver, sizeof ver, "name=\"version\" value=\"%d\"", stale + 1);
    expect_has(&r, ver); /* the form again, on the current version */
    testhttp_free(&r);
    expect_state(id, "review");

    /* the same for a restoration: the note is kept */
    snprintf(form, sizeof form, "version=%d&revision=1&note=Retour+%%C3%%A0+la+commande", stale);
    snprintf(path, sizeof path, "/sites/%lld/restaurer", id);
    testweb_post(&w, &r, path, form, 1);
    expect_status(&r, 409);
    expect_has(&r, "Retour à la commande</textarea>");
    testhttp_free(&r);
}

static void
an_old_revision_is_restored_as_a_new_one_after_its_confirmation_page(void **state)
{
    (void)state;
    long long id = make_site(REVIEW, &admin_a);
    /* review cannot be edited: send it back first */
    int v = version_of(id);
    struct pvi_transition_args back = {.reason = "À reprendre"};
    assert_int_equal(pvi_site_transition(&v, db, &sys, id, v, PVI_TR_REJECT, &back, NULL), PVI_OK);
    long long revisions = sql_ll("SELECT count(*) FROM site_revisions WHERE site_id = %lld", id);
    struct testweb w;
    login(&w, ADMIN_A);
    struct testhttp r;
    get(&w, &r, "/sites/%lld/restaurer?revision=2", id);
    expect_status(&r, 200);
    expect_has(&r, "<h1>Restaurer la révision 2</h1>");
    expect_has(&r, "Pains au levain, depuis 1987</td>"); /* the tagline changes back */
    expect_has(&r, "id=\"site-restaurer\"");
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
    expect_has(&r, "La révision est restaurée en une nouvelle révision.");
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
        expect_has(&r, "« version »");
        testhttp_free(&r);
        free(form);
        free(path);
        assert_int_equal(version_of(id), v);
    }
    /* invalid query input of the pages */
    struct testhttp g;
    get(&a, &g, "/sites/%lld?audit_before=abc", id);
    expect_status(&g, 400);
    expect_has(&g, "« audit_before »");
    testhttp_free(&g);
    get(&a, &g, "/sites/%lld/revisions?a=deux", id);
    expect_status(&g, 400);
    expect_has(&g, "« a »");
    testhttp_free(&g);
    get(&a, &g, "/sites/%lld/restaurer", id);
    expect_status(&g, 400);
    expect_has(&g, "« revision »");
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
        cmocka_unit_test(the_page_shows_the_content_as_the_public_reads_it_and_its_history),
        cmocka_unit_test(a_route_changed_behind_the_publishers_back_shows_as_a_mismatch),
        cmocka_unit_test(the_audit_trail_pages_by_keyset),
        cmocka_unit_test(the_diff_shows_two_revisions_side_by_side),
        cmocka_unit_test(approving_ones_own_revision_is_refused_with_the_reason_shown),
        cmocka_unit_test(each_decision_goes_through_its_form),
        cmocka_unit_test(a_missing_reason_comes_back_on_its_field_with_nothing_changed),
        cmocka_unit_test(a_stale_version_gives_409_with_the_current_state_and_the_input_kept),
        cmocka_unit_test(an_old_revision_is_restored_as_a_new_one_after_its_confirmation_page),
        cmocka_unit_test(every_route_refuses_anonymous_users_other_roles_and_forged_forms),
    };
    return cmocka_run_group_tests_name("bo_site", tests, setup, teardown);
}
