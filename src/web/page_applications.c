/* page_applications.c — Ansökningar: LOV applications worked through seed 003's routine, the
 * committee's decision and the introduction programme. */
#include "web/web.h"

#include "app/applications.h"
#include "core/buf.h"
#include "core/date.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- the list ---- */

void
page_applications(struct request *req)
{
    const char *status = kv_get(&req->query, "status");
    if (status && !code_valid(application_statuses, status))
        status = NULL;
    struct application_view *items;
    int n;
    int today = app_today();
    struct insyn_err err = {.arena = req->arena};
    if (app_application_list(req->store, &req->actor, status, today, req->arena, &items, &n,
                             &err)) {
        respond_error(req, err.code, &err);
        return;
    }
    json_t *list = json_array();
    for (int i = 0; i < n; i++) {
        json_t *j = application_json(&items[i]);
        const struct application_clock *c = &items[i].clock;
        int next = c->next_due;
        json_object_set_new(j, "processing_text",
                            json_string(c->days_processing < 0
                                            ? "–"
                                            : arena_printf(req->arena, "%d", c->days_processing)));
        json_object_set_new(j, "next_due", date_json(next));
        json_object_set_new(j, "next_overdue", json_boolean(next != DATE_NONE && next < today));
        json_array_append_new(list, j);
    }
    /* the averages are over every decided application, whatever the filter shows */
    double processing = -1, total = -1;
    struct application_view *all;
    int nall;
    if (app_application_list(req->store, &req->actor, NULL, today, req->arena, &all, &nall, &err) ==
        0)
        application_averages(all, nall, &processing, &total);
    json_t *data = json_pack("{s:o, s:b, s:o, s:b}", "applications", list, "has_items", n > 0,
                             "statuses", code_list_json(application_statuses, status), "can_write",
                             role_may(req->actor.role, PERM_APPLICATION_WRITE));
    if (processing >= 0)
        json_object_set_new(
            data, "averages",
            json_string(arena_printf(
                req->arena,
                "Genomsnittlig handläggningstid från komplett ansökan till beslut: %.0f dagar. "
                "Från inkommen ansökan till beslut: %.0f dagar.",
                round(processing), round(total))));
    render_page(req, 200, "applications", "Ansökningar", data);
}

/* ---- a new application ---- */

static json_t *
people_json(struct request *req, long long selected, enum role only)
{
    struct user *users;
    int n;
    struct insyn_err err = {.arena = req->arena};
    json_t *arr = json_array();
    if (app_internal_users(req->store, &req->actor, req->arena, &users, &n, &err))
        return arr;
    for (int i = 0; i < n; i++) {
        if (only != ROLE_NONE && users[i].role != only)
            continue;
        json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)users[i].id,
                                             "name", users[i].name, "role_label",
                                             role_label(users[i].role), "selected",
                                             users[i].id == selected));
    }
    return arr;
}

static long long
id_value(json_t *state, const char *key)
{
    const char *s = json_string_value(json_object_get(json_object_get(state, "values"), key));
    long long v = 0;
    if (s)
        sscanf(s, "%lld", &v);
    return v;
}

static void
application_form(struct request *req, int status, json_t *state)
{
    const char *area =
        json_string_value(json_object_get(json_object_get(state, "values"), "service_area"));
    json_object_set_new(state, "areas", code_list_json(service_areas, area ? area : "home_care"));
    json_object_set_new(state, "people",
                        people_json(req, id_value(state, "responsible_id"), ROLE_NONE));
    render_page(req, status, "application_form", "Ny ansökan om att bli utförare", state);
}

void
page_application_new(struct request *req)
{
    json_t *state = form_state(req, application_input_fields, NULL);
    json_t *values = json_object_get(state, "values");
    char today[11];
    date_format(app_today(), today);
    json_object_set_new(values, "received", json_string(today));
    json_object_set_new(values, "responsible_id",
                        json_string(arena_printf(req->arena, "%lld", req->actor.user_id)));
    application_form(req, 200, state);
}

void
page_application_create(struct request *req)
{
    struct application_input in = {0};
    input_from_form(req, &in, application_input_fields);
    struct application x;
    struct insyn_err err = {.arena = req->arena};
    if (app_application_create(req->store, &req->actor, &in, req->arena, &x, &err)) {
        if (err.code == INSYN_EINVAL)
            application_form(req, 422, form_state(req, application_input_fields, &err));
        else
            respond_error(req, err.code, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/ansokningar/%lld?sparat=1", x.id));
}

/* ---- the case ---- */

/* Each form of the page: its key, the prefix of its fields' ids and its field names. */
static const struct {
    const char *key, *prefix;
    const struct input_field *fields;
} page_forms[] = {
    {"first_review", "fr", application_step_input_fields},
    {"supplements", "su", application_step_input_fields},
    {"checks", "ch", application_step_input_fields},
    {"info_meeting", "im", application_step_input_fields},
    {"qms", "qm", application_step_input_fields},
    {"attachments", "at", application_step_input_fields},
    {"assessment", "as", application_step_input_fields},
    {"mbl", "mb", application_step_input_fields},
    {"memo", "me", application_step_input_fields},
    {"reference", "rf", reference_input_fields},
    {"note", "nt", note_input_fields},
    {"decision", "de", decision_input_fields},
    {"announce", "an", NULL},
    {"sign", "sg", sign_input_fields},
    {"withdraw", "wd", NULL},
};
#define N_FORMS (sizeof page_forms / sizeof *page_forms)

static void
set_date(json_t *values, const char *key, int d)
{
    char s[11] = "";
    if (d != DATE_NONE)
        date_format(d, s);
    json_object_set_new(values, key, json_string(s));
}

static void
set_text(json_t *values, const char *key, const char *s)
{
    json_object_set_new(values, key, json_string(s ? s : ""));
}

/* What a step's form shows before anything is posted: the application's values. */
static json_t *
step_values(struct request *req, const struct application *x, const char *key, int today)
{
    json_t *v = json_object();
    if (strcmp(key, "first_review") == 0) {
        set_date(v, "done_on", x->first_review_on);
        set_text(v, "notes", x->first_review_notes);
    } else if (strcmp(key, "supplements") == 0) {
        set_date(v, "requested_on", x->supplement_requested_on);
        set_text(v, "request", x->supplement_request);
        set_date(v, "due", x->supplement_due);
        set_date(v, "received_on", x->supplements_received_on);
        set_date(v, "complete_on", x->complete_on);
    } else if (strcmp(key, "checks") == 0) {
        set_text(v, "exception", x->check_exception);
    } else if (strcmp(key, "info_meeting") == 0) {
        set_date(v, "done_on", x->info_meeting_on);
        set_text(v, "attendees", x->info_meeting_attendees);
        set_text(v, "manager_present", x->manager_present > 0 ? "1" : "");
        set_text(v, "notes", x->info_meeting_notes);
    } else if (strcmp(key, "qms") == 0) {
        set_date(v, "done_on", x->qms_checked_on);
        set_text(v, "approved", x->qms_approved < 0 ? "" : x->qms_approved ? "1" : "0");
        set_text(v, "notes", x->qms_notes);
    } else if (strcmp(key, "attachments") == 0) {
        set_date(v, "done_on", x->attachments_checked_on);
        set_text(v, "notes", x->attachments_notes);
    } else if (strcmp(key, "assessment") == 0) {
        set_date(v, "done_on", x->assessed_on);
        set_text(v, "recommendation", x->recommendation);
        set_text(v, "with_id",
                 x->assessed_with ? arena_printf(req->arena, "%lld", x->assessed_with) : "");
        set_text(v, "notes", x->assessment_notes);
    } else if (strcmp(key, "mbl") == 0) {
        set_date(v, "done_on", x->mbl_on);
        set_text(v, "notes", x->mbl_notes);
    } else if (strcmp(key, "memo") == 0) {
        set_date(v, "done_on", x->memo_on);
        set_text(v, "notes", x->memo_notes);
    } else if (strcmp(key, "note") == 0) {
        set_date(v, "noted_on", today);
        set_text(v, "kind", "journal");
    } else if (strcmp(key, "reference") == 0 || strcmp(key, "decision") == 0 ||
               strcmp(key, "announce") == 0 || strcmp(key, "sign") == 0 ||
               strcmp(key, "withdraw") == 0) {
        const char *date_key = strcmp(key, "reference") == 0  ? "asked_on"
                               : strcmp(key, "decision") == 0 ? "decided_on"
                               : strcmp(key, "announce") == 0 ? "announced_on"
                               : strcmp(key, "withdraw") == 0 ? "withdrawn_on"
                                                              : "signed_on";
        set_date(v, date_key, today);
    }
    return v;
}

/* The forms' states: the one that failed keeps what was posted and its errors, each error
 * linking to its field's id; the others show the application's values. */
static json_t *
forms_json(struct request *req, const struct application *x, const char *which, json_t *failed,
           int today)
{
    json_t *forms = json_object();
    for (size_t i = 0; i < N_FORMS; i++) {
        json_t *state;
        if (which && failed && strcmp(which, page_forms[i].key) == 0) {
            state = json_incref(failed);
            size_t k;
            json_t *e;
            json_array_foreach(json_object_get(state, "error_list"), k, e)
            {
                const char *field = json_string_value(json_object_get(e, "field"));
                if (field && *field)
                    json_object_set_new(e, "href",
                                        json_string(arena_printf(req->arena, "#%s-%s",
                                                                 page_forms[i].prefix, field)));
            }
        } else {
            state = json_pack("{s:o, s:o, s:o, s:b}", "values",
                              step_values(req, x, page_forms[i].key, today), "errors",
                              json_object(), "error_list", json_array(), "has_errors", 0);
        }
        json_t *values = json_object_get(state, "values");
        const char *approved = json_string_value(json_object_get(values, "approved"));
        json_object_set_new(values, "approved_yes",
                            json_boolean(approved && strcmp(approved, "1") == 0));
        json_object_set_new(values, "approved_no",
                            json_boolean(approved && strcmp(approved, "0") == 0));
        json_object_set_new(forms, page_forms[i].key, state);
    }
    return forms;
}

static const char *
days_word(int n)
{
    return n == 1 ? "dag" : "dagar";
}

/* The page's list of dates that matter now, soonest first. */
static json_t *
clock_json(struct request *req, const struct application_view *v, int today)
{
    const struct application_clock *c = &v->clock;
    struct {
        int date;
        const char *text;
    } rows[] = {
        {c->supplement_request_due, "Sista dag att begära komplettering"},
        {c->supplement_due, "Sista dag för sökande att komplettera"},
        {c->decision_due, "Handläggningen bör vara klar (fyra veckor från komplett ansökan)"},
        {c->legal_force_on, "Beslutet vinner laga kraft"},
        {v->x.agreement_id ? DATE_NONE : c->agreement_meeting_due,
         "Möte inför avtalstecknande senast"},
    };
    json_t *arr = json_array();
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        if (rows[i].date == DATE_NONE)
            continue;
        char d[11];
        date_format(rows[i].date, d);
        int left = rows[i].date - today;
        int is_event = strcmp(rows[i].text, "Beslutet vinner laga kraft") == 0;
        if (is_event && left < 0)
            rows[i].text = "Beslutet vann laga kraft";
        const char *lefttext =
            left > 0 ? arena_printf(req->arena, "om %d %s", left, days_word(left))
            : left == 0
                ? "i dag"
                : (is_event ? arena_printf(req->arena, "för %d %s sedan", -left, days_word(-left))
                            : NULL);
        json_array_append_new(arr,
                              json_pack("{s:s, s:s, s:b, s:s*}", "date", d, "text", rows[i].text,
                                        "overdue", left < 0 && !is_event, "left", lefttext));
    }
    return arr;
}

static void
application_page(struct request *req, int status, long long id, const char *which, json_t *failed)
{
    struct application_view v;
    struct insyn_err err = {.arena = req->arena};
    int today = app_today();
    if (!id || app_application_get(req->store, &req->actor, id, today, req->arena, &v, &err)) {
        json_decref(failed);
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    const struct application *x = &v.x;
    json_t *app = application_view_json(&v, today);
    int may_write = role_may(req->actor.role, PERM_APPLICATION_WRITE);
    int may_decide = role_may(req->actor.role, PERM_APPLICATION_DECIDE);
    int open = !application_closed(x);
    json_t *clock = clock_json(req, &v, today);
    int overdue = 0;
    size_t k;
    json_t *e;
    json_array_foreach(clock, k, e) overdue |= json_is_true(json_object_get(e, "overdue"));
    json_object_set_new(app, "overdue_any", json_boolean(overdue));
    json_t *steps = json_object_get(app, "steps");
    json_object_set_new(steps, "qms_label",
                        json_string(x->qms_approved == 1   ? "godkänt"
                                    : x->qms_approved == 0 ? "inte godkänt"
                                                           : "ingen bedömning"));
    json_object_set_new(steps, "recommendation_label",
                        json_string(*x->recommendation ? (strcmp(x->recommendation, "approve") == 0
                                                              ? "ansökan bör godkännas"
                                                              : "ansökan bör avslås")
                                                       : ""));
    /* the introduction programme, each item editable by the case's officers or its own
     * responsible person */
    json_t *items = json_object_get(app, "onboarding");
    json_array_foreach(items, k, e)
    {
        const struct onboarding_item *it = &v.items[k];
        int editable =
            may_write || (it->responsible_id && it->responsible_id == req->actor.user_id);
        json_object_set_new(e, "editable", json_boolean(editable && it->done_on == DATE_NONE));
        json_object_set_new(e, "is_signing", json_boolean(strcmp(it->code, "signing") == 0));
        if (editable)
            json_object_set_new(e, "people", people_json(req, it->responsible_id, ROLE_NONE));
        if (which && strcmp(which, "item") == 0 && failed &&
            json_integer_value(json_object_get(failed, "item_id")) == it->id)
            json_object_set(e, "item_errors", json_object_get(failed, "error_list"));
    }
    int refs_ok = v.facts.refs_management >= APPLICATION_MIN_REFERENCES &&
                  v.facts.refs_manager >= APPLICATION_MIN_REFERENCES;
    json_t *data = json_pack(
        "{s:o, s:o, s:s, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b}", "application", app,
        "clock", clock, "days_text",
        x->withdrawn_on != DATE_NONE
            ? arena_printf(req->arena, "Ansökan var öppen i %d %s innan den återkallades.",
                           v.clock.days_open, days_word(v.clock.days_open))
        : !open ? arena_printf(req->arena,
                               "Handläggningstid: %d %s från inkommen ansökan till beslut, %d %s "
                               "från komplett ansökan.",
                               v.clock.days_open, days_word(v.clock.days_open),
                               v.clock.days_processing, days_word(v.clock.days_processing))
        : x->complete_on == DATE_NONE
            ? arena_printf(req->arena, "Ansökan har varit öppen i %d %s.", v.clock.days_open,
                           days_word(v.clock.days_open))
            : arena_printf(req->arena, "%d %s sedan ansökan kom in, %d %s sedan den blev komplett.",
                           v.clock.days_open, days_word(v.clock.days_open), v.clock.days_processing,
                           days_word(v.clock.days_processing)),
        "saved", kv_get(&req->query, "sparat") != NULL, "can_write", may_write, "can_work",
        may_write && open, "can_check", role_may(req->actor.role, PERM_CHECK_WRITE) && open,
        "can_decide", may_decide && open, "can_announce",
        may_decide && *x->outcome && x->announced_on == DATE_NONE, "can_sign",
        may_write && role_may(req->actor.role, PERM_AGREEMENT_WRITE) &&
            strcmp(x->outcome, "approve") == 0 && !x->agreement_id,
        "has_onboarding", v.n_items > 0, "has_files", v.n_files > 0, "has_references",
        v.n_refs > 0);
    json_object_set_new(data, "items", json_incref(items));
    json_object_set_new(data, "show_withdrawal",
                        json_boolean(x->withdrawn_on != DATE_NONE || (may_write && open)));
    if (!open) {
        json_object_set_new(data, "decision_text",
                            json_string(strcmp(x->outcome, "approve") == 0
                                            ? "Socialnämnden godkände ansökan"
                                            : "Socialnämnden avslog ansökan"));
        json_object_set_new(
            data, "legal_force_passed",
            json_boolean(v.clock.legal_force_on != DATE_NONE && v.clock.legal_force_on <= today));
    }
    json_object_set_new(
        data, "references_text",
        json_string(arena_printf(
            req->arena,
            "%d %s om företagets ledning och %d om verksamhetsansvarig är dokumenterade. %s",
            v.facts.refs_management, v.facts.refs_management == 1 ? "referens" : "referenser",
            v.facts.refs_manager,
            refs_ok ? "Rutinens krav på minst två av varje är uppfyllt."
                    : "Rutinen kräver minst två av varje före ett godkännande.")));
    json_t *forms =
        forms_json(req, x, which, which && strcmp(which, "item") != 0 ? failed : NULL, today);
    json_t *as = json_object_get(forms, "assessment");
    json_object_set_new(as, "recommendations",
                        code_list_json(application_outcomes,
                                       json_string_value(json_object_get(
                                           json_object_get(as, "values"), "recommendation"))));
    json_object_set_new(as, "deputies",
                        people_json(req, id_value(as, "with_id"), ROLE_DEPUTY_DIRECTOR));
    json_t *rf = json_object_get(forms, "reference");
    json_object_set_new(
        rf, "subjects",
        code_list_json(reference_subjects,
                       json_string_value(json_object_get(json_object_get(rf, "values"), "about"))));
    json_t *nt = json_object_get(forms, "note");
    json_object_set_new(
        nt, "kinds",
        code_list_json(application_note_kinds,
                       json_string_value(json_object_get(json_object_get(nt, "values"), "kind"))));
    json_t *de = json_object_get(forms, "decision");
    json_object_set_new(
        de, "outcomes",
        code_list_json(application_outcomes, json_string_value(json_object_get(
                                                 json_object_get(de, "values"), "outcome"))));
    json_object_set_new(data, "forms", forms);
    json_t *opened = json_object();
    if (which)
        json_object_set_new(opened, which, json_true());
    json_object_set_new(data, "open", opened);
    json_decref(failed);
    render_page(req, status, "application",
                arena_printf(req->arena, "Ansökan: %s", x->organisation_name), data);
}

void
page_application(struct request *req)
{
    application_page(req, 200, req_id(req, 0), NULL, NULL);
}

/* After a use case: back to the case, or the page again with the form's errors. */
static void
after(struct request *req, long long id, int rc, const char *which,
      const struct input_field *fields, struct insyn_err *err, const char *anchor)
{
    if (rc == 0) {
        resp_redirect(req, arena_printf(req->arena, "/ansokningar/%lld?sparat=1#%s", id, anchor));
    } else if (id && (err->code == INSYN_EINVAL || err->code == INSYN_ECONFLICT)) {
        static const struct input_field none[] = {{NULL, 0}};
        application_page(req, err->code == INSYN_ECONFLICT ? 409 : 422, id, which,
                         form_state(req, fields ? fields : none, err));
    } else {
        respond_error(req, id ? err->code : INSYN_ENOTFOUND, err);
    }
}

void
page_application_step(struct request *req)
{
    long long id = req_id(req, 0);
    struct application_step_input in = {0};
    input_from_form(req, &in, application_step_input_fields);
    struct application x;
    struct insyn_err err = {.arena = req->arena};
    int rc = id ? app_application_step(req->store, &req->actor, id, &in, req->arena, &x, &err)
                : INSYN_ENOTFOUND;
    const char *step = in.step && code_valid(application_steps, in.step) ? in.step : NULL;
    after(req, id, rc, step, application_step_input_fields, &err,
          arena_printf(req->arena, "steg-%s", step ? step : "first_review"));
}

void
page_application_reference(struct request *req)
{
    long long id = req_id(req, 0);
    struct reference_input in = {0};
    input_from_form(req, &in, reference_input_fields);
    struct application_reference r;
    struct insyn_err err = {.arena = req->arena};
    int rc =
        id ? app_application_reference_add(req->store, &req->actor, id, &in, req->arena, &r, &err)
           : INSYN_ENOTFOUND;
    after(req, id, rc, "reference", reference_input_fields, &err, "steg-references");
}

void
page_application_note(struct request *req)
{
    long long id = req_id(req, 0);
    struct note_input in = {0};
    input_from_form(req, &in, note_input_fields);
    struct application_note n;
    struct insyn_err err = {.arena = req->arena};
    int rc = id ? app_application_note_add(req->store, &req->actor, id, &in, req->arena, &n, &err)
                : INSYN_ENOTFOUND;
    after(req, id, rc, "note", note_input_fields, &err, "journal");
}

void
page_application_decision(struct request *req)
{
    long long id = req_id(req, 0);
    struct decision_input in = {0};
    input_from_form(req, &in, decision_input_fields);
    struct application x;
    struct insyn_err err = {.arena = req->arena};
    int rc = id ? app_application_decide(req->store, &req->actor, id, &in, req->arena, &x, &err)
                : INSYN_ENOTFOUND;
    after(req, id, rc, "decision", decision_input_fields, &err, "steg-decision");
}

void
page_application_announce(struct request *req)
{
    static const struct input_field fields[] = {{"announced_on", 0}, {NULL, 0}};
    long long id = req_id(req, 0);
    struct application x;
    struct insyn_err err = {.arena = req->arena};
    int rc = id ? app_application_announce(req->store, &req->actor, id,
                                           kv_get(&req->form, "announced_on"), req->arena, &x, &err)
                : INSYN_ENOTFOUND;
    after(req, id, rc, "announce", fields, &err, "steg-decision");
}

void
page_application_withdraw(struct request *req)
{
    static const struct input_field fields[] = {{"withdrawn_on", 0}, {"note", 0}, {NULL, 0}};
    long long id = req_id(req, 0);
    struct application x;
    struct insyn_err err = {.arena = req->arena};
    int rc = id ? app_application_withdraw(req->store, &req->actor, id,
                                           kv_get(&req->form, "withdrawn_on"),
                                           kv_get(&req->form, "note"), req->arena, &x, &err)
                : INSYN_ENOTFOUND;
    after(req, id, rc, "withdraw", fields, &err, "aterkallad");
}

void
page_application_sign(struct request *req)
{
    long long id = req_id(req, 0);
    struct sign_input in = {0};
    input_from_form(req, &in, sign_input_fields);
    struct agreement g;
    struct insyn_err err = {.arena = req->arena};
    int rc = id ? app_application_sign(req->store, &req->actor, id, &in, req->arena, &g, &err)
                : INSYN_ENOTFOUND;
    after(req, id, rc, "sign", sign_input_fields, &err, "introduktion");
}

void
page_onboarding_update(struct request *req)
{
    long long item_id = req_id(req, 0);
    struct onboarding_input in = {0};
    input_from_form(req, &in, onboarding_input_fields);
    struct onboarding_item it;
    struct insyn_err err = {.arena = req->arena};
    if (!item_id ||
        app_onboarding_update(req->store, &req->actor, item_id, &in, req->arena, &it, &err)) {
        struct onboarding_item again;
        struct insyn_err quiet = {.arena = req->arena};
        if (item_id && err.code == INSYN_EINVAL &&
            store_onboarding_get(req->store, item_id, req->arena, &again, &quiet) == 0) {
            json_t *state = form_state(req, onboarding_input_fields, &err);
            json_object_set_new(state, "item_id", json_integer(item_id));
            application_page(req, 422, again.application_id, "item", state);
        } else {
            respond_error(req, item_id ? err.code : INSYN_ENOTFOUND, &err);
        }
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/ansokningar/%lld?sparat=1#introduktion",
                                    it.application_id));
}

void
page_application_file(struct request *req)
{
    long long id = req_id(req, 0);
    struct application_file f;
    char *data;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_application_file_get(req->store, &req->actor, id, req->arena, &f, &data, &err)) {
        respond_error(req, INSYN_ENOTFOUND, &err);
        return;
    }
    resp_file(req, f.name, data, (size_t)f.size);
}

/* ---- Mina uppgifter ---- */

void
add_application_tasks(struct request *req, json_t *data)
{
    struct application_task *tasks;
    int n;
    int today = app_today();
    struct insyn_err err = {.arena = req->arena};
    json_t *arr = json_array();
    if (app_application_tasks(req->store, &req->actor, today, MY_TASKS_DAYS, req->arena, &tasks, &n,
                              &err) == 0)
        for (int i = 0; i < n; i++)
            json_array_append_new(arr, application_task_json(&tasks[i], today));
    json_object_set_new(data, "has_application_tasks", json_boolean(json_array_size(arr) > 0));
    json_object_set_new(data, "application_tasks", arr);
}
