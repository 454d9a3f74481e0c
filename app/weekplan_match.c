/*
 * weekplan_match.c - the matching queries of week planning: who of the
 * participants whose plan the actor may read is free in a pattern of
 * day-parts, and which placements fit one participant's free day-parts
 * (see weekplan.h). The free query reads every plan in scope with three
 * queries (store_plan_week_all), never one per person.
 */
#include "app/weekplan_internal.h"
#include "app/audit.h"
#include "app/employer_internal.h"
#include "app/participant_internal.h"
#include "app/path_internal.h"
#include "store/store_plan.h"
#include "store/store_timetable.h"
#include "base/xmalloc.h"

#include <stdlib.h>
#include <string.h>

#define FREE_MAX_ITEMS 500 /* names listed at most; "total" counts them all */

struct pid_index {
	int64_t pid;
	size_t index;
};

static int cmp_pid(const void *a, const void *b)
{
	const struct pid_index *x = a, *y = b;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* Index of pid in the sorted map, or -1. */
static long find_pid(const struct pid_index *map, size_t n, int64_t pid)
{
	struct pid_index key = { .pid = pid };
	const struct pid_index *hit = bsearch(&key, map, n, sizeof *map, cmp_pid);
	return hit ? (long)hit->index : -1;
}

/* A week parameter (any day, NULL: today's week) as its Monday. */
static int week_in(const struct app_ctx *ctx, const char *week, date_t *monday, struct err *e)
{
	date_t d = ctx->today;
	if (week && date_parse(week, &d) != 0)
		return err_field(e, "week", "\"%.20s\" is not a date such as \"2025-03-10\"", week);
	*monday = schedule_week_start(d);
	return 0;
}

/* Mark the day-parts each person's rows take in the week of monday. */
static void mark_taken(const json_t *entries, const json_t *classes, const struct pid_index *map, size_t n,
		       const struct day_part_times *t, date_t monday, daypart_set *taken)
{
	size_t i;
	json_t *row;
	json_array_foreach(entries, i, row) {
		struct plan_item it;
		long k = find_pid(map, n, json_integer_value(json_object_get(row, "participant_id")));
		if (k >= 0 && wp_entry_item(row, &it) && schedule_item_in_week(&it, monday))
			taken[k] |= it.parts;
	}
	json_array_foreach(classes, i, row) {
		struct plan_item it;
		date_t a, b;
		long k = find_pid(map, n, json_integer_value(json_object_get(row, "participant_id")));
		if (k < 0 || !row_date(row, "start_date", &a) || !row_date(row, "group_end", &b))
			continue;
		memset(&it, 0, sizeof it);
		it.from = a;
		if (row_date(row, "group_start", &a) && a > it.from)
			it.from = a;
		it.until = b;
		if (row_date(row, "end_date", &b) && b < it.until)
			it.until = b;
		it.has_until = true;
		it.from_timetable = true;
		it.kind = PLAN_LANGUAGE_CLASS;
		it.start_min = it.end_min = -1;
		it.parts = wp_session_parts(json_string_value(json_object_get(row, "weekday")),
					    json_string_value(json_object_get(row, "start_time")),
					    json_string_value(json_object_get(row, "end_time")), t);
		if (it.parts && schedule_item_in_week(&it, monday))
			taken[k] |= it.parts;
	}
}

int app_week_plan_free(struct app_ctx *ctx, const struct free_query *fq, json_t **out, struct err *e)
{
	const struct role_def *r = access_role(ctx->actor.role);
	struct schedule_pattern pat = { 0 };
	struct day_part_times t;
	date_t monday = 0;
	char from[DATE_STR_LEN], to[DATE_STR_LEN];
	json_t *people = NULL, *entries = NULL, *classes = NULL;
	struct pid_index *map = NULL;
	daypart_set *taken = NULL;
	size_t *hits = NULL;
	int64_t *pids = NULL;
	int rc = -1;

	if (r->read[CAT_PATH] == LVL_NONE)
		return err_set(e, ERR_FORBIDDEN, "a %s may not see week plans", r->label);
	struct err tmp;
	err_init(&tmp);
	if (daypart_list_parse(fq->day_parts, &pat.parts, &tmp) != 0)
		err_field(e, "day_parts", "%s", tmp.msg);
	err_release(&tmp);
	if (fq->full_days < 0 || fq->full_days > 7)
		err_field(e, "full_days", "must be between 0 and 7");
	pat.full_days = fq->full_days;
	week_in(ctx, fq->week, &monday, e);
	if (e->nfields)
		return -1;
	struct participant_query q = { .scope = r->read[CAT_PATH], .consent_category = CAT_PATH, .own_by = r->own_by,
				       .user_id = ctx->actor.user_id, .user_org_id = ctx->actor.org_id,
				       .today = ctx->today_s };
	date_format(monday, from);
	date_format(monday + 6, to);
	if (store_day_part_times_get(ctx->st, &t, e) != 0 ||
	    store_plan_week_all(ctx->st, &q, from, to, &people, &entries, &classes, e) != 0)
		goto out;
	size_t n = json_array_size(people), i;
	json_t *row;
	map = xcalloc(n + 1, sizeof *map);
	taken = xcalloc(n + 1, sizeof *taken);
	json_array_foreach(people, i, row)
		map[i] = (struct pid_index){ .pid = json_integer_value(json_object_get(row, "id")), .index = i };
	qsort(map, n, sizeof *map, cmp_pid);
	mark_taken(entries, classes, map, n, &t, monday, taken);
	for (i = 0; i < n; i++)
		taken[i] = DAYPART_ALL & ~taken[i];
	hits = xcalloc(n + 1, sizeof *hits);
	size_t nhits = schedule_free_people(taken, n, &pat, hits, n);
	size_t shown = nhits < FREE_MAX_ITEMS ? nhits : FREE_MAX_ITEMS;
	pids = xcalloc(shown + 1, sizeof *pids);
	json_t *items = json_array();
	bool all_names = r->read[CAT_IDENTITY] == LVL_ALL;
	for (i = 0; i < shown; i++) {
		json_t *p = json_array_get(people, hits[i]);
		int64_t pid = json_integer_value(json_object_get(p, "id"));
		struct relation rel;
		pids[i] = pid;
		if (!all_names && participant_relation(ctx, pid, &rel, e) != 0) {
			json_decref(items);
			goto out;
		}
		if (all_names || access_may_read(ctx->actor.role, CAT_IDENTITY, &rel))
			json_array_append_new(items, json_pack("{s:I,s:O,s:O}", "participant_id", (json_int_t)pid,
							       "family_name", json_object_get(p, "family_name"),
							       "given_names", json_object_get(p, "given_names")));
		else
			json_array_append_new(items, json_pack("{s:I,s:b}", "participant_id", (json_int_t)pid, "hidden", 1));
	}
	if (audit_log_many(ctx, pids, shown, "find free in week plan", ACTIVITY_WEEK_PLAN, "ok", e) != 0) {
		json_decref(items);
		goto out;
	}
	*out = json_pack("{s:o,s:I,s:s}", "items", items, "total", (json_int_t)nhits, "week", from);
	rc = 0;
out:
	free(map);
	free(taken);
	free(hits);
	free(pids);
	json_decref(people);
	json_decref(entries);
	json_decref(classes);
	return rc;
}

int app_fitting_placements(struct app_ctx *ctx, int64_t pid, const char *week, json_t **out, struct err *e)
{
	struct wp w;
	date_t monday = 0;
	int64_t only;
	json_t *rows = NULL;
	struct placement_requirements *reqs = NULL;
	size_t *hits = NULL;
	int rc = -1;

	memset(&w, 0, sizeof w);
	if (week_in(ctx, week, &monday, e) != 0 || path_open(ctx, pid, CAT_PATH, false, NULL, NULL, e) != 0 ||
	    employer_scope(ctx, &only, e) != 0)
		return -1;
	struct placement_query q = { .organisation_id = only, .active_only = true };
	if (wp_load(ctx, pid, &w, e) != 0 || store_placement_list(ctx->st, &q, &rows, e) != 0)
		goto out;
	daypart_set free_parts = schedule_free_parts(w.items, w.nitems, monday);
	size_t n = json_array_size(rows), i;
	json_t *row;
	reqs = xcalloc(n + 1, sizeof *reqs);
	json_array_foreach(rows, i, row)
		placing_requirements(placement_decorate(row), &reqs[i]);
	hits = xcalloc(n + 1, sizeof *hits);
	size_t nhits = schedule_fitting_placements(reqs, n, free_parts, hits, n);
	json_t *items = json_array();
	for (i = 0; i < nhits && i < n; i++)
		json_array_append(items, json_array_get(rows, hits[i]));
	if (audit_log(ctx, pid, "fitting placements for week plan", ACTIVITY_WEEK_PLAN, "ok", e) != 0) {
		json_decref(items);
		goto out;
	}
	char day[DATE_STR_LEN];
	date_format(monday, day);
	*out = json_pack("{s:s,s:o,s:o}", "week", day, "free_day_parts", wp_parts_json(free_parts), "items", items);
	rc = 0;
out:
	wp_release(&w);
	json_decref(rows);
	free(reqs);
	free(hits);
	return rc;
}
