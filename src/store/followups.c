/* followups.c — routines' activities and the follow-up tasks scheduled from them. */
#include "store/internal.h"
#include "store/store.h"

#include "core/buf.h"
#include "core/date.h"

#include <string.h>

int
store_activities_for(struct store *st, const char *form, const char *service_area, struct arena *a,
                     struct routine_activity_row **items, int *n, struct insyn_err *err)
{
    /* forms and service areas are space-separated lists; pad both sides to match whole words */
    static const char sql[] =
        "SELECT x.id, x.routine_id, r.name, x.name, x.level, x.responsible_role, x.co_roles, "
        "x.frequency, x.comment FROM routine_activity x JOIN routine r ON r.id = x.routine_id "
        "WHERE (' ' || r.forms || ' ') LIKE ('% ' || ? || ' %') "
        "AND (' ' || r.service_areas || ' ') LIKE ('% ' || ? || ' %') ORDER BY r.id, x.position";
    sqlite3_stmt *s = stmt_prepare(st, sql, err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, form);
    bind_text(s, 2, service_area);
    int cap = 16, rc;
    *items = arena_alloc(a, sizeof **items * (size_t)cap);
    *n = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            struct routine_activity_row *grown = arena_alloc(a, sizeof *grown * (size_t)cap * 2);
            memcpy(grown, *items, sizeof *grown * (size_t)cap);
            *items = grown;
            cap *= 2;
        }
        struct routine_activity_row *r = &(*items)[(*n)++];
        r->id = sqlite3_column_int64(s, 0);
        r->routine_id = sqlite3_column_int64(s, 1);
        r->routine_name = col_text(a, s, 2);
        r->name = col_text(a, s, 3);
        r->level = col_text(a, s, 4);
        r->responsible_role = col_text(a, s, 5);
        r->co_roles = col_text(a, s, 6);
        r->frequency = col_text(a, s, 7);
        r->comment = col_text(a, s, 8);
    }
    stmt_done(s);
    return rc == SQLITE_DONE ? 0 : store_fail(st, rc, err);
}

int
store_followups_clear_planned(struct store *st, long long agreement_id, struct insyn_err *err)
{
    sqlite3_stmt *s = stmt_prepare(st, "DELETE FROM follow_up WHERE agreement_id = ? AND status = 'planned'", err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, agreement_id);
    int rc = sqlite3_step(s);
    stmt_done(s);
    return rc == SQLITE_DONE ? 0 : store_fail(st, rc, err);
}

int
store_followup_add(struct store *st, long long agreement_id, long long activity_id, int due,
                   int may_be_written, const char *now, struct insyn_err *err)
{
    sqlite3_stmt *s = stmt_prepare(st,
        "INSERT INTO follow_up (activity_id, agreement_id, due, may_be_written, created_at) "
        "SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS (SELECT 1 FROM follow_up "
        "WHERE agreement_id = ?2 AND activity_id = ?1 AND due = ?3)", err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, activity_id);
    bind_int(s, 2, agreement_id);
    bind_date(s, 3, due);
    bind_int(s, 4, may_be_written);
    bind_text(s, 5, now);
    int rc = sqlite3_step(s);
    stmt_done(s);
    return rc == SQLITE_DONE ? 0 : store_fail(st, rc, err);
}

int
store_followup_list(struct store *st, const struct followup_filter *f, int max, struct arena *a,
                    struct followup_row **items, int *n, struct insyn_err *err)
{
    struct buf sql;
    buf_init(&sql);
    struct qparams qp = {0};
    buf_puts(&sql, "SELECT t.id, t.agreement_id, g.organisation_id, g.case_ref, g.title, o.name, r.name, "
                   "x.name, x.level, x.responsible_role, x.co_roles, t.status, t.due, t.may_be_written "
                   "FROM follow_up t JOIN agreement g ON g.id = t.agreement_id "
                   "JOIN organisation o ON o.id = g.organisation_id "
                   "JOIN routine_activity x ON x.id = t.activity_id JOIN routine r ON r.id = x.routine_id "
                   "WHERE 1=1");
    if (f->case_ref) {
        buf_puts(&sql, " AND g.case_ref = ?");
        qp_text(&qp, f->case_ref);
    }
    if (f->agreement_id) {
        buf_puts(&sql, " AND t.agreement_id = ?");
        qp_int(&qp, f->agreement_id);
    }
    if (f->organisation_id) {
        buf_puts(&sql, " AND g.organisation_id = ?");
        qp_int(&qp, f->organisation_id);
    }
    char from[11], to[11];
    if (f->from != DATE_NONE) {
        date_format(f->from, from);
        buf_puts(&sql, " AND t.due >= ?");
        qp_text(&qp, from);
    }
    if (f->to != DATE_NONE) {
        date_format(f->to, to);
        buf_puts(&sql, " AND t.due <= ?");
        qp_text(&qp, to);
    }
    buf_puts(&sql, " ORDER BY t.due, g.case_ref, o.name, x.position LIMIT ?");
    sqlite3_stmt *s = stmt_prepare(st, sql.data, err);
    buf_free(&sql);
    if (!s)
        return INSYN_ESYS;
    qp_bind(&qp, s, 1);
    bind_int(s, qp.n + 1, max);
    *items = arena_alloc(a, sizeof **items * (size_t)(max > 0 ? max : 1));
    *n = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max) {
        struct followup_row *t = &(*items)[(*n)++];
        t->id = sqlite3_column_int64(s, 0);
        t->agreement_id = sqlite3_column_int64(s, 1);
        t->organisation_id = sqlite3_column_int64(s, 2);
        t->case_ref = col_text(a, s, 3);
        t->agreement_title = col_text(a, s, 4);
        t->organisation_name = col_text(a, s, 5);
        t->routine_name = col_text(a, s, 6);
        t->activity = col_text(a, s, 7);
        t->level = col_text(a, s, 8);
        t->responsible_role = col_text(a, s, 9);
        t->co_roles = col_text(a, s, 10);
        t->status = col_text(a, s, 11);
        t->due = col_date(s, 12);
        t->may_be_written = sqlite3_column_int(s, 13);
    }
    stmt_done(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : store_fail(st, rc, err);
}
