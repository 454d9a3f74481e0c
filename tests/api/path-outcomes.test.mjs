// path-outcomes.test.mjs - sheltered-work outcomes (secondment, group
// placement) and the language buddy in the guidance network (issue 3
// items 4 and 6).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem } from './helpers.mjs';

let t;

before(async () => {
  t = await setup({ participants: 10 });
});
after(async () => { await t?.stop(); });

const body = (fields) => ({ source: 'self_reporter', indication_status: 'granted', stage: 'placed', ...fields });

test('a sheltered-work placement records its outcome: secondment or group', async () => {
  const p = await t.create({});
  for (const type of ['secondment', 'group']) {
    const r = await t.call('klantmanager', 'PUT', `/api/participants/${p.id}/sheltered`, body({ placement_type: type }));
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.placement_type, type);
  }
});

test('a placement type outside the list, or before the stage placed, is refused and changes nothing', async () => {
  const p = await t.create({});
  assert.equal((await t.call('klantmanager', 'PUT', `/api/participants/${p.id}/sheltered`, body({ placement_type: 'group' }))).status, 200);
  assertProblem(await t.call('klantmanager', 'PUT', `/api/participants/${p.id}/sheltered`, body({ placement_type: 'castle' })), 422, 'placement_type');
  assertProblem(await t.call('klantmanager', 'PUT', `/api/participants/${p.id}/sheltered`,
    body({ stage: 'candidate', placement_type: 'secondment' })), 422, 'placement_type');
  const now = await t.call('klantmanager', 'GET', `/api/participants/${p.id}/sheltered`);
  assert.equal(now.body.stage, 'placed');
  assert.equal(now.body.placement_type, 'group');
});

test('a language buddy joins the guidance network', async () => {
  const p = await t.create({});
  const users = await t.call('beheerder', 'GET', '/api/users');
  const buddy = users.body.items.find((u) => u.username === 'vrijwilliger');
  const r = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/links`, { kind: 'language_buddy', user_id: buddy.id });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.kind, 'language_buddy');
  const links = await t.call('klantmanager', 'GET', `/api/participants/${p.id}/links`);
  assert.ok(links.body.items.some((l) => l.kind === 'language_buddy' && l.user_id === buddy.id));
});

test('an empty worklist is an empty list (a crash under UBSan once: qsort of nothing)', async () => {
  const empty = await setup({ participants: 0 });
  try {
    const r = await empty.call('jobcoach', 'GET', '/api/signals');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.items, []);
    assert.equal(r.body.total, 0);
  } finally {
    await empty.stop();
  }
});
