/*
 * employer.c - employers: the employer network the account managers keep,
 * with sector, address, size, membership of the network, contacts, the
 * account manager responsible, notes and a history of everything done
 * with them. An employer is an organisation of type "employer" (so its
 * users log in as that organisation) with a row of details.
 */
#include "app/employer_internal.h"
#include "app/audit.h"
#include "app/input.h"
#include "app/participant_internal.h"
#include "domain/assessment.h"
#include "domain/codes.h"
#include "domain/placement.h"
#include "base/buf.h"
#include "base/xmalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int employer_scope(struct app_ctx *ctx, int64_t *only, struct err *e)
{
	switch (access_role(ctx->actor.role)->action[ACT_READ_EMPLOYERS]) {
	case LVL_ALL:
		*only = 0;
		return 0;
	case LVL_ORG:
		*only = ctx->actor.org_id;
		return 0;
	default:
		return err_set(e, ERR_FORBIDDEN, "a %s does not work with employers", access_role(ctx->actor.role)->label);
	}
}

int employer_need(struct app_ctx *ctx, enum access_action a, const char *what, struct err *e)
{
	if (!access_may(ctx->actor.role, a, NULL))
		return err_set(e, ERR_FORBIDDEN, "a %s may not %s", access_role(ctx->actor.role)->label, what);
	return 0;
}

int people_names(struct app_ctx *ctx, const int64_t *pids, size_t n, const char *action, enum activity activity,
		 json_t **out, struct err *e)
{
	json_t *names = json_object(), *seen = json_object();
	int64_t *shown = xcalloc(n + 1, sizeof *shown);
	size_t nshown = 0;
	char key[24];

	for (size_t i = 0; i < n; i++) {
		json_t *rec = NULL;
		struct relation rel;
		snprintf(key, sizeof key, "%lld", (long long)pids[i]);
		if (json_object_get(seen, key))
			continue;
		json_object_set_new(seen, key, json_true());
		if (participant_load(ctx, pids[i], &rec, &rel, e) != 0) {
			free(shown);
			json_decref(names);
			json_decref(seen);
			return -1;
		}
		/* out of scope: not shown at all, only counted by the caller */
		if (access_readable(ctx->actor.role, &rel) != 0) {
			if (access_may_read(ctx->actor.role, CAT_IDENTITY, &rel))
				json_object_set_new(names, key,
						    json_pack("{s:O,s:O}", "family_name",
							      json_object_get(rec, "family_name"), "given_names",
							      json_object_get(rec, "given_names")));
			else
				json_object_set_new(names, key, json_pack("{s:b}", "hidden", 1));
			shown[nshown++] = pids[i];
		}
		json_decref(rec);
	}
	json_decref(seen);
	int rc = audit_log_many(ctx, shown, nshown, action, activity, "ok", e);
	free(shown);
	if (rc != 0) {
		json_decref(names);
		return -1;
	}
	*out = names;
	return 0;
}

/* The ids of the participants in rows[*].participant_id; caller frees. */
static int64_t *row_pids(const json_t *rows, size_t *n)
{
	size_t i;
	json_t *row;
	int64_t *pids = xcalloc(json_array_size(rows) + 1, sizeof *pids);
	*n = 0;
	json_array_foreach(rows, i, row)
		pids[(*n)++] = json_integer_value(json_object_get(row, "participant_id"));
	return pids;
}

size_t people_keep_rows(json_t *rows, const json_t *names)
{
	size_t i = 0, others = 0;
	while (i < json_array_size(rows)) {
		json_t *row = json_array_get(rows, i);
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)json_integer_value(json_object_get(row, "participant_id")));
		json_t *name = json_object_get(names, key);
		if (name) {
			json_object_update(row, name);
			i++;
		} else {
			json_array_remove(rows, i);
			others++;
		}
	}
	return others;
}

int people_name_rows(struct app_ctx *ctx, json_t *rows, const char *action, enum activity activity, size_t *others,
		     struct err *e)
{
	size_t n;
	json_t *names;
	int64_t *pids = row_pids(rows, &n);
	int rc = people_names(ctx, pids, n, action, activity, &names, e);
	free(pids);
	if (rc != 0)
		return -1;
	*others = people_keep_rows(rows, names);
	json_decref(names);
	return 0;
}

static json_t *label_json(const char *list, const json_t *code)
{
	const char *label = codes_label(list, json_string_value(code));
	return label ? json_string(label) : json_null();
}

/* Labels and booleans on an employer row. */
static json_t *employer_decorate(json_t *row)
{
	json_object_set_new(row, "sector_label", label_json("sector", json_object_get(row, "sector")));
	json_object_set_new(row, "size_class_label", label_json("size_class", json_object_get(row, "size_class")));
	json_object_set_new(row, "network_member",
			    json_boolean(json_integer_value(json_object_get(row, "network_member")) != 0));
	return row;
}

int app_employer_list(struct app_ctx *ctx, const struct employer_filter *f, json_t **out, struct err *e)
{
	struct employer_query q = { .sector = f->sector, .network_member = f->network_member,
				    .account_manager_id = f->account_manager_id, .name = f->q };
	json_t *items;
	size_t i;
	json_t *row;

	if (employer_scope(ctx, &q.organisation_id, e) != 0)
		return -1;
	if (f->sector && !codes_has("sector", f->sector))
		return err_field(e, "sector", "\"%.40s\" is not a sector", f->sector);
	if (store_employer_list(ctx->st, &q, &items, e) != 0)
		return -1;
	json_array_foreach(items, i, row)
		employer_decorate(row);
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

void employer_check_details(struct app_ctx *ctx, const json_t *in, bool creating, struct err *e)
{
	const char *code;
	double d;
	bool b;
	int64_t am;

	input_listed(in, "sector", creating, "sector", &code, e);
	input_text(in, "street", 1, 100, false, e);
	input_text(in, "postal_code", 4, 10, false, e);
	input_text(in, "city", 1, 60, false, e);
	input_real(in, "latitude", false, -90, 90, &d, e);
	input_real(in, "longitude", false, -180, 180, &d, e);
	input_listed(in, "size_class", false, "size_class", &code, e);
	input_bool(in, "network_member", false, &b, e);
	input_text(in, "notes", 1, 4000, false, e);
	if (input_id(in, "account_manager_id", false, &am, e) == 1) {
		struct user_row u;
		struct err tmp;
		err_init(&tmp);
		if (store_user_get(ctx->st, am, &u, &tmp) != 0 || !u.active || strcmp(u.role, "account_manager") != 0)
			err_field(e, "account_manager_id", "user %lld is not an active account manager", (long long)am);
		err_release(&tmp);
	}
}

void employer_check_contact(const json_t *c, struct err *e)
{
	static const char *const allowed[] = { "name", "job_title", "phone", "email", NULL };
	if (!json_is_object(c)) {
		err_field(e, "contacts", "each contact must be an object");
		return;
	}
	input_unknown_members(c, allowed, e);
	input_text(c, "name", 1, 100, true, e);
	input_text(c, "job_title", 1, 100, false, e);
	input_text(c, "phone", 6, 20, false, e);
	input_text(c, "email", 3, 120, false, e);
	const char *mail = json_string_value(json_object_get(c, "email"));
	if (mail && !strchr(mail, '@'))
		err_field(e, "email", "\"%.60s\" is not an e-mail address", mail);
}

/* Append an entry to the employer's history, by the actor. */
static int history(struct app_ctx *ctx, int64_t org_id, const char *kind, const char *text, struct err *e)
{
	return store_employer_event_insert(ctx->st, org_id, ctx->today_s, kind, text, ctx->actor.user_id,
					   ctx->actor.user_id ? ctx->actor.display_name : "systeem", ctx->now_s, e);
}

int app_employer_create(struct app_ctx *ctx, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "name", "sector", "street", "postal_code", "city", "latitude",
					       "longitude", "size_class", "network_member", "account_manager_id",
					       "notes", "contacts", NULL };
	int64_t org_id;
	size_t i;
	json_t *c;

	if (employer_need(ctx, ACT_MANAGE_EMPLOYERS, "add employers", e) != 0)
		return -1;
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	input_unknown_members(in, allowed, e);
	input_text(in, "name", 2, 120, true, e);
	employer_check_details(ctx, in, true, e);
	json_t *contacts = json_object_get(in, "contacts");
	if (contacts && !json_is_array(contacts))
		err_field(e, "contacts", "must be a list");
	json_array_foreach(contacts, i, c)
		employer_check_contact(c, e);
	if (e->nfields)
		return -1;
	const char *name = json_string_value(json_object_get(in, "name"));
	if (store_begin(ctx->st, e) != 0)
		return -1;
	json_t *details = json_deep_copy(in);
	json_object_del(details, "name");
	json_object_del(details, "contacts");
	int rc = store_org_insert(ctx->st, name, "employer", &org_id, e);
	if (rc != 0 && e->kind == ERR_CONFLICT) {
		err_clear(e);
		err_field(e, "name", "an organisation named \"%.60s\" already exists", name);
		e->kind = ERR_CONFLICT;
	}
	if (rc == 0)
		rc = store_employer_insert(ctx->st, org_id, details, ctx->now_s, e);
	json_array_foreach(contacts, i, c)
		if (rc == 0)
			rc = store_contact_insert(ctx->st, org_id, c, ctx->now_s, NULL, e);
	if (rc == 0)
		rc = history(ctx, org_id, "created", "werkgever toegevoegd", e);
	json_decref(details);
	if (rc != 0 || store_commit(ctx->st, e) != 0) {
		store_rollback(ctx->st);
		return -1;
	}
	return app_employer_get(ctx, org_id, out, e);
}

int app_employer_get(struct app_ctx *ctx, int64_t id, json_t **out, struct err *e)
{
	int64_t only;
	json_t *emp = NULL, *contacts = NULL, *events = NULL, *placements = NULL, *visits = NULL, *trainings = NULL;
	size_t i;
	json_t *row;

	if (employer_scope(ctx, &only, e) != 0)
		return -1;
	if (only && only != id)
		return err_set(e, ERR_FORBIDDEN, "an employer sees only their own organisation");
	struct placement_query pq = { .organisation_id = id };
	if (store_employer_get(ctx->st, id, &emp, e) != 0 || store_contact_list(ctx->st, id, &contacts, e) != 0 ||
	    store_employer_event_list(ctx->st, id, &events, e) != 0 ||
	    store_placement_list(ctx->st, &pq, &placements, e) != 0 ||
	    store_visit_list(ctx->st, NULL, NULL, id, &visits, e) != 0 ||
	    store_training_list(ctx->st, id, &trainings, e) != 0) {
		json_decref(emp);
		json_decref(contacts);
		json_decref(events);
		json_decref(placements);
		json_decref(visits);
		return -1;
	}
	json_array_foreach(placements, i, row)
		placement_decorate(row);
	employer_decorate(emp);
	json_object_set_new(emp, "contacts", contacts);
	json_object_set_new(emp, "history", events);
	json_object_set_new(emp, "placements", placements);
	json_object_set_new(emp, "visits", visits);
	json_object_set_new(emp, "trainings", trainings);
	*out = emp;
	return 0;
}

int app_employer_update(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "sector", "street", "postal_code", "city", "latitude", "longitude",
					       "size_class", "network_member", "account_manager_id", "notes", NULL };
	json_t *emp;

	if (employer_need(ctx, ACT_MANAGE_EMPLOYERS, "change employers", e) != 0)
		return -1;
	if (store_employer_get(ctx->st, id, &emp, e) != 0)
		return -1;
	json_decref(emp);
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	input_unknown_members(in, allowed, e);
	employer_check_details(ctx, in, false, e);
	if (json_is_null(json_object_get(in, "sector")))
		err_field(e, "sector", "is required");
	if (e->nfields)
		return -1;
	if (store_begin(ctx->st, e) != 0)
		return -1;
	if (store_employer_update(ctx->st, id, in, ctx->now_s, e) != 0 ||
	    history(ctx, id, "updated", "gegevens bijgewerkt", e) != 0 || store_commit(ctx->st, e) != 0) {
		store_rollback(ctx->st);
		return -1;
	}
	return app_employer_get(ctx, id, out, e);
}

int app_employer_contact_add(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e)
{
	json_t *emp;
	char text[160];

	if (employer_need(ctx, ACT_MANAGE_EMPLOYERS, "change employers", e) != 0)
		return -1;
	if (store_employer_get(ctx->st, id, &emp, e) != 0)
		return -1;
	json_decref(emp);
	employer_check_contact(in, e);
	if (e->nfields)
		return -1;
	snprintf(text, sizeof text, "contactpersoon toegevoegd: %.100s", json_string_value(json_object_get(in, "name")));
	if (store_begin(ctx->st, e) != 0)
		return -1;
	if (store_contact_insert(ctx->st, id, in, ctx->now_s, NULL, e) != 0 || history(ctx, id, "contact", text, e) != 0 ||
	    store_commit(ctx->st, e) != 0) {
		store_rollback(ctx->st);
		return -1;
	}
	return app_employer_get(ctx, id, out, e);
}

int app_employer_note_add(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "occurred_on", "text", NULL };
	json_t *emp;
	date_t on;
	char day[DATE_STR_LEN];

	if (employer_need(ctx, ACT_MANAGE_EMPLOYERS, "write in an employer's history", e) != 0)
		return -1;
	if (store_employer_get(ctx->st, id, &emp, e) != 0)
		return -1;
	json_decref(emp);
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	input_unknown_members(in, allowed, e);
	input_text(in, "text", 1, 4000, true, e);
	int has = input_date(in, "occurred_on", false, &on, e);
	if (has == 1 && on > ctx->today)
		err_field(e, "occurred_on", "lies in the future");
	if (e->nfields)
		return -1;
	if (has == 1)
		date_format(on, day);
	else
		str_copy(day, sizeof day, ctx->today_s);
	if (store_begin(ctx->st, e) != 0)
		return -1;
	if (store_employer_event_insert(ctx->st, id, day, "note", json_string_value(json_object_get(in, "text")),
					ctx->actor.user_id, ctx->actor.user_id ? ctx->actor.display_name : "systeem",
					ctx->now_s, e) != 0 ||
	    store_commit(ctx->st, e) != 0) {
		store_rollback(ctx->st);
		return -1;
	}
	return app_employer_get(ctx, id, out, e);
}

/* Code lists as [{"code","label"}] in the given order. */
static json_t *ordered(const char *const *codes, size_t n, const char *list)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s,s:s}", "code", codes[i], "label", codes_label(list, codes[i])));
	return a;
}

void employer_codes(json_t *codes)
{
	static const char *const follow_ups[] = { "none", "trial_day", "place_offered" };
	static const char *const follow_up_labels[] = { "niets", "proefdag", "plek aangeboden" };
	static const char *const interests[] = { "none", "some", "high" };
	static const char *const interest_labels[] = { "geen", "enige", "veel" };
	static const char *const statuses[] = { "present", "late", "absent_excused", "absent_unexcused" };
	static const char *const status_labels[] = { "aanwezig", "te laat", "afwezig met reden", "afwezig zonder reden" };
	json_t *rubric = json_array(), *fu = json_array(), *in = json_array(), *att = json_array(), *ready = json_array();
	const char *loads[PHYSICAL_LOAD_COUNT];

	for (int i = 0; i < ASSESSMENT_ITEM_COUNT; i++) {
		const struct assessment_item *it = assessment_item(i);
		json_t *points = json_array();
		for (int v = it->min; v <= it->max; v++)
			json_array_append_new(points, json_pack("{s:i,s:s}", "value", v, "label",
								 assessment_point_label(i, v)));
		json_array_append_new(rubric, json_pack("{s:s,s:s,s:i,s:i,s:o}", "code", it->code, "label", it->label,
							 "min", it->min, "max", it->max, "points", points));
	}
	for (size_t i = 0; i < 3; i++) {
		json_array_append_new(fu, json_pack("{s:s,s:s}", "code", follow_ups[i], "label", follow_up_labels[i]));
		json_array_append_new(in, json_pack("{s:s,s:s}", "code", interests[i], "label", interest_labels[i]));
	}
	for (size_t i = 0; i < 4; i++)
		json_array_append_new(att, json_pack("{s:s,s:s}", "code", statuses[i], "label", status_labels[i]));
	for (int r = 0; r < READINESS_COUNT; r++)
		json_array_append_new(ready, json_pack("{s:s,s:s}", "code", readiness_code((enum readiness)r), "label",
						       readiness_label((enum readiness)r)));
	for (int i = 0; i < PHYSICAL_LOAD_COUNT; i++)
		loads[i] = placement_load_code(i);
	json_object_set_new(codes, "assessment_rubric", rubric);
	json_object_set_new(codes, "visit_follow_up", fu);
	json_object_set_new(codes, "visit_interest", in);
	json_object_set_new(codes, "attendance_status", att);
	json_object_set_new(codes, "readiness", ready);
	json_object_set_new(codes, "physical_load_order", ordered(loads, PHYSICAL_LOAD_COUNT, "physical_load"));
}
