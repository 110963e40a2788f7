/* survey_remind.c — reminders to those who have not answered an open survey, sent with the
 * follow-up reminders by `insyn remind`.
 *
 * One message per address. A member of staff with an account is asked to answer under Mina
 * uppgifter, a provider's users to answer in the portal: their messages carry no secret. Anyone
 * else (a provider without users: its contact address) is sent a new personal link for each
 * survey, since the link given before was never kept;
 * the new link replaces the old one in the same transaction as the message is handed over, so a
 * link that was not sent never replaces one that was. */
#include "app/surveys.h"

#include "core/buf.h"
#include "core/date.h"
#include "io/mail.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* How a group of rows (one address, or one provider) is reached. */
enum reach { REACH_STAFF, REACH_PORTAL, REACH_LINK };

struct group {
    const struct survey_pending *rows;
    int n;
    enum reach reach;
    const char *name; /* the greeting: a person's name, else "" */
};

static void
add_failure(struct survey_remind_result *r, const char *who, const char *reason)
{
    size_t used = strlen(r->failures);
    snprintf(r->failures + used, sizeof r->failures - used, "%s: %s\n", who, reason);
}

static const struct user *
staff_with_email(const struct user *users, int nu, const char *email)
{
    for (int i = 0; i < nu; i++)
        if (role_is_internal(users[i].role) && strcasecmp(users[i].email, email) == 0)
            return &users[i];
    return NULL;
}

/* The message of a group; tokens[i] is row i's new link's secret (REACH_LINK only). */
static char *
body_of(struct arena *a, const struct group *g, char (*tokens)[65],
        const struct survey_remind_options *opt)
{
    struct buf b;
    buf_init(&b);
    int provider = !*g->rows[0].email; /* the provider itself is asked */
    buf_printf(&b, "Hej%s%s!\n\n", *g->name ? " " : "", g->name);
    if (provider)
        buf_printf(&b, "%s har inte besvarat %s från kommunens socialförvaltning:\n\n",
                   g->rows[0].organisation_name, g->n == 1 ? "en enkät" : "några enkäter");
    else
        buf_printf(&b, "Du har inte besvarat %s från kommunens socialförvaltning:\n\n",
                   g->n == 1 ? "en enkät" : "några enkäter");
    for (int i = 0; i < g->n; i++) {
        const struct survey_pending *p = &g->rows[i];
        buf_printf(&b, "- %s", p->title);
        if (!provider && *p->organisation_name)
            buf_printf(&b, " (om %s)", p->organisation_name);
        buf_puts(&b, "\n");
        if (g->reach == REACH_LINK)
            buf_printf(&b, "  %s/svar/%s\n", opt->public_url, tokens[i]);
    }
    switch (g->reach) {
    case REACH_STAFF:
        buf_puts(&b, "\nDu besvarar enkäterna när du är inloggad i insyn, under Mina uppgifter");
        if (*opt->public_url)
            buf_printf(&b, ":\n%s/mina-uppgifter\n", opt->public_url);
        else
            buf_puts(&b, ".\n");
        break;
    case REACH_PORTAL:
        buf_puts(&b, "\nNi besvarar enkäterna när ni är inloggade i insyn, under Enkäter");
        if (*opt->public_url)
            buf_printf(&b, ":\n%s/mina-enkater\n", opt->public_url);
        else
            buf_puts(&b, ".\n");
        break;
    case REACH_LINK:
        buf_puts(&b, "\nLänken är personlig och kan användas en gång. Den ersätter länken som du "
                     "fick tidigare; den gäller inte längre.\n");
        break;
    }
    int anonymous = 0;
    for (int i = 0; i < g->n; i++)
        anonymous |= g->rows[i].anonymous;
    if (anonymous)
        buf_puts(&b, "\nEn anonym enkät sparar ditt svar utan koppling till dig.\n");
    buf_puts(&b, "\nDet här meddelandet skickades automatiskt av insyn.\n");
    char *out = arena_strdup(a, b.data);
    buf_free(&b);
    return out;
}

/* Marks the group's rows reminded (new links for REACH_LINK), hands its message to each
 * address and commits when at least one was handed over; else rolls back. */
static int
remind_group(struct store *st, const struct group *g, const char *const *to, int nto,
             const struct survey_remind_options *opt, struct survey_remind_result *out,
             struct insyn_err *err)
{
    struct arena a;
    arena_init(&a);
    char(*tokens)[65] = arena_alloc(&a, sizeof *tokens * (size_t)g->n);
    char today[11];
    date_format(opt->today, today);
    if (store_begin(st, err)) {
        arena_free(&a);
        return err->code;
    }
    for (int i = 0; i < g->n; i++) {
        char hash[65];
        if (g->reach == REACH_LINK)
            survey_link_secret(tokens[i], hash);
        if (store_survey_recipient_reminded(st, g->rows[i].recipient_id,
                                            g->reach == REACH_LINK ? hash : NULL, today, err)) {
            arena_free(&a);
            return app_abort(st, err);
        }
    }
    /* the audit counts per survey; it names no recipient, so that an anonymous survey's
     * reminders say nothing of who has answered when */
    for (int i = 0; i < g->n; i++) {
        int first = 1;
        for (int k = 0; k < i && first; k++)
            first = g->rows[k].survey_id != g->rows[i].survey_id;
        if (first &&
            app_audit_take(st, &app_system_actor, "remind", "survey", g->rows[i].survey_id, NULL,
                           json_pack("{s:b}", "new_link", g->reach == REACH_LINK), err)) {
            arena_free(&a);
            return app_abort(st, err);
        }
    }
    const char *subject = g->n == 1 ? arena_printf(&a, "Påminnelse: %s", g->rows[0].title)
                                    : arena_printf(&a, "Påminnelse: %d enkäter att besvara", g->n);
    char *body = body_of(&a, g, tokens, opt);
    int sent = 0;
    long long clock = (long long)time(NULL);
    for (int k = 0; k < nto; k++) {
        char reason[200];
        struct mail m = {.from = opt->from, .to = to[k], .subject = subject, .body = body};
        if (!mail_address_ok(to[k])) {
            add_failure(out, to[k], "e-postadressen går inte att skicka till");
            out->failed++;
        } else if (mail_send(opt->sendmail, mail_message(&a, &m, clock), reason, sizeof reason) ==
                   0) {
            out->sent++;
            sent++;
        } else {
            add_failure(out, to[k], reason);
            out->failed++;
        }
    }
    arena_free(&a);
    if (!sent)
        return store_rollback(st), 0;
    return store_commit(st, err);
}

int
app_survey_remind(struct store *st, const struct survey_remind_options *opt,
                  struct survey_remind_result *out, struct insyn_err *err)
{
    memset(out, 0, sizeof *out);
    if (opt->days < 1)
        return err_set(err, INSYN_EINVAL, "Påminnelser om enkäter kräver minst en dag mellan dem.");
    if (!mail_address_ok(opt->from))
        return err_set(err, INSYN_EINVAL, "Avsändaradressen %s går inte att använda.",
                       opt->from ? opt->from : "");
    char cutoff[11];
    date_format(opt->today - opt->days, cutoff);
    struct arena a;
    arena_init(&a);
    struct survey_pending *rows;
    struct user *users;
    int n, nu;
    if (store_survey_pending_due(st, cutoff, &a, &rows, &n, err) ||
        store_user_list(st, ROLE_NONE, &a, &users, &nu, err)) {
        arena_free(&a);
        return err->code ? err->code : INSYN_ESYS;
    }
    const char **to = arena_alloc(&a, sizeof *to * (size_t)(nu ? nu : 1));
    for (int i = 0; i < n;) {
        /* a group: the rows of one address, or of one provider asked as an organisation */
        int k = i + 1;
        while (k < n && strcmp(rows[k].email, rows[i].email) == 0 &&
               (*rows[i].email || rows[k].organisation_id == rows[i].organisation_id))
            k++;
        struct group g = {&rows[i], k - i, REACH_LINK, ""};
        int nto = 0;
        out->recipients += g.n;
        for (int r = i; r < k; r++) {
            int first = 1;
            for (int q = 0; q < r && first; q++)
                first = rows[q].survey_id != rows[r].survey_id;
            out->surveys += first;
        }
        i = k;
        const char *who = g.rows[0].email;
        if (!*who) { /* a provider: its users in the portal, else its contact address */
            who = g.rows[0].organisation_name;
            for (int u = 0; u < nu; u++)
                if (users[u].role == ROLE_PROVIDER_USER &&
                    users[u].organisation_id == g.rows[0].organisation_id)
                    to[nto++] = users[u].email;
            if (nto)
                g.reach = REACH_PORTAL;
            else if (*g.rows[0].contact_email)
                to[nto++] = g.rows[0].contact_email;
            else {
                add_failure(out, who,
                            "utföraren har varken användare i insyn eller en e-postadress");
                out->failed++;
                continue;
            }
        } else {
            const struct user *u = staff_with_email(users, nu, who);
            if (u) {
                g.reach = REACH_STAFF;
                g.name = u->name;
            }
            to[nto++] = who;
        }
        if (g.reach == REACH_LINK && !*opt->public_url) {
            add_failure(out, who, "en ny länk kräver insyns adress (--public-url)");
            out->failed++;
            continue;
        }
        if (remind_group(st, &g, to, nto, opt, out, err)) {
            arena_free(&a);
            return err->code;
        }
    }
    arena_free(&a);
    if (out->failed)
        return err_set(err, INSYN_ESYS, "%d enkätpåminnelser kunde inte lämnas över.", out->failed);
    return 0;
}
