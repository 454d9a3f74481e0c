// employers-placing.test.mjs - placing a participant in a placement: a
// phase of the path with "placement_id" (issue 4 item 2; docs/api.md
// "Placing someone"): POST /api/participants/{id}/phases with placement_id
// (and override_reason), PATCH …/phases/{pid} ending it. Checked: the kind
// fits the phase, the period holds the start, a place is free (409 with
// the documented message), each unmet requirement is a field error unless
// overridden (the reason kept with the phase), a training certificate
// counts as a licence, and ending the phase frees the place and ends the
// link that gives the employer access. Every refused request changes
// nothing: not the phases, not the links, not the placement's occupancy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, reasonOf, uniqueName, today, addDays } from './helpers.mjs';

let t;
let orgs;
let employer;
let assistant;

const d = (n) => addDays(today(), n);

before(async () => {
  t = await setup({ participants: 10 });
  orgs = await t.orgs();
  assistant = await t.me('afdelingsassistent');
  const r = await t.call('accountmanager', 'POST', '/api/employers',
    { name: `Tuinderij ${uniqueName('Plaats')}`, sector: 'greenhouse_horticulture' });
  assert.equal(r.status, 201, r.text);
  employer = r.body;
});
after(async () => { await t?.stop(); });

async function placement(fields = {}) {
  const body = { organisation_id: employer.id, kind: 'external_work_learning', title: `Plek ${uniqueName('T')}`,
    capacity: 2, ...fields };
  const r = await t.call('accountmanager', 'POST', '/api/placements', body);
  assert.equal(r.status, 201, `POST /api/placements ${JSON.stringify(body)}: ${r.status} ${r.text}`);
  return r.body;
}

async function getPlacement(id) {
  const r = await t.call('accountmanager', 'GET', `/api/placements/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

// A participant on jobcoach's caseload whose intake is done.
async function participant(fields = {}) {
  const p = await t.create({ family_name: uniqueName('Plaats'), ...fields }, 'jobcoach');
  const r = await t.call('jobcoach', 'POST', `/api/participants/${p.id}/phases`, { kind: 'intake', start_date: d(-120) });
  assert.equal(r.status, 201, r.text);
  return p;
}

async function phases(pid) {
  const r = await t.call('klantmanager', 'GET', `/api/participants/${pid}/phases`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

async function links(pid) {
  const r = await t.call('klantmanager', 'GET', `/api/participants/${pid}/links`);
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

async function log(pid) {
  const r = await t.call('klantmanager', 'GET', `/api/participants/${pid}/log?per_page=100`);
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

async function addPhase(pid, body, user = 'jobcoach') {
  const r = await t.call(user, 'POST', `/api/participants/${pid}/phases`, body);
  assert.equal(r.status, 201, `POST phase as ${user} ${JSON.stringify(body)}: ${r.status} ${r.text}`);
  return r.body;
}

const place = (pid, pl, extra = {}, user = 'jobcoach') =>
  addPhase(pid, { kind: pl.kind, start_date: d(-10), placement_id: pl.id, ...extra }, user);

// Everything a placing can change, for one participant and placement.
async function state(pid, plId) {
  const s = { phases: await phases(pid), links: await links(pid) };
  if (plId) {
    const pl = await getPlacement(plId);
    s.occupancy = pl.occupancy;
    s.occupants = pl.occupants.map((o) => o.participant_id);
  }
  return s;
}

// A refused POST phase: status, problem naming field, nothing changed
// (the participant's phases and links, and the placement's occupants).
async function refusedPlace(pid, body, status, field, user = 'jobcoach') {
  const plId = typeof body === 'object' && Number.isInteger(body.placement_id) && body.placement_id > 0
    && body.placement_id < 999999 ? body.placement_id : undefined;
  const before = await state(pid, plId);
  const r = await t.call(user, 'POST', `/api/participants/${pid}/phases`, body);
  const problem = assertProblem(r, status, field);
  assert.deepEqual(await state(pid, plId), before,
    `POST phase as ${user} ${typeof body === 'string' ? body : JSON.stringify(body)} changed nothing`);
  return problem;
}

async function employerUser(orgId) {
  const username = uniqueName('wg').toLowerCase();
  const r = await t.call('beheerder', 'POST', '/api/users',
    { username, display_name: 'Werkgever Test', password: 'meedoen-demo', role: 'employer', organisation_id: orgId });
  assert.equal(r.status, 201, r.text);
  return username;
}

test('placing: 201 phase with placement_id, a place taken, a placement link to the employer, history and log (mdn-011)', async () => {
  const pl = await placement({ capacity: 2 });
  const p = await participant();
  const ph = await place(p.id, pl, { start_date: d(-14), planned_end: d(90), previous_outcome: 'intake afgerond' });
  assert.equal(ph.kind, 'external_work_learning');
  assert.equal(ph.placement_id, pl.id);
  assert.equal(ph.start_date, d(-14));
  assert.equal(ph.open, true);
  const body = await phases(p.id);
  assert.equal(body.current.id, ph.id);
  assert.equal(body.items.find((x) => x.kind === 'intake').actual_end, d(-14), 'the intake closed on the start');
  const g = await getPlacement(pl.id);
  assert.equal(g.occupancy, 1);
  assert.equal(g.free, 1);
  assert.deepEqual(g.occupants.map((o) => [o.participant_id, o.phase_id]), [[p.id, ph.id]]);
  const link = (await links(p.id)).find((l) => l.kind === 'placement');
  assert.ok(link, 'a placement link');
  assert.equal(link.organisation_id, employer.id);
  assert.equal(link.start_date, d(-14));
  assert.equal(link.end_date, null);
  const e = (await t.call('accountmanager', 'GET', `/api/employers/${employer.id}`)).body;
  const started = e.history.find((h) => h.kind === 'placement_started');
  assert.ok(started, 'the employer\'s history says a place was filled');
  assert.match(started.text, new RegExp(pl.title));
  assert.ok(!started.text.includes(p.family_name), 'not by whom');
  const entry = (await log(p.id)).find((x) => x.action === 'place');
  assert.ok(entry, `a "place" entry: ${JSON.stringify((await log(p.id)).map((x) => x.action))}`);
  assert.equal(entry.activity, 'mdn-011');
  assert.equal(entry.actor, 'jobcoach');
});

test('placing in the social work company\'s own hall links the supervisor, who then sees the person', async () => {
  const hall = await placement({ organisation_id: orgs.social_work_company.id, kind: 'internal_work_learning',
    title: `Hal ${uniqueName('S')}`, supervisor_user_id: assistant.id, capacity: 10 });
  const p = await participant();
  assertProblem(await t.call('afdelingsassistent', 'GET', `/api/participants/${p.id}`), 403);
  await place(p.id, hall);
  const link = (await links(p.id)).find((l) => l.kind === 'placement');
  assert.equal(link.user_id, assistant.id);
  assert.equal(link.organisation_id, orgs.social_work_company.id);
  const r = await t.call('afdelingsassistent', 'GET', `/api/participants/${p.id}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.family_name, p.family_name);
  assert.ok(!('bsn' in r.body) && !('health_limits' in r.body) && !('benefit' in r.body), 'no bsn, health or income');
});

test('the account manager places people (ACT_PLACE) but keeps no path: a phase without a placement is 403', async () => {
  const pl = await placement();
  const p = await participant();
  await refusedPlace(p.id, { kind: 'dropped_out', start_date: d(-3) }, 403, undefined, 'accountmanager');
  const ph = await place(p.id, pl, {}, 'accountmanager');
  assert.equal(ph.placement_id, pl.id);
  assert.equal((await getPlacement(pl.id)).occupancy, 1);
  assert.equal((await log(p.id)).find((x) => x.action === 'place').actor, 'accountmanager');
});

test('the account manager cannot add an arbitrary phase by sending "placement_id": null', async () => {
  const p = await participant();
  // placement_id null is no placement at all: the account manager may not
  // write the path, so this must be refused like the same phase without it
  const before = await state(p.id);
  const r = await t.call('accountmanager', 'POST', `/api/participants/${p.id}/phases`,
    { kind: 'dropped_out', start_date: d(-3), placement_id: null });
  assert.ok(r.status === 403 || r.status === 422, `expected 403 or 422, got ${r.status}: ${r.text}`);
  assertProblem(r, r.status);
  assert.deepEqual(await state(p.id), before, 'no phase was added and the intake was not closed');
});

test('who may not place: director, department assistant, employer, volunteer, admin, another job coach (403)', async () => {
  const pl = await placement();
  const p = await participant();
  for (const user of ['regisseur', 'afdelingsassistent', 'werkgever', 'vrijwilliger', 'taalaanbieder', 'beheerder',
    'jobcoach2']) {
    await refusedPlace(p.id, { kind: pl.kind, start_date: d(-5), placement_id: pl.id }, 403, undefined, user);
  }
  await refusedPlace(p.id, { kind: pl.kind, start_date: d(-5), placement_id: pl.id }, 401, undefined, null);
  assert.equal((await getPlacement(pl.id)).occupancy, 0);
});

test('over capacity: 409 "placement \\"T\\" is full: 1 of 1 places taken", and the open phase stays open', async () => {
  const title = `Kas ${uniqueName('Vol')}`;
  const pl = await placement({ title, capacity: 1 });
  const a = await participant();
  await place(a.id, pl);
  const b = await participant();
  const intakeB = (await phases(b.id)).current;
  const problem = await refusedPlace(b.id, { kind: pl.kind, start_date: d(-2), placement_id: pl.id,
    previous_outcome: 'naar extern' }, 409);
  assert.equal(problem.detail, `placement "${title}" is full: 1 of 1 places taken`);
  const body = await phases(b.id);
  assert.equal(body.current.id, intakeB.id);
  assert.equal(body.current.actual_end, null, 'the intake of b was not closed');
  assert.ok(!(await links(b.id)).some((l) => l.kind === 'placement'), 'no placement link for b');
  assert.ok(!(await log(b.id)).some((x) => x.action === 'place'), 'no "place" entry for b');
  // the account manager is refused the same way
  await refusedPlace(b.id, { kind: pl.kind, start_date: d(-2), placement_id: pl.id }, 409, undefined, 'accountmanager');
  // more capacity makes room
  const r = await t.call('accountmanager', 'PATCH', `/api/placements/${pl.id}`, { capacity: 2 });
  assert.equal(r.status, 200, r.text);
  await place(b.id, pl, { start_date: d(-2) });
  const g = await getPlacement(pl.id);
  assert.equal(g.occupancy, 2);
  assert.equal(g.free, 0);
});

test('unknown placement (422 placement_id), unknown participant (404), bad placement_id values', async () => {
  const p = await participant();
  const problem = await refusedPlace(p.id, { kind: 'external_work_learning', start_date: d(-2), placement_id: 999999 },
    422, 'placement_id');
  assert.match(reasonOf(problem, 'placement_id'), /999999/);
  await refusedPlace(p.id, { kind: 'external_work_learning', start_date: d(-2), placement_id: '12' }, 422, 'placement_id');
  await refusedPlace(p.id, { kind: 'external_work_learning', start_date: d(-2), placement_id: 0 }, 422, 'placement_id');
  await refusedPlace(p.id, { kind: 'external_work_learning', start_date: d(-2), placement_id: -4 }, 422, 'placement_id');
  const pl = await placement();
  // a job coach cannot tell an unknown id from someone else's participant
  assertProblem(await t.call('jobcoach', 'POST', '/api/participants/888888/phases',
    { kind: pl.kind, start_date: d(-2), placement_id: pl.id }), 403);
  assertProblem(await t.call('accountmanager', 'POST', '/api/participants/888888/phases',
    { kind: pl.kind, start_date: d(-2), placement_id: pl.id }), 404);
  assert.equal((await getPlacement(pl.id)).occupancy, 0);
  await refusedPlace(p.id, '{"kind": "external_work_learning", "placement_id": ', 400, 'body');
});

test('the placement kind must fit the phase kind (field placement_id); vacancy, sheltered place and secondment map', async () => {
  const internal = await placement({ kind: 'internal_work_learning' });
  const vacancy = await placement({ kind: 'vacancy' });
  const trial = await placement({ kind: 'trial_placement' });
  const p = await participant();
  let problem = await refusedPlace(p.id, { kind: 'external_work_learning', start_date: d(-5), placement_id: internal.id },
    422, 'placement_id');
  assert.ok(reasonOf(problem, 'placement_id').length > 0);
  await refusedPlace(p.id, { kind: 'trial_placement', start_date: d(-5), placement_id: vacancy.id }, 422, 'placement_id');
  await refusedPlace(p.id, { kind: 'paid_work', start_date: d(-5), placement_id: trial.id }, 422, 'placement_id');
  problem = await refusedPlace(p.id, { kind: 'study', start_date: d(-5), placement_id: internal.id }, 422, 'placement_id');
  // a vacancy is paid work
  const paid = await addPhase(p.id, { kind: 'paid_work', start_date: d(-5), placement_id: vacancy.id });
  assert.equal(paid.placement_id, vacancy.id);
  // a sheltered place and a secondment fit sheltered work
  const sheltered = await placement({ kind: 'sheltered_place', organisation_id: orgs.social_work_company.id });
  const secondment = await placement({ kind: 'secondment' });
  const q = await participant();
  await refusedPlace(q.id, { kind: 'internal_work_learning', start_date: d(-5), placement_id: sheltered.id }, 422,
    'placement_id');
  const sw = await addPhase(q.id, { kind: 'sheltered_work', start_date: d(-50), placement_id: sheltered.id });
  assert.equal(sw.placement_id, sheltered.id);
  const r = await participant();
  const sw2 = await addPhase(r.id, { kind: 'sheltered_work', start_date: d(-50), placement_id: secondment.id });
  assert.equal(sw2.placement_id, secondment.id);
  // and a secondment fits paid work too
  const s = await participant();
  const pw = await addPhase(s.id, { kind: 'paid_work', start_date: d(-5), placement_id: secondment.id });
  assert.equal(pw.placement_id, secondment.id);
});

test('the start must lie in the placement\'s period; an inactive placement is no longer offered', async () => {
  const pl = await placement({ start_date: d(-10), end_date: d(30) });
  const p = await participant();
  let problem = await refusedPlace(p.id, { kind: pl.kind, start_date: d(-20), placement_id: pl.id }, 422, 'placement_id');
  assert.match(reasonOf(problem, 'placement_id'), new RegExp(d(-10)));
  const ended = await placement({ start_date: d(-100), end_date: d(-50) });
  problem = await refusedPlace(p.id, { kind: ended.kind, start_date: d(-20), placement_id: ended.id }, 422, 'placement_id');
  assert.match(reasonOf(problem, 'placement_id'), new RegExp(d(-50)));
  const gone = await placement();
  const r = await t.call('accountmanager', 'PATCH', `/api/placements/${gone.id}`, { active: false });
  assert.equal(r.status, 200, r.text);
  problem = await refusedPlace(p.id, { kind: gone.kind, start_date: d(-5), placement_id: gone.id }, 422, 'placement_id');
  assert.ok(reasonOf(problem, 'placement_id').length > 0);
  // on the first day of the period it is fine
  const ok = await place(p.id, pl, { start_date: d(-10) });
  assert.equal(ok.placement_id, pl.id);
});

test('requirements not met: 422 with one field error per gap, changing nothing', async () => {
  const pl = await placement({ kind: 'work_experience_place', title: 'Magazijn', capacity: 3, min_cefr_speaking: 'A2',
    min_cefr_listening: 'B1', min_isced: 3, licences: ['forklift', 'driving_b'], physical_load: 'heavy',
    safety_shoes: true });
  const p = await participant({ cefr_speaking: 'A1', isced_level: 1, licences: ['driving_b'], max_physical_load: 'light' });
  const problem = await refusedPlace(p.id, { kind: pl.kind, start_date: d(-5), placement_id: pl.id }, 422);
  const fields = problem.errors.map((e) => e.field).sort();
  assert.deepEqual(fields, ['cefr_listening', 'cefr_speaking', 'isced', 'licence:forklift', 'physical_load'],
    'a gap per requirement not met, safety shoes and the held driving licence are none');
  assert.equal(reasonOf(problem, 'cefr_speaking'), 'spreekvaardigheid A1, vereist A2');
  assert.equal(reasonOf(problem, 'cefr_listening'), 'taalniveau luisteren onbekend, vereist B1');
  assert.equal(reasonOf(problem, 'isced'), 'opleidingsniveau ISCED 1, vereist ISCED 3');
  assert.equal(reasonOf(problem, 'licence:forklift'), 'heftruckcertificaat ontbreekt');
  assert.equal(reasonOf(problem, 'physical_load'), 'lichamelijk belastbaar tot licht, het werk is zwaar');
  // one requirement only
  const q = await participant({ cefr_speaking: 'B1', cefr_listening: 'B1', isced_level: 3, licences: ['driving_b'] });
  const one = await refusedPlace(q.id, { kind: pl.kind, start_date: d(-5), placement_id: pl.id }, 422, 'licence:forklift');
  assert.equal(one.errors.length, 1);
  assert.equal((await getPlacement(pl.id)).occupancy, 0);
});

test('requirements met: placed without override; a held licence and a higher level count', async () => {
  const pl = await placement({ kind: 'work_experience_place', min_cefr_speaking: 'A2', min_isced: 2,
    licences: ['forklift'], physical_load: 'medium' });
  const p = await participant({ cefr_speaking: 'B2', isced_level: 5, licences: ['forklift'], max_physical_load: 'heavy' });
  const ph = await place(p.id, pl);
  assert.equal(ph.reason, null, 'no override reason');
  // no recorded physical limit is no gap
  const q = await participant({ cefr_speaking: 'A2', isced_level: 2, licences: ['forklift'] });
  await place(q.id, pl);
  assert.equal((await getPlacement(pl.id)).occupancy, 2);
});

test('override_reason places anyway: 201, the reason kept with the phase, logged as placed despite requirements', async () => {
  const pl = await placement({ kind: 'work_experience_place', min_cefr_speaking: 'B1', licences: ['forklift'] });
  const p = await participant({ cefr_speaking: 'A1' });
  const ph = await place(p.id, pl, { override_reason: 'werkgever leert heftruck rijden op de werkvloer' });
  assert.equal(ph.placement_id, pl.id);
  assert.match(ph.reason, /werkgever leert heftruck rijden op de werkvloer/);
  assert.equal((await phases(p.id)).current.reason, ph.reason, 'stored with the phase');
  assert.equal((await getPlacement(pl.id)).occupancy, 1);
  const entry = (await log(p.id)).find((x) => x.activity === 'mdn-011' && /despite/.test(x.action));
  assert.ok(entry, `a log entry for placing despite requirements: ${JSON.stringify((await log(p.id)).map((x) => x.action))}`);
  assert.equal(entry.actor, 'jobcoach');
  // an override does not beat a full placement
  const full = await placement({ capacity: 1, licences: ['forklift'] });
  const a = await participant({ licences: ['forklift'] });
  await place(a.id, full);
  const b = await participant();
  await refusedPlace(b.id, { kind: full.kind, start_date: d(-5), placement_id: full.id, override_reason: 'toch graag' }, 409);
});

test('override_reason: at least 3 characters, only with a placement', async () => {
  const pl = await placement({ licences: ['vca'] });
  const p = await participant();
  await refusedPlace(p.id, { kind: pl.kind, start_date: d(-5), placement_id: pl.id, override_reason: 'ok' }, 422,
    'override_reason');
  await refusedPlace(p.id, { kind: pl.kind, start_date: d(-5), placement_id: pl.id, override_reason: 'x'.repeat(501) }, 422,
    'override_reason');
  await refusedPlace(p.id, { kind: pl.kind, start_date: d(-5), placement_id: pl.id, override_reason: 12345 }, 422,
    'override_reason');
  await refusedPlace(p.id, { kind: 'external_work_learning', start_date: d(-5), override_reason: 'zonder plek' }, 422,
    'override_reason');
});

test('an override_reason given with an own "reason" is still kept with the phase', async () => {
  // docs/api.md: unmet requirements are refused "unless override_reason
  // says why the person is placed anyway; the reason is kept with the phase"
  const pl = await placement({ licences: ['reach_truck'] });
  const p = await participant();
  const ph = await place(p.id, pl, { reason: 'past bij ambitie', override_reason: 'reachtruck volgt in week 2' });
  const stored = (await phases(p.id)).items.find((x) => x.id === ph.id);
  assert.match(stored.reason ?? '', /reachtruck volgt in week 2/, `the override is kept: ${JSON.stringify(stored.reason)}`);
});

test('a passed training with a valid certificate counts as the licence; an expired one does not', async () => {
  const pl = await placement({ kind: 'work_experience_place', licences: ['forklift'], capacity: 5 });
  const p = await participant();
  await refusedPlace(p.id, { kind: pl.kind, start_date: d(-1), placement_id: pl.id }, 422, 'licence:forklift');
  const tr = await t.call('accountmanager', 'POST', '/api/trainings', { title: 'Heftruck basis', provider: 'Opleider BV',
    certificate: 'forklift', start_date: d(-30), end_date: d(-28), cost_cents: 45000, validity_months: 60 });
  assert.equal(tr.status, 201, tr.text);
  const en = await t.call('jobcoach', 'POST', `/api/trainings/${tr.body.id}/enrolments`,
    { participant_id: p.id, result: 'passed' });
  assert.equal(en.status, 200, en.text);
  const check = await t.call('jobcoach', 'GET', `/api/placements/${pl.id}/check/${p.id}`);
  assert.equal(check.body.fits, true, check.text);
  await place(p.id, pl, { start_date: d(-1) });
  // a certificate that expired before the start is no licence
  const old = await t.call('accountmanager', 'POST', '/api/trainings', { title: 'Heftruck oud', provider: 'Opleider BV',
    certificate: 'forklift', start_date: d(-800), end_date: d(-799), cost_cents: 45000 });
  assert.equal(old.status, 201, old.text);
  const q = await participant();
  const en2 = await t.call('jobcoach', 'POST', `/api/trainings/${old.body.id}/enrolments`,
    { participant_id: q.id, result: 'passed', certificate_expires: d(-30) });
  assert.equal(en2.status, 200, en2.text);
  await refusedPlace(q.id, { kind: pl.kind, start_date: d(-1), placement_id: pl.id }, 422, 'licence:forklift');
  // a failed training neither
  const r = await participant();
  const en3 = await t.call('jobcoach', 'POST', `/api/trainings/${tr.body.id}/enrolments`, { participant_id: r.id, result: 'failed' });
  assert.equal(en3.status, 200, en3.text);
  await refusedPlace(r.id, { kind: pl.kind, start_date: d(-1), placement_id: pl.id }, 422, 'licence:forklift');
});

test('ending the phase (PATCH actual_end) frees the place, ends the link and the employer\'s access', async () => {
  const pl = await placement({ capacity: 1 });
  const wg = await employerUser(employer.id);
  const p = await participant();
  const ph = await place(p.id, pl, { start_date: d(-30) });
  const ok = await t.call(wg, 'GET', `/api/participants/${p.id}`);
  assert.equal(ok.status, 200, `the employer sees the person placed with them: ${ok.text}`);
  const r = await t.call('jobcoach', 'PATCH', `/api/participants/${p.id}/phases/${ph.id}`,
    { actual_end: d(0), outcome: 'contract elders' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.open, false);
  const g = await getPlacement(pl.id);
  assert.equal(g.occupancy, 0);
  assert.equal(g.free, 1);
  assert.deepEqual(g.occupants, []);
  const link = (await links(p.id)).find((l) => l.kind === 'placement');
  assert.equal(link.end_date, d(0), 'the placement link ends with the phase');
  assertProblem(await t.call(wg, 'GET', `/api/participants/${p.id}`), 403);
  assertProblem(await t.call(wg, 'GET', `/api/participants/${p.id}/phases`), 403);
  assertProblem(await t.call(wg, 'GET', `/api/participants/${p.id}/assessments`), 403);
  // the freed place can be taken
  const q = await participant();
  await place(q.id, pl);
  assert.equal((await getPlacement(pl.id)).occupancy, 1);
});

test('a next main phase closing the placement phase frees the place and ends the link too', async () => {
  const pl = await placement({ capacity: 1 });
  const wg = await employerUser(employer.id);
  const p = await participant();
  await place(p.id, pl, { start_date: d(-40) });
  assert.equal((await t.call(wg, 'GET', `/api/participants/${p.id}`)).status, 200);
  await addPhase(p.id, { kind: 'paid_work', start_date: d(-2), previous_outcome: 'contract' });
  assert.equal((await getPlacement(pl.id)).occupancy, 0);
  const link = (await links(p.id)).find((l) => l.kind === 'placement');
  assert.equal(link.end_date, d(-2));
  assertProblem(await t.call(wg, 'GET', `/api/participants/${p.id}`), 403);
});

test('a placement phase recorded as already ended takes no place and gives the employer no lasting access', async () => {
  const pl = await placement({ capacity: 1 });
  const wg = await employerUser(employer.id);
  const p = await participant();
  const ph = await place(p.id, pl, { start_date: d(-60), actual_end: d(-20), outcome: 'afgerond' });
  assert.equal(ph.open, false);
  assert.equal((await getPlacement(pl.id)).occupancy, 0, 'an ended phase holds no place');
  const link = (await links(p.id)).find((l) => l.kind === 'placement' && l.organisation_id === employer.id);
  assert.ok(!link || (link.end_date !== null && link.end_date <= today()),
    `the placement link of an ended phase is ended too: ${JSON.stringify(link)}`);
  assertProblem(await t.call(wg, 'GET', `/api/participants/${p.id}`), 403);
});

test('reopening an ended placement phase (PATCH actual_end null) cannot overfill the placement', async () => {
  const title = `Kas ${uniqueName('Heropen')}`;
  const pl = await placement({ capacity: 1, title });
  const a = await participant();
  const pa = await place(a.id, pl, { start_date: d(-40) });
  const end = await t.call('jobcoach', 'PATCH', `/api/participants/${a.id}/phases/${pa.id}`, { actual_end: d(-1) });
  assert.equal(end.status, 200, end.text);
  const b = await participant();
  await place(b.id, pl, { start_date: d(-1) });
  const before = { a: await state(a.id, pl.id) };
  const r = await t.call('jobcoach', 'PATCH', `/api/participants/${a.id}/phases/${pa.id}`, { actual_end: null });
  assert.ok(r.status === 409 || r.status === 422, `reopening into a full placement is refused, got ${r.status}: ${r.text}`);
  assert.deepEqual({ a: await state(a.id, pl.id) }, before, 'nothing changed');
  const g = await getPlacement(pl.id);
  assert.ok(g.occupancy <= g.capacity, `occupancy ${g.occupancy} of ${g.capacity}`);
});

test('moving on within the same secondment (sheltered work → paid work) does not count the place being left', async () => {
  const sec = await placement({ kind: 'secondment', capacity: 1, title: `Detachering ${uniqueName('S')}` });
  const p = await participant();
  const sw = await addPhase(p.id, { kind: 'sheltered_work', start_date: d(-100), placement_id: sec.id });
  // the new step closes the sheltered-work phase on its start: afterwards
  // the one place is still held by one person
  const r = await t.call('jobcoach', 'POST', `/api/participants/${p.id}/phases`,
    { kind: 'paid_work', start_date: d(-5), placement_id: sec.id, previous_outcome: 'in dienst genomen' });
  assert.equal(r.status, 201, `expected 201, got ${r.status}: ${r.text}`);
  const body = await phases(p.id);
  assert.equal(body.items.find((x) => x.id === sw.id).actual_end, d(-5));
  const g = await getPlacement(sec.id);
  assert.equal(g.occupancy, 1);
  assert.deepEqual(g.occupants.map((o) => o.phase_id), [r.body.id]);
});
