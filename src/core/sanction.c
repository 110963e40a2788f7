/* sanction.c — sanctions under an agreement and the delegation order that says who decides
 * them (seed 003: "varning eller hävning av avtalet sköts ... utifrån delegationsordningen"). */
#include "core/investigation.h"

#include "core/date.h"
#include "core/field.h"
#include "core/text.h"

#include <ctype.h>
#include <string.h>

#define F(type, name)                                                                              \
    {                                                                                              \
#name, offsetof(struct type, name)                                                         \
    }

const struct input_field sanction_input_fields[] = {
    F(sanction_input, kind),   F(sanction_input, decided_on),       F(sanction_input, decided_by),
    F(sanction_input, reason), F(sanction_input, amount),           F(sanction_input, ends_on),
    F(sanction_input, cause),  F(sanction_input, investigation_id), {NULL, 0},
};

/* The delegation order. The system administrator never decides: a decision is a real
 * person's in one of these roles. */
#define DIRECTORS                                                                                  \
    {                                                                                              \
        ROLE_DEPUTY_DIRECTOR, ROLE_DIRECTOR, ROLE_NONE, ROLE_NONE                                  \
    }
#define DIRECTORS_TEXT "biträdande socialdirektör eller socialdirektör"
const struct sanction_deciders sanction_deciders[] = {
    {"correction_request",
     {ROLE_STRATEGIST, ROLE_DEPUTY_DIRECTOR, ROLE_DIRECTOR, ROLE_NONE},
     "avtalsansvarig strateg, biträdande socialdirektör eller socialdirektör"},
    {"price_reduction", DIRECTORS, DIRECTORS_TEXT},
    {"penalty", DIRECTORS, DIRECTORS_TEXT},
    {"warning", DIRECTORS, DIRECTORS_TEXT},
    {"termination", DIRECTORS, DIRECTORS_TEXT},
    {"rescission", DIRECTORS, DIRECTORS_TEXT},
    {NULL, {ROLE_NONE}, NULL},
};

static const struct sanction_deciders *
deciders(const char *kind)
{
    for (const struct sanction_deciders *d = sanction_deciders; kind && d->kind; d++)
        if (strcmp(d->kind, kind) == 0)
            return d;
    return NULL;
}

int
sanction_may_decide(enum role r, const char *kind)
{
    const struct sanction_deciders *d = deciders(kind);
    for (int i = 0; d && i < 4 && d->roles[i] != ROLE_NONE; i++)
        if (d->roles[i] == r)
            return 1;
    return 0;
}

int
sanction_is_decider(enum role r)
{
    for (const struct sanction_deciders *d = sanction_deciders; d->kind; d++)
        if (sanction_may_decide(r, d->kind))
            return 1;
    return 0;
}

const char *
sanction_deciders_text(const char *kind)
{
    const struct sanction_deciders *d = deciders(kind);
    return d ? d->who : NULL;
}

int
sanction_ends_agreement(const char *kind)
{
    return kind && (strcmp(kind, "termination") == 0 || strcmp(kind, "rescission") == 0);
}

int
money_parse_kronor(const char *s, long long *ore)
{
    long long kr = 0, frac = 0;
    int digits = 0, decimals = -1;
    if (!s)
        return -1;
    while (*s == ' ')
        s++;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (isdigit(c)) {
            if (decimals >= 0) {
                if (++decimals > 2)
                    return -1;
                frac = frac * 10 + (c - '0');
            } else {
                if (kr > SANCTION_MAX_AMOUNT / 100)
                    return -1;
                kr = kr * 10 + (c - '0');
                digits++;
            }
        } else if ((c == ',' || c == '.') && decimals < 0 && digits) {
            decimals = 0;
        } else if (c == ' ' && decimals < 0 && digits && isdigit((unsigned char)s[1])) {
            continue; /* thousands separator */
        } else if (c == ' ') {
            while (*s == ' ')
                s++;
            if (*s)
                return -1;
            break;
        } else {
            return -1;
        }
    }
    if (!digits || decimals == 0)
        return -1;
    if (decimals == 1)
        frac *= 10;
    *ore = kr * 100 + frac;
    return *ore > SANCTION_MAX_AMOUNT ? -1 : 0;
}

int
sanction_validate(const struct sanction_input *in, struct sanction *out, struct arena *a,
                  struct insyn_err *err)
{
    int before = err->nfields;
    memset(out, 0, sizeof *out);
    out->kind = field_code(a, sanction_kinds, in->kind, "kind", "Sanktionen", 1, 0, err);
    out->decided_on = field_date(a, in->decided_on, "decided_on", "Beslutsdatum", 1, 0, err);
    char *by = text_trim(a, in->decided_by);
    if (!*by)
        err_field(err, 0, "decided_by", "Beslutsfattare måste väljas.");
    else if (text_parse_uint(by, 1LL << 53, &out->decided_by) != 0 || out->decided_by == 0)
        err_field(err, 0, "decided_by", "Beslutsfattaren finns inte.");
    out->reason = field_text(a, in->reason, "reason", "Skälet för beslutet", INVESTIGATION_MAX_TEXT,
                             1, 0, err);
    const char *label = code_label(sanction_kinds, out->kind);
    out->amount = -1;
    char *amount = text_trim(a, in->amount);
    int is_penalty = strcmp(out->kind, "penalty") == 0;
    int may_have_amount = is_penalty || strcmp(out->kind, "price_reduction") == 0;
    if (*amount && !may_have_amount && label) {
        err_field(err, 0, "amount", "%s har inget belopp.", label);
    } else if (*amount) {
        if (money_parse_kronor(amount, &out->amount) != 0 || out->amount <= 0) {
            err_field(err, 0, "amount",
                      "Beloppet ska vara ett belopp i kronor större än noll, t.ex. 25 000 eller "
                      "1500,50.");
            out->amount = -1;
        }
    } else if (is_penalty) {
        err_field(err, 0, "amount", "Vite ska ha ett belopp i kronor.");
    }
    out->ends_on = DATE_NONE;
    out->cause = "";
    char *ends = text_trim(a, in->ends_on), *cause = text_trim(a, in->cause);
    if (sanction_ends_agreement(out->kind)) {
        out->ends_on = field_date(a, ends, "ends_on", "Avtalets sista dag", 1, 0, err);
        out->cause = field_code(a, termination_causes, cause, "cause",
                                "Orsaken till att avtalet "
                                "upphör",
                                1, 0, err);
        if (out->ends_on != DATE_NONE && out->decided_on != DATE_NONE &&
            out->ends_on < out->decided_on)
            err_field(err, 0, "ends_on", "Avtalets sista dag kan inte vara före beslutsdatum.");
    } else if (label && (*ends || *cause)) {
        err_field(err, 0, *ends ? "ends_on" : "cause",
                  "Slutdatum och orsak anges bara vid uppsägning och hävning.");
    }
    char *inv = text_trim(a, in->investigation_id);
    if (*inv && (text_parse_uint(inv, 1LL << 53, &out->investigation_id) != 0 ||
                 out->investigation_id == 0)) {
        err_field(err, 0, "investigation_id", "Uppföljningen finns inte.");
        out->investigation_id = 0;
    }
    return err->nfields > before ? INSYN_EINVAL : 0;
}

int
sanction_check_decider(const struct sanction *s, int user_found, enum role r, struct insyn_err *err)
{
    if (!user_found) {
        err_field(err, 0, "decided_by", "Beslutsfattaren finns inte.");
        return INSYN_EINVAL;
    }
    const char *who = sanction_deciders_text(s->kind);
    if (!who || sanction_may_decide(r, s->kind))
        return 0;
    const char *label = code_label(sanction_kinds, s->kind);
    err_field(err, 0, "decided_by", "%s beslutas av %s enligt delegationsordningen.", label, who);
    return INSYN_EINVAL;
}
