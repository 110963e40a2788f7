/* err.h — errors are values.
 *
 * Every fallible function returns 0 or a negative INSYN_E* code and, when given a
 * struct insyn_err, fills it with a Swedish message for the user. Validation adds one
 * entry per failing field so that a form or an import can show every problem at once.
 * Messages are ours and short; the fixed sizes below are checked, never overflowed. */
#ifndef INSYN_ERR_H
#define INSYN_ERR_H

#include <stddef.h>

enum {
    INSYN_OK = 0,
    INSYN_EINVAL = -1,    /* bad input: 422 / exit 1 */
    INSYN_ENOTFOUND = -2, /* 404 */
    INSYN_ECONFLICT = -3, /* 409, e.g. duplicate org_nr */
    INSYN_EDENIED = -4,   /* 403 */
    INSYN_EAUTH = -5,     /* 401 */
    INSYN_ELOCKED = -6,   /* account locked after failed logins */
    INSYN_ESYS = -7,      /* system failure: 500 / exit 2 */
};

#define INSYN_ERR_MAX_FIELDS 200

struct insyn_field_err {
    char field[48];
    char message[200];
    int row; /* import line number, 0 when not from a file */
};

struct insyn_err {
    int code;
    char message[240];
    int nfields;
    int truncated; /* field errors that did not fit */
    struct insyn_field_err fields[INSYN_ERR_MAX_FIELDS];
};

void err_clear(struct insyn_err *err);
/* Sets the overall code and message; returns code so callers can `return err_set(...)`. */
int err_set(struct insyn_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Adds a field error (code becomes INSYN_EINVAL unless already set). */
void err_field(struct insyn_err *err, int row, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Message for the first field of that name, or NULL. */
const char *err_for_field(const struct insyn_err *err, const char *field);

#endif
