/* agreement.c — the agreement a verb's --agreement CASE_REF [--organisation ORG_NR] names
 * (insyn stats, insyn report agreement): one agreement, or a message saying why not — none has
 * that case reference, or several share it and --organisation must choose, each named. */
#include "cli/cli.h"

#include "app/stats.h"

#include <stdio.h>
#include <string.h>

int
cli_agreement(const char *db, const char *case_ref, const char *org_nr, struct arena *a,
              struct store **st, struct agreement *g)
{
    struct insyn_err err = {.arena = a};
    if (store_open(db, st, &err) != 0) {
        fprintf(stderr, "insyn: %s\n", err.message);
        return EXIT_SYSTEM;
    }
    int rc = app_agreement_by_case_ref(*st, &app_system_actor, case_ref, org_nr, a, g, &err);
    if (rc == 0)
        return EXIT_OK;
    store_close(*st);
    *st = NULL;
    if (rc == INSYN_ESYS) {
        fprintf(stderr, "insyn: %s\n", err.message);
        return EXIT_SYSTEM;
    }
    int org = err.nfields && strcmp(err_field_at(&err, 0)->field, "organisation") == 0;
    fprintf(stderr, "insyn: %s: %s\n", org ? "--organisation" : "--agreement", err.message);
    int several = 0;
    for (int i = 0; i < err.nfields; i++)
        if (strcmp(err_field_at(&err, i)->field, "agreements") == 0) {
            fprintf(stderr, "  %s\n", err_field_at(&err, i)->message);
            several = 1;
        }
    if (err.truncated)
        fprintf(stderr, "  … och %d till\n", err.truncated);
    if (several)
        fprintf(stderr, "Ange utförarens organisationsnummer med --organisation ORG_NR.\n");
    return EXIT_INPUT;
}
