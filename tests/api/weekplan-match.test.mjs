// weekplan-match.test.mjs - the queries for matching (docs/week-plan.md
// "Queries for matching"): GET /api/week-plan/free lists the participants
// whose plan the reader may read that are free in a pattern of day-parts
// (entries and classes both take time; only that week counts), and
// GET /api/participants/{id}/fitting-placements lists the active
// placements whose day-parts and full days fit one participant's free
// day-parts. Bad parameters name the field.
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
  t = await setup({ participants: 20 });
  orgs = await t.orgs();
});
after(async () => { await t?.stop(); });

async function add(pid, body) {
  const r = await t.call('jobcoach', 'POST', `/api/participants/${pid}/week-plan/entries`, { valid_from: MON, ...body });
  assert.equal(r.status, 201, `POST entry ${JSON.stringify(body)}: ${r.text}`);
  return r.body.entry;
}

async function free(query, user = 'jobcoach') {
  const r = await t.call(user, 'GET', `/api/week-plan/free?${query}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(typeof r.body.total, 'number');
  return r.body;
}

const ids = (body) => body.items.map((i) => i.participant_id);

test('GET /api/week-plan/free: who is free on Tuesday, by entries and classes, in the week asked', async () => {
  const busy = await t.create({ family_name: uniqueName('Vrij') }, 'jobcoach');
  const inClass = await t.create({ family_name: uniqueName('Vrij') }, 'jobcoach');
  const idle = await t.create({ family_name: uniqueName('Vrij') }, 'jobcoach');
  const later = await t.create({ family_name: uniqueName('Vrij') }, 'jobcoach');
  await add(busy.id, { kind: 'work', day_parts: ['tue_afternoon'] });
  await add(later.id, { kind: 'work', day_parts: ['tue_morning'], valid_from: day(14) });
  const g = await t.call('taalaanbieder', 'POST', '/api/class-groups', { name: `Groep ${uniqueName('G')}`,
    start_date: addDays(today(), -7), end_date: addDays(today(), 90),
    sessions: [{ weekday: 'tue', start_time: '09:00', end_time: '10:30' }] });
  assert.equal(g.status, 201, g.text);
  const en = await t.call('jobcoach', 'POST', `/api/class-groups/${g.body.id}/enrolments`, { participant_id: inClass.id });
  assert.equal(en.status, 201, en.text);

  const tue = await free(`day_parts=tue_morning,tue_afternoon&week=${MON}`);
  assert.ok(ids(tue).includes(idle.id), 'nothing planned: free');
  assert.ok(ids(tue).includes(later.id), 'work that starts later does not count this week');
  assert.ok(!ids(tue).includes(busy.id), 'work on Tuesday afternoon: not free');
  assert.ok(!ids(tue).includes(inClass.id), 'a class on Tuesday morning: not free');
  const row = tue.items.find((i) => i.participant_id === idle.id);
  assert.equal(row.family_name, idle.family_name);
  assert.equal(row.given_names, idle.given_names);
  assert.equal(tue.total, tue.items.length);

  const laterWeek = await free(`day_parts=tue_morning&week=${day(14)}`);
  assert.ok(!ids(laterWeek).includes(later.id), 'in the week the work starts: not free');
  assert.ok(ids(laterWeek).includes(busy.id), 'afternoon work leaves the morning free');

  const evening = await free('day_parts=tue_evening');
  assert.ok(ids(evening).includes(inClass.id));

  // full days: busy has Tuesday afternoon taken, so 7 full days is impossible for them
  const all7 = await free(`full_days=7&week=${MON}`);
  assert.ok(ids(all7).includes(idle.id));
  assert.ok(!ids(all7).includes(busy.id));

  // another job coach sees none of these people
  const other = await free(`day_parts=tue_morning&week=${MON}`, 'jobcoach2');
  for (const p of [busy, inClass, idle, later])
    assert.ok(!ids(other).includes(p.id), 'only plans the reader may read');

  // bad parameters
  assertProblem(await t.call('jobcoach', 'GET', '/api/week-plan/free?day_parts=tue_noon'), 422, 'day_parts');
  assertProblem(await t.call('jobcoach', 'GET', '/api/week-plan/free?full_days=8'), 422, 'full_days');
  assertProblem(await t.call('jobcoach', 'GET', '/api/week-plan/free?full_days=x'), 422, 'full_days');
  assertProblem(await t.call('jobcoach', 'GET', '/api/week-plan/free?week=2025-02-30'), 422, 'week');
  assertProblem(await t.call('beheerder', 'GET', '/api/week-plan/free'), 403);

  // the listing is logged for the people shown
  const log = await t.call('klantmanager', 'GET', `/api/participants/${idle.id}/log?per_page=50`);
  assert.ok(log.body.items.some((e) => e.activity === 'mdn-015'), 'logged under week planning');
});

test('GET fitting-placements: the placements whose day-parts and full days fit the free day-parts', async () => {
  const p = await t.create({ family_name: uniqueName('Pas') }, 'jobcoach');
  await add(p.id, { kind: 'training', day_parts: ['tue_morning'] });
  const emp = await t.call('accountmanager', 'POST', '/api/employers', { name: uniqueName('Kwekerij'), sector: 'greenhouse_horticulture' });
  assert.equal(emp.status, 201, emp.text);
  const mk = async (fields, org = emp.body.id) => {
    const r = await t.call('accountmanager', 'POST', '/api/placements', { organisation_id: org,
      kind: 'external_work_learning', title: `Plek ${uniqueName('F')}`, capacity: 3, ...fields });
    assert.equal(r.status, 201, r.text);
    return r.body;
  };
  const wed = await mk({ day_parts: ['wed_morning', 'wed_afternoon'] });
  const tue = await mk({ day_parts: ['tue_morning'] });
  const full = await mk({ day_parts: ['mon_morning'], full_days: true });
  const closed = await mk({ day_parts: ['fri_morning'], active: false });
  // a place open on more day-parts than its hours need lets the person choose
  const choice = await mk({ day_parts: ['tue_morning', 'wed_morning', 'thu_morning'], hours_per_week: 8 });
  // a production hall is open all week: each person works their own days there
  const hall = await mk({ kind: 'internal_work_learning', day_parts: ['tue_morning'] }, orgs.social_work_company.id);

  const r = await t.call('jobcoach', 'GET', `/api/participants/${p.id}/fitting-placements?week=${MON}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.free_day_parts.includes('tue_morning'), false);
  assert.equal(r.body.free_day_parts.length, 20);
  const got = r.body.items.map((x) => x.id);
  assert.ok(got.includes(wed.id), 'Wednesday is free');
  assert.ok(!got.includes(tue.id), 'Tuesday morning is taken');
  assert.ok(got.includes(full.id), 'full days are free');
  assert.ok(!got.includes(closed.id), 'inactive placements are not offered');
  assert.ok(got.includes(choice.id), 'Tuesday is one of the day-parts to choose from');
  assert.ok(got.includes(hall.id), 'a hall asks for no day-part of its own');
  const row = r.body.items.find((x) => x.id === wed.id);
  assert.deepEqual(row.day_parts, ['wed_morning', 'wed_afternoon']);

  assertProblem(await t.call('jobcoach2', 'GET', `/api/participants/${p.id}/fitting-placements`), 403);
  assertProblem(await t.call('jobcoach', 'GET', `/api/participants/${p.id}/fitting-placements?week=x`), 422, 'week');
});
