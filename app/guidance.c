/*
 * guidance.c - the participation ladder, the journal of contacts and
 * notes, and the warm hand-over from the volunteer to welfare after 15
 * months.
 */
#include "app/path.h"
#include "app/audit.h"
#include "app/input.h"
#include "app/path_internal.h"
#include "app/vault.h"
#include "domain/ladder.h"
#include "domain/signal.h"

#include <string.h>


/* ---- ladder ---- */

static void ladder_labels_add(json_t *items)
{
	size_t i;
	json_t *row;
	json_array_foreach(items, i, row) {
		const char *label = ladder_label((long)json_integer_value(json_object_get(row, "level")));
		json_object_set_new(row, "level_label", json_string(label ? label : "?"));
	}
}

int app_ladder_list(struct app_ctx *ctx, int64_t pid, json_t **out, struct err *e)
{
	json_t *items;
	if (path_open(ctx, pid, CAT_PATH, false, NULL, NULL, e) != 0 || store_ladder_list(ctx->st, pid, &items, e) != 0)
		return -1;
	if (audit_log(ctx, pid, "read ladder", ACTIVITY_PATH, "ok", e) != 0) {
		json_decref(items);
		return -1;
	}
	ladder_labels_add(items);
	json_t *current = json_array_size(items) ? json_incref(json_array_get(items, 0)) : json_null();
	*out = json_pack("{s:o,s:o}", "items", items, "current", current);
	return 0;
}

int app_ladder_add(struct app_ctx *ctx, int64_t pid, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "assessed_on", "level", "note", NULL };
	date_t on;
	long level;
	int64_t id;

	if (path_open(ctx, pid, CAT_PATH, true, NULL, NULL, e) != 0)
		return -1;
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	input_unknown_members(in, allowed, e);
	if (input_date(in, "assessed_on", true, &on, e) == 1 && on > ctx->today)
		err_field(e, "assessed_on", "lies in the future");
	input_int(in, "level", true, LADDER_MIN, LADDER_MAX, &level, e);
	input_text(in, "note", 1, 1000, false, e);
	if (e->nfields)
		return -1;
	if (store_begin(ctx->st, e) != 0)
		return -1;
	if (store_ladder_insert(ctx->st, pid, in, ctx->actor.user_id, ctx->actor.display_name, ctx->now_s, &id, e) != 0 ||
	    audit_log(ctx, pid, "add ladder", ACTIVITY_PATH, "ok", e) != 0 || store_commit(ctx->st, e) != 0) {
		store_rollback(ctx->st);
		return -1;
	}
	json_t *items;
	if (store_ladder_list(ctx->st, pid, &items, e) != 0)
		return -1;
	ladder_labels_add(items);
	size_t i;
	json_t *row;
	json_array_foreach(items, i, row)
		if (json_integer_value(json_object_get(row, "id")) == id)
			*out = json_incref(row);
	json_decref(items);
	return 0;
}

/* ---- journal ---- */

int app_journal_list(struct app_ctx *ctx, int64_t pid, json_t **out, struct err *e)
{
	json_t *items;
	struct relation rel;

	if (path_open(ctx, pid, CAT_NOTES, false, NULL, &rel, e) != 0)
		return -1;
	if (store_journal_list(ctx->st, pid, &items, e) != 0)
		return -1;
	json_t *visible = json_array();
	size_t i;
	json_t *row;
	json_array_foreach(items, i, row) {
		int nc;
		if (access_note_category_find(json_string_value(json_object_get(row, "category")), &nc) == 0 &&
		    access_may_read_note(ctx->actor.role, nc, &rel))
			json_array_append(visible, row);
	}
	json_decref(items);
	if (vault_journal_open(ctx->app, visible, e) != 0 ||
	    audit_log(ctx, pid, "read journal", ACTIVITY_JOURNAL, "ok", e) != 0) {
		json_decref(visible);
		return -1;
	}
	*out = json_pack("{s:o}", "items", visible);
	return 0;
}

int app_journal_add(struct app_ctx *ctx, int64_t pid, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "occurred_on", "kind", "category", "text", NULL };
	static const char *const kinds[] = { "contact", "note", NULL };
	struct relation rel;
	date_t on;
	const char *kind;
	int nc = 0;
	int64_t id;

	if (path_open(ctx, pid, CAT_IDENTITY, false, NULL, &rel, e) != 0)
		return -1;
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	input_unknown_members(in, allowed, e);
	if (input_date(in, "occurred_on", true, &on, e) == 1 && on > ctx->today)
		err_field(e, "occurred_on", "lies in the future");
	input_code(in, "kind", true, kinds, &kind, e);
	input_text(in, "text", 1, 4000, true, e);
	const char *cat = json_string_value(json_object_get(in, "category"));
	if (!cat)
		err_field(e, "category", "is required");
	else if (access_note_category_find(cat, &nc) != 0)
		err_field(e, "category", "\"%.40s\" is not a data category or social", cat);
	if (e->nfields)
		return -1;
	if (!access_may_write_note(ctx->actor.role, nc, &rel))
		return err_set(e, ERR_FORBIDDEN, "a %s may not write %s notes for this participant",
			       access_role(ctx->actor.role)->label, cat);
	if (store_begin(ctx->st, e) != 0)
		return -1;
	if (vault_journal_insert(ctx, pid, in, ctx->actor.user_id, ctx->actor.display_name, &id, e) != 0 ||
	    audit_log(ctx, pid, "add journal", ACTIVITY_JOURNAL, "ok", e) != 0 || store_commit(ctx->st, e) != 0) {
		store_rollback(ctx->st);
		return -1;
	}
	*out = json_pack("{s:I,s:O,s:O,s:O,s:O,s:s}", "id", (json_int_t)id, "occurred_on",
			 json_object_get(in, "occurred_on"), "kind", json_object_get(in, "kind"), "category",
			 json_object_get(in, "category"), "text", json_object_get(in, "text"), "author",
			 ctx->actor.display_name);
	return 0;
}

/* ---- hand-over ---- */

static const struct {
	const char *code, *label;
} checklist[] = {
	{ "introduction", "kennismakingsgesprek met deelnemer, vrijwilliger en welzijnswerker gehouden" },
	{ "contacts", "contactgegevens en netwerk (huisarts, school, buren) overgedragen" },
	{ "open_matters", "lopende zaken (post, toeslagen, schulden, huisvesting) doorgesproken" },
	{ "job_coach_informed", "jobcoach geïnformeerd over de overdracht" },
};
#define CHECKLIST_N (sizeof checklist / sizeof checklist[0])

/* The open link of `kind` for pid: user id and name, 0 when none. */
static int64_t open_link_user(struct app_ctx *ctx, int64_t pid, const char *kind, const char **name, json_t **links,
			      struct err *e)
{
	size_t i;
	json_t *l;
	*name = NULL;
	if (*links == NULL && store_link_list(ctx->st, pid, links, e) != 0)
		return -1;
	json_array_foreach(json_object_get(*links, "items"), i, l) {
		if (strcmp(json_string_value(json_object_get(l, "kind")), kind) == 0 &&
		    json_is_null(json_object_get(l, "end_date")) && json_is_integer(json_object_get(l, "user_id"))) {
			*name = json_string_value(json_object_get(l, "user_name"));
			return json_integer_value(json_object_get(l, "user_id"));
		}
	}
	return 0;
}

/* The hand-over answer from the stored record (or none) and the links. */
static int handover_view(struct app_ctx *ctx, int64_t pid, const json_t *rec, json_t **out, struct err *e)
{
	json_t *h = NULL, *links = NULL, *done_map = NULL;
	const char *vname, *wname;
	date_t arrival;
	char due[DATE_STR_LEN];

	if (store_handover_get(ctx->st, pid, &h, e) != 0)
		return -1;
	int64_t vid = open_link_user(ctx, pid, "volunteer", &vname, &links, e);
	int64_t wid = open_link_user(ctx, pid, "welfare", &wname, &links, e);
	if (vid < 0 || wid < 0) {
		json_decref(h);
		json_decref(links);
		return -1;
	}
	if (h) {
		done_map = json_loads(json_string_value(json_object_get(h, "checklist")), 0, NULL);
		if (!wid && json_is_integer(json_object_get(h, "welfare_user_id"))) {
			wid = json_integer_value(json_object_get(h, "welfare_user_id"));
			wname = json_string_value(json_object_get(h, "welfare_name"));
		}
		if (!vid && json_is_integer(json_object_get(h, "volunteer_user_id"))) {
			vid = json_integer_value(json_object_get(h, "volunteer_user_id"));
			vname = json_string_value(json_object_get(h, "volunteer_name"));
		}
	}
	json_t *items = json_array();
	for (size_t i = 0; i < CHECKLIST_N; i++)
		json_array_append_new(items, json_pack("{s:s,s:s,s:b}", "code", checklist[i].code, "label", checklist[i].label,
						       "done", json_is_true(json_object_get(done_map, checklist[i].code))));
	bool has_arrival = row_date(rec, "arrival_date", &arrival);
	if (has_arrival)
		date_format(signal_guidance_end(arrival), due);
	json_t *vs = h ? json_object_get(h, "volunteer_signed_at") : NULL, *ws = h ? json_object_get(h, "welfare_signed_at") : NULL;
	*out = json_pack("{s:o,s:o,s:o,s:o,s:O?,s:O?,s:b}", "due_date", has_arrival ? json_string(due) : json_null(),
			 "volunteer", vid ? json_pack("{s:I,s:s?}", "id", (json_int_t)vid, "name", vname) : json_null(),
			 "welfare", wid ? json_pack("{s:I,s:s?}", "id", (json_int_t)wid, "name", wname) : json_null(),
			 "checklist", items, "volunteer_signed_at", vs, "welfare_signed_at", ws, "done",
			 vs && !json_is_null(vs) && ws && !json_is_null(ws));
	if (json_object_get(*out, "volunteer_signed_at") == NULL)
		json_object_set_new(*out, "volunteer_signed_at", json_null());
	if (json_object_get(*out, "welfare_signed_at") == NULL)
		json_object_set_new(*out, "welfare_signed_at", json_null());
	json_decref(h);
	json_decref(links);
	json_decref(done_map);
	return 0;
}

int app_handover_get(struct app_ctx *ctx, int64_t pid, json_t **out, struct err *e)
{
	json_t *rec;
	if (path_open(ctx, pid, CAT_PATH, false, &rec, NULL, e) != 0)
		return -1;
	int rc = handover_view(ctx, pid, rec, out, e);
	if (rc == 0 && audit_log(ctx, pid, "read handover", ACTIVITY_PATH, "ok", e) != 0) {
		json_decref(*out);
		rc = -1;
	}
	json_decref(rec);
	return rc;
}

int app_handover_update(struct app_ctx *ctx, int64_t pid, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "welfare_user_id", "checklist", "sign", NULL };
	json_t *rec = NULL, *view = NULL, *links = NULL;
	struct relation rel;
	bool sign = false;
	long wuser = 0;
	int rc = -1;

	if (path_open(ctx, pid, CAT_NOTES, true, &rec, &rel, e) != 0)
		return -1;
	if (!json_is_object(in)) {
		err_field(e, "body", "must be a JSON object");
		goto out;
	}
	input_unknown_members(in, allowed, e);
	input_bool(in, "sign", false, &sign, e);
	struct user_row wu;
	if (input_int(in, "welfare_user_id", false, 1, 1L << 40, &wuser, e) == 1) {
		struct err tmp;
		err_init(&tmp);
		if (store_user_get(ctx->st, wuser, &wu, &tmp) != 0 || !wu.active || strcmp(wu.role, "welfare") != 0)
			err_field(e, "welfare_user_id", "user %ld is not an active welfare worker", wuser);
		err_release(&tmp);
	}
	json_t *cl = json_object_get(in, "checklist");
	if (cl && !json_is_object(cl))
		err_field(e, "checklist", "must be an object of item codes and true or false");
	const char *key;
	json_t *v;
	json_object_foreach(cl, key, v) {
		bool known = false;
		for (size_t i = 0; i < CHECKLIST_N; i++)
			known |= strcmp(checklist[i].code, key) == 0;
		if (!known || !json_is_boolean(v))
			err_field(e, "checklist", "\"%.40s\" is not a checklist item set to true or false", key);
	}
	if (e->nfields)
		goto out;
	if (handover_view(ctx, pid, rec, &view, e) != 0)
		goto out;
	if (json_is_true(json_object_get(view, "done"))) {
		err_set(e, ERR_CONFLICT, "the hand-over is signed by both already");
		goto out;
	}
	/* the new state */
	json_t *done = json_object();
	size_t i;
	json_t *item;
	json_array_foreach(json_object_get(view, "checklist"), i, item)
		json_object_set(done, json_string_value(json_object_get(item, "code")), json_object_get(item, "done"));
	if (cl)
		json_object_update(done, cl);
	json_t *vol = json_object_get(view, "volunteer"), *wel = json_object_get(view, "welfare");
	int64_t vid = json_integer_value(json_object_get(vol, "id"));
	int64_t wid = wuser ? wuser : json_integer_value(json_object_get(wel, "id"));
	json_t *vs = json_object_get(view, "volunteer_signed_at"), *ws = json_object_get(view, "welfare_signed_at");
	char *done_text = json_dumps(done, JSON_COMPACT | JSON_SORT_KEYS);
	json_t *h = json_pack("{s:o,s:s,s:o,s:O,s:O}", "welfare_user_id", wid ? json_integer(wid) : json_null(),
			      "checklist", done_text, "volunteer_user_id", vid ? json_integer(vid) : json_null(),
			      "volunteer_signed_at", vs, "welfare_signed_at", ws);
	free(done_text);
	if (sign) {
		bool all = true;
		for (size_t k = 0; k < CHECKLIST_N; k++)
			all &= json_is_true(json_object_get(done, checklist[k].code));
		if (!all)
			err_field(e, "sign", "tick every checklist item before signing");
		else if (ctx->actor.role == ROLE_VOLUNTEER && ctx->actor.user_id == vid)
			json_object_set_new(h, "volunteer_signed_at", json_string(ctx->now_s));
		else if (ctx->actor.role == ROLE_WELFARE && (wid == 0 || wid == ctx->actor.user_id)) {
			json_object_set_new(h, "welfare_signed_at", json_string(ctx->now_s));
			json_object_set_new(h, "welfare_user_id", json_integer(ctx->actor.user_id));
			wid = ctx->actor.user_id;
		} else
			err_field(e, "sign", "only the participant's volunteer or the welfare worker signs the hand-over");
	}
	json_decref(done);
	if (e->nfields) {
		json_decref(h);
		goto out;
	}
	bool both = !json_is_null(json_object_get(h, "volunteer_signed_at")) &&
		    !json_is_null(json_object_get(h, "welfare_signed_at"));
	if (store_begin(ctx->st, e) != 0) {
		json_decref(h);
		goto out;
	}
	int bad = store_handover_put(ctx->st, pid, h, ctx->now_s, e) != 0;
	json_decref(h);
	/* a named welfare worker gets a link, so the participant is theirs */
	const char *wname;
	int64_t linked = bad ? 0 : open_link_user(ctx, pid, "welfare", &wname, &links, e);
	if (!bad && wid && linked == 0) {
		struct user_row u;
		int64_t lid;
		bad = store_user_get(ctx->st, wid, &u, e) != 0 ||
		      store_link_insert(ctx->st, pid, "welfare", wid, u.org_id, ctx->today_s, &lid, e) != 0;
	}
	/* both signed: the volunteer's guidance ends today */
	if (!bad && both) {
		json_array_foreach(json_object_get(links, "items"), i, item) {
			if (strcmp(json_string_value(json_object_get(item, "kind")), "volunteer") == 0 &&
			    json_is_null(json_object_get(item, "end_date")) &&
			    store_link_end(ctx->st, pid, json_integer_value(json_object_get(item, "id")), ctx->today_s, e) != 0) {
				bad = 1;
				break;
			}
		}
	}
	if (bad || audit_log(ctx, pid, sign ? "sign handover" : "update handover", ACTIVITY_PATH, "ok", e) != 0 ||
	    store_commit(ctx->st, e) != 0) {
		store_rollback(ctx->st);
		goto out;
	}
	rc = handover_view(ctx, pid, rec, out, e);
out:
	json_decref(rec);
	json_decref(view);
	json_decref(links);
	return rc;
}
