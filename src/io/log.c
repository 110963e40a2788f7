/* log.c — the standard error sink for log lines (see log.h). */
#include "io/log.h"

#include "core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int journal;

static void
stderr_sink(int priority, const char *line)
{
    if (journal) {
        fprintf(stderr, "<%d>insyn: %s\n", priority, line);
        return;
    }
    char when[32];
    time_t now = time(NULL);
    struct tm tm;
    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", localtime_r(&now, &tm));
    const char *level = priority <= 3 ? "fel" : priority == 4 ? "varning" : "info";
    fprintf(stderr, "%s insyn %s: %s\n", when, level, line); /* one call: lines do not interleave */
}

void
log_to_stderr(void)
{
    journal = getenv("JOURNAL_STREAM") != NULL;
    log_set_sink(stderr_sink);
}
