// encryption.test.mjs - encryption at rest (issue 10, item 9): BSNs,
// health limits and health notes never reach the database file or its WAL
// in the clear; the key lives in a 0600 file beside the database, never in
// a table; a role without health access still never sees them; a missing
// or foreign key file stops meedoen instead of a new key being made over
// sealed data; and `meedoen key rotate` reseals everything, also when it
// is cut short and run again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, existsSync, rmSync, statSync, renameSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, runCli, login, api, freePort } from '../lib/server.mjs';
import { isoNL } from '../lib/dates.mjs';

// A valid BSN (11-test) from a random 8-digit stem.
function randomBsn() {
  for (;;) {
    const d = Array.from({ length: 8 }, (_, i) => (i === 0 ? 1 + Math.floor(Math.random() * 9) : Math.floor(Math.random() * 10)));
    const sum = d.reduce((s, x, i) => s + x * (9 - i), 0);
    const last = sum % 11;
    if (last <= 9) return d.join('') + String(last);
  }
}


// A server on db whose files we can read while it runs and after it
// stopped (tests/lib/server.mjs removes its folder on stop).
async function serve(db) {
  const port = await freePort();
  const child = spawn(BIN, ['--db', db, 'serve', '--quiet', '--listen', `127.0.0.1:${port}`, '--web', join(ROOT, 'web'),
    '--vendor', join(ROOT, 'node_modules')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`meedoen serve exited: ${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      assert.equal(child.exitCode, 0, `serve exited with ${child.exitCode ?? child.signalCode}: ${output.slice(-2000)}`);
    },
  };
}

// Every needle found in the bytes of file (as UTF-8).
function found(file, needles) {
  if (!existsSync(file)) return [];
  const bytes = readFileSync(file);
  return needles.filter((n) => bytes.includes(Buffer.from(n, 'utf8')));
}

const dir = mkdtempSync(join(tmpdir(), 'meedoen-crypt-'));
const db = join(dir, 'meedoen.db');
const keyFile = join(dir, 'meedoen.key');
let srv;
const secrets = { bsn: new Set(), health: new Set(), notes: new Set() };
let ids = [];

before(async () => {
  const demo = runCli(['--db', db, 'demo', '--participants', '60', '--seed', '3']);
  assert.equal(demo.status, 0, demo.stderr);
  srv = await serve(db);
});

after(async () => {
  if (srv) await srv.stop().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

test('the demo creates its key file beside the database, mode 0600, and the database holds no key', () => {
  assert.ok(existsSync(keyFile), 'meedoen.key beside meedoen.db');
  assert.equal(statSync(keyFile).mode & 0o777, 0o600);
  const text = readFileSync(keyFile, 'utf8');
  const keys = [...text.matchAll(/\b([0-9a-f]{64})\b/g)].map((m) => m[1]);
  assert.equal(keys.length, 3, 'a data key, the lookup key and the pseudonym key');
  for (const k of keys) {
    assert.deepEqual(found(db, [k]), [], 'no key as hex in the database');
    assert.ok(!readFileSync(db).includes(Buffer.from(k, 'hex')), 'no key as bytes in the database');
  }
});

test('a participant with BSN, health limits and a health note goes in through the API and reads back for the klantmanager', async () => {
  const km = await login(srv.url, 'klantmanager');
  const bsn = randomBsn();
  const health = `Rugklachten na ongeval ${Date.now()}; niet tillen boven tien kilo`;
  const note = `Bedrijfsarts ${Date.now()}: hersteltraject loopt, eerst halve dagen`;
  const r = await api(srv.url, km, 'POST', '/api/participants',
    { family_name: 'Versleuteld', given_names: 'Test', birth_date: '1990-02-03', bsn, health_limits: health });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.bsn, bsn);
  assert.equal(r.body.health_limits, health);
  const j = await api(srv.url, km, 'POST', `/api/participants/${r.body.id}/journal`,
    { occurred_on: isoNL(), kind: 'note', category: 'health', text: note });
  assert.equal(j.status, 201, j.text);
  assert.equal(j.body.text, note);
  const back = await api(srv.url, km, 'GET', `/api/participants/${r.body.id}`);
  assert.equal(back.body.bsn, bsn);
  assert.equal(back.body.health_limits, health);
  // a change to another field keeps them readable (the record is resealed)
  const p = await api(srv.url, km, 'PATCH', `/api/participants/${r.body.id}`, { ambitions: 'lassen' });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.body.bsn, bsn);
  assert.equal(p.body.health_limits, health);
});

test('every BSN, health limit and health note reads back in the clear through the API (klantmanager)', async () => {
  const km = await login(srv.url, 'klantmanager');
  for (let page = 1; ; page++) {
    const l = await api(srv.url, km, 'GET', `/api/participants?per_page=100&page=${page}`);
    assert.equal(l.status, 200, l.text);
    ids.push(...l.body.items.map((i) => i.id));
    if (l.body.items.length < 100) break;
  }
  for (const id of ids) {
    const r = await api(srv.url, km, 'GET', `/api/participants/${id}`);
    assert.equal(r.status, 200, r.text);
    if (r.body.bsn) secrets.bsn.add(r.body.bsn);
    if (r.body.health_limits) secrets.health.add(r.body.health_limits);
    const j = await api(srv.url, km, 'GET', `/api/participants/${id}/journal`);
    assert.equal(j.status, 200, j.text);
    for (const e of j.body.items) if (e.category === 'health') secrets.notes.add(e.text);
  }
  for (const b of secrets.bsn) assert.match(b, /^\d{9}$/);
  assert.ok(secrets.bsn.size >= 40, `demo BSNs read: ${secrets.bsn.size}`);
  assert.ok(secrets.health.size >= 3, `demo health limits read: ${secrets.health.size}`);
  assert.ok(secrets.notes.size >= 2, `health notes read: ${secrets.notes.size}`);
  for (const t of [...secrets.health, ...secrets.notes]) assert.ok(!t.startsWith('v1:'), `opened: ${t}`);
});

test('the database file and its WAL hold none of them while the server runs', () => {
  const needles = [...secrets.bsn, ...secrets.health, ...secrets.notes];
  assert.ok(existsSync(`${db}-wal`) && statSync(`${db}-wal`).size > 0, 'the WAL has content');
  assert.deepEqual(found(db, needles), [], 'database file');
  assert.deepEqual(found(`${db}-wal`, needles), [], 'WAL');
});

test('a role without bsn and health access sees none of them, nor the sealed values', async () => {
  const reg = await login(srv.url, 'regisseur');
  const all = [...secrets.bsn, ...secrets.health, ...secrets.notes];
  for (const id of ids) {
    const r = await api(srv.url, reg, 'GET', `/api/participants/${id}`);
    assert.equal(r.status, 200, r.text);
    assert.ok(!('bsn' in r.body) && !('health_limits' in r.body), `participant ${id}`);
    const j = await api(srv.url, reg, 'GET', `/api/participants/${id}/journal`);
    for (const e of j.body?.items ?? []) assert.notEqual(e.category, 'health');
    const text = r.text + j.text;
    assert.ok(!text.includes('v1:'), 'no sealed value leaks out either');
    for (const s of all) assert.ok(!text.includes(s), `participant ${id} shows "${s}"`);
  }
});

test('after the server stopped, the database file and WAL still hold none of them', async () => {
  await srv.stop();
  srv = null;
  const needles = [...secrets.bsn, ...secrets.health, ...secrets.notes];
  assert.deepEqual(found(db, needles), [], 'database file');
  assert.deepEqual(found(`${db}-wal`, needles), [], 'WAL');
  assert.deepEqual(found(keyFile, needles), []);
});

test('without its key file the database refuses to open, and no new key is made', () => {
  renameSync(keyFile, `${keyFile}.away`);
  try {
    const r = runCli(['--db', db, 'participant', 'list']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /key file ".*meedoen\.key" is missing, but the database holds data sealed under it/);
    assert.ok(!existsSync(keyFile), 'no key file was made');
    // another database's key file is refused too
    const other = join(dir, 'other.db');
    assert.equal(runCli(['--db', other, 'init']).status, 0);
    const wrong = runCli(['--db', db, '--key-file', join(dir, 'other.key'), 'participant', 'list']);
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /does not belong to this database/);
  } finally {
    renameSync(`${keyFile}.away`, keyFile);
  }
  assert.equal(runCli(['--db', db, 'participant', 'list']).status, 0);
});

// Every participant as `participant show --json` sees it (the operator
// reads every category).
function snapshot() {
  const out = {};
  for (const id of ids) {
    const r = runCli(['--db', db, 'participant', 'show', String(id), '--json']);
    assert.equal(r.status, 0, r.stderr);
    const p = JSON.parse(r.stdout);
    out[id] = [p.bsn ?? null, p.health_limits ?? null];
  }
  return out;
}

function dataKeys() {
  return [...readFileSync(keyFile, 'utf8').matchAll(/^data (\d+) /gm)].map((m) => Number(m[1]));
}

test('key rotate refuses while a server uses the key file, and changes nothing', async () => {
  const running = await serve(db);
  try {
    const keyBefore = readFileSync(keyFile, 'utf8');
    const r = runCli(['--db', db, 'key', 'rotate']);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /another meedoen process \(a running server\?\) uses the key file ".*meedoen\.key": stop it before rotating/);
    assert.equal(readFileSync(keyFile, 'utf8'), keyBefore, 'no new key written');
    // other commands share the keys with the server
    const show = runCli(['--db', db, 'participant', 'list', '--json']);
    assert.equal(show.status, 0, show.stderr);
  } finally {
    await running.stop();
  }
});

test('key rotate cut short after two batches, then run again: the old key goes, everything still opens', () => {
  const before = snapshot();
  assert.ok(Object.values(before).some(([b]) => b), 'some BSNs');
  assert.deepEqual(dataKeys(), [1]);
  const cut = runCli(['--db', db, 'key', 'rotate', '--batch', '5'], { env: { MEEDOEN_ROTATE_STOP_AFTER: '2' } });
  assert.equal(cut.status, 1, cut.stdout + cut.stderr);
  assert.match(cut.stdout, /stopped after 2 batches \(MEEDOEN_ROTATE_STOP_AFTER\) with 10 values resealed/);
  assert.deepEqual(dataKeys(), [1, 2], 'the old key stays until the rotation is done');
  assert.equal(statSync(keyFile).mode & 0o777, 0o600);
  assert.deepEqual(snapshot(), before, 'half-rotated: values under key 1 and key 2 both open');

  const rest = runCli(['--db', db, 'key', 'rotate', '--batch', '7']);
  assert.equal(rest.status, 0, rest.stderr);
  assert.match(rest.stdout, /resuming the rotation to data key 2/);
  assert.deepEqual(dataKeys(), [2], 'key 1 removed once nothing is sealed under it');
  assert.equal(statSync(keyFile).mode & 0o777, 0o600);
  assert.deepEqual(snapshot(), before, 'everything opens with key 2 alone');

  const again = runCli(['--db', db, 'key', 'rotate']);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /data key 3 is current/);
  assert.deepEqual(dataKeys(), [3]);
  assert.deepEqual(snapshot(), before);
});

test('participant find --bsn looks a participant up by the keyed hash; a role that reads no BSN may not', () => {
  const [id] = ids.filter((i) => snapshotOne(i)[0]);
  const [bsn] = snapshotOne(id);
  const r = runCli(['--db', db, 'participant', 'find', '--bsn', bsn, '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(JSON.parse(r.stdout).items.some((p) => p.id === id), r.stdout);
  assert.ok(!readFileSync(db).includes(Buffer.from(bsn)), 'the BSN itself is not stored');
  const none = runCli(['--db', db, 'participant', 'find', '--bsn', '111222333', '--json']);
  assert.equal(none.status, 0, none.stderr);
  assert.ok(!JSON.parse(none.stdout).items.some((p) => p.id === id));
  const bad = runCli(['--db', db, 'participant', 'find', '--bsn', '123456789']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /bsn: bsn "123456789" fails the 11-test/);
  const reg = runCli(['--db', db, '--as', 'regisseur', 'participant', 'find', '--bsn', bsn]);
  assert.equal(reg.status, 1);
  assert.match(reg.stderr, /may not look participants up by bsn/);
});

function snapshotOne(id) {
  const r = runCli(['--db', db, 'participant', 'show', String(id), '--json']);
  assert.equal(r.status, 0, r.stderr);
  const p = JSON.parse(r.stdout);
  return [p.bsn ?? null, p.health_limits ?? null];
}

test('keys from MEEDOEN_KEY or a systemd credential: no file written, a wrong or missing key refused, no rotation', () => {
  const d = mkdtempSync(join(tmpdir(), 'meedoen-crypt-env-'));
  try {
    const edb = join(d, 'env.db');
    const master = 'ab'.repeat(32);
    const env = { MEEDOEN_KEY: master };
    assert.equal(runCli(['--db', edb, 'init'], { env }).status, 0);
    assert.ok(!existsSync(join(d, 'env.key')), 'no key file for a master key');
    const bsn = randomBsn();
    const add = runCli(['--db', edb, 'participant', 'add', 'family_name=Env', 'given_names=Test', 'birth_date=1990-01-01',
      `bsn=${bsn}`, 'health_limits=Evenwichtsstoornis na ongeval', '--json'], { env });
    assert.equal(add.status, 0, add.stderr);
    const id = JSON.parse(add.stdout).id;
    const show = runCli(['--db', edb, 'participant', 'show', String(id), '--json'], { env });
    assert.equal(JSON.parse(show.stdout).bsn, bsn);
    assert.deepEqual(found(edb, [bsn, 'Evenwichtsstoornis']), []);
    const wrong = runCli(['--db', edb, 'participant', 'show', String(id)], { env: { MEEDOEN_KEY: 'cd'.repeat(32) } });
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /the keys from MEEDOEN_KEY do not belong to this database/);
    const none = runCli(['--db', edb, 'participant', 'show', String(id)], { env: { MEEDOEN_KEY: '' } });
    assert.equal(none.status, 1);
    assert.match(none.stderr, /key file ".*env\.key" is missing/);
    assert.ok(!existsSync(join(d, 'env.key')));
    const rot = runCli(['--db', edb, 'key', 'rotate'], { env });
    assert.equal(rot.status, 1);
    assert.match(rot.stderr, /key rotate needs a key file meedoen may write/);

    // a systemd credential: the demo database's key file, read only
    const creds = join(d, 'creds');
    mkdirSync(creds);
    copyFileSync(keyFile, join(creds, 'meedoen.key'));
    renameSync(keyFile, `${keyFile}.away`);
    try {
      const cenv = { CREDENTIALS_DIRECTORY: creds, MEEDOEN_KEY: '' };
      const r = runCli(['--db', db, 'participant', 'show', String(ids[0]), '--json'], { env: cenv });
      assert.equal(r.status, 0, r.stderr);
      assert.ok(!existsSync(keyFile), 'nothing written beside the database');
      const cr = runCli(['--db', db, 'key', 'rotate'], { env: cenv });
      assert.equal(cr.status, 1);
      assert.match(cr.stderr, /a systemd credential/);
    } finally {
      renameSync(`${keyFile}.away`, keyFile);
    }
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});
