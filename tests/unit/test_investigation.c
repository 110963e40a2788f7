/* test_investigation.c — the use cases of event-driven follow-ups against a real database:
 * only signals about the same organisation are linked, and a linked signal is shown without
 * who reported it; a termination ends the agreement and leaves no planned follow-up after
 * its last day. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "app/investigations.h"
#include "core/date.h"
#include "store/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/insyn-investigation-XXXXXX";
static char path[256];
static struct store *st;
static long long org_a, org_b, signal_a, signal_b, agreement_id, deputy_id;

static long long
insert_signal(long long org)
{
    char sql[400];
    snprintf(sql, sizeof sql,
             "INSERT INTO signal (organisation_id, occurred_on, source, category, serious, "
             "description, reported_by_name, created_at) VALUES (%lld, '2024-01-05', "
             "'case_worker', 'staff_competence', 0, 'Personal saknar utbildning.', "
             "'Hemlig Rapportör', '2024-01-05T10:00:00Z')",
             org);
    struct insyn_err err = {0};
    long long id = 0;
    struct stmt *s = stmt_prepare(st, sql, &err);
    assert_non_null(s);
    assert_int_equal(stmt_insert(st, s, &id, &err), 0);
    return id;
}

static long long
org(const char *name, const char *nr, struct arena *a)
{
    struct insyn_err err = {0};
    struct organisation_input oi = {.name = name, .org_nr = nr, .kind = "private"};
    struct organisation o;
    assert_int_equal(app_org_create(st, &app_system_actor, &oi, a, &o, &err), 0);
    return o.id;
}

static int
setup(void **state)
{
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/inv.db", dir);
    struct insyn_err err = {0};
    assert_int_equal(store_open(path, &st, &err), 0);
    struct arena a;
    arena_init(&a);
    org_a = org("Fenix Omsorg AB", "556677-8899", &a);
    org_b = org("Annan Vård AB", "556036-0793", &a);
    signal_a = insert_signal(org_a);
    signal_b = insert_signal(org_b);
    char org_id[24];
    snprintf(org_id, sizeof org_id, "%lld", org_a);
    struct agreement_input in = {.case_ref = "SN 2024/0001",
                                 .title = "Kundval hemtjänst",
                                 .form = "lov",
                                 .service_area = "home_care",
                                 .organisation_id = org_id,
                                 .start = "2024-01-01",
                                 .end = "2027-12-31",
                                 .status = "active"};
    struct agreement g;
    assert_int_equal(app_agreement_create(st, &app_system_actor, &in, &a, &g, &err), 0);
    agreement_id = g.id;
    assert_int_equal(app_user_add(st, "bitr@example.org", "Bitte Biträdande", "deputy_director",
                                  NULL, "correct-horse-battery-1", &err),
                     0);
    struct user u;
    assert_int_equal(store_user_by_email(st, "bitr@example.org", &a, &u), 0);
    deputy_id = u.id;
    arena_free(&a);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    store_close(st);
    unlink(path);
    rmdir(dir);
    return 0;
}

static void
only_signals_about_the_organisation_are_linked(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    char org_id[24], ids[64];
    snprintf(org_id, sizeof org_id, "%lld", org_a);
    snprintf(ids, sizeof ids, "%lld\n%lld", signal_a, signal_b);
    struct investigation_input in = {.organisation_id = org_id,
                                     .opened_on = "2024-02-01",
                                     .reason = "Upprepade signaler om kompetens.",
                                     .signal_ids = ids};
    struct investigation inv;
    assert_int_equal(app_investigation_open(st, &app_system_actor, &in, NULL, 0, &a, &inv, &err),
                     INSYN_EINVAL);
    assert_non_null(strstr(err_for_field(&err, "signal_ids"), "annan utförare"));
    struct investigation_filter f = {0};
    struct investigation *items;
    int n;
    assert_int_equal(store_investigation_list(st, &f, &a, &items, &n, &err), 0);
    assert_int_equal(n, 0); /* nothing written */

    err_clear(&err);
    snprintf(ids, sizeof ids, "%lld", signal_a);
    assert_int_equal(app_investigation_open(st, &app_system_actor, &in, NULL, 0, &a, &inv, &err),
                     0);
    struct investigation_view v;
    assert_int_equal(app_investigation_get(st, &app_system_actor, inv.id, &a, &v, &err), 0);
    assert_int_equal(v.n_signals, 1);
    assert_int_equal(v.signals[0].id, signal_a);
    json_t *j = investigation_view_json(&v, DATE_NONE);
    char *text = json_dumps(j, 0);
    assert_null(strstr(text, "Hemlig Rapportör"));
    assert_non_null(strstr(text, "Personal saknar utbildning."));
    free(text);
    json_decref(j);

    /* a provider user reads none of it */
    struct actor provider = {
        .user_id = 99, .name = "P", .role = ROLE_PROVIDER_USER, .organisation_id = org_a};
    assert_int_equal(app_investigation_get(st, &provider, inv.id, &a, &v, &err), INSYN_EDENIED);
    arena_free(&a);
}

static void
a_termination_ends_the_agreement_and_its_schedule(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {.arena = &a};
    struct followup_filter ff = {.agreement_id = agreement_id,
                                 .status = "planned",
                                 .from = date_from_ymd(2025, 7, 1),
                                 .to = DATE_NONE};
    struct followup_row *rows;
    int n;
    assert_int_equal(store_followup_list(st, &ff, 1000, &a, &rows, &n, &err), 0);
    assert_true(n > 0); /* follow-ups after the coming end exist before */
    char by[24];
    snprintf(by, sizeof by, "%lld", deputy_id);
    struct sanction_input in = {.kind = "rescission",
                                .decided_on = "2025-06-01",
                                .decided_by = by,
                                .reason = "IVO har återkallat tillståndet.",
                                .ends_on = "2025-06-30",
                                .cause = "permit_revoked"};
    struct sanction s;
    assert_int_equal(app_sanction_register(st, &app_system_actor, agreement_id, &in, &a, &s, &err),
                     0);
    struct agreement g;
    assert_int_equal(store_agreement_get(st, agreement_id, &a, &g, &err), 0);
    assert_string_equal(g.status, "terminated");
    assert_int_equal(g.end, date_from_ymd(2025, 6, 30));
    assert_string_equal(g.termination_reason, "IVO har återkallat tillståndet.");
    char *cause;
    int on;
    assert_int_equal(store_agreement_termination(st, agreement_id, &a, &cause, &on, &err), 0);
    assert_string_equal(cause, "permit_revoked");
    assert_int_equal(on, date_from_ymd(2025, 6, 30));
    assert_int_equal(store_followup_list(st, &ff, 1000, &a, &rows, &n, &err), 0);
    assert_int_equal(n, 0);
    /* the terminations of 2025 by cause */
    struct count_row *counts;
    assert_int_equal(store_terminated_by_cause(st, date_from_ymd(2025, 1, 1),
                                               date_from_ymd(2025, 12, 31), &a, &counts, &n, &err),
                     0);
    assert_int_equal(n, 1);
    assert_int_equal(counts[0].count, 1);
    arena_free(&a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(only_signals_about_the_organisation_are_linked),
        cmocka_unit_test(a_termination_ends_the_agreement_and_its_schedule),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
