/* investigation.h — event-driven (and in-depth) follow-ups and sanctions, and their rules.
 *
 * Seed 003 ("Om utförare inte följer gällande avtal"): when a provider does not follow its
 * agreement an in-depth follow-up may be decided; it is planned by focus area, each with a
 * responsible person, with a communication plan, and ends with an outcome. A warning or a
 * rescission is decided "i särskild ordning utifrån delegationsordningen": the table
 * sanction_deciders below says which roles may decide which sanction. Termination and
 * rescission end the agreement on a given day, for a cause (termination_causes). No I/O:
 * the store's facts (does the user exist, what role has it) come in from the caller. */
#ifndef INSYN_INVESTIGATION_H
#define INSYN_INVESTIGATION_H

#include "core/arena.h"
#include "core/codes.h"
#include "core/domain.h"
#include "core/err.h"
#include "core/permission.h"

#define INVESTIGATION_MAX_TEXT 10000
#define INVESTIGATION_MAX_AREA 500
#define INVESTIGATION_MAX_SIGNALS 100
#define SANCTION_MAX_AMOUNT 100000000000LL /* öre: a billion kronor */

/* ---- investigations ---- */
struct investigation_input {
    const char *organisation_id, *agreement_id, *kind, *opened_on, *reason;
    const char *communication_plan, *responsible_id;
    const char *signal_ids; /* one id a line */
};
extern const struct input_field investigation_input_fields[];

struct investigation_area {
    long long id, investigation_id, responsible_id;
    int position;
    char *area;
    int due;
    char *status; /* open | done */
    char *findings;
    char *responsible_name; /* filled by reads */
};

struct investigation_meeting {
    long long id, investigation_id;
    int held_on;
    char *attendees; /* one person a line */
    char *findings, *created_by_name, *created_at;
};

struct investigation {
    long long id, organisation_id, agreement_id, responsible_id; /* 0: none */
    char *kind;
    int opened_on;
    char *reason, *communication_plan;
    char *status; /* open | closed */
    char *outcome, *outcome_summary;
    int closed_on;
    char *created_by_name, *created_at, *updated_at;
    /* filled by reads */
    char *organisation_name, *organisation_org_nr, *agreement_case_ref, *agreement_title;
    char *responsible_name;
    long long *signal_ids;
    int n_signals;
};

struct investigation_area_input {
    const char *area, *responsible_id, *due;
    const char *status, *findings; /* optional: open (the default) or done, and what was found */
};
extern const struct code_label investigation_area_statuses[]; /* open done */
extern const struct input_field investigation_area_input_fields[];

struct investigation_meeting_input {
    const char *held_on, *attendees, *findings;
};
extern const struct input_field investigation_meeting_input_fields[];

struct investigation_close_input {
    const char *outcome, *summary, *closed_on;
};
extern const struct input_field investigation_close_input_fields[];

/* Checks an investigation's input whole; out gets the normalised values (status open). */
int investigation_validate(const struct investigation_input *in, struct investigation *out,
                           struct arena *a, struct insyn_err *err);
/* A focus area; row is 0 unless the area is one of several (the API's areas[]), when its
 * errors name the field "areas[row-1].area" etc. */
int investigation_area_validate(const struct investigation_area_input *in,
                                struct investigation_area *out, struct arena *a, int row,
                                struct insyn_err *err);
int investigation_meeting_validate(const struct investigation_meeting_input *in,
                                   struct investigation_meeting *out, struct arena *a,
                                   struct insyn_err *err);
/* Closing: an outcome, a summary and a day not before the investigation was opened. Fills
 * inv's outcome, outcome_summary, closed_on and status. */
int investigation_close_validate(const struct investigation_close_input *in,
                                 struct investigation *inv, struct arena *a, struct insyn_err *err);

/* ---- sanctions ---- */
struct sanction_input {
    const char *kind, *decided_on, *decided_by, *reason, *amount, *ends_on, *cause;
    const char *investigation_id;
};
extern const struct input_field sanction_input_fields[];

struct sanction {
    long long id, agreement_id, organisation_id, investigation_id; /* 0: none */
    char *kind;
    int decided_on;
    long long decided_by;
    char *decided_by_name, *decided_by_role;
    char *reason;
    long long amount; /* öre; -1 when none */
    int ends_on;      /* DATE_NONE unless termination or rescission */
    char *cause;      /* termination_causes, "" unless termination or rescission */
    char *created_by_name, *created_at;
};

/* The delegation order: which roles may decide which kind of sanction. */
struct sanction_deciders {
    const char *kind;
    enum role roles[4]; /* ends with ROLE_NONE */
    const char *who;    /* the roles in Swedish, for messages: "biträdande socialdirektör ..." */
};
extern const struct sanction_deciders sanction_deciders[];

/* Whether a user of role r may decide a sanction of this kind; never for an unknown kind. */
int sanction_may_decide(enum role r, const char *kind);
/* Whether r may decide some sanction (is a decision-maker at all). */
int sanction_is_decider(enum role r);
/* The Swedish names of those who may decide kind, or NULL for an unknown kind. */
const char *sanction_deciders_text(const char *kind);
/* Whether a sanction of this kind ends the agreement (termination, rescission). */
int sanction_ends_agreement(const char *kind);
/* "1 500,50" kronor (space or no space between thousands, comma or point before öre, at most
 * two decimals) into öre; returns 0 or -1. */
int money_parse_kronor(const char *s, long long *ore);

/* Checks the input whole, apart from the decision-maker's role (see sanction_check_decider):
 * decided_by must be a positive id. amount is required and above zero for a penalty,
 * allowed for a price reduction, refused for other kinds; ends_on and cause are required for
 * termination and rescission and refused for the others. */
int sanction_validate(const struct sanction_input *in, struct sanction *out, struct arena *a,
                      struct insyn_err *err);
/* The decision-maker's role against the delegation order: a field error on decided_by that
 * says who may decide when r may not. user_found 0: no such user. */
int sanction_check_decider(const struct sanction *s, int user_found, enum role r,
                           struct insyn_err *err);

#endif
