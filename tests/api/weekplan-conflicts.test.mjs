// weekplan-conflicts.test.mjs - conflicts of a week plan and overriding
// them (docs/week-plan.md "The week plan", "Override", and the class
// enrolments of "Class groups and timetables"): a class from an enrolment
// overlapping work is refused (409 with "conflicts" naming both items,
// nothing stored) until an override_reason accepts it, after which the
// plan shows the conflict as accepted; below_minimum while in
// work-learning; hall_full at a production hall of capacity 1; removing
// with and without override; ending an enrolment ends its link; a group's
// exception cancels the class for everyone enrolled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, uniqueName, today, addDays } from './helpers.mjs';

let t;
let orgs;

function nextMonday() {
  const wd = (new Date(`${today()}T12:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(today(), 7 - wd);
}
const MON = nextMonday();
const day = (n) => addDays(MON, n);

before(async () => {
  t = await setup({ participants: 5 });
  orgs = await t.orgs();
  // class groups come from the timetable side; wait until it answers
  for (let i = 0; i < 60; i++) {
    const r = await t.call('taalaanbieder', 'GET', '/api/class-groups');
    if (r.status === 200) break;
    await new Promise((ok) => setTimeout(ok, 5000));
  }
});
after(async () => { await t?.stop(); });

const participant = () => t.create({ family_name: uniqueName('Conf') }, 'jobcoach');

async function inWorkLearning() {
  const p = await participant();
  for (const [kind, start] of [['intake', addDays(today(), -60)], ['internal_work_learning', addDays(today(), -30)]]) {
    const r = await t.call('jobcoach', 'POST', `/api/participants/${p.id}/phases`, { kind, start_date: start });
    assert.equal(r.status, 201, `phase ${kind}: ${r.text}`);
  }
  return p;
}

async function plan(pid, week = MON) {
  const r = await t.call('jobcoach', 'GET', `/api/participants/${pid}/week-plan?week=${week}`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

async function links(pid) {
  const r = await t.call('klantmanager', 'GET', `/api/participants/${pid}/links`);
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

async function add(pid, body, user = 'jobcoach') {
  const r = await t.call(user, 'POST', `/api/participants/${pid}/week-plan/entries`, { valid_from: MON, ...body });
  assert.equal(r.status, 201, `POST entry ${JSON.stringify(body)}: ${r.status} ${r.text}`);
  return r.body;
}

async function group(sessions, user = 'taalaanbieder') {
  const body = { name: `Groep ${uniqueName('G')}`, level: 'A2', location: 'Taalhuis, Naaldwijk',
    start_date: addDays(today(), -14), end_date: addDays(today(), 200), sessions };
  if (user !== 'taalaanbieder') body.organisation_id = orgs.language_provider.id;
  const r = await t.call(user, 'POST', '/api/class-groups', body);
  assert.equal(r.status, 201, `POST /api/class-groups: ${r.status} ${r.text}`);
  return r.body;
}

async function hall(capacity) {
  const r = await t.call('accountmanager', 'POST', '/api/placements', {
    organisation_id: orgs.social_work_company.id, kind: 'internal_work_learning',
    title: `Hal ${uniqueName('H')}`, capacity });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

const cell = (p, code) => p.cells.find((c) => c.day_part === code);

test('a class overlapping work: 409 naming both, nothing stored; with override_reason enrolled and shown as accepted', async () => {
  const p = await participant();
  const { entry } = await add(p.id, { kind: 'work', title: 'Kassen', day_parts: ['tue_morning'] });
  const g = await group([{ weekday: 'tue', start_time: '09:00', end_time: '11:30' }]);
  const planBefore = await plan(p.id);
  const linksBefore = await links(p.id);

  let r = await t.call('jobcoach', 'POST', `/api/class-groups/${g.id}/enrolments`, { participant_id: p.id });
  const problem = assertProblem(r, 409);
  assert.ok(Array.isArray(problem.conflicts), `"conflicts" in the problem: ${r.text}`);
  const overlap = problem.conflicts.find((c) => c.rule === 'overlap');
  assert.ok(overlap, JSON.stringify(problem.conflicts));
  assert.ok(overlap.items.includes(entry.key), 'names the work entry');
  assert.ok(overlap.items.some((k) => /^t\d+$/.test(k)), 'names the class');
  assert.deepEqual(overlap.day_parts, ['tue_morning']);
  assert.equal(typeof overlap.message, 'string');
  assert.equal(overlap.accepted, null);
  assert.deepEqual(await plan(p.id), planBefore, 'the refused enrolment stored nothing');
  assert.deepEqual(await links(p.id), linksBefore, 'no link was made');

  assertProblem(await t.call('jobcoach', 'POST', `/api/class-groups/${g.id}/enrolments`,
    { participant_id: p.id, override_reason: 'x' }), 422, 'override_reason');

  r = await t.call('jobcoach', 'POST', `/api/class-groups/${g.id}/enrolments`,
    { participant_id: p.id, override_reason: 'werkgever past de dinsdag aan' });
  assert.equal(r.status, 201, r.text);
  const enrolment = r.body.enrolment;
  assert.equal(enrolment.group_id, g.id);
  assert.equal(enrolment.participant_id, p.id);
  const key = `t${enrolment.id}`;
  assert.ok(r.body.conflicts.some((c) => c.rule === 'overlap' && c.items.includes(key) && c.accepted), r.text);

  const w = await plan(p.id);
  const item = w.items.find((i) => i.key === key);
  assert.ok(item, 'the class is an item of the plan');
  assert.equal(item.source, 'timetable');
  assert.equal(item.id, null);
  assert.equal(item.enrolment_id, enrolment.id);
  assert.equal(item.group_id, g.id);
  assert.equal(item.kind, 'language_class');
  assert.equal(item.title, g.name);
  assert.deepEqual(item.day_parts, ['tue_morning']);
  assert.equal(item.start_time, '09:00');
  assert.equal(item.sessions.length, 1);
  assert.deepEqual(cell(w, 'tue_morning').items.sort(), [entry.key, key].sort());
  const c = w.conflicts.find((x) => x.rule === 'overlap');
  assert.ok(c, JSON.stringify(w.conflicts));
  assert.equal(c.accepted.reason, 'werkgever past de dinsdag aan');
  assert.equal(typeof c.accepted.user_name, 'string');
  assert.deepEqual(cell(w, 'tue_morning').conflicts, [w.conflicts.indexOf(c)]);
  assert.ok((await links(p.id)).some((l) => l.kind === 'language_course'), 'linked to the provider');

  // changing something else now is not refused: the overlap was accepted
  const more = await add(p.id, { kind: 'other', day_parts: ['wed_evening'] });
  assert.equal(more.entry.kind, 'other');

  // enrolled twice in the same period: 409
  assertProblem(await t.call('jobcoach', 'POST', `/api/class-groups/${g.id}/enrolments`,
    { participant_id: p.id, override_reason: 'nogmaals' }), 409, 'participant_id');

  // the log has the enrolment under class attendance (mdn-016)
  const log = await t.call('klantmanager', 'GET', `/api/participants/${p.id}/log?per_page=100`);
  assert.ok(log.body.items.some((e) => e.activity === 'mdn-016'), 'enrolment logged as mdn-016');
});

test('adding work over a class: 409 unless overridden, and the override is kept with the entry', async () => {
  const p = await participant();
  const g = await group([{ weekday: 'thu', start_time: '13:30', end_time: '15:30' }], 'projectleider');
  let r = await t.call('jobcoach', 'POST', `/api/class-groups/${g.id}/enrolments`, { participant_id: p.id, start_date: MON });
  assert.equal(r.status, 201, r.text);
  const classKey = `t${r.body.enrolment.id}`;

  const before = await plan(p.id);
  r = await t.call('jobcoach', 'POST', `/api/participants/${p.id}/week-plan/entries`,
    { kind: 'work', weekdays: ['thu'], start_time: '13:00', end_time: '17:00', valid_from: MON });
  const problem = assertProblem(r, 409);
  assert.ok(problem.conflicts.some((c) => c.rule === 'overlap' && c.items.includes(classKey)), r.text);
  assert.deepEqual(await plan(p.id), before, 'nothing stored');

  r = await t.call('jobcoach', 'POST', `/api/participants/${p.id}/week-plan/entries`,
    { kind: 'work', weekdays: ['thu'], start_time: '13:00', end_time: '17:00', valid_from: MON,
      override_reason: 'alleen deze maand' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.entry.overrides.length, 1);
  assert.equal(r.body.entry.overrides[0].reason, 'alleen deze maand');
  assert.ok(r.body.entry.overrides[0].conflicts.some((k) => k.startsWith('overlap:')), JSON.stringify(r.body.entry.overrides));

  // a work time that does not touch the class is fine
  const ok = await add(p.id, { kind: 'work', weekdays: ['fri'], start_time: '13:00', end_time: '17:00' });
  assert.deepEqual(ok.entry.day_parts, ['fri_afternoon']);

  // ending the enrolment ends the link; the class is gone after its end
  const enrolments = (await plan(p.id)).items.filter((i) => i.source === 'timetable');
  r = await t.call('jobcoach', 'PATCH', `/api/class-enrolments/${enrolments[0].enrolment_id}`, { end_date: day(7) });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.end_date, day(7));
  const link = (await links(p.id)).find((l) => l.kind === 'language_course');
  assert.equal(link.end_date, day(7), 'the link ends with the enrolment');
  assert.ok((await plan(p.id, MON)).items.some((i) => i.key === classKey), 'still there before it ends');
  assert.ok(!(await plan(p.id, day(7))).items.some((i) => i.key === classKey), 'gone after its last Thursday');
  assertProblem(await t.call('jobcoach', 'PATCH', `/api/class-enrolments/${enrolments[0].enrolment_id}`,
    { end_date: '2000-01-01' }), 422, 'end_date');
  assertProblem(await t.call('jobcoach', 'PATCH', `/api/class-enrolments/${enrolments[0].enrolment_id}`, {}), 422, 'end_date');
  assertProblem(await t.call('jobcoach2', 'PATCH', `/api/class-enrolments/${enrolments[0].enrolment_id}`,
    { end_date: day(8) }), 403);
});

test('enrolment refusals: fields, a provider without the path, an unknown group', async () => {
  const p = await participant();
  const g = await group([{ weekday: 'mon', start_time: '18:30', end_time: '20:00' }]);
  assertProblem(await t.call('jobcoach', 'POST', `/api/class-groups/${g.id}/enrolments`, {}), 422, 'participant_id');
  assertProblem(await t.call('jobcoach', 'POST', `/api/class-groups/${g.id}/enrolments`,
    { participant_id: p.id, start_date: day(5), end_date: day(2) }), 422, 'end_date');
  assertProblem(await t.call('jobcoach', 'POST', `/api/class-groups/${g.id}/enrolments`,
    { participant_id: p.id, start_date: addDays(today(), 400) }), 422, 'start_date');
  assertProblem(await t.call('jobcoach', 'POST', `/api/class-groups/${g.id}/enrolments`,
    { participant_id: p.id, shoe_size: 42 }), 422, 'shoe_size');
  assertProblem(await t.call('jobcoach', 'POST', '/api/class-groups/999999/enrolments', { participant_id: p.id }), 404);
  assertProblem(await t.call('jobcoach2', 'POST', `/api/class-groups/${g.id}/enrolments`, { participant_id: p.id }), 403);
  assertProblem(await t.call('taalaanbieder', 'POST', `/api/class-groups/${g.id}/enrolments`, { participant_id: p.id }), 403);
  assert.deepEqual((await plan(p.id)).items, [], 'nothing enrolled');
  assert.ok(!(await links(p.id)).some((l) => l.kind === 'language_course'));
});

test('a class group\'s exception cancels the class for the people enrolled', async () => {
  const p = await participant();
  const g = await group([{ weekday: 'wed', start_time: '09:00', end_time: '11:00' }]);
  let r = await t.call('jobcoach', 'POST', `/api/class-groups/${g.id}/enrolments`, { participant_id: p.id });
  assert.equal(r.status, 201, r.text);
  const key = `t${r.body.enrolment.id}`;
  r = await t.call('taalaanbieder', 'POST', `/api/class-groups/${g.id}/exceptions`, { from_date: day(2), reason: 'studiedag' });
  assert.equal(r.status, 201, r.text);
  const w = await plan(p.id);
  assert.deepEqual(cell(w, 'wed_morning').items, []);
  assert.deepEqual(cell(w, 'wed_morning').cancelled, [key]);
  const item = w.items.find((i) => i.key === key);
  assert.equal(item.exceptions.length, 1);
  assert.equal(item.exceptions[0].reason, 'studiedag');
  assert.deepEqual(cell(await plan(p.id, day(7)), 'wed_morning').items, [key]);
});

test('below_minimum while in work-learning: shown, and a change that makes it is refused unless overridden', async () => {
  const p = await inWorkLearning();
  let w = await plan(p.id);
  assert.equal(w.person.in_work_learning, true);
  assert.ok(w.conflicts.some((c) => c.rule === 'below_minimum'), 'no work at all is below the minimum');

  const { entry } = await add(p.id, { kind: 'work', day_parts: ['mon_morning', 'mon_afternoon'] });
  w = await plan(p.id);
  assert.ok(!w.conflicts.some((c) => c.rule === 'below_minimum'), JSON.stringify(w.conflicts));
  assert.equal(w.work_day_parts, 2);

  // a participant not in work-learning has no work rules
  const q = await participant();
  assert.deepEqual((await plan(q.id)).conflicts, []);

  // cutting work to one day-part: 409
  const before = await plan(p.id);
  let r = await t.call('jobcoach', 'PATCH', `/api/week-plan/entries/${entry.id}`, { day_parts: ['mon_morning'] });
  const problem = assertProblem(r, 409);
  assert.deepEqual(problem.conflicts.map((c) => c.rule), ['below_minimum']);
  assert.equal(problem.conflicts[0].key, 'below_minimum');
  assert.deepEqual(await plan(p.id), before, 'nothing changed');

  // removing the work: 409, then with a reason
  r = await t.call('jobcoach', 'POST', `/api/week-plan/entries/${entry.id}/remove`, {});
  assert.deepEqual(assertProblem(r, 409).conflicts.map((c) => c.rule), ['below_minimum']);
  assert.deepEqual(await plan(p.id), before, 'nothing removed');
  r = await t.call('jobcoach', 'POST', `/api/week-plan/entries/${entry.id}/remove`, { override_reason: 'ziekgemeld, tijdelijk' });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.entry.removed_at);
  assert.equal(r.body.entry.overrides.length, 1);
  w = await plan(p.id);
  const c = w.conflicts.find((x) => x.rule === 'below_minimum');
  assert.equal(c.accepted.reason, 'ziekgemeld, tijdelijk');
});

test('hall_full: two people at a production hall of capacity 1 in the same day-part', async () => {
  const h = await hall(1);
  const a = await participant();
  const b = await participant();
  const first = await add(a.id, { kind: 'work', placement_id: h.id, day_parts: ['thu_morning', 'thu_afternoon'] });
  assert.deepEqual(first.conflicts.filter((c) => c.rule === 'hall_full'), []);

  const before = await plan(b.id);
  let r = await t.call('jobcoach', 'POST', `/api/participants/${b.id}/week-plan/entries`,
    { kind: 'work', placement_id: h.id, day_parts: ['thu_morning', 'fri_morning'], valid_from: MON });
  const problem = assertProblem(r, 409);
  const full = problem.conflicts.filter((c) => c.rule === 'hall_full');
  assert.equal(full.length, 1, r.text);
  assert.deepEqual(full[0].day_parts, ['thu_morning']);
  assert.match(full[0].key, new RegExp(`^hall_full:p${h.id}:thu_morning`));
  assert.deepEqual(await plan(b.id), before);

  // on another day-part there is room
  r = await t.call('jobcoach', 'POST', `/api/participants/${b.id}/week-plan/entries`,
    { kind: 'work', placement_id: h.id, day_parts: ['fri_morning'], valid_from: MON });
  assert.equal(r.status, 201, r.text);
});

test('a plan starting mid-week: removing work below the minimum is still a new conflict in the weeks after', async () => {
  // the first week holds too little work because the plan starts late in it;
  // the same rule in the following weeks is new and needs a reason
  const p = await inWorkLearning();
  const lastDay = addDays(MON, -1); // the Sunday before MON: the plan's first day
  const e1 = await add(p.id, { kind: 'work', day_parts: ['tue_morning'], valid_from: lastDay });
  await add(p.id, { kind: 'work', day_parts: ['thu_morning'], valid_from: lastDay });
  const first = await plan(p.id, lastDay);
  assert.ok(first.conflicts.some((c) => c.rule === 'below_minimum'), 'the starting week is short of work');
  assert.ok(!(await plan(p.id)).conflicts.some((c) => c.rule === 'below_minimum'), 'a full week is not');

  const r = await t.call('jobcoach', 'POST', `/api/week-plan/entries/${e1.entry.id}/remove`, {});
  assertProblem(r, 409);
  assert.ok(r.body.conflicts.some((c) => c.rule === 'below_minimum'), r.text);
  assert.equal((await plan(p.id)).items.filter((i) => i.kind === 'work').length, 2, 'nothing removed');
});

test('placing someone at a place that needs their class day-parts: 422 day_parts unless overridden; a hall never asks', async () => {
  const intake = async (x) => {
    const r = await t.call('jobcoach', 'POST', `/api/participants/${x.id}/phases`,
      { kind: 'intake', start_date: addDays(today(), -20) });
    assert.equal(r.status, 201, r.text);
  };
  const p = await participant();
  await intake(p);
  const g = await group([{ weekday: 'tue', start_time: '09:00', end_time: '11:30' }]);
  let r = await t.call('jobcoach', 'POST', `/api/class-groups/${g.id}/enrolments`,
    { participant_id: p.id, start_date: addDays(today(), -7) });
  assert.equal(r.status, 201, r.text);
  const emp = await t.call('accountmanager', 'POST', '/api/employers', { name: uniqueName('Kwekerij'), sector: 'greenhouse_horticulture' });
  assert.equal(emp.status, 201, emp.text);
  // 9 hours on two day-parts: both are needed, Tuesday morning included
  const pl = await t.call('accountmanager', 'POST', '/api/placements', { organisation_id: emp.body.id,
    kind: 'external_work_learning', title: `Oogst ${uniqueName('P')}`, capacity: 2,
    day_parts: ['tue_morning', 'thu_morning'], hours_per_week: 9 });
  assert.equal(pl.status, 201, pl.text);
  const phase = { kind: 'external_work_learning', start_date: today(), placement_id: pl.body.id };
  r = await t.call('jobcoach', 'POST', `/api/participants/${p.id}/phases`, phase);
  const problem = assertProblem(r, 422, 'day_parts');
  assert.match(problem.errors.find((x) => x.field === 'day_parts').reason, /dinsdagochtend/);
  const phases = await t.call('jobcoach', 'GET', `/api/participants/${p.id}/phases`);
  assert.ok(!JSON.stringify(phases.body).includes(`"placement_id":${pl.body.id}`), 'not placed');

  r = await t.call('jobcoach', 'POST', `/api/participants/${p.id}/phases`,
    { ...phase, override_reason: 'werkgever schuift de dinsdag naar de middag' });
  assert.equal(r.status, 201, r.text);

  const q = await participant();
  await intake(q);
  r = await t.call('jobcoach', 'POST', `/api/class-groups/${g.id}/enrolments`,
    { participant_id: q.id, start_date: addDays(today(), -7) });
  assert.equal(r.status, 201, r.text);
  const h = await hall(5);
  r = await t.call('jobcoach', 'POST', `/api/participants/${q.id}/phases`,
    { kind: 'internal_work_learning', start_date: today(), placement_id: h.id });
  assert.equal(r.status, 201, `a hall asks for no day-part: ${r.text}`);
});
