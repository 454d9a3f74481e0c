/*
 * signals.c - worklists: the signal rules of domain/signal.c applied to
 * the facts the store keeps per participant (path_facts, current at every
 * commit), for the participants a user may see the path of. Signals
 * themselves are never stored: every request computes them afresh.
 */
#include "app/path.h"
#include "app/audit.h"
#include "base/xmalloc.h"
#include "domain/signal.h"

#include <stdlib.h>
#include <string.h>

static bool text_date(const char *s, date_t *out)
{
	return s && *s && date_parse(s, out) == 0;
}

/* Store row -> the facts the rules read on today. */
static void to_facts(const struct facts_row *r, date_t today, struct path_facts *f)
{
	memset(f, 0, sizeof *f);
	f->has_arrival = text_date(r->arrival_date, &f->arrival);
	if (!text_date(r->registered, &f->registered))
		f->registered = f->arrival;
	f->has_intake = r->has_intake;
	f->has_volunteer = signal_spans_cover(r->volunteer_spans, today);
	f->handover_done = r->handover_done;
	f->has_contact = text_date(r->last_contact, &f->last_contact);
	f->in_work_learning = text_date(r->work_learning_start, &f->work_learning_start);
	f->has_assessment = text_date(r->last_assessment, &f->last_assessment);
	f->has_overdue_phase = text_date(r->open_planned_end, &f->overdue_planned_end) && f->overdue_planned_end < today;
	f->has_integration_deadline = text_date(r->integration_deadline, &f->integration_deadline);
	f->exam_done = strcmp(r->exam_status, "passed") == 0 || strcmp(r->exam_status, "exempt") == 0;
	f->dropped_out = text_date(r->dropped_out_since, &f->dropped_out_since);
	f->has_hold = text_date(r->hold_until, &f->hold_until);
	f->has_third_absence = text_date(r->third_absence, &f->third_absence);
}

/* The participants a worklist covers: everyone for those who oversee all
 * paths (the director, the project leader), otherwise the own caseload,
 * with consent where the role needs it. */
static void path_scope(const struct app_ctx *ctx, struct participant_query *q)
{
	const struct role_def *r = access_role(ctx->actor.role);
	memset(q, 0, sizeof *q);
	q->scope = access_may(ctx->actor.role, ACT_ALL_SIGNALS, NULL) ? LVL_ALL
		 : r->read[CAT_PATH] == LVL_NONE ? LVL_NONE
		 : r->read[CAT_PATH] == LVL_CONSENT_OWN ? LVL_CONSENT_OWN : LVL_OWN;
	q->consent_category = CAT_PATH;
	q->own_by = r->own_by;
	q->user_id = ctx->actor.user_id;
	q->user_org_id = ctx->actor.org_id;
	q->today = ctx->today_s;
}

/* ---- the worklist ---- */

struct worklist {
	date_t today;
	struct worklist_item {
		int64_t pid;
		struct signal sig;
	} *items;
	size_t n, cap;
	long counts[SIG_RULE_COUNT];
};

static int collect(void *arg, const struct facts_row *r, struct err *e)
{
	struct worklist *w = arg;
	struct path_facts f;
	struct signal sigs[SIG_RULE_COUNT];
	(void)e;
	to_facts(r, w->today, &f);
	size_t n = signals_evaluate(&f, w->today, sigs);
	for (size_t i = 0; i < n; i++) {
		if (w->n == w->cap) {
			w->cap = w->cap ? w->cap * 2 : 64;
			w->items = xrealloc(w->items, w->cap * sizeof *w->items);
		}
		w->items[w->n++] = (struct worklist_item){ r->id, sigs[i] };
		w->counts[sigs[i].rule]++;
	}
	return 0;
}

static int by_due(const void *a, const void *b)
{
	const struct worklist_item *x = a, *y = b;
	if (x->sig.due != y->sig.due)
		return x->sig.due < y->sig.due ? -1 : 1;
	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

int app_signals(struct app_ctx *ctx, int limit, json_t **out, struct err *e)
{
	struct participant_query q;
	struct worklist w = { .today = ctx->today };
	int rc = -1;

	if (limit < 1 || limit > 1000)
		return err_field(e, "limit", "must be between 1 and 1000");
	path_scope(ctx, &q);
	if (q.scope == LVL_NONE)
		return err_set(e, ERR_FORBIDDEN, "a %s keeps no caseload", access_role(ctx->actor.role)->label);
	if (store_signal_facts(ctx->st, &q, collect, &w, e) != 0)
		goto out;
	if (w.n > 1)
		qsort(w.items, w.n, sizeof *w.items, by_due);
	size_t shown = w.n < (size_t)limit ? w.n : (size_t)limit;
	json_t *items = json_array(), *counts = json_object();
	int64_t *pids = xcalloc(shown + 1, sizeof *pids);
	size_t npids = 0;
	int bad = 0;
	for (size_t i = 0; i < shown && !bad; i++) {
		const struct worklist_item *it = &w.items[i];
		const struct signal_rule_def *d = signal_rule(it->sig.rule);
		char due[DATE_STR_LEN], *family = NULL, *given = NULL;
		date_format(it->sig.due, due);
		bad = store_participant_name(ctx->st, it->pid, &family, &given, e);
		if (bad)
			break;
		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:i,s:s}", "participant_id",
						       (json_int_t)it->pid, "family_name", family, "given_names", given,
						       "rule", d->code, "label", d->label, "due", due, "days_overdue",
						       (int)(ctx->today - it->sig.due), "actor", access_role(d->actor)->name));
		free(family);
		free(given);
		bool seen = false;
		for (size_t k = npids; k > 0 && !seen; k--)
			seen = pids[k - 1] == it->pid;
		if (!seen)
			pids[npids++] = it->pid;
	}
	for (int r = 0; r < SIG_RULE_COUNT; r++)
		json_object_set_new(counts, signal_rule((enum signal_rule)r)->code, json_integer(w.counts[r]));
	/* names on the worklist are a read of personal data */
	bad = bad || audit_log_many(ctx, pids, npids, "worklist", ACTIVITY_WORKLIST, "ok", e);
	free(pids);
	if (bad) {
		json_decref(items);
		json_decref(counts);
		goto out;
	}
	*out = json_pack("{s:o,s:o,s:I,s:i}", "items", items, "counts", counts, "total", (json_int_t)w.n, "limit", limit);
	rc = 0;
out:
	free(w.items);
	return rc;
}

/* ---- the director's totals ---- */

struct summary {
	date_t today;
	long total;
	long by_rule[SIG_RULE_COUNT];
	struct org_counts {
		int64_t org_id;
		long counts[SIG_RULE_COUNT];
		long total;
	} *orgs;
	size_t n, cap;
};

static int count(void *arg, const struct facts_row *r, struct err *e)
{
	struct summary *s = arg;
	struct path_facts f;
	struct signal sigs[SIG_RULE_COUNT];
	(void)e;
	to_facts(r, s->today, &f);
	size_t n = signals_evaluate(&f, s->today, sigs);
	if (n == 0)
		return 0;
	struct org_counts *o = NULL;
	for (size_t i = 0; i < s->n && !o; i++)
		if (s->orgs[i].org_id == r->organisation_id)
			o = &s->orgs[i];
	if (o == NULL) {
		if (s->n == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 16;
			s->orgs = xrealloc(s->orgs, s->cap * sizeof *s->orgs);
		}
		o = &s->orgs[s->n++];
		memset(o, 0, sizeof *o);
		o->org_id = r->organisation_id;
	}
	for (size_t i = 0; i < n; i++) {
		s->by_rule[sigs[i].rule]++;
		o->counts[sigs[i].rule]++;
		o->total++;
		s->total++;
	}
	return 0;
}

int app_signals_summary(struct app_ctx *ctx, json_t **out, struct err *e)
{
	struct participant_query q;
	struct summary s = { .today = ctx->today };
	json_t *orgs = NULL;

	if (!access_may(ctx->actor.role, ACT_SIGNAL_TOTALS, NULL))
		return err_set(e, ERR_FORBIDDEN, "the totals over all participants are for the director, case managers "
					       "and project leaders");
	path_scope(ctx, &q);
	q.scope = LVL_ALL;
	/* counts only: no personal data leaves, so nothing to log per person */
	if (store_signal_facts(ctx->st, &q, count, &s, e) != 0 || store_org_list(ctx->st, &orgs, e) != 0) {
		free(s.orgs);
		return -1;
	}
	json_t *by_rule = json_array(), *by_org = json_array();
	for (int r = 0; r < SIG_RULE_COUNT; r++)
		json_array_append_new(by_rule, json_pack("{s:s,s:s,s:I}", "rule", signal_rule((enum signal_rule)r)->code,
							 "label", signal_rule((enum signal_rule)r)->label, "count",
							 (json_int_t)s.by_rule[r]));
	for (size_t i = 0; i < s.n; i++) {
		const char *name = "(geen organisatie)";
		size_t k;
		json_t *org;
		json_array_foreach(json_object_get(orgs, "items"), k, org)
			if (json_integer_value(json_object_get(org, "id")) == s.orgs[i].org_id)
				name = json_string_value(json_object_get(org, "name"));
		json_t *counts = json_object();
		for (int r = 0; r < SIG_RULE_COUNT; r++)
			json_object_set_new(counts, signal_rule((enum signal_rule)r)->code, json_integer(s.orgs[i].counts[r]));
		json_array_append_new(by_org, json_pack("{s:o,s:s,s:o,s:I}", "organisation_id",
							s.orgs[i].org_id ? json_integer(s.orgs[i].org_id) : json_null(),
							"organisation_name", name, "counts", counts, "total",
							(json_int_t)s.orgs[i].total));
	}
	json_decref(orgs);
	free(s.orgs);
	*out = json_pack("{s:I,s:o,s:o}", "total", (json_int_t)s.total, "by_rule", by_rule, "by_organisation", by_org);
	return 0;
}
