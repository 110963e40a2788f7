/* count_cache.c — a small least-recently-used table of list totals. */
#include "web/count_cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 32

static struct {
    pthread_mutex_t lock;
    struct {
        char *key;
        long long version;
        int total;
        unsigned long used;
    } slot[SLOTS];
    unsigned long clock;
} cache = {.lock = PTHREAD_MUTEX_INITIALIZER};

int
count_cache_get(const char *key, long long version, int *total)
{
    int hit = 0;
    pthread_mutex_lock(&cache.lock);
    for (int i = 0; i < SLOTS && !hit; i++) {
        if (cache.slot[i].key && cache.slot[i].version == version &&
            strcmp(cache.slot[i].key, key) == 0) {
            *total = cache.slot[i].total;
            cache.slot[i].used = ++cache.clock;
            hit = 1;
        }
    }
    pthread_mutex_unlock(&cache.lock);
    return hit;
}

void
count_cache_put(const char *key, long long version, int total)
{
    char *copy = strdup(key);
    if (!copy)
        return;
    pthread_mutex_lock(&cache.lock);
    int victim = 0;
    for (int i = 1; i < SLOTS; i++)
        if (cache.slot[i].used < cache.slot[victim].used)
            victim = i;
    free(cache.slot[victim].key);
    cache.slot[victim].key = copy;
    cache.slot[victim].version = version;
    cache.slot[victim].total = total;
    cache.slot[victim].used = ++cache.clock;
    pthread_mutex_unlock(&cache.lock);
}
