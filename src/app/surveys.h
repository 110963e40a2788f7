/* surveys.h — use cases for the surveys of the planned follow-up (seeds 002 and 004).
 *
 * The strategist makes a survey from a built-in template (core/survey.h), adds recipients —
 * e-mail addresses of case workers or of the ordering unit, organisations for providers — and
 * opens it: each recipient then gets a personal link with a 32-byte random secret, shown once;
 * only its SHA-256 is stored, and the link is found by that hash. Anyone holding the link may
 * answer, without logging in, once (a second answer is INSYN_ECONFLICT); an unknown link or one
 * of a survey that is not open is INSYN_ENOTFOUND. Closing a survey ends its links.
 *
 * Those with an account answer inside the app as well: a member of staff the surveys sent to
 * their e-mail address (Mina uppgifter), a provider's user those sent to its organisation (the
 * portal). Reminders (app_survey_remind) point them there; anyone else is sent a new link, which
 * ends the one before, since a link's secret is never kept.
 *
 * An anonymous survey keeps no tie between an answer and its giver, not even for the
 * administrator: the response has no recipient, a random id and only the day as its time; the
 * recipient row only says that it answered; the audit record of an answer names the survey and
 * nothing else. Results per provider are given for surveys that are not anonymous.
 *
 * Reading needs PERM_DASHBOARD, writing PERM_PLAN_WRITE; answering needs the link. Changes are
 * audited as entity "survey". */
#ifndef INSYN_APP_SURVEYS_H
#define INSYN_APP_SURVEYS_H

#include "app/app.h"
#include "core/survey.h"

struct survey_input {
    const char *template_code, *title, *anonymous, *plan_id;
    const char *agreement_id; /* optional: the agreement the survey is about */
};
extern const struct input_field survey_input_fields[];

/* A link made when a survey is opened or a recipient added to an open one: shown once. */
struct survey_link {
    long long recipient_id;
    const char *who;   /* the e-mail address or the organisation's name */
    const char *token; /* 64 hex digits */
};

struct survey_provider_result {
    long long organisation_id;
    const char *organisation;
    int responses;
    struct survey_result *results; /* one per question */
};

struct survey_view {
    struct survey_row survey;
    struct survey_question *questions;
    int nquestions;
    struct survey_recipient_row *recipients;
    int nrecipients;
    struct survey_result *results; /* one per question */
    int responses;
    struct survey_provider_result *providers; /* not anonymous: per provider answered about */
    int nproviders;
};

/* A new link's secret (64 hex digits from 32 random bytes) and the SHA-256 that is kept. */
void survey_link_secret(char token[65], char hash[65]);

/* Makes a draft survey from a template: its questions copied, its audience and promise of
 * anonymity (which the input may set; an anonymous template stays anonymous), and optionally
 * the control plan it belongs to and the agreement it is about (the ordering unit's survey,
 * which that agreement's report of a year shows). */
int app_survey_create(struct store *st, const struct actor *who, const struct survey_input *in,
                      struct arena *a, struct survey_row *out, struct insyn_err *err);
int app_survey_list(struct store *st, const struct actor *who, struct arena *a,
                    struct survey_row **items, int *n, struct insyn_err *err);
int app_survey_get(struct store *st, const struct actor *who, long long id, struct arena *a,
                   struct survey_view *out, struct insyn_err *err);
/* Adds recipients, one a line: e-mail addresses, or for a survey to providers organisation
 * numbers or ids. A line already a recipient is skipped; any bad line is a field error on
 * "recipients" naming it, and nothing is added. To an open survey each new recipient's link is
 * made at once (into *links); a closed survey is INSYN_ECONFLICT. */
int app_survey_recipients_add(struct store *st, const struct actor *who, long long id,
                              const char *lines, struct arena *a, int *added,
                              struct survey_link **links, int *nlinks, struct insyn_err *err);
/* The case workers of the placements at the units of a plan's sample, started in its window,
 * each with the provider the placement is at: added as for app_survey_recipients_add. */
int app_survey_recipients_from_plan(struct store *st, const struct actor *who, long long id,
                                    struct arena *a, int *added, struct survey_link **links,
                                    int *nlinks, struct insyn_err *err);
/* Opens a draft (confirm must be "1"/"true"/"on", else a field error): makes every link. */
int app_survey_open(struct store *st, const struct actor *who, long long id, const char *confirm,
                    struct arena *a, struct survey_link **links, int *nlinks,
                    struct insyn_err *err);
/* Closes an open survey (confirm as for opening): its links answer "not found" from then on. */
int app_survey_close(struct store *st, const struct actor *who, long long id, const char *confirm,
                     struct insyn_err *err);

/* The survey behind a link, for its answer page: INSYN_ENOTFOUND for an unknown link or a
 * survey that is not open, INSYN_ECONFLICT when already answered. No login is needed. */
int app_survey_form(struct store *st, const char *token, struct arena *a, struct survey_view *out,
                    struct insyn_err *err);
/* Answers through a link: values[i] answers the i-th question of the form (multiple choices one
 * a line). All answers are checked first (field errors "q<question id>") and nothing is stored
 * unless all are right. */
int app_survey_answer(struct store *st, const char *token, const char *const *values, int n,
                      struct arena *a, struct insyn_err *err);

/* The open surveys the actor has been asked to answer and has not: a member of staff's by
 * e-mail address, a provider user's by organisation. */
int app_survey_pending(struct store *st, const struct actor *who, struct arena *a,
                       struct survey_pending **items, int *n, struct insyn_err *err);
/* The form and the answer of one of them, by recipient id: as for a link, and INSYN_ENOTFOUND
 * for a recipient that is not the actor. An anonymous survey's answer is audited as no one's. */
int app_survey_form_mine(struct store *st, const struct actor *who, long long recipient_id,
                         struct arena *a, struct survey_view *out, struct insyn_err *err);
int app_survey_answer_mine(struct store *st, const struct actor *who, long long recipient_id,
                           const char *const *values, int n, struct arena *a,
                           struct insyn_err *err);

/* ---- reminders (`insyn remind`) ---- */
struct survey_remind_options {
    int today, days;        /* remind when a survey has been open and unanswered `days` days */
    const char *sendmail;   /* as for app_remind */
    const char *from;       /* the From address */
    const char *public_url; /* where insyn is reached; "" when not known */
};
struct survey_remind_result {
    int recipients, surveys, sent, failed;
    char failures[1024]; /* "who: reason", one a line */
};
/* One e-mail to each address with surveys open `days` days or more, not answered and not
 * reminded in the last `days` days. Staff with an account, and a provider's users for surveys
 * to the provider, are asked to answer in insyn; anyone else gets a new link for each survey
 * (the link sent before ends). A recipient is marked reminded only when its message was handed
 * over. Returns INSYN_ESYS when some were not (the result says whose). */
int app_survey_remind(struct store *st, const struct survey_remind_options *opt,
                      struct survey_remind_result *out, struct insyn_err *err);

json_t *survey_json(const struct survey_row *s);
json_t *survey_question_json(const struct survey_question *q);
json_t *survey_result_json(const struct survey_result *r);
/* The survey with questions, recipients, count and results. */
json_t *survey_view_json(const struct survey_view *v);

#endif
