/* sqlite_backend.h — the SQLite backend's own handle, for tests that watch or bypass what the
 * store runs (a read transaction's consistency under a write in between). Nothing else uses
 * it: the store's files speak struct stmt (internal.h). */
#ifndef INSYN_STORE_SQLITE_BACKEND_H
#define INSYN_STORE_SQLITE_BACKEND_H

#include <sqlite3.h>

struct store;
sqlite3 *store_sqlite_db(struct store *st);

#endif
