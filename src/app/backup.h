/* backup.h — a consistent, checked copy of the database while the servers run
 * (docs/operations.md: backup, restore, cron).
 *
 * The copy is the database as it stood when the backup began; it is written next to its
 * destination as FILE.tmp and becomes FILE by a rename only once it has passed the checks,
 * so FILE is never half a copy, and a copy that fails leaves the earlier FILE as it was. */
#ifndef INSYN_APP_BACKUP_H
#define INSYN_APP_BACKUP_H

#include "app/app.h"

struct backup_options {
    int force; /* replace an existing FILE */
    int quick; /* the cheaper structure check (quick_check), for a very large database */
};

struct backup_result {
    long long bytes;         /* the copy's size */
    long long audit_records; /* records of the audit chain verified in the copy */
    int archive;             /* PostgreSQL: pg_dump's archive, for pg_restore */
};

/* Copies the existing database at db to dest and checks the copy. An existing dest is
 * refused (INSYN_ECONFLICT) unless opt->force; dest may never be the database itself or one
 * of its files (INSYN_EINVAL). Anything the system or the checks refuse is INSYN_ESYS, with
 * a Swedish message that says what and that nothing was saved. */
int app_backup(const char *db, const char *dest, const struct backup_options *opt,
               struct backup_result *out, struct insyn_err *err);

/* Checks the database at path: the backend's structure check, then the audit chain with the
 * same code as `insyn audit verify`. 0 when both hold (*audit_records verified), else
 * INSYN_ESYS with what failed. */
int app_backup_check(const char *path, int quick, long long *audit_records, struct insyn_err *err);

#endif
