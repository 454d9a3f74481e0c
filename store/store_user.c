/*
 * store_user.c - organisations, users, sessions, failed-login counters
 * (per account: the per-address guard is in memory, app/auth.c) and the
 * second factor: TOTP secrets, recovery codes and pending logins.
 */
#include "store/sqlite_internal.h"
#include "base/buf.h"

#include <string.h>

int store_org_insert(struct store *st, const char *name, const char *type, int64_t *id, struct err *e)
{
	static const char sql[] = "INSERT INTO organisation (name, type, created_at) "
				  "VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, name);
	bind_text(s, 2, type);
	if (stmt_exec(st, s, e, "organisation") != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

static int org_row(struct store *st, sqlite3_stmt *s, struct org_row *out, struct err *e, const char *what)
{
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(s, 0);
		col_copy(s, 1, out->name, sizeof out->name);
		col_copy(s, 2, out->type, sizeof out->type);
		out->require_second_factor = sqlite3_column_int(s, 3) != 0;
		sqlite3_reset(s);
		return 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_error(st, e, "organisation");
	return err_set(e, ERR_NOT_FOUND, "organisation %s not found", what);
}

int store_org_get(struct store *st, int64_t id, struct org_row *out, struct err *e)
{
	static const char sql[] = "SELECT id, name, type, require_second_factor FROM organisation WHERE id = ?";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	char what[32];
	if (s == NULL)
		return -1;
	bind_int(s, 1, id);
	snprintf(what, sizeof what, "%lld", (long long)id);
	return org_row(st, s, out, e, what);
}

int store_org_by_name(struct store *st, const char *name, struct org_row *out, struct err *e)
{
	static const char sql[] = "SELECT id, name, type, require_second_factor FROM organisation WHERE name = ?";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	char what[160];
	if (s == NULL)
		return -1;
	bind_text(s, 1, name);
	snprintf(what, sizeof what, "\"%.128s\"", name);
	return org_row(st, s, out, e, what);
}

static json_t *org_json(sqlite3_stmt *s)
{
	return json_pack("{s:I,s:s,s:s,s:b}", "id", (json_int_t)sqlite3_column_int64(s, 0), "name", col_text(s, 1), "type",
			 col_text(s, 2), "require_second_factor", sqlite3_column_int(s, 3) != 0);
}

int store_org_list(struct store *st, json_t **out, struct err *e)
{
	static const char sql[] =
		"SELECT id, name, type, require_second_factor FROM organisation ORDER BY name COLLATE nl";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	return stmt_items(st, s, org_json, out, e, "organisations");
}

int store_org_set_second_factor(struct store *st, int64_t id, bool required, struct err *e)
{
	static const char sql[] = "UPDATE organisation SET require_second_factor = ? WHERE id = ?";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, required ? 1 : 0);
	bind_int(s, 2, id);
	if (stmt_exec(st, s, e, "organisation") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)
		return err_set(e, ERR_NOT_FOUND, "organisation %lld not found", (long long)id);
	return 0;
}

/* ---- users ---- */

#define USER_COLUMNS                                                                                           \
	"u.id, u.username, u.display_name, u.role, u.organisation_id, o.name, o.type, u.active, u.password_hash, " \
	"u.login_failures, u.login_failed_at, o.require_second_factor, "                                     \
	"EXISTS (SELECT 1 FROM user_totp t WHERE t.user_id = u.id AND t.confirmed_at IS NOT NULL) "         \
	"FROM app_user u JOIN organisation o ON o.id = u.organisation_id "

static void user_from_row(sqlite3_stmt *s, int base, struct user_row *u)
{
	u->id = sqlite3_column_int64(s, base);
	col_copy(s, base + 1, u->username, sizeof u->username);
	col_copy(s, base + 2, u->display_name, sizeof u->display_name);
	col_copy(s, base + 3, u->role, sizeof u->role);
	u->org_id = sqlite3_column_int64(s, base + 4);
	col_copy(s, base + 5, u->org_name, sizeof u->org_name);
	col_copy(s, base + 6, u->org_type, sizeof u->org_type);
	u->active = sqlite3_column_int(s, base + 7) != 0;
	col_copy(s, base + 8, u->password_hash, sizeof u->password_hash);
	u->login_failures = sqlite3_column_int(s, base + 9);
	u->login_failed_at = sqlite3_column_int64(s, base + 10);
	u->org_requires_second_factor = sqlite3_column_int(s, base + 11) != 0;
	u->second_factor = sqlite3_column_int(s, base + 12) != 0;
}

static int user_one(struct store *st, sqlite3_stmt *s, struct user_row *out, struct err *e)
{
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		user_from_row(s, 0, out);
		sqlite3_reset(s);
		return 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_error(st, e, "user");
	return err_set(e, ERR_NOT_FOUND, "user not found");
}

int store_user_insert(struct store *st, const struct user_row *u, int64_t *id, struct err *e)
{
	static const char sql[] =
		"INSERT INTO app_user (username, display_name, password_hash, role, organisation_id, active, created_at) "
		"VALUES (?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, u->username);
	bind_text(s, 2, u->display_name);
	bind_text(s, 3, u->password_hash);
	bind_text(s, 4, u->role);
	bind_int(s, 5, u->org_id);
	bind_int(s, 6, u->active ? 1 : 0);
	if (stmt_exec(st, s, e, "user") != 0) {
		if (e->kind == ERR_CONFLICT)
			err_set(e, ERR_CONFLICT, "user name \"%s\" is taken", u->username);
		return -1;
	}
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int store_user_get(struct store *st, int64_t id, struct user_row *out, struct err *e)
{
	static const char sql[] = "SELECT " USER_COLUMNS "WHERE u.id = ?";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, id);
	return user_one(st, s, out, e);
}

int store_user_by_name(struct store *st, const char *username, struct user_row *out, struct err *e)
{
	static const char sql[] = "SELECT " USER_COLUMNS "WHERE u.username = ?";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, username);
	return user_one(st, s, out, e);
}

json_t *store_user_json(const struct user_row *u)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:b,s:b,s:b}", "id", (json_int_t)u->id, "username", u->username,
			 "display_name", u->display_name, "role", u->role, "organisation_id", (json_int_t)u->org_id,
			 "organisation_name", u->org_name, "active", u->active, "second_factor", u->second_factor,
			 "second_factor_required", u->org_requires_second_factor);
}

static json_t *user_json_row(sqlite3_stmt *s)
{
	struct user_row u;
	user_from_row(s, 0, &u);
	return store_user_json(&u);
}

int store_user_list(struct store *st, json_t **out, struct err *e)
{
	static const char sql[] = "SELECT " USER_COLUMNS "ORDER BY u.username";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	return stmt_items(st, s, user_json_row, out, e, "users");
}

int store_user_update(struct store *st, int64_t id, const char *display_name, const char *password_hash, int active,
		      struct err *e)
{
	static const char sql[] = "UPDATE app_user SET display_name = coalesce(?, display_name), "
				  "password_hash = coalesce(?, password_hash), "
				  "active = CASE WHEN ? < 0 THEN active ELSE ? END WHERE id = ?";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, display_name);
	bind_text(s, 2, password_hash);
	bind_int(s, 3, active);
	bind_int(s, 4, active);
	bind_int(s, 5, id);
	if (stmt_exec(st, s, e, "user") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)
		return err_set(e, ERR_NOT_FOUND, "user %lld not found", (long long)id);
	return 0;
}

/* ---- sessions ---- */

int store_session_insert(struct store *st, const char *token_hash, int64_t user_id, int64_t now, int64_t expires_at,
			 struct err *e)
{
	static const char sql[] = "INSERT INTO session (token_hash, user_id, created_at, last_seen_at, expires_at) "
				  "VALUES (?, ?, ?, ?, ?)";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, token_hash);
	bind_int(s, 2, user_id);
	bind_int(s, 3, now);
	bind_int(s, 4, now);
	bind_int(s, 5, expires_at);
	return stmt_exec(st, s, e, "session");
}

int store_session_lookup(struct store *st, const char *token_hash, int64_t now, int64_t idle_s,
			 struct user_row *user, struct err *e)
{
	static const char sql[] = "SELECT s.id, s.last_seen_at, " USER_COLUMNS
				  "JOIN session s ON s.user_id = u.id "
				  "WHERE s.token_hash = ? AND s.expires_at > ? AND s.last_seen_at > ? AND u.active = 1";
	static const char touch[] = "UPDATE session SET last_seen_at = ? WHERE id = ?";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, token_hash);
	bind_int(s, 2, now);
	bind_int(s, 3, now - idle_s);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return db_error(st, e, "session");
		return err_set(e, ERR_UNAUTHORIZED, "no valid session: log in");
	}
	int64_t sid = sqlite3_column_int64(s, 0), last = sqlite3_column_int64(s, 1);
	user_from_row(s, 2, user);
	sqlite3_reset(s);
	/* touch at most once a minute, to keep reads from becoming writes */
	if (now - last >= 60) {
		sqlite3_stmt *t = stmt_get(st, touch, e);
		if (t == NULL)
			return -1;
		bind_int(t, 1, now);
		bind_int(t, 2, sid);
		if (stmt_exec(st, t, e, "session") != 0)
			return -1;
	}
	return 0;
}

int store_session_delete(struct store *st, const char *token_hash, struct err *e)
{
	static const char sql[] = "DELETE FROM session WHERE token_hash = ?";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, token_hash);
	return stmt_exec(st, s, e, "session");
}

int store_session_delete_user(struct store *st, int64_t user_id, struct err *e)
{
	static const char sql[] = "DELETE FROM session WHERE user_id = ?";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, user_id);
	return stmt_exec(st, s, e, "session");
}

/* ---- failed logins ---- */

int store_login_failed(struct store *st, int64_t user_id, int64_t now_ms, struct err *e)
{
	static const char sql[] =
		"UPDATE app_user SET login_failures = login_failures + 1, login_failed_at = ? WHERE id = ?";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, now_ms);
	bind_int(s, 2, user_id);
	return stmt_exec(st, s, e, "login attempts");
}

int store_login_reset(struct store *st, int64_t user_id, struct err *e)
{
	static const char sql[] = "UPDATE app_user SET login_failures = 0 WHERE id = ? AND login_failures <> 0";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, user_id);
	return stmt_exec(st, s, e, "login attempts");
}

/* ---- second factor ---- */

int store_totp_get(struct store *st, int64_t user_id, char *secret, size_t size, bool *confirmed,
		   int64_t *last_step, struct err *e)
{
	static const char sql[] = "SELECT secret, confirmed_at IS NOT NULL, last_step FROM user_totp WHERE user_id = ?";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, user_id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		col_copy(s, 0, secret, size);
		*confirmed = sqlite3_column_int(s, 1) != 0;
		*last_step = sqlite3_column_int64(s, 2);
		sqlite3_reset(s);
		return 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_error(st, e, "second factor");
	return err_set(e, ERR_NOT_FOUND, "no second factor set up");
}

static int exec_user(struct store *st, const char *sql, int64_t user_id, struct err *e)
{
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, user_id);
	return stmt_exec(st, s, e, "second factor");
}

int store_totp_put(struct store *st, int64_t user_id, const char *secret, int64_t now, struct err *e)
{
	static const char del_codes[] = "DELETE FROM user_recovery_code WHERE user_id = ?";
	static const char del[] = "DELETE FROM user_totp WHERE user_id = ?";
	static const char ins[] = "INSERT INTO user_totp (user_id, secret, created_at) VALUES (?, ?, ?)";
	if (exec_user(st, del_codes, user_id, e) != 0 || exec_user(st, del, user_id, e) != 0)
		return -1;
	sqlite3_stmt *s = stmt_get(st, ins, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, user_id);
	bind_text(s, 2, secret);
	bind_int(s, 3, now);
	return stmt_exec(st, s, e, "second factor");
}

int store_totp_confirm(struct store *st, int64_t user_id, int64_t now, struct err *e)
{
	static const char sql[] = "UPDATE user_totp SET confirmed_at = ? WHERE user_id = ?";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, now);
	bind_int(s, 2, user_id);
	return stmt_exec(st, s, e, "second factor");
}

int store_totp_take_step(struct store *st, int64_t user_id, int64_t step, bool *taken, struct err *e)
{
	/* one statement, so two requests with the same code cannot both win */
	static const char sql[] = "UPDATE user_totp SET last_step = ? WHERE user_id = ? AND last_step < ?";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, step);
	bind_int(s, 2, user_id);
	bind_int(s, 3, step);
	if (stmt_exec(st, s, e, "second factor") != 0)
		return -1;
	*taken = sqlite3_changes(st->db) == 1;
	return 0;
}

int store_totp_delete(struct store *st, int64_t user_id, bool *had, struct err *e)
{
	static const char del_codes[] = "DELETE FROM user_recovery_code WHERE user_id = ?";
	static const char del[] = "DELETE FROM user_totp WHERE user_id = ?";
	if (exec_user(st, del_codes, user_id, e) != 0 || exec_user(st, del, user_id, e) != 0)
		return -1;
	*had = sqlite3_changes(st->db) > 0;
	return 0;
}

int store_recovery_replace(struct store *st, int64_t user_id, char (*hashes)[65], size_t n, struct err *e)
{
	static const char del[] = "DELETE FROM user_recovery_code WHERE user_id = ?";
	static const char ins[] = "INSERT INTO user_recovery_code (user_id, code_hash) VALUES (?, ?)";
	if (exec_user(st, del, user_id, e) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *s = stmt_get(st, ins, e);
		if (s == NULL)
			return -1;
		bind_int(s, 1, user_id);
		bind_text(s, 2, hashes[i]);
		if (stmt_exec(st, s, e, "recovery code") != 0)
			return -1;
	}
	return 0;
}

int store_recovery_use(struct store *st, int64_t user_id, const char *hash, int64_t now, bool *used, struct err *e)
{
	static const char sql[] = "UPDATE user_recovery_code SET used_at = ? "
				  "WHERE user_id = ? AND code_hash = ? AND used_at IS NULL";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, now);
	bind_int(s, 2, user_id);
	bind_text(s, 3, hash);
	if (stmt_exec(st, s, e, "recovery code") != 0)
		return -1;
	*used = sqlite3_changes(st->db) == 1;
	return 0;
}

int store_recovery_left(struct store *st, int64_t user_id, int *left, struct err *e)
{
	static const char sql[] = "SELECT count(*) FROM user_recovery_code WHERE user_id = ? AND used_at IS NULL";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, user_id);
	int rc = sqlite3_step(s);
	*left = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return db_error(st, e, "recovery codes");
	return 0;
}

int store_pending_insert(struct store *st, const char *token_hash, int64_t user_id, int64_t now, int64_t expires_at,
			 struct err *e)
{
	static const char purge[] = "DELETE FROM login_pending WHERE expires_at <= ?";
	static const char sql[] = "INSERT INTO login_pending (token_hash, user_id, expires_at) VALUES (?, ?, ?) "
				  "ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, "
				  "expires_at = excluded.expires_at";
	sqlite3_stmt *s = stmt_get(st, purge, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, now);
	if (stmt_exec(st, s, e, "pending login") != 0)
		return -1;
	s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, token_hash);
	bind_int(s, 2, user_id);
	bind_int(s, 3, expires_at);
	return stmt_exec(st, s, e, "pending login");
}

int store_pending_lookup(struct store *st, const char *token_hash, int64_t now, int64_t *user_id, struct err *e)
{
	static const char sql[] = "SELECT user_id FROM login_pending WHERE token_hash = ? AND expires_at > ?";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, token_hash);
	bind_int(s, 2, now);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*user_id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return db_error(st, e, "pending login");
	return err_set(e, ERR_UNAUTHORIZED, "no pending login, or it expired: log in with your password again");
}

int store_pending_delete(struct store *st, int64_t user_id, struct err *e)
{
	static const char sql[] = "DELETE FROM login_pending WHERE user_id = ?";
	return exec_user(st, sql, user_id, e);
}
