/*
 * weekplan_internal.h - what the week-plan use cases share (weekplan.c,
 * weekplan_load.c, weekplan_match.c, calendar.c): a participant's plan
 * loaded from the store into the structs of domain/schedule.h, with the
 * stored rows beside them for output.
 */
#ifndef MEEDOEN_WEEKPLAN_INTERNAL_H
#define MEEDOEN_WEEKPLAN_INTERNAL_H

#include "app/weekplan.h"
#include "domain/activity.h"
#include "domain/schedule.h"

#define WP_KEY_LEN 24 /* "e123456789012345" plus NUL */

/* One participant's plan. Strings in the domain structs point into the
 * JSON rows, so they live as long as the struct. */
struct wp {
	int64_t pid;
	struct day_part_times times;
	json_t *entries;    /* plan_entry rows not removed */
	json_t *enrolments; /* class_enrolment rows with "sessions" */
	json_t *exceptions; /* plan_exception rows in force */
	json_t *overrides;  /* plan_override rows */
	json_t *accepted;   /* conflict key -> {"reason","user_name","created_at"} */
	/* items: entries first, then one per enrolment */
	struct plan_item *items;
	json_t **rows;            /* the row each item came from (borrowed from entries / enrolments) */
	char (*keys)[WP_KEY_LEN]; /* "e12", "t3" */
	size_t nitems;
	struct plan_exception *ex;
	size_t nex;
	struct schedule_person person;
	struct schedule_placement *placements;
	struct plan_item **others; /* per placement, owned */
	json_t **others_rows;      /* per placement, owned */
	size_t nplacements;
	struct schedule_plan plan;
};

/* Load participant pid's plan (no access check, no log). Release with
 * wp_release, also after an error. */
int wp_load(struct app_ctx *ctx, int64_t pid, struct wp *w, struct err *e);
void wp_release(struct wp *w);

/* A plan_entry row as a plan item (titles borrowed from row). Returns
 * false when the row cannot be read (bad stored text). */
bool wp_entry_item(const json_t *row, struct plan_item *it);
/* A class enrolment row (with "sessions") as a plan item: the union of
 * its sessions' day-parts under times, valid from the later of the
 * enrolment's and the group's start to the earlier of their ends; own
 * times when every session has the same times. */
bool wp_class_item(const json_t *row, const struct day_part_times *t, struct plan_item *it);

/* The day-parts a class session (weekday code, "HH:MM" times) takes; 0
 * when unreadable. */
daypart_set wp_session_parts(const char *weekday, const char *start, const char *end,
			     const struct day_part_times *t);

/* Conflicts of w over `weeks` weeks from Monday `monday`; *out malloc'd
 * (caller frees), returns how many. */
size_t wp_conflicts_ahead(const struct wp *w, date_t monday, int weeks, struct schedule_conflict **out);

/* JSON of a day-part set: a list of codes in week order. */
json_t *wp_parts_json(daypart_set s);
/* JSON of one conflict of w, with "accepted" from w->accepted. */
json_t *wp_conflict_json(const struct wp *w, const struct schedule_conflict *c);

/* The Dutch label of a plan kind code (the code itself when unknown). */
const char *wp_kind_label(const char *kind);

/* ---- changing a plan (weekplan.c) ---- */

typedef int (*wp_apply_fn)(struct app_ctx *ctx, void *arg, struct err *e);

struct wp_change {
	int64_t pid;
	date_t from;            /* first day the change touches */
	const char *reason;     /* override_reason, or NULL */
	wp_apply_fn apply;
	void *arg;
	const int64_t *entry_id;     /* where apply leaves the entry's id, or NULL */
	const int64_t *enrolment_id; /* same, for an enrolment */
	const char *action;
	enum activity activity;
};

/* The Monday from which a change starting on `from` is checked: this
 * week's, or the week of `from` when that lies ahead. */
date_t wp_change_monday(const struct app_ctx *ctx, date_t from);

/* Apply change c in one transaction, checking its conflicts week by week:
 * new conflicts not accepted before need c->reason, which is then kept
 * with them (plan_override) and logged. On a refusal *refused =
 * {"conflicts":[...]} and ERR_CONFLICT; nothing is stored on any error. */
int wp_change_run(struct app_ctx *ctx, const struct wp_change *c, json_t **refused, struct err *e);

/* Read "override_reason" (3..500 characters) from in into *reason (NULL
 * when absent); a field error otherwise. */
void wp_reason_check(const json_t *in, const char **reason, struct err *e);

/* JSON list of the n conflicts c of w. */
json_t *wp_conflicts_json(const struct wp *w, const struct schedule_conflict *c, size_t n);

/* How many weeks ahead a change is checked for conflicts. */
#define WP_WEEKS_AHEAD 26

#endif
