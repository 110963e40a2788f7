/* stats.c — `insyn stats assignments` and `insyn stats placements`: one agreement's
 * statistics for one year (seed 002's paragraph of figures), as a table for people or as the
 * same JSON the API answers (app/stats.h), with the agreement's id, case reference and year. */
#include "cli/cli.h"

#include "app/stats.h"
#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STATS_ASSIGNMENTS_USAGE                                                                    \
    "stats assignments DB --agreement DIARIENUMMER [--organisation ORG_NR] --year ÅR "            \
    "[--format table|json]"
#define STATS_PLACEMENTS_USAGE                                                                     \
    "stats placements DB --agreement DIARIENUMMER [--organisation ORG_NR] --year ÅR "             \
    "[--format table|json]"

#define LABEL_WIDTH 46

/* The options both verbs take, checked before the database is opened; the messages name the
 * option. */
static int
stats_options(int argc, char **argv, const char *usage, const char **db, const char **case_ref,
              const char **org_nr, int *year, const char **format)
{
    const char *year_text = NULL;
    *case_ref = *org_nr = NULL;
    *format = "table";
    const struct cli_option opts[] = {{"--agreement", case_ref},
                                      {"--organisation", org_nr},
                                      {"--year", &year_text},
                                      {"--format", format},
                                      {NULL, NULL}};
    if (cli_options(argc, argv, opts, db, usage))
        return -1;
    if (strcmp(*format, "table") != 0 && strcmp(*format, "json") != 0) {
        fprintf(stderr, "insyn: --format ska vara table eller json\n");
        return -1;
    }
    if (!*case_ref || !**case_ref) {
        fprintf(stderr, "insyn: --agreement: ange avtalets diarienummer\n");
        return -1;
    }
    if (!year_text) {
        fprintf(stderr, "insyn: --year: ange året, till exempel --year 2017\n");
        return -1;
    }
    if (stats_parse_year(year_text, year)) {
        fprintf(stderr,
                "insyn: --year: \"%s\" är inget årtal; ange fyra siffror mellan %d och %d\n",
                year_text, STATS_YEAR_MIN, STATS_YEAR_MAX);
        return -1;
    }
    return 0;
}

static void
print_json(json_t *j, const struct agreement *g, int year)
{
    json_t *top = json_pack("{s:I, s:s, s:i}", "agreement_id", (json_int_t)g->id, "case_ref",
                            g->case_ref ? g->case_ref : "", "year", year);
    json_object_update(top, j);
    json_decref(j);
    /* as the API writes numbers: 40.2, not the 17 digits of its nearest double */
    char *s = json_dumps(top, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
    printf("%s\n", s ? s : "null");
    free(s);
    json_decref(top);
}

static void
line(struct buf *out, struct arena *a, const char *label, const char *value, int sub)
{
    cli_column(out, sub ? arena_printf(a, "  %s", label) : label, LABEL_WIDTH);
    buf_printf(out, "%s\n", value);
}

static void
line_int(struct buf *out, struct arena *a, const char *label, int value, int sub)
{
    line(out, a, label, arena_printf(a, "%d", value), sub);
}

static void
heading(struct buf *out, const struct agreement *g, const char *what, int year)
{
    buf_printf(out, "%s %d: %s, %s (%s)\n\n", what, year, g->case_ref ? g->case_ref : "",
               g->title ? g->title : "", g->organisation_name ? g->organisation_name : "");
}

static void
write_reasons(struct buf *out, const char *title, const struct stats_reason *r, int n)
{
    if (!n)
        return;
    buf_printf(out, "\n%s\n", title);
    for (int i = 0; i < n; i++)
        buf_printf(out, "  %s (%d)\n", r[i].reason, r[i].count);
}

int
cmd_stats_assignments(int argc, char **argv)
{
    const char *db, *case_ref, *org_nr, *format;
    int year;
    if (stats_options(argc, argv, STATS_ASSIGNMENTS_USAGE, &db, &case_ref, &org_nr, &year, &format))
        return EXIT_INPUT;
    struct arena a;
    arena_init(&a);
    struct store *st;
    struct agreement g;
    int rc = cli_agreement(db, case_ref, org_nr, &a, &st, &g);
    if (rc) {
        arena_free(&a);
        return rc;
    }
    struct insyn_err err = {.arena = &a};
    struct assignment_stats s;
    int app_rc = app_assignment_stats(st, &app_system_actor, g.id, year, &a, &s, &err);
    store_close(st);
    if (app_rc) {
        fprintf(stderr, "insyn: %s\n", err.message);
        arena_free(&a);
        return app_rc == INSYN_ESYS ? EXIT_SYSTEM : EXIT_INPUT;
    }
    if (strcmp(format, "json") == 0) {
        print_json(assignment_stats_json(&s), &g, year);
        arena_free(&a);
        return EXIT_OK;
    }
    struct buf out;
    buf_init(&out);
    heading(&out, &g, "Insatser i öppenvård", year);
    line_int(&out, &a, "Uppdrag som kommit in under året", s.received, 0);
    line_int(&out, &a, "Uppdrag som avslutats under året", s.closed, 0);
    line_int(&out, &a, "varav barn upp till 12 år", s.closed_child, 1);
    line_int(&out, &a, "varav ungdomar från 13 år", s.closed_youth, 1);
    line_int(&out, &a, "Pågående uppdrag vid årets slut", s.ongoing_at_year_end, 0);
    line(&out, &a, "Timmar i snitt per avslutat uppdrag", stats_tenths_text(&a, s.avg_hours_tenths),
         0);
    line(&out, &a, "Dagar i snitt per avslutat uppdrag", stats_tenths_text(&a, s.avg_days_tenths),
         0);
    line(&out, &a, "Månader i snitt per avslutat uppdrag",
         stats_tenths_text(&a, s.avg_months_tenths), 0);
    line_int(&out, &a, "Avslutade efter mer än ett år", s.over_one_year, 0);
    line_int(&out, &a, "Avslutad familjebehandling", s.closed_family_treatment, 0);
    line_int(&out, &a, "målen uppfyllda", s.goal_met, 1);
    line_int(&out, &a, "målen delvis uppfyllda", s.goal_partly, 1);
    line_int(&out, &a, "målen inte uppfyllda", s.goal_not_met, 1);
    line_int(&out, &a, "måluppfyllelsen inte bedömd", s.goal_unrecorded, 1);
    line_int(&out, &a, "Uppdrag sedan avtalets start", s.total_since_start, 0);
    for (int i = 0; i < s.nkinds; i++)
        line_int(&out, &a, s.kinds[i].label, s.kinds[i].count, 1);
    write_reasons(&out, "Orsaker när målen inte uppfyllts:", s.reasons_not_met, s.nreasons_not_met);
    write_reasons(&out, "Orsaker när målen delvis uppfyllts:", s.reasons_partly, s.nreasons_partly);
    buf_printf(&out, "\n%s\n", assignment_stats_text(&a, &s));
    fwrite(out.data ? out.data : "", 1, out.len, stdout);
    buf_free(&out);
    arena_free(&a);
    return EXIT_OK;
}

static void
write_placement_block(struct buf *out, struct arena *a, const struct placement_stats *s)
{
    line_int(out, a, "Placeringar som inletts under året", s->started, 0);
    line_int(out, a, "Placeringar som avslutats under året", s->ended, 0);
    for (int i = 0; i < s->nreasons; i++)
        line_int(out, a, s->ended_by_reason[i].label, s->ended_by_reason[i].count, 1);
    line_int(out, a, "Pågående placeringar vid årets slut", s->ongoing_at_year_end, 0);
    line(out, a, "Dagar i snitt per avslutad placering", stats_tenths_text(a, s->avg_days_tenths),
         0);
    line(out, a, "Månader i snitt per avslutad placering",
         stats_tenths_text(a, s->avg_months_tenths), 0);
    line_int(out, a, "Placeringar sedan avtalets start", s->total_since_start, 0);
}

int
cmd_stats_placements(int argc, char **argv)
{
    const char *db, *case_ref, *org_nr, *format;
    int year;
    if (stats_options(argc, argv, STATS_PLACEMENTS_USAGE, &db, &case_ref, &org_nr, &year, &format))
        return EXIT_INPUT;
    struct arena a;
    arena_init(&a);
    struct store *st;
    struct agreement g;
    int rc = cli_agreement(db, case_ref, org_nr, &a, &st, &g);
    if (rc) {
        arena_free(&a);
        return rc;
    }
    struct insyn_err err = {.arena = &a};
    struct placement_stats s, *units;
    int nunits;
    int app_rc =
        app_placement_stats(st, &app_system_actor, g.id, year, &a, &s, &units, &nunits, &err);
    store_close(st);
    if (app_rc) {
        fprintf(stderr, "insyn: %s\n", err.message);
        arena_free(&a);
        return app_rc == INSYN_ESYS ? EXIT_SYSTEM : EXIT_INPUT;
    }
    if (strcmp(format, "json") == 0) {
        print_json(placement_stats_json(&s, units, nunits), &g, year);
        arena_free(&a);
        return EXIT_OK;
    }
    struct buf out;
    buf_init(&out);
    heading(&out, &g, "Placeringar", year);
    buf_puts(&out, "Hela avtalet\n");
    write_placement_block(&out, &a, &s);
    for (int i = 0; i < nunits; i++) {
        buf_printf(&out, "\nEnhet: %s\n", units[i].unit_name);
        write_placement_block(&out, &a, &units[i]);
    }
    if (!nunits)
        buf_puts(&out, "\nIngen enhet hade placeringar under året.\n");
    buf_printf(&out, "\n%s\n", placement_stats_text(&a, year, &s));
    fwrite(out.data ? out.data : "", 1, out.len, stdout);
    buf_free(&out);
    arena_free(&a);
    return EXIT_OK;
}
