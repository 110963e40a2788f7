/* page_reports.c — Rapporter: the committee's reports. The annual report of a year
 * (/rapporter/ar/YEAR) and the follow-up report of one agreement for a year
 * (/avtal/ID/rapport?ar=YEAR) share one page and its handlers, told apart by struct
 * report_place: the memo's particulars and the text sections the officer writes (each save a
 * version, a stale form refused), the earlier versions of a section, and the report itself made
 * from the data on download, as PDF, ODT or DOCX. */
#include "web/web.h"

#include "app/reports.h"
#include "core/date.h"
#include "core/stats.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const struct input_field text_fields[] = {
    {"body", 0}, {"base_version", 0}, {"section", 0}, {NULL, 0}};

/* Which report a request is about and where its pages are. */
struct report_place {
    struct report_key key;
    const char *base;  /* the report's path: "/rapporter/ar/2025", "/avtal/94/rapport" */
    const char *query; /* what its links carry: "", "?ar=2017" */
};

/* The annual report of the path's year; -1 for a path that names no year. */
static int
annual_place(struct request *req, struct report_place *p)
{
    long long y = req_id(req, 0);
    if (y < 2000 || y > 2100)
        return -1;
    p->key = (struct report_key){"annual", (int)y, 0};
    p->base = arena_printf(req->arena, "/rapporter/ar/%lld", y);
    p->query = "";
    return 0;
}

/* An agreement's report: the path's agreement, the year of ?ar= (the last full year when none
 * is given, since a year is reported when it has ended); -1 for a bad id or year. */
static int
agreement_place(struct request *req, struct report_place *p)
{
    long long id = req_id(req, 0);
    const char *asked = kv_get(&req->query, "ar");
    int year, month, day;
    date_to_ymd(app_today(), &year, &month, &day);
    year--;
    if (!id || (asked && (stats_parse_year(asked, &year) != 0 || year < 2000 || year > 2100)))
        return -1;
    p->key = (struct report_key){"agreement", year, id};
    p->base = arena_printf(req->arena, "/avtal/%lld/rapport", id);
    p->query = arena_printf(req->arena, "?ar=%d", year);
    return 0;
}

static int
place_of(struct request *req, const char *kind, struct report_place *p)
{
    return strcmp(kind, "annual") == 0 ? annual_place(req, p) : agreement_place(req, p);
}

/* The report's page with `then` after it: "?sparad=1#x", or "&sparad=1#x" after a year. */
static const char *
page_with(struct request *req, const struct report_place *p, const char *then)
{
    return arena_printf(req->arena, "%s%s%s%s", p->base, p->query, *p->query ? "&" : "?", then);
}

void
page_reports(struct request *req)
{
    struct report *items;
    int n;
    struct insyn_err err = {.arena = req->arena};
    if (app_report_list(req->store, &req->actor, req->arena, &items, &n, &err)) {
        respond_error(req, err.code, &err);
        return;
    }
    /* this year's and last year's annual reports are always offered; others once written */
    int year, month, day;
    date_to_ymd(app_today(), &year, &month, &day);
    json_t *years = json_array(), *agreements = json_array();
    for (int y = year; y >= year - 1; y--)
        json_array_append_new(years, json_pack("{s:i, s:b}", "year", y, "written", 0));
    for (int i = 0; i < n; i++) {
        if (strcmp(items[i].kind, "agreement") == 0) {
            json_array_append_new(agreements,
                                  json_pack("{s:I, s:i, s:s, s:s}", "agreement_id",
                                            (json_int_t)items[i].agreement_id, "year",
                                            items[i].year, "case_ref", items[i].agreement_case_ref,
                                            "title", items[i].agreement_title));
            continue;
        }
        if (strcmp(items[i].kind, "annual") != 0)
            continue;
        int known = 0;
        size_t k;
        json_t *y;
        json_array_foreach(years, k, y)
        {
            if (json_integer_value(json_object_get(y, "year")) == items[i].year) {
                json_object_set_new(y, "written", json_true());
                known = 1;
            }
        }
        if (!known)
            json_array_append_new(years,
                                  json_pack("{s:i, s:b}", "year", items[i].year, "written", 1));
    }
    render_page(req, 200, "reports", "Rapporter",
                json_pack("{s:o, s:o, s:b}", "years", years, "agreements", agreements,
                          "has_agreements", json_array_size(agreements) > 0));
}

/* An agreement report's context: the agreement, and the years to choose among, from its start
 * to its end or this year, and the year shown when it lies outside them. */
static json_t *
agreement_json_of(const struct report_view *v, int shown)
{
    const struct agreement *g = v->agreement;
    int first, last, month, day, now;
    date_to_ymd(g->start, &first, &month, &day);
    date_to_ymd(g->end, &last, &month, &day);
    date_to_ymd(app_today(), &now, &month, &day);
    if (last > now)
        last = now;
    json_t *years = json_array();
    if (shown > last)
        json_array_append_new(years, json_pack("{s:i, s:b}", "value", shown, "selected", 1));
    for (int y = last; y >= first; y--)
        json_array_append_new(years, json_pack("{s:i, s:b}", "value", y, "selected", y == shown));
    if (shown < first)
        json_array_append_new(years, json_pack("{s:i, s:b}", "value", shown, "selected", 1));
    return json_pack("{s:I, s:s, s:s, s:s, s:o}", "id", (json_int_t)g->id, "case_ref", g->case_ref,
                     "title", g->title, "organisation", g->organisation_name, "years", years);
}

void
agreement_report_data(struct request *req, const struct agreement *g, json_t *data)
{
    if (!role_may(req->actor.role, PERM_RISK_READ) || !role_is_internal(req->actor.role))
        return;
    int first, last, now, month, day;
    date_to_ymd(g->start, &first, &month, &day);
    date_to_ymd(g->end, &last, &month, &day);
    date_to_ymd(app_today(), &now, &month, &day);
    if (last > now)
        last = now;
    int chosen = now - 1 > last ? last : now - 1 < first ? first : now - 1;
    json_t *years = json_array();
    for (int y = last; y >= first; y--)
        json_array_append_new(years, json_pack("{s:i, s:b}", "value", y, "selected", y == chosen));
    json_object_set_new(data, "report",
                        json_pack("{s:o, s:b, s:b}", "years", years, "has_years",
                                  json_array_size(years) > 0, "can_survey",
                                  role_may(req->actor.role, PERM_PLAN_WRITE)));
}

/* The report's page; `failed` names the form whose state is given (NULL for none). */
static void
report_page(struct request *req, const char *kind, int status, const char *failed,
            const char *failed_section, json_t *state)
{
    struct report_place p;
    struct report_view v;
    struct insyn_err err = {.arena = req->arena};
    if (place_of(req, kind, &p) != 0 ||
        app_report_get(req->store, &req->actor, &p.key, req->arena, &v, &err)) {
        json_decref(state);
        respond_error(req, err.code ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    int can_write = role_may(req->actor.role, PERM_REPORT_WRITE);
    int ndefs;
    const struct report_section_def *defs = report_sections(kind, &ndefs);
    json_t *sections = json_array();
    int placed = 0; /* whether a failed text form found its section */
    for (int i = 0; i < ndefs; i++) {
        const struct report_section_def *s = &defs[i];
        const struct report_text *t = report_view_text(&v, s->code);
        char when[32] = "";
        if (t)
            app_local_time(t->created_at, "%Y-%m-%d %H.%M", when, sizeof when);
        json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:i, s:s, s:s}", "code", s->code, "heading",
                              s->heading, "hint", s->hint, "body", t ? t->body : "", "version",
                              t ? t->version : 0, "author", t ? t->author_name : "", "when", when);
        json_object_set_new(j, "written", json_boolean(t && *t->body));
        if (failed && strcmp(failed, "text") == 0 && failed_section &&
            strcmp(failed_section, s->code) == 0) {
            /* the summary links to this section's text box */
            size_t k;
            json_t *item;
            json_array_foreach(json_object_get(state, "error_list"), k, item) json_object_set_new(
                item, "href", json_string(arena_printf(req->arena, "#text-%s", s->code)));
            json_object_set_new(j, "form", json_incref(state));
            placed = 1;
            json_object_set_new(
                j, "body", json_incref(json_object_get(json_object_get(state, "values"), "body")));
        }
        json_array_append_new(sections, j);
    }
    const struct report *m = &v.report;
    char date[11];
    date_format(m->memo_date, date);
    json_t *memo = json_pack("{s:s, s:s, s:s, s:s, s:s}", "committee", m->committee, "case_ref",
                             m->case_ref, "officer", m->officer, "memo_date", date,
                             "proposed_decision", m->proposed_decision);
    json_t *memo_form = failed && strcmp(failed, "memo") == 0
                            ? json_incref(state)
                            : json_pack("{s:o, s:o, s:[]}", "values", json_deep_copy(memo),
                                        "errors", json_object(), "error_list");
    json_t *data =
        json_pack("{s:i, s:s, s:o, s:o, s:o, s:b}", "year", p.key.year, "title", v.title, "memo",
                  memo, "memo_form", memo_form, "sections", sections, "can_write", can_write);
    json_object_set_new(
        data, "links",
        json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "page",
                  arena_printf(req->arena, "%s%s", p.base, p.query), "memo",
                  arena_printf(req->arena, "%s/tjansteskrivelse%s", p.base, p.query), "text",
                  arena_printf(req->arena, "%s/text%s", p.base, p.query), "versions",
                  arena_printf(req->arena, "%s/versioner%s%savsnitt=", p.base, p.query,
                               *p.query ? "&" : "?"),
                  "pdf", arena_printf(req->arena, "%s/pdf%s", p.base, p.query), "odt",
                  arena_printf(req->arena, "%s/odt%s", p.base, p.query), "docx",
                  arena_printf(req->arena, "%s/docx%s", p.base, p.query)));
    if (v.agreement)
        json_object_set_new(data, "agreement", agreement_json_of(&v, p.key.year));
    if (failed && strcmp(failed, "text") == 0 && !placed)
        json_object_set_new(data, "top_form", json_incref(state));
    json_decref(state);
    json_object_set_new(data, "saved", json_boolean(kv_get(&req->query, "sparad") != NULL));
    render_page(req, status, "report", v.title, data);
}

static void
report_memo(struct request *req, const char *kind)
{
    struct report_place p;
    struct report_input in = {0};
    input_from_form(req, &in, report_input_fields);
    struct report out;
    struct insyn_err err = {.arena = req->arena};
    if (place_of(req, kind, &p) != 0) {
        respond_error(req, INSYN_ENOTFOUND, &err);
        return;
    }
    if (app_report_save_memo(req->store, &req->actor, &p.key, &in, req->arena, &out, &err)) {
        if (err.code == INSYN_EINVAL)
            report_page(req, kind, 422, "memo", NULL, form_state(req, report_input_fields, &err));
        else
            respond_error(req, err.code, &err);
        return;
    }
    resp_redirect(req, page_with(req, &p, "sparad=1#tjansteskrivelse"));
}

static void
report_text(struct request *req, const char *kind)
{
    struct report_place p;
    const char *section = kv_get(&req->form, "section");
    struct insyn_err err = {.arena = req->arena};
    int version;
    if (place_of(req, kind, &p) != 0) {
        respond_error(req, INSYN_ENOTFOUND, &err);
        return;
    }
    if (app_report_save_text(req->store, &req->actor, &p.key, section, kv_get(&req->form, "body"),
                             kv_get(&req->form, "base_version"), req->arena, &version, &err)) {
        if (err.code == INSYN_EINVAL || err.code == INSYN_ECONFLICT) {
            /* the text stays in the form; a stale one says so, beside the latest version */
            if (err.code == INSYN_ECONFLICT)
                err_field(&err, 0, "body", "%s", err.message);
            report_page(req, kind, err.code == INSYN_ECONFLICT ? 409 : 422, "text", section,
                        form_state(req, text_fields, &err));
        } else
            respond_error(req, err.code, &err);
        return;
    }
    resp_redirect(req,
                  page_with(req, &p, arena_printf(req->arena, "sparad=1#avsnitt-%s", section)));
}

static void
report_versions(struct request *req, const char *kind)
{
    struct report_place p;
    const char *section = kv_get(&req->query, "avsnitt");
    struct report_text *items;
    int n;
    struct insyn_err err = {.arena = req->arena};
    if (place_of(req, kind, &p) != 0) {
        respond_error(req, INSYN_ENOTFOUND, &err);
        return;
    }
    const struct report_section_def *def = report_section_find(kind, section);
    if (!def) { /* no section: the report */
        resp_redirect(req, arena_printf(req->arena, "%s%s#texter", p.base, p.query));
        return;
    }
    struct report_view v;
    if (app_report_get(req->store, &req->actor, &p.key, req->arena, &v, &err) ||
        app_report_text_versions(req->store, &req->actor, &p.key, section, req->arena, &items, &n,
                                 &err)) {
        respond_error(req, err.code, &err);
        return;
    }
    json_t *list = json_array();
    for (int i = 0; i < n; i++) {
        char when[32] = "";
        app_local_time(items[i].created_at, "%Y-%m-%d %H.%M", when, sizeof when);
        json_array_append_new(list, json_pack("{s:i, s:s, s:s, s:s}", "version", items[i].version,
                                              "author", items[i].author_name, "when", when, "body",
                                              items[i].body));
    }
    render_page(req, 200, "report_versions", "Tidigare versioner",
                json_pack("{s:i, s:s, s:s, s:s, s:o, s:b}", "year", p.key.year, "heading",
                          def->heading, "report", v.title, "page",
                          arena_printf(req->arena, "%s%s", p.base, p.query), "versions", list,
                          "has_versions", n > 0));
}

/* A download's name without its extension: "arsrapport-2025"; an agreement's by its case
 * reference in letters, digits and hyphens: "avtalsuppfoljning-SN-2015-0291-2017". */
static const char *
file_name(struct request *req, const struct report_place *p, const struct report_view *v)
{
    if (!v->agreement)
        return arena_printf(req->arena, "arsrapport-%d", p->key.year);
    const char *ref = v->agreement->case_ref;
    char *clean = arena_alloc(req->arena, strlen(ref) + 1);
    size_t n = 0;
    for (const char *c = ref; *c; c++) {
        int keep = (*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9');
        if (keep)
            clean[n++] = *c;
        else if (n && clean[n - 1] != '-')
            clean[n++] = '-';
    }
    while (n && clean[n - 1] == '-')
        n--;
    clean[n] = '\0';
    return arena_printf(req->arena, "avtalsuppfoljning-%s%s%d", clean, n ? "-" : "", p->key.year);
}

/* The report made from the data now, as a file to save. */
static void
download(struct request *req, const char *kind, enum report_format format)
{
    struct report_place p;
    struct document doc;
    struct insyn_err err = {.arena = req->arena};
    if (place_of(req, kind, &p) != 0) {
        respond_error(req, INSYN_ENOTFOUND, &err);
        return;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct buf file;
    buf_init(&file);
    struct report_view v;
    if (app_report_get(req->store, &req->actor, &p.key, req->arena, &v, &err) ||
        app_report_document(req->store, &req->actor, &p.key, app_today(), req->arena, &doc, &err) ||
        app_report_write(&doc, format, &file, &err)) {
        buf_free(&file);
        respond_error(req, err.code, &err);
        return;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    buf_reset(&req->out);
    buf_append(&req->out, file.data, file.len);
    buf_free(&file);
    req->status = 200;
    req->content_type = report_format_mime(format);
    resp_header(req, "Content-Disposition",
                arena_printf(req->arena, "attachment; filename=\"%s.%s\"", file_name(req, &p, &v),
                             report_format_ext(format)));
    resp_header(req, "Cache-Control", "no-store");
    /* how long the report took to make, for the page and for anyone measuring */
    resp_header(req, "Server-Timing", arena_printf(req->arena, "report;dur=%ld", ms));
}

/* ---- the annual report: /rapporter/ar/YEAR ---- */

void
page_report(struct request *req)
{
    report_page(req, "annual", 200, NULL, NULL, json_object());
}

void
page_report_memo(struct request *req)
{
    report_memo(req, "annual");
}

void
page_report_text(struct request *req)
{
    report_text(req, "annual");
}

void
page_report_versions(struct request *req)
{
    report_versions(req, "annual");
}

void
page_report_pdf(struct request *req)
{
    download(req, "annual", REPORT_PDF);
}

void
page_report_odt(struct request *req)
{
    download(req, "annual", REPORT_ODT);
}

/* ---- an agreement's report: /avtal/ID/rapport?ar=YEAR ---- */

void
page_agreement_report(struct request *req)
{
    report_page(req, "agreement", 200, NULL, NULL, json_object());
}

void
page_agreement_report_memo(struct request *req)
{
    report_memo(req, "agreement");
}

void
page_agreement_report_text(struct request *req)
{
    report_text(req, "agreement");
}

void
page_agreement_report_versions(struct request *req)
{
    report_versions(req, "agreement");
}

void
page_agreement_report_pdf(struct request *req)
{
    download(req, "agreement", REPORT_PDF);
}

void
page_agreement_report_odt(struct request *req)
{
    download(req, "agreement", REPORT_ODT);
}

void
page_report_docx(struct request *req)
{
    download(req, "annual", REPORT_DOCX);
}

void
page_agreement_report_docx(struct request *req)
{
    download(req, "agreement", REPORT_DOCX);
}
