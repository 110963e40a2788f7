/* fold.h — lower case for searching, the same here and in the databases' lower(): ASCII and
 * the Latin letters of Swedish and its neighbours (Å Ä Ö É Ü Æ Ø Ł …), so that "åker" finds
 * "Åkersberga" whether the database is SQLite (whose own lower() knows ASCII only, so the
 * store gives it this one) or PostgreSQL (whose lower() follows the database's locale). */
#ifndef INSYN_FOLD_H
#define INSYN_FOLD_H

#include <stddef.h>

/* Writes the first n bytes of s, folded, to out (n bytes; a letter folded keeps its length)
 * and returns n. Bytes that are not such a letter are copied as they are. */
size_t text_fold(const char *s, size_t n, char *out);

#endif
