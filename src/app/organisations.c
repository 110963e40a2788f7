/* organisations.c — use cases for organisations (providers) and their units. */
#include "app/app.h"

#include <string.h>

/* A provider user sees only its own organisation; anything else does not exist for it. */
static int
in_scope(const struct actor *who, long long organisation_id)
{
    return who->role != ROLE_PROVIDER_USER || who->organisation_id == organisation_id;
}

static int
duplicate_orgnr(struct store *st, const char *org_nr, long long self, struct insyn_err *err)
{
    long long other;
    if (store_org_id_by_orgnr(st, org_nr, &other) == 0 && other != self) {
        err_set(err, INSYN_ECONFLICT, "Organisationsnumret %s är redan registrerat.", org_nr);
        err_field(err, 0, "org_nr", "Organisationsnumret %s är redan registrerat.", org_nr);
        return 1;
    }
    return 0;
}

int
app_org_create(struct store *st, const struct actor *who, const struct organisation_input *in,
               struct arena *a, struct organisation *out, struct insyn_err *err)
{
    if (app_require(who, PERM_ORG_WRITE, err))
        return err->code;
    memset(out, 0, sizeof *out);
    if (organisation_validate(in, out, a, 0, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    if (duplicate_orgnr(st, out->org_nr, 0, err))
        goto fail;
    char now[21];
    app_timestamp(0, now);
    out->created_at = out->updated_at = arena_strdup(a, now);
    if (store_org_insert(st, out, err))
        goto fail;
    return app_commit_audited(st, who, "create", "organisation", out->id, NULL,
                              organisation_json(out), err);
fail:
    return app_abort(st, err);
}

int
app_org_update(struct store *st, const struct actor *who, long long id,
               const struct organisation_input *in, struct arena *a, struct organisation *out,
               struct insyn_err *err)
{
    if (app_require(who, PERM_ORG_WRITE, err))
        return err->code;
    if (!in_scope(who, id))
        return err_set(err, INSYN_ENOTFOUND, "Utföraren finns inte.");
    memset(out, 0, sizeof *out);
    if (organisation_validate(in, out, a, 0, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    struct organisation old;
    if (store_org_get(st, id, a, &old, err) || duplicate_orgnr(st, out->org_nr, id, err))
        goto fail;
    char now[21];
    app_timestamp(0, now);
    out->id = id;
    out->created_at = old.created_at;
    out->updated_at = arena_strdup(a, now);
    out->unit_count = old.unit_count;
    out->agreement_count = old.agreement_count;
    if (store_org_update(st, out, err))
        goto fail;
    return app_commit_audited(st, who, "update", "organisation", id, organisation_json(&old),
                              organisation_json(out), err);
fail:
    return app_abort(st, err);
}

int
app_org_get(struct store *st, const struct actor *who, long long id, struct arena *a,
            struct organisation *out, struct insyn_err *err)
{
    if (app_require(who, PERM_ORG_READ, err))
        return err->code;
    if (!in_scope(who, id))
        return err_set(err, INSYN_ENOTFOUND, "Utföraren finns inte.");
    return store_org_get(st, id, a, out, err);
}

int
app_org_list(struct store *st, const struct actor *who, struct org_filter *f, struct arena *a,
             struct organisation **items, int *n, int *total, struct insyn_err *err)
{
    if (app_require(who, PERM_ORG_READ, err))
        return err->code;
    if (who->role == ROLE_PROVIDER_USER)
        f->only_id = who->organisation_id;
    return store_org_list(st, f, a, items, n, total, err);
}

/* ---- units ---- */

static int
unit_check_org(struct store *st, const struct actor *who, long long org_id, struct arena *a,
               struct insyn_err *err)
{
    struct organisation o;
    struct insyn_err ignore = {0};
    if (!in_scope(who, org_id) || store_org_get(st, org_id, a, &o, &ignore) != 0) {
        err_field(err, 0, "organisation_id", "Utföraren finns inte.");
        return INSYN_EINVAL;
    }
    return 0;
}

int
app_unit_create(struct store *st, const struct actor *who, const struct unit_input *in,
                struct arena *a, struct unit *out, struct insyn_err *err)
{
    if (app_require(who, PERM_ORG_WRITE, err))
        return err->code;
    memset(out, 0, sizeof *out);
    if (unit_validate(in, out, a, 0, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    if (unit_check_org(st, who, out->organisation_id, a, err))
        goto fail;
    char now[21];
    app_timestamp(0, now);
    out->created_at = out->updated_at = arena_strdup(a, now);
    if (store_unit_insert(st, out, err) || store_unit_get(st, out->id, a, out, err))
        goto fail;
    return app_commit_audited(st, who, "create", "unit", out->id, NULL, unit_json(out), err);
fail:
    return app_abort(st, err);
}

int
app_unit_update(struct store *st, const struct actor *who, long long id,
                const struct unit_input *in, struct arena *a, struct unit *out,
                struct insyn_err *err)
{
    if (app_require(who, PERM_ORG_WRITE, err))
        return err->code;
    memset(out, 0, sizeof *out);
    if (unit_validate(in, out, a, 0, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    struct unit old;
    if (store_unit_get(st, id, a, &old, err))
        goto fail;
    if (!in_scope(who, old.organisation_id)) {
        err_set(err, INSYN_ENOTFOUND, "Enheten finns inte.");
        goto fail;
    }
    if (unit_check_org(st, who, out->organisation_id, a, err))
        goto fail;
    char now[21];
    app_timestamp(0, now);
    out->id = id;
    out->created_at = old.created_at;
    out->updated_at = arena_strdup(a, now);
    if (store_unit_update(st, out, err) || store_unit_get(st, id, a, out, err))
        goto fail;
    return app_commit_audited(st, who, "update", "unit", id, unit_json(&old), unit_json(out), err);
fail:
    return app_abort(st, err);
}

int
app_unit_get(struct store *st, const struct actor *who, long long id, struct arena *a,
             struct unit *out, struct insyn_err *err)
{
    if (app_require(who, PERM_ORG_READ, err))
        return err->code;
    if (store_unit_get(st, id, a, out, err))
        return err->code;
    if (!in_scope(who, out->organisation_id))
        return err_set(err, INSYN_ENOTFOUND, "Enheten finns inte.");
    return 0;
}

int
app_unit_list(struct store *st, const struct actor *who, struct unit_filter *f, struct arena *a,
              struct unit **items, int *n, int *total, struct insyn_err *err)
{
    if (app_require(who, PERM_ORG_READ, err))
        return err->code;
    if (who->role == ROLE_PROVIDER_USER)
        f->organisation_id = who->organisation_id;
    return store_unit_list(st, f, a, items, n, total, err);
}
