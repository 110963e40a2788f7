/* err.h — errors are values.
 *
 * Every fallible function returns 0 or a negative INSYN_E* code and, when given a
 * struct insyn_err, fills it with a Swedish message for the user. Validation adds one
 * entry per failing field so that a form or an import can show every problem at once.
 *
 * The struct is small: the first few field errors live inside it, more go into the arena
 * the caller named (`struct insyn_err err = {.arena = a};`). Without an arena, errors
 * beyond the inline ones are only counted. A system failure (err_incident) is logged with
 * an incident number; the user sees a calm message that names the number, never the
 * detail. */
#ifndef INSYN_ERR_H
#define INSYN_ERR_H

#include <stddef.h>

struct arena;

enum {
    INSYN_OK = 0,
    INSYN_EINVAL = -1,    /* bad input: 422 / exit 1 */
    INSYN_ENOTFOUND = -2, /* 404 */
    INSYN_ECONFLICT = -3, /* 409, e.g. duplicate org_nr or a stale form */
    INSYN_EDENIED = -4,   /* 403 */
    INSYN_EAUTH = -5,     /* 401 */
    INSYN_ELOCKED = -6,   /* too many attempts: 429 */
    INSYN_ESYS = -7,      /* system failure: 500 / exit 2 */
};

#define INSYN_ERR_INLINE 4        /* field errors kept without an arena */
#define INSYN_ERR_MAX_FIELDS 1000 /* more are counted in `truncated` */

struct insyn_field_err {
    char field[40];
    char message[200];
    int row; /* import line number, 0 when not from a file */
};

struct insyn_err {
    int code;
    int nfields;
    int truncated; /* field errors that were not kept */
    int cap;       /* of `more` */
    char message[240];
    char incident[16]; /* set by err_incident: the number the user can quote */
    struct arena *arena;
    struct insyn_field_err *more; /* all field errors once there are more than the inline ones */
    struct insyn_field_err inline_fields[INSYN_ERR_INLINE];
};

/* Empties err, keeping its arena. */
void err_clear(struct insyn_err *err);
/* Sets the overall code and message; returns code so callers can `return err_set(...)`. */
int err_set(struct insyn_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A system failure: logs the detail (never shown to the user) under a new incident number and
 * sets INSYN_ESYS with a calm Swedish message naming that number. Returns INSYN_ESYS. */
int err_incident(struct insyn_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Adds a field error (code becomes INSYN_EINVAL unless already set). */
void err_field(struct insyn_err *err, int row, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The i-th field error, 0 <= i < err->nfields. */
const struct insyn_field_err *err_field_at(const struct insyn_err *err, int i);
/* Message for the first field of that name, or NULL. */
const char *err_for_field(const struct insyn_err *err, const char *field);

/* Where logged lines go (priority as syslog's: 3 error, 4 warning, 6 info). core/ does no
 * I/O itself: the program installs a sink at start-up; without one nothing is written. */
typedef void (*log_sink_fn)(int priority, const char *line);
void log_set_sink(log_sink_fn sink);
void log_line(int priority, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
