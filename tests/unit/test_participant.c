/*
 * test_participant.c - validation of participant input against the field
 * table, record rules, and filtering by category.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/participant.h"

static date_t today(void)
{
	date_t d;
	date_from_ymd(2026, 11, 22, &d);
	return d;
}

/* Validate JSON text; returns rc and leaves errors in e. */
static int validate(const char *text, enum validate_mode mode, json_t **out, struct err *e)
{
	json_t *in = json_loads(text, 0, NULL);
	assert_non_null(in);
	int rc = participant_validate(in, mode, today(), out, e);
	json_decref(in);
	return rc;
}

static bool has_field_error(const struct err *e, const char *field, const char *needle)
{
	for (size_t i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].field, field) == 0 && (!needle || strstr(e->fields[i].reason, needle)))
			return true;
	return false;
}

static void test_minimal_create(void **state)
{
	(void)state;
	struct err e;
	json_t *out = NULL;
	err_init(&e);
	assert_int_equal(validate("{\"family_name\":\" Haddad \",\"given_names\":\"Omar\",\"birth_date\":\"1990-04-01\"}",
				  VALIDATE_CREATE, &out, &e), 0);
	assert_string_equal(json_string_value(json_object_get(out, "family_name")), "Haddad");
	assert_string_equal(json_string_value(json_object_get(out, "target_group")), "newcomer");
	json_decref(out);
	err_release(&e);
}

static void test_required_on_create_only(void **state)
{
	(void)state;
	struct err e;
	json_t *out = NULL;
	err_init(&e);
	assert_int_equal(validate("{\"family_name\":\"Haddad\"}", VALIDATE_CREATE, &out, &e), -1);
	assert_true(has_field_error(&e, "given_names", "required"));
	assert_true(has_field_error(&e, "birth_date", "required"));
	err_release(&e);
	err_init(&e);
	assert_int_equal(validate("{\"family_name\":\"Haddad\"}", VALIDATE_PATCH, &out, &e), 0);
	json_decref(out);
	err_release(&e);
}

static void test_every_bad_field_is_named(void **state)
{
	(void)state;
	struct err e;
	json_t *out = NULL;
	err_init(&e);
	int rc = validate("{\"bsn\":\"123456789\",\"birth_date\":\"2001-02-31\",\"foo\":1,\"id\":3,"
			  "\"household_size\":0,\"sex\":\"m\",\"country_of_origin\":\"XX\",\"languages\":[\"ar\",\"zz\"],"
			  "\"postal_code\":\"0123 AB\",\"email\":\"a@b\",\"phone\":\"abc\",\"isced_level\":\"3\","
			  "\"cefr_speaking\":\"D1\",\"family_name\":\"\"}",
			  VALIDATE_PATCH, &out, &e);
	assert_int_equal(rc, -1);
	assert_int_equal(e.kind, ERR_INVALID);
	assert_true(has_field_error(&e, "bsn", "11-test"));
	assert_true(has_field_error(&e, "birth_date", "not a date"));
	assert_true(has_field_error(&e, "foo", "unknown field"));
	assert_true(has_field_error(&e, "id", "read-only"));
	assert_true(has_field_error(&e, "household_size", "out of range"));
	assert_true(has_field_error(&e, "sex", "code list"));
	assert_true(has_field_error(&e, "country_of_origin", NULL));
	assert_true(has_field_error(&e, "languages[1]", NULL));
	assert_true(has_field_error(&e, "postal_code", NULL));
	assert_true(has_field_error(&e, "email", NULL));
	assert_true(has_field_error(&e, "phone", NULL));
	assert_true(has_field_error(&e, "isced_level", "whole number"));
	assert_true(has_field_error(&e, "cefr_speaking", NULL));
	assert_true(has_field_error(&e, "family_name", "required"));
	err_release(&e);
}

static void test_normalisation(void **state)
{
	(void)state;
	struct err e;
	json_t *out = NULL;
	err_init(&e);
	assert_int_equal(validate("{\"postal_code\":\"2671ab\",\"country_of_origin\":\"sy\",\"languages\":[\"AR\",\"ar\",\"nl\"],"
				  "\"ambitions\":\"  \",\"phone\":\"+31 6-1234 5678\"}",
				  VALIDATE_PATCH, &out, &e),
			 0);
	assert_string_equal(json_string_value(json_object_get(out, "postal_code")), "2671 AB");
	assert_string_equal(json_string_value(json_object_get(out, "country_of_origin")), "SY");
	assert_int_equal(json_array_size(json_object_get(out, "languages")), 2);
	assert_true(json_is_null(json_object_get(out, "ambitions")));
	json_decref(out);
	err_release(&e);
}

static void test_nested_lists(void **state)
{
	(void)state;
	struct err e;
	json_t *out = NULL;
	err_init(&e);
	assert_int_equal(validate("{\"diplomas\":[{\"title\":\"Bachelor\",\"country\":\"SY\",\"isced_level\":6,"
				  "\"valuation\":\"valued\"}],\"work_history\":[{\"isco_code\":\"71\",\"years\":3}]}",
				  VALIDATE_PATCH, &out, &e),
			 0);
	json_decref(out);
	err_release(&e);
	err_init(&e);
	assert_int_equal(validate("{\"diplomas\":[{\"country\":\"SY\",\"grade\":1}],"
				  "\"work_history\":[{\"isco_code\":\"99\"},{\"years\":2}]}",
				  VALIDATE_PATCH, &out, &e),
			 -1);
	assert_true(has_field_error(&e, "diplomas[0].title", "required"));
	assert_true(has_field_error(&e, "diplomas[0].grade", "unknown"));
	assert_true(has_field_error(&e, "work_history[0].isco_code", "ISCO"));
	assert_true(has_field_error(&e, "work_history[1].occupation", NULL));
	err_release(&e);
}

static void test_limits(void **state)
{
	(void)state;
	struct err e;
	json_t *out = NULL;
	char big[400];
	memset(big, 'a', sizeof big);
	big[sizeof big - 1] = '\0';
	char text[600];
	snprintf(text, sizeof text, "{\"family_name\":\"%s\"}", big);
	err_init(&e);
	assert_int_equal(validate(text, VALIDATE_PATCH, &out, &e), -1);
	assert_true(has_field_error(&e, "family_name", "at most 100"));
	err_release(&e);
	/* 100 two-byte characters are fine: limits count characters */
	char utf[300] = "{\"family_name\":\"";
	for (int i = 0; i < 100; i++)
		strcat(utf, "\xc3\xa9");
	strcat(utf, "\"}");
	err_init(&e);
	assert_int_equal(validate(utf, VALIDATE_PATCH, &out, &e), 0);
	json_decref(out);
	err_release(&e);
	err_init(&e);
	assert_int_equal(validate("{\"family_name\":\"a\\nb\"}", VALIDATE_PATCH, &out, &e), -1);
	assert_true(has_field_error(&e, "family_name", "control"));
	err_release(&e);
}

static void test_record_rules(void **state)
{
	(void)state;
	struct err e;
	json_t *rec = json_pack("{s:s,s:s,s:s,s:i,s:i}", "birth_date", "2020-01-01", "arrival_date", "2019-01-01",
				"permit_date", "2019-12-01", "household_size", 2, "children", 2);
	err_init(&e);
	assert_int_equal(participant_check_record(rec, today(), &e), -1);
	assert_true(has_field_error(&e, "arrival_date", "before the birth"));
	assert_true(has_field_error(&e, "permit_date", "before the birth"));
	assert_true(has_field_error(&e, "children", NULL));
	err_release(&e);
	json_object_set_new(rec, "birth_date", json_string("1990-01-01"));
	json_object_set_new(rec, "permit_date", json_string("2025-12-01"));
	json_object_set_new(rec, "children", json_integer(1));
	err_init(&e);
	assert_int_equal(participant_check_record(rec, today(), &e), 0);
	err_release(&e);
	json_decref(rec);
}

static void test_dates_in_the_future(void **state)
{
	(void)state;
	struct err e;
	json_t *out = NULL;
	err_init(&e);
	assert_int_equal(validate("{\"birth_date\":\"2026-11-23\",\"bsn\":\"123456789\",\"permit_date\":\"2027-01-01\","
				  "\"arrival_date\":\"2027-12-01\",\"integration_deadline\":\"2029-01-01\"}",
				  VALIDATE_PATCH, &out, &e),
			 -1);
	assert_true(has_field_error(&e, "birth_date", "future")); /* reported together with the bsn */
	assert_true(has_field_error(&e, "bsn", "11-test"));
	assert_true(has_field_error(&e, "permit_date", "future"));
	assert_true(has_field_error(&e, "arrival_date", "366 days"));
	assert_false(has_field_error(&e, "integration_deadline", NULL));
	err_release(&e);
	err_init(&e);
	assert_int_equal(validate("{\"birth_date\":\"2026-11-22\",\"arrival_date\":\"2027-11-23\"}", VALIDATE_PATCH,
				  &out, &e),
			 0); /* today itself, and exactly 366 days ahead */
	json_decref(out);
	err_release(&e);
}

static void test_filter_by_category(void **state)
{
	(void)state;
	json_t *rec = json_pack("{s:i,s:s,s:s,s:s,s:s}", "id", 7, "family_name", "Haddad", "bsn", "111222333",
				"health_limits", "geen zwaar tillen", "created_at", "2026-01-01T00:00:00Z");
	json_t *out = participant_filter(rec, 1u << CAT_IDENTITY);
	assert_int_equal(json_integer_value(json_object_get(out, "id")), 7);
	assert_string_equal(json_string_value(json_object_get(out, "family_name")), "Haddad");
	assert_null(json_object_get(out, "bsn"));
	assert_null(json_object_get(out, "health_limits"));
	json_decref(out);
	out = participant_filter(rec, 1u << CAT_HEALTH);
	assert_null(json_object_get(out, "family_name"));
	assert_non_null(json_object_get(out, "health_limits"));
	json_decref(out);
	json_decref(rec);
}

static void test_categories_of(void **state)
{
	(void)state;
	json_t *in = json_pack("{s:s,s:s}", "bsn", "x", "city", "Monster");
	assert_int_equal(participant_categories_of(in), 1u << CAT_BSN | 1u << CAT_CONTACT);
	json_decref(in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimal_create),
		cmocka_unit_test(test_required_on_create_only),
		cmocka_unit_test(test_every_bad_field_is_named),
		cmocka_unit_test(test_normalisation),
		cmocka_unit_test(test_nested_lists),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_record_rules),
		cmocka_unit_test(test_dates_in_the_future),
		cmocka_unit_test(test_filter_by_category),
		cmocka_unit_test(test_categories_of),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
