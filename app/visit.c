/*
 * visit.c - company visits and matching events: plan one with its
 * employers, invite a group of participants up to its capacity, record
 * who came and how interested they were, record each employer's
 * follow-up, and see what a visit led to.
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

static const char *const visit_kinds[] = { "company_visit", "matching_event", NULL };
static const char *const interests[] = { "none", "some", "high", NULL };
static const char *const follow_ups[] = { "none", "trial_day", "place_offered", NULL };

int app_visit_list(struct app_ctx *ctx, const char *from, const char *to, json_t **out, struct err *e)
{
	int64_t only;
	date_t d;
	json_t *items;

	if (employer_scope(ctx, &only, e) != 0)
		return -1;
	if (from && date_parse(from, &d) != 0)
		err_field(e, "from", "\"%.40s\" is not a date (YYYY-MM-DD)", from);
	if (to && date_parse(to, &d) != 0)
		err_field(e, "to", "\"%.40s\" is not a date (YYYY-MM-DD)", to);
	if (e->nfields || store_visit_list(ctx->st, from, to, only, &items, e) != 0)
		return -1;
	size_t i;
	json_t *row;
	json_array_foreach(items, i, row) {
		json_t *emps;
		if (store_visit_employers(ctx->st, json_integer_value(json_object_get(row, "id")), &emps, e) != 0) {
			json_decref(items);
			return -1;
		}
		json_object_set_new(row, "employers", emps);
	}
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

int app_visit_create(struct app_ctx *ctx, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "kind", "title", "held_on", "start_time", "location", "capacity",
					       "language_support", "employer_ids", "notes", NULL };
	const char *kind;
	date_t on;
	long cap;
	int64_t id;
	size_t i;
	json_t *v;

	if (employer_need(ctx, ACT_MANAGE_VISITS, "plan company visits", e) != 0)
		return -1;
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	input_unknown_members(in, allowed, e);
	input_code(in, "kind", true, visit_kinds, &kind, e);
	input_text(in, "title", 2, 120, true, e);
	input_date(in, "held_on", true, &on, e);
	input_text(in, "location", 1, 200, false, e);
	input_int(in, "capacity", true, 1, 200, &cap, e);
	input_text(in, "language_support", 1, 200, false, e);
	input_text(in, "notes", 1, 4000, false, e);
	const char *time = json_string_value(json_object_get(in, "start_time"));
	int hh, mm;
	char rest;
	if (json_object_get(in, "start_time") && !json_is_null(json_object_get(in, "start_time")) &&
	    (time == NULL || sscanf(time, "%2d:%2d%c", &hh, &mm, &rest) != 2 || strlen(time) != 5 || hh > 23 || mm > 59))
		err_field(e, "start_time", "\"%.20s\" is not a time (HH:MM)", time ? time : "(not a string)");
	json_t *emps = json_object_get(in, "employer_ids");
	if (!json_is_array(emps) || json_array_size(emps) == 0)
		err_field(e, "employer_ids", "name at least one employer");
	json_array_foreach(emps, i, v) {
		struct org_row o;
		struct err tmp;
		err_init(&tmp);
		if (!json_is_integer(v) || store_org_get(ctx->st, json_integer_value(v), &o, &tmp) != 0 ||
		    strcmp(o.type, "employer") != 0)
			err_field(e, "employer_ids", "%lld is not an employer", (long long)json_integer_value(v));
		err_release(&tmp);
	}
	if (e->nfields)
		return -1;
	json_t *row = json_deep_copy(in);
	json_object_del(row, "employer_ids");
	if (ctx->actor.user_id)
		json_object_set_new(row, "organiser_user_id", json_integer(ctx->actor.user_id));
	struct buf text;
	buf_init(&text, 0);
	buf_printf(&text, "%s gepland op %s: %s", strcmp(kind, "company_visit") == 0 ? "bedrijfsbezoek" : "matchingsevent",
		   json_string_value(json_object_get(in, "held_on")), json_string_value(json_object_get(in, "title")));
	int rc = store_begin(ctx->st, e);
	if (rc == 0)
		rc = store_visit_insert(ctx->st, row, ctx->now_s, &id, e);
	json_array_foreach(emps, i, v) {
		/* an employer named twice hosts once */
		bool again = false;
		for (size_t k = 0; k < i && !again; k++)
			again = json_integer_value(json_array_get(emps, k)) == json_integer_value(v);
		if (again)
			continue;
		if (rc == 0)
			rc = store_visit_employer_add(ctx->st, id, json_integer_value(v), e);
		if (rc == 0)
			rc = store_employer_event_insert(ctx->st, json_integer_value(v), ctx->today_s, "visit", text.data,
							 ctx->actor.user_id,
							 ctx->actor.user_id ? ctx->actor.display_name : "systeem", ctx->now_s,
							 e);
	}
	if (rc == 0)
		rc = store_commit(ctx->st, e);
	if (rc != 0)
		store_rollback(ctx->st);
	buf_release(&text);
	json_decref(row);
	return rc == 0 ? app_visit_get(ctx, id, out, e) : -1;
}

/* The visit if the actor may see it (an employer: one they host). */
static int visit_open(struct app_ctx *ctx, int64_t id, json_t **visit, json_t **employers, struct err *e)
{
	int64_t only;
	size_t i;
	json_t *v;
	bool hosts = false;

	if (employer_scope(ctx, &only, e) != 0 || store_visit_get(ctx->st, id, visit, e) != 0)
		return -1;
	if (store_visit_employers(ctx->st, id, employers, e) != 0) {
		json_decref(*visit);
		return -1;
	}
	json_array_foreach(*employers, i, v)
		hosts |= json_integer_value(json_object_get(v, "id")) == only;
	if (only && !hosts) {
		json_decref(*visit);
		json_decref(*employers);
		return err_set(e, ERR_FORBIDDEN, "an employer sees only the visits they host");
	}
	return 0;
}

int app_visit_get(struct app_ctx *ctx, int64_t id, json_t **out, struct err *e)
{
	json_t *visit, *emps, *people = NULL, *fus = NULL, *names = NULL, *row;
	int64_t *pids = NULL;
	size_t i, n = 0;

	if (visit_open(ctx, id, &visit, &emps, e) != 0)
		return -1;
	if (store_visit_participants(ctx->st, id, &people, e) != 0 || store_visit_follow_ups(ctx->st, id, &fus, e) != 0)
		goto fail;
	/* an employer sees the follow-ups of their own organisation only */
	if (ctx->actor.role == ROLE_EMPLOYER) {
		json_t *own = json_array();
		json_array_foreach(fus, i, row)
			if (json_integer_value(json_object_get(row, "organisation_id")) == ctx->actor.org_id)
				json_array_append(own, row);
		json_decref(fus);
		fus = own;
	}
	/* invitations and follow-ups show only people in the actor's scope,
	 * each logged once; the others are counted */
	pids = xcalloc(json_array_size(people) + json_array_size(fus) + 1, sizeof *pids);
	json_array_foreach(people, i, row)
		pids[n++] = json_integer_value(json_object_get(row, "participant_id"));
	json_array_foreach(fus, i, row)
		pids[n++] = json_integer_value(json_object_get(row, "participant_id"));
	if (people_names(ctx, pids, n, "list", ACTIVITY_VISIT, &names, e) != 0)
		goto fail;
	json_object_set_new(visit, "participants_others", json_integer((json_int_t)people_keep_rows(people, names)));
	json_array_foreach(people, i, row) {
		json_t *att = json_object_get(row, "attended");
		json_object_set_new(row, "attended", json_is_integer(att) ? json_boolean(json_integer_value(att)) : json_null());
	}
	json_object_set_new(visit, "follow_ups_others", json_integer((json_int_t)people_keep_rows(fus, names)));
	json_object_set_new(visit, "employers", emps);
	json_object_set_new(visit, "participants", people);
	json_object_set_new(visit, "follow_ups", fus);
	json_decref(names);
	free(pids);
	*out = visit;
	return 0;
fail:
	json_decref(visit);
	json_decref(emps);
	json_decref(people);
	json_decref(fus);
	free(pids);
	return -1;
}

/* The participant ids of a list member, each one the actor may place on a
 * visit (their path is theirs to keep, or they place people). */
static int64_t *visit_people(struct app_ctx *ctx, const json_t *list, const char *key, size_t *n, struct err *e)
{
	size_t i;
	json_t *v;
	int64_t *pids = xcalloc(json_array_size(list) + 1, sizeof *pids);

	*n = 0;
	json_array_foreach(list, i, v) {
		int64_t pid = json_is_integer(v) ? json_integer_value(v)
						 : json_integer_value(json_object_get(v, "participant_id"));
		struct relation rel;
		struct err tmp;
		err_init(&tmp);
		if (pid <= 0)
			err_field(e, key, "entry %zu names no participant", i + 1);
		else if (participant_load(ctx, pid, NULL, &rel, &tmp) != 0)
			err_field(e, key, "participant %lld does not exist", (long long)pid);
		else if (!access_may_read(ctx->actor.role, CAT_PATH, &rel))
			err_field(e, key, "participant %lld is not someone a %s guides", (long long)pid,
				  access_role(ctx->actor.role)->label);
		err_release(&tmp);
		pids[(*n)++] = pid;
	}
	return pids;
}

int app_visit_invite(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "participant_ids", NULL };
	json_t *visit, *emps, *people;
	size_t n, i;

	if (employer_need(ctx, ACT_MANAGE_VISITS, "invite people to visits", e) != 0 ||
	    visit_open(ctx, id, &visit, &emps, e) != 0)
		return -1;
	json_decref(emps);
	if (!json_is_object(in)) {
		json_decref(visit);
		return err_field(e, "body", "must be a JSON object");
	}
	input_unknown_members(in, allowed, e);
	json_t *list = json_object_get(in, "participant_ids");
	if (!json_is_array(list) || json_array_size(list) == 0)
		err_field(e, "participant_ids", "must be a non-empty list of participant ids");
	int64_t *pids = visit_people(ctx, list, "participant_ids", &n, e);
	if (e->nfields || store_visit_participants(ctx->st, id, &people, e) != 0) {
		free(pids);
		json_decref(visit);
		return -1;
	}
	/* count the new ones against the places left */
	size_t fresh = 0;
	for (i = 0; i < n; i++) {
		bool known = false;
		size_t k;
		json_t *row;
		json_array_foreach(people, k, row)
			known |= json_integer_value(json_object_get(row, "participant_id")) == pids[i];
		for (k = 0; k < i && !known; k++)
			known = pids[k] == pids[i];
		fresh += !known;
	}
	json_int_t cap = json_integer_value(json_object_get(visit, "capacity"));
	size_t invited = json_array_size(people);
	json_decref(people);
	if ((json_int_t)(invited + fresh) > cap) {
		free(pids);
		err_set(e, ERR_CONFLICT, "visit \"%s\" has %lld places: %zu invited, %zu more do not fit",
			json_string_value(json_object_get(visit, "title")), (long long)cap, invited, fresh);
		json_decref(visit);
		return -1;
	}
	json_decref(visit);
	int rc = store_begin(ctx->st, e);
	for (i = 0; rc == 0 && i < n; i++)
		rc = store_visit_invite(ctx->st, id, pids[i], ctx->now_s, e);
	if (rc == 0)
		rc = audit_log_many(ctx, pids, n, "invite", ACTIVITY_VISIT, "ok", e);
	free(pids);
	if (rc != 0 || store_commit(ctx->st, e) != 0) {
		store_rollback(ctx->st);
		return -1;
	}
	return app_visit_get(ctx, id, out, e);
}

int app_visit_attendance(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "items", NULL };
	static const char *const item_allowed[] = { "participant_id", "attended", "interest", NULL };
	json_t *visit, *emps, *people, *it;
	size_t n, i;
	date_t held;

	if (employer_need(ctx, ACT_MANAGE_VISITS, "record attendance at visits", e) != 0 ||
	    visit_open(ctx, id, &visit, &emps, e) != 0)
		return -1;
	json_decref(emps);
	bool future = row_date(visit, "held_on", &held) && held > ctx->today;
	json_decref(visit);
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	input_unknown_members(in, allowed, e);
	json_t *items = json_object_get(in, "items");
	if (!json_is_array(items) || json_array_size(items) == 0)
		err_field(e, "items", "must be a non-empty list of {participant_id, attended, interest}");
	json_array_foreach(items, i, it) {
		const char *code;
		bool b;
		if (!json_is_object(it)) {
			err_field(e, "items", "entry %zu must be an object", i + 1);
			continue;
		}
		input_unknown_members(it, item_allowed, e);
		if (input_bool(it, "attended", false, &b, e) == 1 && future)
			err_field(e, "attended", "the visit has not taken place yet");
		input_code(it, "interest", false, interests, &code, e);
	}
	int64_t *pids = visit_people(ctx, items, "participant_id", &n, e);
	if (e->nfields == 0 && store_visit_participants(ctx->st, id, &people, e) == 0) {
		for (i = 0; i < n; i++) {
			bool invited = false;
			size_t k;
			json_t *row;
			json_array_foreach(people, k, row)
				invited |= json_integer_value(json_object_get(row, "participant_id")) == pids[i];
			if (!invited)
				err_field(e, "participant_id", "participant %lld is not invited", (long long)pids[i]);
		}
		json_decref(people);
	}
	if (e->nfields || e->kind) {
		free(pids);
		return -1;
	}
	int rc = store_begin(ctx->st, e);
	json_array_foreach(items, i, it)
		if (rc == 0)
			rc = store_visit_record(ctx->st, id, pids[i], json_object_get(it, "attended"),
						json_object_get(it, "interest"), e);
	if (rc == 0)
		rc = audit_log_many(ctx, pids, n, "record visit attendance", ACTIVITY_VISIT, "ok", e);
	free(pids);
	if (rc != 0 || store_commit(ctx->st, e) != 0) {
		store_rollback(ctx->st);
		return -1;
	}
	return app_visit_get(ctx, id, out, e);
}

int app_visit_follow_up(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "participant_id", "organisation_id", "follow_up", "note", NULL };
	json_t *visit, *emps, *people, *row;
	const char *fu;
	int64_t pid = 0, org = 0;
	size_t i;

	if (visit_open(ctx, id, &visit, &emps, e) != 0)
		return -1;
	json_decref(visit);
	/* account managers record any employer's answer; an employer their own */
	bool manager = access_may(ctx->actor.role, ACT_MANAGE_VISITS, NULL);
	if (!manager && ctx->actor.role != ROLE_EMPLOYER) {
		json_decref(emps);
		return err_set(e, ERR_FORBIDDEN, "a %s may not record an employer's follow-up",
			       access_role(ctx->actor.role)->label);
	}
	if (!json_is_object(in)) {
		json_decref(emps);
		return err_field(e, "body", "must be a JSON object");
	}
	input_unknown_members(in, allowed, e);
	input_code(in, "follow_up", true, follow_ups, &fu, e);
	input_text(in, "note", 1, 1000, false, e);
	input_id(in, "participant_id", true, &pid, e);
	if (input_id(in, "organisation_id", manager, &org, e) == 0)
		org = ctx->actor.org_id;
	bool hosts = false;
	json_array_foreach(emps, i, row)
		hosts |= json_integer_value(json_object_get(row, "id")) == org;
	json_decref(emps);
	if (org && !hosts)
		err_field(e, "organisation_id", "organisation %lld is not an employer of this visit", (long long)org);
	if (!manager && org != ctx->actor.org_id)
		return err_set(e, ERR_FORBIDDEN, "an employer answers for their own organisation only");
	if (e->nfields == 0 && pid && store_visit_participants(ctx->st, id, &people, e) == 0) {
		bool invited = false;
		json_array_foreach(people, i, row)
			invited |= json_integer_value(json_object_get(row, "participant_id")) == pid;
		json_decref(people);
		if (!invited)
			err_field(e, "participant_id", "participant %lld is not invited", (long long)pid);
	}
	if (e->nfields || e->kind)
		return -1;
	int rc = store_begin(ctx->st, e);
	if (rc == 0 && (store_visit_follow_up_put(ctx->st, id, pid, org, fu, json_string_value(json_object_get(in, "note")),
						  ctx->now_s, e) != 0 ||
			audit_log(ctx, pid, "visit follow-up", ACTIVITY_VISIT, "ok", e) != 0 ||
			store_commit(ctx->st, e) != 0)) {
		store_rollback(ctx->st);
		rc = -1;
	}
	return rc == 0 ? app_visit_get(ctx, id, out, e) : -1;
}
