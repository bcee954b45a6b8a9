/* test_site.c — sites through libpvi against the real database: clients,
 * the whole workflow with its rules, online edits (simple fields live at
 * once, sensitive ones to review), optimistic locking with concurrent
 * writers, revisions (diff, restore, provenance), permissions with real
 * rows (site creation, lists and counts, one revision), the call log's
 * notes, the cap on reasons, unknown charters, and one audit event per
 * change. */
#include "testenv.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_site.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct pvi_db *db;
static long long op_martin, op_durand; /* operators rows */
static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "test"};
static struct pvi_actor admin1 = {.role = PVI_ROLE_ADMIN, .id = 1, .label = "admin1@pvi.test"};
static struct pvi_actor admin2 = {.role = PVI_ROLE_ADMIN, .id = 2, .label = "admin2@pvi.test"};
static struct pvi_actor martin = {.role = PVI_ROLE_OPERATOR, .label = "op.martin"};
static struct pvi_actor durand = {.role = PVI_ROLE_OPERATOR, .label = "op.durand"};

static const char *complete_json =
    "{\"business_name\": \"Plomberie Martin\", \"activity\": \"Plombier\","
    " \"tagline\": \"Dépannage rapide\", \"description\": \"Depuis 1998.\","
    " \"phones\": [{\"kind\": \"fixed\", \"number\": \"02 99 12 34 56\"}],"
    " \"email\": \"contact@plomberie-martin.fr\","
    " \"address\": {\"street\": \"12 rue de Brest\", \"postal_code\": \"35000\", \"city\": "
    "\"Rennes\"},"
    " \"hours\": {\"mon\": [{\"open\": \"08:00\", \"close\": \"12:00\"}]},"
    " \"domains\": [\"www.plomberie-martin.fr\"], \"charter\": \"classique\"}";

static json_t *
complete(void)
{
    json_t *j = json_loads(complete_json, 0, NULL);
    assert_non_null(j);
    return j;
}

static long long
audit_count(const char *action)
{
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit_events WHERE action = '%s'", action);
    return testenv_sql_ll(sql);
}

static long long
audit_total(void)
{
    return testenv_sql_ll("SELECT count(*) FROM audit_events");
}

static int
setup(void **state)
{
    (void)state;
    db = testenv_db_open();
    testenv_db_reset(db);
    op_martin = testenv_sql_ll("INSERT INTO operators (ldap_uid, ldap_dn, display_name) VALUES"
                               " ('op.martin', 'uid=op.martin', 'Claire Martin') RETURNING id");
    op_durand = testenv_sql_ll("INSERT INTO operators (ldap_uid, ldap_dn, display_name) VALUES"
                               " ('op.durand', 'uid=op.durand', 'Julien Durand') RETURNING id");
    free(testenv_sql("INSERT INTO admin_users (id, email, display_name, password_hash) VALUES"
                     " (1, 'admin1@pvi.test', 'Admin 1', 'x'), (2, 'admin2@pvi.test', 'Admin 2',"
                     " 'x'); SELECT setval('admin_users_id_seq', 2)"));
    martin.id = op_martin;
    durand.id = op_durand;
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    pvi_db_close(db);
    return 0;
}

static long long
new_client(const char *number)
{
    struct pvi_client_new in = {.customer_number = number,
                                .company_name = "Martin SARL",
                                .siret = "732 829 320 00074",
                                .email = "gerant@martin.fr",
                                .phone = "06 12 34 56 78"};
    long long id = 0;
    assert_int_equal(pvi_client_create(&id, db, &sys, &in, NULL), PVI_OK);
    return id;
}

static long long
new_site(long long client, const char *slug, int *version)
{
    long long id = 0;
    struct pvi_site_new in = {.client_id = client, .slug = slug};
    assert_int_equal(pvi_site_create(&id, db, &admin1, &in, NULL), PVI_OK);
    *version = 1;
    return id;
}

static int
version_of(long long id)
{
    struct pvi_site *s = NULL;
    assert_int_equal(pvi_site_get(&s, db, &sys, id), PVI_OK);
    int v = s->version;
    pvi_site_free(s);
    return v;
}

/* Creates a site and takes it online: assigned to martin, filled, submitted,
 * approved by admin1. Returns the id; *version is current. */
static long long
online_site(long long client, const char *slug, const char *domain, int *version)
{
    long long id = new_site(client, slug, version);
    struct pvi_transition_args assign = {.operator_id = op_martin};
    assert_int_equal(
        pvi_site_transition(version, db, &admin1, id, *version, PVI_TR_ASSIGN, &assign, NULL),
        PVI_OK);
    json_t *c = complete();
    json_t *d = json_array();
    json_array_append_new(d, json_string(domain));
    json_object_set_new(c, "domains", d);
    struct pvi_edit_result res;
    assert_int_equal(pvi_site_edit(&res, db, &martin, id, *version, c, NULL, NULL), PVI_OK);
    json_decref(c);
    *version = res.version;
    assert_int_equal(
        pvi_site_transition(version, db, &martin, id, *version, PVI_TR_SUBMIT, NULL, NULL), PVI_OK);
    assert_int_equal(
        pvi_site_transition(version, db, &admin1, id, *version, PVI_TR_APPROVE, NULL, NULL),
        PVI_OK);
    return id;
}

static void
client_creation_validates_every_field_and_refuses_duplicates(void **state)
{
    (void)state;
    struct pvi_client_new bad = {.customer_number = "XX1",
                                 .company_name = "",
                                 .siret = "73282932000075", /* wrong Luhn key */
                                 .email = "not-an-email",
                                 .phone = "0899123456"};
    struct pvi_errors e = {0};
    long long before = audit_total();
    assert_int_equal(pvi_client_create(NULL, db, &sys, &bad, &e), PVI_VALIDATION);
    assert_int_equal(e.n, 5);
    assert_int_equal(pvi_errors_find(&e, "customer_number")->code, PVI_BAD_CUSTOMER_NUMBER);
    assert_int_equal(pvi_errors_find(&e, "siret")->code, PVI_BAD_SIRET);
    assert_int_equal(pvi_errors_find(&e, "email")->code, PVI_BAD_EMAIL);
    assert_int_equal(pvi_errors_find(&e, "phone")->code, PVI_PREMIUM_PHONE);
    assert_int_equal(pvi_errors_find(&e, "company_name")->code, PVI_REQUIRED);
    pvi_errors_clear(&e);
    assert_int_equal(audit_total(), before); /* nothing written */

    /* La Poste exception: SIREN 356000000, digit sum multiple of 5 */
    struct pvi_client_new poste = {.customer_number = "pj00000001",
                                   .company_name = "La Poste Rennes",
                                   .siret = "35600000049837",
                                   .email = "agence@laposte.test",
                                   .phone = "+33 2 99 00 00 00"};
    long long id = 0;
    assert_int_equal(pvi_client_create(&id, db, &sys, &poste, NULL), PVI_OK);
    assert_true(id > 0);
    assert_int_equal(audit_count("client.create"), 1);
    char *num = testenv_sql("SELECT customer_number || ' ' || phone FROM clients WHERE"
                            " siret = '35600000049837'");
    assert_string_equal(num, "PJ00000001 +33299000000");
    free(num);
    /* same number again */
    assert_int_equal(pvi_client_create(NULL, db, &sys, &poste, &e), PVI_CONFLICT);
    assert_non_null(pvi_errors_find(&e, "customer_number"));
    pvi_errors_clear(&e);
    /* only admins create clients */
    assert_int_equal(pvi_client_create(NULL, db, &martin, &poste, NULL), PVI_FORBIDDEN);
}

static void
whole_workflow_from_order_to_online_with_its_rules(void **state)
{
    (void)state;
    long long client = new_client("PJ10000001");
    int v;
    long long id = new_site(client, "plomberie-martin", &v);
    struct pvi_errors e = {0};

    /* ordered: an operator cannot edit or submit yet */
    json_t *c = complete();
    assert_int_equal(pvi_site_edit(NULL, db, &martin, id, v, c, NULL, &e), PVI_BAD_TRANSITION);
    assert_non_null(pvi_errors_find(&e, ""));
    pvi_errors_clear(&e);

    /* assign needs an operator */
    assert_int_equal(pvi_site_transition(&v, db, &admin1, id, v, PVI_TR_ASSIGN, NULL, &e),
                     PVI_OPERATOR_REQUIRED);
    pvi_errors_clear(&e);
    struct pvi_transition_args assign = {.operator_id = op_martin};
    long long ev = audit_count("site.assign");
    assert_int_equal(pvi_site_transition(&v, db, &admin1, id, v, PVI_TR_ASSIGN, &assign, NULL),
                     PVI_OK);
    assert_int_equal(audit_count("site.assign"), ev + 1);

    /* incomplete content cannot be submitted; every missing field is named */
    json_t *partial = json_pack("{s:s}", "business_name", "Plomberie Martin");
    struct pvi_edit_result res;
    assert_int_equal(pvi_site_edit(&res, db, &martin, id, v, partial, NULL, NULL), PVI_OK);
    v = res.version;
    json_decref(partial);
    assert_int_equal(pvi_site_transition(&v, db, &martin, id, v, PVI_TR_SUBMIT, NULL, &e),
                     PVI_INCOMPLETE);
    assert_non_null(pvi_errors_find(&e, "activity"));
    assert_non_null(pvi_errors_find(&e, "phones"));
    assert_non_null(pvi_errors_find(&e, "address.postal_code"));
    assert_non_null(pvi_errors_find(&e, "charter"));
    assert_null(pvi_errors_find(&e, "business_name"));
    assert_null(pvi_errors_find(&e, "domains")); /* the slug suffices */
    pvi_errors_clear(&e);

    /* another operator may not edit it */
    assert_int_equal(pvi_site_edit(NULL, db, &durand, id, v, c, NULL, NULL), PVI_FORBIDDEN);
    /* the assigned operator completes it and submits */
    assert_int_equal(pvi_site_edit(&res, db, &martin, id, v, c, NULL, NULL), PVI_OK);
    v = res.version;
    assert_int_equal(res.revision, 3);
    assert_int_equal(pvi_site_transition(&v, db, &durand, id, v, PVI_TR_SUBMIT, NULL, NULL),
                     PVI_FORBIDDEN);
    assert_int_equal(pvi_site_transition(&v, db, &martin, id, v, PVI_TR_SUBMIT, NULL, NULL),
                     PVI_OK);

    /* in review nobody edits; rejection needs a reason */
    assert_int_equal(pvi_site_edit(NULL, db, &martin, id, v, c, NULL, NULL), PVI_BAD_TRANSITION);
    struct pvi_transition_args blank = {.reason = "   "};
    assert_int_equal(pvi_site_transition(&v, db, &admin1, id, v, PVI_TR_REJECT, &blank, &e),
                     PVI_REASON_REQUIRED);
    assert_non_null(pvi_errors_find(&e, "reason"));
    pvi_errors_clear(&e);
    struct pvi_transition_args why = {.reason = "Horaires du samedi manquants"};
    assert_int_equal(pvi_site_transition(&v, db, &admin1, id, v, PVI_TR_REJECT, &why, NULL),
                     PVI_OK);
    struct pvi_site *s = NULL;
    assert_int_equal(pvi_site_get(&s, db, &martin, id), PVI_OK);
    assert_int_equal(s->state, PVI_STATE_COLLECTING);
    assert_string_equal(s->state_reason,
                        "Horaires du samedi manquants"); /* shown to the operator */
    pvi_site_free(s);

    /* admin1 touches the draft: now admin1 may not approve it, admin2 may */
    json_object_set_new(c, "tagline", json_string("Dépannage 7j/7"));
    assert_int_equal(pvi_site_edit(&res, db, &admin1, id, v, c, NULL, NULL), PVI_OK);
    v = res.version;
    assert_int_equal(pvi_site_transition(&v, db, &martin, id, v, PVI_TR_SUBMIT, NULL, NULL),
                     PVI_OK);
    assert_int_equal(pvi_site_transition(&v, db, &admin1, id, v, PVI_TR_APPROVE, NULL, &e),
                     PVI_SELF_APPROVAL);
    pvi_errors_clear(&e);
    long long jobs = testenv_sql_ll("SELECT count(*) FROM publication_jobs");
    assert_int_equal(pvi_site_transition(&v, db, &admin2, id, v, PVI_TR_APPROVE, NULL, NULL),
                     PVI_OK);
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM publication_jobs"), jobs + 1);
    char *host = testenv_sql("SELECT host FROM domains WHERE is_primary");
    assert_string_equal(host, "www.plomberie-martin.fr");
    free(host);
    assert_int_equal(pvi_site_get(&s, db, &sys, id), PVI_OK);
    assert_int_equal(s->state, PVI_STATE_ONLINE);
    assert_int_equal(s->published_number, 4);
    assert_string_equal(s->business_name, "Plomberie Martin");
    assert_string_equal(s->charter, "classique");
    pvi_site_free(s);

    /* suspend and resume need reasons; close releases the domains */
    assert_int_equal(pvi_site_transition(&v, db, &admin1, id, v, PVI_TR_SUSPEND, NULL, NULL),
                     PVI_REASON_REQUIRED);
    struct pvi_transition_args unpaid = {.reason = "Impayé"};
    assert_int_equal(pvi_site_transition(&v, db, &admin1, id, v, PVI_TR_SUSPEND, &unpaid, NULL),
                     PVI_OK);
    assert_int_equal(pvi_site_transition(&v, db, &admin1, id, v, PVI_TR_SUSPEND, &unpaid, &e),
                     PVI_BAD_TRANSITION);
    assert_non_null(pvi_errors_find(&e, ""));
    pvi_errors_clear(&e);
    struct pvi_transition_args paid = {.reason = "Réglé"};
    assert_int_equal(pvi_site_transition(&v, db, &admin1, id, v, PVI_TR_RESUME, &paid, NULL),
                     PVI_OK);
    assert_int_equal(pvi_site_transition(&v, db, &admin1, id, v, PVI_TR_CLOSE, NULL, NULL), PVI_OK);
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM domains"), 0);
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM publication_jobs WHERE kind ="
                                    " 'unpublish'"),
                     1);
    assert_int_equal(pvi_site_edit(NULL, db, &admin1, id, v, c, NULL, NULL), PVI_BAD_TRANSITION);
    json_decref(c);
}

static void
online_edits_publish_simple_fields_and_queue_sensitive_ones(void **state)
{
    (void)state;
    long long client = new_client("PJ10000002");
    int v;
    long long id = online_site(client, "boulangerie-dupont", "www.dupont.fr", &v);
    struct pvi_actor me = {.role = PVI_ROLE_CLIENT, .id = client, .label = "PJ10000002"};
    struct pvi_site *s = NULL;
    assert_int_equal(pvi_site_get(&s, db, &me, id), PVI_OK);
    int published_before = s->published_number;
    json_t *c = json_deep_copy(pvi_site_working_content(s));
    pvi_site_free(s);

    /* a simple field (tagline) and a sensitive one (business name) at once */
    json_object_set_new(c, "tagline", json_string("Pain au levain"));
    json_object_set_new(c, "business_name", json_string("Boulangerie Dupont & Fils"));
    struct pvi_edit_result res;
    long long jobs = testenv_sql_ll("SELECT count(*) FROM publication_jobs");
    long long events = audit_total();
    assert_int_equal(pvi_site_edit(&res, db, &me, id, v, c, NULL, NULL), PVI_OK);
    v = res.version;
    assert_true(res.published);
    assert_true(res.request_id > 0);
    assert_int_equal(audit_total(), events + 1); /* exactly one event */
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM publication_jobs"), jobs + 1);

    assert_int_equal(pvi_site_get(&s, db, &me, id), PVI_OK);
    assert_int_equal(s->published_number, published_before + 1);
    /* the tagline is live, the name is not */
    assert_string_equal(json_string_value(json_object_get(s->published, "tagline")),
                        "Pain au levain");
    assert_string_equal(json_string_value(json_object_get(s->published, "business_name")),
                        "Plomberie Martin");
    assert_int_equal(s->pending_request_id, res.request_id);
    /* the editor continues from the proposal */
    assert_string_equal(
        json_string_value(json_object_get(pvi_site_working_content(s), "business_name")),
        "Boulangerie Dupont & Fils");
    pvi_site_free(s);

    /* the client may not decide; admins can, rejection needs a reason */
    struct pvi_errors e = {0};
    assert_int_equal(pvi_change_request_decide(db, &me, res.request_id, 1, NULL, NULL),
                     PVI_FORBIDDEN);
    assert_int_equal(pvi_change_request_decide(db, &admin1, res.request_id, 0, "", &e),
                     PVI_REASON_REQUIRED);
    pvi_errors_clear(&e);
    assert_int_equal(pvi_change_request_decide(db, &admin1, res.request_id, 1, NULL, NULL), PVI_OK);
    assert_int_equal(audit_count("change_request.approve"), 1);
    assert_int_equal(pvi_change_request_decide(db, &admin1, res.request_id, 1, NULL, &e),
                     PVI_BAD_TRANSITION); /* already decided */
    pvi_errors_clear(&e);
    assert_int_equal(pvi_site_get(&s, db, &me, id), PVI_OK);
    assert_string_equal(s->business_name, "Boulangerie Dupont & Fils");
    assert_string_equal(json_string_value(json_object_get(s->published, "tagline")),
                        "Pain au levain");
    assert_int_equal(s->pending_request_id, 0);
    v = s->version;
    pvi_site_free(s);

    /* an admin's own sensitive change needs another admin */
    json_object_set_new(c, "activity", json_string("Boulangerie-pâtisserie"));
    assert_int_equal(pvi_site_edit(&res, db, &admin1, id, v, c, NULL, NULL), PVI_OK);
    v = res.version;
    assert_false(res.published);
    assert_true(res.request_id > 0);
    assert_int_equal(pvi_change_request_decide(db, &admin1, res.request_id, 1, NULL, &e),
                     PVI_SELF_APPROVAL);
    pvi_errors_clear(&e);
    /* reverting the field withdraws the request */
    json_object_set_new(c, "activity", json_string("Plombier"));
    assert_int_equal(pvi_site_edit(&res, db, &admin1, id, v, c, NULL, NULL), PVI_OK);
    v = res.version;
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM change_requests WHERE state ="
                                    " 'pending'"),
                     0);
    /* nothing changed: nothing written */
    events = audit_total();
    assert_int_equal(pvi_site_edit(&res, db, &me, id, v, c, NULL, NULL), PVI_OK);
    assert_true(res.unchanged);
    assert_int_equal(audit_total(), events);
    /* an online site stays complete */
    json_object_del(c, "phones");
    assert_int_equal(pvi_site_edit(&res, db, &me, id, v, c, NULL, &e), PVI_VALIDATION);
    assert_non_null(pvi_errors_find(&e, "phones"));
    pvi_errors_clear(&e);
    json_decref(c);
}

static void
stale_version_is_refused_and_changes_nothing(void **state)
{
    (void)state;
    long long client = new_client("PJ10000003");
    int v;
    long long id = online_site(client, "garage-leroy", "garage-leroy.fr", &v);
    struct pvi_actor me = {.role = PVI_ROLE_CLIENT, .id = client, .label = "PJ10000003"};
    json_t *c = complete();
    json_object_set_new(c, "domains", json_pack("[s]", "garage-leroy.fr"));
    json_object_set_new(c, "tagline", json_string("Première"));
    struct pvi_edit_result res;
    assert_int_equal(pvi_site_edit(&res, db, &me, id, v, c, NULL, NULL), PVI_OK);
    long long events = audit_total();
    long long revs = testenv_sql_ll("SELECT count(*) FROM site_revisions");
    json_object_set_new(c, "tagline", json_string("Seconde, sur une version périmée"));
    struct pvi_errors e = {0};
    assert_int_equal(pvi_site_edit(&res, db, &me, id, v /* stale */, c, NULL, &e), PVI_CONFLICT);
    assert_non_null(pvi_errors_find(&e, "version"));
    pvi_errors_clear(&e);
    assert_int_equal(audit_total(), events);
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM site_revisions"), revs);
    assert_int_equal(pvi_site_transition(NULL, db, &admin1, id, v, PVI_TR_SUSPEND,
                                         &(struct pvi_transition_args){.reason = "x"}, NULL),
                     PVI_CONFLICT);
    json_decref(c);
}

struct racer {
    long long site;
    int base;
    const char *tagline;
    struct pvi_actor actor;
    pthread_barrier_t *go;
    enum pvi_code rc;
};

static void *
race(void *arg)
{
    struct racer *r = arg;
    json_t *c = complete();
    json_object_set_new(c, "tagline", json_string(r->tagline));
    json_object_set_new(c, "domains", json_pack("[s]", "www.race.fr"));
    pthread_barrier_wait(r->go);
    r->rc = pvi_site_edit(NULL, db, &r->actor, r->site, r->base, c, NULL, NULL);
    json_decref(c);
    return NULL;
}

static void
two_concurrent_writers_on_one_version_exactly_one_wins(void **state)
{
    (void)state;
    long long client = new_client("PJ10000004");
    int v;
    long long id = online_site(client, "race", "www.race.fr", &v);
    for (int round = 0; round < 10; round++) {
        pthread_barrier_t go;
        pthread_barrier_init(&go, NULL, 2);
        char t1[32], t2[32];
        snprintf(t1, sizeof t1, "Opérateur %d", round);
        snprintf(t2, sizeof t2, "Client %d", round);
        struct racer a = {.site = id, .base = v, .tagline = t1, .actor = martin, .go = &go};
        struct racer b = {.site = id,
                          .base = v,
                          .tagline = t2,
                          .actor = {.role = PVI_ROLE_CLIENT, .id = client, .label = "c"},
                          .go = &go};
        pthread_t ta, tb;
        pthread_create(&ta, NULL, race, &a);
        pthread_create(&tb, NULL, race, &b);
        pthread_join(ta, NULL);
        pthread_join(tb, NULL);
        pthread_barrier_destroy(&go);
        assert_true((a.rc == PVI_OK && b.rc == PVI_CONFLICT) ||
                    (a.rc == PVI_CONFLICT && b.rc == PVI_OK));
        int nv = version_of(id);
        assert_int_equal(nv, v + 1);
        /* the published tagline is the winner's */
        struct pvi_site *s = NULL;
        assert_int_equal(pvi_site_get(&s, db, &sys, id), PVI_OK);
        assert_string_equal(json_string_value(json_object_get(s->published, "tagline")),
                            a.rc == PVI_OK ? t1 : t2);
        pvi_site_free(s);
        v = nv;
    }
}

static void
revisions_diff_restore_and_provenance(void **state)
{
    (void)state;
    long long client = new_client("PJ10000005");
    int v;
    long long id = new_site(client, "fleurs-petit", &v);
    struct pvi_transition_args assign = {.operator_id = op_martin};
    assert_int_equal(pvi_site_transition(&v, db, &admin1, id, v, PVI_TR_ASSIGN, &assign, NULL),
                     PVI_OK);
    json_t *c = complete();
    json_object_set_new(c, "domains", json_pack("[s]", "fleurs-petit.fr"));
    struct pvi_edit_result res;
    const char *confirmed[] = {"business_name", NULL};
    struct pvi_edit_opts opts = {.note = "Appel du 3 mars"};
    assert_int_equal(pvi_site_edit(&res, db, &martin, id, v, c, &opts, NULL), PVI_OK);
    v = res.version;
    int r2 = res.revision;
    json_object_set_new(c, "tagline", json_string("Fleurs de saison"));
    struct pvi_edit_opts opts2 = {.note = "Rappel", .confirmed = confirmed};
    assert_int_equal(pvi_site_edit(&res, db, &admin1, id, v, c, &opts2, NULL), PVI_OK);
    v = res.version;
    int r3 = res.revision;
    assert_int_equal(r3, r2 + 1);

    json_t *diff = NULL;
    assert_int_equal(pvi_revision_diff(&diff, db, &admin1, id, r2, r3), PVI_OK);
    assert_int_equal(json_array_size(diff), 1);
    json_t *d0 = json_array_get(diff, 0);
    assert_string_equal(json_string_value(json_object_get(d0, "field")), "tagline");
    assert_string_equal(json_string_value(json_object_get(d0, "before")), "Dépannage rapide");
    assert_string_equal(json_string_value(json_object_get(d0, "after")), "Fleurs de saison");
    json_decref(diff);

    json_t *prov = NULL;
    assert_int_equal(pvi_site_provenance(&prov, db, &admin1, id), PVI_OK);
    json_t *tag = json_object_get(prov, "tagline");
    assert_string_equal(json_string_value(json_object_get(tag, "by")), "admin1@pvi.test");
    assert_string_equal(json_string_value(json_object_get(tag, "how")), "changed");
    json_t *phones = json_object_get(prov, "phones");
    assert_string_equal(json_string_value(json_object_get(phones, "by")), "op.martin");
    assert_string_equal(json_string_value(json_object_get(phones, "channel")), "phone");
    assert_int_equal(json_integer_value(json_object_get(phones, "revision")), r2);
    json_t *name = json_object_get(prov, "business_name");
    assert_string_equal(json_string_value(json_object_get(name, "how")), "confirmed");
    assert_string_equal(json_string_value(json_object_get(name, "by")), "admin1@pvi.test");
    json_decref(prov);

    json_t *list = NULL;
    assert_int_equal(pvi_revision_list(&list, db, &admin1, id), PVI_OK);
    assert_int_equal(json_array_size(list), 3);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(list, 0), "number")), r3);
    assert_string_equal(json_string_value(json_object_get(json_array_get(list, 0), "note")),
                        "Rappel");
    json_decref(list);

    /* restoring r2 makes a new revision r4 equal to r2 */
    assert_int_equal(pvi_site_restore(&res, db, &admin1, id, v, r2, "erreur", NULL), PVI_OK);
    assert_int_equal(res.revision, r3 + 1);
    assert_int_equal(pvi_revision_diff(&diff, db, &admin1, id, r2, res.revision), PVI_OK);
    assert_int_equal(json_array_size(diff), 0);
    json_decref(diff);
    assert_int_equal(audit_count("site.restore"), 1);
    /* revisions are immutable, even in SQL */
    char *err = NULL;
    (void)err;
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM site_revisions WHERE site_id = 0"), 0);
    json_decref(c);
}

static void
a_client_never_sees_another_clients_site(void **state)
{
    (void)state;
    long long mine = new_client("PJ10000006");
    long long other = new_client("PJ10000007");
    int v;
    long long id = online_site(other, "chez-autre", "chez-autre.fr", &v);
    struct pvi_actor me = {.role = PVI_ROLE_CLIENT, .id = mine, .label = "PJ10000006"};
    struct pvi_site *s = NULL;
    json_t *j = NULL;
    assert_int_equal(pvi_site_get(&s, db, &me, id), PVI_NOT_FOUND);
    assert_null(s);
    assert_int_equal(pvi_site_get(&s, db, &me, 999999), PVI_NOT_FOUND); /* same as absent */
    json_t *c = complete();
    assert_int_equal(pvi_site_edit(NULL, db, &me, id, v, c, NULL, NULL), PVI_NOT_FOUND);
    assert_int_equal(pvi_revision_list(&j, db, &me, id), PVI_NOT_FOUND);
    assert_int_equal(pvi_revision_diff(&j, db, &me, id, 1, 2), PVI_NOT_FOUND);
    assert_int_equal(pvi_site_provenance(&j, db, &me, id), PVI_NOT_FOUND);
    assert_int_equal(pvi_audit_list(&j, db, &me, id, 0, 10), PVI_NOT_FOUND);
    assert_int_equal(pvi_site_transition(NULL, db, &me, id, v, PVI_TR_CLOSE, NULL, NULL),
                     PVI_NOT_FOUND);
    /* the client's list holds only their own sites */
    struct pvi_site_filter f = {.state = -1, .client_id = other};
    assert_int_equal(pvi_site_list(&j, db, &me, &f, NULL), PVI_OK);
    assert_int_equal(json_array_size(json_object_get(j, "sites")), 0);
    json_decref(j);
    /* integrators: scopes */
    struct pvi_actor reader = {
        .role = PVI_ROLE_INTEGRATOR, .id = 1, .label = "crm", .scopes = PVI_SCOPE_SITES_READ};
    assert_int_equal(pvi_site_get(&s, db, &reader, id), PVI_OK);
    pvi_site_free(s);
    assert_int_equal(pvi_site_edit(NULL, db, &reader, id, v, c, NULL, NULL), PVI_FORBIDDEN);
    assert_int_equal(pvi_site_transition(NULL, db, &reader, id, v, PVI_TR_CLOSE, NULL, NULL),
                     PVI_FORBIDDEN);
    struct pvi_actor none = {.role = PVI_ROLE_INTEGRATOR, .id = 2, .label = "x"};
    assert_int_equal(pvi_site_get(&s, db, &none, id), PVI_FORBIDDEN);
    json_decref(c);
}

static void
domains_are_unique_platform_wide(void **state)
{
    (void)state;
    long long client = new_client("PJ10000008");
    int v1, v2;
    online_site(client, "premier", "www.unique.fr", &v1);
    long long second = new_site(client, "second", &v2);
    struct pvi_transition_args assign = {.operator_id = op_martin};
    assert_int_equal(
        pvi_site_transition(&v2, db, &admin1, second, v2, PVI_TR_ASSIGN, &assign, NULL), PVI_OK);
    json_t *c = complete();
    json_object_set_new(c, "domains", json_pack("[s, s]", "libre.fr", "WWW.Unique.FR."));
    struct pvi_errors e = {0};
    assert_int_equal(pvi_site_edit(NULL, db, &martin, second, v2, c, NULL, &e), PVI_DOMAIN_TAKEN);
    const struct pvi_field_error *fe = pvi_errors_find(&e, "domains.1");
    assert_non_null(fe);
    assert_int_equal(fe->code, PVI_DOMAIN_TAKEN);
    assert_null(pvi_errors_find(&e, "domains.0"));
    pvi_errors_clear(&e);
    json_decref(c);
}

static void
call_log_and_audit_trail(void **state)
{
    (void)state;
    long long client = new_client("PJ10000009");
    int v;
    long long id = new_site(client, "appel", &v);
    struct pvi_errors e = {0};
    long long cid = 0;
    assert_int_equal(
        pvi_call_log_add(&cid, db, &martin, id, PVI_CALL_BACK, pvi_now_us() - 1000, "x", &e),
        PVI_VALIDATION);
    assert_non_null(pvi_errors_find(&e, "call_back_at"));
    pvi_errors_clear(&e);
    assert_int_equal(pvi_call_log_add(&cid, db, &martin, id, PVI_CALL_BACK,
                                      pvi_now_us() + 3600LL * 1000000, "Rappeler après 14h", NULL),
                     PVI_OK);
    assert_int_equal(pvi_call_log_add(&cid, db, &martin, id, PVI_CALL_REACHED, 0, "OK", NULL),
                     PVI_OK);
    struct pvi_actor me = {.role = PVI_ROLE_CLIENT, .id = client, .label = "c"};
    assert_int_equal(pvi_call_log_add(&cid, db, &me, id, PVI_CALL_REACHED, 0, "", NULL),
                     PVI_FORBIDDEN);
    json_t *calls = NULL;
    assert_int_equal(pvi_call_log_list(&calls, db, &admin1, id), PVI_OK);
    assert_int_equal(json_array_size(calls), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(calls, 0), "operator")),
                        "Claire Martin");
    json_decref(calls);

    /* the operator sees only their own actions; the client their site's trail */
    json_t *ev = NULL;
    assert_int_equal(pvi_audit_list(&ev, db, &martin, 0, 0, 500), PVI_OK);
    size_t i;
    json_t *x;
    assert_true(json_array_size(ev) >= 2);
    json_array_foreach(ev, i, x)
    {
        assert_string_equal(json_string_value(json_object_get(x, "actor")), "op.martin");
    }
    json_decref(ev);
    assert_int_equal(pvi_audit_list(&ev, db, &me, id, 0, 50), PVI_OK);
    json_array_foreach(ev, i, x)
    {
        assert_int_equal(json_integer_value(json_object_get(x, "site_id")), id);
    }
    assert_int_equal(json_array_size(ev), 3); /* create + 2 calls */
    json_decref(ev);
    assert_int_equal(pvi_audit_list(&ev, db, &me, 0, 0, 50), PVI_FORBIDDEN);
}

/* The newest event's action, and the number of events. */
static char *
last_action(void)
{
    return testenv_sql("SELECT action FROM audit_events ORDER BY id DESC LIMIT 1");
}

#define EXPECT_ONE_EVENT(call, action)                                                             \
    do {                                                                                           \
        long long before_ = audit_total();                                                         \
        assert_int_equal((call), PVI_OK);                                                          \
        assert_int_equal(audit_total(), before_ + 1);                                              \
        char *a_ = last_action();                                                                  \
        assert_string_equal(a_, action);                                                           \
        free(a_);                                                                                  \
    } while (0)

static void
every_mutating_call_leaves_exactly_its_event(void **state)
{
    (void)state;
    struct pvi_client_new cl = {.customer_number = "PJ10000010",
                                .company_name = "Audit SARL",
                                .siret = "73282932000074",
                                .email = "audit@x.fr",
                                .phone = "0299000010"};
    long long client = 0, id = 0, cid = 0;
    EXPECT_ONE_EVENT(pvi_client_create(&client, db, &sys, &cl, NULL), "client.create");
    struct pvi_site_new sn = {.client_id = client, .slug = "audit"};
    EXPECT_ONE_EVENT(pvi_site_create(&id, db, &admin1, &sn, NULL), "site.create");
    int v = 1;
    struct pvi_edit_result res;
    json_t *c = complete();
    json_object_set_new(c, "domains", json_pack("[s]", "audit.fr"));
    EXPECT_ONE_EVENT(pvi_site_edit(&res, db, &admin1, id, v, c, NULL, NULL), "site.edit");
    v = res.version;
    struct pvi_transition_args assign = {.operator_id = op_martin};
    EXPECT_ONE_EVENT(pvi_site_transition(&v, db, &admin1, id, v, PVI_TR_ASSIGN, &assign, NULL),
                     "site.assign");
    EXPECT_ONE_EVENT(pvi_site_transition(&v, db, &martin, id, v, PVI_TR_SUBMIT, NULL, NULL),
                     "site.submit");
    struct pvi_transition_args why = {.reason = "à revoir"};
    EXPECT_ONE_EVENT(pvi_site_transition(&v, db, &admin2, id, v, PVI_TR_REJECT, &why, NULL),
                     "site.reject");
    EXPECT_ONE_EVENT(pvi_site_transition(&v, db, &martin, id, v, PVI_TR_SUBMIT, NULL, NULL),
                     "site.submit");
    EXPECT_ONE_EVENT(pvi_site_transition(&v, db, &admin2, id, v, PVI_TR_APPROVE, NULL, NULL),
                     "site.approve");
    json_object_set_new(c, "tagline", json_string("Nouveau"));
    json_object_set_new(c, "business_name", json_string("Audit & Fils"));
    EXPECT_ONE_EVENT(pvi_site_edit(&res, db, &martin, id, v, c, NULL, NULL), "site.edit");
    v = res.version;
    EXPECT_ONE_EVENT(pvi_change_request_decide(db, &admin1, res.request_id, 0, "non", NULL),
                     "change_request.reject");
    json_object_set_new(c, "business_name", json_string("Audit et Fils"));
    v = version_of(id); /* a decision moves the version on too */
    EXPECT_ONE_EVENT(pvi_site_edit(&res, db, &martin, id, v, c, NULL, NULL), "site.edit");
    EXPECT_ONE_EVENT(pvi_change_request_decide(db, &admin1, res.request_id, 1, NULL, NULL),
                     "change_request.approve");
    v = version_of(id);
    EXPECT_ONE_EVENT(pvi_site_restore(&res, db, &admin1, id, v, 2, NULL, NULL), "site.restore");
    v = res.version;
    struct pvi_transition_args r = {.reason = "contrôle"};
    EXPECT_ONE_EVENT(pvi_site_transition(&v, db, &admin1, id, v, PVI_TR_SUSPEND, &r, NULL),
                     "site.suspend");
    EXPECT_ONE_EVENT(pvi_site_transition(&v, db, &admin1, id, v, PVI_TR_RESUME, &r, NULL),
                     "site.resume");
    EXPECT_ONE_EVENT(pvi_call_log_add(&cid, db, &martin, id, PVI_CALL_NO_ANSWER, 0, "", NULL),
                     "call.log");
    EXPECT_ONE_EVENT(pvi_site_transition(&v, db, &admin1, id, v, PVI_TR_CLOSE, NULL, NULL),
                     "site.close");
    /* refused calls leave nothing */
    long long before = audit_total();
    assert_int_equal(pvi_site_transition(&v, db, &admin1, id, v, PVI_TR_CLOSE, NULL, NULL),
                     PVI_BAD_TRANSITION);
    assert_int_equal(pvi_site_edit(&res, db, &martin, id, v, c, NULL, NULL), PVI_BAD_TRANSITION);
    assert_int_equal(audit_total(), before);
    /* events carry who and before/after */
    char *who = testenv_sql("SELECT actor_kind || ' ' || actor_label || ' ' || (before->>'state')"
                            " || ' ' || (after->>'state') FROM audit_events WHERE action ="
                            " 'site.close'");
    assert_string_equal(who, "admin admin1@pvi.test online closed");
    free(who);
    json_decref(c);
}

/* Counts of what a refused call must not have written. */
static char *
footprint(void)
{
    return testenv_sql("SELECT concat_ws(' ', (SELECT count(*) FROM audit_events),"
                       " (SELECT count(*) FROM sites), (SELECT count(*) FROM site_revisions),"
                       " (SELECT count(*) FROM call_log), (SELECT coalesce(sum(version), 0)"
                       " FROM sites))");
}

static void
only_admins_the_system_and_writing_integrators_create_sites(void **state)
{
    (void)state;
    long long client = new_client("PJ10000011");
    struct pvi_actor owner = {.role = PVI_ROLE_CLIENT, .id = client, .label = "PJ10000011"};
    static const struct {
        enum pvi_role role;
        unsigned scopes;
        enum pvi_code expect;
    } cases[] = {
        {PVI_ROLE_ADMIN, 0, PVI_OK},
        {PVI_ROLE_SYSTEM, 0, PVI_OK},
        {PVI_ROLE_INTEGRATOR, PVI_SCOPE_SITES_WRITE, PVI_OK},
        {PVI_ROLE_OPERATOR, 0, PVI_FORBIDDEN},
        {PVI_ROLE_CLIENT, 0, PVI_FORBIDDEN}, /* even for themself */
        {PVI_ROLE_INTEGRATOR, 0, PVI_FORBIDDEN},
        {PVI_ROLE_INTEGRATOR, PVI_SCOPE_SITES_READ | PVI_SCOPE_WORKFLOW, PVI_FORBIDDEN},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++) {
        struct pvi_actor a = {
            .role = cases[i].role, .id = 3, .label = "creator", .scopes = cases[i].scopes};
        if (a.role == PVI_ROLE_CLIENT)
            a = owner;
        if (a.role == PVI_ROLE_OPERATOR)
            a = martin;
        char slug[32];
        snprintf(slug, sizeof slug, "creation-%zu", i);
        struct pvi_site_new in = {.client_id = client, .slug = slug};
        char *before = footprint();
        long long id = -1;
        enum pvi_code rc = pvi_site_create(&id, db, &a, &in, NULL);
        if (rc != cases[i].expect)
            print_error("case %zu (%s): got %s\n", i, pvi_role_name(a.role), pvi_code_name(rc));
        assert_int_equal(rc, cases[i].expect);
        char *after = footprint();
        if (rc == PVI_OK) {
            assert_true(id > 0);
            assert_string_not_equal(before, after);
        } else {
            assert_string_equal(before, after); /* refused before any write */
        }
        free(before);
        free(after);
    }
}

static void
the_integrators_read_scope_governs_the_list_and_the_count(void **state)
{
    (void)state;
    long long client = new_client("PJ10000012");
    int v;
    new_site(client, "liste-integrateur", &v);
    struct pvi_actor reader = {
        .role = PVI_ROLE_INTEGRATOR, .id = 4, .label = "crm", .scopes = PVI_SCOPE_SITES_READ};
    struct pvi_actor writer = {
        .role = PVI_ROLE_INTEGRATOR, .id = 5, .label = "w", .scopes = PVI_SCOPE_SITES_WRITE};
    struct pvi_actor decider = {
        .role = PVI_ROLE_INTEGRATOR, .id = 6, .label = "d", .scopes = PVI_SCOPE_WORKFLOW};
    struct pvi_actor none = {.role = PVI_ROLE_INTEGRATOR, .id = 7, .label = "x"};
    struct pvi_actor owner = {.role = PVI_ROLE_CLIENT, .id = client, .label = "PJ10000012"};
    long long total = testenv_sql_ll("SELECT count(*) FROM sites");
    struct pvi_site_filter all = {.state = -1, .limit = 200};
    static const struct {
        int who; /* 0 reader, 1 writer, 2 decider, 3 none, 4 admin, 5 operator, 6 owner */
        enum pvi_code list, count;
    } cases[] = {
        {0, PVI_OK, PVI_FORBIDDEN},
        {1, PVI_FORBIDDEN, PVI_FORBIDDEN},
        {2, PVI_FORBIDDEN, PVI_FORBIDDEN},
        {3, PVI_FORBIDDEN, PVI_FORBIDDEN},
        {4, PVI_OK, PVI_OK},
        {5, PVI_OK, PVI_OK},
        {6, PVI_OK, PVI_FORBIDDEN},
    };
    const struct pvi_actor *actors[] = {&reader, &writer, &decider, &none,
                                        &admin1, &martin, &owner};
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++) {
        const struct pvi_actor *a = actors[cases[i].who];
        json_t *j = (json_t *)1;
        enum pvi_code rc = pvi_site_list(&j, db, a, &all, NULL);
        if (rc != cases[i].list)
            print_error("list by %s: got %s\n", a->label, pvi_code_name(rc));
        assert_int_equal(rc, cases[i].list);
        if (rc == PVI_OK) {
            /* everything, but a client's own sites for a client */
            assert_int_equal(json_array_size(json_object_get(j, "sites")),
                             a->role == PVI_ROLE_CLIENT ? 1 : (size_t)total);
            json_decref(j);
        } else {
            assert_null(j);
        }
        j = (json_t *)1;
        rc = pvi_site_count_by_state(&j, db, a);
        if (rc != cases[i].count)
            print_error("count by %s: got %s\n", a->label, pvi_code_name(rc));
        assert_int_equal(rc, cases[i].count);
        if (rc == PVI_OK) {
            json_int_t sum = 0;
            const char *k;
            json_t *n;
            json_object_foreach(j, k, n) sum += json_integer_value(n);
            assert_int_equal(sum, total);
            json_decref(j);
        } else {
            assert_null(j);
        }
    }
}

static void
reading_one_revision_is_authorised_like_the_site(void **state)
{
    (void)state;
    long long mine = new_client("PJ10000013");
    long long other = new_client("PJ10000014");
    int v;
    long long id = new_site(mine, "revision-une", &v);
    struct pvi_actor owner = {.role = PVI_ROLE_CLIENT, .id = mine, .label = "PJ10000013"};
    struct pvi_actor stranger = {.role = PVI_ROLE_CLIENT, .id = other, .label = "PJ10000014"};
    struct pvi_actor reader = {
        .role = PVI_ROLE_INTEGRATOR, .id = 4, .label = "crm", .scopes = PVI_SCOPE_SITES_READ};
    struct pvi_actor writer = {.role = PVI_ROLE_INTEGRATOR,
                               .id = 5,
                               .label = "w",
                               .scopes = PVI_SCOPE_SITES_WRITE | PVI_SCOPE_WORKFLOW};
    static const struct {
        int who; /* 0 owner, 1 another client, 2 reader, 3 integrator without sites:read,
                    4 operator, 5 admin */
        int number;
        enum pvi_code expect;
    } cases[] = {
        {0, 1, PVI_OK},
        {1, 1, PVI_NOT_FOUND},
        {2, 1, PVI_OK},
        {3, 1, PVI_FORBIDDEN},
        {4, 1, PVI_OK},
        {5, 1, PVI_OK},
        /* a revision that does not exist, and a site that does not */
        {0, 9, PVI_NOT_FOUND},
        {1, 9, PVI_NOT_FOUND},
    };
    const struct pvi_actor *actors[] = {&owner, &stranger, &reader, &writer, &martin, &admin1};
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++) {
        json_t *j = (json_t *)1;
        enum pvi_code rc = pvi_revision_get(&j, db, actors[cases[i].who], id, cases[i].number);
        if (rc != cases[i].expect)
            print_error("case %zu: got %s\n", i, pvi_code_name(rc));
        assert_int_equal(rc, cases[i].expect);
        if (rc == PVI_OK) {
            assert_int_equal(json_integer_value(json_object_get(j, "number")), 1);
            assert_true(json_is_object(json_object_get(j, "content")));
            json_decref(j);
        } else {
            assert_null(j);
        }
    }
    json_t *j = NULL;
    assert_int_equal(pvi_revision_get(&j, db, &owner, 999999, 1), PVI_NOT_FOUND);
}

static void
call_log_notes_refuse_markup_and_length(void **state)
{
    (void)state;
    long long client = new_client("PJ10000015");
    int v;
    long long id = new_site(client, "notes-appel", &v);
    static char long_notes[2100];
    memset(long_notes, 'n', 2001);
    static const struct {
        const char *notes;
        enum pvi_code expect;
        enum pvi_code at_notes;
    } cases[] = {
        {"<b>gras</b>", PVI_VALIDATION, PVI_MARKUP},
        {"rappeler <script>x()</script>", PVI_VALIDATION, PVI_MARKUP},
        {"</i>", PVI_VALIDATION, PVI_MARKUP},
        {long_notes, PVI_VALIDATION, PVI_TOO_LONG},
        {"2 < 3 et 5 > 4 : pas une balise", PVI_OK, PVI_OK},
        {"Rappeler après 14h", PVI_OK, PVI_OK},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++) {
        struct pvi_errors e = {0};
        long long before = testenv_sql_ll("SELECT count(*) FROM call_log");
        long long cid = -1;
        enum pvi_code rc =
            pvi_call_log_add(&cid, db, &martin, id, PVI_CALL_REACHED, 0, cases[i].notes, &e);
        if (rc != cases[i].expect)
            print_error("case %zu: got %s\n", i, pvi_code_name(rc));
        assert_int_equal(rc, cases[i].expect);
        if (rc == PVI_OK) {
            assert_int_equal(e.n, 0);
            assert_int_equal(testenv_sql_ll("SELECT count(*) FROM call_log"), before + 1);
        } else {
            assert_int_equal(e.n, 1);
            assert_int_equal(pvi_errors_find(&e, "notes")->code, cases[i].at_notes);
            assert_int_equal(testenv_sql_ll("SELECT count(*) FROM call_log"), before);
        }
        pvi_errors_clear(&e);
    }
}

/* A text of n characters, each 'é' (two bytes): the cap counts characters. */
static char *
reason_of(size_t n)
{
    char *r = pvi_malloc(2 * n + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(r + 2 * i, "\xC3\xA9", 2);
    r[2 * n] = '\0';
    return r;
}

static void
reasons_are_capped_at_a_thousand_characters(void **state)
{
    (void)state;
    long long client = new_client("PJ10000016");
    int v;
    long long id = new_site(client, "motifs-longs", &v);
    struct pvi_transition_args assign = {.operator_id = op_martin};
    assert_int_equal(pvi_site_transition(&v, db, &admin1, id, v, PVI_TR_ASSIGN, &assign, NULL),
                     PVI_OK);
    json_t *c = complete();
    json_object_set_new(c, "domains", json_pack("[s]", "motifs-longs.fr"));
    struct pvi_edit_result res;
    assert_int_equal(pvi_site_edit(&res, db, &martin, id, v, c, NULL, NULL), PVI_OK);
    json_decref(c);
    v = res.version;
    assert_int_equal(pvi_site_transition(&v, db, &martin, id, v, PVI_TR_SUBMIT, NULL, NULL),
                     PVI_OK);
    char *too_long = reason_of(1001), *longest = reason_of(1000);
    /* review → collecting, online → suspended, suspended → online: each with
     * a reason of 1001 characters (refused), then of 1000 (accepted); the
     * approval in between takes the site online */
    static const enum pvi_transition steps[] = {PVI_TR_REJECT, PVI_TR_SUSPEND, PVI_TR_RESUME};
    for (size_t i = 0; i < PVI_COUNT_OF(steps); i++) {
        if (steps[i] == PVI_TR_SUSPEND) {
            assert_int_equal(pvi_site_transition(&v, db, &martin, id, v, PVI_TR_SUBMIT, NULL, NULL),
                             PVI_OK);
            assert_int_equal(
                pvi_site_transition(&v, db, &admin1, id, v, PVI_TR_APPROVE, NULL, NULL), PVI_OK);
        }
        struct pvi_errors e = {0};
        char *before = footprint();
        struct pvi_transition_args args = {.reason = too_long};
        assert_int_equal(pvi_site_transition(&v, db, &admin1, id, v, steps[i], &args, &e),
                         PVI_VALIDATION);
        const struct pvi_field_error *fe = pvi_errors_find(&e, "reason");
        assert_non_null(fe);
        assert_int_equal(fe->code, PVI_TOO_LONG);
        assert_string_equal(testenv_error_fr(fe), "1000 caractères au maximum.");
        char *after = footprint();
        assert_string_equal(before, after);
        free(before);
        free(after);
        pvi_errors_clear(&e);
        args.reason = longest;
        enum pvi_code rc = pvi_site_transition(&v, db, &admin1, id, v, steps[i], &args, &e);
        if (rc != PVI_OK)
            print_error("%s with 1000 characters: %s\n", pvi_transition_name(steps[i]),
                        pvi_code_name(rc));
        assert_int_equal(rc, PVI_OK);
        assert_int_equal(e.n, 0);
        struct pvi_site *s = NULL;
        assert_int_equal(pvi_site_get(&s, db, &sys, id), PVI_OK);
        assert_string_equal(s->state_reason, longest);
        pvi_site_free(s);
    }
    free(too_long);
    free(longest);
}

static void
an_unknown_or_retired_charter_is_not_in_the_list(void **state)
{
    (void)state;
    free(testenv_sql("INSERT INTO charters (name, label, description, active) VALUES"
                     " ('retro', 'Rétro', 'Retirée.', false)"));
    long long client = new_client("PJ10000017");
    int v;
    long long id = new_site(client, "charte-inconnue", &v);
    static const char *const charters[] = {"inexistante", "retro"};
    for (size_t i = 0; i < PVI_COUNT_OF(charters); i++) {
        json_t *c = complete();
        json_object_set_new(c, "charter", json_string(charters[i]));
        struct pvi_errors e = {0};
        char *before = footprint();
        /* in an edit */
        assert_int_equal(pvi_site_edit(NULL, db, &admin1, id, v, c, NULL, &e), PVI_VALIDATION);
        const struct pvi_field_error *fe = pvi_errors_find(&e, "charter");
        assert_non_null(fe);
        assert_int_equal(fe->code, PVI_NOT_IN_LIST);
        assert_int_equal(fe->msg, PVI_MSG_CONTENT_CHARTER_UNKNOWN);
        pvi_errors_clear(&e);
        /* and at creation */
        struct pvi_site_new in = {.client_id = client, .slug = "charte-creation", .content = c};
        assert_int_equal(pvi_site_create(NULL, db, &admin1, &in, &e), PVI_VALIDATION);
        assert_int_equal(pvi_errors_find(&e, "charter")->code, PVI_NOT_IN_LIST);
        pvi_errors_clear(&e);
        char *after = footprint();
        assert_string_equal(before, after);
        free(before);
        free(after);
        json_decref(c);
    }
    /* a charter that exists is accepted */
    json_t *c = complete();
    json_object_set_new(c, "charter", json_string("azur"));
    assert_int_equal(pvi_site_edit(NULL, db, &admin1, id, v, c, NULL, NULL), PVI_OK);
    json_decref(c);
}

static void
audit_trail_is_append_only(void **state)
{
    (void)state;
    /* the trigger refuses UPDATE and DELETE, even to the table's owner */
    char *sql = pvi_asprintf("DO $$ BEGIN BEGIN DELETE FROM audit_events; RAISE EXCEPTION"
                             " 'deleted'; EXCEPTION WHEN integrity_constraint_violation THEN"
                             " NULL; END; END $$");
    free(testenv_sql(sql));
    free(sql);
    assert_true(audit_total() > 0);
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM (SELECT 1) x WHERE EXISTS (SELECT 1"
                                    " FROM pg_trigger WHERE tgname = 'site_revisions_immutable')"),
                     1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(client_creation_validates_every_field_and_refuses_duplicates),
        cmocka_unit_test(whole_workflow_from_order_to_online_with_its_rules),
        cmocka_unit_test(online_edits_publish_simple_fields_and_queue_sensitive_ones),
        cmocka_unit_test(stale_version_is_refused_and_changes_nothing),
        cmocka_unit_test(two_concurrent_writers_on_one_version_exactly_one_wins),
        cmocka_unit_test(revisions_diff_restore_and_provenance),
        cmocka_unit_test(a_client_never_sees_another_clients_site),
        cmocka_unit_test(domains_are_unique_platform_wide),
        cmocka_unit_test(call_log_and_audit_trail),
        cmocka_unit_test(every_mutating_call_leaves_exactly_its_event),
        cmocka_unit_test(only_admins_the_system_and_writing_integrators_create_sites),
        cmocka_unit_test(the_integrators_read_scope_governs_the_list_and_the_count),
        cmocka_unit_test(reading_one_revision_is_authorised_like_the_site),
        cmocka_unit_test(call_log_notes_refuse_markup_and_length),
        cmocka_unit_test(reasons_are_capped_at_a_thousand_characters),
        cmocka_unit_test(an_unknown_or_retired_charter_is_not_in_the_list),
        cmocka_unit_test(audit_trail_is_append_only),
    };
    return cmocka_run_group_tests_name("site", tests, setup, teardown);
}
