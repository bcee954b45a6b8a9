/* test_validate.c — content validation and the identifier checkers (phones, SIRET, domains…).
 *
 * Expected values are written out by hand (SIRET keys were computed
 * independently), never produced by the code under test. */
#include "testenv.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROWS(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------------------
 * Helpers for whole documents. Test JSON is written with single quotes
 * (turned into double quotes here) to stay readable; no test text contains
 * an apostrophe.
 */

static json_t *
jdoc(const char *single_quoted)
{
    char *s = strdup(single_quoted);
    json_error_t err;
    for (char *p = s; *p; p++)
        if (*p == '\'')
            *p = '"';
    json_t *j = json_loads(s, 0, &err);
    if (j == NULL)
        fail_msg("test JSON does not parse: %s (%s)", err.text, s);
    free(s);
    return j;
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Asserts that errs holds exactly the "path code" entries of expected
 * (NULL-terminated), in any order, and that each has a French message. */
static void
assert_error_set(const struct pvi_errors *e, const char *const *expected)
{
    size_t n_exp = 0;
    while (expected[n_exp])
        n_exp++;
    char **got = calloc(e->n + 1, sizeof *got);
    char **want = calloc(n_exp + 1, sizeof *want);
    for (size_t i = 0; i < e->n; i++) {
        size_t len = strlen(e->v[i].path) + strlen(pvi_code_name(e->v[i].code)) + 2;
        got[i] = malloc(len);
        snprintf(got[i], len, "%s %s", e->v[i].path, pvi_code_name(e->v[i].code));
        assert_true(strlen(testenv_error_fr(&e->v[i])) > 5);
    }
    for (size_t i = 0; i < n_exp; i++)
        want[i] = strdup(expected[i]);
    qsort(got, e->n, sizeof *got, cmp_str);
    qsort(want, n_exp, sizeof *want, cmp_str);
    int same = e->n == n_exp;
    for (size_t i = 0; same && i < n_exp; i++)
        same = strcmp(got[i], want[i]) == 0;
    if (!same) {
        print_message("expected %zu error(s):\n", n_exp);
        for (size_t i = 0; i < n_exp; i++)
            print_message("    %s\n", want[i]);
        print_message("got %zu:\n", e->n);
        for (size_t i = 0; i < e->n; i++)
            print_message("    %s\n", got[i]);
    }
    for (size_t i = 0; i < e->n; i++)
        free(got[i]);
    for (size_t i = 0; i < n_exp; i++)
        free(want[i]);
    free(got);
    free(want);
    assert_true(same);
}

/* Validates the single-quoted document and asserts the exact error set;
 * an empty set means the document must pass. */
static void
check_doc(const char *doc, const char *const *expected)
{
    json_t *in = jdoc(doc);
    json_t *out = NULL;
    struct pvi_errors e = {0};
    enum pvi_code rc = pvi_content_validate(&out, in, &e);
    if (expected[0] == NULL && rc != PVI_OK)
        print_message("document should pass: %s\n", doc);
    assert_error_set(&e, expected);
    assert_int_equal(rc, expected[0] == NULL ? PVI_OK : PVI_VALIDATION);
    if (rc == PVI_OK)
        assert_non_null(out);
    else
        assert_null(out);
    json_decref(out);
    json_decref(in);
    pvi_errors_clear(&e);
}

/* ---------------------------------------------------------------------------
 * Phones.
 */

static void
phones_in_every_accepted_format_become_e164(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        const char *e164;
    } rows[] = {
        {"02 99 12 34 56", "+33299123456"},
        {"02.99.12.34.56", "+33299123456"},
        {"02-99-12-34-56", "+33299123456"},
        {"0299123456", "+33299123456"},
        {"+33 2 99 12 34 56", "+33299123456"},
        {"+33299123456", "+33299123456"},
        {"0033299123456", "+33299123456"},
        {"0033 2 99 12 34 56", "+33299123456"},
        {"+33 (0)2 99 12 34 56", "+33299123456"},
        {"+33(0)299123456", "+33299123456"},
        {"0033 (0)2 99 12 34 56", "+33299123456"},
        {"  02 99 12 34 56  ", "+33299123456"},
        {"01 23 45 67 89", "+33123456789"},
        {"06 12 34 56 78", "+33612345678"},
        {"07 81 23 45 67", "+33781234567"},
        {"09 70 12 34 56", "+33970123456"},
        {"08 00 12 34 56", "+33800123456"}, /* free call */
        {"08 10 12 34 56", "+33810123456"},
        {"08 75 12 34 56", "+33875123456"},
        /* overseas départements: their own country codes */
        {"0262 12 34 56", "+262262123456"},
        {"0692 12 34 56", "+262692123456"},
        {"0269 61 23 45", "+262269612345"},
        {"0639 12 34 56", "+262639123456"},
        {"0590 12 34 56", "+590590123456"},
        {"0690 12 34 56", "+590690123456"},
        {"0594 12 34 56", "+594594123456"},
        {"0694 12 34 56", "+594694123456"},
        {"0596 12 34 56", "+596596123456"},
        {"0696 12 34 56", "+596696123456"},
        {"+262 262 12 34 56", "+262262123456"},
        {"+262 (0)692 12 34 56", "+262692123456"},
        {"00590 590 12 34 56", "+590590123456"},
        {"+596 696 12 34 56", "+596696123456"},
        {"+33 6 92 12 34 56", "+262692123456"}, /* +33 then an overseas number */
    };
    for (size_t i = 0; i < ROWS(rows); i++) {
        char out[16] = "junk";
        enum pvi_code rc = pvi_phone_normalize(out, rows[i].in);
        if (rc != PVI_OK || strcmp(out, rows[i].e164) != 0)
            fail_msg("\"%s\": got %s \"%s\", want %s", rows[i].in, pvi_code_name(rc), out,
                     rows[i].e164);
    }
}

static void
phones_premium_malformed_or_foreign_are_refused(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        enum pvi_code code;
    } rows[] = {
        {"08 99 12 34 56", PVI_PREMIUM_PHONE},
        {"0891123456", PVI_PREMIUM_PHONE},
        {"0897 12 34 56", PVI_PREMIUM_PHONE},
        {"+33 8 99 12 34 56", PVI_PREMIUM_PHONE},
        {"0033 891 12 34 56", PVI_PREMIUM_PHONE},
        {"029912345", PVI_BAD_PHONE},      /* 9 digits */
        {"02991234567", PVI_BAD_PHONE},    /* 11 digits */
        {"+3329912345", PVI_BAD_PHONE},    /* 8 after the code */
        {"+332991234567", PVI_BAD_PHONE},  /* 10 after the code */
        {"02 99 12 34 5A", PVI_BAD_PHONE}, /* letter */
        {"O2 99 12 34 56", PVI_BAD_PHONE}, /* letter O */
        {"abc", PVI_BAD_PHONE},
        {"", PVI_BAD_PHONE},
        {"   ", PVI_BAD_PHONE},
        {"00 99 12 34 56", PVI_BAD_PHONE}, /* 0 then 0 */
        {"0012345678", PVI_BAD_PHONE},     /* 00 + unknown country */
        {"0002991234", PVI_BAD_PHONE},
        {"+33 0 2 99 12 34 56", PVI_BAD_PHONE}, /* trunk 0 after +33 */
        {"+33 02 99 12 34 56", PVI_BAD_PHONE},
        {"1299123456", PVI_BAD_PHONE}, /* no trunk 0 */
        {"+44 20 7946 0958", PVI_BAD_PHONE},
        {"+1 212 555 0100", PVI_BAD_PHONE},
        {"+269 269 61 23 45", PVI_BAD_PHONE},  /* Comoros */
        {"+262 2 99 12 34 56", PVI_BAD_PHONE}, /* metropolitan number under +262 */
        {"+590 262 12 34 56", PVI_BAD_PHONE},  /* Réunion number under +590 */
        {"02 (0)99 12 34 56", PVI_BAD_PHONE},  /* (0) outside international form */
        {"+33 2 (0)99 12 34 56", PVI_BAD_PHONE},
        {"++33299123456", PVI_BAD_PHONE},
        {"02 99 12 34 56 +", PVI_BAD_PHONE},
        {"02/99/12/34/56", PVI_BAD_PHONE},
        {"02 99 12 34 56 78 90 12 34 56 78 90", PVI_BAD_PHONE},
    };
    for (size_t i = 0; i < ROWS(rows); i++) {
        char out[16] = "junk";
        enum pvi_code rc = pvi_phone_normalize(out, rows[i].in);
        if (rc != rows[i].code || out[0] != '\0')
            fail_msg("\"%s\": got %s \"%s\", want %s", rows[i].in, pvi_code_name(rc), out,
                     pvi_code_name(rows[i].code));
    }
    char out[16];
    assert_int_equal(pvi_phone_normalize(out, NULL), PVI_BAD_PHONE);
}

/* ---------------------------------------------------------------------------
 * Postal codes.
 */

static void
postal_codes_map_to_their_departement(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        const char *dept; /* NULL: refused */
    } rows[] = {
        /* clang-format off */
        /* accepted */
        {"35000", "35"}, {"01000", "01"}, {"75001", "75"}, {"95000", "95"},
        {"19000", "19"}, {"21000", "21"},
        {"20000", "2A"}, {"20090", "2A"}, {"20199", "2A"}, /* Corse-du-Sud (Ajaccio) */
        {"20200", "2B"}, {"20620", "2B"},                  /* Haute-Corse (Bastia) */
        {"97100", "971"}, {"97200", "972"}, {"97300", "973"},
        {"97400", "974"}, {"97500", "975"}, {"97600", "976"},
        /* no such département */
        {"00100", NULL}, {"00000", NULL}, {"96000", NULL}, {"97000", NULL},
        {"97700", NULL}, {"97800", NULL}, {"98000", NULL}, {"98800", NULL},
        {"99000", NULL}, {"20621", NULL}, {"20900", NULL},
        /* not 5 digits: spaces are refused, not rewritten */
        {"3500", NULL}, {"350000", NULL}, {"35 000", NULL}, {" 35000", NULL},
        {"35A00", NULL}, {"ABCDE", NULL}, {"", NULL},
        /* clang-format on */
    };
    for (size_t i = 0; i < ROWS(rows); i++) {
        char dept[4] = "xx";
        enum pvi_code rc = pvi_postal_code_check(dept, rows[i].in);
        int ok = rows[i].dept ? rc == PVI_OK && strcmp(dept, rows[i].dept) == 0
                              : rc == PVI_BAD_POSTAL_CODE && dept[0] == '\0';
        if (!ok)
            fail_msg("\"%s\": got %s \"%s\", want %s", rows[i].in, pvi_code_name(rc), dept,
                     rows[i].dept ? rows[i].dept : "bad_postal_code");
    }
    char dept[4];
    assert_int_equal(pvi_postal_code_check(dept, NULL), PVI_BAD_POSTAL_CODE);
}

/* ---------------------------------------------------------------------------
 * SIRET and customer numbers.
 */

static void
siret_luhn_and_the_la_poste_exception(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        enum pvi_code code;
    } rows[] = {
        {"73282932000074", PVI_OK},        /* Luhn sum 50 */
        {"55203253400646", PVI_OK},        /* Luhn sum 50 */
        {"44306184100047", PVI_OK},        /* Luhn sum 50 */
        {"35600000000048", PVI_OK},        /* La Poste head office: Luhn sum 30, digit sum 26 */
        {"35600000049837", PVI_OK},        /* La Poste: not Luhn, digit sum 45 */
        {"35600000000056", PVI_OK},        /* La Poste: not Luhn, digit sum 25 */
        {"35600000012345", PVI_BAD_SIRET}, /* La Poste: not Luhn, digit sum 29 */
        {"35600000000049", PVI_BAD_SIRET}, /* La Poste: not Luhn, digit sum 27 */
        {"73282932000075", PVI_BAD_SIRET}, /* wrong key */
        {"73282932000047", PVI_BAD_SIRET}, /* swapped digits */
        {"55203253400641", PVI_BAD_SIRET}, /* digit sum 40 but not La Poste */
        {"00000000000000", PVI_BAD_SIRET},    {"7328293200007", PVI_BAD_SIRET}, /* 13 digits */
        {"732829320000740", PVI_BAD_SIRET},   {"7328293200007A", PVI_BAD_SIRET},
        {"732 829 320 00074", PVI_BAD_SIRET}, {"", PVI_BAD_SIRET},
    };
    for (size_t i = 0; i < ROWS(rows); i++) {
        enum pvi_code rc = pvi_siret_check(rows[i].in);
        if (rc != rows[i].code)
            fail_msg("\"%s\": got %s, want %s", rows[i].in, pvi_code_name(rc),
                     pvi_code_name(rows[i].code));
    }
    assert_int_equal(pvi_siret_check(NULL), PVI_BAD_SIRET);
}

static void
siret_normalize_removes_spaces_between_digits(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        const char *out; /* NULL: refused */
    } rows[] = {
        {"732 829 320 00074", "73282932000074"},
        {" 73282932000074 ", "73282932000074"},
        {"356 000 000 49837", "35600000049837"},
        {"732-829-320-00074", NULL},
        {"732 829 320 00075", NULL},
        {"732 829 320 000740", NULL},
        {"", NULL},
    };
    for (size_t i = 0; i < ROWS(rows); i++) {
        char out[15] = "junk";
        enum pvi_code rc = pvi_siret_normalize(out, rows[i].in);
        int ok = rows[i].out ? rc == PVI_OK && strcmp(out, rows[i].out) == 0
                             : rc == PVI_BAD_SIRET && out[0] == '\0';
        if (!ok)
            fail_msg("\"%s\": got %s \"%s\"", rows[i].in, pvi_code_name(rc), out);
    }
}

static void
customer_numbers_are_pj_and_8_digits(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        enum pvi_code check;
        const char *normalized; /* NULL: refused by normalize too */
    } rows[] = {
        {"PJ12345678", PVI_OK, "PJ12345678"},
        {"PJ00000000", PVI_OK, "PJ00000000"},
        {"pj12345678", PVI_BAD_CUSTOMER_NUMBER, "PJ12345678"},
        {" PJ12345678 ", PVI_BAD_CUSTOMER_NUMBER, "PJ12345678"},
        {"PJ1234567", PVI_BAD_CUSTOMER_NUMBER, NULL},
        {"PJ123456789", PVI_BAD_CUSTOMER_NUMBER, NULL},
        {"PX12345678", PVI_BAD_CUSTOMER_NUMBER, NULL},
        {"PJ1234567A", PVI_BAD_CUSTOMER_NUMBER, NULL},
        {"12345678", PVI_BAD_CUSTOMER_NUMBER, NULL},
        {"PJ 12345678", PVI_BAD_CUSTOMER_NUMBER, NULL},
        {"", PVI_BAD_CUSTOMER_NUMBER, NULL},
    };
    for (size_t i = 0; i < ROWS(rows); i++) {
        char out[11] = "junk";
        if (pvi_customer_number_check(rows[i].in) != rows[i].check)
            fail_msg("check \"%s\"", rows[i].in);
        enum pvi_code rc = pvi_customer_number_normalize(out, rows[i].in);
        int ok = rows[i].normalized ? rc == PVI_OK && strcmp(out, rows[i].normalized) == 0
                                    : rc == PVI_BAD_CUSTOMER_NUMBER && out[0] == '\0';
        if (!ok)
            fail_msg("normalize \"%s\": got %s \"%s\"", rows[i].in, pvi_code_name(rc), out);
    }
    assert_int_equal(pvi_customer_number_check(NULL), PVI_BAD_CUSTOMER_NUMBER);
}

/* ---------------------------------------------------------------------------
 * E-mail, domains, slugs.
 */

static void
emails_pragmatic_check(void **state)
{
    (void)state;
    char local64[80], local65[80], long_total[300];
    memset(local64, 'a', 64);
    strcpy(local64 + 64, "@example.fr");
    memset(local65, 'a', 65);
    strcpy(local65 + 65, "@example.fr");
    /* 64 + 1 + 63 + 1 + 63 + 1 + 63 + 3 = 259 bytes > 254 */
    snprintf(long_total, sizeof long_total, "%.64s@%.63s.%.63s.%.63s.fr", local64,
             "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
             "ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc",
             "ddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd");
    static const struct {
        const char *in;
        enum pvi_code code;
    } rows[] = {
        {"contact@example.fr", PVI_OK},
        {"jean.dupont+pvi@sub.example.co.uk", PVI_OK},
        {"a@b.fr", PVI_OK},
        {"o'brien@example.ie", PVI_OK},
        {"Contact@Example.FR", PVI_OK},
        {"contact", PVI_BAD_EMAIL},
        {"contact@", PVI_BAD_EMAIL},
        {"@example.fr", PVI_BAD_EMAIL},
        {"a@@example.fr", PVI_BAD_EMAIL},
        {"a@b@example.fr", PVI_BAD_EMAIL},
        {"contact@example", PVI_BAD_EMAIL}, /* one label */
        {"contact@example.fr.", PVI_BAD_EMAIL},
        {".a@example.fr", PVI_BAD_EMAIL},
        {"a.@example.fr", PVI_BAD_EMAIL},
        {"a..b@example.fr", PVI_BAD_EMAIL},
        {"a b@example.fr", PVI_BAD_EMAIL},
        {"élise@example.fr", PVI_BAD_EMAIL},
        {"a@exa_mple.fr", PVI_BAD_EMAIL},
        {"a@-example.fr", PVI_BAD_EMAIL},
        {"a@192.168.0.1", PVI_BAD_EMAIL},
        {" contact@example.fr", PVI_BAD_EMAIL}, /* check does not trim */
        {"", PVI_BAD_EMAIL},
    };
    for (size_t i = 0; i < ROWS(rows); i++)
        if (pvi_email_check(rows[i].in) != rows[i].code)
            fail_msg("\"%s\": want %s", rows[i].in, pvi_code_name(rows[i].code));
    assert_int_equal(pvi_email_check(local64), PVI_OK);
    assert_int_equal(pvi_email_check(local65), PVI_BAD_EMAIL);
    assert_int_equal(strlen(long_total), 259);
    assert_int_equal(pvi_email_check(long_total), PVI_BAD_EMAIL);
    assert_int_equal(pvi_email_check(NULL), PVI_BAD_EMAIL);

    char out[255];
    assert_int_equal(pvi_email_normalize(out, "  Jean.Dupont@Example.FR "), PVI_OK);
    assert_string_equal(out, "Jean.Dupont@example.fr");
    assert_int_equal(pvi_email_normalize(out, "nope"), PVI_BAD_EMAIL);
    assert_string_equal(out, "");
}

static void
domains_are_normalised_or_refused(void **state)
{
    (void)state;
    char l63[64], l64[65], max253[260], over253[260];
    memset(l63, 'a', 63);
    l63[63] = '\0';
    memset(l64, 'a', 64);
    l64[64] = '\0';
    /* 63 + 1 + 63 + 1 + 63 + 1 + 61 = 253 */
    snprintf(max253, sizeof max253, "%s.%s.%s.%.61s", l63, l63, l63, l63);
    /* 63 + 1 + 63 + 1 + 63 + 1 + 62 = 254 */
    snprintf(over253, sizeof over253, "%s.%s.%s.%.62s", l63, l63, l63, l63);
    char with_l63[80], with_l64[80];
    snprintf(with_l63, sizeof with_l63, "%s.fr", l63);
    snprintf(with_l64, sizeof with_l64, "%s.fr", l64);

    const struct {
        const char *in;
        const char *out; /* NULL: refused */
    } rows[] = {
        {"www.plomberie-martin.fr", "www.plomberie-martin.fr"},
        {"WWW.Plomberie-Martin.FR", "www.plomberie-martin.fr"},
        {"plomberie-martin.fr.", "plomberie-martin.fr"},
        {"xn--boulangerie-lise-gnb.fr", "xn--boulangerie-lise-gnb.fr"},
        {"a.b.c.d.example.com", "a.b.c.d.example.com"},
        {"3com.fr", "3com.fr"},
        {"example.xn--p1ai", "example.xn--p1ai"},
        {with_l63, with_l63},
        {max253, max253},
        {with_l64, NULL},
        {over253, NULL},
        {"-martin.fr", NULL},
        {"martin-.fr", NULL},
        {"plomberie_martin.fr", NULL},
        {"plomberie martin.fr", NULL},
        {"boulangerie-élise.fr", NULL},
        {"localhost", NULL},
        {"fr", NULL},
        {"192.168.1.1", NULL},
        {"example.123", NULL},
        {"exa..mple.fr", NULL},
        {".example.fr", NULL},
        {"example.fr..", NULL},
        {".", NULL},
        {"", NULL},
        {"ab--cd.fr", NULL}, /* reserved for punycode */
        {"xn--.fr", NULL},
        {"https://example.fr", NULL},
        {"example.fr/page", NULL},
        {" example.fr", NULL},
    };
    for (size_t i = 0; i < ROWS(rows); i++) {
        char out[254] = "junk";
        enum pvi_code rc = pvi_domain_normalize(out, rows[i].in);
        int ok = rows[i].out ? rc == PVI_OK && strcmp(out, rows[i].out) == 0
                             : rc == PVI_BAD_DOMAIN && out[0] == '\0';
        if (!ok)
            fail_msg("\"%s\": got %s \"%s\"", rows[i].in, pvi_code_name(rc), out);
    }
    char out[254];
    assert_int_equal(pvi_domain_normalize(out, NULL), PVI_BAD_DOMAIN);
}

static void
slugs_are_lowercase_words_joined_by_single_hyphens(void **state)
{
    (void)state;
    char s63[64], s64[65];
    memset(s63, 'a', 63);
    s63[63] = '\0';
    memset(s64, 'a', 64);
    s64[64] = '\0';
    const struct {
        const char *in;
        enum pvi_code code;
    } rows[] = {
        {"plomberie-martin", PVI_OK}, {"ab", PVI_OK},          {"a1", PVI_OK},
        {"35-rennes", PVI_OK},        {s63, PVI_OK},           {"a", PVI_BAD_SLUG},
        {s64, PVI_BAD_SLUG},          {"-ab", PVI_BAD_SLUG},   {"ab-", PVI_BAD_SLUG},
        {"a--b", PVI_BAD_SLUG},       {"Ab", PVI_BAD_SLUG},    {"a_b", PVI_BAD_SLUG},
        {"a.b", PVI_BAD_SLUG},        {"élise", PVI_BAD_SLUG}, {"", PVI_BAD_SLUG},
    };
    for (size_t i = 0; i < ROWS(rows); i++)
        if (pvi_slug_check(rows[i].in) != rows[i].code)
            fail_msg("\"%s\": want %s", rows[i].in, pvi_code_name(rows[i].code));
    assert_int_equal(pvi_slug_check(NULL), PVI_BAD_SLUG);
}

/* ---------------------------------------------------------------------------
 * Times, dates, links, text.
 */

static void
hhmm_parses_to_minutes(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int allow_24;
        int minutes; /* -1: refused */
    } rows[] = {
        {"00:00", 0, 0},    {"09:00", 0, 540}, {"12:30", 0, 750}, {"23:59", 0, 1439},
        {"24:00", 1, 1440}, {"24:00", 0, -1},  {"24:01", 1, -1},  {"25:00", 1, -1},
        {"12:60", 0, -1},   {"9h00", 0, -1},   {"9:00", 0, -1},   {"09:00:00", 0, -1},
        {"09h00", 0, -1},   {"0900", 0, -1},   {" 09:00", 0, -1}, {"", 0, -1},
    };
    for (size_t i = 0; i < ROWS(rows); i++) {
        int m = -1;
        enum pvi_code rc = pvi_hhmm_parse(&m, rows[i].in, rows[i].allow_24);
        int ok = rows[i].minutes >= 0 ? rc == PVI_OK && m == rows[i].minutes
                                      : rc == PVI_BAD_HOURS && m == -1;
        if (!ok)
            fail_msg("\"%s\" (allow_24=%d): got %s %d", rows[i].in, rows[i].allow_24,
                     pvi_code_name(rc), m);
    }
}

static void
dates_are_real_calendar_days(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        enum pvi_code code;
    } rows[] = {
        {"2026-12-24", PVI_OK},       {"2024-02-29", PVI_OK},       {"2000-02-29", PVI_OK},
        {"2026-01-31", PVI_OK},       {"2099-12-31", PVI_OK},       {"2025-02-29", PVI_BAD_DATE},
        {"2026-04-31", PVI_BAD_DATE}, {"2026-13-01", PVI_BAD_DATE}, {"2026-00-10", PVI_BAD_DATE},
        {"2026-12-00", PVI_BAD_DATE}, {"1999-12-31", PVI_BAD_DATE}, {"2100-01-01", PVI_BAD_DATE},
        {"26-12-24", PVI_BAD_DATE},   {"2026/12/24", PVI_BAD_DATE}, {"2026-1-5", PVI_BAD_DATE},
        {"24/12/2026", PVI_BAD_DATE}, {"", PVI_BAD_DATE},
    };
    for (size_t i = 0; i < ROWS(rows); i++)
        if (pvi_date_check(rows[i].in) != rows[i].code)
            fail_msg("\"%s\": want %s", rows[i].in, pvi_code_name(rows[i].code));
}

static void
social_links_must_be_https_pages_on_allowed_hosts(void **state)
{
    (void)state;
    char too_long[400];
    snprintf(too_long, sizeof too_long, "https://www.facebook.com/%0276d", 7); /* 301 chars */
    assert_int_equal(strlen(too_long), 301);
    char longest[400];
    snprintf(longest, sizeof longest, "https://www.facebook.com/%0275d", 7); /* 300 chars */

    const struct {
        const char *in;
        const char *out; /* NULL: refused */
    } rows[] = {
        {"https://www.facebook.com/plomberie.martin", "https://www.facebook.com/plomberie.martin"},
        {"HTTPS://WWW.Instagram.COM/Boulangerie_Elise",
         "https://www.instagram.com/Boulangerie_Elise"},
        {"https://youtu.be/dQw4w9WgXcQ", "https://youtu.be/dQw4w9WgXcQ"},
        {"https://www.facebook.com/profile.php?id=100012345678",
         "https://www.facebook.com/profile.php?id=100012345678"},
        {"https://fr.linkedin.com/company/plomberie-martin",
         "https://fr.linkedin.com/company/plomberie-martin"},
        {"https://www.tripadvisor.fr/Restaurant_Review-g187103-d1234.html",
         "https://www.tripadvisor.fr/Restaurant_Review-g187103-d1234.html"},
        {"https://x.com/boulangerie%20elise", "https://x.com/boulangerie%20elise"},
        {longest, longest},
        {too_long, NULL},
        {"http://www.facebook.com/plomberie.martin", NULL},
        {"www.facebook.com/plomberie.martin", NULL},
        {"https://evil.example/plomberie.martin", NULL},
        {"https://facebook.com.evil.example/x", NULL},
        {"https://user:pw@www.facebook.com/x", NULL},
        {"https://www.facebook.com@evil.example/x", NULL},
        {"https://www.facebook.com:8443/x", NULL},
        {"https://www.facebook.com/", NULL},
        {"https://www.facebook.com", NULL},
        {"https://www.facebook.com/?ref=home", NULL},
        {"https://www.facebook.com/a b", NULL},
        {"https://www.facebook.com/%zz", NULL},
        {"https://www.facebook.com/<script>", NULL},
        {"javascript:alert(1)", NULL},
        {"https:///x", NULL},
        {"", NULL},
    };
    for (size_t i = 0; i < ROWS(rows); i++) {
        char *out = (char *)"junk";
        enum pvi_code rc = pvi_social_url_normalize(&out, rows[i].in);
        int ok = rows[i].out ? rc == PVI_OK && out && strcmp(out, rows[i].out) == 0
                             : rc == PVI_BAD_URL && out == NULL;
        if (!ok)
            fail_msg("\"%s\": got %s \"%s\"", rows[i].in, pvi_code_name(rc), out ? out : "");
        free(out);
    }
}

static void
markup_detection_and_character_counting(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int markup;
    } rows[] = {
        {"<b>gras</b>", 1},  {"fin</p>", 1},  {"<!-- x -->", 1},    {"<?php", 1},
        {"x<y", 1},          {"<script>", 1}, {"a < b", 0},         {"<3 les croissants", 0},
        {"prix <= 10 €", 0}, {"", 0},         {"pas de balise", 0}, {"<", 0},
    };
    for (size_t i = 0; i < ROWS(rows); i++)
        if (pvi_text_has_markup(rows[i].in) != rows[i].markup)
            fail_msg("\"%s\": markup should be %d", rows[i].in, rows[i].markup);
    assert_int_equal(pvi_text_has_markup(NULL), 0);
    assert_int_equal(pvi_utf8_length(""), 0);
    assert_int_equal(pvi_utf8_length("é"), 1);
    assert_int_equal(pvi_utf8_length("Boulangerie-pâtisserie"), 22);
    assert_int_equal(pvi_utf8_length("€ 5"), 3);
}

/* ---------------------------------------------------------------------------
 * Whole documents.
 */

#define SHA1 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define SHA2 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define SHA3 "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"

static const char valid_doc[] =
    "{'business_name': '  Plomberie Martin ',"
    " 'activity': ' Plombier',"
    " 'tagline': 'Dépannage 7j/7',"
    " 'description': 'Plombier à Rennes depuis 1998.\\r\\n\\r\\n\\r\\nDevis gratuit.\\n',"
    " 'phones': [{'kind': 'fixed', 'number': '02 99 12 34 56'},"
    "            {'kind': 'mobile', 'number': '+33 (0)6 12 34 56 78'}],"
    " 'email': ' Contact@Plomberie-Martin.FR ',"
    " 'address': {'street': '12 rue de la Monnaie', 'postal_code': '35000', 'city': 'Rennes',"
    "             'geo': {'lat': 48.11, 'lon': -1.68}},"
    " 'hours': {'mon': [{'open': '08:00', 'close': '12:00'}, {'open': '12:00', 'close': '18:00'}],"
    "           'sat': [{'open': '09:00', 'close': '12:00'}, {'open': '20:00', 'close': '24:00'}],"
    "           'sun': []},"
    " 'closures': [{'from': '2026-12-24', 'to': '2026-12-26', 'reason': 'Congés'},"
    "              {'from': '2026-08-15', 'to': '2026-08-15'}],"
    " 'services': [{'title': 'Débouchage', 'description': 'Intervention rapide.', 'price_cents': "
    "4500},"
    "              {'title': 'Devis', 'price_cents': 0}],"
    " 'photos': [{'media': '" SHA1 "', 'caption': 'Notre atelier', 'alt': 'Atelier de plomberie'}],"
    " 'logo': '" SHA2 "',"
    " 'videos': [{'media': '" SHA3 "', 'title': 'Présentation'}],"
    " 'payment_methods': ['cb', 'cheque', 'especes'],"
    " 'languages': ['fr', 'en'],"
    " 'social_links': ['HTTPS://WWW.FACEBOOK.COM/plomberie.martin'],"
    " 'seo_description': 'Plombier à Rennes : dépannage et installation.',"
    " 'domains': ['WWW.Plomberie-Martin.fr.', 'plomberie-martin.fr'],"
    " 'charter': 'classique'}";

static const char valid_doc_normalised[] =
    "{'business_name': 'Plomberie Martin',"
    " 'activity': 'Plombier',"
    " 'tagline': 'Dépannage 7j/7',"
    " 'description': 'Plombier à Rennes depuis 1998.\\n\\nDevis gratuit.',"
    " 'phones': [{'kind': 'fixed', 'number': '+33299123456'},"
    "            {'kind': 'mobile', 'number': '+33612345678'}],"
    " 'email': 'Contact@plomberie-martin.fr',"
    " 'address': {'street': '12 rue de la Monnaie', 'postal_code': '35000', 'city': 'Rennes',"
    "             'geo': {'lat': 48.11, 'lon': -1.68}},"
    " 'hours': {'mon': [{'open': '08:00', 'close': '12:00'}, {'open': '12:00', 'close': '18:00'}],"
    "           'sat': [{'open': '09:00', 'close': '12:00'}, {'open': '20:00', 'close': '24:00'}],"
    "           'sun': []},"
    " 'closures': [{'from': '2026-12-24', 'to': '2026-12-26', 'reason': 'Congés'},"
    "              {'from': '2026-08-15', 'to': '2026-08-15'}],"
    " 'services': [{'title': 'Débouchage', 'description': 'Intervention rapide.', 'price_cents': "
    "4500},"
    "              {'title': 'Devis', 'price_cents': 0}],"
    " 'photos': [{'media': '" SHA1 "', 'caption': 'Notre atelier', 'alt': 'Atelier de plomberie'}],"
    " 'logo': '" SHA2 "',"
    " 'videos': [{'media': '" SHA3 "', 'title': 'Présentation'}],"
    " 'payment_methods': ['cb', 'cheque', 'especes'],"
    " 'languages': ['fr', 'en'],"
    " 'social_links': ['https://www.facebook.com/plomberie.martin'],"
    " 'seo_description': 'Plombier à Rennes : dépannage et installation.',"
    " 'domains': ['www.plomberie-martin.fr', 'plomberie-martin.fr'],"
    " 'charter': 'classique'}";

static void
valid_document_passes_and_comes_back_normalised(void **state)
{
    (void)state;
    json_t *in = jdoc(valid_doc);
    json_t *want = jdoc(valid_doc_normalised);
    json_t *before = json_deep_copy(in);
    json_t *out = NULL;
    struct pvi_errors e = {0};

    enum pvi_code rc = pvi_content_validate(&out, in, &e);
    if (rc != PVI_OK)
        for (size_t i = 0; i < e.n; i++)
            print_message("%s %s %s\n", e.v[i].path, pvi_code_name(e.v[i].code),
                          testenv_error_fr(&e.v[i]));
    assert_int_equal(rc, PVI_OK);
    assert_int_equal(e.n, 0);
    assert_non_null(out);
    if (!json_equal(out, want)) {
        char *got = json_dumps(out, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
        print_message("normalised document:\n%s\n", got);
        free(got);
        fail();
    }
    /* a deep copy: the input is untouched and shares nothing */
    assert_true(json_equal(in, before));
    assert_ptr_not_equal(json_object_get(out, "phones"), json_object_get(in, "phones"));
    /* normalising twice changes nothing */
    json_t *again = NULL;
    assert_int_equal(pvi_content_validate(&again, out, &e), PVI_OK);
    assert_true(json_equal(again, out));

    json_decref(again);
    json_decref(out);
    json_decref(before);
    json_decref(want);
    json_decref(in);
    pvi_errors_clear(&e);
}

static void
document_with_many_faults_reports_every_one_with_path_and_code(void **state)
{
    (void)state;
    static const char doc[] =
        "{'business_name': '<b>Martin</b>',"
        " 'activity': 'Plombier zingueur',"
        " 'tagline': 12,"
        " 'description': 'Bonjour <script>alert(1)</script>',"
        " 'phones': [{'kind': 'fixed', 'number': '0899123456'},"
        "            {'kind': 'pager', 'number': '02 99 12 34 56'},"
        "            {'number': '0299'},"
        "            {'kind': 'mobile', 'number': '06.12.34.56.78'},"
        "            {'kind': 'mobile', 'number': '+33 6 12 34 56 78'},"
        "            'x'],"
        " 'email': 'contact@',"
        " 'address': {'street': 'Rue\\ndu port', 'postal_code': '96000', 'city': 'Rennes',"
        "             'geo': {'lat': 91, 'lon': 'ouest'}, 'floor': 2},"
        " 'hours': {'mon': [{'open': '09:00', 'close': '12:30'}, {'open': '12:00', 'close': "
        "'18:00'}],"
        "           'tue': [{'open': '9h00', 'close': '12:00'}],"
        "           'lun': []},"
        " 'closures': [{'from': '2026-02-30', 'to': '2026-03-01'},"
        "              {'from': '2026-12-26', 'to': '2026-12-24'}],"
        " 'services': [{'description': 'Sans titre', 'price_cents': -5},"
        "              {'title': 'Ramonage', 'price_cents': 45.5}],"
        " 'photos': [{'media': 'ABC'}],"
        " 'logo': 42,"
        " 'videos': [{'title': 'Sans fichier'}],"
        " 'payment_methods': ['cb', 'bitcoin', 'cb'],"
        " 'languages': 'fr',"
        " 'social_links': ['http://www.facebook.com/x', 'https://evil.example/x'],"
        " 'domains': ['www.a.fr', 'WWW.A.FR.', 'bad_domain.fr', 'd.fr'],"
        " 'charter': 'Classique!',"
        " 'colour': 'red'}";
    static const char *const expected[] = {
        "business_name markup",
        "activity not_in_list",
        "tagline bad_type",
        "description markup",
        "phones too_many",
        "phones.0.number premium_phone",
        "phones.1.kind not_in_list",
        "phones.2.kind required",
        "phones.2.number bad_phone",
        "phones.4.number duplicate",
        "phones.5 bad_type",
        "email bad_email",
        "address.street bad_value",
        "address.postal_code bad_postal_code",
        "address.geo.lat bad_geo",
        "address.geo.lon bad_type",
        "address.floor unknown_field",
        "hours.mon.1 hours_overlap",
        "hours.tue.0.open bad_hours",
        "hours.lun unknown_field",
        "closures.0.from bad_date",
        "closures.1.to bad_date",
        "services.0.title required",
        "services.0.price_cents bad_price",
        "services.1.price_cents bad_price",
        "photos.0.media bad_media",
        "photos.0.alt required",
        "logo bad_type",
        "videos.0.media required",
        "payment_methods.1 not_in_list",
        "payment_methods.2 duplicate",
        "languages bad_type",
        "social_links.0 bad_url",
        "social_links.1 bad_url",
        "domains too_many",
        "domains.1 duplicate",
        "domains.2 bad_domain",
        "charter bad_value",
        "colour unknown_field",
        NULL,
    };
    check_doc(doc, expected);
}

static void
hours_rules_by_day(void **state)
{
    (void)state;
    static const struct {
        const char *doc;
        const char *errors[4];
    } rows[] = {
        /* valid: two intervals, touching intervals, closing at 24:00, closed day */
        {"{'hours': {'mon': [{'open': '09:00', 'close': '12:00'}, {'open': '14:00', 'close': "
         "'18:30'}]}}",
         {NULL}},
        {"{'hours': {'tue': [{'open': '09:00', 'close': '12:00'}, {'open': '12:00', 'close': "
         "'14:00'}]}}",
         {NULL}},
        {"{'hours': {'fri': [{'open': '18:00', 'close': '24:00'}], 'sat': [{'open': '00:00', "
         "'close': '02:00'}]}}",
         {NULL}},
        {"{'hours': {'sun': [], 'mon': null}}", {NULL}},
        {"{'hours': {'mon': [{'open': '09:00', 'close': '12:30'}, {'open': '12:00', 'close': "
         "'18:00'}]}}",
         {"hours.mon.1 hours_overlap", NULL}},
        {"{'hours': {'mon': [{'open': '09:00', 'close': '18:00'}, {'open': '10:00', 'close': "
         "'11:00'}]}}",
         {"hours.mon.1 hours_overlap", NULL}},
        /* unsorted */
        {"{'hours': {'wed': [{'open': '14:00', 'close': '18:00'}, {'open': '09:00', 'close': "
         "'12:00'}]}}",
         {"hours.wed.1 hours_overlap", NULL}},
        /* open >= close */
        {"{'hours': {'thu': [{'open': '18:00', 'close': '09:00'}]}}",
         {"hours.thu.0 bad_hours", NULL}},
        {"{'hours': {'thu': [{'open': '09:00', 'close': '09:00'}]}}",
         {"hours.thu.0 bad_hours", NULL}},
        {"{'hours': {'thu': [{'open': '22:00', 'close': '00:00'}]}}",
         {"hours.thu.0 bad_hours", NULL}},
        {"{'hours': {'wed': [{'open': '09:00', 'close': '25:00'}]}}",
         {"hours.wed.0.close bad_hours", NULL}},
        {"{'hours': {'wed': [{'open': '24:00', 'close': '24:00'}]}}",
         {"hours.wed.0.open bad_hours", NULL}},
        {"{'hours': {'thu': [{'open': '9h00', 'close': '12h00'}]}}",
         {"hours.thu.0.open bad_hours", "hours.thu.0.close bad_hours", NULL}},
        {"{'hours': {'sat': [{'open': '09:00'}]}}", {"hours.sat.0.close required", NULL}},
        {"{'hours': {'sat': [{'open': 900, 'close': '12:00', 'note': 'x'}]}}",
         {"hours.sat.0.open bad_type", "hours.sat.0.note unknown_field", NULL}},
        {"{'hours': {'fri': [{'open': '08:00', 'close': '09:00'}, {'open': '09:00', 'close': "
         "'10:00'},"
         " {'open': '10:00', 'close': '11:00'}, {'open': '11:00', 'close': '12:00'},"
         " {'open': '12:00', 'close': '13:00'}, {'open': '13:00', 'close': '14:00'},"
         " {'open': '14:00', 'close': '15:00'}]}}",
         {"hours.fri too_many", NULL}},
        {"{'hours': {'lundi': [], 'Mon': []}}",
         {"hours.lundi unknown_field", "hours.Mon unknown_field", NULL}},
        {"{'hours': {'sun': 'fermé'}}", {"hours.sun bad_type", NULL}},
        {"{'hours': [1]}", {"hours bad_type", NULL}},
    };
    for (size_t i = 0; i < ROWS(rows); i++)
        check_doc(rows[i].doc, rows[i].errors);
}

static void
domains_in_documents_at_most_three_without_duplicates(void **state)
{
    (void)state;
    static const struct {
        const char *doc;
        const char *errors[4];
    } rows[] = {
        {"{'domains': ['www.a.fr', 'a.fr', 'b.fr']}", {NULL}},
        {"{'domains': []}", {NULL}},
        {"{'domains': ['www.a.fr', 'a.fr', 'b.fr', 'c.fr']}", {"domains too_many", NULL}},
        {"{'domains': ['www.a.fr', 'WWW.A.FR.']}", {"domains.1 duplicate", NULL}},
        {"{'domains': ['a_b.fr', 'localhost', '10.0.0.1']}",
         {"domains.0 bad_domain", "domains.1 bad_domain", "domains.2 bad_domain", NULL}},
        {"{'domains': ['', 3]}", {"domains.0 required", "domains.1 bad_type", NULL}},
        {"{'domains': 'a.fr'}", {"domains bad_type", NULL}},
    };
    for (size_t i = 0; i < ROWS(rows); i++)
        check_doc(rows[i].doc, rows[i].errors);
}

static void
document_field_rules(void **state)
{
    (void)state;
    static const struct {
        const char *doc;
        const char *errors[4];
    } rows[] = {
        {"{}", {NULL}},
        /* null and empty optional values count as absent */
        {"{'tagline': null, 'logo': null, 'business_name': '   ', 'email': '', 'address': {'geo': "
         "null}}",
         {NULL}},
        {"{'business_name': 'Martin', 'nom': 'x'}", {"nom unknown_field", NULL}},
        {"{'business_name': ['Martin']}", {"business_name bad_type", NULL}},
        {"{'business_name': 'Martin\\nFils'}", {"business_name bad_value", NULL}},
        {"{'business_name': 'Martin\\u0007'}", {"business_name bad_value", NULL}},
        {"{'description': 'Ligne 1\\nLigne 2\\tTab'}", {NULL}},
        {"{'description': 'a < b et <3'}", {NULL}},
        {"{'description': 'voir <a href=x>ici</a>'}", {"description markup", NULL}},
        {"{'services': [{'title': 'A', 'description': '<!-- x -->'}]}",
         {"services.0.description markup", NULL}},
        {"{'activity': 'plombier'}", {"activity not_in_list", NULL}},
        {"{'activity': 'Boulangerie-pâtisserie'}", {NULL}},
        {"{'address': {'postal_code': '35 000'}}", {"address.postal_code bad_postal_code", NULL}},
        {"{'address': {'postal_code': 35000}}", {"address.postal_code bad_type", NULL}},
        {"{'address': {'postal_code': '20200', 'geo': {'lat': -90, 'lon': 180}}}", {NULL}},
        {"{'address': {'geo': {'lat': 48.1}}}", {"address.geo.lon required", NULL}},
        {"{'address': {'geo': {'lat': 48.1, 'lon': -180.5}}}", {"address.geo.lon bad_geo", NULL}},
        {"{'address': 'Rennes'}", {"address bad_type", NULL}},
        {"{'phones': []}", {NULL}},
        {"{'phones': [{'kind': 'fax', 'number': ''}]}", {"phones.0.number required", NULL}},
        {"{'services': [{'title': 'A', 'price_cents': 100000000}, {'title': 'B', 'price_cents': "
         "100000001}]}",
         {"services.1.price_cents bad_price", NULL}},
        {"{'services': [{'title': 'A', 'price_cents': '45'}]}",
         {"services.0.price_cents bad_type", NULL}},
        {"{'services': [{'title': ' '}]}", {"services.0.title required", NULL}},
        {"{'photos': [{'media': '" SHA1 "', 'alt': 'A'}, {'media': '" SHA1 "', 'alt': 'B'}]}",
         {"photos.1.media duplicate", NULL}},
        {"{'photos': [{'media': '" SHA1 "'}]}", {"photos.0.alt required", NULL}},
        {"{'photos': [{'media': "
         "'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855', 'alt': 'A'}]}",
         {"photos.0.media bad_media", NULL}},
        {"{'videos': [{'media': '" SHA1 "'}, {'media': '" SHA2 "'}, {'media': '" SHA3 "'},"
         " {'media': '" SHA1 "'}]}",
         {"videos too_many", "videos.3.media duplicate", NULL}},
        {"{'languages': ['fr', 'xx', 'FR']}",
         {"languages.1 not_in_list", "languages.2 not_in_list", NULL}},
        {"{'payment_methods': [1]}", {"payment_methods.0 bad_type", NULL}},
        {"{'social_links': ['https://www.facebook.com/a', 'https://www.facebook.com/a']}",
         {"social_links.1 duplicate", NULL}},
        {"{'closures': [{'from': '2026-12-24'}]}", {"closures.0.to required", NULL}},
        {"{'closures': [{'from': '2026-12-24', 'to': '2026-12-24', 'reason': '<i>x</i>', 'x': 1}]}",
         {"closures.0.reason markup", "closures.0.x unknown_field", NULL}},
        {"{'charter': 'classique-2'}", {NULL}},
        {"{'charter': 'Classique'}", {"charter bad_value", NULL}},
        {"{'charter': 'abcdefghijklmnopqrstuvwxyzabcdefghijklmno'}", {"charter bad_value", NULL}},
    };
    for (size_t i = 0; i < ROWS(rows); i++)
        check_doc(rows[i].doc, rows[i].errors);
}

static void
lengths_count_characters_not_bytes(void **state)
{
    (void)state;
    static const struct {
        const char *key;
        size_t max;
    } rows[] = {
        {"business_name", 80},
        {"tagline", 120},
        {"description", 2000},
        {"seo_description", 160},
    };
    for (size_t i = 0; i < ROWS(rows); i++) {
        struct pvi_buf b = {0};
        for (size_t k = 0; k < rows[i].max; k++)
            pvi_buf_puts(&b, "é"); /* 2 bytes each */
        json_t *doc = json_pack("{s:s}", rows[i].key, b.data);
        struct pvi_errors e = {0};
        json_t *out = NULL;
        assert_int_equal(pvi_content_validate(&out, doc, &e), PVI_OK);
        assert_string_equal(json_string_value(json_object_get(out, rows[i].key)), b.data);
        json_decref(out);
        json_decref(doc);

        pvi_buf_puts(&b, "é");
        doc = json_pack("{s:s}", rows[i].key, b.data);
        assert_int_equal(pvi_content_validate(&out, doc, &e), PVI_VALIDATION);
        assert_int_equal(e.n, 1);
        assert_string_equal(e.v[0].path, rows[i].key);
        assert_int_equal(e.v[0].code, PVI_TOO_LONG);
        json_decref(doc);
        pvi_errors_clear(&e);
        pvi_buf_free(&b);
    }
}

static void
specific_french_messages_guide_the_user(void **state)
{
    (void)state;
    json_t *doc = jdoc("{'address': {'postal_code': '35 000'}, 'phones': [{'kind': 'fixed',"
                       " 'number': '0899123456'}]}");
    struct pvi_errors e = {0};
    json_t *out = NULL;
    assert_int_equal(pvi_content_validate(&out, doc, &e), PVI_VALIDATION);
    const struct pvi_field_error *f = pvi_errors_find(&e, "address.postal_code");
    assert_non_null(f);
    assert_string_equal(testenv_error_fr(f),
                        "Code postal : 5 chiffres sans espace (exemple : 35000).");
    f = pvi_errors_find(&e, "phones.0.number");
    assert_non_null(f);
    assert_string_equal(testenv_error_fr(f), "Les numéros surtaxés (089x) sont refusés.");
    json_decref(doc);
    pvi_errors_clear(&e);
}

static void
validate_handles_odd_inputs(void **state)
{
    (void)state;
    struct pvi_errors e = {0};
    json_t *out = (json_t *)&e; /* must be overwritten */

    /* not an object */
    json_t *arr = json_array();
    assert_int_equal(pvi_content_validate(&out, arr, &e), PVI_VALIDATION);
    assert_null(out);
    assert_int_equal(e.n, 1);
    assert_string_equal(e.v[0].path, "");
    assert_int_equal(e.v[0].code, PVI_BAD_TYPE);
    json_decref(arr);
    pvi_errors_clear(&e);

    assert_int_equal(pvi_content_validate(&out, NULL, &e), PVI_VALIDATION);
    assert_int_equal(e.n, 1);
    pvi_errors_clear(&e);

    /* earlier errors in the list are kept and do not count */
    pvi_errors_add(&e, "other", PVI_REQUIRED);
    json_t *doc = jdoc("{'business_name': 'Martin'}");
    assert_int_equal(pvi_content_validate(&out, doc, &e), PVI_OK);
    assert_int_equal(e.n, 1);
    assert_string_equal(json_string_value(json_object_get(out, "business_name")), "Martin");
    json_decref(out);

    /* out may be NULL */
    assert_int_equal(pvi_content_validate(NULL, doc, &e), PVI_OK);
    json_decref(doc);

    /* a string with an embedded NUL (built through the C API) */
    doc = json_object();
    json_object_set_new(doc, "tagline", json_stringn("a\0b", 3));
    assert_int_equal(pvi_content_validate(NULL, doc, &e), PVI_VALIDATION);
    assert_int_equal(e.n, 2);
    assert_string_equal(e.v[1].path, "tagline");
    assert_int_equal(e.v[1].code, PVI_BAD_VALUE);
    json_decref(doc);
    pvi_errors_clear(&e);
}

static void
completeness_requires_the_review_fields_and_a_domain_or_slug(void **state)
{
    (void)state;
    static const struct {
        const char *doc;
        int has_slug;
        const char *errors[9];
    } rows[] = {
        {valid_doc, 0, {NULL}},
        {valid_doc, 1, {NULL}},
        {"{}",
         0,
         {"business_name required", "activity required", "phones required",
          "address.street required", "address.postal_code required", "address.city required",
          "charter required", "domains required", NULL}},
        {"{}",
         1,
         {"business_name required", "activity required", "phones required",
          "address.street required", "address.postal_code required", "address.city required",
          "charter required", NULL}},
        {"{'business_name': 'Martin', 'activity': 'Plombier', 'phones': [{'kind': 'fixed', "
         "'number': "
         "'0299123456'}], 'address': {'street': '1 rue A', 'postal_code': '35000', 'city': "
         "'Rennes'},"
         " 'charter': 'classique'}",
         1,
         {NULL}},
        {"{'business_name': 'Martin', 'activity': 'Plombier', 'phones': [{'kind': 'fixed', "
         "'number': "
         "'0299123456'}], 'address': {'street': '1 rue A', 'postal_code': '35000', 'city': "
         "'Rennes'},"
         " 'charter': 'classique'}",
         0,
         {"domains required", NULL}},
        {"{'business_name': 'Martin', 'activity': 'Plombier', 'phones': [{'kind': 'fixed', "
         "'number': "
         "'0299123456'}], 'address': {'street': '1 rue A', 'postal_code': '35000', 'city': "
         "'Rennes'},"
         " 'charter': 'classique', 'domains': []}",
         0,
         {"domains required", NULL}},
        {"{'business_name': '   ', 'activity': '', 'phones': [], 'address': {'street': '1 rue A',"
         " 'postal_code': '35000'}, 'charter': null, 'domains': ['a.fr']}",
         0,
         {"business_name required", "activity required", "phones required", "address.city required",
          "charter required", NULL}},
    };
    for (size_t i = 0; i < ROWS(rows); i++) {
        json_t *doc = jdoc(rows[i].doc);
        struct pvi_errors e = {0};
        enum pvi_code rc = pvi_content_check_complete(doc, rows[i].has_slug, &e);
        assert_error_set(&e, rows[i].errors);
        assert_int_equal(rc, rows[i].errors[0] ? PVI_INCOMPLETE : PVI_OK);
        json_decref(doc);
        pvi_errors_clear(&e);
    }
    struct pvi_errors e = {0};
    assert_int_equal(pvi_content_check_complete(NULL, 1, &e), PVI_INCOMPLETE);
    assert_int_equal(e.n, 7);
    pvi_errors_clear(&e);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(phones_in_every_accepted_format_become_e164),
        cmocka_unit_test(phones_premium_malformed_or_foreign_are_refused),
        cmocka_unit_test(postal_codes_map_to_their_departement),
        cmocka_unit_test(siret_luhn_and_the_la_poste_exception),
        cmocka_unit_test(siret_normalize_removes_spaces_between_digits),
        cmocka_unit_test(customer_numbers_are_pj_and_8_digits),
        cmocka_unit_test(emails_pragmatic_check),
        cmocka_unit_test(domains_are_normalised_or_refused),
        cmocka_unit_test(slugs_are_lowercase_words_joined_by_single_hyphens),
        cmocka_unit_test(hhmm_parses_to_minutes),
        cmocka_unit_test(dates_are_real_calendar_days),
        cmocka_unit_test(social_links_must_be_https_pages_on_allowed_hosts),
        cmocka_unit_test(markup_detection_and_character_counting),
        cmocka_unit_test(valid_document_passes_and_comes_back_normalised),
        cmocka_unit_test(document_with_many_faults_reports_every_one_with_path_and_code),
        cmocka_unit_test(hours_rules_by_day),
        cmocka_unit_test(domains_in_documents_at_most_three_without_duplicates),
        cmocka_unit_test(document_field_rules),
        cmocka_unit_test(lengths_count_characters_not_bytes),
        cmocka_unit_test(specific_french_messages_guide_the_user),
        cmocka_unit_test(validate_handles_odd_inputs),
        cmocka_unit_test(completeness_requires_the_review_fields_and_a_domain_or_slug),
    };
    return cmocka_run_group_tests_name("validate", tests, NULL, NULL);
}
