/* count_cache.h — remembered list totals.
 *
 * Counting every row that matches a filter is most of a list page's cost in a large
 * registry. The total for a filter (the request's query without its page) is kept with the
 * data version it was counted at — the newest audit id, which every change moves — so a
 * remembered total is never stale. A few slots, shared by all threads. */
#ifndef INSYN_COUNT_CACHE_H
#define INSYN_COUNT_CACHE_H

/* 1 and *total when key was counted at this version, else 0. */
int count_cache_get(const char *key, long long version, int *total);
void count_cache_put(const char *key, long long version, int total);

#endif
