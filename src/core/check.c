/* check.c — validating external controls and the rules that say whether one passed. */
#include "core/check.h"

#include "core/codes.h"
#include "core/date.h"
#include "core/field.h"
#include "core/text.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>

#define F(name)                                                                                    \
    {                                                                                              \
#name, offsetof(struct check_input, name)                                                  \
    }
const struct input_field check_input_fields[] = {
    F(org_nr),
    F(organisation_id),
    F(unit_id),
    F(kind),
    F(checked_on),
    F(bureau),
    F(value),
    F(f_tax),
    F(taxes_paid),
    F(contributions_paid),
    F(enforcement_debt),
    F(ivo_kind),
    F(decided_on),
    F(reference),
    F(summary),
    F(date),
    F(note),
    {NULL, 0},
};
#undef F

/* Yes or no, required: 1, 0, or -1 (with a field error) when missing or unreadable. */
static int
yes_no(struct arena *a, const char *in, const char *field, const char *label, int row,
       struct insyn_err *err)
{
    int v;
    int given = *text_trim(a, in) != '\0';
    if (given && field_flag(a, in, &v) == 0)
        return v;
    if (given)
        err_field(err, row, field, "Svara ja eller nej på %s.", label);
    else
        err_field(err, row, field, "Ange %s.", label);
    return -1;
}

long long
check_parse_kronor(const char *s)
{
    if (!s)
        return -1;
    long long kr = 0;
    int digits = 0;
    const char *p = s;
    while (*p == ' ')
        p++;
    for (; *p; p++) {
        if (isdigit((unsigned char)*p)) {
            if (kr > 100000000000LL) /* a hundred billion kronor is plenty */
                return -1;
            kr = kr * 10 + (*p - '0');
            digits++;
        } else if (*p == ' ' && digits && isdigit((unsigned char)p[1])) {
            continue; /* "12 345" */
        } else {
            break;
        }
    }
    if (!digits)
        return -1;
    long long ore = 0;
    if (*p == ',' || *p == '.') {
        p++;
        int n = 0;
        while (isdigit((unsigned char)*p) && n < 2)
            ore = ore * 10 + (*p++ - '0'), n++;
        if (n == 0)
            return -1;
        if (n == 1)
            ore *= 10;
    }
    while (*p == ' ')
        p++;
    if (strcmp(p, "kr") == 0)
        p += 2;
    return *p ? -1 : kr * 100 + ore;
}

static const char *
present(const char *own, const char *fallback)
{
    return own ? own : fallback;
}

int
check_validate(const struct check_input *in, int today, const char *unit_field,
               struct external_check *out, struct arena *a, int row, struct insyn_err *err)
{
    int before = err ? err->nfields : 0;
    memset(out, 0, sizeof *out);
    out->value = out->threshold = out->passed = -1;
    out->f_tax = out->taxes_paid = out->contributions_paid = -1;
    out->enforcement_debt = -1;
    out->bureau = out->ivo_kind = out->reference = out->summary = "";

    field_organisation(a, in->org_nr, in->organisation_id, row,
                       "Ange vilken utförare kontrollen gäller.", &out->org_nr,
                       &out->organisation_id, err);
    const char *ufield = unit_field ? unit_field : "unit_id";
    if ((out->unit_id = field_optional_id(a, in->unit_id)) < 0)
        err_field(err, row, ufield, "Enheten ska anges med sitt id-nummer.");

    out->kind = field_code(a, check_kinds, in->kind, "kind", "Typ av kontroll", 1, row, err);
    const char *date_field = "checked_on", *date_label = "Datum för kontrollen",
               *date_in = in->checked_on;
    if (strcmp(out->kind, "ivo") == 0) {
        date_field = "decided_on", date_label = "Datum för beslutet eller anmälan";
        date_in = present(in->decided_on, in->checked_on);
    } else if (strcmp(out->kind, "bankruptcy") == 0) {
        date_field = "date", date_label = "Datum för konkursbeslutet";
        date_in = present(in->date, in->checked_on);
    }
    if (*out->kind) {
        out->checked_on = field_date(a, date_in, date_field, date_label, 1, row, err);
        if (out->checked_on != DATE_NONE && today != DATE_NONE && out->checked_on > today)
            err_field(err, row, date_field, "%s kan inte ligga efter dagens datum.", date_label);
    } else {
        out->checked_on = DATE_NONE;
    }

    if (strcmp(out->kind, "credit") == 0) {
        out->bureau = field_code(a, credit_bureaus, in->bureau, "bureau",
                                 "Kreditupplysningsföretag", 1, row, err);
        const char *v = text_trim(a, in->value);
        int known = code_valid(credit_bureaus, out->bureau);
        int is_uc = strcmp(out->bureau, "uc") == 0;
        int lo = is_uc ? UC_MIN : CREDITSAFE_MIN, hi = is_uc ? UC_MAX : CREDITSAFE_MAX;
        const char *what = is_uc ? "Riskklassen hos UC" : "Ratingen hos Creditsafe";
        long long n;
        if (!*v)
            err_field(err, row, "value", "Ange %s.",
                      is_uc          ? "riskklassen hos UC"
                      : *out->bureau ? "ratingen hos Creditsafe"
                                     : "värdet");
        else if (text_parse_uint(v, 1000000, &n) != 0 || n < lo || n > hi)
            err_field(err, row, "value", "%s ska vara ett heltal från %d till %d.",
                      known ? what : "Värdet", lo, hi);
        else
            out->value = (int)n;
    } else if (strcmp(out->kind, "tax") == 0) {
        out->f_tax = yes_no(a, in->f_tax, "f_tax", "om utföraren är godkänd för F-skatt", row, err);
        out->taxes_paid =
            yes_no(a, in->taxes_paid, "taxes_paid", "om skatterna är betalda", row, err);
        out->contributions_paid = yes_no(a, in->contributions_paid, "contributions_paid",
                                         "om arbetsgivaravgifterna är betalda", row, err);
        const char *d = text_trim(a, in->enforcement_debt);
        if (!*d)
            out->enforcement_debt = 0;
        else if ((out->enforcement_debt = check_parse_kronor(d)) < 0) {
            err_field(err, row, "enforcement_debt",
                      "Skulder hos Kronofogden ska anges i kronor, till exempel 12 500 eller 0.");
            out->enforcement_debt = 0;
        }
    } else if (strcmp(out->kind, "ivo") == 0) {
        out->ivo_kind = field_code(a, ivo_record_kinds, in->ivo_kind, "ivo_kind",
                                   "Typ av underlag från IVO", 1, row, err);
        out->reference =
            field_text(a, in->reference, "reference", "IVO:s diarienummer", 100, 0, row, err);
        out->summary = field_text(a, in->summary, "summary", "Sammanfattning", 4000, 0, row, err);
        if (strcmp(out->ivo_kind, "permit_revoked") == 0 && out->unit_id == 0)
            err_field(err, row, ufield, "Ange vilken enhets tillstånd IVO har återkallat.");
    } else if (strcmp(out->kind, "bankruptcy") == 0) {
        out->summary = field_text(a, in->note, "note", "Anteckning", 4000, 0, row, err);
    }
    return err && err->nfields > before ? INSYN_EINVAL : 0;
}

int
check_credit_threshold(const char *bureau, const struct credit_thresholds *t)
{
    return strcmp(bureau, "uc") == 0 ? t->uc : t->creditsafe;
}

int
check_evaluate(struct external_check *c, const struct credit_thresholds *t)
{
    if (strcmp(c->kind, "credit") == 0) {
        c->threshold = check_credit_threshold(c->bureau, t);
        c->passed = c->value >= c->threshold;
    } else if (strcmp(c->kind, "tax") == 0) {
        c->passed = c->f_tax == 1 && c->taxes_paid == 1 && c->contributions_paid == 1 &&
                    c->enforcement_debt == 0;
    } else {
        c->passed = -1;
    }
    return c->passed;
}

/* 1234567 öre as "12 345,67 kr" (no decimals when whole kronor). */
static char *
kronor_text(struct arena *a, long long ore)
{
    char digits[32], grouped[48];
    int n = 0, len;
    len = (int)strlen(strcpy(digits, arena_printf(a, "%lld", ore / 100)));
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            grouped[n++] = ' ';
        grouped[n++] = digits[i];
    }
    grouped[n] = 0;
    return ore % 100 ? arena_printf(a, "%s,%02lld kr", grouped, ore % 100)
                     : arena_printf(a, "%s kr", grouped);
}

char *
check_failure_text(struct arena *a, const struct external_check *c)
{
    if (strcmp(c->kind, "credit") == 0)
        return arena_printf(a, "%s %d, under gränsen %d.",
                            strcmp(c->bureau, "uc") == 0 ? "UC riskklass" : "Creditsafe", c->value,
                            c->threshold);
    if (strcmp(c->kind, "tax") != 0)
        return arena_strdup(a, "");
    const char *parts[4];
    int n = 0;
    if (c->f_tax != 1)
        parts[n++] = "inte godkänd för F-skatt";
    if (c->taxes_paid != 1)
        parts[n++] = "skatterna är inte betalda";
    if (c->contributions_paid != 1)
        parts[n++] = "arbetsgivaravgifterna är inte betalda";
    if (c->enforcement_debt > 0)
        parts[n++] =
            arena_printf(a, "skulder hos Kronofogden på %s", kronor_text(a, c->enforcement_debt));
    char *text = arena_strdup(a, "Kontroll hos Skatteverket och Kronofogden:");
    for (int i = 0; i < n; i++)
        text = arena_printf(a, "%s%s %s", text, i ? (i == n - 1 ? " och" : ",") : "", parts[i]);
    return arena_printf(a, "%s.", text);
}
