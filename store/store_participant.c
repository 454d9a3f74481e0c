/*
 * store_participant.c - participants: insert, update, get, list with
 * search and visibility scope, and the actor's relation to one of them.
 * Column names come from the field table in domain/participant.c, never
 * from input; every value is a bound parameter.
 */
#include "store/sqlite_internal.h"
#include "base/buf.h"
#include "base/textfold.h"
#include "base/xmalloc.h"
#include "domain/participant.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* SQL built once from the field table. */
static char *sql_insert, *sql_update, *sql_select;
static pthread_once_t sql_once = PTHREAD_ONCE_INIT;

static void build_sql(void)
{
	size_t n;
	const struct field_def *fs = participant_fields(&n);
	struct buf ins, vals, upd, sel;

	buf_init(&ins, 0);
	buf_init(&vals, 0);
	buf_init(&upd, 0);
	buf_init(&sel, 0);
	/* id and bsn_hash come first: app/ chooses the id of a new row (its
	 * sealed values name it) and computes the BSN's lookup hash */
	buf_puts(&ins, "INSERT INTO participant (id, bsn_hash, name_key, created_at, updated_at");
	buf_puts(&vals, ") VALUES (?, ?, ?, ?, ?");
	buf_puts(&upd, "UPDATE participant SET bsn_hash = ?, name_key = ?, updated_at = ?");
	buf_puts(&sel, "SELECT id, created_at, updated_at");
	for (size_t i = 0; i < n; i++) {
		buf_printf(&ins, ", %s", fs[i].name);
		buf_puts(&vals, ", ?");
		buf_printf(&upd, ", %s = ?", fs[i].name);
		buf_printf(&sel, ", %s", fs[i].name);
	}
	buf_puts(&vals, ")");
	buf_append(&ins, vals.data, vals.len);
	buf_puts(&upd, " WHERE id = ?");
	buf_puts(&sel, " FROM participant WHERE id = ?");
	sql_insert = buf_detach(&ins, NULL);
	sql_update = buf_detach(&upd, NULL);
	sql_select = buf_detach(&sel, NULL);
	buf_release(&vals);
}

static void name_key(const json_t *rec, struct buf *b)
{
	const char *fam = json_string_value(json_object_get(rec, "family_name"));
	const char *giv = json_string_value(json_object_get(rec, "given_names"));
	buf_putc(b, ' ');
	textfold(giv ? giv : "", b);
	buf_putc(b, ' ');
	textfold(fam ? fam : "", b);
}

/* Bind every field of rec starting at parameter `first`. */
static void bind_fields(sqlite3_stmt *s, int first, const json_t *rec)
{
	size_t n;
	const struct field_def *fs = participant_fields(&n);

	for (size_t i = 0; i < n; i++) {
		int p = first + (int)i;
		json_t *v = json_object_get(rec, fs[i].name);
		if (v == NULL || json_is_null(v)) {
			sqlite3_bind_null(s, p);
			continue;
		}
		switch (participant_field_storage(&fs[i])) {
		case FS_INT:
			bind_int(s, p, json_integer_value(v));
			break;
		case FS_JSON: {
			char *text = json_dumps(v, JSON_COMPACT);
			sqlite3_bind_text(s, p, text, -1, free);
			break;
		}
		case FS_TEXT:
			bind_text(s, p, json_string_value(v));
			break;
		}
	}
}

/* The signal facts of a participant just inserted (migration 003 keeps
 * them current from then on). */
static int facts_insert(struct store *st, int64_t id, const json_t *rec, const char *now, struct err *e)
{
	sqlite3_stmt *s = stmt_get(st,
				   "INSERT INTO path_facts (id, arrival_date, registered, has_intake, integration_deadline, "
				   "exam_status, handover_done, organisation_id) VALUES (?1, ?2, substr(?3, 1, 10), 0, ?4, ?5, "
				   "0, 0)",
				   e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, id);
	bind_json(s, 2, json_object_get(rec, "arrival_date"));
	bind_text(s, 3, now);
	bind_json(s, 4, json_object_get(rec, "integration_deadline"));
	bind_json(s, 5, json_object_get(rec, "exam_status"));
	return stmt_exec(st, s, e, "signal facts");
}

int store_participant_insert(struct store *st, const json_t *rec, const char *now, int64_t *id, struct err *e)
{
	struct buf key;

	pthread_once(&sql_once, build_sql);
	sqlite3_stmt *s = stmt_get(st, sql_insert, e);
	if (s == NULL)
		return -1;
	buf_init(&key, 0);
	name_key(rec, &key);
	bind_json(s, 1, json_object_get(rec, "id"));
	bind_json(s, 2, json_object_get(rec, "bsn_hash"));
	bind_text(s, 3, key.data);
	bind_text(s, 4, now);
	bind_text(s, 5, now);
	bind_fields(s, 6, rec);
	int rc = stmt_exec(st, s, e, "participant");
	buf_release(&key);
	if (rc != 0) {
		if (e->kind == ERR_CONFLICT) {
			err_clear(e);
			err_set(e, ERR_CONFLICT, "external_id \"%s\" is already registered",
				json_string_value(json_object_get(rec, "external_id")));
			err_field(e, "external_id", "\"%s\" is already registered",
				  json_string_value(json_object_get(rec, "external_id")));
			e->kind = ERR_CONFLICT;
		}
		return -1;
	}
	*id = sqlite3_last_insert_rowid(st->db);
	return facts_insert(st, *id, rec, now, e);
}

int store_participant_update(struct store *st, int64_t id, const json_t *rec, const char *now, struct err *e)
{
	struct buf key;
	size_t n;

	pthread_once(&sql_once, build_sql);
	participant_fields(&n);
	sqlite3_stmt *s = stmt_get(st, sql_update, e);
	if (s == NULL)
		return -1;
	buf_init(&key, 0);
	name_key(rec, &key);
	bind_json(s, 1, json_object_get(rec, "bsn_hash"));
	bind_text(s, 2, key.data);
	bind_text(s, 3, now);
	bind_fields(s, 4, rec);
	bind_int(s, 4 + (int)n, id);
	int rc = stmt_exec(st, s, e, "participant");
	buf_release(&key);
	if (rc != 0) {
		if (e->kind == ERR_CONFLICT) {
			err_clear(e);
			err_field(e, "external_id", "\"%s\" is already registered",
				  json_string_value(json_object_get(rec, "external_id")));
			e->kind = ERR_CONFLICT;
		}
		return -1;
	}
	if (sqlite3_changes(st->db) == 0)
		return err_set(e, ERR_NOT_FOUND, "participant %lld not found", (long long)id);
	return 0;
}

int store_participant_get(struct store *st, int64_t id, json_t **out, struct err *e)
{
	size_t n;
	const struct field_def *fs = participant_fields(&n);

	pthread_once(&sql_once, build_sql);
	sqlite3_stmt *s = stmt_get(st, sql_select, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return db_error(st, e, "participant");
		return err_set(e, ERR_NOT_FOUND, "participant %lld not found", (long long)id);
	}
	json_t *rec = json_object();
	json_object_set_new(rec, "id", json_integer(sqlite3_column_int64(s, 0)));
	json_object_set_new(rec, "created_at", col_json(s, 1));
	json_object_set_new(rec, "updated_at", col_json(s, 2));
	for (size_t i = 0; i < n; i++) {
		int c = 3 + (int)i;
		json_t *v;
		if (participant_field_storage(&fs[i]) == FS_JSON && sqlite3_column_type(s, c) == SQLITE_TEXT) {
			v = json_loads(col_text(s, c), 0, NULL);
			if (v == NULL)
				v = json_null();
		} else {
			v = col_json(s, c);
		}
		json_object_set_new(rec, fs[i].name, v);
	}
	sqlite3_reset(s);
	*out = rec;
	return 0;
}

int store_participant_by_external_id(struct store *st, const char *external_id, int64_t *id, struct err *e)
{
	static const char sql[] = "SELECT id FROM participant WHERE external_id = ?";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, external_id);
	*id = 0;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(st, e, "participant");
	return 0;
}

/* ---- list ---- */

/* A link holds from start_date up to, not including, end_date. */
#define ACTIVE_LINK "l.participant_id = p.id AND l.start_date <= ?%d AND (l.end_date IS NULL OR l.end_date > ?%d)"
/* The same inside "p.id IN (SELECT l.participant_id ...)", which lets the
 * link indexes drive the query: a caseload of 50 reads 50 participants,
 * not all of them. */
#define LIVE_LINK "l.start_date <= ?1 AND (l.end_date IS NULL OR l.end_date > ?1)"

/* Append the WHERE clause for q; parameters are numbered: ?1 today,
 * ?2 user id, ?3 user org, ?4 name pattern, ?5 organisation filter,
 * ?6 arrival from, ?7 arrival to. Unused numbers are bound anyway. */
void participant_scope_where(const struct participant_query *q, struct buf *b)
{
	buf_puts(b, " WHERE 1 = 1");
	switch (q->scope) {
	case LVL_ALL:
		break;
	case LVL_ORG:
		buf_puts(b, " AND p.id IN (SELECT l.participant_id FROM participant_link l WHERE l.organisation_id = ?3 AND "
			    LIVE_LINK " UNION SELECT l.participant_id FROM participant_link l WHERE l.user_id = ?2 AND "
			    LIVE_LINK ")");
		break;
	case LVL_OWN:
	case LVL_CONSENT_OWN:
		if (q->own_by == OWN_BY_ORG)
			buf_puts(b, " AND p.id IN (SELECT l.participant_id FROM participant_link l WHERE l.organisation_id = ?3 AND "
				    LIVE_LINK ")");
		else
			buf_puts(b, " AND p.id IN (SELECT l.participant_id FROM participant_link l WHERE l.user_id = ?2 AND "
				    LIVE_LINK ")");
		if (q->scope == LVL_CONSENT_OWN)
			buf_printf(b, " AND EXISTS (SELECT 1 FROM consent c WHERE c.participant_id = p.id"
				      " AND c.organisation_id = ?3 AND c.category = '%s' AND c.revoked_at IS NULL"
				      " AND c.given_on <= ?1 AND (c.expires_on IS NULL OR c.expires_on >= ?1))",
				   access_category(q->consent_category)->name);
		break;
	case LVL_NONE:
		buf_puts(b, " AND 0 = 1");
		break;
	}
	if (q->q && *q->q)
		buf_puts(b, " AND p.name_key LIKE ?4 ESCAPE '\\'");
	if (q->organisation_id)
		buf_printf(b, " AND EXISTS (SELECT 1 FROM participant_link l WHERE " ACTIVE_LINK
			      " AND l.organisation_id = ?5)", 1, 1);
	if (q->arrival_from)
		buf_puts(b, " AND p.arrival_date >= ?6");
	if (q->arrival_to)
		buf_puts(b, " AND p.arrival_date <= ?7");
}

void participant_scope_bind(sqlite3_stmt *s, const struct participant_query *q, const char *pattern)
{
	int n = sqlite3_bind_parameter_count(s);
	if (n >= 1)
		bind_text(s, 1, q->today);
	if (n >= 2)
		bind_int(s, 2, q->user_id);
	if (n >= 3)
		bind_int(s, 3, q->user_org_id);
	if (n >= 4)
		bind_text(s, 4, pattern);
	if (n >= 5)
		bind_int(s, 5, q->organisation_id);
	if (n >= 6)
		bind_text(s, 6, q->arrival_from);
	if (n >= 7)
		bind_text(s, 7, q->arrival_to);
}

int store_participant_list(struct store *st, const struct participant_query *q, json_t **items, int64_t *total,
			   struct err *e)
{
	struct buf where, sql, pat;
	sqlite3_stmt *s = NULL;
	json_t *arr = NULL;
	int rc = -1;

	buf_init(&where, 0);
	buf_init(&sql, 0);
	buf_init(&pat, 0);
	participant_scope_where(q, &where);
	if (q->q && *q->q) {
		struct buf folded;
		buf_init(&folded, 0);
		textfold(q->q, &folded);
		buf_putc(&pat, '%');
		for (size_t i = 0; i < folded.len; i++) {
			char c = folded.data[i];
			if (c == '%' || c == '_' || c == '\\')
				buf_putc(&pat, '\\');
			buf_putc(&pat, c);
		}
		buf_putc(&pat, '%');
		buf_release(&folded);
	}

	buf_printf(&sql, "SELECT count(*) FROM participant p%s", where.data);
	if ((s = stmt_get_text(st, sql.data, e)) == NULL)
		goto out;
	participant_scope_bind(s, q, pat.data);
	if (sqlite3_step(s) != SQLITE_ROW) {
		db_error(st, e, "participant count");
		goto out;
	}
	*total = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);

	buf_reset(&sql);
	buf_printf(&sql,
		   "SELECT p.id, p.family_name, p.given_names, p.birth_date, p.country_of_origin, p.arrival_date, "
		   "p.target_group FROM participant p%s ORDER BY p.family_name COLLATE nl, p.given_names COLLATE nl, "
		   "p.id LIMIT ?8 OFFSET ?9",
		   where.data);
	if ((s = stmt_get_text(st, sql.data, e)) == NULL)
		goto out;
	participant_scope_bind(s, q, pat.data);
	bind_int(s, 8, q->limit);
	bind_int(s, 9, q->offset);
	arr = json_array();
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		json_t *row = json_object();
		json_object_set_new(row, "id", json_integer(sqlite3_column_int64(s, 0)));
		json_object_set_new(row, "family_name", col_json(s, 1));
		json_object_set_new(row, "given_names", col_json(s, 2));
		json_object_set_new(row, "birth_date", col_json(s, 3));
		json_object_set_new(row, "country_of_origin", col_json(s, 4));
		json_object_set_new(row, "arrival_date", col_json(s, 5));
		json_object_set_new(row, "target_group", col_json(s, 6));
		json_array_append_new(arr, row);
	}
	if (step != SQLITE_DONE) {
		db_error(st, e, "participant list");
		goto out;
	}
	*items = arr;
	arr = NULL;
	rc = 0;
out:
	json_decref(arr);
	if (s)
		sqlite3_reset(s);
	buf_release(&where);
	buf_release(&sql);
	buf_release(&pat);
	return rc;
}

int store_participant_relation(struct store *st, int64_t pid, int64_t user_id, int64_t org_id, enum own_scope own_by,
			       const char *today, struct relation *rel, struct err *e)
{
	static const char links[] =
		"SELECT coalesce(max(l.user_id = ?2), 0), coalesce(max(l.organisation_id = ?3), 0) "
		"FROM participant_link l WHERE l.participant_id = ?1 AND l.start_date <= ?4 "
		"AND (l.end_date IS NULL OR l.end_date > ?4)";
	static const char consents[] =
		"SELECT DISTINCT category FROM consent WHERE participant_id = ?1 AND organisation_id = ?2 "
		"AND revoked_at IS NULL AND given_on <= ?3 AND (expires_on IS NULL OR expires_on >= ?3)";

	memset(rel, 0, sizeof *rel);
	sqlite3_stmt *s = stmt_get(st, links, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	bind_int(s, 2, user_id);
	bind_int(s, 3, org_id);
	bind_text(s, 4, today);
	if (sqlite3_step(s) == SQLITE_ROW) {
		bool by_user = sqlite3_column_int(s, 0) != 0, by_org = sqlite3_column_int(s, 1) != 0;
		rel->own = own_by == OWN_BY_USER ? by_user : by_org;
		rel->org = by_org || by_user;
	}
	sqlite3_reset(s);

	s = stmt_get(st, consents, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	bind_int(s, 2, org_id);
	bind_text(s, 3, today);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		enum category c;
		if (access_category_find(col_text(s, 0), &c) == 0)
			rel->consent_mask |= 1u << c;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_error(st, e, "consent");
	return 0;
}
