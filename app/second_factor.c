/*
 * second_factor.c - the second factor: TOTP (RFC 6238, domain/totp.c) with
 * single-use recovery codes. A user sets it up on their own account page:
 * meedoen draws a new secret, shows it as a QR code (libqrencode, drawn
 * here as a matrix the page turns into SVG) and as text, and activates it
 * once the user types a first code. An organisation can require it of its
 * users (app_org_update); the admin can reset it.
 *
 * The secret is stored encrypted (crypto_secretbox) under a key derived
 * from the installation's pseudonym key, and recovery codes only as keyed
 * BLAKE2b hashes; both keys are subkeys (crypto_kdf) of that one key, which
 * lives in the key file outside the database (app/keyring.h) and is never
 * rotated, so a copy of the database alone opens no secret. Plain secrets
 * live on the stack only as long as needed and are wiped.
 */
#include "app/app.h"
#include "app/auth_internal.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/log.h"
#include "domain/totp.h"

#include <qrencode.h>
#include <sodium.h>
#include <string.h>

#define SEALED_PREFIX "v1:"
#define SEALED_LEN 128
#define KDF_CONTEXT "meed2fa_"
#define SUBKEY_SECRET 1
#define SUBKEY_RECOVERY 2

static void subkey(const struct app *app, uint64_t id, unsigned char key[crypto_secretbox_KEYBYTES])
{
	crypto_kdf_derive_from_key(key, crypto_secretbox_KEYBYTES, id, KDF_CONTEXT, app->pseudonym_key);
}

/* Encrypt raw into text "v1:" base64(nonce | box). */
static void secret_seal(const struct app *app, const unsigned char raw[TOTP_SECRET_BYTES], char out[SEALED_LEN])
{
	unsigned char key[crypto_secretbox_KEYBYTES];
	unsigned char box[crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + TOTP_SECRET_BYTES];

	subkey(app, SUBKEY_SECRET, key);
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, raw, TOTP_SECRET_BYTES, box, key);
	sodium_memzero(key, sizeof key);
	str_copy(out, SEALED_LEN, SEALED_PREFIX);
	sodium_bin2base64(out + strlen(SEALED_PREFIX), SEALED_LEN - strlen(SEALED_PREFIX), box, sizeof box,
			  sodium_base64_VARIANT_ORIGINAL);
}

static int secret_open(const struct app *app, const char *text, unsigned char raw[TOTP_SECRET_BYTES], struct err *e)
{
	unsigned char key[crypto_secretbox_KEYBYTES];
	unsigned char box[crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + TOTP_SECRET_BYTES];
	size_t len = 0;
	size_t plen = strlen(SEALED_PREFIX);

	if (strncmp(text, SEALED_PREFIX, plen) != 0 ||
	    sodium_base642bin(box, sizeof box, text + plen, strlen(text + plen), NULL, &len, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    len != sizeof box)
		return err_set(e, ERR_INTERNAL, "the stored second-factor secret is damaged");
	subkey(app, SUBKEY_SECRET, key);
	int rc = crypto_secretbox_open_easy(raw, box + crypto_secretbox_NONCEBYTES, len - crypto_secretbox_NONCEBYTES,
					    box, key);
	sodium_memzero(key, sizeof key);
	if (rc != 0)
		return err_set(e, ERR_INTERNAL, "the stored second-factor secret does not decrypt (another key?)");
	return 0;
}

/* Hex of the keyed hash of a normalised recovery code. */
static void recovery_hash(const struct app *app, const char *normal, char out[65])
{
	unsigned char key[crypto_secretbox_KEYBYTES], h[32];
	subkey(app, SUBKEY_RECOVERY, key);
	crypto_generichash(h, sizeof h, (const unsigned char *)normal, strlen(normal), key, sizeof key);
	sodium_memzero(key, sizeof key);
	sodium_bin2hex(out, 65, h, sizeof h);
}

/* The actor's own row; the system actor has no second factor. */
static int own_user(struct app_ctx *ctx, struct user_row *u, struct err *e)
{
	if (ctx->actor.user_id <= 0)
		return err_set(e, ERR_FORBIDDEN, "only a user who logs in has a second factor");
	if (store_user_get(ctx->st, ctx->actor.user_id, u, e) != 0)
		return -1;
	sodium_memzero(u->password_hash, sizeof u->password_hash);
	return 0;
}

static const char *code_of(const json_t *in, struct err *e)
{
	if (!json_is_object(in)) {
		err_field(e, "body", "must be a JSON object");
		return NULL;
	}
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)in, key, v) {
		if (strcmp(key, "code") != 0)
			err_field(e, key, "unknown field");
	}
	json_t *c = json_object_get(in, "code");
	if (c == NULL || (json_is_string(c) && json_string_length(c) == 0))
		err_field(e, "code", "is required");
	else if (!json_is_string(c) || json_string_length(c) > 40)
		err_field(e, "code", "must be the 6 digits of your app or a recovery code");
	return e->nfields ? NULL : json_string_value(c);
}

int second_factor_verify(struct app_ctx *ctx, const struct user_row *u, const char *code, struct err *e)
{
	char sealed[SEALED_LEN];
	bool confirmed = false, good = false;
	int64_t last_step = 0, step = 0;
	struct err tmp;

	err_init(&tmp);
	int rc = store_totp_get(ctx->st, u->id, sealed, sizeof sealed, &confirmed, &last_step, &tmp);
	if (rc != 0 && tmp.kind != ERR_NOT_FOUND) {
		err_set(e, tmp.kind, "%s", tmp.msg);
		err_release(&tmp);
		return -1;
	}
	err_release(&tmp);
	if (rc != 0 || !confirmed)
		return err_set(e, ERR_UNAUTHORIZED, "wrong code");
	if (totp_looks_like_code(code)) {
		unsigned char raw[TOTP_SECRET_BYTES];
		if (secret_open(ctx->app, sealed, raw, e) != 0)
			return -1;
		enum totp_result r = totp_check(raw, sizeof raw, clock_now_ms() / 1000, code, last_step, &step);
		sodium_memzero(raw, sizeof raw);
		if (r == TOTP_REUSED)
			return err_set(e, ERR_UNAUTHORIZED, "this code was used already: wait for the next code");
		if (r == TOTP_OK && store_totp_take_step(ctx->st, u->id, step, &good, e) != 0)
			return -1;
		if (r == TOTP_OK && !good)
			return err_set(e, ERR_UNAUTHORIZED, "this code was used already: wait for the next code");
	} else {
		char normal[RECOVERY_NORMAL_LEN], hash[65];
		if (recovery_code_normalize(code, normal) == 0) {
			recovery_hash(ctx->app, normal, hash);
			sodium_memzero(normal, sizeof normal);
			if (store_recovery_use(ctx->st, u->id, hash, clock_now_ms() / 1000, &good, e) != 0)
				return -1;
			if (good)
				log_info("user %s logged in with a recovery code", u->username);
		}
	}
	if (!good)
		return err_set(e, ERR_UNAUTHORIZED, "wrong code");
	return 0;
}

int app_second_factor_status(struct app_ctx *ctx, json_t **out, struct err *e)
{
	struct user_row u;
	char sealed[SEALED_LEN];
	bool confirmed = false;
	int64_t last = 0;
	int left = 0;
	struct err tmp;

	if (own_user(ctx, &u, e) != 0)
		return -1;
	err_init(&tmp);
	bool has = store_totp_get(ctx->st, u.id, sealed, sizeof sealed, &confirmed, &last, &tmp) == 0;
	bool failed = !has && tmp.kind != ERR_NOT_FOUND;
	err_release(&tmp);
	sodium_memzero(sealed, sizeof sealed);
	if (failed)
		return err_set(e, ERR_INTERNAL, "second factor could not be read");
	if (store_recovery_left(ctx->st, u.id, &left, e) != 0)
		return -1;
	*out = json_pack("{s:b,s:b,s:b,s:i}", "enabled", u.second_factor, "required", u.org_requires_second_factor,
			 "setting_up", has && !confirmed, "recovery_codes_left", left);
	return 0;
}

/* The QR code of text as {"size":N,"rows":["0101…",…]} (1 = dark). */
static json_t *qr_json(const char *text, struct err *e)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (qr == NULL) {
		err_set(e, ERR_INTERNAL, "the QR code could not be made");
		return NULL;
	}
	json_t *rows = json_array();
	char line[200];
	int w = qr->width < (int)sizeof line - 1 ? qr->width : (int)sizeof line - 1;
	for (int y = 0; y < w; y++) {
		for (int x = 0; x < w; x++)
			line[x] = (qr->data[y * qr->width + x] & 1) ? '1' : '0';
		line[w] = '\0';
		json_array_append_new(rows, json_string(line));
	}
	sodium_memzero(line, sizeof line);
	/* the modules encode the secret */
	sodium_memzero(qr->data, (size_t)qr->width * (size_t)qr->width);
	json_t *o = json_pack("{s:i,s:o}", "size", w, "rows", rows);
	QRcode_free(qr);
	return o;
}

int app_second_factor_begin(struct app_ctx *ctx, json_t **out, struct err *e)
{
	struct user_row u;
	unsigned char raw[TOTP_SECRET_BYTES];
	char b32[TOTP_SECRET_B32_LEN], sealed[SEALED_LEN];
	struct buf uri;
	int rc = -1;

	if (own_user(ctx, &u, e) != 0)
		return -1;
	if (u.second_factor)
		return err_set(e, ERR_CONFLICT, "a second factor is active already: turn it off first to set up another");
	randombytes_buf(raw, sizeof raw);
	totp_base32(raw, sizeof raw, b32, sizeof b32);
	secret_seal(ctx->app, raw, sealed);
	sodium_memzero(raw, sizeof raw);
	buf_init(&uri, 512);
	totp_uri(&uri, "meedoen", u.username, b32);
	if (uri.failed) {
		err_set(e, ERR_INTERNAL, "the user name is too long for a QR code");
		goto out_wipe;
	}
	if (store_totp_put(ctx->st, u.id, sealed, clock_now_ms() / 1000, e) != 0)
		goto out_wipe;
	json_t *qr = qr_json(uri.data, e);
	if (qr == NULL)
		goto out_wipe;
	*out = json_pack("{s:s,s:s,s:o,s:s,s:i,s:i,s:s}", "secret", b32, "uri", uri.data, "qr", qr, "algorithm", "SHA1",
			 "digits", TOTP_DIGITS, "period", TOTP_STEP_S, "issuer", "meedoen");
	rc = 0;
out_wipe:
	sodium_memzero(b32, sizeof b32);
	sodium_memzero(sealed, sizeof sealed);
	if (uri.data)
		sodium_memzero(uri.data, uri.cap);
	buf_release(&uri);
	return rc;
}

int app_second_factor_confirm(struct app_ctx *ctx, const json_t *in, json_t **out, struct err *e)
{
	struct user_row u;
	char sealed[SEALED_LEN];
	unsigned char raw[TOTP_SECRET_BYTES];
	char codes[RECOVERY_CODE_COUNT][RECOVERY_CODE_LEN];
	char hashes[RECOVERY_CODE_COUNT][65];
	bool confirmed = false, taken = false;
	int64_t last = 0, step = 0, now = clock_now_ms();

	const char *code = code_of(in, e);
	if (code == NULL)
		return -1;
	if (own_user(ctx, &u, e) != 0)
		return -1;
	if (auth_account_wait(&u, now, e) != 0)
		return -1;
	if (store_totp_get(ctx->st, u.id, sealed, sizeof sealed, &confirmed, &last, e) != 0) {
		if (e->kind == ERR_NOT_FOUND)
			err_set(e, ERR_CONFLICT, "start the setup first: no secret is waiting to be confirmed");
		return -1;
	}
	if (confirmed)
		return err_set(e, ERR_CONFLICT, "the second factor is active already");
	if (secret_open(ctx->app, sealed, raw, e) != 0)
		return -1;
	enum totp_result r = totp_check(raw, sizeof raw, now / 1000, code, last, &step);
	sodium_memzero(raw, sizeof raw);
	sodium_memzero(sealed, sizeof sealed);
	if (r != TOTP_OK) {
		if (auth_account_failed(ctx, &u, now, e) != 0)
			return -1;
		return err_field(e, "code", "is not the current code of your authenticator app");
	}
	for (int i = 0; i < RECOVERY_CODE_COUNT; i++) {
		unsigned char rnd[RECOVERY_RAW_BYTES];
		char normal[RECOVERY_NORMAL_LEN];
		randombytes_buf(rnd, sizeof rnd);
		recovery_code_format(rnd, codes[i]);
		recovery_code_normalize(codes[i], normal);
		recovery_hash(ctx->app, normal, hashes[i]);
		sodium_memzero(rnd, sizeof rnd);
		sodium_memzero(normal, sizeof normal);
	}
	int rc = -1;
	if (store_begin(ctx->st, e) != 0)
		goto out_wipe;
	if (store_totp_take_step(ctx->st, u.id, step, &taken, e) != 0 || store_totp_confirm(ctx->st, u.id, now / 1000, e) != 0 ||
	    store_recovery_replace(ctx->st, u.id, hashes, RECOVERY_CODE_COUNT, e) != 0 ||
	    store_login_reset(ctx->st, u.id, e) != 0) {
		store_rollback(ctx->st);
		goto out_wipe;
	}
	if (store_commit(ctx->st, e) != 0)
		goto out_wipe;
	log_info("user %s set up a second factor", u.username);
	json_t *list = json_array();
	for (int i = 0; i < RECOVERY_CODE_COUNT; i++)
		json_array_append_new(list, json_string(codes[i]));
	*out = json_pack("{s:b,s:o}", "enabled", true, "recovery_codes", list);
	ctx->setup_only = false;
	rc = 0;
out_wipe:
	sodium_memzero(codes, sizeof codes);
	return rc;
}

int app_second_factor_disable(struct app_ctx *ctx, const json_t *in, struct err *e)
{
	struct user_row u;
	bool had = false;
	int64_t now = clock_now_ms();

	const char *code = code_of(in, e);
	if (code == NULL)
		return -1;
	if (own_user(ctx, &u, e) != 0)
		return -1;
	if (!u.second_factor)
		return err_set(e, ERR_CONFLICT, "no second factor is active");
	if (u.org_requires_second_factor)
		return err_set(e, ERR_FORBIDDEN, "your organisation requires a second factor: it cannot be turned off");
	if (auth_account_wait(&u, now, e) != 0)
		return -1;
	if (second_factor_verify(ctx, &u, code, e) != 0) {
		if (e->kind == ERR_UNAUTHORIZED) {
			struct err tmp;
			err_init(&tmp);
			if (auth_account_failed(ctx, &u, now, &tmp) != 0)
				err_set(e, ERR_INTERNAL, "%s", tmp.msg);
			err_release(&tmp);
			if (e->kind == ERR_UNAUTHORIZED) {
				/* the session is fine; the code is not */
				err_clear(e);
				err_field(e, "code", "is not a valid code");
			}
		}
		return -1;
	}
	if (store_totp_delete(ctx->st, u.id, &had, e) != 0)
		return -1;
	log_info("user %s turned off their second factor", u.username);
	return 0;
}

int app_second_factor_reset(struct app_ctx *ctx, int64_t id, json_t **out, struct err *e)
{
	struct user_row u;
	bool had = false;

	if (!access_may(ctx->actor.role, ACT_MANAGE_USERS, NULL))
		return err_set(e, ERR_FORBIDDEN, "only an administrator may reset a second factor");
	if (store_user_get(ctx->st, id, &u, e) != 0)
		return -1;
	sodium_memzero(u.password_hash, sizeof u.password_hash);
	if (store_begin(ctx->st, e) != 0)
		return -1;
	if (store_totp_delete(ctx->st, id, &had, e) != 0 || store_pending_delete(ctx->st, id, e) != 0 ||
	    store_session_delete_user(ctx->st, id, e) != 0) {
		store_rollback(ctx->st);
		return -1;
	}
	if (store_commit(ctx->st, e) != 0)
		return -1;
	log_info("second factor of user %s (id %lld) reset by %s%s", u.username, (long long)id, ctx->actor.username,
		 had ? "" : " (there was none)");
	if (store_user_get(ctx->st, id, &u, e) != 0)
		return -1;
	sodium_memzero(u.password_hash, sizeof u.password_hash);
	*out = store_user_json(&u);
	json_object_set_new(*out, "had_second_factor", json_boolean(had));
	return 0;
}
