/* fuzz_csv.c — any bytes as a CSV import file. */
#include "io/csv.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a;
    arena_init(&a);
    struct csv_doc doc;
    struct insyn_err err = {0};
    if (csv_parse_text((const char *)data, size, &a, &doc, &err) == 0) {
        for (int r = 0; r < doc.nrows; r++)
            if (doc.rows[r].line < 1)
                __builtin_trap(); /* every row must name a real line */
    }
    arena_free(&a);
    return 0;
}
