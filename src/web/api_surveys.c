/* api_surveys.c — the JSON API of the surveys: /api/v1/surveys. Links are not given here: they
 * are shown once, on the page that opens the survey. */
#include "web/web.h"

#include "app/surveys.h"

void
api_surveys_list(struct request *req)
{
    struct survey_row *items;
    int n;
    struct insyn_err err = {.arena = req->arena};
    if (app_survey_list(req->store, &req->actor, req->arena, &items, &n, &err)) {
        api_fail(req, &err);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, survey_json(&items[i]));
    resp_json(req, 200, json_pack("{s:o, s:i}", "items", arr, "total", n));
}

static void
respond_view(struct request *req, int status, long long id)
{
    struct survey_view v;
    struct insyn_err err = {.arena = req->arena};
    if (app_survey_get(req->store, &req->actor, id, req->arena, &v, &err)) {
        api_fail(req, &err);
        return;
    }
    if (status == 201)
        resp_header(req, "Location", arena_printf(req->arena, "/api/v1/surveys/%lld", id));
    resp_json(req, status, survey_view_json(&v));
}

void
api_survey_get(struct request *req)
{
    respond_view(req, 200, req_id(req, 0));
}

void
api_survey_create(struct request *req)
{
    json_t *body = api_json_body(req);
    if (!body)
        return;
    struct insyn_err err = {.arena = req->arena};
    struct survey_input in = {0};
    struct survey_row s;
    int rc = input_from_json(body, &in, survey_input_fields, req->arena, &err);
    json_decref(body);
    if (rc == 0)
        rc = app_survey_create(req->store, &req->actor, &in, req->arena, &s, &err);
    if (rc) {
        api_fail(req, &err);
        return;
    }
    respond_view(req, 201, s.id);
}
