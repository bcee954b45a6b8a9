/* test_bulk.c — the bulk loader (pvi_bulk.h) on its own, with hand-made
 * rows (no generator): a load is invisible until it commits and then
 * complete (client, site, revision with provenance, domain, job, one audit
 * event); a refused row leaves the load going; a load closed without
 * commit or failed on a taken slug leaves nothing; what exists is
 * reported; only the system may load; calls out of order are refused. */
#include "testenv.h"

#include "pvi/pvi_bulk.h"
#include "pvi/pvi_clock.h"
#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_site.h"
#include "pvi/pvi_validate.h"

#include <stdlib.h>
#include <string.h>

static struct pvi_db *db;
static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "test-bulk"};
static const struct pvi_actor admin = {.role = PVI_ROLE_ADMIN, .id = 1, .label = "admin@pvi.test"};
static const struct pvi_bulk_opts with_jobs = {.purpose = PVI_BULK_SEED, .queue_jobs = 1};

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

/* A valid, normalised content with one domain. */
static json_t *
content(const char *name, const char *domain)
{
    json_t *raw =
        json_pack("{s:s, s:s, s:[{s:s, s:s}], s:{s:s, s:s, s:s}, s:[s], s:s}", "business_name",
                  name, "activity", "Plombier", "phones", "kind", "fixed", "number",
                  "02 99 12 34 56", "address", "street", "1 rue de la Paix", "postal_code", "35000",
                  "city", "Rennes", "domains", domain, "charter", "classique");
    json_t *doc = NULL;
    struct pvi_errors e = {0};
    assert_int_equal(pvi_content_validate(&doc, raw, &e), PVI_OK);
    pvi_errors_clear(&e);
    json_decref(raw);
    return doc;
}

static struct pvi_bulk_client
client(const char *number)
{
    return (struct pvi_bulk_client){.customer_number = number,
                                    .company_name = "SARL Plomberie Test",
                                    .siret = "73282932000074",
                                    .email = "contact@plomberie-test.fr",
                                    .phone = "+33299123456",
                                    .created_at_us = pvi_now_us() - 86400LL * 1000000LL};
}

static struct pvi_bulk_site
online_site(const char *number, const char *slug, const json_t *doc)
{
    return (struct pvi_bulk_site){.customer_number = number,
                                  .slug = slug,
                                  .state = PVI_STATE_ONLINE,
                                  .published = 1,
                                  .content = doc,
                                  .channel = PVI_CHANNEL_IMPORT,
                                  .note = "bulk test",
                                  .created_at_us = pvi_now_us() - 86400LL * 1000000LL,
                                  .updated_at_us = pvi_now_us() - 3600LL * 1000000LL};
}

static void
a_load_is_invisible_until_it_commits_then_complete(void **state)
{
    (void)state;
    struct pvi_bulk *b = NULL;
    assert_int_equal(pvi_bulk_open(&b, testenv_require("PVI_DB_URL"), &sys, &with_jobs), PVI_OK);
    const struct pvi_bulk_operator op = {"op.bulk", "uid=op.bulk,ou=people,dc=pvi,dc=test",
                                         "Opératrice Bulk", NULL};
    assert_int_equal(pvi_bulk_operator_ensure(b, &op), PVI_OK);
    struct pvi_bulk_client c = client("PJ00000010");
    assert_int_equal(pvi_bulk_client_add(b, &c), PVI_OK);
    json_t *doc = content("Plomberie Test", "www.plomberie-test.fr");
    struct pvi_bulk_site s = online_site("PJ00000010", "plomberie-test", doc);
    assert_int_equal(pvi_bulk_site_add(b, &s), PVI_OK);
    /* a site in review, entered by the operator, for the same client */
    json_t *doc2 = content("Plomberie Test Nord", "www.plomberie-test-nord.fr");
    struct pvi_bulk_site s2 = online_site("PJ00000010", "plomberie-test-nord", doc2);
    s2.state = PVI_STATE_REVIEW;
    s2.published = 0;
    s2.operator_uid = s2.author_operator_uid = "op.bulk";
    s2.channel = PVI_CHANNEL_PHONE;
    assert_int_equal(pvi_bulk_site_add(b, &s2), PVI_OK);

    struct pvi_bulk_report rep;
    assert_int_equal(pvi_bulk_insert(&rep, b), PVI_OK);
    assert_int_equal(rep.clients, 1);
    assert_int_equal(rep.sites, 2);
    assert_int_equal(rep.by_state[PVI_STATE_ONLINE], 1);
    assert_int_equal(rep.by_state[PVI_STATE_REVIEW], 1);
    assert_int_equal(rep.domains, 1); /* the review site claims none */
    assert_int_equal(rep.jobs, 1);
    assert_string_equal(rep.first_customer, "PJ00000010");
    assert_string_equal(rep.last_customer, "PJ00000010");
    /* other connections see nothing yet */
    assert_int_equal(count("SELECT count(*) FROM clients"), 0);
    assert_int_equal(count("SELECT count(*) FROM operators"), 0);

    json_t *extra = json_pack("{s:s, s:i}", "mode", "test", "sites", 99);
    assert_int_equal(pvi_bulk_commit(b, extra), PVI_OK);
    json_decref(extra);
    pvi_bulk_close(b);

    assert_int_equal(count("SELECT count(*) FROM clients WHERE customer_number = 'PJ00000010'"), 1);
    assert_int_equal(count("SELECT count(*) FROM site_revisions"), 2);
    assert_int_equal(count("SELECT count(*) FROM domains WHERE host = 'www.plomberie-test.fr'"
                           " AND is_primary"),
                     1);
    assert_int_equal(count("SELECT count(*) FROM publication_jobs WHERE kind = 'publish'"), 1);
    assert_int_equal(count("SELECT count(*) FROM site_revisions r JOIN sites s"
                           " ON s.draft_revision_id = r.id WHERE s.slug = 'plomberie-test-nord'"
                           " AND r.author_kind = 'operator' AND r.channel = 'phone'"
                           " AND r.author_id = s.operator_id"
                           " AND r.provenance->'phones'->>'by' = 'op.bulk'"),
                     1);
    /* one audit event; the counts win over the caller's members */
    assert_int_equal(count("SELECT count(*) FROM audit_events WHERE action = 'seed.load'"
                           " AND object_kind = 'seed' AND actor_label = 'test-bulk'"
                           " AND (after->>'sites')::int = 2 AND after->>'mode' = 'test'"
                           " AND (after->'states'->>'review')::int = 1"
                           " AND NOT (after->>'no_jobs')::boolean"),
                     1);
    struct pvi_site *site = NULL;
    assert_int_equal(pvi_site_get_by_slug(&site, db, &sys, "plomberie-test"), PVI_OK);
    assert_int_equal(site->state, PVI_STATE_ONLINE);
    assert_int_equal(site->published_number, 1);
    assert_string_equal(site->business_name, "Plomberie Test");
    assert_string_equal(site->charter, "classique");
    assert_true(json_equal(site->published, doc));
    pvi_site_free(site);
    json_decref(doc);
    json_decref(doc2);
}

static void
what_exists_is_reported(void **state)
{
    (void)state;
    struct pvi_bulk *b = NULL;
    assert_int_equal(pvi_bulk_open(&b, testenv_require("PVI_DB_URL"), &sys, NULL), PVI_OK);
    long long max = -1;
    assert_int_equal(pvi_bulk_taken(&max, b, NULL, NULL, NULL), PVI_OK);
    assert_int_equal(max, 10); /* PJ00000010 */
    int exists = -1;
    assert_int_equal(pvi_bulk_client_exists(&exists, b, "PJ00000010"), PVI_OK);
    assert_int_equal(exists, 1);
    assert_int_equal(pvi_bulk_client_exists(&exists, b, "PJ00000011"), PVI_OK);
    assert_int_equal(exists, 0);
    pvi_bulk_close(b);
}

struct taken {
    int slugs, hosts, slug_found, host_found;
};

static void
on_slug(void *ctx, const char *slug)
{
    struct taken *t = ctx;
    t->slugs++;
    t->slug_found += strcmp(slug, "plomberie-test-nord") == 0;
}

static void
on_host(void *ctx, const char *host)
{
    struct taken *t = ctx;
    t->hosts++;
    t->host_found += strcmp(host, "www.plomberie-test.fr") == 0;
}

static void
every_slug_and_host_is_handed_to_the_callbacks(void **state)
{
    (void)state;
    struct pvi_bulk *b = NULL;
    assert_int_equal(pvi_bulk_open(&b, testenv_require("PVI_DB_URL"), &sys, NULL), PVI_OK);
    struct taken t = {0};
    long long max = 0;
    assert_int_equal(pvi_bulk_taken(&max, b, on_slug, on_host, &t), PVI_OK);
    assert_int_equal(t.slugs, 2);
    assert_int_equal(t.hosts, 1);
    assert_int_equal(t.slug_found, 1);
    assert_int_equal(t.host_found, 1);
    pvi_bulk_close(b);
}

static void
a_refused_row_leaves_the_load_going_and_close_leaves_nothing(void **state)
{
    (void)state;
    long long sites = count("SELECT count(*) FROM sites");
    struct pvi_bulk *b = NULL;
    assert_int_equal(pvi_bulk_open(&b, testenv_require("PVI_DB_URL"), &sys, &with_jobs), PVI_OK);
    json_t *doc = content("Plomberie Sud", "www.plomberie-sud.fr");
    struct pvi_bulk_site s = online_site("PJ00000010", "plomberie-sud", doc);
    s.published = 0; /* an online site must be published */
    assert_int_equal(pvi_bulk_site_add(b, &s), PVI_BAD_REQUEST);
    s.published = 1;
    s.content = NULL;
    assert_int_equal(pvi_bulk_site_add(b, &s), PVI_BAD_REQUEST);
    struct pvi_bulk_client c = client(NULL);
    assert_int_equal(pvi_bulk_client_add(b, &c), PVI_BAD_REQUEST);
    s.content = doc;
    assert_int_equal(pvi_bulk_site_add(b, &s), PVI_OK); /* for a client already there */
    struct pvi_bulk_report rep;
    assert_int_equal(pvi_bulk_insert(&rep, b), PVI_OK);
    assert_int_equal(rep.sites, 1);
    assert_int_equal(rep.clients, 0);
    pvi_bulk_close(b); /* no commit */
    assert_int_equal(count("SELECT count(*) FROM sites"), sites);
    assert_int_equal(count("SELECT count(*) FROM audit_events"), 1);
    json_decref(doc);
}

static void
a_taken_slug_fails_the_load_and_leaves_nothing(void **state)
{
    (void)state;
    long long clients = count("SELECT count(*) FROM clients");
    struct pvi_bulk *b = NULL;
    assert_int_equal(pvi_bulk_open(&b, testenv_require("PVI_DB_URL"), &sys, NULL), PVI_OK);
    struct pvi_bulk_client c = client("PJ00000020");
    assert_int_equal(pvi_bulk_client_add(b, &c), PVI_OK);
    json_t *doc = content("Plomberie Bis", "www.plomberie-bis.fr");
    struct pvi_bulk_site s = online_site("PJ00000020", "plomberie-test", doc); /* taken */
    assert_int_equal(pvi_bulk_site_add(b, &s), PVI_OK);
    assert_int_equal(pvi_bulk_insert(NULL, b), PVI_CONFLICT);
    assert_int_equal(pvi_bulk_commit(b, NULL), PVI_CONFLICT); /* the failure sticks */
    pvi_bulk_close(b);
    assert_int_equal(count("SELECT count(*) FROM clients"), clients);
    assert_int_equal(count("SELECT count(*) FROM audit_events"), 1);
    json_decref(doc);
}

static void
only_the_system_may_load_and_calls_keep_their_order(void **state)
{
    (void)state;
    struct pvi_bulk *b = (struct pvi_bulk *)&b; /* not NULL: a refusal must reset it */
    assert_int_equal(pvi_bulk_open(&b, testenv_require("PVI_DB_URL"), &admin, NULL), PVI_FORBIDDEN);
    assert_null(b);
    assert_int_equal(pvi_bulk_open(&b, testenv_require("PVI_DB_URL"), NULL, NULL), PVI_FORBIDDEN);
    assert_int_equal(
        pvi_bulk_open(&b, "host=127.0.0.1 port=1 dbname=x connect_timeout=1", &sys, NULL),
        PVI_UNAVAILABLE);
    assert_null(b);

    assert_int_equal(pvi_bulk_open(&b, testenv_require("PVI_DB_URL"), &sys, NULL), PVI_OK);
    assert_int_equal(pvi_bulk_commit(b, NULL), PVI_INTERNAL); /* before the INSERTs */
    json_t *doc = content("Plomberie Ter", "www.plomberie-ter.fr");
    struct pvi_bulk_site s = online_site("PJ00000010", "plomberie-ter", doc);
    assert_int_equal(pvi_bulk_site_add(b, &s), PVI_OK);
    long long max = 0;
    assert_int_equal(pvi_bulk_taken(&max, b, NULL, NULL, NULL), PVI_INTERNAL); /* too late */
    assert_int_equal(pvi_bulk_insert(NULL, b), PVI_OK);
    assert_int_equal(pvi_bulk_site_add(b, &s), PVI_INTERNAL); /* after the INSERTs */
    assert_int_equal(pvi_bulk_commit(b, NULL), PVI_OK);
    assert_int_equal(pvi_bulk_commit(b, NULL), PVI_INTERNAL); /* once */
    pvi_bulk_close(b);
    pvi_bulk_close(NULL);
    assert_int_equal(count("SELECT count(*) FROM sites WHERE slug = 'plomberie-ter'"), 1);
    assert_int_equal(count("SELECT count(*) FROM audit_events WHERE (after->>'no_jobs')::boolean"),
                     1);
    json_decref(doc);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_load_is_invisible_until_it_commits_then_complete),
        cmocka_unit_test(what_exists_is_reported),
        cmocka_unit_test(every_slug_and_host_is_handed_to_the_callbacks),
        cmocka_unit_test(a_refused_row_leaves_the_load_going_and_close_leaves_nothing),
        cmocka_unit_test(a_taken_slug_fails_the_load_and_leaves_nothing),
        cmocka_unit_test(only_the_system_may_load_and_calls_keep_their_order),
    };
    return cmocka_run_group_tests_name("bulk", tests, setup, teardown);
}
