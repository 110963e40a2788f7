/* cache.h — remembered answers, one type for every use: the overview's page, list totals and
 * the API's list pages.
 *
 * An answer is kept with the key it answers (what was asked, the asker's scope) and the data
 * version it was made at — the newest audit id, which every change moves — so a remembered
 * answer is never stale: a change anywhere, through any process, makes every key miss. A few
 * slots each, least recently used replaced, shared by all threads. */
#ifndef INSYN_CACHE_H
#define INSYN_CACHE_H

#include "core/arena.h"
#include "core/buf.h"

#include <pthread.h>
#include <stddef.h>

#define CACHE_SLOTS 32
#define CACHE_MAX_VALUE (1024 * 1024) /* larger answers are made again each time */

struct cache {
    pthread_mutex_t lock;
    struct cache_slot {
        char *key, *value;
        size_t len;
        long long version;
        unsigned long used;
    } slot[CACHE_SLOTS];
    unsigned long clock;
};
#define CACHE_INIT                                                                                 \
    {                                                                                              \
        .lock = PTHREAD_MUTEX_INITIALIZER                                                          \
    }

/* The value remembered for key at version, copied into a (NUL-terminated; *len its length
 * when len is not NULL), or NULL. */
char *cache_get(struct cache *c, const char *key, long long version, struct arena *a, size_t *len);
/* Appends the value remembered for key at version to out: 1, or 0 when there is none. Saves
 * the copy cache_get makes, for a large value on its way to the response. */
int cache_append(struct cache *c, const char *key, long long version, struct buf *out);
/* Remembers value (len bytes) for key at version; nothing when memory or size say no. */
void cache_put(struct cache *c, const char *key, long long version, const char *value, size_t len);

/* List totals: counting every row that matches a filter is most of a list page's cost in a
 * large registry, so the total for a filter (the request's query without its page) is
 * remembered. 1 and *total when key was counted at this version, else 0. */
int count_cache_get(const char *key, long long version, int *total);
void count_cache_put(const char *key, long long version, int total);

#endif
