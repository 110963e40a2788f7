/* api_investigations.c — the JSON API of event-driven follow-ups and sanctions:
 * /api/v1/investigations and /api/v1/agreements/:id/sanctions. */
#include "web/web.h"

#include "app/investigations.h"
#include "core/date.h"

#include <stdio.h>
#include <string.h>

static void
not_found(struct request *req, const char *what)
{
    struct insyn_err err = {.arena = req->arena};
    err_set(&err, INSYN_ENOTFOUND, "%s finns inte.", what);
    api_fail(req, &err);
}

void
api_investigations_list(struct request *req)
{
    long long org = 0, agreement = 0;
    const char *s = kv_get(&req->query, "organisation_id");
    if (s)
        sscanf(s, "%lld", &org);
    s = kv_get(&req->query, "agreement_id");
    if (s)
        sscanf(s, "%lld", &agreement);
    const char *status = kv_get(&req->query, "status");
    struct investigation_filter f = {
        .status = status && (strcmp(status, "open") == 0 || strcmp(status, "closed") == 0) ? status
                                                                                           : NULL,
        .organisation_id = org,
        .agreement_id = agreement,
    };
    struct investigation *items;
    int n;
    struct insyn_err err = {.arena = req->arena};
    if (app_investigation_list(req->store, &req->actor, &f, req->arena, &items, &n, &err)) {
        api_fail(req, &err);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, investigation_json(&items[i]));
    resp_json(req, 200, json_pack("{s:o, s:i}", "items", arr, "total", n));
}

static void
respond_view(struct request *req, int status, long long id)
{
    struct investigation_view v;
    struct insyn_err err = {.arena = req->arena};
    if (app_investigation_get(req->store, &req->actor, id, req->arena, &v, &err)) {
        api_fail(req, &err);
        return;
    }
    if (status == 201)
        resp_header(req, "Location", arena_printf(req->arena, "/api/v1/investigations/%lld", id));
    resp_json(req, status, investigation_view_json(&v, app_today()));
}

void
api_investigation_get(struct request *req)
{
    long long id = req_id(req, 0);
    if (!id) {
        not_found(req, "Uppföljningen");
        return;
    }
    respond_view(req, 200, id);
}

void
api_investigation_create(struct request *req)
{
    json_t *body = api_json_body(req);
    if (!body)
        return;
    struct insyn_err err = {.arena = req->arena};
    struct investigation_input in = {0};
    /* org_nr instead of organisation_id */
    json_t *org_nr = json_object_get(body, "org_nr");
    if (json_is_string(org_nr) && !json_object_get(body, "organisation_id")) {
        long long org_id;
        if (store_org_id_by_orgnr(req->store, json_string_value(org_nr), &org_id) == 0)
            json_object_set_new(body, "organisation_id", json_integer(org_id));
        else
            err_field(&err, 0, "org_nr", "Det finns ingen utförare med organisationsnumret %s.",
                      json_string_value(org_nr));
    }
    json_t *areas = json_object_get(body, "areas");
    int n_areas = 0;
    struct investigation_area_input *ai = NULL;
    if (areas && !json_is_array(areas)) {
        err_field(&err, 0, "areas", "Fokusområdena ska vara en lista.");
    } else if (areas) {
        n_areas = (int)json_array_size(areas);
        if (n_areas > 50) {
            err_field(&err, 0, "areas", "Högst 50 fokusområden kan anges på en gång.");
            n_areas = 0;
        }
        ai = arena_alloc(req->arena, sizeof *ai * (size_t)(n_areas + 1));
        for (int i = 0; i < n_areas; i++) {
            json_t *x = json_array_get(areas, (size_t)i);
            struct insyn_err sub = {.arena = req->arena};
            if (input_from_json(x, &ai[i], investigation_area_input_fields, req->arena, &sub))
                err_field(&err, 0, arena_printf(req->arena, "areas[%d]", i),
                          "Fokusområdet ska vara ett objekt med area, responsible_id och due.");
        }
    }
    json_object_del(body, "areas");
    json_object_del(body, "org_nr");
    input_from_json(body, &in, investigation_input_fields, req->arena, &err);
    json_decref(body);
    if (err.nfields) {
        api_fail(req, &err);
        return;
    }
    struct investigation inv;
    if (app_investigation_open(req->store, &req->actor, &in, ai, n_areas, req->arena, &inv, &err)) {
        api_fail(req, &err);
        return;
    }
    respond_view(req, 201, inv.id);
}

/* Reads the body into an input and the path's investigation id; 0 after answering. */
static long long
write_body(struct request *req, void *input, const struct input_field *fields,
           struct insyn_err *err)
{
    long long id = req_id(req, 0);
    struct investigation_view v; /* an unknown follow-up is 404 whatever the body */
    if (!id || app_investigation_get(req->store, &req->actor, id, req->arena, &v, err)) {
        if (!id)
            not_found(req, "Uppföljningen");
        else
            api_fail(req, err);
        return 0;
    }
    return api_input(req, input, fields, err) ? 0 : id;
}

void
api_investigation_area_create(struct request *req)
{
    struct investigation_area_input in = {0};
    struct insyn_err err = {.arena = req->arena};
    long long id = write_body(req, &in, investigation_area_input_fields, &err);
    if (!id)
        return;
    struct investigation_area x;
    if (app_investigation_area_save(req->store, &req->actor, id, 0, &in, req->arena, &x, &err)) {
        api_fail(req, &err);
        return;
    }
    resp_json(req, 201, investigation_area_json(&x, app_today()));
}

void
api_investigation_area_patch(struct request *req)
{
    long long area_id = req_id(req, 0);
    struct insyn_err err = {.arena = req->arena};
    if (!area_id) {
        err_set(&err, INSYN_ENOTFOUND, "Fokusområdet finns inte.");
        api_fail(req, &err);
        return;
    }
    struct investigation_area_input in = {0};
    struct investigation_area x;
    if (api_input(req, &in, investigation_area_input_fields, &err))
        return;
    if (app_investigation_area_save(req->store, &req->actor, 0, area_id, &in, req->arena, &x,
                                    &err)) {
        api_fail(req, &err);
        return;
    }
    resp_json(req, 200, investigation_area_json(&x, app_today()));
}

void
api_investigation_meeting_create(struct request *req)
{
    struct investigation_meeting_input in = {0};
    struct insyn_err err = {.arena = req->arena};
    long long id = write_body(req, &in, investigation_meeting_input_fields, &err);
    if (!id)
        return;
    struct investigation_meeting m;
    if (app_investigation_meeting_add(req->store, &req->actor, id, &in, req->arena, &m, &err)) {
        api_fail(req, &err);
        return;
    }
    resp_json(req, 201, investigation_meeting_json(&m));
}

void
api_investigation_close(struct request *req)
{
    struct investigation_close_input in = {0};
    struct insyn_err err = {.arena = req->arena};
    long long id = write_body(req, &in, investigation_close_input_fields, &err);
    if (!id)
        return;
    struct investigation inv;
    if (app_investigation_close(req->store, &req->actor, id, &in, req->arena, &inv, &err)) {
        api_fail(req, &err);
        return;
    }
    respond_view(req, 200, id);
}

/* ---- sanctions ---- */

void
api_sanctions_list(struct request *req)
{
    long long id = req_id(req, 0);
    struct sanction *items;
    int n;
    struct insyn_err err = {.arena = req->arena};
    if (!id) {
        not_found(req, "Avtalet");
        return;
    }
    if (app_sanction_list(req->store, &req->actor, id, req->arena, &items, &n, &err)) {
        api_fail(req, &err);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, sanction_json(&items[i]));
    resp_json(req, 200, json_pack("{s:o}", "items", arr));
}

void
api_sanction_create(struct request *req)
{
    long long id = req_id(req, 0);
    struct agreement g; /* an unknown agreement is 404 whatever the body */
    struct insyn_err gerr = {.arena = req->arena};
    if (!id || app_agreement_get(req->store, &req->actor, id, req->arena, &g, &gerr)) {
        if (!id)
            not_found(req, "Avtalet");
        else
            api_fail(req, &gerr);
        return;
    }
    json_t *body = api_json_body(req);
    if (!body)
        return;
    /* an amount in kronor may be a number with decimals */
    json_t *amount = json_object_get(body, "amount");
    if (json_is_real(amount))
        json_object_set_new(body, "amount",
                            json_string(arena_printf(req->arena, "%.2f", json_real_value(amount))));
    struct sanction_input in = {0};
    struct insyn_err err = {.arena = req->arena};
    int rc = input_from_json(body, &in, sanction_input_fields, req->arena, &err);
    json_decref(body);
    struct sanction s;
    if (rc == 0)
        rc = app_sanction_register(req->store, &req->actor, id, &in, req->arena, &s, &err);
    if (rc) {
        api_fail(req, &err);
        return;
    }
    resp_header(req, "Location", arena_printf(req->arena, "/api/v1/agreements/%lld/sanctions", id));
    resp_json(req, 201, sanction_json(&s));
}
