/*
 * training.c - short trainings at work (a forklift licence, food hygiene,
 * safety): provider, dates, cost and its co-financing between an employer
 * and the social work company, who took part, the result and the
 * certificate with its expiry. A valid certificate counts as a licence
 * when someone is placed (placing.c).
 */
#include "app/employer_internal.h"
#include "app/audit.h"
#include "app/input.h"
#include "app/participant_internal.h"
#include "app/path_internal.h"
#include "base/buf.h"
#include "base/xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const results[] = { "enrolled", "passed", "failed", "withdrawn", NULL };

int app_training_list(struct app_ctx *ctx, json_t **out, struct err *e)
{
	int64_t only;
	json_t *items;
	if (employer_scope(ctx, &only, e) != 0 || store_training_list(ctx->st, only, &items, e) != 0)
		return -1;
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

int app_training_create(struct app_ctx *ctx, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "title", "certificate", "provider", "start_date", "end_date",
					       "cost_cents", "employer_share_cents", "employer_id", "capacity",
					       "validity_months", NULL };
	date_t start, end;
	long cost = 0, share = 0, n;
	int64_t emp = 0, id;
	const char *code;

	if (employer_need(ctx, ACT_MANAGE_EMPLOYERS, "plan trainings", e) != 0)
		return -1;
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	input_unknown_members(in, allowed, e);
	input_text(in, "title", 2, 120, true, e);
	input_text(in, "provider", 2, 120, true, e);
	input_listed(in, "certificate", false, "licences", &code, e);
	int hs = input_date(in, "start_date", true, &start, e), he = input_date(in, "end_date", true, &end, e);
	if (hs == 1 && he == 1 && end < start)
		err_field(e, "end_date", "lies before the start date");
	input_int(in, "cost_cents", true, 0, 100000000, &cost, e);
	if (input_int(in, "employer_share_cents", false, 0, 100000000, &share, e) == 1 && share > cost)
		err_field(e, "employer_share_cents", "%ld is more than the cost %ld", share, cost);
	input_int(in, "capacity", false, 1, 500, &n, e);
	input_int(in, "validity_months", false, 1, 120, &n, e);
	if (input_id(in, "employer_id", false, &emp, e) == 1) {
		struct org_row o;
		struct err tmp;
		err_init(&tmp);
		if (store_org_get(ctx->st, emp, &o, &tmp) != 0 || strcmp(o.type, "employer") != 0)
			err_field(e, "employer_id", "%lld is not an employer", (long long)emp);
		err_release(&tmp);
	}
	if (share > 0 && emp == 0 && !e->nfields)
		err_field(e, "employer_id", "is required when an employer shares the cost");
	if (e->nfields)
		return -1;
	if (store_begin(ctx->st, e) != 0)
		return -1;
	int rc = store_training_insert(ctx->st, in, ctx->now_s, &id, e);
	if (rc == 0 && emp) {
		/* the co-financing employer's history */
		struct buf text;
		buf_init(&text, 0);
		buf_printf(&text, "opleiding \"%s\" van %s: werkgever betaalt € %ld,%02ld van € %ld,%02ld",
			   json_string_value(json_object_get(in, "title")), json_string_value(json_object_get(in, "start_date")),
			   share / 100, share % 100, cost / 100, cost % 100);
		rc = store_employer_event_insert(ctx->st, emp, ctx->today_s, "training", text.data, ctx->actor.user_id,
						 ctx->actor.user_id ? ctx->actor.display_name : "systeem", ctx->now_s, e);
		buf_release(&text);
	}
	if (rc != 0 || store_commit(ctx->st, e) != 0) {
		store_rollback(ctx->st);
		return -1;
	}
	return app_training_get(ctx, id, out, e);
}

int app_training_get(struct app_ctx *ctx, int64_t id, json_t **out, struct err *e)
{
	int64_t only;
	json_t *t, *people;
	size_t others;

	if (employer_scope(ctx, &only, e) != 0 || store_training_get(ctx->st, id, &t, e) != 0)
		return -1;
	if (only && json_integer_value(json_object_get(t, "employer_id")) != only) {
		json_decref(t);
		return err_set(e, ERR_FORBIDDEN, "an employer sees only the trainings they take part in");
	}
	if (store_enrolment_list(ctx->st, id, &people, e) != 0) {
		json_decref(t);
		return -1;
	}
	if (people_name_rows(ctx, people, "list", ACTIVITY_TRAINING, &others, e) != 0) {
		json_decref(t);
		json_decref(people);
		return -1;
	}
	json_object_set_new(t, "participants", people);
	json_object_set_new(t, "participants_others", json_integer((json_int_t)others));
	*out = t;
	return 0;
}

int app_training_enrol(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "participant_id", "result", "certificate_expires", NULL };
	json_t *t, *enrolled = NULL;
	const char *result = "enrolled";
	int64_t pid = 0;
	date_t expires, end;
	struct relation rel;
	char until[DATE_STR_LEN] = "";

	if (store_training_get(ctx->st, id, &t, e) != 0)
		return -1;
	if (!json_is_object(in)) {
		json_decref(t);
		return err_field(e, "body", "must be a JSON object");
	}
	input_unknown_members(in, allowed, e);
	input_code(in, "result", false, results, &result, e);
	int has_exp = input_date(in, "certificate_expires", false, &expires, e);
	if (input_id(in, "participant_id", true, &pid, e) != 1 || e->nfields) {
		json_decref(t);
		return -1;
	}
	if (path_open(ctx, pid, CAT_PATH, false, NULL, &rel, e) != 0 ||
	    (!access_may_write(ctx->actor.role, CAT_PATH, &rel) && !access_may(ctx->actor.role, ACT_PLACE, &rel))) {
		json_decref(t);
		if (e->kind)
			return -1;
		return err_set(e, ERR_FORBIDDEN, "a %s may not enrol participant %lld", access_role(ctx->actor.role)->label,
			       (long long)pid);
	}
	bool has_end = row_date(t, "end_date", &end);
	if (strcmp(result, "passed") == 0 || strcmp(result, "failed") == 0) {
		if (has_end && end > ctx->today)
			err_field(e, "result", "the training ends on %s; record its result after that",
				  json_string_value(json_object_get(t, "end_date")));
	}
	if (has_exp == 1) {
		if (strcmp(result, "passed") != 0)
			err_field(e, "certificate_expires", "only a passed training gives a certificate");
		else if (has_end && expires <= end)
			err_field(e, "certificate_expires", "lies before the end of the training");
		else
			date_format(expires, until);
	} else if (strcmp(result, "passed") == 0 && json_is_integer(json_object_get(t, "validity_months")) && has_end) {
		date_format(date_add_months(end, (int)json_integer_value(json_object_get(t, "validity_months"))), until);
	}
	/* a new enrolment must fit the capacity */
	json_t *cap = json_object_get(t, "capacity");
	if (!e->nfields && store_enrolment_get(ctx->st, id, pid, &enrolled, e) == 0 && enrolled == NULL &&
	    json_is_integer(cap) && json_integer_value(json_object_get(t, "enrolled")) >= json_integer_value(cap))
		err_set(e, ERR_CONFLICT, "training \"%s\" is full: %lld of %lld places taken",
			json_string_value(json_object_get(t, "title")),
			(long long)json_integer_value(json_object_get(t, "enrolled")), (long long)json_integer_value(cap));
	json_decref(enrolled);
	json_decref(t);
	if (e->nfields || e->kind)
		return -1;
	int rc = store_begin(ctx->st, e);
	if (rc == 0 && (store_enrolment_put(ctx->st, id, pid, result, until[0] ? until : NULL, ctx->now_s, e) != 0 ||
			audit_log(ctx, pid, strcmp(result, "enrolled") == 0 ? "enrol" : "training result",
				  ACTIVITY_TRAINING, "ok", e) != 0 ||
			store_commit(ctx->st, e) != 0)) {
		store_rollback(ctx->st);
		rc = -1;
	}
	return rc == 0 ? app_training_get(ctx, id, out, e) : -1;
}
