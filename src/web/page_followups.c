/* page_followups.c — Uppföljningar: a follow-up with its record, the record form (a draft,
 * or a correction of a signed record), signing, attachments and their download. */
#include "web/web.h"

#include "app/records.h"
#include "core/date.h"
#include "core/routine.h"
#include "core/text.h"
#include "web/html.h"

#include <stdio.h>
#include <string.h>

#define BLANK_ACTION_ROWS 3

static const char *
str(const char *s)
{
    return s ? s : "";
}

static const char *
kind_label(const char *kind)
{
    return kind && strcmp(kind, "value_add") == 0 ? "Mervärde" : "Krav";
}

static void
size_text(long long size, char out[32])
{
    if (size < 1024)
        snprintf(out, 32, "%lld byte", size);
    else if (size < 1024 * 1024)
        snprintf(out, 32, "%.1f kB", (double)size / 1024.0);
    else
        snprintf(out, 32, "%.1f MB", (double)size / (1024.0 * 1024.0));
}

static json_t *
record_page_json(const struct record *r)
{
    json_t *j = record_json(r);
    json_object_set_new(j, "is_signed", json_boolean(strcmp(r->status, "signed") == 0));
    json_t *files = json_object_get(j, "attachments");
    size_t i;
    json_t *f;
    json_array_foreach(files, i, f)
    {
        char t[32];
        size_text(json_integer_value(json_object_get(f, "size")), t);
        json_object_set_new(f, "size_text", json_string(t));
    }
    json_t *checks = json_object_get(j, "checklist");
    json_array_foreach(checks, i, f)
    {
        json_object_set_new(f, "kind_label",
                            json_string(kind_label(json_string_value(json_object_get(f, "kind")))));
    }
    return j;
}

/* The view's follow-up, or an error page and -1. */
static int
load_view(struct request *req, struct followup_view *v)
{
    long long id = req_id(req, 0);
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_followup_view(req->store, &req->actor, id, req->arena, v, &err)) {
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return -1;
    }
    return 0;
}

/* The error list for the error summary. A field that is not on this page links to it on
 * the record form (form_url), so that a refused signing leads to what is missing. */
static json_t *
error_list_linked(const struct insyn_err *err, const char *form_url)
{
    json_t *list = json_array();
    for (int i = 0; err && i < err->nfields; i++) {
        const char *field = err_field_at(err, i)->field;
        json_t *item =
            json_pack("{s:s, s:s}", "field", field, "message", err_field_at(err, i)->message);
        if (form_url && strcmp(field, "confirm") != 0 && strcmp(field, "file") != 0) {
            struct buf href;
            buf_init(&href);
            buf_printf(&href, "%s#%s", form_url, field);
            json_object_set_new(item, "href", json_string(href.data));
            buf_free(&href);
        }
        json_array_append_new(list, item);
    }
    if (err && err->nfields == 0 && err->message[0])
        json_array_append_new(list, json_pack("{s:s, s:s}", "field", "", "message", err->message));
    return list;
}

static json_t *
error_list(const struct insyn_err *err)
{
    return error_list_linked(err, NULL);
}

static json_t *
field_error(const struct insyn_err *err, const char *list, long long id, const char *part)
{
    char name[64];
    snprintf(name, sizeof name, "%s.%lld.%s", list, id, part);
    const char *m = err ? err_for_field(err, name) : NULL;
    return json_string(m ? m : "");
}

static void
followup_page(struct request *req, int status, struct followup_view *v, const struct insyn_err *err)
{
    int version = req_int(req, "version", 0, 0, 100000);
    const struct record *shown = v->n_versions ? &v->versions[0] : NULL;
    for (int i = 0; version && i < v->n_versions; i++)
        if (v->versions[i].version == version)
            shown = &v->versions[i];
    json_t *data = followup_view_json(v, app_today());
    json_object_set_new(data, "shown", shown ? record_page_json(shown) : json_null());
    int newest = shown && shown == &v->versions[0];
    json_object_set_new(data, "is_newest", json_boolean(newest));
    json_object_set_new(data, "newest_version",
                        json_integer(v->n_versions ? v->versions[0].version : 0));
    json_t *versions = json_array();
    for (int i = 0; i < v->n_versions; i++) {
        char signed_at[32] = "";
        app_local_time(v->versions[i].signed_at, "%Y-%m-%d %H:%M", signed_at, sizeof signed_at);
        json_array_append_new(
            versions, json_pack("{s:i, s:s, s:s, s:s, s:s, s:b}", "version", v->versions[i].version,
                                "status_label", code_label(record_statuses, v->versions[i].status),
                                "created_by", str(v->versions[i].created_by_name), "signed_at",
                                str(v->versions[i].signed_at), "signed_at_text", signed_at,
                                "current", shown == &v->versions[i]));
    }
    json_object_set_new(data, "version_list", versions);
    json_object_set_new(data, "several_versions", json_boolean(v->n_versions > 1));
    int can_write = role_may(req->actor.role, PERM_FOLLOWUP_WRITE);
    int draft = v->n_versions && strcmp(v->versions[0].status, "draft") == 0;
    json_object_set_new(data, "can_write", json_boolean(can_write));
    json_object_set_new(data, "can_start", json_boolean(can_write && v->n_versions == 0));
    json_object_set_new(data, "can_edit", json_boolean(can_write && draft && newest));
    json_object_set_new(data, "can_sign",
                        json_boolean(can_write && draft && newest &&
                                     v->versions[0].created_by == req->actor.user_id));
    json_object_set_new(data, "can_correct", json_boolean(can_write && v->n_versions && !draft));
    const char *form_url = arena_printf(req->arena, "/uppfoljningar/%lld/protokoll", v->task.id);
    if (draft) { /* what the draft still lacks, next to the sign button */
        struct insyn_err missing = {.arena = req->arena};
        record_complete(&v->versions[0], &missing);
        json_object_set_new(data, "missing", error_list_linked(&missing, form_url));
        json_object_set_new(data, "is_complete", json_boolean(missing.nfields == 0));
    }
    /* a system-level or joint follow-up has no agreement: no agreement line, no checklist */
    json_object_set_new(data, "has_agreement", json_boolean(v->task.agreement_id != 0));
    const char *level = code_label(activity_levels, v->task.level);
    json_object_set_new(data, "level_label", json_string(level ? level : str(v->task.level)));
    json_t *areas = json_object_get(data, "improvement_areas");
    json_object_set_new(data, "has_improvement_areas",
                        json_boolean(json_array_size(json_object_get(areas, "items")) > 0));
    const char *file_error = err ? err_for_field(err, "file") : NULL;
    const char *confirm_error = err ? err_for_field(err, "confirm") : NULL;
    json_object_set_new(
        data, "errors",
        json_pack("{s:s, s:s}", "file", str(file_error), "confirm", str(confirm_error)));
    json_t *list = error_list_linked(err, form_url);
    json_object_set_new(data, "has_errors", json_boolean(json_array_size(list) > 0));
    json_object_set_new(data, "error_list", list);
    if (err && !err_for_field(err, "file")) /* the page's other form is the signing */
        json_object_set_new(data, "error_title", json_string("Protokollet kunde inte signeras"));
    json_t *history = NULL;
    struct insyn_err herr = {.arena = req->arena};
    if (!role_may(req->actor.role, PERM_AUDIT_READ) ||
        app_history(req->store, &req->actor, "follow_up", v->task.id, req->arena, &history, &herr))
        history = json_null();
    json_object_set_new(data, "history", history);
    json_object_set_new(data, "can_see_history",
                        json_boolean(role_may(req->actor.role, PERM_AUDIT_READ)));
    render_page(req, status, "followup",
                arena_printf(req->arena, "Uppföljning: %s", str(v->task.activity)), data);
}

void
page_followup(struct request *req)
{
    struct followup_view v;
    if (load_view(req, &v))
        return;
    followup_page(req, 200, &v, NULL);
}

/* ---- the form ---- */

static void
record_to_input(struct arena *a, const struct record *r, struct record_input *in)
{
    memset(in, 0, sizeof *in);
    char d[11];
    date_format(r->held_on, d);
    in->held_on = arena_strdup(a, r->held_on == DATE_NONE ? "" : d);
    in->type = r->type;
    in->case_ref = r->case_ref;
    in->topics = r->topics;
    in->overall_assessment = r->overall_assessment;
    in->place = r->place;
    in->location = r->location;
    struct buf b;
    for (int k = 0; k < 2; k++) {
        char **items = k ? r->attendees_provider : r->attendees_municipality;
        int n = k ? r->n_attendees_provider : r->n_attendees_municipality;
        buf_init(&b);
        for (int i = 0; i < n; i++) {
            if (i)
                buf_putc(&b, '\n');
            buf_puts(&b, items[i]);
        }
        *(k ? &in->attendees_provider : &in->attendees_municipality) =
            arena_strdup(a, b.data ? b.data : "");
        buf_free(&b);
    }
    buf_init(&b);
    for (int i = 0; i < r->n_organisations; i++)
        buf_printf(&b, "%s%lld", i ? "\n" : "", r->organisations[i].id);
    in->organisations = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    in->provider_answers = r->provider_answers;
    in->findings = r->findings;
    in->correction_reason = r->correction_reason;
    in->checks = arena_alloc(a, sizeof *in->checks * (size_t)(r->n_checks + 1));
    for (int i = 0; i < r->n_checks; i++)
        in->checks[in->n_checks++] =
            (struct record_check_input){arena_printf(a, "%lld", r->checks[i].item_id),
                                        r->checks[i].outcome, r->checks[i].comment};
    in->actions = arena_alloc(a, sizeof *in->actions * (size_t)(r->n_actions + 1));
    for (int i = 0; i < r->n_actions; i++) {
        date_format(r->actions[i].deadline, d);
        in->actions[in->n_actions++] = (struct record_action_input){
            r->actions[i].text, arena_strdup(a, r->actions[i].deadline == DATE_NONE ? "" : d),
            r->actions[i].responsible};
    }
    in->reviews = arena_alloc(a, sizeof *in->reviews * (size_t)(r->n_reviews + 1));
    for (int i = 0; i < r->n_reviews; i++)
        in->reviews[in->n_reviews++] =
            (struct record_review_input){arena_printf(a, "%lld", r->reviews[i].action_id),
                                         r->reviews[i].outcome, r->reviews[i].comment};
}

/* The submitted form as an input: blank action rows are left out and the rest renumbered. */
static void
input_from_record_form(struct request *req, const struct followup_view *v, struct record_input *in)
{
    memset(in, 0, sizeof *in);
    input_from_form(req, in, record_input_fields);
    struct arena *a = req->arena;
    char key[64];
    in->checks = arena_alloc(a, sizeof *in->checks * (size_t)(v->n_items + 1));
    for (int i = 0; i < v->n_items; i++) {
        snprintf(key, sizeof key, "checklist.%lld.outcome", v->items[i].id);
        const char *o = kv_get(&req->form, key);
        snprintf(key, sizeof key, "checklist.%lld.comment", v->items[i].id);
        const char *c = kv_get(&req->form, key);
        if (o || c)
            in->checks[in->n_checks++] =
                (struct record_check_input){arena_printf(a, "%lld", v->items[i].id), o, c};
    }
    in->actions =
        arena_alloc(a, sizeof *in->actions * (RECORD_MAX_ACTIONS + BLANK_ACTION_ROWS + 1));
    for (int n = 1; n <= RECORD_MAX_ACTIONS + BLANK_ACTION_ROWS; n++) {
        const char *f[3];
        static const char *const parts[] = {"text", "deadline", "responsible"};
        int any = 0;
        for (int k = 0; k < 3; k++) {
            snprintf(key, sizeof key, "actions.%d.%s", n, parts[k]);
            f[k] = kv_get(&req->form, key);
            for (const char *p = f[k]; p && *p && !any; p++)
                any = *p != ' ' && *p != '\n' && *p != '\t';
        }
        if (any)
            in->actions[in->n_actions++] = (struct record_action_input){f[0], f[1], f[2]};
    }
    int np = v->n_open_actions;
    in->reviews = arena_alloc(a, sizeof *in->reviews * (size_t)(np + 1));
    for (int i = 0; i < np; i++) {
        long long id = v->open_actions[i].action.id;
        snprintf(key, sizeof key, "reviews.%lld.outcome", id);
        const char *o = kv_get(&req->form, key);
        snprintf(key, sizeof key, "reviews.%lld.comment", id);
        const char *c = kv_get(&req->form, key);
        if (o || c)
            in->reviews[in->n_reviews++] =
                (struct record_review_input){arena_printf(a, "%lld", id), o, c};
    }
}

static void
record_form(struct request *req, int status, const struct followup_view *v,
            const struct record_input *in, const struct insyn_err *err, int correction)
{
    json_t *values = json_object();
    for (const struct input_field *f = record_input_fields; f->name; f++)
        json_object_set_new(values, f->name, json_string(str(*input_slot((void *)in, f))));
    json_t *errors = json_object();
    for (const struct input_field *f = record_input_fields; f->name; f++) {
        const char *m = err ? err_for_field(err, f->name) : NULL;
        if (m)
            json_object_set_new(errors, f->name, json_string(m));
    }
    json_t *checks = json_array();
    for (int i = 0; i < v->n_items; i++) {
        const struct record_item *it = &v->items[i];
        const char *outcome = "not_checked", *comment = "";
        for (int k = 0; k < in->n_checks; k++) {
            long long id;
            if (in->checks[k].item_id && sscanf(in->checks[k].item_id, "%lld", &id) == 1 &&
                id == it->id) {
                outcome = in->checks[k].outcome ? in->checks[k].outcome : outcome;
                comment = str(in->checks[k].comment);
            }
        }
        json_t *line = json_pack("{s:I, s:s, s:s, s:o, s:s}", "id", (json_int_t)it->id,
                                 "kind_label", kind_label(it->kind), "text", it->text, "outcomes",
                                 code_list_json(check_outcomes, outcome), "comment", comment);
        json_object_set_new(line, "outcome_error",
                            field_error(err, "checklist", it->id, "outcome"));
        json_object_set_new(line, "comment_error",
                            field_error(err, "checklist", it->id, "comment"));
        for (int k = 0; v->previous && k < v->previous->n_checks; k++) {
            const struct record_check *p = &v->previous->checks[k];
            if (p->item_id == it->id && check_is_improvement(p->outcome))
                json_object_set_new(line, "previous",
                                    json_pack("{s:s, s:s}", "outcome_label",
                                              code_label(check_outcomes, p->outcome), "comment",
                                              p->comment));
        }
        json_array_append_new(checks, line);
    }
    json_t *actions = json_array();
    for (int i = 0; i < in->n_actions + BLANK_ACTION_ROWS && i < RECORD_MAX_ACTIONS; i++) {
        const struct record_action_input *x = i < in->n_actions ? &in->actions[i] : NULL;
        json_t *row =
            json_pack("{s:i, s:s, s:s, s:s}", "n", i + 1, "text", x ? str(x->text) : "", "deadline",
                      x ? str(x->deadline) : "", "responsible", x ? str(x->responsible) : "");
        json_object_set_new(row, "text_error", field_error(err, "actions", i + 1, "text"));
        json_object_set_new(row, "deadline_error", field_error(err, "actions", i + 1, "deadline"));
        json_object_set_new(row, "responsible_error",
                            field_error(err, "actions", i + 1, "responsible"));
        json_array_append_new(actions, row);
    }
    json_t *reviews = json_array();
    for (int i = 0; i < v->n_open_actions; i++) {
        const struct earlier_action *e = &v->open_actions[i];
        const struct record_action *x = &e->action;
        const char *outcome = "not_checked", *comment = "";
        for (int k = 0; k < in->n_reviews; k++) {
            long long id;
            if (in->reviews[k].action_id && sscanf(in->reviews[k].action_id, "%lld", &id) == 1 &&
                id == x->id) {
                outcome = in->reviews[k].outcome ? in->reviews[k].outcome : outcome;
                comment = str(in->reviews[k].comment);
            }
        }
        char d[11];
        date_format(x->deadline, d);
        json_t *row = json_pack("{s:I, s:s, s:s, s:s, s:o, s:s}", "id", (json_int_t)x->id, "text",
                                x->text, "deadline", d, "responsible", x->responsible, "outcomes",
                                code_list_json(review_outcomes, outcome), "comment", comment);
        json_object_set_new(row, "outcome_error", field_error(err, "reviews", x->id, "outcome"));
        json_object_set_new(row, "comment_error", field_error(err, "reviews", x->id, "comment"));
        date_format(e->agreed_on, d);
        json_object_set_new(row, "agreed_on", json_string(d));
        json_object_set_new(row, "agreed_follow_up_id", json_integer(e->follow_up_id));
        json_t *history = json_array();
        for (int k = 0; k < e->n_reviews; k++) {
            date_format(e->reviews[k].held_on, d);
            json_array_append_new(history,
                                  json_pack("{s:s, s:I, s:s, s:s}", "held_on", d, "follow_up_id",
                                            (json_int_t)e->reviews[k].follow_up_id, "outcome_label",
                                            code_label(review_outcomes, e->reviews[k].outcome),
                                            "comment", e->reviews[k].comment));
        }
        json_object_set_new(row, "history", history);
        json_object_set_new(row, "has_history", json_boolean(e->n_reviews > 0));
        json_array_append_new(reviews, row);
    }
    json_t *list = error_list(err);
    json_t *data = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:o}", "values", values, "errors",
                             errors, "checklist", checks, "actions", actions, "reviews", reviews,
                             "error_list", list, "has_errors", json_array_size(list) > 0, "places",
                             code_list_json(record_places, in->place));
    json_object_set_new(data, "types",
                        code_list_json(record_types, in->type && *in->type
                                                         ? in->type
                                                         : record_type_default(v->task.frequency)));
    json_object_set_new(data, "followup",
                        json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)v->task.id, "activity",
                                  str(v->task.activity), "case_ref", str(v->task.case_ref),
                                  "organisation", str(v->task.organisation_name)));
    char due[11];
    date_format(v->task.due, due);
    json_object_set_new(json_object_get(data, "followup"), "due", json_string(due));
    json_object_set_new(data, "correction", json_boolean(correction));
    json_object_set_new(data, "joint", json_boolean(v->joint));
    json_object_set_new(data, "has_agreement", json_boolean(v->task.agreement_id != 0));
    json_t *providers = json_array(); /* a joint follow-up's providers, those attending checked */
    char **chosen;
    int n_chosen = text_split_lines(req->arena, in->organisations, &chosen);
    for (int i = 0; i < v->n_providers; i++) {
        char id[24];
        snprintf(id, sizeof id, "%lld", v->providers[i].id);
        int checked = 0;
        for (int k = 0; k < n_chosen && !checked; k++)
            checked = strcmp(chosen[k], id) == 0;
        json_array_append_new(providers, json_pack("{s:s, s:s, s:b}", "id", id, "name",
                                                   v->providers[i].name, "checked", checked));
    }
    json_object_set_new(data, "providers", providers);
    json_object_set_new(data, "has_previous", json_boolean(v->previous != NULL));
    if (v->previous) {
        date_format(v->previous->held_on, due);
        json_object_set_new(data, "previous_held_on", json_string(due));
        json_object_set_new(data, "previous_follow_up_id", json_integer(v->previous->follow_up_id));
    }
    json_object_set_new(data, "has_open_actions", json_boolean(v->n_open_actions > 0));
    json_object_set_new(data, "action",
                        json_string(arena_printf(req->arena, "/uppfoljningar/%lld/%s", v->task.id,
                                                 correction ? "rattelse" : "protokoll")));
    render_page(req, status, "followup_form",
                correction ? "Rätta protokoll" : "Protokoll från uppföljning", data);
}

void
page_record_form(struct request *req)
{
    struct followup_view v;
    if (load_view(req, &v))
        return;
    struct record_input in = {0};
    int correction = 0;
    if (v.n_versions) {
        record_to_input(req->arena, &v.versions[0], &in);
        correction = strcmp(v.versions[0].status, "signed") == 0;
        if (correction) /* a correction starts from the signed text, with a reason of its own */
            in.correction_reason = "";
    }
    record_form(req, 200, &v, &in, NULL, correction);
}

static void
save(struct request *req, int correction)
{
    struct followup_view v;
    if (load_view(req, &v))
        return;
    struct record_input in;
    input_from_record_form(req, &v, &in);
    struct record r;
    struct insyn_err err = {.arena = req->arena};
    int rc;
    if (correction || v.n_versions == 0)
        rc = app_record_create(req->store, &req->actor, v.task.id, &in, req->arena, &r, &err);
    else
        rc = app_record_update(req->store, &req->actor, v.task.id, &in, req->arena, &r, &err);
    if (rc == INSYN_EINVAL)
        record_form(req, 422, &v, &in, &err, correction);
    else if (rc)
        respond_error(req, err.code, &err);
    else
        resp_redirect(req, arena_printf(req->arena, "/uppfoljningar/%lld?sparat=1", v.task.id));
}

void
page_record_save(struct request *req)
{
    save(req, 0);
}

void
page_record_correct(struct request *req)
{
    save(req, 1);
}

void
page_record_sign(struct request *req)
{
    struct followup_view v;
    if (load_view(req, &v))
        return;
    const char *confirm = kv_get(&req->form, "confirm");
    struct record r;
    struct insyn_err err = {.arena = req->arena};
    int rc = app_record_sign(req->store, &req->actor, v.task.id, confirm && *confirm, req->arena,
                             &r, &err);
    if (rc == INSYN_EINVAL)
        followup_page(req, 422, &v, &err);
    else if (rc)
        respond_error(req, err.code, &err);
    else
        resp_redirect(req, arena_printf(req->arena, "/uppfoljningar/%lld?sparat=1", v.task.id));
}

void
page_attachment_upload(struct request *req)
{
    struct followup_view v;
    if (load_view(req, &v))
        return;
    const struct upload *u = NULL;
    for (int i = 0; i < req->n_uploads && !u; i++)
        if (strcmp(req->uploads[i].field, "file") == 0)
            u = &req->uploads[i];
    struct record_attachment f;
    struct insyn_err err = {.arena = req->arena};
    int rc;
    if (u && u->too_large) {
        err_field(&err, 0, "file", "Filen är för stor: en bilaga får vara högst 5 MB.");
        rc = INSYN_EINVAL;
    } else {
        rc = app_attachment_add(req->store, &req->actor, v.task.id, u ? u->filename : NULL,
                                u ? u->content_type : NULL, u ? u->data : NULL, u ? u->len : 0,
                                req->arena, &f, &err);
    }
    if (rc == INSYN_EINVAL) {
        struct followup_view again;
        struct insyn_err ignore = {.arena = req->arena};
        if (app_followup_view(req->store, &req->actor, v.task.id, req->arena, &again, &ignore) == 0)
            followup_page(req, 422, &again, &err);
        else
            respond_error(req, err.code, &err);
    } else if (rc) {
        respond_error(req, err.code, &err);
    } else {
        resp_redirect(req, arena_printf(req->arena, "/uppfoljningar/%lld?sparat=1", v.task.id));
    }
}

void
page_attachment_download(struct request *req)
{
    long long id = req_id(req, 0);
    struct record_attachment f;
    char *data;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_attachment_get(req->store, &req->actor, id, req->arena, &f, &data, &err)) {
        respond_error(req, INSYN_ENOTFOUND, &err);
        return;
    }
    resp_header(req, "X-Checksum-SHA256", f.sha256);
    resp_file(req, f.name, data, (size_t)f.size);
}
