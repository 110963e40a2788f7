/* sample.c — the sampling rule, the sample's reasons, and validating a control plan. */
#include "core/sample.h"

#include "core/codes.h"
#include "core/date.h"
#include "core/field.h"
#include "core/text.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define F(name)                                                                                    \
    {                                                                                              \
#name, offsetof(struct plan_input, name)                                                   \
    }
const struct input_field plan_input_fields[] = {
    F(year),   F(title),           F(case_ref),    F(focus_case_ref), F(focus_service_area),
    F(themes), F(sample_case_ref), F(sample_from), F(sample_to),      F(min_placements),
    {NULL, 0},
};
#undef F

const struct input_field plan_decision_input_fields[] = {
    {"decided_on", offsetof(struct plan_decision_input, decided_on)},
    {"decision_paragraph", offsetof(struct plan_decision_input, decision_paragraph)},
    {NULL, 0},
};

const struct input_field plan_risk_input_fields[] = {
    {"unit_id", offsetof(struct plan_risk_input, unit_id)},
    {"reason", offsetof(struct plan_risk_input, reason)},
    {NULL, 0},
};

int
sample_in_window(const struct sample_rule *r, int start)
{
    return start != DATE_NONE && start >= r->from && start <= r->to;
}

char *
sample_reason(struct arena *a, const struct sample_rule *r, int placements)
{
    char from[11], to[11];
    date_format(r->from, from);
    date_format(r->to, to);
    return arena_printf(a, "%d %s %s–%s (minst %d)", placements,
                        placements == 1 ? "placering inledd" : "placeringar inledda", from, to,
                        r->min_placements);
}

static int
by_unit_id(const void *x, const void *y)
{
    const struct sample_unit *a = x, *b = y;
    return (a->unit_id > b->unit_id) - (a->unit_id < b->unit_id);
}

int
sample_count(const struct sample_placement *p, int n, const struct sample_rule *r, struct arena *a,
             struct sample_unit **out, int *nout)
{
    struct sample_unit *all = arena_alloc(a, sizeof *all * (size_t)(n + 1));
    int nall = 0;
    for (int i = 0; i < n; i++) {
        if (!p[i].case_ref || strcmp(p[i].case_ref, r->case_ref) != 0 ||
            !sample_in_window(r, p[i].start))
            continue;
        int k = 0;
        while (k < nall && all[k].unit_id != p[i].unit_id)
            k++;
        if (k == nall)
            all[nall++] = (struct sample_unit){.organisation_id = p[i].organisation_id,
                                               .unit_id = p[i].unit_id};
        all[k].placements++;
    }
    qsort(all, (size_t)nall, sizeof *all, by_unit_id);
    *nout = 0;
    *out = all;
    for (int i = 0; i < nall; i++) {
        if (all[i].placements < r->min_placements)
            continue;
        all[i].in_rule = 1;
        all[i].reason = sample_reason(a, r, all[i].placements);
        all[(*nout)++] = all[i];
    }
    return 0;
}

static int
by_names(const void *x, const void *y)
{
    const struct sample_unit *a = x, *b = y;
    int c = strcmp(a->organisation ? a->organisation : "", b->organisation ? b->organisation : "");
    if (!c)
        c = strcmp(a->unit ? a->unit : "", b->unit ? b->unit : "");
    return c ? c : (a->unit_id > b->unit_id) - (a->unit_id < b->unit_id);
}

int
sample_merge(const struct sample_rule *r, const struct sample_unit *counted, int n,
             const struct sample_unit *risk, int nrisk, struct arena *a, struct sample_unit **out,
             int *nout)
{
    struct sample_unit *all = arena_alloc(a, sizeof *all * (size_t)(n + nrisk + 1));
    int m = 0;
    for (int i = 0; i < n; i++)
        if (counted[i].placements >= r->min_placements) {
            all[m] = counted[i];
            all[m].in_rule = 1;
            all[m].risk_reason = NULL;
            m++;
        }
    for (int i = 0; i < nrisk; i++) {
        int k = 0;
        while (k < m && all[k].unit_id != risk[i].unit_id)
            k++;
        if (k == m) {
            all[m] = risk[i];
            all[m].in_rule = 0;
            all[m].placements = 0;
            for (int j = 0; j < n; j++) /* its count, though below the rule's minimum */
                if (counted[j].unit_id == risk[i].unit_id)
                    all[m].placements = counted[j].placements;
            m++;
        }
        all[k].risk_reason = risk[i].risk_reason;
    }
    for (int i = 0; i < m; i++) {
        const char *rule = all[i].in_rule ? sample_reason(a, r, all[i].placements) : NULL;
        const char *why = all[i].risk_reason && *all[i].risk_reason ? all[i].risk_reason : NULL;
        all[i].reason = rule && why ? arena_printf(a, "%s; tillagd för risk: %s", rule, why)
                        : why       ? arena_printf(a, "Tillagd för risk: %s", why)
                        : rule      ? rule
                                    : "";
    }
    qsort(all, (size_t)m, sizeof *all, by_names);
    *out = all;
    *nout = m;
    return 0;
}

int
sample_rule_validate(const char *case_ref, const char *from, const char *to,
                     const char *min_placements, const char *const names[4],
                     const char *const labels[4], struct sample_rule *out, struct arena *a,
                     struct insyn_err *err)
{
    int before = err->nfields;
    out->case_ref = field_text(a, case_ref, names[0], labels[0], 100, 1, 0, err);
    out->from = field_date(a, from, names[1], labels[1], 1, 0, err);
    out->to = field_date(a, to, names[2], labels[2], 1, 0, err);
    if (out->from != DATE_NONE && out->to != DATE_NONE && out->from > out->to)
        err_field(err, 0, names[2], "%s kan inte ligga före %s.", labels[2], labels[1]);
    out->min_placements = SAMPLE_DEFAULT_MIN;
    const char *m = min_placements ? text_trim(a, min_placements) : "";
    long long v;
    if (*m && (text_parse_uint(m, SAMPLE_MAX_MIN, &v) != 0 || v < 1))
        err_field(err, 0, names[3], "%s ska vara ett heltal från 1 till %d.", labels[3],
                  SAMPLE_MAX_MIN);
    else if (*m)
        out->min_placements = (int)v;
    return err->nfields > before ? INSYN_EINVAL : 0;
}

int
plan_validate(const struct plan_input *in, struct control_plan *out, struct arena *a,
              struct insyn_err *err)
{
    int before = err->nfields;
    memset(out, 0, sizeof *out);
    const char *y = in->year ? text_trim(a, in->year) : "";
    long long year;
    if (!*y)
        err_field(err, 0, "year", "År måste anges.");
    else if (text_parse_uint(y, 9999, &year) != 0 || year < PLAN_YEAR_MIN || year > PLAN_YEAR_MAX)
        err_field(err, 0, "year", "År ska vara ett årtal från %d till %d.", PLAN_YEAR_MIN,
                  PLAN_YEAR_MAX);
    else
        out->year = (int)year;
    out->title = field_text(a, in->title, "title", "Rubrik", 200, 1, 0, err);
    out->case_ref = field_text(a, in->case_ref, "case_ref", "Diarienummer", 100, 0, 0, err);
    out->focus_case_ref =
        field_text(a, in->focus_case_ref, "focus_case_ref", "Avtal i fokus", 100, 0, 0, err);
    out->focus_service_area = field_code(a, service_areas, in->focus_service_area,
                                         "focus_service_area", "Verksamhetsområde", 0, 0, err);
    if (out->focus_case_ref && !*out->focus_case_ref && out->focus_service_area &&
        !*out->focus_service_area && !err_for_field(err, "focus_service_area"))
        err_field(err, 0, "focus_case_ref",
                  "Ange planens fokus: ett avtal (diarienummer) eller ett verksamhetsområde.");
    out->themes = field_text(a, in->themes, "themes", "Teman", 4000, 0, 0, err);
    static const char *const names[4] = {"sample_case_ref", "sample_from", "sample_to",
                                         "min_placements"};
    static const char *const labels[4] = {"Avtalet som urvalet görs ur", "Från och med",
                                          "Till och med", "Minsta antal placeringar"};
    sample_rule_validate(in->sample_case_ref, in->sample_from, in->sample_to, in->min_placements,
                         names, labels, &out->rule, a, err);
    out->status = "draft";
    out->decided_on = DATE_NONE;
    out->decision_paragraph = "";
    return err->nfields > before ? INSYN_EINVAL : 0;
}

int
plan_decision_validate(const struct plan_decision_input *in, int today, int *decided_on,
                       char **paragraph, struct arena *a, struct insyn_err *err)
{
    int before = err->nfields;
    *decided_on = field_date(a, in->decided_on, "decided_on", "Beslutsdatum", 1, 0, err);
    if (*decided_on != DATE_NONE && today != DATE_NONE && *decided_on > today)
        err_field(err, 0, "decided_on", "Beslutsdatum kan inte ligga efter dagens datum.");
    *paragraph =
        field_text(a, in->decision_paragraph, "decision_paragraph", "Paragraf", 40, 1, 0, err);
    if (*paragraph && **paragraph && !strpbrk(*paragraph, "0123456789"))
        err_field(err, 0, "decision_paragraph",
                  "Paragraf ska ange protokollets paragrafnummer, till exempel § 12.");
    return err->nfields > before ? INSYN_EINVAL : 0;
}

int
plan_risk_validate(const struct plan_risk_input *in, long long *unit_id, char **reason,
                   struct arena *a, struct insyn_err *err)
{
    int before = err->nfields;
    *unit_id = field_optional_id(a, in->unit_id);
    if (*unit_id <= 0)
        err_field(err, 0, "unit_id", "Välj vilken enhet som ska läggas till.");
    *reason = field_text(a, in->reason, "reason", "Skäl", 1000, 1, 0, err);
    return err->nfields > before ? INSYN_EINVAL : 0;
}
