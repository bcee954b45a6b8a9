/* test_operator_stats.c — the operators' workload (pvi_operator_stats.h)
 * against PostgreSQL, on fixtures made through libpvi: the queue counts the
 * sites assigned in collecting only; a call-back whose time has come is
 * due, a future one is not, a later call of the site supersedes it; the
 * last call; the sites submitted this week (once each, by their operator);
 * one operator's queue with its call-backs and the time of assignment;
 * keyset paging; an unknown operator; who may read it. */
#include "testenv.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_operator_stats.h"
#include "pvi/pvi_site.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct pvi_db *db;
static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "fixture"};
static const struct pvi_actor admin = {.role = PVI_ROLE_ADMIN, .id = 1, .label = "admin@pvi.test"};
enum { MARTIN = 201, DURAND = 202 };
static const struct pvi_actor martin = {
    .role = PVI_ROLE_OPERATOR, .id = MARTIN, .label = "stats.martin"};
static long long client_id;
static int serial;

#define HOUR_US (3600LL * 1000000)

/* A new site of the client, assigned to op (0: left ordered). */
static long long
site(long long op, int *version)
{
    char slug[32];
    snprintf(slug, sizeof slug, "stats-%d", ++serial);
    long long id = 0;
    struct pvi_site_new in = {.client_id = client_id, .slug = slug};
    assert_int_equal(pvi_site_create(&id, db, &sys, &in, NULL), PVI_OK);
    *version = 1;
    if (op) {
        struct pvi_transition_args a = {.operator_id = op};
        assert_int_equal(
            pvi_site_transition(version, db, &sys, id, *version, PVI_TR_ASSIGN, &a, NULL), PVI_OK);
    }
    return id;
}

static void
call(long long site_id, enum pvi_call_outcome outcome, long long in_us)
{
    assert_int_equal(pvi_call_log_add(NULL, db, &martin, site_id, outcome,
                                      outcome == PVI_CALL_BACK ? pvi_now_us() + in_us : 0, "",
                                      NULL),
                     PVI_OK);
}

/* The overview's row of an operator. */
static json_t *
overview_of(long long op)
{
    json_t *all = NULL;
    assert_int_equal(pvi_operator_overview(&all, db, &admin), PVI_OK);
    json_t *ops = json_object_get(all, "operators"), *row = NULL, *o;
    size_t i;
    json_array_foreach(ops, i, o) if (json_integer_value(json_object_get(o, "id")) == op) row =
        json_incref(o);
    json_decref(all);
    assert_non_null(row);
    return row;
}

static long long
figure(long long op, const char *key)
{
    json_t *row = overview_of(op);
    long long n = json_integer_value(json_object_get(row, key));
    json_decref(row);
    return n;
}

static int
setup(void **state)
{
    (void)state;
    testenv_clock_install();
    db = testenv_db_open();
    testenv_db_reset(db);
    /* operators come from the directory at their first login: rows here */
    free(testenv_sql("INSERT INTO operators (id, ldap_uid, ldap_dn, display_name) VALUES"
                     " (201, 'stats.martin', 'uid=stats.martin', 'Claire Martin'),"
                     " (202, 'stats.durand', 'uid=stats.durand', 'Julien Durand'),"
                     " (203, 'stats.gone', 'uid=stats.gone', 'Ancien Opérateur');"
                     " UPDATE operators SET active = false WHERE id = 203;"
                     " SELECT setval('operators_id_seq', 203)"));
    struct pvi_client_new c = {.customer_number = "PJ30000001",
                               .company_name = "Stats SARL",
                               .siret = "73282932000074",
                               .email = "gerant@stats.test",
                               .phone = "02 99 12 34 56"};
    assert_int_equal(pvi_client_create(&client_id, db, &sys, &c, NULL), PVI_OK);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    pvi_db_close(db);
    return 0;
}

static void
the_queue_holds_the_sites_in_collecting_only(void **state)
{
    (void)state;
    int v;
    assert_int_equal(figure(MARTIN, "queue"), 0);
    site(MARTIN, &v);
    site(MARTIN, &v);
    site(DURAND, &v);
    site(0, &v); /* ordered, nobody's */
    assert_int_equal(figure(MARTIN, "queue"), 2);
    assert_int_equal(figure(DURAND, "queue"), 1);
    /* a closed site leaves the queue */
    long long closing = site(MARTIN, &v);
    assert_int_equal(figure(MARTIN, "queue"), 3);
    assert_int_equal(pvi_site_transition(&v, db, &sys, closing, v, PVI_TR_CLOSE, NULL, NULL),
                     PVI_OK);
    assert_int_equal(figure(MARTIN, "queue"), 2);
    /* inactive operators are not listed */
    json_t *all = NULL;
    assert_int_equal(pvi_operator_overview(&all, db, &admin), PVI_OK);
    assert_int_equal(json_array_size(json_object_get(all, "operators")), 2);
    json_decref(all);
}

static void
a_call_back_is_due_when_its_time_has_come(void **state)
{
    (void)state;
    int v;
    long long soon = site(MARTIN, &v), later = site(MARTIN, &v);
    long long before = figure(MARTIN, "callbacks_due");
    json_t *row = overview_of(MARTIN);
    assert_true(json_is_null(json_object_get(row, "last_call_at")) ||
                json_is_string(json_object_get(row, "last_call_at")));
    json_decref(row);
    call(soon, PVI_CALL_BACK, 1 * HOUR_US);
    call(later, PVI_CALL_BACK, 3 * HOUR_US);
    /* both in the future: none due */
    assert_int_equal(figure(MARTIN, "callbacks_due"), before);
    row = overview_of(MARTIN);
    assert_true(json_is_string(json_object_get(row, "last_call_at")));
    json_decref(row);
    testenv_clock_advance_s(2 * 3600);
    /* the first one's time has come, the second's not yet */
    assert_int_equal(figure(MARTIN, "callbacks_due"), before + 1);
    json_t *q = NULL;
    assert_int_equal(pvi_operator_queue(&q, db, &admin, MARTIN, 0, 200), PVI_OK);
    size_t i;
    json_t *s;
    int seen = 0;
    json_array_foreach(json_object_get(q, "sites"), i, s)
    {
        long long id = json_integer_value(json_object_get(s, "id"));
        if (id == soon || id == later) {
            seen++;
            assert_true(json_is_string(json_object_get(s, "call_back_at")));
            assert_int_equal(json_is_true(json_object_get(s, "due")), id == soon);
            /* assigned through libpvi: the audit trail knows since when */
            assert_true(json_is_string(json_object_get(s, "since")));
        }
    }
    assert_int_equal(seen, 2);
    json_decref(q);
    /* the operator called again: the call-back is done */
    call(soon, PVI_CALL_REACHED, 0);
    assert_int_equal(figure(MARTIN, "callbacks_due"), before);
    testenv_clock_advance_s(2 * 3600);
    assert_int_equal(figure(MARTIN, "callbacks_due"), before + 1); /* the second one now */
    /* a site that leaves the queue takes its call-back with it */
    struct pvi_site *st = NULL;
    assert_int_equal(pvi_site_get(&st, db, &sys, later), PVI_OK);
    struct pvi_transition_args to_durand = {.operator_id = DURAND};
    assert_int_equal(
        pvi_site_transition(NULL, db, &sys, later, st->version, PVI_TR_ASSIGN, &to_durand, NULL),
        PVI_OK);
    pvi_site_free(st);
    assert_int_equal(figure(MARTIN, "callbacks_due"), before);
}

static void
submissions_of_the_week_count_each_site_once(void **state)
{
    (void)state;
    int v;
    long long id = site(MARTIN, &v);
    long long before = figure(MARTIN, "submitted_week");
    long long queue = figure(MARTIN, "queue");
    json_t *c = json_pack("{s:s, s:s, s:[{s:s, s:s}], s:{s:s, s:s, s:s}, s:s}", "business_name",
                          "Plomberie Stats", "activity", "Plombier", "phones", "kind", "fixed",
                          "number", "02 99 12 34 56", "address", "street", "12 rue de Brest",
                          "postal_code", "35000", "city", "Rennes", "charter", "classique");
    struct pvi_edit_result res;
    assert_int_equal(pvi_site_edit(&res, db, &martin, id, v, c, NULL, NULL), PVI_OK);
    json_decref(c);
    v = res.version;
    assert_int_equal(pvi_site_transition(&v, db, &martin, id, v, PVI_TR_SUBMIT, NULL, NULL),
                     PVI_OK);
    assert_int_equal(figure(MARTIN, "submitted_week"), before + 1);
    assert_int_equal(figure(MARTIN, "queue"), queue - 1); /* in review now */
    /* rejected and submitted again: still one site */
    struct pvi_transition_args why = {.reason = "Le numéro ne répond pas."};
    assert_int_equal(pvi_site_transition(&v, db, &sys, id, v, PVI_TR_REJECT, &why, NULL), PVI_OK);
    assert_int_equal(pvi_site_transition(&v, db, &martin, id, v, PVI_TR_SUBMIT, NULL, NULL),
                     PVI_OK);
    assert_int_equal(figure(MARTIN, "submitted_week"), before + 1);
    assert_int_equal(figure(DURAND, "submitted_week"), 0);
    /* next week, it no longer counts */
    testenv_clock_advance_s(8 * 24 * 3600);
    assert_int_equal(figure(MARTIN, "submitted_week"), 0);
}

static void
the_queue_pages_by_keyset(void **state)
{
    (void)state;
    int v;
    for (int i = 0; i < 5; i++)
        site(DURAND, &v);
    json_t *all = NULL;
    assert_int_equal(pvi_operator_queue(&all, db, &admin, DURAND, 0, 200), PVI_OK);
    size_t total = json_array_size(json_object_get(all, "sites"));
    assert_int_equal(json_integer_value(json_object_get(all, "queue")), (long long)total);
    assert_int_equal(json_integer_value(json_object_get(all, "next_after")), 0);
    /* pages of two, newest first, each site once */
    long long after = 0, last = 0;
    size_t seen = 0;
    do {
        json_t *p = NULL;
        assert_int_equal(pvi_operator_queue(&p, db, &admin, DURAND, after, 2), PVI_OK);
        json_t *sites = json_object_get(p, "sites");
        assert_true(json_array_size(sites) <= 2);
        size_t i;
        json_t *s;
        json_array_foreach(sites, i, s)
        {
            long long id = json_integer_value(json_object_get(s, "id"));
            assert_true(last == 0 || id < last);
            last = id;
            seen++;
        }
        after = json_integer_value(json_object_get(p, "next_after"));
        json_decref(p);
    } while (after != 0);
    assert_int_equal(seen, total);
    json_decref(all);
}

static void
unknown_operators_and_other_roles_are_refused(void **state)
{
    (void)state;
    json_t *j = NULL;
    assert_int_equal(pvi_operator_queue(&j, db, &admin, 999999, 0, 10), PVI_NOT_FOUND);
    assert_null(j);
    assert_int_equal(pvi_operator_queue(&j, db, &admin, 203, 0, 10), PVI_NOT_FOUND); /* inactive */
    assert_int_equal(pvi_operator_queue(&j, db, &martin, MARTIN, 0, 10), PVI_FORBIDDEN);
    assert_int_equal(pvi_operator_overview(&j, db, &martin), PVI_FORBIDDEN);
    assert_null(j);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_queue_holds_the_sites_in_collecting_only),
        cmocka_unit_test(a_call_back_is_due_when_its_time_has_come),
        cmocka_unit_test(submissions_of_the_week_count_each_site_once),
        cmocka_unit_test(the_queue_pages_by_keyset),
        cmocka_unit_test(unknown_operators_and_other_roles_are_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
