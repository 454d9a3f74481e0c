/*
 * clock.c - time source. MEEDOEN_NOW ("2026-11-22" or
 * "2026-11-22T10:00:00Z") fixes the clock for tests and reproducible demos;
 * it is read once.
 */
#include "clock.h"
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int64_t pinned_offset(void)
{
	static int done;
	static int64_t offset; /* pinned - real, in ms; 0 when not pinned */

	if (done)
		return offset;
	const char *s = getenv("MEEDOEN_NOW");
	if (s && *s) {
		struct tm tm = { 0 };
		int y, mo, d, h = 12, mi = 0, sec = 0;
		if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &sec) >= 3) {
			tm.tm_year = y - 1900;
			tm.tm_mon = mo - 1;
			tm.tm_mday = d;
			tm.tm_hour = h;
			tm.tm_min = mi;
			tm.tm_sec = sec;
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			int64_t real = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
			offset = (int64_t)timegm(&tm) * 1000 - real;
		}
	}
	done = 1;
	return offset;
}

int64_t clock_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 + pinned_offset();
}

int32_t clock_today(void)
{
	int64_t ms = clock_now_ms();
	return (int32_t)(ms / 86400000);
}

void clock_format_ms(int64_t ms, char out[TIMESTAMP_LEN])
{
	time_t s = (time_t)(ms / 1000);
	struct tm tm;

	char tmp[64];

	gmtime_r(&s, &tm);
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(ms % 1000));
	str_copy(out, TIMESTAMP_LEN, tmp);
}

void clock_format_s(int64_t secs, char out[TIMESTAMP_LEN])
{
	time_t s = (time_t)secs;
	struct tm tm;

	char tmp[64];

	gmtime_r(&s, &tm);
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	str_copy(out, TIMESTAMP_LEN, tmp);
}
