/* record.h — the record (protokoll) of a follow-up, and its rules.
 *
 * Seed 003 ("Dokumentation"): when and where the follow-up happened, who attended, what was
 * followed up and what the provider answered. What was followed up is a checklist of the
 * agreement's requirements and value-adds, each marked with an outcome, or topics written
 * out when the subject is not a checklist line. Seed 002: an overall assessment
 * (helhetsbedömning), and improvement areas: lines partly or not fulfilled are checked at the
 * next follow-up of the same activity, and an agreed action is reviewed at every later
 * follow-up of that activity until one finds it fixed. A draft may be incomplete; a record is
 * signed only when complete, by the one who made it, and never changes after that; a
 * correction is a new version. A joint follow-up (seed 003's provider meeting, held once
 * with every provider of a routine) is recorded once and names the providers who attended.
 * No I/O: facts from the store come in through struct record_context. */
#ifndef INSYN_RECORD_H
#define INSYN_RECORD_H

#include "core/arena.h"
#include "core/codes.h"
#include "core/err.h"

extern const struct code_label record_places[];   /* on_site digital phone written */
extern const struct code_label check_outcomes[];  /* fulfilled partly not_fulfilled not_checked */
extern const struct code_label review_outcomes[]; /* fixed partly not_fixed not_checked */
/* continuous event_driven planned_overview planned_in_depth (GLOSSARY: follow-up and control) */
extern const struct code_label record_types[];
extern const struct code_label record_statuses[]; /* draft signed */

#define RECORD_MAX_ACTIONS 50
#define RECORD_MAX_ATTENDEES 30
#define RECORD_MAX_TEXT 10000
#define RECORD_MAX_CASE_REF 40

struct record_check_input {
    const char *item_id, *outcome, *comment;
};
struct record_action_input {
    const char *text, *deadline, *responsible;
};
struct record_review_input {
    const char *action_id, *outcome, *comment;
};

/* What a user typed; every scalar a string, NULL when absent. */
struct record_input {
    const char *type, *case_ref, *held_on, *place, *location;
    const char *attendees_municipality, *attendees_provider; /* one person a line */
    const char *topics, *provider_answers, *findings, *overall_assessment, *correction_reason;
    const char *organisations; /* a joint follow-up's attending providers: ids, one a line */
    struct record_check_input *checks;
    int n_checks;
    struct record_action_input *actions;
    int n_actions;
    struct record_review_input *reviews;
    int n_reviews;
};

/* A provider that may attend a joint follow-up, or did. */
struct record_provider {
    long long id;
    char *name;
};

/* One line of the checklist: an agreement item (requirement or value-add). */
struct record_item {
    long long id;
    const char *kind; /* requirement | value_add */
    const char *text;
};

struct record_context {
    int today;
    const struct record_item *items; /* the agreement's requirements and value-adds */
    int n_items;
    const char *default_type;         /* the type when none is given (record_type_default) */
    const long long *prev_action_ids; /* open agreed actions of earlier records of the activity */
    int n_prev_actions;
    int is_correction; /* a new version of a signed record: a reason is required */
    int joint;         /* a joint follow-up: providers (the routine's) may be named as attending */
    const struct record_provider *providers;
    int n_providers;
};

struct record_check {
    long long item_id;
    char *kind, *text, *outcome, *comment;
};
struct record_action {
    long long id;
    char *text, *responsible;
    int deadline;
};
struct record_review {
    long long action_id;
    char *outcome, *comment;
};
struct record_attachment {
    long long id;
    char *name, *content_type, *sha256, *created_at;
    long long size;
};

struct record {
    long long id, follow_up_id, previous_id; /* previous_id 0 for the first version */
    int version;
    char *status; /* draft | signed */
    char *type, *case_ref;
    int held_on;
    char *place, *location;
    char **attendees_municipality, **attendees_provider;
    int n_attendees_municipality, n_attendees_provider;
    char *topics, *provider_answers, *findings, *overall_assessment, *correction_reason;
    int joint; /* set by whoever loads it: the record of a joint follow-up */
    struct record_provider *organisations; /* a joint follow-up's attending providers, by name */
    int n_organisations;
    struct record_check *checks; /* one per agreement item, in the context's order */
    int n_checks;
    struct record_action *actions;
    int n_actions;
    struct record_review *reviews;
    int n_reviews;
    struct record_attachment *attachments;
    int n_attachments;
    long long created_by, signed_by; /* user ids; signed_by 0 while a draft */
    char *created_by_name, *signed_by_name, *created_at, *updated_at, *signed_at;
};

/* Checks the whole input, one field error per problem, and fills out (strings in a). The
 * checklist gets one line per item of the context: lines not given are "not_checked". Field
 * names: type, case_ref, held_on, place, location, attendees_municipality, attendees_provider,
 * topics, provider_answers, findings, overall_assessment, correction_reason, organisations,
 * checklist.<item id>.outcome|comment,
 * actions.<n>.text|deadline|responsible (n from 1), reviews.<action id>.outcome|comment. */
int record_validate(const struct record_input *in, const struct record_context *ctx,
                    struct record *out, struct arena *a, struct insyn_err *err);
/* Does r say what a signed record must say (seed 003 "Dokumentation")? One field error per
 * missing part: location (a visit on site says where), topics (what was followed up: at least
 * one checklist line assessed, or topics written), provider_answers, overall_assessment, and
 * for a joint follow-up organisations (at least one provider attended). */
int record_complete(const struct record *r, struct insyn_err *err);
/* May the user `actor_id` sign r now? Only a draft, only when complete (record_complete)
 * and confirmed — the missing parts and the confirmation are reported together — and only
 * by its author. */
int record_may_sign(const struct record *r, long long actor_id, int confirmed,
                    struct insyn_err *err);
/* A draft may change; a signed record never does. */
int record_may_change(const struct record *r, struct insyn_err *err);
/* The type of a record of a follow-up whose routine activity has this frequency: an activity
 * done as needed is done because something happened (event_driven); one on a schedule is
 * the routine's continuous follow-up. A planned overview or in-depth follow-up is the
 * control plan's choice, which no routine records, so the user chooses it. */
const char *record_type_default(const char *frequency);
/* A review outcome that closes an agreed action; any other keeps it open. */
int review_closes_action(const char *outcome);
/* An outcome that makes the line an improvement area for the next follow-up. */
int check_is_improvement(const char *outcome);

#endif
