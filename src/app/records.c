/* records.c — use cases for records (protokoll) of follow-ups: draft, sign, correct,
 * attach, and reading them within the actor's scope. */
#include "app/records.h"

#include "core/date.h"
#include "core/pnr.h"
#include "core/text.h"

#include <sodium.h>
#include <stddef.h>
#include <string.h>

const struct input_field record_input_fields[] = {
    {"type", offsetof(struct record_input, type)},
    {"case_ref", offsetof(struct record_input, case_ref)},
    {"held_on", offsetof(struct record_input, held_on)},
    {"place", offsetof(struct record_input, place)},
    {"location", offsetof(struct record_input, location)},
    {"attendees_municipality", offsetof(struct record_input, attendees_municipality)},
    {"attendees_provider", offsetof(struct record_input, attendees_provider)},
    {"topics", offsetof(struct record_input, topics)},
    {"provider_answers", offsetof(struct record_input, provider_answers)},
    {"findings", offsetof(struct record_input, findings)},
    {"overall_assessment", offsetof(struct record_input, overall_assessment)},
    {"correction_reason", offsetof(struct record_input, correction_reason)},
    {"organisations", offsetof(struct record_input, organisations)},
    {NULL, 0},
};

static const char *
actor_name(const struct actor *who)
{
    return who->name && *who->name ? who->name : who->email ? who->email : "system";
}

/* A joint follow-up (seed 003's provider meeting): held once with all the routine's providers,
 * and its record names those who attended. */
static int
is_joint(const struct followup_row *t)
{
    return t->level && strcmp(t->level, "joint") == 0;
}

static int
is_provider(const struct actor *who)
{
    return who->role == ROLE_PROVIDER_USER;
}

/* The follow-up, if the actor may see it at all. */
static int
load_task(struct store *st, const struct actor *who, long long id, struct arena *a,
          struct followup_row *t, struct insyn_err *err)
{
    struct insyn_err ignore = {0};
    if (store_followup_get(st, id, a, t, &ignore)) {
        if (ignore.code != INSYN_ENOTFOUND)
            return err_set(err, ignore.code, "%s", ignore.message);
        return err_set(err, INSYN_ENOTFOUND, "Uppföljningen finns inte.");
    }
    if (is_provider(who) && (t->organisation_id == 0 || t->organisation_id != who->organisation_id))
        return err_set(err, INSYN_ENOTFOUND, "Uppföljningen finns inte.");
    return 0;
}

/* The newest version (NULL when none). */
static int
newest_record(struct store *st, long long follow_up_id, struct arena *a, struct record **out,
              struct insyn_err *err)
{
    long long *ids;
    int n;
    *out = NULL;
    if (store_record_versions(st, follow_up_id, 0, a, &ids, &n, err))
        return err->code;
    if (n == 0)
        return 0;
    *out = arena_alloc(a, sizeof **out);
    return store_record_get(st, ids[0], a, *out, err);
}

/* The agreed actions of earlier records of the activity that are still open: none of the
 * reviews since has closed them (seed 002: an improvement area is followed until fixed). */
static int
open_actions(struct store *st, const struct followup_row *t, struct arena *a,
             struct earlier_action **out, int *n, struct insyn_err *err)
{
    struct earlier_action *all;
    int n_all;
    *out = NULL;
    *n = 0;
    if (store_record_earlier_actions(st, t->agreement_id, t->activity_id, t->id, t->due, a, &all,
                                     &n_all, err))
        return err->code;
    *out = all;
    for (int i = 0; i < n_all; i++) {
        int closed = 0;
        for (int k = 0; k < all[i].n_reviews && !closed; k++)
            closed = review_closes_action(all[i].reviews[k].outcome);
        if (!closed)
            all[(*n)++] = all[i];
    }
    return 0;
}

/* What validation needs from the store: the agreement's items, the previous record of the
 * activity and the activity's open actions. */
static int
load_context(struct store *st, const struct followup_row *t, struct arena *a,
             struct record_context *ctx, struct followup_view *v, struct insyn_err *err)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->today = app_today();
    ctx->default_type = record_type_default(t->frequency);
    v->items = NULL;
    v->n_items = 0;
    v->previous = NULL;
    v->open_actions = NULL;
    v->n_open_actions = 0;
    if (t->agreement_id) {
        long long prev_id;
        if (store_agreement_items(st, t->agreement_id, a, &v->items, &v->n_items, err) ||
            store_record_previous(st, t->agreement_id, t->activity_id, t->id, t->due, &prev_id,
                                  err) ||
            open_actions(st, t, a, &v->open_actions, &v->n_open_actions, err))
            return err->code;
        if (prev_id) {
            v->previous = arena_alloc(a, sizeof *v->previous);
            if (store_record_get(st, prev_id, a, v->previous, err))
                return err->code;
        }
    }
    v->joint = is_joint(t);
    v->providers = NULL;
    v->n_providers = 0;
    if (v->joint &&
        store_activity_providers(st, t->activity_id, a, &v->providers, &v->n_providers, err))
        return err->code;
    ctx->joint = v->joint;
    ctx->providers = v->providers;
    ctx->n_providers = v->n_providers;
    ctx->items = v->items;
    ctx->n_items = v->n_items;
    long long *ids = arena_alloc(a, sizeof *ids * (size_t)(v->n_open_actions + 1));
    for (int i = 0; i < v->n_open_actions; i++)
        ids[i] = v->open_actions[i].action.id;
    ctx->prev_action_ids = ids;
    ctx->n_prev_actions = v->n_open_actions;
    return 0;
}

static int
finish(struct store *st, const struct actor *who, const char *action, long long follow_up_id,
       const struct record *before, const struct record *after, struct insyn_err *err)
{
    json_t *b = before ? record_json(before) : NULL, *f = after ? record_json(after) : NULL;
    int rc = app_audit(st, who, action, "follow_up", follow_up_id, b, f, err);
    json_decref(b);
    json_decref(f);
    return rc ? rc : store_commit(st, err);
}

int
app_record_create(struct store *st, const struct actor *who, long long follow_up_id,
                  const struct record_input *in, struct arena *a, struct record *out,
                  struct insyn_err *err)
{
    if (app_require(who, PERM_FOLLOWUP_WRITE, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    struct followup_row t;
    struct record *newest;
    struct record_context ctx;
    struct followup_view known;
    if (load_task(st, who, follow_up_id, a, &t, err) ||
        newest_record(st, follow_up_id, a, &newest, err) ||
        load_context(st, &t, a, &ctx, &known, err))
        goto fail;
    ctx.is_correction = newest && strcmp(newest->status, "signed") == 0;
    memset(out, 0, sizeof *out);
    if (record_validate(in, &ctx, out, a, err))
        goto fail;
    if (newest && !ctx.is_correction) {
        err_set(
            err, INSYN_ECONFLICT,
            "Det finns redan ett utkast till protokoll för uppföljningen. Ändra det i stället.");
        goto fail;
    }
    char now[21];
    app_timestamp(0, now);
    out->follow_up_id = follow_up_id;
    out->version = newest ? newest->version + 1 : 1;
    out->previous_id = newest ? newest->id : 0;
    out->status = "draft";
    out->created_by = who->user_id;
    out->created_by_name = arena_strdup(a, actor_name(who));
    out->created_at = out->updated_at = arena_strdup(a, now);
    if (store_record_insert(st, out, err) ||
        finish(st, who, ctx.is_correction ? "correct" : "create", follow_up_id, newest, out, err))
        goto fail;
    return 0;
fail:
    return app_abort(st, err);
}

int
app_record_update(struct store *st, const struct actor *who, long long follow_up_id,
                  const struct record_input *in, struct arena *a, struct record *out,
                  struct insyn_err *err)
{
    if (app_require(who, PERM_FOLLOWUP_WRITE, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    struct followup_row t;
    struct record *newest;
    struct record_context ctx;
    struct followup_view known;
    if (load_task(st, who, follow_up_id, a, &t, err) ||
        newest_record(st, follow_up_id, a, &newest, err))
        goto fail;
    if (!newest) {
        err_set(err, INSYN_ENOTFOUND, "Uppföljningen har inget protokoll ännu.");
        goto fail;
    }
    if (record_may_change(newest, err) || load_context(st, &t, a, &ctx, &known, err))
        goto fail;
    ctx.is_correction = newest->previous_id != 0;
    memset(out, 0, sizeof *out);
    if (record_validate(in, &ctx, out, a, err))
        goto fail;
    char now[21];
    app_timestamp(0, now);
    out->id = newest->id;
    out->follow_up_id = follow_up_id;
    out->version = newest->version;
    out->previous_id = newest->previous_id;
    out->status = "draft";
    out->created_by = newest->created_by;
    out->created_by_name = newest->created_by_name;
    out->created_at = newest->created_at;
    out->updated_at = arena_strdup(a, now);
    out->attachments = newest->attachments;
    out->n_attachments = newest->n_attachments;
    if (store_record_update(st, out, err) ||
        finish(st, who, "update", follow_up_id, newest, out, err))
        goto fail;
    return 0;
fail:
    return app_abort(st, err);
}

int
app_record_sign(struct store *st, const struct actor *who, long long follow_up_id, int confirmed,
                struct arena *a, struct record *out, struct insyn_err *err)
{
    if (app_require(who, PERM_FOLLOWUP_WRITE, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    struct followup_row t;
    struct record *newest;
    if (load_task(st, who, follow_up_id, a, &t, err) ||
        newest_record(st, follow_up_id, a, &newest, err))
        goto fail;
    if (!newest) {
        err_set(err, INSYN_ENOTFOUND, "Uppföljningen har inget protokoll ännu.");
        goto fail;
    }
    char now[21];
    app_timestamp(0, now);
    newest->joint = is_joint(&t);
    if (record_may_sign(newest, who->user_id, confirmed, err) ||
        store_record_sign(st, newest, who->user_id, actor_name(who), now, err) ||
        store_record_get(st, newest->id, a, out, err) ||
        finish(st, who, "sign", follow_up_id, newest, out, err))
        goto fail;
    return 0;
fail:
    return app_abort(st, err);
}

int
app_attachment_add(struct store *st, const struct actor *who, long long follow_up_id,
                   const char *name, const char *content_type, const void *data, size_t size,
                   struct arena *a, struct record_attachment *out, struct insyn_err *err)
{
    if (app_require(who, PERM_FOLLOWUP_WRITE, err))
        return err->code;
    if (store_begin(st, err))
        return err->code;
    struct followup_row t;
    struct record *newest;
    if (load_task(st, who, follow_up_id, a, &t, err) ||
        newest_record(st, follow_up_id, a, &newest, err))
        goto fail;
    if (!newest) {
        err_field(err, 0, "file", "Spara protokollet innan du lägger till bilagor.");
        goto fail;
    }
    if (record_may_change(newest, err))
        goto fail;
    char *clean = app_file_check(a, name, data, size, err);
    if (err->nfields)
        goto fail;
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, data, size);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    char now[21];
    app_timestamp(0, now);
    memset(out, 0, sizeof *out);
    out->name = clean;
    out->content_type =
        arena_strdup(a, content_type && *content_type && strlen(content_type) < 100 &&
                                text_is_clean_utf8(content_type) && !strchr(content_type, '\n')
                            ? content_type
                            : "application/octet-stream");
    out->size = (long long)size;
    out->sha256 = arena_strdup(a, hex);
    out->created_at = arena_strdup(a, now);
    if (store_attachment_insert(st, newest->id, out, data, err))
        goto fail;
    json_t *after = json_pack("{s:I, s:i, s:s, s:I, s:s}", "record_id", (json_int_t)newest->id,
                              "version", newest->version, "name", out->name, "size",
                              (json_int_t)out->size, "sha256", out->sha256);
    int rc = app_audit(st, who, "attach", "follow_up", follow_up_id, NULL, after, err);
    json_decref(after);
    if (rc || store_commit(st, err))
        goto fail;
    return 0;
fail:
    return app_abort(st, err);
}

int
app_attachment_get(struct store *st, const struct actor *who, long long id, struct arena *a,
                   struct record_attachment *out, char **data, struct insyn_err *err)
{
    if (app_require(who, PERM_AGREEMENT_READ, err))
        return err->code;
    long long record_id;
    struct record r;
    struct followup_row t;
    struct insyn_err ignore = {0};
    if (store_attachment_get(st, id, a, out, &record_id, data, &ignore) ||
        store_record_get(st, record_id, a, &r, &ignore) ||
        load_task(st, who, r.follow_up_id, a, &t, &ignore) ||
        (is_provider(who) && strcmp(r.status, "signed") != 0))
        return err_set(err, INSYN_ENOTFOUND, "Bilagan finns inte.");
    return 0;
}

int
app_followup_view(struct store *st, const struct actor *who, long long id, struct arena *a,
                  struct followup_view *out, struct insyn_err *err)
{
    if (app_require(who, PERM_AGREEMENT_READ, err))
        return err->code;
    memset(out, 0, sizeof *out);
    if (load_task(st, who, id, a, &out->task, err))
        return err->code;
    long long *ids;
    int n;
    if (store_record_versions(st, id, is_provider(who), a, &ids, &n, err))
        return err->code;
    if (n == 0 && is_provider(who))
        return err_set(err, INSYN_ENOTFOUND, "Uppföljningen finns inte.");
    out->versions = arena_alloc(a, sizeof *out->versions * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
        if (store_record_get(st, ids[i], a, &out->versions[i], err))
            return err->code;
        out->versions[i].joint = is_joint(&out->task);
    }
    out->n_versions = n;
    struct record_context ctx;
    return load_context(st, &out->task, a, &ctx, out, err);
}

static json_t *
str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *
strings(char **items, int n)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, json_string(items[i]));
    return arr;
}

static json_t *
task_json(const struct followup_row *t, int today)
{
    const char *status_label;
    const char *status = followup_status(t, today, &status_label);
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(t->id));
    json_object_set_new(j, "agreement_id", json_integer(t->agreement_id));
    json_object_set_new(j, "case_ref", json_string(t->case_ref ? t->case_ref : ""));
    json_object_set_new(j, "agreement_title",
                        json_string(t->agreement_title ? t->agreement_title : ""));
    json_object_set_new(j, "organisation",
                        json_string(t->organisation_name ? t->organisation_name : ""));
    json_object_set_new(j, "routine", json_string(t->routine_name ? t->routine_name : ""));
    json_object_set_new(j, "activity", json_string(t->activity ? t->activity : ""));
    json_object_set_new(j, "due", date_json(t->due));
    json_object_set_new(j, "may_be_written", json_boolean(t->may_be_written));
    json_object_set_new(j, "status", json_string(status));
    json_object_set_new(j, "status_label", json_string(status_label));
    json_object_set_new(j, "note", json_string(t->note ? t->note : ""));
    return j;
}

json_t *
record_json(const struct record *r)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(r->id));
    json_object_set_new(j, "follow_up_id", json_integer(r->follow_up_id));
    json_object_set_new(j, "version", json_integer(r->version));
    json_object_set_new(j, "previous_id",
                        r->previous_id ? json_integer(r->previous_id) : json_null());
    json_object_set_new(j, "status", json_string(r->status ? r->status : "draft"));
    json_object_set_new(j, "status_label",
                        json_string(code_label_or_empty(record_statuses, r->status)));
    json_object_set_new(j, "type", json_string(r->type ? r->type : ""));
    json_object_set_new(j, "type_label", json_string(code_label_or_empty(record_types, r->type)));
    json_object_set_new(j, "case_ref", json_string(r->case_ref ? r->case_ref : ""));
    json_object_set_new(j, "held_on", date_json(r->held_on));
    json_object_set_new(j, "place", json_string(r->place ? r->place : ""));
    json_object_set_new(j, "place_label",
                        json_string(code_label_or_empty(record_places, r->place)));
    json_object_set_new(j, "location", json_string(r->location ? r->location : ""));
    json_object_set_new(j, "attendees_municipality",
                        strings(r->attendees_municipality, r->n_attendees_municipality));
    json_object_set_new(j, "attendees_provider",
                        strings(r->attendees_provider, r->n_attendees_provider));
    json_t *checks = json_array();
    for (int i = 0; i < r->n_checks; i++) {
        const struct record_check *c = &r->checks[i];
        json_array_append_new(checks, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "item_id",
                                                (json_int_t)c->item_id, "kind", c->kind, "text",
                                                c->text, "outcome", c->outcome, "outcome_label",
                                                code_label_or_empty(check_outcomes, c->outcome),
                                                "comment", c->comment));
    }
    json_object_set_new(j, "checklist", checks);
    json_object_set_new(j, "topics", json_string(r->topics ? r->topics : ""));
    json_t *orgs = json_array();
    for (int i = 0; i < r->n_organisations; i++)
        json_array_append_new(orgs,
                              json_pack("{s:I, s:s}", "id", (json_int_t)r->organisations[i].id,
                                        "name", r->organisations[i].name));
    json_object_set_new(j, "organisations", orgs);
    json_object_set_new(j, "provider_answers",
                        json_string(r->provider_answers ? r->provider_answers : ""));
    json_object_set_new(j, "findings", json_string(r->findings ? r->findings : ""));
    json_object_set_new(j, "overall_assessment",
                        json_string(r->overall_assessment ? r->overall_assessment : ""));
    json_t *actions = json_array();
    for (int i = 0; i < r->n_actions; i++) {
        const struct record_action *x = &r->actions[i];
        json_t *o = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)x->id, "text", x->text,
                              "responsible", x->responsible);
        json_object_set_new(o, "deadline", date_json(x->deadline));
        json_array_append_new(actions, o);
    }
    json_object_set_new(j, "actions", actions);
    json_t *reviews = json_array();
    for (int i = 0; i < r->n_reviews; i++) {
        const struct record_review *v = &r->reviews[i];
        json_array_append_new(reviews, json_pack("{s:I, s:s, s:s, s:s}", "action_id",
                                                 (json_int_t)v->action_id, "outcome", v->outcome,
                                                 "outcome_label",
                                                 code_label_or_empty(review_outcomes, v->outcome),
                                                 "comment", v->comment));
    }
    json_object_set_new(j, "reviews", reviews);
    json_t *files = json_array();
    for (int i = 0; i < r->n_attachments; i++) {
        const struct record_attachment *f = &r->attachments[i];
        json_array_append_new(files, json_pack("{s:I, s:s, s:s, s:I, s:s}", "id", (json_int_t)f->id,
                                               "name", f->name, "content_type", f->content_type,
                                               "size", (json_int_t)f->size, "sha256", f->sha256));
    }
    json_object_set_new(j, "attachments", files);
    json_object_set_new(j, "correction_reason",
                        json_string(r->correction_reason ? r->correction_reason : ""));
    json_object_set_new(j, "created_by", json_string(r->created_by_name ? r->created_by_name : ""));
    json_object_set_new(j, "created_at", json_string(r->created_at ? r->created_at : ""));
    json_object_set_new(j, "updated_at", json_string(r->updated_at ? r->updated_at : ""));
    json_object_set_new(j, "signed_by", str_or_null(r->signed_by_name));
    json_object_set_new(j, "signed_at", str_or_null(r->signed_at));
    char signed_local[32] = "";
    app_local_time(r->signed_at, "%Y-%m-%d %H:%M", signed_local, sizeof signed_local);
    json_object_set_new(j, "signed_at_text", json_string(signed_local));
    return j;
}

json_t *
improvement_areas_json(const struct followup_view *v, const struct record *cur)
{
    const struct record *prev = v->previous;
    json_t *items = json_array();
    for (int i = 0; prev && i < prev->n_checks; i++) {
        const struct record_check *c = &prev->checks[i];
        if (!check_is_improvement(c->outcome))
            continue;
        const char *now = NULL;
        for (int k = 0; cur && k < cur->n_checks && !now; k++)
            if (cur->checks[k].item_id == c->item_id)
                now = cur->checks[k].outcome;
        int known = now && strcmp(now, "not_checked") != 0;
        int fixed = known && strcmp(now, "fulfilled") == 0;
        json_t *o = json_pack(
            "{s:s, s:I, s:s, s:s, s:s, s:s}", "kind", "check", "id", (json_int_t)c->item_id, "text",
            c->text, "previous_outcome", c->outcome, "previous_outcome_label",
            code_label_or_empty(check_outcomes, c->outcome), "comment", c->comment);
        json_object_set_new(o, "deadline", json_null());
        json_object_set_new(o, "responsible", json_null());
        json_object_set_new(o, "agreed_on", date_json(prev->held_on));
        json_object_set_new(o, "agreed_follow_up_id", json_integer(prev->follow_up_id));
        json_object_set_new(o, "reviews", json_array());
        json_object_set_new(o, "current_outcome", str_or_null(now));
        json_object_set_new(
            o, "current_outcome_label",
            json_string(now ? code_label_or_empty(check_outcomes, now) : "Inte kontrollerat"));
        json_object_set_new(o, "fixed", known ? json_boolean(fixed) : json_null());
        json_object_set_new(o, "fixed_label",
                            json_string(!known  ? "Inte kontrollerat"
                                        : fixed ? "Åtgärdat"
                                                : "Inte åtgärdat"));
        json_array_append_new(items, o);
    }
    for (int i = 0; i < v->n_open_actions; i++) {
        const struct earlier_action *e = &v->open_actions[i];
        const struct record_action *x = &e->action;
        const char *now = NULL, *comment = "";
        for (int k = 0; cur && k < cur->n_reviews && !now; k++)
            if (cur->reviews[k].action_id == x->id) {
                now = cur->reviews[k].outcome;
                comment = cur->reviews[k].comment;
            }
        int known = now && strcmp(now, "not_checked") != 0;
        const struct action_review *last = e->n_reviews ? &e->reviews[e->n_reviews - 1] : NULL;
        json_t *o =
            json_pack("{s:s, s:I, s:s, s:s, s:s}", "kind", "action", "id", (json_int_t)x->id,
                      "text", x->text, "responsible", x->responsible, "comment", comment);
        json_object_set_new(o, "previous_outcome", last ? json_string(last->outcome) : json_null());
        json_object_set_new(o, "previous_outcome_label",
                            json_string(last ? code_label_or_empty(review_outcomes, last->outcome)
                                             : "Överenskommen åtgärd"));
        json_object_set_new(o, "deadline", date_json(x->deadline));
        json_object_set_new(o, "agreed_on", date_json(e->agreed_on));
        json_object_set_new(o, "agreed_follow_up_id", json_integer(e->follow_up_id));
        json_t *history = json_array();
        for (int k = 0; k < e->n_reviews; k++) {
            const struct action_review *r = &e->reviews[k];
            json_t *h =
                json_pack("{s:I, s:s, s:s, s:s}", "follow_up_id", (json_int_t)r->follow_up_id,
                          "outcome", r->outcome, "outcome_label",
                          code_label_or_empty(review_outcomes, r->outcome), "comment", r->comment);
            json_object_set_new(h, "held_on", date_json(r->held_on));
            json_array_append_new(history, h);
        }
        json_object_set_new(o, "reviews", history);
        json_object_set_new(o, "current_outcome", str_or_null(now));
        json_object_set_new(
            o, "current_outcome_label",
            json_string(now ? code_label_or_empty(review_outcomes, now) : "Inte kontrollerat"));
        json_object_set_new(o, "fixed",
                            known ? json_boolean(review_closes_action(now)) : json_null());
        json_object_set_new(
            o, "fixed_label",
            json_string(known ? code_label_or_empty(review_outcomes, now) : "Inte kontrollerat"));
        json_array_append_new(items, o);
    }
    if (!prev)
        return json_pack("{s:n, s:n, s:n, s:o}", "record_id", "follow_up_id", "held_on", "items",
                         items);
    json_t *j = json_pack("{s:I, s:I, s:o}", "record_id", (json_int_t)prev->id, "follow_up_id",
                          (json_int_t)prev->follow_up_id, "items", items);
    json_object_set_new(j, "held_on", date_json(prev->held_on));
    return j;
}

json_t *
followup_view_json(const struct followup_view *v, int today)
{
    json_t *j = json_object();
    json_object_set_new(j, "followup", task_json(&v->task, today));
    json_object_set_new(j, "record", v->n_versions ? record_json(&v->versions[0]) : json_null());
    json_t *versions = json_array();
    for (int i = 0; i < v->n_versions; i++)
        json_array_append_new(versions, record_json(&v->versions[i]));
    json_object_set_new(j, "versions", versions);
    json_t *items = json_array();
    for (int i = 0; i < v->n_items; i++)
        json_array_append_new(items, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)v->items[i].id,
                                               "kind", v->items[i].kind, "text", v->items[i].text));
    json_object_set_new(j, "checklist_items", items);
    json_object_set_new(j, "improvement_areas",
                        improvement_areas_json(v, v->n_versions ? &v->versions[0] : NULL));
    json_object_set_new(j, "joint", json_boolean(v->joint));
    json_t *providers = json_array();
    for (int i = 0; i < v->n_providers; i++)
        json_array_append_new(providers,
                              json_pack("{s:I, s:s}", "id", (json_int_t)v->providers[i].id, "name",
                                        v->providers[i].name));
    json_object_set_new(j, "providers", providers);
    return j;
}

int
app_agreement_followups(struct store *st, const struct actor *who, long long agreement_id,
                        struct arena *a, json_t **out, struct insyn_err *err)
{
    struct agreement g;
    if (app_agreement_get(st, who, agreement_id, a, &g, err))
        return err->code;
    struct followup_filter f = {.agreement_id = agreement_id, .from = DATE_NONE, .to = DATE_NONE};
    struct followup_row *rows;
    int n;
    if (app_schedule_list(st, who, &f, 2000, a, &rows, &n, err))
        return err->code;
    int today = app_today();
    *out = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o = task_json(&rows[i], today);
        long long *ids;
        int nv;
        struct record r;
        if (store_record_versions(st, rows[i].id, is_provider(who), a, &ids, &nv, err) ||
            (nv && store_record_get(st, ids[0], a, &r, err))) {
            json_decref(o);
            json_decref(*out);
            *out = NULL;
            return err->code;
        }
        json_object_set_new(o, "record",
                            nv ? json_pack("{s:I, s:I, s:i, s:s, s:s, s:o}", "id", (json_int_t)r.id,
                                           "follow_up_id", (json_int_t)r.follow_up_id, "version",
                                           r.version, "status", r.status, "status_label",
                                           code_label_or_empty(record_statuses, r.status),
                                           "held_on", date_json(r.held_on))
                               : json_null());
        json_array_append_new(*out, o);
    }
    return 0;
}

/* ---- JSON bodies ---- */

static const char *
scalar(json_t *v, struct arena *a)
{
    if (!v || json_is_null(v))
        return NULL;
    if (json_is_string(v))
        return arena_strdup(a, json_string_value(v));
    if (json_is_integer(v))
        return arena_printf(a, "%lld", (long long)json_integer_value(v));
    return "\x01"; /* a wrong type: reported by the caller */
}

/* Each object of the array key into n structs of `size` bytes with string slots at offs. */
static int
objects(json_t *obj, const char *key, const char *const *names, const size_t *offs, int nn,
        size_t size, struct arena *a, void **out, int *n, struct insyn_err *err)
{
    json_t *arr = json_object_get(obj, key);
    *out = NULL;
    *n = 0;
    if (!arr || json_is_null(arr))
        return 0;
    if (!json_is_array(arr)) {
        err_field(err, 0, key, "Fältet ska vara en lista.");
        return INSYN_EINVAL;
    }
    size_t count = json_array_size(arr);
    if (count > 1000) {
        err_field(err, 0, key, "Listan är för lång.");
        return INSYN_EINVAL;
    }
    char *base = arena_alloc(a, size * (count + 1));
    size_t i;
    json_t *item;
    json_array_foreach(arr, i, item)
    {
        if (!json_is_object(item)) {
            err_field(err, 0, key, "Varje rad i listan ska vara ett objekt.");
            return INSYN_EINVAL;
        }
        for (int k = 0; k < nn; k++) {
            const char *v = scalar(json_object_get(item, names[k]), a);
            if (v && v[0] == '\x01') {
                err_field(err, 0, key, "Fältet %s har fel typ.", names[k]);
                return INSYN_EINVAL;
            }
            *(const char **)(base + size * i + offs[k]) = v;
        }
    }
    *out = base;
    *n = (int)count;
    return 0;
}

int
record_input_from_json(json_t *obj, struct record_input *in, struct arena *a, struct insyn_err *err)
{
    memset(in, 0, sizeof *in);
    int before = err->nfields;
    if (input_from_json(obj, in, record_input_fields, a, err) && err->nfields == before)
        return err->code ? err->code : INSYN_EINVAL;
    static const char *const cn[] = {"item_id", "outcome", "comment"};
    static const size_t co[] = {offsetof(struct record_check_input, item_id),
                                offsetof(struct record_check_input, outcome),
                                offsetof(struct record_check_input, comment)};
    static const char *const an[] = {"text", "deadline", "responsible"};
    static const size_t ao[] = {offsetof(struct record_action_input, text),
                                offsetof(struct record_action_input, deadline),
                                offsetof(struct record_action_input, responsible)};
    static const char *const rn[] = {"action_id", "outcome", "comment"};
    static const size_t ro[] = {offsetof(struct record_review_input, action_id),
                                offsetof(struct record_review_input, outcome),
                                offsetof(struct record_review_input, comment)};
    void *p;
    objects(obj, "checklist", cn, co, 3, sizeof(struct record_check_input), a, &p, &in->n_checks,
            err);
    in->checks = p;
    objects(obj, "actions", an, ao, 3, sizeof(struct record_action_input), a, &p, &in->n_actions,
            err);
    in->actions = p;
    objects(obj, "reviews", rn, ro, 3, sizeof(struct record_review_input), a, &p, &in->n_reviews,
            err);
    in->reviews = p;
    return err->nfields > before ? INSYN_EINVAL : 0;
}
