/* page_stats.c — the agreement page's section "Statistik <year>": one year's figures of the
 * agreement's assignments and placements (app/stats.h) in small tables, and seed 002's
 * sentences in Swedish, with a year chooser (?ar=YYYY). Shown only to those who may read
 * placements and assignments, and only when the agreement has any. */
#include "web/web.h"

#include "app/stats.h"
#include "app/volume.h"
#include "core/date.h"

static void
row(json_t *rows, const char *label, const char *value, int sub)
{
    json_array_append_new(rows,
                          json_pack("{s:s, s:s, s:b}", "label", label, "value", value, "sub", sub));
}

static const char *
num(struct request *req, int n)
{
    return arena_printf(req->arena, "%d", n);
}

static json_t *
assignment_rows(struct request *req, const struct assignment_stats *s)
{
    json_t *rows = json_array();
    row(rows, "Uppdrag som kommit in under året", num(req, s->received), 0);
    row(rows, "Uppdrag som avslutats under året", num(req, s->closed), 0);
    row(rows, "varav barn upp till 12 år", num(req, s->closed_child), 1);
    row(rows, "varav ungdomar från 13 år", num(req, s->closed_youth), 1);
    row(rows, "Pågående uppdrag vid årets slut", num(req, s->ongoing_at_year_end), 0);
    row(rows, "Timmar i snitt per avslutat uppdrag",
        stats_tenths_text(req->arena, s->avg_hours_tenths), 0);
    row(rows, "Månader i snitt per avslutat uppdrag",
        stats_tenths_text(req->arena, s->avg_months_tenths), 0);
    row(rows, "Avslutade efter mer än ett år", num(req, s->over_one_year), 0);
    row(rows, "Avslutad familjebehandling", num(req, s->closed_family_treatment), 0);
    row(rows, "målen uppfyllda", num(req, s->goal_met), 1);
    row(rows, "målen delvis uppfyllda", num(req, s->goal_partly), 1);
    row(rows, "målen inte uppfyllda", num(req, s->goal_not_met), 1);
    if (s->goal_unrecorded)
        row(rows, "måluppfyllelsen inte bedömd", num(req, s->goal_unrecorded), 1);
    row(rows, "Uppdrag sedan avtalets start", num(req, s->total_since_start), 0);
    for (int i = 0; i < s->nkinds; i++)
        row(rows, s->kinds[i].label, num(req, s->kinds[i].count), 1);
    return rows;
}

/* "2 planerat avslut; 1 klienten avbröt", or "–" */
static const char *
reasons_text(struct request *req, const struct placement_stats *s)
{
    const char *text = placement_stats_reasons_text(req->arena, s);
    return *text ? text : "–";
}

static json_t *
placement_rows(struct request *req, const struct placement_stats *s)
{
    json_t *rows = json_array();
    row(rows, "Placeringar som inletts under året", num(req, s->started), 0);
    row(rows, "Placeringar som avslutats under året", num(req, s->ended), 0);
    for (int i = 0; i < s->nreasons; i++)
        row(rows, s->ended_by_reason[i].label, num(req, s->ended_by_reason[i].count), 1);
    row(rows, "Pågående placeringar vid årets slut", num(req, s->ongoing_at_year_end), 0);
    row(rows, "Dagar i snitt per avslutad placering",
        stats_tenths_text(req->arena, s->avg_days_tenths), 0);
    row(rows, "Månader i snitt per avslutad placering",
        stats_tenths_text(req->arena, s->avg_months_tenths), 0);
    row(rows, "Placeringar sedan avtalets start", num(req, s->total_since_start), 0);
    return rows;
}

static json_t *
unit_rows(struct request *req, const struct placement_stats *units, int n)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        const struct placement_stats *u = &units[i];
        json_array_append_new(arr, json_pack("{s:I, s:s, s:i, s:i, s:i, s:s, s:s}", "unit_id",
                                             (json_int_t)u->unit_id, "unit", u->unit_name,
                                             "started", u->started, "ended", u->ended, "ongoing",
                                             u->ongoing_at_year_end, "avg_days",
                                             stats_tenths_text(req->arena, u->avg_days_tenths),
                                             "reasons", reasons_text(req, u)));
    }
    return arr;
}

/* The year's figures; -1 when they could not be read. */
static int
year_stats(struct request *req, long long id, int year, struct assignment_stats *as,
           struct placement_stats *ps, struct placement_stats **units, int *nunits)
{
    struct insyn_err err = {.arena = req->arena};
    if (app_assignment_stats(req->store, &req->actor, id, year, req->arena, as, &err) ||
        app_placement_stats(req->store, &req->actor, id, year, req->arena, ps, units, nunits, &err))
        return -1;
    return 0;
}

void
agreement_stats_data(struct request *req, long long agreement_id, json_t *data)
{
    struct volume_counts c;
    struct insyn_err err = {.arena = req->arena};
    if (!role_may(req->actor.role, PERM_VOLUME_READ) || !role_is_internal(req->actor.role) ||
        app_volume_counts(req->store, &req->actor, agreement_id, &c, &err) ||
        (c.assignments == 0 && c.placements == 0))
        return;
    int today_y, m, d;
    date_to_ymd(app_today(), &today_y, &m, &d);
    struct assignment_stats as;
    struct placement_stats ps, *units;
    int nunits, year;
    if (stats_parse_year(kv_get(&req->query, "ar"), &year) == 0) {
        if (year_stats(req, agreement_id, year, &as, &ps, &units, &nunits))
            return;
    } else {
        /* the last full year when it has data, else the current year */
        year = today_y - 1;
        if (year_stats(req, agreement_id, year, &as, &ps, &units, &nunits))
            return;
        if (!assignment_stats_any(&as) && !placement_stats_any(&ps)) {
            year = today_y;
            if (year_stats(req, agreement_id, year, &as, &ps, &units, &nunits))
                return;
        }
    }
    /* the chooser: from the first year with data to this year, and the year asked for when it
     * lies outside them (without the years between) */
    int first = 0;
    if (app_stats_first_year(req->store, &req->actor, agreement_id, &first, &err) || !first ||
        first > today_y)
        first = today_y;
    json_t *years = json_array();
    if (year > today_y)
        json_array_append_new(years, json_pack("{s:i, s:b}", "value", year, "selected", 1));
    for (int y = today_y; y >= first; y--)
        json_array_append_new(years, json_pack("{s:i, s:b}", "value", y, "selected", y == year));
    if (year < first)
        json_array_append_new(years, json_pack("{s:i, s:b}", "value", year, "selected", 1));

    json_t *stats = json_pack("{s:i, s:o}", "year", year, "years", years);
    if (c.assignments)
        json_object_set_new(stats, "assignments",
                            json_pack("{s:o, s:s}", "rows", assignment_rows(req, &as), "text",
                                      assignment_stats_text(req->arena, &as)));
    if (c.placements)
        json_object_set_new(stats, "placements",
                            json_pack("{s:o, s:s, s:o}", "rows", placement_rows(req, &ps), "text",
                                      placement_stats_text(req->arena, year, &ps), "units",
                                      unit_rows(req, units, nunits)));
    json_object_set_new(data, "stats", stats);
}
