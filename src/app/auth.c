/* auth.c — users, login with throttling, sessions and API tokens.
 *
 * Passwords are hashed with argon2id (libsodium). Session, API and browser tokens are 32
 * random bytes the client holds; the database keeps only their SHA-256, so a copy of the
 * database does not let anyone in.
 *
 * A login is throttled, never locked (core/throttle.h, docs/security.md). Failed logins are
 * counted per client address, per account at that address and per account from anywhere;
 * past a threshold each count makes the next attempt it covers wait, doubling up to a limit.
 * A browser that has logged in to the account before (its insyn_browser cookie) is counted
 * by itself instead, so that what others do cannot keep the owner out. Whatever the reason,
 * a failed login for an account answers exactly as one for an account that does not exist,
 * after the same work: a password hash is computed either way. Only a client address that
 * must wait is told so, and how long, since that says nothing about any account. Every
 * attempt whose password is checked is audited, with the waits it set. */
#include "app/app.h"

#include "core/client_addr.h"
#include "core/orgnr.h"
#include "core/text.h"
#include "core/throttle.h"

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

static void
utc_text(time_t t, char out[21])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The throttle keeps time in milliseconds, so that a wait of one second lasts one second
 * whenever in a second it starts. */
static long long
clock_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* YYYY-MM-DDTHH:MM:SS.mmmZ (UTC): the throttle's times, which compare as text. */
static void
utc_ms_text(long long ms, char out[25])
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    size_t n = strftime(out, 25, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + n, 25 - n, ".%03dZ", (int)(ms % 1000));
}

/* Whole seconds, rounded up, from now until a time utc_ms_text wrote; 0 when it is NULL or
 * has passed. */
static int
seconds_until(const char *utc_ms, long long now_ms)
{
    struct tm tm = {0};
    int ms = 0;
    const char *rest = utc_ms ? strptime(utc_ms, "%Y-%m-%dT%H:%M:%S", &tm) : NULL;
    if (!rest || sscanf(rest, ".%3dZ", &ms) != 1)
        return 0;
    long long t = (long long)timegm(&tm) * 1000 + ms;
    return t > now_ms ? (int)((t - now_ms + 999) / 1000) : 0;
}

static const char login_failed_message[] =
    "Inloggningen misslyckades. Kontrollera e-postadressen och lösenordet. Har det blivit fel "
    "flera gånger i rad behöver du vänta en stund innan du försöker igen.";

/* What one attempt is counted under: a subject per kind of count. */
struct login_subjects {
    const char *address_text; /* as the audit log shows it */
    char address[CLIENT_ADDR_MAX + 4];
    char account[65]; /* SHA-256 of the account name as typed: nothing typed is kept */
    char account_address[65 + CLIENT_ADDR_MAX + 4];
    char browser[65]; /* the browser token's hash; "" when the browser sent none */
};

static void
login_subjects(const struct login_attempt *in, struct login_subjects *out)
{
    int have = in->client_address && *in->client_address;
    out->address_text = have ? in->client_address : "okänd";
    if (have)
        client_addr_key(in->client_address, out->address);
    else
        snprintf(out->address, sizeof out->address, "%s", out->address_text);
    /* lower case as the account lookup compares (ASCII only, as SQLite's lower()) */
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    unsigned char chunk[256];
    size_t n = 0;
    for (const char *p = in->email; *p; p++) {
        chunk[n++] = (unsigned char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
        if (n == sizeof chunk || !p[1]) {
            crypto_hash_sha256_update(&h, chunk, n);
            n = 0;
        }
    }
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&h, digest);
    sodium_bin2hex(out->account, sizeof out->account, digest, sizeof digest);
    snprintf(out->account_address, sizeof out->account_address, "%s %s", out->account,
             out->address);
    out->browser[0] = '\0';
    if (in->browser_token && strlen(in->browser_token) == 64)
        token_hash(in->browser_token, out->browser);
}

static int
address_must_wait(int wait, struct login_result *out, struct insyn_err *err)
{
    out->retry_after = wait;
    int minutes = (wait + 59) / 60;
    char how_long[32];
    if (wait == 1)
        snprintf(how_long, sizeof how_long, "en sekund");
    else if (wait < 60)
        snprintf(how_long, sizeof how_long, "%d sekunder", wait);
    else if (minutes == 1)
        snprintf(how_long, sizeof how_long, "en minut");
    else
        snprintf(how_long, sizeof how_long, "%d minuter", minutes);
    return err_set(err, INSYN_ELOCKED,
                   "Det har gjorts för många misslyckade inloggningsförsök från din anslutning. "
                   "Vänta %s och försök sedan igen.",
                   how_long);
}

static void
log_wait(enum throttle_kind kind, const struct login_subjects *subj, int wait, int failures)
{
    switch (kind) {
    case THROTTLE_ADDRESS:
        log_line(4, "login: client address %s must wait %d s after %d failed logins", subj->address,
                 wait, failures);
        break;
    case THROTTLE_ACCOUNT:
        log_line(4, "login: account %.12s must wait %d s after %d failed logins from anywhere",
                 subj->account, wait, failures);
        break;
    case THROTTLE_ACCOUNT_ADDRESS:
        log_line(6, "login: account %.12s must wait %d s at %s after %d failed logins there",
                 subj->account, wait, subj->address, failures);
        break;
    default:
        log_line(6, "login: a known browser of account %.12s must wait %d s after %d failed logins",
                 subj->account, wait, failures);
        break;
    }
}

/* A failed attempt: counts it, sets the waits it has earned and audits it, in one
 * transaction. A refused attempt (its account had to wait) told nothing about the password,
 * so only its address pays for it. */
static int
login_fail(struct store *st, const struct user *u, const struct login_subjects *subj,
           const char *const subject[], struct throttle_count count[], int refused, long long now,
           int window, struct login_result *out, struct insyn_err *err)
{
    char at[25];
    utc_ms_text(now, at);
    json_t *failures = json_object(), *waits = json_object();
    int address_wait = 0, rc = 0;
    for (int k = 0; rc == 0 && k < THROTTLE_KINDS; k++) {
        if (!subject[k] || (refused && k != THROTTLE_ADDRESS))
            continue;
        const struct throttle_rule *rule = &throttle_rules[k];
        struct throttle_count *c = &count[k];
        c->failures++;
        int wait = throttle_wait(rule, c->failures);
        char until[25], forget[25];
        utc_ms_text(now + wait * 1000LL, until);
        utc_ms_text(now + (wait + (long long)window) * 1000, forget);
        c->last_failure_at = at;
        c->blocked_until = wait ? until : NULL;
        c->forget_at = forget;
        rc = store_throttle_put(st, rule->name, subject[k], c, err);
        json_object_set_new(failures, rule->name, json_integer(c->failures));
        if (wait) {
            json_object_set_new(waits, rule->name, json_integer(wait));
            log_wait((enum throttle_kind)k, subj, wait, c->failures);
        }
        if (k == THROTTLE_ADDRESS)
            address_wait = wait;
    }
    int throttled = json_object_size(waits) > 0;
    json_t *after = json_pack("{s:s, s:o, s:o, s:b}", "address", subj->address_text, "failures",
                              failures, "waits", waits, "refused", refused);
    struct actor who = {.email = u ? u->email : NULL};
    if (rc) {
        json_decref(after);
        return app_abort(st, err);
    }
    rc = app_commit_audited(st, &who, throttled ? "login_throttled" : "login_failed", "user",
                            u ? u->id : 0, NULL, after, err);
    if (rc)
        return rc;
    if (address_wait)
        return address_must_wait(address_wait, out, err);
    return err_set(err, INSYN_EAUTH, "%s", login_failed_message);
}

/* A successful attempt: its own count starts over, a session opens and the browser becomes
 * (or stays) known to the account. The counts of the address and of the account from
 * anywhere are left alone: a success says nothing about the other attempts they hold. */
static int
login_succeed(struct store *st, const struct user *u, const struct login_subjects *subj,
              const char *known_browser, long long now_ms, struct arena *a,
              struct login_result *out, struct insyn_err *err)
{
    time_t now = (time_t)(now_ms / 1000);
    char at[21], expires[21], browser_expires[21];
    utc_text(now, at);
    utc_text(now + SESSION_SECONDS, expires);
    utc_text(now + LOGIN_BROWSER_SECONDS, browser_expires);
    char token[65], hash[65], csrf[65], browser[65], browser_hash[65];
    random_token(token);
    random_token(csrf);
    token_hash(token, hash);
    int rc;
    if (known_browser)
        rc = store_throttle_clear(st, throttle_rules[THROTTLE_BROWSER].name, subj->browser, err);
    else
        rc = store_throttle_clear(st, throttle_rules[THROTTLE_ACCOUNT_ADDRESS].name,
                                  subj->account_address, err);
    if (rc == 0)
        rc = store_session_purge(st, at, err);
    if (rc == 0)
        rc = store_session_insert(st, hash, u->id, csrf, at, expires, err);
    if (rc == 0 && known_browser) {
        rc = store_browser_touch(st, subj->browser, at, browser_expires, err);
    } else if (rc == 0) {
        random_token(browser);
        token_hash(browser, browser_hash);
        rc = store_browser_insert(st, browser_hash, u->id, at, browser_expires, err);
        if (rc == 0)
            rc = store_browser_prune(st, u->id, LOGIN_BROWSERS_PER_USER, at, err);
    }
    if (rc)
        return app_abort(st, err);
    struct actor who;
    actor_from_user(u, &who);
    json_t *after = json_pack("{s:s, s:s}", "address", subj->address_text, "browser",
                              known_browser ? "known" : "new");
    rc = app_commit_audited(st, &who, "login", "user", u->id, NULL, after, err);
    if (rc)
        return rc;
    out->session_token = arena_strdup(a, token);
    /* a known browser is sent its own token again, so that its cookie's life starts over */
    out->browser_token = arena_strdup(a, known_browser ? known_browser : browser);
    return 0;
}

int
app_login(struct store *st, const struct login_attempt *in, struct arena *a,
          struct login_result *out, struct insyn_err *err)
{
    *out = (struct login_result){0};
    if (!in->email || !*in->email || !in->password || !*in->password)
        return err_set(err, INSYN_EAUTH, "Ange e-postadress och lösenord.");
    int window = in->window_seconds > 0 ? in->window_seconds : LOGIN_WINDOW_SECONDS;
    struct login_subjects subj;
    login_subjects(in, &subj);
    long long now = clock_ms();
    char at[25], at_seconds[21];
    utc_ms_text(now, at);
    utc_text((time_t)(now / 1000), at_seconds);
    struct user u;
    int known = store_user_by_email(st, in->email, a, &u) == 0;
    /* looked up whenever a browser sends a token, so that the work does not depend on
     * whether the account exists; the browser counts only for the account it logged in to */
    long long browser_user = 0;
    if (subj.browser[0])
        store_browser_user(st, subj.browser, at_seconds, &browser_user);
    int known_browser = known && browser_user == u.id;

    const char *subject[THROTTLE_KINDS] = {0};
    if (known_browser) {
        subject[THROTTLE_BROWSER] = subj.browser;
    } else {
        subject[THROTTLE_ADDRESS] = subj.address;
        subject[THROTTLE_ACCOUNT_ADDRESS] = subj.account_address;
        subject[THROTTLE_ACCOUNT] = subj.account;
    }
    struct throttle_count count[THROTTLE_KINDS] = {0};
    /* An address that must wait is turned away at the door: no password is checked and
     * nothing is written, so that waiting costs the server next to nothing. */
    if (subject[THROTTLE_ADDRESS]) {
        int rc =
            store_throttle_get(st, throttle_rules[THROTTLE_ADDRESS].name, subject[THROTTLE_ADDRESS],
                               at, a, &count[THROTTLE_ADDRESS], err);
        if (rc)
            return rc;
        int wait = seconds_until(count[THROTTLE_ADDRESS].blocked_until, now);
        if (wait > 0)
            return address_must_wait(wait, out, err);
    }

    /* the same work whether or not the account exists, so that timing does not tell */
    int password_ok = 0;
    if (known) {
        password_ok =
            crypto_pwhash_str_verify(u.password_hash, in->password, strlen(in->password)) == 0;
    } else {
        char dummy[crypto_pwhash_STRBYTES];
        if (crypto_pwhash_str(dummy, in->password, strlen(in->password),
                              crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
            return err_incident(err, "login: no memory for the password hash");
    }

    int rc = store_begin(st, err);
    if (rc)
        return rc;
    /* Counted again inside the write transaction: attempts made at the same time are each
     * counted, and a wait one of them has set holds for the others. */
    now = clock_ms();
    utc_ms_text(now, at);
    rc = store_throttle_purge(st, at, err);
    for (int k = 0; rc == 0 && k < THROTTLE_KINDS; k++)
        if (subject[k])
            rc = store_throttle_get(st, throttle_rules[k].name, subject[k], at, a, &count[k], err);
    if (rc)
        return app_abort(st, err);
    if (subject[THROTTLE_ADDRESS]) {
        int wait = seconds_until(count[THROTTLE_ADDRESS].blocked_until, now);
        if (wait > 0) {
            store_rollback(st);
            return address_must_wait(wait, out, err);
        }
    }
    int refused = 0;
    for (int k = THROTTLE_ACCOUNT_ADDRESS; k < THROTTLE_KINDS; k++)
        refused |= subject[k] && seconds_until(count[k].blocked_until, now) > 0;
    if (password_ok && !refused)
        return login_succeed(st, &u, &subj, known_browser ? in->browser_token : NULL, now, a, out,
                             err);
    return login_fail(st, known ? &u : NULL, &subj, subject, count, refused, now, window, out, err);
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
    if (store_session_get(st, hash, now, &a, &u, &csrf, NULL) == 0) {
        struct actor who;
        actor_from_user(&u, &who);
        rc = store_begin(st, err);
        if (rc == 0) {
            rc = store_session_delete(st, hash, err);
            if (rc == 0)
                rc = app_commit_audited(st, &who, "logout", "user", u.id, NULL, NULL, err);
            else
                app_abort(st, err);
        }
    }
    arena_free(&a);
    return rc;
}

int
app_session_actor(struct store *st, const char *session_token, struct arena *a, struct actor *out,
                  char **csrf, long long *version)
{
    if (!session_token || strlen(session_token) != 64)
        return INSYN_EAUTH;
    char hash[65], now[21];
    token_hash(session_token, hash);
    app_timestamp(0, now);
    struct user u;
    if (store_session_get(st, hash, now, a, &u, csrf, version) != 0)
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
    int rc = store_begin(st, err);
    if (rc)
        return rc;
    rc = store_token_insert(st, hash, u.id, now, err);
    if (rc)
        return app_abort(st, err);
    rc = app_commit_audited(st, &app_system_actor, "create_token", "user", u.id, NULL, NULL, err);
    if (rc)
        return rc;
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
