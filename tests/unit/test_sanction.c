/* test_sanction.c — sanctions and the delegation order at its edges, and the rules of an
 * event-driven follow-up: its plan, focus areas, meetings and closing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/investigation.h"

#include <string.h>

static struct arena arena;

static int
setup(void **state)
{
    (void)state;
    arena_init(&arena);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    arena_free(&arena);
    return 0;
}

static void
the_delegation_order_at_its_edges(void **state)
{
    (void)state;
    assert_true(sanction_may_decide(ROLE_STRATEGIST, "correction_request"));
    assert_false(sanction_may_decide(ROLE_STRATEGIST, "warning"));
    assert_false(sanction_may_decide(ROLE_STRATEGIST, "penalty"));
    assert_true(sanction_may_decide(ROLE_DEPUTY_DIRECTOR, "warning"));
    assert_true(sanction_may_decide(ROLE_DIRECTOR, "rescission"));
    assert_true(sanction_may_decide(ROLE_DEPUTY_DIRECTOR, "termination"));
    assert_false(sanction_may_decide(ROLE_ADMIN, "correction_request"));
    assert_false(sanction_may_decide(ROLE_ADMIN, "termination"));
    assert_false(sanction_may_decide(ROLE_LAWYER, "warning"));
    assert_false(sanction_may_decide(ROLE_DIRECTOR, "no_such_kind"));
    assert_true(sanction_is_decider(ROLE_STRATEGIST));
    assert_false(sanction_is_decider(ROLE_ADMIN));
    assert_false(sanction_is_decider(ROLE_COORDINATOR));
    /* every kind has a row */
    for (int i = 0; sanction_kinds[i].code; i++)
        assert_non_null(sanction_deciders_text(sanction_kinds[i].code));

    struct sanction s = {.kind = "warning"};
    struct insyn_err err = {.arena = &arena};
    assert_int_equal(sanction_check_decider(&s, 1, ROLE_STRATEGIST, &err), INSYN_EINVAL);
    assert_string_equal(err_for_field(&err, "decided_by"),
                        "Varning beslutas av biträdande socialdirektör eller socialdirektör "
                        "enligt delegationsordningen.");
    err_clear(&err);
    assert_int_equal(sanction_check_decider(&s, 1, ROLE_DEPUTY_DIRECTOR, &err), 0);
    s.kind = "correction_request";
    assert_int_equal(sanction_check_decider(&s, 1, ROLE_STRATEGIST, &err), 0);
    assert_int_equal(sanction_check_decider(&s, 0, ROLE_STRATEGIST, &err), INSYN_EINVAL);
}

static struct sanction_input
valid(const char *kind)
{
    return (struct sanction_input){.kind = kind,
                                   .decided_on = "2024-03-01",
                                   .decided_by = "7",
                                   .reason = "Allvarlig händelse har inte rapporterats."};
}

static void
a_penalty_needs_an_amount_above_zero(void **state)
{
    (void)state;
    struct sanction s;
    struct insyn_err err = {.arena = &arena};
    struct sanction_input in = valid("penalty");
    assert_int_equal(sanction_validate(&in, &s, &arena, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "amount"));
    err_clear(&err);
    in.amount = "0";
    assert_int_equal(sanction_validate(&in, &s, &arena, &err), INSYN_EINVAL);
    err_clear(&err);
    in.amount = "25 000,50";
    assert_int_equal(sanction_validate(&in, &s, &arena, &err), 0);
    assert_int_equal(s.amount, 2500050);
    /* a price reduction may have one, a warning not */
    in = valid("price_reduction");
    assert_int_equal(sanction_validate(&in, &s, &arena, &err), 0);
    assert_int_equal(s.amount, -1);
    in.amount = "1500";
    assert_int_equal(sanction_validate(&in, &s, &arena, &err), 0);
    assert_int_equal(s.amount, 150000);
    in = valid("warning");
    in.amount = "100";
    assert_int_equal(sanction_validate(&in, &s, &arena, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "amount"));
}

static void
termination_needs_an_end_and_a_cause(void **state)
{
    (void)state;
    struct sanction s;
    struct insyn_err err = {.arena = &arena};
    struct sanction_input in = valid("termination");
    assert_int_equal(sanction_validate(&in, &s, &arena, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "ends_on"));
    assert_non_null(err_for_field(&err, "cause"));
    err_clear(&err);
    in.ends_on = "2024-05-31";
    in.cause = "fire";
    assert_int_equal(sanction_validate(&in, &s, &arena, &err), INSYN_EINVAL);
    assert_null(err_for_field(&err, "ends_on"));
    assert_non_null(err_for_field(&err, "cause"));
    err_clear(&err);
    in.cause = "permit_revoked";
    assert_int_equal(sanction_validate(&in, &s, &arena, &err), 0);
    assert_int_equal(s.ends_on, date_from_ymd(2024, 5, 31));
    assert_string_equal(s.cause, "permit_revoked");
    in.ends_on = "2024-02-01"; /* before the decision */
    assert_int_equal(sanction_validate(&in, &s, &arena, &err), INSYN_EINVAL);
    err_clear(&err);
    in = valid("rescission");
    in.ends_on = "2024-03-01";
    assert_int_equal(sanction_validate(&in, &s, &arena, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "cause"));
    err_clear(&err);
    in = valid("warning");
    in.cause = "breach";
    assert_int_equal(sanction_validate(&in, &s, &arena, &err), INSYN_EINVAL);
}

static void
required_fields_and_personnummer(void **state)
{
    (void)state;
    struct sanction s;
    struct insyn_err err = {.arena = &arena};
    struct sanction_input in = {0};
    assert_int_equal(sanction_validate(&in, &s, &arena, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "kind"));
    assert_non_null(err_for_field(&err, "decided_on"));
    assert_non_null(err_for_field(&err, "decided_by"));
    assert_non_null(err_for_field(&err, "reason"));
    err_clear(&err);
    in = valid("warning");
    in.reason = "Klienten 19121212-1212 fick inte sin medicin.";
    assert_int_equal(sanction_validate(&in, &s, &arena, &err), INSYN_EINVAL);
    assert_non_null(strstr(err_for_field(&err, "reason"), "personnummer"));
}

static void
money_in_kronor(void **state)
{
    (void)state;
    long long v;
    assert_int_equal(money_parse_kronor("1", &v), 0);
    assert_int_equal(v, 100);
    assert_int_equal(money_parse_kronor("1.5", &v), 0);
    assert_int_equal(v, 150);
    assert_int_equal(money_parse_kronor("1 234 567,89", &v), 0);
    assert_int_equal(v, 123456789);
    assert_int_equal(money_parse_kronor("1,234", &v), -1);
    assert_int_equal(money_parse_kronor("-5", &v), -1);
    assert_int_equal(money_parse_kronor("5,", &v), -1);
    assert_int_equal(money_parse_kronor("kr", &v), -1);
    assert_int_equal(money_parse_kronor("99999999999999", &v), -1);
}

static void
an_investigation_and_its_plan(void **state)
{
    (void)state;
    struct investigation inv;
    struct insyn_err err = {.arena = &arena};
    struct investigation_input in = {0};
    assert_int_equal(investigation_validate(&in, &inv, &arena, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "organisation_id"));
    assert_non_null(err_for_field(&err, "opened_on"));
    assert_non_null(err_for_field(&err, "reason"));
    err_clear(&err);
    in = (struct investigation_input){.organisation_id = "3",
                                      .opened_on = "2024-01-10",
                                      .reason = "Tre signaler om bemanning.",
                                      .signal_ids = "4\n5\n4\n"};
    assert_int_equal(investigation_validate(&in, &inv, &arena, &err), 0);
    assert_string_equal(inv.kind, "event_driven");
    assert_int_equal(inv.n_signals, 2);
    in.kind = "in_depth";
    in.signal_ids = "x";
    assert_int_equal(investigation_validate(&in, &inv, &arena, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "signal_ids"));
    err_clear(&err);

    struct investigation_area area;
    struct investigation_area_input ai = {.area = "Bemanning"};
    assert_int_equal(investigation_area_validate(&ai, &area, &arena, 2, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "areas[1].responsible_id"));
    assert_non_null(err_for_field(&err, "areas[1].due"));
    err_clear(&err);
    ai = (struct investigation_area_input){
        .area = "Bemanning", .responsible_id = "12", .due = "2024-02-01"};
    assert_int_equal(investigation_area_validate(&ai, &area, &arena, 0, &err), 0);
    assert_int_equal(area.responsible_id, 12);

    struct investigation_meeting m;
    struct investigation_meeting_input mi = {"2024-01-20", "Anna\n\n  Bertil  \n",
                                             "Rutiner saknas."};
    assert_int_equal(investigation_meeting_validate(&mi, &m, &arena, &err), 0);
    assert_string_equal(m.attendees, "Anna\nBertil");

    inv.opened_on = date_from_ymd(2024, 1, 10);
    inv.status = "open";
    struct investigation_close_input ci = {"no_remarks", "Inga brister.", "2024-01-09"};
    assert_int_equal(investigation_close_validate(&ci, &inv, &arena, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "closed_on"));
    err_clear(&err);
    ci.closed_on = "2024-01-10";
    assert_int_equal(investigation_close_validate(&ci, &inv, &arena, &err), 0);
    assert_string_equal(inv.status, "closed");
    assert_int_equal(investigation_close_validate(&ci, &inv, &arena, &err), INSYN_ECONFLICT);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_delegation_order_at_its_edges, setup, teardown),
        cmocka_unit_test_setup_teardown(a_penalty_needs_an_amount_above_zero, setup, teardown),
        cmocka_unit_test_setup_teardown(termination_needs_an_end_and_a_cause, setup, teardown),
        cmocka_unit_test_setup_teardown(required_fields_and_personnummer, setup, teardown),
        cmocka_unit_test_setup_teardown(money_in_kronor, setup, teardown),
        cmocka_unit_test_setup_teardown(an_investigation_and_its_plan, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
