/* volume.c — placements and assignments (migration 012): inserts, lists per agreement or unit
 * with paging, counts, and the look-ups an import needs (an agreement by case reference). */
#include "store/internal.h"
#include "store/store.h"

#include "core/buf.h"
#include "core/date.h"
#include "core/volume.h"

#include <string.h>

#define PLACEMENT_COLUMNS                                                                          \
    "p.id, p.organisation_id, p.unit_id, p.agreement_id, p.client, p.case_worker, p.start_date, "  \
    "p.end_date, p.end_reason, p.created_at, o.org_nr, o.name, u.name, g.case_ref"
#define PLACEMENT_FROM                                                                             \
    " FROM placement p JOIN organisation o ON o.id = p.organisation_id"                            \
    " JOIN unit u ON u.id = p.unit_id JOIN agreement g ON g.id = p.agreement_id"

static void
placement_from_row(struct arena *a, struct stmt *s, struct placement *out)
{
    out->id = col_int64(s, 0);
    out->organisation_id = col_int64(s, 1);
    out->unit_id = col_int64(s, 2);
    out->agreement_id = col_int64(s, 3);
    out->client = col_text(a, s, 4);
    out->case_worker = col_text(a, s, 5);
    out->start = col_date(s, 6);
    out->end = col_date(s, 7);
    out->end_reason = col_text(a, s, 8);
    out->created_at = col_text(a, s, 9);
    out->org_nr = col_text(a, s, 10);
    out->organisation_name = col_text(a, s, 11);
    out->unit_name = col_text(a, s, 12);
    out->case_ref = col_text(a, s, 13);
}

#define ASSIGNMENT_COLUMNS                                                                         \
    "x.id, x.agreement_id, x.client, x.kind, x.age_group, x.received, x.closed, x.minutes, "       \
    "x.goal_outcome, x.reason, x.created_at, g.case_ref"
#define ASSIGNMENT_FROM " FROM assignment x JOIN agreement g ON g.id = x.agreement_id"

static void
assignment_from_row(struct arena *a, struct stmt *s, struct assignment *out)
{
    out->id = col_int64(s, 0);
    out->agreement_id = col_int64(s, 1);
    out->client = col_text(a, s, 2);
    out->kind = col_text(a, s, 3);
    out->age_group = col_text(a, s, 4);
    out->received = col_date(s, 5);
    out->closed = col_date(s, 6);
    out->minutes = col_int64(s, 7);
    out->goal_outcome = col_text(a, s, 8);
    out->reason = col_text(a, s, 9);
    out->created_at = col_text(a, s, 10);
    out->case_ref = col_text(a, s, 11);
}

int
store_placement_insert(struct store *st, struct placement *p, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "INSERT INTO placement (organisation_id, unit_id, agreement_id, client, case_worker, "
        "start_date, end_date, end_reason, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, p->organisation_id);
    bind_int(s, 2, p->unit_id);
    bind_int(s, 3, p->agreement_id);
    bind_text(s, 4, p->client);
    bind_text(s, 5, p->case_worker);
    bind_date(s, 6, p->start);
    bind_date(s, 7, p->end);
    bind_text(s, 8, p->end_reason ? p->end_reason : "");
    bind_text(s, 9, p->created_at);
    return stmt_insert(st, s, &p->id, err);
}

int
store_placement_get(struct store *st, long long id, struct arena *a, struct placement *out,
                    struct insyn_err *err)
{
    struct stmt *s =
        stmt_prepare(st, "SELECT " PLACEMENT_COLUMNS PLACEMENT_FROM " WHERE p.id = ?", err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc == STMT_ROW)
        placement_from_row(a, s, out);
    stmt_done(s);
    if (rc == STMT_ROW)
        return 0;
    if (rc == STMT_DONE)
        return err_set(err, INSYN_ENOTFOUND, "Placeringen finns inte.");
    return store_fail(st, rc, err);
}

int
store_assignment_insert(struct store *st, struct assignment *x, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "INSERT INTO assignment (agreement_id, client, kind, age_group, received, closed, minutes, "
        "goal_outcome, reason, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, x->agreement_id);
    bind_text(s, 2, x->client);
    bind_text(s, 3, x->kind);
    bind_text(s, 4, x->age_group);
    bind_date(s, 5, x->received);
    bind_date(s, 6, x->closed);
    bind_int(s, 7, x->minutes);
    bind_text(s, 8, x->goal_outcome ? x->goal_outcome : "");
    bind_text(s, 9, x->reason ? x->reason : "");
    bind_text(s, 10, x->created_at);
    return stmt_insert(st, s, &x->id, err);
}

int
store_assignment_get(struct store *st, long long id, struct arena *a, struct assignment *out,
                     struct insyn_err *err)
{
    struct stmt *s =
        stmt_prepare(st, "SELECT " ASSIGNMENT_COLUMNS ASSIGNMENT_FROM " WHERE x.id = ?", err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc == STMT_ROW)
        assignment_from_row(a, s, out);
    stmt_done(s);
    if (rc == STMT_ROW)
        return 0;
    if (rc == STMT_DONE)
        return err_set(err, INSYN_ENOTFOUND, "Uppdraget finns inte.");
    return store_fail(st, rc, err);
}

/* One page of rows and the total of every match, in one read transaction: count_sql and
 * page_sql take the same parameters (an id), page_sql two more (LIMIT, OFFSET). */
static int
volume_page(struct store *st, const char *count_sql, const char *page_sql, long long key,
            const struct volume_filter *f, struct arena *a, void **items, size_t size,
            void (*from_row)(struct arena *, struct stmt *, void *), int *n, int *total,
            struct insyn_err *err)
{
    int rc = INSYN_ESYS, opened = read_begin(st, err); /* the total and the page agree */
    struct stmt *s = NULL;
    *n = *total = 0;
    *items = NULL;
    if (opened < 0)
        goto done;
    if (!(s = stmt_prepare(st, count_sql, err)))
        goto done;
    bind_int(s, 1, key);
    if (stmt_step(s) != STMT_ROW) {
        rc = store_fail(st, store_errcode(st), err);
        stmt_done(s);
        goto done;
    }
    *total = col_int(s, 0);
    stmt_done(s);
    if (!(s = stmt_prepare(st, page_sql, err)))
        goto done;
    int per = f->per_page > 0 ? f->per_page : 50, page = f->page > 0 ? f->page : 1;
    bind_int(s, 1, key);
    bind_int(s, 2, per);
    bind_int(s, 3, (long long)(page - 1) * per);
    int cap = per < 64 ? per : 64, step;
    *items = arena_alloc(a, size * (size_t)cap);
    while ((step = stmt_step(s)) == STMT_ROW) {
        *items = arena_grow(a, *items, *n, &cap, size);
        from_row(a, s, (char *)*items + size * (size_t)(*n)++);
    }
    stmt_done(s);
    rc = step == STMT_DONE ? 0 : store_fail(st, step, err);
done:
    read_end(st, opened);
    return rc;
}

static void
placement_row(struct arena *a, struct stmt *s, void *out)
{
    placement_from_row(a, s, out);
}

static void
assignment_row(struct arena *a, struct stmt *s, void *out)
{
    assignment_from_row(a, s, out);
}

int
store_placement_list(struct store *st, const struct volume_filter *f, struct arena *a,
                     struct placement **items, int *n, int *total, struct insyn_err *err)
{
    /* newest start first; by unit when one is named, else by agreement */
    if (f->unit_id)
        return volume_page(st, "SELECT count(*) FROM placement WHERE unit_id = ?",
                           "SELECT " PLACEMENT_COLUMNS PLACEMENT_FROM
                           " WHERE p.unit_id = ? ORDER BY p.start_date DESC, p.id DESC"
                           " LIMIT ? OFFSET ?",
                           f->unit_id, f, a, (void **)items, sizeof **items, placement_row, n,
                           total, err);
    return volume_page(st, "SELECT count(*) FROM placement WHERE agreement_id = ?",
                       "SELECT " PLACEMENT_COLUMNS PLACEMENT_FROM
                       " WHERE p.agreement_id = ? ORDER BY p.start_date DESC, p.id DESC"
                       " LIMIT ? OFFSET ?",
                       f->agreement_id, f, a, (void **)items, sizeof **items, placement_row, n,
                       total, err);
}

int
store_assignment_list(struct store *st, const struct volume_filter *f, struct arena *a,
                      struct assignment **items, int *n, int *total, struct insyn_err *err)
{
    return volume_page(st, "SELECT count(*) FROM assignment WHERE agreement_id = ?",
                       "SELECT " ASSIGNMENT_COLUMNS ASSIGNMENT_FROM
                       " WHERE x.agreement_id = ? ORDER BY x.received DESC, x.id DESC"
                       " LIMIT ? OFFSET ?",
                       f->agreement_id, f, a, (void **)items, sizeof **items, assignment_row, n,
                       total, err);
}

/* Every row of one query that takes an id and a date (the last day wanted), in one statement. */
static int
volume_rows(struct store *st, const char *sql, long long key, int until, struct arena *a,
            void **items, size_t size, void (*from_row)(struct arena *, struct stmt *, void *),
            int *n, struct insyn_err *err)
{
    *n = 0;
    struct stmt *s = stmt_prepare(st, sql, err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, key);
    bind_date(s, 2, until);
    int cap = 64, step;
    *items = arena_alloc(a, size * (size_t)cap);
    while ((step = stmt_step(s)) == STMT_ROW) {
        *items = arena_grow(a, *items, *n, &cap, size);
        from_row(a, s, (char *)*items + size * (size_t)(*n)++);
    }
    stmt_done(s);
    return step == STMT_DONE ? 0 : store_fail(st, step, err);
}

int
store_assignments_until(struct store *st, long long agreement_id, int until, struct arena *a,
                        struct assignment **items, int *n, struct insyn_err *err)
{
    return volume_rows(st,
                       "SELECT " ASSIGNMENT_COLUMNS ASSIGNMENT_FROM
                       " WHERE x.agreement_id = ? AND x.received <= ? ORDER BY x.received, x.id",
                       agreement_id, until, a, (void **)items, sizeof **items, assignment_row, n,
                       err);
}

int
store_placements_until(struct store *st, long long agreement_id, int until, struct arena *a,
                       struct placement **items, int *n, struct insyn_err *err)
{
    return volume_rows(
        st,
        "SELECT " PLACEMENT_COLUMNS PLACEMENT_FROM
        " WHERE p.agreement_id = ? AND p.start_date <= ? ORDER BY p.start_date, p.id",
        agreement_id, until, a, (void **)items, sizeof **items, placement_row, n, err);
}

int
store_volume_first_date(struct store *st, long long agreement_id, int *first, struct insyn_err *err)
{
    *first = DATE_NONE;
    struct stmt *s =
        stmt_prepare(st,
                     "SELECT (SELECT min(received) FROM assignment WHERE agreement_id = ?1),"
                     " (SELECT min(start_date) FROM placement WHERE agreement_id = ?1)",
                     err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, agreement_id);
    int rc = stmt_step(s);
    if (rc == STMT_ROW)
        for (int i = 0; i < 2; i++) {
            int d = col_date(s, i);
            if (d != DATE_NONE && (*first == DATE_NONE || d < *first))
                *first = d;
        }
    stmt_done(s);
    return rc == STMT_ROW ? 0 : store_fail(st, rc, err);
}

int
store_volume_counts(struct store *st, long long agreement_id, struct volume_counts *out,
                    struct insyn_err *err)
{
    memset(out, 0, sizeof *out);
    struct stmt *s = stmt_prepare(
        st,
        "SELECT (SELECT count(*) FROM placement WHERE agreement_id = ?1),"
        " (SELECT count(*) FROM placement WHERE agreement_id = ?1 AND end_date IS NULL),"
        " (SELECT count(*) FROM assignment WHERE agreement_id = ?1),"
        " (SELECT count(*) FROM assignment WHERE agreement_id = ?1 AND closed IS NULL)",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, agreement_id);
    int rc = stmt_step(s);
    if (rc == STMT_ROW) {
        out->placements = col_int(s, 0);
        out->placements_ongoing = col_int(s, 1);
        out->assignments = col_int(s, 2);
        out->assignments_ongoing = col_int(s, 3);
    }
    stmt_done(s);
    return rc == STMT_ROW ? 0 : store_fail(st, rc, err);
}

int
store_agreement_id_by_case_ref(struct store *st, const char *case_ref, long long organisation_id,
                               long long *id, int *count)
{
    struct insyn_err ignore = {0};
    struct stmt *s = stmt_prepare(st,
                                  "SELECT count(*), min(id) FROM agreement WHERE case_ref = ?1"
                                  " AND (?2 = 0 OR organisation_id = ?2)",
                                  &ignore);
    *id = 0;
    *count = 0;
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, case_ref);
    bind_int(s, 2, organisation_id);
    int rc = stmt_step(s);
    if (rc == STMT_ROW) {
        *count = col_int(s, 0);
        *id = col_int64(s, 1);
    }
    stmt_done(s);
    if (rc != STMT_ROW)
        return INSYN_ESYS;
    return *count ? 0 : INSYN_ENOTFOUND;
}

int
store_agreement_ids_by_case_ref(struct store *st, const char *case_ref, long long organisation_id,
                                struct arena *a, long long **ids, int *n, struct insyn_err *err)
{
    *n = 0;
    *ids = NULL;
    struct stmt *s = stmt_prepare(st,
                                  "SELECT id FROM agreement WHERE case_ref = ?1"
                                  " AND (?2 = 0 OR organisation_id = ?2) ORDER BY id",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, case_ref);
    bind_int(s, 2, organisation_id);
    int cap = 8, step;
    *ids = arena_alloc(a, sizeof **ids * (size_t)cap);
    while ((step = stmt_step(s)) == STMT_ROW) {
        *ids = arena_grow(a, *ids, *n, &cap, sizeof **ids);
        (*ids)[(*n)++] = col_int64(s, 0);
    }
    stmt_done(s);
    return step == STMT_DONE ? 0 : store_fail(st, step, err);
}
