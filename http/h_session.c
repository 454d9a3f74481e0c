/*
 * h_session.c - health, login (password, then a second factor when the
 * user has one), logout, the signed-in user, code lists, and the own
 * account's second factor.
 *
 * A right password for a user with a second factor answers
 * {"second_factor":"totp"} and a short-lived cookie meedoen_pending
 * (Path=/api/login) instead of a session; POST /api/login/totp with the
 * code turns it into a session. The own-account routes and /api/me are
 * AUTH_SETUP rows: the server resolves their session with
 * app_session_setup(), because a user whose organisation requires a
 * second factor they have not set up has a session that reaches only
 * these (app_session() refuses it with 403 everywhere else).
 */
#include "http/h_session.h"
#include "http/request.h"
#include "base/buf.h"

#include <sodium.h>
#include <string.h>

#define PENDING_COOKIE "meedoen_pending"

int h_health(struct hctx *h)
{
	h->out = json_pack("{s:s}", "status", "ok");
	return 0;
}

static void set_session_cookie(struct hctx *h, const char *token)
{
	snprintf(h->set_cookie, sizeof h->set_cookie,
		 "meedoen_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%lld%s", token,
		 (long long)h->ctx->app->session_max_s, h->ctx->app->secure_cookies ? "; Secure" : "");
}

static json_t *user_out(struct hctx *h)
{
	return json_pack("{s:o,s:b}", "user", app_actor_json(&h->ctx->actor), "second_factor_setup_required",
			 h->ctx->setup_only);
}

/* Only the members named in allowed (NULL-terminated), each a string. */
static void string_members(struct hctx *h, const char *const *allowed)
{
	const char *key;
	json_t *v;
	json_object_foreach(h->body, key, v) {
		bool known = false;
		for (const char *const *a = allowed; *a; a++)
			known = known || strcmp(key, *a) == 0;
		if (!known)
			err_field(h->e, key, "unknown field");
		else if (!json_is_string(v))
			err_field(h->e, key, "must be a string");
	}
}

int h_login(struct hctx *h)
{
	static const char *const allowed[] = { "username", "password", NULL };
	char token[SESSION_TOKEN_LEN], addr[64];
	enum login_step step = LOGIN_DONE;

	string_members(h, allowed);
	if (h->e->nfields)
		return -1;
	client_address(h, addr, sizeof addr);
	if (app_login(h->ctx, json_string_value(json_object_get(h->body, "username")),
		      json_string_value(json_object_get(h->body, "password")), addr, token, &step, h->e) != 0)
		return -1;
	if (step == LOGIN_SECOND_FACTOR) {
		snprintf(h->set_cookie, sizeof h->set_cookie,
			 PENDING_COOKIE "=%s; Path=/api/login; HttpOnly; SameSite=Strict; Max-Age=300%s", token,
			 h->ctx->app->secure_cookies ? "; Secure" : "");
		h->out = json_pack("{s:s}", "second_factor", "totp");
	} else {
		set_session_cookie(h, token);
		h->out = user_out(h);
	}
	sodium_memzero(token, sizeof token);
	return 0;
}

int h_login_second_factor(struct hctx *h)
{
	static const char *const allowed[] = { "code", NULL };
	char token[SESSION_TOKEN_LEN], addr[64];

	string_members(h, allowed);
	if (h->e->nfields)
		return -1;
	client_address(h, addr, sizeof addr);
	const char *pending = MHD_lookup_connection_value(h->conn, MHD_COOKIE_KIND, PENDING_COOKIE);
	if (app_login_second_factor(h->ctx, pending, json_string_value(json_object_get(h->body, "code")), addr, token,
				    h->e) != 0)
		return -1;
	set_session_cookie(h, token);
	sodium_memzero(token, sizeof token);
	h->out = user_out(h);
	return 0;
}

int h_logout(struct hctx *h)
{
	if (app_logout(h->ctx, session_cookie(h), h->e) != 0)
		return -1;
	str_copy(h->set_cookie, sizeof h->set_cookie, "meedoen_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	h->status = 204;
	return 0;
}

int h_me(struct hctx *h)
{
	h->out = user_out(h);
	return 0;
}

int h_codes(struct hctx *h)
{
	h->out = app_codes();
	return 0;
}

int h_account_second_factor(struct hctx *h)
{
	return app_second_factor_status(h->ctx, &h->out, h->e);
}

int h_account_second_factor_setup(struct hctx *h)
{
	return app_second_factor_begin(h->ctx, &h->out, h->e);
}

int h_account_second_factor_confirm(struct hctx *h)
{
	return app_second_factor_confirm(h->ctx, h->body, &h->out, h->e);
}

int h_account_second_factor_disable(struct hctx *h)
{
	if (app_second_factor_disable(h->ctx, h->body, h->e) != 0)
		return -1;
	h->status = 204;
	return 0;
}

int h_user_second_factor_reset(struct hctx *h)
{
	return app_second_factor_reset(h->ctx, h->id[0], &h->out, h->e);
}

int h_org_update(struct hctx *h)
{
	return app_org_update(h->ctx, h->id[0], h->body, &h->out, h->e);
}
