/* template.c — the Mustache-subset interpreter. Templates are small and trusted (built
 * into the binary), so they are interpreted directly from their text. */
#include "web/template.h"

#include "core/embed.h"
#include "web/html.h"

#include <stdio.h>
#include <string.h>

#define MAX_DEPTH 32

struct ctx {
    json_t *stack[MAX_DEPTH];
    int depth;
    int include_depth;
};

static json_t *
lookup(struct ctx *c, const char *name, size_t len)
{
    if (len == 1 && name[0] == '.')
        return c->stack[c->depth - 1];
    const char *dot = memchr(name, '.', len);
    size_t first = dot ? (size_t)(dot - name) : len;
    json_t *v = NULL;
    for (int i = c->depth - 1; i >= 0 && !v; i--)
        if (json_is_object(c->stack[i]))
            v = json_object_getn(c->stack[i], name, first);
    while (v && dot) {
        const char *rest = dot + 1;
        size_t left = len - (size_t)(rest - name);
        dot = memchr(rest, '.', left);
        size_t seg = dot ? (size_t)(dot - rest) : left;
        v = json_is_object(v) ? json_object_getn(v, rest, seg) : NULL;
    }
    return v;
}

static int
truthy(json_t *v)
{
    if (!v || json_is_null(v) || json_is_false(v))
        return 0;
    if (json_is_string(v))
        return json_string_length(v) > 0;
    if (json_is_integer(v))
        return json_integer_value(v) != 0;
    if (json_is_array(v))
        return json_array_size(v) > 0;
    return 1;
}

static void
put_value(struct buf *out, json_t *v, int raw)
{
    char num[32];
    const char *s = NULL;
    if (json_is_string(v))
        s = json_string_value(v);
    else if (json_is_integer(v)) {
        snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
        s = num;
    } else if (json_is_real(v)) {
        snprintf(num, sizeof num, "%g", json_real_value(v));
        s = num;
    } else if (json_is_true(v))
        s = "true";
    if (!s)
        return;
    if (raw)
        buf_puts(out, s);
    else
        html_escape(out, s);
}

static int render(struct ctx *c, const char *p, const char *end, struct buf *out);

/* Splits the tag between "{{" at open and "}}" at close into its kind (a sigil or 0) and
 * its trimmed name. */
static void
parse_tag(const char *open, const char *close, char *kind, const char **tag, size_t *len)
{
    const char *t = open + 2;
    *kind = 0;
    if (t < close && strchr("#^/>!&", *t))
        *kind = *t++;
    while (t < close && *t == ' ')
        t++;
    size_t n = (size_t)(close - t);
    while (n && t[n - 1] == ' ')
        n--;
    *tag = t;
    *len = n;
}

/* Finds the {{/name}} that closes a section opened just before p, allowing nesting. */
static const char *
find_close(const char *p, const char *end, const char *name, size_t len, const char **after)
{
    int depth = 1;
    while (p < end) {
        const char *open = strstr(p, "{{");
        if (!open || open >= end)
            return NULL;
        const char *close = strstr(open, "}}");
        if (!close || close >= end)
            return NULL;
        char kind;
        const char *tag;
        size_t tlen;
        parse_tag(open, close, &kind, &tag, &tlen);
        if ((kind == '#' || kind == '^') && tlen == len && memcmp(tag, name, len) == 0)
            depth++;
        else if (kind == '/' && tlen == len && memcmp(tag, name, len) == 0 && --depth == 0) {
            *after = close + 2;
            return open;
        }
        p = close + 2;
    }
    return NULL;
}

static int
render_section(struct ctx *c, json_t *v, const char *body, const char *body_end, struct buf *out)
{
    if (c->depth >= MAX_DEPTH)
        return -1;
    if (json_is_array(v)) {
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item)
        {
            c->stack[c->depth++] = item;
            int rc = render(c, body, body_end, out);
            c->depth--;
            if (rc)
                return rc;
        }
        return 0;
    }
    c->stack[c->depth++] = v;
    int rc = render(c, body, body_end, out);
    c->depth--;
    return rc;
}

static int
include(struct ctx *c, const char *name, size_t len, struct buf *out)
{
    char path[128];
    if (len > 64 || c->include_depth > 8)
        return -1;
    snprintf(path, sizeof path, "templates/%.*s.html", (int)len, name);
    const struct embedded_file *f = embed_find(path);
    if (!f)
        return -1;
    c->include_depth++;
    int rc = render(c, f->data, f->data + f->size, out);
    c->include_depth--;
    return rc;
}

static int
render(struct ctx *c, const char *p, const char *end, struct buf *out)
{
    while (p < end) {
        const char *open = strstr(p, "{{");
        if (!open || open >= end) {
            buf_append(out, p, (size_t)(end - p));
            return 0;
        }
        buf_append(out, p, (size_t)(open - p));
        const char *close = strstr(open + 2, "}}");
        if (!close || close >= end)
            return -1;
        char kind;
        const char *tag;
        size_t len;
        parse_tag(open, close, &kind, &tag, &len);
        p = close + 2;
        switch (kind) {
        case '!':
            break;
        case '#':
        case '^': {
            const char *after;
            const char *body_end = find_close(p, end, tag, len, &after);
            if (!body_end)
                return -1;
            json_t *v = lookup(c, tag, len);
            int rc = 0;
            if (kind == '#' && truthy(v))
                rc = render_section(c, v, p, body_end, out);
            else if (kind == '^' && !truthy(v))
                rc = render(c, p, body_end, out);
            if (rc)
                return rc;
            p = after;
            break;
        }
        case '/':
            return -1; /* a close without an open */
        case '>':
            if (include(c, tag, len, out))
                return -1;
            break;
        default:
            put_value(out, lookup(c, tag, len), kind == '&');
        }
    }
    return 0;
}

int
template_render_text(const char *text, json_t *data, struct buf *out)
{
    struct ctx c = {.depth = 1};
    c.stack[0] = data;
    return render(&c, text, text + strlen(text), out);
}

int
template_render(const char *name, json_t *data, struct buf *out)
{
    char path[128];
    snprintf(path, sizeof path, "templates/%s.html", name);
    const struct embedded_file *f = embed_find(path);
    if (!f) {
        buf_printf(out, "<p>Mallen %s saknas.</p>", name);
        return -1;
    }
    struct ctx c = {.depth = 1};
    c.stack[0] = data;
    if (render(&c, f->data, f->data + f->size, out) != 0) {
        buf_printf(out, "<p>Mallen %s är felaktig.</p>", name);
        return -1;
    }
    return 0;
}
