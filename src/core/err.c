/* err.c — filling struct insyn_err, and the log line behind an incident number. */
#include "core/err.h"

#include "core/arena.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static _Atomic(log_sink_fn) log_sink;

void
log_set_sink(log_sink_fn sink)
{
    atomic_store(&log_sink, sink);
}

void
log_line(int priority, const char *fmt, ...)
{
    log_sink_fn sink = atomic_load(&log_sink);
    if (!sink)
        return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    for (char *p = line; *p; p++) /* one record a line */
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    sink(priority, line);
}

void
err_clear(struct insyn_err *err)
{
    if (!err)
        return;
    struct arena *a = err->arena;
    memset(err, 0, offsetof(struct insyn_err, inline_fields));
    err->arena = a;
}

/* vsnprintf cuts at a byte; a message cut inside a character would no longer be UTF-8 and
 * jansson would refuse it, so the broken tail goes. */
static void
cut_partial_character(char *s)
{
    size_t n = strlen(s), i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0 || (unsigned char)s[i - 1] < 0xC0)
        return;
    unsigned char lead = (unsigned char)s[i - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (n - (i - 1) < need)
        s[i - 1] = '\0';
}

int
err_set(struct insyn_err *err, int code, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    cut_partial_character(err->message);
    return code;
}

/* Incident numbers: the time to the second and a per-process counter, short enough to read
 * out over the phone and unique enough to find the log line. */
static void
incident_number(char out[16])
{
    static atomic_uint counter;
    unsigned n = atomic_fetch_add(&counter, 1);
    unsigned t = (unsigned)time(NULL);
    snprintf(out, 16, "%06X-%03X", t & 0xFFFFFF, n & 0xFFF);
}

int
err_incident(struct insyn_err *err, const char *fmt, ...)
{
    char number[16], detail[512];
    incident_number(number);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    log_line(3, "incident %s: %s", number, detail);
    if (!err)
        return INSYN_ESYS;
    memcpy(err->incident, number, sizeof number);
    return err_set(err, INSYN_ESYS,
                   "Ett tekniskt fel inträffade och ingenting sparades. Försök igen om en stund. "
                   "Om felet kvarstår, kontakta systemförvaltningen och uppge incidentnummer %s.",
                   number);
}

static struct insyn_field_err *
field_slot(struct insyn_err *err)
{
    if (err->nfields < INSYN_ERR_INLINE && !err->more)
        return &err->inline_fields[err->nfields];
    if (!err->arena || err->nfields >= INSYN_ERR_MAX_FIELDS)
        return NULL;
    if (!err->more) { /* move the inline ones over, so that one array holds them all */
        err->more = arena_grow(err->arena, NULL, 0, &err->cap, sizeof *err->more);
        memcpy(err->more, err->inline_fields, sizeof err->inline_fields);
    }
    err->more = arena_grow(err->arena, err->more, err->nfields, &err->cap, sizeof *err->more);
    return &err->more[err->nfields];
}

void
err_field(struct insyn_err *err, int row, const char *field, const char *fmt, ...)
{
    if (!err)
        return;
    if (err->code == 0) {
        err->code = INSYN_EINVAL;
        snprintf(err->message, sizeof err->message,
                 "Uppgifterna innehåller fel. Rätta och försök igen.");
    }
    struct insyn_field_err *f = field_slot(err);
    if (!f) {
        err->truncated++;
        return;
    }
    err->nfields++;
    snprintf(f->field, sizeof f->field, "%s", field);
    f->row = row;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->message, sizeof f->message, fmt, ap);
    va_end(ap);
    cut_partial_character(f->field);
    cut_partial_character(f->message);
}

const struct insyn_field_err *
err_field_at(const struct insyn_err *err, int i)
{
    return err->more ? &err->more[i] : &err->inline_fields[i];
}

const char *
err_for_field(const struct insyn_err *err, const char *field)
{
    for (int i = 0; err && i < err->nfields; i++)
        if (strcmp(err_field_at(err, i)->field, field) == 0)
            return err_field_at(err, i)->message;
    return NULL;
}
