/*
 * employers.h - use cases of the employer side and the work floor
 * (DESIGN.md §4, capabilities 5-7): employers and their history,
 * placements and their occupancy, trainings at work, company visits and
 * matching events, work-floor attendance and assessments with a readiness
 * advice.
 *
 * Who may do what comes from the access table (domain/access.h): reading
 * employers (an employer user reads only their own), managing employers
 * and placements (account managers, project leaders), planning visits,
 * deciding on an advice (the job coach of the participant). Everything
 * about one participant also goes through the participant's relation and
 * consent, and is logged. Results are new JSON references the caller owns.
 */
#ifndef MEEDOEN_EMPLOYERS_H
#define MEEDOEN_EMPLOYERS_H

#include "app/app.h"

/* ---- employers ---- */

struct employer_filter {
	const char *sector;         /* NULL: any */
	int network_member;         /* -1 any, 0 no, 1 yes */
	int64_t account_manager_id; /* 0: any */
	const char *q;              /* part of the name, or NULL */
};

/* {"items":[employer...]} with placements, capacity and occupancy. */
int app_employer_list(struct app_ctx *ctx, const struct employer_filter *f, json_t **out, struct err *e);
/* A new employer organisation with its details and optional "contacts". */
int app_employer_create(struct app_ctx *ctx, const json_t *in, json_t **out, struct err *e);
/* The employer with "contacts", "history", "placements", "visits", "trainings". */
int app_employer_get(struct app_ctx *ctx, int64_t id, json_t **out, struct err *e);
int app_employer_update(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e);
int app_employer_contact_add(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e);
/* A note in the employer's history: {"occurred_on"?, "text"}. */
int app_employer_note_add(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e);

/* ---- placements ---- */

struct placement_filter {
	int64_t organisation_id; /* 0: any */
	const char *kind, *sector;
	bool include_inactive;
};

int app_placement_list(struct app_ctx *ctx, const struct placement_filter *f, json_t **out, struct err *e);
int app_placement_create(struct app_ctx *ctx, const json_t *in, json_t **out, struct err *e);
/* The placement with its "occupants" (names only where the actor may read
 * them; each shown name is a logged read). */
int app_placement_get(struct app_ctx *ctx, int64_t id, json_t **out, struct err *e);
int app_placement_update(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e);
/* Would participant pid fit placement id today? {"fits","capacity","occupancy","gaps":[{"requirement","reason"}]}
 * without placing anyone (nothing is stored; the read is logged). */
int app_placement_check(struct app_ctx *ctx, int64_t id, int64_t pid, json_t **out, struct err *e);

/* Attendance at a placement for one day: {"day","items":[{"participant_id","status","note"?}]}. Every
 * participant must occupy the placement and the actor may write their work-floor data; all or nothing. */
int app_attendance_record(struct app_ctx *ctx, int64_t placement_id, const json_t *in, json_t **out, struct err *e);
int app_attendance_list(struct app_ctx *ctx, int64_t placement_id, const char *from, const char *to, json_t **out,
			struct err *e);

/* ---- trainings ---- */

int app_training_list(struct app_ctx *ctx, json_t **out, struct err *e);
int app_training_create(struct app_ctx *ctx, const json_t *in, json_t **out, struct err *e);
int app_training_get(struct app_ctx *ctx, int64_t id, json_t **out, struct err *e);
/* Enrol a participant or record the result: {"participant_id","result"?,"certificate_expires"?}. */
int app_training_enrol(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e);

/* ---- company visits and matching events ---- */

int app_visit_list(struct app_ctx *ctx, const char *from, const char *to, json_t **out, struct err *e);
int app_visit_create(struct app_ctx *ctx, const json_t *in, json_t **out, struct err *e);
/* The visit with "employers", "participants" (with attendance and interest) and "follow_ups". */
int app_visit_get(struct app_ctx *ctx, int64_t id, json_t **out, struct err *e);
/* {"participant_ids":[...]}: within the visit's capacity; all or nothing. */
int app_visit_invite(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e);
/* {"items":[{"participant_id","attended"?,"interest"?}]}: all or nothing. */
int app_visit_attendance(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e);
/* {"participant_id","organisation_id","follow_up","note"?}: an employer's answer after the visit. */
int app_visit_follow_up(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e);

/* ---- work-floor assessments ---- */

/* {"items":[...oldest first...],"trends":{"item":"up|flat|down|none"},"latest":{...}|null}; the rubric
 * itself is a code list (employer_codes). */
int app_assessment_list(struct app_ctx *ctx, int64_t pid, json_t **out, struct err *e);
/* {"assessed_on","placement_id"?,"scores":{item:n},"comments"?:{item:text}}; the advice is computed. */
int app_assessment_add(struct app_ctx *ctx, int64_t pid, const json_t *in, json_t **out, struct err *e);
/* {"decision":"confirmed"|"overridden","advice"?,"reason"?}: the job coach's word on the advice. */
int app_assessment_decide(struct app_ctx *ctx, int64_t pid, int64_t id, const json_t *in, json_t **out,
			  struct err *e);

/* The rubric and code lists of this side, added to `codes` for the UI. */
void employer_codes(json_t *codes);

#endif
