/*
 * guard.c - the checks every request passes before a handler sees it
 * (guard.h): framing that only one reading fits, a target without NUL,
 * and the cross-site refusal for state-changing requests. The rules are
 * tables: the content types a form can send, the Sec-Fetch-Site values
 * that mean "not from another site". Values quoted into messages are cut
 * short and reduced to printable ASCII: they come from the client.
 */
#include "http/guard.h"
#include "base/buf.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The content types an HTML form (or a "simple" cross-site fetch) can
 * send without a CORS preflight (the CORS-safelisted request types). */
static const char *const form_types[] = {
	"application/x-www-form-urlencoded",
	"multipart/form-data",
	"text/plain",
};

/* Sec-Fetch-Site values of a request this server's own pages (or the
 * user typing an address) made. */
static const char *const own_fetch_sites[] = { "same-origin", "none" };

/* Copy at most 80 characters of v into out, printable ASCII only. */
static void quote_safe(char *out, size_t size, const char *v)
{
	size_t n = 0;
	for (; v && *v && n + 1 < size && n < 80; v++)
		out[n++] = (*v >= 0x20 && *v < 0x7f && *v != '"') ? *v : '?';
	out[n] = '\0';
}

static bool is_tchar(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static bool is_token(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!is_tchar((unsigned char)*s))
			return false;
	return true;
}

void guard_header_seen(struct guard_framing *g, const char *name, const char *value)
{
	if (g->bad_name == NULL && !is_token(name))
		g->bad_name = name;
	if (strcasecmp(name, "Content-Length") == 0) {
		if (g->n_content_length++ == 0)
			g->content_length = value;
	} else if (strcasecmp(name, "Transfer-Encoding") == 0) {
		if (g->n_transfer_encoding++ == 0)
			g->transfer_encoding = value;
	}
}

static int bad(struct err *e, const char *field, const char *msg)
{
	err_set(e, ERR_BAD_REQUEST, "ambiguous request framing: %s", msg);
	err_field(e, field, "%s", msg);
	return -1;
}

int guard_check_framing(struct guard_framing *g, bool http10, size_t limit, struct err *e)
{
	char q[96];

	g->length = -1;

	if (g->bad_name) {
		quote_safe(q, sizeof q, g->bad_name);
		err_set(e, ERR_BAD_REQUEST, "header name \"%s\" is not a token (no spaces or separators allowed)", q);
		err_field(e, "header", "name \"%s\" is not a token", q);
		return -1;
	}
	if (g->n_content_length > 1)
		return bad(e, "Content-Length", "more than one Content-Length header");
	if (g->n_transfer_encoding > 1)
		return bad(e, "Transfer-Encoding", "more than one Transfer-Encoding header");
	if (g->n_transfer_encoding && g->n_content_length)
		return bad(e, "Transfer-Encoding", "both Content-Length and Transfer-Encoding");
	if (g->n_transfer_encoding && http10)
		return bad(e, "Transfer-Encoding", "Transfer-Encoding in an HTTP/1.0 request");
	if (g->n_transfer_encoding && strcasecmp(g->transfer_encoding, "chunked") != 0) {
		quote_safe(q, sizeof q, g->transfer_encoding);
		err_set(e, ERR_BAD_REQUEST, "Transfer-Encoding \"%s\" is not supported: only \"chunked\"", q);
		err_field(e, "Transfer-Encoding", "\"%s\" is not \"chunked\"", q);
		return -1;
	}
	if (g->n_content_length) {
		const char *v = g->content_length;
		size_t digits = strspn(v, "0123456789");
		if (digits == 0 || v[digits] != '\0') {
			quote_safe(q, sizeof q, v);
			err_set(e, ERR_BAD_REQUEST, "Content-Length \"%s\" is not a number", q);
			err_field(e, "Content-Length", "\"%s\" is not a number", q);
			return -1;
		}
		/* compare without converting: leading zeros aside, more digits
		 * than the limit has is larger */
		while (digits > 1 && *v == '0')
			v++, digits--;
		long long n = 0;
		bool over = digits > 18;
		for (size_t i = 0; !over && i < digits; i++)
			n = n * 10 + (v[i] - '0');
		g->length = over ? LLONG_MAX : n;
		if (over || (unsigned long long)n > limit) {
			err_set(e, ERR_TOO_LARGE, "the request body is larger than %zu bytes", limit);
			err_field(e, "body", "is larger than the limit of %zu bytes", limit);
			e->kind = ERR_TOO_LARGE;
			return -1;
		}
	}
	return 0;
}

int guard_check_target(const char *raw, size_t raw_len, struct err *e)
{
	bool nul = memchr(raw, '\0', raw_len) != NULL;
	for (size_t i = 0; !nul && i + 2 < raw_len; i++)
		nul = raw[i] == '%' && raw[i + 1] == '0' && raw[i + 2] == '0';
	if (!nul)
		return 0;
	err_set(e, ERR_BAD_REQUEST, "the request path holds a NUL byte (%%00)");
	err_field(e, "path", "holds a NUL byte (%%00)");
	return -1;
}

/* The media type of a Content-Type value: up to ';' or white space. */
static bool media_type_is(const char *ct, const char *want)
{
	size_t n = strlen(want);
	while (*ct == ' ' || *ct == '\t')
		ct++;
	return strncasecmp(ct, want, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ' || ct[n] == '\t');
}

static int refuse(struct err *e, const char *field, const char *reason)
{
	err_set(e, ERR_FORBIDDEN, "cross-site request refused: %s", reason);
	err_field(e, field, "%s", reason);
	e->kind = ERR_FORBIDDEN;
	return -1;
}

/* Is origin this server's own? */
static bool origin_is_own(const struct guard_site *s, char *own, size_t size)
{
	struct buf b;
	bool same;

	if (s->public_origin) {
		str_copy(own, size, s->public_origin);
		return strcasecmp(s->origin, s->public_origin) == 0;
	}
	if (s->host == NULL || *s->host == '\0') {
		str_copy(own, size, "unknown: the request has no Host header");
		return false;
	}
	buf_init(&b, 512);
	buf_printf(&b, "%s://%s", s->secure ? "https" : "http", s->host);
	same = !b.failed && strcasecmp(s->origin, b.data) == 0;
	quote_safe(own, size, b.data ? b.data : "");
	buf_release(&b);
	return same;
}

int guard_check_site(const struct guard_site *s, struct err *e)
{
	char q[96], own[96], reason[240];

	if (strcmp(s->method, "GET") == 0 || strcmp(s->method, "HEAD") == 0)
		return 0;
	if (s->origin && !origin_is_own(s, own, sizeof own)) {
		quote_safe(q, sizeof q, s->origin);
		snprintf(reason, sizeof reason, "Origin \"%s\" is not this server's origin (%s)", q, own);
		return refuse(e, "Origin", reason);
	}
	if (s->sec_fetch_site) {
		bool own_site = false;
		for (size_t i = 0; i < sizeof own_fetch_sites / sizeof own_fetch_sites[0]; i++)
			own_site = own_site || strcmp(s->sec_fetch_site, own_fetch_sites[i]) == 0;
		if (!own_site) {
			quote_safe(q, sizeof q, s->sec_fetch_site);
			snprintf(reason, sizeof reason, "Sec-Fetch-Site \"%s\" is not same-origin", q);
			return refuse(e, "Sec-Fetch-Site", reason);
		}
	}
	if (s->content_type) {
		for (size_t i = 0; i < sizeof form_types / sizeof form_types[0]; i++) {
			if (!media_type_is(s->content_type, form_types[i]))
				continue;
			snprintf(reason, sizeof reason,
				 "Content-Type %s is what a form on any site can send; send application/json", form_types[i]);
			return refuse(e, "Content-Type", reason);
		}
	}
	if (s->upload_route && (s->upload == NULL || strcmp(s->upload, "1") != 0))
		return refuse(e, GUARD_UPLOAD_HEADER, "a file upload must carry the header " GUARD_UPLOAD_HEADER ": 1");
	return 0;
}

int guard_origin_valid(const char *origin, struct err *e)
{
	const char *host;

	if (strncmp(origin, "http://", 7) == 0)
		host = origin + 7;
	else if (strncmp(origin, "https://", 8) == 0)
		host = origin + 8;
	else
		return err_field(e, "origin", "\"%.80s\" must start with http:// or https://", origin);
	size_t n = strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-[]:");
	if (n == 0 || host[n] != '\0')
		return err_field(e, "origin", "\"%.80s\" must be scheme://host[:port], with no path or trailing slash",
				 origin);
	return 0;
}
