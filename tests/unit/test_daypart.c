/*
 * test_daypart.c - day-part codes, labels, sets, full days, and the
 * comma-separated lists: bad codes, duplicates, and a round trip of sets
 * to text and back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "domain/daypart.h"

/* Parse one code; the message of a failure goes to msg. */
static int parse(const char *code, daypart_set *out, char msg[240])
{
	struct err e;
	err_init(&e);
	int rc = daypart_parse(code, out, &e);
	snprintf(msg, 240, "%s", e.msg);
	if (rc != 0)
		assert_int_equal(e.kind, ERR_INVALID);
	err_release(&e);
	return rc;
}

static int parse_list(const char *text, daypart_set *out, char msg[240])
{
	struct err e;
	err_init(&e);
	int rc = daypart_list_parse(text, out, &e);
	snprintf(msg, 240, "%s", e.msg);
	if (rc != 0)
		assert_int_equal(e.kind, ERR_INVALID);
	err_release(&e);
	return rc;
}

static void test_tables(void **state)
{
	(void)state;
	assert_string_equal(weekday_code(WD_MON), "mon");
	assert_string_equal(weekday_label(WD_MON), "maandag");
	assert_string_equal(weekday_code(WD_SUN), "sun");
	assert_string_equal(weekday_label(WD_SUN), "zondag");
	assert_null(weekday_label(WEEKDAY_COUNT));
	assert_null(weekday_code((enum weekday)-1));
	assert_string_equal(day_part_code(DP_MORNING), "morning");
	assert_string_equal(day_part_label(DP_MORNING), "ochtend");
	assert_string_equal(day_part_label(DP_AFTERNOON), "middag");
	assert_string_equal(day_part_label(DP_EVENING), "avond");
	assert_null(day_part_label(DAY_PART_COUNT));
	assert_int_equal(DAYPART_BITS, WEEKDAY_COUNT * DAY_PART_COUNT);
	assert_int_equal(DAYPART_ALL, 0x1FFFFF);
}

static void test_parse_every_code(void **state)
{
	(void)state;
	char code[DAYPART_CODE_LEN], msg[240];
	for (int bit = 0; bit < DAYPART_BITS; bit++) {
		daypart_set s = 0;
		daypart_code(bit, code);
		assert_int_equal(parse(code, &s, msg), 0);
		assert_int_equal(s, (daypart_set)1u << bit);
	}
	daypart_set s = 0;
	assert_int_equal(parse("tue_morning", &s, msg), 0);
	assert_int_equal(s, DAYPART_BIT(WD_TUE, DP_MORNING));
	assert_int_equal(s, 1u << 3);
	assert_int_equal(parse("sun_evening", &s, msg), 0);
	assert_int_equal(s, 1u << 20);
	daypart_code(0, code);
	assert_string_equal(code, "mon_morning");
	daypart_code(20, code);
	assert_string_equal(code, "sun_evening");
	daypart_code(21, code);
	assert_string_equal(code, "");
	daypart_code(-1, code);
	assert_string_equal(code, "");
}

static void test_bad_codes(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "xyz", "tue", "tue_", "_morning", "tue-morning", "Tue_morning", "tue_Morning",
		"tuesday_morning", "tue_morningx", "tue_morning_", " tue_morning", "tue_night", "mon_morning,",
	};
	char msg[240];
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		daypart_set s = 7;
		assert_int_equal(parse(bad[i], &s, msg), -1);
		assert_int_equal(s, 7); /* left alone */
	}
	daypart_set s;
	assert_int_equal(parse("xyz", &s, msg), -1);
	assert_string_equal(msg, "day-part \"xyz\" is not a day and a part such as \"tue_morning\"");
	assert_int_equal(parse(NULL, &s, msg), -1);
	assert_string_equal(msg, "day-part \"\" is not a day and a part such as \"tue_morning\"");
	/* a long code is quoted in part */
	assert_int_equal(parse("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", &s, msg), -1);
	assert_string_equal(msg, "day-part \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" is not a day and a part "
				 "such as \"tue_morning\"");
}

static void test_labels(void **state)
{
	(void)state;
	char label[DAYPART_LABEL_LEN];
	daypart_label(3, label);
	assert_string_equal(label, "dinsdagochtend");
	daypart_label(0 * 3 + DP_AFTERNOON, label);
	assert_string_equal(label, "maandagmiddag");
	daypart_label(WD_THU * 3 + DP_AFTERNOON, label);
	assert_string_equal(label, "donderdagmiddag");
	daypart_label(20, label);
	assert_string_equal(label, "zondagavond");
	daypart_label(21, label);
	assert_string_equal(label, "");
}

static void test_count_and_days(void **state)
{
	(void)state;
	assert_int_equal(daypart_count(0), 0);
	assert_int_equal(daypart_count(DAYPART_ALL), 21);
	assert_int_equal(daypart_count(0xFFFFFFFFu), 21); /* bits above 20 do not count */
	assert_int_equal(daypart_day(WD_MON), 0x7);
	assert_int_equal(daypart_day(WD_SUN), 0x7u << 18);
	assert_int_equal(daypart_day(WEEKDAY_COUNT), 0);
	daypart_set week = 0;
	for (int d = 0; d < WEEKDAY_COUNT; d++)
		week |= daypart_day((enum weekday)d);
	assert_int_equal(week, DAYPART_ALL);
}

static void test_full_days(void **state)
{
	(void)state;
	daypart_set tue_am = DAYPART_BIT(WD_TUE, DP_MORNING);
	daypart_set tue_pm = DAYPART_BIT(WD_TUE, DP_AFTERNOON);
	daypart_set tue_ev = DAYPART_BIT(WD_TUE, DP_EVENING);
	assert_false(daypart_full_day(tue_am, WD_TUE));
	assert_false(daypart_full_day(tue_pm | tue_ev, WD_TUE)); /* the evening does not make up for the morning */
	assert_true(daypart_full_day(tue_am | tue_pm, WD_TUE));
	assert_false(daypart_full_day(tue_am | tue_pm, WD_WED));
	/* morning of one day and afternoon of the next are no full day */
	assert_false(daypart_full_day(DAYPART_BIT(WD_MON, DP_AFTERNOON) | tue_am, WD_MON));
	assert_int_equal(daypart_full_days(0), 0);
	assert_int_equal(daypart_full_days(tue_am | tue_pm), 1);
	assert_int_equal(daypart_full_days(DAYPART_ALL), 7);
	assert_int_equal(daypart_full_days(daypart_day(WD_MON) | daypart_day(WD_FRI) | tue_am), 2);
	assert_false(daypart_full_day(DAYPART_ALL, WEEKDAY_COUNT));
}

static void test_list_parse(void **state)
{
	(void)state;
	char msg[240];
	daypart_set s = 99;
	assert_int_equal(parse_list("", &s, msg), 0);
	assert_int_equal(s, 0);
	s = 99;
	assert_int_equal(parse_list(NULL, &s, msg), 0);
	assert_int_equal(s, 0);
	assert_int_equal(parse_list("mon_morning,mon_afternoon", &s, msg), 0);
	assert_int_equal(s, 0x3);
	/* order does not matter */
	assert_int_equal(parse_list("sun_evening,mon_morning", &s, msg), 0);
	assert_int_equal(s, (1u << 20) | 1u);

	s = 42;
	assert_int_equal(parse_list("mon_morning,mon_morning", &s, msg), -1);
	assert_string_equal(msg, "day-part \"mon_morning\" is listed twice");
	assert_int_equal(s, 42); /* untouched on error */
	assert_int_equal(parse_list("tue_evening,mon_morning,tue_evening", &s, msg), -1);
	assert_string_equal(msg, "day-part \"tue_evening\" is listed twice");
	assert_int_equal(parse_list("mon_morning,xyz", &s, msg), -1);
	assert_string_equal(msg, "day-part \"xyz\" is not a day and a part such as \"tue_morning\"");
	assert_int_equal(parse_list("mon_morning,,tue_morning", &s, msg), -1);
	assert_string_equal(msg, "day-part \"\" is not a day and a part such as \"tue_morning\"");
	assert_int_equal(parse_list("mon_morning,", &s, msg), -1);
	assert_int_equal(parse_list(",mon_morning", &s, msg), -1);
	assert_int_equal(parse_list("mon_morning, tue_morning", &s, msg), -1);
	assert_string_equal(msg, "day-part \" tue_morning\" is not a day and a part such as \"tue_morning\"");
	assert_int_equal(s, 42);
}

static void test_list_format(void **state)
{
	(void)state;
	char out[DAYPART_LIST_LEN];
	assert_int_equal(daypart_list_format(0, out, sizeof out), 0);
	assert_string_equal(out, "");
	assert_int_equal(daypart_list_format(DAYPART_BIT(WD_TUE, DP_MORNING) | DAYPART_BIT(WD_MON, DP_EVENING), out,
					     sizeof out),
			 (int)strlen("mon_evening,tue_morning"));
	assert_string_equal(out, "mon_evening,tue_morning");
	/* the whole week fits DAYPART_LIST_LEN */
	int n = daypart_list_format(DAYPART_ALL, out, sizeof out);
	assert_true(n > 0);
	assert_int_equal((size_t)n, strlen(out));
	assert_true((size_t)n < sizeof out);
	assert_int_equal(strncmp(out, "mon_morning,mon_afternoon,mon_evening,tue_morning", 49), 0);
	/* bits above 20 are ignored */
	assert_int_equal(daypart_list_format(0xFFE00001u, out, sizeof out), 11);
	assert_string_equal(out, "mon_morning");
	/* exactly fitting, and one byte short */
	char small[12];
	assert_int_equal(daypart_list_format(1u, small, sizeof small), 11);
	assert_string_equal(small, "mon_morning");
	assert_int_equal(daypart_list_format(1u, small, 11), -1);
	assert_string_equal(small, "");
	assert_int_equal(daypart_list_format(3u, small, sizeof small), -1);
	assert_string_equal(small, "");
	assert_int_equal(daypart_list_format(0, small, 0), -1);
}

static void test_round_trip(void **state)
{
	(void)state;
	static const daypart_set sets[] = {
		0, 1, DAYPART_ALL, 0x155555, 0x0AAAAA, DAYPART_BIT(WD_SUN, DP_EVENING),
		DAYPART_BIT(WD_TUE, DP_MORNING) | DAYPART_BIT(WD_TUE, DP_AFTERNOON) | DAYPART_BIT(WD_FRI, DP_EVENING),
	};
	char text[DAYPART_LIST_LEN], msg[240], again[DAYPART_LIST_LEN];
	for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
		daypart_set back = 0;
		assert_true(daypart_list_format(sets[i], text, sizeof text) >= 0);
		assert_int_equal(parse_list(text, &back, msg), 0);
		assert_int_equal(back, sets[i]);
		assert_true(daypart_list_format(back, again, sizeof again) >= 0);
		assert_string_equal(again, text);
	}
	/* text in another order comes back in week order */
	daypart_set s;
	assert_int_equal(parse_list("fri_evening,tue_afternoon,tue_morning", &s, msg), 0);
	assert_int_equal(daypart_list_format(s, text, sizeof text), (int)strlen(text));
	assert_string_equal(text, "tue_morning,tue_afternoon,fri_evening");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_parse_every_code),
		cmocka_unit_test(test_bad_codes),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_count_and_days),
		cmocka_unit_test(test_full_days),
		cmocka_unit_test(test_list_parse),
		cmocka_unit_test(test_list_format),
		cmocka_unit_test(test_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
