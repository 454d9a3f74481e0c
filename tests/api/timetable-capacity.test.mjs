// timetable-capacity.test.mjs - GET /api/capacity (docs/week-plan.md
// "Capacity overview"): per active placement, week and day-part the number
// of participants with a work entry there in their week plan, the day-parts
// over capacity, production halls marked; an employer sees its own
// placements only. And `meedoen plan capacity` on the command line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, uniqueName, runCli } from './helpers.mjs';

const TODAY = '2026-11-18'; // Wednesday; its week starts on Monday 16 November
const WEEK1 = '2026-11-16';
const WEEK2 = '2026-11-23';
const CODES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
  .flatMap((d) => ['morning', 'afternoon', 'evening'].map((p) => `${d}_${p}`));
const at = (code) => CODES.indexOf(code);

let t;
let orgs;
let hall; // a production hall of the social work company, 1 place per day-part
let own; // a placement of the demo employer user's organisation
let employerOrg;

async function placement(fields) {
  const r = await t.call('accountmanager', 'POST', '/api/placements',
    { kind: 'external_work_learning', title: `Plek ${uniqueName('C')}`, capacity: 1, ...fields });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

async function work(p, pl, fields) {
  const r = await t.call('jobcoach', 'POST', `/api/participants/${p.id}/week-plan/entries`, {
    kind: 'work', placement_id: pl.id, override_reason: 'test: bewust zo gepland', ...fields,
  });
  assert.equal(r.status, 201, `work entry: ${r.status} ${r.text}`);
  return r.body.entry;
}

async function capacity(query, user = 'accountmanager') {
  const r = await t.call(user, 'GET', `/api/capacity${query}`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

before(async () => {
  t = await setup({ participants: 10, env: { MEEDOEN_NOW: TODAY } });
  orgs = await t.orgs();
  employerOrg = (await t.me('werkgever')).organisation_id;
  hall = await placement({ organisation_id: orgs.social_work_company.id, kind: 'internal_work_learning',
    title: `Hal ${uniqueName('H')}`, day_parts: ['mon_morning', 'tue_morning'] });
  own = await placement({ organisation_id: employerOrg, title: `Eigen ${uniqueName('E')}` });
  const [p1, p2, p3, p4] = [await t.create({}, 'jobcoach'), await t.create({}, 'jobcoach'),
    await t.create({}, 'jobcoach'), await t.create({}, 'jobcoach')];
  await work(p1, hall, { day_parts: ['mon_morning', 'tue_morning'], valid_from: WEEK1 });
  await work(p1, hall, { day_parts: ['mon_morning'], valid_from: WEEK1 }); // counted once
  await work(p2, hall, { day_parts: ['mon_morning'], valid_from: TODAY }); // from Wednesday: not on the 16th
  await work(p3, hall, { day_parts: ['tue_morning'], valid_from: WEEK1, valid_until: '2026-11-17' });
  const gone = await work(p4, hall, { day_parts: ['mon_morning', 'tue_morning'], valid_from: WEEK1 });
  const rm = await t.call('jobcoach', 'POST', `/api/week-plan/entries/${gone.id}/remove`, { override_reason: 'test: weg' });
  assert.equal(rm.status, 200, rm.text);
  await work(p4, own, { day_parts: ['wed_afternoon'], valid_from: WEEK1 });
});
after(async () => { await t?.stop(); });

test('capacity: counts distinct participants per week and day-part; over capacity named; halls marked', async () => {
  const b = await capacity(`?from=${TODAY}&weeks=2&organisation=${orgs.social_work_company.id}`);
  assert.equal(b.from, WEEK1, 'the Monday of from');
  assert.deepEqual(b.weeks, [WEEK1, WEEK2]);
  const h = b.items.find((x) => x.placement_id === hall.id);
  assert.ok(h, 'the hall is listed');
  assert.equal(h.title, hall.title);
  assert.equal(h.organisation_id, orgs.social_work_company.id);
  assert.equal(h.organisation_name, orgs.social_work_company.name);
  assert.equal(h.is_hall, true);
  assert.equal(h.capacity, 1);
  assert.deepEqual(h.day_parts, ['mon_morning', 'tue_morning']);
  assert.equal(h.grid.length, 2);
  const [w1, w2] = h.grid;
  assert.equal(w1.week, WEEK1);
  assert.equal(w1.planned.length, 21);
  assert.equal(w1.planned[at('mon_morning')], 1, 'p1 (two entries, once); p2 starts later; p4 removed');
  assert.equal(w1.planned[at('tue_morning')], 2, 'p1 and p3');
  assert.equal(w1.planned.reduce((a, n) => a + n, 0), 3);
  assert.deepEqual(w1.over, ['tue_morning']);
  assert.equal(w2.week, WEEK2);
  assert.equal(w2.planned[at('mon_morning')], 2, 'p1 and p2');
  assert.equal(w2.planned[at('tue_morning')], 1, 'p3 ended');
  assert.deepEqual(w2.over, ['mon_morning']);
  assert.ok(b.items.every((x) => x.organisation_id === orgs.social_work_company.id), 'one organisation');
  assert.ok(!JSON.stringify(b).includes('family_name'), 'counts only, no names');
});

test('capacity: default four weeks from this week; bad parameters name their field', async () => {
  const b = await capacity('');
  assert.equal(b.from, WEEK1);
  assert.equal(b.weeks.length, 4);
  const e = b.items.find((x) => x.placement_id === own.id);
  assert.equal(e.is_hall, false);
  assert.equal(e.grid[0].planned[at('wed_afternoon')], 1);
  assert.deepEqual(e.grid[3].over, []);
  for (const [q, field] of [['?weeks=0', 'weeks'], ['?weeks=13', 'weeks'], ['?weeks=x', 'weeks'],
    ['?from=2026-02-30', 'from'], ['?organisation=-1', 'organisation']]) {
    assertProblem(await t.call('accountmanager', 'GET', `/api/capacity${q}`), 422, field);
  }
  assert.equal((await capacity('?weeks=12')).weeks.length, 12);
});

test('capacity: an employer sees its own placements only; roles without employer access none', async () => {
  const b = await capacity('?weeks=1', 'werkgever');
  assert.ok(b.items.length > 0);
  assert.ok(b.items.every((x) => x.organisation_id === employerOrg), 'own organisation only');
  assert.ok(b.items.some((x) => x.placement_id === own.id));
  assertProblem(await t.call('werkgever', 'GET', `/api/capacity?organisation=${orgs.social_work_company.id}`), 403);
  for (const user of ['taalaanbieder', 'vrijwilliger', 'beheerder']) {
    assertProblem(await t.call(user, 'GET', '/api/capacity'), 403);
  }
  const jc = await capacity(`?organisation=${orgs.social_work_company.id}&weeks=1`, 'jobcoach');
  assert.ok(jc.items.some((x) => x.placement_id === hall.id));
});

test('capacity: `meedoen plan capacity` prints the grid', async () => {
  const r = runCli(['--db', t.srv.db, 'plan', 'capacity', '--from', TODAY, '--weeks', '1',
    '--organisation', String(orgs.social_work_company.id)]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.stdout.includes(hall.title), r.stdout);
  assert.match(r.stdout, new RegExp(`week ${WEEK1}`));
  assert.match(r.stdout, /ochtend\s+1\s+2!/, 'Monday morning 1, Tuesday morning 2 over capacity');
  const json = runCli(['--db', t.srv.db, 'plan', 'capacity', '--from', TODAY, '--weeks', '2', '--json']);
  assert.equal(json.status, 0, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout).weeks, [WEEK1, WEEK2]);
  const bad = runCli(['--db', t.srv.db, 'plan', 'capacity', '--weeks', '20']);
  assert.equal(bad.status, 2);
});
