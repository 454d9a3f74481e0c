/*
 * assessment.h - the work-floor assessment (beoordeling): a fixed rubric
 * the department assistant fills in, again and again, while someone is in
 * work-learning (DESIGN.md §1, §4.7). From the scores over time come a
 * trend per item and, from the latest assessment, an advice on the next
 * step.
 *
 * The rubric is one table in assessment.c: eight items on a 1..4 scale
 * (onvoldoende, matig, voldoende, goed) and work capacity in whole hours a
 * day, 0..8. Every item is required in an assessment. A free-text comment
 * of at most ASSESSMENT_COMMENT_MAX bytes goes with it; the app checks that.
 * Nothing here allocates beyond a scratch string; all returned pointers are
 * static.
 */
#ifndef MEEDOEN_ASSESSMENT_H
#define MEEDOEN_ASSESSMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/err.h"

/* The items, in rubric order (the index into struct assessment). */
enum assessment_item_id {
	ASSESS_PUNCTUALITY,
	ASSESS_ATTENDANCE,
	ASSESS_PACE,
	ASSESS_QUALITY,
	ASSESS_INSTRUCTIONS,
	ASSESS_COOPERATION,
	ASSESS_SAFETY,
	ASSESS_VOCABULARY,
	ASSESS_WORK_CAPACITY, /* hours a day, 0..8 */
};

#define ASSESSMENT_ITEM_COUNT 9
#define ASSESSMENT_RUBRIC_COUNT 8 /* the items on the 1..4 scale: all but work capacity */
#define ASSESSMENT_COMMENT_MAX 500

struct assessment_item {
	const char *code;          /* "punctuality" */
	const char *label;         /* "stiptheid" */
	int min, max;              /* the scale, inclusive */
	const char *const *points; /* points[v - min] is the Dutch label of score v */
};

/* One filled-in rubric: score[i] counts only when has_score[i]. */
struct assessment {
	int score[ASSESSMENT_ITEM_COUNT];
	bool has_score[ASSESSMENT_ITEM_COUNT];
};

/* Index of the item with exactly this code, or -1 (also for NULL). */
int assessment_item_find(const char *code);

/* Item i (0..ASSESSMENT_ITEM_COUNT-1), or NULL outside that range. */
const struct assessment_item *assessment_item(int i);

/* Dutch label of score `value` on item i ("voldoende", "6 uur"), or NULL
 * when either is out of range. */
const char *assessment_point_label(int item, int value);

/* Is `value` on the scale of item i? Returns 0, or -1 with a field error
 * named for the item's code (`score 5 is outside the scale 1 to 4`); an
 * item index out of range is an ERR_INVALID error. */
int assessment_score_check(int item, long value, struct err *e);

/* Check a whole rubric: every item scored and on its scale. Returns 0, or
 * -1 with one field error per bad item ("is required" or the scale). */
int assessment_check(const struct assessment *a, struct err *e);

/*
 * Trend of one item over its scores, oldest first:
 * - fewer than 2 scores: TREND_NONE;
 * - otherwise the mean of the last two scores is compared with the mean of
 *   the two before them, or, with only 2 or 3 scores, with the first score;
 * - a rise of at least half a point is TREND_UP, a fall of at least half
 *   a point TREND_DOWN, anything less TREND_FLAT.
 * With whole scores any change of the two sums is at least half a point,
 * so FLAT means the means are equal.
 */
enum trend { TREND_NONE, TREND_UP, TREND_FLAT, TREND_DOWN, TREND_COUNT };

#define TREND_MIN_CHANGE 0.5 /* points between the two means */

enum trend assessment_trend(const int *scores, size_t n);
/* "none", "up", "flat", "down"; NULL outside the enum. */
const char *assessment_trend_code(enum trend t);

/* The advice on the next step, from the latest assessment. */
enum readiness { READY_STAY, READY_EXTERNAL, READY_PAID_WORK, READINESS_COUNT };

/*
 * The thresholds of one advice. An advice holds when the rubric items
 * (the eight on the 1..4 scale) are each at least all_at_least, at least
 * most_count of them at least most_at_least, the key_items at least
 * key_at_least, and work capacity at least capacity_at_least hours a day.
 * A count or bit set of 0 asks nothing. The table, highest step first:
 *
 *   advice      all  most       key                                capacity
 *   paid_work   >=3  -          -                                  >=6
 *   external    >=2  6 of 8 >=3 punctuality, attendance, safety >=3 >=4
 *
 * and when neither holds the advice is to stay (intern). An item without a
 * score fails every threshold.
 */
struct readiness_rule {
	enum readiness advice;
	const char *goal;      /* Dutch, heads the reason: "voor betaald werk" */
	int all_at_least;
	int most_count;
	int most_at_least;
	unsigned key_items;    /* bit (1u << enum assessment_item_id) per key item */
	int key_at_least;
	int capacity_at_least; /* hours a day */
};

#define READINESS_REASON_LEN 300

/* The thresholds for advice r, or NULL for READY_STAY (which has none)
 * and values outside the enum. */
const struct readiness_rule *readiness_thresholds(enum readiness r);

/* The advice the assessment gives, with a Dutch reason in
 * reason[READINESS_REASON_LEN] for the coach: for paid work what makes the
 * person ready; otherwise what holds them back from the next step, e.g.
 * "voor betaald werk: werktempo en veiligheid nog onder voldoende;
 * belastbaarheid 5 uur per dag (nodig 6)". Pure; the reason is always
 * NUL-terminated. */
enum readiness assessment_advice(const struct assessment *a, char reason[READINESS_REASON_LEN]);

/* Readiness by code ("stay", "external_place", "paid_work"), or -1. */
int readiness_find(const char *code);
/* Code and Dutch label ("blijven (intern)", ...); NULL outside the enum. */
const char *readiness_code(enum readiness r);
const char *readiness_label(enum readiness r);

#endif
