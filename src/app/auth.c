/* auth.c — users, login with lock-out, sessions and API tokens.
 *
 * Passwords are hashed with argon2id (libsodium). Session and API tokens are 32 random
 * bytes the client holds; the database keeps only their SHA-256, so a copy of the
 * database does not let anyone in. After LOGIN_MAX_FAILURES failures within
 * LOGIN_WINDOW_SECONDS the account is locked for LOGIN_LOCK_SECONDS, even for the right
 * password. Every login, failed login and logout is audited. */
#include "app/app.h"

#include "core/orgnr.h"
#include "core/text.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static void
random_token(char out[65])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(out, 65, raw, sizeof raw);
}

static void
token_hash(const char *token, char out[65])
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(out, 65, digest, sizeof digest);
}

static void
actor_from_user(const struct user *u, struct actor *out)
{
    out->user_id = u->id;
    out->email = u->email;
    out->name = u->name;
    out->role = u->role;
    out->organisation_id = u->organisation_id;
}

int
app_user_add(struct store *st, const char *email, const char *name, const char *role,
             const char *org_nr, const char *password, struct insyn_err *err)
{
    struct user u = {0};
    struct arena a;
    arena_init(&a);
    int rc = INSYN_EINVAL;
    u.email = text_trim(&a, email);
    u.name = text_trim(&a, name && *name ? name : email);
    u.role = role_parse(role);
    if (!*u.email || !strchr(u.email, '@'))
        err_field(err, 0, "email", "Ange en e-postadress.");
    if (u.role == ROLE_NONE)
        err_field(err, 0, "role", "Okänd roll: %s.", role ? role : "");
    if (!password || strlen(password) < 12)
        err_field(err, 0, "password", "Lösenordet ska vara minst 12 tecken.");
    if (u.role == ROLE_PROVIDER_USER) {
        char nr[12];
        if (!org_nr || !*org_nr)
            err_field(err, 0, "organisation",
                      "En företrädare för utförare ska knytas till en organisation (--organisation "
                      "ORG_NR).");
        else if (orgnr_normalize(org_nr, nr, 0, "organisation", err) == 0 &&
                 store_org_id_by_orgnr(st, nr, &u.organisation_id) != 0)
            err_field(err, 0, "organisation", "Organisationen %s finns inte.", nr);
    } else if (org_nr && *org_nr) {
        err_field(err, 0, "organisation", "Bara rollen provider_user knyts till en organisation.");
    }
    if (err->nfields)
        goto done;
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        rc = err_set(err, INSYN_ESYS, "Minnet räcker inte för att hasha lösenordet.");
        goto done;
    }
    u.password_hash = hash;
    if ((rc = store_begin(st, err)))
        goto done;
    rc = store_user_insert(st, &u, err);
    if (rc == INSYN_ECONFLICT) {
        err_set(err, INSYN_ECONFLICT, "Det finns redan en användare med e-postadressen %s.",
                u.email);
        err_field(err, 0, "email", "Det finns redan en användare med e-postadressen %s.", u.email);
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:s, s:s, s:s, s:I}", "id", (json_int_t)u.id, "email",
                                  u.email, "name", u.name, "role", role_code(u.role),
                                  "organisation_id", (json_int_t)u.organisation_id);
        rc = app_audit(st, &app_system_actor, "create", "user", u.id, NULL, after, err);
        json_decref(after);
    }
    if (rc == 0)
        rc = store_commit(st, err);
    if (rc)
        store_rollback(st);
done:
    arena_free(&a);
    return rc ? rc : (err->nfields ? INSYN_EINVAL : 0);
}

static int
login_fail(struct store *st, struct user *u, const char *now, struct insyn_err *err)
{
    /* a failure more than the window after the first failure starts a new count */
    char window_start[21];
    app_timestamp(-LOGIN_WINDOW_SECONDS, window_start);
    int failed = u->failed_logins;
    const char *first = u->first_failed_at;
    if (!first || strcmp(first, window_start) < 0) {
        failed = 0;
        first = now;
    }
    failed++;
    char until[21];
    app_timestamp(LOGIN_LOCK_SECONDS, until);
    const char *locked = failed >= LOGIN_MAX_FAILURES ? until : NULL;
    struct actor who = {.email = u->email};
    json_t *after = json_pack("{s:i, s:b}", "failed_logins", failed, "locked", locked != NULL);
    int rc = store_user_set_failures(st, u->id, failed, first, locked, err) ||
             app_audit(st, &who, locked ? "login_locked" : "login_failed", "user", u->id, NULL,
                       after, err);
    json_decref(after);
    return rc;
}

static int
locked_error(const struct user *u, struct insyn_err *err)
{
    char clock[8];
    app_local_time(u->locked_until, "%H:%M", clock, sizeof clock);
    return err_set(err, INSYN_ELOCKED,
                   "Kontot är låst efter %d misslyckade inloggningar. Försök igen efter "
                   "klockan %s, eller kontakta systemadministratören.",
                   LOGIN_MAX_FAILURES, clock);
}

int
app_login(struct store *st, const char *email, const char *password, struct arena *a,
          char **session_token, struct insyn_err *err)
{
    const char *generic = "Fel e-postadress eller lösenord.";
    if (!email || !*email || !password || !*password)
        return err_set(err, INSYN_EAUTH, "Ange e-postadress och lösenord.");
    char now[21];
    app_timestamp(0, now);
    struct user u;
    if (store_user_by_email(st, email, a, &u) != 0) {
        /* spend the same time as a real check so that timing does not reveal accounts */
        char dummy[crypto_pwhash_STRBYTES];
        if (crypto_pwhash_str(dummy, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
            return err_set(err, INSYN_ESYS, "Minnet räcker inte för att kontrollera lösenordet.");
        return err_set(err, INSYN_EAUTH, "%s", generic);
    }
    if (u.locked_until && strcmp(u.locked_until, now) > 0)
        return locked_error(&u, err);
    int ok = crypto_pwhash_str_verify(u.password_hash, password, strlen(password)) == 0;
    if (store_begin(st, err))
        return err->code;
    /* Read the account again inside the write transaction: attempts that ran at the same
     * time must each be counted, and a lock one of them has set holds for this one too. */
    if (store_user_by_email(st, email, a, &u) != 0) {
        store_rollback(st);
        return err_set(err, INSYN_EAUTH, "%s", generic);
    }
    if (u.locked_until && strcmp(u.locked_until, now) > 0) {
        store_rollback(st);
        return locked_error(&u, err);
    }
    if (!ok) {
        int locked_now = 0;
        struct insyn_err ignore = {0};
        if (login_fail(st, &u, now, &ignore) == 0 && store_commit(st, &ignore) == 0) {
            struct user again;
            locked_now = store_user_by_email(st, email, a, &again) == 0 && again.locked_until;
        } else {
            store_rollback(st);
        }
        if (locked_now)
            return err_set(err, INSYN_ELOCKED,
                           "Kontot är nu låst i %d minuter efter %d misslyckade inloggningar.",
                           LOGIN_LOCK_SECONDS / 60, LOGIN_MAX_FAILURES);
        return err_set(err, INSYN_EAUTH, "%s", generic);
    }
    char token[65], hash[65], csrf[65], expires[21];
    random_token(token);
    random_token(csrf);
    token_hash(token, hash);
    app_timestamp(SESSION_SECONDS, expires);
    struct actor who;
    actor_from_user(&u, &who);
    if (store_user_set_failures(st, u.id, 0, NULL, NULL, err) ||
        store_session_purge(st, now, err) ||
        store_session_insert(st, hash, u.id, csrf, now, expires, err) ||
        app_audit(st, &who, "login", "user", u.id, NULL, NULL, err) || store_commit(st, err)) {
        store_rollback(st);
        return err->code ? err->code : INSYN_ESYS;
    }
    *session_token = arena_strdup(a, token);
    return 0;
}

int
app_logout(struct store *st, const char *session_token, struct insyn_err *err)
{
    char hash[65], now[21];
    token_hash(session_token, hash);
    app_timestamp(0, now);
    struct arena a;
    arena_init(&a);
    struct user u;
    char *csrf;
    int rc = 0;
    if (store_session_get(st, hash, now, &a, &u, &csrf) == 0) {
        struct actor who;
        actor_from_user(&u, &who);
        rc = store_begin(st, err) || store_session_delete(st, hash, err) ||
             app_audit(st, &who, "logout", "user", u.id, NULL, NULL, err) || store_commit(st, err);
        if (rc)
            store_rollback(st);
    }
    arena_free(&a);
    return rc ? INSYN_ESYS : 0;
}

int
app_session_actor(struct store *st, const char *session_token, struct arena *a, struct actor *out,
                  char **csrf)
{
    if (!session_token || strlen(session_token) != 64)
        return INSYN_EAUTH;
    char hash[65], now[21];
    token_hash(session_token, hash);
    app_timestamp(0, now);
    struct user u;
    if (store_session_get(st, hash, now, a, &u, csrf) != 0)
        return INSYN_EAUTH;
    actor_from_user(&u, out);
    return 0;
}

int
app_token_create(struct store *st, const char *email, struct arena *a, char **token,
                 struct insyn_err *err)
{
    struct user u;
    if (store_user_by_email(st, email ? email : "", a, &u) != 0) {
        err_field(err, 0, "email", "Det finns ingen användare med e-postadressen %s.",
                  email ? email : "");
        return INSYN_EINVAL;
    }
    char raw[65], hash[65], now[21];
    random_token(raw);
    token_hash(raw, hash);
    app_timestamp(0, now);
    if (store_begin(st, err) || store_token_insert(st, hash, u.id, now, err) ||
        app_audit(st, &app_system_actor, "create_token", "user", u.id, NULL, NULL, err) ||
        store_commit(st, err)) {
        store_rollback(st);
        return INSYN_ESYS;
    }
    *token = arena_printf(a, "insyn_%s", raw);
    return 0;
}

int
app_token_actor(struct store *st, const char *token, struct arena *a, struct actor *out)
{
    if (!token || strncmp(token, "insyn_", 6) != 0 || strlen(token) != 70)
        return INSYN_EAUTH;
    char hash[65];
    token_hash(token + 6, hash);
    struct user u;
    if (store_token_user(st, hash, a, &u) != 0)
        return INSYN_EAUTH;
    actor_from_user(&u, out);
    return 0;
}

int
app_strategists(struct store *st, struct arena *a, struct user **items, int *n,
                struct insyn_err *err)
{
    return store_user_list(st, ROLE_STRATEGIST, a, items, n, err);
}
