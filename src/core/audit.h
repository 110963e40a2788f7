/* audit.h — the audit record and its place in the hash chain.
 *
 * Each record's hash covers the previous record's hash and every field of its own, each
 * field length-prefixed so that no two different records serialise alike. Changing,
 * removing or reordering any record breaks the chain at that record.
 *
 * What the chain cannot show by itself is that its newest records were removed, or that the
 * whole chain was written anew: what is left is still a whole chain. An anchor, a record's
 * number and hash kept outside the database (mailed to the registrar by `insyn audit
 * mail-head`), closes that gap for every record up to it. */
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

/* A record's number and hash as kept outside the database. */
struct audit_anchor {
    long long id;  /* 1 or more */
    char hash[65]; /* 64 lower-case hex digits */
};
/* Reads an anchor written "N:HASH" (`insyn audit verify --expect`): N a whole number from 1,
 * HASH 64 hex digits in either case, nothing else around them. Returns 0 or -1. */
int audit_anchor_parse(const char *text, struct audit_anchor *out);

#endif
