/*
 * weekplan_load.c - loading a participant's week plan from the store into
 * the structs of domain/schedule.h: entries and class enrolments as plan
 * items, exceptions, the person's facts and the placements worked at
 * with the other people working there (see weekplan_internal.h).
 */
#include "app/weekplan_internal.h"
#include "app/employer_internal.h"
#include "domain/codes.h"
#include "store/store_plan.h"
#include "store/store_timetable.h"
#include "base/xmalloc.h"

#include <stdlib.h>
#include <string.h>

const char *wp_kind_label(const char *kind)
{
	const char *label = kind ? codes_label("plan_kind", kind) : NULL;
	return label ? label : (kind ? kind : "");
}

static bool row_day(const json_t *row, const char *key, date_t *out)
{
	const char *s = json_string_value(json_object_get(row, key));
	return s && date_parse(s, out) == 0;
}

static bool row_clock(const json_t *row, const char *key, int *out)
{
	const char *s = json_string_value(json_object_get(row, key));
	return s && clock_parse(s, out) == 0;
}

bool wp_entry_item(const json_t *row, struct plan_item *it)
{
	enum plan_kind k;
	struct err tmp;

	memset(it, 0, sizeof *it);
	err_init(&tmp);
	int rc = daypart_list_parse(json_string_value(json_object_get(row, "day_parts")), &it->parts, &tmp);
	err_release(&tmp);
	if (rc != 0 || plan_kind_find(json_string_value(json_object_get(row, "kind")), &k) != 0 ||
	    !row_day(row, "valid_from", &it->from))
		return false;
	it->id = json_integer_value(json_object_get(row, "id"));
	it->kind = k;
	it->has_until = row_day(row, "valid_until", &it->until);
	if (!row_clock(row, "start_time", &it->start_min) || !row_clock(row, "end_time", &it->end_min))
		it->start_min = it->end_min = -1;
	it->placement_id = json_integer_value(json_object_get(row, "placement_id"));
	it->title = json_string_value(json_object_get(row, "title"));
	if (it->title == NULL)
		it->title = json_string_value(json_object_get(row, "placement_title"));
	if (it->title == NULL)
		it->title = wp_kind_label(json_string_value(json_object_get(row, "kind")));
	return true;
}

daypart_set wp_session_parts(const char *weekday, const char *start, const char *end,
			     const struct day_part_times *t)
{
	enum weekday d;
	int a, b;
	if (weekday_find(weekday, &d) != 0 || start == NULL || end == NULL || clock_parse(start, &a) != 0 ||
	    clock_parse(end, &b) != 0 || a >= b)
		return 0;
	return schedule_interval_parts(d, a, b, t);
}

bool wp_class_item(const json_t *row, const struct day_part_times *t, struct plan_item *it)
{
	date_t d;
	size_t i;
	json_t *x;
	int common_start = -2, common_end = -2;

	memset(it, 0, sizeof *it);
	if (!row_day(row, "start_date", &it->from) || !row_day(row, "group_end", &it->until))
		return false;
	if (row_day(row, "group_start", &d) && d > it->from)
		it->from = d;
	if (row_day(row, "end_date", &d) && d < it->until)
		it->until = d;
	it->has_until = true;
	it->id = json_integer_value(json_object_get(row, "id"));
	it->from_timetable = true;
	it->kind = PLAN_LANGUAGE_CLASS;
	it->title = json_string_value(json_object_get(row, "group_name"));
	json_array_foreach(json_object_get(row, "sessions"), i, x) {
		const char *s = json_string_value(json_object_get(x, "start_time"));
		const char *f = json_string_value(json_object_get(x, "end_time"));
		daypart_set p = wp_session_parts(json_string_value(json_object_get(x, "weekday")), s, f, t);
		int a = -1, b = -1;
		if (p == 0)
			continue;
		it->parts |= p;
		clock_parse(s, &a);
		clock_parse(f, &b);
		if (common_start == -2) {
			common_start = a;
			common_end = b;
		} else if (common_start != a || common_end != b) {
			common_start = common_end = -1;
		}
	}
	it->start_min = common_start >= 0 ? common_start : -1;
	it->end_min = common_start >= 0 ? common_end : -1;
	return true;
}

/* Accepted conflict keys of the overrides, each with who and why. */
static json_t *accepted_keys(const json_t *overrides)
{
	json_t *out = json_object();
	size_t i, j;
	json_t *o, *k;
	json_array_foreach(overrides, i, o) {
		const char *text = json_string_value(json_object_get(o, "conflicts"));
		json_t *keys = text ? json_loads(text, 0, NULL) : NULL;
		json_array_foreach(keys, j, k) {
			if (!json_is_string(k))
				continue;
			json_object_set_new(out, json_string_value(k),
					    json_pack("{s:O,s:O,s:O}", "reason", json_object_get(o, "reason"),
						      "user_name", json_object_get(o, "user_name"), "created_at",
						      json_object_get(o, "created_at")));
		}
		json_decref(keys);
	}
	return out;
}

/* The exceptions as the rules see them; group exceptions become
 * exceptions of each enrolment in that group. */
static void load_exceptions(struct wp *w)
{
	size_t i, j, n = 0;
	json_t *x, *en;
	size_t cap = json_array_size(w->exceptions) * (json_array_size(w->enrolments) + 1) + 1;
	w->ex = xcalloc(cap, sizeof *w->ex);
	json_array_foreach(w->exceptions, i, x) {
		struct plan_exception pe = { 0 };
		if (!row_day(x, "from_date", &pe.from) || !row_day(x, "to_date", &pe.to))
			continue;
		json_int_t entry = json_integer_value(json_object_get(x, "entry_id"));
		json_int_t group = json_integer_value(json_object_get(x, "group_id"));
		if (group) {
			json_array_foreach(w->enrolments, j, en) {
				if (json_integer_value(json_object_get(en, "group_id")) != group)
					continue;
				pe.item_id = json_integer_value(json_object_get(en, "id"));
				pe.from_timetable = true;
				w->ex[n++] = pe;
			}
			continue;
		}
		pe.item_id = entry;
		w->ex[n++] = pe;
	}
	w->nex = n;
}

/* The placements of the work items, with the others working there. */
static int load_placements(struct app_ctx *ctx, struct wp *w, struct err *e)
{
	w->placements = xcalloc(w->nitems + 1, sizeof *w->placements);
	w->others = xcalloc(w->nitems + 1, sizeof *w->others);
	w->others_rows = xcalloc(w->nitems + 1, sizeof *w->others_rows);
	for (size_t i = 0; i < w->nitems; i++) {
		int64_t plid = w->items[i].placement_id;
		bool seen = false;
		if (w->items[i].kind != PLAN_WORK || plid == 0)
			continue;
		for (size_t k = 0; k < w->nplacements; k++)
			seen |= w->placements[k].id == plid;
		if (seen)
			continue;
		json_t *pl = NULL, *others = NULL;
		if (store_placement_get(ctx->st, plid, &pl, e) != 0)
			return -1;
		if (store_plan_work_at(ctx->st, plid, w->pid, &others, e) != 0) {
			json_decref(pl);
			return -1;
		}
		size_t k = w->nplacements++;
		struct schedule_placement *p = &w->placements[k];
		struct placement_requirements req;
		placing_requirements(placement_decorate(pl), &req);
		p->id = plid;
		p->title = json_string_value(json_object_get(w->rows[i], "placement_title"));
		if (p->title == NULL)
			p->title = w->items[i].title;
		p->required = req.day_parts;
		p->full_days = req.full_days;
		p->capacity = (int)json_integer_value(json_object_get(pl, "capacity"));
		const char *type = json_string_value(json_object_get(pl, "organisation_type"));
		p->is_hall = type && strcmp(type, "social_work_company") == 0;
		json_decref(pl);
		w->others_rows[k] = others;
		w->others[k] = xcalloc(json_array_size(others) + 1, sizeof **w->others);
		size_t j, m = 0;
		json_t *row;
		json_array_foreach(others, j, row) {
			if (wp_entry_item(row, &w->others[k][m])) {
				w->others[k][m].kind = PLAN_WORK;
				w->others[k][m].placement_id = plid;
				m++;
			}
		}
		p->others = w->others[k];
		p->nothers = m;
	}
	return 0;
}

int wp_load(struct app_ctx *ctx, int64_t pid, struct wp *w, struct err *e)
{
	struct plan_person_row person;
	size_t i;
	json_t *row;

	memset(w, 0, sizeof *w);
	w->pid = pid;
	if (store_day_part_times_get(ctx->st, &w->times, e) != 0 || store_plan_entries(ctx->st, pid, &w->entries, e) != 0 ||
	    store_class_enrolments_of(ctx->st, pid, &w->enrolments, e) != 0 ||
	    store_plan_exceptions(ctx->st, pid, &w->exceptions, e) != 0 ||
	    store_plan_overrides(ctx->st, pid, &w->overrides, e) != 0 ||
	    store_plan_person(ctx->st, pid, ctx->today_s, &person, e) != 0)
		return -1;
	w->accepted = accepted_keys(w->overrides);
	size_t cap = json_array_size(w->entries) + json_array_size(w->enrolments) + 1;
	w->items = xcalloc(cap, sizeof *w->items);
	w->rows = xcalloc(cap, sizeof *w->rows);
	w->keys = xcalloc(cap, sizeof *w->keys);
	json_array_foreach(w->entries, i, row) {
		if (!wp_entry_item(row, &w->items[w->nitems]))
			continue;
		w->rows[w->nitems] = row;
		snprintf(w->keys[w->nitems], WP_KEY_LEN, "e%lld", (long long)w->items[w->nitems].id);
		w->nitems++;
	}
	json_array_foreach(w->enrolments, i, row) {
		if (!wp_class_item(row, &w->times, &w->items[w->nitems]))
			continue;
		w->rows[w->nitems] = row;
		snprintf(w->keys[w->nitems], WP_KEY_LEN, "t%lld", (long long)w->items[w->nitems].id);
		w->nitems++;
	}
	load_exceptions(w);
	w->person = (struct schedule_person){ .in_work_learning = person.in_work_learning,
					      .agreed_parts = person.agreed_parts,
					      .capacity_days = person.capacity_days,
					      .capacity_hours = person.capacity_hours };
	if (load_placements(ctx, w, e) != 0)
		return -1;
	w->plan = (struct schedule_plan){ .items = w->items, .nitems = w->nitems, .person = &w->person,
					  .placements = w->placements, .nplacements = w->nplacements,
					  .times = &w->times };
	return 0;
}

void wp_release(struct wp *w)
{
	json_decref(w->entries);
	json_decref(w->enrolments);
	json_decref(w->exceptions);
	json_decref(w->overrides);
	json_decref(w->accepted);
	for (size_t k = 0; k < w->nplacements; k++) {
		free(w->others[k]);
		json_decref(w->others_rows[k]);
	}
	free(w->others);
	free(w->others_rows);
	free(w->placements);
	free(w->items);
	free(w->rows);
	free(w->keys);
	free(w->ex);
	memset(w, 0, sizeof *w);
}

size_t wp_conflicts_ahead(const struct wp *w, date_t monday, int weeks, struct schedule_conflict **out)
{
	size_t max = 64;
	for (;;) {
		struct schedule_conflict *c = xcalloc(max, sizeof *c);
		size_t n = schedule_conflicts_ahead(&w->plan, monday, weeks, c, max);
		if (n <= max) {
			*out = c;
			return n;
		}
		free(c);
		max = n;
	}
}

json_t *wp_parts_json(daypart_set s)
{
	json_t *a = json_array();
	for (int b = 0; b < DAYPART_BITS; b++) {
		char code[DAYPART_CODE_LEN];
		if (!(s & (1u << b)))
			continue;
		daypart_code(b, code);
		json_array_append_new(a, json_string(code));
	}
	return a;
}

json_t *wp_conflict_json(const struct wp *w, const struct schedule_conflict *c)
{
	char week[DATE_STR_LEN];
	json_t *items = json_array();
	for (int k = 0; k < 2; k++)
		if (c->item[k] >= 0 && (size_t)c->item[k] < w->nitems)
			json_array_append_new(items, json_string(w->keys[c->item[k]]));
	date_format(c->week, week);
	json_t *acc = json_object_get(w->accepted, c->key);
	return json_pack("{s:s,s:s,s:s,s:o,s:o,s:s,s:O}", "rule", conflict_rule_code(c->rule), "key", c->key,
			 "message", c->message, "day_parts", wp_parts_json(c->parts), "items", items, "week", week,
			 "accepted", acc ? acc : json_null());
}
