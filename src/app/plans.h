/* plans.h — use cases for the year's control plan and its risk-based sample (seed 004).
 *
 * The strategist proposes a plan per year: its focus (an agreement or a service area, and
 * themes), its sampling rule (core/sample.h) and units added for risk, each with its reason.
 * While the plan is a draft its sample is computed live from the placements; the committee's
 * decision (date and paragraph) approves it and freezes the sample in the same transaction, so
 * that placements entered later do not change it, and an approved plan cannot be changed
 * (INSYN_ECONFLICT). Writing needs PERM_PLAN_WRITE; reading PERM_DASHBOARD (the
 * administration; provider users never). Every change is audited as entity "control_plan". */
#ifndef INSYN_APP_PLANS_H
#define INSYN_APP_PLANS_H

#include "app/app.h"
#include "core/sample.h"

/* The sample of a rule, as the plan and `insyn sample` compute it: the rule's units with their
 * counts and (plan_id not 0) the units that plan adds for risk, each with its reason. */
int app_sample(struct store *st, const struct actor *who, const struct sample_rule *r,
               long long plan_id, struct arena *a, struct sample_unit **out, int *n,
               struct insyn_err *err);
json_t *sample_unit_json(const struct sample_unit *u);

/* A plan with its sample: computed while a draft, the frozen one once approved. */
struct plan_view {
    struct control_plan plan;
    int frozen;
    struct sample_unit *sample; /* with reasons */
    int n_sample;
    struct sample_unit *risk; /* the units added for risk, risk_reason as given */
    int n_risk;
};

/* Creates a draft; a year that has a plan is a field error on year, and the agreements named
 * (focus and rule) must exist. */
int app_plan_create(struct store *st, const struct actor *who, const struct plan_input *in,
                    struct arena *a, struct control_plan *out, struct insyn_err *err);
/* Changes a draft: fields absent (NULL) keep their value. An approved plan is
 * INSYN_ECONFLICT whatever the input. */
int app_plan_update(struct store *st, const struct actor *who, long long id,
                    const struct plan_input *in, struct arena *a, struct control_plan *out,
                    struct insyn_err *err);
int app_plan_get(struct store *st, const struct actor *who, long long id, struct arena *a,
                 struct plan_view *out, struct insyn_err *err);
/* Every plan, the latest year first. */
int app_plan_list(struct store *st, const struct actor *who, struct arena *a,
                  struct control_plan **items, int *n, struct insyn_err *err);
/* Adds a unit for risk with its reason (both required); INSYN_ECONFLICT once approved. */
int app_plan_risk_add(struct store *st, const struct actor *who, long long id,
                      const struct plan_risk_input *in, struct arena *a, struct insyn_err *err);
/* Removes a unit added for risk (unit_id as text, from a form); INSYN_ECONFLICT once approved. */
int app_plan_risk_remove(struct store *st, const struct actor *who, long long id,
                         const char *unit_id, struct arena *a, struct insyn_err *err);
/* Records the committee's decision and freezes the sample; INSYN_ECONFLICT when approved. */
int app_plan_approve(struct store *st, const struct actor *who, long long id,
                     const struct plan_decision_input *in, struct arena *a, struct plan_view *out,
                     struct insyn_err *err);

/* An organisation the plan might add for risk, and why: the candidate rule for event-driven
 * follow-up (signals) or a latest credit check that did not pass. */
struct plan_suggestion {
    long long organisation_id;
    const char *name, *org_nr, *reason;
};
int app_plan_suggestions(struct store *st, const struct actor *who, int today, struct arena *a,
                         struct plan_suggestion **out, int *n, struct insyn_err *err);
/* The units a plan may add for risk: the providers' under the plan's rule and the suggested
 * organisations'. */
int app_plan_unit_choices(struct store *st, const struct actor *who, const struct control_plan *p,
                          const struct plan_suggestion *sg, int n_sg, struct arena *a,
                          struct sample_unit **out, int *n, struct insyn_err *err);

/* The agreements' case references a plan may focus on and sample from. */
int app_plan_case_refs(struct store *st, const struct actor *who, struct arena *a,
                       struct case_ref_row **out, int *n, struct insyn_err *err);

/* ---- the overview follow-up of each sampled provider (seed 004: IVO, economy, in depth) ---- */
struct external_check;
struct investigation;
struct plan_progress_row {
    const struct sample_unit *unit;
    struct external_check *ivo; /* the organisation's IVO records, newest first */
    int n_ivo;
    const struct external_check *credit, *tax; /* the latest of each, or NULL */
    struct investigation *in_depth;            /* its in-depth follow-ups, newest first */
    int n_in_depth;
    struct plan_survey_count *surveys; /* the plan's surveys to it or about it */
    int n_surveys;
};
/* The plan with, for each unit of its sample, what the overview follow-up has gathered. */
int app_plan_progress(struct store *st, const struct actor *who, long long id, struct arena *a,
                      struct plan_view *view, struct plan_progress_row **rows, int *n,
                      struct insyn_err *err);
json_t *plan_progress_json(const struct plan_progress_row *r, struct arena *a);

json_t *plan_json(const struct control_plan *p);
/* The plan with "frozen", "sample" and "risk_units". */
json_t *plan_view_json(const struct plan_view *v);
json_t *plan_suggestion_json(const struct plan_suggestion *s);

#endif
