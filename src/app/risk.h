/* risk.h — use cases of the provider's risk page and `insyn risk`: the risk indicator of every
 * organisation (core/risk.h) with its factors, whether the candidate rule (app/signals.h) puts
 * it up for event-driven follow-up, and one organisation's timeline.
 *
 * Reading needs risk.read; provider users do not have it. Nothing here writes. */
#ifndef INSYN_APP_RISK_H
#define INSYN_APP_RISK_H

#include "app/app.h"
#include "app/signals.h"
#include "core/risk.h"

/* One organisation's indicator. */
struct risk_row {
    long long organisation_id;
    const char *name, *org_nr;
    struct risk risk;
    const struct candidate *candidate; /* NULL when the rule does not make it one */
};

/* Organisations with at least one factor, and every candidate even with score 0: highest
 * score first, then by name. */
int app_risk_list(struct store *st, const struct actor *who, int today, struct arena *a,
                  struct risk_row **out, int *n, struct insyn_err *err);

#define RISK_TIMELINE_MAX 500 /* events on the risk page, the newest */

struct risk_view {
    struct risk_row row;
    struct risk_event *timeline; /* newest first */
    int n_timeline;
};
/* One organisation's indicator, candidate status and timeline; INSYN_ENOTFOUND when there is
 * no such organisation. */
int app_risk_get(struct store *st, const struct actor *who, long long organisation_id, int today,
                 struct arena *a, struct risk_view *out, struct insyn_err *err);

/* {organisation_id, org_nr, name, score, sum, level, level_label, candidate,
 *  factors: [{factor, label, weight, source, link, date}]}; at most max_factors factors
 * (-1: all), with factor_count the number of all. */
json_t *risk_row_json(const struct risk_row *r, int max_factors);
/* risk_row_json with every factor, "candidacy" (candidate_json or null) and "timeline":
 * [{date, kind, kind_label, title, link}]. */
json_t *risk_view_json(const struct risk_view *v);

#endif
