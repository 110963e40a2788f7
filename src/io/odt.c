/* odt.c — a report as an OpenDocument text: content, styles, metadata and pictures zipped. */
#include "io/odt.h"

#include "core/embed.h"
#include "io/chart.h"
#include "io/package.h"
#include "io/xml.h"

#include <stdio.h>
#include <string.h>

/* Text as the character data of a paragraph: tabs and line breaks as ODF's elements. */
static void
xml(struct buf *b, const char *s)
{
    xml_text(b, s, "<text:tab/>", "<text:line-break/>");
}

#define NS                                                                                         \
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "                           \
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "                             \
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "                               \
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "                             \
    "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" "                            \
    "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" "                    \
    "xmlns:xlink=\"http://www.w3.org/1999/xlink\" "                                                \
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "                                               \
    "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" "                               \
    "xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" "                      \
    "office:version=\"1.3\""

/* A column style per width class and the styles of the content's own paragraphs. */

static void
paragraph(struct buf *b, const char *style, const char *text)
{
    buf_printf(b, "<text:p text:style-name=\"%s\">", style);
    xml(b, text);
    buf_puts(b, "</text:p>");
}

static void
heading(struct buf *b, int level, const char *text, int index)
{
    buf_printf(b, "<text:h text:style-name=\"Heading_20_%d\" text:outline-level=\"%d\">", level,
               level);
    buf_printf(b, "<text:bookmark text:name=\"h%d\"/>", index);
    xml(b, text);
    buf_puts(b, "</text:h>");
}

/* The automatic styles of a table's columns: "TabellN.C" with its width (of the table's
 * 16.3 cm) and the same as a relative width, which is what Word reads. */
static void
column_styles(struct buf *b, const struct doc_table *t, int number, struct arena *a)
{
    int *share = arena_alloc(a, sizeof *share * (size_t)t->ncols);
    int total = doc_column_shares(t, share);
    for (int c = 0; c < t->ncols; c++)
        buf_printf(b,
                   "<style:style style:name=\"Tabell%d.%d\" style:family=\"table-column\">"
                   "<style:table-column-properties style:column-width=\"%.2fcm\" "
                   "style:rel-width=\"%d*\"/></style:style>",
                   number, c + 1, 16.3 * share[c] / total, share[c] * 100);
}

static void
table(struct buf *b, const struct doc_table *t, int number)
{
    buf_printf(b, "<table:table table:name=\"Tabell%d\" table:style-name=\"Table\">", number);
    for (int c = 0; c < t->ncols; c++)
        buf_printf(b, "<table:table-column table:style-name=\"Tabell%d.%d\"/>", number, c + 1);
    buf_puts(b, "<table:table-header-rows><table:table-row>");
    for (int c = 0; c < t->ncols; c++) {
        buf_puts(b,
                 "<table:table-cell table:style-name=\"HeadCell\" office:value-type=\"string\">");
        paragraph(b, t->numeric >> c & 1 ? "NumberHead" : "Table_20_Heading", t->head[c]);
        buf_puts(b, "</table:table-cell>");
    }
    buf_puts(b, "</table:table-row></table:table-header-rows>");
    for (int r = 0; r < t->nrows; r++) {
        buf_puts(b, "<table:table-row>");
        for (int c = 0; c < t->ncols; c++) {
            buf_puts(b,
                     "<table:table-cell table:style-name=\"Cell\" office:value-type=\"string\">");
            paragraph(b, t->numeric >> c & 1 ? "Number" : "Table_20_Contents",
                      t->cells[r * t->ncols + c]);
            buf_puts(b, "</table:table-cell>");
        }
        buf_puts(b, "</table:table-row>");
    }
    buf_puts(b, "</table:table>");
}

/* The table of contents as a field the officer's word processor can update; its entries are
 * written as they stand, without page numbers until it is updated. */
static void
contents(struct buf *b, const struct document *d)
{
    buf_puts(b, "<text:table-of-content text:name=\"Innehåll\" text:protected=\"false\">"
                "<text:table-of-content-source text:outline-level=\"2\">"
                "<text:index-title-template>Innehåll</text:index-title-template>");
    for (int level = 1; level <= 2; level++)
        buf_printf(b,
                   "<text:table-of-content-entry-template text:outline-level=\"%d\" "
                   "text:style-name=\"Contents_20_%d\"><text:index-entry-link-start/>"
                   "<text:index-entry-text/><text:index-entry-tab-stop style:type=\"right\" "
                   "style:leader-char=\".\"/><text:index-entry-page-number/>"
                   "<text:index-entry-link-end/></text:table-of-content-entry-template>",
                   level, level);
    buf_puts(b, "</text:table-of-content-source><text:index-body>"
                "<text:index-title text:name=\"Innehåll_Head\">");
    paragraph(b, "Heading_20_2", "Innehåll");
    buf_puts(b, "</text:index-title>");
    int *entries = arena_alloc(d->a, sizeof *entries * (size_t)(d->n ? d->n : 1));
    int n = doc_contents(d, entries);
    for (int i = 0; i < n; i++) {
        const struct doc_block *h = &d->blocks[entries[i]];
        buf_printf(b, "<text:p text:style-name=\"Contents_20_%d\">", h->level);
        xml(b, h->text);
        buf_puts(b, "</text:p>");
    }
    buf_puts(b, "</text:index-body></text:table-of-content>");
}

/* The name of the n-th picture (from 1) in the package. */
#define PICTURE "Pictures/figur%d.png"

static void body(const struct document *d, struct buf *b);

/* content.xml: the automatic styles (the fixed ones and each table's columns), then the body. */
static void
content(const struct document *d, struct buf *b)
{
    buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content " NS ">");
    buf_puts(b, "<office:automatic-styles>");
    buf_puts(b, embed_find("templates/odt/content-styles.xml")->data);
    int tables = 0;
    for (int i = 0; i < d->n; i++)
        if (d->blocks[i].kind == DOC_TABLE)
            column_styles(b, d->blocks[i].table, ++tables, d->a);
    buf_puts(b, "</office:automatic-styles>");
    body(d, b);
}

static void
body(const struct document *d, struct buf *b)
{
    buf_puts(b, "<office:body><office:text>");
    int tables = 0, figures = 0;
    for (int i = 0; i < d->n; i++) {
        const struct doc_block *blk = &d->blocks[i];
        switch (blk->kind) {
        case DOC_HEADING:
            heading(b, blk->level, blk->text, i);
            break;
        case DOC_PARAGRAPH:
            paragraph(b, "Text_20_body", blk->text);
            break;
        case DOC_LIST:
            buf_puts(b, "<text:list text:style-name=\"Bullets\">");
            for (int k = 0; k < blk->nitems; k++) {
                buf_puts(b, "<text:list-item>");
                paragraph(b, "Text_20_body", blk->items[k]);
                buf_puts(b, "</text:list-item>");
            }
            buf_puts(b, "</text:list>");
            break;
        case DOC_FACTS:
            for (int k = 0; k < blk->nitems; k++) {
                buf_puts(b, "<text:p text:style-name=\"Text_20_body\">"
                            "<text:span text:style-name=\"Label\">");
                xml(b, blk->items[k]);
                buf_puts(b, ":</text:span> ");
                xml(b, blk->values[k]);
                buf_puts(b, "</text:p>");
            }
            break;
        case DOC_TABLE:
            table(b, blk->table, ++tables);
            break;
        case DOC_CHART: {
            char caption[32];
            snprintf(caption, sizeof caption, "Figur %d. ", ++figures);
            buf_puts(b, "<text:p text:style-name=\"Caption\">");
            xml(b, caption);
            xml(b, blk->chart->title);
            buf_puts(b, "</text:p><text:p text:style-name=\"Standard\">");
            buf_printf(b,
                       "<draw:frame draw:style-name=\"Frame\" draw:name=\"Figur%d\" "
                       "text:anchor-type=\"as-char\" svg:width=\"%.2fpt\" svg:height=\"%.2fpt\">"
                       "<draw:image xlink:href=\"" PICTURE "\" xlink:type=\"simple\" "
                       "xlink:show=\"embed\" xlink:actuate=\"onLoad\"/>",
                       figures, CHART_TEXT_WIDTH, chart_height(blk->chart), figures);
            buf_puts(b, "<svg:desc>");
            xml(b, blk->chart->title);
            buf_puts(b, "</svg:desc></draw:frame></text:p>");
            break;
        }
        case DOC_APPENDIX:
            paragraph(b, "Break", blk->text);
            contents(b, d);
            break;
        }
    }
    buf_puts(b, "</office:text></office:body></office:document-content>\n");
}

static void
meta(const struct document *d, struct buf *b)
{
    buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta " NS ">"
                "<office:meta><meta:generator>insyn</meta:generator><dc:title>");
    xml(b, d->title);
    buf_puts(b, "</dc:title><meta:initial-creator>");
    xml(b, d->author);
    buf_puts(b, "</meta:initial-creator><dc:language>sv-SE</dc:language>"
                "</office:meta></office:document-meta>\n");
}

static void
manifest(struct buf *b, int npics)
{
    buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<manifest:manifest "
                "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
                "manifest:version=\"1.3\">"
                "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" "
                "manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>");
    static const char *const parts[] = {"content.xml", "styles.xml", "meta.xml"};
    for (int i = 0; i < 3; i++)
        buf_printf(b,
                   "<manifest:file-entry manifest:full-path=\"%s\" "
                   "manifest:media-type=\"text/xml\"/>",
                   parts[i]);
    for (int i = 0; i < npics; i++)
        buf_printf(b,
                   "<manifest:file-entry manifest:full-path=\"" PICTURE "\" "
                   "manifest:media-type=\"image/png\"/>",
                   i + 1);
    buf_puts(b, "</manifest:manifest>\n");
}

int
odt_write(const struct document *d, struct buf *out, char *reason, size_t size)
{
    static const char mimetype[] = "application/vnd.oasis.opendocument.text";
    /* the page, paragraph and table styles are files of their own (templates/odt) */
    const struct embedded_file *styles = embed_find("templates/odt/styles.xml");
    struct buf *pics;
    int npics;
    struct buf body, metadata, man;
    buf_init(&body);
    buf_init(&metadata);
    buf_init(&man);
    int rc = chart_pictures(d, &pics, &npics);
    content(d, &body);
    meta(d, &metadata);
    manifest(&man, npics);
    struct package pkg;
    if (rc == 0)
        rc = package_open(&pkg);
    if (rc == 0) {
        /* the mimetype first and stored, as OpenDocument requires */
        package_add(&pkg, "mimetype", mimetype, strlen(mimetype), 1);
        package_add(&pkg, "content.xml", body.data, body.len, 0);
        package_add(&pkg, "styles.xml", styles->data, styles->size, 0);
        package_add(&pkg, "meta.xml", metadata.data, metadata.len, 0);
        package_add(&pkg, "META-INF/manifest.xml", man.data, man.len, 0);
        for (int i = 0; i < npics; i++) {
            char name[32];
            snprintf(name, sizeof name, PICTURE, i + 1);
            package_add(&pkg, name, pics[i].data, pics[i].len, 1);
        }
        rc = package_finish(&pkg, out);
    }
    chart_pictures_free(pics, npics);
    buf_free(&body);
    buf_free(&metadata);
    buf_free(&man);
    if (rc)
        snprintf(reason, size, "Dokumentet kunde inte skapas (ODT).");
    return rc ? -1 : 0;
}
