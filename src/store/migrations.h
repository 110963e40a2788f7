/* migrations.h — what both backends' migration runners share: which embedded files are
 * migrations, and the table that records those applied. Not for use outside store/. */
#ifndef INSYN_STORE_MIGRATIONS_H
#define INSYN_STORE_MIGRATIONS_H

#include "core/embed.h"
#include "core/err.h"

struct store;

/* The file's name after dir (such as "001_registry.sql"), or NULL when it is not in dir. */
const char *migration_name(const struct embedded_file *f, const char *dir);
/* 1 when migration `version` has been applied, 0 when not, -1 when the database cannot say. */
int migration_applied(struct store *st, int version, struct insyn_err *err);
/* Records migration `version` as applied now. */
int migration_record(struct store *st, int version, const char *name, struct insyn_err *err);

#endif
