/*
 * test_totp.c - TOTP against the test vectors of RFC 6238 (appendix B,
 * SHA-1) and RFC 4226 (appendix D), base32 against RFC 4648, the window
 * and the reuse rule, the otpauth URI and recovery codes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/totp.h"

static const unsigned char RFC_KEY[] = "12345678901234567890";

static void test_rfc6238_sha1(void **state)
{
	(void)state;
	static const struct {
		int64_t t;
		const char *code;
	} v[] = {
		{ 59, "94287082" },         { 1111111109, "07081804" }, { 1111111111, "14050471" },
		{ 1234567890, "89005924" }, { 2000000000, "69279037" }, { 20000000000LL, "65353130" },
	};
	char out[9];
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		assert_int_equal(totp_code(RFC_KEY, 20, v[i].t, 8, out), 0);
		assert_string_equal(out, v[i].code);
	}
}

static void test_rfc4226_hotp(void **state)
{
	(void)state;
	/* TOTP at t = 30 * c is HOTP with counter c */
	static const char *const v[] = { "755224", "287082", "359152", "969429", "338314",
					 "254676", "287922", "162583", "399871", "520489" };
	char out[7];
	for (int c = 0; c < 10; c++) {
		assert_int_equal(totp_code(RFC_KEY, 20, (int64_t)c * 30, 6, out), 0);
		assert_string_equal(out, v[c]);
	}
	assert_int_equal(totp_code(RFC_KEY, 20, 0, 5, out), -1);
}

static void test_base32(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} v[] = { { "", "" },          { "f", "MY" },          { "fo", "MZXQ" },          { "foo", "MZXW6" },
		  { "foob", "MZXW6YQ" }, { "fooba", "MZXW6YTB" }, { "foobar", "MZXW6YTBOI" } };
	char out[40];
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		assert_int_equal(totp_base32((const unsigned char *)v[i].in, strlen(v[i].in), out, sizeof out), 0);
		assert_string_equal(out, v[i].out);
	}
	assert_int_equal(totp_base32(RFC_KEY, 20, out, sizeof out), 0);
	assert_string_equal(out, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	assert_int_equal(totp_base32(RFC_KEY, 20, out, 32), -1);
}

static void test_window_and_reuse(void **state)
{
	(void)state;
	char c[7];
	int64_t step = 0, now = 1111111111; /* step 37037037 */
	assert_int_equal(totp_code(RFC_KEY, 20, now, 6, c), 0);
	assert_int_equal(totp_check(RFC_KEY, 20, now, c, 0, &step), TOTP_OK);
	assert_int_equal(step, now / 30);
	/* used once: the same step again is refused */
	assert_int_equal(totp_check(RFC_KEY, 20, now, c, step, &step), TOTP_REUSED);
	/* one step late or early is accepted, two are not */
	assert_int_equal(totp_check(RFC_KEY, 20, now + 30, c, 0, &step), TOTP_OK);
	assert_int_equal(totp_check(RFC_KEY, 20, now - 30, c, 0, &step), TOTP_OK);
	assert_int_equal(totp_check(RFC_KEY, 20, now + 60, c, 0, &step), TOTP_WRONG);
	assert_int_equal(totp_check(RFC_KEY, 20, now - 60, c, 0, &step), TOTP_WRONG);
	/* the next step's code is still good after this one was used */
	char next[7];
	assert_int_equal(totp_code(RFC_KEY, 20, now + 30, 6, next), 0);
	assert_int_equal(totp_check(RFC_KEY, 20, now, next, now / 30, &step), TOTP_OK);
	assert_int_equal(step, now / 30 + 1);
	/* spaces between groups are fine; other shapes are wrong */
	char spaced[9] = { c[0], c[1], c[2], ' ', c[3], c[4], c[5], '\0' };
	assert_int_equal(totp_check(RFC_KEY, 20, now, spaced, 0, &step), TOTP_OK);
	assert_true(totp_looks_like_code(spaced));
	assert_false(totp_looks_like_code("12345"));
	assert_false(totp_looks_like_code("1234567"));
	assert_false(totp_looks_like_code("12345a"));
	assert_false(totp_looks_like_code(NULL));
	assert_int_equal(totp_check(RFC_KEY, 20, now, "", 0, &step), TOTP_WRONG);
	assert_int_equal(totp_check(RFC_KEY, 20, now, NULL, 0, &step), TOTP_WRONG);
}

static void test_uri(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	totp_uri(&b, "meedoen", "jan.de-vries", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	assert_string_equal(b.data, "otpauth://totp/meedoen:jan.de-vries?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
				    "&issuer=meedoen");
	buf_reset(&b);
	totp_uri(&b, "mee doen", "a&b", "X");
	assert_string_equal(b.data, "otpauth://totp/mee%20doen:a%26b?secret=X&issuer=mee%20doen");
	buf_release(&b);
}

static void test_recovery_codes(void **state)
{
	(void)state;
	const unsigned char raw[RECOVERY_RAW_BYTES] = { 0, 0, 0, 0, 0, 0, 0 };
	const unsigned char ones[RECOVERY_RAW_BYTES] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	char code[RECOVERY_CODE_LEN], norm[RECOVERY_NORMAL_LEN];
	recovery_code_format(raw, code);
	assert_string_equal(code, "aaaaa-aaaaa");
	recovery_code_format(ones, code);
	assert_string_equal(code, "77777-77777");
	assert_int_equal(recovery_code_normalize("77777-77777", norm), 0);
	assert_string_equal(norm, "7777777777");
	assert_int_equal(recovery_code_normalize(" ABCDE fghij ", norm), 0);
	assert_string_equal(norm, "abcdefghij");
	assert_int_equal(recovery_code_normalize("0lla1-aaaaa", norm), 0);
	assert_string_equal(norm, "ollalaaaaa");
	assert_int_equal(recovery_code_normalize("abcde-fghi", norm), -1);
	assert_int_equal(recovery_code_normalize("abcde-fghijk", norm), -1);
	assert_int_equal(recovery_code_normalize("abcde-fghi8", norm), -1);
	assert_int_equal(recovery_code_normalize("123456", norm), -1);
	assert_int_equal(recovery_code_normalize(NULL, norm), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc6238_sha1),  cmocka_unit_test(test_rfc4226_hotp),
		cmocka_unit_test(test_base32),        cmocka_unit_test(test_window_and_reuse),
		cmocka_unit_test(test_uri),           cmocka_unit_test(test_recovery_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
