/*
 * demo_path.c - paths for the demo population: registration, intake (some
 * late, some still to come), work-learning, placements, paid work, study,
 * drop-outs with held sheltered-work places, contacts, assessments, the
 * participation ladder and volunteer hand-overs, drawn from the seed so
 * that every stage of the path and every signal rule shows up. The open
 * phase a path ends in goes to the work floor (demo_employers.c), which
 * places the person when a fitting place has room; people in a production
 * hall get real work-floor assessments, others notes of that category.
 */
#include "app/demo_internal.h"
#include "app/vault.h"
#include "domain/phase.h"

#include <string.h>

struct walk {
	struct app_ctx *ctx;
	struct demo_rng *r;
	const struct demo_ids *ids;
	struct demo_floor *floor;
	int64_t pid;
	const json_t *rec;
	int64_t coach; /* the job coach, 0 for none */
	date_t today;
	struct err *e;
	int failed;
};

static bool chance(struct walk *w, uint32_t percent)
{
	return demo_rng_below(w->r, 100) < percent;
}

static date_t between(struct walk *w, date_t lo, date_t hi)
{
	return hi <= lo ? lo : lo + (date_t)demo_rng_below(w->r, (uint32_t)(hi - lo + 1));
}

static json_t *phase_json(struct walk *w, const char *kind, date_t start, date_t planned, date_t end,
			  enum demo_org org, enum demo_user who, const char *outcome)
{
	char s[DATE_STR_LEN], p[DATE_STR_LEN], a[DATE_STR_LEN];
	date_format(start, s);
	date_format(planned, p);
	date_format(end, a);
	return json_pack("{s:s,s:s,s:s?,s:s?,s:I,s:I,s:s?}", "kind", kind, "start_date", s, "planned_end",
			 planned ? p : NULL, "actual_end", end ? a : NULL, "organisation_id", (json_int_t)w->ids->org[org],
			 "responsible_user_id", (json_int_t)w->ids->user[who], "outcome", outcome);
}

static void phase(struct walk *w, const char *kind, date_t start, date_t planned, date_t end, enum demo_org org,
		  enum demo_user who, const char *outcome)
{
	int64_t id;
	if (w->failed)
		return;
	json_t *ph = phase_json(w, kind, start, planned, end, org, who, outcome);
	w->failed = store_phase_insert(w->ctx->st, w->pid, ph, w->ctx->now_s, &id, w->e);
	json_decref(ph);
}

/* The open main phase the path ends in, placed by the work floor when it
 * can; returns the production hall's placement id when it is one. */
static int64_t open_phase(struct walk *w, const char *kind, date_t start, date_t planned, enum demo_org org)
{
	int64_t hall = 0;
	if (w->failed)
		return 0;
	json_t *ph = phase_json(w, kind, start, planned, 0, org, U_JOB_COACH, NULL);
	w->failed = demo_floor_open(w->floor, w->ctx, w->pid, w->rec, ph, &w->coach, &hall, w->e);
	json_decref(ph);
	return hall;
}

static void note(struct walk *w, date_t on, const char *kind, const char *category, const char *text,
		 enum demo_user who, const char *name)
{
	char d[DATE_STR_LEN];
	int64_t id;
	if (w->failed)
		return;
	date_format(on, d);
	json_t *j = json_pack("{s:s,s:s,s:s,s:s}", "occurred_on", d, "kind", kind, "category", category, "text", text);
	w->failed = vault_journal_insert(w->ctx, w->pid, j, w->ids->user[who], name, &id, w->e);
	json_decref(j);
}

static void rung(struct walk *w, date_t on, int level)
{
	char d[DATE_STR_LEN];
	int64_t id;
	if (w->failed)
		return;
	date_format(on, d);
	json_t *l = json_pack("{s:s,s:i}", "assessed_on", d, "level", level);
	w->failed = store_ladder_insert(w->ctx->st, w->pid, l, w->ids->user[U_JOB_COACH], "Jamila Jobcoach", w->ctx->now_s,
					&id, w->e);
	json_decref(l);
}

/* Contacts every 3 to 6 weeks from `from` until `until`. */
static void contacts(struct walk *w, date_t from, date_t until)
{
	static const char *const texts[] = { "Voortgangsgesprek op de werkvloer", "Telefonisch contact over rooster",
					     "Gesprek over taal en werk", "Huisbezoek samen met vrijwilliger" };
	for (date_t d = from + (date_t)demo_rng_below(w->r, 14); d <= until && !w->failed;
	     d += 21 + (date_t)demo_rng_below(w->r, 21))
		note(w, d, "contact", "path", texts[demo_rng_below(w->r, 4)], U_JOB_COACH, "Jamila Jobcoach");
}

/* Work-floor assessments every 4 to 7 weeks in [from, until]: on the
 * rubric for someone in production hall `hall`, else notes. */
static void assessments(struct walk *w, date_t from, date_t until, int64_t hall)
{
	for (date_t d = from + 28, next; d <= until && !w->failed; d = next) {
		next = d + 28 + (date_t)demo_rng_below(w->r, 21);
		if (hall)
			w->failed = demo_floor_assess(w->floor, w->ctx, w->pid, w->rec, hall, from, d, next > until, w->coach,
						      w->e);
		else
			note(w, d, "note", "assessments", "Beoordeling werkvloer: stiptheid en tempo op niveau", U_ASSISTANT,
			     "Ahmed Afdelingsassistent");
	}
}

static void intake_record(struct walk *w, date_t on, const char *step, bool young)
{
	char d[DATE_STR_LEN];
	if (w->failed)
		return;
	date_format(on, d);
	json_t *in = json_pack("{s:s,s:s,s:s,s:b,s:b,s:i,s:b,s:s?}", "intake_date", d, "first_step", step, "reasons",
			       "Eerste stap gekozen op basis van opleiding, taalniveau en ambitie", "prior_level_confirmed", 1,
			       "ambitions_confirmed", 1, "planned_day_parts", 2 + (int)demo_rng_below(w->r, 5),
			       "study_offered", young, "study_choice",
			       young ? (strcmp(step, "study") == 0 ? "accepted" : "declined") : NULL);
	w->failed = store_intake_insert(w->ctx->st, w->pid, in, w->ids->user[U_JOB_COACH], w->ctx->now_s, w->e);
	json_decref(in);
}

static void sheltered(struct walk *w, const char *source, const char *stage, date_t hold)
{
	char h[DATE_STR_LEN];
	if (w->failed)
		return;
	date_format(hold, h);
	json_t *s = json_pack("{s:s,s:s,s:s,s:s?,s:s?,s:s?,s:s?}", "source", source, "indication_status",
			      strcmp(stage, "candidate") == 0 ? "none" : "granted", "stage", stage, "hold_until",
			      hold ? h : NULL, "school", strcmp(source, "school_leaver") == 0 ? "Praktijkschool Westland" : NULL,
			      "parents_contact", strcmp(source, "school_leaver") == 0 ? "ouders, 06-12345678" : NULL,
			      "placement_type", strcmp(stage, "placed") == 0 ? (chance(w, 60) ? "secondment" : "group") : NULL);
	w->failed = store_sheltered_put(w->ctx->st, w->pid, s, w->ctx->now_s, w->e);
	json_decref(s);
}

/* From the step at `start` on, walk forward until today; returns the kind
 * of the open main phase. */
static void walk_steps(struct walk *w, const char *kind, date_t start, int level)
{
	for (int steps = 0; steps < 5 && !w->failed; steps++) {
		bool work_learning = strcmp(kind, "internal_work_learning") == 0 ||
				     strcmp(kind, "external_work_learning") == 0 ||
				     strcmp(kind, "work_experience_place") == 0 ||
				     strcmp(kind, "language_internship") == 0 || strcmp(kind, "trial_placement") == 0;
		date_t planned = work_learning ? date_add_months(start, 9) : 0;
		date_t length = 90 + (date_t)demo_rng_below(w->r, 240);
		enum demo_org org = strcmp(kind, "study") == 0 ? ORG_MUNICIPALITY : ORG_SWC;
		bool last = strcmp(kind, "paid_work") == 0 || strcmp(kind, "dropped_out") == 0 ||
			    strcmp(kind, "sheltered_work") == 0 || start + length >= w->today;
		if (last) {
			int64_t hall = open_phase(w, kind, start, planned, org);
			if (work_learning)
				assessments(w, start, w->today - (chance(w, 15) ? 70 : 0), hall);
			if (strcmp(kind, "dropped_out") == 0) {
				if (chance(w, 35))
					sheltered(w, "dropout", "held", start + 30 + (date_t)demo_rng_below(w->r, 150));
				if (chance(w, 50))
					note(w, between(w, start, w->today), "contact", "path",
					     "Contact na uitval: deur blijft open", U_JOB_COACH, "Jamila Jobcoach");
			}
			return;
		}
		if (work_learning)
			assessments(w, start, start + length, 0);
		const char *next;
		uint32_t x = demo_rng_below(w->r, 100);
		if (strcmp(kind, "internal_work_learning") == 0)
			next = x < 45 ? "external_work_learning" : x < 64 ? "work_experience_place"
				: x < 70 ? "language_internship" : x < 85 ? "paid_work" : x < 93 ? "study" : "dropped_out";
		else if (strcmp(kind, "study") == 0 || strcmp(kind, "care_activation") == 0)
			next = x < 50 ? "internal_work_learning" : x < 80 ? "paid_work" : "dropped_out";
		else
			next = x < 50 ? "paid_work" : x < 65 ? "trial_placement" : x < 85 ? "work_experience_place"
				: "dropped_out";
		if (strcmp(kind, "trial_placement") == 0 && strcmp(next, "trial_placement") == 0)
			next = "paid_work";
		phase(w, kind, start, planned, start + length, org, U_JOB_COACH, "volgende stap");
		start += length;
		kind = next;
		level = strcmp(kind, "paid_work") == 0 ? 5 + (int)demo_rng_below(w->r, 2) : level < 4 ? level + 1 : level;
		rung(w, start, level);
	}
}

int demo_path(struct app_ctx *ctx, struct demo_rng *r, const struct demo_ids *ids, struct demo_floor *floor,
	      int64_t pid, const json_t *rec, int64_t coach, struct err *e)
{
	struct walk w = { ctx, r, ids, floor, pid, rec, coach, ctx->today, e, 0 };
	date_t arrival, birth = 0;
	const char *arr = json_string_value(json_object_get(rec, "arrival_date"));
	if (arr == NULL || date_parse(arr, &arrival) != 0 || arrival > ctx->today)
		return 0;
	date_parse(json_string_value(json_object_get(rec, "birth_date")), &birth);
	bool newcomer = strcmp(json_string_value(json_object_get(rec, "target_group")), "newcomer") == 0;

	/* a few young people tracked for sheltered work */
	if (date_age(birth, ctx->today) < 21 && chance(&w, 10))
		sheltered(&w, "school_leaver", chance(&w, 50) ? "candidate" : "indication", 0);
	else if (chance(&w, 1))
		sheltered(&w, "self_reporter", chance(&w, 50) ? "candidate" : "intensive_guidance", 0);

	date_t delay = chance(&w, 12) ? 22 + (date_t)demo_rng_below(r, 30) : 3 + (date_t)demo_rng_below(r, 18);
	date_t intake = arrival + delay;
	bool never = chance(&w, 6);
	if (intake > ctx->today || never) {
		/* still waiting for the intake: the three-week clock runs */
		phase(&w, "registration", arrival, 0, 0, ORG_MUNICIPALITY, U_CASE_MANAGER, NULL);
		if (chance(&w, 70))
			contacts(&w, arrival, ctx->today);
		return w.failed;
	}
	phase(&w, "registration", arrival, 0, intake, ORG_MUNICIPALITY, U_CASE_MANAGER, "intake");
	bool young = date_age(birth, intake) < 27;
	uint32_t x = demo_rng_below(r, 100);
	const char *step = young && x < 35 ? "study"
		: x < 70 ? "internal_work_learning" : x < 82 ? "external_work_learning"
		: x < 92 ? "care_activation" : x < 96 ? "sheltered_work" : "internal_work_learning";
	intake_record(&w, intake, step, young);
	/* a health note (stored sealed, app/vault.h) for whoever has limits */
	if (json_is_string(json_object_get(rec, "health_limits")))
		note(&w, intake, "note", "health", "Gesprek bedrijfsarts: belastbaarheid besproken, vaste pauzes afgesproken",
		     U_JOB_COACH, "Jamila Jobcoach");
	phase(&w, "intake", intake, 0, intake, ORG_SWC, U_JOB_COACH, step);
	if (newcomer) {
		date_t end = date_add_months(arrival, 15);
		phase(&w, "social_guidance", intake, end, end <= ctx->today ? end : 0, ORG_REFUGEE, U_VOLUNTEER,
		      end <= ctx->today ? "overgedragen aan welzijn" : NULL);
	}
	rung(&w, intake, 1 + (int)demo_rng_below(r, 3));
	date_t quiet = chance(&w, 12) ? ctx->today - 50 - (date_t)demo_rng_below(r, 70) : ctx->today;
	contacts(&w, intake, quiet);
	if (strcmp(step, "sheltered_work") == 0) {
		date_t in_work = ctx->today - intake;
		sheltered(&w, "self_reporter",
			  in_work > 183 + 112 ? "placed" : in_work > 183 ? "career_orientation" : "intensive_guidance", 0);
		if (intake + 183 < ctx->today)
			phase(&w, "career_orientation", intake + 183, intake + 183 + 112, 0, ORG_SWC, U_JOB_COACH, NULL);
	}
	walk_steps(&w, step, intake, 2);

	/* the hand-over: some guidance periods ended without one, some with */
	date_t end = date_add_months(arrival, 15);
	int64_t link;
	if (newcomer && !w.failed && end < ctx->today) {
		uint32_t h = demo_rng_below(r, 100);
		if (h < 20 && end > ctx->today - 120) {
			/* guidance went on past 15 months: the hand-over is overdue */
			static const char *const cats[] = { "identity", "path", "notes" };
			int64_t cid;
			w.failed = store_link_insert(ctx->st, pid, "volunteer", ids->user[U_VOLUNTEER], ids->org[ORG_REFUGEE],
						     ctx->today_s, &link, e);
			for (int i = 0; i < 3 && !w.failed; i++)
				w.failed = store_consent_insert(ctx->st, pid, ids->org[ORG_REFUGEE], cats[i], arr, NULL, 0,
								ctx->now_s, &cid, e);
		} else if (h < 60) {
			json_t *hv = json_pack("{s:I,s:s,s:I,s:s,s:s}", "welfare_user_id", (json_int_t)ids->user[U_WELFARE],
					       "checklist",
					       "{\"contacts\":true,\"introduction\":true,\"job_coach_informed\":true,"
					       "\"open_matters\":true}",
					       "volunteer_user_id", (json_int_t)ids->user[U_VOLUNTEER], "volunteer_signed_at",
					       ctx->now_s, "welfare_signed_at", ctx->now_s);
			w.failed = store_handover_put(ctx->st, pid, hv, ctx->now_s, e);
			json_decref(hv);
		}
	}
	return w.failed;
}
