/*
 * store_visit.c - company visits and matching events: the employers that
 * host them, the participants invited, attendance and interest, each
 * employer's follow-up, and what each visit led to.
 */
#include "store/sqlite_internal.h"

int store_visit_insert(struct store *st, const json_t *in, const char *now, int64_t *id, struct err *e)
{
	static const char *const cols[] = { "kind", "title", "held_on", "start_time", "location", "capacity",
					    "language_support", "organiser_user_id", "notes", NULL };
	return store_row_insert(st, "visit", cols, in, "created_at", now, id, e);
}

int store_visit_employer_add(struct store *st, int64_t visit_id, int64_t org_id, struct err *e)
{
	static const char sql[] = "INSERT OR IGNORE INTO visit_employer (visit_id, organisation_id) VALUES (?1, ?2)";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, visit_id);
	bind_int(s, 2, org_id);
	return stmt_exec(st, s, e, "visit employer");
}

/* What a visit led to: the attendees, those interested, the employers'
 * offers and trial days, and the attendees who started in a placement of
 * one of the visit's employers on or after the day of the visit. */
#define VISIT_SELECT                                                                                              \
	"SELECT v.id, v.kind, v.title, v.held_on, v.start_time, v.location, v.capacity, v.language_support, "       \
	"v.organiser_user_id, u.display_name AS organiser_name, v.notes, v.created_at, "                          \
	"(SELECT count(*) FROM visit_participant vp WHERE vp.visit_id = v.id) AS invited, "                        \
	"(SELECT count(*) FROM visit_participant vp WHERE vp.visit_id = v.id AND vp.attended = 1) AS attended, "    \
	"(SELECT count(*) FROM visit_participant vp WHERE vp.visit_id = v.id AND vp.interest IN ('some', 'high')) " \
	"AS interested, "                                                                                          \
	"(SELECT count(*) FROM visit_follow_up f WHERE f.visit_id = v.id AND f.follow_up = 'place_offered') "      \
	"AS places_offered, "                                                                                      \
	"(SELECT count(*) FROM visit_follow_up f WHERE f.visit_id = v.id AND f.follow_up = 'trial_day') "          \
	"AS trial_days, "                                                                                          \
	"(SELECT count(DISTINCT x.participant_id) FROM visit_participant vp JOIN phase x "                         \
	"ON x.participant_id = vp.participant_id JOIN placement pl ON pl.id = x.placement_id "                     \
	"JOIN visit_employer ve ON ve.visit_id = v.id AND ve.organisation_id = pl.organisation_id "                \
	"WHERE vp.visit_id = v.id AND vp.attended = 1 AND x.start_date >= v.held_on) AS placements_started "       \
	"FROM visit v LEFT JOIN app_user u ON u.id = v.organiser_user_id "

int store_visit_get(struct store *st, int64_t id, json_t **out, struct err *e)
{
	static const char sql[] = VISIT_SELECT "WHERE v.id = ?1";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, id);
	int rc = stmt_one(st, s, row_object, out, e, "visit");
	if (rc == 1)
		return err_set(e, ERR_NOT_FOUND, "visit %lld not found", (long long)id);
	return rc;
}

int store_visit_list(struct store *st, const char *from, const char *to, int64_t employer_id, json_t **items,
		     struct err *e)
{
	static const char sql[] = VISIT_SELECT
		"WHERE (?1 IS NULL OR v.held_on >= ?1) AND (?2 IS NULL OR v.held_on <= ?2) AND (?3 = 0 OR EXISTS "
		"(SELECT 1 FROM visit_employer ve WHERE ve.visit_id = v.id AND ve.organisation_id = ?3)) "
		"ORDER BY v.held_on DESC, v.id DESC";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, from);
	bind_text(s, 2, to);
	bind_int(s, 3, employer_id);
	return stmt_rows(st, s, row_object, items, e, "visits");
}

int store_visit_employers(struct store *st, int64_t visit_id, json_t **items, struct err *e)
{
	static const char sql[] = "SELECT o.id, o.name FROM visit_employer ve JOIN organisation o "
				  "ON o.id = ve.organisation_id WHERE ve.visit_id = ?1 ORDER BY o.name COLLATE nl";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, visit_id);
	return stmt_rows(st, s, row_object, items, e, "visit employers");
}

int store_visit_participants(struct store *st, int64_t visit_id, json_t **items, struct err *e)
{
	static const char sql[] = "SELECT participant_id, attended, interest, invited_at FROM visit_participant "
				  "WHERE visit_id = ?1 ORDER BY participant_id";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, visit_id);
	return stmt_rows(st, s, row_object, items, e, "visit participants");
}

int store_visit_follow_ups(struct store *st, int64_t visit_id, json_t **items, struct err *e)
{
	static const char sql[] = "SELECT f.participant_id, f.organisation_id, o.name AS organisation_name, "
				  "f.follow_up, f.note, f.updated_at FROM visit_follow_up f JOIN organisation o "
				  "ON o.id = f.organisation_id WHERE f.visit_id = ?1 ORDER BY f.participant_id, o.name";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, visit_id);
	return stmt_rows(st, s, row_object, items, e, "visit follow-ups");
}

int store_visit_invite(struct store *st, int64_t visit_id, int64_t pid, const char *now, struct err *e)
{
	static const char sql[] = "INSERT OR IGNORE INTO visit_participant (visit_id, participant_id, invited_at) "
				  "VALUES (?1, ?2, ?3)";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, visit_id);
	bind_int(s, 2, pid);
	bind_text(s, 3, now);
	return stmt_exec(st, s, e, "invitation");
}

int store_visit_record(struct store *st, int64_t visit_id, int64_t pid, const json_t *attended,
		       const json_t *interest, struct err *e)
{
	static const char sql[] = "UPDATE visit_participant SET attended = coalesce(?3, attended), "
				  "interest = coalesce(?4, interest) WHERE visit_id = ?1 AND participant_id = ?2";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, visit_id);
	bind_int(s, 2, pid);
	bind_json(s, 3, attended);
	bind_json(s, 4, interest);
	if (stmt_exec(st, s, e, "attendance") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)
		return err_set(e, ERR_NOT_FOUND, "participant %lld is not invited to visit %lld", (long long)pid,
			       (long long)visit_id);
	return 0;
}

int store_visit_follow_up_put(struct store *st, int64_t visit_id, int64_t pid, int64_t org_id, const char *follow_up,
			      const char *note, const char *now, struct err *e)
{
	static const char sql[] =
		"INSERT INTO visit_follow_up (visit_id, participant_id, organisation_id, follow_up, note, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (visit_id, participant_id, organisation_id) DO UPDATE SET "
		"follow_up = excluded.follow_up, note = excluded.note, updated_at = excluded.updated_at";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, visit_id);
	bind_int(s, 2, pid);
	bind_int(s, 3, org_id);
	bind_text(s, 4, follow_up);
	bind_text(s, 5, note);
	bind_text(s, 6, now);
	return stmt_exec(st, s, e, "follow-up");
}

int store_participant_visits(struct store *st, int64_t pid, json_t **items, struct err *e)
{
	static const char sql[] = "SELECT v.id, v.kind, v.title, v.held_on, vp.attended, vp.interest "
				  "FROM visit_participant vp JOIN visit v ON v.id = vp.visit_id "
				  "WHERE vp.participant_id = ?1 ORDER BY v.held_on DESC";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	return stmt_rows(st, s, row_object, items, e, "visits");
}
