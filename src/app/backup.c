/* backup.c — the backup use case: copy, check, then put the copy in place.
 *
 * The steps, in an order that never leaves a half file at FILE:
 *   1. refuse a FILE that exists (unless forced) or that is the database or one of its files;
 *   2. open the database as it is — never creating one, never migrating it (a backup made
 *      by a newer binary must not change the schema under the servers that run);
 *   3. create FILE.tmp (readable by its owner only: the copy holds everything the database
 *      holds) and let the backend copy the database into it;
 *   4. check the copy: the backend's structure check and the audit chain;
 *   5. flush it to disk, rename it to FILE and flush the directory.
 * Any failure removes FILE.tmp and leaves FILE as it was. */
#include "app/backup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The reason a file operation failed, in Swedish for the common cases. */
static const char *
errno_text(int e)
{
    switch (e) {
    case ENOENT:
        return "mappen finns inte";
    case EACCES:
    case EPERM:
        return "behörighet saknas";
    case ENOSPC:
        return "disken är full";
    case EDQUOT:
        return "lagringskvoten är slut";
    case EROFS:
        return "filsystemet är skrivskyddat";
    case EISDIR:
        return "det är en mapp";
    default:
        return strerror(e);
    }
}

static int
same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* path with its directory resolved (the file itself need not exist), or NULL. */
static char *
resolved(const char *path, struct arena *a)
{
    char *full = realpath(path, NULL);
    if (!full) {
        const char *slash = strrchr(path, '/');
        const char *dir = !slash          ? "."
                          : slash == path ? "/"
                                          : arena_strndup(a, path, (size_t)(slash - path));
        char *d = realpath(dir, NULL);
        if (!d)
            return NULL;
        char *out = arena_printf(a, "%s/%s", d, slash ? slash + 1 : path);
        free(d);
        return out;
    }
    char *out = arena_strdup(a, full);
    free(full);
    return out;
}

/* Whether path is the database at db or one of the files SQLite keeps beside it (which need
 * not exist while no connection is open). */
static int
part_of_database(const char *db, const char *path, struct arena *a)
{
    static const char *const beside[] = {"", "-wal", "-shm", "-journal"};
    const char *db_full = resolved(db, a), *path_full = resolved(path, a);
    for (size_t i = 0; i < sizeof beside / sizeof beside[0]; i++) {
        if (same_file(arena_printf(a, "%s%s", db, beside[i]), path))
            return 1; /* also another name (a hard link) of the same file */
        if (db_full && path_full &&
            strcmp(arena_printf(a, "%s%s", db_full, beside[i]), path_full) == 0)
            return 1;
    }
    return 0;
}

/* Removes a copy that will not be kept, with whatever SQLite left beside it. */
static void
remove_copy(const char *tmp, struct arena *a)
{
    static const char *const beside[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof beside / sizeof beside[0]; i++)
        unlink(arena_printf(a, "%s%s", tmp, beside[i]));
}

/* fsync of a file, or of the directory that holds path when dir is set. */
static int
sync_path(const char *path, int dir, struct arena *a)
{
    const char *target = path;
    if (dir) {
        const char *slash = strrchr(path, '/');
        target = !slash          ? "."
                 : slash == path ? "/"
                                 : arena_strndup(a, path, (size_t)(slash - path));
    }
    int fd = open(target, (dir ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

int
app_backup_check(const char *path, int quick, long long *audit_records, struct insyn_err *err)
{
    *audit_records = 0;
    struct store *st;
    if (store_open_with(path, STORE_EXISTING | STORE_NO_MIGRATE, &st, err) != 0)
        return INSYN_ESYS;
    struct arena a;
    arena_init(&a);
    char *problem = NULL;
    struct audit_report report = {0};
    int rc = store_check(st, quick, &a, &problem, err);
    if (rc == 0 && problem) {
        log_line(3, "backup: %s of %s: %s", quick ? "quick_check" : "integrity_check", path,
                 problem);
        rc = err_set(err, INSYN_ESYS,
                     "Kopian klarade inte kontrollen av databasens struktur (%s): %.70s… "
                     "Databasen kan vara skadad.",
                     quick ? "quick_check" : "integrity_check", problem);
    }
    /* the same walk of the hash chain as `insyn audit verify` */
    if (rc == 0)
        rc = app_audit_verify(st, NULL, &report, err);
    if (rc == 0 && report.first_broken)
        rc = err_set(err, INSYN_ESYS,
                     "Granskningsloggen i kopian är bruten vid post %lld: databasen har ändrats "
                     "utanför insyn.",
                     report.first_broken);
    if (rc == 0)
        *audit_records = report.checked;
    store_close(st);
    arena_free(&a);
    return rc ? INSYN_ESYS : 0;
}

/* After a failed step: removes FILE.tmp and says that nothing was saved. */
static int
fail(const char *tmp, const char *dest, int dest_existed, struct arena *a, struct insyn_err *err)
{
    remove_copy(tmp, a);
    if (err->incident[0])
        return INSYN_ESYS; /* the incident's message already says that nothing was saved */
    char why[sizeof err->message];
    snprintf(why, sizeof why, "%s", err->message);
    int code = err->code ? err->code : INSYN_ESYS;
    if (dest_existed)
        err_set(err, code, "%s Ingen ny säkerhetskopia sparades; %s är orörd.", why, dest);
    else
        err_set(err, code, "%s Ingen säkerhetskopia sparades.", why);
    return code;
}

int
app_backup(const char *db, const char *dest, const struct backup_options *opt,
           struct backup_result *out, struct insyn_err *err)
{
    *out = (struct backup_result){0};
    struct arena a;
    arena_init(&a);
    const char *tmp = arena_printf(&a, "%s.tmp", dest);
    struct stat ds;
    int dest_existed = stat(dest, &ds) == 0, rc;
    if (part_of_database(db, dest, &a) || part_of_database(db, tmp, &a)) {
        rc =
            err_set(err, INSYN_EINVAL,
                    "Säkerhetskopian kan inte skrivas över databasen %s eller filerna bredvid den. "
                    "Ange en annan fil.",
                    db);
        goto done;
    }
    if (dest_existed && S_ISDIR(ds.st_mode)) {
        rc = err_set(err, INSYN_EINVAL, "%s är en mapp. Ange ett filnamn för säkerhetskopian.",
                     dest);
        goto done;
    }
    if (dest_existed && !opt->force) {
        rc = err_set(err, INSYN_ECONFLICT,
                     "Filen %s finns redan. Ange --force för att ersätta den med en ny "
                     "säkerhetskopia.",
                     dest);
        goto done;
    }
    struct store *src;
    if ((rc = store_open_with(db, STORE_EXISTING | STORE_NO_MIGRATE, &src, err)) != 0)
        goto done;
    /* a FILE.tmp left by a backup that was stopped half-way is only ever a half copy */
    remove_copy(tmp, &a);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        int e = errno;
        store_close(src);
        rc = err_set(err, INSYN_ESYS, "Kan inte skapa säkerhetskopian %s: %s.", tmp, errno_text(e));
        goto done;
    }
    close(fd);
    long long verified;
    rc = store_backup(src, tmp, &verified, err);
    store_close(src);
    out->archive = verified >= 0;
    if (rc == 0 && verified < 0) /* a database file: open the copy and check it */
        rc = app_backup_check(tmp, opt->quick, &out->audit_records, err);
    else
        out->audit_records = verified;
    if (rc) {
        rc = fail(tmp, dest, dest_existed, &a, err);
        goto done;
    }
    struct stat ts;
    if (stat(tmp, &ts) == 0)
        out->bytes = (long long)ts.st_size;
    if (sync_path(tmp, 0, &a) != 0 || rename(tmp, dest) != 0) {
        int e = errno;
        err_set(err, INSYN_ESYS, "Kan inte spara säkerhetskopian som %s: %s.", dest, errno_text(e));
        rc = fail(tmp, dest, dest_existed, &a, err);
        goto done;
    }
    /* the rename itself lasts only once the directory is on disk */
    if (sync_path(dest, 1, &a) != 0)
        log_line(4, "backup: the directory of %s could not be flushed to disk", dest);
done:
    arena_free(&a);
    return rc;
}
