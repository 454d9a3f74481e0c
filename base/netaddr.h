/*
 * netaddr.h - IP addresses and networks as text, for the server's list of
 * trusted proxies: which peers may tell us, in X-Forwarded-For, whom they
 * forward for. Pure functions, no allocation.
 */
#ifndef MEEDOEN_NETADDR_H
#define MEEDOEN_NETADDR_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

#define NETADDR_SET_MAX 32
#define NETADDR_TEXT_LEN 48 /* INET6_ADDRSTRLEN plus room */

struct netaddr {
	int family;              /* AF_INET or AF_INET6 */
	unsigned char bytes[16]; /* 4 used for AF_INET */
	int bits;                /* prefix length: 32 or 128 for one address */
};

struct netaddr_set {
	int n;
	struct netaddr net[NETADDR_SET_MAX];
};

/* Parse "ADDR[/BITS][,ADDR[/BITS]...]" (IPv4 or IPv6, spaces allowed
 * around the commas) into *set. An empty or NULL list is an empty set.
 * ERR_INVALID naming the entry that is not an address or network. */
int netaddr_set_parse(const char *list, struct netaddr_set *set, struct err *e);

/* True when the address text `addr` lies in one of the set's networks
 * (an IPv4-mapped IPv6 address counts as its IPv4 address). */
bool netaddr_set_has(const struct netaddr_set *set, const char *addr);

/* The client's address as text in out: the peer itself unless the peer is
 * a trusted proxy; then the right-most X-Forwarded-For entry (xff, the
 * header's values joined by commas, may be NULL) that is not a trusted
 * proxy. A malformed entry stops the walk: the address to its right (the
 * proxy that added it) is taken, so a client cannot choose the address by
 * writing garbage. */
void netaddr_client(const struct netaddr_set *set, const char *peer, const char *xff, char *out, size_t size);

#endif
