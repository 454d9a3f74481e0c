/*
 * schedule.c - week-plan arithmetic and rules (see schedule.h): clock
 * times and the day-parts they touch, recurrence with validity periods and
 * exceptions, the conflict rules, and the queries for matching.
 */
#include "schedule.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "codes.h"

#define MINUTES_PER_DAY 1440

/* ---- clock times ---- */

int clock_parse(const char *text, int *minutes)
{
	if (!text || strlen(text) != 5 || text[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++) {
		if (i != 2 && (text[i] < '0' || text[i] > '9'))
			return -1;
	}
	int h = (text[0] - '0') * 10 + (text[1] - '0');
	int m = (text[3] - '0') * 10 + (text[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

void clock_format(int minutes, char out[CLOCK_STR_LEN])
{
	if (minutes < 0 || minutes > MINUTES_PER_DAY)
		minutes = 0;
	snprintf(out, CLOCK_STR_LEN, "%02d:%02d", minutes / 60, minutes % 60);
}

void schedule_default_times(struct day_part_times *t)
{
	static const struct day_part_times defaults = {
		.start = { [DP_MORNING] = 8 * 60 + 30, [DP_AFTERNOON] = 13 * 60, [DP_EVENING] = 18 * 60 + 30 },
		.end = { [DP_MORNING] = 12 * 60 + 30, [DP_AFTERNOON] = 17 * 60, [DP_EVENING] = 21 * 60 + 30 },
	};
	*t = defaults;
}

int schedule_times_validate(const struct day_part_times *t, struct err *e)
{
	char field[32], a[CLOCK_STR_LEN], b[CLOCK_STR_LEN];
	bool bad = false;
	for (int p = 0; p < DAY_PART_COUNT; p++) {
		const char *code = day_part_code((enum day_part)p);
		clock_format(t->start[p], a);
		clock_format(t->end[p], b);
		if (t->start[p] < 0 || t->start[p] >= MINUTES_PER_DAY) {
			snprintf(field, sizeof field, "%s.start_time", code);
			if (t->start[p] == MINUTES_PER_DAY)
				err_field(e, field, "\"24:00\" is not a start, it must lie between 00:00 and 23:59");
			else
				err_field(e, field, "%d minutes after midnight is not between 00:00 and 23:59", t->start[p]);
			bad = true;
		} else if (t->end[p] <= t->start[p] || t->end[p] > MINUTES_PER_DAY) {
			snprintf(field, sizeof field, "%s.end_time", code);
			err_field(e, field, "\"%s\" is not after the start \"%s\"", b, a);
			bad = true;
		} else if (p > 0 && t->start[p] < t->end[p - 1] && t->end[p - 1] > t->start[p - 1]) {
			char prev[CLOCK_STR_LEN];
			clock_format(t->end[p - 1], prev);
			snprintf(field, sizeof field, "%s.end_time", day_part_code((enum day_part)(p - 1)));
			err_field(e, field, "\"%s\" is after the %s starts at \"%s\"", prev, day_part_code((enum day_part)p),
				  a);
			bad = true;
		}
	}
	return bad ? -1 : 0;
}

daypart_set schedule_interval_parts(enum weekday d, int start, int end, const struct day_part_times *t)
{
	daypart_set s = 0;
	if ((unsigned)d >= WEEKDAY_COUNT)
		return 0;
	for (int p = 0; p < DAY_PART_COUNT; p++) {
		if (start < t->end[p] && end > t->start[p])
			s |= DAYPART_BIT(d, p);
	}
	return s;
}

/* ---- plan items ---- */

/* Codes in enum order; the Dutch labels are the code list "plan_kind" of
 * codes.c, which test_schedule.c checks holds exactly these codes. */
static const char *const plan_kind_codes[PLAN_KIND_COUNT] = {
	[PLAN_LANGUAGE_CLASS] = "language_class",
	[PLAN_WORK] = "work",
	[PLAN_TRAINING] = "training",
	[PLAN_COACH_APPOINTMENT] = "coach_appointment",
	[PLAN_BUDDY_MEETING] = "buddy_meeting",
	[PLAN_OTHER] = "other",
};

const char *plan_kind_code(enum plan_kind k)
{
	return (unsigned)k < PLAN_KIND_COUNT ? plan_kind_codes[k] : NULL;
}

int plan_kind_find(const char *code, enum plan_kind *out)
{
	if (code == NULL)
		return -1;
	for (int k = 0; k < PLAN_KIND_COUNT; k++) {
		if (strcmp(plan_kind_codes[k], code) == 0) {
			*out = (enum plan_kind)k;
			return 0;
		}
	}
	return -1;
}

date_t schedule_week_start(date_t d)
{
	return d - date_weekday(d);
}

static bool valid_on(const struct plan_item *it, date_t d)
{
	return d >= it->from && (!it->has_until || d <= it->until);
}

/* The day-parts the item takes in the week of `monday`: its parts on the
 * weekdays whose date lies within its validity. Every rule looks at
 * these, so an item that ends on Tuesday and its successor that starts on
 * Wednesday never collide. */
static daypart_set week_parts(const struct plan_item *it, date_t monday)
{
	daypart_set mask = 0;
	for (int d = 0; d < WEEKDAY_COUNT; d++) {
		if (valid_on(it, monday + d))
			mask |= daypart_day((enum weekday)d);
	}
	return it->parts & mask & DAYPART_ALL;
}

bool schedule_item_in_week(const struct plan_item *it, date_t monday)
{
	return week_parts(it, monday) != 0;
}

bool schedule_occurs(const struct plan_item *it, const struct plan_exception *ex, size_t nex, date_t d,
		     enum day_part p)
{
	if ((unsigned)p >= DAY_PART_COUNT || !valid_on(it, d))
		return false;
	if (!(it->parts & DAYPART_BIT(date_weekday(d), p)))
		return false;
	for (size_t i = 0; i < nex; i++) {
		bool mine = ex[i].item_id == 0 ||
			    (ex[i].item_id == it->id && ex[i].from_timetable == it->from_timetable);
		if (mine && d >= ex[i].from && d <= ex[i].to)
			return false;
	}
	return true;
}

static bool has_own_times(const struct plan_item *it)
{
	return it->start_min >= 0 && it->end_min > it->start_min && it->end_min <= MINUTES_PER_DAY;
}

bool schedule_item_span(const struct plan_item *it, enum weekday d, const struct day_part_times *t, int *start,
			int *end)
{
	daypart_set day = it->parts & daypart_day(d);
	if (day == 0)
		return false;
	if (has_own_times(it)) {
		*start = it->start_min;
		*end = it->end_min;
		return true;
	}
	int first = -1, last = -1;
	for (int p = 0; p < DAY_PART_COUNT; p++) {
		if (day & DAYPART_BIT(d, p)) {
			if (first < 0)
				first = p;
			last = p;
		}
	}
	*start = t->start[first];
	*end = t->end[last];
	return true;
}

/* The stretches of time [s[i], e[i]) the item takes on weekday d, given
 * the day-parts `day` it has that day (non-empty): its own times, or each
 * of its day-parts apart, so morning and evening never cover the
 * afternoon. Returns how many (1..3). */
static int item_intervals(const struct plan_item *it, enum weekday d, daypart_set day,
			  const struct day_part_times *t, int s[DAY_PART_COUNT], int e[DAY_PART_COUNT])
{
	int n = 0;
	if (has_own_times(it)) {
		s[0] = it->start_min;
		e[0] = it->end_min;
		return 1;
	}
	for (int p = 0; p < DAY_PART_COUNT; p++) {
		if (day & DAYPART_BIT(d, p)) {
			s[n] = t->start[p];
			e[n] = t->end[p];
			n++;
		}
	}
	return n;
}

static void mark_minutes(unsigned char *busy, int s, int e)
{
	if (s < 0)
		s = 0;
	if (e > MINUTES_PER_DAY)
		e = MINUTES_PER_DAY;
	for (int m = s; m < e; m++)
		busy[m] = 1;
}

int schedule_work_minutes(const struct plan_item *items, size_t n, enum weekday d, date_t monday,
			  const struct day_part_times *t)
{
	unsigned char busy[MINUTES_PER_DAY];
	int s[DAY_PART_COUNT], e[DAY_PART_COUNT], total = 0;

	if ((unsigned)d >= WEEKDAY_COUNT)
		return 0;
	memset(busy, 0, sizeof busy);
	for (size_t i = 0; i < n; i++) {
		if (items[i].kind != PLAN_WORK)
			continue;
		daypart_set day = week_parts(&items[i], monday) & daypart_day(d);
		if (day == 0)
			continue;
		int k = item_intervals(&items[i], d, day, t, s, e);
		for (int j = 0; j < k; j++)
			mark_minutes(busy, s[j], e[j]);
	}
	for (int m = 0; m < MINUTES_PER_DAY; m++)
		total += busy[m];
	return total;
}

/* ---- conflicts ---- */

static const char *const rule_codes[CONFLICT_RULE_COUNT] = {
	[CONFLICT_OVERLAP] = "overlap",
	[CONFLICT_BELOW_AGREED] = "below_agreed",
	[CONFLICT_BELOW_MINIMUM] = "below_minimum",
	[CONFLICT_OVER_CAPACITY] = "over_capacity",
	[CONFLICT_PLACEMENT_PARTS] = "placement_parts",
	[CONFLICT_FULL_DAY_CLASS] = "full_day_class",
	[CONFLICT_HALL_FULL] = "hall_full",
};

const char *conflict_rule_code(enum conflict_rule r)
{
	return (unsigned)r < CONFLICT_RULE_COUNT ? rule_codes[r] : NULL;
}

#define ITEM_KEY_LEN 24
#define TITLE_MAX 60 /* how much of a title a message quotes */
#define WHERE_LEN 120

/* Receives each conflict the rules find, in order. */
struct sink {
	void (*emit)(struct sink *s, const struct schedule_conflict *c);
	struct schedule_conflict *out;
	size_t max, n;
	/* schedule_conflicts_ahead */
	const struct schedule_plan *plan;
	date_t first_monday;
	/* key search in an earlier week */
	const char *want;
	bool found;
};

static void item_key(const struct plan_item *it, char out[ITEM_KEY_LEN])
{
	snprintf(out, ITEM_KEY_LEN, "%c%lld", it->from_timetable ? 't' : 'e', (long long)it->id);
}

/* Does a come before b in keys: entries before timetable classes, then by
 * id (items not saved yet, id 0, by their place in the array). */
static bool key_before(const struct plan_item *a, size_t ia, const struct plan_item *b, size_t ib)
{
	if (a->from_timetable != b->from_timetable)
		return !a->from_timetable;
	if (a->id != b->id)
		return a->id < b->id;
	return ia < ib;
}

static const char *item_title(const struct plan_item *it)
{
	if (it->title && it->title[0])
		return it->title;
	const char *label = codes_label("plan_kind", plan_kind_code(it->kind));
	return label ? label : "onderdeel";
}

static const char *placement_title(const struct schedule_placement *p)
{
	return p->title && p->title[0] ? p->title : "de werkplek";
}

/* The Dutch labels of the day-parts in s, week order: "dinsdagochtend",
 * "dinsdagochtend en dinsdagmiddag", "a, b en c". */
static void parts_text(daypart_set s, char *out, size_t size)
{
	int total = daypart_count(s), done = 0;
	size_t len = 0;
	char label[DAYPART_LABEL_LEN];

	out[0] = '\0';
	for (int bit = 0; bit < DAYPART_BITS && len < size; bit++) {
		if (!(s & ((daypart_set)1u << bit)))
			continue;
		daypart_label(bit, label);
		const char *sep = done == 0 ? "" : done == total - 1 ? " en " : ", ";
		int w = snprintf(out + len, size - len, "%s%s", sep, label);
		if (w < 0)
			break;
		len += (size_t)w;
		done++;
	}
}

/* Hours as Dutch text: 8 -> "8", 7.5 -> "7,5", 4h20 -> "4,33". */
static void hours_text(int minutes, char out[16])
{
	int h = minutes / 60, hundredths = ((minutes % 60) * 100 + 30) / 60;
	if (hundredths == 0)
		snprintf(out, 16, "%d", h);
	else if (hundredths % 10 == 0)
		snprintf(out, 16, "%d,%d", h, hundredths / 10);
	else
		snprintf(out, 16, "%d,%02d", h, hundredths);
}

static void emit(struct sink *s, enum conflict_rule rule, daypart_set parts, int a, int b, date_t monday,
		 const char *key, const char *fmt, ...) __attribute__((format(printf, 8, 9)));

static void emit(struct sink *s, enum conflict_rule rule, daypart_set parts, int a, int b, date_t monday,
		 const char *key, const char *fmt, ...)
{
	struct schedule_conflict c;
	va_list ap;

	memset(&c, 0, sizeof c);
	c.rule = rule;
	c.parts = parts & DAYPART_ALL;
	c.item[0] = a;
	c.item[1] = b;
	c.week = monday;
	snprintf(c.key, sizeof c.key, "%s", key);
	va_start(ap, fmt);
	vsnprintf(c.message, sizeof c.message, fmt, ap);
	va_end(ap);
	s->emit(s, &c);
}

/* Where an item is on weekday d for an overlap message: its day-parts
 * that day among `shown` (else all of them that day), and its own times. */
static void where_text(const struct plan_item *it, daypart_set day, daypart_set shown, char *out, size_t size)
{
	char a[CLOCK_STR_LEN], b[CLOCK_STR_LEN], parts[WHERE_LEN - 2 * CLOCK_STR_LEN];
	parts_text((day & shown) ? (day & shown) : day, parts, sizeof parts);
	if (has_own_times(it)) {
		clock_format(it->start_min, a);
		clock_format(it->end_min, b);
		snprintf(out, size, "%s %s-%s", parts, a, b);
	} else {
		snprintf(out, size, "%s", parts);
	}
}

/* Do items a and b (with day-parts da and db on weekday d, both
 * non-empty) take the same time? *shown gets the day-parts the shared
 * time touches, or, when it lies between day-parts, those of both. */
static bool items_overlap(const struct plan_item *a, daypart_set da, const struct plan_item *b, daypart_set db,
			  enum weekday d, const struct day_part_times *t, daypart_set *shown)
{
	int as[DAY_PART_COUNT], ae[DAY_PART_COUNT], bs[DAY_PART_COUNT], be[DAY_PART_COUNT];
	bool hit = false;

	*shown = 0;
	if (!has_own_times(a) && !has_own_times(b)) {
		*shown = da & db;
		return *shown != 0;
	}
	int na = item_intervals(a, d, da, t, as, ae), nb = item_intervals(b, d, db, t, bs, be);
	for (int i = 0; i < na; i++) {
		for (int j = 0; j < nb; j++) {
			int s = as[i] > bs[j] ? as[i] : bs[j];
			int e = ae[i] < be[j] ? ae[i] : be[j];
			if (s < e) {
				hit = true;
				*shown |= schedule_interval_parts(d, s, e, t);
			}
		}
	}
	if (hit && *shown == 0)
		*shown = da | db;
	return hit;
}

static void rule_overlap(const struct schedule_plan *plan, const struct day_part_times *t, date_t monday,
			 struct sink *s)
{
	char ka[ITEM_KEY_LEN], kb[ITEM_KEY_LEN], key[CONFLICT_KEY_LEN], wa[WHERE_LEN], wb[WHERE_LEN];

	for (size_t i = 0; i < plan->nitems; i++) {
		daypart_set pi = week_parts(&plan->items[i], monday);
		for (size_t j = i + 1; pi && j < plan->nitems; j++) {
			daypart_set pj = week_parts(&plan->items[j], monday);
			if (pj == 0)
				continue;
			size_t x = i, y = j;
			if (!key_before(&plan->items[i], i, &plan->items[j], j)) {
				x = j;
				y = i;
			}
			const struct plan_item *a = &plan->items[x], *b = &plan->items[y];
			daypart_set px = x == i ? pi : pj, py = x == i ? pj : pi;
			for (int d = 0; d < WEEKDAY_COUNT; d++) {
				daypart_set day = daypart_day((enum weekday)d), shown;
				if (!(px & day) || !(py & day))
					continue;
				if (!items_overlap(a, px & day, b, py & day, (enum weekday)d, t, &shown))
					continue;
				item_key(a, ka);
				item_key(b, kb);
				snprintf(key, sizeof key, "overlap:%s:%s:%s", ka, kb, weekday_code((enum weekday)d));
				where_text(a, px & day, shown, wa, sizeof wa);
				where_text(b, py & day, shown, wb, sizeof wb);
				emit(s, CONFLICT_OVERLAP, shown, (int)x, (int)y, monday, key,
				     "%.*s (%s) valt samen met %.*s (%s)", TITLE_MAX, item_title(a), wa, TITLE_MAX,
				     item_title(b), wb);
			}
		}
	}
}

/* The day-parts of work that week (PLAN_WORK items). */
static daypart_set work_parts(const struct schedule_plan *plan, date_t monday)
{
	daypart_set w = 0;
	for (size_t i = 0; i < plan->nitems; i++) {
		if (plan->items[i].kind == PLAN_WORK)
			w |= week_parts(&plan->items[i], monday);
	}
	return w;
}

static void rule_below(const struct schedule_plan *plan, date_t monday, struct sink *s, enum conflict_rule rule)
{
	const struct schedule_person *p = plan->person;
	if (p == NULL || !p->in_work_learning)
		return;
	daypart_set w = work_parts(plan, monday);
	int have = daypart_count(w);
	if (rule == CONFLICT_BELOW_AGREED && p->agreed_parts >= 0 && have < p->agreed_parts)
		emit(s, rule, w, -1, -1, monday, "below_agreed", "bij de intake afgesproken: %d %s werk; gepland: %d",
		     p->agreed_parts, p->agreed_parts == 1 ? "dagdeel" : "dagdelen", have);
	if (rule == CONFLICT_BELOW_MINIMUM && have < 2)
		emit(s, rule, w, -1, -1, monday, "below_minimum",
		     "2 dagdelen werk per week is het minimum; gepland: %d", have);
}

static void rule_over_capacity(const struct schedule_plan *plan, const struct day_part_times *t, date_t monday,
			       struct sink *s)
{
	const struct schedule_person *p = plan->person;
	char key[CONFLICT_KEY_LEN], have[16];
	if (p == NULL)
		return;
	daypart_set w = work_parts(plan, monday);
	int days = 0;
	for (int d = 0; d < WEEKDAY_COUNT; d++)
		days += (w & daypart_day((enum weekday)d)) != 0;
	if (p->capacity_days >= 0 && days > p->capacity_days)
		emit(s, CONFLICT_OVER_CAPACITY, w, -1, -1, monday, "over_capacity:days",
		     "werkt %d %s; belastbaar %d %s per week", days, days == 1 ? "dag" : "dagen", p->capacity_days,
		     p->capacity_days == 1 ? "dag" : "dagen");
	if (p->capacity_hours < 0)
		return;
	for (int d = 0; d < WEEKDAY_COUNT; d++) {
		daypart_set day = w & daypart_day((enum weekday)d);
		if (day == 0)
			continue;
		int minutes = schedule_work_minutes(plan->items, plan->nitems, (enum weekday)d, monday, t);
		if (minutes <= p->capacity_hours * 60)
			continue;
		hours_text(minutes, have);
		snprintf(key, sizeof key, "over_capacity:%s", weekday_code((enum weekday)d));
		emit(s, CONFLICT_OVER_CAPACITY, day, -1, -1, monday, key, "%s %s uur werk; belastbaar %d uur per dag",
		     weekday_label((enum weekday)d), have, p->capacity_hours);
	}
}

static const struct schedule_placement *find_placement(const struct schedule_plan *plan, int64_t id)
{
	if (id == 0)
		return NULL;
	for (size_t i = 0; i < plan->nplacements; i++) {
		if (plan->placements[i].id == id)
			return &plan->placements[i];
	}
	return NULL;
}

/* Is item o work at placement id? */
static bool works_at(const struct plan_item *o, int64_t id)
{
	return o->kind == PLAN_WORK && o->placement_id == id;
}

static void rule_placement_parts(const struct schedule_plan *plan, date_t monday, struct sink *s)
{
	char wk[ITEM_KEY_LEN], key[CONFLICT_KEY_LEN], where[WHERE_LEN];

	for (size_t i = 0; i < plan->nitems; i++) {
		const struct plan_item *w = &plan->items[i];
		const struct schedule_placement *pl = w->kind == PLAN_WORK ? find_placement(plan, w->placement_id) : NULL;
		if (pl == NULL || pl->required == 0 || !schedule_item_in_week(w, monday))
			continue;
		daypart_set taken = 0;
		int first = -1, others = 0;
		for (size_t j = 0; j < plan->nitems; j++) {
			const struct plan_item *o = &plan->items[j];
			if (j == i || works_at(o, pl->id))
				continue;
			daypart_set hit = week_parts(o, monday) & pl->required & DAYPART_ALL;
			if (hit == 0)
				continue;
			taken |= hit;
			if (first < 0)
				first = (int)j;
			others++;
		}
		if (taken == 0)
			continue;
		item_key(w, wk);
		snprintf(key, sizeof key, "placement_parts:%s", wk);
		parts_text(taken, where, sizeof where);
		if (others == 1)
			emit(s, CONFLICT_PLACEMENT_PARTS, taken, (int)i, first, monday, key,
			     "%.*s vraagt %s, maar dan is er %.*s", TITLE_MAX, placement_title(pl), where, TITLE_MAX,
			     item_title(&plan->items[first]));
		else
			emit(s, CONFLICT_PLACEMENT_PARTS, taken, (int)i, first, monday, key,
			     "%.*s vraagt %s, maar dan is er %.*s en nog %d andere", TITLE_MAX, placement_title(pl),
			     where, TITLE_MAX, item_title(&plan->items[first]), others - 1);
	}
}

static void rule_full_day_class(const struct schedule_plan *plan, date_t monday, struct sink *s)
{
	char wk[ITEM_KEY_LEN], key[CONFLICT_KEY_LEN];

	for (size_t i = 0; i < plan->nitems; i++) {
		const struct plan_item *w = &plan->items[i];
		const struct schedule_placement *pl = w->kind == PLAN_WORK ? find_placement(plan, w->placement_id) : NULL;
		if (pl == NULL || !pl->full_days)
			continue;
		daypart_set wp = week_parts(w, monday);
		for (int d = 0; wp && d < WEEKDAY_COUNT; d++) {
			daypart_set day = daypart_day((enum weekday)d), classes = 0;
			int first = -1;
			if (!(wp & day))
				continue;
			for (size_t j = 0; j < plan->nitems; j++) {
				if (plan->items[j].kind != PLAN_LANGUAGE_CLASS)
					continue;
				daypart_set c = week_parts(&plan->items[j], monday) & day;
				if (c && first < 0)
					first = (int)j;
				classes |= c;
			}
			if (classes == 0)
				continue;
			item_key(w, wk);
			snprintf(key, sizeof key, "full_day_class:%s:%s", wk, weekday_code((enum weekday)d));
			emit(s, CONFLICT_FULL_DAY_CLASS, (wp & day) | classes, (int)i, first, monday, key,
			     "%.*s vraagt hele dagen; op %s is er taalles", TITLE_MAX, placement_title(pl),
			     weekday_label((enum weekday)d));
		}
	}
}

static void rule_hall_full(const struct schedule_plan *plan, date_t monday, struct sink *s)
{
	char key[CONFLICT_KEY_LEN], code[DAYPART_CODE_LEN], label[DAYPART_LABEL_LEN];

	for (size_t k = 0; k < plan->nplacements; k++) {
		const struct schedule_placement *pl = &plan->placements[k];
		if (!pl->is_hall)
			continue;
		for (int bit = 0; bit < DAYPART_BITS; bit++) {
			daypart_set b = (daypart_set)1u << bit;
			int mine = -1, taken = 0;
			for (size_t i = 0; i < plan->nitems && mine < 0; i++) {
				if (works_at(&plan->items[i], pl->id) && (week_parts(&plan->items[i], monday) & b))
					mine = (int)i;
			}
			if (mine < 0)
				continue;
			for (size_t j = 0; j < pl->nothers; j++)
				taken += (week_parts(&pl->others[j], monday) & b) != 0;
			if (taken + 1 <= pl->capacity)
				continue;
			daypart_code(bit, code);
			daypart_label(bit, label);
			snprintf(key, sizeof key, "hall_full:p%lld:%s", (long long)pl->id, code);
			emit(s, CONFLICT_HALL_FULL, b, mine, -1, monday, key,
			     "%.*s is vol op %s: %d van %d plaatsen bezet", TITLE_MAX, placement_title(pl), label, taken,
			     pl->capacity);
		}
	}
}

/* Run every rule on the week of `monday`, in rule order. */
static void run_rules(const struct schedule_plan *plan, date_t monday, struct sink *s)
{
	struct day_part_times defaults;
	const struct day_part_times *t = plan->times;
	if (t == NULL) {
		schedule_default_times(&defaults);
		t = &defaults;
	}
	rule_overlap(plan, t, monday, s);
	rule_below(plan, monday, s, CONFLICT_BELOW_AGREED);
	rule_below(plan, monday, s, CONFLICT_BELOW_MINIMUM);
	rule_over_capacity(plan, t, monday, s);
	rule_placement_parts(plan, monday, s);
	rule_full_day_class(plan, monday, s);
	rule_hall_full(plan, monday, s);
}

static void emit_all(struct sink *s, const struct schedule_conflict *c)
{
	if (s->n < s->max)
		s->out[s->n] = *c;
	s->n++;
}

size_t schedule_conflicts(const struct schedule_plan *plan, date_t monday, struct schedule_conflict *out,
			  size_t max)
{
	struct sink s = { .emit = emit_all, .out = out, .max = out ? max : 0 };
	run_rules(plan, monday, &s);
	return s.n;
}

static void emit_find(struct sink *s, const struct schedule_conflict *c)
{
	if (strcmp(c->key, s->want) == 0)
		s->found = true;
}

/* Did a conflict with this key occur in a week before `monday`? Used
 * only once out[] is full, when earlier keys can no longer be looked up
 * there. */
static bool seen_before(const struct sink *s, const char *key, date_t monday)
{
	for (date_t w = s->first_monday; w < monday; w += 7) {
		struct sink find = { .emit = emit_find, .want = key };
		run_rules(s->plan, w, &find);
		if (find.found)
			return true;
	}
	return false;
}

static void emit_new(struct sink *s, const struct schedule_conflict *c)
{
	size_t kept = s->n < s->max ? s->n : s->max;
	for (size_t i = 0; i < kept; i++) {
		if (strcmp(s->out[i].key, c->key) == 0)
			return;
	}
	if (s->n >= s->max && seen_before(s, c->key, c->week))
		return;
	if (s->n < s->max)
		s->out[s->n] = *c;
	s->n++;
}

size_t schedule_conflicts_ahead(const struct schedule_plan *plan, date_t monday, int weeks,
				struct schedule_conflict *out, size_t max)
{
	struct sink s = { .emit = emit_new, .out = out, .max = out ? max : 0, .plan = plan, .first_monday = monday };
	for (int w = 0; w < weeks; w++)
		run_rules(plan, monday + 7 * w, &s);
	return s.n;
}

/* ---- queries for matching ---- */

daypart_set schedule_free_parts(const struct plan_item *items, size_t n, date_t monday)
{
	daypart_set taken = 0;
	for (size_t i = 0; i < n; i++)
		taken |= week_parts(&items[i], monday);
	return DAYPART_ALL & ~taken;
}

bool schedule_pattern_free(daypart_set free, const struct schedule_pattern *p)
{
	if ((p->parts & DAYPART_ALL & ~free) != 0)
		return false;
	return daypart_full_days(free & DAYPART_ALL) >= p->full_days;
}

size_t schedule_free_people(const daypart_set *free, size_t n, const struct schedule_pattern *p, size_t *out,
			    size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!schedule_pattern_free(free[i], p))
			continue;
		if (out && k < max)
			out[k] = i;
		k++;
	}
	return k;
}

/* The most gaps placement_requirements_check can give: two languages,
 * education, each licence, load, day-parts, full days. */
#define GAPS_MAX (5 + LICENCE_COUNT)

bool schedule_placement_fits(const struct placement_requirements *r, daypart_set free)
{
	/* A candidate who meets everything but time, so the only gaps
	 * placement_requirements_check can find are about day-parts. */
	struct candidate c = {
		.cefr_speaking = 6,
		.cefr_listening = 6,
		.isced = 8,
		.licences = (1u << LICENCE_COUNT) - 1u,
		.max_physical_load = -1,
		.free_day_parts = free & DAYPART_ALL,
		.has_free_day_parts = true,
	};
	struct requirement_gap gaps[GAPS_MAX];
	size_t n = placement_requirements_check(r, &c, gaps, GAPS_MAX);
	for (size_t i = 0; i < n && i < GAPS_MAX; i++) {
		if (strcmp(gaps[i].requirement, "day_parts") == 0 || strcmp(gaps[i].requirement, "full_days") == 0)
			return false;
	}
	return true;
}

size_t schedule_fitting_placements(const struct placement_requirements *reqs, size_t n, daypart_set free,
				   size_t *out, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!schedule_placement_fits(&reqs[i], free))
			continue;
		if (out && k < max)
			out[k] = i;
		k++;
	}
	return k;
}
