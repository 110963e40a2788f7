/* routines.c — follow-up routines (responsibility matrices) and their activities.
 * Changing an activity regenerates the planned follow-ups of every agreement the routine
 * applies to, in the same transaction; done follow-ups are kept. */
#include "app/app.h"

#include "core/routine.h"
#include "core/schedule.h"

#include <stdlib.h>
#include <string.h>

int
app_routine_list(struct store *st, const struct actor *who, struct arena *a,
                 struct routine_row **items, int *n, struct insyn_err *err)
{
    if (app_require(who, PERM_DASHBOARD, err))
        return err->code;
    return store_routine_list(st, a, items, n, err);
}

int
app_routine_get(struct store *st, const struct actor *who, long long id, struct arena *a,
                struct routine_row *out, struct routine_activity_row **acts, int *nacts,
                struct insyn_err *err)
{
    if (app_require(who, PERM_DASHBOARD, err))
        return err->code;
    return store_routine_get(st, id, a, out, acts, nacts, err);
}

json_t *
activity_json(const struct routine_activity_row *x)
{
    struct freq_rule rule;
    char words[128] = "";
    if (freq_parse(x->frequency, &rule, "frequency", NULL) == 0)
        freq_describe(&rule, words, sizeof words);
    json_t *co = json_array();
    char *copy = strdup(x->co_roles ? x->co_roles : "");
    for (char *save = NULL, *tok = copy ? strtok_r(copy, " ", &save) : NULL; tok;
         tok = strtok_r(NULL, " ", &save))
        json_array_append_new(
            co, json_pack("{s:s, s:s}", "code", tok, "label", role_label(role_parse(tok))));
    free(copy);
    return json_pack(
        "{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:s}", "id", (json_int_t)x->id,
        "routine_id", (json_int_t)x->routine_id, "name", x->name, "level", x->level, "level_label",
        code_label(activity_levels, x->level) ? code_label(activity_levels, x->level) : x->level,
        "responsible_role", x->responsible_role, "responsible_role_label",
        role_label(role_parse(x->responsible_role)), "co_roles", co, "co_roles_text", x->co_roles,
        "frequency", x->frequency, "frequency_text", words, "comment", x->comment);
}

/* Regenerates the schedule of every agreement in ids. */
static int
schedule_agreements(struct store *st, const long long *ids, int n, struct insyn_err *err)
{
    int rc = 0;
    for (int i = 0; rc == 0 && i < n; i++) {
        struct arena per;
        arena_init(&per);
        struct agreement g;
        rc = store_agreement_get(st, ids[i], &per, &g, err);
        if (rc == 0)
            rc = app_schedule_agreement(st, &g, err);
        arena_free(&per);
    }
    return rc;
}

int
app_activity_save(struct store *st, const struct actor *who, long long routine_id,
                  long long activity_id, const struct activity_input *in, struct arena *a,
                  struct routine_activity_row *out, struct insyn_err *err)
{
    if (app_require(who, PERM_ROUTINE_WRITE, err))
        return err->code;
    struct activity v;
    if (activity_validate(in, &v, a, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    struct routine_activity_row old = {0};
    if (activity_id) {
        if (store_activity_get(st, activity_id, a, &old, err))
            goto fail;
        routine_id = old.routine_id;
    }
    *out = (struct routine_activity_row){
        .id = activity_id,
        .routine_id = routine_id,
        .name = v.name,
        .level = v.level,
        .responsible_role = v.responsible_role,
        .co_roles = v.co_roles,
        .frequency = v.frequency,
        .comment = v.comment,
    };
    struct routine_row routine;
    struct routine_activity_row *acts;
    int nacts;
    if (store_routine_get(st, routine_id, a, &routine, &acts, &nacts, err) ||
        store_activity_save(st, out, err))
        goto fail;
    out->routine_name = routine.name;
    /* the routine's agreements get their schedules again */
    long long *ids;
    int n;
    if (store_routine_agreement_ids(st, routine_id, a, &ids, &n, err) ||
        schedule_agreements(st, ids, n, err) || app_schedule_system_in(st, app_today(), err))
        goto fail;
    return app_commit_audited(st, who, activity_id ? "update" : "create", "routine_activity",
                              out->id, activity_id ? activity_json(&old) : NULL, activity_json(out),
                              err);
fail:
    return app_abort(st, err);
}

static json_t *
routine_audit_json(const struct routine_row *r, long long copy_from)
{
    json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)r->id, "name",
                          r->name, "forms", r->forms, "service_areas", r->service_areas,
                          "main_role", r->main_role, "substitute_role", r->substitute_role);
    if (j && copy_from)
        json_object_set_new(j, "copied_from", json_integer(copy_from));
    return j;
}

int
app_routine_save(struct store *st, const struct actor *who, long long routine_id,
                 long long copy_from, const struct routine_input *in, struct arena *a,
                 struct routine_row *out, struct insyn_err *err)
{
    if (app_require(who, PERM_ROUTINE_WRITE, err))
        return err->code;
    struct routine v;
    if (routine_validate(in, &v, a, err))
        return err->code;
    if (routine_id)
        copy_from = 0;
    if (store_begin(st, err))
        return err->code;
    struct routine_row old = {0};
    struct routine_activity_row *acts;
    int nacts;
    long long *before = NULL, *after;
    int nbefore = 0, nafter;
    if (routine_id && (store_routine_get(st, routine_id, a, &old, &acts, &nacts, err) ||
                       store_routine_agreement_ids(st, routine_id, a, &before, &nbefore, err)))
        goto fail;
    if (copy_from) {
        struct routine_row source;
        if (store_routine_get(st, copy_from, a, &source, &acts, &nacts, err))
            goto fail;
    }
    *out = (struct routine_row){
        .id = routine_id,
        .name = v.name,
        .forms = v.forms,
        .service_areas = v.service_areas,
        .main_role = v.main_role,
        .substitute_role = v.substitute_role,
        .builtin = old.builtin,
        .start = old.start,
    };
    char now[21];
    app_timestamp(0, now);
    int rc = store_routine_save(st, out, now, err);
    if (rc == INSYN_ECONFLICT) {
        err_clear(err);
        err_field(err, 0, "name", "Det finns redan en rutin med det namnet.");
        goto fail;
    }
    if (rc || (copy_from && store_routine_copy_activities(st, copy_from, out->id, err)))
        goto fail;
    if (!routine_id)
        out->start = app_today();
    /* every agreement the routine applied to before or applies to now gets its schedule again;
     * one that no routine applies to any more keeps only its done follow-ups */
    if (store_routine_agreement_ids(st, out->id, a, &after, &nafter, err) ||
        schedule_agreements(st, after, nafter, err))
        goto fail;
    long long *gone = arena_alloc(a, sizeof *gone * (size_t)(nbefore + 1));
    int ngone = 0;
    for (int i = 0, j = 0; i < nbefore; i++) {
        while (j < nafter && after[j] < before[i])
            j++;
        if (j == nafter || after[j] != before[i])
            gone[ngone++] = before[i];
    }
    if (schedule_agreements(st, gone, ngone, err))
        goto fail;
    /* system-level tasks follow the routine's service areas */
    if (app_schedule_system_in(st, app_today(), err))
        goto fail;
    return app_commit_audited(st, who, routine_id ? "update" : "create", "routine", out->id,
                              routine_id ? routine_audit_json(&old, 0) : NULL,
                              routine_audit_json(out, copy_from), err);
fail:
    return app_abort(st, err);
}
