/* audit.c — writing and reading the audit log from use cases, verifying its chain against an
 * anchor kept outside the database, and mailing that anchor to the registrar. */
#include "app/app.h"

#include "core/buf.h"
#include "core/codes.h"
#include "io/mail.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

int
app_audit(struct store *st, const struct actor *who, const char *action, const char *entity,
          long long entity_id, json_t *before, json_t *after, struct insyn_err *err)
{
    char at[21];
    app_real_timestamp(at); /* when it was written, even while the demo tells the past */
    char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    char *f = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    struct audit_entry e = {
        .at = at,
        .actor = who && who->email ? who->email : "anonym",
        .action = action,
        .entity = entity,
        .entity_id = entity_id,
        .before_json = b ? b : "{}",
        .after_json = f ? f : "{}",
    };
    int rc = store_audit_append(st, &e, err);
    free(b);
    free(f);
    return rc;
}

static const char *
action_label(const char *action)
{
    static const struct code_label labels[] = {
        {"create", "Skapad"},
        {"update", "Ändrad"},
        {"import", "Importerad"},
        {"extend", "Förlängt"},
        {"login", "Inloggning"},
        {"login_failed", "Misslyckad inloggning"},
        {"login_locked", "Kontot låstes"}, /* the lock-out before migration 005 */
        {"login_throttled", "Inloggning fördröjd"},
        {"logout", "Utloggning"},
        {"create_token", "API-nyckel skapad"},
        {"sign", "Signerat"},
        {"correct", "Rättelse påbörjad"},
        {"attach", "Bilaga tillagd"},
        {"terminate", "Uppsagt eller hävt"},
        {"review", "Genomgången vid samordnarmöte"},
        {"add_area", "Fokusområde tillagt"},
        {"update_area", "Fokusområde ändrat"},
        {"add_meeting", "Möte registrerat"},
        {"close", "Avslutad"},
        {NULL, NULL},
    };
    const char *l = code_label(labels, action);
    return l ? l : action;
}

/* The fields a history shows, in the order a person reads them, with their Swedish names.
 * Ids, counts and timestamps are left out; codes are shown by their labels. */
static const struct code_label history_fields[] = {
    {"name", "Namn"},
    {"org_nr", "Organisationsnummer"},
    {"kind", "Typ"},
    {"legal_form", "Juridisk form"},
    {"contact_name", "Kontaktperson"},
    {"contact_email", "E-post"},
    {"contact_phone", "Telefon"},
    {"case_ref", "Diarienummer"},
    {"title", "Benämning"},
    {"form", "Avtalsform"},
    {"service_area", "Verksamhetsområde"},
    {"organisation_name", "Utförare"},
    {"units", "Enheter"},
    {"start", "Startdatum"},
    {"end", "Slutdatum"},
    {"extensions_left", "Förlängningar kvar"},
    {"extension_months", "Månader per förlängning"},
    {"latest_end", "Senaste möjliga slutdatum"},
    {"approved_on", "Godkänd"},
    {"signed_on", "Avtalet tecknat"},
    {"requirements", "Krav"},
    {"value_adds", "Mervärden"},
    {"strategist_name", "Ansvarig strateg"},
    {"date", "Datum"},
    {"source", "Källa"},
    {"category", "Kategori"},
    {"serious", "Allvarlig"},
    {"description", "Beskrivning"},
    {"status", "Status"},
    {"outcome", "Utfall"},
    {"outcome_comment", "Samordnarnas kommentar"},
    {"termination_reason", "Skäl till uppsägning"},
    {"credit_min_creditsafe", "Lägsta godkända rating hos Creditsafe"},
    {"credit_min_uc", "Lägsta godkända riskklass hos UC"},
    {"termination_flag", "Ska sägas upp"},
    {"termination_flagged_on", "Flaggad för uppsägning"},
    {"capacity", "Antal platser"},
    {"address", "Adress"},
    {"ivo_permit_status", "Status för IVO-tillstånd"},
    {"ivo_permit_number", "IVO-tillståndets nummer"},
    {"ivo_permit_date", "Datum för IVO-tillstånd"},
    {"notes", "Anteckningar"},
    {"type", "Typ av uppföljning"},
    {"topics", "Vad som följdes upp"},
    {"overall_assessment", "Helhetsbedömning"},
    {"organisations", "Närvarande utförare"},
    {"role", "Roll"},
    {"email", "E-post"},
    {NULL, NULL},
};

/* A field's value, or its label when the entity carries one (form → form_label). */
static json_t *
shown_value(json_t *entity, const char *key)
{
    char label_key[64];
    snprintf(label_key, sizeof label_key, "%s_label", key);
    json_t *label = json_object_get(entity, label_key);
    return label && json_string_length(label) ? label : json_object_get(entity, key);
}

/* A value as a person reads it in the history: lists joined, nothing as a dash. */
static json_t *
display_text(json_t *v)
{
    if (!v || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0))
        return json_string("–");
    if (json_is_string(v))
        return json_copy(v);
    if (json_is_integer(v)) {
        char num[24];
        snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
        return json_string(num);
    }
    if (json_is_boolean(v))
        return json_string(json_is_true(v) ? "ja" : "nej");
    if (json_is_array(v)) {
        struct buf b;
        buf_init(&b);
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item)
        {
            json_t *t = json_is_object(item) ? json_object_get(item, "name") : item;
            json_t *s = display_text(t);
            if (i)
                buf_puts(&b, "; ");
            buf_puts(&b, json_string_value(s));
            json_decref(s);
        }
        json_t *out = json_string(b.data ? b.data : "–");
        buf_free(&b);
        return out;
    }
    return json_string("…");
}

int
app_audit_take(struct store *st, const struct actor *who, const char *action, const char *entity,
               long long entity_id, json_t *before, json_t *after, struct insyn_err *err)
{
    int rc = app_audit(st, who, action, entity, entity_id, before, after, err);
    json_decref(before);
    json_decref(after);
    return rc;
}

int
app_commit_audited(struct store *st, const struct actor *who, const char *action,
                   const char *entity, long long entity_id, json_t *before, json_t *after,
                   struct insyn_err *err)
{
    int rc = app_audit_take(st, who, action, entity, entity_id, before, after, err);
    if (rc || store_commit(st, err))
        return app_abort(st, err);
    return 0;
}

int
app_abort(struct store *st, struct insyn_err *err)
{
    store_rollback(st);
    return err->code ? err->code : INSYN_ESYS;
}

json_t *
audit_entry_json(const struct audit_entry *e)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(e->id));
    json_object_set_new(j, "at", json_string(e->at));
    char local[32];
    app_local_time(e->at, "%Y-%m-%d %H:%M", local, sizeof local);
    json_object_set_new(j, "at_text", json_string(local));
    json_object_set_new(j, "actor", json_string(e->actor));
    json_object_set_new(j, "action", json_string(e->action));
    json_object_set_new(j, "action_label", json_string(action_label(e->action)));
    json_object_set_new(j, "entity", json_string(e->entity));
    json_object_set_new(j, "entity_id", json_integer(e->entity_id));
    json_t *before = json_loads(e->before_json, 0, NULL);
    json_t *after = json_loads(e->after_json, 0, NULL);
    json_object_set_new(j, "before", before ? before : json_object());
    json_object_set_new(j, "after", after ? after : json_object());
    /* the fields that changed, for a readable history */
    json_t *changes = json_array();
    for (const struct code_label *f = history_fields; before && after && f->code; f++) {
        json_t *old = shown_value(before, f->code), *now = shown_value(after, f->code);
        int blank = !now || json_is_null(now) ||
                    (json_is_string(now) && json_string_length(now) == 0) ||
                    (json_is_array(now) && json_array_size(now) == 0);
        if (!now || (old && json_equal(old, now)) || (!old && blank))
            continue;
        json_t *c = json_object();
        json_object_set_new(c, "field", json_string(f->code));
        json_object_set_new(c, "label", json_string(f->label));
        json_object_set_new(c, "from", display_text(old));
        json_object_set_new(c, "to", display_text(now));
        json_array_append_new(changes, c);
    }
    json_object_set_new(j, "has_changes", json_boolean(json_array_size(changes) > 0));
    json_object_set_new(j, "changes", changes);
    return j;
}

int
app_history(struct store *st, const struct actor *who, const char *entity, long long id,
            struct arena *a, json_t **out, struct insyn_err *err)
{
    if (app_require(who, PERM_AUDIT_READ, err))
        return err->code;
    struct audit_entry *items;
    int n;
    if (store_audit_list(st, entity, id, a, &items, &n, err))
        return err->code;
    *out = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(*out, audit_entry_json(&items[i]));
    return 0;
}

int
app_audit_verify(struct store *st, const struct audit_anchor *expect, struct audit_report *out,
                 struct insyn_err *err)
{
    memset(out, 0, sizeof *out);
    struct audit_verification v = {.anchor_id = expect ? expect->id : 0};
    int rc = store_audit_verify(st, &v, err);
    if (rc)
        return rc;
    out->checked = v.checked;
    out->first_broken = v.first_broken;
    if (!expect)
        return 0;
    snprintf(out->stored_hash, sizeof out->stored_hash, "%s", v.anchor_hash);
    out->anchor = !v.anchor_found                       ? AUDIT_ANCHOR_MISSING
                  : strcmp(v.anchor_hash, expect->hash) ? AUDIT_ANCHOR_DIFFERS
                                                        : AUDIT_ANCHOR_MATCHES;
    return 0;
}

/* The message to the registrar: what the anchor is, and how to check the database with it. */
static char *
anchor_body(struct arena *a, const struct audit_entry *head, const char *database)
{
    char local[32];
    app_local_time(head->at, "%Y-%m-%d %H:%M:%S", local, sizeof local);
    return arena_printf(
        a,
        "Det här är det senaste ankaret för granskningsloggen i insyn.\n"
        "\n"
        "Databas: %s\n"
        "Post: %lld\n"
        "Kontrollsumma (SHA-256): %s\n"
        "Skriven: %s svensk tid (%s)\n"
        "\n"
        "Varje post i granskningsloggen bär en kontrollsumma som räknas fram ur\n"
        "posten och kontrollsumman före den. Spara det här meddelandet utanför\n"
        "insyn, till exempel i diariet: med det kan man i efterhand visa att\n"
        "posterna till och med post %lld varken har tagits bort eller skrivits om,\n"
        "inte ens av någon som kommer åt databasen.\n"
        "\n"
        "Så kontrolleras databasen mot ankaret:\n"
        "\n"
        "  insyn audit verify %s --expect %lld:%s\n"
        "\n"
        "Svaret ska vara att granskningsloggen är hel och att post %lld stämmer\n"
        "med ankaret. Ett äldre ankare stämmer också så länge loggen är orörd,\n"
        "men bara det senaste skyddar de senaste posterna.\n"
        "\n"
        "Det här meddelandet skickades automatiskt av insyn.\n",
        database, head->id, head->hash, local[0] ? local : head->at, head->at, head->id, database,
        head->id, head->hash, head->id);
}

int
app_audit_mail_head(struct store *st, const struct audit_head_mail *opt, struct arena *a,
                    struct audit_entry *head, struct insyn_err *err)
{
    if (!mail_address_ok(opt->to))
        return err_set(err, INSYN_EINVAL, "Mottagaradressen %s går inte att skicka till.",
                       opt->to ? opt->to : "");
    if (!mail_address_ok(opt->from))
        return err_set(err, INSYN_EINVAL, "Avsändaradressen %s går inte att använda.",
                       opt->from ? opt->from : "");
    int rc = store_audit_head(st, a, head, err);
    if (rc)
        return rc;
    const char *name = strrchr(opt->database, '/'); /* the file's name in the subject */
    struct mail m = {
        .from = opt->from,
        .to = opt->to,
        .subject = arena_printf(a, "Granskningsloggens ankare i insyn, %s: post %lld",
                                name ? name + 1 : opt->database, head->id),
        .body = anchor_body(a, head, opt->database),
    };
    char reason[200];
    if (mail_send(opt->sendmail, mail_message(a, &m, (long long)time(NULL)), reason,
                  sizeof reason) != 0)
        return err_set(err, INSYN_ESYS, "Ankaret kunde inte lämnas över till e-postkommandot: %s.",
                       reason);
    return 0;
}
