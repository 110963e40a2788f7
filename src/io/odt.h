/* odt.h — a document (core/document.h) as an editable OpenDocument text (ODT, ISO/IEC 26300),
 * which LibreOffice and Word open: the same headings (as outline headings, so the officer can
 * update the table of contents), paragraphs, lists, tables and the charts as pictures, on A4
 * with page numbers at the foot. The zip container is written with libzip. */
#ifndef INSYN_ODT_H
#define INSYN_ODT_H

#include "core/buf.h"
#include "core/document.h"

#include <stddef.h>

/* Appends the ODT file to out. Returns 0, or -1 with a reason in `reason`. */
int odt_write(const struct document *d, struct buf *out, char *reason, size_t size);

#endif
