/*
 * store_path.c - the path tables: phases, intake, ladder, journal,
 * hand-over and sheltered-work records. Rows come back as JSON objects
 * named by their columns; app/ adds labels and decides who sees what.
 */
#include "store/sqlite_internal.h"
#include "base/xmalloc.h"

/* Prepare static sql, bind pid as ?1 and return the rows as items. */
static int pid_rows(struct store *st, const char *sql, int64_t pid, json_t **items, struct err *e, const char *what)
{
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	return stmt_rows(st, s, row_object, items, e, what);
}

/* One row or *out = NULL. */
static int pid_row(struct store *st, const char *sql, int64_t pid, json_t **out, struct err *e, const char *what)
{
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	*out = NULL;
	return stmt_one(st, s, row_object, out, e, what) < 0 ? -1 : 0;
}

/* ---- phases ---- */

int store_phase_list(struct store *st, int64_t pid, json_t **items, struct err *e)
{
	static const char sql[] =
		"SELECT ph.id, ph.kind, ph.start_date, ph.planned_end, ph.actual_end, ph.organisation_id, "
		"o.name AS organisation_name, ph.responsible_user_id, u.display_name AS responsible_name, "
		"ph.placement_id, pl.title AS placement_title, po.name AS placement_organisation_name, ph.outcome, "
		"ph.reason FROM phase ph "
		"LEFT JOIN organisation o ON o.id = ph.organisation_id LEFT JOIN app_user u ON u.id = ph.responsible_user_id "
		"LEFT JOIN placement pl ON pl.id = ph.placement_id LEFT JOIN organisation po ON po.id = pl.organisation_id "
		"WHERE ph.participant_id = ?1 ORDER BY ph.start_date, ph.id";
	return pid_rows(st, sql, pid, items, e, "phases");
}

int store_phase_insert(struct store *st, int64_t pid, const json_t *ph, const char *now, int64_t *id, struct err *e)
{
	static const char sql[] = "INSERT INTO phase (participant_id, kind, start_date, planned_end, actual_end, "
				  "organisation_id, responsible_user_id, placement_id, outcome, reason, created_at) "
				  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char *const cols[] = { "kind", "start_date", "planned_end", "actual_end", "organisation_id",
					    "responsible_user_id", "placement_id", "outcome", "reason" };
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	for (int i = 0; i < 9; i++)
		bind_json(s, 2 + i, json_object_get(ph, cols[i]));
	bind_text(s, 11, now);
	if (stmt_exec(st, s, e, "phase") != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int store_phase_update(struct store *st, int64_t pid, int64_t id, const json_t *ph, struct err *e)
{
	static const char sql[] = "UPDATE phase SET planned_end = ?, actual_end = ?, responsible_user_id = ?, "
				  "outcome = ?, reason = ? WHERE participant_id = ? AND id = ?";
	static const char *const cols[] = { "planned_end", "actual_end", "responsible_user_id", "outcome", "reason" };
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	for (int i = 0; i < 5; i++)
		bind_json(s, 1 + i, json_object_get(ph, cols[i]));
	bind_int(s, 6, pid);
	bind_int(s, 7, id);
	if (stmt_exec(st, s, e, "phase") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)
		return err_set(e, ERR_NOT_FOUND, "phase %lld of participant %lld not found", (long long)id, (long long)pid);
	return 0;
}

/* ---- intake ---- */

int store_intake_get(struct store *st, int64_t pid, json_t **out, struct err *e)
{
	static const char sql[] = "SELECT intake_date, first_step, reasons, prior_level_confirmed, ambitions_confirmed, "
				  "planned_day_parts, study_offered, study_choice, u.display_name AS recorded_by, "
				  "recorded_at FROM intake i LEFT JOIN app_user u ON u.id = i.recorded_by "
				  "WHERE i.participant_id = ?1";
	return pid_row(st, sql, pid, out, e, "intake");
}

int store_intake_insert(struct store *st, int64_t pid, const json_t *in, int64_t user_id, const char *now,
			struct err *e)
{
	static const char sql[] = "INSERT INTO intake (participant_id, intake_date, first_step, reasons, "
				  "prior_level_confirmed, ambitions_confirmed, planned_day_parts, study_offered, "
				  "study_choice, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char *const cols[] = { "intake_date", "first_step", "reasons", "prior_level_confirmed",
					    "ambitions_confirmed", "planned_day_parts", "study_offered", "study_choice" };
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	for (int i = 0; i < 8; i++)
		bind_json(s, 2 + i, json_object_get(in, cols[i]));
	if (user_id)
		bind_int(s, 10, user_id);
	else
		sqlite3_bind_null(s, 10);
	bind_text(s, 11, now);
	if (stmt_exec(st, s, e, "intake") != 0) {
		if (e->kind == ERR_CONFLICT)
			err_set(e, ERR_CONFLICT, "the intake of participant %lld is recorded already", (long long)pid);
		return -1;
	}
	return 0;
}

/* ---- ladder ---- */

int store_ladder_list(struct store *st, int64_t pid, json_t **items, struct err *e)
{
	static const char sql[] = "SELECT id, assessed_on, level, assessor_name AS assessor, note FROM ladder "
				  "WHERE participant_id = ?1 ORDER BY assessed_on DESC, id DESC";
	return pid_rows(st, sql, pid, items, e, "ladder");
}

int store_ladder_insert(struct store *st, int64_t pid, const json_t *in, int64_t user_id, const char *user_name,
			const char *now, int64_t *id, struct err *e)
{
	static const char sql[] = "INSERT INTO ladder (participant_id, assessed_on, level, assessor_user_id, "
				  "assessor_name, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	bind_json(s, 2, json_object_get(in, "assessed_on"));
	bind_json(s, 3, json_object_get(in, "level"));
	if (user_id)
		bind_int(s, 4, user_id);
	else
		sqlite3_bind_null(s, 4);
	bind_text(s, 5, user_name);
	bind_json(s, 6, json_object_get(in, "note"));
	bind_text(s, 7, now);
	if (stmt_exec(st, s, e, "ladder") != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

/* ---- journal ---- */

int store_journal_list(struct store *st, int64_t pid, json_t **items, struct err *e)
{
	static const char sql[] = "SELECT id, occurred_on, kind, category, text, author_name AS author FROM journal "
				  "WHERE participant_id = ?1 ORDER BY occurred_on DESC, id DESC";
	return pid_rows(st, sql, pid, items, e, "journal");
}

int store_journal_insert(struct store *st, int64_t pid, const json_t *in, int64_t user_id, const char *user_name,
			 const char *now, int64_t *id, struct err *e)
{
	static const char sql[] = "INSERT INTO journal (participant_id, occurred_on, kind, category, text, "
				  "author_user_id, author_name, created_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	bind_json(s, 2, json_object_get(in, "occurred_on"));
	bind_json(s, 3, json_object_get(in, "kind"));
	bind_json(s, 4, json_object_get(in, "category"));
	bind_json(s, 5, json_object_get(in, "text"));
	if (user_id)
		bind_int(s, 6, user_id);
	else
		sqlite3_bind_null(s, 6);
	bind_text(s, 7, user_name);
	bind_text(s, 8, now);
	bind_json(s, 9, json_object_get(in, "id")); /* chosen by app/ when the text is sealed */
	if (stmt_exec(st, s, e, "journal") != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

/* ---- hand-over ---- */

int store_handover_get(struct store *st, int64_t pid, json_t **out, struct err *e)
{
	static const char sql[] = "SELECT h.welfare_user_id, w.display_name AS welfare_name, h.checklist, "
				  "h.volunteer_user_id, v.display_name AS volunteer_name, h.volunteer_signed_at, "
				  "h.welfare_signed_at FROM handover h LEFT JOIN app_user w ON w.id = h.welfare_user_id "
				  "LEFT JOIN app_user v ON v.id = h.volunteer_user_id WHERE h.participant_id = ?1";
	return pid_row(st, sql, pid, out, e, "handover");
}

int store_handover_put(struct store *st, int64_t pid, const json_t *h, const char *now, struct err *e)
{
	static const char sql[] =
		"INSERT INTO handover (participant_id, welfare_user_id, checklist, volunteer_user_id, "
		"volunteer_signed_at, welfare_signed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
		"ON CONFLICT (participant_id) DO UPDATE SET welfare_user_id = excluded.welfare_user_id, "
		"checklist = excluded.checklist, volunteer_user_id = excluded.volunteer_user_id, "
		"volunteer_signed_at = excluded.volunteer_signed_at, welfare_signed_at = excluded.welfare_signed_at, "
		"updated_at = excluded.updated_at";
	static const char *const cols[] = { "welfare_user_id", "checklist", "volunteer_user_id", "volunteer_signed_at",
					    "welfare_signed_at" };
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	for (int i = 0; i < 5; i++)
		bind_json(s, 2 + i, json_object_get(h, cols[i]));
	bind_text(s, 7, now);
	return stmt_exec(st, s, e, "handover");
}

/* ---- sheltered work ---- */

int store_sheltered_get(struct store *st, int64_t pid, json_t **out, struct err *e)
{
	static const char sql[] = "SELECT source, school, school_contact, parents_contact, last_school_year, "
				  "indication_status, stage, hold_until, placement_type, updated_at FROM sheltered "
				  "WHERE participant_id = ?1";
	return pid_row(st, sql, pid, out, e, "sheltered work");
}

int store_sheltered_put(struct store *st, int64_t pid, const json_t *r, const char *now, struct err *e)
{
	static const char sql[] =
		"INSERT INTO sheltered (participant_id, source, school, school_contact, parents_contact, "
		"last_school_year, indication_status, stage, hold_until, placement_type, updated_at) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
		"ON CONFLICT (participant_id) DO UPDATE SET source = excluded.source, school = excluded.school, "
		"school_contact = excluded.school_contact, parents_contact = excluded.parents_contact, "
		"last_school_year = excluded.last_school_year, indication_status = excluded.indication_status, "
		"stage = excluded.stage, hold_until = excluded.hold_until, placement_type = excluded.placement_type, "
		"updated_at = excluded.updated_at";
	static const char *const cols[] = { "source", "school", "school_contact", "parents_contact", "last_school_year",
					    "indication_status", "stage", "hold_until", "placement_type" };
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	for (int i = 0; i < 9; i++)
		bind_json(s, 2 + i, json_object_get(r, cols[i]));
	bind_text(s, 11, now);
	return stmt_exec(st, s, e, "sheltered work");
}

int store_sheltered_board(struct store *st, json_t **items, struct err *e)
{
	static const char sql[] = "SELECT p.id, p.family_name, p.given_names, s.source, s.indication_status, s.stage, "
				  "s.hold_until FROM sheltered s JOIN participant p ON p.id = s.participant_id "
				  "ORDER BY s.stage, p.family_name COLLATE nl, p.given_names COLLATE nl";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	return stmt_rows(st, s, row_object, items, e, "sheltered work");
}

/* ---- facts for the signal rules ---- */

/* The facts come from path_facts, which triggers keep equal to the view
 * path_facts_live (migration 003). The table is aliased "p" and its key is
 * the participant's id, so the scope filters of participant_scope_where
 * (which name p.id only for a worklist's query) apply unchanged. */
int store_signal_facts(struct store *st, const struct participant_query *q, facts_fn fn, void *arg, struct err *e)
{
	struct buf where, sql;
	int rc = -1;

	buf_init(&where, 0);
	buf_init(&sql, 0);
	participant_scope_where(q, &where);
	buf_printf(&sql,
		   "SELECT p.id, p.arrival_date, p.registered, p.has_intake, p.last_contact, p.last_assessment, "
		   "p.integration_deadline, p.exam_status, p.volunteer_spans, p.handover_done, p.work_learning_start, "
		   "p.open_planned_end, p.dropped_out_since, p.hold_until, p.organisation_id, p.third_absence "
		   "FROM path_facts p%s",
		   where.data);
	sqlite3_stmt *s = stmt_get_text(st, sql.data, e);
	if (s == NULL)
		goto out;
	participant_scope_bind(s, q, NULL);
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct facts_row r = {
			.id = sqlite3_column_int64(s, 0),
			.arrival_date = col_text(s, 1),
			.registered = col_text(s, 2),
			.has_intake = sqlite3_column_int(s, 3) != 0,
			.last_contact = col_text(s, 4),
			.last_assessment = col_text(s, 5),
			.integration_deadline = col_text(s, 6),
			.exam_status = col_text(s, 7),
			.volunteer_spans = col_text(s, 8),
			.handover_done = sqlite3_column_int(s, 9) != 0,
			.work_learning_start = col_text(s, 10),
			.open_planned_end = col_text(s, 11),
			.dropped_out_since = col_text(s, 12),
			.hold_until = col_text(s, 13),
			.organisation_id = sqlite3_column_int64(s, 14),
			.third_absence = col_text(s, 15),
		};
		if (fn(arg, &r, e) != 0) {
			sqlite3_reset(s);
			goto out;
		}
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE) {
		db_error(st, e, "signals");
		goto out;
	}
	rc = 0;
out:
	buf_release(&where);
	buf_release(&sql);
	return rc;
}

int store_signal_facts_check(struct store *st, int64_t *stale, struct err *e)
{
	sqlite3_stmt *s = stmt_get(st,
				   "SELECT (SELECT count(*) FROM (SELECT * FROM path_facts EXCEPT SELECT * FROM path_facts_live)) + "
				   "(SELECT count(*) FROM (SELECT * FROM path_facts_live EXCEPT SELECT * FROM path_facts))",
				   e);
	if (s == NULL)
		return -1;
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return db_error(st, e, "signal facts check");
	}
	*stale = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return 0;
}

int store_participant_name(struct store *st, int64_t id, char **family_name, char **given_names, struct err *e)
{
	sqlite3_stmt *s = stmt_get(st, "SELECT family_name, given_names FROM participant WHERE id = ?1", e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return db_error(st, e, "participant name");
		return err_set(e, ERR_NOT_FOUND, "participant %lld not found", (long long)id);
	}
	*family_name = xstrdup(col_text(s, 0));
	*given_names = xstrdup(col_text(s, 1));
	sqlite3_reset(s);
	return 0;
}
