/* surveys.c — surveys from templates, their recipients and links, answers through a link, the
 * response count and the results. */
#include "app/surveys.h"

#include "app/plans.h"
#include "core/codes.h"
#include "core/date.h"
#include "core/field.h"
#include "core/orgnr.h"
#include "core/text.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define F(name)                                                                                    \
    {                                                                                              \
#name, offsetof(struct survey_input, name)                                                 \
    }
const struct input_field survey_input_fields[] = {
    {"template", offsetof(struct survey_input, template_code)},
    F(title),
    F(anonymous),
    F(plan_id),
    F(agreement_id),
    {NULL, 0},
};
#undef F

static int
flag(const char *s)
{
    return s && (strcmp(s, "1") == 0 || strcmp(s, "true") == 0 || strcmp(s, "on") == 0 ||
                 strcmp(s, "ja") == 0);
}

static void
token_hash(const char *token, char out[65])
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(out, 65, digest, sizeof digest);
}

/* A link's secret must be 64 lower-case hex digits; anything else is not looked up. */
static int
token_well_formed(const char *t)
{
    if (!t || strlen(t) != 64)
        return 0;
    for (const char *p = t; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return 0;
    return 1;
}

json_t *
survey_json(const struct survey_row *s)
{
    struct arena a;
    arena_init(&a);
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(s->id));
    json_object_set_new(j, "title", json_string(s->title ? s->title : ""));
    json_object_set_new(j, "intro", json_string(s->intro ? s->intro : ""));
    json_object_set_new(j, "template", json_string(s->template_code ? s->template_code : ""));
    json_object_set_new(j, "audience", json_string(s->audience ? s->audience : ""));
    json_object_set_new(j, "audience_label",
                        json_string(code_label_or_empty(survey_audiences, s->audience)));
    json_object_set_new(j, "anonymous", json_boolean(s->anonymous));
    json_object_set_new(j, "status", json_string(s->status ? s->status : "draft"));
    json_object_set_new(j, "status_label",
                        json_string(code_label_or_empty(survey_statuses, s->status)));
    json_object_set_new(j, "plan_id", id_json(s->plan_id));
    json_object_set_new(j, "plan_title", json_string(s->plan_title ? s->plan_title : ""));
    json_object_set_new(j, "agreement_id", id_json(s->agreement_id));
    json_object_set_new(j, "agreement_case_ref",
                        json_string(s->agreement_case_ref ? s->agreement_case_ref : ""));
    json_object_set_new(j, "agreement_title",
                        json_string(s->agreement_title ? s->agreement_title : ""));
    json_object_set_new(j, "recipients", json_integer(s->recipients));
    json_object_set_new(j, "answered", json_integer(s->answered));
    json_object_set_new(j, "count_text",
                        json_string(survey_count_text(&a, s->answered, s->recipients)));
    json_object_set_new(j, "created_by", json_string(s->created_by_name ? s->created_by_name : ""));
    json_object_set_new(j, "created_at", json_string(s->created_at ? s->created_at : ""));
    json_object_set_new(j, "opened_at",
                        s->opened_at && *s->opened_at ? json_string(s->opened_at) : json_null());
    json_object_set_new(j, "closed_at",
                        s->closed_at && *s->closed_at ? json_string(s->closed_at) : json_null());
    arena_free(&a);
    return j;
}

json_t *
survey_question_json(const struct survey_question *q)
{
    json_t *opts = json_array();
    struct arena a;
    arena_init(&a);
    char **lines;
    int n = text_split_lines(&a, q->options ? q->options : "", &lines);
    for (int i = 0; i < n; i++)
        json_array_append_new(opts, json_string(lines[i]));
    arena_free(&a);
    return json_pack("{s:I, s:i, s:s, s:s, s:s, s:o, s:s, s:s, s:b}", "id", (json_int_t)q->id,
                     "position", q->position, "kind", q->kind, "kind_label",
                     code_label_or_empty(survey_question_kinds, q->kind), "text", q->text,
                     "options", opts, "scale_low", q->scale_low ? q->scale_low : "", "scale_high",
                     q->scale_high ? q->scale_high : "", "required", q->required);
}

json_t *
survey_result_json(const struct survey_result *r)
{
    json_t *counts = json_array(), *texts = json_array();
    for (int i = 0; i < r->ncounts; i++)
        json_array_append_new(counts,
                              json_pack("{s:s, s:s, s:i}", "value", r->counts[i].value, "label",
                                        r->counts[i].label, "count", r->counts[i].count));
    for (int i = 0; i < r->ntexts; i++)
        json_array_append_new(texts, json_string(r->texts[i]));
    json_t *j = json_pack("{s:I, s:s, s:s, s:i, s:o, s:o}", "question_id", (json_int_t)r->q->id,
                          "kind", r->q->kind, "text", r->q->text, "answers", r->answers, "counts",
                          counts, "texts", texts);
    json_object_set_new(j, "average",
                        strcmp(r->q->kind, "scale") == 0 && r->answers ? json_real(r->average)
                                                                       : json_null());
    return j;
}

json_t *
survey_view_json(const struct survey_view *v)
{
    json_t *j = survey_json(&v->survey), *qs = json_array(), *rs = json_array(),
           *res = json_array(), *prov = json_array();
    for (int i = 0; i < v->nquestions; i++)
        json_array_append_new(qs, survey_question_json(&v->questions[i]));
    for (int i = 0; i < v->nrecipients; i++) {
        const struct survey_recipient_row *r = &v->recipients[i];
        json_t *jr = json_pack("{s:I, s:s, s:o, s:s, s:s, s:b, s:b}", "id", (json_int_t)r->id,
                               "email", r->email, "organisation_id", id_json(r->organisation_id),
                               "organisation", r->organisation_name, "org_nr", r->org_nr,
                               "answered", r->answered, "has_link", r->has_link);
        json_object_set_new(jr, "reminded_on",
                            *r->reminded_on ? json_string(r->reminded_on) : json_null());
        json_array_append_new(rs, jr);
    }
    for (int i = 0; i < v->nquestions && v->results; i++)
        json_array_append_new(res, survey_result_json(&v->results[i]));
    for (int p = 0; p < v->nproviders; p++) {
        json_t *pr = json_array();
        for (int i = 0; i < v->nquestions; i++)
            json_array_append_new(pr, survey_result_json(&v->providers[p].results[i]));
        json_array_append_new(prov,
                              json_pack("{s:I, s:s, s:i, s:o}", "organisation_id",
                                        (json_int_t)v->providers[p].organisation_id, "organisation",
                                        v->providers[p].organisation, "responses",
                                        v->providers[p].responses, "results", pr));
    }
    json_object_set_new(j, "questions", qs);
    json_object_set_new(j, "recipient_list", rs);
    json_object_set_new(j, "responses", json_integer(v->responses));
    json_object_set_new(j, "results", res);
    json_object_set_new(j, "providers", prov);
    return j;
}

/* ---- making and reading ---- */

int
app_survey_create(struct store *st, const struct actor *who, const struct survey_input *in,
                  struct arena *a, struct survey_row *out, struct insyn_err *err)
{
    if (app_require(who, PERM_PLAN_WRITE, err))
        return err->code;
    memset(out, 0, sizeof *out);
    const struct survey_template *t = survey_template_find(text_trim(a, in->template_code));
    if (!t)
        err_field(err, 0, "template", "Välj vilken mall enkäten ska utgå från.");
    char *title = field_text(a, in->title, "title", "Rubrik", 300, 0, 0, err);
    long long plan_id = field_optional_id(a, in->plan_id);
    if (plan_id < 0)
        err_field(err, 0, "plan_id", "Kontrollplanen ska anges med sitt id-nummer.");
    long long agreement_id = field_optional_id(a, in->agreement_id);
    if (agreement_id < 0)
        err_field(err, 0, "agreement_id", "Avtalet ska anges med sitt id-nummer.");
    if (err->nfields)
        return err_set(err, INSYN_EINVAL, "Enkäten kunde inte skapas.");
    if (store_begin(st, err))
        return err->code;
    if (plan_id > 0) {
        struct control_plan p;
        struct insyn_err inner = {.arena = a};
        if (store_plan_get(st, plan_id, a, &p, &inner)) {
            if (inner.code != INSYN_ENOTFOUND)
                return err_set(err, inner.code, "%s", inner.message), app_abort(st, err);
            err_field(err, 0, "plan_id", "Kontrollplanen finns inte.");
            return app_abort(st, err);
        }
    }
    struct agreement g = {0};
    if (agreement_id > 0) {
        struct insyn_err inner = {.arena = a};
        if (store_agreement_get(st, agreement_id, a, &g, &inner)) {
            if (inner.code != INSYN_ENOTFOUND)
                return err_set(err, inner.code, "%s", inner.message), app_abort(st, err);
            err_field(err, 0, "agreement_id", "Avtalet finns inte.");
            err_set(err, INSYN_EINVAL, "Enkäten kunde inte skapas.");
            return app_abort(st, err);
        }
    }
    char now[21];
    app_timestamp(0, now);
    out->title = (char *)(*title ? title : t->title);
    out->intro = (char *)t->intro;
    out->audience = (char *)t->audience;
    out->template_code = (char *)t->code;
    out->anonymous = t->anonymous || flag(text_trim(a, in->anonymous));
    out->plan_id = plan_id;
    out->agreement_id = agreement_id;
    out->agreement_case_ref = g.case_ref ? g.case_ref : "";
    out->agreement_title = g.title ? g.title : "";
    out->status = "draft";
    out->created_by_name = (char *)(who->name && *who->name ? who->name : "insyn");
    out->created_at = arena_strdup(a, now);
    out->opened_at = out->closed_at = out->plan_title = "";
    if (store_survey_insert(st, out, err))
        return app_abort(st, err);
    for (int i = 0; i < t->nquestions; i++) {
        struct survey_question q = t->questions[i];
        q.position = i + 1;
        if (store_survey_question_insert(st, out->id, &q, err))
            return app_abort(st, err);
    }
    return app_commit_audited(st, who, "create", "survey", out->id, NULL, survey_json(out), err);
}

int
app_survey_list(struct store *st, const struct actor *who, struct arena *a,
                struct survey_row **items, int *n, struct insyn_err *err)
{
    if (app_require(who, PERM_DASHBOARD, err))
        return err->code;
    return store_survey_list(st, a, items, n, err);
}

static int
view_load(struct store *st, long long id, int with_results, struct arena *a,
          struct survey_view *out, struct insyn_err *err)
{
    memset(out, 0, sizeof *out);
    if (store_survey_get(st, id, a, &out->survey, err) ||
        store_survey_questions(st, id, a, &out->questions, &out->nquestions, err))
        return err->code;
    if (!with_results)
        return 0;
    if (store_survey_recipients(st, id, a, &out->recipients, &out->nrecipients, err))
        return err->code;
    struct survey_answer_row *rows;
    int nrows;
    if (store_survey_answers(st, id, a, &rows, &nrows, err))
        return err->code;
    int nq = out->nquestions;
    out->results = arena_alloc(a, sizeof *out->results * (size_t)(nq ? nq : 1));
    const char **values = arena_alloc(a, sizeof *values * (size_t)(nrows ? nrows : 1));
    /* the providers answered about, in the order of the recipient list */
    if (!out->survey.anonymous) {
        out->providers = arena_alloc(a, sizeof *out->providers *
                                            (size_t)(out->nrecipients ? out->nrecipients : 1));
        for (int i = 0; i < out->nrecipients; i++) {
            long long org = out->recipients[i].organisation_id;
            int seen = !org;
            for (int p = 0; p < out->nproviders && !seen; p++)
                seen = out->providers[p].organisation_id == org;
            if (seen)
                continue;
            struct survey_provider_result *pr = &out->providers[out->nproviders++];
            pr->organisation_id = org;
            pr->organisation = out->recipients[i].organisation_name;
            pr->responses = 0;
            pr->results = arena_alloc(a, sizeof *pr->results * (size_t)(nq ? nq : 1));
        }
    }
    for (int i = 0; i < nq; i++) {
        const struct survey_question *q = &out->questions[i];
        int n = 0;
        for (int r = 0; r < nrows; r++)
            if (rows[r].question_id == q->id)
                values[n++] = rows[r].value;
        survey_tally(q, values, n, a, &out->results[i]);
        for (int p = 0; p < out->nproviders; p++) {
            n = 0;
            for (int r = 0; r < nrows; r++)
                if (rows[r].question_id == q->id &&
                    rows[r].organisation_id == out->providers[p].organisation_id)
                    values[n++] = rows[r].value;
            survey_tally(q, values, n, a, &out->providers[p].results[i]);
        }
    }
    /* every response stores an answer to every question ("" when left out) */
    for (int p = 0; p < out->nproviders; p++) {
        int k = 0;
        for (int r = 0; r < nrows; r++)
            if (nq && rows[r].question_id == out->questions[0].id &&
                rows[r].organisation_id == out->providers[p].organisation_id)
                k++;
        out->providers[p].responses = k;
    }
    int k = 0;
    for (int r = 0; r < nrows; r++)
        if (nq && rows[r].question_id == out->questions[0].id)
            k++;
    out->responses = k;
    return 0;
}

int
app_survey_get(struct store *st, const struct actor *who, long long id, struct arena *a,
               struct survey_view *out, struct insyn_err *err)
{
    if (app_require(who, PERM_DASHBOARD, err))
        return err->code;
    if (id <= 0)
        return err_set(err, INSYN_ENOTFOUND, "Enkäten finns inte.");
    return view_load(st, id, 1, a, out, err);
}

/* ---- recipients and links ---- */

void
survey_link_secret(char token[65], char hash[65])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(token, 65, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
    token_hash(token, hash);
}

/* Makes the link of one recipient: a new secret, its hash stored, the secret kept in *link. */
static int
make_link(struct store *st, long long recipient_id, const char *who_text, struct arena *a,
          struct survey_link *link, struct insyn_err *err)
{
    char hex[65], hash[65];
    survey_link_secret(hex, hash);
    int rc = store_survey_recipient_link(st, recipient_id, hash, err);
    link->recipient_id = recipient_id;
    link->who = who_text;
    link->token = arena_strdup(a, hex);
    sodium_memzero(hex, sizeof hex);
    return rc;
}

struct wanted {
    const char *email;
    long long organisation_id;
    const char *who;
};

/* Adds the wanted recipients not already there, inside the caller's transaction; to an open
 * survey with their links. */
static int
add_recipients(struct store *st, const struct survey_row *s, const struct wanted *w, int n,
               struct arena *a, int *added, struct survey_link **links, int *nlinks,
               struct insyn_err *err)
{
    struct survey_recipient_row *have;
    int nhave;
    if (store_survey_recipients(st, s->id, a, &have, &nhave, err))
        return err->code;
    *added = 0;
    *nlinks = 0;
    *links = arena_alloc(a, sizeof **links * (size_t)(n ? n : 1));
    char now[21];
    app_timestamp(0, now);
    int open = strcmp(s->status, "open") == 0;
    for (int i = 0; i < n; i++) {
        int dup = 0;
        for (int k = 0; k < nhave && !dup; k++)
            dup = strcmp(have[k].email, w[i].email) == 0 &&
                  have[k].organisation_id == w[i].organisation_id;
        for (int k = 0; k < i && !dup; k++)
            dup =
                strcmp(w[k].email, w[i].email) == 0 && w[k].organisation_id == w[i].organisation_id;
        if (dup)
            continue;
        long long id;
        if (store_survey_recipient_insert(st, s->id, w[i].email, w[i].organisation_id, now, &id,
                                          err))
            return err->code;
        ++*added;
        if (open && make_link(st, id, w[i].who, a, &(*links)[(*nlinks)++], err))
            return err->code;
    }
    return 0;
}

/* Opens a change of a survey that is not closed: the transaction and the survey. */
static int
change_begin(struct store *st, const struct actor *who, long long id, struct arena *a,
             struct survey_row *s, struct insyn_err *err)
{
    if (app_require(who, PERM_PLAN_WRITE, err))
        return err->code;
    if (id <= 0)
        return err_set(err, INSYN_ENOTFOUND, "Enkäten finns inte.");
    if (store_begin(st, err))
        return err->code;
    if (store_survey_get(st, id, a, s, err))
        return app_abort(st, err);
    if (strcmp(s->status, "closed") == 0) {
        err_set(err, INSYN_ECONFLICT, "Enkäten är stängd och kan inte längre ändras.");
        return app_abort(st, err);
    }
    return 0;
}

static int
commit_recipients(struct store *st, const struct actor *who, const struct survey_row *s, int added,
                  struct insyn_err *err)
{
    /* the audit names how many; the addresses are in the recipient list */
    return app_commit_audited(st, who, "add_recipients", "survey", s->id, NULL,
                              json_pack("{s:i}", "added", added), err);
}

int
app_survey_recipients_add(struct store *st, const struct actor *who, long long id,
                          const char *lines_in, struct arena *a, int *added,
                          struct survey_link **links, int *nlinks, struct insyn_err *err)
{
    struct survey_row s;
    if (change_begin(st, who, id, a, &s, err))
        return err->code;
    char **lines;
    int n = text_split_lines(a, lines_in ? lines_in : "", &lines);
    if (n == 0)
        err_field(err, 0, "recipients",
                  strcmp(s.audience, "providers") == 0
                      ? "Ange minst en utförare: organisationsnummer eller id, ett per rad."
                      : "Ange minst en e-postadress, en per rad.");
    struct wanted *w = arena_alloc(a, sizeof *w * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        w[i] = (struct wanted){"", 0, lines[i]};
        if (strcmp(s.audience, "providers") == 0) {
            char nr[12];
            struct insyn_err ignore = {0};
            long long org = 0;
            if (orgnr_normalize(lines[i], nr, 0, "recipients", &ignore) == 0) {
                if (store_org_id_by_orgnr(st, nr, &org) != 0)
                    org = 0;
            } else if (text_parse_uint(lines[i], 1000000000000LL, &org) == 0) {
                struct organisation o;
                struct insyn_err inner = {.arena = a};
                if (store_org_get(st, org, a, &o, &inner) != 0)
                    org = 0;
                else
                    w[i].who = o.name;
            }
            if (org <= 0)
                err_field(err, 0, "recipients", "Rad %d: det finns ingen utförare ”%s”.", i + 1,
                          lines[i]);
            w[i].organisation_id = org;
        } else {
            char *email;
            if (survey_email_normalise(a, lines[i], &email) != 0)
                err_field(err, 0, "recipients", "Rad %d: ”%s” är ingen giltig e-postadress.", i + 1,
                          lines[i]);
            else
                w[i].email = w[i].who = email;
        }
    }
    if (err->nfields)
        return app_abort(st, err);
    if (add_recipients(st, &s, w, n, a, added, links, nlinks, err))
        return app_abort(st, err);
    return commit_recipients(st, who, &s, *added, err);
}

int
app_survey_recipients_from_plan(struct store *st, const struct actor *who, long long id,
                                struct arena *a, int *added, struct survey_link **links,
                                int *nlinks, struct insyn_err *err)
{
    struct survey_row s;
    if (change_begin(st, who, id, a, &s, err))
        return err->code;
    if (!s.plan_id || strcmp(s.audience, "case_workers") != 0) {
        err_field(err, 0, "recipients",
                  "Bara en enkät till socialsekreterare som hör till en kontrollplan kan få "
                  "mottagare ur planens urval.");
        return app_abort(st, err);
    }
    struct plan_view v;
    if (app_plan_get(st, who, s.plan_id, a, &v, err))
        return app_abort(st, err);
    long long *units = arena_alloc(a, sizeof *units * (size_t)(v.n_sample ? v.n_sample : 1));
    for (int i = 0; i < v.n_sample; i++)
        units[i] = v.sample[i].unit_id;
    struct survey_case_worker *cw;
    int n;
    if (store_survey_plan_case_workers(st, &v.plan.rule, units, v.n_sample, a, &cw, &n, err))
        return app_abort(st, err);
    struct wanted *w = arena_alloc(a, sizeof *w * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        char *email;
        if (survey_email_normalise(a, cw[i].email, &email) != 0)
            email = cw[i].email;
        w[i] = (struct wanted){email, cw[i].organisation_id,
                               arena_printf(a, "%s (%s)", email, cw[i].organisation)};
    }
    if (add_recipients(st, &s, w, n, a, added, links, nlinks, err))
        return app_abort(st, err);
    return commit_recipients(st, who, &s, *added, err);
}

int
app_survey_open(struct store *st, const struct actor *who, long long id, const char *confirm,
                struct arena *a, struct survey_link **links, int *nlinks, struct insyn_err *err)
{
    if (app_require(who, PERM_PLAN_WRITE, err))
        return err->code;
    if (!flag(text_trim(a, confirm))) {
        err_field(err, 0, "confirm", "Bekräfta att enkäten ska öppnas och länkarna skapas.");
        return INSYN_EINVAL;
    }
    struct survey_row s;
    if (change_begin(st, who, id, a, &s, err))
        return err->code;
    struct survey_recipient_row *r;
    int n;
    if (store_survey_recipients(st, id, a, &r, &n, err))
        return app_abort(st, err);
    if (n == 0) {
        err_field(err, 0, "confirm", "Lägg till mottagare innan enkäten öppnas.");
        return app_abort(st, err);
    }
    char now[21];
    app_timestamp(0, now);
    if (store_survey_set_status(st, id, "draft", "open", now, err)) {
        err_set(err, INSYN_ECONFLICT, "Enkäten är redan öppnad.");
        return app_abort(st, err);
    }
    *links = arena_alloc(a, sizeof **links * (size_t)n);
    *nlinks = 0;
    for (int i = 0; i < n; i++)
        if (!r[i].has_link &&
            make_link(st, r[i].id, *r[i].email ? r[i].email : r[i].organisation_name, a,
                      &(*links)[(*nlinks)++], err))
            return app_abort(st, err);
    return app_commit_audited(st, who, "open", "survey", id, NULL,
                              json_pack("{s:i}", "links", *nlinks), err);
}

int
app_survey_close(struct store *st, const struct actor *who, long long id, const char *confirm,
                 struct insyn_err *err)
{
    if (app_require(who, PERM_PLAN_WRITE, err))
        return err->code;
    if (!flag(confirm ? confirm : "")) {
        err_field(err, 0, "confirm", "Bekräfta att enkäten ska stängas.");
        return INSYN_EINVAL;
    }
    if (id <= 0)
        return err_set(err, INSYN_ENOTFOUND, "Enkäten finns inte.");
    char now[21];
    app_timestamp(0, now);
    if (store_begin(st, err))
        return err->code;
    struct survey_row s;
    struct arena a;
    arena_init(&a);
    int rc = store_survey_get(st, id, &a, &s, err);
    arena_free(&a);
    if (rc)
        return app_abort(st, err);
    if (store_survey_set_status(st, id, "open", "closed", now, err)) {
        err_set(err, INSYN_ECONFLICT, "Bara en öppen enkät kan stängas.");
        return app_abort(st, err);
    }
    return app_commit_audited(st, who, "close", "survey", id, NULL, NULL, err);
}

/* ---- answering: through a link, or inside the app and the portal ---- */

/* Who answers through a link: not the person logged in, if any, but the holder of the link. */
static const struct actor link_actor = {0, "link", "Mottagare via enkätlänk", ROLE_NONE, 0};
/* Who answers an anonymous survey inside the app, as the audit names them: nobody. */
static const struct actor anonymous_actor = {0, "anonymous", "Mottagare av anonym enkät", ROLE_NONE,
                                             0};

/* A recipient that may answer now: its survey open, not answered yet. */
static int
answerable(int rc, const struct survey_link_row *l, const char *gone, struct insyn_err *err)
{
    if (rc == INSYN_ESYS)
        return err_incident(err, "survey recipient lookup failed");
    if (rc || strcmp(l->status, "open") != 0)
        return err_set(err, INSYN_ENOTFOUND, "%s", gone);
    if (l->answered)
        return err_set(err, INSYN_ECONFLICT, "Enkäten är redan besvarad. Tack för ditt svar!");
    return 0;
}

/* The open survey behind a link: not found for a bad, unknown or not open link. */
static int
link_find(struct store *st, const char *token, struct arena *a, struct survey_link_row *out,
          struct insyn_err *err)
{
    static const char gone[] = "Länken finns inte eller gäller inte längre.";
    if (!token_well_formed(token))
        return err_set(err, INSYN_ENOTFOUND, "%s", gone);
    char hash[65];
    token_hash(token, hash);
    return answerable(store_survey_by_token(st, hash, a, out), out, gone, err);
}

/* Whether the actor is this recipient: an internal user by e-mail address, a provider's user
 * by organisation when the provider itself is asked. */
static int
is_recipient(const struct actor *who, const struct survey_link_row *l)
{
    if (who->role == ROLE_PROVIDER_USER)
        return !*l->email && who->organisation_id > 0 && l->organisation_id == who->organisation_id;
    return *l->email && who->email && strcasecmp(l->email, who->email) == 0;
}

/* One of the actor's own open surveys; anyone else's is not found. */
static int
mine_find(struct store *st, const struct actor *who, long long recipient_id, struct arena *a,
          struct survey_link_row *out, struct insyn_err *err)
{
    static const char gone[] = "Enkäten finns inte bland dem du ska besvara, eller är stängd.";
    if (app_require(who, PERM_LOGGED_IN, err))
        return err->code;
    int rc =
        recipient_id > 0 ? store_survey_recipient_get(st, recipient_id, a, out) : INSYN_ENOTFOUND;
    if (rc == 0 && !is_recipient(who, out))
        rc = INSYN_ENOTFOUND;
    return answerable(rc, out, gone, err);
}

int
app_survey_form(struct store *st, const char *token, struct arena *a, struct survey_view *out,
                struct insyn_err *err)
{
    struct survey_link_row l;
    memset(out, 0, sizeof *out);
    if (link_find(st, token, a, &l, err))
        return err->code;
    return view_load(st, l.survey_id, 0, a, out, err);
}

int
app_survey_form_mine(struct store *st, const struct actor *who, long long recipient_id,
                     struct arena *a, struct survey_view *out, struct insyn_err *err)
{
    struct survey_link_row l;
    memset(out, 0, sizeof *out);
    if (mine_find(st, who, recipient_id, a, &l, err))
        return err->code;
    return view_load(st, l.survey_id, 0, a, out, err);
}

int
app_survey_pending(struct store *st, const struct actor *who, struct arena *a,
                   struct survey_pending **items, int *n, struct insyn_err *err)
{
    if (app_require(who, PERM_LOGGED_IN, err))
        return err->code;
    int provider = who->role == ROLE_PROVIDER_USER;
    if (provider && who->organisation_id <= 0) {
        *items = NULL;
        *n = 0;
        return 0;
    }
    return store_survey_pending_for(st, provider ? "" : who->email,
                                    provider ? who->organisation_id : 0, a, items, n, err);
}

/* A random id for a response, so that the order of the ids is not the order of answering. */
static long long
random_id(void)
{
    long long v;
    randombytes_buf(&v, sizeof v);
    v &= (1LL << 53) - 1; /* what JSON numbers carry exactly */
    return v ? v : 1;
}

/* Stores the answer of the recipient found (inside the caller's transaction) and commits. */
static int
answer_store(struct store *st, const struct survey_link_row *l, const struct actor *named,
             const char *const *values, int n, struct arena *a, struct insyn_err *err)
{
    struct survey_row s;
    struct survey_question *q;
    int nq;
    if (store_survey_get(st, l->survey_id, a, &s, err) ||
        store_survey_questions(st, l->survey_id, a, &q, &nq, err))
        return app_abort(st, err);
    char **clean = arena_alloc(a, sizeof *clean * (size_t)(nq ? nq : 1));
    for (int i = 0; i < nq; i++)
        survey_answer_validate(&q[i], i < n ? values[i] : "", arena_printf(a, "q%lld", q[i].id), a,
                               &clean[i], err);
    if (err->nfields) {
        err_set(err, INSYN_EINVAL, "Svaret kunde inte tas emot. Se frågorna som är markerade.");
        return app_abort(st, err);
    }
    char now[21], day[11];
    app_timestamp(0, now);
    date_format(app_today(), day);
    /* anonymous: no recipient on the response, the day only, the recipient row only records
     * that it answered, and the audit names no one */
    int anon = s.anonymous;
    if (store_survey_recipient_answered(st, l->recipient_id, anon ? NULL : now, err))
        return app_abort(st, err);
    long long rid = random_id();
    if (store_survey_response_insert(st, rid, s.id, anon ? 0 : l->recipient_id,
                                     anon ? 0 : l->organisation_id, anon ? day : now, err))
        return app_abort(st, err);
    for (int i = 0; i < nq; i++)
        if (store_survey_answer_insert(st, rid, q[i].id, clean[i], err))
            return app_abort(st, err);
    json_t *after = anon ? json_pack("{s:b}", "anonymous", 1)
                         : json_pack("{s:I}", "recipient_id", (json_int_t)l->recipient_id);
    return app_commit_audited(st, anon ? &anonymous_actor : named, "answer", "survey", s.id, NULL,
                              after, err);
}

int
app_survey_answer(struct store *st, const char *token, const char *const *values, int n,
                  struct arena *a, struct insyn_err *err)
{
    if (store_begin(st, err))
        return err->code;
    struct survey_link_row l;
    if (link_find(st, token, a, &l, err))
        return app_abort(st, err);
    return answer_store(st, &l, &link_actor, values, n, a, err);
}

int
app_survey_answer_mine(struct store *st, const struct actor *who, long long recipient_id,
                       const char *const *values, int n, struct arena *a, struct insyn_err *err)
{
    if (app_require(who, PERM_LOGGED_IN, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    struct survey_link_row l;
    if (mine_find(st, who, recipient_id, a, &l, err))
        return app_abort(st, err);
    return answer_store(st, &l, who, values, n, a, err);
}
