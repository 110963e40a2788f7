/* template.h — HTML templates that escape by default.
 *
 * A small Mustache subset over jansson values, read from the templates built into the
 * binary (templates/NAME.html):
 *   {{name}} {{a.b}} {{.}}   the value, HTML-escaped (numbers as decimals, null as "")
 *   {{#name}}…{{/name}}      repeat for each array item, enter an object, or show when truthy
 *   {{^name}}…{{/name}}      show when missing, false, null, "", 0 or []
 *   {{> name}}               another template, with the same data
 *   {{! comment}}
 *   {{& name}}               the value unescaped: the one raw path, used only for a page
 *                            body that was itself rendered by this engine
 * Names are looked up from the innermost section outwards. */
#ifndef INSYN_TEMPLATE_H
#define INSYN_TEMPLATE_H

#include "core/buf.h"

#include <jansson.h>

/* Renders templates/<name>.html with data into out; returns 0 or -1 if there is no such
 * template or it is malformed (an error message is written into out instead). */
int template_render(const char *name, json_t *data, struct buf *out);
/* Renders template text directly (for tests). */
int template_render_text(const char *text, json_t *data, struct buf *out);

#endif
