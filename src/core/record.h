/* record.h — the record (protokoll) of a follow-up, and its rules.
 *
 * Seed 003 ("Dokumentation"): when and where the follow-up happened, who attended, what was
 * followed up and what the provider answered. What was followed up is a checklist of the
 * agreement's requirements and value-adds, each marked with an outcome. Seed 002: the
 * improvement areas found in one follow-up (lines partly or not fulfilled, agreed actions)
 * are checked in the next one. A record is signed by the one who made it and never changes
 * after that; a correction is a new version. No I/O: facts from the store come in through
 * struct record_context. */
#ifndef INSYN_RECORD_H
#define INSYN_RECORD_H

#include "core/arena.h"
#include "core/codes.h"
#include "core/err.h"

extern const struct code_label record_places[];   /* on_site digital phone written */
extern const struct code_label check_outcomes[];  /* fulfilled partly not_fulfilled not_checked */
extern const struct code_label review_outcomes[]; /* fixed not_fixed not_checked */
extern const struct code_label record_statuses[]; /* draft signed */

#define RECORD_MAX_ACTIONS 50
#define RECORD_MAX_ATTENDEES 30
#define RECORD_MAX_TEXT 10000

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
    const char *held_on, *place, *location;
    const char *attendees_municipality, *attendees_provider; /* one person a line */
    const char *provider_answers, *findings, *correction_reason;
    struct record_check_input *checks;
    int n_checks;
    struct record_action_input *actions;
    int n_actions;
    struct record_review_input *reviews;
    int n_reviews;
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
    const long long *prev_action_ids; /* agreed actions of the previous signed record */
    int n_prev_actions;
    int is_correction; /* a new version of a signed record: a reason is required */
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
    int held_on;
    char *place, *location;
    char **attendees_municipality, **attendees_provider;
    int n_attendees_municipality, n_attendees_provider;
    char *provider_answers, *findings, *correction_reason;
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
 * names: held_on, place, location, attendees_municipality, attendees_provider,
 * provider_answers, findings, correction_reason, checklist.<item id>.outcome|comment,
 * actions.<n>.text|deadline|responsible (n from 1), reviews.<action id>.outcome|comment. */
int record_validate(const struct record_input *in, const struct record_context *ctx,
                    struct record *out, struct arena *a, struct insyn_err *err);
/* May the user `actor_id` sign r now? Only a draft, only its author, only when confirmed. */
int record_may_sign(const struct record *r, long long actor_id, int confirmed,
                    struct insyn_err *err);
/* A draft may change; a signed record never does. */
int record_may_change(const struct record *r, struct insyn_err *err);
/* An outcome that makes the line an improvement area for the next follow-up. */
int check_is_improvement(const char *outcome);

#endif
