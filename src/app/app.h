/* app.h — use cases: what a user or a batch job can do, one transaction each.
 *
 * Every use case takes the acting user, checks the permission table and the provider
 * scope, validates the whole input with core/, writes through store/ and appends the
 * audit record in the same transaction. Web handlers and CLI verbs only parse, call one
 * of these and render. JSON (jansson) is the shape entities take outside the store:
 * the API's bodies, the templates' data, the audit log's before and after. */
#ifndef INSYN_APP_H
#define INSYN_APP_H

#include "core/arena.h"
#include "core/codes.h"
#include "core/domain.h"
#include "core/err.h"
#include "core/permission.h"
#include "store/store.h"

#include <jansson.h>

struct actor {
    long long user_id; /* 0 for the command line's system actor */
    const char *email, *name;
    enum role role;
    long long organisation_id; /* provider_user's organisation, else 0 */
};

/* The command line acts as the system administrator, recorded as "system". */
extern const struct actor app_system_actor;

int app_require(const struct actor *who, enum perm p, struct insyn_err *err);
/* UTC timestamp YYYY-MM-DDTHH:MM:SSZ, seconds from now (negative for the past). */
void app_timestamp(long offset_seconds, char out[21]);
/* A UTC timestamp (as app_timestamp writes them) as Swedish local time, formatted with
 * strftime's fmt; "" when the timestamp cannot be read. */
void app_local_time(const char *utc, const char *fmt, char *out, size_t size);
/* Today's date in Europe/Stockholm. */
int app_today(void);
/* The demo's story clock: from now on app_today and app_timestamp read `day`, at the time of day
 * it is, so that what the demo tells of past years (a survey sent and answered in 2017, a
 * follow-up signed the day it was held) carries the days it happened; DATE_NONE returns to the
 * real clock. Only for the demo, a command of one thread; never in the server. */
void app_clock_story(int day);
/* The real clock's UTC timestamp, whatever the story clock says: the audit log's time. */
void app_real_timestamp(char out[21]);

/* ---- audit ---- */
/* Ends a use case's transaction: appends the audit record of the change (before and after
 * are taken over, either may be NULL) and commits; on any failure rolls back. Returns 0 or
 * the error code. */
int app_commit_audited(struct store *st, const struct actor *who, const char *action,
                       const char *entity, long long entity_id, json_t *before, json_t *after,
                       struct insyn_err *err);
/* Rolls back a use case's transaction and returns its error code. */
int app_abort(struct store *st, struct insyn_err *err);
/* Appends an audit record; before/after may be NULL and stay the caller's. Call inside the
 * change's transaction. */
int app_audit(struct store *st, const struct actor *who, const char *action, const char *entity,
              long long entity_id, json_t *before, json_t *after, struct insyn_err *err);
/* The same, taking over before and after (for JSON made in the call). */
int app_audit_take(struct store *st, const struct actor *who, const char *action,
                   const char *entity, long long entity_id, json_t *before, json_t *after,
                   struct insyn_err *err);
json_t *audit_entry_json(const struct audit_entry *e);
int app_history(struct store *st, const struct actor *who, const char *entity, long long id,
                struct arena *a, json_t **out, struct insyn_err *err);

/* ---- the audit chain's anchor (docs/security.md) ---- */
enum audit_anchor_state {
    AUDIT_ANCHOR_NONE,    /* no anchor was given */
    AUDIT_ANCHOR_MATCHES, /* the record exists with the anchor's hash */
    AUDIT_ANCHOR_MISSING, /* there is no record with the anchor's number */
    AUDIT_ANCHOR_DIFFERS, /* the record exists with another hash */
};
struct audit_report {
    long long checked, first_broken; /* as store_audit_verify */
    enum audit_anchor_state anchor;
    char stored_hash[65]; /* the anchor record's hash, when it exists */
};
/* Verifies the chain and, when expect is not NULL, that its record exists with exactly that
 * hash: what the chain alone cannot show, that records up to the anchor were removed (the
 * newest of them) or the whole chain written anew. */
int app_audit_verify(struct store *st, const struct audit_anchor *expect, struct audit_report *out,
                     struct insyn_err *err);
struct audit_head_mail {
    const char *to, *from; /* bare addresses */
    const char *sendmail;  /* a command split on spaces, run without a shell */
    const char *database;  /* the database as the registrar should name it in --expect */
};
/* E-mails the newest record (number, hash, time) to the registrar, with the command that
 * checks the database against it; *head is what was sent. Writes no audit record, so that
 * sending again sends the same head while nothing has changed. INSYN_ENOTFOUND for an empty
 * log, INSYN_EINVAL for an unusable address, INSYN_ESYS when the mail command failed. */
int app_audit_mail_head(struct store *st, const struct audit_head_mail *opt, struct arena *a,
                        struct audit_entry *head, struct insyn_err *err);

/* ---- files ---- */
#define APP_FILE_MAX (5 * 1024 * 1024) /* a file attached to a record or an application */
/* A file's name as shown (without any directory), refused with a field error "file" when the
 * name is empty, too long, unclean, turns the writing direction or looks like a personnummer,
 * or the file is empty or larger than APP_FILE_MAX. */
char *app_file_check(struct arena *a, const char *name, const void *data, size_t size,
                     struct insyn_err *err);

/* ---- JSON shapes ---- */
json_t *organisation_json(const struct organisation *o);
json_t *unit_json(const struct unit *u);
json_t *agreement_json(const struct agreement *g, int today);
json_t *code_list_json(const struct code_label *table, const char *selected);
/* A date as "YYYY-MM-DD", or null for DATE_NONE. */
json_t *date_json(int d);
/* An id, or null for 0 (none). */
json_t *id_json(long long id);
/* Fills an input struct from a JSON object whose keys are the field names. Strings are
 * taken as they are, numbers as decimal text, booleans as "true"/"false", arrays as one
 * item a line, null as "";
 * absent keys stay NULL. Other types become field errors. */
int input_from_json(json_t *obj, void *input, const struct input_field *fields, struct arena *a,
                    struct insyn_err *err);

/* ---- organisations and units ---- */
int app_org_create(struct store *st, const struct actor *who, const struct organisation_input *in,
                   struct arena *a, struct organisation *out, struct insyn_err *err);
int app_org_update(struct store *st, const struct actor *who, long long id,
                   const struct organisation_input *in, struct arena *a, struct organisation *out,
                   struct insyn_err *err);
int app_org_get(struct store *st, const struct actor *who, long long id, struct arena *a,
                struct organisation *out, struct insyn_err *err);
int app_org_list(struct store *st, const struct actor *who, struct org_filter *f, struct arena *a,
                 struct organisation **items, int *n, int *total, struct insyn_err *err);

int app_unit_create(struct store *st, const struct actor *who, const struct unit_input *in,
                    struct arena *a, struct unit *out, struct insyn_err *err);
int app_unit_update(struct store *st, const struct actor *who, long long id,
                    const struct unit_input *in, struct arena *a, struct unit *out,
                    struct insyn_err *err);
int app_unit_get(struct store *st, const struct actor *who, long long id, struct arena *a,
                 struct unit *out, struct insyn_err *err);
int app_unit_list(struct store *st, const struct actor *who, struct unit_filter *f, struct arena *a,
                  struct unit **items, int *n, int *total, struct insyn_err *err);

/* ---- agreements ---- */
int app_agreement_create(struct store *st, const struct actor *who,
                         const struct agreement_input *in, struct arena *a, struct agreement *out,
                         struct insyn_err *err);
int app_agreement_update(struct store *st, const struct actor *who, long long id,
                         const struct agreement_input *in, struct arena *a, struct agreement *out,
                         struct insyn_err *err);
int app_agreement_get(struct store *st, const struct actor *who, long long id, struct arena *a,
                      struct agreement *out, struct insyn_err *err);
int app_agreement_list(struct store *st, const struct actor *who, struct agreement_filter *f,
                       struct arena *a, struct agreement **items, int *n, int *total,
                       struct insyn_err *err);
/* Uses the agreement's next extension (core's agreement_extend), audited as "extend". */
int app_agreement_extend(struct store *st, const struct actor *who, long long id, struct arena *a,
                         struct agreement *out, struct insyn_err *err);
/* Checks an input against the store (organisation, units, strategist) and core's rules,
 * without writing: used by create, update and import alike. */
int app_agreement_check(struct store *st, const struct agreement_input *in, struct arena *a,
                        int row, struct agreement *out, struct insyn_err *err);

/* ---- follow-up schedules ---- */
/* Regenerates the agreement's planned follow-ups from the routines that apply to it. Call
 * inside the transaction that changes the agreement. */
int app_schedule_agreement(struct store *st, const struct agreement *g, struct insyn_err *err);
/* Regenerates the planned system-level tasks of every routine (idempotent; run at start-up,
 * by `insyn schedule` and `insyn remind`, and after a routine changes). */
int app_schedule_system(struct store *st, int today, struct insyn_err *err);
/* The same inside the caller's transaction (a routine's change and its tasks are one). */
int app_schedule_system_in(struct store *st, int today, struct insyn_err *err);
int app_schedule_list(struct store *st, const struct actor *who, struct followup_filter *f, int max,
                      struct arena *a, struct followup_row **items, int *n, struct insyn_err *err);
/* A follow-up's status as shown: a planned one whose due date has passed is "overdue"
 * (not when today is DATE_NONE); *label is its Swedish word. */
const char *followup_status(const struct followup_row *t, int today, const char **label);
/* A follow-up as JSON, with followup_status's status. */
json_t *followup_json(const struct followup_row *t, int today);

/* ---- routines ---- */
struct activity_input;
int app_routine_list(struct store *st, const struct actor *who, struct arena *a,
                     struct routine_row **items, int *n, struct insyn_err *err);
int app_routine_get(struct store *st, const struct actor *who, long long id, struct arena *a,
                    struct routine_row *out, struct routine_activity_row **acts, int *nacts,
                    struct insyn_err *err);
/* Creates (activity_id 0) or changes an activity of a routine and regenerates the planned
 * follow-ups of the agreements the routine applies to. */
int app_activity_save(struct store *st, const struct actor *who, long long routine_id,
                      long long activity_id, const struct activity_input *in, struct arena *a,
                      struct routine_activity_row *out, struct insyn_err *err);
json_t *activity_json(const struct routine_activity_row *x);
struct routine_input;
/* Creates (routine_id 0) or changes a routine's header. A new routine copies every activity
 * of routine copy_from when that is not 0. The planned follow-ups of every agreement the
 * routine applied to before or applies to after are regenerated; a name already taken is a
 * field error. */
int app_routine_save(struct store *st, const struct actor *who, long long routine_id,
                     long long copy_from, const struct routine_input *in, struct arena *a,
                     struct routine_row *out, struct insyn_err *err);

/* ---- people: substitutes and each person's tasks ---- */
int app_substitute_add(struct store *st, const struct actor *who, long long user_id,
                       long long substitute_id, const char *from, const char *to,
                       struct insyn_err *err);
/* Substitutions that have not ended before today. */
int app_substitutes(struct store *st, const struct actor *who, int today, struct arena *a,
                    struct substitute_row **rows, int *n, struct insyn_err *err);
struct my_task {
    struct followup_row task;
    const char *on_behalf_of; /* the person stood in for, or NULL for one's own task */
};
/* The planned tasks the actor answers for that are overdue or due within days_ahead: by role
 * (for strategists, their own agreements and those without a named strategist) and, for
 * substitutions, the stood-in-for person's tasks due in the period. Soonest first. */
int app_my_tasks(struct store *st, const struct actor *who, int today, int days_ahead,
                 struct arena *a, struct my_task **items, int *n, struct insyn_err *err);

/* ---- calendar feeds and reminders ---- */
#define CALENDAR_DAYS_AHEAD 366 /* a person's feed: overdue follow-ups and the coming year */
struct ics_event;
struct calendar_feed {
    const char *name;         /* the calendar's name (X-WR-CALNAME) */
    struct ics_event *events; /* io/ics.h */
    int n;
};
/* Makes a secret link to the actor's own follow-ups (agreement_id 0) or to every follow-up of
 * an agreement the actor may see, revoking the actor's earlier link to the same feed. *token
 * is the link's secret (64 hex digits), shown once; only its hash is kept. */
int app_calendar_create(struct store *st, const struct actor *who, long long agreement_id,
                        struct arena *a, char **token, long long *id, struct insyn_err *err);
/* Revokes one of the actor's own links; INSYN_ENOTFOUND for anyone else's. */
int app_calendar_revoke(struct store *st, const struct actor *who, long long id,
                        struct insyn_err *err);
int app_calendar_list(struct store *st, const struct actor *who, struct arena *a,
                      struct calendar_feed_row **rows, int *n, struct insyn_err *err);
/* The events behind a link, read as the user who made it; INSYN_ENOTFOUND for an unknown or
 * revoked token. base_url (NULL to leave out) gives each event a link to its agreement. */
int app_calendar_feed(struct store *st, const char *token, int today, const char *base_url,
                      struct arena *a, struct calendar_feed *out, struct insyn_err *err);

struct remind_options {
    int today, days;        /* overdue tasks and those due within `days` of today */
    const char *sendmail;   /* a command split on spaces, run without a shell */
    const char *from;       /* the From address */
    const char *public_url; /* what links start with; NULL or "" for none */
};
struct remind_result {
    int people;            /* those with something to be told */
    int tasks;             /* follow-ups and application deadlines, both */
    int application_tasks; /* of which deadlines of LOV applications */
    int sent, failed;
    char failures[1024]; /* "email: reason" for each failed hand-over, one a line */
};
/* Sends every internal user with overdue or soon due tasks one e-mail listing them: their
 * follow-ups (their own and those they stand in for) and the deadlines of the LOV applications
 * and introduction items they answer for (app_application_tasks), each application's with a
 * link to its page when public_url is given. Returns 0 when every message was handed over,
 * INSYN_ESYS when some were not (result says for whom). */
int app_remind(struct store *st, const struct remind_options *opt, struct remind_result *out,
               struct insyn_err *err);

/* ---- the overview ---- */
/* One line of the overview: an agreement, or all agreements of one framework (same case
 * reference, form and end date), that ends soon. */
struct dashboard_item {
    const struct agreement *first;
    int count;
    struct agreement_outlook outlook;
};
struct dashboard {
    int today, horizon_months, decision_months, until, decision_until;
    struct dashboard_item *items; /* soonest end first */
    int n_items, n_agreements;
    struct count_row *by_form, *by_area;
    int n_by_form, n_by_area;
    struct overdue_row *overdue_by_org, *overdue_by_person;
    int n_overdue_by_org, n_overdue_by_person;
};
/* Agreements that end within horizon_months of today, and those that cannot be extended
 * and end within decision_months (a new procurement or partnership takes that long). */
int app_dashboard(struct store *st, const struct actor *who, int today, int horizon_months,
                  int decision_months, struct arena *a, struct dashboard *out,
                  struct insyn_err *err);
json_t *dashboard_json(const struct dashboard *d);

/* ---- users, sessions, tokens ---- */
#define SESSION_SECONDS (8 * 3600)
/* Failed logins are forgotten this long after the last one and the wait it set
 * (core/throttle.h; `insyn serve --login-window-seconds`). */
#define LOGIN_WINDOW_SECONDS (15 * 60)
/* A browser stays known to an account for this long after its last login there. */
#define LOGIN_BROWSER_SECONDS (90 * 24 * 3600)
#define LOGIN_BROWSERS_PER_USER 10

int app_user_add(struct store *st, const char *email, const char *name, const char *role,
                 const char *org_nr, const char *password, struct insyn_err *err);

struct login_attempt {
    const char *email, *password;
    const char *client_address; /* canonical (core/client_addr.h); NULL when not known */
    const char *browser_token;  /* the insyn_browser cookie, NULL when the browser sent none */
    int window_seconds;         /* 0: LOGIN_WINDOW_SECONDS */
};

struct login_result {
    char *session_token; /* the secret for the session cookie */
    char *browser_token; /* the insyn_browser cookie to set: new, or the browser's own again */
    int retry_after;     /* with INSYN_ELOCKED: seconds until the address may try again */
};

/* Checks a login and, when it succeeds, opens a session. Every failure answers the same
 * (INSYN_EAUTH, one message) whether the account is unknown, the password wrong or the
 * account must wait, so that no answer tells whether an account exists. Only a client
 * address that must wait is told so (INSYN_ELOCKED with retry_after), which says nothing
 * about any account. docs/security.md has the rules. */
int app_login(struct store *st, const struct login_attempt *in, struct arena *a,
              struct login_result *out, struct insyn_err *err);
int app_logout(struct store *st, const char *session_token, struct insyn_err *err);
/* The session's actor and CSRF token, and the data version read with them (see
 * store_session_get). */
int app_session_actor(struct store *st, const char *session_token, struct arena *a,
                      struct actor *out, char **csrf, long long *version);
int app_token_create(struct store *st, const char *email, struct arena *a, char **token,
                     struct insyn_err *err);
int app_token_actor(struct store *st, const char *token, struct arena *a, struct actor *out);
/* The administration's users (not provider users), by name. */
int app_internal_users(struct store *st, const struct actor *who, struct arena *a,
                       struct user **items, int *n, struct insyn_err *err);
/* Users who may be named responsible strategist. */
int app_strategists(struct store *st, struct arena *a, struct user **items, int *n,
                    struct insyn_err *err);

/* ---- import, export, demo ---- */
/* Reads a CSV file (header row with field names) and creates every row, or none: on any
 * bad row, err lists each bad row's line number and reason and nothing is written. */
int app_import_organisations(struct store *st, const struct actor *who, const char *path,
                             int *created, struct insyn_err *err);
int app_import_agreements(struct store *st, const struct actor *who, const char *path, int *created,
                          struct insyn_err *err);
int app_demo(struct store *st, struct insyn_err *err);
/* A large fictional data set for benchmarks: organisations, units (unit i the organisation
 * i % organisations's) and agreements in frameworks of 50 sharing a case reference; with a
 * year, also that year's control and follow-up: `signals` signals in date order reviewed in
 * weekly coordinators' meetings, every provider's credit and tax check, IVO's documents on one
 * unit in twenty, event-driven follow-ups, sanctions and early terminations, `placements`
 * placements over that year and the four before, and the year's control plan of the first
 * framework with its sample, both surveys mostly answered, in-depth follow-ups and the annual
 * report's memo. Every row goes through the use cases' checks and is audited; the volume is
 * written in batches of many rows a transaction. Dates do not pass today. */
struct generate_sizes {
    int organisations, units, agreements;
    int year; /* 0: the registry only */
    int signals, placements;
};
int app_generate(struct store *st, const struct generate_sizes *n, struct insyn_err *err);
/* The demo's users and their shared password, for printing. */
extern const char *const demo_password;

#endif
