/*
 * weekplan.c - a participant's week plan: reading a week with its cells
 * and conflicts, adding, changing and removing entries, exceptions, and
 * enrolling in class groups (see weekplan.h). Every change runs in one
 * transaction that compares the conflicts before and after it
 * (wp_change_run): new conflicts not accepted before refuse the change
 * unless an override_reason accepts them, which is kept in plan_override.
 */
#include "app/weekplan_internal.h"
#include "app/audit.h"
#include "app/input.h"
#include "app/path_internal.h"
#include "store/store_plan.h"
#include "store/store_timetable.h"
#include "base/xmalloc.h"

#include <stdlib.h>
#include <string.h>

static const char *const entry_members[] = { "kind", "title", "day_parts", "weekdays", "start_time", "end_time",
					     "location", "placement_id", "training_id", "coach_user_id", "valid_from",
					     "valid_until", "note", "override_reason", NULL };

/* ---- output ---- */

static json_t *exception_json(const json_t *x)
{
	return json_pack("{s:O,s:O,s:O,s:O}", "id", json_object_get(x, "id"), "from_date", json_object_get(x, "from_date"),
			 "to_date", json_object_get(x, "to_date"), "reason", json_object_get(x, "reason"));
}

/* The exceptions of w of one entry (entry_id) or one group (group_id). */
static json_t *exceptions_of(const struct wp *w, json_int_t entry_id, json_int_t group_id)
{
	json_t *a = json_array();
	size_t i;
	json_t *x;
	json_array_foreach(w->exceptions, i, x) {
		json_int_t en = json_integer_value(json_object_get(x, "entry_id"));
		json_int_t gr = json_integer_value(json_object_get(x, "group_id"));
		if ((entry_id && en == entry_id) || (group_id && gr == group_id))
			json_array_append_new(a, exception_json(x));
	}
	return a;
}

/* Plan-wide exceptions of w. */
static json_t *plan_exceptions(const struct wp *w)
{
	json_t *a = json_array();
	size_t i;
	json_t *x;
	json_array_foreach(w->exceptions, i, x)
		if (!json_integer_value(json_object_get(x, "entry_id")) && !json_integer_value(json_object_get(x, "group_id")))
			json_array_append_new(a, exception_json(x));
	return a;
}

static json_t *overrides_of(const struct wp *w, json_int_t entry_id, json_int_t enrolment_id)
{
	json_t *a = json_array();
	size_t i;
	json_t *o;
	json_array_foreach(w->overrides, i, o) {
		if ((entry_id && json_integer_value(json_object_get(o, "entry_id")) == entry_id) ||
		    (enrolment_id && json_integer_value(json_object_get(o, "enrolment_id")) == enrolment_id)) {
			const char *text = json_string_value(json_object_get(o, "conflicts"));
			json_t *keys = text ? json_loads(text, 0, NULL) : NULL;
			json_array_append_new(a, json_pack("{s:O,s:O,s:O,s:o}", "reason", json_object_get(o, "reason"),
							   "user_name", json_object_get(o, "user_name"), "created_at",
							   json_object_get(o, "created_at"), "conflicts",
							   json_is_array(keys) ? keys : json_array()));
			if (!json_is_array(keys))
				json_decref(keys);
		}
	}
	return a;
}

/* The weekdays of the set, as codes. */
static json_t *weekdays_json(daypart_set s)
{
	json_t *a = json_array();
	for (int d = 0; d < WEEKDAY_COUNT; d++)
		if (s & daypart_day((enum weekday)d))
			json_array_append_new(a, json_string(weekday_code((enum weekday)d)));
	return a;
}

/* An entry row of w's participant as the API shows it. */
static json_t *entry_json(const struct wp *w, const json_t *row)
{
	static const char *const copy[] = { "participant_id", "kind", "title", "start_time", "end_time", "location",
					    "placement_id", "placement_title", "training_id", "training_title",
					    "coach_user_id", "coach_name", "valid_from", "valid_until", "note",
					    "created_at", "updated_at", "removed_at", NULL };
	json_int_t id = json_integer_value(json_object_get(row, "id"));
	daypart_set parts = 0;
	struct err tmp;
	char key[WP_KEY_LEN];

	err_init(&tmp);
	daypart_list_parse(json_string_value(json_object_get(row, "day_parts")), &parts, &tmp);
	err_release(&tmp);
	snprintf(key, sizeof key, "e%lld", (long long)id);
	json_t *o = json_pack("{s:s,s:I,s:s}", "key", key, "id", id, "source", "plan");
	for (const char *const *c = copy; *c; c++) {
		json_t *v = json_object_get(row, *c);
		json_object_set(o, *c, v ? v : json_null());
	}
	json_object_set_new(o, "kind_label", json_string(wp_kind_label(json_string_value(json_object_get(row, "kind")))));
	json_object_set_new(o, "day_parts", wp_parts_json(parts));
	if (json_is_string(json_object_get(row, "start_time")))
		json_object_set_new(o, "weekdays", weekdays_json(parts));
	json_object_set_new(o, "exceptions", exceptions_of(w, id, 0));
	json_object_set_new(o, "overrides", overrides_of(w, id, 0));
	return o;
}

static json_t *sessions_json(const json_t *row, const struct day_part_times *t)
{
	json_t *a = json_array();
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(row, "sessions"), i, x) {
		const char *wd = json_string_value(json_object_get(x, "weekday"));
		enum weekday d;
		daypart_set p = wp_session_parts(wd, json_string_value(json_object_get(x, "start_time")),
						 json_string_value(json_object_get(x, "end_time")), t);
		json_array_append_new(a, json_pack("{s:O,s:O,s:s,s:O,s:O,s:o}", "id", json_object_get(x, "id"), "weekday",
						   json_object_get(x, "weekday"), "weekday_label",
						   weekday_find(wd, &d) == 0 ? weekday_label(d) : "", "start_time",
						   json_object_get(x, "start_time"), "end_time", json_object_get(x, "end_time"),
						   "day_parts", wp_parts_json(p)));
	}
	return a;
}

/* A class of an enrolment as a plan item. */
static json_t *class_json(const struct wp *w, size_t i)
{
	const json_t *row = w->rows[i];
	const struct plan_item *it = &w->items[i];
	char from[DATE_STR_LEN], until[DATE_STR_LEN], a[CLOCK_STR_LEN], b[CLOCK_STR_LEN];

	date_format(it->from, from);
	date_format(it->until, until);
	json_t *o = json_pack("{s:s,s:n,s:s,s:O,s:O,s:s,s:s,s:O,s:O,s:o,s:O,s:s,s:s}", "key", w->keys[i], "id",
			      "source", "timetable", "enrolment_id", json_object_get(row, "id"), "group_id",
			      json_object_get(row, "group_id"), "kind", "language_class", "kind_label",
			      wp_kind_label("language_class"), "title", json_object_get(row, "group_name"),
			      "organisation_name", json_object_get(row, "organisation_name"), "day_parts",
			      wp_parts_json(it->parts), "location", json_object_get(row, "location"), "valid_from", from,
			      "valid_until", until);
	if (it->start_min >= 0) {
		clock_format(it->start_min, a);
		clock_format(it->end_min, b);
		json_object_set_new(o, "start_time", json_string(a));
		json_object_set_new(o, "end_time", json_string(b));
	} else {
		json_object_set_new(o, "start_time", json_null());
		json_object_set_new(o, "end_time", json_null());
	}
	json_object_set_new(o, "sessions", sessions_json(row, &w->times));
	json_object_set_new(o, "exceptions", exceptions_of(w, 0, json_integer_value(json_object_get(row, "group_id"))));
	json_object_set_new(o, "overrides", overrides_of(w, 0, json_integer_value(json_object_get(row, "id"))));
	return o;
}

static json_t *item_json(const struct wp *w, size_t i)
{
	return w->items[i].from_timetable ? class_json(w, i) : entry_json(w, w->rows[i]);
}

json_t *wp_conflicts_json(const struct wp *w, const struct schedule_conflict *c, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, wp_conflict_json(w, &c[i]));
	return a;
}

static json_t *times_json(const struct day_part_times *t)
{
	json_t *a = json_array();
	for (int p = 0; p < DAY_PART_COUNT; p++) {
		char s[CLOCK_STR_LEN], f[CLOCK_STR_LEN];
		clock_format(t->start[p], s);
		clock_format(t->end[p], f);
		json_array_append_new(a, json_pack("{s:s,s:s,s:s,s:s}", "part", day_part_code((enum day_part)p), "label",
						   day_part_label((enum day_part)p), "start_time", s, "end_time", f));
	}
	return a;
}

static json_t *int_or_null(int v)
{
	return v < 0 ? json_null() : json_integer(v);
}

/* The conflicts of w in the week of `monday`; *out malloc'd. */
static size_t week_conflicts(const struct wp *w, date_t monday, struct schedule_conflict **out)
{
	size_t max = 32;
	for (;;) {
		struct schedule_conflict *c = xcalloc(max, sizeof *c);
		size_t n = schedule_conflicts(&w->plan, monday, c, max);
		if (n <= max) {
			*out = c;
			return n;
		}
		free(c);
		max = n;
	}
}

/* Is item it valid on day d (its validity only)? */
static bool valid_on(const struct plan_item *it, date_t d)
{
	return d >= it->from && (!it->has_until || d <= it->until);
}

/* The week's JSON of a loaded plan. */
static json_t *week_json(const struct wp *w, date_t monday)
{
	char day[DATE_STR_LEN];
	struct schedule_conflict *c = NULL;
	size_t nc = week_conflicts(w, monday, &c);

	date_format(monday, day);
	json_t *days = json_array(), *items = json_array(), *cells = json_array();
	for (int d = 0; d < WEEKDAY_COUNT; d++) {
		date_format(monday + d, day);
		json_array_append_new(days, json_pack("{s:s,s:s,s:s}", "date", day, "weekday",
						      weekday_code((enum weekday)d), "label", weekday_label((enum weekday)d)));
	}
	daypart_set work = 0;
	for (size_t i = 0; i < w->nitems; i++) {
		if (!schedule_item_in_week(&w->items[i], monday))
			continue;
		json_array_append_new(items, item_json(w, i));
		if (w->items[i].kind == PLAN_WORK)
			work |= w->items[i].parts;
	}
	for (int b = 0; b < DAYPART_BITS; b++) {
		char code[DAYPART_CODE_LEN];
		date_t date = monday + b / DAY_PART_COUNT;
		enum day_part part = (enum day_part)(b % DAY_PART_COUNT);
		json_t *in = json_array(), *cancelled = json_array(), *cf = json_array();
		daypart_code(b, code);
		date_format(date, day);
		for (size_t i = 0; i < w->nitems; i++) {
			const struct plan_item *it = &w->items[i];
			if (!(it->parts & (1u << b)) || !valid_on(it, date))
				continue;
			json_array_append_new(schedule_occurs(it, w->ex, w->nex, date, part) ? in : cancelled,
					      json_string(w->keys[i]));
		}
		for (size_t k = 0; k < nc; k++)
			if (c[k].parts & (1u << b))
				json_array_append_new(cf, json_integer((json_int_t)k));
		json_array_append_new(cells, json_pack("{s:s,s:s,s:o,s:o,s:o}", "day_part", code, "date", day, "items", in,
						       "cancelled", cancelled, "conflicts", cf));
	}
	date_format(monday, day);
	json_t *out = json_pack(
		"{s:I,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:i,s:o,s:{s:b,s:o,s:o,s:o}}", "participant_id", (json_int_t)w->pid,
		"week", day, "days", days, "times", times_json(&w->times), "items", items, "cells", cells, "conflicts",
		wp_conflicts_json(w, c, nc), "free_day_parts",
		wp_parts_json(schedule_free_parts(w->items, w->nitems, monday)), "work_day_parts", daypart_count(work),
		"exceptions", plan_exceptions(w), "person", "in_work_learning", w->person.in_work_learning,
		"agreed_parts", int_or_null(w->person.agreed_parts), "capacity_days", int_or_null(w->person.capacity_days),
		"capacity_hours", int_or_null(w->person.capacity_hours));
	free(c);
	return out;
}

int app_week_plan_get(struct app_ctx *ctx, int64_t pid, date_t week, json_t **out, struct err *e)
{
	struct wp w;
	if (path_open(ctx, pid, CAT_PATH, false, NULL, NULL, e) != 0)
		return -1;
	if (wp_load(ctx, pid, &w, e) != 0)
		goto fail;
	if (audit_log(ctx, pid, "read week plan", ACTIVITY_WEEK_PLAN, "ok", e) != 0)
		goto fail;
	*out = week_json(&w, schedule_week_start(week ? week : ctx->today));
	wp_release(&w);
	return 0;
fail:
	wp_release(&w);
	return -1;
}

/* ---- changes and their conflicts ---- */

/* The Monday from which a change starting on `from` is checked. */
date_t wp_change_monday(const struct app_ctx *ctx, date_t from)
{
	return schedule_week_start(from > ctx->today ? from : ctx->today);
}

static bool has_key(const struct schedule_conflict *c, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(c[i].key, key) == 0)
			return true;
	return false;
}

/* The conflicts `after` has and `before` had not, week by week over
 * WP_WEEKS_AHEAD weeks from monday, each key once and leaving out keys
 * accepted earlier: into fresh (as JSON) and keys. Compared per week, so a
 * rule that already held in one week (work below the minimum in the week a
 * plan starts) still counts as new when the change brings it to another. */
static void new_conflicts(const struct wp *before, const struct wp *after, date_t monday, json_t *fresh,
			  json_t *keys)
{
	for (int k = 0; k < WP_WEEKS_AHEAD; k++) {
		struct schedule_conflict *cb = NULL, *ca = NULL;
		date_t week = monday + 7 * k;
		size_t nb = week_conflicts(before, week, &cb), na = week_conflicts(after, week, &ca);
		for (size_t i = 0; i < na; i++) {
			bool known = false;
			for (size_t j = 0; !known && j < json_array_size(keys); j++)
				known = strcmp(json_string_value(json_array_get(keys, j)), ca[i].key) == 0;
			if (known || has_key(cb, nb, ca[i].key) || json_object_get(after->accepted, ca[i].key))
				continue;
			json_array_append_new(fresh, wp_conflict_json(after, &ca[i]));
			json_array_append_new(keys, json_string(ca[i].key));
		}
		free(cb);
		free(ca);
	}
}

/* Apply change c in one transaction, checking its conflicts. On a refusal
 * for new conflicts, *refused = {"conflicts":[...]} and ERR_CONFLICT. */
int wp_change_run(struct app_ctx *ctx, const struct wp_change *c, json_t **refused, struct err *e)
{
	struct wp before, after;
	date_t monday = wp_change_monday(ctx, c->from);
	json_t *fresh = NULL, *keys = NULL;
	int rc = -1;

	memset(&before, 0, sizeof before);
	memset(&after, 0, sizeof after);
	if (store_begin(ctx->st, e) != 0)
		return -1;
	if (wp_load(ctx, c->pid, &before, e) != 0)
		goto out;
	if (c->apply(ctx, c->arg, e) != 0)
		goto out;
	if (wp_load(ctx, c->pid, &after, e) != 0)
		goto out;
	fresh = json_array();
	keys = json_array();
	new_conflicts(&before, &after, monday, fresh, keys);
	size_t nnew = json_array_size(fresh);
	if (nnew && c->reason == NULL) {
		err_set(e, ERR_CONFLICT, "this change adds %zu conflict%s (%s); give override_reason to save it anyway",
			nnew, nnew == 1 ? "" : "s",
			json_string_value(json_object_get(json_array_get(fresh, 0), "message")));
		*refused = json_pack("{s:O}", "conflicts", fresh);
		goto out;
	}
	if (nnew) {
		char *text = json_dumps(keys, JSON_COMPACT);
		int r = store_plan_override_insert(ctx->st, c->pid, c->entry_id ? *c->entry_id : 0,
						   c->enrolment_id ? *c->enrolment_id : 0, text, c->reason,
						   ctx->actor.user_id, ctx->now_s, e);
		free(text);
		if (r != 0)
			goto out;
	}
	if (audit_log(ctx, c->pid, nnew ? "change week plan, conflicts accepted" : c->action, c->activity, "ok", e) != 0)
		goto out;
	rc = store_commit(ctx->st, e);
out:
	if (rc != 0)
		store_rollback(ctx->st);
	json_decref(fresh);
	json_decref(keys);
	wp_release(&before);
	wp_release(&after);
	return rc;
}

/* {"entry","conflicts"} for entry id of pid after a change from `from`. */
static int entry_answer(struct app_ctx *ctx, int64_t pid, int64_t id, date_t from, json_t **out, struct err *e)
{
	struct wp w;
	json_t *row = NULL;
	struct schedule_conflict *c = NULL;

	if (wp_load(ctx, pid, &w, e) != 0 || store_plan_entry_get(ctx->st, id, &row, e) != 0) {
		wp_release(&w);
		return -1;
	}
	size_t n = wp_conflicts_ahead(&w, wp_change_monday(ctx, from), WP_WEEKS_AHEAD, &c);
	*out = json_pack("{s:o,s:o}", "entry", entry_json(&w, row), "conflicts", wp_conflicts_json(&w, c, n));
	free(c);
	json_decref(row);
	wp_release(&w);
	return 0;
}

/* ---- entry input ---- */

/* Check override_reason: *reason NULL when absent. */
void wp_reason_check(const json_t *in, const char **reason, struct err *e)
{
	*reason = NULL;
	input_text(in, "override_reason", 3, 500, false, e);
	*reason = json_string_value(json_object_get(in, "override_reason"));
}

static bool given(const json_t *in, const char *key)
{
	json_t *v = json_object_get(in, key);
	return v && !json_is_null(v);
}

/* day_parts as a list of codes into *set; field errors. */
static void parts_in(const json_t *v, daypart_set *set, struct err *e)
{
	size_t i;
	json_t *code;
	*set = 0;
	if (!json_is_array(v)) {
		err_field(e, "day_parts", "must be a list of day-parts such as \"tue_morning\"");
		return;
	}
	json_array_foreach(v, i, code) {
		daypart_set bit;
		struct err tmp;
		err_init(&tmp);
		if (!json_is_string(code))
			err_field(e, "day_parts", "each day-part must be a string such as \"tue_morning\"");
		else if (daypart_parse(json_string_value(code), &bit, &tmp) != 0)
			err_field(e, "day_parts", "%s", tmp.msg);
		else if (*set & bit)
			err_field(e, "day_parts", "\"%s\" is named twice", json_string_value(code));
		else
			*set |= bit;
		err_release(&tmp);
	}
	if (json_array_size(v) == 0)
		err_field(e, "day_parts", "must name at least one day-part");
}

/* A clock time member ("HH:MM"): 1 with *min, 0 absent, -1 bad. */
static int clock_in(const json_t *in, const char *key, int *min, struct err *e)
{
	json_t *v = json_object_get(in, key);
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v) || clock_parse(json_string_value(v), min) != 0) {
		err_field(e, key, "\"%.20s\" is not a time such as \"08:30\"", json_is_string(v) ? json_string_value(v) : "");
		return -1;
	}
	return 1;
}

/* The weekdays and times of an entry with own times, into the day-parts
 * they take (set in row: day_parts, start_time, end_time). */
static void own_times_in(const json_t *in, const json_t *old, const struct day_part_times *t, json_t *row,
			 struct err *e)
{
	daypart_set days = 0, parts = 0;
	int start = -1, end = -1;
	struct err tmp;
	size_t i;
	json_t *v;

	err_init(&tmp);
	if (given(in, "weekdays")) {
		json_t *wd = json_object_get(in, "weekdays");
		if (!json_is_array(wd) || json_array_size(wd) == 0)
			err_field(e, "weekdays", "must be a list of weekdays such as \"tue\"");
		json_array_foreach(wd, i, v) {
			enum weekday d;
			if (!json_is_string(v) || weekday_find(json_string_value(v), &d) != 0)
				err_field(e, "weekdays", "\"%.20s\" is not a weekday such as \"tue\"",
					  json_is_string(v) ? json_string_value(v) : "");
			else
				days |= daypart_day(d);
		}
	} else if (old) {
		daypart_list_parse(json_string_value(json_object_get(old, "day_parts")), &days, &tmp);
	}
	int hs = clock_in(in, "start_time", &start, e), he = clock_in(in, "end_time", &end, e);
	if (hs == 0 && old)
		hs = clock_parse(json_string_value(json_object_get(old, "start_time")), &start) == 0 ? 1 : 0;
	if (he == 0 && old)
		he = clock_parse(json_string_value(json_object_get(old, "end_time")), &end) == 0 ? 1 : 0;
	if (hs == 0)
		err_field(e, "start_time", "is required with weekdays");
	if (he == 0)
		err_field(e, "end_time", "is required with weekdays");
	if (hs == 1 && he == 1 && end <= start) {
		char a[CLOCK_STR_LEN], b[CLOCK_STR_LEN];
		clock_format(start, a);
		clock_format(end, b);
		err_field(e, "end_time", "\"%s\" is not after the start \"%s\"", b, a);
	} else if (hs == 1 && he == 1 && days) {
		for (int d = 0; d < WEEKDAY_COUNT; d++)
			if (days & daypart_day((enum weekday)d))
				parts |= schedule_interval_parts((enum weekday)d, start, end, t);
		char a[CLOCK_STR_LEN], b[CLOCK_STR_LEN], text[DAYPART_LIST_LEN];
		clock_format(start, a);
		clock_format(end, b);
		if (parts == 0)
			err_field(e, "start_time", "%s-%s falls outside every day-part", a, b);
		daypart_list_format(parts, text, sizeof text);
		json_object_set_new(row, "day_parts", json_string(text));
		json_object_set_new(row, "start_time", json_string(a));
		json_object_set_new(row, "end_time", json_string(b));
	}
	err_release(&tmp);
}

/* Check entry input (old: the stored row when changing, NULL when
 * adding) into the columns of row; field errors to e. */
static void entry_check(struct app_ctx *ctx, const json_t *in, const json_t *old, const struct day_part_times *t,
			json_t *row, struct err *e)
{
	static const char *const texts[] = { "title", "location", "note", NULL };
	static const size_t text_max[] = { 120, 200, 1000 };
	bool creating = old == NULL;
	struct err tmp;
	int64_t id;
	date_t from = 0, until = 0;
	const char *reason;

	err_init(&tmp);
	input_unknown_members(in, entry_members, e);
	wp_reason_check(in, &reason, e);
	/* kind */
	json_t *kv = json_object_get(in, "kind");
	if (kv || creating) {
		enum plan_kind k;
		if (kv == NULL || json_is_null(kv))
			err_field(e, "kind", "is required");
		else if (!json_is_string(kv) || plan_kind_find(json_string_value(kv), &k) != 0)
			err_field(e, "kind", "\"%.40s\" is not a kind of plan entry (language_class, work, training, "
					     "coach_appointment, buddy_meeting, other)",
				  json_is_string(kv) ? json_string_value(kv) : "");
		else
			json_object_set(row, "kind", kv);
	}
	for (size_t i = 0; texts[i]; i++) {
		input_text(in, texts[i], 1, text_max[i], false, e);
		if (json_object_get(in, texts[i]))
			json_object_set(row, texts[i], json_object_get(in, texts[i]));
	}
	/* when: day-parts, or weekdays with own times */
	bool dp = given(in, "day_parts"), wd = given(in, "weekdays");
	bool times = given(in, "start_time") || given(in, "end_time");
	if (dp && wd) {
		err_field(e, "weekdays", "give day_parts, or weekdays with start_time and end_time, not both");
	} else if (dp) {
		daypart_set set;
		char text[DAYPART_LIST_LEN];
		parts_in(json_object_get(in, "day_parts"), &set, e);
		if (times)
			err_field(e, "start_time", "own times go with weekdays, not with day_parts");
		daypart_list_format(set, text, sizeof text);
		json_object_set_new(row, "day_parts", json_string(text));
		json_object_set_new(row, "start_time", json_null());
		json_object_set_new(row, "end_time", json_null());
	} else if (wd || (times && old && given(old, "start_time"))) {
		own_times_in(in, old, t, row, e);
	} else if (times) {
		err_field(e, "weekdays", "own times need the weekdays they are on");
	} else if (creating) {
		err_field(e, "day_parts", "is required: give day_parts, or weekdays with start_time and end_time");
	} else if (json_object_get(in, "day_parts")) {
		err_field(e, "day_parts", "must name at least one day-part");
	}
	/* what it refers to */
	if (input_id(in, "placement_id", false, &id, e) == 1) {
		json_t *pl = NULL;
		if (store_placement_get(ctx->st, id, &pl, &tmp) != 0)
			err_field(e, "placement_id", "placement %lld does not exist", (long long)id);
		else if (!given(in, "location") && !(old && given(old, "location")) &&
			 json_is_string(json_object_get(pl, "location")))
			json_object_set(row, "location", json_object_get(pl, "location"));
		json_decref(pl);
	}
	if (input_id(in, "training_id", false, &id, e) == 1) {
		json_t *tr = NULL;
		err_clear(&tmp);
		if (store_training_get(ctx->st, id, &tr, &tmp) != 0)
			err_field(e, "training_id", "training %lld does not exist", (long long)id);
		json_decref(tr);
	}
	if (input_id(in, "coach_user_id", false, &id, e) == 1) {
		struct user_row u;
		err_clear(&tmp);
		if (store_user_get(ctx->st, id, &u, &tmp) != 0 || !u.active)
			err_field(e, "coach_user_id", "user %lld does not exist or is inactive", (long long)id);
		else if (strcmp(u.role, "job_coach") != 0)
			err_field(e, "coach_user_id", "%s is not a job coach", u.display_name);
	}
	static const char *const refs[] = { "placement_id", "training_id", "coach_user_id", NULL };
	for (const char *const *r = refs; *r; r++)
		if (json_object_get(in, *r))
			json_object_set(row, *r, json_object_get(in, *r));
	/* validity */
	int hf = input_date(in, "valid_from", false, &from, e), hu = input_date(in, "valid_until", false, &until, e);
	if (hf == 0 && old)
		hf = date_parse(json_string_value(json_object_get(old, "valid_from")), &from) == 0 ? 2 : 0;
	if (hf == 0 && creating) {
		from = ctx->today;
		json_object_set_new(row, "valid_from", json_string(ctx->today_s));
		hf = 2;
	}
	if (hu == 0 && old && !json_object_get(in, "valid_until"))
		hu = date_parse(json_string_value(json_object_get(old, "valid_until")), &until) == 0 ? 2 : 0;
	if (hf > 0 && hu > 0 && until < from) {
		char a[DATE_STR_LEN], b[DATE_STR_LEN];
		date_format(from, a);
		date_format(until, b);
		err_field(e, "valid_until", "\"%s\" is before valid_from \"%s\"", b, a);
	}
	if (json_object_get(in, "valid_from") && hf == 1)
		json_object_set(row, "valid_from", json_object_get(in, "valid_from"));
	if (json_object_get(in, "valid_until"))
		json_object_set(row, "valid_until", json_object_get(in, "valid_until"));
	if (!creating && json_is_null(json_object_get(in, "valid_from")))
		err_field(e, "valid_from", "cannot be cleared");
	err_release(&tmp);
}

/* The first valid day of the entry columns (row over old). */
static date_t row_from(const json_t *row, const json_t *old, date_t dflt)
{
	date_t d;
	if (row_date(row, "valid_from", &d) || (old && row_date(old, "valid_from", &d)))
		return d;
	return dflt;
}

struct entry_write {
	int64_t pid;
	int64_t id; /* 0 to insert */
	const json_t *row;
	bool remove;
};

static int entry_apply(struct app_ctx *ctx, void *arg, struct err *e)
{
	struct entry_write *w = arg;
	if (w->remove)
		return store_plan_entry_remove(ctx->st, w->id, ctx->actor.user_id, ctx->now_s, e);
	if (w->id)
		return store_plan_entry_update(ctx->st, w->id, w->row, ctx->now_s, e);
	return store_plan_entry_insert(ctx->st, w->pid, w->row, ctx->actor.user_id, ctx->now_s, &w->id, e);
}

/* Load entry id (not removed unless allow_removed) and check that the
 * actor may write its participant's plan. */
static int entry_open(struct app_ctx *ctx, int64_t id, bool allow_removed, json_t **row, int64_t *pid, struct err *e)
{
	if (store_plan_entry_get(ctx->st, id, row, e) != 0)
		return -1;
	*pid = json_integer_value(json_object_get(*row, "participant_id"));
	if (!allow_removed && !json_is_null(json_object_get(*row, "removed_at"))) {
		json_decref(*row);
		return err_set(e, ERR_NOT_FOUND, "plan entry %lld was removed", (long long)id);
	}
	if (path_open(ctx, *pid, CAT_PATH, true, NULL, NULL, e) != 0) {
		json_decref(*row);
		return -1;
	}
	return 0;
}

int app_week_plan_entry_add(struct app_ctx *ctx, int64_t pid, const json_t *in, json_t **out, struct err *e)
{
	struct day_part_times t;
	const char *reason;

	if (path_open(ctx, pid, CAT_PATH, true, NULL, NULL, e) != 0)
		return -1;
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	if (store_day_part_times_get(ctx->st, &t, e) != 0)
		return -1;
	json_t *row = json_object();
	entry_check(ctx, in, NULL, &t, row, e);
	reason = json_string_value(json_object_get(in, "override_reason"));
	if (e->nfields) {
		json_decref(row);
		return -1;
	}
	struct entry_write w = { .pid = pid, .row = row };
	struct wp_change c = { .pid = pid, .from = row_from(row, NULL, ctx->today), .reason = reason,
			       .apply = entry_apply, .arg = &w, .entry_id = &w.id, .action = "add week plan entry",
			       .activity = ACTIVITY_WEEK_PLAN };
	int rc = wp_change_run(ctx, &c, out, e);
	json_decref(row);
	if (rc != 0)
		return -1;
	return entry_answer(ctx, pid, w.id, c.from, out, e);
}

int app_week_plan_entry_update(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e)
{
	struct day_part_times t;
	json_t *old;
	int64_t pid;

	if (entry_open(ctx, id, false, &old, &pid, e) != 0)
		return -1;
	if (!json_is_object(in) || store_day_part_times_get(ctx->st, &t, e) != 0) {
		json_decref(old);
		return json_is_object(in) ? -1 : err_field(e, "body", "must be a JSON object");
	}
	json_t *row = json_object();
	entry_check(ctx, in, old, &t, row, e);
	const char *reason = json_string_value(json_object_get(in, "override_reason"));
	date_t a = row_from(old, NULL, ctx->today), b = row_from(row, old, ctx->today);
	int rc = -1;
	if (e->nfields == 0) {
		struct entry_write w = { .pid = pid, .id = id, .row = row };
		struct wp_change c = { .pid = pid, .from = a < b ? a : b, .reason = reason, .apply = entry_apply,
				       .arg = &w, .entry_id = &w.id, .action = "change week plan entry",
				       .activity = ACTIVITY_WEEK_PLAN };
		rc = wp_change_run(ctx, &c, out, e);
		if (rc == 0)
			rc = entry_answer(ctx, pid, id, c.from, out, e);
	}
	json_decref(row);
	json_decref(old);
	return rc;
}

int app_week_plan_entry_remove(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "override_reason", NULL };
	json_t *old;
	int64_t pid;
	const char *reason = NULL;

	if (entry_open(ctx, id, false, &old, &pid, e) != 0)
		return -1;
	if (in) {
		input_unknown_members(in, allowed, e);
		wp_reason_check(in, &reason, e);
	}
	int rc = -1;
	if (e->nfields == 0) {
		struct entry_write w = { .pid = pid, .id = id, .remove = true };
		struct wp_change c = { .pid = pid, .from = row_from(old, NULL, ctx->today), .reason = reason,
				       .apply = entry_apply, .arg = &w, .entry_id = &w.id,
				       .action = "remove week plan entry", .activity = ACTIVITY_WEEK_PLAN };
		rc = wp_change_run(ctx, &c, out, e);
		if (rc == 0)
			rc = entry_answer(ctx, pid, id, c.from, out, e);
	}
	json_decref(old);
	return rc;
}

/* ---- exceptions ---- */

/* {"from_date","to_date"?,"reason"}: checked into from/to (text) and reason. */
static int exception_in(const json_t *in, char from[DATE_STR_LEN], char to[DATE_STR_LEN], const char **reason,
			struct err *e)
{
	static const char *const allowed[] = { "from_date", "to_date", "reason", NULL };
	date_t a = 0, b = 0;
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	input_unknown_members(in, allowed, e);
	int ha = input_date(in, "from_date", true, &a, e), hb = input_date(in, "to_date", false, &b, e);
	input_text(in, "reason", 1, 200, true, e);
	if (ha == 1 && hb == 0)
		b = a;
	if (ha == 1 && hb >= 0 && b < a) {
		date_format(a, from);
		date_format(b, to);
		err_field(e, "to_date", "\"%s\" is before from_date \"%s\"", to, from);
	}
	if (e->nfields)
		return -1;
	date_format(a, from);
	date_format(b, to);
	*reason = json_string_value(json_object_get(in, "reason"));
	return 0;
}

int app_week_plan_entry_exception(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e)
{
	char from[DATE_STR_LEN], to[DATE_STR_LEN];
	const char *reason;
	json_t *row;
	int64_t pid, xid;
	struct wp w;

	if (entry_open(ctx, id, false, &row, &pid, e) != 0)
		return -1;
	memset(&w, 0, sizeof w);
	int rc = exception_in(in, from, to, &reason, e);
	if (rc == 0)
		rc = store_begin(ctx->st, e);
	if (rc == 0) {
		rc = store_plan_exception_insert(ctx->st, 0, id, 0, from, to, reason, ctx->actor.user_id, ctx->now_s,
						 &xid, e);
		if (rc == 0)
			rc = audit_log(ctx, pid, "add week plan exception", ACTIVITY_WEEK_PLAN, "ok", e);
		if (rc == 0)
			rc = store_commit(ctx->st, e);
		if (rc != 0)
			store_rollback(ctx->st);
	}
	if (rc == 0)
		rc = wp_load(ctx, pid, &w, e);
	if (rc == 0)
		*out = entry_json(&w, row);
	wp_release(&w);
	json_decref(row);
	return rc;
}

int app_week_plan_exception_add(struct app_ctx *ctx, int64_t pid, const json_t *in, json_t **out, struct err *e)
{
	char from[DATE_STR_LEN], to[DATE_STR_LEN];
	const char *reason;
	int64_t xid;
	json_t *x;

	if (path_open(ctx, pid, CAT_PATH, true, NULL, NULL, e) != 0 || exception_in(in, from, to, &reason, e) != 0)
		return -1;
	if (store_begin(ctx->st, e) != 0)
		return -1;
	int rc = store_plan_exception_insert(ctx->st, pid, 0, 0, from, to, reason, ctx->actor.user_id, ctx->now_s, &xid, e);
	if (rc == 0)
		rc = audit_log(ctx, pid, "add week plan exception", ACTIVITY_WEEK_PLAN, "ok", e);
	if (rc == 0)
		rc = store_commit(ctx->st, e);
	if (rc != 0) {
		store_rollback(ctx->st);
		return -1;
	}
	if (store_plan_exception_get(ctx->st, xid, &x, e) != 0)
		return -1;
	*out = json_pack("{s:o}", "exception", x);
	return 0;
}

int app_week_plan_exception_remove(struct app_ctx *ctx, int64_t id, json_t **out, struct err *e)
{
	json_t *x, *entry = NULL;
	int64_t pid;

	if (store_plan_exception_get(ctx->st, id, &x, e) != 0)
		return -1;
	pid = json_integer_value(json_object_get(x, "participant_id"));
	int64_t entry_id = json_integer_value(json_object_get(x, "entry_id"));
	if (!pid && entry_id) {
		if (store_plan_entry_get(ctx->st, entry_id, &entry, e) != 0)
			goto fail;
		pid = json_integer_value(json_object_get(entry, "participant_id"));
		json_decref(entry);
	}
	if (!pid) {
		/* a class group's exception belongs to the timetable */
		err_set(e, ERR_NOT_FOUND, "plan exception %lld not found", (long long)id);
		goto fail;
	}
	if (path_open(ctx, pid, CAT_PATH, true, NULL, NULL, e) != 0 || store_begin(ctx->st, e) != 0)
		goto fail;
	int rc = store_plan_exception_remove(ctx->st, id, ctx->now_s, e);
	if (rc == 0)
		rc = audit_log(ctx, pid, "remove week plan exception", ACTIVITY_WEEK_PLAN, "ok", e);
	if (rc == 0)
		rc = store_commit(ctx->st, e);
	if (rc != 0) {
		store_rollback(ctx->st);
		goto fail;
	}
	json_decref(x);
	if (store_plan_exception_get(ctx->st, id, &x, e) != 0)
		return -1;
	*out = json_pack("{s:o}", "exception", x);
	return 0;
fail:
	json_decref(x);
	return -1;
}
