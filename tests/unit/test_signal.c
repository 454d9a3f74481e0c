/*
 * test_signal.c - every signal rule at its boundaries.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/signal.h"

static date_t d(int y, int m, int day)
{
	date_t out;
	assert_int_equal(date_from_ymd(y, m, day, &out), 0);
	return out;
}

static bool fires(const struct path_facts *f, date_t today, enum signal_rule r, date_t *due)
{
	struct signal out[SIG_RULE_COUNT];
	size_t n = signals_evaluate(f, today, out);
	for (size_t i = 0; i < n; i++) {
		if (out[i].rule == r) {
			if (due)
				*due = out[i].due;
			return true;
		}
	}
	return false;
}

/* A newcomer arrived on `arrival`, registered that day, contacted that day. */
static struct path_facts newcomer(date_t arrival)
{
	struct path_facts f = { .has_arrival = true, .arrival = arrival, .registered = arrival, .has_contact = true,
				.last_contact = arrival };
	return f;
}

static void test_intake_clock_days_20_21_22(void **state)
{
	(void)state;
	date_t a = d(2026, 3, 1);
	struct path_facts f = newcomer(a);
	date_t due;
	assert_false(fires(&f, a + 15, SIG_INTAKE_DUE, NULL));
	assert_true(fires(&f, a + 16, SIG_INTAKE_DUE, &due));
	assert_int_equal(due, a + 21);
	assert_true(fires(&f, a + 20, SIG_INTAKE_DUE, NULL));
	assert_false(fires(&f, a + 20, SIG_INTAKE_OVERDUE, NULL));
	assert_true(fires(&f, a + 21, SIG_INTAKE_DUE, NULL)); /* due today */
	assert_false(fires(&f, a + 21, SIG_INTAKE_OVERDUE, NULL));
	assert_true(fires(&f, a + 22, SIG_INTAKE_OVERDUE, NULL));
	assert_false(fires(&f, a + 22, SIG_INTAKE_DUE, NULL));
	f.has_intake = true;
	assert_false(fires(&f, a + 22, SIG_INTAKE_OVERDUE, NULL));
	f.has_intake = false;
	f.has_arrival = false; /* no arrival date known: no clock */
	assert_false(fires(&f, a + 40, SIG_INTAKE_OVERDUE, NULL));
}

static void test_intake_clock_over_leap_day(void **state)
{
	(void)state;
	struct path_facts f = newcomer(d(2028, 2, 20));
	date_t due;
	assert_true(fires(&f, d(2028, 3, 12), SIG_INTAKE_DUE, &due)); /* 29 Feb counts as a day */
	assert_int_equal(due, d(2028, 3, 12));
	assert_true(fires(&f, d(2028, 3, 13), SIG_INTAKE_OVERDUE, NULL));
}

static void test_handover_at_15_months(void **state)
{
	(void)state;
	struct path_facts f = newcomer(d(2025, 1, 15));
	f.has_intake = true;
	f.has_volunteer = true;
	date_t end = d(2026, 4, 15);
	assert_int_equal(signal_guidance_end(f.arrival), end);
	f.last_contact = end; /* keep the contact rule quiet */
	assert_false(fires(&f, end - 31, SIG_HANDOVER_DUE, NULL));
	assert_true(fires(&f, end - 30, SIG_HANDOVER_DUE, NULL));
	assert_true(fires(&f, end, SIG_HANDOVER_DUE, NULL)); /* month 15 exactly */
	assert_false(fires(&f, end, SIG_HANDOVER_OVERDUE, NULL));
	assert_true(fires(&f, end + 1, SIG_HANDOVER_OVERDUE, NULL));
	f.handover_done = true;
	assert_false(fires(&f, end + 1, SIG_HANDOVER_OVERDUE, NULL));
	f.handover_done = false;
	f.has_volunteer = false;
	assert_false(fires(&f, end + 1, SIG_HANDOVER_OVERDUE, NULL));
}

static void test_handover_from_31_january_and_29_february(void **state)
{
	(void)state;
	assert_int_equal(signal_guidance_end(d(2025, 1, 31)), d(2026, 4, 30));
	assert_int_equal(signal_guidance_end(d(2024, 2, 29)), d(2025, 5, 29));
	assert_int_equal(signal_guidance_end(d(2026, 11, 30)), d(2028, 2, 29)); /* into a leap February */
}

static void test_no_contact_six_weeks(void **state)
{
	(void)state;
	date_t c = d(2026, 6, 1);
	struct path_facts f = newcomer(d(2026, 1, 1));
	f.has_intake = true;
	f.last_contact = c;
	assert_false(fires(&f, c + 42, SIG_NO_CONTACT, NULL));
	assert_true(fires(&f, c + 43, SIG_NO_CONTACT, NULL));
	f.has_contact = false; /* never contacted: counts from registration */
	assert_true(fires(&f, d(2026, 1, 1) + 43, SIG_NO_CONTACT, NULL));
}

static void test_no_assessment_eight_weeks(void **state)
{
	(void)state;
	date_t s = d(2026, 5, 4);
	struct path_facts f = newcomer(d(2026, 1, 1));
	f.has_intake = true;
	f.in_work_learning = true;
	f.work_learning_start = s;
	assert_false(fires(&f, s + 56, SIG_NO_ASSESSMENT, NULL));
	assert_true(fires(&f, s + 57, SIG_NO_ASSESSMENT, NULL));
	f.has_assessment = true;
	f.last_assessment = s + 50;
	assert_false(fires(&f, s + 57, SIG_NO_ASSESSMENT, NULL));
	assert_true(fires(&f, s + 107, SIG_NO_ASSESSMENT, NULL));
	f.in_work_learning = false;
	assert_false(fires(&f, s + 200, SIG_NO_ASSESSMENT, NULL));
}

static void test_phase_end_passed(void **state)
{
	(void)state;
	struct path_facts f = newcomer(d(2026, 1, 1));
	f.has_overdue_phase = true;
	f.overdue_planned_end = d(2026, 9, 30);
	assert_false(fires(&f, d(2026, 9, 30), SIG_PHASE_END_PASSED, NULL));
	assert_true(fires(&f, d(2026, 10, 1), SIG_PHASE_END_PASSED, NULL));
}

static void test_integration_deadline_six_months(void **state)
{
	(void)state;
	struct path_facts f = newcomer(d(2024, 1, 1));
	f.has_integration_deadline = true;
	f.integration_deadline = d(2027, 1, 1);
	assert_false(fires(&f, d(2026, 6, 30), SIG_INTEGRATION_DEADLINE, NULL));
	assert_true(fires(&f, d(2026, 7, 1), SIG_INTEGRATION_DEADLINE, NULL));
	assert_true(fires(&f, d(2027, 2, 1), SIG_INTEGRATION_DEADLINE, NULL)); /* passed: still signalled */
	f.exam_done = true;
	assert_false(fires(&f, d(2026, 12, 1), SIG_INTEGRATION_DEADLINE, NULL));
}

static void test_dropout_follow_up(void **state)
{
	(void)state;
	date_t out = d(2026, 3, 10);
	struct path_facts f = newcomer(d(2025, 1, 1));
	f.has_intake = true;
	f.dropped_out = true;
	f.dropped_out_since = out;
	f.last_contact = d(2025, 6, 1);
	assert_false(fires(&f, out + 28, SIG_DROPOUT_NO_FOLLOW_UP, NULL));
	assert_true(fires(&f, out + 29, SIG_DROPOUT_NO_FOLLOW_UP, NULL));
	assert_false(fires(&f, out + 100, SIG_NO_CONTACT, NULL)); /* the drop-out rule speaks instead */
	f.last_contact = out + 20;
	assert_false(fires(&f, out + 29, SIG_DROPOUT_NO_FOLLOW_UP, NULL));
	assert_true(fires(&f, out + 49, SIG_DROPOUT_NO_FOLLOW_UP, NULL));
}

static void test_sheltered_hold(void **state)
{
	(void)state;
	date_t until = d(2026, 12, 31);
	struct path_facts f = newcomer(d(2025, 1, 1));
	f.has_hold = true;
	f.hold_until = until;
	assert_false(fires(&f, until - 31, SIG_SHELTERED_HOLD_ENDING, NULL));
	assert_true(fires(&f, until - 30, SIG_SHELTERED_HOLD_ENDING, NULL));
	assert_true(fires(&f, until, SIG_SHELTERED_HOLD_ENDING, NULL));
	assert_false(fires(&f, until + 1, SIG_SHELTERED_HOLD_ENDING, NULL));
}

/* Three unexcused absences within 28 days: the third most recent one at
 * most 28 days ago. */
static void test_class_absence_28_days(void **state)
{
	(void)state;
	date_t third = d(2026, 2, 20); /* 28 days later is 20 March */
	struct path_facts f = newcomer(d(2025, 1, 1));
	f.has_intake = true;
	date_t due;
	assert_false(fires(&f, third + 5, SIG_CLASS_ABSENCE, NULL)); /* fewer than three */
	f.has_third_absence = true;
	f.third_absence = third;
	assert_true(fires(&f, third, SIG_CLASS_ABSENCE, &due));
	assert_int_equal(due, third);
	assert_true(fires(&f, third + 27, SIG_CLASS_ABSENCE, NULL));
	assert_true(fires(&f, third + 28, SIG_CLASS_ABSENCE, NULL));
	assert_int_equal(third + 28, d(2026, 3, 20));
	assert_false(fires(&f, third + 29, SIG_CLASS_ABSENCE, NULL));
	assert_false(fires(&f, third - 1, SIG_CLASS_ABSENCE, NULL)); /* a day recorded ahead of today */
	assert_int_equal(signal_rule(SIG_CLASS_ABSENCE)->actor, ROLE_JOB_COACH);
}

static void test_rule_table(void **state)
{
	(void)state;
	for (int i = 0; i < SIG_RULE_COUNT; i++) {
		enum signal_rule r;
		assert_int_equal(signal_rule_find(signal_rule((enum signal_rule)i)->code, &r), 0);
		assert_int_equal(r, i);
		assert_non_null(signal_rule((enum signal_rule)i)->label);
	}
	enum signal_rule r;
	assert_int_equal(signal_rule_find("nonsense", &r), -1);
}

/* An open volunteer link on a day: started on or before it, not yet ended
 * (the end day is the first day without the volunteer). */
static void test_volunteer_spans(void **state)
{
	(void)state;
	assert_false(signal_spans_cover("", d(2026, 5, 1)));
	assert_false(signal_spans_cover(NULL, d(2026, 5, 1)));
	assert_true(signal_spans_cover("2026-05-01/", d(2026, 5, 1)));
	assert_false(signal_spans_cover("2026-05-02/", d(2026, 5, 1)));
	assert_true(signal_spans_cover("2025-01-01/2026-05-02", d(2026, 5, 1)));
	assert_false(signal_spans_cover("2025-01-01/2026-05-01", d(2026, 5, 1)));
	/* an ended link and a later open one */
	assert_false(signal_spans_cover("2024-01-01/2024-06-01,2026-06-01/", d(2026, 5, 1)));
	assert_true(signal_spans_cover("2024-01-01/2024-06-01,2026-06-01/", d(2026, 6, 1)));
	/* leap day */
	assert_true(signal_spans_cover("2024-02-29/2024-03-01", d(2024, 2, 29)));
	/* a span that does not parse covers nothing, the others still count */
	assert_false(signal_spans_cover("garbage", d(2026, 5, 1)));
	assert_false(signal_spans_cover("2026-02-30/", d(2026, 5, 1)));
	assert_true(signal_spans_cover("x/y,2026-01-01/", d(2026, 5, 1)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intake_clock_days_20_21_22),
		cmocka_unit_test(test_intake_clock_over_leap_day),
		cmocka_unit_test(test_handover_at_15_months),
		cmocka_unit_test(test_handover_from_31_january_and_29_february),
		cmocka_unit_test(test_no_contact_six_weeks),
		cmocka_unit_test(test_no_assessment_eight_weeks),
		cmocka_unit_test(test_phase_end_passed),
		cmocka_unit_test(test_integration_deadline_six_months),
		cmocka_unit_test(test_dropout_follow_up),
		cmocka_unit_test(test_sheltered_hold),
		cmocka_unit_test(test_class_absence_28_days),
		cmocka_unit_test(test_rule_table),
		cmocka_unit_test(test_volunteer_spans),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
