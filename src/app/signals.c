/* signals.c — reporting and reading signals, the coordinators' meeting, the candidate rule and
 * the settings it reads. */
#include "app/signals.h"

#include "core/codes.h"
#include "core/date.h"
#include "core/field.h"
#include "core/text.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* ---- settings ---- */

static const struct {
    const char *key, *label;
    size_t offset; /* in struct settings */
    int dflt, min, max;
} setting_defs[] = {
    {"repeat_count", "Antal signaler", offsetof(struct settings, repeat_count), SIGNAL_REPEAT_COUNT,
     1, 100},
    {"window_months", "Inom antal månader", offsetof(struct settings, window_months),
     SIGNAL_REPEAT_MONTHS, 1, 120},
    {"credit_min_creditsafe", "Lägsta godkända rating hos Creditsafe",
     offsetof(struct settings, credit_min_creditsafe), 40, 0, 100},
    {"credit_min_uc", "Lägsta godkända riskklass hos UC", offsetof(struct settings, credit_min_uc),
     3, 1, 5},
    /* a LOV application's clocks (seed 003) */
    {"supplement_request_days", "Dagar från ansökan till begäran om komplettering",
     offsetof(struct settings, application.supplement_request_days), 14, 1, 365},
    {"supplement_days", "Dagar för sökande att komplettera",
     offsetof(struct settings, application.supplement_days), 14, 1, 365},
    {"processing_days", "Dagar från komplett ansökan till beslut",
     offsetof(struct settings, application.processing_days), 28, 1, 365},
    {"legal_force_days", "Dagar tills beslutet vinner laga kraft",
     offsetof(struct settings, application.legal_force_days), 21, 1, 365},
    {"agreement_meeting_days", "Dagar från beslut till möte inför avtalstecknande",
     offsetof(struct settings, application.agreement_meeting_days), 14, 1, 365},
    {"onboarding_days", "Dagar från avtalstecknande till introduktionsträffarna",
     offsetof(struct settings, application.onboarding_days), 30, 1, 365},
};
#define N_SETTINGS (int)(sizeof setting_defs / sizeof setting_defs[0])

#define F(name)                                                                                    \
    {                                                                                              \
#name, offsetof(struct settings_input, name)                                               \
    }
const struct input_field settings_input_fields[] = {
    F(repeat_count),
    F(window_months),
    F(credit_min_creditsafe),
    F(credit_min_uc),
    F(supplement_request_days),
    F(supplement_days),
    F(processing_days),
    F(legal_force_days),
    F(agreement_meeting_days),
    F(onboarding_days),
    {NULL, 0},
};
#undef F

static int *
setting_slot(struct settings *s, int i)
{
    return (int *)((char *)s + setting_defs[i].offset);
}

int
app_settings_get(struct store *st, struct settings *out)
{
    struct arena a;
    arena_init(&a);
    for (int i = 0; i < N_SETTINGS; i++) {
        char *v;
        long long n;
        int *slot = setting_slot(out, i);
        *slot = setting_defs[i].dflt;
        if (store_setting_get(st, setting_defs[i].key, &a, &v) == 0 &&
            text_parse_uint(v, setting_defs[i].max, &n) == 0 && n >= setting_defs[i].min)
            *slot = (int)n;
    }
    arena_free(&a);
    return 0;
}

int
app_settings_save(struct store *st, const struct actor *who, const struct settings_input *in,
                  struct arena *a, struct settings *out, struct insyn_err *err)
{
    if (app_require(who, PERM_SETTINGS_WRITE, err))
        return err->code;
    struct settings old;
    app_settings_get(st, &old);
    *out = old;
    for (int i = 0; i < N_SETTINGS; i++) {
        const char *v = *input_slot((void *)in, &settings_input_fields[i]);
        if (!v)
            continue;
        long long n;
        if (text_parse_uint(text_trim(a, v), setting_defs[i].max, &n) != 0 ||
            n < setting_defs[i].min)
            err_field(err, 0, setting_defs[i].key, "%s ska vara ett heltal från %d till %d.",
                      setting_defs[i].label, setting_defs[i].min, setting_defs[i].max);
        else
            *setting_slot(out, i) = (int)n;
    }
    if (err->nfields)
        return err->code;
    if (store_begin(st, err))
        return err->code;
    char now[21];
    app_timestamp(0, now);
    for (int i = 0; i < N_SETTINGS; i++)
        if (store_setting_put(st, setting_defs[i].key, arena_printf(a, "%d", *setting_slot(out, i)),
                              now, err))
            return app_abort(st, err);
    return app_commit_audited(st, who, "update", "settings", 0, settings_json(&old),
                              settings_json(out), err);
}

json_t *
settings_json(const struct settings *s)
{
    json_t *j = json_object();
    for (int i = 0; i < N_SETTINGS; i++)
        json_object_set_new(j, setting_defs[i].key,
                            json_integer(*setting_slot((struct settings *)s, i)));
    return j;
}

/* ---- signals ---- */

/* A provider user sees only its own organisation's signals, once reviewed. */
static int
visible(const struct actor *who, const struct signal *s)
{
    if (who->role != ROLE_PROVIDER_USER)
        return 1;
    return s->organisation_id == who->organisation_id && strcmp(s->status, "reviewed") == 0;
}

int
app_may_see_reporter(const struct actor *who, const struct signal *s)
{
    return role_may(who->role, PERM_REPORTER_READ) ||
           (who->user_id && s->reported_by == who->user_id);
}

/* Resolves the organisation (by org_nr or id) and checks that the unit and the agreement
 * belong to it; field errors name what is wrong. */
static int
signal_resolve(struct store *st, struct signal *s, struct arena *a, struct insyn_err *err)
{
    struct organisation o;
    struct insyn_err ignore = {.arena = a};
    if (s->org_nr) {
        if (store_org_id_by_orgnr(st, s->org_nr, &s->organisation_id) != 0) {
            err_field(err, 0, "org_nr", "Det finns ingen utförare med organisationsnummer %s.",
                      s->org_nr);
            return INSYN_EINVAL;
        }
    } else if (store_org_get(st, s->organisation_id, a, &o, &ignore) != 0) {
        err_field(err, 0, "organisation_id", "Utföraren finns inte.");
        return INSYN_EINVAL;
    }
    if (s->unit_id) {
        struct unit u;
        if (store_unit_get(st, s->unit_id, a, &u, &ignore) != 0 ||
            u.organisation_id != s->organisation_id)
            err_field(err, 0, "unit_id", "Enheten finns inte hos den utföraren.");
    }
    if (s->agreement_id) {
        struct agreement g;
        if (store_agreement_get(st, s->agreement_id, a, &g, &ignore) != 0 ||
            g.organisation_id != s->organisation_id)
            err_field(err, 0, "agreement_id", "Avtalet finns inte med den utföraren.");
    }
    return err->nfields ? INSYN_EINVAL : 0;
}

int
app_signal_add_in(struct store *st, const struct actor *who, struct signal *sg,
                  struct insyn_err *err)
{
    char now[21];
    app_timestamp(0, now);
    struct arena a;
    arena_init(&a);
    sg->created_at = arena_strdup(&a, now);
    sg->reported_by = who->user_id;
    if (!sg->reported_by_name || !*sg->reported_by_name)
        sg->reported_by_name = (char *)(who->user_id && who->name ? who->name : "insyn");
    int rc = store_signal_insert(st, sg, err);
    if (rc == 0)
        rc = app_audit_take(st, who, "create", "signal", sg->id, NULL, signal_json(sg, 1), err);
    sg->created_at = NULL; /* the arena goes */
    arena_free(&a);
    return rc;
}

int
app_signal_report(struct store *st, const struct actor *who, const struct signal_input *in,
                  struct arena *a, struct signal *out, struct insyn_err *err)
{
    if (app_require(who, PERM_SIGNAL_REPORT, err))
        return err->code;
    if (signal_validate(in, app_today(), out, a, 0, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    if (signal_resolve(st, out, a, err) || app_signal_add_in(st, who, out, err) ||
        store_signal_get(st, out->id, a, out, err))
        return app_abort(st, err);
    return store_commit(st, err) ? app_abort(st, err) : 0;
}

int
app_signal_get(struct store *st, const struct actor *who, long long id, struct arena *a,
               struct signal *out, struct insyn_err *err)
{
    if (app_require(who, PERM_SIGNAL_READ, err))
        return err->code;
    if (store_signal_get(st, id, a, out, err))
        return err->code;
    if (!visible(who, out))
        return err_set(err, INSYN_ENOTFOUND, "Signalen finns inte.");
    return 0;
}

int
app_signal_list(struct store *st, const struct actor *who, struct signal_filter *f, struct arena *a,
                struct signal **items, int *n, int *total, struct insyn_err *err)
{
    if (app_require(who, PERM_SIGNAL_READ, err))
        return err->code;
    if (who->role == ROLE_PROVIDER_USER) {
        f->organisation_id = who->organisation_id;
        f->status = "reviewed";
    }
    return store_signal_list(st, f, a, items, n, total, err);
}

json_t *
signal_json(const struct signal *s, int show_reporter)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(s->id));
    json_object_set_new(j, "organisation_id", json_integer(s->organisation_id));
    json_object_set_new(j, "organisation",
                        json_string(s->organisation_name ? s->organisation_name : ""));
    json_object_set_new(j, "org_nr", json_string(s->org_nr ? s->org_nr : ""));
    json_object_set_new(j, "unit_id", id_json(s->unit_id));
    json_object_set_new(j, "unit", json_string(s->unit_name ? s->unit_name : ""));
    json_object_set_new(j, "agreement_id", id_json(s->agreement_id));
    json_object_set_new(j, "case_ref", json_string(s->case_ref ? s->case_ref : ""));
    json_object_set_new(j, "date", date_json(s->occurred_on));
    json_object_set_new(j, "source", json_string(s->source));
    json_object_set_new(j, "source_label",
                        json_string(code_label_or_empty(signal_sources, s->source)));
    json_object_set_new(j, "category", json_string(s->category));
    json_object_set_new(j, "category_label",
                        json_string(code_label_or_empty(signal_categories, s->category)));
    json_object_set_new(j, "serious", json_boolean(s->serious));
    json_object_set_new(j, "description", json_string(s->description));
    json_object_set_new(j, "status", json_string(s->status ? s->status : "new"));
    json_object_set_new(
        j, "status_label",
        json_string(code_label_or_empty(signal_statuses, s->status ? s->status : "new")));
    const char *outcome = s->outcome ? s->outcome : "";
    json_object_set_new(j, "outcome", *outcome ? json_string(outcome) : json_null());
    json_object_set_new(j, "outcome_label",
                        json_string(code_label_or_empty(signal_outcomes, outcome)));
    json_object_set_new(j, "outcome_comment",
                        json_string(s->outcome_comment ? s->outcome_comment : ""));
    json_object_set_new(j, "meeting_id", id_json(s->meeting_id));
    json_object_set_new(j, "meeting_held_on",
                        date_json(s->meeting_id ? s->meeting_held_on : DATE_NONE));
    json_object_set_new(j, "automatic", json_boolean(s->check_id != 0));
    json_object_set_new(j, "check_id", id_json(s->check_id));
    if (show_reporter)
        json_object_set_new(j, "reported_by",
                            json_string(s->reported_by_name ? s->reported_by_name : ""));
    json_object_set_new(j, "created_at", json_string(s->created_at ? s->created_at : ""));
    return j;
}

/* ---- the coordinators' meeting ---- */

int
app_meeting_record(struct store *st, const struct actor *who, const struct meeting_input *in,
                   struct arena *a, struct coordinator_meeting *out, struct insyn_err *err)
{
    if (app_require(who, PERM_SIGNAL_REVIEW, err))
        return err->code;
    memset(out, 0, sizeof *out);
    out->held_on = field_date(a, in->held_on, "held_on", "Mötesdatum", 1, 0, err);
    if (out->held_on != DATE_NONE && out->held_on > app_today())
        err_field(err, 0, "held_on", "Mötesdatum kan inte ligga efter dagens datum.");
    out->attendees = field_text(a, in->attendees, "attendees", "Deltagare", 2000, 1, 0, err);
    out->notes = field_text(a, in->notes, "notes", "Anteckningar", 8000, 0, 0, err);
    for (int i = 0; i < in->n_reviews; i++) {
        signal_review_validate(&in->reviews[i], a, err);
        for (int k = 0; k < i; k++)
            if (in->reviews[k].signal_id == in->reviews[i].signal_id)
                err_field(err, 0, arena_printf(a, "outcome_%lld", in->reviews[i].signal_id),
                          "Signal %lld finns med två gånger.", in->reviews[i].signal_id);
    }
    if (err->nfields)
        return err->code;
    if (store_begin(st, err))
        return err->code;
    char now[21];
    app_timestamp(0, now);
    out->created_by = who->user_id;
    out->created_by_name = (char *)(who->name ? who->name : "insyn");
    out->created_at = arena_strdup(a, now);
    if (store_meeting_insert(st, out, err))
        return app_abort(st, err);
    json_t *reviewed = json_array();
    for (int i = 0; i < in->n_reviews; i++) {
        const struct signal_review *r = &in->reviews[i];
        struct signal before, after;
        if (store_signal_get(st, r->signal_id, a, &before, err) ||
            store_signal_review(st, r->signal_id, out->id, r->outcome, r->comment, now, err) ||
            store_signal_get(st, r->signal_id, a, &after, err) ||
            app_audit_take(st, who, "review", "signal", r->signal_id, signal_json(&before, 1),
                           signal_json(&after, 1), err)) {
            json_decref(reviewed);
            return app_abort(st, err);
        }
        json_array_append_new(reviewed,
                              json_pack("{s:I, s:s, s:s}", "signal_id", (json_int_t)r->signal_id,
                                        "outcome", r->outcome, "comment", r->comment));
    }
    out->n_signals = in->n_reviews;
    json_t *after = meeting_json(out);
    json_object_set_new(after, "signals", reviewed);
    return app_commit_audited(st, who, "create", "coordinator_meeting", out->id, NULL, after, err);
}

int
app_meeting_get(struct store *st, const struct actor *who, long long id, struct arena *a,
                struct coordinator_meeting *out, struct signal **signals, int *n,
                struct insyn_err *err)
{
    if (app_require(who, PERM_SIGNAL_REVIEW, err))
        return err->code;
    /* a meeting and its outcomes never change once recorded: two reads agree */
    int total;
    struct signal_filter f = {
        .meeting_id = id, .from = DATE_NONE, .to = DATE_NONE, .oldest_first = 1, .per_page = 10000};
    if (store_meeting_get(st, id, a, out, err))
        return err->code;
    return store_signal_list(st, &f, a, signals, n, &total, err);
}

int
app_meeting_list(struct store *st, const struct actor *who, int max, struct arena *a,
                 struct coordinator_meeting **items, int *n, struct insyn_err *err)
{
    if (app_require(who, PERM_SIGNAL_REVIEW, err))
        return err->code;
    return store_meeting_list(st, max, a, items, n, err);
}

json_t *
meeting_json(const struct coordinator_meeting *m)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(m->id));
    json_object_set_new(j, "held_on", date_json(m->held_on));
    json_object_set_new(j, "attendees", json_string(m->attendees ? m->attendees : ""));
    json_object_set_new(j, "notes", json_string(m->notes ? m->notes : ""));
    json_object_set_new(j, "recorded_by",
                        json_string(m->created_by_name ? m->created_by_name : ""));
    json_object_set_new(j, "signal_count", json_integer(m->n_signals));
    return j;
}

/* ---- candidates ---- */

int
app_candidates(struct store *st, const struct actor *who, int today, long long organisation_id,
               struct arena *a, struct candidate **out, int *n, struct insyn_err *err)
{
    *out = NULL;
    *n = 0;
    if (app_require(who, PERM_RISK_READ, err))
        return err->code;
    struct settings cfg;
    app_settings_get(st, &cfg);
    struct candidate_rule rule = {cfg.repeat_count, cfg.window_months};
    struct signal_fact_row *rows;
    int nrows;
    if (store_signal_facts(st, organisation_id, date_add_months(today, -rule.window_months), today,
                           rule.repeat_count, a, &rows, &nrows, err))
        return err->code;
    struct signal_fact *facts = arena_alloc(a, sizeof *facts * (size_t)(nrows + 1));
    int *counts = arena_alloc(a, sizeof *counts * (size_t)(nrows + 1));
    int cap = 8;
    *out = arena_alloc(a, sizeof **out * (size_t)cap);
    for (int i = 0; i < nrows;) {
        int end = i;
        while (end < nrows && rows[end].organisation_id == rows[i].organisation_id)
            end++;
        for (int k = i; k < end; k++)
            facts[k - i] = rows[k].fact;
        int serious;
        if (signal_candidate(facts, end - i, today, &rule, counts, &serious)) {
            *out = arena_grow(a, *out, *n, &cap, sizeof **out);
            struct candidate *c = &(*out)[(*n)++];
            c->organisation_id = rows[i].organisation_id;
            c->name = rows[i].organisation_name;
            c->org_nr = rows[i].org_nr;
            c->serious = serious;
            c->under_investigation = rows[i].under_investigation;
            c->has_agreement = rows[i].has_agreement;
            c->signals = arena_alloc(a, sizeof *c->signals * (size_t)(end - i));
            for (int k = i; k < end; k++)
                if (counts[k - i])
                    c->signals[c->n_signals++] = rows[k];
        }
        i = end;
    }
    return 0;
}

json_t *
candidate_json(const struct candidate *c)
{
    json_t *signals = json_array();
    for (int i = 0; i < c->n_signals && i < CANDIDATE_SIGNALS_SHOWN; i++) {
        const struct signal_fact_row *r = &c->signals[i];
        json_array_append_new(signals,
                              json_pack("{s:I, s:o, s:s, s:s, s:b}", "id", (json_int_t)r->fact.id,
                                        "date", date_json(r->fact.occurred_on), "category",
                                        r->category, "category_label",
                                        code_label_or_empty(signal_categories, r->category),
                                        "serious", r->fact.serious));
    }
    return json_pack("{s:I, s:s, s:s, s:b, s:b, s:b, s:i, s:b, s:o}", "organisation_id",
                     (json_int_t)c->organisation_id, "name", c->name, "org_nr", c->org_nr,
                     "serious", c->serious, "under_investigation", c->under_investigation,
                     "has_agreement", c->has_agreement, "signal_count", c->n_signals,
                     "more_signals", c->n_signals > CANDIDATE_SIGNALS_SHOWN, "signals", signals);
}
