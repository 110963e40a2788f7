/* backend.h — what a database backend gives the store: the few operations that differ
 * between SQLite (sqlite.c) and PostgreSQL (postgres.c). Everything else in store/ is written
 * once, over internal.h's helpers, which dispatch through these. Not for use outside store/. */
#ifndef INSYN_STORE_BACKEND_H
#define INSYN_STORE_BACKEND_H

#include "core/err.h"

#include <stddef.h>

struct store;
struct stmt;

struct backend {
    const char *name;
    struct stmt *(*prepare)(struct store *st, const char *sql, struct insyn_err *err);
    void (*done)(struct stmt *s);
    int (*step)(struct stmt *s); /* STMT_ROW, STMT_DONE or the backend's error code */
    int (*changes)(struct store *st);
    long long (*last_id)(struct store *st);
    int (*errcode)(struct store *st);
    int (*fail)(struct store *st, int rc, struct insyn_err *err);

    void (*bind_text)(struct stmt *s, int i, const char *v);
    void (*bind_int)(struct stmt *s, int i, long long v);
    void (*bind_null)(struct stmt *s, int i);
    void (*bind_blob)(struct stmt *s, int i, const void *data, size_t size);
    long long (*col_int64)(struct stmt *s, int i);
    int (*col_is_null)(struct stmt *s, int i);
    const char *(*col_cstr)(struct stmt *s, int i);
    const void *(*col_blob)(struct stmt *s, int i);
    int (*col_bytes)(struct stmt *s, int i);
    int (*col_count)(struct stmt *s);
    const char *(*col_name)(struct stmt *s, int i);
    int (*col_kind)(struct stmt *s, int i); /* COL_* of internal.h */

    /* Rows (table, a table it refers to or NULL), one for each reference: what copy.c needs
     * to copy tables in an order their foreign keys accept. */
    const char *table_references_sql;
    /* After rows were copied with their ids into table (whose key is "id"): new ids start
     * after the largest. NULL when the backend does that by itself. */
    int (*reset_ids)(struct store *st, const char *table, struct insyn_err *err);

    int (*migrate)(struct store *st, struct insyn_err *err);
    int (*begin)(struct store *st, struct insyn_err *err);
    int (*commit)(struct store *st, struct insyn_err *err);
    void (*rollback)(struct store *st);
    int (*read_begin)(struct store *st, struct insyn_err *err);
    void (*read_end)(struct store *st, int opened);
    int (*backup)(struct store *st, const char *dest, long long *verified, struct insyn_err *err);
    /* Before a pooled connection is handed on: no transaction, no statement left stepping. */
    void (*release)(struct store *st);
    void (*close)(struct store *st);
};

/* Every backend's connection and statement begin with the backend they belong to. */
struct store {
    const struct backend *be;
};
struct stmt {
    const struct backend *be;
};

/* A connection's prepared statements by their SQL: every fixed statement (about 150) and the
 * filter variants in use. When it is full the oldest is forgotten. */
struct stmt_cache {
    struct {
        char *sql;
        struct stmt *stmt;
    } entry[256];
    int n;
};
/* The statement prepared for sql, or NULL. */
struct stmt *stmt_cache_find(struct stmt_cache *c, const char *sql);
/* Keeps s under a copy of sql, handing the oldest to forget first when full, and returns s;
 * when memory runs out, forgets s too and returns NULL with an incident in err. */
struct stmt *stmt_cache_keep(struct stmt_cache *c, const char *sql, struct stmt *s,
                             void (*forget)(struct stmt *), struct insyn_err *err);
/* Hands every statement to fn. */
void stmt_cache_each(struct stmt_cache *c, void (*fn)(struct stmt *));
/* Hands every statement to forget and empties the cache. */
void stmt_cache_clear(struct stmt_cache *c, void (*forget)(struct stmt *));

int sqlite_open(const char *path, int flags, struct store **out, struct insyn_err *err);
int postgres_open(const char *url, int flags, struct store **out, struct insyn_err *err);
/* Whether path names a PostgreSQL database (a postgresql:// or postgres:// URL). */
int is_postgres_url(const char *path);

#endif
