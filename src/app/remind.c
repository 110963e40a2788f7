/* remind.c — the daily reminder: one e-mail to each person with tasks to do.
 *
 * Every internal user gets, when they have any, one message listing their overdue
 * follow-ups and those due within the next days, as Mina uppgifter shows them: their own
 * by role and, during a substitution, those of the person they stand in for (marked); then
 * the deadlines of the LOV applications and introduction items they answer for, each with
 * the applicant and, when the public URL is known, a link to the application. The message is
 * handed to a sendmail-compatible command; a failure for one person does not stop the others,
 * and the result names everyone whose message was not handed over. */
#include "app/app.h"
#include "app/applications.h"

#include "core/buf.h"
#include "core/date.h"
#include "io/mail.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static void
task_line(struct buf *b, const struct my_task *t)
{
    char due[11];
    date_format(t->task.due, due);
    buf_printf(b, "- %s  %s\n", due, t->task.activity);
    if (t->task.agreement_id)
        buf_printf(b, "  %s %s, %s\n", t->task.case_ref, t->task.agreement_title,
                   t->task.organisation_name);
    else
        buf_puts(b, "  Systemnivå\n");
    if (t->task.may_be_written)
        buf_puts(b, "  Får göras skriftligt.\n");
    if (t->on_behalf_of)
        buf_printf(b, "  Som ersättare för %s\n", t->on_behalf_of);
}

static void
application_line(struct buf *b, const struct application_task *t, const struct remind_options *opt)
{
    char due[11];
    date_format(t->due, due);
    buf_printf(b, "- %s  %s\n", due, t->text);
    /* an introduction item's organisation is approved: no longer an applicant */
    buf_printf(b, "  %s: %s\n", t->item_id ? "Utförare" : "Sökande",
               t->organisation_name ? t->organisation_name : "");
    if (opt->public_url && *opt->public_url)
        buf_printf(b, "  %s/ansokningar/%lld\n", opt->public_url, t->application_id);
}

static char *
body_of(struct arena *a, const struct user *u, const struct my_task *tasks, int n,
        const struct application_task *apps, int na, const struct remind_options *opt)
{
    char today[11];
    date_format(opt->today, today);
    struct buf b;
    buf_init(&b);
    const char *what = !na  ? "uppföljningarna"
                       : !n ? "uppgifterna i ansökningar om att bli utförare (LOV)"
                            : "uppföljningarna och uppgifterna i ansökningar om att bli utförare "
                              "(LOV)";
    buf_printf(&b,
               "Hej %s!\n\nDet här är %s i insyn som du ansvarar för och som är försenade eller "
               "förfaller inom %d dagar, per %s.\n",
               u->name, what, opt->days, today);
    int overdue = 0;
    for (int i = 0; i < n; i++)
        overdue += tasks[i].task.due < opt->today;
    for (int part = 0; part < 2; part++) {
        int count = part ? n - overdue : overdue;
        if (!count)
            continue;
        buf_printf(&b, "\n%s (%d):\n", part ? "Kommande" : "Försenade", count);
        for (int i = 0; i < n; i++)
            if ((tasks[i].task.due < opt->today) == !part)
                task_line(&b, &tasks[i]);
    }
    int late = 0;
    for (int i = 0; i < na; i++)
        late += apps[i].due < opt->today;
    for (int part = 0; part < 2; part++) {
        int count = part ? na - late : late;
        if (!count)
            continue;
        buf_printf(&b, "\nAnsökningar och introduktion av nya utförare (LOV), %s (%d):\n",
                   part ? "kommande" : "försenade", count);
        for (int i = 0; i < na; i++)
            if ((apps[i].due < opt->today) == !part)
                application_line(&b, &apps[i], opt);
    }
    buf_puts(&b, "\nDu ser dem också under Mina uppgifter i insyn.\n\n"
                 "Det här meddelandet skickades automatiskt av insyn.\n");
    char *out = arena_strdup(a, b.data);
    buf_free(&b);
    return out;
}

/* The subject: as it always was for follow-ups alone; with application deadlines, tasks. */
static char *
subject_of(struct arena *a, int n, int na, int overdue)
{
    int total = n + na, upcoming = total - overdue;
    if (!na)
        return overdue ? arena_printf(
                             a, "Påminnelse från insyn: %d försenade och %d kommande uppföljningar",
                             overdue, upcoming)
                       : arena_printf(a, "Påminnelse från insyn: %d uppföljning%s förfaller snart",
                                      total, total == 1 ? "" : "ar");
    if (!overdue)
        return arena_printf(a, "Påminnelse från insyn: %d uppgift%s förfaller snart", total,
                            total == 1 ? "" : "er");
    if (!upcoming)
        return arena_printf(a, "Påminnelse från insyn: %d %s", overdue,
                            overdue == 1 ? "försenad uppgift" : "försenade uppgifter");
    return arena_printf(a, "Påminnelse från insyn: %d %s och %d kommande uppgifter", overdue,
                        overdue == 1 ? "försenad" : "försenade", upcoming);
}

static void
add_failure(struct remind_result *r, const char *who, const char *reason)
{
    size_t used = strlen(r->failures);
    snprintf(r->failures + used, sizeof r->failures - used, "%s: %s\n", who, reason);
}

int
app_remind(struct store *st, const struct remind_options *opt, struct remind_result *out,
           struct insyn_err *err)
{
    memset(out, 0, sizeof *out);
    if (opt->days < 0)
        return err_set(err, INSYN_EINVAL, "Antalet dagar kan inte vara negativt.");
    if (!mail_address_ok(opt->from))
        return err_set(err, INSYN_EINVAL, "Avsändaradressen %s går inte att använda.",
                       opt->from ? opt->from : "");
    /* the system-level tasks run two years ahead of the real today, as the server keeps them;
     * a --today in the past must not shorten them */
    int real_today = app_today();
    if (app_schedule_system(st, opt->today > real_today ? opt->today : real_today, err))
        return err->code;
    struct arena a;
    arena_init(&a);
    struct user *users;
    int nu;
    if (store_user_list(st, ROLE_NONE, &a, &users, &nu, err)) {
        arena_free(&a);
        return err->code ? err->code : INSYN_ESYS;
    }
    long long now = (long long)time(NULL);
    for (int i = 0; i < nu; i++) {
        const struct user *u = &users[i];
        if (!role_is_internal(u->role))
            continue;
        struct actor who = {.user_id = u->id,
                            .email = u->email,
                            .name = u->name,
                            .role = u->role,
                            .organisation_id = u->organisation_id};
        struct my_task *tasks;
        struct application_task *apps;
        int n, na;
        struct arena per;
        arena_init(&per);
        if (app_my_tasks(st, &who, opt->today, opt->days, &per, &tasks, &n, err) ||
            app_application_tasks(st, &who, opt->today, opt->days, &per, &apps, &na, err)) {
            arena_free(&per);
            arena_free(&a);
            return err->code ? err->code : INSYN_ESYS;
        }
        if (n + na == 0) {
            arena_free(&per);
            continue;
        }
        int overdue = 0;
        for (int k = 0; k < n; k++)
            overdue += tasks[k].task.due < opt->today;
        for (int k = 0; k < na; k++)
            overdue += apps[k].due < opt->today;
        out->people++;
        out->tasks += n + na;
        out->application_tasks += na;
        char reason[200];
        if (!mail_address_ok(u->email)) {
            add_failure(out, u->email, "e-postadressen går inte att skicka till");
            out->failed++;
            arena_free(&per);
            continue;
        }
        struct mail m = {.from = opt->from,
                         .to = u->email,
                         .subject = subject_of(&per, n, na, overdue),
                         .body = body_of(&per, u, tasks, n, apps, na, opt)};
        if (mail_send(opt->sendmail, mail_message(&per, &m, now), reason, sizeof reason) == 0) {
            out->sent++;
        } else {
            out->failed++;
            add_failure(out, u->email, reason);
        }
        arena_free(&per);
    }
    arena_free(&a);
    if (out->failed)
        return err_set(err, INSYN_ESYS, "%d av %d påminnelser kunde inte lämnas över.", out->failed,
                       out->people);
    return 0;
}
