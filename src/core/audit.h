/* audit.h — the audit record and its place in the hash chain.
 *
 * Each record's hash covers the previous record's hash and every field of its own, each
 * field length-prefixed so that no two different records serialise alike. Changing,
 * removing or reordering any record breaks the chain at that record. */
#ifndef INSYN_AUDIT_H
#define INSYN_AUDIT_H

struct audit_entry {
    long long id;
    const char *at, *actor, *action, *entity;
    long long entity_id;
    const char *before_json, *after_json; /* "{}" when there is no before or after */
    char prev_hash[65], hash[65];
};

#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* Computes the hash of e (which must have id and prev_hash set) as 64 hex digits. */
void audit_hash(const struct audit_entry *e, char out[65]);

#endif
