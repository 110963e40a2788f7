/* sample.c — `insyn sample`: the units a sampling rule puts in the planned follow-up, each with
 * the reason it is there; the same computation as the control plan's (app_sample). */
#include "cli/cli.h"

#include "app/plans.h"
#include "core/buf.h"
#include "io/csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SAMPLE_USAGE                                                                               \
    "sample DB --agreement DIARIENUMMER --from DATUM --to DATUM [--min-placements N] "             \
    "[--format table|csv|json]"

static void
write_json(struct buf *out, const struct sample_unit *u, int n)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, sample_unit_json(&u[i]));
    cli_put_json(out, arr);
}

static void
write_csv(struct buf *out, const struct sample_unit *u, int n, struct arena *a)
{
    buf_puts(out, "org_nr,organisation,unit,placements,reason\r\n");
    for (int i = 0; i < n; i++) {
        const char *cells[] = {u[i].org_nr, u[i].organisation, u[i].unit,
                               arena_printf(a, "%d", u[i].placements), u[i].reason};
        for (size_t k = 0; k < sizeof cells / sizeof cells[0]; k++)
            csv_put_field(out, cells[k] ? cells[k] : "", k == 0);
        buf_puts(out, "\r\n");
    }
}

static void
write_table(struct buf *out, const struct sample_unit *u, int n, struct arena *a)
{
    static const int widths[] = {12, 34, 30, 11};
    const char *head[] = {"Org.nr", "Utförare", "Enhet", "Placeringar"};
    for (int k = 0; k < 4; k++)
        cli_column(out, head[k], widths[k]);
    buf_puts(out, "Skäl\n");
    for (int i = 0; i < n; i++) {
        const char *cells[] = {u[i].org_nr, u[i].organisation, u[i].unit,
                               arena_printf(a, "%d", u[i].placements)};
        for (int k = 0; k < 4; k++)
            cli_column(out, cells[k] ? cells[k] : "", widths[k]);
        buf_printf(out, "%s\n", u[i].reason ? u[i].reason : "");
    }
    if (n == 0)
        buf_puts(out, "Ingen enhet uppfyller urvalsregeln.\n");
    else
        buf_printf(out, "%d %s i urvalet.\n", n, n == 1 ? "enhet" : "enheter");
}

int
cmd_sample(int argc, char **argv)
{
    const char *db = NULL, *agreement = NULL, *from = NULL, *to = NULL, *min = NULL;
    const char *format = "table";
    const struct cli_option opts[] = {
        {"--agreement", &agreement}, {"--from", &from},     {"--to", &to},
        {"--min-placements", &min},  {"--format", &format}, {NULL, NULL}};
    if (cli_options(argc, argv, opts, &db, SAMPLE_USAGE) || !cli_format_ok(format))
        return EXIT_INPUT;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    /* the plan's rule, checked by the same function; the messages name the options */
    static const char *const names[4] = {"--agreement", "--from", "--to", "--min-placements"};
    struct sample_rule rule;
    if (sample_rule_validate(agreement, from, to, min, names, names, &rule, &a, &err)) {
        for (int i = 0; i < err.nfields; i++)
            fprintf(stderr, "insyn: %s\n", err_field_at(&err, i)->message);
        arena_free(&a);
        return EXIT_INPUT;
    }
    struct store *st;
    if (store_open(db, &st, &err) != 0) {
        fprintf(stderr, "insyn: %s\n", err.message);
        arena_free(&a);
        return EXIT_SYSTEM;
    }
    struct sample_unit *units;
    int n;
    int rc = app_sample(st, &app_system_actor, &rule, 0, &a, &units, &n, &err);
    store_close(st);
    if (rc) {
        fprintf(stderr, "insyn: %s\n", err.message);
        arena_free(&a);
        return rc == INSYN_ESYS ? EXIT_SYSTEM : EXIT_INPUT;
    }
    struct buf out;
    buf_init(&out);
    if (strcmp(format, "json") == 0)
        write_json(&out, units, n);
    else if (strcmp(format, "csv") == 0)
        write_csv(&out, units, n, &a);
    else
        write_table(&out, units, n, &a);
    fwrite(out.data ? out.data : "", 1, out.len, stdout);
    buf_free(&out);
    arena_free(&a);
    return EXIT_OK;
}
