/*
 * h_employer.c - routes of the employer side and the work floor:
 * employers, placements and attendance, trainings, company visits and
 * work-floor assessments. Each only translates to app/.
 */
#include "http/request.h"
#include "app/employers.h"

#include <string.h>

int h_employer_list(struct hctx *h)
{
	struct employer_filter f = { .sector = query_text(h, "sector"), .q = query_text(h, "q"), .network_member = -1 };
	const char *net = query_text(h, "network_member");
	if (net && strcmp(net, "true") != 0 && strcmp(net, "false") != 0)
		return err_field(h->e, "network_member", "must be true or false");
	if (net)
		f.network_member = strcmp(net, "true") == 0;
	if (query_id(h, "account_manager", &f.account_manager_id) != 0)
		return -1;
	return app_employer_list(h->ctx, &f, &h->out, h->e);
}

int h_employer_create(struct hctx *h)
{
	h->status = 201;
	return app_employer_create(h->ctx, h->body, &h->out, h->e);
}

int h_employer_get(struct hctx *h)
{
	return app_employer_get(h->ctx, h->id[0], &h->out, h->e);
}

int h_employer_update(struct hctx *h)
{
	return app_employer_update(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_employer_contact_add(struct hctx *h)
{
	h->status = 201;
	return app_employer_contact_add(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_employer_note_add(struct hctx *h)
{
	h->status = 201;
	return app_employer_note_add(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_placement_list(struct hctx *h)
{
	struct placement_filter f = { .kind = query_text(h, "kind"), .sector = query_text(h, "sector") };
	const char *all = query_text(h, "include_inactive");
	f.include_inactive = all && strcmp(all, "true") == 0;
	if (query_id(h, "organisation", &f.organisation_id) != 0)
		return -1;
	return app_placement_list(h->ctx, &f, &h->out, h->e);
}

int h_placement_create(struct hctx *h)
{
	h->status = 201;
	return app_placement_create(h->ctx, h->body, &h->out, h->e);
}

int h_placement_get(struct hctx *h)
{
	return app_placement_get(h->ctx, h->id[0], &h->out, h->e);
}

int h_placement_update(struct hctx *h)
{
	return app_placement_update(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_placement_check(struct hctx *h)
{
	return app_placement_check(h->ctx, h->id[0], h->id[1], &h->out, h->e);
}

int h_attendance_list(struct hctx *h)
{
	return app_attendance_list(h->ctx, h->id[0], query_text(h, "from"), query_text(h, "to"), &h->out, h->e);
}

int h_attendance_record(struct hctx *h)
{
	return app_attendance_record(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_training_list(struct hctx *h)
{
	return app_training_list(h->ctx, &h->out, h->e);
}

int h_training_create(struct hctx *h)
{
	h->status = 201;
	return app_training_create(h->ctx, h->body, &h->out, h->e);
}

int h_training_get(struct hctx *h)
{
	return app_training_get(h->ctx, h->id[0], &h->out, h->e);
}

int h_training_enrol(struct hctx *h)
{
	return app_training_enrol(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_visit_list(struct hctx *h)
{
	return app_visit_list(h->ctx, query_text(h, "from"), query_text(h, "to"), &h->out, h->e);
}

int h_visit_create(struct hctx *h)
{
	h->status = 201;
	return app_visit_create(h->ctx, h->body, &h->out, h->e);
}

int h_visit_get(struct hctx *h)
{
	return app_visit_get(h->ctx, h->id[0], &h->out, h->e);
}

int h_visit_invite(struct hctx *h)
{
	return app_visit_invite(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_visit_attendance(struct hctx *h)
{
	return app_visit_attendance(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_visit_follow_up(struct hctx *h)
{
	return app_visit_follow_up(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_assessment_list(struct hctx *h)
{
	return app_assessment_list(h->ctx, h->id[0], &h->out, h->e);
}

int h_assessment_add(struct hctx *h)
{
	h->status = 201;
	return app_assessment_add(h->ctx, h->id[0], h->body, &h->out, h->e);
}

int h_assessment_decide(struct hctx *h)
{
	return app_assessment_decide(h->ctx, h->id[0], h->id[1], h->body, &h->out, h->e);
}
