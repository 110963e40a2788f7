/* page_organisations.c — Utförare: list, detail, create and edit; and their units. */
#include "web/web.h"

#include "app/signals.h"
#include "core/codes.h"
#include "core/date.h"

#include <stdio.h>
#include <string.h>

void
page_organisations(struct request *req)
{
    struct org_filter f = {
        .q = kv_get(&req->query, "q"),
        .kind = kv_get(&req->query, "kind"),
        .service_area = kv_get(&req->query, "service_area"),
        .sort = kv_get(&req->query, "sort"),
        .desc = kv_get(&req->query, "dir") && strcmp(kv_get(&req->query, "dir"), "desc") == 0,
        .page = req_int(req, "page", 1, 1, 100000),
        .per_page = 50,
    };
    struct organisation *items;
    int n, total;
    struct insyn_err err = {.arena = req->arena};
    if (app_org_list(req->store, &req->actor, &f, req->arena, &items, &n, &total, &err)) {
        respond_error(req, err.code, &err);
        return;
    }
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, organisation_json(&items[i]));
    json_t *data = json_pack("{s:o, s:o, s:s, s:o, s:o, s:b}", "organisations", list, "paging",
                             paging_json(req, f.page, f.per_page, total), "q", f.q ? f.q : "",
                             "kinds", code_list_json(organisation_kinds, f.kind), "service_areas",
                             code_list_json(service_areas, f.service_area), "can_write",
                             role_may(req->actor.role, PERM_ORG_WRITE));
    static const struct code_label sorts[] = {{"name", "Namn"},
                                              {"org_nr", "Organisationsnummer"},
                                              {"units", "Antal enheter"},
                                              {"agreements", "Antal avtal"},
                                              {NULL, NULL}};
    json_object_set_new(data, "sorts", code_list_json(sorts, f.sort ? f.sort : "name"));
    json_object_set_new(data, "desc", json_boolean(f.desc));
    render_page(req, 200, "organisations", "Utförare", data);
}

/* The organisation's latest signals, as the actor may see them (a provider: its reviewed ones). */
static void
add_signals(struct request *req, long long id, json_t *data)
{
    if (!role_may(req->actor.role, PERM_SIGNAL_READ))
        return;
    struct signal_filter f = {
        .organisation_id = id, .from = DATE_NONE, .to = DATE_NONE, .page = 1, .per_page = 10};
    struct signal *items;
    int n, total;
    struct insyn_err err = {.arena = req->arena};
    if (app_signal_list(req->store, &req->actor, &f, req->arena, &items, &n, &total, &err))
        return;
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, signal_json(&items[i], 0));
    json_object_set_new(data, "signals", arr);
    json_object_set_new(data, "signal_total", json_integer(total));
    json_object_set_new(data, "more_signals", json_boolean(total > n));
    json_object_set_new(data, "can_see_signals", json_true());
    json_object_set_new(data, "can_report",
                        json_boolean(role_may(req->actor.role, PERM_SIGNAL_REPORT)));
}

void
page_organisation(struct request *req)
{
    long long id = req_id(req, 0);
    struct organisation o;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_org_get(req->store, &req->actor, id, req->arena, &o, &err)) {
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    struct unit_filter uf = {.organisation_id = id, .page = 1, .per_page = 500};
    struct unit *units;
    int nu, total_units;
    struct agreement_filter af = {.organisation_id = id,
                                  .ends_from = DATE_NONE,
                                  .ends_to = DATE_NONE,
                                  .sort = "end",
                                  .desc = 1,
                                  .page = 1,
                                  .per_page = 500};
    struct agreement *ags;
    int na, total_ags;
    if (app_unit_list(req->store, &req->actor, &uf, req->arena, &units, &nu, &total_units, &err) ||
        app_agreement_list(req->store, &req->actor, &af, req->arena, &ags, &na, &total_ags, &err)) {
        respond_error(req, err.code, &err);
        return;
    }
    json_t *ju = json_array(), *ja = json_array();
    for (int i = 0; i < nu; i++)
        json_array_append_new(ju, unit_json(&units[i]));
    int today = app_today();
    for (int i = 0; i < na; i++)
        json_array_append_new(ja, agreement_json(&ags[i], today));
    json_t *data =
        json_pack("{s:o, s:o, s:o, s:o, s:b}", "organisation", organisation_json(&o), "units", ju,
                  "agreements", ja, "history", page_history_json(req, "organisation", id),
                  "can_write", role_may(req->actor.role, PERM_ORG_WRITE));
    json_object_set_new(data, "can_see_history",
                        json_boolean(role_may(req->actor.role, PERM_AUDIT_READ)));
    json_object_set_new(data, "can_write_agreements",
                        json_boolean(role_may(req->actor.role, PERM_AGREEMENT_WRITE)));
    add_signals(req, id, data);
    json_object_set_new(data, "can_see_risk",
                        json_boolean(role_may(req->actor.role, PERM_RISK_READ)));
    json_object_set_new(data, "can_see_checks",
                        json_boolean(role_may(req->actor.role, PERM_RISK_READ) &&
                                     req->actor.role != ROLE_PROVIDER_USER));
    json_object_set_new(data, "can_write_checks",
                        json_boolean(role_may(req->actor.role, PERM_CHECK_WRITE)));
    if (req->actor.role == ROLE_PROVIDER_USER) /* the portal's start page */
        add_my_surveys(req, data);
    render_page(req, 200, "organisation", o.name, data);
}

static void
organisation_form(struct request *req, int status, long long id, json_t *state)
{
    json_t *values = json_object_get(state, "values");
    const char *kind = json_string_value(json_object_get(values, "kind"));
    const char *legal_form = json_string_value(json_object_get(values, "legal_form"));
    json_object_set_new(state, "kinds", code_list_json(organisation_kinds, kind));
    json_object_set_new(state, "legal_forms", code_list_json(legal_forms, legal_form));
    json_object_set_new(
        state, "action",
        json_string(id ? arena_printf(req->arena, "/utforare/%lld", id) : "/utforare"));
    json_object_set_new(
        state, "cancel",
        json_string(id ? arena_printf(req->arena, "/utforare/%lld", id) : "/utforare"));
    json_object_set_new(state, "editing", json_boolean(id != 0));
    render_page(req, status, "organisation_form", id ? "Ändra utförare" : "Ny utförare", state);
}

void
page_organisation_new(struct request *req)
{
    json_t *state = form_state(req, organisation_input_fields, NULL);
    json_object_set_new(json_object_get(state, "values"), "kind", json_string("private"));
    json_object_set_new(json_object_get(state, "values"), "legal_form", json_string("ab"));
    organisation_form(req, 200, 0, state);
}

void
page_organisation_create(struct request *req)
{
    struct organisation_input in = {0};
    input_from_form(req, &in, organisation_input_fields);
    struct organisation o;
    struct insyn_err err = {.arena = req->arena};
    if (app_org_create(req->store, &req->actor, &in, req->arena, &o, &err)) {
        if (err.code == INSYN_EINVAL || err.code == INSYN_ECONFLICT)
            organisation_form(req, status_for(err.code), 0,
                              form_state(req, organisation_input_fields, &err));
        else
            respond_error(req, err.code, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/utforare/%lld?sparat=1", o.id));
}

void
page_organisation_edit(struct request *req)
{
    long long id = req_id(req, 0);
    struct organisation o;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_org_get(req->store, &req->actor, id, req->arena, &o, &err)) {
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    json_t *state = form_state(req, organisation_input_fields, NULL);
    json_t *current = organisation_json(&o);
    json_object_update_existing(json_object_get(state, "values"), current);
    json_decref(current);
    organisation_form(req, 200, id, state);
}

void
page_organisation_update(struct request *req)
{
    long long id = req_id(req, 0);
    struct organisation_input in = {0};
    input_from_form(req, &in, organisation_input_fields);
    struct organisation o;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_org_update(req->store, &req->actor, id, &in, req->arena, &o, &err)) {
        if (err.code == INSYN_EINVAL || err.code == INSYN_ECONFLICT)
            organisation_form(req, status_for(err.code), id,
                              form_state(req, organisation_input_fields, &err));
        else
            respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/utforare/%lld?sparat=1", id));
}

/* ---- units ---- */

static void
unit_form(struct request *req, int status, long long id, long long org_id, json_t *state)
{
    struct organisation o;
    struct insyn_err err = {.arena = req->arena};
    if (app_org_get(req->store, &req->actor, org_id, req->arena, &o, &err)) {
        json_decref(state);
        respond_error(req, err.code, &err);
        return;
    }
    json_t *values = json_object_get(state, "values");
    json_object_set_new(values, "organisation_id", json_integer(org_id));
    json_object_set_new(state, "organisation", organisation_json(&o));
    json_object_set_new(
        state, "service_areas",
        code_list_json(service_areas, json_string_value(json_object_get(values, "service_area"))));
    json_object_set_new(state, "permit_statuses",
                        code_list_json(ivo_permit_statuses, json_string_value(json_object_get(
                                                                values, "ivo_permit_status"))));
    json_object_set_new(
        state, "action",
        json_string(id ? arena_printf(req->arena, "/enheter/%lld", id) : "/enheter"));
    json_object_set_new(state, "cancel",
                        json_string(arena_printf(req->arena, "/utforare/%lld", org_id)));
    json_object_set_new(state, "editing", json_boolean(id != 0));
    render_page(req, status, "unit_form", id ? "Ändra enhet" : "Ny enhet", state);
}

void
page_unit(struct request *req)
{
    long long id = req_id(req, 0);
    struct unit u;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_unit_get(req->store, &req->actor, id, req->arena, &u, &err)) {
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    json_t *data = json_pack("{s:o, s:o, s:b, s:b}", "unit", unit_json(&u), "history",
                             page_history_json(req, "unit", id), "can_write",
                             role_may(req->actor.role, PERM_ORG_WRITE), "can_see_history",
                             role_may(req->actor.role, PERM_AUDIT_READ));
    render_page(req, 200, "unit", u.name, data);
}

static long long
form_org_id(struct request *req)
{
    const char *s = kv_get(&req->form, "organisation_id");
    long long v = 0;
    return s && sscanf(s, "%lld", &v) == 1 ? v : 0;
}

void
page_unit_new(struct request *req)
{
    long long org_id = req_id(req, 0);
    if (!org_id) {
        respond_error(req, INSYN_ENOTFOUND, NULL);
        return;
    }
    unit_form(req, 200, 0, org_id, form_state(req, unit_input_fields, NULL));
}

void
page_unit_create(struct request *req)
{
    struct unit_input in = {0};
    input_from_form(req, &in, unit_input_fields);
    struct unit u;
    struct insyn_err err = {.arena = req->arena};
    if (app_unit_create(req->store, &req->actor, &in, req->arena, &u, &err)) {
        if (err.code == INSYN_EINVAL && form_org_id(req))
            unit_form(req, 422, 0, form_org_id(req), form_state(req, unit_input_fields, &err));
        else
            respond_error(req, err.code, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/utforare/%lld?sparat=1", u.organisation_id));
}

void
page_unit_edit(struct request *req)
{
    long long id = req_id(req, 0);
    struct unit u;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_unit_get(req->store, &req->actor, id, req->arena, &u, &err)) {
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    json_t *state = form_state(req, unit_input_fields, NULL);
    json_t *current = unit_json(&u);
    json_object_update_existing(json_object_get(state, "values"), current);
    json_decref(current);
    unit_form(req, 200, id, u.organisation_id, state);
}

void
page_unit_update(struct request *req)
{
    long long id = req_id(req, 0);
    struct unit_input in = {0};
    input_from_form(req, &in, unit_input_fields);
    struct unit u;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_unit_update(req->store, &req->actor, id, &in, req->arena, &u, &err)) {
        if (id && err.code == INSYN_EINVAL && form_org_id(req))
            unit_form(req, 422, id, form_org_id(req), form_state(req, unit_input_fields, &err));
        else
            respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/utforare/%lld?sparat=1", u.organisation_id));
}
