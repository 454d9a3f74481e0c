/*
 * sheltered.c - the sheltered-work pipeline: candidates (school-leavers
 * with the advice "work", self-reporters via the benefits agency,
 * drop-outs with a held place), their indication and stage, and the board
 * of all of them by stage.
 */
#include "app/path.h"
#include "app/audit.h"
#include "app/input.h"
#include "app/participant_internal.h"
#include "app/path_internal.h"
#include "base/xmalloc.h"

#include <stdlib.h>
#include <string.h>

static const char *const sources[] = { "school_leaver", "self_reporter", "dropout", "other", NULL };
static const char *const indications[] = { "none", "requested", "granted", "refused", NULL };
static const struct {
	const char *code, *label;
} stages[] = {
	{ "candidate", "kandidaat" },
	{ "indication", "indicatie aangevraagd" },
	{ "intensive_guidance", "intensieve begeleiding (eerste zes maanden)" },
	{ "career_orientation", "loopbaanoriëntatie (16 weken)" },
	{ "placed", "geplaatst (detachering of groep)" },
	{ "held", "plek gereserveerd na uitval" },
};
#define STAGES_N (sizeof stages / sizeof stages[0])

int app_sheltered_get(struct app_ctx *ctx, int64_t pid, json_t **out, struct err *e)
{
	json_t *r = NULL;
	if (path_open(ctx, pid, CAT_PATH, false, NULL, NULL, e) != 0 || store_sheltered_get(ctx->st, pid, &r, e) != 0)
		return -1;
	if (audit_log(ctx, pid, "read sheltered", ACTIVITY_PATH, "ok", e) != 0) {
		json_decref(r);
		return -1;
	}
	*out = r ? r : json_object();
	return 0;
}

int app_sheltered_put(struct app_ctx *ctx, int64_t pid, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "source", "school", "school_contact", "parents_contact", "last_school_year",
					       "indication_status", "stage", "hold_until", "placement_type", NULL };
	static const char *const placement_types[] = { "secondment", "group", "individual", NULL };
	const char *stage_codes[STAGES_N + 1];
	const char *src, *ind, *stage = NULL, *ptype = NULL;
	date_t hold;

	for (size_t i = 0; i < STAGES_N; i++)
		stage_codes[i] = stages[i].code;
	stage_codes[STAGES_N] = NULL;
	if (path_open(ctx, pid, CAT_PATH, true, NULL, NULL, e) != 0)
		return -1;
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	input_unknown_members(in, allowed, e);
	input_code(in, "source", true, sources, &src, e);
	input_code(in, "indication_status", true, indications, &ind, e);
	input_code(in, "stage", true, stage_codes, &stage, e);
	input_text(in, "school", 1, 200, false, e);
	input_text(in, "school_contact", 1, 200, false, e);
	input_text(in, "parents_contact", 1, 200, false, e);
	input_text(in, "last_school_year", 1, 20, false, e);
	int has_hold = input_date(in, "hold_until", false, &hold, e);
	if (stage && strcmp(stage, "held") == 0 && has_hold == 0)
		err_field(e, "hold_until", "a held place needs the date the hold ends");
	if (input_code(in, "placement_type", false, placement_types, &ptype, e) == 1 && stage &&
	    strcmp(stage, "placed") != 0)
		err_field(e, "placement_type", "belongs to the stage placed");
	if (e->nfields)
		return -1;
	if (store_begin(ctx->st, e) != 0)
		return -1;
	if (store_sheltered_put(ctx->st, pid, in, ctx->now_s, e) != 0 ||
	    audit_log(ctx, pid, "update sheltered", ACTIVITY_PATH, "ok", e) != 0 || store_commit(ctx->st, e) != 0) {
		store_rollback(ctx->st);
		return -1;
	}
	json_t *r = NULL;
	if (store_sheltered_get(ctx->st, pid, &r, e) != 0)
		return -1;
	*out = r;
	return 0;
}

int app_sheltered_board(struct app_ctx *ctx, json_t **out, struct err *e)
{
	json_t *rows;
	size_t i, n = 0;
	json_t *row;

	if (access_role(ctx->actor.role)->read[CAT_PATH] == LVL_NONE)
		return err_set(e, ERR_FORBIDDEN, "a %s has no access to paths", access_role(ctx->actor.role)->label);
	if (store_sheltered_board(ctx->st, &rows, e) != 0)
		return -1;
	json_t *cols = json_array();
	for (size_t s = 0; s < STAGES_N; s++)
		json_array_append_new(cols, json_pack("{s:s,s:s,s:[]}", "code", stages[s].code, "label", stages[s].label,
						      "items"));
	int64_t *pids = xcalloc(json_array_size(rows) + 1, sizeof *pids);
	json_array_foreach(rows, i, row) {
		int64_t pid = json_integer_value(json_object_get(row, "id"));
		struct relation rel;
		if (participant_relation(ctx, pid, &rel, e) != 0)
			goto out_fail;
		if (!access_may_read(ctx->actor.role, CAT_PATH, &rel) || !access_may_read(ctx->actor.role, CAT_IDENTITY, &rel))
			continue;
		const char *stage = json_string_value(json_object_get(row, "stage"));
		size_t col = STAGES_N;
		for (size_t s = 0; stage && s < STAGES_N; s++)
			if (strcmp(stages[s].code, stage) == 0)
				col = s;
		if (col == STAGES_N)
			continue;
		json_object_del(row, "stage"); /* frees `stage` */
		json_array_append(json_object_get(json_array_get(cols, col), "items"), row);
		pids[n++] = pid;
	}
	if (audit_log_many(ctx, pids, n, "list", ACTIVITY_PATH, "ok", e) != 0)
		goto out_fail;
	free(pids);
	json_decref(rows);
	*out = json_pack("{s:o}", "stages", cols);
	return 0;
out_fail:
	free(pids);
	json_decref(rows);
	json_decref(cols);
	return -1;
}

void sheltered_codes(json_t *codes)
{
	static const char *const source_labels[] = { "schoolverlater (advies werk)", "zelfmelder via UWV",
						     "uitgevallen na intake", "anders" };
	static const char *const indication_labels[] = { "geen", "aangevraagd", "toegekend", "afgewezen" };
	json_t *st = json_array(), *src = json_array(), *ind = json_array();
	for (size_t i = 0; i < STAGES_N; i++)
		json_array_append_new(st, json_pack("{s:s,s:s}", "code", stages[i].code, "label", stages[i].label));
	for (size_t i = 0; sources[i]; i++)
		json_array_append_new(src, json_pack("{s:s,s:s}", "code", sources[i], "label", source_labels[i]));
	for (size_t i = 0; indications[i]; i++)
		json_array_append_new(ind, json_pack("{s:s,s:s}", "code", indications[i], "label", indication_labels[i]));
	json_object_set_new(codes, "sheltered_stages", st);
	json_object_set_new(codes, "sheltered_sources", src);
	json_object_set_new(codes, "indication_status", ind);
}
