/* cache.c — a small least-recently-used table of answers keyed by what was asked and the
 * data version. */
#include "web/cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The slot holding key at version, or NULL; the caller holds the lock. */
static struct cache_slot *
find(struct cache *c, const char *key, long long version)
{
    for (int i = 0; i < CACHE_SLOTS; i++) {
        struct cache_slot *s = &c->slot[i];
        if (s->key && s->version == version && strcmp(s->key, key) == 0) {
            s->used = ++c->clock;
            return s;
        }
    }
    return NULL;
}

char *
cache_get(struct cache *c, const char *key, long long version, struct arena *a, size_t *len)
{
    char *hit = NULL;
    pthread_mutex_lock(&c->lock);
    struct cache_slot *s = find(c, key, version);
    if (s) {
        hit = arena_alloc(a, s->len + 1);
        memcpy(hit, s->value, s->len);
        hit[s->len] = '\0';
        if (len)
            *len = s->len;
    }
    pthread_mutex_unlock(&c->lock);
    return hit;
}

int
cache_append(struct cache *c, const char *key, long long version, struct buf *out)
{
    pthread_mutex_lock(&c->lock);
    struct cache_slot *s = find(c, key, version);
    if (s)
        buf_append(out, s->value, s->len);
    pthread_mutex_unlock(&c->lock);
    return s != NULL;
}

void
cache_put(struct cache *c, const char *key, long long version, const char *value, size_t len)
{
    if (len > CACHE_MAX_VALUE)
        return;
    char *k = strdup(key), *v = malloc(len + 1);
    if (!k || !v) {
        free(k);
        free(v);
        return; /* not remembered: the next request makes it again */
    }
    memcpy(v, value, len);
    v[len] = '\0';
    pthread_mutex_lock(&c->lock);
    int victim = 0;
    for (int i = 1; i < CACHE_SLOTS; i++)
        if (c->slot[i].used < c->slot[victim].used)
            victim = i;
    struct cache_slot *s = &c->slot[victim];
    free(s->key);
    free(s->value);
    *s = (struct cache_slot){k, v, len, version, ++c->clock};
    pthread_mutex_unlock(&c->lock);
}

static struct cache totals = CACHE_INIT;

int
count_cache_get(const char *key, long long version, int *total)
{
    struct buf v;
    buf_init(&v);
    int hit = cache_append(&totals, key, version, &v);
    if (hit)
        *total = atoi(v.data);
    buf_free(&v);
    return hit;
}

void
count_cache_put(const char *key, long long version, int total)
{
    char buf[24];
    int n = snprintf(buf, sizeof buf, "%d", total);
    cache_put(&totals, key, version, buf, (size_t)n);
}
