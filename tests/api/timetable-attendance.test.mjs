// timetable-attendance.test.mjs - class attendance (docs/week-plan.md):
// GET/PUT /api/class-groups/{id}/attendance and POST /api/import/class-attendance,
// for the people enrolled in a group (POST /api/class-groups/{id}/enrolments);
// the civic_integration access and consent of each participant, the
// processing log (mdn-016), and the worklist signal "class_absence" after
// three unexcused absences within 28 days.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, reasonOf, uniqueName } from './helpers.mjs';

const TODAY = '2026-11-18'; // a Wednesday
// Session days of the group (Tuesday morning, Thursday afternoon) before today.
const TUE = '2026-11-17';
const THU = '2026-11-12';
const TUE_BEFORE = '2026-11-10';
const THU_EARLIER = '2026-11-05';

let t;
let provider; // the organisation of the demo user "taalaanbieder"
let g; // the group
let consenting; // [p1, p2]: consent to the provider for identity and civic integration
let noConsent; // p3: enrolled, no consent
let late; // p4: enrolled from 2026-11-12 on

before(async () => {
  t = await setup({ participants: 10, env: { MEEDOEN_NOW: TODAY } });
  const me = await t.me('taalaanbieder');
  provider = { id: me.organisation_id, name: me.organisation_name };
  const r = await t.call('taalaanbieder', 'POST', '/api/class-groups', {
    name: uniqueName('A2-'), level: 'A2', start_date: '2026-09-01', end_date: '2027-01-31',
    sessions: [{ weekday: 'tue', start_time: '09:00', end_time: '11:30' },
      { weekday: 'thu', start_time: '13:30', end_time: '15:00' }],
  });
  assert.equal(r.status, 201, r.text);
  g = r.body;
  consenting = [await person(), await person()];
  for (const p of consenting) {
    for (const category of ['identity', 'civic_integration']) {
      const c = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/consents`,
        { organisation_id: provider.id, category, given_on: '2026-09-01' });
      assert.equal(c.status, 201, c.text);
    }
  }
  noConsent = await person();
  late = await person('2026-11-12');
});
after(async () => { await t?.stop(); });

// A participant on the job coach's caseload, enrolled in the group.
async function person(start = '2026-09-01', group = g) {
  const p = await t.create({}, 'jobcoach');
  await enrol(p, start, group);
  return p;
}

async function enrol(p, start, group = g) {
  const r = await t.call('jobcoach', 'POST', `/api/class-groups/${group.id}/enrolments`,
    { participant_id: p.id, start_date: start, override_reason: 'test: lessen gaan voor' });
  assert.equal(r.status, 201, `enrol: ${r.status} ${r.text}`);
  return r.body;
}

async function read(day, user = 'taalaanbieder') {
  const r = await t.call(user, 'GET', `/api/class-groups/${g.id}/attendance?day=${day}`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

async function put(body, user = 'taalaanbieder', group = g) {
  return t.call(user, 'PUT', `/api/class-groups/${group.id}/attendance`, body);
}

const itemOf = (body, p) => body.items.find((x) => x.participant_id === p.id);

// A refused PUT: the status, the field named, and the attendance of the day
// (readDay when the body's day is no date) unchanged.
async function refused(body, status, field, user = 'taalaanbieder', readDay = body.day ?? TUE) {
  const day = readDay;
  const before = await read(day, 'jobcoach');
  const problem = assertProblem(await put(body, user), status, field);
  assert.deepEqual(await read(day, 'jobcoach'), before, 'nothing was recorded');
  return problem;
}

test('attendance: the provider records a day and reads it back, names where consent allows', async () => {
  const [p1, p2] = consenting;
  const r = await put({ day: TUE, items: [
    { participant_id: p1.id, status: 'present' },
    { participant_id: p2.id, status: 'absent_excused', reason: 'ziek gemeld' },
  ] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.day, TUE);
  assert.deepEqual(r.body.sessions.map((s) => [s.weekday, s.start_time, s.day_parts]), [['tue', '09:00', ['tue_morning']],
    ['thu', '13:30', ['thu_afternoon']]]);
  const one = itemOf(r.body, p1);
  assert.deepEqual([one.family_name, one.given_names, one.status, one.reason], [p1.family_name, p1.given_names, 'present', null]);
  const two = itemOf(r.body, p2);
  assert.deepEqual([two.status, two.reason], ['absent_excused', 'ziek gemeld']);
  // people enrolled that day without consent to the provider are outside
  // its scope: not listed, only counted (issue 10, item 6)
  assert.equal(itemOf(r.body, noConsent), undefined);
  assert.equal(itemOf(r.body, late), undefined);
  assert.equal(r.body.others, 2, 'enrolled since 12 November: counted on the 17th');
  assert.ok(!JSON.stringify(r.body).includes(noConsent.family_name));
  const before = await read(TUE_BEFORE);
  assert.equal(before.others, 1, 'not yet enrolled on the 10th');
  // the job coach (own caseload) sees every name and status
  const coach = await read(TUE, 'jobcoach');
  assert.equal(itemOf(coach, noConsent).family_name, noConsent.family_name);
  assert.equal(itemOf(coach, p2).status, 'absent_excused');
  // a later mark replaces the earlier one
  const again = await put({ day: TUE, items: [{ participant_id: p2.id, status: 'present' }] });
  assert.equal(again.status, 200, again.text);
  assert.deepEqual([itemOf(again.body, p2).status, itemOf(again.body, p2).reason], ['present', null]);
});

test('attendance: each refusal names its field and records nothing (all or nothing)', async () => {
  const [p1, p2] = consenting;
  const ok = { participant_id: p1.id, status: 'present' };
  let p = await refused({ day: '2026-11-19', items: [ok] }, 422, 'day');
  assert.match(reasonOf(p, 'day'), /future/);
  p = await refused({ day: '2026-11-16', items: [ok] }, 422, 'day'); // a Monday
  assert.match(reasonOf(p, 'day'), /no session/);
  p = await refused({ day: '2026-08-25', items: [ok] }, 422, 'day'); // a Tuesday before the group starts
  assert.match(reasonOf(p, 'day'), /outside the period/);
  await refused({ day: '2026-11-31', items: [ok] }, 422, 'day', 'taalaanbieder', TUE);
  p = await refused({ day: TUE_BEFORE, items: [ok, { participant_id: late.id, status: 'present' }] }, 422,
    'items[1].participant_id');
  assert.match(reasonOf(p, 'items[1].participant_id'), /not enrolled/);
  const stranger = await t.create({}, 'jobcoach');
  await refused({ day: TUE, items: [ok, { participant_id: stranger.id, status: 'present' }] }, 422,
    'items[1].participant_id');
  p = await refused({ day: TUE, items: [ok, { participant_id: p2.id, status: 'absent_excused' }] }, 422,
    'items[1].reason');
  assert.match(reasonOf(p, 'items[1].reason'), /required/);
  await refused({ day: TUE, items: [{ participant_id: p1.id, status: 'late' }] }, 422, 'items[0].status');
  await refused({ day: TUE, items: [{ status: 'present' }] }, 422, 'items[0].participant_id');
  await refused({ day: TUE, items: [ok, ok] }, 422, 'items[1].participant_id');
  await refused({ day: TUE, items: [] }, 422, 'items');
  await refused({ items: [ok] }, 422, 'day');
  // a holiday of the group: no class that day
  const h = await t.call('taalaanbieder', 'POST', `/api/class-groups/${g.id}/exceptions`,
    { from_date: '2026-10-20', to_date: '2026-10-24', reason: 'herfstvakantie' });
  assert.equal(h.status, 201, h.text);
  p = await refused({ day: '2026-10-20', items: [ok] }, 422, 'day');
  assert.match(reasonOf(p, 'day'), /herfstvakantie/);
});

test('attendance: access per participant (consent for the provider), per group, and the log', async () => {
  const [p1] = consenting;
  // the provider has no consent for p3: 403, nothing stored (also not p1's mark)
  await refused({ day: THU, items: [{ participant_id: p1.id, status: 'present' },
    { participant_id: noConsent.id, status: 'present' }] }, 403);
  // the job coach may, for the own caseload
  const r = await put({ day: THU, items: [{ participant_id: noConsent.id, status: 'absent_unexcused' }] }, 'jobcoach');
  assert.equal(r.status, 200, r.text);
  // an employer or a volunteer may not
  await refused({ day: THU, items: [{ participant_id: p1.id, status: 'present' }] }, 403, undefined, 'werkgever');
  // another provider's group: 403
  const other = await t.call('beheerder', 'POST', '/api/organisations', { name: uniqueName('Taalschool'), type: 'language_provider' });
  const og = await t.call('projectleider', 'POST', '/api/class-groups', {
    organisation_id: other.body.id, name: 'Elders', start_date: '2026-09-01', end_date: '2027-01-31',
    sessions: [{ weekday: 'tue', start_time: '09:00', end_time: '11:30' }] });
  assert.equal(og.status, 201, og.text);
  assertProblem(await t.call('taalaanbieder', 'GET', `/api/class-groups/${og.body.id}/attendance?day=${TUE}`), 403);
  assertProblem(await put({ day: TUE, items: [{ participant_id: p1.id, status: 'present' }] }, 'taalaanbieder', og.body), 403);
  // every write and every shown status is logged under mdn-016
  const log = await t.call('klantmanager', 'GET', `/api/participants/${p1.id}/log?per_page=100`);
  assert.equal(log.status, 200, log.text);
  const acts = log.body.items.filter((x) => x.activity === 'mdn-016').map((x) => x.action);
  assert.ok(acts.includes('record class attendance'), JSON.stringify(acts));
  assert.ok(acts.includes('read class attendance'), JSON.stringify(acts));
});

async function worklist(user = 'jobcoach') {
  const r = await t.call(user, 'GET', '/api/signals?limit=1000');
  assert.equal(r.status, 200, r.text);
  return r.body;
}
const absenceOf = (w, p) => w.items.find((x) => x.participant_id === p.id && x.rule === 'class_absence');

test('signal: three unexcused absences within 28 days put "class_absence" on the job coach\'s worklist', async () => {
  const p = await person();
  const mark = async (day, status, reason) => {
    const r = await put({ day, items: [{ participant_id: p.id, status, ...(reason ? { reason } : {}) }] }, 'jobcoach');
    assert.equal(r.status, 200, r.text);
  };
  await mark(THU_EARLIER, 'absent_unexcused');
  await mark(TUE_BEFORE, 'absent_unexcused');
  assert.equal(absenceOf(await worklist(), p), undefined, 'two absences: no signal');
  await mark(THU, 'absent_excused', 'naar de huisarts');
  assert.equal(absenceOf(await worklist(), p), undefined, 'an excused absence does not count');
  await mark(THU, 'absent_unexcused');
  const s = absenceOf(await worklist(), p);
  assert.ok(s, 'three unexcused absences: signal');
  assert.equal(s.due, THU_EARLIER, 'due from the third most recent absence');
  assert.equal(s.actor, 'job_coach');
  assert.match(s.label, /afwezig bij taalles/);
  const codes = await t.call('jobcoach', 'GET', '/api/codes');
  assert.ok(codes.body.signal_rules.some((r) => r.code === 'class_absence' && r.actor === 'job_coach'));
  // not on another job coach's worklist
  assert.equal(absenceOf(await worklist('jobcoach2'), p), undefined);
  // correcting one mark takes the signal away
  await mark(TUE_BEFORE, 'present');
  assert.equal(absenceOf(await worklist(), p), undefined);
});

test('signal: three unexcused absences longer than 28 days ago give no signal', async () => {
  const p = await person();
  for (const day of ['2026-10-13', '2026-10-15', '2026-10-27']) { // third most recent: 36 days ago
    const r = await put({ day, items: [{ participant_id: p.id, status: 'absent_unexcused' }] }, 'jobcoach');
    assert.equal(r.status, 200, r.text);
  }
  assert.equal(absenceOf(await worklist(), p), undefined);
  const r = await put({ day: TUE, items: [{ participant_id: p.id, status: 'absent_unexcused' }] }, 'jobcoach');
  assert.equal(r.status, 200, r.text);
  // now 15 and 27 October and 17 November: the third most recent 34 days ago, still none
  assert.equal(absenceOf(await worklist(), p), undefined);
  const r2 = await put({ day: THU, items: [{ participant_id: p.id, status: 'absent_unexcused' }] }, 'jobcoach');
  assert.equal(r2.status, 200, r2.text);
  // 27 October, 12 and 17 November: 22 days
  assert.equal(absenceOf(await worklist(), p)?.due, '2026-10-27');
});

test('attendance import: rows checked as the API checks items; partial stores the good rows', async () => {
  const [p1, p2] = consenting;
  const P = provider.name;
  const file = [
    'provider,group,participant_id,day,status,reason',
    `${P},${g.name},${p1.id},${TUE_BEFORE},absent_unexcused,`, //        2 good
    `${P},${g.name},${p2.id},${TUE_BEFORE},absent_excused,`, //          3 reason
    `${P},${g.name},${p1.id},2026-11-16,present,`, //                    4 day (Monday)
    `${P},${g.name},${late.id},${TUE_BEFORE},present,`, //               5 not enrolled
    `${P},Onbekend,${p1.id},${TUE_BEFORE},present,`, //                  6 group
    `${P},${g.name},${p2.id},2026-12-01,present,`, //                    7 future
    `${P},${g.name},${noConsent.id},${TUE_BEFORE},present,`, //          8 no consent
    `${P},${g.name},${p2.id},${TUE_BEFORE},te laat,`, //                 9 status
  ].join('\n');
  const beforeDay = await read(TUE_BEFORE, 'jobcoach');
  const call = (q) => t.call('taalaanbieder', 'POST', `/api/import/class-attendance${q}`, file, { 'content-type': 'text/csv', 'x-meedoen-upload': '1' });
  const body = assertProblem(await call(''), 422);
  assert.equal(body.committed, false);
  assert.equal(body.rows, 8);
  assert.equal(body.rejected, 7);
  for (const [line, field] of [[3, 'reason'], [4, 'day'], [5, 'participant_id'], [6, 'group'], [7, 'day'],
    [8, 'participant_id'], [9, 'status']]) {
    assert.ok(body.errors.some((e) => e.line === line && e.field === field), `line ${line} ${field}: ${JSON.stringify(body.errors)}`);
  }
  assert.deepEqual(await read(TUE_BEFORE, 'jobcoach'), beforeDay, 'nothing stored');
  const r = await call('?partial=1');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.committed, true);
  assert.equal(r.body.created + r.body.updated, 1);
  assert.equal(itemOf(await read(TUE_BEFORE, 'jobcoach'), p1).status, 'absent_unexcused');
  const again = await call('?partial=1');
  assert.equal(again.body.unchanged, 1, 'the same mark again is unchanged');
  assertProblem(await t.call('werkgever', 'POST', '/api/import/class-attendance', file, { 'content-type': 'text/csv', 'x-meedoen-upload': '1' }), 403);
});
