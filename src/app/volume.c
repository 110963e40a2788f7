/* volume.c — entering and reading placements and assignments, and their JSON. The CSV imports
 * live with the other imports in import.c. */
#include "app/volume.h"

#include "core/codes.h"
#include "core/date.h"

#include <string.h>

/* Resolves the organisation (by org_nr or id) and checks that the unit and the agreement are
 * that organisation's; field errors name what is wrong. */
static int
placement_resolve(struct store *st, struct placement *p, struct arena *a, struct insyn_err *err)
{
    struct insyn_err ignore = {.arena = a};
    if (p->org_nr) {
        if (store_org_id_by_orgnr(st, p->org_nr, &p->organisation_id) != 0) {
            err_field(err, 0, "org_nr", "Det finns ingen utförare med organisationsnummer %s.",
                      p->org_nr);
            return INSYN_EINVAL;
        }
    } else {
        struct organisation o;
        if (store_org_get(st, p->organisation_id, a, &o, &ignore) != 0) {
            err_field(err, 0, "organisation_id", "Utföraren finns inte.");
            return INSYN_EINVAL;
        }
    }
    struct unit u;
    if (store_unit_get(st, p->unit_id, a, &u, &ignore) != 0)
        err_field(err, 0, "unit_id", "Enheten finns inte.");
    else if (u.organisation_id != p->organisation_id)
        err_field(err, 0, "unit_id", "Enheten hör till en annan utförare.");
    struct agreement g;
    if (store_agreement_get(st, p->agreement_id, a, &g, &ignore) != 0)
        err_field(err, 0, "agreement_id", "Avtalet finns inte.");
    else if (g.organisation_id != p->organisation_id)
        err_field(err, 0, "agreement_id", "Avtalet är tecknat med en annan utförare.");
    return err->nfields ? INSYN_EINVAL : 0;
}

int
app_placement_add_in(struct store *st, const struct actor *who, const char *action,
                     struct placement *p, struct arena *a, struct insyn_err *err)
{
    int rc = store_placement_insert(st, p, err);
    if (rc == 0)
        rc = store_placement_get(st, p->id, a, p, err);
    if (rc == 0)
        rc = app_audit_take(st, who, action, "placement", p->id, NULL, placement_json(p), err);
    return rc;
}

int
app_placement_create(struct store *st, const struct actor *who, const struct placement_input *in,
                     struct arena *a, struct placement *out, struct insyn_err *err)
{
    if (app_require(who, PERM_VOLUME_WRITE, err))
        return err->code;
    if (placement_validate(in, app_today(), out, a, 0, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    char now[21];
    app_timestamp(0, now);
    out->created_at = arena_strdup(a, now);
    if (placement_resolve(st, out, a, err) || app_placement_add_in(st, who, "create", out, a, err))
        return app_abort(st, err);
    return store_commit(st, err) ? app_abort(st, err) : 0;
}

int
app_assignment_create(struct store *st, const struct actor *who, const struct assignment_input *in,
                      struct arena *a, struct assignment *out, struct insyn_err *err)
{
    if (app_require(who, PERM_VOLUME_WRITE, err))
        return err->code;
    if (assignment_validate(in, app_today(), out, a, 0, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    char now[21];
    app_timestamp(0, now);
    out->created_at = arena_strdup(a, now);
    struct agreement g;
    struct insyn_err ignore = {.arena = a};
    if (store_agreement_get(st, out->agreement_id, a, &g, &ignore) != 0) {
        err_field(err, 0, "agreement_id", "Avtalet finns inte.");
        return app_abort(st, err);
    }
    if (store_assignment_insert(st, out, err) || store_assignment_get(st, out->id, a, out, err))
        return app_abort(st, err);
    return app_commit_audited(st, who, "create", "assignment", out->id, NULL, assignment_json(out),
                              err);
}

int
app_volume_may_read(const struct actor *who, struct insyn_err *err)
{
    if (app_require(who, PERM_VOLUME_READ, err))
        return err->code;
    if (!role_is_internal(who->role))
        return err_set(err, INSYN_EDENIED, "Du har inte behörighet till placeringar och uppdrag.");
    return 0;
}

/* The agreement (or unit) a list is of must exist. */
static int
list_subject(struct store *st, const struct volume_filter *f, struct arena *a,
             struct insyn_err *err)
{
    if (f->unit_id) {
        struct unit u;
        return store_unit_get(st, f->unit_id, a, &u, err);
    }
    struct agreement g;
    return store_agreement_get(st, f->agreement_id, a, &g, err);
}

int
app_placement_list(struct store *st, const struct actor *who, const struct volume_filter *f,
                   struct arena *a, struct placement **items, int *n, int *total,
                   struct insyn_err *err)
{
    *items = NULL;
    *n = *total = 0;
    if (app_volume_may_read(who, err) || list_subject(st, f, a, err))
        return err->code;
    return store_placement_list(st, f, a, items, n, total, err);
}

int
app_assignment_list(struct store *st, const struct actor *who, const struct volume_filter *f,
                    struct arena *a, struct assignment **items, int *n, int *total,
                    struct insyn_err *err)
{
    *items = NULL;
    *n = *total = 0;
    struct volume_filter by_agreement = *f;
    by_agreement.unit_id = 0;
    if (app_volume_may_read(who, err) || list_subject(st, &by_agreement, a, err))
        return err->code;
    return store_assignment_list(st, &by_agreement, a, items, n, total, err);
}

int
app_volume_counts(struct store *st, const struct actor *who, long long agreement_id,
                  struct volume_counts *out, struct insyn_err *err)
{
    memset(out, 0, sizeof *out);
    if (app_volume_may_read(who, err))
        return err->code;
    return store_volume_counts(st, agreement_id, out, err);
}

static json_t *
text_json(const char *s)
{
    return json_string(s ? s : "");
}

json_t *
placement_json(const struct placement *p)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(p->id));
    json_object_set_new(j, "organisation_id", json_integer(p->organisation_id));
    json_object_set_new(j, "organisation", text_json(p->organisation_name));
    json_object_set_new(j, "org_nr", text_json(p->org_nr));
    json_object_set_new(j, "unit_id", json_integer(p->unit_id));
    json_object_set_new(j, "unit", text_json(p->unit_name));
    json_object_set_new(j, "agreement_id", json_integer(p->agreement_id));
    json_object_set_new(j, "case_ref", text_json(p->case_ref));
    json_object_set_new(j, "client", text_json(p->client));
    json_object_set_new(j, "case_worker", text_json(p->case_worker));
    json_object_set_new(j, "start", date_json(p->start));
    json_object_set_new(j, "end", date_json(p->end));
    const char *reason = p->end_reason ? p->end_reason : "";
    json_object_set_new(j, "end_reason", *reason ? json_string(reason) : json_null());
    json_object_set_new(j, "end_reason_label",
                        json_string(code_label_or_empty(placement_end_reasons, reason)));
    json_object_set_new(j, "ongoing", json_boolean(p->end == DATE_NONE));
    json_object_set_new(j, "created_at", text_json(p->created_at));
    return j;
}

json_t *
assignment_json(const struct assignment *x)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(x->id));
    json_object_set_new(j, "agreement_id", json_integer(x->agreement_id));
    json_object_set_new(j, "case_ref", text_json(x->case_ref));
    json_object_set_new(j, "client", text_json(x->client));
    json_object_set_new(j, "kind", text_json(x->kind));
    json_object_set_new(j, "kind_label",
                        json_string(code_label_or_empty(assignment_kinds, x->kind)));
    json_object_set_new(j, "age_group", text_json(x->age_group));
    json_object_set_new(j, "age_group_label",
                        json_string(code_label_or_empty(age_groups, x->age_group)));
    json_object_set_new(j, "received", date_json(x->received));
    json_object_set_new(j, "closed", date_json(x->closed));
    json_object_set_new(j, "ongoing", json_boolean(x->closed == DATE_NONE));
    json_object_set_new(j, "minutes", json_integer(x->minutes));
    json_object_set_new(j, "hours", json_real((double)x->minutes / 60.0));
    const char *outcome = x->goal_outcome ? x->goal_outcome : "";
    json_object_set_new(j, "goal_outcome", *outcome ? json_string(outcome) : json_null());
    json_object_set_new(j, "goal_outcome_label",
                        json_string(code_label_or_empty(goal_outcomes, outcome)));
    json_object_set_new(j, "reason", text_json(x->reason));
    json_object_set_new(j, "created_at", text_json(x->created_at));
    return j;
}
