/*
 * store_placement.c - placements offered by employers and by the social
 * work company, who occupies them (open phases linked to them, never a
 * stored count) and attendance on the work floor.
 */
#include "store/sqlite_internal.h"

static const char *const placement_cols[] = {
	"organisation_id", "kind", "title", "isco_code", "sector", "location", "capacity", "start_date", "end_date",
	"hours_per_week", "day_parts", "full_days", "min_cefr_speaking", "min_cefr_listening", "min_isced", "licences",
	"physical_load", "safety_shoes", "offers_floor_guidance", "offers_language_at_work", "offers_contract",
	"supervisor_user_id", "external_id", "active", NULL
};

int store_placement_insert(struct store *st, const json_t *in, const char *now, int64_t *id, struct err *e)
{
	json_t *row = json_deep_copy(in);
	json_object_set_new(row, "updated_at", json_string(now));
	static const char *const cols[] = {
		"organisation_id", "kind", "title", "isco_code", "sector", "location", "capacity", "start_date",
		"end_date", "hours_per_week", "day_parts", "full_days", "min_cefr_speaking", "min_cefr_listening",
		"min_isced", "licences", "physical_load", "safety_shoes", "offers_floor_guidance",
		"offers_language_at_work", "offers_contract", "supervisor_user_id", "external_id", "active", "updated_at", NULL
	};
	int rc = store_row_insert(st, "placement", cols, row, "created_at", now, id, e);
	json_decref(row);
	return rc;
}

int store_placement_update(struct store *st, int64_t id, const json_t *in, const char *now, struct err *e)
{
	return store_row_update(st, "placement", placement_cols, in, "id", id, "updated_at", now, e);
}

#define PLACEMENT_SELECT                                                                                          \
	"SELECT pl.id, pl.organisation_id, o.name AS organisation_name, o.type AS organisation_type, pl.kind, "     \
	"pl.title, pl.isco_code, pl.sector, pl.location, pl.capacity, "                                             \
	"(SELECT count(*) FROM phase x WHERE x.placement_id = pl.id AND x.actual_end IS NULL) AS occupancy, "       \
	"pl.start_date, pl.end_date, pl.hours_per_week, pl.day_parts, pl.full_days, pl.min_cefr_speaking, "         \
	"pl.min_cefr_listening, pl.min_isced, pl.licences, pl.physical_load, pl.safety_shoes, "                     \
	"pl.offers_floor_guidance, pl.offers_language_at_work, pl.offers_contract, pl.supervisor_user_id, "         \
	"u.display_name AS supervisor_name, pl.external_id, pl.active, pl.created_at, pl.updated_at "              \
	"FROM placement pl JOIN organisation o ON o.id = pl.organisation_id "                                       \
	"LEFT JOIN app_user u ON u.id = pl.supervisor_user_id "

int store_placement_get(struct store *st, int64_t id, json_t **out, struct err *e)
{
	static const char sql[] = PLACEMENT_SELECT "WHERE pl.id = ?1";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, id);
	int rc = stmt_one(st, s, row_object, out, e, "placement");
	if (rc == 1)
		return err_set(e, ERR_NOT_FOUND, "placement %lld not found", (long long)id);
	return rc;
}

int store_placement_by_external_id(struct store *st, const char *external_id, int64_t *id, struct err *e)
{
	static const char sql[] = "SELECT id FROM placement WHERE external_id = ?1";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, external_id);
	int rc = sqlite3_step(s);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(st, e, "placement");
}

int store_placement_list(struct store *st, const struct placement_query *q, json_t **items, struct err *e)
{
	static const char sql[] = PLACEMENT_SELECT
		"WHERE (?1 = 0 OR pl.organisation_id = ?1) AND (?2 IS NULL OR pl.kind = ?2) "
		"AND (?3 IS NULL OR pl.sector = ?3) AND (?4 = 0 OR pl.active = 1) "
		"AND (?5 = 0 OR pl.supervisor_user_id = ?5) "
		"ORDER BY o.name COLLATE nl, pl.title COLLATE nl, pl.id";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, q->organisation_id);
	bind_text(s, 2, q->kind);
	bind_text(s, 3, q->sector);
	bind_int(s, 4, q->active_only);
	bind_int(s, 5, q->supervisor_user_id);
	return stmt_rows(st, s, row_object, items, e, "placements");
}

int store_placement_occupants(struct store *st, int64_t id, json_t **items, struct err *e)
{
	static const char sql[] = "SELECT x.participant_id, x.id AS phase_id, x.kind, x.start_date, x.planned_end "
				  "FROM phase x WHERE x.placement_id = ?1 AND x.actual_end IS NULL "
				  "ORDER BY x.start_date, x.id";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, id);
	return stmt_rows(st, s, row_object, items, e, "occupants");
}

/* ---- attendance ---- */

int store_attendance_put(struct store *st, int64_t pid, int64_t placement_id, const char *day, const char *status,
			 const char *note, int64_t user_id, const char *now, struct err *e)
{
	static const char sql[] =
		"INSERT INTO attendance (participant_id, placement_id, day, status, note, recorded_by, recorded_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (placement_id, day, participant_id) DO UPDATE SET "
		"status = excluded.status, note = excluded.note, recorded_by = excluded.recorded_by, "
		"recorded_at = excluded.recorded_at";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	bind_int(s, 2, placement_id);
	bind_text(s, 3, day);
	bind_text(s, 4, status);
	bind_text(s, 5, note);
	if (user_id)
		bind_int(s, 6, user_id);
	bind_text(s, 7, now);
	return stmt_exec(st, s, e, "attendance");
}

int store_attendance_list(struct store *st, int64_t pid, int64_t placement_id, const char *from, const char *to,
			  json_t **items, struct err *e)
{
	static const char sql[] =
		"SELECT a.participant_id, a.placement_id, pl.title AS placement_title, a.day, a.status, a.note, "
		"a.recorded_at FROM attendance a JOIN placement pl ON pl.id = a.placement_id "
		"WHERE (?1 = 0 OR a.participant_id = ?1) AND (?2 = 0 OR a.placement_id = ?2) "
		"AND (?3 IS NULL OR a.day >= ?3) AND (?4 IS NULL OR a.day <= ?4) ORDER BY a.day DESC, a.participant_id";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	bind_int(s, 2, placement_id);
	bind_text(s, 3, from);
	bind_text(s, 4, to);
	return stmt_rows(st, s, row_object, items, e, "attendance");
}
