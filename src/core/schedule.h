/* schedule.h — frequency rules of a follow-up routine and the dates they give.
 *
 * A routine row (seed 003's responsibility tables) says how often an activity is done:
 * quarterly during the first agreement year, half-yearly from the second year with one of
 * the two in writing, yearly, quarterly whatever the agreement's age, as needed, or as soon
 * as possible after an event with a target number of days. A rule is stored as text:
 *
 *   every:M                 every M months from the start, for the agreement's whole life
 *   every:M:FROM:UNTIL      from agreement month FROM up to and including month UNTIL
 *                           (0 for no limit), e.g. every:3:0:12 = quarterly the first year
 *   every:M:FROM:UNTIL:W    every W-th occurrence may be done in writing (seed 003:
 *                           "en av dessa kan göras i skriftlig form" is W = 2)
 *   after:EVENT:DAYS        once, DAYS after the event (agreement_signed, approval)
 *   as_needed               no schedule
 *
 * Occurrences fall on the agreement's start date plus whole months (the day clamped to the
 * month's end), never after the agreement's end. No I/O. */
#ifndef INSYN_SCHEDULE_H
#define INSYN_SCHEDULE_H

#include "core/arena.h"
#include "core/err.h"

enum freq_kind { FREQ_AS_NEEDED, FREQ_EVERY, FREQ_AFTER_EVENT };

struct freq_rule {
    enum freq_kind kind;
    int months;        /* FREQ_EVERY: the period */
    int from_month;    /* first period starts here (agreement months from the start) */
    int until_month;   /* last occurrence at or before this month; 0 = the whole life */
    int written_every; /* every n-th occurrence may be written; 0 = none */
    char event[32];    /* FREQ_AFTER_EVENT */
    int days;          /* FREQ_AFTER_EVENT: target days after the event */
};

struct occurrence {
    int due; /* a date (core/date.h) */
    int may_be_written;
};

/* Parses a rule; on failure adds a field error for `field` and returns INSYN_EINVAL. */
int freq_parse(const char *text, struct freq_rule *out, const char *field, struct insyn_err *err);
/* The rule as stored text, e.g. "every:6:12:0:2". */
void freq_format(const struct freq_rule *r, char *out, size_t size);
/* The rule in Swedish, e.g. "Halvårsvis från andra avtalsåret; varannan får vara skriftlig". */
void freq_describe(const struct freq_rule *r, char *out, size_t size);
/* The day an after:EVENT rule counts from: the approval ("approval") or the signing
 * ("agreement_signed") when the agreement has that date, else its start, and then *missing
 * names what was missing ("godkännande", "avtalstecknande"), else it is NULL. */
int freq_event_date(const struct freq_rule *r, int approved_on, int signed_on, int start,
                    const char **missing);
/* The occurrences of a rule over an agreement from start to end (both dates); for
 * FREQ_AFTER_EVENT the event is the start (see freq_event_date). Returns how many, in *out
 * (arena). */
int freq_occurrences(const struct freq_rule *r, int start, int end, struct arena *a,
                     struct occurrence **out);

#endif
