/*
 * app.h - use cases: one function per action a user takes. This is the
 * only layer that decides who may do what: every function takes a
 * `struct app_ctx` naming the actor, checks the access table
 * (domain/access.h) against the actor's relation to the participant and
 * the participant's consent, and writes the processing log (app/audit.h).
 * The HTTP and CLI faces call these and nothing below them.
 *
 * Results come back as new JSON references the caller owns; errors as
 * -1 with `e` filled.
 */
#ifndef MEEDOEN_APP_H
#define MEEDOEN_APP_H

#include <jansson.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/keyring.h"
#include "base/err.h"
#include "base/netaddr.h"
#include "domain/access.h"
#include "domain/date.h"
#include "store/store.h"

struct log_batch;
struct login_guard;

/* Long-lived application state, built at start-up and read-only after
 * (but for the login gate and the login guard, which have their own
 * locks). */
struct app {
	unsigned char pseudonym_key[32]; /* a copy of keys.pseudonym */
	struct keyring keys;              /* app/keyring.h, app/vault.h */
	int key_lock;                     /* keyring_lock's descriptor, or -1 */
	int64_t session_idle_s;
	int64_t session_max_s;
	bool secure_cookies;
	/* proxies whose X-Forwarded-For names the client (serve
	 * --trusted-proxy); empty: the peer is the client */
	struct netaddr_set trusted_proxies;
	/* at most max_hashing argon2id hashes at once (64 MiB each) */
	pthread_mutex_t hash_lock;
	pthread_cond_t hash_cond;
	int hashing;
	int max_hashing;
	/* failed logins counted in memory, bounded: per client address and per
	 * name that is no account (app/auth.c) */
	struct login_guard *login_guard;
	/* group commit of processing-log entries outside transactions (the
	 * server sets it; NULL writes each entry on the request's connection) */
	struct log_batch *log_batch;
};

struct actor {
	int64_t user_id; /* 0 for the system actor */
	enum role role;
	int64_t org_id;
	char username[72];
	char display_name[128];
	char org_name[128];
	char org_type[32];
};

/* Per request or command. */
struct app_ctx {
	struct app *app;
	struct store *st;
	struct actor actor;
	char trace_id[33];
	char span_id[17];
	char parent_span_id[17]; /* the caller's span from a traceparent header, or "" */
	date_t today;
	char today_s[DATE_STR_LEN];
	char now_s[32]; /* timestamp of the request */
	int64_t started_ms;
	/* the session may only set up the second factor (its organisation
	 * requires one and the user has none yet): app_session_setup() */
	bool setup_only;
};

/* Set up app state with the database behind st and bring the database
 * under the keys from `where` (keyring_locate; NULL: fresh keys held in
 * memory only, for unit tests and ":memory:"). A missing key file is
 * created only for a database that holds no sealed data yet (a new one,
 * or one from before migration 007, whose pseudonym key moves from the
 * setting table into the file and whose plain values are then sealed);
 * for a database with sealed data it is an error, as is a key file that
 * belongs to another database. */
int app_init(struct app *app, struct store *st, const struct keyring_where *where, struct err *e);
void app_release(struct app *app);

/* Start a context for one request; trace_id may be NULL to draw a new one.
 * The actor is nobody (no rights) until app_ctx_set_user/system. */
void app_ctx_init(struct app_ctx *ctx, struct app *app, struct store *st, const char *trace_id);
/* Continue the caller's trace when header is a valid W3C traceparent
 * (domain/logchain.h): its trace id becomes ours, its span our parent
 * span; this request keeps its own fresh span id. NULL or an invalid
 * header changes nothing. */
void app_ctx_traceparent(struct app_ctx *ctx, const char *header);
/* Act as the local operator (command line without --as). */
void app_ctx_system(struct app_ctx *ctx);
/* Act as the user u. */
void app_ctx_user(struct app_ctx *ctx, const struct user_row *u);
/* JSON of the actor: {"id","username","display_name","role","role_label",
 * "organisation_id","organisation_name","organisation_type"}. */
json_t *app_actor_json(const struct actor *a);

/* ---- sessions and users (app/auth.c) ---- */

#define SESSION_TOKEN_LEN 44 /* base64url of 32 bytes plus NUL */

/* What a right password leads to. */
enum login_step {
	LOGIN_DONE,          /* token is a session; the actor is set */
	LOGIN_SECOND_FACTOR, /* token is a pending login (not a session):
			      * app_login_second_factor() finishes it */
};

/* Check a password. A user with a second factor gets a pending login
 * (valid 5 minutes) for app_login_second_factor(); anyone else a session,
 * which is setup-only (see app_session) while their organisation requires
 * a second factor they have not set up. Failed attempts count against the
 * account (back-off: after 5, 1 s doubling to 15 min, reset by a success)
 * and against the address (a guard of 100 per 15 min, in memory);
 * unknown names against the address and an in-memory table, never rows.
 * ERR_UNAUTHORIZED for a wrong name or password, ERR_THROTTLED with
 * retry_after while either is locked. */
int app_login(struct app_ctx *ctx, const char *username, const char *password, const char *address,
	      char token[SESSION_TOKEN_LEN], enum login_step *step, struct err *e);
/* Finish a pending login with a TOTP code or a recovery code: a session
 * in token. Wrong codes count like wrong passwords; a code is taken once. */
int app_login_second_factor(struct app_ctx *ctx, const char *pending, const char *code, const char *address,
			    char token[SESSION_TOKEN_LEN], struct err *e);
/* Resolve a session token into ctx->actor, or ERR_UNAUTHORIZED; a
 * setup-only session is ERR_FORBIDDEN here. */
int app_session(struct app_ctx *ctx, const char *token, struct err *e);
/* The same, but a setup-only session is accepted (ctx->setup_only). For
 * the own-account routes, /api/me and logout. */
int app_session_setup(struct app_ctx *ctx, const char *token, struct err *e);
int app_logout(struct app_ctx *ctx, const char *token, struct err *e);

/* Hash a password with argon2id into out (crypto_pwhash_STRBYTES). */
int app_password_hash(struct app *app, const char *password, char *out, size_t size, struct err *e);

/* Users and organisations (admin). `in` as in docs/api.md. */
int app_user_add(struct app_ctx *ctx, const json_t *in, json_t **out, struct err *e);
int app_user_list(struct app_ctx *ctx, json_t **out, struct err *e);
int app_user_update(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e);
int app_org_add(struct app_ctx *ctx, const json_t *in, json_t **out, struct err *e);
int app_org_list(struct app_ctx *ctx, json_t **out, struct err *e);
/* Change an organisation: {"require_second_factor": bool} (admin). */
int app_org_update(struct app_ctx *ctx, int64_t id, const json_t *in, json_t **out, struct err *e);

/* ---- the second factor (app/second_factor.c) ---- */

/* The actor's own second factor: {"enabled","required","setting_up",
 * "recovery_codes_left"}. */
int app_second_factor_status(struct app_ctx *ctx, json_t **out, struct err *e);
/* Start setting up TOTP: a new secret (unconfirmed until a first code),
 * {"secret" (base32),"uri" (otpauth://),"qr":{"size","rows":["0101…"]}}.
 * ERR_CONFLICT when one is active already. */
int app_second_factor_begin(struct app_ctx *ctx, json_t **out, struct err *e);
/* Confirm with {"code"}: the secret becomes active and
 * {"recovery_codes":[10 codes]} come back, shown this once. */
int app_second_factor_confirm(struct app_ctx *ctx, const json_t *in, json_t **out, struct err *e);
/* Turn it off with {"code"} (TOTP or recovery code); ERR_FORBIDDEN when
 * the organisation requires it. */
int app_second_factor_disable(struct app_ctx *ctx, const json_t *in, struct err *e);
/* Admin: forget user id's second factor and end their sessions; they set
 * it up again at their next login if their organisation requires it. */
int app_second_factor_reset(struct app_ctx *ctx, int64_t id, json_t **out, struct err *e);

/* All code lists, roles, organisation types and categories. */
json_t *app_codes(void);

/* ---- participants (app/participant.c) ---- */

struct list_params {
	const char *q;
	int64_t organisation_id;
	const char *arrival_from;
	const char *arrival_to;
	int page;
	int per_page;
};

int app_participant_create(struct app_ctx *ctx, const json_t *in, json_t **out, struct err *e);
int app_participant_get(struct app_ctx *ctx, int64_t id, json_t **out, struct err *e);
int app_participant_update(struct app_ctx *ctx, int64_t id, const json_t *patch, json_t **out, struct err *e);
int app_participant_list(struct app_ctx *ctx, const struct list_params *p, json_t **out, struct err *e);
/* The participants whose BSN is bsn (by its keyed lookup hash; the BSN
 * itself is stored sealed) and whose BSN the actor may read:
 * {"items":[{"id","family_name","given_names","birth_date"}]}, each
 * logged. ERR_INVALID for a malformed BSN, ERR_FORBIDDEN for a role that
 * reads no BSN. */
int app_participant_find_bsn(struct app_ctx *ctx, const char *bsn, json_t **out, struct err *e);

/* Links (caseload and network), consent and the processing log of one
 * participant. */
int app_link_list(struct app_ctx *ctx, int64_t pid, json_t **out, struct err *e);
int app_link_add(struct app_ctx *ctx, int64_t pid, const json_t *in, json_t **out, struct err *e);
int app_link_end(struct app_ctx *ctx, int64_t pid, int64_t link_id, json_t **out, struct err *e);
int app_consent_list(struct app_ctx *ctx, int64_t pid, json_t **out, struct err *e);
int app_consent_add(struct app_ctx *ctx, int64_t pid, const json_t *in, json_t **out, struct err *e);
int app_consent_revoke(struct app_ctx *ctx, int64_t pid, int64_t cid, json_t **out, struct err *e);
int app_log_list(struct app_ctx *ctx, int64_t pid, int page, int per_page, json_t **out, struct err *e);

/* ---- screening import (app/import.c) ---- */

enum import_format { IMPORT_CSV, IMPORT_JSONL };

/* Called after each row with (rows done, bytes done, bytes total). */
typedef void (*import_progress)(void *arg, long rows, size_t done, size_t total);

/* Import a screening file held in data[0..n). All-or-nothing unless
 * partial. *report is always set (see docs/api.md); returns 0 when the
 * file was accepted, -1 with ERR_INVALID when rows were refused (and, if
 * not partial, nothing changed), or another error. */
int app_import_screening(struct app_ctx *ctx, enum import_format fmt, const char *data, size_t n, bool partial,
			 import_progress progress, void *progress_arg, json_t **report, struct err *e);

/* ---- the operator's database check (app/check.c) ---- */

/* Check the database file at path (integrity with the collation loaded,
 * foreign keys, file modes, schema version) without migrating it.
 * *report: {"database","schema_version","schema_latest",
 * "pending_migrations","ok","problems":[text]}. ERR_NOT_FOUND when there is
 * no file; an error when it cannot be opened or read at all. */
int app_check(const char *path, json_t **report, struct err *e);

/* ---- demo data (app/demo.c) ---- */

/* Fill an empty database with organisations, a user per role (password
 * DEMO_PASSWORD) and n participants drawn from seed. *summary lists the
 * logins. ERR_CONFLICT when the database already has users. */
#define DEMO_PASSWORD "meedoen-demo"
int app_demo(struct app_ctx *ctx, long n, uint64_t seed, json_t **summary, struct err *e);

#endif
