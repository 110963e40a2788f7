/* client_addr.c — parsing client addresses and X-Forwarded-For; see client_addr.h. */
#include "core/client_addr.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

int
client_addr_parse(const char *text, char out[CLIENT_ADDR_MAX])
{
    out[0] = '\0';
    if (!text || strlen(text) >= CLIENT_ADDR_MAX)
        return -1;
    struct in_addr v4;
    if (inet_pton(AF_INET, text, &v4) == 1)
        return inet_ntop(AF_INET, &v4, out, CLIENT_ADDR_MAX) ? 0 : -1;
    struct in6_addr v6;
    if (inet_pton(AF_INET6, text, &v6) != 1)
        return -1;
    if (IN6_IS_ADDR_V4MAPPED(&v6)) {
        memcpy(&v4, &v6.s6_addr[12], sizeof v4);
        return inet_ntop(AF_INET, &v4, out, CLIENT_ADDR_MAX) ? 0 : -1;
    }
    return inet_ntop(AF_INET6, &v6, out, CLIENT_ADDR_MAX) ? 0 : -1;
}

int
client_addr_forwarded_last(const char *header, char out[CLIENT_ADDR_MAX])
{
    out[0] = '\0';
    if (!header)
        return -1;
    const char *hop = strrchr(header, ',');
    hop = hop ? hop + 1 : header;
    while (*hop == ' ' || *hop == '\t')
        hop++;
    size_t n = strlen(hop);
    while (n && (hop[n - 1] == ' ' || hop[n - 1] == '\t'))
        n--;
    char text[CLIENT_ADDR_MAX + 8];
    if (n == 0 || n >= sizeof text)
        return -1;
    memcpy(text, hop, n);
    text[n] = '\0';
    char *start = text;
    if (text[0] == '[') { /* "[v6]" or "[v6]:port" */
        char *close = strchr(text, ']');
        if (!close || (close[1] != '\0' && close[1] != ':'))
            return -1;
        *close = '\0';
        start = text + 1;
    } else {
        char *colon = strchr(text, ':');
        if (colon && !strchr(colon + 1, ':')) /* exactly one colon: "v4:port" */
            *colon = '\0';
    }
    return client_addr_parse(start, out);
}

void
client_addr_key(const char *canonical, char out[CLIENT_ADDR_MAX + 4])
{
    struct in6_addr v6;
    char prefix[CLIENT_ADDR_MAX];
    if (strchr(canonical, ':') && inet_pton(AF_INET6, canonical, &v6) == 1) {
        memset(&v6.s6_addr[8], 0, 8);
        if (inet_ntop(AF_INET6, &v6, prefix, sizeof prefix)) {
            snprintf(out, CLIENT_ADDR_MAX + 4, "%s/64", prefix);
            return;
        }
    }
    snprintf(out, CLIENT_ADDR_MAX + 4, "%s", canonical);
}
