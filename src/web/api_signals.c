/* api_signals.c — the JSON API of signals, the coordinators' meetings, the candidates for
 * event-driven follow-up and the settings. */
#include "web/web.h"

#include "app/signals.h"
#include "core/date.h"
#include "core/orgnr.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* A query parameter that must be a date when given; answers 400 naming it when not. */
static int
query_date(struct request *req, const char *name, int *out)
{
    const char *s = kv_get(&req->query, name);
    *out = DATE_NONE;
    if (s && *s && date_parse(s, out) != 0) {
        struct insyn_err err = {.arena = req->arena};
        err_field(&err, 0, name, "Ska vara ett datum skrivet ÅÅÅÅ-MM-DD.");
        resp_problem(
            req, 400,
            arena_printf(req->arena, "Parametern %s ska vara ett datum skrivet ÅÅÅÅ-MM-DD.", name),
            &err);
        return -1;
    }
    return 0;
}

void
api_signals_list(struct request *req)
{
    struct signal_filter f = {
        .category = kv_get(&req->query, "category"),
        .source = kv_get(&req->query, "source"),
        .status = kv_get(&req->query, "status"),
        .page = req_int(req, "page", 1, 1, 1000000),
        .per_page = req_int(req, "per_page", 50, 1, 500),
    };
    if (query_date(req, "from", &f.from) || query_date(req, "to", &f.to))
        return;
    const char *org = kv_get(&req->query, "organisation_id"),
               *org_nr = kv_get(&req->query, "org_nr");
    if (org && *org)
        f.organisation_id = atoll(org) > 0 ? atoll(org) : -1;
    if (org_nr && *org_nr) {
        char norm[12];
        struct insyn_err ignore = {0};
        long long id;
        f.organisation_id = orgnr_normalize(org_nr, norm, 0, "org_nr", &ignore) == 0 &&
                                    store_org_id_by_orgnr(req->store, norm, &id) == 0
                                ? id
                                : -1;
    }
    struct signal *items;
    int n, total;
    struct insyn_err err = {.arena = req->arena};
    if (app_signal_list(req->store, &req->actor, &f, req->arena, &items, &n, &total, &err)) {
        api_fail(req, &err);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr,
                              signal_json(&items[i], app_may_see_reporter(&req->actor, &items[i])));
    resp_json(req, 200,
              json_pack("{s:o, s:i, s:i, s:i}", "items", arr, "page", f.page, "per_page",
                        f.per_page, "total", total));
}

void
api_signal_create(struct request *req)
{
    struct insyn_err err = {.arena = req->arena};
    struct signal_input in = {0};
    struct signal s;
    if (api_input(req, &in, signal_input_fields, &err))
        return;
    if (app_signal_report(req->store, &req->actor, &in, req->arena, &s, &err)) {
        api_fail(req, &err);
        return;
    }
    resp_header(req, "Location", arena_printf(req->arena, "/api/v1/signals/%lld", s.id));
    resp_json(req, 201, signal_json(&s, app_may_see_reporter(&req->actor, &s)));
}

void
api_signal_get(struct request *req)
{
    long long id = req_id(req, 0);
    struct signal s;
    struct insyn_err err = {.arena = req->arena};
    if (!id)
        err_set(&err, INSYN_ENOTFOUND, "Signalen finns inte.");
    if (!id || app_signal_get(req->store, &req->actor, id, req->arena, &s, &err)) {
        api_fail(req, &err);
        return;
    }
    resp_json(req, 200, signal_json(&s, app_may_see_reporter(&req->actor, &s)));
}

/* The reviews of a meeting body: "signals": [{"signal_id", "outcome", "comment"}]. */
static int
reviews_from_json(struct request *req, json_t *list, struct meeting_input *in,
                  struct insyn_err *err)
{
    if (!list)
        return 0;
    if (!json_is_array(list)) {
        err_field(err, 0, "signals", "Ska vara en lista av {signal_id, outcome, comment}.");
        return INSYN_EINVAL;
    }
    in->reviews = arena_alloc(req->arena, sizeof *in->reviews * (json_array_size(list) + 1));
    size_t i;
    json_t *item;
    json_array_foreach(list, i, item)
    {
        json_t *id = json_object_get(item, "signal_id");
        json_t *outcome = json_object_get(item, "outcome"),
               *comment = json_object_get(item, "comment");
        if (!json_is_object(item) || !json_is_integer(id) || json_integer_value(id) <= 0 ||
            (outcome && !json_is_string(outcome)) || (comment && !json_is_string(comment))) {
            err_field(err, 0, arena_printf(req->arena, "signals[%zu]", i),
                      "Ange signal_id som ett heltal, outcome och comment som text.");
            continue;
        }
        struct signal_review *r = &in->reviews[in->n_reviews++];
        r->signal_id = json_integer_value(id);
        r->outcome = outcome ? arena_strdup(req->arena, json_string_value(outcome)) : NULL;
        r->comment = comment ? arena_strdup(req->arena, json_string_value(comment)) : NULL;
    }
    return err->nfields ? INSYN_EINVAL : 0;
}

static json_t *
meeting_body(const struct coordinator_meeting *m, const struct signal *signals, int n)
{
    json_t *j = meeting_json(m), *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, signal_json(&signals[i], 1));
    json_object_set_new(j, "signals", arr);
    return j;
}

struct meeting_text {
    const char *held_on, *attendees, *notes;
};
static const struct input_field meeting_text_fields[] = {
    {"held_on", offsetof(struct meeting_text, held_on)},
    {"attendees", offsetof(struct meeting_text, attendees)},
    {"notes", offsetof(struct meeting_text, notes)},
    {NULL, 0},
};

void
api_meeting_create(struct request *req)
{
    json_t *body = api_json_body(req);
    if (!body)
        return;
    struct insyn_err err = {.arena = req->arena};
    struct meeting_input in = {0};
    struct meeting_text text = {0};
    int rc = input_from_json(body, &text, meeting_text_fields, req->arena, &err);
    if (reviews_from_json(req, json_object_get(body, "signals"), &in, &err))
        rc = INSYN_EINVAL;
    json_decref(body);
    in.held_on = text.held_on;
    in.attendees = text.attendees;
    in.notes = text.notes;
    struct coordinator_meeting m;
    struct signal *signals;
    int n;
    if (rc == 0)
        rc = app_meeting_record(req->store, &req->actor, &in, req->arena, &m, &err);
    if (rc == 0)
        rc = app_meeting_get(req->store, &req->actor, m.id, req->arena, &m, &signals, &n, &err);
    if (rc) {
        api_fail(req, &err);
        return;
    }
    resp_header(req, "Location",
                arena_printf(req->arena, "/api/v1/coordinator-meetings/%lld", m.id));
    resp_json(req, 201, meeting_body(&m, signals, n));
}

void
api_meetings_list(struct request *req)
{
    struct coordinator_meeting *items;
    int n;
    struct insyn_err err = {.arena = req->arena};
    if (app_meeting_list(req->store, &req->actor, 500, req->arena, &items, &n, &err)) {
        api_fail(req, &err);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, meeting_json(&items[i]));
    resp_json(req, 200, json_pack("{s:o}", "items", arr));
}

void
api_meeting_get(struct request *req)
{
    long long id = req_id(req, 0);
    struct coordinator_meeting m;
    struct signal *signals;
    int n;
    struct insyn_err err = {.arena = req->arena};
    if (!id)
        err_set(&err, INSYN_ENOTFOUND, "Samordnarmötet finns inte.");
    if (!id || app_meeting_get(req->store, &req->actor, id, req->arena, &m, &signals, &n, &err)) {
        api_fail(req, &err);
        return;
    }
    resp_json(req, 200, meeting_body(&m, signals, n));
}

void
api_candidates(struct request *req)
{
    struct candidate *items;
    int n;
    struct insyn_err err = {.arena = req->arena};
    if (app_candidates(req->store, &req->actor, app_today(), 0, req->arena, &items, &n, &err)) {
        api_fail(req, &err);
        return;
    }
    /* every organisation may be a candidate: the list comes a page at a time */
    int page = req_int(req, "page", 1, 1, 1000000), per_page = req_int(req, "per_page", 50, 1, 500);
    json_t *arr = json_array();
    for (long long i = (long long)(page - 1) * per_page; i < n && i < (long long)page * per_page;
         i++)
        json_array_append_new(arr, candidate_json(&items[i]));
    resp_json(req, 200,
              json_pack("{s:o, s:i, s:i, s:i}", "items", arr, "page", page, "per_page", per_page,
                        "total", n));
}

void
api_settings_get(struct request *req)
{
    struct settings s;
    app_settings_get(req->store, &s);
    resp_json(req, 200, settings_json(&s));
}

void
api_settings_patch(struct request *req)
{
    struct insyn_err err = {.arena = req->arena};
    struct settings_input in = {0};
    struct settings s;
    if (api_input(req, &in, settings_input_fields, &err))
        return;
    if (app_settings_save(req->store, &req->actor, &in, req->arena, &s, &err)) {
        api_fail(req, &err);
        return;
    }
    resp_json(req, 200, settings_json(&s));
}
