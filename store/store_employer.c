/*
 * store_employer.c - employers (an organisation of type employer with its
 * details), their contacts and the history of what was done with them.
 * Rows come back as JSON objects named by their columns; app/ validates
 * and decides who sees what.
 */
#include "store/sqlite_internal.h"

static const char *const employer_cols[] = { "sector", "street", "postal_code", "city", "latitude", "longitude",
					     "size_class", "network_member", "account_manager_id", "notes", NULL };

int store_employer_insert(struct store *st, int64_t org_id, const json_t *in, const char *now, struct err *e)
{
	json_t *row = json_deep_copy(in);
	json_object_set_new(row, "organisation_id", json_integer(org_id));
	json_object_set_new(row, "updated_at", json_string(now));
	if (!json_object_get(row, "network_member"))
		json_object_set_new(row, "network_member", json_false());
	static const char *const cols[] = { "organisation_id", "sector", "street", "postal_code", "city", "latitude",
					    "longitude", "size_class", "network_member", "account_manager_id", "notes",
					    "updated_at", NULL };
	int rc = store_row_insert(st, "employer", cols, row, "created_at", now, NULL, e);
	json_decref(row);
	return rc;
}

int store_employer_update(struct store *st, int64_t org_id, const json_t *in, const char *now, struct err *e)
{
	return store_row_update(st, "employer", employer_cols, in, "organisation_id", org_id, "updated_at", now, e);
}

#define EMPLOYER_SELECT                                                                                        \
	"SELECT o.id, o.name, m.sector, m.street, m.postal_code, m.city, m.latitude, m.longitude, m.size_class, " \
	"m.network_member, m.account_manager_id, u.display_name AS account_manager_name, m.notes, m.created_at, " \
	"m.updated_at, "                                                                                       \
	"(SELECT count(*) FROM placement pl WHERE pl.organisation_id = o.id AND pl.active = 1) AS placement_count, "   \
	"(SELECT coalesce(sum(pl.capacity), 0) FROM placement pl WHERE pl.organisation_id = o.id "              \
	"AND pl.active = 1) AS capacity, "                                                                     \
	"(SELECT count(*) FROM phase x JOIN placement pl ON pl.id = x.placement_id "                            \
	"WHERE pl.organisation_id = o.id AND x.actual_end IS NULL) AS occupancy "                              \
	"FROM employer m JOIN organisation o ON o.id = m.organisation_id "                                      \
	"LEFT JOIN app_user u ON u.id = m.account_manager_id "

int store_employer_get(struct store *st, int64_t org_id, json_t **out, struct err *e)
{
	static const char sql[] = EMPLOYER_SELECT "WHERE o.id = ?1";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, org_id);
	int rc = stmt_one(st, s, row_object, out, e, "employer");
	if (rc == 1)
		return err_set(e, ERR_NOT_FOUND, "employer %lld not found", (long long)org_id);
	return rc;
}

int store_employer_list(struct store *st, const struct employer_query *q, json_t **items, struct err *e)
{
	static const char sql[] = EMPLOYER_SELECT
		"WHERE (?1 IS NULL OR m.sector = ?1) AND (?2 < 0 OR m.network_member = ?2) "
		"AND (?3 = 0 OR m.account_manager_id = ?3) AND (?4 = 0 OR o.id = ?4) "
		"AND (?5 IS NULL OR o.name LIKE '%' || ?5 || '%') ORDER BY o.name COLLATE nl";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, q->sector);
	bind_int(s, 2, q->network_member);
	bind_int(s, 3, q->account_manager_id);
	bind_int(s, 4, q->organisation_id);
	bind_text(s, 5, q->name);
	return stmt_rows(st, s, row_object, items, e, "employers");
}

int store_contact_insert(struct store *st, int64_t org_id, const json_t *in, const char *now, int64_t *id,
			 struct err *e)
{
	static const char *const cols[] = { "organisation_id", "name", "job_title", "phone", "email", NULL };
	json_t *row = json_deep_copy(in);
	json_object_set_new(row, "organisation_id", json_integer(org_id));
	int rc = store_row_insert(st, "employer_contact", cols, row, "created_at", now, id, e);
	json_decref(row);
	return rc;
}

int store_contact_list(struct store *st, int64_t org_id, json_t **items, struct err *e)
{
	static const char sql[] = "SELECT id, name, job_title, phone, email, created_at FROM employer_contact "
				  "WHERE organisation_id = ?1 ORDER BY name COLLATE nl, id";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, org_id);
	return stmt_rows(st, s, row_object, items, e, "contacts");
}

int store_employer_event_insert(struct store *st, int64_t org_id, const char *occurred_on, const char *kind,
				const char *text, int64_t user_id, const char *user_name, const char *now,
				struct err *e)
{
	static const char sql[] = "INSERT INTO employer_event (organisation_id, occurred_on, kind, text, "
				  "author_user_id, author_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, org_id);
	bind_text(s, 2, occurred_on);
	bind_text(s, 3, kind);
	bind_text(s, 4, text);
	if (user_id)
		bind_int(s, 5, user_id);
	bind_text(s, 6, user_name);
	bind_text(s, 7, now);
	return stmt_exec(st, s, e, "employer history");
}

int store_employer_event_list(struct store *st, int64_t org_id, json_t **items, struct err *e)
{
	static const char sql[] = "SELECT id, occurred_on, kind, text, author_name, created_at FROM employer_event "
				  "WHERE organisation_id = ?1 ORDER BY occurred_on DESC, id DESC";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, org_id);
	return stmt_rows(st, s, row_object, items, e, "employer history");
}
