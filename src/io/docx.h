/* docx.h — a document (core/document.h) as an editable Office Open XML document (DOCX,
 * ECMA-376 WordprocessingML), which Word and LibreOffice open: the same headings as Word's
 * built-in Heading 1–3 (so its navigation pane and table of contents find them), paragraphs,
 * bulleted lists, tables whose header row repeats on every page, and the charts as pictures
 * with their captions, on A4 with "Sida N av M" at the foot, in Swedish. The report after the
 * memo starts on a new page with a table of contents the officer's Word can update. The zip
 * container is written with libzip (io/package). */
#ifndef INSYN_DOCX_H
#define INSYN_DOCX_H

#include "core/buf.h"
#include "core/document.h"

#include <stddef.h>

/* Appends the DOCX file to out. Returns 0, or -1 with a reason in `reason`. */
int docx_write(const struct document *d, struct buf *out, char *reason, size_t size);

#endif
