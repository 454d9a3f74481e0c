/*
 * timetable.c - the day-part clock times, language providers' class
 * groups with their weekly sessions and holidays, and class attendance
 * (see timetable.h and docs/week-plan.md). A session's day-parts are not
 * stored: they follow from its clock times and the day-part times in
 * force (schedule_interval_parts) each time a group is shown. Every
 * change is one transaction, so bad input changes nothing.
 */
#include "app/timetable_internal.h"
#include "app/audit.h"
#include "app/employer_internal.h"
#include "app/input.h"
#include "app/participant_internal.h"
#include "base/buf.h"
#include "base/xmalloc.h"
#include "domain/codes.h"
#include "store/store_timetable.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const class_attendance_statuses[] = { "present", "absent_excused", "absent_unexcused", NULL };

#define REASON_MAX 500

/* ---- small helpers ---- */

/* Copy every field error of src into dst with the field renamed
 * "<prefix>.<field>"; the plain message when src has no fields. */
static void fields_prefixed(struct err *dst, const struct err *src, const char *prefix)
{
	char field[64];
	if (src->nfields == 0 && src->kind != ERR_NONE) {
		err_field(dst, prefix, "%s", src->msg);
		return;
	}
	for (size_t i = 0; i < src->nfields; i++) {
		snprintf(field, sizeof field, "%s.%s", prefix, src->fields[i].field);
		err_field(dst, field, "%s", src->fields[i].reason);
	}
}

/* The day-part set of a list as a JSON array of codes. */
static json_t *parts_json(daypart_set set)
{
	json_t *a = json_array();
	char code[DAYPART_CODE_LEN];
	for (int b = 0; b < DAYPART_BITS; b++) {
		if (!(set & (1u << b)))
			continue;
		daypart_code(b, code);
		json_array_append_new(a, json_string(code));
	}
	return a;
}

/* The clock times in force, or the defaults when they cannot be read. */
static int times_load(struct app_ctx *ctx, struct day_part_times *t, struct err *e)
{
	return store_day_part_times_get(ctx->st, t, e);
}

/* ---- access ---- */

void timetable_read_scope(const struct app_ctx *ctx, int64_t *only)
{
	*only = access_role(ctx->actor.role)->action[ACT_MANAGE_TIMETABLES] == LVL_ORG ? ctx->actor.org_id : 0;
}

int timetable_need_manage(struct app_ctx *ctx, int64_t org_id, const char *what, struct err *e)
{
	const struct role_def *r = access_role(ctx->actor.role);
	switch (r->action[ACT_MANAGE_TIMETABLES]) {
	case LVL_ALL:
		return 0;
	case LVL_ORG:
		if (org_id == 0 || org_id == ctx->actor.org_id)
			return 0;
		return err_set(e, ERR_FORBIDDEN, "a %s may %s of its own organisation only", r->label, what);
	default:
		return err_set(e, ERR_FORBIDDEN, "a %s may not %s", r->label, what);
	}
}

/* ---- sessions ---- */

int timetable_session_check(const json_t *s, const struct day_part_times *t, struct session_in *out, struct err *e)
{
	static const char *const allowed[] = { "id", "weekday", "start_time", "end_time", "weekday_label", "day_parts",
					       NULL };
	size_t before = e->nfields;
	bool times_ok = true;

	if (!json_is_object(s))
		return err_field(e, "session", "must be an object {weekday, start_time, end_time}");
	input_unknown_members(s, allowed, e);
	const char *wd = json_string_value(json_object_get(s, "weekday"));
	if (json_object_get(s, "weekday") == NULL || json_is_null(json_object_get(s, "weekday")))
		err_field(e, "weekday", "is required");
	else if (wd == NULL || weekday_find(wd, &out->wd) != 0)
		err_field(e, "weekday", "\"%.20s\" is not a weekday (mon, tue, wed, thu, fri, sat, sun)",
			  wd ? wd : "(not a string)");
	static const char *const keys[] = { "start_time", "end_time" };
	int *mins[] = { &out->start, &out->end };
	for (size_t k = 0; k < 2; k++) {
		json_t *v = json_object_get(s, keys[k]);
		const char *text = json_string_value(v);
		if (v == NULL || json_is_null(v)) {
			err_field(e, keys[k], "is required");
			times_ok = false;
		} else if (text == NULL || clock_parse(text, mins[k]) != 0 || (k == 0 && *mins[k] >= 1440)) {
			err_field(e, keys[k], "\"%.20s\" is not a time of day (HH:MM)", text ? text : "(not a string)");
			times_ok = false;
		}
	}
	if (times_ok && out->end <= out->start) {
		char a[CLOCK_STR_LEN];
		clock_format(out->start, a);
		err_field(e, "end_time", "\"%s\" is not after the start \"%s\"",
			  json_string_value(json_object_get(s, "end_time")), a);
	} else if (times_ok && e->nfields == before) {
		out->parts = schedule_interval_parts(out->wd, out->start, out->end, t);
		if (out->parts == 0) {
			char buf[3][2][CLOCK_STR_LEN];
			for (int p = 0; p < DAY_PART_COUNT; p++) {
				clock_format(t->start[p], buf[p][0]);
				clock_format(t->end[p], buf[p][1]);
			}
			err_field(e, "start_time",
				  "%s-%s touches no day-part (ochtend %s-%s, middag %s-%s, avond %s-%s)",
				  json_string_value(json_object_get(s, "start_time")),
				  json_string_value(json_object_get(s, "end_time")), buf[0][0], buf[0][1], buf[1][0],
				  buf[1][1], buf[2][0], buf[2][1]);
		}
	}
	return e->nfields > before ? -1 : 0;
}

bool timetable_sessions_overlap(const struct session_in *a, const struct session_in *b)
{
	return a->wd == b->wd && a->start < b->end && b->start < a->end;
}

void timetable_session_text(const struct session_in *s, char out[SESSION_TEXT_LEN])
{
	char a[CLOCK_STR_LEN], b[CLOCK_STR_LEN];
	clock_format(s->start, a);
	clock_format(s->end, b);
	snprintf(out, SESSION_TEXT_LEN, "%s %s-%s", weekday_code(s->wd), a, b);
}

/* Check the list of sessions of a group: each as timetable_session_check
 * with errors on "sessions[i].<field>", none overlapping an earlier one
 * ("sessions[i]"), at least one. *checked gets the stored form
 * [{"weekday","start_time","end_time"}]. */
static void sessions_check(const json_t *list, const struct day_part_times *t, json_t **checked, struct err *e)
{
	size_t i, n = json_array_size(list);
	json_t *s;
	char prefix[32];

	*checked = json_array();
	if (!json_is_array(list) || n == 0) {
		err_field(e, "sessions", "must be a non-empty list of {weekday, start_time, end_time}");
		return;
	}
	struct session_in *in = xcalloc(n, sizeof *in);
	bool *ok = xcalloc(n, sizeof *ok);
	json_array_foreach(list, i, s) {
		struct err tmp;
		err_init(&tmp);
		snprintf(prefix, sizeof prefix, "sessions[%zu]", i);
		ok[i] = timetable_session_check(s, t, &in[i], &tmp) == 0;
		if (!ok[i]) {
			if (tmp.nfields == 1 && strcmp(tmp.fields[0].field, "session") == 0)
				err_field(e, prefix, "%s", tmp.fields[0].reason);
			else
				fields_prefixed(e, &tmp, prefix);
		}
		err_release(&tmp);
		for (size_t k = 0; ok[i] && k < i; k++) {
			if (ok[k] && timetable_sessions_overlap(&in[i], &in[k])) {
				char text[SESSION_TEXT_LEN];
				timetable_session_text(&in[k], text);
				err_field(e, prefix, "overlaps the session on %s", text);
				break;
			}
		}
		if (ok[i])
			json_array_append_new(*checked, json_pack("{s:O,s:O,s:O}", "weekday", json_object_get(s, "weekday"),
								  "start_time", json_object_get(s, "start_time"),
								  "end_time", json_object_get(s, "end_time")));
	}
	free(in);
	free(ok);
}

/* ---- groups as JSON ---- */

/* Stored sessions decorated with label and day-parts; *all gets the union. */
static json_t *sessions_json(const json_t *stored, const struct day_part_times *t, daypart_set *all)
{
	json_t *out = json_array();
	size_t i;
	json_t *s;
	*all = 0;
	json_array_foreach(stored, i, s) {
		struct session_in in;
		struct err tmp;
		err_init(&tmp);
		daypart_set parts = 0;
		const char *wd = json_string_value(json_object_get(s, "weekday"));
		if (timetable_session_check(s, t, &in, &tmp) == 0)
			parts = in.parts;
		err_release(&tmp);
		enum weekday d = WD_MON;
		weekday_find(wd, &d);
		json_t *x = json_copy((json_t *)s);
		json_object_set_new(x, "weekday_label", json_string(weekday_label(d) ? weekday_label(d) : ""));
		json_object_set_new(x, "day_parts", parts_json(parts));
		json_array_append_new(out, x);
		*all |= parts;
	}
	return out;
}

/* The API form of a stored group row (taken over), with sessions and
 * holidays. */
static int group_json(struct app_ctx *ctx, json_t *row, const struct day_part_times *t, json_t **out, struct err *e)
{
	int64_t id = json_integer_value(json_object_get(row, "id"));
	json_t *sessions = NULL, *exceptions = NULL;
	daypart_set all;

	if (store_class_sessions(ctx->st, id, &sessions, e) != 0 || store_group_exceptions(ctx->st, id, &exceptions, e) != 0) {
		json_decref(sessions);
		json_decref(row);
		return -1;
	}
	json_object_set_new(row, "active", json_boolean(json_integer_value(json_object_get(row, "active")) != 0));
	json_object_set_new(row, "sessions", sessions_json(sessions, t, &all));
	json_object_set_new(row, "day_parts", parts_json(all));
	json_object_set_new(row, "exceptions", exceptions);
	json_decref(sessions);
	*out = row;
	return 0;
}

/* ---- loading a group ---- */

int timetable_group_load(struct app_ctx *ctx, int64_t id, struct tgroup *g, struct err *e)
{
	int64_t only;
	memset(g, 0, sizeof *g);
	g->id = id;
	if (store_class_group_get(ctx->st, id, ctx->today_s, &g->row, e) != 0)
		return -1;
	g->org_id = json_integer_value(json_object_get(g->row, "organisation_id"));
	timetable_read_scope(ctx, &only);
	if (only && only != g->org_id) {
		timetable_group_release(g);
		return err_set(e, ERR_FORBIDDEN, "a %s sees the class groups of its own organisation only",
			       access_role(ctx->actor.role)->label);
	}
	if (store_class_sessions(ctx->st, id, &g->sessions, e) != 0 ||
	    store_group_exceptions(ctx->st, id, &g->exceptions, e) != 0) {
		timetable_group_release(g);
		return -1;
	}
	date_parse(json_string_value(json_object_get(g->row, "start_date")), &g->start);
	date_parse(json_string_value(json_object_get(g->row, "end_date")), &g->end);
	return 0;
}

void timetable_group_release(struct tgroup *g)
{
	json_decref(g->row);
	json_decref(g->sessions);
	json_decref(g->exceptions);
	g->row = g->sessions = g->exceptions = NULL;
}

bool timetable_group_meets(const struct tgroup *g, date_t day, const char *field, struct err *e)
{
	char d[DATE_STR_LEN];
	size_t i;
	json_t *x;
	date_format(day, d);
	if (day < g->start || day > g->end) {
		err_field(e, field, "%s lies outside the period of the group (%s to %s)", d,
			  json_string_value(json_object_get(g->row, "start_date")),
			  json_string_value(json_object_get(g->row, "end_date")));
		return false;
	}
	const char *wd = weekday_code((enum weekday)date_weekday(day));
	bool session = false;
	json_array_foreach(g->sessions, i, x)
		session |= strcmp(json_string_value(json_object_get(x, "weekday")), wd) == 0;
	if (!session) {
		err_field(e, field, "the group has no session on %s (a %s)", d,
			  weekday_label((enum weekday)date_weekday(day)));
		return false;
	}
	json_array_foreach(g->exceptions, i, x) {
		const char *from = json_string_value(json_object_get(x, "from_date"));
		const char *to = json_string_value(json_object_get(x, "to_date"));
		if (from && to && strcmp(d, from) >= 0 && strcmp(d, to) <= 0) {
			err_field(e, field, "there is no class on %s: %s", d, json_string_value(json_object_get(x, "reason")));
			return false;
		}
	}
	return true;
}

bool timetable_enrolled(const json_t *enrolled, int64_t pid)
{
	size_t i;
	json_t *x;
	json_array_foreach(enrolled, i, x)
		if (json_integer_value(json_object_get(x, "participant_id")) == pid)
			return true;
	return false;
}

/* ---- day-part clock times ---- */

static json_t *times_json(const struct day_part_times *t)
{
	json_t *items = json_array();
	for (int p = 0; p < DAY_PART_COUNT; p++) {
		char a[CLOCK_STR_LEN], b[CLOCK_STR_LEN];
		clock_format(t->start[p], a);
		clock_format(t->end[p], b);
		json_array_append_new(items, json_pack("{s:s,s:s,s:s,s:s}", "part", day_part_code((enum day_part)p), "label",
						       day_part_label((enum day_part)p), "start_time", a, "end_time", b));
	}
	return json_pack("{s:o}", "items", items);
}

int app_day_part_times_get(struct app_ctx *ctx, json_t **out, struct err *e)
{
	struct day_part_times t;
	if (times_load(ctx, &t, e) != 0)
		return -1;
	*out = times_json(&t);
	return 0;
}

int app_day_part_times_put(struct app_ctx *ctx, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "morning", "afternoon", "evening", NULL };
	static const char *const keys[] = { "start_time", "end_time" };
	struct day_part_times t;
	char field[40];

	if (!access_may(ctx->actor.role, ACT_CONFIGURE, NULL))
		return err_set(e, ERR_FORBIDDEN, "a %s may not change the times of the day-parts",
			       access_role(ctx->actor.role)->label);
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	input_unknown_members(in, allowed, e);
	schedule_default_times(&t);
	for (int p = 0; p < DAY_PART_COUNT; p++) {
		const char *code = day_part_code((enum day_part)p);
		json_t *part = json_object_get(in, code);
		if (!json_is_object(part)) {
			err_field(e, code, part ? "must be an object {start_time, end_time}" : "is required");
			continue;
		}
		const char *const inner[] = { "start_time", "end_time", NULL };
		const char *key;
		json_t *v;
		json_object_foreach(part, key, v) {
			(void)v;
			if (strcmp(key, inner[0]) != 0 && strcmp(key, inner[1]) != 0) {
				snprintf(field, sizeof field, "%s.%s", code, key);
				err_field(e, field, "unknown field");
			}
		}
		for (int k = 0; k < 2; k++) {
			int *m = k == 0 ? &t.start[p] : &t.end[p];
			const char *text = json_string_value(json_object_get(part, keys[k]));
			snprintf(field, sizeof field, "%s.%s", code, keys[k]);
			if (json_object_get(part, keys[k]) == NULL || json_is_null(json_object_get(part, keys[k])))
				err_field(e, field, "is required");
			else if (text == NULL || clock_parse(text, m) != 0)
				err_field(e, field, "\"%.20s\" is not a time of day (HH:MM)", text ? text : "(not a string)");
		}
	}
	if (e->nfields || schedule_times_validate(&t, e) != 0)
		return -1;
	int rc = store_begin(ctx->st, e);
	if (rc == 0)
		rc = store_day_part_times_put(ctx->st, &t, ctx->actor.user_id, ctx->now_s, e);
	if (rc == 0)
		rc = store_commit(ctx->st, e);
	if (rc != 0) {
		store_rollback(ctx->st);
		return -1;
	}
	return app_day_part_times_get(ctx, out, e);
}

/* ---- class groups ---- */

int app_class_group_list(struct app_ctx *ctx, int64_t organisation_id, bool include_inactive, json_t **out,
			 struct err *e)
{
	int64_t only;
	struct day_part_times t;
	json_t *rows, *items, *row;
	size_t i;

	timetable_read_scope(ctx, &only);
	if (only && organisation_id && organisation_id != only)
		return err_set(e, ERR_FORBIDDEN, "a %s sees the class groups of its own organisation only",
			       access_role(ctx->actor.role)->label);
	if (only)
		organisation_id = only;
	if (times_load(ctx, &t, e) != 0 ||
	    store_class_group_list(ctx->st, organisation_id, include_inactive, ctx->today_s, &rows, e) != 0)
		return -1;
	items = json_array();
	json_array_foreach(rows, i, row) {
		json_t *g;
		if (group_json(ctx, json_incref(row), &t, &g, e) != 0) {
			json_decref(rows);
			json_decref(items);
			return -1;
		}
		json_array_append_new(items, g);
	}
	json_decref(rows);
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

/* The provider a group belongs to: organisation_id of in (or, for a
 * provider, its own organisation); field errors, or ERR_FORBIDDEN for a
 * provider naming another. *org = 0 when it could not be decided. */
static int group_provider(struct app_ctx *ctx, const json_t *in, int64_t *org, struct err *e)
{
	int64_t id = 0;
	struct org_row o;
	struct err tmp;

	*org = 0;
	int has = input_id(in, "organisation_id", false, &id, e);
	if (has < 0)
		return 0;
	if (has == 0) {
		if (access_role(ctx->actor.role)->action[ACT_MANAGE_TIMETABLES] != LVL_ORG) {
			err_field(e, "organisation_id", "is required: the language provider the group belongs to");
			return 0;
		}
		id = ctx->actor.org_id;
	}
	if (timetable_need_manage(ctx, id, "manage the class groups", e) != 0)
		return -1;
	err_init(&tmp);
	if (store_org_get(ctx->st, id, &o, &tmp) != 0)
		err_field(e, "organisation_id", "organisation %lld does not exist", (long long)id);
	else if (strcmp(o.type, "language_provider") != 0)
		err_field(e, "organisation_id", "\"%s\" is not a language provider", o.name);
	else
		*org = id;
	err_release(&tmp);
	return 0;
}

/* Check the group members of in (old: the stored group, or NULL for a new
 * one) into row (the columns to store); *sessions gets the checked
 * sessions when in has them (else NULL). */
static void group_check(const json_t *in, const json_t *old, const struct day_part_times *t, json_t *row,
			json_t **sessions, struct err *e)
{
	bool creating = old == NULL;
	const char *code;
	bool b;
	date_t start = 0, end = 0;

	*sessions = NULL;
	input_text(in, "name", 1, 120, creating, e);
	if (!creating && json_is_null(json_object_get(in, "name")))
		err_field(e, "name", "is required");
	input_listed(in, "level", false, "cefr", &code, e);
	input_text(in, "location", 1, 200, false, e);
	input_bool(in, "active", false, &b, e);
	int hs = input_date(in, "start_date", creating, &start, e);
	int he = input_date(in, "end_date", creating, &end, e);
	if (!creating && (json_is_null(json_object_get(in, "start_date")) || json_is_null(json_object_get(in, "end_date"))))
		err_field(e, json_is_null(json_object_get(in, "start_date")) ? "start_date" : "end_date", "is required");
	if (hs == 0 && old)
		hs = date_parse(json_string_value(json_object_get(old, "start_date")), &start) == 0;
	if (he == 0 && old)
		he = date_parse(json_string_value(json_object_get(old, "end_date")), &end) == 0;
	if (hs == 1 && he == 1 && end < start)
		err_field(e, "end_date", "%s is before the start date %s",
			  json_string_value(json_object_get(in, "end_date")) ? json_string_value(json_object_get(in, "end_date"))
									    : json_string_value(json_object_get(old, "end_date")),
			  json_string_value(json_object_get(in, "start_date"))
				  ? json_string_value(json_object_get(in, "start_date"))
				  : json_string_value(json_object_get(old, "start_date")));
	if (creating || json_object_get(in, "sessions"))
		sessions_check(json_object_get(in, "sessions"), t, sessions, e);
	static const char *const copy[] = { "name", "level", "location", "start_date", "end_date", "active", NULL };
	for (const char *const *c = copy; *c; c++)
		if (json_object_get(in, *c))
			json_object_set(row, *c, json_object_get(in, *c));
}

/* A name the provider already uses for another group: field error and
 * ERR_CONFLICT. Returns -1 then, or on a database error. */
static int group_name_free(struct app_ctx *ctx, int64_t org, const char *name, int64_t self, struct err *e)
{
	int64_t other;
	if (name == NULL || org == 0)
		return 0;
	if (store_class_group_by_name(ctx->st, org, name, &other, e) != 0)
		return -1;
	if (other && other != self) {
		err_field(e, "name", "the provider has a group named \"%.80s\" already (group %lld)", name,
			  (long long)other);
		e->kind = ERR_CONFLICT;
		return -1;
	}
	return 0;
}

static const char *const group_members[] = { "organisation_id", "name", "level", "location", "start_date",
					     "end_date", "active", "sessions", NULL };

int app_class_group_create(struct app_ctx *ctx, const json_t *in, json_t **out, struct err *e)
{
	struct day_part_times t;
	json_t *row = NULL, *sessions = NULL;
	int64_t org, id;
	int rc = -1;

	if (timetable_need_manage(ctx, 0, "manage class groups", e) != 0)
		return -1;
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	if (times_load(ctx, &t, e) != 0)
		return -1;
	input_unknown_members(in, group_members, e);
	if (group_provider(ctx, in, &org, e) != 0)
		return -1;
	row = json_object();
	group_check(in, NULL, &t, row, &sessions, e);
	if (e->nfields)
		goto out;
	json_object_set_new(row, "organisation_id", json_integer(org));
	if (store_begin(ctx->st, e) != 0)
		goto out;
	if (group_name_free(ctx, org, json_string_value(json_object_get(row, "name")), 0, e) == 0 &&
	    store_class_group_insert(ctx->st, row, ctx->now_s, &id, e) == 0 &&
	    store_class_sessions_replace(ctx->st, id, sessions, e) == 0 && store_commit(ctx->st, e) == 0)
		rc = 0;
	else
		store_rollback(ctx->st);
out:
	json_decref(row);
	json_decref(sessions);
	return rc == 0 ? app_class_group_get(ctx, id, out, e) : -1;
}

int app_class_group_get(struct app_ctx *ctx, int64_t id, json_t **out, struct err *e)
{
	struct tgroup g;
	struct day_part_times t;
	json_t *group, *enrolments = NULL;
	size_t others;

	if (timetable_group_load(ctx, id, &g, e) != 0)
		return -1;
	if (times_load(ctx, &t, e) != 0 || group_json(ctx, json_incref(g.row), &t, &group, e) != 0) {
		timetable_group_release(&g);
		return -1;
	}
	timetable_group_release(&g);
	if (store_class_enrolments(ctx->st, id, NULL, &enrolments, e) != 0 ||
	    people_name_rows(ctx, enrolments, "list", ACTIVITY_CLASS_ATTENDANCE, &others, e) != 0) {
		json_decref(enrolments);
		json_decref(group);
		return -1;
	}
	json_object_set_new(group, "enrolments", enrolments);
	json_object_set_new(group, "enrolments_others", json_integer((json_int_t)others));
	*out = group;
	return 0;
}

int app_class_group_update(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e)
{
	struct tgroup g;
	struct day_part_times t;
	json_t *row = NULL, *sessions = NULL;
	int rc = -1;

	if (timetable_need_manage(ctx, 0, "manage class groups", e) != 0 || timetable_group_load(ctx, id, &g, e) != 0)
		return -1;
	if (timetable_need_manage(ctx, g.org_id, "manage the class groups", e) != 0)
		goto out;
	if (!json_is_object(in)) {
		err_field(e, "body", "must be a JSON object");
		goto out;
	}
	if (times_load(ctx, &t, e) != 0)
		goto out;
	input_unknown_members(in, group_members, e);
	json_t *org = json_object_get(in, "organisation_id");
	if (org && (!json_is_integer(org) || json_integer_value(org) != g.org_id))
		err_field(e, "organisation_id", "a group cannot move to another provider");
	row = json_object();
	group_check(in, g.row, &t, row, &sessions, e);
	if (e->nfields)
		goto out;
	if (store_begin(ctx->st, e) != 0)
		goto out;
	if (group_name_free(ctx, g.org_id, json_string_value(json_object_get(row, "name")), id, e) == 0 &&
	    (json_object_size(row) == 0 || store_class_group_update(ctx->st, id, row, ctx->now_s, e) == 0) &&
	    (sessions == NULL || store_class_sessions_replace(ctx->st, id, sessions, e) == 0) &&
	    store_commit(ctx->st, e) == 0)
		rc = 0;
	else
		store_rollback(ctx->st);
out:
	timetable_group_release(&g);
	json_decref(row);
	json_decref(sessions);
	return rc == 0 ? app_class_group_get(ctx, id, out, e) : -1;
}

int app_class_group_exception_add(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "from_date", "to_date", "reason", NULL };
	struct tgroup g;
	date_t from = 0, to = 0;
	char f[DATE_STR_LEN], tt[DATE_STR_LEN];
	int rc = -1;

	if (timetable_need_manage(ctx, 0, "manage class groups", e) != 0 || timetable_group_load(ctx, id, &g, e) != 0)
		return -1;
	if (timetable_need_manage(ctx, g.org_id, "manage the class groups", e) != 0)
		goto out;
	if (!json_is_object(in)) {
		err_field(e, "body", "must be a JSON object");
		goto out;
	}
	input_unknown_members(in, allowed, e);
	int hf = input_date(in, "from_date", true, &from, e);
	int ht = input_date(in, "to_date", false, &to, e);
	input_text(in, "reason", 2, REASON_MAX, true, e);
	if (hf == 1 && ht == 0)
		to = from;
	if (hf == 1 && ht == 1 && to < from)
		err_field(e, "to_date", "%s is before the first day %s", json_string_value(json_object_get(in, "to_date")),
			  json_string_value(json_object_get(in, "from_date")));
	if (e->nfields)
		goto out;
	date_format(from, f);
	date_format(to, tt);
	if (store_begin(ctx->st, e) == 0) {
		if (store_group_exception_insert(ctx->st, id, f, tt, json_string_value(json_object_get(in, "reason")),
						 ctx->actor.user_id, ctx->now_s, NULL, e) == 0 &&
		    store_commit(ctx->st, e) == 0)
			rc = 0;
		else
			store_rollback(ctx->st);
	}
out:
	timetable_group_release(&g);
	return rc == 0 ? app_class_group_get(ctx, id, out, e) : -1;
}

/* ---- class attendance ---- */

int app_class_attendance_get(struct app_ctx *ctx, int64_t group_id, const char *day, json_t **out, struct err *e)
{
	struct tgroup g;
	struct day_part_times t;
	date_t d = ctx->today;
	char ds[DATE_STR_LEN];
	json_t *enrolled = NULL, *marks = NULL, *names = NULL, *items = NULL;
	int64_t *pids = NULL;
	size_t i, n, others = 0;
	json_t *x;
	int rc = -1;
	daypart_set all;

	if (day && date_parse(day, &d) != 0)
		return err_field(e, "day", "\"%.40s\" is not a date (YYYY-MM-DD)", day);
	date_format(d, ds);
	if (timetable_group_load(ctx, group_id, &g, e) != 0)
		return -1;
	if (times_load(ctx, &t, e) != 0 || store_class_enrolments(ctx->st, group_id, ds, &enrolled, e) != 0 ||
	    store_class_attendance_day(ctx->st, group_id, ds, &marks, e) != 0)
		goto out;
	n = json_array_size(enrolled);
	pids = xcalloc(n + 1, sizeof *pids);
	json_array_foreach(enrolled, i, x)
		pids[i] = json_integer_value(json_object_get(x, "participant_id"));
	/* one entry per person shown; people out of scope are only counted */
	if (people_names(ctx, pids, n, "read class attendance", ACTIVITY_CLASS_ATTENDANCE, &names, e) != 0)
		goto out;
	items = json_array();
	for (i = 0; i < n; i++) {
		struct relation rel;
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)pids[i]);
		if (!json_object_get(names, key)) {
			others++;
			continue;
		}
		json_t *item = json_pack("{s:I}", "participant_id", (json_int_t)pids[i]);
		json_object_update(item, json_object_get(names, key));
		if (participant_relation(ctx, pids[i], &rel, e) != 0) {
			json_decref(item);
			goto out;
		}
		json_t *status = json_null(), *reason = json_null();
		if (access_may_read(ctx->actor.role, CAT_CIVIC_INTEGRATION, &rel)) {
			size_t k;
			json_t *m;
			json_array_foreach(marks, k, m) {
				if (json_integer_value(json_object_get(m, "participant_id")) == pids[i]) {
					status = json_object_get(m, "status");
					reason = json_object_get(m, "reason");
				}
			}
		} else {
			json_object_set_new(item, "status_hidden", json_true());
		}
		json_object_set(item, "status", status);
		json_object_set(item, "reason", reason ? reason : json_null());
		json_array_append_new(items, item);
	}
	*out = json_pack("{s:I,s:s,s:O,s:o,s:o,s:I}", "group_id", (json_int_t)group_id, "day", ds, "group_name",
			 json_object_get(g.row, "name"), "sessions", sessions_json(g.sessions, &t, &all), "items", items,
			 "others", (json_int_t)others);
	items = NULL;
	rc = 0;
out:
	timetable_group_release(&g);
	json_decref(enrolled);
	json_decref(marks);
	json_decref(names);
	json_decref(items);
	free(pids);
	return rc;
}

int app_class_attendance_put(struct app_ctx *ctx, int64_t group_id, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "day", "items", NULL };
	static const char *const item_allowed[] = { "participant_id", "status", "reason", NULL };
	struct tgroup g;
	date_t day = 0;
	char ds[DATE_STR_LEN], prefix[40];
	json_t *items, *it, *enrolled = NULL;
	int64_t *pids = NULL, forbidden = 0;
	size_t i;
	int rc = -1;

	if (timetable_group_load(ctx, group_id, &g, e) != 0)
		return -1;
	if (!json_is_object(in)) {
		err_field(e, "body", "must be a JSON object");
		goto out;
	}
	input_unknown_members(in, allowed, e);
	if (input_date(in, "day", true, &day, e) == 1) {
		if (day > ctx->today)
			err_field(e, "day", "%s lies in the future", json_string_value(json_object_get(in, "day")));
		else
			timetable_group_meets(&g, day, "day", e);
	}
	date_format(day, ds);
	items = json_object_get(in, "items");
	if (!json_is_array(items) || json_array_size(items) == 0)
		err_field(e, "items", "must be a non-empty list of {participant_id, status, reason?}");
	if (e->nfields)
		goto out;
	if (store_class_enrolments(ctx->st, group_id, ds, &enrolled, e) != 0)
		goto out;
	pids = xcalloc(json_array_size(items) + 1, sizeof *pids);
	json_array_foreach(items, i, it) {
		struct err tmp;
		const char *status = NULL;
		int64_t pid = 0;
		struct relation rel;

		snprintf(prefix, sizeof prefix, "items[%zu]", i);
		if (!json_is_object(it)) {
			err_field(e, prefix, "must be an object {participant_id, status, reason?}");
			continue;
		}
		err_init(&tmp);
		input_unknown_members(it, item_allowed, &tmp);
		input_code(it, "status", true, class_attendance_statuses, &status, &tmp);
		input_text(it, "reason", 2, REASON_MAX, false, &tmp);
		if (status && strcmp(status, "absent_excused") == 0 && !json_is_string(json_object_get(it, "reason")))
			err_field(&tmp, "reason", "is required for an excused absence");
		if (input_id(it, "participant_id", true, &pid, &tmp) == 1) {
			for (size_t k = 0; k < i; k++)
				if (pids[k] == pid)
					err_field(&tmp, "participant_id", "participant %lld is named twice", (long long)pid);
			if (!timetable_enrolled(enrolled, pid))
				err_field(&tmp, "participant_id", "participant %lld is not enrolled in the group on %s",
					  (long long)pid, ds);
			else if (participant_relation(ctx, pid, &rel, e) != 0) {
				err_release(&tmp);
				goto out;
			} else if (!access_may_write(ctx->actor.role, CAT_CIVIC_INTEGRATION, &rel))
				forbidden = pid;
		}
		fields_prefixed(e, &tmp, prefix);
		err_release(&tmp);
		pids[i] = pid;
	}
	if (forbidden && !e->nfields)
		err_set(e, ERR_FORBIDDEN, "a %s may not record class attendance of participant %lld",
			access_role(ctx->actor.role)->label, (long long)forbidden);
	if (e->nfields || forbidden)
		goto out;
	if (store_begin(ctx->st, e) != 0)
		goto out;
	int bad = 0;
	json_array_foreach(items, i, it) {
		const char *status = json_string_value(json_object_get(it, "status"));
		/* a reason belongs to an excused absence; other statuses keep none */
		const char *reason = strcmp(status, "present") == 0 ? NULL : json_string_value(json_object_get(it, "reason"));
		if (!bad)
			bad = store_class_attendance_put(ctx->st, group_id, pids[i], ds, status, reason, ctx->actor.user_id,
							 ctx->now_s, e);
	}
	if (!bad)
		bad = audit_log_many(ctx, pids, json_array_size(items), "record class attendance",
				     ACTIVITY_CLASS_ATTENDANCE, "ok", e);
	if (bad || store_commit(ctx->st, e) != 0) {
		store_rollback(ctx->st);
		goto out;
	}
	rc = 0;
out:
	timetable_group_release(&g);
	json_decref(enrolled);
	free(pids);
	return rc == 0 ? app_class_attendance_get(ctx, group_id, ds, out, e) : -1;
}
