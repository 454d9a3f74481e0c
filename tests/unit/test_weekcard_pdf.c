/*
 * test_weekcard_pdf.c - the week card without a database: the embedded
 * translations (every language has every label, the right direction),
 * the model built from a hand-written week plan (days in order, clock
 * times per day-part and per class session, items over two day-parts,
 * cancelled items left out, numbered places), a language without a
 * translation refused, and a PDF rendered in every language.
 *
 * With `--out DIR` it also writes DIR/weekcard-<lang>.pdf, which
 * weekcard_pdf_check.sh then reads with poppler-utils.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/weekcard.h"

static const char *out_dir;

/* A week plan as GET /api/participants/{id}/week-plan answers it. */
static const char plan_json[] =
	"{\"participant_id\":7,\"week\":\"2025-03-03\","
	"\"times\":[{\"part\":\"morning\",\"start_time\":\"08:30\",\"end_time\":\"12:30\"},"
	"{\"part\":\"afternoon\",\"start_time\":\"12:30\",\"end_time\":\"17:00\"},"
	"{\"part\":\"evening\",\"start_time\":\"18:00\",\"end_time\":\"22:00\"}],"
	"\"items\":["
	"{\"key\":\"t3\",\"source\":\"timetable\",\"kind\":\"language_class\",\"title\":\"Taalles A2 groep 3\","
	" \"organisation_name\":\"Taalhuis\",\"location\":\"Taalhuis, Stationsplein 12, Naaldwijk\","
	" \"sessions\":[{\"weekday\":\"tue\",\"start_time\":\"09:00\",\"end_time\":\"11:30\",\"day_parts\":[\"tue_morning\"]},"
	"  {\"weekday\":\"thu\",\"start_time\":\"13:00\",\"end_time\":\"15:30\",\"day_parts\":[\"thu_afternoon\"]}]},"
	"{\"key\":\"e12\",\"source\":\"plan\",\"kind\":\"work\",\"title\":null,\"placement_title\":\"Inpakhal\","
	" \"start_time\":\"08:30\",\"end_time\":\"16:30\",\"location\":\"Hal 2, Industrieweg 5, Naaldwijk\"},"
	"{\"key\":\"e13\",\"source\":\"plan\",\"kind\":\"coach_appointment\",\"title\":null,\"coach_name\":\"Jan de Vries\","
	" \"start_time\":\"10:00\",\"end_time\":\"11:00\",\"location\":\"Gemeentehuis, Verdilaan 7, Naaldwijk\"},"
	"{\"key\":\"e14\",\"source\":\"plan\",\"kind\":\"buddy_meeting\",\"title\":\"Taalmaatje Anne\","
	" \"start_time\":\"14:00\",\"end_time\":\"15:00\",\"location\":\"Bibliotheek, Havenstraat 1, Naaldwijk\"},"
	"{\"key\":\"e15\",\"source\":\"plan\",\"kind\":\"training\",\"title\":\"Heftruckcursus\","
	" \"start_time\":\"09:00\",\"end_time\":\"12:00\",\"location\":\"Hal 2, Industrieweg 5, Naaldwijk\"},"
	"{\"key\":\"e16\",\"source\":\"plan\",\"kind\":\"other\",\"title\":\"Sport\",\"start_time\":null,"
	" \"end_time\":null,\"location\":null}],"
	"\"cells\":["
	"{\"day_part\":\"mon_morning\",\"date\":\"2025-03-03\",\"items\":[\"e12\"],\"cancelled\":[]},"
	"{\"day_part\":\"mon_afternoon\",\"date\":\"2025-03-03\",\"items\":[\"e12\"],\"cancelled\":[]},"
	"{\"day_part\":\"tue_morning\",\"date\":\"2025-03-04\",\"items\":[\"t3\"],\"cancelled\":[]},"
	"{\"day_part\":\"wed_morning\",\"date\":\"2025-03-05\",\"items\":[\"e12\"],\"cancelled\":[]},"
	"{\"day_part\":\"wed_afternoon\",\"date\":\"2025-03-05\",\"items\":[\"e12\"],\"cancelled\":[\"e12\"]},"
	"{\"day_part\":\"wed_evening\",\"date\":\"2025-03-05\",\"items\":[\"e16\"],\"cancelled\":[]},"
	"{\"day_part\":\"thu_morning\",\"date\":\"2025-03-06\",\"items\":[\"e15\"],\"cancelled\":[]},"
	"{\"day_part\":\"thu_afternoon\",\"date\":\"2025-03-06\",\"items\":[\"t3\"],\"cancelled\":[]},"
	"{\"day_part\":\"fri_morning\",\"date\":\"2025-03-07\",\"items\":[\"e13\",\"e12\"],\"cancelled\":[]},"
	"{\"day_part\":\"fri_afternoon\",\"date\":\"2025-03-07\",\"items\":[\"e12\"],\"cancelled\":[]},"
	"{\"day_part\":\"sat_afternoon\",\"date\":\"2025-03-08\",\"items\":[\"e14\"],\"cancelled\":[]}],"
	"\"conflicts\":[]}";

static const char *const all_langs[] = { "nl", "ar", "ti", "fa", "prs", "so", "tr", "uk", "en" };

static json_t *plan(void)
{
	json_error_t je;
	json_t *p = json_loads(plan_json, 0, &je);
	if (p == NULL)
		fail_msg("plan_json line %d: %s", je.line, je.text);
	return p;
}

static json_t *model(const char *lang)
{
	struct err e;
	json_t *p = plan(), *m = NULL;
	json_t *who = json_pack("{s:s,s:s}", "given_names", "Amina", "family_name", "Yusuf");
	err_init(&e);
	if (weekcard_model(p, who, lang, &m, &e) != 0)
		fail_msg("weekcard_model %s: %s", lang, e.msg);
	err_release(&e);
	json_decref(p);
	json_decref(who);
	return m;
}

/* Items of day d (0 = Monday), part p (0 = morning). */
static json_t *items_of(json_t *m, size_t d, size_t p)
{
	json_t *day = json_array_get(json_object_get(m, "days"), d);
	return json_object_get(json_array_get(json_object_get(day, "parts"), p), "items");
}

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "(null)";
}

static void test_translations_complete(void **state)
{
	(void)state;
	const json_t *nl = weekcard_labels("nl");
	assert_non_null(nl);
	assert_int_equal(weekcard_lang_file_count, (int)(sizeof all_langs / sizeof all_langs[0]));
	for (size_t i = 0; i < sizeof all_langs / sizeof all_langs[0]; i++) {
		const json_t *l = weekcard_labels(all_langs[i]);
		const char *key;
		json_t *v;
		if (l == NULL)
			fail_msg("no translation for %s", all_langs[i]);
		assert_int_equal(json_object_size(l), json_object_size(nl));
		json_object_foreach((json_t *)nl, key, v) {
			const char *s = json_string_value(json_object_get(l, key));
			if (s == NULL || *s == '\0')
				fail_msg("%s.json has no label \"%s\"", all_langs[i], key);
		}
		assert_string_equal(weekcard_label(all_langs[i], "lang"), all_langs[i]);
		bool rtl = strcmp(all_langs[i], "ar") == 0 || strcmp(all_langs[i], "fa") == 0 ||
			   strcmp(all_langs[i], "prs") == 0;
		assert_string_equal(weekcard_label(all_langs[i], "dir"), rtl ? "rtl" : "ltr");
	}
	assert_string_equal(weekcard_label("ti", "mon"), "ሰኑይ");
	assert_string_equal(weekcard_label("nl", "sun"), "zondag");
	assert_false(weekcard_lang_known("xx"));
	assert_false(weekcard_lang_known(NULL));
	assert_string_equal(weekcard_label("xx", "mon"), "");
}

static void test_model_days_and_times(void **state)
{
	(void)state;
	json_t *m = model("nl");
	json_t *days = json_object_get(m, "days");
	static const char *const wd[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

	assert_string_equal(str(m, "week"), "2025-03-03");
	assert_string_equal(str(m, "week_end"), "2025-03-09");
	assert_int_equal(json_integer_value(json_object_get(m, "week_number")), 10);
	assert_string_equal(str(m, "dir"), "ltr");
	assert_string_equal(str(json_object_get(m, "participant"), "given_names"), "Amina");
	assert_int_equal(json_array_size(days), 7);
	for (size_t d = 0; d < 7; d++) {
		json_t *day = json_array_get(days, d);
		assert_string_equal(str(day, "weekday"), wd[d]);
		assert_int_equal(json_array_size(json_object_get(day, "parts")), 3);
	}
	assert_string_equal(str(json_array_get(days, 6), "date"), "2025-03-09");
	json_t *evening = json_array_get(json_object_get(json_array_get(days, 0), "parts"), 2);
	assert_string_equal(str(evening, "part"), "evening");
	assert_string_equal(str(evening, "start_time"), "18:00");

	/* work over two day-parts: in both, the second marked as continued */
	json_t *w = json_array_get(items_of(m, 0, 0), 0);
	assert_string_equal(str(w, "kind"), "work");
	assert_string_equal(str(w, "title"), "Inpakhal");
	assert_string_equal(str(w, "start_time"), "08:30");
	assert_string_equal(str(w, "end_time"), "16:30");
	assert_false(json_is_true(json_object_get(w, "continued")));
	assert_true(json_is_true(json_object_get(json_array_get(items_of(m, 0, 1), 0), "continued")));

	/* a class takes the times of that day's session */
	assert_string_equal(str(json_array_get(items_of(m, 1, 0), 0), "start_time"), "09:00");
	assert_string_equal(str(json_array_get(items_of(m, 1, 0), 0), "end_time"), "11:30");
	assert_string_equal(str(json_array_get(items_of(m, 3, 1), 0), "start_time"), "13:00");
	assert_string_equal(str(json_array_get(items_of(m, 3, 1), 0), "end_time"), "15:30");

	/* cancelled that day: not on the card */
	assert_int_equal(json_array_size(items_of(m, 2, 0)), 1);
	assert_int_equal(json_array_size(items_of(m, 2, 1)), 0);
	/* no clock times of its own: those of the day-part */
	json_t *sport = json_array_get(items_of(m, 2, 2), 0);
	assert_string_equal(str(sport, "start_time"), "18:00");
	assert_string_equal(str(sport, "end_time"), "22:00");
	assert_true(json_is_null(json_object_get(sport, "place")));

	/* sorted by start; a coach appointment without a title shows the coach */
	json_t *fri = items_of(m, 4, 0);
	assert_int_equal(json_array_size(fri), 2);
	assert_string_equal(str(json_array_get(fri, 0), "start_time"), "08:30");
	assert_string_equal(str(json_array_get(fri, 1), "title"), "Jan de Vries");
	json_decref(m);
}

static void test_model_places(void **state)
{
	(void)state;
	json_t *m = model("ar");
	json_t *places = json_object_get(m, "places");

	assert_string_equal(str(m, "dir"), "rtl");
	assert_string_equal(str(m, "lang"), "ar");
	/* in the order the week meets them, each once */
	assert_int_equal(json_array_size(places), 4);
	assert_string_equal(str(json_array_get(places, 0), "location"), "Hal 2, Industrieweg 5, Naaldwijk");
	assert_string_equal(str(json_array_get(places, 1), "location"), "Taalhuis, Stationsplein 12, Naaldwijk");
	assert_string_equal(str(json_array_get(places, 2), "location"), "Gemeentehuis, Verdilaan 7, Naaldwijk");
	assert_string_equal(str(json_array_get(places, 3), "location"), "Bibliotheek, Havenstraat 1, Naaldwijk");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(places, 3), "place")), 4);
	/* training at the work address has that address's number */
	assert_int_equal(json_integer_value(json_object_get(json_array_get(items_of(m, 3, 0), 0), "place")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(items_of(m, 5, 1), 0), "place")), 4);
	json_decref(m);
}

static void test_model_refuses_unknown_language(void **state)
{
	(void)state;
	struct err e;
	json_t *p = plan(), *m = NULL;
	err_init(&e);
	assert_int_equal(weekcard_model(p, NULL, "xx", &m, &e), -1);
	assert_null(m);
	assert_int_equal(e.kind, ERR_INVALID);
	assert_int_equal(e.nfields, 1);
	assert_string_equal(e.fields[0].field, "lang");
	assert_non_null(strstr(e.fields[0].reason, "\"xx\""));
	err_release(&e);

	/* no name for a reader who may not see it */
	err_init(&e);
	json_t *hidden = json_pack("{s:b}", "hidden", 1);
	assert_int_equal(weekcard_model(p, hidden, "nl", &m, &e), 0);
	assert_true(json_is_true(json_object_get(json_object_get(m, "participant"), "hidden")));
	assert_null(json_object_get(json_object_get(m, "participant"), "family_name"));
	json_decref(hidden);
	json_decref(m);
	err_release(&e);

	/* a plan not of the documented shape is an internal error, not a crash */
	err_init(&e);
	json_t *bad = json_pack("{s:s}", "week", "not a date");
	assert_int_equal(weekcard_model(bad, NULL, "nl", &m, &e), -1);
	assert_int_equal(e.kind, ERR_INTERNAL);
	json_decref(bad);
	err_release(&e);
	json_decref(p);
}

static void test_pdf_every_language(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof all_langs / sizeof all_langs[0]; i++) {
		struct err e;
		char *pdf = NULL;
		size_t len = 0;
		json_t *m = model(all_langs[i]);
		err_init(&e);
		if (weekcard_pdf(m, &pdf, &len, &e) != 0)
			fail_msg("weekcard_pdf %s: %s", all_langs[i], e.msg);
		assert_true(len > 1000);
		assert_memory_equal(pdf, "%PDF-", 5);
		if (out_dir) {
			char path[512];
			snprintf(path, sizeof path, "%s/weekcard-%s.pdf", out_dir, all_langs[i]);
			FILE *f = fopen(path, "wb");
			if (f == NULL)
				fail_msg("cannot write %s", path);
			assert_int_equal(fwrite(pdf, 1, len, f), len);
			fclose(f);
		}
		free(pdf);
		json_decref(m);
		err_release(&e);
	}
}

static void test_pdf_refuses_bad_model(void **state)
{
	(void)state;
	struct err e;
	char *pdf = NULL;
	size_t len = 0;
	json_t *m = json_pack("{s:s,s:[]}", "lang", "nl", "days");
	err_init(&e);
	assert_int_equal(weekcard_pdf(m, &pdf, &len, &e), -1);
	assert_null(pdf);
	assert_int_equal(e.kind, ERR_INTERNAL);
	err_release(&e);
	json_decref(m);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--out") == 0)
		out_dir = argv[2];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_translations_complete),
		cmocka_unit_test(test_model_days_and_times),
		cmocka_unit_test(test_model_places),
		cmocka_unit_test(test_model_refuses_unknown_language),
		cmocka_unit_test(test_pdf_every_language),
		cmocka_unit_test(test_pdf_refuses_bad_model),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
