/* risk.c — `insyn risk`: every organisation's risk indicator with its factors. */
#include "cli/cli.h"

#include "app/risk.h"
#include "core/buf.h"
#include "core/date.h"
#include "io/csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RISK_USAGE "risk DB [--today ÅÅÅÅ-MM-DD] [--format table|csv|json]"

static void
write_json(struct buf *out, const struct risk_row *rows, int n)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, risk_row_json(&rows[i], -1));
    cli_put_json(out, arr);
}

static void
write_csv(struct buf *out, const struct risk_row *rows, int n, struct arena *a)
{
    buf_puts(out, "org_nr,name,score,sum,level,candidate,factor_count,factors\r\n");
    for (int i = 0; i < n; i++) {
        const struct risk *r = &rows[i].risk;
        struct buf factors;
        buf_init(&factors);
        for (int k = 0; k < r->n_factors; k++)
            buf_printf(&factors, "%s%s %d: %s", k ? "; " : "", r->factors[k].label,
                       r->factors[k].weight, r->factors[k].source);
        const char *cells[] = {rows[i].org_nr,
                               rows[i].name,
                               arena_printf(a, "%d", r->score),
                               arena_printf(a, "%d", r->sum),
                               r->level,
                               rows[i].candidate ? "true" : "false",
                               arena_printf(a, "%d", r->n_factors),
                               factors.data ? factors.data : ""};
        for (size_t k = 0; k < sizeof cells / sizeof cells[0]; k++)
            csv_put_field(out, cells[k], k == 0);
        buf_puts(out, "\r\n");
        buf_free(&factors);
    }
}

static void
write_table(struct buf *out, const struct risk_row *rows, int n, struct arena *a)
{
    static const int widths[] = {12, 40, 6, 9, 10};
    const char *head[] = {"Org.nr", "Utförare", "Poäng", "Nivå", "Kandidat"};
    for (int k = 0; k < 5; k++)
        cli_column(out, head[k], widths[k]);
    buf_puts(out, "Faktorer\n");
    for (int i = 0; i < n; i++) {
        const struct risk *r = &rows[i].risk;
        const char *cells[] = {rows[i].org_nr, rows[i].name, arena_printf(a, "%d", r->score),
                               r->level_label, rows[i].candidate ? "ja" : "nej"};
        for (int k = 0; k < 5; k++)
            cli_column(out, cells[k], widths[k]);
        buf_printf(out, "%d\n", r->n_factors);
    }
    if (n == 0)
        buf_puts(out, "Ingen utförare har någon riskfaktor.\n");
}

int
cmd_risk(int argc, char **argv)
{
    const char *db = NULL, *today_s = NULL, *format = "table";
    const struct cli_option opts[] = {{"--today", &today_s}, {"--format", &format}, {NULL, NULL}};
    if (cli_options(argc, argv, opts, &db, RISK_USAGE) || !cli_format_ok(format))
        return EXIT_INPUT;
    int today = app_today();
    if (today_s && date_parse(today_s, &today) != 0) {
        fprintf(stderr, "insyn: --today ska vara ett datum skrivet ÅÅÅÅ-MM-DD\n");
        return EXIT_INPUT;
    }
    struct store *st;
    struct insyn_err err = {0};
    if (store_open(db, &st, &err) != 0) {
        fprintf(stderr, "insyn: %s\n", err.message);
        return EXIT_SYSTEM;
    }
    struct arena a;
    arena_init(&a);
    err.arena = &a;
    struct risk_row *rows;
    int n;
    int rc = app_risk_list(st, &app_system_actor, today, &a, &rows, &n, &err);
    store_close(st);
    if (rc) {
        fprintf(stderr, "insyn: %s\n", err.message);
        arena_free(&a);
        return rc == INSYN_ESYS ? EXIT_SYSTEM : EXIT_INPUT;
    }
    struct buf out;
    buf_init(&out);
    if (strcmp(format, "json") == 0)
        write_json(&out, rows, n);
    else if (strcmp(format, "csv") == 0)
        write_csv(&out, rows, n, &a);
    else
        write_table(&out, rows, n, &a);
    fwrite(out.data, 1, out.len, stdout);
    buf_free(&out);
    arena_free(&a);
    return EXIT_OK;
}
