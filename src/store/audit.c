/* audit.c — the append-only, hash-chained audit log: appending, reading, the newest record
 * (the anchor that is kept outside) and the walk that verifies the chain. */
#include "store/internal.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>

long long
store_audit_last_id(struct store *st)
{
    struct stmt *s = stmt_prepare(st, "SELECT coalesce(max(id), 0) FROM audit", NULL);
    if (!s)
        return -1;
    long long id = stmt_step(s) == STMT_ROW ? col_int64(s, 0) : -1;
    stmt_done(s);
    return id;
}

int
store_audit_append(struct store *st, struct audit_entry *e, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", err);
    if (!s)
        return INSYN_ESYS;
    long long last = 0;
    snprintf(e->prev_hash, sizeof e->prev_hash, "%s", AUDIT_GENESIS);
    if (stmt_step(s) == STMT_ROW) {
        last = col_int64(s, 0);
        snprintf(e->prev_hash, sizeof e->prev_hash, "%s", col_cstr(s, 1));
    }
    stmt_done(s);
    e->id = last + 1;
    audit_hash(e, e->hash);
    s = stmt_prepare(st,
                     "INSERT INTO audit (id, at, actor, action, entity, entity_id, before_json, "
                     "after_json, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
                     err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, e->id);
    bind_text(s, 2, e->at);
    bind_text(s, 3, e->actor);
    bind_text(s, 4, e->action);
    bind_text(s, 5, e->entity);
    bind_int(s, 6, e->entity_id);
    bind_text(s, 7, e->before_json);
    bind_text(s, 8, e->after_json);
    bind_text(s, 9, e->prev_hash);
    bind_text(s, 10, e->hash);
    return stmt_run(st, s, err);
}

static void
audit_from_row(struct arena *a, struct stmt *s, struct audit_entry *e)
{
    e->id = col_int64(s, 0);
    e->at = col_text(a, s, 1);
    e->actor = col_text(a, s, 2);
    e->action = col_text(a, s, 3);
    e->entity = col_text(a, s, 4);
    e->entity_id = col_int64(s, 5);
    e->before_json = col_text(a, s, 6);
    e->after_json = col_text(a, s, 7);
    snprintf(e->prev_hash, sizeof e->prev_hash, "%s", col_cstr(s, 8));
    snprintf(e->hash, sizeof e->hash, "%s", col_cstr(s, 9));
}

int
store_audit_list(struct store *st, const char *entity, long long entity_id, struct arena *a,
                 struct audit_entry **items, int *n, struct insyn_err *err)
{
    struct stmt *s =
        stmt_prepare(st,
                     "SELECT id, at, actor, action, entity, entity_id, before_json, after_json, "
                     "prev_hash, hash FROM audit WHERE entity = ? AND entity_id = ? "
                     "ORDER BY id DESC LIMIT 500",
                     err);
    if (!s)
        return INSYN_ESYS;
    bind_text(s, 1, entity);
    bind_int(s, 2, entity_id);
    *items = NULL;
    *n = 0;
    int cap = 0, rc;
    while ((rc = stmt_step(s)) == STMT_ROW) {
        *items = arena_grow(a, *items, *n, &cap, sizeof **items);
        audit_from_row(a, s, &(*items)[(*n)++]);
    }
    stmt_done(s);
    return rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

int
store_audit_head(struct store *st, struct arena *a, struct audit_entry *out, struct insyn_err *err)
{
    struct stmt *s =
        stmt_prepare(st, "SELECT id, at, prev_hash, hash FROM audit ORDER BY id DESC LIMIT 1", err);
    if (!s)
        return INSYN_ESYS;
    int rc = stmt_step(s);
    if (rc == STMT_ROW) {
        memset(out, 0, sizeof *out);
        out->id = col_int64(s, 0);
        out->at = col_text(a, s, 1);
        snprintf(out->prev_hash, sizeof out->prev_hash, "%s", col_cstr(s, 2));
        snprintf(out->hash, sizeof out->hash, "%s", col_cstr(s, 3));
    }
    stmt_done(s);
    if (rc == STMT_DONE)
        return err_set(err, INSYN_ENOTFOUND, "Granskningsloggen är tom: den har ingen post ännu.");
    return rc == STMT_ROW ? 0 : store_fail(st, rc, err);
}

/* Reads the stored hash of record v->anchor_id, if there is one. */
static int
read_anchor(struct store *st, struct audit_verification *v, struct insyn_err *err)
{
    v->anchor_found = 0;
    v->anchor_hash[0] = '\0';
    if (v->anchor_id <= 0)
        return 0;
    struct stmt *s = stmt_prepare(st, "SELECT hash FROM audit WHERE id = ?", err);
    if (!s)
        return INSYN_ESYS;
    bind_int(s, 1, v->anchor_id);
    int rc = stmt_step(s);
    if (rc == STMT_ROW) {
        const char *hash = col_cstr(s, 0);
        v->anchor_found = 1;
        snprintf(v->anchor_hash, sizeof v->anchor_hash, "%s", hash ? hash : "");
    }
    stmt_done(s);
    return rc == STMT_ROW || rc == STMT_DONE ? 0 : store_fail(st, rc, err);
}

/* Walks the chain from the first record: each has the next id, links to the hash before it
 * and has the hash its fields give. */
static int
walk_chain(struct store *st, struct audit_verification *v, struct insyn_err *err)
{
    struct stmt *s = stmt_prepare(st,
                                  "SELECT id, at, actor, action, entity, entity_id, before_json, "
                                  "after_json, prev_hash, hash FROM audit ORDER BY id",
                                  err);
    if (!s)
        return INSYN_ESYS;
    char prev[65];
    snprintf(prev, sizeof prev, "%s", AUDIT_GENESIS);
    long long expected_id = 1;
    int rc;
    while ((rc = stmt_step(s)) == STMT_ROW) {
        struct arena a;
        arena_init(&a);
        struct audit_entry e;
        audit_from_row(&a, s, &e);
        char computed[65];
        audit_hash(&e, computed);
        int ok =
            e.id == expected_id && strcmp(e.prev_hash, prev) == 0 && strcmp(e.hash, computed) == 0;
        snprintf(prev, sizeof prev, "%s", e.hash);
        arena_free(&a);
        if (!ok) {
            v->first_broken = expected_id;
            break;
        }
        expected_id++;
        v->checked++;
    }
    stmt_done(s);
    if (rc != STMT_ROW && rc != STMT_DONE)
        return store_fail(st, rc, err);
    return 0;
}

int
store_audit_verify(struct store *st, struct audit_verification *v, struct insyn_err *err)
{
    v->checked = 0;
    v->first_broken = 0;
    int opened = read_begin(st, err); /* the anchor and the chain agree */
    if (opened < 0)
        return opened;
    int rc = read_anchor(st, v, err);
    if (rc == 0)
        rc = walk_chain(st, v, err);
    read_end(st, opened);
    return rc;
}
