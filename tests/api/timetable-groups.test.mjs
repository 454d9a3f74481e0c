// timetable-groups.test.mjs - the day-part clock times and the language
// providers' class groups (docs/week-plan.md "Day-part clock times",
// "Class groups and timetables"): GET/PUT /api/day-part-times,
// GET/POST /api/class-groups, GET/PATCH /api/class-groups/{id},
// POST /api/class-groups/{id}/exceptions. Every refused request is checked
// to name the field and to change nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, reasonOf, uniqueName, login, api } from './helpers.mjs';

const TODAY = '2026-11-18'; // a Wednesday; the server's clock is pinned to it
const PASSWORD = 'een-lang-genoeg-wachtwoord';

let t;
let orgs;
let ownProvider; // the organisation of the demo user "taalaanbieder"
let otherProvider; // a second language provider organisation
let otherCookie; // a language-provider user of that organisation

before(async () => {
  t = await setup({ participants: 10, env: { MEEDOEN_NOW: TODAY } });
  orgs = await t.orgs();
  const me = await t.me('taalaanbieder'); // the demo provider user's own organisation
  ownProvider = { id: me.organisation_id, name: me.organisation_name };
  const o = await t.call('beheerder', 'POST', '/api/organisations',
    { name: uniqueName('Taalschool'), type: 'language_provider' });
  assert.equal(o.status, 201, o.text);
  otherProvider = o.body;
  const username = uniqueName('taal').toLowerCase();
  const u = await t.call('beheerder', 'POST', '/api/users', {
    username, display_name: 'Andere Taaldocent', password: PASSWORD, role: 'language_provider',
    organisation_id: otherProvider.id,
  });
  assert.equal(u.status, 201, u.text);
  otherCookie = await login(t.url, username, PASSWORD);
});
after(async () => { await t?.stop(); });

const DEFAULT_TIMES = {
  morning: { start_time: '08:30', end_time: '12:30' },
  afternoon: { start_time: '13:00', end_time: '17:00' },
  evening: { start_time: '18:30', end_time: '21:30' },
};

async function times(user = 'jobcoach') {
  const r = await t.call(user, 'GET', '/api/day-part-times');
  assert.equal(r.status, 200, r.text);
  return r.body;
}

function group(fields = {}) {
  return {
    name: uniqueName('A2-'),
    level: 'A2',
    location: 'Bibliotheek Naaldwijk, Wilhelminastraat 1',
    start_date: '2026-09-01',
    end_date: '2027-01-31',
    sessions: [
      { weekday: 'tue', start_time: '09:00', end_time: '11:30' },
      { weekday: 'thu', start_time: '13:30', end_time: '15:00' },
    ],
    ...fields,
  };
}

async function groups(user = 'projectleider', query = '?include_inactive=true') {
  const r = await t.call(user, 'GET', `/api/class-groups${query}`);
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

async function create(fields = {}, user = 'taalaanbieder') {
  const r = await t.call(user, 'POST', '/api/class-groups', group(fields));
  assert.equal(r.status, 201, r.text);
  return r.body;
}

// A refused create: the status, the field named, and no group added.
async function refusedCreate(body, status, field, user = 'taalaanbieder') {
  const before = await groups();
  const r = await t.call(user, 'POST', '/api/class-groups', body);
  const problem = assertProblem(r, status, field);
  assert.deepEqual(await groups(), before, 'no group was stored');
  return problem;
}

/* ---- day-part clock times ---- */

test('day-part times: every user reads the three parts with labels and times', async () => {
  for (const user of ['jobcoach', 'werkgever', 'taalaanbieder', 'beheerder']) {
    const b = await times(user);
    assert.deepEqual(b.items, [
      { part: 'morning', label: 'ochtend', start_time: '08:30', end_time: '12:30' },
      { part: 'afternoon', label: 'middag', start_time: '13:00', end_time: '17:00' },
      { part: 'evening', label: 'avond', start_time: '18:30', end_time: '21:30' },
    ]);
  }
  const r = await t.call(null, 'GET', '/api/day-part-times');
  assertProblem(r, 401);
});

test('day-part times: only the admin changes them; each bad field is named and nothing changes', async () => {
  const before = await times();
  for (const user of ['jobcoach', 'projectleider', 'taalaanbieder']) {
    assertProblem(await t.call(user, 'PUT', '/api/day-part-times', DEFAULT_TIMES), 403);
  }
  const bad = [
    [{ ...DEFAULT_TIMES, morning: { start_time: '08:30', end_time: '13:30' } }, 'morning.end_time'],
    [{ ...DEFAULT_TIMES, afternoon: { start_time: '13:00', end_time: '12:00' } }, 'afternoon.end_time'],
    [{ ...DEFAULT_TIMES, evening: { start_time: '18:30', end_time: '18:30' } }, 'evening.end_time'],
    [{ ...DEFAULT_TIMES, afternoon: { start_time: '1:00', end_time: '17:00' } }, 'afternoon.start_time'],
    [{ ...DEFAULT_TIMES, evening: { start_time: '18:30', end_time: '25:00' } }, 'evening.end_time'],
    [{ ...DEFAULT_TIMES, morning: { start_time: '08:30' } }, 'morning.end_time'],
    [{ morning: DEFAULT_TIMES.morning, afternoon: DEFAULT_TIMES.afternoon }, 'evening'],
    [{ ...DEFAULT_TIMES, night: DEFAULT_TIMES.evening }, 'night'],
  ];
  for (const [body, field] of bad) {
    const r = await t.call('beheerder', 'PUT', '/api/day-part-times', body);
    assertProblem(r, 422, field);
    assert.deepEqual(await times(), before, `nothing changed after a bad ${field}`);
  }
  const p = assertProblem(await t.call('beheerder', 'PUT', '/api/day-part-times',
    { ...DEFAULT_TIMES, morning: { start_time: '08:30', end_time: '13:30' } }), 422);
  assert.match(reasonOf(p, 'morning.end_time'), /13:30/);
});

test('day-part times: a change moves the classes to other day-parts (they are never stored)', async () => {
  const g = await create({ sessions: [{ weekday: 'mon', start_time: '12:15', end_time: '13:15' }] });
  assert.deepEqual(g.sessions[0].day_parts, ['mon_morning', 'mon_afternoon'], 'touches both by a quarter');
  const r = await t.call('beheerder', 'PUT', '/api/day-part-times', {
    ...DEFAULT_TIMES, morning: { start_time: '08:00', end_time: '12:00' }, afternoon: { start_time: '13:15', end_time: '17:00' },
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.items[0].end_time, '12:00');
  const moved = await t.call('jobcoach', 'GET', `/api/class-groups/${g.id}`);
  assert.equal(moved.status, 200, moved.text);
  // 12:15-13:15 now falls between the morning and the afternoon
  assert.deepEqual(moved.body.sessions[0].day_parts, []);
  assert.deepEqual(moved.body.day_parts, []);
  // and a new session there is refused, naming the times in force
  const p = await refusedCreate(group({ sessions: [{ weekday: 'mon', start_time: '12:15', end_time: '13:15' }] }),
    422, 'sessions[0].start_time');
  assert.match(reasonOf(p, 'sessions[0].start_time'), /12:00/);
  const back = await t.call('beheerder', 'PUT', '/api/day-part-times', DEFAULT_TIMES);
  assert.equal(back.status, 200, back.text);
  const again = await t.call('jobcoach', 'GET', `/api/class-groups/${g.id}`);
  assert.deepEqual(again.body.sessions[0].day_parts, ['mon_morning', 'mon_afternoon']);
});

/* ---- class groups ---- */

test('class groups: a provider creates one for its own organisation; day-parts follow the clock times', async () => {
  const body = group({ sessions: [
    { weekday: 'thu', start_time: '13:30', end_time: '15:00' },
    { weekday: 'tue', start_time: '09:00', end_time: '11:30' },
    { weekday: 'tue', start_time: '19:00', end_time: '21:00' },
  ] });
  const r = await t.call('taalaanbieder', 'POST', '/api/class-groups', body);
  assert.equal(r.status, 201, r.text);
  const g = r.body;
  assert.equal(typeof g.id, 'number');
  assert.equal(g.organisation_id, ownProvider.id);
  assert.equal(g.organisation_name, ownProvider.name);
  assert.equal(g.name, body.name);
  assert.equal(g.level, 'A2');
  assert.equal(g.location, body.location);
  assert.equal(g.start_date, '2026-09-01');
  assert.equal(g.end_date, '2027-01-31');
  assert.equal(g.active, true);
  assert.equal(g.enrolled, 0);
  assert.deepEqual(g.enrolments, []);
  assert.deepEqual(g.sessions.map((s) => [s.weekday, s.weekday_label, s.start_time, s.end_time, s.day_parts]), [
    ['tue', 'dinsdag', '09:00', '11:30', ['tue_morning']],
    ['tue', 'dinsdag', '19:00', '21:00', ['tue_evening']],
    ['thu', 'donderdag', '13:30', '15:00', ['thu_afternoon']],
  ], 'in week order, by start time');
  assert.ok(g.sessions.every((s) => typeof s.id === 'number'));
  assert.deepEqual(g.day_parts, ['tue_morning', 'tue_evening', 'thu_afternoon']);
  const got = await t.call('jobcoach', 'GET', `/api/class-groups/${g.id}`);
  assert.equal(got.status, 200, got.text);
  assert.deepEqual(got.body, g);
});

test('class groups: the project leader names the provider; it must be a language provider', async () => {
  const g = await create({ organisation_id: otherProvider.id }, 'projectleider');
  assert.equal(g.organisation_id, otherProvider.id);
  await refusedCreate(group(), 422, 'organisation_id', 'projectleider');
  let p = await refusedCreate(group({ organisation_id: orgs.employer.id }), 422, 'organisation_id', 'projectleider');
  assert.match(reasonOf(p, 'organisation_id'), /not a language provider/);
  p = await refusedCreate(group({ organisation_id: 999999 }), 422, 'organisation_id', 'projectleider');
  assert.match(reasonOf(p, 'organisation_id'), /does not exist/);
});

test('class groups: every bad input names its field and stores nothing', async () => {
  const cases = [
    [{ sessions: [{ weekday: 'tuesday', start_time: '09:00', end_time: '11:00' }] }, 'sessions[0].weekday'],
    [{ sessions: [{ weekday: 'tue', start_time: '11:00', end_time: '09:00' }] }, 'sessions[0].end_time'],
    [{ sessions: [{ weekday: 'tue', start_time: '09:00', end_time: '09:00' }] }, 'sessions[0].end_time'],
    [{ sessions: [{ weekday: 'tue', start_time: '9:00', end_time: '11:00' }] }, 'sessions[0].start_time'],
    [{ sessions: [{ weekday: 'tue', start_time: '21:45', end_time: '22:30' }] }, 'sessions[0].start_time'],
    [{ sessions: [{ weekday: 'tue', start_time: '12:35', end_time: '12:55' }] }, 'sessions[0].start_time'],
    [{ sessions: [{ weekday: 'tue', start_time: '09:00' }] }, 'sessions[0].end_time'],
    [{ sessions: [] }, 'sessions'],
    [{ sessions: 'tue 9-11' }, 'sessions'],
    [{ end_date: '2026-08-31' }, 'end_date'],
    [{ start_date: '2026-02-30' }, 'start_date'],
    [{ name: '' }, 'name'],
    [{ level: 'Z9' }, 'level'],
    [{ colour: 'red' }, 'colour'],
  ];
  for (const [fields, field] of cases) await refusedCreate(group(fields), 422, field);
  const p = await refusedCreate(group({ sessions: [
    { weekday: 'tue', start_time: '09:00', end_time: '11:30' },
    { weekday: 'tue', start_time: '11:00', end_time: '12:00' },
  ] }), 422, 'sessions[1]');
  assert.equal(reasonOf(p, 'sessions[1]'), 'overlaps the session on tue 09:00-11:30');
  const { name, ...noName } = group();
  assert.ok(name);
  await refusedCreate(noName, 422, 'name');
  // the same times on another weekday do not overlap
  await create({ sessions: [
    { weekday: 'tue', start_time: '09:00', end_time: '11:30' },
    { weekday: 'wed', start_time: '09:00', end_time: '11:30' },
    { weekday: 'tue', start_time: '11:30', end_time: '12:30' },
  ] });
});

test('class groups: who may create them', async () => {
  // a provider may not create groups for another organisation
  await refusedCreate(group({ organisation_id: otherProvider.id }), 403, undefined, 'taalaanbieder');
  for (const user of ['werkgever', 'jobcoach', 'klantmanager', 'beheerder']) {
    await refusedCreate(group(), 403, undefined, user);
  }
});

test('class groups: 409 on a name the provider already uses; another provider may use it', async () => {
  const g = await create();
  const p = await refusedCreate(group({ name: g.name }), 409, 'name');
  assert.match(reasonOf(p, 'name'), new RegExp(g.name));
  const other = await create({ name: g.name, organisation_id: otherProvider.id }, 'projectleider');
  assert.equal(other.name, g.name);
  // renaming onto a used name is a conflict too
  const h = await create();
  const before = (await t.call('taalaanbieder', 'GET', `/api/class-groups/${h.id}`)).body;
  assertProblem(await t.call('taalaanbieder', 'PATCH', `/api/class-groups/${h.id}`, { name: g.name }), 409, 'name');
  assert.deepEqual((await t.call('taalaanbieder', 'GET', `/api/class-groups/${h.id}`)).body, before);
});

test('class groups: who sees which (a provider its own only, everyone else all)', async () => {
  const mine = await create();
  const theirs = await create({ organisation_id: otherProvider.id }, 'projectleider');
  const own = await groups('taalaanbieder');
  assert.ok(own.some((g) => g.id === mine.id));
  assert.ok(own.every((g) => g.organisation_id === ownProvider.id), 'only its own organisation');
  assertProblem(await t.call('taalaanbieder', 'GET', `/api/class-groups/${theirs.id}`), 403);
  assertProblem(await t.call('taalaanbieder', 'GET', `/api/class-groups?organisation=${otherProvider.id}`), 403);
  const r = await api(t.url, otherCookie, 'GET', '/api/class-groups');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.items.some((g) => g.id === theirs.id));
  assert.ok(!r.body.items.some((g) => g.id === mine.id));
  for (const user of ['jobcoach', 'werkgever', 'vrijwilliger', 'projectleider']) {
    const all = await groups(user);
    assert.ok(all.some((g) => g.id === mine.id) && all.some((g) => g.id === theirs.id), user);
  }
  const filtered = await groups('jobcoach', `?organisation=${otherProvider.id}`);
  assert.ok(filtered.length > 0 && filtered.every((g) => g.organisation_id === otherProvider.id));
  assertProblem(await t.call('jobcoach', 'GET', '/api/class-groups?organisation=abc'), 422, 'organisation');
  assertProblem(await t.call('jobcoach', 'GET', '/api/class-groups/999999'), 404);
});

test('class groups: PATCH changes members, replaces the sessions, and refuses bad input whole', async () => {
  const g = await create();
  let r = await t.call('taalaanbieder', 'PATCH', `/api/class-groups/${g.id}`, {
    level: 'B1', location: null, sessions: [{ weekday: 'fri', start_time: '09:00', end_time: '12:00' }],
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.level, 'B1');
  assert.equal(r.body.location, null);
  assert.equal(r.body.name, g.name, 'members not given stay');
  assert.deepEqual(r.body.sessions.map((s) => [s.weekday, s.start_time, s.end_time]), [['fri', '09:00', '12:00']]);
  assert.deepEqual(r.body.day_parts, ['fri_morning']);
  const before = r.body;
  const bad = [
    [{ end_date: '2026-01-01' }, 'end_date'], // before the stored start date
    [{ sessions: [{ weekday: 'fri', start_time: '09:00', end_time: '10:00' },
      { weekday: 'fri', start_time: '09:30', end_time: '10:30' }] }, 'sessions[1]'],
    [{ sessions: [{ weekday: 'zon', start_time: '09:00', end_time: '10:00' }] }, 'sessions[0].weekday'],
    [{ name: null }, 'name'],
    [{ organisation_id: otherProvider.id }, 'organisation_id'],
    [{ level: 'B1', sessions: [] }, 'sessions'],
  ];
  for (const [body, field] of bad) {
    assertProblem(await t.call('taalaanbieder', 'PATCH', `/api/class-groups/${g.id}`, body), 422, field);
    const now = await t.call('taalaanbieder', 'GET', `/api/class-groups/${g.id}`);
    assert.deepEqual(now.body, before, `nothing changed after a bad ${field}`);
  }
  // another provider may not change it; deactivating hides it from the default list
  assertProblem(await api(t.url, otherCookie, 'PATCH', `/api/class-groups/${g.id}`, { level: 'A1' }), 403);
  r = await t.call('projectleider', 'PATCH', `/api/class-groups/${g.id}`, { active: false });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.active, false);
  assert.ok(!(await groups('jobcoach', '')).some((x) => x.id === g.id), 'inactive: not listed by default');
  assert.ok((await groups('jobcoach', '?include_inactive=true')).some((x) => x.id === g.id));
});

test('class groups: an exception (holiday) is kept with the group', async () => {
  const g = await create();
  const r = await t.call('taalaanbieder', 'POST', `/api/class-groups/${g.id}/exceptions`,
    { from_date: '2026-12-21', to_date: '2027-01-01', reason: 'kerstvakantie' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.id, g.id);
  assert.deepEqual(r.body.exceptions.map((x) => [x.from_date, x.to_date, x.reason]),
    [['2026-12-21', '2027-01-01', 'kerstvakantie']]);
  const one = await t.call('taalaanbieder', 'POST', `/api/class-groups/${g.id}/exceptions`,
    { from_date: '2026-11-24', reason: 'docent ziek' });
  assert.equal(one.status, 201, one.text);
  assert.deepEqual(one.body.exceptions[0], { ...one.body.exceptions[0], from_date: '2026-11-24', to_date: '2026-11-24' });
  const before = one.body;
  for (const [body, field] of [
    [{ from_date: '2026-12-21', to_date: '2026-12-01', reason: 'x y' }, 'to_date'],
    [{ from_date: '2026-12-21' }, 'reason'],
    [{ reason: 'vakantie' }, 'from_date'],
  ]) {
    assertProblem(await t.call('taalaanbieder', 'POST', `/api/class-groups/${g.id}/exceptions`, body), 422, field);
  }
  assertProblem(await t.call('jobcoach', 'POST', `/api/class-groups/${g.id}/exceptions`,
    { from_date: '2026-12-21', reason: 'vakantie' }), 403);
  const now = await t.call('taalaanbieder', 'GET', `/api/class-groups/${g.id}`);
  assert.deepEqual(now.body, before, 'refused exceptions changed nothing');
});
