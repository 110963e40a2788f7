/* test_signal.c — a signal's validation (no personnummer, known codes, no future date) and the
 * rule that makes an organisation a candidate for event-driven follow-up, at its edges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/signal.h"

#include <string.h>

static int
d(const char *s)
{
    int v;
    assert_int_equal(date_parse(s, &v), 0);
    return v;
}

static const struct candidate_rule rule = {3, 12};

static int
candidate(const struct signal_fact *f, int n, const char *today, int *serious)
{
    int counts[16];
    return signal_candidate(f, n, d(today), &rule, counts, serious);
}

static void
two_signals_in_twelve_months_are_not_enough(void **state)
{
    (void)state;
    struct signal_fact f[] = {{1, d("2026-03-01"), 0, ""}, {2, d("2026-09-01"), 0, ""}};
    int serious;
    assert_false(candidate(f, 2, "2026-12-01", &serious));
}

static void
three_signals_in_twelve_months_make_a_candidate(void **state)
{
    (void)state;
    struct signal_fact f[] = {{1, d("2025-12-02"), 0, ""},
                              {2, d("2026-06-01"), 0, "individual_case"},
                              {3, d("2026-12-01"), 0, ""}};
    int counts[3], serious;
    assert_true(signal_candidate(f, 3, d("2026-12-01"), &rule, counts, &serious));
    assert_false(serious);
    for (int i = 0; i < 3; i++)
        assert_int_equal(counts[i], 1);
}

static void
three_signals_spread_over_thirteen_months_are_not(void **state)
{
    (void)state;
    /* the first lies exactly twelve months back: outside the window */
    struct signal_fact f[] = {
        {1, d("2025-12-01"), 0, ""}, {2, d("2026-06-01"), 0, ""}, {3, d("2026-12-01"), 0, ""}};
    int counts[3], serious;
    assert_false(signal_candidate(f, 3, d("2026-12-01"), &rule, counts, &serious));
    assert_int_equal(counts[0], 0);
    assert_int_equal(counts[2], 1);
}

static void
one_serious_signal_is_enough(void **state)
{
    (void)state;
    struct signal_fact f[] = {{1, d("2026-11-30"), 1, ""}};
    int serious;
    assert_true(candidate(f, 1, "2026-12-01", &serious));
    assert_true(serious);
    /* ... but not one from long ago */
    assert_false(candidate(f, 1, "2028-01-01", &serious));
}

static void
signals_found_needing_no_action_do_not_count(void **state)
{
    (void)state;
    struct signal_fact f[] = {{1, d("2026-10-01"), 1, "no_action"},
                              {2, d("2026-11-01"), 0, ""},
                              {3, d("2026-11-02"), 0, "no_action"},
                              {4, d("2026-11-03"), 0, "deviation"}};
    int serious;
    assert_false(candidate(f, 4, "2026-12-01", &serious));
    assert_false(serious);
}

static void
the_numbers_are_settings(void **state)
{
    (void)state;
    struct signal_fact f[] = {{1, d("2026-01-15"), 0, ""}, {2, d("2026-11-01"), 0, ""}};
    struct candidate_rule two_in_eleven = {2, 11}, two_in_twelve = {2, 12};
    int counts[2], serious;
    assert_false(signal_candidate(f, 2, d("2026-12-20"), &two_in_eleven, counts, &serious));
    assert_true(signal_candidate(f, 2, d("2026-12-20"), &two_in_twelve, counts, &serious));
}

static void
a_valid_signal(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct signal_input in = {.org_nr = "556677-8899",
                              .date = "2026-11-30",
                              .source = "case_worker",
                              .category = "staff_competence",
                              .serious = "true",
                              .description =
                                  "Personalen saknade utbildning i MI enligt klient K-17."};
    struct signal s;
    int rc = signal_validate(&in, d("2026-12-01"), &s, &a, 0, &err);
    assert_int_equal(rc, 0);
    assert_string_equal(s.org_nr, "556677-8899");
    assert_int_equal(s.serious, 1);
    assert_string_equal(s.status, "new");
    arena_free(&a);
}

static void
a_personnummer_and_bad_codes_are_refused_by_field(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct signal_input in = {.organisation_id = "3",
                              .date = "2026-12-02",
                              .source = "neighbour",
                              .category = "other",
                              .serious = "kanske",
                              .description = "Gäller klienten 19121212-1212 som flyttades."};
    struct signal s;
    assert_int_equal(signal_validate(&in, d("2026-12-01"), &s, &a, 0, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "description"));
    assert_non_null(strstr(err_for_field(&err, "description"), "personnummer"));
    assert_non_null(err_for_field(&err, "date"));
    assert_non_null(err_for_field(&err, "source"));
    assert_non_null(err_for_field(&err, "serious"));
    assert_null(err_for_field(&err, "category"));
    arena_free(&a);
}

static void
a_signal_must_name_its_organisation(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct signal_input in = {.date = "2026-11-01",
                              .source = "media",
                              .category = "other",
                              .description = "Artikel i lokaltidningen."};
    struct signal s;
    assert_int_equal(signal_validate(&in, d("2026-12-01"), &s, &a, 0, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "org_nr"));
    arena_free(&a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(two_signals_in_twelve_months_are_not_enough),
        cmocka_unit_test(three_signals_in_twelve_months_make_a_candidate),
        cmocka_unit_test(three_signals_spread_over_thirteen_months_are_not),
        cmocka_unit_test(one_serious_signal_is_enough),
        cmocka_unit_test(signals_found_needing_no_action_do_not_count),
        cmocka_unit_test(the_numbers_are_settings),
        cmocka_unit_test(a_valid_signal),
        cmocka_unit_test(a_personnummer_and_bad_codes_are_refused_by_field),
        cmocka_unit_test(a_signal_must_name_its_organisation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
