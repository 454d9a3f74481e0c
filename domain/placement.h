/*
 * placement.h - placements offered by employers and by the social work
 * company (DESIGN.md §4.5), and the checks made when a participant is
 * placed: does the kind of placement fit the phase, does the person meet
 * its requirements, is there a place left, do the hours fit the day-parts.
 *
 * The labels of kinds, sectors, physical loads and licences are code lists
 * of codes.c ("placement_kind", "sector", "physical_load", "licences");
 * placement.c keeps what the rules need: which phases a kind fits, and the
 * order of loads and licences. Physical loads are
 * ordered (light < medium < heavy) and requirements and candidates refer to
 * them by index; licences are a bit per index. Nothing here allocates and
 * all returned pointers stay valid for the life of the program.
 */
#ifndef MEEDOEN_PLACEMENT_H
#define MEEDOEN_PLACEMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "codes.h"
#include "date.h"
#include "daypart.h"
#include "../base/err.h"

struct placement_kind_def {
	const char *code;  /* "work_experience_place" */
	unsigned phases;   /* bit per enum phase_kind (phase.h) that may link to it */
};

/* Physical load the work demands or a person may bear, in order. */
enum physical_load { LOAD_LIGHT, LOAD_MEDIUM, LOAD_HEAVY, PHYSICAL_LOAD_COUNT };

/* Licences and certificates; a set of them is a bit per value. */
enum licence { LIC_DRIVING_B, LIC_FORKLIFT, LIC_FOOD_HYGIENE, LIC_VCA, LIC_REACH_TRUCK, LICENCE_COUNT };
#define LICENCE_BIT(l) (1u << (unsigned)(l))

/* All kinds, in table order; *count gets how many (count may be NULL). */
const struct placement_kind_def *placement_kinds(size_t *count);
/* The kind with exactly this code, or NULL (also for NULL). */
const struct placement_kind_def *placement_kind_find(const char *code);

/* May a phase of kind phase_kind (a phase.h code such as "paid_work") be
 * linked to a placement of kind placement_kind? A vacancy fits paid work,
 * a sheltered place sheltered work, a secondment sheltered work and paid
 * work, every other kind the phase of the same name. False when either
 * code is unknown or NULL. */
bool placement_kind_fits_phase(const char *placement_kind, const char *phase_kind);

/* Physical loads, in order: index gives the enum value or -1 for an
 * unknown or NULL code, code the code of an enum value or NULL. */
int placement_load_index(const char *code);
const char *placement_load_code(int i);

/* Licences: index gives the enum value (the bit number) or -1 for an
 * unknown or NULL code, code the code of an enum value or NULL. */
int placement_licence_index(const char *code);
const char *placement_licence_code(int i);

/* CEFR rank: "A1".."C2" give 1..6, anything else (NULL, "A0", "b1") 0. */
int cefr_rank(const char *code);
/* The code of rank 1..6 ("A1".."C2"), or NULL outside that range. */
const char *cefr_code(int rank);

/* What a placement asks of the person placed. A value of 0 / -1 / empty
 * means no requirement and never gives a gap. */
struct placement_requirements {
	int min_cefr_speaking;        /* 0 none, 1 = A1 .. 6 = C2 */
	int min_cefr_listening;       /* 0 none, 1 = A1 .. 6 = C2 */
	int min_isced;                /* -1 none, 0..8 (0 asks nothing either) */
	unsigned licences;            /* LICENCE_BIT per licence needed */
	int max_physical_load_needed; /* enum physical_load the work demands, -1 none */
	bool safety_shoes;            /* the employer checks this; never a gap */
	bool full_days;               /* the work is done in full days */
	daypart_set day_parts;        /* the day-parts the work takes */
	int hours_per_week;
};

/* What is known of the person to be placed. */
struct candidate {
	int cefr_speaking, cefr_listening; /* 1..6, 0 unknown */
	int isced;                         /* 0..8, -1 unknown */
	unsigned licences;                 /* LICENCE_BIT per licence held */
	int max_physical_load;             /* highest enum physical_load the person may bear, -1 unknown (no limit recorded) */
	daypart_set free_day_parts;        /* not taken by classes or other duties */
	bool has_free_day_parts;           /* false: the week plan is not known */
};

#define REQUIREMENT_REASON_LEN 200

/* One requirement the candidate does not meet. */
struct requirement_gap {
	const char *requirement; /* static: "cefr_speaking", "cefr_listening", "isced",
				    "licence:forklift", "physical_load", "day_parts", "full_days" */
	char reason[REQUIREMENT_REASON_LEN]; /* Dutch, for the coach */
};

/* Check candidate c against requirements r. Returns how many requirements
 * are not met, in the order above (languages, education, licences in table
 * order, load, day-parts, full days), and fills gaps[0..max) with the first
 * of them; the count may exceed max, and gaps may be NULL when max is 0.
 *
 * - language and education: below the minimum is a gap ("spreekvaardigheid
 *   A1, vereist A2"), and so is an unknown value ("taalniveau spreken
 *   onbekend, vereist A2"); A0 counts as unknown (see cefr_rank);
 * - each licence asked for and not held is a gap ("heftruckcertificaat
 *   ontbreekt");
 * - physical load: a gap when the person's recorded maximum is below what
 *   the work demands; no recorded limit (-1) is no gap;
 * - day-parts, only when has_free_day_parts: one gap when any day-part
 *   the work takes is not free, naming the first in week order and
 *   counting the rest ("dinsdagochtend en 2 andere dagdelen zijn niet
 *   vrij");
 * - full days, only when has_free_day_parts and r->full_days: the person
 *   needs at least as many full free days (morning and afternoon, see
 *   daypart_full_day) as the work has: the full days in r->day_parts or,
 *   when it names none, the fewest full days that hold hours_per_week at
 *   4.5 hours a day-part (at least one);
 * - safety shoes are the employer's check, never a gap.
 * Pure: no errors. */
size_t placement_requirements_check(const struct placement_requirements *r, const struct candidate *c,
				    struct requirement_gap *gaps, size_t max);

/* Is there room for one more person on placement `title` with `capacity`
 * places of which `occupancy` are taken? Returns 0 when one more fits;
 * otherwise -1 with ERR_CONFLICT and `placement "Title" is full: 4 of 4
 * places taken`. A capacity below 1 is a field error on "capacity" and a
 * negative occupancy an ERR_INVALID error (both -1). */
int placement_capacity_check(const char *title, int capacity, int occupancy, struct err *e);

/* Check the period of a placement: when both ends are known the end may
 * not lie before the start (the same day is a one-day placement). Returns
 * 0, or -1 with a field error on "end_date". */
int placement_validate_period(bool has_start, date_t start, bool has_end, date_t end, struct err *e);

#define PLACEMENT_HOURS_MIN 1
#define PLACEMENT_HOURS_MAX 60
#define PLACEMENT_HOURS_PER_DAY_PART 4.5 /* the most one day-part holds */

/* Check the hours per week of a placement against its day-parts: 1..60
 * hours, and, when parts is not empty, no more than 4.5 hours per
 * day-part. Returns 0, or -1 with a field error on "hours_per_week"
 * naming the numbers. */
int placement_hours_check(int hours_per_week, daypart_set parts, struct err *e);

/* The day-parts a placement asks of everyone placed there, out of the
 * day-parts it lists (`listed`). They are asked when the work needs all of
 * them: the hours a week fill them (at 4.5 hours a day-part at most, the
 * hours need at least as many day-parts as are listed) or the hours are
 * not known. Otherwise they are the times the work can be done, to choose
 * from, and none is asked; so always for a production hall (`is_hall`),
 * which is open all week and where each person works their own days. */
daypart_set placement_required_parts(daypart_set listed, int hours_per_week, bool is_hall);

#endif
