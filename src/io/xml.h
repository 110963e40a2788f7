/* xml.h — text as XML character data, for the writers of editable documents (io/odt, io/docx).
 * The one place their text is escaped: a report's text never reaches their XML raw. */
#ifndef INSYN_XML_H
#define INSYN_XML_H

#include "core/buf.h"

/* Appends s (UTF-8; NULL is "") as character data: the five special characters escaped, a tab
 * and a line break replaced by the format's markup (kept as they are when that is NULL), and
 * the other control characters, which XML 1.0 does not allow, dropped. */
void xml_text(struct buf *b, const char *s, const char *tab, const char *line_break);

#endif
