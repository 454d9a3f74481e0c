/*
 * store_plan.h - persistence of participants' week plans (issue 5):
 * recurring plan entries, exceptions of entries and whole plans, the
 * conflicts accepted on purpose (plan_override), class enrolments with
 * the reads of class groups and sessions a plan needs, the facts about a
 * person the plan rules use, the bulk reads of the matching queries, and
 * calendar subscription tokens (only their hashes). Class groups
 * themselves are written by store_timetable.c.
 *
 * Rows come back as JSON objects named by column (dates and times as
 * text, absent values as null). Errors as in store.h.
 */
#ifndef MEEDOEN_STORE_PLAN_H
#define MEEDOEN_STORE_PLAN_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "store/store.h"

/* ---- entries ---- */

/* Insert an entry of participant pid from the members of row named like
 * the columns (kind, title, day_parts, start_time, end_time, location,
 * placement_id, training_id, coach_user_id, valid_from, valid_until,
 * note); *id is the new entry. */
int store_plan_entry_insert(struct store *st, int64_t pid, const json_t *row, int64_t user_id, const char *now,
			    int64_t *id, struct err *e);
/* Overwrite the members of row given (same names; null clears). */
int store_plan_entry_update(struct store *st, int64_t id, const json_t *row, const char *now, struct err *e);
/* Mark the entry removed; ERR_NOT_FOUND when there is none not removed. */
int store_plan_entry_remove(struct store *st, int64_t id, int64_t user_id, const char *now, struct err *e);
/* One entry (removed or not) with "participant_id", "placement_title",
 * "placement_location", "training_title", "coach_name", "removed_at";
 * ERR_NOT_FOUND. */
int store_plan_entry_get(struct store *st, int64_t id, json_t **out, struct err *e);
/* The entries of pid not removed, as store_plan_entry_get, oldest first. */
int store_plan_entries(struct store *st, int64_t pid, json_t **items, struct err *e);
/* Work entries not removed at placement_id of participants other than
 * pid: {"id","participant_id","kind","day_parts","start_time","end_time",
 * "valid_from","valid_until"}. */
int store_plan_work_at(struct store *st, int64_t placement_id, int64_t pid, json_t **items, struct err *e);
/* Coach appointments not removed naming coach_user_id, with
 * "participant_id" (store_plan_entry_get's columns). */
int store_plan_coach_entries(struct store *st, int64_t coach_user_id, json_t **items, struct err *e);

/* ---- exceptions ---- */

/* A new exception of entry_id (0: none) of participant pid (0: none) or
 * class group group_id (0: none). */
int store_plan_exception_insert(struct store *st, int64_t pid, int64_t entry_id, int64_t group_id,
				const char *from_date, const char *to_date, const char *reason, int64_t user_id,
				const char *now, int64_t *id, struct err *e);
/* {"id","participant_id","entry_id","group_id","from_date","to_date",
 * "reason","created_at","removed_at"}; ERR_NOT_FOUND. */
int store_plan_exception_get(struct store *st, int64_t id, json_t **out, struct err *e);
/* Set removed_at; ERR_NOT_FOUND when there is none not removed. */
int store_plan_exception_remove(struct store *st, int64_t id, const char *now, struct err *e);
/* The exceptions in force for pid's plan: the plan's own, its entries',
 * and those of the class groups pid is enrolled in (rows as
 * store_plan_exception_get), by from_date. */
int store_plan_exceptions(struct store *st, int64_t pid, json_t **items, struct err *e);

/* ---- accepted conflicts ---- */

/* conflicts: a JSON array of conflict keys, as text. entry_id or
 * enrolment_id 0 for none. */
int store_plan_override_insert(struct store *st, int64_t pid, int64_t entry_id, int64_t enrolment_id,
			       const char *conflicts, const char *reason, int64_t user_id, const char *now,
			       struct err *e);
/* {"id","entry_id","enrolment_id","conflicts" (text),"reason","user_name",
 * "created_at"} of pid, oldest first. */
int store_plan_overrides(struct store *st, int64_t pid, json_t **items, struct err *e);

/* ---- class groups and enrolments ---- */

/* {"id","organisation_id","organisation_name","name","level","location",
 * "start_date","end_date","active"}; ERR_NOT_FOUND. */
int store_plan_group_get(struct store *st, int64_t id, json_t **out, struct err *e);
int store_class_enrolment_insert(struct store *st, int64_t group_id, int64_t pid, const char *start_date,
				 const char *end_date, int64_t link_id, int64_t user_id, const char *now, int64_t *id,
				 struct err *e);
/* {"id","group_id","participant_id","start_date","end_date","link_id",
 * "created_at","group_name","organisation_id","organisation_name",
 * "location","level","group_start","group_end"}; ERR_NOT_FOUND. */
int store_class_enrolment_get(struct store *st, int64_t id, json_t **out, struct err *e);
int store_class_enrolment_set_end(struct store *st, int64_t id, const char *end_date, struct err *e);
/* pid's enrolments (rows as store_class_enrolment_get), each with
 * "sessions":[{"id","weekday","start_time","end_time"}] of its group. */
int store_class_enrolments_of(struct store *st, int64_t pid, json_t **items, struct err *e);

/* ---- facts about the person ---- */

struct plan_person_row {
	bool in_work_learning; /* an open phase of a work-learning kind */
	int agreed_parts;      /* intake's planned_day_parts, -1 none */
	int capacity_days;     /* participant.work_days_per_week, -1 NULL */
	int capacity_hours;    /* participant.work_hours_per_day, -1 NULL */
};

int store_plan_person(struct store *st, int64_t pid, const char *today, struct plan_person_row *out,
		      struct err *e);

/* ---- matching: many people at once ---- */

/* For the participants q's scope lets see (paging and filters unused):
 * *people {"id","family_name","given_names"} by name; *entries the
 * entries not removed valid somewhere in [from, to] {"participant_id",
 * "kind","day_parts","start_time","end_time","valid_from","valid_until"};
 * *classes per enrolment valid in [from, to] and session
 * {"participant_id","enrolment_id","start_date","end_date","group_start",
 * "group_end","weekday","start_time","end_time"}. Three queries. */
int store_plan_week_all(struct store *st, const struct participant_query *q, const char *from, const char *to,
			json_t **people, json_t **entries, json_t **classes, struct err *e);

/* ---- calendar tokens ---- */

/* A new token row; subject "participant" or "coach". */
int store_calendar_token_insert(struct store *st, const char *token_hash, const char *subject, int64_t pid,
				int64_t coach_user_id, int64_t user_id, const char *now, int64_t *id, struct err *e);
/* {"id","subject","participant_id","coach_user_id","user_id",
 * "created_at","revoked_at","last_used_at"}; ERR_NOT_FOUND. */
int store_calendar_token_get(struct store *st, int64_t id, json_t **out, struct err *e);
/* The live (not revoked) token with this hash; ERR_NOT_FOUND. */
int store_calendar_token_by_hash(struct store *st, const char *token_hash, json_t **out, struct err *e);
/* The tokens of user_id, newest first, revoked ones too. */
int store_calendar_token_list(struct store *st, int64_t user_id, json_t **items, struct err *e);
int store_calendar_token_revoke(struct store *st, int64_t id, const char *now, struct err *e);
int store_calendar_token_used(struct store *st, int64_t id, const char *now, struct err *e);

#endif
