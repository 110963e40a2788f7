/* page_dashboard.c — Översikt: agreements about to end and what must be decided.
 *
 * The overview is the page everyone opens first, so its body is cached: the key is the
 * date it is viewed as of, its horizons and the id of the newest audit record. Every
 * change writes an audit record, so a cached body is never stale. The cached body is the
 * same for every role; what only some roles see (the audit log's head, for administrators)
 * is rendered after it on each request, from the record the cache key was read with. */
#include "web/web.h"

#include "app/signals.h"
#include "app/investigations.h"

#include "core/date.h"
#include "web/cache.h"
#include "web/html.h"
#include "web/template.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct cache overview = CACHE_INIT;

/* A framework's line links to the agreement list searched for its case reference. */
static void
add_search_links(json_t *data, struct arena *a)
{
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(data, "ending"), i, item)
    {
        struct buf href;
        buf_init(&href);
        buf_puts(&href, "/avtal?q=");
        url_escape(&href, json_string_value(json_object_get(item, "case_ref")));
        json_object_set_new(item, "search_href", json_string(arena_strdup(a, href.data)));
        buf_free(&href);
    }
}

#define CANDIDATES_SHOWN 25 /* the rest are on the risk page */

/* Those with a serious signal first, then those with the most signals. */
static int
by_weight(const void *x, const void *y)
{
    const struct candidate *a = x, *b = y;
    if (a->serious != b->serious)
        return b->serious - a->serious;
    if (a->n_signals != b->n_signals)
        return b->n_signals - a->n_signals;
    return strcmp(a->name, b->name);
}

/* The organisations the signal rule makes candidates for event-driven follow-up, with the
 * signals that put them there. The same for every role of the overview (it is cached). */
static void
add_candidates(struct request *req, int today, json_t *data)
{
    struct candidate *items;
    int n = 0;
    struct insyn_err err = {.arena = req->arena};
    json_t *arr = json_array();
    if (app_candidates(req->store, &req->actor, today, 0, req->arena, &items, &n, &err) == 0) {
        qsort(items, (size_t)n, sizeof *items, by_weight);
        for (int i = 0; i < n && i < CANDIDATES_SHOWN; i++)
            json_array_append_new(arr, candidate_json(&items[i]));
    }
    json_object_set_new(data, "has_candidates", json_boolean(n > 0));
    json_object_set_new(data, "candidates", arr);
    json_object_set_new(data, "candidate_total", json_integer(n));
    json_object_set_new(data, "more_candidates", json_boolean(n > CANDIDATES_SHOWN));
}

/* Reads ?today, ?months and ?decision_months; a bad date is reported, not ignored. */
static int
dashboard_params(struct request *req, int *today, int *months, int *decision_months,
                 const char **problem)
{
    *today = app_today();
    *months = req_int(req, "months", req->config->horizon_months, 1, 120);
    *decision_months = req_int(req, "decision_months", req->config->decision_months, 1, 120);
    *problem = NULL;
    const char *as_of = kv_get(&req->query, "today");
    if (as_of && *as_of && date_parse(as_of, today) != 0) {
        *today = app_today();
        *problem =
            "Datumet att visa översikten för ska skrivas ÅÅÅÅ-MM-DD. Översikten visas för i dag.";
        return -1;
    }
    return 0;
}

/* The audit log's newest record, the anchor an administrator sends to the registrar
 * (`insyn audit mail-head`, docs/security.md): its number, its hash shortened with the whole
 * one at hand, and when it was written. */
static void
render_anchor(const struct audit_entry *head, struct buf *out)
{
    char local[32];
    app_local_time(head->at, "%Y-%m-%d %H:%M", local, sizeof local);
    char shown[13]; /* the first 12 hex digits, as a commit is named by its first ones */
    memcpy(shown, head->hash, sizeof shown - 1);
    shown[sizeof shown - 1] = '\0';
    json_t *data =
        json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)head->id, "hash", head->hash,
                  "hash_short", shown, "at", head->at, "at_text", local[0] ? local : head->at);
    if (!data)
        return; /* a record whose time is not text (written behind insyn's back): shown by verify */
    template_render("dashboard_anchor", data, out);
    json_decref(data);
}

/* The overview's body: just made (html), or else the cached one for key at version; then the
 * anchor, for administrators. -1 when the cached body is gone (another request's version
 * replaced it), so that it is made. */
struct overview_body {
    const char *key;
    long long version;
    const char *html;
    size_t len;
    const struct audit_entry *head;
};

static int
write_overview(struct buf *out, void *ctx)
{
    const struct overview_body *o = ctx;
    if (o->html)
        buf_append(out, o->html, o->len);
    else if (!cache_append(&overview, o->key, o->version, out))
        return -1;
    if (o->head)
        render_anchor(o->head, out);
    return 0;
}

void
page_dashboard(struct request *req)
{
    int today, months, decision_months;
    const char *problem;
    int bad = dashboard_params(req, &today, &months, &decision_months, &problem);
    /* the data version, read with the session, is the cache's key for everyone; the newest
     * record itself, the anchor, is read for administrators only */
    long long version = req_data_version(req);
    int cacheable = !bad && version >= 0;
    char key[48];
    snprintf(key, sizeof key, "%d %d %d", today, months, decision_months);
    struct audit_entry head;
    struct insyn_err head_err = {.arena = req->arena};
    int anchor = role_may(req->actor.role, PERM_AUDIT_ANCHOR) &&
                 store_audit_head(req->store, req->arena, &head, &head_err) == 0;
    struct overview_body o = {key, version, NULL, 0, anchor ? &head : NULL};
    if (cacheable && render_page_with(req, 200, "Översikt", write_overview, &o) == 0)
        return;
    struct dashboard d;
    struct insyn_err err = {.arena = req->arena};
    if (app_dashboard(req->store, &req->actor, today, months, decision_months, req->arena, &d,
                      &err)) {
        respond_error(req, err.code, &err);
        return;
    }
    json_t *data = dashboard_json(&d);
    add_search_links(data, req->arena);
    add_candidates(req, today, data);
    json_t *followup = NULL; /* terminations and investigations (app/investigations.h) */
    if (app_dashboard_investigations(req->store, &req->actor, today, req->arena, &followup, &err) ==
        0)
        json_object_update(data, followup);
    json_decref(followup);
    json_object_set_new(data, "as_of", json_boolean(today != app_today()));
    if (problem)
        json_object_set_new(data, "problem", json_string(problem));
    struct buf b;
    buf_init(&b);
    template_render("dashboard", data, &b);
    json_decref(data);
    o.html = b.data ? b.data : "";
    o.len = b.len;
    if (cacheable)
        cache_put(&overview, key, version, o.html, o.len);
    render_page_with(req, 200, "Översikt", write_overview, &o);
    buf_free(&b);
}
