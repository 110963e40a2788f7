/* docx.c — a report as WordprocessingML: word/document.xml, its relationships and the document
 * properties are written here; the fixed parts (content types, the package's relationships,
 * styles, bullets, settings and the footer) are files of their own in templates/docx.
 *
 * Sizes in WordprocessingML: twips (1/20 pt) for the page and the tables, half-points for type
 * (in the styles), EMU (1/12700 pt) for pictures. Every piece of the report's text goes
 * through text(), which escapes it. */
#include "io/docx.h"

#include "core/embed.h"
#include "io/chart.h"
#include "io/package.h"
#include "io/xml.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define TEXT_WIDTH 9241 /* twips: A4's 11906 less the margins 1418 and 1247 */
#define EMU_PER_POINT 12700
#define PICTURE "media/figur%d.png" /* the n-th picture (from 1), relative to word/ */
#define RANGE "Rapport"             /* the bookmark around the report the contents list */

#define NS_W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define NS_R "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define NS_DRAWING                                                                                 \
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "         \
    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "                           \
    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\""
#define REL_TYPE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/* Text inside <w:t>: a tab or a line break ends the text element for its own and starts
 * another. */
static void
text(struct buf *b, const char *s)
{
    xml_text(b, s, "</w:t><w:tab/><w:t xml:space=\"preserve\">",
             "</w:t><w:br/><w:t xml:space=\"preserve\">");
}

static void
run(struct buf *b, const char *s)
{
    buf_puts(b, "<w:r><w:t xml:space=\"preserve\">");
    text(b, s);
    buf_puts(b, "</w:t></w:r>");
}

/* A paragraph of one run in a style; props are more paragraph properties (after the style, in
 * the schema's order), or NULL. */
static void
paragraph(struct buf *b, const char *style, const char *props, const char *s)
{
    buf_printf(b, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>%s</w:pPr>", style, props ? props : "");
    run(b, s);
    buf_puts(b, "</w:p>");
}

/* A heading in Word's own heading style, with the hidden bookmark (_Toc + its block index) that
 * the contents link to. */
static void
heading(struct buf *b, int level, const char *s, int index)
{
    buf_printf(b,
               "<w:p><w:pPr><w:pStyle w:val=\"Heading%d\"/></w:pPr>"
               "<w:bookmarkStart w:id=\"%d\" w:name=\"_Toc%d\"/>",
               level, index + 1, index);
    run(b, s);
    buf_printf(b, "<w:bookmarkEnd w:id=\"%d\"/></w:p>", index + 1);
}

static void
facts(struct buf *b, const struct doc_block *blk)
{
    for (int k = 0; k < blk->nitems; k++) {
        buf_puts(b, "<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr>"
                    "<w:r><w:rPr><w:rStyle w:val=\"Strong\"/></w:rPr><w:t>");
        text(b, blk->items[k]);
        buf_puts(b, ":</w:t></w:r>");
        buf_puts(b, "<w:r><w:t xml:space=\"preserve\"> ");
        text(b, blk->values[k]);
        buf_puts(b, "</w:t></w:r></w:p>");
    }
}

static void
cell(struct buf *b, int width, int head, int numeric, const char *s)
{
    buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", width);
    /* the header's look is the table style's too; written on the cells as well, since not
     * every word processor applies a table style's first row */
    if (head)
        buf_puts(b, "<w:tcBorders><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"0\" "
                    "w:color=\"737A85\"/></w:tcBorders>"
                    "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"EDF0F4\"/>");
    buf_puts(b, "</w:tcPr>");
    paragraph(b, head ? "TableHeading" : "TableContents",
              numeric ? "<w:jc w:val=\"right\"/>" : NULL, s);
    buf_puts(b, "</w:tc>");
}

/* A table as wide as the text, its columns shared out by their text (core/document), the header
 * row repeated on every page and no row split across two. A small paragraph follows, since Word
 * joins two tables that touch. */
static void
table(struct buf *b, const struct doc_table *t, struct arena *a)
{
    int *width = arena_alloc(a, sizeof *width * (size_t)(t->ncols ? t->ncols : 1));
    int total = doc_column_shares(t, width), used = 0;
    for (int c = 0; c < t->ncols; c++) {
        width[c] = c == t->ncols - 1 ? TEXT_WIDTH - used : TEXT_WIDTH * width[c] / total;
        used += width[c];
    }
    buf_printf(b,
               "<w:tbl><w:tblPr><w:tblStyle w:val=\"Table\"/><w:tblW w:w=\"%d\" w:type=\"dxa\"/>"
               "<w:tblLayout w:type=\"fixed\"/>"
               "<w:tblLook w:val=\"0420\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" "
               "w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
               TEXT_WIDTH);
    for (int c = 0; c < t->ncols; c++)
        buf_printf(b, "<w:gridCol w:w=\"%d\"/>", width[c]);
    buf_puts(b, "</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (int c = 0; c < t->ncols; c++)
        cell(b, width[c], 1, t->numeric >> c & 1, t->head[c]);
    buf_puts(b, "</w:tr>");
    for (int r = 0; r < t->nrows; r++) {
        buf_puts(b, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (int c = 0; c < t->ncols; c++)
            cell(b, width[c], 0, t->numeric >> c & 1, t->cells[r * t->ncols + c]);
        buf_puts(b, "</w:tr>");
    }
    buf_puts(b, "</w:tbl><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"170\" "
                "w:lineRule=\"exact\"/></w:pPr></w:p>");
}

/* The figure's caption, numbered by a SEQ field as Word numbers its own, then the picture
 * inline in a paragraph of its own, with the caption as its alternative text. */
static void
figure(struct buf *b, const struct doc_chart *c, int number)
{
    buf_printf(b,
               "<w:p><w:pPr><w:pStyle w:val=\"Caption\"/></w:pPr>"
               "<w:r><w:t xml:space=\"preserve\">Figur </w:t></w:r>"
               "<w:fldSimple w:instr=\" SEQ Figur \\* ARABIC \"><w:r><w:t>%d</w:t></w:r>"
               "</w:fldSimple><w:r><w:t xml:space=\"preserve\">. ",
               number);
    text(b, c->title);
    buf_puts(b, "</w:t></w:r></w:p>");
    long cx = (long)(CHART_TEXT_WIDTH * EMU_PER_POINT);
    long cy = (long)(chart_height(c) * EMU_PER_POINT);
    buf_printf(b,
               "<w:p><w:pPr><w:pStyle w:val=\"Figure\"/></w:pPr><w:r><w:drawing>"
               "<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
               "<wp:extent cx=\"%ld\" cy=\"%ld\"/>"
               "<wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
               "<wp:docPr id=\"%d\" name=\"Figur %d\" descr=\"",
               cx, cy, number, number);
    xml_text(b, c->title, " ", " ");
    buf_printf(b,
               "\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/>"
               "</wp:cNvGraphicFramePr>"
               "<a:graphic><a:graphicData "
               "uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>"
               "<pic:nvPicPr><pic:cNvPr id=\"%d\" name=\"figur%d.png\"/><pic:cNvPicPr/>"
               "</pic:nvPicPr><pic:blipFill><a:blip r:embed=\"rIdFigur%d\"/>"
               "<a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
               "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"%ld\" cy=\"%ld\"/></a:xfrm>"
               "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>"
               "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>",
               number, number, number, cx, cy);
}

/* The report's table of contents: a TOC field of the headings of level 1 and 2 inside the
 * bookmark RANGE (the report, not the memo before it). Its result is written as the headings,
 * each a link to its own, without page numbers: so it reads well as it is, and Word writes it
 * anew with the page numbers when the officer updates it. */
static void
contents(struct buf *b, const struct document *d)
{
    paragraph(b, "TOCHeading", NULL, "Innehåll");
    int *entries = arena_alloc(d->a, sizeof *entries * (size_t)(d->n ? d->n : 1));
    int n = doc_contents(d, entries);
    static const char begin[] =
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
        "<w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-2\" \\h \\b " RANGE
        " </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>";
    static const char end[] = "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
    if (!n)
        buf_printf(b, "<w:p><w:pPr><w:pStyle w:val=\"TOC1\"/></w:pPr>%s%s</w:p>", begin, end);
    for (int i = 0; i < n; i++) {
        const struct doc_block *h = &d->blocks[entries[i]];
        buf_printf(b,
                   "<w:p><w:pPr><w:pStyle w:val=\"TOC%d\"/></w:pPr>%s"
                   "<w:hyperlink w:anchor=\"_Toc%d\" w:history=\"1\">",
                   h->level, i == 0 ? begin : "", entries[i]);
        run(b, h->text);
        buf_printf(b, "</w:hyperlink>%s</w:p>", i == n - 1 ? end : "");
    }
}

/* word/document.xml: the blocks in order, then the section: A4, its margins and the footer. */
static void
document_part(const struct document *d, struct buf *b)
{
    buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                "<w:document " NS_W " " NS_R " " NS_DRAWING "><w:body>");
    int figures = 0, range = 0;
    for (int i = 0; i < d->n; i++) {
        const struct doc_block *blk = &d->blocks[i];
        switch (blk->kind) {
        case DOC_HEADING:
            heading(b, blk->level, blk->text, i);
            break;
        case DOC_PARAGRAPH:
            paragraph(b, "Normal", NULL, blk->text);
            break;
        case DOC_LIST:
            for (int k = 0; k < blk->nitems; k++)
                paragraph(b, "ListBullet", NULL, blk->items[k]);
            break;
        case DOC_FACTS:
            facts(b, blk);
            break;
        case DOC_TABLE:
            table(b, blk->table, d->a);
            break;
        case DOC_CHART:
            figure(b, blk->chart, ++figures);
            break;
        case DOC_APPENDIX:
            paragraph(b, "Title", "<w:pageBreakBefore/>", blk->text);
            if (!range) { /* the contents are those of the first appendix (doc_contents) */
                contents(b, d);
                buf_puts(b, "<w:bookmarkStart w:id=\"0\" w:name=\"" RANGE "\"/>");
                range = 1;
            }
            break;
        }
    }
    if (range)
        buf_puts(b, "<w:bookmarkEnd w:id=\"0\"/>");
    buf_puts(b, "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>"
                "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
                "<w:pgMar w:top=\"1134\" w:right=\"1247\" w:bottom=\"1134\" w:left=\"1418\" "
                "w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>"
                "</w:sectPr></w:body></w:document>\n");
}

/* word/_rels/document.xml.rels: the fixed parts and each picture. */
static void
document_relationships(struct buf *b, int npics)
{
    buf_puts(b,
             "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
             "<Relationships "
             "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
             "<Relationship Id=\"rIdStyles\" Type=\"" REL_TYPE "styles\" Target=\"styles.xml\"/>"
             "<Relationship Id=\"rIdNumbering\" Type=\"" REL_TYPE
             "numbering\" Target=\"numbering.xml\"/>"
             "<Relationship Id=\"rIdSettings\" Type=\"" REL_TYPE
             "settings\" Target=\"settings.xml\"/>"
             "<Relationship Id=\"rIdFooter\" Type=\"" REL_TYPE "footer\" Target=\"footer1.xml\"/>");
    for (int i = 1; i <= npics; i++)
        buf_printf(b,
                   "<Relationship Id=\"rIdFigur%d\" Type=\"" REL_TYPE "image\" Target=\"" PICTURE
                   "\"/>",
                   i, i);
    buf_puts(b, "</Relationships>\n");
}

/* docProps/core.xml: the title, the officer as its author, the language and when it was made. */
static void
core_properties(const struct document *d, struct buf *b)
{
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
    buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                "<cp:coreProperties "
                "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
                "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
                "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>");
    xml_text(b, d->title, NULL, NULL);
    buf_puts(b, "</dc:title><dc:creator>");
    xml_text(b, d->author, NULL, NULL);
    buf_printf(b,
               "</dc:creator><dc:language>sv-SE</dc:language>"
               "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s</dcterms:created>"
               "</cp:coreProperties>\n",
               now);
}

/* docProps/app.xml: the program, and the organisation as the company. */
static void
app_properties(const struct document *d, struct buf *b)
{
    buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                "extended-properties\"><Application>insyn</Application><Company>");
    xml_text(b, d->organisation, NULL, NULL);
    buf_puts(b, "</Company></Properties>\n");
}

/* A fixed part, built into the binary from templates/docx. */
static void
add_template(struct package *p, const char *member, const char *name)
{
    const struct embedded_file *f = embed_find(name);
    package_add(p, member, f->data, f->size, 0);
}

int
docx_write(const struct document *d, struct buf *out, char *reason, size_t size)
{
    struct buf *pics;
    int npics;
    struct buf doc, rels, core, app;
    buf_init(&doc);
    buf_init(&rels);
    buf_init(&core);
    buf_init(&app);
    int rc = chart_pictures(d, &pics, &npics);
    document_part(d, &doc);
    document_relationships(&rels, npics);
    core_properties(d, &core);
    app_properties(d, &app);
    struct package pkg;
    if (rc == 0)
        rc = package_open(&pkg);
    if (rc == 0) {
        add_template(&pkg, "[Content_Types].xml", "templates/docx/content-types.xml");
        add_template(&pkg, "_rels/.rels", "templates/docx/package-rels.xml");
        package_add(&pkg, "word/document.xml", doc.data, doc.len, 0);
        package_add(&pkg, "word/_rels/document.xml.rels", rels.data, rels.len, 0);
        add_template(&pkg, "word/styles.xml", "templates/docx/styles.xml");
        add_template(&pkg, "word/numbering.xml", "templates/docx/numbering.xml");
        add_template(&pkg, "word/settings.xml", "templates/docx/settings.xml");
        add_template(&pkg, "word/footer1.xml", "templates/docx/footer.xml");
        package_add(&pkg, "docProps/core.xml", core.data, core.len, 0);
        package_add(&pkg, "docProps/app.xml", app.data, app.len, 0);
        for (int i = 0; i < npics; i++) {
            char name[40];
            snprintf(name, sizeof name, "word/" PICTURE, i + 1);
            package_add(&pkg, name, pics[i].data, pics[i].len, 1);
        }
        rc = package_finish(&pkg, out);
    }
    chart_pictures_free(pics, npics);
    buf_free(&doc);
    buf_free(&rels);
    buf_free(&core);
    buf_free(&app);
    if (rc)
        snprintf(reason, size, "Dokumentet kunde inte skapas (DOCX).");
    return rc ? -1 : 0;
}
