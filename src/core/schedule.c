/* schedule.c — parsing, describing and expanding frequency rules. */
#include "core/schedule.h"

#include "core/date.h"
#include "core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Splits text on ':' into at most max parts (the copy lives in buf). */
static int
split(char *buf, char **parts, int max)
{
    int n = 0;
    char *p = buf;
    while (n < max) {
        parts[n++] = p;
        p = strchr(p, ':');
        if (!p)
            break;
        *p++ = '\0';
    }
    return p ? -1 : n;
}

static int
number(const char *s, long long max, int *out)
{
    long long v;
    if (text_parse_uint(s, max, &v) != 0)
        return -1;
    *out = (int)v;
    return 0;
}

int
freq_parse(const char *text, struct freq_rule *out, const char *field, struct insyn_err *err)
{
    memset(out, 0, sizeof *out);
    char buf[96];
    if (!text || strlen(text) >= sizeof buf)
        goto bad;
    snprintf(buf, sizeof buf, "%s", text);
    char *parts[6];
    int n = split(buf, parts, 6);
    if (n == 1 && strcmp(parts[0], "as_needed") == 0) {
        out->kind = FREQ_AS_NEEDED;
        return 0;
    }
    if (n == 3 && strcmp(parts[0], "after") == 0) {
        if (!*parts[1] || strlen(parts[1]) >= sizeof out->event ||
            strspn(parts[1], "abcdefghijklmnopqrstuvwxyz_") != strlen(parts[1]) ||
            number(parts[2], 3650, &out->days) != 0)
            goto bad;
        out->kind = FREQ_AFTER_EVENT;
        snprintf(out->event, sizeof out->event, "%s", parts[1]);
        return 0;
    }
    if (n >= 2 && n <= 5 && strcmp(parts[0], "every") == 0) {
        out->kind = FREQ_EVERY;
        if (number(parts[1], 120, &out->months) != 0 || out->months == 0 ||
            (n >= 3 && number(parts[2], 1200, &out->from_month) != 0) ||
            (n >= 4 && number(parts[3], 1200, &out->until_month) != 0) ||
            (n >= 5 && number(parts[4], 12, &out->written_every) != 0) ||
            (out->until_month && out->until_month < out->from_month + out->months))
            goto bad;
        return 0;
    }
bad:
    err_field(err, 0, field,
              "Frekvensen ska vara as_needed, every:MÅNADER[:FRÅN:TILL[:SKRIFTLIG]] eller "
              "after:HÄNDELSE:DAGAR, till exempel every:3:0:12 för kvartalsvis första året.");
    return INSYN_EINVAL;
}

int
freq_event_date(const struct freq_rule *r, int approved_on, int signed_on, int start,
                const char **missing)
{
    *missing = NULL;
    int known = DATE_NONE;
    const char *what = NULL;
    if (strcmp(r->event, "approval") == 0)
        known = approved_on, what = "godkännande";
    else if (strcmp(r->event, "agreement_signed") == 0)
        known = signed_on, what = "avtalstecknande";
    if (known != DATE_NONE)
        return known;
    *missing = what;
    return start;
}

void
freq_format(const struct freq_rule *r, char *out, size_t size)
{
    switch (r->kind) {
    case FREQ_AS_NEEDED:
        snprintf(out, size, "as_needed");
        break;
    case FREQ_AFTER_EVENT:
        snprintf(out, size, "after:%s:%d", r->event, r->days);
        break;
    case FREQ_EVERY:
        if (r->written_every)
            snprintf(out, size, "every:%d:%d:%d:%d", r->months, r->from_month, r->until_month,
                     r->written_every);
        else if (r->from_month || r->until_month)
            snprintf(out, size, "every:%d:%d:%d", r->months, r->from_month, r->until_month);
        else
            snprintf(out, size, "every:%d", r->months);
        break;
    }
}

static const char *
period_word(int months)
{
    switch (months) {
    case 1:
        return "Månadsvis";
    case 3:
        return "Kvartalsvis";
    case 6:
        return "Halvårsvis";
    case 12:
        return "Årsvis";
    default:
        return NULL;
    }
}

void
freq_describe(const struct freq_rule *r, char *out, size_t size)
{
    if (r->kind == FREQ_AS_NEEDED) {
        snprintf(out, size, "Vid behov");
        return;
    }
    if (r->kind == FREQ_AFTER_EVENT) {
        const char *event = strcmp(r->event, "approval") == 0           ? "godkännande"
                            : strcmp(r->event, "agreement_signed") == 0 ? "avtalstecknande"
                                                                        : r->event;
        snprintf(out, size, "Snarast efter %s, inom %d dagar", event, r->days);
        return;
    }
    char period[48];
    if (period_word(r->months))
        snprintf(period, sizeof period, "%s", period_word(r->months));
    else
        snprintf(period, sizeof period, "Var %d:e månad", r->months);
    char span[64] = "";
    if (r->from_month == 0 && r->until_month == 12)
        snprintf(span, sizeof span, " första avtalsåret");
    else if (r->from_month == 12 && r->until_month == 0)
        snprintf(span, sizeof span, " från andra avtalsåret");
    else if (r->from_month || r->until_month)
        snprintf(span, sizeof span, " från månad %d%s", r->from_month,
                 r->until_month ? " till en viss månad" : "");
    char written[64] = "";
    if (r->written_every == 2)
        snprintf(written, sizeof written, "; varannan får göras skriftligt");
    else if (r->written_every > 2)
        snprintf(written, sizeof written, "; var %d:e får göras skriftligt", r->written_every);
    snprintf(out, size, "%s%s%s", period, span, written);
}

int
freq_occurrences(const struct freq_rule *r, int start, int end, struct arena *a,
                 struct occurrence **out)
{
    *out = NULL;
    if (end < start || r->kind == FREQ_AS_NEEDED)
        return 0;
    if (r->kind == FREQ_AFTER_EVENT) {
        int due = start + r->days;
        if (due > end)
            return 0;
        *out = arena_alloc(a, sizeof **out);
        (*out)[0] = (struct occurrence){.due = due};
        return 1;
    }
    /* at most one occurrence a month over a life of at most 100 years */
    int cap = 1200 / r->months + 1, n = 0;
    *out = arena_alloc(a, sizeof **out * (size_t)cap);
    for (int month = r->from_month + r->months; n < cap; month += r->months) {
        if (r->until_month && month > r->until_month)
            break;
        int due = date_add_months(start, month);
        if (due > end)
            break;
        (*out)[n] = (struct occurrence){
            .due = due, .may_be_written = r->written_every && (n + 1) % r->written_every == 0};
        n++;
    }
    return n;
}
