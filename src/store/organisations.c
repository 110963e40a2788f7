/* organisations.c — organisations (providers) and their units. */
#include "store/internal.h"
#include "store/store.h"

#include "core/buf.h"
#include "core/date.h"

#include <stdio.h>
#include <string.h>

#define ORG_COLUMNS                                                                                \
    "o.id, o.name, o.org_nr, o.kind, o.legal_form, o.contact_name, o.contact_email, "              \
    "o.contact_phone, o.notes, o.created_at, o.updated_at"

static void
org_from_row(struct arena *a, struct stmt *s, struct organisation *o)
{
    o->id = col_int64(s, 0);
    o->name = col_text(a, s, 1);
    snprintf(o->org_nr, sizeof o->org_nr, "%s", col_cstr(s, 2));
    o->kind = col_text(a, s, 3);
    o->legal_form = col_text(a, s, 4);
    o->contact_name = col_text(a, s, 5);
    o->contact_email = col_text(a, s, 6);
    o->contact_phone = col_text(a, s, 7);
    o->notes = col_text(a, s, 8);
    o->created_at = col_text(a, s, 9);
    o->updated_at = col_text(a, s, 10);
}

static void
org_bind(struct stmt *s, const struct organisation *o)
{
    bind_text(s, 1, o->name);
    bind_text(s, 2, o->org_nr);
    bind_text(s, 3, o->kind);
    bind_text(s, 4, o->legal_form);
    bind_text(s, 5, o->contact_name);
    bind_text(s, 6, o->contact_email);
    bind_text(s, 7, o->contact_phone);
    bind_text(s, 8, o->notes);
    bind_text(s, 9, o->updated_at);
}

int
store_org_insert(struct store *st, struct organisation *o, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "INSERT INTO organisation (name, org_nr, kind, legal_form, contact_name, contact_email, "
        "contact_phone, notes, updated_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        err);
    if (!s)
        return INSYN_ESYS;
    org_bind(s, o);
    bind_text(s, 10, o->created_at);
    return stmt_insert(st, s, &o->id, err);
}

int
store_org_update(struct store *st, const struct organisation *o, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "UPDATE organisation SET name=?, org_nr=?, kind=?, legal_form=?, contact_name=?, "
        "contact_email=?, contact_phone=?, notes=?, updated_at=? WHERE id=?",
        err);
    if (!s)
        return INSYN_ESYS;
    org_bind(s, o);
    bind_int(s, 10, o->id);
    int rc = stmt_step(s);
    stmt_done(s);
    if (rc != STMT_DONE)
        return store_fail(st, rc, err);
    if (stmt_changes(st) == 0)
        return err_set(err, INSYN_ENOTFOUND, "Utföraren finns inte.");
    return 0;
}

int
store_org_get(struct store *st, long long id, struct arena *a, struct organisation *out,
              struct insyn_err *err)
{
    struct stmt *s =
        stmt_prepare(st,
                     "SELECT " ORG_COLUMNS ", "
                     "(SELECT count(*) FROM unit u WHERE u.organisation_id = o.id), "
                     "(SELECT count(*) FROM agreement g WHERE g.organisation_id = o.id) "
                     "FROM organisation o WHERE o.id = ?",
                     err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc == STMT_ROW) {
        org_from_row(a, s, out);
        out->unit_count = col_int(s, 11);
        out->agreement_count = col_int(s, 12);
    }
    stmt_done(s);
    if (rc == STMT_ROW)
        return 0;
    if (rc == STMT_DONE)
        return err_set(err, INSYN_ENOTFOUND, "Utföraren finns inte.");
    return store_fail(st, rc, err);
}

int
store_org_id_by_orgnr(struct store *st, const char *org_nr, long long *id)
{
    struct stmt *s = stmt_prepare(st, "SELECT id FROM organisation WHERE org_nr = ?", NULL);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, org_nr);
    int rc = stmt_step(s);
    if (rc == STMT_ROW)
        *id = col_int64(s, 0);
    stmt_done(s);
    return rc == STMT_ROW ? 0 : INSYN_ENOTFOUND;
}

int
store_org_list(struct store *st, const struct org_filter *f, struct arena *a,
               struct organisation **items, int *n, int *total, struct insyn_err *err)
{
    struct buf where;
    buf_init(&where);
    struct qparams qp = {0};
    buf_puts(&where, " WHERE 1=1");
    if (f->q && *f->q) {
        buf_puts(&where, " AND (lower(o.name) LIKE ? ESCAPE '\\' OR o.org_nr LIKE ? ESCAPE '\\')");
        char *pat = like_pattern(a, f->q);
        qp_text(&qp, pat);
        qp_text(&qp, pat);
    }
    if (f->kind && *f->kind) {
        buf_puts(&where, " AND o.kind = ?");
        qp_text(&qp, f->kind);
    }
    if (f->service_area && *f->service_area) {
        buf_puts(&where, " AND EXISTS (SELECT 1 FROM unit u WHERE u.organisation_id = o.id "
                         "AND u.service_area = ?)");
        qp_text(&qp, f->service_area);
    }
    if (f->only_id) {
        buf_puts(&where, " AND o.id = ?");
        qp_int(&qp, f->only_id);
    }

    static const struct {
        const char *key, *expr;
    } sorts[] = {{"name", "o.name"},
                 {"org_nr", "o.org_nr"},
                 {"kind", "o.kind"},
                 {"units", "units"},
                 {"agreements", "agreements"}};
    const char *order = "o.name";
    for (size_t i = 0; f->sort && i < sizeof sorts / sizeof sorts[0]; i++)
        if (strcmp(f->sort, sorts[i].key) == 0)
            order = sorts[i].expr;

    struct buf sql;
    buf_init(&sql);
    buf_printf(&sql, "SELECT count(*) FROM organisation o%s", where.data);
    int rc = INSYN_ESYS, opened = read_begin(st, err); /* the total and the page agree */
    struct stmt *s = opened < 0 ? NULL : stmt_prepare(st, sql.data, err);
    if (!s)
        goto done;
    if (qp_bind(st, &qp, s, 1, err))
        goto done;
    if (stmt_step(s) != STMT_ROW) {
        rc = store_fail(st, store_errcode(st), err);
        stmt_done(s);
        goto done;
    }
    *total = col_int(s, 0);
    stmt_done(s);

    buf_reset(&sql);
    buf_printf(&sql,
               "SELECT " ORG_COLUMNS ", "
               "(SELECT count(*) FROM unit u WHERE u.organisation_id = o.id) AS units, "
               "(SELECT count(*) FROM agreement g WHERE g.organisation_id = o.id) AS agreements "
               "FROM organisation o%s ORDER BY %s %s, o.id LIMIT ? OFFSET ?",
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
        struct organisation *o = &(*items)[(*n)++];
        org_from_row(a, s, o);
        o->unit_count = col_int(s, 11);
        o->agreement_count = col_int(s, 12);
    }
    stmt_done(s);
    rc = step == STMT_DONE ? 0 : store_fail(st, step, err);
done:
    read_end(st, opened);
    buf_free(&where);
    buf_free(&sql);
    return rc;
}

/* ---- units ---- */

#define UNIT_COLUMNS                                                                               \
    "u.id, u.organisation_id, o.name, u.name, u.service_area, u.capacity, u.address, "             \
    "u.ivo_permit_number, u.ivo_permit_status, u.ivo_permit_date, u.created_at, u.updated_at"

static void
unit_from_row(struct arena *a, struct stmt *s, struct unit *u)
{
    u->id = col_int64(s, 0);
    u->organisation_id = col_int64(s, 1);
    u->organisation_name = col_text(a, s, 2);
    u->name = col_text(a, s, 3);
    u->service_area = col_text(a, s, 4);
    u->capacity = col_is_null(s, 5) ? -1 : col_int(s, 5);
    u->address = col_text(a, s, 6);
    u->ivo_permit_number = col_text(a, s, 7);
    u->ivo_permit_status = col_text(a, s, 8);
    u->ivo_permit_date = col_date(s, 9);
    u->created_at = col_text(a, s, 10);
    u->updated_at = col_text(a, s, 11);
}

static void
unit_bind(struct stmt *s, const struct unit *u)
{
    bind_int(s, 1, u->organisation_id);
    bind_text(s, 2, u->name);
    bind_text(s, 3, u->service_area);
    if (u->capacity < 0)
        bind_null(s, 4);
    else
        bind_int(s, 4, u->capacity);
    bind_text(s, 5, u->address);
    bind_text(s, 6, u->ivo_permit_number);
    bind_text(s, 7, u->ivo_permit_status);
    bind_date(s, 8, u->ivo_permit_date);
    bind_text(s, 9, u->updated_at);
}

int
store_unit_insert(struct store *st, struct unit *u, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "INSERT INTO unit (organisation_id, name, service_area, capacity, address, "
        "ivo_permit_number, ivo_permit_status, ivo_permit_date, updated_at, created_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?)",
        err);
    if (!s)
        return INSYN_ESYS;
    unit_bind(s, u);
    bind_text(s, 10, u->created_at);
    return stmt_insert(st, s, &u->id, err);
}

int
store_unit_update(struct store *st, const struct unit *u, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "UPDATE unit SET organisation_id=?, name=?, service_area=?, capacity=?, address=?, "
        "ivo_permit_number=?, ivo_permit_status=?, ivo_permit_date=?, updated_at=? WHERE id=?",
        err);
    if (!s)
        return INSYN_ESYS;
    unit_bind(s, u);
    bind_int(s, 10, u->id);
    int rc = stmt_step(s);
    stmt_done(s);
    if (rc != STMT_DONE)
        return store_fail(st, rc, err);
    if (stmt_changes(st) == 0)
        return err_set(err, INSYN_ENOTFOUND, "Enheten finns inte.");
    return 0;
}

int
store_unit_get(struct store *st, long long id, struct arena *a, struct unit *out,
               struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "SELECT " UNIT_COLUMNS " FROM unit u "
                                  "JOIN organisation o ON o.id = u.organisation_id WHERE u.id = ?",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc == STMT_ROW)
        unit_from_row(a, s, out);
    stmt_done(s);
    if (rc == STMT_ROW)
        return 0;
    if (rc == STMT_DONE)
        return err_set(err, INSYN_ENOTFOUND, "Enheten finns inte.");
    return store_fail(st, rc, err);
}

int
store_unit_list(struct store *st, const struct unit_filter *f, struct arena *a, struct unit **items,
                int *n, int *total, struct insyn_err *err)
{
    struct buf where, sql;
    buf_init(&where);
    buf_init(&sql);
    struct qparams qp = {0};
    buf_puts(&where, " WHERE 1=1");
    if (f->organisation_id) {
        buf_puts(&where, " AND u.organisation_id = ?");
        qp_int(&qp, f->organisation_id);
    }
    if (f->service_area && *f->service_area) {
        buf_puts(&where, " AND u.service_area = ?");
        qp_text(&qp, f->service_area);
    }
    if (f->q && *f->q) {
        buf_puts(&where, " AND lower(u.name) LIKE ? ESCAPE '\\'");
        qp_text(&qp, like_pattern(a, f->q));
    }
    int rc = INSYN_ESYS, opened = read_begin(st, err); /* the total and the page agree */
    buf_printf(&sql, "SELECT count(*) FROM unit u%s", where.data);
    struct stmt *s = opened < 0 ? NULL : stmt_prepare(st, sql.data, err);
    if (!s)
        goto done;
    if (qp_bind(st, &qp, s, 1, err))
        goto done;
    *total = stmt_step(s) == STMT_ROW ? col_int(s, 0) : 0;
    stmt_done(s);

    buf_reset(&sql);
    buf_printf(&sql,
               "SELECT " UNIT_COLUMNS " FROM unit u JOIN organisation o ON o.id = "
               "u.organisation_id%s ORDER BY u.name, u.id LIMIT ? OFFSET ?",
               where.data);
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
        unit_from_row(a, s, &(*items)[(*n)++]);
    }
    stmt_done(s);
    rc = step == STMT_DONE ? 0 : store_fail(st, step, err);
done:
    read_end(st, opened);
    buf_free(&where);
    buf_free(&sql);
    return rc;
}
