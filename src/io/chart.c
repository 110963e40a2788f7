/* chart.c — horizontal bar charts for the reports. */
#include "io/chart.h"

#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#define BAR 13.0      /* a bar's thickness */
#define ROW 20.0      /* a bar's row */
#define AXIS 16.0     /* the scale under the bars */
#define LABEL_MAX 0.4 /* of the width, for the labels */

static PangoLayout *
text_layout(cairo_t *cr, const char *text, double size, int bold)
{
    PangoLayout *l = pango_cairo_create_layout(cr);
    PangoFontDescription *f = pango_font_description_from_string(CHART_FONT);
    pango_font_description_set_absolute_size(f, size * PANGO_SCALE);
    if (bold)
        pango_font_description_set_weight(f, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(l, f);
    pango_font_description_free(f);
    pango_layout_set_text(l, text, -1);
    return l;
}

static double
text_width(cairo_t *cr, const char *text, double size)
{
    PangoLayout *l = text_layout(cr, text, size, 0);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    g_object_unref(l);
    return (double)w / PANGO_SCALE;
}

double
chart_height(const struct doc_chart *c)
{
    return c->n * ROW + AXIS + 4;
}

/* A round step at or above v: 1, 2 or 5 times a power of ten, whole numbers for counts. */
static double
nice_step(double v, int whole)
{
    if (v <= 0 || (whole && v < 1))
        return 1;
    double p = pow(10, floor(log10(v)));
    for (int i = 0; i < 3; i++) {
        double m = (double[]){1, 2, 5}[i] * p;
        if (v <= m)
            return m;
    }
    return 10 * p;
}

static char *
number_text(char *out, size_t size, double v, const char *unit)
{
    if (fabs(v - round(v)) < 0.05)
        snprintf(out, size, "%.0f", v);
    else {
        snprintf(out, size, "%.1f", v);
        char *dot = strchr(out, '.');
        if (dot)
            *dot = ','; /* the Swedish decimal comma */
    }
    if (unit && *unit) {
        size_t n = strlen(out);
        snprintf(out + n, size - n, "\xc2\xa0%s", unit);
    }
    return out;
}

void
chart_draw(cairo_t *cr, const struct doc_chart *c, double x, double y, double width)
{
    double label_w = 0;
    for (int i = 0; i < c->n; i++) {
        double w = text_width(cr, c->labels[i], 8.5);
        if (w > label_w)
            label_w = w;
    }
    if (label_w > width * LABEL_MAX)
        label_w = width * LABEL_MAX;
    double largest = 0;
    for (int i = 0; i < c->n; i++)
        if (c->values[i] > largest)
            largest = c->values[i];
    /* the axis: its end given, in quarters; else round steps up to the largest value */
    int whole = strcmp(c->unit, "%") != 0;
    double step = c->max > 0 ? c->max / 4 : nice_step(largest / 4, whole);
    int ticks = c->max > 0 ? 4 : (int)ceil(largest / step - 1e-9);
    if (ticks < 1)
        ticks = 1;
    double max = step * ticks;
    double bars_x = x + label_w + 8, bars_w = width - label_w - 8 - 46;
    if (bars_w < 40)
        bars_w = 40;
    cairo_save(cr);
    /* the grid: quarters of the axis, with their numbers under the bars */
    double bottom = y + c->n * ROW;
    cairo_set_line_width(cr, 0.5);
    for (int k = 0; k <= ticks; k++) {
        double gx = bars_x + bars_w * k / ticks;
        cairo_set_source_rgb(cr, 0.82, 0.84, 0.87);
        cairo_move_to(cr, gx, y);
        cairo_line_to(cr, gx, bottom);
        cairo_stroke(cr);
        char num[48];
        PangoLayout *l = text_layout(cr, number_text(num, sizeof num, step * k, ""), 7.5, 0);
        int tw, th;
        pango_layout_get_size(l, &tw, &th);
        cairo_set_source_rgb(cr, 0.35, 0.38, 0.42);
        cairo_move_to(cr, gx - (double)tw / PANGO_SCALE / 2, bottom + 3);
        pango_cairo_show_layout(cr, l);
        g_object_unref(l);
    }
    for (int i = 0; i < c->n; i++) {
        double row_y = y + i * ROW;
        /* the label, right-aligned against the bars, cut with an ellipsis when too long */
        PangoLayout *l = text_layout(cr, c->labels[i], 8.5, 0);
        pango_layout_set_width(l, (int)(label_w * PANGO_SCALE));
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
        int tw, th;
        pango_layout_get_size(l, &tw, &th);
        cairo_set_source_rgb(cr, 0.12, 0.14, 0.17);
        cairo_move_to(cr, x, row_y + (ROW - (double)th / PANGO_SCALE) / 2);
        pango_cairo_show_layout(cr, l);
        g_object_unref(l);
        double w = bars_w * (c->values[i] / max);
        cairo_set_source_rgb(cr, 0.12, 0.31, 0.47); /* the municipal blue of the pages */
        cairo_rectangle(cr, bars_x, row_y + (ROW - BAR) / 2, w, BAR);
        cairo_fill(cr);
        char num[48];
        l = text_layout(cr, number_text(num, sizeof num, c->values[i], c->unit), 8.5, 1);
        pango_layout_get_size(l, &tw, &th);
        cairo_set_source_rgb(cr, 0.12, 0.14, 0.17);
        cairo_move_to(cr, bars_x + w + 4, row_y + (ROW - (double)th / PANGO_SCALE) / 2);
        pango_cairo_show_layout(cr, l);
        g_object_unref(l);
    }
    cairo_restore(cr);
}

static cairo_status_t
to_buf(void *closure, const unsigned char *data, unsigned int length)
{
    buf_append(closure, (const char *)data, length);
    return CAIRO_STATUS_SUCCESS;
}

int
chart_png(const struct doc_chart *c, double width, struct buf *png)
{
    double height = chart_height(c);
    cairo_surface_t *s =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(width * 2), (int)ceil(height * 2));
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return -1;
    }
    cairo_t *cr = cairo_create(s);
    cairo_scale(cr, 2, 2);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    chart_draw(cr, c, 0, 0, width);
    int rc = cairo_status(cr) == CAIRO_STATUS_SUCCESS ? 0 : -1;
    cairo_destroy(cr);
    cairo_surface_flush(s);
    if (rc == 0 && cairo_surface_write_to_png_stream(s, to_buf, png) != CAIRO_STATUS_SUCCESS)
        rc = -1;
    cairo_surface_destroy(s);
    return rc;
}

int
chart_pictures(const struct document *d, struct buf **out, int *n)
{
    int charts = 0;
    for (int i = 0; i < d->n; i++)
        charts += d->blocks[i].kind == DOC_CHART;
    *out = arena_alloc(d->a, sizeof **out * (size_t)(charts ? charts : 1));
    *n = 0;
    for (int i = 0; i < d->n; i++) {
        if (d->blocks[i].kind != DOC_CHART)
            continue;
        buf_init(&(*out)[*n]);
        if (chart_png(d->blocks[i].chart, CHART_TEXT_WIDTH, &(*out)[*n]) != 0) {
            chart_pictures_free(*out, *n + 1);
            *n = 0;
            return -1;
        }
        ++*n;
    }
    return 0;
}

void
chart_pictures_free(struct buf *pictures, int n)
{
    for (int i = 0; i < n; i++)
        buf_free(&pictures[i]);
}

#if defined(__SANITIZE_ADDRESS__)
#define LEAK_CHECKED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LEAK_CHECKED 1
#endif
#endif

void
chart_fonts_release(void)
{
#ifdef LEAK_CHECKED
    pango_cairo_font_map_set_default(NULL);
    cairo_debug_reset_static_data();
    FcFini();
#endif
}
