// path-sheltered.test.mjs - the sheltered-work pipeline (docs/api.md
// "The path" → Sheltered work; DESIGN.md §1, §3; issue 3 item 6):
// GET/PUT /api/participants/{id}/sheltered and the board GET /api/sheltered.
// Every refused request answers problem+json naming the field and changes
// nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, reasonOf, uniqueName, today, addDays } from './helpers.mjs';

let t;
const STAGES = ['candidate', 'indication', 'intensive_guidance', 'career_orientation', 'placed', 'held'];

const d = (n) => addDays(today(), n);

before(async () => {
  t = await setup({ participants: 20 });
});
after(async () => { await t?.stop(); });

/* ---- sheltered work ---- */

function shelteredBody(fields = {}) {
  return {
    source: 'school_leaver',
    school: 'Praktijkschool De Poort',
    school_contact: 'mevr. De Vries, mentor',
    parents_contact: 'moeder, 06 12345678',
    last_school_year: '2025-2026',
    indication_status: 'requested',
    stage: 'candidate',
    ...fields,
  };
}
async function sheltered(pid, user = 'klantmanager') {
  const r = await t.call(user, 'GET', `/api/participants/${pid}/sheltered`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}
async function putSheltered(pid, fields = {}, user = 'klantmanager') {
  const r = await t.call(user, 'PUT', `/api/participants/${pid}/sheltered`, shelteredBody(fields));
  assert.equal(r.status, 200, `PUT sheltered: ${r.status} ${r.text}`);
  return r.body;
}
async function refusedSheltered(pid, body, status, field, user = 'klantmanager') {
  const before = await sheltered(pid);
  const r = await t.call(user, 'PUT', `/api/participants/${pid}/sheltered`, body);
  const problem = assertProblem(r, status, field);
  assert.deepEqual(await sheltered(pid), before, `PUT sheltered as ${user} ${JSON.stringify(body)} changed nothing`);
  return problem;
}
async function board(user = 'klantmanager') {
  const r = await t.call(user, 'GET', '/api/sheltered');
  assert.equal(r.status, 200, r.text);
  return r.body;
}
const column = (b, stage) => b.stages.find((s) => s.code === stage);

test('sheltered: none recorded is {}; PUT stores the record and GET shows it', async () => {
  const p = await t.create();
  assert.deepEqual(await sheltered(p.id), {});
  const rec = await putSheltered(p.id);
  for (const [k, v] of Object.entries(shelteredBody())) assert.equal(rec[k], v, `record ${k}`);
  const g = await sheltered(p.id);
  for (const [k, v] of Object.entries(shelteredBody())) assert.equal(g[k], v, `GET ${k}`);
  // a self-reporter via the benefits agency, indication granted, in the intensive six months
  const next = await putSheltered(p.id, { source: 'self_reporter', indication_status: 'granted', stage: 'intensive_guidance',
    school: undefined, school_contact: undefined, parents_contact: undefined, last_school_year: undefined });
  assert.equal(next.source, 'self_reporter');
  assert.equal(next.stage, 'intensive_guidance');
  assert.equal(next.indication_status, 'granted');
  assert.equal((await sheltered(p.id)).stage, 'intensive_guidance');
});

test('sheltered refused: bad source, indication or stage; held without hold_until; bad dates; unknown members', async () => {
  const p = await t.create();
  await putSheltered(p.id);
  await refusedSheltered(p.id, shelteredBody({ source: 'walk_in' }), 422, 'source');
  await refusedSheltered(p.id, shelteredBody({ source: undefined }), 422, 'source');
  await refusedSheltered(p.id, shelteredBody({ stage: 'working' }), 422, 'stage');
  await refusedSheltered(p.id, shelteredBody({ stage: undefined }), 422, 'stage');
  await refusedSheltered(p.id, shelteredBody({ stage: 3 }), 422, 'stage');
  await refusedSheltered(p.id, shelteredBody({ indication_status: 'pending' }), 422, 'indication_status');
  await refusedSheltered(p.id, shelteredBody({ indication_status: undefined }), 422, 'indication_status');
  const held = await refusedSheltered(p.id, shelteredBody({ stage: 'held' }), 422, 'hold_until');
  assert.ok(reasonOf(held, 'hold_until').length > 0);
  await refusedSheltered(p.id, shelteredBody({ stage: 'held', hold_until: null }), 422, 'hold_until');
  await refusedSheltered(p.id, shelteredBody({ stage: 'held', hold_until: '2026-02-30' }), 422, 'hold_until');
  await refusedSheltered(p.id, shelteredBody({ school: '' }), 422, 'school');
  await refusedSheltered(p.id, shelteredBody({ school: 'x'.repeat(201) }), 422, 'school');
  const u = await refusedSheltered(p.id, shelteredBody({ advice: 'werk' }), 422, 'advice');
  assert.equal(reasonOf(u, 'advice'), 'unknown field');
  await refusedSheltered(p.id, '{"source": "school_leaver"', 400, 'body');
  // a held place with its end date is fine
  const ok = await putSheltered(p.id, { source: 'dropout', stage: 'held', hold_until: d(60) });
  assert.equal(ok.stage, 'held');
  assert.equal(ok.hold_until, d(60));
});

test('the sheltered-work board groups the pipeline by stage, in order', async () => {
  const a = await t.create({ family_name: uniqueName('Beschut') });
  const b = await t.create({ family_name: uniqueName('Beschut') });
  await putSheltered(a.id);
  await putSheltered(b.id, { stage: 'held', source: 'dropout', hold_until: d(90) });
  let body = await board();
  assert.deepEqual(body.stages.map((s) => s.code), STAGES);
  for (const s of body.stages) {
    assert.equal(typeof s.label, 'string');
    assert.ok(Array.isArray(s.items));
  }
  const item = column(body, 'candidate').items.find((x) => x.id === a.id);
  assert.ok(item, 'a is a candidate');
  assert.equal(item.family_name, a.family_name);
  assert.equal(item.given_names, a.given_names);
  assert.equal(item.source, 'school_leaver');
  assert.equal(item.indication_status, 'requested');
  assert.equal(item.hold_until, null);
  const heldItem = column(body, 'held').items.find((x) => x.id === b.id);
  assert.ok(heldItem, 'b is in the held column');
  assert.equal(heldItem.hold_until, d(90));
  const placedIds = () => column(body, 'placed').items.map((x) => x.id);
  assert.ok(!placedIds().includes(a.id));
  // moving a along the pipeline moves its card
  await putSheltered(a.id, { stage: 'placed', indication_status: 'granted' });
  body = await board();
  assert.ok(placedIds().includes(a.id), 'a is placed');
  assert.ok(!column(body, 'candidate').items.some((x) => x.id === a.id), 'and no longer a candidate');
  const all = body.stages.flatMap((s) => s.items.map((x) => x.id));
  assert.equal(all.filter((id) => id === a.id).length, 1, 'one card per participant');
});

test('sheltered: who may see and change it', async () => {
  const p = await t.create({ family_name: uniqueName('Beschut') });
  await putSheltered(p.id);
  assertProblem(await t.call('beheerder', 'GET', '/api/sheltered'), 403);
  assertProblem(await t.call(null, 'GET', '/api/sheltered'), 401);
  for (const user of ['beheerder', 'jobcoach2', 'werkgever', 'vrijwilliger']) {
    assertProblem(await t.call(user, 'GET', `/api/participants/${p.id}/sheltered`), 403);
  }
  for (const user of ['beheerder', 'accountmanager', 'regisseur', 'jobcoach2', 'werkgever', 'vrijwilliger']) {
    await refusedSheltered(p.id, shelteredBody({ stage: 'placed' }), 403, undefined, user);
  }
  // the board shows only whom the user may see: not another job coach's participants
  const other = await board('jobcoach2');
  assert.ok(!other.stages.some((s) => s.items.some((x) => x.id === p.id)), 'not on jobcoach2\'s board');
  const own = await t.create({ family_name: uniqueName('Beschut') }, 'jobcoach');
  await putSheltered(own.id, {}, 'jobcoach');
  assert.ok(column(await board('jobcoach'), 'candidate').items.some((x) => x.id === own.id), 'on the own job coach\'s board');
  assert.equal((await board('regisseur')).stages.length, STAGES.length, 'the director reads the board');
  assertProblem(await t.call('klantmanager', 'GET', '/api/participants/888888/sheltered'), 404);
  assertProblem(await t.call('klantmanager', 'PUT', '/api/participants/888888/sheltered', shelteredBody()), 404);
});
