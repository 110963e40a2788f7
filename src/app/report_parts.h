/* report_parts.h — what the committee's reports share inside app/ (reports.c, the annual report
 * and the stored memo and texts; report_agreement.c, one agreement's report): the stored report
 * read into a view, the officer's text of a section put in a document, dates as a report writes
 * them, and a survey's response rate and results as a report shows them. Not for other
 * layers: they call app/reports.h. */
#ifndef INSYN_APP_REPORT_PARTS_H
#define INSYN_APP_REPORT_PARTS_H

#include "app/reports.h"
#include "app/surveys.h"

/* The stored report with its latest texts, or a new one's defaults (id 0); an agreement's
 * report also reads the agreement (INSYN_ENOTFOUND when there is none). */
int report_load(struct store *st, const struct report_key *key, struct arena *a,
                struct report_view *out, struct insyn_err *err);
/* The officer's text of a section as paragraphs; `missing` (or nothing) when not written. */
void report_written(struct document *d, const struct report_view *v, const char *section,
                    const char *missing);
/* "2025-01-22" */
const char *report_day(struct arena *a, int date);
/* "22 januari 2025" */
const char *report_long_date(struct arena *a, int date);
/* "i januari 2025" */
const char *report_in_month(struct arena *a, int date);
/* One survey: who it was sent to and how many answered, and each question's answers in a
 * table (a scale's mean, the free-text answers counted, else each choice with its count). */
void report_survey_section(struct document *d, const struct survey_view *v, struct arena *a);

/* The follow-up report of one agreement for a year (seed 002) inside its memo, from the view
 * report_load read (report_agreement.c). */
int report_agreement_document(struct store *st, const struct actor *who,
                              const struct report_key *key, const struct report_view *view,
                              int today, struct arena *a, struct document *out,
                              struct insyn_err *err);

#endif
