/* stats.c — one agreement's figures for one year, from its assignments and placements; the
 * edges are defined in stats.h. Averages are kept in tenths and rounded in integers, so that
 * 40,25 hours is 40,3 on every machine. */
#include "core/stats.h"

#include "core/buf.h"
#include "core/codes.h"
#include "core/date.h"
#include "core/text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int
stats_year_valid(int year)
{
    return year >= STATS_YEAR_MIN && year <= STATS_YEAR_MAX;
}

int
stats_parse_year(const char *s, int *year)
{
    *year = 0;
    if (!s)
        return -1;
    while (*s == ' ')
        s++;
    int y = 0, digits = 0;
    for (; isdigit((unsigned char)*s); s++, digits++)
        y = digits < 4 ? y * 10 + (*s - '0') : y;
    while (*s == ' ')
        s++;
    if (*s || digits != 4 || !stats_year_valid(y))
        return -1;
    *year = y;
    return 0;
}

int
stats_mean_tenths(long long sum, long long n, long long num, long long den)
{
    if (n <= 0)
        return STATS_NONE;
    /* round(sum * num * 10 / (n * den)), halves up, for non-negative values */
    long long q = n * den;
    return (int)((2 * sum * num * 10 + q) / (2 * q));
}

char *
stats_tenths_text(struct arena *a, int tenths)
{
    if (tenths == STATS_NONE)
        return arena_strdup(a, "–");
    return arena_printf(a, "%d,%d", tenths / 10, tenths % 10);
}

/* The first and last day of year. */
static void
year_days(int year, int *first, int *last)
{
    *first = date_from_ymd(year, 1, 1);
    *last = date_from_ymd(year, 12, 31);
}

static int
in_year(int date, int first, int last)
{
    return date != DATE_NONE && date >= first && date <= last;
}

/* Every code of table with a zero count. */
static struct stats_count *
code_counts(const struct code_label *table, struct arena *a, int *n)
{
    *n = 0;
    while (table[*n].code)
        (*n)++;
    struct stats_count *c = arena_alloc(a, sizeof *c * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++)
        c[i] = (struct stats_count){table[i].code, table[i].label, 0};
    return c;
}

static void
code_count_add(struct stats_count *c, int n, const char *code)
{
    for (int i = 0; code && i < n; i++)
        if (strcmp(c[i].code, code) == 0) {
            c[i].count++;
            return;
        }
}

static int
cmp_text(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int
cmp_reason(const void *x, const void *y)
{
    const struct stats_reason *p = x, *q = y;
    if (p->count != q->count)
        return p->count > q->count ? -1 : 1;
    return strcmp(p->reason, q->reason);
}

/* The distinct texts of reasons (n of them, trimmed, none empty) with their counts, most
 * often first. Sorts reasons. */
static struct stats_reason *
reasons_group(const char **reasons, int n, struct arena *a, int *out_n)
{
    *out_n = 0;
    struct stats_reason *out = arena_alloc(a, sizeof *out * (size_t)(n + 1));
    qsort(reasons, (size_t)n, sizeof *reasons, cmp_text);
    for (int i = 0; i < n; i++) {
        if (*out_n && strcmp(out[*out_n - 1].reason, reasons[i]) == 0)
            out[*out_n - 1].count++;
        else
            out[(*out_n)++] = (struct stats_reason){reasons[i], 1};
    }
    qsort(out, (size_t)*out_n, sizeof *out, cmp_reason);
    return out;
}

static int
same(const char *s, const char *code)
{
    return s && strcmp(s, code) == 0;
}

void
assignment_stats_compute(const struct assignment *items, int n, int year, struct arena *a,
                         struct assignment_stats *out)
{
    memset(out, 0, sizeof *out);
    out->year = year;
    out->kinds = code_counts(assignment_kinds, a, &out->nkinds);
    int first, last;
    year_days(year, &first, &last);
    long long minutes = 0, days = 0;
    const char **not_met = arena_alloc(a, sizeof *not_met * (size_t)(n + 1));
    const char **partly = arena_alloc(a, sizeof *partly * (size_t)(n + 1));
    int nnot_met = 0, npartly = 0;
    for (int i = 0; i < n; i++) {
        const struct assignment *x = &items[i];
        if (x->received == DATE_NONE || x->received > last)
            continue;
        out->total_since_start++;
        code_count_add(out->kinds, out->nkinds, x->kind);
        if (x->received >= first)
            out->received++;
        if (x->closed == DATE_NONE || x->closed > last)
            out->ongoing_at_year_end++;
        if (!in_year(x->closed, first, last))
            continue;
        out->closed++;
        out->closed_child += same(x->age_group, "child");
        out->closed_youth += same(x->age_group, "youth");
        long long length = (long long)x->closed - x->received;
        minutes += x->minutes > 0 ? x->minutes : 0;
        days += length;
        out->over_one_year += length > 365;
        if (!same(x->kind, "family_treatment"))
            continue;
        out->closed_family_treatment++;
        const char *reason = text_trim(a, x->reason);
        if (same(x->goal_outcome, "met")) {
            out->goal_met++;
        } else if (same(x->goal_outcome, "partly")) {
            out->goal_partly++;
            if (*reason)
                partly[npartly++] = reason;
        } else if (same(x->goal_outcome, "not_met")) {
            out->goal_not_met++;
            if (*reason)
                not_met[nnot_met++] = reason;
        } else {
            out->goal_unrecorded++;
        }
    }
    out->avg_hours_tenths = stats_mean_tenths(minutes, out->closed, 1, 60);
    out->avg_days_tenths = stats_mean_tenths(days, out->closed, 1, 1);
    /* a month is 365.25 / 12 days: days * 12 / 365.25 = days * 48 / 1461 */
    out->avg_months_tenths = stats_mean_tenths(days, out->closed, 48, 1461);
    out->reasons_not_met = reasons_group(not_met, nnot_met, a, &out->nreasons_not_met);
    out->reasons_partly = reasons_group(partly, npartly, a, &out->nreasons_partly);
}

int
assignment_stats_any(const struct assignment_stats *s)
{
    return s->received || s->closed || s->ongoing_at_year_end;
}

int
placement_stats_any(const struct placement_stats *s)
{
    return s->started || s->ended || s->ongoing_at_year_end;
}

/* The figures of the placements items[0..n) (started on or before the year's last day). */
static void
placement_tally(const struct placement *const *items, int n, int first, int last, struct arena *a,
                struct placement_stats *out)
{
    out->ended_by_reason = code_counts(placement_end_reasons, a, &out->nreasons);
    long long days = 0;
    for (int i = 0; i < n; i++) {
        const struct placement *p = items[i];
        out->total_since_start++;
        if (p->start >= first)
            out->started++;
        if (p->end == DATE_NONE || p->end > last)
            out->ongoing_at_year_end++;
        if (!in_year(p->end, first, last))
            continue;
        out->ended++;
        code_count_add(out->ended_by_reason, out->nreasons, p->end_reason);
        days += (long long)p->end - p->start;
    }
    out->avg_days_tenths = stats_mean_tenths(days, out->ended, 1, 1);
    out->avg_months_tenths = stats_mean_tenths(days, out->ended, 48, 1461);
}

static int
cmp_unit(const void *x, const void *y)
{
    const struct placement *p = *(const struct placement *const *)x;
    const struct placement *q = *(const struct placement *const *)y;
    int c = strcmp(p->unit_name ? p->unit_name : "", q->unit_name ? q->unit_name : "");
    if (c)
        return c;
    if (p->unit_id != q->unit_id)
        return p->unit_id < q->unit_id ? -1 : 1;
    return p->id < q->id ? -1 : p->id > q->id;
}

void
placement_stats_compute(const struct placement *items, int n, int year, struct arena *a,
                        struct placement_stats *out, struct placement_stats **units, int *nunits)
{
    memset(out, 0, sizeof *out);
    *units = NULL;
    *nunits = 0;
    int first, last;
    year_days(year, &first, &last);
    const struct placement **until = arena_alloc(a, sizeof *until * (size_t)(n + 1));
    int m = 0;
    for (int i = 0; i < n; i++)
        if (items[i].start != DATE_NONE && items[i].start <= last)
            until[m++] = &items[i];
    placement_tally(until, m, first, last, a, out);

    qsort(until, (size_t)m, sizeof *until, cmp_unit);
    *units = arena_alloc(a, sizeof **units * (size_t)(m + 1));
    for (int i = 0; i < m;) {
        int j = i;
        while (j < m && until[j]->unit_id == until[i]->unit_id)
            j++;
        struct placement_stats *u = &(*units)[*nunits];
        memset(u, 0, sizeof *u);
        u->unit_id = until[i]->unit_id;
        u->unit_name = until[i]->unit_name ? until[i]->unit_name : "";
        placement_tally(until + i, j - i, first, last, a, u);
        if (placement_stats_any(u))
            (*nunits)++;
        i = j;
    }
}

/* ---- the sentences ---- */

/* s with its first letter in lower case when it is an ASCII capital ("Råd och stöd"). */
static const char *
lower_first(struct arena *a, const char *s)
{
    char *t = arena_strdup(a, s ? s : "");
    if (*t >= 'A' && *t <= 'Z')
        *t = (char)(*t - 'A' + 'a');
    return t;
}

/* "a", "a och b", "a, b och c" */
static void
put_list(struct buf *b, const char *const *parts, int n, const char *last_sep)
{
    for (int i = 0; i < n; i++) {
        if (i)
            buf_puts(b, i == n - 1 ? last_sep : ", ");
        buf_puts(b, parts[i]);
    }
}

/* The reasons one after another, each without its own full stop (the sentence ends them). */
static void
put_reasons(struct buf *b, const struct stats_reason *r, int n)
{
    for (int i = 0; i < n; i++) {
        buf_puts(b, i ? "; " : "");
        size_t len = strlen(r[i].reason);
        while (len && r[i].reason[len - 1] == '.')
            len--;
        buf_append(b, r[i].reason, len);
        if (r[i].count > 1)
            buf_printf(b, " (%d fall)", r[i].count);
    }
}

/* "7,0 månader", "1,0 månad" */
static const char *
months_text(struct arena *a, int tenths)
{
    return arena_printf(a, "%s %s", stats_tenths_text(a, tenths),
                        tenths == 10 ? "månad" : "månader");
}

char *
assignment_stats_text(struct arena *a, const struct assignment_stats *s)
{
    struct buf b;
    buf_init(&b);
    buf_printf(&b, "Under %d har utföraren tilldelats %d uppdrag och ", s->year, s->received);
    if (s->closed)
        buf_printf(&b, "avslutat %d.", s->closed);
    else
        buf_puts(&b, "inte avslutat något.");
    buf_printf(&b, " Vid årets slut pågick %d uppdrag.", s->ongoing_at_year_end);
    if (s->total_since_start) {
        buf_printf(&b, " Räknat från avtalets start har utföraren haft %d uppdrag",
                   s->total_since_start);
        const char **parts = arena_alloc(a, sizeof *parts * (size_t)(s->nkinds + 1));
        int np = 0;
        for (int i = 0; i < s->nkinds; i++)
            if (s->kinds[i].count)
                parts[np++] =
                    arena_printf(a, "%d %s", s->kinds[i].count, lower_first(a, s->kinds[i].label));
        if (np) {
            buf_puts(&b, ", varav ");
            put_list(&b, parts, np, " och ");
        }
        buf_putc(&b, '.');
    }
    if (s->closed == 1) {
        buf_printf(&b, " Det avslutade uppdraget har avsett %s.",
                   s->closed_child ? "ett barn upp till 12 år" : "en ungdom från 13 år");
        buf_printf(&b, " Det har tagit %s timmar i anspråk och sträckt sig över %s",
                   stats_tenths_text(a, s->avg_hours_tenths), months_text(a, s->avg_months_tenths));
        buf_puts(&b, s->over_one_year ? ", alltså mer än ett år." : ".");
    } else if (s->closed) {
        buf_printf(&b,
                   " Av de %d avslutade uppdragen har insatsen i %d fall avsett barn upp till 12 "
                   "år och i %d fall ungdomar från 13 år.",
                   s->closed, s->closed_child, s->closed_youth);
        buf_printf(&b, " Uppdragen har i snitt tagit %s timmar i anspråk och sträckt sig över %s; ",
                   stats_tenths_text(a, s->avg_hours_tenths), months_text(a, s->avg_months_tenths));
        if (s->over_one_year)
            buf_printf(&b, "%d uppdrag har sträckt sig över ett år.", s->over_one_year);
        else
            buf_puts(&b, "inget uppdrag har sträckt sig över ett år.");
    }
    if (s->closed_family_treatment) {
        buf_printf(&b,
                   " Måluppfyllelse i de avslutade uppdrag som avsåg familjebehandling, totalt %d "
                   "uppdrag, visade att målen uppfyllts i %d fall, i %d fall delvis, medan det i "
                   "%d fall saknades måluppfyllelse",
                   s->closed_family_treatment, s->goal_met, s->goal_partly, s->goal_not_met);
        if (s->goal_unrecorded)
            buf_printf(&b, "; i %d fall är måluppfyllelsen inte bedömd", s->goal_unrecorded);
        buf_putc(&b, '.');
    }
    if (s->nreasons_not_met) {
        buf_puts(&b, " I ärenden där måluppfyllelse ej uppnåtts har orsaken varit: ");
        put_reasons(&b, s->reasons_not_met, s->nreasons_not_met);
        buf_putc(&b, '.');
    }
    if (s->nreasons_partly) {
        buf_puts(&b, " Där målen delvis uppfyllts har orsaken varit: ");
        put_reasons(&b, s->reasons_partly, s->nreasons_partly);
        buf_putc(&b, '.');
    }
    char *text = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    return text;
}

static const char *
placements_word(int n)
{
    return n == 1 ? "placering" : "placeringar";
}

char *
placement_stats_reasons_text(struct arena *a, const struct placement_stats *s)
{
    struct buf b;
    buf_init(&b);
    for (int i = 0; i < s->nreasons; i++)
        if (s->ended_by_reason[i].count)
            buf_printf(&b, "%s%d %s", b.len ? "; " : "", s->ended_by_reason[i].count,
                       lower_first(a, s->ended_by_reason[i].label));
    char *text = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    return text;
}

char *
placement_stats_text(struct arena *a, int year, const struct placement_stats *s)
{
    struct buf b;
    buf_init(&b);
    buf_printf(&b, "Under %d inleddes %d %s och %d avslutades", year, s->started,
               placements_word(s->started), s->ended);
    if (s->ended)
        buf_printf(&b, " (%s)", placement_stats_reasons_text(a, s));
    buf_printf(&b, ". Vid årets slut pågick %d %s.", s->ongoing_at_year_end,
               placements_word(s->ongoing_at_year_end));
    if (s->ended == 1)
        buf_printf(&b, " Den avslutade placeringen varade %s dagar (%s).",
                   stats_tenths_text(a, s->avg_days_tenths), months_text(a, s->avg_months_tenths));
    else if (s->ended)
        buf_printf(&b, " De avslutade placeringarna varade i snitt %s dagar (%s).",
                   stats_tenths_text(a, s->avg_days_tenths), months_text(a, s->avg_months_tenths));
    char *text = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    return text;
}
