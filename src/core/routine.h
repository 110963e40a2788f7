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
    char *co_roles;  /* role codes separated by single spaces */
    char *frequency; /* normalised rule text (core/schedule.h) */
    char *comment;
};

/* Checks a row whole: a name, a level, an administration role as responsible, known
 * co-responsible roles (separated by spaces, commas or lines), a valid frequency rule. */
int activity_validate(const struct activity_input *in, struct activity *out, struct arena *a,
                      struct insyn_err *err);

/* A routine's header: forms and service_areas are codes separated by spaces, commas or lines
 * (a checkbox group arrives as lines). */
struct routine_input {
    const char *name, *forms, *service_areas, *main_role, *substitute_role;
};
extern const struct input_field routine_input_fields[];

struct routine {
    char *name;
    char *forms, *service_areas; /* codes in their table's order, separated by single spaces */
    char *main_role;
    char *substitute_role; /* "" when none */
};

/* Checks a routine's header whole: a name, at least one known agreement form and one known
 * service area, an administration role as main responsible and, when given, another one as
 * substitute. Whether the name is already taken is the store's to find out. */
int routine_validate(const struct routine_input *in, struct routine *out, struct arena *a,
                     struct insyn_err *err);

#endif
