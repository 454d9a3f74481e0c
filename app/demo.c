/*
 * demo.c - `meedoen demo`: a deterministic demo installation. Organisations
 * of every type, one user per role (all with DEMO_PASSWORD), an employer
 * network with its places and the social work company's production halls
 * (demo_employers.c), and a synthetic population from domain/demo.c with
 * caseloads, volunteers, language courses, paths (demo_path.c) ending in
 * placements, and consents drawn from the same seed, then two language
 * providers' timetables and the week plans of everyone in work-learning
 * (demo_plan.c), so every role sees something on its first login.
 */
#include "app/app.h"
#include "app/audit.h"
#include "app/participant_internal.h"
#include "domain/demo.h"
#include "domain/participant.h"
#include "app/demo_internal.h"
#include "base/buf.h"
#include "base/xmalloc.h"

#include <stdio.h>
#include <stdlib.h>

#include <string.h>

static const struct {
	const char *name, *type;
} demo_orgs[ORG_COUNT] = {
	[ORG_MUNICIPALITY] = { "Gemeente Westland", "municipality" },
	[ORG_SWC] = { "WerkPlein Westland (sw-bedrijf)", "social_work_company" },
	[ORG_REFUGEE] = { "Vluchtelingenwerk Westland", "refugee_support" },
	[ORG_WELFARE] = { "Welzijn Westland", "welfare" },
	[ORG_LANGUAGE] = { "Taalhuis Westland", "language_provider" },
	[ORG_EMPLOYER] = { "Kwekerij De Groene Vallei", "employer" },
	[ORG_EMPLOYER2] = { "Logistiek Poeldijk BV", "employer" },
	[ORG_COA] = { "COA azc Den Haag", "reception_agency" },
	[ORG_UWV] = { "UWV Den Haag", "benefits_agency" },
	[ORG_LANGUAGE2] = { "Taalschool De Brug", "language_provider" },
};

static const struct {
	const char *username, *display_name, *role;
	enum demo_org org;
} demo_users[U_COUNT] = {
	[U_DIRECTOR] = { "regisseur", "Ria Regisseur", "director", ORG_MUNICIPALITY },
	[U_CASE_MANAGER] = { "klantmanager", "Karim Klantmanager", "case_manager", ORG_MUNICIPALITY },
	[U_YOUTH] = { "jongerenconsulent", "Joyce Jongerenconsulent", "youth_consultant", ORG_MUNICIPALITY },
	[U_PROJECT_LEADER] = { "projectleider", "Pieter Projectleider", "project_leader", ORG_SWC },
	[U_JOB_COACH] = { "jobcoach", "Jamila Jobcoach", "job_coach", ORG_SWC },
	[U_JOB_COACH2] = { "jobcoach2", "Joost Jobcoach", "job_coach", ORG_SWC },
	[U_ACCOUNT_MANAGER] = { "accountmanager", "Anouk Accountmanager", "account_manager", ORG_SWC },
	[U_ASSISTANT] = { "afdelingsassistent", "Ahmed Afdelingsassistent", "department_assistant", ORG_SWC },
	[U_VOLUNTEER] = { "vrijwilliger", "Vera Vrijwilliger", "volunteer", ORG_REFUGEE },
	[U_WELFARE] = { "welzijn", "Wim Welzijnswerker", "welfare", ORG_WELFARE },
	[U_LANGUAGE] = { "taalaanbieder", "Tineke Taaldocent", "language_provider", ORG_LANGUAGE },
	[U_EMPLOYER] = { "werkgever", "Willem Werkgever", "employer", ORG_EMPLOYER },
	[U_ADMIN] = { "beheerder", "Bea Beheerder", "admin", ORG_MUNICIPALITY },
	[U_LANGUAGE2] = { "taalaanbieder2", "Bram Brugman", "language_provider", ORG_LANGUAGE2 },
};


static int link(struct app_ctx *ctx, int64_t pid, const char *kind, int64_t user, int64_t org, struct err *e)
{
	int64_t id;
	return store_link_insert(ctx->st, pid, kind, user, org, ctx->today_s, &id, e);
}

static int consent(struct app_ctx *ctx, int64_t pid, int64_t org, const char *const *cats, const char *given,
		   struct err *e)
{
	int64_t id;
	for (; *cats; cats++)
		if (store_consent_insert(ctx->st, pid, org, *cats, given, NULL, 0, ctx->now_s, &id, e) != 0)
			return -1;
	return 0;
}

/* Draw the network of one participant; *coach gets the job coach linked
 * (0 for none). */
static int demo_network(struct app_ctx *ctx, struct demo_rng *r, const struct demo_ids *ids, int64_t pid,
			const json_t *rec, int64_t *coach, struct err *e)
{
	static const char *const social[] = { "identity", "contact", "education_work", "civic_integration", "path",
					      "notes", NULL };
	static const char *const language[] = { "identity", "civic_integration", NULL };
	date_t birth = 0, arrival = ctx->today;
	const char *arr = json_string_value(json_object_get(rec, "arrival_date"));
	date_parse(json_string_value(json_object_get(rec, "birth_date")), &birth);
	if (arr)
		date_parse(arr, &arrival);
	bool young = date_age(birth, ctx->today) < 27;
	bool guided = date_add_months(arrival, 15) > ctx->today;
	const char *given = arr ? arr : ctx->today_s;

	if (link(ctx, pid, "registration", 0, ids->org[ORG_MUNICIPALITY], e) != 0)
		return -1;
	uint32_t c = demo_rng_below(r, 100);
	*coach = 0;
	if (c < 55) {
		/* a small demo gives the two named coaches big caseloads; a big
		 * one spreads people over many coaches, about 55 each */
		int64_t u = ids->ncoaches ? ids->coaches[demo_rng_below(r, (uint32_t)ids->ncoaches)]
			  : c < 40 ? ids->user[U_JOB_COACH] : ids->user[U_JOB_COACH2];
		if (link(ctx, pid, "job_coach", u, ids->org[ORG_SWC], e) != 0)
			return -1;
		*coach = u;
		if (demo_rng_below(r, 2) == 0 &&
		    link(ctx, pid, "department_assistant", ids->user[U_ASSISTANT], ids->org[ORG_SWC], e) != 0)
			return -1;
	}
	if (demo_rng_below(r, 100) < 30 && link(ctx, pid, "case_manager", ids->user[U_CASE_MANAGER],
						 ids->org[ORG_MUNICIPALITY], e) != 0)
		return -1;
	if (young && demo_rng_below(r, 100) < 35 &&
	    link(ctx, pid, "youth_consultant", ids->user[U_YOUTH], ids->org[ORG_MUNICIPALITY], e) != 0)
		return -1;
	uint32_t v = demo_rng_below(r, 100);
	if (guided && v < 50) {
		if (link(ctx, pid, "volunteer", ids->user[U_VOLUNTEER], ids->org[ORG_REFUGEE], e) != 0)
			return -1;
		if (v < 40 && consent(ctx, pid, ids->org[ORG_REFUGEE], social, given, e) != 0)
			return -1;
	} else if (!guided && v < 30) {
		if (link(ctx, pid, "welfare", ids->user[U_WELFARE], ids->org[ORG_WELFARE], e) != 0)
			return -1;
		if (v < 25 && consent(ctx, pid, ids->org[ORG_WELFARE], social, given, e) != 0)
			return -1;
	}
	/* a language buddy (taalmaatje) from the library project for some */
	if (guided && demo_rng_below(r, 100) < 15 &&
	    link(ctx, pid, "language_buddy", ids->user[U_VOLUNTEER], ids->org[ORG_REFUGEE], e) != 0)
		return -1;
	uint32_t l = demo_rng_below(r, 100);
	if (l < 30) {
		if (link(ctx, pid, "language_course", 0, ids->org[ORG_LANGUAGE], e) != 0)
			return -1;
		if (l < 26 && consent(ctx, pid, ids->org[ORG_LANGUAGE], language, given, e) != 0)
			return -1;
	}
	/* a draw that once linked a few people to an employer without a
	 * place; placements now come with the path (demo_floor_open), and the
	 * draw stays so every later draw of a seed is what it was */
	(void)demo_rng_below(r, 100);
	return 0;
}

static int demo_people(struct app_ctx *ctx, long n, uint64_t seed, const struct demo_ids *ids,
		       struct demo_floor *floor, struct err *e)
{
	struct demo_rng people, network;

	demo_rng_init(&people, seed);
	demo_rng_init(&network, seed ^ 0x9e3779b97f4a7c15ULL);
	for (long i = 0; i < n; i++) {
		json_t *obj = demo_participant(&people, i, ctx->today), *rec = NULL;
		int64_t pid;
		if (obj == NULL)
			return err_set(e, ERR_INTERNAL, "out of memory generating participant %ld", i);
		int rc = participant_validate(obj, VALIDATE_CREATE, ctx->today, &rec, e);
		if (rc == 0)
			rc = participant_check_record(rec, ctx->today, e);
		json_decref(obj);
		if (rc != 0) {
			json_decref(rec);
			char first[sizeof e->msg];
			str_copy(first, sizeof first, e->msg);
			return err_set(e, ERR_INTERNAL, "demo participant %ld is invalid: %s", i, first);
		}
		int64_t coach = 0;
		rc = participant_insert_new(ctx, rec, "create", ACTIVITY_REGISTRATION, &pid, e);
		if (rc == 0)
			rc = demo_network(ctx, &network, ids, pid, rec, &coach, e);
		if (rc == 0)
			rc = demo_path(ctx, &network, ids, floor, pid, rec, coach, e);
		json_decref(rec);
		if (rc != 0)
			return -1;
	}
	return 0;
}

int app_demo(struct app_ctx *ctx, long n, uint64_t seed, json_t **summary, struct err *e)
{
	struct demo_ids ids = { 0 };
	struct demo_floor *floor = NULL;
	struct demo_floor_counts counts;
	struct demo_plan *plan = NULL;
	struct demo_plan_counts week = { 0 };
	json_t *users = NULL;
	char hash[160];

	if (ctx->actor.role != ROLE_SYSTEM)
		return err_set(e, ERR_FORBIDDEN, "demo data can only be created from the command line");
	if (n < 0 || n > 1000000)
		return err_field(e, "participants", "%ld is out of range 0..1000000", n);
	if (store_user_list(ctx->st, &users, e) != 0)
		return -1;
	size_t existing = json_array_size(json_object_get(users, "items"));
	json_decref(users);
	if (existing)
		return err_set(e, ERR_CONFLICT, "the database already has users: demo data goes into a new database");
	/* one hash for all demo users: they share the published demo password */
	if (app_password_hash(ctx->app, DEMO_PASSWORD, hash, sizeof hash, e) != 0)
		return -1;
	if (store_begin(ctx->st, e) != 0)
		return -1;
	for (int i = 0; i < ORG_COUNT; i++)
		if (store_org_insert(ctx->st, demo_orgs[i].name, demo_orgs[i].type, &ids.org[i], e) != 0)
			goto out_rollback;
	users = json_array();
	for (int i = 0; i < U_COUNT; i++) {
		struct user_row u = { .active = true };
		str_copy(u.username, sizeof u.username, demo_users[i].username);
		str_copy(u.display_name, sizeof u.display_name, demo_users[i].display_name);
		str_copy(u.role, sizeof u.role, demo_users[i].role);
		str_copy(u.password_hash, sizeof u.password_hash, hash);
		u.org_id = ids.org[demo_users[i].org];
		if (store_user_insert(ctx->st, &u, &ids.user[i], e) != 0)
			goto out_rollback;
		ids.user_name[i] = demo_users[i].display_name;
		enum role r;
		access_role_find(u.role, &r);
		json_array_append_new(users, json_pack("{s:s,s:s,s:s,s:s}", "username", u.username, "role", u.role,
						       "role_label", access_role(r)->label, "organisation",
						       demo_orgs[demo_users[i].org].name));
	}
	/* more job coaches when the population is large */
	ids.ncoaches = n > 1000 ? (size_t)(n / 100) : 0;
	ids.coaches = xcalloc(ids.ncoaches + 1, sizeof *ids.coaches);
	for (size_t i = 0; i < ids.ncoaches; i++) {
		struct user_row u = { .active = true, .org_id = ids.org[ORG_SWC] };
		if (i < 2) {
			ids.coaches[i] = ids.user[i == 0 ? U_JOB_COACH : U_JOB_COACH2];
			continue;
		}
		snprintf(u.username, sizeof u.username, "jobcoach%zu", i + 1);
		snprintf(u.display_name, sizeof u.display_name, "Jobcoach %zu", i + 1);
		str_copy(u.role, sizeof u.role, "job_coach");
		str_copy(u.password_hash, sizeof u.password_hash, hash);
		if (store_user_insert(ctx->st, &u, &ids.coaches[i], e) != 0)
			goto out_rollback;
	}
	if (demo_floor_build(ctx, n, seed, &ids, &floor, e) != 0 || demo_people(ctx, n, seed, &ids, floor, e) != 0 ||
	    demo_floor_finish(floor, ctx, &counts, e) != 0 || demo_plan_build(ctx, seed, &ids, &plan, e) != 0 ||
	    store_commit(ctx->st, e) != 0)
		goto out_rollback;
	demo_floor_free(floor);
	/* the rest acts as the demo users through the app, each change committed on its own */
	int rc = demo_plan_finish(plan, ctx, &week, e);
	demo_plan_free(plan);
	free(ids.coaches);
	if (rc != 0) {
		json_decref(users);
		return -1;
	}
	/* the demo's two employer organisations are among the employers */
	json_t *work = json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "employers", (json_int_t)counts.employers,
				 "placements", (json_int_t)counts.placements, "placed", (json_int_t)counts.placed,
				 "assessments", (json_int_t)counts.assessments, "decided", (json_int_t)counts.decided,
				 "visits", (json_int_t)counts.visits, "trainings", (json_int_t)counts.trainings,
				 "enrolments", (json_int_t)counts.enrolments);
	json_t *plans = json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "class_groups", (json_int_t)week.groups,
				  "enrolments", (json_int_t)week.enrolments, "plans", (json_int_t)week.plans, "entries",
				  (json_int_t)week.entries, "attendance", (json_int_t)week.attendance, "accepted",
				  (json_int_t)week.accepted, "open", (json_int_t)week.open);
	*summary = json_pack("{s:I,s:I,s:I,s:s,s:o,s:I,s:o,s:o}", "organisations",
			     (json_int_t)(ORG_COUNT + counts.employers - 2), "participants", (json_int_t)n, "seed",
			     (json_int_t)seed, "password", DEMO_PASSWORD, "users", users, "job_coaches",
			     (json_int_t)(ids.ncoaches > 2 ? ids.ncoaches : 2), "work_floor", work, "week_plans", plans);
	return 0;
out_rollback:
	demo_floor_free(floor);
	demo_plan_free(plan);
	free(ids.coaches);
	store_rollback(ctx->st);
	json_decref(users);
	return -1;
}
