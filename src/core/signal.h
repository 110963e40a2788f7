/* signal.h — signals about providers and the rule that makes an organisation a candidate for
 * event-driven follow-up.
 *
 * Seed 004: case workers, coordinators, the media, the public, IVO and the credit watch tell
 * the administration that something may be wrong at a provider. Each such signal is reviewed
 * in the coordinators' meeting. "Händelsestyrd uppföljning kan bli aktuell vid upprepade
 * avtalsavvikelse eller tecken på kvalitetsbrister hos samma utförare, eller vid enstaka
 * brister av allvarlig karaktär": one serious signal, or repeated signals about one
 * organisation (3 within 12 months by default; both numbers are settings), make the
 * organisation a candidate. No I/O. */
#ifndef INSYN_SIGNAL_H
#define INSYN_SIGNAL_H

#include "core/arena.h"
#include "core/err.h"
#include "core/domain.h"

struct signal_input {
    const char *org_nr, *organisation_id, *unit_id, *agreement_id;
    const char *date, *source, *category, *serious, *description;
};
extern const struct input_field signal_input_fields[];

struct signal {
    long long id, organisation_id, unit_id, agreement_id; /* unit, agreement 0 when none */
    long long meeting_id, check_id;                       /* 0 when none */
    long long reported_by;                                /* 0 for the system */
    int occurred_on;
    char *source, *category, *description;
    int serious;
    char *status, *outcome, *outcome_comment;
    char *reported_by_name, *created_at, *reviewed_at;
    /* filled by reads */
    char *organisation_name, *org_nr, *unit_name, *case_ref;
    int meeting_held_on;
};

/* Checks an input whole. The organisation is named by org_nr (the API) or organisation_id
 * (the form); resolving either is the caller's, so only their form is checked here.
 * `serious` is "1"/"true"/"on" or "0"/"false"/""; the date may not lie after today. */
int signal_validate(const struct signal_input *in, int today, struct signal *out, struct arena *a,
                    int row, struct insyn_err *err);

/* One outcome of the coordinators' meeting for one signal. */
struct signal_review {
    long long signal_id;
    const char *outcome, *comment;
};
/* Checks the outcome (signal_outcomes) and the comment; field names carry the signal id
 * ("outcome_12") so that a form with many signals shows each problem at its line. */
int signal_review_validate(struct signal_review *r, struct arena *a, struct insyn_err *err);

/* ---- the candidate rule ---- */
#define SIGNAL_REPEAT_COUNT 3   /* signals ... */
#define SIGNAL_REPEAT_MONTHS 12 /* ... within this many months */

struct candidate_rule {
    int repeat_count, window_months;
};
/* What the rule needs of one signal. */
struct signal_fact {
    long long id;
    int occurred_on, serious;
    const char *outcome; /* "" while not reviewed */
};
/* Whether one organisation's signals make it a candidate on `today`: a serious signal, or at
 * least repeat_count signals, that occurred in the window (after today minus window_months,
 * up to today). A signal the coordinators found needed no action (outcome no_action) does not
 * count. counts[i] is set to 1 for each signal that put the organisation there, 0 for the
 * others; *serious says whether a serious signal did. Returns 1 for a candidate, else 0. */
int signal_candidate(const struct signal_fact *facts, int n, int today,
                     const struct candidate_rule *rule, int *counts, int *serious);

#endif
