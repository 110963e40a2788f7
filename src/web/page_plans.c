/* page_plans.c — Kontrollplan: the year's plans, a new plan and its changes, one plan with its
 * sample (live while a draft, frozen once approved), its units added for risk with the
 * suggestions from signals and credit checks, and the committee's decision. */
#include "web/web.h"

#include "app/plans.h"
#include "core/codes.h"
#include "core/date.h"

#include <stdlib.h>
#include <string.h>

void
page_plans(struct request *req)
{
    struct control_plan *items;
    int n;
    struct insyn_err err = {.arena = req->arena};
    if (app_plan_list(req->store, &req->actor, req->arena, &items, &n, &err)) {
        respond_error(req, err.code, &err);
        return;
    }
    json_t *list = json_array();
    for (int i = 0; i < n; i++) {
        json_t *j = plan_json(&items[i]);
        json_object_set_new(j, "approved", json_boolean(strcmp(items[i].status, "approved") == 0));
        json_array_append_new(list, j);
    }
    render_page(req, 200, "plans", "Kontrollplaner",
                json_pack("{s:o, s:b, s:b}", "plans", list, "has_plans", n > 0, "can_write",
                          role_may(req->actor.role, PERM_PLAN_WRITE)));
}

/* The agreements to choose among for a field, with the chosen one marked. */
static json_t *
case_ref_choices(const struct case_ref_row *rows, int n, const char *selected)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:i, s:b}", "case_ref", rows[i].case_ref,
                                             "title", rows[i].title, "agreements",
                                             rows[i].agreements, "selected",
                                             selected && strcmp(selected, rows[i].case_ref) == 0));
    return arr;
}

static const char *
value(json_t *state, const char *name)
{
    return json_string_value(json_object_get(json_object_get(state, "values"), name));
}

/* The plan form (new: id 0). */
static void
plan_form(struct request *req, int status, long long id, json_t *state)
{
    struct case_ref_row *rows = NULL;
    int n = 0;
    struct insyn_err err = {.arena = req->arena};
    app_plan_case_refs(req->store, &req->actor, req->arena, &rows, &n, &err);
    json_object_set_new(state, "focus_agreements",
                        case_ref_choices(rows, n, value(state, "focus_case_ref")));
    json_object_set_new(state, "sample_agreements",
                        case_ref_choices(rows, n, value(state, "sample_case_ref")));
    json_object_set_new(state, "service_areas",
                        code_list_json(service_areas, value(state, "focus_service_area")));
    json_object_set_new(state, "id", json_integer(id));
    json_object_set_new(state, "editing", json_boolean(id != 0));
    render_page(req, status, "plan_form", id ? "Ändra kontrollplanen" : "Ny kontrollplan", state);
}

void
page_plan_new(struct request *req)
{
    json_t *state = form_state(req, plan_input_fields, NULL);
    json_t *values = json_object_get(state, "values");
    int y, m, d;
    date_to_ymd(app_today(), &y, &m, &d);
    json_object_set_new(values, "year", json_string(arena_printf(req->arena, "%d", y + 1)));
    json_object_set_new(values, "title",
                        json_string(arena_printf(req->arena,
                                                 "Plan för kontroll och uppföljning av privata "
                                                 "utförare %d",
                                                 y + 1)));
    json_object_set_new(values, "min_placements",
                        json_string(arena_printf(req->arena, "%d", SAMPLE_DEFAULT_MIN)));
    plan_form(req, 200, 0, state);
}

void
page_plan_create(struct request *req)
{
    struct plan_input in = {0};
    input_from_form(req, &in, plan_input_fields);
    struct control_plan p;
    struct insyn_err err = {.arena = req->arena};
    if (app_plan_create(req->store, &req->actor, &in, req->arena, &p, &err)) {
        if (err.code == INSYN_EINVAL)
            plan_form(req, 422, 0, form_state(req, plan_input_fields, &err));
        else
            respond_error(req, err.code, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/kontrollplaner/%lld?sparat=1", p.id));
}

void
page_plan_edit(struct request *req)
{
    long long id = req_id(req, 0);
    struct plan_view v;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_plan_get(req->store, &req->actor, id, req->arena, &v, &err)) {
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    if (v.frozen) {
        err_set(&err, INSYN_ECONFLICT, "Planen är godkänd och kan inte längre ändras.");
        respond_error(req, err.code, &err);
        return;
    }
    json_t *state = form_state(req, plan_input_fields, NULL);
    json_t *values = json_object_get(state, "values");
    char from[11], to[11];
    date_format(v.plan.rule.from, from);
    date_format(v.plan.rule.to, to);
    const struct {
        const char *name, *value;
    } fill[] = {
        {"year", arena_printf(req->arena, "%d", v.plan.year)},
        {"title", v.plan.title},
        {"case_ref", v.plan.case_ref},
        {"focus_case_ref", v.plan.focus_case_ref},
        {"focus_service_area", v.plan.focus_service_area},
        {"themes", v.plan.themes},
        {"sample_case_ref", v.plan.rule.case_ref},
        {"sample_from", from},
        {"sample_to", to},
        {"min_placements", arena_printf(req->arena, "%d", v.plan.rule.min_placements)},
    };
    for (size_t i = 0; i < sizeof fill / sizeof fill[0]; i++)
        json_object_set_new(values, fill[i].name, json_string(fill[i].value));
    plan_form(req, 200, id, state);
}

void
page_plan_update(struct request *req)
{
    long long id = req_id(req, 0);
    struct plan_input in = {0};
    input_from_form(req, &in, plan_input_fields);
    struct control_plan p;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_plan_update(req->store, &req->actor, id, &in, req->arena, &p, &err)) {
        if (id && err.code == INSYN_EINVAL)
            plan_form(req, 422, id, form_state(req, plan_input_fields, &err));
        else
            respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/kontrollplaner/%lld?sparat=1", id));
}

/* ---- one plan ---- */

static void
plan_page(struct request *req, int status, long long id, const char *which, json_t *state)
{
    struct plan_view v;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_plan_get(req->store, &req->actor, id, req->arena, &v, &err)) {
        json_decref(state);
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    int can_write = role_may(req->actor.role, PERM_PLAN_WRITE) && !v.frozen;
    json_t *data =
        json_pack("{s:o, s:b, s:b, s:i, s:b}", "plan", plan_view_json(&v), "can_write", can_write,
                  "frozen", v.frozen, "sample_count", v.n_sample, "has_sample", v.n_sample > 0);
    json_object_set_new(data, "has_risk", json_boolean(v.n_risk > 0));
    json_object_set_new(
        data, "sample_text",
        json_string(v.n_sample == 1
                        ? "1 enhet ingår i urvalet."
                        : arena_printf(req->arena, "%d enheter ingår i urvalet.", v.n_sample)));
    /* each form's state: the one that failed with its values and errors, the other empty */
    static const struct input_field none[] = {{NULL, 0}};
    const char *forms[] = {"risk_form", "approve_form"};
    for (int i = 0; i < 2; i++)
        json_object_set_new(data, forms[i],
                            which && strcmp(which, forms[i]) == 0 ? json_incref(state)
                                                                  : form_state(req, none, NULL));
    json_decref(state);
    if (can_write) {
        struct plan_suggestion *sg = NULL;
        struct sample_unit *units = NULL;
        int nsg = 0, nu = 0;
        struct insyn_err ignore = {.arena = req->arena};
        app_plan_suggestions(req->store, &req->actor, app_today(), req->arena, &sg, &nsg, &ignore);
        app_plan_unit_choices(req->store, &req->actor, &v.plan, sg, nsg, req->arena, &units, &nu,
                              &ignore);
        json_t *js = json_array(), *ju = json_array();
        for (int i = 0; i < nsg; i++)
            json_array_append_new(js, plan_suggestion_json(&sg[i]));
        json_t *rf = json_object_get(data, "risk_form");
        const char *chosen = value(rf, "unit_id");
        long long chosen_id = chosen ? atoll(chosen) : 0;
        for (int i = 0; i < nu; i++) {
            int taken = 0;
            for (int k = 0; k < v.n_risk && !taken; k++)
                taken = v.risk[k].unit_id == units[i].unit_id;
            if (!taken)
                json_array_append_new(ju, json_pack("{s:I, s:s, s:s, s:b}", "id",
                                                    (json_int_t)units[i].unit_id, "organisation",
                                                    units[i].organisation, "unit", units[i].unit,
                                                    "selected", units[i].unit_id == chosen_id));
        }
        json_object_set_new(data, "suggestions", js);
        json_object_set_new(data, "has_suggestions", json_boolean(nsg > 0));
        json_object_set_new(rf, "units", ju);
        if (!which || strcmp(which, "approve_form") != 0) {
            char today[11];
            date_format(app_today(), today);
            json_object_set_new(json_object_get(json_object_get(data, "approve_form"), "values"),
                                "decided_on", json_string(today));
        }
    }
    render_page(req, status, "plan", v.plan.title, data);
}

void
page_plan(struct request *req)
{
    plan_page(req, 200, req_id(req, 0), NULL, json_object());
}

void
page_plan_risk_add(struct request *req)
{
    long long id = req_id(req, 0);
    struct plan_risk_input in = {0};
    input_from_form(req, &in, plan_risk_input_fields);
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_plan_risk_add(req->store, &req->actor, id, &in, req->arena, &err)) {
        if (id && err.code == INSYN_EINVAL)
            plan_page(req, 422, id, "risk_form", form_state(req, plan_risk_input_fields, &err));
        else
            respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/kontrollplaner/%lld?sparat=1#risk", id));
}

void
page_plan_risk_remove(struct request *req)
{
    long long id = req_id(req, 0);
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_plan_risk_remove(req->store, &req->actor, id, kv_get(&req->form, "unit_id"),
                                    req->arena, &err)) {
        if (id && err.code == INSYN_EINVAL)
            plan_page(req, 422, id, "risk_form", form_state(req, plan_risk_input_fields, &err));
        else
            respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/kontrollplaner/%lld?sparat=1#risk", id));
}

void
page_plan_approve(struct request *req)
{
    long long id = req_id(req, 0);
    struct plan_decision_input in = {0};
    input_from_form(req, &in, plan_decision_input_fields);
    struct plan_view v;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_plan_approve(req->store, &req->actor, id, &in, req->arena, &v, &err)) {
        if (id && err.code == INSYN_EINVAL)
            plan_page(req, 422, id, "approve_form",
                      form_state(req, plan_decision_input_fields, &err));
        else
            respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/kontrollplaner/%lld?sparat=1", id));
}

void
page_plan_progress(struct request *req)
{
    long long id = req_id(req, 0);
    struct plan_view v;
    struct plan_progress_row *rows;
    int n;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_plan_progress(req->store, &req->actor, id, req->arena, &v, &rows, &n, &err)) {
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    int can_open = role_may(req->actor.role, PERM_INVESTIGATION_WRITE);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        json_t *r = plan_progress_json(&rows[i], req->arena);
        json_object_set_new(r, "can_open", json_boolean(can_open));
        json_object_set_new(r, "has_ivo", json_boolean(rows[i].n_ivo > 0));
        json_array_append_new(arr, r);
    }
    json_t *data = json_pack("{s:o, s:b, s:b, s:o}", "plan", plan_json(&v.plan), "frozen", v.frozen,
                             "has_rows", n > 0, "rows", arr);
    render_page(req, 200, "plan_progress",
                arena_printf(req->arena, "Översiktlig uppföljning %d", v.plan.year), data);
}
