// path-phases.test.mjs - the phases of a participant's path (docs/api.md
// "The path" → Phases; DESIGN.md §3; issue 3 item 1):
// GET/POST /api/participants/{id}/phases and PATCH …/phases/{pid}.
// Every refused request must answer problem+json naming the field and
// leave the phases exactly as they were.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, reasonOf, uniqueName, today, addDays } from './helpers.mjs';

let t;
let km; // klantmanager
let volunteer;
let orgs;

const PHASE_MEMBERS = ['id', 'kind', 'kind_label', 'track', 'start_date', 'planned_end', 'actual_end', 'open',
  'organisation_id', 'organisation_name', 'responsible_user_id', 'responsible_name', 'placement_id', 'outcome',
  'reason'];
const KINDS = ['registration', 'intake', 'social_guidance', 'internal_work_learning', 'external_work_learning',
  'work_experience_place', 'language_internship', 'trial_placement', 'paid_work', 'study', 'sheltered_work',
  'career_orientation', 'care_activation', 'dropped_out'];

const d = (n) => addDays(today(), n);

before(async () => {
  t = await setup({ participants: 20 });
  km = await t.me('klantmanager');
  volunteer = await t.me('vrijwilliger');
  orgs = await t.orgs();
});
after(async () => { await t?.stop(); });

async function phases(pid, user = 'klantmanager') {
  const r = await t.call(user, 'GET', `/api/participants/${pid}/phases`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

async function add(pid, body, user = 'klantmanager') {
  const r = await t.call(user, 'POST', `/api/participants/${pid}/phases`, body);
  assert.equal(r.status, 201, `POST phase ${JSON.stringify(body)}: ${r.status} ${r.text}`);
  return r.body;
}

// A refused request: status, problem+json naming `field`, phases unchanged.
async function refused(pid, user, method, path, body, status, field) {
  const snapshot = await phases(pid);
  const r = await t.call(user, method, path, body);
  const problem = assertProblem(r, status, field);
  assert.deepEqual(await phases(pid), snapshot, `${method} ${path} ${JSON.stringify(body)} changed nothing`);
  return problem;
}
const refusedAdd = (pid, body, status, field, user = 'klantmanager') =>
  refused(pid, user, 'POST', `/api/participants/${pid}/phases`, body, status, field);
const refusedPatch = (pid, id, body, status, field, user = 'klantmanager') =>
  refused(pid, user, 'PATCH', `/api/participants/${pid}/phases/${id}`, body, status, field);

test('GET /api/codes lists every phase kind with its track', async () => {
  const r = await t.call('klantmanager', 'GET', '/api/codes');
  assert.equal(r.status, 200, r.text);
  assert.ok(Array.isArray(r.body.phase_kinds), 'codes.phase_kinds');
  assert.deepEqual(r.body.phase_kinds.map((k) => k.code).sort(), [...KINDS].sort());
  for (const k of r.body.phase_kinds) assert.equal(typeof k.label, 'string');
});

test('a new participant has no phases and no current phase', async () => {
  const p = await t.create();
  assert.deepEqual(await phases(p.id), { items: [], current: null });
});

test('registration, then intake: 201 with every member; the new main phase closes the open one on its start date with previous_outcome', async () => {
  const p = await t.create({ arrival_date: d(-70) });
  const reg = await add(p.id, { kind: 'registration', start_date: d(-60), reason: 'aangemeld door COA' });
  for (const k of PHASE_MEMBERS) assert.ok(k in reg, `phase member ${k}`);
  assert.equal(reg.kind, 'registration');
  assert.equal(reg.track, 'main');
  assert.equal(typeof reg.kind_label, 'string');
  assert.equal(reg.start_date, d(-60));
  assert.equal(reg.planned_end, null);
  assert.equal(reg.actual_end, null);
  assert.equal(reg.open, true);
  assert.equal(reg.reason, 'aangemeld door COA');
  assert.equal(reg.organisation_id, km.organisation_id, 'organisation defaults to the user\'s');
  assert.equal(reg.organisation_name, km.organisation_name);
  assert.equal(reg.responsible_user_id, km.id, 'responsible defaults to the user');
  assert.equal(reg.responsible_name, km.display_name);
  assert.equal(reg.placement_id, null);
  let body = await phases(p.id);
  assert.equal(body.current.id, reg.id);

  const intake = await add(p.id, { kind: 'intake', start_date: d(-40), planned_end: d(-30), previous_outcome: 'intake gepland' });
  assert.equal(intake.kind, 'intake');
  assert.equal(intake.planned_end, d(-30));
  assert.equal(intake.open, true);
  body = await phases(p.id);
  assert.deepEqual(body.items.map((x) => x.id), [reg.id, intake.id], 'oldest first');
  const closed = body.items[0];
  assert.equal(closed.actual_end, d(-40), 'the open registration ends where the intake starts');
  assert.equal(closed.outcome, 'intake gepland', 'its outcome is previous_outcome');
  assert.equal(closed.open, false);
  assert.equal(body.current.id, intake.id);
  assert.equal(body.current.kind, 'intake');
});

test('a path starts with registration or intake: any other first main phase is refused (field kind)', async () => {
  const p = await t.create();
  for (const kind of ['internal_work_learning', 'paid_work', 'dropped_out', 'sheltered_work']) {
    const problem = await refusedAdd(p.id, { kind, start_date: d(-5) }, 422, 'kind');
    assert.ok(reasonOf(problem, 'kind').length > 0, 'with a reason');
  }
});

test('the transition table: sheltered_work after external_work_learning is refused with the reason (field kind)', async () => {
  const p = await t.create();
  await add(p.id, { kind: 'intake', start_date: d(-50) });
  await add(p.id, { kind: 'internal_work_learning', start_date: d(-40) });
  const ext = await add(p.id, { kind: 'external_work_learning', start_date: d(-20) });
  const problem = await refusedAdd(p.id, { kind: 'sheltered_work', start_date: d(-5), previous_outcome: 'x' }, 422, 'kind');
  const reason = reasonOf(problem, 'kind');
  assert.match(reason, /beschut|sheltered/i, `reason names the refused kind: ${reason}`);
  assert.match(reason, /extern|external/i, `reason names the phase it would follow: ${reason}`);
  // and the refused request did not close the open phase
  const body = await phases(p.id);
  assert.equal(body.current.id, ext.id);
  assert.equal(body.current.actual_end, null);
  // from external work-learning, paid work may follow
  const paid = await add(p.id, { kind: 'paid_work', start_date: d(-5) });
  assert.equal((await phases(p.id)).current.id, paid.id);
});

test('more forbidden transitions: intake after paid work, registration after intake, trial placement to study', async () => {
  const p = await t.create();
  await add(p.id, { kind: 'intake', start_date: d(-60) });
  await refusedAdd(p.id, { kind: 'registration', start_date: d(-50) }, 422, 'kind');
  await add(p.id, { kind: 'trial_placement', start_date: d(-50) });
  await refusedAdd(p.id, { kind: 'study', start_date: d(-40) }, 422, 'kind');
  await add(p.id, { kind: 'paid_work', start_date: d(-40) });
  await refusedAdd(p.id, { kind: 'intake', start_date: d(-30) }, 422, 'kind');
  // anyone may drop out, and come back in
  await add(p.id, { kind: 'dropped_out', start_date: d(-20) });
  await add(p.id, { kind: 'intake', start_date: d(-10) });
  const body = await phases(p.id);
  assert.deepEqual(body.items.map((x) => x.kind), ['intake', 'trial_placement', 'paid_work', 'dropped_out', 'intake']);
  assert.equal(body.items.filter((x) => x.actual_end === null).length, 1, 'one open main phase');
});

test('dates: end before start, actual end in the future, impossible dates, missing start', async () => {
  const p = await t.create();
  await refusedAdd(p.id, { kind: 'registration', start_date: d(-10), planned_end: d(-11) }, 422, 'planned_end');
  await refusedAdd(p.id, { kind: 'registration', start_date: d(-10), actual_end: d(-11) }, 422, 'actual_end');
  await refusedAdd(p.id, { kind: 'registration', start_date: d(-10), actual_end: d(1) }, 422, 'actual_end');
  await refusedAdd(p.id, { kind: 'registration', start_date: '2025-02-30' }, 422, 'start_date');
  await refusedAdd(p.id, { kind: 'registration', start_date: '10-01-2025' }, 422, 'start_date');
  await refusedAdd(p.id, { kind: 'registration', start_date: d(-10), planned_end: 20250101 }, 422, 'planned_end');
  await refusedAdd(p.id, { kind: 'registration' }, 422, 'start_date');
  // the planned end may lie in the future, and may equal the start
  const ok = await add(p.id, { kind: 'registration', start_date: d(-10), planned_end: d(30) });
  assert.equal(ok.planned_end, d(30));
  const q = await t.create();
  const same = await add(q.id, { kind: 'registration', start_date: d(-10), planned_end: d(-10), actual_end: d(0) });
  assert.equal(same.actual_end, d(0), 'an actual end of today is not in the future');
  assert.equal(same.open, false, 'a phase holds up to, not including, actual_end');
});

test('kind, unknown members, references, wrong types, malformed JSON', async () => {
  const p = await t.create();
  await refusedAdd(p.id, { kind: 'holiday', start_date: d(-1) }, 422, 'kind');
  await refusedAdd(p.id, { start_date: d(-1) }, 422, 'kind');
  await refusedAdd(p.id, { kind: 7, start_date: d(-1) }, 422, 'kind');
  const u = await refusedAdd(p.id, { kind: 'registration', start_date: d(-1), colour: 'blue' }, 422, 'colour');
  assert.equal(reasonOf(u, 'colour'), 'unknown field');
  await refusedAdd(p.id, { kind: 'registration', start_date: d(-1), organisation_id: 999999 }, 422, 'organisation_id');
  await refusedAdd(p.id, { kind: 'registration', start_date: d(-1), responsible_user_id: 999999 }, 422, 'responsible_user_id');
  await refusedAdd(p.id, { kind: 'registration', start_date: d(-1), responsible_user_id: String(km.id) }, 422, 'responsible_user_id');
  await refusedAdd(p.id, { kind: 'registration', start_date: d(-1), outcome: '' }, 422, 'outcome');
  await refusedAdd(p.id, { kind: 'registration', start_date: d(-1), reason: 'x'.repeat(1001) }, 422, 'reason');
  await refusedAdd(p.id, '{"kind": "registration", ', 400, 'body');
  await refusedAdd(p.id, '["registration"]', 400, 'body'); // JSON but not an object
  // a valid responsible person and organisation are kept
  const jc = await t.me('jobcoach');
  const ok = await add(p.id, { kind: 'registration', start_date: d(-1), organisation_id: orgs.social_work_company.id,
    responsible_user_id: jc.id });
  assert.equal(ok.organisation_id, orgs.social_work_company.id);
  assert.equal(ok.organisation_name, orgs.social_work_company.name);
  assert.equal(ok.responsible_user_id, jc.id);
  assert.equal(ok.responsible_name, jc.display_name);
});

test('overlap: a main phase inside a closed one, or before a later one, is refused (field start_date)', async () => {
  const p = await t.create();
  await add(p.id, { kind: 'registration', start_date: d(-60), actual_end: d(-30) });
  const problem = await refusedAdd(p.id, { kind: 'intake', start_date: d(-40) }, 422, 'start_date');
  assert.ok(reasonOf(problem, 'start_date').length > 0);
  await refusedAdd(p.id, { kind: 'intake', start_date: d(-70) }, 422, 'start_date');
  // right at the end of the closed one is fine (half-open intervals)
  const intake = await add(p.id, { kind: 'intake', start_date: d(-30) });
  assert.equal(intake.start_date, d(-30));
  assert.equal((await phases(p.id)).items[0].actual_end, d(-30), 'the closed phase is untouched');
});

test('social guidance runs beside work-learning and does not close or get closed by main phases', async () => {
  const p = await t.create();
  await add(p.id, { kind: 'intake', start_date: d(-60) });
  const work = await add(p.id, { kind: 'internal_work_learning', start_date: d(-50) });
  const social = await add(p.id, { kind: 'social_guidance', start_date: d(-45), planned_end: d(400) });
  assert.equal(social.track, 'beside');
  assert.equal(social.open, true);
  let body = await phases(p.id);
  assert.equal(body.current.id, work.id, 'the main phase stays current');
  assert.equal(body.items.find((x) => x.id === work.id).actual_end, null, 'and stays open');
  const ext = await add(p.id, { kind: 'external_work_learning', start_date: d(-10) });
  body = await phases(p.id);
  assert.equal(body.current.id, ext.id);
  assert.equal(body.items.find((x) => x.id === work.id).actual_end, d(-10));
  assert.equal(body.items.find((x) => x.id === social.id).actual_end, null, 'social guidance runs on');
  // social guidance may even come first, before any main phase
  const q = await t.create();
  const s2 = await add(q.id, { kind: 'social_guidance', start_date: d(-5) });
  assert.equal(s2.track, 'beside');
  assert.equal((await phases(q.id)).current, null, 'no main phase yet');
});

test('career orientation only inside an open sheltered-work phase', async () => {
  const p = await t.create();
  await refusedAdd(p.id, { kind: 'career_orientation', start_date: d(-5) }, 422, 'kind');
  await add(p.id, { kind: 'intake', start_date: d(-300) });
  await refusedAdd(p.id, { kind: 'career_orientation', start_date: d(-5) }, 422, 'kind');
  const sw = await add(p.id, { kind: 'sheltered_work', start_date: d(-200) });
  await refusedAdd(p.id, { kind: 'career_orientation', start_date: d(-250) }, 422, 'kind');
  const co = await add(p.id, { kind: 'career_orientation', start_date: d(-20), planned_end: d(92) });
  assert.equal(co.track, 'inside');
  const body = await phases(p.id);
  assert.equal(body.current.id, sw.id, 'sheltered work stays the current main phase');
  assert.equal(body.items.find((x) => x.id === sw.id).actual_end, null);
  // not inside a sheltered-work phase that has ended
  const q = await t.create();
  await add(q.id, { kind: 'intake', start_date: d(-300) });
  await add(q.id, { kind: 'sheltered_work', start_date: d(-200), actual_end: d(-100) });
  await refusedAdd(q.id, { kind: 'career_orientation', start_date: d(-50) }, 422, 'kind');
});

test('PATCH actual_end and outcome: 200 with the phase, closed; other fields kept', async () => {
  const p = await t.create();
  const intake = await add(p.id, { kind: 'intake', start_date: d(-30), planned_end: d(-20), reason: 'eerste gesprek' });
  const r = await t.call('klantmanager', 'PATCH', `/api/participants/${p.id}/phases/${intake.id}`,
    { actual_end: d(-2), outcome: 'afgerond' });
  assert.equal(r.status, 200, r.text);
  for (const k of PHASE_MEMBERS) assert.ok(k in r.body, `phase member ${k}`);
  assert.equal(r.body.id, intake.id);
  assert.equal(r.body.actual_end, d(-2));
  assert.equal(r.body.outcome, 'afgerond');
  assert.equal(r.body.open, false);
  assert.equal(r.body.kind, 'intake');
  assert.equal(r.body.start_date, d(-30));
  assert.equal(r.body.planned_end, d(-20));
  assert.equal(r.body.reason, 'eerste gesprek');
  const body = await phases(p.id);
  assert.deepEqual(body.items[0], r.body, 'GET shows the same');
  assert.equal(body.current.id, intake.id, 'with no open main phase the one that ended last is current');

  const r2 = await t.call('klantmanager', 'PATCH', `/api/participants/${p.id}/phases/${intake.id}`,
    { planned_end: d(10), reason: 'uitgelopen', responsible_user_id: km.id });
  assert.equal(r2.status, 200, r2.text);
  assert.equal(r2.body.planned_end, d(10));
  assert.equal(r2.body.reason, 'uitgelopen');
  assert.equal(r2.body.actual_end, d(-2));
});

test('PATCH refused: end before start, future end, running into the next step, unknown or fixed fields', async () => {
  const p = await t.create();
  const intake = await add(p.id, { kind: 'intake', start_date: d(-30) });
  const work = await add(p.id, { kind: 'internal_work_learning', start_date: d(-20) });
  await refusedPatch(p.id, work.id, { actual_end: d(-21) }, 422, 'actual_end');
  await refusedPatch(p.id, work.id, { actual_end: d(1) }, 422, 'actual_end');
  await refusedPatch(p.id, work.id, { planned_end: d(-25) }, 422, 'planned_end');
  await refusedPatch(p.id, work.id, { actual_end: '2025-13-01' }, 422, 'actual_end');
  await refusedPatch(p.id, intake.id, { actual_end: d(-10) }, 422, 'actual_end'); // past the start of the next step
  for (const field of ['kind', 'start_date', 'placement_id', 'colour']) {
    const problem = await refusedPatch(p.id, work.id, { [field]: field === 'start_date' ? d(-25) : 'x' }, 422, field);
    assert.equal(reasonOf(problem, field), 'unknown field');
  }
  await refusedPatch(p.id, work.id, { responsible_user_id: 999999 }, 422, 'responsible_user_id');
  await refusedPatch(p.id, work.id, { outcome: 5 }, 422, 'outcome');
  await refusedPatch(p.id, work.id, '{"outcome": ', 400, 'body');
});

test('unknown participant and unknown phase: 404', async () => {
  const p = await t.create();
  const q = await t.create();
  const qp = await add(q.id, { kind: 'registration', start_date: d(-3) });
  assertProblem(await t.call('klantmanager', 'GET', '/api/participants/888888/phases'), 404);
  assertProblem(await t.call('klantmanager', 'POST', '/api/participants/888888/phases',
    { kind: 'registration', start_date: d(-1) }), 404);
  assertProblem(await t.call('klantmanager', 'PATCH', `/api/participants/888888/phases/${qp.id}`, { outcome: 'x' }), 404);
  await refusedPatch(p.id, 777777, { outcome: 'x' }, 404);
  // a phase of another participant is not found through this one
  await refusedPatch(p.id, qp.id, { outcome: 'x' }, 404);
  assert.equal((await phases(q.id)).items[0].outcome, null, 'the other participant\'s phase is untouched');
});

test('roles: account manager reads but cannot write; admin and an employer without placement cannot read; another job coach neither', async () => {
  const p = await t.create();
  const ph = await add(p.id, { kind: 'registration', start_date: d(-3) });
  const am = await t.call('accountmanager', 'GET', `/api/participants/${p.id}/phases`);
  assert.equal(am.status, 200, am.text);
  assert.equal(am.body.items.length, 1);
  for (const user of ['accountmanager', 'regisseur', 'beheerder', 'werkgever', 'jobcoach2', 'vrijwilliger']) {
    await refusedAdd(p.id, { kind: 'intake', start_date: d(-1) }, 403, undefined, user);
    await refusedPatch(p.id, ph.id, { outcome: 'x' }, 403, undefined, user);
  }
  for (const user of ['beheerder', 'werkgever', 'jobcoach2', 'taalaanbieder', 'vrijwilliger', 'welzijn']) {
    assertProblem(await t.call(user, 'GET', `/api/participants/${p.id}/phases`), 403);
  }
  assertProblem(await t.call(null, 'GET', `/api/participants/${p.id}/phases`), 401);
  assertProblem(await t.call(null, 'POST', `/api/participants/${p.id}/phases`, { kind: 'intake', start_date: d(-1) }), 401);
});

test('a job coach reads and writes the path of their own caseload', async () => {
  const p = await t.create({}, 'jobcoach');
  const jc = await t.me('jobcoach');
  const ph = await add(p.id, { kind: 'intake', start_date: d(-3) }, 'jobcoach');
  assert.equal(ph.responsible_user_id, jc.id);
  assert.equal(ph.organisation_id, jc.organisation_id);
  assert.equal((await phases(p.id, 'jobcoach')).items.length, 1);
  assertProblem(await t.call('jobcoach2', 'GET', `/api/participants/${p.id}/phases`), 403);
});

test('a volunteer reads phases only while linked and with consent for path; a revocation applies at once', async () => {
  const p = await t.create({ family_name: uniqueName('Pad') });
  await add(p.id, { kind: 'registration', start_date: d(-3) });
  const url = `/api/participants/${p.id}/phases`;
  assertProblem(await t.call('vrijwilliger', 'GET', url), 403, undefined);
  const link = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/links`, { kind: 'volunteer', user_id: volunteer.id });
  assert.equal(link.status, 201, link.text);
  const consent = async (category) => {
    const r = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/consents`,
      { organisation_id: volunteer.organisation_id, category, given_on: today() });
    assert.equal(r.status, 201, r.text);
    return r.body;
  };
  await consent('identity');
  assertProblem(await t.call('vrijwilliger', 'GET', url), 403); // linked, no consent for path
  const pc = await consent('path');
  const ok = await t.call('vrijwilliger', 'GET', url);
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.items.length, 1);
  // read access is not write access
  await refusedAdd(p.id, { kind: 'intake', start_date: d(-1) }, 403, undefined, 'vrijwilliger');
  const rv = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/consents/${pc.id}/revoke`);
  assert.equal(rv.status, 200, rv.text);
  assertProblem(await t.call('vrijwilliger', 'GET', url), 403);
});
