/* api_applications.c — the JSON API of LOV applications: /api/v1/applications and their
 * steps, references, notes, decision, announcement, agreement and introduction items. */
#include "web/web.h"

#include "app/applications.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

static json_t *
average_json(double days)
{
    return days < 0 ? json_null() : json_real(round(days * 10) / 10);
}

void
api_applications_list(struct request *req)
{
    struct application_view *items;
    int n;
    struct insyn_err err = {.arena = req->arena};
    int today = app_today();
    if (app_application_list(req->store, &req->actor, kv_get(&req->query, "status"), today,
                             req->arena, &items, &n, &err)) {
        api_fail(req, &err);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, application_json(&items[i]));
    double processing, total;
    application_averages(items, n, &processing, &total);
    resp_json(req, 200,
              json_pack("{s:o, s:i, s:o, s:o}", "items", arr, "total", n, "average_processing_days",
                        average_json(processing), "average_days_to_decision", average_json(total)));
}

static void
respond_view(struct request *req, int status, long long id)
{
    struct application_view v;
    struct insyn_err err = {.arena = req->arena};
    int today = app_today();
    if (app_application_get(req->store, &req->actor, id, today, req->arena, &v, &err)) {
        api_fail(req, &err);
        return;
    }
    if (status == 201)
        resp_header(req, "Location", arena_printf(req->arena, "/api/v1/applications/%lld", id));
    resp_json(req, status, application_view_json(&v, today));
}

static int
known_id(struct request *req, long long *id)
{
    *id = req_id(req, 0);
    if (*id)
        return 1;
    struct insyn_err err = {.arena = req->arena};
    err_set(&err, INSYN_ENOTFOUND, "Ansökan finns inte.");
    api_fail(req, &err);
    return 0;
}

void
api_application_get(struct request *req)
{
    long long id;
    if (known_id(req, &id))
        respond_view(req, 200, id);
}

void
api_application_create(struct request *req)
{
    struct application_input in = {0};
    struct insyn_err err = {.arena = req->arena};
    if (api_input(req, &in, application_input_fields, &err))
        return;
    struct application x;
    if (app_application_create(req->store, &req->actor, &in, req->arena, &x, &err)) {
        api_fail(req, &err);
        return;
    }
    respond_view(req, 201, x.id);
}

/* The body into an input, for the application the path names; 0 after answering. An
 * application the actor cannot see is 404 whatever the body. */
static long long
body_for(struct request *req, void *input, const struct input_field *fields, struct insyn_err *err)
{
    long long id;
    if (!known_id(req, &id))
        return 0;
    struct application_view v;
    if (app_application_get(req->store, &req->actor, id, app_today(), req->arena, &v, err)) {
        api_fail(req, err);
        return 0;
    }
    return api_input(req, input, fields, err) ? 0 : id;
}

void
api_application_step(struct request *req)
{
    struct application_step_input in = {0};
    struct insyn_err err = {.arena = req->arena};
    long long id = body_for(req, &in, application_step_input_fields, &err);
    struct application x;
    if (!id)
        return;
    if (app_application_step(req->store, &req->actor, id, &in, req->arena, &x, &err))
        api_fail(req, &err);
    else
        respond_view(req, 200, id);
}

void
api_application_reference_create(struct request *req)
{
    struct reference_input in = {0};
    struct insyn_err err = {.arena = req->arena};
    long long id = body_for(req, &in, reference_input_fields, &err);
    struct application_reference r;
    if (!id)
        return;
    if (app_application_reference_add(req->store, &req->actor, id, &in, req->arena, &r, &err))
        api_fail(req, &err);
    else
        respond_view(req, 201, id);
}

void
api_application_note_create(struct request *req)
{
    struct note_input in = {0};
    struct insyn_err err = {.arena = req->arena};
    long long id = body_for(req, &in, note_input_fields, &err);
    struct application_note note;
    if (!id)
        return;
    if (app_application_note_add(req->store, &req->actor, id, &in, req->arena, &note, &err))
        api_fail(req, &err);
    else
        respond_view(req, 201, id);
}

void
api_application_decision(struct request *req)
{
    struct decision_input in = {0};
    struct insyn_err err = {.arena = req->arena};
    long long id = body_for(req, &in, decision_input_fields, &err);
    struct application x;
    if (!id)
        return;
    if (app_application_decide(req->store, &req->actor, id, &in, req->arena, &x, &err))
        api_fail(req, &err);
    else
        respond_view(req, 200, id);
}

static const struct input_field announce_fields[] = {{"announced_on", 0}, {NULL, 0}};

void
api_application_announce(struct request *req)
{
    struct {
        const char *announced_on;
    } in = {0};
    struct insyn_err err = {.arena = req->arena};
    long long id = body_for(req, &in, announce_fields, &err);
    struct application x;
    if (!id)
        return;
    if (app_application_announce(req->store, &req->actor, id, in.announced_on, req->arena, &x,
                                 &err))
        api_fail(req, &err);
    else
        respond_view(req, 200, id);
}

struct withdraw_input {
    const char *withdrawn_on, *note;
};
static const struct input_field withdraw_fields[] = {
    {"withdrawn_on", offsetof(struct withdraw_input, withdrawn_on)},
    {"note", offsetof(struct withdraw_input, note)},
    {NULL, 0},
};

void
api_application_withdraw(struct request *req)
{
    struct withdraw_input in = {0};
    struct insyn_err err = {.arena = req->arena};
    long long id = body_for(req, &in, withdraw_fields, &err);
    struct application x;
    if (!id)
        return;
    if (app_application_withdraw(req->store, &req->actor, id, in.withdrawn_on, in.note, req->arena,
                                 &x, &err))
        api_fail(req, &err);
    else
        respond_view(req, 200, id);
}

void
api_application_sign(struct request *req)
{
    struct sign_input in = {0};
    struct insyn_err err = {.arena = req->arena};
    long long id = body_for(req, &in, sign_input_fields, &err);
    struct agreement g;
    if (!id)
        return;
    if (app_application_sign(req->store, &req->actor, id, &in, req->arena, &g, &err))
        api_fail(req, &err);
    else
        respond_view(req, 201, id);
}

void
api_onboarding_item_patch(struct request *req)
{
    long long item_id = req_id(req, 0);
    struct insyn_err err = {.arena = req->arena};
    if (!item_id) {
        err_set(&err, INSYN_ENOTFOUND, "Punkten finns inte.");
        api_fail(req, &err);
        return;
    }
    struct onboarding_input in = {0};
    if (api_input(req, &in, onboarding_input_fields, &err))
        return;
    struct onboarding_item it;
    if (app_onboarding_update(req->store, &req->actor, item_id, &in, req->arena, &it, &err))
        api_fail(req, &err);
    else
        respond_view(req, 200, it.application_id);
}
