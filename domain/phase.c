/*
 * phase.c - phase kinds and the transition table (see phase.h).
 */
#include "phase.h"

#include <string.h>

static const struct phase_kind_def kinds[PHASE_KIND_COUNT] = {
	[PHASE_REGISTRATION] = { "registration", "aanmelding", TRACK_MAIN, false },
	[PHASE_INTAKE] = { "intake", "intake", TRACK_MAIN, false },
	[PHASE_SOCIAL_GUIDANCE] = { "social_guidance", "maatschappelijke begeleiding", TRACK_BESIDE, false },
	[PHASE_INTERNAL_WORK_LEARNING] = { "internal_work_learning", "intern werkleertraject", TRACK_MAIN, true },
	[PHASE_EXTERNAL_WORK_LEARNING] = { "external_work_learning", "extern werkleertraject", TRACK_MAIN, true },
	[PHASE_WORK_EXPERIENCE_PLACE] = { "work_experience_place", "werkervaringsplek", TRACK_MAIN, true },
	[PHASE_LANGUAGE_INTERNSHIP] = { "language_internship", "taalstage", TRACK_MAIN, true },
	[PHASE_TRIAL_PLACEMENT] = { "trial_placement", "proefplaatsing", TRACK_MAIN, true },
	[PHASE_PAID_WORK] = { "paid_work", "betaald werk (met nazorg)", TRACK_MAIN, false },
	[PHASE_STUDY] = { "study", "studie", TRACK_MAIN, false },
	[PHASE_SHELTERED_WORK] = { "sheltered_work", "beschut werk", TRACK_MAIN, false },
	[PHASE_CAREER_ORIENTATION] = { "career_orientation", "loopbaanoriëntatie", TRACK_INSIDE, false },
	[PHASE_CARE_ACTIVATION] = { "care_activation", "zorg/activering", TRACK_MAIN, false },
	[PHASE_DROPPED_OUT] = { "dropped_out", "uitgevallen", TRACK_MAIN, false },
};

/* Which main phase may follow which: one row per "from", a bit per "to".
 * Reading a row: from intake one may go to work-learning, a place, study,
 * care, sheltered work or paid work; anyone may drop out; someone who
 * dropped out may come back in at intake or straight into a step. */
#define B(k) (1u << (k))
#define WORK_STEPS (B(PHASE_INTERNAL_WORK_LEARNING) | B(PHASE_EXTERNAL_WORK_LEARNING) | \
		    B(PHASE_WORK_EXPERIENCE_PLACE) | B(PHASE_LANGUAGE_INTERNSHIP) | B(PHASE_TRIAL_PLACEMENT))
static const unsigned transitions[PHASE_KIND_COUNT] = {
	[PHASE_REGISTRATION] = B(PHASE_INTAKE) | B(PHASE_DROPPED_OUT),
	[PHASE_INTAKE] = WORK_STEPS | B(PHASE_PAID_WORK) | B(PHASE_STUDY) | B(PHASE_SHELTERED_WORK) |
			 B(PHASE_CARE_ACTIVATION) | B(PHASE_DROPPED_OUT),
	[PHASE_INTERNAL_WORK_LEARNING] = WORK_STEPS | B(PHASE_PAID_WORK) | B(PHASE_STUDY) | B(PHASE_SHELTERED_WORK) |
					 B(PHASE_CARE_ACTIVATION) | B(PHASE_DROPPED_OUT),
	[PHASE_EXTERNAL_WORK_LEARNING] = WORK_STEPS | B(PHASE_PAID_WORK) | B(PHASE_STUDY) | B(PHASE_CARE_ACTIVATION) |
					 B(PHASE_DROPPED_OUT),
	[PHASE_WORK_EXPERIENCE_PLACE] = WORK_STEPS | B(PHASE_PAID_WORK) | B(PHASE_STUDY) | B(PHASE_DROPPED_OUT),
	[PHASE_LANGUAGE_INTERNSHIP] = WORK_STEPS | B(PHASE_PAID_WORK) | B(PHASE_STUDY) | B(PHASE_DROPPED_OUT),
	[PHASE_TRIAL_PLACEMENT] = WORK_STEPS | B(PHASE_PAID_WORK) | B(PHASE_DROPPED_OUT),
	[PHASE_PAID_WORK] = WORK_STEPS | B(PHASE_PAID_WORK) | B(PHASE_STUDY) | B(PHASE_DROPPED_OUT),
	[PHASE_STUDY] = WORK_STEPS | B(PHASE_PAID_WORK) | B(PHASE_STUDY) | B(PHASE_DROPPED_OUT),
	[PHASE_SHELTERED_WORK] = B(PHASE_PAID_WORK) | B(PHASE_DROPPED_OUT),
	[PHASE_CARE_ACTIVATION] = B(PHASE_INTAKE) | WORK_STEPS | B(PHASE_STUDY) | B(PHASE_SHELTERED_WORK) |
				  B(PHASE_DROPPED_OUT),
	[PHASE_DROPPED_OUT] = B(PHASE_INTAKE) | WORK_STEPS | B(PHASE_STUDY) | B(PHASE_SHELTERED_WORK) |
			      B(PHASE_CARE_ACTIVATION),
};
/* With no main phase yet, a path starts at registration or intake. */
static const unsigned first_steps = B(PHASE_REGISTRATION) | B(PHASE_INTAKE);

const struct phase_kind_def *phase_kind_def(enum phase_kind k)
{
	return &kinds[k];
}

int phase_kind_find(const char *code, enum phase_kind *out)
{
	for (int i = 0; code && i < PHASE_KIND_COUNT; i++) {
		if (strcmp(kinds[i].code, code) == 0) {
			*out = (enum phase_kind)i;
			return 0;
		}
	}
	return -1;
}

bool phase_may_follow(int from, enum phase_kind to)
{
	if (kinds[to].track != TRACK_MAIN)
		return false;
	unsigned allowed = from < 0 ? first_steps : transitions[from];
	return (allowed & B(to)) != 0;
}

bool phase_open_on(const struct phase *p, date_t d)
{
	return p->start <= d && (!p->has_actual_end || p->actual_end > d);
}

/* End of p for overlap purposes: actual end, else open-ended. */
static bool overlaps(const struct phase *a, const struct phase *b)
{
	/* [start, actual_end) half-open; an open phase runs on */
	bool a_before_b = a->has_actual_end && a->actual_end <= b->start;
	bool b_before_a = b->has_actual_end && b->actual_end <= a->start;
	return !a_before_b && !b_before_a;
}

/* Does main phase a come after b in the order of the path? */
static bool later(const struct phase *a, const struct phase *b)
{
	if (a->start != b->start)
		return a->start > b->start;
	if (a->has_actual_end != b->has_actual_end)
		return !a->has_actual_end; /* open runs on */
	if (a->has_actual_end && a->actual_end != b->actual_end)
		return a->actual_end > b->actual_end;
	return a->id > b->id;
}

const struct phase *phase_current_main(const struct phase *ps, size_t n, date_t today)
{
	const struct phase *best = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct phase *p = &ps[i];
		if (kinds[p->kind].track != TRACK_MAIN || p->start > today)
			continue;
		if (!p->has_actual_end)
			return p;
		if (best == NULL || p->actual_end > best->actual_end ||
		    (p->actual_end == best->actual_end && p->start > best->start))
			best = p;
	}
	return best;
}

int phase_check(const struct phase *existing, size_t n, const struct phase *p, date_t today, long *close_id,
		struct err *e)
{
	size_t before = e->nfields;
	const struct phase_kind_def *k = &kinds[p->kind];

	*close_id = 0;
	if (p->start > today)
		err_field(e, "start_date", "lies in the future: record a phase when it starts");
	if (p->has_planned_end && p->planned_end < p->start)
		err_field(e, "planned_end", "lies before the start date");
	if (p->has_actual_end && p->actual_end < p->start)
		err_field(e, "actual_end", "lies before the start date");
	if (p->has_actual_end && p->actual_end > today)
		err_field(e, "actual_end", "lies in the future");
	if (e->nfields != before)
		return -1;

	if (k->track == TRACK_BESIDE)
		return 0;
	if (k->track == TRACK_INSIDE) {
		for (size_t i = 0; i < n; i++) {
			const struct phase *q = &existing[i];
			if (q->kind == PHASE_SHELTERED_WORK && q->start <= p->start &&
			    (!q->has_actual_end || q->actual_end > p->start))
				return 0;
		}
		return err_field(e, "kind", "%s runs only inside an open sheltered-work phase", k->label);
	}

	/* the main phase it follows: the latest main phase starting on or
	 * before its start; on the same start day the one that ends last
	 * (an open one before a closed one), then the one added last */
	const struct phase *prev = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct phase *q = &existing[i];
		if (kinds[q->kind].track != TRACK_MAIN || q->id == p->id)
			continue;
		if (q->start > p->start)
			return err_field(e, "start_date", "a later main phase (%s from another date) exists already; "
					 "phases are added in order", kinds[q->kind].label);
		if (prev == NULL || later(q, prev))
			prev = q;
	}
	if (!phase_may_follow(prev ? (int)prev->kind : -1, p->kind)) {
		if (prev)
			return err_field(e, "kind", "%s cannot follow %s", k->label, kinds[prev->kind].label);
		return err_field(e, "kind", "a path starts with registration or intake, not %s", k->label);
	}
	if (prev && overlaps(prev, p)) {
		if (prev->has_actual_end)
			return err_field(e, "start_date", "overlaps %s, which runs until later", kinds[prev->kind].label);
		*close_id = prev->id; /* the previous step ends where this one starts (the same day, if need be) */
	}
	return 0;
}
