/* stats.h — use cases for the statistics of one agreement for one year (seed 002's paragraph
 * of figures): its outpatient assignments, and its placements per agreement and per unit, as
 * core/stats.h defines them; their JSON, which the API and the command line both print.
 *
 * Reading them needs PERM_VOLUME_READ, and like the rows they are counted from they are never
 * a provider user's. An unknown agreement is INSYN_ENOTFOUND; a year outside
 * STATS_YEAR_MIN..STATS_YEAR_MAX (0 for one missing or malformed) is a field error on "year",
 * checked after the agreement so that an unknown agreement is 404 whatever the year. A year
 * without data gives zeros. Nothing is written. */
#ifndef INSYN_APP_STATS_H
#define INSYN_APP_STATS_H

#include "app/app.h"
#include "core/stats.h"

int app_assignment_stats(struct store *st, const struct actor *who, long long agreement_id,
                         int year, struct arena *a, struct assignment_stats *out,
                         struct insyn_err *err);
/* The whole agreement's in *out, per unit in *units (by unit name). */
int app_placement_stats(struct store *st, const struct actor *who, long long agreement_id, int year,
                        struct arena *a, struct placement_stats *out,
                        struct placement_stats **units, int *nunits, struct insyn_err *err);
/* The earliest year the agreement has an assignment or a placement in, or 0 when it has none. */
int app_stats_first_year(struct store *st, const struct actor *who, long long agreement_id,
                         int *year, struct insyn_err *err);

/* The one agreement with case reference case_ref, for the command line; with org_nr (not NULL
 * or "") the one of that provider. INSYN_ENOTFOUND when there is none (and when there is no
 * such provider: a field error on "organisation"); INSYN_EINVAL when several share it, with one
 * field error "agreements" naming each (title, provider, org_nr, id): the statistics are of
 * one agreement. */
int app_agreement_by_case_ref(struct store *st, const struct actor *who, const char *case_ref,
                              const char *org_nr, struct arena *a, struct agreement *out,
                              struct insyn_err *err);

/* {received, closed, ongoing_at_year_end, closed_child, closed_youth, avg_hours, avg_days,
 * avg_months, over_one_year, closed_family_treatment, goal_met, goal_partly, goal_not_met,
 * goal_unrecorded, reasons_not_met, reasons_partly, total_since_start, kinds}; averages as
 * numbers with one decimal, or null. */
json_t *assignment_stats_json(const struct assignment_stats *s);
/* {started, ended, ongoing_at_year_end, total_since_start, ended_by_reason, avg_days,
 * avg_months, units: [{unit_id, unit, ...the same}]}. */
json_t *placement_stats_json(const struct placement_stats *s, const struct placement_stats *units,
                             int nunits);

#endif
