/*
 * test_bsn.c - the 11-test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/bsn.h"

static void test_valid(void **state)
{
	(void)state;
	assert_true(bsn_valid("111222333"));
	assert_true(bsn_valid("123456782"));
	assert_true(bsn_valid("223456743"));
}

static void test_invalid(void **state)
{
	(void)state;
	assert_false(bsn_valid("123456789")); /* fails the 11-test */
	assert_false(bsn_valid("000000000")); /* sum 0 */
	assert_false(bsn_valid("12345678"));  /* 8 digits */
	assert_false(bsn_valid("1234567820"));
	assert_false(bsn_valid("12345678a"));
	assert_false(bsn_valid(" 23456782"));
	assert_false(bsn_valid(""));
	assert_false(bsn_valid(NULL));
	assert_true(bsn_well_formed("123456789"));
	assert_false(bsn_well_formed("12345678x"));
}

static void test_one_digit_change_breaks_it(void **state)
{
	(void)state;
	char s[] = "111222333";
	for (int i = 0; i < 9; i++) {
		char orig = s[i];
		s[i] = orig == '9' ? '0' : (char)(orig + 1);
		assert_false(bsn_valid(s));
		s[i] = orig;
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_one_digit_change_breaks_it),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
