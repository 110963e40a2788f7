/* page_risk.c — Risk: every organisation's risk indicator, one organisation's risk page with
 * its factors, candidate status and timeline, and the same in the API. */
#include "web/web.h"

#include "app/risk.h"

#include <string.h>

#define RISK_TOP_FACTORS 3 /* factors shown per organisation in the list */

/* What the templates need beyond the JSON shape: the level's tag and whether the cap cut. */
static void
add_level(json_t *j, const struct risk *r)
{
    json_object_set_new(j, "level_high", json_boolean(strcmp(r->level, "high") == 0));
    json_object_set_new(j, "level_low", json_boolean(strcmp(r->level, "low") == 0));
    json_object_set_new(j, "capped", json_boolean(r->sum > r->score));
}

void
page_risks(struct request *req)
{
    struct risk_row *rows;
    int n;
    struct insyn_err err = {.arena = req->arena};
    if (app_risk_list(req->store, &req->actor, app_today(), req->arena, &rows, &n, &err)) {
        respond_error(req, err.code, &err);
        return;
    }
    json_t *list = json_array();
    for (int i = 0; i < n; i++) {
        json_t *j = risk_row_json(&rows[i], RISK_TOP_FACTORS);
        add_level(j, &rows[i].risk);
        json_object_set_new(j, "more_factors",
                            json_integer(rows[i].risk.n_factors > RISK_TOP_FACTORS
                                             ? rows[i].risk.n_factors - RISK_TOP_FACTORS
                                             : 0));
        json_array_append_new(list, j);
    }
    json_t *data = json_pack("{s:o, s:b}", "organisations", list, "has_items", n > 0);
    render_page(req, 200, "risks", "Risk", data);
}

void
page_organisation_risk(struct request *req)
{
    long long id = req_id(req, 0);
    struct risk_view v;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_risk_get(req->store, &req->actor, id, app_today(), req->arena, &v, &err)) {
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    json_t *data = risk_view_json(&v);
    add_level(data, &v.row.risk);
    json_object_set_new(data, "has_factors", json_boolean(v.row.risk.n_factors > 0));
    json_object_set_new(data, "has_timeline", json_boolean(v.n_timeline > 0));
    json_object_set_new(data, "timeline_full", json_boolean(v.n_timeline >= RISK_TIMELINE_MAX));
    /* a candidate without a follow-up: open one from the signals that made it a candidate */
    const struct candidate *c = v.row.candidate;
    if (c && !c->under_investigation && role_may(req->actor.role, PERM_INVESTIGATION_WRITE)) {
        struct buf href;
        buf_init(&href);
        buf_printf(&href, "/utredningar/ny?organisation_id=%lld", c->organisation_id);
        for (int i = 0; i < c->n_signals; i++)
            buf_printf(&href, "&signal_id=%lld", c->signals[i].fact.id);
        json_object_set_new(data, "open_href", json_string(href.data));
        buf_free(&href);
    }
    render_page(req, 200, "risk", arena_printf(req->arena, "Risk och händelser: %s", v.row.name),
                data);
}

void
api_risk_list(struct request *req)
{
    struct risk_row *rows;
    int n;
    struct insyn_err err = {.arena = req->arena};
    if (app_risk_list(req->store, &req->actor, app_today(), req->arena, &rows, &n, &err)) {
        api_fail(req, &err);
        return;
    }
    /* one row per organisation: a page at a time */
    int page = req_int(req, "page", 1, 1, 1000000), per_page = req_int(req, "per_page", 50, 1, 500);
    json_t *arr = json_array();
    for (long long i = (long long)(page - 1) * per_page; i < n && i < (long long)page * per_page;
         i++)
        json_array_append_new(arr, risk_row_json(&rows[i], -1));
    resp_json(req, 200,
              json_pack("{s:o, s:i, s:i, s:i}", "items", arr, "page", page, "per_page", per_page,
                        "total", n));
}

void
api_organisation_risk(struct request *req)
{
    long long id = req_id(req, 0);
    struct risk_view v;
    struct insyn_err err = {.arena = req->arena};
    if (!id) {
        err_set(&err, INSYN_ENOTFOUND, "Utföraren finns inte.");
        api_fail(req, &err);
        return;
    }
    if (app_risk_get(req->store, &req->actor, id, app_today(), req->arena, &v, &err)) {
        api_fail(req, &err);
        return;
    }
    resp_json(req, 200, risk_view_json(&v));
}
