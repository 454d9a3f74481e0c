/*
 * app.c - application state and request contexts.
 */
#include "app/app.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/xmalloc.h"
#include "domain/logchain.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

int app_init(struct app *app, struct store *st, struct err *e)
{
	char *hex = NULL;
	struct err tmp;

	memset(app, 0, sizeof *app);
	if (sodium_init() < 0)
		return err_set(e, ERR_INTERNAL, "libsodium could not be initialised");
	app->session_idle_s = 30 * 60;
	app->session_max_s = 12 * 3600;
	app->max_hashing = 2;
	pthread_mutex_init(&app->hash_lock, NULL);
	pthread_cond_init(&app->hash_cond, NULL);

	err_init(&tmp);
	if (store_setting_get(st, "pseudonym_key", &hex, &tmp) != 0) {
		if (tmp.kind != ERR_NOT_FOUND) {
			err_set(e, tmp.kind, "%s", tmp.msg);
			err_release(&tmp);
			return -1;
		}
		char fresh[65];
		randombytes_buf(app->pseudonym_key, sizeof app->pseudonym_key);
		sodium_bin2hex(fresh, sizeof fresh, app->pseudonym_key, sizeof app->pseudonym_key);
		err_release(&tmp);
		return store_setting_set(st, "pseudonym_key", fresh, e);
	}
	err_release(&tmp);
	size_t len = 0;
	int rc = sodium_hex2bin(app->pseudonym_key, sizeof app->pseudonym_key, hex, strlen(hex), NULL, &len, NULL);
	sodium_memzero(hex, strlen(hex));
	free(hex);
	if (rc != 0 || len != sizeof app->pseudonym_key)
		return err_set(e, ERR_INTERNAL, "setting pseudonym_key is damaged");
	return 0;
}

void app_release(struct app *app)
{
	sodium_memzero(app->pseudonym_key, sizeof app->pseudonym_key);
	pthread_mutex_destroy(&app->hash_lock);
	pthread_cond_destroy(&app->hash_cond);
}

void app_ctx_init(struct app_ctx *ctx, struct app *app, struct store *st, const char *trace_id)
{
	unsigned char span[8];

	memset(ctx, 0, sizeof *ctx);
	ctx->app = app;
	ctx->st = st;
	ctx->actor.role = ROLE_ADMIN; /* nobody: the admin role reads no personal data */
	ctx->actor.org_id = 0;
	str_copy(ctx->actor.username, sizeof ctx->actor.username, "(anonymous)");
	if (trace_id && strlen(trace_id) == 32) {
		str_copy(ctx->trace_id, sizeof ctx->trace_id, trace_id);
	} else {
		unsigned char t[16];
		randombytes_buf(t, sizeof t);
		sodium_bin2hex(ctx->trace_id, sizeof ctx->trace_id, t, sizeof t);
	}
	randombytes_buf(span, sizeof span);
	sodium_bin2hex(ctx->span_id, sizeof ctx->span_id, span, sizeof span);
	ctx->started_ms = clock_now_ms();
	ctx->today = clock_today();
	date_format(ctx->today, ctx->today_s);
	clock_format_s(ctx->started_ms / 1000, ctx->now_s);
}

void app_ctx_traceparent(struct app_ctx *ctx, const char *header)
{
	char trace[33], parent[17];

	if (logchain_traceparent(header, trace, parent) != 0)
		return;
	str_copy(ctx->trace_id, sizeof ctx->trace_id, trace);
	str_copy(ctx->parent_span_id, sizeof ctx->parent_span_id, parent);
}

void app_ctx_system(struct app_ctx *ctx)
{
	const char *who = getenv("USER");
	ctx->actor.user_id = 0;
	ctx->actor.role = ROLE_SYSTEM;
	ctx->actor.org_id = 0;
	snprintf(ctx->actor.username, sizeof ctx->actor.username, "cli:%s", who && *who ? who : "operator");
	str_copy(ctx->actor.display_name, sizeof ctx->actor.display_name, "opdrachtregel");
}

void app_ctx_user(struct app_ctx *ctx, const struct user_row *u)
{
	enum role r;
	if (access_role_find(u->role, &r) != 0)
		r = ROLE_ADMIN; /* unknown role in the database: no access to personal data */
	ctx->actor.user_id = u->id;
	ctx->actor.role = r;
	ctx->actor.org_id = u->org_id;
	str_copy(ctx->actor.username, sizeof ctx->actor.username, u->username);
	str_copy(ctx->actor.display_name, sizeof ctx->actor.display_name, u->display_name);
	str_copy(ctx->actor.org_name, sizeof ctx->actor.org_name, u->org_name);
	str_copy(ctx->actor.org_type, sizeof ctx->actor.org_type, u->org_type);
}

json_t *app_actor_json(const struct actor *a)
{
	const struct role_def *r = access_role(a->role);
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:I,s:s,s:s}", "id", (json_int_t)a->user_id, "username", a->username,
			 "display_name", a->display_name, "role", r->name, "role_label", r->label, "organisation_id",
			 (json_int_t)a->org_id, "organisation_name", a->org_name, "organisation_type", a->org_type);
}
