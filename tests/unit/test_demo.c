/*
 * test_demo.c - unit tests for domain/demo.c: the random number generator
 * stays in range and repeats itself for a seed, the same seed gives
 * byte-identical participants, derived BSNs pass the 11-test and are
 * unique, and every generated participant obeys the field rules of
 * docs/api.md (checked here against our own copy of the rules, so the test
 * needs nothing but demo.c and date.c) with a plausible spread of origins,
 * ages and education.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "domain/demo.h"

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
	"work_days_per_week",
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
	int newcomer = 0, two_languages = 0, with_work = 0;

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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
