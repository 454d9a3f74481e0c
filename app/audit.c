/*
 * audit.c - processing-log entries (see audit.h).
 */
#include "app/audit.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/xmalloc.h"
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

int audit_log_many(struct app_ctx *ctx, const int64_t *pids, size_t n, const char *action, enum activity activity,
		   const char *status, struct err *e)
{
	char started[TIMESTAMP_LEN], ended[TIMESTAMP_LEN];
	const struct activity_def *a = activity_get(activity);
	char (*pseudonyms)[PSEUDONYM_LEN] = xcalloc(n ? n : 1, sizeof *pseudonyms);
	struct log_entry *x = xcalloc(n ? n : 1, sizeof *x);
	int rc = 0;

	clock_format_ms(ctx->started_ms, started);
	clock_format_ms(clock_now_ms(), ended);
	for (size_t i = 0; i < n; i++) {
		audit_pseudonym(ctx->app, pids[i], pseudonyms[i]);
		x[i] = (struct log_entry){
			.trace_id = ctx->trace_id,
			.span_id = ctx->span_id,
			.action = action,
			.activity = a->id,
			.started_at = started,
			.ended_at = ended,
			.status = status,
			.subject_pseudonym = pseudonyms[i],
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
	free(pseudonyms);
	if (rc != 0) {
		char why[sizeof e->msg];
		str_copy(why, sizeof why, e->msg);
		err_clear(e);
		err_set(e, ERR_INTERNAL, "processing log could not be written: %s", why);
		return -1;
	}
	return 0;
}

int audit_log(struct app_ctx *ctx, int64_t pid, const char *action, enum activity activity, const char *status,
	      struct err *e)
{
	return audit_log_many(ctx, &pid, 1, action, activity, status, e);
}
