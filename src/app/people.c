/* people.c — who carries out a follow-up: the named users behind a routine's roles, their
 * substitutes during a period, and each person's own list of tasks.
 *
 * A task's responsible role maps to the users who hold that role; for strategist tasks it
 * is the agreement's responsible strategist when one is named. A substitute set for a
 * period (holidays) sees the tasks of the person it stands in for that fall due in the
 * period, marked as such. */
#include "app/app.h"

#include "core/date.h"

#include <string.h>

int
app_substitute_add(struct store *st, const struct actor *who, long long user_id,
                   long long substitute_id, const char *from, const char *to, struct insyn_err *err)
{
    if (app_require(who, PERM_PEOPLE_WRITE, err))
        return err->code;
    struct arena a;
    arena_init(&a);
    struct user u, v;
    int f = DATE_NONE, t = DATE_NONE;
    if (!user_id || store_user_by_id(st, user_id, &a, &u) != 0 || !role_is_internal(u.role))
        err_field(err, 0, "user_id", "Välj den som ska ersättas bland förvaltningens användare.");
    if (!substitute_id || store_user_by_id(st, substitute_id, &a, &v) != 0 ||
        !role_is_internal(v.role))
        err_field(err, 0, "substitute_id", "Välj ersättaren bland förvaltningens användare.");
    else if (substitute_id == user_id)
        err_field(err, 0, "substitute_id", "En person kan inte vara sin egen ersättare.");
    if (!from || date_parse(from, &f) != 0)
        err_field(err, 0, "from", "Från och med ska vara ett datum skrivet ÅÅÅÅ-MM-DD.");
    if (!to || date_parse(to, &t) != 0)
        err_field(err, 0, "to", "Till och med ska vara ett datum skrivet ÅÅÅÅ-MM-DD.");
    else if (f != DATE_NONE && t < f)
        err_field(err, 0, "to", "Perioden kan inte sluta innan den börjar.");
    int rc = err->nfields ? INSYN_EINVAL : 0;
    long long id = 0;
    char now[21];
    app_timestamp(0, now);
    if (rc == 0 && (rc = store_begin(st, err)) == 0) {
        if (store_substitute_add(st, user_id, substitute_id, f, t, now, &id, err))
            rc = app_abort(st, err);
        else
            rc = app_commit_audited(st, who, "create", "substitute", id, NULL,
                                    json_pack("{s:s, s:s, s:s, s:s}", "user", u.name, "substitute",
                                              v.name, "from", from, "to", to),
                                    err);
    }
    arena_free(&a);
    return rc;
}

int
app_internal_users(struct store *st, const struct actor *who, struct arena *a, struct user **items,
                   int *n, struct insyn_err *err)
{
    if (app_require(who, PERM_DASHBOARD, err) || store_user_list(st, ROLE_NONE, a, items, n, err))
        return err->code ? err->code : INSYN_ESYS;
    int k = 0;
    for (int i = 0; i < *n; i++)
        if (role_is_internal((*items)[i].role))
            (*items)[k++] = (*items)[i];
    *n = k;
    return 0;
}

int
app_substitutes(struct store *st, const struct actor *who, int today, struct arena *a,
                struct substitute_row **rows, int *n, struct insyn_err *err)
{
    if (app_require(who, PERM_DASHBOARD, err))
        return err->code;
    return store_substitute_list(st, 0, today, a, rows, n, err);
}

/* Appends the planned tasks of one person (role, user) due in [from, to]. */
static int
tasks_of(struct store *st, enum role role, long long user_id, int from, int to, const char *behalf,
         struct arena *a, struct my_task **items, int *n, int *cap, struct insyn_err *err)
{
    struct followup_filter f = {
        .responsible_role = role_code(role),
        .strategist_id = role == ROLE_STRATEGIST ? user_id : 0,
        .status = "planned",
        .from = from,
        .to = to,
    };
    struct followup_row *rows;
    int k;
    if (store_followup_list(st, &f, 2000, a, &rows, &k, err))
        return err->code;
    for (int i = 0; i < k; i++) {
        int seen = 0; /* a task one answers for oneself is not listed again for a substitution */
        for (int j = 0; j < *n && !seen; j++)
            seen = (*items)[j].task.id == rows[i].id;
        if (seen)
            continue;
        *items = arena_grow(a, *items, *n, cap, sizeof **items);
        (*items)[(*n)++] = (struct my_task){.task = rows[i], .on_behalf_of = behalf};
    }
    return 0;
}

static int
by_due(const void *x, const void *y)
{
    const struct my_task *a = x, *b = y;
    return a->task.due != b->task.due ? (a->task.due < b->task.due ? -1 : 1)
                                      : (a->task.id < b->task.id ? -1 : a->task.id > b->task.id);
}

int
app_my_tasks(struct store *st, const struct actor *who, int today, int days_ahead, struct arena *a,
             struct my_task **items, int *n, struct insyn_err *err)
{
    *items = NULL;
    *n = 0;
    if (app_require(who, PERM_DASHBOARD, err))
        return err->code;
    int cap = 0, until = today + days_ahead;
    if (tasks_of(st, who->role, who->user_id, DATE_NONE, until, NULL, a, items, n, &cap, err))
        return err->code;
    struct substitute_row *subs;
    int ns;
    if (store_substitute_list(st, who->user_id, DATE_NONE, a, &subs, &ns, err))
        return err->code;
    for (int i = 0; i < ns; i++) {
        int from = subs[i].from, to = subs[i].to < until ? subs[i].to : until;
        if (from > to)
            continue;
        if (tasks_of(st, subs[i].user_role, subs[i].user_id, from, to, subs[i].user_name, a, items,
                     n, &cap, err))
            return err->code;
    }
    if (*n > 1)
        qsort(*items, (size_t)*n, sizeof **items, by_due);
    return 0;
}
