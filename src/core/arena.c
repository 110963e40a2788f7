/* arena.c — chunked bump allocator; big requests get a block of their own.
 *
 * Like buf.c, running out of memory or a size that would wrap around aborts: sizes come
 * from bounded requests and files, so either means something is badly wrong. */
#include "core/arena.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 16384

struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    _Alignas(max_align_t) unsigned char data[];
};

void
arena_init(struct arena *a)
{
    a->head = NULL;
}

void
arena_free(struct arena *a)
{
    struct arena_block *b = a->head;
    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

void *
arena_alloc(struct arena *a, size_t size)
{
    size_t align = _Alignof(max_align_t);
    if (size > SIZE_MAX - align - sizeof(struct arena_block))
        abort(); /* the size would wrap around */
    size = (size + align - 1) & ~(align - 1);
    struct arena_block *b = a->head;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > ARENA_BLOCK / 2 ? size : ARENA_BLOCK;
        b = malloc(sizeof *b + cap);
        if (!b)
            abort();
        b->used = 0;
        b->cap = cap;
        if (size > ARENA_BLOCK / 2 && a->head) {
            /* keep the current block in front so its free space is still used */
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
    if (n == SIZE_MAX)
        abort();
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = arena_alloc(a, (size_t)(n < 0 ? 0 : n) + 1);
    if (n > 0)
        vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

void *
arena_grow(struct arena *a, void *items, int n, int *cap, size_t size)
{
    if (n < *cap)
        return items;
    if (*cap > INT_MAX / 2 || (size_t)(*cap ? *cap * 2 : 8) > SIZE_MAX / size)
        abort(); /* the count would wrap around */
    int grown = *cap ? *cap * 2 : 8;
    void *p = arena_alloc(a, size * (size_t)grown);
    if (n)
        memcpy(p, items, size * (size_t)n);
    *cap = grown;
    return p;
}
