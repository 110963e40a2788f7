/* page_agreements.c — Avtal: list, detail, create and edit. */
#include "web/web.h"

#include "web/cache.h"

#include "app/records.h"

#include "core/codes.h"
#include "core/date.h"
#include "core/text.h"

#include <stdio.h>
#include <string.h>

static int
query_date(struct request *req, const char *name)
{
    const char *s = kv_get(&req->query, name);
    int d;
    return s && date_parse(s, &d) == 0 ? d : DATE_NONE;
}

void
page_agreements(struct request *req)
{
    struct agreement_filter f = {
        .q = kv_get(&req->query, "q"),
        .form = kv_get(&req->query, "form"),
        .service_area = kv_get(&req->query, "service_area"),
        .status = kv_get(&req->query, "status"),
        .ends_from = query_date(req, "ends_from"),
        .ends_to = query_date(req, "ends_to"),
        .sort = kv_get(&req->query, "sort"),
        .desc = kv_get(&req->query, "dir") && strcmp(kv_get(&req->query, "dir"), "desc") == 0,
        .page = req_int(req, "page", 1, 1, 100000),
        .per_page = 50,
    };
    /* The list opens on the agreements in force, and stays so while paging; the filter form
     * always sends status ("" for every status). Deciding by the query's parameters, not by
     * whether there are any, keeps the list-total cache's key (the parameters but paging)
     * true to what is listed: /avtal and /avtal?page=1 are the same list. */
    if (!kv_get(&req->query, "status"))
        f.status = "active";
    struct agreement *items;
    int n, total;
    long long version = req_data_version(req);
    char *key = req_filter_key(req);
    f.known_total = count_cache_get(key, version, &total);
    struct insyn_err err = {.arena = req->arena};
    if (app_agreement_list(req->store, &req->actor, &f, req->arena, &items, &n, &total, &err)) {
        respond_error(req, err.code, &err);
        return;
    }
    if (!f.known_total)
        count_cache_put(key, version, total);
    int today = app_today();
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, agreement_json(&items[i], today));
    json_t *data = json_pack("{s:o, s:o, s:s, s:o, s:o, s:o, s:b}", "agreements", list, "paging",
                             paging_json(req, f.page, f.per_page, total), "q", f.q ? f.q : "",
                             "forms", code_list_json(agreement_forms, f.form), "service_areas",
                             code_list_json(service_areas, f.service_area), "statuses",
                             code_list_json(agreement_statuses, f.status), "can_write",
                             role_may(req->actor.role, PERM_AGREEMENT_WRITE));
    json_object_set_new(
        data, "ends_from",
        json_string(kv_get(&req->query, "ends_from") ? kv_get(&req->query, "ends_from") : ""));
    json_object_set_new(
        data, "ends_to",
        json_string(kv_get(&req->query, "ends_to") ? kv_get(&req->query, "ends_to") : ""));
    static const struct code_label sorts[] = {{"end", "Slutdatum"},         {"start", "Startdatum"},
                                              {"case_ref", "Diarienummer"}, {"title", "Benämning"},
                                              {"organisation", "Utförare"}, {NULL, NULL}};
    json_object_set_new(data, "sorts", code_list_json(sorts, f.sort ? f.sort : "end"));
    json_object_set_new(data, "desc", json_boolean(f.desc));
    render_page(req, 200, "agreements", "Avtal", data);
}

void
page_agreement(struct request *req)
{
    long long id = req_id(req, 0);
    struct agreement g;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_agreement_get(req->store, &req->actor, id, req->arena, &g, &err)) {
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    json_t *history = NULL;
    struct insyn_err herr = {.arena = req->arena};
    if (!role_may(req->actor.role, PERM_AUDIT_READ) ||
        app_history(req->store, &req->actor, "agreement", id, req->arena, &history, &herr))
        history = json_null();
    json_t *data =
        json_pack("{s:o, s:o, s:b}", "agreement", agreement_json(&g, app_today()), "history",
                  history, "can_write", role_may(req->actor.role, PERM_AGREEMENT_WRITE));
    json_object_set_new(data, "can_see_history",
                        json_boolean(role_may(req->actor.role, PERM_AUDIT_READ)));
    json_t *followups = NULL; /* the follow-ups and their records (app/records.h) */
    struct insyn_err ferr = {.arena = req->arena};
    if (app_agreement_followups(req->store, &req->actor, id, req->arena, &followups, &ferr))
        followups = json_array();
    json_object_set_new(data, "followups", followups);
    json_object_set_new(data, "internal", json_boolean(role_is_internal(req->actor.role)));
    agreement_sanctions_data(req, id, data);
    agreement_volume_data(req, id, data);
    agreement_stats_data(req, id, data);
    agreement_report_data(req, &g, data);
    /* the credit thresholds in words; empty means the setting's default */
    json_object_set_new(
        json_object_get(data, "agreement"), "credit_text",
        json_string(arena_printf(
            req->arena, "Creditsafe lägst %s, UC riskklass lägst %s",
            g.credit_min_creditsafe >= 0 ? arena_printf(req->arena, "%d", g.credit_min_creditsafe)
                                         : "enligt standard",
            g.credit_min_uc >= 0 ? arena_printf(req->arena, "%d", g.credit_min_uc)
                                 : "enligt standard")));
    render_page(req, 200, "agreement", g.title, data);
}

/* The organisations to choose from, and the chosen one's units as checkboxes. */
static void
agreement_form(struct request *req, int status, long long id, json_t *state)
{
    json_t *values = json_object_get(state, "values");
    const char *sel_org = json_string_value(json_object_get(values, "organisation_id"));
    const char *sel_strategist = json_string_value(json_object_get(values, "strategist_id"));
    long long org_id = 0;
    if (sel_org)
        text_parse_uint(sel_org, 1LL << 53, &org_id);
    struct insyn_err err = {.arena = req->arena};

    struct org_filter of = {.sort = "name", .page = 1, .per_page = 5000};
    struct organisation *orgs;
    int no, total;
    json_t *jorgs = json_array();
    if (app_org_list(req->store, &req->actor, &of, req->arena, &orgs, &no, &total, &err) == 0)
        for (int i = 0; i < no; i++)
            json_array_append_new(jorgs,
                                  json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)orgs[i].id,
                                            "name", orgs[i].name, "org_nr", orgs[i].org_nr,
                                            "selected", orgs[i].id == org_id));
    json_t *junits = json_array();
    if (org_id) {
        struct unit_filter uf = {.organisation_id = org_id, .page = 1, .per_page = 500};
        struct unit *units;
        int nu;
        const char *chosen = json_string_value(json_object_get(values, "unit_ids"));
        if (app_unit_list(req->store, &req->actor, &uf, req->arena, &units, &nu, &total, &err) == 0)
            for (int i = 0; i < nu; i++) {
                char idbuf[24];
                snprintf(idbuf, sizeof idbuf, "%lld", units[i].id);
                int checked = 0;
                for (const char *p = chosen; p && *p;) {
                    size_t len = strcspn(p, "\n, ");
                    checked |= len == strlen(idbuf) && strncmp(p, idbuf, len) == 0;
                    p += len;
                    p += strspn(p, "\n, ");
                }
                json_array_append_new(junits,
                                      json_pack("{s:I, s:s, s:b}", "id", (json_int_t)units[i].id,
                                                "name", units[i].name, "checked", checked));
            }
    }
    struct user *strategists;
    int ns;
    json_t *jstrat = json_array();
    if (app_strategists(req->store, req->arena, &strategists, &ns, &err) == 0)
        for (int i = 0; i < ns; i++) {
            char idbuf[24];
            snprintf(idbuf, sizeof idbuf, "%lld", strategists[i].id);
            json_array_append_new(jstrat,
                                  json_pack("{s:I, s:s, s:b}", "id", (json_int_t)strategists[i].id,
                                            "name", strategists[i].name, "selected",
                                            sel_strategist && strcmp(sel_strategist, idbuf) == 0));
        }
    json_object_set_new(state, "organisations", jorgs);
    json_object_set_new(state, "units", junits);
    json_object_set_new(state, "strategists", jstrat);
    json_object_set_new(
        state, "forms",
        code_list_json(agreement_forms, json_string_value(json_object_get(values, "form"))));
    json_object_set_new(
        state, "service_areas",
        code_list_json(service_areas, json_string_value(json_object_get(values, "service_area"))));
    json_object_set_new(
        state, "statuses",
        code_list_json(agreement_statuses, json_string_value(json_object_get(values, "status"))));
    json_object_set_new(state, "action",
                        json_string(id ? arena_printf(req->arena, "/avtal/%lld", id) : "/avtal"));
    json_object_set_new(state, "cancel",
                        json_string(id ? arena_printf(req->arena, "/avtal/%lld", id) : "/avtal"));
    json_object_set_new(state, "editing", json_boolean(id != 0));
    render_page(req, status, "agreement_form", id ? "Ändra avtal" : "Nytt avtal", state);
}

/* Values of an existing agreement as the form's strings (lists one item a line). */
static void
values_from_agreement(json_t *values, json_t *g)
{
    const char *key;
    json_t *v;
    json_object_foreach(g, key, v)
    {
        if (!json_object_get(values, key))
            continue;
        if (json_is_array(v)) {
            struct buf b;
            buf_init(&b);
            size_t i;
            json_t *item;
            json_array_foreach(v, i, item)
            {
                if (i)
                    buf_putc(&b, '\n');
                if (json_is_string(item))
                    buf_puts(&b, json_string_value(item));
                else
                    buf_printf(&b, "%lld", (long long)json_integer_value(item));
            }
            json_object_set_new(values, key, json_string(b.data ? b.data : ""));
            buf_free(&b);
        } else if (json_is_integer(v)) {
            char num[24];
            snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
            json_object_set_new(values, key, json_string(num));
        } else if (json_is_string(v)) {
            json_object_set(values, key, v);
        } else {
            json_object_set_new(values, key, json_string(""));
        }
    }
}

void
page_agreement_new(struct request *req)
{
    json_t *state = form_state(req, agreement_input_fields, NULL);
    json_t *values = json_object_get(state, "values");
    const char *org = kv_get(&req->query, "organisation_id");
    json_object_set_new(values, "organisation_id", json_string(org ? org : ""));
    json_object_set_new(values, "status", json_string("active"));
    json_object_set_new(values, "extensions_left", json_string("0"));
    agreement_form(req, 200, 0, state);
}

void
page_agreement_create(struct request *req)
{
    struct agreement_input in = {0};
    input_from_form(req, &in, agreement_input_fields);
    struct agreement g;
    struct insyn_err err = {.arena = req->arena};
    if (app_agreement_create(req->store, &req->actor, &in, req->arena, &g, &err)) {
        if (err.code == INSYN_EINVAL)
            agreement_form(req, 422, 0, form_state(req, agreement_input_fields, &err));
        else
            respond_error(req, err.code, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/avtal/%lld?sparat=1", g.id));
}

void
page_agreement_edit(struct request *req)
{
    long long id = req_id(req, 0);
    struct agreement g;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_agreement_get(req->store, &req->actor, id, req->arena, &g, &err)) {
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    json_t *state = form_state(req, agreement_input_fields, NULL);
    json_t *current = agreement_json(&g, DATE_NONE);
    values_from_agreement(json_object_get(state, "values"), current);
    json_decref(current);
    agreement_form(req, 200, id, state);
}

void
page_agreement_update(struct request *req)
{
    long long id = req_id(req, 0);
    struct agreement_input in = {0};
    input_from_form(req, &in, agreement_input_fields);
    struct agreement g;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_agreement_update(req->store, &req->actor, id, &in, req->arena, &g, &err)) {
        if (id && err.code == INSYN_EINVAL)
            agreement_form(req, 422, id, form_state(req, agreement_input_fields, &err));
        else
            respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/avtal/%lld?sparat=1", id));
}

void
page_agreement_extend(struct request *req)
{
    long long id = req_id(req, 0);
    struct agreement g;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_agreement_extend(req->store, &req->actor, id, req->arena, &g, &err)) {
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/avtal/%lld?sparat=1", id));
}
