/* test_document.c — a report's blocks, Swedish numbers, and the two formats written from one
 * document: a PDF that starts and ends as one, and an ODT whose zip holds the mimetype first
 * and uncompressed, as the OpenDocument standard requires. What the files say is read back by
 * the report tests (tests/http/reports.test.mjs) with pdftotext and the ODT's XML. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/document.h"
#include "io/chart.h"
#include "io/odt.h"
#include "io/pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
numbers_are_written_the_swedish_way(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    assert_string_equal(doc_int(&a, 0), "0");
    assert_string_equal(doc_int(&a, 4711), "4711"); /* four digits stay whole */
    assert_string_equal(doc_int(&a, 12345), "12\xc2\xa0"
                                            "345");
    assert_string_equal(doc_int(&a, 1234567), "1\xc2\xa0"
                                              "234\xc2\xa0"
                                              "567");
    assert_string_equal(doc_decimal(&a, 40.25), "40,3");
    assert_string_equal(doc_decimal(&a, 6.96), "7,0");
    assert_string_equal(doc_decimal(&a, 0.04), "0,0");
    assert_string_equal(doc_percent(&a, 27, 30), "90\xc2\xa0%");
    assert_string_equal(doc_percent(&a, 2, 3), "67\xc2\xa0%");
    assert_string_equal(doc_percent(&a, 0, 0), "–");
    arena_free(&a);
}

static void
text_is_split_into_paragraphs_at_blank_lines(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct document d;
    doc_init(&d, &a, "T", "A", "O");
    doc_text(&d, "  Första stycket\nfortsätter här.\n\n\n  Andra stycket.\r\n \nTredje.  ");
    assert_int_equal(d.n, 3);
    assert_string_equal(d.blocks[0].text, "Första stycket fortsätter här.");
    assert_string_equal(d.blocks[1].text, "Andra stycket.");
    assert_string_equal(d.blocks[2].text, "Tredje.");
    doc_text(&d, "\n \n");
    assert_int_equal(d.n, 3);
    arena_free(&a);
}

/* A document with every kind of block, a memo and its appendix, long enough for pages. */
static void
sample(struct document *d, struct arena *a)
{
    doc_init(d, a, "Kontroll och uppföljning av privata utförare 2025", "Sara Strateg",
             "Socialförvaltningen");
    const char *labels[] = {"Datum", "Diarienummer", "Handläggare"};
    const char *values[] = {"2025-12-07", "SN 2025/0387", "Sara Strateg"};
    doc_facts(d, labels, values, 3);
    doc_heading(d, 1, "Kontroll och uppföljning av privata utförare 2025");
    doc_heading(d, 2, "Förslag till beslut");
    doc_paragraph(d, "Socialnämnden beslutar att lägga rapporten till handlingarna.");
    doc_appendix(d, "Rapport om kontroll & uppföljning <2025>");
    for (int s = 1; s <= 6; s++) {
        char h[64];
        snprintf(h, sizeof h, "Avsnitt %d", s);
        doc_heading(d, 1, h);
        doc_heading(d, 2, "Underavsnitt med åäö");
        for (int k = 0; k < 4; k++)
            doc_paragraph(d, "Uppföljningen av privata utförare består av olika delar och nivåer: "
                             "löpande uppföljning, händelsestyrd uppföljning samt särskild "
                             "uppföljning. Den här meningen är lång nog att brytas på flera "
                             "rader i en A4-sida.");
        const char *items[] = {"Tillsynsbeslut", "Lex Sarah", "Klagomål"};
        doc_list(d, items, 3);
    }
    const char *head[] = {"Enhet", "Placeringar", "Skäl"};
    struct doc_table *t = doc_table(d, 3, head, 1u << 1);
    for (int r = 0; r < 60; r++) {
        char unit[32], n[8];
        snprintf(unit, sizeof unit, "HVB Enhet %d", r);
        snprintf(n, sizeof n, "%d", r % 7);
        const char *row[] = {unit, n, "3 placeringar inledda 2024-04-01–2024-12-15 (minst 3)"};
        doc_row(d, t, row);
    }
    const char *bars[] = {"Socialsekreterare", "Leverantörer"};
    double pct[] = {66.7, 88.9};
    doc_chart(d, "Svarsfrekvens", "%", 2, bars, pct)->max = 100;
}

/* With INSYN_TEST_KEEP=PREFIX the files are kept as PREFIX.pdf and PREFIX.odt to look at. */
static void
keep(const struct buf *b, const char *suffix)
{
    const char *prefix = getenv("INSYN_TEST_KEEP");
    if (!prefix)
        return;
    char path[512];
    snprintf(path, sizeof path, "%s%s", prefix, suffix);
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(b->data, 1, b->len, f);
        fclose(f);
    }
}

static void
a_pdf_is_written(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct document d;
    sample(&d, &a);
    struct buf out;
    buf_init(&out);
    char reason[200] = "";
    assert_int_equal(pdf_write(&d, &out, reason, sizeof reason), 0);
    assert_true(out.len > 5000);
    assert_memory_equal(out.data, "%PDF-", 5);
    assert_non_null(strstr(out.data + out.len - 64, "%%EOF"));
    keep(&out, ".pdf");
    buf_free(&out);
    arena_free(&a);
}

static void
an_odt_is_a_zip_with_the_mimetype_first(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct document d;
    sample(&d, &a);
    struct buf out;
    buf_init(&out);
    char reason[200] = "";
    assert_int_equal(odt_write(&d, &out, reason, sizeof reason), 0);
    assert_memory_equal(out.data, "PK\x03\x04", 4);
    /* the first member: "mimetype", stored (method 0), its content right after the header */
    assert_int_equal((unsigned char)out.data[8] | (unsigned char)out.data[9] << 8, 0);
    assert_memory_equal(out.data + 30, "mimetype", 8);
    size_t extra = (unsigned char)out.data[28] | (unsigned char)out.data[29] << 8;
    assert_memory_equal(out.data + 38 + extra, "application/vnd.oasis.opendocument.text", 39);
    keep(&out, ".odt");
    buf_free(&out);
    arena_free(&a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_are_written_the_swedish_way),
        cmocka_unit_test(text_is_split_into_paragraphs_at_blank_lines),
        cmocka_unit_test(a_pdf_is_written),
        cmocka_unit_test(an_odt_is_a_zip_with_the_mimetype_first),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    chart_fonts_release();
    return failed;
}
