/*
 * store_timetable.c - SQL of the language-class timetables: day-part clock
 * times, class groups and sessions, class attendance and group exceptions
 * (see store_timetable.h).
 */
#include "store/store_timetable.h"

#include <string.h>

#include "store/sqlite_internal.h"

int store_day_part_times_get(struct store *st, struct day_part_times *t, struct err *e)
{
	static const char sql[] = "SELECT part, start_time, end_time FROM day_part_time";
	schedule_default_times(t);
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *part = col_text(s, 0);
		for (int p = 0; p < DAY_PART_COUNT; p++) {
			if (strcmp(part, day_part_code((enum day_part)p)) != 0)
				continue;
			int start, end;
			if (clock_parse(col_text(s, 1), &start) == 0 && clock_parse(col_text(s, 2), &end) == 0) {
				t->start[p] = start;
				t->end[p] = end;
			}
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_error(st, e, "day-part times");
	return 0;
}

int store_day_part_times_put(struct store *st, const struct day_part_times *t, int64_t user_id, const char *now,
			     struct err *e)
{
	static const char sql[] = "INSERT INTO day_part_time (part, start_time, end_time, updated_at, updated_by) "
				  "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (part) DO UPDATE SET "
				  "start_time = excluded.start_time, end_time = excluded.end_time, "
				  "updated_at = excluded.updated_at, updated_by = excluded.updated_by";
	for (int p = 0; p < DAY_PART_COUNT; p++) {
		sqlite3_stmt *s = stmt_get(st, sql, e);
		if (s == NULL)
			return -1;
		char start[CLOCK_STR_LEN], end[CLOCK_STR_LEN];
		clock_format(t->start[p], start);
		clock_format(t->end[p], end);
		bind_text(s, 1, day_part_code((enum day_part)p));
		bind_text(s, 2, start);
		bind_text(s, 3, end);
		bind_text(s, 4, now);
		if (user_id > 0)
			bind_int(s, 5, user_id);
		else
			sqlite3_bind_null(s, 5);
		if (stmt_exec(st, s, e, "day-part time") != 0)
			return -1;
	}
	return 0;
}

/* ---- class groups ---- */

static const char *const group_cols[] = { "organisation_id", "name", "level", "location", "start_date",
					  "end_date", "active", NULL };

int store_class_group_insert(struct store *st, const json_t *row, const char *now, int64_t *id, struct err *e)
{
	json_t *r = json_copy((json_t *)row);
	json_object_set_new(r, "updated_at", json_string(now));
	static const char *const cols[] = { "organisation_id", "name", "level", "location", "start_date",
					    "end_date", "active", "updated_at", NULL };
	int rc = store_row_insert(st, "class_group", cols, r, "created_at", now, id, e);
	json_decref(r);
	return rc;
}

int store_class_group_update(struct store *st, int64_t id, const json_t *row, const char *now, struct err *e)
{
	return store_row_update(st, "class_group", group_cols, row, "id", id, "updated_at", now, e);
}

#define GROUP_SELECT                                                                                              \
	"SELECT g.id, g.organisation_id, o.name AS organisation_name, g.name, g.level, g.location, g.start_date, " \
	"g.end_date, g.active, (SELECT count(*) FROM class_enrolment c WHERE c.group_id = g.id "                   \
	"AND c.start_date <= ?1 AND (c.end_date IS NULL OR c.end_date >= ?1)) AS enrolled, g.created_at, "         \
	"g.updated_at FROM class_group g JOIN organisation o ON o.id = g.organisation_id "

int store_class_group_get(struct store *st, int64_t id, const char *today, json_t **out, struct err *e)
{
	static const char sql[] = GROUP_SELECT "WHERE g.id = ?2";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, today);
	bind_int(s, 2, id);
	int rc = stmt_one(st, s, row_object, out, e, "class group");
	if (rc == 1)
		return err_set(e, ERR_NOT_FOUND, "class group %lld not found", (long long)id);
	return rc;
}

int store_class_group_list(struct store *st, int64_t org_id, bool include_inactive, const char *today,
			   json_t **items, struct err *e)
{
	static const char sql[] = GROUP_SELECT "WHERE (?2 = 0 OR g.organisation_id = ?2) AND (?3 = 1 OR g.active = 1) "
					       "ORDER BY o.name COLLATE nl, g.name COLLATE nl, g.id";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, today);
	bind_int(s, 2, org_id);
	bind_int(s, 3, include_inactive);
	return stmt_rows(st, s, row_object, items, e, "class groups");
}

int store_class_group_by_name(struct store *st, int64_t org_id, const char *name, int64_t *id, struct err *e)
{
	static const char sql[] = "SELECT id FROM class_group WHERE organisation_id = ?1 AND name = ?2";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, org_id);
	bind_text(s, 2, name);
	int rc = sqlite3_step(s);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(st, e, "class group");
	return 0;
}

int store_class_sessions(struct store *st, int64_t group_id, json_t **items, struct err *e)
{
	static const char sql[] = "SELECT id, weekday, start_time, end_time FROM class_session WHERE group_id = ?1 "
				  "ORDER BY instr('mon tue wed thu fri sat sun', weekday), start_time, id";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, group_id);
	return stmt_rows(st, s, row_object, items, e, "class sessions");
}

int store_class_sessions_replace(struct store *st, int64_t group_id, const json_t *sessions, struct err *e)
{
	static const char del[] = "DELETE FROM class_session WHERE group_id = ?1";
	static const char ins[] = "INSERT INTO class_session (group_id, weekday, start_time, end_time) "
				  "VALUES (?1, ?2, ?3, ?4)";
	size_t i;
	json_t *x;
	sqlite3_stmt *s = stmt_get(st, del, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, group_id);
	if (stmt_exec(st, s, e, "class sessions") != 0)
		return -1;
	json_array_foreach(sessions, i, x) {
		if ((s = stmt_get(st, ins, e)) == NULL)
			return -1;
		bind_int(s, 1, group_id);
		bind_json(s, 2, json_object_get(x, "weekday"));
		bind_json(s, 3, json_object_get(x, "start_time"));
		bind_json(s, 4, json_object_get(x, "end_time"));
		if (stmt_exec(st, s, e, "class session") != 0)
			return -1;
	}
	return 0;
}

int store_class_enrolments(struct store *st, int64_t group_id, const char *day, json_t **items, struct err *e)
{
	static const char sql[] = "SELECT id, participant_id, start_date, end_date FROM class_enrolment "
				  "WHERE group_id = ?1 AND (?2 IS NULL OR (start_date <= ?2 AND "
				  "(end_date IS NULL OR end_date >= ?2))) ORDER BY start_date, id";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, group_id);
	bind_text(s, 2, day);
	return stmt_rows(st, s, row_object, items, e, "class enrolments");
}

/* ---- group exceptions ---- */

int store_group_exception_insert(struct store *st, int64_t group_id, const char *from, const char *to,
				 const char *reason, int64_t user_id, const char *now, int64_t *id, struct err *e)
{
	static const char sql[] = "INSERT INTO plan_exception (group_id, from_date, to_date, reason, created_by, "
				  "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, group_id);
	bind_text(s, 2, from);
	bind_text(s, 3, to);
	bind_text(s, 4, reason);
	if (user_id > 0)
		bind_int(s, 5, user_id);
	bind_text(s, 6, now);
	if (stmt_exec(st, s, e, "group exception") != 0)
		return -1;
	if (id)
		*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int store_group_exceptions(struct store *st, int64_t group_id, json_t **items, struct err *e)
{
	static const char sql[] = "SELECT id, from_date, to_date, reason FROM plan_exception WHERE group_id = ?1 "
				  "AND removed_at IS NULL ORDER BY from_date, id";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, group_id);
	return stmt_rows(st, s, row_object, items, e, "group exceptions");
}

/* ---- class attendance ---- */

int store_class_attendance_put(struct store *st, int64_t group_id, int64_t pid, const char *day, const char *status,
			       const char *reason, int64_t user_id, const char *now, struct err *e)
{
	static const char sql[] = "INSERT INTO class_attendance (group_id, participant_id, day, status, reason, "
				  "recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
				  "ON CONFLICT (group_id, participant_id, day) DO UPDATE SET status = excluded.status, "
				  "reason = excluded.reason, recorded_by = excluded.recorded_by, "
				  "recorded_at = excluded.recorded_at";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, group_id);
	bind_int(s, 2, pid);
	bind_text(s, 3, day);
	bind_text(s, 4, status);
	bind_text(s, 5, reason);
	if (user_id > 0)
		bind_int(s, 6, user_id);
	bind_text(s, 7, now);
	return stmt_exec(st, s, e, "class attendance");
}

int store_class_attendance_day(struct store *st, int64_t group_id, const char *day, json_t **items, struct err *e)
{
	static const char sql[] = "SELECT participant_id, status, reason FROM class_attendance "
				  "WHERE group_id = ?1 AND day = ?2 ORDER BY participant_id";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, group_id);
	bind_text(s, 2, day);
	return stmt_rows(st, s, row_object, items, e, "class attendance");
}
