/* copy.c — `insyn copy-data --from DB --to DB`: a municipality's data moved between databases. */
#include "cli/cli.h"

#include "app/copy.h"

#include <stdio.h>
#include <string.h>

int
cmd_copy_data(int argc, char **argv)
{
    const char *from = NULL, *to = NULL;
    for (int i = 0; i < argc; i++) {
        const char **slot = strcmp(argv[i], "--from") == 0 ? &from
                            : strcmp(argv[i], "--to") == 0 ? &to
                                                           : NULL;
        if (!slot) {
            fprintf(stderr, "insyn: okänt argument %s\n", argv[i]);
            return EXIT_INPUT;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "insyn: %s behöver ett värde\n", argv[i]);
            return EXIT_INPUT;
        }
        *slot = argv[++i];
    }
    if (!from || !to) {
        fprintf(stderr, "Användning: insyn %s\n", COPY_DATA_USAGE);
        return EXIT_INPUT;
    }
    struct copy_result r;
    struct insyn_err err = {0};
    int rc = app_copy_data(from, to, &r, &err);
    if (rc) {
        fprintf(stderr, "insyn: %s\n", err.message);
        return rc == INSYN_ESYS ? EXIT_SYSTEM : EXIT_INPUT;
    }
    printf("Kopierat %lld rader i %d tabeller från %s till %s. Granskningsloggen i %s är hel: "
           "%lld poster kontrollerade.\n",
           r.rows, r.tables, from, to, to, r.audit_records);
    return EXIT_OK;
}
