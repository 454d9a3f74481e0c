/*
 * app.c - application state and request contexts, and bringing the
 * database under the keys at start-up (app_init): the keys live outside
 * the database (app/keyring.h), which keeps only a check value to tell a
 * wrong or missing key file from a new database.
 */
#include "app/app.h"
#include "app/auth_internal.h"
#include "app/vault.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/xmalloc.h"
#include "domain/logchain.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Setting `key` into *value (malloc'd): 0 found, 1 absent, -1 error. */
static int setting_opt(struct store *st, const char *key, char **value, struct err *e)
{
	struct err tmp;
	err_init(&tmp);
	*value = NULL;
	int rc = store_setting_get(st, key, value, &tmp);
	if (rc != 0) {
		rc = tmp.kind == ERR_NOT_FOUND ? 1 : -1;
		if (rc < 0)
			err_set(e, tmp.kind, "%s", tmp.msg);
	}
	err_release(&tmp);
	return rc;
}

/* Load, derive or (only for a database without sealed data) create the
 * keys; *created tells a new key file was written. */
static int keys_load(struct app *app, const struct keyring_where *where, bool has_check, const char *old_pseudo,
		     struct err *e)
{
	struct keyring *k = &app->keys;
	struct err tmp;

	if (where == NULL || where->source == KEYRING_NONE) {
		keyring_generate(k);
		return 0;
	}
	if (where->source == KEYRING_MASTER)
		return keyring_from_master(where->master, k, e);
	err_init(&tmp);
	if (keyring_load(where->path, k, &tmp) == 0) {
		err_release(&tmp);
		return 0;
	}
	if (tmp.kind != ERR_NOT_FOUND) {
		err_set(e, tmp.kind, "%s", tmp.msg);
		err_release(&tmp);
		return -1;
	}
	err_release(&tmp);
	if (has_check)
		return err_set(e, ERR_INTERNAL,
			       "key file \"%s\" is missing, but the database holds data sealed under it: restore the "
			       "key file from its backup (or name it with --key-file or MEEDOEN_KEY_FILE); meedoen "
			       "never makes a new key over existing data",
			       where->path);
	if (!where->writable)
		return err_set(e, ERR_INTERNAL, "key file \"%s\" is missing", where->path);
	keyring_generate(k);
	if (old_pseudo) {
		size_t len = 0;
		if (sodium_hex2bin(k->pseudonym, sizeof k->pseudonym, old_pseudo, strlen(old_pseudo), NULL, &len, NULL) !=
			    0 ||
		    len != sizeof k->pseudonym)
			return err_set(e, ERR_INTERNAL, "setting pseudonym_key is damaged");
	}
	err_init(&tmp);
	if (keyring_create(k, where->path, &tmp) == 0) {
		err_release(&tmp);
		return 0;
	}
	if (tmp.kind != ERR_CONFLICT) {
		err_set(e, tmp.kind, "%s", tmp.msg);
		err_release(&tmp);
		return -1;
	}
	/* another process made it a moment ago: use theirs */
	err_release(&tmp);
	return keyring_load(where->path, k, e);
}

/* A database without a key check (new, or from before migration 007):
 * take it under the keys in one transaction. The pseudonym key in the
 * setting table (if any) must be the key file's by now. */
static int keys_adopt(struct app *app, struct store *st, struct err *e)
{
	struct app_ctx ctx;
	char check[SEAL_HASH_LEN];
	long done;
	bool finished;

	app_ctx_init(&ctx, app, st, NULL);
	app_ctx_system(&ctx);
	keyring_check_value(&app->keys, check);
	/* plain values from before migration 007 are overwritten: zero what
	 * they leave behind, and keep no old page in the WAL */
	if (store_scrub(st, true, e) != 0 || store_begin(st, e) != 0)
		return -1;
	if (store_setting_set(st, "key_check", check, e) != 0 || store_setting_delete(st, "pseudonym_key", e) != 0 ||
	    vault_reseal(&ctx, 500, 0, &done, &finished, e) != 0 || store_commit(st, e) != 0) {
		store_rollback(st);
		return -1;
	}
	return store_scrub(st, false, e);
}

int app_init(struct app *app, struct store *st, const struct keyring_where *where, struct err *e)
{
	char *check = NULL, *old_pseudo = NULL;
	int rc = -1;

	memset(app, 0, sizeof *app);
	app->key_lock = -1;
	if (sodium_init() < 0)
		return err_set(e, ERR_INTERNAL, "libsodium could not be initialised");
	app->session_idle_s = 30 * 60;
	app->session_max_s = 12 * 3600;
	app->max_hashing = 2;
	pthread_mutex_init(&app->hash_lock, NULL);
	pthread_cond_init(&app->hash_cond, NULL);
	app->login_guard = login_guard_new();

	int has_check = setting_opt(st, "key_check", &check, e);
	int has_old = has_check < 0 ? -1 : setting_opt(st, "pseudonym_key", &old_pseudo, e);
	if (has_check < 0 || has_old < 0)
		goto out;
	if (keys_load(app, where, has_check == 0, has_old == 0 ? old_pseudo : NULL, e) != 0)
		goto out;
	/* held until app_release: a rotation waits for no one and removes
	 * old keys only when no other process can still be using them */
	if (where && where->source == KEYRING_FILE && where->writable &&
	    keyring_lock(where->path, false, &app->key_lock, e) != 0)
		goto out;
	if (has_check == 0) {
		char mine[SEAL_HASH_LEN];
		keyring_check_value(&app->keys, mine);
		if (strlen(check) != strlen(mine) || sodium_memcmp(check, mine, strlen(mine)) != 0) {
			if (where && where->source == KEYRING_FILE)
				err_set(e, ERR_INTERNAL, "key file \"%s\" does not belong to this database (its key check differs)",
					where->path);
			else
				err_set(e, ERR_INTERNAL, "the keys from %s do not belong to this database (its key check differs)",
					where ? "MEEDOEN_KEY" : "memory");
			goto out;
		}
		if (has_old == 0 && store_setting_delete(st, "pseudonym_key", e) != 0)
			goto out;
	} else {
		if (has_old == 0) {
			/* the key file was there before this database was taken
			 * under it: the old pseudonym key moves into it, so the
			 * log's pseudonyms stay the same */
			unsigned char old[32];
			size_t len = 0;
			if (sodium_hex2bin(old, sizeof old, old_pseudo, strlen(old_pseudo), NULL, &len, NULL) != 0 ||
			    len != sizeof old) {
				err_set(e, ERR_INTERNAL, "setting pseudonym_key is damaged");
				goto out;
			}
			if (sodium_memcmp(old, app->keys.pseudonym, sizeof old) != 0) {
				if (where == NULL || where->source != KEYRING_FILE || !where->writable) {
					err_set(e, ERR_INTERNAL, "the database's pseudonym key must move into a key file: "
								 "start once with --key-file");
					goto out;
				}
				memcpy(app->keys.pseudonym, old, sizeof old);
				if (keyring_write(&app->keys, where->path, e) != 0)
					goto out;
			}
			sodium_memzero(old, sizeof old);
		}
		if (keys_adopt(app, st, e) != 0)
			goto out;
	}
	memcpy(app->pseudonym_key, app->keys.pseudonym, sizeof app->pseudonym_key);
	rc = 0;
out:
	if (rc != 0 && app->key_lock >= 0) {
		close(app->key_lock);
		app->key_lock = -1;
	}
	if (rc != 0) {
		login_guard_free(app->login_guard);
		app->login_guard = NULL;
	}
	free(check);
	if (old_pseudo) {
		sodium_memzero(old_pseudo, strlen(old_pseudo));
		free(old_pseudo);
	}
	return rc;
}

void app_release(struct app *app)
{
	sodium_memzero(app->pseudonym_key, sizeof app->pseudonym_key);
	keyring_wipe(&app->keys);
	if (app->key_lock >= 0)
		close(app->key_lock);
	app->key_lock = -1;
	login_guard_free(app->login_guard);
	app->login_guard = NULL;
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
