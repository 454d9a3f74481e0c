/*
 * date.h - calendar dates as whole days since 1970-01-01 (proleptic
 * Gregorian), with strict ISO 8601 parsing and formatting.
 *
 * Dates in meedoen are civil dates without a time zone: arrival, birth,
 * deadlines. Keeping them as a day number makes "21 days after arrival" an
 * addition and comparisons plain integer compares. Pure: no clock here; the
 * caller passes "today".
 */
#ifndef MEEDOEN_DATE_H
#define MEEDOEN_DATE_H

#include <stdbool.h>
#include <stdint.h>

typedef int32_t date_t;

#define DATE_STR_LEN 11 /* "YYYY-MM-DD" plus NUL */

/* True for a leap year of the Gregorian calendar. */
bool date_is_leap(int year);

/* Days in month m (1..12) of year y; 0 for a month out of range. */
int date_days_in_month(int year, int month);

/* Set *out to the day number of y-m-d. Returns 0, or -1 if the date does
 * not exist (31 February, month 13) or the year is outside 1800..9999. */
int date_from_ymd(int year, int month, int day, date_t *out);

/* Split a day number into year, month and day. */
void date_to_ymd(date_t d, int *year, int *month, int *day);

/* Parse exactly "YYYY-MM-DD" into *out. Returns 0, or -1 when the text is
 * not in that form or names a date that does not exist. */
int date_parse(const char *s, date_t *out);

/* Write d as "YYYY-MM-DD" into out, which holds DATE_STR_LEN bytes. */
void date_format(date_t d, char out[DATE_STR_LEN]);

/* Add n calendar months, clamping the day to the end of the target month
 * (31 January + 1 month = 28 or 29 February). */
date_t date_add_months(date_t d, int months);

/* Age in whole years on day `on` of someone born on `birth`. */
int date_age(date_t birth, date_t on);

/* Weekday of d: 0 = Monday ... 6 = Sunday. */
int date_weekday(date_t d);

#endif
