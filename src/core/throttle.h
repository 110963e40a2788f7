/* throttle.h — how long a failed login makes the next attempt wait.
 *
 * Failed logins are counted in four ways (the kinds below); each count has a threshold and a
 * longest wait. Below the threshold a failure costs nothing; the failure that reaches it
 * makes the next attempt that the count covers wait one second, and every further failure
 * doubles the wait up to the longest. A count is forgotten once a whole window has passed
 * after its last failure and the wait that failure set. The numbers, and why they are what
 * they are, are in docs/security.md. */
#ifndef INSYN_THROTTLE_H
#define INSYN_THROTTLE_H

enum throttle_kind {
    THROTTLE_ADDRESS,         /* every failure from one client address */
    THROTTLE_ACCOUNT_ADDRESS, /* failures for one account from one client address */
    THROTTLE_ACCOUNT,         /* failures for one account from anywhere */
    THROTTLE_BROWSER,         /* failures in a browser known to the account */
    THROTTLE_KINDS
};

struct throttle_rule {
    const char *name; /* as stored with each count */
    int threshold;    /* the failure that sets the first wait */
    int max_wait;     /* seconds */
};

extern const struct throttle_rule throttle_rules[THROTTLE_KINDS];

/* Seconds to wait after the `failures`-th failure under rule: 0 below the threshold, then
 * 1, 2, 4 … up to the rule's longest wait. */
int throttle_wait(const struct throttle_rule *rule, int failures);

#endif
