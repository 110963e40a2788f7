/* sqlite.c — the SQLite backend: connections, migrations, transactions, the statement
 * cache and the connection pool.
 *
 * WAL mode lets readers run beside the one writer; write transactions start with
 * BEGIN IMMEDIATE so that the audit chain is extended by one writer at a time. */
#include "store/internal.h"
#include "store/sqlite_backend.h"
#include "store/store.h"

#include "core/date.h"
#include "core/embed.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct store {
    sqlite3 *db;
    struct stmt_cache_entry {
        char *sql;
        sqlite3_stmt *stmt;
    } cache[256]; /* every fixed statement (about 150) and the filter variants in use */
    int ncache;
};

sqlite3 *
store_sqlite_db(struct store *st)
{
    return st->db;
}

/* The store's files hold a struct stmt; here it is SQLite's own statement. */
#define SQ(s) ((sqlite3_stmt *)(s))

struct stmt *
stmt_prepare(struct store *st, const char *sql, struct insyn_err *err)
{
    for (int i = 0; i < st->ncache; i++) {
        if (strcmp(st->cache[i].sql, sql) == 0) {
            sqlite3_reset(st->cache[i].stmt);
            sqlite3_clear_bindings(st->cache[i].stmt);
            return (struct stmt *)st->cache[i].stmt;
        }
    }
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) {
        err_incident(err, "sqlite prepare: %s", sqlite3_errmsg(st->db));
        return NULL;
    }
    char *key = strdup(sql);
    if (!key) {
        sqlite3_finalize(s);
        err_incident(err, "out of memory caching a statement");
        return NULL;
    }
    if (st->ncache < (int)(sizeof st->cache / sizeof st->cache[0])) {
        st->cache[st->ncache].sql = key;
        st->cache[st->ncache].stmt = s;
        st->ncache++;
    } else {
        /* cache full: evict the oldest entry */
        sqlite3_finalize(st->cache[0].stmt);
        free(st->cache[0].sql);
        memmove(&st->cache[0], &st->cache[1], sizeof st->cache[0] * (size_t)(st->ncache - 1));
        st->cache[st->ncache - 1].sql = key;
        st->cache[st->ncache - 1].stmt = s;
    }
    return (struct stmt *)s;
}

void
stmt_done(struct stmt *s)
{
    if (s)
        sqlite3_reset(SQ(s));
}

int
stmt_step(struct stmt *s)
{
    return sqlite3_step(SQ(s)); /* SQLITE_ROW and SQLITE_DONE are STMT_ROW and STMT_DONE */
}

int
stmt_changes(struct store *st)
{
    return sqlite3_changes(st->db);
}

long long
stmt_last_id(struct store *st)
{
    return sqlite3_last_insert_rowid(st->db);
}

int
store_errcode(struct store *st)
{
    return sqlite3_errcode(st->db);
}

/* Steps a bound statement to its end, each row read into a new element of *out by fill. */
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
bind_text(struct stmt *s, int i, const char *v)
{
    sqlite3_bind_text(SQ(s), i, v ? v : "", -1, SQLITE_TRANSIENT);
}

void
bind_int(struct stmt *s, int i, long long v)
{
    sqlite3_bind_int64(SQ(s), i, v);
}

void
bind_null(struct stmt *s, int i)
{
    sqlite3_bind_null(SQ(s), i);
}

void
bind_blob(struct stmt *s, int i, const void *data, size_t size)
{
    sqlite3_bind_blob64(SQ(s), i, data ? data : "", (sqlite3_uint64)size, SQLITE_STATIC);
}

void
bind_date(struct stmt *s, int i, int date)
{
    if (date == DATE_NONE) {
        sqlite3_bind_null(SQ(s), i);
        return;
    }
    char buf[11];
    date_format(date, buf);
    sqlite3_bind_text(SQ(s), i, buf, -1, SQLITE_TRANSIENT);
}

void
bind_opt_id(struct stmt *s, int i, long long v)
{
    if (v == 0)
        sqlite3_bind_null(SQ(s), i);
    else
        sqlite3_bind_int64(SQ(s), i, v);
}

long long
col_int64(struct stmt *s, int i)
{
    return sqlite3_column_int64(SQ(s), i);
}

int
col_int(struct stmt *s, int i)
{
    return sqlite3_column_int(SQ(s), i);
}

int
col_is_null(struct stmt *s, int i)
{
    return sqlite3_column_type(SQ(s), i) == SQLITE_NULL;
}

const char *
col_cstr(struct stmt *s, int i)
{
    return (const char *)sqlite3_column_text(SQ(s), i);
}

const void *
col_blob(struct stmt *s, int i)
{
    return sqlite3_column_blob(SQ(s), i);
}

int
col_bytes(struct stmt *s, int i)
{
    return sqlite3_column_bytes(SQ(s), i);
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

int
store_fail(struct store *st, int rc, struct insyn_err *err)
{
    if (rc == SQLITE_CONSTRAINT && sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_UNIQUE)
        return err_set(err, INSYN_ECONFLICT, "Uppgiften finns redan.");
    return err_incident(err, "sqlite step: %s (%d)", sqlite3_errmsg(st->db),
                        sqlite3_extended_errcode(st->db));
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
    *id = sqlite3_last_insert_rowid(st->db);
    return 0;
}

static long long
now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int
exec(struct store *st, const char *sql, struct insyn_err *err)
{
    char *msg = NULL;
    int rc;
    /* SQLite answers SQLITE_BUSY at once, without its busy handler, where waiting could
     * deadlock: a journal mode changed while another process opens the same new database, a
     * read snapshot that must become a write. Such an answer is tried again for a while; a
     * busy wait that ran out its whole timeout is not. */
    long long start = now_ms();
    while ((rc = sqlite3_exec(st->db, sql, NULL, NULL, &msg)) != SQLITE_OK &&
           (rc & 0xff) == SQLITE_BUSY && now_ms() - start < 5000) {
        sqlite3_free(msg);
        msg = NULL;
        sqlite3_sleep(20);
    }
    if (rc != SQLITE_OK) {
        err_incident(err, "sqlite exec: %s", msg ? msg : sqlite3_errmsg(st->db));
        sqlite3_free(msg);
        return INSYN_ESYS;
    }
    return 0;
}

/* Whether the open database is one of insyn's: its migration table can be read. A file that is
 * not a database, an empty file and another program's database all fail here. */
static int
is_insyn_db(struct store *st)
{
    sqlite3_stmt *s = NULL;
    int ok = sqlite3_prepare_v2(st->db, "SELECT count(*) FROM schema_migration", -1, &s, NULL) ==
                 SQLITE_OK &&
             sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return ok;
}

int
store_open_with(const char *path, int flags, struct store **out, struct insyn_err *err)
{
    struct store *st = calloc(1, sizeof *st);
    if (!st)
        return err_set(err, INSYN_ESYS, "Minnet räcker inte.");
    int mode = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (!(flags & STORE_EXISTING))
        mode |= SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &st->db, mode, NULL) != SQLITE_OK) {
        if ((flags & STORE_EXISTING) && access(path, F_OK) != 0)
            err_set(err, INSYN_ESYS, "Databasen %s finns inte.", path);
        else
            err_set(err, INSYN_ESYS, "Kan inte öppna databasen %s: %s", path,
                    st->db ? sqlite3_errmsg(st->db) : "okänt fel");
        store_close(st);
        return INSYN_ESYS;
    }
    sqlite3_busy_timeout(st->db, 10000);
    if ((flags & STORE_EXISTING) && !is_insyn_db(st)) {
        err_set(err, INSYN_ESYS, "%s är ingen databas för insyn.", path);
        store_close(st);
        return INSYN_ESYS;
    }
    if (exec(st, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
             err) ||
        (!(flags & STORE_NO_MIGRATE) && store_migrate(st, err) < 0)) {
        store_close(st);
        return INSYN_ESYS;
    }
    *out = st;
    return 0;
}

int
store_open(const char *path, struct store **out, struct insyn_err *err)
{
    return store_open_with(path, 0, out, err);
}

void
store_close(struct store *st)
{
    if (!st)
        return;
    for (int i = 0; i < st->ncache; i++) {
        sqlite3_finalize(st->cache[i].stmt);
        free(st->cache[i].sql);
    }
    sqlite3_close(st->db);
    free(st);
}

/* The audit log is append-only: the database itself refuses to change or remove a record.
 * Trigger syntax differs between backends, so this is the SQLite backend's own guard. */
static const char audit_guard[] =
    "CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;"
    "CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;";

/* 1 when migration `version` has been applied, 0 when not, -1 when the database cannot say. */
static int
migration_applied(struct store *st, int version, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st, "SELECT 1 FROM schema_migration WHERE version = ?", err);
    if (!s)
        return -1;
    bind_int(s, 1, version);
    int rc = stmt_step(s);
    stmt_done(s);
    if (rc == STMT_ROW)
        return 1;
    if (rc == STMT_DONE)
        return 0;
    store_fail(st, rc, err);
    return -1;
}

int
store_migrate(struct store *st, struct insyn_err *err)
{
    if (exec(st,
             "CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, "
             "name TEXT NOT NULL, applied_at TEXT NOT NULL)",
             err))
        return INSYN_ESYS;
    int applied = 0;
    for (const struct embedded_file *f = embedded_files; f->name; f++) {
        const char *prefix = "db/migrations/";
        if (strncmp(f->name, prefix, strlen(prefix)) != 0)
            continue;
        const char *name = f->name + strlen(prefix);
        int version = atoi(name);
        int done = migration_applied(st, version, err);
        if (done < 0)
            return INSYN_ESYS;
        if (done)
            continue;
        if (exec(st, "BEGIN IMMEDIATE", err))
            return INSYN_ESYS;
        /* Asked again under the write lock: another process (a second server started at the
         * same moment after an upgrade) may have applied it while this one waited. */
        done = migration_applied(st, version, err);
        if (done) {
            exec(st, "ROLLBACK", NULL);
            if (done < 0)
                return INSYN_ESYS;
            continue;
        }
        if (exec(st, f->data, err)) {
            exec(st, "ROLLBACK", NULL);
            return INSYN_ESYS;
        }
        struct stmt *s = stmt_prepare(st,
                                      "INSERT INTO schema_migration (version, name, applied_at) "
                                      "VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
                                      err);
        if (!s) {
            exec(st, "ROLLBACK", NULL);
            return INSYN_ESYS;
        }
        bind_int(s, 1, version);
        bind_text(s, 2, name);
        int rc = stmt_step(s);
        stmt_done(s);
        if (rc != STMT_DONE || exec(st, "COMMIT", err)) {
            exec(st, "ROLLBACK", NULL);
            return store_fail(st, rc, err);
        }
        applied++;
    }
    if (exec(st, audit_guard, err))
        return INSYN_ESYS;
    return applied;
}

int
store_begin(struct store *st, struct insyn_err *err)
{
    return exec(st, "BEGIN IMMEDIATE", err);
}

int
store_commit(struct store *st, struct insyn_err *err)
{
    return exec(st, "COMMIT", err);
}

int
read_begin(struct store *st, struct insyn_err *err)
{
    if (!sqlite3_get_autocommit(st->db))
        return 0;
    return exec(st, "BEGIN", err) == 0 ? 1 : INSYN_ESYS;
}

void
read_end(struct store *st, int opened)
{
    if (opened == 1 && !sqlite3_get_autocommit(st->db))
        exec(st, "COMMIT", NULL);
}

void
store_rollback(struct store *st)
{
    if (!sqlite3_get_autocommit(st->db))
        exec(st, "ROLLBACK", NULL);
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
    store_rollback(st); /* never hand on an open transaction */
    /* nor a statement left stepping: it would keep its read snapshot, and whoever takes this
     * connection next would not see what other connections and processes have written since */
    for (sqlite3_stmt *q = sqlite3_next_stmt(st->db, NULL); q; q = sqlite3_next_stmt(st->db, q))
        if (sqlite3_stmt_busy(q)) {
            log_line(4, "store: a statement was left unfinished: %.60s", sqlite3_sql(q));
            sqlite3_reset(q);
        }
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
