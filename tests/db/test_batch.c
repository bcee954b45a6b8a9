/* test_batch.c — batch actions (pvi_batch.h) on the demo data: a selection
 * recorded from the site list's filter, applied one site at a time by the
 * worker through the single action's operation (each site audited as that
 * action by the admin who started it), a refusal reported with libpvi's
 * reason while the rest goes on, the reason and operator checked up front,
 * an admin disabled meanwhile, an item interrupted by a worker that
 * stopped. Who may call what is in test_permissions.c. */
#include "testenv.h"

#include "pvi/pvi_auth.h"
#include "pvi/pvi_batch.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_seed.h"
#include "pvi/pvi_site.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct pvi_db *db;
static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "test_batch"};
static struct pvi_actor admin = {.role = PVI_ROLE_ADMIN, .label = PVI_SEED_ADMIN_EMAIL};

static int
setup(void **state)
{
    (void)state;
    db = testenv_db_open();
    testenv_db_reset(db);
    assert_int_equal(pvi_seed_demo(NULL, db, testenv_require("PVI_DB_URL"), &sys, NULL, NULL),
                     PVI_OK);
    char *sql = pvi_asprintf("SELECT id FROM admin_users WHERE email = '%s'", PVI_SEED_ADMIN_EMAIL);
    admin.id = testenv_sql_ll(sql);
    free(sql);
    assert_true(admin.id > 0);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    pvi_db_close(db);
    return 0;
}

/* Runs the worker until no item is pending. */
static void
run_all(void)
{
    for (int i = 0; i < 1000; i++) {
        int done = 0;
        assert_int_equal(pvi_batch_run(&done, db, 50), PVI_OK);
        if (done == 0)
            return;
    }
    fail_msg("the batch never ended");
}

static long long count(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static long long
count(const char *fmt, ...)
{
    char sql[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    return testenv_sql_ll(sql);
}

static void
a_suspension_applies_to_each_site_and_reports_the_one_refused(void **state)
{
    (void)state;
    struct pvi_site_filter online = {.state = PVI_STATE_ONLINE};
    long long n = 0;
    assert_int_equal(pvi_batch_count(&n, db, &admin, &online), PVI_OK);
    long long want = testenv_sql_ll("SELECT count(*) FROM sites WHERE state = 'online'");
    assert_true(want > 100);
    assert_int_equal(n, want);

    long long id = 0;
    struct pvi_batch_new in = {.kind = PVI_BATCH_SUSPEND,
                               .reason = "Impayé : relance sans réponse",
                               .sites = &online,
                               .query = "state=online"};
    struct pvi_errors errs = {0};
    assert_int_equal(pvi_batch_create(&id, db, &admin, &in, &errs), PVI_OK);
    assert_int_equal(errs.n, 0);
    assert_int_equal(count("SELECT count(*) FROM batch_items WHERE batch_id = %lld", id), want);
    assert_int_equal(count("SELECT count(*) FROM audit_events WHERE action = 'batch.create'"
                           " AND object_id = %lld",
                           id),
                     1);

    /* meanwhile someone suspends one of them on its own */
    long long first =
        count("SELECT site_id FROM batch_items WHERE batch_id = %lld AND position = 1", id);
    struct pvi_site *s = NULL;
    assert_int_equal(pvi_site_get(&s, db, &admin, first), PVI_OK);
    struct pvi_transition_args why = {.reason = "Demande du client"};
    assert_int_equal(
        pvi_site_transition(NULL, db, &admin, first, s->version, PVI_TR_SUSPEND, &why, NULL),
        PVI_OK);
    pvi_site_free(s);

    json_t *b = NULL;
    assert_int_equal(pvi_batch_get(&b, db, &admin, id), PVI_OK);
    assert_string_equal(json_string_value(json_object_get(b, "state")), "running");
    assert_int_equal(json_integer_value(json_object_get(b, "pending")), want);
    json_decref(b);

    run_all();

    assert_int_equal(pvi_batch_get(&b, db, &admin, id), PVI_OK);
    assert_string_equal(json_string_value(json_object_get(b, "state")), "done");
    assert_int_equal(json_integer_value(json_object_get(b, "total")), want);
    assert_int_equal(json_integer_value(json_object_get(b, "done")), want - 1);
    assert_int_equal(json_integer_value(json_object_get(b, "refused")), 1);
    assert_int_equal(json_integer_value(json_object_get(b, "pending")), 0);
    assert_non_null(json_string_value(json_object_get(b, "finished_at")));
    json_t *items = json_object_get(b, "items");
    assert_int_equal(json_array_size(items), 1);
    json_t *refused = json_array_get(items, 0);
    assert_int_equal(json_integer_value(json_object_get(refused, "site_id")), first);
    assert_string_equal(json_string_value(json_object_get(refused, "code")), "bad_transition");
    json_t *e = json_array_get(json_object_get(refused, "errors"), 0);
    assert_string_equal(json_string_value(json_object_get(e, "key")), "transition.suspend_state");
    char *text = pvi_batch_error_text(e, PVI_LANG_FR);
    assert_string_equal(text, "Seul un site en ligne peut être suspendu.");
    free(text);
    json_decref(b);

    /* every other site: suspended with the batch's reason, audited as a
     * suspension by the admin, one event each */
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM sites WHERE state = 'online'"), 0);
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM sites WHERE state_reason ="
                                    " 'Impayé : relance sans réponse'"),
                     want - 1);
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM audit_events WHERE action = 'site.suspend' AND actor_kind ="
             " 'admin' AND actor_id = %lld",
             admin.id);
    assert_int_equal(testenv_sql_ll(sql), want); /* the batch's and the one on its own */
    /* and a publication job for each */
    assert_true(testenv_sql_ll("SELECT count(*) FROM publication_jobs WHERE kind = 'suspend'"
                               " AND state = 'pending'") >= want);
}

static void
a_republication_refuses_sites_that_are_not_published(void **state)
{
    (void)state;
    struct pvi_site_filter any = {.state = -1, .q = "demo"};
    long long jobs0 = testenv_sql_ll("SELECT count(*) FROM publication_jobs");
    long long published = testenv_sql_ll(
        "SELECT count(*) FROM sites WHERE (slug LIKE '%demo%' OR business_name ILIKE '%demo%')"
        " AND state IN ('online', 'suspended')");
    long long id = 0;
    struct pvi_batch_new in = {.kind = PVI_BATCH_REPUBLISH, .sites = &any};
    assert_int_equal(pvi_batch_create(&id, db, &admin, &in, NULL), PVI_OK);
    long long total = count("SELECT total FROM batches WHERE id = %lld", id);
    assert_true(total >= 4); /* demo, demo-classique, demo-azur, demo-terroir */
    run_all();
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM publication_jobs") - jobs0, published);
    assert_int_equal(count("SELECT count(*) FROM batch_items WHERE batch_id = %lld AND state ="
                           " 'done'",
                           id),
                     published);
    /* the others (if any) say why */
    assert_int_equal(count("SELECT count(*) FROM batch_items WHERE batch_id = %lld AND state ="
                           " 'refused' AND errors->0->>'key' <> 'transition.republish_state'",
                           id),
                     0);
}

static void
reason_operator_and_selection_are_checked_before_anything_is_recorded(void **state)
{
    (void)state;
    long long before = testenv_sql_ll("SELECT count(*) FROM batches");
    struct pvi_site_filter online = {.state = PVI_STATE_SUSPENDED};
    struct pvi_errors errs = {0};
    struct pvi_batch_new in = {.kind = PVI_BATCH_SUSPEND, .reason = " \t\u00a0", .sites = &online};
    long long id = 0;
    assert_int_equal(pvi_batch_create(&id, db, &admin, &in, &errs), PVI_REASON_REQUIRED);
    assert_non_null(pvi_errors_find(&errs, "reason"));
    pvi_errors_clear(&errs);

    struct pvi_batch_new assign = {
        .kind = PVI_BATCH_ASSIGN, .operator_id = 999999, .sites = &online};
    assert_int_equal(pvi_batch_create(&id, db, &admin, &assign, &errs), PVI_VALIDATION);
    assert_non_null(pvi_errors_find(&errs, "operator_id"));
    pvi_errors_clear(&errs);

    struct pvi_site_filter nothing = {.state = -1, .q = "aucun site ne porte ce nom"};
    struct pvi_batch_new none = {.kind = PVI_BATCH_REPUBLISH, .sites = &nothing};
    assert_int_equal(pvi_batch_create(&id, db, &admin, &none, &errs), PVI_VALIDATION);
    const struct pvi_field_error *fe = pvi_errors_find(&errs, "sites");
    assert_non_null(fe);
    assert_string_equal(testenv_error_fr(fe), "Aucun site ne correspond à cette sélection.");
    pvi_errors_clear(&errs);
    assert_int_equal(id, 0);
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM batches"), before);
}

static void
sites_left_when_the_admin_is_disabled_are_refused(void **state)
{
    (void)state;
    long long other = 0;
    assert_int_equal(pvi_admin_create(&other, db, &sys, "second@pvi.test", "Second",
                                      "second-password-2026", NULL),
                     PVI_OK);
    struct pvi_actor second = {.role = PVI_ROLE_ADMIN, .id = other, .label = "second@pvi.test"};
    struct pvi_site_filter collecting = {.state = PVI_STATE_COLLECTING};
    long long op = testenv_sql_ll("SELECT id FROM operators WHERE active ORDER BY id LIMIT 1");
    struct pvi_batch_new in = {.kind = PVI_BATCH_ASSIGN, .operator_id = op, .sites = &collecting};
    long long id = 0;
    assert_int_equal(pvi_batch_create(&id, db, &second, &in, NULL), PVI_OK);
    assert_int_equal(pvi_admin_set_active(db, &sys, other, 0), PVI_OK);
    long long assigned0 = testenv_sql_ll("SELECT count(*) FROM audit_events WHERE action ="
                                         " 'site.assign'");
    run_all();
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM audit_events WHERE action ="
                                    " 'site.assign'"),
                     assigned0);
    long long total = count("SELECT total FROM batches WHERE id = %lld", id);
    assert_int_equal(count("SELECT count(*) FROM batch_items WHERE batch_id = %lld AND state ="
                           " 'refused' AND code = 'forbidden' AND errors->0->>'key' ="
                           " 'batch.actor_disabled'",
                           id),
                     total);
}

static void
an_item_a_stopped_worker_was_applying_is_interrupted_not_applied_again(void **state)
{
    (void)state;
    struct pvi_site_filter review = {.state = PVI_STATE_REVIEW};
    long long id = 0;
    struct pvi_batch_new in = {.kind = PVI_BATCH_REPUBLISH, .sites = &review};
    assert_int_equal(pvi_batch_create(&id, db, &admin, &in, NULL), PVI_OK);
    /* a worker took the first item eleven minutes ago and never came back */
    char sql[256];
    snprintf(sql, sizeof sql,
             "UPDATE batch_items SET state = 'running', started_at = now() - interval '11"
             " minutes' WHERE batch_id = %lld AND position = 1",
             id);
    free(testenv_sql(sql));
    run_all();
    assert_int_equal(count("SELECT count(*) FROM batch_items WHERE batch_id = %lld AND position ="
                           " 1 AND state = 'interrupted' AND code IS NULL",
                           id),
                     1);
    assert_int_equal(count("SELECT count(*) FROM batch_items WHERE batch_id = %lld AND state IN"
                           " ('pending', 'running')",
                           id),
                     0);
    json_t *b = NULL;
    assert_int_equal(pvi_batch_get(&b, db, &admin, id), PVI_OK);
    assert_string_equal(json_string_value(json_object_get(b, "state")), "done");
    assert_int_equal(json_integer_value(json_object_get(b, "interrupted")), 1);
    json_decref(b);

    json_t *list = NULL;
    assert_int_equal(pvi_batch_list(&list, db, &admin), PVI_OK);
    assert_true(json_array_size(list) >= 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(list, 0), "id")), id);
    json_decref(list);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_suspension_applies_to_each_site_and_reports_the_one_refused),
        cmocka_unit_test(a_republication_refuses_sites_that_are_not_published),
        cmocka_unit_test(reason_operator_and_selection_are_checked_before_anything_is_recorded),
        cmocka_unit_test(sites_left_when_the_admin_is_disabled_are_refused),
        cmocka_unit_test(an_item_a_stopped_worker_was_applying_is_interrupted_not_applied_again),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
