/*
 * clock.h - the wall clock, read in one place so that tests and the demo
 * can pin "now" with MEEDOEN_NOW (an ISO date or timestamp, UTC).
 *
 * Timestamps are UTC. Dates are the municipality's: "today" is the date
 * in its time zone (Europe/Amsterdam unless clock_set_zone() says other),
 * so between midnight and 01:00 or 02:00 Dutch time it is already the
 * next day while the UTC date is not.
 */
#ifndef MEEDOEN_CLOCK_H
#define MEEDOEN_CLOCK_H

#include <stdint.h>

#define TIMESTAMP_LEN 25 /* "YYYY-MM-DDTHH:MM:SS.mmmZ" plus NUL */

/* Milliseconds since the epoch, UTC. */
int64_t clock_now_ms(void);
#define CLOCK_DEFAULT_ZONE "Europe/Amsterdam"

/* Use the IANA time zone `zone` (e.g. "Europe/Amsterdam") for dates from
 * now on. Call once at start-up, before threads start. -1 when the system
 * has no such zone (tzdata: /usr/share/zoneinfo/ZONE). */
int clock_set_zone(const char *zone);
/* The zone in use. */
const char *clock_zone(void);
/* The date in the time zone at ms since the epoch, as days since
 * 1970-01-01. */
int32_t clock_date_at(int64_t ms);
/* Today's date in the time zone, as days since 1970-01-01. */
int32_t clock_today(void);
/* Format ms since the epoch as "YYYY-MM-DDTHH:MM:SS.mmmZ". */
void clock_format_ms(int64_t ms, char out[TIMESTAMP_LEN]);
/* Format seconds since the epoch as "YYYY-MM-DDTHH:MM:SSZ". */
void clock_format_s(int64_t s, char out[TIMESTAMP_LEN]);

#endif
