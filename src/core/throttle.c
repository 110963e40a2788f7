/* throttle.c — the login throttle's rules; see throttle.h and docs/security.md. */
#include "core/throttle.h"

const struct throttle_rule throttle_rules[THROTTLE_KINDS] = {
    /* a shared office address carries many people's typing errors, so it gets the most */
    [THROTTLE_ADDRESS] = {"address", 20, 15 * 60},
    [THROTTLE_ACCOUNT_ADDRESS] = {"account_address", 5, 15 * 60},
    /* from anywhere: the wait stays short, so that attackers elsewhere cannot keep the owner
     * out for long, yet it holds an account below 100 failures an hour (ASVS 2.2.1) */
    [THROTTLE_ACCOUNT] = {"account", 10, 60},
    [THROTTLE_BROWSER] = {"browser", 5, 15 * 60},
};

int
throttle_wait(const struct throttle_rule *rule, int failures)
{
    if (failures < rule->threshold)
        return 0;
    int steps = failures - rule->threshold;
    if (steps >= 30) /* 2^30 s is far beyond any longest wait; stops the shift overflowing */
        return rule->max_wait;
    long long wait = 1LL << steps;
    return wait < rule->max_wait ? (int)wait : rule->max_wait;
}
