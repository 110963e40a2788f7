/* err.c — filling struct insyn_err. */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
err_clear(struct insyn_err *err)
{
    if (!err)
        return;
    err->code = 0;
    err->message[0] = '\0';
    err->nfields = 0;
    err->truncated = 0;
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
    return code;
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
    if (err->nfields == INSYN_ERR_MAX_FIELDS) {
        err->truncated++;
        return;
    }
    struct insyn_field_err *f = &err->fields[err->nfields++];
    snprintf(f->field, sizeof f->field, "%s", field);
    f->row = row;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->message, sizeof f->message, fmt, ap);
    va_end(ap);
}

const char *
err_for_field(const struct insyn_err *err, const char *field)
{
    for (int i = 0; err && i < err->nfields; i++)
        if (strcmp(err->fields[i].field, field) == 0)
            return err->fields[i].message;
    return NULL;
}
