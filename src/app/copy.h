/* copy.h — a municipality's data moved between databases, SQLite to PostgreSQL or back
 * (`insyn copy-data`, docs/operations.md). */
#ifndef INSYN_APP_COPY_H
#define INSYN_APP_COPY_H

#include "app/app.h"

struct copy_result {
    int tables;
    long long rows;
    long long audit_records; /* verified in the target after the copy */
};

/* Copies everything in the database at from into the database at to (created when it is a
 * SQLite file that does not exist), in one transaction on the target, and appends the copy's
 * own audit record there. Refused: the same database twice, a source that is not an insyn
 * database or has another schema version, a target that already holds data (INSYN_EINVAL or
 * INSYN_ECONFLICT, nothing written). The target's audit chain is verified after the commit. */
int app_copy_data(const char *from, const char *to, struct copy_result *out, struct insyn_err *err);

#endif
