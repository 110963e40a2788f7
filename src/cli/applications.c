/* applications.c — `insyn applications`: the LOV applications (seed 003) with their status and
 * clocks, newest first, as the API lists them (app/applications.h): a table for people with the
 * average processing time last, CSV, or the API's JSON objects. */
#include "cli/cli.h"

#include "app/applications.h"
#include "core/buf.h"
#include "core/codes.h"
#include "io/csv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define APPLICATIONS_USAGE "applications DB [--status STATUS] [--format table|csv|json]"

/* The CSV's columns: keys of application_json, in this order. */
static const char *const csv_keys[] = {
    "id",
    "org_nr",
    "name",
    "service_area",
    "personal_care",
    "received",
    "complete_on",
    "status",
    "supplement_request_due",
    "supplement_due",
    "decision_due",
    "decided_on",
    "outcome",
    "announced_on",
    "legal_force_on",
    "agreement_meeting_due",
    "signed_on",
    "days_open",
    "days_processing",
    "responsible_name",
};

/* A JSON value as a CSV cell: null is empty, a boolean true or false. */
static const char *
cell_text(struct arena *a, json_t *v)
{
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v))
        return arena_printf(a, "%lld", (long long)json_integer_value(v));
    if (json_is_boolean(v))
        return json_is_true(v) ? "true" : "false";
    return "";
}

static void
write_json(struct buf *out, const struct application_view *items, int n)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, application_json(&items[i]));
    cli_put_json(out, arr);
}

static void
write_csv(struct buf *out, const struct application_view *items, int n, struct arena *a)
{
    size_t nkeys = sizeof csv_keys / sizeof *csv_keys;
    for (size_t k = 0; k < nkeys; k++)
        csv_put_field(out, csv_keys[k], k == 0);
    buf_puts(out, "\r\n");
    for (int i = 0; i < n; i++) {
        json_t *j = application_json(&items[i]);
        for (size_t k = 0; k < nkeys; k++)
            csv_put_field(out, cell_text(a, json_object_get(j, csv_keys[k])), k == 0);
        buf_puts(out, "\r\n");
        json_decref(j);
    }
}

/* Days with one decimal, written the Swedish way: 23,5. */
static const char *
days_text(struct arena *a, double days)
{
    long tenths = lround(days * 10);
    return arena_printf(a, "%ld,%ld", tenths / 10, tenths % 10);
}

static void
write_table(struct buf *out, const struct application_view *items, int n, struct arena *a)
{
    static const int widths[] = {11, 32, 12, 10, 10, 25};
    const char *head[] = {"Org.nr", "Utförare", "Område", "Inkom", "Komplett", "Status"};
    for (int k = 0; k < 6; k++)
        cli_column(out, head[k], widths[k]);
    buf_puts(out, "Dagar\n");
    for (int i = 0; i < n; i++) {
        json_t *j = application_json(&items[i]);
        const char *cells[] = {json_string_value(json_object_get(j, "org_nr")),
                               json_string_value(json_object_get(j, "name")),
                               json_string_value(json_object_get(j, "service_area_label")),
                               cell_text(a, json_object_get(j, "received")),
                               cell_text(a, json_object_get(j, "complete_on")),
                               json_string_value(json_object_get(j, "status_label"))};
        for (int k = 0; k < 6; k++)
            cli_column(out, cells[k] && *cells[k] ? cells[k] : "–", widths[k]);
        buf_printf(out, "%d\n", items[i].clock.days_open);
        json_decref(j);
    }
    if (n == 0) {
        buf_puts(out, "Inga ansökningar matchar.\n");
        return;
    }
    double processing, total;
    application_averages(items, n, &processing, &total);
    int decided = 0;
    for (int i = 0; i < n; i++)
        decided += *items[i].x.outcome != '\0';
    const char *which =
        arena_printf(a, "%d beslutad%s", decided, decided == 1 ? " ansökan" : "e ansökningar");
    buf_putc(out, '\n');
    if (total < 0)
        buf_puts(out, "Genomsnittlig handläggningstid: ingen av ansökningarna är beslutad ännu.\n");
    else if (processing < 0)
        buf_printf(out,
                   "Genomsnittlig handläggningstid (%s): %s dagar från inkommen ansökan till "
                   "beslut.\n",
                   which, days_text(a, total));
    else
        buf_printf(out,
                   "Genomsnittlig handläggningstid (%s): %s dagar från komplett ansökan till "
                   "beslut, %s dagar från inkommen ansökan till beslut.\n",
                   which, days_text(a, processing), days_text(a, total));
}

/* The statuses one may ask for, for a message: "received (Inkommen), …". */
static void
print_statuses(FILE *f)
{
    for (const struct code_label *c = application_statuses; c->code; c++)
        fprintf(f, "%s%s (%s)", c == application_statuses ? "" : ", ", c->code, c->label);
}

int
cmd_applications(int argc, char **argv)
{
    const char *db = NULL, *status = NULL, *format = "table";
    const struct cli_option opts[] = {{"--status", &status}, {"--format", &format}, {NULL, NULL}};
    if (cli_options(argc, argv, opts, &db, APPLICATIONS_USAGE) || !cli_format_ok(format))
        return EXIT_INPUT;
    if (status && !code_valid(application_statuses, status)) {
        fprintf(stderr, "insyn: --status: statusen \"%s\" finns inte. Välj en av ", status);
        print_statuses(stderr);
        fputs(".\n", stderr);
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
    struct application_view *items;
    int n;
    int rc = app_application_list(st, &app_system_actor, status, app_today(), &a, &items, &n, &err);
    store_close(st);
    if (rc) {
        fprintf(stderr, "insyn: %s\n", err.message);
        arena_free(&a);
        return rc == INSYN_ESYS ? EXIT_SYSTEM : EXIT_INPUT;
    }
    struct buf out;
    buf_init(&out);
    if (strcmp(format, "json") == 0)
        write_json(&out, items, n);
    else if (strcmp(format, "csv") == 0)
        write_csv(&out, items, n, &a);
    else
        write_table(&out, items, n, &a);
    fwrite(out.data, 1, out.len, stdout);
    buf_free(&out);
    arena_free(&a);
    return EXIT_OK;
}
