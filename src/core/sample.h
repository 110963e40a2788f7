/* sample.h — the year's control plan and the rule that samples units for its planned follow-up.
 *
 * Seed 004: "Ett urval av leverantörer har gjorts baserat på antalet inledda placeringar sedan
 * avtalsstart" — the HVB providers with more than two placements started between 2020-04-01
 * and 2020-12-15. The rule: the placements under one agreement (by its case_ref, so every
 * provider of a framework), whose START lies in the window, both ends inclusive, counted per
 * unit (an organisation with two homes is two units); a unit with at least min_placements is
 * in the sample ("more than two" is 3). The plan may add units for risk, each with its reason.
 * Every unit in the sample carries the reason it is there, in Swedish. No I/O: the counting
 * at scale is the store's one grouped query; sample_count here is the same rule over a list
 * (the reference the unit tests pin down), and sample_merge words the result for both. */
#ifndef INSYN_SAMPLE_H
#define INSYN_SAMPLE_H

#include "core/arena.h"
#include "core/domain.h"
#include "core/err.h"

#define SAMPLE_DEFAULT_MIN 3 /* "more than two" */
#define SAMPLE_MAX_MIN 1000
#define PLAN_YEAR_MIN 2000
#define PLAN_YEAR_MAX 2100

/* placements under an agreement case_ref started in [from, to], at least min_placements */
struct sample_rule {
    const char *case_ref;
    int from, to; /* day numbers, both inclusive */
    int min_placements;
};

/* What the rule needs of one placement. */
struct sample_placement {
    long long organisation_id, unit_id;
    const char *case_ref; /* of the agreement it is made under */
    int start;
};

/* A unit with its count, and (after sample_merge) why it is in the sample. */
struct sample_unit {
    long long organisation_id, unit_id;
    const char *org_nr, *organisation, *unit; /* names, for showing; may be NULL in the core */
    int placements;                           /* started in the window */
    int in_rule;                              /* placements >= min_placements */
    const char *risk_reason;                  /* NULL or "" unless added for risk */
    const char *reason;                       /* set by sample_merge */
};

/* Whether a placement started on `start` lies in the rule's window (both ends inclusive). */
int sample_in_window(const struct sample_rule *r, int start);

/* Counts per unit the placements under r->case_ref started in the window and keeps the units
 * with at least r->min_placements, by unit id; each gets its reason. The reference rule. */
int sample_count(const struct sample_placement *p, int n, const struct sample_rule *r,
                 struct arena *a, struct sample_unit **out, int *nout);

/* "4 placeringar inledda 2024-04-01–2024-12-15 (minst 3)". */
char *sample_reason(struct arena *a, const struct sample_rule *r, int placements);

/* The sample: the counted units that meet the rule (counted may hold others too, such as the
 * counts of units added for risk) and every unit added for risk (risk[i].risk_reason), each
 * once, with its count and reason; by organisation, then unit name, then id. */
int sample_merge(const struct sample_rule *r, const struct sample_unit *counted, int n,
                 const struct sample_unit *risk, int nrisk, struct arena *a,
                 struct sample_unit **out, int *nout);

/* Checks a sampling rule given as text; the fields' names and labels are the caller's (the
 * plan's form fields, or the command line's options), in the order case_ref, from, to,
 * min_placements. An empty min_placements is SAMPLE_DEFAULT_MIN. */
int sample_rule_validate(const char *case_ref, const char *from, const char *to,
                         const char *min_placements, const char *const names[4],
                         const char *const labels[4], struct sample_rule *out, struct arena *a,
                         struct insyn_err *err);

/* ---- the control plan ---- */
struct plan_input {
    const char *year, *title, *case_ref;
    const char *focus_case_ref, *focus_service_area, *themes;
    const char *sample_case_ref, *sample_from, *sample_to, *min_placements;
};
extern const struct input_field plan_input_fields[];

struct control_plan {
    long long id;
    int year;
    char *title, *case_ref;
    char *focus_case_ref, *focus_service_area, *themes; /* themes: one a line */
    struct sample_rule rule;                            /* rule.case_ref: sample_case_ref */
    char *status;                                       /* draft | approved */
    int decided_on;                                     /* DATE_NONE until approved */
    char *decision_paragraph, *approved_at;
    char *created_by_name, *created_at, *updated_at;
};

/* Checks a plan whole: the year (PLAN_YEAR_MIN..MAX), the title, the committee's case_ref
 * (optional), the focus — an agreement's case_ref or a service area, at least one —, the
 * themes, and the sampling rule. Whether the agreements exist is the caller's. */
int plan_validate(const struct plan_input *in, struct control_plan *out, struct arena *a,
                  struct insyn_err *err);

struct plan_decision_input {
    const char *decided_on, *decision_paragraph;
};
extern const struct input_field plan_decision_input_fields[];
/* The committee's decision: its date (not after today) and paragraph ("§ 12"). */
int plan_decision_validate(const struct plan_decision_input *in, int today, int *decided_on,
                           char **paragraph, struct arena *a, struct insyn_err *err);

struct plan_risk_input {
    const char *unit_id, *reason;
};
extern const struct input_field plan_risk_input_fields[];
/* A unit added for risk: its id and the reason, both required. */
int plan_risk_validate(const struct plan_risk_input *in, long long *unit_id, char **reason,
                       struct arena *a, struct insyn_err *err);

#endif
