/*
 * store_demo.c - the read of the people whose week plans the demo draws
 * (see store_demo.h): one pass over the participants with the facts a
 * plan needs, so the demo does not ask per person.
 */
#include "store/store_demo.h"
#include "store/sqlite_internal.h"

int store_demo_plan_people(struct store *st, const char *today, int64_t course_org, json_t **items,
			   struct err *e)
{
	static const char sql[] =
		"WITH w AS (SELECT p.id AS pid, "
		"(SELECT x.id FROM phase x WHERE x.participant_id = p.id AND x.actual_end IS NULL AND x.kind IN "
		"('internal_work_learning', 'external_work_learning', 'work_experience_place', 'language_internship', "
		"'trial_placement') ORDER BY x.start_date DESC, x.id DESC LIMIT 1) AS phase_id, "
		"EXISTS (SELECT 1 FROM participant_link l WHERE l.participant_id = p.id AND l.kind = 'language_course' "
		"AND l.organisation_id = ?2 AND (l.end_date IS NULL OR l.end_date > ?1)) AS course FROM participant p) "
		"SELECT p.id AS id, p.cefr_speaking AS cefr_speaking, p.integration_duty AS integration_duty, "
		"p.exam_status AS exam_status, p.work_days_per_week AS days, p.work_hours_per_day AS hours, "
		"w.course AS course, ph.kind AS phase_kind, ph.start_date AS phase_start, ph.placement_id AS placement_id, "
		"pl.title AS placement_title, pl.location AS placement_location, pl.day_parts AS placement_day_parts, pl.hours_per_week AS placement_hours, "
		"pl.full_days AS full_days, pl.capacity AS capacity, o.type AS organisation_type, "
		"(SELECT i.planned_day_parts FROM intake i WHERE i.participant_id = p.id) AS agreed, "
		"(SELECT l.user_id FROM participant_link l WHERE l.participant_id = p.id AND l.kind = 'job_coach' "
		"AND (l.end_date IS NULL OR l.end_date > ?1) ORDER BY l.id LIMIT 1) AS coach_user_id, "
		"EXISTS (SELECT 1 FROM participant_link l WHERE l.participant_id = p.id AND l.kind = 'language_buddy' "
		"AND (l.end_date IS NULL OR l.end_date > ?1)) AS buddy, "
		"(SELECT n.training_id FROM training_enrolment n JOIN training t ON t.id = n.training_id "
		"WHERE n.participant_id = p.id AND n.result = 'enrolled' AND t.end_date >= ?1 "
		"ORDER BY t.start_date, t.id LIMIT 1) AS training_id "
		"FROM w JOIN participant p ON p.id = w.pid LEFT JOIN phase ph ON ph.id = w.phase_id "
		"LEFT JOIN placement pl ON pl.id = ph.placement_id LEFT JOIN organisation o ON o.id = pl.organisation_id "
		"WHERE w.phase_id IS NOT NULL OR w.course ORDER BY p.id";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_text(s, 1, today);
	bind_int(s, 2, course_org);
	return stmt_rows(st, s, row_object, items, e, "demo plan people");
}
