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
    struct stmt *s = stmt_prepare(st, sql, err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, form);
    bind_text(s, 2, service_area);
    int cap = 16, rc;
    *items = arena_alloc(a, sizeof **items * (size_t)cap);
    *n = 0;
    while ((rc = stmt_step(s)) == STMT_ROW) {
        *items = arena_grow(a, *items, *n, &cap, sizeof **items);
        struct routine_activity_row *r = &(*items)[(*n)++];
        r->id = col_int64(s, 0);
        r->routine_id = col_int64(s, 1);
        r->routine_name = col_text(a, s, 2);
        r->name = col_text(a, s, 3);
        r->level = col_text(a, s, 4);
        r->responsible_role = col_text(a, s, 5);
        r->co_roles = col_text(a, s, 6);
        r->frequency = col_text(a, s, 7);
        r->comment = col_text(a, s, 8);
    }
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

int
store_followups_clear_planned(struct store *st, long long agreement_id, struct insyn_err *err)
{
    /* a planned task that already has a draft record is kept like a done one; system-level
     * tasks have no agreement (NULL, which `= 0` would never match) */
    struct stmt *s = stmt_prepare(
        st,
        agreement_id ? "DELETE FROM follow_up WHERE agreement_id = ? AND status = 'planned' "
                       "AND NOT EXISTS (SELECT 1 FROM follow_up_record r WHERE r.follow_up_id = "
                       "follow_up.id)"
                     : "DELETE FROM follow_up WHERE agreement_id IS NULL AND status = 'planned' "
                       "AND NOT EXISTS (SELECT 1 FROM follow_up_record r WHERE r.follow_up_id = "
                       "follow_up.id)",
        err);
    if (!s)
        return INSYN_ESYS;
    if (agreement_id)
        bind_int(s, 1, agreement_id);
    return stmt_run(st, s, err);
}

int
store_followup_add(struct store *st, long long agreement_id, const char *service_area,
                   long long activity_id, int due, int may_be_written, const char *note,
                   const char *now, struct insyn_err *err)
{
    struct stmt *s =
        stmt_prepare(st,
                     "INSERT INTO follow_up (activity_id, agreement_id, service_area, due, "
                     "may_be_written, created_at, note) "
                     "SELECT ?1, ?2, ?6, ?3, ?4, ?5, ?7 WHERE NOT EXISTS (SELECT 1 FROM follow_up "
                     "WHERE coalesce(agreement_id, 0) = coalesce(CAST(?2 AS BIGINT), 0) AND "
                     "service_area = ?6 AND "
                     "activity_id = ?1 "
                     "AND due = ?3)",
                     err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, activity_id);
    bind_opt_id(s, 2, agreement_id);
    bind_date(s, 3, due);
    bind_int(s, 4, may_be_written);
    bind_text(s, 5, now);
    bind_text(s, 6, service_area);
    bind_text(s, 7, note ? note : "");
    return stmt_run(st, s, err);
}

int
store_followup_list(struct store *st, const struct followup_filter *f, int max, struct arena *a,
                    struct followup_row **items, int *n, struct insyn_err *err)
{
    struct buf sql;
    buf_init(&sql);
    struct qparams qp = {0};
    buf_puts(
        &sql,
        "SELECT t.id, coalesce(t.agreement_id, 0), coalesce(g.organisation_id, 0), g.case_ref, "
        "g.title, o.name, r.name, x.name, x.level, x.responsible_role, x.co_roles, t.status, "
        "t.due, t.may_be_written, t.service_area, coalesce(g.strategist_id, 0), t.note "
        "FROM follow_up t LEFT JOIN agreement g ON g.id = t.agreement_id "
        "LEFT JOIN organisation o ON o.id = g.organisation_id "
        "JOIN routine_activity x ON x.id = t.activity_id JOIN routine r ON r.id = x.routine_id "
        "WHERE 1=1");
    if (f->responsible_role) {
        buf_puts(&sql, " AND x.responsible_role = ?");
        qp_text(&qp, f->responsible_role);
    }
    if (f->strategist_id) {
        buf_puts(&sql, " AND (x.responsible_role <> 'strategist' OR g.strategist_id IS NULL OR "
                       "g.strategist_id = ?)");
        qp_int(&qp, f->strategist_id);
    }
    if (f->status) {
        buf_puts(&sql, " AND t.status = ?");
        qp_text(&qp, f->status);
    }
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
    struct stmt *s = stmt_prepare(st, sql.data, err);
    buf_free(&sql);
    if (!s)
        return INSYN_ESYS;
    if (qp_bind(st, &qp, s, 1, err))
        return INSYN_ESYS;
    bind_int(s, qp.n + 1, max);
    *items = arena_alloc(a, sizeof **items * (size_t)(max > 0 ? max : 1));
    *n = 0;
    int rc;
    while ((rc = stmt_step(s)) == STMT_ROW && *n < max) {
        struct followup_row *t = &(*items)[(*n)++];
        t->id = col_int64(s, 0);
        t->agreement_id = col_int64(s, 1);
        t->organisation_id = col_int64(s, 2);
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
        t->may_be_written = col_int(s, 13);
        t->service_area = col_text(a, s, 14);
        t->strategist_id = col_int64(s, 15);
        t->note = col_text(a, s, 16);
    }
    stmt_done(s);
    return rc == STMT_DONE || rc == STMT_ROW ? 0 : store_fail(st, rc, err);
}

static int
overdue_rows(struct store *st, const char *sql, int today, int max, struct arena *a,
             struct overdue_row **rows, int *n, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st, sql, err);
    if (!s)
        return INSYN_ESYS;
    bind_date(s, 1, today);
    bind_int(s, 2, max);
    *rows = arena_alloc(a, sizeof **rows * (size_t)max);
    *n = 0;
    int rc;
    while ((rc = stmt_step(s)) == STMT_ROW && *n < max) {
        struct overdue_row *r = &(*rows)[(*n)++];
        r->id = col_int64(s, 0);
        r->name = col_text(a, s, 1);
        r->role = col_text(a, s, 2);
        r->count = col_int(s, 3);
    }
    stmt_done(s);
    return rc == STMT_DONE || rc == STMT_ROW ? 0 : store_fail(st, rc, err);
}

int
store_overdue_by_organisation(struct store *st, int today, int max, struct arena *a,
                              struct overdue_row **rows, int *n, struct insyn_err *err)
{
    return overdue_rows(
        st,
        "SELECT o.id, o.name, '', count(*) FROM follow_up t JOIN agreement g ON g.id = "
        "t.agreement_id "
        "JOIN organisation o ON o.id = g.organisation_id WHERE t.status = 'planned' AND t.due < ?1 "
        "GROUP BY o.id, o.name ORDER BY count(*) DESC, o.name LIMIT ?2",
        today, max, a, rows, n, err);
}

int
store_overdue_by_responsible(struct store *st, int today, struct arena *a,
                             struct overdue_row **rows, int *n, struct insyn_err *err)
{
    return overdue_rows(
        st,
        "SELECT coalesce(u.id, 0), coalesce(u.name, ''), x.responsible_role, count(*) "
        "FROM follow_up t JOIN routine_activity x ON x.id = t.activity_id "
        "LEFT JOIN agreement g ON g.id = t.agreement_id "
        "LEFT JOIN app_user u ON u.id = g.strategist_id AND x.responsible_role = 'strategist' "
        "WHERE t.status = 'planned' AND t.due < ?1 GROUP BY 1, 2, 3 ORDER BY 4 DESC, 2, 3 LIMIT ?2",
        today, 100, a, rows, n, err);
}

int
store_substitute_add(struct store *st, long long user_id, long long substitute_id, int from, int to,
                     const char *now, long long *id, struct insyn_err *err)
{
    struct stmt *s =
        stmt_prepare(st,
                     "INSERT INTO substitute (user_id, substitute_id, from_date, to_date, "
                     "created_at) VALUES (?,?,?,?,?)",
                     err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, user_id);
    bind_int(s, 2, substitute_id);
    bind_date(s, 3, from);
    bind_date(s, 4, to);
    bind_text(s, 5, now);
    return stmt_insert(st, s, id, err);
}

int
store_substitute_list(struct store *st, long long substitute_id, int after, struct arena *a,
                      struct substitute_row **rows, int *n, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "SELECT b.id, b.user_id, b.substitute_id, u.name, v.name, u.role, b.from_date, b.to_date "
        "FROM substitute b JOIN app_user u ON u.id = b.user_id JOIN app_user v ON v.id = "
        "b.substitute_id "
        "WHERE (CAST(?1 AS TEXT) IS NULL OR b.to_date >= ?1) AND (?2 = 0 OR b.substitute_id = ?2) "
        "ORDER BY "
        "b.from_date, u.name LIMIT 500",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_date(s, 1, after);
    bind_int(s, 2, substitute_id);
    *rows = arena_alloc(a, sizeof **rows * 500);
    *n = 0;
    int rc;
    while ((rc = stmt_step(s)) == STMT_ROW) {
        struct substitute_row *r = &(*rows)[(*n)++];
        r->id = col_int64(s, 0);
        r->user_id = col_int64(s, 1);
        r->substitute_id = col_int64(s, 2);
        r->user_name = col_text(a, s, 3);
        r->substitute_name = col_text(a, s, 4);
        r->user_role = role_parse(col_cstr(s, 5));
        r->from = col_date(s, 6);
        r->to = col_date(s, 7);
    }
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

/* ---- routines ---- */

#define ROUTINE_COLUMNS                                                                            \
    "id, name, forms, service_areas, main_role, substitute_role, builtin, substr(created_at, 1, "  \
    "10)"

static void
routine_from_row(struct arena *a, struct stmt *s, struct routine_row *r)
{
    r->id = col_int64(s, 0);
    r->name = col_text(a, s, 1);
    r->forms = col_text(a, s, 2);
    r->service_areas = col_text(a, s, 3);
    r->main_role = col_text(a, s, 4);
    r->substitute_role = col_text(a, s, 5);
    r->builtin = col_int(s, 6);
    r->start = col_date(s, 7);
}

int
store_routine_list(struct store *st, struct arena *a, struct routine_row **items, int *n,
                   struct insyn_err *err)
{
    struct stmt *s =
        stmt_prepare(st, "SELECT " ROUTINE_COLUMNS " FROM routine ORDER BY name LIMIT 200", err);
    if (!s)
        return INSYN_ESYS;
    *items = arena_alloc(a, sizeof **items * 200);
    *n = 0;
    int rc;
    while ((rc = stmt_step(s)) == STMT_ROW)
        routine_from_row(a, s, &(*items)[(*n)++]);
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

static void
activity_from_row(struct arena *a, struct stmt *s, struct routine_activity_row *r)
{
    r->id = col_int64(s, 0);
    r->routine_id = col_int64(s, 1);
    r->routine_name = col_text(a, s, 2);
    r->name = col_text(a, s, 3);
    r->level = col_text(a, s, 4);
    r->responsible_role = col_text(a, s, 5);
    r->co_roles = col_text(a, s, 6);
    r->frequency = col_text(a, s, 7);
    r->comment = col_text(a, s, 8);
}

#define ACTIVITY_SELECT                                                                            \
    "SELECT x.id, x.routine_id, r.name, x.name, x.level, x.responsible_role, x.co_roles, "         \
    "x.frequency, x.comment FROM routine_activity x JOIN routine r ON r.id = x.routine_id "

static int
routine_load(struct store *st, long long id, struct arena *a, struct routine_row *out,
             struct routine_activity_row **acts, int *nacts, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st, "SELECT " ROUTINE_COLUMNS " FROM routine WHERE id = ?", err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc == STMT_ROW)
        routine_from_row(a, s, out);
    stmt_done(s);
    if (rc != STMT_ROW)
        return rc == STMT_DONE ? err_set(err, INSYN_ENOTFOUND, "Rutinen finns inte.")
                               : store_fail(st, rc, err);
    s = stmt_prepare(st, ACTIVITY_SELECT "WHERE x.routine_id = ? ORDER BY x.position LIMIT 500",
                     err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, id);
    *acts = arena_alloc(a, sizeof **acts * 500);
    *nacts = 0;
    while ((rc = stmt_step(s)) == STMT_ROW)
        activity_from_row(a, s, &(*acts)[(*nacts)++]);
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

/* The routine and its activities in one read transaction. */
int
store_routine_get(struct store *st, long long id, struct arena *a, struct routine_row *out,
                  struct routine_activity_row **acts, int *nacts, struct insyn_err *err)
{
    int opened = read_begin(st, err);
    if (opened < 0)
        return opened;
    int rc = routine_load(st, id, a, out, acts, nacts, err);
    read_end(st, opened);
    return rc;
}

int
store_activity_get(struct store *st, long long id, struct arena *a,
                   struct routine_activity_row *out, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st, ACTIVITY_SELECT "WHERE x.id = ?", err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc == STMT_ROW)
        activity_from_row(a, s, out);
    stmt_done(s);
    if (rc == STMT_ROW)
        return 0;
    return rc == STMT_DONE ? err_set(err, INSYN_ENOTFOUND, "Aktiviteten finns inte.")
                           : store_fail(st, rc, err);
}

int
store_activity_save(struct store *st, struct routine_activity_row *act, struct insyn_err *err)
{
    struct stmt *s =
        act->id ? stmt_prepare(
                      st,
                      "UPDATE routine_activity SET name = ?1, level = ?2, responsible_role = ?3, "
                      "co_roles = ?4, frequency = ?5, comment = ?6 WHERE id = ?7",
                      err)
                : stmt_prepare(
                      st,
                      "INSERT INTO routine_activity (name, level, responsible_role, co_roles, "
                      "frequency, "
                      "comment, routine_id, position) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?8, "
                      "coalesce(max(position), 0) + 1 FROM routine_activity WHERE routine_id = ?8",
                      err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, act->name);
    bind_text(s, 2, act->level);
    bind_text(s, 3, act->responsible_role);
    bind_text(s, 4, act->co_roles);
    bind_text(s, 5, act->frequency);
    bind_text(s, 6, act->comment);
    if (act->id)
        bind_int(s, 7, act->id);
    else
        bind_int(s, 8, act->routine_id);
    int rc = stmt_step(s);
    stmt_done(s);
    if (rc != STMT_DONE)
        return store_fail(st, rc, err);
    if (!act->id)
        act->id = stmt_last_id(st);
    return 0;
}

int
store_routine_save(struct store *st, struct routine_row *r, const char *now, struct insyn_err *err)
{
    struct stmt *s =
        r->id ? stmt_prepare(
                    st,
                    "UPDATE routine SET name = ?1, forms = ?2, service_areas = ?3, main_role = ?4, "
                    "substitute_role = ?5, updated_at = ?6 WHERE id = ?7",
                    err)
              : stmt_prepare(
                    st,
                    "INSERT INTO routine (name, forms, service_areas, main_role, substitute_role, "
                    "builtin, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?6)",
                    err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, r->name);
    bind_text(s, 2, r->forms);
    bind_text(s, 3, r->service_areas);
    bind_text(s, 4, r->main_role);
    bind_text(s, 5, r->substitute_role);
    bind_text(s, 6, now);
    if (r->id)
        bind_int(s, 7, r->id);
    int rc = stmt_step(s);
    stmt_done(s);
    if (rc != STMT_DONE)
        return store_fail(st, rc, err);
    if (!r->id)
        r->id = stmt_last_id(st);
    else if (stmt_changes(st) == 0)
        return err_set(err, INSYN_ENOTFOUND, "Rutinen finns inte.");
    return 0;
}

int
store_routine_copy_activities(struct store *st, long long from_id, long long to_id,
                              struct insyn_err *err)
{
    struct stmt *s =
        stmt_prepare(st,
                     "INSERT INTO routine_activity (routine_id, position, name, level, "
                     "responsible_role, co_roles, "
                     "frequency, comment) SELECT ?2, position, name, level, responsible_role, "
                     "co_roles, frequency, "
                     "comment FROM routine_activity WHERE routine_id = ?1 ORDER BY position",
                     err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, from_id);
    bind_int(s, 2, to_id);
    return stmt_run(st, s, err);
}

int
store_routine_agreement_ids(struct store *st, long long routine_id, struct arena *a,
                            long long **ids, int *n, struct insyn_err *err)
{
#define ROUTINE_AGREEMENTS                                                                         \
    "FROM agreement g JOIN routine r ON r.id = ?1 WHERE (' ' || r.forms || ' ') LIKE ('% ' || "    \
    "g.form || ' %') "                                                                             \
    "AND (' ' || r.service_areas || ' ') LIKE ('% ' || g.service_area || ' %')"
    struct stmt *s = stmt_prepare(st, "SELECT g.id " ROUTINE_AGREEMENTS " ORDER BY g.id", err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, routine_id);
    *ids = arena_alloc(a, sizeof **ids); /* never NULL, even for none */
    *n = 0;
    int cap = 1, rc;
    while ((rc = stmt_step(s)) == STMT_ROW) {
        *ids = arena_grow(a, *ids, *n, &cap, sizeof **ids);
        (*ids)[(*n)++] = col_int64(s, 0);
    }
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}
