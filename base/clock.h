/*
 * clock.h - the wall clock, read in one place so that tests and the demo
 * can pin "now" with MEEDOEN_NOW (an ISO date or timestamp, UTC).
 */
#ifndef MEEDOEN_CLOCK_H
#define MEEDOEN_CLOCK_H

#include <stdint.h>

#define TIMESTAMP_LEN 25 /* "YYYY-MM-DDTHH:MM:SS.mmmZ" plus NUL */

/* Milliseconds since the epoch, UTC. */
int64_t clock_now_ms(void);
/* Today's date as days since 1970-01-01 (UTC). */
int32_t clock_today(void);
/* Format ms since the epoch as "YYYY-MM-DDTHH:MM:SS.mmmZ". */
void clock_format_ms(int64_t ms, char out[TIMESTAMP_LEN]);
/* Format seconds since the epoch as "YYYY-MM-DDTHH:MM:SSZ". */
void clock_format_s(int64_t s, char out[TIMESTAMP_LEN]);

#endif
