/* common.c — the acting user, permission checks and the clock.
 *
 * The clock is the system's, but for the demo's story clock (app_clock_story): while the demo
 * tells what happened in past years, app_today and app_timestamp read that day. It is never set
 * in the server; the audit log keeps the real time whatever it says. */
#include "app/app.h"

#include "core/date.h"
#include "core/pnr.h"
#include "core/text.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

const struct actor app_system_actor = {0, "system", "Systemet (kommandorad)", ROLE_ADMIN, 0};

int
app_require(const struct actor *who, enum perm p, struct insyn_err *err)
{
    if (!who || (p != PERM_PUBLIC && who->role == ROLE_NONE))
        return err_set(err, INSYN_EAUTH, "Du behöver logga in.");
    if (!role_may(who->role, p))
        return err_set(err, INSYN_EDENIED, "Du saknar behörighet för detta.");
    return 0;
}

/* Seconds the story clock is ahead of the real one (negative: behind); 0 but in the demo. */
static long story_shift;

static void
format_utc(time_t t, char out[21])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void
app_timestamp(long offset_seconds, char out[21])
{
    format_utc(time(NULL) + story_shift + offset_seconds, out);
}

void
app_real_timestamp(char out[21])
{
    format_utc(time(NULL), out);
}

static int
local_day(time_t t)
{
    /* TZ is set to Europe/Stockholm by main(); localtime follows it. */
    struct tm tm;
    localtime_r(&t, &tm);
    return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void
app_clock_story(int day)
{
    story_shift = day == DATE_NONE ? 0 : (long)(day - local_day(time(NULL))) * 86400L;
}

void
app_local_time(const char *utc, const char *fmt, char *out, size_t size)
{
    struct tm tm = {0};
    out[0] = '\0';
    if (!utc || !strptime(utc, "%Y-%m-%dT%H:%M:%SZ", &tm))
        return;
    time_t t = timegm(&tm);
    struct tm local;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral" /* fmt is always a literal at the call sites  \
                                                      */
    if (localtime_r(&t, &local) && strftime(out, size, fmt, &local) == 0)
        out[0] = '\0';
#pragma GCC diagnostic pop
}

int
app_today(void)
{
    return local_day(time(NULL) + story_shift);
}

char *
app_file_check(struct arena *a, const char *name, const void *data, size_t size,
               struct insyn_err *err)
{
    /* the file name is shown to others: the same rules as free text */
    const char *base = name ? strrchr(name, '/') : NULL;
    base = base ? base + 1 : name;
    const char *b2 = base ? strrchr(base, '\\') : NULL;
    base = b2 ? b2 + 1 : base;
    char *clean = text_trim(a, base);
    if (!data || !*clean)
        err_field(err, 0, "file", "Välj en fil att bifoga.");
    else if (!text_is_clean_utf8(clean) || strlen(clean) > 200)
        err_field(
            err, 0, "file",
            "Filens namn får vara högst 200 tecken, i giltig teckenkodning och utan styrtecken. "
            "Byt namn på filen.");
    else if (text_has_bidi_controls(clean))
        err_field(
            err, 0, "file",
            "Filens namn innehåller osynliga tecken som vänder skrivriktningen och kan få namnet "
            "att se ut som något annat. Byt namn på filen.");
    else if (text_contains_personnummer(clean))
        err_field(
            err, 0, "file",
            "Filens namn innehåller något som ser ut som ett personnummer. Byt namn på filen.");
    else if (size == 0)
        err_field(err, 0, "file", "Filen är tom.");
    else if (size > APP_FILE_MAX)
        err_field(err, 0, "file", "Filen är för stor: en bilaga får vara högst 5 MB.");
    return clean;
}
