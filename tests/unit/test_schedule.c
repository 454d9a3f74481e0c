/*
 * test_schedule.c - the week-plan rules of domain/schedule.c: clock times
 * and the day-parts they touch (at the exact minute boundaries), day-part
 * times validation, recurrence with validity periods and exceptions, every
 * conflict rule just inside and just past its boundary with its key and
 * Dutch message, conflicts over several weeks, and the matching queries.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "domain/codes.h"
#include "domain/schedule.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define BIT(day, part) DAYPART_BIT(WD_##day, DP_##part)
#define HM(h, m) ((h) * 60 + (m))

static date_t d(int y, int m, int day)
{
	date_t out;
	assert_int_equal(date_from_ymd(y, m, day, &out), 0);
	return out;
}

/* The week the tests plan in: Monday 3 March 2025. */
static date_t monday(void)
{
	date_t m = d(2025, 3, 3);
	assert_int_equal(date_weekday(m), WD_MON);
	return m;
}

/* A plan entry (or a class when tt) valid from the reference Monday on,
 * without its own times. */
static struct plan_item item(enum plan_kind kind, int64_t id, bool tt, daypart_set parts, const char *title)
{
	struct plan_item it = { .id = id, .from_timetable = tt, .kind = kind, .parts = parts, .start_min = -1,
				.end_min = -1, .from = monday(), .title = title };
	return it;
}

static struct plan_item timed(struct plan_item it, int start, int end)
{
	it.start_min = start;
	it.end_min = end;
	return it;
}

static const struct schedule_person nobody_known = { .agreed_parts = -1, .capacity_days = -1, .capacity_hours = -1 };

static struct schedule_plan plan_of(const struct plan_item *items, size_t n, const struct schedule_person *p)
{
	struct schedule_plan plan = { .items = items, .nitems = n, .person = p ? p : &nobody_known };
	return plan;
}

/* The conflicts of the reference week; *out gets at most max of them. */
static size_t conflicts(const struct schedule_plan *plan, struct schedule_conflict *out, size_t max)
{
	return schedule_conflicts(plan, monday(), out, max);
}

/* ---- clock times ---- */

static void test_clock_parse(void **state)
{
	(void)state;
	int m = -7;
	assert_int_equal(clock_parse("00:00", &m), 0);
	assert_int_equal(m, 0);
	assert_int_equal(clock_parse("08:30", &m), 0);
	assert_int_equal(m, 510);
	assert_int_equal(clock_parse("23:59", &m), 0);
	assert_int_equal(m, 1439);
	assert_int_equal(clock_parse("24:00", &m), 0);
	assert_int_equal(m, 1440);

	static const char *const bad[] = { "8:30", "12:60", "24:01", "25:00", "ab:cd", "08-30", "08:3", "08:300",
					   " 8:30", "", "0830", "-1:00" };
	for (size_t i = 0; i < COUNT(bad); i++) {
		m = -7;
		if (clock_parse(bad[i], &m) != -1)
			fail_msg("clock_parse accepted \"%s\"", bad[i]);
		assert_int_equal(m, -7);
	}
	assert_int_equal(clock_parse(NULL, &m), -1);

	char out[CLOCK_STR_LEN];
	clock_format(510, out);
	assert_string_equal(out, "08:30");
	clock_format(0, out);
	assert_string_equal(out, "00:00");
	clock_format(1440, out);
	assert_string_equal(out, "24:00");
	clock_format(HM(21, 5), out);
	assert_string_equal(out, "21:05");
}

static void test_interval_parts(void **state)
{
	(void)state;
	struct day_part_times t;
	schedule_default_times(&t);
	assert_int_equal(t.start[DP_MORNING], HM(8, 30));
	assert_int_equal(t.end[DP_MORNING], HM(12, 30));
	assert_int_equal(t.start[DP_AFTERNOON], HM(13, 0));
	assert_int_equal(t.end[DP_AFTERNOON], HM(17, 0));
	assert_int_equal(t.start[DP_EVENING], HM(18, 30));
	assert_int_equal(t.end[DP_EVENING], HM(21, 30));

	/* ending exactly when the morning starts touches nothing; one minute in touches it */
	assert_int_equal(schedule_interval_parts(WD_TUE, HM(7, 0), HM(8, 30), &t), 0);
	assert_int_equal(schedule_interval_parts(WD_TUE, HM(7, 0), HM(8, 31), &t), BIT(TUE, MORNING));
	/* starting exactly when the morning ends touches nothing */
	assert_int_equal(schedule_interval_parts(WD_TUE, HM(12, 30), HM(13, 0), &t), 0);
	assert_int_equal(schedule_interval_parts(WD_TUE, HM(12, 29), HM(13, 0), &t), BIT(TUE, MORNING));
	assert_int_equal(schedule_interval_parts(WD_TUE, HM(12, 30), HM(13, 1), &t), BIT(TUE, AFTERNOON));
	/* a class after the evening */
	assert_int_equal(schedule_interval_parts(WD_WED, HM(21, 45), HM(22, 30), &t), 0);
	assert_int_equal(schedule_interval_parts(WD_WED, HM(21, 29), HM(24, 0), &t), BIT(WED, EVENING));
	/* the whole day, on the right weekday only */
	assert_int_equal(schedule_interval_parts(WD_SUN, 0, HM(24, 0), &t), daypart_day(WD_SUN));
	assert_int_equal(schedule_interval_parts(WD_MON, HM(9, 0), HM(14, 0), &t),
			 BIT(MON, MORNING) | BIT(MON, AFTERNOON));
	assert_int_equal(schedule_interval_parts(WEEKDAY_COUNT, 0, HM(24, 0), &t), 0);
}

/* Validate t; the one field error it must give is `field`, its reason
 * containing `part` (NULL: no error at all). */
static void expect_times(const struct day_part_times *t, const char *field, const char *part)
{
	struct err e;
	err_init(&e);
	int rc = schedule_times_validate(t, &e);
	if (field == NULL) {
		assert_int_equal(rc, 0);
		assert_int_equal(e.nfields, 0);
	} else {
		assert_int_equal(rc, -1);
		assert_int_equal(e.kind, ERR_INVALID);
		assert_int_equal(e.nfields, 1);
		assert_string_equal(e.fields[0].field, field);
		if (strstr(e.fields[0].reason, part) == NULL)
			fail_msg("reason \"%s\" lacks \"%s\"", e.fields[0].reason, part);
	}
	err_release(&e);
}

static void test_times_validate(void **state)
{
	(void)state;
	struct day_part_times t;
	schedule_default_times(&t);
	expect_times(&t, NULL, NULL);

	/* the morning may end exactly when the afternoon starts, not later */
	t.end[DP_MORNING] = HM(13, 0);
	expect_times(&t, NULL, NULL);
	t.end[DP_MORNING] = HM(13, 30);
	expect_times(&t, "morning.end_time", "\"13:30\" is after the afternoon starts at \"13:00\"");

	schedule_default_times(&t);
	t.end[DP_AFTERNOON] = HM(17, 1);
	t.start[DP_EVENING] = HM(17, 0);
	expect_times(&t, "afternoon.end_time", "\"17:01\"");

	schedule_default_times(&t);
	t.end[DP_AFTERNOON] = t.start[DP_AFTERNOON];
	expect_times(&t, "afternoon.end_time", "is not after the start \"13:00\"");

	schedule_default_times(&t);
	t.end[DP_EVENING] = HM(24, 0);
	expect_times(&t, NULL, NULL);
	t.end[DP_EVENING] = HM(24, 0) + 1;
	expect_times(&t, "evening.end_time", "is not after");

	schedule_default_times(&t);
	t.start[DP_MORNING] = -5;
	expect_times(&t, "morning.start_time", "-5");

	schedule_default_times(&t);
	t.start[DP_EVENING] = HM(24, 0);
	t.end[DP_EVENING] = HM(24, 0);
	expect_times(&t, "evening.start_time", "24:00");
}

/* ---- kinds and rule codes ---- */

static void test_kind_codes(void **state)
{
	(void)state;
	enum plan_kind k = PLAN_OTHER;
	const struct code_list *list = codes_find("plan_kind");
	assert_non_null(list);
	assert_int_equal(list->count, PLAN_KIND_COUNT);
	for (int i = 0; i < PLAN_KIND_COUNT; i++) {
		const char *code = plan_kind_code((enum plan_kind)i);
		assert_non_null(code);
		assert_true(codes_has("plan_kind", code));
		assert_int_equal(plan_kind_find(code, &k), 0);
		assert_int_equal(k, i);
	}
	assert_string_equal(plan_kind_code(PLAN_COACH_APPOINTMENT), "coach_appointment");
	assert_string_equal(codes_label("plan_kind", plan_kind_code(PLAN_LANGUAGE_CLASS)), "Taalles");
	assert_string_equal(codes_label("plan_kind", plan_kind_code(PLAN_WORK)), "Werk");
	assert_string_equal(codes_label("plan_kind", plan_kind_code(PLAN_TRAINING)), "Scholing");
	assert_string_equal(codes_label("plan_kind", plan_kind_code(PLAN_COACH_APPOINTMENT)), "Afspraak jobcoach");
	assert_string_equal(codes_label("plan_kind", plan_kind_code(PLAN_BUDDY_MEETING)), "Taalmaatje");
	assert_string_equal(codes_label("plan_kind", plan_kind_code(PLAN_OTHER)), "Overig");
	assert_null(plan_kind_code(PLAN_KIND_COUNT));
	assert_null(plan_kind_code((enum plan_kind)-1));
	k = PLAN_OTHER;
	assert_int_equal(plan_kind_find("Work", &k), -1);
	assert_int_equal(plan_kind_find("", &k), -1);
	assert_int_equal(plan_kind_find(NULL, &k), -1);
	assert_int_equal(k, PLAN_OTHER);

	assert_string_equal(conflict_rule_code(CONFLICT_OVERLAP), "overlap");
	assert_string_equal(conflict_rule_code(CONFLICT_BELOW_AGREED), "below_agreed");
	assert_string_equal(conflict_rule_code(CONFLICT_BELOW_MINIMUM), "below_minimum");
	assert_string_equal(conflict_rule_code(CONFLICT_OVER_CAPACITY), "over_capacity");
	assert_string_equal(conflict_rule_code(CONFLICT_PLACEMENT_PARTS), "placement_parts");
	assert_string_equal(conflict_rule_code(CONFLICT_FULL_DAY_CLASS), "full_day_class");
	assert_string_equal(conflict_rule_code(CONFLICT_HALL_FULL), "hall_full");
	assert_null(conflict_rule_code(CONFLICT_RULE_COUNT));
}

/* ---- recurrence ---- */

static void test_week_start(void **state)
{
	(void)state;
	date_t m = monday();
	assert_int_equal(schedule_week_start(m), m);
	assert_int_equal(schedule_week_start(m + 2), m);
	assert_int_equal(schedule_week_start(m + 6), m);
	assert_int_equal(schedule_week_start(m + 7), m + 7);
	assert_int_equal(schedule_week_start(m - 1), m - 7);
	/* across a year end: Wednesday 1 January 2025 lies in the week of 30 December 2024 */
	assert_int_equal(schedule_week_start(d(2025, 1, 1)), d(2024, 12, 30));
}

static void test_validity(void **state)
{
	(void)state;
	date_t m = monday();
	struct plan_item it = item(PLAN_TRAINING, 1, false, BIT(TUE, MORNING), "Scholing");

	/* first valid day on the Tuesday itself: in the week, and takes place that day */
	it.from = m + 1;
	assert_true(schedule_item_in_week(&it, m));
	assert_true(schedule_occurs(&it, NULL, 0, m + 1, DP_MORNING));
	assert_false(schedule_occurs(&it, NULL, 0, m - 6, DP_MORNING)); /* the Tuesday before */
	assert_false(schedule_occurs(&it, NULL, 0, m + 1, DP_AFTERNOON));
	assert_false(schedule_occurs(&it, NULL, 0, m + 2, DP_MORNING));
	assert_false(schedule_occurs(&it, NULL, 0, m + 1, DAY_PART_COUNT));

	/* from Wednesday on: this week has no Tuesday of it left */
	it.from = m + 2;
	assert_false(schedule_item_in_week(&it, m));
	assert_true(schedule_item_in_week(&it, m + 7));
	assert_false(schedule_item_in_week(&it, m - 7));

	/* last valid day inclusive */
	it.from = m - 28;
	it.has_until = true;
	it.until = m + 1;
	assert_true(schedule_item_in_week(&it, m));
	assert_true(schedule_occurs(&it, NULL, 0, m + 1, DP_MORNING));
	assert_false(schedule_item_in_week(&it, m + 7));
	assert_false(schedule_occurs(&it, NULL, 0, m + 8, DP_MORNING));
	it.until = m; /* ends on the Monday: its Tuesday is gone */
	assert_false(schedule_item_in_week(&it, m));
	assert_false(schedule_occurs(&it, NULL, 0, m + 1, DP_MORNING));
	/* a one-day item */
	it.from = it.until = m + 1;
	assert_true(schedule_item_in_week(&it, m));
	assert_true(schedule_occurs(&it, NULL, 0, m + 1, DP_MORNING));
	assert_false(schedule_item_in_week(&it, m + 7));
	it.parts = 0;
	assert_false(schedule_item_in_week(&it, m));
}

static void test_exceptions(void **state)
{
	(void)state;
	date_t m = monday();
	struct plan_item entry = item(PLAN_WORK, 5, false, BIT(TUE, MORNING) | BIT(THU, MORNING), "Werk");
	struct plan_item cls = item(PLAN_LANGUAGE_CLASS, 5, true, BIT(TUE, AFTERNOON), "Taalles A2");

	/* one cancelled day */
	struct plan_exception one = { .item_id = 5, .from = m + 1, .to = m + 1 };
	assert_false(schedule_occurs(&entry, &one, 1, m + 1, DP_MORNING));
	assert_true(schedule_occurs(&entry, &one, 1, m + 3, DP_MORNING));
	assert_true(schedule_occurs(&entry, &one, 1, m + 8, DP_MORNING));
	/* an entry exception does not touch the class with the same id, and the other way round */
	assert_true(schedule_occurs(&cls, &one, 1, m + 1, DP_AFTERNOON));
	struct plan_exception of_class = { .item_id = 5, .from_timetable = true, .from = m + 1, .to = m + 1 };
	assert_false(schedule_occurs(&cls, &of_class, 1, m + 1, DP_AFTERNOON));
	assert_true(schedule_occurs(&entry, &of_class, 1, m + 1, DP_MORNING));

	/* a holiday over two weeks, both ends inclusive */
	struct plan_exception holiday = { .item_id = 5, .from = m + 3, .to = m + 8 };
	assert_true(schedule_occurs(&entry, &holiday, 1, m + 1, DP_MORNING));
	assert_false(schedule_occurs(&entry, &holiday, 1, m + 3, DP_MORNING));
	assert_false(schedule_occurs(&entry, &holiday, 1, m + 8, DP_MORNING));
	assert_true(schedule_occurs(&entry, &holiday, 1, m + 10, DP_MORNING));
	/* an exception is not a validity: the item is still in the week */
	assert_true(schedule_item_in_week(&entry, m + 7));

	/* a whole-plan exception stops every item */
	struct plan_exception list[] = { { .item_id = 99, .from = m, .to = m + 30 },
					 { .item_id = 0, .from = m + 1, .to = m + 1 } };
	assert_false(schedule_occurs(&entry, list, 2, m + 1, DP_MORNING));
	assert_false(schedule_occurs(&cls, list, 2, m + 1, DP_AFTERNOON));
	assert_true(schedule_occurs(&entry, list, 2, m + 3, DP_MORNING));
	assert_true(schedule_occurs(&cls, list, 2, m + 8, DP_AFTERNOON));
}

static void test_item_span_and_work_minutes(void **state)
{
	(void)state;
	date_t m = monday();
	struct day_part_times t;
	int s = -1, e = -1;
	schedule_default_times(&t);

	struct plan_item work = item(PLAN_WORK, 1, false, BIT(TUE, MORNING) | BIT(TUE, AFTERNOON) | BIT(WED, EVENING),
				     "Werk");
	assert_true(schedule_item_span(&work, WD_TUE, &t, &s, &e));
	assert_int_equal(s, HM(8, 30));
	assert_int_equal(e, HM(17, 0));
	assert_true(schedule_item_span(&work, WD_WED, &t, &s, &e));
	assert_int_equal(s, HM(18, 30));
	assert_int_equal(e, HM(21, 30));
	assert_false(schedule_item_span(&work, WD_MON, &t, &s, &e));
	struct plan_item appt = timed(item(PLAN_COACH_APPOINTMENT, 2, false, BIT(TUE, MORNING), "Gesprek"), HM(9, 0),
				      HM(10, 0));
	assert_true(schedule_item_span(&appt, WD_TUE, &t, &s, &e));
	assert_int_equal(s, HM(9, 0));
	assert_int_equal(e, HM(10, 0));

	/* Tuesday: 4 + 4 hours of day-parts; the appointment is not work */
	struct plan_item items[] = { work, appt };
	assert_int_equal(schedule_work_minutes(items, 2, WD_TUE, m, &t), 8 * 60);
	assert_int_equal(schedule_work_minutes(items, 2, WD_WED, m, &t), 3 * 60);
	assert_int_equal(schedule_work_minutes(items, 2, WD_MON, m, &t), 0);
	/* a second work item in the same morning counts once; own times beyond it count */
	struct plan_item more[] = { work, timed(item(PLAN_WORK, 3, false, BIT(TUE, MORNING), "Werk"), HM(7, 30),
						 HM(9, 30)) };
	assert_int_equal(schedule_work_minutes(more, 2, WD_TUE, m, &t), 8 * 60 + 60);
	/* not yet valid on that date */
	more[0].from = m + 2;
	assert_int_equal(schedule_work_minutes(more, 2, WD_TUE, m, &t), 2 * 60);
	assert_int_equal(schedule_work_minutes(more, 2, WD_WED, m, &t), 3 * 60);
}

/* ---- conflicts ---- */

static void test_overlap_message_and_key(void **state)
{
	(void)state;
	struct schedule_conflict c[4];
	struct plan_item items[] = {
		timed(item(PLAN_LANGUAGE_CLASS, 3, true, BIT(TUE, MORNING), "Taalles A2"), HM(9, 0), HM(11, 30)),
		item(PLAN_WORK, 12, false, BIT(TUE, MORNING) | BIT(WED, MORNING), "Werk Productiehal Noord"),
	};
	struct schedule_plan plan = plan_of(items, 2, NULL);
	assert_int_equal(conflicts(&plan, c, 4), 1);
	assert_int_equal(c[0].rule, CONFLICT_OVERLAP);
	assert_string_equal(c[0].key, "overlap:e12:t3:tue");
	assert_string_equal(c[0].message,
			    "Werk Productiehal Noord (dinsdagochtend) valt samen met Taalles A2 (dinsdagochtend 09:00-11:30)");
	assert_int_equal(c[0].parts, BIT(TUE, MORNING));
	assert_int_equal(c[0].item[0], 1); /* the entry first */
	assert_int_equal(c[0].item[1], 0);
	assert_int_equal(c[0].week, monday());

	/* the same key whatever the order of the items */
	struct plan_item swapped[] = { items[1], items[0] };
	plan = plan_of(swapped, 2, NULL);
	assert_int_equal(conflicts(&plan, c, 4), 1);
	assert_string_equal(c[0].key, "overlap:e12:t3:tue");
	assert_int_equal(c[0].item[0], 0);
	assert_int_equal(c[0].item[1], 1);

	/* two days: one conflict a day */
	swapped[1].parts |= BIT(WED, MORNING);
	assert_int_equal(conflicts(&plan, c, 4), 2);
	assert_string_equal(c[0].key, "overlap:e12:t3:tue");
	assert_string_equal(c[1].key, "overlap:e12:t3:wed");
	assert_int_equal(c[1].parts, BIT(WED, MORNING));

	/* two entries: by id; a title missing gives the kind's label */
	struct plan_item two[] = { item(PLAN_TRAINING, 9, false, BIT(FRI, AFTERNOON), NULL),
				   item(PLAN_OTHER, 4, false, BIT(FRI, AFTERNOON) | BIT(FRI, EVENING), "Zwemles") };
	plan = plan_of(two, 2, NULL);
	assert_int_equal(conflicts(&plan, c, 4), 1);
	assert_string_equal(c[0].key, "overlap:e4:e9:fri");
	assert_string_equal(c[0].message, "Zwemles (vrijdagmiddag) valt samen met Scholing (vrijdagmiddag)");
	assert_int_equal(c[0].parts, BIT(FRI, AFTERNOON));
}

static size_t overlaps(const struct plan_item *a, const struct plan_item *b)
{
	struct plan_item items[] = { *a, *b };
	struct schedule_plan plan = plan_of(items, 2, NULL);
	return conflicts(&plan, NULL, 0);
}

static void test_overlap_boundaries(void **state)
{
	(void)state;
	date_t m = monday();
	struct plan_item morning = item(PLAN_WORK, 1, false, BIT(TUE, MORNING), "Werk");
	struct plan_item afternoon = item(PLAN_LANGUAGE_CLASS, 2, true, BIT(TUE, AFTERNOON), "Taalles");
	struct plan_item morning_evening = item(PLAN_TRAINING, 3, false, BIT(TUE, MORNING) | BIT(TUE, EVENING), "Cursus");
	struct plan_item other_day = item(PLAN_WORK, 4, false, BIT(WED, MORNING), "Werk");

	/* different day-parts of one day, or another day: never */
	assert_int_equal(overlaps(&morning, &afternoon), 0);
	assert_int_equal(overlaps(&morning_evening, &afternoon), 0);
	assert_int_equal(overlaps(&morning, &other_day), 0);
	assert_int_equal(overlaps(&morning, &morning_evening), 1);

	/* appointments in one morning: apart, adjacent, overlapping */
	struct plan_item a = timed(item(PLAN_COACH_APPOINTMENT, 5, false, BIT(TUE, MORNING), "Jobcoach"), HM(9, 0),
				   HM(10, 0));
	struct plan_item b = timed(item(PLAN_BUDDY_MEETING, 6, false, BIT(TUE, MORNING), "Taalmaatje"), HM(10, 30),
				   HM(11, 0));
	assert_int_equal(overlaps(&a, &b), 0);
	b.start_min = HM(10, 0);
	assert_int_equal(overlaps(&a, &b), 0);
	b.start_min = HM(9, 59);
	assert_int_equal(overlaps(&a, &b), 1);
	struct plan_item cls = timed(item(PLAN_LANGUAGE_CLASS, 7, true, BIT(TUE, MORNING), "Taalles"), HM(9, 30),
				     HM(11, 30));
	assert_int_equal(overlaps(&a, &cls), 1);
	/* an appointment against a whole day-part */
	assert_int_equal(overlaps(&a, &morning), 1);
	/* an evening class against an afternoon appointment that ends before the evening */
	struct plan_item late = timed(item(PLAN_OTHER, 8, false, BIT(TUE, AFTERNOON), "Sport"), HM(16, 0), HM(18, 30));
	struct plan_item eve = item(PLAN_LANGUAGE_CLASS, 9, true, BIT(TUE, EVENING), "Avondles");
	assert_int_equal(overlaps(&late, &eve), 0);
	late.end_min = HM(18, 31);
	late.parts |= BIT(TUE, EVENING);
	assert_int_equal(overlaps(&late, &eve), 1);

	/* not valid in the week: nothing */
	struct plan_item later = morning;
	later.id = 10;
	later.from = m + 7;
	assert_int_equal(overlaps(&morning, &later), 0);
	/* an entry replaced from Wednesday on by one with the same days */
	struct plan_item old = item(PLAN_WORK, 11, false, BIT(MON, MORNING) | BIT(THU, MORNING), "Werk");
	struct plan_item succ = old;
	succ.id = 12;
	old.has_until = true;
	old.until = m + 1;
	succ.from = m + 2;
	assert_int_equal(overlaps(&old, &succ), 0);
	succ.from = m; /* both on Monday and Thursday */
	assert_int_equal(overlaps(&old, &succ), 1);
}

static void test_below_minimum(void **state)
{
	(void)state;
	struct schedule_conflict c[4];
	struct schedule_person p = { .in_work_learning = true, .agreed_parts = -1, .capacity_days = -1,
				     .capacity_hours = -1 };
	struct plan_item items[] = { item(PLAN_WORK, 1, false, BIT(MON, MORNING), "Werk"),
				     item(PLAN_WORK, 2, false, BIT(THU, AFTERNOON), "Werk") };
	struct schedule_plan plan = plan_of(items, 2, &p);
	assert_int_equal(conflicts(&plan, c, 4), 0); /* exactly 2 */

	plan.nitems = 1;
	assert_int_equal(conflicts(&plan, c, 4), 1);
	assert_int_equal(c[0].rule, CONFLICT_BELOW_MINIMUM);
	assert_string_equal(c[0].key, "below_minimum");
	assert_string_equal(c[0].message, "2 dagdelen werk per week is het minimum; gepland: 1");
	assert_int_equal(c[0].parts, BIT(MON, MORNING));
	assert_int_equal(c[0].item[0], -1);
	assert_int_equal(c[0].item[1], -1);

	/* no work at all */
	plan.nitems = 0;
	assert_int_equal(conflicts(&plan, c, 4), 1);
	assert_string_equal(c[0].message, "2 dagdelen werk per week is het minimum; gepland: 0");
	assert_int_equal(c[0].parts, 0);

	/* a second item that only starts next week does not count this week */
	items[1].from = monday() + 7;
	plan.nitems = 2;
	assert_int_equal(conflicts(&plan, c, 4), 1);
	assert_int_equal(schedule_conflicts(&plan, monday() + 7, c, 4), 0);

	/* two items on the same day-part are one day-part */
	items[1] = item(PLAN_WORK, 2, false, BIT(MON, MORNING), "Werk");
	p.in_work_learning = true;
	assert_int_equal(conflicts(&plan, NULL, 0), 2); /* below minimum, and the two overlap */

	/* outside work-learning the work rules do not apply */
	p.in_work_learning = false;
	plan.nitems = 0;
	assert_int_equal(conflicts(&plan, c, 4), 0);
}

static void test_below_agreed(void **state)
{
	(void)state;
	struct schedule_conflict c[4];
	struct schedule_person p = { .in_work_learning = true, .agreed_parts = 4, .capacity_days = -1,
				     .capacity_hours = -1 };
	struct plan_item items[] = { item(PLAN_WORK, 1, false, BIT(MON, MORNING) | BIT(MON, AFTERNOON), "Werk"),
				     item(PLAN_WORK, 2, false, BIT(TUE, MORNING), "Werk"),
				     item(PLAN_WORK, 3, false, BIT(WED, MORNING), "Werk") };
	struct schedule_plan plan = plan_of(items, 3, &p);
	assert_int_equal(conflicts(&plan, c, 4), 0); /* 4 agreed, 4 planned */

	plan.nitems = 2;
	assert_int_equal(conflicts(&plan, c, 4), 1);
	assert_int_equal(c[0].rule, CONFLICT_BELOW_AGREED);
	assert_string_equal(c[0].key, "below_agreed");
	assert_string_equal(c[0].message, "bij de intake afgesproken: 4 dagdelen werk; gepland: 3");
	assert_int_equal(c[0].parts, BIT(MON, MORNING) | BIT(MON, AFTERNOON) | BIT(TUE, MORNING));

	/* in rule order: below_agreed before below_minimum */
	plan.nitems = 0;
	assert_int_equal(conflicts(&plan, c, 4), 2);
	assert_int_equal(c[0].rule, CONFLICT_BELOW_AGREED);
	assert_string_equal(c[0].message, "bij de intake afgesproken: 4 dagdelen werk; gepland: 0");
	assert_int_equal(c[1].rule, CONFLICT_BELOW_MINIMUM);

	p.agreed_parts = -1;
	plan.nitems = 2;
	assert_int_equal(conflicts(&plan, c, 4), 0);
	p.agreed_parts = 4;
	p.in_work_learning = false;
	assert_int_equal(conflicts(&plan, c, 4), 0);
}

static void test_over_capacity_days(void **state)
{
	(void)state;
	struct schedule_conflict c[4];
	struct schedule_person p = { .agreed_parts = -1, .capacity_days = 3, .capacity_hours = -1 };
	struct plan_item items[] = { item(PLAN_WORK, 1, false, BIT(MON, MORNING) | BIT(TUE, MORNING), "Werk"),
				     item(PLAN_WORK, 2, false, BIT(TUE, AFTERNOON) | BIT(WED, EVENING), "Werk"),
				     item(PLAN_WORK, 3, false, BIT(FRI, MORNING), "Werk"),
				     item(PLAN_TRAINING, 4, false, BIT(SAT, MORNING), "Cursus") };
	struct schedule_plan plan = plan_of(items, 2, &p);
	assert_int_equal(conflicts(&plan, c, 4), 0); /* 3 days, capacity 3 */

	plan.nitems = 4; /* a fourth day of work; training is not work */
	assert_int_equal(conflicts(&plan, c, 4), 1);
	assert_int_equal(c[0].rule, CONFLICT_OVER_CAPACITY);
	assert_string_equal(c[0].key, "over_capacity:days");
	assert_string_equal(c[0].message, "werkt 4 dagen; belastbaar 3 dagen per week");
	assert_int_equal(c[0].parts, items[0].parts | items[1].parts | items[2].parts);

	p.capacity_days = 0;
	plan.nitems = 1;
	assert_int_equal(conflicts(&plan, c, 4), 1);
	assert_string_equal(c[0].message, "werkt 2 dagen; belastbaar 0 dagen per week");
	plan.nitems = 0;
	assert_int_equal(conflicts(&plan, c, 4), 0);

	p.capacity_days = -1;
	plan.nitems = 4;
	assert_int_equal(conflicts(&plan, c, 4), 0);
}

static void test_over_capacity_hours(void **state)
{
	(void)state;
	struct schedule_conflict c[4];
	struct schedule_person p = { .agreed_parts = -1, .capacity_days = -1, .capacity_hours = 8 };
	struct plan_item items[] = { item(PLAN_WORK, 1, false, BIT(TUE, MORNING) | BIT(TUE, AFTERNOON), "Werk"),
				     timed(item(PLAN_WORK, 2, false, BIT(WED, MORNING), "Werk"), HM(8, 0), HM(15, 30)) };
	struct schedule_plan plan = plan_of(items, 2, &p);
	assert_int_equal(conflicts(&plan, c, 4), 0); /* 8 hours, capacity 8 */

	p.capacity_hours = 7;
	assert_int_equal(conflicts(&plan, c, 4), 2);
	assert_string_equal(c[0].key, "over_capacity:tue");
	assert_string_equal(c[0].message, "dinsdag 8 uur werk; belastbaar 7 uur per dag");
	assert_int_equal(c[0].parts, BIT(TUE, MORNING) | BIT(TUE, AFTERNOON));
	assert_string_equal(c[1].key, "over_capacity:wed");
	assert_string_equal(c[1].message, "woensdag 7,5 uur werk; belastbaar 7 uur per dag");
	assert_int_equal(c[1].parts, BIT(WED, MORNING));

	p.capacity_hours = 6;
	plan.nitems = 1;
	assert_int_equal(conflicts(&plan, c, 4), 1);
	assert_string_equal(c[0].message, "dinsdag 8 uur werk; belastbaar 6 uur per dag");

	/* the day-parts' own times count */
	struct day_part_times t;
	schedule_default_times(&t);
	t.end[DP_AFTERNOON] = HM(15, 0);
	plan.times = &t;
	assert_int_equal(conflicts(&plan, c, 4), 0); /* 4 + 2 hours */
	t.end[DP_AFTERNOON] = HM(15, 1);
	assert_int_equal(conflicts(&plan, c, 4), 1);
	assert_string_equal(c[0].message, "dinsdag 6,02 uur werk; belastbaar 6 uur per dag");

	p.capacity_hours = -1;
	assert_int_equal(conflicts(&plan, c, 4), 0);
}

static void test_placement_parts(void **state)
{
	(void)state;
	struct schedule_conflict c[4];
	struct schedule_placement pl = { .id = 5, .title = "Productiehal Noord", .required = BIT(TUE, MORNING),
					 .capacity = 10 };
	struct plan_item items[] = {
		item(PLAN_WORK, 12, false, BIT(MON, MORNING) | BIT(WED, MORNING), "Werk Productiehal Noord"),
		item(PLAN_LANGUAGE_CLASS, 3, true, BIT(TUE, MORNING), "Taalles A2"),
		item(PLAN_WORK, 13, false, BIT(TUE, MORNING), "Werk Productiehal Noord"),
	};
	items[0].placement_id = 5;
	items[2].placement_id = 5;
	struct schedule_plan plan = plan_of(items, 2, NULL);
	plan.placements = &pl;
	plan.nplacements = 1;

	assert_int_equal(conflicts(&plan, c, 4), 1);
	assert_int_equal(c[0].rule, CONFLICT_PLACEMENT_PARTS);
	assert_string_equal(c[0].key, "placement_parts:e12");
	assert_string_equal(c[0].message, "Productiehal Noord vraagt dinsdagochtend, maar dan is er Taalles A2");
	assert_int_equal(c[0].parts, BIT(TUE, MORNING));
	assert_int_equal(c[0].item[0], 0);
	assert_int_equal(c[0].item[1], 1);

	/* the class only from next week on: free this week */
	items[1].from = monday() + 7;
	assert_int_equal(conflicts(&plan, c, 4), 0);
	assert_int_equal(schedule_conflicts(&plan, monday() + 7, c, 4), 1);

	/* work at the same placement on the required day-part is no conflict */
	items[1].from = monday();
	items[1].parts = BIT(TUE, AFTERNOON);
	plan.nitems = 3;
	assert_int_equal(conflicts(&plan, c, 4), 0);
	/* ... but work elsewhere is (and overlaps that work too) */
	items[2].placement_id = 6;
	assert_int_equal(conflicts(&plan, c, 4), 1);
	assert_string_equal(c[0].key, "placement_parts:e12");
	assert_string_equal(c[0].message,
			    "Productiehal Noord vraagt dinsdagochtend, maar dan is er Werk Productiehal Noord");

	/* a placement not in the plan's list, or one that names no day-parts, asks nothing */
	items[0].placement_id = 77;
	assert_int_equal(conflicts(&plan, c, 4), 0);
	items[0].placement_id = 5;
	pl.required = 0;
	assert_int_equal(conflicts(&plan, c, 4), 0);
}

static void test_full_day_class(void **state)
{
	(void)state;
	struct schedule_conflict c[4];
	struct schedule_placement pl = { .id = 7, .title = "Magazijn De Vries", .full_days = true, .capacity = 2 };
	struct plan_item items[] = {
		item(PLAN_WORK, 12, false, BIT(TUE, MORNING) | BIT(TUE, AFTERNOON) | BIT(THU, MORNING) | BIT(THU, AFTERNOON),
		     "Werk Magazijn"),
		item(PLAN_LANGUAGE_CLASS, 3, true, BIT(TUE, EVENING), "Taalles A2"),
		item(PLAN_TRAINING, 4, false, BIT(THU, EVENING), "Cursus"),
	};
	items[0].placement_id = 7;
	struct schedule_plan plan = plan_of(items, 3, NULL);
	plan.placements = &pl;
	plan.nplacements = 1;

	assert_int_equal(conflicts(&plan, c, 4), 1); /* training is not a class */
	assert_int_equal(c[0].rule, CONFLICT_FULL_DAY_CLASS);
	assert_string_equal(c[0].key, "full_day_class:e12:tue");
	assert_string_equal(c[0].message, "Magazijn De Vries vraagt hele dagen; op dinsdag is er taalles");
	assert_int_equal(c[0].parts, daypart_day(WD_TUE));
	assert_int_equal(c[0].item[0], 0);
	assert_int_equal(c[0].item[1], 1);

	/* a class on a day without work */
	items[1].parts = BIT(WED, MORNING);
	assert_int_equal(conflicts(&plan, c, 4), 0);
	/* a class not from the timetable counts too */
	items[1].from_timetable = false;
	items[1].parts = BIT(THU, EVENING);
	assert_int_equal(conflicts(&plan, c, 4), 2); /* full_day_class, and it overlaps the training */
	assert_string_equal(c[1].key, "full_day_class:e12:thu");
	/* a class that ended last week */
	items[1].from = monday() - 14;
	items[1].has_until = true;
	items[1].until = monday() - 1;
	assert_int_equal(conflicts(&plan, c, 4), 0);
	/* not full days: no rule */
	items[1].has_until = false;
	pl.full_days = false;
	assert_int_equal(conflicts(&plan, NULL, 0), 1);
}

static void test_hall_full(void **state)
{
	(void)state;
	struct schedule_conflict c[4];
	struct plan_item others[14];
	for (size_t i = 0; i < COUNT(others); i++)
		others[i] = item(PLAN_WORK, (int64_t)(100 + i), false, BIT(TUE, MORNING), "Werk");
	others[11].parts = BIT(TUE, AFTERNOON); /* another day-part */
	others[12].has_until = true;            /* ended last week */
	others[12].from = monday() - 30;
	others[12].until = monday() - 1;
	/* others[0..10] and [13]: 12 on Tuesday morning */
	struct schedule_placement pl = { .id = 5, .title = "Productiehal Noord", .is_hall = true, .capacity = 12,
					 .others = others, .nothers = 13 };
	struct plan_item items[] = { item(PLAN_WORK, 12, false, BIT(TUE, MORNING) | BIT(TUE, AFTERNOON), "Werk") };
	items[0].placement_id = 5;
	struct schedule_plan plan = plan_of(items, 1, NULL);
	plan.placements = &pl;
	plan.nplacements = 1;

	assert_int_equal(conflicts(&plan, c, 4), 0); /* 11 others + this person = 12 */

	pl.nothers = 14;
	assert_int_equal(conflicts(&plan, c, 4), 1);
	assert_int_equal(c[0].rule, CONFLICT_HALL_FULL);
	assert_string_equal(c[0].key, "hall_full:p5:tue_morning");
	assert_string_equal(c[0].message, "Productiehal Noord is vol op dinsdagochtend: 12 van 12 plaatsen bezet");
	assert_int_equal(c[0].parts, BIT(TUE, MORNING));
	assert_int_equal(c[0].item[0], 0);

	/* this person not there on Tuesday morning: no conflict */
	items[0].parts = BIT(TUE, AFTERNOON);
	assert_int_equal(conflicts(&plan, c, 4), 0);
	/* not a hall: places are not counted per day-part here */
	items[0].parts = BIT(TUE, MORNING);
	pl.is_hall = false;
	assert_int_equal(conflicts(&plan, c, 4), 0);
}

static void test_rule_order_and_max(void **state)
{
	(void)state;
	struct schedule_conflict c[8];
	struct schedule_person p = { .in_work_learning = true, .agreed_parts = 3, .capacity_days = 0,
				     .capacity_hours = 2 };
	struct plan_item items[] = {
		item(PLAN_WORK, 1, false, BIT(TUE, MORNING), "Werk"),
		item(PLAN_LANGUAGE_CLASS, 2, true, BIT(TUE, MORNING), "Taalles"),
	};
	struct schedule_plan plan = plan_of(items, 2, &p);
	size_t n = conflicts(&plan, c, 8);
	assert_int_equal(n, 5);
	static const char *const keys[] = { "overlap:e1:t2:tue", "below_agreed", "below_minimum", "over_capacity:days",
					    "over_capacity:tue" };
	for (size_t i = 0; i < n; i++)
		assert_string_equal(c[i].key, keys[i]);
	for (size_t i = 1; i < n; i++)
		assert_true(c[i - 1].rule <= c[i].rule);

	/* a short array gets the first ones, the count is all of them */
	struct schedule_conflict few[2];
	memset(few, 0, sizeof few);
	assert_int_equal(conflicts(&plan, few, 1), 5);
	assert_string_equal(few[0].key, "overlap:e1:t2:tue");
	assert_string_equal(few[1].key, "");
	assert_int_equal(conflicts(&plan, NULL, 0), 5);

	/* the same plan gives the same keys and messages */
	struct schedule_conflict again[8];
	assert_int_equal(conflicts(&plan, again, 8), 5);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(again[i].key, c[i].key);
		assert_string_equal(again[i].message, c[i].message);
	}
}

static void test_conflicts_ahead(void **state)
{
	(void)state;
	date_t m = monday();
	struct schedule_conflict c[8];
	struct schedule_person p = { .in_work_learning = true, .agreed_parts = -1, .capacity_days = -1,
				     .capacity_hours = -1 };
	/* work on one day-part always (below minimum every week); a class
	 * overlapping it from the third week on, for two weeks */
	struct plan_item items[] = {
		item(PLAN_WORK, 1, false, BIT(TUE, MORNING), "Werk"),
		item(PLAN_LANGUAGE_CLASS, 2, true, BIT(TUE, MORNING), "Taalles"),
	};
	items[1].from = m + 14 + 3; /* Thursday of week 3: its first Tuesday is in week 4 */
	items[1].has_until = true;
	items[1].until = m + 35;
	struct schedule_plan plan = plan_of(items, 2, &p);

	assert_int_equal(schedule_conflicts_ahead(&plan, m, 3, c, 8), 1);
	assert_string_equal(c[0].key, "below_minimum");
	assert_int_equal(c[0].week, m);

	assert_int_equal(schedule_conflicts_ahead(&plan, m, 8, c, 8), 2);
	assert_string_equal(c[0].key, "below_minimum");
	assert_int_equal(c[0].week, m);
	assert_string_equal(c[1].key, "overlap:e1:t2:tue");
	assert_int_equal(c[1].week, m + 21);

	/* starting later: the first week seen is the first it occurs in */
	assert_int_equal(schedule_conflicts_ahead(&plan, m + 28, 4, c, 8), 2);
	assert_string_equal(c[0].key, "overlap:e1:t2:tue");
	assert_int_equal(c[0].week, m + 28);
	assert_int_equal(c[1].week, m + 28);

	/* a full array still counts distinct keys */
	memset(c, 0, sizeof c);
	assert_int_equal(schedule_conflicts_ahead(&plan, m, 8, c, 1), 2);
	assert_string_equal(c[0].key, "below_minimum");
	assert_string_equal(c[1].key, "");
	assert_int_equal(schedule_conflicts_ahead(&plan, m, 8, NULL, 0), 2);
	assert_int_equal(schedule_conflicts_ahead(&plan, m, 0, c, 8), 0);
}

/* ---- matching ---- */

static void test_free_parts_and_patterns(void **state)
{
	(void)state;
	date_t m = monday();
	struct plan_item items[] = {
		item(PLAN_LANGUAGE_CLASS, 1, true, BIT(MON, MORNING) | BIT(WED, MORNING), "Taalles"),
		item(PLAN_WORK, 2, false, BIT(FRI, MORNING), "Werk"),
	};
	items[1].from = m + 7;
	daypart_set free = schedule_free_parts(items, 2, m);
	assert_int_equal(free, DAYPART_ALL & ~(BIT(MON, MORNING) | BIT(WED, MORNING)));
	assert_int_equal(schedule_free_parts(items, 2, m + 7),
			 DAYPART_ALL & ~(BIT(MON, MORNING) | BIT(WED, MORNING) | BIT(FRI, MORNING)));
	assert_int_equal(schedule_free_parts(NULL, 0, m), DAYPART_ALL);

	/* "two full days, Tuesday and Thursday" */
	struct schedule_pattern tue_thu = {
		.parts = BIT(TUE, MORNING) | BIT(TUE, AFTERNOON) | BIT(THU, MORNING) | BIT(THU, AFTERNOON),
		.full_days = 2 };
	assert_true(schedule_pattern_free(free, &tue_thu));
	assert_false(schedule_pattern_free(free & ~BIT(THU, AFTERNOON), &tue_thu));
	/* the evening is no part of a full day */
	assert_true(schedule_pattern_free(free & ~BIT(THU, EVENING), &tue_thu));

	/* only a number of full days */
	struct schedule_pattern three = { .parts = 0, .full_days = 3 };
	daypart_set only = BIT(MON, MORNING) | BIT(MON, AFTERNOON) | BIT(TUE, MORNING) | BIT(TUE, AFTERNOON) |
			   BIT(WED, MORNING) | BIT(THU, AFTERNOON);
	assert_false(schedule_pattern_free(only, &three));
	assert_true(schedule_pattern_free(only | BIT(WED, AFTERNOON), &three));
	struct schedule_pattern none = { 0 };
	assert_true(schedule_pattern_free(0, &none));

	daypart_set people[] = { free, free & ~BIT(TUE, MORNING), DAYPART_ALL, 0 };
	size_t idx[4] = { 9, 9, 9, 9 };
	assert_int_equal(schedule_free_people(people, 4, &tue_thu, idx, 4), 2);
	assert_int_equal(idx[0], 0);
	assert_int_equal(idx[1], 2);
	assert_int_equal(idx[2], 9);
	assert_int_equal(schedule_free_people(people, 4, &tue_thu, idx, 1), 2);
	assert_int_equal(schedule_free_people(people, 4, &none, NULL, 0), 4);
}

static void test_fitting_placements(void **state)
{
	(void)state;
	struct placement_requirements reqs[4];
	memset(reqs, 0, sizeof reqs);
	for (size_t i = 0; i < COUNT(reqs); i++) {
		reqs[i].min_isced = -1;
		reqs[i].max_physical_load_needed = -1;
		reqs[i].hours_per_week = 8;
	}
	/* 0: Tuesday and Thursday mornings, and a language level the matching query ignores */
	reqs[0].day_parts = BIT(TUE, MORNING) | BIT(THU, MORNING);
	reqs[0].min_cefr_speaking = 6;
	reqs[0].licences = LICENCE_BIT(LIC_FORKLIFT);
	/* 1: full days, 16 hours: two full days */
	reqs[1].full_days = true;
	reqs[1].hours_per_week = 16;
	/* 2: Monday morning */
	reqs[2].day_parts = BIT(MON, MORNING);
	/* 3: no day-parts named: always fits */

	daypart_set free = DAYPART_ALL & ~(BIT(MON, MORNING) | daypart_day(WD_WED) | daypart_day(WD_FRI) |
					   daypart_day(WD_SAT) | daypart_day(WD_SUN) | BIT(THU, AFTERNOON));
	/* free full days: Tuesday only */
	assert_true(schedule_placement_fits(&reqs[0], free));
	assert_false(schedule_placement_fits(&reqs[1], free));
	assert_false(schedule_placement_fits(&reqs[2], free));
	assert_true(schedule_placement_fits(&reqs[3], free));
	assert_true(schedule_placement_fits(&reqs[1], free | BIT(THU, AFTERNOON)));
	assert_false(schedule_placement_fits(&reqs[0], free & ~BIT(THU, MORNING)));

	size_t idx[4] = { 9, 9, 9, 9 };
	assert_int_equal(schedule_fitting_placements(reqs, 4, free, idx, 4), 2);
	assert_int_equal(idx[0], 0);
	assert_int_equal(idx[1], 3);
	assert_int_equal(schedule_fitting_placements(reqs, 4, DAYPART_ALL, idx, 4), 4);
	assert_int_equal(schedule_fitting_placements(reqs, 4, DAYPART_ALL, NULL, 0), 4);

	/* consistent with placement_requirements_check for the same person */
	struct candidate cand = { .cefr_speaking = 6, .cefr_listening = 6, .isced = 8,
				  .licences = LICENCE_BIT(LIC_FORKLIFT), .max_physical_load = -1,
				  .free_day_parts = free, .has_free_day_parts = true };
	for (size_t i = 0; i < COUNT(reqs); i++)
		assert_int_equal(schedule_placement_fits(&reqs[i], free),
				 placement_requirements_check(&reqs[i], &cand, NULL, 0) == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clock_parse),
		cmocka_unit_test(test_interval_parts),
		cmocka_unit_test(test_times_validate),
		cmocka_unit_test(test_kind_codes),
		cmocka_unit_test(test_week_start),
		cmocka_unit_test(test_validity),
		cmocka_unit_test(test_exceptions),
		cmocka_unit_test(test_item_span_and_work_minutes),
		cmocka_unit_test(test_overlap_message_and_key),
		cmocka_unit_test(test_overlap_boundaries),
		cmocka_unit_test(test_below_minimum),
		cmocka_unit_test(test_below_agreed),
		cmocka_unit_test(test_over_capacity_days),
		cmocka_unit_test(test_over_capacity_hours),
		cmocka_unit_test(test_placement_parts),
		cmocka_unit_test(test_full_day_class),
		cmocka_unit_test(test_hall_full),
		cmocka_unit_test(test_rule_order_and_max),
		cmocka_unit_test(test_conflicts_ahead),
		cmocka_unit_test(test_free_parts_and_patterns),
		cmocka_unit_test(test_fitting_placements),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
