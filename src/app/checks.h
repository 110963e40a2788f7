/* checks.h — use cases for external controls: credit checks, tax checks, IVO records and
 * bankruptcies, entered one at a time or imported from CSV, and what each makes happen by
 * itself in the same transaction (seed 004):
 *   - a credit check below the strictest threshold in force for the organisation makes a
 *     low_credit_rating signal from credit_watch;
 *   - a tax check that does not pass makes a signal (category and source other);
 *   - an IVO record of a revoked permit makes a serious permit_revoked signal from ivo, sets
 *     the unit's permit status to revoked and flags every agreement in force with the
 *     organisation for termination;
 *   - a bankruptcy makes a serious bankruptcy signal and flags the agreements in force.
 * Entering needs PERM_CHECK_WRITE, reading PERM_RISK_READ; provider users see none. */
#ifndef INSYN_APP_CHECKS_H
#define INSYN_APP_CHECKS_H

#include "app/app.h"
#include "core/check.h"

/* Records one control (the organisation by org_nr or organisation_id, a unit of that
 * organisation) with its consequences; out->signal_id names the signal it made, 0 when
 * none. Nothing is stored when any field is wrong. */
int app_check_add(struct store *st, const struct actor *who, const struct check_input *in,
                  struct arena *a, struct external_check *out, struct insyn_err *err);
/* An organisation's controls, newest first (kind NULL or "" for all). */
int app_check_list(struct store *st, const struct actor *who, long long organisation_id,
                   const char *kind, struct arena *a, struct external_check **items, int *n,
                   struct insyn_err *err);
json_t *check_json(const struct external_check *c);
struct settings;
/* Records a validated control whose organisation and unit are resolved, with its
 * consequences and audit records, inside the caller's transaction (app_check_add and the
 * imports). */
int app_check_record_in(struct store *st, const struct actor *who, struct external_check *c,
                        const struct settings *set, struct arena *a, struct insyn_err *err);

/* CSV imports, all or nothing (docs/import.md): every line is checked first and each bad one
 * reported with its line number; a file without a problem is written in one transaction with
 * its automatic signals. *created counts the controls, *signals the signals they made.
 *   credit: org_nr,bureau,checked_on,value
 *   ivo:    org_nr,unit,kind,decided_on,reference,summary (unit: the unit's name) */
int app_import_credit(struct store *st, const struct actor *who, const char *path, int *created,
                      int *signals, struct insyn_err *err);
int app_import_ivo(struct store *st, const struct actor *who, const char *path, int *created,
                   int *signals, struct insyn_err *err);

#endif
