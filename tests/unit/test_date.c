/*
 * test_date.c - unit tests for domain/date.c: leap years, which dates
 * exist, strict "YYYY-MM-DD" parsing, format/parse round trips over the
 * whole supported range, month arithmetic with clamping, age on and around
 * a birthday, and weekdays.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/date.h"

/* Day number of a date the test knows exists; fails the test otherwise. */
static date_t ymd(int y, int m, int d)
{
	date_t out = 0;

	if (date_from_ymd(y, m, d, &out) != 0)
		fail_msg("%04d-%02d-%02d should exist", y, m, d);
	return out;
}

static date_t parsed(const char *s)
{
	date_t out = 0;

	if (date_parse(s, &out) != 0)
		fail_msg("\"%s\" should parse", s);
	return out;
}

static void assert_ymd(date_t d, int y, int m, int day)
{
	int gy, gm, gd;

	date_to_ymd(d, &gy, &gm, &gd);
	if (gy != y || gm != m || gd != day)
		fail_msg("got %04d-%02d-%02d, want %04d-%02d-%02d", gy, gm, gd,
			 y, m, day);
}

static void test_leap_years(void **state)
{
	(void)state;
	assert_false(date_is_leap(1900));
	assert_true(date_is_leap(2000));
	assert_true(date_is_leap(2024));
	assert_false(date_is_leap(2100));
	assert_false(date_is_leap(2023));
	assert_true(date_is_leap(1600));
	assert_true(date_is_leap(2400));

	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(2023, 2), 28);
	assert_int_equal(date_days_in_month(1900, 2), 28);
	assert_int_equal(date_days_in_month(2000, 2), 29);
	assert_int_equal(date_days_in_month(2024, 1), 31);
	assert_int_equal(date_days_in_month(2024, 4), 30);
	assert_int_equal(date_days_in_month(2024, 12), 31);
	assert_int_equal(date_days_in_month(2024, 0), 0);
	assert_int_equal(date_days_in_month(2024, 13), 0);
}

static void test_which_dates_exist(void **state)
{
	date_t d = 0;

	(void)state;
	assert_int_equal(date_from_ymd(2024, 2, 29, &d), 0);
	assert_int_equal(date_from_ymd(2023, 2, 29, &d), -1);
	assert_int_equal(date_from_ymd(2024, 2, 30, &d), -1);
	assert_int_equal(date_from_ymd(2024, 2, 31, &d), -1);
	assert_int_equal(date_from_ymd(1900, 2, 29, &d), -1);
	assert_int_equal(date_from_ymd(2000, 2, 29, &d), 0);
	assert_int_equal(date_from_ymd(2024, 4, 31, &d), -1);
	assert_int_equal(date_from_ymd(2024, 13, 1, &d), -1);
	assert_int_equal(date_from_ymd(2024, 0, 1, &d), -1);
	assert_int_equal(date_from_ymd(2024, 1, 0, &d), -1);
	assert_int_equal(date_from_ymd(2024, 1, 32, &d), -1);
	assert_int_equal(date_from_ymd(2024, -1, 1, &d), -1);

	/* the supported years are 1800..9999 */
	assert_int_equal(date_from_ymd(1800, 1, 1, &d), 0);
	assert_int_equal(date_from_ymd(1799, 12, 31, &d), -1);
	assert_int_equal(date_from_ymd(9999, 12, 31, &d), 0);
	assert_int_equal(date_from_ymd(10000, 1, 1, &d), -1);
}

static void test_day_numbers(void **state)
{
	(void)state;
	assert_int_equal(ymd(1970, 1, 1), 0);
	assert_int_equal(ymd(1970, 1, 2), 1);
	assert_int_equal(ymd(1969, 12, 31), -1);
	assert_int_equal(ymd(2000, 1, 1), 10957);
	assert_int_equal(ymd(2024, 3, 1) - ymd(2024, 2, 28), 2);
	assert_int_equal(ymd(2023, 3, 1) - ymd(2023, 2, 28), 1);
	assert_int_equal(ymd(2025, 1, 1) - ymd(2024, 1, 1), 366);
	assert_ymd(0, 1970, 1, 1);
	assert_ymd(-1, 1969, 12, 31);
	assert_ymd(10957, 2000, 1, 1);
}

static void test_parse_accepts(void **state)
{
	(void)state;
	assert_int_equal(parsed("2024-02-29"), ymd(2024, 2, 29));
	assert_int_equal(parsed("1970-01-01"), 0);
	assert_int_equal(parsed("1800-01-01"), ymd(1800, 1, 1));
	assert_int_equal(parsed("9999-12-31"), ymd(9999, 12, 31));
}

static void test_parse_rejects(void **state)
{
	static const char *const bad[] = {
		"", "2024-1-01", "2024-01-1", "24-01-01", "2024-01-01x",
		"2024-01-01 ", " 2024-01-01", "2024/01/01", "20240101",
		"2024-01-01T00:00:00Z", "2024-0a-01", "2024-01-0a", "202a-01-01",
		"+024-01-01", "-024-01-01", "2024-+1-01", "2024- 1-01",
		"2024--1-01", "2024-00-10", "2024-13-01", "2024-01-00",
		"2024-01-32", "2023-02-29", "2024-02-30", "2024-02-31",
		"2024-04-31", "1900-02-29", "1799-12-31", "0000-01-01",
		"2024-01-01\n",
	};
	date_t d = 12345;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (date_parse(bad[i], &d) != -1)
			fail_msg("\"%s\" should not parse", bad[i]);
	assert_int_equal(date_parse(NULL, &d), -1);
	assert_int_equal(d, 12345); /* a refused parse leaves *out alone */
}

/* Every day from 1800-01-01 to 9999-12-31: format, parse back, and check
 * that each day follows the one before it on the calendar. */
static void test_round_trip_every_day(void **state)
{
	date_t first = ymd(1800, 1, 1), last = ymd(9999, 12, 31);
	int py = 1799, pm = 12, pd = 31;
	char buf[DATE_STR_LEN];

	(void)state;
	for (date_t d = first; d <= last; d++) {
		int y, m, day;
		date_t back = 0;

		date_format(d, buf);
		assert_int_equal(strlen(buf), 10);
		if (date_parse(buf, &back) != 0 || back != d)
			fail_msg("day %d formats as \"%s\" which does not parse back",
				 (int)d, buf);

		date_to_ymd(d, &y, &m, &day);
		if (day == pd + 1 && m == pm && y == py) {
			/* next day of the same month */
		} else if (day == 1 && pd == date_days_in_month(py, pm) &&
			   ((m == pm + 1 && y == py) ||
			    (m == 1 && pm == 12 && y == py + 1))) {
			/* first of the next month */
		} else {
			fail_msg("%04d-%02d-%02d follows %04d-%02d-%02d", y, m, day,
				 py, pm, pd);
		}
		py = y;
		pm = m;
		pd = day;
	}
	assert_int_equal(py, 9999);
	assert_int_equal(pm, 12);
	assert_int_equal(pd, 31);
}

static void test_format(void **state)
{
	char buf[DATE_STR_LEN];

	(void)state;
	date_format(ymd(2024, 2, 29), buf);
	assert_string_equal(buf, "2024-02-29");
	date_format(0, buf);
	assert_string_equal(buf, "1970-01-01");
	date_format(ymd(1800, 1, 1), buf);
	assert_string_equal(buf, "1800-01-01");
	date_format(ymd(9999, 12, 31), buf);
	assert_string_equal(buf, "9999-12-31");
}

static void test_add_months(void **state)
{
	(void)state;
	assert_int_equal(date_add_months(ymd(2024, 1, 31), 1), ymd(2024, 2, 29));
	assert_int_equal(date_add_months(ymd(2023, 1, 31), 1), ymd(2023, 2, 28));
	assert_int_equal(date_add_months(ymd(2024, 2, 29), 12), ymd(2025, 2, 28));
	assert_int_equal(date_add_months(ymd(2024, 2, 29), 48), ymd(2028, 2, 29));
	assert_int_equal(date_add_months(ymd(2024, 3, 31), 1), ymd(2024, 4, 30));
	assert_int_equal(date_add_months(ymd(2024, 1, 15), 0), ymd(2024, 1, 15));
	assert_int_equal(date_add_months(ymd(2024, 11, 30), 2), ymd(2025, 1, 30));
	assert_int_equal(date_add_months(ymd(2023, 12, 31), 2), ymd(2024, 2, 29));
	assert_int_equal(date_add_months(ymd(2024, 1, 1), 36), ymd(2027, 1, 1));
	/* backwards */
	assert_int_equal(date_add_months(ymd(2024, 3, 31), -1), ymd(2024, 2, 29));
	assert_int_equal(date_add_months(ymd(2024, 1, 15), -1), ymd(2023, 12, 15));
	assert_int_equal(date_add_months(ymd(2024, 1, 31), -13), ymd(2022, 12, 31));
	assert_int_equal(date_add_months(ymd(2024, 5, 31), -3), ymd(2024, 2, 29));
}

static void test_age(void **state)
{
	date_t birth = ymd(2000, 6, 15);

	(void)state;
	assert_int_equal(date_age(birth, birth), 0);
	assert_int_equal(date_age(birth, ymd(2018, 6, 14)), 17);
	assert_int_equal(date_age(birth, ymd(2018, 6, 15)), 18);
	assert_int_equal(date_age(birth, ymd(2018, 6, 16)), 18);
	assert_int_equal(date_age(birth, ymd(2018, 5, 31)), 17);
	assert_int_equal(date_age(birth, ymd(2018, 7, 1)), 18);
	assert_int_equal(date_age(birth, ymd(2001, 6, 14)), 0);
	assert_int_equal(date_age(birth, ymd(2001, 6, 15)), 1);

	/* born on 31 December, asked on 1 January */
	assert_int_equal(date_age(ymd(1990, 12, 31), ymd(2024, 1, 1)), 33);
	assert_int_equal(date_age(ymd(1990, 12, 31), ymd(2024, 12, 30)), 33);
	assert_int_equal(date_age(ymd(1990, 12, 31), ymd(2024, 12, 31)), 34);

	/* born on 29 February: in a common year the new year of age starts
	 * on 1 March */
	date_t leap = ymd(2004, 2, 29);
	assert_int_equal(date_age(leap, ymd(2022, 2, 28)), 17);
	assert_int_equal(date_age(leap, ymd(2022, 3, 1)), 18);
	assert_int_equal(date_age(leap, ymd(2024, 2, 28)), 19);
	assert_int_equal(date_age(leap, ymd(2024, 2, 29)), 20);
}

static void test_weekday(void **state)
{
	(void)state;
	assert_int_equal(date_weekday(ymd(2026, 11, 22)), 6); /* Sunday */
	assert_int_equal(date_weekday(ymd(2026, 11, 23)), 0); /* Monday */
	assert_int_equal(date_weekday(ymd(1970, 1, 1)), 3);   /* Thursday */
	assert_int_equal(date_weekday(ymd(2024, 2, 29)), 3);  /* Thursday */
	assert_int_equal(date_weekday(ymd(2000, 1, 1)), 5);   /* Saturday */
	assert_int_equal(date_weekday(ymd(1969, 12, 31)), 2); /* Wednesday */
	assert_int_equal(date_weekday(ymd(1900, 1, 1)), 0);   /* Monday */
	assert_int_equal(date_weekday(ymd(1800, 1, 1)), 2);   /* Wednesday */

	/* seven days later is the same weekday, one day later the next */
	for (date_t d = ymd(1800, 1, 1); d < ymd(1800, 1, 1) + 1000; d++) {
		assert_int_equal(date_weekday(d + 7), date_weekday(d));
		assert_int_equal(date_weekday(d + 1), (date_weekday(d) + 1) % 7);
		assert_in_range(date_weekday(d), 0, 6);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_which_dates_exist),
		cmocka_unit_test(test_day_numbers),
		cmocka_unit_test(test_parse_accepts),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_round_trip_every_day),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_age),
		cmocka_unit_test(test_weekday),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
