/* xml.c — escaping text for the XML of the editable documents. */
#include "io/xml.h"

void
xml_text(struct buf *b, const char *s, const char *tab, const char *line_break)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '&':
            buf_puts(b, "&amp;");
            break;
        case '<':
            buf_puts(b, "&lt;");
            break;
        case '>':
            buf_puts(b, "&gt;");
            break;
        case '"':
            buf_puts(b, "&quot;");
            break;
        case '\'':
            buf_puts(b, "&apos;");
            break;
        case '\t':
            buf_puts(b, tab ? tab : "\t");
            break;
        case '\n':
            buf_puts(b, line_break ? line_break : "\n");
            break;
        default:
            if (*p >= 0x20)
                buf_putc(b, (char)*p);
        }
    }
}
