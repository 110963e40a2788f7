/* agreements.c — agreements with their units and items (requirements, value-adds). */
#include "store/internal.h"
#include "store/store.h"

#include "core/buf.h"
#include "core/date.h"

#include <string.h>

#define AGREEMENT_COLUMNS                                                                          \
    "g.id, g.case_ref, g.title, g.form, g.service_area, g.organisation_id, o.name, o.kind, "       \
    "g.start_date, g.end_date, g.extensions_left, g.extension_months, g.latest_end, "              \
    "g.strategist_id, s.name, g.status, g.termination_reason, g.notes, g.created_at, "             \
    "g.updated_at, "                                                                               \
    "o.org_nr, s.email, g.approved_on, g.signed_on, g.credit_min_creditsafe, g.credit_min_uc, "    \
    "g.termination_flag, g.termination_flagged_on"
#define AGREEMENT_FROM                                                                             \
    " FROM agreement g JOIN organisation o ON o.id = g.organisation_id "                           \
    "LEFT JOIN app_user s ON s.id = g.strategist_id"

static void
agreement_from_row(struct arena *a, struct stmt *s, struct agreement *g)
{
    g->id = col_int64(s, 0);
    g->case_ref = col_text(a, s, 1);
    g->title = col_text(a, s, 2);
    g->form = col_text(a, s, 3);
    g->service_area = col_text(a, s, 4);
    g->organisation_id = col_int64(s, 5);
    g->organisation_name = col_text(a, s, 6);
    g->organisation_kind = col_text(a, s, 7);
    g->start = col_date(s, 8);
    g->end = col_date(s, 9);
    g->extensions_left = col_int(s, 10);
    g->extension_months = col_int(s, 11);
    g->latest_end = col_date(s, 12);
    g->strategist_id = col_int64(s, 13);
    g->strategist_name = col_text(a, s, 14);
    g->status = col_text(a, s, 15);
    g->termination_reason = col_text(a, s, 16);
    g->notes = col_text(a, s, 17);
    g->created_at = col_text(a, s, 18);
    g->updated_at = col_text(a, s, 19);
    g->organisation_org_nr = col_text(a, s, 20);
    g->strategist_email = col_text(a, s, 21);
    g->approved_on = col_date(s, 22);
    g->signed_on = col_date(s, 23);
    g->credit_min_creditsafe = col_is_null(s, 24) ? -1 : col_int(s, 24);
    g->credit_min_uc = col_is_null(s, 25) ? -1 : col_int(s, 25);
    g->termination_flag = col_text(a, s, 26);
    g->termination_flagged_on = col_date(s, 27);
}

static void
agreement_bind(struct stmt *s, const struct agreement *g)
{
    bind_text(s, 1, g->case_ref);
    bind_text(s, 2, g->title);
    bind_text(s, 3, g->form);
    bind_text(s, 4, g->service_area);
    bind_int(s, 5, g->organisation_id);
    bind_date(s, 6, g->start);
    bind_date(s, 7, g->end);
    bind_int(s, 8, g->extensions_left);
    bind_int(s, 9, g->extension_months);
    bind_date(s, 10, g->latest_end);
    bind_opt_id(s, 11, g->strategist_id);
    bind_text(s, 12, g->status);
    bind_text(s, 13, g->termination_reason);
    bind_text(s, 14, g->notes);
    bind_text(s, 15, g->updated_at);
    bind_date(s, 16, g->approved_on);
    bind_date(s, 17, g->signed_on);
    if (g->credit_min_creditsafe < 0)
        bind_null(s, 18);
    else
        bind_int(s, 18, g->credit_min_creditsafe);
    if (g->credit_min_uc < 0)
        bind_null(s, 19);
    else
        bind_int(s, 19, g->credit_min_uc);
}

static int
replace_units(struct store *st, const struct agreement *g, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st, "DELETE FROM agreement_unit WHERE agreement_id = ?", err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, g->id);
    int rc = stmt_run(st, s, err);
    for (int i = 0; rc == 0 && i < g->n_units; i++) {
        s = stmt_prepare(st, "INSERT INTO agreement_unit (agreement_id, unit_id) VALUES (?, ?)",
                         err);
        if (!s)
            return INSYN_ESYS;
        bind_int(s, 1, g->id);
        bind_int(s, 2, g->unit_ids[i]);
        rc = stmt_run(st, s, err);
    }
    return rc;
}

/* Items keep their ids when their text is unchanged, so that what later follow-ups record
 * against an item survives an edit of the others. */
static int
sync_items(struct store *st, long long agreement_id, const char *kind, char **items, int n,
           struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "SELECT id, text FROM agreement_item WHERE agreement_id = ? "
                                  "AND kind = ? ORDER BY position",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, agreement_id);
    bind_text(s, 2, kind);
    struct arena a;
    arena_init(&a);
    int nold = 0, cap = 16;
    long long *ids = arena_alloc(&a, sizeof *ids * (size_t)cap);
    char **texts = arena_alloc(&a, sizeof *texts * (size_t)cap);
    while (stmt_step(s) == STMT_ROW) {
        if (nold == cap) {
            long long *ni = arena_alloc(&a, sizeof *ni * (size_t)cap * 2);
            char **nt = arena_alloc(&a, sizeof *nt * (size_t)cap * 2);
            memcpy(ni, ids, sizeof *ids * (size_t)cap);
            memcpy(nt, texts, sizeof *texts * (size_t)cap);
            ids = ni, texts = nt, cap *= 2;
        }
        ids[nold] = col_int64(s, 0);
        texts[nold] = col_text(&a, s, 1);
        nold++;
    }
    stmt_done(s);
    int rc = 0;
    char *kept = arena_alloc(&a, (size_t)nold + 1);
    for (int i = 0; i < n && rc == 0; i++) {
        int found = -1;
        for (int j = 0; j < nold && found < 0; j++)
            if (!kept[j] && strcmp(texts[j], items[i]) == 0)
                found = j;
        if (found >= 0) {
            kept[found] = 1;
            s = stmt_prepare(st, "UPDATE agreement_item SET position = ? WHERE id = ?", err);
            if (!s) {
                rc = INSYN_ESYS;
                break;
            }
            bind_int(s, 1, i);
            bind_int(s, 2, ids[found]);
        } else {
            s = stmt_prepare(st,
                             "INSERT INTO agreement_item (agreement_id, kind, position, text) "
                             "VALUES (?,?,?,?)",
                             err);
            if (!s) {
                rc = INSYN_ESYS;
                break;
            }
            bind_int(s, 1, agreement_id);
            bind_text(s, 2, kind);
            bind_int(s, 3, i);
            bind_text(s, 4, items[i]);
        }
        rc = stmt_run(st, s, err);
    }
    for (int j = 0; j < nold && rc == 0; j++) {
        if (kept[j])
            continue;
        s = stmt_prepare(st, "DELETE FROM agreement_item WHERE id = ?", err);
        if (!s) {
            rc = INSYN_ESYS;
            break;
        }
        bind_int(s, 1, ids[j]);
        rc = stmt_run(st, s, err);
    }
    arena_free(&a);
    return rc;
}

static int
write_children(struct store *st, const struct agreement *g, struct insyn_err *err)
{
    int rc = replace_units(st, g, err);
    if (rc == 0)
        rc = sync_items(st, g->id, "requirement", g->requirements, g->n_requirements, err);
    if (rc == 0)
        rc = sync_items(st, g->id, "value_add", g->value_adds, g->n_value_adds, err);
    return rc;
}

int
store_agreement_insert(struct store *st, struct agreement *g, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "INSERT INTO agreement (case_ref, title, form, service_area, organisation_id, start_date, "
        "end_date, extensions_left, extension_months, latest_end, strategist_id, status, "
        "termination_reason, notes, updated_at, approved_on, signed_on, credit_min_creditsafe, "
        "credit_min_uc, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        err);
    if (!s)
        return INSYN_ESYS;
    agreement_bind(s, g);
    bind_text(s, 20, g->created_at);
    if (stmt_run(st, s, err))
        return err->code;
    g->id = stmt_last_id(st);
    return write_children(st, g, err);
}

int
store_agreement_update(struct store *st, const struct agreement *g, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "UPDATE agreement SET case_ref=?, title=?, form=?, service_area=?, organisation_id=?, "
        "start_date=?, end_date=?, extensions_left=?, extension_months=?, latest_end=?, "
        "strategist_id=?, status=?, termination_reason=?, notes=?, updated_at=?, approved_on=?, "
        "signed_on=?, credit_min_creditsafe=?, credit_min_uc=? WHERE id=?",
        err);
    if (!s)
        return INSYN_ESYS;
    agreement_bind(s, g);
    bind_int(s, 20, g->id);
    if (stmt_run(st, s, err))
        return err->code;
    if (stmt_changes(st) == 0)
        return err_set(err, INSYN_ENOTFOUND, "Avtalet finns inte.");
    return write_children(st, g, err);
}

/* Runs sql for the agreements g[0..n), calling row() for each result row. Each "(IDS)" in
 * sql becomes "(?1,...,?n)", the agreements' ids bound, never written into the SQL. */
static int
for_agreements(struct store *st, const char *sql, const struct agreement *g, int n,
               void (*row)(struct stmt *, void *), void *ctx, struct insyn_err *err)
{
    struct buf marks, text;
    buf_init(&marks);
    buf_init(&text);
    for (int i = 0; i < n; i++)
        buf_printf(&marks, i ? ",?%d" : "?%d", i + 1);
    for (const char *p = sql, *at; *p; p = at + 5) {
        at = strstr(p, "(IDS)");
        buf_append(&text, p, at ? (size_t)(at - p) : strlen(p));
        if (!at)
            break;
        buf_printf(&text, "(%s)", marks.data);
    }
    struct stmt *s = stmt_prepare(st, text.data, err);
    buf_free(&marks);
    buf_free(&text);
    if (!s)
        return INSYN_ESYS;
    for (int i = 0; i < n; i++)
        bind_int(s, i + 1, g[i].id);
    int rc;
    while ((rc = stmt_step(s)) == STMT_ROW)
        row(s, ctx);
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

/* The agreements whose details are being loaded, and each one's array capacities. */
struct details {
    struct agreement *g;
    int n;
    struct arena *a;
    struct {
        int units, requirements, value_adds;
    } * cap;
};

static void
detail_row(struct stmt *s, void *ctx)
{
    struct details *d = ctx;
    long long id = col_int64(s, 0);
    int i = 0;
    while (i < d->n && d->g[i].id != id) /* n is at most a page */
        i++;
    if (i == d->n)
        return;
    struct agreement *g = &d->g[i];
    const char *kind = col_cstr(s, 1);
    /* arrays grow as rows arrive: a write committed between two queries can never make a
     * row land outside its array */
    if (strcmp(kind, "unit") == 0) {
        int cap = d->cap[i].units;
        g->unit_ids = arena_grow(d->a, g->unit_ids, g->n_units, &cap, sizeof *g->unit_ids);
        g->unit_names =
            arena_grow(d->a, g->unit_names, g->n_units, &d->cap[i].units, sizeof *g->unit_names);
        g->unit_ids[g->n_units] = col_int64(s, 2);
        g->unit_names[g->n_units++] = col_text(d->a, s, 3);
    } else if (strcmp(kind, "requirement") == 0) {
        g->requirements = arena_grow(d->a, g->requirements, g->n_requirements,
                                     &d->cap[i].requirements, sizeof *g->requirements);
        g->requirements[g->n_requirements++] = col_text(d->a, s, 3);
    } else {
        g->value_adds = arena_grow(d->a, g->value_adds, g->n_value_adds, &d->cap[i].value_adds,
                                   sizeof *g->value_adds);
        g->value_adds[g->n_value_adds++] = col_text(d->a, s, 3);
    }
}

/* Loads units, requirements and value-adds of the agreements g[0..n) in one query. */
static int
load_details(struct store *st, struct agreement *g, int n, struct arena *a, struct insyn_err *err)
{
    for (int i = 0; i < n; i++) {
        g[i].n_units = g[i].n_requirements = g[i].n_value_adds = 0;
        g[i].unit_ids = NULL;
        g[i].unit_names = g[i].requirements = g[i].value_adds = NULL;
    }
    if (n == 0)
        return 0;
    struct details d = {g, n, a, arena_alloc(a, sizeof *d.cap * (size_t)n)};
    return for_agreements(
        st,
        "SELECT agreement_id, kind, 0, text, position FROM agreement_item WHERE agreement_id IN "
        "(IDS) "
        "UNION ALL SELECT au.agreement_id, 'unit', au.unit_id, "
        /* a lookup per unit: PostgreSQL otherwise merge-joins over the whole unit key */
        "(SELECT u.name FROM unit u WHERE u.id = au.unit_id), 0 FROM agreement_unit au "
        "WHERE au.agreement_id IN (IDS) ORDER BY 1, 2, 5, 4",
        g, n, detail_row, &d, err);
}

int
store_agreement_get(struct store *st, long long id, struct arena *a, struct agreement *out,
                    struct insyn_err *err)
{
    struct stmt *s =
        stmt_prepare(st, "SELECT " AGREEMENT_COLUMNS AGREEMENT_FROM " WHERE g.id = ?", err);
    if (!s)
        return INSYN_ESYS;
    int opened = read_begin(st, err);
    if (opened < 0)
        return opened;
    bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc == STMT_ROW)
        agreement_from_row(a, s, out);
    stmt_done(s);
    if (rc == STMT_DONE)
        rc = err_set(err, INSYN_ENOTFOUND, "Avtalet finns inte.");
    else if (rc != STMT_ROW)
        rc = store_fail(st, rc, err);
    else
        rc = load_details(st, out, 1, a, err);
    read_end(st, opened);
    return rc;
}

int
store_agreement_list(struct store *st, const struct agreement_filter *f, struct arena *a,
                     struct agreement **items, int *n, int *total, struct insyn_err *err)
{
    struct buf where, sql;
    buf_init(&where);
    buf_init(&sql);
    struct qparams qp = {0};
    buf_puts(&where, " WHERE 1=1");
    if (f->q && *f->q) {
        buf_puts(&where, " AND (lower(g.case_ref) LIKE ? ESCAPE '\\' OR lower(g.title) LIKE ? "
                         "ESCAPE '\\' OR lower(o.name) LIKE ? ESCAPE '\\')");
        char *pat = like_pattern(a, f->q);
        qp_text(&qp, pat);
        qp_text(&qp, pat);
        qp_text(&qp, pat);
    }
    if (f->form && *f->form) {
        buf_puts(&where, " AND g.form = ?");
        qp_text(&qp, f->form);
    }
    if (f->service_area && *f->service_area) {
        buf_puts(&where, " AND g.service_area = ?");
        qp_text(&qp, f->service_area);
    }
    if (f->status && *f->status) {
        buf_puts(&where, " AND g.status = ?");
        qp_text(&qp, f->status);
    }
    if (f->in_force_only)
        buf_puts(&where, " AND g.status IN ('active', 'ended')");
    if (f->organisation_id) {
        buf_puts(&where, " AND g.organisation_id = ?");
        qp_int(&qp, f->organisation_id);
    }
    char from[11], to[11];
    if (f->ends_from != DATE_NONE) {
        date_format(f->ends_from, from);
        buf_puts(&where, " AND g.end_date >= ?");
        qp_text(&qp, from);
    }
    if (f->ends_to != DATE_NONE) {
        date_format(f->ends_to, to);
        buf_puts(&where, " AND g.end_date <= ?");
        qp_text(&qp, to);
    }
    static const struct {
        const char *key, *expr;
    } sorts[] = {{"end", "g.end_date"}, {"start", "g.start_date"},  {"case_ref", "g.case_ref"},
                 {"title", "g.title"},  {"organisation", "o.name"}, {"form", "g.form"}};
    const char *order = "g.end_date";
    for (size_t i = 0; f->sort && i < sizeof sorts / sizeof sorts[0]; i++)
        if (strcmp(f->sort, sorts[i].key) == 0)
            order = sorts[i].expr;

    int rc = INSYN_ESYS, opened = read_begin(st, err); /* the total and the page agree */
    if (opened < 0)
        goto done;
    /* Only q looks at the organisation. With foreign keys on, every agreement has one, so the
     * count needs the join only then; in a large registry the join was most of a page's cost. */
    struct stmt *s;
    if (!f->known_total) {
        buf_printf(&sql, "SELECT count(*) FROM agreement g%s%s",
                   f->q && *f->q ? " JOIN organisation o ON o.id = g.organisation_id" : "",
                   where.data);
        s = stmt_prepare(st, sql.data, err);
        if (!s)
            goto done;
        if (qp_bind(st, &qp, s, 1, err))
            goto done;
        *total = stmt_step(s) == STMT_ROW ? col_int(s, 0) : 0;
        stmt_done(s);
        buf_reset(&sql);
    }

    buf_printf(
        &sql, "SELECT " AGREEMENT_COLUMNS AGREEMENT_FROM "%s ORDER BY %s %s, g.id LIMIT ? OFFSET ?",
        where.data, order, f->desc ? "DESC" : "ASC");
    s = stmt_prepare(st, sql.data, err);
    if (!s)
        goto done;
    if (qp_bind(st, &qp, s, 1, err))
        goto done;
    int per = f->per_page > 0 ? f->per_page : 50;
    int page = f->page > 0 ? f->page : 1;
    bind_int(s, qp.n + 1, per);
    bind_int(s, qp.n + 2, (long long)(page - 1) * per);
    /* room for the rows that come, not for a whole page: lists that take "all" ask for
     * thousands */
    int cap = per < 64 ? per : 64;
    *items = arena_alloc(a, sizeof **items * (size_t)cap);
    *n = 0;
    int step;
    while ((step = stmt_step(s)) == STMT_ROW) {
        *items = arena_grow(a, *items, *n, &cap, sizeof **items);
        agreement_from_row(a, s, &(*items)[(*n)++]);
    }
    stmt_done(s);
    rc = step == STMT_DONE ? 0 : store_fail(st, step, err);
    if (rc == 0 && f->with_details)
        rc = load_details(st, *items, *n, a, err);
done:
    read_end(st, opened);
    buf_free(&where);
    buf_free(&sql);
    return rc;
}

int
store_agreement_counts(struct store *st, const char *column, int today, struct arena *a,
                       struct count_row **rows, int *n, struct insyn_err *err)
{
    const char *sql =
        strcmp(column, "form") == 0
            ? "SELECT form, count(*) FROM agreement WHERE status IN ('active', 'ended') "
              "AND start_date <= ?1 AND end_date >= ?1 GROUP BY form ORDER BY count(*) DESC, form"
            : "SELECT service_area, count(*) FROM agreement WHERE status IN ('active', 'ended') "
              "AND start_date <= ?1 AND end_date >= ?1 GROUP BY service_area "
              "ORDER BY count(*) DESC, service_area";
    struct stmt *s = stmt_prepare(st, sql, err);
    if (!s)
        return INSYN_ESYS;
    bind_date(s, 1, today);
    *rows = arena_alloc(a, sizeof **rows * 32);
    *n = 0;
    while (*n < 32 && stmt_step(s) == STMT_ROW) {
        (*rows)[*n].code = col_text(a, s, 0);
        (*rows)[*n].count = col_int(s, 1);
        (*n)++;
    }
    stmt_done(s);
    return 0;
}
