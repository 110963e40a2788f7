/* reports.c — the committee's reports: their stored memo and texts, and the annual report on
 * control and follow-up of private providers made from the year's data in seed 004's order:
 * the memo; then the report's background, continuous, event-driven and planned follow-up
 * (overview: IVO, economy, the two surveys; in depth) and the assessment. One agreement's
 * report is made in report_agreement.c from the same stored memo and texts. */
#include "app/reports.h"

#include "app/report_parts.h"

#include "app/investigations.h"
#include "app/plans.h"
#include "app/surveys.h"
#include "core/buf.h"
#include "core/codes.h"
#include "core/date.h"
#include "core/text.h"
#include "io/docx.h"
#include "io/odt.h"
#include "io/pdf.h"

#include <stdio.h>
#include <string.h>

static const char *const months[] = {"januari",   "februari", "mars",     "april",
                                     "maj",       "juni",     "juli",     "augusti",
                                     "september", "oktober",  "november", "december"};

static int
kind_known(const struct report_key *key)
{
    return key->kind && (strcmp(key->kind, "annual") == 0 ||
                         (strcmp(key->kind, "agreement") == 0 && key->agreement_id > 0));
}

/* The report's title; an agreement's names the provider and the service as seed 002 does. */
static const char *
report_title(struct arena *a, const struct report_key *key, const struct agreement *g)
{
    if (g)
        return arena_printf(a, "Uppföljning av avtal med %s om %s verksamhetsåret %d",
                            g->organisation_name, text_lower_first(a, g->title), key->year);
    return arena_printf(a, "Kontroll och uppföljning av privata utförare %d", key->year);
}

static int
key_check(const struct report_key *key, struct insyn_err *err)
{
    if (!kind_known(key))
        return err_set(err, INSYN_ENOTFOUND, "Rapporten finns inte.");
    if (key->year < 2000 || key->year > 2100)
        return err_field(err, 0, "year", "Året ska vara ett årtal, till exempel 2025."),
               err_set(err, INSYN_EINVAL, "Året ska vara ett årtal, till exempel 2025.");
    return 0;
}

const struct report_text *
report_view_text(const struct report_view *v, const char *section)
{
    for (int i = 0; i < v->ntexts; i++)
        if (strcmp(v->texts[i].section, section) == 0)
            return &v->texts[i];
    return NULL;
}

int
report_load(struct store *st, const struct report_key *key, struct arena *a,
            struct report_view *out, struct insyn_err *err)
{
    memset(out, 0, sizeof *out);
    struct insyn_err inner = {.arena = a};
    if (strcmp(key->kind, "agreement") == 0) {
        out->agreement = arena_alloc(a, sizeof *out->agreement);
        int rc = store_agreement_get(st, key->agreement_id, a, out->agreement, &inner);
        if (rc == INSYN_ENOTFOUND)
            return err_set(err, INSYN_ENOTFOUND, "Avtalet finns inte.");
        if (rc)
            return err_set(err, inner.code, "%s", inner.message);
    }
    out->title = report_title(a, key, out->agreement);
    int rc =
        store_report_find(st, key->kind, key->year, key->agreement_id, a, &out->report, &inner);
    if (rc == INSYN_ENOTFOUND) {
        struct report *r = &out->report;
        r->kind = (char *)key->kind;
        r->year = key->year;
        r->agreement_id = key->agreement_id;
        r->committee = REPORT_DEFAULT_COMMITTEE;
        r->case_ref = r->officer = r->created_by_name = r->created_at = r->updated_at = "";
        r->agreement_case_ref = out->agreement ? out->agreement->case_ref : "";
        r->agreement_title = out->agreement ? out->agreement->title : "";
        r->proposed_decision = (char *)report_default_decision(key->kind);
        r->memo_date = DATE_NONE;
        return 0;
    }
    if (rc)
        return err_set(err, inner.code, "%s", inner.message);
    return store_report_texts(st, out->report.id, NULL, a, &out->texts, &out->ntexts, err);
}

int
app_report_get(struct store *st, const struct actor *who, const struct report_key *key,
               struct arena *a, struct report_view *out, struct insyn_err *err)
{
    if (app_require(who, PERM_RISK_READ, err) || key_check(key, err))
        return err->code;
    return report_load(st, key, a, out, err);
}

int
app_report_list(struct store *st, const struct actor *who, struct arena *a, struct report **out,
                int *n, struct insyn_err *err)
{
    if (app_require(who, PERM_RISK_READ, err))
        return err->code;
    return store_report_list(st, a, out, n, err);
}

static json_t *
memo_json(const struct report *r)
{
    char date[11];
    date_format(r->memo_date, date);
    return json_pack("{s:s, s:s, s:s, s:s, s:s}", "committee", r->committee, "case_ref",
                     r->case_ref, "officer", r->officer, "memo_date", date, "proposed_decision",
                     r->proposed_decision);
}

/* Inside a transaction: the stored report, created with its defaults when there is none. */
static int
report_for_writing(struct store *st, const struct actor *who, const struct report_key *key,
                   struct arena *a, struct report_view *v, struct insyn_err *err)
{
    if (report_load(st, key, a, v, err))
        return err->code;
    if (v->report.id)
        return 0;
    char now[21];
    app_timestamp(0, now);
    v->report.created_by_name = (char *)(who->name && *who->name ? who->name : "insyn");
    v->report.created_at = v->report.updated_at = arena_strdup(a, now);
    if (store_report_insert(st, &v->report, err))
        return err->code;
    json_t *made = json_pack("{s:s, s:i}", "kind", key->kind, "year", key->year);
    if (key->agreement_id)
        json_object_set_new(made, "agreement_id", json_integer(key->agreement_id));
    return app_audit_take(st, who, "create", "report", v->report.id, NULL, made, err);
}

int
app_report_save_memo(struct store *st, const struct actor *who, const struct report_key *key,
                     const struct report_input *in, struct arena *a, struct report *out,
                     struct insyn_err *err)
{
    if (app_require(who, PERM_REPORT_WRITE, err) || key_check(key, err))
        return err->code;
    struct report memo = {0};
    if (report_validate(key->kind, in, &memo, a, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    struct report_view v;
    if (report_for_writing(st, who, key, a, &v, err))
        return app_abort(st, err);
    json_t *before = memo_json(&v.report);
    *out = v.report;
    out->committee = memo.committee;
    out->case_ref = memo.case_ref;
    out->officer = memo.officer;
    out->memo_date = memo.memo_date;
    out->proposed_decision = memo.proposed_decision;
    char now[21];
    app_timestamp(0, now);
    out->updated_at = arena_strdup(a, now);
    if (store_report_update(st, out, err)) {
        json_decref(before);
        return app_abort(st, err);
    }
    return app_commit_audited(st, who, "update_memo", "report", out->id, before, memo_json(out),
                              err);
}

int
app_report_save_text(struct store *st, const struct actor *who, const struct report_key *key,
                     const char *section, const char *body, const char *base_version,
                     struct arena *a, int *version, struct insyn_err *err)
{
    if (app_require(who, PERM_REPORT_WRITE, err) || key_check(key, err))
        return err->code;
    if (!report_section_find(key->kind, section))
        err_field(err, 0, "section", "Välj ett av rapportens avsnitt.");
    char *text = report_text_validate(a, body, err);
    long long base = 0;
    if (base_version && *base_version && text_parse_uint(base_version, 1000000, &base) != 0)
        err_field(err, 0, "base_version", "Versionen som texten utgick från är okänd.");
    if (err->nfields)
        return err_set(err, INSYN_EINVAL, "Texten kunde inte sparas.");
    if (store_begin(st, err))
        return err->code;
    struct report_view v;
    if (report_for_writing(st, who, key, a, &v, err))
        return app_abort(st, err);
    const struct report_text *latest = report_view_text(&v, section);
    int now_version = latest ? latest->version : 0;
    if (base != now_version) {
        err_set(err, INSYN_ECONFLICT,
                "Texten har ändrats av %s sedan du började skriva. Läs den senaste versionen och "
                "skriv in dina ändringar i den.",
                latest ? latest->author_name : "någon annan");
        return app_abort(st, err);
    }
    *version = now_version;
    if (latest && strcmp(latest->body, text) == 0) { /* nothing new: no new version */
        store_rollback(st);
        return 0;
    }
    char now[21];
    app_timestamp(0, now);
    struct report_text t = {.section = (char *)section,
                            .body = text,
                            .author_name = (char *)(who->name && *who->name ? who->name : "insyn"),
                            .created_at = now,
                            .version = now_version + 1};
    if (store_report_text_insert(st, v.report.id, &t, err))
        return app_abort(st, err);
    *version = t.version;
    return app_commit_audited(
        st, who, "save_text", "report", v.report.id, NULL,
        json_pack("{s:s, s:i, s:s}", "section", section, "version", t.version, "body", text), err);
}

int
app_report_text_versions(struct store *st, const struct actor *who, const struct report_key *key,
                         const char *section, struct arena *a, struct report_text **out, int *n,
                         struct insyn_err *err)
{
    struct report_view v;
    if (app_report_get(st, who, key, a, &v, err))
        return err->code;
    if (!report_section_find(key->kind, section))
        return err_set(err, INSYN_ENOTFOUND, "Rapporten har inget sådant avsnitt.");
    *out = NULL;
    *n = 0;
    if (!v.report.id)
        return 0;
    return store_report_texts(st, v.report.id, section, a, out, n, err);
}

/* ---- the annual report ---- */

/* What the year's report is made of, read once. */
struct annual {
    const struct report_key *key;
    struct report_view view;
    int today;
    struct signal_count *signals;
    int nsignals, by_month[12];
    struct year_meeting *meetings;
    int nmeetings;
    struct failed_check *failed;
    int nfailed, credit_checks, tax_checks;
    struct year_investigation *event_driven, *in_depth;
    int nevent, nindepth;
    struct year_sanction *sanctions;
    int nsanctions;
    struct year_termination *terminations;
    int nterminations;
    int has_plan;
    struct plan_view plan;
    struct plan_progress_row *progress;
    int nprogress;
    struct survey_view *surveys; /* the plan's surveys, case workers' first */
    int nsurveys;
};

static const char *
day(struct arena *a, int date)
{
    char s[11];
    date_format(date, s);
    return arena_strdup(a, s);
}

/* "22 januari 2025" */
static const char *
long_date(struct arena *a, int date)
{
    int y, m, d;
    date_to_ymd(date, &y, &m, &d);
    return arena_printf(a, "%d %s %d", d, months[m - 1], y);
}

/* "i januari 2025" */
static const char *
in_month(struct arena *a, int date)
{
    int y, m, d;
    date_to_ymd(date, &y, &m, &d);
    return arena_printf(a, "i %s %d", months[m - 1], y);
}

const char *
report_day(struct arena *a, int date)
{
    return day(a, date);
}

const char *
report_long_date(struct arena *a, int date)
{
    return long_date(a, date);
}

const char *
report_in_month(struct arena *a, int date)
{
    return in_month(a, date);
}

static int
annual_read(struct store *st, const struct actor *who, struct annual *r, struct arena *a,
            struct insyn_err *err)
{
    int y = r->key->year;
    if (store_year_signals(st, y, a, &r->signals, &r->nsignals, r->by_month, err) ||
        store_year_meetings(st, y, a, &r->meetings, &r->nmeetings, err) ||
        store_year_failed_checks(st, y, a, &r->failed, &r->nfailed, err) ||
        store_year_check_count(st, y, "credit", &r->credit_checks, err) ||
        store_year_check_count(st, y, "tax", &r->tax_checks, err) ||
        store_year_investigations(st, y, "event_driven", a, &r->event_driven, &r->nevent, err) ||
        store_year_investigations(st, y, "in_depth", a, &r->in_depth, &r->nindepth, err) ||
        store_year_sanctions(st, y, a, &r->sanctions, &r->nsanctions, err) ||
        store_year_terminations(st, y, a, &r->terminations, &r->nterminations, err))
        return err->code;
    struct control_plan *plans;
    int nplans;
    if (app_plan_list(st, who, a, &plans, &nplans, err))
        return err->code;
    for (int i = 0; i < nplans && !r->has_plan; i++) {
        if (plans[i].year != y)
            continue;
        if (app_plan_progress(st, who, plans[i].id, a, &r->plan, &r->progress, &r->nprogress, err))
            return err->code;
        r->has_plan = 1;
    }
    if (r->has_plan) {
        struct survey_row *all;
        int nall;
        if (app_survey_list(st, who, a, &all, &nall, err))
            return err->code;
        r->surveys = arena_alloc(a, sizeof *r->surveys * (size_t)(nall ? nall : 1));
        for (int pass = 0; pass < 2; pass++) /* the case workers' survey first, as in seed 004 */
            for (int i = 0; i < nall; i++)
                if (all[i].plan_id == r->plan.plan.id &&
                    (strcmp(all[i].audience, "case_workers") == 0) == (pass == 0) &&
                    app_survey_get(st, who, all[i].id, a, &r->surveys[r->nsurveys++], err))
                    return err->code;
    }
    if (!r->has_plan && !r->nsignals && !r->nmeetings && !r->credit_checks && !r->tax_checks &&
        !r->nevent && !r->nindepth && !r->nsanctions && !r->nterminations)
        return err_set(err, INSYN_ENOTFOUND,
                       "Det finns inga uppgifter om kontroll och uppföljning för %d: ingen "
                       "kontrollplan, inga signaler, kontroller eller uppföljningar. Välj ett "
                       "annat år.",
                       y);
    return 0;
}

void
report_written(struct document *d, const struct report_view *v, const char *section,
               const char *missing)
{
    const struct report_text *t = report_view_text(v, section);
    if (t && *t->body)
        doc_text(d, t->body);
    else if (missing)
        doc_paragraph(d, missing);
}

/* The officer's text of a section of the annual report. */
static void
written(struct document *d, const struct annual *r, const char *section, const char *missing)
{
    report_written(d, &r->view, section, missing);
}

static void
memo(struct document *d, const struct annual *r, struct arena *a)
{
    const struct report *m = &r->view.report;
    int date = m->memo_date != DATE_NONE ? m->memo_date : r->today;
    /* "Tjänsteskrivelse till socialnämnden": the committee's name inside a sentence */
    char *to = arena_strdup(a, m->committee);
    if (*to >= 'A' && *to <= 'Z')
        *to = (char)(*to - 'A' + 'a');
    doc_paragraphf(d, "Tjänsteskrivelse till %s", to);
    const char *labels[] = {"Datum", "Diarienummer", "Handläggare"};
    const char *values[] = {day(a, date), *m->case_ref ? m->case_ref : "–",
                            *m->officer ? m->officer : "–"};
    doc_facts(d, labels, values, 3);
    doc_heading(d, 1, r->view.title);
    doc_heading(d, 2, "Förslag till beslut");
    doc_paragraphf(d, "%s beslutar", m->committee);
    doc_paragraphf(d, "1. %s", m->proposed_decision);
    doc_heading(d, 2, "Ärendet");
    if (r->has_plan && r->plan.plan.decided_on != DATE_NONE)
        doc_paragraphf(d,
                       "%s beslutade %s om plan för kontroll och uppföljning av privata utförare "
                       "%d. Ärendet innefattar en rapport om den uppföljning som skett under %d.",
                       m->committee, in_month(a, r->plan.plan.decided_on), r->key->year,
                       r->key->year);
    else
        doc_paragraphf(d,
                       "Ärendet innefattar en rapport om den kontroll och uppföljning av privata "
                       "utförare som skett under %d.",
                       r->key->year);
    doc_heading(d, 2, "Föredragning");
    written(d, r, "summary",
            "Uppföljningen av privata utförare består av olika delar och nivåer: löpande "
            "uppföljning, händelsestyrd uppföljning samt särskild (planerad) uppföljning. Bilagd "
            "rapport beskriver hur arbetet har bedrivits under året.");
    doc_heading(d, 2, "Ekonomiska konsekvenser");
    doc_paragraph(d, "Beslutet medför inga ekonomiska konsekvenser.");
    doc_heading(d, 2, "Beslutsunderlag");
    const char *basis[] = {arena_printf(a, "Tjänsteskrivelse daterad %s", day(a, date)),
                           arena_printf(a,
                                        "Bilaga 1. Rapport om kontroll och uppföljning av "
                                        "privata utförare %d",
                                        r->key->year)};
    doc_list(d, basis, 2);
}

static void
background(struct document *d, const struct annual *r, struct arena *a)
{
    doc_heading(d, 1, "Bakgrund");
    const struct report *m = &r->view.report;
    if (r->has_plan) {
        const struct control_plan *p = &r->plan.plan;
        if (p->decided_on != DATE_NONE)
            doc_paragraphf(d,
                           "%s beslutade den %s%s%s%s om plan för kontroll och uppföljning av "
                           "privata utförare %d%s%s%s.",
                           m->committee, long_date(a, p->decided_on),
                           *p->decision_paragraph ? ", " : "", p->decision_paragraph,
                           *p->decision_paragraph ? "," : "", p->year, *p->case_ref ? " (" : "",
                           p->case_ref, *p->case_ref ? ")" : "");
        else
            doc_paragraphf(d,
                           "Planen för kontroll och uppföljning av privata utförare %d har "
                           "ännu inte beslutats av nämnden.",
                           p->year);
    }
    doc_paragraph(d, "Planen syftar till att tillgodose kommunens uppföljning av och insyn i den "
                     "verksamhet som lämnats över till privata utförare (kommunallagen 10 kap. "
                     "9 §). Uppföljningen består av olika delar och nivåer: löpande uppföljning, "
                     "händelsestyrd uppföljning samt särskild uppföljning. Denna rapport "
                     "beskriver hur arbetet har bedrivits under året.");
    if (r->has_plan) {
        const struct control_plan *p = &r->plan.plan;
        char **themes;
        int n = text_split_lines(a, p->themes ? p->themes : "", &themes);
        const char *focus = *p->focus_case_ref
                                ? arena_printf(a, "avtalet %s", p->focus_case_ref)
                                : code_label_or_empty(service_areas, p->focus_service_area);
        doc_paragraphf(d, "Fokus för den särskilda uppföljningen %d har varit %s%s", p->year, focus,
                       n ? ", med följande teman:" : ".");
        if (n)
            doc_list(d, (const char *const *)themes, n);
    }
    written(d, r, "background", NULL);
}

static void
continuous(struct document *d, struct annual *r, struct arena *a)
{
    doc_heading(d, 1, "Löpande uppföljning");
    int total = 0, serious = 0;
    for (int i = 0; i < r->nsignals; i++) {
        total += r->signals[i].count;
        serious += r->signals[i].serious ? r->signals[i].count : 0;
    }
    doc_heading(d, 2, "Signaler och samordnarmöten");
    if (!total)
        doc_paragraphf(d, "Inga signaler om privata utförare registrerades under %d.",
                       r->key->year);
    else {
        doc_paragraphf(d,
                       "Under %d registrerades %s signaler om privata utförare, varav %s "
                       "bedömdes som allvarliga. Tabellen visar signalerna per kategori.",
                       r->key->year, doc_int(a, total), doc_int(a, serious));
        /* per category, in the vocabulary's order */
        const char *head[] = {"Kategori", "Signaler", "Varav allvarliga"};
        struct doc_table *t = doc_table(d, 3, head, 0x6);
        const char **labels = arena_alloc(a, sizeof *labels * 64);
        double *values = arena_alloc(a, sizeof *values * 64);
        int nbars = 0;
        for (const struct code_label *c = signal_categories; c->code && nbars < 64; c++) {
            int n = 0, s = 0;
            for (int i = 0; i < r->nsignals; i++)
                if (strcmp(r->signals[i].category, c->code) == 0) {
                    n += r->signals[i].count;
                    s += r->signals[i].serious ? r->signals[i].count : 0;
                }
            if (!n)
                continue;
            const char *row[] = {c->label, doc_int(a, n), doc_int(a, s)};
            doc_row(d, t, row);
            labels[nbars] = c->label;
            values[nbars++] = n;
        }
        doc_chart(d, arena_printf(a, "Signaler per kategori %d", r->key->year), "st", nbars, labels,
                  values);
        /* over the year: when they came */
        const char *month_labels[12];
        double month_values[12];
        for (int m = 0; m < 12; m++) {
            month_labels[m] = arena_printf(a, "%c%s", months[m][0] - 32, months[m] + 1);
            month_values[m] = r->by_month[m];
        }
        doc_chart(d, arena_printf(a, "Signaler per månad %d", r->key->year), "st", 12, month_labels,
                  month_values);
        doc_paragraph(d, "Samordnarmötet går igenom varje signal och bedömer vad den leder till:");
        const char *ohead[] = {"Utfall", "Signaler"};
        struct doc_table *o = doc_table(d, 2, ohead, 0x2);
        for (int k = -1; k == -1 || signal_outcomes[k].code; k++) {
            const char *code = k < 0 ? "" : signal_outcomes[k].code;
            int n = 0;
            for (int i = 0; i < r->nsignals; i++)
                if (strcmp(r->signals[i].outcome, code) == 0)
                    n += r->signals[i].count;
            if (!n)
                continue;
            const char *row[] = {k < 0 ? "Inte genomgången ännu" : signal_outcomes[k].label,
                                 doc_int(a, n)};
            doc_row(d, o, row);
        }
    }
    if (r->nmeetings) {
        int reviewed = 0;
        struct buf dates;
        buf_init(&dates);
        for (int i = 0; i < r->nmeetings; i++) {
            reviewed += r->meetings[i].signals;
            buf_printf(&dates, "%s%s", i ? (i == r->nmeetings - 1 ? " och " : ", ") : "",
                       day(a, r->meetings[i].held_on));
        }
        doc_paragraphf(d,
                       "Samordnarna höll %s samordnarmöten under året (%s), där %s signaler gicks "
                       "igenom.",
                       doc_int(a, r->nmeetings), dates.data, doc_int(a, reviewed));
        buf_free(&dates);
    } else {
        doc_paragraph(d, "Inget samordnarmöte hölls under året.");
    }
    doc_heading(d, 2, "Kreditupplysningar och skattekontroller");
    int failed_credit = 0, failed_tax = 0;
    for (int i = 0; i < r->nfailed; i++)
        *(strcmp(r->failed[i].kind, "credit") == 0 ? &failed_credit : &failed_tax) += 1;
    doc_paragraphf(d,
                   "Under året togs %s kreditupplysningar, varav %s låg under gränsvärdet, och "
                   "%s kontroller av skatter och avgifter gjordes, varav %s visade brister.",
                   doc_int(a, r->credit_checks), doc_int(a, failed_credit),
                   doc_int(a, r->tax_checks), doc_int(a, failed_tax));
    if (r->nfailed) {
        const char *head[] = {"Utförare", "Kontroll", "Datum", "Resultat", "Vad som följde"};
        struct doc_table *t = doc_table(d, 5, head, 0);
        for (int i = 0; i < r->nfailed; i++) {
            const struct failed_check *c = &r->failed[i];
            int credit = strcmp(c->kind, "credit") == 0;
            const char *result = credit
                                     ? arena_printf(a, "%s %d (gräns %d)",
                                                    code_label_or_empty(credit_bureaus, c->bureau),
                                                    c->value, c->threshold)
                                     : "Brister i skatter eller avgifter";
            const char *followed =
                c->investigations ? "Händelsestyrd uppföljning inledd"
                : *c->signal_outcome
                    ? arena_printf(a, "Signal: %s",
                                   code_label_or_empty(signal_outcomes, c->signal_outcome))
                    : "Signal, inte genomgången ännu";
            const char *row[] = {c->organisation, credit ? "Kreditupplysning" : "Skatter",
                                 day(a, c->checked_on), result, followed};
            doc_row(d, t, row);
        }
    }
    written(d, r, "continuous", NULL);
}

static void
event_driven(struct document *d, const struct annual *r, struct arena *a)
{
    doc_heading(d, 1, "Händelsestyrd uppföljning");
    doc_paragraph(d, "Baserat på den löpande uppföljningen eller signaler om missförhållanden från "
                     "annat håll kan en händelsestyrd uppföljning inledas hos en utförare.");
    if (!r->nevent)
        doc_paragraphf(d, "Ingen händelsestyrd uppföljning pågick under %d.", r->key->year);
    else {
        doc_paragraphf(d, "Under %d pågick %s händelsestyrda uppföljningar:", r->key->year,
                       doc_int(a, r->nevent));
        const char *head[] = {"Utförare", "Inledd", "Skäl", "Utfall"};
        struct doc_table *t = doc_table(d, 4, head, 0);
        for (int i = 0; i < r->nevent; i++) {
            const struct year_investigation *v = &r->event_driven[i];
            const char *outcome =
                strcmp(v->status, "closed") == 0
                    ? arena_printf(a, "Avslutad %s: %s%s%s", day(a, v->closed_on),
                                   code_label_or_empty(investigation_outcomes, v->outcome),
                                   *v->outcome_summary ? ". " : "", v->outcome_summary)
                    : "Pågår";
            const char *row[] = {v->organisation, day(a, v->opened_on), v->reason, outcome};
            doc_row(d, t, row);
        }
    }
    if (r->nsanctions) {
        doc_heading(d, 2, "Sanktioner");
        const char *head[] = {"Utförare", "Beslutad", "Sanktion", "Skäl"};
        struct doc_table *t = doc_table(d, 4, head, 0);
        for (int i = 0; i < r->nsanctions; i++) {
            const struct year_sanction *s = &r->sanctions[i];
            const char *row[] = {s->organisation, day(a, s->decided_on),
                                 code_label_or_empty(sanction_kinds, s->kind), s->reason};
            doc_row(d, t, row);
        }
    }
    doc_heading(d, 2, "Avtal som har upphört i förtid");
    if (!r->nterminations)
        doc_paragraphf(d, "Inget avtal upphörde i förtid under %d.", r->key->year);
    else {
        const char *head[] = {"Avtal", "Utförare", "Upphörde", "Orsak"};
        struct doc_table *t = doc_table(d, 4, head, 0);
        for (int i = 0; i < r->nterminations; i++) {
            const struct year_termination *x = &r->terminations[i];
            const char *row[] = {arena_printf(a, "%s %s", x->case_ref, x->title), x->organisation,
                                 day(a, x->terminated_on),
                                 code_label_or_empty(termination_causes, x->cause)};
            doc_row(d, t, row);
        }
    }
    written(d, r, "event_driven", NULL);
}

void
report_survey_section(struct document *d, const struct survey_view *v, struct arena *a)
{
    doc_paragraphf(d, "Enkäten ”%s” skickades till %s mottagare, och %s svarade (%s).",
                   v->survey.title, doc_int(a, v->survey.recipients),
                   doc_int(a, v->survey.answered),
                   doc_percent(a, v->survey.answered, v->survey.recipients));
    if (!v->responses)
        return;
    const char *head[] = {"Fråga", "Svar"};
    struct doc_table *t = doc_table(d, 2, head, 0);
    for (int i = 0; i < v->nquestions; i++) {
        const struct survey_result *res = &v->results[i];
        struct buf b;
        buf_init(&b);
        if (strcmp(res->q->kind, "scale") == 0 && res->answers)
            buf_printf(&b, "Medelvärde %s av 5 (%d svar)", doc_decimal(a, res->average),
                       res->answers);
        else if (strcmp(res->q->kind, "text") == 0 && res->ntexts)
            buf_printf(&b, "%d fritextsvar", res->ntexts);
        else if (strcmp(res->q->kind, "text") == 0)
            buf_puts(&b, "Inga fritextsvar");
        else
            for (int k = 0; k < res->ncounts; k++)
                if (res->counts[k].count)
                    buf_printf(&b, "%s%s: %d", b.len ? "; " : "", res->counts[k].label,
                               res->counts[k].count);
        const char *row[] = {res->q->text, b.len ? b.data : "Inga svar"};
        doc_row(d, t, row);
        buf_free(&b);
    }
}

static void
planned(struct document *d, const struct annual *r, struct arena *a)
{
    doc_heading(d, 1, "Särskild uppföljning");
    if (!r->has_plan) {
        doc_paragraphf(d, "Ingen plan för särskild uppföljning finns för %d.", r->key->year);
        written(d, r, "planned", NULL);
        return;
    }
    const struct control_plan *p = &r->plan.plan;
    char from[11], to[11];
    date_format(p->rule.from, from);
    date_format(p->rule.to, to);
    doc_paragraphf(d,
                   "Urvalet omfattar de enheter under avtalet %s som hade minst %d placeringar "
                   "inledda %s–%s%s. Urvalet omfattar %s enheter%s.",
                   p->rule.case_ref, p->rule.min_placements, from, to,
                   r->plan.n_risk ? ", och enheter som har lagts till utifrån risk" : "",
                   doc_int(a, r->plan.n_sample),
                   r->plan.frozen ? " och fastställdes med planen" : "");
    if (r->plan.n_sample) {
        const char *head[] = {"Utförare", "Enhet", "Placeringar", "Skäl"};
        struct doc_table *t = doc_table(d, 4, head, 0x4);
        const char **labels = arena_alloc(a, sizeof *labels * (size_t)r->plan.n_sample);
        double *values = arena_alloc(a, sizeof *values * (size_t)r->plan.n_sample);
        for (int i = 0; i < r->plan.n_sample; i++) {
            const struct sample_unit *u = &r->plan.sample[i];
            const char *row[] = {u->organisation, u->unit, doc_int(a, u->placements), u->reason};
            doc_row(d, t, row);
            labels[i] = u->unit;
            values[i] = u->placements;
        }
        doc_chart(d, "Placeringar per enhet i urvalet", "st", r->plan.n_sample, labels, values);
    }
    doc_heading(d, 2, "Översiktlig uppföljning");
    doc_heading(d, 3, "Kontroller hos IVO");
    const char *ihead[] = {"Utförare", "Dokument från IVO"};
    struct doc_table *ivo = doc_table(d, 2, ihead, 0);
    for (int i = 0; i < r->nprogress; i++) {
        const struct plan_progress_row *row = &r->progress[i];
        struct buf b;
        buf_init(&b);
        for (int k = 0; k < row->n_ivo; k++)
            buf_printf(&b, "%s%s %s%s%s", k ? "; " : "",
                       code_label_or_empty(ivo_record_kinds, row->ivo[k].ivo_kind),
                       day(a, row->ivo[k].checked_on), *row->ivo[k].reference ? ", " : "",
                       row->ivo[k].reference);
        const char *cells[] = {row->unit->organisation, b.len ? b.data : "Inga dokument"};
        doc_row(d, ivo, cells);
        buf_free(&b);
    }
    doc_heading(d, 3, "Ekonomiska kontroller");
    const char *ehead[] = {"Utförare", "Kreditupplysning", "Skatter och avgifter"};
    struct doc_table *eco = doc_table(d, 3, ehead, 0);
    for (int i = 0; i < r->nprogress; i++) {
        const struct plan_progress_row *row = &r->progress[i];
        const char *credit =
            row->credit ? arena_printf(a, "%s %d (gräns %d)%s, %s",
                                       code_label_or_empty(credit_bureaus, row->credit->bureau),
                                       row->credit->value, row->credit->threshold,
                                       row->credit->passed ? "" : ": under gränsen",
                                       day(a, row->credit->checked_on))
                        : "Ingen kreditupplysning";
        const char *tax =
            row->tax ? arena_printf(a, "%s, %s", row->tax->passed ? "Utan anmärkning" : "Brister",
                                    day(a, row->tax->checked_on))
                     : "Ingen kontroll";
        const char *cells[] = {row->unit->organisation, credit, tax};
        doc_row(d, eco, cells);
    }
    for (int i = 0; i < r->nsurveys; i++) {
        const struct survey_view *v = &r->surveys[i];
        doc_heading(d, 3,
                    strcmp(v->survey.audience, "case_workers") == 0 ? "Enkät till socialsekreterare"
                    : strcmp(v->survey.audience, "providers") == 0  ? "Enkät till leverantör"
                                                                    : v->survey.title);
        report_survey_section(d, v, a);
    }
    if (r->nsurveys) {
        const char **labels = arena_alloc(a, sizeof *labels * (size_t)r->nsurveys);
        double *values = arena_alloc(a, sizeof *values * (size_t)r->nsurveys);
        for (int i = 0; i < r->nsurveys; i++) {
            labels[i] = code_label_or_empty(survey_audiences, r->surveys[i].survey.audience);
            values[i] = r->surveys[i].survey.recipients ? 100.0 * r->surveys[i].survey.answered /
                                                              r->surveys[i].survey.recipients
                                                        : 0;
        }
        doc_chart(d, "Svarsfrekvens per enkät", "%", r->nsurveys, labels, values)->max = 100;
    }
    written(d, r, "planned", NULL);
    doc_heading(d, 2, "Fördjupad uppföljning");
    if (!r->nindepth)
        doc_paragraph(d, "Ingen fördjupad uppföljning har gjorts under året.");
}

/* Each in-depth follow-up of the year with its focus areas, meetings and assessment. */
static int
in_depth(struct store *st, const struct actor *who, struct document *d, const struct annual *r,
         struct arena *a, struct insyn_err *err)
{
    for (int i = 0; i < r->nindepth; i++) {
        struct investigation_view v;
        if (app_investigation_get(st, who, r->in_depth[i].id, a, &v, err))
            return err->code;
        doc_heading(d, 3, arena_printf(a, "Fördjupad uppföljning av %s", v.inv.organisation_name));
        doc_paragraphf(d, "Uppföljningen inleddes %s. Skäl: %s", day(a, v.inv.opened_on),
                       v.inv.reason);
        if (v.n_meetings) {
            const char **items = arena_alloc(a, sizeof *items * (size_t)v.n_meetings);
            for (int k = 0; k < v.n_meetings; k++)
                items[k] =
                    arena_printf(a, "Möte %s%s%s", day(a, v.meetings[k].held_on),
                                 *v.meetings[k].findings ? ": " : "", v.meetings[k].findings);
            doc_list(d, items, v.n_meetings);
        }
        if (v.n_areas) {
            const char *head[] = {"Fokusområde", "Iakttagelser"};
            struct doc_table *t = doc_table(d, 2, head, 0);
            for (int k = 0; k < v.n_areas; k++) {
                const char *row[] = {v.areas[k].area,
                                     *v.areas[k].findings ? v.areas[k].findings : "Pågår"};
                doc_row(d, t, row);
            }
        }
        if (strcmp(v.inv.status, "closed") == 0)
            doc_paragraphf(d, "Bedömning (%s): %s%s%s", day(a, v.inv.closed_on),
                           code_label_or_empty(investigation_outcomes, v.inv.outcome),
                           *v.inv.outcome_summary ? ". " : "", v.inv.outcome_summary);
        else
            doc_paragraph(d, "Uppföljningen pågår.");
    }
    return 0;
}

int
app_report_document(struct store *st, const struct actor *who, const struct report_key *key,
                    int today, struct arena *a, struct document *out, struct insyn_err *err)
{
    if (app_require(who, PERM_RISK_READ, err) || key_check(key, err))
        return err->code;
    if (strcmp(key->kind, "agreement") == 0) {
        struct report_view view;
        if (report_load(st, key, a, &view, err))
            return err->code;
        return report_agreement_document(st, who, key, &view, today, a, out, err);
    }
    struct annual r = {.key = key, .today = today};
    int rc = report_load(st, key, a, &r.view, err) || annual_read(st, who, &r, a, err);
    if (!rc) {
        const struct report *m = &r.view.report;
        doc_init(out, a, r.view.title, *m->officer ? m->officer : who->name, "Socialförvaltningen");
        memo(out, &r, a);
        doc_appendix(out, arena_printf(a,
                                       "Rapport om kontroll och uppföljning av privata "
                                       "utförare %d",
                                       key->year));
        char now[21], when[40];
        app_timestamp(0, now);
        app_local_time(now, "%Y-%m-%d kl. %H.%M", when, sizeof when);
        doc_paragraphf(out, "Sammanställd ur insyn %s.", when);
        background(out, &r, a);
        continuous(out, &r, a);
        event_driven(out, &r, a);
        planned(out, &r, a);
        rc = in_depth(st, who, out, &r, a, err);
        if (!rc) {
            doc_heading(out, 1, "Bedömning och slutsatser");
            written(out, &r, "assessment",
                    "Förvaltningens bedömning och slutsatser har inte "
                    "skrivits ännu.");
        }
    }
    return rc ? err->code : 0;
}

/* ---- formats ---- */

int
report_format_parse(const char *s, enum report_format *out)
{
    if (s && strcmp(s, "pdf") == 0)
        *out = REPORT_PDF;
    else if (s && strcmp(s, "odt") == 0)
        *out = REPORT_ODT;
    else if (s && strcmp(s, "docx") == 0)
        *out = REPORT_DOCX;
    else
        return -1;
    return 0;
}

const char *
report_format_mime(enum report_format f)
{
    switch (f) {
    case REPORT_ODT:
        return "application/vnd.oasis.opendocument.text";
    case REPORT_DOCX:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    default:
        return "application/pdf";
    }
}

const char *
report_format_ext(enum report_format f)
{
    return f == REPORT_ODT ? "odt" : f == REPORT_DOCX ? "docx" : "pdf";
}

int
app_report_write(const struct document *d, enum report_format f, struct buf *out,
                 struct insyn_err *err)
{
    char reason[200] = "";
    int rc = f == REPORT_ODT    ? odt_write(d, out, reason, sizeof reason)
             : f == REPORT_DOCX ? docx_write(d, out, reason, sizeof reason)
                                : pdf_write(d, out, reason, sizeof reason);
    if (rc)
        return err_incident(err, "report writer failed: %s", reason);
    return 0;
}
