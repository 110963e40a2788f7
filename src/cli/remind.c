/* remind.c — `insyn remind`: the daily reminder e-mails, for cron. */
#include "cli/cli.h"

#include "app/app.h"
#include "core/date.h"
#include "core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REMIND_USAGE                                                                               \
    "remind DB [--today ÅÅÅÅ-MM-DD] [--days N] [--sendmail KOMMANDO] [--from ADRESS]"

int
cmd_remind(int argc, char **argv)
{
    const char *db = NULL, *today_s = NULL, *days_s = NULL;
    const char *sendmail = getenv("INSYN_SENDMAIL"), *from = getenv("INSYN_MAIL_FROM");
    const struct cli_option opts[] = {{"--today", &today_s},
                                      {"--days", &days_s},
                                      {"--sendmail", &sendmail},
                                      {"--from", &from},
                                      {NULL, NULL}};
    if (cli_options(argc, argv, opts, &db, REMIND_USAGE))
        return EXIT_INPUT;
    struct remind_options opt = {
        .today = app_today(),
        .days = 7,
        .sendmail = sendmail && *sendmail ? sendmail : "/usr/sbin/sendmail -t -i",
        .from = from && *from ? from : "insyn@localhost",
    };
    if (today_s && date_parse(today_s, &opt.today) != 0) {
        fprintf(stderr, "insyn: --today ska vara ett datum skrivet ÅÅÅÅ-MM-DD\n");
        return EXIT_INPUT;
    }
    long long days;
    if (days_s) {
        if (text_parse_uint(days_s, 366, &days) != 0) {
            fprintf(stderr, "insyn: --days ska vara ett heltal mellan 0 och 366\n");
            return EXIT_INPUT;
        }
        opt.days = (int)days;
    }
    struct store *st;
    struct insyn_err err = {0};
    if (store_open(db, &st, &err) != 0) {
        fprintf(stderr, "insyn: %s\n", err.message);
        return EXIT_SYSTEM;
    }
    struct remind_result res;
    int rc = app_remind(st, &opt, &res, &err);
    store_close(st);
    char date[11];
    date_format(opt.today, date);
    if (rc && rc != INSYN_ESYS) {
        fprintf(stderr, "insyn: %s\n", err.message);
        return EXIT_INPUT;
    }
    if (rc && !res.failed) { /* the database, not the mail command */
        fprintf(stderr, "insyn: %s\n", err.message);
        return EXIT_SYSTEM;
    }
    if (res.failed) {
        fprintf(stderr, "insyn: påminnelsen kunde inte lämnas över till e-postkommandot för:\n");
        for (char *line = res.failures, *end; *line; line = end + 1) {
            end = strchr(line, '\n');
            if (!end)
                break;
            fprintf(stderr, "  %.*s\n", (int)(end - line), line);
        }
    }
    printf("Påminnelser per %s: %d personer med %d uppföljningar inom %d dagar; %d skickade, %d "
           "misslyckades.\n",
           date, res.people, res.tasks, opt.days, res.sent, res.failed);
    return res.failed ? EXIT_SYSTEM : EXIT_OK;
}
