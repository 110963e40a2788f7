/* orgnr.h — Swedish organisation numbers.
 *
 * An organisation number is ten digits, NNNNNN-NNNN, the last a Luhn check digit. The
 * third digit of a legal person's number is 2 or more; a lower one means the number is
 * a personnummer (a sole trader's), which this system never stores. */
#ifndef INSYN_ORGNR_H
#define INSYN_ORGNR_H

#include "core/err.h"

/* Normalises "NNNNNN-NNNN" or "NNNNNNNNNN" (surrounding spaces allowed) into out as
 * "NNNNNN-NNNN". On failure adds a field error for `field` and returns INSYN_EINVAL. */
int orgnr_normalize(const char *in, char out[12], int row, const char *field,
                    struct insyn_err *err);
/* Luhn check over a string of digits. */
int luhn_valid(const char *digits, int n);
/* The check digit that makes the nine digits given valid. */
int luhn_check_digit(const char *nine_digits);

#endif
