/* page_volume.c — an agreement's placements and assignments (Placeringar, Insatser): the
 * lists a page at a time, a form for each, and the agreement page's summary of both. */
#include "web/web.h"

#include "app/volume.h"
#include "core/codes.h"
#include "core/date.h"

#include <string.h>

#define VOLUME_PER_PAGE 50

/* The agreement of the route's :id, or an error page answered. */
static int
volume_agreement(struct request *req, struct agreement *g)
{
    long long id = req_id(req, 0);
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_agreement_get(req->store, &req->actor, id, req->arena, g, &err)) {
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return -1;
    }
    return 0;
}

static json_t *
agreement_head_json(const struct agreement *g)
{
    return json_pack("{s:I, s:s, s:s, s:I, s:s}", "id", (json_int_t)g->id, "case_ref",
                     g->case_ref ? g->case_ref : "", "title", g->title ? g->title : "",
                     "organisation_id", (json_int_t)g->organisation_id, "organisation",
                     g->organisation_name ? g->organisation_name : "");
}

void
page_placements(struct request *req)
{
    struct agreement g;
    if (volume_agreement(req, &g))
        return;
    struct volume_filter f = {.agreement_id = g.id,
                              .page = req_int(req, "page", 1, 1, 1000000),
                              .per_page = VOLUME_PER_PAGE};
    struct placement *items;
    int n, total;
    struct insyn_err err = {.arena = req->arena};
    if (app_placement_list(req->store, &req->actor, &f, req->arena, &items, &n, &total, &err)) {
        respond_error(req, err.code, &err);
        return;
    }
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, placement_json(&items[i]));
    json_t *data =
        json_pack("{s:o, s:o, s:o, s:i, s:b, s:b}", "agreement", agreement_head_json(&g),
                  "placements", list, "paging", paging_json(req, f.page, f.per_page, total),
                  "total", total, "can_write", role_may(req->actor.role, PERM_VOLUME_WRITE),
                  "saved", kv_get(&req->query, "sparat") != NULL);
    render_page(req, 200, "placements", arena_printf(req->arena, "Placeringar – %s", g.case_ref),
                data);
}

/* The form for a new placement: the units of the agreement's organisation to choose from. */
static void
placement_form(struct request *req, int status, const struct agreement *g, json_t *state)
{
    json_t *values = json_object_get(state, "values");
    struct unit_filter uf = {.organisation_id = g->organisation_id, .page = 1, .per_page = 500};
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
        json_array_append_new(
            ju,
            json_pack("{s:s, s:s, s:b}", "code", uid, "label", units[i].name, "selected",
                      (chosen && strcmp(chosen, uid) == 0) || (nu == 1 && !(chosen && *chosen))));
    }
    json_object_set_new(state, "agreement", agreement_head_json(g));
    json_object_set_new(state, "units", ju);
    json_object_set_new(state, "end_reasons",
                        code_list_json(placement_end_reasons,
                                       json_string_value(json_object_get(values, "end_reason"))));
    json_object_set_new(state, "action",
                        json_string(arena_printf(req->arena, "/avtal/%lld/placeringar", g->id)));
    render_page(req, status, "placement_form", "Registrera placering", state);
}

void
page_placement_new(struct request *req)
{
    struct agreement g;
    if (volume_agreement(req, &g))
        return;
    placement_form(req, 200, &g, form_state(req, placement_input_fields, NULL));
}

void
page_placement_create(struct request *req)
{
    struct agreement g;
    if (volume_agreement(req, &g))
        return;
    struct placement_input in = {0};
    input_from_form(req, &in, placement_input_fields);
    in.org_nr = NULL;
    in.organisation_id = arena_printf(req->arena, "%lld", g.organisation_id);
    in.agreement_id = arena_printf(req->arena, "%lld", g.id);
    struct placement p;
    struct insyn_err err = {.arena = req->arena};
    if (app_placement_create(req->store, &req->actor, &in, req->arena, &p, &err)) {
        if (err.code == INSYN_EINVAL)
            placement_form(req, 422, &g, form_state(req, placement_input_fields, &err));
        else
            respond_error(req, err.code, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/avtal/%lld/placeringar?sparat=1", g.id));
}

static json_t *
assignment_row_json(struct request *req, const struct assignment *x)
{
    json_t *j = assignment_json(x);
    json_object_set_new(j, "hours_text", json_string(volume_hours_text(req->arena, x->minutes)));
    return j;
}

void
page_assignments(struct request *req)
{
    struct agreement g;
    if (volume_agreement(req, &g))
        return;
    struct volume_filter f = {.agreement_id = g.id,
                              .page = req_int(req, "page", 1, 1, 1000000),
                              .per_page = VOLUME_PER_PAGE};
    struct assignment *items;
    int n, total;
    struct insyn_err err = {.arena = req->arena};
    if (app_assignment_list(req->store, &req->actor, &f, req->arena, &items, &n, &total, &err)) {
        respond_error(req, err.code, &err);
        return;
    }
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, assignment_row_json(req, &items[i]));
    json_t *data =
        json_pack("{s:o, s:o, s:o, s:i, s:b, s:b}", "agreement", agreement_head_json(&g),
                  "assignments", list, "paging", paging_json(req, f.page, f.per_page, total),
                  "total", total, "can_write", role_may(req->actor.role, PERM_VOLUME_WRITE),
                  "saved", kv_get(&req->query, "sparat") != NULL);
    render_page(req, 200, "assignments", arena_printf(req->arena, "Insatser – %s", g.case_ref),
                data);
}

static void
assignment_form(struct request *req, int status, const struct agreement *g, json_t *state)
{
    json_t *values = json_object_get(state, "values");
    json_object_set_new(state, "agreement", agreement_head_json(g));
    json_object_set_new(
        state, "kinds",
        code_list_json(assignment_kinds, json_string_value(json_object_get(values, "kind"))));
    json_object_set_new(
        state, "age_groups",
        code_list_json(age_groups, json_string_value(json_object_get(values, "age_group"))));
    json_object_set_new(
        state, "goal_outcomes",
        code_list_json(goal_outcomes, json_string_value(json_object_get(values, "goal_outcome"))));
    json_object_set_new(state, "action",
                        json_string(arena_printf(req->arena, "/avtal/%lld/insatser", g->id)));
    render_page(req, status, "assignment_form", "Registrera insats", state);
}

void
page_assignment_new(struct request *req)
{
    struct agreement g;
    if (volume_agreement(req, &g))
        return;
    assignment_form(req, 200, &g, form_state(req, assignment_input_fields, NULL));
}

void
page_assignment_create(struct request *req)
{
    struct agreement g;
    if (volume_agreement(req, &g))
        return;
    struct assignment_input in = {0};
    input_from_form(req, &in, assignment_input_fields);
    in.agreement_id = arena_printf(req->arena, "%lld", g.id);
    struct assignment x;
    struct insyn_err err = {.arena = req->arena};
    if (app_assignment_create(req->store, &req->actor, &in, req->arena, &x, &err)) {
        if (err.code == INSYN_EINVAL)
            assignment_form(req, 422, &g, form_state(req, assignment_input_fields, &err));
        else
            respond_error(req, err.code, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/avtal/%lld/insatser?sparat=1", g.id));
}

void
agreement_volume_data(struct request *req, long long agreement_id, json_t *data)
{
    struct volume_counts c;
    struct insyn_err err = {.arena = req->arena};
    if (!role_may(req->actor.role, PERM_VOLUME_READ) || !role_is_internal(req->actor.role) ||
        app_volume_counts(req->store, &req->actor, agreement_id, &c, &err))
        return;
    json_object_set_new(data, "volume",
                        json_pack("{s:i, s:i, s:i, s:i, s:b}", "placements", c.placements,
                                  "placements_ongoing", c.placements_ongoing, "assignments",
                                  c.assignments, "assignments_ongoing", c.assignments_ongoing,
                                  "can_write", role_may(req->actor.role, PERM_VOLUME_WRITE)));
}
