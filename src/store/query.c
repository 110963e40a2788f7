/* query.c — binding parameters for filter queries assembled from fixed fragments. */
#include "store/internal.h"

#include "core/fold.h"

#include <string.h>

#define QP_MAX (int)(sizeof((struct qparams *)0)->v / sizeof((struct qparams *)0)->v[0])

void
qp_text(struct qparams *q, const char *s)
{
    if (q->n == QP_MAX) {
        q->overflow = 1;
        return;
    }
    q->v[q->n].is_text = 1;
    q->v[q->n].s = s;
    q->n++;
}

void
qp_int(struct qparams *q, long long i)
{
    if (q->n == QP_MAX) {
        q->overflow = 1;
        return;
    }
    q->v[q->n].is_text = 0;
    q->v[q->n].i = i;
    q->n++;
}

int
qp_bind(struct store *st, const struct qparams *q, struct stmt *s, int first, struct insyn_err *err)
{
    if (q->overflow)
        return err_incident(err, "a filter query has more than %d parameters", QP_MAX);
    (void)st;
    for (int i = 0; i < q->n; i++) {
        if (q->v[i].is_text)
            bind_text(s, first + i, q->v[i].s);
        else
            bind_int(s, first + i, q->v[i].i);
    }
    return 0;
}

char *
like_pattern(struct arena *a, const char *s)
{
    size_t n = strlen(s);
    char *folded = arena_alloc(a, n + 1);
    text_fold(s, n + 1, folded);
    char *p = arena_alloc(a, n * 2 + 3), *o = p;
    *o++ = '%';
    for (s = folded; *s; s++) {
        if (*s == '%' || *s == '_' || *s == '\\')
            *o++ = '\\';
        *o++ = *s;
    }
    *o++ = '%';
    *o = '\0';
    return p;
}
