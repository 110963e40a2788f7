/* fuzz_text.c — any text as an org number, a date, free text and whole validated records. */
#include "core/date.h"
#include "core/domain.h"
#include "core/orgnr.h"
#include "core/pnr.h"
#include "core/text.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a;
    arena_init(&a);
    char *s = arena_strndup(&a, (const char *)data, size);
    struct insyn_err err = {0};
    char nr[12];
    if (orgnr_normalize(s, nr, 0, "org_nr", &err) == 0 && (strlen(nr) != 11 || nr[6] != '-'))
        __builtin_trap();
    int d;
    if (date_parse(s, &d) == 0) {
        char back[11];
        date_format(d, back);
        if (strcmp(back, s) != 0)
            __builtin_trap(); /* a parsed date formats back to itself */
    }
    (void)text_contains_personnummer(s);
    (void)text_is_clean_utf8(s);

    /* the input split on newlines fills the agreement's fields in order */
    const char *f[21] = {0};
    int n = 0;
    for (char *p = s; n < 21 && p;) {
        f[n++] = p;
        p = strchr(p, '\n');
        if (p)
            *p++ = '\0';
    }
    struct agreement_input in = {f[0],  f[1],  f[2],  f[3],  f[4],  f[5],  f[6],
                                 f[7],  f[8],  f[9],  f[10], f[11], f[12], f[13],
                                 f[14], f[15], f[16], f[17], f[18], f[19], f[20]};
    struct agreement_context ctx = {.organisation_found = 1, .organisation_kind = "private"};
    struct agreement g;
    err_clear(&err);
    if (agreement_validate(&in, &ctx, &g, &a, 1, &err) == 0 && g.end < g.start)
        __builtin_trap(); /* an accepted agreement never ends before it starts */
    arena_free(&a);
    return 0;
}
