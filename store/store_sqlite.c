/*
 * store_sqlite.c - the SQLite connection: opening and configuring it, the
 * Dutch collation, migrations, transactions, settings and the statement
 * cache the other store_*.c files use.
 */
#include "store/sqlite_internal.h"
#include "store/migrations.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/xmalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unicode/ucol.h>

/* ---- Dutch collation through ICU ---- */

static int collate_nl(void *arg, int n1, const void *s1, int n2, const void *s2)
{
	UErrorCode status = U_ZERO_ERROR;
	UCollationResult r = ucol_strcollUTF8((UCollator *)arg, s1, n1, s2, n2, &status);
	if (U_FAILURE(status)) {
		int c = memcmp(s1, s2, (size_t)(n1 < n2 ? n1 : n2));
		return c ? c : n1 - n2;
	}
	return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

static void collator_free(void *arg)
{
	ucol_close((UCollator *)arg);
}

int db_error(struct store *st, struct err *e, const char *what)
{
	int code = sqlite3_extended_errcode(st->db);
	if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
		return err_set(e, ERR_CONFLICT, "%s: already exists", what);
	if (code == SQLITE_CONSTRAINT_FOREIGNKEY)
		return err_set(e, ERR_INVALID, "%s: refers to something that does not exist", what);
	return err_set(e, ERR_INTERNAL, "database error in %s: %s", what, sqlite3_errmsg(st->db));
}

int store_open(const char *path, struct store **out, struct err *e)
{
	struct store *st = xcalloc(1, sizeof *st);
	UErrorCode status = U_ZERO_ERROR;

	/* A new database is created readable by its owner only; SQLite gives
	 * the WAL and shared-memory files beside it the same mode. An existing
	 * file keeps the mode its operator chose. */
	if (path[0] && strcmp(path, ":memory:") != 0 && strncmp(path, "file:", 5) != 0) {
		int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd >= 0)
			close(fd);
		else if (errno != EEXIST) {
			err_set(e, ERR_INTERNAL, "cannot create database \"%s\": %s", path, strerror(errno));
			goto out_close;
		}
	}
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		err_set(e, ERR_INTERNAL, "cannot open database \"%s\": %s", path,
			st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto out_close;
	}
	sqlite3_busy_timeout(st->db, 10000);
	static const char *const pragmas =
		"PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; "
		"PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=0; "
		"PRAGMA journal_size_limit=67108864;";
	char *msg = NULL;
	if (sqlite3_exec(st->db, pragmas, NULL, NULL, &msg) != SQLITE_OK) {
		err_set(e, ERR_INTERNAL, "cannot configure database \"%s\": %s", path, msg ? msg : "?");
		sqlite3_free(msg);
		goto out_close;
	}
	UCollator *coll = ucol_open("nl_NL", &status);
	if (U_FAILURE(status)) {
		err_set(e, ERR_INTERNAL, "cannot open the Dutch collator: %s", u_errorName(status));
		goto out_close;
	}
	if (sqlite3_create_collation_v2(st->db, "nl", SQLITE_UTF8, coll, collate_nl, collator_free) != SQLITE_OK) {
		ucol_close(coll);
		err_set(e, ERR_INTERNAL, "cannot register collation: %s", sqlite3_errmsg(st->db));
		goto out_close;
	}
	*out = st;
	return 0;
out_close:
	store_close(st);
	return -1;
}

void store_close(struct store *st)
{
	if (st == NULL)
		return;
	for (int i = 0; i < st->ncached; i++)
		sqlite3_finalize(st->cache[i].stmt);
	for (int i = 0; i < DYNAMIC_CACHE_SIZE; i++) {
		sqlite3_finalize(st->dynamic[i].stmt);
		free(st->dynamic[i].text);
	}
	if (st->holding)
		pthread_mutex_unlock(st->write_lock);
	sqlite3_close(st->db);
	free(st);
}

/* A statement prepared to be kept and reused. */
static sqlite3_stmt *prepare_kept(struct store *st, const char *sql, struct err *e)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) {
		db_error(st, e, "prepare");
		return NULL;
	}
	return s;
}

/* A cached statement, reset and unbound for reuse. */
static sqlite3_stmt *reused(sqlite3_stmt *s)
{
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

sqlite3_stmt *stmt_get(struct store *st, const char *sql, struct err *e)
{
	for (int i = 0; i < st->ncached; i++) {
		if (st->cache[i].sql == sql)
			return reused(st->cache[i].stmt);
	}
	sqlite3_stmt *s = prepare_kept(st, sql, e);
	if (s == NULL)
		return NULL;
	if (st->ncached < STMT_CACHE_SIZE) {
		st->cache[st->ncached].sql = sql;
		st->cache[st->ncached].stmt = s;
		st->ncached++;
	} else {
		/* never expected: the cache holds every static statement */
		abort();
	}
	return s;
}

sqlite3_stmt *stmt_get_text(struct store *st, const char *sql, struct err *e)
{
	for (int i = 0; i < DYNAMIC_CACHE_SIZE; i++) {
		if (st->dynamic[i].text && strcmp(st->dynamic[i].text, sql) == 0)
			return reused(st->dynamic[i].stmt);
	}
	sqlite3_stmt *s = prepare_kept(st, sql, e);
	if (s == NULL)
		return NULL;
	int v = st->next_dynamic;
	st->next_dynamic = (v + 1) % DYNAMIC_CACHE_SIZE;
	sqlite3_finalize(st->dynamic[v].stmt);
	free(st->dynamic[v].text);
	st->dynamic[v].text = xstrdup(sql);
	st->dynamic[v].stmt = s;
	return s;
}

void store_share_write_lock(struct store *st, pthread_mutex_t *lock)
{
	st->write_lock = lock;
}

static void write_lock_take(struct store *st)
{
	if (st->write_lock && !st->holding) {
		pthread_mutex_lock(st->write_lock);
		st->holding = true;
	}
}

static void write_lock_give(struct store *st)
{
	if (st->holding) {
		st->holding = false;
		pthread_mutex_unlock(st->write_lock);
	}
}

void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

void bind_json(sqlite3_stmt *s, int i, const json_t *v)
{
	if (v == NULL || json_is_null(v))
		sqlite3_bind_null(s, i);
	else if (json_is_string(v))
		sqlite3_bind_text(s, i, json_string_value(v), (int)json_string_length(v), SQLITE_TRANSIENT);
	else if (json_is_integer(v))
		sqlite3_bind_int64(s, i, json_integer_value(v));
	else if (json_is_boolean(v))
		sqlite3_bind_int(s, i, json_is_true(v));
	else if (json_is_real(v))
		sqlite3_bind_double(s, i, json_real_value(v));
	else {
		/* arrays and objects are stored as their compact JSON text */
		char *text = json_dumps(v, JSON_COMPACT);
		if (text)
			sqlite3_bind_text(s, i, text, -1, free);
		else
			sqlite3_bind_null(s, i);
	}
}

json_t *row_object(sqlite3_stmt *s)
{
	json_t *o = json_object();
	int n = sqlite3_column_count(s);
	for (int i = 0; i < n; i++)
		json_object_set_new(o, sqlite3_column_name(s, i), col_json(s, i));
	return o;
}

void bind_int(sqlite3_stmt *s, int i, int64_t v)
{
	sqlite3_bind_int64(s, i, v);
}

const char *col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? (const char *)t : "";
}

void col_copy(sqlite3_stmt *s, int i, char *dst, size_t size)
{
	str_copy(dst, size, col_text(s, i));
}

json_t *col_json(sqlite3_stmt *s, int i)
{
	switch (sqlite3_column_type(s, i)) {
	case SQLITE_INTEGER:
		return json_integer(sqlite3_column_int64(s, i));
	case SQLITE_FLOAT:
		return json_real(sqlite3_column_double(s, i));
	case SQLITE_NULL:
		return json_null();
	default:
		return json_string(col_text(s, i));
	}
}

/* INSERT INTO table (cols..., now_col) VALUES (?...) for the members of
 * obj that are present, so absent ones take the column's default. The
 * column and table names are the caller's constants, never input. */
int store_row_insert(struct store *st, const char *table, const char *const *cols, const json_t *obj,
		     const char *now_col, const char *now, int64_t *id, struct err *e)
{
	struct buf sql, vals;
	int n = 0, rc = -1;

	buf_init(&sql, 0);
	buf_init(&vals, 0);
	buf_printf(&sql, "INSERT INTO %s (", table);
	for (const char *const *c = cols; *c; c++) {
		if (!json_object_get(obj, *c))
			continue;
		buf_printf(&sql, "%s%s", n ? ", " : "", *c);
		buf_printf(&vals, "%s?%d", n ? ", " : "", n + 1);
		n++;
	}
	if (now_col) {
		buf_printf(&sql, "%s%s", n ? ", " : "", now_col);
		buf_printf(&vals, "%s?%d", n ? ", " : "", n + 1);
	}
	buf_printf(&sql, ") VALUES (%s)", vals.data ? vals.data : "");
	sqlite3_stmt *s = stmt_get_text(st, sql.data, e);
	if (s == NULL)
		goto out;
	int i = 0;
	for (const char *const *c = cols; *c; c++)
		if (json_object_get(obj, *c))
			bind_json(s, ++i, json_object_get(obj, *c));
	if (now_col)
		bind_text(s, i + 1, now);
	if (stmt_exec(st, s, e, table) != 0)
		goto out;
	if (id)
		*id = sqlite3_last_insert_rowid(st->db);
	rc = 0;
out:
	buf_release(&sql);
	buf_release(&vals);
	return rc;
}

int store_row_update(struct store *st, const char *table, const char *const *cols, const json_t *obj,
		     const char *key_col, int64_t key, const char *now_col, const char *now, struct err *e)
{
	struct buf sql;
	int n = 0, set = 0, rc = -1;

	buf_init(&sql, 0);
	buf_printf(&sql, "UPDATE %s SET ", table);
	for (const char *const *c = cols; *c; c++, n++)
		if (json_object_get(obj, *c))
			buf_printf(&sql, "%s%s = ?%d", set++ ? ", " : "", *c, n + 1);
	if (now_col)
		buf_printf(&sql, "%s%s = ?%d", set++ ? ", " : "", now_col, n + 1);
	if (set == 0) {
		rc = 0;
		goto out;
	}
	buf_printf(&sql, " WHERE %s = ?%d", key_col, n + 2);
	sqlite3_stmt *s = stmt_get_text(st, sql.data, e);
	if (s == NULL)
		goto out;
	for (int i = 0; i < n; i++)
		if (json_object_get(obj, cols[i]))
			bind_json(s, i + 1, json_object_get(obj, cols[i]));
	if (now_col)
		bind_text(s, n + 1, now);
	bind_int(s, n + 2, key);
	if (stmt_exec(st, s, e, table) != 0)
		goto out;
	if (sqlite3_changes(st->db) == 0) {
		err_set(e, ERR_NOT_FOUND, "%s %lld not found", table, (long long)key);
		goto out;
	}
	rc = 0;
out:
	buf_release(&sql);
	return rc;
}

int stmt_exec(struct store *st, sqlite3_stmt *s, struct err *e, const char *what)
{
	bool alone = st->depth == 0 && !sqlite3_stmt_readonly(s);
	if (alone)
		write_lock_take(st);
	int rc = sqlite3_step(s);
	if (alone)
		write_lock_give(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		db_error(st, e, what);
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	return 0;
}

int stmt_rows(struct store *st, sqlite3_stmt *s, row_fn row, json_t **items, struct err *e, const char *what)
{
	json_t *arr = json_array();
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(arr, row(s));
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		json_decref(arr);
		return db_error(st, e, what);
	}
	*items = arr;
	return 0;
}

int stmt_items(struct store *st, sqlite3_stmt *s, row_fn row, json_t **out, struct err *e, const char *what)
{
	json_t *arr;
	if (stmt_rows(st, s, row, &arr, e, what) != 0)
		return -1;
	*out = json_pack("{s:o}", "items", arr);
	return 0;
}

int stmt_one(struct store *st, sqlite3_stmt *s, row_fn row, json_t **out, struct err *e, const char *what)
{
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = row(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return db_error(st, e, what);
	return 1;
}

/* ---- transactions ---- */

int store_begin(struct store *st, struct err *e)
{
	static const char sql[] = "BEGIN IMMEDIATE";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	write_lock_take(st);
	st->depth = 1; /* so stmt_exec leaves the lock alone */
	if (stmt_exec(st, s, e, "begin") != 0) {
		st->depth = 0;
		write_lock_give(st);
		return -1;
	}
	return 0;
}

bool store_in_transaction(const struct store *st)
{
	return st->depth > 0;
}

int store_commit(struct store *st, struct err *e)
{
	static const char sql[] = "COMMIT";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL || stmt_exec(st, s, e, "commit") != 0) {
		store_rollback(st);
		return -1;
	}
	st->depth = 0;
	write_lock_give(st);
	return 0;
}

void store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->depth = 0;
	write_lock_give(st);
}

/* ---- migrations ---- */

int store_schema_version(struct store *st, int *version, struct err *e)
{
	sqlite3_stmt *s;
	*version = 0;
	if (sqlite3_prepare_v2(st->db,
			       "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'",
			       -1, &s, NULL) != SQLITE_OK)
		return db_error(st, e, "schema version");
	int exists = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) > 0;
	sqlite3_finalize(s);
	if (!exists)
		return 0;
	if (sqlite3_prepare_v2(st->db, "SELECT coalesce(max(version), 0) FROM schema_migration", -1, &s, NULL) !=
	    SQLITE_OK)
		return db_error(st, e, "schema version");
	if (sqlite3_step(s) == SQLITE_ROW)
		*version = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return 0;
}

int store_schema_latest(void)
{
	return migration_count ? migrations[migration_count - 1].version : 0;
}

int store_check(struct store *st, json_t **problems, struct err *e)
{
	sqlite3_stmt *s = NULL;
	json_t *out = json_array();
	int rc;

	/* integrity_check answers one row "ok", or one row per problem */
	if (sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK)
		goto out_error;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *msg = (const char *)sqlite3_column_text(s, 0);
		if (msg && strcmp(msg, "ok") != 0)
			json_array_append_new(out, json_sprintf("integrity: %s", msg));
	}
	if (rc != SQLITE_DONE)
		goto out_error;
	sqlite3_finalize(s);

	/* foreign_key_check: table, rowid, parent table, constraint index */
	if (sqlite3_prepare_v2(st->db, "PRAGMA foreign_key_check", -1, &s, NULL) != SQLITE_OK)
		goto out_error;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(s, 0);
		const char *parent = (const char *)sqlite3_column_text(s, 2);
		json_array_append_new(out, json_sprintf("foreign key: %s row %lld refers to a missing %s row",
							table ? table : "?", (long long)sqlite3_column_int64(s, 1),
							parent ? parent : "?"));
	}
	if (rc != SQLITE_DONE)
		goto out_error;
	sqlite3_finalize(s);
	*problems = out;
	return 0;
out_error:
	sqlite3_finalize(s);
	json_decref(out);
	return db_error(st, e, "database check");
}

int store_migrate(struct store *st, int *applied, struct err *e)
{
	int version;
	char *msg = NULL;

	*applied = 0;
	if (sqlite3_exec(st->db,
			 "CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, "
			 "name TEXT NOT NULL, applied_at TEXT NOT NULL)",
			 NULL, NULL, &msg) != SQLITE_OK)
		goto out_msg;
	if (store_schema_version(st, &version, e) != 0)
		return -1;
	for (int i = 0; i < migration_count; i++) {
		const struct migration *m = &migrations[i];
		if (m->version <= version)
			continue;
		if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK)
			goto out_msg;
		if (sqlite3_exec(st->db, m->sql, NULL, NULL, &msg) != SQLITE_OK) {
			store_rollback(st);
			err_set(e, ERR_INTERNAL, "migration %s failed: %s", m->name, msg ? msg : "?");
			sqlite3_free(msg);
			return -1;
		}
		sqlite3_stmt *s;
		char ts[TIMESTAMP_LEN];
		clock_format_s(clock_now_ms() / 1000, ts);
		if (sqlite3_prepare_v2(st->db, "INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)",
				       -1, &s, NULL) != SQLITE_OK) {
			store_rollback(st);
			return db_error(st, e, "migration record");
		}
		bind_int(s, 1, m->version);
		bind_text(s, 2, m->name);
		bind_text(s, 3, ts);
		int rc = sqlite3_step(s);
		sqlite3_finalize(s);
		if (rc != SQLITE_DONE || sqlite3_exec(st->db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK) {
			store_rollback(st);
			return db_error(st, e, "migration record");
		}
		(*applied)++;
	}
	return 0;
out_msg:
	err_set(e, ERR_INTERNAL, "migration failed: %s", msg ? msg : sqlite3_errmsg(st->db));
	sqlite3_free(msg);
	return -1;
}

/* ---- settings ---- */

int store_setting_get(struct store *st, const char *key, char **value, struct err *e)
{
	static const char sql[] = "SELECT value FROM setting WHERE key = ?";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, key);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*value = xstrdup(col_text(s, 0));
		sqlite3_reset(s);
		return 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_error(st, e, "setting");
	return err_set(e, ERR_NOT_FOUND, "setting \"%s\" not found", key);
}

int store_setting_delete(struct store *st, const char *key, struct err *e)
{
	static const char sql[] = "DELETE FROM setting WHERE key = ?";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, key);
	return stmt_exec(st, s, e, "setting");
}

int store_setting_set(struct store *st, const char *key, const char *value, struct err *e)
{
	static const char sql[] = "INSERT INTO setting (key, value) VALUES (?, ?) "
				  "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, key);
	bind_text(s, 2, value);
	return stmt_exec(st, s, e, "setting");
}
