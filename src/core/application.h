/* application.h — a provider's application to join a customer-choice system (LOV), from
 * receipt through the committee's decision to the introduction programme, and its rules.
 *
 * Seed 003 ("Handläggning av ny ansökan kundval hemtjänst (LOV)"): supplements are asked
 * for within 14 days of receipt and are due 14 days after the request; processing should be
 * quick and preferably done within four weeks of the application becoming complete. The
 * steps are first review, supplements, credit and tax checks, the information meeting (the
 * operations manager attends), the quality management system, CVs and other attachments,
 * references (at least two about the management and two about the operations manager), the
 * assessment with the deputy director, the MBL basis, the memo and the committee's
 * decision, which the committee secretary announces. A decision gains legal force three
 * weeks after it was announced; the agreement meeting is held within 14 days of the
 * decision, but not before the decision has gained legal force. The numbers are settings
 * (struct application_rules). No I/O: facts from the store come in from the caller. */
#ifndef INSYN_APPLICATION_H
#define INSYN_APPLICATION_H

#include "core/arena.h"
#include "core/codes.h"
#include "core/domain.h"
#include "core/err.h"

#define APPLICATION_MAX_TEXT 10000
#define APPLICATION_MIN_REFERENCES 2 /* about the management, and about the operations manager */
/* A credit or tax check counts for an application when made at most this long before it was
 * received (or after). */
#define APPLICATION_CHECK_MAX_AGE_DAYS 90

/* The administration's numbers (settings), in calendar days. */
struct application_rules {
    int supplement_request_days; /* receipt → latest request for supplements (14) */
    int supplement_days;         /* request → the applicant's deadline (14) */
    int processing_days;         /* complete → decision, preferably (28) */
    int legal_force_days;        /* announced → legal force (21) */
    int agreement_meeting_days;  /* decision → agreement meeting (14) */
    int onboarding_days;         /* signing → the introduction meetings (30) */
};
extern const struct application_rules application_default_rules;

extern const struct code_label application_statuses[];
extern const struct code_label application_steps[];
extern const struct code_label application_outcomes[];   /* approve reject */
extern const struct code_label reference_subjects[];     /* management operations_manager */
extern const struct code_label application_note_kinds[]; /* journal and the service notes */

struct application_input {
    const char *org_nr, *name, *organisation_id; /* the applicant: by org_nr (and name) or id */
    const char *service_area, *personal_care, *received, *attachments, *operations_manager;
    const char *responsible_id;
};
extern const struct input_field application_input_fields[];

struct application {
    long long id, organisation_id, responsible_id; /* responsible 0 when none */
    char *service_area;
    int personal_care; /* home care within personal care (omvårdnad), not only service */
    int received;
    char *attachments; /* one a line, as the request for applications lists them */
    char *operations_manager;
    /* the steps */
    int first_review_on;
    char *first_review_notes;
    int supplement_requested_on, supplement_due, supplements_received_on;
    char *supplement_request;
    int complete_on;
    char *check_exception; /* why the credit or tax check need not pass; "" when none */
    int info_meeting_on, manager_present;
    char *info_meeting_attendees, *info_meeting_notes;
    int qms_checked_on, qms_approved;
    char *qms_notes;
    int attachments_checked_on;
    char *attachments_notes;
    int assessed_on;
    long long assessed_with; /* the deputy director */
    char *recommendation;    /* approve | reject | "" */
    char *assessment_notes;
    int mbl_on;
    char *mbl_notes;
    int memo_on;
    char *memo_notes;
    /* the committee's decision */
    int decided_on;
    char *decision_paragraph, *outcome, *decision_reason; /* outcome "" until decided */
    int announced_on;
    long long announced_by;
    /* withdrawn by the applicant before the decision; DATE_NONE when not */
    int withdrawn_on;
    char *withdrawal_note;
    /* the agreement, once signed */
    int signed_on;
    long long agreement_id;
    int version; /* raised by every change: a form based on an older one is refused */
    char *created_by_name, *created_at, *updated_at;
    /* filled by reads */
    char *organisation_name, *org_nr, *responsible_name, *assessed_with_name;
    char *announced_by_name, *agreement_case_ref;
    int onboarding_open, onboarding_total; /* the introduction programme's items */
};

/* Checks a new application whole. The applicant is named by org_nr (normalised into
 * *org_nr_out, with its name required when the organisation is new: org_known 0) or by
 * organisation_id; received may not lie after today. */
int application_validate(const struct application_input *in, int today, int org_known,
                         struct application *out, char **org_nr_out, char **name_out,
                         struct arena *a, struct insyn_err *err);

/* One step's fields. Absent (NULL) fields keep the application's values; "" clears them. */
struct application_step_input {
    const char *step;
    const char *version; /* the version the form was based on; absent: not checked */
    const char *done_on, *notes;
    const char *requested_on, *request, *due, *received_on, *complete_on; /* supplements */
    const char *exception;                                                /* checks */
    const char *attendees, *manager_present;                              /* info_meeting */
    const char *approved;                                                 /* qms */
    const char *recommendation, *with_id;                                 /* assessment */
};
extern const struct input_field application_step_input_fields[];

/* Applies one step's input to x (which the caller has read), with Swedish field errors:
 * dates not before receipt and not after today, supplements due by default the request's day
 * plus the rule, the operations manager at the information meeting, a recommendation and the
 * deputy director at the assessment (with_role is the role of the user with_id names,
 * ROLE_NONE when none). Refused once the committee has decided. */
int application_step_apply(struct application *x, const struct application_step_input *in,
                           int with_role, const struct application_rules *r, int today,
                           struct arena *a, struct insyn_err *err);

/* ---- references ---- */
struct reference_input {
    const char *about, *referee, *asked_on, *asked_by, *statement;
};
extern const struct input_field reference_input_fields[];
struct application_reference {
    long long id, application_id;
    char *about, *referee, *asked_by, *statement;
    int asked_on;
    char *created_by_name, *created_at;
};
int reference_validate(const struct reference_input *in, const struct application *x, int today,
                       struct application_reference *out, struct arena *a, struct insyn_err *err);

/* ---- journal and service notes ---- */
struct note_input {
    const char *kind, *noted_on, *text;
};
extern const struct input_field note_input_fields[];
struct application_note {
    long long id, application_id;
    char *kind, *text;
    int noted_on;
    char *author_name, *created_at;
};
int note_validate(const struct note_input *in, const struct application *x, int today,
                  struct application_note *out, struct arena *a, struct insyn_err *err);

/* ---- the decision ---- */
/* What an approval rests on, read by the caller. */
struct application_facts {
    int refs_management, refs_manager;
    int credit_passed, tax_passed; /* the newest check that counts: 1 passed, 0 failed, -1 none */
};
struct decision_input {
    const char *outcome, *decided_on, *paragraph, *reason;
};
extern const struct input_field decision_input_fields[];
/* The guards of seed 003 and the issue, each a field error in Swedish: the application is
 * complete; an approval has 2 + 2 references, passing credit and tax checks or a documented
 * exception, and an approved quality management system; a rejection has a reason. Fills x's
 * decision. INSYN_ECONFLICT when it is decided already. */
int application_decide(struct application *x, const struct decision_input *in,
                       const struct application_facts *f, int today, struct arena *a,
                       struct insyn_err *err);
/* The committee secretary announces the decision to the applicant on `on`. */
int application_announce(struct application *x, const char *on, int today, struct arena *a,
                         struct insyn_err *err);

/* The applicant withdraws its application before the committee has decided: a day not before
 * receipt nor after today, and a note (how it was withdrawn). Nothing more is done with it:
 * its steps, references and decision are refused from then on, its deadlines gone.
 * INSYN_ECONFLICT when it is decided or withdrawn already. */
int application_withdraw(struct application *x, const char *on, const char *note, int today,
                         struct arena *a, struct insyn_err *err);
/* Whether nothing more is decided in the case: decided or withdrawn. */
int application_closed(const struct application *x);

/* ---- the clocks ---- */
struct application_clock {
    int supplement_request_due; /* receipt + rule; DATE_NONE once requested or complete */
    int supplement_due;         /* the applicant's; DATE_NONE unless requested, not received */
    int decision_due;           /* complete + rule; DATE_NONE until complete or once decided */
    int legal_force_on;         /* announced + rule; DATE_NONE until announced */
    int agreement_meeting_due;  /* decision + rule, not before legal force; approvals only */
    int next_due;               /* the soonest of the case's own three deadlines, or DATE_NONE */
    int days_open;              /* receipt → decision (or withdrawal), or today */
    int days_to_complete;       /* receipt → complete, or the decision, or today */
    int days_processing;        /* complete → decision, or today; -1 until complete */
    int days_in_step;           /* since the current status began */
    int step_started;
};
void application_clock(const struct application *x, const struct application_rules *r, int today,
                       struct application_clock *out);
/* The status code (application_statuses) the facts give. */
const char *application_status(const struct application *x);

/* ---- the introduction programme (seed 003) ---- */
struct onboarding_template {
    const char *code, *title;
    int personal_care_only; /* "gäller hemtjänstutförare inom omvårdnad" */
};
/* The programme for a service area: nursing homes have their own, every other area home
 * care's. Ends with a {NULL} row. */
const struct onboarding_template *onboarding_programme(const char *service_area);

struct onboarding_item {
    long long id, application_id, responsible_id;
    int position;
    char *code, *title;
    int personal_care_only;
    int due, planned_on, done_on;
    char *notes;
    char *responsible_name; /* filled by reads */
};
/* The programme's items for an approved application (the personal-care ones only when it
 * provides personal care), each due as application_onboarding_due says. */
int onboarding_items_make(const struct application *x, const struct application_rules *r,
                          long long responsible_id, struct arena *a, struct onboarding_item **out);
/* An item's due date from the application's state: the agreement meeting as the clock says,
 * the signing 14 days after it, the other meetings the rule's days after signing (or after
 * the signing's due day while unsigned). */
int onboarding_due(const struct onboarding_item *it, const struct application *x,
                   const struct application_rules *r);

struct onboarding_input {
    const char *responsible_id, *planned_on, *done_on, *notes;
};
extern const struct input_field onboarding_input_fields[];
/* An item's change: the agreement meeting (and for nursing homes the signing, the first
 * meeting) may not be booked or held before the decision has gained legal force. */
int onboarding_apply(struct onboarding_item *it, const struct onboarding_input *in,
                     const struct application *x, const struct application_rules *r, int today,
                     struct arena *a, struct insyn_err *err);

struct sign_input {
    const char *signed_on, *case_ref, *start, *end;
};
extern const struct input_field sign_input_fields[];
/* Signing: approved, legal force reached, a date not after today and not before legal force. */
int application_sign_check(const struct application *x, const struct sign_input *in,
                           const struct application_rules *r, int today, int *signed_on,
                           struct arena *a, struct insyn_err *err);

#endif
