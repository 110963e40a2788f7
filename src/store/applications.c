/* applications.c — LOV applications, their references, notes, files and the introduction
 * programme. */
#include "store/internal.h"
#include "store/store.h"

#include "core/application.h"
#include "core/date.h"

#include <string.h>

/* The columns an UPDATE writes, in the order both statements bind them. */
#define APP_FIELDS                                                                                 \
    "responsible_id, attachments, operations_manager, first_review_on, first_review_notes, "       \
    "supplement_requested_on, supplement_request, supplement_due, supplements_received_on, "       \
    "complete_on, check_exception, info_meeting_on, manager_present, info_meeting_attendees, "     \
    "info_meeting_notes, qms_checked_on, qms_approved, qms_notes, attachments_checked_on, "        \
    "attachments_notes, assessed_on, assessed_with, recommendation, assessment_notes, mbl_on, "    \
    "mbl_notes, memo_on, memo_notes, decided_on, decision_paragraph, outcome, decision_reason, "   \
    "announced_on, announced_by, signed_on, agreement_id, withdrawn_on, withdrawal_note, "         \
    "updated_at"
#define APP_NFIELDS 39

static void
bind_fields(struct stmt *s, const struct application *x)
{
    int i = 1;
    bind_opt_id(s, i++, x->responsible_id);
    bind_text(s, i++, x->attachments);
    bind_text(s, i++, x->operations_manager);
    bind_date(s, i++, x->first_review_on);
    bind_text(s, i++, x->first_review_notes);
    bind_date(s, i++, x->supplement_requested_on);
    bind_text(s, i++, x->supplement_request);
    bind_date(s, i++, x->supplement_due);
    bind_date(s, i++, x->supplements_received_on);
    bind_date(s, i++, x->complete_on);
    bind_text(s, i++, x->check_exception);
    bind_date(s, i++, x->info_meeting_on);
    bind_int(s, i++, x->manager_present > 0);
    bind_text(s, i++, x->info_meeting_attendees);
    bind_text(s, i++, x->info_meeting_notes);
    bind_date(s, i++, x->qms_checked_on);
    bind_int(s, i++, x->qms_approved);
    bind_text(s, i++, x->qms_notes);
    bind_date(s, i++, x->attachments_checked_on);
    bind_text(s, i++, x->attachments_notes);
    bind_date(s, i++, x->assessed_on);
    bind_opt_id(s, i++, x->assessed_with);
    bind_text(s, i++, x->recommendation);
    bind_text(s, i++, x->assessment_notes);
    bind_date(s, i++, x->mbl_on);
    bind_text(s, i++, x->mbl_notes);
    bind_date(s, i++, x->memo_on);
    bind_text(s, i++, x->memo_notes);
    bind_date(s, i++, x->decided_on);
    bind_text(s, i++, x->decision_paragraph);
    bind_text(s, i++, x->outcome);
    bind_text(s, i++, x->decision_reason);
    bind_date(s, i++, x->announced_on);
    bind_opt_id(s, i++, x->announced_by);
    bind_date(s, i++, x->signed_on);
    bind_opt_id(s, i++, x->agreement_id);
    bind_date(s, i++, x->withdrawn_on);
    bind_text(s, i++, x->withdrawal_note);
    bind_text(s, i++, x->updated_at);
}

int
store_application_insert(struct store *st, struct application *x, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(
        st,
        "INSERT INTO application (" APP_FIELDS ", organisation_id, service_area, personal_care, "
        "received_on, version, created_by_name, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
        "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?, ?,?,?,?,?,?,?)",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_fields(s, x);
    bind_int(s, APP_NFIELDS + 1, x->organisation_id);
    bind_text(s, APP_NFIELDS + 2, x->service_area);
    bind_int(s, APP_NFIELDS + 3, x->personal_care > 0);
    bind_date(s, APP_NFIELDS + 4, x->received);
    bind_int(s, APP_NFIELDS + 5, x->version);
    bind_text(s, APP_NFIELDS + 6, x->created_by_name);
    bind_text(s, APP_NFIELDS + 7, x->created_at);
    return stmt_insert(st, s, &x->id, err);
}

int
store_application_update(struct store *st, struct application *x, struct insyn_err *err)
{
    /* the version read must still be the stored one: two writers cannot both win */
    struct stmt *s = stmt_prepare(
        st,
        "UPDATE application SET (" APP_FIELDS ", version) = (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
        "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?, version + 1) WHERE id = ? AND version = ?",
        err);
    if (!s)
        return INSYN_ESYS;
    bind_fields(s, x);
    bind_int(s, APP_NFIELDS + 1, x->id);
    bind_int(s, APP_NFIELDS + 2, x->version);
    int rc = stmt_run(st, s, err);
    if (rc)
        return rc;
    if (stmt_changes(st) != 1) {
        err_set(err, INSYN_ECONFLICT,
                "Ansökan har ändrats av någon annan under tiden. Läs in sidan igen och gör "
                "ändringen på nytt.");
        return INSYN_ECONFLICT;
    }
    x->version++;
    return 0;
}

#define APP_SELECT_FIELDS                                                                          \
    "x.responsible_id, x.attachments, x.operations_manager, x.first_review_on, "                   \
    "x.first_review_notes, x.supplement_requested_on, x.supplement_request, "                      \
    "x.supplement_due, x.supplements_received_on, x.complete_on, x.check_exception, "              \
    "x.info_meeting_on, x.manager_present, x.info_meeting_attendees, "                             \
    "x.info_meeting_notes, x.qms_checked_on, x.qms_approved, x.qms_notes, "                        \
    "x.attachments_checked_on, x.attachments_notes, x.assessed_on, x.assessed_with, "              \
    "x.recommendation, x.assessment_notes, x.mbl_on, x.mbl_notes, x.memo_on, "                     \
    "x.memo_notes, x.decided_on, x.decision_paragraph, x.outcome, x.decision_reason, "             \
    "x.announced_on, x.announced_by, x.signed_on, x.agreement_id, x.withdrawn_on, "                \
    "x.withdrawal_note, x.updated_at "

#define APP_COLUMNS                                                                                \
    "x.id, x.organisation_id, x.service_area, x.personal_care, x.received_on, x.version, "         \
    "x.created_by_name, x.created_at, o.name, o.org_nr, coalesce(r.name, ''), "                    \
    "coalesce(w.name, ''), coalesce(b.name, ''), coalesce(g.case_ref, ''), "                       \
    "(SELECT count(*) FROM onboarding_item i WHERE i.application_id = x.id AND i.done_on IS "      \
    "NULL), (SELECT count(*) FROM onboarding_item i WHERE i.application_id = "                     \
    "x.id), " APP_SELECT_FIELDS                                                                    \
    "FROM application x JOIN organisation o ON o.id = x.organisation_id "                          \
    "LEFT JOIN app_user r ON r.id = x.responsible_id "                                             \
    "LEFT JOIN app_user w ON w.id = x.assessed_with "                                              \
    "LEFT JOIN app_user b ON b.id = x.announced_by "                                               \
    "LEFT JOIN agreement g ON g.id = x.agreement_id "

static void
application_fill(void *row, struct stmt *q, struct arena *a)
{
    struct application *x = row;
    memset(x, 0, sizeof *x);
    int i = 0;
    x->id = col_int64(q, i++);
    x->organisation_id = col_int64(q, i++);
    x->service_area = col_text(a, q, i++);
    x->personal_care = col_int(q, i++);
    x->received = col_date(q, i++);
    x->version = col_int(q, i++);
    x->created_by_name = col_text(a, q, i++);
    x->created_at = col_text(a, q, i++);
    x->organisation_name = col_text(a, q, i++);
    x->org_nr = col_text(a, q, i++);
    x->responsible_name = col_text(a, q, i++);
    x->assessed_with_name = col_text(a, q, i++);
    x->announced_by_name = col_text(a, q, i++);
    x->agreement_case_ref = col_text(a, q, i++);
    x->onboarding_open = col_int(q, i++);
    x->onboarding_total = col_int(q, i++);
    x->responsible_id = col_int64(q, i++);
    x->attachments = col_text(a, q, i++);
    x->operations_manager = col_text(a, q, i++);
    x->first_review_on = col_date(q, i++);
    x->first_review_notes = col_text(a, q, i++);
    x->supplement_requested_on = col_date(q, i++);
    x->supplement_request = col_text(a, q, i++);
    x->supplement_due = col_date(q, i++);
    x->supplements_received_on = col_date(q, i++);
    x->complete_on = col_date(q, i++);
    x->check_exception = col_text(a, q, i++);
    x->info_meeting_on = col_date(q, i++);
    x->manager_present = col_int(q, i++);
    x->info_meeting_attendees = col_text(a, q, i++);
    x->info_meeting_notes = col_text(a, q, i++);
    x->qms_checked_on = col_date(q, i++);
    x->qms_approved = col_int(q, i++);
    x->qms_notes = col_text(a, q, i++);
    x->attachments_checked_on = col_date(q, i++);
    x->attachments_notes = col_text(a, q, i++);
    x->assessed_on = col_date(q, i++);
    x->assessed_with = col_int64(q, i++);
    x->recommendation = col_text(a, q, i++);
    x->assessment_notes = col_text(a, q, i++);
    x->mbl_on = col_date(q, i++);
    x->mbl_notes = col_text(a, q, i++);
    x->memo_on = col_date(q, i++);
    x->memo_notes = col_text(a, q, i++);
    x->decided_on = col_date(q, i++);
    x->decision_paragraph = col_text(a, q, i++);
    x->outcome = col_text(a, q, i++);
    x->decision_reason = col_text(a, q, i++);
    x->announced_on = col_date(q, i++);
    x->announced_by = col_int64(q, i++);
    x->signed_on = col_date(q, i++);
    x->agreement_id = col_int64(q, i++);
    x->withdrawn_on = col_date(q, i++);
    x->withdrawal_note = col_text(a, q, i++);
    x->updated_at = col_text(a, q, i++);
}

int
store_application_get(struct store *st, long long id, struct arena *a, struct application *out,
                      struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(st, "SELECT " APP_COLUMNS "WHERE x.id = ?", err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, id);
    struct application *rows;
    int n;
    int rc = stmt_rows(st, q, a, sizeof *rows, application_fill, (void **)&rows, &n, err);
    if (rc)
        return rc;
    if (n != 1)
        return err_set(err, INSYN_ENOTFOUND, "Ansökan finns inte."), INSYN_ENOTFOUND;
    *out = rows[0];
    return 0;
}

int
store_application_list(struct store *st, long long organisation_id, struct arena *a,
                       struct application **items, int *n, struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(
        st,
        "SELECT " APP_COLUMNS
        "WHERE (? = 0 OR x.organisation_id = ?) ORDER BY x.received_on DESC, x.id DESC",
        err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, organisation_id);
    bind_int(q, 2, organisation_id);
    return stmt_rows(st, q, a, sizeof **items, application_fill, (void **)items, n, err);
}

/* ---- references ---- */

int
store_reference_insert(struct store *st, struct application_reference *r, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "INSERT INTO application_reference (application_id, about, "
                                  "referee, asked_on, asked_by, statement, created_by_name, "
                                  "created_at) VALUES (?,?,?,?,?,?,?,?)",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, r->application_id);
    bind_text(s, 2, r->about);
    bind_text(s, 3, r->referee);
    bind_date(s, 4, r->asked_on);
    bind_text(s, 5, r->asked_by);
    bind_text(s, 6, r->statement);
    bind_text(s, 7, r->created_by_name);
    bind_text(s, 8, r->created_at);
    return stmt_insert(st, s, &r->id, err);
}

static void
reference_fill(void *row, struct stmt *q, struct arena *a)
{
    struct application_reference *r = row;
    r->id = col_int64(q, 0);
    r->application_id = col_int64(q, 1);
    r->about = col_text(a, q, 2);
    r->referee = col_text(a, q, 3);
    r->asked_on = col_date(q, 4);
    r->asked_by = col_text(a, q, 5);
    r->statement = col_text(a, q, 6);
    r->created_by_name = col_text(a, q, 7);
    r->created_at = col_text(a, q, 8);
}

int
store_references(struct store *st, long long application_id, struct arena *a,
                 struct application_reference **out, int *n, struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(st,
                                  "SELECT id, application_id, about, referee, asked_on, asked_by, "
                                  "statement, created_by_name, created_at FROM "
                                  "application_reference WHERE application_id = ? ORDER BY "
                                  "about, asked_on, id",
                                  err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, application_id);
    return stmt_rows(st, q, a, sizeof **out, reference_fill, (void **)out, n, err);
}

/* ---- journal and service notes ---- */

int
store_note_insert(struct store *st, struct application_note *x, long long author_id,
                  struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "INSERT INTO application_note (application_id, kind, noted_on, "
                                  "text, author_id, author_name, created_at) VALUES "
                                  "(?,?,?,?,?,?,?)",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, x->application_id);
    bind_text(s, 2, x->kind);
    bind_date(s, 3, x->noted_on);
    bind_text(s, 4, x->text);
    bind_opt_id(s, 5, author_id);
    bind_text(s, 6, x->author_name);
    bind_text(s, 7, x->created_at);
    return stmt_insert(st, s, &x->id, err);
}

static void
note_fill(void *row, struct stmt *q, struct arena *a)
{
    struct application_note *x = row;
    x->id = col_int64(q, 0);
    x->application_id = col_int64(q, 1);
    x->kind = col_text(a, q, 2);
    x->noted_on = col_date(q, 3);
    x->text = col_text(a, q, 4);
    x->author_name = col_text(a, q, 5);
    x->created_at = col_text(a, q, 6);
}

int
store_notes(struct store *st, long long application_id, struct arena *a,
            struct application_note **out, int *n, struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(st,
                                  "SELECT id, application_id, kind, noted_on, text, author_name, "
                                  "created_at FROM application_note WHERE application_id = ? "
                                  "ORDER BY noted_on DESC, id DESC",
                                  err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, application_id);
    return stmt_rows(st, q, a, sizeof **out, note_fill, (void **)out, n, err);
}

/* ---- files ---- */

int
store_application_file_insert(struct store *st, long long application_id,
                              struct application_file *f, const void *data, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "INSERT INTO application_file (application_id, filename, "
                                  "content_type, size, data, uploaded_by_name, uploaded_at) "
                                  "VALUES (?,?,?,?,?,?,?)",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, application_id);
    bind_text(s, 2, f->name);
    bind_text(s, 3, f->content_type);
    bind_int(s, 4, f->size);
    bind_blob(s, 5, data, (size_t)f->size);
    bind_text(s, 6, f->uploaded_by_name);
    bind_text(s, 7, f->uploaded_at);
    return stmt_insert(st, s, &f->id, err);
}

static void
file_fill(void *row, struct stmt *q, struct arena *a)
{
    struct application_file *f = row;
    f->id = col_int64(q, 0);
    f->application_id = col_int64(q, 1);
    f->name = col_text(a, q, 2);
    f->content_type = col_text(a, q, 3);
    f->size = col_int64(q, 4);
    f->uploaded_by_name = col_text(a, q, 5);
    f->uploaded_at = col_text(a, q, 6);
}

int
store_application_files(struct store *st, long long application_id, struct arena *a,
                        struct application_file **out, int *n, struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(st,
                                  "SELECT id, application_id, filename, content_type, size, "
                                  "uploaded_by_name, uploaded_at FROM application_file WHERE "
                                  "application_id = ? ORDER BY id",
                                  err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, application_id);
    return stmt_rows(st, q, a, sizeof **out, file_fill, (void **)out, n, err);
}

int
store_application_file_get(struct store *st, long long id, struct arena *a,
                           struct application_file *out, char **data, struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(st,
                                  "SELECT id, application_id, filename, content_type, size, "
                                  "uploaded_by_name, uploaded_at, data FROM application_file "
                                  "WHERE id = ?",
                                  err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, id);
    int rc = stmt_step(q);
    if (rc == STMT_ROW) {
        file_fill(out, q, a);
        int len = col_bytes(q, 7);
        *data = arena_alloc(a, (size_t)len + 1);
        if (len)
            memcpy(*data, col_blob(q, 7), (size_t)len);
        out->size = len;
        stmt_done(q);
        return 0;
    }
    stmt_done(q);
    if (rc == STMT_DONE)
        return err_set(err, INSYN_ENOTFOUND, "Filen finns inte."), INSYN_ENOTFOUND;
    return store_fail(st, rc, err);
}

/* ---- the introduction programme ---- */

int
store_onboarding_insert(struct store *st, struct onboarding_item *it, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "INSERT INTO onboarding_item (application_id, position, code, "
                                  "title, personal_care_only, responsible_id, due, planned_on, "
                                  "done_on, notes) VALUES (?,?,?,?,?,?,?,?,?,?)",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, it->application_id);
    bind_int(s, 2, it->position);
    bind_text(s, 3, it->code);
    bind_text(s, 4, it->title);
    bind_int(s, 5, it->personal_care_only);
    bind_opt_id(s, 6, it->responsible_id);
    bind_date(s, 7, it->due);
    bind_date(s, 8, it->planned_on);
    bind_date(s, 9, it->done_on);
    bind_text(s, 10, it->notes);
    return stmt_insert(st, s, &it->id, err);
}

int
store_onboarding_update(struct store *st, const struct onboarding_item *it, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "UPDATE onboarding_item SET responsible_id = ?, due = ?, "
                                  "planned_on = ?, done_on = ?, notes = ? WHERE id = ?",
                                  err);
    if (!s)
        return INSYN_ESYS;
    bind_opt_id(s, 1, it->responsible_id);
    bind_date(s, 2, it->due);
    bind_date(s, 3, it->planned_on);
    bind_date(s, 4, it->done_on);
    bind_text(s, 5, it->notes);
    bind_int(s, 6, it->id);
    return stmt_run(st, s, err);
}

#define ITEM_COLUMNS                                                                               \
    "i.id, i.application_id, i.position, i.code, i.title, i.personal_care_only, "                  \
    "coalesce(i.responsible_id, 0), i.due, i.planned_on, i.done_on, i.notes, "                     \
    "coalesce(u.name, '') FROM onboarding_item i LEFT JOIN app_user u ON u.id = "                  \
    "i.responsible_id "

static void
item_fill(void *row, struct stmt *q, struct arena *a)
{
    struct onboarding_item *it = row;
    it->id = col_int64(q, 0);
    it->application_id = col_int64(q, 1);
    it->position = col_int(q, 2);
    it->code = col_text(a, q, 3);
    it->title = col_text(a, q, 4);
    it->personal_care_only = col_int(q, 5);
    it->responsible_id = col_int64(q, 6);
    it->due = col_date(q, 7);
    it->planned_on = col_date(q, 8);
    it->done_on = col_date(q, 9);
    it->notes = col_text(a, q, 10);
    it->responsible_name = col_text(a, q, 11);
}

int
store_onboarding_items(struct store *st, long long application_id, struct arena *a,
                       struct onboarding_item **out, int *n, struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(
        st, "SELECT " ITEM_COLUMNS "WHERE i.application_id = ? ORDER BY i.position", err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, application_id);
    return stmt_rows(st, q, a, sizeof **out, item_fill, (void **)out, n, err);
}

int
store_onboarding_get(struct store *st, long long id, struct arena *a, struct onboarding_item *out,
                     struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(st, "SELECT " ITEM_COLUMNS "WHERE i.id = ?", err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, id);
    struct onboarding_item *rows;
    int n;
    int rc = stmt_rows(st, q, a, sizeof *rows, item_fill, (void **)&rows, &n, err);
    if (rc)
        return rc;
    if (n != 1)
        return err_set(err, INSYN_ENOTFOUND, "Punkten finns inte."), INSYN_ENOTFOUND;
    *out = rows[0];
    return 0;
}

int
store_onboarding_open_for(struct store *st, long long responsible_id, struct arena *a,
                          struct onboarding_item **out, int *n, struct insyn_err *err)
{
    struct stmt *q = stmt_prepare(st,
                                  "SELECT " ITEM_COLUMNS "WHERE i.responsible_id = ? AND "
                                  "i.done_on IS NULL ORDER BY i.due, i.position",
                                  err);
    if (!q)
        return INSYN_ESYS;
    bind_int(q, 1, responsible_id);
    return stmt_rows(st, q, a, sizeof **out, item_fill, (void **)out, n, err);
}
