/*
 * weekplan.h - use cases of a participant's week plan (weekplanning,
 * docs/week-plan.md): reading the plan of a week with its cells and
 * conflicts, adding, changing and removing entries, exceptions (a
 * cancelled day, a holiday), enrolling in a language provider's class
 * group, the matching queries ("who is free then", "which placements
 * fit"), and the calendars (iCalendar files and private subscription
 * tokens).
 *
 * Who may do what: reading a plan needs read access to the participant's
 * path, changing it write access (enrolling in a class also write access
 * to civic integration). Every read and write of a plan is logged as
 * ACTIVITY_WEEK_PLAN, enrolments as ACTIVITY_CLASS_ATTENDANCE.
 *
 * A change that would add conflicts (domain/schedule.h) not accepted
 * before is refused with ERR_CONFLICT unless the input carries an
 * "override_reason"; on that refusal *out is set to {"conflicts":[...the
 * new ones...]}, which the HTTP face adds to its problem answer. Results
 * are new JSON references the caller owns.
 */
#ifndef MEEDOEN_WEEKPLAN_H
#define MEEDOEN_WEEKPLAN_H

#include "app/app.h"
#include "base/buf.h"

/* ---- the plan ---- */

/* The plan of the week holding `week` (any day of it): {"participant_id",
 * "week","days","times","items","cells","conflicts","free_day_parts",
 * "work_day_parts","person"} as docs/week-plan.md shows. */
int app_week_plan_get(struct app_ctx *ctx, int64_t pid, date_t week, json_t **out, struct err *e);

/* New entry: 201 {"entry","conflicts"}. */
int app_week_plan_entry_add(struct app_ctx *ctx, int64_t pid, const json_t *in, json_t **out, struct err *e);
/* Change an entry: {"entry","conflicts"}. */
int app_week_plan_entry_update(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e);
/* Remove an entry (kept with removed_at): {"entry","conflicts"}. */
int app_week_plan_entry_remove(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e);
/* Days on which one entry does not take place: the entry. */
int app_week_plan_entry_exception(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e);
/* Days on which nothing of the plan takes place: {"exception"}. */
int app_week_plan_exception_add(struct app_ctx *ctx, int64_t pid, const json_t *in, json_t **out, struct err *e);
/* The exception no longer holds (kept with removed_at): {"exception"}. */
int app_week_plan_exception_remove(struct app_ctx *ctx, int64_t id, json_t **out, struct err *e);

/* ---- class enrolments ---- */

/* {"participant_id","start_date"?,"end_date"?,"override_reason"?}:
 * {"enrolment","conflicts"}. Links the participant to the provider. */
int app_class_enrol(struct app_ctx *ctx, int64_t group_id, const json_t *in, json_t **out, struct err *e);
/* {"end_date"}: the enrolment, its link ended too. */
int app_class_enrolment_update(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e);

/* ---- matching ---- */

struct free_query {
	const char *day_parts; /* comma-separated codes, NULL: none asked */
	int full_days;         /* 0..7 */
	const char *week;      /* any day of the week, NULL: this week */
};

/* {"items":[{"participant_id","family_name","given_names"}],"total"}:
 * the participants whose plan the actor may read that are free in the
 * pattern. */
int app_week_plan_free(struct app_ctx *ctx, const struct free_query *q, json_t **out, struct err *e);
/* {"free_day_parts","items":[placement...]}: the active placements whose
 * day-parts fit the participant's free day-parts that week. */
int app_fitting_placements(struct app_ctx *ctx, int64_t pid, const char *week, json_t **out, struct err *e);

/* ---- calendars (calendar.c) ---- */

/* The participant's plan as an iCalendar file into b (text/calendar). */
int app_week_plan_ics(struct app_ctx *ctx, int64_t pid, struct buf *b, struct err *e);
/* A job coach's appointments as an iCalendar file: the coach themself or
 * a project leader. */
int app_coach_ics(struct app_ctx *ctx, int64_t coach_user_id, struct buf *b, struct err *e);

/* {"subject":"participant","participant_id"} or {"subject":"coach",
 * "coach_user_id"?}: the token row with "token" and "url" (shown once). */
int app_calendar_token_create(struct app_ctx *ctx, const json_t *in, json_t **out, struct err *e);
/* {"items":[...]}: the actor's own tokens, without the secret. */
int app_calendar_token_list(struct app_ctx *ctx, json_t **out, struct err *e);
/* Revoke one of the actor's own tokens. */
int app_calendar_token_revoke(struct app_ctx *ctx, int64_t id, json_t **out, struct err *e);
/* The calendar behind a token, read as the token's maker with the maker's
 * access now; ERR_NOT_FOUND (always the same answer) for an unknown or
 * revoked token or one whose maker may no longer read it. ctx need not
 * have an actor: it becomes the maker. */
int app_calendar_by_token(struct app_ctx *ctx, const char *token, struct buf *b, struct err *e);

#endif
