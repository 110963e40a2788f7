/* api_stats.c — the JSON API of one agreement's statistics for one year:
 * GET /api/v1/agreements/:id/stats?year=Y → {agreement_id, year, assignments, placements}. */
#include "web/web.h"

#include "app/stats.h"

void
api_agreement_stats(struct request *req)
{
    long long id = req_id(req, 0);
    struct insyn_err err = {.arena = req->arena};
    int year = 0; /* missing or malformed: the app names the field once the agreement is known */
    stats_parse_year(kv_get(&req->query, "year"), &year);
    struct assignment_stats as;
    struct placement_stats ps, *units;
    int nunits;
    if (app_assignment_stats(req->store, &req->actor, id, year, req->arena, &as, &err) ||
        app_placement_stats(req->store, &req->actor, id, year, req->arena, &ps, &units, &nunits,
                            &err)) {
        api_fail(req, &err);
        return;
    }
    resp_json(req, 200,
              json_pack("{s:I, s:i, s:o, s:o}", "agreement_id", (json_int_t)id, "year", year,
                        "assignments", assignment_stats_json(&as), "placements",
                        placement_stats_json(&ps, units, nunits)));
}
