/* chart.h — a report's bar chart drawn with cairo and pango: into a PDF page (io/pdf) or as a
 * PNG picture for an editable document (io/odt, io/docx).
 *
 * A horizontal bar per label, the label to the left, the value after the bar, on a light grid
 * from 0 to the axis's end. Sizes are in points. */
#ifndef INSYN_CHART_H
#define INSYN_CHART_H

#include "core/buf.h"
#include "core/document.h"

#include <cairo.h>

#define CHART_FONT "DejaVu Sans"
/* The width of a chart in an editable document, in points: the text width of an A4 page with
 * margins of 2.5 and 2.2 cm, less a little. */
#define CHART_TEXT_WIDTH 450.0

/* The height the chart takes at the given width, caption excluded. */
double chart_height(const struct doc_chart *c);
/* Draws the chart with its top left corner at (x, y). */
void chart_draw(cairo_t *cr, const struct doc_chart *c, double x, double y, double width);
/* The chart as a PNG picture of width × chart_height points at 2 pixels a point. Returns 0,
 * or -1 when cairo could not make it. */
int chart_png(const struct doc_chart *c, double width, struct buf *png);
/* Every chart of the document as a PNG picture of CHART_TEXT_WIDTH, in the document's order:
 * *out is an array (in the document's arena) of *n buffers, freed by chart_pictures_free.
 * Returns 0, or -1 when one could not be made (and nothing is left to free). */
int chart_pictures(const struct document *d, struct buf **out, int *n);
void chart_pictures_free(struct buf *pictures, int n);

/* Lets go of the fonts pango and fontconfig keep for the process (the font map of this thread
 * and fontconfig's configuration), so that a program can end with nothing left allocated for a
 * leak checker to see. Only in a sanitizer build: cairo's and fontconfig's resets assert that
 * nothing holds a font any more, which pango's own thread (it reads the font configuration in
 * the background) may not yet let go of, and a released binary has no leak checker to serve. */
void chart_fonts_release(void);

#endif
