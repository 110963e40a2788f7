/* test_permission.c — the role table: denied unless granted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/permission.h"

#include <string.h>

static void
every_role_has_a_code_that_parses_back(void **state)
{
    (void)state;
    for (int r = 0; r < ROLE__COUNT; r++) {
        assert_int_equal(role_parse(role_code((enum role)r)), r);
        assert_true(strlen(role_label((enum role)r)) > 0);
    }
    assert_int_equal(role_parse("superuser"), ROLE_NONE);
    assert_int_equal(role_parse(NULL), ROLE_NONE);
}

static void
nobody_is_granted_anything_without_a_role(void **state)
{
    (void)state;
    for (int p = PERM_LOGGED_IN; p < PERM__COUNT; p++)
        assert_false(role_may(ROLE_NONE, (enum perm)p));
    assert_true(role_may(ROLE_NONE, PERM_PUBLIC));
    assert_false(role_may(ROLE__COUNT, PERM_ORG_READ));
    assert_false(role_may(ROLE_ADMIN, PERM__COUNT));
}

static void
only_strategists_deputies_and_admins_write(void **state)
{
    (void)state;
    for (int r = 0; r < ROLE__COUNT; r++) {
        int writer = r == ROLE_ADMIN || r == ROLE_STRATEGIST || r == ROLE_DEPUTY_DIRECTOR;
        assert_int_equal(role_may((enum role)r, PERM_ORG_WRITE), writer);
        assert_int_equal(role_may((enum role)r, PERM_AGREEMENT_WRITE), writer);
    }
}

static void
provider_users_read_but_never_see_the_overview_or_history(void **state)
{
    (void)state;
    assert_true(role_may(ROLE_PROVIDER_USER, PERM_ORG_READ));
    assert_true(role_may(ROLE_PROVIDER_USER, PERM_AGREEMENT_READ));
    assert_false(role_may(ROLE_PROVIDER_USER, PERM_DASHBOARD));
    assert_false(role_may(ROLE_PROVIDER_USER, PERM_AUDIT_READ));
    assert_false(role_may(ROLE_PROVIDER_USER, PERM_ORG_WRITE));
    assert_false(role_is_internal(ROLE_PROVIDER_USER));
    assert_true(role_is_internal(ROLE_READER));
}

static void
every_internal_role_sees_the_overview(void **state)
{
    (void)state;
    for (int r = 0; r < ROLE__COUNT; r++)
        assert_int_equal(role_may((enum role)r, PERM_DASHBOARD), r != ROLE_PROVIDER_USER);
}

static void
only_administrators_see_the_audit_anchor(void **state)
{
    (void)state;
    for (int r = 0; r < ROLE__COUNT; r++)
        assert_int_equal(role_may((enum role)r, PERM_AUDIT_ANCHOR), r == ROLE_ADMIN);
    assert_string_equal(perm_code(PERM_AUDIT_ANCHOR), "audit.anchor");
}

static void
history_is_for_those_who_answer_for_it(void **state)
{
    (void)state;
    const enum role readers[] = {ROLE_ADMIN,    ROLE_STRATEGIST, ROLE_DEPUTY_DIRECTOR,
                                 ROLE_DIRECTOR, ROLE_LAWYER,     ROLE_CONTROLLER};
    for (int r = 0; r < ROLE__COUNT; r++) {
        int expected = 0;
        for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++)
            expected |= readers[i] == (enum role)r;
        assert_int_equal(role_may((enum role)r, PERM_AUDIT_READ), expected);
    }
}

static void
follow_ups_are_recorded_by_those_the_routines_name(void **state)
{
    (void)state;
    const enum role recorders[] = {
        ROLE_ADMIN,           ROLE_STRATEGIST, ROLE_SENIOR_CASE_WORKER, ROLE_SECTION_MANAGER,
        ROLE_DEPUTY_DIRECTOR, ROLE_LAWYER,     ROLE_CONTROLLER};
    for (int r = 0; r < ROLE__COUNT; r++) {
        int expected = 0;
        for (size_t i = 0; i < sizeof recorders / sizeof recorders[0]; i++)
            expected |= recorders[i] == (enum role)r;
        assert_int_equal(role_may((enum role)r, PERM_FOLLOWUP_WRITE), expected);
    }
}

static void
routines_and_substitutes_are_managed_by_the_directors(void **state)
{
    (void)state;
    for (int r = 0; r < ROLE__COUNT; r++) {
        int expected = r == ROLE_ADMIN || r == ROLE_DEPUTY_DIRECTOR || r == ROLE_DIRECTOR;
        assert_int_equal(role_may((enum role)r, PERM_ROUTINE_WRITE), expected);
        assert_int_equal(role_may((enum role)r, PERM_PEOPLE_WRITE), expected);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_role_has_a_code_that_parses_back),
        cmocka_unit_test(nobody_is_granted_anything_without_a_role),
        cmocka_unit_test(only_strategists_deputies_and_admins_write),
        cmocka_unit_test(provider_users_read_but_never_see_the_overview_or_history),
        cmocka_unit_test(every_internal_role_sees_the_overview),
        cmocka_unit_test(only_administrators_see_the_audit_anchor),
        cmocka_unit_test(history_is_for_those_who_answer_for_it),
        cmocka_unit_test(follow_ups_are_recorded_by_those_the_routines_name),
        cmocka_unit_test(routines_and_substitutes_are_managed_by_the_directors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
