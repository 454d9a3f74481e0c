/*
 * timetable.h - use cases of the language-class side of week planning
 * (docs/week-plan.md): the clock times of the day-parts, language
 * providers' class groups with their weekly sessions and holidays, class
 * attendance and its imports, and the capacity overview of placements.
 *
 * Who may do what: class groups are not personal data, so every user may
 * read them (a language provider only its own); managing them needs
 * ACT_MANAGE_TIMETABLES (a provider only for its own organisation).
 * Attendance is civic_integration data of each participant: read and
 * written through the participant's relation and consent, each access
 * logged as ACTIVITY_CLASS_ATTENDANCE. Day-part times: every user reads,
 * ACT_CONFIGURE changes. Capacity: ACT_READ_EMPLOYERS (an employer its
 * own placements only). Results are new JSON references the caller owns;
 * errors -1 with e filled.
 */
#ifndef MEEDOEN_TIMETABLE_H
#define MEEDOEN_TIMETABLE_H

#include "app/app.h"

/* ---- day-part clock times ---- */

/* {"items":[{"part","label","start_time","end_time"}]} morning first. */
int app_day_part_times_get(struct app_ctx *ctx, json_t **out, struct err *e);
/* {"morning":{"start_time","end_time"},"afternoon":{…},"evening":{…}},
 * all three; answers as app_day_part_times_get. Field errors on
 * "<part>.start_time" / "<part>.end_time"; nothing changes on error. */
int app_day_part_times_put(struct app_ctx *ctx, const json_t *in, json_t **out, struct err *e);

/* ---- class groups ---- */

/* {"items":[group…]} of one provider (0: all the actor may see), the
 * inactive ones too when include_inactive. */
int app_class_group_list(struct app_ctx *ctx, int64_t organisation_id, bool include_inactive, json_t **out,
			 struct err *e);
/* A new group with its sessions; see the doc for the body and refusals. */
int app_class_group_create(struct app_ctx *ctx, const json_t *in, json_t **out, struct err *e);
/* The group with "enrolments" (names where the actor may read the
 * identity; each shown name logged). */
int app_class_group_get(struct app_ctx *ctx, int64_t id, json_t **out, struct err *e);
/* Change members of a group; "sessions" replaces all its sessions. */
int app_class_group_update(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e);
/* {"from_date","to_date"?,"reason"}: no class on those days. Answers the group. */
int app_class_group_exception_add(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e);

/* ---- class attendance ---- */

/* {"day","sessions","items":[{"participant_id",names or "hidden","status","reason"}]}
 * for everyone enrolled on day (NULL: today). */
int app_class_attendance_get(struct app_ctx *ctx, int64_t group_id, const char *day, json_t **out, struct err *e);
/* {"day","items":[{"participant_id","status","reason"?}]}: all or nothing;
 * answers as app_class_attendance_get. */
int app_class_attendance_put(struct app_ctx *ctx, int64_t group_id, const json_t *in, json_t **out, struct err *e);

/* ---- imports (timetable_import.c, docs/timetable-import.md) ---- */

/* The timetable CSV: one row per weekly session, rows of one provider and
 * group make one group (created, or its details and sessions replaced).
 * A group with a bad row is not imported; with partial the other groups
 * are. *report as the employer import's ({"import","format","partial",
 * "rows","groups","created","updated","unchanged","rejected","committed",
 * "errors":[{"line","field","reason"}]}; created/updated/unchanged count
 * groups, rejected rows). Returns 0 when accepted, -1 with ERR_INVALID
 * when rows were refused (nothing stored unless partial), ERR_FORBIDDEN
 * without a report when the actor may not manage timetables. */
int app_import_timetable(struct app_ctx *ctx, const char *data, size_t n, bool partial, json_t **report,
			 struct err *e);
/* The class-attendance CSV (provider,group,participant_id,day,status,
 * reason): each row checked as the API checks one item; rows stand alone.
 * Report and returns as app_import_timetable (created/updated/unchanged
 * count marks). */
int app_import_class_attendance(struct app_ctx *ctx, const char *data, size_t n, bool partial, json_t **report,
				struct err *e);

/* ---- capacity overview (capacity.c) ---- */

/* {"from","weeks":[monday…],"items":[{"placement_id","title","organisation_id","organisation_name",
 * "is_hall","capacity","day_parts","grid":[{"week","planned":[21],"over":[codes]}]}]}
 * for the active placements (of one organisation, 0: all the actor may
 * see), `weeks` weeks (1..12) from the Monday of `from` (NULL: today).
 * Counts only. */
int app_capacity(struct app_ctx *ctx, const char *from, int weeks, int64_t organisation_id, json_t **out,
		 struct err *e);

#endif
