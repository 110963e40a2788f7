/* page_portal_applications.c — the applicant's own pages in the provider portal: its
 * applications' status and deadlines, what to supplement, the announced decision, and the
 * upload of supplements. Others' applications do not exist here. */
#include "web/web.h"

#include "app/applications.h"
#include "core/date.h"

#include <string.h>

void
page_my_applications(struct request *req)
{
    if (req->actor.role != ROLE_PROVIDER_USER) {
        /* the administration works applications under Ansökningar */
        resp_redirect(req, role_may(req->actor.role, PERM_APPLICATION_READ) ? "/ansokningar" : "/");
        return;
    }
    struct application_view *items;
    int n;
    struct insyn_err err = {.arena = req->arena};
    if (app_application_list(req->store, &req->actor, NULL, app_today(), req->arena, &items, &n,
                             &err)) {
        respond_error(req, err.code, &err);
        return;
    }
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, application_json(&items[i]));
    render_page(req, 200, "my_applications", "Ansökningar",
                json_pack("{s:o, s:b}", "applications", list, "has_items", n > 0));
}

static void
my_application_page(struct request *req, int status, long long id, json_t *state)
{
    struct application_view v;
    struct insyn_err err = {.arena = req->arena};
    int today = app_today();
    if (!id || app_application_get(req->store, &req->actor, id, today, req->arena, &v, &err)) {
        json_decref(state);
        respond_error(req, INSYN_ENOTFOUND, &err);
        return;
    }
    json_t *app = application_view_json(&v, today);
    /* a decision is the applicant's once the committee secretary has announced it */
    int announced = *v.x.outcome && v.x.announced_on != DATE_NONE;
    int approved = announced && strcmp(v.x.outcome, "approve") == 0;
    json_t *data =
        json_pack("{s:o, s:b, s:b, s:b, s:b, s:b}", "application", app, "announced", announced,
                  "approved", approved, "may_upload", !application_closed(&v.x), "uploaded",
                  kv_get(&req->query, "sparat") != NULL, "has_files", v.n_files > 0);
    json_object_set_new(data, "has_onboarding", json_boolean(approved && v.n_items > 0));
    if (announced) {
        json_object_set_new(data, "decision_text",
                            json_string(approved ? "Socialnämnden godkände er ansökan"
                                                 : "Socialnämnden avslog er ansökan"));
        json_object_set_new(
            data, "legal_force_passed",
            json_boolean(v.clock.legal_force_on != DATE_NONE && v.clock.legal_force_on <= today));
    }
    json_object_set_new(data, "upload", state ? state : json_pack("{s:b}", "has_errors", 0));
    render_page(req, status, "my_application",
                arena_printf(req->arena, "Ansökan om att bli utförare: %s",
                             code_label_or_empty(service_areas, v.x.service_area)),
                data);
}

/* The administration's users are sent to the case itself. */
static int
staff_to_case(struct request *req)
{
    if (req->actor.role == ROLE_PROVIDER_USER)
        return 0;
    resp_redirect(req, arena_printf(req->arena, "/ansokningar/%lld", req_id(req, 0)));
    return 1;
}

void
page_my_application(struct request *req)
{
    if (!staff_to_case(req))
        my_application_page(req, 200, req_id(req, 0), NULL);
}

void
page_my_application_upload(struct request *req)
{
    if (staff_to_case(req))
        return;
    long long id = req_id(req, 0);
    const struct upload *u = NULL;
    for (int i = 0; i < req->n_uploads && !u; i++)
        if (strcmp(req->uploads[i].field, "file") == 0)
            u = &req->uploads[i];
    struct application_file f;
    struct insyn_err err = {.arena = req->arena};
    int rc;
    if (!id) {
        rc = err_set(&err, INSYN_ENOTFOUND, "Ansökan finns inte.");
    } else if (u && u->too_large) {
        err_field(&err, 0, "file", "Filen är för stor: en fil får vara högst 5 MB.");
        rc = INSYN_EINVAL;
    } else {
        rc = app_application_file_add(req->store, &req->actor, id, u ? u->filename : NULL,
                                      u ? u->content_type : NULL, u ? u->data : NULL,
                                      u ? u->len : 0, req->arena, &f, &err);
    }
    if (rc == INSYN_EINVAL) {
        static const struct input_field none[] = {{NULL, 0}};
        my_application_page(req, 422, id, form_state(req, none, &err));
    } else if (rc) {
        respond_error(req, err.code, &err);
    } else {
        resp_redirect(req, arena_printf(req->arena, "/mina-ansokningar/%lld?sparat=1", id));
    }
}
