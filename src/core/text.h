/* text.h — small helpers for validating text input. */
#ifndef INSYN_TEXT_H
#define INSYN_TEXT_H

#include "core/arena.h"

/* A copy without leading and trailing white space; "" for NULL. */
char *text_trim(struct arena *a, const char *s);
/* Strict non-negative decimal integer (after trimming); returns 0 or -1. */
int text_parse_uint(const char *s, long long max, long long *out);
/* Splits on newlines, trims each line and drops empty ones. */
int text_split_lines(struct arena *a, const char *s, char ***out);
/* Valid UTF-8 without control characters other than tab and newline. */
int text_is_clean_utf8(const char *s);

#endif
