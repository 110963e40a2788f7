/* pdf.c — a report as PDF with cairo and pango. */
#include "io/pdf.h"

#include "io/chart.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#define PAGE_W 595.276 /* A4 in points */
#define PAGE_H 841.890
#define LEFT 72.0
#define RIGHT 64.0
#define TOP 78.0
#define BOTTOM (PAGE_H - 72.0)
#define WIDTH (PAGE_W - LEFT - RIGHT)
#define BODY 10.0 /* the body text's size */

struct pdf {
    const struct document *d;
    cairo_surface_t *surface;
    cairo_t *cr;
    int draw;          /* the second pass, which draws */
    int page, pages;   /* pages: the first pass's count */
    double y;          /* where the next block starts */
    int *heading_page; /* per block: where a heading fell (first pass) */
    int figure;        /* the last figure's number */
    int outline_parent;
};

static PangoLayout *
layout(struct pdf *p, const char *text, double size, int bold, int italic, double width)
{
    PangoLayout *l = pango_cairo_create_layout(p->cr);
    PangoFontDescription *f = pango_font_description_from_string(CHART_FONT);
    pango_font_description_set_absolute_size(f, size * PANGO_SCALE);
    if (bold)
        pango_font_description_set_weight(f, PANGO_WEIGHT_BOLD);
    if (italic)
        pango_font_description_set_style(f, PANGO_STYLE_ITALIC);
    pango_layout_set_font_description(l, f);
    pango_font_description_free(f);
    PangoAttrList *attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs, pango_attr_language_new(pango_language_from_string("sv")));
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_spacing(l, (int)(size * 0.3 * PANGO_SCALE));
    pango_layout_set_text(l, text, -1);
    return l;
}

static double
layout_height(PangoLayout *l)
{
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)h / PANGO_SCALE;
}

static void
grey(struct pdf *p, double level)
{
    cairo_set_source_rgb(p->cr, level, level, level);
}

static void
ink(struct pdf *p)
{
    cairo_set_source_rgb(p->cr, 0.10, 0.12, 0.15);
}

/* Draws a whole layout at (x, y) in the second pass. */
static void
show(struct pdf *p, PangoLayout *l, double x, double y)
{
    if (!p->draw)
        return;
    cairo_move_to(p->cr, x, y);
    pango_cairo_show_layout(p->cr, l);
}

static void
head_and_foot(struct pdf *p)
{
    PangoLayout *l = layout(p, p->d->organisation, 8, 0, 0, WIDTH / 2);
    grey(p, 0.40);
    show(p, l, LEFT, 40);
    g_object_unref(l);
    l = layout(p, p->d->title, 8, 0, 0, WIDTH / 2);
    pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    show(p, l, LEFT + WIDTH / 2, 40);
    g_object_unref(l);
    char page[64];
    snprintf(page, sizeof page, "Sida %d av %d", p->page, p->pages);
    l = layout(p, page, 8, 0, 0, WIDTH);
    pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
    show(p, l, LEFT, PAGE_H - 44);
    g_object_unref(l);
    if (p->draw) {
        cairo_set_line_width(p->cr, 0.5);
        grey(p, 0.75);
        cairo_move_to(p->cr, LEFT, 54);
        cairo_line_to(p->cr, LEFT + WIDTH, 54);
        cairo_stroke(p->cr);
    }
    ink(p);
}

static void
new_page(struct pdf *p)
{
    if (p->page > 0)
        cairo_show_page(p->cr);
    p->page++;
    p->y = TOP;
    head_and_foot(p);
}

/* Room for h more points on this page, else the next page. */
static void
ensure(struct pdf *p, double h)
{
    if (p->y + h > BOTTOM && p->y > TOP)
        new_page(p);
}

/* Shows a layout line by line at x, breaking onto new pages between lines. */
static void
flow(struct pdf *p, PangoLayout *l, double x)
{
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        int y0, y1;
        pango_layout_iter_get_line_yrange(it, &y0, &y1);
        double h = (double)(y1 - y0) / PANGO_SCALE;
        double base = (double)(pango_layout_iter_get_baseline(it) - y0) / PANGO_SCALE;
        ensure(p, h);
        if (p->draw) {
            PangoRectangle logical;
            pango_layout_iter_get_line_extents(it, NULL, &logical);
            cairo_move_to(p->cr, x + (double)logical.x / PANGO_SCALE, p->y + base);
            pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
        }
        p->y += h;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

static void
heading(struct pdf *p, int index)
{
    const struct doc_block *b = &p->d->blocks[index];
    static const double size[] = {0, 16, 13, 11}, before[] = {0, 16, 12, 8};
    PangoLayout *l = layout(p, b->text, size[b->level], 1, 0, WIDTH);
    double h = layout_height(l);
    if (p->y > TOP)
        p->y += before[b->level];
    /* a heading keeps with the start of what follows, and with a heading that follows it */
    int next_is_heading = index + 1 < p->d->n && p->d->blocks[index + 1].kind == DOC_HEADING;
    ensure(p, h + 3 * BODY * 1.3 + (next_is_heading ? 30 : 0));
    p->heading_page[index] = p->page;
    char dest[48];
    snprintf(dest, sizeof dest, "name='h%d'", index);
    if (p->draw) {
        cairo_tag_begin(p->cr, CAIRO_TAG_DEST, dest);
        cairo_set_source_rgb(p->cr, 0.09, 0.22, 0.36);
    }
    show(p, l, LEFT, p->y);
    if (p->draw) {
        cairo_tag_end(p->cr, CAIRO_TAG_DEST);
        ink(p);
        char target[96];
        snprintf(target, sizeof target, "page=%d pos=[%.1f %.1f]", p->page, LEFT, p->y);
        int id = cairo_pdf_surface_add_outline(
            p->surface, b->level == 1 ? CAIRO_PDF_OUTLINE_ROOT : p->outline_parent, b->text, target,
            0);
        if (b->level == 1)
            p->outline_parent = id;
    }
    g_object_unref(l);
    p->y += h + 5;
}

static void
paragraph(struct pdf *p, const char *text, double x, double width, double indent)
{
    PangoLayout *l = layout(p, text, BODY, 0, 0, width);
    if (indent)
        pango_layout_set_indent(l, (int)(-indent * PANGO_SCALE)); /* hanging, for bullets */
    flow(p, l, x);
    g_object_unref(l);
}

static void
list(struct pdf *p, const struct doc_block *b)
{
    for (int i = 0; i < b->nitems; i++) {
        char *item = g_strdup_printf("•\u2002%s", b->items[i]);
        paragraph(p, item, LEFT + 8, WIDTH - 8, 11);
        g_free(item);
        p->y += 2;
    }
    p->y += 5;
}

static void
facts(struct pdf *p, const struct doc_block *b)
{
    for (int i = 0; i < b->nitems; i++) {
        PangoLayout *label = layout(p, b->items[i], 9, 1, 0, 120);
        PangoLayout *value = layout(p, b->values[i], BODY, 0, 0, WIDTH - 130);
        double h = layout_height(value) > layout_height(label) ? layout_height(value)
                                                               : layout_height(label);
        ensure(p, h);
        grey(p, 0.30);
        show(p, label, LEFT, p->y + 1);
        ink(p);
        show(p, value, LEFT + 130, p->y);
        g_object_unref(label);
        g_object_unref(value);
        p->y += h + 3;
    }
    p->y += 8;
}

/* The width a cell's text needs on one line (whole) or, when wrapped, its longest word. */
static double
cell_width(struct pdf *p, const char *s, int bold, int whole)
{
    PangoLayout *l = layout(p, s, 9, bold, 0, -1);
    if (!whole) { /* a width no word fits in: one word a line, the widest decides */
        pango_layout_set_width(l, 1);
        pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    }
    PangoRectangle ink, logical;
    pango_layout_get_extents(l, &ink, &logical);
    g_object_unref(l);
    return (double)logical.width / PANGO_SCALE;
}

/* Column widths: numbers as wide as they need; text columns at least as wide as their longest
 * word, sharing the rest in proportion to what they would need on one line. */
static void
column_widths(struct pdf *p, const struct doc_table *t, double *w)
{
    double natural[32], least[32], fixed = 0, want = 0, floor = 0;
    for (int c = 0; c < t->ncols; c++) {
        natural[c] = least[c] = 0;
        for (int r = -1; r < t->nrows; r++) {
            const char *s = r < 0 ? t->head[c] : t->cells[r * t->ncols + c];
            double n = cell_width(p, s, r < 0, 1) + 10, l = cell_width(p, s, r < 0, 0) + 10;
            natural[c] = n > natural[c] ? n : natural[c];
            least[c] = l > least[c] ? l : least[c];
        }
        if (t->numeric >> c & 1)
            fixed += natural[c];
        else {
            want += natural[c];
            floor += least[c];
        }
    }
    double room = WIDTH - fixed;
    for (int c = 0; c < t->ncols; c++) {
        if (t->numeric >> c & 1)
            w[c] = natural[c];
        else if (want <= room) /* all on one line: the spare room shared alike */
            w[c] = natural[c] + (room - want) * natural[c] / want;
        else if (floor <= room) /* no word broken: what is left to those that wrap */
            w[c] = least[c] + (room - floor) * (natural[c] - least[c]) / (want - floor);
        else /* words too long for the page: everyone narrower */
            w[c] = least[c] * room / floor;
    }
}

/* One row of cells; header rows are bold on grey. Returns its height. */
static double
table_row(struct pdf *p, const struct doc_table *t, const char *const *cells, const double *w,
          int header, int measure)
{
    PangoLayout *ls[32];
    int n = t->ncols < 32 ? t->ncols : 32;
    double h = 0;
    for (int c = 0; c < n; c++) {
        ls[c] = layout(p, cells[c], 9, header, 0, w[c] - 10);
        if (t->numeric >> c & 1)
            pango_layout_set_alignment(ls[c], PANGO_ALIGN_RIGHT);
        if (layout_height(ls[c]) > h)
            h = layout_height(ls[c]);
    }
    h += 8;
    if (!measure && p->draw) {
        if (header) {
            cairo_set_source_rgb(p->cr, 0.93, 0.94, 0.96);
            cairo_rectangle(p->cr, LEFT, p->y, WIDTH, h);
            cairo_fill(p->cr);
        }
        ink(p);
        double x = LEFT;
        for (int c = 0; c < n; c++) {
            show(p, ls[c], x + 5, p->y + 4);
            x += w[c];
        }
        cairo_set_line_width(p->cr, header ? 0.8 : 0.4);
        grey(p, header ? 0.45 : 0.80);
        cairo_move_to(p->cr, LEFT, p->y + h);
        cairo_line_to(p->cr, LEFT + WIDTH, p->y + h);
        cairo_stroke(p->cr);
        ink(p);
    }
    for (int c = 0; c < n; c++)
        g_object_unref(ls[c]);
    return h;
}

static void
table(struct pdf *p, const struct doc_table *t)
{
    double w[32];
    if (t->ncols > 32)
        return;
    column_widths(p, t, w);
    double head_h = table_row(p, t, t->head, w, 1, 1);
    double first = t->nrows ? table_row(p, t, t->cells, w, 0, 1) : 0;
    ensure(p, head_h + first);
    p->y += table_row(p, t, t->head, w, 1, 0);
    for (int r = 0; r < t->nrows; r++) {
        const char *const *row = t->cells + r * t->ncols;
        double h = table_row(p, t, row, w, 0, 1);
        if (p->y + h > BOTTOM) { /* the header again at the top of the next page */
            new_page(p);
            p->y += table_row(p, t, t->head, w, 1, 0);
        }
        p->y += table_row(p, t, row, w, 0, 0);
    }
    p->y += 12;
}

static void
chart(struct pdf *p, const struct doc_chart *c)
{
    char *caption = g_strdup_printf("Figur %d. %s", ++p->figure, c->title);
    PangoLayout *l = layout(p, caption, 9, 0, 1, WIDTH);
    g_free(caption);
    double h = layout_height(l) + 6 + chart_height(c);
    ensure(p, h);
    grey(p, 0.25);
    show(p, l, LEFT, p->y);
    ink(p);
    p->y += layout_height(l) + 6;
    g_object_unref(l);
    if (p->draw)
        chart_draw(p->cr, c, LEFT, p->y, WIDTH);
    p->y += chart_height(c) + 12;
}

/* The report's first page after the memo: its title and its contents with page numbers. */
static void
appendix(struct pdf *p, const struct doc_block *b)
{
    new_page(p);
    PangoLayout *l = layout(p, b->text, 20, 1, 0, WIDTH);
    cairo_set_source_rgb(p->cr, 0.09, 0.22, 0.36);
    show(p, l, LEFT, p->y);
    ink(p);
    p->y += layout_height(l) + 18;
    g_object_unref(l);
    l = layout(p, "Innehåll", 13, 1, 0, WIDTH);
    show(p, l, LEFT, p->y);
    p->y += layout_height(l) + 8;
    g_object_unref(l);
    int *entries = g_new(int, p->d->n ? p->d->n : 1);
    int n = doc_contents(p->d, entries);
    for (int i = 0; i < n; i++) {
        const struct doc_block *h = &p->d->blocks[entries[i]];
        double indent = h->level == 1 ? 0 : 16;
        char number[16];
        snprintf(number, sizeof number, "%d", p->heading_page[entries[i]]);
        PangoLayout *title = layout(p, h->text, BODY, h->level == 1, 0, WIDTH - indent - 40);
        pango_layout_set_ellipsize(title, PANGO_ELLIPSIZE_END);
        pango_layout_set_wrap(title, PANGO_WRAP_WORD);
        PangoLayout *page = layout(p, number, BODY, 0, 0, 30);
        pango_layout_set_alignment(page, PANGO_ALIGN_RIGHT);
        double lh = layout_height(page);
        ensure(p, lh + 4);
        char link[48];
        snprintf(link, sizeof link, "dest='h%d'", entries[i]);
        if (p->draw)
            cairo_tag_begin(p->cr, CAIRO_TAG_LINK, link);
        show(p, title, LEFT + indent, p->y);
        if (p->draw) {
            /* a dotted leader from the title to its page number */
            int tw, th;
            pango_layout_get_size(title, &tw, &th);
            double from = LEFT + indent + (double)tw / PANGO_SCALE + 6, to = LEFT + WIDTH - 36;
            static const double dots[] = {0.6, 3.0};
            cairo_set_dash(p->cr, dots, 2, 0);
            cairo_set_line_width(p->cr, 0.8);
            grey(p, 0.55);
            if (to > from) {
                cairo_move_to(p->cr, from, p->y + lh - 3);
                cairo_line_to(p->cr, to, p->y + lh - 3);
                cairo_stroke(p->cr);
            }
            cairo_set_dash(p->cr, NULL, 0, 0);
            ink(p);
        }
        show(p, page, LEFT + WIDTH - 30, p->y);
        if (p->draw)
            cairo_tag_end(p->cr, CAIRO_TAG_LINK);
        g_object_unref(title);
        g_object_unref(page);
        p->y += lh + 4;
    }
    g_free(entries);
    p->y += 14;
}

static void
blocks(struct pdf *p)
{
    const struct document *d = p->d;
    p->page = 0;
    p->figure = 0;
    p->outline_parent = CAIRO_PDF_OUTLINE_ROOT;
    new_page(p);
    for (int i = 0; i < d->n; i++) {
        const struct doc_block *b = &d->blocks[i];
        switch (b->kind) {
        case DOC_HEADING:
            heading(p, i);
            break;
        case DOC_PARAGRAPH:
            paragraph(p, b->text, LEFT, WIDTH, 0);
            p->y += 7;
            break;
        case DOC_LIST:
            list(p, b);
            break;
        case DOC_FACTS:
            facts(p, b);
            break;
        case DOC_TABLE:
            table(p, b->table);
            break;
        case DOC_CHART:
            chart(p, b->chart);
            break;
        case DOC_APPENDIX:
            appendix(p, b);
            break;
        }
    }
    cairo_show_page(p->cr);
}

static cairo_status_t
discard(void *closure, const unsigned char *data, unsigned int length)
{
    (void)closure, (void)data, (void)length;
    return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
to_buf(void *closure, const unsigned char *data, unsigned int length)
{
    buf_append(closure, (const char *)data, length);
    return CAIRO_STATUS_SUCCESS;
}

/* One pass: onto a surface that writes to out (the second) or nowhere (the first). */
static int
pass(struct pdf *p, struct buf *out, char *reason, size_t size)
{
    p->surface = cairo_pdf_surface_create_for_stream(out ? to_buf : discard, out, PAGE_W, PAGE_H);
    if (out) {
        cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, p->d->title);
        cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_AUTHOR, p->d->author);
        cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "insyn");
    }
    p->cr = cairo_create(p->surface);
    ink(p);
    blocks(p);
    cairo_status_t status = cairo_status(p->cr);
    cairo_destroy(p->cr);
    cairo_surface_finish(p->surface);
    if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status(p->surface);
    cairo_surface_destroy(p->surface);
    if (status != CAIRO_STATUS_SUCCESS) {
        snprintf(reason, size, "PDF-filen kunde inte skapas: %s", cairo_status_to_string(status));
        return -1;
    }
    return 0;
}

int
pdf_write(const struct document *d, struct buf *out, char *reason, size_t size)
{
    struct pdf p = {.d = d};
    p.heading_page = g_new0(int, d->n ? d->n : 1);
    int rc = pass(&p, NULL, reason, size);
    if (rc == 0) {
        p.pages = p.page;
        p.draw = 1;
        rc = pass(&p, out, reason, size);
    }
    g_free(p.heading_page);
    return rc;
}
