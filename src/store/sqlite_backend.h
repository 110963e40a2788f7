/* sqlite_backend.h — the SQLite backend's own handle, for what only SQLite has (its online
 * backup, store/backup.c) and for tests that watch or bypass what the store runs (a read
 * transaction's consistency under a write in between). The store's other files speak struct
 * stmt (internal.h). */
#ifndef INSYN_STORE_SQLITE_BACKEND_H
#define INSYN_STORE_SQLITE_BACKEND_H

#include "core/err.h"

#include <sqlite3.h>

struct store;
sqlite3 *store_sqlite_db(struct store *st);
/* store_backup of a SQLite database (backup.c). */
int sqlite_backup(struct store *st, const char *dest, long long *verified, struct insyn_err *err);

#endif
