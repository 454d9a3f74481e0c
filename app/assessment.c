/*
 * assessment.c - work-floor assessments: the fixed rubric of
 * domain/assessment.c filled in by the department assistant, the
 * production supervisor or the employer, repeated over time, with a trend
 * per item and a readiness advice for the next step that the job coach
 * confirms or overrides with a reason.
 */
#include "app/employer_internal.h"
#include "app/audit.h"
#include "app/input.h"
#include "app/path_internal.h"
#include "domain/assessment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Scores and comments are stored as JSON text: parse them back. */
static void parse_member(json_t *row, const char *key)
{
	const char *text = json_string_value(json_object_get(row, key));
	json_t *v = text ? json_loads(text, 0, NULL) : NULL;
	json_object_set_new(row, key, json_is_object(v) ? v : json_object());
	if (v && !json_is_object(v))
		json_decref(v);
}

static void decorate(json_t *row)
{
	parse_member(row, "scores");
	parse_member(row, "comments");
	int a = readiness_find(json_string_value(json_object_get(row, "advice")));
	int d = readiness_find(json_string_value(json_object_get(row, "decided_advice")));
	json_object_set_new(row, "advice_label", a >= 0 ? json_string(readiness_label((enum readiness)a)) : json_null());
	json_object_set_new(row, "decided_advice_label",
			    d >= 0 ? json_string(readiness_label((enum readiness)d)) : json_null());
}

int app_assessment_list(struct app_ctx *ctx, int64_t pid, json_t **out, struct err *e)
{
	json_t *items;
	size_t i, n;
	json_t *row;

	if (path_open(ctx, pid, CAT_ASSESSMENTS, false, NULL, NULL, e) != 0 ||
	    store_assessment_list(ctx->st, pid, &items, e) != 0)
		return -1;
	if (audit_log(ctx, pid, "read assessments", ACTIVITY_ASSESSMENT, "ok", e) != 0) {
		json_decref(items);
		return -1;
	}
	json_array_foreach(items, i, row)
		decorate(row);
	n = json_array_size(items);
	int *scores = calloc(n + 1, sizeof *scores);
	json_t *trends = json_object();
	for (int k = 0; k < ASSESSMENT_ITEM_COUNT; k++) {
		const char *code = assessment_item(k)->code;
		size_t m = 0;
		json_array_foreach(items, i, row) {
			json_t *v = json_object_get(json_object_get(row, "scores"), code);
			if (json_is_integer(v))
				scores[m++] = (int)json_integer_value(v);
		}
		json_object_set_new(trends, code, json_string(assessment_trend_code(assessment_trend(scores, m))));
	}
	free(scores);
	json_t *latest = n ? json_incref(json_array_get(items, n - 1)) : json_null();
	*out = json_pack("{s:o,s:o,s:o}", "items", items, "trends", trends, "latest", latest);
	return 0;
}

/* The scores and comments of `in`, checked against the rubric; field
 * errors name "scores.<item>" or "comments.<item>". */
static void check_rubric(const json_t *in, struct assessment *a, struct err *e)
{
	json_t *scores = json_object_get(in, "scores"), *comments = json_object_get(in, "comments");
	const char *key;
	json_t *v;
	char field[64];

	memset(a, 0, sizeof *a);
	if (!json_is_object(scores)) {
		err_field(e, "scores", "must be an object with a score per item of the rubric");
		return;
	}
	json_object_foreach(scores, key, v) {
		int k = assessment_item_find(key);
		struct err tmp;
		snprintf(field, sizeof field, "scores.%.40s", key);
		err_init(&tmp);
		if (k < 0)
			err_field(e, field, "is not an item of the rubric");
		else if (!json_is_integer(v))
			err_field(e, field, "the score must be a whole number");
		else if (assessment_score_check(k, (long)json_integer_value(v), &tmp) != 0)
			err_field(e, field, "%s", tmp.nfields ? tmp.fields[0].reason : tmp.msg);
		else {
			a->score[k] = (int)json_integer_value(v);
			a->has_score[k] = true;
		}
		err_release(&tmp);
	}
	for (int k = 0; k < ASSESSMENT_ITEM_COUNT; k++) {
		snprintf(field, sizeof field, "scores.%s", assessment_item(k)->code);
		if (!json_object_get(scores, assessment_item(k)->code))
			err_field(e, field, "needs a score");
	}
	if (comments && !json_is_null(comments)) {
		if (!json_is_object(comments))
			err_field(e, "comments", "must be an object with a comment per item");
		json_object_foreach(comments, key, v) {
			snprintf(field, sizeof field, "comments.%.40s", key);
			if (assessment_item_find(key) < 0)
				err_field(e, field, "is not an item of the rubric");
			else if (!json_is_string(v) || json_string_length(v) > ASSESSMENT_COMMENT_MAX)
				err_field(e, field, "must be text of at most %d bytes", ASSESSMENT_COMMENT_MAX);
		}
	}
}

int app_assessment_add(struct app_ctx *ctx, int64_t pid, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "assessed_on", "placement_id", "scores", "comments", NULL };
	struct assessment a;
	date_t on;
	int64_t placement_id = 0, id;
	char reason[READINESS_REASON_LEN], day[DATE_STR_LEN];

	if (path_open(ctx, pid, CAT_ASSESSMENTS, true, NULL, NULL, e) != 0)
		return -1;
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	input_unknown_members(in, allowed, e);
	if (input_date(in, "assessed_on", true, &on, e) == 1 && on > ctx->today)
		err_field(e, "assessed_on", "lies in the future");
	input_id(in, "placement_id", ctx->actor.role == ROLE_EMPLOYER, &placement_id, e);
	check_rubric(in, &a, e);
	if (e->nfields)
		return -1;
	if (placement_id) {
		json_t *pl;
		struct err tmp;
		err_init(&tmp);
		int bad = store_placement_get(ctx->st, placement_id, &pl, &tmp);
		err_release(&tmp);
		if (bad)
			return err_field(e, "placement_id", "placement %lld does not exist", (long long)placement_id);
		int64_t org = json_integer_value(json_object_get(pl, "organisation_id"));
		json_decref(pl);
		/* an employer assesses people on their own placements only */
		if (ctx->actor.role == ROLE_EMPLOYER && org != ctx->actor.org_id)
			return err_set(e, ERR_FORBIDDEN, "an employer assesses only on their own placements");
	}
	enum readiness advice = assessment_advice(&a, reason);
	date_format(on, day);
	json_t *row = json_pack("{s:s,s:O,s:s,s:s,s:s}", "assessed_on", day, "scores", json_object_get(in, "scores"),
				"advice", readiness_code(advice), "advice_reason", reason, "assessor_name",
				ctx->actor.user_id ? ctx->actor.display_name : "systeem");
	json_t *comments = json_object_get(in, "comments");
	if (json_is_object(comments))
		json_object_set(row, "comments", comments);
	else
		json_object_set_new(row, "comments", json_object());
	if (placement_id)
		json_object_set_new(row, "placement_id", json_integer(placement_id));
	if (ctx->actor.user_id)
		json_object_set_new(row, "assessor_user_id", json_integer(ctx->actor.user_id));
	int rc = store_begin(ctx->st, e);
	if (rc == 0 && (store_assessment_insert(ctx->st, pid, row, ctx->now_s, &id, e) != 0 ||
			audit_log(ctx, pid, "assess", ACTIVITY_ASSESSMENT, "ok", e) != 0 || store_commit(ctx->st, e) != 0)) {
		store_rollback(ctx->st);
		rc = -1;
	}
	json_decref(row);
	if (rc != 0)
		return -1;
	return app_assessment_list(ctx, pid, out, e);
}

int app_assessment_decide(struct app_ctx *ctx, int64_t pid, int64_t id, const json_t *in, json_t **out,
			  struct err *e)
{
	static const char *const allowed[] = { "decision", "advice", "reason", NULL };
	static const char *const decisions[] = { "confirmed", "overridden", NULL };
	struct relation rel;
	const char *decision = NULL, *advice = NULL;
	json_t *items, *row, *found = NULL;
	size_t i;

	if (path_open(ctx, pid, CAT_ASSESSMENTS, false, NULL, &rel, e) != 0)
		return -1;
	if (!access_may(ctx->actor.role, ACT_DECIDE_ADVICE, &rel))
		return err_set(e, ERR_FORBIDDEN, "a %s may not decide on the advice for participant %lld",
			       access_role(ctx->actor.role)->label, (long long)pid);
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	input_unknown_members(in, allowed, e);
	input_code(in, "decision", true, decisions, &decision, e);
	input_text(in, "reason", 3, 500, false, e);
	const char *reason = json_string_value(json_object_get(in, "reason"));
	advice = json_string_value(json_object_get(in, "advice"));
	if (json_object_get(in, "advice") && !json_is_null(json_object_get(in, "advice")) && readiness_find(advice) < 0)
		err_field(e, "advice", "\"%.40s\" is not an advice (stay, external_place, paid_work)",
			  advice ? advice : "(not a string)");
	if (e->nfields)
		return -1;
	if (store_assessment_list(ctx->st, pid, &items, e) != 0)
		return -1;
	json_array_foreach(items, i, row)
		if (json_integer_value(json_object_get(row, "id")) == id)
			found = row;
	if (found == NULL) {
		json_decref(items);
		return err_set(e, ERR_NOT_FOUND, "assessment %lld of participant %lld not found", (long long)id,
			       (long long)pid);
	}
	const char *given = json_string_value(json_object_get(found, "advice"));
	if (strcmp(decision, "confirmed") == 0) {
		if (advice && strcmp(advice, given) != 0)
			err_field(e, "advice", "confirming keeps the advice \"%s\"; override to choose another", given);
		advice = given;
	} else {
		if (!advice)
			err_field(e, "advice", "is required when overriding");
		else if (strcmp(advice, given) == 0)
			err_field(e, "advice", "is the advice itself; confirm it instead");
		if (!reason)
			err_field(e, "reason", "is required when overriding");
	}
	if (e->nfields) {
		json_decref(items);
		return -1;
	}
	int rc = store_begin(ctx->st, e);
	if (rc == 0 && (store_assessment_decide(ctx->st, pid, id, decision, advice, reason, ctx->actor.user_id,
						ctx->now_s, e) != 0 ||
			audit_log(ctx, pid, strcmp(decision, "confirmed") == 0 ? "confirm advice" : "override advice",
				  ACTIVITY_ASSESSMENT, "ok", e) != 0 ||
			store_commit(ctx->st, e) != 0)) {
		store_rollback(ctx->st);
		rc = -1;
	}
	json_decref(items);
	return rc == 0 ? app_assessment_list(ctx, pid, out, e) : -1;
}
