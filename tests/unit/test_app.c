/*
 * test_app.c - the use cases against a real SQLite database in a
 * temporary file: the processing log failing an action, the import's
 * all-or-nothing rule and idempotency, consent taking effect on the next
 * request, login throttling and session expiry, the kept signal facts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "app/employers.h"
#include "app/path.h"
#include "domain/phase.h"

struct fixture {
	char path[64];
	struct store *st;
	struct app app;
	struct app_ctx ctx;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct err e;
	int applied;
	json_t *summary = NULL;

	snprintf(f->path, sizeof f->path, "/tmp/meedoen-test-app-XXXXXX");
	int fd = mkstemp(f->path);
	close(fd);
	err_init(&e);
	assert_int_equal(store_open(f->path, &f->st, &e), 0);
	assert_int_equal(store_migrate(f->st, &applied, &e), 0);
	assert_int_equal(app_init(&f->app, f->st, NULL, &e), 0);
	app_ctx_init(&f->ctx, &f->app, f->st, NULL);
	app_ctx_system(&f->ctx);
	assert_int_equal(app_demo(&f->ctx, 20, 7, &summary, &e), 0);
	json_decref(summary);
	err_release(&e);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char side[80];
	app_release(&f->app);
	store_close(f->st);
	unlink(f->path);
	snprintf(side, sizeof side, "%s-wal", f->path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", f->path);
	unlink(side);
	free(f);
	return 0;
}

/* A fresh context acting as `username` (or the system when NULL). */
static void act_as(struct fixture *f, const char *username)
{
	struct err e;
	struct user_row u;
	app_ctx_init(&f->ctx, &f->app, f->st, NULL);
	if (username == NULL) {
		app_ctx_system(&f->ctx);
		return;
	}
	err_init(&e);
	assert_int_equal(store_user_by_name(f->st, username, &u, &e), 0);
	app_ctx_user(&f->ctx, &u);
	err_release(&e);
}

static void sql(struct fixture *f, const char *text)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	char *msg = NULL;
	int rc = sqlite3_exec(db, text, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		fail_msg("sql: %s", msg);
	sqlite3_close(db);
}

/* The first column of the first row of a query as a number. */
static int64_t sql_count(struct fixture *f, const char *text)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, text, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return n;
}

static int64_t total_participants(struct fixture *f)
{
	struct list_params p = { .page = 1, .per_page = 1 };
	json_t *out = NULL;
	struct err e;
	act_as(f, NULL);
	err_init(&e);
	assert_int_equal(app_participant_list(&f->ctx, &p, &out, &e), 0);
	int64_t n = json_integer_value(json_object_get(out, "total"));
	json_decref(out);
	err_release(&e);
	return n;
}

static void test_failed_log_write_fails_the_action(void **state)
{
	struct fixture *f = *state;
	struct err e;
	json_t *out = NULL;

	sql(f, "CREATE TRIGGER fail_log BEFORE INSERT ON processing_log BEGIN SELECT RAISE(ABORT, 'disk full'); END");
	act_as(f, "klantmanager");
	err_init(&e);
	assert_int_equal(app_participant_get(&f->ctx, 1, &out, &e), -1);
	assert_int_equal(e.kind, ERR_INTERNAL);
	assert_null(out);
	err_release(&e);

	json_t *patch = json_pack("{s:s}", "city", "Monster-Zuid");
	err_init(&e);
	assert_int_equal(app_participant_update(&f->ctx, 1, patch, &out, &e), -1);
	err_release(&e);
	json_decref(patch);
	sql(f, "DROP TRIGGER fail_log");

	err_init(&e);
	assert_int_equal(app_participant_get(&f->ctx, 1, &out, &e), 0);
	assert_string_not_equal(json_string_value(json_object_get(out, "city")), "Monster-Zuid");
	json_decref(out);
	err_release(&e);
}

static void test_log_is_append_only(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM processing_log", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE processing_log SET status = 'x'", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static const char csv_good[] = "external_id,family_name,given_names,birth_date,bsn,languages\n"
			       "T-1,Haddad,Omar,1990-04-01,111222333,ar;en\n"
			       "T-2,Tesfay,Selam,1996-08-15,,ti\n";
static const char csv_bad[] = "external_id,family_name,given_names,birth_date,bsn,languages\n"
			      "T-3,Rahimi,Farid,1985-02-11,,prs\n"
			      "T-4,Bad,Row,2001-02-31,123456789,ar\n";

static void test_import_all_or_nothing_then_partial(void **state)
{
	struct fixture *f = *state;
	struct err e;
	json_t *report = NULL;
	int64_t before = total_participants(f);

	act_as(f, "jobcoach");
	err_init(&e);
	assert_int_equal(app_import_screening(&f->ctx, IMPORT_CSV, csv_bad, strlen(csv_bad), false, NULL, NULL, &report, &e),
			 -1);
	assert_int_equal(e.kind, ERR_INVALID);
	assert_false(json_is_true(json_object_get(report, "committed")));
	json_t *errors = json_object_get(report, "errors");
	assert_int_equal(json_array_size(errors), 2); /* both problems of line 3 */
	assert_int_equal(json_integer_value(json_object_get(json_array_get(errors, 0), "line")), 3);
	json_decref(report);
	err_release(&e);
	assert_int_equal(total_participants(f), before);

	act_as(f, "jobcoach");
	err_init(&e);
	assert_int_equal(app_import_screening(&f->ctx, IMPORT_CSV, csv_bad, strlen(csv_bad), true, NULL, NULL, &report, &e),
			 0);
	assert_int_equal(json_integer_value(json_object_get(report, "created")), 1);
	assert_int_equal(json_integer_value(json_object_get(report, "rejected")), 1);
	json_decref(report);
	err_release(&e);
	assert_int_equal(total_participants(f), before + 1);
}

static void test_import_is_idempotent(void **state)
{
	struct fixture *f = *state;
	struct err e;
	json_t *report = NULL;
	int64_t before = total_participants(f);

	for (int round = 0; round < 2; round++) {
		act_as(f, "klantmanager");
		err_init(&e);
		assert_int_equal(app_import_screening(&f->ctx, IMPORT_CSV, csv_good, strlen(csv_good), false, NULL, NULL,
						      &report, &e),
				 0);
		assert_int_equal(json_integer_value(json_object_get(report, round ? "unchanged" : "created")), 2);
		assert_int_equal(json_integer_value(json_object_get(report, round ? "created" : "unchanged")), 0);
		assert_int_equal(json_integer_value(json_object_get(report, "updated")), 0);
		json_decref(report);
		err_release(&e);
	}
	assert_int_equal(total_participants(f), before + 2);

	static const char jsonl[] = "{\"external_id\":\"T-1\",\"family_name\":\"Haddad\",\"given_names\":\"Omar\","
				    "\"birth_date\":\"1990-04-01\",\"city\":\"Naaldwijk\"}\n\nnot json\n";
	act_as(f, "klantmanager");
	err_init(&e);
	assert_int_equal(app_import_screening(&f->ctx, IMPORT_JSONL, jsonl, strlen(jsonl), true, NULL, NULL, &report, &e), 0);
	assert_int_equal(json_integer_value(json_object_get(report, "updated")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(report, "errors"), 0), "line")), 3);
	json_decref(report);
	err_release(&e);
}

static void test_import_needs_a_role_that_may(void **state)
{
	struct fixture *f = *state;
	struct err e;
	json_t *report = NULL;
	act_as(f, "vrijwilliger");
	err_init(&e);
	assert_int_equal(app_import_screening(&f->ctx, IMPORT_CSV, csv_good, strlen(csv_good), false, NULL, NULL, &report, &e),
			 -1);
	assert_int_equal(e.kind, ERR_FORBIDDEN);
	assert_null(report);
	err_release(&e);
}

/* Find a participant linked to the volunteer without any consent. */
static int64_t volunteer_participant(struct fixture *f)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int64_t pid = 0;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	sqlite3_prepare_v2(db,
			   "SELECT l.participant_id FROM participant_link l JOIN app_user u ON u.id = l.user_id "
			   "WHERE u.username = 'vrijwilliger' AND NOT EXISTS (SELECT 1 FROM consent c "
			   "WHERE c.participant_id = l.participant_id AND c.organisation_id = l.organisation_id) LIMIT 1",
			   -1, &s, NULL);
	if (sqlite3_step(s) == SQLITE_ROW)
		pid = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return pid;
}

static void test_consent_takes_effect_on_next_request(void **state)
{
	struct fixture *f = *state;
	struct err e;
	json_t *out = NULL;
	int64_t pid = volunteer_participant(f);
	if (pid == 0) {
		/* make one: link participant 2 to the volunteer */
		struct user_row u;
		err_init(&e);
		store_user_by_name(f->st, "vrijwilliger", &u, &e);
		act_as(f, "klantmanager");
		json_t *in = json_pack("{s:s,s:I}", "kind", "volunteer", "user_id", (json_int_t)u.id);
		assert_int_equal(app_link_add(&f->ctx, 2, in, &out, &e), 0);
		json_decref(in);
		json_decref(out);
		err_release(&e);
		pid = 2;
	}
	act_as(f, "vrijwilliger");
	err_init(&e);
	assert_int_equal(app_participant_get(&f->ctx, pid, &out, &e), -1);
	assert_int_equal(e.kind, ERR_FORBIDDEN);
	err_release(&e);

	struct org_row org;
	err_init(&e);
	assert_int_equal(store_org_by_name(f->st, "Vluchtelingenwerk Westland", &org, &e), 0);
	act_as(f, "klantmanager");
	json_t *in = json_pack("{s:I,s:s,s:s}", "organisation_id", (json_int_t)org.id, "category", "identity",
			       "given_on", f->ctx.today_s);
	assert_int_equal(app_consent_add(&f->ctx, pid, in, &out, &e), 0);
	int64_t cid = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	json_decref(in);

	act_as(f, "vrijwilliger");
	assert_int_equal(app_participant_get(&f->ctx, pid, &out, &e), 0);
	assert_non_null(json_object_get(out, "family_name"));
	assert_null(json_object_get(out, "street")); /* contact: no consent */
	json_decref(out);

	act_as(f, "klantmanager");
	assert_int_equal(app_consent_revoke(&f->ctx, pid, cid, &out, &e), 0);
	assert_false(json_is_true(json_object_get(out, "active")));
	json_decref(out);
	assert_int_equal(app_consent_revoke(&f->ctx, pid, cid, &out, &e), -1);
	assert_int_equal(e.kind, ERR_NOT_FOUND);
	err_release(&e);

	act_as(f, "vrijwilliger");
	err_init(&e);
	assert_int_equal(app_participant_get(&f->ctx, pid, &out, &e), -1);
	assert_int_equal(e.kind, ERR_FORBIDDEN);
	err_release(&e);
}

static void test_login_throttle_and_sessions(void **state)
{
	struct fixture *f = *state;
	struct err e;
	char token[SESSION_TOKEN_LEN];
	enum login_step step;

	act_as(f, NULL);
	err_init(&e);
	assert_int_equal(app_login(&f->ctx, "jobcoach2", "meedoen-demo", "10.0.0.1", token, &step, &e), 0);
	assert_int_equal(step, LOGIN_DONE);
	assert_int_equal(app_session(&f->ctx, token, &e), 0);
	assert_string_equal(f->ctx.actor.username, "jobcoach2");
	f->app.session_idle_s = 0; /* idle expiry */
	assert_int_equal(app_session(&f->ctx, token, &e), -1);
	assert_int_equal(e.kind, ERR_UNAUTHORIZED);
	f->app.session_idle_s = 1800;
	assert_int_equal(app_logout(&f->ctx, token, &e), 0);
	assert_int_equal(app_session(&f->ctx, token, &e), -1);
	err_release(&e);

	for (int i = 0; i < 5; i++) {
		err_init(&e);
		assert_int_equal(app_login(&f->ctx, "jobcoach2", "wrong-password", "10.0.0.2", token, &step, &e), -1);
		assert_int_equal(e.kind, ERR_UNAUTHORIZED);
		err_release(&e);
	}
	err_init(&e);
	assert_int_equal(app_login(&f->ctx, "jobcoach2", "meedoen-demo", "10.0.0.3", token, &step, &e), -1);
	assert_int_equal(e.kind, ERR_THROTTLED);
	assert_true(e.retry_after >= 1);
	err_release(&e);
	/* the account is throttled, not the address: another user from it logs in */
	err_init(&e);
	assert_int_equal(app_login(&f->ctx, "jobcoach", "meedoen-demo", "10.0.0.2", token, &step, &e), 0);
	assert_int_equal(app_logout(&f->ctx, token, &e), 0);
	err_release(&e);
	/* an unknown name costs the same and says the same */
	err_init(&e);
	assert_int_equal(app_login(&f->ctx, "nobody", "meedoen-demo", "10.0.0.4", token, &step, &e), -1);
	assert_int_equal(e.kind, ERR_UNAUTHORIZED);
	err_release(&e);
}

/* Every demo path replays through the transition table: the demo shows
 * only what the rules allow. */
static void test_demo_paths_follow_the_table(void **state)
{
	struct fixture *f = *state;
	struct err e;
	err_init(&e);
	for (int64_t pid = 1; pid <= 20; pid++) {
		json_t *items = NULL;
		assert_int_equal(store_phase_list(f->st, pid, &items, &e), 0);
		struct phase done[32];
		size_t n = 0, i;
		json_t *row;
		json_array_foreach(items, i, row) {
			struct phase p = { 0 };
			long close;
			assert_int_equal(phase_kind_find(json_string_value(json_object_get(row, "kind")), &p.kind), 0);
			assert_int_equal(date_parse(json_string_value(json_object_get(row, "start_date")), &p.start), 0);
			const char *end = json_string_value(json_object_get(row, "actual_end"));
			p.has_actual_end = end && date_parse(end, &p.actual_end) == 0;
			/* check it as if it were added now, open, after the ones before it */
			struct phase open = p;
			open.has_actual_end = false;
			if (phase_check(done, n, &open, f->ctx.today, &close, &e) != 0)
				fail_msg("participant %lld: %s %s: %s", (long long)pid, json_string_value(json_object_get(row, "kind")),
					 json_string_value(json_object_get(row, "start_date")), e.msg);
			p.id = (long)json_integer_value(json_object_get(row, "id"));
			assert_true(n < 32);
			done[n++] = p;
		}
		json_decref(items);
	}
	err_release(&e);
}


static int64_t stale_facts(struct fixture *f)
{
	struct err e;
	int64_t stale = -1;
	err_init(&e);
	assert_int_equal(store_signal_facts_check(f->st, &stale, &e), 0);
	err_release(&e);
	return stale;
}

/* path_facts is a materialised view kept by triggers: after every kind of
 * write to a table it reads, it equals the view computed afresh. */
static void test_kept_facts_equal_live_facts(void **state)
{
	struct fixture *f = *state;
	static const char *const writes[] = {
		"INSERT INTO journal (participant_id, occurred_on, kind, category, text, author_name, created_at) "
		"VALUES (3, '2026-01-05', 'contact', 'path', 'gebeld', 'x', '2026-01-05')",
		"INSERT INTO journal (participant_id, occurred_on, kind, category, text, author_name, created_at) "
		"VALUES (3, '2026-01-06', 'note', 'assessments', 'tempo goed', 'x', '2026-01-06')",
		"UPDATE phase SET planned_end = '2020-01-01' WHERE id = (SELECT min(id) FROM phase WHERE participant_id = 4 "
		"AND actual_end IS NULL)",
		"UPDATE phase SET actual_end = start_date WHERE participant_id = 5",
		"INSERT INTO phase (participant_id, kind, start_date, created_at) VALUES (6, 'dropped_out', '2026-02-01', "
		"'2026-02-01')",
		"DELETE FROM phase WHERE participant_id = 7 AND id = (SELECT max(id) FROM phase WHERE participant_id = 7)",
		"INSERT INTO participant_link (participant_id, kind, user_id, organisation_id, start_date) "
		"SELECT 8, 'volunteer', id, organisation_id, '2026-03-01' FROM app_user "
		"WHERE username = 'vrijwilliger'",
		"UPDATE participant_link SET end_date = '2026-03-02' WHERE participant_id = 8 AND kind = 'volunteer'",
		"INSERT INTO participant_link (participant_id, kind, organisation_id, start_date) "
		"SELECT 13, 'registration', id, '2026-03-01' FROM organisation WHERE type = 'employer' LIMIT 1",
		"UPDATE phase SET actual_end = start_date WHERE participant_id = 13",
		"DELETE FROM participant_link WHERE participant_id = 13 AND kind = 'registration'",
		"UPDATE participant SET exam_status = 'passed', integration_deadline = '2027-01-01' WHERE id = 9",
		"UPDATE participant SET arrival_date = '2026-01-01' WHERE id = 10",
		"INSERT OR REPLACE INTO sheltered (participant_id, source, indication_status, stage, hold_until, updated_at) "
		"VALUES (11, 'self_reporter', 'granted', 'held', '2026-12-31', '2026-01-01')",
		"INSERT OR REPLACE INTO handover (participant_id, checklist, volunteer_signed_at, welfare_signed_at, "
		"updated_at) VALUES (12, '{}', '2026-01-01', '2026-01-02', '2026-01-02')",
		"INSERT INTO handover (participant_id, checklist, updated_at) VALUES (12, '{}', '2026-01-03') "
		"ON CONFLICT (participant_id) DO UPDATE SET welfare_signed_at = NULL",
		"DELETE FROM handover WHERE participant_id = 12",
		/* class attendance: the third most recent unexcused absence */
		"INSERT INTO class_group (organisation_id, name, start_date, end_date, created_at, updated_at) "
		"SELECT id, 'Facts A2', '2026-01-01', '2026-12-31', '2026-01-01', '2026-01-01' FROM organisation "
		"WHERE type = 'language_provider' LIMIT 1",
		"INSERT INTO class_attendance (group_id, participant_id, day, status, recorded_at) "
		"SELECT id, 14, '2026-02-03', 'absent_unexcused', '2026-02-03' FROM class_group WHERE name = 'Facts A2'",
		"INSERT INTO class_attendance (group_id, participant_id, day, status, recorded_at) "
		"SELECT id, 14, '2026-02-05', 'absent_unexcused', '2026-02-05' FROM class_group WHERE name = 'Facts A2'",
		"INSERT INTO class_attendance (group_id, participant_id, day, status, recorded_at) "
		"SELECT id, 14, '2026-02-10', 'absent_unexcused', '2026-02-10' FROM class_group WHERE name = 'Facts A2'",
		"INSERT INTO class_attendance (group_id, participant_id, day, status, recorded_at) "
		"SELECT id, 14, '2026-02-12', 'absent_unexcused', '2026-02-12' FROM class_group WHERE name = 'Facts A2'",
		"UPDATE class_attendance SET status = 'absent_excused', reason = 'ziek' WHERE participant_id = 14 "
		"AND day = '2026-02-10'",
		"UPDATE class_attendance SET participant_id = 15 WHERE participant_id = 14 AND day = '2026-02-12'",
		"DELETE FROM class_attendance WHERE participant_id = 14 AND day = '2026-02-03'",
		"DELETE FROM class_attendance WHERE participant_id = 15",
	};
	assert_int_equal(stale_facts(f), 0);
	for (size_t i = 0; i < sizeof writes / sizeof writes[0]; i++) {
		sql(f, writes[i]);
		if (stale_facts(f) != 0)
			fail_msg("facts stale after: %s", writes[i]);
	}
	/* the class-attendance triggers do keep the third absence (of these three only) */
	sql(f, "DELETE FROM class_attendance WHERE participant_id = 16");
	sql(f, "INSERT INTO class_attendance (group_id, participant_id, day, status, recorded_at) "
	       "SELECT id, 16, d, 'absent_unexcused', d FROM class_group, (SELECT '2026-03-02' AS d UNION ALL "
	       "SELECT '2026-03-04' UNION ALL SELECT '2026-03-09') WHERE name = 'Facts A2'");
	assert_int_equal(stale_facts(f), 0);
	assert_int_equal(sql_count(f, "SELECT count(*) FROM path_facts WHERE id = 16 AND third_absence = '2026-03-02'"),
			 1);
	/* a new participant (the store's connection has the Dutch collation) */
	json_t *rec = json_pack("{s:s,s:s,s:s,s:s,s:s}", "family_name", "Nieuw", "given_names", "Iemand", "birth_date",
				"1990-01-01", "target_group", "newcomer", "arrival_date", "2026-02-02");
	struct err e;
	int64_t id;
	err_init(&e);
	assert_int_equal(store_participant_insert(f->st, rec, "2026-02-03T10:00:00Z", &id, &e), 0);
	json_decref(rec);
	err_release(&e);
	assert_int_equal(stale_facts(f), 0);
	/* and the check can fail: a write that bypasses the triggers shows */
	sql(f, "UPDATE path_facts SET has_intake = 1 - has_intake WHERE id = 2");
	assert_int_equal(stale_facts(f), 2); /* the row as kept and as it should be */
}

/* Participants whose open main phase is internal work-learning (from
 * which external work-learning may follow), up to max. */
static size_t in_internal_work_learning(struct fixture *f, int64_t *out, size_t max)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	size_t n = 0;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT participant_id FROM phase WHERE kind = 'internal_work_learning' "
					    "AND actual_end IS NULL AND start_date < date('now') ORDER BY participant_id",
					    -1, &s, NULL),
			 SQLITE_OK);
	while (n < max && sqlite3_step(s) == SQLITE_ROW)
		out[n++] = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return n;
}

/* Open placement links of pid to organisation org. */
static int open_placement_links(struct fixture *f, int64_t pid, int64_t org)
{
	json_t *links = NULL, *row;
	struct err e;
	size_t i;
	int n = 0;
	err_init(&e);
	assert_int_equal(store_link_list(f->st, pid, &links, &e), 0);
	json_array_foreach(json_object_get(links, "items"), i, row)
		n += strcmp(json_string_value(json_object_get(row, "kind")), "placement") == 0 &&
		     json_integer_value(json_object_get(row, "organisation_id")) == org &&
		     json_is_null(json_object_get(row, "end_date"));
	json_decref(links);
	err_release(&e);
	return n;
}

static int64_t phase_count(struct fixture *f, int64_t pid)
{
	json_t *items = NULL;
	struct err e;
	err_init(&e);
	assert_int_equal(store_phase_list(f->st, pid, &items, &e), 0);
	int64_t n = (int64_t)json_array_size(items);
	json_decref(items);
	err_release(&e);
	return n;
}

/* Placing fills a place and links the person to the employer; a full
 * placement and unmet requirements are refused and change nothing; ending
 * the phase frees the place and ends the link. */
static void test_placing_fills_and_frees_a_place(void **state)
{
	struct fixture *f = *state;
	struct err e;
	json_t *out = NULL, *in;
	int64_t p[3];

	if (in_internal_work_learning(f, p, 3) < 3)
		skip();
	act_as(f, "accountmanager");
	err_init(&e);
	in = json_pack("{s:s,s:s}", "name", "Testkwekerij Het Westen", "sector", "greenhouse_horticulture");
	assert_int_equal(app_employer_create(&f->ctx, in, &out, &e), 0);
	json_decref(in);
	int64_t org = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	in = json_pack("{s:I,s:s,s:s,s:i}", "organisation_id", (json_int_t)org, "kind", "external_work_learning", "title",
		       "Oogster", "capacity", 1);
	assert_int_equal(app_placement_create(&f->ctx, in, &out, &e), 0);
	json_decref(in);
	int64_t pl = json_integer_value(json_object_get(out, "id"));
	json_decref(out);

	json_t *place = json_pack("{s:s,s:s,s:I}", "kind", "external_work_learning", "start_date", f->ctx.today_s,
				  "placement_id", (json_int_t)pl);
	assert_int_equal(app_phase_add(&f->ctx, p[0], place, &out, &e), 0);
	int64_t phase = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	assert_int_equal(open_placement_links(f, p[0], org), 1);

	/* full: refused, nothing changed for the second person */
	int64_t before = phase_count(f, p[1]);
	assert_int_equal(app_phase_add(&f->ctx, p[1], place, &out, &e), -1);
	assert_int_equal(e.kind, ERR_CONFLICT);
	assert_string_equal(e.msg, "placement \"Oogster\" is full: 1 of 1 places taken");
	assert_int_equal(phase_count(f, p[1]), before);
	assert_int_equal(open_placement_links(f, p[1], org), 0);
	err_clear(&e);

	/* ending the first person's phase frees the place and ends the link */
	act_as(f, NULL);
	in = json_pack("{s:s}", "actual_end", f->ctx.today_s);
	assert_int_equal(app_phase_update(&f->ctx, p[0], phase, in, &out, &e), 0);
	json_decref(in);
	json_decref(out);
	assert_int_equal(open_placement_links(f, p[0], org), 0);
	act_as(f, "accountmanager");
	assert_int_equal(app_phase_add(&f->ctx, p[1], place, &out, &e), 0);
	json_decref(out);
	json_decref(place);

	/* a requirement not met: refused with the gap, then placed with a reason */
	in = json_pack("{s:I,s:s,s:s,s:i,s:s}", "organisation_id", (json_int_t)org, "kind", "external_work_learning",
		       "title", "Teamleider", "capacity", 2, "min_cefr_speaking", "C2");
	assert_int_equal(app_placement_create(&f->ctx, in, &out, &e), 0);
	json_decref(in);
	pl = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	place = json_pack("{s:s,s:s,s:I}", "kind", "external_work_learning", "start_date", f->ctx.today_s,
			  "placement_id", (json_int_t)pl);
	before = phase_count(f, p[2]);
	assert_int_equal(app_phase_add(&f->ctx, p[2], place, &out, &e), -1);
	assert_int_equal(e.kind, ERR_INVALID);
	assert_true(e.nfields >= 1);
	assert_string_equal(e.fields[0].field, "cefr_speaking");
	assert_int_equal(phase_count(f, p[2]), before);
	err_clear(&e);
	json_object_set_new(place, "override_reason", json_string("oefent spreken met taalmaatje"));
	assert_int_equal(app_phase_add(&f->ctx, p[2], place, &out, &e), 0);
	assert_non_null(strstr(json_string_value(json_object_get(out, "reason")), "oefent spreken"));
	json_decref(out);
	json_decref(place);
	err_release(&e);
	assert_int_equal(stale_facts(f), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_failed_log_write_fails_the_action, setup, teardown),
		cmocka_unit_test_setup_teardown(test_log_is_append_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_all_or_nothing_then_partial, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_is_idempotent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_needs_a_role_that_may, setup, teardown),
		cmocka_unit_test_setup_teardown(test_consent_takes_effect_on_next_request, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_throttle_and_sessions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_demo_paths_follow_the_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kept_facts_equal_live_facts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_placing_fills_and_frees_a_place, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
