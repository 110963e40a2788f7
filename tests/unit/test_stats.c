/* test_stats.c — one agreement's statistics for one year at their edges: assignments received
 * in one year and closed in the next, open at year end, exactly 365 and 366 days long, received
 * before the year and closed in it, after the year; goal outcomes of family treatment only and
 * the reasons given; an agreement without any (zeros, averages none, null in JSON); the
 * rounding of avg_hours and avg_months; placements per agreement and per unit; the year as
 * text; seed 002's sentences. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "app/stats.h"
#include "core/date.h"
#include "core/stats.h"

#include <string.h>

static int
d(const char *s)
{
    int v;
    if (!s)
        return DATE_NONE;
    assert_int_equal(date_parse(s, &v), 0);
    return v;
}

static struct assignment
asg(const char *kind, const char *age, const char *received, const char *closed, long long minutes,
    const char *outcome, const char *reason)
{
    return (struct assignment){.kind = (char *)kind,
                               .age_group = (char *)age,
                               .received = d(received),
                               .closed = d(closed),
                               .minutes = minutes,
                               .goal_outcome = (char *)outcome,
                               .reason = (char *)reason};
}

/* The count of code in a stats_count list; fails when the code is not listed. */
static int
count_of(const struct stats_count *c, int n, const char *code)
{
    for (int i = 0; i < n; i++)
        if (strcmp(c[i].code, code) == 0)
            return c[i].count;
    fail_msg("%s is not counted", code);
    return -1;
}

/* A planted 2017: every edge once. Lengths: 2016-11-01..2017-03-01 is 120 days, 2016-06-30..
 * 2017-06-30 365 (no leap day between), 2016-06-29..2017-06-30 366, 2017-12-31..2017-12-31 0,
 * 2017-03-01..2017-04-30 60. */
static const struct assignment *
planted(int *n)
{
    static struct assignment items[12];
    int i = 0;
    /* received before the year and closed in it: 120 days, 10 h */
    items[i++] = asg("family_treatment", "youth", "2016-11-01", "2017-03-01", 600, "met", "");
    /* received in the year and closed in the next: ongoing at year end */
    items[i++] = asg("family_treatment", "child", "2017-02-01", "2018-01-15", 900, "met", "");
    /* received in the year, open */
    items[i++] = asg("advice_support", "child", "2017-05-01", NULL, 120, "", "");
    /* exactly 365 days: not over one year */
    items[i++] = asg("family_treatment", "youth", "2016-06-30", "2017-06-30", 3000, "not_met",
                     "Bristande motivation hos föräldern");
    /* exactly 366 days: over one year */
    items[i++] = asg("family_treatment", "youth", "2016-06-29", "2017-06-30", 2415, "not_met",
                     "  Bristande motivation hos föräldern ");
    /* received and closed on the year's last day: 0 days; advice and support with an outcome
     * that is not counted among the goal outcomes */
    items[i++] = asg("advice_support", "child", "2017-12-31", "2017-12-31", 180, "not_met",
                     "Familjen flyttade");
    /* family treatment closed in the year: partly met with a reason, and one without outcome */
    items[i++] = asg("family_treatment", "child", "2017-03-01", "2017-04-30", 1200, "partly",
                     "Ungdom som vägrat samverka i behandling");
    items[i++] = asg("family_treatment", "youth", "2017-01-01", "2017-01-01", 0, "", "");
    /* closed before the year: in the total since start only */
    items[i++] = asg("family_treatment", "youth", "2016-01-10", "2016-12-31", 500, "met", "");
    /* received on the day after the year: in nothing */
    items[i++] = asg("family_treatment", "youth", "2018-01-01", NULL, 0, "", "");
    *n = i;
    return items;
}

static void
a_planted_year_field_by_field(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    int n;
    const struct assignment *items = planted(&n);
    struct assignment_stats s;
    assignment_stats_compute(items, n, 2017, &a, &s);
    assert_int_equal(s.year, 2017);
    /* received in 2017: 2017-02-01, 05-01, 12-31, 03-01, 01-01 */
    assert_int_equal(s.received, 5);
    /* closed in 2017: 03-01, 06-30 (365), 06-30 (366), 12-31, 04-30, 01-01 */
    assert_int_equal(s.closed, 6);
    /* ongoing at year end: closed 2018-01-15, and the open one */
    assert_int_equal(s.ongoing_at_year_end, 2);
    assert_int_equal(s.closed_child, 2);
    assert_int_equal(s.closed_youth, 4);
    /* 366 days is over one year, 365 is not */
    assert_int_equal(s.over_one_year, 1);
    /* days 120 + 365 + 366 + 0 + 60 + 0 = 911 over 6: 151,83 → 151,8; months 911 * 48 / 1461
     * / 6 = 4,988 → 5,0; minutes 600 + 3000 + 2415 + 180 + 1200 + 0 = 7395 over 6 = 1232,5 min
     * = 20,54 h → 20,5 */
    assert_int_equal(s.avg_days_tenths, 1518);
    assert_int_equal(s.avg_months_tenths, 50);
    assert_int_equal(s.avg_hours_tenths, 205);
    /* goal outcomes of family treatment closed in the year only: met 1, partly 1, not met 2,
     * none 1; the advice and support not met is not among them */
    assert_int_equal(s.closed_family_treatment, 5);
    assert_int_equal(s.goal_met, 1);
    assert_int_equal(s.goal_partly, 1);
    assert_int_equal(s.goal_not_met, 2);
    assert_int_equal(s.goal_unrecorded, 1);
    /* the same reason, trimmed, counted twice; "Familjen flyttade" is advice and support's */
    assert_int_equal(s.nreasons_not_met, 1);
    assert_string_equal(s.reasons_not_met[0].reason, "Bristande motivation hos föräldern");
    assert_int_equal(s.reasons_not_met[0].count, 2);
    assert_int_equal(s.nreasons_partly, 1);
    assert_string_equal(s.reasons_partly[0].reason, "Ungdom som vägrat samverka i behandling");
    /* since start: all received on or before 2017-12-31 */
    assert_int_equal(s.total_since_start, 9);
    assert_int_equal(s.nkinds, 2);
    assert_int_equal(count_of(s.kinds, s.nkinds, "family_treatment"), 7);
    assert_int_equal(count_of(s.kinds, s.nkinds, "advice_support"), 2);
    assert_true(assignment_stats_any(&s));

    /* 2016 of the same rows: received 06-29, 06-30, 11-01, 01-10; closed 12-31 only */
    assignment_stats_compute(items, n, 2016, &a, &s);
    assert_int_equal(s.received, 4);
    assert_int_equal(s.closed, 1);
    assert_int_equal(s.ongoing_at_year_end, 3);
    assert_int_equal(s.total_since_start, 4);
    assert_int_equal(s.avg_days_tenths, 3560); /* 2016-01-10..2016-12-31 is 356 days */
    arena_free(&a);
}

static void
an_agreement_without_any_gives_zeros_and_no_averages(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct assignment_stats s;
    assignment_stats_compute(NULL, 0, 2017, &a, &s);
    assert_int_equal(s.received + s.closed + s.ongoing_at_year_end + s.total_since_start, 0);
    assert_int_equal(s.goal_met + s.goal_partly + s.goal_not_met + s.over_one_year, 0);
    assert_int_equal(s.avg_hours_tenths, STATS_NONE);
    assert_int_equal(s.avg_days_tenths, STATS_NONE);
    assert_int_equal(s.avg_months_tenths, STATS_NONE);
    assert_int_equal(s.nreasons_not_met + s.nreasons_partly, 0);
    assert_int_equal(s.nkinds, 2); /* every kind, counted 0 */
    assert_int_equal(count_of(s.kinds, s.nkinds, "family_treatment"), 0);
    assert_false(assignment_stats_any(&s));
    json_t *j = assignment_stats_json(&s);
    assert_true(json_is_null(json_object_get(j, "avg_hours")));
    assert_true(json_is_null(json_object_get(j, "avg_months")));
    assert_int_equal(json_integer_value(json_object_get(j, "received")), 0);
    assert_int_equal(json_array_size(json_object_get(j, "kinds")), 2);
    json_decref(j);
    assert_string_equal(stats_tenths_text(&a, STATS_NONE), "–");

    /* only rows after the year: the same */
    int n;
    const struct assignment *items = planted(&n);
    assignment_stats_compute(items, n, 2015, &a, &s);
    assert_int_equal(s.total_since_start, 0);
    assert_int_equal(s.avg_hours_tenths, STATS_NONE);

    struct placement_stats p, *units;
    int nunits;
    placement_stats_compute(NULL, 0, 2017, &a, &p, &units, &nunits);
    assert_int_equal(p.started + p.ended + p.ongoing_at_year_end + p.total_since_start, 0);
    assert_int_equal(p.avg_days_tenths, STATS_NONE);
    assert_int_equal(p.avg_months_tenths, STATS_NONE);
    assert_int_equal(nunits, 0);
    assert_int_equal(p.nreasons, 4);
    j = placement_stats_json(&p, units, nunits);
    assert_true(json_is_null(json_object_get(j, "avg_days")));
    assert_int_equal(json_array_size(json_object_get(j, "units")), 0);
    json_decref(j);
    arena_free(&a);
}

static void
averages_round_to_one_decimal_halves_up(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    /* hours from minutes: 40 h 15 min is 40,25 → 40,3; 61 and 62 minutes are 1,025 h → 1,0 */
    assert_int_equal(stats_mean_tenths(2415, 1, 1, 60), 403);
    assert_int_equal(stats_mean_tenths(61 + 62, 2, 1, 60), 10);
    assert_int_equal(stats_mean_tenths(0, 3, 1, 60), 0);
    assert_int_equal(stats_mean_tenths(5, 0, 1, 60), STATS_NONE);
    /* months of 365,25 / 12 = 30,4375 days: 213 days 6,998 → 7,0; 15 days 0,49 → 0,5;
     * 30 days 0,986 → 1,0; 1 day 0,03 → 0,0; 365 and 366 days 12,0 */
    assert_int_equal(stats_mean_tenths(213, 1, 48, 1461), 70);
    assert_int_equal(stats_mean_tenths(15, 1, 48, 1461), 5);
    assert_int_equal(stats_mean_tenths(30, 1, 48, 1461), 10);
    assert_int_equal(stats_mean_tenths(1, 1, 48, 1461), 0);
    assert_int_equal(stats_mean_tenths(365 + 366, 2, 48, 1461), 120);
    /* days: 365 and 366 are 365,5 on average */
    assert_int_equal(stats_mean_tenths(365 + 366, 2, 1, 1), 3655);

    /* through the computation: two closed in 2017 of 40 h 15 min each and 0 h; one 213 days */
    struct assignment items[] = {
        asg("family_treatment", "youth", "2017-01-02", "2017-08-03", 2415, "met", ""),
        asg("family_treatment", "youth", "2017-08-03", "2017-08-03", 2415, "met", ""),
    };
    struct assignment_stats s;
    assignment_stats_compute(items, 2, 2017, &a, &s);
    assert_int_equal(s.avg_hours_tenths, 403);
    assert_string_equal(stats_tenths_text(&a, s.avg_hours_tenths), "40,3");
    /* 213 and 0 days: 106,5 days, 3,499 months → 3,5 */
    assert_int_equal(s.avg_days_tenths, 1065);
    assert_int_equal(s.avg_months_tenths, 35);
    json_t *j = assignment_stats_json(&s);
    assert_true(json_real_value(json_object_get(j, "avg_hours")) == 40.3);
    assert_true(json_real_value(json_object_get(j, "avg_months")) == 3.5);
    json_decref(j);
    assert_string_equal(stats_tenths_text(&a, 70), "7,0");
    assert_string_equal(stats_tenths_text(&a, 0), "0,0");
    assert_string_equal(stats_tenths_text(&a, 12345), "1234,5");
    arena_free(&a);
}

static struct placement
plc(long long id, long long unit, const char *unit_name, const char *start, const char *end,
    const char *reason)
{
    return (struct placement){.id = id,
                              .unit_id = unit,
                              .unit_name = (char *)unit_name,
                              .start = d(start),
                              .end = d(end),
                              .end_reason = (char *)(reason ? reason : "")};
}

static void
placements_per_agreement_and_per_unit(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct placement items[] = {
        /* Ekbacken: started before 2024 and ended in it after 366 days; started and ended in
         * it; started in it and goes on */
        plc(1, 7, "Ekbacken", "2023-03-01", "2024-03-01", "planned"),
        plc(2, 7, "Ekbacken", "2024-02-01", "2024-02-11", "client_left"),
        plc(3, 7, "Ekbacken", "2024-12-31", NULL, NULL),
        /* Asplunden: started in 2024, ended in 2025 (ongoing at year end) */
        plc(4, 3, "Asplunden", "2024-06-01", "2025-01-10", "relocation_unmet_needs"),
        /* Björken: ended before 2024: not among the units, counted since start */
        plc(5, 9, "Björken", "2022-01-01", "2023-12-31", "planned"),
        /* started after 2024: in nothing */
        plc(6, 9, "Björken", "2025-01-01", NULL, NULL),
    };
    struct placement_stats s, *units;
    int nunits;
    placement_stats_compute(items, 6, 2024, &a, &s, &units, &nunits);
    assert_int_equal(s.started, 3);
    assert_int_equal(s.ended, 2);
    assert_int_equal(s.ongoing_at_year_end, 2);
    assert_int_equal(s.total_since_start, 5);
    assert_int_equal(count_of(s.ended_by_reason, s.nreasons, "planned"), 1);
    assert_int_equal(count_of(s.ended_by_reason, s.nreasons, "client_left"), 1);
    assert_int_equal(count_of(s.ended_by_reason, s.nreasons, "relocation_unmet_needs"), 0);
    assert_int_equal(count_of(s.ended_by_reason, s.nreasons, "other"), 0);
    assert_string_equal(s.ended_by_reason[0].label, "Planerat avslut");
    /* 366 and 10 days: 188,0 days, 6,177 months → 6,2 */
    assert_int_equal(s.avg_days_tenths, 1880);
    assert_int_equal(s.avg_months_tenths, 62);
    assert_null(s.unit_name);

    assert_int_equal(nunits, 2); /* by name; Björken had nothing in 2024 */
    assert_string_equal(units[0].unit_name, "Asplunden");
    assert_int_equal(units[0].unit_id, 3);
    assert_int_equal(units[0].started, 1);
    assert_int_equal(units[0].ended, 0);
    assert_int_equal(units[0].ongoing_at_year_end, 1);
    assert_int_equal(units[0].avg_days_tenths, STATS_NONE);
    assert_string_equal(units[1].unit_name, "Ekbacken");
    assert_int_equal(units[1].started, 2);
    assert_int_equal(units[1].ended, 2);
    assert_int_equal(units[1].ongoing_at_year_end, 1);
    assert_int_equal(units[1].total_since_start, 3);
    assert_int_equal(units[1].avg_days_tenths, 1880);
    assert_int_equal(count_of(units[1].ended_by_reason, units[1].nreasons, "planned"), 1);

    assert_string_equal(placement_stats_text(&a, 2024, &s),
                        "Under 2024 inleddes 3 placeringar och 2 avslutades (1 planerat avslut; 1 "
                        "klienten avbröt). Vid årets slut pågick 2 placeringar. De avslutade "
                        "placeringarna varade i snitt 188,0 dagar (6,2 månader).");
    assert_string_equal(placement_stats_reasons_text(&a, &units[0]), "");
    json_t *j = placement_stats_json(&s, units, nunits);
    json_t *u = json_array_get(json_object_get(j, "units"), 1);
    assert_string_equal(json_string_value(json_object_get(u, "unit")), "Ekbacken");
    assert_int_equal(json_integer_value(json_object_get(u, "unit_id")), 7);
    assert_null(json_object_get(j, "unit")); /* the whole agreement has no unit */
    json_decref(j);
    arena_free(&a);
}

static void
a_year_is_four_digits_in_range(void **state)
{
    (void)state;
    int y;
    assert_int_equal(stats_parse_year("2017", &y), 0);
    assert_int_equal(y, 2017);
    assert_int_equal(stats_parse_year(" 1900 ", &y), 0);
    assert_int_equal(stats_parse_year("2999", &y), 0);
    const char *bad[] = {"", "17", "20177", "2017a", "2017-01", "1899", "3000", "-2017", "två"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(stats_parse_year(bad[i], &y), -1);
        assert_int_equal(y, 0);
    }
    assert_int_equal(stats_parse_year(NULL, &y), -1);
    assert_true(stats_year_valid(2017));
    assert_false(stats_year_valid(0));
}

static void
the_sentences_read_like_seed_002(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    int n;
    const struct assignment *items = planted(&n);
    struct assignment_stats s;
    assignment_stats_compute(items, n, 2017, &a, &s);
    const char *text = assignment_stats_text(&a, &s);
    const char *want[] = {
        "Under 2017 har utföraren tilldelats 5 uppdrag och avslutat 6.",
        "Vid årets slut pågick 2 uppdrag.",
        "Räknat från avtalets start har utföraren haft 9 uppdrag, varav 7 familjebehandling och 2 "
        "råd och stöd.",
        "Av de 6 avslutade uppdragen har insatsen i 2 fall avsett barn upp till 12 år och i 4 fall "
        "ungdomar från 13 år.",
        "Uppdragen har i snitt tagit 20,5 timmar i anspråk och sträckt sig över 5,0 månader; 1 "
        "uppdrag har sträckt sig över ett år.",
        "Måluppfyllelse i de avslutade uppdrag som avsåg familjebehandling, totalt 5 uppdrag, "
        "visade att målen uppfyllts i 1 fall, i 1 fall delvis, medan det i 2 fall saknades "
        "måluppfyllelse; i 1 fall är måluppfyllelsen inte bedömd.",
        "I ärenden där måluppfyllelse ej uppnåtts har orsaken varit: Bristande motivation hos "
        "föräldern (2 fall).",
        "Där målen delvis uppfyllts har orsaken varit: Ungdom som vägrat samverka i behandling.",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strstr(text, want[i]))
            fail_msg("\"%s\" not in \"%s\"", want[i], text);

    /* a year without data: zeros in words, no averages */
    assignment_stats_compute(items, n, 2015, &a, &s);
    assert_string_equal(assignment_stats_text(&a, &s),
                        "Under 2015 har utföraren tilldelats 0 uppdrag och inte avslutat något. "
                        "Vid årets slut pågick 0 uppdrag.");
    arena_free(&a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_planted_year_field_by_field),
        cmocka_unit_test(an_agreement_without_any_gives_zeros_and_no_averages),
        cmocka_unit_test(averages_round_to_one_decimal_halves_up),
        cmocka_unit_test(placements_per_agreement_and_per_unit),
        cmocka_unit_test(a_year_is_four_digits_in_range),
        cmocka_unit_test(the_sentences_read_like_seed_002),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
