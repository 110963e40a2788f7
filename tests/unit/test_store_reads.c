/* test_store_reads.c — a read that takes several queries sees one state of the database,
 * even when another connection commits a write between its queries. The write is made at
 * the exact moment a second query starts, through SQLite's statement trace hook. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "app/app.h"
#include "core/date.h"
#include "store/internal.h"
#include "store/sqlite_backend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/insyn-reads-XXXXXX";
static char path[256];
static struct store *reader, *writer;
static long long agreement_id;

/* When the reader starts a statement that loads agreement items, the writer commits 30 more
 * requirements of the agreement (once). */
static int written;
static int
write_between(unsigned type, void *ctx, void *stmt, void *sql)
{
    (void)type, (void)ctx, (void)sql;
    if (written || !strstr(sqlite3_sql(stmt), "FROM agreement_item"))
        return 0;
    written = 1;
    char text[160];
    for (int i = 0; i < 30; i++) {
        snprintf(text, sizeof text,
                 "INSERT INTO agreement_item (agreement_id, kind, position, text) "
                 "VALUES (%lld, 'requirement', %d, 'Tillagt krav %d')",
                 agreement_id, 10 + i, i);
        assert_int_equal(sqlite3_exec(store_sqlite_db(writer), text, NULL, NULL, NULL), SQLITE_OK);
    }
    return 0;
}

static int
setup(void **state)
{
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/reads.db", dir);
    struct insyn_err err = {0};
    assert_int_equal(store_open(path, &reader, &err), 0);
    assert_int_equal(store_open(path, &writer, &err), 0);
    struct arena a;
    arena_init(&a);
    struct organisation_input oi = {
        .name = "Läsarnas utförare AB", .org_nr = "556677-8899", .kind = "private"};
    struct organisation o;
    assert_int_equal(app_org_create(writer, &app_system_actor, &oi, &a, &o, &err), 0);
    char org_id[24];
    snprintf(org_id, sizeof org_id, "%lld", o.id);
    struct agreement_input in = {.case_ref = "SN 2026/0001",
                                 .title = "Läst under skrivning",
                                 .form = "lou",
                                 .service_area = "home_care",
                                 .organisation_id = org_id,
                                 .start = "2026-01-01",
                                 .end = "2027-12-31",
                                 .requirements = "Det enda kravet",
                                 .status = "active"};
    struct agreement g;
    assert_int_equal(app_agreement_create(writer, &app_system_actor, &in, &a, &g, &err), 0);
    agreement_id = g.id;
    arena_free(&a);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    store_close(reader);
    store_close(writer);
    char file[300];
    const char *suffixes[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(file, sizeof file, "%s%s", path, suffixes[i]);
        unlink(file);
    }
    rmdir(dir);
    return 0;
}

static void
an_agreement_and_its_items_come_from_one_state(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {0};
    struct agreement g;
    written = 0;
    sqlite3_trace_v2(store_sqlite_db(reader), SQLITE_TRACE_STMT, write_between, NULL);
    assert_int_equal(store_agreement_get(reader, agreement_id, &a, &g, &err), 0);
    sqlite3_trace_v2(store_sqlite_db(reader), 0, NULL, NULL);
    assert_true(written);
    /* read before the write: the one requirement it had then */
    assert_int_equal(g.n_requirements, 1);
    assert_string_equal(g.requirements[0], "Det enda kravet");
    /* read after it: all of them, none lost */
    assert_int_equal(store_agreement_get(reader, agreement_id, &a, &g, &err), 0);
    assert_int_equal(g.n_requirements, 31);
    assert_string_equal(g.requirements[30], "Tillagt krav 29");
    arena_free(&a);
}

static void
a_list_page_and_its_details_come_from_one_state(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct insyn_err err = {0};
    int before;
    {
        struct agreement g;
        assert_int_equal(store_agreement_get(reader, agreement_id, &a, &g, &err), 0);
        before = g.n_requirements;
    }
    struct agreement_filter f = {
        .with_details = 1, .page = 1, .per_page = 10, .ends_from = DATE_NONE, .ends_to = DATE_NONE};
    struct agreement *items;
    int n, total;
    written = 0;
    sqlite3_trace_v2(store_sqlite_db(reader), SQLITE_TRACE_STMT, write_between, NULL);
    assert_int_equal(store_agreement_list(reader, &f, &a, &items, &n, &total, &err), 0);
    sqlite3_trace_v2(store_sqlite_db(reader), 0, NULL, NULL);
    assert_true(written);
    assert_int_equal(n, 1);
    assert_int_equal(total, 1);
    assert_int_equal(items[0].n_requirements, before);
    arena_free(&a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_agreement_and_its_items_come_from_one_state),
        cmocka_unit_test(a_list_page_and_its_details_come_from_one_state),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
