/* fuzz_form.c — any bytes as a urlencoded form body or a JSON API body. */
#include "app/app.h"
#include "web/web.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a;
    arena_init(&a);
    struct kv_list form = {0};
    parse_urlencoded(&a, (const char *)data, size, &form);
    for (int i = 0; i < form.n; i++)
        if (!form.items[i].key || !form.items[i].value)
            __builtin_trap();
    json_t *body = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
    if (body) {
        struct agreement_input in = {0};
        struct insyn_err err = {0};
        (void)input_from_json(body, &in, agreement_input_fields, &a, &err);
        json_decref(body);
    }
    arena_free(&a);
    return 0;
}
