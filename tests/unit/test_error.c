/* test_error.c — the error registry and the field-error list. */
#include "testenv.h"

#include "pvi/pvi_error.h"

#include <string.h>

static void
every_code_has_a_name_a_status_and_a_french_message(void **state)
{
    (void)state;
    for (int c = 0; c < PVI__CODE_COUNT; c++) {
        const char *name = pvi_code_name((enum pvi_code)c);
        assert_non_null(name);
        assert_true(strlen(name) > 1);
        int http = pvi_code_http((enum pvi_code)c);
        assert_true(http >= 200 && http <= 599);
        assert_true(strlen(pvi_code_message((enum pvi_code)c)) > 5);
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
}

static void
field_errors_accumulate_and_are_found_by_path(void **state)
{
    (void)state;
    struct pvi_errors e = {0};
    pvi_errors_add(&e, "email", PVI_BAD_EMAIL, NULL);
    pvi_errors_addf(&e, PVI_BAD_PHONE, "numéro 2 invalide", "phones.%d.number", 2);
    assert_int_equal(e.n, 2);
    const struct pvi_field_error *f = pvi_errors_find(&e, "phones.2.number");
    assert_non_null(f);
    assert_int_equal(f->code, PVI_BAD_PHONE);
    assert_string_equal(f->message, "numéro 2 invalide");
    assert_string_equal(pvi_errors_find(&e, "email")->message, pvi_code_message(PVI_BAD_EMAIL));
    assert_null(pvi_errors_find(&e, "address"));
    pvi_errors_clear(&e);
    assert_int_equal(e.n, 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_code_has_a_name_a_status_and_a_french_message),
        cmocka_unit_test(known_codes_map_to_their_http_status),
        cmocka_unit_test(field_errors_accumulate_and_are_found_by_path),
    };
    return cmocka_run_group_tests_name("error", tests, NULL, NULL);
}
