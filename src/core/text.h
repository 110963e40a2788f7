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
/* Well-formed UTF-8 (RFC 3629): no overlong forms, no UTF-16 surrogates, nothing above
 * U+10FFFF. What JSON, and so the pages and the API, can carry. */
int text_is_utf8(const char *s);
/* How many bytes from the start are well-formed UTF-8: the offset of the first bad byte. */
size_t text_utf8_prefix(const char *s);
/* Well-formed UTF-8 without control characters other than tab and newline. */
int text_is_clean_utf8(const char *s);
/* Has a bidirectional embedding, override or isolate (U+202A..U+202E, U+2066..U+2069): the
 * characters that make a file "faktura<U+202E>fdp.exe" show as "fakturaexe.pdf". */
int text_has_bidi_controls(const char *s);

/* A copy with the first letter in lower case, for a name used inside a sentence ("Stödinsatser
 * för barn" → "stödinsatser för barn"): A–Z and the Latin-1 capitals (Å, Ä, Ö, É …), and only
 * when the letter after it is not a capital, so that an abbreviation ("HVB för vuxna") stays
 * as it is. "" for NULL. */
char *text_lower_first(struct arena *a, const char *s);

#endif
