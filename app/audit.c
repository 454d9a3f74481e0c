/*
 * audit.c - processing-log entries (see audit.h).
 */
#include "app/audit.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "domain/logchain.h"
#include "store/log_batch.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>

void audit_pseudonym(const struct app *app, int64_t pid, char out[PSEUDONYM_LEN])
{
	unsigned char h[32];
	char msg[32];
	int n = snprintf(msg, sizeof msg, "participant:%lld", (long long)pid);

	crypto_generichash(h, sizeof h, (const unsigned char *)msg, (size_t)n, app->pseudonym_key,
			   sizeof app->pseudonym_key);
	sodium_bin2hex(out, PSEUDONYM_LEN, h, sizeof h);
}

/* Append one entry per pseudonym in ps[0..n), all or none. */
static int log_pseudonyms(struct app_ctx *ctx, const char (*ps)[PSEUDONYM_LEN], size_t n, const char *action,
			  enum activity activity, const char *status, struct err *e)
{
	char started[TIMESTAMP_LEN], ended[TIMESTAMP_LEN];
	const struct activity_def *a = activity_get(activity);
	struct log_entry *x = xcalloc(n ? n : 1, sizeof *x);
	int rc = 0;

	clock_format_ms(ctx->started_ms, started);
	clock_format_ms(clock_now_ms(), ended);
	for (size_t i = 0; i < n; i++) {
		x[i] = (struct log_entry){
			.trace_id = ctx->trace_id,
			.span_id = ctx->span_id,
			.parent_span_id = ctx->parent_span_id[0] ? ctx->parent_span_id : NULL,
			.action = action,
			.activity = a->id,
			.started_at = started,
			.ended_at = ended,
			.status = status,
			.ldv_status = logchain_ldv_status(status),
			.subject_pseudonym = ps[i],
			.subject_type = "deelnemer",
			.actor_user_id = ctx->actor.user_id,
			.actor_name = ctx->actor.username,
			.organisation_id = ctx->actor.org_id,
			.role = access_role(ctx->actor.role)->name,
			.purpose = a->purpose,
		};
	}
	/* a read stands alone: it may share a commit with other requests'
	 * reads; a write's entries belong in the write's own transaction */
	if (n && ctx->app->log_batch && !store_in_transaction(ctx->st)) {
		rc = log_batch_append(ctx->app->log_batch, x, n, e);
	} else if (n) {
		bool own_tx = n > 1 && !store_in_transaction(ctx->st);
		rc = own_tx ? store_begin(ctx->st, e) : 0;
		for (size_t i = 0; rc == 0 && i < n; i++)
			rc = store_log_append(ctx->st, &x[i], e);
		if (own_tx && rc == 0)
			rc = store_commit(ctx->st, e);
		else if (own_tx)
			store_rollback(ctx->st);
	}
	free(x);
	if (rc != 0) {
		char why[sizeof e->msg];
		str_copy(why, sizeof why, e->msg);
		err_clear(e);
		err_set(e, ERR_INTERNAL, "processing log could not be written: %s", why);
		return -1;
	}
	return 0;
}

int audit_log_many(struct app_ctx *ctx, const int64_t *pids, size_t n, const char *action, enum activity activity,
		   const char *status, struct err *e)
{
	char (*pseudonyms)[PSEUDONYM_LEN] = xcalloc(n ? n : 1, sizeof *pseudonyms);

	for (size_t i = 0; i < n; i++)
		audit_pseudonym(ctx->app, pids[i], pseudonyms[i]);
	int rc = log_pseudonyms(ctx, (const char (*)[PSEUDONYM_LEN])pseudonyms, n, action, activity, status, e);
	free(pseudonyms);
	return rc;
}

int audit_log(struct app_ctx *ctx, int64_t pid, const char *action, enum activity activity, const char *status,
	      struct err *e)
{
	return audit_log_many(ctx, &pid, 1, action, activity, status, e);
}

/* ---- the whole log: verification and export ---- */

/* Only the local operator and the roles that read the log of anyone
 * (the access table's "read processing log" at level all) may verify or
 * export the whole log. */
static int need_log_reader(struct app_ctx *ctx, const char *what, struct err *e)
{
	if (ctx->actor.role == ROLE_SYSTEM || access_may(ctx->actor.role, ACT_READ_PROCESSING_LOG, NULL))
		return 0;
	log_info("processing log: %s refused for %s (%s)", what, ctx->actor.username,
		 access_role(ctx->actor.role)->name);
	return err_set(e, ERR_FORBIDDEN, "a %s may not %s", access_role(ctx->actor.role)->label, what);
}

static int verify_row(void *arg, const struct log_record *r, struct err *e)
{
	(void)e;
	logchain_verify_row(arg, &r->row);
	return 0;
}

int app_log_verify(struct app_ctx *ctx, struct logchain_anchor *anchors, size_t nanchors, json_t **out,
		   struct err *e)
{
	struct logchain_verify v;

	if (need_log_reader(ctx, "verify the processing log", e) != 0)
		return -1;
	logchain_verify_init(&v, anchors, nanchors);
	if (store_log_walk(ctx->st, NULL, NULL, verify_row, &v, e) != 0) {
		logchain_verify_release(&v);
		return -1;
	}
	logchain_verify_finish(&v);
	json_t *breaks = json_array(), *heads = json_array();
	for (size_t i = 0; i < v.nbreaks; i++) {
		const struct logchain_break *b = &v.breaks[i];
		json_array_append_new(breaks, json_pack("{s:I,s:I,s:I,s:s}", "segment", (json_int_t)b->segment, "seq",
							(json_int_t)b->seq, "id", (json_int_t)b->id, "problem", b->what));
	}
	for (size_t k = 1; k <= logchain_verify_segments(&v); k++) {
		struct logchain_head h;
		logchain_verify_head(&v, k, &h);
		if (h.seq == 0)
			continue; /* broken at its first entry: no head to anchor */
		json_array_append_new(heads, json_pack("{s:I,s:I,s:I,s:s}", "segment", (json_int_t)h.segment, "seq",
						       (json_int_t)h.seq, "id", (json_int_t)h.id, "hash", h.hash));
	}
	*out = json_pack("{s:b,s:I,s:I,s:I,s:I,s:o,s:o}", "intact", v.nbreaks == 0, "entries", (json_int_t)v.rows,
			 "unchained", (json_int_t)v.legacy, "segments", (json_int_t)logchain_verify_segments(&v),
			 "anchors_checked", (json_int_t)nanchors, "breaks", breaks, "heads", heads);
	logchain_verify_release(&v);
	return 0;
}

struct export_state {
	log_line_fn emit;
	void *arg;
	json_t *subjects; /* set of pseudonyms exported, as object keys */
	int64_t records;
};

static void set_text(json_t *o, const char *key, const char *v)
{
	if (v)
		json_object_set_new(o, key, json_string(v));
}

/* One record in the standard's field names (docs/processing-log.md). */
static json_t *export_record(const struct log_record *r)
{
	const char *const *f = r->row.fields;
	const struct activity_def *a = activity_find(f[LF_ACTIVITY]);
	struct buf uri;
	json_t *attrs = json_object(), *rec = json_object();

	buf_init(&uri, 0);
	buf_printf(&uri, "%s%s", ACTIVITY_URI_PREFIX, f[LF_ACTIVITY] ? f[LF_ACTIVITY] : "");
	set_text(rec, "trace_id", f[LF_TRACE_ID]);
	set_text(rec, "span_id", f[LF_SPAN_ID]);
	set_text(rec, "parent_span_id", f[LF_PARENT_SPAN_ID]);
	set_text(rec, "name", f[LF_ACTION]);
	set_text(rec, "start_time", f[LF_STARTED_AT]);
	set_text(rec, "end_time", f[LF_ENDED_AT]);
	set_text(rec, "status", f[LF_LDV_STATUS] ? f[LF_LDV_STATUS] : logchain_ldv_status(f[LF_STATUS]));
	json_object_set_new(attrs, "dpl.core.processing_activity_id", json_string(uri.data ? uri.data : ""));
	set_text(attrs, "dpl.core.data_subject_id", f[LF_SUBJECT]);
	set_text(attrs, "dpl.core.data_subject_id_type", f[LF_SUBJECT_TYPE]);
	if (a)
		json_object_set_new(attrs, "meedoen.processing_activity.name", json_string(a->name));
	set_text(attrs, "meedoen.actor.name", f[LF_ACTOR_NAME]);
	if (f[LF_ACTOR_USER_ID])
		json_object_set_new(attrs, "meedoen.actor.id", json_integer(atoll(f[LF_ACTOR_USER_ID])));
	set_text(attrs, "meedoen.actor.role", f[LF_ROLE]);
	if (f[LF_ORGANISATION_ID])
		json_object_set_new(attrs, "meedoen.organisation.id", json_integer(atoll(f[LF_ORGANISATION_ID])));
	set_text(attrs, "meedoen.organisation.name", r->organisation_name);
	set_text(attrs, "meedoen.purpose", f[LF_PURPOSE]);
	set_text(attrs, "meedoen.outcome", f[LF_STATUS]);
	if (r->row.segment > 0) {
		json_object_set_new(attrs, "meedoen.log.segment", json_integer(r->row.segment));
		json_object_set_new(attrs, "meedoen.log.seq", json_integer(r->row.seq));
		set_text(attrs, "meedoen.log.hash", r->row.hash);
	}
	json_object_set_new(rec, "attributes", attrs);
	buf_release(&uri);
	return rec;
}

static int export_row(void *arg, const struct log_record *r, struct err *e)
{
	struct export_state *x = arg;
	json_t *rec = export_record(r);
	char *line = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(rec);
	if (line == NULL)
		return err_set(e, ERR_INTERNAL, "processing log export: out of memory");
	int rc = x->emit(x->arg, line, e);
	free(line);
	if (rc != 0)
		return -1;
	x->records++;
	if (r->row.fields[LF_SUBJECT])
		json_object_set_new(x->subjects, r->row.fields[LF_SUBJECT], json_true());
	return 0;
}

/* from/to: "YYYY-MM-DD" (UTC days, to inclusive) or NULL; out: the bounds
 * as timestamps, to exclusive. */
static int export_range(const char *from, const char *to, char lo[TIMESTAMP_LEN], char hi[TIMESTAMP_LEN],
			struct err *e)
{
	date_t f = 0, t = 0;
	char d[DATE_STR_LEN];

	lo[0] = hi[0] = '\0';
	if (from && date_parse(from, &f) != 0)
		err_field(e, "from", "\"%s\" is not a date (YYYY-MM-DD)", from);
	if (to && date_parse(to, &t) != 0)
		err_field(e, "to", "\"%s\" is not a date (YYYY-MM-DD)", to);
	if (e->nfields)
		return -1;
	if (from && to && t < f)
		return err_field(e, "to", "\"%s\" is before from \"%s\"", to, from);
	if (from) {
		date_format(f, d);
		snprintf(lo, TIMESTAMP_LEN, "%sT00:00:00.000Z", d);
	}
	if (to) {
		date_format(t + 1, d);
		snprintf(hi, TIMESTAMP_LEN, "%sT00:00:00.000Z", d);
	}
	return 0;
}

int app_log_export(struct app_ctx *ctx, const char *from, const char *to, log_line_fn emit, void *arg,
		   int64_t *records, struct err *e)
{
	char lo[TIMESTAMP_LEN], hi[TIMESTAMP_LEN];
	struct export_state x = { .emit = emit, .arg = arg, .subjects = json_object() };
	int rc = -1;

	*records = 0;
	if (need_log_reader(ctx, "export the processing log", e) != 0 || export_range(from, to, lo, hi, e) != 0)
		goto out;
	if (store_log_walk(ctx->st, lo[0] ? lo : NULL, hi[0] ? hi : NULL, export_row, &x, e) != 0)
		goto out;
	/* the export reads every exported subject's log: one entry each */
	size_t n = json_object_size(x.subjects), i = 0;
	char (*ps)[PSEUDONYM_LEN] = xcalloc(n ? n : 1, sizeof *ps);
	const char *key;
	json_t *val;
	json_object_foreach(x.subjects, key, val)
		str_copy(ps[i++], PSEUDONYM_LEN, key);
	rc = log_pseudonyms(ctx, (const char (*)[PSEUDONYM_LEN])ps, n, "export log", ACTIVITY_LOG_READ, "ok", e);
	free(ps);
	if (rc == 0)
		log_info("processing log: %s exported %lld records of %zu data subjects (%s .. %s)",
			 ctx->actor.username, (long long)x.records, n, from ? from : "start", to ? to : "now");
	*records = x.records;
out:
	json_decref(x.subjects);
	return rc;
}

json_t *app_log_activities(void)
{
	json_t *arr = json_array();
	for (int i = 0; i < ACTIVITY_COUNT; i++) {
		const struct activity_def *a = activity_get((enum activity)i);
		struct buf uri;
		buf_init(&uri, 0);
		buf_printf(&uri, "%s%s", ACTIVITY_URI_PREFIX, a->id);
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:s}", "id", a->id, "uri", uri.data, "name",
						     a->name, "purpose", a->purpose, "legal_basis", a->legal_basis));
		buf_release(&uri);
	}
	return json_pack("{s:o}", "items", arr);
}
