/* internal.h — the statement helpers the store's files are written in, the same on every
 * backend (backend.h dispatches them); not for use outside store/. */
#ifndef INSYN_STORE_INTERNAL_H
#define INSYN_STORE_INTERNAL_H

#include "core/arena.h"
#include "core/err.h"

#include <stddef.h>

/* A prepared statement of the backend; the store's files use it only through the functions
 * below, so that they hold no backend's own calls. */
struct stmt;
struct store;

/* What stmt_step answers besides an error code of the backend (for store_fail). */
enum { STMT_ROW = 100, STMT_DONE = 101 };

/* A prepared statement for sql, reset and with bindings cleared; cached per connection. */
struct stmt *stmt_prepare(struct store *st, const char *sql, struct insyn_err *err);
/* Resets the statement so that it releases its read snapshot. */
void stmt_done(struct stmt *s);
/* The next row: STMT_ROW, STMT_DONE, or the backend's error code. */
int stmt_step(struct stmt *s);
/* Rows the last INSERT, UPDATE or DELETE changed, and the id the last INSERT gave. */
int stmt_changes(struct store *st);
long long stmt_last_id(struct store *st);
/* The backend's code of the last failure, for store_fail. */
int store_errcode(struct store *st);

void bind_text(struct stmt *s, int i, const char *v);
void bind_int(struct stmt *s, int i, long long v);
void bind_date(struct stmt *s, int i, int date);      /* NULL for DATE_NONE */
void bind_opt_id(struct stmt *s, int i, long long v); /* NULL for 0 */
void bind_null(struct stmt *s, int i);
/* Bytes; the caller keeps them until the statement has run. */
void bind_blob(struct stmt *s, int i, const void *data, size_t size);
long long col_int64(struct stmt *s, int i);
int col_int(struct stmt *s, int i);
int col_is_null(struct stmt *s, int i);
const char *col_cstr(struct stmt *s, int i); /* NULL for NULL; valid until the next step */
const void *col_blob(struct stmt *s, int i);
int col_bytes(struct stmt *s, int i);
char *col_text(struct arena *a, struct stmt *s, int i); /* "" for NULL */
char *col_text_or_null(struct arena *a, struct stmt *s, int i);
int col_date(struct stmt *s, int i); /* DATE_NONE for NULL */
/* A result's shape, for copying whole tables between backends (copy.c). */
enum { COL_NULL, COL_INT, COL_TEXT, COL_BLOB };
int col_count(struct stmt *s);
const char *col_name(struct stmt *s, int i);
int col_kind(struct stmt *s, int i);

/* Now in UTC as 2026-12-01T15:31:53Z, for a row's created_at. */
void utc_timestamp(char out[21]);

/* Runs a statement that returns no rows and resets it: 0 or the mapped error. */
int stmt_run(struct store *st, struct stmt *s, struct insyn_err *err);
/* Runs an INSERT and resets it; *id is the new row's id. */
int stmt_insert(struct store *st, struct stmt *s, long long *id, struct insyn_err *err);

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
int stmt_rows(struct store *st, struct stmt *q, struct arena *a, size_t size,
              void (*fill)(void *row, struct stmt *q, struct arena *a), void **out, int *n,
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
int qp_bind(struct store *st, const struct qparams *q, struct stmt *s, int first,
            struct insyn_err *err);
/* "%" + s + "%" with LIKE wildcards escaped by backslash (use ESCAPE '\'). */
char *like_pattern(struct arena *a, const char *s);
