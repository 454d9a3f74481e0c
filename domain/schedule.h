/*
 * schedule.h - the arithmetic and the rules of a participant's week plan
 * (weekplanning, DESIGN.md §3 and §4.4): clock times and the day-parts
 * they touch, recurring items with validity periods and exceptions, the
 * conflicts a plan can have, and the queries matching needs ("who is free
 * on two full days, Tuesday and Thursday", "which placements fit these
 * free day-parts").
 *
 * A plan is a list of recurring items, each on a set of day-parts
 * (daypart.h) every week within its validity. Classes of a language
 * provider's group are items too (from_timetable). Rules are judged per
 * week on the recurring pattern: an exception (a holiday, a cancelled day)
 * removes occurrences but never makes or hides a conflict. Conflicts are
 * explained in Dutch for the job coach and carry a stable key, so the app
 * can remember which ones were accepted on purpose.
 *
 * Pure: no I/O, no allocation. Strings in the input are borrowed and must
 * outlive the call; messages are copied into the output.
 */
#ifndef MEEDOEN_SCHEDULE_H
#define MEEDOEN_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "daypart.h"
#include "placement.h"
#include "../base/err.h"

/* ---- clock times ---- */

#define CLOCK_STR_LEN 6 /* "08:30" plus NUL */

/* Parse exactly "HH:MM" (00:00 .. 24:00; 24:00 only as an end) into
 * minutes since midnight. Returns 0, or -1 for anything else ("8:30",
 * "12:60", "25:00"). */
int clock_parse(const char *text, int *minutes);
/* Write minutes (0 .. 1440) as "HH:MM". */
void clock_format(int minutes, char out[CLOCK_STR_LEN]);

/* The clock times of the three day-parts, the same on every weekday, in
 * minutes since midnight; [start, end). */
struct day_part_times {
	int start[DAY_PART_COUNT];
	int end[DAY_PART_COUNT];
};

/* 08:30-12:30, 13:00-17:00, 18:30-21:30. */
void schedule_default_times(struct day_part_times *t);

/* Check day-part times: each part starts before it ends, and the parts
 * follow each other without overlapping (morning ends no later than the
 * afternoon starts, the afternoon no later than the evening). Returns 0,
 * or -1 with field errors on "<part>.start_time" / "<part>.end_time"
 * ("morning.end_time": `"13:30" is after the afternoon starts at "13:00"`). */
int schedule_times_validate(const struct day_part_times *t, struct err *e);

/* The day-parts of weekday d that [start, end) overlaps by at least one
 * minute; 0 when it falls between or outside them (a class 21:45-22:30
 * with the evening ending 21:30). start < end, both 0 .. 1440. */
daypart_set schedule_interval_parts(enum weekday d, int start, int end, const struct day_part_times *t);

/* ---- plan items ---- */

enum plan_kind {
	PLAN_LANGUAGE_CLASS,
	PLAN_WORK,
	PLAN_TRAINING,
	PLAN_COACH_APPOINTMENT,
	PLAN_BUDDY_MEETING,
	PLAN_OTHER,
	PLAN_KIND_COUNT
};

/* Code ("coach_appointment") of a kind, or NULL outside the enum; the
 * Dutch labels are the code list "plan_kind" of codes.c. */
const char *plan_kind_code(enum plan_kind k);
/* Kind by exact code; 0, or -1 for an unknown or NULL code. */
int plan_kind_find(const char *code, enum plan_kind *out);

/* One recurring item of a week plan, as the rules see it. */
struct plan_item {
	int64_t id;             /* plan_entry id, or the class enrolment id when from_timetable; 0 not saved yet */
	bool from_timetable;    /* a class of an enrolled group */
	enum plan_kind kind;
	daypart_set parts;      /* the day-parts it takes every week */
	int start_min, end_min; /* own clock times on each of its days, or -1 / -1: the day-parts' times */
	date_t from;            /* first valid day */
	bool has_until;
	date_t until;           /* last valid day, inclusive */
	int64_t placement_id;   /* work: the placement worked at, 0 none */
	const char *title;      /* for messages: "Taalles A2-dinsdag", "Productiehal Noord" */
};

/* A span of days [from, to] (inclusive) on which an item does not take
 * place: for one item (item_id and from_timetable as in plan_item), or for
 * every item of the plan (item_id 0). */
struct plan_exception {
	int64_t item_id;
	bool from_timetable;
	date_t from, to;
};

/* The Monday on or before d. */
date_t schedule_week_start(date_t d);

/* Does the item take place in the week starting on Monday `monday`: is it
 * valid on at least one day of that week on whose weekday it has a
 * day-part? Exceptions are not considered. */
bool schedule_item_in_week(const struct plan_item *it, date_t monday);

/* Does the item take place on day d in day-part p: d within its validity,
 * p of d's weekday in its parts, and no exception for it (or for the whole
 * plan) covering d? */
bool schedule_occurs(const struct plan_item *it, const struct plan_exception *ex, size_t nex, date_t d,
		     enum day_part p);

/* The minutes [start, end) the item takes on weekday d: its own times, or
 * from the start of its first to the end of its last day-part that day.
 * Returns false when it has no day-part on d. */
bool schedule_item_span(const struct plan_item *it, enum weekday d, const struct day_part_times *t, int *start,
			int *end);

/* Minutes of work (PLAN_WORK items) on weekday d in the week of `monday`:
 * the time covered by the work items valid on that date (their own times,
 * else their day-parts' times), two items at the same time counted once. */
int schedule_work_minutes(const struct plan_item *items, size_t n, enum weekday d, date_t monday,
			  const struct day_part_times *t);

/* ---- conflicts ---- */

enum conflict_rule {
	CONFLICT_OVERLAP,         /* two items at the same time on the same day */
	CONFLICT_BELOW_AGREED,    /* work-learning below the day-parts agreed at intake */
	CONFLICT_BELOW_MINIMUM,   /* work-learning below two day-parts a week */
	CONFLICT_OVER_CAPACITY,   /* more work than the person's work capacity */
	CONFLICT_PLACEMENT_PARTS, /* a placement's required day-parts are not free */
	CONFLICT_FULL_DAY_CLASS,  /* a placement that needs full days, on a day with a class */
	CONFLICT_HALL_FULL,       /* a production hall over its capacity in a day-part */
	CONFLICT_RULE_COUNT
};

/* Code ("hall_full") of a rule, or NULL outside the enum. */
const char *conflict_rule_code(enum conflict_rule r);

/* What is known of the person whose plan is checked. */
struct schedule_person {
	bool in_work_learning; /* an open work-learning phase: the work rules apply */
	int agreed_parts;      /* day-parts of work agreed at intake, -1 unknown */
	int capacity_days;     /* work capacity: days a week, -1 unknown */
	int capacity_hours;    /* work capacity: hours a day, -1 unknown */
};

/* A placement worked at in the plan. */
struct schedule_placement {
	int64_t id;
	const char *title;
	daypart_set required;  /* the day-parts the work takes, 0 none named */
	bool full_days;        /* the work is done in full days */
	bool is_hall;          /* a production hall: capacity counts per day-part */
	int capacity;          /* places (per day-part for a hall) */
	const struct plan_item *others; /* other participants' work items there */
	size_t nothers;
};

struct schedule_plan {
	const struct plan_item *items;
	size_t nitems;
	const struct schedule_person *person;
	const struct schedule_placement *placements;
	size_t nplacements;
	const struct day_part_times *times;
};

#define CONFLICT_MESSAGE_LEN 240
#define CONFLICT_KEY_LEN 64

struct schedule_conflict {
	enum conflict_rule rule;
	daypart_set parts;     /* the cells it shows on; all work day-parts for a week-level rule */
	int item[2];           /* indexes into plan->items, -1 none */
	date_t week;           /* Monday of the first week it occurs in */
	char key[CONFLICT_KEY_LEN];        /* stable: "overlap:e12:t3", "below_minimum", "hall_full:p5:tue_morning" */
	char message[CONFLICT_MESSAGE_LEN]; /* Dutch, names the items, the day-parts and the numbers */
};

/* The conflicts of the plan in the week starting on Monday `monday`, in
 * rule order, into out[0..max); returns how many there are (may exceed
 * max).
 *
 * - overlap: two items valid that week on the same weekday whose spans
 *   (schedule_item_span) intersect; one conflict per pair and weekday;
 * - below_minimum / below_agreed (only when in_work_learning): the work
 *   day-parts that week are fewer than 2 / than agreed_parts;
 * - over_capacity: more days with work than capacity_days (one conflict),
 *   or a day with more minutes of work than capacity_hours (one per day);
 * - placement_parts: a work item whose placement's required day-parts
 *   are taken by another item that week;
 * - full_day_class: a work item at a placement with full_days on a
 *   weekday on which a language class takes place;
 * - hall_full: a day-part of a work item at a hall where the others valid
 *   that week plus this person exceed the capacity.
 * Every rule sees an item on the weekdays of that week whose date lies
 * within its validity (an entry ending on Tuesday and its successor from
 * Wednesday on never collide); exceptions are not considered.
 *
 * Keys name items as e<id> (entries) or t<id> (timetable; an item not
 * saved yet is e0), placements as p<id>, days and day-parts by their codes:
 *   overlap:<a>:<b>:<day>    "overlap:e12:t3:tue"; a before b: entries
 *                            before classes, then by id (item[0] is a)
 *   below_agreed, below_minimum, over_capacity:days
 *   over_capacity:<day>      "over_capacity:tue" (hours that day)
 *   placement_parts:<work>   "placement_parts:e12"
 *   full_day_class:<work>:<day>            "full_day_class:e12:tue"
 *   hall_full:p<id>:<day-part>             "hall_full:p5:tue_morning"
 * Overlap: when neither item has its own times, two items overlap exactly
 * when they share a day-part; otherwise their times are compared, each
 * item without own times taking its day-parts' times one by one (so
 * morning and evening never cover the afternoon). parts is where the
 * shared time lies. For week-level rules (below_*, over_capacity:days)
 * parts is all work day-parts (0 without work) and item[] is -1, -1;
 * placement_parts names the work item and the first other item taking a
 * required day-part; full_day_class the work item and the first class;
 * hall_full the person's first work item there and -1. */
size_t schedule_conflicts(const struct schedule_plan *plan, date_t monday, struct schedule_conflict *out,
			  size_t max);

/* The conflicts of `weeks` weeks from Monday `monday` on, each key once
 * (with the first week it occurs in), into out[0..max); returns how many
 * distinct conflicts there are (may exceed max). */
size_t schedule_conflicts_ahead(const struct schedule_plan *plan, date_t monday, int weeks,
				struct schedule_conflict *out, size_t max);

/* ---- queries for matching ---- */

/* The day-parts not taken by any item valid in the week of `monday`. */
daypart_set schedule_free_parts(const struct plan_item *items, size_t n, date_t monday);

/* A pattern asked for: these day-parts, and at least full_days full days
 * (morning and afternoon) among the free ones. "Two full days, Tuesday
 * and Thursday" is parts = tue and thu mornings and afternoons. */
struct schedule_pattern {
	daypart_set parts;
	int full_days;
};

/* Is a person with these free day-parts free in the pattern? */
bool schedule_pattern_free(daypart_set free, const struct schedule_pattern *p);

/* Indexes of the people (free[i] their free day-parts) free in the
 * pattern, into out[0..max); returns how many (may exceed max). */
size_t schedule_free_people(const daypart_set *free, size_t n, const struct schedule_pattern *p, size_t *out,
			    size_t max);

/* Does a placement fit these free day-parts: every day-part it requires
 * is free, and when it needs full days, enough full days are free (as
 * placement_requirements_check counts them)? */
bool schedule_placement_fits(const struct placement_requirements *r, daypart_set free);

/* Indexes of the placements (reqs[i]) that fit the free day-parts, into
 * out[0..max); returns how many (may exceed max). */
size_t schedule_fitting_placements(const struct placement_requirements *reqs, size_t n, daypart_set free,
				   size_t *out, size_t max);

#endif
