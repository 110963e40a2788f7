/* login.c — counts of failed logins and the browsers users have logged in from.
 *
 * Both tables only ever hold what is still in force: a count is purged once forgotten and a
 * browser once expired, and each user keeps a bounded number of browsers. */
#include "store/internal.h"
#include "store/store.h"

int
store_throttle_get(struct store *st, const char *kind, const char *subject, const char *now,
                   struct arena *a, struct throttle_count *out, struct insyn_err *err)
{
    *out = (struct throttle_count){0};
    struct stmt *s = stmt_prepare(st,
                                  "SELECT failures, last_failure_at, blocked_until, forget_at "
                                  "FROM login_throttle WHERE kind = ? AND subject = ? "
                                  "AND forget_at > ?",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, kind);
    bind_text(s, 2, subject);
    bind_text(s, 3, now);
    int rc = stmt_step(s);
    if (rc == STMT_ROW) {
        out->failures = col_int(s, 0);
        out->last_failure_at = col_text(a, s, 1);
        out->blocked_until = col_text_or_null(a, s, 2);
        out->forget_at = col_text(a, s, 3);
    }
    stmt_done(s);
    return rc == STMT_ROW || rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

int
store_throttle_put(struct store *st, const char *kind, const char *subject,
                   const struct throttle_count *c, struct insyn_err *err)
{
    /* INSERT … ON CONFLICT DO UPDATE: SQLite 3.24 and later, PostgreSQL 9.5 and later */
    struct stmt *s =
        stmt_prepare(st,
                     "INSERT INTO login_throttle (kind, subject, failures, last_failure_at, "
                     "blocked_until, forget_at) VALUES (?,?,?,?,?,?) "
                     "ON CONFLICT (kind, subject) DO UPDATE SET failures = excluded.failures, "
                     "last_failure_at = excluded.last_failure_at, "
                     "blocked_until = excluded.blocked_until, forget_at = excluded.forget_at",
                     err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, kind);
    bind_text(s, 2, subject);
    bind_int(s, 3, c->failures);
    bind_text(s, 4, c->last_failure_at);
    if (c->blocked_until)
        bind_text(s, 5, c->blocked_until);
    bind_text(s, 6, c->forget_at);
    return stmt_run(st, s, err);
}

int
store_throttle_clear(struct store *st, const char *kind, const char *subject, struct insyn_err *err)
{
    struct stmt *s =
        stmt_prepare(st, "DELETE FROM login_throttle WHERE kind = ? AND subject = ?", err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, kind);
    bind_text(s, 2, subject);
    return stmt_run(st, s, err);
}

int
store_throttle_purge(struct store *st, const char *now, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st, "DELETE FROM login_throttle WHERE forget_at <= ?", err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, now);
    return stmt_run(st, s, err);
}

int
store_browser_user(struct store *st, const char *token_hash, const char *now, long long *user_id)
{
    *user_id = 0;
    struct stmt *s = stmt_prepare(
        st, "SELECT user_id FROM login_browser WHERE token_hash = ? AND expires_at > ?", NULL);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, token_hash);
    bind_text(s, 2, now);
    int rc = stmt_step(s);
    if (rc == STMT_ROW)
        *user_id = col_int64(s, 0);
    stmt_done(s);
    return rc == STMT_ROW ? 0 : INSYN_ENOTFOUND;
}

int
store_browser_insert(struct store *st, const char *token_hash, long long user_id, const char *now,
                     const char *expires_at, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "INSERT INTO login_browser (token_hash, user_id, created_at, "
                                  "last_login_at, expires_at) VALUES (?,?,?,?,?)",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, token_hash);
    bind_int(s, 2, user_id);
    bind_text(s, 3, now);
    bind_text(s, 4, now);
    bind_text(s, 5, expires_at);
    return stmt_run(st, s, err);
}

int
store_browser_touch(struct store *st, const char *token_hash, const char *now,
                    const char *expires_at, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st, "UPDATE login_browser SET last_login_at = ?, expires_at = ? WHERE token_hash = ?", err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, now);
    bind_text(s, 2, expires_at);
    bind_text(s, 3, token_hash);
    return stmt_run(st, s, err);
}

int
store_browser_prune(struct store *st, long long user_id, int keep, const char *now,
                    struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st, "DELETE FROM login_browser WHERE expires_at <= ?", err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, now);
    int rc = stmt_run(st, s, err);
    if (rc)
        return rc;
    s = stmt_prepare(st,
                     "DELETE FROM login_browser WHERE user_id = ?1 AND token_hash NOT IN "
                     "(SELECT token_hash FROM login_browser WHERE user_id = ?1 "
                     "ORDER BY last_login_at DESC, token_hash LIMIT ?2)",
                     err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, user_id);
    bind_int(s, 2, keep);
    return stmt_run(st, s, err);
}
