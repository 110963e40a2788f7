/* store.h — persistence, the only place that knows SQL.
 *
 * A struct store is one database connection. Every function takes plain structs from
 * core/ and fills them from rows, allocating strings in the caller's arena. Statements
 * are always prepared with bound parameters; the only SQL assembled at run time is the
 * choice among fixed fragments (filters, sort columns), never values. Callers bracket
 * a use case with store_begin/store_commit so that the change and its audit record land
 * together. The SQLite backend lives in sqlite.c; another backend implements this same
 * header. Errors: INSYN_ECONFLICT for a unique key, INSYN_ENOTFOUND, INSYN_ESYS. */
#ifndef INSYN_STORE_H
#define INSYN_STORE_H

#include "core/arena.h"
#include "core/audit.h"
#include "core/domain.h"
#include "core/err.h"
#include "core/permission.h"
#include "core/record.h"
#include "core/signal.h"

struct store;

/* Opens (creating if needed) and migrates the database at path: a SQLite file, or a
 * PostgreSQL database named by a postgresql:// URL (libpq fills in what the URL leaves out
 * from the PG* environment variables; a password in the URL is refused). */
int store_open(const char *path, struct store **out, struct insyn_err *err);
enum {
    STORE_EXISTING = 1,  /* only an existing insyn database: never create one; another file is
                            refused with a Swedish message */
    STORE_NO_MIGRATE = 2 /* leave the schema as it is (a backup only reads) */
};
/* store_open with STORE_* flags. */
int store_open_with(const char *path, int flags, struct store **out, struct insyn_err *err);
void store_close(struct store *st);
/* Whether path names an existing database: a file, or a PostgreSQL database that insyn has
 * already set up. */
int store_exists(const char *path);
/* Whether path names a database on a server (PostgreSQL) rather than a file. */
int store_is_server(const char *path);
/* "sqlite" or "postgresql". */
const char *store_backend_name(const struct store *st);
/* Applies the built-in migrations that have not been applied; returns how many. */
int store_migrate(struct store *st, struct insyn_err *err);

int store_begin(struct store *st, struct insyn_err *err); /* a write transaction */
int store_commit(struct store *st, struct insyn_err *err);
void store_rollback(struct store *st);

/* A fixed set of connections shared by the server's threads. */
struct store_pool;
int store_pool_open(const char *path, int size, struct store_pool **out, struct insyn_err *err);
struct store *store_pool_acquire(struct store_pool *pool);
void store_pool_release(struct store_pool *pool, struct store *st);
void store_pool_close(struct store_pool *pool);

/* ---- organisations and units ---- */
struct org_filter {
    const char *q;            /* name or org_nr contains */
    const char *kind;         /* NULL or a kind code */
    const char *service_area; /* has a unit in this area */
    const char *sort;         /* name | org_nr | kind | units | agreements */
    int desc;
    int page, per_page;
    long long only_id; /* provider scope: only this organisation, 0 for all */
};
int store_org_insert(struct store *st, struct organisation *o, struct insyn_err *err);
int store_org_update(struct store *st, const struct organisation *o, struct insyn_err *err);
int store_org_get(struct store *st, long long id, struct arena *a, struct organisation *out,
                  struct insyn_err *err);
int store_org_id_by_orgnr(struct store *st, const char *org_nr, long long *id);
int store_org_list(struct store *st, const struct org_filter *f, struct arena *a,
                   struct organisation **items, int *n, int *total, struct insyn_err *err);

struct unit_filter {
    long long organisation_id; /* 0 for all */
    const char *service_area;
    const char *q;
    int page, per_page;
};
int store_unit_insert(struct store *st, struct unit *u, struct insyn_err *err);
int store_unit_update(struct store *st, const struct unit *u, struct insyn_err *err);
int store_unit_get(struct store *st, long long id, struct arena *a, struct unit *out,
                   struct insyn_err *err);
int store_unit_list(struct store *st, const struct unit_filter *f, struct arena *a,
                    struct unit **items, int *n, int *total, struct insyn_err *err);

/* ---- agreements ---- */
struct agreement_filter {
    const char *q; /* case_ref, title or organisation name contains */
    const char *form, *service_area, *status;
    long long organisation_id;
    int in_force_only;      /* leave out drafts and terminated agreements */
    int with_details;       /* also load units, requirements and value-adds */
    int known_total;        /* *total is already known (counted earlier for the same filter
                               and data); do not count again */
    int ends_from, ends_to; /* DATE_NONE for open */
    const char *sort;       /* end | start | case_ref | title | organisation */
    int desc;
    int page, per_page;
};
int store_agreement_insert(struct store *st, struct agreement *ag, struct insyn_err *err);
int store_agreement_update(struct store *st, const struct agreement *ag, struct insyn_err *err);
/* Loads the agreement with its organisation, units, items and strategist. */
int store_agreement_get(struct store *st, long long id, struct arena *a, struct agreement *out,
                        struct insyn_err *err);
/* Lists agreements with organisation and strategist names; units and items only when the
 * filter asks for them (with_details). */
int store_agreement_list(struct store *st, const struct agreement_filter *f, struct arena *a,
                         struct agreement **items, int *n, int *total, struct insyn_err *err);

struct count_row {
    char *code;
    int count;
};
/* Agreements running on `today` (neither draft nor terminated), counted by column
 * "form" or "service_area". */
int store_agreement_counts(struct store *st, const char *column, int today, struct arena *a,
                           struct count_row **rows, int *n, struct insyn_err *err);

/* ---- follow-up routines and the tasks they generate ---- */
struct routine_activity_row {
    long long id, routine_id;
    char *routine_name, *name, *level, *responsible_role, *co_roles, *frequency, *comment;
};
/* Activities of every routine that applies to agreements of this form and service area. */
int store_activities_for(struct store *st, const char *form, const char *service_area,
                         struct arena *a, struct routine_activity_row **items, int *n,
                         struct insyn_err *err);
struct routine_row {
    long long id;
    char *name, *forms, *service_areas, *main_role, *substitute_role;
    int builtin;
    int start; /* the date the routine applies from */
};
int store_routine_list(struct store *st, struct arena *a, struct routine_row **items, int *n,
                       struct insyn_err *err);
int store_routine_get(struct store *st, long long id, struct arena *a, struct routine_row *out,
                      struct routine_activity_row **acts, int *nacts, struct insyn_err *err);
int store_activity_get(struct store *st, long long id, struct arena *a,
                       struct routine_activity_row *out, struct insyn_err *err);
/* Inserts (id 0, appended last) or updates an activity; sets act->id. */
int store_activity_save(struct store *st, struct routine_activity_row *act, struct insyn_err *err);
/* Inserts (id 0; sets r->id) or updates a routine's header: name, forms, service areas, main
 * and substitute role; now is its updated_at (and created_at when new). A name already taken
 * is INSYN_ECONFLICT. */
int store_routine_save(struct store *st, struct routine_row *r, const char *now,
                       struct insyn_err *err);
/* Appends copies of every activity of routine from_id to routine to_id, in their order. */
int store_routine_copy_activities(struct store *st, long long from_id, long long to_id,
                                  struct insyn_err *err);
/* Ids of the agreements a routine applies to (by its forms and service areas). */
int store_routine_agreement_ids(struct store *st, long long routine_id, struct arena *a,
                                long long **ids, int *n, struct insyn_err *err);
/* Removes the agreement's planned (not done) follow-ups that have no record yet; agreement_id 0
 * removes the system-level ones. */
int store_followups_clear_planned(struct store *st, long long agreement_id, struct insyn_err *err);
/* Adds a planned follow-up unless the agreement already has one of that activity on that day
 * (a done one is kept as it is). */
int store_followup_add(struct store *st, long long agreement_id, const char *service_area,
                       long long activity_id, int due, int may_be_written, const char *note,
                       const char *now, struct insyn_err *err);

struct followup_row {
    long long id, agreement_id, organisation_id; /* 0 for a system-level task */
    long long activity_id;                       /* the routine activity */
    long long strategist_id;                     /* the agreement's responsible strategist */
    char *case_ref, *agreement_title, *organisation_name, *service_area;
    char *routine_name, *activity, *level, *responsible_role, *co_roles, *status;
    char *note;      /* how the due date was reached when it is not the rule's own, or "" */
    char *frequency; /* the activity's frequency rule; store_followup_get only */
    int due, may_be_written;
};
struct followup_filter {
    const char *responsible_role; /* NULL for every role */
    long long strategist_id;      /* with responsible_role strategist: this strategist's agreements
                                     and those without one; 0 for all */
    const char *status;           /* "planned", "done" or NULL for both */
    const char *case_ref;         /* NULL for every agreement */
    long long agreement_id;       /* 0 for every agreement */
    long long organisation_id;    /* provider scope, 0 for all */
    int from, to;                 /* DATE_NONE for open */
};
/* Follow-ups by due date; at most `max` rows (and *n says how many). */
int store_followup_list(struct store *st, const struct followup_filter *f, int max, struct arena *a,
                        struct followup_row **items, int *n, struct insyn_err *err);

struct overdue_row {
    long long id; /* organisation id, or the responsible strategist's user id (0 for a role) */
    char *name;   /* organisation name, or the strategist's name ("" for a role) */
    char *role;   /* responsible role (per-person counts) */
    int count;
};
/* Planned follow-ups due before today, counted per organisation (most first, at most max)
 * or per responsible person: the agreement's strategist for strategist tasks, else the role. */
int store_overdue_by_organisation(struct store *st, int today, int max, struct arena *a,
                                  struct overdue_row **rows, int *n, struct insyn_err *err);
int store_overdue_by_responsible(struct store *st, int today, struct arena *a,
                                 struct overdue_row **rows, int *n, struct insyn_err *err);

struct substitute_row {
    long long id, user_id, substitute_id;
    char *user_name, *substitute_name;
    enum role user_role;
    int from, to;
};
int store_substitute_add(struct store *st, long long user_id, long long substitute_id, int from,
                         int to, const char *now, long long *id, struct insyn_err *err);
/* Substitutions whose period ends on or after `after`: all (substitute_id 0) or one person's. */
int store_substitute_list(struct store *st, long long substitute_id, int after, struct arena *a,
                          struct substitute_row **rows, int *n, struct insyn_err *err);

/* ---- follow-up records (protokoll), their checklists, actions and attachments ---- */
int store_followup_get(struct store *st, long long id, struct arena *a, struct followup_row *out,
                       struct insyn_err *err);
/* The agreement's requirements and value-adds with their ids: requirements first. */
int store_agreement_items(struct store *st, long long agreement_id, struct arena *a,
                          struct record_item **items, int *n, struct insyn_err *err);
/* Inserts a draft with its checklist, actions and reviews; sets r->id and the actions' ids. */
int store_record_insert(struct store *st, struct record *r, struct insyn_err *err);
/* Replaces a draft's fields and lines; INSYN_ECONFLICT when it is signed. */
int store_record_update(struct store *st, struct record *r, struct insyn_err *err);
/* Signs a draft and marks its follow-up done; INSYN_ECONFLICT when already signed. */
int store_record_sign(struct store *st, const struct record *r, long long user_id, const char *name,
                      const char *at, struct insyn_err *err);
int store_record_get(struct store *st, long long id, struct arena *a, struct record *out,
                     struct insyn_err *err);
/* Ids of a follow-up's record versions, newest first; only signed ones if signed_only. */
int store_record_versions(struct store *st, long long follow_up_id, int signed_only,
                          struct arena *a, long long **ids, int *n, struct insyn_err *err);
/* The newest signed record of the latest earlier follow-up of the same agreement and routine
 * activity (0 when none). Earlier: due before `due`, or the same day and made before. */
int store_record_previous(struct store *st, long long agreement_id, long long activity_id,
                          long long follow_up_id, int due, long long *id, struct insyn_err *err);

/* One review of an agreed action, by a later record. */
struct action_review {
    long long follow_up_id;
    int held_on;
    char *outcome, *comment;
};
/* An agreed action of an earlier record of the activity, with every review of it since. */
struct earlier_action {
    struct record_action action;
    long long follow_up_id;        /* where it was agreed */
    int agreed_on;                 /* that record's held_on */
    struct action_review *reviews; /* oldest first */
    int n_reviews;
};
/* The agreed actions of the earlier follow-ups of the same agreement and activity (as
 * store_record_previous; each follow-up's newest signed version), oldest first, with their
 * reviews in those records. Which of them are still open is the caller's rule. */
int store_record_earlier_actions(struct store *st, long long agreement_id, long long activity_id,
                                 long long follow_up_id, int due, struct arena *a,
                                 struct earlier_action **out, int *n, struct insyn_err *err);
/* The providers a joint activity's follow-ups are held with: every organisation with an
 * agreement (not a draft) of a form and service area the activity's routine covers. */
struct record_provider;
int store_activity_providers(struct store *st, long long activity_id, struct arena *a,
                             struct record_provider **out, int *n, struct insyn_err *err);
int store_attachment_insert(struct store *st, long long record_id, struct record_attachment *f,
                            const void *data, struct insyn_err *err);
int store_attachment_get(struct store *st, long long id, struct arena *a,
                         struct record_attachment *out, long long *record_id, char **data,
                         struct insyn_err *err);

/* ---- users, sessions, tokens ---- */
struct user {
    long long id, organisation_id; /* organisation_id 0 unless provider_user */
    char *email, *name, *password_hash;
    enum role role;
};
int store_user_insert(struct store *st, struct user *u, struct insyn_err *err);
int store_user_by_email(struct store *st, const char *email, struct arena *a, struct user *out);
int store_user_by_id(struct store *st, long long id, struct arena *a, struct user *out);
/* Users with the role, or every user for ROLE_NONE, by name. */
int store_user_list(struct store *st, enum role role, struct arena *a, struct user **items, int *n,
                    struct insyn_err *err);

int store_session_insert(struct store *st, const char *token_hash, long long user_id,
                         const char *csrf, const char *created_at, const char *expires_at,
                         struct insyn_err *err);
/* The session's user and CSRF token, if the session exists and has not expired at now, and
 * (when version is not NULL) the data version: the newest audit id, 0 for none. */
int store_session_get(struct store *st, const char *token_hash, const char *now, struct arena *a,
                      struct user *user, char **csrf, long long *version);
int store_session_delete(struct store *st, const char *token_hash, struct insyn_err *err);
/* Removes sessions that expired before now. */
int store_session_purge(struct store *st, const char *now, struct insyn_err *err);

int store_token_insert(struct store *st, const char *token_hash, long long user_id,
                       const char *created_at, struct insyn_err *err);
int store_token_user(struct store *st, const char *token_hash, struct arena *a, struct user *user);

/* ---- login throttle and known browsers (migration 005) ---- */
/* A count of failed logins of one kind (core/throttle.h's rule name) for one subject. */
struct throttle_count {
    int failures;
    char *last_failure_at;
    char *blocked_until; /* NULL: no wait */
    char *forget_at;
};
/* The count for (kind, subject); a zero count when none is kept or it is forgotten by now. */
int store_throttle_get(struct store *st, const char *kind, const char *subject, const char *now,
                       struct arena *a, struct throttle_count *out, struct insyn_err *err);
/* Writes the count for (kind, subject), replacing the one kept. */
int store_throttle_put(struct store *st, const char *kind, const char *subject,
                       const struct throttle_count *c, struct insyn_err *err);
int store_throttle_clear(struct store *st, const char *kind, const char *subject,
                         struct insyn_err *err);
/* Removes the counts forgotten by now. */
int store_throttle_purge(struct store *st, const char *now, struct insyn_err *err);

/* The user a known browser belongs to, if its token hash is kept and not expired at now;
 * INSYN_ENOTFOUND otherwise. */
int store_browser_user(struct store *st, const char *token_hash, const char *now,
                       long long *user_id);
int store_browser_insert(struct store *st, const char *token_hash, long long user_id,
                         const char *now, const char *expires_at, struct insyn_err *err);
/* A login from the browser: moves its last login to now and its expiry to expires_at. */
int store_browser_touch(struct store *st, const char *token_hash, const char *now,
                        const char *expires_at, struct insyn_err *err);
/* Removes every browser expired by now, and the user's browsers beyond the `keep` most
 * recently used. */
int store_browser_prune(struct store *st, long long user_id, int keep, const char *now,
                        struct insyn_err *err);

/* ---- calendar feeds (secret iCalendar links; only the token's SHA-256 is stored) ---- */
struct calendar_feed_row {
    long long id, user_id, agreement_id;           /* agreement_id 0: the user's own follow-ups */
    char *created_at, *case_ref, *agreement_title; /* "" when not an agreement's feed */
};
int store_calendar_feed_insert(struct store *st, const char *token_hash, long long user_id,
                               long long agreement_id, const char *now, long long *id,
                               struct insyn_err *err);
/* Revokes the user's link `id`, or (id 0) every active link of the user for that agreement
 * (0: the user's own feed); *revoked says how many. */
int store_calendar_feed_revoke(struct store *st, long long id, long long user_id,
                               long long agreement_id, const char *now, int *revoked,
                               struct insyn_err *err);
/* The user's links that are not revoked: the own feed first, then by case reference. */
int store_calendar_feed_list(struct store *st, long long user_id, struct arena *a,
                             struct calendar_feed_row **rows, int *n, struct insyn_err *err);
/* The link with that token hash unless revoked; INSYN_ENOTFOUND otherwise. */
int store_calendar_feed_by_token(struct store *st, const char *token_hash, struct arena *a,
                                 struct calendar_feed_row *out);

/* ---- copying between databases (store/copy.c) ---- */
struct copy_counts {
    int tables;
    long long rows;
};
/* Writes every row of every table of from into to (but the migration record, which each
 * keeps), ids and all, replacing the rows the target's migrations made; from is read in one
 * snapshot. The caller holds a write transaction on to; both have the same schema version. */
int store_copy(struct store *from, struct store *to, struct arena *a, struct copy_counts *out,
               struct insyn_err *err);
/* The newest migration applied (0 when none). */
int store_schema_version(struct store *st, int *version, struct insyn_err *err);
/* Whether the database holds anything made by its users: audit records, users, organisations. */
int store_holds_data(struct store *st, int *yes, struct insyn_err *err);

/* ---- backups (store/backup.c, store/postgres_backup.c) ---- */
/* Copies the whole database, as it stood at one moment, to dest (an existing, empty file),
 * while other connections and processes go on writing. SQLite: a database file, which the
 * caller checks by opening it (store_check, the audit chain); *verified is -1. PostgreSQL:
 * pg_dump's archive of one snapshot, in which the audit chain was walked first (*verified
 * records whole) and which pg_restore has read back. */
int store_backup(struct store *st, const char *dest, long long *verified, struct insyn_err *err);
/* The backend's own check of the database's structure: 0 with *problem NULL when it is sound,
 * 0 with *problem the first things found (in a) when it is not, or an error when it cannot
 * check. quick: the cheaper check, which leaves out comparing indexes with their tables. */
int store_check(struct store *st, int quick, struct arena *a, char **problem,
                struct insyn_err *err);

/* ---- audit ---- */
/* Appends e after the current last record, setting e->id, prev_hash and hash. Must run
 * inside the transaction of the change it records. */
int store_audit_append(struct store *st, struct audit_entry *e, struct insyn_err *err);
int store_audit_list(struct store *st, const char *entity, long long entity_id, struct arena *a,
                     struct audit_entry **items, int *n, struct insyn_err *err);
/* The id of the newest record (0 when none): a cheap version number of all data. */
long long store_audit_last_id(struct store *st);
/* The newest record's id, at, prev_hash and hash (the other fields are not read; at is in the
 * arena): INSYN_ENOTFOUND when the log is empty. One lookup by the primary key, cheap enough
 * for every view of the overview. */
int store_audit_head(struct store *st, struct arena *a, struct audit_entry *out,
                     struct insyn_err *err);
struct audit_verification {
    long long anchor_id;    /* in: the record whose stored hash to read as well; 0 for none */
    long long checked;      /* records found whole, from the first */
    long long first_broken; /* 0 when the chain is whole, else the id of the first bad record */
    int anchor_found;       /* whether record anchor_id exists */
    char anchor_hash[65];   /* its stored hash when found */
};
/* Walks the chain, and reads the anchor's record, in one read transaction. */
int store_audit_verify(struct store *st, struct audit_verification *v, struct insyn_err *err);

/* ---- signals and the coordinators' meetings (migration 010) ---- */
struct signal_filter {
    long long organisation_id, meeting_id;  /* 0 for all */
    int from, to;                           /* occurred_on; DATE_NONE for open */
    const char *category, *source, *status; /* NULL or "" for all */
    int serious_only;
    int oldest_first; /* the queue: oldest first; else newest first */
    int page, per_page;
};
/* Inserts a signal; sets sg->id. */
int store_signal_insert(struct store *st, struct signal *sg, struct insyn_err *err);
int store_signal_get(struct store *st, long long id, struct arena *a, struct signal *out,
                     struct insyn_err *err);
/* Signals with their organisation, unit, agreement and meeting; *total counts every match. */
int store_signal_list(struct store *st, const struct signal_filter *f, struct arena *a,
                      struct signal **items, int *n, int *total, struct insyn_err *err);
/* Records a new signal's outcome in a meeting; INSYN_ECONFLICT when it was reviewed already. */
int store_signal_review(struct store *st, long long id, long long meeting_id, const char *outcome,
                        const char *comment, const char *now, struct insyn_err *err);
/* What the candidate rule needs of every signal that occurred after `since`. */
struct signal_fact_row {
    long long organisation_id;
    char *organisation_name, *org_nr, *category;
    int under_investigation; /* the organisation has an open investigation */
    int has_agreement;       /* ... and an agreement that is active */
    struct signal_fact fact;
};
/* What the candidate rule needs: the signals that occurred after `since` of the
 * organisations (organisation_id, or all for 0) whose signals after `since` up to `today`,
 * leaving out those found to need no action, hold a serious one or number at least
 * min_count. That is the rule itself, asked of the database so that only likely candidates
 * are read; core's signal_candidate decides. Grouped by organisation (by name), each
 * organisation's newest first. */
int store_signal_facts(struct store *st, long long organisation_id, int since, int today,
                       int min_count, struct arena *a, struct signal_fact_row **rows, int *n,
                       struct insyn_err *err);

struct coordinator_meeting {
    long long id, created_by;
    int held_on;
    char *attendees, *notes, *created_by_name, *created_at;
    int n_signals; /* reviewed in it (reads) */
};
int store_meeting_insert(struct store *st, struct coordinator_meeting *m, struct insyn_err *err);
int store_meeting_get(struct store *st, long long id, struct arena *a,
                      struct coordinator_meeting *out, struct insyn_err *err);
/* The newest meetings first, at most max. */
int store_meeting_list(struct store *st, int max, struct arena *a,
                       struct coordinator_meeting **items, int *n, struct insyn_err *err);

/* ---- settings: numbers the administration sets (migration 010) ---- */
/* INSYN_ENOTFOUND when the key was never set. */
int store_setting_get(struct store *st, const char *key, struct arena *a, char **value);
int store_setting_put(struct store *st, const char *key, const char *value, const char *now,
                      struct insyn_err *err);
/* ---- event-driven follow-ups (investigations) and sanctions (migration 010) ---- */
struct investigation;
struct investigation_area;
struct investigation_meeting;
struct sanction;
struct investigation_filter {
    const char *status;        /* "open", "closed" or NULL for both */
    long long organisation_id; /* 0 for all */
    long long agreement_id;    /* 0 for all */
};
/* Inserts with its links to signals (inv->signal_ids); sets inv->id. */
int store_investigation_insert(struct store *st, struct investigation *inv, struct insyn_err *err);
/* Writes the plan's fields, the status, the outcome and closed_on. */
int store_investigation_update(struct store *st, const struct investigation *inv,
                               struct insyn_err *err);
/* With organisation, agreement and responsible person's names and the linked signals' ids. */
int store_investigation_get(struct store *st, long long id, struct arena *a,
                            struct investigation *out, struct insyn_err *err);
/* Open ones first, then by opened_on, newest first. */
int store_investigation_list(struct store *st, const struct investigation_filter *f,
                             struct arena *a, struct investigation **items, int *n,
                             struct insyn_err *err);
/* The organisation a signal is about; INSYN_ENOTFOUND when there is no such signal. */
int store_signal_organisation(struct store *st, long long signal_id, long long *organisation_id);
/* A linked signal as an investigation shows it: never who reported it. */
struct investigation_signal_row {
    long long id;
    int occurred_on;
    char *category, *source, *description, *status, *outcome;
    int serious;
};
int store_investigation_signals(struct store *st, long long investigation_id, struct arena *a,
                                struct investigation_signal_row **rows, int *n,
                                struct insyn_err *err);
/* Inserts an area last in the plan (sets id and position), or (id set) updates one. */
int store_investigation_area_save(struct store *st, struct investigation_area *x,
                                  struct insyn_err *err);
int store_investigation_area_get(struct store *st, long long id, struct arena *a,
                                 struct investigation_area *out, struct insyn_err *err);
int store_investigation_areas(struct store *st, long long investigation_id, struct arena *a,
                              struct investigation_area **items, int *n, struct insyn_err *err);
int store_investigation_meeting_insert(struct store *st, struct investigation_meeting *m,
                                       struct insyn_err *err);
int store_investigation_meetings(struct store *st, long long investigation_id, struct arena *a,
                                 struct investigation_meeting **items, int *n,
                                 struct insyn_err *err);
/* What a person answers for in open investigations: the open focus areas whose responsible
 * is user_id, and (area_id 0) the investigations themselves it is responsible for. */
struct investigation_task {
    long long investigation_id, area_id, organisation_id;
    char *organisation_name, *kind, *text;
    int due; /* DATE_NONE for an investigation (it has no due date of its own) */
};
int store_investigation_tasks(struct store *st, long long user_id, struct arena *a,
                              struct investigation_task **items, int *n, struct insyn_err *err);

int store_sanction_insert(struct store *st, struct sanction *s, struct insyn_err *err);
/* An agreement's (agreement_id) or an investigation's (investigation_id) sanctions, newest
 * decision first. */
int store_sanction_list(struct store *st, long long agreement_id, long long investigation_id,
                        struct arena *a, struct sanction **items, int *n, struct insyn_err *err);
/* Records why and when an agreement ended early and clears its termination flag. */
int store_agreement_set_termination(struct store *st, long long agreement_id, const char *cause,
                                    int terminated_on, struct insyn_err *err);
/* An agreement's termination cause ("" when none) and day (DATE_NONE). */
int store_agreement_termination(struct store *st, long long agreement_id, struct arena *a,
                                char **cause, int *terminated_on, struct insyn_err *err);
/* Agreements with terminated_on in [from, to], counted by termination_cause. */
int store_terminated_by_cause(struct store *st, int from, int to, struct arena *a,
                              struct count_row **rows, int *n, struct insyn_err *err);

/* ---- external controls (migration 010) ---- */
#include "core/check.h"
/* Inserts a control; sets c->id. */
int store_check_insert(struct store *st, struct external_check *c, struct insyn_err *err);
/* Records the signal a control made. */
int store_check_set_signal(struct store *st, long long check_id, long long signal_id,
                           struct insyn_err *err);
int store_check_get(struct store *st, long long id, struct arena *a, struct external_check *out,
                    struct insyn_err *err);
/* An organisation's controls, newest first, at most max; kind NULL or "" for every kind. */
int store_check_list(struct store *st, long long organisation_id, const char *kind, int max,
                     struct arena *a, struct external_check **items, int *n, struct insyn_err *err);
/* The strictest credit thresholds in force for an organisation: at each bureau the highest
 * among its agreements in force (status active), an agreement without its own taken at the
 * default; the defaults when it has none in force. */
int store_credit_thresholds(struct store *st, long long organisation_id, int dflt_creditsafe,
                            int dflt_uc, int *creditsafe, int *uc, struct insyn_err *err);
/* The organisation's agreements in force not yet flagged for termination. */
int store_agreements_to_flag(struct store *st, long long organisation_id, struct arena *a,
                             long long **ids, int *n, struct insyn_err *err);
/* Flags an agreement for termination (flag: permit_revoked | bankruptcy) unless flagged. */
int store_agreement_flag_termination(struct store *st, long long id, const char *flag, int on,
                                     const char *now, struct insyn_err *err);
/* Sets a unit's IVO permit status to revoked. */
int store_unit_revoke_permit(struct store *st, long long unit_id, const char *now,
                             struct insyn_err *err);
/* The organisation's unit of that name; INSYN_ENOTFOUND when none. */
int store_unit_id_by_name(struct store *st, long long organisation_id, const char *name,
                          long long *id);

/* ---- risk ---- */
struct risk_facts;
/* The facts the risk indicator (core/risk.h) weighs as of `today`: for one organisation
 * (INSYN_ENOTFOUND when there is none), or (organisation_id 0) for every organisation, by id,
 * with one query per kind of fact. Signals within the signal window that were not found to
 * need no action and that no control made by itself (the control is the factor); the latest credit
 * check of each bureau and the latest tax check; IVO records and sanctions within the record
 * window; the latest bankruptcy; open follow-ups. */
int store_risk_facts(struct store *st, long long organisation_id, int today, struct arena *a,
                     struct risk_facts **out, int *n, struct insyn_err *err);
/* One event of an organisation's timeline: what the store reads (the app words it). */
struct risk_event {
    int date;
    const char *kind;      /* signal | check | investigation_opened | investigation_closed |
                              investigation_meeting | sanction | follow_up */
    long long id, link_id; /* the event's row, and the row its page shows */
    /* by kind: signal (category, outcome); check (kind, bureau, IVO kind, reference);
     * investigation (kind, reason or outcome); sanction (kind, case_ref, decided by);
     * follow_up (activity, case_ref, title) */
    const char *text[4];
    long long number;                      /* signal: serious; check: value; sanction: amount */
    int threshold, passed;                 /* a check's; -1 when none */
    const char *kind_label, *title, *link; /* filled by the app */
};
/* Signals, external checks, follow-ups opened and closed and their meetings, sanctions and the
 * done follow-ups of the organisation's agreements: newest first, at most max. */
int store_risk_timeline(struct store *st, long long organisation_id, int max, struct arena *a,
                        struct risk_event **out, int *n, struct insyn_err *err);

/* ---- placements and assignments (migration 012) ---- */
struct placement;
struct assignment;
struct volume_filter {
    long long agreement_id; /* the agreement's rows ... */
    long long unit_id;      /* ... or, when not 0, the unit's (placements only) */
    int page, per_page;
};
/* Inserts; sets the id. */
int store_placement_insert(struct store *st, struct placement *p, struct insyn_err *err);
/* With organisation, unit and case reference. */
int store_placement_get(struct store *st, long long id, struct arena *a, struct placement *out,
                        struct insyn_err *err);
/* Newest start first; *total counts every match. */
int store_placement_list(struct store *st, const struct volume_filter *f, struct arena *a,
                         struct placement **items, int *n, int *total, struct insyn_err *err);
int store_assignment_insert(struct store *st, struct assignment *x, struct insyn_err *err);
int store_assignment_get(struct store *st, long long id, struct arena *a, struct assignment *out,
                         struct insyn_err *err);
/* Newest first by the day received; *total counts every match. */
int store_assignment_list(struct store *st, const struct volume_filter *f, struct arena *a,
                          struct assignment **items, int *n, int *total, struct insyn_err *err);
struct volume_counts {
    int placements, placements_ongoing, assignments, assignments_ongoing;
};
/* An agreement's placements and assignments, and how many of each go on (no end). */
int store_volume_counts(struct store *st, long long agreement_id, struct volume_counts *out,
                        struct insyn_err *err);
/* Every assignment of the agreement received on or before until (placements: started on or
 * before), oldest first, with the case reference (and the unit's name): what the year's
 * statistics are computed from (core/stats.h). */
int store_assignments_until(struct store *st, long long agreement_id, int until, struct arena *a,
                            struct assignment **items, int *n, struct insyn_err *err);
int store_placements_until(struct store *st, long long agreement_id, int until, struct arena *a,
                           struct placement **items, int *n, struct insyn_err *err);
/* The earliest day an assignment of the agreement was received or a placement started;
 * DATE_NONE when it has neither. */
int store_volume_first_date(struct store *st, long long agreement_id, int *first,
                            struct insyn_err *err);
/* Every agreement with exactly that case reference (and, organisation_id not 0, that
 * organisation), by id. */
int store_agreement_ids_by_case_ref(struct store *st, const char *case_ref,
                                    long long organisation_id, struct arena *a, long long **ids,
                                    int *n, struct insyn_err *err);
/* The agreements with that case reference (and, organisation_id not 0, that organisation):
 * *count says how many, *id is the first. INSYN_ENOTFOUND when there is none. */
int store_agreement_id_by_case_ref(struct store *st, const char *case_ref,
                                   long long organisation_id, long long *id, int *count);
/* ---- control plans and samples (migration 012) ---- */
#include "core/sample.h"
/* The sampling rule asked of the placements, in one grouped query: per unit, the placements
 * under the agreements with r->case_ref whose start lies in [r->from, r->to], with the unit's
 * organisation, its org_nr and the unit's name; the units with at least r->min_placements and
 * (plan_id not 0) the units that plan adds for risk, whatever their count. By organisation
 * and unit name. Which of them are in the sample is core's sample_merge. With risk not NULL
 * (and plan_id not 0) also the plan's units added for risk, read with the counts. */
int store_sample_counts(struct store *st, const struct sample_rule *r, long long plan_id,
                        struct arena *a, struct sample_unit **counted, int *n,
                        struct sample_unit **risk, int *nrisk, struct insyn_err *err);
/* Inserts a draft plan; sets p->id. A year that has a plan is INSYN_ECONFLICT. */
int store_plan_insert(struct store *st, struct control_plan *p, struct insyn_err *err);
/* Writes a draft's fields; INSYN_ECONFLICT when it is approved (or the year is taken). */
int store_plan_update(struct store *st, const struct control_plan *p, struct insyn_err *err);
int store_plan_get(struct store *st, long long id, struct arena *a, struct control_plan *out,
                   struct insyn_err *err);
/* Every plan, the latest year first. */
int store_plan_list(struct store *st, struct arena *a, struct control_plan **items, int *n,
                    struct insyn_err *err);
/* INSYN_ENOTFOUND when the year has no plan. */
int store_plan_id_by_year(struct store *st, int year, long long *id);
/* The plan's units of one source ("risk": risk_reason is the reason given; "sample": the
 * frozen sample's, reason set), with names and the placements stored for them. */
int store_plan_units(struct store *st, long long plan_id, const char *source, struct arena *a,
                     struct sample_unit **out, int *n, struct insyn_err *err);
/* The frozen sample of an approved plan: its sample rows and its risk rows, in one read. */
int store_plan_frozen(struct store *st, long long plan_id, struct arena *a,
                      struct sample_unit **rows, int *n, struct sample_unit **risk, int *nrisk,
                      struct insyn_err *err);
/* Adds a unit for risk; one already there is a field error on unit_id. */
int store_plan_risk_add(struct store *st, long long plan_id, long long unit_id, const char *reason,
                        struct insyn_err *err);
/* Removes a unit added for risk (not frozen); none there is a field error on unit_id. */
int store_plan_risk_remove(struct store *st, long long plan_id, long long unit_id,
                           struct insyn_err *err);
/* Freezes a sample as sample_merge gave it: the rule's units become rows of source sample, the
 * units added for risk keep their rows with the placements counted; all frozen. */
int store_plan_freeze(struct store *st, long long plan_id, const struct sample_unit *units, int n,
                      struct insyn_err *err);
/* Marks a draft approved with the committee's decision; INSYN_ECONFLICT when it is not a draft. */
int store_plan_approve(struct store *st, long long plan_id, int decided_on, const char *paragraph,
                       const char *now, struct insyn_err *err);
/* Whether some agreement has this case_ref. */
int store_agreement_case_ref_exists(struct store *st, const char *case_ref);
/* Organisations whose latest credit check (any bureau) did not pass, by name. */
struct credit_failure {
    long long organisation_id;
    char *name, *org_nr, *bureau;
    int checked_on, value, threshold;
};
int store_credit_failures(struct store *st, struct arena *a, struct credit_failure **out, int *n,
                          struct insyn_err *err);
/* Units a plan may add for risk: those of the organisations with an agreement under case_ref,
 * then those of the given organisations; each once, with names. */
int store_plan_unit_choices(struct store *st, const char *case_ref, const long long *org_ids,
                            int n_orgs, struct arena *a, struct sample_unit **out, int *n,
                            struct insyn_err *err);

/* The case references of the agreements (not drafts), each once with a title and how many
 * agreements share it (a framework): what a plan may focus on and sample from. */
struct case_ref_row {
    char *case_ref, *title;
    int agreements;
};
int store_case_ref_choices(struct store *st, struct arena *a, struct case_ref_row **out, int *n,
                           struct insyn_err *err);

/* ---- surveys (the planned follow-up) ---- */
#include "core/survey.h"
struct survey_row {
    long long id, plan_id;  /* plan_id 0 when none */
    long long agreement_id; /* the agreement it is about (the ordering unit's), 0 when none */
    char *title, *intro, *audience, *template_code, *status;
    char *created_by_name, *created_at, *opened_at, *closed_at; /* "" when not */
    int anonymous;
    int recipients, answered;                   /* read with the survey */
    char *plan_title;                           /* "" when none */
    char *agreement_case_ref, *agreement_title; /* "" when none */
};
struct survey_recipient_row {
    long long id, organisation_id; /* organisation 0 when none */
    char *email, *organisation_name, *org_nr;
    int answered, has_link;
    char *answered_at; /* "" when not answered or anonymous */
    char *reminded_on; /* the day of the last reminder, "" when none */
};
struct survey_answer_row {
    long long question_id, organisation_id; /* the response's provider, 0 when none */
    char *value;
};
/* Inserts a draft survey; sets s->id. */
int store_survey_insert(struct store *st, struct survey_row *s, struct insyn_err *err);
int store_survey_question_insert(struct store *st, long long survey_id,
                                 const struct survey_question *q, struct insyn_err *err);
/* A survey with its counts of recipients and of those who answered; INSYN_ENOTFOUND. */
int store_survey_get(struct store *st, long long id, struct arena *a, struct survey_row *out,
                     struct insyn_err *err);
/* Every survey, the latest first, with counts. */
int store_survey_list(struct store *st, struct arena *a, struct survey_row **items, int *n,
                      struct insyn_err *err);
int store_survey_questions(struct store *st, long long survey_id, struct arena *a,
                           struct survey_question **out, int *n, struct insyn_err *err);
/* The recipients in the order added, with their organisation's name. */
int store_survey_recipients(struct store *st, long long survey_id, struct arena *a,
                            struct survey_recipient_row **out, int *n, struct insyn_err *err);
int store_survey_recipient_insert(struct store *st, long long survey_id, const char *email,
                                  long long organisation_id, const char *now, long long *id,
                                  struct insyn_err *err);
/* Gives a recipient without a link the hash of its link's secret. */
int store_survey_recipient_link(struct store *st, long long recipient_id, const char *token_hash,
                                struct insyn_err *err);
/* Moves a survey from status `from` to `to`, stamping opened_at or closed_at with now;
 * INSYN_ECONFLICT when it is not in `from`. */
int store_survey_set_status(struct store *st, long long id, const char *from, const char *to,
                            const char *now, struct insyn_err *err);
/* The recipient behind a link's hash, with its survey's id and status; INSYN_ENOTFOUND. */
struct survey_link_row {
    long long survey_id, recipient_id, organisation_id;
    int answered;
    char *status, *email; /* email "" for a provider asked as an organisation */
};
int store_survey_by_token(struct store *st, const char *token_hash, struct arena *a,
                          struct survey_link_row *out);
/* The same for a recipient by its id (answering inside the app); INSYN_ENOTFOUND. */
int store_survey_recipient_get(struct store *st, long long recipient_id, struct arena *a,
                               struct survey_link_row *out);
/* A recipient of an open survey who has not answered. */
struct survey_pending {
    long long recipient_id, survey_id, organisation_id; /* organisation 0 when none */
    char *title, *email, *organisation_name, *opened_at;
    char *reminded_on;   /* the day of the last reminder, "" when never */
    char *contact_email; /* the organisation's, "" when none */
    int anonymous;
};
/* What a person is asked to answer: as a recipient by e-mail address (email not "") or, for a
 * provider's user, as its organisation (organisation_id > 0), the oldest survey first. */
int store_survey_pending_for(struct store *st, const char *email, long long organisation_id,
                             struct arena *a, struct survey_pending **out, int *n,
                             struct insyn_err *err);
/* Everyone due a reminder: in a survey opened on or before `cutoff` (YYYY-MM-DD) and not
 * reminded after it; by e-mail address, then organisation. */
int store_survey_pending_due(struct store *st, const char *cutoff, struct arena *a,
                             struct survey_pending **out, int *n, struct insyn_err *err);
/* Records a reminder sent on `day` (YYYY-MM-DD); with token_hash, the recipient's new link (the
 * old one ends). */
int store_survey_recipient_reminded(struct store *st, long long recipient_id,
                                    const char *token_hash, const char *day, struct insyn_err *err);
/* Marks a recipient answered (answered_at NULL for an anonymous survey); INSYN_ECONFLICT when it
 * already had, so that two answers at once cannot both be taken. */
int store_survey_recipient_answered(struct store *st, long long recipient_id,
                                    const char *answered_at, struct insyn_err *err);
/* A response (id chosen by the caller) and its answers. */
int store_survey_response_insert(struct store *st, long long id, long long survey_id,
                                 long long recipient_id, long long organisation_id,
                                 const char *submitted_at, struct insyn_err *err);
int store_survey_answer_insert(struct store *st, long long response_id, long long question_id,
                               const char *value, struct insyn_err *err);
/* Every answer given to a survey, by question. */
int store_survey_answers(struct store *st, long long survey_id, struct arena *a,
                         struct survey_answer_row **out, int *n, struct insyn_err *err);

/* The case workers of the placements at the given units under the rule's agreements that
 * started in its window, each once per provider, with the provider's name. */
struct survey_case_worker {
    char *email, *organisation;
    long long organisation_id;
};
int store_survey_plan_case_workers(struct store *st, const struct sample_rule *r,
                                   const long long *unit_ids, int n_units, struct arena *a,
                                   struct survey_case_worker **out, int *n, struct insyn_err *err);

/* ---- a plan's surveys per provider (the overview follow-up) ---- */
struct plan_survey_count {
    long long organisation_id, survey_id;
    const char *audience, *title, *status;
    int recipients, answered;
};
/* For each survey tied to the plan and each organisation its recipients are or answer about:
 * how many recipients, how many answered (a recipient row says so even in an anonymous
 * survey, without tying it to the answer). */
int store_plan_survey_counts(struct store *st, long long plan_id, struct arena *a,
                             struct plan_survey_count **out, int *n, struct insyn_err *err);

/* ---- the committee's reports (migration 014) ---- */
#include "core/report.h"
/* The report of a kind and year (and agreement, 0 for the annual report); INSYN_ENOTFOUND. */
int store_report_find(struct store *st, const char *kind, int year, long long agreement_id,
                      struct arena *a, struct report *out, struct insyn_err *err);
int store_report_get(struct store *st, long long id, struct arena *a, struct report *out,
                     struct insyn_err *err);
/* Every report, the latest year first. */
int store_report_list(struct store *st, struct arena *a, struct report **out, int *n,
                      struct insyn_err *err);
int store_report_insert(struct store *st, struct report *r, struct insyn_err *err);
/* The memo's particulars and updated_at. */
int store_report_update(struct store *st, const struct report *r, struct insyn_err *err);
struct report_text {
    char *section, *body, *author_name, *created_at;
    int version;
};
/* Without a section (NULL): the latest version of each section; with one: all its versions,
 * the newest first. */
int store_report_texts(struct store *st, long long report_id, const char *section, struct arena *a,
                       struct report_text **out, int *n, struct insyn_err *err);
/* A new version of a section; INSYN_ECONFLICT when that version exists (two writers). */
int store_report_text_insert(struct store *st, long long report_id, const struct report_text *t,
                             struct insyn_err *err);

/* What one agreement's report of a year reads besides its statistics: the follow-ups of the
 * agreement recorded with a meeting held from `from` to `to` (both days included), the newest
 * signed version of each, by the day held; their records are read with store_record_get. */
struct agreement_record_row {
    long long record_id, follow_up_id;
    char *activity; /* the routine activity's name */
    int held_on;
};
int store_agreement_records(struct store *st, long long agreement_id, int from, int to,
                            struct arena *a, struct agreement_record_row **out, int *n,
                            struct insyn_err *err);
/* Every answer to the agreement's surveys made from a template: the survey and when the answer
 * came (submitted_at as stored: a UTC time, or the day alone for an anonymous survey), by
 * survey. */
struct agreement_survey_answer {
    long long survey_id;
    char *submitted_at;
};
int store_agreement_survey_answers(struct store *st, long long agreement_id,
                                   const char *template_code, struct arena *a,
                                   struct agreement_survey_answer **out, int *n,
                                   struct insyn_err *err);

/* The year's figures for the annual report, read in grouped queries. */
struct signal_count {
    char *category, *outcome; /* outcome "" while not reviewed */
    int serious, count;
};
/* The year's signals by category, outcome and seriousness, and per month (by_month[0] is
 * January), in one pass. */
int store_year_signals(struct store *st, int year, struct arena *a, struct signal_count **out,
                       int *n, int by_month[12], struct insyn_err *err);
struct year_meeting {
    int held_on, signals; /* signals: those the meeting went through */
};
int store_year_meetings(struct store *st, int year, struct arena *a, struct year_meeting **out,
                        int *n, struct insyn_err *err);
/* Credit and tax checks of the year that did not pass, with what followed: the outcome of the
 * signal each made and how many event-driven follow-ups of the organisation were opened since. */
struct failed_check {
    char *organisation, *kind, *bureau, *signal_outcome;
    int checked_on, value, threshold, investigations;
};
int store_year_failed_checks(struct store *st, int year, struct arena *a, struct failed_check **out,
                             int *n, struct insyn_err *err);
int store_year_check_count(struct store *st, int year, const char *kind, int *count,
                           struct insyn_err *err);
/* Follow-ups of a kind (event_driven | in_depth) going on at some time in the year. */
struct year_investigation {
    long long id;
    char *organisation, *reason, *status, *outcome, *outcome_summary;
    int opened_on, closed_on; /* closed_on DATE_NONE while open */
};
int store_year_investigations(struct store *st, int year, const char *kind, struct arena *a,
                              struct year_investigation **out, int *n, struct insyn_err *err);
struct year_sanction {
    char *organisation, *kind, *reason;
    int decided_on;
};
int store_year_sanctions(struct store *st, int year, struct arena *a, struct year_sanction **out,
                         int *n, struct insyn_err *err);
struct year_termination {
    char *case_ref, *title, *organisation, *cause;
    int terminated_on;
};
int store_year_terminations(struct store *st, int year, struct arena *a,
                            struct year_termination **out, int *n, struct insyn_err *err);

/* ---- LOV applications (migration 017) ---- */
struct application;
struct application_reference;
struct application_note;
struct onboarding_item;
/* A file the applicant sent (a supplement), kept in the database. */
struct application_file {
    long long id, application_id, size;
    char *name, *content_type, *uploaded_by_name, *uploaded_at;
};
int store_application_insert(struct store *st, struct application *x, struct insyn_err *err);
/* Writes every field and raises the version; INSYN_ECONFLICT when the stored version is no
 * longer x->version (someone else changed it since it was read). */
int store_application_update(struct store *st, struct application *x, struct insyn_err *err);
int store_application_get(struct store *st, long long id, struct arena *a, struct application *out,
                          struct insyn_err *err);
/* Every application (organisation_id 0) or one organisation's, newest received first. */
int store_application_list(struct store *st, long long organisation_id, struct arena *a,
                           struct application **items, int *n, struct insyn_err *err);
int store_reference_insert(struct store *st, struct application_reference *r,
                           struct insyn_err *err);
int store_references(struct store *st, long long application_id, struct arena *a,
                     struct application_reference **out, int *n, struct insyn_err *err);
int store_note_insert(struct store *st, struct application_note *x, long long author_id,
                      struct insyn_err *err);
/* Newest first. */
int store_notes(struct store *st, long long application_id, struct arena *a,
                struct application_note **out, int *n, struct insyn_err *err);
int store_application_file_insert(struct store *st, long long application_id,
                                  struct application_file *f, const void *data,
                                  struct insyn_err *err);
int store_application_files(struct store *st, long long application_id, struct arena *a,
                            struct application_file **out, int *n, struct insyn_err *err);
int store_application_file_get(struct store *st, long long id, struct arena *a,
                               struct application_file *out, char **data, struct insyn_err *err);
int store_onboarding_insert(struct store *st, struct onboarding_item *it, struct insyn_err *err);
int store_onboarding_update(struct store *st, const struct onboarding_item *it,
                            struct insyn_err *err);
int store_onboarding_items(struct store *st, long long application_id, struct arena *a,
                           struct onboarding_item **out, int *n, struct insyn_err *err);
int store_onboarding_get(struct store *st, long long id, struct arena *a,
                         struct onboarding_item *out, struct insyn_err *err);
/* The items a person is responsible for that are not done, soonest due first. */
int store_onboarding_open_for(struct store *st, long long responsible_id, struct arena *a,
                              struct onboarding_item **out, int *n, struct insyn_err *err);

#endif
