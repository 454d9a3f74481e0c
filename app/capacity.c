/*
 * capacity.c - the capacity overview (docs/week-plan.md "Capacity
 * overview"): for every active placement, per week and day-part, how many
 * participants have a work entry there in their week plan, and where that
 * is more than the placement's capacity. A production hall (a placement of
 * the social work company) counts its capacity per day-part; the grid is
 * the same for every placement. Counts only: no names, no log entries.
 */
#include "app/timetable.h"
#include "app/employer_internal.h"
#include "app/input.h"
#include "base/xmalloc.h"
#include "domain/schedule.h"
#include "store/store_timetable.h"

#include <stdlib.h>
#include <string.h>

#define CAPACITY_WEEKS_MAX 12
#define CAPACITY_WEEKS_DEFAULT 4

/* One work entry as the counting needs it. */
struct work_entry {
	int64_t placement_id, pid;
	struct plan_item item;
};

static void entries_load(const json_t *rows, struct work_entry **out, size_t *n)
{
	size_t i;
	json_t *r;
	struct err tmp;

	*out = xcalloc(json_array_size(rows) + 1, sizeof **out);
	*n = 0;
	err_init(&tmp);
	json_array_foreach(rows, i, r) {
		struct work_entry *w = &(*out)[*n];
		const char *until = json_string_value(json_object_get(r, "valid_until"));
		memset(w, 0, sizeof *w);
		w->placement_id = json_integer_value(json_object_get(r, "placement_id"));
		w->pid = json_integer_value(json_object_get(r, "participant_id"));
		w->item.kind = PLAN_WORK;
		w->item.start_min = w->item.end_min = -1;
		w->item.placement_id = w->placement_id;
		if (daypart_list_parse(json_string_value(json_object_get(r, "day_parts")), &w->item.parts, &tmp) != 0 ||
		    date_parse(json_string_value(json_object_get(r, "valid_from")), &w->item.from) != 0) {
			err_clear(&tmp);
			continue;
		}
		w->item.has_until = until && date_parse(until, &w->item.until) == 0;
		(*n)++;
	}
	err_release(&tmp);
}

/* planned[b]: distinct participants working at placement pl in day-part b
 * of the week of `monday` (the entry valid on that day of the week). */
static void count_week(const struct work_entry *w, size_t n, int64_t pl, date_t monday, int planned[DAYPART_BITS])
{
	int64_t *seen = xcalloc(n + 1, sizeof *seen);
	for (int b = 0; b < DAYPART_BITS; b++) {
		size_t nseen = 0;
		planned[b] = 0;
		for (size_t i = 0; i < n; i++) {
			if (w[i].placement_id != pl || !(w[i].item.parts & (1u << b)))
				continue;
			/* valid on this day-part's day: the item restricted to that one day-part */
			struct plan_item one = w[i].item;
			one.parts = (daypart_set)1u << b;
			if (!schedule_item_in_week(&one, monday))
				continue;
			bool dup = false;
			for (size_t k = 0; k < nseen; k++)
				dup |= seen[k] == w[i].pid;
			if (!dup)
				seen[nseen++] = w[i].pid;
		}
		planned[b] = (int)nseen;
	}
	free(seen);
}

int app_capacity(struct app_ctx *ctx, const char *from, int weeks, int64_t organisation_id, json_t **out,
		 struct err *e)
{
	int64_t only;
	date_t d = ctx->today;
	json_t *placements = NULL, *rows = NULL;
	struct work_entry *w = NULL;
	size_t nw = 0, i;
	json_t *pl;
	char day[DATE_STR_LEN], last[DATE_STR_LEN];

	if (employer_scope(ctx, &only, e) != 0)
		return -1;
	if (only && organisation_id && organisation_id != only)
		return err_set(e, ERR_FORBIDDEN, "an employer sees only their own placements");
	if (only)
		organisation_id = only;
	if (from && date_parse(from, &d) != 0)
		err_field(e, "from", "\"%.40s\" is not a date (YYYY-MM-DD)", from);
	if (weeks < 1 || weeks > CAPACITY_WEEKS_MAX)
		err_field(e, "weeks", "%d is out of range 1..%d", weeks, CAPACITY_WEEKS_MAX);
	if (e->nfields)
		return -1;
	date_t monday = schedule_week_start(d);
	date_format(monday, day);
	date_format(monday + 7 * weeks - 1, last);
	struct placement_query q = { .organisation_id = organisation_id, .active_only = true };
	if (store_placement_list(ctx->st, &q, &placements, e) != 0 ||
	    store_capacity_entries(ctx->st, organisation_id, day, last, &rows, e) != 0) {
		json_decref(placements);
		return -1;
	}
	entries_load(rows, &w, &nw);
	json_decref(rows);

	json_t *week_list = json_array(), *items = json_array();
	for (int k = 0; k < weeks; k++) {
		char wk[DATE_STR_LEN];
		date_format(monday + 7 * k, wk);
		json_array_append_new(week_list, json_string(wk));
	}
	json_array_foreach(placements, i, pl) {
		int64_t id = json_integer_value(json_object_get(pl, "id"));
		json_int_t cap = json_integer_value(json_object_get(pl, "capacity"));
		const char *type = json_string_value(json_object_get(pl, "organisation_type"));
		daypart_set parts = 0;
		struct err tmp;
		err_init(&tmp);
		daypart_list_parse(json_string_value(json_object_get(pl, "day_parts")), &parts, &tmp);
		err_release(&tmp);
		json_t *codes = json_array(), *grid = json_array();
		char code[DAYPART_CODE_LEN];
		for (int b = 0; b < DAYPART_BITS; b++) {
			if (parts & (1u << b)) {
				daypart_code(b, code);
				json_array_append_new(codes, json_string(code));
			}
		}
		for (int k = 0; k < weeks; k++) {
			int planned[DAYPART_BITS];
			json_t *counts = json_array(), *over = json_array();
			count_week(w, nw, id, monday + 7 * k, planned);
			for (int b = 0; b < DAYPART_BITS; b++) {
				json_array_append_new(counts, json_integer(planned[b]));
				if (planned[b] > cap) {
					daypart_code(b, code);
					json_array_append_new(over, json_string(code));
				}
			}
			json_array_append_new(grid, json_pack("{s:O,s:o,s:o}", "week", json_array_get(week_list, (size_t)k),
							      "planned", counts, "over", over));
		}
		json_array_append_new(
			items, json_pack("{s:I,s:O,s:O,s:O,s:b,s:I,s:o,s:o}", "placement_id", (json_int_t)id, "title",
					 json_object_get(pl, "title"), "organisation_id", json_object_get(pl, "organisation_id"),
					 "organisation_name", json_object_get(pl, "organisation_name"), "is_hall",
					 type && strcmp(type, "social_work_company") == 0, "capacity", cap, "day_parts", codes,
					 "grid", grid));
	}
	free(w);
	json_decref(placements);
	*out = json_pack("{s:s,s:o,s:o}", "from", day, "weeks", week_list, "items", items);
	return 0;
}
