/*
 * fuzz_headers.c - libFuzzer harness for what meedoen reads from request
 * headers before any handler runs: the framing and target checks and the
 * cross-site check (http/guard.c), the W3C traceparent parser
 * (domain/logchain.c) and the configured origin. The input is split at
 * NUL bytes into header-like strings. Any crash, leak or undefined
 * behaviour is a bug; refusals are expected.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/logchain.h"
#include "http/guard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_PARTS 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1);
	const char *part[MAX_PARTS];
	size_t n = 0;
	struct err e;

	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (char *p = copy; n < MAX_PARTS && p <= copy + size; p += strlen(p) + 1)
		part[n++] = p;
	while (n < MAX_PARTS)
		part[n++] = "";

	err_init(&e);
	guard_check_target((const char *)data, size, &e);
	err_clear(&e);

	/* pairs of name and value, as a request's headers */
	struct guard_framing g = { 0 };
	for (size_t i = 0; i + 1 < 8; i += 2)
		guard_header_seen(&g, part[i], part[i + 1]);
	guard_check_framing(&g, size % 2 == 0, (size_t)1 << 20, &e);
	err_clear(&e);

	struct guard_site s = {
		.method = part[8], .origin = part[9], .sec_fetch_site = part[10], .content_type = part[11],
		.upload = part[12], .host = part[13], .public_origin = size % 3 == 0 ? part[14] : NULL,
		.secure = size % 5 == 0, .upload_route = size % 7 == 0,
	};
	guard_check_site(&s, &e);
	err_clear(&e);
	guard_origin_valid(part[15], &e);
	err_release(&e);

	char trace[33], parent[17];
	logchain_traceparent(copy, trace, parent);
	free(copy);
	return 0;
}
