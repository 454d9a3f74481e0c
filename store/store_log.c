/*
 * store_log.c - the processing log: append and read per data subject.
 * The table refuses updates and deletes (see the migration).
 */
#include "store/sqlite_internal.h"

int store_log_append(struct store *st, const struct log_entry *x, struct err *e)
{
	static const char sql[] =
		"INSERT INTO processing_log (trace_id, span_id, action, activity, started_at, ended_at, status, "
		"subject_pseudonym, subject_type, actor_user_id, actor_name, organisation_id, role, purpose) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, x->trace_id);
	bind_text(s, 2, x->span_id);
	bind_text(s, 3, x->action);
	bind_text(s, 4, x->activity);
	bind_text(s, 5, x->started_at);
	bind_text(s, 6, x->ended_at);
	bind_text(s, 7, x->status);
	bind_text(s, 8, x->subject_pseudonym);
	bind_text(s, 9, x->subject_type);
	if (x->actor_user_id)
		bind_int(s, 10, x->actor_user_id);
	else
		sqlite3_bind_null(s, 10);
	bind_text(s, 11, x->actor_name);
	if (x->organisation_id)
		bind_int(s, 12, x->organisation_id);
	else
		sqlite3_bind_null(s, 12);
	bind_text(s, 13, x->role);
	bind_text(s, 14, x->purpose);
	return stmt_exec(st, s, e, "processing log");
}

static json_t *log_row(sqlite3_stmt *s)
{
	static const char *const names[] = { "id", "trace_id", "span_id", "action", "activity", "started_at",
					     "ended_at", "status", "subject_type", "actor", "organisation", "role",
					     "purpose" };
	json_t *o = json_object();
	for (int i = 0; i < 13; i++)
		json_object_set_new(o, names[i], col_json(s, i));
	return o;
}

int store_log_list(struct store *st, const char *pseudonym, int offset, int limit, json_t **items, int64_t *total,
		   struct err *e)
{
	static const char count_sql[] = "SELECT count(*) FROM processing_log WHERE subject_pseudonym = ?";
	static const char sql[] =
		"SELECT g.id, g.trace_id, g.span_id, g.action, g.activity, g.started_at, g.ended_at, g.status, "
		"g.subject_type, g.actor_name, o.name, g.role, g.purpose FROM processing_log g "
		"LEFT JOIN organisation o ON o.id = g.organisation_id "
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
