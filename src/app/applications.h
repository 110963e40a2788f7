/* applications.h — use cases of a LOV application (seed 003): registered, worked through the
 * routine's steps, decided by the committee, announced, signed, and the introduction
 * programme that follows.
 *
 * The administration reads with application.read, works the case with application.write and
 * records the committee's decision with application.decide. An introduction item may also be
 * marked done by the person responsible for it. A provider user sees its own organisation's
 * applications through the portal (status, deadlines, what to supplement, the announced
 * decision) and sends supplements; never the journal, the references or the assessment, and
 * nothing of another applicant. Each change is one transaction, audited in it (entity
 * "application"; the organisation and the agreement they create are audited as their own). */
#ifndef INSYN_APP_APPLICATIONS_H
#define INSYN_APP_APPLICATIONS_H

#include "app/app.h"
#include "core/application.h"
#include "app/checks.h"

struct application_view {
    struct application x;
    struct application_clock clock;
    const char *status;
    struct application_facts facts;
    struct application_reference *refs; /* none for a provider user */
    int n_refs;
    struct application_note *notes; /* none for a provider user */
    int n_notes;
    struct application_file *files;
    int n_files;
    struct onboarding_item *items;
    int n_items;
    struct external_check *credit, *tax; /* the newest that count, NULL when none */
    int internal;                        /* read by the administration */
};

/* The rules' numbers as the settings have them. */
void app_application_rules(struct store *st, struct application_rules *out);

/* Registers an application; an organisation not yet known is created (kind private) in the
 * same transaction. */
int app_application_create(struct store *st, const struct actor *who,
                           const struct application_input *in, struct arena *a,
                           struct application *out, struct insyn_err *err);
int app_application_get(struct store *st, const struct actor *who, long long id, int today,
                        struct arena *a, struct application_view *out, struct insyn_err *err);
/* Applications the actor may see (a provider user: its own), newest first; status NULL or
 * "" for all. */
int app_application_list(struct store *st, const struct actor *who, const char *status, int today,
                         struct arena *a, struct application_view **items, int *n,
                         struct insyn_err *err);
/* Average days from complete to decision and from receipt to decision over the decided
 * applications among items; -1 when none is decided. */
void application_averages(const struct application_view *items, int n, double *processing,
                          double *total);

int app_application_step(struct store *st, const struct actor *who, long long id,
                         const struct application_step_input *in, struct arena *a,
                         struct application *out, struct insyn_err *err);
int app_application_reference_add(struct store *st, const struct actor *who, long long id,
                                  const struct reference_input *in, struct arena *a,
                                  struct application_reference *out, struct insyn_err *err);
int app_application_note_add(struct store *st, const struct actor *who, long long id,
                             const struct note_input *in, struct arena *a,
                             struct application_note *out, struct insyn_err *err);
/* The committee's decision; an approval creates the introduction programme. */
int app_application_decide(struct store *st, const struct actor *who, long long id,
                           const struct decision_input *in, struct arena *a,
                           struct application *out, struct insyn_err *err);
/* The committee secretary announces the decision: from this day legal force counts. */
int app_application_announce(struct store *st, const struct actor *who, long long id,
                             const char *announced_on, struct arena *a, struct application *out,
                             struct insyn_err *err);
/* The applicant has withdrawn its application (application.write): the case ends undecided. */
int app_application_withdraw(struct store *st, const struct actor *who, long long id,
                             const char *withdrawn_on, const char *note, struct arena *a,
                             struct application *out, struct insyn_err *err);
/* Books, assigns or marks done one item of the introduction programme. */
int app_onboarding_update(struct store *st, const struct actor *who, long long item_id,
                          const struct onboarding_input *in, struct arena *a,
                          struct onboarding_item *out, struct insyn_err *err);
/* Signs the agreement: form lov, sharing the case reference, title, end and requirements of
 * the customer-choice system's newest agreement in the service area (case_ref and end must be
 * given when there is none), start on the signing day unless given, approved on the decision
 * day. The agreement meeting must have been held first (it goes through the agreement), and
 * the signing may not precede it. Its follow-up routine applies; the signing item is marked
 * done. */
int app_application_sign(struct store *st, const struct actor *who, long long id,
                         const struct sign_input *in, struct arena *a, struct agreement *out,
                         struct insyn_err *err);
/* A file the applicant sends (a provider user, its own application, before the decision). */
int app_application_file_add(struct store *st, const struct actor *who, long long id,
                             const char *name, const char *content_type, const void *data,
                             size_t size, struct arena *a, struct application_file *out,
                             struct insyn_err *err);
int app_application_file_get(struct store *st, const struct actor *who, long long file_id,
                             struct arena *a, struct application_file *out, char **data,
                             struct insyn_err *err);

/* A deadline someone must act on: Mina uppgifter and `insyn remind`. */
struct application_task {
    long long application_id, item_id; /* item_id 0 unless an introduction item */
    char *organisation_name, *text;
    int due;
};
/* The actor's deadlines that have passed or fall within days_ahead of today: for the
 * responsible person of an application its clocks (supplements to request, supplements due,
 * the decision); for a committee secretary the decisions to announce; the introduction items
 * the actor is responsible for (the agreement meeting among them). Soonest first. */
int app_application_tasks(struct store *st, const struct actor *who, int today, int days_ahead,
                          struct arena *a, struct application_task **items, int *n,
                          struct insyn_err *err);

json_t *application_json(const struct application_view *v);
/* The whole case; only what a provider may see unless v->internal. */
json_t *application_view_json(const struct application_view *v, int today);
json_t *application_task_json(const struct application_task *t, int today);

#endif
