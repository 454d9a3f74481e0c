/*
 * demo_internal.h - what the demo's parts share: the organisations and
 * users it creates, by role in the story, and the work floor
 * (demo_employers.c) that the paths (demo_path.c) place people on.
 */
#ifndef MEEDOEN_DEMO_INTERNAL_H
#define MEEDOEN_DEMO_INTERNAL_H

#include "app/app.h"
#include "domain/demo.h"

enum demo_org {
	ORG_MUNICIPALITY,
	ORG_SWC,
	ORG_REFUGEE,
	ORG_WELFARE,
	ORG_LANGUAGE,
	ORG_EMPLOYER,
	ORG_EMPLOYER2,
	ORG_COA,
	ORG_UWV,
	ORG_LANGUAGE2,
	ORG_COUNT
};

enum demo_user {
	U_DIRECTOR, U_CASE_MANAGER, U_YOUTH, U_PROJECT_LEADER, U_JOB_COACH, U_JOB_COACH2, U_ACCOUNT_MANAGER,
	U_ASSISTANT, U_VOLUNTEER, U_WELFARE, U_LANGUAGE, U_EMPLOYER, U_ADMIN, U_LANGUAGE2, U_COUNT
};

struct demo_ids {
	int64_t org[ORG_COUNT];
	int64_t user[U_COUNT];
	const char *user_name[U_COUNT]; /* display names, static */
	int64_t *coaches; /* every job coach, when there are more than two */
	size_t ncoaches;
};

/* The employer network and the work floor of one demo run: employers,
 * placements with the places still free, who was placed where. */
struct demo_floor;

/* What the work floor holds when the run is done, for the summary. */
struct demo_floor_counts {
	long employers, placements, placed, assessments, decided, visits, trainings, enrolments;
};

/* Create the employers of a demo of n participants (with contacts,
 * history and the places they offer; the demo's two employer
 * organisations get their details too) and the social work company's
 * production halls, supervised by the department assistant. Inside the
 * caller's transaction; draws from a generator of its own seeded by seed.
 * *out is freed with demo_floor_free. */
int demo_floor_build(struct app_ctx *ctx, long n, uint64_t seed, const struct demo_ids *ids, struct demo_floor **out,
		     struct err *e);

/* Store `phase`, the open main phase a demo path ends in, for participant
 * pid (validated record rec). When a fitting placement has room it is the
 * phase's placement, checked and started as app/placing.c does it:
 * placing_check (with an override reason when the person lacks a
 * requirement other than physical load), the phase with placement_id,
 * placing_start (the placement link), and for an employer the person's
 * consent for identity, contact and education_work. *hall gets the
 * placement id when it is a production hall (0 otherwise); someone in a
 * hall without a job coach (*coach 0) gets one, whose id goes to *coach.
 * Only memory is read to choose, so a path that finds no room costs
 * nothing more. */
int demo_floor_open(struct demo_floor *f, struct app_ctx *ctx, int64_t pid, const json_t *rec, json_t *phase,
		    int64_t *coach, int64_t *hall, struct err *e);

/* A work-floor assessment of participant pid in hall placement hall on
 * day `on`, of a series that began with the phase on `start`: scores that
 * rise over the months, the advice of domain/assessment.c, by the
 * department assistant; the job coach (coach, 0 for none) decides on most
 * of them, confirming or overriding with a reason. `latest` marks the last
 * of the series, which is more often still open. */
int demo_floor_assess(struct demo_floor *f, struct app_ctx *ctx, int64_t pid, const json_t *rec, int64_t hall,
		      date_t start, date_t on, bool latest, int64_t coach, struct err *e);

/* After every participant: trainings with co-financing and enrolments,
 * company visits and matching events (past ones with attendance, interest
 * and follow-ups, some leading to the placements that began after them,
 * and a few planned), and *counts. */
int demo_floor_finish(struct demo_floor *f, struct app_ctx *ctx, struct demo_floor_counts *counts, struct err *e);

void demo_floor_free(struct demo_floor *f);

/* Draw the path of one participant: phases, intake, ladder, contacts,
 * assessments, hand-over and sheltered-work records, consistent with the
 * transition table and spread so that every signal rule occurs. The open
 * phase a path ends in goes through demo_floor_open; coach is the job
 * coach demo_network linked (0 for none). */
int demo_path(struct app_ctx *ctx, struct demo_rng *r, const struct demo_ids *ids, struct demo_floor *floor,
	      int64_t pid, const json_t *rec, int64_t coach, struct err *e);

/* ---- week planning (demo_plan.c) ---- */

/* The week plans of one demo run, between its two steps. */
struct demo_plan;

/* What week planning holds when the run is done, for the summary:
 * accepted counts the overrides (each accepting one or more conflicts
 * with a reason), open the people of the demo job coach left with a
 * conflict to resolve. */
struct demo_plan_counts {
	long groups, enrolments, plans, entries, attendance, accepted, open;
};

/* Inside the caller's transaction, after demo_floor_finish: the two
 * language providers' class groups, enrolments, a week plan for everyone
 * in work-learning (conflicts it has accepted with a reason) and class
 * attendance of the past four weeks. Draws from a generator of its own
 * seeded by seed. *out is freed with demo_plan_free. */
int demo_plan_build(struct app_ctx *ctx, uint64_t seed, const struct demo_ids *ids, struct demo_plan **out,
		    struct err *e);

/* After the commit, through the app layer acting as the demo users: a
 * holiday and a cancelled lesson, a session that moves onto someone's
 * work, an enrolment accepted over a conflict; *counts. Each call commits
 * on its own. */
int demo_plan_finish(struct demo_plan *p, struct app_ctx *ctx, struct demo_plan_counts *counts, struct err *e);

void demo_plan_free(struct demo_plan *p);

#endif
