/* postgres_backend.h — the PostgreSQL backend's own handle, for what only it has: a backup by
 * pg_dump (postgres_backup.c). The store's other files speak struct stmt (internal.h). */
#ifndef INSYN_STORE_POSTGRES_BACKEND_H
#define INSYN_STORE_POSTGRES_BACKEND_H

#include "core/err.h"

#include <libpq-fe.h>

struct store;
PGconn *store_pg_conn(struct store *st);
/* The URL the connection was opened with; it never holds a password. */
const char *store_pg_url(struct store *st);
/* store_backup of a PostgreSQL database (postgres_backup.c). */
int postgres_backup(struct store *st, const char *dest, long long *verified, struct insyn_err *err);

#endif
