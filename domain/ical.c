/*
 * ical.c - writing iCalendar (RFC 5545) for week plans (see ical.h).
 *
 * Every content line goes through one small folding writer: it appends
 * "units" (one UTF-8 sequence, or one escape pair such as "\,") and starts
 * a continuation line (CRLF and one space) before a unit that would take
 * the physical line past 75 octets. A unit is never split, so a fold never
 * lands inside a multibyte character or between a backslash and the
 * character it escapes. TEXT values are escaped while they stream through
 * the same writer, so no temporary copy is made.
 *
 * Times: events are written in local Amsterdam time with TZID; only the
 * RRULE's UNTIL is in UTC, computed with ical_amsterdam_offset on the day
 * of the last occurrence, so that the last occurrence is included.
 *
 * Broken input (no uid or summary, minutes out of range, a weekly event
 * whose until lies before its first day) writes nothing for that event and
 * sets the buf's sticky `failed` flag: the caller checks once at the end.
 */
#include "ical.h"

#include <string.h>

#define ICAL_LINE_MAX 75 /* octets per physical line, CRLF excluded */
#define ICAL_TZID "Europe/Amsterdam"

/* A content line being written: the buf and the octets on the current
 * physical line. */
struct fold {
	struct buf *b;
	size_t col;
};

/* Append one unit of n octets, folding first if it would not fit. */
static void fold_unit(struct fold *f, const char *p, size_t n)
{
	if (f->col + n > ICAL_LINE_MAX && f->col > 1) {
		buf_puts(f->b, "\r\n ");
		f->col = 1;
	}
	buf_append(f->b, p, n);
	f->col += n;
}

/* Octets in the UTF-8 unit starting at s: the lead byte and the
 * continuation bytes that follow it (at most 3). A stray continuation
 * byte or invalid lead is a unit of its own. */
static size_t utf8_unit_len(const unsigned char *s)
{
	size_t want;
	if (s[0] < 0x80)
		return 1;
	else if ((s[0] & 0xE0) == 0xC0)
		want = 2;
	else if ((s[0] & 0xF0) == 0xE0)
		want = 3;
	else if ((s[0] & 0xF8) == 0xF0)
		want = 4;
	else
		return 1;
	size_t n = 1;
	while (n < want && (s[n] & 0xC0) == 0x80)
		n++;
	return n;
}

/* Append raw text (a property name, parameters, an already escaped or
 * structured value). CR and LF are dropped: they would end the content
 * line and let a value inject properties. A backslash and the byte after
 * it stay together. */
static void fold_raw(struct fold *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t n;
		if (*p == '\r' || *p == '\n') {
			p++;
			continue;
		}
		if (*p == '\\' && p[1] != '\0' && p[1] < 0x80 && p[1] != '\r' && p[1] != '\n')
			n = 2;
		else
			n = utf8_unit_len(p);
		fold_unit(f, (const char *)p, n);
		p += n;
	}
}

/* The escaped form of an ASCII byte in a TEXT value: NULL when the byte
 * stands for itself, "" when it is dropped. */
static const char *escape_of(unsigned char c)
{
	switch (c) {
	case '\\': return "\\\\";
	case ';': return "\\;";
	case ',': return "\\,";
	case '\n': return "\\n";
	case '\t': return NULL;
	default: break;
	}
	/* CR and the other control characters (RFC 5545 TEXT excludes CTLs
	 * but HTAB) are dropped. */
	if (c < 0x20 || c == 0x7F)
		return "";
	return NULL;
}

/* Append text escaped as TEXT, folding as it goes. */
static void fold_text(struct fold *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		const char *esc = escape_of(*p);
		if (esc) {
			if (*esc)
				fold_unit(f, esc, strlen(esc));
			p++;
			continue;
		}
		size_t n = utf8_unit_len(p);
		fold_unit(f, (const char *)p, n);
		p += n;
	}
}

static void fold_start(struct fold *f, struct buf *b, const char *name)
{
	f->b = b;
	f->col = 0;
	fold_raw(f, name);
	fold_unit(f, ":", 1);
}

static void fold_finish(struct fold *f)
{
	buf_puts(f->b, "\r\n");
}

void ical_line(struct buf *b, const char *name, const char *value)
{
	struct fold f;
	fold_start(&f, b, name);
	fold_raw(&f, value ? value : "");
	fold_finish(&f);
}

/* Write "name:value" with value escaped as TEXT. */
static void text_line(struct buf *b, const char *name, const char *text)
{
	struct fold f;
	fold_start(&f, b, name);
	fold_text(&f, text ? text : "");
	fold_finish(&f);
}

void ical_escape(struct buf *b, const char *text)
{
	const unsigned char *p = (const unsigned char *)(text ? text : "");
	for (; *p; p++) {
		const char *esc = escape_of(*p);
		if (esc)
			buf_puts(b, esc);
		else
			buf_putc(b, (char)*p);
	}
}

/* ---- time ---- */

/* The last Sunday of month m (3 or 10) of year y. */
static date_t last_sunday(int y, int m)
{
	date_t d = 0;
	(void)date_from_ymd(y, m, date_days_in_month(y, m), &d);
	return d - (date_weekday(d) + 1) % 7;
}

int ical_amsterdam_offset(date_t d, int minutes)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	date_t start = last_sunday(y, 3), end = last_sunday(y, 10);
	/* Summer time runs 01:00 UTC to 01:00 UTC: 02:00 local in winter
	 * time on the March day, 03:00 local in summer time in October. */
	bool after_start = d > start || (d == start && minutes >= 2 * 60);
	bool before_end = d < end || (d == end && minutes < 3 * 60);
	return after_start && before_end ? 120 : 60;
}

/* Write a local date and time as "YYYYMMDDTHHMMSS"; minutes may reach or
 * pass 1440 (24:00 is 00:00 on the next day). */
static void put_local(struct buf *b, date_t d, int minutes)
{
	int y, m, day;
	d += minutes / 1440;
	minutes %= 1440;
	date_to_ymd(d, &y, &m, &day);
	buf_printf(b, "%04d%02d%02dT%02d%02d00", y, m, day, minutes / 60, minutes % 60);
}

/* Write a UTC instant as "YYYYMMDDTHHMMSSZ". */
static void put_utc(struct buf *b, date_t d, int seconds)
{
	int y, m, day;
	if (seconds < 0) {
		int back = (-seconds + 86399) / 86400;
		d -= back;
		seconds += back * 86400;
	}
	d += seconds / 86400;
	seconds %= 86400;
	date_to_ymd(d, &y, &m, &day);
	buf_printf(b, "%04d%02d%02dT%02d%02d%02dZ", y, m, day, seconds / 3600, seconds / 60 % 60,
	           seconds % 60);
}

/* Write "name;TZID=Europe/Amsterdam:YYYYMMDDTHHMMSS" as a line. Short
 * enough never to fold. */
static void local_line(struct buf *b, const char *name, date_t d, int minutes)
{
	buf_puts(b, name);
	buf_puts(b, ";TZID=" ICAL_TZID ":");
	put_local(b, d, minutes);
	buf_puts(b, "\r\n");
}

/* ---- calendar ---- */

/* The fixed lines: header and VTIMEZONE. Summer time starts at 02:00
 * local (CET) on the last Sunday of March and ends at 03:00 local (CEST)
 * on the last Sunday of October. */
static const char *const calendar_head[] = {
	"BEGIN:VCALENDAR",
	"VERSION:2.0",
	"PRODID:-//meedoen//weekplanning//NL",
	"CALSCALE:GREGORIAN",
	"METHOD:PUBLISH",
};

static const char *const calendar_timezone[] = {
	"X-WR-TIMEZONE:" ICAL_TZID,
	"BEGIN:VTIMEZONE",
	"TZID:" ICAL_TZID,
	"BEGIN:DAYLIGHT",
	"TZOFFSETFROM:+0100",
	"TZOFFSETTO:+0200",
	"TZNAME:CEST",
	"DTSTART:19700329T020000",
	"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
	"END:DAYLIGHT",
	"BEGIN:STANDARD",
	"TZOFFSETFROM:+0200",
	"TZOFFSETTO:+0100",
	"TZNAME:CET",
	"DTSTART:19701025T030000",
	"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
	"END:STANDARD",
	"END:VTIMEZONE",
};

static void put_lines(struct buf *b, const char *const *lines, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, lines[i]);
		buf_puts(b, "\r\n");
	}
}

void ical_begin(struct buf *b, const char *name)
{
	put_lines(b, calendar_head, sizeof calendar_head / sizeof calendar_head[0]);
	text_line(b, "X-WR-CALNAME", name ? name : "");
	put_lines(b, calendar_timezone, sizeof calendar_timezone / sizeof calendar_timezone[0]);
}

void ical_end(struct buf *b)
{
	buf_puts(b, "END:VCALENDAR\r\n");
}

/* True when the event can be written; see the file comment. */
static bool event_ok(const struct ical_event *ev)
{
	if (!ev->uid || !*ev->uid || !ev->summary)
		return false;
	if (ev->start_min < 0 || ev->start_min >= 1440 || ev->end_min <= ev->start_min ||
	    ev->end_min > 1440)
		return false;
	if (ev->stamp.seconds < 0 || ev->stamp.seconds >= 86400)
		return false;
	if (ev->weekly && ev->has_until && ev->until < ev->date)
		return false;
	if (ev->nexdates > 0 && !ev->exdates)
		return false;
	return true;
}

/* True when exdate x removes an occurrence of the weekly event whose
 * last occurrence is `last` (or none when !bounded), and no earlier entry
 * of the list names the same day. Other days are skipped: an EXDATE that
 * matches no occurrence means nothing, and leaving it out keeps the file
 * short. */
static bool exdate_applies(const struct ical_event *ev, size_t i, bool bounded, date_t last)
{
	date_t x = ev->exdates[i];
	if (x < ev->date || (x - ev->date) % 7 != 0)
		return false;
	if (bounded && x > last)
		return false;
	for (size_t j = 0; j < i; j++)
		if (ev->exdates[j] == x)
			return false;
	return true;
}

void ical_event(struct buf *b, const struct ical_event *ev)
{
	if (!event_ok(ev)) {
		b->failed = true;
		return;
	}
	buf_puts(b, "BEGIN:VEVENT\r\n");
	text_line(b, "UID", ev->uid);
	buf_puts(b, "DTSTAMP:");
	put_utc(b, ev->stamp.date, ev->stamp.seconds);
	buf_puts(b, "\r\n");
	local_line(b, "DTSTART", ev->date, ev->start_min);
	local_line(b, "DTEND", ev->date, ev->end_min);

	if (ev->weekly) {
		date_t last = 0;
		buf_puts(b, "RRULE:FREQ=WEEKLY");
		if (ev->has_until) {
			last = ev->date + (ev->until - ev->date) / 7 * 7;
			int off = ical_amsterdam_offset(last, ev->start_min);
			buf_puts(b, ";UNTIL=");
			put_utc(b, last, (ev->start_min - off) * 60);
		}
		buf_puts(b, "\r\n");
		for (size_t i = 0; i < ev->nexdates; i++) {
			if (!exdate_applies(ev, i, ev->has_until, last))
				continue;
			local_line(b, "EXDATE", ev->exdates[i], ev->start_min);
		}
	}

	text_line(b, "SUMMARY", ev->summary);
	if (ev->location)
		text_line(b, "LOCATION", ev->location);
	if (ev->description)
		text_line(b, "DESCRIPTION", ev->description);
	if (ev->category)
		text_line(b, "CATEGORIES", ev->category);
	buf_puts(b, "END:VEVENT\r\n");
}
