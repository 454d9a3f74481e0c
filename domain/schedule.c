/*
 * schedule.c - week-plan arithmetic and rules (see schedule.h): clock
 * times and the day-parts they touch, recurrence with validity periods and
 * exceptions, the conflict rules, and the queries for matching.
 */
#include "schedule.h"

#include <stdio.h>
#include <string.h>

#define MINUTES_PER_DAY 1440

/* ---- clock times ---- */

int clock_parse(const char *text, int *minutes)
{
	if (!text || strlen(text) != 5 || text[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++) {
		if (i != 2 && (text[i] < '0' || text[i] > '9'))
			return -1;
	}
	int h = (text[0] - '0') * 10 + (text[1] - '0');
	int m = (text[3] - '0') * 10 + (text[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

void clock_format(int minutes, char out[CLOCK_STR_LEN])
{
	if (minutes < 0 || minutes > MINUTES_PER_DAY)
		minutes = 0;
	snprintf(out, CLOCK_STR_LEN, "%02d:%02d", minutes / 60, minutes % 60);
}

void schedule_default_times(struct day_part_times *t)
{
	static const struct day_part_times defaults = {
		.start = { [DP_MORNING] = 8 * 60 + 30, [DP_AFTERNOON] = 13 * 60, [DP_EVENING] = 18 * 60 + 30 },
		.end = { [DP_MORNING] = 12 * 60 + 30, [DP_AFTERNOON] = 17 * 60, [DP_EVENING] = 21 * 60 + 30 },
	};
	*t = defaults;
}

int schedule_times_validate(const struct day_part_times *t, struct err *e)
{
	char field[32], a[CLOCK_STR_LEN], b[CLOCK_STR_LEN];
	bool bad = false;
	for (int p = 0; p < DAY_PART_COUNT; p++) {
		const char *code = day_part_code((enum day_part)p);
		clock_format(t->start[p], a);
		clock_format(t->end[p], b);
		if (t->start[p] < 0 || t->start[p] >= MINUTES_PER_DAY) {
			snprintf(field, sizeof field, "%s.start_time", code);
			err_field(e, field, "must lie between 00:00 and 23:59");
			bad = true;
		} else if (t->end[p] <= t->start[p] || t->end[p] > MINUTES_PER_DAY) {
			snprintf(field, sizeof field, "%s.end_time", code);
			err_field(e, field, "\"%s\" is not after the start \"%s\"", b, a);
			bad = true;
		} else if (p > 0 && t->start[p] < t->end[p - 1] && t->end[p - 1] > t->start[p - 1]) {
			char prev[CLOCK_STR_LEN];
			clock_format(t->end[p - 1], prev);
			snprintf(field, sizeof field, "%s.end_time", day_part_code((enum day_part)(p - 1)));
			err_field(e, field, "\"%s\" is after the %s starts at \"%s\"", prev, day_part_code((enum day_part)p),
				  a);
			bad = true;
		}
	}
	return bad ? -1 : 0;
}

daypart_set schedule_interval_parts(enum weekday d, int start, int end, const struct day_part_times *t)
{
	daypart_set s = 0;
	if ((unsigned)d >= WEEKDAY_COUNT)
		return 0;
	for (int p = 0; p < DAY_PART_COUNT; p++) {
		if (start < t->end[p] && end > t->start[p])
			s |= DAYPART_BIT(d, p);
	}
	return s;
}
