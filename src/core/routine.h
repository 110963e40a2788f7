/* routine.h — rules for the rows of a follow-up routine (a responsibility matrix). */
#ifndef INSYN_ROUTINE_H
#define INSYN_ROUTINE_H

#include "core/arena.h"
#include "core/codes.h"
#include "core/domain.h"
#include "core/err.h"

extern const struct code_label activity_levels[];

struct activity_input {
    const char *name, *level, *responsible_role, *co_roles, *frequency, *comment;
};
extern const struct input_field activity_input_fields[];

struct activity {
    char *name, *level, *responsible_role;
    char *co_roles; /* role codes separated by single spaces */
    char *frequency; /* normalised rule text (core/schedule.h) */
    char *comment;
};

/* Checks a row whole: a name, a level, an administration role as responsible, known
 * co-responsible roles (separated by spaces, commas or lines), a valid frequency rule. */
int activity_validate(const struct activity_input *in, struct activity *out, struct arena *a,
                      struct insyn_err *err);

#endif
