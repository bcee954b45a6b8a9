/* test_internet_fo.c — the public renderer, started as a process over real
 * Redis and a content store filled by the real publisher: every page of
 * every charter, sitemap, robots, CSS, 404 (unknown host, unknown page),
 * 503 (suspended; Redis down, then recovery), HEAD, ETag → 304, hostile
 * hosts, hostile Redis values, reload on SIGHUP, and a publication visible
 * at once. Run with the page cache on and off. */
#include "testenv.h"

#include "pvi/pvi_clock.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_publish.h"
#include "pvi/pvi_route.h"
#include "pvi/pvi_site.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct pvi_db *db;
static struct pvi_redis *redis;
static struct pvi_store *store;
static struct pvi_publisher pub;
static char content_dir[64];
static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "test"};
static const struct pvi_actor admin = {.role = PVI_ROLE_ADMIN, .id = 1, .label = "admin"};
static const char *const charters[] = {"classique", "azur", "terroir"};
static long long site_ids[3];
static long long suspended_id;
static long long op_id;

static json_t *
content(const char *name, const char *charter, const char *domain)
{
    json_t *c = json_pack(
        "{s:s, s:s, s:s, s:s, s:[{s:s, s:s}, {s:s, s:s}], s:s, s:{s:s, s:s, s:s, s:{s:f, s:f}},"
        " s:{s:[{s:s, s:s}, {s:s, s:s}], s:[{s:s, s:s}]},"
        " s:[{s:s, s:s, s:i}, {s:s}], s:[s, s], s:s}",
        "business_name", name, "activity", "Plombier", "tagline", "Dépannage 7j/7", "description",
        "Plombier depuis 1998.\n\nDevis gratuit.", "phones", "kind", "fixed", "number",
        "02 99 12 34 56", "kind", "mobile", "number", "06 12 34 56 78", "email",
        "contact@exemple.fr", "address", "street", "12 rue de Brest", "postal_code", "35000",
        "city", "Rennes", "geo", "lat", 48.11, "lon", -1.68, "hours", "mon", "open", "08:00",
        "close", "12:00", "open", "14:00", "close", "18:00", "sat", "open", "09:00", "close",
        "12:00", "services", "title", "Débouchage", "description", "Canalisations", "price_cents",
        8900, "title", "Recherche de fuite", "payment_methods", "cb", "cheque", "charter", charter);
    if (domain)
        json_object_set_new(c, "domains", json_pack("[s]", domain));
    return c;
}

/* Runs the publication jobs until none is pending (a job that met a Redis
 * connection lost by an earlier test is retried a second later). */
static void
publish_all(void)
{
    for (int i = 0; i < 100; i++) {
        int done;
        do
            assert_int_equal(pvi_publish_run(&done, NULL, &pub, 100), PVI_OK);
        while (done > 0);
        if (testenv_sql_ll("SELECT count(*) FROM publication_jobs WHERE state = 'pending'") == 0)
            return;
        usleep(100 * 1000);
    }
    fail_msg("publication jobs still pending after 10 s");
}

/* An administrator changes the site's tagline; the publication is run. */
static void
set_tagline(long long site_id, const char *tagline)
{
    struct pvi_site *s = NULL;
    assert_int_equal(pvi_site_get(&s, db, &sys, site_id), PVI_OK);
    json_t *c = json_deep_copy(pvi_site_working_content(s));
    json_object_set_new(c, "tagline", json_string(tagline));
    struct pvi_edit_result res;
    assert_int_equal(pvi_site_edit(&res, db, &admin, site_id, s->version, c, NULL, NULL), PVI_OK);
    pvi_site_free(s);
    json_decref(c);
    publish_all();
}

static long long
online(const char *slug, const char *name, const char *charter, const char *domain)
{
    static int n;
    char number[16];
    snprintf(number, sizeof number, "PJ5%07d", ++n);
    struct pvi_client_new cl = {.customer_number = number,
                                .company_name = "C",
                                .siret = "73282932000074",
                                .email = "c@c.fr",
                                .phone = "0299000000"};
    long long client = 0, id = 0;
    assert_int_equal(pvi_client_create(&client, db, &sys, &cl, NULL), PVI_OK);
    json_t *c = content(name, charter, domain);
    struct pvi_site_new sn = {.client_id = client, .slug = slug, .content = c};
    assert_int_equal(pvi_site_create(&id, db, &sys, &sn, NULL), PVI_OK);
    json_decref(c);
    int v = 1;
    struct pvi_transition_args a = {.operator_id = op_id};
    assert_int_equal(pvi_site_transition(&v, db, &admin, id, v, PVI_TR_ASSIGN, &a, NULL), PVI_OK);
    assert_int_equal(pvi_site_transition(&v, db, &sys, id, v, PVI_TR_SUBMIT, NULL, NULL), PVI_OK);
    assert_int_equal(pvi_site_transition(&v, db, &admin, id, v, PVI_TR_APPROVE, NULL, NULL),
                     PVI_OK);
    return id;
}

static int
setup(void **state)
{
    (void)state;
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
    freeReplyObject(r);
    snprintf(content_dir, sizeof content_dir, "/tmp/pvi-ifo-XXXXXX");
    assert_non_null(mkdtemp(content_dir));
    assert_int_equal(pvi_store_open(&store, content_dir), PVI_OK);
    pub = (struct pvi_publisher){
        .db = db, .store = store, .redis = redis, .platform_domain = "pvi.test"};
    for (int i = 0; i < 3; i++) {
        char slug[32];
        snprintf(slug, sizeof slug, "site-%s", charters[i]);
        char name[64];
        snprintf(name, sizeof name, "Plomberie %s", charters[i]);
        site_ids[i] = online(slug, name, charters[i], i == 0 ? "www.plomberie-test.fr" : NULL);
    }
    suspended_id = online("suspendu", "Plomberie suspendue", "azur", NULL);
    int v = (int)testenv_sql_ll("SELECT version FROM sites WHERE slug = 'suspendu'");
    struct pvi_transition_args why = {.reason = "impayé"};
    assert_int_equal(
        pvi_site_transition(&v, db, &admin, suspended_id, v, PVI_TR_SUSPEND, &why, NULL), PVI_OK);
    publish_all();
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    pvi_store_close(store);
    pvi_redis_close(redis);
    pvi_db_close(db);
    char *cmd = pvi_asprintf("rm -rf '%s'", content_dir);
    int rc = system(cmd);
    free(cmd);
    return rc == 0 ? 0 : -1;
}

static void
start_with(struct testproc *p, const char *cache_mb, const char *extra)
{
    char *env_dir = pvi_asprintf("PVI_CONTENT_DIR=%s", content_dir);
    char *env_cache = pvi_asprintf("PVI_RENDER_CACHE_MB=%s", cache_mb);
    const char *env[] = {env_dir, env_cache, "PVI_PLATFORM_DOMAIN=pvi.test", extra, NULL};
    testenv_start(p, "internet-fo", env);
    /* the strings must outlive the child's environment copy only until exec */
    free(env_dir);
    free(env_cache);
}

static void
start(struct testproc *p, const char *cache_mb)
{
    start_with(p, cache_mb, NULL);
}

static void
get_host(struct testhttp *r, int port, const char *method, const char *host, const char *path,
         const char *extra)
{
    char *h = pvi_asprintf("Host: %s\r\n%s", host, extra ? extra : "");
    testenv_http(r, port, method, path, h, NULL, 0);
    free(h);
}

static int
count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void
check_every_page(int port)
{
    const char *css_seen[3] = {0};
    for (int i = 0; i < 3; i++) {
        char host[64], name[64];
        snprintf(host, sizeof host, "site-%s.pvi.test", charters[i]);
        snprintf(name, sizeof name, "Plomberie %s", charters[i]);
        static const struct {
            const char *path;
            const char *must;
        } pages[] = {
            {"/", "Dépannage 7j/7"}, {"/services", "Débouchage"}, {"/contact", "tel:+33299123456"}};
        for (size_t k = 0; k < PVI_COUNT_OF(pages); k++) {
            struct testhttp r;
            get_host(&r, port, "GET", host, pages[k].path, NULL);
            if (r.status != 200)
                print_error("%s%s: %d\n", host, pages[k].path, r.status);
            assert_int_equal(r.status, 200);
            char ct[128], etag[128];
            assert_non_null(testhttp_header(&r, "Content-Type", ct, sizeof ct));
            assert_string_equal(ct, "text/html; charset=utf-8");
            assert_non_null(testhttp_header(&r, "ETag", etag, sizeof etag));
            assert_int_equal(strncmp(r.body, "<!DOCTYPE html>", 15), 0);
            assert_non_null(strstr(r.body, name));
            assert_non_null(strstr(r.body, pages[k].must));
            assert_int_equal(count(r.body, "<title>"), 1);
            assert_non_null(strstr(r.body, "<meta name=\"description\""));
            assert_non_null(strstr(r.body, "\"@type\":\"LocalBusiness\""));
            if (k == 2)
                assert_non_null(strstr(r.body, "openstreetmap.org"));
            if (k == 0) {
                const char *l = strstr(r.body, "/_charte/");
                assert_non_null(l);
                char href[96];
                size_t n = strcspn(l, "\"");
                snprintf(href, sizeof href, "%.*s", (int)n, l);
                css_seen[i] = strdup(href);
            }
            testhttp_free(&r);
        }
        /* no photos on these sites: that page is a 404 in the site's look */
        struct testhttp r;
        get_host(&r, port, "GET", host, "/photos", NULL);
        assert_int_equal(r.status, 404);
        assert_non_null(strstr(r.body, name));
        testhttp_free(&r);
        get_host(&r, port, "GET", host, "/sitemap.xml", NULL);
        assert_int_equal(r.status, 200);
        assert_non_null(strstr(r.body, "<urlset"));
        char loc[160];
        snprintf(loc, sizeof loc, "<loc>http://%s/services</loc>", host);
        assert_non_null(strstr(r.body, loc));
        testhttp_free(&r);
        get_host(&r, port, "GET", host, "/robots.txt", NULL);
        assert_int_equal(r.status, 200);
        assert_non_null(strstr(r.body, "Sitemap: http://"));
        testhttp_free(&r);
        get_host(&r, port, "GET", host, css_seen[i], NULL);
        assert_int_equal(r.status, 200);
        char cc[128];
        assert_string_equal(testhttp_header(&r, "Cache-Control", cc, sizeof cc),
                            "public, max-age=31536000, immutable");
        assert_true(r.body_len > 500);
        testhttp_free(&r);
    }
    /* three charters, three different style sheets */
    assert_string_not_equal(css_seen[0], css_seen[1]);
    assert_string_not_equal(css_seen[1], css_seen[2]);
    for (int i = 0; i < 3; i++)
        free((char *)css_seen[i]);
}

static void
errors_and_conditional_requests(int port)
{
    struct testhttp r;
    /* a custom domain, with port and upper case */
    get_host(&r, port, "GET", "WWW.Plomberie-Test.FR.:8080", "/", NULL);
    assert_int_equal(r.status, 200);
    char etag[128];
    assert_non_null(testhttp_header(&r, "ETag", etag, sizeof etag));
    testhttp_free(&r);
    /* 304 with the same ETag */
    char *inm = pvi_asprintf("If-None-Match: %s\r\n", etag);
    get_host(&r, port, "GET", "www.plomberie-test.fr", "/", inm);
    assert_int_equal(r.status, 304);
    assert_int_equal(r.body_len, 0);
    testhttp_free(&r);
    free(inm);
    /* HEAD: headers, no body */
    get_host(&r, port, "HEAD", "www.plomberie-test.fr", "/", NULL);
    assert_int_equal(r.status, 200);
    assert_int_equal(r.body_len, 0);
    char cl[32];
    assert_non_null(testhttp_header(&r, "Content-Length", cl, sizeof cl));
    assert_true(atoi(cl) > 1000);
    testhttp_free(&r);
    /* unknown host, unknown page */
    get_host(&r, port, "GET", "nobody.pvi.test", "/", NULL);
    assert_int_equal(r.status, 404);
    assert_non_null(strstr(r.body, "<!DOCTYPE html>"));
    testhttp_free(&r);
    get_host(&r, port, "GET", "site-azur.pvi.test", "/no/such/page", NULL);
    assert_int_equal(r.status, 404);
    assert_non_null(strstr(r.body, "Plomberie azur"));
    testhttp_free(&r);
    /* suspended */
    get_host(&r, port, "GET", "suspendu.pvi.test", "/", NULL);
    assert_int_equal(r.status, 503);
    assert_non_null(strstr(r.body, "noindex"));
    assert_null(strstr(r.body, "Dépannage 7j/7"));
    testhttp_free(&r);
    /* hostile hosts */
    const char *hostile[] = {"../../etc", "a b", "[::1]", "évil.fr", "x.fr:abc", ""};
    for (size_t i = 0; i < PVI_COUNT_OF(hostile); i++) {
        get_host(&r, port, "GET", hostile[i], "/", NULL);
        assert_int_equal(r.status, 400);
        testhttp_free(&r);
    }
    /* a Redis value can never make it read outside the content store */
    /* (a writer of pvi:h:* announces the host on pvi:changed, as route.c does) */
    redisReply *rep = redisCommand(pvi_redis_ctx(redis), "SET pvi:h:evil.test %s",
                                   "1 1 o ../../../../etc/passwd");
    freeReplyObject(rep);
    freeReplyObject(redisCommand(pvi_redis_ctx(redis), "PUBLISH pvi:changed evil.test"));
    get_host(&r, port, "GET", "evil.test", "/", NULL);
    assert_true(r.status >= 500);
    assert_null(strstr(r.body, "root:"));
    testhttp_free(&r);
    char *cmd = pvi_asprintf("mkdir -p '%s/sites/424' && ln -sf /etc/passwd"
                             " '%s/sites/424/424242-1.xml'",
                             content_dir, content_dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    rep = redisCommand(pvi_redis_ctx(redis), "SET pvi:h:evil.test %s",
                       "424242 1 o sites/424/424242-1.xml");
    freeReplyObject(rep);
    freeReplyObject(redisCommand(pvi_redis_ctx(redis), "PUBLISH pvi:changed evil.test"));
    get_host(&r, port, "GET", "evil.test", "/", NULL);
    assert_true(r.status >= 500);
    assert_null(strstr(r.body, "root:"));
    testhttp_free(&r);
}

/* The value of a Prometheus line "name value" in a /metrics body; -1 if absent. */
static long
metric(const char *body, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = strstr(body, name); p; p = strstr(p + 1, name))
        if ((p == body || p[-1] == '\n') && p[n] == ' ')
            return strtol(p + n + 1, NULL, 10);
    return -1;
}

static void
every_page_of_every_charter_cache_on(void **state)
{
    (void)state;
    struct testproc p;
    start(&p, "64");
    check_every_page(p.port);
    check_every_page(p.port); /* again, from the cache */
    errors_and_conditional_requests(p.port);
    /* the second round came from the render cache and the local route map */
    struct testhttp r;
    testenv_get(&r, p.port, "/metrics");
    assert_int_equal(r.status, 200);
    long cache_hits = metric(r.body, "pvi_render_cache_lookups_total{result=\"hit\"}");
    long cache_misses = metric(r.body, "pvi_render_cache_lookups_total{result=\"miss\"}");
    long map_hits = metric(r.body, "pvi_route_map_lookups_total{result=\"hit\"}");
    assert_true(cache_hits > 0);
    assert_true(cache_misses > 0);
    assert_true(map_hits > 0);
    assert_int_equal(metric(r.body, "pvi_route_map_live"), 1);
    assert_true(metric(r.body, "pvi_render_cache_entries") > 0);
    testhttp_free(&r);
    assert_int_equal(testenv_stop(&p), 0);
}

static void
every_page_of_every_charter_cache_off(void **state)
{
    (void)state;
    struct testproc p;
    start(&p, "0");
    check_every_page(p.port);
    errors_and_conditional_requests(p.port);
    assert_int_equal(testenv_stop(&p), 0);
}

static double
now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
a_publication_is_served_at_once(void **state)
{
    (void)state;
    struct testproc p;
    start(&p, "64");
    struct testhttp r;
    get_host(&r, p.port, "GET", "site-terroir.pvi.test", "/", NULL);
    assert_int_equal(r.status, 200);
    assert_null(strstr(r.body, "Nouveau slogan"));
    testhttp_free(&r);
    double t0 = now_s();
    set_tagline(site_ids[2], "Nouveau slogan");
    get_host(&r, p.port, "GET", "site-terroir.pvi.test", "/", NULL);
    double elapsed = now_s() - t0;
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "Nouveau slogan"));
    testhttp_free(&r);
    assert_true(elapsed < 1.0);
    assert_int_equal(testenv_stop(&p), 0);
}

static void
redis_down_answers_503_quickly_then_recovers(void **state)
{
    (void)state;
    struct testproc p;
    start(&p, "64");
    testenv_services("stop", "redis");
    double t0 = now_s();
    struct testhttp r;
    get_host(&r, p.port, "GET", "site-azur.pvi.test", "/", NULL);
    double elapsed = now_s() - t0;
    assert_int_equal(r.status, 503);
    testhttp_free(&r);
    assert_true(elapsed < 1.0);
    testenv_services("start", "redis");
    int ok = 0;
    for (int i = 0; i < 100 && !ok; i++) {
        get_host(&r, p.port, "GET", "site-azur.pvi.test", "/", NULL);
        ok = r.status == 200;
        testhttp_free(&r);
        if (!ok)
            usleep(100 * 1000);
    }
    assert_true(ok);
    assert_int_equal(testenv_stop(&p), 0);
}

static void
sighup_reloads_the_stylesheets(void **state)
{
    (void)state;
    struct testproc p;
    start(&p, "64");
    struct testhttp r;
    char before[128], after[128];
    get_host(&r, p.port, "GET", "site-azur.pvi.test", "/", NULL);
    testhttp_header(&r, "ETag", before, sizeof before);
    testhttp_free(&r);
    kill(p.pid, SIGHUP);
    usleep(300 * 1000);
    get_host(&r, p.port, "GET", "site-azur.pvi.test", "/", NULL);
    assert_int_equal(r.status, 200);
    testhttp_header(&r, "ETag", after, sizeof after);
    testhttp_free(&r);
    /* the generation is part of the ETag: pages rendered by the new stylesheets */
    assert_string_not_equal(before, after);
    assert_int_equal(testenv_stop(&p), 0);
}

/* One value of /metrics now. */
static long
metric_now(int port, const char *name)
{
    struct testhttp r;
    testenv_get(&r, port, "/metrics");
    assert_int_equal(r.status, 200);
    long v = metric(r.body, name);
    testhttp_free(&r);
    return v;
}

/* Waits until the pre-rendering has done more than `after` passes. */
static void
wait_prerender_pass(int port, long after)
{
    for (int i = 0; i < 100; i++) {
        if (metric_now(port, "pvi_render_cache_prerender_passes_total") > after)
            return;
        usleep(50 * 1000);
    }
    fail_msg("no pre-rendering pass within 5 s");
}

/* Starts internet-fo with its cache and warm_env, waits for the first
 * pre-rendering pass; returns the pages it rendered (at least the three
 * online sites' hosts). */
static long
start_prerendered(struct testproc *p, const char *warm_env)
{
    start_with(p, "64", warm_env);
    wait_prerender_pass(p->port, 0);
    long pre = metric_now(p->port, "pvi_render_cache_prerendered_total");
    assert_true(pre >= 3);
    return pre;
}

/* Home pages are in the cache before anyone asks for them: every online
 * site's at start, a new revision's as soon as it is published; a
 * suspended site's page is not pre-rendered. */
static void
home_pages_are_rendered_before_the_first_visit(void **state)
{
    (void)state;
    struct testproc p;
    /* passes an hour apart: after the first, only publications are seen */
    long pre = start_prerendered(&p, "PVI_RENDER_CACHE_WARM_S=3600");
    struct testhttp r;
    for (int i = 0; i < 3; i++) {
        char *host = pvi_asprintf("site-%s.pvi.test", charters[i]);
        get_host(&r, p.port, "GET", host, "/", NULL);
        assert_int_equal(r.status, 200);
        testhttp_free(&r);
        free(host);
    }
    const char *hit = "pvi_render_cache_lookups_total{result=\"hit\"}";
    const char *miss = "pvi_render_cache_lookups_total{result=\"miss\"}";
    assert_int_equal(metric_now(p.port, hit), 3);
    assert_int_equal(metric_now(p.port, miss), 0);

    /* a new revision: rendered when its publication is announced */
    set_tagline(site_ids[0], "Slogan rendu avant la visite");
    int rendered = 0;
    for (int i = 0; i < 100 && !rendered; i++) {
        /* the site's two hosts (its domain and its platform name) */
        rendered = metric_now(p.port, "pvi_render_cache_prerendered_total") >= pre + 2;
        if (!rendered)
            usleep(50 * 1000);
    }
    assert_true(rendered);
    assert_int_equal(metric_now(p.port, "pvi_render_cache_prerender_passes_total"), 1);
    get_host(&r, p.port, "GET", "site-classique.pvi.test", "/", NULL);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "Slogan rendu avant la visite"));
    testhttp_free(&r);
    assert_int_equal(metric_now(p.port, hit), 4);
    assert_int_equal(metric_now(p.port, miss), 0);

    /* the suspended site's page is rendered when asked for */
    get_host(&r, p.port, "GET", "suspendu.pvi.test", "/", NULL);
    assert_int_equal(r.status, 503);
    testhttp_free(&r);
    assert_int_equal(metric_now(p.port, miss), 1);
    assert_int_equal(testenv_stop(&p), 0);
}

/* After a reload, the next pass drops the pages of the replaced stylesheets
 * and pre-renders the home pages again: the cache does not fill up with
 * pages nobody can ask for (the same happens to a past day's pages). */
static void
a_reload_replaces_the_prerendered_pages(void **state)
{
    (void)state;
    struct testproc p;
    long pre = start_prerendered(&p, "PVI_RENDER_CACHE_WARM_S=1");
    long entries = metric_now(p.port, "pvi_render_cache_entries");
    assert_int_equal(entries, pre);
    kill(p.pid, SIGHUP);
    usleep(300 * 1000); /* the reload */
    long passes = metric_now(p.port, "pvi_render_cache_prerender_passes_total");
    wait_prerender_pass(p.port, passes + 1);
    assert_int_equal(metric_now(p.port, "pvi_render_cache_prerendered_total"), 2 * pre);
    assert_int_equal(metric_now(p.port, "pvi_render_cache_entries"), entries);
    assert_int_equal(testenv_stop(&p), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_page_of_every_charter_cache_on),
        cmocka_unit_test(every_page_of_every_charter_cache_off),
        cmocka_unit_test(a_publication_is_served_at_once),
        cmocka_unit_test(redis_down_answers_503_quickly_then_recovers),
        cmocka_unit_test(sighup_reloads_the_stylesheets),
        cmocka_unit_test(home_pages_are_rendered_before_the_first_visit),
        cmocka_unit_test(a_reload_replaces_the_prerendered_pages),
    };
    return cmocka_run_group_tests_name("internet_fo", tests, setup, teardown);
}
