/* api.c — the JSON API under /api/v1/: organisations, units, agreements, the overview and
 * entity history. Bodies are the JSON shapes of app/json.c; errors are RFC 9457
 * problem+json with a Swedish detail and an errors list of {field, message}. */
#include "web/web.h"

#include "app/investigations.h"

#include "web/cache.h"

#include "core/date.h"

#include <stdlib.h>
#include <string.h>

json_t *
api_json_body(struct request *req)
{
    const char *ctype = req_header(req, "Content-Type");
    if (!ctype || strncmp(ctype, "application/json", 16) != 0 ||
        (ctype[16] && ctype[16] != ';' && ctype[16] != ' ')) {
        resp_problem(req, 415, "Skicka innehållet som application/json.", NULL);
        return NULL;
    }
    json_error_t jerr;
    json_t *body = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &jerr);
    if (!body) {
        resp_problem(req, 400,
                     arena_printf(req->arena, "Innehållet är inte giltig JSON (rad %d, kolumn %d).",
                                  jerr.line, jerr.column),
                     NULL);
        return NULL;
    }
    if (!json_is_object(body)) {
        json_decref(body);
        resp_problem(req, 400, "Innehållet ska vara ett JSON-objekt.", NULL);
        return NULL;
    }
    return body;
}

int
api_input(struct request *req, void *input, const struct input_field *fields, struct insyn_err *err)
{
    json_t *body = api_json_body(req);
    if (!body)
        return -1;
    int rc = input_from_json(body, input, fields, req->arena, err);
    json_decref(body);
    if (rc) {
        api_fail(req, err);
        return -1;
    }
    return 0;
}

void
api_fail(struct request *req, const struct insyn_err *err)
{
    respond_error(req, err->code ? err->code : INSYN_ESYS, err);
}

static json_t *
list_json(json_t *items, int page, int per_page, int total)
{
    return json_pack("{s:o, s:i, s:i, s:i}", "items", items, "page", page, "per_page", per_page,
                     "total", total);
}

static void
created(struct request *req, const char *collection, long long id, json_t *body)
{
    resp_header(req, "Location", arena_printf(req->arena, "/api/v1/%s/%lld", collection, id));
    resp_json(req, 201, body);
}

/* ---- organisations ---- */

void
api_organisations_list(struct request *req)
{
    struct org_filter f = {
        .q = kv_get(&req->query, "q"),
        .kind = kv_get(&req->query, "kind"),
        .service_area = kv_get(&req->query, "service_area"),
        .sort = kv_get(&req->query, "sort"),
        .desc = kv_get(&req->query, "dir") && strcmp(kv_get(&req->query, "dir"), "desc") == 0,
        .page = req_int(req, "page", 1, 1, 1000000),
        .per_page = req_int(req, "per_page", 50, 1, 500),
    };
    struct organisation *items;
    int n, total;
    struct insyn_err err = {.arena = req->arena};
    if (app_org_list(req->store, &req->actor, &f, req->arena, &items, &n, &total, &err)) {
        api_fail(req, &err);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, organisation_json(&items[i]));
    resp_json(req, 200, list_json(arr, f.page, f.per_page, total));
}

void
api_organisation_get(struct request *req)
{
    struct organisation o;
    struct insyn_err err = {.arena = req->arena};
    long long id = req_id(req, 0);
    if (!id || app_org_get(req->store, &req->actor, id, req->arena, &o, &err)) {
        if (!id)
            err_set(&err, INSYN_ENOTFOUND, "Utföraren finns inte.");
        api_fail(req, &err);
        return;
    }
    resp_json(req, 200, organisation_json(&o));
}

static void
organisation_write(struct request *req, long long id)
{
    json_t *body = api_json_body(req);
    if (!body)
        return;
    struct insyn_err err = {.arena = req->arena};
    struct organisation o;
    if (id) { /* PATCH: the stored organisation with the given fields replaced */
        if (app_org_get(req->store, &req->actor, id, req->arena, &o, &err)) {
            json_decref(body);
            api_fail(req, &err);
            return;
        }
        json_t *merged = organisation_json(&o);
        json_object_update(merged, body);
        json_decref(body);
        body = merged;
    }
    struct organisation_input in = {0};
    int rc = input_from_json(body, &in, organisation_input_fields, req->arena, &err);
    json_decref(body);
    if (rc == 0)
        rc = id ? app_org_update(req->store, &req->actor, id, &in, req->arena, &o, &err)
                : app_org_create(req->store, &req->actor, &in, req->arena, &o, &err);
    if (rc)
        api_fail(req, &err);
    else if (id)
        resp_json(req, 200, organisation_json(&o));
    else
        created(req, "organisations", o.id, organisation_json(&o));
}

void
api_organisation_create(struct request *req)
{
    organisation_write(req, 0);
}

void
api_organisation_patch(struct request *req)
{
    long long id = req_id(req, 0);
    if (!id) {
        respond_error(req, INSYN_ENOTFOUND, NULL);
        return;
    }
    organisation_write(req, id);
}

/* ---- units ---- */

void
api_units_list(struct request *req)
{
    long long org = 0;
    const char *s = kv_get(&req->query, "organisation_id");
    if (s)
        org = atoll(s);
    struct unit_filter f = {
        .organisation_id = org,
        .service_area = kv_get(&req->query, "service_area"),
        .q = kv_get(&req->query, "q"),
        .page = req_int(req, "page", 1, 1, 1000000),
        .per_page = req_int(req, "per_page", 50, 1, 500),
    };
    struct unit *items;
    int n, total;
    struct insyn_err err = {.arena = req->arena};
    if (app_unit_list(req->store, &req->actor, &f, req->arena, &items, &n, &total, &err)) {
        api_fail(req, &err);
        return;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, unit_json(&items[i]));
    resp_json(req, 200, list_json(arr, f.page, f.per_page, total));
}

void
api_unit_get(struct request *req)
{
    struct unit u;
    struct insyn_err err = {.arena = req->arena};
    long long id = req_id(req, 0);
    if (!id || app_unit_get(req->store, &req->actor, id, req->arena, &u, &err)) {
        if (!id)
            err_set(&err, INSYN_ENOTFOUND, "Enheten finns inte.");
        api_fail(req, &err);
        return;
    }
    resp_json(req, 200, unit_json(&u));
}

static void
unit_write(struct request *req, long long id)
{
    json_t *body = api_json_body(req);
    if (!body)
        return;
    struct insyn_err err = {.arena = req->arena};
    struct unit u;
    if (id) {
        if (app_unit_get(req->store, &req->actor, id, req->arena, &u, &err)) {
            json_decref(body);
            api_fail(req, &err);
            return;
        }
        json_t *merged = unit_json(&u);
        json_object_update(merged, body);
        json_decref(body);
        body = merged;
    }
    struct unit_input in = {0};
    int rc = input_from_json(body, &in, unit_input_fields, req->arena, &err);
    json_decref(body);
    if (rc == 0)
        rc = id ? app_unit_update(req->store, &req->actor, id, &in, req->arena, &u, &err)
                : app_unit_create(req->store, &req->actor, &in, req->arena, &u, &err);
    if (rc)
        api_fail(req, &err);
    else if (id)
        resp_json(req, 200, unit_json(&u));
    else
        created(req, "units", u.id, unit_json(&u));
}

void
api_unit_create(struct request *req)
{
    unit_write(req, 0);
}

void
api_unit_patch(struct request *req)
{
    long long id = req_id(req, 0);
    if (!id) {
        respond_error(req, INSYN_ENOTFOUND, NULL);
        return;
    }
    unit_write(req, id);
}

/* ---- agreements ---- */

static int
query_date(struct request *req, const char *name, int *out, struct insyn_err *err)
{
    const char *s = kv_get(&req->query, name);
    *out = DATE_NONE;
    if (s && *s && date_parse(s, out) != 0) {
        err_field(err, 0, name, "Datumet ska skrivas ÅÅÅÅ-MM-DD.");
        return -1;
    }
    return 0;
}

static struct cache agreement_pages = CACHE_INIT;

void
api_agreements_list(struct request *req)
{
    struct insyn_err err = {.arena = req->arena};
    const char *org = kv_get(&req->query, "organisation_id");
    struct agreement_filter f = {
        .q = kv_get(&req->query, "q"),
        .form = kv_get(&req->query, "form"),
        .service_area = kv_get(&req->query, "service_area"),
        .status = kv_get(&req->query, "status"),
        .organisation_id = org ? atoll(org) : 0,
        .sort = kv_get(&req->query, "sort"),
        .desc = kv_get(&req->query, "dir") && strcmp(kv_get(&req->query, "dir"), "desc") == 0,
        .page = req_int(req, "page", 1, 1, 1000000),
        .per_page = req_int(req, "per_page", 50, 1, 500),
        .with_details = 1,
    };
    query_date(req, "ends_from", &f.ends_from, &err);
    query_date(req, "ends_to", &f.ends_to, &err);
    if (err.nfields) {
        err_set(&err, INSYN_EINVAL, "Filtret innehåller fel.");
        resp_problem(req, 400, err.message, &err);
        return;
    }
    /* the page itself is remembered too: integrations and dashboards ask for the same pages
     * again and again, and making one (fifty agreements with their units and items, as JSON)
     * costs far more than answering it from memory */
    if (app_require(&req->actor, PERM_AGREEMENT_READ, &err)) {
        api_fail(req, &err);
        return;
    }
    int today = app_today();
    long long version = req_data_version(req);
    char *key = req_filter_key(req);
    char *page_key =
        arena_printf(req->arena, "%s page=%d per_page=%d today=%d", key, f.page, f.per_page, today);
    size_t len;
    char *body = cache_get(&agreement_pages, page_key, version, req->arena, &len);
    if (body) {
        resp_json_text(req, 200, body, len);
        return;
    }
    struct agreement *items;
    int n, total;
    f.known_total = count_cache_get(key, version, &total);
    if (app_agreement_list(req->store, &req->actor, &f, req->arena, &items, &n, &total, &err)) {
        api_fail(req, &err);
        return;
    }
    if (!f.known_total)
        count_cache_put(key, version, total);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, agreement_json(&items[i], today));
    resp_json(req, 200, list_json(arr, f.page, f.per_page, total));
    cache_put(&agreement_pages, page_key, version, req->out.data, req->out.len);
}

void
api_agreement_get(struct request *req)
{
    struct agreement g;
    struct insyn_err err = {.arena = req->arena};
    long long id = req_id(req, 0);
    if (!id || app_agreement_get(req->store, &req->actor, id, req->arena, &g, &err)) {
        if (!id)
            err_set(&err, INSYN_ENOTFOUND, "Avtalet finns inte.");
        api_fail(req, &err);
        return;
    }
    resp_json(req, 200, agreement_json(&g, app_today()));
}

static void
agreement_write(struct request *req, long long id)
{
    json_t *body = api_json_body(req);
    if (!body)
        return;
    struct insyn_err err = {.arena = req->arena};
    struct agreement g;
    if (id) {
        if (app_agreement_get(req->store, &req->actor, id, req->arena, &g, &err)) {
            json_decref(body);
            api_fail(req, &err);
            return;
        }
        json_t *merged = agreement_json(&g, DATE_NONE);
        json_object_update(merged, body);
        json_decref(body);
        body = merged;
    }
    struct agreement_input in = {0};
    int rc = input_from_json(body, &in, agreement_input_fields, req->arena, &err);
    json_decref(body);
    if (rc == 0)
        rc = id ? app_agreement_update(req->store, &req->actor, id, &in, req->arena, &g, &err)
                : app_agreement_create(req->store, &req->actor, &in, req->arena, &g, &err);
    if (rc)
        api_fail(req, &err);
    else if (id)
        resp_json(req, 200, agreement_json(&g, app_today()));
    else
        created(req, "agreements", g.id, agreement_json(&g, app_today()));
}

void
api_agreement_create(struct request *req)
{
    agreement_write(req, 0);
}

void
api_agreement_patch(struct request *req)
{
    long long id = req_id(req, 0);
    if (!id) {
        respond_error(req, INSYN_ENOTFOUND, NULL);
        return;
    }
    agreement_write(req, id);
}

/* ---- overview and history ---- */

void
api_dashboard(struct request *req)
{
    int today = app_today();
    const char *as_of = kv_get(&req->query, "today");
    struct insyn_err err = {.arena = req->arena};
    if (as_of && *as_of && date_parse(as_of, &today) != 0) {
        err_field(&err, 0, "today", "Datumet ska skrivas ÅÅÅÅ-MM-DD.");
        resp_problem(req, 400, "Datumet att visa översikten för är felaktigt.", &err);
        return;
    }
    struct dashboard d;
    if (app_dashboard(req->store, &req->actor, today,
                      req_int(req, "months", req->config->horizon_months, 1, 120),
                      req_int(req, "decision_months", req->config->decision_months, 1, 120),
                      req->arena, &d, &err)) {
        api_fail(req, &err);
        return;
    }
    json_t *body = dashboard_json(&d), *followup = NULL;
    if (app_dashboard_investigations(req->store, &req->actor, today, req->arena, &followup, &err) ==
        0)
        json_object_update(body, followup);
    json_decref(followup);
    resp_json(req, 200, body);
}

void
api_history(struct request *req)
{
    long long id = req_id(req, 0);
    const char *entity = strncmp(req->path, "/api/v1/organisations/", 22) == 0 ? "organisation"
                         : strncmp(req->path, "/api/v1/units/", 14) == 0       ? "unit"
                                                                               : "agreement";
    struct insyn_err err = {.arena = req->arena};
    /* the entity must be readable by this actor before its history is */
    struct organisation o;
    struct unit u;
    struct agreement g;
    int rc = !id ? INSYN_ENOTFOUND
             : strcmp(entity, "organisation") == 0
                 ? app_org_get(req->store, &req->actor, id, req->arena, &o, &err)
             : strcmp(entity, "unit") == 0
                 ? app_unit_get(req->store, &req->actor, id, req->arena, &u, &err)
                 : app_agreement_get(req->store, &req->actor, id, req->arena, &g, &err);
    json_t *items = NULL;
    if (rc == 0)
        rc = app_history(req->store, &req->actor, entity, id, req->arena, &items, &err);
    if (rc) {
        if (!err.code)
            err_set(&err, rc, "Finns inte.");
        api_fail(req, &err);
        return;
    }
    resp_json(req, 200, json_pack("{s:o}", "items", items));
}
