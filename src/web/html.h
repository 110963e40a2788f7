/* html.h — the one place where text becomes HTML or a URL. */
#ifndef INSYN_HTML_H
#define INSYN_HTML_H

#include "core/buf.h"

/* Appends s with & < > " ' replaced by entities: safe in text and quoted attributes. */
void html_escape(struct buf *b, const char *s);
/* Appends s percent-encoded for a URL query value. */
void url_escape(struct buf *b, const char *s);

#endif
