/* pnr.c — personnummer detection in free text. */
#include "core/pnr.h"

#include "core/orgnr.h"

#include <ctype.h>
#include <string.h>

static int
two(const char *p)
{
    return (p[0] - '0') * 10 + (p[1] - '0');
}

/* p points at 10 digits (YYMMDDNNNC). */
static int
looks_like_pnr(const char *p)
{
    int month = two(p + 2), day = two(p + 4);
    if (day > 60)
        day -= 60; /* samordningsnummer */
    if (month < 1 || month > 12 || day < 1 || day > 31)
        return 0;
    return luhn_valid(p, 10);
}

int
text_contains_personnummer(const char *s)
{
    if (!s)
        return 0;
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]) || (i > 0 && isdigit((unsigned char)s[i - 1])))
            continue;
        size_t run = 0;
        while (i + run < n && isdigit((unsigned char)s[i + run]))
            run++;
        char d[12];
        if ((run == 6 || run == 8) && i + run + 5 <= n &&
            (s[i + run] == '-' || s[i + run] == '+')) {
            size_t j = i + run + 1, k = 0;
            while (k < 4 && isdigit((unsigned char)s[j + k]))
                k++;
            if (k == 4 && (j + 4 == n || !isdigit((unsigned char)s[j + 4]))) {
                memcpy(d, s + i + run - 6, 6);
                memcpy(d + 6, s + j, 4);
                if (looks_like_pnr(d))
                    return 1;
            }
        } else if (run == 10 || run == 12) {
            memcpy(d, s + i + run - 10, 10);
            if (looks_like_pnr(d))
                return 1;
        }
        i += run;
    }
    return 0;
}
