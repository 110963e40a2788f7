/* page_surveys.c — Enkäter: the surveys of the planned follow-up, a new survey from a template,
 * one survey with its recipients, count and results, opening it (the links shown once) and
 * closing it; the public answer page behind a link (/svar/TOKEN), which needs no login; and the
 * same form for those who answer logged in (/mina-enkater/RECIPIENT). */
#include "web/web.h"

#include "app/plans.h"
#include "app/surveys.h"
#include "core/text.h"

#include <stdio.h>
#include <string.h>

void
page_surveys(struct request *req)
{
    struct survey_row *items;
    int n;
    struct insyn_err err = {.arena = req->arena};
    if (app_survey_list(req->store, &req->actor, req->arena, &items, &n, &err)) {
        respond_error(req, err.code, &err);
        return;
    }
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, survey_json(&items[i]));
    render_page(req, 200, "surveys", "Enkäter",
                json_pack("{s:o, s:b, s:b}", "surveys", list, "has_surveys", n > 0, "can_write",
                          role_may(req->actor.role, PERM_PLAN_WRITE)));
}

static void
survey_form(struct request *req, int status, json_t *state)
{
    const char *chosen =
        json_string_value(json_object_get(json_object_get(state, "values"), "template"));
    json_t *templates = json_array();
    for (int i = 0; i < survey_template_count; i++) {
        const struct survey_template *t = &survey_templates[i];
        json_array_append_new(templates,
                              json_pack("{s:s, s:s, s:s, s:s, s:b, s:i, s:b}", "code", t->code,
                                        "title", t->title, "intro", t->intro, "audience_label",
                                        code_label_or_empty(survey_audiences, t->audience),
                                        "anonymous", t->anonymous, "questions", t->nquestions,
                                        "checked", chosen && strcmp(chosen, t->code) == 0));
    }
    struct control_plan *plans = NULL;
    int n = 0;
    struct insyn_err ignore = {.arena = req->arena};
    app_plan_list(req->store, &req->actor, req->arena, &plans, &n, &ignore);
    const char *plan =
        json_string_value(json_object_get(json_object_get(state, "values"), "plan_id"));
    json_t *jp = json_array();
    for (int i = 0; i < n; i++) {
        char id[24];
        snprintf(id, sizeof id, "%lld", plans[i].id);
        json_array_append_new(jp, json_pack("{s:I, s:s, s:i, s:b}", "id", (json_int_t)plans[i].id,
                                            "title", plans[i].title, "year", plans[i].year,
                                            "selected", plan && strcmp(plan, id) == 0));
    }
    json_object_set_new(state, "templates", templates);
    json_object_set_new(state, "plans", jp);
    /* a survey about an agreement, begun from the agreement's page */
    const char *about =
        json_string_value(json_object_get(json_object_get(state, "values"), "agreement_id"));
    long long agreement_id;
    struct agreement g;
    if (about && text_parse_uint(about, 1LL << 53, &agreement_id) == 0 && agreement_id > 0 &&
        app_agreement_get(req->store, &req->actor, agreement_id, req->arena, &g, &ignore) == 0)
        json_object_set_new(state, "agreement",
                            json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)g.id, "case_ref",
                                      g.case_ref, "title", g.title, "organisation",
                                      g.organisation_name));
    render_page(req, status, "survey_new", "Ny enkät", state);
}

void
page_survey_new(struct request *req)
{
    json_t *state = form_state(req, survey_input_fields, NULL);
    const char *plan = kv_get(&req->query, "plan"), *about = kv_get(&req->query, "avtal");
    json_t *values = json_object_get(state, "values");
    if (plan)
        json_object_set_new(values, "plan_id", json_string(plan));
    if (about) { /* from the agreement's page: the ordering unit's template */
        json_object_set_new(values, "agreement_id", json_string(about));
        json_object_set_new(values, "template", json_string("ordering_unit"));
    }
    survey_form(req, 200, state);
}

void
page_survey_create(struct request *req)
{
    struct survey_input in = {0};
    input_from_form(req, &in, survey_input_fields);
    struct survey_row s;
    struct insyn_err err = {.arena = req->arena};
    if (app_survey_create(req->store, &req->actor, &in, req->arena, &s, &err)) {
        if (err.code == INSYN_EINVAL)
            survey_form(req, 422, form_state(req, survey_input_fields, &err));
        else
            respond_error(req, err.code, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/enkater/%lld?skapad=1", s.id));
}

static const struct input_field recipient_fields[] = {{"recipients", 0}, {NULL, 0}};
static const struct input_field confirm_fields[] = {{"confirm", 0}, {NULL, 0}};

/* The links just made, for the page that shows them once. */
static json_t *
links_json(struct request *req, const struct survey_link *links, int n)
{
    const char *base = req_base_url(req);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s}", "who", links[i].who, "url",
                                             arena_printf(req->arena, "%s/svar/%s",
                                                          base ? base : "", links[i].token)));
    return arr;
}

/* One survey; `which` names the form that failed (its state), links those just made. */
static void
survey_page(struct request *req, int status, long long id, const char *which, json_t *state,
            json_t *links)
{
    struct survey_view v;
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_survey_get(req->store, &req->actor, id, req->arena, &v, &err)) {
        json_decref(state);
        json_decref(links);
        respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    json_t *sj = survey_view_json(&v);
    int can_write = role_may(req->actor.role, PERM_PLAN_WRITE);
    const char *st = v.survey.status;
    /* the page's shape of the results: scale averages as text, a share per count */
    json_t *results = json_object_get(sj, "results");
    size_t i;
    json_t *r;
    json_array_foreach(results, i, r)
    {
        json_t *avg = json_object_get(r, "average");
        if (json_is_real(avg))
            json_object_set_new(
                r, "average_text",
                json_string(arena_printf(req->arena, "%.1f", json_real_value(avg))));
        json_object_set_new(r, "has_texts",
                            json_boolean(json_array_size(json_object_get(r, "texts")) > 0));
        json_object_set_new(r, "has_counts",
                            json_boolean(json_array_size(json_object_get(r, "counts")) > 0));
    }
    json_t *data = json_pack(
        "{s:o, s:b, s:b, s:b, s:b, s:b, s:b, s:b}", "survey", sj, "can_write", can_write,
        "is_draft", strcmp(st, "draft") == 0, "is_open", strcmp(st, "open") == 0, "is_closed",
        strcmp(st, "closed") == 0, "has_recipients", v.nrecipients > 0, "providers_audience",
        strcmp(v.survey.audience, "providers") == 0, "can_from_plan",
        can_write && v.survey.plan_id && strcmp(v.survey.audience, "case_workers") == 0 &&
            strcmp(st, "closed") != 0);
    json_object_set_new(data, "has_responses", json_boolean(v.responses > 0));
    json_object_set_new(data, "has_providers", json_boolean(v.nproviders > 0 && v.responses > 0));
    json_object_set_new(data, "created", json_boolean(kv_get(&req->query, "skapad") != NULL));
    json_object_set_new(data, "closed_now", json_boolean(kv_get(&req->query, "stangd") != NULL));
    json_object_set_new(data, "added_now", json_boolean(kv_get(&req->query, "tillagda") != NULL));
    const char *forms[] = {"recipient_form", "open_form", "close_form"};
    static const struct input_field none[] = {{NULL, 0}};
    for (int k = 0; k < 3; k++)
        json_object_set_new(data, forms[k],
                            which && strcmp(which, forms[k]) == 0 ? json_incref(state)
                                                                  : form_state(req, none, NULL));
    json_decref(state);
    if (links) {
        json_object_set_new(data, "has_links", json_boolean(json_array_size(links) > 0));
        json_object_set_new(data, "links", links);
        resp_header(req, "Cache-Control", "no-store");
    }
    render_page(req, status, "survey", v.survey.title, data);
}

void
page_survey(struct request *req)
{
    survey_page(req, 200, req_id(req, 0), NULL, json_object(), NULL);
}

void
page_survey_recipients(struct request *req)
{
    long long id = req_id(req, 0);
    struct insyn_err err = {.arena = req->arena};
    int added = 0, nlinks = 0;
    struct survey_link *links = NULL;
    int rc = !id ? err_set(&err, INSYN_ENOTFOUND, "Enkäten finns inte.")
             : kv_get(&req->form, "from_plan")
                 ? app_survey_recipients_from_plan(req->store, &req->actor, id, req->arena, &added,
                                                   &links, &nlinks, &err)
                 : app_survey_recipients_add(req->store, &req->actor, id,
                                             kv_get(&req->form, "recipients"), req->arena, &added,
                                             &links, &nlinks, &err);
    if (rc) {
        if (err.code == INSYN_EINVAL)
            survey_page(req, 422, id, "recipient_form", form_state(req, recipient_fields, &err),
                        NULL);
        else
            respond_error(req, err.code, &err);
        return;
    }
    if (nlinks) {
        survey_page(req, 200, id, NULL, json_object(), links_json(req, links, nlinks));
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/enkater/%lld?tillagda=%d", id, added));
}

void
page_survey_open(struct request *req)
{
    long long id = req_id(req, 0);
    struct insyn_err err = {.arena = req->arena};
    struct survey_link *links;
    int n;
    if (!id || app_survey_open(req->store, &req->actor, id, kv_get(&req->form, "confirm"),
                               req->arena, &links, &n, &err)) {
        if (id && err.code == INSYN_EINVAL)
            survey_page(req, 422, id, "open_form", form_state(req, confirm_fields, &err), NULL);
        else
            respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    survey_page(req, 200, id, NULL, json_object(), links_json(req, links, n));
}

void
page_survey_close(struct request *req)
{
    long long id = req_id(req, 0);
    struct insyn_err err = {.arena = req->arena};
    if (!id || app_survey_close(req->store, &req->actor, id, kv_get(&req->form, "confirm"), &err)) {
        if (id && err.code == INSYN_EINVAL)
            survey_page(req, 422, id, "close_form", form_state(req, confirm_fields, &err), NULL);
        else
            respond_error(req, id ? err.code : INSYN_ENOTFOUND, &err);
        return;
    }
    resp_redirect(req, arena_printf(req->arena, "/enkater/%lld?stangd=1", id));
}

/* ---- the answer page behind a link ---- */

static const char *
question_field(struct request *req, const struct survey_question *q)
{
    return arena_printf(req->arena, "q%lld", q->id);
}

/* Whether line is one of the lines of value. */
static int
has_line(struct request *req, const char *value, const char *line)
{
    char **lines;
    int n = text_split_lines(req->arena, value ? value : "", &lines);
    for (int i = 0; i < n; i++)
        if (strcmp(lines[i], line) == 0)
            return 1;
    return 0;
}

/* The form's answers, one per question ("" when none; several choices one a line). */
static const char **
answer_values(struct request *req, const struct survey_view *v)
{
    const char **values = arena_alloc(req->arena, sizeof *values * (size_t)(v->nquestions + 1));
    for (int i = 0; i < v->nquestions; i++) {
        const char *joined =
            kv_joined(req->arena, &req->form, question_field(req, &v->questions[i]));
        values[i] = joined ? joined : "";
    }
    return values;
}

/* The answer form; `action` is where it is sent (a link's or the person's own address). */
static void
answer_page(struct request *req, int status, const struct survey_view *v, const char *action,
            int submitted, const struct insyn_err *err)
{
    json_t *qs = json_array();
    for (int i = 0; i < v->nquestions; i++) {
        const struct survey_question *q = &v->questions[i];
        const char *field = question_field(req, q);
        const char *given = submitted ? kv_joined(req->arena, &req->form, field) : NULL;
        json_t *j = survey_question_json(q);
        json_object_set_new(j, "field", json_string(field));
        json_object_set_new(j, "number", json_integer(i + 1));
        const char *kinds[] = {"scale", "yes_no", "single", "multiple", "text"};
        for (int k = 0; k < 5; k++)
            json_object_set_new(j, arena_printf(req->arena, "is_%s", kinds[k]),
                                json_boolean(strcmp(q->kind, kinds[k]) == 0));
        json_t *choices = json_array();
        if (strcmp(q->kind, "scale") == 0) {
            for (int k = 1; k <= SURVEY_SCALE_MAX; k++) {
                char val[2] = {(char)('0' + k), 0};
                json_array_append_new(choices,
                                      json_pack("{s:s, s:s, s:i, s:b}", "value", val, "label", val,
                                                "k", k, "checked", has_line(req, given, val)));
            }
        } else if (strcmp(q->kind, "yes_no") == 0) {
            json_array_append_new(choices,
                                  json_pack("{s:s, s:s, s:i, s:b}", "value", "yes", "label", "Ja",
                                            "k", 1, "checked", has_line(req, given, "yes")));
            json_array_append_new(choices,
                                  json_pack("{s:s, s:s, s:i, s:b}", "value", "no", "label", "Nej",
                                            "k", 2, "checked", has_line(req, given, "no")));
        } else {
            char **lines;
            int n = text_split_lines(req->arena, q->options, &lines);
            for (int k = 0; k < n; k++)
                json_array_append_new(choices, json_pack("{s:s, s:s, s:i, s:b}", "value", lines[k],
                                                         "label", lines[k], "k", k + 1, "checked",
                                                         has_line(req, given, lines[k])));
        }
        json_object_set_new(j, "choices", choices);
        json_object_set_new(j, "value", json_string(given ? given : ""));
        const char *e = err ? err_for_field(err, field) : NULL;
        if (e)
            json_object_set_new(j, "error", json_string(e));
        json_array_append_new(qs, j);
    }
    json_t *data =
        json_pack("{s:s, s:s, s:b, s:o, s:s}", "title", v->survey.title, "intro", v->survey.intro,
                  "anonymous", v->survey.anonymous, "questions", qs, "action", action);
    json_t *state = form_state(req, (const struct input_field[]){{NULL, 0}}, err);
    /* the summary links to each question's first input */
    json_t *list = json_object_get(state, "error_list");
    size_t i;
    json_t *item;
    json_array_foreach(list, i, item)
    {
        const char *f = json_string_value(json_object_get(item, "field"));
        if (f && *f)
            json_object_set_new(item, "href", json_string(arena_printf(req->arena, "#%s-1", f)));
    }
    json_object_update(data, state);
    json_decref(state);
    json_object_set_new(data, "error_title",
                        json_string("Svaret kunde inte skickas. Se frågorna som är markerade."));
    resp_header(req, "Cache-Control", "no-store");
    resp_header(req, "X-Robots-Tag", "noindex");
    render_page(req, status, "survey_answer", v->survey.title, data);
}

static void
already_answered(struct request *req, const char *detail)
{
    render_page(req, 409, "error", "Enkäten är redan besvarad",
                json_pack("{s:s, s:s}", "heading", "Enkäten är redan besvarad", "detail", detail));
}

static const char *
link_action(struct request *req)
{
    return arena_printf(req->arena, "/svar/%s", req->params[0] ? req->params[0] : "");
}

/* A link that does not work: not found, or already answered (409), without saying more. */
static void
link_error(struct request *req, const struct insyn_err *err)
{
    resp_header(req, "Cache-Control", "no-store");
    resp_header(req, "X-Robots-Tag", "noindex");
    if (err->code == INSYN_ECONFLICT) {
        already_answered(req, "Enkäten har redan besvarats via den här länken och kan bara "
                              "besvaras en gång. Tack för ditt svar!");
        return;
    }
    if (err->code == INSYN_ESYS) {
        respond_error(req, INSYN_ESYS, err);
        return;
    }
    struct insyn_err nf = {0};
    err_set(&nf, INSYN_ENOTFOUND,
            "Länken finns inte eller gäller inte längre. Enkäten kan vara stängd. Kontrollera "
            "att hela länken kom med.");
    respond_error(req, INSYN_ENOTFOUND, &nf);
}

void
page_survey_answer_form(struct request *req)
{
    struct survey_view v;
    struct insyn_err err = {.arena = req->arena};
    if (app_survey_form(req->store, req->params[0], req->arena, &v, &err)) {
        link_error(req, &err);
        return;
    }
    answer_page(req, 200, &v, link_action(req), 0, NULL);
}

void
page_survey_answer(struct request *req)
{
    struct survey_view v;
    struct insyn_err err = {.arena = req->arena};
    if (app_survey_form(req->store, req->params[0], req->arena, &v, &err)) {
        link_error(req, &err);
        return;
    }
    /* a post that is not the answer form's (it sends "answer") goes back to the form */
    if (!kv_get(&req->form, "answer")) {
        resp_redirect(req, arena_printf(req->arena, "/svar/%s", req->params[0]));
        return;
    }
    const char **values = answer_values(req, &v);
    if (app_survey_answer(req->store, req->params[0], values, v.nquestions, req->arena, &err)) {
        if (err.code == INSYN_EINVAL)
            answer_page(req, 422, &v, link_action(req), 1, &err);
        else
            link_error(req, &err);
        return;
    }
    resp_header(req, "Cache-Control", "no-store");
    render_page(req, 200, "survey_thanks", "Tack för ditt svar",
                json_pack("{s:s, s:b}", "title", v.survey.title, "anonymous", v.survey.anonymous));
}

/* ---- answering logged in: Mina uppgifter and the portal ---- */

/* The surveys the person logged in is asked to answer: [{recipient_id, title, organisation,
 * opened_on, anonymous}]; an empty array when none or on error. */
static json_t *
my_surveys_json(struct request *req)
{
    struct survey_pending *items;
    int n;
    struct insyn_err err = {.arena = req->arena};
    json_t *list = json_array();
    if (app_survey_pending(req->store, &req->actor, req->arena, &items, &n, &err))
        return list;
    for (int i = 0; i < n; i++)
        json_array_append_new(
            list,
            json_pack("{s:I, s:s, s:s, s:s, s:b}", "recipient_id",
                      (json_int_t)items[i].recipient_id, "title", items[i].title, "organisation",
                      req->actor.role == ROLE_PROVIDER_USER ? "" : items[i].organisation_name,
                      "opened_on", arena_printf(req->arena, "%.10s", items[i].opened_at),
                      "anonymous", items[i].anonymous));
    return list;
}

void
add_my_surveys(struct request *req, json_t *data)
{
    json_t *list = my_surveys_json(req);
    size_t n = json_array_size(list);
    json_decref(list);
    json_object_set_new(data, "has_surveys", json_boolean(n > 0));
    json_object_set_new(
        data, "surveys_text",
        json_string(arena_printf(req->arena, "%s %zu %s att besvara.",
                                 req->actor.role == ROLE_PROVIDER_USER ? "Ni har" : "Du har", n,
                                 n == 1 ? "enkät" : "enkäter")));
}

void
page_my_surveys(struct request *req)
{
    json_t *list = my_surveys_json(req);
    render_page(req, 200, "my_surveys", "Enkäter att besvara",
                json_pack("{s:o, s:b, s:b, s:b}", "surveys", list, "has_surveys",
                          json_array_size(list) > 0, "answered",
                          kv_get(&req->query, "besvarad") != NULL, "about_providers",
                          req->actor.role != ROLE_PROVIDER_USER));
}

/* One's own survey that cannot be answered: not one's own, closed, or answered (409). */
static void
mine_error(struct request *req, const struct insyn_err *err)
{
    if (err->code == INSYN_ECONFLICT) {
        already_answered(req, "Enkäten kan bara besvaras en gång. Tack för ditt svar!");
        return;
    }
    respond_error(req, err->code, err);
}

/* One's own survey: its form, or (posted) the answer. */
static void
my_survey(struct request *req, int posted)
{
    struct survey_view v;
    struct insyn_err err = {.arena = req->arena};
    long long rid = req_id(req, 0);
    if (app_survey_form_mine(req->store, &req->actor, rid, req->arena, &v, &err)) {
        mine_error(req, &err);
        return;
    }
    const char *action = arena_printf(req->arena, "/mina-enkater/%lld", rid);
    if (!posted) {
        answer_page(req, 200, &v, action, 0, NULL);
        return;
    }
    if (!kv_get(&req->form, "answer")) {
        resp_redirect(req, action);
        return;
    }
    const char **values = answer_values(req, &v);
    if (app_survey_answer_mine(req->store, &req->actor, rid, values, v.nquestions, req->arena,
                               &err)) {
        if (err.code == INSYN_EINVAL)
            answer_page(req, 422, &v, action, 1, &err);
        else
            mine_error(req, &err);
        return;
    }
    resp_redirect(req, "/mina-enkater?besvarad=1");
}

void
page_my_survey_form(struct request *req)
{
    my_survey(req, 0);
}

void
page_my_survey_answer(struct request *req)
{
    my_survey(req, 1);
}
