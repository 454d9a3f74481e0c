// log-integrity.test.mjs - the processing log cannot be rewritten unnoticed
// and speaks Logius' Logboek Dataverwerkingen (docs/processing-log.md):
// `meedoen log verify` on a copy of a live database tampered with in each
// of four ways (edit, delete, insert, swap) names the first broken place;
// anchored heads catch a cut-off tail; a W3C traceparent header continues
// the caller's trace; `meedoen log export` writes LDV records as JSON Lines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { setup, runCli, today, addDays, LOG_TIMESTAMP } from './helpers.mjs';

let t;
let base; // a consistent copy of the database after the traffic below

function sql(db, statement) {
  return execFileSync('sqlite3', [db, statement], { encoding: 'utf8' }).trim();
}

// A copy of the live database (WAL included) through SQLite's backup.
function backup(to) {
  sql(t.srv.db, `.backup '${to}'`);
  return to;
}

// What an attacker with the file does first: drop the guards.
const UNGUARD = 'DROP TRIGGER processing_log_no_update; DROP TRIGGER processing_log_no_delete; '
  + 'DROP TRIGGER processing_log_no_replace; DROP TRIGGER processing_log_chained; DROP INDEX processing_log_chain;';

function copyOf(name) {
  const db = join(t.srv.dir, `${name}.db`);
  writeFileSync(db, readFileSync(base));
  sql(db, UNGUARD);
  return db;
}

// Copies open with the live database's key file (a copy is the same
// database to it), as an operator checks a backup with the keys kept beside.
function keyed() {
  return { env: { MEEDOEN_KEY_FILE: join(t.srv.dir, 'meedoen.key') } };
}

function verify(db, ...args) {
  const r = runCli(['--db', db, 'log', 'verify', '--json', ...args], keyed());
  assert.ok(r.status === 0 || r.status === 1, `log verify: status ${r.status}: ${r.stderr}`);
  return { status: r.status, report: JSON.parse(r.stdout) };
}

// Three entries in a row of the busiest segment: seq k, k+1, k+2.
function threeInARow(db) {
  const seg = Number(sql(db, 'SELECT segment FROM processing_log GROUP BY segment ORDER BY count(*) DESC LIMIT 1'));
  const rows = sql(db, `SELECT id, seq FROM processing_log WHERE segment = ${seg} ORDER BY seq LIMIT 3 OFFSET 5`)
    .split('\n').map((l) => l.split('|').map(Number)).map(([id, seq]) => ({ id, seq }));
  assert.equal(rows.length, 3);
  return { seg, rows };
}

before(async () => {
  t = await setup({ participants: 20 });
  // reads (group commit) and writes (in their own transactions) at once,
  // from several connections of the server
  const people = (await t.call('klantmanager', 'GET', '/api/participants?per_page=10')).body.items;
  await Promise.all(people.flatMap((p, i) => [
    t.call('klantmanager', 'GET', `/api/participants/${p.id}`),
    t.call('regisseur', 'GET', `/api/participants/${p.id}`),
    t.call('klantmanager', 'PATCH', `/api/participants/${p.id}`, { ambitions: `kok ${i}` }),
  ]));
  base = backup(join(t.srv.dir, 'base.db'));
});
after(async () => { await t?.stop(); });

test('the log of a live server verifies intact and prints a head per segment', async () => {
  const r = runCli(['--db', t.srv.db, 'log', 'verify']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^processing log intact: \d+ entries in \d+ segments/);
  const heads = r.stdout.split('\n').filter((l) => l.startsWith('head '));
  assert.ok(heads.length >= 2, `the demo's segment and the server's: ${r.stdout}`);
  for (const h of heads) assert.match(h, /^head \d+ \d+ [0-9a-f]{64}$/);
  const { report } = verify(t.srv.db);
  assert.equal(report.intact, true);
  assert.equal(report.unchained, 0);
  assert.deepEqual(report.breaks, []);
  assert.equal(report.segments, heads.length);
});

test('an untouched copy, guards dropped, verifies intact', () => {
  const { status, report } = verify(copyOf('untouched'));
  assert.equal(status, 0);
  assert.equal(report.intact, true);
});

test('an edited entry is reported at its place', () => {
  const db = copyOf('edit');
  const { seg, rows } = threeInARow(db);
  sql(db, `UPDATE processing_log SET actor_name = 'iemand anders' WHERE id = ${rows[1].id}`);
  const { status, report } = verify(db);
  assert.equal(status, 1);
  assert.equal(report.intact, false);
  assert.deepEqual(report.breaks.map(({ segment, seq, id }) => ({ segment, seq, id })),
    [{ segment: seg, seq: rows[1].seq, id: rows[1].id }]);
  const text = runCli(['--db', db, 'log', 'verify'], keyed());
  assert.equal(text.status, 1);
  assert.match(text.stdout, new RegExp(`broken at segment ${seg} seq ${rows[1].seq} \\(row id ${rows[1].id}\\)`));
});

test('a deleted entry is reported where the gap shows', () => {
  const db = copyOf('delete');
  const { seg, rows } = threeInARow(db);
  sql(db, `DELETE FROM processing_log WHERE id = ${rows[1].id}`);
  const { status, report } = verify(db);
  assert.equal(status, 1);
  assert.deepEqual(report.breaks.map(({ segment, seq, id }) => ({ segment, seq, id })),
    [{ segment: seg, seq: rows[2].seq, id: rows[2].id }]);
  assert.match(report.breaks[0].problem, /expected seq \d+, found \d+: an entry was deleted/);
});

test('an inserted (forged) entry is reported at the forged row', () => {
  const db = copyOf('insert');
  const { seg, rows } = threeInARow(db);
  sql(db, 'INSERT INTO processing_log (trace_id, span_id, parent_span_id, action, activity, started_at, ended_at, '
    + 'status, ldv_status, subject_pseudonym, subject_type, actor_user_id, actor_name, organisation_id, role, purpose, '
    + 'segment, seq, hash) SELECT trace_id, span_id, parent_span_id, \'read\', activity, started_at, ended_at, status, '
    + 'ldv_status, subject_pseudonym, subject_type, actor_user_id, actor_name, organisation_id, role, purpose, '
    + `segment, seq, hash FROM processing_log WHERE id = ${rows[1].id}`);
  const forged = Number(sql(db, 'SELECT max(id) FROM processing_log'));
  const { status, report } = verify(db);
  assert.equal(status, 1);
  assert.deepEqual(report.breaks.map(({ segment, seq, id }) => ({ segment, seq, id })),
    [{ segment: seg, seq: rows[1].seq, id: forged }]);
});

test('two entries swapped are reported at the first of them', () => {
  const db = copyOf('swap');
  const { seg, rows } = threeInARow(db);
  const [a, b] = [rows[0].id, rows[1].id];
  const cols = 'trace_id, span_id, parent_span_id, action, activity, started_at, ended_at, status, ldv_status, '
    + 'subject_pseudonym, subject_type, actor_user_id, actor_name, organisation_id, role, purpose, segment, seq, hash';
  sql(db, `CREATE TEMP TABLE keep AS SELECT * FROM processing_log WHERE id IN (${a}, ${b}); `
    + `UPDATE processing_log SET (${cols}) = (SELECT ${cols} FROM keep WHERE keep.id = ${a + b} - processing_log.id) `
    + `WHERE id IN (${a}, ${b});`);
  assert.equal(Number(sql(db, `SELECT seq FROM processing_log WHERE id = ${a}`)), rows[1].seq, 'swapped');
  const { status, report } = verify(db);
  assert.equal(status, 1);
  assert.deepEqual(report.breaks.map(({ segment, seq, id }) => ({ segment, seq, id })),
    [{ segment: seg, seq: rows[1].seq, id: a }]);
});

test('a cut-off tail passes the chain but not the anchored heads', () => {
  const anchorFile = join(t.srv.dir, 'anchor.txt');
  const r = runCli(['--db', base, 'log', 'verify'], keyed());
  assert.equal(r.status, 0);
  writeFileSync(anchorFile, r.stdout);
  assert.equal(runCli(['--db', base, 'log', 'verify', '--anchor', anchorFile], keyed()).status, 0);

  const db = copyOf('cut');
  const { seg } = threeInARow(db);
  const last = sql(db, `SELECT id, seq FROM processing_log WHERE segment = ${seg} ORDER BY seq DESC LIMIT 1`).split('|').map(Number);
  sql(db, `DELETE FROM processing_log WHERE id = ${last[0]}`);
  assert.equal(verify(db).status, 0, 'a cut tail leaves a valid chain');
  const { status, report } = verify(db, '--anchor', anchorFile);
  assert.equal(status, 1);
  assert.deepEqual(report.breaks.map(({ segment, seq }) => ({ segment, seq })), [{ segment: seg, seq: last[1] }]);
  assert.match(report.breaks[0].problem, /anchored entry is gone/);

  writeFileSync(join(t.srv.dir, 'bad-anchor.txt'), 'head 1 x y\n');
  const bad = runCli(['--db', base, 'log', 'verify', '--anchor', join(t.srv.dir, 'bad-anchor.txt')], keyed());
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /line 1 is not "head SEGMENT SEQ HASH"/);
});

test('a traceparent header continues the caller\'s trace; an invalid one is ignored', async () => {
  const p = (await t.call('klantmanager', 'GET', '/api/participants?per_page=1')).body.items[0];
  const trace = '4bf92f3577b34da6a3ce929d0e0e4736';
  const parent = '00f067aa0ba902b7';
  const rid = 'aaaabbbbccccddddeeeeffff00001111';
  const r = await t.call('klantmanager', 'GET', `/api/participants/${p.id}`, undefined,
    { traceparent: `00-${trace}-${parent}-01`, 'x-request-id': rid });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('x-request-id'), rid, 'X-Request-Id still answered');
  const bad = await t.call('klantmanager', 'GET', `/api/participants/${p.id}`, undefined,
    { traceparent: `00-${trace.toUpperCase()}-${parent}-01` });
  assert.equal(bad.status, 200);
  const plain = await t.call('klantmanager', 'GET', `/api/participants/${p.id}`, undefined, { 'x-request-id': rid });
  assert.equal(plain.status, 200);

  const items = (await t.call('regisseur', 'GET', `/api/participants/${p.id}/log?per_page=10`)).body.items
    .filter((x) => x.action === 'read' && x.actor === 'klantmanager');
  const [e3, e2, e1] = items; // newest first
  assert.equal(e1.trace_id, trace);
  assert.equal(e1.parent_span_id, parent);
  assert.match(e1.span_id, /^[0-9a-f]{16}$/);
  assert.notEqual(e1.span_id, parent, 'a span of its own');
  assert.equal(e1.ldv_status, 'Ok');
  assert.equal(e1.status, 'ok');
  assert.notEqual(e2.trace_id, trace, 'upper-case hex is not a valid traceparent');
  assert.equal(e2.parent_span_id, null);
  assert.equal(e3.trace_id, rid, 'without traceparent the request id is the trace id');
  assert.equal(e3.parent_span_id, null);
});

function exportLines(args, opts) {
  const r = runCli(['--db', t.srv.db, ...args], opts);
  return r;
}

test('log export writes Logboek Dataverwerkingen records as JSON Lines, and is logged', async () => {
  const p = (await t.call('klantmanager', 'GET', '/api/participants?per_page=1')).body.items[0];
  await t.call('klantmanager', 'GET', `/api/participants/${p.id}`, undefined,
    { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
  const out = join(t.srv.dir, 'export.jsonl');
  const r = exportLines(['log', 'export', '--from', addDays(today(), -1), '--to', today(), '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(statSync(out).mode & 0o777, 0o600, 'the export file is private');
  const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean);
  assert.match(r.stdout, new RegExp(`^${lines.length} records written to `));
  const total = Number(sql(t.srv.db, 'SELECT count(*) FROM processing_log'));
  assert.ok(lines.length > 50 && lines.length < total, `${lines.length} of ${total}: the export's own entries come after`);

  const activities = JSON.parse(runCli(['log', 'activities', '--json']).stdout).items;
  const uris = new Set(activities.map((a) => a.uri));
  const records = lines.map((l) => JSON.parse(l));
  for (const x of records) {
    const keys = Object.keys(x).filter((k) => k !== 'parent_span_id');
    assert.deepEqual(keys, ['trace_id', 'span_id', 'name', 'start_time', 'end_time', 'status', 'attributes']);
    assert.match(x.trace_id, /^[0-9a-f]{32}$/);
    assert.match(x.span_id, /^[0-9a-f]{16}$/);
    if ('parent_span_id' in x) assert.match(x.parent_span_id, /^[0-9a-f]{16}$/);
    assert.equal(typeof x.name, 'string');
    assert.match(x.start_time, LOG_TIMESTAMP);
    assert.match(x.end_time, LOG_TIMESTAMP);
    assert.ok(['Unset', 'Ok', 'Error'].includes(x.status), x.status);
    const a = x.attributes;
    assert.ok(uris.has(a['dpl.core.processing_activity_id']), a['dpl.core.processing_activity_id']);
    assert.match(a['dpl.core.processing_activity_id'], /^urn:meedoen:verwerkingsactiviteit:mdn-\d{3}$/);
    assert.match(a['dpl.core.data_subject_id'], /^[0-9a-f]{64}$/);
    assert.equal(a['dpl.core.data_subject_id_type'], 'deelnemer');
    assert.equal(typeof a['meedoen.actor.name'], 'string');
    assert.equal(typeof a['meedoen.actor.role'], 'string');
    assert.equal(typeof a['meedoen.purpose'], 'string');
    for (const k of Object.keys(a)) assert.match(k, /^(dpl\.core|meedoen)\./, `attribute ${k}`);
  }
  const traced = records.find((x) => x.trace_id === '0af7651916cd43dd8448eb211c80319c');
  assert.ok(traced, 'the traced read is exported');
  assert.equal(traced.parent_span_id, 'b7ad6b7169203331');
  assert.equal(traced.name, 'read');
  assert.equal(traced.status, 'Ok');
  assert.equal(traced.attributes['meedoen.actor.name'], 'klantmanager');

  // the export is a processing of each exported subject's log
  const log = (await t.call('regisseur', 'GET', `/api/participants/${p.id}/log?per_page=5`)).body.items;
  const e = log.find((x) => x.action === 'export log');
  assert.ok(e, `an "export log" entry: ${JSON.stringify(log.map((x) => x.action))}`);
  assert.equal(e.role, 'system');
  assert.match(e.actor, /^cli:/);

  // stdout without --out; a day range with nothing in it
  const none = exportLines(['log', 'export', '--from', '2001-01-01', '--to', '2001-01-02']);
  assert.equal(none.status, 0);
  assert.equal(none.stdout, '');
});

test('log export: who may, and bad dates', () => {
  const refused = exportLines(['--as', 'jobcoach', 'log', 'export', '--from', today()]);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /may not export the processing log/);
  assert.equal(refused.stdout, '');
  const director = exportLines(['--as', 'regisseur', 'log', 'export', '--from', today(), '--to', today()]);
  assert.equal(director.status, 0, director.stderr);
  assert.ok(director.stdout.split('\n').filter(Boolean).length > 0);
  assert.equal(exportLines(['--as', 'jobcoach', 'log', 'verify']).status, 1);

  const bad = exportLines(['log', 'export', '--from', '2026-02-30']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /from: "2026-02-30" is not a date/);
  const backwards = exportLines(['log', 'export', '--from', today(), '--to', addDays(today(), -2)]);
  assert.equal(backwards.status, 1);
  assert.match(backwards.stderr, /to: .* is before from/);
  const out = join(t.srv.dir, 'refused.jsonl');
  assert.equal(exportLines(['--as', 'jobcoach', 'log', 'export', '--out', out]).status, 1);
  assert.ok(!existsSync(out), 'no file left behind');
});

test('log activities lists the register; log PARTICIPANT still works', () => {
  const r = runCli(['log', 'activities', '--json']);
  assert.equal(r.status, 0);
  const items = JSON.parse(r.stdout).items;
  assert.ok(items.length >= 16);
  for (const a of items) {
    assert.equal(a.uri, `urn:meedoen:verwerkingsactiviteit:${a.id}`);
    assert.ok(a.name && a.purpose && a.legal_basis);
  }
  assert.equal(new Set(items.map((a) => a.id)).size, items.length, 'ids are unique');
  const one = runCli(['--db', t.srv.db, 'log', '1', '--json']);
  assert.equal(one.status, 0, one.stderr);
  assert.ok(JSON.parse(one.stdout).total > 0);
});

test('the server and command-line runs writing at once each keep their own segment; the log stays intact', async () => {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const { BIN } = await import('../lib/server.mjs');
  const run = promisify(execFile);
  const before = verify(t.srv.db).report.segments;
  const people = (await t.call('klantmanager', 'GET', '/api/participants?per_page=6')).body.items;
  await Promise.all([
    ...people.map((p) => run(BIN, ['--db', t.srv.db, 'participant', 'show', String(p.id)])),
    ...people.flatMap((p, i) => [
      t.call('klantmanager', 'GET', `/api/participants/${p.id}`),
      t.call('klantmanager', 'PATCH', `/api/participants/${p.id}`, { ambitions: `bakker ${i}` }),
    ]),
  ]);
  const { status, report } = verify(t.srv.db);
  assert.equal(status, 0, JSON.stringify(report.breaks));
  assert.ok(report.segments >= before + people.length, `${report.segments} segments, were ${before}`);
});
