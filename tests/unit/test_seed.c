/* test_seed.c — the data generator (pvi_seed.h) without a database: the
 * same seed gives byte-identical businesses, another seed other ones; every
 * content passes libpvi's validation (and the "complete" rule from review
 * on); SIRETs pass an independent Luhn check; phones belong to the
 * département's zone; slugs, domains and customer numbers are unique. */
#include "testenv.h"
#include "pvi/pvi_mem.h"

#include "pvi/pvi_refdata.h"
#include "pvi/pvi_seed.h"
#include "pvi/pvi_validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *
dump(const json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(10));
    assert_non_null(s);
    return s;
}

/* Everything about site i and its client as one string. */
static char *
describe(struct pvi_seed_gen *g, const struct pvi_seed_site *s)
{
    struct pvi_seed_client c;
    char *content = dump(s->content);
    char head[512];
    snprintf(head, sizeof head, "%zu|%zu|%s|%d|%d|%d|%lld|%lld|%s|%s|", s->index, s->client,
             s->slug, (int)s->state, s->op_index, s->published, (long long)s->age_s,
             (long long)s->idle_s, s->state_reason ? s->state_reason : "-", s->owner_last);
    pvi_seed_gen_client(&c, g, s->index, 10000001 + (long long)s->index, s);
    size_t n = strlen(head) + strlen(content) + 600;
    char *out = malloc(n);
    snprintf(out, n, "%s%s|%s|%s|%s|%s|%s", head, content, c.customer_number, c.company_name,
             c.siret, c.email, c.phone);
    free(content);
    return out;
}

static void
same_seed_gives_byte_identical_first_500_sites(void **state)
{
    (void)state;
    struct pvi_seed_gen *a = pvi_seed_gen_new(20260101, NULL, 400);
    struct pvi_seed_gen *b = pvi_seed_gen_new(20260101, NULL, 400);
    for (size_t i = 0; i < 500; i++) {
        struct pvi_seed_site sa, sb;
        assert_int_equal(pvi_seed_gen_site(&sa, a, NULL), PVI_OK);
        assert_int_equal(pvi_seed_gen_site(&sb, b, NULL), PVI_OK);
        char *da = describe(a, &sa), *db = describe(b, &sb);
        assert_string_equal(da, db);
        free(da);
        free(db);
        pvi_seed_site_clear(&sa);
        pvi_seed_site_clear(&sb);
    }
    pvi_seed_gen_free(a);
    pvi_seed_gen_free(b);
}

static void
a_fresh_generator_repeats_a_known_first_site(void **state)
{
    (void)state;
    /* the same run twice in one process, and independent of the number of
     * sites asked for later: site 0 depends only on the seed */
    char *first[2];
    for (int k = 0; k < 2; k++) {
        struct pvi_seed_gen *g = pvi_seed_gen_new(1, NULL, k == 0 ? 10 : 50000);
        struct pvi_seed_site s;
        assert_int_equal(pvi_seed_gen_site(&s, g, NULL), PVI_OK);
        first[k] = dump(s.content);
        pvi_seed_site_clear(&s);
        pvi_seed_gen_free(g);
    }
    assert_string_equal(first[0], first[1]);
    free(first[0]);
    free(first[1]);
}

static void
another_seed_gives_other_businesses(void **state)
{
    (void)state;
    struct pvi_seed_gen *a = pvi_seed_gen_new(1, NULL, 500);
    struct pvi_seed_gen *b = pvi_seed_gen_new(2, NULL, 500);
    int differ = 0;
    for (size_t i = 0; i < 500; i++) {
        struct pvi_seed_site sa, sb;
        assert_int_equal(pvi_seed_gen_site(&sa, a, NULL), PVI_OK);
        assert_int_equal(pvi_seed_gen_site(&sb, b, NULL), PVI_OK);
        char *da = dump(sa.content), *db = dump(sb.content);
        differ += strcmp(da, db) != 0;
        free(da);
        free(db);
        pvi_seed_site_clear(&sa);
        pvi_seed_site_clear(&sb);
    }
    assert_true(differ >= 495);
    pvi_seed_gen_free(a);
    pvi_seed_gen_free(b);
}

static void
every_one_of_5000_contents_passes_validation(void **state)
{
    (void)state;
    struct pvi_seed_gen *g = pvi_seed_gen_new(42, NULL, 3600);
    size_t per_state[PVI_STATE_CLOSED + 1] = {0};
    size_t with_domain = 0, with_geo = 0, charters[3] = {0}, activities_seen = 0, full = 0;
    char seen_activity[400] = {0};
    for (size_t i = 0; i < 5000; i++) {
        struct pvi_seed_site s;
        assert_int_equal(pvi_seed_gen_site(&s, g, NULL), PVI_OK);
        struct pvi_errors e = {0};
        json_t *again = NULL;
        /* valid, and already normalised: validating again changes nothing */
        if (pvi_content_validate(&again, s.content, &e) != PVI_OK) {
            for (size_t k = 0; k < e.n; k++)
                print_error("site %zu: %s: %s\n", i, e.v[k].path, pvi_code_name(e.v[k].code));
            fail();
        }
        char *d1 = dump(s.content), *d2 = dump(again);
        assert_string_equal(d1, d2);
        free(d1);
        free(d2);
        json_decref(again);
        /* even an order has a name, a heading, a phone, an address and a
         * charter: every site could be submitted as far as presence goes */
        assert_int_equal(pvi_content_check_complete(s.content, 1, &e), PVI_OK);
        pvi_errors_clear(&e);
        if (s.state >= PVI_STATE_REVIEW) {
            assert_non_null(json_object_get(s.content, "business_name"));
            full += json_object_get(s.content, "hours") != NULL &&
                    json_object_get(s.content, "description") != NULL;
        }
        assert_non_null(json_object_get(s.content, "business_name"));
        assert_true(json_array_size(json_object_get(s.content, "phones")) >= 1);
        const char *act = json_string_value(json_object_get(s.content, "activity"));
        for (size_t k = 0; k < pvi_refdata_activity_count() && k < sizeof seen_activity; k++)
            if (strcmp(pvi_refdata_activity_at(k), act) == 0 && !seen_activity[k]) {
                seen_activity[k] = 1;
                activities_seen++;
            }
        per_state[s.state]++;
        with_domain += json_array_size(json_object_get(s.content, "domains")) > 0;
        with_geo += json_object_get(json_object_get(s.content, "address"), "geo") != NULL;
        const char *charter = json_string_value(json_object_get(s.content, "charter"));
        charters[strcmp(charter, "classique") == 0 ? 0 : strcmp(charter, "azur") == 0 ? 1 : 2]++;
        assert_true(strcmp(charter, "classique") == 0 || strcmp(charter, "azur") == 0 ||
                    strcmp(charter, "terroir") == 0);
        /* online and suspended sites have a published revision, collecting and review an operator
         */
        assert_int_equal(s.published != 0, s.state == PVI_STATE_ONLINE ||
                                               s.state == PVI_STATE_SUSPENDED ||
                                               (s.state == PVI_STATE_CLOSED && s.published));
        if (s.state == PVI_STATE_COLLECTING || s.state == PVI_STATE_REVIEW)
            assert_non_null(pvi_seed_operator_at(s.op_index));
        assert_true(s.idle_s <= s.age_s);
        pvi_seed_site_clear(&s);
    }
    /* the default mix: 85 % online, 3 % suspended, 4 % review, 4 % collecting,
     * 2 % ordered, 2 % closed (within a few sites) */
    assert_in_range(per_state[PVI_STATE_ONLINE], 4240, 4260);
    assert_in_range(per_state[PVI_STATE_SUSPENDED], 140, 160);
    assert_in_range(per_state[PVI_STATE_REVIEW], 190, 210);
    assert_in_range(per_state[PVI_STATE_COLLECTING], 190, 210);
    assert_in_range(per_state[PVI_STATE_ORDERED], 90, 110);
    assert_in_range(per_state[PVI_STATE_CLOSED], 90, 110);
    assert_in_range(with_domain, 1300, 1700); /* ≈ 30 % */
    assert_true(with_geo > 3000);
    assert_true(full > 4000); /* sites past collection have hours and a description */
    for (int k = 0; k < 3; k++)
        assert_in_range(charters[k], 1450, 1900);
    assert_true(activities_seen >= 200); /* the whole list is used, not only a few headings */
    pvi_seed_gen_free(g);
}

/* Independent Luhn check. */
static int
luhn_ok(const char *s)
{
    size_t n = strlen(s);
    int sum = 0;
    for (size_t k = 0; k < n; k++) {
        int d = s[n - 1 - k] - '0';
        if (k % 2 == 1) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
    }
    return sum % 10 == 0;
}

static void
clients_have_luhn_valid_sirets_and_valid_identifiers(void **state)
{
    (void)state;
    struct pvi_seed_gen *g = pvi_seed_gen_new(7, NULL, 3000);
    for (size_t i = 0; i < 4000; i++) {
        struct pvi_seed_client c;
        struct pvi_seed_site s;
        int with_site = i < 3000;
        if (with_site)
            assert_int_equal(pvi_seed_gen_site(&s, g, NULL), PVI_OK);
        pvi_seed_gen_client(&c, g, i, 10000001 + (long long)i, with_site ? &s : NULL);
        assert_int_equal(strlen(c.siret), 14);
        assert_true(luhn_ok(c.siret));
        char siren[10];
        memcpy(siren, c.siret, 9);
        siren[9] = '\0';
        assert_true(luhn_ok(siren)); /* the SIREN carries its own key too */
        assert_true(strncmp(c.siret, "356000000", 9) != 0);
        assert_int_equal(pvi_siret_check(c.siret), PVI_OK);
        assert_int_equal(pvi_customer_number_check(c.customer_number), PVI_OK);
        char expected[16];
        snprintf(expected, sizeof expected, "PJ%08lld", 10000001 + (long long)i);
        assert_string_equal(c.customer_number, expected);
        assert_int_equal(pvi_email_check(c.email), PVI_OK);
        char e164[16];
        assert_int_equal(pvi_phone_normalize(e164, c.phone), PVI_OK);
        assert_string_equal(e164, c.phone);
        size_t len = pvi_utf8_length(c.company_name);
        assert_true(len >= 1 && len <= 120);
        if (with_site)
            pvi_seed_site_clear(&s);
    }
    pvi_seed_gen_free(g);
}

/* The zone of each département, written independently of the generator. */
static const char *
zone_of(const char *dept)
{
    static const struct {
        const char *prefix;
        const char *depts;
    } zones[] = {
        {"+331", " 75 77 78 91 92 93 94 95 "},
        {"+332", " 14 18 22 27 28 29 35 36 37 41 44 45 49 50 53 56 61 72 76 85 "},
        {"+333", " 02 08 10 21 25 39 51 52 54 55 57 58 59 60 62 67 68 70 71 80 88 89 90 "},
        {"+334", " 01 03 04 05 06 07 11 13 15 2A 2B 26 30 34 38 42 43 48 63 66 69 73 74 83 84 "},
        {"+335", " 09 12 16 17 19 23 24 31 32 33 40 46 47 64 65 79 81 82 86 87 "},
        {"+590590", " 971 "},
        {"+596596", " 972 "},
        {"+594594", " 973 "},
        {"+262262", " 974 "},
        {"+262269", " 976 "},
    };
    char key[8];
    snprintf(key, sizeof key, " %s ", dept);
    for (size_t i = 0; i < PVI_COUNT_OF(zones); i++)
        if (strstr(zones[i].depts, key))
            return zones[i].prefix;
    return NULL;
}

static const char *
mobile_zone_ok(const char *dept, const char *number)
{
    if (strcmp(dept, "971") == 0)
        return strncmp(number, "+590690", 7) == 0 ? "ok" : NULL;
    if (strcmp(dept, "972") == 0)
        return strncmp(number, "+596696", 7) == 0 ? "ok" : NULL;
    if (strcmp(dept, "973") == 0)
        return strncmp(number, "+594694", 7) == 0 ? "ok" : NULL;
    if (strcmp(dept, "974") == 0)
        return strncmp(number, "+262692", 7) == 0 || strncmp(number, "+262693", 7) == 0 ? "ok"
                                                                                        : NULL;
    if (strcmp(dept, "976") == 0)
        return strncmp(number, "+262639", 7) == 0 ? "ok" : NULL;
    return strncmp(number, "+336", 4) == 0 || strncmp(number, "+337", 4) == 0 ? "ok" : NULL;
}

static void
phones_belong_to_the_departement_zone(void **state)
{
    (void)state;
    struct pvi_seed_gen *g = pvi_seed_gen_new(99, NULL, 5000);
    int overseas = 0, corsica = 0, fixed_checked = 0;
    for (size_t i = 0; i < 5000; i++) {
        struct pvi_seed_site s;
        assert_int_equal(pvi_seed_gen_site(&s, g, NULL), PVI_OK);
        const char *pc = json_string_value(
            json_object_get(json_object_get(s.content, "address"), "postal_code"));
        char dept[4];
        assert_int_equal(pvi_postal_code_check(dept, pc), PVI_OK);
        const char *zone = zone_of(dept);
        assert_non_null(zone);
        overseas += strlen(dept) == 3;
        corsica += dept[1] == 'A' || dept[1] == 'B';
        size_t k;
        json_t *p;
        json_array_foreach(json_object_get(s.content, "phones"), k, p)
        {
            const char *kind = json_string_value(json_object_get(p, "kind"));
            const char *number = json_string_value(json_object_get(p, "number"));
            if (strcmp(kind, "mobile") == 0) {
                if (mobile_zone_ok(dept, number) == NULL)
                    print_error("site %zu (%s): mobile %s\n", i, dept, number);
                assert_non_null(mobile_zone_ok(dept, number));
            } else {
                if (strncmp(number, zone, strlen(zone)) != 0)
                    print_error("site %zu (%s): %s %s, zone %s\n", i, dept, kind, number, zone);
                assert_int_equal(strncmp(number, zone, strlen(zone)), 0);
                fixed_checked++;
            }
        }
        pvi_seed_site_clear(&s);
    }
    assert_true(overseas > 50);
    assert_true(corsica > 20);
    assert_true(fixed_checked > 3500);
    pvi_seed_gen_free(g);
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
no_duplicate_slug_or_domain_in_20000_sites(void **state)
{
    (void)state;
    struct pvi_seed_gen *g = pvi_seed_gen_new(5, NULL, 15000);
    const size_t n = 20000;
    char **slugs = calloc(n, sizeof *slugs);
    char **hosts = calloc(n, sizeof *hosts);
    size_t nh = 0;
    for (size_t i = 0; i < n; i++) {
        struct pvi_seed_site s;
        assert_int_equal(pvi_seed_gen_site(&s, g, NULL), PVI_OK);
        assert_int_equal(pvi_slug_check(s.slug), PVI_OK);
        slugs[i] = strdup(s.slug);
        size_t k;
        json_t *d;
        json_array_foreach(json_object_get(s.content, "domains"), k, d)
        {
            char norm[254];
            assert_int_equal(pvi_domain_normalize(norm, json_string_value(d)), PVI_OK);
            assert_true(strncmp(norm, "www.", 4) == 0);
            hosts[nh++] = strdup(norm);
        }
        pvi_seed_site_clear(&s);
    }
    qsort(slugs, n, sizeof *slugs, cmp_str);
    for (size_t i = 1; i < n; i++)
        assert_string_not_equal(slugs[i - 1], slugs[i]);
    qsort(hosts, nh, sizeof *hosts, cmp_str);
    for (size_t i = 1; i < nh; i++)
        assert_string_not_equal(hosts[i - 1], hosts[i]);
    assert_in_range(nh, 5000, 7000); /* ≈ 30 % of the sites have a domain name */
    for (size_t i = 0; i < n; i++)
        free(slugs[i]);
    for (size_t i = 0; i < nh; i++)
        free(hosts[i]);
    free(slugs);
    free(hosts);
    pvi_seed_gen_free(g);
}

static void
reserved_slugs_and_hosts_are_never_handed_out(void **state)
{
    (void)state;
    /* a first run's slugs and hosts, then the same seed with them reserved
     * (what the loader does with a database that has sites) */
    struct pvi_seed_gen *a = pvi_seed_gen_new(3, NULL, 1000);
    struct pvi_seed_gen *b = pvi_seed_gen_new(3, NULL, 1000);
    char **taken = calloc(3000, sizeof *taken);
    size_t nt = 0;
    for (size_t i = 0; i < 1000; i++) {
        struct pvi_seed_site s;
        assert_int_equal(pvi_seed_gen_site(&s, a, NULL), PVI_OK);
        taken[nt++] = strdup(s.slug);
        pvi_seed_gen_reserve_slug(b, s.slug);
        size_t k;
        json_t *d;
        json_array_foreach(json_object_get(s.content, "domains"), k, d)
        {
            taken[nt++] = strdup(json_string_value(d));
            pvi_seed_gen_reserve_host(b, json_string_value(d));
        }
        pvi_seed_site_clear(&s);
    }
    qsort(taken, nt, sizeof *taken, cmp_str);
    for (size_t i = 0; i < 1000; i++) {
        struct pvi_seed_site s;
        assert_int_equal(pvi_seed_gen_site(&s, b, NULL), PVI_OK);
        const char *key = s.slug;
        assert_null(bsearch(&key, taken, nt, sizeof *taken, cmp_str));
        size_t k;
        json_t *d;
        json_array_foreach(json_object_get(s.content, "domains"), k, d)
        {
            key = json_string_value(d);
            assert_null(bsearch(&key, taken, nt, sizeof *taken, cmp_str));
        }
        pvi_seed_site_clear(&s);
    }
    /* a forced slug already taken is refused */
    struct pvi_seed_force f = {.slug = taken[0], .state = -1};
    struct pvi_seed_site s;
    assert_int_equal(pvi_seed_gen_site(&s, b, &f), PVI_SLUG_TAKEN);
    for (size_t i = 0; i < nt; i++)
        free(taken[i]);
    free(taken);
    pvi_seed_gen_free(a);
    pvi_seed_gen_free(b);
}

static void
forced_sites_keep_their_slug_state_charter_and_heading(void **state)
{
    (void)state;
    struct pvi_seed_gen *g = pvi_seed_gen_new(2026, &pvi_seed_mix_demo, 10);
    json_t *demo = pvi_seed_demo_content();
    assert_non_null(demo);
    struct pvi_errors e = {0};
    assert_int_equal(pvi_content_check_complete(demo, 0, &e), PVI_OK);
    struct pvi_seed_force f = {.slug = "demo", .state = PVI_STATE_ONLINE, .content = demo};
    struct pvi_seed_site s;
    assert_int_equal(pvi_seed_gen_site(&s, g, &f), PVI_OK);
    assert_string_equal(s.slug, "demo");
    assert_int_equal(s.state, PVI_STATE_ONLINE);
    assert_true(s.published);
    assert_true(json_equal(s.content, demo));
    assert_string_equal(json_string_value(json_object_get(s.content, "charter")), "classique");
    assert_true(json_array_size(json_object_get(s.content, "services")) >= 6);
    pvi_seed_site_clear(&s);

    struct pvi_seed_force f2 = {
        .slug = "demo-azur", .state = PVI_STATE_ONLINE, .charter = "azur", .activity = "Crêperie"};
    assert_int_equal(pvi_seed_gen_site(&s, g, &f2), PVI_OK);
    assert_string_equal(s.slug, "demo-azur");
    assert_string_equal(json_string_value(json_object_get(s.content, "charter")), "azur");
    assert_string_equal(json_string_value(json_object_get(s.content, "activity")), "Crêperie");
    assert_int_equal(pvi_content_check_complete(s.content, 1, &e), PVI_OK);
    pvi_seed_site_clear(&s);
    /* the demo mix has every state in 300 sites */
    size_t per_state[PVI_STATE_CLOSED + 1] = {0};
    for (size_t i = 2; i < 300; i++) {
        assert_int_equal(pvi_seed_gen_site(&s, g, NULL), PVI_OK);
        per_state[s.state]++;
        pvi_seed_site_clear(&s);
    }
    for (int k = 0; k <= PVI_STATE_CLOSED; k++)
        assert_true(per_state[k] >= 10);
    json_decref(demo);
    pvi_errors_clear(&e);
    pvi_seed_gen_free(g);
}

static void
slugify_transliterates_and_cuts_at_a_dash(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t max;
        const char *out;
    } cases[] = {
        {"Boulangerie Lefèvre & Fils", 63, "boulangerie-lefevre-fils"},
        {"Dr Sophie Lefèvre — Chirurgien-dentiste", 63, "dr-sophie-lefevre-chirurgien-dentiste"},
        {"L'Œuf à la Coque", 63, "l-oeuf-a-la-coque"},
        {"Crêperie Ty Breizh", 63, "creperie-ty-breizh"},
        {"  --Été 2026!!  ", 63, "ete-2026"},
        {"Garage du Centre", 10, "garage-du"},
        {"Entreprise générale du bâtiment", 20, "entreprise-generale"},
        {"Schœlcher", 63, "schoelcher"},
        {"", 63, ""},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(cases); i++) {
        char out[64];
        pvi_seed_slugify(out, cases[i].in, cases[i].max);
        assert_string_equal(out, cases[i].out);
    }
}

static void
communes_are_real_postal_codes_of_every_region_with_a_phone_zone(void **state)
{
    (void)state;
    size_t n = pvi_seed_commune_count();
    assert_true(n >= 150);
    int corsica = 0, overseas[7] = {0};
    for (size_t i = 0; i < n; i++) {
        char dept[4];
        assert_int_equal(pvi_postal_code_check(dept, pvi_seed_commune_postal_code(i)), PVI_OK);
        assert_non_null(pvi_seed_dept_phone_prefix(dept));
        assert_non_null(zone_of(dept));
        assert_true(pvi_utf8_length(pvi_seed_commune_name(i)) >= 2);
        corsica += strcmp(dept, "2A") == 0 || strcmp(dept, "2B") == 0;
        if (strlen(dept) == 3)
            overseas[dept[2] - '0']++;
    }
    assert_true(corsica >= 3);
    assert_true(overseas[1] && overseas[2] && overseas[3] && overseas[4] && overseas[6]);
    assert_string_equal(pvi_seed_dept_phone_prefix("35"), "02");
    assert_string_equal(pvi_seed_dept_phone_prefix("75"), "01");
    assert_string_equal(pvi_seed_dept_phone_prefix("67"), "03");
    assert_string_equal(pvi_seed_dept_phone_prefix("2A"), "04");
    assert_string_equal(pvi_seed_dept_phone_prefix("33"), "05");
    assert_string_equal(pvi_seed_dept_phone_prefix("971"), "0590");
    assert_string_equal(pvi_seed_dept_phone_prefix("974"), "0262");
    assert_null(pvi_seed_dept_phone_prefix("99"));
    for (int i = 0; i < PVI_SEED_OPERATORS; i++) {
        const struct pvi_seed_operator *op = pvi_seed_operator_at(i);
        char dn[96];
        snprintf(dn, sizeof dn, "uid=%s,ou=people,dc=pvi,dc=test", op->uid);
        assert_string_equal(op->dn, dn);
    }
    assert_null(pvi_seed_operator_at(PVI_SEED_OPERATORS));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_seed_gives_byte_identical_first_500_sites),
        cmocka_unit_test(a_fresh_generator_repeats_a_known_first_site),
        cmocka_unit_test(another_seed_gives_other_businesses),
        cmocka_unit_test(every_one_of_5000_contents_passes_validation),
        cmocka_unit_test(clients_have_luhn_valid_sirets_and_valid_identifiers),
        cmocka_unit_test(phones_belong_to_the_departement_zone),
        cmocka_unit_test(no_duplicate_slug_or_domain_in_20000_sites),
        cmocka_unit_test(reserved_slugs_and_hosts_are_never_handed_out),
        cmocka_unit_test(forced_sites_keep_their_slug_state_charter_and_heading),
        cmocka_unit_test(slugify_transliterates_and_cuts_at_a_dash),
        cmocka_unit_test(communes_are_real_postal_codes_of_every_region_with_a_phone_zone),
    };
    return cmocka_run_group_tests_name("seed", tests, NULL, NULL);
}
