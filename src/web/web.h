/* web.h — requests, responses and handlers of the web application.
 *
 * A request arrives from libmicrohttpd with its body read in full (up to a limit). The
 * router finds the route, checks its permission against the actor (from the session
 * cookie or an API token), checks the CSRF token for any state-changing browser request,
 * and calls the handler with a database connection from the pool. Handlers parse, call
 * one use case in app/ and render a page or a JSON body; they never touch SQL. */
#ifndef INSYN_WEB_H
#define INSYN_WEB_H

#include "app/app.h"
#include "core/arena.h"
#include "core/buf.h"

#include <jansson.h>

struct kv {
    const char *key, *value;
};

struct kv_list {
    struct kv *items;
    int n, cap;
};

struct web_config {
    int horizon_months;  /* the overview's default look-ahead */
    int decision_months; /* how early an agreement that cannot be extended is flagged */
    int secure_cookies;  /* add Secure to cookies (behind TLS) */
    /* Where users reach the service ("https://insyn.kommun.se") for absolute links, from
     * --public-url; "" for the address the server listens on (see req_base_url). */
    char public_url[256];
    /* The reverse proxy's address (canonical, core/client_addr.h), or NULL. Only a request
     * from it is taken to come from the last hop of its X-Forwarded-For. */
    const char *trusted_proxy;
    int login_window_seconds; /* 0: LOGIN_WINDOW_SECONDS */
};

/* A file sent in a multipart/form-data form. */
struct upload {
    const char *field, *filename, *content_type;
    const char *data;
    size_t len;
    int too_large; /* more than UPLOAD_MAX bytes: data holds none of it */
};
#define UPLOAD_MAX (5 * 1024 * 1024)

struct request {
    struct arena *arena;
    const struct web_config *config;
    struct store *store;
    void *connection; /* struct MHD_Connection; NULL when the request is made up (fuzzing, tests) */
    struct kv_list in_headers, in_cookies; /* a made-up request's headers and cookies */
    const char *method, *path;
    const char *client_address; /* canonical; NULL when not known (a made-up request) */
    const char *params[8];      /* values of :id segments in the route pattern */
    struct kv_list query, form;
    const char *body;
    size_t body_len;
    struct upload *uploads; /* files of a multipart form */
    int n_uploads;
    int is_api;
    /* who is asking */
    struct actor actor;
    long long data_version; /* the newest audit id read with the session, -1 when not read */
    int logged_in;
    int via_token;
    const char *session_token;
    const char *csrf; /* the session's CSRF token */
    /* the response */
    int status;
    const char *content_type;
    struct buf out;
    struct kv_list headers;
};

typedef void (*handler_fn)(struct request *req);

struct route {
    const char *method;
    const char *pattern; /* segments; ":name" matches one segment */
    handler_fn handler;
    enum perm perm;
    int api; /* JSON API: answers errors as problem+json */
};

extern const struct route routes[];

int web_serve(const char *db_path, const char *listen, const struct web_config *config);
/* Checks and normalises a public URL (http or https, a host name or address, an optional port
 * and path; no trailing slash) into out. Returns 0, or -1 with nothing written. */
int web_public_url(const char *in, char out[256]);
/* Dispatches a request whose method, path, query, form and body are set. */
void web_dispatch(struct request *req, struct store_pool *pool);

/* ---- helpers for handlers ---- */
void kv_add(struct arena *a, struct kv_list *l, const char *key, const char *value);
const char *kv_get(const struct kv_list *l, const char *key);
/* All values of key joined by newlines (multi-selects), or NULL. */
const char *kv_joined(struct arena *a, const struct kv_list *l, const char *key);
void parse_urlencoded(struct arena *a, const char *body, size_t len, struct kv_list *out);
const char *req_header(struct request *req, const char *name);
const char *req_cookie(struct request *req, const char *name);
/* The start of every absolute link: the configured public URL, else the address the request
 * came in on ("http://127.0.0.1:8080"); never the Host header, which the sender chooses.
 * NULL when neither is known (then links are left out). */
const char *req_base_url(struct request *req);
long long req_id(struct request *req, int index); /* the :id path parameter, 0 when bad */
int req_int(struct request *req, const char *name, int dflt, int min, int max);
/* What decides a list's total: the provider scope, the path and the query without paging. */
char *req_filter_key(struct request *req);
void resp_header(struct request *req, const char *name, const char *value);
void resp_redirect(struct request *req, const char *location);
/* A download: the bytes, saved under `name` (RFC 5987, any UTF-8). */
void resp_file(struct request *req, const char *name, const void *data, size_t size);
void resp_json(struct request *req, int status, json_t *body); /* steals body */
/* The data version the caches are keyed on: the one read with the session, or read now. */
long long req_data_version(struct request *req);
void resp_json_text(struct request *req, int status, const char *body,
                    size_t len); /* JSON already written */
/* application/problem+json with a Swedish detail and the field errors. */
void resp_problem(struct request *req, int status, const char *detail, const struct insyn_err *err);
/* The request body as a JSON object; NULL after answering 415 (not JSON) or 400 (malformed). */
json_t *api_json_body(struct request *req);
/* Fills an input struct from the request's JSON body (input_from_json); -1 after answering the
 * problem (415, 400, or 422 naming the fields of the wrong type). */
int api_input(struct request *req, void *input, const struct input_field *fields,
              struct insyn_err *err);
/* Answers an API error as problem+json (ESYS when the error has no code). */
void api_fail(struct request *req, const struct insyn_err *err);
/* The HTTP status for an error code. */
int status_for(int code);

/* Renders templates/<name>.html into the layout with title and data (data is stolen). */
void render_page(struct request *req, int status, const char *name, const char *title,
                 json_t *data);
/* The layout around a body write_body appends to out (from a cache, without a copy between);
 * returns what write_body returned. */
int render_page_with(struct request *req, int status, const char *title,
                     int (*write_body)(struct buf *out, void *ctx), void *ctx);
/* An error page or problem, depending on the route. */
void respond_error(struct request *req, int code, const struct insyn_err *err);
/* A form's values and errors, for re-rendering it after a failed submit. */
json_t *form_state(struct request *req, const struct input_field *fields,
                   const struct insyn_err *err);
/* Fills an input struct from the submitted form fields. */
void input_from_form(struct request *req, void *input, const struct input_field *fields);
json_t *paging_json(struct request *req, int page, int per_page, int total);
/* The entity's audit history for the page, or null when the actor may not read it. */
json_t *page_history_json(struct request *req, const char *entity, long long id);

/* Handlers, one file per resource. */
void page_login_form(struct request *req);
void page_login(struct request *req);
void page_logout(struct request *req);
void page_home(struct request *req);
void page_dashboard(struct request *req);
void page_my_tasks(struct request *req);
void page_routines(struct request *req);
void page_routine(struct request *req);
void page_routine_new(struct request *req);
void page_routine_create(struct request *req);
void page_routine_edit(struct request *req);
void page_routine_update(struct request *req);
void page_activity_new(struct request *req);
void page_activity_create(struct request *req);
void page_activity_edit(struct request *req);
void page_activity_update(struct request *req);
void page_substitutes(struct request *req);
void page_substitute_create(struct request *req);
void page_calendar(struct request *req);
void page_calendar_create(struct request *req);
void page_calendar_revoke(struct request *req);
void page_calendar_feed(struct request *req);
void page_organisations(struct request *req);
void page_organisation(struct request *req);
void page_organisation_new(struct request *req);
void page_organisation_create(struct request *req);
void page_organisation_edit(struct request *req);
void page_organisation_update(struct request *req);
void page_unit(struct request *req);
void page_unit_new(struct request *req);
void page_unit_create(struct request *req);
void page_unit_edit(struct request *req);
void page_unit_update(struct request *req);
void page_agreements(struct request *req);
void page_agreement(struct request *req);
void page_agreement_new(struct request *req);
void page_agreement_create(struct request *req);
void page_agreement_edit(struct request *req);
void page_agreement_update(struct request *req);
void page_agreement_extend(struct request *req);
void page_followup(struct request *req);
void page_record_form(struct request *req);
void page_record_save(struct request *req);
void page_record_correct(struct request *req);
void page_record_sign(struct request *req);
void page_attachment_upload(struct request *req);
void page_attachment_download(struct request *req);
void page_static(struct request *req);
void page_healthz(struct request *req);

void api_organisations_list(struct request *req);
void api_organisation_get(struct request *req);
void api_organisation_create(struct request *req);
void api_organisation_patch(struct request *req);
void api_units_list(struct request *req);
void api_unit_get(struct request *req);
void api_unit_create(struct request *req);
void api_unit_patch(struct request *req);
void api_agreements_list(struct request *req);
void api_agreement_get(struct request *req);
void api_agreement_create(struct request *req);
void api_agreement_patch(struct request *req);
void api_dashboard(struct request *req);
void api_history(struct request *req);
void api_agreement_followups(struct request *req);
void api_followup_get(struct request *req);
void api_record_create(struct request *req);
void api_record_patch(struct request *req);
void api_record_sign(struct request *req);

/* signals and the coordinators' meetings */
/* "3 signaler väntar på genomgång", in words that agree with the number. */
const char *signals_waiting(struct arena *a, int n);
void page_signals(struct request *req);
void page_signal_new(struct request *req);
void page_signal_create(struct request *req);
void page_signal(struct request *req);
void page_meetings(struct request *req);
void page_meeting_create(struct request *req);
void page_meeting(struct request *req);
void page_settings(struct request *req);
void page_settings_save(struct request *req);
void api_signals_list(struct request *req);
void api_signal_create(struct request *req);
void api_signal_get(struct request *req);
void api_meetings_list(struct request *req);
void api_meeting_create(struct request *req);
void api_meeting_get(struct request *req);
void api_candidates(struct request *req);
void api_settings_get(struct request *req);
void api_settings_patch(struct request *req);
/* event-driven follow-ups and sanctions (page_investigations.c, api_investigations.c) */
void page_investigations(struct request *req);
void page_investigation_new(struct request *req);
void page_investigation_create(struct request *req);
void page_investigation(struct request *req);
void page_investigation_area_create(struct request *req);
void page_investigation_meeting_create(struct request *req);
void page_investigation_area_update(struct request *req);
void api_investigation_area_patch(struct request *req);
void page_investigation_close(struct request *req);
void page_sanction_new(struct request *req);
void page_sanction_create(struct request *req);
void api_investigations_list(struct request *req);
void api_investigation_create(struct request *req);
void api_investigation_get(struct request *req);
void api_investigation_area_create(struct request *req);
void api_investigation_meeting_create(struct request *req);
void api_investigation_close(struct request *req);
void api_sanctions_list(struct request *req);
void api_sanction_create(struct request *req);
/* The agreement page's part: "termination" {cause, cause_label, terminated_on} when it ended
 * early, and for risk.read its "sanctions" (show_sanctions, can_sanction). */
void agreement_sanctions_data(struct request *req, long long agreement_id, json_t *data);
/* external controls */
void page_checks(struct request *req);
void page_check_new(struct request *req);
void page_check_create(struct request *req);
void api_check_create(struct request *req);
void api_organisation_checks(struct request *req);

/* risk */
void page_risks(struct request *req);
void page_organisation_risk(struct request *req);
void api_risk_list(struct request *req);
void api_organisation_risk(struct request *req);

/* placements and assignments (page_volume.c, api_volume.c) */
void page_placements(struct request *req);
void page_placement_new(struct request *req);
void page_placement_create(struct request *req);
void page_assignments(struct request *req);
void page_assignment_new(struct request *req);
void page_assignment_create(struct request *req);
void api_agreement_placements(struct request *req);
void api_placement_create(struct request *req);
void api_agreement_assignments(struct request *req);
void api_assignment_create(struct request *req);
/* The agreement page's part: "volume" {placements, placements_ongoing, assignments,
 * assignments_ongoing, can_write} for those who may read placements; nothing for others. */
void agreement_volume_data(struct request *req, long long agreement_id, json_t *data);
/* one agreement's statistics for one year (api_stats.c; the agreement page's section in
 * page_volume.c) */
void api_agreement_stats(struct request *req);
/* The agreement page's "stats" section for those who may read placements, when the agreement
 * has any assignments or placements: the year of ?ar=YYYY (default the last full year when it
 * has data, else the current year), the figures and seed 002's sentences. */
void agreement_stats_data(struct request *req, long long agreement_id, json_t *data);
/* the control plan and its sample (page_plans.c, api_plans.c) */
void page_plans(struct request *req);
void page_plan_new(struct request *req);
void page_plan_create(struct request *req);
void page_plan_progress(struct request *req);
void page_plan(struct request *req);
void page_plan_edit(struct request *req);
void page_plan_update(struct request *req);
void page_plan_risk_add(struct request *req);
void page_plan_risk_remove(struct request *req);
void page_plan_approve(struct request *req);
void api_plans_list(struct request *req);
void api_plan_create(struct request *req);
void api_plan_get(struct request *req);
void api_plan_patch(struct request *req);
void api_plan_risk_add(struct request *req);
void api_plan_approve(struct request *req);

/* surveys (page_surveys.c, api_surveys.c) */
void page_surveys(struct request *req);
void page_survey_new(struct request *req);
void page_survey_create(struct request *req);
void page_survey(struct request *req);
void page_survey_recipients(struct request *req);
void page_survey_open(struct request *req);
void page_survey_close(struct request *req);
/* the public answer page behind a link: no login, no CSRF token (the link's secret is the
 * credential, which a forging site cannot know) */
void page_survey_answer_form(struct request *req);
void page_survey_answer(struct request *req);
/* the committee's reports (page_reports.c) */
void page_reports(struct request *req);
void page_report(struct request *req);
void page_report_memo(struct request *req);
void page_report_text(struct request *req);
void page_report_versions(struct request *req);
void page_report_pdf(struct request *req);
void page_report_odt(struct request *req);
/* The agreement page's "report" section for those who may read reports: the years its
 * follow-up report may be asked for (its start to its end or this year, the last full year
 * chosen), and can_survey for those who may make a survey to the ordering unit about it. */
void agreement_report_data(struct request *req, const struct agreement *g, json_t *data);
/* an agreement's follow-up report of a year (seed 002), on the same page: /avtal/ID/rapport */
void page_agreement_report(struct request *req);
void page_agreement_report_memo(struct request *req);
void page_agreement_report_text(struct request *req);
void page_agreement_report_versions(struct request *req);
void page_agreement_report_pdf(struct request *req);
void page_agreement_report_odt(struct request *req);
void page_agreement_report_docx(struct request *req);
void page_report_docx(struct request *req);
/* answering inside the app (Mina uppgifter) and the portal, by recipient id */
void page_my_surveys(struct request *req);
void page_my_survey_form(struct request *req);
void page_my_survey_answer(struct request *req);
/* Tells a page (Mina uppgifter, the provider's own page) how many surveys the person logged in
 * has to answer: has_surveys and surveys_text. */
void add_my_surveys(struct request *req, json_t *data);
void api_surveys_list(struct request *req);
void api_survey_create(struct request *req);
void api_survey_get(struct request *req);

/* Mina uppgifter shows what is overdue or due within this many days. */
#define MY_TASKS_DAYS 30

/* LOV applications (page_applications.c, page_portal_applications.c, api_applications.c) */
void page_applications(struct request *req);
void page_application_new(struct request *req);
void page_application_create(struct request *req);
void page_application(struct request *req);
void page_application_step(struct request *req);
void page_application_reference(struct request *req);
void page_application_note(struct request *req);
void page_application_decision(struct request *req);
void page_application_announce(struct request *req);
void page_application_sign(struct request *req);
void page_application_withdraw(struct request *req);
void page_onboarding_update(struct request *req);
void page_application_file(struct request *req);
void page_my_applications(struct request *req);
void page_my_application(struct request *req);
void page_my_application_upload(struct request *req);
/* Mina uppgifter's part: "application_tasks" and "has_application_tasks". */
void add_application_tasks(struct request *req, json_t *data);
void api_applications_list(struct request *req);
void api_application_create(struct request *req);
void api_application_get(struct request *req);
void api_application_step(struct request *req);
void api_application_reference_create(struct request *req);
void api_application_note_create(struct request *req);
void api_application_decision(struct request *req);
void api_application_announce(struct request *req);
void api_application_sign(struct request *req);
void api_application_withdraw(struct request *req);
void api_onboarding_item_patch(struct request *req);

#endif
