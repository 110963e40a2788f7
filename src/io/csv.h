/* csv.h — reading and writing CSV files (libcsv).
 *
 * Reading accepts what Swedish spreadsheets write: comma or semicolon (chosen from the
 * header line), quoted fields with embedded newlines, an optional UTF-8 byte-order mark.
 * Each row keeps the line number where it starts, so that errors can name it. Text must
 * be UTF-8; a file in another encoding is refused with a message that says so. */
#ifndef INSYN_CSV_H
#define INSYN_CSV_H

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"

struct csv_row {
    int line;
    int nfields;
    char **fields;
};

struct csv_doc {
    int nrows; /* rows[0] is the header */
    struct csv_row *rows;
};

int csv_read_file(const char *path, struct arena *a, struct csv_doc *out, struct insyn_err *err);
int csv_parse_text(const char *data, size_t len, struct arena *a, struct csv_doc *out,
                   struct insyn_err *err);
/* Appends one field, quoted when it needs to be. A field that starts with = + - or @ gets
 * a leading apostrophe so that a spreadsheet shows it instead of running it as a formula;
 * the reader removes that apostrophe again. */
void csv_put_field(struct buf *b, const char *s, int first);

#endif
