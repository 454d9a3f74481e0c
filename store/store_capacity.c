/*
 * store_capacity.c - what the capacity overview reads: the work entries
 * of week plans at placements within a span of days. Counting per week
 * and day-part is app/capacity.c's work.
 */
#include "store/store_timetable.h"
#include "store/sqlite_internal.h"

int store_capacity_entries(struct store *st, int64_t org_id, const char *from, const char *to, json_t **items,
			   struct err *e)
{
	static const char sql[] = "SELECT e.placement_id, e.participant_id, e.day_parts, e.valid_from, e.valid_until "
				  "FROM plan_entry e JOIN placement pl ON pl.id = e.placement_id "
				  "WHERE e.kind = 'work' AND e.removed_at IS NULL AND (?1 = 0 OR pl.organisation_id = ?1) "
				  "AND e.valid_from <= ?3 AND (e.valid_until IS NULL OR e.valid_until >= ?2) "
				  "ORDER BY e.placement_id, e.participant_id, e.id";
	sqlite3_stmt *s = stmt_get(st, sql, e);
	if (s == NULL)
		return -1;
	bind_int(s, 1, org_id);
	bind_text(s, 2, from);
	bind_text(s, 3, to);
	return stmt_rows(st, s, row_object, items, e, "work entries");
}
