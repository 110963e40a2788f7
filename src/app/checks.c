/* checks.c — external controls and what they make happen by themselves. */
#include "app/checks.h"

#include "app/signals.h"
#include "core/codes.h"
#include "core/date.h"

#include <string.h>

/* Resolves the organisation (by org_nr or id) and checks that the unit belongs to it. */
static int
check_resolve(struct store *st, struct external_check *c, const char *unit_field, struct arena *a,
              struct insyn_err *err)
{
    struct insyn_err ignore = {.arena = a};
    if (c->org_nr && *c->org_nr) {
        if (store_org_id_by_orgnr(st, c->org_nr, &c->organisation_id) != 0) {
            err_field(err, 0, "org_nr", "Det finns ingen utförare med organisationsnummer %s.",
                      c->org_nr);
            return INSYN_EINVAL;
        }
    } else {
        struct organisation o;
        if (store_org_get(st, c->organisation_id, a, &o, &ignore) != 0) {
            err_field(err, 0, "organisation_id", "Utföraren finns inte.");
            return INSYN_EINVAL;
        }
    }
    if (c->unit_id) {
        struct unit u;
        if (store_unit_get(st, c->unit_id, a, &u, &ignore) != 0 ||
            u.organisation_id != c->organisation_id) {
            err_field(err, 0, unit_field ? unit_field : "unit_id",
                      "Enheten finns inte hos den utföraren.");
            return INSYN_EINVAL;
        }
    }
    return 0;
}

/* Flags every agreement in force with the organisation for termination, each audited. */
static int
flag_agreements(struct store *st, const struct actor *who, long long organisation_id,
                const char *flag, int on, const char *now, struct arena *a, struct insyn_err *err)
{
    long long *ids;
    int n;
    if (store_agreements_to_flag(st, organisation_id, a, &ids, &n, err))
        return err->code;
    for (int i = 0; i < n; i++) {
        struct agreement before, after;
        if (store_agreement_get(st, ids[i], a, &before, err) ||
            store_agreement_flag_termination(st, ids[i], flag, on, now, err) ||
            store_agreement_get(st, ids[i], a, &after, err) ||
            app_audit_take(st, who, "update", "agreement", ids[i],
                           agreement_json(&before, DATE_NONE), agreement_json(&after, DATE_NONE),
                           err))
            return err->code;
    }
    return 0;
}

static int
revoke_permit(struct store *st, const struct actor *who, long long unit_id, const char *now,
              struct arena *a, struct insyn_err *err)
{
    struct unit before, after;
    if (store_unit_get(st, unit_id, a, &before, err))
        return err->code;
    if (strcmp(before.ivo_permit_status ? before.ivo_permit_status : "", "revoked") == 0)
        return 0;
    if (store_unit_revoke_permit(st, unit_id, now, err) ||
        store_unit_get(st, unit_id, a, &after, err) ||
        app_audit_take(st, who, "update", "unit", unit_id, unit_json(&before), unit_json(&after),
                       err))
        return err->code;
    return 0;
}

int
app_check_record_in(struct store *st, const struct actor *who, struct external_check *c,
                    const struct settings *set, struct arena *a, struct insyn_err *err)
{
    char now[21];
    app_timestamp(0, now);
    struct credit_thresholds t = {set->credit_min_creditsafe, set->credit_min_uc};
    if (strcmp(c->kind, "credit") == 0 &&
        store_credit_thresholds(st, c->organisation_id, set->credit_min_creditsafe,
                                set->credit_min_uc, &t.creditsafe, &t.uc, err))
        return err->code;
    check_evaluate(c, &t);
    c->created_by = who->user_id;
    c->created_by_name = arena_strdup(a, who->user_id && who->name ? who->name : "insyn");
    c->created_at = arena_strdup(a, now);
    c->signal_id = 0;
    if (store_check_insert(st, c, err))
        return err->code;

    struct signal sg = {.organisation_id = c->organisation_id,
                        .unit_id = c->unit_id,
                        .occurred_on = c->checked_on,
                        .check_id = c->id,
                        .status = "new",
                        .outcome = "",
                        .outcome_comment = ""};
    char date[11];
    date_format(c->checked_on, date);
    int rc = 0;
    if (strcmp(c->kind, "credit") == 0 && c->passed == 0) {
        sg.source = "credit_watch", sg.category = "low_credit_rating";
        sg.description = check_failure_text(a, c);
    } else if (strcmp(c->kind, "tax") == 0 && c->passed == 0) {
        sg.source = "other", sg.category = "other";
        sg.description = check_failure_text(a, c);
    } else if (strcmp(c->kind, "ivo") == 0 && strcmp(c->ivo_kind, "permit_revoked") == 0) {
        struct unit u;
        struct insyn_err ignore = {.arena = a};
        const char *unit = store_unit_get(st, c->unit_id, a, &u, &ignore) == 0 ? u.name : "enheten";
        sg.source = "ivo", sg.category = "permit_revoked", sg.serious = 1;
        sg.description = arena_printf(
            a, "IVO har återkallat tillståndet för %s (beslut %s%s%s).%s%s", unit, date,
            *c->reference ? ", " : "", c->reference, *c->summary ? " " : "", c->summary);
        rc = revoke_permit(st, who, c->unit_id, now, a, err);
        if (rc == 0)
            rc = flag_agreements(st, who, c->organisation_id, "permit_revoked", c->checked_on, now,
                                 a, err);
    } else if (strcmp(c->kind, "bankruptcy") == 0) {
        sg.source = "other", sg.category = "bankruptcy", sg.serious = 1;
        sg.description = arena_printf(a, "Utföraren har försatts i konkurs (%s).%s%s", date,
                                      *c->summary ? " " : "", c->summary);
        rc = flag_agreements(st, who, c->organisation_id, "bankruptcy", c->checked_on, now, a, err);
    }
    if (rc)
        return rc;
    if (sg.category) {
        if (app_signal_add_in(st, who, &sg, err) || store_check_set_signal(st, c->id, sg.id, err))
            return err->code;
        c->signal_id = sg.id;
    }
    return app_audit_take(st, who, "create", "external_check", c->id, NULL, check_json(c), err);
}

int
app_check_add(struct store *st, const struct actor *who, const struct check_input *in,
              struct arena *a, struct external_check *out, struct insyn_err *err)
{
    if (app_require(who, PERM_CHECK_WRITE, err))
        return err->code;
    if (check_validate(in, app_today(), NULL, out, a, 0, err))
        return err->code;
    struct settings set;
    app_settings_get(st, &set);
    if (store_begin(st, err))
        return err->code;
    if (check_resolve(st, out, NULL, a, err) || app_check_record_in(st, who, out, &set, a, err) ||
        store_check_get(st, out->id, a, out, err))
        return app_abort(st, err);
    return store_commit(st, err) ? app_abort(st, err) : 0;
}

int
app_check_list(struct store *st, const struct actor *who, long long organisation_id,
               const char *kind, struct arena *a, struct external_check **items, int *n,
               struct insyn_err *err)
{
    if (app_require(who, PERM_RISK_READ, err))
        return err->code;
    if (who->role == ROLE_PROVIDER_USER)
        return err_set(err, INSYN_ENOTFOUND, "Utföraren finns inte.");
    struct organisation o;
    if (store_org_get(st, organisation_id, a, &o, err))
        return err->code;
    if (kind && *kind && !code_valid(check_kinds, kind)) {
        err_field(err, 0, "kind", "Okänd typ av kontroll.");
        return err->code;
    }
    return store_check_list(st, organisation_id, kind, 1000, a, items, n, err);
}

static json_t *
opt_int(int v)
{
    return v >= 0 ? json_integer(v) : json_null();
}

static json_t *
opt_bool(int v)
{
    return v >= 0 ? json_boolean(v) : json_null();
}

json_t *
check_json(const struct external_check *c)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(c->id));
    json_object_set_new(j, "organisation_id", json_integer(c->organisation_id));
    json_object_set_new(j, "organisation",
                        json_string(c->organisation_name ? c->organisation_name : ""));
    json_object_set_new(j, "org_nr", json_string(c->org_nr ? c->org_nr : ""));
    json_object_set_new(j, "unit_id", c->unit_id ? json_integer(c->unit_id) : json_null());
    json_object_set_new(j, "unit", json_string(c->unit_name ? c->unit_name : ""));
    json_object_set_new(j, "kind", json_string(c->kind));
    json_object_set_new(j, "kind_label", json_string(code_label_or_empty(check_kinds, c->kind)));
    json_object_set_new(j, "checked_on", date_json(c->checked_on));
    json_object_set_new(j, "passed", opt_bool(c->passed));
    if (strcmp(c->kind, "credit") == 0) {
        json_object_set_new(j, "bureau", json_string(c->bureau));
        json_object_set_new(j, "bureau_label",
                            json_string(code_label_or_empty(credit_bureaus, c->bureau)));
        json_object_set_new(j, "value", opt_int(c->value));
        json_object_set_new(j, "threshold", opt_int(c->threshold));
    } else if (strcmp(c->kind, "tax") == 0) {
        json_object_set_new(j, "f_tax", opt_bool(c->f_tax));
        json_object_set_new(j, "taxes_paid", opt_bool(c->taxes_paid));
        json_object_set_new(j, "contributions_paid", opt_bool(c->contributions_paid));
        json_object_set_new(j, "enforcement_debt",
                            c->enforcement_debt >= 0 ? json_integer(c->enforcement_debt)
                                                     : json_null());
    } else if (strcmp(c->kind, "ivo") == 0) {
        json_object_set_new(j, "ivo_kind", json_string(c->ivo_kind));
        json_object_set_new(j, "ivo_kind_label",
                            json_string(code_label_or_empty(ivo_record_kinds, c->ivo_kind)));
        json_object_set_new(j, "reference", json_string(c->reference ? c->reference : ""));
        json_object_set_new(j, "summary", json_string(c->summary ? c->summary : ""));
    } else {
        json_object_set_new(j, "note", json_string(c->summary ? c->summary : ""));
    }
    json_object_set_new(j, "signal_id", c->signal_id ? json_integer(c->signal_id) : json_null());
    json_object_set_new(j, "created_by", json_string(c->created_by_name ? c->created_by_name : ""));
    json_object_set_new(j, "created_at", json_string(c->created_at ? c->created_at : ""));
    return j;
}
