/*
 * store_assessment.c - work-floor assessments: the rubric's scores and
 * comments (JSON objects keyed by item), the advice computed when stored,
 * and the job coach's decision on it.
 */
#include "store/sqlite_internal.h"

int store_assessment_insert(struct store *st, int64_t pid, const json_t *in, const char *now, int64_t *id,
			    struct err *e)
{
	static const char *const cols[] = { "participant_id", "assessed_on", "placement_id", "assessor_user_id",
					    "assessor_name", "scores", "comments", "advice", "advice_reason", NULL };
	json_t *row = json_deep_copy(in);
	json_object_set_new(row, "participant_id", json_integer(pid));
	int rc = store_row_insert(st, "assessment", cols, row, "created_at", now, id, e);
	json_decref(row);
	return rc;
}

int store_assessment_decide(struct store *st, int64_t pid, int64_t id, const char *decision,
			    const char *decided_advice, const char *reason, int64_t user_id, const char *now,
			    struct err *e)
{
	static const char sql[] = "UPDATE assessment SET decision = ?3, decided_advice = ?4, decision_reason = ?5, "
				  "decided_by = ?6, decided_at = ?7 WHERE participant_id = ?1 AND id = ?2";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	bind_int(s, 2, id);
	bind_text(s, 3, decision);
	bind_text(s, 4, decided_advice);
	bind_text(s, 5, reason);
	if (user_id)
		bind_int(s, 6, user_id);
	bind_text(s, 7, now);
	if (stmt_exec(st, s, e, "assessment") != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)
		return err_set(e, ERR_NOT_FOUND, "assessment %lld of participant %lld not found", (long long)id,
			       (long long)pid);
	return 0;
}

/* Oldest first, so trends read left to right. */
int store_assessment_list(struct store *st, int64_t pid, json_t **items, struct err *e)
{
	static const char sql[] =
		"SELECT a.id, a.assessed_on, a.placement_id, pl.title AS placement_title, a.assessor_user_id, "
		"a.assessor_name, a.scores, a.comments, a.advice, a.advice_reason, a.decision, a.decided_advice, "
		"a.decision_reason, u.display_name AS decided_by_name, a.decided_at, a.created_at FROM assessment a "
		"LEFT JOIN placement pl ON pl.id = a.placement_id LEFT JOIN app_user u ON u.id = a.decided_by "
		"WHERE a.participant_id = ?1 ORDER BY a.assessed_on, a.id";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, pid);
	return stmt_rows(st, s, row_object, items, e, "assessments");
}
