/*
 * test_placement.c - the placement code lists, which kinds fit which
 * phases, every requirement gap and non-gap at its boundary, capacity,
 * period and hours against day-parts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "domain/placement.h"

static date_t d(int y, int m, int day)
{
	date_t out;
	assert_int_equal(date_from_ymd(y, m, day, &out), 0);
	return out;
}

/* A requirement that asks nothing, and a candidate who is fully known. */
static struct placement_requirements nothing(void)
{
	struct placement_requirements r = { .min_isced = -1, .max_physical_load_needed = -1 };
	return r;
}

static struct candidate known(void)
{
	struct candidate c = { .cefr_speaking = 3, .cefr_listening = 3, .isced = 3, .max_physical_load = LOAD_HEAVY,
			       .free_day_parts = DAYPART_ALL, .has_free_day_parts = true };
	return c;
}

/* Check r against c; the single gap (if exactly one) goes to *gap. */
static size_t gaps_of(const struct placement_requirements *r, const struct candidate *c, struct requirement_gap *gap)
{
	struct requirement_gap gaps[16];
	memset(gaps, 0, sizeof gaps);
	size_t n = placement_requirements_check(r, c, gaps, 16);
	if (gap && n >= 1)
		*gap = gaps[0];
	return n;
}

static void test_kinds(void **state)
{
	(void)state;
	size_t n = 0;
	const struct placement_kind_def *k = placement_kinds(&n);
	assert_int_equal(n, 8);
	for (size_t i = 0; i < n; i++) {
		assert_ptr_equal(placement_kind_find(k[i].code), &k[i]);
		/* every kind has its label in the code list of codes.c */
		assert_non_null(codes_label("placement_kind", k[i].code));
		assert_true(k[i].phases != 0);
	}
	assert_int_equal(codes_find("placement_kind")->count, n);
	assert_string_equal(codes_label("placement_kind", "vacancy"), "vacature");
	assert_string_equal(codes_label("placement_kind", "sheltered_place"), "beschutte werkplek");
	assert_null(placement_kind_find("job"));
	assert_null(placement_kind_find(NULL));
	assert_ptr_equal(placement_kinds(NULL), k);
}

static void test_kind_fits_phase(void **state)
{
	(void)state;
	static const char *const same[] = { "internal_work_learning", "external_work_learning", "work_experience_place",
					    "language_internship", "trial_placement" };
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		assert_true(placement_kind_fits_phase(same[i], same[i]));
		assert_false(placement_kind_fits_phase(same[i], "paid_work"));
		assert_false(placement_kind_fits_phase(same[i], "sheltered_work"));
	}
	assert_false(placement_kind_fits_phase("internal_work_learning", "external_work_learning"));
	assert_true(placement_kind_fits_phase("vacancy", "paid_work"));
	assert_false(placement_kind_fits_phase("vacancy", "trial_placement"));
	assert_false(placement_kind_fits_phase("vacancy", "sheltered_work"));
	assert_true(placement_kind_fits_phase("sheltered_place", "sheltered_work"));
	assert_false(placement_kind_fits_phase("sheltered_place", "paid_work"));
	assert_true(placement_kind_fits_phase("secondment", "sheltered_work"));
	assert_true(placement_kind_fits_phase("secondment", "paid_work"));
	assert_false(placement_kind_fits_phase("secondment", "intake"));
	assert_false(placement_kind_fits_phase("vacancy", "intake"));
	assert_false(placement_kind_fits_phase("vacancy", "social_guidance"));
	assert_false(placement_kind_fits_phase("vacancy", "betaald_werk"));
	assert_false(placement_kind_fits_phase("job", "paid_work"));
	assert_false(placement_kind_fits_phase(NULL, "paid_work"));
	assert_false(placement_kind_fits_phase("vacancy", NULL));
}

/* The orders the rules need agree with the code lists that label them. */
static void test_code_lists(void **state)
{
	(void)state;
	assert_int_equal(codes_find("sector")->count, 10);
	assert_string_equal(codes_label("sector", "logistics"), "logistiek");
	assert_string_equal(codes_label("sector", "food_processing"), "voedingsmiddelenindustrie");
	assert_null(codes_label("sector", "Logistics"));

	assert_int_equal(codes_find("physical_load")->count, PHYSICAL_LOAD_COUNT);
	for (int i = 0; i < PHYSICAL_LOAD_COUNT; i++) {
		assert_non_null(codes_label("physical_load", placement_load_code(i)));
		assert_int_equal(placement_load_index(placement_load_code(i)), i);
	}
	assert_string_equal(codes_label("physical_load", placement_load_code(LOAD_HEAVY)), "zwaar");
	assert_int_equal(placement_load_index("light"), LOAD_LIGHT);
	assert_int_equal(placement_load_index("extreme"), -1);
	assert_int_equal(placement_load_index(NULL), -1);
	assert_null(placement_load_code(PHYSICAL_LOAD_COUNT));

	assert_int_equal(codes_find("licences")->count, LICENCE_COUNT);
	for (int i = 0; i < LICENCE_COUNT; i++) {
		assert_non_null(codes_label("licences", placement_licence_code(i)));
		assert_int_equal(placement_licence_index(placement_licence_code(i)), i);
	}
	assert_string_equal(placement_licence_code(LIC_FORKLIFT), "forklift");
	assert_int_equal(placement_licence_index("crane"), -1);
	assert_null(placement_licence_code(-1));
}

static void test_cefr_rank(void **state)
{
	(void)state;
	assert_int_equal(cefr_rank("A1"), 1);
	assert_int_equal(cefr_rank("A2"), 2);
	assert_int_equal(cefr_rank("B1"), 3);
	assert_int_equal(cefr_rank("C2"), 6);
	assert_int_equal(cefr_rank("A0"), 0);
	assert_int_equal(cefr_rank("a1"), 0);
	assert_int_equal(cefr_rank("C3"), 0);
	assert_int_equal(cefr_rank(""), 0);
	assert_int_equal(cefr_rank(NULL), 0);
	for (int i = 1; i <= 6; i++)
		assert_int_equal(cefr_rank(cefr_code(i)), i);
	assert_null(cefr_code(0));
	assert_null(cefr_code(7));
}

static void test_nothing_asked_no_gaps(void **state)
{
	(void)state;
	struct placement_requirements r = nothing();
	struct candidate unknown = { .isced = -1, .max_physical_load = -1 };
	assert_int_equal(gaps_of(&r, &unknown, NULL), 0);
	r.min_isced = 0; /* ISCED 0 asks nothing either */
	r.safety_shoes = true; /* the employer's check */
	r.max_physical_load_needed = LOAD_LIGHT;
	assert_int_equal(gaps_of(&r, &unknown, NULL), 0);
}

static void test_cefr_speaking_boundary(void **state)
{
	(void)state;
	struct placement_requirements r = nothing();
	struct candidate c = known();
	struct requirement_gap g;
	r.min_cefr_speaking = 2; /* A2 */
	c.cefr_speaking = 1;
	assert_int_equal(gaps_of(&r, &c, &g), 1);
	assert_string_equal(g.requirement, "cefr_speaking");
	assert_string_equal(g.reason, "spreekvaardigheid A1, vereist A2");
	c.cefr_speaking = 2;
	assert_int_equal(gaps_of(&r, &c, NULL), 0);
	c.cefr_speaking = 3;
	assert_int_equal(gaps_of(&r, &c, NULL), 0);
	c.cefr_speaking = 0;
	assert_int_equal(gaps_of(&r, &c, &g), 1);
	assert_string_equal(g.requirement, "cefr_speaking");
	assert_string_equal(g.reason, "taalniveau spreken onbekend, vereist A2");
}

static void test_cefr_listening_boundary(void **state)
{
	(void)state;
	struct placement_requirements r = nothing();
	struct candidate c = known();
	struct requirement_gap g;
	r.min_cefr_listening = 3; /* B1 */
	c.cefr_listening = 2;
	assert_int_equal(gaps_of(&r, &c, &g), 1);
	assert_string_equal(g.requirement, "cefr_listening");
	assert_string_equal(g.reason, "luistervaardigheid A2, vereist B1");
	c.cefr_listening = 3;
	assert_int_equal(gaps_of(&r, &c, NULL), 0);
	c.cefr_listening = 0;
	assert_int_equal(gaps_of(&r, &c, &g), 1);
	assert_string_equal(g.reason, "taalniveau luisteren onbekend, vereist B1");
}

static void test_isced_boundary(void **state)
{
	(void)state;
	struct placement_requirements r = nothing();
	struct candidate c = known();
	struct requirement_gap g;
	r.min_isced = 3;
	c.isced = 2;
	assert_int_equal(gaps_of(&r, &c, &g), 1);
	assert_string_equal(g.requirement, "isced");
	assert_string_equal(g.reason, "opleidingsniveau ISCED 2, vereist ISCED 3");
	c.isced = 3;
	assert_int_equal(gaps_of(&r, &c, NULL), 0);
	c.isced = 0; /* known: no education */
	assert_int_equal(gaps_of(&r, &c, &g), 1);
	assert_string_equal(g.reason, "opleidingsniveau ISCED 0, vereist ISCED 3");
	c.isced = -1;
	assert_int_equal(gaps_of(&r, &c, &g), 1);
	assert_string_equal(g.reason, "opleidingsniveau onbekend, vereist ISCED 3");
	r.min_isced = -1;
	assert_int_equal(gaps_of(&r, &c, NULL), 0);
}

static void test_licences(void **state)
{
	(void)state;
	struct placement_requirements r = nothing();
	struct candidate c = known();
	struct requirement_gap gaps[4];
	r.licences = LICENCE_BIT(LIC_FORKLIFT);
	assert_int_equal(placement_requirements_check(&r, &c, gaps, 4), 1);
	assert_string_equal(gaps[0].requirement, "licence:forklift");
	assert_string_equal(gaps[0].reason, "heftruckcertificaat ontbreekt");
	c.licences = LICENCE_BIT(LIC_FORKLIFT) | LICENCE_BIT(LIC_VCA); /* more than asked is fine */
	assert_int_equal(placement_requirements_check(&r, &c, gaps, 4), 0);
	r.licences = LICENCE_BIT(LIC_DRIVING_B) | LICENCE_BIT(LIC_FORKLIFT) | LICENCE_BIT(LIC_REACH_TRUCK);
	assert_int_equal(placement_requirements_check(&r, &c, gaps, 4), 2);
	assert_string_equal(gaps[0].requirement, "licence:driving_b");
	assert_string_equal(gaps[0].reason, "rijbewijs B ontbreekt");
	assert_string_equal(gaps[1].requirement, "licence:reach_truck");
	assert_string_equal(gaps[1].reason, "reachtruckcertificaat ontbreekt");
}

static void test_physical_load(void **state)
{
	(void)state;
	struct placement_requirements r = nothing();
	struct candidate c = known();
	struct requirement_gap g;
	r.max_physical_load_needed = LOAD_HEAVY;
	c.max_physical_load = LOAD_MEDIUM;
	assert_int_equal(gaps_of(&r, &c, &g), 1);
	assert_string_equal(g.requirement, "physical_load");
	assert_string_equal(g.reason, "lichamelijk belastbaar tot gemiddeld, het werk is zwaar");
	c.max_physical_load = LOAD_HEAVY;
	assert_int_equal(gaps_of(&r, &c, NULL), 0);
	c.max_physical_load = -1; /* no limit recorded */
	assert_int_equal(gaps_of(&r, &c, NULL), 0);
	r.max_physical_load_needed = LOAD_MEDIUM;
	c.max_physical_load = LOAD_MEDIUM;
	assert_int_equal(gaps_of(&r, &c, NULL), 0);
	c.max_physical_load = LOAD_LIGHT;
	assert_int_equal(gaps_of(&r, &c, &g), 1);
	assert_string_equal(g.reason, "lichamelijk belastbaar tot licht, het werk is gemiddeld");
	r.max_physical_load_needed = -1;
	assert_int_equal(gaps_of(&r, &c, NULL), 0);
}

static void test_day_parts(void **state)
{
	(void)state;
	struct placement_requirements r = nothing();
	struct candidate c = known();
	struct requirement_gap g;
	daypart_set tue_am = DAYPART_BIT(WD_TUE, DP_MORNING), tue_pm = DAYPART_BIT(WD_TUE, DP_AFTERNOON);
	daypart_set thu_am = DAYPART_BIT(WD_THU, DP_MORNING), thu_pm = DAYPART_BIT(WD_THU, DP_AFTERNOON);
	r.day_parts = tue_am | tue_pm | thu_am | thu_pm;

	c.free_day_parts = DAYPART_ALL & ~tue_am; /* class on Tuesday morning */
	assert_int_equal(gaps_of(&r, &c, &g), 1);
	assert_string_equal(g.requirement, "day_parts");
	assert_string_equal(g.reason, "dinsdagochtend is niet vrij");

	c.free_day_parts = DAYPART_ALL & ~(tue_am | thu_pm);
	assert_int_equal(gaps_of(&r, &c, &g), 1);
	assert_string_equal(g.reason, "dinsdagochtend en 1 ander dagdeel zijn niet vrij");

	c.free_day_parts = DAYPART_BIT(WD_MON, DP_MORNING);
	assert_int_equal(gaps_of(&r, &c, &g), 1);
	assert_string_equal(g.reason, "dinsdagochtend en 3 andere dagdelen zijn niet vrij");

	c.free_day_parts = r.day_parts; /* exactly the day-parts asked */
	assert_int_equal(gaps_of(&r, &c, NULL), 0);

	c.free_day_parts = 0;
	c.has_free_day_parts = false; /* the week plan is not known: not checked */
	assert_int_equal(gaps_of(&r, &c, NULL), 0);
}

static void test_full_days(void **state)
{
	(void)state;
	struct placement_requirements r = nothing();
	struct candidate c = known();
	struct requirement_gap g;
	daypart_set mon = DAYPART_BIT(WD_MON, DP_MORNING) | DAYPART_BIT(WD_MON, DP_AFTERNOON);
	daypart_set wed = DAYPART_BIT(WD_WED, DP_MORNING) | DAYPART_BIT(WD_WED, DP_AFTERNOON);
	daypart_set fri = DAYPART_BIT(WD_FRI, DP_MORNING) | DAYPART_BIT(WD_FRI, DP_AFTERNOON);

	/* the employer names no day-parts: 16 hours need two full days of 9 */
	r.full_days = true;
	r.hours_per_week = 16;
	c.free_day_parts = mon | wed;
	assert_int_equal(gaps_of(&r, &c, NULL), 0);
	c.free_day_parts = mon | DAYPART_BIT(WD_WED, DP_MORNING) | DAYPART_BIT(WD_THU, DP_AFTERNOON);
	assert_int_equal(gaps_of(&r, &c, &g), 1);
	assert_string_equal(g.requirement, "full_days");
	assert_string_equal(g.reason, "1 hele dag vrij, vereist 2");
	c.free_day_parts = DAYPART_BIT(WD_MON, DP_MORNING) | DAYPART_BIT(WD_TUE, DP_AFTERNOON);
	assert_int_equal(gaps_of(&r, &c, &g), 1);
	assert_string_equal(g.reason, "geen hele dag vrij, vereist 2");
	/* 18 hours still fit two days, 19 need three */
	r.hours_per_week = 18;
	c.free_day_parts = mon | wed;
	assert_int_equal(gaps_of(&r, &c, NULL), 0);
	r.hours_per_week = 19;
	assert_int_equal(gaps_of(&r, &c, &g), 1);
	assert_string_equal(g.reason, "2 hele dagen vrij, vereist 3");
	r.hours_per_week = 0; /* hours not given: at least one full day */
	c.free_day_parts = mon;
	assert_int_equal(gaps_of(&r, &c, NULL), 0);
	c.free_day_parts = DAYPART_BIT(WD_MON, DP_MORNING);
	assert_int_equal(gaps_of(&r, &c, &g), 1);
	assert_string_equal(g.reason, "geen hele dag vrij, vereist 1");

	/* day-parts naming three full days: three full free days needed */
	r.day_parts = mon | wed | fri;
	r.hours_per_week = 24;
	c.free_day_parts = DAYPART_ALL;
	assert_int_equal(gaps_of(&r, &c, NULL), 0);
	/* a class on Wednesday morning: that day-part is taken, but three
	 * other days are free as full days */
	c.free_day_parts = DAYPART_ALL & ~DAYPART_BIT(WD_WED, DP_MORNING);
	assert_int_equal(gaps_of(&r, &c, &g), 1);
	assert_string_equal(g.requirement, "day_parts");
	assert_string_equal(g.reason, "woensdagochtend is niet vrij");
	/* only Monday and Wednesday free: both gaps */
	c.free_day_parts = mon | wed;
	struct requirement_gap gaps[4];
	assert_int_equal(placement_requirements_check(&r, &c, gaps, 4), 2);
	assert_string_equal(gaps[0].requirement, "day_parts");
	assert_string_equal(gaps[0].reason, "vrijdagochtend en 1 ander dagdeel zijn niet vrij");
	assert_string_equal(gaps[1].requirement, "full_days");
	assert_string_equal(gaps[1].reason, "2 hele dagen vrij, vereist 3");
	/* without full_days only the day-part counts */
	r.full_days = false;
	assert_int_equal(gaps_of(&r, &c, NULL), 1);
	/* the evening is no part of a full day */
	r.full_days = true;
	r.day_parts = 0;
	r.hours_per_week = 8;
	c.free_day_parts = DAYPART_BIT(WD_MON, DP_AFTERNOON) | DAYPART_BIT(WD_MON, DP_EVENING);
	assert_int_equal(gaps_of(&r, &c, NULL), 1);
	/* not known: not checked */
	c.has_free_day_parts = false;
	assert_int_equal(gaps_of(&r, &c, NULL), 0);
}

static void test_many_gaps_in_order_and_max(void **state)
{
	(void)state;
	struct placement_requirements r = { .min_cefr_speaking = 2, .min_cefr_listening = 2, .min_isced = 2,
					    .licences = LICENCE_BIT(LIC_FORKLIFT) | LICENCE_BIT(LIC_VCA),
					    .max_physical_load_needed = LOAD_HEAVY, .full_days = true,
					    .day_parts = DAYPART_BIT(WD_MON, DP_MORNING), .hours_per_week = 8 };
	struct candidate c = { .cefr_speaking = 0, .cefr_listening = 1, .isced = -1, .max_physical_load = LOAD_LIGHT,
			       .free_day_parts = DAYPART_BIT(WD_TUE, DP_MORNING), .has_free_day_parts = true };
	static const char *const order[] = { "cefr_speaking", "cefr_listening", "isced", "licence:forklift",
					     "licence:vca", "physical_load", "day_parts", "full_days" };
	struct requirement_gap gaps[8];
	assert_int_equal(placement_requirements_check(&r, &c, gaps, 8), 8);
	for (size_t i = 0; i < 8; i++)
		assert_string_equal(gaps[i].requirement, order[i]);
	/* fewer slots: the count stays, the slots take the first ones */
	struct requirement_gap two[3];
	memset(two, 0, sizeof two);
	assert_int_equal(placement_requirements_check(&r, &c, two, 2), 8);
	assert_string_equal(two[1].requirement, "cefr_listening");
	assert_null(two[2].requirement);
	assert_int_equal(placement_requirements_check(&r, &c, NULL, 0), 8);
}

/* Run the capacity check; the message goes to msg. */
static int capacity(const char *title, int cap, int occ, enum err_kind *kind, char msg[240])
{
	struct err e;
	err_init(&e);
	int rc = placement_capacity_check(title, cap, occ, &e);
	*kind = e.kind;
	snprintf(msg, 240, "%s", e.msg);
	err_release(&e);
	return rc;
}

static void test_capacity(void **state)
{
	(void)state;
	enum err_kind kind;
	char msg[240];
	assert_int_equal(capacity("Inpak", 4, 3, &kind, msg), 0);
	assert_int_equal(kind, ERR_NONE);
	assert_int_equal(capacity("Inpak", 4, 0, &kind, msg), 0);
	assert_int_equal(capacity("Inpak", 4, 4, &kind, msg), -1);
	assert_int_equal(kind, ERR_CONFLICT);
	assert_string_equal(msg, "placement \"Inpak\" is full: 4 of 4 places taken");
	assert_int_equal(capacity("Inpak", 4, 5, &kind, msg), -1);
	assert_int_equal(kind, ERR_CONFLICT);
	assert_string_equal(msg, "placement \"Inpak\" is full: 5 of 4 places taken");
	assert_int_equal(capacity("Eén plek", 1, 0, &kind, msg), 0);
	assert_int_equal(capacity("Eén plek", 1, 1, &kind, msg), -1);
	assert_string_equal(msg, "placement \"Eén plek\" is full: 1 of 1 places taken");
	assert_int_equal(capacity("Inpak", 0, 0, &kind, msg), -1);
	assert_int_equal(kind, ERR_INVALID);
	assert_string_equal(msg, "capacity: is 0, must be at least 1");
	assert_int_equal(capacity("Inpak", -3, 0, &kind, msg), -1);
	assert_int_equal(kind, ERR_INVALID);
	assert_int_equal(capacity("Inpak", 4, -1, &kind, msg), -1);
	assert_int_equal(kind, ERR_INVALID);
	assert_string_equal(msg, "placement \"Inpak\" has -1 places taken, which cannot be negative");
	assert_int_equal(capacity(NULL, 2, 2, &kind, msg), -1);
	assert_string_equal(msg, "placement \"\" is full: 2 of 2 places taken");
}

static void test_period(void **state)
{
	(void)state;
	struct err e;
	err_init(&e);
	assert_int_equal(placement_validate_period(true, d(2026, 4, 1), true, d(2026, 4, 1), &e), 0);
	assert_int_equal(placement_validate_period(true, d(2026, 4, 1), true, d(2026, 4, 2), &e), 0);
	assert_int_equal(placement_validate_period(false, 0, true, d(2026, 4, 2), &e), 0);
	assert_int_equal(placement_validate_period(true, d(2026, 4, 1), false, 0, &e), 0);
	assert_int_equal(e.kind, ERR_NONE);
	assert_int_equal(placement_validate_period(true, d(2026, 4, 1), true, d(2026, 3, 31), &e), -1);
	assert_int_equal(e.kind, ERR_INVALID);
	assert_int_equal(e.nfields, 1);
	assert_string_equal(e.fields[0].field, "end_date");
	assert_string_equal(e.fields[0].reason, "ends before it starts: \"2026-03-31\" lies before \"2026-04-01\"");
	err_release(&e);
}

/* Run the hours check; the reason of the field error goes to reason. */
static int hours(int h, daypart_set parts, char reason[240])
{
	struct err e;
	err_init(&e);
	int rc = placement_hours_check(h, parts, &e);
	reason[0] = '\0';
	if (rc != 0) {
		assert_int_equal(e.kind, ERR_INVALID);
		assert_int_equal(e.nfields, 1);
		assert_string_equal(e.fields[0].field, "hours_per_week");
		snprintf(reason, 240, "%s", e.fields[0].reason);
	}
	err_release(&e);
	return rc;
}

/* The listed day-parts are asked of everyone only when the hours need all
 * of them; a production hall never asks any. */
static void test_required_parts(void **state)
{
	(void)state;
	daypart_set four = DAYPART_BIT(WD_TUE, DP_MORNING) | DAYPART_BIT(WD_TUE, DP_AFTERNOON) |
			   DAYPART_BIT(WD_THU, DP_MORNING) | DAYPART_BIT(WD_THU, DP_AFTERNOON);
	assert_int_equal(placement_required_parts(four, 0, false), four);       /* hours unknown: all asked */
	assert_int_equal(placement_required_parts(four, 18, false), four);      /* 18 h = exactly 4 x 4.5 */
	assert_int_equal(placement_required_parts(four, 14, false), four);      /* 14 h still needs 4 day-parts */
	assert_int_equal(placement_required_parts(four, 13, false), 0);         /* 13 h fits in 3: a choice */
	assert_int_equal(placement_required_parts(four, 8, false), 0);
	assert_int_equal(placement_required_parts(four, 18, true), 0);          /* a hall: never */
	assert_int_equal(placement_required_parts(0, 18, false), 0);
}

static void test_hours(void **state)
{
	(void)state;
	char reason[240];
	assert_int_equal(hours(0, 0, reason), -1);
	assert_string_equal(reason, "is 0, must be 1 to 60");
	assert_int_equal(hours(1, 0, reason), 0);
	assert_int_equal(hours(60, 0, reason), 0);
	assert_int_equal(hours(61, 0, reason), -1);
	assert_string_equal(reason, "is 61, must be 1 to 60");
	assert_int_equal(hours(-1, 0, reason), -1);

	/* one day-part holds 4 hours, not 5 */
	daypart_set one = DAYPART_BIT(WD_MON, DP_MORNING);
	assert_int_equal(hours(4, one, reason), 0);
	assert_int_equal(hours(5, one, reason), -1);
	assert_string_equal(reason, "5 hours a week do not fit in 1 day-part: at most 4.5 hours (4.5 a day-part)");
	/* two day-parts hold 9 hours exactly */
	daypart_set two = one | DAYPART_BIT(WD_MON, DP_AFTERNOON);
	assert_int_equal(hours(9, two, reason), 0);
	assert_int_equal(hours(10, two, reason), -1);
	assert_string_equal(reason, "10 hours a week do not fit in 2 day-parts: at most 9 hours (4.5 a day-part)");
	/* eight day-parts: 36 fits, 37 does not */
	daypart_set eight = daypart_day(WD_MON) | daypart_day(WD_TUE) | DAYPART_BIT(WD_WED, DP_MORNING) |
			    DAYPART_BIT(WD_WED, DP_AFTERNOON);
	assert_int_equal(daypart_count(eight), 8);
	assert_int_equal(hours(36, eight, reason), 0);
	assert_int_equal(hours(37, eight, reason), -1);
	assert_string_equal(reason, "37 hours a week do not fit in 8 day-parts: at most 36 hours (4.5 a day-part)");
	/* the range is checked first */
	assert_int_equal(hours(61, DAYPART_ALL, reason), -1);
	assert_string_equal(reason, "is 61, must be 1 to 60");
	assert_int_equal(hours(60, DAYPART_ALL, reason), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_kind_fits_phase),
		cmocka_unit_test(test_code_lists),
		cmocka_unit_test(test_cefr_rank),
		cmocka_unit_test(test_nothing_asked_no_gaps),
		cmocka_unit_test(test_cefr_speaking_boundary),
		cmocka_unit_test(test_cefr_listening_boundary),
		cmocka_unit_test(test_isced_boundary),
		cmocka_unit_test(test_licences),
		cmocka_unit_test(test_physical_load),
		cmocka_unit_test(test_day_parts),
		cmocka_unit_test(test_full_days),
		cmocka_unit_test(test_many_gaps_in_order_and_max),
		cmocka_unit_test(test_capacity),
		cmocka_unit_test(test_period),
		cmocka_unit_test(test_hours),
		cmocka_unit_test(test_required_parts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
