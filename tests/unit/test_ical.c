/*
 * test_ical.c - iCalendar output: TEXT escaping, folding at 75 octets
 * (never inside a UTF-8 sequence or an escape pair), CRLF line ends, the
 * calendar head and time zone, weekly events with UNTIL and EXDATEs,
 * one-off events, broken events, and the Amsterdam UTC offset around both
 * summer-time switches.
 *
 * `test_ical --sample FILE` writes a sample calendar to FILE and the
 * values an independent parser should read back to FILE.json, instead of
 * running the tests; CTest then runs tests/unit/ical_check.py on them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/ical.h"

static date_t ymd(int y, int m, int d)
{
	date_t out = 0;
	assert_int_equal(date_from_ymd(y, m, d, &out), 0);
	return out;
}

/* Check the physical lines of text: each ends in CRLF, holds at most 75
 * octets, has no other CR or LF, and is valid UTF-8 on its own (so no
 * fold split a character). Returns the number of lines. */
static int check_lines(const char *text)
{
	int lines = 0;
	const char *p = text;
	while (*p) {
		const char *eol = strstr(p, "\r\n");
		assert_non_null(eol);
		size_t n = (size_t)(eol - p);
		assert_true(n <= 75);
		assert_null(memchr(p, '\n', n));
		assert_null(memchr(p, '\r', n));
		/* whole UTF-8 sequences only */
		for (size_t i = 0; i < n;) {
			unsigned char c = (unsigned char)p[i];
			size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
			assert_true((c & 0xC0) != 0x80);
			assert_true(i + len <= n);
			for (size_t k = 1; k < len; k++)
				assert_true(((unsigned char)p[i + k] & 0xC0) == 0x80);
			i += len;
		}
		lines++;
		p = eol + 2;
	}
	return lines;
}

/* Undo folding: drop every CRLF followed by a space, into out. */
static void unfold(const char *text, struct buf *out)
{
	buf_reset(out);
	for (const char *p = text; *p; p++) {
		if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
			p += 2;
			continue;
		}
		buf_putc(out, *p);
	}
}

/* True when the unfolded text holds `line` as a whole line. */
static bool has_line(const char *text, const char *line)
{
	struct buf u;
	buf_init(&u, 0);
	unfold(text, &u);
	size_t n = strlen(line);
	bool found = false;
	for (const char *p = u.data; p && (p = strstr(p, line)) != NULL; p += n) {
		bool at_start = p == u.data || p[-1] == '\n';
		if (at_start && strncmp(p + n, "\r\n", 2) == 0) {
			found = true;
			break;
		}
	}
	buf_release(&u);
	return found;
}

static int count_substr(const char *text, const char *s)
{
	int n = 0;
	for (const char *p = text; (p = strstr(p, s)) != NULL; p += strlen(s))
		n++;
	return n;
}

/* ---- escaping ---- */

static void expect_escape(const char *in, const char *want)
{
	struct buf b;
	buf_init(&b, 0);
	ical_escape(&b, in);
	assert_false(b.failed);
	assert_string_equal(b.data ? b.data : "", want);
	buf_release(&b);
}

static void test_escape(void **state)
{
	(void)state;
	expect_escape("plain text", "plain text");
	expect_escape("a\\b", "a\\\\b");
	expect_escape("a;b", "a\\;b");
	expect_escape("a,b", "a\\,b");
	expect_escape("a\nb", "a\\nb");
	expect_escape("a\r\nb", "a\\nb");
	expect_escape("a\rb", "ab");
	expect_escape("tab\there", "tab\there");
	expect_escape("bell\a", "bell");
	expect_escape("colon: \"quoted\"", "colon: \"quoted\"");
	expect_escape("\\;,\n", "\\\\\\;\\,\\n");
	expect_escape("الثلاثاء, ሰሉስ", "الثلاثاء\\, ሰሉስ");
	expect_escape("", "");
	expect_escape(NULL, "");
}

/* ---- folding ---- */

/* "X:" and then value octets up to `total` octets in one logical line. */
static void line_of(struct buf *b, size_t total)
{
	char value[400];
	assert_true(total >= 2 && total - 2 < sizeof value);
	for (size_t i = 0; i < total - 2; i++)
		value[i] = (char)('a' + i % 26);
	value[total - 2] = '\0';
	buf_reset(b);
	ical_line(b, "X", value);
}

static void test_fold_lengths(void **state)
{
	(void)state;
	struct buf b, u;
	buf_init(&b, 0);
	buf_init(&u, 0);

	line_of(&b, 74);
	assert_int_equal(check_lines(b.data), 1);
	assert_int_equal(b.len, 74 + 2);

	line_of(&b, 75);
	assert_int_equal(check_lines(b.data), 1);
	assert_int_equal(b.len, 75 + 2);

	line_of(&b, 76);
	assert_int_equal(check_lines(b.data), 2);
	assert_int_equal(b.len, 75 + 2 + 2 + 2);
	assert_memory_equal(b.data + 75, "\r\n v\r\n", 6);

	/* a continuation line holds a space and 74 octets */
	line_of(&b, 75 + 74);
	assert_int_equal(check_lines(b.data), 2);
	assert_int_equal(b.len, 75 + 2 + 75 + 2);
	line_of(&b, 75 + 75);
	assert_int_equal(check_lines(b.data), 3);

	/* unfolding gives back the line */
	line_of(&b, 300);
	check_lines(b.data);
	unfold(b.data, &u);
	assert_int_equal(u.len, 300 + 2);
	assert_memory_equal(u.data, "X:abc", 5);

	buf_release(&u);
	buf_release(&b);
}

static void test_fold_utf8(void **state)
{
	(void)state;
	/* 2-octet Arabic letters and 3-octet Ge'ez syllables at every
	 * alignment against the 75-octet boundary */
	const char *words[] = { "الثلاثاء ", "ሰሉስ ", "😀" };
	struct buf b, u, text;
	buf_init(&b, 0);
	buf_init(&u, 0);
	buf_init(&text, 0);
	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
		for (int shift = 0; shift < 5; shift++) {
			buf_reset(&text);
			for (int i = 0; i < shift; i++)
				buf_putc(&text, 'x');
			for (int i = 0; i < 30; i++)
				buf_puts(&text, words[w]);
			buf_reset(&b);
			ical_line(&b, "SUMMARY", text.data);
			int n = check_lines(b.data);
			assert_true(n >= 2);
			unfold(b.data, &u);
			/* (the line ends in CRLF; compare without it) */
			assert_int_equal(u.len, strlen("SUMMARY:") + text.len + 2);
			assert_memory_equal(u.data + strlen("SUMMARY:"), text.data, text.len);
		}
	}
	buf_release(&text);
	buf_release(&u);
	buf_release(&b);
}

static void test_fold_keeps_escapes(void **state)
{
	(void)state;
	/* "SUMMARY:" is 8 octets; 66 letters bring the line to 74, so the
	 * escaped comma would straddle the boundary and goes whole to the
	 * next line */
	char text[80];
	memset(text, 'a', 66);
	text[66] = ',';
	text[67] = 'b';
	text[68] = '\0';
	struct buf b;
	buf_init(&b, 0);
	struct ical_event ev = {
		.uid = "u1@meedoen", .stamp = { ymd(2026, 1, 1), 0 }, .date = ymd(2026, 1, 6),
		.start_min = 540, .end_min = 600, .summary = text,
	};
	ical_event(&b, &ev);
	assert_false(b.failed);
	check_lines(b.data);
	assert_non_null(strstr(b.data, "aaaa\r\n \\,b\r\n"));
	assert_true(has_line(b.data, "SUMMARY:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\,b"));

	/* same for an already escaped value through ical_line */
	buf_reset(&b);
	char value[80];
	memset(value, 'a', 72);
	value[72] = '\\';
	value[73] = ';';
	value[74] = '\0';
	ical_line(&b, "X", value); /* "X:" + 72 = 74, pair would end at 76 */
	check_lines(b.data);
	assert_non_null(strstr(b.data, "a\r\n \\;\r\n"));
	buf_release(&b);
}

static void test_line_drops_line_breaks(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	ical_line(&b, "X-NOTE", "one\r\nATTENDEE:mailto:x@example.org");
	assert_string_equal(b.data, "X-NOTE:oneATTENDEE:mailto:x@example.org\r\n");
	buf_release(&b);
}

/* ---- calendar ---- */

static void test_calendar_head(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	ical_begin(&b, "Weekplanning A; B, C\\D");
	ical_end(&b);
	assert_false(b.failed);
	check_lines(b.data);
	const char *want =
		"BEGIN:VCALENDAR\r\n"
		"VERSION:2.0\r\n"
		"PRODID:-//meedoen//weekplanning//NL\r\n"
		"CALSCALE:GREGORIAN\r\n"
		"METHOD:PUBLISH\r\n"
		"X-WR-CALNAME:Weekplanning A\\; B\\, C\\\\D\r\n"
		"X-WR-TIMEZONE:Europe/Amsterdam\r\n"
		"BEGIN:VTIMEZONE\r\n"
		"TZID:Europe/Amsterdam\r\n"
		"BEGIN:DAYLIGHT\r\n"
		"TZOFFSETFROM:+0100\r\n"
		"TZOFFSETTO:+0200\r\n"
		"TZNAME:CEST\r\n"
		"DTSTART:19700329T020000\r\n"
		"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
		"END:DAYLIGHT\r\n"
		"BEGIN:STANDARD\r\n"
		"TZOFFSETFROM:+0200\r\n"
		"TZOFFSETTO:+0100\r\n"
		"TZNAME:CET\r\n"
		"DTSTART:19701025T030000\r\n"
		"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
		"END:STANDARD\r\n"
		"END:VTIMEZONE\r\n"
		"END:VCALENDAR\r\n";
	assert_string_equal(b.data, want);
	buf_release(&b);
}

static void test_weekly_until_exdates(void **state)
{
	(void)state;
	/* Tuesdays 09:00-12:30 from 3 March 2026 until Sunday 1 November:
	 * the last occurrence is Tuesday 27 October (winter time again) */
	date_t ex[] = {
		ymd(2026, 4, 7),  /* a Tuesday in summer time: kept */
		ymd(2026, 3, 3),  /* the first day: kept */
		ymd(2026, 5, 6),  /* a Wednesday: not an occurrence, left out */
		ymd(2026, 2, 24), /* before the first day: left out */
		ymd(2026, 11, 3), /* after the last occurrence: left out */
		ymd(2026, 4, 7),  /* a duplicate: written once */
		ymd(2026, 10, 27), /* the last occurrence: kept */
	};
	struct ical_event ev = {
		.uid = "entry-12-tue-morning@meedoen",
		.stamp = { ymd(2026, 2, 20), 14 * 3600 + 5 * 60 + 9 },
		.date = ymd(2026, 3, 3),
		.start_min = 9 * 60,
		.end_min = 12 * 60 + 30,
		.weekly = true,
		.has_until = true,
		.until = ymd(2026, 11, 1),
		.exdates = ex,
		.nexdates = sizeof ex / sizeof ex[0],
		.summary = "Taalles NT2; groep A, niveau B1",
		.location = "ROC, lokaal 3",
		.description = "Neem je boek mee\nen een pen",
		.category = "EDUCATION",
	};
	struct buf b;
	buf_init(&b, 0);
	ical_event(&b, &ev);
	assert_false(b.failed);
	check_lines(b.data);
	assert_memory_equal(b.data, "BEGIN:VEVENT\r\n", 14);
	assert_true(has_line(b.data, "UID:entry-12-tue-morning@meedoen"));
	assert_true(has_line(b.data, "DTSTAMP:20260220T140509Z"));
	assert_true(has_line(b.data, "DTSTART;TZID=Europe/Amsterdam:20260303T090000"));
	assert_true(has_line(b.data, "DTEND;TZID=Europe/Amsterdam:20260303T123000"));
	assert_true(has_line(b.data, "RRULE:FREQ=WEEKLY;UNTIL=20261027T080000Z"));
	assert_true(has_line(b.data, "EXDATE;TZID=Europe/Amsterdam:20260407T090000"));
	assert_true(has_line(b.data, "EXDATE;TZID=Europe/Amsterdam:20260303T090000"));
	assert_true(has_line(b.data, "EXDATE;TZID=Europe/Amsterdam:20261027T090000"));
	assert_int_equal(count_substr(b.data, "EXDATE"), 3);
	assert_true(has_line(b.data, "SUMMARY:Taalles NT2\\; groep A\\, niveau B1"));
	assert_true(has_line(b.data, "LOCATION:ROC\\, lokaal 3"));
	assert_true(has_line(b.data, "DESCRIPTION:Neem je boek mee\\nen een pen"));
	assert_true(has_line(b.data, "CATEGORIES:EDUCATION"));
	assert_true(strlen(b.data) >= 12);
	assert_string_equal(b.data + b.len - 12, "END:VEVENT\r\n");

	/* until on the weekday itself: that day is the last occurrence */
	buf_reset(&b);
	ev.until = ymd(2026, 10, 27);
	ev.nexdates = 0;
	ical_event(&b, &ev);
	assert_true(has_line(b.data, "RRULE:FREQ=WEEKLY;UNTIL=20261027T080000Z"));
	/* until on the first day: one occurrence */
	buf_reset(&b);
	ev.until = ev.date;
	ical_event(&b, &ev);
	assert_true(has_line(b.data, "RRULE:FREQ=WEEKLY;UNTIL=20260303T080000Z"));
	/* no until: open-ended, and no exdates written when there are none */
	buf_reset(&b);
	ev.has_until = false;
	ical_event(&b, &ev);
	assert_true(has_line(b.data, "RRULE:FREQ=WEEKLY"));
	assert_null(strstr(b.data, "EXDATE"));
	assert_null(strstr(b.data, "UNTIL"));
	buf_release(&b);
}

static void test_until_winter_and_summer(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	struct ical_event ev = {
		.uid = "u@meedoen", .stamp = { ymd(2026, 1, 1), 0 }, .date = ymd(2026, 1, 5),
		.start_min = 13 * 60, .end_min = 17 * 60, .weekly = true, .has_until = true,
		.summary = "Werk",
	};
	/* summer: Monday 29 June 13:00 CEST = 11:00 UTC */
	ev.until = ymd(2026, 6, 30);
	ical_event(&b, &ev);
	assert_true(has_line(b.data, "RRULE:FREQ=WEEKLY;UNTIL=20260629T110000Z"));
	/* winter: Monday 14 December 13:00 CET = 12:00 UTC */
	buf_reset(&b);
	ev.until = ymd(2026, 12, 20);
	ical_event(&b, &ev);
	assert_true(has_line(b.data, "RRULE:FREQ=WEEKLY;UNTIL=20261214T120000Z"));
	/* an early start crosses midnight back into the day before in UTC:
	 * Monday 6 April 2026 00:30 CEST = Sunday 5 April 22:30 UTC */
	buf_reset(&b);
	ev.start_min = 30;
	ev.end_min = 90;
	ev.until = ymd(2026, 4, 8);
	ical_event(&b, &ev);
	assert_true(has_line(b.data, "RRULE:FREQ=WEEKLY;UNTIL=20260405T223000Z"));
	/* last occurrence on the day summer time starts, before and after
	 * the switch (Sundays) */
	buf_reset(&b);
	ev.date = ymd(2026, 3, 1);
	ev.until = ymd(2026, 3, 29);
	ev.start_min = 60;
	ev.end_min = 100;
	ical_event(&b, &ev);
	assert_true(has_line(b.data, "RRULE:FREQ=WEEKLY;UNTIL=20260329T000000Z"));
	buf_reset(&b);
	ev.start_min = 600;
	ev.end_min = 660;
	ical_event(&b, &ev);
	assert_true(has_line(b.data, "RRULE:FREQ=WEEKLY;UNTIL=20260329T080000Z"));
	buf_release(&b);
}

static void test_one_off(void **state)
{
	(void)state;
	date_t ex[] = { ymd(2026, 10, 25) };
	struct ical_event ev = {
		.uid = "appointment-7@meedoen",
		.stamp = { ymd(2026, 10, 1), 86399 },
		.date = ymd(2026, 10, 25),
		.start_min = 18 * 60 + 30,
		.end_min = 1440,
		.exdates = ex,
		.nexdates = 1, /* ignored: not weekly */
		.summary = "Intake",
	};
	struct buf b;
	buf_init(&b, 0);
	ical_event(&b, &ev);
	assert_false(b.failed);
	check_lines(b.data);
	assert_true(has_line(b.data, "DTSTAMP:20261001T235959Z"));
	assert_true(has_line(b.data, "DTSTART;TZID=Europe/Amsterdam:20261025T183000"));
	assert_true(has_line(b.data, "DTEND;TZID=Europe/Amsterdam:20261026T000000"));
	assert_true(has_line(b.data, "SUMMARY:Intake"));
	assert_null(strstr(b.data, "RRULE"));
	assert_null(strstr(b.data, "EXDATE"));
	assert_null(strstr(b.data, "LOCATION"));
	assert_null(strstr(b.data, "DESCRIPTION"));
	assert_null(strstr(b.data, "CATEGORIES"));
	/* year end: 24:00 on 31 December is 1 January */
	buf_reset(&b);
	ev.date = ymd(2026, 12, 31);
	ical_event(&b, &ev);
	assert_true(has_line(b.data, "DTEND;TZID=Europe/Amsterdam:20270101T000000"));
	buf_release(&b);
}

static void test_bad_events(void **state)
{
	(void)state;
	const struct ical_event good = {
		.uid = "u@meedoen", .stamp = { ymd(2026, 1, 1), 0 }, .date = ymd(2026, 1, 5),
		.start_min = 540, .end_min = 600, .weekly = true, .has_until = true,
		.until = ymd(2026, 2, 1), .summary = "Werk",
	};
	struct ical_event bad[8];
	for (size_t i = 0; i < 8; i++)
		bad[i] = good;
	bad[0].uid = NULL;
	bad[1].summary = NULL;
	bad[2].end_min = bad[2].start_min;
	bad[3].end_min = 1441;
	bad[4].start_min = -1;
	bad[5].until = ymd(2026, 1, 4); /* before the first day */
	bad[6].stamp.seconds = 86400;
	bad[7].nexdates = 2; /* and no list */
	struct buf b;
	buf_init(&b, 0);
	ical_event(&b, &good);
	assert_false(b.failed);
	for (size_t i = 0; i < 8; i++) {
		buf_reset(&b);
		b.failed = false;
		ical_event(&b, &bad[i]);
		assert_true(b.failed);
		assert_int_equal(b.len, 0);
	}
	buf_release(&b);
}

static void test_whole_calendar_crlf(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	ical_begin(&b, "Rooster van الثلاثاء ሰሉስ\r\nmet een heel lange naam die gevouwen moet worden, echt waar");
	struct ical_event ev = {
		.uid = "a@meedoen", .stamp = { ymd(2026, 1, 1), 0 }, .date = ymd(2026, 1, 6),
		.start_min = 540, .end_min = 600, .weekly = true,
		.summary = "الثلاثاء ሰሉስ الثلاثاء ሰሉስ الثلاثاء ሰሉስ الثلاثاء ሰሉስ الثلاثاء ሰሉስ\n;,\\",
		.location = "Stationsplein 1\r\n3511 ED Utrecht",
	};
	ical_event(&b, &ev);
	ical_end(&b);
	assert_false(b.failed);
	int n = check_lines(b.data);
	assert_true(n > 30);
	/* CR only before LF, LF only after CR */
	for (size_t i = 0; i < b.len; i++) {
		if (b.data[i] == '\r')
			assert_int_equal(b.data[i + 1], '\n');
		if (b.data[i] == '\n')
			assert_true(i > 0 && b.data[i - 1] == '\r');
	}
	assert_true(has_line(b.data, "LOCATION:Stationsplein 1\\n3511 ED Utrecht"));
	buf_release(&b);
}

/* ---- the offset ---- */

static void test_offset(void **state)
{
	(void)state;
	/* 2026: summer time from Sunday 29 March to Sunday 25 October */
	assert_int_equal(ical_amsterdam_offset(ymd(2026, 1, 15), 720), 60);
	assert_int_equal(ical_amsterdam_offset(ymd(2026, 7, 15), 720), 120);
	assert_int_equal(ical_amsterdam_offset(ymd(2026, 3, 28), 1439), 60);
	assert_int_equal(ical_amsterdam_offset(ymd(2026, 3, 29), 0), 60);
	assert_int_equal(ical_amsterdam_offset(ymd(2026, 3, 29), 119), 60);
	assert_int_equal(ical_amsterdam_offset(ymd(2026, 3, 29), 120), 120);
	assert_int_equal(ical_amsterdam_offset(ymd(2026, 3, 29), 180), 120);
	assert_int_equal(ical_amsterdam_offset(ymd(2026, 3, 30), 0), 120);
	assert_int_equal(ical_amsterdam_offset(ymd(2026, 10, 24), 1439), 120);
	assert_int_equal(ical_amsterdam_offset(ymd(2026, 10, 25), 0), 120);
	assert_int_equal(ical_amsterdam_offset(ymd(2026, 10, 25), 179), 120);
	assert_int_equal(ical_amsterdam_offset(ymd(2026, 10, 25), 180), 60);
	assert_int_equal(ical_amsterdam_offset(ymd(2026, 10, 26), 0), 60);
	/* a Sunday a week earlier is no switch */
	assert_int_equal(ical_amsterdam_offset(ymd(2026, 3, 22), 720), 60);
	assert_int_equal(ical_amsterdam_offset(ymd(2026, 10, 18), 720), 120);
	/* other years: the last Sunday moves */
	assert_int_equal(ical_amsterdam_offset(ymd(2025, 3, 30), 119), 60);
	assert_int_equal(ical_amsterdam_offset(ymd(2025, 3, 30), 120), 120);
	assert_int_equal(ical_amsterdam_offset(ymd(2025, 10, 26), 179), 120);
	assert_int_equal(ical_amsterdam_offset(ymd(2025, 10, 26), 180), 60);
	assert_int_equal(ical_amsterdam_offset(ymd(2027, 3, 28), 120), 120);
	assert_int_equal(ical_amsterdam_offset(ymd(2027, 3, 27), 720), 60);
	assert_int_equal(ical_amsterdam_offset(ymd(2027, 10, 31), 179), 120);
	assert_int_equal(ical_amsterdam_offset(ymd(2027, 10, 31), 180), 60);
	/* March 31st itself a Sunday (2024) */
	assert_int_equal(ical_amsterdam_offset(ymd(2024, 3, 31), 120), 120);
	assert_int_equal(ical_amsterdam_offset(ymd(2024, 3, 30), 720), 60);
}

/* ---- the sample for ical_check.py ---- */

static date_t sample_ex[] = { 0, 0, 0, 0 };

#define SAMPLE_SUMMARY "Taalles NT2; groep A, niveau \\ B1\nالثلاثاء en ሰሉስ"
#define SAMPLE_LOCATION "ROC Midden, lokaal 3; Stationsplein 1"
#define SAMPLE_LONG \
	"الثلاثاء ሰሉስ الثلاثاء ሰሉስ — werkervaringsplek bij de gemeente, " \
	"afdeling groen; met een heel lange omschrijving die zeker gevouwen wordt"

/* Write the sample calendar and its expectations (FILE and FILE.json).
 * Returns 0 or 1. */
static int write_sample(const char *path)
{
	struct buf b;
	buf_init(&b, 0);
	ical_begin(&b, "Weekplanning Amal; test, \\ ሰሉስ");
	struct ical_utc stamp = { ymd(2026, 2, 20), 14 * 3600 };

	sample_ex[0] = ymd(2026, 4, 7);  /* Tuesday, summer */
	sample_ex[1] = ymd(2026, 3, 3);  /* the first day */
	sample_ex[2] = ymd(2026, 5, 6);  /* Wednesday: filtered */
	sample_ex[3] = ymd(2026, 12, 1); /* after until: filtered */
	struct ical_event events[] = {
		{ .uid = "entry-12-tue-morning@meedoen", .stamp = stamp, .date = ymd(2026, 3, 3),
		  .start_min = 540, .end_min = 750, .weekly = true, .has_until = true,
		  .until = ymd(2026, 11, 1), .exdates = sample_ex, .nexdates = 4,
		  .summary = SAMPLE_SUMMARY, .location = SAMPLE_LOCATION,
		  .description = "Neem je boek mee", .category = "EDUCATION" },
		{ .uid = "entry-13-mon-afternoon@meedoen", .stamp = stamp, .date = ymd(2026, 1, 5),
		  .start_min = 780, .end_min = 1020, .weekly = true, .has_until = true,
		  .until = ymd(2026, 6, 30), .summary = SAMPLE_LONG, .category = "WORK" },
		{ .uid = "appointment-7@meedoen", .stamp = stamp, .date = ymd(2026, 10, 25),
		  .start_min = 1110, .end_min = 1440, .summary = "Intake, gesprek; coach" },
		{ .uid = "entry-14-fri-evening@meedoen", .stamp = stamp, .date = ymd(2026, 1, 9),
		  .start_min = 1110, .end_min = 1290, .weekly = true, .summary = "Sport" },
	};
	for (size_t i = 0; i < sizeof events / sizeof events[0]; i++)
		ical_event(&b, &events[i]);
	ical_end(&b);
	if (b.failed) {
		buf_release(&b);
		return 1;
	}

	json_t *exp = json_pack(
		"{s:s, s:{"
		"s:{s:s, s:s, s:s, s:s, s:i, s:[s,s]},"
		"s:{s:s, s:s, s:s, s:i},"
		"s:{s:s, s:s, s:s, s:i},"
		"s:{s:s, s:s, s:n}"
		"}}",
		"calname", "Weekplanning Amal; test, \\ ሰሉስ", "events",
		"entry-12-tue-morning@meedoen", "summary", SAMPLE_SUMMARY, "location", SAMPLE_LOCATION,
		"first", "2026-03-10T09:00:00", "last", "2026-10-27T09:00:00", "count", 33,
		"excluded", "2026-03-03T09:00:00", "2026-04-07T09:00:00",
		"entry-13-mon-afternoon@meedoen", "summary", SAMPLE_LONG,
		"first", "2026-01-05T13:00:00", "last", "2026-06-29T13:00:00", "count", 26,
		"appointment-7@meedoen", "summary", "Intake, gesprek; coach",
		"first", "2026-10-25T18:30:00", "last", "2026-10-25T18:30:00", "count", 1,
		"entry-14-fri-evening@meedoen", "summary", "Sport", "first", "2026-01-09T18:30:00",
		"last");
	if (!exp) {
		buf_release(&b);
		return 1;
	}

	struct buf jpath;
	buf_init(&jpath, 0);
	buf_printf(&jpath, "%s.json", path);
	int rc = 1;
	FILE *f = fopen(path, "wb");
	if (!f)
		goto out;
	size_t wrote = fwrite(b.data, 1, b.len, f);
	if (fclose(f) != 0 || wrote != b.len)
		goto out;
	if (json_dump_file(exp, jpath.data, JSON_INDENT(2)) != 0)
		goto out;
	rc = 0;
out:
	if (rc)
		fprintf(stderr, "test_ical: cannot write %s or %s\n", path, jpath.data);
	json_decref(exp);
	buf_release(&jpath);
	buf_release(&b);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--sample") == 0)
		return write_sample(argv[2]);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_fold_lengths),
		cmocka_unit_test(test_fold_utf8),
		cmocka_unit_test(test_fold_keeps_escapes),
		cmocka_unit_test(test_line_drops_line_breaks),
		cmocka_unit_test(test_calendar_head),
		cmocka_unit_test(test_weekly_until_exdates),
		cmocka_unit_test(test_until_winter_and_summer),
		cmocka_unit_test(test_one_off),
		cmocka_unit_test(test_bad_events),
		cmocka_unit_test(test_whole_calendar_crlf),
		cmocka_unit_test(test_offset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
