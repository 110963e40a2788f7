/* backend.c — the store's statement helpers and transactions, dispatched to the backend the
 * connection belongs to, and the connection pool, which is the same for both. */
#include "store/backend.h"
#include "store/internal.h"
#include "store/store.h"

#include "core/date.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int
is_postgres_url(const char *path)
{
    return strncmp(path, "postgresql://", 13) == 0 || strncmp(path, "postgres://", 11) == 0;
}

int
store_open_with(const char *path, int flags, struct store **out, struct insyn_err *err)
{
    return is_postgres_url(path) ? postgres_open(path, flags, out, err)
                                 : sqlite_open(path, flags, out, err);
}

int
store_open(const char *path, struct store **out, struct insyn_err *err)
{
    return store_open_with(path, 0, out, err);
}

int
store_is_server(const char *path)
{
    return is_postgres_url(path);
}

int
store_exists(const char *path)
{
    if (!is_postgres_url(path))
        return access(path, F_OK) == 0;
    struct store *st;
    struct insyn_err err = {0};
    if (store_open_with(path, STORE_EXISTING | STORE_NO_MIGRATE, &st, &err) != 0)
        return 0;
    store_close(st);
    return 1;
}

const char *
store_backend_name(const struct store *st)
{
    return st->be->name;
}

void
store_close(struct store *st)
{
    if (st)
        st->be->close(st);
}

int
store_migrate(struct store *st, struct insyn_err *err)
{
    return st->be->migrate(st, err);
}

int
store_begin(struct store *st, struct insyn_err *err)
{
    return st->be->begin(st, err);
}

int
store_commit(struct store *st, struct insyn_err *err)
{
    return st->be->commit(st, err);
}

void
store_rollback(struct store *st)
{
    st->be->rollback(st);
}

int
read_begin(struct store *st, struct insyn_err *err)
{
    return st->be->read_begin(st, err);
}

void
read_end(struct store *st, int opened)
{
    st->be->read_end(st, opened);
}

int
store_backup(struct store *st, const char *dest, long long *verified, struct insyn_err *err)
{
    return st->be->backup(st, dest, verified, err);
}

/* ---- statements ---- */
struct stmt *
stmt_prepare(struct store *st, const char *sql, struct insyn_err *err)
{
    return st->be->prepare(st, sql, err);
}

void
stmt_done(struct stmt *s)
{
    if (s)
        s->be->done(s);
}

int
stmt_step(struct stmt *s)
{
    return s->be->step(s);
}

int
stmt_changes(struct store *st)
{
    return st->be->changes(st);
}

long long
stmt_last_id(struct store *st)
{
    return st->be->last_id(st);
}

int
store_errcode(struct store *st)
{
    return st->be->errcode(st);
}

int
store_fail(struct store *st, int rc, struct insyn_err *err)
{
    return st->be->fail(st, rc, err);
}

int
stmt_run(struct store *st, struct stmt *s, struct insyn_err *err)
{
    int rc = stmt_step(s);
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

int
stmt_insert(struct store *st, struct stmt *s, long long *id, struct insyn_err *err)
{
    int rc = stmt_run(st, s, err);
    if (rc)
        return rc;
    *id = stmt_last_id(st);
    return 0;
}

int
stmt_rows(struct store *st, struct stmt *q, struct arena *a, size_t size,
          void (*fill)(void *row, struct stmt *q, struct arena *a), void **out, int *n,
          struct insyn_err *err)
{
    int cap = 16, rc;
    char *items = arena_alloc(a, size * (size_t)cap);
    *n = 0;
    while ((rc = stmt_step(q)) == STMT_ROW) {
        items = arena_grow(a, items, *n, &cap, size);
        fill(items + size * (size_t)(*n)++, q, a);
    }
    stmt_done(q);
    *out = items;
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

void
utc_timestamp(char out[21])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- the statement cache ---- */
struct stmt *
stmt_cache_find(struct stmt_cache *c, const char *sql)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->entry[i].sql, sql) == 0)
            return c->entry[i].stmt;
    return NULL;
}

struct stmt *
stmt_cache_keep(struct stmt_cache *c, const char *sql, struct stmt *s,
                void (*forget)(struct stmt *), struct insyn_err *err)
{
    char *key = strdup(sql);
    if (!key) {
        forget(s);
        err_incident(err, "out of memory caching a statement");
        return NULL;
    }
    if (c->n == (int)(sizeof c->entry / sizeof c->entry[0])) {
        forget(c->entry[0].stmt);
        free(c->entry[0].sql);
        memmove(&c->entry[0], &c->entry[1], sizeof c->entry[0] * (size_t)(c->n - 1));
        c->n--;
    }
    c->entry[c->n].sql = key;
    c->entry[c->n].stmt = s;
    c->n++;
    return s;
}

void
stmt_cache_each(struct stmt_cache *c, void (*fn)(struct stmt *))
{
    for (int i = 0; i < c->n; i++)
        fn(c->entry[i].stmt);
}

void
stmt_cache_clear(struct stmt_cache *c, void (*forget)(struct stmt *))
{
    for (int i = 0; i < c->n; i++) {
        forget(c->entry[i].stmt);
        free(c->entry[i].sql);
    }
    c->n = 0;
}

/* ---- parameters ---- */
void
bind_text(struct stmt *s, int i, const char *v)
{
    s->be->bind_text(s, i, v ? v : "");
}

void
bind_int(struct stmt *s, int i, long long v)
{
    s->be->bind_int(s, i, v);
}

void
bind_null(struct stmt *s, int i)
{
    s->be->bind_null(s, i);
}

void
bind_blob(struct stmt *s, int i, const void *data, size_t size)
{
    s->be->bind_blob(s, i, data ? data : "", size);
}

void
bind_date(struct stmt *s, int i, int date)
{
    if (date == DATE_NONE) {
        bind_null(s, i);
        return;
    }
    char buf[11];
    date_format(date, buf);
    bind_text(s, i, buf);
}

void
bind_opt_id(struct stmt *s, int i, long long v)
{
    if (v == 0)
        bind_null(s, i);
    else
        bind_int(s, i, v);
}

/* ---- columns ---- */
long long
col_int64(struct stmt *s, int i)
{
    return s->be->col_int64(s, i);
}

int
col_int(struct stmt *s, int i)
{
    return (int)s->be->col_int64(s, i);
}

int
col_is_null(struct stmt *s, int i)
{
    return s->be->col_is_null(s, i);
}

const char *
col_cstr(struct stmt *s, int i)
{
    return s->be->col_cstr(s, i);
}

const void *
col_blob(struct stmt *s, int i)
{
    return s->be->col_blob(s, i);
}

int
col_bytes(struct stmt *s, int i)
{
    return s->be->col_bytes(s, i);
}

int
col_count(struct stmt *s)
{
    return s->be->col_count(s);
}

const char *
col_name(struct stmt *s, int i)
{
    return s->be->col_name(s, i);
}

int
col_kind(struct stmt *s, int i)
{
    return s->be->col_kind(s, i);
}

char *
col_text(struct arena *a, struct stmt *s, int i)
{
    const char *t = col_cstr(s, i);
    return arena_strdup(a, t ? t : "");
}

char *
col_text_or_null(struct arena *a, struct stmt *s, int i)
{
    const char *t = col_cstr(s, i);
    return t ? arena_strdup(a, t) : NULL;
}

int
col_date(struct stmt *s, int i)
{
    const char *t = col_cstr(s, i);
    int d;
    if (!t || date_parse(t, &d) != 0)
        return DATE_NONE;
    return d;
}

/* ---- pool ---- */
struct store_pool {
    pthread_mutex_t lock;
    pthread_cond_t available;
    struct store **free;
    int nfree, size;
};

int
store_pool_open(const char *path, int size, struct store_pool **out, struct insyn_err *err)
{
    struct store_pool *p = calloc(1, sizeof *p);
    if (!p || !(p->free = calloc((size_t)size, sizeof *p->free))) {
        free(p);
        return err_set(err, INSYN_ESYS, "Minnet räcker inte.");
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->available, NULL);
    for (int i = 0; i < size; i++) {
        if (store_open(path, &p->free[i], err) != 0) {
            p->nfree = i;
            store_pool_close(p);
            return INSYN_ESYS;
        }
    }
    p->nfree = p->size = size;
    *out = p;
    return 0;
}

struct store *
store_pool_acquire(struct store_pool *p)
{
    pthread_mutex_lock(&p->lock);
    while (p->nfree == 0)
        pthread_cond_wait(&p->available, &p->lock);
    struct store *st = p->free[--p->nfree];
    pthread_mutex_unlock(&p->lock);
    return st;
}

void
store_pool_release(struct store_pool *p, struct store *st)
{
    st->be->release(st);
    pthread_mutex_lock(&p->lock);
    p->free[p->nfree++] = st;
    pthread_cond_signal(&p->available);
    pthread_mutex_unlock(&p->lock);
}

void
store_pool_close(struct store_pool *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->nfree; i++)
        store_close(p->free[i]);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->available);
    free(p->free);
    free(p);
}
