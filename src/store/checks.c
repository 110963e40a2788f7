/* checks.c — external controls (credit, tax, IVO, bankruptcy) and what they change: the
 * credit thresholds in force, agreements flagged for termination, a unit's revoked permit. */
#include "store/internal.h"
#include "store/store.h"

#include "core/buf.h"
#include "core/date.h"

#include <string.h>

#define CHECK_COLUMNS                                                                              \
    "c.id, c.organisation_id, c.unit_id, c.kind, c.checked_on, c.bureau, c.value, c.threshold, "   \
    "c.passed, c.f_tax, c.taxes_paid, c.contributions_paid, c.enforcement_debt, c.ivo_kind, "      \
    "c.reference, c.summary, c.signal_id, c.created_by, c.created_by_name, c.created_at, o.name, " \
    "o.org_nr, u.name, sg.category"
#define CHECK_FROM                                                                                 \
    " FROM external_check c JOIN organisation o ON o.id = c.organisation_id"                       \
    " LEFT JOIN unit u ON u.id = c.unit_id LEFT JOIN signal sg ON sg.id = c.signal_id"

static int
col_opt_int(struct stmt *s, int i)
{
    return col_is_null(s, i) ? -1 : col_int(s, i);
}

static void
check_from_row(struct arena *a, struct stmt *s, struct external_check *c)
{
    c->id = col_int64(s, 0);
    c->organisation_id = col_int64(s, 1);
    c->unit_id = col_int64(s, 2);
    c->kind = col_text(a, s, 3);
    c->checked_on = col_date(s, 4);
    c->bureau = col_text(a, s, 5);
    c->value = col_opt_int(s, 6);
    c->threshold = col_opt_int(s, 7);
    c->passed = col_opt_int(s, 8);
    c->f_tax = col_opt_int(s, 9);
    c->taxes_paid = col_opt_int(s, 10);
    c->contributions_paid = col_opt_int(s, 11);
    c->enforcement_debt = col_is_null(s, 12) ? -1 : col_int64(s, 12);
    c->ivo_kind = col_text(a, s, 13);
    c->reference = col_text(a, s, 14);
    c->summary = col_text(a, s, 15);
    c->signal_id = col_int64(s, 16);
    c->created_by = col_int64(s, 17);
    c->created_by_name = col_text(a, s, 18);
    c->created_at = col_text(a, s, 19);
    c->organisation_name = col_text(a, s, 20);
    c->org_nr = col_text(a, s, 21);
    c->unit_name = col_text(a, s, 22);
    c->signal_category = col_text(a, s, 23);
}

static void
bind_opt_int(struct stmt *s, int i, long long v)
{
    if (v < 0)
        bind_null(s, i);
    else
        bind_int(s, i, v);
}

int
store_check_insert(struct store *st, struct external_check *c, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "INSERT INTO external_check (organisation_id, unit_id, kind, checked_on, bureau, value, "
        "threshold, passed, f_tax, taxes_paid, contributions_paid, enforcement_debt, ivo_kind, "
        "reference, summary, signal_id, created_by, created_by_name, created_at) VALUES "
        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, c->organisation_id);
    bind_opt_id(s, 2, c->unit_id);
    bind_text(s, 3, c->kind);
    bind_date(s, 4, c->checked_on);
    bind_text(s, 5, c->bureau ? c->bureau : "");
    bind_opt_int(s, 6, c->value);
    bind_opt_int(s, 7, c->threshold);
    bind_opt_int(s, 8, c->passed);
    bind_opt_int(s, 9, c->f_tax);
    bind_opt_int(s, 10, c->taxes_paid);
    bind_opt_int(s, 11, c->contributions_paid);
    bind_opt_int(s, 12, c->enforcement_debt);
    bind_text(s, 13, c->ivo_kind ? c->ivo_kind : "");
    bind_text(s, 14, c->reference ? c->reference : "");
    bind_text(s, 15, c->summary ? c->summary : "");
    bind_opt_id(s, 16, c->signal_id);
    bind_opt_id(s, 17, c->created_by);
    bind_text(s, 18, c->created_by_name ? c->created_by_name : "");
    bind_text(s, 19, c->created_at);
    return stmt_insert(st, s, &c->id, err);
}

int
store_check_set_signal(struct store *st, long long check_id, long long signal_id,
                       struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st, "UPDATE external_check SET signal_id = ? WHERE id = ?", err);
    if (!s)
        return INSYN_ESYS;
    bind_opt_id(s, 1, signal_id);
    bind_int(s, 2, check_id);
    return stmt_run(st, s, err);
}

int
store_check_get(struct store *st, long long id, struct arena *a, struct external_check *out,
                struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st, "SELECT " CHECK_COLUMNS CHECK_FROM " WHERE c.id = ?", err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc == STMT_ROW)
        check_from_row(a, s, out);
    stmt_done(s);
    if (rc == STMT_ROW)
        return 0;
    if (rc == STMT_DONE)
        return err_set(err, INSYN_ENOTFOUND, "Kontrollen finns inte.");
    return store_fail(st, rc, err);
}

int
store_check_list(struct store *st, long long organisation_id, const char *kind, int max,
                 struct arena *a, struct external_check **items, int *n, struct insyn_err *err)
{
    int by_kind = kind && *kind;
    struct stmt *s = stmt_prepare(
        st,
        by_kind ? "SELECT " CHECK_COLUMNS CHECK_FROM " WHERE c.organisation_id = ? AND c.kind = ? "
                  "ORDER BY c.checked_on DESC, c.id DESC LIMIT ?"
                : "SELECT " CHECK_COLUMNS CHECK_FROM " WHERE c.organisation_id = ? "
                  "ORDER BY c.checked_on DESC, c.id DESC LIMIT ?",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, organisation_id);
    if (by_kind)
        bind_text(s, 2, kind);
    bind_int(s, by_kind ? 3 : 2, max);
    int cap = 0, rc;
    *items = NULL;
    *n = 0;
    while ((rc = stmt_step(s)) == STMT_ROW) {
        *items = arena_grow(a, *items, *n, &cap, sizeof **items);
        check_from_row(a, s, &(*items)[(*n)++]);
    }
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

int
store_credit_thresholds(struct store *st, long long organisation_id, int dflt_creditsafe,
                        int dflt_uc, int *creditsafe, int *uc, struct insyn_err *err)
{
    *creditsafe = dflt_creditsafe;
    *uc = dflt_uc;
    /* an agreement without its own threshold is held to the default */
    struct stmt *s = stmt_prepare(st,
                                  "SELECT max(coalesce(credit_min_creditsafe, ?)), "
                                  "max(coalesce(credit_min_uc, ?)) FROM agreement "
                                  "WHERE organisation_id = ? AND status = 'active'",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, dflt_creditsafe);
    bind_int(s, 2, dflt_uc);
    bind_int(s, 3, organisation_id);
    int rc = stmt_step(s);
    if (rc == STMT_ROW && !col_is_null(s, 0)) {
        *creditsafe = col_int(s, 0);
        *uc = col_int(s, 1);
    }
    stmt_done(s);
    return rc == STMT_ROW ? 0 : store_fail(st, rc, err);
}

int
store_agreements_to_flag(struct store *st, long long organisation_id, struct arena *a,
                         long long **ids, int *n, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "SELECT id FROM agreement WHERE organisation_id = ? AND "
                                  "status = 'active' AND termination_flag = '' ORDER BY id",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, organisation_id);
    int cap = 0, rc;
    *ids = NULL;
    *n = 0;
    while ((rc = stmt_step(s)) == STMT_ROW) {
        *ids = arena_grow(a, *ids, *n, &cap, sizeof **ids);
        (*ids)[(*n)++] = col_int64(s, 0);
    }
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

int
store_agreement_flag_termination(struct store *st, long long id, const char *flag, int on,
                                 const char *now, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "UPDATE agreement SET termination_flag = ?, "
                                  "termination_flagged_on = ?, updated_at = ? "
                                  "WHERE id = ? AND termination_flag = ''",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, flag);
    bind_date(s, 2, on);
    bind_text(s, 3, now);
    bind_int(s, 4, id);
    return stmt_run(st, s, err);
}

int
store_unit_revoke_permit(struct store *st, long long unit_id, const char *now,
                         struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st, "UPDATE unit SET ivo_permit_status = 'revoked', updated_at = ? WHERE id = ?", err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, now);
    bind_int(s, 2, unit_id);
    return stmt_run(st, s, err);
}

int
store_unit_id_by_name(struct store *st, long long organisation_id, const char *name, long long *id)
{
    struct insyn_err ignore = {0};
    struct stmt *s = stmt_prepare(
        st, "SELECT id FROM unit WHERE organisation_id = ? AND name = ? ORDER BY id LIMIT 1",
        &ignore);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, organisation_id);
    bind_text(s, 2, name);
    int rc = stmt_step(s);
    if (rc == STMT_ROW)
        *id = col_int64(s, 0);
    stmt_done(s);
    return rc == STMT_ROW ? 0 : INSYN_ENOTFOUND;
}
