/* test_err.c — error values: field errors beyond the inline ones, incidents, cut messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/text.h"

#include <stdio.h>
#include <string.h>

static void
keeps_every_field_error_in_the_arena(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    for (int i = 1; i <= 300; i++)
        err_field(&err, i, "name", "Rad %d saknar namn.", i);
    assert_int_equal(err.code, INSYN_EINVAL);
    assert_int_equal(err.nfields, 300);
    assert_int_equal(err.truncated, 0);
    assert_int_equal(err_field_at(&err, 0)->row, 1);
    assert_string_equal(err_field_at(&err, 299)->message, "Rad 300 saknar namn.");
    arena_free(&a);
}

static void
without_an_arena_counts_what_it_cannot_keep(void **state)
{
    (void)state;
    struct insyn_err err = {0};
    for (int i = 0; i < 10; i++)
        err_field(&err, 0, "f", "fel %d", i);
    assert_int_equal(err.nfields, INSYN_ERR_INLINE);
    assert_int_equal(err.truncated, 10 - INSYN_ERR_INLINE);
    assert_string_equal(err_for_field(&err, "f"), "fel 0");
    assert_true(sizeof err < 2048); /* small enough to live on any stack */
}

static char logged[1024];
static void
capture(int priority, const char *line)
{
    (void)priority;
    snprintf(logged, sizeof logged, "%s", line);
}

static void
an_incident_is_logged_and_the_user_sees_only_its_number(void **state)
{
    (void)state;
    log_set_sink(capture);
    struct insyn_err err = {0};
    assert_int_equal(err_incident(&err, "sqlite step: disk I/O error\nsecond line"), INSYN_ESYS);
    log_set_sink(NULL);
    assert_int_equal(err.code, INSYN_ESYS);
    assert_non_null(strstr(err.message, err.incident));
    assert_null(strstr(err.message, "sqlite"));
    assert_non_null(strstr(logged, err.incident));
    assert_non_null(strstr(logged, "disk I/O error second line")); /* one record a line */
    struct insyn_err other = {0};
    err_incident(&other, "x");
    assert_string_not_equal(other.incident, err.incident);
}

static void
a_long_message_is_cut_between_characters(void **state)
{
    (void)state;
    char text[600];
    memset(text, 0, sizeof text);
    for (int i = 0; i < 290; i++)
        memcpy(text + 2 * i, "ö", 2);          /* two bytes each */
    memmove(text + 1, text, strlen(text) + 1); /* odd offset: a cut would split one */
    text[0] = 'x';
    struct insyn_err err = {0};
    err_set(&err, INSYN_EINVAL, "%s", text);
    err_field(&err, 0, "name", "%s", text);
    assert_true(text_is_clean_utf8(err.message));
    assert_true(text_is_clean_utf8(err_field_at(&err, 0)->message));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keeps_every_field_error_in_the_arena),
        cmocka_unit_test(without_an_arena_counts_what_it_cannot_keep),
        cmocka_unit_test(an_incident_is_logged_and_the_user_sees_only_its_number),
        cmocka_unit_test(a_long_message_is_cut_between_characters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
