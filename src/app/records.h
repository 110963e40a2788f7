/* records.h — use cases for records (protokoll) of follow-ups.
 *
 * A user with follow_up.write records a follow-up task: a draft first, then signed by its
 * author, after which it never changes and the task is done. A correction is a new version
 * (both kept). Each use case is one transaction, audited in it under entity "follow_up" with
 * the follow-up's id, so that one history covers every version. A provider_user sees its own
 * organisation's follow-ups only once they have a signed record, and only the signed
 * versions; anything else is "not found". */
#ifndef INSYN_APP_RECORDS_H
#define INSYN_APP_RECORDS_H

#include "app/app.h"
#include "core/record.h"

/* The scalar fields of struct record_input by name (the form's and the JSON body's keys). */
extern const struct input_field record_input_fields[];

/* A follow-up with what the actor may see of its records. */
struct followup_view {
    struct followup_row task;
    struct record *versions; /* newest first */
    int n_versions;
    struct record *previous;   /* the previous signed record of the agreement's activity, or NULL */
    struct record_item *items; /* the agreement's requirements and value-adds */
    int n_items;
    /* agreed actions of earlier records of the activity that no record has found fixed yet,
     * oldest first, each with its reviews so far: this follow-up's record reviews them */
    struct earlier_action *open_actions;
    int n_open_actions;
    /* a joint follow-up (level joint): the providers it is held with, to name those attending */
    int joint;
    struct record_provider *providers;
    int n_providers;
};

int app_followup_view(struct store *st, const struct actor *who, long long id, struct arena *a,
                      struct followup_view *out, struct insyn_err *err);
/* A first record, or a correction (a new version) when the newest one is signed. Refused
 * when a draft exists (it is edited instead). */
int app_record_create(struct store *st, const struct actor *who, long long follow_up_id,
                      const struct record_input *in, struct arena *a, struct record *out,
                      struct insyn_err *err);
/* Changes the newest version, a draft; a signed one is refused (INSYN_ECONFLICT). */
int app_record_update(struct store *st, const struct actor *who, long long follow_up_id,
                      const struct record_input *in, struct arena *a, struct record *out,
                      struct insyn_err *err);
int app_record_sign(struct store *st, const struct actor *who, long long follow_up_id,
                    int confirmed, struct arena *a, struct record *out, struct insyn_err *err);
/* Adds a file to the newest version, a draft. */
int app_attachment_add(struct store *st, const struct actor *who, long long follow_up_id,
                       const char *name, const char *content_type, const void *data, size_t size,
                       struct arena *a, struct record_attachment *out, struct insyn_err *err);
/* An attachment the actor may see, with its bytes. */
int app_attachment_get(struct store *st, const struct actor *who, long long id, struct arena *a,
                       struct record_attachment *out, char **data, struct insyn_err *err);
/* The agreement's follow-ups with the state of their records, as JSON (for pages and API). */
int app_agreement_followups(struct store *st, const struct actor *who, long long agreement_id,
                            struct arena *a, json_t **out, struct insyn_err *err);

/* Fills an input from a JSON object: the scalar fields, and the arrays checklist
 * [{item_id, outcome, comment}], actions [{text, deadline, responsible}] and
 * reviews [{action_id, outcome, comment}]. */
int record_input_from_json(json_t *obj, struct record_input *in, struct arena *a,
                           struct insyn_err *err);
json_t *record_json(const struct record *r);
/* The improvement areas: prev's lines partly or not fulfilled and the open agreed actions of
 * earlier records, and whether cur (may be NULL) found them fixed. */
json_t *improvement_areas_json(const struct followup_view *v, const struct record *cur);
json_t *followup_view_json(const struct followup_view *v, int today);

#endif
