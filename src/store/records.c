/* records.c — records (protokoll) of follow-ups: the record, its checklist, agreed actions,
 * the review of the previous record's actions, and attachments. A statement is always
 * read to its end before the next one is prepared (the statement cache may evict). */
#include "store/internal.h"
#include "store/store.h"

#include "core/date.h"
#include "core/text.h"

#include <string.h>

static int
step_done(struct store *st, struct stmt *s, struct insyn_err *err)
{
    return stmt_run(st, s, err);
}

/* Lines joined by newlines, for the attendee columns. */
static char *
join_lines(struct arena *a, char **items, int n)
{
    size_t len = 1;
    for (int i = 0; i < n; i++)
        len += strlen(items[i]) + 1;
    char *out = arena_alloc(a, len), *p = out;
    for (int i = 0; i < n; i++) {
        size_t k = strlen(items[i]);
        memcpy(p, items[i], k);
        p += k;
        if (i + 1 < n)
            *p++ = '\n';
    }
    *p = '\0';
    return out;
}

int
store_followup_get(struct store *st, long long id, struct arena *a, struct followup_row *out,
                   struct insyn_err *err)
{
    struct stmt *s =
        stmt_prepare(st,
                     "SELECT t.id, coalesce(t.agreement_id, 0), coalesce(g.organisation_id, 0), "
                     "g.case_ref, g.title, o.name, "
                     "r.name, x.name, x.level, x.responsible_role, x.co_roles, t.status, t.due, "
                     "t.may_be_written, "
                     "t.service_area, coalesce(g.strategist_id, 0), t.activity_id, x.frequency "
                     "FROM follow_up t LEFT JOIN agreement g ON g.id = t.agreement_id "
                     "LEFT JOIN organisation o ON o.id = g.organisation_id "
                     "JOIN routine_activity x ON x.id = t.activity_id JOIN routine r ON r.id = "
                     "x.routine_id WHERE t.id = ?",
                     err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc == STMT_ROW) {
        memset(out, 0, sizeof *out);
        out->id = col_int64(s, 0);
        out->agreement_id = col_int64(s, 1);
        out->organisation_id = col_int64(s, 2);
        out->case_ref = col_text(a, s, 3);
        out->agreement_title = col_text(a, s, 4);
        out->organisation_name = col_text(a, s, 5);
        out->routine_name = col_text(a, s, 6);
        out->activity = col_text(a, s, 7);
        out->level = col_text(a, s, 8);
        out->responsible_role = col_text(a, s, 9);
        out->co_roles = col_text(a, s, 10);
        out->status = col_text(a, s, 11);
        out->due = col_date(s, 12);
        out->may_be_written = col_int(s, 13);
        out->service_area = col_text(a, s, 14);
        out->strategist_id = col_int64(s, 15);
        out->activity_id = col_int64(s, 16);
        out->frequency = col_text(a, s, 17);
    }
    stmt_done(s);
    if (rc == STMT_ROW)
        return 0;
    if (rc == STMT_DONE)
        return err_set(err, INSYN_ENOTFOUND, "Uppföljningen finns inte.");
    return store_fail(st, rc, err);
}

int
store_agreement_items(struct store *st, long long agreement_id, struct arena *a,
                      struct record_item **items, int *n, struct insyn_err *err)
{
    struct stmt *s =
        stmt_prepare(st,
                     "SELECT id, kind, text FROM agreement_item WHERE agreement_id = ? "
                     "ORDER BY kind = 'value_add', position",
                     err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, agreement_id);
    int cap = 16, rc;
    *items = arena_alloc(a, sizeof **items * (size_t)cap);
    *n = 0;
    while ((rc = stmt_step(s)) == STMT_ROW) {
        *items = arena_grow(a, *items, *n, &cap, sizeof **items);
        struct record_item *it = &(*items)[(*n)++];
        it->id = col_int64(s, 0);
        it->kind = col_text(a, s, 1);
        it->text = col_text(a, s, 2);
    }
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

/* Checklist, actions and reviews of a record, written anew. */
static int
write_children(struct store *st, struct record *r, struct insyn_err *err)
{
    static const char *const clear[] = {
        "DELETE FROM follow_up_check WHERE record_id = ?",
        "DELETE FROM follow_up_review WHERE record_id = ?",
        "DELETE FROM follow_up_action WHERE record_id = ?",
        "DELETE FROM follow_up_record_organisation WHERE record_id = ?",
    };
    for (size_t i = 0; i < sizeof clear / sizeof clear[0]; i++) {
        struct stmt *s = stmt_prepare(st, clear[i], err);
        if (!s)
            return INSYN_ESYS;
        bind_int(s, 1, r->id);
        if (step_done(st, s, err))
            return INSYN_ESYS;
    }
    for (int i = 0; i < r->n_checks; i++) {
        struct stmt *s = stmt_prepare(st,
                                      "INSERT INTO follow_up_check (record_id, agreement_item_id, "
                                      "position, kind, item_text, outcome, "
                                      "comment) VALUES (?,?,?,?,?,?,?)",
                                      err);
        if (!s)
            return INSYN_ESYS;
        bind_int(s, 1, r->id);
        bind_int(s, 2, r->checks[i].item_id);
        bind_int(s, 3, i);
        bind_text(s, 4, r->checks[i].kind);
        bind_text(s, 5, r->checks[i].text);
        bind_text(s, 6, r->checks[i].outcome);
        bind_text(s, 7, r->checks[i].comment);
        if (step_done(st, s, err))
            return INSYN_ESYS;
    }
    for (int i = 0; i < r->n_actions; i++) {
        struct stmt *s = stmt_prepare(st,
                                      "INSERT INTO follow_up_action (record_id, position, text, "
                                      "deadline, responsible) VALUES (?,?,?,?,?)",
                                      err);
        if (!s)
            return INSYN_ESYS;
        bind_int(s, 1, r->id);
        bind_int(s, 2, i);
        bind_text(s, 3, r->actions[i].text);
        bind_date(s, 4, r->actions[i].deadline);
        bind_text(s, 5, r->actions[i].responsible);
        if (step_done(st, s, err))
            return INSYN_ESYS;
        r->actions[i].id = stmt_last_id(st);
    }
    for (int i = 0; i < r->n_reviews; i++) {
        struct stmt *s = stmt_prepare(st,
                                      "INSERT INTO follow_up_review (record_id, action_id, "
                                      "outcome, comment) VALUES (?,?,?,?)",
                                      err);
        if (!s)
            return INSYN_ESYS;
        bind_int(s, 1, r->id);
        bind_int(s, 2, r->reviews[i].action_id);
        bind_text(s, 3, r->reviews[i].outcome);
        bind_text(s, 4, r->reviews[i].comment);
        if (step_done(st, s, err))
            return INSYN_ESYS;
    }
    for (int i = 0; i < r->n_organisations; i++) {
        struct stmt *s = stmt_prepare(st,
                                      "INSERT INTO follow_up_record_organisation (record_id, "
                                      "organisation_id) VALUES (?,?)",
                                      err);
        if (!s)
            return INSYN_ESYS;
        bind_int(s, 1, r->id);
        bind_int(s, 2, r->organisations[i].id);
        if (step_done(st, s, err))
            return INSYN_ESYS;
    }
    return 0;
}

static void
bind_fields(struct store *st, struct stmt *s, const struct record *r)
{
    struct arena a;
    arena_init(&a);
    bind_date(s, 1, r->held_on);
    bind_text(s, 2, r->place);
    bind_text(s, 3, r->location);
    /* bind_text copies, so the arena may go */
    bind_text(s, 4, join_lines(&a, r->attendees_municipality, r->n_attendees_municipality));
    bind_text(s, 5, join_lines(&a, r->attendees_provider, r->n_attendees_provider));
    bind_text(s, 6, r->provider_answers);
    bind_text(s, 7, r->findings);
    bind_text(s, 8, r->correction_reason);
    bind_text(s, 9, r->updated_at);
    bind_text(s, 10, r->type);
    bind_text(s, 11, r->case_ref);
    bind_text(s, 12, r->topics);
    bind_text(s, 13, r->overall_assessment);
    arena_free(&a);
    (void)st;
}

int
store_record_insert(struct store *st, struct record *r, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "INSERT INTO follow_up_record (held_on, place, location, attendees_municipality, "
        "attendees_provider, provider_answers, findings, correction_reason, updated_at, "
        "record_type, case_ref, topics, overall_assessment, follow_up_id, version, previous_id, "
        "status, created_by, created_by_name, created_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'draft',?,?,?)",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_fields(st, s, r);
    bind_int(s, 14, r->follow_up_id);
    bind_int(s, 15, r->version);
    bind_opt_id(s, 16, r->previous_id);
    bind_opt_id(s, 17, r->created_by);
    bind_text(s, 18, r->created_by_name);
    bind_text(s, 19, r->created_at);
    if (step_done(st, s, err))
        return err->code;
    r->id = stmt_last_id(st);
    return write_children(st, r, err);
}

int
store_record_update(struct store *st, struct record *r, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "UPDATE follow_up_record SET held_on = ?, place = ?, location = "
                                  "?, attendees_municipality = ?, "
                                  "attendees_provider = ?, provider_answers = ?, findings = ?, "
                                  "correction_reason = ?, updated_at = ?, record_type = ?, "
                                  "case_ref = ?, topics = ?, overall_assessment = ? "
                                  "WHERE id = ? AND status = 'draft'",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_fields(st, s, r);
    bind_int(s, 14, r->id);
    if (step_done(st, s, err))
        return err->code;
    if (stmt_changes(st) != 1)
        return err_set(err, INSYN_ECONFLICT, "Protokollet är signerat och kan inte ändras.");
    return write_children(st, r, err);
}

int
store_record_sign(struct store *st, const struct record *r, long long user_id, const char *name,
                  const char *at, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "UPDATE follow_up_record SET status = 'signed', signed_by = ?, "
                                  "signed_by_name = ?, signed_at = ?, "
                                  "updated_at = ? WHERE id = ? AND status = 'draft'",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_opt_id(s, 1, user_id);
    bind_text(s, 2, name);
    bind_text(s, 3, at);
    bind_text(s, 4, at);
    bind_int(s, 5, r->id);
    if (step_done(st, s, err))
        return err->code;
    if (stmt_changes(st) != 1)
        return err_set(err, INSYN_ECONFLICT, "Protokollet är redan signerat.");
    /* a signed record makes its follow-up done, so that schedule regeneration keeps it */
    s = stmt_prepare(
        st, "UPDATE follow_up SET status = 'done', done_at = coalesce(done_at, ?) WHERE id = ?",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, at);
    bind_int(s, 2, r->follow_up_id);
    return step_done(st, s, err);
}

static int
record_load(struct store *st, long long id, struct arena *a, struct record *out,
            struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "SELECT id, follow_up_id, version, coalesce(previous_id, 0), "
                                  "status, held_on, place, location, "
                                  "attendees_municipality, attendees_provider, provider_answers, "
                                  "findings, correction_reason, "
                                  "coalesce(created_by, 0), created_by_name, created_at, "
                                  "updated_at, coalesce(signed_by, 0), signed_by_name, "
                                  "signed_at, record_type, case_ref, topics, overall_assessment "
                                  "FROM follow_up_record WHERE id = ?",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc == STMT_ROW) {
        memset(out, 0, sizeof *out);
        out->id = col_int64(s, 0);
        out->follow_up_id = col_int64(s, 1);
        out->version = col_int(s, 2);
        out->previous_id = col_int64(s, 3);
        out->status = col_text(a, s, 4);
        out->held_on = col_date(s, 5);
        out->place = col_text(a, s, 6);
        out->location = col_text(a, s, 7);
        out->n_attendees_municipality =
            text_split_lines(a, col_text(a, s, 8), &out->attendees_municipality);
        out->n_attendees_provider =
            text_split_lines(a, col_text(a, s, 9), &out->attendees_provider);
        out->provider_answers = col_text(a, s, 10);
        out->findings = col_text(a, s, 11);
        out->correction_reason = col_text(a, s, 12);
        out->created_by = col_int64(s, 13);
        out->created_by_name = col_text(a, s, 14);
        out->created_at = col_text(a, s, 15);
        out->updated_at = col_text(a, s, 16);
        out->signed_by = col_int64(s, 17);
        out->signed_by_name = col_text_or_null(a, s, 18);
        out->signed_at = col_text_or_null(a, s, 19);
        out->type = col_text(a, s, 20);
        out->case_ref = col_text(a, s, 21);
        out->topics = col_text(a, s, 22);
        out->overall_assessment = col_text(a, s, 23);
    }
    stmt_done(s);
    if (rc == STMT_DONE)
        return err_set(err, INSYN_ENOTFOUND, "Protokollet finns inte.");
    if (rc != STMT_ROW)
        return store_fail(st, rc, err);

    int cap;
    s = stmt_prepare(
        st,
        "SELECT agreement_item_id, kind, item_text, outcome, comment FROM follow_up_check "
        "WHERE record_id = ? ORDER BY position",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, id);
    cap = 8;
    out->checks = arena_alloc(a, sizeof *out->checks * (size_t)cap);
    while ((rc = stmt_step(s)) == STMT_ROW) {
        out->checks = arena_grow(a, out->checks, out->n_checks, &cap, sizeof *out->checks);
        struct record_check *c = &out->checks[out->n_checks++];
        c->item_id = col_int64(s, 0);
        c->kind = col_text(a, s, 1);
        c->text = col_text(a, s, 2);
        c->outcome = col_text(a, s, 3);
        c->comment = col_text(a, s, 4);
    }
    stmt_done(s);
    if (rc != STMT_DONE)
        return store_fail(st, rc, err);

    s = stmt_prepare(
        st,
        "SELECT id, text, deadline, responsible FROM follow_up_action WHERE record_id = ? "
        "ORDER BY position",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, id);
    cap = 8;
    out->actions = arena_alloc(a, sizeof *out->actions * (size_t)cap);
    while ((rc = stmt_step(s)) == STMT_ROW) {
        out->actions = arena_grow(a, out->actions, out->n_actions, &cap, sizeof *out->actions);
        struct record_action *x = &out->actions[out->n_actions++];
        x->id = col_int64(s, 0);
        x->text = col_text(a, s, 1);
        x->deadline = col_date(s, 2);
        x->responsible = col_text(a, s, 3);
    }
    stmt_done(s);
    if (rc != STMT_DONE)
        return store_fail(st, rc, err);

    s = stmt_prepare(st,
                     "SELECT action_id, outcome, comment FROM follow_up_review WHERE record_id = ? "
                     "ORDER BY action_id",
                     err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, id);
    cap = 8;
    out->reviews = arena_alloc(a, sizeof *out->reviews * (size_t)cap);
    while ((rc = stmt_step(s)) == STMT_ROW) {
        out->reviews = arena_grow(a, out->reviews, out->n_reviews, &cap, sizeof *out->reviews);
        struct record_review *v = &out->reviews[out->n_reviews++];
        v->action_id = col_int64(s, 0);
        v->outcome = col_text(a, s, 1);
        v->comment = col_text(a, s, 2);
    }
    stmt_done(s);
    if (rc != STMT_DONE)
        return store_fail(st, rc, err);

    s = stmt_prepare(st,
                     "SELECT o.id, o.name FROM follow_up_record_organisation x JOIN organisation o "
                     "ON o.id = x.organisation_id WHERE x.record_id = ? ORDER BY o.name, o.id",
                     err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, id);
    cap = 0;
    out->organisations = NULL;
    while ((rc = stmt_step(s)) == STMT_ROW) {
        out->organisations = arena_grow(a, out->organisations, out->n_organisations, &cap,
                                        sizeof *out->organisations);
        struct record_provider *o = &out->organisations[out->n_organisations++];
        o->id = col_int64(s, 0);
        o->name = col_text(a, s, 1);
    }
    stmt_done(s);
    if (rc != STMT_DONE)
        return store_fail(st, rc, err);

    s = stmt_prepare(
        st,
        "SELECT id, name, content_type, size, sha256, created_at FROM follow_up_attachment "
        "WHERE record_id = ? ORDER BY id",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, id);
    cap = 4;
    out->attachments = arena_alloc(a, sizeof *out->attachments * (size_t)cap);
    while ((rc = stmt_step(s)) == STMT_ROW) {
        out->attachments =
            arena_grow(a, out->attachments, out->n_attachments, &cap, sizeof *out->attachments);
        struct record_attachment *f = &out->attachments[out->n_attachments++];
        f->id = col_int64(s, 0);
        f->name = col_text(a, s, 1);
        f->content_type = col_text(a, s, 2);
        f->size = col_int64(s, 3);
        f->sha256 = col_text(a, s, 4);
        f->created_at = col_text(a, s, 5);
    }
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

/* The record and its lines in one read transaction: they always belong together. */
int
store_record_get(struct store *st, long long id, struct arena *a, struct record *out,
                 struct insyn_err *err)
{
    int opened = read_begin(st, err);
    if (opened < 0)
        return opened;
    int rc = record_load(st, id, a, out, err);
    read_end(st, opened);
    return rc;
}

int
store_record_versions(struct store *st, long long follow_up_id, int signed_only, struct arena *a,
                      long long **ids, int *n, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "SELECT id FROM follow_up_record WHERE follow_up_id = ?1 "
                                  "AND (?2 = 0 OR status = 'signed') ORDER BY version DESC",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, follow_up_id);
    bind_int(s, 2, signed_only);
    int cap = 4, rc;
    *ids = arena_alloc(a, sizeof **ids * (size_t)cap);
    *n = 0;
    while ((rc = stmt_step(s)) == STMT_ROW) {
        *ids = arena_grow(a, *ids, *n, &cap, sizeof **ids);
        (*ids)[(*n)++] = col_int64(s, 0);
    }
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

/* The newest signed version of each earlier follow-up of one agreement and activity:
 * ?1 agreement, ?2 activity, ?3 the follow-up itself, ?4 its due date. */
#define EARLIER_RECORDS                                                                            \
    "earlier AS (SELECT r.id, r.held_on, t.id AS follow_up_id, t.due FROM follow_up_record r "     \
    "JOIN follow_up t ON t.id = r.follow_up_id WHERE t.agreement_id = ?1 AND t.activity_id = ?2 "  \
    "AND t.id <> ?3 AND (t.due < ?4 OR (t.due = ?4 AND t.id < ?3)) AND r.status = 'signed' "       \
    "AND NOT EXISTS (SELECT 1 FROM follow_up_record n WHERE n.follow_up_id = r.follow_up_id "      \
    "AND n.status = 'signed' AND n.version > r.version))"

static void
bind_earlier(struct stmt *s, long long agreement_id, long long activity_id, long long follow_up_id,
             int due)
{
    bind_int(s, 1, agreement_id);
    bind_int(s, 2, activity_id);
    bind_int(s, 3, follow_up_id);
    bind_date(s, 4, due);
}

int
store_record_previous(struct store *st, long long agreement_id, long long activity_id,
                      long long follow_up_id, int due, long long *id, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "WITH " EARLIER_RECORDS
                                  " SELECT id FROM earlier ORDER BY due DESC, follow_up_id DESC "
                                  "LIMIT 1",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_earlier(s, agreement_id, activity_id, follow_up_id, due);
    int rc = stmt_step(s);
    *id = rc == STMT_ROW ? col_int64(s, 0) : 0;
    stmt_done(s);
    return rc == STMT_ROW || rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

static int
earlier_actions(struct store *st, long long agreement_id, long long activity_id,
                long long follow_up_id, int due, struct arena *a, struct earlier_action **out,
                int *n, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "WITH " EARLIER_RECORDS " SELECT x.id, x.text, x.deadline, x.responsible, e.follow_up_id, "
        "e.held_on FROM follow_up_action x JOIN earlier e ON e.id = x.record_id "
        "ORDER BY e.due, e.follow_up_id, x.position",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_earlier(s, agreement_id, activity_id, follow_up_id, due);
    int cap = 8, rc;
    *out = arena_alloc(a, sizeof **out * (size_t)cap);
    *n = 0;
    while ((rc = stmt_step(s)) == STMT_ROW) {
        *out = arena_grow(a, *out, *n, &cap, sizeof **out);
        struct earlier_action *x = &(*out)[(*n)++];
        memset(x, 0, sizeof *x);
        x->action.id = col_int64(s, 0);
        x->action.text = col_text(a, s, 1);
        x->action.deadline = col_date(s, 2);
        x->action.responsible = col_text(a, s, 3);
        x->follow_up_id = col_int64(s, 4);
        x->agreed_on = col_date(s, 5);
    }
    stmt_done(s);
    if (rc != STMT_DONE)
        return store_fail(st, rc, err);
    if (*n == 0)
        return 0;

    s = stmt_prepare(st,
                     "WITH " EARLIER_RECORDS " SELECT v.action_id, v.outcome, v.comment, "
                     "e.follow_up_id, e.held_on FROM follow_up_review v "
                     "JOIN earlier e ON e.id = v.record_id ORDER BY e.due, e.follow_up_id",
                     err);
    if (!s)
        return INSYN_ESYS;
    bind_earlier(s, agreement_id, activity_id, follow_up_id, due);
    int *caps = arena_alloc(a, sizeof *caps * (size_t)*n); /* zeroed, as arena memory is */
    while ((rc = stmt_step(s)) == STMT_ROW) {
        long long action_id = col_int64(s, 0);
        for (int i = 0; i < *n; i++) {
            struct earlier_action *x = &(*out)[i];
            if (x->action.id != action_id)
                continue;
            x->reviews = arena_grow(a, x->reviews, x->n_reviews, &caps[i], sizeof *x->reviews);
            struct action_review *v = &x->reviews[x->n_reviews++];
            v->outcome = col_text(a, s, 1);
            v->comment = col_text(a, s, 2);
            v->follow_up_id = col_int64(s, 3);
            v->held_on = col_date(s, 4);
            break;
        }
    }
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

/* Actions and their reviews in one read transaction, so that they agree. */
int
store_record_earlier_actions(struct store *st, long long agreement_id, long long activity_id,
                             long long follow_up_id, int due, struct arena *a,
                             struct earlier_action **out, int *n, struct insyn_err *err)
{
    int opened = read_begin(st, err);
    if (opened < 0)
        return opened;
    int rc = earlier_actions(st, agreement_id, activity_id, follow_up_id, due, a, out, n, err);
    read_end(st, opened);
    return rc;
}

int
store_attachment_insert(struct store *st, long long record_id, struct record_attachment *f,
                        const void *data, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "INSERT INTO follow_up_attachment (record_id, name, "
                                  "content_type, size, sha256, data, created_at) "
                                  "VALUES (?,?,?,?,?,?,?)",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, record_id);
    bind_text(s, 2, f->name);
    bind_text(s, 3, f->content_type);
    bind_int(s, 4, f->size);
    bind_text(s, 5, f->sha256);
    bind_blob(s, 6, data ? data : "", (size_t)f->size);
    bind_text(s, 7, f->created_at);
    int rc = step_done(st, s, err);
    f->id = rc == 0 ? stmt_last_id(st) : 0;
    return rc;
}

int
store_attachment_get(struct store *st, long long id, struct arena *a, struct record_attachment *out,
                     long long *record_id, char **data, struct insyn_err *err)
{
    struct stmt *s =
        stmt_prepare(st,
                     "SELECT id, record_id, name, content_type, size, sha256, created_at, data "
                     "FROM follow_up_attachment WHERE id = ?",
                     err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc == STMT_ROW) {
        memset(out, 0, sizeof *out);
        out->id = col_int64(s, 0);
        *record_id = col_int64(s, 1);
        out->name = col_text(a, s, 2);
        out->content_type = col_text(a, s, 3);
        out->size = col_int64(s, 4);
        out->sha256 = col_text(a, s, 5);
        out->created_at = col_text(a, s, 6);
        const void *blob = col_blob(s, 7);
        int len = col_bytes(s, 7);
        *data = arena_alloc(a, (size_t)len + 1);
        if (blob && len > 0)
            memcpy(*data, blob, (size_t)len);
        out->size = len;
    }
    stmt_done(s);
    if (rc == STMT_DONE)
        return err_set(err, INSYN_ENOTFOUND, "Bilagan finns inte.");
    return rc == STMT_ROW ? 0 : store_fail(st, rc, err);
}

int
store_activity_providers(struct store *st, long long activity_id, struct arena *a,
                         struct record_provider **out, int *n, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "SELECT DISTINCT o.id, o.name FROM routine_activity x JOIN routine r ON r.id = "
        "x.routine_id JOIN agreement g ON (' ' || r.forms || ' ') LIKE ('% ' || g.form || ' %') "
        "AND (' ' || r.service_areas || ' ') LIKE ('% ' || g.service_area || ' %') "
        "JOIN organisation o ON o.id = g.organisation_id "
        "WHERE x.id = ? AND g.status <> 'draft' ORDER BY o.name, o.id",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, activity_id);
    *out = arena_alloc(a, sizeof **out); /* never NULL, even for none */
    *n = 0;
    int cap = 1, rc;
    while ((rc = stmt_step(s)) == STMT_ROW) {
        *out = arena_grow(a, *out, *n, &cap, sizeof **out);
        (*out)[*n].id = col_int64(s, 0);
        (*out)[(*n)++].name = col_text(a, s, 1);
    }
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}
