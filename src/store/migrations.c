/* migrations.c — the record of applied migrations, in SQL both backends accept. */
#include "store/migrations.h"
#include "store/internal.h"

#include <string.h>

const char *
migration_name(const struct embedded_file *f, const char *dir)
{
    size_t n = strlen(dir);
    return strncmp(f->name, dir, n) == 0 && !strchr(f->name + n, '/') ? f->name + n : NULL;
}

int
migration_applied(struct store *st, int version, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st, "SELECT 1 FROM schema_migration WHERE version = ?", err);
    if (!s)
        return -1;
    bind_int(s, 1, version);
    int rc = stmt_step(s);
    stmt_done(s);
    if (rc == STMT_ROW)
        return 1;
    if (rc == STMT_DONE)
        return 0;
    store_fail(st, rc, err);
    return -1;
}

int
migration_record(struct store *st, int version, const char *name, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st, "INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)", err);
    if (!s)
        return INSYN_ESYS;
    char now[21];
    utc_timestamp(now);
    bind_int(s, 1, version);
    bind_text(s, 2, name);
    bind_text(s, 3, now);
    return stmt_run(st, s, err);
}
