/*
 * netaddr.c - IP addresses and networks as text; see netaddr.h.
 */
#include "base/netaddr.h"
#include "base/buf.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

/* Parse one address (no prefix) into a; IPv4-mapped IPv6 becomes IPv4. */
static bool addr_parse(const char *text, struct netaddr *a)
{
	unsigned char raw[16];
	if (inet_pton(AF_INET, text, raw) == 1) {
		a->family = AF_INET;
		memcpy(a->bytes, raw, 4);
		a->bits = 32;
		return true;
	}
	if (inet_pton(AF_INET6, text, raw) != 1)
		return false;
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	if (memcmp(raw, mapped, sizeof mapped) == 0) {
		a->family = AF_INET;
		memcpy(a->bytes, raw + 12, 4);
		a->bits = 32;
		return true;
	}
	a->family = AF_INET6;
	memcpy(a->bytes, raw, 16);
	a->bits = 128;
	return true;
}

static bool net_contains(const struct netaddr *net, const struct netaddr *a)
{
	if (net->family != a->family)
		return false;
	int full = net->bits / 8, rest = net->bits % 8;
	if (memcmp(net->bytes, a->bytes, (size_t)full) != 0)
		return false;
	if (rest == 0)
		return true;
	unsigned char mask = (unsigned char)(0xff << (8 - rest));
	return (net->bytes[full] & mask) == (a->bytes[full] & mask);
}

/* Copy s[0..n) trimmed of spaces and tabs into out; false if it does not fit. */
static bool trimmed(const char *s, size_t n, char *out, size_t size)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= size)
		return false;
	memcpy(out, s, n);
	out[n] = '\0';
	return true;
}

int netaddr_set_parse(const char *list, struct netaddr_set *set, struct err *e)
{
	set->n = 0;
	if (list == NULL)
		return 0;
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");
		char item[NETADDR_TEXT_LEN + 8];
		if (!trimmed(p, n, item, sizeof item))
			return err_field(e, "trusted_proxies", "\"%.60s\" is not an IP address or network", p);
		p += n;
		if (*p == ',')
			p++;
		if (item[0] == '\0')
			continue;
		if (set->n == NETADDR_SET_MAX)
			return err_field(e, "trusted_proxies", "more than %d entries", NETADDR_SET_MAX);
		struct netaddr *a = &set->net[set->n];
		char *slash = strchr(item, '/');
		long bits = -1;
		if (slash) {
			char *end;
			*slash = '\0';
			bits = strtol(slash + 1, &end, 10);
			if (slash[1] == '\0' || *end != '\0')
				bits = -2;
		}
		if (!addr_parse(item, a) || bits == -2 || bits > a->bits || (slash && bits < 0)) {
			if (slash)
				*slash = '/';
			return err_field(e, "trusted_proxies", "\"%s\" is not an IP address or network", item);
		}
		if (bits >= 0)
			a->bits = (int)bits;
		set->n++;
	}
	return 0;
}

bool netaddr_set_has(const struct netaddr_set *set, const char *addr)
{
	struct netaddr a;
	if (set == NULL || !addr_parse(addr, &a))
		return false;
	for (int i = 0; i < set->n; i++)
		if (net_contains(&set->net[i], &a))
			return true;
	return false;
}

void netaddr_client(const struct netaddr_set *set, const char *peer, const char *xff, char *out, size_t size)
{
	str_copy(out, size, peer);
	if (set == NULL || set->n == 0 || xff == NULL || !netaddr_set_has(set, peer))
		return;
	/* walk the entries from the right; each trusted hop vouches for the
	 * one to its left */
	size_t end = strlen(xff);
	while (end > 0) {
		size_t start = end;
		while (start > 0 && xff[start - 1] != ',')
			start--;
		char item[NETADDR_TEXT_LEN];
		struct netaddr a;
		if (!trimmed(xff + start, end - start, item, sizeof item) || !addr_parse(item, &a))
			return; /* malformed: keep the last trusted hop */
		str_copy(out, size, item);
		if (!netaddr_set_has(set, item))
			return;
		end = start > 0 ? start - 1 : 0;
	}
}
