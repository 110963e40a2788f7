/* test_organisation.c — validation of organisations and units; personnummer in free text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/domain.h"
#include "core/pnr.h"

#include <string.h>

static void
accepts_and_normalises_an_organisation(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct organisation_input in = {.name = "  Björkhagens behandlingshem AB ",
                                    .org_nr = "5566778899",
                                    .kind = "private",
                                    .legal_form = "ab",
                                    .contact_email = "kontakt@example.org",
                                    .contact_phone = "+46 8-123 45"};
    struct organisation o = {0};
    struct insyn_err err = {0};
    assert_int_equal(organisation_validate(&in, &o, &a, 0, &err), 0);
    assert_string_equal(o.name, "Björkhagens behandlingshem AB");
    assert_string_equal(o.org_nr, "556677-8899");
    arena_free(&a);
}

static void
names_each_problem_of_an_organisation(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct organisation_input in = {.name = "",
                                    .org_nr = "556677-8898",
                                    .kind = "company",
                                    .legal_form = "llc",
                                    .contact_email = "inte-en-adress",
                                    .contact_phone = "ring mig"};
    struct organisation o = {0};
    struct insyn_err err = {.arena = &a};
    assert_int_equal(organisation_validate(&in, &o, &a, 4, &err), INSYN_EINVAL);
    assert_string_equal(err_for_field(&err, "name"), "Namn måste anges.");
    assert_non_null(strstr(err_for_field(&err, "org_nr"), "kontrollsiffra"));
    assert_non_null(err_for_field(&err, "kind"));
    assert_non_null(err_for_field(&err, "legal_form"));
    assert_non_null(err_for_field(&err, "contact_email"));
    assert_non_null(err_for_field(&err, "contact_phone"));
    for (int i = 0; i < err.nfields; i++)
        assert_int_equal(err_field_at(&err, i)->row, 4);
    arena_free(&a);
}

static void
validates_units(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct unit_input in = {.organisation_id = "3",
                            .name = "HVB Björkhagen",
                            .service_area = "hvb_adults",
                            .capacity = "12",
                            .ivo_permit_status = "granted",
                            .ivo_permit_date = "2019-05-01"};
    struct unit u = {0};
    struct insyn_err err = {.arena = &a};
    assert_int_equal(unit_validate(&in, &u, &a, 0, &err), 0);
    assert_int_equal(u.capacity, 12);
    char buf[11];
    date_format(u.ivo_permit_date, buf);
    assert_string_equal(buf, "2019-05-01");

    struct unit_input bad = {.organisation_id = "x",
                             .name = "",
                             .service_area = "moon",
                             .capacity = "-1",
                             .ivo_permit_status = "maybe",
                             .ivo_permit_date = "1 maj"};
    err_clear(&err);
    assert_int_equal(unit_validate(&bad, &u, &a, 0, &err), INSYN_EINVAL);
    const char *fields[] = {"organisation_id",   "name",           "service_area", "capacity",
                            "ivo_permit_status", "ivo_permit_date"};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        assert_non_null(err_for_field(&err, fields[i]));
    arena_free(&a);
}

static void
finds_personnummer_but_not_organisation_numbers(void **state)
{
    (void)state;
    assert_true(text_contains_personnummer("Gäller 811218-9876 som bor här"));
    assert_true(text_contains_personnummer("19811218-9876"));
    assert_true(text_contains_personnummer("8112189876"));
    assert_true(text_contains_personnummer("198112189876"));
    assert_false(text_contains_personnummer("556677-8899")); /* month 66: an organisation */
    assert_false(text_contains_personnummer("811218-9875")); /* wrong check digit */
    assert_false(text_contains_personnummer("Avtal SN 2015/0291, 60–70 besökare per dag"));
    assert_false(text_contains_personnummer(NULL));
}

static void
refuses_personnummer_in_a_name(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct organisation_input in = {
        .name = "Enskild firma 811218-9876", .org_nr = "5566778899", .kind = "private"};
    struct organisation o = {0};
    struct insyn_err err = {0};
    assert_int_equal(organisation_validate(&in, &o, &a, 0, &err), INSYN_EINVAL);
    assert_non_null(strstr(err_for_field(&err, "name"), "personnummer"));
    arena_free(&a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accepts_and_normalises_an_organisation),
        cmocka_unit_test(names_each_problem_of_an_organisation),
        cmocka_unit_test(validates_units),
        cmocka_unit_test(finds_personnummer_but_not_organisation_numbers),
        cmocka_unit_test(refuses_personnummer_in_a_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
