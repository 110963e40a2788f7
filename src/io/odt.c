/* odt.c — a report as an OpenDocument text: content, styles, metadata and pictures zipped. */
#include "io/odt.h"

#include "core/embed.h"
#include "io/chart.h"

#include <stdio.h>
#include <string.h>
#include <zip.h>

#define CHART_WIDTH 450.0 /* points: the text width of an A4 page with 2.5 cm margins */

/* Text as XML character data: the five special characters escaped, and the control
 * characters XML 1.0 does not allow dropped. */
static void
xml(struct buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '&':
            buf_puts(b, "&amp;");
            break;
        case '<':
            buf_puts(b, "&lt;");
            break;
        case '>':
            buf_puts(b, "&gt;");
            break;
        case '"':
            buf_puts(b, "&quot;");
            break;
        case '\'':
            buf_puts(b, "&apos;");
            break;
        case '\t':
            buf_puts(b, "<text:tab/>");
            break;
        case '\n':
            buf_puts(b, "<text:line-break/>");
            break;
        default:
            if (*p >= 0x20)
                buf_putc(b, (char)*p);
        }
    }
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

/* The characters of s (not bytes: UTF-8 continuation bytes are not counted), and of its
 * longest word. */
static void
characters(const char *s, size_t *all, size_t *word)
{
    size_t run = 0;
    *all = *word = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) == 0x80)
            continue;
        ++*all;
        run = *p == ' ' ? 0 : run + 1;
        *word = run > *word ? run : *word;
    }
}

/* A column's share of the table's width: room for its longest word, and for its longest text
 * within bounds, so that numbers and dates stay whole and long texts wrap. */
static int
column_share(const struct doc_table *t, int c)
{
    size_t longest = 0, word = 0;
    for (int r = -1; r < t->nrows; r++) {
        size_t n, w;
        characters(r < 0 ? t->head[c] : t->cells[r * t->ncols + c], &n, &w);
        longest = n > longest ? n : longest;
        word = w > word ? w : word;
    }
    if (longest > 40)
        longest = 40;
    size_t share = longest > word + 4 ? longest : word + 4;
    return (int)(share < 8 ? 8 : share);
}

/* The automatic styles of a table's columns: "TabellN.C" with its width (of the table's
 * 16.3 cm) and the same as a relative width, which is what Word reads. */
static void
column_styles(struct buf *b, const struct doc_table *t, int number)
{
    int total = 0;
    for (int c = 0; c < t->ncols; c++)
        total += column_share(t, c);
    for (int c = 0; c < t->ncols; c++)
        buf_printf(b,
                   "<style:style style:name=\"Tabell%d.%d\" style:family=\"table-column\">"
                   "<style:table-column-properties style:column-width=\"%.2fcm\" "
                   "style:rel-width=\"%d*\"/></style:style>",
                   number, c + 1, 16.3 * column_share(t, c) / total, column_share(t, c) * 100);
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

struct picture {
    char name[48];
    struct buf png;
};

static int body(const struct document *d, struct buf *b, struct picture *pics, int *npics);

/* content.xml: the automatic styles (the fixed ones and each table's columns), then the body. */
static int
content(const struct document *d, struct buf *b, struct picture *pics, int *npics)
{
    buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content " NS ">");
    buf_puts(b, "<office:automatic-styles>");
    buf_puts(b, embed_find("templates/odt/content-styles.xml")->data);
    int tables = 0;
    for (int i = 0; i < d->n; i++)
        if (d->blocks[i].kind == DOC_TABLE)
            column_styles(b, d->blocks[i].table, ++tables);
    buf_puts(b, "</office:automatic-styles>");
    return body(d, b, pics, npics);
}

static int
body(const struct document *d, struct buf *b, struct picture *pics, int *npics)
{
    buf_puts(b, "<office:body><office:text>");
    int tables = 0;
    *npics = 0;
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
            struct picture *pic = &pics[*npics];
            snprintf(pic->name, sizeof pic->name, "Pictures/figur%d.png", *npics + 1);
            buf_init(&pic->png);
            if (chart_png(blk->chart, CHART_WIDTH, &pic->png) != 0) {
                buf_free(&pic->png);
                return -1;
            }
            ++*npics;
            char caption[32];
            snprintf(caption, sizeof caption, "Figur %d. ", *npics);
            buf_puts(b, "<text:p text:style-name=\"Caption\">");
            xml(b, caption);
            xml(b, blk->chart->title);
            buf_puts(b, "</text:p><text:p text:style-name=\"Standard\">");
            buf_printf(b,
                       "<draw:frame draw:style-name=\"Frame\" draw:name=\"Figur%d\" "
                       "text:anchor-type=\"as-char\" svg:width=\"%.2fpt\" svg:height=\"%.2fpt\">"
                       "<draw:image xlink:href=\"%s\" xlink:type=\"simple\" "
                       "xlink:show=\"embed\" xlink:actuate=\"onLoad\"/>",
                       *npics, CHART_WIDTH, chart_height(blk->chart), pic->name);
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
    return 0;
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
manifest(struct buf *b, const struct picture *pics, int npics)
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
                   "<manifest:file-entry manifest:full-path=\"%s\" "
                   "manifest:media-type=\"image/png\"/>",
                   pics[i].name);
    buf_puts(b, "</manifest:manifest>\n");
}

/* Adds one member; stored (not compressed) when store is set, as the mimetype must be. */
static int
add(zip_t *z, const char *name, const char *data, size_t len, int store)
{
    zip_source_t *s = zip_source_buffer(z, data, len, 0);
    if (!s)
        return -1;
    zip_int64_t i = zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8);
    if (i < 0) {
        zip_source_free(s);
        return -1;
    }
    return zip_set_file_compression(z, (zip_uint64_t)i, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
}

/* The archive's bytes, read back from its memory source after zip_close. */
static int
read_back(zip_source_t *src, struct buf *out)
{
    zip_stat_t st;
    if (zip_source_stat(src, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || zip_source_open(src) != 0)
        return -1;
    char chunk[65536];
    zip_int64_t n, total = 0;
    while ((n = zip_source_read(src, chunk, sizeof chunk)) > 0) {
        buf_append(out, chunk, (size_t)n);
        total += n;
    }
    zip_source_close(src);
    return n < 0 || (zip_uint64_t)total != st.size ? -1 : 0;
}

int
odt_write(const struct document *d, struct buf *out, char *reason, size_t size)
{
    static const char mimetype[] = "application/vnd.oasis.opendocument.text";
    /* the page, paragraph and table styles are files of their own (templates/odt) */
    const struct embedded_file *styles = embed_find("templates/odt/styles.xml");
    int nchart = 0;
    for (int i = 0; i < d->n; i++)
        nchart += d->blocks[i].kind == DOC_CHART;
    struct picture *pics = arena_alloc(d->a, sizeof *pics * (size_t)(nchart ? nchart : 1));
    int npics = 0;
    struct buf body, metadata, man;
    buf_init(&body);
    buf_init(&metadata);
    buf_init(&man);
    int rc = content(d, &body, pics, &npics);
    meta(d, &metadata);
    manifest(&man, pics, npics);
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *src = rc ? NULL : zip_source_buffer_create(NULL, 0, 0, &error);
    zip_t *z = src ? zip_open_from_source(src, ZIP_TRUNCATE, &error) : NULL;
    if (!z)
        rc = -1;
    if (rc == 0) {
        zip_source_keep(src); /* it holds the archive after zip_close */
        rc = add(z, "mimetype", mimetype, strlen(mimetype), 1) ||
             add(z, "content.xml", body.data, body.len, 0) ||
             add(z, "styles.xml", styles->data, styles->size, 0) ||
             add(z, "meta.xml", metadata.data, metadata.len, 0) ||
             add(z, "META-INF/manifest.xml", man.data, man.len, 0);
        for (int i = 0; i < npics && rc == 0; i++)
            rc = add(z, pics[i].name, pics[i].png.data, pics[i].png.len, 1);
        if (rc == 0 && zip_close(z) == 0)
            rc = read_back(src, out);
        else {
            zip_discard(z);
            rc = -1;
        }
        zip_source_free(src);
    } else if (src) {
        zip_source_free(src);
    }
    zip_error_fini(&error);
    for (int i = 0; i < npics; i++)
        buf_free(&pics[i].png);
    buf_free(&body);
    buf_free(&metadata);
    buf_free(&man);
    if (rc)
        snprintf(reason, size, "Dokumentet kunde inte skapas (ODT).");
    return rc ? -1 : 0;
}
