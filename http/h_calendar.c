/*
 * h_calendar.c - routes of the calendars: a participant's week plan and a
 * job coach's appointments as iCalendar downloads, subscription tokens,
 * and the calendar behind a token (no session: the token is the key).
 * Each only translates to app/ (app/weekplan.h).
 */
#include "http/h_weekplan.h"
#include "app/weekplan.h"

#include <stdio.h>
#include <string.h>

#define ICS_LIMIT ((size_t)8 << 20)

/* Hand a written calendar to the answer as a download named name. */
static int ics_answer(struct hctx *h, struct buf *b, const char *name)
{
	size_t len;
	char *text = buf_detach(b, &len);
	if (text == NULL)
		return err_set(h->e, ERR_INTERNAL, "the calendar is larger than %zu bytes", ICS_LIMIT);
	h->raw_out = text;
	h->raw_out_len = len;
	h->raw_type = "text/calendar; charset=utf-8";
	str_copy(h->filename, sizeof h->filename, name);
	return 0;
}

int h_week_plan_ics(struct hctx *h)
{
	struct buf b;
	char name[64];
	buf_init(&b, ICS_LIMIT);
	int rc = app_week_plan_ics(h->ctx, h->id[0], &b, h->e);
	snprintf(name, sizeof name, "weekplanning-%lld.ics", (long long)h->id[0]);
	if (rc == 0)
		rc = ics_answer(h, &b, name);
	buf_release(&b);
	return rc;
}

int h_coach_ics(struct hctx *h)
{
	struct buf b;
	char name[64];
	buf_init(&b, ICS_LIMIT);
	int rc = app_coach_ics(h->ctx, h->id[0], &b, h->e);
	snprintf(name, sizeof name, "afspraken-%lld.ics", (long long)h->id[0]);
	if (rc == 0)
		rc = ics_answer(h, &b, name);
	buf_release(&b);
	return rc;
}

int h_calendar_token_create(struct hctx *h)
{
	h->status = 201;
	return app_calendar_token_create(h->ctx, h->body, &h->out, h->e);
}

int h_calendar_token_list(struct hctx *h)
{
	return app_calendar_token_list(h->ctx, &h->out, h->e);
}

int h_calendar_token_revoke(struct hctx *h)
{
	return app_calendar_token_revoke(h->ctx, h->id[0], &h->out, h->e);
}

int h_calendar_by_token(struct hctx *h)
{
	/* the route is /calendar/:token.ics, so the path holds exactly that */
	static const char prefix[] = "/calendar/";
	char token[160];
	const char *p = h->path ? h->path : "";
	size_t n = strlen(p);
	if (strncmp(p, prefix, sizeof prefix - 1) != 0 || n < sizeof prefix - 1 + 4 ||
	    n - (sizeof prefix - 1) - 4 >= sizeof token)
		return err_set(h->e, ERR_NOT_FOUND, "no such calendar");
	str_copy(token, n - (sizeof prefix - 1) - 4 + 1, p + sizeof prefix - 1);
	struct buf b;
	buf_init(&b, ICS_LIMIT);
	int rc = app_calendar_by_token(h->ctx, token, &b, h->e);
	if (rc == 0)
		rc = ics_answer(h, &b, "weekplanning.ics");
	buf_release(&b);
	return rc;
}
