/* api_plans.c — the JSON API of the year's control plans and their samples: /api/v1/plans. */
#include "web/web.h"

#include "app/plans.h"

static void
not_found(struct request *req)
{
    struct insyn_err err = {.arena = req->arena};
    err_set(&err, INSYN_ENOTFOUND, "Kontrollplanen finns inte.");
    api_fail(req, &err);
}

void
api_plans_list(struct request *req)
{
    struct control_plan *items;
    int n;
    struct insyn_err err = {.arena = req->arena};
    if (app_plan_list(req->store, &req->actor, req->arena, &items, &n, &err)) {
        api_fail(req, &err);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, plan_json(&items[i]));
    resp_json(req, 200, json_pack("{s:o, s:i}", "items", arr, "total", n));
}

/* The plan with its sample; 201 with its Location when just made. */
static void
respond_view(struct request *req, int status, long long id)
{
    struct plan_view v;
    struct insyn_err err = {.arena = req->arena};
    if (app_plan_get(req->store, &req->actor, id, req->arena, &v, &err)) {
        api_fail(req, &err);
        return;
    }
    if (status == 201)
        resp_header(req, "Location", arena_printf(req->arena, "/api/v1/plans/%lld", id));
    resp_json(req, status, plan_view_json(&v));
}

void
api_plan_get(struct request *req)
{
    long long id = req_id(req, 0);
    if (!id) {
        not_found(req);
        return;
    }
    respond_view(req, 200, id);
}

void
api_plan_create(struct request *req)
{
    json_t *body = api_json_body(req);
    if (!body)
        return;
    struct insyn_err err = {.arena = req->arena};
    struct plan_input in = {0};
    struct control_plan p;
    int rc = input_from_json(body, &in, plan_input_fields, req->arena, &err);
    json_decref(body);
    if (rc == 0)
        rc = app_plan_create(req->store, &req->actor, &in, req->arena, &p, &err);
    if (rc) {
        api_fail(req, &err);
        return;
    }
    respond_view(req, 201, p.id);
}

/* Reads the body into an input for the plan of the path; 0 after answering. An unknown plan
 * is 404 whatever the body. */
static long long
write_body(struct request *req, void *input, const struct input_field *fields,
           struct insyn_err *err)
{
    long long id = req_id(req, 0);
    struct plan_view v;
    if (!id || app_plan_get(req->store, &req->actor, id, req->arena, &v, err)) {
        if (!id)
            not_found(req);
        else
            api_fail(req, err);
        return 0;
    }
    return api_input(req, input, fields, err) ? 0 : id;
}

void
api_plan_patch(struct request *req)
{
    struct plan_input in = {0};
    struct insyn_err err = {.arena = req->arena};
    long long id = write_body(req, &in, plan_input_fields, &err);
    if (!id)
        return;
    struct control_plan p;
    if (app_plan_update(req->store, &req->actor, id, &in, req->arena, &p, &err)) {
        api_fail(req, &err);
        return;
    }
    respond_view(req, 200, id);
}

void
api_plan_risk_add(struct request *req)
{
    struct plan_risk_input in = {0};
    struct insyn_err err = {.arena = req->arena};
    long long id = write_body(req, &in, plan_risk_input_fields, &err);
    if (!id)
        return;
    if (app_plan_risk_add(req->store, &req->actor, id, &in, req->arena, &err)) {
        api_fail(req, &err);
        return;
    }
    respond_view(req, 201, id);
}

void
api_plan_approve(struct request *req)
{
    struct plan_decision_input in = {0};
    struct insyn_err err = {.arena = req->arena};
    long long id = write_body(req, &in, plan_decision_input_fields, &err);
    if (!id)
        return;
    struct plan_view v;
    if (app_plan_approve(req->store, &req->actor, id, &in, req->arena, &v, &err)) {
        api_fail(req, &err);
        return;
    }
    resp_json(req, 200, plan_view_json(&v));
}
