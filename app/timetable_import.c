/*
 * timetable_import.c - the timetable and class-attendance CSV imports
 * (see timetable.h; the formats are docs/timetable-import.md). Both read
 * the whole file inside one transaction and report every refused row by
 * line and column, like the employer import (employer_import.c).
 *
 * Timetable: rows are first checked one by one with the API's own session
 * check, then grouped by provider and group name; the rows of one group
 * must share period, level and location, and its sessions must not
 * overlap. A group with any bad row is not imported at all (its good rows
 * are reported as "not imported" too). A good group is created, or its
 * details and all its sessions are replaced; a group that would not
 * change counts as unchanged.
 *
 * Class attendance: every row stands alone and is checked as one item of
 * PUT /api/class-groups/{id}/attendance.
 */
#include "app/timetable_internal.h"
#include "app/audit.h"
#include "app/participant_internal.h"
#include "base/buf.h"
#include "base/csv.h"
#include "base/utf8.h"
#include "base/xmalloc.h"
#include "domain/codes.h"
#include "store/store_timetable.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- what both imports share ---- */

struct column {
	const char *name;
	bool required; /* the header must have it */
};

struct run {
	struct app_ctx *ctx;
	json_t *errors;
	long rows, groups, created, updated, unchanged, rejected;
	bool refused, failed;
	struct err *fail_err;
};

static void reject(struct run *run, long line, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void reject(struct run *run, long line, const char *field, const char *fmt, ...)
{
	char reason[300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	json_array_append_new(run->errors,
			      json_pack("{s:I,s:s,s:s}", "line", (json_int_t)line, "field", field, "reason", reason));
}

/* A database error: the import stops and nothing is stored. */
static void fail(struct run *run, long line, const struct err *e)
{
	if (run->failed)
		return;
	run->failed = true;
	err_set(run->fail_err, e->kind == ERR_NONE || e->kind == ERR_INVALID ? ERR_INTERNAL : e->kind, "line %ld: %s",
		line, e->msg);
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* A read data row: its line and its cells by column of the table (NULL
 * when the header lacks the column). */
struct row {
	long line;
	char **cells;
	bool bad;
};

/* Read the file: header checked against cols (ncols of them), every
 * other record into rows. Malformed records are rejected here. Returns
 * the number of rows kept (*rows, caller frees with rows_free), or -1
 * when the header refuses the file. */
static long rows_read(struct run *run, const struct column *cols, size_t ncols, const char *data, size_t n,
		      struct row **rows)
{
	struct csv_reader r;
	char why[128];
	long line, nrows = 0, cap = 0;
	int rc;
	size_t *map = NULL, nhead = 0;

	*rows = NULL;
	csv_init(&r, data, n);
	rc = csv_next(&r, &line, why, sizeof why);
	if (rc <= 0) {
		reject(run, 1, "header", "%s", rc == 0 ? "the file is empty: a header row is needed" : why);
		goto out_refused;
	}
	nhead = r.nfields;
	map = xcalloc(nhead + 1, sizeof *map);
	bool bad = false;
	for (size_t i = 0; i < nhead; i++) {
		const char *h = trim(r.fields[i]);
		map[i] = ncols;
		for (size_t c = 0; c < ncols; c++)
			if (strcmp(cols[c].name, h) == 0)
				map[i] = c;
		if (map[i] == ncols) {
			reject(run, line, *h ? h : "(empty column name)", "unknown column");
			bad = true;
		}
		for (size_t k = 0; k < i && map[i] != ncols; k++)
			if (map[k] == map[i]) {
				reject(run, line, h, "column appears twice");
				bad = true;
			}
	}
	for (size_t c = 0; c < ncols; c++) {
		bool found = false;
		for (size_t i = 0; i < nhead; i++)
			found |= map[i] == c;
		if (cols[c].required && !found) {
			reject(run, line, cols[c].name, "required column is missing");
			bad = true;
		}
	}
	if (bad)
		goto out_refused;
	while ((rc = csv_next(&r, &line, why, sizeof why)) != 0) {
		run->rows++;
		if (rc < 0) {
			run->rejected++;
			reject(run, line, "row", "%s", why);
			continue;
		}
		if (r.nfields != nhead) {
			run->rejected++;
			reject(run, line, "row", "has %zu cells where the header has %zu columns", r.nfields, nhead);
			continue;
		}
		bool utf8 = true;
		for (size_t i = 0; i < nhead; i++)
			if (!utf8_valid(r.fields[i], strlen(r.fields[i]), NULL)) {
				reject(run, line, cols[map[i]].name, "is not valid UTF-8");
				utf8 = false;
			}
		if (!utf8) {
			run->rejected++;
			continue;
		}
		if (nrows == cap) {
			cap = cap ? cap * 2 : 64;
			*rows = xrealloc(*rows, (size_t)cap * sizeof **rows);
		}
		struct row *row = &(*rows)[nrows++];
		row->line = line;
		row->bad = false;
		row->cells = xcalloc(ncols, sizeof *row->cells);
		for (size_t i = 0; i < nhead; i++)
			row->cells[map[i]] = xstrdup(trim(r.fields[i]));
	}
	free(map);
	csv_release(&r);
	return nrows;
out_refused:
	run->rejected++;
	run->refused = true;
	free(map);
	csv_release(&r);
	return -1;
}

static void rows_free(struct row *rows, long n, size_t ncols)
{
	for (long i = 0; i < n; i++) {
		for (size_t c = 0; c < ncols; c++)
			free(rows[i].cells[c]);
		free(rows[i].cells);
	}
	free(rows);
}

/* The cell of column c, "" when empty or absent. */
static const char *cell(const struct row *r, size_t c)
{
	return r->cells[c] ? r->cells[c] : "";
}

/* The report, and the answer: commit or roll back. */
static int finish(struct run *run, const char *name, bool partial, bool with_groups, json_t **report, struct err *e)
{
	bool commit = !run->failed && !run->refused && (run->rejected == 0 || partial);
	if (commit && store_commit(run->ctx->st, e) != 0)
		commit = false, run->failed = true;
	if (!commit)
		store_rollback(run->ctx->st);
	*report = json_pack("{s:s,s:s,s:b,s:I}", "import", name, "format", "csv", "partial", partial, "rows",
			    (json_int_t)run->rows);
	if (with_groups)
		json_object_set_new(*report, "groups", json_integer(run->groups));
	json_object_set_new(*report, "created", json_integer(commit ? run->created : 0));
	json_object_set_new(*report, "updated", json_integer(commit ? run->updated : 0));
	json_object_set_new(*report, "unchanged", json_integer(commit ? run->unchanged : 0));
	json_object_set_new(*report, "rejected", json_integer(run->rejected));
	json_object_set_new(*report, "committed", json_boolean(commit));
	json_object_set(*report, "errors", run->errors);
	if (run->failed)
		return -1;
	if (run->refused)
		return err_set(e, ERR_INVALID, "the file was refused: see the errors on line 1");
	if (run->rejected) {
		err_set(e, ERR_INVALID,
			partial ? "%ld of %ld rows rejected; the other rows were stored"
				: "%ld of %ld rows rejected; nothing was stored",
			run->rejected, run->rows);
		return partial ? 0 : -1;
	}
	return 0;
}

/* The language provider named in a cell: *org, or a rejection of the
 * cell (0 left in *org). -1 only when the database failed. */
static int provider_find(struct run *run, const struct row *r, const char *name, const char *column, bool manage,
			 int64_t *org)
{
	struct org_row o;
	struct err tmp;
	int rc = 0;

	*org = 0;
	err_init(&tmp);
	if (*name == '\0') {
		reject(run, r->line, column, "is required");
	} else if (store_org_by_name(run->ctx->st, name, &o, &tmp) != 0) {
		if (tmp.kind == ERR_NOT_FOUND)
			reject(run, r->line, column, "no organisation named \"%.60s\"", name);
		else
			rc = -1, fail(run, r->line, &tmp);
	} else if (strcmp(o.type, "language_provider") != 0) {
		reject(run, r->line, column, "\"%.60s\" is not a language provider", name);
	} else {
		int64_t only;
		timetable_read_scope(run->ctx, &only);
		if (manage && timetable_need_manage(run->ctx, o.id, "import the timetables", &tmp) != 0)
			reject(run, r->line, column, "%s", tmp.msg);
		else if (!manage && only && only != o.id)
			reject(run, r->line, column, "a %s may report attendance for its own organisation only",
			       access_role(run->ctx->actor.role)->label);
		else
			*org = o.id;
	}
	err_release(&tmp);
	return rc;
}

/* ---- timetable ---- */

enum { T_PROVIDER, T_GROUP, T_WEEKDAY, T_START, T_END, T_START_DATE, T_END_DATE, T_LEVEL, T_LOCATION, T_NCOLS };

static const struct column timetable_cols[T_NCOLS] = {
	[T_PROVIDER] = { "provider", true },   [T_GROUP] = { "group", true },
	[T_WEEKDAY] = { "weekday", true },     [T_START] = { "start_time", true },
	[T_END] = { "end_time", true },        [T_START_DATE] = { "start_date", true },
	[T_END_DATE] = { "end_date", true },   [T_LEVEL] = { "level", false },
	[T_LOCATION] = { "location", false },
};

/* What one timetable row says, once checked. */
struct trow {
	int64_t org;
	bool session_ok;
	struct session_in s;
	int group; /* index of its group */
};

/* The rows of one group: index of the first row, and whether any is bad. */
struct tgroup_rows {
	long first;
	bool bad;
};

/* Check the cells of one row on their own. */
static int trow_check(struct run *run, struct row *r, const struct day_part_times *t, struct trow *tr)
{
	size_t before = json_array_size(run->errors);
	date_t start, end;

	if (provider_find(run, r, cell(r, T_PROVIDER), "provider", true, &tr->org) != 0)
		return -1;
	const char *name = cell(r, T_GROUP);
	if (*name == '\0')
		reject(run, r->line, "group", "is required");
	else if (strlen(name) > 120)
		reject(run, r->line, "group", "must be at most 120 characters");
	json_t *s = json_pack("{s:s,s:s,s:s}", "weekday", cell(r, T_WEEKDAY), "start_time", cell(r, T_START), "end_time",
			      cell(r, T_END));
	struct err tmp;
	err_init(&tmp);
	tr->session_ok = timetable_session_check(s, t, &tr->s, &tmp) == 0;
	for (size_t i = 0; i < tmp.nfields; i++)
		reject(run, r->line, tmp.fields[i].field, "%s", tmp.fields[i].reason);
	err_release(&tmp);
	json_decref(s);
	bool hs = date_parse(cell(r, T_START_DATE), &start) == 0, he = date_parse(cell(r, T_END_DATE), &end) == 0;
	if (!hs)
		reject(run, r->line, "start_date", "\"%.40s\" is not a date (YYYY-MM-DD)", cell(r, T_START_DATE));
	if (!he)
		reject(run, r->line, "end_date", "\"%.40s\" is not a date (YYYY-MM-DD)", cell(r, T_END_DATE));
	if (hs && he && end < start)
		reject(run, r->line, "end_date", "%s is before the start date %s", cell(r, T_END_DATE),
		       cell(r, T_START_DATE));
	if (*cell(r, T_LEVEL) && !codes_has("cefr", cell(r, T_LEVEL)))
		reject(run, r->line, "level", "\"%.20s\" is not a language level (A0 to C2)", cell(r, T_LEVEL));
	if (strlen(cell(r, T_LOCATION)) > 200)
		reject(run, r->line, "location", "must be at most 200 characters");
	r->bad = json_array_size(run->errors) > before;
	return 0;
}

/* Do two rows name the same group (provider and group cells as written)? */
static bool same_group(const struct row *a, const struct row *b)
{
	return strcmp(cell(a, T_PROVIDER), cell(b, T_PROVIDER)) == 0 && strcmp(cell(a, T_GROUP), cell(b, T_GROUP)) == 0;
}

/* Rows of one group agree on period, level and location; sessions do not overlap. */
static void group_rows_check(struct run *run, struct row *rows, struct trow *tr, long n, long first)
{
	static const size_t shared[] = { T_START_DATE, T_END_DATE, T_LEVEL, T_LOCATION };
	for (long i = first + 1; i < n; i++) {
		if (tr[i].group != tr[first].group)
			continue;
		for (size_t k = 0; k < sizeof shared / sizeof shared[0]; k++) {
			size_t c = shared[k];
			if (strcmp(cell(&rows[i], c), cell(&rows[first], c)) != 0) {
				reject(run, rows[i].line, timetable_cols[c].name,
				       "\"%.40s\" differs from \"%.40s\" on line %ld: the rows of one group share one %s",
				       cell(&rows[i], c), cell(&rows[first], c), rows[first].line,
				       c == T_START_DATE || c == T_END_DATE ? "period" : timetable_cols[c].name);
				rows[i].bad = true;
			}
		}
		for (long k = first; k < i && tr[i].session_ok; k++) {
			if (tr[k].group == tr[i].group && tr[k].session_ok && timetable_sessions_overlap(&tr[i].s, &tr[k].s)) {
				char text[SESSION_TEXT_LEN];
				timetable_session_text(&tr[k].s, text);
				reject(run, rows[i].line, "start_time", "overlaps the session on line %ld (%s)", rows[k].line,
				       text);
				rows[i].bad = true;
				break;
			}
		}
	}
}

/* The sessions of the group as stored, [{"weekday","start_time","end_time"}]
 * sorted like store_class_sessions. */
static json_t *group_sessions(const struct row *rows, const struct trow *tr, long n, int group)
{
	json_t *a = json_array();
	for (int wd = 0; wd < WEEKDAY_COUNT; wd++) {
		/* by start time within the day: a simple selection, groups are small */
		int last = -1;
		for (;;) {
			long best = -1;
			for (long i = 0; i < n; i++)
				if (tr[i].group == group && (int)tr[i].s.wd == wd && tr[i].s.start > last &&
				    (best < 0 || tr[i].s.start < tr[best].s.start))
					best = i;
			if (best < 0)
				break;
			last = tr[best].s.start;
			json_array_append_new(a, json_pack("{s:s,s:s,s:s}", "weekday", weekday_code((enum weekday)wd),
							   "start_time", cell(&rows[best], T_START), "end_time",
							   cell(&rows[best], T_END)));
		}
	}
	return a;
}

/* Do the stored sessions equal the new ones (same order)? */
static bool sessions_same(const json_t *stored, const json_t *fresh)
{
	size_t i;
	json_t *s;
	if (json_array_size(stored) != json_array_size(fresh))
		return false;
	json_array_foreach(stored, i, s) {
		json_t *f = json_array_get(fresh, i);
		static const char *const keys[] = { "weekday", "start_time", "end_time" };
		for (size_t k = 0; k < 3; k++)
			if (!json_equal(json_object_get(s, keys[k]), json_object_get(f, keys[k])))
				return false;
	}
	return true;
}

/* Store one good group. */
static void group_store(struct run *run, const struct row *rows, const struct trow *tr, long n, long first)
{
	struct app_ctx *ctx = run->ctx;
	const struct row *r = &rows[first];
	int64_t id;
	json_t *row = json_pack("{s:I,s:s,s:s,s:s}", "organisation_id", (json_int_t)tr[first].org, "name",
				cell(r, T_GROUP), "start_date", cell(r, T_START_DATE), "end_date", cell(r, T_END_DATE));
	json_t *sessions = group_sessions(rows, tr, n, tr[first].group), *old = NULL, *stored = NULL;
	struct err e;

	err_init(&e);
	if (*cell(r, T_LEVEL))
		json_object_set_new(row, "level", json_string(cell(r, T_LEVEL)));
	if (*cell(r, T_LOCATION))
		json_object_set_new(row, "location", json_string(cell(r, T_LOCATION)));
	if (store_class_group_by_name(ctx->st, tr[first].org, cell(r, T_GROUP), &id, &e) != 0)
		goto out_fail;
	if (id == 0) {
		json_object_set_new(row, "active", json_true());
		if (store_class_group_insert(ctx->st, row, ctx->now_s, &id, &e) != 0 ||
		    store_class_sessions_replace(ctx->st, id, sessions, &e) != 0)
			goto out_fail;
		run->created++;
		goto out;
	}
	if (store_class_group_get(ctx->st, id, ctx->today_s, &old, &e) != 0 ||
	    store_class_sessions(ctx->st, id, &stored, &e) != 0)
		goto out_fail;
	bool same = sessions_same(stored, sessions);
	const char *key;
	json_t *v;
	json_object_foreach(row, key, v)
		same &= json_equal(json_object_get(old, key), v);
	if (same) {
		run->unchanged++;
		goto out;
	}
	if (store_class_group_update(ctx->st, id, row, ctx->now_s, &e) != 0 ||
	    store_class_sessions_replace(ctx->st, id, sessions, &e) != 0)
		goto out_fail;
	run->updated++;
	goto out;
out_fail:
	fail(run, r->line, &e);
out:
	err_release(&e);
	json_decref(row);
	json_decref(sessions);
	json_decref(old);
	json_decref(stored);
}

int app_import_timetable(struct app_ctx *ctx, const char *data, size_t n, bool partial, json_t **report,
			 struct err *e)
{
	struct run run = { .ctx = ctx, .fail_err = e };
	struct day_part_times t;
	struct row *rows = NULL;
	struct trow *tr = NULL;
	long nrows = 0;

	*report = NULL;
	if (timetable_need_manage(ctx, 0, "import timetables", e) != 0)
		return -1;
	if (store_day_part_times_get(ctx->st, &t, e) != 0 || store_begin(ctx->st, e) != 0)
		return -1;
	run.errors = json_array();
	nrows = rows_read(&run, timetable_cols, T_NCOLS, data, n, &rows);
	if (nrows > 0)
		tr = xcalloc((size_t)nrows, sizeof *tr);
	for (long i = 0; i < nrows && !run.failed; i++) {
		if (trow_check(&run, &rows[i], &t, &tr[i]) != 0)
			break;
		tr[i].group = (int)i;
		for (long k = 0; k < i; k++)
			if (same_group(&rows[k], &rows[i])) {
				tr[i].group = tr[k].group;
				break;
			}
	}
	/* per group, in the order of their first rows */
	for (long i = 0; i < nrows && !run.failed; i++) {
		if (tr[i].group != (int)i)
			continue;
		run.groups++;
		group_rows_check(&run, rows, tr, nrows, i);
		long bad_line = 0, count = 0;
		for (long k = i; k < nrows; k++)
			if (tr[k].group == (int)i) {
				count++;
				if (rows[k].bad && !bad_line)
					bad_line = rows[k].line;
			}
		if (bad_line) {
			for (long k = i; k < nrows; k++)
				if (tr[k].group == (int)i && !rows[k].bad)
					reject(&run, rows[k].line, "group",
					       "not imported: group \"%.60s\" has errors on line %ld", cell(&rows[k], T_GROUP),
					       bad_line);
			run.rejected += count;
			continue;
		}
		group_store(&run, rows, tr, nrows, i);
	}
	int rc = finish(&run, "timetable", partial, true, report, e);
	if (rows)
		rows_free(rows, nrows, T_NCOLS);
	free(tr);
	json_decref(run.errors);
	return rc;
}

/* ---- class attendance ---- */

enum { A_PROVIDER, A_GROUP, A_PARTICIPANT, A_DAY, A_STATUS, A_REASON, A_NCOLS };

static const struct column attendance_cols[A_NCOLS] = {
	[A_PROVIDER] = { "provider", true }, [A_GROUP] = { "group", true },   [A_PARTICIPANT] = { "participant_id", true },
	[A_DAY] = { "day", true },           [A_STATUS] = { "status", true }, [A_REASON] = { "reason", false },
};

/* Check and store one attendance row. */
static void attendance_row(struct run *run, const struct row *r)
{
	struct app_ctx *ctx = run->ctx;
	struct tgroup g = { 0 };
	json_t *enrolled = NULL, *marks = NULL;
	int64_t org, gid = 0, pid = 0;
	date_t day = 0;
	size_t before = json_array_size(run->errors);
	struct err e;
	char ds[DATE_STR_LEN];
	bool loaded = false;

	err_init(&e);
	if (provider_find(run, r, cell(r, A_PROVIDER), "provider", false, &org) != 0)
		goto out;
	if (org && store_class_group_by_name(ctx->st, org, cell(r, A_GROUP), &gid, &e) != 0)
		goto out_fail;
	if (org && gid == 0)
		reject(run, r->line, "group", "%s has no group \"%.60s\"", cell(r, A_PROVIDER), cell(r, A_GROUP));
	char *end;
	errno = 0;
	long long v = strtoll(cell(r, A_PARTICIPANT), &end, 10);
	if (errno != 0 || end == cell(r, A_PARTICIPANT) || *end != '\0' || v <= 0)
		reject(run, r->line, "participant_id", "\"%.20s\" is not a participant id", cell(r, A_PARTICIPANT));
	else
		pid = v;
	const char *status = cell(r, A_STATUS), *reason = cell(r, A_REASON);
	bool known = false;
	for (const char *const *s = class_attendance_statuses; *s; s++)
		known |= strcmp(*s, status) == 0;
	if (!known)
		reject(run, r->line, "status", "\"%.30s\" is not present, absent_excused or absent_unexcused", status);
	if (known && strcmp(status, "absent_excused") == 0 && strlen(reason) < 2)
		reject(run, r->line, "reason", "is required for an excused absence");
	if (strlen(reason) > 500)
		reject(run, r->line, "reason", "must be at most 500 characters");
	if (date_parse(cell(r, A_DAY), &day) != 0)
		reject(run, r->line, "day", "\"%.40s\" is not a date (YYYY-MM-DD)", cell(r, A_DAY));
	else if (day > ctx->today)
		reject(run, r->line, "day", "%s lies in the future", cell(r, A_DAY));
	else if (gid) {
		if (timetable_group_load(ctx, gid, &g, &e) != 0)
			goto out_fail;
		loaded = true;
		struct err why;
		err_init(&why);
		if (!timetable_group_meets(&g, day, "day", &why))
			reject(run, r->line, "day", "%s", why.fields[0].reason);
		err_release(&why);
	}
	if (json_array_size(run->errors) > before)
		goto out_rejected;
	date_format(day, ds);
	if (store_class_enrolments(ctx->st, gid, ds, &enrolled, &e) != 0)
		goto out_fail;
	if (!timetable_enrolled(enrolled, pid)) {
		reject(run, r->line, "participant_id", "participant %lld is not enrolled in the group on %s", (long long)pid,
		       ds);
		goto out_rejected;
	}
	struct relation rel;
	if (participant_relation(ctx, pid, &rel, &e) != 0)
		goto out_fail;
	if (!access_may_write(ctx->actor.role, CAT_CIVIC_INTEGRATION, &rel)) {
		reject(run, r->line, "participant_id", "a %s may not record class attendance of participant %lld",
		       access_role(ctx->actor.role)->label, (long long)pid);
		goto out_rejected;
	}
	if (store_class_attendance_day(ctx->st, gid, ds, &marks, &e) != 0)
		goto out_fail;
	const char *keep = strcmp(status, "present") == 0 || *reason == '\0' ? NULL : reason;
	int seen = 0; /* 0 new, 1 same, 2 changed */
	size_t i;
	json_t *m;
	json_array_foreach(marks, i, m) {
		if (json_integer_value(json_object_get(m, "participant_id")) != pid)
			continue;
		const char *old_reason = json_string_value(json_object_get(m, "reason"));
		bool same = strcmp(json_string_value(json_object_get(m, "status")), status) == 0 &&
			    ((old_reason == NULL && keep == NULL) || (old_reason && keep && strcmp(old_reason, keep) == 0));
		seen = same ? 1 : 2;
	}
	if (seen == 1) {
		run->unchanged++;
		goto out;
	}
	if (store_class_attendance_put(ctx->st, gid, pid, ds, status, keep, ctx->actor.user_id, ctx->now_s, &e) != 0 ||
	    audit_log(ctx, pid, "import class attendance", ACTIVITY_CLASS_ATTENDANCE, "ok", &e) != 0)
		goto out_fail;
	if (seen == 0)
		run->created++;
	else
		run->updated++;
	goto out;
out_rejected:
	run->rejected++;
	goto out;
out_fail:
	fail(run, r->line, &e);
out:
	if (loaded)
		timetable_group_release(&g);
	json_decref(enrolled);
	json_decref(marks);
	err_release(&e);
}

int app_import_class_attendance(struct app_ctx *ctx, const char *data, size_t n, bool partial, json_t **report,
				struct err *e)
{
	struct run run = { .ctx = ctx, .fail_err = e };
	struct row *rows = NULL;
	long nrows;

	*report = NULL;
	if (access_role(ctx->actor.role)->write[CAT_CIVIC_INTEGRATION] == LVL_NONE)
		return err_set(e, ERR_FORBIDDEN, "a %s may not record class attendance",
			       access_role(ctx->actor.role)->label);
	if (store_begin(ctx->st, e) != 0)
		return -1;
	run.errors = json_array();
	nrows = rows_read(&run, attendance_cols, A_NCOLS, data, n, &rows);
	for (long i = 0; i < nrows && !run.failed; i++)
		attendance_row(&run, &rows[i]);
	int rc = finish(&run, "class-attendance", partial, false, report, e);
	if (rows)
		rows_free(rows, nrows, A_NCOLS);
	json_decref(run.errors);
	return rc;
}
