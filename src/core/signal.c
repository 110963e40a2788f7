/* signal.c — validating signals and their review; the candidate rule. */
#include "core/signal.h"

#include "core/codes.h"
#include "core/field.h"
#include "core/date.h"
#include "core/text.h"

#include <stddef.h>
#include <string.h>

#define F(name)                                                                                    \
    {                                                                                              \
#name, offsetof(struct signal_input, name)                                                 \
    }
const struct input_field signal_input_fields[] = {
    F(org_nr), F(organisation_id), F(unit_id), F(agreement_id), F(date),
    F(source), F(category),        F(serious), F(description),  {NULL, 0},
};
#undef F

int
signal_validate(const struct signal_input *in, int today, struct signal *out, struct arena *a,
                int row, struct insyn_err *err)
{
    int before = err ? err->nfields : 0;
    memset(out, 0, sizeof *out);
    field_organisation(a, in->org_nr, in->organisation_id, row,
                       "Ange vilken utförare signalen gäller.", &out->org_nr, &out->organisation_id,
                       err);
    if ((out->unit_id = field_optional_id(a, in->unit_id)) < 0)
        err_field(err, row, "unit_id", "Enheten ska anges med sitt id-nummer.");
    if ((out->agreement_id = field_optional_id(a, in->agreement_id)) < 0)
        err_field(err, row, "agreement_id", "Avtalet ska anges med sitt id-nummer.");
    out->occurred_on = field_date(a, in->date, "date", "Datum", 1, row, err);
    if (out->occurred_on != DATE_NONE && today != DATE_NONE && out->occurred_on > today)
        err_field(err, row, "date", "Datum kan inte ligga efter dagens datum.");
    out->source = field_code(a, signal_sources, in->source, "source", "Källa", 1, row, err);
    out->category =
        field_code(a, signal_categories, in->category, "category", "Kategori", 1, row, err);
    if (field_flag(a, in->serious, &out->serious) != 0)
        err_field(err, row, "serious", "Allvarlig ska vara ja eller nej.");
    out->description =
        field_text(a, in->description, "description", "Beskrivning", 4000, 1, row, err);
    out->status = "new";
    out->outcome = out->outcome_comment = "";
    return err && err->nfields > before ? INSYN_EINVAL : 0;
}

int
signal_review_validate(struct signal_review *r, struct arena *a, struct insyn_err *err)
{
    int before = err->nfields;
    char *field = arena_printf(a, "outcome_%lld", r->signal_id);
    r->outcome = field_code(a, signal_outcomes, r->outcome, field, "Utfall", 1, 0, err);
    r->comment = field_text(a, r->comment, arena_printf(a, "comment_%lld", r->signal_id),
                            "Kommentar", 2000, 0, 0, err);
    return err->nfields > before ? INSYN_EINVAL : 0;
}

int
signal_candidate(const struct signal_fact *facts, int n, int today,
                 const struct candidate_rule *rule, int *counts, int *serious)
{
    int window_start = date_add_months(today, -rule->window_months); /* exclusive */
    int counted = 0;
    *serious = 0;
    for (int i = 0; i < n; i++) {
        const struct signal_fact *f = &facts[i];
        counts[i] = f->occurred_on > window_start && f->occurred_on <= today &&
                    strcmp(f->outcome ? f->outcome : "", "no_action") != 0;
        counted += counts[i];
        if (counts[i] && f->serious)
            *serious = 1;
    }
    return *serious || (rule->repeat_count > 0 && counted >= rule->repeat_count);
}
