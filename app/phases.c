/*
 * phases.c - the phases of a participant's path and the intake. The
 * transition table and date rules are domain/phase.c's; this file loads
 * the phases, applies them, and closes the step a new one replaces.
 */
#include "app/path.h"
#include "app/audit.h"
#include "app/input.h"
#include "app/path_internal.h"
#include "app/employer_internal.h"
#include "domain/ladder.h"
#include "domain/phase.h"
#include "domain/signal.h"
#include "base/buf.h"
#include "base/xmalloc.h"

#include <stdlib.h>
#include <string.h>

static const char *const first_steps[] = { "study", "internal_work_learning", "external_work_learning",
					   "care_activation", "sheltered_work", NULL };
static const char *const study_choices[] = { "accepted", "declined", NULL };

/* Phase rows as the domain sees them; caller frees. */
static struct phase *to_phases(const json_t *items, size_t *n)
{
	size_t i;
	json_t *row;
	struct phase *ps = xcalloc(json_array_size(items) + 1, sizeof *ps);
	*n = 0;
	json_array_foreach(items, i, row) {
		struct phase *p = &ps[*n];
		enum phase_kind k;
		if (phase_kind_find(json_string_value(json_object_get(row, "kind")), &k) != 0 ||
		    !row_date(row, "start_date", &p->start))
			continue;
		p->id = (long)json_integer_value(json_object_get(row, "id"));
		p->kind = k;
		p->has_planned_end = row_date(row, "planned_end", &p->planned_end);
		p->has_actual_end = row_date(row, "actual_end", &p->actual_end);
		(*n)++;
	}
	return ps;
}

/* Add labels and "open" to the phase rows. */
static void decorate(json_t *items, date_t today)
{
	size_t i;
	json_t *row;
	static const char *const tracks[] = { "main", "beside", "inside" };
	json_array_foreach(items, i, row) {
		enum phase_kind k;
		if (phase_kind_find(json_string_value(json_object_get(row, "kind")), &k) != 0)
			continue;
		const struct phase_kind_def *d = phase_kind_def(k);
		date_t start, end;
		bool open = row_date(row, "start_date", &start) && start <= today &&
			    !(row_date(row, "actual_end", &end) && end <= today);
		json_object_set_new(row, "kind_label", json_string(d->label));
		json_object_set_new(row, "track", json_string(tracks[d->track]));
		json_object_set_new(row, "open", json_boolean(open));
	}
}

static json_t *find_id(json_t *items, int64_t id)
{
	size_t i;
	json_t *row;
	json_array_foreach(items, i, row)
		if (json_integer_value(json_object_get(row, "id")) == id)
			return row;
	return NULL;
}

int app_phase_list(struct app_ctx *ctx, int64_t pid, json_t **out, struct err *e)
{
	json_t *items;
	size_t n;

	if (path_open(ctx, pid, CAT_PATH, false, NULL, NULL, e) != 0 || store_phase_list(ctx->st, pid, &items, e) != 0)
		return -1;
	if (audit_log(ctx, pid, "read path", ACTIVITY_PATH, "ok", e) != 0) {
		json_decref(items);
		return -1;
	}
	struct phase *ps = to_phases(items, &n);
	const struct phase *cur = phase_current_main(ps, n, ctx->today);
	decorate(items, ctx->today);
	json_t *current = cur ? json_incref(find_id(items, cur->id)) : json_null();
	free(ps);
	*out = json_pack("{s:o,s:o}", "items", items, "current", current);
	return 0;
}

/* Check the optional organisation and responsible user of a phase. */
static void check_refs(struct app_ctx *ctx, const json_t *in, struct err *e)
{
	struct err tmp;
	long id;
	err_init(&tmp);
	if (input_int(in, "organisation_id", false, 1, 1L << 40, &id, e) == 1) {
		struct org_row o;
		if (store_org_get(ctx->st, id, &o, &tmp) != 0)
			err_field(e, "organisation_id", "organisation %ld does not exist", id);
	}
	if (input_int(in, "responsible_user_id", false, 1, 1L << 40, &id, e) == 1) {
		struct user_row u;
		if (store_user_get(ctx->st, id, &u, &tmp) != 0 || !u.active)
			err_field(e, "responsible_user_id", "user %ld does not exist or is inactive", id);
	}
	err_release(&tmp);
	input_text(in, "outcome", 1, 200, false, e);
	input_text(in, "reason", 1, 1000, false, e);
}

/* Validate a new phase, check it against the path, store it (closing the
 * step it replaces) and log. Inside the caller's transaction. *id is the
 * new phase. */
static int phase_insert(struct app_ctx *ctx, int64_t pid, const json_t *in, int64_t *id, struct err *e)
{
	static const char *const allowed[] = { "kind", "start_date", "planned_end", "actual_end", "organisation_id",
					       "responsible_user_id", "outcome", "reason", "previous_outcome",
					       "placement_id", "override_reason", NULL };
	struct phase p = { 0 };
	json_t *items = NULL, *row = NULL, *placement = NULL;
	struct phase *ps = NULL;
	size_t n;
	long close_id = 0;
	int64_t placement_id = 0;
	int rc = -1;

	input_unknown_members(in, allowed, e);
	const char *kind = json_string_value(json_object_get(in, "kind"));
	if (kind == NULL)
		err_field(e, "kind", "is required");
	else if (phase_kind_find(kind, &p.kind) != 0)
		err_field(e, "kind", "\"%.40s\" is not a kind of phase", kind);
	input_date(in, "start_date", true, &p.start, e);
	p.has_planned_end = input_date(in, "planned_end", false, &p.planned_end, e) == 1;
	p.has_actual_end = input_date(in, "actual_end", false, &p.actual_end, e) == 1;
	input_text(in, "previous_outcome", 1, 200, false, e);
	input_id(in, "placement_id", false, &placement_id, e);
	input_text(in, "override_reason", 3, 500, false, e);
	const char *override = json_string_value(json_object_get(in, "override_reason"));
	if (override && !placement_id)
		err_field(e, "override_reason", "is only for placing someone in a placement");
	check_refs(ctx, in, e);
	if (e->nfields)
		return -1;
	if (store_phase_list(ctx->st, pid, &items, e) != 0)
		return -1;
	ps = to_phases(items, &n);
	if (phase_check(ps, n, &p, ctx->today, &close_id, e) != 0)
		goto out;
	if (close_id) {
		json_t *prev = find_id(items, close_id);
		char d[DATE_STR_LEN];
		date_format(p.start, d);
		json_object_set_new(prev, "actual_end", json_string(d));
		json_t *po = json_object_get(in, "previous_outcome");
		if (po && !json_is_null(po))
			json_object_set(prev, "outcome", po);
		if (store_phase_update(ctx->st, pid, close_id, prev, e) != 0)
			goto out;
		json_t *prev_pl = json_object_get(prev, "placement_id");
		if (json_is_integer(prev_pl) && placing_end(ctx, pid, json_integer_value(prev_pl), d, e) != 0)
			goto out;
	}
	/* checked after the step it replaces is closed, so a place that step
	 * held (moving on within one secondment) counts as free; a refusal
	 * rolls the closing back with everything else */
	if (placement_id) {
		json_t *rec = NULL;
		if (store_participant_get(ctx->st, pid, &rec, e) != 0)
			goto out;
		int bad = placing_check(ctx, pid, rec, kind, p.start, p.has_actual_end, placement_id, override,
					&placement, e);
		json_decref(rec);
		if (bad)
			goto out;
	}
	row = json_deep_copy(in);
	json_object_del(row, "previous_outcome");
	json_object_del(row, "override_reason");
	if (override) {
		/* placed although a requirement is not met: the reason stays with the phase */
		struct buf why;
		const char *given = json_string_value(json_object_get(row, "reason"));
		buf_init(&why, 0);
		if (given)
			buf_printf(&why, "%s; ", given);
		buf_printf(&why, "geplaatst ondanks eisen: %s", override);
		json_object_set_new(row, "reason", json_string(why.data));
		buf_release(&why);
	}
	if (!json_object_get(row, "organisation_id") && ctx->actor.org_id)
		json_object_set_new(row, "organisation_id", json_integer(ctx->actor.org_id));
	if (!json_object_get(row, "responsible_user_id") && ctx->actor.user_id)
		json_object_set_new(row, "responsible_user_id", json_integer(ctx->actor.user_id));
	if (store_phase_insert(ctx->st, pid, row, ctx->now_s, id, e) != 0)
		goto out;
	if (placement && placing_start(ctx, pid, placement, json_string_value(json_object_get(in, "start_date")), e) != 0)
		goto out;
	if (placement && p.has_actual_end &&
	    placing_end(ctx, pid, placement_id, json_string_value(json_object_get(in, "actual_end")), e) != 0)
		goto out;
	rc = audit_log(ctx, pid, override ? "add phase (placed despite requirements)" : placement ? "place" : "add phase",
		       placement ? ACTIVITY_PLACEMENT : ACTIVITY_PATH, "ok", e);
out:
	free(ps);
	json_decref(items);
	json_decref(row);
	json_decref(placement);
	return rc;
}

/* The phase `id` of pid, decorated. */
static int phase_get(struct app_ctx *ctx, int64_t pid, int64_t id, json_t **out, struct err *e)
{
	json_t *items;
	if (store_phase_list(ctx->st, pid, &items, e) != 0)
		return -1;
	decorate(items, ctx->today);
	json_t *row = find_id(items, id);
	if (row == NULL) {
		json_decref(items);
		return err_set(e, ERR_NOT_FOUND, "phase %lld of participant %lld not found", (long long)id, (long long)pid);
	}
	*out = json_incref(row);
	json_decref(items);
	return 0;
}

int app_phase_add(struct app_ctx *ctx, int64_t pid, const json_t *in, json_t **out, struct err *e)
{
	int64_t id;
	struct relation rel;

	/* placing someone is the account manager's work too, who keeps no path */
	bool placing = json_is_object(in) && json_object_get(in, "placement_id") &&
		       !json_is_null(json_object_get(in, "placement_id"));
	if (path_open(ctx, pid, CAT_PATH, !placing, NULL, &rel, e) != 0)
		return -1;
	if (placing && !access_may_write(ctx->actor.role, CAT_PATH, &rel) && !access_may(ctx->actor.role, ACT_PLACE, &rel))
		return err_set(e, ERR_FORBIDDEN, "a %s may not place participant %lld", access_role(ctx->actor.role)->label,
			       (long long)pid);
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	if (store_begin(ctx->st, e) != 0)
		return -1;
	if (phase_insert(ctx, pid, in, &id, e) != 0 || store_commit(ctx->st, e) != 0) {
		store_rollback(ctx->st);
		return -1;
	}
	return phase_get(ctx, pid, id, out, e);
}

int app_phase_update(struct app_ctx *ctx, int64_t pid, int64_t phase_id, const json_t *in, json_t **out,
		     struct err *e)
{
	static const char *const allowed[] = { "planned_end", "actual_end", "outcome", "reason", "responsible_user_id",
					       NULL };
	json_t *items = NULL;
	date_t start, planned, actual;
	int rc = -1;

	if (path_open(ctx, pid, CAT_PATH, true, NULL, NULL, e) != 0)
		return -1;
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	input_unknown_members(in, allowed, e);
	int has_planned = input_date(in, "planned_end", false, &planned, e);
	int has_actual = input_date(in, "actual_end", false, &actual, e);
	check_refs(ctx, in, e);
	if (e->nfields)
		return -1;
	if (store_phase_list(ctx->st, pid, &items, e) != 0)
		return -1;
	json_t *row = find_id(items, phase_id);
	if (row == NULL) {
		err_set(e, ERR_NOT_FOUND, "phase %lld of participant %lld not found", (long long)phase_id, (long long)pid);
		goto out;
	}
	row_date(row, "start_date", &start);
	if (has_planned == 1 && planned < start)
		err_field(e, "planned_end", "lies before the start date");
	if (has_actual == 1 && actual < start)
		err_field(e, "actual_end", "lies before the start date");
	if (has_actual == 1 && actual > ctx->today)
		err_field(e, "actual_end", "lies in the future");
	/* a main phase may not run into the next main phase */
	enum phase_kind k;
	if (has_actual == 1 && phase_kind_find(json_string_value(json_object_get(row, "kind")), &k) == 0 &&
	    phase_kind_def(k)->track == TRACK_MAIN) {
		size_t i;
		json_t *other;
		json_array_foreach(items, i, other) {
			enum phase_kind ok;
			date_t os;
			if (other == row || phase_kind_find(json_string_value(json_object_get(other, "kind")), &ok) != 0 ||
			    phase_kind_def(ok)->track != TRACK_MAIN || !row_date(other, "start_date", &os))
				continue;
			if (os > start && actual > os) {
				err_field(e, "actual_end", "runs past the start of the next step (%s)",
					  json_string_value(json_object_get(other, "start_date")));
				break;
			}
		}
	}
	if (e->nfields)
		goto out;
	json_t *pl_id = json_object_get(row, "placement_id");
	bool reopening = json_is_integer(pl_id) && json_object_get(in, "actual_end") &&
			 json_is_null(json_object_get(in, "actual_end")) && !json_is_null(json_object_get(row, "actual_end"));
	json_object_update(row, (json_t *)in);
	if (store_begin(ctx->st, e) != 0)
		goto out;
	if ((reopening && placing_reopen(ctx, pid, json_integer_value(pl_id),
					  json_string_value(json_object_get(row, "start_date")), e) != 0) ||
	    store_phase_update(ctx->st, pid, phase_id, row, e) != 0 ||
	    (has_actual == 1 && json_is_integer(pl_id) &&
	     placing_end(ctx, pid, json_integer_value(pl_id), json_string_value(json_object_get(in, "actual_end")), e) != 0) ||
	    audit_log(ctx, pid, "update phase", ACTIVITY_PATH, "ok", e) != 0 || store_commit(ctx->st, e) != 0) {
		store_rollback(ctx->st);
		goto out;
	}
	rc = phase_get(ctx, pid, phase_id, out, e);
out:
	json_decref(items);
	return rc;
}

/* ---- intake ---- */

/* The stored 0/1 columns of an intake as JSON booleans. */
static json_t *intake_json(json_t *row)
{
	static const char *const flags[] = { "prior_level_confirmed", "ambitions_confirmed", "study_offered" };
	for (size_t i = 0; row && i < 3; i++)
		json_object_set_new(row, flags[i], json_boolean(json_integer_value(json_object_get(row, flags[i])) != 0));
	return row;
}

static bool under_27(const json_t *rec, date_t on)
{
	date_t birth;
	return row_date(rec, "birth_date", &birth) && date_age(birth, on) < 27;
}

int app_intake_get(struct app_ctx *ctx, int64_t pid, json_t **out, struct err *e)
{
	json_t *rec = NULL, *intake = NULL;
	date_t arrival;
	char due[DATE_STR_LEN];

	if (path_open(ctx, pid, CAT_PATH, false, &rec, NULL, e) != 0)
		return -1;
	if (store_intake_get(ctx->st, pid, &intake, e) != 0 || audit_log(ctx, pid, "read intake", ACTIVITY_PATH, "ok", e) != 0) {
		json_decref(rec);
		return -1;
	}
	bool has_arrival = row_date(rec, "arrival_date", &arrival);
	if (has_arrival)
		date_format(arrival + 21, due);
	/* "under 27" is the age on the intake once it was held: study was the
	 * first option then, whatever birthday came after */
	date_t held, judged = ctx->today;
	if (intake && row_date(intake, "intake_date", &held))
		judged = held;
	bool young = under_27(rec, judged);
	*out = json_pack("{s:o,s:o,s:b,s:b}", "intake", intake ? intake_json(intake) : json_null(), "due_date",
			 has_arrival ? json_string(due) : json_null(), "under_27", young, "overdue",
			 !intake && has_arrival && ctx->today > arrival + 21);
	json_decref(rec);
	return 0;
}

int app_intake_record(struct app_ctx *ctx, int64_t pid, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "intake_date", "first_step", "reasons", "prior_level_confirmed",
					       "ambitions_confirmed", "planned_day_parts", "study_offered", "study_choice",
					       NULL };
	json_t *rec = NULL, *existing = NULL, *row = NULL;
	date_t when = 0;
	const char *step = NULL, *choice = NULL;
	bool offered = false, b;
	long parts;
	int rc = -1;

	if (path_open(ctx, pid, CAT_PATH, true, &rec, NULL, e) != 0)
		return -1;
	if (!json_is_object(in)) {
		err_field(e, "body", "must be a JSON object");
		goto out;
	}
	input_unknown_members(in, allowed, e);
	if (input_date(in, "intake_date", true, &when, e) == 1 && when > ctx->today)
		err_field(e, "intake_date", "lies in the future");
	input_code(in, "first_step", true, first_steps, &step, e);
	input_text(in, "reasons", 1, 2000, true, e);
	input_bool(in, "prior_level_confirmed", true, &b, e);
	input_bool(in, "ambitions_confirmed", true, &b, e);
	input_int(in, "planned_day_parts", true, 0, 14, &parts, e);
	input_bool(in, "study_offered", true, &offered, e);
	input_code(in, "study_choice", false, study_choices, &choice, e);
	if (when && under_27(rec, when)) {
		if (json_object_get(in, "study_offered") && !offered)
			err_field(e, "study_offered", "under 27, study is the first option: offer it and record the choice");
		if (!choice && !json_object_get(in, "study_choice"))
			err_field(e, "study_choice", "under 27: record whether study was accepted or declined");
	}
	if (e->nfields)
		goto out;
	if (store_intake_get(ctx->st, pid, &existing, e) != 0)
		goto out;
	if (existing) {
		err_set(e, ERR_CONFLICT, "the intake of participant %lld is recorded already", (long long)pid);
		goto out;
	}
	if (store_begin(ctx->st, e) != 0)
		goto out;
	char d[DATE_STR_LEN];
	date_format(when, d);
	int64_t id;
	json_t *intake_phase = json_pack("{s:s,s:s,s:s,s:s}", "kind", "intake", "start_date", d, "actual_end", d,
					 "outcome", step);
	json_t *step_phase = json_pack("{s:s,s:s}", "kind", step, "start_date", d);
	int bad = store_intake_insert(ctx->st, pid, in, ctx->actor.user_id, ctx->now_s, e) != 0 ||
		  phase_insert(ctx, pid, intake_phase, &id, e) != 0 || phase_insert(ctx, pid, step_phase, &id, e) != 0 ||
		  audit_log(ctx, pid, "record intake", ACTIVITY_PATH, "ok", e) != 0;
	json_decref(intake_phase);
	json_decref(step_phase);
	/* a phase the path refuses is about the intake's own fields */
	for (size_t i = 0; bad && i < e->nfields; i++) {
		if (strcmp(e->fields[i].field, "kind") == 0)
			str_copy(e->fields[i].field, sizeof e->fields[i].field, "first_step");
		else if (strcmp(e->fields[i].field, "start_date") == 0)
			str_copy(e->fields[i].field, sizeof e->fields[i].field, "intake_date");
	}
	if (bad || store_commit(ctx->st, e) != 0) {
		store_rollback(ctx->st);
		goto out;
	}
	json_t *phases = NULL;
	if (store_intake_get(ctx->st, pid, &row, e) != 0 || store_phase_list(ctx->st, pid, &phases, e) != 0)
		goto out;
	decorate(phases, ctx->today);
	*out = json_pack("{s:o,s:o}", "intake", intake_json(row), "phases", phases);
	row = NULL;
	rc = 0;
out:
	json_decref(rec);
	json_decref(existing);
	json_decref(row);
	return rc;
}

void app_path_codes(json_t *codes)
{
	json_t *kinds = json_array();
	static const char *const tracks[] = { "main", "beside", "inside" };
	for (int k = 0; k < PHASE_KIND_COUNT; k++) {
		const struct phase_kind_def *d = phase_kind_def((enum phase_kind)k);
		json_t *next = json_array();
		for (int t = 0; t < PHASE_KIND_COUNT; t++)
			if (phase_may_follow(k, (enum phase_kind)t))
				json_array_append_new(next, json_string(phase_kind_def((enum phase_kind)t)->code));
		json_array_append_new(kinds, json_pack("{s:s,s:s,s:s,s:o}", "code", d->code, "label", d->label, "track",
						       tracks[d->track], "may_follow_to", next));
	}
	json_object_set_new(codes, "phase_kinds", kinds);
	json_t *steps = json_array();
	for (const char *const *s = first_steps; *s; s++) {
		enum phase_kind k;
		phase_kind_find(*s, &k);
		json_array_append_new(steps, json_pack("{s:s,s:s}", "code", *s, "label", phase_kind_def(k)->label));
	}
	json_object_set_new(codes, "first_steps", steps);
	json_t *ladder = json_array();
	for (long l = LADDER_MIN; l <= LADDER_MAX; l++)
		json_array_append_new(ladder, json_pack("{s:i,s:s}", "code", (int)l, "label", ladder_label(l)));
	json_object_set_new(codes, "ladder", ladder);
	json_t *rules = json_array();
	for (int r = 0; r < SIG_RULE_COUNT; r++)
		json_array_append_new(rules, json_pack("{s:s,s:s,s:s}", "code", signal_rule((enum signal_rule)r)->code, "label",
						       signal_rule((enum signal_rule)r)->label, "actor",
						       access_role(signal_rule((enum signal_rule)r)->actor)->name));
	json_object_set_new(codes, "signal_rules", rules);
	json_t *kinds2 = json_array();
	static const char *const journal_kinds[][2] = { { "contact", "contact" }, { "note", "notitie" } };
	for (int i = 0; i < 2; i++)
		json_array_append_new(kinds2, json_pack("{s:s,s:s}", "code", journal_kinds[i][0], "label", journal_kinds[i][1]));
	json_object_set_new(codes, "journal_kinds", kinds2);
	sheltered_codes(codes);
}
