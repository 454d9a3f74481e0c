/*
 * audit.c - processing-log entries (see audit.h).
 */
#include "app/audit.h"
#include "base/clock.h"

#include <sodium.h>
#include <stdio.h>

void audit_pseudonym(const struct app *app, int64_t pid, char out[PSEUDONYM_LEN])
{
	unsigned char h[32];
	char msg[32];
	int n = snprintf(msg, sizeof msg, "participant:%lld", (long long)pid);

	crypto_generichash(h, sizeof h, (const unsigned char *)msg, (size_t)n, app->pseudonym_key,
			   sizeof app->pseudonym_key);
	sodium_bin2hex(out, PSEUDONYM_LEN, h, sizeof h);
}

int audit_log(struct app_ctx *ctx, int64_t pid, const char *action, enum activity activity, const char *status,
	      struct err *e)
{
	char pseudonym[PSEUDONYM_LEN], started[TIMESTAMP_LEN], ended[TIMESTAMP_LEN];
	const struct activity_def *a = activity_get(activity);

	audit_pseudonym(ctx->app, pid, pseudonym);
	clock_format_ms(ctx->started_ms, started);
	clock_format_ms(clock_now_ms(), ended);
	struct log_entry x = {
		.trace_id = ctx->trace_id,
		.span_id = ctx->span_id,
		.action = action,
		.activity = a->id,
		.started_at = started,
		.ended_at = ended,
		.status = status,
		.subject_pseudonym = pseudonym,
		.subject_type = "deelnemer",
		.actor_user_id = ctx->actor.user_id,
		.actor_name = ctx->actor.username,
		.organisation_id = ctx->actor.org_id,
		.role = access_role(ctx->actor.role)->name,
		.purpose = a->purpose,
	};
	if (store_log_append(ctx->st, &x, e) != 0) {
		enum err_kind k = e->kind;
		err_set(e, k == ERR_NONE ? ERR_INTERNAL : k, "processing log could not be written: %s", e->msg);
		e->kind = ERR_INTERNAL;
		return -1;
	}
	return 0;
}
