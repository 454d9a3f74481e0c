/*
 * test_assessment.c - the rubric table, scores at the ends of each scale,
 * the trend rule at exactly half a point, and each readiness advice at its
 * thresholds with the reason it gives.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "domain/assessment.h"

/* Every rubric item at `rubric`, work capacity at `hours`. */
static struct assessment all(int rubric, int hours)
{
	struct assessment a;
	for (int i = 0; i < ASSESSMENT_ITEM_COUNT; i++) {
		a.score[i] = i == ASSESS_WORK_CAPACITY ? hours : rubric;
		a.has_score[i] = true;
	}
	return a;
}

static void test_items(void **state)
{
	(void)state;
	static const char *const codes[ASSESSMENT_ITEM_COUNT] = { "punctuality", "attendance", "pace",
								  "quality", "instructions", "cooperation",
								  "safety", "vocabulary", "work_capacity" };
	for (int i = 0; i < ASSESSMENT_ITEM_COUNT; i++) {
		const struct assessment_item *it = assessment_item(i);
		assert_non_null(it);
		assert_string_equal(it->code, codes[i]);
		assert_int_equal(assessment_item_find(codes[i]), i);
		for (int v = it->min; v <= it->max; v++)
			assert_non_null(assessment_point_label(i, v));
		assert_null(assessment_point_label(i, it->min - 1));
		assert_null(assessment_point_label(i, it->max + 1));
	}
	assert_null(assessment_item(-1));
	assert_null(assessment_item(ASSESSMENT_ITEM_COUNT));
	assert_int_equal(assessment_item_find("speed"), -1);
	assert_int_equal(assessment_item_find(NULL), -1);
	assert_string_equal(assessment_item(ASSESS_PUNCTUALITY)->label, "stiptheid");
	assert_string_equal(assessment_item(ASSESS_VOCABULARY)->label, "Nederlandse werktaal");
	assert_string_equal(assessment_point_label(ASSESS_PACE, 1), "onvoldoende");
	assert_string_equal(assessment_point_label(ASSESS_PACE, 2), "matig");
	assert_string_equal(assessment_point_label(ASSESS_PACE, 3), "voldoende");
	assert_string_equal(assessment_point_label(ASSESS_PACE, 4), "goed");
	assert_string_equal(assessment_point_label(ASSESS_WORK_CAPACITY, 0), "0 uur");
	assert_string_equal(assessment_point_label(ASSESS_WORK_CAPACITY, 8), "8 uur");
	assert_int_equal(assessment_item(ASSESS_WORK_CAPACITY)->min, 0);
	assert_int_equal(assessment_item(ASSESS_WORK_CAPACITY)->max, 8);
}

/* Check one score; the field and reason of a failure go to field/reason. */
static int score(int item, long v, char field[64], char reason[240])
{
	struct err e;
	err_init(&e);
	int rc = assessment_score_check(item, v, &e);
	field[0] = reason[0] = '\0';
	if (rc != 0) {
		assert_int_equal(e.kind, ERR_INVALID);
		if (e.nfields) {
			snprintf(field, 64, "%s", e.fields[0].field);
			snprintf(reason, 240, "%s", e.fields[0].reason);
		}
	}
	err_release(&e);
	return rc;
}

static void test_score_scales(void **state)
{
	(void)state;
	char field[64], reason[240];
	assert_int_equal(score(ASSESS_PACE, 0, field, reason), -1);
	assert_string_equal(field, "pace");
	assert_string_equal(reason, "score 0 is outside the scale 1 to 4");
	assert_int_equal(score(ASSESS_PACE, 1, field, reason), 0);
	assert_int_equal(score(ASSESS_PACE, 4, field, reason), 0);
	assert_int_equal(score(ASSESS_PACE, 5, field, reason), -1);
	assert_string_equal(reason, "score 5 is outside the scale 1 to 4");
	assert_int_equal(score(ASSESS_SAFETY, 5, field, reason), -1);
	assert_string_equal(field, "safety");
	assert_int_equal(score(ASSESS_WORK_CAPACITY, -1, field, reason), -1);
	assert_string_equal(field, "work_capacity");
	assert_string_equal(reason, "score -1 is outside the scale 0 to 8");
	assert_int_equal(score(ASSESS_WORK_CAPACITY, 0, field, reason), 0);
	assert_int_equal(score(ASSESS_WORK_CAPACITY, 8, field, reason), 0);
	assert_int_equal(score(ASSESS_WORK_CAPACITY, 9, field, reason), -1);
	assert_string_equal(reason, "score 9 is outside the scale 0 to 8");
	assert_int_equal(score(ASSESS_PACE, 4294967299L, field, reason), -1); /* no wrap to 3 */
	assert_int_equal(score(ASSESSMENT_ITEM_COUNT, 1, field, reason), -1);
	assert_string_equal(field, "");
}

static void test_whole_rubric(void **state)
{
	(void)state;
	struct err e;
	err_init(&e);
	struct assessment a = all(3, 6);
	assert_int_equal(assessment_check(&a, &e), 0);
	assert_int_equal(e.kind, ERR_NONE);
	a.has_score[ASSESS_WORK_CAPACITY] = false; /* every item is required, work capacity too */
	a.score[ASSESS_QUALITY] = 0;
	assert_int_equal(assessment_check(&a, &e), -1);
	assert_int_equal(e.nfields, 2);
	assert_string_equal(e.fields[0].field, "quality");
	assert_string_equal(e.fields[1].field, "work_capacity");
	assert_string_equal(e.fields[1].reason, "is required");
	err_release(&e);
}

static void test_trend(void **state)
{
	(void)state;
	const int none[] = { 3 };
	assert_int_equal(assessment_trend(none, 0), TREND_NONE);
	assert_int_equal(assessment_trend(none, 1), TREND_NONE);
	/* two scores: the mean of both against the first, half a point per point */
	const int up2[] = { 2, 3 }, flat2[] = { 3, 3 }, down2[] = { 3, 2 };
	assert_int_equal(assessment_trend(up2, 2), TREND_UP);
	assert_int_equal(assessment_trend(flat2, 2), TREND_FLAT);
	assert_int_equal(assessment_trend(down2, 2), TREND_DOWN);
	/* three: the last two against the first */
	const int up3[] = { 2, 2, 3 }, flat3[] = { 3, 4, 2 }, down3[] = { 3, 3, 2 };
	assert_int_equal(assessment_trend(up3, 3), TREND_UP);   /* 2.5 - 2 = 0.5 exactly */
	assert_int_equal(assessment_trend(flat3, 3), TREND_FLAT); /* 3 - 3 */
	assert_int_equal(assessment_trend(down3, 3), TREND_DOWN); /* 2.5 - 3 = -0.5 exactly */
	/* four or more: the last two against the two before; older ones do not count */
	const int up4[] = { 1, 1, 2, 3, 3, 3 };  /* 3 vs 2.5: +0.5 exactly */
	const int down4[] = { 4, 4, 3, 3, 3, 2 }; /* 2.5 vs 3: -0.5 exactly */
	const int flat4[] = { 1, 4, 2, 3, 3, 2 }; /* 2.5 vs 2.5 */
	const int wide[] = { 1, 1, 4, 4 };      /* 4 vs 1 */
	assert_int_equal(assessment_trend(up4, 6), TREND_UP);
	assert_int_equal(assessment_trend(down4, 6), TREND_DOWN);
	assert_int_equal(assessment_trend(flat4, 6), TREND_FLAT);
	assert_int_equal(assessment_trend(wide, 4), TREND_UP);
	assert_int_equal(assessment_trend(up4, 4), TREND_UP); /* {1,1,2,3}: 2.5 vs 1 */
	/* work capacity in hours works the same way */
	const int hours[] = { 4, 4, 5, 4 }; /* 4.5 vs 4: +0.5 */
	assert_int_equal(assessment_trend(hours, 4), TREND_UP);
	assert_string_equal(assessment_trend_code(TREND_NONE), "none");
	assert_string_equal(assessment_trend_code(TREND_UP), "up");
	assert_string_equal(assessment_trend_code(TREND_FLAT), "flat");
	assert_string_equal(assessment_trend_code(TREND_DOWN), "down");
	assert_null(assessment_trend_code(TREND_COUNT));
}

static void test_readiness_codes(void **state)
{
	(void)state;
	assert_int_equal(readiness_find("stay"), READY_STAY);
	assert_int_equal(readiness_find("external_place"), READY_EXTERNAL);
	assert_int_equal(readiness_find("paid_work"), READY_PAID_WORK);
	assert_int_equal(readiness_find("external"), -1);
	assert_int_equal(readiness_find(NULL), -1);
	assert_string_equal(readiness_label(READY_STAY), "blijven (intern)");
	assert_string_equal(readiness_label(READY_EXTERNAL), "extern werkleertraject / werkervaringsplek");
	assert_string_equal(readiness_label(READY_PAID_WORK), "betaald werk");
	assert_string_equal(readiness_code(READY_EXTERNAL), "external_place");
	assert_null(readiness_code(READINESS_COUNT));
	assert_null(readiness_label(READINESS_COUNT));
	assert_null(readiness_thresholds(READY_STAY));
	assert_int_equal(readiness_thresholds(READY_PAID_WORK)->capacity_at_least, 6);
	assert_int_equal(readiness_thresholds(READY_EXTERNAL)->capacity_at_least, 4);
	assert_int_equal(readiness_thresholds(READY_EXTERNAL)->most_count, 6);
}

static void test_advice_paid_work(void **state)
{
	(void)state;
	char reason[READINESS_REASON_LEN];
	struct assessment a = all(3, 6);
	assert_int_equal(assessment_advice(&a, reason), READY_PAID_WORK);
	assert_string_equal(reason, "klaar voor betaald werk: alle onderdelen voldoende of beter; "
				    "belastbaarheid 6 uur per dag");
	a = all(4, 8);
	assert_int_equal(assessment_advice(&a, reason), READY_PAID_WORK);
	/* one hour short: external, and the reason says why not paid work */
	a = all(3, 5);
	assert_int_equal(assessment_advice(&a, reason), READY_EXTERNAL);
	assert_string_equal(reason, "voor betaald werk: belastbaarheid 5 uur per dag (nodig 6)");
	/* one item at 2: external */
	a = all(4, 8);
	a.score[ASSESS_VOCABULARY] = 2;
	assert_int_equal(assessment_advice(&a, reason), READY_EXTERNAL);
	assert_string_equal(reason, "voor betaald werk: Nederlandse werktaal nog onder voldoende");
	/* the brief's example */
	a = all(3, 5);
	a.score[ASSESS_PACE] = 2;
	a.score[ASSESS_SAFETY] = 3;
	a.score[ASSESS_QUALITY] = 2;
	assert_int_equal(assessment_advice(&a, reason), READY_EXTERNAL);
	assert_string_equal(reason, "voor betaald werk: werktempo en kwaliteit nog onder voldoende; "
				    "belastbaarheid 5 uur per dag (nodig 6)");
}

static void test_advice_external(void **state)
{
	(void)state;
	char reason[READINESS_REASON_LEN];
	/* six of eight at 3, two at 2, key items at 3, four hours: external */
	struct assessment a = all(3, 4);
	a.score[ASSESS_PACE] = 2;
	a.score[ASSESS_VOCABULARY] = 2;
	assert_int_equal(assessment_advice(&a, reason), READY_EXTERNAL);
	assert_string_equal(reason, "voor betaald werk: werktempo en Nederlandse werktaal nog onder voldoende; "
				    "belastbaarheid 4 uur per dag (nodig 6)");
	/* three hours: stay */
	a.score[ASSESS_WORK_CAPACITY] = 3;
	assert_int_equal(assessment_advice(&a, reason), READY_STAY);
	assert_string_equal(reason, "voor een externe plek: belastbaarheid 3 uur per dag (nodig 4)");
	/* five of eight at 3: stay */
	a.score[ASSESS_WORK_CAPACITY] = 4;
	a.score[ASSESS_QUALITY] = 2;
	assert_int_equal(assessment_advice(&a, reason), READY_STAY);
	assert_string_equal(reason, "voor een externe plek: 5 van 8 onderdelen voldoende of beter (nodig 6)");
	/* an item at 1: stay, even with everything else good */
	a = all(4, 8);
	a.score[ASSESS_COOPERATION] = 1;
	assert_int_equal(assessment_advice(&a, reason), READY_STAY);
	assert_string_equal(reason, "voor een externe plek: samenwerken nog onder matig");
}

static void test_advice_key_items(void **state)
{
	(void)state;
	static const enum assessment_item_id keys[] = { ASSESS_PUNCTUALITY, ASSESS_ATTENDANCE, ASSESS_SAFETY };
	static const char *const why[] = {
		"voor een externe plek: stiptheid nog onder voldoende",
		"voor een externe plek: aanwezigheid nog onder voldoende",
		"voor een externe plek: veiligheid nog onder voldoende",
	};
	char reason[READINESS_REASON_LEN];
	for (size_t i = 0; i < 3; i++) {
		/* seven of eight at 3 or more, but the one at 2 is a key item */
		struct assessment a = all(4, 8);
		a.score[keys[i]] = 2;
		assert_int_equal(assessment_advice(&a, reason), READY_STAY);
		assert_string_equal(reason, why[i]);
		a.score[keys[i]] = 3;
		assert_int_equal(assessment_advice(&a, reason), READY_PAID_WORK);
	}
	/* the same with a non-key item at 2: external */
	struct assessment a = all(4, 8);
	a.score[ASSESS_INSTRUCTIONS] = 2;
	assert_int_equal(assessment_advice(&a, reason), READY_EXTERNAL);
	/* several reasons at once, in order */
	a = all(3, 2);
	a.score[ASSESS_PUNCTUALITY] = 1;
	a.score[ASSESS_SAFETY] = 2;
	a.score[ASSESS_PACE] = 2;
	a.score[ASSESS_QUALITY] = 1;
	assert_int_equal(assessment_advice(&a, reason), READY_STAY);
	assert_string_equal(reason, "voor een externe plek: stiptheid en kwaliteit nog onder matig; "
				    "veiligheid nog onder voldoende; 4 van 8 onderdelen voldoende of beter (nodig 6); "
				    "belastbaarheid 2 uur per dag (nodig 4)");
}

static void test_advice_missing_scores(void **state)
{
	(void)state;
	char reason[READINESS_REASON_LEN];
	struct assessment a = all(4, 8);
	a.has_score[ASSESS_WORK_CAPACITY] = false;
	assert_int_equal(assessment_advice(&a, reason), READY_STAY);
	assert_string_equal(reason, "voor een externe plek: belastbaarheid (uren per dag) niet beoordeeld");
	a = all(4, 8);
	a.has_score[ASSESS_PACE] = false;
	a.has_score[ASSESS_QUALITY] = false;
	a.has_score[ASSESS_SAFETY] = false;
	assert_int_equal(assessment_advice(&a, reason), READY_STAY);
	assert_string_equal(reason, "voor een externe plek: werktempo, kwaliteit en veiligheid niet beoordeeld; "
				    "5 van 8 onderdelen voldoende of beter (nodig 6)");
	/* nothing scored: the reason still fits */
	struct assessment none;
	memset(&none, 0, sizeof none);
	assert_int_equal(assessment_advice(&none, reason), READY_STAY);
	assert_true(strlen(reason) < READINESS_REASON_LEN);
	assert_non_null(strstr(reason, "niet beoordeeld"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_items),
		cmocka_unit_test(test_score_scales),
		cmocka_unit_test(test_whole_rubric),
		cmocka_unit_test(test_trend),
		cmocka_unit_test(test_readiness_codes),
		cmocka_unit_test(test_advice_paid_work),
		cmocka_unit_test(test_advice_external),
		cmocka_unit_test(test_advice_key_items),
		cmocka_unit_test(test_advice_missing_scores),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
