// log.test.mjs - the processing log (DESIGN.md §2, Logius' Logboek
// Dataverwerkingen): GET /api/participants/{id}/log, readable by the
// director and the case manager only; reads and lists write entries.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, uniqueName, LOG_TIMESTAMP } from './helpers.mjs';

let t;
let p; // on jobcoach's own caseload

before(async () => {
  t = await setup({ participants: 30 });
  p = await t.create({ family_name: uniqueName('Logboek'), health_limits: 'geen nachtwerk' }, 'jobcoach');
});
after(async () => { await t?.stop(); });

async function log(pid, query = '', user = 'regisseur') {
  const r = await t.call(user, 'GET', `/api/participants/${pid}/log${query}`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

test('a dossier read by the job coach appears in the log with actor, role, activity, trace and times', async () => {
  const r = await t.call('jobcoach', 'GET', `/api/participants/${p.id}`);
  assert.equal(r.status, 200);
  const body = await log(p.id, '?per_page=100');
  assert.equal(typeof body.total, 'number');
  assert.equal(body.page, 1);
  assert.equal(body.per_page, 100);
  const e = body.items.find((x) => x.action === 'read' && x.actor === 'jobcoach');
  assert.ok(e, `a "read" entry by jobcoach: ${JSON.stringify(body.items.map((x) => [x.action, x.actor]))}`);
  assert.equal(e.role, 'job_coach');
  assert.equal(typeof e.activity, 'string');
  assert.ok(e.activity.length > 0, 'processing activity id');
  assert.match(e.trace_id, /^[0-9a-f]{16,}$/);
  assert.match(e.span_id, /^[0-9a-f]{8,}$/);
  assert.ok(!Number.isNaN(Date.parse(e.started_at)), `started_at is a timestamp: ${e.started_at}`);
  assert.ok(!Number.isNaN(Date.parse(e.ended_at)), `ended_at is a timestamp: ${e.ended_at}`);
  assert.ok(Date.parse(e.started_at) <= Date.parse(e.ended_at));
  assert.ok(Math.abs(Date.parse(e.started_at) - Date.now()) < 5 * 60 * 1000, 'started_at is now');
  assert.equal(e.status, 'ok');
  assert.ok(e.subject_type, 'data subject type');
  assert.ok(!JSON.stringify(e).includes(p.family_name), 'no name of the subject in the entry');
  assert.ok(!JSON.stringify(body).includes('geen nachtwerk'), 'no dossier content in the log');
});

test('log timestamps use the documented format YYYY-MM-DDTHH:MM:SS.mmmZ', async () => {
  const body = await log(p.id, '?per_page=100');
  for (const e of body.items) {
    assert.match(e.started_at, LOG_TIMESTAMP, `started_at of "${e.action}"`);
    assert.match(e.ended_at, LOG_TIMESTAMP, `ended_at of "${e.action}"`);
  }
});

test('every read writes its own entry, each with its own span', async () => {
  const before = (await log(p.id, '?per_page=100')).items.filter((x) => x.action === 'read' && x.actor === 'jobcoach');
  await t.call('jobcoach', 'GET', `/api/participants/${p.id}`);
  await t.call('jobcoach', 'GET', `/api/participants/${p.id}`);
  const after = (await log(p.id, '?per_page=100')).items.filter((x) => x.action === 'read' && x.actor === 'jobcoach');
  assert.equal(after.length, before.length + 2);
  assert.equal(new Set(after.map((x) => `${x.trace_id}/${x.span_id}`)).size, after.length, 'distinct trace/span per request');
});

test('registration is logged as "create" by the registering user', async () => {
  const body = await log(p.id, '?per_page=100');
  const e = body.items.find((x) => x.action === 'create');
  assert.ok(e, 'a create entry');
  assert.equal(e.actor, 'jobcoach');
  assert.equal(e.role, 'job_coach');
});

test('a PATCH is logged as an update', async () => {
  const r = await t.call('jobcoach', 'PATCH', `/api/participants/${p.id}`, { ambitions: 'chauffeur' });
  assert.equal(r.status, 200, r.text);
  const body = await log(p.id, '?per_page=100');
  assert.ok(body.items.some((x) => x.action === 'update' && x.actor === 'jobcoach'));
});

test('the list route writes a "list" entry for every participant listed', async () => {
  const r = await t.call('jobcoach', 'GET', `/api/participants?q=${p.family_name}`);
  assert.equal(r.status, 200);
  assert.equal(r.body.total, 1);
  const body = await log(p.id, '?per_page=100');
  const e = body.items.find((x) => x.action === 'list' && x.actor === 'jobcoach');
  assert.ok(e, 'a list entry');
  assert.equal(e.role, 'job_coach');
  // one list request, several participants: one entry each, sharing the trace
  const q = await t.create({ family_name: `${p.family_name}b` }, 'jobcoach');
  const r2 = await t.call('regisseur', 'GET', `/api/participants?q=${p.family_name}`);
  assert.equal(r2.body.total, 2);
  const ep = (await log(p.id, '?per_page=100')).items.find((x) => x.action === 'list' && x.actor === 'regisseur');
  const eq = (await log(q.id, '?per_page=100')).items.find((x) => x.action === 'list' && x.actor === 'regisseur');
  assert.ok(ep && eq, 'both listed participants have an entry');
  assert.equal(ep.trace_id, eq.trace_id, 'one trace for one request');
});

test('the case manager may read the log too', async () => {
  const body = await log(p.id, '', 'klantmanager');
  assert.ok(body.items.length > 0);
});

test('the job coach, volunteer, project leader and admin may not read the log (403)', async () => {
  for (const user of ['jobcoach', 'vrijwilliger', 'projectleider', 'beheerder', 'werkgever']) {
    assertProblem(await t.call(user, 'GET', `/api/participants/${p.id}/log`), 403);
  }
});

test('the log pages: total, page, per_page; newest first', async () => {
  const all = await log(p.id, '?per_page=100');
  assert.ok(all.total >= 5);
  const one = await log(p.id, '?per_page=2&page=2');
  assert.equal(one.per_page, 2);
  assert.equal(one.page, 2);
  assert.equal(one.items.length, 2);
  assert.ok(one.total >= all.total);
  const ids = all.items.map((x) => x.id);
  assert.deepEqual([...ids].sort((a, b) => b - a), ids, 'newest first');
  assertProblem(await t.call('regisseur', 'GET', `/api/participants/${p.id}/log?per_page=0`), 422, 'per_page');
  assertProblem(await t.call('regisseur', 'GET', `/api/participants/${p.id}/log?page=0`), 422, 'page');
});

test('the log pages with the documented default per_page of 25', async () => {
  const body = await log(p.id);
  assert.equal(body.page, 1);
  assert.equal(body.per_page, 25, 'docs/api.md: per_page 1..100, default 25');
  assert.ok(body.items.length <= 25);
});

test('the log of one participant holds only that participant\'s entries', async () => {
  const other = await t.create({ family_name: uniqueName('Ander') });
  const before = (await log(other.id, '?per_page=100')).items.filter((x) => x.action !== 'read log');
  await t.call('klantmanager', 'GET', `/api/participants/${p.id}`);
  const after = (await log(other.id, '?per_page=100')).items.filter((x) => x.action !== 'read log');
  assert.deepEqual(after, before);
});

test('the log of an unknown participant answers 404', async () => {
  assertProblem(await t.call('regisseur', 'GET', '/api/participants/555555/log'), 404);
});
