/* calendar.c — calendar feeds: secret links that Outlook and other calendars subscribe to.
 *
 * A link is 32 random bytes (hex) the user copies once; the database keeps only their
 * SHA-256, so the link cannot be shown again, only revoked and replaced. A feed is read
 * without a login, as the user who made the link and with that user's permissions and
 * provider scope as they are when the feed is read: a link of a user who may no longer see
 * the agreement answers "not found". Making a new link for the same feed revokes the old
 * one. Creating and revoking are audited. */
#include "app/app.h"

#include "core/buf.h"
#include "core/date.h"
#include "io/ics.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static void
feed_token_hash(const char *token, char out[65])
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(out, 65, digest, sizeof digest);
}

int
app_calendar_create(struct store *st, const struct actor *who, long long agreement_id,
                    struct arena *a, char **token, long long *id, struct insyn_err *err)
{
    if (app_require(who, PERM_LOGGED_IN, err))
        return err->code;
    struct agreement g = {0};
    if (agreement_id) {
        if (app_agreement_get(st, who, agreement_id, a, &g, err))
            return err->code;
    } else if (app_require(who, PERM_DASHBOARD, err)) {
        return err->code;
    }
    unsigned char raw[32];
    char hex[65], hash[65], now[21];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
    feed_token_hash(hex, hash);
    app_timestamp(0, now);
    int replaced = 0;
    if (store_begin(st, err))
        return err->code;
    int rc = store_calendar_feed_revoke(st, 0, who->user_id, agreement_id, now, &replaced, err);
    if (rc == 0)
        rc = store_calendar_feed_insert(st, hash, who->user_id, agreement_id, now, id, err);
    if (rc == 0) {
        json_t *after = agreement_id
                            ? json_pack("{s:s, s:I, s:s, s:i}", "feed", "agreement", "agreement_id",
                                        (json_int_t)agreement_id, "case_ref",
                                        g.case_ref ? g.case_ref : "", "replaced", replaced)
                            : json_pack("{s:s, s:i}", "feed", "my_tasks", "replaced", replaced);
        rc = app_audit(st, who, "create", "calendar_feed", *id, NULL, after, err);
        json_decref(after);
    }
    if (rc == 0)
        rc = store_commit(st, err);
    if (rc) {
        store_rollback(st);
        sodium_memzero(hex, sizeof hex);
        return rc;
    }
    *token = arena_strdup(a, hex);
    sodium_memzero(hex, sizeof hex);
    return 0;
}

int
app_calendar_revoke(struct store *st, const struct actor *who, long long id, struct insyn_err *err)
{
    if (app_require(who, PERM_LOGGED_IN, err))
        return err->code;
    if (id <= 0)
        return err_set(err, INSYN_ENOTFOUND, "Länken finns inte eller är redan återkallad.");
    char now[21];
    app_timestamp(0, now);
    int revoked = 0;
    if (store_begin(st, err))
        return err->code;
    int rc = store_calendar_feed_revoke(st, id, who->user_id, 0, now, &revoked, err);
    if (rc == 0 && revoked == 0)
        rc = err_set(err, INSYN_ENOTFOUND, "Länken finns inte eller är redan återkallad.");
    if (rc == 0)
        rc = app_audit(st, who, "revoke", "calendar_feed", id, NULL, NULL, err);
    if (rc == 0)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
    return rc;
}

int
app_calendar_list(struct store *st, const struct actor *who, struct arena *a,
                  struct calendar_feed_row **rows, int *n, struct insyn_err *err)
{
    if (app_require(who, PERM_LOGGED_IN, err))
        return err->code;
    if (store_calendar_feed_list(st, who->user_id, a, rows, n, err))
        return err->code;
    /* a link to an agreement the user may no longer see (moved to another provider) answers
     * "not found"; the list must not name the agreement either */
    int k = 0;
    for (int i = 0; i < *n; i++) {
        struct agreement g;
        struct insyn_err inner = {0};
        if ((*rows)[i].agreement_id &&
            app_agreement_get(st, who, (*rows)[i].agreement_id, a, &g, &inner)) {
            if (inner.code != INSYN_ENOTFOUND)
                return err_set(err, inner.code, "%s", inner.message);
            continue;
        }
        (*rows)[k++] = (*rows)[i];
    }
    *n = k;
    return 0;
}

static const char *
status_label(const struct followup_row *t, int today)
{
    if (strcmp(t->status, "done") == 0)
        return "klar";
    return t->due < today ? "försenad" : "planerad";
}

static void
to_event(const struct followup_row *t, const char *behalf, int today, const char *base_url,
         struct arena *a, struct ics_event *e)
{
    e->id = t->id;
    e->due = t->due;
    e->summary = t->organisation_name && *t->organisation_name
                     ? arena_printf(a, "%s – %s", t->activity, t->organisation_name)
                     : arena_strdup(a, t->activity);
    struct buf d;
    buf_init(&d);
    if (t->agreement_id)
        buf_printf(&d, "Avtal: %s, %s\nUtförare: %s\n", t->case_ref, t->agreement_title,
                   t->organisation_name);
    else
        buf_puts(&d, "Systemnivå\n");
    buf_printf(&d, "Ansvarig: %s\nStatus: %s\nRutin: %s\n",
               role_label(role_parse(t->responsible_role)), status_label(t, today),
               t->routine_name);
    if (t->may_be_written)
        buf_puts(&d, "Får göras skriftligt.\n");
    if (behalf)
        buf_printf(&d, "Som ersättare för %s.\n", behalf);
    if (d.len && d.data[d.len - 1] == '\n')
        d.data[--d.len] = '\0';
    e->description = arena_strdup(a, d.data ? d.data : "");
    buf_free(&d);
    e->url = base_url && t->agreement_id
                 ? arena_printf(a, "%s/avtal/%lld", base_url, t->agreement_id)
                 : NULL;
    e->cancelled = 0;
}

int
app_calendar_feed(struct store *st, const char *token, int today, const char *base_url,
                  struct arena *a, struct calendar_feed *out, struct insyn_err *err)
{
    memset(out, 0, sizeof *out);
    size_t len = token ? strlen(token) : 0;
    int hex = len == 64;
    for (size_t i = 0; hex && i < len; i++)
        hex = (token[i] >= '0' && token[i] <= '9') || (token[i] >= 'a' && token[i] <= 'f');
    if (!hex)
        return err_set(err, INSYN_ENOTFOUND, "Kalendern finns inte.");
    char hash[65];
    feed_token_hash(token, hash);
    struct calendar_feed_row feed;
    struct user u;
    if (store_calendar_feed_by_token(st, hash, a, &feed) != 0 ||
        store_user_by_id(st, feed.user_id, a, &u) != 0)
        return err_set(err, INSYN_ENOTFOUND, "Kalendern finns inte.");
    struct actor who = {.user_id = u.id,
                        .email = u.email,
                        .name = u.name,
                        .role = u.role,
                        .organisation_id = u.organisation_id};
    struct insyn_err inner = {0};
    if (feed.agreement_id) {
        struct agreement g;
        struct followup_filter f = {
            .agreement_id = feed.agreement_id, .from = DATE_NONE, .to = DATE_NONE};
        struct followup_row *rows;
        int n;
        if (app_agreement_get(st, &who, feed.agreement_id, a, &g, &inner) ||
            app_schedule_list(st, &who, &f, 100000, a, &rows, &n, &inner))
            return err_set(err, inner.code == INSYN_ESYS ? INSYN_ESYS : INSYN_ENOTFOUND,
                           "Kalendern finns inte.");
        out->name = arena_printf(a, "insyn: %s %s", g.case_ref, g.title);
        out->events = arena_alloc(a, sizeof *out->events * (size_t)(n ? n : 1));
        for (int i = 0; i < n; i++)
            to_event(&rows[i], NULL, today, base_url, a, &out->events[i]);
        out->n = n;
    } else {
        struct my_task *tasks;
        int n;
        if (app_my_tasks(st, &who, today, CALENDAR_DAYS_AHEAD, a, &tasks, &n, &inner))
            return err_set(err, inner.code == INSYN_ESYS ? INSYN_ESYS : INSYN_ENOTFOUND,
                           "Kalendern finns inte.");
        out->name = arena_printf(a, "insyn: uppföljningar för %s", u.name);
        out->events = arena_alloc(a, sizeof *out->events * (size_t)(n ? n : 1));
        for (int i = 0; i < n; i++)
            to_event(&tasks[i].task, tasks[i].on_behalf_of, today, base_url, a, &out->events[i]);
        out->n = n;
    }
    return 0;
}
