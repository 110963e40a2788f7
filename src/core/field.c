/* field.c — validating single input fields; each problem becomes a field error. */
#include "core/field.h"

#include "core/date.h"
#include "core/orgnr.h"
#include "core/pnr.h"
#include "core/text.h"

#include <string.h>

/* A free-text field: trimmed, clean UTF-8, length-limited and free of personnummer. */
char *
field_text(struct arena *a, const char *in, const char *field, const char *label, size_t max,
           int required, int row, struct insyn_err *err)
{
    char *s = text_trim(a, in);
    if (!text_is_clean_utf8(s)) {
        err_field(
            err, row, field,
            "%s innehåller tecken som inte kan sparas (styrtecken eller ogiltig teckenkodning). "
            "Skriv in texten på nytt.",
            label);
        return s;
    }
    if (required && !*s)
        err_field(err, row, field, "%s måste anges.", label);
    else if (strlen(s) > max)
        err_field(err, row, field, "%s får vara högst %zu tecken.", label, max);
    else if (text_contains_personnummer(s))
        err_field(err, row, field,
                  "%s innehåller något som ser ut som ett personnummer. Personnummer får inte "
                  "registreras.",
                  label);
    return s;
}

char *
field_code(struct arena *a, const struct code_label *table, const char *in, const char *field,
           const char *label, int required, int row, struct insyn_err *err)
{
    char *s = text_trim(a, in);
    if (!*s) {
        if (required)
            err_field(err, row, field, "%s måste väljas.", label);
        return s;
    }
    if (!code_valid(table, s))
        err_field(err, row, field, "%s har ett okänt värde: %s.", label, s);
    return s;
}

int
field_date(struct arena *a, const char *in, const char *field, const char *label, int required,
           int row, struct insyn_err *err)
{
    char *s = text_trim(a, in);
    int days = DATE_NONE;
    if (!*s) {
        if (required)
            err_field(err, row, field, "%s måste anges.", label);
    } else if (date_parse(s, &days) != 0) {
        err_field(err, row, field, "%s ska vara ett datum skrivet ÅÅÅÅ-MM-DD.", label);
        days = DATE_NONE;
    }
    return days;
}

long long
field_uint(struct arena *a, const char *in, const char *field, const char *label, long long dflt,
           long long max, int row, struct insyn_err *err)
{
    char *s = text_trim(a, in);
    long long v;
    if (!*s)
        return dflt;
    if (text_parse_uint(s, max, &v) != 0) {
        err_field(err, row, field, "%s ska vara ett heltal mellan 0 och %lld.", label, max);
        return dflt;
    }
    return v;
}

long long
field_optional_id(struct arena *a, const char *in)
{
    const char *s = text_trim(a, in);
    long long v;
    if (!*s)
        return 0;
    return text_parse_uint(s, 1LL << 53, &v) == 0 && v > 0 ? v : -1;
}

void
field_organisation(struct arena *a, const char *org_nr, const char *organisation_id, int row,
                   const char *missing, char **org_nr_out, long long *id_out, struct insyn_err *err)
{
    const char *nr = text_trim(a, org_nr);
    long long id = field_optional_id(a, organisation_id);
    if (*nr) {
        char norm[12];
        if (orgnr_normalize(nr, norm, row, "org_nr", err) == 0)
            *org_nr_out = arena_strdup(a, norm);
    } else if (id > 0) {
        *id_out = id;
    } else {
        err_field(err, row, organisation_id ? "organisation_id" : "org_nr", "%s", missing);
    }
}

int
field_flag(struct arena *a, const char *in, int *out)
{
    const char *s = text_trim(a, in);
    static const char *const yes[] = {"1", "true", "on", "ja"};
    static const char *const no[] = {"", "0", "false", "off", "nej"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (strcmp(s, yes[i]) == 0)
            return *out = 1, 0;
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (strcmp(s, no[i]) == 0)
            return *out = 0, 0;
    return -1;
}
