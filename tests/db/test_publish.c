/* test_publish.c — the publication pipeline against real PostgreSQL and
 * Redis: an approval reaches Redis and the content store; jobs survive a
 * Redis outage and the newest revision wins once it is back; older
 * publications never overwrite newer ones; suspension, domain changes and
 * closing update the routes; reconcile repairs a deleted key and a deleted
 * file; republish --all publishes every site once. */
#include "testenv.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_publish.h"
#include "pvi/pvi_route.h"
#include "pvi/pvi_site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct pvi_db *db;
static struct pvi_redis *redis;
static struct pvi_store *store;
static struct pvi_publisher pub;
static char content_dir[64];
static long long op_id;
static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "test"};
static const struct pvi_actor admin = {.role = PVI_ROLE_ADMIN, .id = 1, .label = "admin"};
static int64_t fake_now;

static int64_t
fake_clock(void *ctx)
{
    (void)ctx;
    return fake_now;
}

static void
advance(int seconds)
{
    fake_now += (int64_t)seconds * 1000000;
}

static int
setup(void **state)
{
    (void)state;
    fake_now = pvi_now_us();
    pvi_clock_set(fake_clock, NULL);
    db = testenv_db_open();
    testenv_db_reset(db);
    free(testenv_sql("INSERT INTO admin_users (id, email, display_name, password_hash) VALUES"
                     " (1, 'admin@pvi.test', 'Admin', 'x')"));
    op_id = testenv_sql_ll("INSERT INTO operators (ldap_uid, ldap_dn, display_name) VALUES"
                           " ('op.martin', 'uid=op.martin', 'Claire Martin') RETURNING id");
    assert_int_equal(pvi_redis_open(&redis, testenv_require("PVI_REDIS_HOST"),
                                    atoi(testenv_require("PVI_REDIS_PORT")), 500),
                     PVI_OK);
    redisReply *r = redisCommand(pvi_redis_ctx(redis), "FLUSHDB");
    assert_non_null(r);
    freeReplyObject(r);
    snprintf(content_dir, sizeof content_dir, "/tmp/pvi-publish-XXXXXX");
    assert_non_null(mkdtemp(content_dir));
    assert_int_equal(pvi_store_open(&store, content_dir), PVI_OK);
    pub = (struct pvi_publisher){
        .db = db, .store = store, .redis = redis, .platform_domain = "pvi.test"};
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    pvi_store_close(store);
    pvi_redis_close(redis);
    pvi_db_close(db);
    pvi_clock_set(NULL, NULL);
    char *cmd = pvi_asprintf("rm -rf '%s'", content_dir);
    int rc = system(cmd);
    free(cmd);
    return rc == 0 ? 0 : -1;
}

static json_t *
content(const char *name, const char *domain)
{
    json_t *c = json_pack("{s:s, s:s, s:[{s:s, s:s}], s:{s:s, s:s, s:s}, s:s}", "business_name",
                          name, "activity", "Plombier", "phones", "kind", "fixed", "number",
                          "0299123456", "address", "street", "1 rue de Brest", "postal_code",
                          "35000", "city", "Rennes", "charter", "classique");
    if (domain)
        json_object_set_new(c, "domains", json_pack("[s]", domain));
    return c;
}

/* A site taken online through libpvi; returns its id, *v its version. */
static long long
online(const char *slug, const char *domain, int *v)
{
    static int n;
    char number[16];
    snprintf(number, sizeof number, "PJ4%07d", ++n);
    struct pvi_client_new cl = {.customer_number = number,
                                .company_name = "C",
                                .siret = "73282932000074",
                                .email = "c@c.fr",
                                .phone = "0299000000"};
    long long client = 0, id = 0;
    assert_int_equal(pvi_client_create(&client, db, &sys, &cl, NULL), PVI_OK);
    json_t *c = content("Plomberie", domain);
    struct pvi_site_new sn = {.client_id = client, .slug = slug, .content = c};
    assert_int_equal(pvi_site_create(&id, db, &sys, &sn, NULL), PVI_OK);
    json_decref(c);
    *v = 1;
    struct pvi_transition_args a = {.operator_id = op_id};
    assert_int_equal(pvi_site_transition(v, db, &admin, id, *v, PVI_TR_ASSIGN, &a, NULL), PVI_OK);
    assert_int_equal(pvi_site_transition(v, db, &sys, id, *v, PVI_TR_SUBMIT, NULL, NULL), PVI_OK);
    assert_int_equal(pvi_site_transition(v, db, &admin, id, *v, PVI_TR_APPROVE, NULL, NULL),
                     PVI_OK);
    return id;
}

static int
run_all(void)
{
    int total = 0, done = 0;
    do {
        assert_int_equal(pvi_publish_run(&done, NULL, &pub, 100), PVI_OK);
        total += done;
    } while (done > 0);
    return total;
}

static void
expect_route(const char *host, long long site, int revision, char state)
{
    struct pvi_route r;
    enum pvi_code rc = pvi_route_lookup(&r, redis, host);
    if (rc != PVI_OK)
        print_error("no route for %s (%s)\n", host, pvi_code_name(rc));
    assert_int_equal(rc, PVI_OK);
    assert_int_equal(r.site_id, site);
    assert_int_equal(r.revision, revision);
    assert_int_equal(r.state, state);
    assert_true(pvi_store_has(store, r.path));
}

static void
expect_no_route(const char *host)
{
    struct pvi_route r;
    assert_int_equal(pvi_route_lookup(&r, redis, host), PVI_NOT_FOUND);
}

static int
published_revision(long long id)
{
    struct pvi_site *s = NULL;
    assert_int_equal(pvi_site_get(&s, db, &sys, id), PVI_OK);
    int n = s->published_number;
    pvi_site_free(s);
    return n;
}

static void
approval_reaches_every_host_and_the_store(void **state)
{
    (void)state;
    int v;
    long long id = online("martin", "www.martin.fr", &v);
    assert_int_equal(run_all(), 1);
    int rev = published_revision(id);
    expect_route("www.martin.fr", id, rev, 'o');
    expect_route("martin.pvi.test", id, rev, 'o');
    char rel[PVI_STORE_PATH_MAX];
    pvi_store_document_path(rel, id, rev);
    char *xml = NULL;
    size_t len;
    assert_int_equal(pvi_store_read(&xml, &len, store, rel), PVI_OK);
    assert_non_null(strstr(xml, "Plomberie"));
    free(xml);
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM publication_jobs WHERE state ="
                                    " 'pending'"),
                     0);
}

static void
redis_outage_loses_nothing_and_the_newest_revision_wins(void **state)
{
    (void)state;
    int v;
    long long id = online("durand", "durand.fr", &v);
    assert_int_equal(run_all(), 1);
    testenv_services("stop", "redis");
    /* three successive simple edits while Redis is down */
    for (int i = 0; i < 3; i++) {
        json_t *c = content("Plomberie", "durand.fr");
        char tag[32];
        snprintf(tag, sizeof tag, "Version %d", i);
        json_object_set_new(c, "tagline", json_string(tag));
        struct pvi_edit_result res;
        assert_int_equal(pvi_site_edit(&res, db, &admin, id, v, c, NULL, NULL), PVI_OK);
        assert_true(res.published);
        v = res.version;
        json_decref(c);
    }
    int done = 0, retried = 0;
    assert_int_equal(pvi_publish_run(&done, &retried, &pub, 100), PVI_OK);
    assert_int_equal(done, 0);
    assert_int_equal(retried, 3);
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM publication_jobs WHERE state ="
                                    " 'pending' AND attempts = 1 AND last_error IS NOT NULL"),
                     3);
    /* not due yet: nothing is attempted */
    assert_int_equal(pvi_publish_run(&done, &retried, &pub, 100), PVI_OK);
    assert_int_equal(done + retried, 0);
    testenv_services("start", "redis");
    advance(60);
    assert_int_equal(run_all(), 3);
    int rev = published_revision(id);
    expect_route("durand.fr", id, rev, 'o');
    expect_route("durand.pvi.test", id, rev, 'o');
}

static void
an_older_publication_never_overwrites_a_newer_one(void **state)
{
    (void)state;
    struct pvi_route newer = {.site_id = 900, .revision = 5, .state = 'o'};
    struct pvi_route older = {.site_id = 900, .revision = 4, .state = 'o'};
    pvi_store_document_path(newer.path, 900, 5);
    pvi_store_document_path(older.path, 900, 4);
    const char *hosts[] = {"order.test"};
    int applied = -1;
    assert_int_equal(pvi_route_publish(&applied, redis, 900, 20, &newer, hosts, 1), PVI_OK);
    assert_int_equal(applied, 1);
    assert_int_equal(pvi_route_publish(&applied, redis, 900, 19, &older, hosts, 1), PVI_OK);
    assert_int_equal(applied, 0);
    struct pvi_route got;
    assert_int_equal(pvi_route_lookup(&got, redis, "order.test"), PVI_OK);
    assert_int_equal(got.revision, 5);
    /* nor does an old unpublish remove a newer publication */
    assert_int_equal(pvi_route_unpublish(&applied, redis, 900, 18), PVI_OK);
    assert_int_equal(applied, 0);
    assert_int_equal(pvi_route_lookup(&got, redis, "order.test"), PVI_OK);
    /* a host that moved to another site is not removed by its former owner */
    struct pvi_route other = {.site_id = 901, .revision = 1, .state = 'o'};
    pvi_store_document_path(other.path, 901, 1);
    assert_int_equal(pvi_route_publish(&applied, redis, 901, 30, &other, hosts, 1), PVI_OK);
    assert_int_equal(pvi_route_unpublish(&applied, redis, 900, 31), PVI_OK);
    assert_int_equal(applied, 1);
    assert_int_equal(pvi_route_lookup(&got, redis, "order.test"), PVI_OK);
    assert_int_equal(got.site_id, 901);
    /* leave nothing behind for the reconcile test */
    assert_int_equal(pvi_route_unpublish(&applied, redis, 901, 40), PVI_OK);
    expect_no_route("order.test");
}

static void
suspension_domain_change_and_closing_update_routes(void **state)
{
    (void)state;
    int v;
    long long id = online("petit", "petit.fr", &v);
    run_all();
    struct pvi_transition_args r = {.reason = "impayé"};
    assert_int_equal(pvi_site_transition(&v, db, &admin, id, v, PVI_TR_SUSPEND, &r, NULL), PVI_OK);
    run_all();
    int rev = published_revision(id);
    expect_route("petit.fr", id, rev, 's');
    assert_int_equal(pvi_site_transition(&v, db, &admin, id, v, PVI_TR_RESUME, &r, NULL), PVI_OK);
    run_all();
    expect_route("petit.fr", id, rev, 'o');

    /* the domain changes (sensitive: through a change request) */
    json_t *c = content("Plomberie", "www.petit-plomberie.fr");
    struct pvi_edit_result res;
    struct pvi_actor client = {.role = PVI_ROLE_CLIENT,
                               .id = testenv_sql_ll("SELECT client_id FROM sites WHERE slug ="
                                                    " 'petit'"),
                               .label = "client"};
    assert_int_equal(pvi_site_edit(&res, db, &client, id, v, c, NULL, NULL), PVI_OK);
    json_decref(c);
    assert_true(res.request_id > 0);
    run_all();
    expect_route("petit.fr", id, rev, 'o'); /* not before approval */
    assert_int_equal(pvi_change_request_decide(db, &admin, res.request_id, 1, NULL, NULL), PVI_OK);
    run_all();
    rev = published_revision(id);
    expect_route("www.petit-plomberie.fr", id, rev, 'o');
    expect_no_route("petit.fr");

    v = testenv_sql_ll("SELECT version FROM sites WHERE slug = 'petit'");
    assert_int_equal(pvi_site_transition(&v, db, &admin, id, v, PVI_TR_CLOSE, NULL, NULL), PVI_OK);
    run_all();
    expect_no_route("www.petit-plomberie.fr");
    expect_no_route("petit.pvi.test");
}

/* An admin may edit a suspended site: its simple fields get a new published
 * revision, which must stay behind the "temporarily unavailable" page. */
static void
an_edit_of_a_suspended_site_keeps_it_suspended_in_public(void **state)
{
    (void)state;
    int v;
    long long id = online("en-pause", NULL, &v);
    run_all();
    struct pvi_transition_args r = {.reason = "impayé"};
    assert_int_equal(pvi_site_transition(&v, db, &admin, id, v, PVI_TR_SUSPEND, &r, NULL), PVI_OK);
    run_all();
    expect_route("en-pause.pvi.test", id, published_revision(id), 's');
    json_t *c = content("Plomberie", NULL);
    json_object_set_new(c, "tagline", json_string("Fermé pour travaux"));
    struct pvi_edit_result res;
    assert_int_equal(pvi_site_edit(&res, db, &admin, id, v, c, NULL, NULL), PVI_OK);
    json_decref(c);
    assert_true(res.published);
    run_all();
    expect_route("en-pause.pvi.test", id, published_revision(id), 's');
    char *state_now = testenv_sql("SELECT state FROM sites WHERE slug = 'en-pause'");
    assert_string_equal(state_now, "suspended");
    free(state_now);
}

static void
reconcile_repairs_a_deleted_key_and_a_deleted_file(void **state)
{
    (void)state;
    int v;
    long long id = online("leroy", "leroy.fr", &v);
    run_all();
    struct pvi_reconcile_report rep;
    assert_int_equal(pvi_reconcile(&rep, &pub, &sys, 0), PVI_OK);
    assert_int_equal(rep.missing_documents + rep.wrong_routes + rep.stray_routes, 0);
    long long checked = rep.sites_checked;
    assert_true(checked >= 1);

    int rev = published_revision(id);
    redisReply *r = redisCommand(pvi_redis_ctx(redis), "DEL pvi:h:leroy.fr");
    freeReplyObject(r);
    char rel[PVI_STORE_PATH_MAX];
    pvi_store_document_path(rel, id, rev);
    assert_int_equal(pvi_store_remove(store, rel), PVI_OK);
    /* a stray route for a site that does not exist */
    struct pvi_route stray = {.site_id = 777777, .revision = 1, .state = 'o'};
    pvi_store_document_path(stray.path, 777777, 1);
    const char *hosts[] = {"stray.test"};
    assert_int_equal(pvi_route_publish(NULL, redis, 777777, 1, &stray, hosts, 1), PVI_OK);

    assert_int_equal(pvi_reconcile(&rep, &pub, &sys, 0), PVI_OK); /* report only */
    assert_int_equal(rep.missing_documents, 1);
    assert_int_equal(rep.wrong_routes, 1);
    assert_int_equal(rep.stray_routes, 1);
    assert_int_equal(rep.jobs_queued, 0);
    assert_int_equal(pvi_reconcile(&rep, &pub, &sys, 1), PVI_OK); /* repair */
    assert_int_equal(rep.jobs_queued, 1);
    assert_int_equal(rep.routes_removed, 1);
    run_all();
    expect_route("leroy.fr", id, rev, 'o');
    expect_no_route("stray.test");
    assert_int_equal(pvi_reconcile(&rep, &pub, &sys, 0), PVI_OK);
    assert_int_equal(rep.missing_documents + rep.wrong_routes + rep.stray_routes, 0);
}

static void
republish_all_queues_every_published_site_once(void **state)
{
    (void)state;
    long long first, last, count, pending;
    long long expected = testenv_sql_ll("SELECT count(*) FROM sites WHERE state IN ('online',"
                                        " 'suspended')");
    assert_int_equal(pvi_publish_enqueue_all(&first, &last, &count, db, &sys), PVI_OK);
    assert_int_equal(count, expected);
    assert_int_equal(pvi_publish_pending(&pending, db, first, last), PVI_OK);
    assert_int_equal(pending, expected);
    run_all();
    assert_int_equal(pvi_publish_pending(&pending, db, first, last), PVI_OK);
    assert_int_equal(pending, 0);
    struct pvi_actor client = {.role = PVI_ROLE_CLIENT, .id = 1, .label = "c"};
    assert_int_equal(pvi_publish_enqueue_all(&first, &last, &count, db, &client), PVI_FORBIDDEN);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(approval_reaches_every_host_and_the_store),
        cmocka_unit_test(redis_outage_loses_nothing_and_the_newest_revision_wins),
        cmocka_unit_test(an_older_publication_never_overwrites_a_newer_one),
        cmocka_unit_test(suspension_domain_change_and_closing_update_routes),
        cmocka_unit_test(an_edit_of_a_suspended_site_keeps_it_suspended_in_public),
        cmocka_unit_test(reconcile_repairs_a_deleted_key_and_a_deleted_file),
        cmocka_unit_test(republish_all_queues_every_published_site_once),
    };
    return cmocka_run_group_tests_name("publish", tests, setup, teardown);
}
