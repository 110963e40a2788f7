/* investigations.c — event-driven follow-ups (seed 003's "Om utförare inte följer gällande
 * avtal") and sanctions under the delegation order. */
#include "app/investigations.h"

#include "core/date.h"

#include <stdlib.h>
#include <string.h>

/* ---- JSON shapes ---- */

json_t *
investigation_json(const struct investigation *x)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(x->id));
    json_object_set_new(j, "organisation_id", json_integer(x->organisation_id));
    json_object_set_new(j, "organisation_name",
                        json_string(x->organisation_name ? x->organisation_name : ""));
    json_object_set_new(j, "org_nr",
                        json_string(x->organisation_org_nr ? x->organisation_org_nr : ""));
    json_object_set_new(j, "agreement_id", id_json(x->agreement_id));
    json_object_set_new(j, "agreement_case_ref",
                        json_string(x->agreement_case_ref ? x->agreement_case_ref : ""));
    json_object_set_new(j, "agreement_title",
                        json_string(x->agreement_title ? x->agreement_title : ""));
    json_object_set_new(j, "kind", json_string(x->kind));
    json_object_set_new(j, "kind_label",
                        json_string(code_label_or_empty(investigation_kinds, x->kind)));
    json_object_set_new(j, "opened_on", date_json(x->opened_on));
    json_object_set_new(j, "reason", json_string(x->reason));
    json_object_set_new(j, "communication_plan", json_string(x->communication_plan));
    json_object_set_new(j, "responsible_id", id_json(x->responsible_id));
    json_object_set_new(j, "responsible_name",
                        json_string(x->responsible_name ? x->responsible_name : ""));
    json_object_set_new(j, "status", json_string(x->status));
    json_object_set_new(j, "status_label",
                        json_string(code_label_or_empty(investigation_statuses, x->status)));
    json_object_set_new(j, "outcome", json_string(x->outcome));
    json_object_set_new(
        j, "outcome_label",
        json_string(*x->outcome ? code_label_or_empty(investigation_outcomes, x->outcome) : ""));
    json_object_set_new(j, "summary", json_string(x->outcome_summary));
    json_object_set_new(j, "closed_on", date_json(x->closed_on));
    json_t *ids = json_array();
    for (int i = 0; i < x->n_signals; i++)
        json_array_append_new(ids, json_integer(x->signal_ids[i]));
    json_object_set_new(j, "signal_ids", ids);
    json_object_set_new(j, "created_by_name",
                        json_string(x->created_by_name ? x->created_by_name : ""));
    json_object_set_new(j, "created_at", json_string(x->created_at ? x->created_at : ""));
    return j;
}

json_t *
investigation_area_json(const struct investigation_area *x, int today)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(x->id));
    json_object_set_new(j, "position", json_integer(x->position));
    json_object_set_new(j, "area", json_string(x->area));
    json_object_set_new(j, "responsible_id", json_integer(x->responsible_id));
    json_object_set_new(j, "responsible_name",
                        json_string(x->responsible_name ? x->responsible_name : ""));
    json_object_set_new(j, "due", date_json(x->due));
    json_object_set_new(j, "status", json_string(x->status));
    json_object_set_new(j, "status_label",
                        json_string(code_label_or_empty(investigation_area_statuses, x->status)));
    json_object_set_new(j, "findings", json_string(x->findings));
    json_object_set_new(j, "overdue",
                        json_boolean(today != DATE_NONE && strcmp(x->status, "open") == 0 &&
                                     x->due != DATE_NONE && x->due < today));
    return j;
}

json_t *
investigation_meeting_json(const struct investigation_meeting *m)
{
    json_t *att = json_array();
    char *copy = strdup(m->attendees ? m->attendees : "");
    for (char *save = NULL, *line = copy ? strtok_r(copy, "\n", &save) : NULL; line;
         line = strtok_r(NULL, "\n", &save))
        json_array_append_new(att, json_string(line));
    free(copy);
    return json_pack("{s:I, s:o, s:o, s:s, s:s, s:s}", "id", (json_int_t)m->id, "held_on",
                     date_json(m->held_on), "attendees", att, "findings", m->findings,
                     "created_by_name", m->created_by_name ? m->created_by_name : "", "created_at",
                     m->created_at ? m->created_at : "");
}

json_t *
sanction_json(const struct sanction *s)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(s->id));
    json_object_set_new(j, "agreement_id", json_integer(s->agreement_id));
    json_object_set_new(j, "organisation_id", json_integer(s->organisation_id));
    json_object_set_new(j, "investigation_id", id_json(s->investigation_id));
    json_object_set_new(j, "kind", json_string(s->kind));
    json_object_set_new(j, "kind_label", json_string(code_label_or_empty(sanction_kinds, s->kind)));
    json_object_set_new(j, "decided_on", date_json(s->decided_on));
    json_object_set_new(j, "decided_by", json_integer(s->decided_by));
    json_object_set_new(j, "decided_by_name",
                        json_string(s->decided_by_name ? s->decided_by_name : ""));
    json_object_set_new(j, "decided_by_role",
                        json_string(s->decided_by_role ? s->decided_by_role : ""));
    json_object_set_new(j, "decided_by_role_label",
                        json_string(role_label(role_parse(s->decided_by_role))));
    json_object_set_new(j, "reason", json_string(s->reason));
    if (s->amount >= 0) {
        json_object_set_new(j, "amount", json_real((double)s->amount / 100.0));
        json_object_set_new(j, "amount_ore", json_integer(s->amount));
        char text[64];
        long long kr = s->amount / 100, ore = s->amount % 100;
        /* 25 000,50 kr: a space between thousands as Swedish writes it */
        char digits[32], grouped[48];
        int nd = snprintf(digits, sizeof digits, "%lld", kr), k = 0;
        for (int i = 0; i < nd; i++) {
            if (i && (nd - i) % 3 == 0)
                grouped[k++] = ' ';
            grouped[k++] = digits[i];
        }
        grouped[k] = '\0';
        if (ore)
            snprintf(text, sizeof text, "%s,%02lld kr", grouped, ore);
        else
            snprintf(text, sizeof text, "%s kr", grouped);
        json_object_set_new(j, "amount_text", json_string(text));
    } else {
        json_object_set_new(j, "amount", json_null());
    }
    json_object_set_new(j, "ends_on", date_json(s->ends_on));
    json_object_set_new(j, "cause", json_string(s->cause));
    json_object_set_new(
        j, "cause_label",
        json_string(*s->cause ? code_label_or_empty(termination_causes, s->cause) : ""));
    json_object_set_new(j, "created_by_name",
                        json_string(s->created_by_name ? s->created_by_name : ""));
    json_object_set_new(j, "created_at", json_string(s->created_at ? s->created_at : ""));
    return j;
}

json_t *
investigation_view_json(const struct investigation_view *v, int today)
{
    json_t *j = investigation_json(&v->inv);
    json_t *areas = json_array(), *meetings = json_array(), *signals = json_array(),
           *sanctions = json_array();
    for (int i = 0; i < v->n_areas; i++)
        json_array_append_new(areas, investigation_area_json(&v->areas[i], today));
    for (int i = 0; i < v->n_meetings; i++)
        json_array_append_new(meetings, investigation_meeting_json(&v->meetings[i]));
    for (int i = 0; i < v->n_signals; i++) {
        const struct investigation_signal_row *r = &v->signals[i];
        json_array_append_new(
            signals,
            json_pack("{s:I, s:o, s:s, s:s, s:s, s:s, s:b, s:s, s:s}", "id", (json_int_t)r->id,
                      "date", date_json(r->occurred_on), "category", r->category, "category_label",
                      code_label_or_empty(signal_categories, r->category), "source", r->source,
                      "source_label", code_label_or_empty(signal_sources, r->source), "serious",
                      r->serious, "description", r->description, "status", r->status));
    }
    for (int i = 0; i < v->n_sanctions; i++)
        json_array_append_new(sanctions, sanction_json(&v->sanctions[i]));
    json_object_set_new(j, "areas", areas);
    json_object_set_new(j, "meetings", meetings);
    json_object_set_new(j, "signals", signals);
    json_object_set_new(j, "sanctions", sanctions);
    return j;
}

json_t *
investigation_task_json(const struct investigation_task *t, int today)
{
    json_t *j = json_pack(
        "{s:I, s:o, s:I, s:s, s:s, s:s, s:s, s:o, s:b}", "investigation_id",
        (json_int_t)t->investigation_id, "area_id", id_json(t->area_id), "organisation_id",
        (json_int_t)t->organisation_id, "organisation_name", t->organisation_name, "kind", t->kind,
        "kind_label", code_label_or_empty(investigation_kinds, t->kind), "text", t->text, "due",
        date_json(t->due), "overdue", t->due != DATE_NONE && today != DATE_NONE && t->due < today);
    json_object_set_new(j, "is_area", json_boolean(t->area_id != 0));
    return j;
}

/* ---- checks against the store ---- */

/* A responsible person: a user of the administration. */
static int
check_person(struct store *st, long long id, const char *field, struct arena *a, char **name,
             struct insyn_err *err)
{
    struct user u;
    if (!id)
        return 0;
    if (store_user_by_id(st, id, a, &u) != 0 || !role_is_internal(u.role)) {
        err_field(err, 0, field, "Den ansvariga ska vara en användare i förvaltningen.");
        return INSYN_EINVAL;
    }
    if (name)
        *name = u.name;
    return 0;
}

static int
load_view(struct store *st, long long id, struct arena *a, struct investigation_view *v,
          struct insyn_err *err)
{
    memset(v, 0, sizeof *v);
    if (store_investigation_get(st, id, a, &v->inv, err) ||
        store_investigation_areas(st, id, a, &v->areas, &v->n_areas, err) ||
        store_investigation_meetings(st, id, a, &v->meetings, &v->n_meetings, err) ||
        store_investigation_signals(st, id, a, &v->signals, &v->n_signals, err) ||
        store_sanction_list(st, 0, id, a, &v->sanctions, &v->n_sanctions, err))
        return err->code ? err->code : INSYN_ESYS;
    return 0;
}

/* ---- investigations ---- */

int
app_investigation_open(struct store *st, const struct actor *who,
                       const struct investigation_input *in,
                       const struct investigation_area_input *areas, int n_areas, struct arena *a,
                       struct investigation *out, struct insyn_err *err)
{
    if (app_require(who, PERM_INVESTIGATION_WRITE, err))
        return err->code;
    investigation_validate(in, out, a, err);
    struct investigation_area *xs = arena_alloc(a, sizeof *xs * (size_t)(n_areas + 1));
    for (int i = 0; i < n_areas; i++)
        investigation_area_validate(&areas[i], &xs[i], a, i + 1, err);
    if (err->nfields)
        return INSYN_EINVAL;
    if (store_begin(st, err))
        return err->code;
    struct organisation org;
    struct insyn_err ignore = {0};
    int org_found = store_org_get(st, out->organisation_id, a, &org, &ignore) == 0;
    if (!org_found)
        err_field(err, 0, "organisation_id", "Utföraren finns inte.");
    if (out->agreement_id) {
        struct agreement g;
        if (store_agreement_get(st, out->agreement_id, a, &g, &ignore) != 0)
            err_field(err, 0, "agreement_id", "Avtalet finns inte.");
        else if (org_found && g.organisation_id != out->organisation_id)
            err_field(err, 0, "agreement_id", "Avtalet gäller inte utföraren %s.", org.name);
    }
    check_person(st, out->responsible_id, "responsible_id", a, NULL, err);
    for (int i = 0; i < out->n_signals; i++) {
        long long sig_org;
        if (store_signal_organisation(st, out->signal_ids[i], &sig_org) != 0)
            err_field(err, 0, "signal_ids", "Signalen %lld finns inte.", out->signal_ids[i]);
        else if (org_found && sig_org != out->organisation_id)
            err_field(err, 0, "signal_ids",
                      "Signalen %lld gäller en annan utförare än %s och kan inte kopplas hit.",
                      out->signal_ids[i], org.name);
    }
    for (int i = 0; i < n_areas; i++)
        check_person(st, xs[i].responsible_id, arena_printf(a, "areas[%d].responsible_id", i), a,
                     NULL, err);
    if (err->nfields)
        goto fail;
    char now[21];
    app_timestamp(0, now);
    out->created_by_name = arena_strdup(a, who->name ? who->name : "system");
    out->created_at = out->updated_at = arena_strdup(a, now);
    if (store_investigation_insert(st, out, err))
        goto fail;
    for (int i = 0; i < n_areas; i++) {
        xs[i].investigation_id = out->id;
        if (store_investigation_area_save(st, &xs[i], err))
            goto fail;
    }
    struct investigation_view v;
    if (load_view(st, out->id, a, &v, err))
        goto fail;
    *out = v.inv;
    return app_commit_audited(st, who, "create", "investigation", out->id, NULL,
                              investigation_view_json(&v, DATE_NONE), err);
fail:
    return app_abort(st, err);
}

/* Loads an open follow-up inside the transaction; a closed one is not changed. */
static int
open_investigation(struct store *st, long long id, struct arena *a, struct investigation *out,
                   struct insyn_err *err)
{
    if (store_investigation_get(st, id, a, out, err))
        return err->code;
    if (strcmp(out->status, "open") != 0)
        return err_set(err, INSYN_ECONFLICT, "Uppföljningen är avslutad och kan inte ändras.");
    return 0;
}

int
app_investigation_area_save(struct store *st, const struct actor *who, long long investigation_id,
                            long long area_id, const struct investigation_area_input *in,
                            struct arena *a, struct investigation_area *out, struct insyn_err *err)
{
    if (app_require(who, PERM_INVESTIGATION_WRITE, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    /* an unknown follow-up or area is "not found" whatever the input */
    struct investigation inv;
    struct investigation_area old = {0};
    if (area_id && store_investigation_area_get(st, area_id, a, &old, err))
        goto fail;
    if (!investigation_id)
        investigation_id = old.investigation_id;
    if (open_investigation(st, investigation_id, a, &inv, err) ||
        investigation_area_validate(in, out, a, 0, err))
        goto fail;
    if (area_id) {
        if (old.investigation_id != investigation_id) {
            err_set(err, INSYN_ENOTFOUND, "Fokusområdet finns inte.");
            goto fail;
        }
    }
    if (check_person(st, out->responsible_id, "responsible_id", a, &out->responsible_name, err))
        goto fail;
    out->id = area_id;
    out->investigation_id = investigation_id;
    out->position = old.position;
    char now[21];
    app_timestamp(0, now);
    inv.updated_at = arena_strdup(a, now);
    if (store_investigation_area_save(st, out, err) || store_investigation_update(st, &inv, err))
        goto fail;
    return app_commit_audited(st, who, area_id ? "update_area" : "add_area", "investigation",
                              investigation_id,
                              area_id ? investigation_area_json(&old, DATE_NONE) : NULL,
                              investigation_area_json(out, DATE_NONE), err);
fail:
    return app_abort(st, err);
}

int
app_investigation_meeting_add(struct store *st, const struct actor *who, long long investigation_id,
                              const struct investigation_meeting_input *in, struct arena *a,
                              struct investigation_meeting *out, struct insyn_err *err)
{
    if (app_require(who, PERM_INVESTIGATION_WRITE, err))
        return err->code;
    if (investigation_meeting_validate(in, out, a, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    struct investigation inv;
    if (open_investigation(st, investigation_id, a, &inv, err))
        goto fail;
    char now[21];
    app_timestamp(0, now);
    out->investigation_id = investigation_id;
    out->created_by_name = arena_strdup(a, who->name ? who->name : "system");
    out->created_at = inv.updated_at = arena_strdup(a, now);
    if (store_investigation_meeting_insert(st, out, err) ||
        store_investigation_update(st, &inv, err))
        goto fail;
    return app_commit_audited(st, who, "add_meeting", "investigation", investigation_id, NULL,
                              investigation_meeting_json(out), err);
fail:
    return app_abort(st, err);
}

int
app_investigation_close(struct store *st, const struct actor *who, long long investigation_id,
                        const struct investigation_close_input *in, struct arena *a,
                        struct investigation *out, struct insyn_err *err)
{
    if (app_require(who, PERM_INVESTIGATION_WRITE, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    if (store_investigation_get(st, investigation_id, a, out, err))
        goto fail;
    json_t *before = investigation_json(out);
    if (investigation_close_validate(in, out, a, err)) {
        json_decref(before);
        goto fail;
    }
    char now[21];
    app_timestamp(0, now);
    out->updated_at = arena_strdup(a, now);
    if (store_investigation_update(st, out, err)) {
        json_decref(before);
        goto fail;
    }
    return app_commit_audited(st, who, "close", "investigation", investigation_id, before,
                              investigation_json(out), err);
fail:
    return app_abort(st, err);
}

int
app_investigation_get(struct store *st, const struct actor *who, long long id, struct arena *a,
                      struct investigation_view *out, struct insyn_err *err)
{
    if (app_require(who, PERM_RISK_READ, err))
        return err->code;
    return load_view(st, id, a, out, err);
}

int
app_investigation_list(struct store *st, const struct actor *who,
                       const struct investigation_filter *f, struct arena *a,
                       struct investigation **items, int *n, struct insyn_err *err)
{
    if (app_require(who, PERM_RISK_READ, err))
        return err->code;
    return store_investigation_list(st, f, a, items, n, err);
}

int
app_investigation_tasks(struct store *st, const struct actor *who, struct arena *a,
                        struct investigation_task **items, int *n, struct insyn_err *err)
{
    *items = NULL;
    *n = 0;
    if (!role_may(who->role, PERM_RISK_READ) || !who->user_id)
        return 0;
    return store_investigation_tasks(st, who->user_id, a, items, n, err);
}

int
app_investigation_people(struct store *st, const struct actor *who, struct arena *a,
                         struct user **items, int *n, struct insyn_err *err)
{
    if (app_require(who, PERM_RISK_READ, err) || store_user_list(st, ROLE_NONE, a, items, n, err))
        return err->code ? err->code : INSYN_ESYS;
    int k = 0;
    for (int i = 0; i < *n; i++)
        if (role_is_internal((*items)[i].role) && (*items)[i].role != ROLE_ADMIN)
            (*items)[k++] = (*items)[i];
    *n = k;
    return 0;
}

/* ---- sanctions ---- */

int
app_sanction_deciders(struct store *st, const struct actor *who, struct arena *a,
                      struct user **items, int *n, struct insyn_err *err)
{
    if (app_require(who, PERM_RISK_READ, err) || store_user_list(st, ROLE_NONE, a, items, n, err))
        return err->code ? err->code : INSYN_ESYS;
    int k = 0;
    for (int i = 0; i < *n; i++)
        if (sanction_is_decider((*items)[i].role))
            (*items)[k++] = (*items)[i];
    *n = k;
    return 0;
}

static json_t *
agreement_with_termination(struct store *st, const struct agreement *g, struct arena *a)
{
    json_t *j = agreement_json(g, DATE_NONE);
    char *cause;
    int on;
    struct insyn_err ignore = {0};
    if (store_agreement_termination(st, g->id, a, &cause, &on, &ignore) == 0) {
        json_object_set_new(j, "termination_cause", json_string(cause));
        json_object_set_new(j, "terminated_on", date_json(on));
    }
    return j;
}

int
app_sanction_register(struct store *st, const struct actor *who, long long agreement_id,
                      const struct sanction_input *in, struct arena *a, struct sanction *out,
                      struct insyn_err *err)
{
    if (app_require(who, PERM_SANCTION_WRITE, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    struct agreement g;
    if (store_agreement_get(st, agreement_id, a, &g, err))
        goto fail;
    sanction_validate(in, out, a, err);
    struct user decider = {0};
    int found = out->decided_by && store_user_by_id(st, out->decided_by, a, &decider) == 0;
    if (out->decided_by && !err_for_field(err, "decided_by"))
        sanction_check_decider(out, found, found ? decider.role : ROLE_NONE, err);
    if (out->investigation_id) {
        struct investigation inv;
        struct insyn_err ignore = {0};
        if (store_investigation_get(st, out->investigation_id, a, &inv, &ignore) != 0)
            err_field(err, 0, "investigation_id", "Uppföljningen finns inte.");
        else if (inv.organisation_id != g.organisation_id)
            err_field(err, 0, "investigation_id",
                      "Uppföljningen gäller en annan utförare än avtalets.");
    }
    if (err->nfields)
        goto fail;
    int ends = sanction_ends_agreement(out->kind);
    if (ends && strcmp(g.status, "terminated") == 0) {
        err_set(err, INSYN_ECONFLICT, "Avtalet är redan uppsagt eller hävt.");
        goto fail;
    }
    char now[21];
    app_timestamp(0, now);
    out->agreement_id = agreement_id;
    out->organisation_id = g.organisation_id;
    out->decided_by_name = decider.name;
    out->decided_by_role = arena_strdup(a, role_code(decider.role));
    out->created_by_name = arena_strdup(a, who->name ? who->name : "system");
    out->created_at = arena_strdup(a, now);
    if (store_sanction_insert(st, out, err))
        goto fail;
    if (ends) {
        json_t *before = agreement_with_termination(st, &g, a);
        struct agreement t = g;
        t.status = "terminated";
        t.termination_reason = out->reason;
        if (t.end == DATE_NONE || out->ends_on < t.end)
            t.end = out->ends_on;
        if (t.latest_end != DATE_NONE && t.latest_end > t.end)
            t.latest_end = t.end;
        t.extensions_left = 0;
        t.updated_at = out->created_at;
        int rc = store_agreement_update(st, &t, err);
        if (rc == 0)
            rc = store_agreement_set_termination(st, agreement_id, out->cause, out->ends_on, err);
        if (rc == 0)
            rc = app_schedule_agreement(st, &t, err);
        if (rc == 0)
            rc = app_audit_take(st, who, "terminate", "agreement", agreement_id, before,
                                agreement_with_termination(st, &t, a), err);
        else
            json_decref(before);
        if (rc)
            goto fail;
    }
    return app_commit_audited(st, who, "create", "sanction", out->id, NULL, sanction_json(out),
                              err);
fail:
    return app_abort(st, err);
}

int
app_sanction_list(struct store *st, const struct actor *who, long long agreement_id,
                  struct arena *a, struct sanction **items, int *n, struct insyn_err *err)
{
    if (app_require(who, PERM_RISK_READ, err))
        return err->code;
    struct agreement g;
    if (store_agreement_get(st, agreement_id, a, &g, err))
        return err->code;
    return store_sanction_list(st, agreement_id, 0, a, items, n, err);
}

int
app_agreement_termination(struct store *st, const struct actor *who, long long agreement_id,
                          struct arena *a, char **cause, int *terminated_on, struct insyn_err *err)
{
    if (app_require(who, PERM_AGREEMENT_READ, err))
        return err->code;
    return store_agreement_termination(st, agreement_id, a, cause, terminated_on, err);
}

/* ---- the overview ---- */

int
app_dashboard_investigations(struct store *st, const struct actor *who, int today, struct arena *a,
                             json_t **out, struct insyn_err *err)
{
    *out = NULL;
    if (app_require(who, PERM_RISK_READ, err))
        return err->code;
    int y, m, d;
    date_to_ymd(today, &y, &m, &d);
    struct count_row *rows;
    int n;
    struct investigation *open;
    int nopen;
    struct investigation_filter f = {.status = "open"};
    if (store_terminated_by_cause(st, date_from_ymd(y, 1, 1), date_from_ymd(y, 12, 31), a, &rows,
                                  &n, err) ||
        store_investigation_list(st, &f, a, &open, &nopen, err))
        return err->code ? err->code : INSYN_ESYS;
    json_t *by_cause = json_array();
    int total = 0;
    for (int i = 0; i < n; i++) {
        total += rows[i].count;
        json_array_append_new(by_cause,
                              json_pack("{s:s, s:s, s:i}", "cause", rows[i].code, "label",
                                        *rows[i].code
                                            ? code_label_or_empty(termination_causes, rows[i].code)
                                            : "Orsak inte angiven",
                                        "count", rows[i].count));
    }
    json_t *under = json_array();
    for (int i = 0; i < nopen; i++) {
        char opened[11];
        date_format(open[i].opened_on, opened);
        json_array_append_new(
            under, json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s}", "investigation_id",
                             (json_int_t)open[i].id, "organisation_id",
                             (json_int_t)open[i].organisation_id, "organisation_name",
                             open[i].organisation_name, "kind", open[i].kind, "kind_label",
                             code_label_or_empty(investigation_kinds, open[i].kind), "opened_on",
                             opened, "responsible", open[i].responsible_name));
    }
    *out = json_pack("{s:i, s:i, s:o, s:o}", "year", y, "terminated_total", total,
                     "terminated_by_cause", by_cause, "under_investigation", under);
    return 0;
}
