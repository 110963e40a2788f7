/* page_routines.c — Rutiner: the follow-up routines and their activity rows. */
#include "web/web.h"

#include "core/codes.h"
#include "core/routine.h"
#include "core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "lov in_house" as "LOV, valfrihetssystem; Egen regi". */
static json_t *
labels_json(const char *codes, const struct code_label *table)
{
    json_t *arr = json_array();
    char *copy = strdup(codes ? codes : "");
    if (!copy)
        return arr;
    for (char *save = NULL, *tok = strtok_r(copy, " ", &save); tok;
         tok = strtok_r(NULL, " ", &save)) {
        const char *label = code_label(table, tok);
        json_array_append_new(arr, json_string(label ? label : tok));
    }
    free(copy);
    return arr;
}

static json_t *
routine_json(const struct routine_row *r)
{
    return json_pack("{s:I, s:s, s:o, s:o, s:s, s:s, s:b}", "id", (json_int_t)r->id, "name",
                     r->name, "forms", labels_json(r->forms, agreement_forms), "service_areas",
                     labels_json(r->service_areas, service_areas), "main_role_label",
                     role_label(role_parse(r->main_role)), "substitute_role_label",
                     *r->substitute_role ? role_label(role_parse(r->substitute_role)) : "–",
                     "builtin", r->builtin);
}

void
page_routines(struct request *req)
{
    struct routine_row *items;
    int n;
    struct insyn_err err = {.arena = req->arena};
    if (app_routine_list(req->store, &req->actor, req->arena, &items, &n, &err)) {
        respond_error(req, err.code, &err);
        return;
    }
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, routine_json(&items[i]));
    render_page(req, 200, "routines", "Rutiner",
                json_pack("{s:o, s:b}", "routines", list, "can_write",
                          role_may(req->actor.role, PERM_ROUTINE_WRITE)));
}

/* The named users behind each role the routine's activities name as responsible. */
static json_t *
people_json(struct request *req, const struct routine_activity_row *acts, int n)
{
    struct user *users;
    int nu;
    struct insyn_err err = {.arena = req->arena};
    json_t *out = json_array();
    if (app_internal_users(req->store, &req->actor, req->arena, &users, &nu, &err))
        return out;
    for (int role = 0; role < ROLE__COUNT; role++) {
        const char *code = role_code((enum role)role);
        int named = 0;
        for (int i = 0; i < n && !named; i++)
            named = strcmp(acts[i].responsible_role, code) == 0;
        if (!named)
            continue;
        json_t *names = json_array();
        for (int i = 0; i < nu; i++)
            if (users[i].role == (enum role)role)
                json_array_append_new(names, json_string(users[i].name));
        json_array_append_new(out, json_pack("{s:s, s:o, s:b}", "role_label",
                                             role_label((enum role)role), "names", names, "nobody",
                                             json_array_size(names) == 0));
    }
    return out;
}

void
page_routine(struct request *req)
{
    long long id = req_id(req, 0);
    struct routine_row r;
    struct routine_activity_row *acts;
    int n;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_routine_get(req->store, &req->actor, id, req->arena, &r, &acts, &n, &err)) {
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    json_t *levels = json_array();
    for (const struct code_label *l = activity_levels; l->code; l++) {
        json_t *rows = json_array();
        for (int i = 0; i < n; i++)
            if (strcmp(acts[i].level, l->code) == 0)
                json_array_append_new(rows, activity_json(&acts[i]));
        if (json_array_size(rows))
            json_array_append_new(levels,
                                  json_pack("{s:s, s:o}", "label", l->label, "activities", rows));
        else
            json_decref(rows);
    }
    json_t *data = json_pack("{s:o, s:o, s:b}", "routine", routine_json(&r), "levels", levels,
                             "can_write", role_may(req->actor.role, PERM_ROUTINE_WRITE));
    json_object_set_new(data, "people", people_json(req, acts, n));
    render_page(req, 200, "routine", r.name, data);
}

static void
activity_form(struct request *req, int status, long long routine_id, long long activity_id,
              json_t *state)
{
    struct routine_row r;
    struct routine_activity_row *acts;
    int n;
    struct insyn_err err = {.arena = req->arena};
    if (app_routine_get(req->store, &req->actor, routine_id, req->arena, &r, &acts, &n, &err)) {
        json_decref(state);
        respond_error(req, err.code, &err);
        return;
    }
    json_t *values = json_object_get(state, "values");
    const char *role = json_string_value(json_object_get(values, "responsible_role"));
    const char *co = json_string_value(json_object_get(values, "co_roles"));
    json_t *roles = json_array();
    for (int k = 0; k < ROLE__COUNT; k++) {
        if (!role_is_internal((enum role)k))
            continue;
        const char *code = role_code((enum role)k);
        int in_co = 0;
        for (const char *p = co; p && *p;) {
            size_t len = strcspn(p, " \n");
            in_co |= len == strlen(code) && strncmp(p, code, len) == 0;
            p += len;
            p += strspn(p, " \n");
        }
        json_array_append_new(roles, json_pack("{s:s, s:s, s:b, s:b}", "code", code, "label",
                                               role_label((enum role)k), "selected",
                                               role && strcmp(role, code) == 0, "co", in_co));
    }
    json_object_set_new(state, "roles", roles);
    json_object_set_new(
        state, "levels",
        code_list_json(activity_levels, json_string_value(json_object_get(values, "level"))));
    json_object_set_new(state, "routine", routine_json(&r));
    json_object_set_new(
        state, "action",
        json_string(activity_id
                        ? arena_printf(req->arena, "/aktiviteter/%lld", activity_id)
                        : arena_printf(req->arena, "/rutiner/%lld/aktiviteter", routine_id)));
    json_object_set_new(state, "editing", json_boolean(activity_id != 0));
    render_page(req, status, "activity_form", activity_id ? "Ändra aktivitet" : "Ny aktivitet",
                state);
}

void
page_activity_new(struct request *req)
{
    long long id = req_id(req, 0);
    json_t *state = form_state(req, activity_input_fields, NULL);
    json_object_set_new(json_object_get(state, "values"), "level", json_string("provider"));
    json_object_set_new(json_object_get(state, "values"), "frequency", json_string("every:12"));
    activity_form(req, 200, id, 0, state);
}

void
page_activity_edit(struct request *req)
{
    long long id = req_id(req, 0);
    struct insyn_err err = {.arena = req->arena};
    struct routine_row r;
    struct routine_activity_row *acts;
    int n;
    const struct routine_activity_row *x = NULL;
    /* find the activity through its routine, so that reading it needs the same permission */
    struct routine_activity_row one;
    if (!id || store_activity_get(req->store, id, req->arena, &one, &err) ||
        app_routine_get(req->store, &req->actor, one.routine_id, req->arena, &r, &acts, &n, &err)) {
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    for (int i = 0; i < n; i++)
        if (acts[i].id == id)
            x = &acts[i];
    json_t *state = form_state(req, activity_input_fields, NULL);
    json_t *values = json_object_get(state, "values");
    json_object_set_new(values, "name", json_string(x->name));
    json_object_set_new(values, "level", json_string(x->level));
    json_object_set_new(values, "responsible_role", json_string(x->responsible_role));
    json_object_set_new(values, "co_roles", json_string(x->co_roles));
    json_object_set_new(values, "frequency", json_string(x->frequency));
    json_object_set_new(values, "comment", json_string(x->comment));
    activity_form(req, 200, one.routine_id, id, state);
}

static void
activity_save(struct request *req, long long routine_id, long long activity_id)
{
    struct activity_input in = {0};
    input_from_form(req, &in, activity_input_fields);
    struct routine_activity_row out;
    struct insyn_err err = {.arena = req->arena};
    if (app_activity_save(req->store, &req->actor, routine_id, activity_id, &in, req->arena, &out,
                          &err)) {
        if (err.code == INSYN_EINVAL && routine_id)
            activity_form(req, 422, routine_id, activity_id,
                          form_state(req, activity_input_fields, &err));
        else
            respond_error(req, err.code, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/rutiner/%lld?sparat=1", out.routine_id));
}

void
page_activity_create(struct request *req)
{
    long long id = req_id(req, 0);
    if (!id) {
        respond_error(req, INSYN_ENOTFOUND, NULL);
        return;
    }
    activity_save(req, id, 0);
}

void
page_activity_update(struct request *req)
{
    long long id = req_id(req, 0);
    struct routine_activity_row one;
    struct insyn_err err = {.arena = req->arena};
    if (!id || store_activity_get(req->store, id, req->arena, &one, &err)) {
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    activity_save(req, one.routine_id, id);
}

/* ---- the routine's header: name, what it applies to, who answers for it ---- */

/* Whether code is one of the codes in list (separated by spaces, commas or lines). */
static int
in_list(const char *list, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = list ? list : ""; *p;) {
        p += strspn(p, " ,\t\r\n");
        size_t len = strcspn(p, " ,\t\r\n");
        if (len == n && strncmp(p, code, n) == 0)
            return 1;
        p += len;
    }
    return 0;
}

static json_t *
checks_json(const struct code_label *table, const char *chosen)
{
    json_t *arr = json_array();
    for (const struct code_label *c = table; c->code; c++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "code", c->code, "label", c->label,
                                             "checked", in_list(chosen, c->code)));
    return arr;
}

static json_t *
role_options_json(const char *selected)
{
    json_t *arr = json_array();
    for (int k = 0; k < ROLE__COUNT; k++) {
        if (!role_is_internal((enum role)k))
            continue;
        const char *code = role_code((enum role)k);
        json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "code", code, "label",
                                             role_label((enum role)k), "selected",
                                             selected && strcmp(selected, code) == 0));
    }
    return arr;
}

static void
routine_form(struct request *req, int status, long long routine_id, long long copy_from,
             json_t *state)
{
    json_t *values = json_object_get(state, "values");
    json_object_set_new(
        state, "form_checks",
        checks_json(agreement_forms, json_string_value(json_object_get(values, "forms"))));
    json_object_set_new(
        state, "area_checks",
        checks_json(service_areas, json_string_value(json_object_get(values, "service_areas"))));
    json_object_set_new(state, "main_roles",
                        role_options_json(json_string_value(json_object_get(values, "main_role"))));
    json_object_set_new(
        state, "substitute_roles",
        role_options_json(json_string_value(json_object_get(values, "substitute_role"))));
    const char *path =
        routine_id ? arena_printf(req->arena, "/rutiner/%lld", routine_id) : "/rutiner";
    json_object_set_new(state, "action", json_string(path));
    json_object_set_new(state, "cancel", json_string(path));
    json_object_set_new(state, "editing", json_boolean(routine_id != 0));
    if (copy_from)
        json_object_set_new(state, "copy_from", json_integer(copy_from));
    render_page(req, status, "routine_form", routine_id ? "Ändra rutin" : "Ny rutin", state);
}

static void
routine_values(json_t *state, const struct routine_row *r)
{
    json_t *values = json_object_get(state, "values");
    json_object_set_new(values, "name", json_string(r->name));
    json_object_set_new(values, "forms", json_string(r->forms));
    json_object_set_new(values, "service_areas", json_string(r->service_areas));
    json_object_set_new(values, "main_role", json_string(r->main_role));
    json_object_set_new(values, "substitute_role", json_string(r->substitute_role));
}

/* The routine to copy from a query or form field, 0 when none. */
static long long
copy_source(const char *s)
{
    long long v;
    return s && text_parse_uint(s, 1LL << 53, &v) == 0 ? v : 0;
}

void
page_routine_new(struct request *req)
{
    json_t *state = form_state(req, routine_input_fields, NULL);
    long long from = copy_source(kv_get(&req->query, "kopia"));
    if (from) {
        /* a copy: the same header under another name, and all its activities when saved */
        struct routine_row r;
        struct routine_activity_row *acts;
        int n;
        struct insyn_err err = {.arena = req->arena};
        if (app_routine_get(req->store, &req->actor, from, req->arena, &r, &acts, &n, &err)) {
            json_decref(state);
            respond_error(req, err.code, &err);
            return;
        }
        r.name = arena_printf(req->arena, "%s (kopia)", r.name);
        routine_values(state, &r);
    }
    routine_form(req, 200, 0, from, state);
}

void
page_routine_edit(struct request *req)
{
    long long id = req_id(req, 0);
    struct routine_row r;
    struct routine_activity_row *acts;
    int n;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_routine_get(req->store, &req->actor, id, req->arena, &r, &acts, &n, &err)) {
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    json_t *state = form_state(req, routine_input_fields, NULL);
    routine_values(state, &r);
    routine_form(req, 200, id, 0, state);
}

static void
routine_save(struct request *req, long long id)
{
    struct routine_input in = {0};
    input_from_form(req, &in, routine_input_fields);
    long long from = id ? 0 : copy_source(kv_get(&req->form, "copy_from"));
    struct routine_row out;
    struct insyn_err err = {.arena = req->arena};
    if (app_routine_save(req->store, &req->actor, id, from, &in, req->arena, &out, &err)) {
        if (err.code == INSYN_EINVAL) {
            json_t *state = form_state(req, routine_input_fields, &err);
            /* checkbox groups send one value per box */
            json_t *values = json_object_get(state, "values");
            json_object_set_new(values, "forms", json_string(in.forms ? in.forms : ""));
            json_object_set_new(values, "service_areas",
                                json_string(in.service_areas ? in.service_areas : ""));
            routine_form(req, 422, id, from, state);
        } else
            respond_error(req, err.code, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/rutiner/%lld?sparat=1", out.id));
}

void
page_routine_create(struct request *req)
{
    routine_save(req, 0);
}

void
page_routine_update(struct request *req)
{
    long long id = req_id(req, 0);
    if (!id) {
        respond_error(req, INSYN_ENOTFOUND, NULL);
        return;
    }
    routine_save(req, id);
}
