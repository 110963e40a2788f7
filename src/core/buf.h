/* buf.h — the one growable string type. Always NUL-terminated; never truncates. */
#ifndef INSYN_BUF_H
#define INSYN_BUF_H

#include <stddef.h>

struct buf {
    char *data;
    size_t len, cap;
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
void buf_append(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s); /* NULL appends nothing */
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Takes the contents; the buffer is empty afterwards and the caller frees the result. */
char *buf_detach(struct buf *b);

#endif
