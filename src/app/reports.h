/* reports.h — use cases for the reports the committee receives (issue 9): the annual report on
 * control and follow-up of private providers for a year (seed 004) and the follow-up report of
 * one agreement for a year (seed 002), each inside its memo (tjänsteskrivelse).
 *
 * A report is made from the data each time it is asked for (app_report_document), into a
 * format-free document (core/document.h) that io/pdf, io/odt and io/docx write. What the officer
 * writes is kept: the memo's particulars, and the text sections — every save a new version, refused
 * (INSYN_ECONFLICT) when the form was based on a version that is no longer the latest.
 *
 * Reading and making reports needs PERM_RISK_READ (they name providers, signals and follow-ups);
 * writing the memo and the texts PERM_REPORT_WRITE. Changes are audited as entity "report". */
#ifndef INSYN_APP_REPORTS_H
#define INSYN_APP_REPORTS_H

#include "app/app.h"
#include "core/buf.h"
#include "core/document.h"
#include "core/report.h"

/* Which report: "annual" with a year, or "agreement" with a year and an agreement. */
struct report_key {
    const char *kind;
    int year;
    long long agreement_id;
};

/* The report with its latest texts, as stored; one not written yet has id 0, the defaults
 * and no texts. */
struct report_view {
    struct report report;
    struct report_text *texts; /* the latest version of each section written */
    int ntexts;
    /* "Kontroll och uppföljning av privata utförare 2025"; "Uppföljning av avtal med Stödteamet
     * Öppenvård AB om stödinsatser för barn, ungdomar och familjer verksamhetsåret 2017" */
    const char *title;
    struct agreement *agreement; /* an agreement's report: the agreement; NULL for the annual */
};
int app_report_get(struct store *st, const struct actor *who, const struct report_key *key,
                   struct arena *a, struct report_view *out, struct insyn_err *err);
/* Every report written so far, the latest year first. */
int app_report_list(struct store *st, const struct actor *who, struct arena *a, struct report **out,
                    int *n, struct insyn_err *err);
/* The latest text of a section in a view, or NULL. */
const struct report_text *report_view_text(const struct report_view *v, const char *section);

/* Saves the memo's particulars, creating the report when it is not written yet. */
int app_report_save_memo(struct store *st, const struct actor *who, const struct report_key *key,
                         const struct report_input *in, struct arena *a, struct report *out,
                         struct insyn_err *err);
/* Saves a new version of a section. base_version is the version the text was written from
 * ("0" for none); another is INSYN_ECONFLICT and nothing is saved. An unchanged text is not
 * saved again. *version gets the version that now is the latest. */
int app_report_save_text(struct store *st, const struct actor *who, const struct report_key *key,
                         const char *section, const char *body, const char *base_version,
                         struct arena *a, int *version, struct insyn_err *err);
/* Every version of a section, the newest first. */
int app_report_text_versions(struct store *st, const struct actor *who,
                             const struct report_key *key, const char *section, struct arena *a,
                             struct report_text **out, int *n, struct insyn_err *err);

/* The whole report inside its memo, from the data as it is now; `today` dates a memo without a
 * date. A year the data says nothing about is INSYN_ENOTFOUND with a message saying so, as is an
 * agreement that does not exist. */
int app_report_document(struct store *st, const struct actor *who, const struct report_key *key,
                        int today, struct arena *a, struct document *out, struct insyn_err *err);

/* The formats a report is written in. */
enum report_format { REPORT_PDF, REPORT_ODT, REPORT_DOCX };
/* "pdf" | "odt" | "docx" into *out; -1 for anything else. */
int report_format_parse(const char *s, enum report_format *out);
const char *report_format_mime(enum report_format f);
const char *report_format_ext(enum report_format f);
/* Writes the document in the format into out; INSYN_ESYS (an incident) when the writer fails. */
int app_report_write(const struct document *d, enum report_format f, struct buf *out,
                     struct insyn_err *err);

#endif
