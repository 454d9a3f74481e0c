/*
 * test_logchain.c - the processing log's hash chain (domain/logchain.c):
 * the hash covers every field, its position and the previous hash; the
 * verifier finds edited, deleted, inserted and reordered entries at their
 * place and checks anchors; LDV status words; strict traceparent parsing.
 * Then the store (store/store_log.c) against a temporary database: two
 * connections write their own segments, a rollback leaves no gap, and the
 * append-only guard refuses INSERT OR REPLACE and REPLACE.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "domain/logchain.h"
#include "store/store.h"

/* ---- a chain built in memory ---- */

#define MAXROWS 16

struct chain {
	struct logchain_row rows[MAXROWS];
	char hashes[MAXROWS][LOGCHAIN_HEX_LEN];
	char actions[MAXROWS][16];
	size_t n;
};

static void fields_for(const char *action, const char *fields[LF_COUNT])
{
	for (int i = 0; i < LF_COUNT; i++)
		fields[i] = "x";
	fields[LF_ACTION] = action;
	fields[LF_PARENT_SPAN_ID] = NULL;
}

/* Append a row in segment seg (rows of one segment in order), with a
 * correct hash following that segment's last row. */
static void chain_add(struct chain *c, int64_t seg)
{
	unsigned char prev[LOGCHAIN_HASH_LEN] = { 0 }, h[LOGCHAIN_HASH_LEN];
	int64_t seq = 1;
	for (size_t i = 0; i < c->n; i++) {
		if (c->rows[i].segment != seg)
			continue;
		size_t len = 0;
		assert_int_equal(sodium_hex2bin(prev, sizeof prev, c->hashes[i], 64, NULL, &len, NULL), 0);
		seq = c->rows[i].seq + 1;
	}
	struct logchain_row *r = &c->rows[c->n];
	snprintf(c->actions[c->n], sizeof c->actions[c->n], "act%zu", c->n);
	fields_for(c->actions[c->n], r->fields);
	r->id = (int64_t)c->n + 1;
	r->segment = seg;
	r->seq = seq;
	logchain_hash(prev, seg, seq, r->fields, h);
	sodium_bin2hex(c->hashes[c->n], LOGCHAIN_HEX_LEN, h, sizeof h);
	r->hash = c->hashes[c->n];
	c->n++;
}

/* segments 1 1 2 1 2 1 (ids 1..6) */
static void chain_sample(struct chain *c)
{
	static const int64_t segs[] = { 1, 1, 2, 1, 2, 1 };
	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < sizeof segs / sizeof segs[0]; i++)
		chain_add(c, segs[i]);
}

/* Verify rows[order[0..n)] (or rows in order when order is NULL). */
static void run(const struct chain *c, const size_t *order, size_t n, struct logchain_anchor *anchors, size_t na,
		struct logchain_verify *v)
{
	logchain_verify_init(v, anchors, na);
	for (size_t i = 0; i < n; i++)
		logchain_verify_row(v, &c->rows[order ? order[i] : i]);
	logchain_verify_finish(v);
}

static void assert_break(const struct logchain_verify *v, int64_t seg, int64_t seq, int64_t id)
{
	assert_true(v->nbreaks >= 1);
	if (v->breaks[0].segment != seg || v->breaks[0].seq != seq || v->breaks[0].id != id)
		fail_msg("first break at segment %lld seq %lld id %lld (%s), expected %lld/%lld/%lld",
			 (long long)v->breaks[0].segment, (long long)v->breaks[0].seq, (long long)v->breaks[0].id,
			 v->breaks[0].what, (long long)seg, (long long)seq, (long long)id);
}

static void test_hash_covers_everything(void **state)
{
	(void)state;
	unsigned char prev[LOGCHAIN_HASH_LEN] = { 0 }, a[LOGCHAIN_HASH_LEN], b[LOGCHAIN_HASH_LEN];
	const char *f[LF_COUNT];

	fields_for("read", f);
	logchain_hash(prev, 1, 1, f, a);
	logchain_hash(prev, 1, 1, f, b);
	assert_memory_equal(a, b, sizeof a);
	for (int i = 0; i < LF_COUNT; i++) {
		const char *keep = f[i];
		f[i] = keep && strcmp(keep, "x") == 0 ? "y" : "z";
		logchain_hash(prev, 1, 1, f, b);
		assert_memory_not_equal(a, b, sizeof a);
		f[i] = keep;
	}
	/* absent is not empty, and bytes do not move between fields */
	f[LF_PARENT_SPAN_ID] = "";
	logchain_hash(prev, 1, 1, f, b);
	assert_memory_not_equal(a, b, sizeof a);
	fields_for("read", f);
	f[LF_TRACE_ID] = "xx";
	f[LF_SPAN_ID] = "";
	logchain_hash(prev, 1, 1, f, b);
	assert_memory_not_equal(a, b, sizeof a);
	fields_for("read", f);
	logchain_hash(prev, 2, 1, f, b);
	assert_memory_not_equal(a, b, sizeof a);
	logchain_hash(prev, 1, 2, f, b);
	assert_memory_not_equal(a, b, sizeof a);
	prev[31] = 1;
	logchain_hash(prev, 1, 1, f, b);
	assert_memory_not_equal(a, b, sizeof a);
}

static void test_intact_chain_verifies(void **state)
{
	(void)state;
	struct chain c;
	struct logchain_verify v;
	struct logchain_head h;

	chain_sample(&c);
	run(&c, NULL, c.n, NULL, 0, &v);
	assert_int_equal(v.nbreaks, 0);
	assert_int_equal(v.rows, 6);
	assert_int_equal(logchain_verify_segments(&v), 2);
	logchain_verify_head(&v, 1, &h);
	assert_int_equal(h.seq, 4);
	assert_int_equal(h.id, 6);
	assert_string_equal(h.hash, c.hashes[5]);
	logchain_verify_head(&v, 2, &h);
	assert_int_equal(h.seq, 2);
	assert_string_equal(h.hash, c.hashes[4]);
	logchain_verify_release(&v);
}

static void test_edit_is_found_at_its_place(void **state)
{
	(void)state;
	struct chain c;
	struct logchain_verify v;

	chain_sample(&c);
	c.rows[3].fields[LF_ACTION] = "read"; /* id 4: segment 1 seq 3 */
	run(&c, NULL, c.n, NULL, 0, &v);
	assert_int_equal(v.nbreaks, 1);
	assert_break(&v, 1, 3, 4);
	logchain_verify_release(&v);

	/* an edit with its own hash recomputed shows at the next entry */
	chain_sample(&c);
	unsigned char prev[LOGCHAIN_HASH_LEN], h[LOGCHAIN_HASH_LEN];
	size_t len;
	sodium_hex2bin(prev, sizeof prev, c.hashes[1], 64, NULL, &len, NULL);
	c.rows[3].fields[LF_ACTION] = "read";
	logchain_hash(prev, 1, 3, c.rows[3].fields, h);
	sodium_bin2hex(c.hashes[3], LOGCHAIN_HEX_LEN, h, sizeof h);
	run(&c, NULL, c.n, NULL, 0, &v);
	assert_break(&v, 1, 4, 6);
	logchain_verify_release(&v);
}

static void test_delete_insert_reorder_are_found(void **state)
{
	(void)state;
	struct chain c;
	struct logchain_verify v;

	chain_sample(&c);
	/* delete id 2 (segment 1 seq 2): seen at id 4, seq 3 */
	const size_t deleted[] = { 0, 2, 3, 4, 5 };
	run(&c, deleted, 5, NULL, 0, &v);
	assert_int_equal(v.nbreaks, 1);
	assert_break(&v, 1, 3, 4);
	logchain_verify_release(&v);

	/* insert a copy of id 2 as a new row (id 7) at the end */
	c.rows[6] = c.rows[1];
	c.rows[6].id = 7;
	run(&c, NULL, 7, NULL, 0, &v);
	assert_int_equal(v.nbreaks, 1);
	assert_break(&v, 1, 2, 7);
	logchain_verify_release(&v);

	/* a forged row outside the chain after it began */
	chain_sample(&c);
	c.rows[6] = c.rows[1];
	c.rows[6].id = 7;
	c.rows[6].segment = 0;
	run(&c, NULL, 7, NULL, 0, &v);
	assert_break(&v, 0, 2, 7);
	logchain_verify_release(&v);

	/* a row claiming a segment that did not start yet */
	chain_sample(&c);
	c.rows[1].segment = 3;
	run(&c, NULL, c.n, NULL, 0, &v);
	assert_break(&v, 3, 2, 2);
	logchain_verify_release(&v);

	/* a whole segment deleted: segment 2 (ids 3, 5) gone, then a third
	 * segment's rows come while segment 2 was expected: reported once */
	chain_sample(&c);
	chain_add(&c, 3);
	chain_add(&c, 3);
	const size_t no_segment_2[] = { 0, 1, 3, 5, 6, 7 };
	run(&c, no_segment_2, 6, NULL, 0, &v);
	assert_int_equal(v.nbreaks, 1);
	assert_break(&v, 3, 1, 7);
	logchain_verify_release(&v);

	/* swap the contents of ids 4 and 6 (segment 1 seq 3 and 4) */
	chain_sample(&c);
	struct logchain_row t = c.rows[3];
	c.rows[3] = c.rows[5];
	c.rows[5] = t;
	c.rows[3].id = 4;
	c.rows[5].id = 6;
	run(&c, NULL, c.n, NULL, 0, &v);
	assert_int_equal(v.nbreaks, 1);
	assert_break(&v, 1, 4, 4);
	logchain_verify_release(&v);
}

static void test_rows_before_the_chain(void **state)
{
	(void)state;
	struct chain c;
	struct logchain_verify v;

	memset(&c, 0, sizeof c);
	chain_add(&c, 1);
	chain_add(&c, 1);
	chain_add(&c, 1);
	c.rows[0].segment = 0; /* id 1 predates the chain: not in segment 1 */
	c.rows[0].hash = NULL;
	/* rebuild ids 2, 3 as segment 1 seq 1, 2 */
	struct chain d;
	memset(&d, 0, sizeof d);
	chain_add(&d, 1);
	chain_add(&d, 1);
	c.rows[1] = d.rows[0];
	c.rows[2] = d.rows[1];
	memcpy(c.hashes[1], d.hashes[0], LOGCHAIN_HEX_LEN);
	memcpy(c.hashes[2], d.hashes[1], LOGCHAIN_HEX_LEN);
	c.rows[1].hash = c.hashes[1];
	c.rows[2].hash = c.hashes[2];
	c.rows[1].id = 2;
	c.rows[2].id = 3;
	run(&c, NULL, 3, NULL, 0, &v);
	assert_int_equal(v.nbreaks, 0);
	assert_int_equal(v.legacy, 1);
	logchain_verify_release(&v);
}

static void test_anchors(void **state)
{
	(void)state;
	struct chain c;
	struct logchain_verify v;
	struct logchain_anchor a[2];
	char line[200];

	chain_sample(&c);
	snprintf(line, sizeof line, "head 1 3 %s\n", c.hashes[3]);
	assert_int_equal(logchain_anchor_parse(line, &a[0]), 0);
	snprintf(line, sizeof line, "head 2 2 %s", c.hashes[4]);
	assert_int_equal(logchain_anchor_parse(line, &a[1]), 0);
	assert_int_equal(logchain_anchor_parse("# a comment", &a[1]), 1);
	assert_int_equal(logchain_anchor_parse("head 1 3 abc", &a[1]), -1);
	assert_int_equal(logchain_anchor_parse("head 0 3 abc", &a[1]), -1);
	snprintf(line, sizeof line, "head 2 2 %s", c.hashes[4]);
	assert_int_equal(logchain_anchor_parse(line, &a[1]), 0);

	run(&c, NULL, c.n, a, 2, &v);
	assert_int_equal(v.nbreaks, 0);
	assert_true(a[0].seen && a[1].seen);
	logchain_verify_release(&v);

	/* the whole tail of segment 2 cut: its anchored entry is gone */
	a[0].seen = a[1].seen = false;
	const size_t cut[] = { 0, 1, 2, 3, 5 };
	run(&c, cut, 5, a, 2, &v);
	assert_int_equal(v.nbreaks, 1);
	assert_break(&v, 2, 2, 0);
	logchain_verify_release(&v);

	/* segment 1 rewritten consistently from its start: only the anchor
	 * tells (here: another hash at the anchored place) */
	a[0].seen = a[1].seen = false;
	str_copy(a[0].hash, sizeof a[0].hash, c.hashes[0]);
	run(&c, NULL, c.n, a, 2, &v);
	assert_break(&v, 1, 3, 4);
	logchain_verify_release(&v);
}

static void test_ldv_status(void **state)
{
	(void)state;
	assert_string_equal(logchain_ldv_status("ok"), "Ok");
	assert_string_equal(logchain_ldv_status("confirmed"), "Ok");
	assert_string_equal(logchain_ldv_status("enrolled"), "Ok");
	assert_string_equal(logchain_ldv_status("refused"), "Error");
	assert_string_equal(logchain_ldv_status("error"), "Error");
	assert_string_equal(logchain_ldv_status(""), "Unset");
	assert_string_equal(logchain_ldv_status(NULL), "Unset");
}

static void test_traceparent(void **state)
{
	(void)state;
	char t[33], p[17];
	static const char *const bad[] = {
		"",
		"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0",      /* short flags */
		"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-xx",  /* trailing data */
		"01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",     /* other version */
		"ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
		"00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",     /* upper case */
		"00-00000000000000000000000000000000-00f067aa0ba902b7-01",     /* zero trace */
		"00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",     /* zero span */
		"00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",     /* not hex */
		"00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
		"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",
	};
	assert_int_equal(logchain_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", t, p), 0);
	assert_string_equal(t, "4bf92f3577b34da6a3ce929d0e0e4736");
	assert_string_equal(p, "00f067aa0ba902b7");
	assert_int_equal(logchain_traceparent(NULL, t, p), -1);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (logchain_traceparent(bad[i], t, p) != -1)
			fail_msg("traceparent \"%s\" should be refused", bad[i]);
}

/* ---- the store ---- */

struct db {
	char path[64];
	struct store *a, *b;
};

static int db_setup(void **state)
{
	struct db *d = calloc(1, sizeof *d);
	struct err e;
	int applied;

	snprintf(d->path, sizeof d->path, "/tmp/meedoen-test-logchain-XXXXXX");
	close(mkstemp(d->path));
	err_init(&e);
	assert_int_equal(store_open(d->path, &d->a, &e), 0);
	assert_int_equal(store_migrate(d->a, &applied, &e), 0);
	assert_int_equal(store_open(d->path, &d->b, &e), 0);
	err_release(&e);
	*state = d;
	return 0;
}

static int db_teardown(void **state)
{
	struct db *d = *state;
	char side[80];
	store_close(d->a);
	store_close(d->b);
	unlink(d->path);
	snprintf(side, sizeof side, "%s-wal", d->path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", d->path);
	unlink(side);
	free(d);
	return 0;
}

static void append(struct store *st, const char *action)
{
	struct err e;
	struct log_entry x = {
		.trace_id = "4bf92f3577b34da6a3ce929d0e0e4736", .span_id = "00f067aa0ba902b7", .action = action,
		.activity = "mdn-002", .started_at = "2026-12-08T10:00:00.000Z", .ended_at = "2026-12-08T10:00:00.001Z",
		.status = "ok", .ldv_status = "Ok", .subject_pseudonym = "ab", .subject_type = "deelnemer",
		.actor_user_id = 3, .actor_name = "jobcoach", .role = "job_coach", .purpose = "p",
	};
	err_init(&e);
	if (store_log_append(st, &x, &e) != 0)
		fail_msg("append: %s", e.msg);
	err_release(&e);
}

static int feed(void *arg, const struct log_record *r, struct err *e)
{
	(void)e;
	logchain_verify_row(arg, &r->row);
	return 0;
}

static void verify_db(struct store *st, struct logchain_verify *v)
{
	struct err e;
	err_init(&e);
	logchain_verify_init(v, NULL, 0);
	assert_int_equal(store_log_walk(st, NULL, NULL, feed, v, &e), 0);
	logchain_verify_finish(v);
	err_release(&e);
	for (size_t i = 0; i < v->nbreaks; i++)
		print_message("break: segment %lld seq %lld id %lld: %s\n", (long long)v->breaks[i].segment,
			      (long long)v->breaks[i].seq, (long long)v->breaks[i].id, v->breaks[i].what);
}

static void test_connections_write_own_segments(void **state)
{
	struct db *d = *state;
	struct logchain_verify v;
	struct err e;

	append(d->a, "a1");
	append(d->b, "b1");
	append(d->a, "a2");
	err_init(&e);
	assert_int_equal(store_begin(d->b, &e), 0);
	append(d->b, "b2");
	append(d->b, "b3");
	assert_int_equal(store_commit(d->b, &e), 0);
	err_release(&e);
	append(d->a, "a3");
	verify_db(d->a, &v);
	assert_int_equal(v.nbreaks, 0);
	assert_int_equal(v.rows, 6);
	assert_int_equal(logchain_verify_segments(&v), 2);
	struct logchain_head h;
	logchain_verify_head(&v, 1, &h);
	assert_int_equal(h.seq, 3);
	logchain_verify_head(&v, 2, &h);
	assert_int_equal(h.seq, 3);
	logchain_verify_release(&v);
}

static void test_rollback_leaves_no_gap(void **state)
{
	struct db *d = *state;
	struct logchain_verify v;
	struct err e;

	err_init(&e);
	/* a's segment opens inside a transaction that rolls back; b then
	 * takes the next segment number; a must not write into b's */
	assert_int_equal(store_begin(d->a, &e), 0);
	append(d->a, "gone");
	store_rollback(d->a);
	append(d->b, "b1");
	append(d->a, "a1");
	append(d->a, "a2");
	/* an entry taken back in the middle of a segment */
	assert_int_equal(store_begin(d->a, &e), 0);
	append(d->a, "gone too");
	store_rollback(d->a);
	append(d->a, "a3");
	/* a rollback of a transaction without log entries */
	assert_int_equal(store_begin(d->a, &e), 0);
	store_rollback(d->a);
	append(d->a, "a4");
	append(d->b, "b2");
	err_release(&e);

	verify_db(d->a, &v);
	assert_int_equal(v.nbreaks, 0);
	assert_int_equal(v.rows, 6);
	logchain_verify_release(&v);
}

static void test_replace_is_refused(void **state)
{
	struct db *d = *state;
	struct logchain_verify v;
	sqlite3 *db;
	sqlite3_stmt *s;
	static const char *const attacks[] = {
		"INSERT OR REPLACE INTO processing_log (id, trace_id, span_id, action, activity, started_at, ended_at, "
		"status, ldv_status, subject_pseudonym, subject_type, actor_name, role, purpose, segment, seq, hash) "
		"VALUES (1, 't', 's', 'forged', 'mdn-002', 'x', 'x', 'ok', 'Ok', 'ab', 'deelnemer', 'x', 'x', 'x', 9, 1, 'h')",
		"REPLACE INTO processing_log (id, trace_id, span_id, action, activity, started_at, ended_at, "
		"status, ldv_status, subject_pseudonym, subject_type, actor_name, role, purpose, segment, seq, hash) "
		"VALUES (1, 't', 's', 'forged', 'mdn-002', 'x', 'x', 'ok', 'Ok', 'ab', 'deelnemer', 'x', 'x', 'x', 9, 1, 'h')",
		/* a new id, but the chain position of row 1 */
		"INSERT OR REPLACE INTO processing_log (trace_id, span_id, action, activity, started_at, ended_at, "
		"status, ldv_status, subject_pseudonym, subject_type, actor_name, role, purpose, segment, seq, hash) "
		"VALUES ('t', 's', 'forged', 'mdn-002', 'x', 'x', 'ok', 'Ok', 'ab', 'deelnemer', 'x', 'x', 'x', 1, 1, 'h')",
		/* no place in the chain */
		"INSERT INTO processing_log (trace_id, span_id, action, activity, started_at, ended_at, "
		"status, subject_pseudonym, subject_type, actor_name, role, purpose) "
		"VALUES ('t', 's', 'forged', 'mdn-002', 'x', 'x', 'ok', 'ab', 'deelnemer', 'x', 'x', 'x')",
	};

	append(d->a, "first");
	append(d->a, "second");
	assert_int_equal(sqlite3_open(d->path, &db), SQLITE_OK);
	for (size_t i = 0; i < sizeof attacks / sizeof attacks[0]; i++) {
		char *msg = NULL;
		if (sqlite3_exec(db, attacks[i], NULL, NULL, &msg) == SQLITE_OK)
			fail_msg("statement %zu should fail: %s", i, attacks[i]);
		assert_non_null(msg);
		/* the first three by the append-only guard, not a missing column */
		if (i < 3 && strstr(msg, "append-only") == NULL)
			fail_msg("statement %zu failed for another reason: %s", i, msg);
		sqlite3_free(msg);
	}
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT action, count(*) OVER () FROM processing_log WHERE id = 1", -1,
					    &s, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "first");
	sqlite3_finalize(s);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM processing_log", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(s, 0), 2);
	sqlite3_finalize(s);
	sqlite3_close(db);
	verify_db(d->a, &v);
	assert_int_equal(v.nbreaks, 0);
	logchain_verify_release(&v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_covers_everything),
		cmocka_unit_test(test_intact_chain_verifies),
		cmocka_unit_test(test_edit_is_found_at_its_place),
		cmocka_unit_test(test_delete_insert_reorder_are_found),
		cmocka_unit_test(test_rows_before_the_chain),
		cmocka_unit_test(test_anchors),
		cmocka_unit_test(test_ldv_status),
		cmocka_unit_test(test_traceparent),
		cmocka_unit_test_setup_teardown(test_connections_write_own_segments, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_rollback_leaves_no_gap, db_setup, db_teardown),
		cmocka_unit_test_setup_teardown(test_replace_is_refused, db_setup, db_teardown),
	};
	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
