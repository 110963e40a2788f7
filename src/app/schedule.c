/* schedule.c — follow-up tasks generated from the routines that apply to an agreement.
 *
 * A routine applies to agreements by form and service area. Its provider-level activities
 * with a schedule become follow-up tasks over the agreement's whole life (start to end).
 * When the agreement changes, its planned tasks are regenerated; done tasks stay as they
 * are. System-level and individual-level activities are not tasks of one agreement: a
 * system-level activity is a task of each of the routine's service areas, and a joint one
 * (seed 003's "Genomföra utförarträffar", one meeting with every provider of the area) a
 * single task of the routine. */
#include "app/app.h"

#include "core/date.h"
#include "core/routine.h"
#include "core/schedule.h"

#include <string.h>

#define SYSTEM_HORIZON_MONTHS 24

int
app_schedule_agreement(struct store *st, const struct agreement *g, struct insyn_err *err)
{
    if (store_followups_clear_planned(st, g->id, err))
        return err->code;
    if (strcmp(g->status, "draft") == 0 || g->start == DATE_NONE || g->end == DATE_NONE)
        return 0;
    struct arena a;
    arena_init(&a);
    struct routine_activity_row *acts;
    int n, rc = store_activities_for(st, g->form, g->service_area, &a, &acts, &n, err);
    char now[21];
    app_timestamp(0, now);
    for (int i = 0; rc == 0 && i < n; i++) {
        struct freq_rule rule;
        if (strcmp(acts[i].level, "provider") != 0 ||
            freq_parse(acts[i].frequency, &rule, "frequency", NULL))
            continue;
        /* "soon after approval/signing" counts from that date (seed 003), or from the start
         * with a note saying which date the agreement lacks */
        int from = g->start;
        const char *note = "";
        if (rule.kind == FREQ_AFTER_EVENT) {
            const char *missing;
            from = freq_event_date(&rule, g->approved_on, g->signed_on, g->start, &missing);
            if (missing)
                note = arena_printf(&a,
                                    "Avtalet saknar datum för %s; förfallodagen är räknad från "
                                    "avtalets startdatum.",
                                    missing);
        }
        struct occurrence *occ;
        int k = freq_occurrences(&rule, from, g->end, &a, &occ);
        for (int j = 0; rc == 0 && j < k; j++)
            rc = store_followup_add(st, g->id, g->service_area, acts[i].id, occ[j].due,
                                    occ[j].may_be_written, note, now, err);
    }
    arena_free(&a);
    return rc;
}

int
app_schedule_system_in(struct store *st, int today, struct insyn_err *err)
{
    struct arena a;
    arena_init(&a);
    struct routine_row *routines;
    int nr = 0, rc = store_followups_clear_planned(st, 0, err);
    if (rc == 0)
        rc = store_routine_list(st, &a, &routines, &nr, err);
    char now[21];
    app_timestamp(0, now);
    int until = date_add_months(today, SYSTEM_HORIZON_MONTHS);
    for (int i = 0; rc == 0 && i < nr; i++) {
        struct routine_row r;
        struct routine_activity_row *acts;
        int n;
        if ((rc = store_routine_get(st, routines[i].id, &a, &r, &acts, &n, err)))
            break;
        for (int j = 0; rc == 0 && j < n; j++) {
            struct freq_rule rule;
            int joint = strcmp(acts[j].level, "joint") == 0;
            if ((!joint && strcmp(acts[j].level, "system") != 0) ||
                freq_parse(acts[j].frequency, &rule, "f", NULL))
                continue;
            struct occurrence *occ;
            int k = freq_occurrences(&rule, r.start, until, &a, &occ);
            char *areas = arena_strdup(&a, r.service_areas);
            for (char *save = NULL, *area = strtok_r(areas, " ", &save); rc == 0 && area;
                 area = joint ? NULL : strtok_r(NULL, " ", &save)) /* joint: the first area */
                for (int m = 0; rc == 0 && m < k; m++)
                    rc = store_followup_add(st, 0, area, acts[j].id, occ[m].due,
                                            occ[m].may_be_written, "", now, err);
        }
    }
    arena_free(&a);
    return rc;
}

int
app_schedule_system(struct store *st, int today, struct insyn_err *err)
{
    int rc = store_begin(st, err);
    if (rc == 0)
        rc = app_schedule_system_in(st, today, err);
    if (rc == 0)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    return rc;
}

int
app_schedule_list(struct store *st, const struct actor *who, struct followup_filter *f, int max,
                  struct arena *a, struct followup_row **items, int *n, struct insyn_err *err)
{
    if (app_require(who, PERM_AGREEMENT_READ, err))
        return err->code;
    if (who->role == ROLE_PROVIDER_USER)
        f->organisation_id = who->organisation_id;
    return store_followup_list(st, f, max, a, items, n, err);
}

const char *
followup_status(const struct followup_row *t, int today, const char **label)
{
    const char *status = strcmp(t->status, "planned") == 0 && today != DATE_NONE && t->due < today
                             ? "overdue"
                             : t->status;
    *label = strcmp(status, "overdue") == 0 ? "försenad"
             : strcmp(status, "done") == 0  ? "klar"
                                            : "planerad";
    return status;
}

json_t *
followup_json(const struct followup_row *t, int today)
{
    char due[11];
    date_format(t->due, due);
    const char *status_label;
    const char *status = followup_status(t, today, &status_label);
    json_t *j = json_pack(
        "{s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:s, s:s, s:s}", "id",
        (json_int_t)t->id, "agreement", t->case_ref, "agreement_id", (json_int_t)t->agreement_id,
        "agreement_title", t->agreement_title, "organisation", t->organisation_name, "routine",
        t->routine_name, "activity", t->activity, "level", t->level, "responsible_role",
        t->responsible_role, "responsible_role_label", role_label(role_parse(t->responsible_role)),
        "due", due, "may_be_written", t->may_be_written, "status", status, "status_label",
        status_label, "service_area", t->service_area);
    if (j) {
        const char *level = code_label(activity_levels, t->level);
        json_object_set_new(j, "level_label", json_string(level ? level : t->level));
        json_object_set_new(j, "note", json_string(t->note ? t->note : ""));
    }
    return j;
}
