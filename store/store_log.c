/*
 * store_log.c - the processing log: append to the hash chain, read per
 * data subject, walk everything for verification and export. The table
 * refuses updates, deletes and replacing inserts (migrations 001, 006).
 *
 * Each connection keeps its segment of the chain in memory (struct store's
 * log_chain): the segment number, the last seq and hash. Nobody else writes
 * a connection's segment, so appending needs no SELECT. A segment is opened
 * inside a write transaction as max(segment) + 1, so two connections, in
 * one process or several, never share one. A rollback may take back the
 * last entries: the rollback hook marks the state uncertain and the next
 * append checks its last entry is still there, or opens a new segment.
 */
#include "store/sqlite_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static void chain_rolled_back(void *arg)
{
	struct store *st = arg;
	if (st->log_chain.segment)
		st->log_chain.uncertain = true;
}

/* Is this connection's last entry still stored as we remember it? */
static int chain_still_there(struct store *st, bool *there, struct err *e)
{
	static const char sql[] = "SELECT hash FROM processing_log WHERE segment = ? AND seq = ?";
	char hex[LOGCHAIN_HEX_LEN];
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, st->log_chain.segment);
	bind_int(s, 2, st->log_chain.seq);
	sodium_bin2hex(hex, sizeof hex, st->log_chain.hash, sizeof st->log_chain.hash);
	int rc = sqlite3_step(s);
	*there = rc == SQLITE_ROW && strcmp(col_text(s, 0), hex) == 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(st, e, "processing log chain");
	return 0;
}

/* Open a new segment: must run inside a write transaction. */
static int chain_open(struct store *st, struct err *e)
{
	static const char sql[] = "SELECT coalesce(max(segment), 0) + 1 FROM processing_log";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	int rc = sqlite3_step(s);
	int64_t seg = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return db_error(st, e, "processing log segment");
	st->log_chain.segment = seg;
	st->log_chain.seq = 0;
	memset(st->log_chain.hash, 0, sizeof st->log_chain.hash);
	return 0;
}

int store_log_append(struct store *st, const struct log_entry *x, struct err *e)
{
	static const char sql[] =
		"INSERT INTO processing_log (trace_id, span_id, parent_span_id, action, activity, started_at, "
		"ended_at, status, ldv_status, subject_pseudonym, subject_type, actor_user_id, actor_name, "
		"organisation_id, role, purpose, segment, seq, hash) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	char user[24], org[24], hex[LOGCHAIN_HEX_LEN];
	unsigned char h[LOGCHAIN_HASH_LEN];
	bool own_tx = false;

	if (!st->log_chain.hooked) {
		sqlite3_rollback_hook(st->db, chain_rolled_back, st);
		st->log_chain.hooked = true;
	}
	if (st->log_chain.uncertain) {
		bool there = false;
		st->log_chain.uncertain = false;
		if (chain_still_there(st, &there, e) != 0)
			return -1;
		if (!there)
			st->log_chain.segment = 0;
	}
	if (st->log_chain.segment == 0) {
		if (!store_in_transaction(st)) {
			if (store_begin(st, e) != 0)
				return -1;
			own_tx = true;
		}
		if (chain_open(st, e) != 0)
			goto out_rollback;
	}

	snprintf(user, sizeof user, "%lld", (long long)x->actor_user_id);
	snprintf(org, sizeof org, "%lld", (long long)x->organisation_id);
	const char *fields[LF_COUNT] = {
		[LF_TRACE_ID] = x->trace_id,
		[LF_SPAN_ID] = x->span_id,
		[LF_PARENT_SPAN_ID] = x->parent_span_id,
		[LF_ACTION] = x->action,
		[LF_ACTIVITY] = x->activity,
		[LF_STARTED_AT] = x->started_at,
		[LF_ENDED_AT] = x->ended_at,
		[LF_STATUS] = x->status,
		[LF_LDV_STATUS] = x->ldv_status,
		[LF_SUBJECT] = x->subject_pseudonym,
		[LF_SUBJECT_TYPE] = x->subject_type,
		[LF_ACTOR_USER_ID] = x->actor_user_id ? user : NULL,
		[LF_ACTOR_NAME] = x->actor_name,
		[LF_ORGANISATION_ID] = x->organisation_id ? org : NULL,
		[LF_ROLE] = x->role,
		[LF_PURPOSE] = x->purpose,
	};
	int64_t seq = st->log_chain.seq + 1;
	logchain_hash(st->log_chain.hash, st->log_chain.segment, seq, fields, h);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);

	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		goto out_rollback;
	for (int i = 0; i < LF_COUNT; i++) {
		if (i == LF_ACTOR_USER_ID || i == LF_ORGANISATION_ID) {
			int64_t v = i == LF_ACTOR_USER_ID ? x->actor_user_id : x->organisation_id;
			if (v)
				bind_int(s, i + 1, v);
			else
				sqlite3_bind_null(s, i + 1);
		} else {
			bind_text(s, i + 1, fields[i]);
		}
	}
	bind_int(s, LF_COUNT + 1, st->log_chain.segment);
	bind_int(s, LF_COUNT + 2, seq);
	bind_text(s, LF_COUNT + 3, hex);
	if (stmt_exec(st, s, e, "processing log") != 0)
		goto out_rollback;
	st->log_chain.seq = seq;
	memcpy(st->log_chain.hash, h, sizeof h);
	if (own_tx && store_commit(st, e) != 0) {
		st->log_chain.segment = 0;
		return -1;
	}
	return 0;
out_rollback:
	if (own_tx) {
		store_rollback(st);
		st->log_chain.segment = 0;
		st->log_chain.uncertain = false;
	}
	return -1;
}

static json_t *log_row(sqlite3_stmt *s)
{
	static const char *const names[] = { "id", "trace_id", "span_id", "action", "activity", "started_at",
					     "ended_at", "status", "subject_type", "actor", "organisation", "role",
					     "purpose", "parent_span_id", "ldv_status" };
	json_t *o = json_object();
	for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
		json_object_set_new(o, names[i], col_json(s, i));
	return o;
}

int store_log_list(struct store *st, const char *pseudonym, int offset, int limit, json_t **items, int64_t *total,
		   struct err *e)
{
	static const char count_sql[] = "SELECT count(*) FROM processing_log WHERE subject_pseudonym = ?";
	static const char sql[] =
		"SELECT g.id, g.trace_id, g.span_id, g.action, g.activity, g.started_at, g.ended_at, g.status, "
		"g.subject_type, g.actor_name, o.name, g.role, g.purpose, g.parent_span_id, g.ldv_status "
		"FROM processing_log g LEFT JOIN organisation o ON o.id = g.organisation_id "
		"WHERE g.subject_pseudonym = ? ORDER BY g.id DESC LIMIT ? OFFSET ?";
	sqlite3_stmt *s = stmt_get(st, count_sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, pseudonym);
	*total = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);

	s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, pseudonym);
	bind_int(s, 2, limit);
	bind_int(s, 3, offset);
	return stmt_rows(st, s, log_row, items, e, "processing log");
}

/* Column text, or NULL for SQL NULL (the chain hashes NULL unlike ""). */
static const char *col_or_null(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? NULL : col_text(s, i);
}

int store_log_walk(struct store *st, const char *from, const char *to, log_record_fn fn, void *arg, struct err *e)
{
	/* columns 0..LF_COUNT-1 in enum logchain_field order */
	static const char sql[] =
		"SELECT g.trace_id, g.span_id, g.parent_span_id, g.action, g.activity, g.started_at, g.ended_at, "
		"g.status, g.ldv_status, g.subject_pseudonym, g.subject_type, g.actor_user_id, g.actor_name, "
		"g.organisation_id, g.role, g.purpose, g.id, g.segment, g.seq, g.hash, o.name "
		"FROM processing_log g LEFT JOIN organisation o ON o.id = g.organisation_id "
		"WHERE (?1 IS NULL OR g.started_at >= ?1) AND (?2 IS NULL OR g.started_at < ?2) ORDER BY g.id";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	int rc;

	if (s == NULL)
		return -1;
	bind_text(s, 1, from);
	bind_text(s, 2, to);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct log_record r;
		memset(&r, 0, sizeof r);
		for (int i = 0; i < LF_COUNT; i++)
			r.row.fields[i] = col_or_null(s, i);
		r.row.id = sqlite3_column_int64(s, LF_COUNT);
		r.row.segment = sqlite3_column_int64(s, LF_COUNT + 1);
		r.row.seq = sqlite3_column_int64(s, LF_COUNT + 2);
		r.row.hash = col_or_null(s, LF_COUNT + 3);
		r.organisation_name = col_or_null(s, LF_COUNT + 4);
		int stop = fn(arg, &r, e);
		if (stop) {
			sqlite3_reset(s);
			return stop;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_error(st, e, "processing log");
	return 0;
}
