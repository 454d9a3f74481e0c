/*
 * h_session.c - health, login, logout, the signed-in user and code lists.
 */
#include "http/request.h"
#include "base/buf.h"

#include <sodium.h>
#include <string.h>

int h_health(struct hctx *h)
{
	h->out = json_pack("{s:s}", "status", "ok");
	return 0;
}

int h_login(struct hctx *h)
{
	char token[SESSION_TOKEN_LEN], addr[64];
	const char *key;
	json_t *v;

	json_object_foreach(h->body, key, v) {
		(void)v;
		if (strcmp(key, "username") != 0 && strcmp(key, "password") != 0)
			err_field(h->e, key, "unknown field");
	}
	json_t *u = json_object_get(h->body, "username"), *p = json_object_get(h->body, "password");
	if (u && !json_is_string(u))
		err_field(h->e, "username", "must be a string");
	if (p && !json_is_string(p))
		err_field(h->e, "password", "must be a string");
	if (h->e->nfields)
		return -1;
	client_address(h, addr, sizeof addr);
	if (app_login(h->ctx, json_string_value(u), json_string_value(p), addr, token, h->e) != 0)
		return -1;
	snprintf(h->set_cookie, sizeof h->set_cookie,
		 "meedoen_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%lld%s", token,
		 (long long)h->ctx->app->session_max_s, h->ctx->app->secure_cookies ? "; Secure" : "");
	sodium_memzero(token, sizeof token);
	h->out = json_pack("{s:o}", "user", app_actor_json(&h->ctx->actor));
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
	h->out = json_pack("{s:o}", "user", app_actor_json(&h->ctx->actor));
	return 0;
}

int h_codes(struct hctx *h)
{
	h->out = app_codes();
	return 0;
}
