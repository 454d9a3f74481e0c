/*
 * store_sealed.c - the columns that hold sealed values (see store.h): the
 * ids new rows will get, batches of values to (re)seal, and the BSN's
 * lookup hash. The store never sees a key; it moves text.
 */
#include "store/sqlite_internal.h"
#include "base/buf.h"

#include <string.h>

int store_next_id(struct store *st, const char *table, int64_t *id, struct err *e)
{
	static const char participant[] = "SELECT coalesce(max(id), 0) + 1 FROM participant";
	static const char journal[] = "SELECT coalesce(max(id), 0) + 1 FROM journal";
	const char *sql = strcmp(table, "participant") == 0 ? participant : strcmp(table, "journal") == 0 ? journal : NULL;

	if (sql == NULL)
		return err_set(e, ERR_INTERNAL, "no next id for table \"%s\"", table);
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return db_error(st, e, table);
	return 0;
}

int store_sealed_batch(struct store *st, const struct sealed_column *c, const char *skip_prefix, int64_t after_id,
		       int limit, json_t **items, struct err *e)
{
	struct buf sql;
	buf_init(&sql, 0);
	buf_printf(&sql,
		   "SELECT id, %s AS value FROM %s WHERE %s IS NOT NULL AND substr(%s, 1, ?1) <> ?2 AND id > ?3%s%s "
		   "ORDER BY id LIMIT ?4",
		   c->column, c->table, c->column, c->column, c->where ? " AND " : "", c->where ? c->where : "");
	sqlite3_stmt *s = stmt_get_text(st, sql.data, e);
	buf_release(&sql);
	if (s == NULL)
		return -1;
	bind_int(s, 1, (int64_t)strlen(skip_prefix));
	bind_text(s, 2, skip_prefix);
	bind_int(s, 3, after_id);
	bind_int(s, 4, limit);
	return stmt_rows(st, s, row_object, items, e, c->table);
}

int store_sealed_put(struct store *st, const struct sealed_column *c, int64_t id, const char *value, struct err *e)
{
	struct buf sql;
	buf_init(&sql, 0);
	buf_printf(&sql, "UPDATE %s SET %s = ?1 WHERE id = ?2", c->table, c->column);
	sqlite3_stmt *s = stmt_get_text(st, sql.data, e);
	buf_release(&sql);
	if (s == NULL)
		return -1;
	bind_text(s, 1, value);
	bind_int(s, 2, id);
	return stmt_exec(st, s, e, c->table);
}

int store_participant_bsn_hash_put(struct store *st, int64_t id, const char *hash, struct err *e)
{
	static const char sql[] = "UPDATE participant SET bsn_hash = ?1 WHERE id = ?2";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, hash);
	bind_int(s, 2, id);
	return stmt_exec(st, s, e, "participant");
}

int store_participant_by_bsn_hash(struct store *st, const char *hash, int64_t *ids, size_t max, size_t *n,
				  struct err *e)
{
	static const char sql[] = "SELECT id FROM participant WHERE bsn_hash = ?1 ORDER BY id";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, hash);
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (*n < max)
			ids[(*n)++] = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_error(st, e, "participant");
	return 0;
}

int store_scrub(struct store *st, bool on, struct err *e)
{
	char *msg = NULL;
	const char *sql = on ? "PRAGMA secure_delete = ON" : "PRAGMA secure_delete = OFF; PRAGMA wal_checkpoint(TRUNCATE)";
	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		err_set(e, ERR_INTERNAL, "scrubbing the database: %s", msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}
