/* reports.c — the reports' memo and text sections (migration 014), and the figures of a year
 * that the annual report reads in a few grouped queries. */
#include "store/internal.h"
#include "store/store.h"

#include "core/date.h"

#include <stdlib.h>
#include <string.h>

/* ---- the report and its memo ---- */

#define REPORT_COLUMNS                                                                             \
    "SELECT r.id, r.kind, r.year, coalesce(r.agreement_id, 0), r.committee, r.case_ref, "          \
    "r.officer, r.memo_date, r.proposed_decision, r.created_by_name, r.created_at, r.updated_at, " \
    "coalesce(g.case_ref, ''), coalesce(g.title, '') FROM report r "                               \
    "LEFT JOIN agreement g ON g.id = r.agreement_id "

static void
report_fill(void *row, struct stmt *q, struct arena *a)
{
    struct report *r = row;
    r->id = col_int64(q, 0);
    r->kind = col_text(a, q, 1);
    r->year = col_int(q, 2);
    r->agreement_id = col_int64(q, 3);
    r->committee = col_text(a, q, 4);
    r->case_ref = col_text(a, q, 5);
    r->officer = col_text(a, q, 6);
    r->memo_date = col_date(q, 7);
    r->proposed_decision = col_text(a, q, 8);
    r->created_by_name = col_text(a, q, 9);
    r->created_at = col_text(a, q, 10);
    r->updated_at = col_text(a, q, 11);
    r->agreement_case_ref = col_text(a, q, 12);
    r->agreement_title = col_text(a, q, 13);
}

int
store_report_find(struct store *st, const char *kind, int year, long long agreement_id,
                  struct arena *a, struct report *out, struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(
        st, REPORT_COLUMNS "WHERE r.kind = ? AND r.year = ? AND coalesce(r.agreement_id, 0) = ?",
        err);
    if (!q)
        return INSYN_ESYS;
    bind_text(q, 1, kind);
    bind_int(q, 2, year);
    bind_int(q, 3, agreement_id);
    struct report *rows;
    int n;
    if (stmt_rows(st, q, a, sizeof *rows, report_fill, (void **)&rows, &n, err))
        return err->code;
    if (!n)
        return err_set(err, INSYN_ENOTFOUND, "Rapporten finns inte.");
    *out = rows[0];
    return 0;
}

int
store_report_get(struct store *st, long long id, struct arena *a, struct report *out,
                 struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(st, REPORT_COLUMNS "WHERE r.id = ?", err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, id);
    struct report *rows;
    int n;
    if (stmt_rows(st, q, a, sizeof *rows, report_fill, (void **)&rows, &n, err))
        return err->code;
    if (!n)
        return err_set(err, INSYN_ENOTFOUND, "Rapporten finns inte.");
    *out = rows[0];
    return 0;
}

int
store_report_list(struct store *st, struct arena *a, struct report **out, int *n,
                  struct insyn_err *err)
{
    struct stmt *q =
        stmt_prepare(st, REPORT_COLUMNS "ORDER BY r.year DESC, r.kind, g.case_ref, r.id", err);
    if (!q)
        return INSYN_ESYS;
    return stmt_rows(st, q, a, sizeof **out, report_fill, (void **)out, n, err);
}

static void
bind_memo(struct stmt *q, const struct report *r)
{
    bind_text(q, 1, r->committee);
    bind_text(q, 2, r->case_ref);
    bind_text(q, 3, r->officer);
    bind_date(q, 4, r->memo_date);
    bind_text(q, 5, r->proposed_decision);
    bind_text(q, 6, r->updated_at);
}

int
store_report_insert(struct store *st, struct report *r, struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(
        st,
        "INSERT INTO report (committee, case_ref, officer, memo_date, proposed_decision, "
        "updated_at, kind, year, agreement_id, created_by_name, created_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        err);
    if (!q)
        return INSYN_ESYS;
    bind_memo(q, r);
    bind_text(q, 7, r->kind);
    bind_int(q, 8, r->year);
    bind_opt_id(q, 9, r->agreement_id);
    bind_text(q, 10, r->created_by_name);
    bind_text(q, 11, r->created_at);
    return stmt_insert(st, q, &r->id, err);
}

int
store_report_update(struct store *st, const struct report *r, struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(st,
                                  "UPDATE report SET committee = ?, case_ref = ?, officer = ?, "
                                  "memo_date = ?, proposed_decision = ?, updated_at = ? "
                                  "WHERE id = ?",
                                  err);
    if (!q)
        return INSYN_ESYS;
    bind_memo(q, r);
    bind_int(q, 7, r->id);
    return stmt_run(st, q, err);
}

/* ---- text sections, each change a version ---- */

static void
section_fill(void *row, struct stmt *q, struct arena *a)
{
    struct report_text *t = row;
    t->section = col_text(a, q, 0);
    t->version = col_int(q, 1);
    t->body = col_text(a, q, 2);
    t->author_name = col_text(a, q, 3);
    t->created_at = col_text(a, q, 4);
}

int
store_report_texts(struct store *st, long long report_id, const char *section, struct arena *a,
                   struct report_text **out, int *n, struct insyn_err *err)
{
    /* without a section: the latest version of each; with one: all its versions, newest first */
    struct stmt *q =
        stmt_prepare(st,
                     "SELECT section, version, body, author_name, created_at FROM report_section s "
                     "WHERE report_id = ?1 AND (?2 = '' AND version = (SELECT max(version) FROM "
                     "report_section t WHERE t.report_id = s.report_id AND t.section = s.section) "
                     "OR section = ?2) ORDER BY section, version DESC",
                     err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, report_id);
    bind_text(q, 2, section ? section : "");
    return stmt_rows(st, q, a, sizeof **out, section_fill, (void **)out, n, err);
}

int
store_report_text_insert(struct store *st, long long report_id, const struct report_text *t,
                         struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(
        st,
        "INSERT INTO report_section (report_id, section, version, body, author_name, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, report_id);
    bind_text(q, 2, t->section);
    bind_int(q, 3, t->version);
    bind_text(q, 4, t->body);
    bind_text(q, 5, t->author_name);
    bind_text(q, 6, t->created_at);
    int rc = stmt_run(st, q, err);
    if (rc && err->code == INSYN_ECONFLICT)
        err_set(err, INSYN_ECONFLICT, "Texten har ändrats av någon annan under tiden.");
    return rc;
}

/* ---- the year's figures ---- */

static void
bind_year(struct stmt *q, int year)
{
    bind_date(q, 1, date_from_ymd(year, 1, 1));
    bind_date(q, 2, date_from_ymd(year, 12, 31));
}

/* The rows of a query over a year (?1 its first day, ?2 its last; ?3 `kind` when not NULL). */
static int
year_rows(struct store *st, const char *sql, int year, const char *kind, struct arena *a,
          size_t size, void (*fill)(void *row, struct stmt *q, struct arena *a), void **out, int *n,
          struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(st, sql, err);
    if (!q)
        return INSYN_ESYS;
    bind_year(q, year);
    if (kind)
        bind_text(q, 3, kind);
    return stmt_rows(st, q, a, size, fill, out, n, err);
}

/* The key of a signal_count: FNV-1a over category, outcome and serious. */
static unsigned
signal_key(const char *category, const char *outcome, int serious)
{
    unsigned h = 2166136261u;
    for (const char *p = category; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    h = (h ^ 0xff) * 16777619u;
    for (const char *p = outcome; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    return (h ^ (unsigned)serious) * 16777619u;
}

static int
signal_count_order(const void *x, const void *y)
{
    const struct signal_count *a = x, *b = y;
    int c = strcmp(a->category, b->category);
    if (!c)
        c = strcmp(a->outcome, b->outcome);
    return c ? c : a->serious - b->serious;
}

int
store_year_signals(struct store *st, int year, struct arena *a, struct signal_count **out, int *n,
                   int by_month[12], struct insyn_err *err)
{
    /* SQLite groups by sorting, which for a Stockholm-sized year (a million signals) costs more
     * than all the rest of the report: the year's rows are read from the covering index
     * signal_year (migration 016) and counted here, per month and by their few distinct keys
     * in a hash table of open addressing kept at most half full. */
    struct stmt *q = stmt_prepare(st,
                                  "SELECT category, outcome, serious, occurred_on FROM signal "
                                  "WHERE occurred_on BETWEEN ?1 AND ?2",
                                  err);
    if (!q)
        return INSYN_ESYS;
    bind_year(q, year);
    int cap = 64, slots = 128, rc;
    struct signal_count *items = arena_alloc(a, sizeof *items * (size_t)cap);
    int *slot = arena_alloc(a, sizeof *slot * (size_t)slots); /* an item's index + 1; 0: empty */
    *n = 0;
    memset(by_month, 0, sizeof(int) * 12);
    while ((rc = stmt_step(q)) == STMT_ROW) {
        const char *day = col_cstr(q, 3); /* YYYY-MM-DD */
        if (day && strlen(day) >= 7 && day[5] >= '0' && day[5] <= '1') {
            int month = (day[5] - '0') * 10 + (day[6] - '0');
            if (month >= 1 && month <= 12)
                by_month[month - 1]++;
        }
        const char *category = col_cstr(q, 0);
        const char *outcome = col_cstr(q, 1);
        int serious = col_int(q, 2) != 0;
        category = category ? category : "";
        outcome = outcome ? outcome : "";
        unsigned h = signal_key(category, outcome, serious), at = h & (unsigned)(slots - 1);
        while (slot[at] && !(items[slot[at] - 1].serious == serious &&
                             strcmp(items[slot[at] - 1].category, category) == 0 &&
                             strcmp(items[slot[at] - 1].outcome, outcome) == 0))
            at = (at + 1) & (unsigned)(slots - 1);
        int k = slot[at] - 1;
        if (k < 0) {
            items = arena_grow(a, items, *n, &cap, sizeof *items);
            items[*n] = (struct signal_count){arena_strdup(a, category), arena_strdup(a, outcome),
                                              serious, 0};
            k = (*n)++;
            slot[at] = *n;
            if (*n * 2 > slots) { /* twice as many slots, every key placed anew */
                slots *= 2;
                slot = arena_alloc(a, sizeof *slot * (size_t)slots);
                for (int i = 0; i < *n; i++) {
                    unsigned b = signal_key(items[i].category, items[i].outcome, items[i].serious) &
                                 (unsigned)(slots - 1);
                    while (slot[b])
                        b = (b + 1) & (unsigned)(slots - 1);
                    slot[b] = i + 1;
                }
            }
        }
        items[k].count++;
    }
    stmt_done(q);
    if (rc != STMT_DONE)
        return store_fail(st, rc, err);
    qsort(items, (size_t)*n, sizeof *items, signal_count_order);
    *out = items;
    return 0;
}

static void
meeting_fill(void *row, struct stmt *q, struct arena *a)
{
    (void)a;
    struct year_meeting *m = row;
    m->held_on = col_date(q, 0);
    m->signals = col_int(q, 1);
}

int
store_year_meetings(struct store *st, int year, struct arena *a, struct year_meeting **out, int *n,
                    struct insyn_err *err)
{
    return year_rows(st,
                     "SELECT m.held_on, (SELECT count(*) FROM signal s "
                     "WHERE s.meeting_id = m.id) FROM coordinator_meeting m "
                     "WHERE m.held_on BETWEEN ?1 AND ?2 ORDER BY m.held_on",
                     year, NULL, a, sizeof **out, meeting_fill, (void **)out, n, err);
}

static void
failed_check_fill(void *row, struct stmt *q, struct arena *a)
{
    struct failed_check *c = row;
    c->organisation = col_text(a, q, 0);
    c->kind = col_text(a, q, 1);
    c->checked_on = col_date(q, 2);
    c->bureau = col_text(a, q, 3);
    c->value = col_int(q, 4);
    c->threshold = col_int(q, 5);
    c->signal_outcome = col_text(a, q, 6);
    c->investigations = col_int(q, 7);
}

int
store_year_failed_checks(struct store *st, int year, struct arena *a, struct failed_check **out,
                         int *n, struct insyn_err *err)
{
    /* what followed: the outcome of the signal the check made, and event-driven follow-ups of
     * the organisation opened on or after the check */
    return year_rows(
        st,
        "SELECT o.name, c.kind, c.checked_on, c.bureau, coalesce(c.value, 0), "
        "coalesce(c.threshold, 0), coalesce(s.outcome, ''), (SELECT count(*) FROM investigation i "
        "WHERE i.organisation_id = c.organisation_id AND i.opened_on >= c.checked_on) "
        "FROM external_check c JOIN organisation o ON o.id = c.organisation_id "
        "LEFT JOIN signal s ON s.id = c.signal_id WHERE c.kind IN ('credit', 'tax') "
        "AND c.passed = 0 AND c.checked_on BETWEEN ?1 AND ?2 ORDER BY c.kind, c.checked_on, o.name",
        year, NULL, a, sizeof **out, failed_check_fill, (void **)out, n, err);
}

int
store_year_check_count(struct store *st, int year, const char *kind, int *count,
                       struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(st,
                                  "SELECT count(*) FROM external_check WHERE kind = ?3 "
                                  "AND checked_on BETWEEN ?1 AND ?2",
                                  err);
    if (!q)
        return INSYN_ESYS;
    bind_year(q, year);
    bind_text(q, 3, kind);
    int rc = stmt_step(q);
    *count = rc == STMT_ROW ? col_int(q, 0) : 0;
    stmt_done(q);
    return rc == STMT_ROW ? 0 : store_fail(st, rc, err);
}

static void
followup_fill(void *row, struct stmt *q, struct arena *a)
{
    struct year_investigation *i = row;
    i->id = col_int64(q, 0);
    i->organisation = col_text(a, q, 1);
    i->opened_on = col_date(q, 2);
    i->reason = col_text(a, q, 3);
    i->status = col_text(a, q, 4);
    i->outcome = col_text(a, q, 5);
    i->outcome_summary = col_text(a, q, 6);
    i->closed_on = col_date(q, 7);
}

int
store_year_investigations(struct store *st, int year, const char *kind, struct arena *a,
                          struct year_investigation **out, int *n, struct insyn_err *err)
{
    /* those going on at some time in the year */
    return year_rows(
        st,
        "SELECT i.id, o.name, i.opened_on, i.reason, i.status, i.outcome, i.outcome_summary, "
        "i.closed_on FROM investigation i JOIN organisation o ON o.id = i.organisation_id "
        "WHERE i.kind = ?3 AND i.opened_on <= ?2 AND (i.closed_on IS NULL OR i.closed_on >= ?1) "
        "ORDER BY i.opened_on, i.id",
        year, kind, a, sizeof **out, followup_fill, (void **)out, n, err);
}

static void
sanction_fill(void *row, struct stmt *q, struct arena *a)
{
    struct year_sanction *s = row;
    s->organisation = col_text(a, q, 0);
    s->kind = col_text(a, q, 1);
    s->decided_on = col_date(q, 2);
    s->reason = col_text(a, q, 3);
}

int
store_year_sanctions(struct store *st, int year, struct arena *a, struct year_sanction **out,
                     int *n, struct insyn_err *err)
{
    return year_rows(st,
                     "SELECT o.name, s.kind, s.decided_on, s.reason FROM sanction s "
                     "JOIN organisation o ON o.id = s.organisation_id "
                     "WHERE s.decided_on BETWEEN ?1 AND ?2 ORDER BY s.decided_on",
                     year, NULL, a, sizeof **out, sanction_fill, (void **)out, n, err);
}

static void
termination_fill(void *row, struct stmt *q, struct arena *a)
{
    struct year_termination *t = row;
    t->case_ref = col_text(a, q, 0);
    t->title = col_text(a, q, 1);
    t->organisation = col_text(a, q, 2);
    t->cause = col_text(a, q, 3);
    t->terminated_on = col_date(q, 4);
}

int
store_year_terminations(struct store *st, int year, struct arena *a, struct year_termination **out,
                        int *n, struct insyn_err *err)
{
    return year_rows(
        st,
        "SELECT g.case_ref, g.title, o.name, g.termination_cause, g.terminated_on FROM agreement g "
        "JOIN organisation o ON o.id = g.organisation_id WHERE g.termination_cause <> '' AND "
        "g.terminated_on BETWEEN ?1 AND ?2 ORDER BY g.terminated_on, g.case_ref",
        year, NULL, a, sizeof **out, termination_fill, (void **)out, n, err);
}

/* ---- what one agreement's report of a year reads ---- */

static void
agreement_record_fill(void *row, struct stmt *q, struct arena *a)
{
    struct agreement_record_row *r = row;
    r->record_id = col_int64(q, 0);
    r->follow_up_id = col_int64(q, 1);
    r->activity = col_text(a, q, 2);
    r->held_on = col_date(q, 3);
}

int
store_agreement_records(struct store *st, long long agreement_id, int from, int to, struct arena *a,
                        struct agreement_record_row **out, int *n, struct insyn_err *err)
{
    /* the newest signed version of each follow-up, then its day: a correction that moved the
     * meeting moves it out of the year too */
    struct stmt *q = stmt_prepare(
        st,
        "SELECT r.id, t.id, x.name, r.held_on FROM follow_up_record r "
        "JOIN follow_up t ON t.id = r.follow_up_id "
        "JOIN routine_activity x ON x.id = t.activity_id "
        "WHERE t.agreement_id = ?1 AND r.status = 'signed' AND r.held_on BETWEEN ?2 AND ?3 "
        "AND NOT EXISTS (SELECT 1 FROM follow_up_record n WHERE n.follow_up_id = r.follow_up_id "
        "AND n.status = 'signed' AND n.version > r.version) ORDER BY r.held_on, t.id",
        err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, agreement_id);
    bind_date(q, 2, from);
    bind_date(q, 3, to);
    return stmt_rows(st, q, a, sizeof **out, agreement_record_fill, (void **)out, n, err);
}

static void
survey_answer_fill(void *row, struct stmt *q, struct arena *a)
{
    struct agreement_survey_answer *r = row;
    r->survey_id = col_int64(q, 0);
    r->submitted_at = col_text(a, q, 1);
}

int
store_agreement_survey_answers(struct store *st, long long agreement_id, const char *template_code,
                               struct arena *a, struct agreement_survey_answer **out, int *n,
                               struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(st,
                                  "SELECT s.id, r.submitted_at FROM survey s "
                                  "JOIN survey_response r ON r.survey_id = s.id "
                                  "WHERE s.agreement_id = ? AND s.template = ? "
                                  "ORDER BY s.id, r.submitted_at",
                                  err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, agreement_id);
    bind_text(q, 2, template_code);
    return stmt_rows(st, q, a, sizeof **out, survey_answer_fill, (void **)out, n, err);
}
