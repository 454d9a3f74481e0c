/*
 * placing.c - placing a participant in a placement: a phase of the path
 * linked to it (phases.c calls these). The checks are domain/placement.c's
 * (kind, capacity, requirements); this file gathers what they need from
 * the store, links the participant to the placement's organisation so its
 * employer and supervisor see their own people, and ends that link with
 * the phase.
 */
#include "app/employer_internal.h"
#include "app/path_internal.h"
#include "app/weekplan_internal.h"
#include "domain/codes.h"
#include "domain/daypart.h"
#include "domain/placement.h"
#include "base/buf.h"

#include <string.h>

void placing_requirements(const json_t *pl, struct placement_requirements *r)
{
	size_t i;
	json_t *l, *parts = json_object_get(pl, "day_parts");
	struct err tmp;

	memset(r, 0, sizeof *r);
	r->min_cefr_speaking = cefr_rank(json_string_value(json_object_get(pl, "min_cefr_speaking")));
	r->min_cefr_listening = cefr_rank(json_string_value(json_object_get(pl, "min_cefr_listening")));
	json_t *isced = json_object_get(pl, "min_isced");
	r->min_isced = json_is_integer(isced) ? (int)json_integer_value(isced) : -1;
	json_array_foreach(json_object_get(pl, "licences"), i, l) {
		int k = placement_licence_index(json_string_value(l));
		if (k >= 0)
			r->licences |= LICENCE_BIT(k);
	}
	r->max_physical_load_needed = placement_load_index(json_string_value(json_object_get(pl, "physical_load")));
	r->safety_shoes = json_is_true(json_object_get(pl, "safety_shoes"));
	r->full_days = json_is_true(json_object_get(pl, "full_days"));
	err_init(&tmp);
	if (json_is_string(parts))
		daypart_list_parse(json_string_value(parts), &r->day_parts, &tmp);
	json_array_foreach(parts, i, l) {
		daypart_set bit;
		if (daypart_parse(json_string_value(l), &bit, &tmp) == 0)
			r->day_parts |= bit;
	}
	err_release(&tmp);
	r->hours_per_week = (int)json_integer_value(json_object_get(pl, "hours_per_week"));
	const char *org_type = json_string_value(json_object_get(pl, "organisation_type"));
	r->day_parts = placement_required_parts(r->day_parts, r->hours_per_week,
						org_type && strcmp(org_type, "social_work_company") == 0);
}

/* The day-parts of the week of `on` that pid's week plan leaves free for
 * work: everything but the classes, trainings and appointments valid that
 * week (work already planned is planned again around a new placement). */
static int free_for_work(struct app_ctx *ctx, int64_t pid, date_t on, daypart_set *free_parts, struct err *e)
{
	struct wp w;
	date_t monday = schedule_week_start(on);
	daypart_set taken = 0;

	int rc = wp_load(ctx, pid, &w, e);
	for (size_t i = 0; rc == 0 && i < w.nitems; i++)
		if (w.items[i].kind != PLAN_WORK && schedule_item_in_week(&w.items[i], monday))
			taken |= w.items[i].parts;
	wp_release(&w);
	*free_parts = DAYPART_ALL & ~taken;
	return rc;
}

/* What is known of the participant: languages, education, licences held
 * (recorded, or a certificate of a training passed and valid on `on`),
 * the physical load they may bear, and the day-parts their week plan
 * leaves free for work. */
static int candidate_of(struct app_ctx *ctx, int64_t pid, const json_t *rec, date_t on, struct candidate *c,
			struct err *e)
{
	size_t i;
	json_t *l, *certs;

	memset(c, 0, sizeof *c);
	c->cefr_speaking = cefr_rank(json_string_value(json_object_get(rec, "cefr_speaking")));
	c->cefr_listening = cefr_rank(json_string_value(json_object_get(rec, "cefr_listening")));
	json_t *isced = json_object_get(rec, "isced_level");
	c->isced = json_is_integer(isced) ? (int)json_integer_value(isced) : -1;
	json_array_foreach(json_object_get(rec, "licences"), i, l) {
		int k = placement_licence_index(json_string_value(l));
		if (k >= 0)
			c->licences |= LICENCE_BIT(k);
	}
	if (store_certificates(ctx->st, pid, &certs, e) != 0)
		return -1;
	json_array_foreach(certs, i, l) {
		int k = placement_licence_index(json_string_value(json_object_get(l, "certificate")));
		date_t until;
		bool valid = !row_date(l, "certificate_expires", &until) || until >= on;
		if (k >= 0 && valid && strcmp(json_string_value(json_object_get(l, "result")), "passed") == 0)
			c->licences |= LICENCE_BIT(k);
	}
	json_decref(certs);
	c->max_physical_load = placement_load_index(json_string_value(json_object_get(rec, "max_physical_load")));
	c->has_free_day_parts = true;
	return free_for_work(ctx, pid, on, &c->free_day_parts, e);
}

int placing_check(struct app_ctx *ctx, int64_t pid, const json_t *rec, const char *phase_kind, date_t start,
		  bool ended, int64_t placement_id, const char *override, json_t **placement, struct err *e)
{
	json_t *pl = NULL;
	struct err tmp;
	date_t from, until;

	err_init(&tmp);
	int rc = store_placement_get(ctx->st, placement_id, &pl, &tmp);
	err_release(&tmp);
	if (rc != 0)
		return err_field(e, "placement_id", "placement %lld does not exist", (long long)placement_id);
	placement_decorate(pl);
	const char *title = json_string_value(json_object_get(pl, "title"));
	const char *kind = json_string_value(json_object_get(pl, "kind"));
	if (!json_is_true(json_object_get(pl, "active")))
		err_field(e, "placement_id", "placement \"%s\" is no longer offered", title);
	else if (!placement_kind_fits_phase(kind, phase_kind))
		err_field(e, "placement_id", "a placement of kind \"%s\" cannot be the place of a %s phase", kind,
			  phase_kind);
	else if (row_date(pl, "start_date", &from) && start < from)
		err_field(e, "placement_id", "placement \"%s\" starts on %s", title,
			  json_string_value(json_object_get(pl, "start_date")));
	else if (row_date(pl, "end_date", &until) && start > until)
		err_field(e, "placement_id", "placement \"%s\" ended on %s", title,
			  json_string_value(json_object_get(pl, "end_date")));
	if (e->nfields)
		goto fail;
	/* a phase recorded as ended already holds no place */
	if (!ended && placement_capacity_check(title, (int)json_integer_value(json_object_get(pl, "capacity")),
					       (int)json_integer_value(json_object_get(pl, "occupancy")), e) != 0)
		goto fail;

	struct placement_requirements req;
	struct candidate cand;
	struct requirement_gap gaps[16];
	placing_requirements(pl, &req);
	if (candidate_of(ctx, pid, rec, start, &cand, e) != 0)
		goto fail;
	size_t n = placement_requirements_check(&req, &cand, gaps, 16);
	if (n > 0 && override == NULL) {
		err_set(e, ERR_INVALID,
			"participant %lld does not meet %zu requirement%s of \"%s\"; give override_reason to place anyway",
			(long long)pid, n, n == 1 ? "" : "s", title);
		for (size_t i = 0; i < n && i < 16; i++)
			err_field(e, gaps[i].requirement, "%s", gaps[i].reason);
		goto fail;
	}
	*placement = pl;
	return 0;
fail:
	json_decref(pl);
	return -1;
}

int placing_start(struct app_ctx *ctx, int64_t pid, const json_t *placement, const char *start, struct err *e)
{
	int64_t link, org = json_integer_value(json_object_get(placement, "organisation_id"));
	int64_t supervisor = json_integer_value(json_object_get(placement, "supervisor_user_id"));
	struct buf text;

	if (store_link_insert(ctx->st, pid, "placement", supervisor, org, start, &link, e) != 0)
		return -1;
	if (strcmp(json_string_value(json_object_get(placement, "organisation_type")), "employer") != 0)
		return 0;
	/* the employer's history says that a place was filled, not by whom */
	buf_init(&text, 0);
	buf_printf(&text, "plaatsing gestart op \"%s\"", json_string_value(json_object_get(placement, "title")));
	int rc = store_employer_event_insert(ctx->st, org, start, "placement_started", text.data, ctx->actor.user_id,
					     ctx->actor.user_id ? ctx->actor.display_name : "systeem", ctx->now_s, e);
	buf_release(&text);
	return rc;
}

int placing_reopen(struct app_ctx *ctx, int64_t pid, int64_t placement_id, const char *start, struct err *e)
{
	json_t *pl;
	if (store_placement_get(ctx->st, placement_id, &pl, e) != 0)
		return -1;
	int rc = placement_capacity_check(json_string_value(json_object_get(pl, "title")),
					  (int)json_integer_value(json_object_get(pl, "capacity")),
					  (int)json_integer_value(json_object_get(pl, "occupancy")), e);
	if (rc == 0)
		rc = placing_start(ctx, pid, placement_decorate(pl), start, e);
	json_decref(pl);
	return rc;
}

int placing_end(struct app_ctx *ctx, int64_t pid, int64_t placement_id, const char *end, struct err *e)
{
	json_t *pl;
	if (store_placement_get(ctx->st, placement_id, &pl, e) != 0)
		return -1;
	/* every open placement link to that organisation ends: one person is
	 * rarely in two of an employer's places at once */
	int rc = store_link_end_kind(ctx->st, pid, "placement", json_integer_value(json_object_get(pl, "organisation_id")),
				     end, e);
	json_decref(pl);
	return rc;
}
