// employers-assessments.test.mjs - work-floor assessments (issue 4 item 5;
// docs/api.md "Work-floor assessments"): GET/POST
// /api/participants/{id}/assessments and POST …/assessments/{aid}/decision.
// A fixed rubric on defined scales, every item scored, a trend per item, a
// readiness advice with its reason, and the job coach confirming or
// overriding it (an override needs another advice and a reason). Who may
// assess: the job coach of the caseload, the department assistant
// supervising the person's placement, the employer they are placed with.
// Every refused request answers problem+json and changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, reasonOf, uniqueName, today, addDays, DEMO_PASSWORD } from './helpers.mjs';

let t;
let orgs;
let assistant;
let jobcoach;
let employer;
let employerUsername;

const d = (n) => addDays(today(), n);

const ITEMS = ['punctuality', 'attendance', 'pace', 'quality', 'instructions', 'cooperation', 'safety', 'vocabulary',
  'work_capacity'];
const ASSESSMENT_MEMBERS = ['id', 'assessed_on', 'placement_id', 'placement_title', 'assessor_name', 'scores',
  'comments', 'advice', 'advice_label', 'advice_reason', 'decision', 'decided_advice', 'decided_advice_label',
  'decision_reason', 'decided_by_name', 'decided_at'];

// All eight rubric items at `v`, work capacity `hours`.
const rubric = (v, hours, extra = {}) => ({ punctuality: v, attendance: v, pace: v, quality: v, instructions: v,
  cooperation: v, safety: v, vocabulary: v, work_capacity: hours, ...extra });

before(async () => {
  t = await setup({ participants: 10 });
  orgs = await t.orgs();
  assistant = await t.me('afdelingsassistent');
  jobcoach = await t.me('jobcoach');
  const r = await t.call('accountmanager', 'POST', '/api/employers',
    { name: `Voedselbedrijf ${uniqueName('A')}`, sector: 'food_processing' });
  assert.equal(r.status, 201, r.text);
  employer = r.body;
  employerUsername = uniqueName('wg').toLowerCase();
  const u = await t.call('beheerder', 'POST', '/api/users', { username: employerUsername, display_name: 'Werkgever Beoordeling',
    password: DEMO_PASSWORD, role: 'employer', organisation_id: employer.id });
  assert.equal(u.status, 201, u.text);
});
after(async () => { await t?.stop(); });

async function participant() {
  const p = await t.create({ family_name: uniqueName('Beoordeeld') }, 'jobcoach');
  const r = await t.call('jobcoach', 'POST', `/api/participants/${p.id}/phases`, { kind: 'intake', start_date: d(-200) });
  assert.equal(r.status, 201, r.text);
  return p;
}

async function placement(fields = {}) {
  const r = await t.call('accountmanager', 'POST', '/api/placements', { organisation_id: employer.id,
    kind: 'external_work_learning', title: `Productie ${uniqueName('L')}`, capacity: 10, ...fields });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

async function hall() {
  return placement({ organisation_id: orgs.social_work_company.id, kind: 'internal_work_learning',
    title: `Hal ${uniqueName('H')}`, supervisor_user_id: assistant.id });
}

async function place(pid, pl, start = d(-100)) {
  const r = await t.call('jobcoach', 'POST', `/api/participants/${pid}/phases`,
    { kind: pl.kind, start_date: start, placement_id: pl.id });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

async function list(pid, user = 'klantmanager') {
  const r = await t.call(user, 'GET', `/api/participants/${pid}/assessments`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

async function assess(pid, body, user = 'jobcoach') {
  const r = await t.call(user, 'POST', `/api/participants/${pid}/assessments`, body);
  assert.equal(r.status, 201, `POST assessment as ${user} ${JSON.stringify(body)}: ${r.status} ${r.text}`);
  return r.body;
}

async function refusedAssess(pid, body, status, field, user = 'jobcoach') {
  const before = await list(pid);
  const r = await t.call(user, 'POST', `/api/participants/${pid}/assessments`, body);
  const problem = assertProblem(r, status, field);
  assert.deepEqual(await list(pid), before, `POST assessment as ${user} ${JSON.stringify(body)} changed nothing`);
  return problem;
}

async function decide(pid, aid, body, user = 'jobcoach') {
  const r = await t.call(user, 'POST', `/api/participants/${pid}/assessments/${aid}/decision`, body);
  assert.equal(r.status, 200, `decision as ${user} ${JSON.stringify(body)}: ${r.status} ${r.text}`);
  return r.body;
}

async function refusedDecide(pid, aid, body, status, field, user = 'jobcoach') {
  const before = await list(pid);
  const r = await t.call(user, 'POST', `/api/participants/${pid}/assessments/${aid}/decision`, body);
  const problem = assertProblem(r, status, field);
  assert.deepEqual(await list(pid), before, `decision as ${user} ${JSON.stringify(body)} changed nothing`);
  return problem;
}

async function log(pid) {
  const r = await t.call('klantmanager', 'GET', `/api/participants/${pid}/log?per_page=100`);
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

test('GET /api/codes: the rubric of issue 4 with its scales and labels, and the readiness advices', async () => {
  const r = await t.call('afdelingsassistent', 'GET', '/api/codes');
  assert.equal(r.status, 200, r.text);
  const items = r.body.assessment_rubric;
  assert.deepEqual(items.map((i) => i.code), ITEMS);
  for (const i of items.filter((x) => x.code !== 'work_capacity')) {
    assert.equal(i.min, 1, i.code);
    assert.equal(i.max, 4, i.code);
    assert.deepEqual(i.points.map((p) => p.label), ['onvoldoende', 'matig', 'voldoende', 'goed']);
  }
  const wc = items.find((x) => x.code === 'work_capacity');
  assert.equal(wc.min, 0);
  assert.equal(wc.max, 8);
  assert.equal(wc.points.length, 9);
  assert.deepEqual(r.body.readiness.map((x) => x.code), ['stay', 'external_place', 'paid_work']);
});

test('a new participant has no assessments, trend "none" everywhere and no latest', async () => {
  const p = await participant();
  const body = await list(p.id);
  assert.deepEqual(body.items, []);
  assert.equal(body.latest, null);
  assert.deepEqual(Object.keys(body.trends).sort(), [...ITEMS].sort());
  for (const k of ITEMS) assert.equal(body.trends[k], 'none');
});

test('POST: 201 with the list; scores, comments, the computed advice and its reason; logged as mdn-012', async () => {
  const p = await participant();
  const body = await assess(p.id, { assessed_on: d(-1), scores: rubric(3, 4),
    comments: { pace: 'werkt rustig en secuur', vocabulary: 'kent de namen van het gereedschap' } });
  assert.equal(body.items.length, 1);
  const a = body.items[0];
  for (const k of ASSESSMENT_MEMBERS) assert.ok(k in a, `assessment member ${k}`);
  assert.equal(a.assessed_on, d(-1));
  assert.deepEqual(a.scores, rubric(3, 4));
  assert.deepEqual(a.comments, { pace: 'werkt rustig en secuur', vocabulary: 'kent de namen van het gereedschap' });
  assert.equal(a.assessor_name, jobcoach.display_name);
  assert.equal(a.placement_id, null);
  assert.equal(a.advice, 'external_place');
  assert.equal(typeof a.advice_label, 'string');
  assert.match(a.advice_reason, /betaald werk/);
  assert.match(a.advice_reason, /4 uur per dag \(nodig 6\)/);
  assert.equal(a.decision, null);
  assert.deepEqual(body.latest, a);
  assert.deepEqual(await list(p.id), body, 'GET gives the same');
  const entry = (await log(p.id)).find((x) => x.action === 'assess');
  assert.ok(entry, 'the assessment is logged');
  assert.equal(entry.activity, 'mdn-012');
  assert.equal(entry.actor, 'jobcoach');
  assert.ok((await log(p.id)).some((x) => x.action === 'read assessments' && x.activity === 'mdn-012'),
    'reading them is logged too');
});

test('the readiness advice follows the thresholds: paid work, external place, stay (a key item below voldoende)', async () => {
  const p = await participant();
  let b = await assess(p.id, { assessed_on: d(-3), scores: rubric(4, 8) });
  assert.equal(b.latest.advice, 'paid_work');
  assert.match(b.latest.advice_reason, /klaar voor betaald werk/);
  b = await assess(p.id, { assessed_on: d(-2), scores: rubric(2, 2) });
  assert.equal(b.latest.advice, 'stay');
  assert.match(b.latest.advice_reason, /externe plek/);
  // six of eight at voldoende, but punctuality (a key item) matig: stay
  b = await assess(p.id, { assessed_on: d(-1), scores: rubric(3, 6, { punctuality: 2, quality: 4 }) });
  assert.equal(b.latest.advice, 'stay');
  assert.match(b.latest.advice_reason, /stiptheid/);
  // all voldoende, capacity 6: paid work
  b = await assess(p.id, { assessed_on: d(0), scores: rubric(3, 6) });
  assert.equal(b.latest.advice, 'paid_work');
  assert.equal(b.items.length, 4);
  assert.deepEqual(b.items.map((x) => x.assessed_on), [d(-3), d(-2), d(-1), d(0)], 'oldest first');
});

test('repeated over time: a trend per item (up, down, flat), from the two latest against the ones before', async () => {
  const p = await participant();
  await assess(p.id, { assessed_on: d(-60), scores: rubric(2, 4, { quality: 4 }) });
  let b = await list(p.id);
  for (const k of ITEMS) assert.equal(b.trends[k], 'none', 'one assessment has no trend');
  await assess(p.id, { assessed_on: d(-30), scores: rubric(3, 4, { quality: 3 }) });
  b = await assess(p.id, { assessed_on: d(-1), scores: rubric(4, 4, { quality: 2, cooperation: 1 }) });
  // pace 2, 3, 4: the two latest (3.5) against the first (2): up
  assert.equal(b.trends.pace, 'up');
  assert.equal(b.trends.quality, 'down');
  assert.equal(b.trends.work_capacity, 'flat');
  assert.equal(b.trends.cooperation, 'flat', '2, 3, 1: 2 against 2 is flat');
  // an older assessment entered later sorts by its date
  b = await assess(p.id, { assessed_on: d(-90), scores: rubric(1, 2) });
  assert.equal(b.items[0].assessed_on, d(-90));
  assert.equal(b.latest.assessed_on, d(-1));
});

test('score out of scale, missing rubric items, unknown items, wrong types: 422 naming scores.<item>, nothing stored', async () => {
  const p = await participant();
  await assess(p.id, { assessed_on: d(-5), scores: rubric(3, 5) });
  let pr = await refusedAssess(p.id, { assessed_on: d(-1), scores: rubric(3, 5, { pace: 5 }) }, 422, 'scores.pace');
  assert.equal(reasonOf(pr, 'scores.pace'), 'score 5 is outside the scale 1 to 4');
  await refusedAssess(p.id, { assessed_on: d(-1), scores: rubric(3, 5, { safety: 0 }) }, 422, 'scores.safety');
  pr = await refusedAssess(p.id, { assessed_on: d(-1), scores: rubric(3, 9) }, 422, 'scores.work_capacity');
  assert.equal(reasonOf(pr, 'scores.work_capacity'), 'score 9 is outside the scale 0 to 8');
  await refusedAssess(p.id, { assessed_on: d(-1), scores: rubric(3, -1) }, 422, 'scores.work_capacity');
  await refusedAssess(p.id, { assessed_on: d(-1), scores: rubric(3, 5, { pace: 2.5 }) }, 422, 'scores.pace');
  await refusedAssess(p.id, { assessed_on: d(-1), scores: rubric(3, 5, { pace: '3' }) }, 422, 'scores.pace');
  await refusedAssess(p.id, { assessed_on: d(-1), scores: rubric(3, 5, { pace: null }) }, 422, 'scores.pace');
  // every item needs a score: one error per missing item
  const missing = rubric(3, 5);
  delete missing.vocabulary;
  delete missing.work_capacity;
  pr = await refusedAssess(p.id, { assessed_on: d(-1), scores: missing }, 422, 'scores.vocabulary');
  assert.ok(pr.errors.some((e) => e.field === 'scores.work_capacity'), JSON.stringify(pr.errors));
  assert.equal(reasonOf(pr, 'scores.vocabulary'), 'needs a score');
  pr = await refusedAssess(p.id, { assessed_on: d(-1), scores: {} }, 422, 'scores.punctuality');
  assert.equal(pr.errors.length, ITEMS.length);
  pr = await refusedAssess(p.id, { assessed_on: d(-1), scores: rubric(3, 5, { creativity: 4 }) }, 422, 'scores.creativity');
  assert.equal(reasonOf(pr, 'scores.creativity'), 'is not an item of the rubric');
  await refusedAssess(p.id, { assessed_on: d(-1) }, 422, 'scores');
  await refusedAssess(p.id, { assessed_on: d(-1), scores: [3, 3, 3, 3, 3, 3, 3, 3, 5] }, 422, 'scores');
  // comments
  await refusedAssess(p.id, { assessed_on: d(-1), scores: rubric(3, 5), comments: { humour: 'grappig' } }, 422,
    'comments.humour');
  await refusedAssess(p.id, { assessed_on: d(-1), scores: rubric(3, 5), comments: { pace: 'x'.repeat(501) } }, 422,
    'comments.pace');
  await refusedAssess(p.id, { assessed_on: d(-1), scores: rubric(3, 5), comments: { pace: 4 } }, 422, 'comments.pace');
  await refusedAssess(p.id, { assessed_on: d(-1), scores: rubric(3, 5), comments: 'goed gedaan' }, 422, 'comments');
  // the day
  await refusedAssess(p.id, { assessed_on: d(1), scores: rubric(3, 5) }, 422, 'assessed_on');
  await refusedAssess(p.id, { assessed_on: '2025-02-30', scores: rubric(3, 5) }, 422, 'assessed_on');
  await refusedAssess(p.id, { scores: rubric(3, 5) }, 422, 'assessed_on');
  // the placement, unknown members, the advice is not the assessor's to set, malformed JSON
  await refusedAssess(p.id, { assessed_on: d(-1), scores: rubric(3, 5), placement_id: 999999 }, 422, 'placement_id');
  await refusedAssess(p.id, { assessed_on: d(-1), scores: rubric(3, 5), placement_id: 'hal' }, 422, 'placement_id');
  pr = await refusedAssess(p.id, { assessed_on: d(-1), scores: rubric(3, 5), advice: 'paid_work' }, 422, 'advice');
  assert.equal(reasonOf(pr, 'advice'), 'unknown field');
  await refusedAssess(p.id, '{"assessed_on": ', 400, 'body');
  await refusedAssess(p.id, '[]', 400, 'body');
});

test('unknown participant 404 (403 for a job coach); reading and writing assessments by role', async () => {
  assertProblem(await t.call('klantmanager', 'GET', '/api/participants/888888/assessments'), 404);
  // a job coach cannot tell an unknown id from someone else's participant
  assertProblem(await t.call('jobcoach', 'POST', '/api/participants/888888/assessments',
    { assessed_on: d(-1), scores: rubric(3, 5) }), 403);
  const p = await participant();
  await assess(p.id, { assessed_on: d(-2), scores: rubric(3, 5) });
  // read: who oversees, and the account manager for matching
  for (const user of ['regisseur', 'klantmanager', 'projectleider', 'accountmanager', 'jobcoach']) {
    const r = await t.call(user, 'GET', `/api/participants/${p.id}/assessments`);
    assert.equal(r.status, 200, `${user}: ${r.text}`);
    assert.equal(r.body.items.length, 1);
  }
  for (const user of ['jobcoach2', 'afdelingsassistent', 'werkgever', 'vrijwilliger', 'welzijn', 'taalaanbieder',
    'beheerder']) {
    assertProblem(await t.call(user, 'GET', `/api/participants/${p.id}/assessments`), 403);
  }
  assertProblem(await t.call(employerUsername, 'GET', `/api/participants/${p.id}/assessments`), 403);
  // write: the case manager and project leader may, the account manager and the director may not
  await assess(p.id, { assessed_on: d(-1), scores: rubric(3, 5) }, 'klantmanager');
  await assess(p.id, { assessed_on: d(-1), scores: rubric(3, 5) }, 'projectleider');
  for (const user of ['accountmanager', 'regisseur', 'jobcoach2', 'afdelingsassistent', 'werkgever', 'vrijwilliger',
    'beheerder']) {
    await refusedAssess(p.id, { assessed_on: d(-1), scores: rubric(3, 5) }, 403, undefined, user);
  }
  await refusedAssess(p.id, { assessed_on: d(-1), scores: rubric(3, 5) }, 401, undefined, null);
});

test('the department assistant assesses people in a hall they supervise, and not others', async () => {
  const h = await hall();
  const inHall = await participant();
  await place(inHall.id, h);
  const b = await assess(inHall.id, { assessed_on: d(-1), scores: rubric(3, 4), placement_id: h.id,
    comments: { safety: 'draagt altijd veiligheidsschoenen' } }, 'afdelingsassistent');
  assert.equal(b.latest.assessor_name, assistant.display_name);
  assert.equal(b.latest.placement_id, h.id);
  assert.equal(b.latest.placement_title, h.title);
  assert.equal((await list(inHall.id, 'afdelingsassistent')).items.length, 1, 'and reads them');
  // someone not in a hall they supervise
  const outside = await participant();
  await refusedAssess(outside.id, { assessed_on: d(-1), scores: rubric(3, 4) }, 403, undefined, 'afdelingsassistent');
  // someone in an employer's placement, not in the hall
  const atEmployer = await participant();
  await place(atEmployer.id, await placement());
  await refusedAssess(atEmployer.id, { assessed_on: d(-1), scores: rubric(3, 4) }, 403, undefined, 'afdelingsassistent');
  // once the hall phase ended, no longer
  const left = await participant();
  const ph = await place(left.id, h);
  await assess(left.id, { assessed_on: d(-2), scores: rubric(2, 3) }, 'afdelingsassistent');
  const end = await t.call('jobcoach', 'PATCH', `/api/participants/${left.id}/phases/${ph.id}`, { actual_end: d(0) });
  assert.equal(end.status, 200, end.text);
  await refusedAssess(left.id, { assessed_on: d(0), scores: rubric(2, 3) }, 403, undefined, 'afdelingsassistent');
  assertProblem(await t.call('afdelingsassistent', 'GET', `/api/participants/${left.id}/assessments`), 403);
});

test('the employer assesses people placed with them, naming one of their own placements', async () => {
  const own = await placement();
  const p = await participant();
  await place(p.id, own);
  const b = await assess(p.id, { assessed_on: d(-1), scores: rubric(3, 6), placement_id: own.id }, employerUsername);
  assert.equal(b.latest.placement_id, own.id);
  assert.equal(b.latest.assessor_name, 'Werkgever Beoordeling');
  assert.equal((await list(p.id, employerUsername)).items.length, 1, 'and reads them');
  // the placement is required for an employer
  await refusedAssess(p.id, { assessed_on: d(-1), scores: rubric(3, 6) }, 422, 'placement_id', employerUsername);
  // another organisation's placement is not theirs to name
  const h = await hall();
  await refusedAssess(p.id, { assessed_on: d(-1), scores: rubric(3, 6), placement_id: h.id }, 403, undefined,
    employerUsername);
  // someone not placed with them
  const q = await participant();
  await refusedAssess(q.id, { assessed_on: d(-1), scores: rubric(3, 6), placement_id: own.id }, 403, undefined,
    employerUsername);
  // the demo employer neither
  await refusedAssess(p.id, { assessed_on: d(-1), scores: rubric(3, 6), placement_id: own.id }, 403, undefined, 'werkgever');
});

test('decision: the job coach confirms the advice; logged as mdn-012', async () => {
  const p = await participant();
  const a = (await assess(p.id, { assessed_on: d(-1), scores: rubric(3, 4) })).latest;
  assert.equal(a.advice, 'external_place');
  const b = await decide(p.id, a.id, { decision: 'confirmed' });
  const x = b.items.find((i) => i.id === a.id);
  assert.equal(x.decision, 'confirmed');
  assert.equal(x.decided_advice, 'external_place');
  assert.equal(x.decided_advice_label, a.advice_label);
  assert.equal(x.decided_by_name, jobcoach.display_name);
  assert.equal(typeof x.decided_at, 'string');
  assert.equal(x.advice, 'external_place', 'the advice itself stays');
  assert.deepEqual(await list(p.id), b);
  const entry = (await log(p.id)).find((e) => e.action === 'confirm advice');
  assert.ok(entry, 'logged');
  assert.equal(entry.activity, 'mdn-012');
  // confirming may name the same advice
  const a2 = (await assess(p.id, { assessed_on: d(0), scores: rubric(4, 8) })).latest;
  const b2 = await decide(p.id, a2.id, { decision: 'confirmed', advice: 'paid_work', reason: 'eens' });
  assert.equal(b2.items.find((i) => i.id === a2.id).decided_advice, 'paid_work');
});

test('decision: an override needs a different advice and a reason; both are kept and logged', async () => {
  const p = await participant();
  const a = (await assess(p.id, { assessed_on: d(-1), scores: rubric(4, 8) })).latest;
  assert.equal(a.advice, 'paid_work');
  await refusedDecide(p.id, a.id, { decision: 'overridden', advice: 'paid_work', reason: 'toch' }, 422, 'advice');
  await refusedDecide(p.id, a.id, { decision: 'overridden', advice: 'external_place' }, 422, 'reason');
  await refusedDecide(p.id, a.id, { decision: 'overridden', reason: 'eerst taal' }, 422, 'advice');
  await refusedDecide(p.id, a.id, { decision: 'overridden', advice: 'external_place', reason: 'ja' }, 422, 'reason');
  await refusedDecide(p.id, a.id, { decision: 'overridden', advice: 'study', reason: 'eerst school' }, 422, 'advice');
  await refusedDecide(p.id, a.id, { decision: 'overridden', advice: 3, reason: 'eerst school' }, 422, 'advice');
  // confirming is not choosing another
  await refusedDecide(p.id, a.id, { decision: 'confirmed', advice: 'stay' }, 422, 'advice');
  await refusedDecide(p.id, a.id, { decision: 'maybe' }, 422, 'decision');
  await refusedDecide(p.id, a.id, {}, 422, 'decision');
  await refusedDecide(p.id, a.id, { decision: 'confirmed', by: 'x' }, 422, 'by');
  await refusedDecide(p.id, a.id, '{"decision": ', 400, 'body');
  const b = await decide(p.id, a.id, { decision: 'overridden', advice: 'external_place',
    reason: 'taal op B1 brengen voor betaald werk' });
  const x = b.items.find((i) => i.id === a.id);
  assert.equal(x.decision, 'overridden');
  assert.equal(x.advice, 'paid_work');
  assert.equal(x.decided_advice, 'external_place');
  assert.equal(x.decision_reason, 'taal op B1 brengen voor betaald werk');
  assert.equal(x.decided_by_name, jobcoach.display_name);
  const entry = (await log(p.id)).find((e) => e.action === 'override advice');
  assert.ok(entry, 'logged');
  assert.equal(entry.activity, 'mdn-012');
});

test('decision: the participant\'s job coach and the project leader; others 403; unknown assessment 404', async () => {
  const p = await participant();
  const h = await hall();
  await place(p.id, h);
  const a = (await assess(p.id, { assessed_on: d(-1), scores: rubric(3, 4) }, 'afdelingsassistent')).latest;
  for (const user of ['klantmanager', 'regisseur', 'accountmanager', 'afdelingsassistent', 'jobcoach2', 'werkgever',
    'vrijwilliger', 'beheerder']) {
    await refusedDecide(p.id, a.id, { decision: 'confirmed' }, 403, undefined, user);
  }
  await refusedDecide(p.id, a.id, { decision: 'confirmed' }, 401, undefined, null);
  await refusedDecide(p.id, 999999, { decision: 'confirmed' }, 404);
  // an assessment of someone else is not found through this participant
  const q = await participant();
  const b = (await assess(q.id, { assessed_on: d(-1), scores: rubric(2, 2) })).latest;
  await refusedDecide(p.id, b.id, { decision: 'confirmed' }, 404);
  assert.equal((await list(q.id)).latest.decision, null, 'the other assessment is untouched');
  assertProblem(await t.call('jobcoach', 'POST', `/api/participants/888888/assessments/${a.id}/decision`,
    { decision: 'confirmed' }), 403);
  const ok = await decide(p.id, a.id, { decision: 'overridden', advice: 'stay', reason: 'eerst wennen in de hal' },
    'projectleider');
  assert.equal(ok.latest.decided_by_name, (await t.me('projectleider')).display_name);
});
