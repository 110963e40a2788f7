/* backup.c — `insyn backup DB FIL`: a checked copy of the database while the servers run. */
#include "cli/cli.h"

#include "app/backup.h"

#include <stdio.h>
#include <string.h>

int
cmd_backup(int argc, char **argv)
{
    const char *pos[2] = {NULL, NULL};
    int npos = 0;
    struct backup_options opt = {0};
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--force") == 0) {
            opt.force = 1;
        } else if (strcmp(argv[i], "--quick") == 0) {
            opt.quick = 1;
        } else if (strncmp(argv[i], "--", 2) == 0) {
            fprintf(stderr, "insyn: okänt val %s\n", argv[i]);
            return EXIT_INPUT;
        } else if (npos < 2) {
            pos[npos++] = argv[i];
        } else {
            fprintf(stderr, "insyn: för många argument\n");
            return EXIT_INPUT;
        }
    }
    if (npos != 2) {
        fprintf(stderr, "Användning: insyn %s\n", BACKUP_USAGE);
        return EXIT_INPUT;
    }
    struct backup_result r;
    struct insyn_err err = {0};
    int rc = app_backup(pos[0], pos[1], &opt, &r, &err);
    if (rc) {
        fprintf(stderr, "insyn: %s\n", err.message);
        return rc == INSYN_ESYS ? EXIT_SYSTEM : EXIT_INPUT;
    }
    if (r.archive)
        printf("Säkerhetskopian %s är skapad (%.1f MB, ett arkiv för pg_restore) och "
               "kontrollerad: granskningsloggen var hel, %lld poster, i just den ögonblicksbild "
               "som kopierades, och arkivet går att läsa.\n",
               pos[1], (double)r.bytes / (1024.0 * 1024.0), r.audit_records);
    else
        printf("Säkerhetskopian %s är skapad (%.1f MB) och kontrollerad: databasen är hel och "
               "granskningsloggen är hel, %lld poster.\n",
               pos[1], (double)r.bytes / (1024.0 * 1024.0), r.audit_records);
    return EXIT_OK;
}
