/* text.c — trimming, integers, lines, UTF-8 checks. */
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

int
text_is_clean_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (p && *p) {
        if (*p < 0x80) {
            if (*p < 0x20 && *p != '\n' && *p != '\t' && *p != '\r')
                return 0;
            if (*p == 0x7f)
                return 0;
            p++;
            continue;
        }
        int n = (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 : (*p & 0xF8) == 0xF0 ? 3 : -1;
        if (n < 0 || (*p == 0xC0 || *p == 0xC1))
            return 0;
        for (int i = 1; i <= n; i++)
            if ((p[i] & 0xC0) != 0x80)
                return 0;
        p += n + 1;
    }
    return 1;
}
