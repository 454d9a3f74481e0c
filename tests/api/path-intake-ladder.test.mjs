// path-intake-ladder.test.mjs - the intake with its three-week clock and
// the study-first rule for under-27s, and the participation ladder
// (docs/api.md "The path" → Intake, Participation ladder; DESIGN.md §3;
// issue 3 items 2 and 3): GET/POST /api/participants/{id}/intake and
// GET/POST /api/participants/{id}/ladder. Every refused request answers
// problem+json naming the field and changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, reasonOf, today, addDays } from './helpers.mjs';

let t;
let km;

const d = (n) => addDays(today(), n);

// `date` minus `years` calendar years (YYYY-MM-DD; never called on 29 February).
function yearsBefore(date, years) {
  return `${String(Number(date.slice(0, 4)) - years).padStart(4, '0')}${date.slice(4)}`;
}
// Five days ago, or the nearest earlier day that is not 29 February.
function recentDay5() {
  for (let n = -5; ; n--) if (!d(n).endsWith('-02-29')) return d(n);
}

// A recent past day that is not 29 February, so that "27 years before" exists.
function recentDay() {
  for (let n = -1; ; n--) if (!d(n).endsWith('-02-29')) return d(n);
}

before(async () => {
  t = await setup({ participants: 20 });
  km = await t.me('klantmanager');
});
after(async () => { await t?.stop(); });

function intakeBody(fields = {}) {
  return {
    intake_date: d(-1),
    first_step: 'internal_work_learning',
    reasons: 'wil snel aan het werk, ervaring als lasser',
    prior_level_confirmed: true,
    ambitions_confirmed: true,
    planned_day_parts: 4,
    study_offered: false,
    ...fields,
  };
}

async function getIntake(pid, user = 'klantmanager') {
  const r = await t.call(user, 'GET', `/api/participants/${pid}/intake`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}
async function getPhases(pid) {
  const r = await t.call('klantmanager', 'GET', `/api/participants/${pid}/phases`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}
async function getLadder(pid, user = 'klantmanager') {
  const r = await t.call(user, 'GET', `/api/participants/${pid}/ladder`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}
async function record(pid, fields = {}, user = 'klantmanager') {
  const r = await t.call(user, 'POST', `/api/participants/${pid}/intake`, intakeBody(fields));
  assert.equal(r.status, 201, `POST intake: ${r.status} ${r.text}`);
  return r.body;
}

// A refused intake: status, problem naming field, intake and phases unchanged.
async function refusedIntake(pid, body, status, field, user = 'klantmanager') {
  const before = { intake: await getIntake(pid), phases: await getPhases(pid) };
  const r = await t.call(user, 'POST', `/api/participants/${pid}/intake`, body);
  const problem = assertProblem(r, status, field);
  assert.deepEqual({ intake: await getIntake(pid), phases: await getPhases(pid) }, before,
    `POST intake ${JSON.stringify(body)} changed nothing`);
  return problem;
}
async function refusedLadder(pid, body, status, field, user = 'klantmanager') {
  const before = await getLadder(pid);
  const r = await t.call(user, 'POST', `/api/participants/${pid}/ladder`, body);
  const problem = assertProblem(r, status, field);
  assert.deepEqual(await getLadder(pid), before, `POST ladder ${JSON.stringify(body)} changed nothing`);
  return problem;
}

/* ---- intake ---- */

test('GET intake: due 21 days after arrival; overdue from day 22 until recorded', async () => {
  const late = await t.create({ arrival_date: d(-30) });
  let g = await getIntake(late.id);
  assert.equal(g.intake, null);
  assert.equal(g.due_date, d(-9));
  assert.equal(g.overdue, true);

  const day21 = await t.create({ arrival_date: d(-21) });
  g = await getIntake(day21.id);
  assert.equal(g.due_date, today());
  assert.equal(g.overdue, false, 'day 21 is the due day itself, not overdue');

  const day22 = await t.create({ arrival_date: d(-22) });
  g = await getIntake(day22.id);
  assert.equal(g.due_date, d(-1));
  assert.equal(g.overdue, true, 'day 22 is overdue');

  const fresh = await t.create({ arrival_date: d(-3) });
  g = await getIntake(fresh.id);
  assert.equal(g.due_date, d(18));
  assert.equal(g.overdue, false);

  // over a month end and a leap day: 2024-02-10 + 21 = 2024-03-02
  const leap = await t.create({ arrival_date: '2024-02-10' });
  assert.equal((await getIntake(leap.id)).due_date, '2024-03-02');
});

test('GET intake: under_27 follows the birth date', async () => {
  const young = await t.create({ birth_date: yearsBefore(today(), 20), arrival_date: d(-2) });
  assert.equal((await getIntake(young.id)).under_27, true);
  const older = await t.create({ birth_date: '1980-05-05', arrival_date: d(-2) });
  assert.equal((await getIntake(older.id)).under_27, false);
});

test('GET intake: under_27 is judged on the intake date, not on today (issue 11, item 9b)', async () => {
  // 27 since five days, 26 on the intake ten days ago
  const p = await t.create({ birth_date: yearsBefore(recentDay5(), 27), arrival_date: d(-20) });
  assert.equal((await getIntake(p.id)).under_27, false, 'no intake yet: judged on today, 27');
  await record(p.id, { intake_date: d(-10), study_offered: true, study_choice: 'declined' });
  assert.equal((await getIntake(p.id)).under_27, true, '26 on the intake date: study was the first option then');
});

test('POST intake: 201 with the intake and the phases: intake phase on the day, first step starting that day', async () => {
  const p = await t.create({ arrival_date: d(-30), birth_date: '1985-03-03' });
  const reg = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/phases`, { kind: 'registration', start_date: d(-30) });
  assert.equal(reg.status, 201, reg.text);
  const body = await record(p.id, { intake_date: d(-5), planned_day_parts: 4 });
  const i = body.intake;
  assert.equal(i.intake_date, d(-5));
  assert.equal(i.first_step, 'internal_work_learning');
  assert.equal(i.reasons, 'wil snel aan het werk, ervaring als lasser');
  assert.equal(i.prior_level_confirmed, true);
  assert.equal(i.ambitions_confirmed, true);
  assert.equal(i.planned_day_parts, 4);
  assert.equal(i.study_offered, false);

  assert.ok(Array.isArray(body.phases), 'phases');
  const kinds = body.phases.map((x) => x.kind);
  assert.deepEqual(kinds, ['registration', 'intake', 'internal_work_learning']);
  const [r0, intakePhase, step] = body.phases;
  assert.equal(r0.actual_end, d(-5), 'the registration ends on the intake date');
  assert.equal(intakePhase.start_date, d(-5));
  assert.equal(intakePhase.actual_end, d(-5), 'the intake phase starts and ends on the intake date');
  assert.equal(step.start_date, d(-5));
  assert.equal(step.actual_end, null);
  assert.equal(step.open, true);

  const g = await getIntake(p.id);
  assert.deepEqual(g.intake, i, 'GET shows the recorded intake');
  assert.equal(g.overdue, false, 'recorded: no longer overdue');
  assert.equal(g.due_date, d(-9));
  const ph = await getPhases(p.id);
  assert.equal(ph.current.kind, 'internal_work_learning');
  assert.deepEqual(ph.items.map((x) => x.id), body.phases.map((x) => x.id));
});

test('every first step from the list starts its phase', async () => {
  for (const step of ['study', 'external_work_learning', 'care_activation', 'sheltered_work']) {
    const p = await t.create({ arrival_date: d(-10), birth_date: '1975-01-01' });
    const body = await record(p.id, { first_step: step });
    assert.deepEqual(body.phases.map((x) => x.kind), ['intake', step]);
    assert.equal((await getPhases(p.id)).current.kind, step);
  }
});

test('a second intake answers 409 and changes nothing', async () => {
  const p = await t.create({ arrival_date: d(-10), birth_date: '1985-01-01' });
  await record(p.id);
  await refusedIntake(p.id, intakeBody(), 409);
  await refusedIntake(p.id, intakeBody({ first_step: 'study', intake_date: d(-2) }), 409);
});

test('under 27 on the intake date: study must be offered and the choice recorded', async () => {
  const p = await t.create({ arrival_date: d(-10), birth_date: yearsBefore(today(), 22) });
  await refusedIntake(p.id, intakeBody({ study_offered: false, study_choice: 'declined' }), 422, 'study_offered');
  await refusedIntake(p.id, intakeBody({ study_offered: true }), 422, 'study_choice');
  const both = await refusedIntake(p.id, intakeBody({ study_offered: false }), 422, 'study_offered');
  assert.ok(both.errors.some((e) => e.field === 'study_choice'), 'both fields named');
  await refusedIntake(p.id, intakeBody({ study_offered: true, study_choice: 'maybe' }), 422, 'study_choice');
  await refusedIntake(p.id, intakeBody({ study_offered: true, study_choice: true }), 422, 'study_choice');
  await refusedIntake(p.id, intakeBody({ study_offered: 'yes', study_choice: 'accepted' }), 422, 'study_offered');
  const ok = await record(p.id, { study_offered: true, study_choice: 'accepted', first_step: 'study' });
  assert.equal(ok.intake.study_offered, true);
  assert.equal(ok.intake.study_choice, 'accepted');
  assert.equal((await getPhases(p.id)).current.kind, 'study');

  const q = await t.create({ arrival_date: d(-10), birth_date: yearsBefore(today(), 19) });
  const declined = await record(q.id, { study_offered: true, study_choice: 'declined' });
  assert.equal(declined.intake.study_choice, 'declined');
  assert.equal(declined.intake.first_step, 'internal_work_learning', 'declined study: another first step');
});

test('the 27th birthday is the boundary (age on the intake date)', async () => {
  const on = recentDay();
  const turns27 = await t.create({ arrival_date: d(-30), birth_date: yearsBefore(on, 27) });
  const body = await record(turns27.id, { intake_date: on }); // 27 that day: no study choice needed
  assert.equal(body.intake.study_offered, false);
  const dayShort = await t.create({ arrival_date: d(-30), birth_date: addDays(yearsBefore(on, 27), 1) });
  await refusedIntake(dayShort.id, intakeBody({ intake_date: on }), 422, 'study_choice');
});

test('first_step must be one of the list', async () => {
  const p = await t.create({ arrival_date: d(-10), birth_date: '1980-01-01' });
  for (const v of ['paid_work', 'registration', 'intake', 'dropped_out', 'holiday', 3, null]) {
    await refusedIntake(p.id, intakeBody({ first_step: v }), 422, 'first_step');
  }
  const { first_step: _, ...rest } = intakeBody();
  await refusedIntake(p.id, rest, 422, 'first_step');
});

test('planned_day_parts is a whole number 0..14', async () => {
  const p = await t.create({ arrival_date: d(-10), birth_date: '1980-01-01' });
  for (const v of [-1, 15, 100, 2.5, '4', null]) {
    await refusedIntake(p.id, intakeBody({ planned_day_parts: v }), 422, 'planned_day_parts');
  }
  const { planned_day_parts: _, ...rest } = intakeBody();
  await refusedIntake(p.id, rest, 422, 'planned_day_parts');
  assert.equal((await record(p.id, { planned_day_parts: 14 })).intake.planned_day_parts, 14);
  const q = await t.create({ arrival_date: d(-10), birth_date: '1980-01-01' });
  assert.equal((await record(q.id, { planned_day_parts: 0, first_step: 'care_activation' })).intake.planned_day_parts, 0);
});

test('intake_date: not in the future, a real date, required', async () => {
  const p = await t.create({ arrival_date: d(-10), birth_date: '1980-01-01' });
  await refusedIntake(p.id, intakeBody({ intake_date: d(1) }), 422, 'intake_date');
  await refusedIntake(p.id, intakeBody({ intake_date: '2025-02-29' }), 422, 'intake_date');
  await refusedIntake(p.id, intakeBody({ intake_date: '1-1-2025' }), 422, 'intake_date');
  const { intake_date: _, ...rest } = intakeBody();
  await refusedIntake(p.id, rest, 422, 'intake_date');
  assert.equal((await record(p.id, { intake_date: today() })).intake.intake_date, today(), 'today is fine');
});

test('reasons and confirmations are required; unknown members and malformed JSON are refused', async () => {
  const p = await t.create({ arrival_date: d(-10), birth_date: '1980-01-01' });
  const without = (k) => { const b = intakeBody(); delete b[k]; return b; };
  await refusedIntake(p.id, without('reasons'), 422, 'reasons');
  await refusedIntake(p.id, intakeBody({ reasons: '' }), 422, 'reasons');
  await refusedIntake(p.id, intakeBody({ reasons: 'x'.repeat(2001) }), 422, 'reasons');
  await refusedIntake(p.id, without('prior_level_confirmed'), 422, 'prior_level_confirmed');
  await refusedIntake(p.id, intakeBody({ prior_level_confirmed: 'yes' }), 422, 'prior_level_confirmed');
  await refusedIntake(p.id, without('ambitions_confirmed'), 422, 'ambitions_confirmed');
  await refusedIntake(p.id, intakeBody({ ambitions_confirmed: 1 }), 422, 'ambitions_confirmed');
  await refusedIntake(p.id, without('study_offered'), 422, 'study_offered');
  const u = await refusedIntake(p.id, intakeBody({ language_level: 'A2' }), 422, 'language_level');
  assert.equal(reasonOf(u, 'language_level'), 'unknown field');
  await refusedIntake(p.id, '{"intake_date": ', 400, 'body');
});

test('an intake the path cannot take (after paid work) is refused whole: no intake, no phases', async () => {
  const p = await t.create({ arrival_date: d(-100), birth_date: '1980-01-01' });
  for (const body of [{ kind: 'intake', start_date: d(-90) }, { kind: 'paid_work', start_date: d(-60) }]) {
    const r = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/phases`, body);
    assert.equal(r.status, 201, r.text);
  }
  await refusedIntake(p.id, intakeBody({ intake_date: d(-10) }), 422, 'first_step');
  assert.equal((await getIntake(p.id)).intake, null, 'no intake stored');
});

test('intake: unknown participant 404; wrong role or relation 403', async () => {
  assertProblem(await t.call('klantmanager', 'GET', '/api/participants/888888/intake'), 404);
  assertProblem(await t.call('klantmanager', 'POST', '/api/participants/888888/intake', intakeBody()), 404);
  const p = await t.create({ arrival_date: d(-10), birth_date: '1980-01-01' });
  for (const user of ['accountmanager', 'regisseur', 'jobcoach2', 'beheerder', 'werkgever', 'vrijwilliger']) {
    await refusedIntake(p.id, intakeBody(), 403, undefined, user);
  }
  for (const user of ['beheerder', 'jobcoach2', 'werkgever', 'vrijwilliger']) {
    assertProblem(await t.call(user, 'GET', `/api/participants/${p.id}/intake`), 403);
  }
  assert.equal((await t.call('accountmanager', 'GET', `/api/participants/${p.id}/intake`)).status, 200);
  // a job coach records the intake of their own caseload
  const own = await t.create({ arrival_date: d(-10), birth_date: '1980-01-01' }, 'jobcoach');
  const r = await t.call('jobcoach', 'POST', `/api/participants/${own.id}/intake`, intakeBody());
  assert.equal(r.status, 201, r.text);
});

/* ---- participation ladder ---- */

test('GET /api/codes lists the ladder levels 1..6', async () => {
  const r = await t.call('klantmanager', 'GET', '/api/codes');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.ladder.map((x) => Number(x.code)), [1, 2, 3, 4, 5, 6]);
});

test('ladder: levels over time; current is the latest assessment by date, not the last one added', async () => {
  const p = await t.create();
  assert.deepEqual(await getLadder(p.id), { items: [], current: null });
  const add = async (assessed_on, level, note) => {
    const r = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/ladder`,
      note === undefined ? { assessed_on, level } : { assessed_on, level, note });
    assert.equal(r.status, 201, r.text);
    return r.body;
  };
  const a = await add(d(-200), 2, 'weinig sociale contacten');
  for (const k of ['id', 'assessed_on', 'level', 'level_label', 'assessor', 'note']) assert.ok(k in a, `item member ${k}`);
  assert.equal(a.assessed_on, d(-200));
  assert.equal(a.level, 2);
  assert.equal(typeof a.level_label, 'string');
  assert.ok(a.level_label.length > 0);
  assert.equal(a.assessor, km.display_name, 'the assessor is the user');
  assert.equal(a.note, 'weinig sociale contacten');
  const b = await add(d(-10), 4);
  const c = await add(d(-90), 3); // added last, assessed in between
  const body = await getLadder(p.id);
  assert.deepEqual(body.items.map((x) => x.id), [b.id, c.id, a.id], 'newest first by assessed_on');
  assert.equal(body.current.id, b.id);
  assert.equal(body.current.level, 4);
  assert.deepEqual(body.items.map((x) => x.level), [4, 3, 2], 'history kept');
  // levels 1 and 6 are the ends of the ladder; today is not in the future
  await add(d(-300), 1);
  const top = await add(today(), 6);
  const after = await getLadder(p.id);
  assert.equal(after.current.id, top.id);
  assert.equal(after.items.length, 5);
});

test('ladder refused: level outside 1..6 or not a whole number, future or bad date, bad note, unknown members', async () => {
  const p = await t.create();
  const ok = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/ladder`, { assessed_on: d(-5), level: 3 });
  assert.equal(ok.status, 201, ok.text);
  for (const level of [0, 7, -1, 2.5, '3', null]) {
    await refusedLadder(p.id, { assessed_on: d(-1), level }, 422, 'level');
  }
  await refusedLadder(p.id, { assessed_on: d(-1) }, 422, 'level');
  await refusedLadder(p.id, { assessed_on: d(1), level: 4 }, 422, 'assessed_on');
  await refusedLadder(p.id, { assessed_on: '2025-04-31', level: 4 }, 422, 'assessed_on');
  await refusedLadder(p.id, { level: 4 }, 422, 'assessed_on');
  await refusedLadder(p.id, { assessed_on: d(-1), level: 4, note: '' }, 422, 'note');
  await refusedLadder(p.id, { assessed_on: d(-1), level: 4, note: 'x'.repeat(1001) }, 422, 'note');
  const u = await refusedLadder(p.id, { assessed_on: d(-1), level: 4, assessor: 'iemand' }, 422, 'assessor');
  assert.equal(reasonOf(u, 'assessor'), 'unknown field');
  await refusedLadder(p.id, '{"level": 4', 400, 'body');
});

test('ladder: unknown participant 404; wrong role or relation 403', async () => {
  assertProblem(await t.call('klantmanager', 'GET', '/api/participants/888888/ladder'), 404);
  assertProblem(await t.call('klantmanager', 'POST', '/api/participants/888888/ladder', { assessed_on: d(-1), level: 3 }), 404);
  const p = await t.create();
  for (const user of ['accountmanager', 'regisseur', 'jobcoach2', 'beheerder', 'werkgever', 'vrijwilliger']) {
    await refusedLadder(p.id, { assessed_on: d(-1), level: 3 }, 403, undefined, user);
  }
  for (const user of ['beheerder', 'jobcoach2', 'werkgever', 'vrijwilliger']) {
    assertProblem(await t.call(user, 'GET', `/api/participants/${p.id}/ladder`), 403);
  }
  assert.equal((await getLadder(p.id, 'accountmanager')).current, null, 'the account manager reads paths');
});
