/*
 * guard.h - the checks a request passes before any handler sees it:
 * unambiguous framing, a path without NUL, and, for every method but GET
 * and HEAD, proof that the request was not sent by another site's page.
 * Pure functions over header values; server.c collects the values from
 * libmicrohttpd and answers a refusal.
 */
#ifndef MEEDOEN_GUARD_H
#define MEEDOEN_GUARD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

/* The header a file upload (a BODY_RAW route) must carry. A form cannot
 * set it, and a cross-site fetch with it needs a CORS preflight that the
 * server never approves. */
#define GUARD_UPLOAD_HEADER "X-Meedoen-Upload"

/* What the framing check needs from the request's headers; fill it with
 * guard_header_seen() for every header. */
struct guard_framing {
	unsigned n_content_length;
	unsigned n_transfer_encoding;
	const char *content_length;    /* the first one */
	const char *transfer_encoding; /* the first one */
	const char *bad_name;          /* the first name that is not a token */
	long long length;              /* set by guard_check_framing: the declared
					* Content-Length (LLONG_MAX when huge), or -1 */
};

/* Record one request header (name and value as the connection holds them;
 * both must outlive g). */
void guard_header_seen(struct guard_framing *g, const char *name, const char *value);

/* Refuse framing that two parsers could read differently: a header name
 * that is not a token (e.g. "Transfer-Encoding " with a space before the
 * colon), more than one Content-Length or Transfer-Encoding, both at once,
 * a Transfer-Encoding other than "chunked" or on HTTP/1.0 (ERR_BAD_REQUEST,
 * 400); a declared Content-Length above limit (ERR_TOO_LARGE, 413).
 * Returns 0 or -1 with e filled (the field names the header); g->length
 * is set either way once the length was read. */
int guard_check_framing(struct guard_framing *g, bool http10, size_t limit, struct err *e);

/* Refuse a request target holding a NUL: "%00" in the raw target (decoded
 * it would cut the path short) or a NUL byte (ERR_BAD_REQUEST). raw is the
 * target as the client sent it, before percent-decoding. */
int guard_check_target(const char *raw, size_t raw_len, struct err *e);

/* What the cross-site check needs; any header may be NULL (absent). */
struct guard_site {
	const char *method;
	const char *origin;         /* Origin */
	const char *sec_fetch_site; /* Sec-Fetch-Site */
	const char *content_type;   /* Content-Type */
	const char *upload;         /* X-Meedoen-Upload */
	const char *host;           /* Host */
	const char *public_origin;  /* the configured origin, or NULL */
	bool secure;                /* served over https (secure cookies) */
	bool upload_route;          /* a file upload route (BODY_RAW) */
};

/* Refuse (ERR_FORBIDDEN, the detail names the reason) a state-changing
 * request (any method but GET and HEAD) that a page on another site could
 * have sent: an Origin other than this server's own (the public origin
 * when configured, else http:// or https:// and the Host header; "null" is
 * foreign), a Sec-Fetch-Site other than "same-origin" or "none", a content
 * type a form can produce (application/x-www-form-urlencoded,
 * multipart/form-data, text/plain), or an upload without the
 * X-Meedoen-Upload: 1 header. GET and HEAD always pass. Returns 0 or -1. */
int guard_check_site(const struct guard_site *s, struct err *e);

/* Check a configured public origin: "http://" or "https://", a host and
 * an optional port, nothing after (no path, no trailing slash). Returns 0
 * or -1 with e naming the value. */
int guard_origin_valid(const char *origin, struct err *e);

#endif
