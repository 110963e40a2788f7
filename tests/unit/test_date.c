/* test_date.c — civil dates: parsing, formatting, month arithmetic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/date.h"

static void
parses_and_formats_round_trip(void **state)
{
    (void)state;
    const char *dates[] = {"1970-01-01", "2019-12-31", "2020-02-29", "2000-02-29", "2099-12-31"};
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        int d;
        char out[11];
        assert_int_equal(date_parse(dates[i], &d), 0);
        date_format(d, out);
        assert_string_equal(out, dates[i]);
    }
    int d;
    assert_int_equal(date_parse("1970-01-01", &d), 0);
    assert_int_equal(d, 0);
    assert_int_equal(date_parse("2020-12-31", &d), 0);
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    assert_int_equal(y, 2020);
    assert_int_equal(m, 12);
    assert_int_equal(dd, 31);
}

static void
refuses_impossible_dates(void **state)
{
    (void)state;
    const char *bad[] = {"2019-02-29",  "1900-02-29", "2020-13-01", "2020-00-10",
                         "2020-04-31",  "2020-4-01",  "20-04-01",   "2020/04/01",
                         "2020-04-01x", "",           "abcd-ef-gh"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int d = 12345;
        assert_int_equal(date_parse(bad[i], &d), -1);
        assert_int_equal(d, 12345);
    }
}

static void
adds_months_clamping_to_month_end(void **state)
{
    (void)state;
    int d, e;
    char out[11];
    date_parse("2019-12-31", &d);
    date_format(date_add_months(d, 2), out);
    assert_string_equal(out, "2020-02-29"); /* leap year */
    date_format(date_add_months(d, 12), out);
    assert_string_equal(out, "2020-12-31");
    date_parse("2020-06-05", &e);
    date_format(date_add_months(e, 3), out);
    assert_string_equal(out, "2020-09-05");
    date_format(date_add_months(e, -6), out);
    assert_string_equal(out, "2019-12-05");
    date_parse("2021-01-31", &e);
    date_format(date_add_months(e, 1), out);
    assert_string_equal(out, "2021-02-28");
}

static void
unset_date_formats_empty(void **state)
{
    (void)state;
    char out[11] = "x";
    date_format(DATE_NONE, out);
    assert_string_equal(out, "");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_and_formats_round_trip),
        cmocka_unit_test(refuses_impossible_dates),
        cmocka_unit_test(adds_months_clamping_to_month_end),
        cmocka_unit_test(unset_date_formats_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
