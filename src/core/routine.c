/* routine.c — validating a routine's activity rows. */
#include "core/routine.h"

#include "core/buf.h"
#include "core/field.h"
#include "core/permission.h"
#include "core/schedule.h"
#include "core/text.h"

#include <stdio.h>
#include <string.h>

const struct code_label activity_levels[] = {
    {"system", "Systemnivå"},
    {"provider", "Utförarnivå"},
    {"individual", "Individnivå"},
    {NULL, NULL},
};

#define F(name) {#name, offsetof(struct activity_input, name)}
const struct input_field activity_input_fields[] = {
    F(name), F(level), F(responsible_role), F(co_roles), F(frequency), F(comment), {NULL, 0},
};

int
activity_validate(const struct activity_input *in, struct activity *out, struct arena *a, struct insyn_err *err)
{
    int before = err->nfields;
    out->name = field_text(a, in->name, "name", "Aktivitet", 200, 1, 0, err);
    out->level = field_code(a, activity_levels, in->level, "level", "Nivå", 1, 0, err);
    out->responsible_role = text_trim(a, in->responsible_role);
    enum role r = role_parse(out->responsible_role);
    if (!role_is_internal(r))
        err_field(err, 0, "responsible_role", "Ansvarig ska vara en av förvaltningens roller.");

    struct buf co;
    buf_init(&co);
    const char *p = in->co_roles ? in->co_roles : "";
    while (*p) {
        p += strspn(p, " ,\t\r\n");
        size_t len = strcspn(p, " ,\t\r\n");
        if (!len)
            break;
        char *code = arena_strndup(a, p, len);
        enum role c = role_parse(code);
        if (!role_is_internal(c))
            err_field(err, 0, "co_roles", "Okänd medansvarig roll: %s.", code);
        else if (c == r)
            err_field(err, 0, "co_roles", "Den ansvariga rollen kan inte också vara medansvarig.");
        else if (!co.data || !strstr(co.data, code)) {
            if (co.len)
                buf_putc(&co, ' ');
            buf_puts(&co, code);
        }
        p += len;
    }
    out->co_roles = arena_strdup(a, co.data ? co.data : "");
    buf_free(&co);

    struct freq_rule rule;
    char *freq = text_trim(a, in->frequency);
    out->frequency = freq;
    if (freq_parse(freq, &rule, "frequency", err) == 0) {
        char normal[64];
        freq_format(&rule, normal, sizeof normal);
        out->frequency = arena_strdup(a, normal);
    }
    out->comment = field_text(a, in->comment, "comment", "Kommentar", 1000, 0, 0, err);
    return err->nfields > before ? INSYN_EINVAL : 0;
}
