/*
 * demo_internal.h - what the demo's parts share: the organisations and
 * users it creates, by role in the story.
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
	ORG_COUNT
};

enum demo_user {
	U_DIRECTOR, U_CASE_MANAGER, U_YOUTH, U_PROJECT_LEADER, U_JOB_COACH, U_JOB_COACH2, U_ACCOUNT_MANAGER,
	U_ASSISTANT, U_VOLUNTEER, U_WELFARE, U_LANGUAGE, U_EMPLOYER, U_ADMIN, U_COUNT
};

struct demo_ids {
	int64_t org[ORG_COUNT];
	int64_t user[U_COUNT];
	int64_t *coaches; /* every job coach, when there are more than two */
	size_t ncoaches;
};

/* Draw the path of one participant: phases, intake, ladder, contacts,
 * assessments, hand-over and sheltered-work records, consistent with the
 * transition table and spread so that every signal rule occurs. */
int demo_path(struct app_ctx *ctx, struct demo_rng *r, const struct demo_ids *ids, int64_t pid, const json_t *rec,
	      struct err *e);

#endif
