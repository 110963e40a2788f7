/* backup.c — the SQLite backend's consistent copy of a running database, and its check.
 *
 * The copy is made with SQLite's online backup API, a number of pages at a time, inside one
 * read transaction on the source. In WAL mode (store_open sets it) a reader never blocks a
 * writer, so the servers go on writing while the copy is made, and the one read snapshot
 * makes the copy the database as it stood when the backup began: every transaction committed
 * before that is in it, none committed after. Without the held snapshot, the backup API
 * starts over whenever another process writes, and on a busy server it might never end. The
 * only cost to the writers is that checkpoints cannot pass the snapshot, so the WAL file
 * grows until the copy is done. */
#include "store/internal.h"
#include "store/sqlite_backend.h"
#include "store/store.h"

#include "core/buf.h"

#include <string.h>

#define PAGES_PER_STEP 1024 /* 4 MB with 4 KB pages */
#define BUSY_RETRIES 1000   /* 10 ms apart: ten seconds, as the busy timeout */

int
sqlite_backup(struct store *st, const char *dest, long long *verified, struct insyn_err *err)
{
    *verified = -1; /* the caller opens the copy and checks it */
    sqlite3 *to = NULL;
    if (sqlite3_open_v2(dest, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        err_set(err, INSYN_ESYS, "Kan inte skriva säkerhetskopian %s: %s", dest,
                to ? sqlite3_errmsg(to) : "okänt fel");
        sqlite3_close(to);
        return INSYN_ESYS;
    }
    sqlite3_busy_timeout(to, 10000);
    int opened = read_begin(st, err);
    if (opened < 0) {
        sqlite3_close(to);
        return INSYN_ESYS;
    }
    /* the snapshot is taken at the transaction's first read, so read now */
    struct stmt *s = stmt_prepare(st, "SELECT count(*) FROM sqlite_master", err);
    int rc = s ? stmt_step(s) : SQLITE_ERROR;
    stmt_done(s);
    if (rc != STMT_ROW) {
        if (s)
            store_fail(st, rc, err);
        read_end(st, opened);
        sqlite3_close(to);
        return INSYN_ESYS;
    }
    sqlite3_backup *b = sqlite3_backup_init(to, "main", store_sqlite_db(st), "main");
    if (!b) {
        err_incident(err, "backup init: %s", sqlite3_errmsg(to));
        read_end(st, opened);
        sqlite3_close(to);
        return INSYN_ESYS;
    }
    int waits = 0;
    for (;;) {
        rc = sqlite3_backup_step(b, PAGES_PER_STEP);
        if (rc == SQLITE_OK)
            continue;
        if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++waits < BUSY_RETRIES) {
            sqlite3_sleep(10);
            continue;
        }
        break;
    }
    sqlite3_backup_finish(b);
    read_end(st, opened);
    if (rc != STMT_DONE) {
        err_incident(err, "backup step: %s (%d)", sqlite3_errstr(rc), rc);
        sqlite3_close(to);
        return INSYN_ESYS;
    }
    if (sqlite3_close(to) != SQLITE_OK)
        return err_incident(err, "backup close: %s", sqlite3_errmsg(to));
    return 0;
}

int
store_check(struct store *st, int quick, struct arena *a, char **problem, struct insyn_err *err)
{
    *problem = NULL;
    /* the pragmas take no bound parameters: each text is fixed */
    struct stmt *s =
        stmt_prepare(st, quick ? "PRAGMA quick_check(10)" : "PRAGMA integrity_check(10)", err);
    if (!s)
        return INSYN_ESYS;
    struct buf found;
    buf_init(&found);
    int rc, rows = 0, ok = 0;
    while ((rc = stmt_step(s)) == STMT_ROW) {
        const char *line = col_cstr(s, 0);
        line = line ? line : "";
        ok = rows++ == 0 && strcmp(line, "ok") == 0;
        static const char main_db[] = "*** in database main ***\n";
        if (strncmp(line, main_db, sizeof main_db - 1) == 0)
            line += sizeof main_db - 1;
        if (found.len)
            buf_puts(&found, "; ");
        for (; *line; line++) /* one line of text: the problems are listed one a row */
            buf_putc(&found, *line == '\n' ? ' ' : *line);
    }
    stmt_done(s);
    /* on some damage the check itself stops with an error after the rows it found */
    if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB) {
        buf_printf(&found, "%s%s", found.len ? "; " : "", sqlite3_errstr(rc));
        ok = 0;
        rc = STMT_DONE;
    }
    /* integrity_check leaves out foreign keys: a row that refers to one missing */
    if (rc == STMT_DONE && ok && !quick) {
        s = stmt_prepare(st, "PRAGMA foreign_key_check", err);
        if (!s) {
            buf_free(&found);
            return INSYN_ESYS;
        }
        buf_reset(&found);
        while ((rc = stmt_step(s)) == STMT_ROW && found.len < 1000) {
            buf_printf(&found, "%sraden %lld i %s pekar på en rad som saknas i %s",
                       found.len ? "; " : "", (long long)col_int64(s, 1), col_cstr(s, 0),
                       col_cstr(s, 2));
            ok = 0;
        }
        if (rc == STMT_ROW)
            rc = STMT_DONE; /* enough found to say so */
        stmt_done(s);
    }
    if (rc == STMT_DONE && !ok)
        *problem = arena_strdup(a, found.data ? found.data : "");
    buf_free(&found);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}
