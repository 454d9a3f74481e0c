/*
 * weekplan_enrol.c - enrolling a participant in a language provider's
 * class group and ending the enrolment (docs/week-plan.md). The group's
 * sessions then block day-parts in the participant's week plan, so an
 * enrolment is a change of the plan: checked for new conflicts like any
 * other (wp_change_run), and it links the participant to the provider.
 */
#include "app/weekplan.h"
#include "app/weekplan_internal.h"
#include "app/audit.h"
#include "app/input.h"
#include "app/path_internal.h"
#include "store/store_plan.h"

#include <stdlib.h>

/* ---- class enrolments ---- */

static json_t *enrolment_json(const json_t *row)
{
	static const char *const copy[] = { "id", "group_id", "group_name", "participant_id", "organisation_id",
					    "organisation_name", "start_date", "end_date", "link_id", "created_at", NULL };
	json_t *o = json_object();
	for (const char *const *c = copy; *c; c++) {
		json_t *v = json_object_get(row, *c);
		json_object_set(o, *c, v ? v : json_null());
	}
	return o;
}

/* Open participant pid for changing their classes: write access to the
 * plan (the path) and to civic integration. */
static int class_open(struct app_ctx *ctx, int64_t pid, struct err *e)
{
	struct relation rel;
	if (path_open(ctx, pid, CAT_PATH, true, NULL, &rel, e) != 0)
		return -1;
	if (!access_may_write(ctx->actor.role, CAT_CIVIC_INTEGRATION, &rel))
		return err_set(e, ERR_FORBIDDEN, "a %s may not change the %s of participant %lld",
			       access_role(ctx->actor.role)->label, access_category(CAT_CIVIC_INTEGRATION)->label,
			       (long long)pid);
	return 0;
}

struct enrol_write {
	int64_t group_id, pid, org_id;
	const char *start, *end;
	int64_t id;
};

static int enrol_apply(struct app_ctx *ctx, void *arg, struct err *e)
{
	struct enrol_write *w = arg;
	int64_t link;
	if (store_link_insert(ctx->st, w->pid, "language_course", 0, w->org_id, w->start, &link, e) != 0)
		return -1;
	return store_class_enrolment_insert(ctx->st, w->group_id, w->pid, w->start, w->end, link, ctx->actor.user_id,
					    ctx->now_s, &w->id, e);
}

/* Is pid enrolled in group_id in a period meeting [start, end]? */
static int enrolled_already(struct app_ctx *ctx, int64_t group_id, int64_t pid, date_t start, bool has_end, date_t end,
			    bool *yes, struct err *e)
{
	json_t *rows;
	size_t i;
	json_t *r;
	*yes = false;
	if (store_class_enrolments_of(ctx->st, pid, &rows, e) != 0)
		return -1;
	json_array_foreach(rows, i, r) {
		date_t a, b;
		if (json_integer_value(json_object_get(r, "group_id")) != group_id || !row_date(r, "start_date", &a))
			continue;
		bool open = !row_date(r, "end_date", &b);
		if ((open || b >= start) && (!has_end || a <= end))
			*yes = true;
	}
	json_decref(rows);
	return 0;
}

int app_class_enrol(struct app_ctx *ctx, int64_t group_id, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "participant_id", "start_date", "end_date", "override_reason", NULL };
	json_t *group = NULL, *row = NULL;
	int64_t pid = 0;
	date_t start = ctx->today, end = 0, gstart, gend;
	char start_s[DATE_STR_LEN], end_s[DATE_STR_LEN];
	const char *reason;
	bool dup;
	int rc = -1;

	if (store_plan_group_get(ctx->st, group_id, &group, e) != 0)
		return -1;
	if (!json_is_object(in)) {
		err_field(e, "body", "must be a JSON object");
		goto out;
	}
	input_unknown_members(in, allowed, e);
	wp_reason_check(in, &reason, e);
	int hp = input_id(in, "participant_id", true, &pid, e);
	int hs = input_date(in, "start_date", false, &start, e), he = input_date(in, "end_date", false, &end, e);
	row_date(group, "start_date", &gstart);
	row_date(group, "end_date", &gend);
	if (hs == 0 && gstart > start)
		start = gstart;
	if (hs >= 0 && start > gend)
		err_field(e, "start_date", "the group ends on %s", json_string_value(json_object_get(group, "end_date")));
	if (hs >= 0 && he == 1 && end < start)
		err_field(e, "end_date", "is before the start date");
	if (!json_is_true(json_object_get(group, "active")) && json_integer_value(json_object_get(group, "active")) == 0)
		err_field(e, "group_id", "class group \"%s\" is no longer active",
			  json_string_value(json_object_get(group, "name")));
	if (hp != 1 || e->nfields)
		goto out;
	if (class_open(ctx, pid, e) != 0)
		goto out;
	if (enrolled_already(ctx, group_id, pid, start, he == 1, end, &dup, e) != 0)
		goto out;
	if (dup) {
		err_field(e, "participant_id", "participant %lld is enrolled in this group already", (long long)pid);
		e->kind = ERR_CONFLICT;
		goto out;
	}
	date_format(start, start_s);
	date_format(end, end_s);
	struct enrol_write w = { .group_id = group_id, .pid = pid,
				 .org_id = json_integer_value(json_object_get(group, "organisation_id")),
				 .start = start_s, .end = he == 1 ? end_s : NULL };
	struct wp_change c = { .pid = pid, .from = start, .reason = reason, .apply = enrol_apply, .arg = &w,
			       .enrolment_id = &w.id, .action = "enrol in class group",
			       .activity = ACTIVITY_CLASS_ATTENDANCE };
	if (wp_change_run(ctx, &c, out, e) != 0)
		goto out;
	struct wp wl;
	struct schedule_conflict *cf = NULL;
	if (store_class_enrolment_get(ctx->st, w.id, &row, e) != 0)
		goto out;
	if (wp_load(ctx, pid, &wl, e) != 0) {
		wp_release(&wl);
		goto out;
	}
	size_t n = wp_conflicts_ahead(&wl, wp_change_monday(ctx, start), WP_WEEKS_AHEAD, &cf);
	*out = json_pack("{s:o,s:o}", "enrolment", enrolment_json(row), "conflicts", wp_conflicts_json(&wl, cf, n));
	free(cf);
	wp_release(&wl);
	rc = 0;
out:
	json_decref(group);
	json_decref(row);
	return rc;
}

int app_class_enrolment_update(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "end_date", NULL };
	json_t *row;
	date_t start, end;

	if (store_class_enrolment_get(ctx->st, id, &row, e) != 0)
		return -1;
	int64_t pid = json_integer_value(json_object_get(row, "participant_id"));
	int rc = -1;
	if (class_open(ctx, pid, e) != 0)
		goto out;
	if (!json_is_object(in)) {
		err_field(e, "body", "must be a JSON object");
		goto out;
	}
	input_unknown_members(in, allowed, e);
	if (input_date(in, "end_date", true, &end, e) == 1 && row_date(row, "start_date", &start) && end < start)
		err_field(e, "end_date", "\"%s\" is before the start date %s", json_string_value(json_object_get(in, "end_date")),
			  json_string_value(json_object_get(row, "start_date")));
	if (e->nfields)
		goto out;
	const char *end_s = json_string_value(json_object_get(in, "end_date"));
	if (store_begin(ctx->st, e) != 0)
		goto out;
	rc = store_class_enrolment_set_end(ctx->st, id, end_s, e);
	int64_t link = json_integer_value(json_object_get(row, "link_id"));
	if (rc == 0 && link) {
		struct err tmp;
		err_init(&tmp);
		/* the link may have been ended by hand already */
		if (store_link_end(ctx->st, pid, link, end_s, &tmp) != 0 && tmp.kind != ERR_NOT_FOUND) {
			err_set(e, tmp.kind, "%s", tmp.msg);
			rc = -1;
		}
		err_release(&tmp);
	}
	if (rc == 0)
		rc = audit_log(ctx, pid, "end class enrolment", ACTIVITY_CLASS_ATTENDANCE, "ok", e);
	if (rc == 0)
		rc = store_commit(ctx->st, e);
	if (rc != 0) {
		store_rollback(ctx->st);
		goto out;
	}
	json_decref(row);
	row = NULL;
	if ((rc = store_class_enrolment_get(ctx->st, id, &row, e)) == 0)
		*out = enrolment_json(row);
out:
	json_decref(row);
	return rc;
}
