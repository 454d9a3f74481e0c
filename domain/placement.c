/*
 * placement.c - the placement code lists and the checks made when someone
 * is placed (see placement.h). Each list is a table in UI order; the
 * requirement check walks a table of level rules (languages, education)
 * and then the licence, load and day-part tables.
 */
#include "placement.h"
#include "phase.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define B(k) (1u << (k))

static const struct placement_kind_def kinds[] = {
	{ "internal_work_learning", B(PHASE_INTERNAL_WORK_LEARNING) },
	{ "external_work_learning", B(PHASE_EXTERNAL_WORK_LEARNING) },
	{ "work_experience_place", B(PHASE_WORK_EXPERIENCE_PLACE) },
	{ "language_internship", B(PHASE_LANGUAGE_INTERNSHIP) },
	{ "trial_placement", B(PHASE_TRIAL_PLACEMENT) },
	{ "vacancy", B(PHASE_PAID_WORK) },
	{ "sheltered_place", B(PHASE_SHELTERED_WORK) },
	{ "secondment", B(PHASE_SHELTERED_WORK) | B(PHASE_PAID_WORK) },
};

/* Physical loads and licences in their order (enum physical_load, enum
 * licence); their labels are the code lists "physical_load" and "licences"
 * of codes.c. */
static const char *const load_codes[PHYSICAL_LOAD_COUNT] = {
	[LOAD_LIGHT] = "light",
	[LOAD_MEDIUM] = "medium",
	[LOAD_HEAVY] = "heavy",
};

static const char *const licence_codes[LICENCE_COUNT] = {
	[LIC_DRIVING_B] = "driving_b",
	[LIC_FORKLIFT] = "forklift",
	[LIC_FOOD_HYGIENE] = "food_hygiene",
	[LIC_VCA] = "vca",
	[LIC_REACH_TRUCK] = "reach_truck",
};
/* The name of the gap when a licence is missing: "licence:" and its code. */
static const char *const licence_gaps[LICENCE_COUNT] = {
	[LIC_DRIVING_B] = "licence:driving_b",
	[LIC_FORKLIFT] = "licence:forklift",
	[LIC_FOOD_HYGIENE] = "licence:food_hygiene",
	[LIC_VCA] = "licence:vca",
	[LIC_REACH_TRUCK] = "licence:reach_truck",
};

static const char *const cefr_levels[] = { NULL, "A1", "A2", "B1", "B2", "C1", "C2" };
#define CEFR_MAX 6

const struct placement_kind_def *placement_kinds(size_t *count)
{
	if (count)
		*count = COUNT(kinds);
	return kinds;
}

const struct placement_kind_def *placement_kind_find(const char *code)
{
	for (size_t i = 0; code && i < COUNT(kinds); i++) {
		if (strcmp(kinds[i].code, code) == 0)
			return &kinds[i];
	}
	return NULL;
}

bool placement_kind_fits_phase(const char *placement_kind, const char *phase_kind)
{
	const struct placement_kind_def *k = placement_kind_find(placement_kind);
	enum phase_kind p;
	if (k == NULL || phase_kind_find(phase_kind, &p) != 0)
		return false;
	return (k->phases & B(p)) != 0;
}

/* Index of code in codes[0..n), or -1. */
static int code_index(const char *const *codes, size_t n, const char *code)
{
	for (size_t i = 0; code && i < n; i++) {
		if (strcmp(codes[i], code) == 0)
			return (int)i;
	}
	return -1;
}

int placement_load_index(const char *code)
{
	return code_index(load_codes, COUNT(load_codes), code);
}

const char *placement_load_code(int i)
{
	return i >= 0 && i < PHYSICAL_LOAD_COUNT ? load_codes[i] : NULL;
}

int placement_licence_index(const char *code)
{
	return code_index(licence_codes, COUNT(licence_codes), code);
}

const char *placement_licence_code(int i)
{
	return i >= 0 && i < LICENCE_COUNT ? licence_codes[i] : NULL;
}

int cefr_rank(const char *code)
{
	for (int i = 1; code && i <= CEFR_MAX; i++) {
		if (strcmp(cefr_levels[i], code) == 0)
			return i;
	}
	return 0;
}

const char *cefr_code(int rank)
{
	return rank >= 1 && rank <= CEFR_MAX ? cefr_levels[rank] : NULL;
}

/* A requirement with a minimum level: the languages and education. A
 * required value of 0 or less asks nothing; a held value below
 * `lowest_known` is unknown. */
static const struct level_rule {
	const char *requirement;
	const char *known;   /* "spreekvaardigheid A1, vereist A2" */
	const char *unknown; /* "taalniveau spreken onbekend, vereist A2" */
	size_t required;     /* offset of the int in struct placement_requirements */
	size_t held;         /* offset of the int in struct candidate */
	int lowest_known;
	bool cefr;           /* levels read A1..C2, else ISCED n */
} level_rules[] = {
	{ "cefr_speaking", "spreekvaardigheid", "taalniveau spreken",
	  offsetof(struct placement_requirements, min_cefr_speaking), offsetof(struct candidate, cefr_speaking), 1,
	  true },
	{ "cefr_listening", "luistervaardigheid", "taalniveau luisteren",
	  offsetof(struct placement_requirements, min_cefr_listening), offsetof(struct candidate, cefr_listening), 1,
	  true },
	{ "isced", "opleidingsniveau", "opleidingsniveau",
	  offsetof(struct placement_requirements, min_isced), offsetof(struct candidate, isced), 0, false },
};

/* Write level v of rule l as the coach reads it: "A2" or "ISCED 3". */
static void level_text(const struct level_rule *l, int v, char out[16])
{
	const char *code = cefr_code(v);
	if (l->cefr)
		snprintf(out, 16, "%s", code ? code : "?");
	else
		snprintf(out, 16, "ISCED %d", v);
}

/* Counts a gap and, while there is room, fills the next slot. */
struct gaps {
	struct requirement_gap *out;
	size_t max;
	size_t n;
};

static void gap_add(struct gaps *g, const char *requirement, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void gap_add(struct gaps *g, const char *requirement, const char *fmt, ...)
{
	if (g->n < g->max) {
		struct requirement_gap *gap = &g->out[g->n];
		va_list ap;
		gap->requirement = requirement;
		va_start(ap, fmt);
		vsnprintf(gap->reason, sizeof gap->reason, fmt, ap);
		va_end(ap);
	}
	g->n++;
}

static void check_levels(const struct placement_requirements *r, const struct candidate *c, struct gaps *g)
{
	char need[16], have[16];
	for (size_t i = 0; i < COUNT(level_rules); i++) {
		const struct level_rule *l = &level_rules[i];
		int required = *(const int *)(const void *)((const char *)r + l->required);
		int held = *(const int *)(const void *)((const char *)c + l->held);
		if (required <= 0 || held >= required)
			continue;
		level_text(l, required, need);
		if (held < l->lowest_known) {
			gap_add(g, l->requirement, "%s onbekend, vereist %s", l->unknown, need);
		} else {
			level_text(l, held, have);
			gap_add(g, l->requirement, "%s %s, vereist %s", l->known, have, need);
		}
	}
}

static void check_licences(const struct placement_requirements *r, const struct candidate *c, struct gaps *g)
{
	for (int i = 0; i < LICENCE_COUNT; i++) {
		if ((r->licences & LICENCE_BIT(i)) && !(c->licences & LICENCE_BIT(i)))
			gap_add(g, licence_gaps[i], "%s ontbreekt", codes_label("licences", licence_codes[i]));
	}
}

static void check_load(const struct placement_requirements *r, const struct candidate *c, struct gaps *g)
{
	int need = r->max_physical_load_needed, may = c->max_physical_load;
	if (need < 0 || need >= PHYSICAL_LOAD_COUNT || may < 0 || may >= need)
		return;
	gap_add(g, "physical_load", "lichamelijk belastbaar tot %s, het werk is %s",
		codes_label("physical_load", load_codes[may]), codes_label("physical_load", load_codes[need]));
}

static void check_day_parts(const struct placement_requirements *r, const struct candidate *c, struct gaps *g)
{
	daypart_set missing = r->day_parts & ~c->free_day_parts & DAYPART_ALL;
	char first[DAYPART_LABEL_LEN];
	if (missing == 0)
		return;
	int bit = 0;
	while (!(missing & ((daypart_set)1u << bit)))
		bit++;
	daypart_label(bit, first);
	int rest = daypart_count(missing) - 1;
	if (rest == 0)
		gap_add(g, "day_parts", "%s is niet vrij", first);
	else
		gap_add(g, "day_parts", "%s en %d %s zijn niet vrij", first, rest,
			rest == 1 ? "ander dagdeel" : "andere dagdelen");
}

/* The full days the work needs: those named in its day-parts, else the
 * fewest that hold its hours (two day-parts a day), at least one. */
static int full_days_needed(const struct placement_requirements *r)
{
	int named = daypart_full_days(r->day_parts);
	if (named > 0)
		return named;
	double per_day = 2 * PLACEMENT_HOURS_PER_DAY_PART;
	int days = 1;
	while (days * per_day < r->hours_per_week)
		days++;
	return days;
}

static void check_full_days(const struct placement_requirements *r, const struct candidate *c, struct gaps *g)
{
	if (!r->full_days)
		return;
	int need = full_days_needed(r), have = daypart_full_days(c->free_day_parts);
	if (have >= need)
		return;
	if (have == 0)
		gap_add(g, "full_days", "geen hele dag vrij, vereist %d", need);
	else
		gap_add(g, "full_days", "%d %s vrij, vereist %d", have, have == 1 ? "hele dag" : "hele dagen", need);
}

size_t placement_requirements_check(const struct placement_requirements *r, const struct candidate *c,
				    struct requirement_gap *gaps, size_t max)
{
	struct gaps g = { gaps, gaps ? max : 0, 0 };

	check_levels(r, c, &g);
	check_licences(r, c, &g);
	check_load(r, c, &g);
	if (c->has_free_day_parts) {
		check_day_parts(r, c, &g);
		check_full_days(r, c, &g);
	}
	return g.n;
}

int placement_capacity_check(const char *title, int capacity, int occupancy, struct err *e)
{
	if (capacity < 1)
		return err_field(e, "capacity", "is %d, must be at least 1", capacity);
	if (occupancy < 0)
		return err_set(e, ERR_INVALID, "placement \"%.80s\" has %d places taken, which cannot be negative",
			       title ? title : "", occupancy);
	if (occupancy >= capacity)
		return err_set(e, ERR_CONFLICT, "placement \"%.80s\" is full: %d of %d places taken",
			       title ? title : "", occupancy, capacity);
	return 0;
}

int placement_validate_period(bool has_start, date_t start, bool has_end, date_t end, struct err *e)
{
	char s[DATE_STR_LEN], t[DATE_STR_LEN];
	if (!has_start || !has_end || end >= start)
		return 0;
	date_format(start, s);
	date_format(end, t);
	return err_field(e, "end_date", "ends before it starts: \"%s\" lies before \"%s\"", t, s);
}

int placement_hours_check(int hours_per_week, daypart_set parts, struct err *e)
{
	if (hours_per_week < PLACEMENT_HOURS_MIN || hours_per_week > PLACEMENT_HOURS_MAX)
		return err_field(e, "hours_per_week", "is %d, must be %d to %d", hours_per_week, PLACEMENT_HOURS_MIN,
				 PLACEMENT_HOURS_MAX);
	int n = daypart_count(parts);
	double most = n * PLACEMENT_HOURS_PER_DAY_PART;
	if (n > 0 && hours_per_week > most)
		return err_field(e, "hours_per_week",
				 "%d hours a week do not fit in %d %s: at most %g hours (%g a day-part)", hours_per_week,
				 n, n == 1 ? "day-part" : "day-parts", most, PLACEMENT_HOURS_PER_DAY_PART);
	return 0;
}

daypart_set placement_required_parts(daypart_set listed, int hours_per_week, bool is_hall)
{
	if (is_hall)
		return 0;
	if (hours_per_week <= 0)
		return listed;
	/* the fewest day-parts that hold the hours: ceil(hours / 4.5) */
	int needed = (hours_per_week * 2 + 8) / 9;
	return daypart_count(listed) <= needed ? listed : 0;
}
