/* agreements.c — use cases for agreements, and the overview built on them. */
#include "app/app.h"

#include "core/codes.h"
#include "core/date.h"
#include "core/text.h"

#include <string.h>

static int
may_be_strategist(enum role r)
{
    return r == ROLE_STRATEGIST || r == ROLE_DEPUTY_DIRECTOR;
}

int
app_agreement_check(struct store *st, const struct agreement_input *in, struct arena *a, int row,
                    struct agreement *out, struct insyn_err *err)
{
    int before = err->nfields;
    struct agreement_context ctx = {0};
    long long org_id = 0;
    struct organisation org;
    struct insyn_err ignore = {0};
    if (in->organisation_id && text_parse_uint(in->organisation_id, 1LL << 53, &org_id) == 0 &&
        store_org_get(st, org_id, a, &org, &ignore) == 0) {
        ctx.organisation_found = 1;
        ctx.organisation_kind = org.kind;
    }
    memset(out, 0, sizeof *out);
    agreement_validate(in, &ctx, out, a, row, err);
    if (ctx.organisation_found) {
        out->organisation_name = org.name;
        out->organisation_kind = org.kind;
    }
    out->unit_names = arena_alloc(a, sizeof *out->unit_names * (size_t)(out->n_units + 1));
    for (int i = 0; i < out->n_units; i++) {
        struct unit u;
        if (store_unit_get(st, out->unit_ids[i], a, &u, &ignore) != 0) {
            err_field(err, row, "unit_ids", "Enhet %lld finns inte.", out->unit_ids[i]);
        } else if (ctx.organisation_found && u.organisation_id != org_id) {
            err_field(err, row, "unit_ids", "Enheten %s hör inte till utföraren %s.", u.name,
                      org.name);
        } else {
            out->unit_names[i] = u.name;
        }
    }
    if (out->strategist_id) {
        struct user u;
        if (store_user_by_id(st, out->strategist_id, a, &u) != 0 || !may_be_strategist(u.role))
            err_field(err, row, "strategist_id",
                      "Ansvarig strateg ska vara en användare med rollen avtalsansvarig strateg.");
        else
            out->strategist_name = u.name;
    }
    return err->nfields > before ? INSYN_EINVAL : 0;
}

int
app_agreement_create(struct store *st, const struct actor *who, const struct agreement_input *in,
                     struct arena *a, struct agreement *out, struct insyn_err *err)
{
    if (app_require(who, PERM_AGREEMENT_WRITE, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    if (app_agreement_check(st, in, a, 0, out, err))
        goto fail;
    if (who->role == ROLE_PROVIDER_USER && out->organisation_id != who->organisation_id) {
        err_field(err, 0, "organisation_id", "Utföraren finns inte.");
        goto fail;
    }
    char now[21];
    app_timestamp(0, now);
    out->created_at = out->updated_at = arena_strdup(a, now);
    if (store_agreement_insert(st, out, err) || app_schedule_agreement(st, out, err))
        goto fail;
    return app_commit_audited(st, who, "create", "agreement", out->id, NULL,
                              agreement_json(out, DATE_NONE), err);
fail:
    return app_abort(st, err);
}

int
app_agreement_update(struct store *st, const struct actor *who, long long id,
                     const struct agreement_input *in, struct arena *a, struct agreement *out,
                     struct insyn_err *err)
{
    if (app_require(who, PERM_AGREEMENT_WRITE, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    struct agreement old;
    if (store_agreement_get(st, id, a, &old, err))
        goto fail;
    /* A latest end that only mirrored the old end (no extensions) follows a new end. */
    struct agreement_input follow = *in;
    char old_latest[11];
    date_format(old.latest_end, old_latest);
    if (old.latest_end == old.end && follow.latest_end &&
        strcmp(follow.latest_end, old_latest) == 0)
        follow.latest_end = NULL;
    if (app_agreement_check(st, &follow, a, 0, out, err))
        goto fail;
    if (who->role == ROLE_PROVIDER_USER && (old.organisation_id != who->organisation_id ||
                                            out->organisation_id != who->organisation_id)) {
        err_set(err, INSYN_ENOTFOUND, "Avtalet finns inte.");
        goto fail;
    }
    char now[21];
    app_timestamp(0, now);
    out->id = id;
    out->created_at = old.created_at;
    out->termination_flag = old.termination_flag; /* only the controls set it */
    out->termination_flagged_on = old.termination_flagged_on;
    out->updated_at = arena_strdup(a, now);
    if (store_agreement_update(st, out, err) || app_schedule_agreement(st, out, err))
        goto fail;
    return app_commit_audited(st, who, "update", "agreement", id, agreement_json(&old, DATE_NONE),
                              agreement_json(out, DATE_NONE), err);
fail:
    return app_abort(st, err);
}

int
app_agreement_extend(struct store *st, const struct actor *who, long long id, struct arena *a,
                     struct agreement *out, struct insyn_err *err)
{
    if (app_require(who, PERM_AGREEMENT_WRITE, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    struct agreement old;
    if (store_agreement_get(st, id, a, &old, err) || store_agreement_get(st, id, a, out, err) ||
        agreement_extend(out, err))
        goto fail;
    char now[21];
    app_timestamp(0, now);
    out->updated_at = arena_strdup(a, now);
    if (store_agreement_update(st, out, err) || app_schedule_agreement(st, out, err))
        goto fail;
    return app_commit_audited(st, who, "extend", "agreement", id, agreement_json(&old, DATE_NONE),
                              agreement_json(out, DATE_NONE), err);
fail:
    return app_abort(st, err);
}

int
app_agreement_get(struct store *st, const struct actor *who, long long id, struct arena *a,
                  struct agreement *out, struct insyn_err *err)
{
    if (app_require(who, PERM_AGREEMENT_READ, err))
        return err->code;
    if (store_agreement_get(st, id, a, out, err))
        return err->code;
    if (who->role == ROLE_PROVIDER_USER && out->organisation_id != who->organisation_id)
        return err_set(err, INSYN_ENOTFOUND, "Avtalet finns inte.");
    return 0;
}

int
app_agreement_list(struct store *st, const struct actor *who, struct agreement_filter *f,
                   struct arena *a, struct agreement **items, int *n, int *total,
                   struct insyn_err *err)
{
    if (app_require(who, PERM_AGREEMENT_READ, err))
        return err->code;
    if (who->role == ROLE_PROVIDER_USER)
        f->organisation_id = who->organisation_id;
    return store_agreement_list(st, f, a, items, n, total, err);
}

int
app_dashboard(struct store *st, const struct actor *who, int today, int horizon_months,
              int decision_months, struct arena *a, struct dashboard *out, struct insyn_err *err)
{
    if (app_require(who, PERM_DASHBOARD, err))
        return err->code;
    memset(out, 0, sizeof *out);
    out->today = today;
    out->horizon_months = horizon_months;
    out->decision_months = decision_months;
    out->until = date_add_months(today, horizon_months);
    out->decision_until = date_add_months(today, decision_months);
    int to = out->until > out->decision_until ? out->until : out->decision_until;
    struct agreement_filter f = {
        .in_force_only = 1,
        .ends_from = today,
        .ends_to = to,
        .sort = "end",
        .page = 1,
        .per_page = 5000,
    };
    struct agreement *list;
    int n, total;
    if (store_agreement_list(st, &f, a, &list, &n, &total, err) ||
        store_agreement_counts(st, "form", today, a, &out->by_form, &out->n_by_form, err) ||
        store_agreement_counts(st, "service_area", today, a, &out->by_area, &out->n_by_area, err) ||
        store_overdue_by_organisation(st, today, 10, a, &out->overdue_by_org,
                                      &out->n_overdue_by_org, err) ||
        store_overdue_by_responsible(st, today, a, &out->overdue_by_person,
                                     &out->n_overdue_by_person, err))
        return err->code;
    out->items = arena_alloc(a, sizeof *out->items * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
        const struct agreement *g = &list[i];
        struct agreement_outlook o;
        agreement_outlook(g, today, &o);
        if (g->end > out->until && o.can_extend)
            continue; /* beyond the horizon and still extendable: nothing to decide yet */
        out->n_agreements++;
        struct dashboard_item *same = NULL;
        for (int k = 0; k < out->n_items && !same; k++) {
            const struct agreement *h = out->items[k].first;
            if (h->end == g->end && strcmp(h->case_ref, g->case_ref) == 0 &&
                strcmp(h->form, g->form) == 0)
                same = &out->items[k];
        }
        if (same) {
            same->count++;
            continue;
        }
        out->items[out->n_items++] = (struct dashboard_item){.first = g, .count = 1, .outlook = o};
    }
    return 0;
}

static json_t *
counts_json(const struct count_row *rows, int n, const struct code_label *labels)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "code", json_string(rows[i].code));
        const char *label = code_label(labels, rows[i].code);
        json_object_set_new(o, "label", json_string(label ? label : rows[i].code));
        json_object_set_new(o, "count", json_integer(rows[i].count));
        json_array_append_new(arr, o);
    }
    return arr;
}

json_t *
dashboard_json(const struct dashboard *d)
{
    char buf[11];
    json_t *j = json_object();
    date_format(d->today, buf);
    json_object_set_new(j, "today", json_string(buf));
    date_format(d->until, buf);
    json_object_set_new(j, "until", json_string(buf));
    date_format(d->decision_until, buf);
    json_object_set_new(j, "decision_until", json_string(buf));
    json_object_set_new(j, "horizon_months", json_integer(d->horizon_months));
    json_object_set_new(j, "decision_months", json_integer(d->decision_months));
    json_t *items = json_array();
    for (int i = 0; i < d->n_items; i++) {
        const struct dashboard_item *it = &d->items[i];
        json_t *g = agreement_json(it->first, d->today);
        json_object_set_new(g, "agreement_count", json_integer(it->count));
        json_object_set_new(g, "grouped", json_boolean(it->count > 1));
        json_object_set_new(g, "decision_needed", json_boolean(!it->outlook.can_extend));
        json_array_append_new(items, g);
    }
    json_object_set_new(j, "ending", items);
    json_object_set_new(j, "has_ending", json_boolean(d->n_items > 0));
    json_object_set_new(j, "ending_agreements", json_integer(d->n_agreements));
    json_object_set_new(j, "by_form", counts_json(d->by_form, d->n_by_form, agreement_forms));
    json_object_set_new(j, "by_service_area", counts_json(d->by_area, d->n_by_area, service_areas));
    json_t *orgs = json_array(), *people = json_array();
    for (int i = 0; i < d->n_overdue_by_org; i++)
        json_array_append_new(orgs, json_pack("{s:I, s:s, s:i}", "organisation_id",
                                              (json_int_t)d->overdue_by_org[i].id, "name",
                                              d->overdue_by_org[i].name, "count",
                                              d->overdue_by_org[i].count));
    for (int i = 0; i < d->n_overdue_by_person; i++) {
        const struct overdue_row *r = &d->overdue_by_person[i];
        const char *role = role_label(role_parse(r->role));
        json_array_append_new(people,
                              json_pack("{s:I, s:s, s:s, s:s, s:i}", "user_id", (json_int_t)r->id,
                                        "name", *r->name ? r->name : role, "role", r->role,
                                        "role_label", role, "count", r->count));
    }
    json_object_set_new(j, "overdue_by_organisation", orgs);
    json_object_set_new(j, "overdue_by_person", people);
    json_object_set_new(j, "has_overdue", json_boolean(d->n_overdue_by_org > 0));
    return j;
}
