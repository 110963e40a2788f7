/* applications.c — a LOV application from receipt to the introduction programme (seed 003). */
#include "app/applications.h"

#include "app/signals.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/field.h"
#include "core/text.h"

#include <stdlib.h>
#include <string.h>

void
app_application_rules(struct store *st, struct application_rules *out)
{
    struct settings s;
    app_settings_get(st, &s);
    *out = s.application;
}

/* ---- JSON shapes ---- */

static const char *
str(const char *s)
{
    return s ? s : "";
}

/* The committee's decision is the applicant's once the committee secretary has announced it:
 * until then a provider user sees the application as not yet decided. */
static int
decision_hidden(const struct application_view *v)
{
    return !v->internal && *v->x.outcome && v->x.announced_on == DATE_NONE;
}

json_t *
application_json(const struct application_view *v)
{
    const struct application *x = &v->x;
    const struct application_clock *c = &v->clock;
    int hidden = decision_hidden(v);
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(x->id));
    json_object_set_new(j, "organisation_id", json_integer(x->organisation_id));
    json_object_set_new(j, "org_nr", json_string(str(x->org_nr)));
    json_object_set_new(j, "name", json_string(str(x->organisation_name)));
    json_object_set_new(j, "service_area", json_string(x->service_area));
    json_object_set_new(j, "service_area_label",
                        json_string(code_label_or_empty(service_areas, x->service_area)));
    json_object_set_new(j, "personal_care", json_boolean(x->personal_care > 0));
    json_object_set_new(j, "received", date_json(x->received));
    json_object_set_new(j, "operations_manager", json_string(x->operations_manager));
    json_object_set_new(j, "responsible_id", id_json(x->responsible_id));
    json_object_set_new(j, "responsible_name", json_string(str(x->responsible_name)));
    json_object_set_new(j, "complete_on", date_json(x->complete_on));
    json_object_set_new(j, "status", json_string(v->status));
    json_object_set_new(j, "status_label",
                        json_string(code_label_or_empty(application_statuses, v->status)));
    json_object_set_new(j, "supplement_request_due", date_json(c->supplement_request_due));
    json_object_set_new(j, "supplement_due", date_json(c->supplement_due));
    json_object_set_new(j, "decision_due", date_json(c->decision_due));
    json_object_set_new(j, "legal_force_on", date_json(c->legal_force_on));
    json_object_set_new(j, "agreement_meeting_due",
                        date_json(hidden ? DATE_NONE : c->agreement_meeting_due));
    json_object_set_new(j, "days_open", json_integer(c->days_open));
    json_object_set_new(j, "days_to_complete", json_integer(c->days_to_complete));
    json_object_set_new(j, "days_processing",
                        c->days_processing < 0 ? json_null() : json_integer(c->days_processing));
    json_object_set_new(j, "days_in_step", json_integer(c->days_in_step));
    json_object_set_new(j, "decided_on",
                        date_json(*x->outcome && !hidden ? x->decided_on : DATE_NONE));
    json_object_set_new(j, "outcome", json_string(hidden ? "" : x->outcome));
    json_object_set_new(j, "outcome_label",
                        json_string(*x->outcome && !hidden
                                        ? code_label_or_empty(application_outcomes, x->outcome)
                                        : ""));
    json_object_set_new(j, "announced_on", date_json(x->announced_on));
    json_object_set_new(j, "signed_on", date_json(x->signed_on));
    json_object_set_new(j, "agreement_id", id_json(x->agreement_id));
    json_object_set_new(j, "withdrawn_on", date_json(x->withdrawn_on));
    json_object_set_new(j, "withdrawal_note", json_string(x->withdrawal_note));
    json_object_set_new(j, "version", json_integer(x->version));
    return j;
}

/* What the audit log keeps of an application: every field the steps write. */
static json_t *
audit_json(const struct application *x)
{
    json_t *j = json_object();
    json_object_set_new(j, "organisation_id", json_integer(x->organisation_id));
    json_object_set_new(j, "service_area", json_string(x->service_area));
    json_object_set_new(j, "personal_care", json_boolean(x->personal_care > 0));
    json_object_set_new(j, "received", date_json(x->received));
    json_object_set_new(j, "attachments", json_string(x->attachments));
    json_object_set_new(j, "operations_manager", json_string(x->operations_manager));
    json_object_set_new(j, "responsible_id", id_json(x->responsible_id));
    const struct {
        const char *name;
        int date;
    } dates[] = {
        {"first_review_on", x->first_review_on},
        {"supplement_requested_on", x->supplement_requested_on},
        {"supplement_due", x->supplement_due},
        {"supplements_received_on", x->supplements_received_on},
        {"complete_on", x->complete_on},
        {"info_meeting_on", x->info_meeting_on},
        {"qms_checked_on", x->qms_checked_on},
        {"attachments_checked_on", x->attachments_checked_on},
        {"assessed_on", x->assessed_on},
        {"mbl_on", x->mbl_on},
        {"memo_on", x->memo_on},
        {"decided_on", x->decided_on},
        {"announced_on", x->announced_on},
        {"signed_on", x->signed_on},
        {"withdrawn_on", x->withdrawn_on},
    };
    for (size_t i = 0; i < sizeof dates / sizeof *dates; i++)
        json_object_set_new(j, dates[i].name, date_json(dates[i].date));
    json_object_set_new(j, "first_review_notes", json_string(x->first_review_notes));
    json_object_set_new(j, "supplement_request", json_string(x->supplement_request));
    json_object_set_new(j, "check_exception", json_string(x->check_exception));
    json_object_set_new(j, "manager_present", json_boolean(x->manager_present > 0));
    json_object_set_new(j, "info_meeting_attendees", json_string(x->info_meeting_attendees));
    json_object_set_new(j, "info_meeting_notes", json_string(x->info_meeting_notes));
    json_object_set_new(j, "qms_approved",
                        x->qms_approved < 0 ? json_null() : json_boolean(x->qms_approved));
    json_object_set_new(j, "qms_notes", json_string(x->qms_notes));
    json_object_set_new(j, "attachments_notes", json_string(x->attachments_notes));
    json_object_set_new(j, "assessed_with", id_json(x->assessed_with));
    json_object_set_new(j, "recommendation", json_string(x->recommendation));
    json_object_set_new(j, "assessment_notes", json_string(x->assessment_notes));
    json_object_set_new(j, "mbl_notes", json_string(x->mbl_notes));
    json_object_set_new(j, "memo_notes", json_string(x->memo_notes));
    json_object_set_new(j, "decision_paragraph", json_string(x->decision_paragraph));
    json_object_set_new(j, "outcome", json_string(x->outcome));
    json_object_set_new(j, "decision_reason", json_string(x->decision_reason));
    json_object_set_new(j, "agreement_id", id_json(x->agreement_id));
    json_object_set_new(j, "withdrawal_note", json_string(x->withdrawal_note));
    return j;
}

static json_t *
item_json(const struct onboarding_item *it, int today)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(it->id));
    json_object_set_new(j, "position", json_integer(it->position));
    json_object_set_new(j, "code", json_string(it->code));
    json_object_set_new(j, "title", json_string(it->title));
    json_object_set_new(j, "personal_care_only", json_boolean(it->personal_care_only));
    json_object_set_new(j, "responsible_id", id_json(it->responsible_id));
    json_object_set_new(j, "responsible_name", json_string(str(it->responsible_name)));
    json_object_set_new(j, "due", date_json(it->due));
    json_object_set_new(j, "planned_on", date_json(it->planned_on));
    json_object_set_new(j, "done_on", date_json(it->done_on));
    json_object_set_new(j, "notes", json_string(it->notes));
    json_object_set_new(j, "done", json_boolean(it->done_on != DATE_NONE));
    json_object_set_new(j, "overdue",
                        json_boolean(it->done_on == DATE_NONE && it->due != DATE_NONE &&
                                     today != DATE_NONE && it->due < today));
    return j;
}

static json_t *
check_brief_json(const struct external_check *c)
{
    return c ? check_json(c) : json_null();
}

json_t *
application_view_json(const struct application_view *v, int today)
{
    const struct application *x = &v->x;
    json_t *j = application_json(v);
    json_t *files = json_array(), *items = json_array();
    for (int i = 0; i < v->n_files; i++)
        json_array_append_new(
            files, json_pack("{s:I, s:s, s:s, s:I, s:s, s:s}", "id", (json_int_t)v->files[i].id,
                             "name", v->files[i].name, "content_type", v->files[i].content_type,
                             "size", (json_int_t)v->files[i].size, "uploaded_by_name",
                             v->files[i].uploaded_by_name, "uploaded_at", v->files[i].uploaded_at));
    for (int i = 0; i < v->n_items && !decision_hidden(v); i++)
        json_array_append_new(items, item_json(&v->items[i], today));
    json_object_set_new(j, "files", files);
    json_object_set_new(j, "onboarding", items);
    json_object_set_new(j, "supplement_requested_on", date_json(x->supplement_requested_on));
    json_object_set_new(j, "supplement_request", json_string(x->supplement_request));
    json_object_set_new(j, "supplements_received_on", date_json(x->supplements_received_on));
    json_object_set_new(j, "attachments", json_string(x->attachments));
    if (*x->outcome && x->announced_on != DATE_NONE) {
        json_object_set_new(j, "decision_paragraph", json_string(x->decision_paragraph));
        json_object_set_new(j, "decision_reason", json_string(x->decision_reason));
    }
    if (!v->internal)
        return j;
    json_t *steps = json_object();
    json_object_set_new(steps, "first_review",
                        json_pack("{s:o, s:s}", "done_on", date_json(x->first_review_on), "notes",
                                  x->first_review_notes));
    json_object_set_new(steps, "checks",
                        json_pack("{s:s, s:o, s:o}", "exception", x->check_exception, "credit",
                                  check_brief_json(v->credit), "tax", check_brief_json(v->tax)));
    json_object_set_new(steps, "info_meeting",
                        json_pack("{s:o, s:b, s:s, s:s}", "done_on", date_json(x->info_meeting_on),
                                  "manager_present", x->manager_present > 0, "attendees",
                                  x->info_meeting_attendees, "notes", x->info_meeting_notes));
    json_object_set_new(steps, "qms",
                        json_pack("{s:o, s:o, s:s}", "done_on", date_json(x->qms_checked_on),
                                  "approved",
                                  x->qms_approved < 0 ? json_null() : json_boolean(x->qms_approved),
                                  "notes", x->qms_notes));
    json_object_set_new(steps, "attachments",
                        json_pack("{s:o, s:s}", "done_on", date_json(x->attachments_checked_on),
                                  "notes", x->attachments_notes));
    json_object_set_new(steps, "assessment",
                        json_pack("{s:o, s:s, s:o, s:s, s:s}", "done_on", date_json(x->assessed_on),
                                  "recommendation", x->recommendation, "with_id",
                                  id_json(x->assessed_with), "with_name",
                                  str(x->assessed_with_name), "notes", x->assessment_notes));
    json_object_set_new(
        steps, "mbl",
        json_pack("{s:o, s:s}", "done_on", date_json(x->mbl_on), "notes", x->mbl_notes));
    json_object_set_new(
        steps, "memo",
        json_pack("{s:o, s:s}", "done_on", date_json(x->memo_on), "notes", x->memo_notes));
    json_object_set_new(j, "steps", steps);
    json_object_set_new(j, "decision_paragraph", json_string(x->decision_paragraph));
    json_object_set_new(j, "decision_reason", json_string(x->decision_reason));
    json_object_set_new(j, "announced_by_name", json_string(str(x->announced_by_name)));
    json_object_set_new(j, "agreement_case_ref", json_string(str(x->agreement_case_ref)));
    json_t *refs = json_array(), *notes = json_array();
    for (int i = 0; i < v->n_refs; i++) {
        const struct application_reference *r = &v->refs[i];
        json_array_append_new(
            refs, json_pack("{s:I, s:s, s:s, s:s, s:o, s:s, s:s, s:s}", "id", (json_int_t)r->id,
                            "about", r->about, "about_label",
                            code_label_or_empty(reference_subjects, r->about), "referee",
                            r->referee, "asked_on", date_json(r->asked_on), "asked_by", r->asked_by,
                            "statement", r->statement, "created_by_name", r->created_by_name));
    }
    for (int i = 0; i < v->n_notes; i++) {
        const struct application_note *n = &v->notes[i];
        json_array_append_new(notes, json_pack("{s:I, s:s, s:s, s:o, s:s, s:s, s:s}", "id",
                                               (json_int_t)n->id, "kind", n->kind, "kind_label",
                                               code_label_or_empty(application_note_kinds, n->kind),
                                               "noted_on", date_json(n->noted_on), "text", n->text,
                                               "author_name", n->author_name, "created_at",
                                               n->created_at));
    }
    json_object_set_new(j, "references", refs);
    json_object_set_new(j, "notes", notes);
    json_object_set_new(j, "references_management", json_integer(v->facts.refs_management));
    json_object_set_new(j, "references_operations_manager", json_integer(v->facts.refs_manager));
    return j;
}

json_t *
application_task_json(const struct application_task *t, int today)
{
    return json_pack("{s:I, s:o, s:s, s:s, s:o, s:b}", "application_id",
                     (json_int_t)t->application_id, "item_id", id_json(t->item_id),
                     "organisation_name", t->organisation_name, "text", t->text, "due",
                     date_json(t->due), "overdue", t->due != DATE_NONE && t->due < today);
}

/* ---- reading ---- */

/* What an actor sees of an application: a provider user sees an unannounced decision as not
 * yet made, in its status and in its clock. */
static const struct application *
as_seen(const struct application *x, int provider, struct application *undecided)
{
    if (!provider || !*x->outcome || x->announced_on != DATE_NONE)
        return x;
    *undecided = *x;
    undecided->outcome = "";
    undecided->decided_on = DATE_NONE;
    return undecided;
}

/* The application, if the actor may see it: the administration with application.read, a
 * provider user its own organisation's. Anything else does not exist for the actor. */
static int
load(struct store *st, const struct actor *who, long long id, struct arena *a,
     struct application *x, struct insyn_err *err)
{
    int provider = who->role == ROLE_PROVIDER_USER;
    if (!provider && app_require(who, PERM_APPLICATION_READ, err))
        return err->code;
    struct insyn_err quiet = {.arena = a};
    int rc = store_application_get(st, id, a, x, &quiet);
    if (rc == INSYN_ENOTFOUND ||
        (rc == 0 && provider && x->organisation_id != who->organisation_id))
        return err_set(err, INSYN_ENOTFOUND, "Ansökan finns inte.");
    if (rc)
        return err_set(err, rc, "%s", quiet.message);
    return 0;
}

/* The newest check of a kind that counts for the application (made at most
 * APPLICATION_CHECK_MAX_AGE_DAYS before it was received), or NULL. */
static struct external_check *
counting_check(struct store *st, const struct application *x, const char *kind, struct arena *a)
{
    struct external_check *items;
    int n;
    struct insyn_err quiet = {.arena = a};
    if (store_check_list(st, x->organisation_id, kind, 20, a, &items, &n, &quiet) != 0)
        return NULL;
    for (int i = 0; i < n; i++)
        if (items[i].checked_on >= x->received - APPLICATION_CHECK_MAX_AGE_DAYS)
            return &items[i];
    return NULL;
}

static int
read_facts(struct store *st, const struct application *x, struct arena *a,
           struct application_view *v, struct insyn_err *err)
{
    if (store_references(st, x->id, a, &v->refs, &v->n_refs, err))
        return err->code;
    v->facts = (struct application_facts){0, 0, -1, -1};
    for (int i = 0; i < v->n_refs; i++) {
        if (strcmp(v->refs[i].about, "management") == 0)
            v->facts.refs_management++;
        else
            v->facts.refs_manager++;
    }
    v->credit = counting_check(st, x, "credit", a);
    v->tax = counting_check(st, x, "tax", a);
    v->facts.credit_passed = v->credit ? v->credit->passed : -1;
    v->facts.tax_passed = v->tax ? v->tax->passed : -1;
    return 0;
}

int
app_application_get(struct store *st, const struct actor *who, long long id, int today,
                    struct arena *a, struct application_view *out, struct insyn_err *err)
{
    memset(out, 0, sizeof *out);
    if (load(st, who, id, a, &out->x, err))
        return err->code;
    out->internal = who->role != ROLE_PROVIDER_USER;
    struct application_rules r;
    app_application_rules(st, &r);
    struct application undecided;
    const struct application *seen = as_seen(&out->x, !out->internal, &undecided);
    application_clock(seen, &r, today, &out->clock);
    out->status = application_status(seen);
    if (store_application_files(st, id, a, &out->files, &out->n_files, err) ||
        store_onboarding_items(st, id, a, &out->items, &out->n_items, err))
        return err->code;
    if (!out->internal)
        return 0;
    if (read_facts(st, &out->x, a, out, err) ||
        store_notes(st, id, a, &out->notes, &out->n_notes, err))
        return err->code;
    return 0;
}

int
app_application_list(struct store *st, const struct actor *who, const char *status, int today,
                     struct arena *a, struct application_view **items, int *n,
                     struct insyn_err *err)
{
    int provider = who->role == ROLE_PROVIDER_USER;
    if (!provider && app_require(who, PERM_APPLICATION_READ, err))
        return err->code;
    if (status && *status && !code_valid(application_statuses, status)) {
        err_field(err, 0, "status", "Statusen %s finns inte.", status);
        return INSYN_EINVAL;
    }
    struct application *rows;
    int nr;
    if (store_application_list(st, provider ? who->organisation_id : 0, a, &rows, &nr, err))
        return err->code;
    if (provider && !who->organisation_id)
        nr = 0;
    struct application_rules r;
    app_application_rules(st, &r);
    *items = arena_alloc(a, sizeof **items * (size_t)(nr ? nr : 1));
    *n = 0;
    for (int i = 0; i < nr; i++) {
        struct application undecided;
        const struct application *seen = as_seen(&rows[i], provider, &undecided);
        const char *s = application_status(seen);
        if (status && *status && strcmp(status, s) != 0)
            continue;
        struct application_view *v = &(*items)[(*n)++];
        memset(v, 0, sizeof *v);
        v->x = rows[i];
        v->status = s;
        v->internal = !provider;
        application_clock(seen, &r, today, &v->clock);
    }
    return 0;
}

void
application_averages(const struct application_view *items, int n, double *processing, double *total)
{
    long long sum_p = 0, sum_t = 0;
    int np = 0, nt = 0;
    for (int i = 0; i < n; i++) {
        const struct application *x = &items[i].x;
        if (!*x->outcome)
            continue;
        sum_t += x->decided_on - x->received, nt++;
        if (x->complete_on != DATE_NONE)
            sum_p += x->decided_on - x->complete_on, np++;
    }
    *processing = np ? (double)sum_p / np : -1;
    *total = nt ? (double)sum_t / nt : -1;
}

/* ---- writing ---- */

/* A responsible person or the deputy director: a user of the administration. */
static int
internal_user(struct store *st, long long id, const char *field, struct arena *a, struct user *u,
              struct insyn_err *err)
{
    if (store_user_by_id(st, id, a, u) != 0 || !role_is_internal(u->role)) {
        err_field(err, 0, field, "Välj en användare i förvaltningen.");
        return INSYN_EINVAL;
    }
    return 0;
}

int
app_application_create(struct store *st, const struct actor *who,
                       const struct application_input *in, struct arena *a, struct application *out,
                       struct insyn_err *err)
{
    if (app_require(who, PERM_APPLICATION_WRITE, err))
        return err->code;
    char *org_nr, *name;
    int today = app_today();
    application_validate(in, today, 1, out, &org_nr, &name, a, err);
    if (!out->responsible_id && role_is_internal(who->role))
        out->responsible_id = who->user_id;
    if (store_begin(st, err))
        return err->code;
    struct user u;
    if (out->responsible_id)
        internal_user(st, out->responsible_id, "responsible_id", a, &u, err);
    struct organisation org;
    int new_org = 0;
    if (org_nr && !err_for_field(err, "org_nr")) {
        if (store_org_id_by_orgnr(st, org_nr, &out->organisation_id) != 0) {
            struct organisation_input oi = {.name = name, .org_nr = org_nr, .kind = "private"};
            memset(&org, 0, sizeof org);
            if (!*name)
                err_field(err, 0, "name",
                          "Organisationsnumret %s finns inte bland utförarna: ange företagets namn "
                          "så registreras det.",
                          org_nr);
            else if (organisation_validate(&oi, &org, a, 0, err) == 0)
                new_org = 1;
        }
    } else if (out->organisation_id) {
        /* a field of the body, 422 like the others: not the 404 of the store's read */
        struct insyn_err quiet = {.arena = a};
        if (store_org_get(st, out->organisation_id, a, &org, &quiet) != 0)
            err_field(err, 0, "organisation_id", "Utföraren finns inte.");
    }
    if (err->nfields)
        goto fail;
    char now[21];
    app_timestamp(0, now);
    if (new_org) {
        org.created_at = org.updated_at = arena_strdup(a, now);
        if (store_org_insert(st, &org, err) ||
            app_audit_take(st, who, "create", "organisation", org.id, NULL, organisation_json(&org),
                           err))
            goto fail;
        out->organisation_id = org.id;
    }
    out->created_by_name = arena_strdup(a, who->name ? who->name : "system");
    out->created_at = out->updated_at = arena_strdup(a, now);
    if (store_application_insert(st, out, err))
        goto fail;
    return app_commit_audited(st, who, "create", "application", out->id, NULL, audit_json(out),
                              err);
fail:
    return app_abort(st, err);
}

/* Reads the application inside a write transaction, for a change. Callers start *before at NULL:
 * GCC at -O3 (the Release build of make bench) cannot see that it is set whenever this returns 0.
 */
static int
begin_change(struct store *st, const struct actor *who, enum perm p, long long id, struct arena *a,
             struct application *x, json_t **before, struct insyn_err *err)
{
    if (app_require(who, p, err) || store_begin(st, err))
        return err->code;
    if (load(st, who, id, a, x, err))
        return app_abort(st, err);
    *before = audit_json(x);
    return 0;
}

static int
finish_change(struct store *st, const struct actor *who, const char *action, struct application *x,
              json_t *before, struct arena *a, struct insyn_err *err)
{
    char now[21];
    app_timestamp(0, now);
    x->updated_at = arena_strdup(a, now);
    if (store_application_update(st, x, err)) {
        json_decref(before);
        return app_abort(st, err);
    }
    return app_commit_audited(st, who, action, "application", x->id, before, audit_json(x), err);
}

static int
fail_change(struct store *st, json_t *before, struct insyn_err *err)
{
    json_decref(before);
    return app_abort(st, err);
}

int
app_application_step(struct store *st, const struct actor *who, long long id,
                     const struct application_step_input *in, struct arena *a,
                     struct application *out, struct insyn_err *err)
{
    json_t *before = NULL;
    if (begin_change(st, who, PERM_APPLICATION_WRITE, id, a, out, &before, err))
        return err->code;
    int with_role = ROLE_NONE;
    struct user u;
    long long with_id = field_optional_id(a, in->with_id);
    if (with_id > 0 && store_user_by_id(st, with_id, a, &u) == 0)
        with_role = u.role;
    struct application_rules r;
    app_application_rules(st, &r);
    if (application_step_apply(out, in, with_role, &r, app_today(), a, err))
        return fail_change(st, before, err);
    return finish_change(st, who, arena_printf(a, "step_%s", in->step), out, before, a, err);
}

int
app_application_reference_add(struct store *st, const struct actor *who, long long id,
                              const struct reference_input *in, struct arena *a,
                              struct application_reference *out, struct insyn_err *err)
{
    struct application x;
    json_t *before = NULL;
    if (begin_change(st, who, PERM_APPLICATION_WRITE, id, a, &x, &before, err))
        return err->code;
    json_decref(before);
    if (reference_validate(in, &x, app_today(), out, a, err))
        return app_abort(st, err);
    char now[21];
    app_timestamp(0, now);
    out->created_by_name = arena_strdup(a, who->name ? who->name : "system");
    out->created_at = arena_strdup(a, now);
    if (store_reference_insert(st, out, err))
        return app_abort(st, err);
    json_t *after =
        json_pack("{s:I, s:s, s:s, s:o, s:s, s:s}", "reference_id", (json_int_t)out->id, "about",
                  out->about, "referee", out->referee, "asked_on", date_json(out->asked_on),
                  "asked_by", out->asked_by, "statement", out->statement);
    return app_commit_audited(st, who, "add_reference", "application", id, NULL, after, err);
}

int
app_application_note_add(struct store *st, const struct actor *who, long long id,
                         const struct note_input *in, struct arena *a, struct application_note *out,
                         struct insyn_err *err)
{
    struct application x;
    json_t *before = NULL;
    if (begin_change(st, who, PERM_APPLICATION_WRITE, id, a, &x, &before, err))
        return err->code;
    json_decref(before);
    if (note_validate(in, &x, app_today(), out, a, err))
        return app_abort(st, err);
    char now[21];
    app_timestamp(0, now);
    out->author_name = arena_strdup(a, who->name ? who->name : "system");
    out->created_at = arena_strdup(a, now);
    if (store_note_insert(st, out, who->user_id, err))
        return app_abort(st, err);
    json_t *after = json_pack("{s:I, s:s, s:o, s:s}", "note_id", (json_int_t)out->id, "kind",
                              out->kind, "noted_on", date_json(out->noted_on), "text", out->text);
    return app_commit_audited(st, who, "add_note", "application", id, NULL, after, err);
}

/* Every open item's due date again, after the decision's announcement or the signing. */
static int
redue_items(struct store *st, const struct application *x, const struct application_rules *r,
            struct arena *a, struct insyn_err *err)
{
    struct onboarding_item *items;
    int n;
    if (store_onboarding_items(st, x->id, a, &items, &n, err))
        return err->code;
    for (int i = 0; i < n; i++) {
        if (items[i].done_on != DATE_NONE)
            continue;
        items[i].due = onboarding_due(&items[i], x, r);
        if (store_onboarding_update(st, &items[i], err))
            return err->code;
    }
    return 0;
}

int
app_application_decide(struct store *st, const struct actor *who, long long id,
                       const struct decision_input *in, struct arena *a, struct application *out,
                       struct insyn_err *err)
{
    json_t *before = NULL;
    if (begin_change(st, who, PERM_APPLICATION_DECIDE, id, a, out, &before, err))
        return err->code;
    struct application_view v = {0};
    if (read_facts(st, out, a, &v, err) ||
        application_decide(out, in, &v.facts, app_today(), a, err))
        return fail_change(st, before, err);
    if (strcmp(out->outcome, "approve") == 0) {
        struct application_rules r;
        app_application_rules(st, &r);
        struct onboarding_item *items;
        int n = onboarding_items_make(out, &r, out->responsible_id, a, &items);
        for (int i = 0; i < n; i++)
            if (store_onboarding_insert(st, &items[i], err))
                return fail_change(st, before, err);
    }
    return finish_change(st, who, "decide", out, before, a, err);
}

int
app_application_announce(struct store *st, const struct actor *who, long long id,
                         const char *announced_on, struct arena *a, struct application *out,
                         struct insyn_err *err)
{
    json_t *before = NULL;
    if (begin_change(st, who, PERM_APPLICATION_DECIDE, id, a, out, &before, err))
        return err->code;
    if (application_announce(out, announced_on, app_today(), a, err))
        return fail_change(st, before, err);
    out->announced_by = who->user_id;
    struct application_rules r;
    app_application_rules(st, &r);
    if (redue_items(st, out, &r, a, err))
        return fail_change(st, before, err);
    return finish_change(st, who, "announce", out, before, a, err);
}

int
app_application_withdraw(struct store *st, const struct actor *who, long long id,
                         const char *withdrawn_on, const char *note, struct arena *a,
                         struct application *out, struct insyn_err *err)
{
    json_t *before = NULL;
    if (begin_change(st, who, PERM_APPLICATION_WRITE, id, a, out, &before, err))
        return err->code;
    if (application_withdraw(out, withdrawn_on, note, app_today(), a, err))
        return fail_change(st, before, err);
    return finish_change(st, who, "withdraw", out, before, a, err);
}

static json_t *
item_audit_json(const struct onboarding_item *it)
{
    return json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:s}", "item_id", (json_int_t)it->id, "code",
                     it->code, "responsible_id", id_json(it->responsible_id), "due",
                     date_json(it->due), "planned_on", date_json(it->planned_on), "done_on",
                     date_json(it->done_on), "notes", it->notes);
}

int
app_onboarding_update(struct store *st, const struct actor *who, long long item_id,
                      const struct onboarding_input *in, struct arena *a,
                      struct onboarding_item *out, struct insyn_err *err)
{
    if (app_require(who, PERM_APPLICATION_READ, err) || store_begin(st, err))
        return err->code;
    struct application x;
    struct insyn_err quiet = {.arena = a};
    if (store_onboarding_get(st, item_id, a, out, &quiet) ||
        load(st, who, out->application_id, a, &x, err)) {
        if (!err->code)
            err_set(err, INSYN_ENOTFOUND, "Punkten finns inte.");
        return app_abort(st, err);
    }
    if (!role_may(who->role, PERM_APPLICATION_WRITE) && out->responsible_id != who->user_id) {
        err_set(err, INSYN_EDENIED,
                "Bara den som ansvarar för punkten eller handlägger ansökningar kan ändra den.");
        return app_abort(st, err);
    }
    json_t *before = item_audit_json(out);
    struct application_rules r;
    app_application_rules(st, &r);
    onboarding_apply(out, in, &x, &r, app_today(), a, err);
    if (strcmp(out->code, "signing") == 0 && out->done_on != DATE_NONE && !x.agreement_id)
        err_field(err, 0, "done_on",
                  "Avtalstecknandet registreras när avtalet tecknas, med formuläret Teckna avtal.");
    struct user u;
    if (in->responsible_id && out->responsible_id)
        internal_user(st, out->responsible_id, "responsible_id", a, &u, err);
    if (err->nfields) {
        json_decref(before);
        return app_abort(st, err);
    }
    if (store_onboarding_update(st, out, err)) {
        json_decref(before);
        return app_abort(st, err);
    }
    struct user ru;
    if (out->responsible_id && store_user_by_id(st, out->responsible_id, a, &ru) == 0)
        out->responsible_name = ru.name;
    return app_commit_audited(st, who, "update_onboarding", "application", x.id, before,
                              item_audit_json(out), err);
}

/* The customer-choice system's newest agreement in the area, or none. */
static int
system_agreement(struct store *st, const char *service_area, struct arena *a, struct agreement *out)
{
    struct agreement_filter f = {.form = "lov",
                                 .service_area = service_area,
                                 .in_force_only = 1,
                                 .with_details = 1,
                                 .ends_from = DATE_NONE,
                                 .ends_to = DATE_NONE,
                                 .sort = "start",
                                 .desc = 1,
                                 .page = 1,
                                 .per_page = 1};
    struct agreement *items;
    int n, total;
    struct insyn_err quiet = {.arena = a};
    if (store_agreement_list(st, &f, a, &items, &n, &total, &quiet) != 0 || n == 0)
        return 0;
    *out = items[0];
    return 1;
}

static char *
join_lines(struct arena *a, char **lines, int n)
{
    struct buf b;
    buf_init(&b);
    for (int i = 0; i < n; i++)
        buf_printf(&b, "%s%s", i ? "\n" : "", lines[i]);
    char *s = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    return s;
}

int
app_application_sign(struct store *st, const struct actor *who, long long id,
                     const struct sign_input *in, struct arena *a, struct agreement *out,
                     struct insyn_err *err)
{
    if (app_require(who, PERM_AGREEMENT_WRITE, err))
        return err->code;
    struct application x;
    json_t *before = NULL;
    if (begin_change(st, who, PERM_APPLICATION_WRITE, id, a, &x, &before, err))
        return err->code;
    struct application_rules r;
    app_application_rules(st, &r);
    int signed_on;
    struct onboarding_item *items;
    int n;
    if (application_sign_check(&x, in, &r, app_today(), &signed_on, a, err) ||
        store_onboarding_items(st, x.id, a, &items, &n, err))
        return fail_change(st, before, err);
    /* the routine's agreement meeting goes through the agreement before it is signed */
    for (int i = 0; i < n; i++) {
        if (strcmp(items[i].code, "agreement_meeting") != 0)
            continue;
        char s[11];
        if (items[i].done_on == DATE_NONE)
            err_field(err, 0, "signed_on",
                      "Mötet inför avtalstecknande ska hållas innan avtalet tecknas. Registrera "
                      "när mötet hölls i introduktionsprogrammet.");
        else if (signed_on < items[i].done_on)
            err_field(err, 0, "signed_on",
                      "Avtalet kan inte ha tecknats före mötet inför avtalstecknande (%s).",
                      (date_format(items[i].done_on, s), s));
    }
    if (err->nfields)
        return fail_change(st, before, err);
    struct agreement sys = {0};
    int has_system = system_agreement(st, x.service_area, a, &sys);
    char signed_s[11], approved_s[11], end_s[11];
    date_format(signed_on, signed_s);
    date_format(x.decided_on, approved_s);
    const char *case_ref = in->case_ref && *in->case_ref ? in->case_ref
                           : has_system                  ? sys.case_ref
                                                         : "";
    const char *end = in->end && *in->end ? in->end
                      : has_system        ? (date_format(sys.end, end_s), end_s)
                                          : "";
    struct user ru;
    const char *strategist = "";
    if (has_system && sys.strategist_id)
        strategist = arena_printf(a, "%lld", sys.strategist_id);
    else if (x.responsible_id && store_user_by_id(st, x.responsible_id, a, &ru) == 0 &&
             (ru.role == ROLE_STRATEGIST || ru.role == ROLE_DEPUTY_DIRECTOR))
        strategist = arena_printf(a, "%lld", x.responsible_id);
    struct agreement_input ai = {
        .case_ref = case_ref,
        .title = has_system ? sys.title
                            : arena_printf(a, "Kundval %s (LOV)",
                                           text_lower_first(a, code_label_or_empty(
                                                                   service_areas, x.service_area))),
        .form = "lov",
        .service_area = x.service_area,
        .organisation_id = arena_printf(a, "%lld", x.organisation_id),
        .start = in->start && *in->start ? in->start : signed_s,
        .end = end,
        .extensions_left = "0",
        .approved_on = approved_s,
        .signed_on = signed_s,
        .value_adds = "", /* promised in a provider's own bid: not another provider's */
        .requirements = has_system ? join_lines(a, sys.requirements, sys.n_requirements) : "",
        .strategist_id = strategist,
        .status = "active",
    };
    if (app_agreement_check(st, &ai, a, 0, out, err))
        return fail_change(st, before, err);
    char now[21];
    app_timestamp(0, now);
    out->created_at = out->updated_at = arena_strdup(a, now);
    if (store_agreement_insert(st, out, err) || app_schedule_agreement(st, out, err) ||
        app_audit_take(st, who, "create", "agreement", out->id, NULL,
                       agreement_json(out, DATE_NONE), err))
        return fail_change(st, before, err);
    x.signed_on = signed_on;
    x.agreement_id = out->id;
    /* the signing item is done the day the agreement is signed */
    for (int i = 0; i < n; i++)
        if (strcmp(items[i].code, "signing") == 0 && items[i].done_on == DATE_NONE) {
            items[i].done_on = signed_on;
            if (store_onboarding_update(st, &items[i], err))
                return fail_change(st, before, err);
        }
    if (redue_items(st, &x, &r, a, err))
        return fail_change(st, before, err);
    return finish_change(st, who, "sign", &x, before, a, err);
}

int
app_application_file_add(struct store *st, const struct actor *who, long long id, const char *name,
                         const char *content_type, const void *data, size_t size, struct arena *a,
                         struct application_file *out, struct insyn_err *err)
{
    if (who->role != ROLE_PROVIDER_USER && app_require(who, PERM_APPLICATION_WRITE, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    struct application x;
    if (load(st, who, id, a, &x, err))
        return app_abort(st, err);
    if (*x.outcome) {
        /* the applicant learns of the decision only when it is announced */
        err_field(err, 0, "file",
                  x.announced_on != DATE_NONE
                      ? "Socialnämnden har beslutat om ansökan; inga fler filer tas emot."
                      : "Ansökan har gått till beslut i socialnämnden; inga fler filer tas emot.");
        return app_abort(st, err);
    }
    if (x.withdrawn_on != DATE_NONE) {
        err_field(err, 0, "file", "Ansökan är återkallad; inga fler filer tas emot.");
        return app_abort(st, err);
    }
    memset(out, 0, sizeof *out);
    out->name = app_file_check(a, name, data, size, err);
    if (err->nfields)
        return app_abort(st, err);
    char now[21];
    app_timestamp(0, now);
    out->application_id = id;
    out->size = (long long)size;
    out->content_type =
        arena_strdup(a, content_type && *content_type && strlen(content_type) < 100 &&
                                text_is_clean_utf8(content_type) && !strchr(content_type, '\n')
                            ? content_type
                            : "application/octet-stream");
    out->uploaded_by_name = arena_strdup(a, who->name ? who->name : "system");
    out->uploaded_at = arena_strdup(a, now);
    if (store_application_file_insert(st, id, out, data, err))
        return app_abort(st, err);
    json_t *after = json_pack("{s:I, s:s, s:I}", "file_id", (json_int_t)out->id, "name", out->name,
                              "size", (json_int_t)out->size);
    return app_commit_audited(st, who, "add_file", "application", id, NULL, after, err);
}

int
app_application_file_get(struct store *st, const struct actor *who, long long file_id,
                         struct arena *a, struct application_file *out, char **data,
                         struct insyn_err *err)
{
    struct application x;
    struct insyn_err quiet = {.arena = a};
    if (store_application_file_get(st, file_id, a, out, data, &quiet) ||
        load(st, who, out->application_id, a, &x, err))
        return err_set(err, INSYN_ENOTFOUND, "Filen finns inte.");
    return 0;
}

/* ---- deadlines ---- */

static void
add_task(struct arena *a, struct application_task **items, int *n, int *cap,
         const struct application *x, long long item_id, const char *text, int due)
{
    *items = arena_grow(a, *items, *n, cap, sizeof **items);
    (*items)[(*n)++] =
        (struct application_task){x->id, item_id, x->organisation_name, arena_strdup(a, text), due};
}

static int
by_due(const void *pa, const void *pb)
{
    const struct application_task *ta = pa, *tb = pb;
    if (ta->due != tb->due)
        return ta->due < tb->due ? -1 : 1;
    if (ta->application_id != tb->application_id)
        return ta->application_id < tb->application_id ? -1 : 1;
    /* an application's own deadlines before its introduction items, these in their order */
    return ta->item_id < tb->item_id ? -1 : ta->item_id > tb->item_id;
}

int
app_application_tasks(struct store *st, const struct actor *who, int today, int days_ahead,
                      struct arena *a, struct application_task **items, int *n,
                      struct insyn_err *err)
{
    *items = NULL;
    *n = 0;
    if (!role_may(who->role, PERM_APPLICATION_READ) || !who->user_id)
        return 0;
    struct application *rows;
    int nr, cap = 0;
    if (store_application_list(st, 0, a, &rows, &nr, err))
        return err->code;
    struct application_rules r;
    app_application_rules(st, &r);
    int until = today + days_ahead;
    /* seed 003: the committee secretary announces the committee's decisions */
    int secretary = who->role == ROLE_COMMITTEE_SECRETARY;
    for (int i = 0; i < nr; i++) {
        const struct application *x = &rows[i];
        struct application_clock c;
        application_clock(x, &r, today, &c);
        if (secretary && *x->outcome && x->announced_on == DATE_NONE)
            add_task(a, items, n, &cap, x, 0, "Meddela sökande socialnämndens beslut",
                     x->decided_on);
        if (x->responsible_id != who->user_id)
            continue;
        if (c.supplement_request_due != DATE_NONE && c.supplement_request_due <= until)
            add_task(a, items, n, &cap, x, 0,
                     "Granska ansökan och begär eventuella kompletteringar",
                     c.supplement_request_due);
        if (c.supplement_due != DATE_NONE && c.supplement_due <= until)
            add_task(a, items, n, &cap, x, 0, "Kompletteringen ska ha kommit in", c.supplement_due);
        if (c.decision_due != DATE_NONE && c.decision_due <= until)
            add_task(a, items, n, &cap, x, 0,
                     "Handläggningen bör vara klar (fyra veckor från komplett ansökan)",
                     c.decision_due);
    }
    struct onboarding_item *its;
    int ni;
    if (store_onboarding_open_for(st, who->user_id, a, &its, &ni, err))
        return err->code;
    for (int i = 0; i < ni; i++) {
        if (its[i].due == DATE_NONE || its[i].due > until)
            continue;
        struct application x;
        struct insyn_err quiet = {.arena = a};
        if (store_application_get(st, its[i].application_id, a, &x, &quiet) != 0)
            continue;
        add_task(a, items, n, &cap, &x, its[i].id, its[i].title, its[i].due);
    }
    if (*n > 1)
        qsort(*items, (size_t)*n, sizeof **items, by_due);
    return 0;
}
