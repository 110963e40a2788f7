/* volume.h — volume and outcome data of the planned follow-up: placements at treatment homes
 * and assignments of outpatient care (seeds 002 and 004).
 *
 * A placement is a client placed at a unit under an agreement by a case worker; the sample of
 * the year's control plan counts placements by their start date. An assignment is one piece
 * of outpatient work (family treatment, advice and support) with the hours it took and whether
 * its goals were met. Clients appear only as pseudonyms: anything that looks like a
 * personnummer is refused. No I/O: resolving names and ids against the store is the app's. */
#ifndef INSYN_VOLUME_H
#define INSYN_VOLUME_H

#include "core/arena.h"
#include "core/domain.h"
#include "core/err.h"

#define VOLUME_CLIENT_MAX 100   /* bytes of a client pseudonym */
#define VOLUME_HOURS_MAX 100000 /* hours of one assignment */

struct placement_input {
    const char *org_nr, *organisation_id, *unit_id, *agreement_id;
    const char *client, *case_worker, *start, *end, *end_reason;
};
extern const struct input_field placement_input_fields[];

struct placement {
    long long id, organisation_id, unit_id, agreement_id;
    char *client, *case_worker;
    int start, end; /* end DATE_NONE while the placement goes on */
    char *end_reason;
    char *created_at;
    /* filled by validation (an org_nr given) or by reads */
    char *org_nr;
    /* filled by reads */
    char *organisation_name, *unit_name, *case_ref;
};

/* Checks a placement whole: the organisation by org_nr or id (resolving it is the caller's),
 * the unit and the agreement by id, the client pseudonym, the case worker's e-mail address
 * (kept in lower case), the start, and the end with its reason (placement_end_reasons): both
 * or neither, the end not before the start. No date may lie after today. */
int placement_validate(const struct placement_input *in, int today, struct placement *out,
                       struct arena *a, int row, struct insyn_err *err);

struct assignment_input {
    const char *agreement_id, *client, *kind, *age_group, *received, *closed, *hours, *goal_outcome,
        *reason;
};
extern const struct input_field assignment_input_fields[];

struct assignment {
    long long id, agreement_id;
    char *client, *kind, *age_group;
    int received, closed; /* closed DATE_NONE while ongoing */
    long long minutes;    /* the hours spent, in minutes */
    char *goal_outcome;   /* met | partly | not_met | "" */
    char *reason;         /* why a goal was not (fully) met */
    char *created_at;
    /* filled by reads */
    char *case_ref;
};

/* Checks an assignment whole: the agreement by id, the client pseudonym, the kind
 * (assignment_kinds) and age group (age_groups), received and closed (not before received, not
 * after today), the hours as a decimal number, the goal outcome (goal_outcomes) only once
 * closed, and a reason required when the goals were not met. */
int assignment_validate(const struct assignment_input *in, int today, struct assignment *out,
                        struct arena *a, int row, struct insyn_err *err);

/* Hours written "12", "12,5" or "12.5" (at most two decimals) as whole minutes, rounded to the
 * nearest; empty is 0. Returns 0, or -1 when s is not such a number or above max_hours. */
int volume_parse_hours(const char *s, long long max_hours, long long *minutes);
/* Minutes as hours for people: "12", "12,5", "12,25". */
char *volume_hours_text(struct arena *a, long long minutes);
/* Whether s looks like an e-mail address: one '@' with text before it and a domain with a dot
 * after it, no spaces or control characters. */
int volume_email_valid(const char *s);

#endif
