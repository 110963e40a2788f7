/* calendar.c — calendar feed links. Only the SHA-256 of a link's token is stored. */
#include "store/internal.h"
#include "store/store.h"

#include <string.h>

int
store_calendar_feed_insert(struct store *st, const char *token_hash, long long user_id,
                           long long agreement_id, const char *now, long long *id,
                           struct insyn_err *err)
{
    struct stmt *s =
        stmt_prepare(st,
                     "INSERT INTO calendar_feed (token_hash, user_id, agreement_id, created_at) "
                     "VALUES (?,?,?,?)",
                     err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, token_hash);
    bind_int(s, 2, user_id);
    bind_opt_id(s, 3, agreement_id);
    bind_text(s, 4, now);
    return stmt_insert(st, s, id, err);
}

int
store_calendar_feed_revoke(struct store *st, long long id, long long user_id,
                           long long agreement_id, const char *now, int *revoked,
                           struct insyn_err *err)
{
    struct stmt *s =
        id ? stmt_prepare(st,
                          "UPDATE calendar_feed SET revoked_at = ?1 WHERE id = ?2 "
                          "AND user_id = ?3 AND revoked_at IS NULL",
                          err)
           : stmt_prepare(st,
                          "UPDATE calendar_feed SET revoked_at = ?1 WHERE user_id = ?3 "
                          "AND coalesce(agreement_id, 0) = ?4 AND revoked_at IS NULL",
                          err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, now);
    if (id)
        bind_int(s, 2, id);
    bind_int(s, 3, user_id);
    if (!id)
        bind_int(s, 4, agreement_id);
    int rc = stmt_step(s);
    stmt_done(s);
    if (rc != STMT_DONE)
        return store_fail(st, rc, err);
    *revoked = stmt_changes(st);
    return 0;
}

static void
feed_from_row(struct arena *a, struct stmt *s, struct calendar_feed_row *f)
{
    f->id = col_int64(s, 0);
    f->user_id = col_int64(s, 1);
    f->agreement_id = col_int64(s, 2);
    f->created_at = col_text(a, s, 3);
    f->case_ref = col_text(a, s, 4);
    f->agreement_title = col_text(a, s, 5);
}

#define FEED_COLUMNS                                                                               \
    "SELECT f.id, f.user_id, coalesce(f.agreement_id, 0), f.created_at, "                          \
    "coalesce(g.case_ref, ''), coalesce(g.title, '') FROM calendar_feed f "                        \
    "LEFT JOIN agreement g ON g.id = f.agreement_id "

int
store_calendar_feed_list(struct store *st, long long user_id, struct arena *a,
                         struct calendar_feed_row **rows, int *n, struct insyn_err *err)
{
    struct stmt *s =
        stmt_prepare(st,
                     FEED_COLUMNS "WHERE f.user_id = ? AND f.revoked_at IS NULL "
                                  "ORDER BY f.agreement_id IS NOT NULL, g.case_ref, f.id",
                     err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, user_id);
    int cap = 8, rc;
    *rows = arena_alloc(a, sizeof **rows * (size_t)cap);
    *n = 0;
    while ((rc = stmt_step(s)) == STMT_ROW) {
        if (*n == cap) {
            struct calendar_feed_row *grown = arena_alloc(a, sizeof *grown * (size_t)cap * 2);
            memcpy(grown, *rows, sizeof *grown * (size_t)cap);
            *rows = grown;
            cap *= 2;
        }
        feed_from_row(a, s, &(*rows)[(*n)++]);
    }
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

int
store_calendar_feed_by_token(struct store *st, const char *token_hash, struct arena *a,
                             struct calendar_feed_row *out)
{
    struct stmt *s =
        stmt_prepare(st, FEED_COLUMNS "WHERE f.token_hash = ? AND f.revoked_at IS NULL", NULL);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, token_hash);
    int rc = stmt_step(s);
    if (rc == STMT_ROW)
        feed_from_row(a, s, out);
    stmt_done(s);
    return rc == STMT_ROW ? 0 : INSYN_ENOTFOUND;
}
