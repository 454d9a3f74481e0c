/*
 * store_plan.c - SQL of participants' week plans: entries, exceptions,
 * accepted conflicts, class enrolments, the person facts of the plan
 * rules, the bulk reads of the matching queries and calendar tokens (see
 * store_plan.h).
 */
#include "store/store_plan.h"
#include "store/sqlite_internal.h"

#include <string.h>

/* ---- entries ---- */

static const char *const entry_cols[] = { "kind", "title", "day_parts", "start_time", "end_time", "location",
					  "placement_id", "training_id", "coach_user_id", "valid_from", "valid_until",
					  "note", NULL };

#define ENTRY_SELECT                                                                                            \
	"SELECT e.id, e.participant_id, e.kind, e.title, e.day_parts, e.start_time, e.end_time, e.location, "     \
	"e.placement_id, pl.title AS placement_title, pl.location AS placement_location, e.training_id, "         \
	"t.title AS training_title, e.coach_user_id, u.display_name AS coach_name, e.valid_from, e.valid_until, " \
	"e.note, e.created_at, e.updated_at, e.removed_at FROM plan_entry e "                                     \
	"LEFT JOIN placement pl ON pl.id = e.placement_id LEFT JOIN training t ON t.id = e.training_id "          \
	"LEFT JOIN app_user u ON u.id = e.coach_user_id "

int store_plan_entry_insert(struct store *st, int64_t pid, const json_t *row, int64_t user_id, const char *now,
			    int64_t *id, struct err *e)
{
	static const char *const cols[] = { "participant_id", "kind", "title", "day_parts", "start_time", "end_time",
					     "location", "placement_id", "training_id", "coach_user_id", "valid_from",
					     "valid_until", "note", "created_by", "updated_at", NULL };
	json_t *r = json_deep_copy(row);
	json_object_set_new(r, "participant_id", json_integer(pid));
	json_object_set_new(r, "created_by", user_id ? json_integer(user_id) : json_null());
	json_object_set_new(r, "updated_at", json_string(now));
	int rc = store_row_insert(st, "plan_entry", cols, r, "created_at", now, id, e);
	json_decref(r);
	return rc;
}

int store_plan_entry_update(struct store *st, int64_t id, const json_t *row, const char *now, struct err *e)
{
	return store_row_update(st, "plan_entry", entry_cols, row, "id", id, "updated_at", now, e);
}

int store_plan_entry_remove(struct store *st, int64_t id, int64_t user_id, const char *now, struct err *e)
{
	static const char sql[] = "UPDATE plan_entry SET removed_at = ?2, removed_by = ?3 WHERE id = ?1 "
				  "AND removed_at IS NULL";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, id);
	bind_text(s, 2, now);
	if (user_id)
		bind_int(s, 3, user_id);
	else
		sqlite3_bind_null(s, 3);
	if (stmt_exec(st, s, e, "plan entry") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)
		return err_set(e, ERR_NOT_FOUND, "plan entry %lld not found or removed already", (long long)id);
	return 0;
}

int store_plan_entry_get(struct store *st, int64_t id, json_t **out, struct err *e)
{
	static const char sql[] = ENTRY_SELECT "WHERE e.id = ?1";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, id);
	int rc = stmt_one(st, s, row_object, out, e, "plan entry");
	if (rc == 1)
		return err_set(e, ERR_NOT_FOUND, "plan entry %lld not found", (long long)id);
	return rc;
}

int store_plan_entries(struct store *st, int64_t pid, json_t **items, struct err *e)
{
	static const char sql[] = ENTRY_SELECT "WHERE e.participant_id = ?1 AND e.removed_at IS NULL ORDER BY e.id";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	return stmt_rows(st, s, row_object, items, e, "plan entries");
}

int store_plan_work_at(struct store *st, int64_t placement_id, int64_t pid, json_t **items, struct err *e)
{
	static const char sql[] = "SELECT id, participant_id, kind, day_parts, start_time, end_time, valid_from, valid_until "
				  "FROM plan_entry WHERE placement_id = ?1 AND participant_id <> ?2 AND kind = 'work' "
				  "AND removed_at IS NULL ORDER BY id";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, placement_id);
	bind_int(s, 2, pid);
	return stmt_rows(st, s, row_object, items, e, "work at placement");
}

int store_plan_coach_entries(struct store *st, int64_t coach_user_id, json_t **items, struct err *e)
{
	static const char sql[] = ENTRY_SELECT "WHERE e.coach_user_id = ?1 AND e.kind = 'coach_appointment' "
					       "AND e.removed_at IS NULL ORDER BY e.id";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, coach_user_id);
	return stmt_rows(st, s, row_object, items, e, "coach appointments");
}

/* ---- exceptions ---- */

#define EXCEPTION_SELECT                                                                                     \
	"SELECT x.id, x.participant_id, x.entry_id, x.group_id, x.from_date, x.to_date, x.reason, x.created_at, " \
	"x.removed_at FROM plan_exception x "

/* Bind id, or NULL when it is 0. */
static void bind_id(sqlite3_stmt *s, int i, int64_t id)
{
	if (id)
		bind_int(s, i, id);
	else
		sqlite3_bind_null(s, i);
}

int store_plan_exception_insert(struct store *st, int64_t pid, int64_t entry_id, int64_t group_id,
				const char *from_date, const char *to_date, const char *reason, int64_t user_id,
				const char *now, int64_t *id, struct err *e)
{
	static const char sql[] = "INSERT INTO plan_exception (participant_id, entry_id, group_id, from_date, to_date, "
				  "reason, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_id(s, 1, pid);
	bind_id(s, 2, entry_id);
	bind_id(s, 3, group_id);
	bind_text(s, 4, from_date);
	bind_text(s, 5, to_date);
	bind_text(s, 6, reason);
	bind_id(s, 7, user_id);
	bind_text(s, 8, now);
	if (stmt_exec(st, s, e, "plan exception") != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int store_plan_exception_get(struct store *st, int64_t id, json_t **out, struct err *e)
{
	static const char sql[] = EXCEPTION_SELECT "WHERE x.id = ?1";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, id);
	int rc = stmt_one(st, s, row_object, out, e, "plan exception");
	if (rc == 1)
		return err_set(e, ERR_NOT_FOUND, "plan exception %lld not found", (long long)id);
	return rc;
}

int store_plan_exception_remove(struct store *st, int64_t id, const char *now, struct err *e)
{
	static const char sql[] = "UPDATE plan_exception SET removed_at = ?2 WHERE id = ?1 AND removed_at IS NULL";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, id);
	bind_text(s, 2, now);
	if (stmt_exec(st, s, e, "plan exception") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)
		return err_set(e, ERR_NOT_FOUND, "plan exception %lld not found or removed already", (long long)id);
	return 0;
}

int store_plan_exceptions(struct store *st, int64_t pid, json_t **items, struct err *e)
{
	static const char sql[] =
		EXCEPTION_SELECT "WHERE x.removed_at IS NULL AND (x.participant_id = ?1 "
				 "OR x.entry_id IN (SELECT id FROM plan_entry WHERE participant_id = ?1) "
				 "OR x.group_id IN (SELECT group_id FROM class_enrolment WHERE participant_id = ?1)) "
				 "ORDER BY x.from_date, x.id";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	return stmt_rows(st, s, row_object, items, e, "plan exceptions");
}

/* ---- accepted conflicts ---- */

int store_plan_override_insert(struct store *st, int64_t pid, int64_t entry_id, int64_t enrolment_id,
			       const char *conflicts, const char *reason, int64_t user_id, const char *now,
			       struct err *e)
{
	static const char sql[] = "INSERT INTO plan_override (participant_id, entry_id, enrolment_id, conflicts, "
				  "reason, user_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	bind_id(s, 2, entry_id);
	bind_id(s, 3, enrolment_id);
	bind_text(s, 4, conflicts);
	bind_text(s, 5, reason);
	bind_id(s, 6, user_id);
	bind_text(s, 7, now);
	return stmt_exec(st, s, e, "plan override");
}

int store_plan_overrides(struct store *st, int64_t pid, json_t **items, struct err *e)
{
	static const char sql[] = "SELECT o.id, o.entry_id, o.enrolment_id, o.conflicts, o.reason, "
				  "coalesce(u.display_name, 'systeem') AS user_name, o.created_at FROM plan_override o "
				  "LEFT JOIN app_user u ON u.id = o.user_id WHERE o.participant_id = ?1 ORDER BY o.id";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	return stmt_rows(st, s, row_object, items, e, "plan overrides");
}

/* ---- class groups and enrolments ---- */

int store_plan_group_get(struct store *st, int64_t id, json_t **out, struct err *e)
{
	static const char sql[] = "SELECT g.id, g.organisation_id, o.name AS organisation_name, g.name, g.level, "
				  "g.location, g.start_date, g.end_date, g.active FROM class_group g "
				  "JOIN organisation o ON o.id = g.organisation_id WHERE g.id = ?1";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, id);
	int rc = stmt_one(st, s, row_object, out, e, "class group");
	if (rc == 1)
		return err_set(e, ERR_NOT_FOUND, "class group %lld not found", (long long)id);
	return rc;
}

int store_class_enrolment_insert(struct store *st, int64_t group_id, int64_t pid, const char *start_date,
				 const char *end_date, int64_t link_id, int64_t user_id, const char *now, int64_t *id,
				 struct err *e)
{
	static const char sql[] = "INSERT INTO class_enrolment (group_id, participant_id, start_date, end_date, link_id, "
				  "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, group_id);
	bind_int(s, 2, pid);
	bind_text(s, 3, start_date);
	bind_text(s, 4, end_date);
	bind_id(s, 5, link_id);
	bind_id(s, 6, user_id);
	bind_text(s, 7, now);
	if (stmt_exec(st, s, e, "class enrolment") != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

#define ENROLMENT_SELECT                                                                                       \
	"SELECT n.id, n.group_id, n.participant_id, n.start_date, n.end_date, n.link_id, n.created_at, "         \
	"g.name AS group_name, g.organisation_id, o.name AS organisation_name, g.location, g.level, "             \
	"g.start_date AS group_start, g.end_date AS group_end FROM class_enrolment n "                           \
	"JOIN class_group g ON g.id = n.group_id JOIN organisation o ON o.id = g.organisation_id "

int store_class_enrolment_get(struct store *st, int64_t id, json_t **out, struct err *e)
{
	static const char sql[] = ENROLMENT_SELECT "WHERE n.id = ?1";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, id);
	int rc = stmt_one(st, s, row_object, out, e, "class enrolment");
	if (rc == 1)
		return err_set(e, ERR_NOT_FOUND, "class enrolment %lld not found", (long long)id);
	return rc;
}

int store_class_enrolment_set_end(struct store *st, int64_t id, const char *end_date, struct err *e)
{
	static const char sql[] = "UPDATE class_enrolment SET end_date = ?2 WHERE id = ?1";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, id);
	bind_text(s, 2, end_date);
	if (stmt_exec(st, s, e, "class enrolment") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)
		return err_set(e, ERR_NOT_FOUND, "class enrolment %lld not found", (long long)id);
	return 0;
}

int store_class_enrolments_of(struct store *st, int64_t pid, json_t **items, struct err *e)
{
	static const char sql[] = ENROLMENT_SELECT "WHERE n.participant_id = ?1 ORDER BY n.id";
	static const char sessions_sql[] = "SELECT x.group_id, x.id, x.weekday, x.start_time, x.end_time "
					   "FROM class_session x WHERE x.group_id IN "
					   "(SELECT group_id FROM class_enrolment WHERE participant_id = ?1) "
					   "ORDER BY x.group_id, x.id";
	json_t *rows = NULL, *sessions = NULL;
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	if (stmt_rows(st, s, row_object, &rows, e, "class enrolments") != 0)
		return -1;
	if ((s = stmt_get(st, sessions_sql, e)) == NULL)
		goto fail;
	bind_int(s, 1, pid);
	if (stmt_rows(st, s, row_object, &sessions, e, "class sessions") != 0)
		goto fail;
	size_t i, j;
	json_t *row, *x;
	json_array_foreach(rows, i, row) {
		json_t *list = json_array();
		json_int_t g = json_integer_value(json_object_get(row, "group_id"));
		json_array_foreach(sessions, j, x) {
			if (json_integer_value(json_object_get(x, "group_id")) != g)
				continue;
			json_array_append_new(list, json_pack("{s:O,s:O,s:O,s:O}", "id", json_object_get(x, "id"),
							      "weekday", json_object_get(x, "weekday"), "start_time",
							      json_object_get(x, "start_time"), "end_time",
							      json_object_get(x, "end_time")));
		}
		json_object_set_new(row, "sessions", list);
	}
	json_decref(sessions);
	*items = rows;
	return 0;
fail:
	json_decref(rows);
	return -1;
}

/* ---- facts about the person ---- */

int store_plan_person(struct store *st, int64_t pid, const char *today, struct plan_person_row *out,
		      struct err *e)
{
	/* the work-learning kinds are path_facts_live's (004/005 migrations) */
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM phase x WHERE x.participant_id = p.id AND x.actual_end IS NULL "
		"AND x.start_date <= ?2 AND x.kind IN ('internal_work_learning', 'external_work_learning', "
		"'work_experience_place', 'language_internship', 'trial_placement')), "
		"(SELECT i.planned_day_parts FROM intake i WHERE i.participant_id = p.id), "
		"p.work_days_per_week, p.work_hours_per_day FROM participant p WHERE p.id = ?1";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	bind_text(s, 2, today);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->in_work_learning = sqlite3_column_int(s, 0) != 0;
		out->agreed_parts = sqlite3_column_type(s, 1) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 1);
		out->capacity_days = sqlite3_column_type(s, 2) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 2);
		out->capacity_hours = sqlite3_column_type(s, 3) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 3);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return err_set(e, ERR_NOT_FOUND, "participant %lld not found", (long long)pid);
	return rc == SQLITE_ROW ? 0 : db_error(st, e, "plan person");
}

/* ---- matching ---- */

/* Run sql (built around the scope clause) with q's bindings and ?8 / ?9
 * the period; rows as JSON objects. */
static int scoped_rows(struct store *st, const struct participant_query *q, const char *sql, const char *from,
		       const char *to, json_t **rows, struct err *e)
{
	sqlite3_stmt *s = stmt_get_text(st, sql, e);
	if (s == NULL)
		return -1;
	participant_scope_bind(s, q, NULL);
	if (sqlite3_bind_parameter_count(s) >= 9) {
		bind_text(s, 8, from);
		bind_text(s, 9, to);
	}
	return stmt_rows(st, s, row_object, rows, e, "week plans");
}

int store_plan_week_all(struct store *st, const struct participant_query *q, const char *from, const char *to,
			json_t **people, json_t **entries, json_t **classes, struct err *e)
{
	struct buf where, sql;
	int rc = -1;

	*people = *entries = *classes = NULL;
	buf_init(&where, 0);
	buf_init(&sql, 0);
	participant_scope_where(q, &where);
	/* ?8 and ?9 are named in every statement so the numbering holds */
	buf_printf(&sql, "SELECT p.id, p.family_name, p.given_names FROM participant p%s AND ?8 <= ?9 "
			 "ORDER BY p.family_name COLLATE nl, p.given_names COLLATE nl, p.id", where.data);
	if (scoped_rows(st, q, sql.data, from, to, people, e) != 0)
		goto out;
	buf_reset(&sql);
	buf_printf(&sql, "SELECT e.participant_id, e.kind, e.day_parts, e.start_time, e.end_time, e.valid_from, "
			 "e.valid_until FROM plan_entry e WHERE e.removed_at IS NULL AND e.valid_from <= ?9 "
			 "AND (e.valid_until IS NULL OR e.valid_until >= ?8) AND e.participant_id IN "
			 "(SELECT p.id FROM participant p%s)", where.data);
	if (scoped_rows(st, q, sql.data, from, to, entries, e) != 0)
		goto out;
	buf_reset(&sql);
	buf_printf(&sql, "SELECT n.participant_id, n.id AS enrolment_id, n.start_date, n.end_date, "
			 "g.start_date AS group_start, g.end_date AS group_end, x.weekday, x.start_time, x.end_time "
			 "FROM class_enrolment n JOIN class_group g ON g.id = n.group_id "
			 "JOIN class_session x ON x.group_id = g.id WHERE n.start_date <= ?9 AND g.start_date <= ?9 "
			 "AND (n.end_date IS NULL OR n.end_date >= ?8) AND g.end_date >= ?8 AND n.participant_id IN "
			 "(SELECT p.id FROM participant p%s)", where.data);
	if (scoped_rows(st, q, sql.data, from, to, classes, e) != 0)
		goto out;
	rc = 0;
out:
	if (rc != 0) {
		json_decref(*people);
		json_decref(*entries);
		json_decref(*classes);
		*people = *entries = *classes = NULL;
	}
	buf_release(&where);
	buf_release(&sql);
	return rc;
}

/* ---- calendar tokens ---- */

#define TOKEN_SELECT                                                                                  \
	"SELECT id, subject, participant_id, coach_user_id, user_id, created_at, revoked_at, last_used_at " \
	"FROM calendar_token "

int store_calendar_token_insert(struct store *st, const char *token_hash, const char *subject, int64_t pid,
				int64_t coach_user_id, int64_t user_id, const char *now, int64_t *id, struct err *e)
{
	static const char sql[] = "INSERT INTO calendar_token (token_hash, subject, participant_id, coach_user_id, "
				  "user_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, token_hash);
	bind_text(s, 2, subject);
	bind_id(s, 3, pid);
	bind_id(s, 4, coach_user_id);
	bind_int(s, 5, user_id);
	bind_text(s, 6, now);
	if (stmt_exec(st, s, e, "calendar token") != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int store_calendar_token_get(struct store *st, int64_t id, json_t **out, struct err *e)
{
	static const char sql[] = TOKEN_SELECT "WHERE id = ?1";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, id);
	int rc = stmt_one(st, s, row_object, out, e, "calendar token");
	if (rc == 1)
		return err_set(e, ERR_NOT_FOUND, "calendar token %lld not found", (long long)id);
	return rc;
}

int store_calendar_token_by_hash(struct store *st, const char *token_hash, json_t **out, struct err *e)
{
	static const char sql[] = TOKEN_SELECT "WHERE token_hash = ?1 AND revoked_at IS NULL";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, token_hash);
	int rc = stmt_one(st, s, row_object, out, e, "calendar token");
	if (rc == 1)
		return err_set(e, ERR_NOT_FOUND, "no such calendar");
	return rc;
}

int store_calendar_token_list(struct store *st, int64_t user_id, json_t **items, struct err *e)
{
	static const char sql[] = TOKEN_SELECT "WHERE user_id = ?1 ORDER BY id DESC";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, user_id);
	return stmt_rows(st, s, row_object, items, e, "calendar tokens");
}

int store_calendar_token_revoke(struct store *st, int64_t id, const char *now, struct err *e)
{
	static const char sql[] = "UPDATE calendar_token SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, id);
	bind_text(s, 2, now);
	if (stmt_exec(st, s, e, "calendar token") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)
		return err_set(e, ERR_NOT_FOUND, "calendar token %lld not found or revoked already", (long long)id);
	return 0;
}

int store_calendar_token_used(struct store *st, int64_t id, const char *now, struct err *e)
{
	static const char sql[] = "UPDATE calendar_token SET last_used_at = ?2 WHERE id = ?1";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, id);
	bind_text(s, 2, now);
	return stmt_exec(st, s, e, "calendar token");
}
