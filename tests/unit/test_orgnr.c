/* test_orgnr.c — organisation numbers: format, check digit, personnummer refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/orgnr.h"

#include <string.h>

static int
normalize(const char *in, char out[12], struct insyn_err *err)
{
    *err = (struct insyn_err){0};
    return orgnr_normalize(in, out, 0, "org_nr", err);
}

static void
accepts_with_and_without_dash(void **state)
{
    (void)state;
    struct insyn_err err;
    char out[12];
    assert_int_equal(normalize("556677-8899", out, &err), 0);
    assert_string_equal(out, "556677-8899");
    assert_int_equal(normalize("5566778899", out, &err), 0);
    assert_string_equal(out, "556677-8899");
    assert_int_equal(normalize("  212000-0514 ", out, &err), 0); /* a municipality */
    assert_string_equal(out, "212000-0514");
}

static void
refuses_wrong_check_digit(void **state)
{
    (void)state;
    struct insyn_err err;
    char out[12];
    assert_int_equal(normalize("556677-8898", out, &err), INSYN_EINVAL);
    assert_string_equal(err_field_at(&err, 0)->field, "org_nr");
    assert_non_null(strstr(err_field_at(&err, 0)->message, "kontrollsiffra"));
}

static void
refuses_bad_shape(void **state)
{
    (void)state;
    struct insyn_err err;
    char out[12];
    const char *bad[] = {"55667-78899", "556677-889",  "55667788991",
                         "abcdef-ghij", "556677 8899", "5566-778899"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(normalize(bad[i], out, &err), INSYN_EINVAL);
        assert_non_null(strstr(err_field_at(&err, 0)->message, "NNNNNN-NNNN"));
    }
    assert_int_equal(normalize("", out, &err), INSYN_EINVAL);
    assert_non_null(strstr(err_field_at(&err, 0)->message, "måste anges"));
}

static void
refuses_personnummer(void **state)
{
    (void)state;
    struct insyn_err err;
    char out[12];
    /* a personnummer shape: third digit 1, valid check digit */
    assert_int_equal(normalize("811218-9876", out, &err), INSYN_EINVAL);
    assert_non_null(strstr(err_field_at(&err, 0)->message, "personnummer"));
}

static void
check_digit_makes_valid_numbers(void **state)
{
    (void)state;
    assert_int_equal(luhn_check_digit("556677889"), 9);
    char ten[11] = "556677889";
    ten[9] = (char)('0' + luhn_check_digit(ten));
    ten[10] = '\0';
    assert_true(luhn_valid(ten, 10));
    ten[9] = (char)('0' + (ten[9] - '0' + 1) % 10);
    assert_false(luhn_valid(ten, 10));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accepts_with_and_without_dash),
        cmocka_unit_test(refuses_wrong_check_digit),
        cmocka_unit_test(refuses_bad_shape),
        cmocka_unit_test(refuses_personnummer),
        cmocka_unit_test(check_digit_makes_valid_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
