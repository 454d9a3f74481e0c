/*
 * clock.c - time source. MEEDOEN_NOW ("2026-11-22" or
 * "2026-11-22T10:00:00Z") fixes the clock for tests and reproducible demos;
 * it is read once. Dates come from the C library's local time under the
 * time zone set once at start-up (TZ), which reads the system's tzdata.
 */
#include "clock.h"
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

static char zone_name[64] = CLOCK_DEFAULT_ZONE;
static int zone_ready;

int clock_set_zone(const char *zone)
{
	char path[128], tz[80];

	/* a name, not a path: letters, digits and _+-/ only, no ".." */
	if (zone == NULL || *zone == '\0' || strlen(zone) >= sizeof zone_name || strstr(zone, "..") ||
	    strspn(zone, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+-/") != strlen(zone))
		return -1;
	snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", zone);
	if (access(path, R_OK) != 0)
		return -1; /* glibc would fall back to UTC without a word */
	snprintf(tz, sizeof tz, ":%s", zone);
	if (zone != zone_name) /* the lazy first use passes the default itself */
		str_copy(zone_name, sizeof zone_name, zone);
	setenv("TZ", tz, 1);
	tzset();
	zone_ready = 1;
	return 0;
}

const char *clock_zone(void)
{
	return zone_name;
}

int32_t clock_date_at(int64_t ms)
{
	time_t s = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
	struct tm tm;

	if (!zone_ready)
		clock_set_zone(zone_name);
	localtime_r(&s, &tm);
	/* the local calendar date, counted as days since 1970-01-01 */
	struct tm day = { .tm_year = tm.tm_year, .tm_mon = tm.tm_mon, .tm_mday = tm.tm_mday, .tm_hour = 12 };
	return (int32_t)(timegm(&day) / 86400);
}

int32_t clock_today(void)
{
	return clock_date_at(clock_now_ms());
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
