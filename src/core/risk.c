/* risk.c — the provider's risk indicator: every factor with its weight and its source. */
#include "core/risk.h"

#include "core/codes.h"
#include "core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct risk_weight risk_weights[] = {
    {"signal", "Signal", 5},
    {"serious_signal", "Allvarlig signal", 20},
    {"credit_failed", "Kreditupplysning under gränsen", 25},
    {"tax_failed", "Brister hos Skatteverket eller Kronofogden", 25},
    {"ivo_inspection_decision", "Tillsynsbeslut från IVO", 10},
    {"ivo_lex_sarah", "Lex Sarah-anmälan", 10},
    {"ivo_complaint", "Klagomål till IVO", 5},
    {"ivo_permit_revoked", "Tillståndet återkallat av IVO", 40},
    {"bankruptcy", "Konkurs", 50},
    {"open_investigation", "Pågående händelsestyrd uppföljning", 10},
    {"sanction_correction_request", "Begäran om rättelse", 5},
    {"sanction_price_reduction", "Prisavdrag", 10},
    {"sanction_penalty", "Vite", 15},
    {"sanction_warning", "Varning", 15},
    {"sanction_termination", "Uppsägning", 30},
    {"sanction_rescission", "Hävning", 30},
    {NULL, NULL, 0},
};

static const struct risk_weight *
weight_row(const char *code)
{
    for (const struct risk_weight *w = risk_weights; w->code; w++)
        if (strcmp(w->code, code) == 0)
            return w;
    return NULL;
}

int
risk_weight_of(const char *code)
{
    const struct risk_weight *w = code ? weight_row(code) : NULL;
    return w ? w->weight : 0;
}

const char *
risk_level(int score, const char **label)
{
    if (score >= RISK_LEVEL_HIGH) {
        *label = "hög";
        return "high";
    }
    if (score >= RISK_LEVEL_ELEVATED) {
        *label = "förhöjd";
        return "elevated";
    }
    *label = "låg";
    return "low";
}

struct factors {
    struct arena *a;
    struct risk_factor *items;
    int n, cap;
};

static void
add(struct factors *fs, const char *code, int date, const char *source, const char *link)
{
    const struct risk_weight *w = weight_row(code);
    if (!w)
        return;
    fs->items = arena_grow(fs->a, fs->items, fs->n, &fs->cap, sizeof *fs->items);
    fs->items[fs->n++] = (struct risk_factor){
        .factor = w->code,
        .label = w->label,
        .weight = w->weight,
        .source = source,
        .link = link,
        .date = date,
    };
}

static const char *
label_or_code(const struct code_label *table, const char *code)
{
    const char *l = code ? code_label(table, code) : NULL;
    return l ? l : code ? code : "";
}

/* 1234567 öre as "12 345 kr" (whole kronor, grouped by thin spaces of three). */
static const char *
kronor(struct arena *a, long long ore)
{
    char digits[32], out[48];
    snprintf(digits, sizeof digits, "%lld", (ore < 0 ? -ore : ore) / 100);
    size_t len = strlen(digits), k = 0;
    if (ore < 0)
        out[k++] = '-';
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            out[k++] = ' ';
        out[k++] = digits[i];
    }
    out[k] = '\0';
    return arena_printf(a, "%s kr", out);
}

static void
add_signals(struct factors *fs, const struct risk_facts *f, int today)
{
    int since = date_add_months(today, -RISK_SIGNAL_MONTHS);
    for (int i = 0; i < f->n_signals; i++) {
        const struct risk_signal *s = &f->signals[i];
        if (s->occurred_on <= since || s->occurred_on > today)
            continue;
        if (s->outcome && strcmp(s->outcome, "no_action") == 0)
            continue;
        char d[11];
        date_format(s->occurred_on, d);
        add(fs, s->serious ? "serious_signal" : "signal", s->occurred_on,
            arena_printf(fs->a, "%s %s: %s", s->serious ? "Allvarlig signal" : "Signal", d,
                         label_or_code(signal_categories, s->category)),
            arena_printf(fs->a, "/signaler/%lld", s->id));
    }
}

static void
add_credits(struct factors *fs, const struct risk_facts *f, int today)
{
    /* the latest check of each bureau; an older failed check is history, not risk */
    for (int i = 0; i < f->n_credits; i++) {
        const struct risk_credit *c = &f->credits[i];
        if (c->checked_on > today)
            continue;
        int latest = 1;
        for (int k = 0; k < f->n_credits && latest; k++) {
            const struct risk_credit *o = &f->credits[k];
            if (k == i || o->checked_on > today || strcmp(o->bureau, c->bureau) != 0)
                continue;
            if (o->checked_on > c->checked_on || (o->checked_on == c->checked_on && o->id > c->id))
                latest = 0;
        }
        if (!latest || c->passed)
            continue;
        char d[11];
        date_format(c->checked_on, d);
        const char *source =
            strcmp(c->bureau, "uc") == 0
                ? arena_printf(fs->a, "UC %s: riskklass %d (gräns %d)", d, c->value, c->threshold)
                : arena_printf(fs->a, "%s %s: %d (gräns %d)",
                               label_or_code(credit_bureaus, c->bureau), d, c->value, c->threshold);
        add(fs, "credit_failed", c->checked_on, source,
            arena_printf(fs->a, "/utforare/%lld/kontroller", f->organisation_id));
    }
}

static void
add_tax(struct factors *fs, const struct risk_facts *f, int today)
{
    const struct risk_tax *t = NULL;
    for (int i = 0; i < f->n_taxes; i++) {
        const struct risk_tax *x = &f->taxes[i];
        if (x->checked_on > today)
            continue;
        if (!t || x->checked_on > t->checked_on ||
            (x->checked_on == t->checked_on && x->id > t->id))
            t = x;
    }
    if (!t || t->passed)
        return;
    char d[11];
    date_format(t->checked_on, d);
    char what[256] = "";
    size_t len = 0;
#define WHAT(text)                                                                                 \
    len += (size_t)snprintf(what + len, sizeof what - len, "%s%s", len ? ", " : "", text)
    if (t->f_tax == 0)
        WHAT("F-skatt saknas");
    if (t->taxes_paid == 0)
        WHAT("skatter inte betalda");
    if (t->contributions_paid == 0)
        WHAT("arbetsgivaravgifter inte betalda");
    if (t->enforcement_debt > 0)
        WHAT(arena_printf(fs->a, "skuld hos Kronofogden %s", kronor(fs->a, t->enforcement_debt)));
#undef WHAT
    add(fs, "tax_failed", t->checked_on,
        arena_printf(fs->a, "Skatteverket och Kronofogden %s: %s", d,
                     len ? what : "kontrollen godkändes inte"),
        arena_printf(fs->a, "/utforare/%lld/kontroller", f->organisation_id));
}

static void
add_ivo(struct factors *fs, const struct risk_facts *f, int today)
{
    static const struct code_label words[] = {
        {"inspection_decision", "tillsynsbeslut"},
        {"lex_sarah", "Lex Sarah-anmälan"},
        {"complaint", "klagomål"},
        {"permit_revoked", "återkallat tillstånd"},
        {NULL, NULL},
    };
    int since = date_add_months(today, -RISK_RECORD_MONTHS);
    for (int i = 0; i < f->n_ivo; i++) {
        const struct risk_ivo *r = &f->ivo[i];
        if (r->decided_on <= since || r->decided_on > today || !code_valid(words, r->kind))
            continue;
        char d[11];
        date_format(r->decided_on, d);
        const char *source =
            r->reference && *r->reference
                ? arena_printf(fs->a, "IVO %s %s, %s", code_label(words, r->kind), d, r->reference)
                : arena_printf(fs->a, "IVO %s %s", code_label(words, r->kind), d);
        add(fs, arena_printf(fs->a, "ivo_%s", r->kind), r->decided_on, source,
            arena_printf(fs->a, "/utforare/%lld/kontroller", f->organisation_id));
    }
}

static void
add_sanctions(struct factors *fs, const struct risk_facts *f, int today)
{
    int since = date_add_months(today, -RISK_RECORD_MONTHS);
    for (int i = 0; i < f->n_sanctions; i++) {
        const struct risk_sanction *s = &f->sanctions[i];
        if (s->decided_on <= since || s->decided_on > today)
            continue;
        char d[11];
        date_format(s->decided_on, d);
        const char *what = label_or_code(sanction_kinds, s->kind);
        const char *source = s->case_ref && *s->case_ref
                                 ? arena_printf(fs->a, "%s %s, avtal %s", what, d, s->case_ref)
                                 : arena_printf(fs->a, "%s %s", what, d);
        add(fs, arena_printf(fs->a, "sanction_%s", s->kind), s->decided_on, source,
            arena_printf(fs->a, "/avtal/%lld", s->agreement_id));
    }
}

static int
by_weight_then_date(const void *x, const void *y)
{
    const struct risk_factor *a = x, *b = y;
    if (a->weight != b->weight)
        return b->weight - a->weight;
    if (a->date != b->date)
        return a->date < b->date ? 1 : -1;
    return strcmp(a->source, b->source);
}

void
risk_assess(const struct risk_facts *f, int today, struct arena *a, struct risk *out)
{
    struct factors fs = {.a = a};
    add_signals(&fs, f, today);
    add_credits(&fs, f, today);
    add_tax(&fs, f, today);
    add_ivo(&fs, f, today);
    if (f->bankruptcy_id && f->bankrupt_on <= today) {
        char d[11];
        date_format(f->bankrupt_on, d);
        add(&fs, "bankruptcy", f->bankrupt_on, arena_printf(a, "Konkurs %s", d),
            arena_printf(a, "/utforare/%lld/kontroller", f->organisation_id));
    }
    for (int i = 0; i < f->n_investigations; i++) {
        const struct risk_investigation *x = &f->investigations[i];
        char d[11];
        date_format(x->opened_on, d);
        add(&fs, "open_investigation", x->opened_on,
            arena_printf(a, "%s inledd %s", label_or_code(investigation_kinds, x->kind), d),
            arena_printf(a, "/utredningar/%lld", x->id));
    }
    add_sanctions(&fs, f, today);
    if (fs.n > 1)
        qsort(fs.items, (size_t)fs.n, sizeof *fs.items, by_weight_then_date);
    out->factors = fs.items;
    out->n_factors = fs.n;
    out->sum = 0;
    for (int i = 0; i < fs.n; i++)
        out->sum += fs.items[i].weight;
    out->score = out->sum > RISK_SCORE_MAX ? RISK_SCORE_MAX : out->sum;
    out->level = risk_level(out->score, &out->level_label);
}
