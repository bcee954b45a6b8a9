/* test_seed_db.c — loading generated data (pvi_seed_load, pvi_seed_demo) against
 * the real database: counts per state, every online site readable through
 * libpvi with a published content that validates, domains only where they
 * belong, one audit event per run, the operators, working client logins, a
 * second seed into a populated database, a seeded site through the normal
 * workflow, and the demo data set (twice). */
#include "testenv.h"
#include "pvi/pvi_mem.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_seed.h"
#include "pvi/pvi_site.h"
#include "pvi/pvi_validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct pvi_db *db;
static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "test-seed"};
static const struct pvi_actor admin = {.role = PVI_ROLE_ADMIN, .id = 1, .label = "admin@pvi.test"};

static int
setup(void **state)
{
    (void)state;
    db = testenv_db_open();
    testenv_db_reset(db);
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
count(const char *sql)
{
    return testenv_sql_ll(sql);
}

static long long
count_state(const char *state)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM sites WHERE state = '%s'", state);
    return count(sql);
}

/* Reads every site of a state through libpvi; checks its content. */
static size_t
check_sites_in_state(enum pvi_site_state st)
{
    size_t seen = 0;
    char *after = NULL;
    for (;;) {
        struct pvi_site_filter f = {.state = (int)st, .after = after, .limit = 200};
        json_t *page = NULL;
        assert_int_equal(pvi_site_list(&page, db, &sys, &f, NULL), PVI_OK);
        json_t *list = json_object_get(page, "sites");
        size_t n = json_array_size(list);
        for (size_t i = 0; i < n; i++) {
            long long id = json_integer_value(json_object_get(json_array_get(list, i), "id"));
            struct pvi_site *s = NULL;
            assert_int_equal(pvi_site_get(&s, db, &sys, id), PVI_OK);
            assert_int_equal(s->state, st);
            assert_int_equal(s->draft_number, 1);
            const json_t *content = s->published ? s->published : s->draft;
            assert_non_null(content);
            struct pvi_errors e = {0};
            if (pvi_content_validate(NULL, content, &e) != PVI_OK) {
                for (size_t k = 0; k < e.n; k++)
                    print_error("site %s: %s: %s\n", s->slug, e.v[k].path,
                                pvi_code_name(e.v[k].code));
                fail();
            }
            if (st == PVI_STATE_ONLINE || st == PVI_STATE_SUSPENDED) {
                assert_non_null(s->published);
                assert_int_equal(s->published_number, 1);
                assert_int_equal(pvi_content_check_complete(s->published, 1, &e), PVI_OK);
                assert_string_equal(s->business_name, json_string_value(json_object_get(
                                                          s->published, "business_name")));
                assert_string_equal(s->charter,
                                    json_string_value(json_object_get(s->published, "charter")));
            }
            if (st == PVI_STATE_COLLECTING || st == PVI_STATE_REVIEW) {
                assert_true(s->operator_id > 0);
                assert_non_null(s->operator_name);
            }
            pvi_errors_clear(&e);
            pvi_site_free(s);
            seen++;
        }
        free(after);
        const char *next = json_string_value(json_object_get(page, "next"));
        after = next ? pvi_strdup(next) : NULL;
        json_decref(page);
        if (after == NULL)
            break;
    }
    return seen;
}

static void
progress_counter(void *ctx, const char *phase, size_t done, size_t total)
{
    (void)done;
    (void)total;
    if (strcmp(phase, "generate") == 0)
        (*(int *)ctx)++;
}

static void
seed_2000_sites_1500_clients(void **state)
{
    (void)state;
    int calls = 0;
    struct pvi_seed_opts o = {.sites = 2000,
                              .clients = 1500,
                              .seed = 11,
                              .progress = progress_counter,
                              .progress_ctx = &calls};
    struct pvi_seed_report rep;
    assert_int_equal(pvi_seed_load(&rep, testenv_require("PVI_DB_URL"), &sys, &o), PVI_OK);
    assert_int_equal(calls, 10); /* one line per tenth */
    assert_int_equal(rep.sites, 2000);
    assert_int_equal(rep.clients, 1500);
    assert_string_equal(rep.first_customer, "PJ10000001");
    assert_string_equal(rep.last_customer, "PJ10001500");
    assert_int_equal(count("SELECT count(*) FROM sites"), 2000);
    assert_int_equal(count("SELECT count(*) FROM clients"), 1500);
    assert_int_equal(count("SELECT count(*) FROM site_revisions"), 2000);
    assert_int_equal(count("SELECT count(*) FROM clients c WHERE NOT EXISTS"
                           " (SELECT 1 FROM sites s WHERE s.client_id = c.id)"),
                     0);

    /* counts per state: the report, the table and the default mix agree */
    static const char *const names[] = {"ordered", "collecting", "review",
                                        "online",  "suspended",  "closed"};
    static const long long expect[] = {40, 80, 80, 1700, 60, 40};
    for (int st = 0; st <= PVI_STATE_CLOSED; st++) {
        assert_int_equal(count_state(names[st]), (long long)rep.by_state[st]);
        assert_in_range(rep.by_state[st], expect[st] - 3, expect[st] + 3);
    }

    /* every site readable through libpvi; online ones with a valid published content */
    for (int st = 0; st <= PVI_STATE_CLOSED; st++)
        assert_int_equal(check_sites_in_state((enum pvi_site_state)st), rep.by_state[st]);

    /* domains: unique, only for online and suspended sites, all of their content's */
    assert_int_equal(count("SELECT count(*) - count(DISTINCT host) FROM domains"), 0);
    assert_int_equal(count("SELECT count(*) FROM domains d JOIN sites s ON s.id = d.site_id"
                           " WHERE s.state NOT IN ('online', 'suspended')"),
                     0);
    assert_int_equal(count("SELECT count(*) FROM domains"),
                     count("SELECT coalesce(sum(jsonb_array_length(r.content->'domains')), 0)"
                           " FROM sites s JOIN site_revisions r ON r.id = s.published_revision_id"
                           " WHERE s.state IN ('online', 'suspended')"));
    assert_int_equal(count("SELECT count(*) FROM domains"), (long long)rep.domains);
    assert_true(rep.domains > 400);

    /* one publication job per online (publish) or suspended (suspend) site */
    assert_int_equal(count("SELECT count(*) FROM publication_jobs WHERE kind = 'publish'"),
                     (long long)rep.by_state[PVI_STATE_ONLINE]);
    assert_int_equal(count("SELECT count(*) FROM publication_jobs WHERE kind = 'suspend'"),
                     (long long)rep.by_state[PVI_STATE_SUSPENDED]);
    assert_int_equal(count("SELECT count(*) FROM publication_jobs j JOIN sites s"
                           " ON s.id = j.site_id WHERE j.revision_id <> s.published_revision_id"),
                     0);

    /* one audit event for the whole run, by the system actor, with the counts */
    assert_int_equal(count("SELECT count(*) FROM audit_events"), 1);
    assert_int_equal(count("SELECT count(*) FROM audit_events WHERE action = 'seed.load'"
                           " AND actor_kind = 'system' AND actor_label = 'test-seed'"
                           " AND (after->>'sites')::int = 2000"
                           " AND (after->'states'->>'online')::int > 1600"),
                     1);

    /* the demo directory's operators */
    assert_int_equal(count("SELECT count(*) FROM operators WHERE active AND ("
                           " (ldap_uid = 'op.martin' AND display_name = 'Claire Martin'"
                           "  AND ldap_dn = 'uid=op.martin,ou=people,dc=pvi,dc=test') OR"
                           " (ldap_uid = 'op.durand' AND display_name = 'Julien Durand') OR"
                           " (ldap_uid = 'op.petit' AND display_name = 'Sophie Petit'))"),
                     3);

    /* SIRETs: 14 digits; customer numbers and phones as the rules want */
    assert_int_equal(count("SELECT count(*) FROM clients WHERE siret LIKE '356000000%'"), 0);
    char *siret = testenv_sql("SELECT siret FROM clients ORDER BY customer_number LIMIT 1");
    assert_int_equal(pvi_siret_check(siret), PVI_OK);
    free(siret);

    /* generated clients log in with the shared demo password */
    struct pvi_session *session = NULL;
    assert_int_equal(
        pvi_login_client(&session, db, "PJ10000001", PVI_SEED_CLIENT_PASSWORD, "127.0.0.1", NULL),
        PVI_OK);
    pvi_session_free(session);
    assert_int_equal(
        pvi_login_client(&session, db, "PJ10000002", "not-the-password", "127.0.0.1", NULL),
        PVI_BAD_CREDENTIALS);
}

static void
a_second_seed_into_a_populated_database_does_not_collide(void **state)
{
    (void)state;
    long long sites = count("SELECT count(*) FROM sites");
    long long clients = count("SELECT count(*) FROM clients");
    /* the same seed again: same businesses, so every slug and host collides
     * unless the loader reserved the existing ones */
    struct pvi_seed_opts o = {.sites = 300, .clients = 200, .seed = 11, .no_jobs = 1};
    struct pvi_seed_report rep;
    long long jobs = count("SELECT count(*) FROM publication_jobs");
    assert_int_equal(pvi_seed_load(&rep, testenv_require("PVI_DB_URL"), &sys, &o), PVI_OK);
    assert_int_equal(count("SELECT count(*) FROM sites"), sites + 300);
    assert_int_equal(count("SELECT count(*) FROM clients"), clients + 200);
    assert_string_equal(rep.first_customer, "PJ10001501");
    assert_int_equal(count("SELECT count(*) FROM publication_jobs"), jobs); /* --no-jobs */
    assert_int_equal(count("SELECT count(*) FROM audit_events WHERE action = 'seed.load'"), 2);
    assert_int_equal(count("SELECT count(*) FROM operators"), 3);
    /* refused arguments */
    struct pvi_seed_opts bad = {.sites = 10, .clients = 0};
    assert_int_equal(pvi_seed_load(NULL, testenv_require("PVI_DB_URL"), &sys, &bad),
                     PVI_BAD_REQUEST);
    struct pvi_seed_opts ok = {.sites = 1, .clients = 1};
    assert_int_equal(pvi_seed_load(NULL, testenv_require("PVI_DB_URL"), &admin, &ok),
                     PVI_FORBIDDEN);
}

static void
a_seeded_review_site_goes_through_the_normal_workflow(void **state)
{
    (void)state;
    struct pvi_site_filter f = {.state = PVI_STATE_REVIEW, .limit = 1};
    json_t *list = NULL;
    assert_int_equal(pvi_site_list(&list, db, &sys, &f, NULL), PVI_OK);
    long long id = json_integer_value(
        json_object_get(json_array_get(json_object_get(list, "sites"), 0), "id"));
    json_decref(list);
    struct pvi_site *s = NULL;
    assert_int_equal(pvi_site_get(&s, db, &sys, id), PVI_OK);
    struct pvi_errors e = {0};
    int version = 0;
    assert_int_equal(
        pvi_site_transition(&version, db, &admin, id, s->version, PVI_TR_APPROVE, NULL, &e),
        PVI_OK);
    pvi_site_free(s);
    assert_int_equal(pvi_site_get(&s, db, &sys, id), PVI_OK);
    assert_int_equal(s->state, PVI_STATE_ONLINE);
    assert_int_equal(s->published_number, 1);
    pvi_site_free(s);
    pvi_errors_clear(&e);
}

static void
demo_mode_creates_the_demo_sites_and_accounts_and_runs_twice(void **state)
{
    (void)state;
    long long before = count("SELECT count(*) FROM sites");
    struct pvi_seed_report rep;
    assert_int_equal(pvi_seed_demo(&rep, db, testenv_require("PVI_DB_URL"), &sys, NULL, NULL),
                     PVI_OK);
    assert_false(rep.already_there);
    assert_true(rep.admin_created);
    assert_int_equal(count("SELECT count(*) FROM sites"), before + (long long)rep.sites);
    assert_in_range(rep.sites, 250, 400);
    for (int st = 0; st <= PVI_STATE_CLOSED; st++)
        assert_true(rep.by_state[st] >= 5); /* every lifecycle state */

    static const struct {
        const char *slug, *charter;
    } want[] = {
        {"demo", "classique"},
        {"demo-classique", "classique"},
        {"demo-azur", "azur"},
        {"demo-terroir", "terroir"},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(want); i++) {
        struct pvi_site *s = NULL;
        assert_int_equal(pvi_site_get_by_slug(&s, db, &sys, want[i].slug), PVI_OK);
        assert_int_equal(s->state, PVI_STATE_ONLINE);
        assert_non_null(s->published);
        assert_string_equal(s->charter, want[i].charter);
        if (i == 0) {
            assert_string_equal(s->customer_number, PVI_SEED_DEMO_CUSTOMER);
            assert_string_equal(s->business_name, "Au Fournil de la Place");
            assert_true(json_array_size(json_object_get(s->published, "services")) >= 6);
        }
        pvi_site_free(s);
    }
    assert_int_equal(count("SELECT count(*) FROM publication_jobs j JOIN sites s"
                           " ON s.id = j.site_id WHERE s.slug = 'demo' AND j.kind = 'publish'"),
                     1);

    /* the demo accounts */
    struct pvi_session *session = NULL;
    assert_int_equal(pvi_login_client(&session, db, PVI_SEED_DEMO_CUSTOMER,
                                      PVI_SEED_CLIENT_PASSWORD, "127.0.0.1", NULL),
                     PVI_OK);
    pvi_session_free(session);
    assert_int_equal(pvi_login_admin(&session, db, PVI_SEED_ADMIN_EMAIL, PVI_SEED_ADMIN_PASSWORD,
                                     "127.0.0.1", NULL),
                     PVI_OK);
    pvi_session_free(session);

    /* twice: nothing more, no error */
    long long sites = count("SELECT count(*) FROM sites");
    long long events = count("SELECT count(*) FROM audit_events WHERE action = 'seed.load'");
    assert_int_equal(pvi_seed_demo(&rep, db, testenv_require("PVI_DB_URL"), &sys, NULL, NULL),
                     PVI_OK);
    assert_true(rep.already_there);
    assert_false(rep.admin_created);
    assert_int_equal(count("SELECT count(*) FROM sites"), sites);
    assert_int_equal(count("SELECT count(*) FROM audit_events WHERE action = 'seed.load'"), events);
}

static void
demo_mode_on_an_empty_database(void **state)
{
    (void)state;
    testenv_db_reset(db);
    struct pvi_seed_report rep;
    assert_int_equal(pvi_seed_demo(&rep, db, testenv_require("PVI_DB_URL"), &sys, NULL, NULL),
                     PVI_OK);
    assert_string_equal(rep.first_customer, PVI_SEED_DEMO_CUSTOMER);
    assert_int_equal(count("SELECT count(*) FROM sites WHERE slug IN ('demo', 'demo-classique',"
                           " 'demo-azur', 'demo-terroir') AND state = 'online'"),
                     4);
    assert_int_equal(count("SELECT count(*) FROM domains WHERE host = 'fournil-demo.localhost'"),
                     1);
    /* then a plain seed after it numbers its clients above PJ10000000 */
    struct pvi_seed_opts o = {.sites = 50, .clients = 40, .seed = 3};
    assert_int_equal(pvi_seed_load(&rep, testenv_require("PVI_DB_URL"), &sys, &o), PVI_OK);
    assert_string_equal(rep.first_customer, "PJ10000001");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seed_2000_sites_1500_clients),
        cmocka_unit_test(a_second_seed_into_a_populated_database_does_not_collide),
        cmocka_unit_test(a_seeded_review_site_goes_through_the_normal_workflow),
        cmocka_unit_test(demo_mode_creates_the_demo_sites_and_accounts_and_runs_twice),
        cmocka_unit_test(demo_mode_on_an_empty_database),
    };
    return cmocka_run_group_tests_name("seed_db", tests, setup, teardown);
}
