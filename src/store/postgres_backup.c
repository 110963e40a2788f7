/* postgres_backup.c — the PostgreSQL backend's backup: pg_dump's archive of one snapshot, the
 * one in which insyn has just walked the audit chain.
 *
 * The snapshot is exported from a REPEATABLE READ transaction that stays open until pg_dump
 * has taken it (--snapshot), so the archive holds exactly the database whose chain was found
 * whole, while the servers go on writing. pg_restore then reads the archive's contents back,
 * which a truncated or damaged file fails. Restoring: docs/operations.md. */
#include "store/internal.h"
#include "store/postgres_backend.h"
#include "store/store.h"

#include "core/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

extern char **environ;

/* Runs a PostgreSQL client program and waits for it; its messages go to standard error. */
static int
run(char *const argv[], int quiet, struct insyn_err *err)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    if (quiet)
        posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
        return err_set(err, INSYN_ESYS,
                       "Programmet %s kan inte startas (%s): installera Debians paket "
                       "postgresql-client.",
                       argv[0], strerror(rc));
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return err_set(err, INSYN_ESYS, "%s: %s", argv[0], strerror(errno));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return err_set(err, INSYN_ESYS, "%s misslyckades (se meddelandet ovan).", argv[0]);
    return 0;
}

/* The snapshot's name, from the transaction the caller opened. */
static int
export_snapshot(PGconn *conn, char *out, size_t size, struct insyn_err *err)
{
    PGresult *res = PQexec(conn, "SELECT pg_export_snapshot()");
    int ok = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
    if (ok)
        snprintf(out, size, "%s", PQgetvalue(res, 0, 0));
    else
        err_incident(err, "postgresql: %s", PQresultErrorMessage(res));
    PQclear(res);
    return ok ? 0 : INSYN_ESYS;
}

int
postgres_backup(struct store *st, const char *dest, long long *verified, struct insyn_err *err)
{
    *verified = 0;
    int opened = read_begin(st, err);
    if (opened != 1)
        return opened < 0 ? INSYN_ESYS : err_incident(err, "backup inside a transaction");
    char snapshot[64];
    struct audit_verification v = {0};
    int rc = export_snapshot(store_pg_conn(st), snapshot, sizeof snapshot, err);
    if (rc == 0)
        rc = store_audit_verify(st, &v, err);
    if (rc == 0 && v.first_broken)
        rc = err_set(err, INSYN_ESYS,
                     "Granskningsloggen är bruten vid post %lld: databasen har ändrats utanför "
                     "insyn.",
                     v.first_broken);
    if (rc == 0) {
        struct buf snap, file, db;
        buf_init(&snap);
        buf_init(&file);
        buf_init(&db);
        buf_printf(&snap, "--snapshot=%s", snapshot);
        buf_printf(&file, "--file=%s", dest);
        buf_printf(&db, "--dbname=%s", store_pg_url(st));
        /* --no-password: from cron there is no one to ask; PGPASSWORD or ~/.pgpass answers */
        char *const dump[] = {
            "pg_dump", "--format=custom", "--no-password", snap.data, file.data, db.data, NULL};
        rc = run(dump, 0, err);
        buf_free(&snap);
        buf_free(&db);
        read_end(st, opened);
        char *const list[] = {"pg_restore", "--list", (char *)dest, NULL};
        if (rc == 0)
            rc = run(list, 1, err);
        buf_free(&file);
    } else {
        read_end(st, opened);
    }
    if (rc == 0)
        *verified = v.checked;
    return rc;
}
