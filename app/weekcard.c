/*
 * weekcard.c - the week card's content: the translations embedded from
 * web/lang/, the choice of language, and the model built from the week
 * plan (seven days of three day-parts, each with what happens then, and a
 * numbered list of the places the week takes the participant to).
 * Rendering to PDF is weekcard_pdf.c; the web page renders the same model.
 */
#include "app/weekcard.h"
#include "app/participant_internal.h"
#include "app/weekplan.h"
#include "base/xmalloc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ---- translations ---- */

/* Parsed translation files, index as weekcard_lang_files: filled once on
 * first use from the embedded text, read-only after (a cache of constant
 * data, not state). */
static json_t **parsed;
static pthread_once_t parsed_once = PTHREAD_ONCE_INIT;

static void parse_all(void)
{
	parsed = xcalloc((size_t)weekcard_lang_file_count + 1, sizeof *parsed);
	for (int i = 0; i < weekcard_lang_file_count; i++) {
		json_t *j = json_loads(weekcard_lang_files[i].json, 0, NULL);
		/* the files are checked by the build's test; a broken one counts as missing */
		parsed[i] = json_is_object(j) ? j : NULL;
		if (parsed[i] == NULL)
			json_decref(j);
	}
}

static int lang_index(const char *code)
{
	if (code == NULL)
		return -1;
	pthread_once(&parsed_once, parse_all);
	for (int i = 0; i < weekcard_lang_file_count; i++)
		if (strcmp(weekcard_lang_files[i].code, code) == 0 && parsed[i])
			return i;
	return -1;
}

bool weekcard_lang_known(const char *code)
{
	return lang_index(code) >= 0;
}

const json_t *weekcard_labels(const char *code)
{
	int i = lang_index(code);
	return i < 0 ? NULL : parsed[i];
}

const char *weekcard_label(const char *code, const char *key)
{
	const char *s = json_string_value(json_object_get(weekcard_labels(code), key));
	return s ? s : "";
}

/* A field error naming the languages there are. */
static int lang_unknown(const char *lang, struct err *e)
{
	char known[160] = "";
	size_t n = 0;
	for (int i = 0; i < weekcard_lang_file_count && n + 8 < sizeof known; i++) {
		size_t len = strlen(weekcard_lang_files[i].code);
		if (n)
			known[n++] = ',', known[n++] = ' ';
		memcpy(known + n, weekcard_lang_files[i].code, len);
		n += len;
		known[n] = '\0';
	}
	return err_field(e, "lang", "there is no week card in language \"%.20s\"; there is: %s", lang, known);
}

/* ---- the model ---- */

static const char *const part_names[] = { "morning", "afternoon", "evening" };
#define NPARTS 3

static const char *str_or(const char *s)
{
	return s ? s : "";
}

/* The plan item with key `key`, or NULL. */
static const json_t *item_by_key(const json_t *items, const char *key)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
		if (key && strcmp(str_or(json_string_value(json_object_get(it, "key"))), key) == 0)
			return it;
	return NULL;
}

static bool list_has(const json_t *list, const char *s)
{
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
			return true;
	return false;
}

/* The clock times of item `it` in day-part `code` (a timetable class has
 * them per session), falling back to the day-part's own times. */
static void item_times(const json_t *it, const char *code, const char *weekday, const json_t *part,
		       const char **start, const char **end)
{
	size_t i;
	json_t *s;
	const json_t *src = it;
	json_array_foreach(json_object_get(it, "sessions"), i, s) {
		json_t *parts = json_object_get(s, "day_parts");
		const char *wd = json_string_value(json_object_get(s, "weekday"));
		if ((json_is_array(parts) && list_has(parts, code)) ||
		    (!json_is_array(parts) && wd && strcmp(wd, weekday) == 0)) {
			src = s;
			break;
		}
	}
	*start = json_string_value(json_object_get(src, "start_time"));
	*end = json_string_value(json_object_get(src, "end_time"));
	if (*start == NULL || *end == NULL) {
		*start = json_string_value(json_object_get(part, "start_time"));
		*end = json_string_value(json_object_get(part, "end_time"));
	}
}

/* What to call an item on the card: its title, else what it is about. */
static const char *item_title(const json_t *it)
{
	static const char *const keys[] = { "title", "placement_title", "training_title", "coach_name",
					    "organisation_name" };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *s = json_string_value(json_object_get(it, keys[i]));
		if (s && *s)
			return s;
	}
	return NULL;
}

static int by_start(const void *a, const void *b)
{
	const char *x = json_string_value(json_object_get(*(json_t *const *)a, "start_time"));
	const char *y = json_string_value(json_object_get(*(json_t *const *)b, "start_time"));
	return strcmp(x ? x : "", y ? y : "");
}

/* The number of place `location` in places (1-based), adding it when new. */
static json_int_t place_number(json_t *places, const char *location, const char *kind, const char *title)
{
	size_t i;
	json_t *p;
	json_array_foreach(places, i, p)
		if (strcmp(json_string_value(json_object_get(p, "location")), location) == 0)
			return (json_int_t)i + 1;
	json_array_append_new(places, json_pack("{s:s,s:I,s:s,s:s?}", "location", location, "place",
						(json_int_t)json_array_size(places) + 1, "kind", kind, "title", title));
	return (json_int_t)json_array_size(places);
}

/* The cell of day-part `code` in the plan's cells, or NULL. */
static const json_t *cell_of(const json_t *cells, const char *code)
{
	size_t i;
	json_t *c;
	json_array_foreach(cells, i, c)
		if (strcmp(str_or(json_string_value(json_object_get(c, "day_part"))), code) == 0)
			return c;
	return NULL;
}

/* ISO 8601 week number of the week starting on Monday `monday`. */
static int iso_week(date_t monday)
{
	date_t thursday = monday + 3;
	int y, m, d;
	date_to_ymd(thursday, &y, &m, &d);
	date_t jan1;
	if (date_from_ymd(y, 1, 1, &jan1) != 0)
		return 0;
	return (thursday - jan1) / 7 + 1;
}

/* The parts of one day: items in each part sorted by their start. */
static json_t *day_parts(const json_t *plan, const char *weekday, json_t *places)
{
	const json_t *items = json_object_get(plan, "items");
	const json_t *cells = json_object_get(plan, "cells");
	const json_t *times = json_object_get(plan, "times");
	json_t *parts = json_array();
	json_t *seen = json_array(); /* keys already shown this day */

	for (int p = 0; p < NPARTS; p++) {
		char code[32];
		const json_t *ptimes = NULL;
		size_t i;
		json_t *t;
		json_array_foreach(times, i, t)
			if (strcmp(str_or(json_string_value(json_object_get(t, "part"))), part_names[p]) == 0)
				ptimes = t;
		snprintf(code, sizeof code, "%s_%s", weekday, part_names[p]);
		const json_t *cell = cell_of(cells, code);
		json_t *list = json_array();
		json_t *key;
		json_array_foreach(json_object_get(cell, "items"), i, key) {
			const char *k = json_string_value(key);
			const json_t *it = item_by_key(items, k);
			if (it == NULL || list_has(json_object_get(cell, "cancelled"), k))
				continue;
			const char *start, *end;
			item_times(it, code, weekday, ptimes, &start, &end);
			const char *kind = json_string_value(json_object_get(it, "kind"));
			const char *title = item_title(it);
			const char *loc = json_string_value(json_object_get(it, "location"));
			json_t *row = json_pack("{s:s,s:s?,s:s?,s:s?,s:s?,s:b}", "kind", kind ? kind : "other", "title",
						title, "start_time", start, "end_time", end, "location",
						loc && *loc ? loc : NULL, "continued", list_has(seen, k));
			json_object_set_new(row, "place",
					    loc && *loc ? json_integer(place_number(places, loc, kind ? kind : "other", title))
							: json_null());
			json_array_append_new(list, row);
			if (!list_has(seen, k))
				json_array_append_new(seen, json_string(k));
		}
		/* jansson arrays cannot be sorted in place: copy, sort, rebuild */
		size_t n = json_array_size(list);
		json_t **v = xcalloc(n + 1, sizeof *v);
		for (size_t j = 0; j < n; j++)
			v[j] = json_incref(json_array_get(list, j));
		qsort(v, n, sizeof *v, by_start);
		json_array_clear(list);
		for (size_t j = 0; j < n; j++)
			json_array_append_new(list, v[j]);
		free(v);
		json_array_append_new(parts, json_pack("{s:s,s:s?,s:s?,s:o}", "part", part_names[p], "start_time",
						       json_string_value(json_object_get(ptimes, "start_time")),
						       "end_time", json_string_value(json_object_get(ptimes, "end_time")),
						       "items", list));
	}
	json_decref(seen);
	return parts;
}

int weekcard_model(const json_t *plan, const json_t *person, const char *lang, json_t **out, struct err *e)
{
	static const char *const weekdays[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
	date_t monday;

	if (!weekcard_lang_known(lang))
		return lang_unknown(lang ? lang : "", e);
	const char *week = json_string_value(json_object_get(plan, "week"));
	if (week == NULL || date_parse(week, &monday) != 0 || !json_is_array(json_object_get(plan, "cells")) ||
	    !json_is_array(json_object_get(plan, "items")))
		return err_set(e, ERR_INTERNAL, "week card: the week plan has no week, items or cells");

	json_t *who = json_object();
	if (person && !json_is_true(json_object_get(person, "hidden"))) {
		json_object_set(who, "given_names", json_object_get(person, "given_names"));
		json_object_set(who, "family_name", json_object_get(person, "family_name"));
	} else {
		json_object_set_new(who, "hidden", json_true());
	}
	json_t *places = json_array();
	json_t *days = json_array();
	for (int d = 0; d < 7; d++) {
		char date[DATE_STR_LEN];
		date_format(monday + d, date);
		json_array_append_new(days, json_pack("{s:s,s:s,s:o}", "weekday", weekdays[d], "date", date, "parts",
						      day_parts(plan, weekdays[d], places)));
	}
	char end[DATE_STR_LEN];
	date_format(monday + 6, end);
	*out = json_pack("{s:o,s:s,s:s,s:s,s:s,s:i,s:o,s:o}", "participant", who, "lang", lang, "dir",
			 weekcard_label(lang, "dir"), "week", week, "week_end", end, "week_number", iso_week(monday),
			 "days", days, "places", places);
	return 0;
}

/* ---- the use case ---- */

/* The first of the participant's languages with a translation, else nl. */
static const char *lang_of(const json_t *rec)
{
	json_t *langs = json_object_get(rec, "languages");
	json_t *parsed_list = NULL;
	const char *found = "nl";
	if (json_is_string(langs))
		langs = parsed_list = json_loads(json_string_value(langs), 0, NULL);
	size_t i;
	json_t *l;
	json_array_foreach(langs, i, l) {
		int k = lang_index(json_string_value(l));
		if (k >= 0) {
			found = weekcard_lang_files[k].code; /* static: outlives rec */
			break;
		}
	}
	json_decref(parsed_list);
	return found;
}

int app_week_card_get(struct app_ctx *ctx, int64_t pid, date_t week, const char *lang, json_t **out,
		      struct err *e)
{
	json_t *plan = NULL, *rec = NULL, *person = NULL;
	struct relation rel;
	int rc = -1;

	if (lang && !weekcard_lang_known(lang))
		return lang_unknown(lang, e);
	if (app_week_plan_get(ctx, pid, week, &plan, e) != 0)
		return -1;
	if (participant_load(ctx, pid, &rec, &rel, e) != 0)
		goto out_plan;
	/* the name and the languages are identity; the plan was path */
	if (access_may_read(ctx->actor.role, CAT_IDENTITY, &rel)) {
		person = json_pack("{s:O,s:O}", "given_names", json_object_get(rec, "given_names"), "family_name",
				   json_object_get(rec, "family_name"));
		if (lang == NULL)
			lang = lang_of(rec);
	}
	rc = weekcard_model(plan, person, lang ? lang : "nl", out, e);
	json_decref(person);
	json_decref(rec);
out_plan:
	json_decref(plan);
	return rc;
}
