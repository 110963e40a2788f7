/* options.c — the options of a verb that takes one database and --name value options. */
#include "cli/cli.h"

#include "core/buf.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
cli_options(int argc, char **argv, const struct cli_option *opts, const char **db,
            const char *usage)
{
    *db = NULL;
    for (int i = 0; i < argc; i++) {
        const struct cli_option *o = opts;
        while (o->name && strcmp(argv[i], o->name) != 0)
            o++;
        if (o->name) {
            if (i + 1 >= argc) {
                fprintf(stderr, "insyn: %s behöver ett värde\n", argv[i]);
                return -1;
            }
            *o->value = argv[++i];
        } else if (strncmp(argv[i], "--", 2) == 0) {
            fprintf(stderr, "insyn: okänt val %s\n", argv[i]);
            return -1;
        } else if (!*db) {
            *db = argv[i];
        } else {
            fprintf(stderr, "insyn: för många argument\n");
            return -1;
        }
    }
    if (!*db) {
        fprintf(stderr, "Användning: insyn %s\n", usage);
        return -1;
    }
    return 0;
}

int
cli_format_ok(const char *format)
{
    if (strcmp(format, "table") == 0 || strcmp(format, "csv") == 0 || strcmp(format, "json") == 0)
        return 1;
    fprintf(stderr, "insyn: --format ska vara table, csv eller json\n");
    return 0;
}

void
cli_mail_defaults(const char **sendmail, const char **from)
{
    if (!*sendmail || !**sendmail)
        *sendmail = "/usr/sbin/sendmail -t -i";
    if (!*from || !**from)
        *from = "insyn@localhost";
}

void
cli_put_json(struct buf *out, json_t *j)
{
    char *s = json_dumps(j, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
    if (s)
        buf_puts(out, s);
    buf_putc(out, '\n');
    free(s);
    json_decref(j);
}
