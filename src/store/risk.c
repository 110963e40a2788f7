/* risk.c — the facts the risk indicator weighs, for every organisation at once (one query per
 * kind of fact, grouped by organisation) or for one; and one organisation's timeline. */
#include "store/internal.h"
#include "store/store.h"

#include "core/date.h"
#include "core/risk.h"

#include <stdlib.h>
#include <string.h>

/* The organisation a row belongs to: its index in facts (sorted by id), or -1. */
static int
org_index(const struct risk_facts *facts, int n, long long id)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (facts[mid].organisation_id == id)
            return mid;
        if (facts[mid].organisation_id < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* Prepares sql, or sql_one (the same with "AND x.organisation_id = ?" last) for one
 * organisation, binding the dates first and the organisation last. */
static struct stmt *
prepare(struct store *st, const char *sql, const char *sql_one, long long org, const int *dates,
        int n_dates, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st, org ? sql_one : sql, err);
    if (!s)
        return NULL;
    for (int i = 0; i < n_dates; i++)
        bind_date(s, i + 1, dates[i]);
    if (org)
        bind_int(s, n_dates + 1, org);
    return s;
}

/* Runs s; each row's column 0 is its organisation, the rest are read by `read` into the next
 * slot of an array of `size`-byte items that grows in the arena. Rows come grouped by
 * organisation, so each organisation's items are one slice, set through `slice`. */
typedef void (*row_reader)(struct arena *a, struct stmt *s, void *item);
typedef void (*slice_setter)(struct risk_facts *f, void *first, int count);

static int
collect(struct store *st, struct stmt *s, struct risk_facts *facts, int n, size_t size,
        row_reader read, slice_setter slice, struct arena *a, struct insyn_err *err)
{
    int cap = 64, count = 0, step, cur = -1, first = 0;
    char *items = arena_alloc(a, size * (size_t)cap);
    /* slices are set when all rows are in: the array may move while it grows */
    int *owner = arena_alloc(a, sizeof *owner * (size_t)cap), owner_cap = cap;
    while ((step = stmt_step(s)) == STMT_ROW) {
        int k = org_index(facts, n, col_int64(s, 0));
        if (k < 0)
            continue;
        items = arena_grow(a, items, count, &cap, size);
        owner = arena_grow(a, owner, count, &owner_cap, sizeof *owner);
        read(a, s, items + size * (size_t)count);
        owner[count++] = k;
    }
    stmt_done(s);
    if (step != STMT_DONE)
        return store_fail(st, step, err);
    for (int i = 0; i <= count; i++) {
        if (i == count || owner[i] != cur) {
            if (cur >= 0)
                slice(&facts[cur], items + size * (size_t)first, i - first);
            if (i < count) {
                cur = owner[i];
                first = i;
            }
        }
    }
    return 0;
}

static void
read_signal(struct arena *a, struct stmt *s, void *item)
{
    struct risk_signal *x = item;
    x->id = col_int64(s, 1);
    x->occurred_on = col_date(s, 2);
    x->category = col_text(a, s, 3);
    x->serious = col_int(s, 4);
    x->outcome = col_text(a, s, 5);
}
static void
slice_signals(struct risk_facts *f, void *first, int count)
{
    f->signals = first;
    f->n_signals = count;
}

static void
read_credit(struct arena *a, struct stmt *s, void *item)
{
    struct risk_credit *x = item;
    x->id = col_int64(s, 1);
    x->bureau = col_text(a, s, 2);
    x->checked_on = col_date(s, 3);
    x->value = col_int(s, 4);
    x->threshold = col_int(s, 5);
    x->passed = col_is_null(s, 6) ? 1 : col_int(s, 6);
}
static void
slice_credits(struct risk_facts *f, void *first, int count)
{
    f->credits = first;
    f->n_credits = count;
}

static int
opt_int(struct stmt *s, int i)
{
    return col_is_null(s, i) ? -1 : col_int(s, i);
}

static void
read_tax(struct arena *a, struct stmt *s, void *item)
{
    (void)a;
    struct risk_tax *x = item;
    x->id = col_int64(s, 1);
    x->checked_on = col_date(s, 2);
    x->passed = col_is_null(s, 3) ? 1 : col_int(s, 3);
    x->f_tax = opt_int(s, 4);
    x->taxes_paid = opt_int(s, 5);
    x->contributions_paid = opt_int(s, 6);
    x->enforcement_debt = col_is_null(s, 7) ? -1 : col_int64(s, 7);
}
static void
slice_taxes(struct risk_facts *f, void *first, int count)
{
    f->taxes = first;
    f->n_taxes = count;
}

static void
read_ivo(struct arena *a, struct stmt *s, void *item)
{
    struct risk_ivo *x = item;
    x->id = col_int64(s, 1);
    x->kind = col_text(a, s, 2);
    x->decided_on = col_date(s, 3);
    x->reference = col_text(a, s, 4);
}
static void
slice_ivo(struct risk_facts *f, void *first, int count)
{
    f->ivo = first;
    f->n_ivo = count;
}

struct bankruptcy_row {
    long long id;
    int on;
};
static void
read_bankruptcy(struct arena *a, struct stmt *s, void *item)
{
    (void)a;
    struct bankruptcy_row *x = item;
    x->id = col_int64(s, 1);
    x->on = col_date(s, 2);
}
static void
slice_bankruptcy(struct risk_facts *f, void *first, int count)
{
    const struct bankruptcy_row *x = first; /* the latest first */
    if (count > 0) {
        f->bankruptcy_id = x->id;
        f->bankrupt_on = x->on;
    }
}

static void
read_investigation(struct arena *a, struct stmt *s, void *item)
{
    struct risk_investigation *x = item;
    x->id = col_int64(s, 1);
    x->kind = col_text(a, s, 2);
    x->opened_on = col_date(s, 3);
}
static void
slice_investigations(struct risk_facts *f, void *first, int count)
{
    f->investigations = first;
    f->n_investigations = count;
}

static void
read_sanction(struct arena *a, struct stmt *s, void *item)
{
    struct risk_sanction *x = item;
    x->id = col_int64(s, 1);
    x->agreement_id = col_int64(s, 2);
    x->kind = col_text(a, s, 3);
    x->decided_on = col_date(s, 4);
    x->case_ref = col_text(a, s, 5);
}
static void
slice_sanctions(struct risk_facts *f, void *first, int count)
{
    f->sanctions = first;
    f->n_sanctions = count;
}

/* The latest check of its kind (and bureau) on or before today: no later one exists. */
#define LATEST_CHECK(same)                                                                         \
    " AND NOT EXISTS (SELECT 1 FROM external_check d WHERE d.organisation_id = c.organisation_id " \
    "AND d.kind = c.kind" same " AND d.checked_on <= ?2 AND (d.checked_on > c.checked_on OR "      \
    "(d.checked_on = c.checked_on AND d.id > c.id)))"

#define Q_SIGNALS                                                                                  \
    "SELECT s.organisation_id, s.id, s.occurred_on, s.category, s.serious, s.outcome "             \
    "FROM signal s WHERE s.occurred_on > ?1 AND s.occurred_on <= ?2 AND s.outcome <> 'no_action' " \
    "AND s.check_id IS NULL"
#define Q_CREDITS                                                                                  \
    "SELECT c.organisation_id, c.id, c.bureau, c.checked_on, c.value, c.threshold, c.passed "      \
    "FROM external_check c WHERE c.kind = 'credit' AND c.checked_on <= ?2" LATEST_CHECK(           \
        " AND d.bureau = c.bureau")
#define Q_TAXES                                                                                    \
    "SELECT c.organisation_id, c.id, c.checked_on, c.passed, c.f_tax, c.taxes_paid, "              \
    "c.contributions_paid, c.enforcement_debt FROM external_check c WHERE c.kind = 'tax' "         \
    "AND c.checked_on <= ?2" LATEST_CHECK("")
#define Q_IVO                                                                                      \
    "SELECT c.organisation_id, c.id, c.ivo_kind, c.checked_on, c.reference FROM external_check c " \
    "WHERE c.kind = 'ivo' AND c.checked_on > ?1 AND c.checked_on <= ?2"
#define Q_BANKRUPTCY                                                                               \
    "SELECT c.organisation_id, c.id, c.checked_on FROM external_check c "                          \
    "WHERE c.kind = 'bankruptcy' AND c.checked_on <= ?2"
#define Q_INVESTIGATIONS                                                                           \
    "SELECT i.organisation_id, i.id, i.kind, i.opened_on FROM investigation i "                    \
    "WHERE i.status = 'open'"
#define Q_SANCTIONS                                                                                \
    "SELECT x.organisation_id, x.id, x.agreement_id, x.kind, x.decided_on, "                       \
    "coalesce(g.case_ref, '') FROM sanction x LEFT JOIN agreement g ON g.id = x.agreement_id "     \
    "WHERE x.decided_on > ?1 AND x.decided_on <= ?2"

int
store_risk_facts(struct store *st, long long organisation_id, int today, struct arena *a,
                 struct risk_facts **out, int *n, struct insyn_err *err)
{
    *out = NULL;
    *n = 0;
    int rc = INSYN_ESYS, opened = read_begin(st, err); /* every kind as of one moment */
    if (opened < 0)
        return INSYN_ESYS;
    struct stmt *s =
        organisation_id
            ? stmt_prepare(st, "SELECT id, name, org_nr FROM organisation WHERE id = ?", err)
            : stmt_prepare(st, "SELECT id, name, org_nr FROM organisation ORDER BY id", err);
    if (!s)
        goto done;
    if (organisation_id)
        bind_int(s, 1, organisation_id);
    int cap = 64, step;
    struct risk_facts *facts = arena_alloc(a, sizeof *facts * (size_t)cap);
    while ((step = stmt_step(s)) == STMT_ROW) {
        facts = arena_grow(a, facts, *n, &cap, sizeof *facts);
        struct risk_facts *f = &facts[(*n)++];
        memset(f, 0, sizeof *f);
        f->organisation_id = col_int64(s, 0);
        f->name = col_text(a, s, 1);
        f->org_nr = col_text(a, s, 2);
        f->bankrupt_on = DATE_NONE;
    }
    stmt_done(s);
    if (step != STMT_DONE) {
        rc = store_fail(st, step, err);
        goto done;
    }
    if (organisation_id && *n == 0) {
        rc = err_set(err, INSYN_ENOTFOUND, "Utföraren finns inte.");
        goto done;
    }
    const int dates_signals[] = {date_add_months(today, -RISK_SIGNAL_MONTHS), today};
    const int dates_records[] = {date_add_months(today, -RISK_RECORD_MONTHS), today};
#define ORDER(col) " ORDER BY 1, " col " DESC, 2 DESC"
#define ONE(alias) " AND " alias ".organisation_id = ?3"
    struct {
        const char *all, *one;
        const int *dates;
        size_t size;
        row_reader read;
        slice_setter slice;
    } kinds[] = {
        {Q_SIGNALS ORDER("s.occurred_on"), Q_SIGNALS ONE("s") ORDER("s.occurred_on"), dates_signals,
         sizeof(struct risk_signal), read_signal, slice_signals},
        {Q_CREDITS ORDER("c.checked_on"), Q_CREDITS ONE("c") ORDER("c.checked_on"), dates_records,
         sizeof(struct risk_credit), read_credit, slice_credits},
        {Q_TAXES ORDER("c.checked_on"), Q_TAXES ONE("c") ORDER("c.checked_on"), dates_records,
         sizeof(struct risk_tax), read_tax, slice_taxes},
        {Q_IVO ORDER("c.checked_on"), Q_IVO ONE("c") ORDER("c.checked_on"), dates_records,
         sizeof(struct risk_ivo), read_ivo, slice_ivo},
        {Q_BANKRUPTCY ORDER("c.checked_on"), Q_BANKRUPTCY ONE("c") ORDER("c.checked_on"),
         dates_records, sizeof(struct bankruptcy_row), read_bankruptcy, slice_bankruptcy},
        {Q_INVESTIGATIONS ORDER("i.opened_on"), Q_INVESTIGATIONS ONE("i") ORDER("i.opened_on"),
         dates_records, sizeof(struct risk_investigation), read_investigation,
         slice_investigations},
        {Q_SANCTIONS ORDER("x.decided_on"), Q_SANCTIONS ONE("x") ORDER("x.decided_on"),
         dates_records, sizeof(struct risk_sanction), read_sanction, slice_sanctions},
    };
#undef ORDER
#undef ONE
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        s = prepare(st, kinds[k].all, kinds[k].one, organisation_id, kinds[k].dates, 2, err);
        if (!s || collect(st, s, facts, *n, kinds[k].size, kinds[k].read, kinds[k].slice, a, err)) {
            rc = err->code ? err->code : INSYN_ESYS;
            goto done;
        }
    }
    *out = facts;
    rc = 0;
done:
    read_end(st, opened);
    if (rc)
        *n = 0;
    return rc;
}

/* ---- the timeline ---- */

/* Every event of one organisation in one query: date, kind, id, the id the link names and
 * what the title is made of. */
static const char timeline_sql[] =
    "SELECT occurred_on, 'signal', id, id, category, outcome, '', '', serious, NULL, NULL "
    "FROM signal WHERE organisation_id = ?1 "
    "UNION ALL SELECT checked_on, 'check', id, organisation_id, kind, bureau, ivo_kind, "
    "reference, value, threshold, passed FROM external_check WHERE organisation_id = ?1 "
    "UNION ALL SELECT opened_on, 'investigation_opened', id, id, kind, reason, '', '', NULL, "
    "NULL, NULL FROM investigation WHERE organisation_id = ?1 "
    "UNION ALL SELECT closed_on, 'investigation_closed', id, id, kind, outcome, '', '', NULL, "
    "NULL, NULL FROM investigation WHERE organisation_id = ?1 AND status = 'closed' "
    "AND closed_on IS NOT NULL "
    "UNION ALL SELECT m.held_on, 'investigation_meeting', m.id, i.id, i.kind, '', '', '', NULL, "
    "NULL, NULL FROM investigation_meeting m JOIN investigation i ON i.id = m.investigation_id "
    "WHERE i.organisation_id = ?1 "
    "UNION ALL SELECT x.decided_on, 'sanction', x.id, x.agreement_id, x.kind, "
    "coalesce(g.case_ref, ''), x.decided_by_name, '', x.amount, NULL, NULL FROM sanction x "
    "LEFT JOIN agreement g ON g.id = x.agreement_id WHERE x.organisation_id = ?1 "
    "UNION ALL SELECT coalesce((SELECT max(r.held_on) FROM follow_up_record r "
    "WHERE r.follow_up_id = f.id AND r.status = 'signed'), substr(f.done_at, 1, 10)), "
    "'follow_up', f.id, f.id, ra.name, g.case_ref, g.title, '', NULL, NULL, NULL "
    "FROM follow_up f JOIN agreement g ON g.id = f.agreement_id "
    "JOIN routine_activity ra ON ra.id = f.activity_id "
    "WHERE g.organisation_id = ?1 AND f.status = 'done' "
    "ORDER BY 1 DESC, 2, 3 DESC LIMIT ?2";

static void
event_from_row(struct arena *a, struct stmt *s, struct risk_event *e)
{
    e->date = col_date(s, 0);
    e->kind = col_text(a, s, 1);
    e->id = col_int64(s, 2);
    e->link_id = col_int64(s, 3);
    for (int k = 0; k < 4; k++)
        e->text[k] = col_text(a, s, 4 + k);
    e->number = col_int64(s, 8);
    e->threshold = col_is_null(s, 9) ? -1 : col_int(s, 9);
    e->passed = col_is_null(s, 10) ? -1 : col_int(s, 10);
}

int
store_risk_timeline(struct store *st, long long organisation_id, int max, struct arena *a,
                    struct risk_event **out, int *n, struct insyn_err *err)
{
    *out = NULL;
    *n = 0;
    struct stmt *s = stmt_prepare(st, timeline_sql, err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, organisation_id);
    bind_int(s, 2, max);
    int cap = 32, step;
    *out = arena_alloc(a, sizeof **out * (size_t)cap);
    while ((step = stmt_step(s)) == STMT_ROW) {
        *out = arena_grow(a, *out, *n, &cap, sizeof **out);
        event_from_row(a, s, &(*out)[(*n)++]);
    }
    stmt_done(s);
    return step == STMT_DONE ? 0 : store_fail(st, step, err);
}
