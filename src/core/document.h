/* document.h — a report as the committee reads it, independent of its format: headings,
 * paragraphs, lists, facts, tables and charts, in order. The reports (app/reports) build one;
 * io/pdf and io/odt write it out. No I/O here.
 *
 * A document has an optional memo (tjänsteskrivelse) before the report: the memo's blocks come
 * first, then DOC_APPENDIX starts the report on a new page, with its own table of contents
 * made from the report's headings of level 1 and 2. Everything is UTF-8 text kept in the
 * document's arena; renderers escape it for their format. */
#ifndef INSYN_DOCUMENT_H
#define INSYN_DOCUMENT_H

#include "core/arena.h"

enum doc_kind {
    DOC_HEADING,   /* level 1..3 */
    DOC_PARAGRAPH, /* one paragraph */
    DOC_LIST,      /* items, a bullet each */
    DOC_FACTS,     /* label/value pairs: the memo's date, case number, officer */
    DOC_TABLE,     /* a header row and rows */
    DOC_CHART,     /* a horizontal bar chart */
    DOC_APPENDIX,  /* the report after the memo starts here: a new page and its contents */
};

struct doc_table {
    int ncols, nrows;
    const char **head;  /* ncols */
    const char **cells; /* nrows × ncols, row by row; "" for an empty cell */
    unsigned numeric;   /* bit c: column c holds numbers (aligned right) */
};

struct doc_chart {
    const char *title;   /* the figure's caption */
    const char *unit;    /* after each value: "st", "%"; "" for none */
    int n;               /* bars */
    const char **labels; /* n */
    double *values;      /* n, not negative */
    double max;          /* the axis's end; 0 for the largest value */
};

struct doc_block {
    enum doc_kind kind;
    int level;                    /* DOC_HEADING */
    const char *text;             /* DOC_HEADING, DOC_PARAGRAPH; DOC_APPENDIX: the report's title */
    const char **items, **values; /* DOC_LIST: items; DOC_FACTS: labels and values */
    int nitems;
    struct doc_table *table;
    struct doc_chart *chart;
};

struct document {
    struct arena *a;
    const char *title;        /* the first heading's text, and the file's title */
    const char *author;       /* the officer; the file's author */
    const char *organisation; /* "Socialförvaltningen", on every page's head */
    struct doc_block *blocks;
    int n, cap;
};

void doc_init(struct document *d, struct arena *a, const char *title, const char *author,
              const char *organisation);
void doc_heading(struct document *d, int level, const char *text);
/* One paragraph for each run of text between blank lines (a single line break stays a space). */
void doc_text(struct document *d, const char *text);
void doc_paragraph(struct document *d, const char *text);
void doc_paragraphf(struct document *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void doc_list(struct document *d, const char *const *items, int n);
void doc_facts(struct document *d, const char *const *labels, const char *const *values, int n);
/* A table with ncols columns; fill it with doc_row. numeric marks right-aligned columns. */
struct doc_table *doc_table(struct document *d, int ncols, const char *const *head,
                            unsigned numeric);
void doc_row(struct document *d, struct doc_table *t, const char *const *cells);
struct doc_chart *doc_chart(struct document *d, const char *title, const char *unit, int n,
                            const char *const *labels, const double *values);
void doc_appendix(struct document *d, const char *title);

/* The headings a table of contents lists: those of level 1 and 2 after the appendix starts
 * (all when there is none). Writes block indices into out (at most d->n); returns how many. */
int doc_contents(const struct document *d, int *out);
/* The index of the DOC_APPENDIX block, or -1. */
int doc_appendix_at(const struct document *d);

/* Each column's share of a table's width, from its text, for the editable formats, whose tables
 * the word processor lays out from the widths they are given: first room for each column's
 * longest word, so that numbers, dates and words stay whole, then what is left of
 * DOC_TABLE_CHARACTERS for the columns with longer texts, which wrap. Writes t->ncols shares
 * to out; returns their sum, by which they are divided. */
#define DOC_TABLE_CHARACTERS 80 /* of table text (9.5 pt) across the text of an A4 page */
int doc_column_shares(const struct doc_table *t, int *out);

/* Numbers as a Swedish text writes them: "1 234", "40,2" (one decimal), "87 %". */
char *doc_int(struct arena *a, long long v);
char *doc_decimal(struct arena *a, double v);
char *doc_percent(struct arena *a, int part, int whole); /* "–" when whole is 0 */

#endif
