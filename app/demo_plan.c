/*
 * demo_plan.c - week planning in `meedoen demo` (issue 5, item 9): the
 * timetables of two language providers, the people who follow their
 * classes, a week plan for everyone with an open work-learning phase, class
 * attendance over the past four weeks, and a few conflicts a job coach has
 * to resolve.
 *
 * Two steps. demo_plan_build runs inside the demo's transaction after the
 * work floor: it creates the class groups and their sessions, enrols
 * people in a group of their level (the job coach acting), draws each
 * work-learning plan around the classes (work at the phase's placement on
 * free day-parts it offers, within the person's work capacity and a
 * production hall's capacity per day-part, a coach appointment before and
 * after today, a language buddy and a training for some) and records
 * class attendance. Each plan is then checked with the rules of
 * domain/schedule.c; what remains (a training day on a work day, a hall
 * that asks for day-parts taken by a class, someone who can only work one
 * day-part) is accepted with a reason, as a job coach would with
 * override_reason. demo_plan_finish runs after the commit and acts as the
 * users through the app layer: the providers add a Christmas holiday and a
 * cancelled lesson and move a session of a small group (which leaves one
 * person of the demo job coach with an unresolved overlap), and the job
 * coach enrols someone in a class that collides with work, accepting it.
 * Two more conflicts stay open on purpose: work that stopped last week
 * (below the minimum) and a full work day beyond the person's hours.
 *
 * Speed: one query reads the people (store_demo_plan_people), choosing is
 * done in memory, the rules are pure, and class groups hold at most
 * GROUP_MAX people, so a demo of 100,000 adds a few inserts per person in
 * work-learning. Everything draws from a generator of its own, so the rest
 * of a seed's demo is what it was before.
 */
#include "app/demo_internal.h"
#include "app/vault.h"
#include "app/timetable.h"
#include "app/weekplan.h"
#include "domain/placement.h"
#include "domain/schedule.h"
#include "store/store_demo.h"
#include "store/store_plan.h"
#include "store/store_timetable.h"
#include "base/buf.h"
#include "base/xmalloc.h"

#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define GROUP_MAX 14     /* people in one class group */
#define EXAM_MAX 5       /* people in the exam training */
#define HISTORY_DAYS 27  /* class attendance recorded for the days since */
#define CHECK_BACK 4     /* weeks before this one whose conflicts are accepted */
#define CHECK_WEEKS 13   /* weeks checked in all */
#define MAX_CONFLICTS 48

#define AM(d) DAYPART_BIT(d, DP_MORNING)
#define PM(d) DAYPART_BIT(d, DP_AFTERNOON)
#define EVE(d) DAYPART_BIT(d, DP_EVENING)

static const char office[] = "WerkPlein Westland (spreekkamers), Naaldwijk";
static const char library[] = "Bibliotheek Naaldwijk, Verdilaan 7, Naaldwijk";

/* The providers, by index in group_plans. */
enum provider { TAALHUIS, DE_BRUG, PROVIDER_COUNT };

static const enum demo_org provider_org[PROVIDER_COUNT] = { ORG_LANGUAGE, ORG_LANGUAGE2 };
static const enum demo_user provider_user[PROVIDER_COUNT] = { U_LANGUAGE, U_LANGUAGE2 };

struct session_plan {
	enum weekday day;
	const char *start, *end;
};

/* The class groups: level 1 A1, 2 A2, 3 B1; period in days from today. */
static const struct group_plan {
	enum provider provider;
	const char *name;
	int level;
	const char *location;
	struct session_plan sessions[3];
	int starts, ends;
} group_plans[] = {
	{ TAALHUIS, "A1 maandag/woensdag ochtend", 1, library,
	  { { WD_MON, "09:00", "11:30" }, { WD_WED, "09:00", "11:30" } }, -110, 130 },
	{ TAALHUIS, "A2 dinsdag/donderdag ochtend", 2, "Taalhuis Westland, Wilhelminastraat 22, Naaldwijk",
	  { { WD_TUE, "09:00", "12:00" }, { WD_THU, "09:00", "12:00" } }, -90, 150 },
	{ TAALHUIS, "A2 maandag/woensdag middag", 2, "Bibliotheek 's-Gravenzande, Langestraat 12, 's-Gravenzande",
	  { { WD_MON, "13:30", "16:00" }, { WD_WED, "13:30", "16:00" } }, -60, 180 },
	{ TAALHUIS, "B1 dinsdag/vrijdag ochtend", 3, "Taalhuis Westland, Wilhelminastraat 22, Naaldwijk",
	  { { WD_TUE, "09:00", "11:30" }, { WD_FRI, "09:00", "11:30" } }, -130, 100 },
	{ TAALHUIS, "B1 avondgroep dinsdag/donderdag", 3, library,
	  { { WD_TUE, "19:00", "21:00" }, { WD_THU, "19:00", "21:00" } }, -75, 160 },
	{ DE_BRUG, "A1 intensief ma/wo/vr ochtend", 1, "Taalschool De Brug, Havenstraat 3, Monster",
	  { { WD_MON, "09:00", "12:00" }, { WD_WED, "09:00", "12:00" }, { WD_FRI, "09:00", "12:00" } }, -100, 140 },
	{ DE_BRUG, "A2 dinsdag middag en vrijdag ochtend", 2, "Taalschool De Brug, Havenstraat 3, Monster",
	  { { WD_TUE, "13:30", "16:00" }, { WD_FRI, "09:00", "11:30" } }, -120, 120 },
	{ DE_BRUG, "A2 woensdag/donderdag ochtend", 2, "Wijkcentrum De Wending, Herenstraat 40, Wateringen",
	  { { WD_WED, "09:00", "11:30" }, { WD_THU, "09:00", "11:30" } }, -80, 150 },
	{ DE_BRUG, "B1 dinsdag/donderdag middag", 3, "Dorpshuis Poeldijk, Kerklaan 10, Poeldijk",
	  { { WD_TUE, "13:30", "16:00" }, { WD_THU, "13:30", "16:00" } }, -95, 135 },
	{ DE_BRUG, "B1 examentraining herkansers", 3, "Taalschool De Brug, Havenstraat 3, Monster",
	  { { WD_FRI, "09:00", "11:30" } }, -45, 75 },
};

#define EXAM_GROUP 9     /* its Friday lesson moves to Thursday afternoon */
#define HOLIDAY_GROUP 1  /* has the Christmas holiday */
#define CANCEL_GROUP 7   /* a lesson last week was cancelled */
static const struct session_plan exam_moved = { WD_THU, "13:30", "16:00" };

/* Work for someone in work-learning without a place, by phase kind. */
static const struct {
	const char *kind, *title;
} unplaced_work[] = {
	{ "internal_work_learning", "Werkvoorbereiding WerkPlein (wacht op een plek in de hal)" },
	{ "external_work_learning", "Sollicitatietraining en snuffelstages" },
	{ "work_experience_place", "Werkervaring in de kantine van WerkPlein" },
	{ "language_internship", "Taalstage in de bibliotheek" },
	{ "trial_placement", "Voorbereiding proefplaatsing" },
};

static const char *const absence_reasons[] = {
	"ziek", "afspraak bij de huisarts", "kind ziek", "afspraak bij de gemeente", "afspraak bij de IND",
	"werkdag verschoven",
};

/* The stories: people of the demo job coach with a conflict to see. */
enum story {
	STORY_NONE,
	STORY_MOVED,   /* the exam training moves onto a work day-part: open overlap */
	STORY_LATE,    /* enrolled after work was planned, with an override */
	STORY_STOPPED, /* the work stopped last week: open below_minimum */
	STORY_HOURS,   /* a full work day beyond the hours a day: open over_capacity */
	STORY_ABSENT,  /* three unexcused absences: the class_absence signal */
};

struct person {
	int64_t pid, coach, placement, training;
	int64_t work_id, enrolment, exam_enrolment;
	enum story story;
	const char *kind;        /* the open work-learning phase, NULL none */
	int level;               /* class level wanted, 0 none */
	int days, hours, agreed; /* -1 unknown */
	bool course, duty, buddy, hall, full_days;
	int hall_ix, group;      /* -1 none; group: the class group (not the exam training) */
	date_t phase_start, group_from, exam_from;
	daypart_set offered;     /* the day-parts the placement names (the working week without one) */
	daypart_set required;    /* the day-parts it asks of everyone (placement_required_parts) */
	daypart_set classes;     /* taken by the classes enrolled in */
	daypart_set avoid;       /* kept free: a lesson moves there */
	daypart_set work;        /* chosen */
	daypart_set forced;      /* work a story needs */
	const char *title, *location; /* of the work: the placement's, or for the phase without one */
	int capacity;            /* the placement's */
};

struct group {
	int64_t id;
	int enrolled;
	date_t from, until;
	daypart_set parts;
	int start_min, end_min; /* common clock times of the sessions, -1 none */
};

struct hall {
	int64_t id;
	int capacity;
	int count[DAYPART_BITS];
};

struct training {
	int64_t id;
	date_t from, until;
	char title[128];
};

struct demo_plan {
	struct demo_rng r;
	const struct demo_ids *ids;
	date_t today, monday;
	struct day_part_times times;
	json_t *rows; /* the people as read; person strings point into it */
	struct person *people;
	size_t n;
	struct group groups[COUNT(group_plans)];
	struct hall *halls;
	size_t nhalls;
	struct training trainings[16];
	size_t ntrainings;
	int story[STORY_ABSENT]; /* index into people per story, -1 none */
	struct demo_plan_counts counts;
};

/* ---- small helpers ---- */

static bool chance(struct demo_plan *p, uint32_t percent)
{
	return demo_rng_below(&p->r, 100) < percent;
}

static int int_or(const json_t *row, const char *key, int dflt)
{
	json_t *v = json_object_get(row, key);
	return json_is_integer(v) ? (int)json_integer_value(v) : dflt;
}

static const char *text(const json_t *row, const char *key)
{
	return json_string_value(json_object_get(row, key));
}

static bool eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* The minutes of "HH:MM" (known good). */
static int minutes(const char *clock)
{
	int m = 0;
	clock_parse(clock, &m);
	return m;
}

/* The weekdays Monday to Friday, mornings and afternoons. */
static daypart_set working_week(void)
{
	daypart_set s = 0;
	for (int d = WD_MON; d <= WD_FRI; d++)
		s |= AM(d) | PM(d);
	return s;
}

static daypart_set mornings(void)
{
	daypart_set s = 0;
	for (int d = WD_MON; d <= WD_FRI; d++)
		s |= AM(d);
	return s;
}

/* The weekdays (as whole days) that s touches. */
static daypart_set days_of(daypart_set s)
{
	daypart_set out = 0;
	for (int d = 0; d < WEEKDAY_COUNT; d++)
		if (s & daypart_day((enum weekday)d))
			out |= daypart_day((enum weekday)d);
	return out;
}

static int day_count(daypart_set s)
{
	int n = 0;
	for (int d = 0; d < WEEKDAY_COUNT; d++)
		n += (s & daypart_day((enum weekday)d)) != 0;
	return n;
}

/* The Christmas holiday around `today`: from the Saturday before 24
 * December for sixteen days (as the Dutch school holiday falls). */
static void christmas(date_t today, date_t *from, date_t *to)
{
	int y, m, d;
	date_t eve;
	date_to_ymd(today, &y, &m, &d);
	if (m == 1 && d <= 10)
		y--;
	date_from_ymd(y, 12, 24, &eve);
	*from = eve - (date_t)((date_weekday(eve) + 2) % 7);
	*to = *from + 15;
}

/* The lesson of the cancelled group last week: its first session day in
 * the week before this one. */
static date_t cancelled_day(const struct demo_plan *p)
{
	return p->monday - 7 + (date_t)group_plans[CANCEL_GROUP].sessions[0].day;
}

/* Is there no lesson of group g on day d for everyone (a group exception)? */
static bool group_off(const struct demo_plan *p, size_t g, date_t d)
{
	date_t from, to;
	if (g == HOLIDAY_GROUP) {
		christmas(p->today, &from, &to);
		if (d >= from && d <= to)
			return true;
	}
	return g == CANCEL_GROUP && d == cancelled_day(p);
}

/* ---- reading the people ---- */

/* The class level someone needs: the next above their spoken Dutch, up
 * to B1 (the exam); 0 when they passed or are exempt. */
static int level_wanted(const json_t *row)
{
	if (eq(text(row, "exam_status"), "passed") || eq(text(row, "exam_status"), "exempt"))
		return 0;
	int rank = cefr_rank(text(row, "cefr_speaking"));
	if (rank >= 4)
		return 0;
	return rank <= 0 ? 1 : rank < 3 ? rank + 1 : 3;
}

static int hall_index(struct demo_plan *p, int64_t placement, int capacity)
{
	for (size_t i = 0; i < p->nhalls; i++)
		if (p->halls[i].id == placement)
			return (int)i;
	struct hall *h = &p->halls[p->nhalls];
	memset(h, 0, sizeof *h);
	h->id = placement;
	h->capacity = capacity;
	return (int)p->nhalls++;
}

static void person_read(struct demo_plan *p, const json_t *row, struct person *x)
{
	struct err tmp;
	memset(x, 0, sizeof *x);
	x->pid = json_integer_value(json_object_get(row, "id"));
	x->coach = json_integer_value(json_object_get(row, "coach_user_id"));
	x->placement = json_integer_value(json_object_get(row, "placement_id"));
	x->training = json_integer_value(json_object_get(row, "training_id"));
	x->kind = text(row, "phase_kind");
	x->level = level_wanted(row);
	x->days = int_or(row, "days", -1);
	x->hours = int_or(row, "hours", -1);
	x->agreed = int_or(row, "agreed", -1);
	x->course = int_or(row, "course", 0) != 0;
	x->duty = eq(text(row, "integration_duty"), "duty") || eq(text(row, "integration_duty"), "voluntary");
	x->buddy = int_or(row, "buddy", 0) != 0;
	x->full_days = int_or(row, "full_days", 0) != 0;
	x->hall_ix = x->group = -1;
	x->title = text(row, "placement_title");
	x->location = text(row, "placement_location");
	x->capacity = int_or(row, "capacity", 0);
	if (text(row, "phase_start") == NULL || date_parse(text(row, "phase_start"), &x->phase_start) != 0 ||
	    x->phase_start > p->today)
		x->phase_start = p->today;
	err_init(&tmp);
	if (x->placement && daypart_list_parse(text(row, "placement_day_parts"), &x->offered, &tmp) != 0)
		x->offered = 0;
	err_release(&tmp);
	x->hall = x->placement && eq(text(row, "organisation_type"), "social_work_company");
	x->required = x->placement ? placement_required_parts(x->offered, int_or(row, "placement_hours", 0), x->hall) : 0;
	if (x->offered == 0)
		x->offered = working_week();
	if (x->hall)
		x->hall_ix = hall_index(p, x->placement, x->capacity);
	if (x->kind && x->placement == 0) {
		x->title = unplaced_work[0].title;
		for (size_t i = 0; i < COUNT(unplaced_work); i++)
			if (eq(unplaced_work[i].kind, x->kind))
				x->title = unplaced_work[i].title;
		x->location = "WerkPlein Westland, Naaldwijk";
	}
}

static int trainings_read(struct demo_plan *p, struct app_ctx *ctx, struct err *e)
{
	for (size_t i = 0; i < p->n; i++) {
		struct person *x = &p->people[i];
		size_t k = 0;
		while (k < p->ntrainings && p->trainings[k].id != x->training)
			k++;
		if (x->training == 0 || k < p->ntrainings || p->ntrainings == COUNT(p->trainings))
			continue;
		json_t *t = NULL;
		if (store_training_get(ctx->st, x->training, &t, e) != 0)
			return -1;
		struct training *tr = &p->trainings[p->ntrainings++];
		tr->id = x->training;
		date_parse(text(t, "start_date"), &tr->from);
		date_parse(text(t, "end_date"), &tr->until);
		str_copy(tr->title, sizeof tr->title, text(t, "title"));
		json_decref(t);
	}
	return 0;
}

static const struct training *training_of(const struct demo_plan *p, int64_t id)
{
	for (size_t k = 0; k < p->ntrainings; k++)
		if (p->trainings[k].id == id)
			return &p->trainings[k];
	return NULL;
}

/* ---- class groups ---- */

static int groups_create(struct demo_plan *p, struct app_ctx *ctx, struct err *e)
{
	for (size_t g = 0; g < COUNT(group_plans); g++) {
		const struct group_plan *gp = &group_plans[g];
		struct group *gr = &p->groups[g];
		char from[DATE_STR_LEN], until[DATE_STR_LEN];
		int common = -2, common_end = -2;

		gr->from = p->today + gp->starts;
		gr->until = p->today + gp->ends;
		date_format(gr->from, from);
		date_format(gr->until, until);
		json_t *row = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:i}", "organisation_id",
					(json_int_t)p->ids->org[provider_org[gp->provider]], "name", gp->name, "level",
					cefr_code(gp->level), "location", gp->location, "start_date", from, "end_date", until,
					"active", 1);
		json_t *sessions = json_array();
		for (size_t s = 0; s < COUNT(gp->sessions) && gp->sessions[s].start; s++) {
			const struct session_plan *sp = &gp->sessions[s];
			json_array_append_new(sessions, json_pack("{s:s,s:s,s:s}", "weekday", weekday_code(sp->day),
								  "start_time", sp->start, "end_time", sp->end));
			gr->parts |= schedule_interval_parts(sp->day, minutes(sp->start), minutes(sp->end), &p->times);
			if (common == -2) {
				common = minutes(sp->start);
				common_end = minutes(sp->end);
			} else if (common != minutes(sp->start) || common_end != minutes(sp->end)) {
				common = common_end = -1;
			}
		}
		gr->start_min = common;
		gr->end_min = common_end;
		int rc = store_class_group_insert(ctx->st, row, ctx->now_s, &gr->id, e);
		if (rc == 0)
			rc = store_class_sessions_replace(ctx->st, gr->id, sessions, e);
		json_decref(row);
		json_decref(sessions);
		if (rc != 0)
			return -1;
		p->counts.groups++;
	}
	return 0;
}

/* The day-parts of work left to x next to classes on parts: those its
 * placement offers, and for work in full days only on days without a class. */
static daypart_set work_room(const struct person *x, daypart_set parts)
{
	daypart_set room = x->offered & working_week() & ~parts & ~x->avoid;
	if (x->full_days)
		room &= ~days_of(parts);
	return room;
}

/* The best group of x's level at provider v with a place left: the one
 * leaving most room for work (ties drawn); -1 when none. */
static int group_pick(struct demo_plan *p, const struct person *x, enum provider v)
{
	int best = -1, score = -1;
	for (size_t g = 0; g < COUNT(group_plans); g++) {
		if (g == EXAM_GROUP || group_plans[g].provider != v || group_plans[g].level != x->level ||
		    p->groups[g].enrolled >= GROUP_MAX)
			continue;
		int s = daypart_count(work_room(x, x->classes | p->groups[g].parts)) * 4 +
			(int)demo_rng_below(&p->r, 4);
		if (s > score) {
			score = s;
			best = (int)g;
		}
	}
	return best;
}

/* ---- the stories ---- */

static bool jobcoach(const struct demo_plan *p, const struct person *x)
{
	return x->coach == p->ids->user[U_JOB_COACH] && x->kind && x->story == STORY_NONE;
}

/* Can x work in clock day-parts (not own times)? */
static bool whole_parts(const struct person *x)
{
	return x->hours < 0 || x->hours >= 4;
}

/* Pick the people of the demo job coach for the stories; the first that
 * fits each, in id order. */
static void stories_pick(struct demo_plan *p)
{
	daypart_set moved = DAYPART_BIT(exam_moved.day, DP_AFTERNOON);
	for (int s = 0; s < STORY_ABSENT; s++)
		p->story[s] = -1;
	for (size_t i = 0; i < p->n; i++) {
		struct person *x = &p->people[i];
		if (!jobcoach(p, x) || !whole_parts(x) || x->full_days || (x->days >= 0 && x->days < 2))
			continue;
		if (p->story[STORY_MOVED] < 0 && (x->offered & moved) && x->level >= 2 && x->phase_start < p->today - 30) {
			x->story = STORY_MOVED;
			p->story[STORY_MOVED] = (int)i;
		} else if (p->story[STORY_LATE] < 0 && x->level > 0) {
			x->story = STORY_LATE;
			p->story[STORY_LATE] = (int)i;
		} else if (p->story[STORY_STOPPED] < 0 && !x->hall && x->phase_start < p->monday - 21) {
			x->story = STORY_STOPPED;
			p->story[STORY_STOPPED] = (int)i;
		} else if (p->story[STORY_HOURS] < 0 && x->hours >= 4 && x->hours < 8 && x->days >= 2 &&
			   daypart_full_days(x->offered) > 0) {
			x->story = STORY_HOURS;
			p->story[STORY_HOURS] = (int)i;
		}
	}
}

/* ---- enrolments ---- */

static int enrol(struct demo_plan *p, struct app_ctx *ctx, struct person *x, size_t g, int64_t *id, struct err *e)
{
	const struct group_plan *gp = &group_plans[g];
	struct group *gr = &p->groups[g];
	char from[DATE_STR_LEN];
	int64_t link = 0, cid;
	date_t start = p->today - 14 - (date_t)demo_rng_below(&p->r, 90);

	if (start < gr->from)
		start = gr->from;
	if (x->kind && start < x->phase_start - 30)
		start = x->phase_start - 30 < gr->from ? gr->from : x->phase_start - 30;
	date_format(start, from);
	/* a course at the Taalhuis was linked with the network; a new
	 * provider links as app_class_enrol does, and most agree to share */
	if (gp->provider != TAALHUIS || !x->course) {
		static const char *const cats[] = { "identity", "civic_integration" };
		int64_t org = p->ids->org[provider_org[gp->provider]];
		if (store_link_insert(ctx->st, x->pid, "language_course", 0, org, from, &link, e) != 0)
			return -1;
		for (size_t c = 0; c < COUNT(cats) && chance(p, 85); c++)
			if (store_consent_insert(ctx->st, x->pid, org, cats[c], from, NULL, 0, ctx->now_s, &cid, e) != 0)
				return -1;
	}
	int64_t by = x->coach ? x->coach : p->ids->user[provider_user[gp->provider]];
	if (store_class_enrolment_insert(ctx->st, gr->id, x->pid, from, NULL, link, by, ctx->now_s, id, e) != 0)
		return -1;
	gr->enrolled++;
	x->classes |= gr->parts;
	if (g == EXAM_GROUP)
		x->exam_from = start;
	else
		x->group_from = start;
	p->counts.enrolments++;
	return 0;
}

/* Enrol who follows classes: people in work-learning first (those of the
 * demo job coach before the others, so that a large demo shows them
 * too), then the others on the Taalhuis course list, each in the best
 * group of their level while there is room; the exam training takes the
 * story's person and a few retakers. */
static int enrolments(struct demo_plan *p, struct app_ctx *ctx, struct err *e)
{
	int moved = p->story[STORY_MOVED];
	if (moved >= 0) {
		struct person *x = &p->people[moved];
		if (enrol(p, ctx, x, EXAM_GROUP, &x->exam_enrolment, e) != 0)
			return -1;
	}
	for (int pass = 0; pass < 3; pass++) {
		for (size_t i = 0; i < p->n; i++) {
			struct person *x = &p->people[i];
			int want = x->kind == NULL ? 2 : x->coach == p->ids->user[U_JOB_COACH] ? 0 : 1;
			if (pass != want || x->level == 0 || x->story == STORY_LATE || x->story == STORY_MOVED)
				continue;
			enum provider v = x->course ? TAALHUIS : DE_BRUG;
			if (v == DE_BRUG && (!x->duty || x->kind == NULL))
				continue;
			int g = group_pick(p, x, v);
			if (g >= 0) {
				x->group = g;
				if (enrol(p, ctx, x, (size_t)g, &x->enrolment, e) != 0)
					return -1;
			}
			/* retakers in a hall or without a place join the exam training;
			 * the day-part its lesson moves to stays free for them */
			if (v == DE_BRUG && x->level == 3 && x->kind && (x->hall || x->placement == 0) &&
			    !(x->classes & DAYPART_BIT(exam_moved.day, DP_AFTERNOON)) &&
			    p->groups[EXAM_GROUP].enrolled < EXAM_MAX && chance(p, 50)) {
				x->avoid |= DAYPART_BIT(exam_moved.day, DP_AFTERNOON);
				if (enrol(p, ctx, x, EXAM_GROUP, &x->exam_enrolment, e) != 0)
					return -1;
			}
		}
	}
	return 0;
}

/* ---- choosing the work ---- */

/* The day-parts a hall has no room left in. */
static daypart_set hall_full(const struct demo_plan *p, const struct person *x)
{
	daypart_set full = 0;
	if (x->hall_ix < 0)
		return 0;
	const struct hall *h = &p->halls[x->hall_ix];
	for (int b = 0; b < DAYPART_BITS; b++)
		if (h->count[b] >= h->capacity)
			full |= (daypart_set)1u << b;
	return full;
}

/* Does x work days of 5 to 7 hours, from 08:30 on into the afternoon
 * (own times on the days they work both day-parts)? */
static bool long_days(const struct person *x)
{
	return x->hours >= 5 && x->hours < 8 && x->story != STORY_HOURS;
}

/* Day-parts x may work on one day: both with full days' hours or long
 * days, else one. */
static int per_day(const struct person *x)
{
	return x->hours < 0 || x->hours >= 8 || long_days(x) ? 2 : 1;
}

/* May x work on the set s: no more days than their capacity, at most
 * per_day day-parts a day? */
static bool work_fits(const struct person *x, daypart_set s)
{
	int per_day_max = per_day(x);
	if (x->days > 0 && day_count(s) > x->days)
		return false;
	for (int d = 0; d < WEEKDAY_COUNT; d++)
		if (daypart_count(s & daypart_day((enum weekday)d)) > per_day_max)
			return false;
	return true;
}

/* Choose x's work day-parts: those forced by a story first, then full
 * days when the person works full days' hours, then single day-parts, on
 * days in a drawn order, until the agreed day-parts (at least two) or the
 * capacity is reached. */
static void work_choose(struct demo_plan *p, struct person *x)
{
	daypart_set room = work_room(x, x->classes) & ~hall_full(p, x);
	int want = x->agreed > 2 ? x->agreed : 2;
	enum weekday order[5] = { WD_MON, WD_TUE, WD_WED, WD_THU, WD_FRI };

	if (!whole_parts(x))
		room &= mornings();
	for (int i = 4; i > 0; i--) {
		uint32_t j = demo_rng_below(&p->r, (uint32_t)i + 1);
		enum weekday t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	x->work = x->forced;
	if (per_day(x) == 2)
		for (int i = 0; i < 5 && daypart_count(x->work) + 2 <= want; i++) {
			daypart_set day = AM(order[i]) | PM(order[i]);
			if ((room & day) == day && !(x->work & day) && work_fits(x, x->work | day))
				x->work |= day;
		}
	for (int i = 0; i < 5 && daypart_count(x->work) < want; i++) {
		daypart_set parts[2] = { AM(order[i]), PM(order[i]) };
		int first = (int)demo_rng_below(&p->r, 4) == 0; /* mostly mornings first */
		for (int k = 0; k < 2 && daypart_count(x->work) < want; k++) {
			daypart_set b = parts[(k + first) % 2];
			if ((room & b) && !(x->work & b) && work_fits(x, x->work | b))
				x->work |= b;
		}
	}
}

static void hall_count(struct demo_plan *p, const struct person *x, int delta)
{
	if (x->hall_ix < 0)
		return;
	for (int b = 0; b < DAYPART_BITS; b++)
		if (x->work & ((daypart_set)1u << b))
			p->halls[x->hall_ix].count[b] += delta;
}

/* Could x move one day-part of their work at hall h to `target` (or add
 * it)? When move is true it does, and the hall counts follow. */
static bool hall_move(struct demo_plan *p, struct person *x, int h, daypart_set target, bool move)
{
	if (x->hall_ix != h || x->story != STORY_NONE || (x->work & target) || (!whole_parts(x) && !(target & mornings())) ||
	    !(work_room(x, x->classes) & target))
		return false;
	for (int b = 0; b < DAYPART_BITS; b++) {
		daypart_set old = (daypart_set)1u << b;
		if (!(x->work & old) || !work_fits(x, (x->work & ~old) | target))
			continue;
		if (move) {
			hall_count(p, x, -1);
			x->work = (x->work & ~old) | target;
			hall_count(p, x, +1);
		}
		return true;
	}
	/* or work one day-part more, within their capacity */
	if (!work_fits(x, x->work | target))
		return false;
	if (move) {
		hall_count(p, x, -1);
		x->work |= target;
		hall_count(p, x, +1);
	}
	return true;
}

/* Fill one day-part of a hall up to its capacity by moving a day-part of
 * some people's work there: the hall and day-part that get closest (the
 * busiest of those), so that one hall is full then when people allow it. */
static void hall_top_up(struct demo_plan *p)
{
	int best = -1, bit = 0, reach_best = -1, count_best = -1;
	for (size_t h = 0; h < p->nhalls; h++)
		for (int b = 0; b < DAYPART_BITS; b++) {
			struct hall *hl = &p->halls[h];
			if (hl->count[b] == 0)
				continue;
			int reach = hl->count[b];
			for (size_t i = 0; i < p->n && reach < hl->capacity; i++)
				reach += hall_move(p, &p->people[i], (int)h, (daypart_set)1u << b, false);
			reach = reach * 100 / hl->capacity;
			if (reach > reach_best || (reach == reach_best && hl->count[b] > count_best)) {
				reach_best = reach;
				count_best = hl->count[b];
				best = (int)h;
				bit = b;
			}
		}
	if (best < 0)
		return;
	struct hall *h = &p->halls[best];
	for (size_t i = 0; i < p->n && h->count[bit] < h->capacity; i++)
		hall_move(p, &p->people[i], best, (daypart_set)1u << bit, true);
}

/* Before the enrolments: the group the late story's person will join,
 * its place kept, and the day-part of it they work on until then. */
static void story_late_reserve(struct demo_plan *p)
{
	int i = p->story[STORY_LATE];
	if (i < 0)
		return;
	struct person *x = &p->people[i];
	enum provider v = x->course ? TAALHUIS : DE_BRUG;
	for (size_t g = 0; g < COUNT(group_plans) && x->forced == 0; g++) {
		daypart_set hit = p->groups[g].parts & x->offered & working_week();
		if (g == EXAM_GROUP || group_plans[g].provider != v || group_plans[g].level != x->level || hit == 0)
			continue;
		x->group = (int)g;
		x->forced = hit & (~hit + 1); /* its first day-part */
		p->groups[g].enrolled++;
	}
	if (x->forced == 0) {
		x->story = STORY_NONE;
		p->story[STORY_LATE] = -1;
	}
}

/* The story people's work: the moved lesson's new day-part for one, a
 * full day for another. */
static void stories_force(struct demo_plan *p)
{
	int i = p->story[STORY_MOVED];
	if (i >= 0)
		p->people[i].forced = DAYPART_BIT(exam_moved.day, DP_AFTERNOON);
	i = p->story[STORY_HOURS];
	if (i >= 0) {
		struct person *x = &p->people[i];
		daypart_set room = work_room(x, x->classes) & ~hall_full(p, x);
		for (int d = WD_MON; d <= WD_FRI && x->forced == 0; d++)
			if ((room & (AM(d) | PM(d))) == (AM(d) | PM(d)))
				x->forced = AM(d) | PM(d);
		if (x->forced == 0) {
			x->story = STORY_NONE;
			p->story[STORY_HOURS] = -1;
		}
	}
}

/* ---- storing a plan ---- */

struct plan_build {
	struct plan_item items[8];
	size_t n;
	int64_t work_id; /* entry the overrides belong to */
};

static void parts_text(daypart_set s, char out[DAYPART_LIST_LEN])
{
	daypart_list_format(s, out, DAYPART_LIST_LEN);
}

/* Store one entry (columns in row) of x and remember it as a plan item. */
static int entry_add(struct demo_plan *p, struct app_ctx *ctx, struct person *x, struct plan_build *b, json_t *row,
		     enum plan_kind kind, daypart_set parts, int start_min, int end_min, date_t from, date_t until,
		     int64_t *id_out, struct err *e)
{
	char ps[DAYPART_LIST_LEN], f[DATE_STR_LEN], u[DATE_STR_LEN], a[CLOCK_STR_LEN], z[CLOCK_STR_LEN];
	int64_t id;

	parts_text(parts, ps);
	date_format(from, f);
	json_object_set_new(row, "kind", json_string(plan_kind_code(kind)));
	json_object_set_new(row, "day_parts", json_string(ps));
	json_object_set_new(row, "valid_from", json_string(f));
	if (until) {
		date_format(until, u);
		json_object_set_new(row, "valid_until", json_string(u));
	}
	if (start_min >= 0) {
		clock_format(start_min, a);
		clock_format(end_min, z);
		json_object_set_new(row, "start_time", json_string(a));
		json_object_set_new(row, "end_time", json_string(z));
	}
	int64_t by = x->coach ? x->coach : p->ids->user[U_PROJECT_LEADER];
	int rc = store_plan_entry_insert(ctx->st, x->pid, row, by, ctx->now_s, &id, e);
	json_decref(row);
	if (rc != 0)
		return -1;
	p->counts.entries++;
	if (id_out)
		*id_out = id;
	if (b->n < COUNT(b->items)) {
		struct plan_item *it = &b->items[b->n++];
		memset(it, 0, sizeof *it);
		it->id = id;
		it->kind = kind;
		it->parts = parts;
		it->start_min = start_min;
		it->end_min = end_min;
		it->from = from;
		it->has_until = until != 0;
		it->until = until;
		it->placement_id = kind == PLAN_WORK ? x->placement : 0;
		it->title = plan_kind_code(kind);
	}
	return 0;
}

static void class_item(const struct demo_plan *p, const struct person *x, size_t g, int64_t enrolment,
		       struct plan_build *b)
{
	const struct group *gr = &p->groups[g];
	if (enrolment == 0 || b->n >= COUNT(b->items))
		return;
	struct plan_item *it = &b->items[b->n++];
	memset(it, 0, sizeof *it);
	it->id = enrolment;
	it->from_timetable = true;
	it->kind = PLAN_LANGUAGE_CLASS;
	it->parts = gr->parts;
	it->start_min = gr->start_min;
	it->end_min = gr->end_min;
	date_t start = g == EXAM_GROUP ? x->exam_from : x->group_from;
	it->from = start > gr->from ? start : gr->from;
	it->has_until = true;
	it->until = gr->until;
	it->title = group_plans[g].name;
}

/* The working day nearest to d (a weekend day moves to Friday or Monday). */
static date_t weekday_near(date_t d)
{
	int w = date_weekday(d);
	return w == WD_SAT ? d - 1 : w == WD_SUN ? d + 1 : d;
}

/* A coach appointment of x on day `on`, in the afternoon or else the
 * morning when it is free that day; nothing when neither is. */
static int appointment(struct demo_plan *p, struct app_ctx *ctx, struct person *x, struct plan_build *b, date_t on,
		       daypart_set taken, struct err *e)
{
	enum weekday d = (enum weekday)date_weekday(on);
	static const struct {
		enum day_part part;
		const char *start, *end;
	} slots[] = { { DP_AFTERNOON, "14:00", "14:45" }, { DP_MORNING, "10:00", "10:45" } };
	for (size_t s = 0; s < COUNT(slots); s++) {
		daypart_set bit = DAYPART_BIT(d, slots[s].part);
		if (taken & bit)
			continue;
		json_t *row = json_pack("{s:s,s:s,s:I}", "title", "Voortgangsgesprek met de jobcoach", "location", office,
					"coach_user_id", (json_int_t)x->coach);
		return entry_add(p, ctx, x, b, row, PLAN_COACH_APPOINTMENT, bit, minutes(slots[s].start),
				 minutes(slots[s].end), on, on, NULL, e);
	}
	return 0;
}

/* Why a conflict the plan was made with is accepted, by rule. */
static const char *accept_reason(const struct person *x, const struct plan_build *b,
				 const struct schedule_conflict *c)
{
	switch (c->rule) {
	case CONFLICT_OVERLAP:
		for (int k = 0; k < 2; k++)
			if (c->item[k] >= 0 && b->items[c->item[k]].kind == PLAN_TRAINING)
				return "Cursusdag gaat voor; werk en les vervallen die dag (afgestemd met werkbegeleider en "
				       "taalschool)";
		return "Afgestemd met de werkbegeleider: dit dagdeel schuift mee";
	case CONFLICT_BELOW_AGREED:
	case CONFLICT_BELOW_MINIMUM:
		if (per_day(x) * (x->days > 0 ? x->days : 5) < (x->agreed > 2 ? x->agreed : 2))
			return "Belastbaarheid: meer dagdelen passen nu niet in de dagen en uren die haalbaar zijn; "
			       "opbouw in overleg met de bedrijfsarts";
		if (x->classes)
			return "Minder werkdagen zolang de taallessen lopen; na het examen weer opbouwen";
		return "De werkplek heeft nu niet meer dagdelen vrij; aanvullen zodra er ruimte is";
	case CONFLICT_PLACEMENT_PARTS:
		return "Taallessen en afspraken gaan voor; de werkbegeleider plant het werk eromheen";
	case CONFLICT_FULL_DAY_CLASS:
		return "Op lesdagen een halve werkdag; afgestemd met de werkgever";
	case CONFLICT_OVER_CAPACITY:
		return "Tijdelijk meer uren op eigen verzoek; evaluatie over vier weken";
	default:
		return "Afgestemd met de werkbegeleider";
	}
}

/* Check the plan of x with the rules and accept what it has, except the
 * conflict a story leaves open for the job coach to resolve. */
static int plan_accept(struct demo_plan *p, struct app_ctx *ctx, struct person *x, struct plan_build *b,
		       struct err *e)
{
	struct schedule_person sp = { true, x->agreed, x->days, x->hours };
	struct schedule_placement pl = { .id = x->placement, .title = x->title, .required = x->required,
					 .full_days = x->full_days, .is_hall = x->hall, .capacity = x->capacity };
	struct schedule_plan plan = { b->items, b->n, &sp, &pl, x->placement ? 1u : 0u, &p->times };
	struct schedule_conflict c[MAX_CONFLICTS];
	const char *reasons[MAX_CONFLICTS];
	bool done[MAX_CONFLICTS] = { false };

	size_t n = schedule_conflicts_ahead(&plan, p->monday - 7 * CHECK_BACK, CHECK_WEEKS, c, COUNT(c));
	if (n > COUNT(c))
		n = COUNT(c);
	for (size_t i = 0; i < n; i++) {
		bool open = (x->story == STORY_STOPPED &&
			     (c[i].rule == CONFLICT_BELOW_MINIMUM || c[i].rule == CONFLICT_BELOW_AGREED)) ||
			    (x->story == STORY_HOURS && c[i].rule == CONFLICT_OVER_CAPACITY);
		reasons[i] = open ? NULL : accept_reason(x, b, &c[i]);
		done[i] = open;
	}
	/* one override per reason, naming its conflicts' keys */
	for (size_t i = 0; i < n; i++) {
		if (done[i])
			continue;
		json_t *keys = json_array();
		for (size_t j = i; j < n; j++)
			if (!done[j] && strcmp(reasons[j], reasons[i]) == 0) {
				json_array_append_new(keys, json_string(c[j].key));
				done[j] = true;
			}
		char *t = json_dumps(keys, JSON_COMPACT);
		json_decref(keys);
		int64_t by = x->coach ? x->coach : p->ids->user[U_PROJECT_LEADER];
		int rc = store_plan_override_insert(ctx->st, x->pid, b->work_id, 0, t, reasons[i], by, ctx->now_s, e);
		free(t);
		if (rc != 0)
			return -1;
		p->counts.accepted++;
	}
	return 0;
}

static int journal(struct demo_plan *p, struct app_ctx *ctx, const struct person *x, const char *msg,
		   struct err *e)
{
	int64_t id;
	json_t *j = json_pack("{s:s,s:s,s:s,s:s}", "occurred_on", ctx->today_s, "kind", "note", "category", "path",
			      "text", msg);
	int rc = vault_journal_insert(ctx, x->pid, j, p->ids->user[U_JOB_COACH], p->ids->user_name[U_JOB_COACH], &id,
				      e);
	json_decref(j);
	return rc;
}

/* The columns of a work entry of x. */
static json_t *work_row(const struct person *x)
{
	json_t *row = json_object();
	if (x->placement)
		json_object_set_new(row, "placement_id", json_integer(x->placement));
	else
		json_object_set_new(row, "title", json_string(x->title));
	if (x->location)
		json_object_set_new(row, "location", json_string(x->location));
	return row;
}

/* Store the week plan of x (someone in work-learning) and accept the
 * conflicts it was made with. */
static int plan_store(struct demo_plan *p, struct app_ctx *ctx, struct person *x, struct err *e)
{
	struct plan_build b = { .n = 0 };
	int64_t by = x->coach ? x->coach : p->ids->user[U_PROJECT_LEADER], id, works[2];
	size_t nworks = 0;
	char day[DATE_STR_LEN];

	/* work: at the placement (its title and address show), else what the
	 * phase holds; long days with their own times, the rest by day-part */
	daypart_set longd = 0;
	for (int d = 0; long_days(x) && d < WEEKDAY_COUNT; d++)
		if ((x->work & (AM(d) | PM(d))) == (AM(d) | PM(d)))
			longd |= AM(d) | PM(d);
	daypart_set sets[2] = { longd, x->work & ~longd };
	date_t until = x->story == STORY_STOPPED ? p->monday - 3 : 0;
	for (int k = 0; k < 2; k++) {
		if (sets[k] == 0)
			continue;
		json_t *row = work_row(x);
		int start = -1, end = -1;
		if (k == 0) {
			start = 8 * 60 + 30;
			end = start + x->hours * 60;
		} else if (!whole_parts(x) && x->hours > 0) {
			/* fewer hours than a day-part: own times in the morning */
			start = 9 * 60;
			end = start + x->hours * 60;
			json_object_set_new(row, "note", json_string("korte werkdagen volgens de belastbaarheid"));
		}
		int64_t wid;
		if (entry_add(p, ctx, x, &b, row, PLAN_WORK, sets[k], start, end, x->phase_start, until, &wid, e) != 0)
			return -1;
		if (x->work_id == 0)
			x->work_id = wid;
		works[nworks++] = wid;
	}
	b.work_id = x->work_id;
	if (x->story == STORY_STOPPED &&
	    journal(p, ctx, x, x->placement ? "Werkgever heeft door de seizoensdip tijdelijk geen werk; de werkdagen "
					      "stopten vorige week. Nieuwe werkdagen plannen."
					    : "De werkvoorbereiding is vorige week gestopt. Nieuwe werkdagen plannen.",
		    e) != 0)
		return -1;
	if (x->story == STORY_HOURS) {
		struct buf t;
		int d = 0;
		while (d < WEEKDAY_COUNT && (x->forced & daypart_day((enum weekday)d)) == 0)
			d++;
		buf_init(&t, 0);
		buf_printf(&t, "Bedrijfsarts: belastbaarheid %d uur per dag. De volle werkdag op %s past daar niet in; "
			   "rooster aanpassen.", x->hours, weekday_label((enum weekday)(d % WEEKDAY_COUNT)));
		int rc = journal(p, ctx, x, t.data, e);
		buf_release(&t);
		if (rc != 0)
			return -1;
	}
	if (x->group >= 0)
		class_item(p, x, (size_t)x->group, x->enrolment, &b);
	class_item(p, x, EXAM_GROUP, x->exam_enrolment, &b);
	daypart_set taken = x->work | x->classes | x->avoid;

	/* a training: its days, on which the work does not take place */
	const struct training *t = x->training ? training_of(p, x->training) : NULL;
	daypart_set tp = 0;
	for (date_t d = t ? t->from : 1; t && d <= t->until; d++)
		if (date_weekday(d) < WD_SAT)
			tp |= AM(date_weekday(d)) | PM(date_weekday(d));
	if (tp) {
		json_t *row = json_pack("{s:s,s:I}", "title", t->title, "training_id", (json_int_t)t->id);
		if (entry_add(p, ctx, x, &b, row, PLAN_TRAINING, tp, -1, -1, t->from, t->until, NULL, e) != 0)
			return -1;
		struct buf why;
		buf_init(&why, 0);
		buf_printf(&why, "cursusdag: %s", t->title);
		for (date_t d = t->from; d <= t->until; d++) {
			daypart_set day_parts = date_weekday(d) < WD_SAT ? daypart_day((enum weekday)date_weekday(d)) : 0;
			date_format(d, day);
			for (size_t k = 0; k < nworks; k++) {
				if (!(b.items[k].parts & day_parts))
					continue;
				if (store_plan_exception_insert(ctx->st, 0, works[k], 0, day, day, why.data, by, ctx->now_s, &id,
								e) != 0) {
					buf_release(&why);
					return -1;
				}
			}
		}
		buf_release(&why);
	}

	/* the job coach about once a month: the last talk and the next */
	if (x->coach && (appointment(p, ctx, x, &b, weekday_near(p->today - 8 - (date_t)demo_rng_below(&p->r, 20)),
				     taken, e) != 0 ||
			 appointment(p, ctx, x, &b, weekday_near(p->today + 2 + (date_t)demo_rng_below(&p->r, 19)),
				     taken, e) != 0))
		return -1;

	/* a language buddy, or a volunteer for the paperwork, on a free evening */
	if (x->buddy || chance(p, 8)) {
		enum weekday d = (enum weekday)demo_rng_below(&p->r, 4);
		for (int k = 0; k < 4 && (taken & EVE(d)); k++)
			d = (enum weekday)((d + 1) % 4);
		if (!(taken & EVE(d))) {
			json_t *row = json_pack("{s:s,s:s}", "title",
					x->buddy ? "Taalmaatje: samen Nederlands oefenen" : "Maatje: post en formulieren",
					"location", x->buddy ? library : "Vluchtelingenwerk Westland, Naaldwijk");
			if (entry_add(p, ctx, x, &b, row, PLAN_BUDDY_MEETING, EVE(d), 19 * 60, 20 * 60 + 30,
				      p->today - 14 - (date_t)demo_rng_below(&p->r, 100), 0, NULL, e) != 0)
				return -1;
		}
	}
	if (plan_accept(p, ctx, x, &b, e) != 0)
		return -1;
	p->counts.plans++;
	return 0;
}

/* ---- class attendance ---- */

/* Marks of x in group g (enrolled from `from`) for the lessons of the
 * past four weeks: mostly present, some excused with a reason, a few
 * unexcused; `absent` makes the last three unexcused. */
static int attendance(struct demo_plan *p, struct app_ctx *ctx, const struct person *x, size_t g, date_t from,
		      bool absent, struct err *e)
{
	const struct group_plan *gp = &group_plans[g];
	date_t days[32];
	size_t n = 0;
	char day[DATE_STR_LEN];

	if (from < p->today - HISTORY_DAYS)
		from = p->today - HISTORY_DAYS;
	for (date_t d = from; d < p->today && n < COUNT(days); d++)
		for (size_t s = 0; s < COUNT(gp->sessions) && gp->sessions[s].start; s++)
			if ((int)gp->sessions[s].day == date_weekday(d) && !group_off(p, g, d))
				days[n++] = d;
	for (size_t i = 0; i < n; i++) {
		const char *status = "present", *reason = NULL;
		uint32_t v = demo_rng_below(&p->r, 100);
		if (absent) {
			status = i + 3 >= n ? "absent_unexcused" : "present";
		} else if (v >= 97) {
			status = "absent_unexcused";
		} else if (v >= 88) {
			status = "absent_excused";
			reason = absence_reasons[demo_rng_below(&p->r, (uint32_t)COUNT(absence_reasons))];
		}
		date_format(days[i], day);
		if (store_class_attendance_put(ctx->st, p->groups[g].id, x->pid, day, status, reason,
					       p->ids->user[provider_user[gp->provider]], ctx->now_s, e) != 0)
			return -1;
		p->counts.attendance++;
	}
	return 0;
}

/* ---- the steps ---- */

int demo_plan_build(struct app_ctx *ctx, uint64_t seed, const struct demo_ids *ids, struct demo_plan **out,
		    struct err *e)
{
	struct demo_plan *p = xcalloc(1, sizeof *p);

	demo_rng_init(&p->r, seed ^ UINT64_C(0x2545F4914F6CDD1D));
	p->ids = ids;
	p->today = ctx->today;
	p->monday = schedule_week_start(ctx->today);
	if (store_day_part_times_get(ctx->st, &p->times, e) != 0 ||
	    store_demo_plan_people(ctx->st, ctx->today_s, ids->org[ORG_LANGUAGE], &p->rows, e) != 0)
		goto fail;
	p->n = json_array_size(p->rows);
	p->people = xcalloc(p->n + 1, sizeof *p->people);
	p->halls = xcalloc(p->n + 1, sizeof *p->halls);
	for (size_t i = 0; i < p->n; i++)
		person_read(p, json_array_get(p->rows, i), &p->people[i]);
	if (trainings_read(p, ctx, e) != 0 || groups_create(p, ctx, e) != 0)
		goto fail;
	stories_pick(p);
	story_late_reserve(p);
	if (enrolments(p, ctx, e) != 0)
		goto fail;
	stories_force(p);
	/* the stories' work first, so the halls count it */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < p->n; i++) {
			struct person *x = &p->people[i];
			if (x->kind == NULL || (pass == 0) != (x->story != STORY_NONE))
				continue;
			work_choose(p, x);
			hall_count(p, x, +1);
		}
	hall_top_up(p);
	for (size_t i = 0; i < p->n; i++)
		if (p->people[i].kind && plan_store(p, ctx, &p->people[i], e) != 0)
			goto fail;
	/* attendance; two people of the demo job coach missed three lessons */
	int absent = 0;
	for (size_t i = 0; i < p->n; i++) {
		struct person *x = &p->people[i];
		if (absent < 2 && x->enrolment && jobcoach(p, x)) {
			x->story = STORY_ABSENT;
			absent++;
		}
		if ((x->enrolment && attendance(p, ctx, x, (size_t)x->group, x->group_from, x->story == STORY_ABSENT, e) != 0) ||
		    (x->exam_enrolment && attendance(p, ctx, x, EXAM_GROUP, x->exam_from, false, e) != 0))
			goto fail;
	}
	*out = p;
	return 0;
fail:
	demo_plan_free(p);
	return -1;
}

/* Act as demo user u in as (a copy of ctx). */
static int act(struct demo_plan *p, struct app_ctx *as, const struct app_ctx *ctx, enum demo_user u, struct err *e)
{
	struct user_row row;
	*as = *ctx;
	if (store_user_get(ctx->st, p->ids->user[u], &row, e) != 0)
		return -1;
	app_ctx_user(as, &row);
	return 0;
}

int demo_plan_finish(struct demo_plan *p, struct app_ctx *ctx, struct demo_plan_counts *counts, struct err *e)
{
	struct app_ctx as;
	char from[DATE_STR_LEN], to[DATE_STR_LEN];
	date_t a, b;
	json_t *in = NULL, *out = NULL;
	int rc = -1;

	/* the Taalhuis closes for Christmas */
	christmas(p->today, &a, &b);
	date_format(a, from);
	date_format(b, to);
	in = json_pack("{s:s,s:s,s:s}", "from_date", from, "to_date", to, "reason", "Kerstvakantie");
	if (act(p, &as, ctx, U_LANGUAGE, e) != 0 ||
	    app_class_group_exception_add(&as, p->groups[HOLIDAY_GROUP].id, in, &out, e) != 0)
		goto out;
	json_decref(in);
	json_decref(out);
	out = NULL;
	/* De Brug cancelled a lesson last week and moves the exam training */
	date_format(cancelled_day(p), from);
	in = json_pack("{s:s,s:s}", "from_date", from, "reason", "Les vervalt: docent ziek");
	if (act(p, &as, ctx, U_LANGUAGE2, e) != 0 ||
	    app_class_group_exception_add(&as, p->groups[CANCEL_GROUP].id, in, &out, e) != 0)
		goto out;
	json_decref(in);
	json_decref(out);
	out = NULL;
	in = json_pack("{s:[{s:s,s:s,s:s}]}", "sessions", "weekday", weekday_code(exam_moved.day), "start_time",
		       exam_moved.start, "end_time", exam_moved.end);
	if (app_class_group_update(&as, p->groups[EXAM_GROUP].id, in, &out, e) != 0)
		goto out;
	json_decref(in);
	json_decref(out);
	in = out = NULL;
	if (p->story[STORY_MOVED] >= 0)
		p->counts.open++;
	/* the job coach enrols someone in a class on a day-part of their work */
	int late = p->story[STORY_LATE];
	if (late >= 0) {
		const struct person *x = &p->people[late];
		char monday[DATE_STR_LEN];
		date_format(p->monday > p->groups[x->group].from ? p->monday : p->groups[x->group].from, monday);
		in = json_pack("{s:I,s:s,s:s}", "participant_id", (json_int_t)x->pid, "start_date", monday, "override_reason",
			       "De taalles gaat voor; met de werkgever afgesproken dat dit werkdagdeel vanaf volgende "
			       "maand naar een andere dag schuift");
		if (act(p, &as, ctx, U_JOB_COACH, e) != 0 ||
		    app_class_enrol(&as, p->groups[x->group].id, in, &out, e) != 0)
			goto out;
		p->counts.enrolments++;
		p->counts.accepted++;
		json_decref(in);
		json_decref(out);
		in = out = NULL;
	}
	p->counts.open += (p->story[STORY_STOPPED] >= 0) + (p->story[STORY_HOURS] >= 0);
	*counts = p->counts;
	rc = 0;
out:
	json_decref(in);
	json_decref(out);
	return rc;
}

void demo_plan_free(struct demo_plan *p)
{
	if (p == NULL)
		return;
	json_decref(p->rows);
	free(p->people);
	free(p->halls);
	free(p);
}
