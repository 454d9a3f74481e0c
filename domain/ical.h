/*
 * ical.h - writing iCalendar (RFC 5545) for week plans and appointments.
 *
 * Output is a VCALENDAR with one VTIMEZONE (Europe/Amsterdam, with the EU
 * summer-time rules) and VEVENTs whose times are local Amsterdam times
 * (DTSTART;TZID=Europe/Amsterdam). Lines end in CRLF and are folded so no
 * line exceeds 75 octets, never inside a UTF-8 sequence; TEXT values are
 * escaped (backslash, semicolon, comma, newline). A weekly event carries
 * RRULE:FREQ=WEEKLY with UNTIL in UTC (as RFC 5545 requires with a TZID
 * start) and EXDATEs for the days it does not take place.
 *
 * Pure: writes into a struct buf (base/buf.h); no clock (the caller
 * passes the DTSTAMP), no I/O. Errors are the buf's sticky error.
 */
#ifndef MEEDOEN_ICAL_H
#define MEEDOEN_ICAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "../base/buf.h"

/* A moment in UTC, for DTSTAMP: a date and seconds since midnight. */
struct ical_utc {
	date_t date;
	int seconds;
};

/* Open the calendar: BEGIN:VCALENDAR, VERSION, PRODID, CALSCALE, METHOD,
 * X-WR-CALNAME (name, escaped), X-WR-TIMEZONE and the VTIMEZONE. */
void ical_begin(struct buf *b, const char *name);

struct ical_event {
	const char *uid;         /* globally unique, e.g. "entry-12-tue-morning@meedoen" */
	struct ical_utc stamp;   /* DTSTAMP */
	date_t date;             /* the (first) day */
	int start_min, end_min;  /* local Amsterdam time, minutes since midnight, start < end */
	bool weekly;             /* repeats every week on the weekday of `date` */
	bool has_until;          /* the last day it may repeat on (inclusive) */
	date_t until;
	const date_t *exdates;   /* days it does not take place (weekly only) */
	size_t nexdates;
	const char *summary;     /* required */
	const char *location;    /* NULL: none */
	const char *description; /* NULL: none */
	const char *category;    /* NULL: none; e.g. "WORK" */
};

/* Write one VEVENT. A weekly event with has_until gets UNTIL = the UTC
 * instant of start_min on the last occurrence day <= until (so that day is
 * included). Only exdates that are occurrences (on the weekday of `date`,
 * not before it, not after the last occurrence) are written, each once;
 * exdates of a one-off event are ignored. Broken input (no uid or summary,
 * start_min outside 0..1439, end_min not in start_min+1..1440, stamp
 * seconds outside 0..86399, weekly with until before date, nexdates > 0
 * without a list) writes nothing and sets b->failed. */
void ical_event(struct buf *b, const struct ical_event *ev);

/* END:VCALENDAR. */
void ical_end(struct buf *b);

/* Write one content line "name:value" (name may carry parameters,
 * "DTSTART;TZID=Europe/Amsterdam"), value as given (already escaped),
 * folded at 75 octets, ending in CRLF. CR and LF in name or value are
 * dropped (they would end the line); a fold never separates a backslash
 * from the character after it. */
void ical_line(struct buf *b, const char *name, const char *value);

/* Append text escaped as an iCalendar TEXT value to b. */
void ical_escape(struct buf *b, const char *text);

/* The UTC offset of Amsterdam at local time `minutes` on day d, in
 * minutes: 60 in winter, 120 in summer (from 02:00 local on the last
 * Sunday of March until 03:00 local on the last Sunday of October). */
int ical_amsterdam_offset(date_t d, int minutes);

#endif
