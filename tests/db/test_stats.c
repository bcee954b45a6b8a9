/* test_stats.c — the dashboard's figures (pvi_stats_get) against the real
 * database: on a small production made through libpvi, every figure is
 * what was made (sites per state, the oldest review first, the change
 * request, failing jobs with their error, then the publications of the
 * day); the counters kept by triggers agree with a count of the sites after
 * a bulk load, transitions, and transitions from four threads at once (so
 * do the queue's counters with a count of the jobs); and
 * no figure's query plan scans
 * audit_events, publication_jobs, sites or change_requests in full (EXPLAIN
 * of each statement after ANALYZE, the planner told to avoid sequential
 * scans wherever an index can serve: a missing index shows as a Seq Scan,
 * or as a whole index read without a condition). */
#include "testenv.h"
#include "testprod.h"

#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_seed.h"
#include "pvi/pvi_site.h"
#include "pvi/pvi_stats.h"
#include "pvi/pvi_workflow.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct pvi_db *db;
static struct testprod prod;
static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "test_stats"};

static int
setup(void **state)
{
    (void)state;
    testenv_clock_install();
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

static json_t *
stats(void)
{
    json_t *s = NULL;
    assert_int_equal(pvi_stats_get(&s, db, &sys), PVI_OK);
    return s;
}

static long long
num(const json_t *o, const char *path1, const char *path2)
{
    const json_t *x = json_object_get(o, path1);
    return json_integer_value(path2 ? json_object_get(x, path2) : x);
}

/* Every state's figure is the number of sites in that state. */
static void
expect_states_counted(const json_t *s)
{
    for (int st = PVI_STATE_ORDERED; st <= PVI_STATE_CLOSED; st++) {
        const char *name = pvi_state_name((enum pvi_site_state)st);
        char *sql = pvi_asprintf("SELECT count(*) FROM sites WHERE state = '%s'", name);
        long long want = testenv_sql_ll(sql);
        free(sql);
        if (num(s, "sites", name) != want)
            print_error("sites.%s: %lld, counted %lld\n", name, num(s, "sites", name), want);
        assert_int_equal(num(s, "sites", name), want);
    }
}

/* The queue's counters are the number of jobs pending, and failing. */
static void
expect_queue_counted(const json_t *s)
{
    assert_int_equal(num(s, "queue", "pending"),
                     testenv_sql_ll("SELECT count(*) FROM publication_jobs"
                                    " WHERE state = 'pending'"));
    assert_int_equal(num(s, "queue", "failing"),
                     testenv_sql_ll("SELECT count(*) FROM publication_jobs"
                                    " WHERE state = 'pending' AND last_error IS NOT NULL"));
}

static void
figures_of_a_small_production(void **state)
{
    (void)state;
    testprod_make(&prod, db);
    json_t *s = stats();
    /* sites per state: what was made, and what a count says */
    assert_int_equal(num(s, "sites", "ordered"), 2);
    assert_int_equal(num(s, "sites", "collecting"), 1);
    assert_int_equal(num(s, "sites", "review"), 2);
    assert_int_equal(num(s, "sites", "online"), 1);
    assert_int_equal(num(s, "sites", "suspended"), 0);
    assert_int_equal(num(s, "sites", "closed"), 1);
    expect_states_counted(s);
    /* the reviews, the longest waiting first */
    const json_t *rv = json_object_get(s, "review");
    assert_int_equal(num(rv, "count", NULL), 2);
    const json_t *oldest = json_object_get(rv, "oldest");
    assert_int_equal(json_array_size(oldest), 2);
    assert_int_equal(num(json_array_get(oldest, 0), "site_id", NULL), prod.review_old);
    assert_int_equal(num(json_array_get(oldest, 1), "site_id", NULL), prod.review_new);
    assert_string_equal(json_string_value(json_object_get(json_array_get(oldest, 0), "operator")),
                        "Claire Martin");
    /* the change request */
    const json_t *cr = json_object_get(s, "change_requests");
    assert_int_equal(num(cr, "pending", NULL), 1);
    const json_t *req = json_array_get(json_object_get(cr, "oldest"), 0);
    assert_int_equal(num(req, "id", NULL), prod.request_id);
    assert_int_equal(num(req, "site_id", NULL), prod.online);
    assert_string_equal(json_string_value(json_object_get(req, "slug")), "en-ligne");
    assert_string_equal(json_string_value(json_array_get(json_object_get(req, "fields"), 0)),
                        "business_name");
    /* the queue: the approval's job, not attempted yet */
    const json_t *q = json_object_get(s, "queue");
    long long pending = testenv_sql_ll("SELECT count(*) FROM publication_jobs");
    assert_true(pending >= 1);
    assert_int_equal(num(q, "pending", NULL), pending);
    assert_non_null(json_string_value(json_object_get(q, "oldest_pending_at")));
    assert_true(num(q, "oldest_pending_age_s", NULL) >= 0);
    assert_int_equal(num(q, "failing", NULL), 0);
    assert_int_equal(json_array_size(json_object_get(q, "failures")), 0);
    assert_true(json_is_null(json_object_get(q, "last_done_at")));
    /* thirty days, nothing published */
    const json_t *days = json_object_get(s, "publications");
    assert_int_equal(json_array_size(days), PVI_STATS_DAYS);
    for (size_t i = 0; i < PVI_STATS_DAYS; i++)
        assert_int_equal(num(json_array_get(days, i), "count", NULL), 0);
    json_decref(s);

    /* the jobs fail: each is listed, newest first, with its error */
    testenv_clock_advance_s(90);
    int failed = testprod_fail_jobs(db);
    assert_int_equal(failed, pending);
    s = stats();
    q = json_object_get(s, "queue");
    assert_int_equal(num(q, "pending", NULL), pending);
    assert_int_equal(num(q, "failing", NULL), failed);
    expect_queue_counted(s);
    /* queued before the clock moved on: waiting for 90 s at least */
    assert_true(num(q, "oldest_pending_age_s", NULL) >= 90);
    const json_t *failures = json_object_get(q, "failures");
    assert_int_equal(json_array_size(failures), failed < PVI_STATS_LIST ? failed : PVI_STATS_LIST);
    int seen_online = 0;
    for (size_t i = 0; i < json_array_size(failures); i++) {
        const json_t *f = json_array_get(failures, i);
        assert_string_equal(json_string_value(json_object_get(f, "last_error")),
                            "content store unavailable");
        assert_int_equal(num(f, "attempts", NULL), 1);
        if (i > 0)
            assert_true(num(f, "job_id", NULL) <
                        num(json_array_get(failures, i - 1), "job_id", NULL));
        if (num(f, "site_id", NULL) == prod.online) {
            seen_online = 1;
            assert_string_equal(json_string_value(json_object_get(f, "kind")), "publish");
        }
    }
    assert_true(seen_online);
    json_decref(s);

    /* then they succeed: today's publications, the last one's time */
    int applied = testprod_publish(db);
    assert_int_equal(applied, pending);
    s = stats();
    q = json_object_get(s, "queue");
    assert_int_equal(num(q, "pending", NULL), 0);
    assert_int_equal(num(q, "failing", NULL), 0);
    assert_true(json_is_null(json_object_get(q, "oldest_pending_at")));
    assert_non_null(json_string_value(json_object_get(q, "last_done_at")));
    days = json_object_get(s, "publications");
    const json_t *today = json_array_get(days, PVI_STATS_DAYS - 1);
    assert_int_equal(num(today, "count", NULL), applied);
    char *sql = pvi_asprintf("SELECT to_char((timestamptz '%s' AT TIME ZONE 'Europe/Paris')::date,"
                             " 'YYYY-MM-DD')",
                             json_string_value(json_object_get(s, "at")));
    char *want = testenv_sql(sql);
    assert_string_equal(json_string_value(json_object_get(today, "day")), want);
    free(want);
    free(sql);
    long long total = 0;
    for (size_t i = 0; i < PVI_STATS_DAYS; i++)
        total += num(json_array_get(days, i), "count", NULL);
    assert_int_equal(total, testenv_sql_ll("SELECT count(*) FROM publication_jobs"
                                           " WHERE state = 'done'"));
    json_decref(s);
}

static void
counters_agree_with_a_count_after_a_bulk_load(void **state)
{
    (void)state;
    struct pvi_seed_opts opts = {.sites = 600, .clients = 400, .seed = 7};
    assert_int_equal(pvi_seed_load(NULL, testenv_require("PVI_DB_URL"), &sys, &opts), PVI_OK);
    json_t *s = stats();
    expect_states_counted(s);
    long long total = 0;
    for (int st = PVI_STATE_ORDERED; st <= PVI_STATE_CLOSED; st++)
        total += num(s, "sites", pvi_state_name((enum pvi_site_state)st));
    assert_int_equal(total, testenv_sql_ll("SELECT count(*) FROM sites"));
    expect_queue_counted(s);
    json_decref(s);
    /* a transition moves one site from a state to another */
    const struct pvi_actor admin = {.role = PVI_ROLE_ADMIN, .id = prod.admin_id, .label = "a"};
    int v = (int)testenv_sql_ll("SELECT version FROM sites WHERE slug = 'commande-un'");
    const struct pvi_transition_args why = {.reason = "Doublon"};
    assert_int_equal(
        pvi_site_transition(&v, db, &admin, prod.ordered[0], v, PVI_TR_CLOSE, &why, NULL), PVI_OK);
    s = stats();
    expect_states_counted(s);
    json_decref(s);
}

/* Closing sites from several threads at once: each transaction moves the
 * counters of two states (in state order), none waits for ever, and the
 * counters still agree with a count. */
struct closer {
    long long ids[15];
    int n;
    int failures;
};

static void *
close_sites(void *arg)
{
    struct closer *c = arg;
    const struct pvi_actor admin = {.role = PVI_ROLE_ADMIN, .id = prod.admin_id, .label = "a"};
    const struct pvi_transition_args why = {.reason = "Fin de contrat"};
    for (int i = 0; i < c->n; i++) {
        struct pvi_site *site = NULL;
        if (pvi_site_get(&site, db, &admin, c->ids[i]) != PVI_OK) {
            c->failures++;
            continue;
        }
        int v = site->version;
        pvi_site_free(site);
        if (pvi_site_transition(&v, db, &admin, c->ids[i], v, PVI_TR_CLOSE, &why, NULL) != PVI_OK)
            c->failures++;
    }
    return NULL;
}

static void
counters_agree_after_concurrent_transitions(void **state)
{
    (void)state;
    /* 4 threads, 15 sites each, from four states */
    struct closer c[4] = {0};
    static const char *const from[] = {"online", "collecting", "review", "suspended"};
    for (int t = 0; t < 4; t++) {
        char *sql = pvi_asprintf("SELECT string_agg(id::text, ',') FROM (SELECT id FROM sites"
                                 " WHERE state = '%s' ORDER BY id LIMIT 15) x",
                                 from[t]);
        char *list = testenv_sql(sql);
        for (char *p = list; *p && c[t].n < 15; c[t].n++) {
            c[t].ids[c[t].n] = strtoll(p, &p, 10);
            if (*p == ',')
                p++;
        }
        assert_int_equal(c[t].n, 15);
        free(list);
        free(sql);
    }
    long long closed = testenv_sql_ll("SELECT count(*) FROM sites WHERE state = 'closed'");
    pthread_t th[4];
    for (int t = 0; t < 4; t++)
        assert_int_equal(pthread_create(&th[t], NULL, close_sites, &c[t]), 0);
    for (int t = 0; t < 4; t++) {
        pthread_join(th[t], NULL);
        assert_int_equal(c[t].failures, 0);
    }
    json_t *s = stats();
    assert_int_equal(num(s, "sites", "closed"), closed + 60);
    expect_states_counted(s);
    expect_queue_counted(s);
    json_decref(s);
}

/* The partial indexes of the schema, ",name,name,…,". */
static char *partial_indexes;

/* Whether plan (or a node under it) reads a big table in full: a
 * sequential scan, or an index scanned without a condition, unless the
 * index is partial (it holds only the rows the figure is about: pending or
 * failing jobs, jobs done, pending requests). Tells which (figure NULL:
 * quietly). */
static int
scans_in_full(const json_t *plan, const char *figure)
{
    static const char *const big[] = {"audit_events", "publication_jobs", "sites",
                                      "change_requests"};
    int bad = 0;
    const char *type = json_string_value(json_object_get(plan, "Node Type"));
    const char *rel = json_string_value(json_object_get(plan, "Relation Name"));
    const char *index = json_string_value(json_object_get(plan, "Index Name"));
    int is_big = 0;
    for (size_t i = 0; rel && i < PVI_COUNT_OF(big); i++)
        is_big |= strcmp(rel, big[i]) == 0;
    if (type && is_big && strcmp(type, "Seq Scan") == 0) {
        if (figure)
            print_error("%s: Seq Scan on %s\n", figure, rel);
        bad = 1;
    }
    if (type && is_big && index && json_object_get(plan, "Index Cond") == NULL) {
        char *name = pvi_asprintf(",%s,", index);
        if (strstr(partial_indexes, name) == NULL) {
            if (figure)
                print_error("%s: %s of %s (%s) without a condition\n", figure, type, index, rel);
            bad = 1;
        }
        free(name);
    }
    size_t i;
    const json_t *child;
    json_array_foreach(json_object_get(plan, "Plans"), i, child)
    {
        bad |= scans_in_full(child, figure);
    }
    return bad;
}

static void
no_figure_scans_a_big_table(void **state)
{
    (void)state;
    free(testenv_sql("ANALYZE sites, publication_jobs, change_requests, audit_events,"
                     " site_state_counts, publication_days, operators"));
    partial_indexes = testenv_sql("SELECT ',' || string_agg(indexname, ',') || ',' FROM pg_indexes"
                                  " WHERE schemaname = 'public' AND indexdef LIKE '% WHERE %'");
    /* the planner avoids sequential scans wherever an index can do: one
     * still chosen means that no index serves the query */
    char *url = pvi_asprintf("%s options='-c enable_seqscan=off'", testenv_require("PVI_DB_URL"));
    struct pvi_db *forced = NULL;
    assert_int_equal(pvi_db_open(&forced, url, 1, 30000), PVI_OK);
    free(url);
    json_t *plans = NULL;
    assert_int_equal(pvi_stats_explain(&plans, forced, &sys), PVI_OK);
    const json_t *p = json_object_get(json_array_get(plans, 0), "Plan");
    assert_non_null(p);
    /* every figure's tables are in the plan */
    char *text = json_dumps(p, 0);
    static const char *const read[] = {"site_state_counts", "publication_jobs", "change_requests",
                                       "sites", "publication_days"};
    for (size_t i = 0; i < PVI_COUNT_OF(read); i++) {
        char *rel = pvi_asprintf("\"Relation Name\": \"%s\"", read[i]);
        if (strstr(text, rel) == NULL)
            print_error("the plan reads no %s\n", read[i]);
        assert_non_null(strstr(text, rel));
        free(rel);
    }
    free(text);
    int bad = scans_in_full(p, "the figures");
    assert_false(bad);
    /* the check itself sees a scan in full where one is made */
    json_t *seq = json_pack("{s:s, s:[{s:s, s:s}]}", "Node Type", "Aggregate", "Plans", "Node Type",
                            "Seq Scan", "Relation Name", "publication_jobs");
    assert_true(scans_in_full(seq, NULL));
    json_decref(seq);
    json_t *whole = json_pack("{s:s, s:s, s:s}", "Node Type", "Index Only Scan", "Relation Name",
                              "publication_jobs", "Index Name", "publication_jobs_site");
    assert_true(scans_in_full(whole, NULL));
    json_decref(whole);
    free(partial_indexes);
    json_decref(plans);
    pvi_db_close(forced);
}

static void
the_matrix_decides_who_reads_the_figures(void **state)
{
    (void)state;
    const struct pvi_actor admin = {.role = PVI_ROLE_ADMIN, .id = prod.admin_id, .label = "a"};
    const struct pvi_actor op = {.role = PVI_ROLE_OPERATOR, .id = prod.operator_id, .label = "o"};
    const struct pvi_actor client = {.role = PVI_ROLE_CLIENT, .id = 1, .label = "c"};
    const struct pvi_actor api = {
        .role = PVI_ROLE_INTEGRATOR, .id = 1, .label = "k", .scopes = ~0u};
    const struct pvi_actor *const who[] = {&admin, &op, &client, &api};
    for (size_t i = 0; i < PVI_COUNT_OF(who); i++) {
        json_t *s = NULL;
        enum pvi_code want = pvi_perm_check(who[i], PVI_ACT_VIEW_STATS, NULL);
        assert_int_equal(pvi_stats_get(&s, db, who[i]), want);
        assert_true(want == PVI_OK ? s != NULL : s == NULL);
        json_decref(s);
    }
    /* operators read them (the matrix), clients and integrators do not */
    assert_int_equal(pvi_perm_check(&op, PVI_ACT_VIEW_STATS, NULL), PVI_OK);
    assert_int_equal(pvi_perm_check(&client, PVI_ACT_VIEW_STATS, NULL), PVI_FORBIDDEN);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(figures_of_a_small_production),
        cmocka_unit_test(counters_agree_with_a_count_after_a_bulk_load),
        cmocka_unit_test(counters_agree_after_concurrent_transitions),
        cmocka_unit_test(no_figure_scans_a_big_table),
        cmocka_unit_test(the_matrix_decides_who_reads_the_figures),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
