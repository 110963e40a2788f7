/* postgres.c — the PostgreSQL backend over libpq: connections, migrations, transactions and
 * the statement cache.
 *
 * The store's SQL is written once, with SQLite's `?` and `?N` parameters; they become `$N`
 * when a statement is prepared. Parameters go as text of unspecified type, so the server
 * infers each from where it stands, as SQLite's affinity does; bytes go as binary.
 *
 * Writers take one lock per database (pg_advisory_xact_lock) at the start of their
 * transaction, as SQLite's BEGIN IMMEDIATE does: use cases are short, and one writer at a
 * time is what keeps the audit chain a chain. A writer then reads at READ COMMITTED, which
 * under that lock sees every earlier writer's work, and no write can fail for serialisation
 * and need trying again. Reads that take several queries share one REPEATABLE READ READ ONLY
 * snapshot. */
#include "store/backend.h"
#include "store/internal.h"
#include "store/migrations.h"
#include "store/postgres_backend.h"
#include "store/store.h"

#include "core/buf.h"
#include "core/embed.h"

#include <ctype.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Lock keys, per database: the writers' lock and the migration runner's. */
#define WRITE_LOCK "7305683900001"
#define MIGRATE_LOCK "7305683900002"

/* Type oids of pg_type the backend tells apart (catalog/pg_type_d.h is a server header). */
enum { OID_BOOL = 16, OID_BYTEA = 17, OID_INT8 = 20, OID_INT2 = 21, OID_INT4 = 23, OID_TEXT = 25 };

/* What step answers for a failed statement; the details are in the connection. */
enum { PG_FAILED = 1 };

struct pg_store;

struct pg_stmt {
    struct stmt base;
    struct pg_store *st;
    char name[16];
    int nparams;
    char **values; /* a parameter's text (owned) or bytes (the caller's), NULL for NULL */
    int *lengths, *formats;
    PGresult *res; /* the rows, once executed */
    int row, nrows;
    unsigned char *bytes; /* the last bytea column decoded, and which */
    size_t nbytes;
    int bytes_row, bytes_col;
};

struct pg_store {
    struct store base;
    PGconn *conn;
    char *url; /* as given (never with a password), for the programs a backup runs */
    struct stmt_cache cache;
    unsigned serial; /* names prepared statements */
    int changes;
    char sqlstate[6];
    char message[512];
};

static const struct backend postgres_backend;

PGconn *
store_pg_conn(struct store *st)
{
    return st->be == &postgres_backend ? ((struct pg_store *)st)->conn : NULL;
}

const char *
store_pg_url(struct store *st)
{
    return st->be == &postgres_backend ? ((struct pg_store *)st)->url : NULL;
}

static struct pg_store *
PS(struct store *st)
{
    return (struct pg_store *)st;
}

static struct pg_stmt *
PQS(struct stmt *s)
{
    return (struct pg_stmt *)s;
}

/* Remembers why a command failed, for store_fail. */
static void
remember_failure(struct pg_store *st, const PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    snprintf(st->sqlstate, sizeof st->sqlstate, "%s", state ? state : "");
    const char *msg = res ? PQresultErrorMessage(res) : "";
    if (!msg || !*msg)
        msg = PQerrorMessage(st->conn);
    snprintf(st->message, sizeof st->message, "%s", msg);
    size_t n = strlen(st->message);
    while (n && (st->message[n - 1] == '\n' || st->message[n - 1] == ' '))
        st->message[--n] = '\0';
}

static int
exec(struct pg_store *st, const char *sql, struct insyn_err *err)
{
    PGresult *res = PQexec(st->conn, sql);
    ExecStatusType status = PQresultStatus(res);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
        PQclear(res);
        return 0;
    }
    remember_failure(st, res);
    PQclear(res);
    err_incident(err, "postgresql: %s", st->message);
    return INSYN_ESYS;
}

/* SQLite's parameters as PostgreSQL's: `?N` is $N, a bare `?` one more than the largest
 * number so far; quoted text and names are copied as they are. *unused gets the numbers that
 * do not occur (a statement that binds ?1..?8 but has no use for ?7), as a bit each. */
static char *
dollar_parameters(const char *sql, int *nparams, unsigned long long *unused)
{
    unsigned long long used = 0;
    struct buf b;
    buf_init(&b);
    int max = 0;
    for (const char *p = sql; *p; p++) {
        if (*p == '\'' || *p == '"') {
            char q = *p;
            const char *end = p + 1;
            while (*end && !(*end == q && end[1] != q))
                end += *end == q ? 2 : 1;
            buf_append(&b, p, (size_t)(end - p) + (*end ? 1 : 0));
            p = *end ? end : end - 1;
            continue;
        }
        if (*p != '?') {
            buf_putc(&b, *p);
            continue;
        }
        int n = max + 1;
        if (isdigit((unsigned char)p[1])) {
            char *end;
            n = (int)strtol(p + 1, &end, 10);
            p = end - 1;
        }
        if (n > max)
            max = n;
        if (n <= 64)
            used |= 1ULL << (n - 1);
        buf_printf(&b, "$%d", n);
    }
    *nparams = max;
    *unused = ~used & (max >= 64 ? ~0ULL : (1ULL << max) - 1);
    return buf_detach(&b);
}

static void
clear_result(struct pg_stmt *s)
{
    PQclear(s->res);
    s->res = NULL;
    s->row = s->nrows = 0;
    PQfreemem(s->bytes);
    s->bytes = NULL;
}

static void
clear_parameters(struct pg_stmt *s)
{
    for (int i = 0; i < s->nparams; i++) {
        if (s->formats[i] == 0)
            free(s->values[i]);
        s->values[i] = NULL;
        s->lengths[i] = s->formats[i] = 0;
    }
}

static void
free_stmt(struct pg_stmt *s)
{
    if (!s)
        return;
    clear_result(s);
    clear_parameters(s);
    free(s->values);
    free(s->lengths);
    free(s->formats);
    free(s);
}

/* A statement the client no longer needs; the server's copy goes with the connection. */
static void
forget(struct stmt *s)
{
    free_stmt(PQS(s));
}

/* A statement pushed out of a full cache, on the server too. */
static void
deallocate(struct stmt *base)
{
    struct pg_stmt *s = PQS(base);
    char sql[32];
    snprintf(sql, sizeof sql, "DEALLOCATE %s", s->name);
    exec(s->st, sql, NULL);
    free_stmt(s);
}

static void
release_result(struct stmt *s)
{
    clear_result(PQS(s));
}

static struct stmt *
pg_prepare(struct store *base, const char *sql, struct insyn_err *err)
{
    struct pg_store *st = PS(base);
    struct stmt *cached = stmt_cache_find(&st->cache, sql);
    if (cached) {
        clear_result(PQS(cached));
        clear_parameters(PQS(cached));
        return cached;
    }
    struct pg_stmt *s = calloc(1, sizeof *s);
    unsigned long long unused = 0;
    char *text = s ? dollar_parameters(sql, &s->nparams, &unused) : NULL;
    int n = s ? s->nparams + 1 : 1;
    if (!text || !(s->values = calloc((size_t)n, sizeof *s->values)) ||
        !(s->lengths = calloc((size_t)n, sizeof *s->lengths)) ||
        !(s->formats = calloc((size_t)n, sizeof *s->formats))) {
        free(text);
        free_stmt(s);
        err_incident(err, "out of memory preparing a statement");
        return NULL;
    }
    s->base.be = &postgres_backend;
    s->st = st;
    snprintf(s->name, sizeof s->name, "s%u", ++st->serial);
    /* every parameter's type is left to the server, but one the statement never uses has
     * nothing to infer it from: it is text (and its value is ignored) */
    Oid types[64] = {0};
    for (int i = 0; i < 64 && i < s->nparams; i++)
        if (unused & (1ULL << i))
            types[i] = OID_TEXT;
    PGresult *res = PQprepare(st->conn, s->name, text, s->nparams < 64 ? s->nparams : 64, types);
    free(text);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        remember_failure(st, res);
        PQclear(res);
        err_incident(err, "postgresql prepare: %s in: %.200s", st->message, sql);
        free_stmt(s);
        return NULL;
    }
    PQclear(res);
    return stmt_cache_keep(&st->cache, sql, &s->base, deallocate, err);
}

static void
pg_done(struct stmt *s)
{
    clear_result(PQS(s));
}

static int
pg_step(struct stmt *base)
{
    struct pg_stmt *s = PQS(base);
    if (!s->res) {
        s->res = PQexecPrepared(s->st->conn, s->name, s->nparams, (const char *const *)s->values,
                                s->lengths, s->formats, 0);
        switch (PQresultStatus(s->res)) {
        case PGRES_TUPLES_OK:
            s->nrows = PQntuples(s->res);
            s->row = -1;
            break;
        case PGRES_COMMAND_OK:
            s->st->changes = atoi(PQcmdTuples(s->res));
            s->nrows = 0;
            s->row = -1;
            break;
        default:
            remember_failure(s->st, s->res);
            PQclear(s->res);
            s->res = NULL;
            return PG_FAILED;
        }
    }
    if (s->row + 1 < s->nrows) {
        s->row++;
        return STMT_ROW;
    }
    return STMT_DONE;
}

static int
pg_changes(struct store *st)
{
    return PS(st)->changes;
}

static long long
pg_last_id(struct store *base)
{
    /* identity columns draw from a sequence, and lastval() is this session's last draw */
    PGresult *res = PQexec(PS(base)->conn, "SELECT lastval()");
    long long id = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1
                       ? strtoll(PQgetvalue(res, 0, 0), NULL, 10)
                       : 0;
    PQclear(res);
    return id;
}

static int
pg_errcode(struct store *st)
{
    return PS(st)->sqlstate[0] ? PG_FAILED : 0;
}

static int
pg_fail(struct store *base, int rc, struct insyn_err *err)
{
    struct pg_store *st = PS(base);
    (void)rc;
    if (strcmp(st->sqlstate, "23505") == 0) /* unique_violation */
        return err_set(err, INSYN_ECONFLICT, "Uppgiften finns redan.");
    return err_incident(err, "postgresql: %s (%s)", st->message, st->sqlstate);
}

/* ---- parameters ---- */
static void
set_text(struct stmt *base, int i, char *owned)
{
    struct pg_stmt *s = PQS(base);
    if (i < 1 || i > s->nparams) {
        free(owned);
        return;
    }
    if (s->formats[i - 1] == 0)
        free(s->values[i - 1]);
    s->values[i - 1] = owned;
    s->lengths[i - 1] = 0;
    s->formats[i - 1] = 0;
}

static void
pg_bind_text(struct stmt *s, int i, const char *v)
{
    set_text(s, i, strdup(v));
}

static void
pg_bind_int(struct stmt *s, int i, long long v)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%lld", v);
    set_text(s, i, strdup(buf));
}

static void
pg_bind_null(struct stmt *s, int i)
{
    set_text(s, i, NULL);
}

static void
pg_bind_blob(struct stmt *base, int i, const void *data, size_t size)
{
    struct pg_stmt *s = PQS(base);
    set_text(base, i, NULL);
    if (i < 1 || i > s->nparams)
        return;
    s->values[i - 1] = (char *)data;
    s->lengths[i - 1] = (int)size;
    s->formats[i - 1] = 1;
}

/* ---- columns ---- */
static int
pg_col_is_null(struct stmt *base, int i)
{
    struct pg_stmt *s = PQS(base);
    return !s->res || s->row < 0 || i >= PQnfields(s->res) || PQgetisnull(s->res, s->row, i);
}

static const char *
pg_col_cstr(struct stmt *base, int i)
{
    struct pg_stmt *s = PQS(base);
    return pg_col_is_null(base, i) ? NULL : PQgetvalue(s->res, s->row, i);
}

static long long
pg_col_int64(struct stmt *base, int i)
{
    const char *v = pg_col_cstr(base, i);
    if (!v)
        return 0;
    if (PQftype(PQS(base)->res, i) == OID_BOOL) /* a comparison selected as a value */
        return *v == 't';
    return strtoll(v, NULL, 10);
}

static int
is_bytea(struct pg_stmt *s, int i)
{
    return PQftype(s->res, i) == OID_BYTEA;
}

/* The bytes of a bytea column, decoded once per row and column. */
static const unsigned char *
decoded(struct pg_stmt *s, int i)
{
    if (s->bytes && s->bytes_row == s->row && s->bytes_col == i)
        return s->bytes;
    PQfreemem(s->bytes);
    s->bytes = PQunescapeBytea((const unsigned char *)PQgetvalue(s->res, s->row, i), &s->nbytes);
    s->bytes_row = s->row;
    s->bytes_col = i;
    return s->bytes;
}

static const void *
pg_col_blob(struct stmt *base, int i)
{
    struct pg_stmt *s = PQS(base);
    if (pg_col_is_null(base, i))
        return NULL;
    return is_bytea(s, i) ? (const void *)decoded(s, i) : PQgetvalue(s->res, s->row, i);
}

static int
pg_col_bytes(struct stmt *base, int i)
{
    struct pg_stmt *s = PQS(base);
    if (pg_col_is_null(base, i))
        return 0;
    if (is_bytea(s, i))
        return decoded(s, i) ? (int)s->nbytes : 0;
    return PQgetlength(s->res, s->row, i);
}

static int
pg_col_count(struct stmt *base)
{
    struct pg_stmt *s = PQS(base);
    return s->res ? PQnfields(s->res) : 0;
}

static const char *
pg_col_name(struct stmt *base, int i)
{
    struct pg_stmt *s = PQS(base);
    return s->res ? PQfname(s->res, i) : NULL;
}

static int
pg_col_kind(struct stmt *base, int i)
{
    struct pg_stmt *s = PQS(base);
    if (pg_col_is_null(base, i))
        return COL_NULL;
    switch (PQftype(s->res, i)) {
    case OID_INT2:
    case OID_INT4:
    case OID_INT8:
        return COL_INT;
    case OID_BYTEA:
        return COL_BLOB;
    default:
        return COL_TEXT;
    }
}

/* ---- connections ---- */
static void
log_notice(void *arg, const char *message)
{
    (void)arg;
    log_line(4, "postgresql: %.*s", (int)strcspn(message, "\n"), message);
}

/* The password belongs in PGPASSWORD or the password file, never on a command line, where
 * other users of the machine can read it. */
static int
has_password(const char *url, struct insyn_err *err)
{
    char *msg = NULL;
    PQconninfoOption *opts = PQconninfoParse(url, &msg);
    if (!opts) {
        err_set(err, INSYN_EINVAL, "Adressen till databasen går inte att tolka: %s",
                msg ? msg : "okänt fel");
        PQfreemem(msg);
        return -1;
    }
    int found = 0;
    for (PQconninfoOption *o = opts; o->keyword; o++)
        if (strcmp(o->keyword, "password") == 0 && o->val && *o->val)
            found = 1;
    PQconninfoFree(opts);
    if (found)
        err_set(err, INSYN_EINVAL,
                "Lösenordet ska inte stå i adressen till databasen, där andra kan läsa det: "
                "ange det i PGPASSWORD eller i filen ~/.pgpass.");
    return found;
}

static int
is_insyn_db(struct pg_store *st)
{
    /* asked of the catalogue: a query of a missing table would be an error in the server's log */
    PGresult *res = PQexec(st->conn, "SELECT to_regclass('schema_migration') IS NOT NULL");
    int ok = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
             strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    return ok;
}

int
postgres_open(const char *url, int flags, struct store **out, struct insyn_err *err)
{
    if (has_password(url, err))
        return INSYN_EINVAL;
    struct pg_store *st = calloc(1, sizeof *st);
    if (!st)
        return err_set(err, INSYN_ESYS, "Minnet räcker inte.");
    st->base.be = &postgres_backend;
    if (!(st->url = strdup(url))) {
        free(st);
        return err_set(err, INSYN_ESYS, "Minnet räcker inte.");
    }
    const char *const keys[] = {"dbname", "fallback_application_name", NULL};
    const char *const values[] = {url, "insyn", NULL};
    st->conn = PQconnectdbParams(keys, values, 1);
    if (!st->conn || PQstatus(st->conn) != CONNECTION_OK) {
        remember_failure(st, NULL);
        err_set(err, INSYN_ESYS, "Kan inte ansluta till databasen %s: %s", url,
                st->conn ? st->message : "minnet räcker inte");
        store_close(&st->base);
        return INSYN_ESYS;
    }
    PQsetNoticeProcessor(st->conn, log_notice, NULL);
    /* "relation already exists, skipping" and the like are not worth a line; and a prepared
     * statement keeps its plan: the store's queries are index lookups whose plan does not
     * depend on the values, and the list's LIMIT and OFFSET parameters would otherwise make
     * PostgreSQL plan the page query anew at every request */
    if (exec(st, "SET client_min_messages = warning; SET plan_cache_mode = force_generic_plan",
             err)) {
        store_close(&st->base);
        return INSYN_ESYS;
    }
    if ((flags & STORE_EXISTING) && !is_insyn_db(st)) {
        err_set(err, INSYN_ESYS, "%s är ingen databas för insyn.", url);
        store_close(&st->base);
        return INSYN_ESYS;
    }
    if (!(flags & STORE_NO_MIGRATE) && store_migrate(&st->base, err) < 0) {
        store_close(&st->base);
        return INSYN_ESYS;
    }
    *out = &st->base;
    return 0;
}

static void
pg_close(struct store *base)
{
    struct pg_store *st = PS(base);
    stmt_cache_clear(&st->cache, forget);
    PQfinish(st->conn);
    free(st->url);
    free(st);
}

/* The audit log is append-only: the database itself refuses to change, remove or empty it. */
static const char audit_guard[] =
    "CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$;"
    "CREATE OR REPLACE TRIGGER audit_no_update BEFORE UPDATE ON audit "
    "FOR EACH ROW EXECUTE FUNCTION audit_append_only();"
    "CREATE OR REPLACE TRIGGER audit_no_delete BEFORE DELETE ON audit "
    "FOR EACH ROW EXECUTE FUNCTION audit_append_only();"
    "CREATE OR REPLACE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();";

static int
apply_migrations(struct pg_store *st, struct insyn_err *err)
{
    if (exec(st,
             "CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, "
             "name TEXT NOT NULL, applied_at TEXT NOT NULL)",
             err))
        return INSYN_ESYS;
    int applied = 0;
    for (const struct embedded_file *f = embedded_files; f->name; f++) {
        const char *name = migration_name(f, "db/migrations-postgresql/");
        if (!name)
            continue;
        int version = atoi(name);
        int done = migration_applied(&st->base, version, err);
        if (done < 0)
            return INSYN_ESYS;
        if (done)
            continue;
        if (exec(st, "BEGIN", err))
            return INSYN_ESYS;
        if (exec(st, f->data, err) || migration_record(&st->base, version, name, err) ||
            exec(st, "COMMIT", err)) {
            exec(st, "ROLLBACK", NULL);
            return INSYN_ESYS;
        }
        applied++;
    }
    if (exec(st, audit_guard, err))
        return INSYN_ESYS;
    return applied;
}

static int
pg_migrate(struct store *base, struct insyn_err *err)
{
    struct pg_store *st = PS(base);
    /* one runner at a time: servers started together after an upgrade wait for the first */
    if (exec(st, "SELECT pg_advisory_lock(" MIGRATE_LOCK ")", err))
        return INSYN_ESYS;
    int applied = apply_migrations(st, err);
    exec(st, "SELECT pg_advisory_unlock(" MIGRATE_LOCK ")", NULL);
    return applied;
}

static int
pg_begin(struct store *st, struct insyn_err *err)
{
    if (exec(PS(st), "BEGIN ISOLATION LEVEL READ COMMITTED", err))
        return INSYN_ESYS;
    if (exec(PS(st), "SELECT pg_advisory_xact_lock(" WRITE_LOCK ")", err)) {
        exec(PS(st), "ROLLBACK", NULL);
        return INSYN_ESYS;
    }
    return 0;
}

static int
pg_commit(struct store *base, struct insyn_err *err)
{
    struct pg_store *st = PS(base);
    PGresult *res = PQexec(st->conn, "COMMIT");
    /* a transaction a failed statement has aborted answers COMMIT with ROLLBACK */
    int ok = PQresultStatus(res) == PGRES_COMMAND_OK && strcmp(PQcmdStatus(res), "COMMIT") == 0;
    if (!ok) {
        remember_failure(st, res);
        err_incident(err, "postgresql commit: %s", *st->message ? st->message : "rolled back");
    }
    PQclear(res);
    return ok ? 0 : INSYN_ESYS;
}

static int
in_transaction(struct pg_store *st)
{
    return PQtransactionStatus(st->conn) != PQTRANS_IDLE;
}

static void
pg_rollback(struct store *base)
{
    if (in_transaction(PS(base)))
        exec(PS(base), "ROLLBACK", NULL);
}

static int
pg_read_begin(struct store *base, struct insyn_err *err)
{
    struct pg_store *st = PS(base);
    if (in_transaction(st))
        return 0;
    return exec(st, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", err) == 0 ? 1 : INSYN_ESYS;
}

static void
pg_read_end(struct store *base, int opened)
{
    if (opened == 1 && in_transaction(PS(base)))
        exec(PS(base), "COMMIT", NULL);
}

static void
pg_release(struct store *base)
{
    struct pg_store *st = PS(base);
    stmt_cache_each(&st->cache, release_result);
    if (PQstatus(st->conn) != CONNECTION_OK) {
        /* the server restarted or the network broke: connect again, and prepare anew */
        log_line(4, "store: the connection to postgresql was lost; connecting again");
        stmt_cache_clear(&st->cache, forget);
        PQreset(st->conn);
        return;
    }
    pg_rollback(base);
}

static int
pg_reset_ids(struct store *base, const char *table, struct insyn_err *err)
{
    struct pg_store *st = PS(base);
    char *quoted = PQescapeIdentifier(st->conn, table, strlen(table));
    char *literal = quoted ? PQescapeLiteral(st->conn, quoted, strlen(quoted)) : NULL;
    if (!literal) {
        PQfreemem(quoted);
        return err_incident(err, "postgresql: %s", PQerrorMessage(st->conn));
    }
    struct buf sql;
    buf_init(&sql);
    /* identity columns draw from a sequence, which rows copied with their ids did not move */
    buf_printf(&sql,
               "SELECT setval(pg_get_serial_sequence(%s, 'id'), max(id)) FROM %s HAVING "
               "max(id) IS NOT NULL AND pg_get_serial_sequence(%s, 'id') IS NOT NULL",
               literal, quoted, literal);
    PQfreemem(literal);
    PQfreemem(quoted);
    int rc = exec(st, sql.data, err);
    buf_free(&sql);
    return rc;
}

static const struct backend postgres_backend = {
    .name = "postgresql",
    .prepare = pg_prepare,
    .done = pg_done,
    .step = pg_step,
    .changes = pg_changes,
    .last_id = pg_last_id,
    .errcode = pg_errcode,
    .fail = pg_fail,
    .bind_text = pg_bind_text,
    .bind_int = pg_bind_int,
    .bind_null = pg_bind_null,
    .bind_blob = pg_bind_blob,
    .col_int64 = pg_col_int64,
    .col_is_null = pg_col_is_null,
    .col_cstr = pg_col_cstr,
    .col_blob = pg_col_blob,
    .col_bytes = pg_col_bytes,
    .col_count = pg_col_count,
    .col_name = pg_col_name,
    .col_kind = pg_col_kind,
    .table_references_sql =
        "SELECT c.relname, r.relname FROM pg_class c LEFT JOIN pg_constraint k ON k.conrelid = "
        "c.oid AND k.contype = 'f' LEFT JOIN pg_class r ON r.oid = k.confrelid WHERE c.relkind = "
        "'r' AND c.relnamespace = current_schema()::regnamespace ORDER BY c.relname",
    .reset_ids = pg_reset_ids,
    .migrate = pg_migrate,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .read_begin = pg_read_begin,
    .read_end = pg_read_end,
    .backup = postgres_backup,
    .release = pg_release,
    .close = pg_close,
};
