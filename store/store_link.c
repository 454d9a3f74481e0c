/*
 * store_link.c - a participant's links to people and organisations
 * (caseload, guidance network, placements, courses) and their consents.
 */
#include "store/sqlite_internal.h"

#define LINK_COLUMNS                                                                                  \
	"SELECT l.id, l.kind, l.user_id, u.display_name, l.organisation_id, o.name, l.start_date, "  \
	"l.end_date FROM participant_link l JOIN organisation o ON o.id = l.organisation_id "         \
	"LEFT JOIN app_user u ON u.id = l.user_id "

static json_t *link_row(sqlite3_stmt *s)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", col_json(s, 0));
	json_object_set_new(o, "kind", col_json(s, 1));
	json_object_set_new(o, "user_id", col_json(s, 2));
	json_object_set_new(o, "user_name", col_json(s, 3));
	json_object_set_new(o, "organisation_id", col_json(s, 4));
	json_object_set_new(o, "organisation_name", col_json(s, 5));
	json_object_set_new(o, "start_date", col_json(s, 6));
	json_object_set_new(o, "end_date", col_json(s, 7));
	return o;
}

int store_link_insert(struct store *st, int64_t pid, const char *kind, int64_t user_id, int64_t org_id,
		      const char *start_date, int64_t *id, struct err *e)
{
	static const char sql[] = "INSERT INTO participant_link (participant_id, kind, user_id, organisation_id, "
				  "start_date) VALUES (?, ?, ?, ?, ?)";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	bind_text(s, 2, kind);
	if (user_id)
		bind_int(s, 3, user_id);
	else
		sqlite3_bind_null(s, 3);
	bind_int(s, 4, org_id);
	bind_text(s, 5, start_date);
	if (stmt_exec(st, s, e, "link") != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int store_link_list(struct store *st, int64_t pid, json_t **out, struct err *e)
{
	static const char sql[] = LINK_COLUMNS "WHERE l.participant_id = ? ORDER BY l.start_date DESC, l.id DESC";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	return stmt_items(st, s, link_row, out, e, "links");
}

int store_link_get(struct store *st, int64_t pid, int64_t link_id, json_t **out, struct err *e)
{
	static const char sql[] = LINK_COLUMNS "WHERE l.participant_id = ? AND l.id = ?";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	bind_int(s, 2, link_id);
	int rc = stmt_one(st, s, link_row, out, e, "link");
	if (rc <= 0)
		return rc;
	return err_set(e, ERR_NOT_FOUND, "link %lld of participant %lld not found", (long long)link_id, (long long)pid);
}

int store_link_end(struct store *st, int64_t pid, int64_t link_id, const char *end_date, struct err *e)
{
	static const char sql[] = "UPDATE participant_link SET end_date = ? WHERE participant_id = ? AND id = ? "
				  "AND end_date IS NULL";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, end_date);
	bind_int(s, 2, pid);
	bind_int(s, 3, link_id);
	if (stmt_exec(st, s, e, "link") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)
		return err_set(e, ERR_NOT_FOUND, "open link %lld of participant %lld not found", (long long)link_id,
			       (long long)pid);
	return 0;
}

int store_link_end_kind(struct store *st, int64_t pid, const char *kind, int64_t org_id, const char *end_date,
			struct err *e)
{
	static const char sql[] = "UPDATE participant_link SET end_date = ?4 WHERE participant_id = ?1 AND kind = ?2 "
				  "AND organisation_id = ?3 AND end_date IS NULL";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	bind_text(s, 2, kind);
	bind_int(s, 3, org_id);
	bind_text(s, 4, end_date);
	return stmt_exec(st, s, e, "link");
}

/* ---- consent ---- */

#define CONSENT_COLUMNS                                                                                    \
	"SELECT c.id, c.organisation_id, o.name, c.category, c.given_on, c.expires_on, c.revoked_at, "    \
	"u.display_name, c.recorded_at, "                                                                  \
	"(c.revoked_at IS NULL AND c.given_on <= ?1 AND (c.expires_on IS NULL OR c.expires_on >= ?1)) "   \
	"FROM consent c JOIN organisation o ON o.id = c.organisation_id "                                   \
	"LEFT JOIN app_user u ON u.id = c.recorded_by "

static json_t *consent_row(sqlite3_stmt *s)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", col_json(s, 0));
	json_object_set_new(o, "organisation_id", col_json(s, 1));
	json_object_set_new(o, "organisation_name", col_json(s, 2));
	json_object_set_new(o, "category", col_json(s, 3));
	json_object_set_new(o, "given_on", col_json(s, 4));
	json_object_set_new(o, "expires_on", col_json(s, 5));
	json_object_set_new(o, "revoked_at", col_json(s, 6));
	json_object_set_new(o, "recorded_by", col_json(s, 7));
	json_object_set_new(o, "recorded_at", col_json(s, 8));
	json_object_set_new(o, "active", json_boolean(sqlite3_column_int(s, 9)));
	return o;
}

int store_consent_insert(struct store *st, int64_t pid, int64_t org_id, const char *category, const char *given_on,
			 const char *expires_on, int64_t recorded_by, const char *now, int64_t *id, struct err *e)
{
	static const char sql[] = "INSERT INTO consent (participant_id, organisation_id, category, given_on, "
				  "expires_on, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	bind_int(s, 2, org_id);
	bind_text(s, 3, category);
	bind_text(s, 4, given_on);
	bind_text(s, 5, expires_on);
	if (recorded_by)
		bind_int(s, 6, recorded_by);
	else
		sqlite3_bind_null(s, 6);
	bind_text(s, 7, now);
	if (stmt_exec(st, s, e, "consent") != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int store_consent_list(struct store *st, int64_t pid, const char *today, json_t **out, struct err *e)
{
	static const char sql[] = CONSENT_COLUMNS "WHERE c.participant_id = ?2 ORDER BY c.recorded_at DESC, c.id DESC";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, today);
	bind_int(s, 2, pid);
	return stmt_items(st, s, consent_row, out, e, "consents");
}

int store_consent_get(struct store *st, int64_t pid, int64_t cid, const char *today, json_t **out, struct err *e)
{
	static const char sql[] = CONSENT_COLUMNS "WHERE c.participant_id = ?2 AND c.id = ?3";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, today);
	bind_int(s, 2, pid);
	bind_int(s, 3, cid);
	int rc = stmt_one(st, s, consent_row, out, e, "consent");
	if (rc <= 0)
		return rc;
	return err_set(e, ERR_NOT_FOUND, "consent %lld of participant %lld not found", (long long)cid, (long long)pid);
}

int store_consent_revoke(struct store *st, int64_t pid, int64_t cid, const char *now, struct err *e)
{
	static const char sql[] = "UPDATE consent SET revoked_at = ? WHERE participant_id = ? AND id = ? "
				  "AND revoked_at IS NULL";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, now);
	bind_int(s, 2, pid);
	bind_int(s, 3, cid);
	if (stmt_exec(st, s, e, "consent") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)
		return err_set(e, ERR_NOT_FOUND, "consent %lld of participant %lld not found or already revoked",
			       (long long)cid, (long long)pid);
	return 0;
}
