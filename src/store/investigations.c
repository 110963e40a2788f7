/* investigations.c — event-driven follow-ups: the plan, its focus areas, linked signals and
 * meetings. */
#include "store/internal.h"
#include "store/store.h"

#include "core/date.h"
#include "core/investigation.h"

#include <string.h>

#define INV_COLUMNS                                                                                \
    "i.id, i.organisation_id, i.agreement_id, i.kind, i.opened_on, i.reason, "                     \
    "i.communication_plan, i.responsible_id, i.status, i.outcome, i.outcome_summary, "             \
    "i.closed_on, i.created_by_name, i.created_at, i.updated_at, o.name, o.org_nr, "               \
    "coalesce(g.case_ref, ''), coalesce(g.title, ''), coalesce(u.name, '') "                       \
    "FROM investigation i JOIN organisation o ON o.id = i.organisation_id "                        \
    "LEFT JOIN agreement g ON g.id = i.agreement_id "                                              \
    "LEFT JOIN app_user u ON u.id = i.responsible_id "

static void
inv_from_row(struct arena *a, struct stmt *s, struct investigation *x)
{
    memset(x, 0, sizeof *x);
    x->id = col_int64(s, 0);
    x->organisation_id = col_int64(s, 1);
    x->agreement_id = col_int64(s, 2);
    x->kind = col_text(a, s, 3);
    x->opened_on = col_date(s, 4);
    x->reason = col_text(a, s, 5);
    x->communication_plan = col_text(a, s, 6);
    x->responsible_id = col_int64(s, 7);
    x->status = col_text(a, s, 8);
    x->outcome = col_text(a, s, 9);
    x->outcome_summary = col_text(a, s, 10);
    x->closed_on = col_date(s, 11);
    x->created_by_name = col_text(a, s, 12);
    x->created_at = col_text(a, s, 13);
    x->updated_at = col_text(a, s, 14);
    x->organisation_name = col_text(a, s, 15);
    x->organisation_org_nr = col_text(a, s, 16);
    x->agreement_case_ref = col_text(a, s, 17);
    x->agreement_title = col_text(a, s, 18);
    x->responsible_name = col_text(a, s, 19);
}

int
store_investigation_insert(struct store *st, struct investigation *inv, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "INSERT INTO investigation (organisation_id, agreement_id, kind, opened_on, reason, "
        "communication_plan, responsible_id, status, outcome, outcome_summary, closed_on, "
        "created_by_name, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, inv->organisation_id);
    bind_opt_id(s, 2, inv->agreement_id);
    bind_text(s, 3, inv->kind);
    bind_date(s, 4, inv->opened_on);
    bind_text(s, 5, inv->reason);
    bind_text(s, 6, inv->communication_plan);
    bind_opt_id(s, 7, inv->responsible_id);
    bind_text(s, 8, inv->status);
    bind_text(s, 9, inv->outcome);
    bind_text(s, 10, inv->outcome_summary);
    bind_date(s, 11, inv->closed_on);
    bind_text(s, 12, inv->created_by_name);
    bind_text(s, 13, inv->created_at);
    bind_text(s, 14, inv->updated_at);
    int rc = stmt_insert(st, s, &inv->id, err);
    for (int i = 0; rc == 0 && i < inv->n_signals; i++) {
        struct stmt *l = stmt_prepare(
            st, "INSERT INTO investigation_signal (investigation_id, signal_id) VALUES (?,?)", err);
        if (!l)
            return INSYN_ESYS;
        bind_int(l, 1, inv->id);
        bind_int(l, 2, inv->signal_ids[i]);
        rc = stmt_run(st, l, err);
    }
    return rc;
}

int
store_investigation_update(struct store *st, const struct investigation *inv, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "UPDATE investigation SET agreement_id=?, kind=?, opened_on=?, reason=?, "
        "communication_plan=?, responsible_id=?, status=?, outcome=?, outcome_summary=?, "
        "closed_on=?, updated_at=? WHERE id=?",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_opt_id(s, 1, inv->agreement_id);
    bind_text(s, 2, inv->kind);
    bind_date(s, 3, inv->opened_on);
    bind_text(s, 4, inv->reason);
    bind_text(s, 5, inv->communication_plan);
    bind_opt_id(s, 6, inv->responsible_id);
    bind_text(s, 7, inv->status);
    bind_text(s, 8, inv->outcome);
    bind_text(s, 9, inv->outcome_summary);
    bind_date(s, 10, inv->closed_on);
    bind_text(s, 11, inv->updated_at);
    bind_int(s, 12, inv->id);
    return stmt_run(st, s, err);
}

int
store_investigation_get(struct store *st, long long id, struct arena *a, struct investigation *out,
                        struct insyn_err *err)
{
    int opened = read_begin(st, err);
    if (opened < 0)
        return INSYN_ESYS;
    int rc = INSYN_ESYS;
    struct stmt *s = stmt_prepare(st, "SELECT " INV_COLUMNS "WHERE i.id = ?", err);
    if (!s)
        goto done;
    bind_int(s, 1, id);
    int step = stmt_step(s);
    if (step == STMT_ROW)
        inv_from_row(a, s, out);
    stmt_done(s);
    if (step == STMT_DONE) {
        rc = err_set(err, INSYN_ENOTFOUND, "Uppföljningen finns inte.");
        goto done;
    }
    if (step != STMT_ROW) {
        rc = store_fail(st, step, err);
        goto done;
    }
    s = stmt_prepare(st,
                     "SELECT signal_id FROM investigation_signal WHERE investigation_id = ? "
                     "ORDER BY signal_id",
                     err);
    if (!s)
        goto done;
    bind_int(s, 1, id);
    int cap = 0;
    out->signal_ids = NULL;
    out->n_signals = 0;
    while ((step = stmt_step(s)) == STMT_ROW) {
        out->signal_ids =
            arena_grow(a, out->signal_ids, out->n_signals, &cap, sizeof *out->signal_ids);
        out->signal_ids[out->n_signals++] = col_int64(s, 0);
    }
    stmt_done(s);
    rc = step == STMT_DONE ? 0 : store_fail(st, step, err);
done:
    read_end(st, opened);
    return rc;
}

int
store_investigation_list(struct store *st, const struct investigation_filter *f, struct arena *a,
                         struct investigation **items, int *n, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "SELECT " INV_COLUMNS "WHERE (? = '' OR i.status = ?) AND (? = 0 OR i.organisation_id = ?) "
        "AND (? = 0 OR i.agreement_id = ?) "
        "ORDER BY i.status = 'closed', i.opened_on DESC, i.id DESC LIMIT 5000",
        err);
    if (!s)
        return INSYN_ESYS;
    const char *status = f->status ? f->status : "";
    bind_text(s, 1, status);
    bind_text(s, 2, status);
    bind_int(s, 3, f->organisation_id);
    bind_int(s, 4, f->organisation_id);
    bind_int(s, 5, f->agreement_id);
    bind_int(s, 6, f->agreement_id);
    int cap = 0, rc;
    *items = NULL;
    *n = 0;
    while ((rc = stmt_step(s)) == STMT_ROW) {
        *items = arena_grow(a, *items, *n, &cap, sizeof **items);
        inv_from_row(a, s, &(*items)[(*n)++]);
    }
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

int
store_signal_organisation(struct store *st, long long signal_id, long long *organisation_id)
{
    struct stmt *s = stmt_prepare(st, "SELECT organisation_id FROM signal WHERE id = ?", NULL);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, signal_id);
    int rc = stmt_step(s);
    if (rc == STMT_ROW)
        *organisation_id = col_int64(s, 0);
    stmt_done(s);
    return rc == STMT_ROW ? 0 : INSYN_ENOTFOUND;
}

int
store_investigation_signals(struct store *st, long long investigation_id, struct arena *a,
                            struct investigation_signal_row **rows, int *n, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "SELECT s.id, s.occurred_on, s.category, s.source, s.description, s.status, s.outcome, "
        "s.serious FROM investigation_signal l JOIN signal s ON s.id = l.signal_id "
        "WHERE l.investigation_id = ? ORDER BY s.occurred_on, s.id",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, investigation_id);
    int cap = 0, rc;
    *rows = NULL;
    *n = 0;
    while ((rc = stmt_step(s)) == STMT_ROW) {
        *rows = arena_grow(a, *rows, *n, &cap, sizeof **rows);
        struct investigation_signal_row *r = &(*rows)[(*n)++];
        r->id = col_int64(s, 0);
        r->occurred_on = col_date(s, 1);
        r->category = col_text(a, s, 2);
        r->source = col_text(a, s, 3);
        r->description = col_text(a, s, 4);
        r->status = col_text(a, s, 5);
        r->outcome = col_text(a, s, 6);
        r->serious = col_int(s, 7);
    }
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

#define AREA_COLUMNS                                                                               \
    "x.id, x.investigation_id, x.position, x.area, x.responsible_id, x.due, x.status, "            \
    "x.findings, coalesce(u.name, '') FROM investigation_area x "                                  \
    "LEFT JOIN app_user u ON u.id = x.responsible_id "

static void
area_from_row(struct arena *a, struct stmt *s, struct investigation_area *x)
{
    x->id = col_int64(s, 0);
    x->investigation_id = col_int64(s, 1);
    x->position = col_int(s, 2);
    x->area = col_text(a, s, 3);
    x->responsible_id = col_int64(s, 4);
    x->due = col_date(s, 5);
    x->status = col_text(a, s, 6);
    x->findings = col_text(a, s, 7);
    x->responsible_name = col_text(a, s, 8);
}

int
store_investigation_area_save(struct store *st, struct investigation_area *x, struct insyn_err *err)
{
    struct stmt *s;
    if (x->id) {
        s = stmt_prepare(st,
                         "UPDATE investigation_area SET area=?, responsible_id=?, due=?, "
                         "status=?, findings=? WHERE id=?",
                         err);
        if (!s)
            return INSYN_ESYS;
        bind_text(s, 1, x->area);
        bind_int(s, 2, x->responsible_id);
        bind_date(s, 3, x->due);
        bind_text(s, 4, x->status);
        bind_text(s, 5, x->findings);
        bind_int(s, 6, x->id);
        return stmt_run(st, s, err);
    }
    s = stmt_prepare(st,
                     "SELECT coalesce(max(position), 0) + 1 FROM investigation_area "
                     "WHERE investigation_id = ?",
                     err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, x->investigation_id);
    int rc = stmt_step(s);
    x->position = rc == STMT_ROW ? col_int(s, 0) : 1;
    stmt_done(s);
    if (rc != STMT_ROW)
        return store_fail(st, rc, err);
    s = stmt_prepare(st,
                     "INSERT INTO investigation_area (investigation_id, position, area, "
                     "responsible_id, due, status, findings) VALUES (?,?,?,?,?,?,?)",
                     err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, x->investigation_id);
    bind_int(s, 2, x->position);
    bind_text(s, 3, x->area);
    bind_int(s, 4, x->responsible_id);
    bind_date(s, 5, x->due);
    bind_text(s, 6, x->status);
    bind_text(s, 7, x->findings);
    return stmt_insert(st, s, &x->id, err);
}

int
store_investigation_area_get(struct store *st, long long id, struct arena *a,
                             struct investigation_area *out, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st, "SELECT " AREA_COLUMNS "WHERE x.id = ?", err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc == STMT_ROW)
        area_from_row(a, s, out);
    stmt_done(s);
    if (rc == STMT_ROW)
        return 0;
    if (rc == STMT_DONE)
        return err_set(err, INSYN_ENOTFOUND, "Fokusområdet finns inte.");
    return store_fail(st, rc, err);
}

int
store_investigation_areas(struct store *st, long long investigation_id, struct arena *a,
                          struct investigation_area **items, int *n, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st, "SELECT " AREA_COLUMNS "WHERE x.investigation_id = ? ORDER BY x.position, x.id", err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, investigation_id);
    int cap = 0, rc;
    *items = NULL;
    *n = 0;
    while ((rc = stmt_step(s)) == STMT_ROW) {
        *items = arena_grow(a, *items, *n, &cap, sizeof **items);
        area_from_row(a, s, &(*items)[(*n)++]);
    }
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

int
store_investigation_meeting_insert(struct store *st, struct investigation_meeting *m,
                                   struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "INSERT INTO investigation_meeting (investigation_id, held_on, "
                                  "attendees, findings, created_by_name, created_at) "
                                  "VALUES (?,?,?,?,?,?)",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, m->investigation_id);
    bind_date(s, 2, m->held_on);
    bind_text(s, 3, m->attendees);
    bind_text(s, 4, m->findings);
    bind_text(s, 5, m->created_by_name);
    bind_text(s, 6, m->created_at);
    return stmt_insert(st, s, &m->id, err);
}

int
store_investigation_meetings(struct store *st, long long investigation_id, struct arena *a,
                             struct investigation_meeting **items, int *n, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "SELECT id, investigation_id, held_on, attendees, findings, "
                                  "created_by_name, created_at FROM investigation_meeting "
                                  "WHERE investigation_id = ? ORDER BY held_on, id",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, investigation_id);
    int cap = 0, rc;
    *items = NULL;
    *n = 0;
    while ((rc = stmt_step(s)) == STMT_ROW) {
        *items = arena_grow(a, *items, *n, &cap, sizeof **items);
        struct investigation_meeting *m = &(*items)[(*n)++];
        m->id = col_int64(s, 0);
        m->investigation_id = col_int64(s, 1);
        m->held_on = col_date(s, 2);
        m->attendees = col_text(a, s, 3);
        m->findings = col_text(a, s, 4);
        m->created_by_name = col_text(a, s, 5);
        m->created_at = col_text(a, s, 6);
    }
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

int
store_investigation_tasks(struct store *st, long long user_id, struct arena *a,
                          struct investigation_task **items, int *n, struct insyn_err *err)
{
    struct stmt *s =
        stmt_prepare(st,
                     "SELECT i.id, x.id, i.organisation_id, o.name, i.kind, x.area, x.due, 0 "
                     "FROM investigation_area x JOIN investigation i ON i.id = x.investigation_id "
                     "JOIN organisation o ON o.id = i.organisation_id "
                     "WHERE x.responsible_id = ? AND x.status = 'open' AND i.status = 'open' "
                     "UNION ALL "
                     "SELECT i.id, 0, i.organisation_id, o.name, i.kind, i.reason, NULL, 1 "
                     "FROM investigation i JOIN organisation o ON o.id = i.organisation_id "
                     "WHERE i.responsible_id = ? AND i.status = 'open' "
                     "ORDER BY 8, 7, 1, 2",
                     err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, user_id);
    bind_int(s, 2, user_id);
    int cap = 0, rc;
    *items = NULL;
    *n = 0;
    while ((rc = stmt_step(s)) == STMT_ROW) {
        *items = arena_grow(a, *items, *n, &cap, sizeof **items);
        struct investigation_task *t = &(*items)[(*n)++];
        t->investigation_id = col_int64(s, 0);
        t->area_id = col_int64(s, 1);
        t->organisation_id = col_int64(s, 2);
        t->organisation_name = col_text(a, s, 3);
        t->kind = col_text(a, s, 4);
        t->text = col_text(a, s, 5);
        t->due = col_date(s, 6);
    }
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}
