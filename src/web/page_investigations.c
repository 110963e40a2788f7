/* page_investigations.c — Utredningar: event-driven and in-depth follow-ups with their plan,
 * focus areas, meetings and outcome; and sanctions under an agreement. */
#include "web/web.h"

#include "app/investigations.h"
#include "core/date.h"

#include <stdio.h>
#include <string.h>

static json_t *
people_json(struct request *req, const char *selected)
{
    struct user *users;
    int n;
    struct insyn_err err = {.arena = req->arena};
    json_t *arr = json_array();
    if (app_investigation_people(req->store, &req->actor, req->arena, &users, &n, &err))
        return arr;
    for (int i = 0; i < n; i++) {
        char id[24];
        snprintf(id, sizeof id, "%lld", users[i].id);
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:b}", "id", id, "name",
                                             users[i].name, "role_label", role_label(users[i].role),
                                             "selected", selected && strcmp(selected, id) == 0));
    }
    return arr;
}

static const char *
value(json_t *state, const char *key)
{
    return json_string_value(json_object_get(json_object_get(state, "values"), key));
}

void
page_investigations(struct request *req)
{
    const char *status = kv_get(&req->query, "status");
    if (status && strcmp(status, "open") != 0 && strcmp(status, "closed") != 0)
        status = NULL;
    struct investigation_filter f = {.status = status};
    struct investigation *items;
    int n;
    struct insyn_err err = {.arena = req->arena};
    if (app_investigation_list(req->store, &req->actor, &f, req->arena, &items, &n, &err)) {
        respond_error(req, err.code, &err);
        return;
    }
    json_t *list = json_array();
    for (int i = 0; i < n; i++) {
        json_t *j = investigation_json(&items[i]);
        json_object_set_new(j, "is_open", json_boolean(strcmp(items[i].status, "open") == 0));
        json_array_append_new(list, j);
    }
    json_t *data = json_pack("{s:o, s:b, s:o, s:b}", "investigations", list, "has_items", n > 0,
                             "statuses", code_list_json(investigation_statuses, status),
                             "can_write", role_may(req->actor.role, PERM_INVESTIGATION_WRITE));
    render_page(req, 200, "investigations", "Utredningar", data);
}

static void
investigation_form(struct request *req, int status, json_t *state)
{
    struct organisation *orgs;
    int no, total;
    struct org_filter of = {.sort = "name", .page = 1, .per_page = 5000};
    struct insyn_err err = {.arena = req->arena};
    if (app_org_list(req->store, &req->actor, &of, req->arena, &orgs, &no, &total, &err)) {
        json_decref(state);
        respond_error(req, err.code, &err);
        return;
    }
    const char *org_sel = value(state, "organisation_id");
    json_t *jo = json_array();
    long long org_id = 0;
    if (org_sel)
        sscanf(org_sel, "%lld", &org_id);
    for (int i = 0; i < no; i++) {
        char id[24];
        snprintf(id, sizeof id, "%lld", orgs[i].id);
        json_array_append_new(jo, json_pack("{s:s, s:s, s:b}", "id", id, "name", orgs[i].name,
                                            "selected", orgs[i].id == org_id));
    }
    json_object_set_new(state, "organisations", jo);
    /* the chosen organisation's agreements */
    json_t *ja = json_array();
    if (org_id) {
        struct agreement_filter af = {.organisation_id = org_id,
                                      .ends_from = DATE_NONE,
                                      .ends_to = DATE_NONE,
                                      .sort = "end",
                                      .desc = 1,
                                      .page = 1,
                                      .per_page = 500};
        struct agreement *ags;
        int na, ta;
        const char *ag_sel = value(state, "agreement_id");
        if (app_agreement_list(req->store, &req->actor, &af, req->arena, &ags, &na, &ta, &err) == 0)
            for (int i = 0; i < na; i++) {
                char id[24];
                snprintf(id, sizeof id, "%lld", ags[i].id);
                json_array_append_new(ja, json_pack("{s:s, s:s, s:s, s:b}", "id", id, "case_ref",
                                                    ags[i].case_ref, "title", ags[i].title,
                                                    "selected", ag_sel && strcmp(ag_sel, id) == 0));
            }
    }
    json_object_set_new(state, "agreements", ja);
    json_object_set_new(state, "has_agreements", json_boolean(json_array_size(ja) > 0));
    json_object_set_new(state, "kinds", code_list_json(investigation_kinds, value(state, "kind")));
    json_object_set_new(state, "people", people_json(req, value(state, "responsible_id")));
    json_object_set_new(state, "area_people",
                        people_json(req, value(state, "area_responsible_id")));
    /* the linked signals, carried as hidden fields */
    json_t *sigs = json_array();
    const char *ids = value(state, "signal_ids");
    char *copy = arena_strdup(req->arena, ids ? ids : "");
    for (char *save = NULL, *line = strtok_r(copy, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save))
        json_array_append_new(sigs, json_string(line));
    json_object_set_new(state, "signals", sigs);
    json_object_set_new(state, "has_signals", json_boolean(json_array_size(sigs) > 0));
    render_page(req, status, "investigation_form", "Ny händelsestyrd uppföljning", state);
}

static const struct input_field new_form_fields[] = {
    {"organisation_id", 0},     {"agreement_id", 0}, {"kind", 0},
    {"opened_on", 0},           {"reason", 0},       {"communication_plan", 0},
    {"responsible_id", 0},      {"signal_ids", 0},   {"area", 0},
    {"area_responsible_id", 0}, {"area_due", 0},     {NULL, 0},
};

void
page_investigation_new(struct request *req)
{
    json_t *state = form_state(req, new_form_fields, NULL);
    json_t *values = json_object_get(state, "values");
    const char *org = kv_get(&req->query, "organisation_id");
    const char *ag = kv_get(&req->query, "agreement_id");
    json_object_set_new(values, "organisation_id", json_string(org ? org : ""));
    json_object_set_new(values, "agreement_id", json_string(ag ? ag : ""));
    const char *sigs = kv_joined(req->arena, &req->query, "signal_id");
    json_object_set_new(values, "signal_ids", json_string(sigs ? sigs : ""));
    char today[11];
    date_format(app_today(), today);
    json_object_set_new(values, "opened_on", json_string(today));
    /* an in-depth follow-up of a sampled provider comes from the control plan's progress */
    const char *kind = kv_get(&req->query, "kind");
    json_object_set_new(
        values, "kind",
        json_string(kind && code_valid(investigation_kinds, kind) ? kind : "event_driven"));
    char me[24];
    snprintf(me, sizeof me, "%lld", req->actor.user_id);
    json_object_set_new(values, "responsible_id", json_string(me));
    investigation_form(req, 200, state);
}

void
page_investigation_create(struct request *req)
{
    struct investigation_input in = {0};
    input_from_form(req, &in, investigation_input_fields);
    struct investigation_area_input area = {
        .area = kv_get(&req->form, "area"),
        .responsible_id = kv_get(&req->form, "area_responsible_id"),
        .due = kv_get(&req->form, "area_due"),
    };
    int n_areas = area.area && *area.area ? 1 : 0;
    struct investigation inv;
    struct insyn_err err = {.arena = req->arena};
    if (app_investigation_open(req->store, &req->actor, &in, &area, n_areas, req->arena, &inv,
                               &err)) {
        if (err.code == INSYN_EINVAL) {
            /* the first area's errors belong to the form's area fields */
            struct insyn_err shown = {.arena = req->arena};
            for (int i = 0; i < err.nfields; i++) {
                const struct insyn_field_err *f = err_field_at(&err, i);
                const char *name = strcmp(f->field, "areas[0].area") == 0 ? "area"
                                   : strcmp(f->field, "areas[0].responsible_id") == 0
                                       ? "area_responsible_id"
                                   : strcmp(f->field, "areas[0].due") == 0 ? "area_due"
                                                                           : f->field;
                err_field(&shown, 0, name, "%s", f->message);
            }
            investigation_form(req, 422, form_state(req, new_form_fields, &shown));
        } else {
            respond_error(req, err.code, &err);
        }
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/utredningar/%lld?sparat=1", inv.id));
}

static void
investigation_page(struct request *req, int status, long long id, const char *which, json_t *state)
{
    struct investigation_view v;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_investigation_get(req->store, &req->actor, id, req->arena, &v, &err)) {
        json_decref(state);
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    int today = app_today();
    json_t *data = json_pack("{s:o}", "investigation", investigation_view_json(&v, today));
    int open = strcmp(v.inv.status, "open") == 0;
    int can_write = role_may(req->actor.role, PERM_INVESTIGATION_WRITE);
    json_object_set_new(data, "is_open", json_boolean(open));
    json_object_set_new(data, "can_write", json_boolean(can_write && open));
    json_object_set_new(data, "can_update_areas", json_boolean(can_write && open));
    size_t k;
    json_t *area;
    json_array_foreach(json_object_get(json_object_get(data, "investigation"), "areas"), k, area)
    {
        const char *area_status = json_string_value(json_object_get(area, "status"));
        json_object_set_new(area, "done",
                            json_boolean(area_status && strcmp(area_status, "done") == 0));
    }
    json_object_set_new(
        data, "can_sanction",
        json_boolean(v.inv.agreement_id && role_may(req->actor.role, PERM_SANCTION_WRITE)));
    json_object_set_new(data, "saved", json_boolean(kv_get(&req->query, "sparat") != NULL));
    /* each form's state: the one that failed with its values and errors, the others empty */
    static const struct input_field none[] = {{NULL, 0}};
    const char *forms[] = {"area_form", "meeting_form", "close_form"};
    for (int i = 0; i < 3; i++)
        json_object_set_new(data, forms[i],
                            which && strcmp(which, forms[i]) == 0 ? json_incref(state)
                                                                  : form_state(req, none, NULL));
    json_decref(state);
    json_t *af = json_object_get(data, "area_form");
    json_object_set_new(af, "people", people_json(req, value(af, "responsible_id")));
    json_t *cf = json_object_get(data, "close_form");
    json_object_set_new(cf, "outcomes",
                        code_list_json(investigation_outcomes, value(cf, "outcome")));
    if (!which) {
        char d[11];
        date_format(today, d);
        json_object_set_new(json_object_get(json_object_get(data, "meeting_form"), "values"),
                            "held_on", json_string(d));
        json_object_set_new(json_object_get(cf, "values"), "closed_on", json_string(d));
    }
    const char *title = arena_printf(req->arena, "%s: %s",
                                     code_label(investigation_kinds, v.inv.kind)
                                         ? code_label(investigation_kinds, v.inv.kind)
                                         : "Uppföljning",
                                     v.inv.organisation_name);
    render_page(req, status, "investigation", title, data);
}

void
page_investigation(struct request *req)
{
    investigation_page(req, 200, req_id(req, 0), NULL, NULL);
}

void
page_investigation_area_create(struct request *req)
{
    long long id = req_id(req, 0);
    struct investigation_area_input in = {0};
    input_from_form(req, &in, investigation_area_input_fields);
    struct investigation_area x;
    struct insyn_err err = {.arena = req->arena};
    if (!id ||
        app_investigation_area_save(req->store, &req->actor, id, 0, &in, req->arena, &x, &err)) {
        if (id && err.code == INSYN_EINVAL)
            investigation_page(req, 422, id, "area_form",
                               form_state(req, investigation_area_input_fields, &err));
        else
            respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/utredningar/%lld?sparat=1#omraden", id));
}

/* One area's change from its row: done or open again, and what was found. */
void
page_investigation_area_update(struct request *req)
{
    long long area_id = req_id(req, 0);
    struct investigation_area_input in = {0};
    input_from_form(req, &in, investigation_area_input_fields);
    struct investigation_area x;
    struct insyn_err err = {.arena = req->arena};
    if (!area_id || app_investigation_area_save(req->store, &req->actor, 0, area_id, &in,
                                                req->arena, &x, &err)) {
        respond_error(req, area_id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    resp_redirect(
        req, arena_printf(req->arena, "/utredningar/%lld?sparat=1#omraden", x.investigation_id));
}

void
page_investigation_meeting_create(struct request *req)
{
    long long id = req_id(req, 0);
    struct investigation_meeting_input in = {0};
    input_from_form(req, &in, investigation_meeting_input_fields);
    struct investigation_meeting m;
    struct insyn_err err = {.arena = req->arena};
    if (!id ||
        app_investigation_meeting_add(req->store, &req->actor, id, &in, req->arena, &m, &err)) {
        if (id && err.code == INSYN_EINVAL)
            investigation_page(req, 422, id, "meeting_form",
                               form_state(req, investigation_meeting_input_fields, &err));
        else
            respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/utredningar/%lld?sparat=1#moten", id));
}

void
page_investigation_close(struct request *req)
{
    long long id = req_id(req, 0);
    struct investigation_close_input in = {0};
    input_from_form(req, &in, investigation_close_input_fields);
    struct investigation inv;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_investigation_close(req->store, &req->actor, id, &in, req->arena, &inv, &err)) {
        if (id && err.code == INSYN_EINVAL)
            investigation_page(req, 422, id, "close_form",
                               form_state(req, investigation_close_input_fields, &err));
        else
            respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/utredningar/%lld?sparat=1", id));
}

/* ---- sanctions ---- */

static void
sanction_form(struct request *req, int status, long long agreement_id, json_t *state)
{
    struct agreement g;
    struct user *users;
    int nu;
    struct insyn_err err = {.arena = req->arena};
    if (!agreement_id ||
        app_agreement_get(req->store, &req->actor, agreement_id, req->arena, &g, &err) ||
        app_sanction_deciders(req->store, &req->actor, req->arena, &users, &nu, &err)) {
        json_decref(state);
        respond_error(req, agreement_id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    const char *sel = value(state, "decided_by");
    json_t *people = json_array();
    for (int i = 0; i < nu; i++) {
        char id[24];
        snprintf(id, sizeof id, "%lld", users[i].id);
        struct buf may;
        buf_init(&may);
        for (int k = 0; sanction_kinds[k].code; k++)
            if (sanction_may_decide(users[i].role, sanction_kinds[k].code)) {
                if (may.len)
                    buf_puts(&may, ", ");
                buf_puts(&may, code_label(sanction_kinds, sanction_kinds[k].code));
            }
        json_array_append_new(
            people, json_pack("{s:s, s:s, s:s, s:s, s:b}", "id", id, "name", users[i].name,
                              "role_label", role_label(users[i].role), "may_decide",
                              may.data ? may.data : "", "selected", sel && strcmp(sel, id) == 0));
        buf_free(&may);
    }
    json_t *order = json_array();
    for (int k = 0; sanction_deciders[k].kind; k++)
        json_array_append_new(order,
                              json_pack("{s:s, s:s}", "label",
                                        code_label(sanction_kinds, sanction_deciders[k].kind),
                                        "who", sanction_deciders[k].who));
    /* the organisation's open follow-ups, to link the sanction to */
    struct investigation_filter f = {.organisation_id = g.organisation_id};
    struct investigation *invs;
    int ni;
    json_t *ji = json_array();
    const char *isel = value(state, "investigation_id");
    if (app_investigation_list(req->store, &req->actor, &f, req->arena, &invs, &ni, &err) == 0)
        for (int i = 0; i < ni; i++) {
            char id[24], d[11];
            snprintf(id, sizeof id, "%lld", invs[i].id);
            date_format(invs[i].opened_on, d);
            json_array_append_new(ji, json_pack("{s:s, s:s, s:s, s:b}", "id", id, "label",
                                                code_label(investigation_kinds, invs[i].kind),
                                                "opened_on", d, "selected",
                                                isel && strcmp(isel, id) == 0));
        }
    json_object_set_new(state, "agreement", agreement_json(&g, app_today()));
    json_object_set_new(state, "deciders", people);
    json_object_set_new(state, "delegation_order", order);
    json_object_set_new(state, "investigations", ji);
    json_object_set_new(state, "has_investigations", json_boolean(json_array_size(ji) > 0));
    json_object_set_new(state, "kinds", code_list_json(sanction_kinds, value(state, "kind")));
    json_object_set_new(state, "causes", code_list_json(termination_causes, value(state, "cause")));
    json_object_set_new(state, "action",
                        json_string(arena_printf(req->arena, "/avtal/%lld/sanktioner", g.id)));
    render_page(req, status, "sanction_form", "Registrera sanktion", state);
}

void
page_sanction_new(struct request *req)
{
    json_t *state = form_state(req, sanction_input_fields, NULL);
    char d[11];
    date_format(app_today(), d);
    json_object_set_new(json_object_get(state, "values"), "decided_on", json_string(d));
    const char *inv = kv_get(&req->query, "investigation_id");
    if (inv)
        json_object_set_new(json_object_get(state, "values"), "investigation_id", json_string(inv));
    sanction_form(req, 200, req_id(req, 0), state);
}

void
page_sanction_create(struct request *req)
{
    long long id = req_id(req, 0);
    struct sanction_input in = {0};
    input_from_form(req, &in, sanction_input_fields);
    struct sanction s;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_sanction_register(req->store, &req->actor, id, &in, req->arena, &s, &err)) {
        if (id && (err.code == INSYN_EINVAL || err.code == INSYN_ECONFLICT))
            sanction_form(req, status_for(err.code), id,
                          form_state(req, sanction_input_fields, &err));
        else
            respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/avtal/%lld?sparat=1#sanktioner", id));
}

void
agreement_sanctions_data(struct request *req, long long agreement_id, json_t *data)
{
    struct insyn_err err = {.arena = req->arena};
    char *cause;
    int on;
    if (app_agreement_termination(req->store, &req->actor, agreement_id, req->arena, &cause, &on,
                                  &err) == 0 &&
        on != DATE_NONE) {
        char d[11];
        date_format(on, d);
        json_object_set_new(data, "termination",
                            json_pack("{s:s, s:s, s:s}", "cause", cause, "cause_label",
                                      *cause && code_label(termination_causes, cause)
                                          ? code_label(termination_causes, cause)
                                          : "Orsak inte angiven",
                                      "terminated_on", d));
    }
    if (!role_may(req->actor.role, PERM_RISK_READ))
        return;
    struct sanction *items;
    int n;
    json_t *arr = json_array();
    if (app_sanction_list(req->store, &req->actor, agreement_id, req->arena, &items, &n, &err) == 0)
        for (int i = 0; i < n; i++)
            json_array_append_new(arr, sanction_json(&items[i]));
    json_object_set_new(data, "sanctions", arr);
    json_object_set_new(data, "show_sanctions", json_true());
    json_object_set_new(data, "can_sanction",
                        json_boolean(role_may(req->actor.role, PERM_SANCTION_WRITE)));
}
