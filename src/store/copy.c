/* copy.c — every row of one database written into another, whichever backend each is: a
 * municipality moved from SQLite to PostgreSQL or back (`insyn copy-data`).
 *
 * The tables are read from the target's catalogue and copied in an order that their foreign
 * keys accept (a table after those it refers to), each row as it is, ids and all, so that the
 * audit chain's records hash as before. The source is read in one snapshot; the caller holds
 * a write transaction on the target. */
#include "store/backend.h"
#include "store/internal.h"
#include "store/store.h"

#include "core/buf.h"

#include <string.h>

struct table {
    const char *name;
    const char **refs;
    int nrefs, copied;
};

/* The tables and whom they refer to; *n tables, sorted by name. */
static int
load_tables(struct store *st, struct arena *a, struct table **out, int *n, struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(st, st->be->table_references_sql, err);
    if (!q)
        return INSYN_ESYS;
    int cap = 64, rc;
    struct table *t = arena_alloc(a, sizeof *t * (size_t)cap);
    *n = 0;
    while ((rc = stmt_step(q)) == STMT_ROW) {
        const char *name = col_cstr(q, 0), *ref = col_cstr(q, 1);
        if (*n == 0 || strcmp(t[*n - 1].name, name) != 0) {
            t = arena_grow(a, t, *n, &cap, sizeof *t);
            t[*n] = (struct table){.name = arena_strdup(a, name),
                                   .refs = arena_alloc(a, sizeof(char *) * 16)};
            (*n)++;
        }
        struct table *cur = &t[*n - 1];
        if (ref && strcmp(ref, name) != 0 && cur->nrefs < 16)
            cur->refs[cur->nrefs++] = arena_strdup(a, ref);
    }
    stmt_done(q);
    *out = t;
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

static struct table *
find(struct table *t, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(t[i].name, name) == 0)
            return &t[i];
    return NULL;
}

/* order[] gets every table after the tables it refers to. */
static int
order_tables(struct table *t, int n, struct table **order, struct insyn_err *err)
{
    for (int placed = 0; placed < n;) {
        int progress = 0;
        for (int i = 0; i < n; i++) {
            if (t[i].copied)
                continue;
            int ready = 1;
            for (int r = 0; r < t[i].nrefs; r++) {
                struct table *ref = find(t, n, t[i].refs[r]);
                if (ref && !ref->copied)
                    ready = 0;
            }
            if (ready) {
                t[i].copied = 1;
                order[placed++] = &t[i];
                progress = 1;
            }
        }
        if (!progress)
            return err_incident(err, "copy: the tables' foreign keys form a cycle");
    }
    return 0;
}

/* Copies the rows of one table; *rows gets their count. */
static int
copy_table(struct store *from, struct store *to, const char *table, struct arena *a,
           long long *rows, struct insyn_err *err)
{
    struct stmt *q =
        stmt_prepare(from, arena_printf(a, "SELECT * FROM \"%s\" ORDER BY 1", table), err);
    if (!q)
        return INSYN_ESYS;
    struct stmt *ins = NULL;
    int rc, has_id = 0;
    *rows = 0;
    while ((rc = stmt_step(q)) == STMT_ROW) {
        int ncols = col_count(q);
        if (!ins) {
            struct buf cols, marks;
            buf_init(&cols);
            buf_init(&marks);
            for (int i = 0; i < ncols; i++) {
                buf_printf(&cols, "%s\"%s\"", i ? ", " : "", col_name(q, i));
                buf_puts(&marks, i ? ", ?" : "?");
                has_id |= strcmp(col_name(q, i), "id") == 0;
            }
            ins = stmt_prepare(to,
                               arena_printf(a, "INSERT INTO \"%s\" (%s) VALUES (%s)", table,
                                            cols.data, marks.data),
                               err);
            buf_free(&cols);
            buf_free(&marks);
            if (!ins) {
                stmt_done(q);
                return INSYN_ESYS;
            }
        }
        for (int i = 0; i < ncols; i++) {
            switch (col_kind(q, i)) {
            case COL_NULL:
                bind_null(ins, i + 1);
                break;
            case COL_INT:
                bind_int(ins, i + 1, col_int64(q, i));
                break;
            case COL_BLOB:
                bind_blob(ins, i + 1, col_blob(q, i), (size_t)col_bytes(q, i));
                break;
            default:
                bind_text(ins, i + 1, col_cstr(q, i));
            }
        }
        int failed = stmt_run(to, ins, err);
        if (failed) {
            stmt_done(q);
            return failed;
        }
        (*rows)++;
    }
    stmt_done(q);
    if (rc != STMT_DONE)
        return store_fail(from, rc, err);
    return has_id && to->be->reset_ids ? to->be->reset_ids(to, table, err) : 0;
}

int
store_copy(struct store *from, struct store *to, struct arena *a, struct copy_counts *out,
           struct insyn_err *err)
{
    struct table *src, *dst;
    int nsrc, ndst;
    int rc = load_tables(from, a, &src, &nsrc, err);
    if (rc == 0)
        rc = load_tables(to, a, &dst, &ndst, err);
    if (rc)
        return rc;
    for (int i = 0; i < ndst; i++)
        if (!find(src, nsrc, dst[i].name))
            return err_set(err, INSYN_EINVAL, "Tabellen %s finns inte i källdatabasen.",
                           dst[i].name);
    for (int i = 0; i < nsrc; i++)
        if (!find(dst, ndst, src[i].name))
            return err_set(err, INSYN_EINVAL, "Tabellen %s finns inte i måldatabasen.",
                           src[i].name);
    struct table **order = arena_alloc(a, sizeof *order * (size_t)ndst);
    if ((rc = order_tables(dst, ndst, order, err)) != 0)
        return rc;
    /* what the target's migrations put there (the built-in routines) gives way to the
     * source's rows, which may have been edited since; the migration record is each
     * database's own */
    for (int i = ndst - 1; i >= 0; i--) {
        if (strcmp(order[i]->name, "schema_migration") == 0)
            continue;
        struct stmt *s =
            stmt_prepare(to, arena_printf(a, "DELETE FROM \"%s\"", order[i]->name), err);
        if (!s)
            return INSYN_ESYS;
        if ((rc = stmt_run(to, s, err)) != 0)
            return rc;
    }
    *out = (struct copy_counts){0};
    /* one snapshot of the source: a server writing there meanwhile cannot tear the copy */
    int opened = read_begin(from, err);
    rc = opened < 0 ? opened : 0;
    for (int i = 0; i < ndst && !rc; i++) {
        if (strcmp(order[i]->name, "schema_migration") == 0)
            continue;
        long long rows;
        if ((rc = copy_table(from, to, order[i]->name, a, &rows, err)) == 0) {
            out->tables++;
            out->rows += rows;
        }
    }
    read_end(from, opened);
    return rc;
}

int
store_schema_version(struct store *st, int *version, struct insyn_err *err)
{
    struct stmt *s =
        stmt_prepare(st, "SELECT coalesce(max(version), 0) FROM schema_migration", err);
    if (!s)
        return INSYN_ESYS;
    int rc = stmt_step(s);
    *version = rc == STMT_ROW ? col_int(s, 0) : 0;
    stmt_done(s);
    return rc == STMT_ROW ? 0 : store_fail(st, rc, err);
}

int
store_holds_data(struct store *st, int *yes, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "SELECT (SELECT count(*) FROM audit) + (SELECT count(*) FROM "
                                  "app_user) + (SELECT count(*) FROM organisation)",
                                  err);
    if (!s)
        return INSYN_ESYS;
    int rc = stmt_step(s);
    *yes = rc == STMT_ROW && col_int64(s, 0) > 0;
    stmt_done(s);
    return rc == STMT_ROW ? 0 : store_fail(st, rc, err);
}
