/* record.c — rules for follow-up records: what must be documented, the checklist against
 * the agreement's items, agreed actions, the review of the activity's open actions, and what
 * a record must say before it is signed (seed 003 "Dokumentation", seed 002). */
#include "core/record.h"

#include "core/date.h"
#include "core/field.h"
#include "core/pnr.h"
#include "core/text.h"

#include <stdio.h>
#include <string.h>

const struct code_label record_places[] = {
    {"on_site", "Besök på plats"},
    {"digital", "Digitalt möte"},
    {"phone", "Telefonmöte"},
    {"written", "Skriftlig uppföljning"},
    {NULL, NULL},
};

const struct code_label check_outcomes[] = {
    {"fulfilled", "Uppfyllt"},
    {"partly", "Delvis uppfyllt"},
    {"not_fulfilled", "Inte uppfyllt"},
    {"not_checked", "Inte kontrollerat"},
    {NULL, NULL},
};

const struct code_label review_outcomes[] = {
    {"fixed", "Åtgärdat"},
    {"partly", "Delvis åtgärdat"},
    {"not_fixed", "Inte åtgärdat"},
    {"not_checked", "Inte kontrollerat"},
    {NULL, NULL},
};

const struct code_label record_types[] = {
    {"continuous", "Löpande uppföljning"},
    {"event_driven", "Händelsestyrd uppföljning"},
    {"planned_overview", "Särskild uppföljning, översiktlig"},
    {"planned_in_depth", "Särskild uppföljning, fördjupad"},
    {NULL, NULL},
};

const struct code_label record_statuses[] = {
    {"draft", "Utkast"},
    {"signed", "Signerat"},
    {NULL, NULL},
};

const char *
record_type_default(const char *frequency)
{
    return frequency && strcmp(frequency, "as_needed") == 0 ? "event_driven" : "continuous";
}

int
review_closes_action(const char *outcome)
{
    return outcome && strcmp(outcome, "fixed") == 0;
}

int
check_is_improvement(const char *outcome)
{
    return outcome && (strcmp(outcome, "partly") == 0 || strcmp(outcome, "not_fulfilled") == 0);
}

/* People, one a line: each at most 200 bytes, no personnummer. */
static int
people(struct arena *a, const char *in, const char *field, const char *label, char ***out,
       struct insyn_err *err)
{
    int n = text_split_lines(a, in, out);
    if (n > RECORD_MAX_ATTENDEES)
        err_field(err, 0, field, "%s får innehålla högst %d namn.", label, RECORD_MAX_ATTENDEES);
    for (int i = 0; i < n; i++) {
        if (!text_is_clean_utf8((*out)[i]))
            err_field(err, 0, field, "%s, rad %d, innehåller otillåtna tecken.", label, i + 1);
        else if (strlen((*out)[i]) > 200)
            err_field(err, 0, field, "%s, rad %d, får vara högst 200 tecken.", label, i + 1);
        else if (text_contains_personnummer((*out)[i]))
            err_field(
                err, 0, field,
                "%s, rad %d, innehåller något som ser ut som ett personnummer. Personnummer får "
                "inte registreras.",
                label, i + 1);
    }
    return n;
}

static long long
parse_id(const char *s)
{
    long long v;
    return s && text_parse_uint(s, 1LL << 53, &v) == 0 ? v : 0;
}

static void
validate_checks(const struct record_input *in, const struct record_context *ctx, struct record *out,
                struct arena *a, struct insyn_err *err)
{
    out->n_checks = ctx->n_items;
    out->checks = arena_alloc(a, sizeof *out->checks * (size_t)(ctx->n_items + 1));
    for (int i = 0; i < ctx->n_items; i++) {
        out->checks[i] = (struct record_check){
            .item_id = ctx->items[i].id,
            .kind = arena_strdup(a, ctx->items[i].kind),
            .text = arena_strdup(a, ctx->items[i].text),
            .outcome = "not_checked",
            .comment = "",
        };
    }
    char *given = arena_alloc(a, (size_t)ctx->n_items + 1);
    for (int k = 0; k < in->n_checks; k++) {
        const struct record_check_input *c = &in->checks[k];
        long long id = parse_id(c->item_id);
        int at = -1;
        for (int i = 0; id && i < ctx->n_items && at < 0; i++)
            if (ctx->items[i].id == id)
                at = i;
        if (at < 0) {
            err_field(err, 0, "checklist",
                      "Checklistan innehåller en punkt (%s) som inte finns i avtalet.",
                      c->item_id ? c->item_id : "utan id");
            continue;
        }
        if (given[at]++) {
            err_field(err, 0, "checklist", "Punkten ”%s” finns två gånger i checklistan.",
                      ctx->items[at].text);
            continue;
        }
        char fo[48], fc[48];
        snprintf(fo, sizeof fo, "checklist.%lld.outcome", id);
        snprintf(fc, sizeof fc, "checklist.%lld.comment", id);
        char *outcome = field_code(a, check_outcomes, c->outcome, fo, "Bedömningen", 0, 0, err);
        if (*outcome && code_valid(check_outcomes, outcome))
            out->checks[at].outcome = outcome;
        out->checks[at].comment = field_text(a, c->comment, fc, "Kommentaren", 2000, 0, 0, err);
        if (check_is_improvement(out->checks[at].outcome) && !*out->checks[at].comment &&
            !err_for_field(err, fc))
            err_field(err, 0, fc, "Kommentaren måste anges när ”%s” är %s.", ctx->items[at].text,
                      strcmp(out->checks[at].outcome, "partly") == 0 ? "delvis uppfyllt"
                                                                     : "inte uppfyllt");
    }
}

static void
validate_actions(const struct record_input *in, struct record *out, struct arena *a,
                 struct insyn_err *err)
{
    if (in->n_actions > RECORD_MAX_ACTIONS)
        err_field(err, 0, "actions", "Högst %d åtgärder kan registreras.", RECORD_MAX_ACTIONS);
    int n = in->n_actions > RECORD_MAX_ACTIONS ? RECORD_MAX_ACTIONS : in->n_actions;
    out->actions = arena_alloc(a, sizeof *out->actions * (size_t)(n + 1));
    out->n_actions = n;
    for (int i = 0; i < n; i++) {
        const struct record_action_input *x = &in->actions[i];
        struct record_action *y = &out->actions[i];
        char ft[48], fd[48], fr[48];
        snprintf(ft, sizeof ft, "actions.%d.text", i + 1);
        snprintf(fd, sizeof fd, "actions.%d.deadline", i + 1);
        snprintf(fr, sizeof fr, "actions.%d.responsible", i + 1);
        char *label = arena_printf(a, "Åtgärd %d", i + 1);
        y->text = field_text(a, x->text, ft, label, 1000, 1, 0, err);
        y->deadline = field_date(a, x->deadline, fd,
                                 arena_printf(a, "Tidsgränsen för åtgärd %d", i + 1), 1, 0, err);
        y->responsible =
            field_text(a, x->responsible, fr, arena_printf(a, "Ansvarig för åtgärd %d", i + 1), 200,
                       1, 0, err);
        if (y->deadline != DATE_NONE && out->held_on != DATE_NONE && y->deadline < out->held_on)
            err_field(err, 0, fd,
                      "Tidsgränsen för åtgärd %d kan inte ligga före uppföljningsdagen.", i + 1);
    }
}

static void
validate_reviews(const struct record_input *in, const struct record_context *ctx,
                 struct record *out, struct arena *a, struct insyn_err *err)
{
    out->reviews = arena_alloc(a, sizeof *out->reviews * (size_t)(ctx->n_prev_actions + 1));
    for (int i = 0; i < ctx->n_prev_actions; i++)
        out->reviews[i] = (struct record_review){
            .action_id = ctx->prev_action_ids[i], .outcome = "not_checked", .comment = ""};
    out->n_reviews = ctx->n_prev_actions;
    for (int k = 0; k < in->n_reviews; k++) {
        const struct record_review_input *r = &in->reviews[k];
        long long id = parse_id(r->action_id);
        int at = -1;
        for (int i = 0; id && i < ctx->n_prev_actions && at < 0; i++)
            if (ctx->prev_action_ids[i] == id)
                at = i;
        if (at < 0) {
            err_field(err, 0, "reviews",
                      "Åtgärden %s är inte en öppen åtgärd från en föregående uppföljning av "
                      "samma aktivitet.",
                      r->action_id ? r->action_id : "utan id");
            continue;
        }
        char fo[48], fc[48];
        snprintf(fo, sizeof fo, "reviews.%lld.outcome", id);
        snprintf(fc, sizeof fc, "reviews.%lld.comment", id);
        char *outcome =
            field_code(a, review_outcomes, r->outcome, fo, "Bedömningen av åtgärden", 0, 0, err);
        if (*outcome && code_valid(review_outcomes, outcome))
            out->reviews[at].outcome = outcome;
        out->reviews[at].comment = field_text(a, r->comment, fc, "Kommentaren", 2000, 0, 0, err);
    }
}

/* The attending providers of a joint follow-up: ids, each one of the routine's providers. */
static void
attending(const char *in, const struct record_context *ctx, struct record *out, struct arena *a,
          struct insyn_err *err)
{
    char **ids;
    int n = text_split_lines(a, in, &ids);
    out->organisations = arena_alloc(a, sizeof *out->organisations * (size_t)(n + 1));
    out->n_organisations = 0;
    if (n && !ctx->joint) {
        err_field(err, 0, "organisations",
                  "Närvarande utförare anges bara för en gemensam träff med alla utförare.");
        return;
    }
    for (int i = 0; i < n; i++) {
        long long id;
        const struct record_provider *p = NULL;
        if (text_parse_uint(ids[i], 1LL << 53, &id) == 0)
            for (int k = 0; k < ctx->n_providers && !p; k++)
                p = ctx->providers[k].id == id ? &ctx->providers[k] : NULL;
        if (!p) {
            err_field(err, 0, "organisations",
                      "Välj de närvarande bland rutinens utförare; %.40s är inte en av dem.",
                      ids[i]);
            return;
        }
        int dup = 0;
        for (int k = 0; k < out->n_organisations; k++)
            dup |= out->organisations[k].id == id;
        if (!dup)
            out->organisations[out->n_organisations++] =
                (struct record_provider){p->id, arena_strdup(a, p->name)};
    }
}

int
record_validate(const struct record_input *in, const struct record_context *ctx, struct record *out,
                struct arena *a, struct insyn_err *err)
{
    int before = err->nfields;
    out->type = field_code(a, record_types, in->type, "type", "Typ av uppföljning", 0, 0, err);
    if (!*out->type)
        out->type = (char *)(ctx->default_type ? ctx->default_type : record_type_default(NULL));
    out->case_ref =
        field_text(a, in->case_ref, "case_ref", "Diarienumret", RECORD_MAX_CASE_REF, 0, 0, err);
    if (strchr(out->case_ref, '\n') && !err_for_field(err, "case_ref"))
        err_field(err, 0, "case_ref", "Diarienumret ska stå på en rad.");
    out->held_on = field_date(a, in->held_on, "held_on", "Datum för uppföljningen", 1, 0, err);
    if (out->held_on != DATE_NONE && ctx->today != DATE_NONE && out->held_on > ctx->today)
        err_field(err, 0, "held_on",
                  "Datum för uppföljningen kan inte ligga i framtiden: protokollet "
                  "dokumenterar en uppföljning som har hållits.");
    out->place =
        field_code(a, record_places, in->place, "place", "Hur uppföljningen skedde", 1, 0, err);
    out->location = field_text(a, in->location, "location", "Plats", 300, 0, 0, err);
    out->n_attendees_municipality =
        people(a, in->attendees_municipality, "attendees_municipality", "Deltagare från kommunen",
               &out->attendees_municipality, err);
    if (out->n_attendees_municipality == 0 && !err_for_field(err, "attendees_municipality"))
        err_field(err, 0, "attendees_municipality",
                  "Deltagare från kommunen måste anges, minst en per rad.");
    out->n_attendees_provider = people(a, in->attendees_provider, "attendees_provider",
                                       "Deltagare från utföraren", &out->attendees_provider, err);
    if (out->n_attendees_provider == 0 && strcmp(out->place, "written") != 0 &&
        !err_for_field(err, "attendees_provider") && !err_for_field(err, "place"))
        err_field(err, 0, "attendees_provider",
                  "Deltagare från utföraren måste anges, utom vid skriftlig uppföljning.");
    out->topics =
        field_text(a, in->topics, "topics", "Vad som följdes upp", RECORD_MAX_TEXT, 0, 0, err);
    out->provider_answers = field_text(a, in->provider_answers, "provider_answers",
                                       "Utförarens svar", RECORD_MAX_TEXT, 0, 0, err);
    out->findings =
        field_text(a, in->findings, "findings", "Iakttagelser", RECORD_MAX_TEXT, 0, 0, err);
    out->overall_assessment = field_text(a, in->overall_assessment, "overall_assessment",
                                         "Helhetsbedömningen", RECORD_MAX_TEXT, 0, 0, err);
    out->correction_reason = field_text(a, in->correction_reason, "correction_reason",
                                        "Skäl till rättelsen", 2000, ctx->is_correction, 0, err);
    if (!ctx->is_correction && *out->correction_reason)
        err_field(err, 0, "correction_reason",
                  "Skäl till rättelse anges bara när ett signerat protokoll rättas.");
    validate_checks(in, ctx, out, a, err);
    validate_actions(in, out, a, err);
    validate_reviews(in, ctx, out, a, err);
    attending(in->organisations, ctx, out, a, err);
    return err->nfields > before ? INSYN_EINVAL : 0;
}

int
record_may_change(const struct record *r, struct insyn_err *err)
{
    if (r->status && strcmp(r->status, "signed") == 0)
        return err_set(
            err, INSYN_ECONFLICT,
            "Protokollet är signerat och kan inte ändras. Gör en rättelse: den blir en ny "
            "version och den signerade finns kvar.");
    return 0;
}

static int
blank(const char *s)
{
    return !s || !*s;
}

int
record_complete(const struct record *r, struct insyn_err *err)
{
    int before = err->nfields;
    if (r->place && strcmp(r->place, "on_site") == 0 && blank(r->location))
        err_field(err, 0, "location",
                  "Plats måste anges när uppföljningen var ett besök på plats.");
    int assessed = 0;
    for (int i = 0; i < r->n_checks && !assessed; i++)
        assessed = r->checks[i].outcome && strcmp(r->checks[i].outcome, "not_checked") != 0;
    if (!assessed && blank(r->topics))
        err_field(err, 0, "topics",
                  "Vad som följdes upp måste framgå: bedöm minst en punkt i checklistan eller "
                  "beskriv det i fältet Vad som följdes upp.");
    if (blank(r->provider_answers))
        err_field(err, 0, "provider_answers",
                  "Utförarens svar måste anges innan protokollet kan signeras.");
    if (blank(r->overall_assessment))
        err_field(err, 0, "overall_assessment",
                  "Helhetsbedömning måste anges innan protokollet kan signeras.");
    if (r->joint && r->n_organisations == 0)
        err_field(err, 0, "organisations", "Ange vilka utförare som deltog i träffen.");
    return err->nfields > before ? INSYN_EINVAL : 0;
}

int
record_may_sign(const struct record *r, long long actor_id, int confirmed, struct insyn_err *err)
{
    if (record_may_change(r, err))
        return err->code;
    int incomplete = record_complete(r, err);
    if (!confirmed)
        err_field(err, 0, "confirm",
                  "Bekräfta att du har granskat protokollet innan du signerar det.");
    if (incomplete)
        return err_set(err, INSYN_EINVAL,
                       "Protokollet kan inte signeras förrän det innehåller allt som ska "
                       "dokumenteras.");
    if (!confirmed)
        return INSYN_EINVAL;
    if (r->created_by != actor_id)
        return err_set(err, INSYN_EDENIED,
                       "Protokollet signeras av den som har upprättat det (%s).",
                       r->created_by_name ? r->created_by_name : "en annan användare");
    return 0;
}
