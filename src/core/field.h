/* field.h — validating one input field at a time.
 *
 * Each helper trims, checks and converts; a problem becomes a field error naming the field
 * and its Swedish label, and the helper still returns a usable value so that validation
 * goes on and every problem is reported at once. */
#ifndef INSYN_FIELD_H
#define INSYN_FIELD_H

#include "core/arena.h"
#include "core/codes.h"
#include "core/err.h"

#include <stddef.h>

/* Free text: clean UTF-8, at most max bytes, required or not, never a personnummer. */
char *field_text(struct arena *a, const char *in, const char *field, const char *label, size_t max,
                 int required, int row, struct insyn_err *err);
/* A code from a closed vocabulary. */
char *field_code(struct arena *a, const struct code_label *table, const char *in, const char *field,
                 const char *label, int required, int row, struct insyn_err *err);
/* A YYYY-MM-DD date; DATE_NONE when empty or wrong. */
int field_date(struct arena *a, const char *in, const char *field, const char *label, int required,
               int row, struct insyn_err *err);
/* An optional id: 0 when empty, -1 when not a positive number (the caller names the error). */
long long field_optional_id(struct arena *a, const char *in);
/* The organisation an input names: by org_nr (checked and normalised into *org_nr_out) or else
 * by organisation_id (into *id_out); naming neither is a field error saying `missing`. */
void field_organisation(struct arena *a, const char *org_nr, const char *organisation_id, int row,
                        const char *missing, char **org_nr_out, long long *id_out,
                        struct insyn_err *err);
/* Yes or no as a form, a JSON body or a CSV row writes it: 1, true, on, ja; 0, false, off,
 * nej, or empty for no. Returns 0 with *out set, or -1 (and *out untouched) when it is
 * neither. */
int field_flag(struct arena *a, const char *in, int *out);
/* A non-negative integer up to max; dflt when empty or wrong. */
long long field_uint(struct arena *a, const char *in, const char *field, const char *label,
                     long long dflt, long long max, int row, struct insyn_err *err);

#endif
