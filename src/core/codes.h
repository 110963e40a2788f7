/* codes.h — the closed vocabularies of the domain, each code with its Swedish label.
 *
 * Codes are what is stored and what the API speaks (GLOSSARY.md); labels are what a
 * user reads. A table ends with a {NULL, NULL} row. */
#ifndef INSYN_CODES_H
#define INSYN_CODES_H

struct code_label {
    const char *code;
    const char *label;
};

extern const struct code_label agreement_forms[];
extern const struct code_label service_areas[];
extern const struct code_label organisation_kinds[];
extern const struct code_label legal_forms[];
extern const struct code_label agreement_statuses[];
extern const struct code_label ivo_permit_statuses[];
/* signals, controls, event-driven follow-up and sanctions (issue: the continuous follow-up) */
extern const struct code_label signal_sources[];
extern const struct code_label signal_categories[];
extern const struct code_label signal_statuses[];
extern const struct code_label signal_outcomes[];
extern const struct code_label check_kinds[];
extern const struct code_label credit_bureaus[];
extern const struct code_label ivo_record_kinds[];
extern const struct code_label investigation_kinds[];
extern const struct code_label investigation_statuses[];
extern const struct code_label investigation_outcomes[];
extern const struct code_label sanction_kinds[];
extern const struct code_label termination_causes[];
/* placements and assignments (the planned follow-up) */
extern const struct code_label placement_end_reasons[];
extern const struct code_label assignment_kinds[];
extern const struct code_label age_groups[];
extern const struct code_label goal_outcomes[];
/* the planned follow-up: the year's control plan */
extern const struct code_label plan_statuses[];
/* the planned follow-up: surveys */
extern const struct code_label survey_audiences[];
extern const struct code_label survey_statuses[];
extern const struct code_label survey_question_kinds[];

/* The label of code in table, or NULL when the code is not in it. */
const char *code_label(const struct code_label *table, const char *code);
int code_valid(const struct code_label *table, const char *code);
/* The label of code, or "" when there is none (an empty or unknown code). */
const char *code_label_or_empty(const struct code_label *table, const char *code);

#endif
