/* client_addr.h — the address a request comes from, as text the login throttle can count by.
 *
 * An address is written one way only (inet_ntop's form; an IPv4-mapped IPv6 address as plain
 * IPv4), so that "::ffff:192.0.2.1" and "192.0.2.1" are one client, not two. Behind a
 * reverse proxy the client is the last hop the proxy added to X-Forwarded-For; only that hop
 * is trusted, since everything before it is whatever the client chose to send. */
#ifndef INSYN_CLIENT_ADDR_H
#define INSYN_CLIENT_ADDR_H

#define CLIENT_ADDR_MAX 46 /* INET6_ADDRSTRLEN */

/* The canonical text of an IPv4 or IPv6 address given bare ("192.0.2.1", "2001:db8::1").
 * Returns 0, or -1 (out is "") when text is not an address. */
int client_addr_parse(const char *text, char out[CLIENT_ADDR_MAX]);
/* The last hop of an X-Forwarded-For value ("a, b, c" gives c), canonical. The hop may be
 * written "[v6]", "[v6]:port" or "v4:port" as some proxies do. Returns 0 or -1. */
int client_addr_forwarded_last(const char *header, char out[CLIENT_ADDR_MAX]);
/* What one client is, for counting: an IPv4 address as it is; an IPv6 address as its /64
 * network ("2001:db8:1:2::/64"), since one host is commonly given a whole /64 and could
 * otherwise step to a fresh address for every attempt. Input must be canonical. */
void client_addr_key(const char *canonical, char out[CLIENT_ADDR_MAX + 4]);

#endif
