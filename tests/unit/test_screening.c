/*
 * test_screening.c - CSV header checks and cells to participant objects.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <string.h>

#include "domain/screening.h"

static void test_header(void **state)
{
	(void)state;
	char *good[] = { "external_id", "family_name", "given_names", "birth_date", "languages" };
	char *bad[] = { "external_id", "family_name", "family_name", "shoe_size" };
	struct err e;
	err_init(&e);
	assert_int_equal(screening_check_header(good, 5, &e), 0);
	assert_int_equal(screening_check_header(bad, 4, &e), -1);
	bool dup = false, unknown = false, missing = false;
	for (size_t i = 0; i < e.nfields; i++) {
		dup |= strcmp(e.fields[i].field, "family_name") == 0;
		unknown |= strcmp(e.fields[i].field, "shoe_size") == 0;
		missing |= strcmp(e.fields[i].field, "birth_date") == 0;
	}
	assert_true(dup && unknown && missing);
	err_release(&e);
}

static void test_row(void **state)
{
	(void)state;
	char *cols[] = { "external_id", "household_size", "languages", "diplomas", "work_history", "city" };
	char c0[] = "COA-1", c1[] = " 4 ", c2[] = "ar; en;", c3[] = "Bachelor|SY|6|valued;Mbo 2||3|",
	     c4[] = "71|metselaar|5", c5[] = "";
	char *cells[] = { c0, c1, c2, c3, c4, c5 };
	struct err e;
	json_t *out = NULL;
	err_init(&e);
	assert_int_equal(screening_row(cols, 6, cells, 6, &out, &e), 0);
	assert_int_equal(json_integer_value(json_object_get(out, "household_size")), 4);
	assert_int_equal(json_array_size(json_object_get(out, "languages")), 2);
	json_t *d = json_object_get(out, "diplomas");
	assert_int_equal(json_array_size(d), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(d, 0), "isced_level")), 6);
	assert_null(json_object_get(json_array_get(d, 1), "country"));
	json_t *w = json_array_get(json_object_get(out, "work_history"), 0);
	assert_string_equal(json_string_value(json_object_get(w, "occupation")), "metselaar");
	assert_null(json_object_get(out, "city")); /* empty cell: left out */
	json_decref(out);
	err_release(&e);
}

static void test_row_width_and_parts(void **state)
{
	(void)state;
	char *cols[] = { "external_id", "diplomas" };
	char c0[] = "x", c1[] = "a|b|c|d|e";
	char *cells[] = { c0, c1 };
	struct err e;
	json_t *out = NULL;
	err_init(&e);
	assert_int_equal(screening_row(cols, 2, cells, 1, &out, &e), -1);
	assert_string_equal(e.fields[0].field, "row");
	err_release(&e);
	err_init(&e);
	assert_int_equal(screening_row(cols, 2, cells, 2, &out, &e), -1);
	assert_string_equal(e.fields[0].field, "diplomas");
	err_release(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_row),
		cmocka_unit_test(test_row_width_and_parts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
