// weekplan-entries.test.mjs - a participant's week plan (docs/week-plan.md
// "The week plan"): GET /api/participants/{id}/week-plan and its shape,
// adding entries of every kind (day-parts, or weekdays with own times),
// every refusal named in the doc (422 naming the field; nothing stored),
// PATCH, exceptions of one entry and of the whole plan (a cancelled day
// shows in "cancelled" of its cell), removing, who may read and write,
// and the processing log (mdn-015).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, reasonOf, uniqueName, today, addDays } from './helpers.mjs';

let t;
let orgs;
let coach;

// The Monday after today: entries start there so a whole week is planned.
function nextMonday() {
  const wd = (new Date(`${today()}T12:00:00Z`).getUTCDay() + 6) % 7; // 0 = Monday
  return addDays(today(), 7 - wd);
}
const MON = nextMonday();
const day = (n) => addDays(MON, n); // day(1) = the Tuesday of that week

before(async () => {
  t = await setup({ participants: 5 });
  orgs = await t.orgs();
  coach = await t.me('jobcoach');
});
after(async () => { await t?.stop(); });

const participant = (fields = {}) => t.create({ family_name: uniqueName('Plan'), ...fields }, 'jobcoach');

async function plan(pid, week = MON, user = 'jobcoach') {
  const r = await t.call(user, 'GET', `/api/participants/${pid}/week-plan?week=${week}`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

async function add(pid, body, user = 'jobcoach') {
  const r = await t.call(user, 'POST', `/api/participants/${pid}/week-plan/entries`, { valid_from: MON, ...body });
  assert.equal(r.status, 201, `POST entry ${JSON.stringify(body)}: ${r.status} ${r.text}`);
  return r.body;
}

// A refused POST: the status and field, and the plan unchanged.
async function refused(pid, body, status, field, user = 'jobcoach') {
  const before = await plan(pid);
  const r = await t.call(user, 'POST', `/api/participants/${pid}/week-plan/entries`, body);
  const problem = assertProblem(r, status, field);
  assert.deepEqual(await plan(pid), before, `POST ${JSON.stringify(body)} stored nothing`);
  return problem;
}

const cell = (p, code) => p.cells.find((c) => c.day_part === code);

async function hall(fields = {}) {
  const r = await t.call('accountmanager', 'POST', '/api/placements', {
    organisation_id: orgs.social_work_company.id, kind: 'internal_work_learning',
    title: `Productiehal ${uniqueName('H')}`, location: 'Hal 3, Poeldijkseweg 12, Naaldwijk', capacity: 5, ...fields,
  });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

test('GET week-plan: an empty plan has 7 days, 21 cells, the day-part times, every day-part free', async () => {
  const p = await participant();
  const w = await plan(p.id, day(3));
  assert.equal(w.participant_id, p.id);
  assert.equal(w.week, MON, 'any day of the week gives its Monday');
  assert.equal(w.days.length, 7);
  assert.deepEqual(w.days[0], { date: MON, weekday: 'mon', label: 'maandag' });
  assert.deepEqual(w.days.map((d) => d.weekday), ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
  assert.deepEqual(w.times.map((x) => x.part), ['morning', 'afternoon', 'evening']);
  for (const x of w.times) {
    assert.match(x.start_time, /^\d\d:\d\d$/);
    assert.match(x.end_time, /^\d\d:\d\d$/);
    assert.equal(typeof x.label, 'string');
  }
  assert.equal(w.cells.length, 21);
  assert.deepEqual(w.cells[0], { day_part: 'mon_morning', date: MON, items: [], cancelled: [], conflicts: [] });
  assert.deepEqual(w.cells[20].day_part, 'sun_evening');
  assert.equal(w.cells[20].date, day(6));
  assert.deepEqual(w.items, []);
  assert.deepEqual(w.conflicts, []);
  assert.equal(w.free_day_parts.length, 21);
  assert.equal(w.work_day_parts, 0);
  assert.deepEqual(w.person, { in_work_learning: false, agreed_parts: null, capacity_days: null, capacity_hours: null });

  // without week: this week
  const r = await t.call('jobcoach', 'GET', `/api/participants/${p.id}/week-plan`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.days.some((d) => d.date === today()), true);
  assertProblem(await t.call('jobcoach', 'GET', `/api/participants/${p.id}/week-plan?week=2025-02-30`), 422, 'week');
  assertProblem(await t.call('klantmanager', 'GET', '/api/participants/999999/week-plan'), 404);
});

test('POST entries: one of each kind, by day-parts or by weekdays with own times', async () => {
  const p = await participant();
  const h = await hall();
  const tr = await t.call('accountmanager', 'POST', '/api/trainings', { title: `Heftruck ${uniqueName('T')}`,
    provider: 'Opleidingscentrum Westland', start_date: day(-10), end_date: day(60), cost_cents: 60000 });
  assert.equal(tr.status, 201, tr.text);

  const work = await add(p.id, { kind: 'work', day_parts: ['tue_morning', 'tue_afternoon'], placement_id: h.id });
  assert.equal(work.entry.kind, 'work');
  assert.equal(work.entry.kind_label, 'Werk');
  assert.equal(work.entry.source, 'plan');
  assert.equal(work.entry.key, `e${work.entry.id}`);
  assert.equal(work.entry.location, h.location, 'a work entry takes its placement\'s location');
  assert.equal(work.entry.placement_title, h.title);
  assert.deepEqual(work.entry.day_parts, ['tue_morning', 'tue_afternoon']);
  assert.equal(work.entry.valid_from, MON);
  assert.deepEqual(work.entry.exceptions, []);
  assert.deepEqual(work.entry.overrides, []);
  assert.ok(Array.isArray(work.conflicts));

  const lesson = await add(p.id, { kind: 'language_class', title: 'Taalcafé', day_parts: ['mon_morning'] });
  const training = await add(p.id, { kind: 'training', day_parts: ['wed_afternoon'], training_id: tr.body.id });
  assert.equal(training.entry.training_title, tr.body.title);
  const appt = await add(p.id, { kind: 'coach_appointment', weekdays: ['thu'], start_time: '14:00', end_time: '15:00',
    coach_user_id: coach.id, location: 'WerkPlein, kamer 2' });
  assert.deepEqual(appt.entry.day_parts, ['thu_afternoon'], 'own times give the day-parts they touch');
  assert.deepEqual(appt.entry.weekdays, ['thu']);
  assert.equal(appt.entry.start_time, '14:00');
  assert.equal(appt.entry.end_time, '15:00');
  assert.equal(appt.entry.coach_name, coach.display_name);
  const wide = await add(p.id, { kind: 'buddy_meeting', weekdays: ['fri', 'sat'], start_time: '12:00', end_time: '13:30',
    valid_until: day(60), note: 'bij de bibliotheek' });
  assert.deepEqual(wide.entry.day_parts, ['fri_morning', 'fri_afternoon', 'sat_morning', 'sat_afternoon'],
    '12:00-13:30 touches the morning and the afternoon');
  assert.equal(wide.entry.valid_until, day(60));
  const other = await add(p.id, { kind: 'other', title: 'Sporten', day_parts: ['sun_evening'] });
  for (const x of [lesson, training, appt, wide, other])
    assert.deepEqual(x.conflicts, [], `${x.entry.kind} makes no conflict`);

  const w = await plan(p.id);
  assert.deepEqual(w.items.map((i) => i.kind).sort(),
    ['buddy_meeting', 'coach_appointment', 'language_class', 'other', 'training', 'work']);
  assert.deepEqual(cell(w, 'tue_morning').items, [work.entry.key]);
  assert.deepEqual(cell(w, 'thu_afternoon').items, [appt.entry.key]);
  assert.deepEqual(cell(w, 'sat_afternoon').items, [wide.entry.key]);
  assert.equal(w.work_day_parts, 2);
  assert.equal(w.free_day_parts.includes('tue_morning'), false);
  assert.equal(w.free_day_parts.includes('tue_evening'), true);
  assert.equal(w.free_day_parts.length, 21 - 10);

  // the week before the entries start shows none of them
  const earlier = await plan(p.id, day(-7));
  assert.deepEqual(earlier.items, []);

  // the codes list the kinds with Dutch labels
  const codes = await t.call('jobcoach', 'GET', '/api/codes');
  assert.equal(codes.status, 200);
  const kinds = codes.body.plan_kind;
  if (kinds) {
    const codesOf = Array.isArray(kinds) ? kinds.map((k) => k.code) : Object.keys(kinds);
    assert.ok(codesOf.includes('coach_appointment'), JSON.stringify(kinds));
  }
});

test('POST entries: every refusal of the doc names its field and stores nothing', async () => {
  const p = await participant();
  await add(p.id, { kind: 'other', day_parts: ['mon_evening'] });
  const km = await t.me('klantmanager');
  const ok = { kind: 'other', day_parts: ['tue_evening'], valid_from: MON };

  await refused(p.id, { ...ok, kind: 'holiday' }, 422, 'kind');
  await refused(p.id, { ...ok, kind: undefined }, 422, 'kind');
  await refused(p.id, { kind: 'other' }, 422, 'day_parts');
  await refused(p.id, { ...ok, day_parts: [] }, 422, 'day_parts');
  const unknown = await refused(p.id, { ...ok, day_parts: ['tue_noon'] }, 422, 'day_parts');
  assert.match(reasonOf(unknown, 'day_parts'), /tue_noon/);
  await refused(p.id, { ...ok, day_parts: ['tue_evening', 'tue_evening'] }, 422, 'day_parts');
  const wd = await refused(p.id, { kind: 'other', weekdays: ['tuesday'], start_time: '09:00', end_time: '10:00' }, 422,
    'weekdays');
  assert.match(reasonOf(wd, 'weekdays'), /tuesday/);
  const end = await refused(p.id, { kind: 'other', weekdays: ['tue'], start_time: '11:00', end_time: '10:00' }, 422,
    'end_time');
  assert.match(reasonOf(end, 'end_time'), /10:00/);
  await refused(p.id, { kind: 'other', weekdays: ['tue'], start_time: '10:00', end_time: '10:00' }, 422, 'end_time');
  await refused(p.id, { kind: 'other', weekdays: ['tue'], start_time: '9:00', end_time: '10:00' }, 422, 'start_time');
  await refused(p.id, { kind: 'other', weekdays: ['tue'], start_time: '23:00', end_time: '23:30' }, 422, 'start_time');
  await refused(p.id, { kind: 'other', weekdays: ['tue'] }, 422, 'start_time');
  const until = await refused(p.id, { ...ok, valid_from: day(7), valid_until: day(6) }, 422, 'valid_until');
  assert.match(reasonOf(until, 'valid_until'), new RegExp(day(6)));
  await refused(p.id, { ...ok, valid_from: '2025-13-01' }, 422, 'valid_from');
  await refused(p.id, { ...ok, placement_id: 999999 }, 422, 'placement_id');
  await refused(p.id, { ...ok, training_id: 999999 }, 422, 'training_id');
  await refused(p.id, { ...ok, coach_user_id: 999999 }, 422, 'coach_user_id');
  const notCoach = await refused(p.id, { ...ok, coach_user_id: km.id }, 422, 'coach_user_id');
  assert.match(reasonOf(notCoach, 'coach_user_id'), /not a job coach/);
  await refused(p.id, { ...ok, override_reason: 'ok' }, 422, 'override_reason');
  await refused(p.id, { ...ok, colour: 'red' }, 422, 'colour');
  await refused(p.id, { ...ok, day_parts: ['tue_evening'], weekdays: ['tue'], start_time: '19:00', end_time: '20:00' },
    422, 'weekdays');

  // several at once
  const many = await refused(p.id, { kind: 'nap', day_parts: ['x'], placement_id: 999999, valid_from: day(5),
    valid_until: day(1) }, 422);
  for (const f of ['kind', 'day_parts', 'placement_id', 'valid_until'])
    assert.ok(many.errors.some((e) => e.field === f), `names ${f}: ${JSON.stringify(many.errors)}`);

  // a participant that does not exist
  assertProblem(await t.call('klantmanager', 'POST', '/api/participants/999999/week-plan/entries', ok), 404);
});

test('PATCH an entry: members change, own times are kept, refusals name the field and change nothing', async () => {
  const p = await participant();
  const { entry } = await add(p.id, { kind: 'buddy_meeting', weekdays: ['wed'], start_time: '19:00', end_time: '20:00' });
  assert.deepEqual(entry.day_parts, ['wed_evening']);

  let r = await t.call('jobcoach', 'PATCH', `/api/week-plan/entries/${entry.id}`, { start_time: '10:00', end_time: '11:00' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.entry.day_parts, ['wed_morning'], 'new times on the same weekday');
  assert.equal(r.body.entry.start_time, '10:00');

  r = await t.call('jobcoach', 'PATCH', `/api/week-plan/entries/${entry.id}`, { weekdays: ['mon', 'thu'], title: 'Taalmaatje' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.entry.day_parts, ['mon_morning', 'thu_morning']);
  assert.equal(r.body.entry.title, 'Taalmaatje');

  r = await t.call('jobcoach', 'PATCH', `/api/week-plan/entries/${entry.id}`, { day_parts: ['fri_evening'] });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.entry.day_parts, ['fri_evening']);
  assert.equal(r.body.entry.start_time, null, 'day-parts replace own times');

  const before = await plan(p.id);
  for (const [body, field] of [[{ kind: 'party' }, 'kind'], [{ day_parts: ['fri_night'] }, 'day_parts'],
    [{ valid_until: day(-3) }, 'valid_until'], [{ start_time: '10:00' }, 'weekdays'], [{ coach_user_id: 999999 }, 'coach_user_id']]) {
    const x = await t.call('jobcoach', 'PATCH', `/api/week-plan/entries/${entry.id}`, body);
    assertProblem(x, 422, field);
  }
  assert.deepEqual(await plan(p.id), before, 'refused changes stored nothing');
  assertProblem(await t.call('jobcoach', 'PATCH', '/api/week-plan/entries/999999', { title: 'x' }), 404);
});

test('exceptions: a cancelled day shows in "cancelled" of its cell; a holiday takes out the whole plan until deleted', async () => {
  const p = await participant();
  const { entry } = await add(p.id, { kind: 'training', day_parts: ['tue_morning', 'thu_morning'] });
  const other = await add(p.id, { kind: 'other', day_parts: ['tue_evening'] });

  let r = await t.call('jobcoach', 'POST', `/api/week-plan/entries/${entry.id}/exceptions`, { from_date: day(1), reason: 'ziek' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.id, entry.id);
  assert.equal(r.body.exceptions.length, 1);
  assert.deepEqual({ ...r.body.exceptions[0], id: 0 }, { id: 0, from_date: day(1), to_date: day(1), reason: 'ziek' });

  let w = await plan(p.id);
  assert.deepEqual(cell(w, 'tue_morning').items, []);
  assert.deepEqual(cell(w, 'tue_morning').cancelled, [entry.key]);
  assert.deepEqual(cell(w, 'thu_morning').items, [entry.key], 'only that day is cancelled');
  assert.deepEqual(cell(w, 'tue_evening').items, [other.entry.key], 'other entries still take place');
  const next = await plan(p.id, day(7));
  assert.deepEqual(cell(next, 'tue_morning').items, [entry.key], 'the next week is not touched');

  for (const [body, field] of [[{ reason: 'x' }, 'from_date'], [{ from_date: day(3), to_date: day(2), reason: 'x' }, 'to_date'],
    [{ from_date: day(1) }, 'reason'], [{ from_date: '2025-02-30', reason: 'x' }, 'from_date']]) {
    assertProblem(await t.call('jobcoach', 'POST', `/api/week-plan/entries/${entry.id}/exceptions`, body), 422, field);
    assertProblem(await t.call('jobcoach', 'POST', `/api/participants/${p.id}/week-plan/exceptions`, body), 422, field);
  }
  assert.deepEqual(await plan(p.id), w, 'refused exceptions stored nothing');

  // a holiday: nothing of the plan takes place
  r = await t.call('jobcoach', 'POST', `/api/participants/${p.id}/week-plan/exceptions`,
    { from_date: day(7), to_date: day(13), reason: 'vakantie' });
  assert.equal(r.status, 201, r.text);
  const x = r.body.exception;
  assert.equal(x.from_date, day(7));
  assert.equal(x.to_date, day(13));
  w = await plan(p.id, day(7));
  assert.deepEqual(cell(w, 'tue_morning').cancelled, [entry.key]);
  assert.deepEqual(cell(w, 'tue_evening').cancelled, [other.entry.key]);
  assert.ok(w.cells.every((c) => c.items.length === 0), 'nothing takes place in the holiday');
  assert.ok(w.exceptions.some((e) => e.id === x.id && e.reason === 'vakantie'), 'the plan lists its holiday');

  r = await t.call('jobcoach', 'DELETE', `/api/week-plan/exceptions/${x.id}`);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.exception.removed_at);
  w = await plan(p.id, day(7));
  assert.deepEqual(cell(w, 'tue_morning').items, [entry.key], 'the holiday no longer holds');
  assertProblem(await t.call('jobcoach', 'DELETE', `/api/week-plan/exceptions/${x.id}`), 404);
});

test('remove: the entry is kept with removed_at and is no longer planned', async () => {
  const p = await participant();
  const { entry } = await add(p.id, { kind: 'other', day_parts: ['sat_morning'] });
  const r = await t.call('jobcoach', 'POST', `/api/week-plan/entries/${entry.id}/remove`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.entry.id, entry.id);
  assert.ok(r.body.entry.removed_at, 'removed_at is set');
  const w = await plan(p.id);
  assert.deepEqual(w.items, []);
  assertProblem(await t.call('jobcoach', 'POST', `/api/week-plan/entries/${entry.id}/remove`, {}), 404);
  assertProblem(await t.call('jobcoach', 'PATCH', `/api/week-plan/entries/${entry.id}`, { title: 'x' }), 404);
});

test('access: a job coach without the participant gets 403; an employer may not write; reads and writes are logged', async () => {
  const p = await participant();
  const { entry } = await add(p.id, { kind: 'other', day_parts: ['mon_evening'] });
  const before = await plan(p.id);

  assertProblem(await t.call('jobcoach2', 'GET', `/api/participants/${p.id}/week-plan`), 403);
  assertProblem(await t.call('jobcoach2', 'POST', `/api/participants/${p.id}/week-plan/entries`,
    { kind: 'other', day_parts: ['mon_morning'] }), 403);
  assertProblem(await t.call('jobcoach2', 'PATCH', `/api/week-plan/entries/${entry.id}`, { title: 'x' }), 403);
  assertProblem(await t.call('jobcoach2', 'POST', `/api/week-plan/entries/${entry.id}/remove`, {}), 403);
  assertProblem(await t.call('jobcoach2', 'POST', `/api/week-plan/entries/${entry.id}/exceptions`,
    { from_date: MON, reason: 'x' }), 403);
  assertProblem(await t.call('jobcoach2', 'GET', `/api/participants/${p.id}/week-plan.ics`), 403);

  // an employer linked to the participant reads the plan (path, own) but cannot change it
  const employerOrg = (await t.me('werkgever')).organisation_id;
  const link = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/links`,
    { kind: 'placement', organisation_id: employerOrg });
  assert.equal(link.status, 201, link.text);
  const seen = await t.call('werkgever', 'GET', `/api/participants/${p.id}/week-plan?week=${MON}`);
  assert.equal(seen.status, 200, seen.text);
  assertProblem(await t.call('werkgever', 'POST', `/api/participants/${p.id}/week-plan/entries`,
    { kind: 'work', day_parts: ['mon_morning'] }), 403);
  assertProblem(await t.call('werkgever', 'POST', `/api/week-plan/entries/${entry.id}/remove`, {}), 403);
  assertProblem(await t.call('taalaanbieder', 'GET', `/api/participants/${p.id}/week-plan`), 403);
  assertProblem(await t.call('beheerder', 'GET', `/api/participants/${p.id}/week-plan`), 403);
  assert.deepEqual(await plan(p.id), before, 'nothing changed');

  // the project leader and the case manager may change it
  const pl = await t.call('projectleider', 'POST', `/api/participants/${p.id}/week-plan/entries`,
    { kind: 'other', day_parts: ['mon_afternoon'], valid_from: MON });
  assert.equal(pl.status, 201, pl.text);

  const log = await t.call('klantmanager', 'GET', `/api/participants/${p.id}/log?per_page=100`);
  assert.equal(log.status, 200, log.text);
  const mine = log.body.items.filter((e) => e.activity === 'mdn-015');
  assert.ok(mine.some((e) => /read week plan/.test(e.action)), JSON.stringify(mine.map((e) => e.action)));
  assert.ok(mine.some((e) => /add week plan entry/.test(e.action)), 'writes are logged');
  assert.ok(mine.some((e) => e.actor_name === 'werkgever' || e.actor === 'werkgever' || JSON.stringify(e).includes('werkgever')),
    'the employer\'s read is logged');
});
