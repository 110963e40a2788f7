/* report.c — `insyn report annual`: the committee's annual report on control and follow-up of
 * private providers for a year, and `insyn report agreement`: the follow-up report of one
 * agreement for a year; each inside its memo, written as PDF, ODT or DOCX to a file. The file is
 * written whole or not at all: into a temporary file beside it, then renamed. */
#include "cli/cli.h"

#include "app/reports.h"
#include "core/date.h"
#include "core/text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define REPORT_USAGE "report annual DB --year ÅR --format pdf|odt|docx --out FIL"
#define REPORT_AGREEMENT_USAGE                                                                     \
    "report agreement DB --agreement DIARIENUMMER [--organisation ORG_NR] --year ÅR "             \
    "--format pdf|odt|docx --out FIL"

/* Writes data to path through path.tmp and a rename; a message on failure. */
static int
write_file(const char *path, const struct buf *data)
{
    char *tmp = malloc(strlen(path) + 5);
    if (!tmp)
        return -1;
    sprintf(tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    int ok = f && fwrite(data->data, 1, data->len, f) == data->len;
    if (f && fclose(f) != 0)
        ok = 0;
    if (ok && rename(tmp, path) != 0)
        ok = 0;
    if (!ok) {
        fprintf(stderr, "insyn: filen %s kunde inte skrivas: %s\n", path, strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    return ok ? 0 : -1;
}

/* The options both verbs check before the database is opened: the year, the format and the
 * file; -1 after saying what is wrong. */
static int
report_options(const char *year_s, const char *format_s, const char *out_path, int *year,
               enum report_format *format)
{
    long long y;
    if (!year_s || text_parse_uint(year_s, 2100, &y) != 0 || y < 2000) {
        fprintf(stderr, "insyn: --year ska vara ett årtal, till exempel 2025\n");
        return -1;
    }
    *year = (int)y;
    if (report_format_parse(format_s, format) != 0) {
        fprintf(stderr, "insyn: --format ska vara pdf, odt eller docx\n");
        return -1;
    }
    if (!out_path || !*out_path) {
        fprintf(stderr, "insyn: --out ska ange filen som rapporten skrivs till\n");
        return -1;
    }
    return 0;
}

/* Makes the report of key from the open store (which it closes) and writes it to out_path;
 * the exit code, after saying what went wrong, or what was written. */
static int
report_make(struct store *st, const struct report_key *key, enum report_format format,
            const char *out_path, const char *what, struct arena *a)
{
    struct insyn_err err = {.arena = a};
    struct document doc;
    struct buf out;
    buf_init(&out);
    int rc = app_report_document(st, &app_system_actor, key, app_today(), a, &doc, &err);
    store_close(st);
    if (!rc)
        rc = app_report_write(&doc, format, &out, &err);
    int exit = EXIT_OK;
    if (rc) {
        fprintf(stderr, "insyn: %s\n", err.message);
        exit = rc == INSYN_ESYS ? EXIT_SYSTEM : EXIT_INPUT;
    } else if (write_file(out_path, &out) != 0) {
        exit = EXIT_SYSTEM;
    } else {
        printf("%s för %d är skriven till %s (%s).\n", what, key->year, out_path,
               report_format_ext(format));
    }
    buf_free(&out);
    return exit;
}

int
cmd_report_annual(int argc, char **argv)
{
    const char *db = NULL, *year_s = NULL, *format_s = NULL, *out_path = NULL;
    const struct cli_option opts[] = {
        {"--year", &year_s}, {"--format", &format_s}, {"--out", &out_path}, {NULL, NULL}};
    int year;
    enum report_format format;
    if (cli_options(argc, argv, opts, &db, REPORT_USAGE) ||
        report_options(year_s, format_s, out_path, &year, &format))
        return EXIT_INPUT;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct store *st;
    if (store_open(db, &st, &err) != 0) {
        fprintf(stderr, "insyn: %s\n", err.message);
        arena_free(&a);
        return EXIT_SYSTEM;
    }
    struct report_key key = {"annual", year, 0};
    int exit = report_make(st, &key, format, out_path, "Årsrapporten", &a);
    arena_free(&a);
    return exit;
}

int
cmd_report_agreement(int argc, char **argv)
{
    const char *db = NULL, *case_ref = NULL, *org_nr = NULL, *year_s = NULL, *format_s = NULL,
               *out_path = NULL;
    const struct cli_option opts[] = {{"--agreement", &case_ref}, {"--organisation", &org_nr},
                                      {"--year", &year_s},        {"--format", &format_s},
                                      {"--out", &out_path},       {NULL, NULL}};
    int year;
    enum report_format format;
    if (cli_options(argc, argv, opts, &db, REPORT_AGREEMENT_USAGE))
        return EXIT_INPUT;
    if (!case_ref || !*case_ref) {
        fprintf(stderr, "insyn: --agreement: ange avtalets diarienummer\n");
        return EXIT_INPUT;
    }
    if (report_options(year_s, format_s, out_path, &year, &format))
        return EXIT_INPUT;
    struct arena a;
    arena_init(&a);
    struct store *st;
    struct agreement g;
    int exit = cli_agreement(db, case_ref, org_nr, &a, &st, &g);
    if (exit == EXIT_OK) {
        struct report_key key = {"agreement", year, g.id};
        exit =
            report_make(st, &key, format, out_path,
                        arena_printf(&a, "Uppföljningsrapporten för avtalet %s", g.case_ref), &a);
    }
    arena_free(&a);
    return exit;
}
