/* text.c — trimming, integers, lines, UTF-8 checks, a first letter in lower case. */
#include "core/text.h"

#include <ctype.h>
#include <string.h>

char *
text_trim(struct arena *a, const char *s)
{
    if (!s)
        return arena_strdup(a, "");
    while (*s && isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    return arena_strndup(a, s, n);
}

int
text_parse_uint(const char *s, long long max, long long *out)
{
    if (!s)
        return -1;
    while (isspace((unsigned char)*s))
        s++;
    long long v = 0;
    int digits = 0;
    for (; isdigit((unsigned char)*s); s++, digits++) {
        v = v * 10 + (*s - '0');
        if (v > max)
            return -1;
    }
    while (isspace((unsigned char)*s))
        s++;
    if (!digits || *s)
        return -1;
    *out = v;
    return 0;
}

int
text_split_lines(struct arena *a, const char *s, char ***out)
{
    int n = 0, cap = 0;
    char **items = NULL;
    while (s && *s) {
        const char *end = strchr(s, '\n');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        char *line = text_trim(a, arena_strndup(a, s, len));
        if (*line) {
            items = arena_grow(a, items, n, &cap, sizeof *items);
            items[n++] = line;
        }
        s = end ? end + 1 : s + len;
    }
    *out = items;
    return n;
}

/* Length of the well-formed UTF-8 sequence at p (RFC 3629: shortest form, no surrogates
 * U+D800..U+DFFF, nothing above U+10FFFF), or 0 when it is not one. */
static int
utf8_sequence(const unsigned char *p)
{
    unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    unsigned char lo = 0x80, hi = 0xBF; /* the second byte's range */
    int n;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
    } else
        return 0;
    if (p[1] < lo || p[1] > hi)
        return 0;
    for (int i = 2; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

int
text_is_utf8(const char *s)
{
    return !s || s[text_utf8_prefix(s)] == '\0';
}

size_t
text_utf8_prefix(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (p && *p) {
        int n = utf8_sequence(p);
        if (!n)
            break;
        p += n;
    }
    return p ? (size_t)((const char *)p - s) : 0;
}

int
text_is_clean_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (p && *p) {
        if ((*p < 0x20 && *p != '\n' && *p != '\t' && *p != '\r') || *p == 0x7f)
            return 0;
        int n = utf8_sequence(p);
        if (!n)
            return 0;
        p += n;
    }
    return 1;
}

int
text_has_bidi_controls(const char *s)
{
    /* U+202A..U+202E are E2 80 AA..AE; U+2066..U+2069 are E2 81 A6..A9 */
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
        if (p[0] == 0xE2 && ((p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE) ||
                             (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)))
            return 1;
    return 0;
}

/* Whether s starts with a capital letter: A–Z, or U+00C0..U+00DE but U+00D7 (×). Sets *len
 * to its length in bytes. */
static int
starts_capital(const unsigned char *s, int *len)
{
    if (s[0] >= 'A' && s[0] <= 'Z') {
        *len = 1;
        return 1;
    }
    if (s[0] == 0xC3 && s[1] >= 0x80 && s[1] <= 0x9E && s[1] != 0x97) {
        *len = 2;
        return 1;
    }
    return 0;
}

char *
text_lower_first(struct arena *a, const char *s)
{
    char *t = arena_strdup(a, s ? s : "");
    unsigned char *u = (unsigned char *)t;
    int len, next;
    if (!starts_capital(u, &len) || starts_capital(u + len, &next))
        return t;
    if (len == 1)
        u[0] = (unsigned char)(u[0] - 'A' + 'a');
    else
        u[1] = (unsigned char)(u[1] + 0x20); /* U+00C0..U+00DE → U+00E0..U+00FE */
    return t;
}
