/* audit.c — the hash-chain computation (SHA-256 from libsodium) and anchors; no I/O. */
#include "core/audit.h"

#include <ctype.h>
#include <limits.h>
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

int
audit_anchor_parse(const char *text, struct audit_anchor *out)
{
    const char *colon = text ? strchr(text, ':') : NULL;
    if (!colon || colon == text || strlen(colon + 1) != 64)
        return -1;
    long long id = 0;
    for (const char *p = text; p < colon; p++) {
        if (!isdigit((unsigned char)*p) || id > (LLONG_MAX - (*p - '0')) / 10)
            return -1;
        id = id * 10 + (*p - '0');
    }
    if (id < 1)
        return -1;
    for (int i = 0; i < 64; i++) {
        unsigned char c = (unsigned char)colon[1 + i];
        if (!isxdigit(c))
            return -1;
        out->hash[i] = (char)tolower(c);
    }
    out->hash[64] = '\0';
    out->id = id;
    return 0;
}
