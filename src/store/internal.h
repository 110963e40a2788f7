/* internal.h — helpers shared by the SQLite backend's files; not for use outside store/. */
#ifndef INSYN_STORE_INTERNAL_H
#define INSYN_STORE_INTERNAL_H

#include "core/arena.h"
#include "core/err.h"

#include <sqlite3.h>

struct store {
    sqlite3 *db;
    struct stmt_cache_entry {
        char *sql;
        sqlite3_stmt *stmt;
    } cache[256]; /* every fixed statement (about 150) and the filter variants in use */
    int ncache;
};

/* A prepared statement for sql, reset and with bindings cleared; cached per connection. */
sqlite3_stmt *stmt_prepare(struct store *st, const char *sql, struct insyn_err *err);
/* Resets the statement so that it releases its read snapshot. */
void stmt_done(sqlite3_stmt *s);

void bind_text(sqlite3_stmt *s, int i, const char *v);
void bind_int(sqlite3_stmt *s, int i, long long v);
void bind_date(sqlite3_stmt *s, int i, int date);        /* NULL for DATE_NONE */
void bind_opt_id(sqlite3_stmt *s, int i, long long v);   /* NULL for 0 */
char *col_text(struct arena *a, sqlite3_stmt *s, int i); /* "" for NULL */
char *col_text_or_null(struct arena *a, sqlite3_stmt *s, int i);
int col_date(sqlite3_stmt *s, int i); /* DATE_NONE for NULL */

/* Runs a statement that returns no rows and resets it: 0 or the mapped error. */
int stmt_run(struct store *st, sqlite3_stmt *s, struct insyn_err *err);
/* Runs an INSERT and resets it; *id is the new row's id. */
int stmt_insert(struct store *st, sqlite3_stmt *s, long long *id, struct insyn_err *err);

/* A read that takes several queries runs in one read transaction, so that a write committed
 * in between cannot make them disagree. Inside a caller's transaction (a use case that
 * writes) there is nothing to open: read_begin returns 0 then, 1 when it opened one, and
 * read_end closes only what read_begin opened. */
int read_begin(struct store *st, struct insyn_err *err);
void read_end(struct store *st, int opened);

/* Maps a failed step to an error; unique violations become INSYN_ECONFLICT. */
int store_fail(struct store *st, int rc, struct insyn_err *err);
/* Steps a bound statement to its end, each row read into a new element (of `size` bytes) of the
 * array *out by fill; *n the count. Resets the statement. */
int stmt_rows(struct store *st, sqlite3_stmt *q, struct arena *a, size_t size,
              void (*fill)(void *row, sqlite3_stmt *q, struct arena *a), void **out, int *n,
              struct insyn_err *err);

#endif

/* Parameters collected while choosing fixed SQL fragments for a filter. */
struct qparams {
    int n, overflow; /* overflow: more parameters than v holds; qp_bind refuses */
    struct {
        int is_text;
        long long i;
        const char *s;
    } v[24];
};
void qp_text(struct qparams *q, const char *s);
void qp_int(struct qparams *q, long long i);
int qp_bind(struct store *st, const struct qparams *q, sqlite3_stmt *s, int first,
            struct insyn_err *err);
/* "%" + s + "%" with LIKE wildcards escaped by backslash (use ESCAPE '\'). */
char *like_pattern(struct arena *a, const char *s);
