/* report_agreement.c — the follow-up report of one agreement for a year (seed 002), made from
 * the data each time it is asked for, inside its memo (tjänsteskrivelse).
 *
 * The memo: the particulars, the title ("Uppföljning av avtal med … verksamhetsåret 2017"), the
 * proposed decision, the summary (the agreement's dates from the data, the officer's overall
 * assessment) and the preparation. The report, as its appendix, in seed 002's order:
 *   - Bakgrund: who has carried out what since when, until when, and whether it can be extended;
 *   - Ärendet: the follow-up meetings held in the year with who attended (the newest signed
 *     version of each record held in the year), what they found of the agreement's
 *     requirements, the year's statistics (app/stats.h: seed 002's paragraph of figures) with
 *     the goal outcomes as a chart, and the officer's text;
 *   - the value-adds promised in the bid: the officer's text, then each value-add with what the
 *     year's meetings found;
 *   - the ordering unit's survey: the agreement's surveys made from the ordering unit's
 *     template that got an answer in the year (the day in Stockholm), each with its response
 *     rate and results (the annual report's survey section);
 *   - the improvement areas agreed at the previous year's meetings (agreed actions) and whether
 *     the meetings up to the end of the year found them fixed: the latest review decides;
 *   - the administration's views.
 * A year with no meeting, no statistics and no survey answer is INSYN_ENOTFOUND: there is
 * nothing to report. Nothing is written. */
#include "app/report_parts.h"

#include "app/stats.h"
#include "app/surveys.h"
#include "core/buf.h"
#include "core/codes.h"
#include "core/date.h"
#include "core/record.h"
#include "core/stats.h"
#include "core/text.h"

#include <stdio.h>
#include <string.h>

/* A follow-up meeting: its record and the routine activity it carried out. */
struct meeting {
    struct agreement_record_row row;
    struct record rec;
};

/* What the year's report is made of, read once. */
struct agreement_year {
    const struct report_key *key;
    const struct report_view *view;
    const struct agreement *g;
    int today;
    struct meeting *meetings; /* held in the year, by day */
    int nmeetings;
    struct meeting *before; /* held in the year before, by day: their agreed actions */
    int nbefore;
    struct record_item *items; /* the agreement's requirements and value-adds */
    int nitems;
    struct assignment_stats assignments;
    struct placement_stats placements, *units;
    int nunits;
    struct survey_view *surveys;
    int nsurveys;
};

/* Small counts in words, as a careful officer writes them: "två uppföljningsmöten". */
static const char *
count_words(struct arena *a, int n, int neuter)
{
    static const char *const words[] = {"inga", "ett",  "två", "tre", "fyra", "fem", "sex",
                                        "sju",  "åtta", "nio", "tio", "elva", "tolv"};
    if (n == 1)
        return neuter ? "ett" : "en";
    if (n >= 0 && n <= 12)
        return words[n];
    return doc_int(a, n);
}

/* "a", "a och b", "a, b och c" */
static const char *
and_list(struct arena *a, const char *const *parts, int n)
{
    struct buf b;
    buf_init(&b);
    for (int i = 0; i < n; i++)
        buf_printf(&b, "%s%s", i == 0 ? "" : i == n - 1 ? " och " : ", ", parts[i]);
    const char *s = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    return s;
}

/* The people of a record's attendee list, one a line, as a cell: "A, avdelningschef; B". */
static const char *
people(struct arena *a, char *const *lines, int n)
{
    struct buf b;
    buf_init(&b);
    for (int i = 0; i < n; i++)
        buf_printf(&b, "%s%s", i ? "; " : "", lines[i]);
    const char *s = arena_strdup(a, b.data ? b.data : "–");
    buf_free(&b);
    return s;
}

/* "24 maj" within the year, "24 maj 2016" outside it. */
static const char *
meeting_day(struct arena *a, int date, int year)
{
    const char *s = report_long_date(a, date);
    int y, m, d;
    date_to_ymd(date, &y, &m, &d);
    if (y != year)
        return s;
    size_t n = strlen(s);
    return arena_strndup(a, s, n - 5); /* without " 2017" */
}

/* The signed records of the agreement held from `from` to `to`, each with its lines. */
static int
meetings_read(struct store *st, long long agreement_id, int from, int to, struct arena *a,
              struct meeting **out, int *n, struct insyn_err *err)
{
    struct agreement_record_row *rows;
    int nrows;
    if (store_agreement_records(st, agreement_id, from, to, a, &rows, &nrows, err))
        return err->code;
    *out = arena_alloc(a, sizeof **out * (size_t)(nrows ? nrows : 1));
    *n = nrows;
    for (int i = 0; i < nrows; i++) {
        (*out)[i].row = rows[i];
        if (store_record_get(st, rows[i].record_id, a, &(*out)[i].rec, err))
            return err->code;
    }
    return 0;
}

/* The local day an answer came: a UTC time read in Stockholm, or the day an anonymous survey
 * keeps; DATE_NONE when it cannot be read. */
static int
answer_day(const char *submitted_at)
{
    char local[11] = "";
    int day;
    if (strlen(submitted_at) == 10)
        snprintf(local, sizeof local, "%s", submitted_at);
    else
        app_local_time(submitted_at, "%Y-%m-%d", local, sizeof local);
    return date_parse(local, &day) == 0 ? day : DATE_NONE;
}

/* The agreement's surveys from the ordering unit's template with an answer in the year. */
static int
surveys_read(struct store *st, const struct actor *who, struct agreement_year *r, int from, int to,
             struct arena *a, struct insyn_err *err)
{
    struct agreement_survey_answer *answers;
    int n;
    if (store_agreement_survey_answers(st, r->g->id, "ordering_unit", a, &answers, &n, err))
        return err->code;
    r->surveys = arena_alloc(a, sizeof *r->surveys * (size_t)(n ? n : 1));
    long long last = 0;
    for (int i = 0; i < n; i++) {
        int day = answer_day(answers[i].submitted_at);
        if (answers[i].survey_id == last || day == DATE_NONE || day < from || day > to)
            continue;
        last = answers[i].survey_id;
        if (app_survey_get(st, who, last, a, &r->surveys[r->nsurveys++], err))
            return err->code;
    }
    return 0;
}

static int
year_read(struct store *st, const struct actor *who, struct agreement_year *r, struct arena *a,
          struct insyn_err *err)
{
    int y = r->key->year;
    int from = date_from_ymd(y, 1, 1), to = date_from_ymd(y, 12, 31);
    int before_from = date_from_ymd(y - 1, 1, 1), before_to = date_from_ymd(y - 1, 12, 31);
    long long id = r->g->id;
    if (meetings_read(st, id, from, to, a, &r->meetings, &r->nmeetings, err) ||
        meetings_read(st, id, before_from, before_to, a, &r->before, &r->nbefore, err) ||
        store_agreement_items(st, id, a, &r->items, &r->nitems, err) ||
        app_assignment_stats(st, who, id, y, a, &r->assignments, err) ||
        app_placement_stats(st, who, id, y, a, &r->placements, &r->units, &r->nunits, err) ||
        surveys_read(st, who, r, from, to, a, err))
        return err->code;
    if (!r->nmeetings && !assignment_stats_any(&r->assignments) &&
        !placement_stats_any(&r->placements) && !r->nsurveys)
        return err_set(err, INSYN_ENOTFOUND,
                       "Det finns inga uppgifter om uppföljningen av avtalet %s för %d: inga "
                       "uppföljningsmöten, inga uppdrag eller placeringar och inga enkätsvar. "
                       "Välj ett annat år.",
                       r->g->case_ref, y);
    return 0;
}

/* ---- the memo ---- */

/* "Rapport om uppföljningen av avtalet med X under 2017" */
static const char *
appendix_title(struct arena *a, const struct agreement_year *r)
{
    return arena_printf(a, "Rapport om uppföljningen av avtalet med %s under %d",
                        r->g->organisation_name, r->key->year);
}

/* "Stödinsatser för barn … utförs sedan den 1 januari 2016 av X. … Avtalet löper till och med
 * den 31 december 2019." */
static void
agreement_lead(struct document *d, const struct agreement_year *r, struct arena *a, int memo_date)
{
    const struct agreement *g = r->g;
    doc_paragraphf(d, "%s utförs %s den %s av %s enligt avtal %s (%s).", g->title,
                   g->start > memo_date ? "från och med" : "sedan", report_long_date(a, g->start),
                   g->organisation_name, g->case_ref,
                   code_label_or_empty(agreement_forms, g->form));
}

static void
memo(struct document *d, const struct agreement_year *r, struct arena *a)
{
    const struct report *m = &r->view->report;
    const struct agreement *g = r->g;
    int date = m->memo_date != DATE_NONE ? m->memo_date : r->today;
    const char *labels[] = {"Datum", "Diarienummer", "Handläggare", "Till"};
    const char *values[] = {report_day(a, date), *m->case_ref ? m->case_ref : "–",
                            *m->officer ? m->officer : "–", m->committee};
    doc_facts(d, labels, values, 4);
    doc_heading(d, 1, r->view->title);
    doc_heading(d, 2, "Förvaltningens förslag till beslut");
    if (strncmp(m->proposed_decision, "att ", 4) == 0) {
        doc_paragraphf(d, "%s beslutar", m->committee);
        doc_paragraphf(d, "1. %s", m->proposed_decision);
    } else {
        doc_text(d, m->proposed_decision);
    }
    doc_heading(d, 2, "Sammanfattning");
    doc_paragraphf(d,
                   "%s utförs %s den %s av %s. Uppföljningen avser verksamheten under %d. "
                   "Avtalet %s till och med den %s.",
                   g->title, g->start > date ? "från och med" : "sedan",
                   report_long_date(a, g->start), g->organisation_name, r->key->year,
                   g->end < date ? "löpte" : "löper", report_long_date(a, g->end));
    report_written(d, r->view, "summary",
                   "Förvaltningens helhetsbedömning har inte skrivits ännu.");
    if (report_view_text(r->view, "preparation") &&
        *report_view_text(r->view, "preparation")->body) {
        doc_heading(d, 2, "Ärendets beredning");
        report_written(d, r->view, "preparation", NULL);
    }
    doc_heading(d, 2, "Beslutsunderlag");
    const char *basis[] = {arena_printf(a, "Tjänsteskrivelse daterad %s", report_day(a, date)),
                           arena_printf(a, "Bilaga 1. %s", appendix_title(a, r))};
    doc_list(d, basis, 2);
}

/* ---- the report ---- */

static void
background(struct document *d, const struct agreement_year *r, struct arena *a, int memo_date)
{
    const struct agreement *g = r->g;
    doc_heading(d, 1, "Bakgrund");
    agreement_lead(d, r, a, memo_date);
    if (g->extensions_left > 0)
        doc_paragraphf(d,
                       "Avtalet %s till och med den %s. Det kan förlängas %s gång%s med %d "
                       "månader i taget, som längst till och med den %s.",
                       g->end < memo_date ? "löpte" : "löper", report_long_date(a, g->end),
                       count_words(a, g->extensions_left, 0), g->extensions_left == 1 ? "" : "er",
                       g->extension_months, report_long_date(a, g->latest_end));
    else
        doc_paragraphf(d, "Avtalet %s till och med den %s. Därefter kan avtalet inte förlängas.",
                       g->end < memo_date ? "löpte" : "löper", report_long_date(a, g->end));
    doc_paragraphf(d,
                   "Ärendet avser en uppföljning av avtal, insatser och samverkan mellan "
                   "förvaltning och utförare under %d.",
                   r->key->year);
    report_written(d, r->view, "background", NULL);
}

/* The meetings of the year: when, in what form, who attended, and the overall assessments. */
static void
meetings(struct document *d, const struct agreement_year *r, struct arena *a)
{
    int y = r->key->year;
    doc_heading(d, 2, "Uppföljningsmöten");
    if (!r->nmeetings) {
        doc_paragraphf(d, "Inget uppföljningsmöte med %s hölls under %d.", r->g->organisation_name,
                       y);
        return;
    }
    const char **days = arena_alloc(a, sizeof *days * (size_t)r->nmeetings);
    for (int i = 0; i < r->nmeetings; i++)
        days[i] = arena_printf(a, "den %s", meeting_day(a, r->meetings[i].rec.held_on, y));
    if (r->nmeetings == 1)
        doc_paragraphf(d,
                       "Förvaltningen höll ett uppföljningsmöte med %s under %d, %s, för att med "
                       "utgångspunkt i avtalet se att verksamheten fungerade som avsett.",
                       r->g->organisation_name, y, days[0]);
    else
        doc_paragraphf(d,
                       "Förvaltningen höll %s uppföljningsmöten med %s under %d, %s, för att med "
                       "utgångspunkt i avtalet se att verksamheten fungerade som avsett.",
                       count_words(a, r->nmeetings, 1), r->g->organisation_name, y,
                       and_list(a, days, r->nmeetings));
    const char *head[] = {"Datum", "Form", "Från förvaltningen", "Från utföraren"};
    struct doc_table *t = doc_table(d, 4, head, 0);
    for (int i = 0; i < r->nmeetings; i++) {
        const struct record *m = &r->meetings[i].rec;
        const char *form = code_label_or_empty(record_places, m->place);
        if (*m->location)
            form = arena_printf(a, "%s, %s", form, m->location);
        const char *row[] = {report_day(a, m->held_on), form,
                             people(a, m->attendees_municipality, m->n_attendees_municipality),
                             people(a, m->attendees_provider, m->n_attendees_provider)};
        doc_row(d, t, row);
    }
    const char **assessed = arena_alloc(a, sizeof *assessed * (size_t)r->nmeetings);
    int nassessed = 0;
    for (int i = 0; i < r->nmeetings; i++) {
        const struct record *m = &r->meetings[i].rec;
        if (*m->overall_assessment)
            assessed[nassessed++] =
                arena_printf(a, "Den %s: %s", meeting_day(a, m->held_on, y), m->overall_assessment);
    }
    if (nassessed) {
        doc_paragraph(d, nassessed == 1 ? "Helhetsbedömningen vid mötet:"
                                        : "Helhetsbedömningarna vid mötena:");
        doc_list(d, assessed, nassessed);
    }
}

/* The outcome of an item at a meeting, or NULL when the meeting did not assess it. */
static const struct record_check *
check_of(const struct record *m, const struct record_item *item)
{
    for (int i = 0; i < m->n_checks; i++) {
        const struct record_check *c = &m->checks[i];
        if (c->item_id == item->id ||
            (strcmp(c->kind, item->kind) == 0 && strcmp(c->text, item->text) == 0))
            return strcmp(c->outcome, "not_checked") == 0 ? NULL : c;
    }
    return NULL;
}

/* The agreement's requirements against each meeting that assessed any of them. */
static void
requirements(struct document *d, const struct agreement_year *r, struct arena *a)
{
    int nreq = 0, assessed = 0;
    for (int k = 0; k < r->nitems; k++) {
        if (strcmp(r->items[k].kind, "requirement") != 0)
            continue;
        nreq++;
        for (int i = 0; i < r->nmeetings; i++)
            assessed += check_of(&r->meetings[i].rec, &r->items[k]) != NULL;
    }
    if (!nreq || !assessed)
        return;
    int y = r->key->year;
    doc_heading(d, 2, "Avtalets krav");
    doc_paragraph(d, "Vid uppföljningsmötena gick förvaltningen igenom avtalets krav. Tabellen "
                     "visar bedömningen av varje krav vid varje möte.");
    int ncols = 1 + r->nmeetings;
    const char **head = arena_alloc(a, sizeof *head * (size_t)ncols);
    head[0] = "Krav";
    for (int i = 0; i < r->nmeetings; i++)
        head[1 + i] = meeting_day(a, r->meetings[i].rec.held_on, y);
    struct doc_table *t = doc_table(d, ncols, head, 0);
    const char **notes = arena_alloc(a, sizeof *notes * (size_t)(nreq * r->nmeetings + 1));
    int nnotes = 0;
    for (int k = 0; k < r->nitems; k++) {
        const struct record_item *item = &r->items[k];
        if (strcmp(item->kind, "requirement") != 0)
            continue;
        const char **row = arena_alloc(a, sizeof *row * (size_t)ncols);
        row[0] = item->text;
        for (int i = 0; i < r->nmeetings; i++) {
            const struct record_check *c = check_of(&r->meetings[i].rec, item);
            row[1 + i] = c ? code_label_or_empty(check_outcomes, c->outcome) : "–";
            if (c && strcmp(c->outcome, "fulfilled") != 0 && *c->comment)
                notes[nnotes++] =
                    arena_printf(a, "%s den %s: %s", item->text,
                                 meeting_day(a, r->meetings[i].rec.held_on, y), c->comment);
        }
        doc_row(d, t, row);
    }
    if (nnotes) {
        doc_paragraph(d, "Där ett krav inte bedömdes som uppfyllt antecknades:");
        doc_list(d, notes, nnotes);
    }
}

/* Seed 002's paragraph of figures, the figures in a table and the goal outcomes as a chart;
 * the placements the same when the agreement has any. */
static void
statistics(struct document *d, const struct agreement_year *r, struct arena *a)
{
    int y = r->key->year;
    const struct assignment_stats *s = &r->assignments;
    const struct placement_stats *p = &r->placements;
    doc_heading(d, 2, arena_printf(a, "Uppdrag och resultat under %d", y));
    if (!s->total_since_start && !p->total_since_start) {
        doc_paragraphf(d, "Inga uppdrag eller placeringar under avtalet är registrerade för %d.",
                       y);
        return;
    }
    if (s->total_since_start) {
        doc_paragraph(d, assignment_stats_text(a, s));
        const char *head[] = {"Uppdrag", arena_printf(a, "%d", y)};
        struct doc_table *t = doc_table(d, 2, head, 0x2);
        const struct {
            const char *label;
            const char *value;
        } rows[] = {
            {"Tilldelade under året", doc_int(a, s->received)},
            {"Avslutade under året", doc_int(a, s->closed)},
            {"– varav barn upp till 12 år", doc_int(a, s->closed_child)},
            {"– varav ungdomar från 13 år", doc_int(a, s->closed_youth)},
            {"Pågående vid årets slut", doc_int(a, s->ongoing_at_year_end)},
            {"Timmar i snitt per avslutat uppdrag", stats_tenths_text(a, s->avg_hours_tenths)},
            {"Månader i snitt per avslutat uppdrag", stats_tenths_text(a, s->avg_months_tenths)},
            {"Avslutade efter mer än ett år", doc_int(a, s->over_one_year)},
            {"Uppdrag sedan avtalets start", doc_int(a, s->total_since_start)},
        };
        for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
            const char *cells[] = {rows[i].label, rows[i].value};
            doc_row(d, t, cells);
        }
        if (s->closed_family_treatment) {
            const char *labels[] = {"Målen uppfyllda", "Målen delvis uppfyllda",
                                    "Målen inte uppfyllda", "Inte bedömd"};
            double values[] = {s->goal_met, s->goal_partly, s->goal_not_met, s->goal_unrecorded};
            doc_chart(d,
                      arena_printf(a, "Måluppfyllelse i avslutad familjebehandling %d (%d uppdrag)",
                                   y, s->closed_family_treatment),
                      "st", s->goal_unrecorded ? 4 : 3, labels, values);
        }
    }
    if (p->total_since_start) {
        doc_paragraph(d, placement_stats_text(a, y, p));
        if (r->nunits) {
            const char *head[] = {"Enhet", "Inledda", "Avslutade", "Pågående vid årets slut"};
            struct doc_table *t = doc_table(d, 4, head, 0xE);
            for (int i = 0; i < r->nunits; i++) {
                const struct placement_stats *u = &r->units[i];
                const char *cells[] = {u->unit_name, doc_int(a, u->started), doc_int(a, u->ended),
                                       doc_int(a, u->ongoing_at_year_end)};
                doc_row(d, t, cells);
            }
        }
    }
}

/* Each value-add of the bid with what the year's meetings found of it. */
static void
value_adds(struct document *d, const struct agreement_year *r, struct arena *a)
{
    int y = r->key->year, n = 0;
    for (int k = 0; k < r->nitems; k++)
        n += strcmp(r->items[k].kind, "value_add") == 0;
    doc_heading(d, 1, "Hur utföraren uppfyller mervärdena i anbudet");
    if (!n) {
        doc_paragraph(d, "Avtalet har inga mervärden registrerade.");
        report_written(d, r->view, "value_adds", NULL);
        return;
    }
    const char **names = arena_alloc(a, sizeof *names * (size_t)n);
    for (int k = 0, i = 0; k < r->nitems; k++)
        if (strcmp(r->items[k].kind, "value_add") == 0)
            names[i++] = r->items[k].text;
    doc_paragraphf(d,
                   "%s erbjöd i sitt anbud mervärden, som följs upp på samma sätt som avtalets "
                   "krav:",
                   r->g->organisation_name);
    doc_list(d, names, n);
    report_written(d, r->view, "value_adds", NULL);
    for (int k = 0; k < r->nitems; k++) {
        const struct record_item *item = &r->items[k];
        if (strcmp(item->kind, "value_add") != 0)
            continue;
        doc_heading(d, 2, item->text);
        const char **found = arena_alloc(a, sizeof *found * (size_t)(r->nmeetings + 1));
        int nfound = 0;
        for (int i = 0; i < r->nmeetings; i++) {
            const struct record_check *c = check_of(&r->meetings[i].rec, item);
            if (c)
                found[nfound++] = arena_printf(a, "Uppföljningsmötet den %s: %s.%s%s",
                                               meeting_day(a, r->meetings[i].rec.held_on, y),
                                               code_label_or_empty(check_outcomes, c->outcome),
                                               *c->comment ? " " : "", c->comment);
        }
        if (nfound)
            doc_list(d, found, nfound);
        else
            doc_paragraphf(d, "Mervärdet följdes inte upp vid något uppföljningsmöte under %d.", y);
    }
}

static void
surveys(struct document *d, const struct agreement_year *r, struct arena *a)
{
    doc_heading(d, 1, "Beställarens utvärdering");
    if (!r->nsurveys) {
        doc_paragraphf(d, "Ingen enkät till beställande enhet om avtalet besvarades under %d.",
                       r->key->year);
        return;
    }
    int anonymous = 1;
    for (int i = 0; i < r->nsurveys; i++)
        anonymous = anonymous && r->surveys[i].survey.anonymous;
    doc_paragraphf(d,
                   "Handläggarna på den beställande enheten har utvärderat utförarens insatser i "
                   "%s om avtalet%s.",
                   r->nsurveys == 1 ? "en enkät" : "enkäter",
                   anonymous ? ", och svaren är anonyma" : "");
    for (int i = 0; i < r->nsurveys; i++)
        report_survey_section(d, &r->surveys[i], a);
}

/* The reviews of an action by the meetings held after it was agreed, up to the year's end, in
 * the order held: "Inte åtgärdat 2017-05-24; åtgärdat 2017-12-13. <the latest comment>", or
 * NULL when none reviewed it. *closed says whether the latest closes it. */
static const char *
reviews_of(const struct agreement_year *r, long long action_id, struct arena *a, int *closed)
{
    struct buf b;
    buf_init(&b);
    const struct record_review *last = NULL;
    *closed = 0;
    for (int pass = 0; pass < 2; pass++) {
        const struct meeting *list = pass ? r->meetings : r->before;
        int n = pass ? r->nmeetings : r->nbefore;
        for (int i = 0; i < n; i++)
            for (int k = 0; k < list[i].rec.n_reviews; k++) {
                const struct record_review *v = &list[i].rec.reviews[k];
                if (v->action_id != action_id || strcmp(v->outcome, "not_checked") == 0)
                    continue;
                const char *label = code_label_or_empty(review_outcomes, v->outcome);
                buf_printf(&b, "%s%s %s", last ? "; " : "",
                           last ? text_lower_first(a, label) : label,
                           report_day(a, list[i].rec.held_on));
                last = v;
            }
    }
    if (!last) {
        buf_free(&b);
        return NULL;
    }
    *closed = review_closes_action(last->outcome);
    buf_printf(&b, ".%s%s", *last->comment ? " " : "", last->comment);
    const char *s = arena_strdup(a, b.data);
    buf_free(&b);
    return s;
}

/* The actions agreed at the previous year's meetings and whether they were carried out: how
 * many, then each with when it was agreed and what the latest review found. */
static void
improvements(struct document *d, const struct agreement_year *r, struct arena *a)
{
    int y = r->key->year, n = 0, fixed = 0;
    for (int i = 0; i < r->nbefore; i++)
        for (int k = 0; k < r->before[i].rec.n_actions; k++) {
            int closed;
            reviews_of(r, r->before[i].rec.actions[k].id, a, &closed);
            n++;
            fixed += closed;
        }
    doc_heading(d, 1, arena_printf(a, "Förbättringsområden från uppföljningen av %d", y - 1));
    if (!n) {
        doc_paragraphf(d, "Inga förbättringsområden specificerades i uppföljningen av %d.", y - 1);
        return;
    }
    const char *outcome =
        fixed == n ? (n == 1   ? "Det har åtgärdats."
                      : n == 2 ? "Båda har åtgärdats."
                               : "Alla har åtgärdats.")
        : fixed    ? arena_printf(a, "%s av dem har åtgärdats, %s har inte åtgärdats ännu.",
                                  count_words(a, fixed, 1), count_words(a, n - fixed, 1))
        : n == 1   ? "Det har inte åtgärdats ännu."
                   : "Inget av dem har åtgärdats ännu.";
    doc_paragraphf(d,
                   "I uppföljningen av %d kom förvaltningen och utföraren överens om %s "
                   "förbättringsområde%s. %s",
                   y - 1, count_words(a, n, 1), n == 1 ? "" : "n", outcome);
    const char *head[] = {"Förbättringsområde", "Överenskommet", "Resultat"};
    struct doc_table *t = doc_table(d, 3, head, 0);
    for (int i = 0; i < r->nbefore; i++) {
        const struct record *m = &r->before[i].rec;
        for (int k = 0; k < m->n_actions; k++) {
            const struct record_action *x = &m->actions[k];
            int closed;
            const char *reviewed = reviews_of(r, x->id, a, &closed);
            const char *agreed =
                arena_printf(a, "%s%s%s%s%s", report_day(a, m->held_on),
                             x->deadline != DATE_NONE ? ", klart senast " : "",
                             x->deadline != DATE_NONE ? report_day(a, x->deadline) : "",
                             *x->responsible ? ", ansvarig: " : "", x->responsible);
            const char *result = reviewed ? reviewed : arena_printf(a, "Inte uppföljt under %d", y);
            const char *row[] = {x->text, agreed, result};
            doc_row(d, t, row);
        }
    }
}

int
report_agreement_document(struct store *st, const struct actor *who, const struct report_key *key,
                          const struct report_view *view, int today, struct arena *a,
                          struct document *out, struct insyn_err *err)
{
    struct agreement_year r = {.key = key, .view = view, .g = view->agreement, .today = today};
    if (year_read(st, who, &r, a, err))
        return err->code;
    const struct report *m = &view->report;
    int memo_date = m->memo_date != DATE_NONE ? m->memo_date : today;
    doc_init(out, a, view->title, *m->officer ? m->officer : who->name, "Socialförvaltningen");
    memo(out, &r, a);
    doc_appendix(out, appendix_title(a, &r));
    char now[21], when[40];
    app_timestamp(0, now);
    app_local_time(now, "%Y-%m-%d kl. %H.%M", when, sizeof when);
    doc_paragraphf(out, "Avtal %s, %s. Sammanställd ur insyn %s.", r.g->case_ref, r.g->title, when);
    background(out, &r, a, memo_date);
    doc_heading(out, 1, "Ärendet");
    meetings(out, &r, a);
    requirements(out, &r, a);
    statistics(out, &r, a);
    if (report_view_text(view, "matter") && *report_view_text(view, "matter")->body) {
        doc_heading(out, 2, "Uppdraget under året");
        report_written(out, view, "matter", NULL);
    }
    value_adds(out, &r, a);
    surveys(out, &r, a);
    improvements(out, &r, a);
    doc_heading(out, 1, "Förvaltningens synpunkter");
    report_written(out, view, "views", "Förvaltningens synpunkter har inte skrivits ännu.");
    return 0;
}
