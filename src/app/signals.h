/* signals.h — use cases for signals, the coordinators' meetings, the candidate rule and the
 * settings it reads.
 *
 * Anyone of the administration may report a signal; who reported it is seen only by those who
 * review signals (PERM_REPORTER_READ) and by the reporter. A provider user sees its own
 * organisation's signals once the coordinators have reviewed them, never who reported them;
 * anything else is "not found". Each change is one transaction, audited in it. */
#ifndef INSYN_APP_SIGNALS_H
#define INSYN_APP_SIGNALS_H

#include "app/app.h"
#include "core/application.h"
#include "core/signal.h"

/* ---- settings ---- */
struct settings {
    int repeat_count, window_months;          /* the candidate rule */
    int credit_min_creditsafe, credit_min_uc; /* default credit thresholds */
    struct application_rules application;     /* a LOV application's clocks */
};
/* The settings, each the stored value or its default. */
int app_settings_get(struct store *st, struct settings *out);
struct settings_input {
    const char *repeat_count, *window_months, *credit_min_creditsafe, *credit_min_uc;
    const char *supplement_request_days, *supplement_days, *processing_days, *legal_force_days;
    const char *agreement_meeting_days, *onboarding_days;
};
extern const struct input_field settings_input_fields[];
/* Changes the given settings (absent ones are kept); audited as entity "settings". */
int app_settings_save(struct store *st, const struct actor *who, const struct settings_input *in,
                      struct arena *a, struct settings *out, struct insyn_err *err);
json_t *settings_json(const struct settings *s);

/* ---- signals ---- */
/* Reports a signal (PERM_SIGNAL_REPORT): the organisation by org_nr or id, a unit and an
 * agreement of that organisation. Nothing is stored when any field is wrong. */
int app_signal_report(struct store *st, const struct actor *who, const struct signal_input *in,
                      struct arena *a, struct signal *out, struct insyn_err *err);
/* Adds a signal inside the caller's transaction (a control that makes one by itself sets
 * sg->check_id); reported by `who`, or by the system when who has no user id. Audited. */
int app_signal_add_in(struct store *st, const struct actor *who, struct signal *sg,
                      struct insyn_err *err);
int app_signal_get(struct store *st, const struct actor *who, long long id, struct arena *a,
                   struct signal *out, struct insyn_err *err);
/* Signals the actor may see; a provider user's filter is narrowed to its own reviewed ones. */
int app_signal_list(struct store *st, const struct actor *who, struct signal_filter *f,
                    struct arena *a, struct signal **items, int *n, int *total,
                    struct insyn_err *err);
/* Whether the actor may see who reported the signal. */
int app_may_see_reporter(const struct actor *who, const struct signal *s);
/* A signal as JSON; the reporter only when show_reporter. */
json_t *signal_json(const struct signal *s, int show_reporter);

/* ---- the coordinators' meeting ---- */
struct meeting_input {
    const char *held_on, *attendees, *notes;
    struct signal_review *reviews;
    int n_reviews;
};
/* Records a meeting and the outcome of each signal it went through (PERM_SIGNAL_REVIEW).
 * A signal reviewed already (a stale form) is INSYN_ECONFLICT, and nothing is written. */
int app_meeting_record(struct store *st, const struct actor *who, const struct meeting_input *in,
                       struct arena *a, struct coordinator_meeting *out, struct insyn_err *err);
int app_meeting_get(struct store *st, const struct actor *who, long long id, struct arena *a,
                    struct coordinator_meeting *out, struct signal **signals, int *n,
                    struct insyn_err *err);
int app_meeting_list(struct store *st, const struct actor *who, int max, struct arena *a,
                     struct coordinator_meeting **items, int *n, struct insyn_err *err);
json_t *meeting_json(const struct coordinator_meeting *m);

/* ---- candidates for event-driven follow-up ---- */
struct candidate {
    long long organisation_id;
    const char *name, *org_nr;
    int serious;                     /* a serious signal put it there */
    int under_investigation;         /* an event-driven follow-up is open */
    int has_agreement;               /* an agreement with it is active */
    struct signal_fact_row *signals; /* the signals that put it there, newest first */
    int n_signals;
};
/* Organisations the rule makes candidates on `today` (by name): all, or (organisation_id not
 * 0) that one; for those with PERM_RISK_READ. */
int app_candidates(struct store *st, const struct actor *who, int today, long long organisation_id,
                   struct arena *a, struct candidate **out, int *n, struct insyn_err *err);
/* A candidate with its newest CANDIDATE_SIGNALS_SHOWN signals (signal_count says how many). */
#define CANDIDATE_SIGNALS_SHOWN 10
json_t *candidate_json(const struct candidate *c);

#endif
