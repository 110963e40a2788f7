/* sqlite.c — the SQLite backend: connections, migrations, transactions and the statement
 * cache.
 *
 * WAL mode lets readers run beside the one writer; write transactions start with
 * BEGIN IMMEDIATE so that the audit chain is extended by one writer at a time. */
#include "store/backend.h"
#include "store/internal.h"
#include "store/migrations.h"
#include "store/sqlite_backend.h"
#include "store/store.h"

#include "core/embed.h"
#include "core/fold.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct sq_stmt {
    struct stmt base;
    sqlite3_stmt *q;
};

struct sq_store {
    struct store base;
    sqlite3 *db;
    struct stmt_cache cache;
};

static const struct backend sqlite_backend;

static struct sq_store *
SS(struct store *st)
{
    return (struct sq_store *)st;
}

static sqlite3_stmt *
SQ(struct stmt *s)
{
    return ((struct sq_stmt *)s)->q;
}

sqlite3 *
store_sqlite_db(struct store *st)
{
    return st->be == &sqlite_backend ? SS(st)->db : NULL;
}

static void
finalize(struct stmt *s)
{
    sqlite3_finalize(SQ(s));
    free(s);
}

static struct stmt *
sq_prepare(struct store *base, const char *sql, struct insyn_err *err)
{
    struct sq_store *st = SS(base);
    struct stmt *cached = stmt_cache_find(&st->cache, sql);
    if (cached) {
        sqlite3_reset(SQ(cached));
        sqlite3_clear_bindings(SQ(cached));
        return cached;
    }
    struct sq_stmt *s = calloc(1, sizeof *s);
    if (!s) {
        err_incident(err, "out of memory preparing a statement");
        return NULL;
    }
    s->base.be = &sqlite_backend;
    if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->q, NULL) != SQLITE_OK) {
        err_incident(err, "sqlite prepare: %s", sqlite3_errmsg(st->db));
        finalize(&s->base);
        return NULL;
    }
    return stmt_cache_keep(&st->cache, sql, &s->base, finalize, err);
}

static void
sq_done(struct stmt *s)
{
    sqlite3_reset(SQ(s));
}

static int
sq_step(struct stmt *s)
{
    return sqlite3_step(SQ(s)); /* SQLITE_ROW and SQLITE_DONE are STMT_ROW and STMT_DONE */
}

static int
sq_changes(struct store *st)
{
    return sqlite3_changes(SS(st)->db);
}

static long long
sq_last_id(struct store *st)
{
    return sqlite3_last_insert_rowid(SS(st)->db);
}

static int
sq_errcode(struct store *st)
{
    return sqlite3_errcode(SS(st)->db);
}

static int
sq_fail(struct store *base, int rc, struct insyn_err *err)
{
    sqlite3 *db = SS(base)->db;
    if (rc == SQLITE_CONSTRAINT && sqlite3_extended_errcode(db) == SQLITE_CONSTRAINT_UNIQUE)
        return err_set(err, INSYN_ECONFLICT, "Uppgiften finns redan.");
    return err_incident(err, "sqlite step: %s (%d)", sqlite3_errmsg(db),
                        sqlite3_extended_errcode(db));
}

static void
sq_bind_text(struct stmt *s, int i, const char *v)
{
    sqlite3_bind_text(SQ(s), i, v, -1, SQLITE_TRANSIENT);
}

static void
sq_bind_int(struct stmt *s, int i, long long v)
{
    sqlite3_bind_int64(SQ(s), i, v);
}

static void
sq_bind_null(struct stmt *s, int i)
{
    sqlite3_bind_null(SQ(s), i);
}

static void
sq_bind_blob(struct stmt *s, int i, const void *data, size_t size)
{
    sqlite3_bind_blob64(SQ(s), i, data, (sqlite3_uint64)size, SQLITE_STATIC);
}

static long long
sq_col_int64(struct stmt *s, int i)
{
    return sqlite3_column_int64(SQ(s), i);
}

static int
sq_col_is_null(struct stmt *s, int i)
{
    return sqlite3_column_type(SQ(s), i) == SQLITE_NULL;
}

static const char *
sq_col_cstr(struct stmt *s, int i)
{
    return (const char *)sqlite3_column_text(SQ(s), i);
}

static const void *
sq_col_blob(struct stmt *s, int i)
{
    return sqlite3_column_blob(SQ(s), i);
}

static int
sq_col_bytes(struct stmt *s, int i)
{
    return sqlite3_column_bytes(SQ(s), i);
}

static int
sq_col_count(struct stmt *s)
{
    return sqlite3_column_count(SQ(s));
}

static const char *
sq_col_name(struct stmt *s, int i)
{
    return sqlite3_column_name(SQ(s), i);
}

static int
sq_col_kind(struct stmt *s, int i)
{
    switch (sqlite3_column_type(SQ(s), i)) {
    case SQLITE_NULL:
        return COL_NULL;
    case SQLITE_INTEGER:
        return COL_INT;
    case SQLITE_BLOB:
        return COL_BLOB;
    default:
        return COL_TEXT;
    }
}

static long long
now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int
exec(sqlite3 *db, const char *sql, struct insyn_err *err)
{
    char *msg = NULL;
    int rc;
    /* SQLite answers SQLITE_BUSY at once, without its busy handler, where waiting could
     * deadlock: a journal mode changed while another process opens the same new database, a
     * read snapshot that must become a write. Such an answer is tried again for a while; a
     * busy wait that ran out its whole timeout is not. */
    long long start = now_ms();
    while ((rc = sqlite3_exec(db, sql, NULL, NULL, &msg)) != SQLITE_OK &&
           (rc & 0xff) == SQLITE_BUSY && now_ms() - start < 5000) {
        sqlite3_free(msg);
        msg = NULL;
        sqlite3_sleep(20);
    }
    if (rc != SQLITE_OK) {
        err_incident(err, "sqlite exec: %s", msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return INSYN_ESYS;
    }
    return 0;
}

/* Whether the open database is one of insyn's: its migration table can be read. A file that is
 * not a database, an empty file and another program's database all fail here. */
static int
is_insyn_db(sqlite3 *db)
{
    sqlite3_stmt *s = NULL;
    int ok = sqlite3_prepare_v2(db, "SELECT count(*) FROM schema_migration", -1, &s, NULL) ==
                 SQLITE_OK &&
             sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return ok;
}

/* SQLite's own lower() knows ASCII only; the store searches Swedish names with it */
static void
sq_lower(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *s = (const char *)sqlite3_value_text(argv[0]);
    if (!s) {
        sqlite3_result_null(ctx);
        return;
    }
    int n = sqlite3_value_bytes(argv[0]);
    char *out = sqlite3_malloc(n + 1);
    if (!out) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    text_fold(s, (size_t)n + 1, out);
    sqlite3_result_text(ctx, out, n, sqlite3_free);
}

int
sqlite_open(const char *path, int flags, struct store **out, struct insyn_err *err)
{
    struct sq_store *st = calloc(1, sizeof *st);
    if (!st)
        return err_set(err, INSYN_ESYS, "Minnet räcker inte.");
    st->base.be = &sqlite_backend;
    int mode = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (!(flags & STORE_EXISTING))
        mode |= SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &st->db, mode, NULL) != SQLITE_OK) {
        if ((flags & STORE_EXISTING) && access(path, F_OK) != 0)
            err_set(err, INSYN_ESYS, "Databasen %s finns inte.", path);
        else
            err_set(err, INSYN_ESYS, "Kan inte öppna databasen %s: %s", path,
                    st->db ? sqlite3_errmsg(st->db) : "okänt fel");
        store_close(&st->base);
        return INSYN_ESYS;
    }
    sqlite3_busy_timeout(st->db, 10000);
    if (sqlite3_create_function(st->db, "lower", 1,
                                SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                sq_lower, NULL, NULL) != SQLITE_OK) {
        err_incident(err, "sqlite lower(): %s", sqlite3_errmsg(st->db));
        store_close(&st->base);
        return INSYN_ESYS;
    }
    if ((flags & STORE_EXISTING) && !is_insyn_db(st->db)) {
        err_set(err, INSYN_ESYS, "%s är ingen databas för insyn.", path);
        store_close(&st->base);
        return INSYN_ESYS;
    }
    if (exec(st->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
             err) ||
        (!(flags & STORE_NO_MIGRATE) && store_migrate(&st->base, err) < 0)) {
        store_close(&st->base);
        return INSYN_ESYS;
    }
    *out = &st->base;
    return 0;
}

static void
sq_close(struct store *base)
{
    struct sq_store *st = SS(base);
    stmt_cache_clear(&st->cache, finalize);
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

static int
sq_migrate(struct store *st, struct insyn_err *err)
{
    sqlite3 *db = SS(st)->db;
    if (exec(db,
             "CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, "
             "name TEXT NOT NULL, applied_at TEXT NOT NULL)",
             err))
        return INSYN_ESYS;
    int applied = 0;
    for (const struct embedded_file *f = embedded_files; f->name; f++) {
        const char *name = migration_name(f, "db/migrations/");
        if (!name)
            continue;
        int version = atoi(name);
        int done = migration_applied(st, version, err);
        if (done < 0)
            return INSYN_ESYS;
        if (done)
            continue;
        if (exec(db, "BEGIN IMMEDIATE", err))
            return INSYN_ESYS;
        /* Asked again under the write lock: another process (a second server started at the
         * same moment after an upgrade) may have applied it while this one waited. */
        done = migration_applied(st, version, err);
        if (done) {
            exec(db, "ROLLBACK", NULL);
            if (done < 0)
                return INSYN_ESYS;
            continue;
        }
        if (exec(db, f->data, err) || migration_record(st, version, name, err) ||
            exec(db, "COMMIT", err)) {
            exec(db, "ROLLBACK", NULL);
            return INSYN_ESYS;
        }
        applied++;
    }
    if (exec(db, audit_guard, err))
        return INSYN_ESYS;
    return applied;
}

static int
sq_begin(struct store *st, struct insyn_err *err)
{
    return exec(SS(st)->db, "BEGIN IMMEDIATE", err);
}

static int
sq_commit(struct store *st, struct insyn_err *err)
{
    return exec(SS(st)->db, "COMMIT", err);
}

static int
sq_read_begin(struct store *st, struct insyn_err *err)
{
    if (!sqlite3_get_autocommit(SS(st)->db))
        return 0;
    return exec(SS(st)->db, "BEGIN", err) == 0 ? 1 : INSYN_ESYS;
}

static void
sq_read_end(struct store *st, int opened)
{
    if (opened == 1 && !sqlite3_get_autocommit(SS(st)->db))
        exec(SS(st)->db, "COMMIT", NULL);
}

static void
sq_rollback(struct store *st)
{
    if (!sqlite3_get_autocommit(SS(st)->db))
        exec(SS(st)->db, "ROLLBACK", NULL);
}

static void
sq_release(struct store *st)
{
    sq_rollback(st); /* never hand on an open transaction */
    /* nor a statement left stepping: it would keep its read snapshot, and whoever takes this
     * connection next would not see what other connections and processes have written since */
    sqlite3 *db = SS(st)->db;
    for (sqlite3_stmt *q = sqlite3_next_stmt(db, NULL); q; q = sqlite3_next_stmt(db, q))
        if (sqlite3_stmt_busy(q)) {
            log_line(4, "store: a statement was left unfinished: %.60s", sqlite3_sql(q));
            sqlite3_reset(q);
        }
}

static const struct backend sqlite_backend = {
    .name = "sqlite",
    .prepare = sq_prepare,
    .done = sq_done,
    .step = sq_step,
    .changes = sq_changes,
    .last_id = sq_last_id,
    .errcode = sq_errcode,
    .fail = sq_fail,
    .bind_text = sq_bind_text,
    .bind_int = sq_bind_int,
    .bind_null = sq_bind_null,
    .bind_blob = sq_bind_blob,
    .col_int64 = sq_col_int64,
    .col_is_null = sq_col_is_null,
    .col_cstr = sq_col_cstr,
    .col_blob = sq_col_blob,
    .col_bytes = sq_col_bytes,
    .col_count = sq_col_count,
    .col_name = sq_col_name,
    .col_kind = sq_col_kind,
    .table_references_sql = "SELECT m.name, f.\"table\" FROM sqlite_master m LEFT JOIN "
                            "pragma_foreign_key_list(m.name) f "
                            "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name",
    .reset_ids = NULL, /* a rowid continues after the largest */
    .migrate = sq_migrate,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .read_begin = sq_read_begin,
    .read_end = sq_read_end,
    .backup = sqlite_backup,
    .release = sq_release,
    .close = sq_close,
};
