/* test_schedule.c — frequency rules of seed 003's routine and the dates they give for an
 * agreement signed 2020-06-05. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/schedule.h"

#include <string.h>

static int
day(const char *s)
{
    int d;
    assert_int_equal(date_parse(s, &d), 0);
    return d;
}

/* Expands rule over 2020-06-05 .. end and compares with the expected dates ("*" marks an
 * occurrence that may be done in writing). */
static void
expect(const char *rule, const char *end, const char *const *dates, int n)
{
    struct freq_rule r;
    struct insyn_err err = {0};
    assert_int_equal(freq_parse(rule, &r, "frequency", &err), 0);
    struct arena a;
    arena_init(&a);
    struct occurrence *occ;
    int got = freq_occurrences(&r, day("2020-06-05"), day(end), &a, &occ);
    assert_int_equal(got, n);
    for (int i = 0; i < n; i++) {
        char buf[11];
        date_format(occ[i].due, buf);
        int written = dates[i][10] == '*';
        assert_memory_equal(buf, dates[i], 10);
        assert_int_equal(occ[i].may_be_written, written);
    }
    arena_free(&a);
}

static void
quarterly_contract_follow_ups_in_the_first_year(void **state)
{
    (void)state;
    const char *const dates[] = {"2020-09-05", "2020-12-05", "2021-03-05", "2021-06-05"};
    expect("every:3:0:12", "2023-06-04", dates, 4);
}

static void
half_yearly_from_the_second_year_one_of_two_in_writing(void **state)
{
    (void)state;
    const char *const dates[] = {"2021-12-05", "2022-06-05*", "2022-12-05", "2023-06-05*"};
    expect("every:6:12:0:2", "2023-06-30", dates, 4);
}

static void
yearly_checks_and_reviews(void **state)
{
    (void)state;
    const char *const dates[] = {"2021-06-05", "2022-06-05", "2023-06-05"};
    expect("every:12", "2023-12-31", dates, 3);
}

static void
quarterly_meetings_whatever_the_age(void **state)
{
    (void)state;
    const char *const dates[] = {"2020-09-05", "2020-12-05", "2021-03-05",
                                 "2021-06-05", "2021-09-05", "2021-12-05"};
    expect("every:3", "2021-12-31", dates, 6);
}

static void
an_early_end_drops_later_occurrences(void **state)
{
    (void)state;
    const char *const dates[] = {"2020-09-05", "2020-12-05"};
    expect("every:3", "2021-03-04", dates, 2);
}

static void
soon_after_an_event_and_as_needed(void **state)
{
    (void)state;
    const char *const once[] = {"2020-06-19"};
    expect("after:approval:14", "2025-01-01", once, 1);
    expect("as_needed", "2025-01-01", NULL, 0);
}

static void
month_ends_are_clamped(void **state)
{
    (void)state;
    struct freq_rule r;
    struct insyn_err err = {0};
    assert_int_equal(freq_parse("every:1:0:3", &r, "f", &err), 0);
    struct arena a;
    arena_init(&a);
    struct occurrence *occ;
    assert_int_equal(freq_occurrences(&r, day("2021-01-31"), day("2021-12-31"), &a, &occ), 3);
    char buf[11];
    date_format(occ[0].due, buf);
    assert_string_equal(buf, "2021-02-28");
    date_format(occ[1].due, buf);
    assert_string_equal(buf, "2021-03-31");
    arena_free(&a);
}

static void
rules_round_trip_and_read_in_swedish(void **state)
{
    (void)state;
    const char *rules[] = {"as_needed", "every:12", "every:3:0:12", "every:6:12:0:2",
                           "after:approval:14"};
    const char *swedish[] = {"Vid behov", "Årsvis", "Kvartalsvis första avtalsåret",
                             "Halvårsvis från andra avtalsåret; varannan får göras skriftligt",
                             "Snarast efter godkännande, inom 14 dagar"};
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        struct freq_rule r;
        struct insyn_err err = {0};
        assert_int_equal(freq_parse(rules[i], &r, "f", &err), 0);
        char text[64], words[128];
        freq_format(&r, text, sizeof text);
        assert_string_equal(text, rules[i]);
        freq_describe(&r, words, sizeof words);
        assert_string_equal(words, swedish[i]);
    }
}

static void
refuses_malformed_rules(void **state)
{
    (void)state;
    const char *bad[] = {"",
                         "weekly",
                         "every",
                         "every:0",
                         "every:x",
                         "every:3:0:2",
                         "every:3:a:12",
                         "after:approval",
                         "after:Approval:3",
                         "after::3",
                         "every:3:0:12:2:9",
                         "as_needed:1",
                         "every:-3",
                         NULL};
    for (size_t i = 0; bad[i]; i++) {
        struct freq_rule r;
        struct insyn_err err = {0};
        assert_int_equal(freq_parse(bad[i], &r, "frequency", &err), INSYN_EINVAL);
        assert_string_equal(err_field_at(&err, 0)->field, "frequency");
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quarterly_contract_follow_ups_in_the_first_year),
        cmocka_unit_test(half_yearly_from_the_second_year_one_of_two_in_writing),
        cmocka_unit_test(yearly_checks_and_reviews),
        cmocka_unit_test(quarterly_meetings_whatever_the_age),
        cmocka_unit_test(an_early_end_drops_later_occurrences),
        cmocka_unit_test(soon_after_an_event_and_as_needed),
        cmocka_unit_test(month_ends_are_clamped),
        cmocka_unit_test(rules_round_trip_and_read_in_swedish),
        cmocka_unit_test(refuses_malformed_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
