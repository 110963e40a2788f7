/* volume.h — use cases for the volume and outcome data of the planned follow-up: placements
 * at treatment homes and assignments of outpatient care, entered one at a time or imported
 * from CSV all or nothing (seeds 002 and 004).
 *
 * Every internal role may read them (PERM_VOLUME_READ); strategists, deputy directors,
 * controllers, coordinators and administrators may enter and import them (PERM_VOLUME_WRITE).
 * A provider user never sees them: they name clients (by pseudonym) and case workers. Each
 * change is one transaction, audited in it (entities "placement" and "assignment"). */
#ifndef INSYN_APP_VOLUME_H
#define INSYN_APP_VOLUME_H

#include "app/app.h"
#include "core/volume.h"

/* Creates a placement: the organisation by org_nr or id, and a unit and an agreement of that
 * organisation. Nothing is stored when any field is wrong; *out is read back with names. */
int app_placement_create(struct store *st, const struct actor *who,
                         const struct placement_input *in, struct arena *a, struct placement *out,
                         struct insyn_err *err);
/* Stores a checked placement whose organisation, unit and agreement are resolved, read back
 * with names, and its audit record (`action`: create, import) inside the caller's
 * transaction (the form, the import, the benchmark's data). */
int app_placement_add_in(struct store *st, const struct actor *who, const char *action,
                         struct placement *p, struct arena *a, struct insyn_err *err);
/* Creates an assignment under an existing agreement. */
int app_assignment_create(struct store *st, const struct actor *who,
                          const struct assignment_input *in, struct arena *a,
                          struct assignment *out, struct insyn_err *err);

/* An agreement's placements (or, f->unit_id set, a unit's) and assignments, a page at a time;
 * INSYN_ENOTFOUND when the agreement (or unit) does not exist. */
int app_placement_list(struct store *st, const struct actor *who, const struct volume_filter *f,
                       struct arena *a, struct placement **items, int *n, int *total,
                       struct insyn_err *err);
int app_assignment_list(struct store *st, const struct actor *who, const struct volume_filter *f,
                        struct arena *a, struct assignment **items, int *n, int *total,
                        struct insyn_err *err);
/* How many placements and assignments an agreement has, and how many go on. */
int app_volume_counts(struct store *st, const struct actor *who, long long agreement_id,
                      struct volume_counts *out, struct insyn_err *err);

json_t *placement_json(const struct placement *p);
json_t *assignment_json(const struct assignment *x);

/* Imports from CSV, all or nothing, one audit record per row (docs/import.md):
 * placements: org_nr,unit,agreement,client,case_worker,start,end,end_reason — the unit by its
 * name within the organisation, the agreement by case reference (the organisation's when
 * several agreements share it);
 * assignments: agreement,client,kind,age_group,received,closed,hours,goal_outcome,reason — the
 * agreement by a case reference that only one agreement has. */
int app_import_placements(struct store *st, const struct actor *who, const char *path, int *created,
                          struct insyn_err *err);
int app_import_assignments(struct store *st, const struct actor *who, const char *path,
                           int *created, struct insyn_err *err);

/* Reading placements, assignments and their statistics: every internal role with
 * PERM_VOLUME_READ; a provider user never, whatever the permission table says. */
int app_volume_may_read(const struct actor *who, struct insyn_err *err);

#endif
