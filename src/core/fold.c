/* fold.c — lower case of ASCII, Latin-1 and Latin Extended-A, byte for byte in UTF-8. */
#include "core/fold.h"

/* The lower case of code point c in U+00C0–U+017F, or c itself. Each pair there keeps its
 * UTF-8 length (two bytes). */
static unsigned
fold_latin(unsigned c)
{
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) /* À–Þ but × */
        return c + 0x20;
    if ((c >= 0x100 && c <= 0x12F) || (c >= 0x132 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
        return c | 1; /* upper even, lower odd */
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
        return c % 2 ? c + 1 : c; /* upper odd, lower even */
    if (c == 0x178)               /* Ÿ */
        return 0xFF;
    return c;
}

size_t
text_fold(const char *s, size_t n, char *out)
{
    const unsigned char *in = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = in[i];
        if (b >= 'A' && b <= 'Z') {
            out[i] = (char)(b + 32);
        } else if ((b == 0xC3 || b == 0xC4 || b == 0xC5) && i + 1 < n &&
                   (in[i + 1] & 0xC0) == 0x80) {
            unsigned c = fold_latin(((unsigned)(b & 0x1F) << 6) | (in[i + 1] & 0x3F));
            out[i] = (char)(0xC0 | (c >> 6));
            out[i + 1] = (char)(0x80 | (c & 0x3F));
            i++;
        } else {
            out[i] = (char)b;
        }
    }
    return n;
}
