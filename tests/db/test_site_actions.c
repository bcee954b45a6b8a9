/* test_site_actions.c — what the back office's site page asks libpvi:
 * pvi_site_actions() gives, for each actor, the verdict the transition
 * itself gives (self-approval refused with its reason to the draft's
 * author, allowed to another admin; state refusals with their reason; a
 * role that may never decide without one; unknown or foreign sites not
 * found), and pvi_publish_status() reports what Redis serves for each host
 * against the published revision: nothing before the job runs, a match
 * once the real publisher ran, a mismatch when a route is changed behind
 * its back, and Redis being down. */
#include "testenv.h"

#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_publish.h"
#include "pvi/pvi_publish_status.h"
#include "pvi/pvi_route.h"
#include "pvi/pvi_site.h"
#include "pvi/pvi_site_actions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct pvi_db *db;
static struct pvi_redis *redis;
static struct pvi_publisher pub;
static long long op_id, client_id;
static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "test"};
static const struct pvi_actor admin_a = {.role = PVI_ROLE_ADMIN, .id = 1, .label = "a@pvi.test"};
static const struct pvi_actor admin_b = {.role = PVI_ROLE_ADMIN, .id = 2, .label = "b@pvi.test"};
static struct pvi_actor op;
static int serial;

static int
setup(void **state)
{
    (void)state;
    db = testenv_db_open();
    testenv_db_reset(db);
    free(testenv_sql("INSERT INTO admin_users (id, email, display_name, password_hash) VALUES"
                     " (1, 'a@pvi.test', 'A', 'x'), (2, 'b@pvi.test', 'B', 'x')"));
    op_id = testenv_sql_ll("INSERT INTO operators (ldap_uid, ldap_dn, display_name) VALUES"
                           " ('op.actions', 'uid=op.actions', 'Claire Martin') RETURNING id");
    op = (struct pvi_actor){.role = PVI_ROLE_OPERATOR, .id = op_id, .label = "op.actions"};
    struct pvi_client_new c = {.customer_number = "PJ30000001",
                               .company_name = "Actions SARL",
                               .siret = "73282932000074",
                               .email = "gerant@actions.test",
                               .phone = "06 12 34 56 78"};
    assert_int_equal(pvi_client_create(&client_id, db, &sys, &c, NULL), PVI_OK);
    testenv_publisher_open(&pub, db, "pvi.test");
    redis = pub.redis;
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    testenv_publisher_close(&pub);
    pvi_db_close(db);
    return 0;
}

/* A site in review whose draft the editor (NULL: the operator) wrote (domain: <slug>.example). */
static long long
site_in_review(const struct pvi_actor *editor, int *version)
{
    char slug[32], domain[64];
    snprintf(slug, sizeof slug, "actions-%d", ++serial);
    snprintf(domain, sizeof domain, "%s.example", slug);
    long long id = 0;
    struct pvi_site_new in = {.client_id = client_id, .slug = slug};
    assert_int_equal(pvi_site_create(&id, db, &sys, &in, NULL), PVI_OK);
    int v = 1;
    struct pvi_transition_args assign = {.operator_id = op_id};
    assert_int_equal(pvi_site_transition(&v, db, &sys, id, v, PVI_TR_ASSIGN, &assign, NULL),
                     PVI_OK);
    json_t *c =
        json_pack("{s:s, s:s, s:[{s:s, s:s}], s:{s:s, s:s, s:s}, s:s, s:[s]}", "business_name",
                  "Plomberie Actions", "activity", "Plombier", "phones", "kind", "fixed", "number",
                  "02 99 12 34 56", "address", "street", "12 rue de Brest", "postal_code", "35000",
                  "city", "Rennes", "charter", "classique", "domains", domain);
    struct pvi_edit_result res;
    assert_int_equal(pvi_site_edit(&res, db, &op, id, v, c, NULL, NULL), PVI_OK);
    json_decref(c);
    v = res.version;
    if (editor) { /* the editor writes the last draft, before the operator submits it */
        struct pvi_site *s = NULL;
        assert_int_equal(pvi_site_get(&s, db, &sys, id), PVI_OK);
        json_t *c2 = json_deep_copy(s->draft);
        json_object_set_new(c2, "tagline", json_string("Dépannage 7 jours sur 7"));
        assert_int_equal(pvi_site_edit(&res, db, editor, id, v, c2, NULL, NULL), PVI_OK);
        json_decref(c2);
        v = res.version;
        pvi_site_free(s);
    }
    assert_int_equal(pvi_site_transition(&v, db, &op, id, v, PVI_TR_SUBMIT, NULL, NULL), PVI_OK);
    *version = v;
    return id;
}

static void
expect(const struct pvi_site_actions *a, enum pvi_transition t, enum pvi_code verdict,
       enum pvi_msg why)
{
    if (a->v[t].verdict != verdict || a->v[t].why != why)
        print_error("%s: got %s (%s), want %s (%s)\n", pvi_transition_name(t),
                    pvi_code_name(a->v[t].verdict), pvi_msg_key(a->v[t].why),
                    pvi_code_name(verdict), pvi_msg_key(why));
    assert_int_equal(a->v[t].transition, t);
    assert_int_equal(a->v[t].verdict, verdict);
    assert_int_equal(a->v[t].why, why);
}

static void
approving_ones_own_draft_is_refused_with_the_reason_and_the_transition_agrees(void **state)
{
    (void)state;
    int v;
    long long id = site_in_review(&admin_a, &v);
    struct pvi_site_actions a;
    assert_int_equal(pvi_site_actions(&a, db, &admin_a, id), PVI_OK);
    assert_int_equal(a.version, v);
    assert_int_equal(a.state, PVI_STATE_REVIEW);
    expect(&a, PVI_TR_APPROVE, PVI_SELF_APPROVAL, PVI_MSG_ERR_SELF_APPROVAL);
    expect(&a, PVI_TR_REJECT, PVI_OK, PVI_MSG_NONE);
    expect(&a, PVI_TR_CLOSE, PVI_OK, PVI_MSG_NONE);
    expect(&a, PVI_TR_ASSIGN, PVI_BAD_TRANSITION, PVI_MSG_TR_ASSIGN_STATE);
    expect(&a, PVI_TR_SUSPEND, PVI_BAD_TRANSITION, PVI_MSG_TR_SUSPEND_STATE);
    expect(&a, PVI_TR_RESUME, PVI_BAD_TRANSITION, PVI_MSG_TR_RESUME_STATE);
    expect(&a, PVI_TR_SUBMIT, PVI_FORBIDDEN, PVI_MSG_NONE); /* an admin never submits */

    /* the transition refuses it the same way, and nothing changes */
    struct pvi_errors errs = {0};
    assert_int_equal(pvi_site_transition(NULL, db, &admin_a, id, v, PVI_TR_APPROVE, NULL, &errs),
                     PVI_SELF_APPROVAL);
    assert_int_equal(errs.n, 1);
    assert_int_equal(errs.v[0].msg, PVI_MSG_ERR_SELF_APPROVAL);
    pvi_errors_clear(&errs);
    struct pvi_site_actions same;
    assert_int_equal(pvi_site_actions(&same, db, &admin_a, id), PVI_OK);
    assert_int_equal(same.version, v);

    /* another admin may approve it, and then the site is online */
    assert_int_equal(pvi_site_actions(&a, db, &admin_b, id), PVI_OK);
    expect(&a, PVI_TR_APPROVE, PVI_OK, PVI_MSG_NONE);
    assert_int_equal(pvi_site_transition(NULL, db, &admin_b, id, v, PVI_TR_APPROVE, NULL, NULL),
                     PVI_OK);
    assert_int_equal(pvi_site_actions(&a, db, &admin_a, id), PVI_OK);
    assert_int_equal(a.state, PVI_STATE_ONLINE);
    expect(&a, PVI_TR_SUSPEND, PVI_OK, PVI_MSG_NONE);
    expect(&a, PVI_TR_APPROVE, PVI_BAD_TRANSITION, PVI_MSG_TR_REVIEW_STATE);
    expect(&a, PVI_TR_RESUME, PVI_BAD_TRANSITION, PVI_MSG_TR_RESUME_STATE);
}

static void
each_role_gets_the_verdicts_of_its_own_rights(void **state)
{
    (void)state;
    int v;
    long long id = site_in_review(NULL, &v); /* the operator wrote the draft */
    struct pvi_site_actions a;
    /* the operator: may submit only, and not from review */
    assert_int_equal(pvi_site_actions(&a, db, &op, id), PVI_OK);
    expect(&a, PVI_TR_SUBMIT, PVI_BAD_TRANSITION, PVI_MSG_TR_SUBMIT_STATE);
    for (int t = 0; t < PVI_TRANSITION_COUNT; t++)
        if (t != PVI_TR_SUBMIT)
            expect(&a, (enum pvi_transition)t, PVI_FORBIDDEN, PVI_MSG_NONE);
    /* an admin may approve the operator's draft */
    assert_int_equal(pvi_site_actions(&a, db, &admin_a, id), PVI_OK);
    expect(&a, PVI_TR_APPROVE, PVI_OK, PVI_MSG_NONE);
    /* an integrator with the workflow scope decides as an admin, but never assigns */
    const struct pvi_actor flow = {.role = PVI_ROLE_INTEGRATOR,
                                   .id = 9,
                                   .label = "api",
                                   .scopes = PVI_SCOPE_SITES_READ | PVI_SCOPE_WORKFLOW};
    assert_int_equal(pvi_site_actions(&a, db, &flow, id), PVI_OK);
    expect(&a, PVI_TR_APPROVE, PVI_OK, PVI_MSG_NONE);
    expect(&a, PVI_TR_ASSIGN, PVI_FORBIDDEN, PVI_MSG_NONE);
    /* a client who does not own it, an unknown site: not found */
    const struct pvi_actor stranger = {
        .role = PVI_ROLE_CLIENT, .id = client_id + 1000, .label = "x"};
    assert_int_equal(pvi_site_actions(&a, db, &stranger, id), PVI_NOT_FOUND);
    assert_int_equal(pvi_site_actions(&a, db, &admin_a, id + 100000), PVI_NOT_FOUND);
    /* the owner sees it and may decide nothing */
    const struct pvi_actor owner = {.role = PVI_ROLE_CLIENT, .id = client_id, .label = "o"};
    assert_int_equal(pvi_site_actions(&a, db, &owner, id), PVI_OK);
    for (int t = 0; t < PVI_TRANSITION_COUNT; t++)
        assert_int_not_equal(a.v[t].verdict, PVI_OK);
}

static void
set_route(const char *host, const char *value)
{
    redisReply *r = redisCommand(pvi_redis_ctx(redis), "SET pvi:h:%s %s", host, value);
    assert_non_null(r);
    assert_int_not_equal(r->type, REDIS_REPLY_ERROR);
    freeReplyObject(r);
}

static const json_t *
host_of(const json_t *st, const char *host)
{
    size_t i;
    const json_t *h;
    json_array_foreach(json_object_get(st, "hosts"), i, h)
    {
        if (strcmp(json_string_value(json_object_get(h, "host")), host) == 0)
            return h;
    }
    fail_msg("host %s not in the status", host);
    return NULL;
}

static json_t *
status(long long id, const struct pvi_publisher *p)
{
    json_t *st = NULL;
    assert_int_equal(pvi_publish_status(&st, p, &admin_a, id), PVI_OK);
    return st;
}

static void
the_publication_status_reports_what_redis_serves_against_the_published_revision(void **state)
{
    (void)state;
    int v;
    long long id = site_in_review(NULL, &v);
    char slug_host[64], domain[64];
    snprintf(domain, sizeof domain, "actions-%d.example", serial);
    snprintf(slug_host, sizeof slug_host, "actions-%d.pvi.test", serial);

    /* never published: nothing expected, nothing served */
    json_t *st = status(id, &pub);
    assert_int_equal(json_integer_value(json_object_get(st, "published_revision")), 0);
    assert_false(json_is_true(json_object_get(st, "should_route")));
    assert_int_equal(json_array_size(json_object_get(st, "hosts")), 0);
    assert_true(json_is_true(json_object_get(st, "matches")));
    assert_true(json_is_null(json_object_get(st, "last_job")));
    json_decref(st);

    /* approved: the job is pending, Redis serves nothing yet */
    assert_int_equal(pvi_site_transition(&v, db, &admin_a, id, v, PVI_TR_APPROVE, NULL, NULL),
                     PVI_OK);
    st = status(id, &pub);
    int rev = (int)json_integer_value(json_object_get(st, "published_revision"));
    assert_true(rev > 0);
    assert_string_equal(json_string_value(json_object_get(st, "expected_route")), "o");
    const json_t *job = json_object_get(st, "last_job");
    assert_string_equal(json_string_value(json_object_get(job, "state")), "pending");
    assert_string_equal(json_string_value(json_object_get(job, "kind")), "publish");
    assert_int_equal(json_integer_value(json_object_get(job, "revision")), rev);
    assert_false(json_is_true(json_object_get(st, "matches")));
    assert_false(json_is_true(json_object_get(host_of(st, domain), "found")));
    assert_true(json_is_true(json_object_get(host_of(st, slug_host), "expected")));
    json_decref(st);

    /* the real publisher runs: every host matches */
    int done = 0;
    assert_int_equal(pvi_publish_run(&done, NULL, &pub, 100), PVI_OK);
    assert_true(done >= 1);
    st = status(id, &pub);
    assert_string_equal(json_string_value(json_object_get(st, "redis")), "ok");
    assert_true(json_is_true(json_object_get(st, "matches")));
    assert_int_equal(json_array_size(json_object_get(st, "hosts")), 2);
    const json_t *h = host_of(st, domain);
    assert_true(json_is_true(json_object_get(h, "found")));
    assert_int_equal(json_integer_value(json_object_get(h, "revision")), rev);
    assert_int_equal(json_integer_value(json_object_get(h, "site_id")), id);
    char doc[PVI_STORE_PATH_MAX];
    pvi_store_document_path(doc, id, rev);
    assert_string_equal(json_string_value(json_object_get(h, "document")), doc);
    job = json_object_get(st, "last_job");
    assert_string_equal(json_string_value(json_object_get(job, "state")), "done");
    assert_int_equal(json_integer_value(json_object_get(st, "generation")),
                     json_integer_value(json_object_get(job, "id")));
    json_decref(st);

    /* behind its back, the domain is pointed at another revision: a mismatch on that host only */
    struct pvi_route wrong = {.site_id = id, .revision = rev + 7, .state = 'o'};
    pvi_store_document_path(wrong.path, id, rev + 7);
    char value[128];
    pvi_route_format(value, &wrong);
    set_route(domain, value);
    st = status(id, &pub);
    assert_false(json_is_true(json_object_get(st, "matches")));
    h = host_of(st, domain);
    assert_false(json_is_true(json_object_get(h, "matches")));
    assert_int_equal(json_integer_value(json_object_get(h, "revision")), rev + 7);
    assert_true(json_is_true(json_object_get(host_of(st, slug_host), "matches")));
    json_decref(st);

    /* the route removed: not found, a mismatch */
    redisReply *r = redisCommand(pvi_redis_ctx(redis), "DEL pvi:h:%s", domain);
    freeReplyObject(r);
    st = status(id, &pub);
    h = host_of(st, domain);
    assert_false(json_is_true(json_object_get(h, "found")));
    assert_false(json_is_true(json_object_get(h, "matches")));
    json_decref(st);

    /* Redis down (no connection): said, and the database's side still there */
    struct pvi_publisher no_redis = pub;
    no_redis.redis = NULL;
    st = status(id, &no_redis);
    assert_string_equal(json_string_value(json_object_get(st, "redis")), "unavailable");
    assert_false(json_is_true(json_object_get(st, "matches")));
    assert_int_equal(json_integer_value(json_object_get(st, "published_revision")), rev);
    json_decref(st);

    /* a reader that may not read the site */
    json_t *none = NULL;
    const struct pvi_actor stranger = {
        .role = PVI_ROLE_CLIENT, .id = client_id + 1000, .label = "x"};
    assert_int_equal(pvi_publish_status(&none, &pub, &stranger, id), PVI_NOT_FOUND);
    assert_null(none);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            approving_ones_own_draft_is_refused_with_the_reason_and_the_transition_agrees),
        cmocka_unit_test(each_role_gets_the_verdicts_of_its_own_rights),
        cmocka_unit_test(
            the_publication_status_reports_what_redis_serves_against_the_published_revision),
    };
    return cmocka_run_group_tests_name("site_actions", tests, setup, teardown);
}
