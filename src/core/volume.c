/* volume.c — validating placements and assignments; hours as minutes. */
#include "core/volume.h"

#include "core/codes.h"
#include "core/date.h"
#include "core/field.h"
#include "core/text.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>

#define P(name)                                                                                    \
    {                                                                                              \
#name, offsetof(struct placement_input, name)                                              \
    }
const struct input_field placement_input_fields[] = {
    P(org_nr),      P(organisation_id), P(unit_id), P(agreement_id), P(client),
    P(case_worker), P(start),           P(end),     P(end_reason),   {NULL, 0},
};
#undef P

#define A(name)                                                                                    \
    {                                                                                              \
#name, offsetof(struct assignment_input, name)                                             \
    }
const struct input_field assignment_input_fields[] = {
    A(agreement_id), A(client), A(kind),         A(age_group), A(received),
    A(closed),       A(hours),  A(goal_outcome), A(reason),    {NULL, 0},
};
#undef A

int
volume_email_valid(const char *s)
{
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@'))
        return 0;
    const char *dot = strrchr(at + 1, '.');
    if (!dot || dot == at + 1 || !dot[1])
        return 0;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == 0x7f)
            return 0;
    return 1;
}

int
volume_parse_hours(const char *s, long long max_hours, long long *minutes)
{
    *minutes = 0;
    if (!s)
        return 0;
    while (isspace((unsigned char)*s))
        s++;
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    if (!len)
        return 0;
    long long whole = 0;
    size_t i = 0;
    for (; i < len && isdigit((unsigned char)s[i]); i++) {
        whole = whole * 10 + (s[i] - '0');
        if (whole > max_hours)
            return -1;
    }
    if (i == 0)
        return -1;
    int hundredths = 0, decimals = 0;
    if (i < len) {
        if (s[i] != ',' && s[i] != '.')
            return -1;
        for (i++; i < len && isdigit((unsigned char)s[i]); i++) {
            if (++decimals > 2)
                return -1;
            hundredths = hundredths * 10 + (s[i] - '0');
        }
        if (decimals == 0 || i < len)
            return -1;
        if (decimals == 1)
            hundredths *= 10;
    }
    if (whole == max_hours && hundredths)
        return -1;
    *minutes = whole * 60 + (hundredths * 60 + 50) / 100;
    return 0;
}

char *
volume_hours_text(struct arena *a, long long minutes)
{
    long long whole = minutes / 60, rest = minutes % 60;
    if (!rest)
        return arena_printf(a, "%lld", whole);
    int hundredths = (int)((rest * 100 + 30) / 60);
    if (hundredths % 10 == 0)
        return arena_printf(a, "%lld,%d", whole, hundredths / 10);
    return arena_printf(a, "%lld,%02d", whole, hundredths);
}

/* A required id of something the caller resolves: 0 when it is missing or malformed (the
 * field error is made here). */
static long long
required_id(struct arena *a, const char *in, const char *field, const char *missing, int row,
            struct insyn_err *err)
{
    long long id = field_optional_id(a, in);
    if (id <= 0) {
        err_field(err, row, field, "%s", missing);
        return 0;
    }
    return id;
}

static int
not_after_today(int date, int today, const char *field, const char *label, int row,
                struct insyn_err *err)
{
    if (date != DATE_NONE && today != DATE_NONE && date > today) {
        err_field(err, row, field, "%s kan inte ligga efter dagens datum.", label);
        return -1;
    }
    return 0;
}

int
placement_validate(const struct placement_input *in, int today, struct placement *out,
                   struct arena *a, int row, struct insyn_err *err)
{
    int before = err->nfields;
    memset(out, 0, sizeof *out);
    field_organisation(a, in->org_nr, in->organisation_id, row,
                       "Ange vilken utförare placeringen gäller.", &out->org_nr,
                       &out->organisation_id, err);
    out->unit_id = required_id(a, in->unit_id, "unit_id",
                               "Ange vilken enhet klienten är placerad på.", row, err);
    out->agreement_id = required_id(a, in->agreement_id, "agreement_id",
                                    "Ange vilket avtal placeringen görs under.", row, err);
    out->client =
        field_text(a, in->client, "client", "Klientens pseudonym", VOLUME_CLIENT_MAX, 1, row, err);
    char *worker = field_text(a, in->case_worker, "case_worker", "Handläggarens e-postadress", 200,
                              1, row, err);
    for (char *p = worker; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    if (*worker && !volume_email_valid(worker))
        err_field(err, row, "case_worker",
                  "Handläggaren ska anges med sin e-postadress, till exempel "
                  "fornamn.efternamn@kommun.se.");
    out->case_worker = worker;
    out->start = field_date(a, in->start, "start", "Startdatum", 1, row, err);
    not_after_today(out->start, today, "start", "Startdatum", row, err);
    out->end = field_date(a, in->end, "end", "Slutdatum", 0, row, err);
    if (not_after_today(out->end, today, "end", "Slutdatum", row, err) == 0 &&
        out->end != DATE_NONE && out->start != DATE_NONE && out->end < out->start)
        err_field(err, row, "end", "Slutdatum kan inte ligga före startdatum.");
    out->end_reason = field_code(a, placement_end_reasons, in->end_reason, "end_reason",
                                 "Orsak till avslut", 0, row, err);
    const char *end_text = text_trim(a, in->end);
    if (*end_text && !*out->end_reason)
        err_field(err, row, "end_reason", "Ange orsaken till att placeringen avslutades.");
    else if (!*end_text && *out->end_reason)
        err_field(err, row, "end_reason",
                  "Orsak till avslut anges bara när placeringen har ett slutdatum.");
    return err->nfields > before ? INSYN_EINVAL : 0;
}

int
assignment_validate(const struct assignment_input *in, int today, struct assignment *out,
                    struct arena *a, int row, struct insyn_err *err)
{
    int before = err->nfields;
    memset(out, 0, sizeof *out);
    out->agreement_id = required_id(a, in->agreement_id, "agreement_id",
                                    "Ange vilket avtal uppdraget ges under.", row, err);
    out->client =
        field_text(a, in->client, "client", "Klientens pseudonym", VOLUME_CLIENT_MAX, 1, row, err);
    out->kind = field_code(a, assignment_kinds, in->kind, "kind", "Typ av insats", 1, row, err);
    out->age_group =
        field_code(a, age_groups, in->age_group, "age_group", "Åldersgrupp", 1, row, err);
    out->received =
        field_date(a, in->received, "received", "Datum då uppdraget kom in", 1, row, err);
    not_after_today(out->received, today, "received", "Datum då uppdraget kom in", row, err);
    out->closed = field_date(a, in->closed, "closed", "Datum då uppdraget avslutades", 0, row, err);
    if (not_after_today(out->closed, today, "closed", "Datum då uppdraget avslutades", row, err) ==
            0 &&
        out->closed != DATE_NONE && out->received != DATE_NONE && out->closed < out->received)
        err_field(err, row, "closed",
                  "Datum då uppdraget avslutades kan inte ligga före datum då det kom in.");
    if (volume_parse_hours(in->hours, VOLUME_HOURS_MAX, &out->minutes) != 0)
        err_field(err, row, "hours",
                  "Antal timmar ska vara ett tal med högst två decimaler, till exempel 12 eller "
                  "12,5.");
    out->goal_outcome = field_code(a, goal_outcomes, in->goal_outcome, "goal_outcome",
                                   "Måluppfyllelse", 0, row, err);
    const char *closed_text = text_trim(a, in->closed);
    if (*out->goal_outcome && !*closed_text)
        err_field(
            err, row, "goal_outcome",
            "Måluppfyllelse anges när uppdraget har avslutats. Ange datum då det avslutades.");
    out->reason = field_text(a, in->reason, "reason", "Orsak", 2000, 0, row, err);
    if (strcmp(out->goal_outcome, "not_met") == 0 && !*out->reason)
        err_field(err, row, "reason", "Ange varför målen inte uppfylldes.");
    return err->nfields > before ? INSYN_EINVAL : 0;
}
