/* remind.c — `insyn remind`: the daily reminder e-mails, for cron. */
#include "cli/cli.h"

#include "app/app.h"
#include "app/surveys.h"
#include "core/date.h"
#include "core/text.h"
#include "web/web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REMIND_USAGE                                                                               \
    "remind DB [--today ÅÅÅÅ-MM-DD] [--days N] [--survey-days N] [--public-url URL] "          \
    "[--sendmail KOMMANDO] [--from ADRESS]"

static void
print_failures(const char *what, const char *failures)
{
    fprintf(stderr, "insyn: %s kunde inte lämnas över till e-postkommandot för:\n", what);
    for (const char *line = failures, *end; *line; line = end + 1) {
        end = strchr(line, '\n');
        if (!end)
            break;
        fprintf(stderr, "  %.*s\n", (int)(end - line), line);
    }
}

/* A whole number 0..max for an option, or a message naming it. */
static int
days_option(const char *name, const char *value, long long max, int *out)
{
    long long v;
    if (!value)
        return 0;
    if (text_parse_uint(value, max, &v) != 0) {
        fprintf(stderr, "insyn: %s ska vara ett heltal mellan %d och %lld\n", name,
                strcmp(name, "--days") == 0 ? 0 : 1, max);
        return -1;
    }
    *out = (int)v;
    return 0;
}

int
cmd_remind(int argc, char **argv)
{
    const char *db = NULL, *today_s = NULL, *days_s = NULL, *survey_days_s = NULL;
    const char *sendmail = getenv("INSYN_SENDMAIL"), *from = getenv("INSYN_MAIL_FROM");
    const char *public_url = getenv("INSYN_PUBLIC_URL");
    const struct cli_option opts[] = {{"--today", &today_s},
                                      {"--days", &days_s},
                                      {"--survey-days", &survey_days_s},
                                      {"--public-url", &public_url},
                                      {"--sendmail", &sendmail},
                                      {"--from", &from},
                                      {NULL, NULL}};
    if (cli_options(argc, argv, opts, &db, REMIND_USAGE))
        return EXIT_INPUT;
    cli_mail_defaults(&sendmail, &from);
    struct remind_options opt = {
        .today = app_today(),
        .days = 7,
        .sendmail = sendmail,
        .from = from,
    };
    struct survey_remind_options sopt = {.days = 7, .public_url = ""};
    char url[256] = "";
    if (today_s && date_parse(today_s, &opt.today) != 0) {
        fprintf(stderr, "insyn: --today ska vara ett datum skrivet ÅÅÅÅ-MM-DD\n");
        return EXIT_INPUT;
    }
    if (days_option("--days", days_s, 366, &opt.days) ||
        days_option("--survey-days", survey_days_s, 366, &sopt.days))
        return EXIT_INPUT;
    if (survey_days_s && sopt.days < 1) {
        fprintf(stderr, "insyn: --survey-days ska vara ett heltal mellan 1 och 366\n");
        return EXIT_INPUT;
    }
    if (public_url && *public_url && web_public_url(public_url, url) != 0) {
        fprintf(stderr, "insyn: --public-url ska vara en adress som börjar med https:// (eller "
                        "http://), till exempel https://insyn.kommun.se\n");
        return EXIT_INPUT;
    }
    sopt.today = opt.today;
    sopt.sendmail = opt.sendmail;
    sopt.from = opt.from;
    sopt.public_url = url;
    opt.public_url = url;
    struct store *st;
    struct insyn_err err = {0};
    if (store_open(db, &st, &err) != 0) {
        fprintf(stderr, "insyn: %s\n", err.message);
        return EXIT_SYSTEM;
    }
    struct remind_result res;
    struct survey_remind_result sres;
    int rc = app_remind(st, &opt, &res, &err);
    struct insyn_err serr = {0};
    int src = rc && !res.failed ? 0 : app_survey_remind(st, &sopt, &sres, &serr);
    store_close(st);
    char date[11];
    date_format(opt.today, date);
    if (rc && !res.failed) { /* bad options or the database, not the mail command */
        fprintf(stderr, "insyn: %s\n", err.message);
        return rc == INSYN_ESYS ? EXIT_SYSTEM : EXIT_INPUT;
    }
    if (res.failed)
        print_failures("påminnelsen", res.failures);
    printf("Påminnelser per %s: %d personer med %d uppgifter inom %d dagar (%d uppföljningar och "
           "%d i ansökningar om att bli utförare); %d skickade, %d misslyckades.\n",
           date, res.people, res.tasks, opt.days, res.tasks - res.application_tasks,
           res.application_tasks, res.sent, res.failed);
    if (src && !sres.failed) {
        fprintf(stderr, "insyn: %s\n", serr.message);
        return src == INSYN_ESYS ? EXIT_SYSTEM : EXIT_INPUT;
    }
    if (sres.failed)
        print_failures("enkätpåminnelsen", sres.failures);
    printf("Enkätpåminnelser per %s: %d obesvarade i %d enkäter, öppna minst %d dagar; %d "
           "skickade, %d misslyckades.\n",
           date, sres.recipients, sres.surveys, sopt.days, sres.sent, sres.failed);
    return res.failed || sres.failed ? EXIT_SYSTEM : EXIT_OK;
}
