/*
 * test_demo.c - unit tests for domain/demo.c: the random number generator
 * stays in range and repeats itself for a seed, the same seed gives
 * byte-identical participants, derived BSNs pass the 11-test and are
 * unique, and every generated participant obeys the field rules of
 * docs/api.md (checked here against our own copy of the rules) with a
 * plausible spread of origins, ages and education.
 *
 * The employer network is checked twice: as drawn (names unique, codes,
 * addresses in Westland, places whose hours fit their day-parts), and as
 * `meedoen demo` stores it in a real database: every placement within its
 * capacity, everyone placed linked to the placement's organisation, every
 * assessment's advice the one domain/assessment.c computes, the demo
 * employer's user seeing people placed with them, and the same seed giving
 * the same work floor.
 *
 * Week planning in the demo (issue 5) is read back through the app as its
 * users would: both providers' class groups with sessions, a plan with at
 * least two day-parts of work (or a conflict saying why not) for everyone
 * in work-learning, no production hall over its capacity, the demo job
 * coach seeing an open and an accepted conflict and the class_absence
 * signal, and the same seed giving the same plans.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "app/employers.h"
#include "app/path.h"
#include "app/timetable.h"
#include "app/weekplan.h"
#include "domain/assessment.h"
#include "domain/codes.h"
#include "domain/daypart.h"
#include "domain/demo.h"
#include "domain/placement.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static date_t ymd(int y, int m, int d)
{
	date_t out = 0;

	assert_int_equal(date_from_ymd(y, m, d, &out), 0);
	return out;
}

static bool in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; s != NULL && i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

#define IN(s, list) in_list((s), (list), COUNT(list))

/* The standard 11-test, written out again so it checks demo.c independently. */
static bool elfproef(const char *s)
{
	int sum = 0;

	if (s == NULL || strlen(s) != 9)
		return false;
	for (int i = 0; i < 9; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		sum += (i < 8 ? 9 - i : -1) * (s[i] - '0');
	}
	return sum != 0 && sum % 11 == 0;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return s[n] == '\0';
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* ---- random numbers ---------------------------------------------------- */

static void test_rng_below_in_range(void **state)
{
	static const uint32_t ns[] = {
		1, 2, 3, 5, 6, 7, 10, 11, 1000, 65537, 0x7FFFFFFFu, 0x80000000u,
		0x80000001u, 0xFFFFFFFEu, UINT32_MAX,
	};
	struct demo_rng r;

	(void)state;
	demo_rng_init(&r, 1);
	for (size_t i = 0; i < COUNT(ns); i++)
		for (int k = 0; k < 20000; k++) {
			uint32_t x = demo_rng_below(&r, ns[i]);
			if (x >= ns[i])
				fail_msg("demo_rng_below(%u) gave %u", ns[i], x);
		}
	assert_int_equal(demo_rng_below(&r, 0), 0);
	assert_int_equal(demo_rng_below(&r, 1), 0);
}

static void test_rng_below_uniform(void **state)
{
	struct demo_rng r;
	int bucket[6] = { 0 };

	(void)state;
	demo_rng_init(&r, 99);
	for (int k = 0; k < 60000; k++)
		bucket[demo_rng_below(&r, 6)]++;
	for (int i = 0; i < 6; i++) {
		assert_true(bucket[i] > 9400);
		assert_true(bucket[i] < 10600);
	}
}

static void test_rng_repeats_for_a_seed(void **state)
{
	struct demo_rng a, b, c;

	(void)state;
	demo_rng_init(&a, 0);
	demo_rng_init(&b, 0);
	demo_rng_init(&c, 1);
	uint64_t first = demo_rng_next(&a);
	assert_true(first != 0);
	assert_true(first == demo_rng_next(&b));
	assert_true(first != demo_rng_next(&c));
	for (int k = 0; k < 1000; k++)
		assert_true(demo_rng_next(&a) == demo_rng_next(&b));
	assert_true(demo_rng_next(&a) != demo_rng_next(&a));
}

/* ---- determinism ------------------------------------------------------- */

static char **dump_population(uint64_t seed, int n, date_t today)
{
	struct demo_rng r;
	char **out = calloc((size_t)n, sizeof(*out));

	assert_non_null(out);
	demo_rng_init(&r, seed);
	for (int i = 0; i < n; i++) {
		json_t *p = demo_participant(&r, i, today);
		assert_non_null(p);
		out[i] = json_dumps(p, 0);
		assert_non_null(out[i]);
		/* the decoder checks UTF-8 that demo.c does not */
		json_t *back = json_loads(out[i], 0, NULL);
		assert_non_null(back);
		assert_true(json_equal(p, back));
		json_decref(back);
		json_decref(p);
	}
	return out;
}

static void free_population(char **dumps, int n)
{
	for (int i = 0; i < n; i++)
		free(dumps[i]);
	free(dumps);
}

static void test_same_seed_same_people(void **state)
{
	date_t today = ymd(2025, 6, 15);
	char **a = dump_population(42, 200, today);
	char **b = dump_population(42, 200, today);
	char **c = dump_population(43, 200, today);
	int differ = 0;

	(void)state;
	for (int i = 0; i < 200; i++) {
		assert_string_equal(a[i], b[i]);
		differ += strcmp(a[i], c[i]) != 0;
	}
	assert_true(differ > 190);
	free_population(a, 200);
	free_population(b, 200);
	free_population(c, 200);
}

/* ---- identifiers ------------------------------------------------------- */

static void check_bsns_unique(long from, long to)
{
	size_t n = (size_t)(to - from);
	uint32_t *v = malloc(n * sizeof(*v));
	char bsn[DEMO_BSN_LEN];

	assert_non_null(v);
	for (long i = from; i < to; i++) {
		demo_bsn(i, bsn);
		if (!elfproef(bsn))
			fail_msg("bsn \"%s\" of index %ld fails the 11-test", bsn, i);
		assert_true(bsn[0] != '0');
		v[i - from] = (uint32_t)strtoul(bsn, NULL, 10);
	}
	qsort(v, n, sizeof(*v), cmp_u32);
	for (size_t i = 1; i < n; i++)
		if (v[i] == v[i - 1])
			fail_msg("bsn %09u given twice", v[i]);
	free(v);
}

static void test_bsn_valid_and_unique(void **state)
{
	(void)state;
	check_bsns_unique(0, 100000);
	check_bsns_unique(DEMO_INDEX_LIMIT - 100000, DEMO_INDEX_LIMIT);
	char a[DEMO_BSN_LEN], b[DEMO_BSN_LEN];
	demo_bsn(123, a);
	demo_bsn(123, b);
	assert_string_equal(a, b);
	demo_bsn(0, a);
	demo_bsn(DEMO_INDEX_LIMIT, b); /* wraps around */
	assert_string_equal(a, b);
}

static void test_external_id(void **state)
{
	uint32_t *v = malloc(100000 * sizeof(*v));
	char id[DEMO_EXTERNAL_ID_LEN];

	(void)state;
	assert_non_null(v);
	for (long i = 0; i < 100000; i++) {
		demo_external_id(i, id);
		assert_int_equal(strncmp(id, "COA-", 4), 0);
		assert_true(all_digits(id + 4, 8));
		v[i] = (uint32_t)strtoul(id + 4, NULL, 10);
	}
	qsort(v, 100000, sizeof(*v), cmp_u32);
	for (size_t i = 1; i < 100000; i++)
		assert_true(v[i] != v[i - 1]);
	free(v);
}

/* The BSN a participant carries is the one derived from its index, and
 * about one in ten has none. */
static void test_generated_bsns(void **state)
{
	struct demo_rng r;
	date_t today = ymd(2025, 6, 15);
	char want[DEMO_BSN_LEN];
	int missing = 0;

	(void)state;
	demo_rng_init(&r, 5);
	for (long i = 0; i < 20000; i++) {
		json_t *p = demo_participant(&r, i, today);
		json_t *bsn = json_object_get(p, "bsn");
		if (bsn == NULL) {
			missing++;
		} else {
			assert_true(json_is_string(bsn));
			assert_true(elfproef(json_string_value(bsn)));
			demo_bsn(i, want);
			assert_string_equal(json_string_value(bsn), want);
		}
		json_decref(p);
	}
	assert_true(missing > 1600 && missing < 2400);
}

/* ---- the field rules --------------------------------------------------- */

static const char *const known_fields[] = {
	"external_id", "family_name", "given_names", "birth_date", "sex",
	"country_of_origin", "languages", "household_size", "children",
	"arrival_date", "permit_date", "street", "postal_code", "city", "phone",
	"email", "bsn", "education_years", "isced_level", "diplomas",
	"work_history", "ambitions", "integration_duty", "integration_provider",
	"integration_deadline", "cefr_listening", "cefr_reading",
	"cefr_speaking", "cefr_writing", "exam_status", "benefit",
	"benefit_since", "health_limits", "target_group", "work_hours_per_day",
	"work_days_per_week", "licences", "max_physical_load",
};
static const char *const sexes[] = { "female", "male", "x", "unknown" };
static const char *const countries[] = {
	"SY", "ER", "AF", "TR", "YE", "IQ", "IR", "SO", "ET", "SD", "UA",
};
static const char *const languages[] = {
	"ar", "ti", "fa", "prs", "ps", "so", "tr", "ku", "ckb", "kmr", "am",
	"om", "uk", "ru", "en", "tig", "nl",
};
static const char *const cities[] = {
	"Naaldwijk", "Monster", "'s-Gravenzande", "Wateringen", "De Lier",
	"Honselersdijk", "Poeldijk", "Maasdijk",
};
static const char *const valuations[] = {
	"not_requested", "requested", "valued", "not_comparable",
};
/* ISCO-08 sub-major groups. */
static const char *const isco[] = {
	"01", "02", "03", "11", "12", "13", "14", "21", "22", "23", "24", "25",
	"26", "31", "32", "33", "34", "35", "41", "42", "43", "44", "51", "52",
	"53", "54", "61", "62", "63", "71", "72", "73", "74", "75", "81", "82",
	"83", "91", "92", "93", "94", "95", "96",
};
static const char *const duties[] = { "duty", "voluntary", "exempt", "met", "none" };
static const char *const cefr[] = { "A0", "A1", "A2", "B1", "B2" };
static const char *const exams[] = {
	"not_started", "in_progress", "passed", "failed", "exempt",
};
static const char *const benefits[] = {
	"none", "participatiewet", "ww", "wia", "wajong", "other",
};
static const char *const target_groups[] = {
	"newcomer", "family_reunion", "sheltered_work", "other",
};
static const char *const loads[] = { "light", "medium" };

static const char *str(json_t *p, const char *key)
{
	json_t *v = json_object_get(p, key);

	if (v != NULL && !json_is_string(v))
		fail_msg("field %s is not a string", key);
	return v != NULL ? json_string_value(v) : NULL;
}

static long integer(json_t *p, const char *key, long lo, long hi)
{
	json_t *v = json_object_get(p, key);

	if (!json_is_integer(v))
		fail_msg("field %s is not an integer", key);
	long x = (long)json_integer_value(v);
	if (x < lo || x > hi)
		fail_msg("field %s = %ld outside %ld..%ld", key, x, lo, hi);
	return x;
}

static date_t date_field(json_t *p, const char *key)
{
	const char *s = str(p, key);
	date_t d = 0;

	if (s == NULL || date_parse(s, &d) != 0)
		fail_msg("field %s = \"%s\" is not a date", key, s ? s : "(absent)");
	return d;
}

static void check_text(json_t *p, const char *key, size_t max, bool required)
{
	const char *s = str(p, key);

	if (s == NULL) {
		if (required)
			fail_msg("field %s is missing", key);
		return;
	}
	if (strlen(s) < 1 || strlen(s) > max)
		fail_msg("field %s = \"%s\" has a bad length", key, s);
}

static void check_enum(json_t *p, const char *key, const char *const *list,
		       size_t n, bool required)
{
	const char *s = str(p, key);

	if (s == NULL && !required)
		return;
	if (!in_list(s, list, n))
		fail_msg("field %s = \"%s\" is not a known code", key, s ? s : "(absent)");
}

#define ENUM(p, key, list, required) check_enum((p), (key), (list), COUNT(list), (required))

static void check_postal_code(const char *s)
{
	assert_non_null(s);
	assert_int_equal(strlen(s), 7);
	assert_true(s[0] >= '1' && s[0] <= '9');
	for (int i = 1; i < 4; i++)
		assert_true(s[i] >= '0' && s[i] <= '9');
	assert_true(s[4] == ' ');
	assert_true(s[5] >= 'A' && s[5] <= 'Z');
	assert_true(s[6] >= 'A' && s[6] <= 'Z');
	int pc4 = atoi(s);
	assert_true((pc4 >= 2671 && pc4 <= 2695) || pc4 == 2291);
}

static void check_participant(json_t *p, long index, date_t today)
{
	const char *key;
	json_t *v;
	size_t i;
	char want[DEMO_EXTERNAL_ID_LEN];

	assert_true(json_is_object(p));
	json_object_foreach(p, key, v) {
		if (!IN(key, known_fields))
			fail_msg("unknown field %s", key);
		if (json_is_null(v))
			fail_msg("field %s is null", key);
	}

	demo_external_id(index, want);
	assert_string_equal(str(p, "external_id"), want);
	check_text(p, "family_name", 100, true);
	check_text(p, "given_names", 100, true);
	ENUM(p, "sex", sexes, true);
	const char *origin = str(p, "country_of_origin");
	ENUM(p, "country_of_origin", countries, true);

	json_t *langs = json_object_get(p, "languages");
	assert_true(json_is_array(langs));
	assert_true(json_array_size(langs) >= 1 && json_array_size(langs) <= 10);
	json_array_foreach(langs, i, v) {
		if (!json_is_string(v) || !IN(json_string_value(v), languages))
			fail_msg("bad language in participant %ld", index);
		for (size_t k = 0; k < i; k++)
			assert_true(!json_equal(v, json_array_get(langs, k)));
	}

	long household = integer(p, "household_size", 1, 8);
	long children = integer(p, "children", 0, 20);
	assert_true(children < household);

	/* birth < permit <= arrival <= today, arrival within two years */
	date_t birth = date_field(p, "birth_date");
	date_t permit = date_field(p, "permit_date");
	date_t arrival = date_field(p, "arrival_date");
	assert_true(birth < permit);
	assert_true(permit <= arrival);
	assert_true(arrival <= today);
	assert_true(arrival >= date_add_months(today, -24));
	assert_true(permit >= date_add_months(arrival, -12));
	assert_true(permit <= date_add_months(arrival, -1));
	int age = date_age(birth, today);
	if (age < 16 || age > 60)
		fail_msg("age %d on today", age);

	check_text(p, "street", 100, true);
	check_postal_code(str(p, "postal_code"));
	ENUM(p, "city", cities, true);
	const char *phone = str(p, "phone");
	if (phone != NULL) {
		assert_int_equal(strncmp(phone, "06-", 3), 0);
		assert_true(all_digits(phone + 3, 8));
	}
	const char *email = str(p, "email");
	if (email != NULL) {
		const char *at = strchr(email, '@');
		assert_non_null(at);
		assert_true(at > email && strchr(at, '.') != NULL);
		for (const char *c = email; *c != '\0'; c++)
			assert_true((unsigned char)*c < 0x80);
	}
	const char *bsn = str(p, "bsn");
	if (bsn != NULL)
		assert_true(elfproef(bsn));

	long years = integer(p, "education_years", 0, 30);
	int level = (int)integer(p, "isced_level", 0, 8);
	if (level == 0)
		assert_int_equal(years, 0);
	assert_true(years <= age - 6);

	json_t *dips = json_object_get(p, "diplomas");
	assert_true(json_is_array(dips) && json_array_size(dips) <= 10);
	json_array_foreach(dips, i, v) {
		check_text(v, "title", 200, true);
		assert_string_equal(str(v, "country"), origin);
		assert_true(integer(v, "isced_level", 0, 8) <= level);
		ENUM(v, "valuation", valuations, true);
		assert_int_equal(json_object_size(v), 4);
	}

	json_t *jobs = json_object_get(p, "work_history");
	assert_true(json_is_array(jobs) && json_array_size(jobs) <= 3);
	json_array_foreach(jobs, i, v) {
		ENUM(v, "isco_code", isco, true);
		check_text(v, "occupation", 200, true);
		integer(v, "years", 1, 20);
		assert_int_equal(json_object_size(v), 3);
	}
	check_text(p, "ambitions", 1000, false);

	ENUM(p, "integration_duty", duties, true);
	check_text(p, "integration_provider", 100, false);
	if (json_object_get(p, "integration_deadline") != NULL)
		assert_true(date_field(p, "integration_deadline") ==
			    date_add_months(permit, 36));
	if (strcmp(str(p, "integration_duty"), "duty") == 0) {
		assert_non_null(json_object_get(p, "integration_deadline"));
		assert_non_null(json_object_get(p, "integration_provider"));
	}
	ENUM(p, "cefr_listening", cefr, true);
	ENUM(p, "cefr_reading", cefr, true);
	ENUM(p, "cefr_speaking", cefr, true);
	ENUM(p, "cefr_writing", cefr, true);
	ENUM(p, "exam_status", exams, false);
	const char *exam = str(p, "exam_status");
	if (exam != NULL && strcmp(exam, "passed") == 0)
		assert_true(strcmp(str(p, "cefr_listening"), "A2") > 0 &&
			    strcmp(str(p, "cefr_writing"), "A2") > 0);

	ENUM(p, "benefit", benefits, true);
	if (json_object_get(p, "benefit_since") != NULL) {
		date_t since = date_field(p, "benefit_since");
		assert_true(since >= arrival && since <= today);
	}
	check_text(p, "health_limits", 1000, false);
	ENUM(p, "target_group", target_groups, true);
	integer(p, "work_hours_per_day", 2, 8);
	integer(p, "work_days_per_week", 1, 5);

	/* a driving licence only for adults; a load limit only with a health limit */
	json_t *lic = json_object_get(p, "licences");
	if (lic != NULL) {
		assert_true(json_is_array(lic) && json_array_size(lic) == 1);
		assert_string_equal(json_string_value(json_array_get(lic, 0)), "driving_b");
		assert_true(age >= 21);
	}
	ENUM(p, "max_physical_load", loads, false);
	if (json_object_get(p, "max_physical_load") != NULL)
		assert_non_null(json_object_get(p, "health_limits"));
}

static void check_population(uint64_t seed, date_t today, long n)
{
	struct demo_rng r;

	demo_rng_init(&r, seed);
	for (long i = 0; i < n; i++) {
		json_t *p = demo_participant(&r, i, today);
		assert_non_null(p);
		check_participant(p, i, today);
		/* every string is valid UTF-8: the decoder checks it */
		char *s = json_dumps(p, 0);
		json_t *back = json_loads(s, 0, NULL);
		assert_non_null(back);
		json_decref(back);
		free(s);
		json_decref(p);
	}
}

static void test_fields_valid(void **state)
{
	(void)state;
	check_population(1, ymd(2025, 6, 15), 10000);
	check_population(2, ymd(2024, 2, 29), 3000);  /* leap day */
	check_population(3, ymd(2023, 12, 31), 3000);
	check_population(4, ymd(2030, 1, 1), 3000);
}

/* ---- the spread -------------------------------------------------------- */

static void test_distribution(void **state)
{
	struct demo_rng r;
	date_t today = ymd(2025, 6, 15);
	const long n = 10000;
	int origin[COUNT(countries)] = { 0 };
	int female = 0, young = 0, no_school = 0, university = 0, health = 0;
	int newcomer = 0, two_languages = 0, with_work = 0, licensed = 0, limited = 0;

	(void)state;
	demo_rng_init(&r, 2024);
	for (long i = 0; i < n; i++) {
		json_t *p = demo_participant(&r, i, today);
		const char *c = str(p, "country_of_origin");
		for (size_t k = 0; k < COUNT(countries); k++)
			origin[k] += strcmp(c, countries[k]) == 0;
		female += strcmp(str(p, "sex"), "female") == 0;
		date_t birth = date_field(p, "birth_date");
		young += date_age(birth, today) < 27;
		no_school += json_integer_value(json_object_get(p, "isced_level")) == 0;
		university += json_integer_value(json_object_get(p, "isced_level")) >= 6;
		health += json_object_get(p, "health_limits") != NULL;
		newcomer += strcmp(str(p, "target_group"), "newcomer") == 0;
		two_languages += json_array_size(json_object_get(p, "languages")) > 1;
		with_work += json_array_size(json_object_get(p, "work_history")) > 0;
		licensed += json_object_get(p, "licences") != NULL;
		limited += json_object_get(p, "max_physical_load") != NULL;
		json_decref(p);
	}
	/* Syria first, between 25% and 45%; every origin present */
	assert_true(origin[0] > n * 25 / 100 && origin[0] < n * 45 / 100);
	for (size_t k = 0; k < COUNT(countries); k++) {
		if (origin[k] < n / 100)
			fail_msg("only %d from %s", origin[k], countries[k]);
		assert_true(origin[k] <= origin[0]);
	}
	assert_true(female > n * 30 / 100 && female < n * 55 / 100);
	assert_true(young > n * 15 / 100 && young < n * 60 / 100);
	assert_true(no_school > n * 3 / 100);
	assert_true(university > n * 8 / 100);
	assert_true(health > n * 10 / 100 && health < n * 22 / 100);
	assert_true(newcomer > n * 60 / 100);
	assert_true(two_languages > n * 10 / 100);
	assert_true(with_work > n * 50 / 100);
	/* about one in five adults drives; a third of the health limits limit the load */
	assert_true(licensed > n * 12 / 100 && licensed < n * 30 / 100);
	assert_true(limited > health / 5 && limited < health / 2);
}

/* ---- the employer network as drawn ------------------------------------- */

static void check_placement_row(json_t *p)
{
	struct err e;
	daypart_set set = 0;
	size_t i;
	json_t *v;

	err_init(&e);
	assert_true(codes_has("placement_kind", str(p, "kind")));
	check_text(p, "title", 120, true);
	check_text(p, "location", 200, true);
	assert_true(codes_isco_valid(str(p, "isco_code")));
	assert_true(codes_has("sector", str(p, "sector")));
	integer(p, "capacity", 1, 500);
	long hours = integer(p, "hours_per_week", PLACEMENT_HOURS_MIN, PLACEMENT_HOURS_MAX);
	assert_int_equal(daypart_list_parse(str(p, "day_parts"), &set, &e), 0);
	if (placement_hours_check((int)hours, set, &e) != 0)
		fail_msg("%s: %s", str(p, "title"), e.nfields ? e.fields[0].reason : e.msg);
	if (json_is_true(json_object_get(p, "full_days")))
		assert_true(daypart_full_days(set) > 0);
	json_array_foreach(json_object_get(p, "licences"), i, v)
		assert_true(codes_has("licences", json_string_value(v)));
	assert_true(codes_has("physical_load", str(p, "physical_load")));
	if (str(p, "min_cefr_speaking"))
		assert_true(codes_has("cefr", str(p, "min_cefr_speaking")));
	if (str(p, "min_cefr_listening"))
		assert_true(codes_has("cefr", str(p, "min_cefr_listening")));
	if (json_object_get(p, "min_isced"))
		integer(p, "min_isced", 0, 8);
	date_t from = 0, to = 0;
	bool has_from = str(p, "start_date") && date_parse(str(p, "start_date"), &from) == 0;
	bool has_to = str(p, "end_date") && date_parse(str(p, "end_date"), &to) == 0;
	assert_int_equal(placement_validate_period(has_from, from, has_to, to, &e), 0);
	err_release(&e);
}

static void test_employer_network_drawn(void **state)
{
	static char *names[DEMO_EMPLOYERS_MAX];
	static const char *const external[] = { "external_work_learning", "work_experience_place",
						 "language_internship", "trial_placement", "vacancy", "secondment" };
	bool seen[COUNT(external)] = { false };
	date_t today = ymd(2026, 11, 22);
	struct demo_rng r;
	int greenhouse = 0, logistics = 0, food = 0;
	size_t i;
	json_t *v;

	(void)state;
	assert_true(demo_employer_count(200) >= 28 && demo_employer_count(200) <= 34);
	assert_true(demo_employer_count(0) >= 20);
	assert_true(demo_employer_count(100000) > demo_employer_count(500));
	assert_true(demo_employer_count(100000) <= DEMO_EMPLOYERS_MAX);
	assert_int_equal(demo_employer_count(1000000), DEMO_EMPLOYERS_MAX);
	demo_rng_init(&r, 11);
	for (long k = 0; k < DEMO_EMPLOYERS_MAX; k++) {
		json_t *emp = demo_employer(&r, k);
		assert_non_null(emp);
		names[k] = strdup(str(emp, "name"));
		for (long j = 0; j < k; j++)
			if (strcmp(names[j], names[k]) == 0)
				fail_msg("employers %ld and %ld are both \"%s\"", j, k, names[k]);
		const char *sector = str(emp, "sector");
		assert_true(codes_has("sector", sector));
		assert_true(codes_has("size_class", str(emp, "size_class")));
		ENUM(emp, "city", cities, true);
		check_postal_code(str(emp, "postal_code"));
		check_text(emp, "street", 100, true);
		check_text(emp, "notes", 4000, true);
		double lat = json_real_value(json_object_get(emp, "latitude"));
		double lon = json_real_value(json_object_get(emp, "longitude"));
		assert_true(lat > 51.9 && lat < 52.1 && lon > 4.1 && lon < 4.35);
		json_t *contacts = json_object_get(emp, "contacts");
		assert_true(json_array_size(contacts) >= 1 && json_array_size(contacts) <= 3);
		json_array_foreach(contacts, i, v) {
			const char *mail = str(v, "email");
			check_text(v, "name", 100, true);
			assert_int_equal(strncmp(str(v, "phone"), "0174-", 5), 0);
			assert_non_null(strchr(mail, '@'));
			assert_string_equal(mail + strlen(mail) - 8, ".example");
		}
		if (k < 30) {
			greenhouse += strcmp(sector, "greenhouse_horticulture") == 0;
			logistics += strcmp(sector, "logistics") == 0;
			food += strcmp(sector, "food_processing") == 0;
		}
		json_t *offers = demo_offers(&r, emp, k, today);
		assert_true(json_array_size(offers) >= 1 && json_array_size(offers) <= 4);
		json_array_foreach(offers, i, v) {
			check_placement_row(v);
			for (size_t x = 0; x < COUNT(external); x++)
				if (k < 12 && strcmp(str(v, "kind"), external[x]) == 0)
					seen[x] = true;
		}
		json_decref(offers);
		json_decref(emp);
	}
	assert_string_equal(names[0], "Kwekerij De Groene Vallei");
	assert_string_equal(names[1], "Logistiek Poeldijk BV");
	for (long k = 0; k < DEMO_EMPLOYERS_MAX; k++)
		free(names[k]);
	/* mostly greenhouse horticulture, then logistics and food processing */
	assert_true(greenhouse >= 10 && greenhouse > logistics && logistics >= food && food >= 3);
	assert_true(greenhouse + logistics + food >= 20);
	for (size_t x = 0; x < COUNT(external); x++)
		if (!seen[x])
			fail_msg("the first employers offer no %s", external[x]);
	for (long h = 0; h < demo_hall_count(100000); h++) {
		json_t *hall = demo_hall(h, 100000);
		check_placement_row(hall);
		assert_string_equal(str(hall, "kind"), "internal_work_learning");
		assert_int_equal(strncmp(str(hall, "title"), "Productiehal ", 13), 0);
		json_decref(hall);
	}
	assert_int_equal(demo_hall_count(200), 4);
}

/* ---- the work floor in a demo database --------------------------------- */

struct floor_db {
	char path[64];
	struct store *st;
	struct app app;
	struct app_ctx ctx;
	sqlite3 *db; /* a second connection for the checks */
};

static void floor_open(struct floor_db *f, long n, uint64_t seed)
{
	struct err e;
	int applied;
	json_t *summary = NULL;

	snprintf(f->path, sizeof f->path, "/tmp/meedoen-test-demo-XXXXXX");
	int fd = mkstemp(f->path);
	close(fd);
	err_init(&e);
	assert_int_equal(store_open(f->path, &f->st, &e), 0);
	assert_int_equal(store_migrate(f->st, &applied, &e), 0);
	assert_int_equal(app_init(&f->app, f->st, NULL, &e), 0);
	app_ctx_init(&f->ctx, &f->app, f->st, NULL);
	app_ctx_system(&f->ctx);
	if (app_demo(&f->ctx, n, seed, &summary, &e) != 0)
		fail_msg("demo: %s", e.msg);
	json_t *work = json_object_get(summary, "work_floor");
	assert_true(json_integer_value(json_object_get(work, "employers")) == demo_employer_count(n));
	json_decref(summary);
	err_release(&e);
	assert_int_equal(sqlite3_open(f->path, &f->db), SQLITE_OK);
}

static void floor_close(struct floor_db *f)
{
	char side[80];
	sqlite3_close(f->db);
	app_release(&f->app);
	store_close(f->st);
	unlink(f->path);
	snprintf(side, sizeof side, "%s-wal", f->path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", f->path);
	unlink(side);
}

/* The one integer `sql` (with ?1 = today) answers. */
static int64_t query_int(struct floor_db *f, const char *sql)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(f->db, sql, -1, &s, NULL) != SQLITE_OK)
		fail_msg("sql: %s", sqlite3_errmsg(f->db));
	sqlite3_bind_text(s, 1, f->ctx.today_s, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* Every row of `sql` as text, for comparing two databases. */
static char *query_text(struct floor_db *f, const char *sql)
{
	sqlite3_stmt *s;
	size_t len = 0, cap = 1024;
	char *out = malloc(cap);
	out[0] = '\0';
	if (sqlite3_prepare_v2(f->db, sql, -1, &s, NULL) != SQLITE_OK)
		fail_msg("sql: %s", sqlite3_errmsg(f->db));
	while (sqlite3_step(s) == SQLITE_ROW) {
		for (int c = 0; c < sqlite3_column_count(s); c++) {
			const char *t = (const char *)sqlite3_column_text(s, c);
			size_t n = strlen(t ? t : "") + 2;
			if (len + n + 1 > cap) {
				cap = (len + n + 1) * 2;
				out = realloc(out, cap);
			}
			len += (size_t)snprintf(out + len, cap - len, "%s%c", t ? t : "", c + 1 < sqlite3_column_count(s) ? '|' : '\n');
		}
	}
	sqlite3_finalize(s);
	return out;
}

static void act_as(struct floor_db *f, const char *username)
{
	struct err e;
	struct user_row u;
	err_init(&e);
	app_ctx_init(&f->ctx, &f->app, f->st, NULL);
	assert_int_equal(store_user_by_name(f->st, username, &u, &e), 0);
	app_ctx_user(&f->ctx, &u);
	err_release(&e);
}

static void test_demo_work_floor(void **state)
{
	struct floor_db f;
	struct err e;

	(void)state;
	floor_open(&f, 150, 3);
	err_init(&e);

	/* every placement within its capacity, and people placed in halls and at employers */
	assert_int_equal(query_int(&f, "SELECT count(*) FROM placement p WHERE (SELECT count(*) FROM phase x "
				       "WHERE x.placement_id = p.id AND x.actual_end IS NULL) > p.capacity"), 0);
	assert_true(query_int(&f, "SELECT count(*) FROM phase x JOIN placement p ON p.id = x.placement_id "
				  "WHERE x.actual_end IS NULL AND p.kind = 'internal_work_learning'") > 5);
	assert_true(query_int(&f, "SELECT count(*) FROM phase x JOIN placement p ON p.id = x.placement_id "
				  "JOIN organisation o ON o.id = p.organisation_id "
				  "WHERE x.actual_end IS NULL AND o.type = 'employer'") > 5);
	/* only open phases carry a placement, and each of a kind that fits */
	assert_int_equal(query_int(&f, "SELECT count(*) FROM phase WHERE placement_id IS NOT NULL AND actual_end IS NOT NULL"),
			 0);
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(f.db, "SELECT p.kind, x.kind FROM phase x JOIN placement p "
					    "ON p.id = x.placement_id", -1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW)
		assert_true(placement_kind_fits_phase((const char *)sqlite3_column_text(s, 0),
						      (const char *)sqlite3_column_text(s, 1)));
	sqlite3_finalize(s);
	/* every kind of external place is offered */
	assert_int_equal(query_int(&f, "SELECT count(DISTINCT kind) FROM placement WHERE kind IN ('external_work_learning', "
				       "'work_experience_place', 'language_internship', 'trial_placement', 'vacancy', "
				       "'secondment')"), 6);
	/* everyone placed is linked to the placement's organisation (and a hall's supervisor) */
	assert_int_equal(query_int(&f, "SELECT count(*) FROM phase x JOIN placement p ON p.id = x.placement_id "
				       "WHERE x.actual_end IS NULL AND NOT EXISTS (SELECT 1 FROM participant_link l "
				       "WHERE l.participant_id = x.participant_id AND l.kind = 'placement' "
				       "AND l.organisation_id = p.organisation_id AND l.start_date <= ?1 "
				       "AND (l.end_date IS NULL OR l.end_date > ?1) "
				       "AND l.user_id IS p.supervisor_user_id)"), 0);
	/* the halls are supervised by the department assistant */
	assert_int_equal(query_int(&f, "SELECT count(*) FROM placement p JOIN organisation o ON o.id = p.organisation_id "
				       "LEFT JOIN app_user u ON u.id = p.supervisor_user_id WHERE o.type = 'social_work_company' "
				       "AND (u.username IS NOT 'afdelingsassistent' OR p.kind <> 'internal_work_learning')"), 0);
	/* every employer organisation has its details, contacts and history */
	assert_int_equal(query_int(&f, "SELECT count(*) FROM organisation o WHERE o.type = 'employer' AND "
				       "(NOT EXISTS (SELECT 1 FROM employer m WHERE m.organisation_id = o.id) "
				       "OR NOT EXISTS (SELECT 1 FROM employer_contact c WHERE c.organisation_id = o.id) "
				       "OR NOT EXISTS (SELECT 1 FROM employer_event v WHERE v.organisation_id = o.id))"), 0);
	assert_int_equal(query_int(&f, "SELECT count(*) FROM employer_event WHERE occurred_on > ?1"), 0);

	/* every assessment's advice is the one domain/assessment.c gives its scores */
	assert_int_equal(sqlite3_prepare_v2(f.db, "SELECT scores, advice, advice_reason, decision, decided_advice, "
					    "decision_reason FROM assessment", -1, &s, NULL), SQLITE_OK);
	int rows = 0, decided = 0, overridden = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct assessment a = { 0 };
		char reason[READINESS_REASON_LEN];
		json_t *scores = json_loads((const char *)sqlite3_column_text(s, 0), 0, NULL);
		for (int i = 0; i < ASSESSMENT_ITEM_COUNT; i++) {
			json_t *v = json_object_get(scores, assessment_item(i)->code);
			assert_true(json_is_integer(v));
			a.score[i] = (int)json_integer_value(v);
			a.has_score[i] = true;
		}
		json_decref(scores);
		assert_int_equal(assessment_check(&a, &e), 0);
		enum readiness advice = assessment_advice(&a, reason);
		assert_string_equal((const char *)sqlite3_column_text(s, 1), readiness_code(advice));
		assert_string_equal((const char *)sqlite3_column_text(s, 2), reason);
		const char *decision = (const char *)sqlite3_column_text(s, 3);
		const char *chosen = (const char *)sqlite3_column_text(s, 4);
		if (decision && strcmp(decision, "confirmed") == 0) {
			assert_string_equal(chosen, readiness_code(advice));
		} else if (decision) {
			assert_string_equal(decision, "overridden");
			assert_true(readiness_find(chosen) >= 0 && strcmp(chosen, readiness_code(advice)) != 0);
			assert_non_null(sqlite3_column_text(s, 5));
			overridden++;
		}
		decided += decision != NULL;
		rows++;
	}
	sqlite3_finalize(s);
	assert_true(rows > 20 && decided > 5 && decided < rows && overridden >= 1);
	/* assessed in a hall the person occupies, by the department assistant */
	assert_int_equal(query_int(&f, "SELECT count(*) FROM assessment a JOIN app_user u ON u.id = a.assessor_user_id "
				       "WHERE u.username <> 'afdelingsassistent' OR NOT EXISTS (SELECT 1 FROM phase x "
				       "WHERE x.participant_id = a.participant_id AND x.placement_id = a.placement_id "
				       "AND x.actual_end IS NULL AND x.start_date < a.assessed_on) OR a.assessed_on > ?1"),
			 0);
	/* progress: work capacity never falls within a series, and the rubric rises on average */
	assert_int_equal(query_int(&f, "SELECT count(*) FROM assessment a JOIN assessment b "
				       "ON b.participant_id = a.participant_id AND b.assessed_on > a.assessed_on "
				       "WHERE json_extract(b.scores, '$.work_capacity') < json_extract(a.scores, "
				       "'$.work_capacity')"), 0);
	assert_true(query_int(&f, "WITH s AS (SELECT participant_id, assessed_on, json_extract(scores, '$.pace') "
				  "+ json_extract(scores, '$.quality') + json_extract(scores, '$.vocabulary') AS total "
				  "FROM assessment), firsts AS (SELECT participant_id, min(assessed_on) AS d, "
				  "max(assessed_on) AS l FROM s GROUP BY participant_id HAVING count(*) >= 3) "
				  "SELECT sum((SELECT total FROM s WHERE s.participant_id = f.participant_id AND "
				  "s.assessed_on = f.l) - (SELECT total FROM s WHERE s.participant_id = f.participant_id "
				  "AND s.assessed_on = f.d)) FROM firsts f") > 0);

	/* the employer's user sees people placed with them, and only those */
	act_as(&f, "werkgever");
	struct list_params lp = { .page = 1, .per_page = 100 };
	json_t *out = NULL, *item;
	size_t i;
	assert_int_equal(app_participant_list(&f.ctx, &lp, &out, &e), 0);
	assert_true(json_integer_value(json_object_get(out, "total")) >= 1);
	json_array_foreach(json_object_get(out, "items"), i, item) {
		char sql[400];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM phase x JOIN placement p ON p.id = x.placement_id "
			 "JOIN organisation o ON o.id = p.organisation_id WHERE x.participant_id = %lld "
			 "AND x.actual_end IS NULL AND o.name = 'Kwekerij De Groene Vallei'",
			 (long long)json_integer_value(json_object_get(item, "id")));
		assert_int_equal(query_int(&f, sql), 1);
	}
	json_decref(out);
	/* and their own placements, the visits they host and a training they pay for */
	struct placement_filter pf = { 0 };
	assert_int_equal(app_placement_list(&f.ctx, &pf, &out, &e), 0);
	assert_true(json_array_size(json_object_get(out, "items")) >= 3);
	json_decref(out);
	assert_int_equal(app_visit_list(&f.ctx, NULL, NULL, &out, &e), 0);
	assert_true(json_array_size(json_object_get(out, "items")) >= 1);
	json_decref(out);

	/* the department assistant reads the assessments of someone in a hall */
	act_as(&f, "afdelingsassistent");
	int64_t pid = query_int(&f, "SELECT min(participant_id) FROM assessment");
	assert_int_equal(app_assessment_list(&f.ctx, pid, &out, &e), 0);
	assert_true(json_array_size(json_object_get(out, "items")) >= 1);
	json_decref(out);

	/* trainings with co-financing, results and certificates */
	assert_true(query_int(&f, "SELECT count(*) FROM training WHERE employer_share_cents > 0") >= 3);
	assert_true(query_int(&f, "SELECT count(*) FROM training_enrolment WHERE result = 'passed' "
				  "AND certificate_expires > ?1") >= 1);
	assert_true(query_int(&f, "SELECT count(*) FROM training WHERE start_date > ?1") >= 1);
	assert_int_equal(query_int(&f, "SELECT count(*) FROM training_enrolment n JOIN training t ON t.id = n.training_id "
				       "WHERE t.end_date >= ?1 AND n.result <> 'enrolled'"), 0);
	assert_int_equal(query_int(&f, "SELECT count(*) FROM training t WHERE (SELECT count(*) FROM training_enrolment n "
				       "WHERE n.training_id = t.id) > t.capacity"), 0);

	/* visits: past ones with attendance and follow-ups, some leading to placements, and planned ones */
	act_as(&f, "accountmanager");
	assert_int_equal(app_visit_list(&f.ctx, NULL, NULL, &out, &e), 0);
	int past = 0, ahead = 0, led = 0;
	json_array_foreach(json_object_get(out, "items"), i, item) {
		date_t held;
		assert_int_equal(date_parse(str(item, "held_on"), &held), 0);
		assert_true(json_integer_value(json_object_get(item, "invited")) <=
			    json_integer_value(json_object_get(item, "capacity")));
		if (held < f.ctx.today) {
			past++;
			led += json_integer_value(json_object_get(item, "placements_started")) > 0;
		} else {
			ahead++;
			assert_int_equal(json_integer_value(json_object_get(item, "attended")), 0);
		}
	}
	json_decref(out);
	assert_true(past >= 4 && ahead >= 1 && led >= 1);
	assert_true(query_int(&f, "SELECT count(*) FROM visit_follow_up WHERE follow_up = 'place_offered'") >= 1);

	/* the kept signal facts still equal the live ones */
	int64_t stale = -1;
	assert_int_equal(store_signal_facts_check(f.st, &stale, &e), 0);
	assert_int_equal(stale, 0);
	err_release(&e);
	floor_close(&f);
}

/* The same seed gives the same work floor. */
static void test_demo_work_floor_repeats(void **state)
{
	static const char sql[] =
		"SELECT 'p', id, organisation_id, kind, title, capacity, day_parts, licences FROM placement "
		"UNION ALL SELECT 'x', participant_id, kind, start_date, placement_id, reason, 0, 0 FROM phase "
		"WHERE placement_id IS NOT NULL "
		"UNION ALL SELECT 'a', participant_id, assessed_on, scores, advice, decision, decided_advice, 0 "
		"FROM assessment "
		"UNION ALL SELECT 'v', visit_id, participant_id, attended, interest, 0, 0, 0 FROM visit_participant "
		"UNION ALL SELECT 'n', training_id, participant_id, result, certificate_expires, 0, 0, 0 "
		"FROM training_enrolment";
	struct floor_db a, b;

	(void)state;
	floor_open(&a, 60, 9);
	floor_open(&b, 60, 9);
	char *ta = query_text(&a, sql), *tb = query_text(&b, sql);
	assert_true(strlen(ta) > 1000);
	assert_string_equal(ta, tb);
	free(ta);
	free(tb);
	floor_close(&a);
	floor_close(&b);
}

/* ---- week planning in a demo database ----------------------------------- */

static void test_demo_week_plans(void **state)
{
	struct floor_db f;
	struct err e;
	json_t *out = NULL, *item, *c;
	size_t i, j;

	(void)state;
	floor_open(&f, 150, 3);
	err_init(&e);

	/* both providers have class groups with sessions; each provider's user sees only its own */
	static const char *const providers[][2] = { { "taalaanbieder", "Taalhuis Westland" },
						    { "taalaanbieder2", "Taalschool De Brug" } };
	for (size_t k = 0; k < COUNT(providers); k++) {
		act_as(&f, providers[k][0]);
		assert_int_equal(app_class_group_list(&f.ctx, 0, false, &out, &e), 0);
		assert_true(json_array_size(json_object_get(out, "items")) >= 4);
		json_array_foreach(json_object_get(out, "items"), i, item) {
			assert_string_equal(str(item, "organisation_name"), providers[k][1]);
			assert_true(json_array_size(json_object_get(item, "sessions")) >= 1);
		}
		json_decref(out);
	}
	/* a Christmas holiday, enrolments, and attendance in the past only */
	assert_int_equal(query_int(&f, "SELECT count(*) FROM plan_exception WHERE group_id IS NOT NULL "
				       "AND reason = 'Kerstvakantie'"), 1);
	assert_true(query_int(&f, "SELECT count(DISTINCT group_id) FROM class_enrolment") >= 6);
	assert_true(query_int(&f, "SELECT count(*) FROM class_attendance WHERE status = 'present'") >
		    query_int(&f, "SELECT count(*) FROM class_attendance WHERE status <> 'present'"));
	assert_int_equal(query_int(&f, "SELECT count(*) FROM class_attendance WHERE day >= ?1"), 0);
	assert_int_equal(query_int(&f, "SELECT count(*) FROM class_attendance a WHERE NOT EXISTS (SELECT 1 FROM "
				       "class_enrolment c WHERE c.group_id = a.group_id AND c.participant_id = "
				       "a.participant_id AND c.start_date <= a.day)"), 0);

	/* everyone in work-learning has a plan with two day-parts of work, or a conflict saying why not */
	act_as(&f, "projectleider");
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(f.db, "SELECT DISTINCT participant_id FROM phase WHERE actual_end IS NULL "
					    "AND kind IN ('internal_work_learning', 'external_work_learning', "
					    "'work_experience_place', 'language_internship', 'trial_placement')",
					    -1, &s, NULL), SQLITE_OK);
	int people = 0, with_class = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		int64_t pid = sqlite3_column_int64(s, 0);
		assert_int_equal(app_week_plan_get(&f.ctx, pid, 0, &out, &e), 0);
		bool why = false, cls = false;
		json_array_foreach(json_object_get(out, "conflicts"), j, c)
			why |= strcmp(str(c, "rule"), "below_minimum") == 0;
		json_array_foreach(json_object_get(out, "items"), j, item)
			cls |= strcmp(str(item, "kind"), "language_class") == 0;
		if (json_integer_value(json_object_get(out, "work_day_parts")) < 2 && !why)
			fail_msg("participant %lld works %lld day-parts without a conflict", (long long)pid,
				 (long long)json_integer_value(json_object_get(out, "work_day_parts")));
		people++;
		with_class += cls;
		json_decref(out);
	}
	sqlite3_finalize(s);
	assert_true(people > 20 && with_class >= 5);
	/* no production hall is over its capacity in any day-part */
	assert_int_equal(app_capacity(&f.ctx, NULL, 4, 0, &out, &e), 0);
	int halls = 0;
	json_array_foreach(json_object_get(out, "items"), i, item) {
		halls += json_is_true(json_object_get(item, "is_hall"));
		json_array_foreach(json_object_get(item, "grid"), j, c)
			if (json_is_true(json_object_get(item, "is_hall")))
				assert_int_equal(json_array_size(json_object_get(c, "over")), 0);
	}
	assert_true(halls >= 4);
	json_decref(out);

	/* the demo job coach sees an open and an accepted conflict this week, and repeated class absence */
	act_as(&f, "jobcoach");
	assert_int_equal(sqlite3_prepare_v2(f.db, "SELECT DISTINCT l.participant_id FROM participant_link l "
					    "JOIN app_user u ON u.id = l.user_id WHERE u.username = 'jobcoach' "
					    "AND l.kind = 'job_coach' AND EXISTS (SELECT 1 FROM plan_entry e "
					    "WHERE e.participant_id = l.participant_id)", -1, &s, NULL), SQLITE_OK);
	int open = 0, accepted = 0, overlap_open = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		assert_int_equal(app_week_plan_get(&f.ctx, sqlite3_column_int64(s, 0), 0, &out, &e), 0);
		json_array_foreach(json_object_get(out, "conflicts"), j, c) {
			json_t *a = json_object_get(c, "accepted");
			if (json_is_null(a)) {
				open++;
				overlap_open += strcmp(str(c, "rule"), "overlap") == 0;
			} else {
				assert_true(strlen(str(a, "reason")) >= 3);
				accepted++;
			}
		}
		json_decref(out);
	}
	sqlite3_finalize(s);
	assert_true(open >= 3 && overlap_open >= 1 && accepted >= 1);
	assert_int_equal(app_signals(&f.ctx, 500, &out, &e), 0);
	assert_true(json_integer_value(json_object_get(json_object_get(out, "counts"), "class_absence")) >= 1);
	json_decref(out);

	err_release(&e);
	floor_close(&f);
}

/* The same seed gives the same class groups, enrolments, plans and attendance. */
static void test_demo_week_plans_repeat(void **state)
{
	static const char sql[] =
		"SELECT 'g', id, organisation_id, name, level, location, start_date, end_date FROM class_group "
		"UNION ALL SELECT 's', id, group_id, weekday, start_time, end_time, 0, 0 FROM class_session "
		"UNION ALL SELECT 'c', id, group_id, participant_id, start_date, end_date, created_by, 0 "
		"FROM class_enrolment "
		"UNION ALL SELECT 'e', id, participant_id, kind, day_parts, coalesce(start_time, '') || "
		"coalesce(end_time, ''), placement_id, valid_from || coalesce(valid_until, '') FROM plan_entry "
		"UNION ALL SELECT 'o', id, participant_id, entry_id, enrolment_id, conflicts, reason, user_id "
		"FROM plan_override "
		"UNION ALL SELECT 'a', group_id, participant_id, day, status, reason, 0, 0 FROM class_attendance";
	struct floor_db a, b;

	(void)state;
	floor_open(&a, 80, 11);
	floor_open(&b, 80, 11);
	char *ta = query_text(&a, sql), *tb = query_text(&b, sql);
	assert_true(strlen(ta) > 1000);
	assert_string_equal(ta, tb);
	free(ta);
	free(tb);
	floor_close(&a);
	floor_close(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rng_below_in_range),
		cmocka_unit_test(test_rng_below_uniform),
		cmocka_unit_test(test_rng_repeats_for_a_seed),
		cmocka_unit_test(test_same_seed_same_people),
		cmocka_unit_test(test_bsn_valid_and_unique),
		cmocka_unit_test(test_external_id),
		cmocka_unit_test(test_generated_bsns),
		cmocka_unit_test(test_fields_valid),
		cmocka_unit_test(test_distribution),
		cmocka_unit_test(test_employer_network_drawn),
		cmocka_unit_test(test_demo_work_floor),
		cmocka_unit_test(test_demo_work_floor_repeats),
		cmocka_unit_test(test_demo_week_plans),
		cmocka_unit_test(test_demo_week_plans_repeat),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
