/*
 * daypart.h - day-parts of the week (dagdeel): seven weekdays times a
 * morning, an afternoon and an evening. Week plans, language-class
 * timetables, placement requirements and a participant's free time are all
 * sets of day-parts, kept as one bit each in a 32-bit word, so "which
 * day-parts collide" is an AND and "how many" a count.
 *
 * Bit index = weekday * 3 + part: bit 0 is Monday morning, bit 20 Sunday
 * evening; bits above 20 are never set by this module and are ignored by
 * it. On the wire a day-part is the code "<day>_<part>" ("tue_morning"),
 * a set is a comma-separated list of codes in week order
 * ("mon_morning,mon_afternoon"). The weekday and part tables hold the code
 * and the Dutch label of each; nothing here allocates.
 */
#ifndef MEEDOEN_DAYPART_H
#define MEEDOEN_DAYPART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/err.h"

enum weekday { WD_MON, WD_TUE, WD_WED, WD_THU, WD_FRI, WD_SAT, WD_SUN, WEEKDAY_COUNT };

enum day_part { DP_MORNING, DP_AFTERNOON, DP_EVENING, DAY_PART_COUNT };

/* A set of day-parts: bit weekday * 3 + part. */
typedef uint32_t daypart_set;

#define DAYPART_BITS 21 /* WEEKDAY_COUNT * DAY_PART_COUNT */
#define DAYPART_ALL ((daypart_set)((1u << DAYPART_BITS) - 1u))
/* The set holding only day-part `part` of weekday `day`. */
#define DAYPART_BIT(day, part) ((daypart_set)1u << ((unsigned)(day) * 3u + (unsigned)(part)))

#define DAYPART_CODE_LEN 16   /* "thu_afternoon" plus NUL, with room */
#define DAYPART_LABEL_LEN 32  /* "donderdagmiddag" plus NUL, with room */
#define DAYPART_LIST_LEN 272  /* all 21 codes, comma-separated, plus NUL */

/* Code ("mon") and Dutch label ("maandag") of a weekday, or NULL for a
 * value outside the enum. The strings are static. */
const char *weekday_code(enum weekday d);
const char *weekday_label(enum weekday d);

/* The weekday with exactly this code ("tue"); 0, or -1 for an unknown
 * or NULL code. */
int weekday_find(const char *code, enum weekday *out);

/* Code ("morning") and Dutch label ("ochtend") of a part of the day, or
 * NULL for a value outside the enum. The strings are static. */
const char *day_part_code(enum day_part p);
const char *day_part_label(enum day_part p);

/* Parse one day-part code such as "tue_morning" (exact, lower case) into
 * the set holding just that day-part. Returns 0, or -1 with ERR_INVALID
 * and the message `day-part "xyz" is not a day and a part such as
 * "tue_morning"`; the caller that knows the field may move it into a
 * field error. *bit_out is left alone on error. */
int daypart_parse(const char *code, daypart_set *bit_out, struct err *e);

/* Write the code of bit index `bit` (0..20, not a set) into out, e.g.
 * "tue_morning"; an index outside 0..20 gives "". */
void daypart_code(int bit, char out[DAYPART_CODE_LEN]);

/* Write the Dutch label of bit index `bit` into out, e.g.
 * "dinsdagochtend"; an index outside 0..20 gives "". */
void daypart_label(int bit, char out[DAYPART_LABEL_LEN]);

/* How many day-parts s holds. */
int daypart_count(daypart_set s);

/* The set of all three day-parts of weekday d (empty outside the enum). */
daypart_set daypart_day(enum weekday d);

/* Is d a full day in s: both its morning and its afternoon are in s? The
 * evening does not count. */
bool daypart_full_day(daypart_set s, enum weekday d);

/* How many weekdays are full days in s (see daypart_full_day). */
int daypart_full_days(daypart_set s);

/* Parse a comma-separated list of day-part codes ("mon_morning,
 * mon_afternoon" without spaces) into *out. NULL or "" gives the empty
 * set. Returns 0, or -1 with ERR_INVALID naming the first bad code (an
 * empty item between commas counts as a bad code) or the first code
 * listed twice (`day-part "mon_morning" is listed twice`); *out is set
 * only on success. */
int daypart_list_parse(const char *text, daypart_set *out, struct err *e);

/* Write s as a comma-separated list of codes in week order (Monday
 * morning first) into out[0..size); the empty set gives "". Returns the
 * length written, or -1 when it does not fit (out then holds "" if size
 * > 0). DAYPART_LIST_LEN always fits. */
int daypart_list_format(daypart_set s, char *out, size_t size);

#endif
