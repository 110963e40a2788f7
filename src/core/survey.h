/* survey.h — surveys of the planned follow-up: questions, answers, the response count, the
 * results per question, and the built-in templates (seeds 002 and 004).
 *
 * Seed 004 sent one survey to the case workers of the placements at the sampled homes ("Svar
 * har inkommit i 27 av 30 individärenden") and one to the providers, on systematic quality
 * work, self-inspection, deviations, complaints and statistics of completed placements. Seed
 * 002 lists the questions the ordering unit answers about a therapist's assignment. A question
 * is a scale (1–5 with labels for 1 and 5), yes/no, one choice, several choices or free text.
 * No I/O. */
#ifndef INSYN_SURVEY_H
#define INSYN_SURVEY_H

#include "core/arena.h"
#include "core/err.h"

#define SURVEY_SCALE_MAX 5
#define SURVEY_TEXT_MAX 4000

struct survey_question {
    long long id;
    int position;
    const char *kind; /* survey_question_kinds */
    const char *text;
    const char *options; /* single and multiple: one a line */
    const char *scale_low, *scale_high;
    int required;
};

/* Checks a question: its kind, its text (field_text), options for single (at least two) and
 * multiple (at least two), none for the others, labels only for a scale. */
int survey_question_validate(const struct survey_question *in, struct survey_question *out,
                             struct arena *a, int row, struct insyn_err *err);

/* Checks one answer to q as submitted (multiple: the choices one a line) and normalises it
 * into *out: a scale "1".."5", yes/no "yes"/"no", single one of the options, multiple a subset
 * of them one a line in the options' order, text through field_text (never a personnummer).
 * An empty answer is "" and an error only when the question is required. field names the form
 * field. */
int survey_answer_validate(const struct survey_question *q, const char *in, const char *field,
                           struct arena *a, char **out, struct insyn_err *err);

/* "27 av 30 svarade"; "Ingen mottagare ännu" without recipients. */
char *survey_count_text(struct arena *a, int answered, int recipients);

/* A valid e-mail address as a recipient: one @, something on both sides, a dot in the domain,
 * no white space; lower-cased into *out. Returns 0 or -1. */
int survey_email_normalise(struct arena *a, const char *in, char **out);

/* ---- results ---- */
struct survey_count {
    const char *value, *label;
    int count;
};
struct survey_result {
    const struct survey_question *q;
    int answers;                 /* responses that answered it */
    struct survey_count *counts; /* per scale value, yes/no or option, in order */
    int ncounts;
    double average;     /* a scale's mean; 0 without answers */
    const char **texts; /* free text, as given */
    int ntexts;
};
/* Tallies the answers given to q (values as stored, "" or NULL for none). */
void survey_tally(const struct survey_question *q, const char *const *values, int n,
                  struct arena *a, struct survey_result *out);

/* ---- built-in templates ---- */
struct survey_template {
    const char *code, *title, *intro, *audience;
    int anonymous;
    const struct survey_question *questions;
    int nquestions;
};
extern const struct survey_template survey_templates[];
extern const int survey_template_count;
/* The template with that code, or NULL. */
const struct survey_template *survey_template_find(const char *code);

#endif
