/* page_reports.c — Rapporter: the committee's annual report of a year (/rapporter/ar/YEAR):
 * the memo's particulars and the text sections the officer writes (each save a version), and
 * the report itself made from the data on download, as PDF or ODT. */
#include "web/web.h"

#include "app/reports.h"
#include "core/date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const struct input_field text_fields[] = {
    {"body", 0}, {"base_version", 0}, {"section", 0}, {NULL, 0}};

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
    json_t *years = json_array();
    for (int y = year; y >= year - 1; y--)
        json_array_append_new(years, json_pack("{s:i, s:b}", "year", y, "written", 0));
    for (int i = 0; i < n; i++) {
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
    render_page(req, 200, "reports", "Rapporter", json_pack("{s:o}", "years", years));
}

/* The year of the path, or 0. */
static int
path_year(struct request *req)
{
    long long y = req_id(req, 0);
    return y >= 2000 && y <= 2100 ? (int)y : 0;
}

/* The annual report's page; `failed` names the form whose state is given (NULL for none). */
static void
report_page(struct request *req, int status, const char *failed, const char *failed_section,
            json_t *state)
{
    struct report_key key = {"annual", path_year(req), 0};
    struct report_view v;
    struct insyn_err err = {.arena = req->arena};
    if (!key.year || app_report_get(req->store, &req->actor, &key, req->arena, &v, &err)) {
        json_decref(state);
        respond_error(req, key.year ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    int can_write = role_may(req->actor.role, PERM_REPORT_WRITE);
    json_t *sections = json_array();
    int placed = 0; /* whether a failed text form found its section */
    for (int i = 0; i < annual_section_count; i++) {
        const struct report_section_def *s = &annual_sections[i];
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
        json_pack("{s:i, s:s, s:o, s:o, s:o, s:b}", "year", key.year, "title", v.title, "memo",
                  memo, "memo_form", memo_form, "sections", sections, "can_write", can_write);
    if (failed && strcmp(failed, "text") == 0 && !placed)
        json_object_set_new(data, "top_form", json_incref(state));
    json_decref(state);
    json_object_set_new(data, "saved", json_boolean(kv_get(&req->query, "sparad") != NULL));
    render_page(req, status, "report", v.title, data);
}

void
page_report(struct request *req)
{
    report_page(req, 200, NULL, NULL, json_object());
}

void
page_report_memo(struct request *req)
{
    struct report_key key = {"annual", path_year(req), 0};
    struct report_input in = {0};
    input_from_form(req, &in, report_input_fields);
    struct report out;
    struct insyn_err err = {.arena = req->arena};
    if (!key.year ||
        app_report_save_memo(req->store, &req->actor, &key, &in, req->arena, &out, &err)) {
        if (key.year && err.code == INSYN_EINVAL)
            report_page(req, 422, "memo", NULL, form_state(req, report_input_fields, &err));
        else
            respond_error(req, key.year ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    resp_redirect(req,
                  arena_printf(req->arena, "/rapporter/ar/%d?sparad=1#tjansteskrivelse", key.year));
}

void
page_report_text(struct request *req)
{
    struct report_key key = {"annual", path_year(req), 0};
    const char *section = kv_get(&req->form, "section");
    struct insyn_err err = {.arena = req->arena};
    int version;
    if (!key.year ||
        app_report_save_text(req->store, &req->actor, &key, section, kv_get(&req->form, "body"),
                             kv_get(&req->form, "base_version"), req->arena, &version, &err)) {
        if (key.year && (err.code == INSYN_EINVAL || err.code == INSYN_ECONFLICT)) {
            /* the text stays in the form; a stale one says so, beside the latest version */
            if (err.code == INSYN_ECONFLICT)
                err_field(&err, 0, "body", "%s", err.message);
            report_page(req, err.code == INSYN_ECONFLICT ? 409 : 422, "text", section,
                        form_state(req, text_fields, &err));
        } else
            respond_error(req, key.year ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    resp_redirect(
        req, arena_printf(req->arena, "/rapporter/ar/%d?sparad=1#avsnitt-%s", key.year, section));
}

void
page_report_versions(struct request *req)
{
    struct report_key key = {"annual", path_year(req), 0};
    const char *section = kv_get(&req->query, "avsnitt");
    struct report_text *items;
    int n;
    struct insyn_err err = {.arena = req->arena};
    if (key.year && !report_section_find("annual", section)) { /* no section: the report */
        resp_redirect(req, arena_printf(req->arena, "/rapporter/ar/%d#texter", key.year));
        return;
    }
    if (!key.year || app_report_text_versions(req->store, &req->actor, &key, section, req->arena,
                                              &items, &n, &err)) {
        respond_error(req, key.year ? err.code : INSYN_ENOTFOUND, &err);
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
    const struct report_section_def *def = report_section_find("annual", section);
    render_page(req, 200, "report_versions", "Tidigare versioner",
                json_pack("{s:i, s:s, s:o, s:b}", "year", key.year, "heading", def->heading,
                          "versions", list, "has_versions", n > 0));
}

/* The report made from the data now, as a file to save. */
static void
download(struct request *req, enum report_format format)
{
    struct report_key key = {"annual", path_year(req), 0};
    struct document doc;
    struct insyn_err err = {.arena = req->arena};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct buf file;
    buf_init(&file);
    if (!key.year ||
        app_report_document(req->store, &req->actor, &key, app_today(), req->arena, &doc, &err) ||
        app_report_write(&doc, format, &file, &err)) {
        buf_free(&file);
        respond_error(req, key.year ? err.code : INSYN_ENOTFOUND, &err);
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
                arena_printf(req->arena, "attachment; filename=\"arsrapport-%d.%s\"", key.year,
                             report_format_ext(format)));
    resp_header(req, "Cache-Control", "no-store");
    /* how long the report took to make, for the page and for anyone measuring */
    resp_header(req, "Server-Timing", arena_printf(req->arena, "report;dur=%ld", ms));
}

void
page_report_pdf(struct request *req)
{
    download(req, REPORT_PDF);
}

void
page_report_odt(struct request *req)
{
    download(req, REPORT_ODT);
}

void
page_report_docx(struct request *req)
{
    download(req, REPORT_DOCX);
}
