/* signals.c — signals, the coordinators' meetings that review them, and settings. */
#include "store/internal.h"
#include "store/store.h"

#include "core/buf.h"
#include "core/date.h"

#include <string.h>

#define SIGNAL_COLUMNS                                                                             \
    "s.id, s.organisation_id, s.unit_id, s.agreement_id, s.occurred_on, s.source, s.category, "    \
    "s.serious, s.description, s.status, s.outcome, s.outcome_comment, s.meeting_id, "             \
    "s.check_id, s.reported_by, s.reported_by_name, s.created_at, s.reviewed_at, o.name, "         \
    "o.org_nr, u.name, g.case_ref, m.held_on"
#define SIGNAL_FROM                                                                                \
    " FROM signal s JOIN organisation o ON o.id = s.organisation_id"                               \
    " LEFT JOIN unit u ON u.id = s.unit_id LEFT JOIN agreement g ON g.id = s.agreement_id"         \
    " LEFT JOIN coordinator_meeting m ON m.id = s.meeting_id"

static void
signal_from_row(struct arena *a, struct stmt *s, struct signal *out)
{
    out->id = col_int64(s, 0);
    out->organisation_id = col_int64(s, 1);
    out->unit_id = col_int64(s, 2);
    out->agreement_id = col_int64(s, 3);
    out->occurred_on = col_date(s, 4);
    out->source = col_text(a, s, 5);
    out->category = col_text(a, s, 6);
    out->serious = col_int(s, 7);
    out->description = col_text(a, s, 8);
    out->status = col_text(a, s, 9);
    out->outcome = col_text(a, s, 10);
    out->outcome_comment = col_text(a, s, 11);
    out->meeting_id = col_int64(s, 12);
    out->check_id = col_int64(s, 13);
    out->reported_by = col_int64(s, 14);
    out->reported_by_name = col_text(a, s, 15);
    out->created_at = col_text(a, s, 16);
    out->reviewed_at = col_text(a, s, 17);
    out->organisation_name = col_text(a, s, 18);
    out->org_nr = col_text(a, s, 19);
    out->unit_name = col_text(a, s, 20);
    out->case_ref = col_text(a, s, 21);
    out->meeting_held_on = col_date(s, 22);
}

int
store_signal_insert(struct store *st, struct signal *sg, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "INSERT INTO signal (organisation_id, unit_id, agreement_id, occurred_on, source, "
        "category, serious, description, status, outcome, outcome_comment, check_id, "
        "reported_by, reported_by_name, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, sg->organisation_id);
    bind_opt_id(s, 2, sg->unit_id);
    bind_opt_id(s, 3, sg->agreement_id);
    bind_date(s, 4, sg->occurred_on);
    bind_text(s, 5, sg->source);
    bind_text(s, 6, sg->category);
    bind_int(s, 7, sg->serious);
    bind_text(s, 8, sg->description);
    bind_text(s, 9, sg->status ? sg->status : "new");
    bind_text(s, 10, sg->outcome ? sg->outcome : "");
    bind_text(s, 11, sg->outcome_comment ? sg->outcome_comment : "");
    bind_opt_id(s, 12, sg->check_id);
    bind_opt_id(s, 13, sg->reported_by);
    bind_text(s, 14, sg->reported_by_name);
    bind_text(s, 15, sg->created_at);
    return stmt_insert(st, s, &sg->id, err);
}

int
store_signal_get(struct store *st, long long id, struct arena *a, struct signal *out,
                 struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st, "SELECT " SIGNAL_COLUMNS SIGNAL_FROM " WHERE s.id = ?", err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc == STMT_ROW)
        signal_from_row(a, s, out);
    stmt_done(s);
    if (rc == STMT_ROW)
        return 0;
    if (rc == STMT_DONE)
        return err_set(err, INSYN_ENOTFOUND, "Signalen finns inte.");
    return store_fail(st, rc, err);
}

int
store_signal_list(struct store *st, const struct signal_filter *f, struct arena *a,
                  struct signal **items, int *n, int *total, struct insyn_err *err)
{
    struct buf where, sql;
    buf_init(&where);
    buf_init(&sql);
    struct qparams qp = {0};
    buf_puts(&where, " WHERE 1=1");
    if (f->organisation_id) {
        buf_puts(&where, " AND s.organisation_id = ?");
        qp_int(&qp, f->organisation_id);
    }
    if (f->meeting_id) {
        buf_puts(&where, " AND s.meeting_id = ?");
        qp_int(&qp, f->meeting_id);
    }
    if (f->from != DATE_NONE) {
        char d[11];
        date_format(f->from, d);
        buf_puts(&where, " AND s.occurred_on >= ?");
        qp_text(&qp, arena_strdup(a, d));
    }
    if (f->to != DATE_NONE) {
        char d[11];
        date_format(f->to, d);
        buf_puts(&where, " AND s.occurred_on <= ?");
        qp_text(&qp, arena_strdup(a, d));
    }
    if (f->category && *f->category) {
        buf_puts(&where, " AND s.category = ?");
        qp_text(&qp, f->category);
    }
    if (f->source && *f->source) {
        buf_puts(&where, " AND s.source = ?");
        qp_text(&qp, f->source);
    }
    if (f->status && *f->status) {
        buf_puts(&where, " AND s.status = ?");
        qp_text(&qp, f->status);
    }
    if (f->serious_only)
        buf_puts(&where, " AND s.serious = 1");
    /* the queue is worked oldest first; everything else reads newest first */
    const char *order = f->oldest_first ? "s.occurred_on, s.id" : "s.occurred_on DESC, s.id DESC";

    int rc = INSYN_ESYS, opened = read_begin(st, err); /* the total and the page agree */
    struct stmt *s = NULL;
    if (opened < 0)
        goto done;
    buf_printf(&sql, "SELECT count(*) FROM signal s%s", where.data);
    if (!(s = stmt_prepare(st, sql.data, err)) || qp_bind(st, &qp, s, 1, err))
        goto done;
    if (stmt_step(s) != STMT_ROW) {
        rc = store_fail(st, store_errcode(st), err);
        stmt_done(s);
        goto done;
    }
    *total = col_int(s, 0);
    stmt_done(s);

    buf_reset(&sql);
    buf_printf(&sql, "SELECT " SIGNAL_COLUMNS SIGNAL_FROM "%s ORDER BY %s LIMIT ? OFFSET ?",
               where.data, order);
    if (!(s = stmt_prepare(st, sql.data, err)) || qp_bind(st, &qp, s, 1, err))
        goto done;
    int per = f->per_page > 0 ? f->per_page : 50, page = f->page > 0 ? f->page : 1;
    bind_int(s, qp.n + 1, per);
    bind_int(s, qp.n + 2, (long long)(page - 1) * per);
    int cap = per < 64 ? per : 64, step;
    *items = arena_alloc(a, sizeof **items * (size_t)cap);
    *n = 0;
    while ((step = stmt_step(s)) == STMT_ROW) {
        *items = arena_grow(a, *items, *n, &cap, sizeof **items);
        signal_from_row(a, s, &(*items)[(*n)++]);
    }
    stmt_done(s);
    rc = step == STMT_DONE ? 0 : store_fail(st, step, err);
done:
    read_end(st, opened);
    buf_free(&where);
    buf_free(&sql);
    return rc;
}

int
store_signal_review(struct store *st, long long id, long long meeting_id, const char *outcome,
                    const char *comment, const char *now, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "UPDATE signal SET status = 'reviewed', meeting_id = ?, "
                                  "outcome = ?, outcome_comment = ?, reviewed_at = ? "
                                  "WHERE id = ? AND status = 'new'",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_opt_id(s, 1, meeting_id);
    bind_text(s, 2, outcome);
    bind_text(s, 3, comment);
    bind_text(s, 4, now);
    bind_int(s, 5, id);
    if (stmt_run(st, s, err))
        return err->code;
    if (stmt_changes(st) == 0)
        return err_set(err, INSYN_ECONFLICT,
                       "Signal %lld är redan genomgången eller finns inte. Ladda om sidan.", id);
    return 0;
}

int
store_signal_facts(struct store *st, long long organisation_id, int since, int today, int min_count,
                   struct arena *a, struct signal_fact_row **rows, int *n, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "WITH hit AS (SELECT organisation_id FROM signal WHERE occurred_on > ?1 AND "
        "occurred_on <= ?2 AND outcome <> 'no_action' AND (?3 = 0 OR organisation_id = ?3) "
        "GROUP BY organisation_id HAVING max(serious) = 1 OR count(*) >= ?4) "
        "SELECT s.organisation_id, o.name, o.org_nr, s.id, s.occurred_on, s.serious, s.outcome, "
        "s.category, EXISTS (SELECT 1 FROM investigation i WHERE i.organisation_id = "
        "s.organisation_id AND i.status = 'open'), EXISTS (SELECT 1 FROM agreement g WHERE "
        "g.organisation_id = s.organisation_id AND g.status = 'active') "
        "FROM hit JOIN signal s ON s.organisation_id = hit.organisation_id "
        "JOIN organisation o ON o.id = s.organisation_id "
        "WHERE s.occurred_on > ?1 ORDER BY o.name, s.organisation_id, s.occurred_on DESC, s.id "
        "DESC",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_date(s, 1, since);
    bind_date(s, 2, today);
    bind_int(s, 3, organisation_id);
    bind_int(s, 4, min_count > 0 ? min_count : 1);
    int cap = 64, step;
    *rows = arena_alloc(a, sizeof **rows * (size_t)cap);
    *n = 0;
    while ((step = stmt_step(s)) == STMT_ROW) {
        *rows = arena_grow(a, *rows, *n, &cap, sizeof **rows);
        struct signal_fact_row *r = &(*rows)[(*n)++];
        r->organisation_id = col_int64(s, 0);
        r->organisation_name = col_text(a, s, 1);
        r->org_nr = col_text(a, s, 2);
        r->fact.id = col_int64(s, 3);
        r->fact.occurred_on = col_date(s, 4);
        r->fact.serious = col_int(s, 5);
        r->fact.outcome = col_text(a, s, 6);
        r->category = col_text(a, s, 7);
        r->under_investigation = col_int(s, 8);
        r->has_agreement = col_int(s, 9);
    }
    stmt_done(s);
    return step == STMT_DONE ? 0 : store_fail(st, step, err);
}

/* ---- coordinators' meetings ---- */

int
store_meeting_insert(struct store *st, struct coordinator_meeting *m, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "INSERT INTO coordinator_meeting (held_on, attendees, notes, "
                                  "created_by, created_by_name, created_at) VALUES (?,?,?,?,?,?)",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_date(s, 1, m->held_on);
    bind_text(s, 2, m->attendees);
    bind_text(s, 3, m->notes);
    bind_opt_id(s, 4, m->created_by);
    bind_text(s, 5, m->created_by_name);
    bind_text(s, 6, m->created_at);
    return stmt_insert(st, s, &m->id, err);
}

static void
meeting_from_row(struct arena *a, struct stmt *s, struct coordinator_meeting *m)
{
    m->id = col_int64(s, 0);
    m->held_on = col_date(s, 1);
    m->attendees = col_text(a, s, 2);
    m->notes = col_text(a, s, 3);
    m->created_by = col_int64(s, 4);
    m->created_by_name = col_text(a, s, 5);
    m->created_at = col_text(a, s, 6);
    m->n_signals = col_int(s, 7);
}

#define MEETING_SELECT                                                                             \
    "SELECT m.id, m.held_on, m.attendees, m.notes, m.created_by, m.created_by_name, "              \
    "m.created_at, (SELECT count(*) FROM signal s WHERE s.meeting_id = m.id) "                     \
    "FROM coordinator_meeting m"

int
store_meeting_get(struct store *st, long long id, struct arena *a, struct coordinator_meeting *out,
                  struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st, MEETING_SELECT " WHERE m.id = ?", err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc == STMT_ROW)
        meeting_from_row(a, s, out);
    stmt_done(s);
    if (rc == STMT_ROW)
        return 0;
    if (rc == STMT_DONE)
        return err_set(err, INSYN_ENOTFOUND, "Samordnarmötet finns inte.");
    return store_fail(st, rc, err);
}

int
store_meeting_list(struct store *st, int max, struct arena *a, struct coordinator_meeting **items,
                   int *n, struct insyn_err *err)
{
    struct stmt *s =
        stmt_prepare(st, MEETING_SELECT " ORDER BY m.held_on DESC, m.id DESC LIMIT ?", err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, max);
    int cap = 16, step;
    *items = arena_alloc(a, sizeof **items * (size_t)cap);
    *n = 0;
    while ((step = stmt_step(s)) == STMT_ROW) {
        *items = arena_grow(a, *items, *n, &cap, sizeof **items);
        meeting_from_row(a, s, &(*items)[(*n)++]);
    }
    stmt_done(s);
    return step == STMT_DONE ? 0 : store_fail(st, step, err);
}

/* ---- settings ---- */

int
store_setting_get(struct store *st, const char *key, struct arena *a, char **value)
{
    struct stmt *s = stmt_prepare(st, "SELECT value FROM setting WHERE key = ?", NULL);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, key);
    int rc = stmt_step(s);
    if (rc == STMT_ROW)
        *value = col_text(a, s, 0);
    stmt_done(s);
    return rc == STMT_ROW ? 0 : rc == STMT_DONE ? INSYN_ENOTFOUND : INSYN_ESYS;
}

int
store_setting_put(struct store *st, const char *key, const char *value, const char *now,
                  struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "INSERT INTO setting (key, value, updated_at) VALUES (?,?,?) "
                                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                                  "updated_at = excluded.updated_at",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, key);
    bind_text(s, 2, value);
    bind_text(s, 3, now);
    return stmt_run(st, s, err);
}
