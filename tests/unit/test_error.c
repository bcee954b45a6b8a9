/* test_error.c — the error registry, the field-error list and the message
 * catalog (keys, both languages, arguments, the choice of a language). */
#include "testenv.h"

#include "pvi/pvi_error.h"
#include "pvi/pvi_mem.h"
#include "pvi/pvi_msg.h"

#include <stdlib.h>
#include <string.h>

static void
every_code_has_a_name_a_status_and_a_message_in_both_languages(void **state)
{
    (void)state;
    for (int c = 0; c < PVI__CODE_COUNT; c++) {
        const char *name = pvi_code_name((enum pvi_code)c);
        assert_non_null(name);
        assert_true(strlen(name) > 1);
        int http = pvi_code_http((enum pvi_code)c);
        assert_true(http >= 200 && http <= 599);
        enum pvi_msg m = pvi_code_msg((enum pvi_code)c);
        assert_true(strlen(pvi_msg_text(PVI_LANG_FR, m)) > 5);
        assert_true(strlen(pvi_msg_text(PVI_LANG_EN, m)) > 5);
        /* names are unique: the reverse lookup finds this very code */
        assert_int_equal(pvi_code_from_name(name), c);
    }
}

static void
known_codes_map_to_their_http_status(void **state)
{
    (void)state;
    assert_string_equal(pvi_code_name(PVI_CONFLICT), "conflict");
    assert_int_equal(pvi_code_http(PVI_CONFLICT), 409);
    assert_int_equal(pvi_code_http(PVI_NOT_FOUND), 404);
    assert_int_equal(pvi_code_http(PVI_BAD_PHONE), 422);
    assert_int_equal(pvi_code_from_name("no-such-code"), PVI_INTERNAL);
    assert_string_equal(pvi_msg_text(PVI_LANG_FR, pvi_code_msg(PVI_BAD_EMAIL)),
                        "Adresse e-mail invalide.");
    assert_string_equal(pvi_msg_text(PVI_LANG_EN, pvi_code_msg(PVI_BAD_EMAIL)),
                        "Invalid e-mail address.");
}

static void
every_message_has_a_unique_key_and_a_text_in_each_language(void **state)
{
    (void)state;
    for (int m = 1; m < PVI__MSG_COUNT; m++) { /* 0 is PVI_MSG_NONE */
        const char *key = pvi_msg_key((enum pvi_msg)m);
        enum pvi_msg back;
        assert_int_equal(pvi_msg_from_key(&back, key), 0);
        assert_int_equal(back, m); /* no other message has this key */
        for (int l = 0; l < PVI_LANG_COUNT; l++) {
            const char *t = pvi_msg_text((enum pvi_lang)l, (enum pvi_msg)m);
            if (strlen(t) < 2)
                print_error("message %s has no text in language %d\n", key, l);
            assert_true(strlen(t) >= 2);
        }
        /* the same placeholders in both languages */
        char *fr = pvi_msg_format(PVI_LANG_FR, (enum pvi_msg)m, NULL, 0);
        char *en = pvi_msg_format(PVI_LANG_EN, (enum pvi_msg)m, NULL, 0);
        for (const char *p = strchr(fr, '{'); p; p = strchr(p + 1, '{')) {
            size_t n = strcspn(p, "}") + 1;
            char *ph = pvi_strndup(p, n);
            if (strstr(en, ph) == NULL)
                print_error("message %s: %s missing in English\n", key, ph);
            assert_non_null(strstr(en, ph));
            free(ph);
        }
        free(fr);
        free(en);
    }
    assert_int_equal(pvi_msg_from_key(&(enum pvi_msg){0}, "no.such.key"), -1);
}

static void
field_errors_accumulate_and_are_found_by_path(void **state)
{
    (void)state;
    struct pvi_errors e = {0};
    pvi_errors_add(&e, "email", PVI_BAD_EMAIL);
    pvi_errors_addf(&e, PVI_BAD_PHONE, PVI_MSG_PHONE_TOO_SHORT, "phones.%d.number", 2);
    pvi_errors_add_msg(&e, "name", PVI_TOO_LONG, PVI_MSG_TEXT_TOO_LONG, "max", "80", "count", "93",
                       NULL);
    assert_int_equal(e.n, 3);
    const struct pvi_field_error *f = pvi_errors_find(&e, "phones.2.number");
    assert_non_null(f);
    assert_int_equal(f->code, PVI_BAD_PHONE);
    assert_int_equal(f->msg, PVI_MSG_PHONE_TOO_SHORT);
    assert_string_equal(testenv_error_fr(f), "Numéro de téléphone trop court : 10 chiffres "
                                             "attendus (exemple : 02 99 12 34 56).");
    f = pvi_errors_find(&e, "email");
    assert_int_equal(f->msg, PVI_MSG_ERR_BAD_EMAIL); /* the code's own message */
    assert_string_equal(testenv_error_fr(f), "Adresse e-mail invalide.");
    f = pvi_errors_find(&e, "name");
    assert_string_equal(testenv_error_fr(f),
                        "Texte trop long : 80 caractères au maximum (actuellement 93).");
    char *en = pvi_field_error_text(f, PVI_LANG_EN);
    assert_string_equal(en, "Text too long: 80 characters at most (now 93).");
    free(en);
    assert_null(pvi_errors_find(&e, "address"));
    pvi_errors_clear(&e);
    assert_int_equal(e.n, 0);
}

static void
arguments_are_substituted_by_name_and_never_interpreted(void **state)
{
    (void)state;
    /* a value is copied as typed, even when it looks like a placeholder or markup */
    struct pvi_msg_arg args[] = {{"field", "<b>{max}</b>"}};
    char *t = pvi_msg_format(PVI_LANG_FR, PVI_MSG_CONTENT_UNKNOWN_FIELD, args, 1);
    assert_string_equal(t, "Champ inconnu « <b>{max}</b> ».");
    free(t);
    /* a placeholder without its argument stays as written */
    t = pvi_msg_format(PVI_LANG_EN, PVI_MSG_CONTENT_TOO_MANY, NULL, 0);
    assert_string_equal(t, "Too many items: {max} at most.");
    free(t);
    /* arguments are found by name, whatever their order */
    struct pvi_msg_arg two[] = {{"count", "3"}, {"max", "2"}};
    t = pvi_msg_format(PVI_LANG_EN, PVI_MSG_TEXT_TOO_LONG, two, 2);
    assert_string_equal(t, "Text too long: 2 characters at most (now 3).");
    free(t);
}

static void
accept_language_picks_the_best_language_the_catalog_has(void **state)
{
    (void)state;
    static const struct {
        const char *header;
        enum pvi_lang want;
    } rows[] = {
        {NULL, PVI_LANG_FR},
        {"", PVI_LANG_FR},
        {"en", PVI_LANG_EN},
        {"en-GB,en;q=0.9", PVI_LANG_EN},
        {"de-DE,de;q=0.9,en;q=0.5", PVI_LANG_EN}, /* German first, not in the catalog */
        {"fr-FR,fr;q=0.9,en-US;q=0.8", PVI_LANG_FR},
        {"en;q=0.4, fr;q=0.8", PVI_LANG_FR}, /* the highest q wins, not the first */
        {"en;q=0.8, fr;q=0.8", PVI_LANG_EN}, /* equal q: the first */
        {"en;q=0, de", PVI_LANG_FR},         /* q=0: not acceptable */
        {"EN-us", PVI_LANG_EN},              /* case does not matter */
        {"*", PVI_LANG_FR},
        {"en;q=banana, de", PVI_LANG_FR}, /* a malformed q ignores its range */
        {"english", PVI_LANG_FR},         /* not a language tag we know */
        {",,,;;;", PVI_LANG_FR},
    };
    for (size_t i = 0; i < PVI_COUNT_OF(rows); i++) {
        enum pvi_lang got = pvi_lang_negotiate(rows[i].header);
        if (got != rows[i].want)
            print_error("Accept-Language \"%s\": got %d\n",
                        rows[i].header ? rows[i].header : "NULL", got);
        assert_int_equal(got, rows[i].want);
    }
    enum pvi_lang l;
    assert_int_equal(pvi_lang_parse(&l, "en"), 0);
    assert_int_equal(l, PVI_LANG_EN);
    assert_int_equal(pvi_lang_parse(&l, "fr_FR.UTF-8"), 0);
    assert_int_equal(l, PVI_LANG_FR);
    assert_int_equal(pvi_lang_parse(&l, "de"), -1);
    assert_string_equal(pvi_lang_code(PVI_LANG_EN), "en");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_code_has_a_name_a_status_and_a_message_in_both_languages),
        cmocka_unit_test(known_codes_map_to_their_http_status),
        cmocka_unit_test(every_message_has_a_unique_key_and_a_text_in_each_language),
        cmocka_unit_test(field_errors_accumulate_and_are_found_by_path),
        cmocka_unit_test(arguments_are_substituted_by_name_and_never_interpreted),
        cmocka_unit_test(accept_language_picks_the_best_language_the_catalog_has),
    };
    return cmocka_run_group_tests_name("error", tests, NULL, NULL);
}
