/* test_document.c — a report's blocks, Swedish numbers, table columns, and the three formats
 * written from one document: a PDF that starts and ends as one, an ODT whose zip holds the
 * mimetype first and uncompressed, as the OpenDocument standard requires, and a DOCX whose zip
 * holds the parts Word requires, each declared with its content type and reached by a
 * relationship. What the files say is read back by the report tests
 * (tests/http/reports.test.mjs) with pdftotext and the documents' XML. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/document.h"
#include "io/chart.h"
#include "io/docx.h"
#include "io/odt.h"
#include "io/pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

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

/* With INSYN_TEST_KEEP=PREFIX the files are kept as PREFIX.pdf, .odt and .docx to look at. */
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

static void
columns_have_room_for_their_longest_word(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct document d;
    doc_init(&d, &a, "T", "A", "O");
    const char *head[] = {"Utförare", "Kontroll", "Datum", "Resultat", "Vad som följde"};
    struct doc_table *t = doc_table(&d, 5, head, 0);
    const char *row[] = {"Rönhagens behandlingshem AB", "Kreditupplysning", "2026-09-17",
                         "Creditsafe 34 (gräns 40)", "Signal: Avtalsavvikelse konstaterad"};
    doc_row(&d, t, row);
    int share[5];
    int total = doc_column_shares(t, share);
    assert_int_equal(total, share[0] + share[1] + share[2] + share[3] + share[4]);
    /* across the text of a page, each column is wide enough for its longest word ("Kredit-
     * upplysning", 16 characters; a date, 10) and the long texts share what is left */
    for (int c = 0; c < 5; c++)
        assert_true(share[c] * DOC_TABLE_CHARACTERS >= total * 12);
    assert_true(share[1] * DOC_TABLE_CHARACTERS >= total * 18);
    assert_true(share[4] > share[2]);
    /* a table whose texts fit gets each its longest text, in proportion */
    const char *small_head[] = {"Kategori", "Signaler"};
    struct doc_table *small = doc_table(&d, 2, small_head, 0x2);
    const char *small_row[] = {"Allvarlig händelse som inte rapporterats", "1"};
    doc_row(&d, small, small_row);
    int two[2];
    assert_int_equal(doc_column_shares(small, two), 42 + 10);
    arena_free(&a);
}

/* A member of the zip archive, or -1 when it is not there. */
static int
member(zip_t *z, const char *name, struct buf *out)
{
    zip_file_t *f = zip_fopen(z, name, 0);
    if (!f)
        return -1;
    char chunk[4096];
    zip_int64_t n;
    while ((n = zip_fread(f, chunk, sizeof chunk)) > 0)
        buf_append(out, chunk, (size_t)n);
    zip_fclose(f);
    return 0;
}

static void
a_docx_has_the_parts_word_requires(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct document d;
    sample(&d, &a);
    struct buf out;
    buf_init(&out);
    char reason[200] = "";
    assert_int_equal(docx_write(&d, &out, reason, sizeof reason), 0);
    assert_memory_equal(out.data, "PK\x03\x04", 4);
    keep(&out, ".docx");
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *src = zip_source_buffer_create(out.data, out.len, 0, &error);
    assert_non_null(src);
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    assert_non_null(z);
    struct buf types, rels, doc_rels, doc, styles, core;
    buf_init(&types);
    buf_init(&rels);
    buf_init(&doc_rels);
    buf_init(&doc);
    buf_init(&styles);
    buf_init(&core);
    assert_int_equal(member(z, "[Content_Types].xml", &types), 0);
    assert_int_equal(member(z, "_rels/.rels", &rels), 0);
    assert_int_equal(member(z, "word/_rels/document.xml.rels", &doc_rels), 0);
    assert_int_equal(member(z, "word/document.xml", &doc), 0);
    assert_int_equal(member(z, "word/styles.xml", &styles), 0);
    assert_int_equal(member(z, "docProps/core.xml", &core), 0);
    /* the package's relationships lead to the document and its properties */
    assert_non_null(
        strstr(rels.data, "relationships/officeDocument\" Target=\"word/document.xml\""));
    assert_non_null(strstr(rels.data, "Target=\"docProps/core.xml\""));
    assert_non_null(strstr(rels.data, "Target=\"docProps/app.xml\""));
    /* every XML part is declared with its own content type, the pictures by their extension */
    assert_non_null(strstr(types.data, "<Default Extension=\"png\" ContentType=\"image/png\"/>"));
    assert_non_null(strstr(types.data, "<Override PartName=\"/word/document.xml\" ContentType=\""
                                       "application/vnd.openxmlformats-officedocument."
                                       "wordprocessingml.document.main+xml\"/>"));
    zip_int64_t entries = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < entries; i++) {
        const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
        size_t len = strlen(name);
        if (len > 4 && strcmp(name + len - 4, ".xml") == 0 && strcmp(name, "[Content_Types].xml")) {
            char override[160];
            snprintf(override, sizeof override, "<Override PartName=\"/%s\"", name);
            assert_non_null(strstr(types.data, override));
        }
    }
    /* and every part the document names is in the package: styles, bullets, the footer, the
     * picture of the chart */
    static const char *const targets[] = {"styles.xml", "numbering.xml", "settings.xml",
                                          "footer1.xml", "media/figur1.png"};
    for (size_t i = 0; i < sizeof targets / sizeof *targets; i++) {
        char target[64], name[64];
        snprintf(target, sizeof target, "Target=\"%s\"", targets[i]);
        snprintf(name, sizeof name, "word/%s", targets[i]);
        assert_non_null(strstr(doc_rels.data, target));
        assert_true(zip_name_locate(z, name, 0) >= 0);
    }
    /* the document: text escaped, headings in Word's styles, a table whose header repeats, the
     * picture inline, the contents as a field, an A4 page with the footer */
    assert_non_null(strstr(doc.data, "Rapport om kontroll &amp; uppföljning &lt;2025&gt;"));
    assert_non_null(strstr(doc.data, "<w:pStyle w:val=\"Heading1\"/>"));
    assert_non_null(strstr(doc.data, "<w:pStyle w:val=\"Heading2\"/>"));
    assert_non_null(strstr(doc.data, "<w:tblHeader/>"));
    assert_non_null(strstr(doc.data, "<w:jc w:val=\"right\"/>"));
    assert_non_null(strstr(doc.data, "<a:blip r:embed=\"rIdFigur1\"/>"));
    assert_non_null(strstr(doc.data, "TOC \\o \"1-2\" \\h"));
    assert_non_null(strstr(doc.data, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    assert_non_null(strstr(doc.data, "<w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>"));
    assert_non_null(strstr(styles.data, "<w:lang w:val=\"sv-SE\""));
    assert_non_null(strstr(styles.data, "<w:outlineLvl w:val=\"2\"/>"));
    assert_non_null(strstr(core.data, "<dc:title>Kontroll och uppföljning av privata utförare "
                                      "2025</dc:title>"));
    buf_free(&types);
    buf_free(&rels);
    buf_free(&doc_rels);
    buf_free(&doc);
    buf_free(&styles);
    buf_free(&core);
    zip_discard(z);
    zip_error_fini(&error);
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
        cmocka_unit_test(columns_have_room_for_their_longest_word),
        cmocka_unit_test(a_docx_has_the_parts_word_requires),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    chart_fonts_release();
    return failed;
}
