/* test_refdata.c — the reference lists: size, uniqueness, encoding and lookups. */
#include "testenv.h"

#include "pvi/pvi_mem.h"
#include "pvi/pvi_refdata.h"

#include <string.h>

/* Independent strict UTF-8 check (no overlongs, no surrogates, ≤ U+10FFFF). */
static int
utf8_valid(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    while (*u) {
        unsigned c = *u;
        size_t n;
        unsigned cp;
        if (c < 0x80) {
            u++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
        } else {
            return 0;
        }
        for (size_t i = 1; i <= n; i++) {
            if ((u[i] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (u[i] & 0x3F);
        }
        if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return 0;
        u += n + 1;
    }
    return 1;
}

static int
trimmed_and_printable(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || s[0] == ' ' || s[n - 1] == ' ' || strstr(s, "  "))
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
            return 0;
    return 1;
}

static void
activities_are_at_least_200_unique_trimmed_utf8_headings(void **state)
{
    (void)state;
    size_t n = pvi_refdata_activity_count();
    assert_true(n >= 200);
    for (size_t i = 0; i < n; i++) {
        const char *a = pvi_refdata_activity_at(i);
        assert_non_null(a);
        if (!utf8_valid(a) || !trimmed_and_printable(a))
            fail_msg("heading %zu is not clean UTF-8 text: \"%s\"", i, a);
        for (size_t j = 0; j < i; j++)
            if (strcmp(a, pvi_refdata_activity_at(j)) == 0)
                fail_msg("heading \"%s\" appears twice (%zu and %zu)", a, j, i);
        /* every heading finds itself */
        assert_int_equal(pvi_refdata_activity_exists(a), 1);
    }
    assert_null(pvi_refdata_activity_at(n));
}

static void
activity_lookup_is_exact(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int exists;
    } rows[] = {
        {"Plombier", 1},
        {"Boulangerie-pâtisserie", 1},
        {"Chirurgien-dentiste", 1},
        {"Serrurier", 1},
        {"Électricien", 1},
        {"Médecin généraliste", 1},
        {"Agence immobilière", 1},
        {"plombier", 0},
        {"Plombier ", 0},
        {"Plombiers", 0},
        {"Boulangerie-patisserie", 0}, /* accent missing */
        {"Electricien", 0},
        {"", 0},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(rows); i++)
        if (pvi_refdata_activity_exists(rows[i].name) != rows[i].exists)
            fail_msg("activity_exists(\"%s\") should be %d", rows[i].name, rows[i].exists);
    assert_int_equal(pvi_refdata_activity_exists(NULL), 0);
}

/* Every code/label list: codes unique, [a-z-], labels non-empty UTF-8. */
static void
code_lists_have_unique_codes_and_french_labels(void **state)
{
    (void)state;
    for (int l = 0; l < PVI__REF_COUNT; l++) {
        size_t n = pvi_refdata_count((enum pvi_reflist)l);
        assert_true(n >= 3);
        for (size_t i = 0; i < n; i++) {
            const struct pvi_refitem *it = pvi_refdata_at((enum pvi_reflist)l, i);
            assert_non_null(it);
            assert_true(strlen(it->code) >= 2);
            assert_true(strspn(it->code, "abcdefghijklmnopqrstuvwxyz-") == strlen(it->code));
            assert_true(utf8_valid(it->label) && trimmed_and_printable(it->label));
            assert_int_equal(pvi_refdata_index((enum pvi_reflist)l, it->code), (int)i);
            assert_string_equal(pvi_refdata_label((enum pvi_reflist)l, it->code), it->label);
        }
        assert_null(pvi_refdata_at((enum pvi_reflist)l, n));
    }
    assert_int_equal(pvi_refdata_count(PVI__REF_COUNT), 0);
    assert_null(pvi_refdata_at(PVI__REF_COUNT, 0));
    assert_int_equal(pvi_refdata_index(PVI_REF_PAYMENT, NULL), -1);
}

static void
payment_methods_include_the_usual_ones_with_their_labels(void **state)
{
    (void)state;
    static const struct {
        const char *code;
        const char *label;
    } rows[] = {
        {"cb", "Carte bancaire"},
        {"especes", "Espèces"},
        {"cheque", "Chèque"},
        {"virement", "Virement bancaire"},
        {"cheque-vacances", "Chèques-Vacances (ANCV)"},
        {"ticket-restaurant", "Titres-restaurant"},
        {"paypal", "PayPal"},
        {"sans-contact", "Paiement sans contact"},
        {"american-express", "American Express"},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(rows); i++) {
        const char *label = pvi_refdata_label(PVI_REF_PAYMENT, rows[i].code);
        if (label == NULL || strcmp(label, rows[i].label) != 0)
            fail_msg("payment %s: label %s", rows[i].code, label ? label : "(none)");
        assert_int_equal(pvi_refdata_exists(PVI_REF_PAYMENT, rows[i].code), 1);
    }
    assert_null(pvi_refdata_label(PVI_REF_PAYMENT, "bitcoin"));
    assert_null(pvi_refdata_label(PVI_REF_PAYMENT, "CB"));
    assert_int_equal(pvi_refdata_exists(PVI_REF_PAYMENT, "fr"), 0);
}

static void
languages_are_iso_639_1_codes_with_french_names(void **state)
{
    (void)state;
    size_t n = pvi_refdata_count(PVI_REF_LANGUAGE);
    assert_true(n >= 20);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(strlen(pvi_refdata_at(PVI_REF_LANGUAGE, i)->code), 2);
    assert_string_equal(pvi_refdata_at(PVI_REF_LANGUAGE, 0)->code, "fr");
    assert_string_equal(pvi_refdata_label(PVI_REF_LANGUAGE, "fr"), "Français");
    assert_string_equal(pvi_refdata_label(PVI_REF_LANGUAGE, "en"), "Anglais");
    assert_string_equal(pvi_refdata_label(PVI_REF_LANGUAGE, "de"), "Allemand");
    assert_string_equal(pvi_refdata_label(PVI_REF_LANGUAGE, "br"), "Breton");
    assert_null(pvi_refdata_label(PVI_REF_LANGUAGE, "fra"));
    assert_null(pvi_refdata_label(PVI_REF_LANGUAGE, "FR"));
}

static void
weekdays_run_monday_to_sunday(void **state)
{
    (void)state;
    static const char *const keys[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    static const char *const labels[] = {"Lundi",    "Mardi",  "Mercredi", "Jeudi",
                                         "Vendredi", "Samedi", "Dimanche"};
    assert_int_equal(pvi_refdata_count(PVI_REF_WEEKDAY), 7);
    for (size_t i = 0; i < 7; i++) {
        assert_string_equal(pvi_refdata_at(PVI_REF_WEEKDAY, i)->code, keys[i]);
        assert_string_equal(pvi_refdata_at(PVI_REF_WEEKDAY, i)->label, labels[i]);
        assert_int_equal(pvi_refdata_index(PVI_REF_WEEKDAY, keys[i]), (int)i);
    }
    assert_int_equal(pvi_refdata_index(PVI_REF_WEEKDAY, "lun"), -1);
    assert_int_equal(pvi_refdata_index(PVI_REF_WEEKDAY, "Mon"), -1);
}

static void
phone_kinds_are_fixed_mobile_fax(void **state)
{
    (void)state;
    assert_int_equal(pvi_refdata_count(PVI_REF_PHONE_KIND), 3);
    assert_string_equal(pvi_refdata_label(PVI_REF_PHONE_KIND, "fixed"), "Fixe");
    assert_string_equal(pvi_refdata_label(PVI_REF_PHONE_KIND, "mobile"), "Mobile");
    assert_string_equal(pvi_refdata_label(PVI_REF_PHONE_KIND, "fax"), "Fax");
    assert_int_equal(pvi_refdata_exists(PVI_REF_PHONE_KIND, "pager"), 0);
}

static void
social_hosts_allow_exactly_the_listed_hosts(void **state)
{
    (void)state;
    static const struct {
        const char *host;
        const char *network; /* NULL: refused */
    } rows[] = {
        {"facebook.com", "facebook"},
        {"www.facebook.com", "facebook"},
        {"instagram.com", "instagram"},
        {"www.instagram.com", "instagram"},
        {"linkedin.com", "linkedin"},
        {"www.linkedin.com", "linkedin"},
        {"x.com", "x"},
        {"twitter.com", "x"},
        {"youtube.com", "youtube"},
        {"www.youtube.com", "youtube"},
        {"tiktok.com", "tiktok"},
        {"www.tiktok.com", "tiktok"},
        {"pinterest.com", "pinterest"},
        {"fr.pinterest.com", "pinterest"},
        {"tripadvisor.fr", "tripadvisor"},
        {"www.tripadvisor.fr", "tripadvisor"},
        {"evil.example", NULL},
        {"facebook.com.evil.example", NULL},
        {"evilfacebook.com", NULL},
        {"FACEBOOK.COM", NULL}, /* callers lower-case first */
        {"www.facebook.com.", NULL},
        {"", NULL},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(rows); i++) {
        const char *net = pvi_refdata_social_network(rows[i].host);
        int ok = rows[i].network ? net != NULL && strcmp(net, rows[i].network) == 0 : net == NULL;
        if (!ok)
            fail_msg("host \"%s\": network %s", rows[i].host, net ? net : "(none)");
        assert_int_equal(pvi_refdata_social_host_allowed(rows[i].host), rows[i].network != NULL);
    }
    assert_null(pvi_refdata_social_network(NULL));

    size_t n = pvi_refdata_social_host_count();
    assert_true(n >= 16);
    for (size_t i = 0; i < n; i++) {
        const char *h = pvi_refdata_social_host_at(i);
        assert_non_null(h);
        assert_true(strspn(h, "abcdefghijklmnopqrstuvwxyz0123456789.-") == strlen(h));
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(h, pvi_refdata_social_host_at(j));
    }
    assert_null(pvi_refdata_social_host_at(n));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(activities_are_at_least_200_unique_trimmed_utf8_headings),
        cmocka_unit_test(activity_lookup_is_exact),
        cmocka_unit_test(code_lists_have_unique_codes_and_french_labels),
        cmocka_unit_test(payment_methods_include_the_usual_ones_with_their_labels),
        cmocka_unit_test(languages_are_iso_639_1_codes_with_french_names),
        cmocka_unit_test(weekdays_run_monday_to_sunday),
        cmocka_unit_test(phone_kinds_are_fixed_mobile_fax),
        cmocka_unit_test(social_hosts_allow_exactly_the_listed_hosts),
    };
    return cmocka_run_group_tests_name("refdata", tests, NULL, NULL);
}
