/*
 * demo_employers.c - the employer network and the work floor of `meedoen
 * demo` (issue 4, item 8). Employers with contacts, notes and a history,
 * the places they offer and the social work company's production halls
 * come from domain/demo.c; this file stores them, places the people whose
 * demo path ends in an open work-learning or work phase the way the app
 * places them (app/placing.c: the checks, the phase's placement_id, the
 * placement link), gives an employer the consent it needs to see its
 * people, writes work-floor assessments that show progress for the people
 * in the halls, and adds trainings with co-financing and company visits
 * and matching events that lead to placements.
 *
 * Speed: every participant of a 100,000-person demo passes through
 * demo_floor_open, so choosing a place reads only memory (per phase kind,
 * the places that still have room) and the store is touched only for the
 * people actually placed, whom the capacities bound. Everything draws from
 * the floor's own generator, so the rest of a seed's population is what it
 * was before the work floor existed.
 */
#include "app/demo_internal.h"
#include "app/employer_internal.h"
#include "domain/assessment.h"
#include "domain/codes.h"
#include "domain/phase.h"
#include "domain/placement.h"
#include "base/buf.h"
#include "base/xmalloc.h"

#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define POOL_MAX 4096     /* people in internal work-learning kept for visits and trainings */
#define FIRST_EMPLOYER 3  /* placed first at the demo employer, so its user sees people */

/* A place as the demo tracks it while placing. */
struct seat {
	int64_t id, org;
	int employer;        /* index into emps, -1 for a production hall */
	unsigned phases;     /* bit per enum phase_kind that may be linked to it */
	int capacity, taken;
	date_t from, until;  /* its period; 0 for open */
	struct placement_requirements req;
	char title[128];
};

struct emp {
	int64_t org;
	char name[128], sector[32], location[200];
	bool member;
	date_t joined;
};

/* Someone placed: who, where, from when, and the licences the place asks
 * that they did not hold (they were placed with an override). */
struct placed {
	int64_t pid;
	int seat;
	date_t start;
	unsigned missing;
};

struct pooled {
	int64_t pid;
	date_t since;
};

struct demo_floor {
	struct demo_rng r;
	const struct demo_ids *ids;
	date_t today;
	struct emp *emps;
	size_t nemps;
	struct seat *seats;
	size_t nseats;
	int *room[PHASE_KIND_COUNT]; /* the seats with a place left, per phase kind */
	size_t nroom[PHASE_KIND_COUNT];
	int first_taken;             /* placed at employer 0 */
	struct placed *placed;
	size_t nplaced, cap_placed;
	struct pooled pool[POOL_MAX];
	size_t npool;
	long pool_seen;
	/* the series of assessments being written: level at the start and
	 * growth in tenths of a point a month, per item; the most hours a day */
	int64_t series_pid;
	int level0[ASSESSMENT_ITEM_COUNT], growth[ASSESSMENT_ITEM_COUNT], most_hours;
	struct demo_floor_counts counts;
};

/* How often someone with an open phase of this kind is placed, in percent,
 * when a fitting place has room: everyone in internal work-learning goes to
 * a hall; most external steps are at network employers; paid work often
 * is elsewhere. Kinds not listed are never placed by the demo. */
static const unsigned place_chance[PHASE_KIND_COUNT] = {
	[PHASE_INTERNAL_WORK_LEARNING] = 100, [PHASE_EXTERNAL_WORK_LEARNING] = 85,
	[PHASE_WORK_EXPERIENCE_PLACE] = 85,   [PHASE_LANGUAGE_INTERNSHIP] = 90,
	[PHASE_TRIAL_PLACEMENT] = 90,         [PHASE_PAID_WORK] = 35,
};

/* Why someone is placed although they lack a requirement, by the first
 * requirement missed (a prefix of the gap's name; "" matches any). A
 * physical load beyond what the person may bear is never overridden. */
static const struct {
	const char *gap, *reason;
} override_reasons[] = {
	{ "cefr", "Nederlands groeit op de werkvloer; de werkgever zorgt voor taalcoaching" },
	{ "licence:forklift", "heftruckcertificaat volgt via de cursus met cofinanciering" },
	{ "licence:reach_truck", "reachtruckcertificaat volgt via de cursus" },
	{ "licence:food_hygiene", "HACCP-training volgt in de eerste maand" },
	{ "licence:vca", "de VCA-cursus is gepland" },
	{ "licence:driving_b", "rijdt eerst mee als bijrijder" },
	{ "isced", "de werkgever kijkt naar ervaring in plaats van naar het diploma" },
	{ "", "afgestemd met de werkgever" },
};

/* What account managers write in an employer's history. */
static const char *const employer_notes[] = {
	"Kennismakingsgesprek met de eigenaar: interesse in leerwerkplekken voor statushouders",
	"Afspraak over taalcoaching op de werkvloer; pictogrammen bij de machines",
	"Werkgever wil kandidaten met minimaal A2 spreken voor klantcontact",
	"Evaluatie van de plaatsingen: tevreden over de inzet, het tempo groeit",
	"Piek in het seizoen: vraag naar extra handen van maart tot juni",
	"Werktijden afgestemd op de taallessen op dinsdag- en donderdagochtend",
	"Rondleiding gehad; de veiligheidsinstructie wordt vertaald in het Arabisch en Tigrinya",
	"Werkgever overweegt een vast contract na de proefplaatsing",
	"Werkgever wil meedoen aan het volgende matchingsevent",
	"Vraag naar heftruckchauffeurs; cofinanciering van de cursus besproken",
};

/* A comment per rubric item for a low (1-2) and a high (3-4) score. */
static const char *const item_comments[ASSESSMENT_RUBRIC_COUNT][2] = {
	[ASSESS_PUNCTUALITY] = { "Komt soms te laat; afspraken over de bus gemaakt", "Altijd op tijd" },
	[ASSESS_ATTENDANCE] = { "Enkele keren afwezig zonder bericht", "Meldt zich netjes af bij afspraken" },
	[ASSESS_PACE] = { "Tempo ligt nog onder de norm", "Haalt de productienorm" },
	[ASSESS_QUALITY] = { "Werk moet nog vaak worden nagekeken", "Levert nauwkeurig werk" },
	[ASSESS_INSTRUCTIONS] = { "Heeft instructies vaak twee keer nodig", "Werkt zelfstandig na één uitleg" },
	[ASSESS_COOPERATION] = { "Werkt liever alleen", "Helpt collega's en neemt nieuwe mensen mee" },
	[ASSESS_SAFETY] = { "Vergeet soms de veiligheidsschoenen", "Houdt zich aan de veiligheidsregels" },
	[ASSESS_VOCABULARY] = { "Kent de namen van het gereedschap nog niet", "Gebruikt de vaktaal van de hal" },
};

/* The job coach's override of an advice, by the advice given. */
static const struct {
	enum readiness given, decided;
	const char *reason;
} advice_overrides[] = {
	{ READY_STAY, READY_EXTERNAL, "Een werkgever in het netwerk heeft een passende plek met begeleiding op de vloer" },
	{ READY_EXTERNAL, READY_STAY, "Eerst het inburgeringsexamen afronden; de lessen botsen nog met volle werkdagen" },
	{ READY_PAID_WORK, READY_EXTERNAL, "Eerst een proefplaatsing om het tempo bij een werkgever te toetsen" },
};

/* Trainings at work; the one co-financing is the first employer of the
 * sector. Start in days from today (negative: in the past). */
static const struct training_plan {
	const char *title, *certificate, *provider, *sector;
	int cost_euro, share_percent, capacity, validity_months, starts, days;
} training_plans[] = {
	{ "Heftruckcertificaat", "forklift", "Heftruckschool Westland", "logistics", 3200, 50, 8, 60, -130, 2 },
	{ "HACCP en hygiëne in de voedingsindustrie", "food_hygiene", "Hygiëne Academie Zuid-Holland",
	  "food_processing", 1800, 50, 10, 36, -80, 1 },
	{ "VCA Basisveiligheid", "vca", "Veilig Werken Opleidingen", "construction", 2600, 30, 10, 120, -45, 2 },
	{ "Heftruckcertificaat (nieuwe groep)", "forklift", "Heftruckschool Westland", "greenhouse_horticulture", 3200,
	  40, 8, 60, 18, 2 },
	{ "Reachtruck voor gevorderden", "reach_truck", "Heftruckschool Westland", "logistics", 2800, 60, 6, 60, -210,
	  3 },
	{ "VCA Basisveiligheid (eerste groep)", "vca", "Veilig Werken Opleidingen", "technical", 2600, 30, 10, 120,
	  -260, 2 },
	{ "HACCP voor keuken en bediening", "food_hygiene", "Hygiëne Academie Zuid-Holland", "hospitality", 1800, 40,
	  10, 36, 35, 1 },
	{ "Heftruckcertificaat (eerste groep)", "forklift", "Heftruckschool Westland", "logistics", 3200, 50, 8, 60,
	  -300, 2 },
};

static const char *const matching_titles[] = {
	"Matchingsevent Westland Werkt", "Speedmeet glastuinbouw", "Banenmarkt logistiek en voeding",
};
static const char *const language_support[] = {
	"tolk Arabisch en Tigrinya aanwezig", "uitleg in eenvoudig Nederlands met pictogrammen",
	"taalmaatjes gaan mee",
};
static const char *const start_times[] = { "09:30", "10:00", "13:30" };

/* ---- small helpers ---- */

static bool chance(struct demo_floor *f, uint32_t percent)
{
	return demo_rng_below(&f->r, 100) < percent;
}

static date_t between(struct demo_floor *f, date_t lo, date_t hi)
{
	return hi <= lo ? lo : lo + (date_t)demo_rng_below(&f->r, (uint32_t)(hi - lo + 1));
}

static bool row_day(const json_t *row, const char *key, date_t *out)
{
	const char *s = json_string_value(json_object_get(row, key));
	return s && date_parse(s, out) == 0;
}

/* An entry in employer org's history on day `on` (never after today), by
 * the account manager. */
static int history(struct demo_floor *f, struct app_ctx *ctx, int64_t org, date_t on, const char *kind,
		   const char *text, struct err *e)
{
	char d[DATE_STR_LEN];
	date_format(on < f->today ? on : f->today, d);
	return store_employer_event_insert(ctx->st, org, d, kind, text, f->ids->user[U_ACCOUNT_MANAGER],
					   f->ids->user_name[U_ACCOUNT_MANAGER], ctx->now_s, e);
}

/* ---- building the network ---- */

/* Remember placement row pl (stored as id) as a seat with room. */
static void seat_add(struct demo_floor *f, const json_t *pl, int64_t id, int employer)
{
	struct seat *s = &f->seats[f->nseats];
	const struct placement_kind_def *k = placement_kind_find(json_string_value(json_object_get(pl, "kind")));

	memset(s, 0, sizeof *s);
	s->id = id;
	s->org = json_integer_value(json_object_get(pl, "organisation_id"));
	s->employer = employer;
	s->phases = k ? k->phases : 0;
	s->capacity = (int)json_integer_value(json_object_get(pl, "capacity"));
	row_day(pl, "start_date", &s->from);
	row_day(pl, "end_date", &s->until);
	placing_requirements(pl, &s->req);
	str_copy(s->title, sizeof s->title, json_string_value(json_object_get(pl, "title")));
	for (int p = 0; p < PHASE_KIND_COUNT; p++)
		if (s->phases & (1u << p))
			f->room[p][f->nroom[p]++] = (int)f->nseats;
	f->nseats++;
}

/* Store placement row pl of organisation org (supervisor: 0 for none). */
static int placement_add(struct demo_floor *f, struct app_ctx *ctx, json_t *pl, int64_t org, int employer,
			 int64_t supervisor, struct err *e)
{
	int64_t id;
	json_object_set_new(pl, "organisation_id", json_integer(org));
	if (supervisor)
		json_object_set_new(pl, "supervisor_user_id", json_integer(supervisor));
	if (store_placement_insert(ctx->st, pl, ctx->now_s, &id, e) != 0)
		return -1;
	seat_add(f, pl, id, employer);
	f->counts.placements++;
	if (employer < 0)
		return 0;
	/* the history says it as app_placement_create does */
	struct emp *m = &f->emps[employer];
	date_t on = m->joined + between(f, 7, 60), from;
	if (row_day(pl, "start_date", &from) && from > on)
		on = from;
	struct buf text;
	buf_init(&text, 0);
	buf_printf(&text, "plaats aangeboden: %s (%s, %lld plaatsen)", json_string_value(json_object_get(pl, "title")),
		   codes_label("placement_kind", json_string_value(json_object_get(pl, "kind"))),
		   (long long)json_integer_value(json_object_get(pl, "capacity")));
	int rc = history(f, ctx, org, on, "placement", text.data, e);
	buf_release(&text);
	return rc;
}

/* Employer number i: its organisation (the demo's own for 0 and 1), its
 * details, contacts, history and places. */
static int employer_add(struct demo_floor *f, struct app_ctx *ctx, long i, struct err *e)
{
	static const enum demo_org own[] = { ORG_EMPLOYER, ORG_EMPLOYER2 };
	json_t *emp = demo_employer(&f->r, i), *details = NULL, *offers = NULL, *c;
	struct emp *m = &f->emps[f->nemps];
	struct buf text;
	size_t k;
	int rc = -1;

	if (emp == NULL)
		return err_set(e, ERR_INTERNAL, "out of memory drawing employer %ld", i);
	buf_init(&text, 0);
	const char *name = json_string_value(json_object_get(emp, "name"));
	memset(m, 0, sizeof *m);
	str_copy(m->name, sizeof m->name, name);
	str_copy(m->sector, sizeof m->sector, json_string_value(json_object_get(emp, "sector")));
	buf_printf(&text, "%s, %s", json_string_value(json_object_get(emp, "street")),
		   json_string_value(json_object_get(emp, "city")));
	str_copy(m->location, sizeof m->location, text.data);
	m->member = json_is_true(json_object_get(emp, "network_member"));
	/* in the network before the demo's paths began (arrivals lie within two years) */
	m->joined = f->today - between(f, 760, 1100);
	if (i < (long)COUNT(own))
		m->org = f->ids->org[own[i]];
	else if (store_org_insert(ctx->st, name, "employer", &m->org, e) != 0)
		goto out;
	f->nemps++;
	details = json_deep_copy(emp);
	json_object_del(details, "name");
	json_object_del(details, "contacts");
	json_object_set_new(details, "account_manager_id", json_integer(f->ids->user[U_ACCOUNT_MANAGER]));
	if (store_employer_insert(ctx->st, m->org, details, ctx->now_s, e) != 0 ||
	    history(f, ctx, m->org, m->joined, "created", "werkgever toegevoegd", e) != 0)
		goto out;
	json_array_foreach(json_object_get(emp, "contacts"), k, c) {
		buf_reset(&text);
		buf_printf(&text, "contactpersoon toegevoegd: %s", json_string_value(json_object_get(c, "name")));
		if (store_contact_insert(ctx->st, m->org, c, ctx->now_s, NULL, e) != 0 ||
		    history(f, ctx, m->org, m->joined + between(f, 0, 30), "contact", text.data, e) != 0)
			goto out;
	}
	/* a few notes spread over the time since the employer joined */
	int notes = 1 + (int)demo_rng_below(&f->r, 3);
	size_t first = demo_rng_below(&f->r, (uint32_t)COUNT(employer_notes));
	for (int j = 0; j < notes; j++) {
		date_t on = m->joined + (f->today - m->joined) * (j + 1) / (notes + 1) + between(f, 0, 10);
		if (history(f, ctx, m->org, on, "note", employer_notes[(first + (size_t)j * 3) % COUNT(employer_notes)],
			    e) != 0)
			goto out;
	}
	offers = demo_offers(&f->r, emp, i, f->today);
	json_array_foreach(offers, k, c)
		if (placement_add(f, ctx, c, m->org, (int)(m - f->emps), 0, e) != 0)
			goto out;
	rc = 0;
out:
	buf_release(&text);
	json_decref(offers);
	json_decref(details);
	json_decref(emp);
	return rc;
}

int demo_floor_build(struct app_ctx *ctx, long n, uint64_t seed, const struct demo_ids *ids, struct demo_floor **out,
		     struct err *e)
{
	struct demo_floor *f = xcalloc(1, sizeof *f);
	long nemps = demo_employer_count(n), nhalls = demo_hall_count(n);
	size_t most = (size_t)nemps * 4 + (size_t)nhalls; /* demo_offers gives at most four per employer */

	demo_rng_init(&f->r, seed ^ UINT64_C(0x5851F42D4C957F2D));
	f->ids = ids;
	f->today = ctx->today;
	f->emps = xcalloc((size_t)nemps, sizeof *f->emps);
	f->seats = xcalloc(most, sizeof *f->seats);
	for (int p = 0; p < PHASE_KIND_COUNT; p++)
		f->room[p] = xcalloc(most, sizeof *f->room[p]);
	for (long i = 0; i < nemps; i++)
		if (employer_add(f, ctx, i, e) != 0)
			goto fail;
	for (long h = 0; h < nhalls; h++) {
		json_t *hall = demo_hall(h, n);
		int rc = placement_add(f, ctx, hall, ids->org[ORG_SWC], -1, ids->user[U_ASSISTANT], e);
		json_decref(hall);
		if (rc != 0)
			goto fail;
	}
	f->counts.employers = (long)f->nemps;
	*out = f;
	return 0;
fail:
	demo_floor_free(f);
	return -1;
}

void demo_floor_free(struct demo_floor *f)
{
	if (f == NULL)
		return;
	for (int p = 0; p < PHASE_KIND_COUNT; p++)
		free(f->room[p]);
	free(f->emps);
	free(f->seats);
	free(f->placed);
	free(f);
}

/* ---- placing ---- */

/* What the demo knows of the person, as placing.c's candidate (no
 * certificates yet: the trainings come after the paths). */
static void candidate_of(const json_t *rec, struct candidate *c)
{
	size_t i;
	json_t *l;

	memset(c, 0, sizeof *c);
	c->cefr_speaking = cefr_rank(json_string_value(json_object_get(rec, "cefr_speaking")));
	c->cefr_listening = cefr_rank(json_string_value(json_object_get(rec, "cefr_listening")));
	json_t *isced = json_object_get(rec, "isced_level");
	c->isced = json_is_integer(isced) ? (int)json_integer_value(isced) : -1;
	json_array_foreach(json_object_get(rec, "licences"), i, l) {
		int k = placement_licence_index(json_string_value(l));
		if (k >= 0)
			c->licences |= LICENCE_BIT(k);
	}
	c->max_physical_load = placement_load_index(json_string_value(json_object_get(rec, "max_physical_load")));
}

/* May person c start on seat s on `start`? True with *override NULL when
 * every requirement is met, with the reason to place anyway when only
 * requirements the work floor can make up for are missed. */
static bool seat_fits(const struct demo_floor *f, int s, date_t start, const struct candidate *c,
		      const char **override)
{
	const struct seat *st = &f->seats[s];
	struct requirement_gap gaps[8];

	*override = NULL;
	if ((st->from && start < st->from) || (st->until && start > st->until))
		return false;
	size_t n = placement_requirements_check(&st->req, c, gaps, COUNT(gaps));
	if (n == 0)
		return true;
	for (size_t i = 0; i < n && i < COUNT(gaps); i++)
		if (strcmp(gaps[i].requirement, "physical_load") == 0)
			return false;
	for (size_t i = 0; i < COUNT(override_reasons); i++)
		if (strncmp(gaps[0].requirement, override_reasons[i].gap, strlen(override_reasons[i].gap)) == 0) {
			*override = override_reasons[i].reason;
			break;
		}
	return true;
}

/* A seat with room for a phase of kind k starting on `start`, or -1:
 * the demo employer's own places first until a few people are placed
 * there, then a few random tries preferring a place whose requirements
 * the person meets. */
static int seat_pick(struct demo_floor *f, enum phase_kind k, date_t start, const struct candidate *c,
		     const char **override)
{
	int fallback = -1;
	const char *why = NULL, *o;

	*override = NULL;
	if (f->nroom[k] == 0 || !chance(f, place_chance[k]))
		return -1;
	if (f->first_taken < FIRST_EMPLOYER)
		for (size_t i = 0; i < f->nroom[k]; i++) {
			int s = f->room[k][i];
			if (f->seats[s].employer == 0 && seat_fits(f, s, start, c, override))
				return s;
		}
	for (int tries = 0; tries < 4; tries++) {
		int s = f->room[k][demo_rng_below(&f->r, (uint32_t)f->nroom[k])];
		if (!seat_fits(f, s, start, c, &o))
			continue;
		if (o == NULL)
			return s;
		if (fallback < 0) {
			fallback = s;
			why = o;
		}
	}
	if (fallback >= 0 && chance(f, 60)) {
		*override = why;
		return fallback;
	}
	return -1;
}

/* One more person on seat s: full seats leave the lists of room. */
static void seat_take(struct demo_floor *f, int s)
{
	struct seat *st = &f->seats[s];
	if (st->employer == 0)
		f->first_taken++;
	if (++st->taken < st->capacity)
		return;
	for (int p = 0; p < PHASE_KIND_COUNT; p++)
		for (size_t i = 0; i < f->nroom[p]; i++)
			if (f->room[p][i] == s) {
				f->room[p][i] = f->room[p][--f->nroom[p]];
				break;
			}
}

/* Keep pid (in internal work-learning since `since`) among those invited
 * to visits and trainings: a uniform sample of at most POOL_MAX. */
static void pool_add(struct demo_floor *f, int64_t pid, date_t since)
{
	struct pooled p = { pid, since };
	f->pool_seen++;
	if (f->npool < POOL_MAX) {
		f->pool[f->npool++] = p;
		return;
	}
	uint32_t j = demo_rng_below(&f->r, (uint32_t)f->pool_seen);
	if (j < POOL_MAX)
		f->pool[j] = p;
}

static int consent_employer(struct app_ctx *ctx, int64_t pid, int64_t org, const char *given, struct err *e)
{
	static const char *const cats[] = { "identity", "contact", "education_work" };
	int64_t id;
	for (size_t i = 0; i < COUNT(cats); i++)
		if (store_consent_insert(ctx->st, pid, org, cats[i], given, NULL, 0, ctx->now_s, &id, e) != 0)
			return -1;
	return 0;
}

/* Place pid on seat s with the phase: the app's check, the phase with its
 * placement, the placement link, consent for an employer, a job coach for
 * someone in a hall. */
static int place(struct demo_floor *f, struct app_ctx *ctx, int64_t pid, const json_t *rec, json_t *phase, int s,
		 const char *override, const struct candidate *c, int64_t *coach, int64_t *hall, struct err *e)
{
	struct seat *st = &f->seats[s];
	const char *kind = json_string_value(json_object_get(phase, "kind"));
	const char *start_s = json_string_value(json_object_get(phase, "start_date"));
	json_t *pl = NULL;
	date_t start;
	int64_t id;

	date_parse(start_s, &start);
	if (placing_check(ctx, pid, rec, kind, start, false, st->id, override, &pl, e) != 0)
		return -1;
	json_object_set_new(phase, "placement_id", json_integer(st->id));
	if (override) {
		/* as phases.c keeps it with the phase */
		struct buf why;
		buf_init(&why, 0);
		buf_printf(&why, "geplaatst ondanks eisen: %s", override);
		json_object_set_new(phase, "reason", json_string(why.data));
		buf_release(&why);
	}
	int rc = store_phase_insert(ctx->st, pid, phase, ctx->now_s, &id, e);
	if (rc == 0)
		rc = placing_start(ctx, pid, pl, start_s, e);
	json_decref(pl);
	/* the employer sees the people placed there once they agree; most do */
	if (rc == 0 && st->employer >= 0 && (st->employer == 0 || chance(f, 85)))
		rc = consent_employer(ctx, pid, st->org, start_s, e);
	if (rc == 0 && st->employer < 0) {
		*hall = st->id;
		if (*coach == 0) {
			const struct demo_ids *ids = f->ids;
			*coach = ids->ncoaches ? ids->coaches[demo_rng_below(&f->r, (uint32_t)ids->ncoaches)]
					       : ids->user[chance(f, 60) ? U_JOB_COACH : U_JOB_COACH2];
			int64_t link;
			rc = store_link_insert(ctx->st, pid, "job_coach", *coach, ids->org[ORG_SWC], ctx->today_s, &link, e);
		}
	}
	if (rc != 0)
		return -1;
	seat_take(f, s);
	if (f->nplaced == f->cap_placed) {
		f->cap_placed = f->cap_placed ? f->cap_placed * 2 : 256;
		f->placed = xrealloc(f->placed, f->cap_placed * sizeof *f->placed);
	}
	f->placed[f->nplaced++] = (struct placed){ pid, s, start, st->req.licences & ~c->licences };
	f->counts.placed++;
	return 0;
}

int demo_floor_open(struct demo_floor *f, struct app_ctx *ctx, int64_t pid, const json_t *rec, json_t *phase,
		    int64_t *coach, int64_t *hall, struct err *e)
{
	enum phase_kind k;
	date_t start;
	struct candidate c;
	const char *override = NULL;
	int64_t id;
	int s = -1;

	*hall = 0;
	if (phase_kind_find(json_string_value(json_object_get(phase, "kind")), &k) != 0 ||
	    !row_day(phase, "start_date", &start))
		return err_set(e, ERR_INTERNAL, "demo phase of participant %lld has no kind or start", (long long)pid);
	if (k == PHASE_INTERNAL_WORK_LEARNING)
		pool_add(f, pid, start);
	if (f->nroom[k] > 0) {
		candidate_of(rec, &c);
		s = seat_pick(f, k, start, &c, &override);
	}
	if (s < 0)
		return store_phase_insert(ctx->st, pid, phase, ctx->now_s, &id, e);
	return place(f, ctx, pid, rec, phase, s, override, &c, coach, hall, e);
}

/* ---- assessments ---- */

/* Start a series for the person of rec: where each item begins and how
 * fast it grows (tenths of a point a month); vocabulary begins with the
 * Dutch spoken; work capacity grows towards the hours the person can work. */
static void series_start(struct demo_floor *f, int64_t pid, const json_t *rec)
{
	f->series_pid = pid;
	for (int i = 0; i < ASSESSMENT_RUBRIC_COUNT; i++) {
		f->level0[i] = chance(f, 10) ? 3 : 1 + (int)demo_rng_below(&f->r, 2);
		f->growth[i] = 2 + (int)demo_rng_below(&f->r, 5);
	}
	f->level0[ASSESS_VOCABULARY] = cefr_rank(json_string_value(json_object_get(rec, "cefr_speaking"))) >= 2 ? 2 : 1;
	f->level0[ASSESS_WORK_CAPACITY] = 2 + (int)demo_rng_below(&f->r, 3);
	f->growth[ASSESS_WORK_CAPACITY] = 3 + (int)demo_rng_below(&f->r, 6);
	json_t *hours = json_object_get(rec, "work_hours_per_day");
	f->most_hours = json_is_integer(hours) && json_integer_value(hours) > 0 ? (int)json_integer_value(hours) : 8;
	if (f->most_hours > 8)
		f->most_hours = 8;
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* The job coach's word on assessment id (advice given) a few days after
 * `on`, unless that lies after today. */
static int decide(struct demo_floor *f, struct app_ctx *ctx, int64_t pid, int64_t id, enum readiness given, date_t on,
		  int64_t coach, struct err *e)
{
	char day[DATE_STR_LEN];
	struct buf at;
	date_t when = on + between(f, 1, 7);
	const char *decision = "confirmed", *reason = NULL;
	enum readiness decided = given;

	if (when > f->today)
		return 0;
	if (chance(f, 15))
		for (size_t i = 0; i < COUNT(advice_overrides); i++)
			if (advice_overrides[i].given == given) {
				decision = "overridden";
				decided = advice_overrides[i].decided;
				reason = advice_overrides[i].reason;
			}
	date_format(when, day);
	buf_init(&at, 0);
	buf_printf(&at, "%sT14:00:00Z", day);
	int rc = store_assessment_decide(ctx->st, pid, id, decision, readiness_code(decided), reason, coach, at.data, e);
	buf_release(&at);
	if (rc == 0)
		f->counts.decided++;
	return rc;
}

int demo_floor_assess(struct demo_floor *f, struct app_ctx *ctx, int64_t pid, const json_t *rec, int64_t hall,
		      date_t start, date_t on, bool latest, int64_t coach, struct err *e)
{
	struct assessment a;
	char reason[READINESS_REASON_LEN], day[DATE_STR_LEN];
	int days = on - start;
	int64_t id;

	if (f->series_pid != pid)
		series_start(f, pid, rec);
	memset(&a, 0, sizeof a);
	json_t *scores = json_object(), *comments = json_object();
	for (int i = 0; i < ASSESSMENT_ITEM_COUNT; i++) {
		int v = f->level0[i] + f->growth[i] * days / 300;
		if (i == ASSESS_WORK_CAPACITY)
			v = clamp(v, 0, f->most_hours);
		else
			v = clamp(v - (chance(f, 8) ? 1 : 0), 1, 4); /* now and then a bad day */
		a.score[i] = v;
		a.has_score[i] = true;
		json_object_set_new(scores, assessment_item(i)->code, json_integer(v));
	}
	for (int n = 1 + (int)demo_rng_below(&f->r, 2); n > 0; n--) {
		int i = (int)demo_rng_below(&f->r, ASSESSMENT_RUBRIC_COUNT);
		json_object_set_new(comments, assessment_item(i)->code, json_string(item_comments[i][a.score[i] >= 3]));
	}
	enum readiness advice = assessment_advice(&a, reason);
	date_format(on, day);
	json_t *row = json_pack("{s:s,s:o,s:o,s:s,s:s,s:s,s:I,s:I}", "assessed_on", day, "scores", scores, "comments",
				comments, "advice", readiness_code(advice), "advice_reason", reason, "assessor_name",
				f->ids->user_name[U_ASSISTANT], "assessor_user_id", (json_int_t)f->ids->user[U_ASSISTANT],
				"placement_id", (json_int_t)hall);
	int rc = store_assessment_insert(ctx->st, pid, row, ctx->now_s, &id, e);
	json_decref(row);
	if (rc != 0)
		return -1;
	f->counts.assessments++;
	if (coach && chance(f, latest ? 30 : 80))
		return decide(f, ctx, pid, id, advice, on, coach, e);
	return 0;
}

/* ---- trainings ---- */

/* Is pid among the first n of list? */
static bool listed(const int64_t *list, size_t n, int64_t pid)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] == pid)
			return true;
	return false;
}

/* The first employer of a sector, or -1. */
static int employer_of_sector(const struct demo_floor *f, const char *sector)
{
	for (size_t i = 0; i < f->nemps; i++)
		if (strcmp(f->emps[i].sector, sector) == 0)
			return (int)i;
	return -1;
}

static int training_add(struct demo_floor *f, struct app_ctx *ctx, const struct training_plan *t, struct err *e)
{
	char from[DATE_STR_LEN], to[DATE_STR_LEN], until[DATE_STR_LEN];
	date_t start = f->today + t->starts, end = start + t->days - 1;
	int lic = placement_licence_index(t->certificate);
	int who = employer_of_sector(f, t->sector);
	int64_t id, enrolled[16];
	size_t n = 0;

	date_format(start, from);
	date_format(end, to);
	json_t *row = json_pack("{s:s,s:s,s:s,s:s,s:s,s:I,s:i,s:i}", "title", t->title, "certificate", t->certificate,
				"provider", t->provider, "start_date", from, "end_date", to, "cost_cents",
				(json_int_t)t->cost_euro * 100, "capacity", t->capacity, "validity_months",
				t->validity_months);
	if (who >= 0) {
		json_object_set_new(row, "employer_id", json_integer(f->emps[who].org));
		json_object_set_new(row, "employer_share_cents", json_integer((json_int_t)t->cost_euro * t->share_percent));
	}
	int rc = store_training_insert(ctx->st, row, ctx->now_s, &id, e);
	json_decref(row);
	if (rc != 0)
		return -1;
	f->counts.trainings++;
	if (who >= 0) {
		struct buf text;
		buf_init(&text, 0);
		buf_printf(&text, "cofinanciering afgesproken voor \"%s\": %d%% van de kosten", t->title, t->share_percent);
		rc = history(f, ctx, f->emps[who].org, start - 30, "note", text.data, e);
		buf_release(&text);
		if (rc != 0)
			return -1;
	}
	/* first those placed without the certificate, then people from the halls */
	size_t want = (size_t)t->capacity - demo_rng_below(&f->r, 3);
	for (size_t i = 0; i < f->nplaced && n < want; i++)
		if (lic >= 0 && (f->placed[i].missing & LICENCE_BIT(lic)) && f->placed[i].start <= end &&
		    !listed(enrolled, n, f->placed[i].pid))
			enrolled[n++] = f->placed[i].pid;
	for (int tries = 0; f->npool && n < want && tries < 40; tries++) {
		const struct pooled *p = &f->pool[demo_rng_below(&f->r, (uint32_t)f->npool)];
		if (p->since <= start && !listed(enrolled, n, p->pid))
			enrolled[n++] = p->pid;
	}
	for (size_t i = 0; i < n; i++) {
		const char *result = "enrolled";
		until[0] = '\0';
		if (end < f->today) {
			uint32_t x = demo_rng_below(&f->r, 100);
			result = x < 75 ? "passed" : x < 90 ? "failed" : "withdrawn";
			if (x < 75)
				date_format(date_add_months(end, t->validity_months), until);
		}
		if (store_enrolment_put(ctx->st, id, enrolled[i], result, until[0] ? until : NULL, ctx->now_s, e) != 0)
			return -1;
		f->counts.enrolments++;
	}
	return 0;
}

/* ---- company visits and matching events ---- */

struct visit_plan {
	const char *kind;
	int employers[5];
	size_t nemployers;
	date_t held;
	int capacity;
};

/* An employer in the network, drawn (a few tries, then any). */
static int network_employer(struct demo_floor *f)
{
	int i = (int)demo_rng_below(&f->r, (uint32_t)f->nemps);
	for (int tries = 0; tries < 5 && !f->emps[i].member; tries++)
		i = (int)demo_rng_below(&f->r, (uint32_t)f->nemps);
	return i;
}

static bool hosts(const struct visit_plan *v, int employer)
{
	for (size_t i = 0; i < v->nemployers; i++)
		if (v->employers[i] == employer)
			return true;
	return false;
}

/* Invite pid; for a visit that took place, record attendance and interest
 * and maybe the follow-up of employer `org`. */
static int visit_person(struct app_ctx *ctx, int64_t visit, int64_t pid, bool past,
			bool attended, const char *interest, int64_t org, const char *follow_up, const char *note,
			struct err *e)
{
	if (store_visit_invite(ctx->st, visit, pid, ctx->now_s, e) != 0)
		return -1;
	if (!past)
		return 0;
	json_t *in = interest ? json_string(interest) : NULL;
	int rc = store_visit_record(ctx->st, visit, pid, attended ? json_true() : json_false(), in, e);
	json_decref(in);
	if (rc == 0 && follow_up)
		rc = store_visit_follow_up_put(ctx->st, visit, pid, org, follow_up, note, ctx->now_s, e);
	return rc;
}

static int visit_add(struct demo_floor *f, struct app_ctx *ctx, const struct visit_plan *v, struct err *e)
{
	bool company = strcmp(v->kind, "company_visit") == 0, past = v->held < f->today;
	const struct emp *host = &f->emps[v->employers[0]];
	char day[DATE_STR_LEN];
	struct buf text;
	int64_t id, invited[64];
	size_t n = 0, keen = 0, came = 0;
	int rc = -1;

	buf_init(&text, 0);
	if (company)
		buf_printf(&text, "Bedrijfsbezoek %s", host->name);
	else
		buf_puts(&text, matching_titles[demo_rng_below(&f->r, (uint32_t)COUNT(matching_titles))]);
	date_format(v->held, day);
	json_t *row = json_pack("{s:s,s:s,s:s,s:s,s:s,s:i,s:I,s:s}", "kind", v->kind, "title", text.data, "held_on", day,
				"start_time", start_times[demo_rng_below(&f->r, (uint32_t)COUNT(start_times))],
				"location", company ? host->location : "WerkPlein Westland, Naaldwijk", "capacity",
				v->capacity, "organiser_user_id", (json_int_t)f->ids->user[U_ACCOUNT_MANAGER], "notes",
				company ? "Rondleiding, uitleg over het werk en kennismaking met de werkbegeleider"
					: "Korte gesprekken van tien minuten per werkgever");
	if (chance(f, 60))
		json_object_set_new(row, "language_support",
				    json_string(language_support[demo_rng_below(&f->r, (uint32_t)COUNT(language_support))]));
	if (store_visit_insert(ctx->st, row, ctx->now_s, &id, e) != 0)
		goto out;
	f->counts.visits++;
	/* the history as app_visit_create writes it, some weeks before */
	buf_reset(&text);
	buf_printf(&text, "%s gepland op %s: %s", company ? "bedrijfsbezoek" : "matchingsevent", day,
		   json_string_value(json_object_get(row, "title")));
	for (size_t i = 0; i < v->nemployers; i++)
		if (store_visit_employer_add(ctx->st, id, f->emps[v->employers[i]].org, e) != 0 ||
		    history(f, ctx, f->emps[v->employers[i]].org, v->held - between(f, 10, 30), "visit", text.data, e) != 0)
			goto out;
	size_t cap = (size_t)v->capacity < COUNT(invited) ? (size_t)v->capacity : COUNT(invited);
	/* those placed at a host within three months came, were keen, and were offered the place */
	for (size_t i = 0; past && i < f->nplaced && n < cap; i++) {
		const struct placed *p = &f->placed[i];
		const struct seat *st = &f->seats[p->seat];
		if (st->employer < 0 || !hosts(v, st->employer) || p->start <= v->held || p->start > v->held + 90 ||
		    listed(invited, n, p->pid))
			continue;
		buf_reset(&text);
		buf_printf(&text, "plek aangeboden: %s", st->title);
		if (visit_person(ctx, id, p->pid, true, true, "high", st->org, "place_offered", text.data, e) != 0)
			goto out;
		invited[n++] = p->pid;
		came++;
		keen++;
	}
	/* and a group from the production halls */
	size_t want = n + 3 + demo_rng_below(&f->r, 6);
	if (want > cap)
		want = cap;
	for (int tries = 0; f->npool && n < want && tries < 60; tries++) {
		const struct pooled *p = &f->pool[demo_rng_below(&f->r, (uint32_t)f->npool)];
		if (p->since > v->held || listed(invited, n, p->pid))
			continue;
		bool attended = chance(f, 80);
		uint32_t x = demo_rng_below(&f->r, 100);
		const char *interest = !attended ? NULL : x < 25 ? "none" : x < 65 ? "some" : "high";
		const char *follow_up = NULL, *note = NULL;
		if (interest && strcmp(interest, "none") != 0 && chance(f, strcmp(interest, "high") == 0 ? 70 : 30)) {
			bool trial = chance(f, 60);
			follow_up = trial ? "trial_day" : "none";
			note = trial ? "proefdag afgesproken" : "nu geen passende plek; kandidaat blijft in beeld";
		}
		int64_t org = f->emps[v->employers[demo_rng_below(&f->r, (uint32_t)v->nemployers)]].org;
		if (visit_person(ctx, id, p->pid, past, attended, interest, org, follow_up, note, e) != 0)
			goto out;
		invited[n++] = p->pid;
		came += attended;
		keen += interest && strcmp(interest, "high") == 0;
	}
	if (past) {
		buf_reset(&text);
		buf_printf(&text, "bezoek nabesproken: %zu van %zu genodigden aanwezig, %zu met veel belangstelling", came, n,
			   keen);
		if (history(f, ctx, host->org, v->held + between(f, 1, 5), "note", text.data, e) != 0)
			goto out;
	}
	rc = 0;
out:
	json_decref(row);
	buf_release(&text);
	return rc;
}

/* The person placed at employer `employer` most recently, or NULL. */
static const struct placed *latest_at(const struct demo_floor *f, int employer)
{
	const struct placed *best = NULL;
	for (size_t i = 0; i < f->nplaced; i++)
		if (f->seats[f->placed[i].seat].employer == employer && (best == NULL || f->placed[i].start > best->start))
			best = &f->placed[i];
	return best;
}

/* The visits: the first ones before a recent placement at their host (so
 * they show what they led to), a matching event now and then, and a few
 * planned ahead. */
static int visits_add(struct demo_floor *f, struct app_ctx *ctx, struct err *e)
{
	long count = 6 + (long)f->nemps / 10;
	long planned = count > 12 ? 3 : 2;
	int *recent = xcalloc(f->nplaced + 1, sizeof *recent);
	size_t nrecent = 0;
	int rc = 0;

	if (count > 40)
		count = 40;
	for (size_t i = 0; i < f->nplaced; i++)
		if (f->seats[f->placed[i].seat].employer >= 0 && f->placed[i].start >= f->today - 180)
			recent[nrecent++] = (int)i;
	for (long v = 0; v < count && rc == 0; v++) {
		struct visit_plan p = { .kind = "company_visit", .capacity = 8 + (int)demo_rng_below(&f->r, 5) };
		bool ahead = v >= count - planned, matching = v % 4 == 3;
		const struct placed *a = NULL;
		if (v == 0)
			a = latest_at(f, 0); /* the demo employer hosts the first visit */
		else if (!matching && !ahead && nrecent && chance(f, 75))
			a = &f->placed[recent[demo_rng_below(&f->r, (uint32_t)nrecent)]];
		if (matching) {
			size_t hosts_wanted = 3 + demo_rng_below(&f->r, 3);
			p.kind = "matching_event";
			p.capacity = 20 + (int)demo_rng_below(&f->r, 11);
			while (p.nemployers < hosts_wanted) {
				int m = network_employer(f);
				if (!hosts(&p, m))
					p.employers[p.nemployers++] = m;
			}
			p.held = ahead ? f->today + between(f, 10, 45) : f->today - between(f, 14, 170);
		} else if (a || v == 0) {
			p.employers[p.nemployers++] = a ? f->seats[a->seat].employer : 0;
			p.held = a ? a->start - between(f, 5, 35) : f->today - between(f, 7, 180);
		} else {
			p.employers[p.nemployers++] = network_employer(f);
			p.held = ahead ? f->today + between(f, 10, 45) : f->today - between(f, 7, 180);
		}
		rc = visit_add(f, ctx, &p, e);
	}
	free(recent);
	return rc;
}

int demo_floor_finish(struct demo_floor *f, struct app_ctx *ctx, struct demo_floor_counts *counts, struct err *e)
{
	size_t trainings = 4 + (f->nemps > 30 ? (f->nemps - 30) / 40 : 0);
	if (trainings > COUNT(training_plans))
		trainings = COUNT(training_plans);
	for (size_t i = 0; i < trainings; i++)
		if (training_add(f, ctx, &training_plans[i], e) != 0)
			return -1;
	if (visits_add(f, ctx, e) != 0)
		return -1;
	*counts = f->counts;
	return 0;
}
