/* report.h — the reports the committee receives: the annual report on control and follow-up of
 * private providers (seed 004) and the follow-up report of one agreement (seed 002), each
 * carried by a memo (tjänsteskrivelse). Their figures come from the data when a report is made;
 * what the officer writes — the memo's particulars and the text sections — is kept, versioned.
 * No I/O. */
#ifndef INSYN_REPORT_H
#define INSYN_REPORT_H

#include "core/arena.h"
#include "core/domain.h"
#include "core/err.h"

#define REPORT_TEXT_MAX 20000 /* bytes of one section */
#define REPORT_DEFAULT_DECISION "att lägga rapporten till handlingarna"
/* seed 002's proposed decision, the agreement report's default */
#define REPORT_AGREEMENT_DEFAULT_DECISION "Ärendet läggs till handlingarna."
#define REPORT_DEFAULT_COMMITTEE "Socialnämnden"

/* A text section the officer writes: where it goes, its heading and what it is for. */
struct report_section_def {
    const char *code, *heading, *hint;
};
extern const struct report_section_def annual_sections[];
extern const int annual_section_count;
extern const struct report_section_def agreement_sections[];
extern const int agreement_section_count;
/* The sections of a kind ("annual" | "agreement"), in the order the report's page lists them;
 * *n how many. */
const struct report_section_def *report_sections(const char *kind, int *n);
/* The section of a kind with that code, or NULL. */
const struct report_section_def *report_section_find(const char *kind, const char *code);
/* The proposed decision of a memo that gives none: REPORT_DEFAULT_DECISION for the annual
 * report, REPORT_AGREEMENT_DEFAULT_DECISION for an agreement's. */
const char *report_default_decision(const char *kind);

struct report {
    long long id, agreement_id; /* agreement_id 0 for the annual report */
    char *kind;                 /* annual | agreement */
    int year;
    /* the agreement's case reference and title ("" for the annual report), read with a list */
    char *agreement_case_ref, *agreement_title;
    char *committee, *case_ref, *officer, *proposed_decision;
    int memo_date; /* DATE_NONE: the day the report is made */
    char *created_by_name, *created_at, *updated_at;
};

struct report_input {
    const char *committee, *case_ref, *officer, *memo_date, *proposed_decision;
};
extern const struct input_field report_input_fields[];
/* Checks the memo's particulars of a report of the kind: the committee (default
 * "Socialnämnden"), the case number, the officer, the memo's date (optional) and the proposed
 * decision (default report_default_decision). Each wrong field is a field error. */
int report_validate(const char *kind, const struct report_input *in, struct report *out,
                    struct arena *a, struct insyn_err *err);
/* Checks a section's text: clean UTF-8, at most REPORT_TEXT_MAX bytes, no personnummer; empty
 * is allowed (the section is left out of the report). */
char *report_text_validate(struct arena *a, const char *in, struct insyn_err *err);

#endif
