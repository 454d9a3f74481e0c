/*
 * auth.c - logging in and out, sessions, and the admin's users and
 * organisations. Passwords are argon2id hashes (libsodium, interactive
 * limits); a session token is 32 random bytes given to the browser once
 * and stored only as its BLAKE2b hash.
 *
 * Throttling has two parts, so that guessing one account's password
 * cannot lock out anyone else:
 * - per account, in the user's row: after FREE_FAILURES failed passwords
 *   or second-factor codes each try waits 1 s, 2 s, 4 s ... up to 15 min
 *   after the last failure; a success resets it;
 * - per client address, a guard in memory: at most ADDR_LIMIT failures in
 *   ADDR_WINDOW, so one address cannot spray guesses over many accounts.
 * Failures for names that are not accounts count against the address and
 * a bounded in-memory table (the same back-off, so the answers do not tell
 * which names exist), never as rows. A login for an unknown name verifies
 * against a dummy hash, taking as long as one for a known name.
 */
#include "app/app.h"
#include "app/auth_internal.h"
#include "app/employers.h"
#include "app/input.h"
#include "app/path.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/xmalloc.h"
#include "domain/codes.h"

#include <arpa/inet.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define FREE_FAILURES 5              /* failures before the back-off starts */
#define FIRST_WAIT_MS 1000           /* first wait, doubling after each failure */
#define MAX_WAIT_MS (15 * 60 * 1000) /* longest wait */
#define ADDR_LIMIT 100               /* failures per address ... */
#define ADDR_WINDOW_MS (15 * 60 * 1000) /* ... in this window */
#define GUARD_SLOTS 2048             /* entries per in-memory table */
#define PENDING_S 300                /* a pending login (second factor due) lives 5 minutes */

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

/* ---- throttling ---- */

/* How long to wait after the last of `failures` failures. */
static int64_t backoff_ms(int failures)
{
	if (failures < FREE_FAILURES)
		return 0;
	int shift = failures - FREE_FAILURES;
	if (shift >= 20)
		return MAX_WAIT_MS;
	int64_t w = (int64_t)FIRST_WAIT_MS << shift;
	return w > MAX_WAIT_MS ? MAX_WAIT_MS : w;
}

static int throttled(struct err *e, int64_t wait_ms)
{
	int s = (int)((wait_ms + 999) / 1000);
	e->retry_after = s;
	return err_set(e, ERR_THROTTLED, "too many failed logins: try again in %d seconds", s);
}

int auth_account_wait(const struct user_row *u, int64_t now_ms, struct err *e)
{
	int64_t until = u->login_failed_at + backoff_ms(u->login_failures);
	if (u->login_failures >= FREE_FAILURES && until > now_ms)
		return throttled(e, until - now_ms);
	return 0;
}

int auth_account_failed(struct app_ctx *ctx, const struct user_row *u, int64_t now_ms, struct err *e)
{
	return store_login_failed(ctx->st, u->id, now_ms, e);
}

/* A bounded table of failure counters in memory: for client addresses
 * (a window of ADDR_WINDOW_MS) and for names that are not accounts (the
 * accounts' back-off). When full, the entry touched longest ago goes.
 * Owned by struct app (app->login_guard); one lock per table, held only
 * to count. */
struct guard_slot {
	char key[72];
	int failures;
	int64_t first_ms, last_ms;
};
struct guard_table {
	bool by_address; /* a window per address; else the accounts' back-off */
	pthread_mutex_t lock;
	struct guard_slot slot[GUARD_SLOTS];
};
struct login_guard {
	struct guard_table addr, name;
};

struct login_guard *login_guard_new(void)
{
	struct login_guard *g = xcalloc(1, sizeof *g);
	g->addr.by_address = true;
	pthread_mutex_init(&g->addr.lock, NULL);
	pthread_mutex_init(&g->name.lock, NULL);
	return g;
}

void login_guard_free(struct login_guard *g)
{
	if (g == NULL)
		return;
	pthread_mutex_destroy(&g->addr.lock);
	pthread_mutex_destroy(&g->name.lock);
	free(g);
}

static struct guard_slot *guard_find(struct guard_table *t, const char *key)
{
	for (int i = 0; i < GUARD_SLOTS; i++)
		if (t->slot[i].key[0] && strcmp(t->slot[i].key, key) == 0)
			return &t->slot[i];
	return NULL;
}

/* Milliseconds still to wait for key, 0 when free. */
static int64_t guard_wait(struct guard_table *t, const char *key, int64_t now_ms)
{
	int64_t wait = 0;
	pthread_mutex_lock(&t->lock);
	struct guard_slot *g = guard_find(t, key);
	if (g && t->by_address && g->failures >= ADDR_LIMIT && g->first_ms + ADDR_WINDOW_MS > now_ms)
		wait = g->first_ms + ADDR_WINDOW_MS - now_ms;
	else if (g && !t->by_address && g->failures >= FREE_FAILURES && g->last_ms + backoff_ms(g->failures) > now_ms)
		wait = g->last_ms + backoff_ms(g->failures) - now_ms;
	pthread_mutex_unlock(&t->lock);
	return wait;
}

static void guard_failed(struct guard_table *t, const char *key, int64_t now_ms)
{
	pthread_mutex_lock(&t->lock);
	struct guard_slot *g = guard_find(t, key);
	if (g == NULL) {
		g = &t->slot[0];
		for (int i = 0; i < GUARD_SLOTS && g->key[0]; i++)
			if (t->slot[i].key[0] == '\0' || t->slot[i].last_ms < g->last_ms)
				g = &t->slot[i];
		memset(g, 0, sizeof *g);
		str_copy(g->key, sizeof g->key, key);
		g->first_ms = now_ms;
	}
	if (t->by_address && g->first_ms + ADDR_WINDOW_MS <= now_ms) {
		g->failures = 0; /* a new window */
		g->first_ms = now_ms;
	}
	g->failures++;
	g->last_ms = now_ms;
	pthread_mutex_unlock(&t->lock);
}

/* The address guard's key: the address, an IPv6 one cut to its /64 (one
 * subscriber's network), an IPv4-mapped one as its IPv4 address. */
static void address_key(const char *address, char out[72])
{
	unsigned char v6[16];
	char text[INET6_ADDRSTRLEN];
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	if (address && inet_pton(AF_INET6, address, v6) == 1) {
		if (memcmp(v6, mapped, sizeof mapped) == 0)
			inet_ntop(AF_INET, v6 + 12, text, sizeof text); /* ::ffff:a.b.c.d is a.b.c.d */
		else {
			memset(v6 + 8, 0, 8);
			inet_ntop(AF_INET6, v6, text, sizeof text);
		}
		address = text;
	}
	str_copy(out, 72, address && *address ? address : "-");
}

/* ---- sessions ---- */

/* A fresh random token (for the cookie) and its hash (for the store). */
static void token_new(char token[SESSION_TOKEN_LEN], char th[65])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(token, SESSION_TOKEN_LEN, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
	token_hash(token, th);
}

static int session_open(struct app_ctx *ctx, const struct user_row *u, char token[SESSION_TOKEN_LEN], struct err *e)
{
	char th[65];
	int64_t now = clock_now_ms() / 1000;

	token_new(token, th);
	if (store_session_insert(ctx->st, th, u->id, now, now + ctx->app->session_max_s, e) != 0)
		return -1;
	app_ctx_user(ctx, u);
	ctx->setup_only = u->org_requires_second_factor && !u->second_factor;
	return 0;
}

static int pending_open(struct app_ctx *ctx, const struct user_row *u, char token[SESSION_TOKEN_LEN], struct err *e)
{
	char th[65];
	int64_t now = clock_now_ms() / 1000;

	token_new(token, th);
	return store_pending_insert(ctx->st, th, u->id, now, now + PENDING_S, e);
}

int app_login(struct app_ctx *ctx, const char *username, const char *password, const char *address,
	      char token[SESSION_TOKEN_LEN], enum login_step *step, struct err *e)
{
	char akey[72], nkey[72];
	struct user_row u = { 0 };
	int64_t now = clock_now_ms();

	if (username == NULL || *username == '\0')
		err_field(e, "username", "is required");
	if (password == NULL || *password == '\0')
		err_field(e, "password", "is required");
	if (e->nfields)
		return -1;
	address_key(address, akey);
	str_copy(nkey, sizeof nkey, username);
	int64_t wait = guard_wait(&ctx->app->login_guard->addr, akey, now);
	if (wait > 0)
		return throttled(e, wait);

	struct err lookup;
	err_init(&lookup);
	bool found = store_user_by_name(ctx->st, username, &u, &lookup) == 0;
	bool failed_lookup = !found && lookup.kind != ERR_NOT_FOUND;
	err_release(&lookup);
	if (failed_lookup)
		return err_set(e, ERR_INTERNAL, "user lookup failed");
	if (found && auth_account_wait(&u, now, e) != 0)
		goto out_wipe;
	if (!found && (wait = guard_wait(&ctx->app->login_guard->name, nkey, now)) > 0) {
		throttled(e, wait);
		goto out_wipe;
	}

	/* verify against a real hash even for unknown names, so the time taken
	 * does not tell which names exist */
	pthread_once(&dummy_once, make_dummy_hash);
	bool ok = password_ok(ctx->app, found ? u.password_hash : dummy_hash, password) && found && u.active;
	sodium_memzero(u.password_hash, sizeof u.password_hash);
	if (!ok) {
		guard_failed(&ctx->app->login_guard->addr, akey, now);
		if (!found)
			guard_failed(&ctx->app->login_guard->name, nkey, now);
		else if (auth_account_failed(ctx, &u, now, e) != 0)
			return -1;
		return err_set(e, ERR_UNAUTHORIZED, "wrong user name or password");
	}
	if (store_login_reset(ctx->st, u.id, e) != 0)
		return -1;
	if (u.second_factor) {
		*step = LOGIN_SECOND_FACTOR;
		return pending_open(ctx, &u, token, e);
	}
	*step = LOGIN_DONE;
	return session_open(ctx, &u, token, e);
out_wipe:
	sodium_memzero(u.password_hash, sizeof u.password_hash);
	return -1;
}

int app_login_second_factor(struct app_ctx *ctx, const char *pending, const char *code, const char *address,
			    char token[SESSION_TOKEN_LEN], struct err *e)
{
	char akey[72], th[65];
	struct user_row u;
	int64_t uid, now = clock_now_ms();

	if (code == NULL || *code == '\0')
		return err_field(e, "code", "is required");
	if (pending == NULL || strlen(pending) != SESSION_TOKEN_LEN - 1)
		return err_set(e, ERR_UNAUTHORIZED, "no pending login, or it expired: log in with your password again");
	address_key(address, akey);
	int64_t wait = guard_wait(&ctx->app->login_guard->addr, akey, now);
	if (wait > 0)
		return throttled(e, wait);
	token_hash(pending, th);
	if (store_pending_lookup(ctx->st, th, now / 1000, &uid, e) != 0)
		return -1;
	if (store_user_get(ctx->st, uid, &u, e) != 0)
		return -1;
	sodium_memzero(u.password_hash, sizeof u.password_hash);
	if (!u.active)
		return err_set(e, ERR_UNAUTHORIZED, "no pending login, or it expired: log in with your password again");
	if (auth_account_wait(&u, now, e) != 0)
		return -1;
	if (second_factor_verify(ctx, &u, code, e) != 0) {
		if (e->kind != ERR_UNAUTHORIZED)
			return -1;
		guard_failed(&ctx->app->login_guard->addr, akey, now);
		struct err tmp;
		err_init(&tmp);
		if (auth_account_failed(ctx, &u, now, &tmp) != 0)
			err_set(e, ERR_INTERNAL, "%s", tmp.msg);
		err_release(&tmp);
		return -1;
	}
	if (store_login_reset(ctx->st, u.id, e) != 0 || store_pending_delete(ctx->st, u.id, e) != 0)
		return -1;
	u.login_failures = 0;
	return session_open(ctx, &u, token, e);
}

static int session_resolve(struct app_ctx *ctx, const char *token, struct err *e)
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
	/* the organisation's requirement holds for sessions opened before it
	 * was set, too */
	ctx->setup_only = u.org_requires_second_factor && !u.second_factor;
	return 0;
}

int app_session(struct app_ctx *ctx, const char *token, struct err *e)
{
	if (session_resolve(ctx, token, e) != 0)
		return -1;
	if (ctx->setup_only)
		return err_set(e, ERR_FORBIDDEN,
			       "your organisation requires a second factor: set it up on your account page first "
			       "(tweestapsverificatie is verplicht: stel die eerst in op de pagina Mijn account)");
	return 0;
}

int app_session_setup(struct app_ctx *ctx, const char *token, struct err *e)
{
	return session_resolve(ctx, token, e);
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
	*out = json_pack("{s:I,s:s,s:s,s:b}", "id", (json_int_t)id, "name", get_str(in, "name"), "type", type,
			 "require_second_factor", false);
	return 0;
}

int app_org_update(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e)
{
	static const char *const allowed[] = { "require_second_factor", NULL };
	struct org_row org;

	if (need_admin(ctx, e) != 0)
		return -1;
	if (!json_is_object(in))
		return err_field(e, "body", "must be a JSON object");
	input_unknown_members(in, allowed, e);
	json_t *req = json_object_get(in, "require_second_factor");
	if (req == NULL)
		err_field(e, "require_second_factor", "is required");
	else if (!json_is_boolean(req))
		err_field(e, "require_second_factor", "must be true or false");
	if (e->nfields)
		return -1;
	if (store_org_get(ctx->st, id, &org, e) != 0)
		return -1;
	if (store_org_set_second_factor(ctx->st, id, json_is_true(req), e) != 0)
		return -1;
	log_info("organisation %lld \"%s\": second factor %s by %s", (long long)id, org.name,
		 json_is_true(req) ? "required" : "no longer required", ctx->actor.username);
	*out = json_pack("{s:I,s:s,s:s,s:b}", "id", (json_int_t)id, "name", org.name, "type", org.type,
			 "require_second_factor", json_is_true(req));
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
