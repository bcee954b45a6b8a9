/* test_clock.c — times as people read them: the time zone (winter and
 * summer time), each language's order, text that is not a timestamp. */
#include "testenv.h"

#include "pvi/pvi_clock.h"

#include <string.h>

static void
times_are_shown_in_the_zone_and_the_languages_order(void **state)
{
    (void)state;
    assert_int_equal(pvi_time_zone_set("Europe/Paris"), 0);
    char out[PVI_TIME_DISPLAY_SIZE];
    pvi_time_display(out, "2026-12-02T03:00:44Z", PVI_LANG_FR); /* winter: UTC+1 */
    assert_string_equal(out, "02/12/2026 04:00");
    pvi_time_display(out, "2026-07-01T10:05:00.123456Z", PVI_LANG_FR); /* summer: UTC+2 */
    assert_string_equal(out, "01/07/2026 12:05");
    pvi_time_display(out, "2026-07-01T10:05:00Z", PVI_LANG_EN);
    assert_string_equal(out, "2026-07-01 12:05");
    /* the night the clocks go back: 00:30 and 01:30 UTC are 02:30 then 02:30 */
    pvi_time_display(out, "2026-10-25T00:30:00Z", PVI_LANG_FR);
    assert_string_equal(out, "25/10/2026 02:30");
    pvi_time_display(out, "2026-10-25T01:30:00Z", PVI_LANG_FR);
    assert_string_equal(out, "25/10/2026 02:30");
    assert_int_equal(pvi_time_zone_set("UTC"), 0);
    pvi_time_display(out, "2026-12-02T03:00:44Z", PVI_LANG_FR);
    assert_string_equal(out, "02/12/2026 03:00");
}

static void
what_is_not_a_timestamp_is_kept_and_unknown_zones_refused(void **state)
{
    (void)state;
    char out[PVI_TIME_DISPLAY_SIZE];
    pvi_time_display(out, "hier", PVI_LANG_FR);
    assert_string_equal(out, "hier");
    pvi_time_display(out, "2026-12-02T03:00:44+01:00", PVI_LANG_FR);
    assert_string_equal(out, "2026-12-02T03:00:44+01:00");
    pvi_time_display(out, NULL, PVI_LANG_FR);
    assert_string_equal(out, "");
    assert_int_equal(pvi_time_zone_set("Europe/Atlantis"), -1);
    assert_int_equal(pvi_time_zone_set("../../etc/passwd"), -1);
    assert_int_equal(pvi_time_zone_set(""), -1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(times_are_shown_in_the_zone_and_the_languages_order),
        cmocka_unit_test(what_is_not_a_timestamp_is_kept_and_unknown_zones_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
