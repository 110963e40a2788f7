/* copy.c — the copy-data use case: check both ends, copy in one transaction, verify. */
#include "app/copy.h"

#include <jansson.h>
#include <string.h>

/* Opens the source as it is and the target migrated, and refuses what cannot be copied. */
static int
open_both(const char *from, const char *to, struct store **src, struct store **dst,
          struct insyn_err *err)
{
    if (strcmp(from, to) == 0)
        return err_set(err, INSYN_EINVAL, "Källan och målet är samma databas.");
    if (store_open_with(from, STORE_EXISTING | STORE_NO_MIGRATE, src, err))
        return err->code;
    if (store_open(to, dst, err)) {
        store_close(*src);
        return err->code;
    }
    int vfrom, vto, full;
    int rc = store_schema_version(*src, &vfrom, err);
    if (rc == 0)
        rc = store_schema_version(*dst, &vto, err);
    if (rc == 0)
        rc = store_holds_data(*dst, &full, err);
    if (!rc && vfrom < vto)
        rc = err_set(err, INSYN_EINVAL,
                     "Källdatabasen har en äldre struktur (version %d, den här versionen av insyn "
                     "har %d): kör insyn migrate på den först.",
                     vfrom, vto);
    else if (!rc && vfrom > vto)
        rc = err_set(err, INSYN_EINVAL,
                     "Källdatabasen har en nyare struktur (version %d) än den här versionen av "
                     "insyn (%d): använd samma version som skrev den.",
                     vfrom, vto);
    else if (!rc && full)
        rc = err_set(err, INSYN_ECONFLICT,
                     "Måldatabasen innehåller redan uppgifter: data kopieras bara till en ny, tom "
                     "databas (skapad med insyn init).");
    if (rc) {
        store_close(*src);
        store_close(*dst);
    }
    return rc;
}

int
app_copy_data(const char *from, const char *to, struct copy_result *out, struct insyn_err *err)
{
    struct store *src, *dst;
    int rc = open_both(from, to, &src, &dst, err);
    if (rc)
        return rc;
    struct arena a;
    arena_init(&a);
    struct copy_counts counts;
    rc = store_begin(dst, err);
    if (!rc && (rc = store_copy(src, dst, &a, &counts, err)) == 0) {
        json_t *after = json_pack("{s:s, s:i, s:I}", "from", store_backend_name(src), "tables",
                                  counts.tables, "rows", (json_int_t)counts.rows);
        rc = app_commit_audited(dst, &app_system_actor, "copy", "database", 0, NULL, after, err);
    } else {
        store_rollback(dst);
    }
    struct audit_report report = {0};
    if (!rc && (rc = app_audit_verify(dst, NULL, &report, err)) == 0 && report.first_broken)
        rc = err_set(err, INSYN_ESYS,
                     "Granskningsloggen i måldatabasen är bruten vid post %lld efter kopieringen.",
                     report.first_broken);
    store_close(src);
    store_close(dst);
    arena_free(&a);
    if (rc)
        return rc;
    out->tables = counts.tables;
    out->rows = counts.rows;
    out->audit_records = report.checked;
    return 0;
}
