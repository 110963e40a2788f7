/* api_volume.c — the JSON API of placements and assignments: an agreement's lists a page at a
 * time, and creating one of each. */
#include "web/web.h"

#include "app/volume.h"

/* One page of an agreement's placements or assignments as {items, page, per_page, total}. */
static void
volume_list(struct request *req, int assignments)
{
    long long id = req_id(req, 0);
    struct insyn_err err = {.arena = req->arena};
    if (!id) {
        err_set(&err, INSYN_ENOTFOUND, "Avtalet finns inte.");
        api_fail(req, &err);
        return;
    }
    struct volume_filter f = {.agreement_id = id,
                              .page = req_int(req, "page", 1, 1, 1000000),
                              .per_page = req_int(req, "per_page", 50, 1, 500)};
    json_t *arr = json_array();
    int n, total, rc;
    if (assignments) {
        struct assignment *items;
        rc = app_assignment_list(req->store, &req->actor, &f, req->arena, &items, &n, &total, &err);
        for (int i = 0; rc == 0 && i < n; i++)
            json_array_append_new(arr, assignment_json(&items[i]));
    } else {
        struct placement *items;
        rc = app_placement_list(req->store, &req->actor, &f, req->arena, &items, &n, &total, &err);
        for (int i = 0; rc == 0 && i < n; i++)
            json_array_append_new(arr, placement_json(&items[i]));
    }
    if (rc) {
        json_decref(arr);
        api_fail(req, &err);
        return;
    }
    resp_json(req, 200,
              json_pack("{s:o, s:i, s:i, s:i}", "items", arr, "page", f.page, "per_page",
                        f.per_page, "total", total));
}

void
api_agreement_placements(struct request *req)
{
    volume_list(req, 0);
}

void
api_agreement_assignments(struct request *req)
{
    volume_list(req, 1);
}

void
api_placement_create(struct request *req)
{
    json_t *body = api_json_body(req);
    if (!body)
        return;
    struct insyn_err err = {.arena = req->arena};
    struct placement_input in = {0};
    int rc = input_from_json(body, &in, placement_input_fields, req->arena, &err);
    json_decref(body);
    struct placement p;
    if (rc == 0)
        rc = app_placement_create(req->store, &req->actor, &in, req->arena, &p, &err);
    if (rc) {
        api_fail(req, &err);
        return;
    }
    resp_header(req, "Location",
                arena_printf(req->arena, "/api/v1/agreements/%lld/placements", p.agreement_id));
    resp_json(req, 201, placement_json(&p));
}

void
api_assignment_create(struct request *req)
{
    json_t *body = api_json_body(req);
    if (!body)
        return;
    struct insyn_err err = {.arena = req->arena};
    struct assignment_input in = {0};
    /* hours may come as a JSON number with decimals: as text, its shortest exact form */
    json_t *hours = json_object_get(body, "hours");
    if (json_is_real(hours))
        json_object_set_new(body, "hours",
                            json_string(arena_printf(req->arena, "%.15g", json_real_value(hours))));
    int rc = input_from_json(body, &in, assignment_input_fields, req->arena, &err);
    json_decref(body);
    struct assignment x;
    if (rc == 0)
        rc = app_assignment_create(req->store, &req->actor, &in, req->arena, &x, &err);
    if (rc) {
        api_fail(req, &err);
        return;
    }
    resp_header(req, "Location",
                arena_printf(req->arena, "/api/v1/agreements/%lld/assignments", x.agreement_id));
    resp_json(req, 201, assignment_json(&x));
}
