/*
 * test_base.c - the shared tools: string builder, arena, UTF-8, CSV
 * reader, search folding, error values.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/csv.h"
#include "base/err.h"
#include "base/textfold.h"
#include "base/utf8.h"

static void test_buf_grows_and_caps(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 10);
	buf_puts(&b, "12345");
	buf_printf(&b, "%d", 678);
	assert_string_equal(b.data, "12345678");
	assert_false(b.failed);
	buf_puts(&b, "abc"); /* 11 > 10: sticky failure, content unchanged */
	assert_true(b.failed);
	assert_string_equal(b.data, "12345678");
	buf_puts(&b, "x");
	assert_true(b.failed);
	assert_null(buf_detach(&b, NULL));
	buf_init(&b, 0);
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%04d", i);
	assert_int_equal(b.len, 4000);
	size_t n;
	char *s = buf_detach(&b, &n);
	assert_int_equal(n, 4000);
	assert_memory_equal(s + 3996, "0999", 4);
	free(s);
	char small[4];
	str_copy(small, sizeof small, "abcdef");
	assert_string_equal(small, "abc");
}

static void test_arena(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	char *p = arena_strdup(a, "hallo");
	void *big = arena_alloc(a, 100000);
	assert_non_null(big);
	for (int i = 0; i < 10000; i++)
		assert_non_null(arena_alloc(a, 17));
	assert_string_equal(p, "hallo");
	assert_true(((uintptr_t)arena_alloc(a, 3) % _Alignof(max_align_t)) == 0);
	assert_true(arena_used(a) >= 100000 + 10000 * 17);
	arena_free(a);
	arena_free(NULL);
}

static void test_utf8(void **state)
{
	(void)state;
	size_t bad;
	assert_true(utf8_valid("Özdemir ሰላም", strlen("Özdemir ሰላም"), NULL));
	assert_false(utf8_valid("a\xff", 2, &bad));
	assert_int_equal(bad, 1);
	assert_false(utf8_valid("\xc0\xaf", 2, NULL));         /* overlong */
	assert_false(utf8_valid("\xed\xa0\x80", 3, NULL));     /* surrogate */
	assert_false(utf8_valid("\xf4\x90\x80\x80", 4, NULL)); /* above U+10FFFF */
	assert_false(utf8_valid("\xe2\x82", 2, NULL));         /* truncated */
	assert_int_equal(utf8_length("Özdemir"), 7);
}

static void test_csv(void **state)
{
	(void)state;
	const char *text = "\xEF\xBB\xBF"
			   "a,b,c\r\n"
			   "1,\"two, with comma\",3\r\n"
			   "\n"
			   "\"multi\nline\",\"say \"\"hi\"\"\",\n"
			   "\"broken\n";
	struct csv_reader r;
	long line;
	char why[64];
	csv_init(&r, text, strlen(text));
	assert_int_equal(csv_next(&r, &line, why, sizeof why), 1);
	assert_int_equal(line, 1);
	assert_int_equal(r.nfields, 3);
	assert_string_equal(r.fields[0], "a");
	assert_int_equal(csv_next(&r, &line, why, sizeof why), 1);
	assert_int_equal(line, 2);
	assert_string_equal(r.fields[1], "two, with comma");
	assert_int_equal(csv_next(&r, &line, why, sizeof why), 1);
	assert_int_equal(line, 4);
	assert_string_equal(r.fields[0], "multi\nline");
	assert_string_equal(r.fields[1], "say \"hi\"");
	assert_string_equal(r.fields[2], "");
	assert_int_equal(csv_next(&r, &line, why, sizeof why), -1);
	assert_int_equal(line, 6);
	assert_non_null(strstr(why, "unterminated"));
	assert_int_equal(csv_next(&r, &line, why, sizeof why), 0);
	csv_release(&r);

	const char *junk = "a,\"b\"x,c\nd,e,f\n";
	csv_init(&r, junk, strlen(junk));
	assert_int_equal(csv_next(&r, &line, why, sizeof why), -1);
	assert_int_equal(csv_next(&r, &line, why, sizeof why), 1);
	assert_int_equal(line, 2);
	assert_string_equal(r.fields[2], "f");
	char **copy = csv_copy_fields(&r);
	assert_string_equal(copy[0], "d");
	csv_free_fields(copy, r.nfields);
	csv_release(&r);
}

/* A NUL byte would cut a cell short as a C string ("A\0B" stored as "A"):
 * the record is refused, naming its column, quoted or not, and reading
 * goes on with the next record. */
static void test_csv_nul(void **state)
{
	(void)state;
	static const char text[] = "a,b,c\nx,A\0B,z\n\"q\",\"P\0\",r\nlast,1,2\n";
	struct csv_reader r;
	long line;
	char why[64];
	csv_init(&r, text, sizeof text - 1);
	assert_int_equal(csv_next(&r, &line, why, sizeof why), 1);
	assert_int_equal(csv_next(&r, &line, why, sizeof why), -1);
	assert_int_equal(line, 2);
	assert_string_equal(why, "column 2 contains a NUL byte");
	assert_int_equal(csv_next(&r, &line, why, sizeof why), -1);
	assert_int_equal(line, 3);
	assert_string_equal(why, "column 2 contains a NUL byte");
	assert_int_equal(csv_next(&r, &line, why, sizeof why), 1);
	assert_string_equal(r.fields[0], "last");
	assert_int_equal(csv_next(&r, &line, why, sizeof why), 0);
	csv_release(&r);
}

/* Days since 1970-01-01 of a calendar date, and ms of a UTC timestamp. */
static int32_t days_of(int y, int m, int d)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12 };
	return (int32_t)(timegm(&tm) / 86400);
}

static int64_t ms_of(int y, int mo, int d, int h, int mi)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi };
	return (int64_t)timegm(&tm) * 1000;
}

/* "Today" is the Dutch date: at 00:30 in Amsterdam it is the new day,
 * while the UTC date is still the old one (23:30 UTC in winter, 22:30 UTC
 * in summer). */
static void test_clock_zone(void **state)
{
	(void)state;
	assert_int_equal(clock_set_zone("Europe/Amsterdam"), 0);
	assert_string_equal(clock_zone(), "Europe/Amsterdam");
	/* winter (CET, UTC+1) */
	assert_int_equal(clock_date_at(ms_of(2026, 1, 14, 23, 30)), days_of(2026, 1, 15));
	assert_int_equal(clock_date_at(ms_of(2026, 1, 14, 22, 59)), days_of(2026, 1, 14));
	/* summer (CEST, UTC+2) */
	assert_int_equal(clock_date_at(ms_of(2026, 7, 14, 22, 30)), days_of(2026, 7, 15));
	assert_int_equal(clock_date_at(ms_of(2026, 7, 14, 21, 59)), days_of(2026, 7, 14));
	/* the night the clocks go forward, and New Year */
	assert_int_equal(clock_date_at(ms_of(2026, 3, 28, 23, 30)), days_of(2026, 3, 29));
	assert_int_equal(clock_date_at(ms_of(2026, 12, 31, 23, 0)), days_of(2027, 1, 1));
	/* another zone, then back; unknown names and paths are refused */
	assert_int_equal(clock_set_zone("UTC"), 0);
	assert_int_equal(clock_date_at(ms_of(2026, 1, 14, 23, 30)), days_of(2026, 1, 14));
	assert_int_equal(clock_set_zone("Nowhere/Place"), -1);
	assert_int_equal(clock_set_zone("../../etc/passwd"), -1);
	assert_int_equal(clock_set_zone(""), -1);
	assert_string_equal(clock_zone(), "UTC");
	assert_int_equal(clock_set_zone("Europe/Amsterdam"), 0);
	assert_int_equal(clock_date_at(ms_of(2026, 1, 14, 23, 30)), days_of(2026, 1, 15));
}

static void test_textfold(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(textfold("Özdemir Hélène ŞAHİN", &b), 0);
	assert_string_equal(b.data, "ozdemir helene sahin");
	buf_release(&b);
	buf_init(&b, 0);
	assert_int_equal(textfold("\xff", &b), -1);
	buf_release(&b);
}

static void test_err(void **state)
{
	(void)state;
	struct err e;
	err_init(&e);
	assert_int_equal(err_field(&e, "bsn", "bsn \"%s\" fails the 11-test", "123456789"), -1);
	for (int i = 0; i < 20; i++)
		err_field(&e, "x", "reason %d", i);
	assert_int_equal(e.kind, ERR_INVALID);
	assert_int_equal(e.nfields, 21);
	assert_string_equal(e.fields[0].reason, "bsn \"123456789\" fails the 11-test");
	assert_int_equal(err_http_status(e.kind), 422);
	err_release(&e);
	err_set(&e, ERR_THROTTLED, "slow down");
	assert_int_equal(err_http_status(e.kind), 429);
	err_release(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_grows_and_caps),
		cmocka_unit_test(test_arena),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_csv_nul),
		cmocka_unit_test(test_clock_zone),
		cmocka_unit_test(test_textfold),
		cmocka_unit_test(test_err),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
