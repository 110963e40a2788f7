/* test_check.c — external controls: each kind's validation, the credit thresholds at their
 * edges (Creditsafe 39 fails and 40 passes, UC 2 fails and 3 passes, an agreement's own
 * threshold overrides the default), values outside a bureau's range, the tax rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/check.h"
#include "core/date.h"

#include <string.h>

static int
d(const char *s)
{
    int v;
    assert_int_equal(date_parse(s, &v), 0);
    return v;
}

static const struct credit_thresholds defaults = {CHECK_DEFAULT_CREDITSAFE, CHECK_DEFAULT_UC};

/* Validates a credit check and evaluates it against t; returns passed, or -2 when invalid. */
static int
credit(const char *bureau, const char *value, const struct credit_thresholds *t,
       const char **value_error)
{
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct check_input in = {.org_nr = "556677-8899",
                             .kind = "credit",
                             .bureau = bureau,
                             .checked_on = "2026-05-04",
                             .value = value};
    struct external_check c;
    int rc = check_validate(&in, d("2026-12-01"), NULL, &c, &a, 0, &err);
    int passed = -2;
    static char msg[256];
    if (value_error)
        *value_error = NULL;
    if (rc == 0)
        passed = check_evaluate(&c, t);
    else if (value_error && err_for_field(&err, "value")) {
        strncpy(msg, err_for_field(&err, "value"), sizeof msg - 1);
        *value_error = msg;
    }
    arena_free(&a);
    return passed;
}

static void
creditsafe_39_fails_and_40_passes(void **state)
{
    (void)state;
    assert_int_equal(credit("creditsafe", "39", &defaults, NULL), 0);
    assert_int_equal(credit("creditsafe", "40", &defaults, NULL), 1);
    assert_int_equal(credit("creditsafe", "0", &defaults, NULL), 0);
    assert_int_equal(credit("creditsafe", "100", &defaults, NULL), 1);
}

static void
uc_2_fails_and_3_passes(void **state)
{
    (void)state;
    assert_int_equal(credit("uc", "2", &defaults, NULL), 0);
    assert_int_equal(credit("uc", "3", &defaults, NULL), 1);
    assert_int_equal(credit("uc", "1", &defaults, NULL), 0);
    assert_int_equal(credit("uc", "5", &defaults, NULL), 1);
}

static void
an_agreements_threshold_overrides_the_default(void **state)
{
    (void)state;
    struct credit_thresholds strict = {50, 4};
    assert_int_equal(credit("creditsafe", "45", &defaults, NULL), 1);
    assert_int_equal(credit("creditsafe", "45", &strict, NULL), 0);
    assert_int_equal(credit("creditsafe", "50", &strict, NULL), 1);
    assert_int_equal(credit("uc", "3", &strict, NULL), 0);
    assert_int_equal(credit("uc", "4", &strict, NULL), 1);
}

static void
values_outside_the_bureaus_range_are_errors(void **state)
{
    (void)state;
    const char *msg;
    assert_int_equal(credit("creditsafe", "101", &defaults, &msg), -2);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "0 till 100"));
    assert_int_equal(credit("creditsafe", "-1", &defaults, &msg), -2);
    assert_non_null(msg);
    assert_int_equal(credit("uc", "0", &defaults, &msg), -2);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "1 till 5"));
    assert_int_equal(credit("uc", "6", &defaults, &msg), -2);
    assert_non_null(msg);
    assert_int_equal(credit("uc", "", &defaults, &msg), -2);
    assert_non_null(msg);
    assert_int_equal(credit("uc", "3.5", &defaults, &msg), -2);
    assert_non_null(msg);
}

static void
a_failed_credit_check_says_why(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct external_check c = {.kind = "credit", .bureau = "creditsafe", .value = 38};
    check_evaluate(&c, &defaults);
    assert_string_equal(check_failure_text(&a, &c), "Creditsafe 38, under gränsen 40.");
    arena_free(&a);
}

static void
credit_check_needs_bureau_date_and_no_future(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct check_input in = {
        .org_nr = "556677-8899", .kind = "credit", .bureau = "dun", .checked_on = "2027-01-01"};
    struct external_check c;
    assert_int_equal(check_validate(&in, d("2026-12-01"), NULL, &c, &a, 0, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "bureau"));
    assert_non_null(err_for_field(&err, "checked_on"));
    assert_non_null(err_for_field(&err, "value"));
    arena_free(&a);
}

static void
tax_check_passes_only_when_all_is_in_order(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct check_input in = {.organisation_id = "4",
                             .kind = "tax",
                             .checked_on = "2026-03-01",
                             .f_tax = "ja",
                             .taxes_paid = "true",
                             .contributions_paid = "1",
                             .enforcement_debt = ""};
    struct external_check c;
    assert_int_equal(check_validate(&in, d("2026-12-01"), NULL, &c, &a, 0, &err), 0);
    assert_int_equal(c.enforcement_debt, 0);
    assert_int_equal(check_evaluate(&c, &defaults), 1);

    in.enforcement_debt = "12 500,50";
    in.contributions_paid = "nej";
    assert_int_equal(check_validate(&in, d("2026-12-01"), NULL, &c, &a, 0, &err), 0);
    assert_int_equal(c.enforcement_debt, 1250050);
    assert_int_equal(check_evaluate(&c, &defaults), 0);
    assert_string_equal(check_failure_text(&a, &c),
                        "Kontroll hos Skatteverket och Kronofogden: arbetsgivaravgifterna är "
                        "inte betalda och skulder hos Kronofogden på 12 500,50 kr.");

    in.f_tax = "";
    in.taxes_paid = "kanske";
    in.enforcement_debt = "mycket";
    assert_int_equal(check_validate(&in, d("2026-12-01"), NULL, &c, &a, 0, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "f_tax"));
    assert_non_null(err_for_field(&err, "taxes_paid"));
    assert_non_null(err_for_field(&err, "enforcement_debt"));
    arena_free(&a);
}

static void
ivo_record_refuses_personnummer_and_needs_unit_for_revoked_permit(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct check_input in = {.org_nr = "556677-8899",
                             .kind = "ivo",
                             .ivo_kind = "permit_revoked",
                             .decided_on = "2026-11-03",
                             .reference = "8.5-12345/2026",
                             .summary = "Gäller klienten 19121212-1212."};
    struct external_check c;
    assert_int_equal(check_validate(&in, d("2026-12-01"), "unit", &c, &a, 0, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "summary"));
    assert_non_null(err_for_field(&err, "unit"));

    struct insyn_err ok = {.arena = &a};
    in.unit_id = "7";
    in.summary = "IVO har återkallat tillståndet efter tillsyn.";
    assert_int_equal(check_validate(&in, d("2026-12-01"), NULL, &c, &a, 0, &ok), 0);
    assert_int_equal(c.unit_id, 7);
    assert_int_equal(c.checked_on, d("2026-11-03"));
    assert_int_equal(check_evaluate(&c, &defaults), -1);

    struct insyn_err other = {.arena = &a};
    in.unit_id = NULL;
    in.ivo_kind = "lex_sarah";
    assert_int_equal(check_validate(&in, d("2026-12-01"), NULL, &c, &a, 0, &other), 0);
    arena_free(&a);
}

static void
bankruptcy_needs_its_date(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct check_input in = {.org_nr = "556677-8899", .kind = "bankruptcy", .note = "Tingsrätten"};
    struct external_check c;
    assert_int_equal(check_validate(&in, d("2026-12-01"), NULL, &c, &a, 0, &err), INSYN_EINVAL);
    assert_non_null(err_for_field(&err, "date"));
    struct insyn_err ok = {.arena = &a};
    in.date = "2026-12-01";
    assert_int_equal(check_validate(&in, d("2026-12-01"), NULL, &c, &a, 0, &ok), 0);
    assert_string_equal(c.summary, "Tingsrätten");
    arena_free(&a);
}

static void
kronor_become_ore(void **state)
{
    (void)state;
    assert_int_equal(check_parse_kronor("0"), 0);
    assert_int_equal(check_parse_kronor("12345"), 1234500);
    assert_int_equal(check_parse_kronor("12 345 kr"), 1234500);
    assert_int_equal(check_parse_kronor("1,5"), 150);
    assert_int_equal(check_parse_kronor("-5"), -1);
    assert_int_equal(check_parse_kronor("1,555"), -1);
    assert_int_equal(check_parse_kronor(""), -1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(creditsafe_39_fails_and_40_passes),
        cmocka_unit_test(uc_2_fails_and_3_passes),
        cmocka_unit_test(an_agreements_threshold_overrides_the_default),
        cmocka_unit_test(values_outside_the_bureaus_range_are_errors),
        cmocka_unit_test(a_failed_credit_check_says_why),
        cmocka_unit_test(credit_check_needs_bureau_date_and_no_future),
        cmocka_unit_test(tax_check_passes_only_when_all_is_in_order),
        cmocka_unit_test(ivo_record_refuses_personnummer_and_needs_unit_for_revoked_permit),
        cmocka_unit_test(bankruptcy_needs_its_date),
        cmocka_unit_test(kronor_become_ore),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
