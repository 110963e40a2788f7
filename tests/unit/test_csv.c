/* test_csv.c — CSV as Swedish spreadsheets write it, with line numbers for errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "io/csv.h"

#include <string.h>

static void
reads_commas_quotes_and_embedded_newlines(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    const char *text = "name,org_nr\n\"Ek, Ab\",556677-8899\n\"Rad\ntvå\",1\n\nSista,2";
    struct csv_doc doc;
    struct insyn_err err = {0};
    assert_int_equal(csv_parse_text(text, strlen(text), &a, &doc, &err), 0);
    assert_int_equal(doc.nrows, 4);
    assert_string_equal(doc.rows[1].fields[0], "Ek, Ab");
    assert_int_equal(doc.rows[1].line, 2);
    assert_string_equal(doc.rows[2].fields[0], "Rad\ntvå");
    assert_int_equal(doc.rows[2].line, 3);
    assert_int_equal(doc.rows[3].line, 6); /* the blank line is skipped but counted */
    arena_free(&a);
}

static void
reads_semicolons_and_a_byte_order_mark(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    const char *text = "\xEF\xBB\xBFnamn;org_nr\r\nÖrnen AB;556677-8899\r\n";
    struct csv_doc doc;
    struct insyn_err err = {0};
    assert_int_equal(csv_parse_text(text, strlen(text), &a, &doc, &err), 0);
    assert_int_equal(doc.nrows, 2);
    assert_string_equal(doc.rows[0].fields[0], "namn");
    assert_string_equal(doc.rows[1].fields[0], "Örnen AB");
    assert_string_equal(doc.rows[1].fields[1], "556677-8899");
    arena_free(&a);
}

static void
refuses_other_encodings_and_empty_files(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct csv_doc doc;
    struct insyn_err err = {0};
    const char latin1[] = "namn\n\xD6rnen AB\n"; /* Ö in Windows-1252 */
    assert_int_equal(csv_parse_text(latin1, strlen(latin1), &a, &doc, &err), INSYN_EINVAL);
    assert_non_null(strstr(err.message, "UTF-8"));
    err_clear(&err);
    assert_int_equal(csv_parse_text("", 0, &a, &doc, &err), INSYN_EINVAL);
    assert_non_null(strstr(err.message, "tom"));
    arena_free(&a);
}

static void
writes_fields_that_read_back(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b);
    csv_put_field(&b, "plain", 1);
    csv_put_field(&b, "a, b", 0);
    csv_put_field(&b, "say \"hej\"", 0);
    csv_put_field(&b, "två\nrader", 0);
    buf_puts(&b, "\n");
    assert_string_equal(b.data, "plain,\"a, b\",\"say \"\"hej\"\"\",\"två\nrader\"\n");
    struct arena a;
    arena_init(&a);
    struct csv_doc doc;
    struct insyn_err err = {0};
    assert_int_equal(csv_parse_text(b.data, b.len, &a, &doc, &err), 0);
    assert_int_equal(doc.rows[0].nfields, 4);
    assert_string_equal(doc.rows[0].fields[2], "say \"hej\"");
    assert_string_equal(doc.rows[0].fields[3], "två\nrader");
    arena_free(&a);
    buf_free(&b);
}

static void
guards_formulas_and_reads_them_back(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b);
    csv_put_field(&b, "=HYPERLINK(\"x\")", 1);
    csv_put_field(&b, "-3", 0);
    csv_put_field(&b, "ok", 0);
    assert_string_equal(b.data, "\"'=HYPERLINK(\"\"x\"\")\",'-3,ok");
    struct arena a;
    arena_init(&a);
    struct csv_doc doc;
    struct insyn_err err = {0};
    assert_int_equal(csv_parse_text(b.data, b.len, &a, &doc, &err), 0);
    assert_string_equal(doc.rows[0].fields[0], "=HYPERLINK(\"x\")");
    assert_string_equal(doc.rows[0].fields[1], "-3");
    arena_free(&a);
    buf_free(&b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_commas_quotes_and_embedded_newlines),
        cmocka_unit_test(reads_semicolons_and_a_byte_order_mark),
        cmocka_unit_test(refuses_other_encodings_and_empty_files),
        cmocka_unit_test(writes_fields_that_read_back),
        cmocka_unit_test(guards_formulas_and_reads_them_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
