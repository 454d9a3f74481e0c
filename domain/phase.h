/*
 * phase.h - the path: kinds of phases, which step may follow which, and
 * which may run beside another (DESIGN.md §3). The transition table is the
 * single place that says so; phase_check() applies it to a participant's
 * phases and a proposed new one.
 *
 * Phases belong to one of three tracks. The main track is where the person
 * is (intake, work-learning, a placement, paid work, study, sheltered work,
 * care, dropped out): main phases follow each other and never overlap.
 * Social guidance runs beside whatever else; career orientation runs only
 * inside sheltered work.
 */
#ifndef MEEDOEN_PHASE_H
#define MEEDOEN_PHASE_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "../base/err.h"

enum phase_kind {
	PHASE_REGISTRATION,
	PHASE_INTAKE,
	PHASE_SOCIAL_GUIDANCE,
	PHASE_INTERNAL_WORK_LEARNING,
	PHASE_EXTERNAL_WORK_LEARNING,
	PHASE_WORK_EXPERIENCE_PLACE,
	PHASE_LANGUAGE_INTERNSHIP,
	PHASE_TRIAL_PLACEMENT,
	PHASE_PAID_WORK,
	PHASE_STUDY,
	PHASE_SHELTERED_WORK,
	PHASE_CAREER_ORIENTATION,
	PHASE_CARE_ACTIVATION,
	PHASE_DROPPED_OUT,
	PHASE_KIND_COUNT
};

enum phase_track {
	TRACK_MAIN,     /* one at a time */
	TRACK_BESIDE,   /* beside anything (social guidance) */
	TRACK_INSIDE,   /* only while a sheltered-work phase is open */
};

struct phase_kind_def {
	const char *code;  /* "internal_work_learning" */
	const char *label; /* "intern werkleertraject" */
	enum phase_track track;
	bool work_learning; /* counts for the assessment and day-part rules */
};

/* One phase as the rules see it. */
struct phase {
	long id;             /* 0 for a proposed phase */
	enum phase_kind kind;
	date_t start;
	bool has_planned_end;
	date_t planned_end;
	bool has_actual_end;
	date_t actual_end;
};

const struct phase_kind_def *phase_kind_def(enum phase_kind k);
/* Kind by code; 0, or -1 for an unknown code. */
int phase_kind_find(const char *code, enum phase_kind *out);

/* May a main phase of kind `to` follow one of kind `from`? from < 0 means
 * there is no main phase yet. */
bool phase_may_follow(int from, enum phase_kind to);

/* Is phase p open on day d (started, not yet ended)? */
bool phase_open_on(const struct phase *p, date_t d);

/* The main phase current on `today` among ps[0..n) (the open one, else the
 * one that ended last), or NULL. */
const struct phase *phase_current_main(const struct phase *ps, size_t n, date_t today);

/* Check a proposed phase against the existing ones: dates in order, not
 * starting or ending in the future, the transition allowed from the main phase it
 * follows, no overlap with another main phase, career orientation only
 * inside sheltered work. When the new main phase starts while another main
 * phase is still open, that one is expected to be closed on the new start
 * date: *close_id tells which (0 for none). Returns 0 or -1 with field
 * errors naming kind, start_date, planned_end or actual_end. */
int phase_check(const struct phase *existing, size_t n, const struct phase *proposed, date_t today, long *close_id,
		struct err *e);

#endif
