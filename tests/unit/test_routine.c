/* test_routine.c — a routine's header as routine_validate checks it: a name, the agreement
 * forms and service areas it applies to, and who answers for it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/routine.h"

#include <string.h>

/* Routine 1 of seed 003, as its form sends it. */
static struct routine_input
lov_home_care(void)
{
    return (struct routine_input){
        .name = "  Kundval hemtjänst (LOV) ",
        .forms = "lov\nin_house",
        .service_areas = "home_care",
        .main_role = "deputy_director",
        .substitute_role = "director",
    };
}

/* Validates in and returns the error of field, or NULL when it has none. */
static const char *
field_error(const struct routine_input *in, const char *field, struct insyn_err *err,
            struct arena *a)
{
    struct routine out;
    memset(err, 0, sizeof *err);
    int rc = routine_validate(in, &out, a, err);
    assert_int_equal(rc, err->nfields ? INSYN_EINVAL : 0);
    return err_for_field(err, field);
}

static void
a_valid_routine_is_normalised(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct routine_input in = lov_home_care();
    in.forms = "in_house, lov lov";
    in.service_areas = "nursing_home\r\nhome_care";
    struct routine out;
    struct insyn_err err = {0};
    assert_int_equal(routine_validate(&in, &out, &a, &err), 0);
    assert_int_equal(err.nfields, 0);
    assert_string_equal(out.name, "Kundval hemtjänst (LOV)");
    /* in the tables' order, each once */
    assert_string_equal(out.forms, "lov in_house");
    assert_string_equal(out.service_areas, "home_care nursing_home");
    assert_string_equal(out.main_role, "deputy_director");
    assert_string_equal(out.substitute_role, "director");
    arena_free(&a);
}

static void
the_substitute_may_be_left_out(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct routine_input in = lov_home_care();
    in.substitute_role = NULL;
    struct routine out;
    struct insyn_err err = {0};
    assert_int_equal(routine_validate(&in, &out, &a, &err), 0);
    assert_string_equal(out.substitute_role, "");
    in.substitute_role = " ";
    assert_int_equal(routine_validate(&in, &out, &a, &err), 0);
    assert_string_equal(out.substitute_role, "");
    arena_free(&a);
}

static void
a_name_is_required(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err;
    struct routine_input in = lov_home_care();
    in.name = "   ";
    assert_string_equal(field_error(&in, "name", &err, &a), "Namn måste anges.");
    assert_int_equal(err.nfields, 1);
    in.name = NULL;
    assert_string_equal(field_error(&in, "name", &err, &a), "Namn måste anges.");
    char long_name[260];
    memset(long_name, 'x', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    in.name = long_name;
    assert_non_null(field_error(&in, "name", &err, &a));
    arena_free(&a);
}

static void
at_least_one_form_and_one_service_area(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err;
    struct routine_input in = lov_home_care();
    in.forms = "";
    in.service_areas = NULL;
    assert_string_equal(field_error(&in, "forms", &err, &a),
                        "Välj minst en avtalsform som rutinen gäller.");
    assert_string_equal(err_for_field(&err, "service_areas"),
                        "Välj minst ett verksamhetsområde som rutinen gäller.");
    assert_int_equal(err.nfields, 2);
    arena_free(&a);
}

static void
unknown_codes_are_refused(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err;
    struct routine_input in = lov_home_care();
    in.forms = "lov\nbarter";
    in.service_areas = "home_care space_travel";
    assert_string_equal(field_error(&in, "forms", &err, &a), "Okänd avtalsform.");
    assert_string_equal(err_for_field(&err, "service_areas"), "Okänt verksamhetsområde.");
    arena_free(&a);
}

static void
roles_are_the_administrations_and_differ(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err;
    struct routine_input in = lov_home_care();
    in.substitute_role = "deputy_director";
    assert_string_equal(field_error(&in, "substitute_role", &err, &a),
                        "Ersättaren ska vara en annan roll än huvudansvarig.");
    assert_int_equal(err.nfields, 1);
    in.main_role = "";
    in.substitute_role = "provider_user";
    assert_string_equal(field_error(&in, "main_role", &err, &a), "Huvudansvarig måste väljas.");
    assert_string_equal(err_for_field(&err, "substitute_role"),
                        "Ersättaren ska vara en av förvaltningens roller.");
    in.main_role = "provider_user";
    in.substitute_role = "director";
    assert_string_equal(field_error(&in, "main_role", &err, &a),
                        "Huvudansvarig ska vara en av förvaltningens roller.");
    in.main_role = "king";
    assert_string_equal(field_error(&in, "main_role", &err, &a),
                        "Huvudansvarig ska vara en av förvaltningens roller.");
    arena_free(&a);
}

static void
every_problem_is_reported_at_once(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct routine_input in = {.main_role = "director", .substitute_role = "director"};
    struct routine out;
    struct insyn_err err = {0};
    assert_int_equal(routine_validate(&in, &out, &a, &err), INSYN_EINVAL);
    assert_int_equal(err.nfields, 4);
    assert_non_null(err_for_field(&err, "name"));
    assert_non_null(err_for_field(&err, "forms"));
    assert_non_null(err_for_field(&err, "service_areas"));
    assert_non_null(err_for_field(&err, "substitute_role"));
    arena_free(&a);
}

static void
the_input_fields_name_the_form(void **state)
{
    (void)state;
    const char *want[] = {"name", "forms", "service_areas", "main_role", "substitute_role"};
    int n = 0;
    for (const struct input_field *f = routine_input_fields; f->name; f++, n++)
        assert_string_equal(f->name, want[n]);
    assert_int_equal(n, 5);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_valid_routine_is_normalised),
        cmocka_unit_test(the_substitute_may_be_left_out),
        cmocka_unit_test(a_name_is_required),
        cmocka_unit_test(at_least_one_form_and_one_service_area),
        cmocka_unit_test(unknown_codes_are_refused),
        cmocka_unit_test(roles_are_the_administrations_and_differ),
        cmocka_unit_test(every_problem_is_reported_at_once),
        cmocka_unit_test(the_input_fields_name_the_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
