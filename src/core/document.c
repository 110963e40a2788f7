/* document.c — building a report's blocks, and Swedish numbers. */
#include "core/document.h"

#include "core/text.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define NBSP "\xc2\xa0" /* keeps "1 234" and "87 %" on one line */

void
doc_init(struct document *d, struct arena *a, const char *title, const char *author,
         const char *organisation)
{
    memset(d, 0, sizeof *d);
    d->a = a;
    d->title = arena_strdup(a, title ? title : "");
    d->author = arena_strdup(a, author ? author : "");
    d->organisation = arena_strdup(a, organisation ? organisation : "");
    d->cap = 64;
    d->blocks = arena_alloc(a, sizeof *d->blocks * (size_t)d->cap);
}

static struct doc_block *
add(struct document *d, enum doc_kind kind)
{
    d->blocks = arena_grow(d->a, d->blocks, d->n, &d->cap, sizeof *d->blocks);
    struct doc_block *b = &d->blocks[d->n++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

void
doc_heading(struct document *d, int level, const char *text)
{
    struct doc_block *b = add(d, DOC_HEADING);
    b->level = level < 1 ? 1 : level > 3 ? 3 : level;
    b->text = arena_strdup(d->a, text ? text : "");
}

void
doc_paragraph(struct document *d, const char *text)
{
    add(d, DOC_PARAGRAPH)->text = arena_strdup(d->a, text ? text : "");
}

void
doc_paragraphf(struct document *d, const char *fmt, ...)
{
    va_list ap, copy;
    va_start(ap, fmt);
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *s = arena_alloc(d->a, (size_t)(n > 0 ? n : 0) + 1);
    vsnprintf(s, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
    va_end(ap);
    add(d, DOC_PARAGRAPH)->text = s;
}

void
doc_text(struct document *d, const char *text)
{
    /* paragraphs are separated by blank lines; the lines of one are joined with a space */
    const char *p = text ? text : "";
    while (*p) {
        while (*p == '\n' || *p == '\r' || *p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        const char *end = p;
        while (*end) {
            const char *nl = strchr(end, '\n');
            if (!nl) {
                end += strlen(end);
                break;
            }
            const char *q = nl + 1;
            while (*q == ' ' || *q == '\t' || *q == '\r')
                q++;
            if (*q == '\n' || !*q) { /* a blank line ends the paragraph */
                end = nl;
                break;
            }
            end = q;
        }
        char *para = arena_strndup(d->a, p, (size_t)(end - p));
        for (char *c = para; *c; c++)
            if (*c == '\n' || *c == '\r' || *c == '\t')
                *c = ' ';
        doc_paragraph(d, text_trim(d->a, para));
        p = end;
    }
}

static const char **
copy_strings(struct arena *a, const char *const *in, int n)
{
    const char **out = arena_alloc(a, sizeof *out * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++)
        out[i] = arena_strdup(a, in[i] ? in[i] : "");
    return out;
}

void
doc_list(struct document *d, const char *const *items, int n)
{
    struct doc_block *b = add(d, DOC_LIST);
    b->items = copy_strings(d->a, items, n);
    b->nitems = n;
}

void
doc_facts(struct document *d, const char *const *labels, const char *const *values, int n)
{
    struct doc_block *b = add(d, DOC_FACTS);
    b->items = copy_strings(d->a, labels, n);
    b->values = copy_strings(d->a, values, n);
    b->nitems = n;
}

struct doc_table *
doc_table(struct document *d, int ncols, const char *const *head, unsigned numeric)
{
    struct doc_table *t = arena_alloc(d->a, sizeof *t);
    t->ncols = ncols;
    t->head = copy_strings(d->a, head, ncols);
    t->numeric = numeric;
    add(d, DOC_TABLE)->table = t;
    return t;
}

void
doc_row(struct document *d, struct doc_table *t, const char *const *cells)
{
    /* rows are few (tens, at most hundreds): grow by copying */
    const char **cells_now =
        arena_alloc(d->a, sizeof *cells_now * (size_t)(t->nrows + 1) * (size_t)t->ncols);
    if (t->nrows)
        memcpy(cells_now, t->cells, sizeof *cells_now * (size_t)t->nrows * (size_t)t->ncols);
    for (int c = 0; c < t->ncols; c++)
        cells_now[t->nrows * t->ncols + c] = arena_strdup(d->a, cells[c] ? cells[c] : "");
    t->cells = cells_now;
    t->nrows++;
}

struct doc_chart *
doc_chart(struct document *d, const char *title, const char *unit, int n, const char *const *labels,
          const double *values)
{
    struct doc_chart *c = arena_alloc(d->a, sizeof *c);
    c->title = arena_strdup(d->a, title ? title : "");
    c->unit = arena_strdup(d->a, unit ? unit : "");
    c->n = n;
    c->labels = copy_strings(d->a, labels, n);
    c->values = arena_alloc(d->a, sizeof *c->values * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++)
        c->values[i] = values[i] > 0 ? values[i] : 0;
    add(d, DOC_CHART)->chart = c;
    return c;
}

void
doc_appendix(struct document *d, const char *title)
{
    add(d, DOC_APPENDIX)->text = arena_strdup(d->a, title ? title : "");
}

int
doc_appendix_at(const struct document *d)
{
    for (int i = 0; i < d->n; i++)
        if (d->blocks[i].kind == DOC_APPENDIX)
            return i;
    return -1;
}

int
doc_contents(const struct document *d, int *out)
{
    int k = 0;
    for (int i = doc_appendix_at(d) + 1; i < d->n; i++)
        if (d->blocks[i].kind == DOC_HEADING && d->blocks[i].level <= 2)
            out[k++] = i;
    return k;
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

/* The characters of a column's longest text (at most 40: longer texts wrap) and longest word,
 * header included. */
static void
column_text(const struct doc_table *t, int c, int *longest, int *word)
{
    size_t most = 0, widest = 0;
    for (int r = -1; r < t->nrows; r++) {
        size_t n, w;
        characters(r < 0 ? t->head[c] : t->cells[r * t->ncols + c], &n, &w);
        most = n > most ? n : most;
        widest = w > widest ? w : widest;
    }
    *longest = (int)(most > 40 ? 40 : most);
    *word = (int)(widest > 40 ? 40 : widest);
}

int
doc_column_shares(const struct doc_table *t, int *out)
{
    /* each column first gets its longest word and a little (2 characters: the cell's padding
     * and bold type in the header), then the room left goes to the columns that want more,
     * as much as each wants more */
    int least = 0, more = 0;
    for (int c = 0; c < t->ncols; c++) {
        int longest, word;
        column_text(t, c, &longest, &word);
        out[c] = word + 2 < 6 ? 6 : word + 2;
        least += out[c];
        more += longest + 2 > out[c] ? longest + 2 - out[c] : 0;
    }
    int room = DOC_TABLE_CHARACTERS - least, total = 0;
    for (int c = 0; c < t->ncols; c++) {
        int longest, word;
        column_text(t, c, &longest, &word);
        int wants = longest + 2 > out[c] ? longest + 2 - out[c] : 0;
        if (room >= more)
            out[c] += wants;
        else if (room > 0)
            out[c] += wants * room / more;
        total += out[c];
    }
    return total;
}

char *
doc_int(struct arena *a, long long v)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%lld", v < 0 ? -v : v);
    size_t n = strlen(digits);
    char out[64];
    size_t o = 0;
    if (v < 0)
        o += (size_t)snprintf(out, sizeof out, "−"); /* the minus sign, not a hyphen */
    for (size_t i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0 && n > 4) { /* "4711" stays whole, "12 345" is grouped */
            memcpy(out + o, NBSP, 2);
            o += 2;
        }
        out[o++] = digits[i];
    }
    out[o] = '\0';
    return arena_strdup(a, out);
}

char *
doc_decimal(struct arena *a, double v)
{
    double r = round(v * 10) / 10;
    long long whole = (long long)r;
    int tenth = (int)llround(fabs(r - (double)whole) * 10);
    if (tenth == 10) { /* rounding carried */
        whole += r < 0 ? -1 : 1;
        tenth = 0;
    }
    char *w = doc_int(a, whole);
    return arena_printf(a, "%s%s,%d", r < 0 && whole == 0 ? "−" : "", w, tenth);
}

char *
doc_percent(struct arena *a, int part, int whole)
{
    if (whole <= 0)
        return arena_strdup(a, "–");
    long long pct = llround(100.0 * part / whole);
    return arena_printf(a, "%lld" NBSP "%%", pct);
}
