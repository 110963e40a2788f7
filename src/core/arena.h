/* arena.h — a region allocator, one per request or per command.
 *
 * Everything a request allocates comes from its arena and is released at once when the
 * request ends, so handlers never free piecemeal. Allocation failure aborts: a server
 * that cannot get a few kilobytes cannot answer anything useful anyway. */
#ifndef INSYN_ARENA_H
#define INSYN_ARENA_H

#include <stddef.h>

struct arena_block;
struct arena {
    struct arena_block *head;
};

void arena_init(struct arena *a);
void arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t size); /* zeroed, aligned for any type */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* An array of n items of `size` bytes with room for one more: items itself while n < *cap,
 * else a copy twice as large (or of 8 items), with *cap updated. */
void *arena_grow(struct arena *a, void *items, int n, int *cap, size_t size);

#endif
