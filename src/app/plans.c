/* plans.c — the year's control plan, its risk additions, its sample and the committee's
 * decision that freezes it. */
#include "app/plans.h"

#include "app/signals.h"
#include "core/codes.h"
#include "core/date.h"
#include "core/field.h"
#include "core/text.h"

#include <string.h>

/* ---- the sample ---- */

/* The one computation behind the plan page, the API and `insyn sample`: the store counts, the
 * core words. With plan_id, the plan's units added for risk too (into *risk). */
static int
sample_compute(struct store *st, const struct sample_rule *r, long long plan_id, struct arena *a,
               struct sample_unit **out, int *n, struct sample_unit **risk, int *nrisk,
               struct insyn_err *err)
{
    struct sample_unit *counted;
    int ncounted;
    if (store_sample_counts(st, r, plan_id, a, &counted, &ncounted, risk, nrisk, err))
        return err->code;
    return sample_merge(r, counted, ncounted, *risk, *nrisk, a, out, n);
}

int
app_sample(struct store *st, const struct actor *who, const struct sample_rule *r,
           long long plan_id, struct arena *a, struct sample_unit **out, int *n,
           struct insyn_err *err)
{
    if (app_require(who, PERM_DASHBOARD, err))
        return err->code;
    struct sample_unit *risk;
    int nrisk;
    return sample_compute(st, r, plan_id, a, out, n, &risk, &nrisk, err);
}

json_t *
sample_unit_json(const struct sample_unit *u)
{
    int risk = u->risk_reason && *u->risk_reason;
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:i, s:b, s:b, s:s, s:o}", "unit_id",
                     (json_int_t)u->unit_id, "organisation_id", (json_int_t)u->organisation_id,
                     "org_nr", u->org_nr ? u->org_nr : "", "organisation",
                     u->organisation ? u->organisation : "", "unit", u->unit ? u->unit : "",
                     "placements", u->placements, "in_rule", u->in_rule, "added_for_risk", risk,
                     "reason", u->reason ? u->reason : "", "risk_reason",
                     risk ? json_string(u->risk_reason) : json_null());
}

/* ---- plans ---- */

json_t *
plan_json(const struct control_plan *p)
{
    json_t *themes = json_array();
    char **lines;
    struct arena a;
    arena_init(&a);
    int n = text_split_lines(&a, p->themes ? p->themes : "", &lines);
    for (int i = 0; i < n; i++)
        json_array_append_new(themes, json_string(lines[i]));
    arena_free(&a);
    const char *status = p->status ? p->status : "draft";
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(p->id));
    json_object_set_new(j, "year", json_integer(p->year));
    json_object_set_new(j, "title", json_string(p->title ? p->title : ""));
    json_object_set_new(j, "case_ref", json_string(p->case_ref ? p->case_ref : ""));
    json_object_set_new(j, "focus_case_ref",
                        json_string(p->focus_case_ref ? p->focus_case_ref : ""));
    json_object_set_new(j, "focus_service_area",
                        json_string(p->focus_service_area ? p->focus_service_area : ""));
    json_object_set_new(j, "focus_service_area_label",
                        json_string(code_label_or_empty(service_areas, p->focus_service_area)));
    json_object_set_new(j, "themes", themes);
    json_object_set_new(j, "sample_case_ref",
                        json_string(p->rule.case_ref ? p->rule.case_ref : ""));
    json_object_set_new(j, "sample_from", date_json(p->rule.from));
    json_object_set_new(j, "sample_to", date_json(p->rule.to));
    json_object_set_new(j, "min_placements", json_integer(p->rule.min_placements));
    json_object_set_new(j, "status", json_string(status));
    json_object_set_new(j, "status_label", json_string(code_label_or_empty(plan_statuses, status)));
    json_object_set_new(j, "decided_on", date_json(p->decided_on));
    json_object_set_new(j, "decision_paragraph",
                        json_string(p->decision_paragraph ? p->decision_paragraph : ""));
    json_object_set_new(j, "approved_at",
                        p->approved_at && *p->approved_at ? json_string(p->approved_at)
                                                          : json_null());
    json_object_set_new(j, "created_by", json_string(p->created_by_name ? p->created_by_name : ""));
    json_object_set_new(j, "created_at", json_string(p->created_at ? p->created_at : ""));
    json_object_set_new(j, "updated_at", json_string(p->updated_at ? p->updated_at : ""));
    return j;
}

json_t *
plan_view_json(const struct plan_view *v)
{
    json_t *j = plan_json(&v->plan), *sample = json_array(), *risk = json_array();
    for (int i = 0; i < v->n_sample; i++)
        json_array_append_new(sample, sample_unit_json(&v->sample[i]));
    for (int i = 0; i < v->n_risk; i++)
        json_array_append_new(
            risk, json_pack("{s:I, s:I, s:s, s:s, s:s, s:s}", "unit_id",
                            (json_int_t)v->risk[i].unit_id, "organisation_id",
                            (json_int_t)v->risk[i].organisation_id, "org_nr", v->risk[i].org_nr,
                            "organisation", v->risk[i].organisation, "unit", v->risk[i].unit,
                            "reason", v->risk[i].risk_reason ? v->risk[i].risk_reason : ""));
    json_object_set_new(j, "frozen", json_boolean(v->frozen));
    json_object_set_new(j, "sample", sample);
    json_object_set_new(j, "risk_units", risk);
    return j;
}

/* Checks against the store what core cannot: the agreements named exist, the year is free. */
static int
plan_check_store(struct store *st, const struct control_plan *p, long long self,
                 struct insyn_err *err)
{
    if (p->focus_case_ref && *p->focus_case_ref &&
        !store_agreement_case_ref_exists(st, p->focus_case_ref))
        err_field(err, 0, "focus_case_ref", "Det finns inget avtal med diarienummer %s.",
                  p->focus_case_ref);
    if (p->rule.case_ref && *p->rule.case_ref &&
        !store_agreement_case_ref_exists(st, p->rule.case_ref))
        err_field(err, 0, "sample_case_ref", "Det finns inget avtal med diarienummer %s.",
                  p->rule.case_ref);
    long long other;
    if (p->year && store_plan_id_by_year(st, p->year, &other) == 0 && other != self)
        err_field(err, 0, "year", "Det finns redan en kontrollplan för %d.", p->year);
    return err->nfields ? INSYN_EINVAL : 0;
}

/* A unique year taken between the check and the write is the same field error. */
static int
year_taken(struct insyn_err *err, int year)
{
    if (err->code != INSYN_ECONFLICT || err->nfields)
        return err->code;
    err_clear(err);
    err_field(err, 0, "year", "Det finns redan en kontrollplan för %d.", year);
    return INSYN_EINVAL;
}

int
app_plan_create(struct store *st, const struct actor *who, const struct plan_input *in,
                struct arena *a, struct control_plan *out, struct insyn_err *err)
{
    if (app_require(who, PERM_PLAN_WRITE, err))
        return err->code;
    if (plan_validate(in, out, a, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    char now[21];
    app_timestamp(0, now);
    out->created_by_name = (char *)(who->name && *who->name ? who->name : "insyn");
    out->created_at = out->updated_at = arena_strdup(a, now);
    if (plan_check_store(st, out, 0, err))
        return app_abort(st, err);
    if (store_plan_insert(st, out, err)) {
        year_taken(err, out->year);
        return app_abort(st, err);
    }
    return app_commit_audited(st, who, "create", "control_plan", out->id, NULL, plan_json(out),
                              err);
}

/* A field left out of a change keeps the plan's value. */
static void
keep(struct arena *a, const char **slot, const char *current)
{
    if (!*slot)
        *slot = arena_strdup(a, current ? current : "");
}

static const char *
date_text(struct arena *a, int d)
{
    char s[11];
    date_format(d, s);
    return arena_strdup(a, s);
}

int
app_plan_update(struct store *st, const struct actor *who, long long id,
                const struct plan_input *given, struct arena *a, struct control_plan *out,
                struct insyn_err *err)
{
    if (app_require(who, PERM_PLAN_WRITE, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    struct control_plan old;
    if (store_plan_get(st, id, a, &old, err))
        return app_abort(st, err);
    if (strcmp(old.status, "draft") != 0) {
        err_set(err, INSYN_ECONFLICT, "Planen är godkänd och kan inte längre ändras.");
        return app_abort(st, err);
    }
    struct plan_input in = *given;
    keep(a, &in.year, arena_printf(a, "%d", old.year));
    keep(a, &in.title, old.title);
    keep(a, &in.case_ref, old.case_ref);
    keep(a, &in.focus_case_ref, old.focus_case_ref);
    keep(a, &in.focus_service_area, old.focus_service_area);
    keep(a, &in.themes, old.themes);
    keep(a, &in.sample_case_ref, old.rule.case_ref);
    keep(a, &in.sample_from, date_text(a, old.rule.from));
    keep(a, &in.sample_to, date_text(a, old.rule.to));
    keep(a, &in.min_placements, arena_printf(a, "%d", old.rule.min_placements));
    if (plan_validate(&in, out, a, err) || plan_check_store(st, out, id, err))
        return app_abort(st, err);
    char now[21];
    app_timestamp(0, now);
    out->id = id;
    out->created_by_name = old.created_by_name;
    out->created_at = old.created_at;
    out->updated_at = arena_strdup(a, now);
    if (store_plan_update(st, out, err)) {
        year_taken(err, out->year);
        return app_abort(st, err);
    }
    return app_commit_audited(st, who, "update", "control_plan", id, plan_json(&old),
                              plan_json(out), err);
}

/* The plan and its sample; call inside a transaction or a read. */
static int
plan_view_load(struct store *st, long long id, struct arena *a, struct plan_view *v,
               struct insyn_err *err)
{
    memset(v, 0, sizeof *v);
    if (store_plan_get(st, id, a, &v->plan, err))
        return err->code;
    v->frozen = strcmp(v->plan.status, "approved") == 0;
    if (!v->frozen)
        return sample_compute(st, &v->plan.rule, id, a, &v->sample, &v->n_sample, &v->risk,
                              &v->n_risk, err);
    /* the frozen sample: the rows written at approval, worded by the same rule */
    struct sample_unit *rows;
    int nrows;
    if (store_plan_frozen(st, id, a, &rows, &nrows, &v->risk, &v->n_risk, err))
        return err->code;
    struct sample_unit *counted = arena_alloc(a, sizeof *counted * (size_t)(nrows + v->n_risk + 1));
    memcpy(counted, rows, sizeof *rows * (size_t)nrows);
    memcpy(counted + nrows, v->risk, sizeof *v->risk * (size_t)v->n_risk);
    return sample_merge(&v->plan.rule, counted, nrows + v->n_risk, v->risk, v->n_risk, a,
                        &v->sample, &v->n_sample);
}

int
app_plan_get(struct store *st, const struct actor *who, long long id, struct arena *a,
             struct plan_view *out, struct insyn_err *err)
{
    if (app_require(who, PERM_DASHBOARD, err))
        return err->code;
    return plan_view_load(st, id, a, out, err);
}

int
app_plan_list(struct store *st, const struct actor *who, struct arena *a,
              struct control_plan **items, int *n, struct insyn_err *err)
{
    if (app_require(who, PERM_DASHBOARD, err))
        return err->code;
    return store_plan_list(st, a, items, n, err);
}

/* Opens the change of a draft: the transaction and the plan; INSYN_ECONFLICT once approved. */
static int
draft_begin(struct store *st, const struct actor *who, long long id, struct arena *a,
            struct control_plan *p, struct insyn_err *err)
{
    if (app_require(who, PERM_PLAN_WRITE, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    if (store_plan_get(st, id, a, p, err))
        return app_abort(st, err);
    if (strcmp(p->status, "draft") != 0) {
        err_set(err, INSYN_ECONFLICT, "Planen är godkänd och kan inte längre ändras.");
        return app_abort(st, err);
    }
    return 0;
}

int
app_plan_risk_add(struct store *st, const struct actor *who, long long id,
                  const struct plan_risk_input *in, struct arena *a, struct insyn_err *err)
{
    struct control_plan p;
    if (draft_begin(st, who, id, a, &p, err))
        return err->code;
    long long unit_id;
    char *reason;
    if (plan_risk_validate(in, &unit_id, &reason, a, err))
        return app_abort(st, err);
    struct unit u;
    struct insyn_err ignore = {.arena = a};
    if (store_unit_get(st, unit_id, a, &u, &ignore)) {
        err_field(err, 0, "unit_id", "Enheten finns inte.");
        return app_abort(st, err);
    }
    if (store_plan_risk_add(st, id, unit_id, reason, err))
        return app_abort(st, err);
    return app_commit_audited(st, who, "risk_add", "control_plan", id, NULL,
                              json_pack("{s:I, s:s, s:s}", "unit_id", (json_int_t)unit_id, "unit",
                                        u.name, "reason", reason),
                              err);
}

int
app_plan_risk_remove(struct store *st, const struct actor *who, long long id, const char *unit,
                     struct arena *a, struct insyn_err *err)
{
    struct control_plan p;
    if (draft_begin(st, who, id, a, &p, err))
        return err->code;
    long long unit_id = field_optional_id(a, unit);
    if (unit_id <= 0) {
        err_field(err, 0, "unit_id", "Välj vilken enhet som ska tas bort.");
        return app_abort(st, err);
    }
    struct sample_unit *risk;
    int n;
    if (store_plan_units(st, id, "risk", a, &risk, &n, err))
        return app_abort(st, err);
    json_t *before = NULL;
    for (int i = 0; i < n && !before; i++)
        if (risk[i].unit_id == unit_id)
            before = json_pack("{s:I, s:s, s:s}", "unit_id", (json_int_t)unit_id, "unit",
                               risk[i].unit, "reason", risk[i].risk_reason);
    if (store_plan_risk_remove(st, id, unit_id, err)) {
        json_decref(before);
        return app_abort(st, err);
    }
    return app_commit_audited(st, who, "risk_remove", "control_plan", id, before, NULL, err);
}

int
app_plan_approve(struct store *st, const struct actor *who, long long id,
                 const struct plan_decision_input *in, struct arena *a, struct plan_view *out,
                 struct insyn_err *err)
{
    struct control_plan p;
    if (draft_begin(st, who, id, a, &p, err))
        return err->code;
    int decided_on;
    char *paragraph;
    if (plan_decision_validate(in, app_today(), &decided_on, &paragraph, a, err))
        return app_abort(st, err);
    struct plan_view live;
    char now[21];
    app_timestamp(0, now);
    json_t *before = plan_json(&p);
    if (plan_view_load(st, id, a, &live, err) ||
        store_plan_freeze(st, id, live.sample, live.n_sample, err) ||
        store_plan_approve(st, id, decided_on, paragraph, now, err) ||
        plan_view_load(st, id, a, out, err)) {
        json_decref(before);
        return app_abort(st, err);
    }
    return app_commit_audited(st, who, "approve", "control_plan", id, before, plan_view_json(out),
                              err);
}

/* ---- what the plan might add for risk ---- */

int
app_plan_suggestions(struct store *st, const struct actor *who, int today, struct arena *a,
                     struct plan_suggestion **out, int *n, struct insyn_err *err)
{
    *out = NULL;
    *n = 0;
    if (app_require(who, PERM_DASHBOARD, err))
        return err->code;
    struct candidate *cand = NULL;
    int ncand = 0;
    struct insyn_err ignore = {.arena = a};
    if (role_may(who->role, PERM_RISK_READ))
        app_candidates(st, who, today, 0, a, &cand, &ncand, &ignore);
    struct credit_failure *credit;
    int ncredit;
    if (store_credit_failures(st, a, &credit, &ncredit, err))
        return err->code;
    struct settings cfg;
    app_settings_get(st, &cfg);
    *out = arena_alloc(a, sizeof **out * (size_t)(ncand + ncredit + 1));
    for (int i = 0; i < ncand; i++)
        (*out)[(*n)++] = (struct plan_suggestion){
            cand[i].organisation_id, cand[i].name, cand[i].org_nr,
            cand[i].serious ? "En allvarlig signal; kandidat för händelsestyrd uppföljning."
                            : arena_printf(a,
                                           "%d signaler inom %d månader; kandidat för "
                                           "händelsestyrd uppföljning.",
                                           cand[i].n_signals, cfg.window_months)};
    for (int i = 0; i < ncredit; i++) {
        char on[11];
        date_format(credit[i].checked_on, on);
        const char *bureau = code_label(credit_bureaus, credit[i].bureau);
        (*out)[(*n)++] = (struct plan_suggestion){
            credit[i].organisation_id, credit[i].name, credit[i].org_nr,
            arena_printf(a, "Senaste kreditupplysningen (%s, %s): %d, under gränsen %d.",
                         bureau ? bureau : credit[i].bureau, on, credit[i].value,
                         credit[i].threshold)};
    }
    return 0;
}

int
app_plan_unit_choices(struct store *st, const struct actor *who, const struct control_plan *p,
                      const struct plan_suggestion *sg, int n_sg, struct arena *a,
                      struct sample_unit **out, int *n, struct insyn_err *err)
{
    if (app_require(who, PERM_PLAN_WRITE, err))
        return err->code;
    long long *orgs = arena_alloc(a, sizeof *orgs * (size_t)(n_sg + 1));
    for (int i = 0; i < n_sg; i++)
        orgs[i] = sg[i].organisation_id;
    const char *case_ref =
        p->rule.case_ref && *p->rule.case_ref ? p->rule.case_ref : p->focus_case_ref;
    return store_plan_unit_choices(st, case_ref, orgs, n_sg, a, out, n, err);
}

json_t *
plan_suggestion_json(const struct plan_suggestion *s)
{
    return json_pack("{s:I, s:s, s:s, s:s}", "organisation_id", (json_int_t)s->organisation_id,
                     "organisation", s->name, "org_nr", s->org_nr, "reason", s->reason);
}

int
app_plan_case_refs(struct store *st, const struct actor *who, struct arena *a,
                   struct case_ref_row **out, int *n, struct insyn_err *err)
{
    if (app_require(who, PERM_DASHBOARD, err))
        return err->code;
    return store_case_ref_choices(st, a, out, n, err);
}
