/*
 * timetable_internal.h - what the class-group use cases (timetable.c)
 * share with their CSV imports (timetable_import.c): access to groups,
 * checking one session, and the days on which a group meets.
 */
#ifndef MEEDOEN_TIMETABLE_INTERNAL_H
#define MEEDOEN_TIMETABLE_INTERNAL_H

#include "app/timetable.h"
#include "domain/schedule.h"

/* One weekly session, checked. */
struct session_in {
	enum weekday wd;
	int start, end;     /* minutes since midnight, start < end */
	daypart_set parts;  /* the day-parts it touches with the times in force */
};

#define SESSION_TEXT_LEN 24 /* "tue 09:00-11:30" plus NUL, with room */

/* Check one session object {"weekday","start_time","end_time"} against
 * the day-part times t: field errors named "weekday", "start_time",
 * "end_time" (the caller renames them) go to e. Returns 0 and *out, or -1. */
int timetable_session_check(const json_t *s, const struct day_part_times *t, struct session_in *out, struct err *e);
/* Do two sessions meet on the same weekday at overlapping times? */
bool timetable_sessions_overlap(const struct session_in *a, const struct session_in *b);
/* "tue 09:00-11:30". */
void timetable_session_text(const struct session_in *s, char out[SESSION_TEXT_LEN]);

/* Which groups the actor may read: *only = 0 for all, the actor's
 * organisation for a language provider. */
void timetable_read_scope(const struct app_ctx *ctx, int64_t *only);
/* ERR_FORBIDDEN unless the actor may manage the timetables of
 * organisation org_id (0: of some organisation). `what` completes
 * "a taalaanbieder may not ...". */
int timetable_need_manage(struct app_ctx *ctx, int64_t org_id, const char *what, struct err *e);

/* A stored group with what deciding on its days needs. */
struct tgroup {
	int64_t id;
	int64_t org_id;
	json_t *row;        /* store_class_group_get */
	json_t *sessions;   /* store_class_sessions */
	json_t *exceptions; /* store_group_exceptions */
	date_t start, end;
};

/* Load group id the actor may read (ERR_NOT_FOUND, ERR_FORBIDDEN);
 * release with timetable_group_release. */
int timetable_group_load(struct app_ctx *ctx, int64_t id, struct tgroup *g, struct err *e);
void timetable_group_release(struct tgroup *g);

/* Does the group meet on day: within its period, a session on that
 * weekday, no group exception covering it? When not, a field error on
 * `field` says why and the result is false. */
bool timetable_group_meets(const struct tgroup *g, date_t day, const char *field, struct err *e);

/* The attendance statuses, NULL-terminated. */
extern const char *const class_attendance_statuses[];

/* Is participant pid enrolled in the group on day (of the list
 * store_class_enrolments gave for that day)? */
bool timetable_enrolled(const json_t *enrolled, int64_t pid);

#endif
