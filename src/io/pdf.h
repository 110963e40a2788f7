/* pdf.h — a document (core/document.h) as a PDF for print: A4, a running head with the
 * organisation and the title, "Sida N av M" at the foot, the report's table of contents with
 * page numbers and links, bookmarks for its headings, and its charts drawn (cairo + pango).
 *
 * The document is laid out twice: once to learn where headings fall and how many pages there
 * are, once to draw. */
#ifndef INSYN_PDF_H
#define INSYN_PDF_H

#include "core/buf.h"
#include "core/document.h"

#include <stddef.h>

/* Appends the PDF to out. Returns 0, or -1 with a reason in `reason` when cairo failed. */
int pdf_write(const struct document *d, struct buf *out, char *reason, size_t size);

#endif
