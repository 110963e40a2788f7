/* audit.c — the hash-chain computation (SHA-256 from libsodium; no I/O). */
#include "core/audit.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static void
put(crypto_hash_sha256_state *st, const char *s)
{
    if (!s)
        s = "";
    char len[24];
    int n = snprintf(len, sizeof len, "%zu:", strlen(s));
    crypto_hash_sha256_update(st, (const unsigned char *)len, (unsigned long long)n);
    crypto_hash_sha256_update(st, (const unsigned char *)s, strlen(s));
}

void
audit_hash(const struct audit_entry *e, char out[65])
{
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    char num[2][24];
    snprintf(num[0], sizeof num[0], "%lld", e->id);
    snprintf(num[1], sizeof num[1], "%lld", e->entity_id);
    put(&st, e->prev_hash);
    put(&st, num[0]);
    put(&st, e->at);
    put(&st, e->actor);
    put(&st, e->action);
    put(&st, e->entity);
    put(&st, num[1]);
    put(&st, e->before_json);
    put(&st, e->after_json);
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st, digest);
    sodium_bin2hex(out, 65, digest, sizeof digest);
}
