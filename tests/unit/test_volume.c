/* test_volume.c — validating placements and assignments at their edges: the end and its
 * reason, dates in order and not in the future, hours as minutes, client pseudonyms that are
 * not personnummer, case workers by e-mail address and unknown codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/volume.h"

#include <string.h>

static int
d(const char *s)
{
    int v;
    assert_int_equal(date_parse(s, &v), 0);
    return v;
}

static const char *TODAY = "2026-12-01";

static struct placement_input
good_placement(void)
{
    return (struct placement_input){.org_nr = "556677-8899",
                                    .unit_id = "3",
                                    .agreement_id = "7",
                                    .client = "K-2024-017",
                                    .case_worker = " Hanna.Handlaggare@Sjobacka.example ",
                                    .start = "2024-04-01",
                                    .end = "",
                                    .end_reason = ""};
}

static struct assignment_input
good_assignment(void)
{
    return (struct assignment_input){.agreement_id = "4",
                                     .client = "F-17-03",
                                     .kind = "family_treatment",
                                     .age_group = "youth",
                                     .received = "2017-02-01",
                                     .closed = "2017-09-15",
                                     .hours = "40",
                                     .goal_outcome = "met",
                                     .reason = ""};
}

/* Validates and returns the message of the first error on field, or NULL. */
static const char *
placement_error(const struct placement_input *in, const char *field, struct arena *a,
                struct insyn_err *err)
{
    struct placement p;
    err_clear(err);
    placement_validate(in, d(TODAY), &p, a, 0, err);
    return err_for_field(err, field);
}

static const char *
assignment_error(const struct assignment_input *in, const char *field, struct arena *a,
                 struct insyn_err *err, struct assignment *out)
{
    err_clear(err);
    assignment_validate(in, d(TODAY), out, a, 0, err);
    return err_for_field(err, field);
}

static void
a_valid_ongoing_placement(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct placement_input in = good_placement();
    struct placement p;
    assert_int_equal(placement_validate(&in, d(TODAY), &p, &a, 0, &err), 0);
    assert_int_equal(err.nfields, 0);
    assert_string_equal(p.org_nr, "556677-8899");
    assert_int_equal(p.unit_id, 3);
    assert_int_equal(p.agreement_id, 7);
    assert_string_equal(p.case_worker, "hanna.handlaggare@sjobacka.example");
    assert_int_equal(p.start, d("2024-04-01"));
    assert_int_equal(p.end, DATE_NONE);
    assert_string_equal(p.end_reason, "");
    arena_free(&a);
}

static void
an_ended_placement_needs_its_reason_and_an_ongoing_one_none(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct placement_input in = good_placement();
    in.end = "2024-06-30";
    assert_non_null(placement_error(&in, "end_reason", &a, &err));
    in.end_reason = "relocation_unmet_needs";
    assert_null(placement_error(&in, "end_reason", &a, &err));
    assert_int_equal(err.nfields, 0);
    in.end = "";
    assert_non_null(placement_error(&in, "end_reason", &a, &err));
    in.end = "2024-06-30";
    in.end_reason = "tired";
    const char *m = placement_error(&in, "end_reason", &a, &err);
    assert_non_null(m);
    assert_non_null(strstr(m, "okänt värde"));
    arena_free(&a);
}

static void
the_end_may_be_the_start_but_not_before_it_nor_after_today(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct placement_input in = good_placement();
    in.end_reason = "planned";
    in.end = "2024-04-01";
    assert_null(placement_error(&in, "end", &a, &err));
    in.end = "2024-03-31";
    assert_non_null(placement_error(&in, "end", &a, &err));
    in.end = "2026-12-02";
    assert_non_null(placement_error(&in, "end", &a, &err));
    in.end = "2026-12-01";
    assert_null(placement_error(&in, "end", &a, &err));
    in.start = "2026-12-02";
    in.end = "";
    in.end_reason = "";
    assert_non_null(placement_error(&in, "start", &a, &err));
    in.start = "2024-13-01";
    assert_non_null(placement_error(&in, "start", &a, &err));
    arena_free(&a);
}

static void
a_personnummer_as_client_is_refused(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct placement_input in = good_placement();
    in.client = "19121212-1212";
    const char *m = placement_error(&in, "client", &a, &err);
    assert_non_null(m);
    assert_non_null(strstr(m, "personnummer"));
    in.client = "";
    assert_non_null(placement_error(&in, "client", &a, &err));
    struct assignment_input ai = good_assignment();
    struct assignment x;
    ai.client = "121212-1212";
    assert_non_null(assignment_error(&ai, "client", &a, &err, &x));
    arena_free(&a);
}

static void
a_placement_names_organisation_unit_agreement_and_a_case_worker_by_email(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct placement_input in = {0};
    struct placement p;
    assert_int_equal(placement_validate(&in, d(TODAY), &p, &a, 0, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "org_nr"));
    assert_non_null(err_for_field(&err, "unit_id"));
    assert_non_null(err_for_field(&err, "agreement_id"));
    assert_non_null(err_for_field(&err, "client"));
    assert_non_null(err_for_field(&err, "case_worker"));
    assert_non_null(err_for_field(&err, "start"));
    in = good_placement();
    in.org_nr = NULL;
    in.organisation_id = "12";
    err_clear(&err);
    assert_int_equal(placement_validate(&in, d(TODAY), &p, &a, 0, &err), 0);
    assert_int_equal(p.organisation_id, 12);
    in.unit_id = "x";
    assert_non_null(placement_error(&in, "unit_id", &a, &err));
    in = good_placement();
    for (const char *const *bad = (const char *const[]){"Hanna Handläggare", "hanna@", "@kommun.se",
                                                        "hanna@kommun", "a b@kommun.se", NULL};
         *bad; bad++) {
        in.case_worker = *bad;
        assert_non_null(placement_error(&in, "case_worker", &a, &err));
    }
    arena_free(&a);
}

static void
hours_are_decimal_numbers_stored_as_minutes(void **state)
{
    (void)state;
    long long m;
    assert_int_equal(volume_parse_hours("12", VOLUME_HOURS_MAX, &m), 0);
    assert_int_equal(m, 720);
    assert_int_equal(volume_parse_hours("12,5", VOLUME_HOURS_MAX, &m), 0);
    assert_int_equal(m, 750);
    assert_int_equal(volume_parse_hours(" 12.5 ", VOLUME_HOURS_MAX, &m), 0);
    assert_int_equal(m, 750);
    assert_int_equal(volume_parse_hours("0,25", VOLUME_HOURS_MAX, &m), 0);
    assert_int_equal(m, 15);
    assert_int_equal(volume_parse_hours("", VOLUME_HOURS_MAX, &m), 0);
    assert_int_equal(m, 0);
    assert_int_equal(volume_parse_hours(NULL, VOLUME_HOURS_MAX, &m), 0);
    assert_int_equal(m, 0);
    for (const char *const *bad =
             (const char *const[]){"12,", ",5", "12,555", "-1", "12 timmar", "1e3", "12,5,5",
                                   "100001", "100000,5", NULL};
         *bad; bad++)
        assert_int_equal(volume_parse_hours(*bad, VOLUME_HOURS_MAX, &m), -1);
    assert_int_equal(volume_parse_hours("100000", VOLUME_HOURS_MAX, &m), 0);

    struct arena a;
    arena_init(&a);
    assert_string_equal(volume_hours_text(&a, 750), "12,5");
    assert_string_equal(volume_hours_text(&a, 720), "12");
    assert_string_equal(volume_hours_text(&a, 15), "0,25");
    struct insyn_err err = {.arena = &a};
    struct assignment_input in = good_assignment();
    struct assignment x;
    in.hours = "12,5";
    assert_null(assignment_error(&in, "hours", &a, &err, &x));
    assert_int_equal(x.minutes, 750);
    in.hours = "tolv";
    assert_non_null(assignment_error(&in, "hours", &a, &err, &x));
    arena_free(&a);
}

static void
an_assignment_closes_after_it_came_in_with_an_outcome_only_then(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct assignment_input in = good_assignment();
    struct assignment x;
    assert_int_equal(assignment_validate(&in, d(TODAY), &x, &a, 0, &err), 0);
    assert_int_equal(x.agreement_id, 4);
    assert_int_equal(x.minutes, 2400);
    assert_string_equal(x.goal_outcome, "met");
    in.closed = "2017-01-31";
    assert_non_null(assignment_error(&in, "closed", &a, &err, &x));
    in.closed = "2017-02-01";
    assert_null(assignment_error(&in, "closed", &a, &err, &x));
    in.closed = "2026-12-02";
    assert_non_null(assignment_error(&in, "closed", &a, &err, &x));
    /* ongoing: no outcome yet */
    in.closed = "";
    assert_non_null(assignment_error(&in, "goal_outcome", &a, &err, &x));
    in.goal_outcome = "";
    err_clear(&err);
    assert_int_equal(assignment_validate(&in, d(TODAY), &x, &a, 0, &err), 0);
    assert_int_equal(x.closed, DATE_NONE);
    /* not met needs its reason */
    in.closed = "2017-09-15";
    in.goal_outcome = "not_met";
    assert_non_null(assignment_error(&in, "reason", &a, &err, &x));
    in.reason = "Bristande motivation hos föräldern.";
    assert_null(assignment_error(&in, "reason", &a, &err, &x));
    assert_int_equal(err.nfields, 0);
    arena_free(&a);
}

static void
unknown_codes_are_refused_by_field(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct assignment_input in = good_assignment();
    struct assignment x;
    in.kind = "therapy";
    in.age_group = "adult";
    in.goal_outcome = "mostly";
    assert_int_equal(assignment_validate(&in, d(TODAY), &x, &a, 0, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "kind"));
    assert_non_null(err_for_field(&err, "age_group"));
    assert_non_null(err_for_field(&err, "goal_outcome"));
    in = (struct assignment_input){0};
    err_clear(&err);
    assert_int_equal(assignment_validate(&in, d(TODAY), &x, &a, 7, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "agreement_id"));
    assert_non_null(err_for_field(&err, "kind"));
    assert_non_null(err_for_field(&err, "age_group"));
    assert_non_null(err_for_field(&err, "received"));
    assert_int_equal(err_field_at(&err, 0)->row, 7);
    arena_free(&a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_valid_ongoing_placement),
        cmocka_unit_test(an_ended_placement_needs_its_reason_and_an_ongoing_one_none),
        cmocka_unit_test(the_end_may_be_the_start_but_not_before_it_nor_after_today),
        cmocka_unit_test(a_personnummer_as_client_is_refused),
        cmocka_unit_test(a_placement_names_organisation_unit_agreement_and_a_case_worker_by_email),
        cmocka_unit_test(hours_are_decimal_numbers_stored_as_minutes),
        cmocka_unit_test(an_assignment_closes_after_it_came_in_with_an_outcome_only_then),
        cmocka_unit_test(unknown_codes_are_refused_by_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
