/* test_throttle.c — the login throttle's waits: nothing below the threshold, then doubling up
 * to the longest wait, and the limit of 100 failures an hour on one account (ASVS 2.2.1). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/throttle.h"

static void
waits_nothing_below_the_threshold(void **state)
{
    (void)state;
    const struct throttle_rule *r = &throttle_rules[THROTTLE_ADDRESS];
    for (int n = 0; n < r->threshold; n++)
        assert_int_equal(throttle_wait(r, n), 0);
}

static void
doubles_from_one_second_up_to_the_longest(void **state)
{
    (void)state;
    const struct throttle_rule r = {"test", 5, 60};
    const int expected[] = {1, 2, 4, 8, 16, 32, 60, 60};
    for (int i = 0; i < 8; i++)
        assert_int_equal(throttle_wait(&r, 5 + i), expected[i]);
    assert_int_equal(throttle_wait(&r, 1000000), 60); /* no overflow however many */
}

static void
rules_are_as_documented(void **state)
{
    (void)state;
    assert_int_equal(throttle_rules[THROTTLE_ADDRESS].threshold, 20);
    assert_int_equal(throttle_rules[THROTTLE_ADDRESS].max_wait, 900);
    assert_int_equal(throttle_rules[THROTTLE_ACCOUNT_ADDRESS].threshold, 5);
    assert_int_equal(throttle_rules[THROTTLE_ACCOUNT_ADDRESS].max_wait, 900);
    assert_int_equal(throttle_rules[THROTTLE_ACCOUNT].threshold, 10);
    assert_int_equal(throttle_rules[THROTTLE_ACCOUNT].max_wait, 60);
    assert_int_equal(throttle_rules[THROTTLE_BROWSER].threshold, 5);
    assert_int_equal(throttle_rules[THROTTLE_BROWSER].max_wait, 900);
}

/* The most failures an attacker gets on one account in any hour from browsers the account
 * does not know, with as many addresses as it likes: every failure counts on the account, and
 * one tried while the account waits is refused uncounted. The attacker tries the moment each
 * wait ends, or after some failures goes quiet until it is forgotten (a window of 15 minutes
 * after the last wait) to start over below the threshold. */
static void
holds_an_account_below_100_failures_an_hour(void **state)
{
    (void)state;
    const struct throttle_rule *r = &throttle_rules[THROTTLE_ACCOUNT];
    const long window = 15 * 60, hour = 3600, span = 5 * hour;
    static long at[5 * 3600 + 200]; /* at most one failure a second once past the threshold */
    int most = 0;
    for (int burst = r->threshold; burst <= 200; burst++) {
        int n = 0, count = 0;
        for (long t = 0; t < span;) {
            at[n++] = t;
            t += throttle_wait(r, ++count);
            if (count == burst) {
                t += window;
                count = 0;
            }
        }
        for (int first = 0, last = 0; last < n; last++) {
            while (at[last] - at[first] > hour)
                first++;
            if (last - first + 1 > most)
                most = last - first + 1;
        }
    }
    assert_true(most < 100);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(waits_nothing_below_the_threshold),
        cmocka_unit_test(doubles_from_one_second_up_to_the_longest),
        cmocka_unit_test(rules_are_as_documented),
        cmocka_unit_test(holds_an_account_below_100_failures_an_hour),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
