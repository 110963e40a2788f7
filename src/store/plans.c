/* plans.c — the year's control plans, the units they add for risk and their frozen samples,
 * and the placement counts the sampling rule reads (migration 012).
 *
 * The counts are one grouped query over the placements of the rule's agreements, read through
 * the index placement_agreement (agreement_id, start_date): the window is a range of it, so a
 * year's sample among half a million placements reads only the placements it counts. */
#include "store/internal.h"
#include "store/store.h"

#include "core/date.h"

#include <string.h>

static int
sample_counts(struct store *st, const struct sample_rule *r, long long plan_id, struct arena *a,
              struct sample_unit **out, int *n, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "WITH c AS (SELECT p.unit_id, count(*) AS n FROM agreement g "
        "JOIN placement p ON p.agreement_id = g.id WHERE g.case_ref = ?1 "
        "AND p.start_date >= ?2 AND p.start_date <= ?3 GROUP BY p.unit_id) "
        "SELECT c.unit_id, u.organisation_id, o.org_nr, o.name, u.name, c.n FROM c "
        "JOIN unit u ON u.id = c.unit_id JOIN organisation o ON o.id = u.organisation_id "
        "WHERE c.n >= ?4 OR c.unit_id IN (SELECT unit_id FROM control_plan_unit "
        "WHERE plan_id = ?5 AND source = 'risk') ORDER BY o.name, u.name, c.unit_id",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, r->case_ref);
    bind_date(s, 2, r->from);
    bind_date(s, 3, r->to);
    bind_int(s, 4, r->min_placements);
    bind_int(s, 5, plan_id);
    int cap = 64, step;
    *out = arena_alloc(a, sizeof **out * (size_t)cap);
    *n = 0;
    while ((step = stmt_step(s)) == STMT_ROW) {
        *out = arena_grow(a, *out, *n, &cap, sizeof **out);
        struct sample_unit *u = &(*out)[(*n)++];
        memset(u, 0, sizeof *u);
        u->unit_id = col_int64(s, 0);
        u->organisation_id = col_int64(s, 1);
        u->org_nr = col_text(a, s, 2);
        u->organisation = col_text(a, s, 3);
        u->unit = col_text(a, s, 4);
        u->placements = col_int(s, 5);
    }
    stmt_done(s);
    return step == STMT_DONE ? 0 : store_fail(st, step, err);
}

#define PLAN_COLUMNS                                                                               \
    "id, year, title, case_ref, focus_case_ref, focus_service_area, themes, sample_case_ref, "     \
    "sample_from, sample_to, min_placements, status, decided_on, decision_paragraph, "             \
    "approved_at, created_by_name, created_at, updated_at"

static void
plan_from_row(struct arena *a, struct stmt *s, struct control_plan *p)
{
    memset(p, 0, sizeof *p);
    p->id = col_int64(s, 0);
    p->year = col_int(s, 1);
    p->title = col_text(a, s, 2);
    p->case_ref = col_text(a, s, 3);
    p->focus_case_ref = col_text(a, s, 4);
    p->focus_service_area = col_text(a, s, 5);
    p->themes = col_text(a, s, 6);
    p->rule.case_ref = col_text(a, s, 7);
    p->rule.from = col_date(s, 8);
    p->rule.to = col_date(s, 9);
    p->rule.min_placements = col_int(s, 10);
    p->status = col_text(a, s, 11);
    p->decided_on = col_date(s, 12);
    p->decision_paragraph = col_text(a, s, 13);
    p->approved_at = col_text(a, s, 14);
    p->created_by_name = col_text(a, s, 15);
    p->created_at = col_text(a, s, 16);
    p->updated_at = col_text(a, s, 17);
}

int
store_plan_insert(struct store *st, struct control_plan *p, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "INSERT INTO control_plan (year, title, case_ref, focus_case_ref, focus_service_area, "
        "themes, sample_case_ref, sample_from, sample_to, min_placements, status, "
        "created_by_name, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,'draft',?,?,?)",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, p->year);
    bind_text(s, 2, p->title);
    bind_text(s, 3, p->case_ref);
    bind_text(s, 4, p->focus_case_ref);
    bind_text(s, 5, p->focus_service_area);
    bind_text(s, 6, p->themes);
    bind_text(s, 7, p->rule.case_ref);
    bind_date(s, 8, p->rule.from);
    bind_date(s, 9, p->rule.to);
    bind_int(s, 10, p->rule.min_placements);
    bind_text(s, 11, p->created_by_name);
    bind_text(s, 12, p->created_at);
    bind_text(s, 13, p->updated_at);
    return stmt_insert(st, s, &p->id, err);
}

int
store_plan_update(struct store *st, const struct control_plan *p, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "UPDATE control_plan SET year = ?, title = ?, case_ref = ?, focus_case_ref = ?, "
        "focus_service_area = ?, themes = ?, sample_case_ref = ?, sample_from = ?, sample_to = ?, "
        "min_placements = ?, updated_at = ? WHERE id = ? AND status = 'draft'",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, p->year);
    bind_text(s, 2, p->title);
    bind_text(s, 3, p->case_ref);
    bind_text(s, 4, p->focus_case_ref);
    bind_text(s, 5, p->focus_service_area);
    bind_text(s, 6, p->themes);
    bind_text(s, 7, p->rule.case_ref);
    bind_date(s, 8, p->rule.from);
    bind_date(s, 9, p->rule.to);
    bind_int(s, 10, p->rule.min_placements);
    bind_text(s, 11, p->updated_at);
    bind_int(s, 12, p->id);
    if (stmt_run(st, s, err))
        return err->code;
    if (stmt_changes(st) == 0)
        return err_set(err, INSYN_ECONFLICT, "Planen är godkänd och kan inte längre ändras.");
    return 0;
}

int
store_plan_get(struct store *st, long long id, struct arena *a, struct control_plan *out,
               struct insyn_err *err)
{
    struct stmt *s =
        stmt_prepare(st, "SELECT " PLAN_COLUMNS " FROM control_plan WHERE id = ?", err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc == STMT_ROW)
        plan_from_row(a, s, out);
    stmt_done(s);
    if (rc == STMT_ROW)
        return 0;
    if (rc == STMT_DONE)
        return err_set(err, INSYN_ENOTFOUND, "Kontrollplanen finns inte.");
    return store_fail(st, rc, err);
}

int
store_plan_list(struct store *st, struct arena *a, struct control_plan **items, int *n,
                struct insyn_err *err)
{
    struct stmt *s =
        stmt_prepare(st, "SELECT " PLAN_COLUMNS " FROM control_plan ORDER BY year DESC", err);
    if (!s)
        return INSYN_ESYS;
    int cap = 16, step;
    *items = arena_alloc(a, sizeof **items * (size_t)cap);
    *n = 0;
    while ((step = stmt_step(s)) == STMT_ROW) {
        *items = arena_grow(a, *items, *n, &cap, sizeof **items);
        plan_from_row(a, s, &(*items)[(*n)++]);
    }
    stmt_done(s);
    return step == STMT_DONE ? 0 : store_fail(st, step, err);
}

int
store_plan_id_by_year(struct store *st, int year, long long *id)
{
    struct stmt *s = stmt_prepare(st, "SELECT id FROM control_plan WHERE year = ?", NULL);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, year);
    int rc = stmt_step(s);
    if (rc == STMT_ROW)
        *id = col_int64(s, 0);
    stmt_done(s);
    return rc == STMT_ROW ? 0 : rc == STMT_DONE ? INSYN_ENOTFOUND : INSYN_ESYS;
}

int
store_plan_units(struct store *st, long long plan_id, const char *source, struct arena *a,
                 struct sample_unit **out, int *n, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "SELECT c.unit_id, u.organisation_id, o.org_nr, o.name, u.name, c.placements, c.reason "
        "FROM control_plan_unit c JOIN unit u ON u.id = c.unit_id "
        "JOIN organisation o ON o.id = u.organisation_id WHERE c.plan_id = ? AND c.source = ? "
        "ORDER BY o.name, u.name, c.unit_id",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, plan_id);
    bind_text(s, 2, source);
    int risk = strcmp(source, "risk") == 0;
    int cap = 16, step;
    *out = arena_alloc(a, sizeof **out * (size_t)cap);
    *n = 0;
    while ((step = stmt_step(s)) == STMT_ROW) {
        *out = arena_grow(a, *out, *n, &cap, sizeof **out);
        struct sample_unit *u = &(*out)[(*n)++];
        memset(u, 0, sizeof *u);
        u->unit_id = col_int64(s, 0);
        u->organisation_id = col_int64(s, 1);
        u->org_nr = col_text(a, s, 2);
        u->organisation = col_text(a, s, 3);
        u->unit = col_text(a, s, 4);
        u->placements = col_int(s, 5);
        if (risk)
            u->risk_reason = col_text(a, s, 6);
        else
            u->reason = col_text(a, s, 6);
    }
    stmt_done(s);
    return step == STMT_DONE ? 0 : store_fail(st, step, err);
}

int
store_sample_counts(struct store *st, const struct sample_rule *r, long long plan_id,
                    struct arena *a, struct sample_unit **counted, int *n,
                    struct sample_unit **risk, int *nrisk, struct insyn_err *err)
{
    int opened = read_begin(st, err); /* the counts and the risk rows agree */
    if (opened < 0)
        return INSYN_ESYS;
    int rc = sample_counts(st, r, plan_id, a, counted, n, err);
    if (risk) {
        *risk = NULL;
        *nrisk = 0;
        if (rc == 0 && plan_id)
            rc = store_plan_units(st, plan_id, "risk", a, risk, nrisk, err);
    }
    read_end(st, opened);
    return rc;
}

int
store_plan_frozen(struct store *st, long long plan_id, struct arena *a, struct sample_unit **rows,
                  int *n, struct sample_unit **risk, int *nrisk, struct insyn_err *err)
{
    int opened = read_begin(st, err);
    if (opened < 0)
        return INSYN_ESYS;
    int rc = store_plan_units(st, plan_id, "sample", a, rows, n, err);
    if (rc == 0)
        rc = store_plan_units(st, plan_id, "risk", a, risk, nrisk, err);
    read_end(st, opened);
    return rc;
}

int
store_plan_risk_add(struct store *st, long long plan_id, long long unit_id, const char *reason,
                    struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "INSERT INTO control_plan_unit (plan_id, unit_id, source, "
                                  "reason) VALUES (?, ?, 'risk', ?) ON CONFLICT DO NOTHING",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, plan_id);
    bind_int(s, 2, unit_id);
    bind_text(s, 3, reason);
    if (stmt_run(st, s, err))
        return err->code;
    if (stmt_changes(st) == 0) {
        err_field(err, 0, "unit_id", "Enheten är redan tillagd för risk i planen.");
        return INSYN_EINVAL;
    }
    return 0;
}

int
store_plan_risk_remove(struct store *st, long long plan_id, long long unit_id,
                       struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "DELETE FROM control_plan_unit WHERE plan_id = ? AND "
                                  "unit_id = ? AND source = 'risk' AND frozen = 0",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, plan_id);
    bind_int(s, 2, unit_id);
    if (stmt_run(st, s, err))
        return err->code;
    if (stmt_changes(st) == 0) {
        err_field(err, 0, "unit_id", "Enheten är inte tillagd för risk i planen.");
        return INSYN_EINVAL;
    }
    return 0;
}

int
store_plan_freeze(struct store *st, long long plan_id, const struct sample_unit *units, int n,
                  struct insyn_err *err)
{
    for (int i = 0; i < n; i++) {
        const struct sample_unit *u = &units[i];
        int risk = u->risk_reason && *u->risk_reason;
        struct stmt *s =
            risk ? stmt_prepare(st,
                                "UPDATE control_plan_unit SET placements = ?, frozen = 1 "
                                "WHERE plan_id = ? AND unit_id = ? AND source = 'risk'",
                                err)
                 : stmt_prepare(st,
                                "INSERT INTO control_plan_unit (placements, plan_id, unit_id, "
                                "source, reason, frozen) VALUES (?, ?, ?, 'sample', ?, 1)",
                                err);
        if (!s)
            return INSYN_ESYS;
        bind_int(s, 1, u->placements);
        bind_int(s, 2, plan_id);
        bind_int(s, 3, u->unit_id);
        if (!risk)
            bind_text(s, 4, u->reason ? u->reason : "");
        if (stmt_run(st, s, err))
            return err->code;
    }
    return 0;
}

int
store_plan_approve(struct store *st, long long plan_id, int decided_on, const char *paragraph,
                   const char *now, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "UPDATE control_plan SET status = 'approved', decided_on = ?, "
                                  "decision_paragraph = ?, approved_at = ?, updated_at = ? "
                                  "WHERE id = ? AND status = 'draft'",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_date(s, 1, decided_on);
    bind_text(s, 2, paragraph);
    bind_text(s, 3, now);
    bind_text(s, 4, now);
    bind_int(s, 5, plan_id);
    if (stmt_run(st, s, err))
        return err->code;
    if (stmt_changes(st) == 0)
        return err_set(err, INSYN_ECONFLICT, "Planen är redan godkänd.");
    return 0;
}

int
store_agreement_case_ref_exists(struct store *st, const char *case_ref)
{
    struct stmt *s = stmt_prepare(st, "SELECT 1 FROM agreement WHERE case_ref = ? LIMIT 1", NULL);
    if (!s)
        return 0;
    bind_text(s, 1, case_ref);
    int rc = stmt_step(s);
    stmt_done(s);
    return rc == STMT_ROW;
}

int
store_credit_failures(struct store *st, struct arena *a, struct credit_failure **out, int *n,
                      struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "SELECT c.organisation_id, o.name, o.org_nr, c.checked_on, c.bureau, c.value, "
        "c.threshold FROM external_check c JOIN organisation o ON o.id = c.organisation_id "
        "WHERE c.kind = 'credit' AND c.passed = 0 AND c.id = (SELECT c2.id FROM external_check c2 "
        "WHERE c2.organisation_id = c.organisation_id AND c2.kind = 'credit' "
        "ORDER BY c2.checked_on DESC, c2.id DESC LIMIT 1) ORDER BY o.name",
        err);
    if (!s)
        return INSYN_ESYS;
    int cap = 16, step;
    *out = arena_alloc(a, sizeof **out * (size_t)cap);
    *n = 0;
    while ((step = stmt_step(s)) == STMT_ROW) {
        *out = arena_grow(a, *out, *n, &cap, sizeof **out);
        struct credit_failure *f = &(*out)[(*n)++];
        f->organisation_id = col_int64(s, 0);
        f->name = col_text(a, s, 1);
        f->org_nr = col_text(a, s, 2);
        f->checked_on = col_date(s, 3);
        f->bureau = col_text(a, s, 4);
        f->value = col_int(s, 5);
        f->threshold = col_int(s, 6);
    }
    stmt_done(s);
    return step == STMT_DONE ? 0 : store_fail(st, step, err);
}

int
store_plan_unit_choices(struct store *st, const char *case_ref, const long long *org_ids,
                        int n_orgs, struct arena *a, struct sample_unit **out, int *n,
                        struct insyn_err *err)
{
    /* the units of the framework's providers, then of each suggested organisation */
    int cap = 64, step = STMT_DONE;
    *out = arena_alloc(a, sizeof **out * (size_t)cap);
    *n = 0;
    for (int k = -1; k < n_orgs && step == STMT_DONE; k++) {
        struct stmt *s =
            k < 0 ? stmt_prepare(st,
                                 "SELECT u.id, u.organisation_id, o.org_nr, o.name, u.name "
                                 "FROM unit u JOIN organisation o ON o.id = u.organisation_id "
                                 "WHERE u.organisation_id IN (SELECT organisation_id FROM "
                                 "agreement WHERE case_ref = ?) ORDER BY o.name, u.name, u.id",
                                 err)
                  : stmt_prepare(st,
                                 "SELECT u.id, u.organisation_id, o.org_nr, o.name, u.name "
                                 "FROM unit u JOIN organisation o ON o.id = u.organisation_id "
                                 "WHERE u.organisation_id = ? ORDER BY u.name, u.id",
                                 err);
        if (!s)
            return INSYN_ESYS;
        if (k < 0)
            bind_text(s, 1, case_ref ? case_ref : "");
        else
            bind_int(s, 1, org_ids[k]);
        while ((step = stmt_step(s)) == STMT_ROW) {
            long long id = col_int64(s, 0);
            int seen = 0;
            for (int i = 0; i < *n && !seen; i++)
                seen = (*out)[i].unit_id == id;
            if (seen)
                continue;
            *out = arena_grow(a, *out, *n, &cap, sizeof **out);
            struct sample_unit *u = &(*out)[(*n)++];
            memset(u, 0, sizeof *u);
            u->unit_id = id;
            u->organisation_id = col_int64(s, 1);
            u->org_nr = col_text(a, s, 2);
            u->organisation = col_text(a, s, 3);
            u->unit = col_text(a, s, 4);
        }
        stmt_done(s);
    }
    return step == STMT_DONE ? 0 : store_fail(st, step, err);
}

int
store_case_ref_choices(struct store *st, struct arena *a, struct case_ref_row **out, int *n,
                       struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "SELECT case_ref, min(title), count(*) FROM agreement "
                                  "WHERE status <> 'draft' GROUP BY case_ref ORDER BY case_ref",
                                  err);
    if (!s)
        return INSYN_ESYS;
    int cap = 32, step;
    *out = arena_alloc(a, sizeof **out * (size_t)cap);
    *n = 0;
    while ((step = stmt_step(s)) == STMT_ROW) {
        *out = arena_grow(a, *out, *n, &cap, sizeof **out);
        struct case_ref_row *r = &(*out)[(*n)++];
        r->case_ref = col_text(a, s, 0);
        r->title = col_text(a, s, 1);
        r->agreements = col_int(s, 2);
    }
    stmt_done(s);
    return step == STMT_DONE ? 0 : store_fail(st, step, err);
}

int
store_plan_survey_counts(struct store *st, long long plan_id, struct arena *a,
                         struct plan_survey_count **out, int *n, struct insyn_err *err)
{
    struct stmt *s =
        stmt_prepare(st,
                     "SELECT r.organisation_id, v.id, v.audience, v.title, v.status, count(*), "
                     "sum(r.answered) FROM survey v JOIN survey_recipient r ON r.survey_id = v.id "
                     "WHERE v.plan_id = ? AND r.organisation_id IS NOT NULL "
                     "GROUP BY r.organisation_id, v.id ORDER BY v.id",
                     err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, plan_id);
    int cap = 16, step;
    *out = arena_alloc(a, sizeof **out * (size_t)cap);
    *n = 0;
    while ((step = stmt_step(s)) == STMT_ROW) {
        *out = arena_grow(a, *out, *n, &cap, sizeof **out);
        struct plan_survey_count *c = &(*out)[(*n)++];
        c->organisation_id = col_int64(s, 0);
        c->survey_id = col_int64(s, 1);
        c->audience = col_text(a, s, 2);
        c->title = col_text(a, s, 3);
        c->status = col_text(a, s, 4);
        c->recipients = col_int(s, 5);
        c->answered = col_int(s, 6);
    }
    stmt_done(s);
    return step == STMT_DONE ? 0 : store_fail(st, step, err);
}
