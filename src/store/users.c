/* users.c — users, sessions and API tokens. Secrets are stored only as hashes. */
#include "store/internal.h"
#include "store/store.h"

#include <string.h>

#define USER_COLUMNS "id, email, name, role, organisation_id, password_hash"

static void
user_from_row(struct arena *a, struct stmt *s, int first, struct user *u)
{
    u->id = col_int64(s, first);
    u->email = col_text(a, s, first + 1);
    u->name = col_text(a, s, first + 2);
    u->role = role_parse(col_cstr(s, first + 3));
    u->organisation_id = col_int64(s, first + 4);
    u->password_hash = col_text(a, s, first + 5);
}

int
store_user_insert(struct store *st, struct user *u, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "INSERT INTO app_user (email, name, role, organisation_id, "
                                  "password_hash, created_at) VALUES (?,?,?,?,?,?)",
                                  err);
    if (!s)
        return INSYN_ESYS;
    char now[21];
    utc_timestamp(now);
    bind_text(s, 6, now);
    bind_text(s, 1, u->email);
    bind_text(s, 2, u->name);
    bind_text(s, 3, role_code(u->role));
    bind_opt_id(s, 4, u->organisation_id);
    bind_text(s, 5, u->password_hash);
    return stmt_insert(st, s, &u->id, err);
}

static int
user_one(struct store *st, const char *sql, const char *text, long long id, struct arena *a,
         struct user *out)
{
    struct stmt *s = stmt_prepare(st, sql, NULL);
    if (!s)
        return INSYN_ESYS;
    if (text)
        bind_text(s, 1, text);
    else
        bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc == STMT_ROW)
        user_from_row(a, s, 0, out);
    stmt_done(s);
    return rc == STMT_ROW ? 0 : INSYN_ENOTFOUND;
}

int
store_user_by_email(struct store *st, const char *email, struct arena *a, struct user *out)
{
    return user_one(st, "SELECT " USER_COLUMNS " FROM app_user WHERE lower(email) = lower(?)",
                    email, 0, a, out);
}

int
store_user_by_id(struct store *st, long long id, struct arena *a, struct user *out)
{
    return user_one(st, "SELECT " USER_COLUMNS " FROM app_user WHERE id = ?", NULL, id, a, out);
}

int
store_user_list(struct store *st, enum role role, struct arena *a, struct user **items, int *n,
                struct insyn_err *err)
{
    /* ROLE_NONE lists every user */
    const char *code = role == ROLE_NONE ? "" : role_code(role);
    struct stmt *s = stmt_prepare(
        st, "SELECT " USER_COLUMNS " FROM app_user WHERE ?1 = '' OR role = ?1 ORDER BY name", err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, code);
    *items = arena_alloc(a, sizeof **items); /* never NULL, even for none */
    *n = 0;
    int cap = 1, rc;
    while ((rc = stmt_step(s)) == STMT_ROW) {
        *items = arena_grow(a, *items, *n, &cap, sizeof **items);
        user_from_row(a, s, 0, &(*items)[(*n)++]);
    }
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

int
store_session_insert(struct store *st, const char *token_hash, long long user_id, const char *csrf,
                     const char *created_at, const char *expires_at, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "INSERT INTO session (token_hash, user_id, csrf_token, "
                                  "created_at, expires_at) VALUES (?,?,?,?,?)",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, token_hash);
    bind_int(s, 2, user_id);
    bind_text(s, 3, csrf);
    bind_text(s, 4, created_at);
    bind_text(s, 5, expires_at);
    return stmt_run(st, s, err);
}

int
store_session_get(struct store *st, const char *token_hash, const char *now, struct arena *a,
                  struct user *user, char **csrf, long long *version)
{
    /* the data version comes along: the caches a request may answer from need it, and on a
     * database server each query is a round trip */
    struct stmt *s = stmt_prepare(st,
                                  "SELECT s.csrf_token, u.id, u.email, u.name, u.role, "
                                  "u.organisation_id, u.password_hash, "
                                  "(SELECT coalesce(max(id), 0) FROM audit) FROM session s "
                                  "JOIN app_user u ON u.id = s.user_id "
                                  "WHERE s.token_hash = ? AND s.expires_at > ?",
                                  NULL);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, token_hash);
    bind_text(s, 2, now);
    int rc = stmt_step(s);
    if (rc == STMT_ROW) {
        *csrf = col_text(a, s, 0);
        user_from_row(a, s, 1, user);
        if (version)
            *version = col_int64(s, 7);
    }
    stmt_done(s);
    return rc == STMT_ROW ? 0 : INSYN_ENOTFOUND;
}

int
store_session_delete(struct store *st, const char *token_hash, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st, "DELETE FROM session WHERE token_hash = ?", err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, token_hash);
    return stmt_run(st, s, err);
}

int
store_session_purge(struct store *st, const char *now, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st, "DELETE FROM session WHERE expires_at <= ?", err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, now);
    return stmt_run(st, s, err);
}

int
store_token_insert(struct store *st, const char *token_hash, long long user_id,
                   const char *created_at, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "INSERT INTO api_token (token_hash, user_id, created_at) "
                                  "VALUES (?,?,?)",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, token_hash);
    bind_int(s, 2, user_id);
    bind_text(s, 3, created_at);
    return stmt_run(st, s, err);
}

int
store_token_user(struct store *st, const char *token_hash, struct arena *a, struct user *user)
{
    struct stmt *s =
        stmt_prepare(st,
                     "SELECT u.id, u.email, u.name, u.role, u.organisation_id, "
                     "u.password_hash FROM api_token t JOIN app_user u ON "
                     "u.id = t.user_id WHERE t.token_hash = ? AND t.revoked_at IS NULL",
                     NULL);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, token_hash);
    int rc = stmt_step(s);
    if (rc == STMT_ROW)
        user_from_row(a, s, 0, user);
    stmt_done(s);
    return rc == STMT_ROW ? 0 : INSYN_ENOTFOUND;
}
