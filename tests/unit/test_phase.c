/*
 * test_phase.c - the transition table and phase_check(): dates, allowed
 * and refused transitions, overlap, phases beside and inside others.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "domain/phase.h"

static date_t d(int y, int m, int day)
{
	date_t out;
	assert_int_equal(date_from_ymd(y, m, day, &out), 0);
	return out;
}

static struct phase ph(long id, enum phase_kind k, date_t start, date_t end)
{
	struct phase p = { .id = id, .kind = k, .start = start, .has_actual_end = end != 0, .actual_end = end };
	return p;
}

/* phase_check on 2026-11-22; *field names the first field error. */
static int check(const struct phase *ps, size_t n, struct phase p, long *close, const char **field)
{
	static char first[64];
	struct err e;
	err_init(&e);
	int rc = phase_check(ps, n, &p, d(2026, 11, 22), close, &e);
	snprintf(first, sizeof first, "%s", e.nfields ? e.fields[0].field : "");
	if (field)
		*field = first;
	err_release(&e);
	return rc;
}

static void test_table(void **state)
{
	(void)state;
	assert_true(phase_may_follow(-1, PHASE_INTAKE));
	assert_true(phase_may_follow(-1, PHASE_REGISTRATION));
	assert_false(phase_may_follow(-1, PHASE_PAID_WORK));
	assert_true(phase_may_follow(PHASE_INTAKE, PHASE_INTERNAL_WORK_LEARNING));
	assert_true(phase_may_follow(PHASE_INTERNAL_WORK_LEARNING, PHASE_EXTERNAL_WORK_LEARNING));
	assert_true(phase_may_follow(PHASE_WORK_EXPERIENCE_PLACE, PHASE_PAID_WORK));
	assert_false(phase_may_follow(PHASE_REGISTRATION, PHASE_PAID_WORK)); /* intake first */
	assert_false(phase_may_follow(PHASE_SHELTERED_WORK, PHASE_STUDY));
	assert_true(phase_may_follow(PHASE_DROPPED_OUT, PHASE_SHELTERED_WORK)); /* a held place */
	assert_false(phase_may_follow(PHASE_DROPPED_OUT, PHASE_DROPPED_OUT));
	for (int k = 0; k < PHASE_KIND_COUNT; k++) {
		enum phase_kind back;
		assert_int_equal(phase_kind_find(phase_kind_def((enum phase_kind)k)->code, &back), 0);
		assert_int_equal(back, k);
		/* anyone on the main track can drop out, except someone who already did */
		if (k != PHASE_DROPPED_OUT && phase_kind_def((enum phase_kind)k)->track == TRACK_MAIN)
			assert_true(phase_may_follow(k, PHASE_DROPPED_OUT));
		/* phases beside or inside are never transitions */
		assert_false(phase_may_follow(k, PHASE_SOCIAL_GUIDANCE));
		assert_false(phase_may_follow(k, PHASE_CAREER_ORIENTATION));
	}
}

static void test_dates(void **state)
{
	(void)state;
	const char *field;
	long close;
	struct phase p = ph(0, PHASE_INTAKE, d(2026, 5, 1), 0);
	p.has_planned_end = true;
	p.planned_end = d(2026, 4, 30);
	assert_int_equal(check(NULL, 0, p, &close, &field), -1);
	assert_string_equal(field, "planned_end");
	p = ph(0, PHASE_INTAKE, d(2026, 5, 1), d(2026, 4, 1));
	assert_int_equal(check(NULL, 0, p, &close, &field), -1);
	assert_string_equal(field, "actual_end");
	p = ph(0, PHASE_INTAKE, d(2026, 5, 1), d(2026, 11, 23)); /* ends tomorrow: not yet known */
	assert_int_equal(check(NULL, 0, p, &close, &field), -1);
	assert_string_equal(field, "actual_end");
	p = ph(0, PHASE_INTAKE, d(2026, 5, 1), d(2026, 11, 22));
	assert_int_equal(check(NULL, 0, p, &close, NULL), 0);
	p = ph(0, PHASE_INTAKE, d(2026, 11, 23), 0); /* starts tomorrow */
	assert_int_equal(check(NULL, 0, p, &close, &field), -1);
	assert_string_equal(field, "start_date");
}

static void test_forbidden_transition(void **state)
{
	(void)state;
	const char *field;
	long close;
	struct phase ps[] = { ph(1, PHASE_INTAKE, d(2026, 1, 5), d(2026, 1, 5)),
			      ph(2, PHASE_SHELTERED_WORK, d(2026, 1, 6), 0) };
	assert_int_equal(check(ps, 2, ph(0, PHASE_STUDY, d(2026, 6, 1), 0), &close, &field), -1);
	assert_string_equal(field, "kind");
	assert_int_equal(check(NULL, 0, ph(0, PHASE_PAID_WORK, d(2026, 6, 1), 0), &close, &field), -1);
	assert_string_equal(field, "kind");
}

static void test_next_step_closes_the_open_one(void **state)
{
	(void)state;
	long close = -1;
	struct phase ps[] = { ph(1, PHASE_INTAKE, d(2026, 1, 5), d(2026, 1, 6)),
			      ph(2, PHASE_INTERNAL_WORK_LEARNING, d(2026, 1, 6), 0) };
	assert_int_equal(check(ps, 2, ph(0, PHASE_EXTERNAL_WORK_LEARNING, d(2026, 6, 1), 0), &close, NULL), 0);
	assert_int_equal(close, 2);
	/* the same start day as the open one: that one closes on its first day */
	assert_int_equal(check(ps, 2, ph(0, PHASE_EXTERNAL_WORK_LEARNING, d(2026, 1, 6), 0), &close, NULL), 0);
	assert_int_equal(close, 2);
}

static void test_same_day_intake_and_first_step(void **state)
{
	(void)state;
	long close = -1;
	/* registration and intake on the arrival day, first step the same day */
	struct phase ps[] = { ph(1, PHASE_REGISTRATION, d(2026, 1, 5), d(2026, 1, 5)),
			      ph(2, PHASE_INTAKE, d(2026, 1, 5), d(2026, 1, 5)) };
	assert_int_equal(check(ps, 2, ph(0, PHASE_INTERNAL_WORK_LEARNING, d(2026, 1, 5), 0), &close, NULL), 0);
	assert_int_equal(close, 0);
	/* then the next step closes the open first step, not the intake */
	struct phase more[] = { ps[0], ps[1], ph(3, PHASE_INTERNAL_WORK_LEARNING, d(2026, 1, 5), 0) };
	assert_int_equal(check(more, 3, ph(0, PHASE_EXTERNAL_WORK_LEARNING, d(2026, 3, 1), 0), &close, NULL), 0);
	assert_int_equal(close, 3);
}

static void test_no_overlap_with_a_closed_main_phase(void **state)
{
	(void)state;
	const char *field;
	long close;
	struct phase ps[] = { ph(1, PHASE_INTAKE, d(2026, 1, 5), d(2026, 1, 6)),
			      ph(2, PHASE_INTERNAL_WORK_LEARNING, d(2026, 1, 6), d(2026, 5, 1)) };
	assert_int_equal(check(ps, 2, ph(0, PHASE_EXTERNAL_WORK_LEARNING, d(2026, 4, 1), 0), &close, &field), -1);
	assert_string_equal(field, "start_date");
	assert_int_equal(check(ps, 2, ph(0, PHASE_EXTERNAL_WORK_LEARNING, d(2026, 5, 1), 0), &close, NULL), 0);
	assert_int_equal(close, 0);
	/* not before a later main phase */
	assert_int_equal(check(ps, 2, ph(0, PHASE_STUDY, d(2026, 1, 1), 0), &close, &field), -1);
	assert_string_equal(field, "start_date");
}

static void test_beside_and_inside(void **state)
{
	(void)state;
	const char *field;
	long close;
	struct phase ps[] = { ph(1, PHASE_INTAKE, d(2026, 1, 5), d(2026, 1, 6)),
			      ph(2, PHASE_INTERNAL_WORK_LEARNING, d(2026, 1, 6), 0) };
	/* social guidance overlaps work-learning */
	assert_int_equal(check(ps, 2, ph(0, PHASE_SOCIAL_GUIDANCE, d(2026, 1, 5), 0), &close, NULL), 0);
	assert_int_equal(close, 0);
	/* career orientation only inside sheltered work */
	assert_int_equal(check(ps, 2, ph(0, PHASE_CAREER_ORIENTATION, d(2026, 7, 1), 0), &close, &field), -1);
	assert_string_equal(field, "kind");
	struct phase sw[] = { ph(1, PHASE_INTAKE, d(2026, 1, 5), d(2026, 1, 6)),
			      ph(2, PHASE_SHELTERED_WORK, d(2026, 1, 6), 0) };
	assert_int_equal(check(sw, 2, ph(0, PHASE_CAREER_ORIENTATION, d(2026, 7, 6), 0), &close, NULL), 0);
}

static void test_current_main(void **state)
{
	(void)state;
	struct phase ps[] = { ph(1, PHASE_INTAKE, d(2026, 1, 5), d(2026, 1, 6)),
			      ph(2, PHASE_SOCIAL_GUIDANCE, d(2026, 1, 5), 0),
			      ph(3, PHASE_DROPPED_OUT, d(2026, 3, 1), d(2026, 4, 1)) };
	assert_int_equal(phase_current_main(ps, 3, d(2026, 11, 22))->id, 3);
	assert_int_equal(phase_current_main(ps, 3, d(2026, 1, 5))->id, 1);
	assert_null(phase_current_main(ps, 3, d(2025, 1, 1)));
	assert_true(phase_open_on(&ps[1], d(2030, 1, 1)));
	assert_false(phase_open_on(&ps[0], d(2026, 1, 6))); /* ends on the day the next begins */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_forbidden_transition),
		cmocka_unit_test(test_next_step_closes_the_open_one),
		cmocka_unit_test(test_same_day_intake_and_first_step),
		cmocka_unit_test(test_no_overlap_with_a_closed_main_phase),
		cmocka_unit_test(test_beside_and_inside),
		cmocka_unit_test(test_current_main),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
