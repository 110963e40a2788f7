/* investigations.h — use cases for event-driven (and in-depth) follow-ups and sanctions.
 *
 * Reading needs risk.read, opening and working a follow-up investigation.write, registering a
 * sanction sanction.write; provider users have none of them. Each change is one transaction,
 * audited in it: entity "investigation" (create, add_area, update_area, add_meeting, close),
 * entity "sanction" (create), and for a termination or rescission also the agreement's own
 * "terminate" with its before and after. */
#ifndef INSYN_APP_INVESTIGATIONS_H
#define INSYN_APP_INVESTIGATIONS_H

#include "app/app.h"
#include "core/investigation.h"

/* A follow-up with everything its page shows. */
struct investigation_view {
    struct investigation inv;
    struct investigation_area *areas;
    int n_areas;
    struct investigation_meeting *meetings;
    int n_meetings;
    struct investigation_signal_row *signals; /* never who reported them */
    int n_signals;
    struct sanction *sanctions;
    int n_sanctions;
};

/* Opens a follow-up with its first focus areas (may be none). The linked signals must be
 * about the same organisation, the agreement that organisation's, the responsible persons
 * users of the administration. */
int app_investigation_open(struct store *st, const struct actor *who,
                           const struct investigation_input *in,
                           const struct investigation_area_input *areas, int n_areas,
                           struct arena *a, struct investigation *out, struct insyn_err *err);
/* Adds a focus area (area_id 0) or changes one of the follow-up's areas (investigation_id 0:
 * the area's own), for example to mark it done with what was found. */
int app_investigation_area_save(struct store *st, const struct actor *who,
                                long long investigation_id, long long area_id,
                                const struct investigation_area_input *in, struct arena *a,
                                struct investigation_area *out, struct insyn_err *err);
int app_investigation_meeting_add(struct store *st, const struct actor *who,
                                  long long investigation_id,
                                  const struct investigation_meeting_input *in, struct arena *a,
                                  struct investigation_meeting *out, struct insyn_err *err);
int app_investigation_close(struct store *st, const struct actor *who, long long investigation_id,
                            const struct investigation_close_input *in, struct arena *a,
                            struct investigation *out, struct insyn_err *err);
int app_investigation_get(struct store *st, const struct actor *who, long long id, struct arena *a,
                          struct investigation_view *out, struct insyn_err *err);
int app_investigation_list(struct store *st, const struct actor *who,
                           const struct investigation_filter *f, struct arena *a,
                           struct investigation **items, int *n, struct insyn_err *err);
/* The actor's open focus areas and the open follow-ups it is responsible for (Mina
 * uppgifter); none for those without risk.read. */
int app_investigation_tasks(struct store *st, const struct actor *who, struct arena *a,
                            struct investigation_task **items, int *n, struct insyn_err *err);
/* Users who may be named responsible for a follow-up or an area: the administration's. */
int app_investigation_people(struct store *st, const struct actor *who, struct arena *a,
                             struct user **items, int *n, struct insyn_err *err);

/* Registers a sanction under the agreement. A termination or rescission ends the agreement in
 * the same transaction: status terminated, termination reason (the sanction's), cause and day,
 * the end moved to ends_on when that is earlier, its termination flag cleared and its
 * follow-ups regenerated. */
int app_sanction_register(struct store *st, const struct actor *who, long long agreement_id,
                          const struct sanction_input *in, struct arena *a, struct sanction *out,
                          struct insyn_err *err);
int app_sanction_list(struct store *st, const struct actor *who, long long agreement_id,
                      struct arena *a, struct sanction **items, int *n, struct insyn_err *err);
/* Users who may decide some sanction under the delegation order, by name. */
int app_sanction_deciders(struct store *st, const struct actor *who, struct arena *a,
                          struct user **items, int *n, struct insyn_err *err);
/* Why and when the agreement ended early: cause "" and DATE_NONE when it did not. */
int app_agreement_termination(struct store *st, const struct actor *who, long long agreement_id,
                              struct arena *a, char **cause, int *terminated_on,
                              struct insyn_err *err);

/* The overview's part: agreements terminated in today's year by cause, and the
 * organisations with an open follow-up. JSON: {year, terminated_total, terminated_by_cause:
 * [{cause, label, count}], under_investigation: [{investigation_id, organisation_id,
 * organisation_name, kind, kind_label, opened_on, responsible}]}. */
int app_dashboard_investigations(struct store *st, const struct actor *who, int today,
                                 struct arena *a, json_t **out, struct insyn_err *err);

json_t *investigation_json(const struct investigation *x);
json_t *investigation_area_json(const struct investigation_area *x, int today);
json_t *investigation_meeting_json(const struct investigation_meeting *m);
json_t *investigation_view_json(const struct investigation_view *v, int today);
json_t *sanction_json(const struct sanction *s);
json_t *investigation_task_json(const struct investigation_task *t, int today);

#endif
