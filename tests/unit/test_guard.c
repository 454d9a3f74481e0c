/*
 * test_guard.c - the request guards of http/guard.c as tables: framing
 * (header names, Content-Length, Transfer-Encoding), a NUL in the target,
 * the cross-site check and the configured origin.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "http/guard.h"
#include "base/buf.h"

struct hdr {
	const char *name, *value;
};

/* Run the framing check on up to four headers; returns the error kind. */
static enum err_kind framing(const struct hdr *h, bool http10, size_t limit, char *field)
{
	struct guard_framing g = { 0 };
	struct err e;
	err_init(&e);
	for (size_t i = 0; i < 4 && h[i].name; i++)
		guard_header_seen(&g, h[i].name, h[i].value);
	enum err_kind k = guard_check_framing(&g, http10, limit, &e) == 0 ? ERR_NONE : e.kind;
	if (field)
		str_copy(field, 64, e.nfields ? e.fields[0].field : "");
	err_release(&e);
	return k;
}

static void test_framing(void **state)
{
	(void)state;
	static const struct {
		struct hdr h[4];
		bool http10;
		enum err_kind want;
		const char *field;
	} cases[] = {
		{ { { "Content-Length", "2" } }, false, ERR_NONE, "" },
		{ { { "Transfer-Encoding", "chunked" } }, false, ERR_NONE, "" },
		{ { { "transfer-encoding", "Chunked" } }, false, ERR_NONE, "" },
		{ { { "Content-Length", "2" }, { "content-length", "5" } }, false, ERR_BAD_REQUEST, "Content-Length" },
		{ { { "Content-Length", "2" }, { "Content-Length", "2" } }, false, ERR_BAD_REQUEST, "Content-Length" },
		{ { { "Content-Length", "2" }, { "Transfer-Encoding", "chunked" } }, false, ERR_BAD_REQUEST,
		  "Transfer-Encoding" },
		{ { { "Transfer-Encoding", "chunked" }, { "Transfer-Encoding", "chunked" } }, false, ERR_BAD_REQUEST,
		  "Transfer-Encoding" },
		{ { { "Transfer-Encoding", "xchunked" } }, false, ERR_BAD_REQUEST, "Transfer-Encoding" },
		{ { { "Transfer-Encoding", "gzip, chunked" } }, false, ERR_BAD_REQUEST, "Transfer-Encoding" },
		{ { { "Transfer-Encoding", "chunked" } }, true, ERR_BAD_REQUEST, "Transfer-Encoding" },
		{ { { "Transfer-Encoding ", "chunked" } }, false, ERR_BAD_REQUEST, "header" },
		{ { { "X Forwarded", "1" } }, false, ERR_BAD_REQUEST, "header" },
		{ { { "X-A(b)", "1" } }, false, ERR_BAD_REQUEST, "header" },
		{ { { "", "1" } }, false, ERR_BAD_REQUEST, "header" },
		{ { { "X-Ok!#$%&'*+-.^_`|~9", "1" } }, false, ERR_NONE, "" },
		{ { { "Content-Length", "100" } }, false, ERR_NONE, "" },
		{ { { "Content-Length", "101" } }, false, ERR_TOO_LARGE, "body" },
		{ { { "Content-Length", "1000000000000" } }, false, ERR_TOO_LARGE, "body" },
		{ { { "Content-Length", "99999999999999999999999999" } }, false, ERR_TOO_LARGE, "body" },
		{ { { "Content-Length", "0000000000000000000000000100" } }, false, ERR_NONE, "" },
		{ { { "Content-Length", "+2" } }, false, ERR_BAD_REQUEST, "Content-Length" },
		{ { { "Content-Length", "" } }, false, ERR_BAD_REQUEST, "Content-Length" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char field[64];
		enum err_kind k = framing(cases[i].h, cases[i].http10, 100, field);
		if (k != cases[i].want || strcmp(field, cases[i].field) != 0)
			fail_msg("case %zu (%s: %s): kind %d field \"%s\", want %d \"%s\"", i, cases[i].h[0].name,
				 cases[i].h[0].value, k, field, cases[i].want, cases[i].field);
	}
}

static void test_target(void **state)
{
	(void)state;
	static const struct {
		const char *raw;
		size_t len;
		bool refused;
	} cases[] = {
		{ "/index.html", 11, false },       { "/index.html%00.js", 17, true }, { "/%00", 4, true },
		{ "/x?a=%00", 8, true },            { "/index.html\0.js", 15, true },  { "/%2500", 6, false },
		{ "/%0", 3, false },                { "/a%000", 6, true },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct err e;
		err_init(&e);
		int rc = guard_check_target(cases[i].raw, cases[i].len, &e);
		if ((rc != 0) != cases[i].refused)
			fail_msg("case %zu: %s", i, cases[i].raw);
		if (rc != 0)
			assert_int_equal(e.kind, ERR_BAD_REQUEST);
		err_release(&e);
	}
}

static int site(const char *method, const char *origin, const char *fetch_site, const char *type, const char *upload,
		bool upload_route, const char *public_origin, bool secure)
{
	struct guard_site s = {
		.method = method,
		.origin = origin,
		.sec_fetch_site = fetch_site,
		.content_type = type,
		.upload = upload,
		.host = "127.0.0.1:8080",
		.public_origin = public_origin,
		.secure = secure,
		.upload_route = upload_route,
	};
	struct err e;
	err_init(&e);
	int rc = guard_check_site(&s, &e);
	if (rc != 0) {
		assert_int_equal(e.kind, ERR_FORBIDDEN);
		assert_non_null(strstr(e.msg, "cross-site request refused: "));
	}
	err_release(&e);
	return rc;
}

static void test_site(void **state)
{
	(void)state;
	const char *own = "http://127.0.0.1:8080";
	/* GET and HEAD pass whatever they carry */
	assert_int_equal(site("GET", "https://evil.example", "cross-site", "text/plain", NULL, false, NULL, false), 0);
	assert_int_equal(site("HEAD", "null", NULL, NULL, NULL, false, NULL, false), 0);
	/* the own origin, JSON */
	assert_int_equal(site("POST", own, "same-origin", "application/json", NULL, false, NULL, false), 0);
	assert_int_equal(site("POST", "HTTP://127.0.0.1:8080", NULL, "application/json", NULL, false, NULL, false), 0);
	assert_int_equal(site("POST", NULL, NULL, "application/json; charset=utf-8", NULL, false, NULL, false), 0);
	assert_int_equal(site("DELETE", NULL, NULL, NULL, NULL, false, NULL, false), 0);
	assert_int_equal(site("POST", NULL, "none", NULL, NULL, false, NULL, false), 0);
	/* foreign or opaque origins */
	assert_int_equal(site("POST", "https://evil.example", NULL, "application/json", NULL, false, NULL, false), -1);
	assert_int_equal(site("POST", "null", NULL, NULL, NULL, false, NULL, false), -1);
	assert_int_equal(site("POST", "https://127.0.0.1:8080", NULL, NULL, NULL, false, NULL, false), -1);
	assert_int_equal(site("POST", own, NULL, NULL, NULL, false, NULL, true), -1);
	assert_int_equal(site("POST", "https://127.0.0.1:8080", NULL, NULL, NULL, false, NULL, true), 0);
	assert_int_equal(site("POST", own, NULL, NULL, NULL, false, "https://m.example.nl", false), -1);
	assert_int_equal(site("POST", "https://m.example.nl", NULL, NULL, NULL, false, "https://m.example.nl", false), 0);
	/* Sec-Fetch-Site */
	assert_int_equal(site("POST", NULL, "same-site", NULL, NULL, false, NULL, false), -1);
	assert_int_equal(site("POST", NULL, "cross-site", NULL, NULL, false, NULL, false), -1);
	/* form content types, any case, parameters ignored */
	assert_int_equal(site("POST", NULL, NULL, "text/plain", NULL, false, NULL, false), -1);
	assert_int_equal(site("POST", NULL, NULL, "Text/Plain;charset=UTF-8", NULL, false, NULL, false), -1);
	assert_int_equal(site("POST", NULL, NULL, " application/x-www-form-urlencoded", NULL, false, NULL, false), -1);
	assert_int_equal(site("PATCH", NULL, NULL, "multipart/form-data; boundary=x", NULL, false, NULL, false), -1);
	assert_int_equal(site("POST", NULL, NULL, "text/plainx", NULL, false, NULL, false), 0);
	/* uploads need X-Meedoen-Upload: 1 */
	assert_int_equal(site("POST", NULL, NULL, "text/csv", NULL, true, NULL, false), -1);
	assert_int_equal(site("POST", NULL, NULL, "text/csv", "0", true, NULL, false), -1);
	assert_int_equal(site("POST", NULL, NULL, "text/csv", "1", true, NULL, false), 0);
	assert_int_equal(site("POST", NULL, NULL, "text/plain", "1", true, NULL, false), -1);
}

static void test_origin_valid(void **state)
{
	(void)state;
	static const struct {
		const char *origin;
		int rc;
	} cases[] = {
		{ "https://meedoen.example.nl", 0 }, { "http://127.0.0.1:8080", 0 }, { "https://[::1]:8443", 0 },
		{ "meedoen.example.nl", -1 },        { "https://", -1 },            { "https://x/", -1 },
		{ "https://x/path", -1 },            { "ftp://x", -1 },             { "https://x y", -1 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct err e;
		err_init(&e);
		if (guard_origin_valid(cases[i].origin, &e) != cases[i].rc)
			fail_msg("origin \"%s\"", cases[i].origin);
		err_release(&e);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_framing),
		cmocka_unit_test(test_target),
		cmocka_unit_test(test_site),
		cmocka_unit_test(test_origin_valid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
