/* api_followups.c — the JSON API for follow-ups and their records: an agreement's
 * follow-ups, one follow-up with its record versions and last time's improvement areas,
 * creating (or correcting), changing and signing a record. Errors are problem+json as in
 * api.c; a follow-up that does not exist (or is out of scope) answers 404 before the body
 * is read. */
#include "web/web.h"

#include "app/records.h"

#include <string.h>

/* The follow-up of the path as the actor may see it; answers 404 itself when not. */
static int
view(struct request *req, struct followup_view *v)
{
    long long id = req_id(req, 0);
    struct insyn_err err = {.arena = req->arena};
    if (!id) {
        err_set(&err, INSYN_ENOTFOUND, "Uppföljningen finns inte.");
        api_fail(req, &err);
        return -1;
    }
    if (app_followup_view(req->store, &req->actor, id, req->arena, v, &err)) {
        api_fail(req, &err);
        return -1;
    }
    return 0;
}

static void
answer_view(struct request *req, int status, long long id)
{
    struct followup_view v;
    struct insyn_err err = {.arena = req->arena};
    if (app_followup_view(req->store, &req->actor, id, req->arena, &v, &err)) {
        api_fail(req, &err);
        return;
    }
    if (status == 201)
        resp_header(req, "Location", arena_printf(req->arena, "/api/v1/followups/%lld", id));
    resp_json(req, status, followup_view_json(&v, app_today()));
}

void
api_agreement_followups(struct request *req)
{
    long long id = req_id(req, 0);
    struct insyn_err err = {.arena = req->arena};
    json_t *items;
    if (!id) {
        err_set(&err, INSYN_ENOTFOUND, "Avtalet finns inte.");
        api_fail(req, &err);
        return;
    }
    if (app_agreement_followups(req->store, &req->actor, id, req->arena, &items, &err)) {
        api_fail(req, &err);
        return;
    }
    resp_json(req, 200, json_pack("{s:o}", "items", items));
}

void
api_followup_get(struct request *req)
{
    struct followup_view v;
    if (view(req, &v))
        return;
    resp_json(req, 200, followup_view_json(&v, app_today()));
}

static void
record_write(struct request *req, int patch)
{
    struct followup_view v;
    if (view(req, &v))
        return;
    long long id = v.task.id;
    if (patch && v.n_versions == 0) {
        struct insyn_err err = {.arena = req->arena};
        err_set(&err, INSYN_ENOTFOUND, "Uppföljningen har inget protokoll ännu.");
        api_fail(req, &err);
        return;
    }
    json_t *body = api_json_body(req);
    if (!body)
        return;
    if (patch) { /* the newest version with the given fields replaced */
        json_t *merged = record_json(&v.versions[0]);
        json_object_update(merged, body);
        json_decref(body);
        body = merged;
    }
    struct record_input in;
    struct record r;
    struct insyn_err err = {.arena = req->arena};
    int rc = record_input_from_json(body, &in, req->arena, &err);
    json_decref(body);
    if (rc == 0)
        rc = patch ? app_record_update(req->store, &req->actor, id, &in, req->arena, &r, &err)
                   : app_record_create(req->store, &req->actor, id, &in, req->arena, &r, &err);
    if (rc) {
        api_fail(req, &err);
        return;
    }
    answer_view(req, patch ? 200 : 201, id);
}

void
api_record_create(struct request *req)
{
    record_write(req, 0);
}

void
api_record_patch(struct request *req)
{
    record_write(req, 1);
}

void
api_record_sign(struct request *req)
{
    struct followup_view v;
    if (view(req, &v))
        return;
    json_t *body = api_json_body(req);
    if (!body)
        return;
    json_t *confirm = json_object_get(body, "confirm");
    struct insyn_err err = {.arena = req->arena};
    struct record r;
    int rc = confirm && !json_is_boolean(confirm)
                 ? (err_field(&err, 0, "confirm", "Fältet har fel typ: ange true."), INSYN_EINVAL)
                 : app_record_sign(req->store, &req->actor, v.task.id, json_is_true(confirm),
                                   req->arena, &r, &err);
    json_decref(body);
    if (rc) {
        api_fail(req, &err);
        return;
    }
    answer_view(req, 200, v.task.id);
}
