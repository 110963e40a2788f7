/* test_sample.c — the sampling rule of the year's control plan on a planted data set at its
 * edges (seed 004: "more than two placements started between 2020-04-01 and 2020-12-15"),
 * the reasons the sample gives, risk additions, and validating a plan. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/sample.h"

#include <string.h>

static int
d(const char *s)
{
    int v;
    assert_int_equal(date_parse(s, &v), 0);
    return v;
}

#define HVB "SN 2020/0596"
#define OTHER "SN 2019/0101"

/* Units (organisation.unit): 11 two placements (out); 21 three (in); 31 four with one on the
 * window's first and one on its last day (in); 41 two inside and one a day before, one a day
 * after the window (out); 51 and 52, two homes of one organisation, two and three (52 in);
 * 61 three under another agreement, one under this (out). */
static struct sample_placement planted[32];
static int n_planted;

static void
add(long long org, long long unit, const char *case_ref, const char *start)
{
    planted[n_planted++] = (struct sample_placement){org, unit, case_ref, d(start)};
}

static int
setup(void **state)
{
    (void)state;
    n_planted = 0;
    add(1, 11, HVB, "2020-05-01");
    add(1, 11, HVB, "2020-06-01");
    add(2, 21, HVB, "2020-05-01");
    add(2, 21, HVB, "2020-07-01");
    add(2, 21, HVB, "2020-09-01");
    add(3, 31, HVB, "2020-04-01"); /* the window's first day */
    add(3, 31, HVB, "2020-06-15");
    add(3, 31, HVB, "2020-08-15");
    add(3, 31, HVB, "2020-12-15"); /* its last day */
    add(4, 41, HVB, "2020-03-31"); /* a day before */
    add(4, 41, HVB, "2020-05-05");
    add(4, 41, HVB, "2020-10-10");
    add(4, 41, HVB, "2020-12-16"); /* a day after */
    add(5, 51, HVB, "2020-05-01");
    add(5, 51, HVB, "2020-06-01");
    add(5, 52, HVB, "2020-05-01");
    add(5, 52, HVB, "2020-06-01");
    add(5, 52, HVB, "2020-07-01");
    add(6, 61, OTHER, "2020-05-01");
    add(6, 61, OTHER, "2020-06-01");
    add(6, 61, OTHER, "2020-07-01");
    add(6, 61, HVB, "2020-07-01");
    return 0;
}

static struct sample_rule
rule(void)
{
    return (struct sample_rule){HVB, d("2020-04-01"), d("2020-12-15"), 3};
}

static int
find(const struct sample_unit *u, int n, long long unit_id)
{
    for (int i = 0; i < n; i++)
        if (u[i].unit_id == unit_id)
            return i;
    return -1;
}

static void
the_planted_sample_has_exactly_the_units_with_three_or_more(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct sample_rule r = rule();
    struct sample_unit *u;
    int n;
    assert_int_equal(sample_count(planted, n_planted, &r, &a, &u, &n), 0);
    assert_int_equal(n, 3);
    assert_int_equal(u[0].unit_id, 21);
    assert_int_equal(u[0].placements, 3);
    assert_int_equal(u[1].unit_id, 31);
    assert_int_equal(u[1].placements, 4);
    assert_int_equal(u[2].unit_id, 52);
    assert_int_equal(u[2].organisation_id, 5);
    assert_string_equal(u[1].reason, "4 placeringar inledda 2020-04-01–2020-12-15 (minst 3)");
    arena_free(&a);
}

static void
exactly_two_placements_are_out_three_are_in(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct sample_rule r = rule();
    struct sample_unit *u;
    int n;
    sample_count(planted, n_planted, &r, &a, &u, &n);
    assert_int_equal(find(u, n, 11), -1);
    assert_true(find(u, n, 21) >= 0);
    /* "more than two" is at least 3; with a minimum of 2 the unit is in */
    r.min_placements = 2;
    sample_count(planted, n_planted, &r, &a, &u, &n);
    assert_true(find(u, n, 11) >= 0);
    arena_free(&a);
}

static void
the_window_includes_both_ends_and_nothing_beyond(void **state)
{
    (void)state;
    struct sample_rule r = rule();
    assert_true(sample_in_window(&r, d("2020-04-01")));
    assert_true(sample_in_window(&r, d("2020-12-15")));
    assert_false(sample_in_window(&r, d("2020-03-31")));
    assert_false(sample_in_window(&r, d("2020-12-16")));
    assert_false(sample_in_window(&r, DATE_NONE));
    struct arena a;
    arena_init(&a);
    struct sample_unit *u;
    int n;
    sample_count(planted, n_planted, &r, &a, &u, &n);
    /* 31 counts both end days; 41 has two inside and two just outside */
    assert_int_equal(u[find(u, n, 31)].placements, 4);
    assert_int_equal(find(u, n, 41), -1);
    r.from = d("2020-03-31");
    sample_count(planted, n_planted, &r, &a, &u, &n);
    assert_int_equal(u[find(u, n, 41)].placements, 3);
    arena_free(&a);
}

static void
another_agreements_placements_are_not_counted(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct sample_rule r = rule();
    struct sample_unit *u;
    int n;
    sample_count(planted, n_planted, &r, &a, &u, &n);
    assert_int_equal(find(u, n, 61), -1);
    r.case_ref = OTHER;
    sample_count(planted, n_planted, &r, &a, &u, &n);
    assert_int_equal(n, 1);
    assert_int_equal(u[0].unit_id, 61);
    assert_int_equal(u[0].placements, 3);
    arena_free(&a);
}

static void
an_organisation_with_two_units_is_counted_per_unit(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct sample_rule r = rule();
    struct sample_unit *u;
    int n;
    sample_count(planted, n_planted, &r, &a, &u, &n);
    /* five placements at organisation 5, but 51 has two: only 52 is in */
    assert_int_equal(find(u, n, 51), -1);
    assert_int_equal(u[find(u, n, 52)].placements, 3);
    arena_free(&a);
}

static void
risk_additions_carry_their_own_reason(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct sample_rule r = rule();
    struct sample_unit counted[] = {
        {.unit_id = 21, .organisation = "B AB", .unit = "Hem B", .placements = 3},
        {.unit_id = 11, .organisation = "A AB", .unit = "Hem A", .placements = 2},
    };
    struct sample_unit risk[] = {
        {.unit_id = 11, .organisation = "A AB", .unit = "Hem A", .risk_reason = "Tre signaler"},
        {.unit_id = 21, .organisation = "B AB", .unit = "Hem B", .risk_reason = "Låg rating"},
        {.unit_id = 99, .organisation = "C AB", .unit = "Hem C", .risk_reason = "IVO-tillsyn"},
    };
    struct sample_unit *u;
    int n;
    assert_int_equal(sample_merge(&r, counted, 2, risk, 3, &a, &u, &n), 0);
    assert_int_equal(n, 3);
    /* by organisation name */
    assert_int_equal(u[0].unit_id, 11);
    assert_false(u[0].in_rule);
    assert_int_equal(u[0].placements, 2);
    assert_string_equal(u[0].reason, "Tillagd för risk: Tre signaler");
    assert_int_equal(u[1].unit_id, 21);
    assert_true(u[1].in_rule);
    assert_string_equal(u[1].reason, "3 placeringar inledda 2020-04-01–2020-12-15 (minst 3); "
                                     "tillagd för risk: Låg rating");
    assert_int_equal(u[2].placements, 0);
    assert_string_equal(u[2].reason, "Tillagd för risk: IVO-tillsyn");
    /* without risk additions only the rule's units */
    sample_merge(&r, counted, 2, NULL, 0, &a, &u, &n);
    assert_int_equal(n, 1);
    assert_int_equal(u[0].unit_id, 21);
    assert_string_equal(sample_reason(&a, &r, 1),
                        "1 placering inledd 2020-04-01–2020-12-15 (minst 3)");
    arena_free(&a);
}

static void
a_plan_is_checked_whole(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct control_plan p;
    struct plan_input good = {.year = "2021",
                              .title = "Plan för kontroll och uppföljning av privata utförare 2021",
                              .case_ref = "SCN-2020-00596",
                              .focus_case_ref = HVB,
                              .themes = "Systematiskt kvalitetsarbete\nEgenkontroll",
                              .sample_case_ref = HVB,
                              .sample_from = "2020-04-01",
                              .sample_to = "2020-12-15"};
    assert_int_equal(plan_validate(&good, &p, &a, &err), 0);
    assert_int_equal(p.year, 2021);
    assert_int_equal(p.rule.min_placements, 3);
    assert_int_equal(p.rule.from, d("2020-04-01"));

    struct plan_input bad = {.year = "1999",
                             .title = "",
                             .focus_service_area = "moon",
                             .sample_case_ref = HVB,
                             .sample_from = "2020-12-16",
                             .sample_to = "2020-12-15",
                             .min_placements = "0"};
    assert_int_equal(plan_validate(&bad, &p, &a, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "year"));
    assert_non_null(err_for_field(&err, "title"));
    assert_non_null(err_for_field(&err, "focus_service_area"));
    assert_non_null(err_for_field(&err, "sample_to"));
    assert_non_null(err_for_field(&err, "min_placements"));

    /* no focus at all; a personnummer in the themes; a thousand and one placements */
    err_clear(&err);
    struct plan_input unfocused = good;
    unfocused.focus_case_ref = "";
    unfocused.themes = "Gäller 19121212-1212";
    unfocused.min_placements = "1001";
    assert_int_equal(plan_validate(&unfocused, &p, &a, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "focus_case_ref"));
    assert_non_null(err_for_field(&err, "themes"));
    assert_non_null(err_for_field(&err, "min_placements"));
    err_clear(&err);
    unfocused = good;
    unfocused.focus_case_ref = "";
    unfocused.focus_service_area = "hvb_adults";
    unfocused.min_placements = "1000";
    assert_int_equal(plan_validate(&unfocused, &p, &a, &err), 0);
    assert_int_equal(p.rule.min_placements, 1000);
    arena_free(&a);
}

static void
the_decision_and_a_risk_addition_are_checked(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    int on;
    char *paragraph;
    struct plan_decision_input ok = {"2021-01-20", "§ 12"};
    assert_int_equal(plan_decision_validate(&ok, d("2021-02-01"), &on, &paragraph, &a, &err), 0);
    assert_int_equal(on, d("2021-01-20"));
    assert_string_equal(paragraph, "§ 12");
    struct plan_decision_input later = {"2021-03-01", "paragrafen"};
    assert_int_equal(plan_decision_validate(&later, d("2021-02-01"), &on, &paragraph, &a, &err),
                     INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "decided_on"));
    assert_non_null(err_for_field(&err, "decision_paragraph"));

    err_clear(&err);
    long long unit;
    char *reason;
    struct plan_risk_input no_reason = {"7", "  "};
    assert_int_equal(plan_risk_validate(&no_reason, &unit, &reason, &a, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "reason"));
    assert_null(err_for_field(&err, "unit_id"));
    err_clear(&err);
    struct plan_risk_input no_unit = {"", "Tre signaler om bemanningen"};
    assert_int_equal(plan_risk_validate(&no_unit, &unit, &reason, &a, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "unit_id"));
    arena_free(&a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(the_planted_sample_has_exactly_the_units_with_three_or_more, setup),
        cmocka_unit_test_setup(exactly_two_placements_are_out_three_are_in, setup),
        cmocka_unit_test_setup(the_window_includes_both_ends_and_nothing_beyond, setup),
        cmocka_unit_test_setup(another_agreements_placements_are_not_counted, setup),
        cmocka_unit_test_setup(an_organisation_with_two_units_is_counted_per_unit, setup),
        cmocka_unit_test(risk_additions_carry_their_own_reason),
        cmocka_unit_test(a_plan_is_checked_whole),
        cmocka_unit_test(the_decision_and_a_risk_addition_are_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
