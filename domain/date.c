/*
 * date.c - day-number arithmetic for civil dates. The conversions use
 * Howard Hinnant's days_from_civil / civil_from_days algorithms, which are
 * exact for the whole proleptic Gregorian calendar.
 */
#include "date.h"

#include <string.h>

bool date_is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && date_is_leap(year))
		return 29;
	return days[month - 1];
}

static date_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (date_t)(era * 146097 + doe - 719468);
}

int date_from_ymd(int year, int month, int day, date_t *out)
{
	if (year < 1800 || year > 9999)
		return -1;
	if (day < 1 || day > date_days_in_month(year, month))
		return -1;
	*out = days_from_civil(year, month, day);
	return 0;
}

void date_to_ymd(date_t z0, int *year, int *month, int *day)
{
	int z = z0 + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int y = yoe + era * 400;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int d = doy - (153 * mp + 2) / 5 + 1;
	int m = mp + (mp < 10 ? 3 : -9);

	*year = y + (m <= 2);
	*month = m;
	*day = d;
}

static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int date_parse(const char *s, date_t *out)
{
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0)
		return -1;
	return date_from_ymd(y, m, d, out);
}

void date_format(date_t d, char out[DATE_STR_LEN])
{
	int y, m, day;

	date_to_ymd(d, &y, &m, &day);
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + day / 10);
	out[9] = (char)('0' + day % 10);
	out[10] = '\0';
}

date_t date_add_months(date_t d, int months)
{
	int y, m, day;

	date_to_ymd(d, &y, &m, &day);
	int total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	int last = date_days_in_month(y, m);
	if (day > last)
		day = last;
	return days_from_civil(y, m, day);
}

int date_age(date_t birth, date_t on)
{
	int by, bm, bd, oy, om, od;

	date_to_ymd(birth, &by, &bm, &bd);
	date_to_ymd(on, &oy, &om, &od);
	int age = oy - by;
	if (om < bm || (om == bm && od < bd))
		age--;
	return age;
}

int date_weekday(date_t d)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int w = (d + 3) % 7;
	return w < 0 ? w + 7 : w;
}
