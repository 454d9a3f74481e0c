// check.test.mjs - `meedoen check`, the operator's database check: SQLite's
// integrity check with the "nl" collation loaded (plain sqlite3 cannot run
// it), foreign keys, file modes; exit 0 with "database OK", or 1 with each
// problem named.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, copyFileSync, chmodSync, openSync, readSync, writeSync, closeSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../lib/server.mjs';

let dir, db;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'meedoen-check-'));
  db = join(dir, 'meedoen.db');
  const r = runCli(['--db', db, 'demo', '--participants', '20', '--seed', '1']);
  assert.equal(r.status, 0, r.stderr);
});
after(() => { rmSync(dir, { recursive: true, force: true }); });

function sqlite(file, sql) {
  return execFileSync('sqlite3', [file, sql], { encoding: 'utf8' }).trim();
}

function copy(name) {
  const to = join(dir, name);
  copyFileSync(db, to);
  chmodSync(to, 0o600);
  return to;
}

test('a sound database: "database OK", exit 0, and --json says the same', () => {
  const r = runCli(['--db', db, 'check']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /schema version \d+/);
  assert.match(r.stdout, /^database OK$/m);
  const j = runCli(['--db', db, 'check', '--json']);
  assert.equal(j.status, 0, j.stderr);
  const report = JSON.parse(j.stdout);
  assert.equal(report.ok, true);
  assert.deepEqual(report.problems, []);
  assert.equal(report.pending_migrations, 0);
});

test('plain sqlite3 cannot check the collated indexes; meedoen check can', () => {
  assert.throws(() => execFileSync('sqlite3', [db, 'PRAGMA integrity_check'], { stdio: 'pipe' }),
    (e) => /no such collation sequence: nl/.test(String(e.stderr)));
});

test('a damaged index on a collated column is found', () => {
  const file = copy('damaged.db');
  const root = Number(sqlite(file, "SELECT rootpage FROM sqlite_master WHERE name = 'participant_name'"));
  const size = Number(sqlite(file, 'PRAGMA page_size'));
  // swap the first two cell pointers of the index's root page
  const fd = openSync(file, 'r+');
  const at = (root - 1) * size + 8;
  const cells = Buffer.alloc(4);
  readSync(fd, cells, 0, 4, at);
  writeSync(fd, Buffer.concat([cells.subarray(2, 4), cells.subarray(0, 2)]), 0, 4, at);
  closeSync(fd);
  const r = runCli(['--db', file, 'check']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /problem: integrity: .*participant_name/);
  assert.match(r.stdout, /^database NOT OK$/m);
});

test('a row whose parent is gone is named by table and row', () => {
  const file = copy('orphan.db');
  sqlite(file, "PRAGMA foreign_keys = OFF; DELETE FROM organisation WHERE id = (SELECT organisation_id FROM app_user WHERE username = 'werkgever')");
  const r = runCli(['--db', file, 'check']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /problem: foreign key: \w+ row \d+ refers to a missing organisation row/);
});

test('a database others can read is a problem, and the check changes nothing', () => {
  const file = copy('open.db');
  chmodSync(file, 0o644);
  const before = sqlite(file, 'SELECT count(*) FROM processing_log');
  const r = runCli(['--db', file, 'check']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /problem: file mode: ".*open\.db" is mode 0644/);
  assert.equal(sqlite(file, 'SELECT count(*) FROM processing_log'), before);
});

test('no database at the path: an error, and no file is created', () => {
  const file = join(dir, 'missing.db');
  const r = runCli(['--db', file, 'check']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no database at ".*missing\.db"/);
  assert.throws(() => execFileSync('test', ['-e', file]));
});
