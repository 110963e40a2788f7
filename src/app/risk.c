/* risk.c — the risk indicator of every organisation and one organisation's risk page. */
#include "app/risk.h"

#include "core/codes.h"
#include "core/date.h"

#include <stdlib.h>
#include <string.h>

static const struct candidate *
candidate_of(const struct candidate *cands, int n, long long organisation_id)
{
    for (int i = 0; i < n; i++)
        if (cands[i].organisation_id == organisation_id)
            return &cands[i];
    return NULL;
}

static int
by_score(const void *x, const void *y)
{
    const struct risk_row *a = x, *b = y;
    if (a->risk.score != b->risk.score)
        return b->risk.score - a->risk.score;
    if (a->risk.sum != b->risk.sum)
        return b->risk.sum - a->risk.sum;
    if ((a->candidate != NULL) != (b->candidate != NULL))
        return a->candidate ? -1 : 1;
    int c = strcmp(a->name, b->name);
    return c ? c : (a->organisation_id < b->organisation_id ? -1 : 1);
}

int
app_risk_list(struct store *st, const struct actor *who, int today, struct arena *a,
              struct risk_row **out, int *n, struct insyn_err *err)
{
    *out = NULL;
    *n = 0;
    if (app_require(who, PERM_RISK_READ, err))
        return err->code;
    struct candidate *cands;
    int n_cands;
    if (app_candidates(st, who, today, 0, a, &cands, &n_cands, err))
        return err->code;
    struct risk_facts *facts;
    int n_facts;
    if (store_risk_facts(st, 0, today, a, &facts, &n_facts, err))
        return err->code;
    *out = arena_alloc(a, sizeof **out * (size_t)(n_facts + 1));
    for (int i = 0; i < n_facts; i++) {
        struct risk_row r = {
            .organisation_id = facts[i].organisation_id,
            .name = facts[i].name,
            .org_nr = facts[i].org_nr,
            .candidate = candidate_of(cands, n_cands, facts[i].organisation_id),
        };
        risk_assess(&facts[i], today, a, &r.risk);
        if (r.risk.n_factors > 0 || r.candidate)
            (*out)[(*n)++] = r;
    }
    if (*n > 1)
        qsort(*out, (size_t)*n, sizeof **out, by_score);
    return 0;
}

/* An event of the timeline in words, with the page that shows it. */
static void
word_event(struct arena *a, long long organisation_id, struct risk_event *e)
{
    const char *t1 = e->text[0], *t2 = e->text[1], *t3 = e->text[2], *t4 = e->text[3];
    if (strcmp(e->kind, "signal") == 0) {
        e->kind_label = "Signal";
        e->title = arena_printf(a, "%s%s%s%s", code_label_or_empty(signal_categories, t1),
                                e->number ? " (allvarlig)" : "", *t2 ? " – " : "",
                                code_label_or_empty(signal_outcomes, t2));
        e->link = arena_printf(a, "/signaler/%lld", e->link_id);
    } else if (strcmp(e->kind, "check") == 0) {
        e->kind_label = code_label_or_empty(check_kinds, t1);
        const char *verdict = e->passed < 0 ? "" : e->passed ? ": godkänd" : ": inte godkänd";
        if (strcmp(t1, "credit") == 0 && strcmp(t2, "uc") == 0)
            e->title = arena_printf(a, "UC: riskklass %lld (gräns %d)%s", e->number, e->threshold,
                                    verdict);
        else if (strcmp(t1, "credit") == 0)
            e->title =
                arena_printf(a, "%s: %lld (gräns %d)%s", code_label_or_empty(credit_bureaus, t2),
                             e->number, e->threshold, verdict);
        else if (strcmp(t1, "ivo") == 0)
            e->title = arena_printf(a, "IVO: %s%s%s", code_label_or_empty(ivo_record_kinds, t3),
                                    *t4 ? ", " : "", t4);
        else if (strcmp(t1, "tax") == 0)
            e->title = arena_printf(a, "Skatteverket och Kronofogden%s", verdict);
        else
            e->title = e->kind_label;
        e->link = arena_printf(a, "/utforare/%lld/kontroller", organisation_id);
    } else if (strcmp(e->kind, "investigation_opened") == 0) {
        e->kind_label = "Uppföljning inledd";
        e->title =
            arena_printf(a, "%s inledd: %s", code_label_or_empty(investigation_kinds, t1), t2);
        e->link = arena_printf(a, "/utredningar/%lld", e->link_id);
    } else if (strcmp(e->kind, "investigation_closed") == 0) {
        e->kind_label = "Uppföljning avslutad";
        e->title = arena_printf(a, "%s avslutad%s%s", code_label_or_empty(investigation_kinds, t1),
                                *t2 ? ": " : "", code_label_or_empty(investigation_outcomes, t2));
        e->link = arena_printf(a, "/utredningar/%lld", e->link_id);
    } else if (strcmp(e->kind, "investigation_meeting") == 0) {
        e->kind_label = "Möte i uppföljningen";
        e->title = strcmp(t1, "in_depth") == 0 ? "Möte i fördjupad uppföljning"
                                               : "Möte i händelsestyrd uppföljning";
        e->link = arena_printf(a, "/utredningar/%lld", e->link_id);
    } else if (strcmp(e->kind, "sanction") == 0) {
        e->kind_label = "Sanktion";
        e->title =
            arena_printf(a, "%s%s%s, beslutad av %s", code_label_or_empty(sanction_kinds, t1),
                         *t2 ? ", avtal " : "", t2, t3);
        e->link = arena_printf(a, "/avtal/%lld", e->link_id);
    } else {
        e->kind_label = "Uppföljning";
        e->title = arena_printf(a, "%s, avtal %s", t1, t2);
        e->link = arena_printf(a, "/uppfoljningar/%lld", e->link_id);
    }
}

int
app_risk_get(struct store *st, const struct actor *who, long long organisation_id, int today,
             struct arena *a, struct risk_view *out, struct insyn_err *err)
{
    memset(out, 0, sizeof *out);
    if (app_require(who, PERM_RISK_READ, err))
        return err->code;
    struct risk_facts *facts;
    int n_facts;
    if (store_risk_facts(st, organisation_id, today, a, &facts, &n_facts, err))
        return err->code;
    struct risk_row *r = &out->row;
    r->organisation_id = facts[0].organisation_id;
    r->name = facts[0].name;
    r->org_nr = facts[0].org_nr;
    risk_assess(&facts[0], today, a, &r->risk);

    /* the candidate rule for this organisation alone */
    struct candidate *c;
    int nc;
    if (app_candidates(st, who, today, organisation_id, a, &c, &nc, err))
        return err->code;
    r->candidate = nc ? &c[0] : NULL;
    if (store_risk_timeline(st, organisation_id, RISK_TIMELINE_MAX, a, &out->timeline,
                            &out->n_timeline, err))
        return err->code;
    for (int i = 0; i < out->n_timeline; i++)
        word_event(a, organisation_id, &out->timeline[i]);
    return 0;
}

static json_t *
factor_json(const struct risk_factor *f)
{
    return json_pack("{s:s, s:s, s:i, s:s, s:s, s:o}", "factor", f->factor, "label", f->label,
                     "weight", f->weight, "source", f->source, "link", f->link, "date",
                     date_json(f->date));
}

json_t *
risk_row_json(const struct risk_row *r, int max_factors)
{
    json_t *factors = json_array();
    for (int i = 0; i < r->risk.n_factors && (max_factors < 0 || i < max_factors); i++)
        json_array_append_new(factors, factor_json(&r->risk.factors[i]));
    return json_pack("{s:I, s:s, s:s, s:i, s:i, s:s, s:s, s:b, s:i, s:o}", "organisation_id",
                     (json_int_t)r->organisation_id, "org_nr", r->org_nr, "name", r->name, "score",
                     r->risk.score, "sum", r->risk.sum, "level", r->risk.level, "level_label",
                     r->risk.level_label, "candidate", r->candidate != NULL, "factor_count",
                     r->risk.n_factors, "factors", factors);
}

json_t *
risk_view_json(const struct risk_view *v)
{
    json_t *j = risk_row_json(&v->row, -1);
    json_object_set_new(j, "candidacy",
                        v->row.candidate ? candidate_json(v->row.candidate) : json_null());
    json_t *tl = json_array();
    for (int i = 0; i < v->n_timeline; i++) {
        const struct risk_event *e = &v->timeline[i];
        json_array_append_new(tl, json_pack("{s:o, s:s, s:s, s:s, s:s}", "date", date_json(e->date),
                                            "kind", e->kind, "kind_label", e->kind_label, "title",
                                            e->title, "link", e->link));
    }
    json_object_set_new(j, "timeline", tl);
    return j;
}
