/*
 * daypart.c - the weekday and part tables and the small functions that
 * walk them (see daypart.h). Codes are matched exactly; a day-part code is
 * a weekday code, an underscore and a part code.
 */
#include "daypart.h"

#include <string.h>

struct named {
	const char *code;
	const char *label; /* Dutch */
};

static const struct named weekdays[WEEKDAY_COUNT] = {
	[WD_MON] = { "mon", "maandag" },
	[WD_TUE] = { "tue", "dinsdag" },
	[WD_WED] = { "wed", "woensdag" },
	[WD_THU] = { "thu", "donderdag" },
	[WD_FRI] = { "fri", "vrijdag" },
	[WD_SAT] = { "sat", "zaterdag" },
	[WD_SUN] = { "sun", "zondag" },
};

static const struct named parts[DAY_PART_COUNT] = {
	[DP_MORNING] = { "morning", "ochtend" },
	[DP_AFTERNOON] = { "afternoon", "middag" },
	[DP_EVENING] = { "evening", "avond" },
};

/* How much of a bad code an error message quotes. */
#define QUOTE_MAX 40

/* Index of the row whose code is exactly s[0..len), or -1. */
static int find_named(const struct named *rows, int n, const char *s, size_t len)
{
	for (int i = 0; i < n; i++) {
		if (strlen(rows[i].code) == len && memcmp(rows[i].code, s, len) == 0)
			return i;
	}
	return -1;
}

const char *weekday_code(enum weekday d)
{
	return (unsigned)d < WEEKDAY_COUNT ? weekdays[d].code : NULL;
}

const char *weekday_label(enum weekday d)
{
	return (unsigned)d < WEEKDAY_COUNT ? weekdays[d].label : NULL;
}

int weekday_find(const char *code, enum weekday *out)
{
	int i = code ? find_named(weekdays, WEEKDAY_COUNT, code, strlen(code)) : -1;
	if (i < 0)
		return -1;
	*out = (enum weekday)i;
	return 0;
}

const char *day_part_code(enum day_part p)
{
	return (unsigned)p < DAY_PART_COUNT ? parts[p].code : NULL;
}

const char *day_part_label(enum day_part p)
{
	return (unsigned)p < DAY_PART_COUNT ? parts[p].label : NULL;
}


/* Bit index of the day-part code s[0..len), or -1. */
static int find_bit(const char *s, size_t len)
{
	const char *sep = memchr(s, '_', len);
	if (sep == NULL)
		return -1;
	size_t day_len = (size_t)(sep - s);
	int day = find_named(weekdays, WEEKDAY_COUNT, s, day_len);
	int part = find_named(parts, DAY_PART_COUNT, sep + 1, len - day_len - 1);
	if (day < 0 || part < 0)
		return -1;
	return day * DAY_PART_COUNT + part;
}

static int bad_code(struct err *e, const char *s, size_t len)
{
	return err_set(e, ERR_INVALID, "day-part \"%.*s\" is not a day and a part such as \"tue_morning\"",
		       (int)(len < QUOTE_MAX ? len : QUOTE_MAX), s);
}

int daypart_parse(const char *code, daypart_set *bit_out, struct err *e)
{
	size_t len = code ? strlen(code) : 0;
	int bit = code ? find_bit(code, len) : -1;
	if (bit < 0)
		return bad_code(e, code ? code : "", len);
	*bit_out = (daypart_set)1u << bit;
	return 0;
}

/* Write a, sep and b into out[0..size); "" when they do not fit. */
static void join(char *out, size_t size, const char *a, const char *sep, const char *b)
{
	size_t la = strlen(a), ls = strlen(sep), lb = strlen(b);
	if (la + ls + lb >= size) {
		out[0] = '\0';
		return;
	}
	memcpy(out, a, la);
	memcpy(out + la, sep, ls);
	memcpy(out + la + ls, b, lb + 1);
}

void daypart_code(int bit, char out[DAYPART_CODE_LEN])
{
	if (bit < 0 || bit >= DAYPART_BITS) {
		out[0] = '\0';
		return;
	}
	join(out, DAYPART_CODE_LEN, weekdays[bit / DAY_PART_COUNT].code, "_", parts[bit % DAY_PART_COUNT].code);
}

void daypart_label(int bit, char out[DAYPART_LABEL_LEN])
{
	if (bit < 0 || bit >= DAYPART_BITS) {
		out[0] = '\0';
		return;
	}
	join(out, DAYPART_LABEL_LEN, weekdays[bit / DAY_PART_COUNT].label, "", parts[bit % DAY_PART_COUNT].label);
}

int daypart_count(daypart_set s)
{
	int n = 0;
	for (s &= DAYPART_ALL; s; s &= s - 1)
		n++;
	return n;
}

daypart_set daypart_day(enum weekday d)
{
	if ((unsigned)d >= WEEKDAY_COUNT)
		return 0;
	return DAYPART_BIT(d, DP_MORNING) | DAYPART_BIT(d, DP_AFTERNOON) | DAYPART_BIT(d, DP_EVENING);
}

bool daypart_full_day(daypart_set s, enum weekday d)
{
	if ((unsigned)d >= WEEKDAY_COUNT)
		return false;
	daypart_set full = DAYPART_BIT(d, DP_MORNING) | DAYPART_BIT(d, DP_AFTERNOON);
	return (s & full) == full;
}

int daypart_full_days(daypart_set s)
{
	int n = 0;
	for (int d = 0; d < WEEKDAY_COUNT; d++)
		n += daypart_full_day(s, (enum weekday)d);
	return n;
}

int daypart_list_parse(const char *text, daypart_set *out, struct err *e)
{
	daypart_set set = 0;
	const char *p = text;

	if (p == NULL || *p == '\0') {
		*out = 0;
		return 0;
	}
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		int bit = find_bit(p, len);
		if (bit < 0)
			return bad_code(e, p, len);
		daypart_set b = (daypart_set)1u << bit;
		if (set & b)
			return err_set(e, ERR_INVALID, "day-part \"%.*s\" is listed twice", (int)len, p);
		set |= b;
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	*out = set;
	return 0;
}

int daypart_list_format(daypart_set s, char *out, size_t size)
{
	size_t len = 0;
	char code[DAYPART_CODE_LEN];

	if (size == 0)
		return -1;
	out[0] = '\0';
	for (int bit = 0; bit < DAYPART_BITS; bit++) {
		if (!(s & ((daypart_set)1u << bit)))
			continue;
		daypart_code(bit, code);
		size_t n = strlen(code), sep = len ? 1 : 0;
		if (len + sep + n >= size) {
			out[0] = '\0';
			return -1;
		}
		if (sep)
			out[len++] = ',';
		memcpy(out + len, code, n + 1);
		len += n;
	}
	return (int)len;
}
