/* plan_progress.c — the overview follow-up of each provider in a control plan's sample, on one
 * page (seed 004's "Översiktlig uppföljning"): the documents obtained from IVO, the economic
 * check (the latest credit and tax checks) and the in-depth follow-ups it led to. */
#include "app/checks.h"
#include "app/investigations.h"
#include "app/plans.h"

#include "core/codes.h"
#include "core/survey.h"

#include <string.h>

int
app_plan_progress(struct store *st, const struct actor *who, long long id, struct arena *a,
                  struct plan_view *view, struct plan_progress_row **rows, int *n,
                  struct insyn_err *err)
{
    *rows = NULL;
    *n = 0;
    if (app_plan_get(st, who, id, a, view, err))
        return err->code;
    struct plan_survey_count *counts;
    int ncounts;
    if (store_plan_survey_counts(st, id, a, &counts, &ncounts, err))
        return err->code;
    *rows = arena_alloc(a, sizeof **rows * (size_t)(view->n_sample + 1));
    for (int i = 0; i < view->n_sample; i++) {
        struct plan_progress_row *r = &(*rows)[(*n)++];
        long long org = view->sample[i].organisation_id;
        r->unit = &view->sample[i];
        struct external_check *checks;
        int nc;
        if (app_check_list(st, who, org, "ivo", a, &r->ivo, &r->n_ivo, err) ||
            app_check_list(st, who, org, "credit", a, &checks, &nc, err))
            return err->code;
        r->credit = nc ? &checks[0] : NULL;
        if (app_check_list(st, who, org, "tax", a, &checks, &nc, err))
            return err->code;
        r->tax = nc ? &checks[0] : NULL;
        struct investigation_filter f = {.organisation_id = org};
        struct investigation *inv;
        int ni;
        if (app_investigation_list(st, who, &f, a, &inv, &ni, err))
            return err->code;
        r->surveys = arena_alloc(a, sizeof *r->surveys * (size_t)(ncounts + 1));
        for (int k = 0; k < ncounts; k++)
            if (counts[k].organisation_id == org)
                r->surveys[r->n_surveys++] = counts[k];
        r->in_depth = arena_alloc(a, sizeof *r->in_depth * (size_t)(ni + 1));
        for (int k = 0; k < ni; k++)
            if (strcmp(inv[k].kind, "in_depth") == 0)
                r->in_depth[r->n_in_depth++] = inv[k];
    }
    return 0;
}

json_t *
plan_progress_json(const struct plan_progress_row *r, struct arena *a)
{
    json_t *j = sample_unit_json(r->unit);
    int inspections = 0, lex_sarah = 0, complaints = 0;
    json_t *ivo = json_array();
    for (int i = 0; i < r->n_ivo; i++) {
        const char *k = r->ivo[i].ivo_kind;
        inspections += strcmp(k, "inspection_decision") == 0;
        lex_sarah += strcmp(k, "lex_sarah") == 0;
        complaints += strcmp(k, "complaint") == 0;
        json_array_append_new(ivo, check_json(&r->ivo[i]));
    }
    json_object_set_new(j, "ivo", ivo);
    json_object_set_new(j, "ivo_inspections", json_integer(inspections));
    json_object_set_new(j, "ivo_lex_sarah", json_integer(lex_sarah));
    json_object_set_new(j, "ivo_complaints", json_integer(complaints));
    json_object_set_new(j, "credit", r->credit ? check_json(r->credit) : json_null());
    json_object_set_new(j, "tax", r->tax ? check_json(r->tax) : json_null());
    json_t *deep = json_array();
    for (int i = 0; i < r->n_in_depth; i++)
        json_array_append_new(deep, investigation_json(&r->in_depth[i]));
    json_object_set_new(j, "in_depth", deep);
    json_t *surveys = json_array();
    for (int i = 0; i < r->n_surveys; i++) {
        const struct plan_survey_count *c = &r->surveys[i];
        json_array_append_new(surveys, json_pack("{s:I, s:s, s:s, s:s}", "survey_id",
                                                 (json_int_t)c->survey_id, "audience_label",
                                                 code_label_or_empty(survey_audiences, c->audience),
                                                 "title", c->title, "count",
                                                 survey_count_text(a, c->answered, c->recipients)));
    }
    json_object_set_new(j, "surveys", surveys);
    return j;
}
