/* page_checks.c — an organisation's external controls (Kontroller): the history, a form per
 * kind, and the same in the API (POST /api/v1/checks, GET /api/v1/organisations/:id/checks). */
#include "web/web.h"

#include "core/text.h"

#include "app/checks.h"
#include "core/codes.h"
#include "core/date.h"

#include <string.h>

/* A control as a line of the history: its JSON and what it found, in words. */
static json_t *
check_row_json(struct request *req, const struct external_check *c)
{
    json_t *j = check_json(c);
    const char *result = "";
    if (strcmp(c->kind, "credit") == 0)
        result = arena_printf(req->arena, "%s %d (gräns %d): %s",
                              strcmp(c->bureau, "uc") == 0 ? "UC riskklass" : "Creditsafe",
                              c->value, c->threshold, c->passed ? "godkänd" : "under gränsen");
    else if (strcmp(c->kind, "tax") == 0)
        result = c->passed ? "Inga anmärkningar."
                           : check_failure_text(req->arena, c) +
                                 strlen("Kontroll hos Skatteverket och Kronofogden: ");
    else if (strcmp(c->kind, "ivo") == 0)
        result = code_label(ivo_record_kinds, c->ivo_kind)
                     ? code_label(ivo_record_kinds, c->ivo_kind)
                     : "";
    else
        result = "Försatt i konkurs.";
    json_object_set_new(j, "result", json_string(result));
    json_object_set_new(j, "failed", json_boolean(c->passed == 0));
    json_object_set_new(
        j, "signal_category_label",
        json_string(c->signal_id && code_label(signal_categories, c->signal_category)
                        ? code_label(signal_categories, c->signal_category)
                        : ""));
    return j;
}

void
page_checks(struct request *req)
{
    long long id = req_id(req, 0);
    struct organisation o;
    struct insyn_err err = {.arena = req->arena};
    const char *kind = kv_get(&req->query, "kind");
    if (kind && !code_valid(check_kinds, kind))
        kind = NULL;
    struct external_check *items;
    int n;
    if (!id || app_org_get(req->store, &req->actor, id, req->arena, &o, &err) ||
        app_check_list(req->store, &req->actor, id, kind, req->arena, &items, &n, &err)) {
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, check_row_json(req, &items[i]));
    json_t *data =
        json_pack("{s:o, s:o, s:o, s:b, s:b}", "organisation", organisation_json(&o), "checks",
                  list, "kinds", code_list_json(check_kinds, kind), "can_write",
                  role_may(req->actor.role, PERM_CHECK_WRITE), "filtered", kind != NULL);
    render_page(req, 200, "checks", arena_printf(req->arena, "Kontroller – %s", o.name), data);
}

/* The LOV application a control is recorded for (?ansokan=ID, then a hidden field), whose
 * page the form returns to; 0 when none. */
static long long
from_application(struct request *req)
{
    const char *s = kv_get(&req->form, "ansokan");
    if (!s)
        s = kv_get(&req->query, "ansokan");
    long long id = 0;
    return s && text_parse_uint(s, 1LL << 53, &id) == 0 ? id : 0;
}

static void
check_form(struct request *req, int status, const struct organisation *o, const char *kind,
           json_t *state)
{
    json_t *values = json_object_get(state, "values");
    struct unit_filter uf = {.organisation_id = o->id, .page = 1, .per_page = 500};
    struct unit *units;
    int nu, total;
    struct insyn_err err = {.arena = req->arena};
    if (app_unit_list(req->store, &req->actor, &uf, req->arena, &units, &nu, &total, &err)) {
        json_decref(state);
        respond_error(req, err.code, &err);
        return;
    }
    const char *chosen = json_string_value(json_object_get(values, "unit_id"));
    json_t *ju = json_array();
    for (int i = 0; i < nu; i++) {
        char *uid = arena_printf(req->arena, "%lld", units[i].id);
        json_array_append_new(ju, json_pack("{s:s, s:s, s:b}", "code", uid, "label", units[i].name,
                                            "selected", chosen && strcmp(chosen, uid) == 0));
    }
    json_object_set_new(state, "organisation", organisation_json(o));
    json_object_set_new(state, "units", ju);
    json_object_set_new(state, "kind", json_string(kind ? kind : ""));
    json_object_set_new(state, "kind_label",
                        json_string(kind ? code_label(check_kinds, kind) : "Välj typ av kontroll"));
    json_object_set_new(state, "kinds", code_list_json(check_kinds, NULL));
    json_object_set_new(state, "is_credit", json_boolean(kind && strcmp(kind, "credit") == 0));
    json_object_set_new(state, "is_tax", json_boolean(kind && strcmp(kind, "tax") == 0));
    json_object_set_new(state, "is_ivo", json_boolean(kind && strcmp(kind, "ivo") == 0));
    json_object_set_new(state, "is_bankruptcy",
                        json_boolean(kind && strcmp(kind, "bankruptcy") == 0));
    json_object_set_new(
        state, "bureaus",
        code_list_json(credit_bureaus, json_string_value(json_object_get(values, "bureau"))));
    json_object_set_new(
        state, "ivo_kinds",
        code_list_json(ivo_record_kinds, json_string_value(json_object_get(values, "ivo_kind"))));
    static const char *const yes_no[] = {"f_tax", "taxes_paid", "contributions_paid"};
    for (size_t i = 0; i < sizeof yes_no / sizeof *yes_no; i++) {
        const char *v = json_string_value(json_object_get(values, yes_no[i]));
        json_object_set_new(state, arena_printf(req->arena, "%s_yes", yes_no[i]),
                            json_boolean(v && strcmp(v, "ja") == 0));
        json_object_set_new(state, arena_printf(req->arena, "%s_no", yes_no[i]),
                            json_boolean(v && strcmp(v, "nej") == 0));
    }
    json_object_set_new(state, "today", date_json(app_today()));
    long long application = from_application(req);
    if (application)
        json_object_set_new(state, "application_id", json_integer(application));
    json_object_set_new(state, "action",
                        json_string(arena_printf(req->arena, "/utforare/%lld/kontroller", o->id)));
    render_page(req, status, "check_form",
                kind ? code_label(check_kinds, kind) : "Registrera kontroll", state);
}

void
page_check_new(struct request *req)
{
    long long id = req_id(req, 0);
    struct organisation o;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_org_get(req->store, &req->actor, id, req->arena, &o, &err)) {
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    const char *kind = kv_get(&req->query, "kind");
    if (kind && !code_valid(check_kinds, kind))
        kind = NULL;
    json_t *state = form_state(req, check_input_fields, NULL);
    check_form(req, 200, &o, kind, state);
}

void
page_check_create(struct request *req)
{
    long long id = req_id(req, 0);
    struct organisation o;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_org_get(req->store, &req->actor, id, req->arena, &o, &err)) {
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    struct check_input in = {0};
    input_from_form(req, &in, check_input_fields);
    in.org_nr = NULL;
    in.organisation_id = arena_printf(req->arena, "%lld", id);
    struct external_check c;
    if (app_check_add(req->store, &req->actor, &in, req->arena, &c, &err)) {
        if (err.code == INSYN_EINVAL) {
            const char *kind = kv_get(&req->form, "kind");
            check_form(req, 422, &o, kind && code_valid(check_kinds, kind) ? kind : NULL,
                       form_state(req, check_input_fields, &err));
        } else {
            respond_error(req, err.code, &err);
        }
        return;
    }
    long long application = from_application(req);
    resp_redirect(
        req, application
                 ? arena_printf(req->arena, "/ansokningar/%lld?sparat=1#steg-checks", application)
                 : arena_printf(req->arena, "/utforare/%lld/kontroller?sparat=1", id));
}

/* ---- API ---- */

void
api_check_create(struct request *req)
{
    json_t *body = api_json_body(req);
    if (!body)
        return;
    struct insyn_err err = {.arena = req->arena};
    struct check_input in = {0};
    int rc = input_from_json(body, &in, check_input_fields, req->arena, &err);
    json_decref(body);
    struct external_check c;
    if (rc == 0)
        rc = app_check_add(req->store, &req->actor, &in, req->arena, &c, &err);
    if (rc) {
        api_fail(req, &err);
        return;
    }
    resp_header(req, "Location",
                arena_printf(req->arena, "/api/v1/organisations/%lld/checks", c.organisation_id));
    resp_json(req, 201, check_json(&c));
}

void
api_organisation_checks(struct request *req)
{
    long long id = req_id(req, 0);
    struct insyn_err err = {.arena = req->arena};
    struct external_check *items;
    int n;
    if (!id) {
        respond_error(req, INSYN_ENOTFOUND, NULL);
        return;
    }
    if (app_check_list(req->store, &req->actor, id, kv_get(&req->query, "kind"), req->arena, &items,
                       &n, &err)) {
        if (err.code == INSYN_EINVAL) {
            resp_problem(req, 400, "Filtret innehåller fel.", &err);
            return;
        }
        api_fail(req, &err);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, check_json(&items[i]));
    resp_json(req, 200, json_pack("{s:o}", "items", arr));
}
