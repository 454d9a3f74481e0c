/*
 * store_timetable.h - persistence of the language-class side of week
 * planning (issue 5): the clock times of the day-parts, language
 * providers' class groups with their weekly sessions, class attendance,
 * group exceptions, and the numbers of the capacity overview. The
 * day-parts a session takes are never stored: app/ derives them from the
 * clock times (domain/schedule.h). Enrolments are written elsewhere; this
 * file only reads them. Errors as in store.h.
 */
#ifndef MEEDOEN_STORE_TIMETABLE_H
#define MEEDOEN_STORE_TIMETABLE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/schedule.h"
#include "store/store.h"

/* ---- day-part clock times ---- */

/* The clock times of the three day-parts from the day_part_time table; a
 * part without a row, or with a time clock_parse() refuses, keeps its
 * default (schedule_default_times). */
int store_day_part_times_get(struct store *st, struct day_part_times *t, struct err *e);

/* Overwrite the three rows with t, recording who changed them when. */
int store_day_part_times_put(struct store *st, const struct day_part_times *t, int64_t user_id, const char *now,
			     struct err *e);

/* ---- class groups and their sessions ---- */

/* Insert a group from the members organisation_id, name, level, location,
 * start_date, end_date, active of row; *id is the new id. ERR_CONFLICT
 * when the provider has a group of that name. */
int store_class_group_insert(struct store *st, const json_t *row, const char *now, int64_t *id, struct err *e);
/* Change the members of row named above that are present; ERR_NOT_FOUND,
 * ERR_CONFLICT as for insert. */
int store_class_group_update(struct store *st, int64_t id, const json_t *row, const char *now, struct err *e);
/* {"id","organisation_id","organisation_name","name","level","location",
 * "start_date","end_date","active" (0/1),"enrolled" (enrolments covering
 * today),"created_at","updated_at"}; ERR_NOT_FOUND. */
int store_class_group_get(struct store *st, int64_t id, const char *today, json_t **out, struct err *e);
/* Groups as store_class_group_get, of one provider (0: any), only the
 * active ones unless include_inactive, by provider name and group name. */
int store_class_group_list(struct store *st, int64_t org_id, bool include_inactive, const char *today,
			   json_t **items, struct err *e);
/* *id of the provider's group with this name, 0 when there is none. */
int store_class_group_by_name(struct store *st, int64_t org_id, const char *name, int64_t *id, struct err *e);

/* The sessions of a group, [{"id","weekday","start_time","end_time"}] in
 * week order and by start time. */
int store_class_sessions(struct store *st, int64_t group_id, json_t **items, struct err *e);
/* Replace all sessions of a group by those of the array sessions (objects
 * with "weekday","start_time","end_time"). Inside the caller's transaction. */
int store_class_sessions_replace(struct store *st, int64_t group_id, const json_t *sessions, struct err *e);

/* The enrolments of a group (written elsewhere), oldest first:
 * [{"id","participant_id","start_date","end_date"}]. With day not NULL
 * only those covering that day (start_date <= day <= end_date, an open
 * end covering every later day). */
int store_class_enrolments(struct store *st, int64_t group_id, const char *day, json_t **items, struct err *e);

/* ---- group exceptions (plan_exception rows with group_id) ---- */

int store_group_exception_insert(struct store *st, int64_t group_id, const char *from, const char *to,
				 const char *reason, int64_t user_id, const char *now, int64_t *id, struct err *e);
/* [{"id","from_date","to_date","reason"}] not removed, by from_date. */
int store_group_exceptions(struct store *st, int64_t group_id, json_t **items, struct err *e);

/* ---- class attendance ---- */

/* One mark per group, participant and day; a later mark replaces it. */
int store_class_attendance_put(struct store *st, int64_t group_id, int64_t pid, const char *day, const char *status,
			       const char *reason, int64_t user_id, const char *now, struct err *e);
/* The marks of a group on one day: [{"participant_id","status","reason"}]. */
int store_class_attendance_day(struct store *st, int64_t group_id, const char *day, json_t **items, struct err *e);

/* ---- capacity overview (store_capacity.c) ---- */

/* The work entries at placements (plan_entry of kind work, not removed,
 * with a placement) valid on some day of [from, to], of one organisation's
 * placements (0: any): [{"placement_id","participant_id","day_parts"
 * (stored text),"valid_from","valid_until"}]. */
int store_capacity_entries(struct store *st, int64_t org_id, const char *from, const char *to, json_t **items,
			   struct err *e);

#endif
