/* csv.c — CSV through libcsv, with line numbers for error messages. */
#include "io/csv.h"

#include "core/text.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CSV_MAX_BYTES (64 * 1024 * 1024)

struct reader {
    struct arena *a;
    struct csv_doc *doc;
    int cap;
    int line;     /* line just fed to the parser */
    int embedded; /* newlines inside the current record's fields */
    int last_end; /* line on which the previous record ended */
    char **fields;
    int nfields, fcap;
};

/* A cell a spreadsheet would run as a formula. */
static int
formula_like(const char *s)
{
    return *s == '=' || *s == '+' || *s == '-' || *s == '@';
}

static void
on_field(void *data, size_t len, void *ctx)
{
    struct reader *r = ctx;
    r->fields = arena_grow(r->a, r->fields, r->nfields, &r->fcap, sizeof *r->fields);
    char *s = arena_strndup(r->a, data ? data : "", data ? len : 0);
    if (s[0] == '\'' && formula_like(s + 1))
        s++; /* written by csv_put_field to keep spreadsheets from running the cell */
    for (char *p = s; *p; p++)
        r->embedded += *p == '\n';
    r->fields[r->nfields++] = s;
}

static void
on_row(int term, void *ctx)
{
    (void)term;
    struct reader *r = ctx;
    r->doc->rows = arena_grow(r->a, r->doc->rows, r->doc->nrows, &r->cap, sizeof *r->doc->rows);
    int blank = r->nfields == 1 && !*r->fields[0];
    if (!blank) {
        struct csv_row *row = &r->doc->rows[r->doc->nrows++];
        /* a record starts after the previous one, however its quoted newlines fall */
        int start = r->line - r->embedded;
        row->line = start > r->last_end ? start : r->last_end + 1;
        row->nfields = r->nfields;
        row->fields = r->fields;
    }
    r->last_end = r->line;
    r->fields = NULL;
    r->nfields = r->fcap = 0;
    r->embedded = 0;
}

int
csv_parse_text(const char *data, size_t len, struct arena *a, struct csv_doc *out,
               struct insyn_err *err)
{
    memset(out, 0, sizeof *out);
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        data += 3, len -= 3;
    char *copy = arena_strndup(a, data, len);
    size_t good = strlen(copy) != len ? strlen(copy) : text_utf8_prefix(copy);
    if (good != len) {
        int line = 1;
        for (size_t i = 0; i < good; i++)
            line += copy[i] == '\n';
        return err_set(err, INSYN_EINVAL,
                       "Filen är inte giltig UTF-8-text (första felet på rad %d). Spara den som "
                       "\"CSV UTF-8\" och försök igen.",
                       line);
    }
    const char *nl = memchr(data, '\n', len);
    size_t head = nl ? (size_t)(nl - data) : len;
    int semis = 0, commas = 0;
    for (size_t i = 0; i < head; i++)
        semis += data[i] == ';', commas += data[i] == ',';
    struct csv_parser p;
    if (csv_init(&p, CSV_APPEND_NULL) != 0)
        return err_set(err, INSYN_ESYS, "Kan inte starta CSV-läsaren.");
    csv_set_delim(&p, semis > commas ? ';' : ',');
    struct reader r = {.a = a, .doc = out};
    size_t pos = 0;
    int rc = 0;
    while (pos < len) {
        const char *end = memchr(data + pos, '\n', len - pos);
        size_t chunk = end ? (size_t)(end - (data + pos)) + 1 : len - pos;
        r.line++;
        if (csv_parse(&p, data + pos, chunk, on_field, on_row, &r) != chunk) {
            rc = err_set(err, INSYN_EINVAL, "Rad %d: filen går inte att läsa som CSV (%s).", r.line,
                         csv_strerror(csv_error(&p)));
            break;
        }
        pos += chunk;
    }
    if (rc == 0 && csv_fini(&p, on_field, on_row, &r) != 0)
        rc = err_set(err, INSYN_EINVAL, "Rad %d: ett citattecken avslutas aldrig.", r.line);
    csv_free(&p);
    if (rc == 0 && out->nrows == 0)
        rc = err_set(err, INSYN_EINVAL, "Filen är tom; den ska börja med en rubrikrad.");
    return rc;
}

int
csv_read_file(const char *path, struct arena *a, struct csv_doc *out, struct insyn_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(err, INSYN_EINVAL, "Kan inte öppna %s: %s.", path, strerror(errno));
    struct buf b;
    buf_init(&b);
    char chunk[65536];
    size_t n;
    int rc = 0;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        buf_append(&b, chunk, n);
        if (b.len > CSV_MAX_BYTES) {
            rc = err_set(err, INSYN_EINVAL, "Filen %s är större än 64 MB.", path);
            break;
        }
    }
    if (rc == 0 && ferror(f))
        rc = err_set(err, INSYN_ESYS, "Kan inte läsa %s: %s.", path, strerror(errno));
    fclose(f);
    if (rc == 0)
        rc = csv_parse_text(b.data ? b.data : "", b.len, a, out, err);
    buf_free(&b);
    return rc;
}

void
csv_put_field(struct buf *b, const char *s, int first)
{
    if (!first)
        buf_putc(b, ',');
    if (!s)
        s = "";
    /* A leading apostrophe keeps Excel from evaluating the cell; import strips it again. */
    const char *guard = formula_like(s) ? "'" : "";
    if (!strpbrk(s, ",;\"\n\r") && !(*s == ' ')) {
        buf_puts(b, guard);
        buf_puts(b, s);
        return;
    }
    buf_putc(b, '"');
    buf_puts(b, guard);
    for (; *s; s++) {
        if (*s == '"')
            buf_putc(b, '"');
        buf_putc(b, *s);
    }
    buf_putc(b, '"');
}
