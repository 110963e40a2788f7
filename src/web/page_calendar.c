/* page_calendar.c — calendar links (Kalender) and the iCalendar feeds behind them. */
#include "web/web.h"

#include "io/ics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void
page_calendar_feed(struct request *req)
{
    const char *file = req->params[0] ? req->params[0] : "";
    size_t n = strlen(file);
    if (n < 5 || strcmp(file + n - 4, ".ics") != 0) {
        respond_error(req, 404, NULL);
        return;
    }
    char *token = arena_strndup(req->arena, file, n - 4);
    struct calendar_feed feed;
    struct insyn_err err = {.arena = req->arena};
    if (app_calendar_feed(req->store, token, app_today(), req_base_url(req), req->arena, &feed,
                          &err)) {
        respond_error(req, err.code == INSYN_ESYS ? INSYN_ESYS : 404, NULL);
        return;
    }
    char *text = ics_calendar(feed.name, feed.events, feed.n, (long long)time(NULL));
    if (!text) {
        respond_error(req, INSYN_ESYS, NULL);
        return;
    }
    buf_reset(&req->out);
    buf_puts(&req->out, text);
    free(text);
    req->status = 200;
    req->content_type = "text/calendar; charset=utf-8";
    resp_header(req, "Cache-Control", "private, max-age=300");
    resp_header(req, "X-Robots-Tag", "noindex");
}

static const struct input_field calendar_fields[] = {
    {"kind", 0},
    {"agreement_id", 0},
    {NULL, 0},
};

/* The page; new_token is the secret of a link just made (shown this once). */
static void
calendar_page(struct request *req, int status, json_t *state, const char *new_token,
              long long new_agreement)
{
    struct calendar_feed_row *rows;
    int n;
    struct insyn_err err = {.arena = req->arena};
    if (app_calendar_list(req->store, &req->actor, req->arena, &rows, &n, &err)) {
        json_decref(state);
        respond_error(req, err.code, &err);
        return;
    }
    json_t *feeds = json_array(), *own = NULL;
    for (int i = 0; i < n; i++) {
        char created[20];
        app_local_time(rows[i].created_at, "%Y-%m-%d %H:%M", created, sizeof created);
        json_t *f = json_pack("{s:I, s:s}", "id", (json_int_t)rows[i].id, "created", created);
        if (rows[i].agreement_id) {
            json_object_set_new(f, "agreement_id", json_integer(rows[i].agreement_id));
            json_object_set_new(f, "case_ref", json_string(rows[i].case_ref));
            json_object_set_new(f, "title", json_string(rows[i].agreement_title));
            json_array_append_new(feeds, f);
        } else {
            json_decref(own);
            own = f;
        }
    }
    if (own)
        json_object_set_new(state, "own", own);
    json_object_set_new(state, "feeds", feeds);
    json_object_set_new(state, "has_feeds", json_boolean(json_array_size(feeds) > 0));
    json_object_set_new(state, "can_personal",
                        json_boolean(role_may(req->actor.role, PERM_DASHBOARD)));
    if (new_token) {
        const char *base = req_base_url(req);
        json_object_set_new(state, "new_url",
                            json_string(arena_printf(req->arena, "%s/kalender/%s.ics",
                                                     base ? base : "", new_token)));
        json_object_set_new(state, "new_is_agreement", json_boolean(new_agreement != 0));
    }
    if (kv_get(&req->query, "aterkallad"))
        json_object_set_new(state, "revoked", json_true());
    /* ?avtal=ID from an agreement's page fills in the agreement */
    const char *pre = kv_get(&req->query, "avtal");
    json_t *values = json_object_get(state, "values");
    const char *typed = json_string_value(json_object_get(values, "agreement_id"));
    if (pre && values && (!typed || !*typed))
        json_object_set_new(values, "agreement_id", json_string(pre));
    render_page(req, status, "calendar", "Kalender", state);
}

void
page_calendar(struct request *req)
{
    calendar_page(req, 200, form_state(req, calendar_fields, NULL), NULL, 0);
}

void
page_calendar_create(struct request *req)
{
    struct insyn_err err = {.arena = req->arena};
    const char *kind = kv_get(&req->form, "kind");
    const char *ag = kv_get(&req->form, "agreement_id");
    long long agreement_id = 0;
    if (!kind || (strcmp(kind, "person") != 0 && strcmp(kind, "agreement") != 0)) {
        err_field(&err, 0, "kind", "Välj vilken kalender länken ska gälla.");
    } else if (strcmp(kind, "agreement") == 0) {
        char *end = NULL;
        agreement_id = ag ? strtoll(ag, &end, 10) : 0;
        if (!ag || !*ag || *end || agreement_id <= 0)
            err_field(&err, 0, "agreement_id",
                      "Ange avtalets nummer, det som står i avtalets adress (/avtal/NUMMER).");
    }
    if (err.nfields) {
        calendar_page(req, 422, form_state(req, calendar_fields, &err), NULL, 0);
        return;
    }
    char *token;
    long long id;
    if (app_calendar_create(req->store, &req->actor, agreement_id, req->arena, &token, &id, &err)) {
        respond_error(req, err.code, &err);
        return;
    }
    resp_header(req, "Cache-Control", "no-store");
    calendar_page(req, 200, form_state(req, calendar_fields, NULL), token, agreement_id);
}

void
page_calendar_revoke(struct request *req)
{
    struct insyn_err err = {.arena = req->arena};
    const char *id = kv_get(&req->form, "id");
    char *end = NULL;
    long long v = id ? strtoll(id, &end, 10) : 0;
    if (!id || !*id || *end || v <= 0) {
        err_field(&err, 0, "id", "Välj vilken länk som ska återkallas.");
        calendar_page(req, 422, form_state(req, calendar_fields, &err), NULL, 0);
        return;
    }
    if (app_calendar_revoke(req->store, &req->actor, v, &err)) {
        respond_error(req, err.code, &err);
        return;
    }
    resp_redirect(req, "/kalender?aterkallad=1");
}
