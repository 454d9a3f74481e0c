/*
 * assessment.c - the rubric table, the trend rule and the readiness table
 * (see assessment.h). The advice walks the readiness table from the
 * highest step down and gives the first whose thresholds hold; the reason
 * lists what fails the step above the one advised.
 */
#include "assessment.h"
#include "../base/buf.h"

#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define ITEM_BIT(i) (1u << (unsigned)(i))

static const char *const four_points[] = { "onvoldoende", "matig", "voldoende", "goed" };
static const char *const hour_points[] = { "0 uur", "1 uur", "2 uur", "3 uur", "4 uur",
					   "5 uur", "6 uur", "7 uur", "8 uur" };

static const struct assessment_item items[ASSESSMENT_ITEM_COUNT] = {
	[ASSESS_PUNCTUALITY] = { "punctuality", "stiptheid", 1, 4, four_points },
	[ASSESS_ATTENDANCE] = { "attendance", "aanwezigheid", 1, 4, four_points },
	[ASSESS_PACE] = { "pace", "werktempo", 1, 4, four_points },
	[ASSESS_QUALITY] = { "quality", "kwaliteit", 1, 4, four_points },
	[ASSESS_INSTRUCTIONS] = { "instructions", "instructies opvolgen", 1, 4, four_points },
	[ASSESS_COOPERATION] = { "cooperation", "samenwerken", 1, 4, four_points },
	[ASSESS_SAFETY] = { "safety", "veiligheid", 1, 4, four_points },
	[ASSESS_VOCABULARY] = { "vocabulary", "Nederlandse werktaal", 1, 4, four_points },
	[ASSESS_WORK_CAPACITY] = { "work_capacity", "belastbaarheid (uren per dag)", 0, 8, hour_points },
};
_Static_assert(ASSESS_WORK_CAPACITY + 1 == ASSESSMENT_ITEM_COUNT, "one row per item");
_Static_assert(ASSESS_WORK_CAPACITY == ASSESSMENT_RUBRIC_COUNT, "the rubric items come first");

static const char *const trend_codes[TREND_COUNT] = {
	[TREND_NONE] = "none",
	[TREND_UP] = "up",
	[TREND_FLAT] = "flat",
	[TREND_DOWN] = "down",
};

static const struct {
	const char *code;
	const char *label;
} readiness_names[READINESS_COUNT] = {
	[READY_STAY] = { "stay", "blijven (intern)" },
	[READY_EXTERNAL] = { "external_place", "extern werkleertraject / werkervaringsplek" },
	[READY_PAID_WORK] = { "paid_work", "betaald werk" },
};

/* Highest step first; see the table in assessment.h. */
static const struct readiness_rule rules[] = {
	{ READY_PAID_WORK, "voor betaald werk", 3, 0, 0, 0, 0, 6 },
	{ READY_EXTERNAL, "voor een externe plek", 2, 6, 3,
	  ITEM_BIT(ASSESS_PUNCTUALITY) | ITEM_BIT(ASSESS_ATTENDANCE) | ITEM_BIT(ASSESS_SAFETY), 3, 4 },
};

int assessment_item_find(const char *code)
{
	for (int i = 0; code && i < ASSESSMENT_ITEM_COUNT; i++) {
		if (strcmp(items[i].code, code) == 0)
			return i;
	}
	return -1;
}

const struct assessment_item *assessment_item(int i)
{
	return i >= 0 && i < ASSESSMENT_ITEM_COUNT ? &items[i] : NULL;
}

const char *assessment_point_label(int item, int value)
{
	const struct assessment_item *it = assessment_item(item);
	if (it == NULL || value < it->min || value > it->max)
		return NULL;
	return it->points[value - it->min];
}

int assessment_score_check(int item, long value, struct err *e)
{
	const struct assessment_item *it = assessment_item(item);
	if (it == NULL)
		return err_set(e, ERR_INVALID, "assessment item %d does not exist", item);
	if (value < it->min || value > it->max)
		return err_field(e, it->code, "score %ld is outside the scale %d to %d", value, it->min, it->max);
	return 0;
}

int assessment_check(const struct assessment *a, struct err *e)
{
	int rc = 0;
	for (int i = 0; i < ASSESSMENT_ITEM_COUNT; i++) {
		if (!a->has_score[i])
			rc = err_field(e, items[i].code, "is required");
		else if (assessment_score_check(i, a->score[i], e) != 0)
			rc = -1;
	}
	return rc;
}

enum trend assessment_trend(const int *scores, size_t n)
{
	if (n < 2)
		return TREND_NONE;
	/* halves and small whole numbers are exact in a double */
	double last = ((double)scores[n - 1] + scores[n - 2]) / 2;
	double before = n >= 4 ? ((double)scores[n - 3] + scores[n - 4]) / 2 : scores[0];
	double change = last - before;
	if (change >= TREND_MIN_CHANGE)
		return TREND_UP;
	if (change <= -TREND_MIN_CHANGE)
		return TREND_DOWN;
	return TREND_FLAT;
}

const char *assessment_trend_code(enum trend t)
{
	return (unsigned)t < TREND_COUNT ? trend_codes[t] : NULL;
}

const struct readiness_rule *readiness_thresholds(enum readiness r)
{
	for (size_t i = 0; i < COUNT(rules); i++) {
		if (rules[i].advice == r)
			return &rules[i];
	}
	return NULL;
}

/* Score of item i, or -1 when it has none: below every threshold. */
static int score_of(const struct assessment *a, int i)
{
	return a->has_score[i] ? a->score[i] : -1;
}

/* What fails rule r, as bit sets of items; all zero when r holds. */
struct shortfall {
	unsigned missing;   /* no score */
	unsigned below_all; /* under all_at_least */
	unsigned below_key; /* key item under key_at_least (not in below_all) */
	int most;           /* items at least most_at_least */
	bool few;           /* most < most_count */
	bool capacity;      /* work capacity under capacity_at_least (scored) */
};

static bool shortfall_find(const struct readiness_rule *r, const struct assessment *a, struct shortfall *s)
{
	memset(s, 0, sizeof *s);
	for (int i = 0; i < ASSESSMENT_ITEM_COUNT; i++) {
		if (!a->has_score[i])
			s->missing |= ITEM_BIT(i);
	}
	for (int i = 0; i < ASSESSMENT_RUBRIC_COUNT; i++) {
		int v = score_of(a, i);
		if (v < 0)
			continue;
		if (v < r->all_at_least)
			s->below_all |= ITEM_BIT(i);
		else if ((r->key_items & ITEM_BIT(i)) && v < r->key_at_least)
			s->below_key |= ITEM_BIT(i);
		if (v >= r->most_at_least)
			s->most++;
	}
	s->few = s->most < r->most_count;
	s->capacity = a->has_score[ASSESS_WORK_CAPACITY] && a->score[ASSESS_WORK_CAPACITY] < r->capacity_at_least;
	return s->missing || s->below_all || s->below_key || s->few || s->capacity;
}

/* Append the labels of the items in `set` as Dutch prose: "a, b en c". */
static void put_items(struct buf *b, unsigned set)
{
	int left = 0;
	for (unsigned t = set; t; t &= t - 1)
		left++;
	for (int i = 0; i < ASSESSMENT_ITEM_COUNT; i++) {
		if (!(set & ITEM_BIT(i)))
			continue;
		buf_puts(b, items[i].label);
		left--;
		buf_puts(b, left > 1 ? ", " : left == 1 ? " en " : "");
	}
}

/* Start the next part of a reason: "; " between parts. */
static void put_part(struct buf *b, bool *first)
{
	if (!*first)
		buf_puts(b, "; ");
	*first = false;
}

/* The name of score v on the 1..4 scale ("voldoende"). */
static const char *point(int v)
{
	const char *name = assessment_point_label(ASSESS_PACE, v);
	return name ? name : "?";
}

static void put_shortfall(struct buf *b, const struct readiness_rule *r, const struct assessment *a,
			  const struct shortfall *s)
{
	bool first = true;
	buf_printf(b, "%s: ", r->goal);
	if (s->missing) {
		put_part(b, &first);
		put_items(b, s->missing);
		buf_puts(b, " niet beoordeeld");
	}
	if (s->below_all) {
		put_part(b, &first);
		put_items(b, s->below_all);
		buf_printf(b, " nog onder %s", point(r->all_at_least));
	}
	if (s->below_key) {
		put_part(b, &first);
		put_items(b, s->below_key);
		buf_printf(b, " nog onder %s", point(r->key_at_least));
	}
	if (s->few) {
		put_part(b, &first);
		buf_printf(b, "%d van %d onderdelen %s of beter (nodig %d)", s->most, ASSESSMENT_RUBRIC_COUNT,
			   point(r->most_at_least), r->most_count);
	}
	if (s->capacity) {
		put_part(b, &first);
		buf_printf(b, "belastbaarheid %d uur per dag (nodig %d)", a->score[ASSESS_WORK_CAPACITY],
			   r->capacity_at_least);
	}
}

enum readiness assessment_advice(const struct assessment *a, char reason[READINESS_REASON_LEN])
{
	struct buf b;
	struct shortfall s;
	enum readiness advice = READY_STAY;
	const struct readiness_rule *next = NULL; /* the step above the advice */

	for (size_t i = 0; i < COUNT(rules); i++) {
		if (!shortfall_find(&rules[i], a, &s)) {
			advice = rules[i].advice;
			break;
		}
		next = &rules[i];
	}
	buf_init(&b, 0);
	if (advice == READY_PAID_WORK) {
		buf_printf(&b, "klaar voor betaald werk: alle onderdelen %s of beter; belastbaarheid %d uur per dag",
			   point(readiness_thresholds(READY_PAID_WORK)->all_at_least), a->score[ASSESS_WORK_CAPACITY]);
	} else {
		shortfall_find(next, a, &s);
		put_shortfall(&b, next, a, &s);
	}
	str_copy(reason, READINESS_REASON_LEN, b.data ? b.data : "");
	buf_release(&b);
	return advice;
}

int readiness_find(const char *code)
{
	for (int i = 0; code && i < READINESS_COUNT; i++) {
		if (strcmp(readiness_names[i].code, code) == 0)
			return i;
	}
	return -1;
}

const char *readiness_code(enum readiness r)
{
	return (unsigned)r < READINESS_COUNT ? readiness_names[r].code : NULL;
}

const char *readiness_label(enum readiness r)
{
	return (unsigned)r < READINESS_COUNT ? readiness_names[r].label : NULL;
}
