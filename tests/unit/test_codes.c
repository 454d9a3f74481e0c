/*
 * test_codes.c - unit tests for domain/codes.c: every list is there, sorted
 * by code without doubles (the binary search depends on it), lookups hit
 * and miss, the codes the intake needs most are present, and ISCO codes are
 * checked at their boundaries.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/codes.h"

static const char *const list_names[] = {
	"isced", "cefr", "isco", "countries", "languages", "sex",
	"target_group", "integration_duty", "exam_status", "benefit",
	"valuation", "sector", "placement_kind", "licences", "physical_load",
	"size_class", "plan_kind",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_every_list_found(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(list_names); i++) {
		const struct code_list *l = codes_find(list_names[i]);
		assert_non_null(l);
		assert_string_equal(l->name, list_names[i]);
		assert_non_null(l->items);
		assert_true(l->count > 0);
	}
}

static void test_all_matches_find(void **state)
{
	size_t n = 0;
	const struct code_list *all = codes_all(&n);

	(void)state;
	assert_non_null(all);
	assert_int_equal(n, COUNT(list_names));
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(all[i].name, list_names[i]);
		assert_ptr_equal(codes_find(all[i].name), &all[i]);
	}
	assert_ptr_equal(codes_all(NULL), all);
}

static void test_unknown_list(void **state)
{
	(void)state;
	assert_null(codes_find("nope"));
	assert_null(codes_find(""));
	assert_null(codes_find(NULL));
	assert_null(codes_find("ISCED"));
	assert_null(codes_find("isced "));
	assert_false(codes_has("nope", "1"));
	assert_null(codes_label("nope", "1"));
}

static void test_rows_sorted_and_filled(void **state)
{
	size_t n = 0;
	const struct code_list *all = codes_all(&n);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		const struct code_list *l = &all[i];
		for (size_t j = 0; j < l->count; j++) {
			assert_non_null(l->items[j].code);
			assert_non_null(l->items[j].label);
			assert_true(strlen(l->items[j].code) > 0);
			assert_true(strlen(l->items[j].label) > 0);
			if (j > 0 && strcmp(l->items[j - 1].code, l->items[j].code) >= 0)
				fail_msg("list %s: \"%s\" is not after \"%s\"", l->name,
					 l->items[j].code, l->items[j - 1].code);
		}
	}
}

static void test_no_duplicates(void **state)
{
	size_t n = 0;
	const struct code_list *all = codes_all(&n);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		const struct code_list *l = &all[i];
		for (size_t j = 0; j < l->count; j++)
			for (size_t k = j + 1; k < l->count; k++) {
				if (strcmp(l->items[j].code, l->items[k].code) == 0)
					fail_msg("list %s: code \"%s\" twice", l->name,
						 l->items[j].code);
				if (strcmp(l->items[j].label, l->items[k].label) == 0)
					fail_msg("list %s: label \"%s\" twice", l->name,
						 l->items[j].label);
			}
	}
}

/* Every row can be found again by its own code, so the binary search
 * reaches both ends and everything between. */
static void test_every_row_found(void **state)
{
	size_t n = 0;
	const struct code_list *all = codes_all(&n);

	(void)state;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < all[i].count; j++)
			assert_ptr_equal(codes_lookup(&all[i], all[i].items[j].code),
					 &all[i].items[j]);
}

static void test_lookup_hit_and_miss(void **state)
{
	const struct code_list *countries = codes_find("countries");
	const struct code *c;

	(void)state;
	c = codes_lookup(countries, "SY");
	assert_non_null(c);
	assert_string_equal(c->code, "SY");
	assert_string_equal(c->label, "Syrië");
	assert_string_equal(codes_label("countries", "NL"), "Nederland");
	assert_string_equal(codes_label("countries", "PS"), "Palestina");
	assert_string_equal(codes_label("languages", "ar"), "Arabisch");
	assert_string_equal(codes_label("languages", "ti"), "Tigrinya");
	assert_string_equal(codes_label("languages", "fa"), "Perzisch (Farsi)");
	assert_string_equal(codes_label("languages", "prs"), "Dari");
	assert_string_equal(codes_label("isced", "6"), "Bachelor of gelijkwaardig");
	assert_string_equal(codes_label("cefr", "A0"), "Beginner (onder A1)");

	assert_null(codes_lookup(countries, "sy"));	/* case matters */
	assert_null(codes_lookup(countries, "SYR"));
	assert_null(codes_lookup(countries, "S"));
	assert_null(codes_lookup(countries, ""));
	assert_null(codes_lookup(countries, "XX"));
	assert_null(codes_lookup(countries, "AA"));	/* before the first */
	assert_null(codes_lookup(countries, "ZZ"));	/* after the last */
	assert_null(codes_lookup(countries, NULL));
	assert_null(codes_lookup(NULL, "SY"));
	assert_false(codes_has("languages", "NL"));
	assert_false(codes_has("languages", "nld"));
	assert_false(codes_has("cefr", "a1"));
	assert_false(codes_has("isced", "9"));
	assert_false(codes_has("isced", "-1"));
	assert_false(codes_has("sex", "Female"));
	assert_false(codes_has("sex", NULL));
}

static void test_enumerations(void **state)
{
	static const struct {
		const char *list;
		const char *codes[8];
		size_t count;
	} want[] = {
		{ "isced", { "0", "1", "2", "3", "4", "5", "6", "7" }, 8 },
		{ "cefr", { "A0", "A1", "A2", "B1", "B2", "C1", "C2" }, 7 },
		{ "sex", { "female", "male", "x", "unknown" }, 4 },
		{ "target_group",
		  { "newcomer", "family_reunion", "sheltered_work", "other" }, 4 },
		{ "integration_duty",
		  { "duty", "voluntary", "exempt", "met", "none" }, 5 },
		{ "exam_status",
		  { "not_started", "in_progress", "passed", "failed", "exempt" }, 5 },
		{ "benefit",
		  { "none", "participatiewet", "ww", "wia", "wajong", "other" }, 6 },
		{ "valuation",
		  { "not_requested", "requested", "valued", "not_comparable" }, 4 },
	};

	(void)state;
	for (size_t i = 0; i < COUNT(want); i++) {
		const struct code_list *l = codes_find(want[i].list);
		assert_non_null(l);
		for (size_t j = 0; j < want[i].count; j++)
			if (!codes_has(want[i].list, want[i].codes[j]))
				fail_msg("list %s lacks \"%s\"", want[i].list,
					 want[i].codes[j]);
		/* isced also has "8"; the others hold exactly these */
		if (strcmp(want[i].list, "isced") == 0)
			assert_int_equal(l->count, 9);
		else
			assert_int_equal(l->count, want[i].count);
	}
	assert_true(codes_has("isced", "8"));
	assert_string_equal(codes_label("isced", "8"), "Doctoraat");
	assert_string_equal(codes_label("sex", "x"), "X (anders/niet gespecificeerd)");
	assert_string_equal(codes_label("target_group", "newcomer"), "statushouder");
	assert_string_equal(codes_label("benefit", "participatiewet"),
			    "bijstand (Participatiewet)");
}

static void test_required_countries(void **state)
{
	static const char *const want[] = {
		"SY", "ER", "AF", "TR", "IR", "IQ", "SO", "YE", "UA", "ET",
		"SD", "SS", "NL", "MA", "PS", "DZ", "CD", "BE", "DE", "GB",
		"AW", "CW", "SX", "BQ", "SR", "RU", "CN", "LY", "EG", "PK",
	};
	const struct code_list *l = codes_find("countries");

	(void)state;
	assert_int_equal(l->count, 249);
	for (size_t i = 0; i < COUNT(want); i++)
		if (!codes_has("countries", want[i]))
			fail_msg("countries lacks \"%s\"", want[i]);
	for (size_t i = 0; i < l->count; i++) {
		const char *c = l->items[i].code;
		assert_int_equal(strlen(c), 2);
		assert_true(c[0] >= 'A' && c[0] <= 'Z');
		assert_true(c[1] >= 'A' && c[1] <= 'Z');
	}
}

static void test_required_languages(void **state)
{
	static const char *const want[] = {
		"nl", "en", "ar", "ti", "fa", "prs", "ps", "so", "tr", "ku",
		"ckb", "kmr", "uk", "ru", "am", "om", "fr", "de", "es", "pt",
		"it", "pl", "ro", "bg", "ur", "hi", "bn", "zh", "ta", "sw",
		"ha", "yo", "tig", "aii", "sq", "sr", "hr", "bs", "mk", "el",
		"hy", "ka", "az", "uz", "tk", "tg", "ne", "my", "th", "vi",
		"id", "ms", "tl",
	};
	const struct code_list *l = codes_find("languages");

	(void)state;
	assert_true(l->count >= 70);
	for (size_t i = 0; i < COUNT(want); i++)
		if (!codes_has("languages", want[i]))
			fail_msg("languages lacks \"%s\"", want[i]);
	assert_true(codes_has("languages", "ber") || codes_has("languages", "tzm"));
	for (size_t i = 0; i < l->count; i++) {
		const char *c = l->items[i].code;
		size_t n = strlen(c);
		assert_true(n == 2 || n == 3);
		for (size_t j = 0; j < n; j++)
			assert_true(c[j] >= 'a' && c[j] <= 'z');
	}
}

static void test_isco_groups(void **state)
{
	const struct code_list *l = codes_find("isco");
	size_t major = 0, sub = 0;

	(void)state;
	for (size_t i = 0; i < l->count; i++) {
		size_t n = strlen(l->items[i].code);
		assert_true(n == 1 || n == 2);
		if (n == 1) {
			major++;
		} else {
			/* every sub-major group sits under a listed major group */
			char m[2] = { l->items[i].code[0], '\0' };
			assert_non_null(codes_lookup(l, m));
			sub++;
		}
	}
	assert_int_equal(major, 10);
	assert_int_equal(sub, 43);
	assert_true(codes_has("isco", "01"));
	assert_true(codes_has("isco", "03"));
	assert_true(codes_has("isco", "11"));
	assert_true(codes_has("isco", "96"));
	assert_false(codes_has("isco", "04"));
	assert_false(codes_has("isco", "97"));
}

static void test_isco_valid(void **state)
{
	(void)state;
	assert_true(codes_isco_valid("2"));
	assert_true(codes_isco_valid("21"));
	assert_true(codes_isco_valid("214"));
	assert_true(codes_isco_valid("2146"));
	assert_true(codes_isco_valid("0"));
	assert_true(codes_isco_valid("9"));
	assert_true(codes_isco_valid("0110"));
	assert_true(codes_isco_valid("9629"));

	assert_false(codes_isco_valid(""));
	assert_false(codes_isco_valid(NULL));
	assert_false(codes_isco_valid("99"));
	assert_false(codes_isco_valid("9900"));
	assert_false(codes_isco_valid("04"));
	assert_false(codes_isco_valid("10"));
	assert_false(codes_isco_valid("21a"));
	assert_false(codes_isco_valid("a"));
	assert_false(codes_isco_valid("2a"));
	assert_false(codes_isco_valid("21466"));
	assert_false(codes_isco_valid(" 21"));
	assert_false(codes_isco_valid("21 "));
	assert_false(codes_isco_valid("-2"));
	assert_false(codes_isco_valid("+2"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_list_found),
		cmocka_unit_test(test_all_matches_find),
		cmocka_unit_test(test_unknown_list),
		cmocka_unit_test(test_rows_sorted_and_filled),
		cmocka_unit_test(test_no_duplicates),
		cmocka_unit_test(test_every_row_found),
		cmocka_unit_test(test_lookup_hit_and_miss),
		cmocka_unit_test(test_enumerations),
		cmocka_unit_test(test_required_countries),
		cmocka_unit_test(test_required_languages),
		cmocka_unit_test(test_isco_groups),
		cmocka_unit_test(test_isco_valid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
