/* page_signals.c — Signaler: the list, reporting one, one signal; the coordinators' meetings
 * with the queue of signals not yet reviewed; the administration's settings. */
#include "web/web.h"

#include "app/signals.h"
#include "core/codes.h"
#include "core/date.h"

#include <stdlib.h>
#include <string.h>

#define QUEUE_SHOWN 100 /* signals a meeting form goes through at most */

/* The organisations to choose among, by name; selected marks one. */
static json_t *
organisation_choices(struct request *req, long long selected)
{
    struct org_filter f = {.sort = "name", .page = 1, .per_page = 10000};
    struct organisation *items;
    int n, total;
    struct insyn_err err = {.arena = req->arena};
    json_t *arr = json_array();
    if (app_org_list(req->store, &req->actor, &f, req->arena, &items, &n, &total, &err) == 0)
        for (int i = 0; i < n; i++)
            json_array_append_new(arr,
                                  json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)items[i].id,
                                            "name", items[i].name, "org_nr", items[i].org_nr,
                                            "selected", items[i].id == selected));
    return arr;
}

/* A date of the query; a malformed one is left out and *bad set. */
static int
date_param(struct request *req, const char *name, int *bad)
{
    const char *s = kv_get(&req->query, name);
    int d;
    if (!s || !*s)
        return DATE_NONE;
    if (date_parse(s, &d) == 0)
        return d;
    *bad = 1;
    return DATE_NONE;
}

/* A filter from the query string (the page's and the API's). */
static void
signal_filter_from(struct request *req, struct signal_filter *f, int max_per_page, int *bad_date)
{
    const char *org = kv_get(&req->query, "organisation_id");
    long long org_id = 0;
    if (org)
        org_id = atoll(org);
    const char *org_nr = kv_get(&req->query, "org_nr");
    if (org_nr && *org_nr && store_org_id_by_orgnr(req->store, org_nr, &org_id) != 0)
        org_id = -1; /* nothing matches an unknown organisation */
    *f = (struct signal_filter){
        .organisation_id = org_id > 0   ? org_id
                           : org_id < 0 ? -1
                                        : 0,
        .from = date_param(req, "from", bad_date),
        .to = date_param(req, "to", bad_date),
        .category = kv_get(&req->query, "category"),
        .source = kv_get(&req->query, "source"),
        .status = kv_get(&req->query, "status"),
        .page = req_int(req, "page", 1, 1, 1000000),
        .per_page = req_int(req, "per_page", 50, 1, max_per_page),
    };
}

const char *
signals_waiting(struct arena *a, int n)
{
    return n == 0   ? "inga signaler väntar på genomgång"
           : n == 1 ? "1 signal väntar på genomgång"
                    : arena_printf(a, "%d signaler väntar på genomgång", n);
}

static int
queue_count(struct request *req)
{
    struct signal_filter f = {.from = DATE_NONE, .to = DATE_NONE, .status = "new", .per_page = 1};
    struct signal *items;
    int n, total = 0;
    struct insyn_err err = {.arena = req->arena};
    app_signal_list(req->store, &req->actor, &f, req->arena, &items, &n, &total, &err);
    return total;
}

void
page_signals(struct request *req)
{
    struct signal_filter f;
    int bad_date = 0;
    signal_filter_from(req, &f, 200, &bad_date);
    f.per_page = 50;
    struct signal *items;
    int n, total;
    struct insyn_err err = {.arena = req->arena};
    if (app_signal_list(req->store, &req->actor, &f, req->arena, &items, &n, &total, &err)) {
        respond_error(req, err.code, &err);
        return;
    }
    int provider = req->actor.role == ROLE_PROVIDER_USER;
    int show_reporter = role_may(req->actor.role, PERM_REPORTER_READ);
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list,
                              signal_json(&items[i], app_may_see_reporter(&req->actor, &items[i])));
    const char *from = kv_get(&req->query, "from"), *to = kv_get(&req->query, "to");
    json_t *data =
        json_pack("{s:o, s:o, s:o, s:o, s:s, s:s, s:b, s:b, s:b, s:b}", "signals", list, "paging",
                  paging_json(req, f.page, f.per_page, total), "categories",
                  code_list_json(signal_categories, f.category), "statuses",
                  code_list_json(signal_statuses, f.status), "from", from ? from : "", "to",
                  to ? to : "", "provider", provider, "show_reporter", show_reporter, "can_report",
                  role_may(req->actor.role, PERM_SIGNAL_REPORT), "can_review",
                  role_may(req->actor.role, PERM_SIGNAL_REVIEW));
    if (!provider)
        json_object_set_new(data, "organisations", organisation_choices(req, f.organisation_id));
    if (bad_date)
        json_object_set_new(data, "problem",
                            json_string("Datum ska skrivas ÅÅÅÅ-MM-DD. Signalerna visas utan det "
                                        "datumet som gräns."));
    if (role_may(req->actor.role, PERM_SIGNAL_REVIEW))
        json_object_set_new(data, "queue_text",
                            json_string(signals_waiting(req->arena, queue_count(req))));
    render_page(req, 200, "signals", "Signaler", data);
}

/* The report form: first the organisation, then the signal with that organisation's units
 * and agreements to choose among. */
static void
signal_form(struct request *req, int status, long long org_id, json_t *state)
{
    json_t *values = json_object_get(state, "values");
    json_object_set_new(
        state, "sources",
        code_list_json(signal_sources, json_string_value(json_object_get(values, "source"))));
    json_object_set_new(
        state, "categories",
        code_list_json(signal_categories, json_string_value(json_object_get(values, "category"))));
    struct organisation o;
    struct insyn_err err = {.arena = req->arena};
    if (org_id && app_org_get(req->store, &req->actor, org_id, req->arena, &o, &err) == 0) {
        json_object_set_new(state, "organisation", organisation_json(&o));
        struct unit_filter uf = {.organisation_id = org_id, .page = 1, .per_page = 1000};
        struct unit *units;
        int nu, total;
        struct agreement_filter af = {.organisation_id = org_id,
                                      .in_force_only = 1,
                                      .ends_from = DATE_NONE,
                                      .ends_to = DATE_NONE,
                                      .page = 1,
                                      .per_page = 1000};
        struct agreement *ags;
        int na;
        const char *unit = json_string_value(json_object_get(values, "unit_id"));
        const char *ag = json_string_value(json_object_get(values, "agreement_id"));
        long long unit_sel = unit ? atoll(unit) : 0, ag_sel = ag ? atoll(ag) : 0;
        json_t *ju = json_array(), *ja = json_array();
        if (app_unit_list(req->store, &req->actor, &uf, req->arena, &units, &nu, &total, &err) == 0)
            for (int i = 0; i < nu; i++)
                json_array_append_new(ju, json_pack("{s:I, s:s, s:b}", "id",
                                                    (json_int_t)units[i].id, "name", units[i].name,
                                                    "selected", units[i].id == unit_sel));
        if (app_agreement_list(req->store, &req->actor, &af, req->arena, &ags, &na, &total, &err) ==
            0)
            for (int i = 0; i < na; i++)
                json_array_append_new(ja,
                                      json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)ags[i].id,
                                                "case_ref", ags[i].case_ref, "title", ags[i].title,
                                                "selected", ags[i].id == ag_sel));
        json_object_set_new(state, "units", ju);
        json_object_set_new(state, "agreements", ja);
    } else {
        json_object_set_new(state, "organisations", organisation_choices(req, 0));
    }
    render_page(req, status, "signal_form", "Rapportera signal", state);
}

void
page_signal_new(struct request *req)
{
    json_t *state = form_state(req, signal_input_fields, NULL);
    char today[11];
    date_format(app_today(), today);
    json_object_set_new(json_object_get(state, "values"), "date", json_string(today));
    const char *org = kv_get(&req->query, "organisation_id");
    signal_form(req, 200, org ? atoll(org) : 0, state);
}

void
page_signal_create(struct request *req)
{
    struct signal_input in = {0};
    input_from_form(req, &in, signal_input_fields);
    struct signal s;
    struct insyn_err err = {.arena = req->arena};
    if (app_signal_report(req->store, &req->actor, &in, req->arena, &s, &err)) {
        if (err.code == INSYN_EINVAL)
            signal_form(req, 422, in.organisation_id ? atoll(in.organisation_id) : 0,
                        form_state(req, signal_input_fields, &err));
        else
            respond_error(req, err.code, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/signaler/%lld?sparat=1", s.id));
}

void
page_signal(struct request *req)
{
    long long id = req_id(req, 0);
    struct signal s;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_signal_get(req->store, &req->actor, id, req->arena, &s, &err)) {
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    int reviewer = role_may(req->actor.role, PERM_REPORTER_READ);
    json_t *js = signal_json(&s, app_may_see_reporter(&req->actor, &s));
    json_object_set_new(js, "internal", json_boolean(role_is_internal(req->actor.role)));
    json_object_set_new(js, "can_review",
                        json_boolean(role_may(req->actor.role, PERM_SIGNAL_REVIEW)));
    json_t *data = json_pack("{s:o, s:b}", "signal", js, "can_open_investigation",
                             role_may(req->actor.role, PERM_INVESTIGATION_WRITE));
    /* the history names the reporter: only for those who may see who reported */
    if (reviewer && role_may(req->actor.role, PERM_AUDIT_READ)) {
        json_object_set_new(data, "history", page_history_json(req, "signal", id));
        json_object_set_new(data, "can_see_history", json_true());
    }
    render_page(req, 200, "signal", "Signal", data);
}

/* ---- the coordinators' meeting ---- */

/* The form's reviews: every outcome_<id> chosen, with its comment. */
static void
reviews_from_form(struct request *req, struct meeting_input *in)
{
    in->reviews = arena_alloc(req->arena, sizeof *in->reviews * (size_t)(req->form.n + 1));
    for (int i = 0; i < req->form.n; i++) {
        const struct kv *kv = &req->form.items[i];
        if (strncmp(kv->key, "outcome_", 8) != 0 || !*kv->value)
            continue;
        long long id = atoll(kv->key + 8);
        if (id <= 0)
            continue;
        struct signal_review *r = &in->reviews[in->n_reviews++];
        r->signal_id = id;
        r->outcome = kv->value;
        r->comment = kv_get(&req->form, arena_printf(req->arena, "comment_%lld", id));
    }
}

static void
meetings_page(struct request *req, int status, json_t *state)
{
    struct signal_filter f = {.from = DATE_NONE,
                              .to = DATE_NONE,
                              .status = "new",
                              .oldest_first = 1,
                              .page = 1,
                              .per_page = QUEUE_SHOWN};
    struct signal *queue;
    int nq, total;
    struct coordinator_meeting *meetings;
    int nm;
    struct insyn_err err = {.arena = req->arena};
    if (app_signal_list(req->store, &req->actor, &f, req->arena, &queue, &nq, &total, &err) ||
        app_meeting_list(req->store, &req->actor, 50, req->arena, &meetings, &nm, &err)) {
        json_decref(state);
        respond_error(req, err.code, &err);
        return;
    }
    json_t *errors = json_object_get(state, "errors");
    json_t *jq = json_array(), *jm = json_array();
    for (int i = 0; i < nq; i++) {
        json_t *j = signal_json(&queue[i], 1);
        const char *key = arena_printf(req->arena, "outcome_%lld", queue[i].id);
        const char *chosen = kv_get(&req->form, key);
        json_object_set_new(j, "outcomes", code_list_json(signal_outcomes, chosen));
        const char *comment =
            kv_get(&req->form, arena_printf(req->arena, "comment_%lld", queue[i].id));
        json_object_set_new(j, "comment", json_string(comment ? comment : ""));
        json_t *e = json_object_get(errors, key);
        if (!e)
            e = json_object_get(errors, arena_printf(req->arena, "comment_%lld", queue[i].id));
        if (e)
            json_object_set(j, "error", e);
        json_array_append_new(jq, j);
    }
    for (int i = 0; i < nm; i++)
        json_array_append_new(jm, meeting_json(&meetings[i]));
    json_object_set_new(state, "queue", jq);
    json_object_set_new(state, "queue_count", json_integer(total));
    json_object_set_new(state, "queue_shown", json_integer(nq));
    json_object_set_new(state, "queue_more", json_boolean(total > nq));
    json_object_set_new(state, "meetings", jm);
    render_page(req, status, "meetings", "Samordnarmöten", state);
}

static const struct input_field meeting_fields[] = {
    {"held_on", 0}, {"attendees", 0}, {"notes", 0}, {NULL, 0}};

void
page_meetings(struct request *req)
{
    json_t *state = form_state(req, meeting_fields, NULL);
    char today[11];
    date_format(app_today(), today);
    json_object_set_new(json_object_get(state, "values"), "held_on", json_string(today));
    if (req->actor.name)
        json_object_set_new(json_object_get(state, "values"), "attendees",
                            json_string(req->actor.name));
    meetings_page(req, 200, state);
}

void
page_meeting_create(struct request *req)
{
    struct meeting_input in = {.held_on = kv_get(&req->form, "held_on"),
                               .attendees = kv_get(&req->form, "attendees"),
                               .notes = kv_get(&req->form, "notes")};
    reviews_from_form(req, &in);
    struct coordinator_meeting m;
    struct insyn_err err = {.arena = req->arena};
    if (app_meeting_record(req->store, &req->actor, &in, req->arena, &m, &err)) {
        if (err.code == INSYN_EINVAL || err.code == INSYN_ECONFLICT)
            meetings_page(req, status_for(err.code), form_state(req, meeting_fields, &err));
        else
            respond_error(req, err.code, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/samordnarmoten/%lld?sparat=1", m.id));
}

void
page_meeting(struct request *req)
{
    long long id = req_id(req, 0);
    struct coordinator_meeting m;
    struct signal *signals;
    int n;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_meeting_get(req->store, &req->actor, id, req->arena, &m, &signals, &n, &err)) {
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    json_t *js = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(js, signal_json(&signals[i], 1));
    char held[11];
    date_format(m.held_on, held);
    render_page(req, 200, "meeting", arena_printf(req->arena, "Samordnarmöte %s", held),
                json_pack("{s:o, s:o}", "meeting", meeting_json(&m), "signals", js));
}

/* ---- settings ---- */

static void
settings_form(struct request *req, int status, json_t *state)
{
    render_page(req, status, "settings", "Inställningar", state);
}

void
page_settings(struct request *req)
{
    struct settings s;
    app_settings_get(req->store, &s);
    json_t *state = form_state(req, settings_input_fields, NULL);
    json_t *current = settings_json(&s), *values = json_object_get(state, "values");
    const char *key;
    json_t *v;
    json_object_foreach(current, key, v) json_object_set_new(
        values, key,
        json_string(arena_printf(req->arena, "%lld", (long long)json_integer_value(v))));
    json_decref(current);
    settings_form(req, 200, state);
}

void
page_settings_save(struct request *req)
{
    struct settings_input in = {0};
    input_from_form(req, &in, settings_input_fields);
    struct settings s;
    struct insyn_err err = {.arena = req->arena};
    if (app_settings_save(req->store, &req->actor, &in, req->arena, &s, &err)) {
        if (err.code == INSYN_EINVAL)
            settings_form(req, 422, form_state(req, settings_input_fields, &err));
        else
            respond_error(req, err.code, &err);
        return;
    }
    resp_redirect(req, "/installningar?sparat=1");
}
