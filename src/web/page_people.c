/* page_people.c — Mina uppgifter (each person's follow-ups) and substitutes. */
#include "web/web.h"

#include "app/investigations.h"
#include "app/signals.h"

#include "core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
page_my_tasks(struct request *req)
{
    struct my_task *tasks;
    int n;
    struct insyn_err err = {.arena = req->arena};
    int today = app_today();
    if (app_my_tasks(req->store, &req->actor, today, MY_TASKS_DAYS, req->arena, &tasks, &n, &err)) {
        respond_error(req, err.code, &err);
        return;
    }
    json_t *list = json_array();
    int substitutions = 0;
    for (int i = 0; i < n; i++) {
        json_t *t = followup_json(&tasks[i].task, today);
        json_object_set_new(t, "overdue", json_boolean(tasks[i].task.due < today));
        if (tasks[i].on_behalf_of) {
            json_object_set_new(t, "on_behalf_of", json_string(tasks[i].on_behalf_of));
            substitutions = 1;
        }
        json_array_append_new(list, t);
    }
    json_t *data = json_pack("{s:o, s:b, s:i, s:b}", "tasks", list, "has_tasks", n > 0, "days",
                             MY_TASKS_DAYS, "substitutions", substitutions);
    /* focus areas and event-driven follow-ups one is responsible for (app/investigations.h) */
    struct investigation_task *inv_tasks;
    int ni;
    json_t *jinv = json_array();
    if (app_investigation_tasks(req->store, &req->actor, req->arena, &inv_tasks, &ni, &err) == 0)
        for (int i = 0; i < ni; i++)
            json_array_append_new(jinv, investigation_task_json(&inv_tasks[i], today));
    json_object_set_new(data, "has_investigation_tasks", json_boolean(json_array_size(jinv) > 0));
    json_object_set_new(data, "investigation_tasks", jinv);
    /* the coordinators' queue: signals no meeting has gone through yet */
    if (role_may(req->actor.role, PERM_SIGNAL_REVIEW)) {
        struct signal_filter f = {
            .from = DATE_NONE, .to = DATE_NONE, .status = "new", .per_page = 1};
        struct signal *items;
        int ns, queued;
        if (app_signal_list(req->store, &req->actor, &f, req->arena, &items, &ns, &queued, &err) ==
            0)
            json_object_set_new(data, "signal_queue",
                                queued ? json_string(signals_waiting(req->arena, queued))
                                       : json_null());
    }
    add_my_surveys(req, data);
    add_application_tasks(req, data);
    render_page(req, 200, "my_tasks", "Mina uppgifter", data);
}

static void
substitutes_page(struct request *req, int status, json_t *state)
{
    struct substitute_row *rows;
    struct user *users;
    int n, nu;
    struct insyn_err err = {.arena = req->arena};
    if (app_substitutes(req->store, &req->actor, app_today(), req->arena, &rows, &n, &err) ||
        app_internal_users(req->store, &req->actor, req->arena, &users, &nu, &err)) {
        json_decref(state);
        respond_error(req, err.code, &err);
        return;
    }
    json_t *list = json_array();
    for (int i = 0; i < n; i++) {
        char from[11], to[11];
        date_format(rows[i].from, from);
        date_format(rows[i].to, to);
        json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s}", "user_name",
                                              rows[i].user_name, "substitute_name",
                                              rows[i].substitute_name, "from", from, "to", to));
    }
    const char *sel_user =
        json_string_value(json_object_get(json_object_get(state, "values"), "user_id"));
    const char *sel_sub =
        json_string_value(json_object_get(json_object_get(state, "values"), "substitute_id"));
    json_t *people = json_array();
    for (int i = 0; i < nu; i++) {
        char id[24];
        snprintf(id, sizeof id, "%lld", users[i].id);
        json_array_append_new(
            people, json_pack("{s:s, s:s, s:s, s:b, s:b}", "id", id, "name", users[i].name,
                              "role_label", role_label(users[i].role), "selected_user",
                              sel_user && strcmp(sel_user, id) == 0, "selected_substitute",
                              sel_sub && strcmp(sel_sub, id) == 0));
    }
    json_object_set_new(state, "substitutes", list);
    json_object_set_new(state, "people", people);
    json_object_set_new(state, "can_write",
                        json_boolean(role_may(req->actor.role, PERM_PEOPLE_WRITE)));
    render_page(req, status, "substitutes", "Ersättare", state);
}

static const struct input_field substitute_fields[] = {
    {"user_id", 0}, {"substitute_id", 0}, {"from", 0}, {"to", 0}, {NULL, 0},
};

void
page_substitutes(struct request *req)
{
    substitutes_page(req, 200, form_state(req, substitute_fields, NULL));
}

void
page_substitute_create(struct request *req)
{
    struct insyn_err err = {.arena = req->arena};
    const char *user = kv_get(&req->form, "user_id"), *sub = kv_get(&req->form, "substitute_id");
    if (app_substitute_add(req->store, &req->actor, user ? atoll(user) : 0, sub ? atoll(sub) : 0,
                           kv_get(&req->form, "from"), kv_get(&req->form, "to"), &err)) {
        if (err.code == INSYN_EINVAL)
            substitutes_page(req, 422, form_state(req, substitute_fields, &err));
        else
            respond_error(req, err.code, &err);
        return;
    }
    resp_redirect(req, "/ersattare?sparat=1");
}
