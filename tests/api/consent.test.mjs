// consent.test.mjs - GET/POST /api/participants/{id}/consents and
// .../consents/{cid}/revoke: recording, validation, revocation, and that a
// revocation takes effect on the very next request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, uniqueName, today, addDays, DATE, TIMESTAMP } from './helpers.mjs';

let t;
let orgs;
let volunteer; // { id, organisation_id }
let p; // participant with a volunteer link

before(async () => {
  t = await setup({ participants: 30 });
  orgs = await t.orgs();
  volunteer = await t.me('vrijwilliger');
  p = await t.create({ family_name: uniqueName('Toest'), phone: '0612345678', ambitions: 'koken', city: 'Naaldwijk' });
  const l = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/links`, { kind: 'volunteer', user_id: volunteer.id });
  assert.equal(l.status, 201, l.text);
});
after(async () => { await t?.stop(); });

async function consents(pid = p.id) {
  const r = await t.call('klantmanager', 'GET', `/api/participants/${pid}/consents`);
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

async function add(body, user = 'klantmanager', pid = p.id) {
  return t.call(user, 'POST', `/api/participants/${pid}/consents`, body);
}

async function refused(body, status, field, user = 'klantmanager', pid = p.id) {
  const before = await consents(pid);
  const r = await add(body, user, pid);
  const problem = assertProblem(r, status, field);
  assert.deepEqual(await consents(pid), before, 'no consent was recorded');
  return problem;
}

test('record a consent: 201 with the documented members', async () => {
  const r = await add({ organisation_id: volunteer.organisation_id, category: 'education_work', given_on: today() });
  assert.equal(r.status, 201, r.text);
  const c = r.body;
  assert.equal(typeof c.id, 'number');
  assert.equal(c.organisation_id, volunteer.organisation_id);
  assert.equal(c.organisation_name, 'Vluchtelingenwerk Westland');
  assert.equal(c.category, 'education_work');
  assert.equal(c.given_on, today());
  assert.equal(c.expires_on, null);
  assert.equal(c.revoked_at, null);
  assert.equal(c.recorded_by, 'Karim Klantmanager');
  assert.equal(c.active, true);
  const list = await consents();
  assert.deepEqual(list.find((x) => x.id === c.id), c, 'listed as answered');
  for (const x of list) {
    for (const k of ['id', 'organisation_id', 'organisation_name', 'category', 'given_on', 'expires_on', 'revoked_at',
      'recorded_by', 'active']) assert.ok(k in x, `consent member ${k}`);
    assert.match(x.given_on, DATE);
  }
});

test('consent with an expiry date in the future is active; one that expired is not and grants nothing', async () => {
  const a = await add({ organisation_id: volunteer.organisation_id, category: 'path', given_on: '2024-01-01',
    expires_on: addDays(today(), 30) });
  assert.equal(a.status, 201, a.text);
  assert.equal(a.body.active, true);
  assert.equal(a.body.expires_on, addDays(today(), 30));

  const q = await t.create({ family_name: uniqueName('Verlopen') });
  await t.call('klantmanager', 'POST', `/api/participants/${q.id}/links`, { kind: 'volunteer', user_id: volunteer.id });
  const b = await add({ organisation_id: volunteer.organisation_id, category: 'identity', given_on: '2023-01-01',
    expires_on: '2023-12-31' }, 'klantmanager', q.id);
  assert.equal(b.status, 201, b.text);
  assert.equal(b.body.active, false, 'an expired consent is not active');
  assertProblem(await t.call('vrijwilliger', 'GET', `/api/participants/${q.id}`), 403);
});

test('an unknown category answers 422 naming category', async () => {
  await refused({ organisation_id: volunteer.organisation_id, category: 'shoe_size', given_on: today() }, 422, 'category');
  await refused({ organisation_id: volunteer.organisation_id, given_on: today() }, 422, 'category');
  await refused({ organisation_id: volunteer.organisation_id, category: 7, given_on: today() }, 422, 'category');
});

test('organisations inside the municipality or the social work company need no consent: 422', async () => {
  await refused({ organisation_id: orgs.municipality.id, category: 'identity', given_on: today() }, 422, 'organisation_id');
  await refused({ organisation_id: orgs.social_work_company.id, category: 'contact', given_on: today() }, 422,
    'organisation_id');
});

test('an unknown or missing organisation answers 422 naming organisation_id', async () => {
  await refused({ organisation_id: 99999, category: 'identity', given_on: today() }, 422, 'organisation_id');
  await refused({ category: 'identity', given_on: today() }, 422, 'organisation_id');
  await refused({ organisation_id: String(volunteer.organisation_id), category: 'identity', given_on: today() }, 422,
    'organisation_id');
});

test('given_on in the future answers 422 naming given_on', async () => {
  await refused({ organisation_id: volunteer.organisation_id, category: 'contact', given_on: addDays(today(), 1) }, 422,
    'given_on');
  await refused({ organisation_id: volunteer.organisation_id, category: 'contact', given_on: '2024-02-30' }, 422, 'given_on');
  await refused({ organisation_id: volunteer.organisation_id, category: 'contact' }, 422, 'given_on');
});

test('expires_on before given_on answers 422 naming expires_on', async () => {
  await refused({ organisation_id: volunteer.organisation_id, category: 'contact', given_on: '2024-05-10',
    expires_on: '2024-05-09' }, 422, 'expires_on');
  await refused({ organisation_id: volunteer.organisation_id, category: 'contact', given_on: '2024-05-10',
    expires_on: 'soon' }, 422, 'expires_on');
});

test('unknown members and malformed bodies are refused', async () => {
  const r = await refused({ organisation_id: volunteer.organisation_id, category: 'contact', given_on: today(),
    signed: true }, 422, 'signed');
  assert.equal(r.errors.find((e) => e.field === 'signed').reason, 'unknown field');
  await refused('{"organisation_id": ', 400, 'body');
});

test('who may record consent: not the volunteer, the director, the account manager or another job coach', async () => {
  const body = { organisation_id: volunteer.organisation_id, category: 'contact', given_on: today() };
  for (const user of ['vrijwilliger', 'regisseur', 'accountmanager', 'jobcoach2', 'beheerder']) {
    await refused(body, 403, undefined, user);
  }
});

test('consents of an unknown participant answer 404', async () => {
  assertProblem(await t.call('klantmanager', 'GET', '/api/participants/777777/consents'), 404);
  assertProblem(await add({ organisation_id: volunteer.organisation_id, category: 'contact', given_on: today() },
    'klantmanager', 777777), 404);
  assertProblem(await t.call('klantmanager', 'POST', '/api/participants/777777/consents/1/revoke'), 404);
});

test('revoke: 200 with revoked_at and active false; revoking again answers 404', async () => {
  const c = (await add({ organisation_id: volunteer.organisation_id, category: 'notes', given_on: today() })).body;
  const r = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/consents/${c.id}/revoke`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.id, c.id);
  assert.match(r.body.revoked_at, TIMESTAMP);
  assert.equal(r.body.active, false);
  const listed = (await consents()).find((x) => x.id === c.id);
  assert.equal(listed.active, false);
  assert.equal(listed.revoked_at, r.body.revoked_at);

  const again = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/consents/${c.id}/revoke`);
  assertProblem(again, 404);
  assert.equal((await consents()).find((x) => x.id === c.id).revoked_at, r.body.revoked_at, 'revoked_at unchanged');
});

test('revoking a consent of another participant, or an unknown one, answers 404 and changes nothing', async () => {
  const q = await t.create({ family_name: uniqueName('Ander') });
  const c = (await add({ organisation_id: volunteer.organisation_id, category: 'contact', given_on: today() },
    'klantmanager', q.id)).body;
  assertProblem(await t.call('klantmanager', 'POST', `/api/participants/${p.id}/consents/${c.id}/revoke`), 404);
  assert.equal((await consents(q.id)).find((x) => x.id === c.id).active, true);
  assertProblem(await t.call('klantmanager', 'POST', `/api/participants/${p.id}/consents/999999/revoke`), 404);
});

test('the volunteer may not revoke consent', async () => {
  const c = (await add({ organisation_id: volunteer.organisation_id, category: 'civic_integration', given_on: today() })).body;
  assertProblem(await t.call('vrijwilliger', 'POST', `/api/participants/${p.id}/consents/${c.id}/revoke`), 403);
  assert.equal((await consents()).find((x) => x.id === c.id).active, true);
});

test('a revoked consent takes effect on the next request of the volunteer', async () => {
  const q = await t.create({ family_name: uniqueName('Intrek'), phone: '0612345678', ambitions: 'bakken' });
  await t.call('klantmanager', 'POST', `/api/participants/${q.id}/links`, { kind: 'volunteer', user_id: volunteer.id });
  assertProblem(await t.call('vrijwilliger', 'GET', `/api/participants/${q.id}`), 403, undefined);

  const made = {};
  for (const category of ['identity', 'contact', 'education_work']) {
    const r = await add({ organisation_id: volunteer.organisation_id, category, given_on: today() }, 'klantmanager', q.id);
    assert.equal(r.status, 201, r.text);
    made[category] = r.body.id;
  }
  // the volunteer reads (and keeps the same session throughout)
  let r = await t.call('vrijwilliger', 'GET', `/api/participants/${q.id}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([...r.body.access.categories].sort(), ['contact', 'education_work', 'identity']);
  assert.equal(r.body.phone, '0612345678');
  assert.equal(r.body.ambitions, 'bakken');

  // revoke contact: the next request lacks it
  assert.equal((await t.call('klantmanager', 'POST', `/api/participants/${q.id}/consents/${made.contact}/revoke`)).status, 200);
  r = await t.call('vrijwilliger', 'GET', `/api/participants/${q.id}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([...r.body.access.categories].sort(), ['education_work', 'identity']);
  assert.ok(!('phone' in r.body), 'phone gone right after the revocation');

  // revoke identity: no longer in the volunteer's list
  assert.equal((await t.call('klantmanager', 'POST', `/api/participants/${q.id}/consents/${made.identity}/revoke`)).status, 200);
  const list = await t.call('vrijwilliger', 'GET', `/api/participants?q=${q.family_name}`);
  assert.equal(list.status, 200);
  assert.equal(list.body.total, 0, 'gone from the list after identity was revoked');
  r = await t.call('vrijwilliger', 'GET', `/api/participants/${q.id}`);
  if (r.status === 200) {
    assert.deepEqual(r.body.access.categories, ['education_work']);
    assert.ok(!('family_name' in r.body));
  } else {
    assertProblem(r, 403);
  }

  // revoke the last one: 403
  assert.equal((await t.call('klantmanager', 'POST', `/api/participants/${q.id}/consents/${made.education_work}/revoke`)).status, 200);
  assertProblem(await t.call('vrijwilliger', 'GET', `/api/participants/${q.id}`), 403);
});

test('consent recorded for another organisation does not open the participant to the volunteer', async () => {
  const q = await t.create({ family_name: uniqueName('Welzijn') });
  await t.call('klantmanager', 'POST', `/api/participants/${q.id}/links`, { kind: 'volunteer', user_id: volunteer.id });
  const r = await add({ organisation_id: orgs.welfare.id, category: 'identity', given_on: today() }, 'klantmanager', q.id);
  assert.equal(r.status, 201, r.text);
  assertProblem(await t.call('vrijwilliger', 'GET', `/api/participants/${q.id}`), 403);
});

test('the volunteer may not read the consents of a participant that is not theirs', async () => {
  const q = await t.create({ family_name: uniqueName('Vreemd') });
  assertProblem(await t.call('vrijwilliger', 'GET', `/api/participants/${q.id}/consents`), 403);
});
