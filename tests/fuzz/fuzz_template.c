/* fuzz_template.c — any text as a template over fixed data: never crashes, and a template
 * without "{{" renders to itself. */
#include "web/template.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = strndup((const char *)data, size);
    json_t *ctx = json_pack("{s:s, s:[s, s], s:{s:i}, s:b}", "name", "<x>", "list", "a", "b", "obj", "n",
                            1, "flag", 1);
    struct buf out;
    buf_init(&out);
    int rc = template_render_text(text, ctx, &out);
    if (rc == 0 && !strstr(text, "{{") && strcmp(out.data ? out.data : "", text) != 0)
        __builtin_trap();
    buf_free(&out);
    json_decref(ctx);
    free(text);
    return 0;
}
