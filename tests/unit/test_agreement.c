/* test_agreement.c — every validation rule for agreements, and the overview's outlook. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/domain.h"

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

static struct agreement_input
valid_input(void)
{
    return (struct agreement_input){
        .case_ref = "SN 2015/0291",
        .title = "Stödinsatser för barn, ungdomar och familjer",
        .form = "lou",
        .service_area = "outpatient_family",
        .organisation_id = "7",
        .start = "2016-01-01",
        .end = "2019-12-31",
        .extensions_left = "0",
        .value_adds = "Metodutveckling och kompetens\n\n  Samarbete och kontinuitet  \n",
        .requirements = "Genomförandeplan",
        .status = "active",
    };
}

static const struct agreement_context private_org = {.organisation_found = 1,
                                                     .organisation_kind = "private"};

static int
validate(const struct agreement_input *in, const struct agreement_context *ctx,
         struct agreement *out, struct insyn_err *err)
{
    *err = (struct insyn_err){.arena = &arena};
    memset(out, 0, sizeof *out);
    return agreement_validate(in, ctx, out, &arena, 0, err);
}

static void
accepts_a_valid_agreement_and_normalises_lists(void **state)
{
    (void)state;
    struct agreement_input in = valid_input();
    struct agreement g;
    struct insyn_err err;
    assert_int_equal(validate(&in, &private_org, &g, &err), 0);
    assert_int_equal(g.n_value_adds, 2);
    assert_string_equal(g.value_adds[1], "Samarbete och kontinuitet");
    assert_int_equal(g.organisation_id, 7);
    char buf[11];
    date_format(g.latest_end, buf);
    assert_string_equal(buf, "2019-12-31"); /* no extensions: latest end is the end */
}

static void
refuses_end_before_start(void **state)
{
    (void)state;
    struct agreement_input in = valid_input();
    in.end = "2015-12-31";
    struct agreement g;
    struct insyn_err err;
    assert_int_equal(validate(&in, &private_org, &g, &err), INSYN_EINVAL);
    assert_string_equal(err_for_field(&err, "end"), "Slutdatum kan inte vara före startdatum.");
}

static void
refuses_latest_end_before_end(void **state)
{
    (void)state;
    struct agreement_input in = valid_input();
    in.extensions_left = "1";
    in.extension_months = "12";
    in.latest_end = "2019-06-30";
    struct agreement g;
    struct insyn_err err;
    assert_int_equal(validate(&in, &private_org, &g, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "latest_end"));
    assert_non_null(strstr(err_for_field(&err, "latest_end"), "före slutdatum"));
}

static void
computes_latest_end_from_extensions(void **state)
{
    (void)state;
    struct agreement_input in = valid_input();
    in.extensions_left = "2";
    in.extension_months = "12";
    struct agreement g;
    struct insyn_err err;
    assert_int_equal(validate(&in, &private_org, &g, &err), 0);
    char buf[11];
    date_format(g.latest_end, buf);
    assert_string_equal(buf, "2021-12-31");
}

static void
requires_extension_length_when_extensions_remain(void **state)
{
    (void)state;
    struct agreement_input in = valid_input();
    in.extensions_left = "1";
    struct agreement g;
    struct insyn_err err;
    assert_int_equal(validate(&in, &private_org, &g, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "extension_months"));
}

static void
refuses_latest_end_past_end_without_extensions(void **state)
{
    (void)state;
    struct agreement_input in = valid_input();
    in.latest_end = "2021-12-31";
    struct agreement g;
    struct insyn_err err;
    assert_int_equal(validate(&in, &private_org, &g, &err), INSYN_EINVAL);
    assert_non_null(strstr(err_for_field(&err, "latest_end"), "inga förlängningar"));
}

static void
in_house_only_with_in_house_organisation(void **state)
{
    (void)state;
    struct agreement_input in = valid_input();
    in.form = "in_house";
    struct agreement g;
    struct insyn_err err;
    assert_int_equal(validate(&in, &private_org, &g, &err), INSYN_EINVAL);
    assert_non_null(strstr(err_for_field(&err, "organisation_id"), "Egen regi"));
    struct agreement_context own = {.organisation_found = 1, .organisation_kind = "in_house"};
    assert_int_equal(validate(&in, &own, &g, &err), 0);
}

static void
iop_only_with_non_profit(void **state)
{
    (void)state;
    struct agreement_input in = valid_input();
    in.form = "iop";
    struct agreement g;
    struct insyn_err err;
    assert_int_equal(validate(&in, &private_org, &g, &err), INSYN_EINVAL);
    assert_non_null(strstr(err_for_field(&err, "organisation_id"), "idéburen"));
    struct agreement_context mission = {.organisation_found = 1, .organisation_kind = "non_profit"};
    assert_int_equal(validate(&in, &mission, &g, &err), 0);
}

static void
names_every_missing_required_field(void **state)
{
    (void)state;
    struct agreement_input in = {0};
    struct agreement_context none = {0};
    struct agreement g;
    struct insyn_err err;
    assert_int_equal(validate(&in, &none, &g, &err), INSYN_EINVAL);
    const char *required[] = {"case_ref",        "title", "form", "service_area",
                              "organisation_id", "start", "end"};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        assert_non_null(err_for_field(&err, required[i]));
}

static void
refuses_unknown_codes_bad_dates_and_personnummer(void **state)
{
    (void)state;
    struct agreement_input in = valid_input();
    in.form = "tender";
    in.service_area = "space";
    in.start = "2016-02-30";
    in.requirements = "Klienten 19811218-9876 ska ha plats";
    in.status = "terminated";
    struct agreement g;
    struct insyn_err err;
    assert_int_equal(validate(&in, &private_org, &g, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "form"));
    assert_non_null(err_for_field(&err, "service_area"));
    assert_non_null(strstr(err_for_field(&err, "start"), "ÅÅÅÅ-MM-DD"));
    assert_non_null(strstr(err_for_field(&err, "requirements"), "personnummer"));
    assert_non_null(err_for_field(&err, "termination_reason"));
}

static void
outlook_says_whether_an_extension_is_possible(void **state)
{
    (void)state;
    struct agreement g = {0};
    date_parse("2027-03-31", &g.end);
    date_parse("2028-03-31", &g.latest_end);
    g.extensions_left = 1;
    g.extension_months = 12;
    int today;
    date_parse("2026-11-25", &today);
    struct agreement_outlook o;
    agreement_outlook(&g, today, &o);
    assert_true(o.can_extend);
    assert_int_equal(o.days_left, 126);
    char buf[11];
    date_format(o.next_end, buf);
    assert_string_equal(buf, "2028-03-31");

    /* extension longer than what is left is capped at the latest end */
    g.extension_months = 24;
    agreement_outlook(&g, today, &o);
    date_format(o.next_end, buf);
    assert_string_equal(buf, "2028-03-31");

    /* seed 002: extended once, no further extension past 2019-12-31 */
    struct agreement family = {0};
    date_parse("2019-12-31", &family.end);
    family.latest_end = family.end;
    family.extension_months = 24;
    date_parse("2019-06-01", &today);
    agreement_outlook(&family, today, &o);
    assert_false(o.can_extend);
    assert_int_equal(o.days_left, 213);
}

static void
extending_uses_one_extension(void **state)
{
    (void)state;
    struct agreement g = {.status = "active", .extensions_left = 2, .extension_months = 12};
    date_parse("2026-03-31", &g.end);
    date_parse("2028-03-31", &g.latest_end);
    struct insyn_err err = {0};
    assert_int_equal(agreement_extend(&g, &err), 0);
    char buf[11];
    date_format(g.end, buf);
    assert_string_equal(buf, "2027-03-31");
    assert_int_equal(g.extensions_left, 1);
    assert_int_equal(agreement_extend(&g, &err), 0);
    date_format(g.end, buf);
    assert_string_equal(buf, "2028-03-31");
    assert_int_equal(agreement_extend(&g, &err), INSYN_EINVAL);
    assert_non_null(strstr(err.message, "inga förlängningar"));
    date_format(g.end, buf);
    assert_string_equal(buf, "2028-03-31"); /* unchanged when refused */
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(accepts_a_valid_agreement_and_normalises_lists, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(refuses_end_before_start, setup, teardown),
        cmocka_unit_test_setup_teardown(refuses_latest_end_before_end, setup, teardown),
        cmocka_unit_test_setup_teardown(computes_latest_end_from_extensions, setup, teardown),
        cmocka_unit_test_setup_teardown(requires_extension_length_when_extensions_remain, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(refuses_latest_end_past_end_without_extensions, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(in_house_only_with_in_house_organisation, setup, teardown),
        cmocka_unit_test_setup_teardown(iop_only_with_non_profit, setup, teardown),
        cmocka_unit_test_setup_teardown(names_every_missing_required_field, setup, teardown),
        cmocka_unit_test_setup_teardown(refuses_unknown_codes_bad_dates_and_personnummer, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(outlook_says_whether_an_extension_is_possible, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(extending_uses_one_extension, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
