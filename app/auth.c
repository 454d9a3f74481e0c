/*
 * auth.c - logging in and out, sessions, and the admin's users and
 * organisations. Passwords are argon2id hashes (libsodium, interactive
 * limits); a session token is 32 random bytes given to the browser once
 * and stored only as its BLAKE2b hash. Repeated failed logins lock the
 * account name and the address out for a growing while.
 */
#include "app/app.h"
#include "app/employers.h"
#include "app/input.h"
#include "app/path.h"
#include "base/buf.h"
#include "base/clock.h"
#include "domain/codes.h"

#include <sodium.h>
#include <string.h>

#define FREE_FAILURES 5      /* failures before the lock-out starts */
#define FIRST_LOCK_S 30      /* first lock-out, doubling after each failure */
#define MAX_LOCK_S (15 * 60) /* longest lock-out */

/* ---- password hashing, bounded ---- */

static void hash_gate_enter(struct app *app)
{
	pthread_mutex_lock(&app->hash_lock);
	while (app->hashing >= app->max_hashing)
		pthread_cond_wait(&app->hash_cond, &app->hash_lock);
	app->hashing++;
	pthread_mutex_unlock(&app->hash_lock);
}

static void hash_gate_leave(struct app *app)
{
	pthread_mutex_lock(&app->hash_lock);
	app->hashing--;
	pthread_cond_signal(&app->hash_cond);
	pthread_mutex_unlock(&app->hash_lock);
}

int app_password_hash(struct app *app, const char *password, char *out, size_t size, struct err *e)
{
	if (size < crypto_pwhash_STRBYTES)
		return err_set(e, ERR_INTERNAL, "password hash buffer too small");
	hash_gate_enter(app);
	int rc = crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				   crypto_pwhash_MEMLIMIT_INTERACTIVE);
	hash_gate_leave(app);
	if (rc != 0)
		return err_set(e, ERR_INTERNAL, "password could not be hashed (out of memory)");
	return 0;
}

static bool password_ok(struct app *app, const char *hash, const char *password)
{
	hash_gate_enter(app);
	bool ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
	hash_gate_leave(app);
	return ok;
}

static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy_hash(void)
{
	char pw[33];
	unsigned char raw[16];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(pw, sizeof pw, raw, sizeof raw);
	if (crypto_pwhash_str(dummy_hash, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		dummy_hash[0] = '\0';
}

static void token_hash(const char *token, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof h);
}

/* Seconds still locked for `key`, 0 when free. */
static int64_t locked_for(struct app_ctx *ctx, const char *key, int64_t now, struct err *e, bool *failed)
{
	int failures;
	int64_t last;
	*failed = false;
	if (store_login_failures(ctx->st, key, &failures, &last, e) != 0) {
		*failed = true;
		return 0;
	}
	if (failures < FREE_FAILURES)
		return 0;
	int shift = failures - FREE_FAILURES;
	int64_t lock = shift >= 10 ? MAX_LOCK_S : (int64_t)FIRST_LOCK_S << shift;
	if (lock > MAX_LOCK_S)
		lock = MAX_LOCK_S;
	return last + lock > now ? last + lock - now : 0;
}

int app_login(struct app_ctx *ctx, const char *username, const char *password, const char *address,
	      char token[SESSION_TOKEN_LEN], struct err *e)
{
	char ukey[128], akey[96], th[65];
	struct user_row u;
	bool failed;
	int64_t now = clock_now_ms() / 1000;

	if (username == NULL || *username == '\0')
		err_field(e, "username", "is required");
	if (password == NULL || *password == '\0')
		err_field(e, "password", "is required");
	if (e->nfields)
		return -1;
	snprintf(ukey, sizeof ukey, "user:%.100s", username);
	snprintf(akey, sizeof akey, "addr:%.80s", address ? address : "-");
	int64_t wait = locked_for(ctx, ukey, now, e, &failed);
	if (failed)
		return -1;
	int64_t wait_addr = locked_for(ctx, akey, now, e, &failed);
	if (failed)
		return -1;
	if (wait_addr > wait)
		wait = wait_addr;
	if (wait > 0) {
		e->retry_after = (int)wait;
		return err_set(e, ERR_THROTTLED, "too many failed logins: try again in %lld seconds", (long long)wait);
	}

	struct err lookup;
	err_init(&lookup);
	bool found = store_user_by_name(ctx->st, username, &u, &lookup) == 0;
	err_release(&lookup);
	/* verify against a real hash even for unknown names, so the time taken
	 * does not tell which names exist */
	pthread_once(&dummy_once, make_dummy_hash);
	bool ok = password_ok(ctx->app, found ? u.password_hash : dummy_hash, password) && found && u.active;
	sodium_memzero(u.password_hash, sizeof u.password_hash);
	if (!ok) {
		if (store_login_failed(ctx->st, ukey, now, e) != 0 || store_login_failed(ctx->st, akey, now, e) != 0)
			return -1;
		return err_set(e, ERR_UNAUTHORIZED, "wrong user name or password");
	}
	if (store_login_reset(ctx->st, ukey, e) != 0 || store_login_reset(ctx->st, akey, e) != 0)
		return -1;

	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(token, SESSION_TOKEN_LEN, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
	token_hash(token, th);
	if (store_session_insert(ctx->st, th, u.id, now, now + ctx->app->session_max_s, e) != 0)
		return -1;
	app_ctx_user(ctx, &u);
	return 0;
}

int app_session(struct app_ctx *ctx, const char *token, struct err *e)
{
	char th[65];
	struct user_row u;

	if (token == NULL || strlen(token) != SESSION_TOKEN_LEN - 1)
		return err_set(e, ERR_UNAUTHORIZED, "no valid session: log in");
	token_hash(token, th);
	if (store_session_lookup(ctx->st, th, clock_now_ms() / 1000, ctx->app->session_idle_s, &u, e) != 0)
		return -1;
	sodium_memzero(u.password_hash, sizeof u.password_hash);
	app_ctx_user(ctx, &u);
	return 0;
}

int app_logout(struct app_ctx *ctx, const char *token, struct err *e)
{
	char th[65];
	if (token == NULL)
		return 0;
	token_hash(token, th);
	return store_session_delete(ctx->st, th, e);
}

/* ---- users and organisations ---- */

static int need_admin(struct app_ctx *ctx, struct err *e)
{
	if (!access_may(ctx->actor.role, ACT_MANAGE_USERS, NULL))
		return err_set(e, ERR_FORBIDDEN, "only an administrator may manage users and organisations");
	return 0;
}

static const char *get_str(const json_t *in, const char *key)
{
	return json_string_value(json_object_get(in, key));
}

int app_user_add(struct app_ctx *ctx, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "username", "display_name", "password", "role", "organisation_id", NULL };
	struct user_row u = { 0 };
	struct org_row org;
	enum role role = ROLE_ADMIN;

	if (need_admin(ctx, e) != 0)
		return -1;
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	input_unknown_members(in, allowed, e);
	input_text(in, "username", 2, 64, true, e);
	input_text(in, "display_name", 1, 100, true, e);
	input_text(in, "password", 10, 200, true, e);
	const char *name = get_str(in, "username");
	if (name) {
		for (const char *p = name; *p; p++)
			if (!(( *p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_')) {
				err_field(e, "username", "\"%.64s\" may hold only a-z, 0-9, '.', '-' and '_'", name);
				break;
			}
	}
	const char *rname = get_str(in, "role");
	if (rname == NULL)
		err_field(e, "role", "is required");
	else if (access_role_find(rname, &role) != 0 || role == ROLE_SYSTEM)
		err_field(e, "role", "\"%.40s\" is not a role", rname);
	json_t *oid = json_object_get(in, "organisation_id");
	if (!json_is_integer(oid)) {
		err_field(e, "organisation_id", oid ? "must be an integer" : "is required");
	} else {
		struct err tmp;
		err_init(&tmp);
		if (store_org_get(ctx->st, json_integer_value(oid), &org, &tmp) != 0) {
			err_field(e, "organisation_id", "organisation %lld does not exist", (long long)json_integer_value(oid));
		} else if (rname && role != ROLE_SYSTEM && access_role(role)->org_type &&
			   strcmp(access_role(role)->org_type, org.type) != 0) {
			err_field(e, "role", "a %s belongs to an organisation of type %s, not %s", rname,
				  access_role(role)->org_type, org.type);
		}
		err_release(&tmp);
	}
	if (e->nfields)
		return -1;

	str_copy(u.username, sizeof u.username, name);
	str_copy(u.display_name, sizeof u.display_name, get_str(in, "display_name"));
	str_copy(u.role, sizeof u.role, rname);
	u.org_id = json_integer_value(oid);
	u.active = true;
	if (app_password_hash(ctx->app, get_str(in, "password"), u.password_hash, sizeof u.password_hash, e) != 0)
		return -1;
	int64_t id;
	if (store_user_insert(ctx->st, &u, &id, e) != 0) {
		if (e->kind == ERR_CONFLICT)
			err_field(e, "username", "\"%s\" is taken", u.username);
		e->kind = e->kind == ERR_INVALID ? ERR_CONFLICT : e->kind;
		return -1;
	}
	struct user_row saved;
	if (store_user_get(ctx->st, id, &saved, e) != 0)
		return -1;
	*out = store_user_json(&saved);
	return 0;
}

int app_user_list(struct app_ctx *ctx, json_t **out, struct err *e)
{
	if (need_admin(ctx, e) != 0)
		return -1;
	return store_user_list(ctx->st, out, e);
}

int app_user_update(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "display_name", "password", "active", NULL };
	char hash[160];
	struct user_row u;

	if (need_admin(ctx, e) != 0)
		return -1;
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	input_unknown_members(in, allowed, e);
	input_text(in, "display_name", 1, 100, false, e);
	input_text(in, "password", 10, 200, false, e);
	json_t *active = json_object_get(in, "active");
	if (active && !json_is_boolean(active))
		err_field(e, "active", "must be true or false");
	if (e->nfields)
		return -1;
	if (store_user_get(ctx->st, id, &u, e) != 0)
		return -1;
	if (id == ctx->actor.user_id && active && json_is_false(active))
		return err_field(e, "active", "you cannot deactivate yourself");
	const char *pw = get_str(in, "password");
	if (pw && app_password_hash(ctx->app, pw, hash, sizeof hash, e) != 0)
		return -1;
	if (store_begin(ctx->st, e) != 0)
		return -1;
	if (store_user_update(ctx->st, id, get_str(in, "display_name"), pw ? hash : NULL,
			      active ? json_is_true(active) : -1, e) != 0)
		goto out_rollback;
	/* a new password or a deactivation ends every session of the user */
	if ((pw || (active && json_is_false(active))) && store_session_delete_user(ctx->st, id, e) != 0)
		goto out_rollback;
	if (store_commit(ctx->st, e) != 0)
		return -1;
	if (store_user_get(ctx->st, id, &u, e) != 0)
		return -1;
	*out = store_user_json(&u);
	return 0;
out_rollback:
	store_rollback(ctx->st);
	return -1;
}

int app_org_add(struct app_ctx *ctx, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "name", "type", NULL };
	if (need_admin(ctx, e) != 0)
		return -1;
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	input_unknown_members(in, allowed, e);
	input_text(in, "name", 1, 120, true, e);
	const char *type = get_str(in, "type");
	if (type == NULL)
		err_field(e, "type", "is required");
	else if (access_org_type_find(type) == NULL)
		err_field(e, "type", "\"%.40s\" is not an organisation type", type);
	if (e->nfields)
		return -1;
	int64_t id;
	if (store_org_insert(ctx->st, get_str(in, "name"), type, &id, e) != 0) {
		if (e->kind == ERR_CONFLICT)
			err_field(e, "name", "\"%.120s\" exists already", get_str(in, "name"));
		e->kind = e->kind == ERR_INVALID ? ERR_CONFLICT : e->kind;
		return -1;
	}
	*out = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)id, "name", get_str(in, "name"), "type", type);
	return 0;
}

int app_org_list(struct app_ctx *ctx, json_t **out, struct err *e)
{
	return store_org_list(ctx->st, out, e);
}

json_t *app_codes(void)
{
	size_t n;
	const struct code_list *lists = codes_all(&n);
	json_t *o = json_object();

	for (size_t i = 0; i < n; i++) {
		json_t *arr = json_array();
		for (size_t k = 0; k < lists[i].count; k++)
			json_array_append_new(arr, json_pack("{s:s,s:s}", "code", lists[i].items[k].code, "label",
							     lists[i].items[k].label));
		json_object_set_new(o, lists[i].name, arr);
	}
	json_t *roles = json_array();
	for (int r = 0; r < ROLE_SYSTEM; r++)
		json_array_append_new(roles, json_pack("{s:s,s:s,s:s?}", "code", access_role((enum role)r)->name, "label",
						       access_role((enum role)r)->label, "organisation_type",
						       access_role((enum role)r)->org_type));
	json_object_set_new(o, "roles", roles);
	int nt;
	const struct org_type_def *types = access_org_types(&nt);
	json_t *ot = json_array();
	for (int i = 0; i < nt; i++)
		json_array_append_new(ot, json_pack("{s:s,s:s,s:b}", "code", types[i].name, "label", types[i].label,
						    "needs_consent", types[i].needs_consent));
	json_object_set_new(o, "organisation_types", ot);
	json_t *cats = json_array();
	for (int c = 0; c < CAT_COUNT; c++)
		json_array_append_new(cats, json_pack("{s:s,s:s}", "code", access_category((enum category)c)->name,
						      "label", access_category((enum category)c)->label));
	json_object_set_new(o, "categories", cats);
	app_path_codes(o);
	employer_codes(o);
	return o;
}
