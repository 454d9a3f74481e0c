/*
 * store_training.c - short trainings at work (a forklift licence, food
 * hygiene, safety), their co-financing, and who took them with what
 * result and certificate.
 */
#include "store/sqlite_internal.h"

int store_training_insert(struct store *st, const json_t *in, const char *now, int64_t *id, struct err *e)
{
	static const char *const cols[] = { "title", "certificate", "provider", "start_date", "end_date", "cost_cents",
					    "employer_share_cents", "employer_id", "capacity", "validity_months", NULL };
	return store_row_insert(st, "training", cols, in, "created_at", now, id, e);
}

#define TRAINING_SELECT                                                                                       \
	"SELECT t.id, t.title, t.certificate, t.provider, t.start_date, t.end_date, t.cost_cents, "            \
	"t.employer_share_cents, t.cost_cents - t.employer_share_cents AS company_share_cents, t.employer_id, " \
	"o.name AS employer_name, t.capacity, t.validity_months, t.created_at, "                              \
	"(SELECT count(*) FROM training_enrolment n WHERE n.training_id = t.id) AS enrolled, "               \
	"(SELECT count(*) FROM training_enrolment n WHERE n.training_id = t.id AND n.result = 'passed') "    \
	"AS passed FROM training t LEFT JOIN organisation o ON o.id = t.employer_id "

int store_training_get(struct store *st, int64_t id, json_t **out, struct err *e)
{
	static const char sql[] = TRAINING_SELECT "WHERE t.id = ?1";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, id);
	int rc = stmt_one(st, s, row_object, out, e, "training");
	if (rc == 1)
		return err_set(e, ERR_NOT_FOUND, "training %lld not found", (long long)id);
	return rc;
}

int store_training_list(struct store *st, int64_t employer_id, json_t **items, struct err *e)
{
	static const char sql[] = TRAINING_SELECT "WHERE (?1 = 0 OR t.employer_id = ?1) "
						  "ORDER BY t.start_date DESC, t.id DESC";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, employer_id);
	return stmt_rows(st, s, row_object, items, e, "trainings");
}

int store_enrolment_put(struct store *st, int64_t training_id, int64_t pid, const char *result,
			const char *certificate_expires, const char *now, struct err *e)
{
	static const char sql[] =
		"INSERT INTO training_enrolment (training_id, participant_id, result, certificate_expires, updated_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (training_id, participant_id) DO UPDATE SET "
		"result = excluded.result, certificate_expires = excluded.certificate_expires, "
		"updated_at = excluded.updated_at";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, training_id);
	bind_int(s, 2, pid);
	bind_text(s, 3, result);
	bind_text(s, 4, certificate_expires);
	bind_text(s, 5, now);
	return stmt_exec(st, s, e, "enrolment");
}

int store_enrolment_get(struct store *st, int64_t training_id, int64_t pid, json_t **out, struct err *e)
{
	static const char sql[] = "SELECT training_id, participant_id, result, certificate_expires, updated_at "
				  "FROM training_enrolment WHERE training_id = ?1 AND participant_id = ?2";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, training_id);
	bind_int(s, 2, pid);
	int rc = stmt_one(st, s, row_object, out, e, "enrolment");
	if (rc == 1) {
		*out = NULL;
		return 0;
	}
	return rc;
}

int store_enrolment_list(struct store *st, int64_t training_id, json_t **items, struct err *e)
{
	static const char sql[] = "SELECT participant_id, result, certificate_expires, updated_at "
				  "FROM training_enrolment WHERE training_id = ?1 ORDER BY participant_id";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, training_id);
	return stmt_rows(st, s, row_object, items, e, "enrolments");
}

int store_certificates(struct store *st, int64_t pid, json_t **items, struct err *e)
{
	static const char sql[] =
		"SELECT n.training_id, t.title, t.certificate, t.end_date, n.result, n.certificate_expires "
		"FROM training_enrolment n JOIN training t ON t.id = n.training_id WHERE n.participant_id = ?1 "
		"ORDER BY t.end_date DESC, t.id DESC";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	return stmt_rows(st, s, row_object, items, e, "trainings");
}
