// links.test.mjs - a participant's links (caseload, guidance network,
// placements, courses): GET/POST /api/participants/{id}/links and
// POST .../links/{lid}/end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, uniqueName, today, DATE } from './helpers.mjs';

let t;
let volunteer;
let orgs;

before(async () => {
  t = await setup({ participants: 30 });
  volunteer = await t.me('vrijwilliger');
  orgs = await t.orgs();
});
after(async () => { await t?.stop(); });

async function links(pid) {
  const r = await t.call('klantmanager', 'GET', `/api/participants/${pid}/links`);
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

async function refusedLink(pid, body, status, field, user = 'klantmanager') {
  const before = await links(pid);
  const r = await t.call(user, 'POST', `/api/participants/${pid}/links`, body);
  const problem = assertProblem(r, status, field);
  assert.deepEqual(await links(pid), before, 'no link was added');
  return problem;
}

test('a new participant is linked to the registering organisation and the case manager', async () => {
  const p = await t.create();
  const me = await t.me('klantmanager');
  const items = await links(p.id);
  for (const l of items) {
    for (const k of ['id', 'kind', 'user_id', 'user_name', 'organisation_id', 'organisation_name', 'start_date', 'end_date']) {
      assert.ok(k in l, `link member ${k}`);
    }
    assert.equal(l.start_date, today());
    assert.equal(l.end_date, null);
  }
  assert.ok(items.some((l) => l.kind === 'registration' && l.organisation_id === me.organisation_id));
  const cm = items.find((l) => l.kind === 'case_manager');
  assert.ok(cm, 'case_manager link');
  assert.equal(cm.user_id, me.id);
  assert.equal(cm.user_name, me.display_name);
});

test('add a volunteer link: 201; with consent the volunteer then sees the participant', async () => {
  const p = await t.create({ family_name: uniqueName('Netwerk') });
  assertProblem(await t.call('vrijwilliger', 'GET', `/api/participants/${p.id}`), 403);

  const r = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/links`, { kind: 'volunteer', user_id: volunteer.id });
  assert.equal(r.status, 201, r.text);
  const l = r.body;
  assert.equal(l.kind, 'volunteer');
  assert.equal(l.user_id, volunteer.id);
  assert.equal(l.user_name, volunteer.display_name);
  assert.equal(l.organisation_id, volunteer.organisation_id, 'organisation taken from the user');
  assert.equal(l.organisation_name, 'Vluchtelingenwerk Westland');
  assert.equal(l.start_date, today());
  assert.equal(l.end_date, null);
  assert.ok((await links(p.id)).some((x) => x.id === l.id));

  // linked but no consent yet
  assertProblem(await t.call('vrijwilliger', 'GET', `/api/participants/${p.id}`), 403);
  const c = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/consents`,
    { organisation_id: volunteer.organisation_id, category: 'identity', given_on: today() });
  assert.equal(c.status, 201, c.text);
  const seen = await t.call('vrijwilliger', 'GET', `/api/participants/${p.id}`);
  assert.equal(seen.status, 200, seen.text);
  assert.equal(seen.body.family_name, p.family_name);
  const list = await t.call('vrijwilliger', 'GET', `/api/participants?q=${p.family_name}`);
  assert.equal(list.body.total, 1);

  // the network (who else is involved, which consents) is not the volunteer's to see
  assertProblem(await t.call('vrijwilliger', 'GET', `/api/participants/${p.id}/links`), 403);
  assertProblem(await t.call('vrijwilliger', 'GET', `/api/participants/${p.id}/consents`), 403);
});

test('end a link: 200 with end_date today; ending it again answers 404', async () => {
  const p = await t.create({ family_name: uniqueName('Einde') });
  const l = (await t.call('klantmanager', 'POST', `/api/participants/${p.id}/links`,
    { kind: 'volunteer', user_id: volunteer.id })).body;
  const r = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/links/${l.id}/end`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.id, l.id);
  assert.equal(r.body.end_date, today());
  assert.match(r.body.end_date, DATE);
  assert.equal((await links(p.id)).find((x) => x.id === l.id).end_date, today());
  const again = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/links/${l.id}/end`);
  assertProblem(again, 404);
});

test('after the link is ended the volunteer no longer sees the participant', async () => {
  const p = await t.create({ family_name: uniqueName('Afgesloten') });
  const l = (await t.call('klantmanager', 'POST', `/api/participants/${p.id}/links`,
    { kind: 'volunteer', user_id: volunteer.id })).body;
  await t.call('klantmanager', 'POST', `/api/participants/${p.id}/consents`,
    { organisation_id: volunteer.organisation_id, category: 'identity', given_on: today() });
  assert.equal((await t.call('vrijwilliger', 'GET', `/api/participants/${p.id}`)).status, 200);
  assert.equal((await t.call('klantmanager', 'POST', `/api/participants/${p.id}/links/${l.id}/end`)).status, 200);
  assertProblem(await t.call('vrijwilliger', 'GET', `/api/participants/${p.id}`), 403);
  const list = await t.call('vrijwilliger', 'GET', `/api/participants?q=${p.family_name}`);
  assert.equal(list.body.total, 0, 'not in the volunteer list after the link ended');
});

test('a link to an organisation only (language course, placement)', async () => {
  const p = await t.create();
  const r = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/links`,
    { kind: 'language_course', organisation_id: orgs.language_provider.id });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.user_id, null);
  assert.equal(r.body.organisation_id, orgs.language_provider.id);
});

test('link validation: unknown kind, unknown user, missing target, wrong types, mismatched organisation', async () => {
  const p = await t.create();
  await refusedLink(p.id, { kind: 'friend', user_id: volunteer.id }, 422, 'kind');
  await refusedLink(p.id, { user_id: volunteer.id }, 422, 'kind');
  await refusedLink(p.id, { kind: 'volunteer', user_id: 999999 }, 422, 'user_id');
  await refusedLink(p.id, { kind: 'volunteer', user_id: String(volunteer.id) }, 422, 'user_id');
  await refusedLink(p.id, { kind: 'volunteer' }, 422);
  await refusedLink(p.id, { kind: 'placement', organisation_id: 999999 }, 422, 'organisation_id');
  await refusedLink(p.id, { kind: 'volunteer', user_id: volunteer.id, organisation_id: orgs.employer.id }, 422,
    'organisation_id');
  const u = await refusedLink(p.id, { kind: 'volunteer', user_id: volunteer.id, since: today() }, 422, 'since');
  assert.equal(u.errors.find((e) => e.field === 'since').reason, 'unknown field');
  await refusedLink(p.id, '{"kind": "volunteer", ', 400, 'body');
});

test('who may change the network: not the volunteer, the account manager or another job coach', async () => {
  const p = await t.create();
  for (const user of ['vrijwilliger', 'accountmanager', 'jobcoach2', 'werkgever', 'beheerder']) {
    await refusedLink(p.id, { kind: 'volunteer', user_id: volunteer.id }, 403, undefined, user);
  }
  const l = (await t.call('klantmanager', 'POST', `/api/participants/${p.id}/links`,
    { kind: 'volunteer', user_id: volunteer.id })).body;
  assertProblem(await t.call('vrijwilliger', 'POST', `/api/participants/${p.id}/links/${l.id}/end`), 403);
  assert.equal((await links(p.id)).find((x) => x.id === l.id).end_date, null, 'the link is still open');
});

test('links of unknown participants, and unknown links, answer 404', async () => {
  const p = await t.create();
  const q = await t.create();
  const ql = (await links(q.id))[0];
  assertProblem(await t.call('klantmanager', 'GET', '/api/participants/888888/links'), 404);
  assertProblem(await t.call('klantmanager', 'POST', '/api/participants/888888/links', { kind: 'volunteer', user_id: volunteer.id }), 404);
  assertProblem(await t.call('klantmanager', 'POST', `/api/participants/${p.id}/links/999999/end`), 404);
  // a link of another participant cannot be ended through this one
  assertProblem(await t.call('klantmanager', 'POST', `/api/participants/${p.id}/links/${ql.id}/end`), 404);
  assert.equal((await links(q.id)).find((x) => x.id === ql.id).end_date, null);
});

test('a participant without any relation: links are 403 for outsiders', async () => {
  const p = await t.create();
  assertProblem(await t.call('werkgever', 'GET', `/api/participants/${p.id}/links`), 403);
  assertProblem(await t.call('vrijwilliger', 'GET', `/api/participants/${p.id}/links`), 403);
});
