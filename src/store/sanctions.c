/* sanctions.c — sanctions under agreements, and how an agreement ended early. */
#include "store/internal.h"
#include "store/store.h"

#include "core/date.h"
#include "core/investigation.h"

#include <string.h>

int
store_sanction_insert(struct store *st, struct sanction *x, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "INSERT INTO sanction (agreement_id, organisation_id, investigation_id, kind, decided_on, "
        "decided_by, decided_by_name, decided_by_role, reason, amount, ends_on, cause, "
        "created_by_name, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, x->agreement_id);
    bind_int(s, 2, x->organisation_id);
    bind_opt_id(s, 3, x->investigation_id);
    bind_text(s, 4, x->kind);
    bind_date(s, 5, x->decided_on);
    bind_int(s, 6, x->decided_by);
    bind_text(s, 7, x->decided_by_name);
    bind_text(s, 8, x->decided_by_role);
    bind_text(s, 9, x->reason);
    if (x->amount >= 0)
        bind_int(s, 10, x->amount);
    else
        bind_null(s, 10);
    bind_date(s, 11, x->ends_on);
    bind_text(s, 12, x->cause);
    bind_text(s, 13, x->created_by_name);
    bind_text(s, 14, x->created_at);
    return stmt_insert(st, s, &x->id, err);
}

int
store_sanction_list(struct store *st, long long agreement_id, long long investigation_id,
                    struct arena *a, struct sanction **items, int *n, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "SELECT id, agreement_id, organisation_id, investigation_id, kind, decided_on, decided_by, "
        "decided_by_name, decided_by_role, reason, amount, ends_on, cause, created_by_name, "
        "created_at FROM sanction WHERE (? = 0 OR agreement_id = ?) "
        "AND (? = 0 OR investigation_id = ?) ORDER BY decided_on DESC, id DESC LIMIT 5000",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, agreement_id);
    bind_int(s, 2, agreement_id);
    bind_int(s, 3, investigation_id);
    bind_int(s, 4, investigation_id);
    int cap = 0, rc;
    *items = NULL;
    *n = 0;
    while ((rc = stmt_step(s)) == STMT_ROW) {
        *items = arena_grow(a, *items, *n, &cap, sizeof **items);
        struct sanction *x = &(*items)[(*n)++];
        x->id = col_int64(s, 0);
        x->agreement_id = col_int64(s, 1);
        x->organisation_id = col_int64(s, 2);
        x->investigation_id = col_int64(s, 3);
        x->kind = col_text(a, s, 4);
        x->decided_on = col_date(s, 5);
        x->decided_by = col_int64(s, 6);
        x->decided_by_name = col_text(a, s, 7);
        x->decided_by_role = col_text(a, s, 8);
        x->reason = col_text(a, s, 9);
        x->amount = col_is_null(s, 10) ? -1 : col_int64(s, 10);
        x->ends_on = col_date(s, 11);
        x->cause = col_text(a, s, 12);
        x->created_by_name = col_text(a, s, 13);
        x->created_at = col_text(a, s, 14);
    }
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

int
store_agreement_set_termination(struct store *st, long long agreement_id, const char *cause,
                                int terminated_on, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "UPDATE agreement SET termination_cause = ?, terminated_on = ?, "
                                  "termination_flag = '', termination_flagged_on = NULL "
                                  "WHERE id = ?",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, cause);
    bind_date(s, 2, terminated_on);
    bind_int(s, 3, agreement_id);
    return stmt_run(st, s, err);
}

int
store_agreement_termination(struct store *st, long long agreement_id, struct arena *a, char **cause,
                            int *terminated_on, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st, "SELECT termination_cause, terminated_on FROM agreement WHERE id = ?", err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, agreement_id);
    int rc = stmt_step(s);
    *cause = "";
    *terminated_on = DATE_NONE;
    if (rc == STMT_ROW) {
        *cause = col_text(a, s, 0);
        *terminated_on = col_date(s, 1);
    }
    stmt_done(s);
    if (rc == STMT_ROW)
        return 0;
    if (rc == STMT_DONE)
        return err_set(err, INSYN_ENOTFOUND, "Avtalet finns inte.");
    return store_fail(st, rc, err);
}

int
store_terminated_by_cause(struct store *st, int from, int to, struct arena *a,
                          struct count_row **rows, int *n, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "SELECT termination_cause, count(*) FROM agreement "
                                  "WHERE terminated_on >= ? AND terminated_on <= ? "
                                  "GROUP BY termination_cause ORDER BY count(*) DESC, 1",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_date(s, 1, from);
    bind_date(s, 2, to);
    int cap = 0, rc;
    *rows = NULL;
    *n = 0;
    while ((rc = stmt_step(s)) == STMT_ROW) {
        *rows = arena_grow(a, *rows, *n, &cap, sizeof **rows);
        (*rows)[*n].code = col_text(a, s, 0);
        (*rows)[(*n)++].count = col_int(s, 1);
    }
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}
