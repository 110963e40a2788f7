/* surveys.c — surveys, their questions, recipients, responses and answers (migration 013).
 * Only the SHA-256 of a link's secret is stored. */
#include "store/internal.h"
#include "store/store.h"

#include <string.h>

int
store_survey_insert(struct store *st, struct survey_row *s, struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(
        st,
        "INSERT INTO survey (title, intro, audience, template, anonymous, status, plan_id, "
        "created_by_name, created_at, agreement_id) VALUES (?,?,?,?,?,'draft',?,?,?,?)",
        err);
    if (!q)
        return INSYN_ESYS;
    bind_text(q, 1, s->title);
    bind_text(q, 2, s->intro);
    bind_text(q, 3, s->audience);
    bind_text(q, 4, s->template_code);
    bind_int(q, 5, s->anonymous);
    bind_opt_id(q, 6, s->plan_id);
    bind_text(q, 7, s->created_by_name);
    bind_text(q, 8, s->created_at);
    bind_opt_id(q, 9, s->agreement_id);
    return stmt_insert(st, q, &s->id, err);
}

int
store_survey_question_insert(struct store *st, long long survey_id, const struct survey_question *x,
                             struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(
        st,
        "INSERT INTO survey_question (survey_id, position, kind, text, options, scale_low, "
        "scale_high, required) VALUES (?,?,?,?,?,?,?,?)",
        err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, survey_id);
    bind_int(q, 2, x->position);
    bind_text(q, 3, x->kind);
    bind_text(q, 4, x->text);
    bind_text(q, 5, x->options);
    bind_text(q, 6, x->scale_low);
    bind_text(q, 7, x->scale_high);
    bind_int(q, 8, x->required);
    return stmt_run(st, q, err);
}

#define SURVEY_COLUMNS                                                                             \
    "SELECT s.id, coalesce(s.plan_id, 0), s.title, s.intro, s.audience, s.template, s.status, "    \
    "s.created_by_name, s.created_at, coalesce(s.opened_at, ''), coalesce(s.closed_at, ''), "      \
    "s.anonymous, (SELECT count(*) FROM survey_recipient r WHERE r.survey_id = s.id), "            \
    "(SELECT count(*) FROM survey_recipient r WHERE r.survey_id = s.id AND r.answered = 1), "      \
    "coalesce(p.title, ''), coalesce(s.agreement_id, 0), coalesce(g.case_ref, ''), "               \
    "coalesce(g.title, '') FROM survey s LEFT JOIN control_plan p ON p.id = s.plan_id "            \
    "LEFT JOIN agreement g ON g.id = s.agreement_id "

static void
survey_from_row(struct arena *a, struct stmt *q, struct survey_row *s)
{
    memset(s, 0, sizeof *s);
    s->id = col_int64(q, 0);
    s->plan_id = col_int64(q, 1);
    s->title = col_text(a, q, 2);
    s->intro = col_text(a, q, 3);
    s->audience = col_text(a, q, 4);
    s->template_code = col_text(a, q, 5);
    s->status = col_text(a, q, 6);
    s->created_by_name = col_text(a, q, 7);
    s->created_at = col_text(a, q, 8);
    s->opened_at = col_text(a, q, 9);
    s->closed_at = col_text(a, q, 10);
    s->anonymous = col_int(q, 11);
    s->recipients = col_int(q, 12);
    s->answered = col_int(q, 13);
    s->plan_title = col_text(a, q, 14);
    s->agreement_id = col_int64(q, 15);
    s->agreement_case_ref = col_text(a, q, 16);
    s->agreement_title = col_text(a, q, 17);
}

int
store_survey_get(struct store *st, long long id, struct arena *a, struct survey_row *out,
                 struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(st, SURVEY_COLUMNS "WHERE s.id = ?", err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, id);
    int rc = stmt_step(q);
    if (rc == STMT_ROW)
        survey_from_row(a, q, out);
    stmt_done(q);
    if (rc == STMT_ROW)
        return 0;
    if (rc == STMT_DONE)
        return err_set(err, INSYN_ENOTFOUND, "Enkäten finns inte.");
    return store_fail(st, rc, err);
}

int
store_survey_list(struct store *st, struct arena *a, struct survey_row **items, int *n,
                  struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(st, SURVEY_COLUMNS "ORDER BY s.created_at DESC, s.id DESC", err);
    if (!q)
        return INSYN_ESYS;
    int cap = 16, rc;
    *items = arena_alloc(a, sizeof **items * (size_t)cap);
    *n = 0;
    while ((rc = stmt_step(q)) == STMT_ROW) {
        *items = arena_grow(a, *items, *n, &cap, sizeof **items);
        survey_from_row(a, q, &(*items)[(*n)++]);
    }
    stmt_done(q);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

static void
question_fill(void *row, struct stmt *q, struct arena *a)
{
    struct survey_question *x = row;
    x->id = col_int64(q, 0);
    x->position = col_int(q, 1);
    x->kind = col_text(a, q, 2);
    x->text = col_text(a, q, 3);
    x->options = col_text(a, q, 4);
    x->scale_low = col_text(a, q, 5);
    x->scale_high = col_text(a, q, 6);
    x->required = col_int(q, 7);
}

int
store_survey_questions(struct store *st, long long survey_id, struct arena *a,
                       struct survey_question **out, int *n, struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(st,
                                  "SELECT id, position, kind, text, options, scale_low, "
                                  "scale_high, required FROM survey_question WHERE survey_id = ? "
                                  "ORDER BY position",
                                  err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, survey_id);
    return stmt_rows(st, q, a, sizeof **out, question_fill, (void **)out, n, err);
}

static void
recipient_row_fill(void *row, struct stmt *q, struct arena *a)
{
    struct survey_recipient_row *r = row;
    r->id = col_int64(q, 0);
    r->organisation_id = col_int64(q, 1);
    r->email = col_text(a, q, 2);
    r->organisation_name = col_text(a, q, 3);
    r->org_nr = col_text(a, q, 4);
    r->answered = col_int(q, 5);
    r->has_link = col_int(q, 6);
    r->answered_at = col_text(a, q, 7);
    r->reminded_on = col_text(a, q, 8);
}

int
store_survey_recipients(struct store *st, long long survey_id, struct arena *a,
                        struct survey_recipient_row **out, int *n, struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(
        st,
        "SELECT r.id, coalesce(r.organisation_id, 0), r.email, coalesce(o.name, ''), "
        "coalesce(o.org_nr, ''), r.answered, r.token_hash IS NOT NULL, "
        "coalesce(r.answered_at, ''), coalesce(r.reminded_at, '') FROM survey_recipient r "
        "LEFT JOIN organisation o ON o.id = r.organisation_id WHERE r.survey_id = ? ORDER BY r.id",
        err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, survey_id);
    return stmt_rows(st, q, a, sizeof **out, recipient_row_fill, (void **)out, n, err);
}

int
store_survey_recipient_insert(struct store *st, long long survey_id, const char *email,
                              long long organisation_id, const char *now, long long *id,
                              struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(st,
                                  "INSERT INTO survey_recipient (survey_id, email, "
                                  "organisation_id, created_at) VALUES (?,?,?,?)",
                                  err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, survey_id);
    bind_text(q, 2, email);
    bind_opt_id(q, 3, organisation_id);
    bind_text(q, 4, now);
    return stmt_insert(st, q, id, err);
}

int
store_survey_recipient_link(struct store *st, long long recipient_id, const char *token_hash,
                            struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(
        st, "UPDATE survey_recipient SET token_hash = ? WHERE id = ? AND token_hash IS NULL", err);
    if (!q)
        return INSYN_ESYS;
    bind_text(q, 1, token_hash);
    bind_int(q, 2, recipient_id);
    return stmt_run(st, q, err);
}

int
store_survey_set_status(struct store *st, long long id, const char *from, const char *to,
                        const char *now, struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(st,
                                  "UPDATE survey SET status = ?3, "
                                  "opened_at = CASE WHEN ?3 = 'open' THEN ?4 ELSE opened_at END, "
                                  "closed_at = CASE WHEN ?3 = 'closed' THEN ?4 ELSE closed_at END "
                                  "WHERE id = ?1 AND status = ?2",
                                  err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, id);
    bind_text(q, 2, from);
    bind_text(q, 3, to);
    bind_text(q, 4, now);
    int rc = stmt_step(q);
    stmt_done(q);
    if (rc != STMT_DONE)
        return store_fail(st, rc, err);
    if (stmt_changes(st) == 0)
        return err_set(err, INSYN_ECONFLICT, "Enkätens status har redan ändrats.");
    return 0;
}

#define LINK_COLUMNS                                                                               \
    "SELECT r.survey_id, r.id, coalesce(r.organisation_id, 0), r.answered, s.status, r.email "     \
    "FROM survey_recipient r JOIN survey s ON s.id = r.survey_id "

static int
link_row(struct store *st, const char *sql, const char *text, long long id, struct arena *a,
         struct survey_link_row *out)
{
    struct stmt *q = stmt_prepare(st, sql, NULL);
    if (!q)
        return INSYN_ESYS;
    if (text)
        bind_text(q, 1, text);
    else
        bind_int(q, 1, id);
    int rc = stmt_step(q);
    if (rc == STMT_ROW) {
        out->survey_id = col_int64(q, 0);
        out->recipient_id = col_int64(q, 1);
        out->organisation_id = col_int64(q, 2);
        out->answered = col_int(q, 3);
        out->status = col_text(a, q, 4);
        out->email = col_text(a, q, 5);
    }
    stmt_done(q);
    return rc == STMT_ROW ? 0 : rc == STMT_DONE ? INSYN_ENOTFOUND : INSYN_ESYS;
}

int
store_survey_by_token(struct store *st, const char *token_hash, struct arena *a,
                      struct survey_link_row *out)
{
    return link_row(st, LINK_COLUMNS "WHERE r.token_hash = ?", token_hash, 0, a, out);
}

int
store_survey_recipient_get(struct store *st, long long recipient_id, struct arena *a,
                           struct survey_link_row *out)
{
    return link_row(st, LINK_COLUMNS "WHERE r.id = ?", NULL, recipient_id, a, out);
}

#define PENDING_COLUMNS                                                                            \
    "SELECT r.id, r.survey_id, coalesce(r.organisation_id, 0), s.title, r.email, "                 \
    "coalesce(o.name, ''), coalesce(s.opened_at, ''), coalesce(r.reminded_at, ''), s.anonymous, "  \
    "coalesce(o.contact_email, '') "                                                               \
    "FROM survey_recipient r JOIN survey s ON s.id = r.survey_id "                                 \
    "LEFT JOIN organisation o ON o.id = r.organisation_id "                                        \
    "WHERE s.status = 'open' AND r.answered = 0 "

static void
pending_fill(void *row, struct stmt *q, struct arena *a)
{
    struct survey_pending *p = row;
    p->recipient_id = col_int64(q, 0);
    p->survey_id = col_int64(q, 1);
    p->organisation_id = col_int64(q, 2);
    p->title = col_text(a, q, 3);
    p->email = col_text(a, q, 4);
    p->organisation_name = col_text(a, q, 5);
    p->opened_at = col_text(a, q, 6);
    p->reminded_on = col_text(a, q, 7);
    p->anonymous = col_int(q, 8);
    p->contact_email = col_text(a, q, 9);
}

int
store_survey_pending_for(struct store *st, const char *email, long long organisation_id,
                         struct arena *a, struct survey_pending **out, int *n,
                         struct insyn_err *err)
{
    struct stmt *q =
        stmt_prepare(st,
                     PENDING_COLUMNS "AND ((?1 <> '' AND r.email = lower(?1)) OR "
                                     "(?2 > 0 AND r.email = '' AND r.organisation_id = ?2)) "
                                     "ORDER BY s.opened_at, s.id, r.id",
                     err);
    if (!q)
        return INSYN_ESYS;
    bind_text(q, 1, email ? email : "");
    bind_int(q, 2, organisation_id);
    return stmt_rows(st, q, a, sizeof **out, pending_fill, (void **)out, n, err);
}

int
store_survey_pending_due(struct store *st, const char *cutoff, struct arena *a,
                         struct survey_pending **out, int *n, struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(
        st,
        PENDING_COLUMNS "AND substr(s.opened_at, 1, 10) <= ?1 AND (r.reminded_at IS NULL OR "
                        "r.reminded_at <= ?1) "
                        "ORDER BY r.email, r.organisation_id, s.id, r.id",
        err);
    if (!q)
        return INSYN_ESYS;
    bind_text(q, 1, cutoff);
    return stmt_rows(st, q, a, sizeof **out, pending_fill, (void **)out, n, err);
}

int
store_survey_recipient_reminded(struct store *st, long long recipient_id, const char *token_hash,
                                const char *day, struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(st,
                                  "UPDATE survey_recipient SET reminded_at = ?3, "
                                  "token_hash = coalesce(?2, token_hash) "
                                  "WHERE id = ?1 AND answered = 0",
                                  err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, recipient_id);
    if (token_hash)
        bind_text(q, 2, token_hash);
    bind_text(q, 3, day);
    return stmt_run(st, q, err);
}

int
store_survey_recipient_answered(struct store *st, long long recipient_id, const char *answered_at,
                                struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(st,
                                  "UPDATE survey_recipient SET answered = 1, answered_at = ? "
                                  "WHERE id = ? AND answered = 0",
                                  err);
    if (!q)
        return INSYN_ESYS;
    if (answered_at)
        bind_text(q, 1, answered_at);
    bind_int(q, 2, recipient_id);
    int rc = stmt_step(q);
    stmt_done(q);
    if (rc != STMT_DONE)
        return store_fail(st, rc, err);
    if (stmt_changes(st) == 0)
        return err_set(err, INSYN_ECONFLICT, "Enkäten är redan besvarad.");
    return 0;
}

int
store_survey_response_insert(struct store *st, long long id, long long survey_id,
                             long long recipient_id, long long organisation_id,
                             const char *submitted_at, struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(st,
                                  "INSERT INTO survey_response (id, survey_id, recipient_id, "
                                  "organisation_id, submitted_at) VALUES (?,?,?,?,?)",
                                  err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, id);
    bind_int(q, 2, survey_id);
    bind_opt_id(q, 3, recipient_id);
    bind_opt_id(q, 4, organisation_id);
    bind_text(q, 5, submitted_at);
    return stmt_run(st, q, err);
}

int
store_survey_answer_insert(struct store *st, long long response_id, long long question_id,
                           const char *value, struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(
        st, "INSERT INTO survey_answer (response_id, question_id, value) VALUES (?,?,?)", err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, response_id);
    bind_int(q, 2, question_id);
    bind_text(q, 3, value);
    return stmt_run(st, q, err);
}

static void
answer_row_fill(void *row, struct stmt *q, struct arena *a)
{
    struct survey_answer_row *x = row;
    x->question_id = col_int64(q, 0);
    x->organisation_id = col_int64(q, 1);
    x->value = col_text(a, q, 2);
}

int
store_survey_answers(struct store *st, long long survey_id, struct arena *a,
                     struct survey_answer_row **out, int *n, struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(st,
                                  "SELECT x.question_id, coalesce(r.organisation_id, 0), x.value "
                                  "FROM survey_response r JOIN survey_answer x "
                                  "ON x.response_id = r.id WHERE r.survey_id = ? "
                                  "ORDER BY x.question_id, r.submitted_at, r.id",
                                  err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, survey_id);
    return stmt_rows(st, q, a, sizeof **out, answer_row_fill, (void **)out, n, err);
}

int
store_survey_plan_case_workers(struct store *st, const struct sample_rule *r,
                               const long long *unit_ids, int n_units, struct arena *a,
                               struct survey_case_worker **out, int *n, struct insyn_err *err)
{
    int cap = 32;
    *out = arena_alloc(a, sizeof **out * (size_t)cap);
    *n = 0;
    for (int u = 0; u < n_units; u++) {
        struct stmt *q = stmt_prepare(
            st,
            "SELECT DISTINCT lower(p.case_worker), p.organisation_id, o.name FROM placement p "
            "JOIN agreement g ON g.id = p.agreement_id JOIN organisation o "
            "ON o.id = p.organisation_id WHERE g.case_ref = ?1 AND p.unit_id = ?2 "
            "AND p.start_date >= ?3 AND p.start_date <= ?4 ORDER BY 1",
            err);
        if (!q)
            return INSYN_ESYS;
        bind_text(q, 1, r->case_ref);
        bind_int(q, 2, unit_ids[u]);
        bind_date(q, 3, r->from);
        bind_date(q, 4, r->to);
        int rc;
        while ((rc = stmt_step(q)) == STMT_ROW) {
            *out = arena_grow(a, *out, *n, &cap, sizeof **out);
            struct survey_case_worker *c = &(*out)[(*n)++];
            c->email = col_text(a, q, 0);
            c->organisation_id = col_int64(q, 1);
            c->organisation = col_text(a, q, 2);
        }
        stmt_done(q);
        if (rc != STMT_DONE)
            return store_fail(st, rc, err);
    }
    return 0;
}
