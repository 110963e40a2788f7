/* stats.c — one agreement's statistics for one year: the rows read from the store, the
 * figures computed by core/stats.c, and their JSON. */
#include "app/stats.h"

#include "app/volume.h"
#include "core/date.h"
#include "core/orgnr.h"

#include <string.h>

/* The agreement must exist, then the year must be one. */
static int
stats_subject(struct store *st, const struct actor *who, long long agreement_id, int year,
              struct arena *a, struct insyn_err *err)
{
    struct agreement g;
    if (app_volume_may_read(who, err))
        return err->code;
    if (agreement_id <= 0)
        return err_set(err, INSYN_ENOTFOUND, "Avtalet finns inte.");
    if (store_agreement_get(st, agreement_id, a, &g, err))
        return err->code;
    if (!stats_year_valid(year)) {
        err_field(err, 0, "year", "Ange året som fyra siffror mellan %d och %d, till exempel 2017.",
                  STATS_YEAR_MIN, STATS_YEAR_MAX);
        return err_set(err, INSYN_EINVAL, "Året saknas eller är inte ett årtal.");
    }
    return 0;
}

int
app_assignment_stats(struct store *st, const struct actor *who, long long agreement_id, int year,
                     struct arena *a, struct assignment_stats *out, struct insyn_err *err)
{
    memset(out, 0, sizeof *out);
    if (stats_subject(st, who, agreement_id, year, a, err))
        return err->code;
    struct assignment *items;
    int n;
    if (store_assignments_until(st, agreement_id, date_from_ymd(year, 12, 31), a, &items, &n, err))
        return err->code;
    assignment_stats_compute(items, n, year, a, out);
    return 0;
}

int
app_placement_stats(struct store *st, const struct actor *who, long long agreement_id, int year,
                    struct arena *a, struct placement_stats *out, struct placement_stats **units,
                    int *nunits, struct insyn_err *err)
{
    memset(out, 0, sizeof *out);
    *units = NULL;
    *nunits = 0;
    if (stats_subject(st, who, agreement_id, year, a, err))
        return err->code;
    struct placement *items;
    int n;
    if (store_placements_until(st, agreement_id, date_from_ymd(year, 12, 31), a, &items, &n, err))
        return err->code;
    placement_stats_compute(items, n, year, a, out, units, nunits);
    return 0;
}

int
app_stats_first_year(struct store *st, const struct actor *who, long long agreement_id, int *year,
                     struct insyn_err *err)
{
    *year = 0;
    if (app_volume_may_read(who, err))
        return err->code;
    int first;
    if (store_volume_first_date(st, agreement_id, &first, err))
        return err->code;
    if (first != DATE_NONE) {
        int m, d;
        date_to_ymd(first, year, &m, &d);
    }
    return 0;
}

int
app_agreement_by_case_ref(struct store *st, const struct actor *who, const char *case_ref,
                          const char *org_nr, struct arena *a, struct agreement *out,
                          struct insyn_err *err)
{
    memset(out, 0, sizeof *out);
    if (app_volume_may_read(who, err))
        return err->code;
    case_ref = case_ref ? case_ref : "";
    long long org_id = 0;
    char nr[12] = "";
    if (org_nr && *org_nr) {
        struct insyn_err ignore = {.arena = a};
        if (orgnr_normalize(org_nr, nr, 0, "organisation", &ignore) != 0) {
            err_field(err, 0, "organisation", "%s är inget organisationsnummer.", org_nr);
            return err_set(err, INSYN_EINVAL, "%s är inget organisationsnummer.", org_nr);
        }
        if (store_org_id_by_orgnr(st, nr, &org_id) != 0) {
            err_field(err, 0, "organisation",
                      "Det finns ingen utförare med organisationsnummer %s.", nr);
            return err_set(err, INSYN_ENOTFOUND,
                           "Det finns ingen utförare med organisationsnummer %s.", nr);
        }
    }
    long long *ids;
    int n;
    if (store_agreement_ids_by_case_ref(st, case_ref, org_id, a, &ids, &n, err))
        return err->code;
    if (n == 1)
        return store_agreement_get(st, ids[0], a, out, err);
    if (n == 0) {
        long long any;
        int count;
        if (org_id && store_agreement_id_by_case_ref(st, case_ref, 0, &any, &count) == 0)
            err_set(err, INSYN_ENOTFOUND,
                    "Avtalet med diarienummer %s är inte tecknat med utföraren %s.", case_ref, nr);
        else
            err_set(err, INSYN_ENOTFOUND, "Det finns inget avtal med diarienummer %s.", case_ref);
        err_field(err, 0, "agreement", "%s", err->message);
        return err->code;
    }
    /* several: name each, so that the user sees which is which */
    for (int i = 0; i < n; i++) {
        struct agreement g;
        if (store_agreement_get(st, ids[i], a, &g, err))
            return err->code;
        err_field(err, 0, "agreements", "%s, %s %s (id %lld)", g.title ? g.title : "",
                  g.organisation_name ? g.organisation_name : "",
                  g.organisation_org_nr ? g.organisation_org_nr : "", g.id);
    }
    return err_set(err, INSYN_EINVAL,
                   "%d avtal har diarienummer %s. Statistiken gäller ett avtal: ange vilken "
                   "utförares avtal som avses.",
                   n, case_ref);
}

/* ---- JSON ---- */

/* Tenths as a number with one decimal, or null. */
static json_t *
tenths_json(int tenths)
{
    return tenths == STATS_NONE ? json_null() : json_real(tenths / 10.0);
}

static json_t *
counts_json(const struct stats_count *c, int n, const char *key)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:i}", key, c[i].code, "label", c[i].label,
                                             "count", c[i].count));
    return arr;
}

static json_t *
reasons_json(const struct stats_reason *r, int n)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr,
                              json_pack("{s:s, s:i}", "reason", r[i].reason, "count", r[i].count));
    return arr;
}

json_t *
assignment_stats_json(const struct assignment_stats *s)
{
    json_t *j = json_object();
    json_object_set_new(j, "received", json_integer(s->received));
    json_object_set_new(j, "closed", json_integer(s->closed));
    json_object_set_new(j, "ongoing_at_year_end", json_integer(s->ongoing_at_year_end));
    json_object_set_new(j, "closed_child", json_integer(s->closed_child));
    json_object_set_new(j, "closed_youth", json_integer(s->closed_youth));
    json_object_set_new(j, "avg_hours", tenths_json(s->avg_hours_tenths));
    json_object_set_new(j, "avg_days", tenths_json(s->avg_days_tenths));
    json_object_set_new(j, "avg_months", tenths_json(s->avg_months_tenths));
    json_object_set_new(j, "over_one_year", json_integer(s->over_one_year));
    json_object_set_new(j, "closed_family_treatment", json_integer(s->closed_family_treatment));
    json_object_set_new(j, "goal_met", json_integer(s->goal_met));
    json_object_set_new(j, "goal_partly", json_integer(s->goal_partly));
    json_object_set_new(j, "goal_not_met", json_integer(s->goal_not_met));
    json_object_set_new(j, "goal_unrecorded", json_integer(s->goal_unrecorded));
    json_object_set_new(j, "reasons_not_met",
                        reasons_json(s->reasons_not_met, s->nreasons_not_met));
    json_object_set_new(j, "reasons_partly", reasons_json(s->reasons_partly, s->nreasons_partly));
    json_object_set_new(j, "total_since_start", json_integer(s->total_since_start));
    json_object_set_new(j, "kinds", counts_json(s->kinds, s->nkinds, "kind"));
    return j;
}

static json_t *
placement_figures_json(const struct placement_stats *s)
{
    json_t *j = json_object();
    if (s->unit_name) {
        json_object_set_new(j, "unit_id", json_integer(s->unit_id));
        json_object_set_new(j, "unit", json_string(s->unit_name));
    }
    json_object_set_new(j, "started", json_integer(s->started));
    json_object_set_new(j, "ended", json_integer(s->ended));
    json_object_set_new(j, "ongoing_at_year_end", json_integer(s->ongoing_at_year_end));
    json_object_set_new(j, "total_since_start", json_integer(s->total_since_start));
    json_object_set_new(j, "ended_by_reason",
                        counts_json(s->ended_by_reason, s->nreasons, "end_reason"));
    json_object_set_new(j, "avg_days", tenths_json(s->avg_days_tenths));
    json_object_set_new(j, "avg_months", tenths_json(s->avg_months_tenths));
    return j;
}

json_t *
placement_stats_json(const struct placement_stats *s, const struct placement_stats *units,
                     int nunits)
{
    json_t *j = placement_figures_json(s);
    json_t *arr = json_array();
    for (int i = 0; i < nunits; i++)
        json_array_append_new(arr, placement_figures_json(&units[i]));
    json_object_set_new(j, "units", arr);
    return j;
}
