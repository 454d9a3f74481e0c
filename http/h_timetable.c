/*
 * h_timetable.c - routes of the language-class side of week planning
 * (docs/week-plan.md): day-part clock times, class groups with their
 * sessions and holidays, class attendance, the timetable and attendance
 * CSV imports, and the capacity overview. Each only translates to
 * app/timetable.h.
 */
#include "http/h_timetable.h"
#include "app/timetable.h"

#include <string.h>

int h_day_part_times_get(struct hctx *h)
{
	return app_day_part_times_get(h->ctx, &h->out, h->e);
}

int h_day_part_times_put(struct hctx *h)
{
	return app_day_part_times_put(h->ctx, h->body, &h->out, h->e);
}

/* A true/false query parameter (absent: false); a field error otherwise. */
static int query_flag(struct hctx *h, const char *name, bool *out)
{
	const char *v = query_text(h, name);
	*out = false;
	if (v == NULL || strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
		return 0;
	if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0) {
		*out = true;
		return 0;
	}
	return err_field(h->e, name, "\"%.20s\" is not true or false", v);
}

int h_class_group_list(struct hctx *h)
{
	int64_t org;
	bool all;
	if (query_id(h, "organisation", &org) != 0 || query_flag(h, "include_inactive", &all) != 0)
		return -1;
	return app_class_group_list(h->ctx, org, all, &h->out, h->e);
}

int h_class_group_create(struct hctx *h)
{
	h->status = 201;
	return app_class_group_create(h->ctx, h->body, &h->out, h->e);
}

int h_class_group_get(struct hctx *h)
{
	return app_class_group_get(h->ctx, h->id[0], &h->out, h->e);
}

int h_class_group_update(struct hctx *h)
{
	return app_class_group_update(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_class_group_exception_add(struct hctx *h)
{
	h->status = 201;
	return app_class_group_exception_add(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_class_attendance_get(struct hctx *h)
{
	return app_class_attendance_get(h->ctx, h->id[0], query_text(h, "day"), &h->out, h->e);
}

int h_class_attendance_put(struct hctx *h)
{
	return app_class_attendance_put(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_capacity(struct hctx *h)
{
	int weeks;
	int64_t org;
	if (query_int(h, "weeks", 4, &weeks) != 0 || query_id(h, "organisation", &org) != 0)
		return -1;
	return app_capacity(h->ctx, query_text(h, "from"), weeks, org, &h->out, h->e);
}
