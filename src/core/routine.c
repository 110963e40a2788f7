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
    {"joint", "Gemensamt med alla utförare"},
    {"individual", "Individnivå"},
    {NULL, NULL},
};

#define F(name)                                                                                    \
    {                                                                                              \
#name, offsetof(struct activity_input, name)                                               \
    }
const struct input_field activity_input_fields[] = {
    F(name), F(level), F(responsible_role), F(co_roles), F(frequency), F(comment), {NULL, 0},
};

int
activity_validate(const struct activity_input *in, struct activity *out, struct arena *a,
                  struct insyn_err *err)
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

#undef F
#define F(name)                                                                                    \
    {                                                                                              \
#name, offsetof(struct routine_input, name)                                                \
    }
const struct input_field routine_input_fields[] = {
    F(name), F(forms), F(service_areas), F(main_role), F(substitute_role), {NULL, 0},
};

/* A set of codes from table, separated by spaces, commas or lines, as the codes in the
 * table's order separated by single spaces; an unknown code is the field error unknown. */
static char *
code_set(struct arena *a, const struct code_label *table, const char *in, const char *field,
         const char *unknown, int *count, struct insyn_err *err)
{
    size_t ncodes = 0;
    while (table[ncodes].code)
        ncodes++;
    char *chosen = arena_alloc(a, ncodes + 1);
    memset(chosen, 0, ncodes + 1);
    for (const char *p = in ? in : ""; *p;) {
        p += strspn(p, " ,\t\r\n");
        size_t len = strcspn(p, " ,\t\r\n");
        if (!len)
            break;
        char *code = arena_strndup(a, p, len);
        size_t k = 0;
        while (table[k].code && strcmp(table[k].code, code) != 0)
            k++;
        if (table[k].code)
            chosen[k] = 1;
        else
            err_field(err, 0, field, "%s", unknown);
        p += len;
    }
    struct buf b;
    buf_init(&b);
    *count = 0;
    for (size_t k = 0; k < ncodes; k++) {
        if (!chosen[k])
            continue;
        if (b.len)
            buf_putc(&b, ' ');
        buf_puts(&b, table[k].code);
        ++*count;
    }
    char *out = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    return out;
}

int
routine_validate(const struct routine_input *in, struct routine *out, struct arena *a,
                 struct insyn_err *err)
{
    int before = err->nfields, n;
    out->name = field_text(a, in->name, "name", "Namn", 200, 1, 0, err);
    out->forms = code_set(a, agreement_forms, in->forms, "forms", "Okänd avtalsform.", &n, err);
    if (!n)
        err_field(err, 0, "forms", "Välj minst en avtalsform som rutinen gäller.");
    out->service_areas = code_set(a, service_areas, in->service_areas, "service_areas",
                                  "Okänt verksamhetsområde.", &n, err);
    if (!n)
        err_field(err, 0, "service_areas", "Välj minst ett verksamhetsområde som rutinen gäller.");

    out->main_role = text_trim(a, in->main_role);
    enum role main = role_parse(out->main_role);
    if (!*out->main_role)
        err_field(err, 0, "main_role", "Huvudansvarig måste väljas.");
    else if (!role_is_internal(main))
        err_field(err, 0, "main_role", "Huvudansvarig ska vara en av förvaltningens roller.");
    out->substitute_role = text_trim(a, in->substitute_role);
    if (*out->substitute_role) {
        enum role sub = role_parse(out->substitute_role);
        if (!role_is_internal(sub))
            err_field(err, 0, "substitute_role",
                      "Ersättaren ska vara en av förvaltningens roller.");
        else if (sub == main)
            err_field(err, 0, "substitute_role",
                      "Ersättaren ska vara en annan roll än huvudansvarig.");
    }
    return err->nfields > before ? INSYN_EINVAL : 0;
}
