/*
 * placement.c - places offered by employers and by the social work company
 * (its production halls are places too): what they are, what they ask and
 * offer, how many are free, who is there, and attendance on the work
 * floor. Placing someone is a phase with a placement (placing.c).
 */
#include "app/employer_internal.h"
#include "app/audit.h"
#include "app/input.h"
#include "app/participant_internal.h"
#include "domain/codes.h"
#include "domain/daypart.h"
#include "domain/placement.h"
#include "base/buf.h"
#include "base/xmalloc.h"

#include <stdlib.h>
#include <string.h>

static const char *const attendance_statuses[] = { "present", "late", "absent_excused", "absent_unexcused", NULL };

/* The label of code in list, "" when there is none. */
static const char *label_of(const char *list, const json_t *code)
{
	const char *label = codes_label(list, json_string_value(code));
	return label ? label : "";
}

json_t *placement_decorate(json_t *row)
{
	static const char *const flags[] = { "full_days", "safety_shoes", "offers_floor_guidance",
					     "offers_language_at_work", "offers_contract", "active" };
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
		json_object_set_new(row, flags[i], json_boolean(json_integer_value(json_object_get(row, flags[i])) != 0));
	json_t *parts = json_array();
	daypart_set set = 0;
	struct err tmp;
	err_init(&tmp);
	if (daypart_list_parse(json_string_value(json_object_get(row, "day_parts")), &set, &tmp) == 0) {
		for (int b = 0; b < DAYPART_BITS; b++) {
			char code[DAYPART_CODE_LEN];
			if (!(set & (1u << b)))
				continue;
			daypart_code(b, code);
			json_array_append_new(parts, json_string(code));
		}
	}
	err_release(&tmp);
	json_object_set_new(row, "day_parts", parts);
	const char *stored = json_string_value(json_object_get(row, "licences"));
	json_t *lic = stored ? json_loads(stored, 0, NULL) : NULL;
	if (!json_is_array(lic)) {
		json_decref(lic);
		lic = json_array();
	}
	json_object_set_new(row, "licences", lic);
	json_object_set_new(row, "kind_label", json_string(label_of("placement_kind", json_object_get(row, "kind"))));
	json_object_set_new(row, "sector_label", json_string(label_of("sector", json_object_get(row, "sector"))));
	json_int_t cap = json_integer_value(json_object_get(row, "capacity"));
	json_int_t occ = json_integer_value(json_object_get(row, "occupancy"));
	json_object_set_new(row, "free", json_integer(cap > occ ? cap - occ : 0));
	return row;
}

int app_placement_list(struct app_ctx *ctx, const struct placement_filter *f, json_t **out, struct err *e)
{
	struct placement_query q = { .organisation_id = f->organisation_id, .kind = f->kind, .sector = f->sector,
				     .active_only = !f->include_inactive };
	int64_t only;
	json_t *items;
	size_t i;
	json_t *row;

	if (employer_scope(ctx, &only, e) != 0)
		return -1;
	if (only) {
		if (q.organisation_id && q.organisation_id != only)
			return err_set(e, ERR_FORBIDDEN, "an employer sees only their own placements");
		q.organisation_id = only;
	}
	if (f->kind && !codes_has("placement_kind", f->kind))
		return err_field(e, "kind", "\"%.40s\" is not a kind of placement", f->kind);
	if (f->sector && !codes_has("sector", f->sector))
		return err_field(e, "sector", "\"%.40s\" is not a sector", f->sector);
	if (store_placement_list(ctx->st, &q, &items, e) != 0)
		return -1;
	json_array_foreach(items, i, row)
		placement_decorate(row);
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

/* Normalise day_parts (a list of codes) into the stored text; field error
 * otherwise. Returns the set. */
static daypart_set day_parts_in(json_t *row, const json_t *in, struct err *e)
{
	json_t *v = json_object_get(in, "day_parts");
	daypart_set set = 0;
	size_t i;
	json_t *code;
	char text[DAYPART_LIST_LEN];

	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_array(v)) {
		err_field(e, "day_parts", "must be a list of day-parts such as \"tue_morning\"");
		return 0;
	}
	json_array_foreach(v, i, code) {
		daypart_set bit;
		struct err tmp;
		err_init(&tmp);
		if (!json_is_string(code) || daypart_parse(json_string_value(code), &bit, &tmp) != 0)
			err_field(e, "day_parts", "%s", json_is_string(code) ? tmp.msg : "each day-part must be a string");
		else if (set & bit)
			err_field(e, "day_parts", "\"%s\" is named twice", json_string_value(code));
		else
			set |= bit;
		err_release(&tmp);
	}
	daypart_list_format(set, text, sizeof text);
	json_object_set_new(row, "day_parts", json_string(text));
	return set;
}

void placement_check_fields(struct app_ctx *ctx, const json_t *in, const json_t *old, json_t *row, struct err *e)
{
	static const char *const flags[] = { "full_days", "safety_shoes", "offers_floor_guidance",
					     "offers_language_at_work", "offers_contract", "active", NULL };
	static const char *const texts[] = { "title", "location", "external_id", NULL };
	bool creating = old == NULL;
	const char *code;
	long n;
	int64_t id;
	bool b;
	struct err tmp;

	err_init(&tmp);
	input_text(in, "title", 2, 120, creating, e);
	input_text(in, "location", 1, 200, false, e);
	input_text(in, "external_id", 1, 64, false, e);
	input_listed(in, "kind", creating, "placement_kind", &code, e);
	input_listed(in, "sector", false, "sector", &code, e);
	/* a minimum level is A1..C2: A0 asks nothing */
	static const char *const min_keys[] = { "min_cefr_speaking", "min_cefr_listening" };
	for (size_t i = 0; i < 2; i++)
		if (input_listed(in, min_keys[i], false, "cefr", &code, e) == 1 && cefr_rank(code) == 0)
			err_field(e, min_keys[i], "\"%s\" asks nothing: leave it out, or give A1 to C2", code);
	input_listed(in, "physical_load", false, "physical_load", &code, e);
	input_int(in, "capacity", creating, 1, 500, &n, e);
	input_int(in, "min_isced", false, 0, 8, &n, e);
	for (const char *const *f = flags; *f; f++)
		input_bool(in, *f, false, &b, e);
	const char *isco = json_string_value(json_object_get(in, "isco_code"));
	if (json_object_get(in, "isco_code") && !json_is_null(json_object_get(in, "isco_code")) &&
	    (isco == NULL || !codes_isco_valid(isco)))
		err_field(e, "isco_code", "\"%.20s\" is not an ISCO-08 occupation code", isco ? isco : "(not a string)");
	json_t *lic = json_object_get(in, "licences");
	if (lic && !json_is_null(lic)) {
		size_t i;
		json_t *l;
		if (!json_is_array(lic))
			err_field(e, "licences", "must be a list of licence codes");
		json_array_foreach(lic, i, l)
			if (!codes_has("licences", json_string_value(l)))
				err_field(e, "licences", "\"%.40s\" is not a licence",
					  json_is_string(l) ? json_string_value(l) : "(not a string)");
		json_object_set(row, "licences", lic);
	}
	/* the organisation: an employer or the social work company */
	if (input_id(in, "organisation_id", creating, &id, e) == 1) {
		struct org_row o;
		if (store_org_get(ctx->st, id, &o, &tmp) != 0)
			err_field(e, "organisation_id", "organisation %lld does not exist", (long long)id);
		else if (strcmp(o.type, "employer") != 0 && strcmp(o.type, "social_work_company") != 0)
			err_field(e, "organisation_id", "\"%s\" is not an employer or the social work company", o.name);
		json_object_set_new(row, "organisation_id", json_integer(id));
	}
	int64_t org = json_integer_value(json_object_get(row, "organisation_id"));
	if (!org && old)
		org = json_integer_value(json_object_get(old, "organisation_id"));
	if (input_id(in, "supervisor_user_id", false, &id, e) == 1) {
		struct user_row u;
		if (store_user_get(ctx->st, id, &u, &tmp) != 0 || !u.active)
			err_field(e, "supervisor_user_id", "user %lld does not exist or is inactive", (long long)id);
		else if (org && u.org_id != org)
			err_field(e, "supervisor_user_id", "%s works at another organisation", u.display_name);
	}
	/* period and hours against day-parts, merged with what is stored */
	daypart_set parts = day_parts_in(row, in, e);
	if (!json_object_get(in, "day_parts") && old)
		daypart_list_parse(json_string_value(json_object_get(old, "day_parts")), &parts, &tmp);
	date_t start = 0, end = 0;
	int hs = input_date(in, "start_date", false, &start, e), he = input_date(in, "end_date", false, &end, e);
	if (hs == 0 && old && json_string_value(json_object_get(old, "start_date")))
		hs = date_parse(json_string_value(json_object_get(old, "start_date")), &start) == 0;
	if (he == 0 && old && json_string_value(json_object_get(old, "end_date")))
		he = date_parse(json_string_value(json_object_get(old, "end_date")), &end) == 0;
	if (hs >= 0 && he >= 0)
		placement_validate_period(hs == 1, start, he == 1, end, e);
	long hours = 0;
	int hh = input_int(in, "hours_per_week", false, PLACEMENT_HOURS_MIN, PLACEMENT_HOURS_MAX, &hours, e);
	if (hh == 0 && old && json_is_integer(json_object_get(old, "hours_per_week")))
		hours = (long)json_integer_value(json_object_get(old, "hours_per_week")), hh = 1;
	if (hh == 1)
		placement_hours_check((int)hours, parts, e);
	/* the rest as given */
	static const char *const copy[] = { "kind", "sector", "isco_code", "capacity", "start_date", "end_date",
					    "hours_per_week", "min_cefr_speaking", "min_cefr_listening", "min_isced",
					    "physical_load", "supervisor_user_id", NULL };
	for (const char *const *c = copy; *c; c++)
		if (json_object_get(in, *c))
			json_object_set(row, *c, json_object_get(in, *c));
	for (const char *const *c = texts; *c; c++)
		if (json_object_get(in, *c))
			json_object_set(row, *c, json_object_get(in, *c));
	for (const char *const *f = flags; *f; f++)
		if (json_object_get(in, *f))
			json_object_set(row, *f, json_object_get(in, *f));
	err_release(&tmp);
}

static const char *const placement_members[] = {
	"organisation_id", "kind", "title", "isco_code", "sector", "location", "capacity", "start_date", "end_date",
	"hours_per_week", "day_parts", "full_days", "min_cefr_speaking", "min_cefr_listening", "min_isced", "licences",
	"physical_load", "safety_shoes", "offers_floor_guidance", "offers_language_at_work", "offers_contract",
	"supervisor_user_id", "external_id", "active", NULL
};

int app_placement_create(struct app_ctx *ctx, const json_t *in, json_t **out, struct err *e)
{
	int64_t id;
	struct buf text;

	if (employer_need(ctx, ACT_MANAGE_EMPLOYERS, "offer placements", e) != 0)
		return -1;
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	input_unknown_members(in, placement_members, e);
	json_t *row = json_object();
	placement_check_fields(ctx, in, NULL, row, e);
	if (e->nfields) {
		json_decref(row);
		return -1;
	}
	int64_t org = json_integer_value(json_object_get(row, "organisation_id"));
	if (!json_object_get(row, "sector")) {
		/* the employer's sector, or "other" for the social work company's halls */
		json_t *emp = NULL;
		struct err tmp;
		err_init(&tmp);
		if (store_employer_get(ctx->st, org, &emp, &tmp) == 0)
			json_object_set(row, "sector", json_object_get(emp, "sector"));
		else
			json_object_set_new(row, "sector", json_string("other"));
		json_decref(emp);
		err_release(&tmp);
	}
	buf_init(&text, 0);
	buf_printf(&text, "plaats aangeboden: %s (%s, %lld plaatsen)", json_string_value(json_object_get(row, "title")),
		   codes_label("placement_kind", json_string_value(json_object_get(row, "kind"))),
		   (long long)json_integer_value(json_object_get(row, "capacity")));
	int rc = store_begin(ctx->st, e);
	if (rc == 0) {
		rc = store_placement_insert(ctx->st, row, ctx->now_s, &id, e);
		if (rc != 0 && e->kind == ERR_CONFLICT) {
			err_clear(e);
			err_field(e, "external_id", "\"%.60s\" is already used by another placement",
				  json_string_value(json_object_get(row, "external_id")));
			e->kind = ERR_CONFLICT;
		}
		if (rc == 0)
			rc = store_employer_event_insert(ctx->st, org, ctx->today_s, "placement", text.data,
							 ctx->actor.user_id,
							 ctx->actor.user_id ? ctx->actor.display_name : "systeem", ctx->now_s,
							 e);
		if (rc == 0)
			rc = store_commit(ctx->st, e);
		if (rc != 0)
			store_rollback(ctx->st);
	}
	buf_release(&text);
	json_decref(row);
	return rc == 0 ? app_placement_get(ctx, id, out, e) : -1;
}

/* The placement if the actor may read it (employers: their own only). */
static int placement_open(struct app_ctx *ctx, int64_t id, json_t **pl, struct err *e)
{
	int64_t only;
	if (employer_scope(ctx, &only, e) != 0 || store_placement_get(ctx->st, id, pl, e) != 0)
		return -1;
	if (only && json_integer_value(json_object_get(*pl, "organisation_id")) != only) {
		json_decref(*pl);
		return err_set(e, ERR_FORBIDDEN, "an employer sees only their own placements");
	}
	return 0;
}

int app_placement_get(struct app_ctx *ctx, int64_t id, json_t **out, struct err *e)
{
	json_t *pl, *occ = NULL;
	size_t others;
	if (placement_open(ctx, id, &pl, e) != 0)
		return -1;
	if (store_placement_occupants(ctx->st, id, &occ, e) != 0 ||
	    people_name_rows(ctx, occ, "list", ACTIVITY_PLACEMENT, &others, e) != 0) {
		json_decref(occ);
		json_decref(pl);
		return -1;
	}
	json_object_set_new(placement_decorate(pl), "occupants", occ);
	json_object_set_new(pl, "occupants_others", json_integer((json_int_t)others));
	*out = pl;
	return 0;
}

int app_placement_update(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "kind", "title", "isco_code", "sector", "location", "capacity",
					       "start_date", "end_date", "hours_per_week", "day_parts", "full_days",
					       "min_cefr_speaking", "min_cefr_listening", "min_isced", "licences",
					       "physical_load", "safety_shoes", "offers_floor_guidance",
					       "offers_language_at_work", "offers_contract", "supervisor_user_id",
					       "external_id", "active", NULL };
	json_t *old;

	if (employer_need(ctx, ACT_MANAGE_EMPLOYERS, "change placements", e) != 0)
		return -1;
	if (store_placement_get(ctx->st, id, &old, e) != 0)
		return -1;
	if (!json_is_object(in)) {
		json_decref(old);
		return err_field(e, "body", "must be a JSON object");
	}
	input_unknown_members(in, allowed, e);
	static const char *const required[] = { "kind", "title", "capacity", "sector", NULL };
	for (const char *const *r = required; *r; r++)
		if (json_is_null(json_object_get(in, *r)))
			err_field(e, *r, "is required");
	json_t *row = json_object();
	placement_check_fields(ctx, in, old, row, e);
	long cap;
	json_int_t occ = json_integer_value(json_object_get(old, "occupancy"));
	if (input_int(in, "capacity", false, 1, 500, &cap, e) == 1 && cap < occ)
		err_field(e, "capacity", "%ld is below the %lld people placed now", cap, (long long)occ);
	json_decref(old);
	if (e->nfields) {
		json_decref(row);
		return -1;
	}
	int rc = store_placement_update(ctx->st, id, row, ctx->now_s, e);
	json_decref(row);
	return rc == 0 ? app_placement_get(ctx, id, out, e) : -1;
}

/* The phase kind a placement of kind `kind` is linked to. */
static const char *phase_kind_for(const char *kind)
{
	static const char *const map[][2] = {
		{ "vacancy", "paid_work" }, { "sheltered_place", "sheltered_work" }, { "secondment", "sheltered_work" },
	};
	for (size_t i = 0; kind && i < sizeof map / sizeof map[0]; i++)
		if (strcmp(kind, map[i][0]) == 0)
			return map[i][1];
	return kind;
}

int app_placement_check(struct app_ctx *ctx, int64_t id, int64_t pid, json_t **out, struct err *e)
{
	json_t *rec = NULL, *pl = NULL, *checked = NULL;
	struct relation rel;
	struct err check;

	if (placement_open(ctx, id, &pl, e) != 0)
		return -1;
	if (participant_load(ctx, pid, &rec, &rel, e) != 0) {
		json_decref(pl);
		return -1;
	}
	if (!access_may_read(ctx->actor.role, CAT_PATH, &rel)) {
		json_decref(rec);
		json_decref(pl);
		err_set(e, ERR_FORBIDDEN, "a %s may not see the path of participant %lld",
			access_role(ctx->actor.role)->label, (long long)pid);
		return participant_refused(ctx, pid, "check placement", ACTIVITY_PLACEMENT, e);
	}
	err_init(&check);
	const char *kind = phase_kind_for(json_string_value(json_object_get(pl, "kind")));
	int rc = placing_check(ctx, pid, rec, kind, ctx->today, false, id, NULL, &checked, &check);
	json_t *gaps = json_array();
	for (size_t i = 0; i < check.nfields; i++)
		json_array_append_new(gaps, json_pack("{s:s,s:s}", "requirement", check.fields[i].field, "reason",
						      check.fields[i].reason));
	if (rc != 0 && check.nfields == 0)
		json_array_append_new(gaps, json_pack("{s:s,s:s}", "requirement", "placement", "reason", check.msg));
	*out = json_pack("{s:b,s:O,s:O,s:o}", "fits", rc == 0, "capacity", json_object_get(pl, "capacity"),
			 "occupancy", json_object_get(pl, "occupancy"), "gaps", gaps);
	json_decref(checked);
	json_decref(pl);
	json_decref(rec);
	err_release(&check);
	if (audit_log(ctx, pid, "check placement", ACTIVITY_PLACEMENT, "ok", e) != 0) {
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* ---- attendance ---- */

int app_attendance_record(struct app_ctx *ctx, int64_t placement_id, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "day", "items", NULL };
	static const char *const item_allowed[] = { "participant_id", "status", "note", NULL };
	json_t *pl, *occ = NULL, *items;
	date_t day;
	size_t i;
	json_t *it;

	if (placement_open(ctx, placement_id, &pl, e) != 0)
		return -1;
	json_decref(pl);
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	input_unknown_members(in, allowed, e);
	if (input_date(in, "day", true, &day, e) == 1 && day > ctx->today)
		err_field(e, "day", "lies in the future");
	items = json_object_get(in, "items");
	if (!json_is_array(items) || json_array_size(items) == 0)
		err_field(e, "items", "must be a non-empty list of {participant_id, status}");
	if (e->nfields)
		return -1;
	if (store_placement_occupants(ctx->st, placement_id, &occ, e) != 0)
		return -1;
	int64_t *pids = xcalloc(json_array_size(items) + 1, sizeof *pids), forbidden = 0;
	json_array_foreach(items, i, it) {
		const char *status;
		int64_t pid = 0;
		struct relation rel;
		struct err tmp;
		if (!json_is_object(it)) {
			err_field(e, "items", "entry %zu must be an object", i + 1);
			continue;
		}
		input_unknown_members(it, item_allowed, e);
		input_code(it, "status", true, attendance_statuses, &status, e);
		input_text(it, "note", 1, 500, false, e);
		if (input_id(it, "participant_id", true, &pid, e) != 1)
			continue;
		bool placed = false;
		size_t k;
		json_t *o;
		json_array_foreach(occ, k, o)
			placed |= json_integer_value(json_object_get(o, "participant_id")) == pid;
		err_init(&tmp);
		if (!placed)
			err_field(e, "participant_id", "participant %lld is not placed here", (long long)pid);
		else if (participant_relation(ctx, pid, &rel, &tmp) != 0 ||
			 !access_may_write(ctx->actor.role, CAT_ASSESSMENTS, &rel))
			forbidden = pid;
		err_release(&tmp);
		pids[i] = pid;
	}
	json_decref(occ);
	if (forbidden && !e->nfields)
		err_set(e, ERR_FORBIDDEN, "a %s may not record attendance of participant %lld",
			access_role(ctx->actor.role)->label, (long long)forbidden);
	if (e->nfields || forbidden) {
		free(pids);
		return -1;
	}
	char d[DATE_STR_LEN];
	date_format(day, d);
	int rc = store_begin(ctx->st, e);
	json_array_foreach(items, i, it)
		if (rc == 0)
			rc = store_attendance_put(ctx->st, pids[i], placement_id, d,
						  json_string_value(json_object_get(it, "status")),
						  json_string_value(json_object_get(it, "note")), ctx->actor.user_id,
						  ctx->now_s, e);
	if (rc == 0)
		rc = audit_log_many(ctx, pids, json_array_size(items), "record attendance", ACTIVITY_PLACEMENT, "ok", e);
	free(pids);
	if (rc != 0 || store_commit(ctx->st, e) != 0) {
		store_rollback(ctx->st);
		return -1;
	}
	return app_attendance_list(ctx, placement_id, d, d, out, e);
}

int app_attendance_list(struct app_ctx *ctx, int64_t placement_id, const char *from, const char *to, json_t **out,
			struct err *e)
{
	json_t *pl, *items, *shown;
	date_t d;
	size_t i, others = 0, more;
	json_t *row;

	if (from && date_parse(from, &d) != 0)
		return err_field(e, "from", "\"%.40s\" is not a date (YYYY-MM-DD)", from);
	if (to && date_parse(to, &d) != 0)
		return err_field(e, "to", "\"%.40s\" is not a date (YYYY-MM-DD)", to);
	if (placement_open(ctx, placement_id, &pl, e) != 0)
		return -1;
	json_decref(pl);
	if (store_attendance_list(ctx->st, 0, placement_id, from, to, &items, e) != 0)
		return -1;
	/* only the marks of people whose work-floor data the actor may read */
	shown = json_array();
	json_array_foreach(items, i, row) {
		struct relation rel;
		struct err tmp;
		err_init(&tmp);
		if (participant_relation(ctx, json_integer_value(json_object_get(row, "participant_id")), &rel, &tmp) == 0 &&
		    access_may_read(ctx->actor.role, CAT_ASSESSMENTS, &rel))
			json_array_append(shown, row);
		else
			others++;
		err_release(&tmp);
	}
	json_decref(items);
	if (people_name_rows(ctx, shown, "list", ACTIVITY_PLACEMENT, &more, e) != 0) {
		json_decref(shown);
		return -1;
	}
	*out = json_pack("{s:o,s:I}", "items", shown, "others", (json_int_t)(others + more));
	return 0;
}
