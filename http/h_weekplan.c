/*
 * h_weekplan.c - routes of the week plan: a participant's plan, its
 * entries and exceptions, class enrolments and the matching queries.
 * Each only translates to app/ (app/weekplan.h).
 */
#include "http/h_weekplan.h"
#include "app/weekplan.h"

/* The "week" query parameter as a day (0: absent); a field error when bad. */
static int week_param(struct hctx *h, date_t *out)
{
	const char *v = query_text(h, "week");
	*out = 0;
	if (v && date_parse(v, out) != 0)
		return err_field(h->e, "week", "\"%.20s\" is not a date such as \"2025-03-10\"", v);
	return 0;
}

int h_week_plan_get(struct hctx *h)
{
	date_t week;
	if (week_param(h, &week) != 0)
		return -1;
	return app_week_plan_get(h->ctx, h->id[0], week, &h->out, h->e);
}

int h_week_plan_entry_add(struct hctx *h)
{
	h->status = 201;
	return app_week_plan_entry_add(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_week_plan_entry_update(struct hctx *h)
{
	return app_week_plan_entry_update(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_week_plan_entry_remove(struct hctx *h)
{
	return app_week_plan_entry_remove(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_week_plan_entry_exception(struct hctx *h)
{
	h->status = 201;
	return app_week_plan_entry_exception(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_week_plan_exception_add(struct hctx *h)
{
	h->status = 201;
	return app_week_plan_exception_add(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_week_plan_exception_remove(struct hctx *h)
{
	return app_week_plan_exception_remove(h->ctx, h->id[0], &h->out, h->e);
}

int h_class_enrol(struct hctx *h)
{
	h->status = 201;
	return app_class_enrol(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_class_enrolment_update(struct hctx *h)
{
	return app_class_enrolment_update(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_week_plan_free(struct hctx *h)
{
	struct free_query q = { .day_parts = query_text(h, "day_parts"), .week = query_text(h, "week") };
	if (query_int(h, "full_days", 0, &q.full_days) != 0)
		return -1;
	return app_week_plan_free(h->ctx, &q, &h->out, h->e);
}

int h_fitting_placements(struct hctx *h)
{
	return app_fitting_placements(h->ctx, h->id[0], query_text(h, "week"), &h->out, h->e);
}
