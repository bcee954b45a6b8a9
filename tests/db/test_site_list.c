/* test_site_list.c — the site list (pvi_site_list.h) against PostgreSQL:
 * the search finds a site by each identifier (a phone in any French
 * format, a SIRET with or without spaces, case and accents ignored); every
 * write path keeps the search true (creation, draft edit, restore, online
 * edits and change-request decisions, approval, closing, the bulk loader);
 * the filters, the sorts, keyset paging in both directions and the last
 * page; pages that stay stable while sites change; cursors refused when
 * they do not parse or belong to another sort; a client sees their own. */
#include "testenv.h"

#include "pvi/pvi_db.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_seed.h"
#include "pvi/pvi_site.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct pvi_db *db;
static const struct pvi_actor sys = {.role = PVI_ROLE_SYSTEM, .label = "test_site_list"};
static struct pvi_actor admin1 = {.role = PVI_ROLE_ADMIN, .id = 1, .label = "admin1@pvi.test"};
static struct pvi_actor martin = {.role = PVI_ROLE_OPERATOR, .label = "op.martin"};
static long long op_martin, client_a, client_b;

#define SIRET_A "73282932000074"

static int
setup(void **state)
{
    (void)state;
    db = testenv_db_open();
    testenv_db_reset(db);
    free(testenv_sql("INSERT INTO admin_users (email, display_name, password_hash)"
                     " VALUES ('admin1@pvi.test', 'Admin', 'x')"));
    op_martin = testenv_sql_ll("INSERT INTO operators (ldap_uid, ldap_dn, display_name) VALUES"
                               " ('op.martin', 'uid=op.martin', 'Claire Martin') RETURNING id");
    martin.id = op_martin;
    struct pvi_client_new a = {.customer_number = "PJ30000001",
                               .company_name = "Élise SARL",
                               .siret = "732 829 320 00074",
                               .email = "elise@example.fr",
                               .phone = "02 96 00 00 01"};
    struct pvi_client_new b = {.customer_number = "PJ30000002",
                               .company_name = "Autre SARL",
                               .siret = "35600000000048",
                               .email = "autre@example.fr",
                               .phone = "02 96 00 00 02"};
    assert_int_equal(pvi_client_create(&client_a, db, &sys, &a, NULL), PVI_OK);
    assert_int_equal(pvi_client_create(&client_b, db, &sys, &b, NULL), PVI_OK);
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
content(const char *name, const char *city, const char *phone, const char *domain)
{
    json_t *c = json_pack("{s:s, s:s, s:[{s:s, s:s}], s:{s:s, s:s, s:s}, s:s}", "business_name",
                          name, "activity", "Crêperie", "phones", "kind", "fixed", "number", phone,
                          "address", "street", "1 rue du Port", "postal_code", "22000", "city",
                          city, "charter", "classique");
    assert_non_null(c);
    if (domain)
        json_object_set_new(c, "domains", json_pack("[s]", domain));
    return c;
}

static long long
new_site(long long client, const char *slug, json_t *c)
{
    long long id = 0;
    struct pvi_errors e = {0};
    struct pvi_site_new in = {.client_id = client, .slug = slug, .content = c};
    enum pvi_code rc = pvi_site_create(&id, db, &sys, &in, &e);
    if (rc != PVI_OK)
        print_error("create %s: %s %s\n", slug, pvi_code_name(rc), e.n ? e.v[0].path : "");
    assert_int_equal(rc, PVI_OK);
    pvi_errors_clear(&e);
    json_decref(c);
    return id;
}

/* The ids a filter lists (first page of 200), in order, as "1,2,3". */
static char *
ids_of(const struct pvi_actor *a, struct pvi_site_filter f)
{
    if (f.limit == 0)
        f.limit = 200;
    json_t *page = NULL;
    enum pvi_code rc = pvi_site_list(&page, db, a, &f, NULL);
    assert_int_equal(rc, PVI_OK);
    struct pvi_buf b = {0};
    pvi_buf_puts(&b, "");
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(page, "sites"), i, s)
    {
        pvi_buf_printf(&b, "%s%lld", i ? "," : "",
                       (long long)json_integer_value(json_object_get(s, "id")));
    }
    json_decref(page);
    return pvi_buf_steal(&b);
}

/* Whether the search q lists exactly the site id (want 1) or not at all (want 0). */
static void
expect_search(const char *q, long long id, int want)
{
    struct pvi_site_filter f = {.state = -1, .q = q};
    char *got = ids_of(&admin1, f);
    char one[32];
    snprintf(one, sizeof one, "%lld", id);
    int found = 0;
    for (char *tok = strtok(got, ","); tok; tok = strtok(NULL, ","))
        found |= strcmp(tok, one) == 0;
    if (found != want)
        print_error("search \"%s\": site %lld %s\n", q, id, want ? "missing" : "listed");
    assert_int_equal(found, want);
    free(got);
}

static void
the_search_finds_a_site_by_each_identifier(void **state)
{
    (void)state;
    long long id = new_site(client_a, "creperie-elise",
                            content("Crêperie Élise", "Saint-Brieuc", "02 96 12 34 56",
                                    "www.creperie-elise.fr"));
    long long other = new_site(client_b, "autre-site",
                               content("Garage du Centre", "Lannion", "02 96 99 88 77", NULL));
    static const char *const finds[] = {
        "Crêperie", "creperie", "ÉLISE", "elise", "  crêperie élise  ", "saint-brieuc",
        "Saint-Brieuc", "creperie-elise.fr", "WWW.CREPERIE-ELISE.FR", "PJ30000001", "pj30000001",
        "732 829 320 00074", SIRET_A, "732.829.320.00074", "02 96 12 34 56", "0296123456",
        "02.96.12.34.56", "+33 2 96 12 34 56", "+33296123456", "0033296123456", "96 12 34 56",
        "creperie-elise", /* the slug */
    };
    for (size_t i = 0; i < PVI_COUNT_OF(finds); i++) {
        expect_search(finds[i], id, 1);
        expect_search(finds[i], other, 0);
    }
    static const char *const misses[] = {"0296123457", "Brest", "PJ30000009", "73282932000075",
                                         "100%", "e_i"};
    for (size_t i = 0; i < PVI_COUNT_OF(misses); i++)
        expect_search(misses[i], id, 0);
    expect_search("Lannion", other, 1);
    expect_search("02 96 99 88 77", other, 1);
    /* a LIKE pattern typed is a text, not a pattern */
    expect_search("cr%pe", id, 0);
    /* shorter than 3 characters (separators of numbers aside): refused, naming "q" */
    static const char *const shorts[] = {"ab", " é ", "1 2", "%", "Œ"};
    for (size_t i = 0; i < PVI_COUNT_OF(shorts); i++) {
        struct pvi_site_filter f = {.state = -1, .q = shorts[i]};
        struct pvi_errors e = {0};
        json_t *page = (json_t *)1;
        assert_int_equal(pvi_site_list(&page, db, &admin1, &f, &e), PVI_VALIDATION);
        assert_null(page);
        assert_int_equal(e.n, 1);
        assert_string_equal(e.v[0].path, "q");
        pvi_errors_clear(&e);
    }
    expect_search("élis", id, 1);
}

/* The search columns equal what the schema's definition makes of each
 * site's working content: no write path forgot them. */
static void
expect_search_columns_true(void)
{
    long long wrong = testenv_sql_ll(
        "SELECT count(*) FROM sites s WHERE NOT EXISTS (SELECT 1 FROM pvi_site_search_of("
        "coalesce(s.published_revision_id, s.draft_revision_id), s.business_name, s.slug,"
        " s.client_id) v WHERE v.city = s.city AND v.name_key = s.name_key"
        " AND v.search = s.search)");
    assert_int_equal(wrong, 0);
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

static void
edit(long long id, const struct pvi_actor *a, json_t *c, struct pvi_edit_result *res)
{
    struct pvi_errors e = {0};
    enum pvi_code rc = pvi_site_edit(res, db, a, id, version_of(id), c, NULL, &e);
    if (rc != PVI_OK)
        print_error("edit: %s %s\n", pvi_code_name(rc), e.n ? e.v[0].path : "");
    assert_int_equal(rc, PVI_OK);
    pvi_errors_clear(&e);
    json_decref(c);
}

static void
transition(long long id, const struct pvi_actor *a, enum pvi_transition t)
{
    struct pvi_transition_args args = {.operator_id = op_martin, .reason = "Test."};
    struct pvi_errors e = {0};
    enum pvi_code rc = pvi_site_transition(NULL, db, a, id, version_of(id), t, &args, &e);
    if (rc != PVI_OK)
        print_error("%s: %s %s\n", pvi_transition_name(t), pvi_code_name(rc),
                    e.n ? e.v[0].path : "");
    assert_int_equal(rc, PVI_OK);
    pvi_errors_clear(&e);
}

static void
every_write_path_keeps_the_search_true(void **state)
{
    (void)state;
    /* creation */
    long long id = new_site(client_a, "ecrit-partout",
                            content("Atelier Ardoise", "Dinan", "02 96 11 11 11", "ardoise.fr"));
    expect_search("Dinan", id, 1);
    expect_search_columns_true();
    /* a draft edit: the new city, not the old one */
    edit(id, &admin1, content("Atelier Ardoise", "Paimpol", "02 96 11 11 11", "ardoise.fr"),
         NULL);
    expect_search("Paimpol", id, 1);
    expect_search("Dinan", id, 0);
    expect_search_columns_true();
    /* restoring revision 1 (as a new draft) */
    struct pvi_errors e = {0};
    assert_int_equal(pvi_site_restore(NULL, db, &admin1, id, version_of(id), 1, "retour", &e),
                     PVI_OK);
    pvi_errors_clear(&e);
    expect_search("Dinan", id, 1);
    expect_search("Paimpol", id, 0);
    expect_search_columns_true();
    /* assignment, submission, approval: the published content */
    transition(id, &admin1, PVI_TR_ASSIGN);
    edit(id, &martin, content("Atelier Ardoise", "Guingamp", "02 96 11 11 11", "ardoise.fr"),
         NULL);
    transition(id, &martin, PVI_TR_SUBMIT);
    transition(id, &admin1, PVI_TR_APPROVE);
    expect_search("Guingamp", id, 1);
    expect_search("Dinan", id, 0);
    expect_search_columns_true();
    /* online, a simple field (the phone) publishes at once */
    struct pvi_edit_result res = {0};
    edit(id, &martin, content("Atelier Ardoise", "Guingamp", "02 96 22 22 22", "ardoise.fr"),
         &res);
    assert_true(res.published);
    expect_search("02 96 22 22 22", id, 1);
    expect_search("02 96 11 11 11", id, 0);
    /* a sensitive field (the city) waits for a decision: the list keeps the published one */
    edit(id, &martin, content("Atelier Ardoise", "Lamballe", "02 96 22 22 22", "ardoise.fr"),
         &res);
    assert_true(res.request_id > 0);
    expect_search("Guingamp", id, 1);
    expect_search("Lamballe", id, 0);
    struct pvi_site_filter pending = {.state = -1, .pending = 1};
    char *listed = ids_of(&admin1, pending);
    char want[32];
    snprintf(want, sizeof want, "%lld", id);
    assert_string_equal(listed, want);
    free(listed);
    /* approving the change request publishes it */
    assert_int_equal(pvi_change_request_decide(db, &admin1, res.request_id, 1, NULL, NULL), PVI_OK);
    expect_search("Lamballe", id, 1);
    expect_search("Guingamp", id, 0);
    expect_search_columns_true();
    listed = ids_of(&admin1, pending);
    assert_string_equal(listed, "");
    free(listed);
    /* a rejected request leaves the published city */
    edit(id, &martin, content("Atelier Ardoise", "Quintin", "02 96 22 22 22", "ardoise.fr"),
         &res);
    assert_int_equal(
        pvi_change_request_decide(db, &admin1, res.request_id, 0, "Adresse inconnue.", NULL),
        PVI_OK);
    expect_search("Lamballe", id, 1);
    expect_search("Quintin", id, 0);
    /* the business name, through a request too, and the name sort key with it */
    edit(id, &martin, content("Ardoise & Co", "Lamballe", "02 96 22 22 22", "ardoise.fr"), &res);
    assert_int_equal(pvi_change_request_decide(db, &admin1, res.request_id, 1, NULL, NULL), PVI_OK);
    expect_search("ardoise & co", id, 1);
    expect_search("Atelier", id, 0);
    /* closing keeps the site findable by what it was */
    transition(id, &admin1, PVI_TR_CLOSE);
    expect_search("Lamballe", id, 1);
    expect_search_columns_true();
}


/* ---- filters, sorts, paging ---- */

static long long client_c;
static long long paged[12]; /* sites of client_c, by name: "Page 01" … "Page 12" */

static void
paging_fixture(void)
{
    if (client_c)
        return;
    struct pvi_client_new c = {.customer_number = "PJ30000003",
                               .company_name = "Pages SARL",
                               .siret = "73282932000074",
                               .email = "pages@example.fr",
                               .phone = "02 96 00 00 03"};
    assert_int_equal(pvi_client_create(&client_c, db, &sys, &c, NULL), PVI_OK);
    /* created in an order that is not the name order */
    static const int order[12] = {7, 2, 11, 0, 5, 9, 3, 10, 1, 8, 4, 6};
    for (int i = 0; i < 12; i++) {
        int k = order[i];
        char name[32], slug[32];
        /* accents and case must not change the order: "Pâge 03", "page 05" */
        snprintf(name, sizeof name, k == 2 ? "Pâge %02d" : k == 4 ? "page %02d" : "Page %02d",
                 k + 1);
        snprintf(slug, sizeof slug, "page-%02d", k + 1);
        paged[k] = new_site(client_c, slug, content(name, "Morlaix", "02 98 00 00 00", NULL));
    }
}

static char *
expected(const int *idx, size_t n)
{
    struct pvi_buf b = {0};
    pvi_buf_puts(&b, "");
    for (size_t i = 0; i < n; i++)
        pvi_buf_printf(&b, "%s%lld", i ? "," : "", paged[idx[i]]);
    return pvi_buf_steal(&b);
}

static void
expect_ids(const struct pvi_site_filter *f, const int *idx, size_t n)
{
    char *got = ids_of(&admin1, *f), *want = expected(idx, n);
    if (strcmp(got, want) != 0)
        print_error("got %s\nwant %s\n", got, want);
    assert_string_equal(got, want);
    free(got);
    free(want);
}

static void
filters_and_sorts(void **state)
{
    (void)state;
    paging_fixture();
    static const int az[12] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    static const int za[12] = {11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
    struct pvi_site_filter f = {.state = -1, .client_id = client_c, .sort = PVI_SITE_SORT_NAME};
    expect_ids(&f, az, 12);
    f.dir = PVI_SORT_DESC;
    expect_ids(&f, za, 12);
    /* newest first by default: the creation order reversed */
    struct pvi_site_filter n = {.state = -1, .client_id = client_c};
    static const int newest[12] = {6, 4, 8, 1, 10, 3, 9, 5, 0, 11, 2, 7};
    expect_ids(&n, newest, 12);
    /* the last change: one site edited comes first */
    edit(paged[5], &admin1, content("Page 06", "Brest", "02 98 00 00 00", NULL), NULL);
    struct pvi_site_filter ch = {.state = -1, .client_id = client_c, .sort = PVI_SITE_SORT_CHANGED,
                                 .limit = 1};
    expect_ids(&ch, (const int[]){5}, 1);
    ch.dir = PVI_SORT_ASC;
    ch.limit = 0;
    char *asc = ids_of(&admin1, ch);
    assert_non_null(strstr(asc, ","));
    char last[32];
    snprintf(last, sizeof last, ",%lld", paged[5]);
    assert_string_equal(asc + strlen(asc) - strlen(last), last);
    free(asc);
    /* states in lifecycle order: an assigned site (collecting) after the ordered ones */
    transition(paged[0], &admin1, PVI_TR_ASSIGN);
    struct pvi_site_filter st = {.state = -1, .client_id = client_c, .sort = PVI_SITE_SORT_STATE,
                                 .dir = PVI_SORT_DESC, .limit = 1};
    expect_ids(&st, (const int[]){0}, 1);
    /* state and operator filters */
    struct pvi_site_filter col = {.state = PVI_STATE_COLLECTING, .client_id = client_c};
    expect_ids(&col, (const int[]){0}, 1);
    struct pvi_site_filter op = {.state = -1, .client_id = client_c, .operator_id = op_martin};
    expect_ids(&op, (const int[]){0}, 1);
    struct pvi_site_filter ord = {.state = PVI_STATE_ORDERED, .client_id = client_c,
                                  .sort = PVI_SITE_SORT_NAME};
    expect_ids(&ord, az + 1, 11);
    /* charter: every site of the fixture has classique; none has azur */
    struct pvi_site_filter chz = {.state = -1, .client_id = client_c, .charter = "classique",
                                  .sort = PVI_SITE_SORT_NAME};
    expect_ids(&chz, az, 12);
    chz.charter = "azur";
    expect_ids(&chz, az, 0);
    /* a charter that does not exist is refused, naming the field */
    chz.charter = "inconnue";
    json_t *page = (json_t *)1;
    struct pvi_errors e = {0};
    assert_int_equal(pvi_site_list(&page, db, &admin1, &chz, &e), PVI_VALIDATION);
    assert_null(page);
    assert_int_equal(e.n, 1);
    assert_string_equal(e.v[0].path, "charter");
    pvi_errors_clear(&e);
    /* the search combines with the filters */
    struct pvi_site_filter q = {.state = PVI_STATE_ORDERED, .client_id = client_c, .q = "page 05"};
    expect_ids(&q, (const int[]){4}, 1);
    /* counting */
    struct pvi_site_filter cnt = {.state = -1, .client_id = client_c, .count = 1, .limit = 5};
    assert_int_equal(pvi_site_list(&page, db, &admin1, &cnt, NULL), PVI_OK);
    assert_int_equal(json_integer_value(json_object_get(page, "count")), 12);
    assert_false(json_is_true(json_object_get(page, "count_capped")));
    assert_int_equal(json_array_size(json_object_get(page, "sites")), 5);
    json_decref(page);
}

/* Walks every page of f forward then backward; checks each site once, in order. */
static void
walk(struct pvi_site_filter f, const int *order, size_t n)
{
    char *cursor = NULL;
    size_t seen = 0, pages = 0;
    do {
        f.after = cursor;
        f.before = NULL;
        json_t *page = NULL;
        assert_int_equal(pvi_site_list(&page, db, &admin1, &f, NULL), PVI_OK);
        json_t *sites = json_object_get(page, "sites");
        for (size_t i = 0; i < json_array_size(sites); i++) {
            assert_true(seen < n);
            assert_int_equal(json_integer_value(json_object_get(json_array_get(sites, i), "id")),
                             paged[order[seen]]);
            seen++;
        }
        /* the first page has no previous one; the others do */
        assert_int_equal(json_is_null(json_object_get(page, "previous")), pages == 0);
        free(cursor);
        const char *next = json_string_value(json_object_get(page, "next"));
        cursor = next ? pvi_strdup(next) : NULL;
        json_decref(page);
        pages++;
    } while (cursor);
    assert_int_equal(seen, n);
    assert_int_equal(pages, (n + (size_t)f.limit - 1) / (size_t)f.limit);
    /* the last page, then backward to the first */
    f.after = NULL;
    f.last = 1;
    size_t back = n;
    for (;;) {
        json_t *page = NULL;
        assert_int_equal(pvi_site_list(&page, db, &admin1, &f, NULL), PVI_OK);
        json_t *sites = json_object_get(page, "sites");
        size_t k = json_array_size(sites);
        assert_true(k <= back);
        for (size_t i = 0; i < k; i++)
            assert_int_equal(json_integer_value(json_object_get(json_array_get(sites, i), "id")),
                             paged[order[back - k + i]]);
        back -= k;
        assert_int_equal(json_is_null(json_object_get(page, "next")), f.last);
        const char *prev = json_string_value(json_object_get(page, "previous"));
        free(cursor);
        cursor = prev ? pvi_strdup(prev) : NULL;
        json_decref(page);
        if (cursor == NULL)
            break;
        f.last = 0;
        f.before = cursor;
    }
    assert_int_equal(back, 0);
}

static void
keyset_paging_both_ways_for_every_sort(void **state)
{
    (void)state;
    paging_fixture();
    static const int az[12] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    static const int za[12] = {11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
    for (int limit = 1; limit <= 13; limit += 4) {
        struct pvi_site_filter f = {.state = -1, .client_id = client_c,
                                    .sort = PVI_SITE_SORT_NAME, .limit = limit};
        walk(f, az, 12);
        f.dir = PVI_SORT_DESC;
        walk(f, za, 12);
    }
    /* the other sorts: the order they give, walked in pages of 5 */
    static const enum pvi_site_sort others[] = {PVI_SITE_SORT_NEWEST, PVI_SITE_SORT_CHANGED,
                                                PVI_SITE_SORT_STATE};
    for (size_t s = 0; s < PVI_COUNT_OF(others); s++)
        for (int dir = PVI_SORT_ASC; dir <= PVI_SORT_DESC; dir++) {
            struct pvi_site_filter all = {.state = -1, .client_id = client_c, .sort = others[s],
                                          .dir = (enum pvi_sort_dir)dir};
            char *ids = ids_of(&admin1, all);
            int order[12];
            size_t n = 0;
            for (char *tok = strtok(ids, ","); tok; tok = strtok(NULL, ","))
                for (int k = 0; k < 12; k++)
                    if (paged[k] == atoll(tok))
                        order[n++] = k;
            free(ids);
            assert_int_equal(n, 12);
            all.limit = 5;
            walk(all, order, 12);
        }
}

static void
pages_stay_stable_while_sites_change(void **state)
{
    (void)state;
    paging_fixture();
    struct pvi_site_filter f = {.state = -1, .client_id = client_c, .sort = PVI_SITE_SORT_NAME,
                                .limit = 4};
    json_t *page = NULL;
    assert_int_equal(pvi_site_list(&page, db, &admin1, &f, NULL), PVI_OK);
    char *next = pvi_strdup(json_string_value(json_object_get(page, "next")));
    json_decref(page);
    /* meanwhile: a site is created before the cursor (an offset would show the
     * first page's last row again), one of the next page is edited */
    long long before = new_site(client_c, "aaa-premier",
                                content("Aaa Premier", "Morlaix", "02 98 00 00 00", NULL));
    edit(paged[5], &admin1, content("Page 06", "Roscoff", "02 98 00 00 00", NULL), NULL);
    /* the second page is what followed the first: nothing twice, nothing lost */
    f.after = next;
    char *got = ids_of(&admin1, f);
    char *want = expected((const int[]){4, 5, 6, 7}, 4);
    assert_string_equal(got, want);
    free(got);
    free(want);
    /* sorted by the last change, a site changed between two pages does not come back */
    struct pvi_site_filter ch = {.state = -1, .client_id = client_c, .sort = PVI_SITE_SORT_CHANGED,
                                 .limit = 6};
    assert_int_equal(pvi_site_list(&page, db, &admin1, &ch, NULL), PVI_OK);
    char *first = ids_of(&admin1, ch);
    const char *n2 = json_string_value(json_object_get(page, "next"));
    ch.after = n2;
    /* edit the first site of page 1: it moves to the top, before the cursor */
    long long top = json_integer_value(
        json_object_get(json_array_get(json_object_get(page, "sites"), 0), "id"));
    int k = 0;
    while (paged[k] != top && k < 11)
        k++;
    if (paged[k] == top)
        edit(top, &admin1, content("Page changée", "Brest", "02 98 00 00 00", NULL), NULL);
    char *second = ids_of(&admin1, ch);
    for (char *tok = strtok(second, ","); tok; tok = strtok(NULL, ",")) {
        char needle[40];
        snprintf(needle, sizeof needle, ",%s,", tok);
        char *hay = pvi_asprintf(",%s,", first);
        assert_null(strstr(hay, needle));
        free(hay);
    }
    free(first);
    free(second);
    json_decref(page);
    free(next);
    (void)before;
}

static void
cursors_that_do_not_fit_are_refused(void **state)
{
    (void)state;
    paging_fixture();
    struct pvi_site_filter f = {.state = -1, .client_id = client_c, .sort = PVI_SITE_SORT_NAME,
                                .limit = 2};
    json_t *page = NULL;
    assert_int_equal(pvi_site_list(&page, db, &admin1, &f, NULL), PVI_OK);
    char *next = pvi_strdup(json_string_value(json_object_get(page, "next")));
    json_decref(page);
    assert_int_equal(pvi_site_cursor_check(next), 0);
    for (const char *p = next; *p; p++)
        assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
                               *p));
    static const char *const bad[] = {"x", "!!!", "bm9wZQ", "", "YWQwLg" /* "ad0.": id 0 */,
                                     "Y2QxLjIwMjY" /* "cd1.2026": not a time */};
    for (size_t i = 0; i < PVI_COUNT_OF(bad); i++)
        if (*bad[i])
            assert_int_not_equal(pvi_site_cursor_check(bad[i]), 0);
    /* garbage, another sort's, another direction's: PVI_VALIDATION naming the field */
    struct {
        enum pvi_site_sort sort;
        enum pvi_sort_dir dir;
        const char *after, *before, *field;
    } cases[] = {
        {PVI_SITE_SORT_NAME, PVI_SORT_NATURAL, "garbage", NULL, "after"},
        {PVI_SITE_SORT_NAME, PVI_SORT_NATURAL, NULL, "garbage", "before"},
        {PVI_SITE_SORT_CHANGED, PVI_SORT_NATURAL, next, NULL, "after"},
        {PVI_SITE_SORT_NAME, PVI_SORT_DESC, NULL, next, "before"},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++) {
        struct pvi_site_filter g = {.state = -1, .sort = cases[i].sort, .dir = cases[i].dir,
                                    .after = cases[i].after, .before = cases[i].before};
        struct pvi_errors e = {0};
        page = (json_t *)1;
        assert_int_equal(pvi_site_list(&page, db, &admin1, &g, &e), PVI_VALIDATION);
        assert_null(page);
        assert_int_equal(e.n, 1);
        assert_string_equal(e.v[0].path, cases[i].field);
        pvi_errors_clear(&e);
    }
    free(next);
}

static void
a_client_lists_only_their_own_sites(void **state)
{
    (void)state;
    paging_fixture();
    struct pvi_actor owner = {.role = PVI_ROLE_CLIENT, .id = client_b, .label = "PJ30000002"};
    /* searching for another client's site, by its own identifiers, finds nothing */
    struct pvi_site_filter f = {.state = -1, .q = "PJ30000003"};
    char *got = ids_of(&owner, f);
    assert_string_equal(got, "");
    free(got);
    f.q = NULL;
    f.client_id = client_c;
    got = ids_of(&owner, f);
    assert_true(strlen(got) > 0);
    char *all = ids_of(&admin1, (struct pvi_site_filter){.state = -1, .client_id = client_b});
    assert_string_equal(got, all);
    free(got);
    free(all);
}

static void
the_bulk_loader_writes_the_search_columns(void **state)
{
    (void)state;
    struct pvi_seed_opts o = {.sites = 40, .clients = 20, .seed = 7};
    assert_int_equal(pvi_seed_load(NULL, testenv_require("PVI_DB_URL"), &sys, &o), PVI_OK);
    assert_int_equal(testenv_sql_ll("SELECT count(*) FROM sites WHERE search = ''"), 0);
    expect_search_columns_true();
    /* a seeded site found by its city and by its phone typed the French way */
    long long id = testenv_sql_ll("SELECT max(id) FROM sites");
    char *city = testenv_sql("SELECT city FROM sites WHERE id = (SELECT max(id) FROM sites)");
    char *phone = testenv_sql("SELECT '0' || substr(r.content #>> '{phones,0,number}', 4)"
                              " FROM sites s JOIN site_revisions r ON r.id ="
                              " coalesce(s.published_revision_id, s.draft_revision_id)"
                              " WHERE s.id = (SELECT max(id) FROM sites)");
    assert_true(strlen(city) > 0);
    expect_search(city, id, 1);
    expect_search(phone, id, 1);
    free(city);
    free(phone);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_search_finds_a_site_by_each_identifier),
        cmocka_unit_test(every_write_path_keeps_the_search_true),
        cmocka_unit_test(filters_and_sorts),
        cmocka_unit_test(keyset_paging_both_ways_for_every_sort),
        cmocka_unit_test(pages_stay_stable_while_sites_change),
        cmocka_unit_test(cursors_that_do_not_fit_are_refused),
        cmocka_unit_test(a_client_lists_only_their_own_sites),
        cmocka_unit_test(the_bulk_loader_writes_the_search_columns),
    };
    return cmocka_run_group_tests_name("site_list", tests, setup, teardown);
}
