// employers-visits.test.mjs - company visits and matching events (issue 4
// item 4; docs/api.md "Company visits and matching events"): GET/POST
// /api/visits, GET /api/visits/{id}, POST …/invitations, …/attendance and
// …/follow-ups. Planned by the account manager, the project leader or a
// job coach; invitations within the capacity, attendance only once the day
// has come and only for people invited, a follow-up per employer (an
// employer user answers for their own organisation only), and what the
// visit led to. Every refused request changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, reasonOf, uniqueName, today, addDays, DEMO_PASSWORD } from './helpers.mjs';

let t;
let am;
let orgs;
let hostA;  // employers made here
let hostB;
let userA;  // an employer user of hostA
let userB;  // an employer user of hostB

const d = (n) => addDays(today(), n);

const VISIT_MEMBERS = ['id', 'kind', 'title', 'held_on', 'start_time', 'location', 'capacity', 'language_support',
  'organiser_name', 'notes', 'invited', 'attended', 'interested', 'places_offered', 'trial_days', 'placements_started'];

before(async () => {
  t = await setup({ participants: 10 });
  am = await t.me('accountmanager');
  orgs = await t.orgs();
  hostA = await newEmployer();
  hostB = await newEmployer();
  userA = await employerUser(hostA.id);
  userB = await employerUser(hostB.id);
});
after(async () => { await t?.stop(); });

async function newEmployer() {
  const r = await t.call('accountmanager', 'POST', '/api/employers',
    { name: `Bezoekbedrijf ${uniqueName('V')}`, sector: 'logistics' });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

async function employerUser(orgId) {
  const username = uniqueName('wg').toLowerCase();
  const r = await t.call('beheerder', 'POST', '/api/users',
    { username, display_name: 'Werkgever Bezoek', password: DEMO_PASSWORD, role: 'employer', organisation_id: orgId });
  assert.equal(r.status, 201, r.text);
  return username;
}

async function visit(fields = {}, user = 'accountmanager') {
  const body = { kind: 'company_visit', title: `Bezoek ${uniqueName('B')}`, held_on: d(-1), capacity: 3,
    employer_ids: [hostA.id], ...fields };
  const r = await t.call(user, 'POST', '/api/visits', body);
  assert.equal(r.status, 201, `POST /api/visits ${JSON.stringify(body)}: ${r.status} ${r.text}`);
  return r.body;
}

async function getVisit(id, user = 'accountmanager') {
  const r = await t.call(user, 'GET', `/api/visits/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

async function visits(query = '', user = 'accountmanager') {
  const r = await t.call(user, 'GET', `/api/visits${query}`);
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

async function participant() {
  return t.create({ family_name: uniqueName('Bezoek') }, 'jobcoach');
}

async function post(id, what, body, user = 'accountmanager') {
  const r = await t.call(user, 'POST', `/api/visits/${id}/${what}`, body);
  assert.equal(r.status, 200, `POST ${what} as ${user} ${JSON.stringify(body)}: ${r.status} ${r.text}`);
  return r.body;
}

// A refused request on visit `id`: status, problem naming field, the visit
// as the account manager sees it unchanged.
async function refused(id, user, what, body, status, field) {
  const before = await getVisit(id);
  const r = await t.call(user, 'POST', `/api/visits/${id}/${what}`, body);
  const problem = assertProblem(r, status, field);
  assert.deepEqual(await getVisit(id), before, `POST ${what} as ${user} ${JSON.stringify(body)} changed nothing`);
  return problem;
}

async function refusedCreate(body, status, field, user = 'accountmanager') {
  const before = await visits();
  const hist = (await t.call('accountmanager', 'GET', `/api/employers/${hostA.id}`)).body.history;
  const r = await t.call(user, 'POST', '/api/visits', body);
  const problem = assertProblem(r, status, field);
  assert.deepEqual(await visits(), before, `POST /api/visits ${JSON.stringify(body)} as ${user} added nothing`);
  assert.deepEqual((await t.call('accountmanager', 'GET', `/api/employers/${hostA.id}`)).body.history, hist,
    'nothing in the employer\'s history');
  return problem;
}

async function log(pid) {
  const r = await t.call('klantmanager', 'GET', `/api/participants/${pid}/log?per_page=100`);
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

test('POST /api/visits: 201 with every member, its employers, none invited yet; noted in each host\'s history', async () => {
  const v = await visit({ kind: 'matching_event', title: 'Speed meet logistiek', held_on: d(14), start_time: '09:30',
    location: 'Veilinghal Honselersdijk', capacity: 20, language_support: 'tolk Arabisch en Tigrinya',
    notes: 'koffie vanaf 9 uur', employer_ids: [hostA.id, hostB.id] });
  for (const k of VISIT_MEMBERS) assert.ok(k in v, `visit member ${k}`);
  assert.equal(v.kind, 'matching_event');
  assert.equal(v.title, 'Speed meet logistiek');
  assert.equal(v.held_on, d(14));
  assert.equal(v.start_time, '09:30');
  assert.equal(v.location, 'Veilinghal Honselersdijk');
  assert.equal(v.capacity, 20);
  assert.equal(v.language_support, 'tolk Arabisch en Tigrinya');
  assert.equal(v.notes, 'koffie vanaf 9 uur');
  assert.equal(v.organiser_name, am.display_name);
  for (const k of ['invited', 'attended', 'interested', 'places_offered', 'trial_days', 'placements_started']) {
    assert.equal(v[k], 0, k);
  }
  assert.deepEqual(v.employers.map((e) => e.id).sort(), [hostA.id, hostB.id].sort());
  assert.deepEqual(v.participants, []);
  assert.deepEqual(v.follow_ups, []);
  assert.deepEqual(await getVisit(v.id), v);
  for (const host of [hostA, hostB]) {
    const e = (await t.call('accountmanager', 'GET', `/api/employers/${host.id}`)).body;
    assert.equal(e.history[0].kind, 'visit');
    assert.match(e.history[0].text, /Speed meet logistiek/);
    assert.ok(e.visits.some((x) => x.id === v.id), 'the visit is on the employer\'s page');
  }
});

test('an employer named twice in employer_ids hosts the visit once and gets one history entry', async () => {
  const host = await newEmployer();
  const v = await visit({ employer_ids: [host.id, host.id], title: 'Dubbel genoemd' });
  assert.deepEqual(v.employers.map((e) => e.id), [host.id]);
  const e = (await t.call('accountmanager', 'GET', `/api/employers/${host.id}`)).body;
  assert.deepEqual(e.visits.map((x) => x.id), [v.id]);
  assert.equal(e.history.filter((h) => h.kind === 'visit').length, 1,
    `one "visit" entry: ${JSON.stringify(e.history.map((h) => h.kind))}`);
});

test('planning visits: account manager, project leader and job coach; other roles 403 and nothing added', async () => {
  await visit({}, 'projectleider');
  const jv = await visit({}, 'jobcoach');
  assert.equal(jv.organiser_name, (await t.me('jobcoach')).display_name);
  for (const user of ['klantmanager', 'regisseur', 'afdelingsassistent', 'werkgever', 'vrijwilliger', 'taalaanbieder',
    'beheerder']) {
    await refusedCreate({ kind: 'company_visit', title: 'Verboden bezoek', held_on: d(3), capacity: 5,
      employer_ids: [hostA.id] }, 403, undefined, user);
  }
  await refusedCreate({ kind: 'company_visit', title: 'Eigen bezoek', held_on: d(3), capacity: 5,
    employer_ids: [hostA.id] }, 403, undefined, userA);
});

test('POST /api/visits refused: kind, title, date, time, capacity, employers, unknown members, malformed JSON', async () => {
  const ok = { kind: 'company_visit', title: 'Rondleiding', held_on: d(7), capacity: 10, employer_ids: [hostA.id] };
  await refusedCreate({ ...ok, kind: 'party' }, 422, 'kind');
  await refusedCreate({ ...ok, kind: undefined }, 422, 'kind');
  await refusedCreate({ ...ok, title: undefined }, 422, 'title');
  await refusedCreate({ ...ok, title: 'R' }, 422, 'title');
  await refusedCreate({ ...ok, held_on: undefined }, 422, 'held_on');
  await refusedCreate({ ...ok, held_on: '2025-02-29' }, 422, 'held_on');
  await refusedCreate({ ...ok, start_time: '25:00' }, 422, 'start_time');
  await refusedCreate({ ...ok, start_time: '9:30' }, 422, 'start_time');
  await refusedCreate({ ...ok, start_time: '09:60' }, 422, 'start_time');
  await refusedCreate({ ...ok, start_time: 930 }, 422, 'start_time');
  await refusedCreate({ ...ok, capacity: 0 }, 422, 'capacity');
  await refusedCreate({ ...ok, capacity: 201 }, 422, 'capacity');
  await refusedCreate({ ...ok, capacity: undefined }, 422, 'capacity');
  await refusedCreate({ ...ok, employer_ids: [] }, 422, 'employer_ids');
  await refusedCreate({ ...ok, employer_ids: undefined }, 422, 'employer_ids');
  await refusedCreate({ ...ok, employer_ids: hostA.id }, 422, 'employer_ids');
  // an unknown employer, or an organisation that is not an employer
  let p = await refusedCreate({ ...ok, employer_ids: [hostA.id, 999999] }, 422, 'employer_ids');
  assert.match(reasonOf(p, 'employer_ids'), /999999/);
  await refusedCreate({ ...ok, employer_ids: [orgs.social_work_company.id] }, 422, 'employer_ids');
  await refusedCreate({ ...ok, employer_ids: [String(hostA.id)] }, 422, 'employer_ids');
  p = await refusedCreate({ ...ok, organiser_user_id: 1 }, 422, 'organiser_user_id');
  assert.equal(reasonOf(p, 'organiser_user_id'), 'unknown field');
  await refusedCreate({ ...ok, invited: 4 }, 422, 'invited');
  await refusedCreate('{"kind": "company_visit"', 400, 'body');
  await refusedCreate('[1]', 400, 'body');
});

test('GET /api/visits: newest first, from/to on the day held; bad dates 422; partners 403', async () => {
  const early = await visit({ held_on: d(-40), title: 'Vroeg bezoek' });
  const late = await visit({ held_on: d(40), title: 'Laat bezoek' });
  const items = await visits();
  for (const x of items) for (const k of VISIT_MEMBERS) assert.ok(k in x, `list member ${k}`);
  for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].held_on >= items[i].held_on, 'newest first');
  const ids = items.map((x) => x.id);
  assert.ok(ids.indexOf(late.id) < ids.indexOf(early.id));
  const range = await visits(`?from=${d(-41)}&to=${d(-39)}`);
  assert.ok(range.some((x) => x.id === early.id));
  assert.ok(!range.some((x) => x.id === late.id));
  for (const x of range) assert.ok(x.held_on >= d(-41) && x.held_on <= d(-39));
  assertProblem(await t.call('accountmanager', 'GET', '/api/visits?from=morgen'), 422, 'from');
  assertProblem(await t.call('accountmanager', 'GET', '/api/visits?to=2025-13-40'), 422, 'to');
  for (const user of ['vrijwilliger', 'welzijn', 'taalaanbieder', 'beheerder']) {
    assertProblem(await t.call(user, 'GET', '/api/visits'), 403);
    assertProblem(await t.call(user, 'GET', `/api/visits/${early.id}`), 403);
  }
  assertProblem(await t.call('accountmanager', 'GET', '/api/visits/999999'), 404);
});

test('invitations: 200 visit with the people invited (names for the planner), logged as mdn-013', async () => {
  const v = await visit({ capacity: 3 });
  const a = await participant();
  const b = await participant();
  const r = await post(v.id, 'invitations', { participant_ids: [a.id, b.id] });
  assert.equal(r.invited, 2);
  assert.deepEqual(r.participants.map((x) => x.participant_id).sort(), [a.id, b.id].sort());
  const pa = r.participants.find((x) => x.participant_id === a.id);
  assert.equal(pa.attended, null);
  assert.equal(pa.interest, null);
  assert.equal(typeof pa.invited_at, 'string');
  assert.equal(pa.family_name, a.family_name);
  // inviting someone again does not take a second place
  const again = await post(v.id, 'invitations', { participant_ids: [a.id] });
  assert.equal(again.invited, 2);
  const entry = (await log(a.id)).find((x) => x.action === 'invite');
  assert.ok(entry, 'the invitation is logged');
  assert.equal(entry.activity, 'mdn-013');
  assert.equal(entry.actor, 'accountmanager');
  // a job coach invites people from their own caseload
  const c = await participant();
  const jc = await post(v.id, 'invitations', { participant_ids: [c.id] }, 'jobcoach');
  assert.equal(jc.invited, 3);
});

test('visit capacity: inviting more than the places left is 409 and invites no one', async () => {
  const title = `Klein bezoek ${uniqueName('C')}`;
  const v = await visit({ capacity: 2, title });
  const a = await participant();
  const b = await participant();
  const c = await participant();
  await post(v.id, 'invitations', { participant_ids: [a.id] });
  const p = await refused(v.id, 'accountmanager', 'invitations', { participant_ids: [b.id, c.id] }, 409);
  assert.match(p.detail, new RegExp(title));
  assert.match(p.detail, /2 places/);
  // the same person twice in one request counts once; a known one counts not at all
  const ok = await post(v.id, 'invitations', { participant_ids: [a.id, b.id, b.id] });
  assert.equal(ok.invited, 2);
  await refused(v.id, 'accountmanager', 'invitations', { participant_ids: [c.id] }, 409);
  assert.ok(!(await log(c.id)).some((x) => x.action === 'invite'), 'no invitation logged for c');
});

test('invitations refused: unknown or foreign participants, empty list, bad members, unknown visit, roles', async () => {
  const v = await visit({ capacity: 10 });
  const own = await participant();
  const foreign = await t.create({ family_name: uniqueName('Ander') }, 'klantmanager');
  await refused(v.id, 'accountmanager', 'invitations', { participant_ids: [] }, 422, 'participant_ids');
  await refused(v.id, 'accountmanager', 'invitations', { participant_ids: own.id }, 422, 'participant_ids');
  await refused(v.id, 'accountmanager', 'invitations', { participant_ids: ['x'] }, 422, 'participant_ids');
  await refused(v.id, 'accountmanager', 'invitations', { participant_ids: [own.id], note: 'x' }, 422, 'note');
  await refused(v.id, 'accountmanager', 'invitations', {}, 422, 'participant_ids');
  await refused(v.id, 'accountmanager', 'invitations', '{"participant_ids": [', 400, 'body');
  // a job coach invites only people they guide
  const p = await refused(v.id, 'jobcoach', 'invitations', { participant_ids: [own.id, foreign.id] }, 422, 'participant_ids');
  assert.match(reasonOf(p, 'participant_ids'), new RegExp(`${foreign.id}`));
  await refused(v.id, 'jobcoach2', 'invitations', { participant_ids: [own.id] }, 422, 'participant_ids');
  for (const user of ['klantmanager', 'afdelingsassistent', 'werkgever', 'vrijwilliger', 'beheerder']) {
    await refused(v.id, user, 'invitations', { participant_ids: [own.id] }, 403);
  }
  await refused(v.id, userA, 'invitations', { participant_ids: [own.id] }, 403);
  assertProblem(await t.call('accountmanager', 'POST', '/api/visits/999999/invitations', { participant_ids: [own.id] }), 404);
});

test('inviting a participant who does not exist is 422 naming participant_ids, and invites no one', async () => {
  const v = await visit({ capacity: 10 });
  const own = await participant();
  // app/visit.c means to say "participant 999999 does not exist" (field
  // participant_ids); it answers a bare foreign-key error without a field
  const p = await refused(v.id, 'accountmanager', 'invitations', { participant_ids: [own.id, 999999] }, 422,
    'participant_ids');
  assert.match(reasonOf(p, 'participant_ids'), /999999/);
});

test('attendance and interest once the day has come: 200, counted as attended and interested, logged', async () => {
  const v = await visit({ held_on: today(), capacity: 5 });
  const a = await participant();
  const b = await participant();
  const c = await participant();
  await post(v.id, 'invitations', { participant_ids: [a.id, b.id, c.id] });
  const r = await post(v.id, 'attendance', { items: [
    { participant_id: a.id, attended: true, interest: 'high' },
    { participant_id: b.id, attended: true, interest: 'none' },
    { participant_id: c.id, attended: false },
  ] });
  assert.equal(r.attended, 2);
  assert.equal(r.interested, 1);
  const row = (pid) => r.participants.find((x) => x.participant_id === pid);
  assert.equal(row(a.id).attended, true);
  assert.equal(row(a.id).interest, 'high');
  assert.equal(row(b.id).interest, 'none');
  assert.equal(row(c.id).attended, false);
  assert.equal(row(c.id).interest, null);
  // interest alone keeps the attendance recorded before
  const r2 = await post(v.id, 'attendance', { items: [{ participant_id: b.id, interest: 'some' }] });
  assert.equal(r2.participants.find((x) => x.participant_id === b.id).attended, true);
  assert.equal(r2.interested, 2);
  const listed = (await visits()).find((x) => x.id === v.id);
  assert.equal(listed.attended, 2);
  assert.equal(listed.interested, 2);
  const entry = (await log(a.id)).find((x) => x.action === 'record visit attendance');
  assert.ok(entry, 'attendance is logged');
  assert.equal(entry.activity, 'mdn-013');
});

test('attendance before the visit took place is refused (field attended); interest may be noted ahead', async () => {
  const v = await visit({ held_on: d(5) });
  const a = await participant();
  await post(v.id, 'invitations', { participant_ids: [a.id] });
  let p = await refused(v.id, 'accountmanager', 'attendance', { items: [{ participant_id: a.id, attended: true }] }, 422,
    'attended');
  assert.ok(reasonOf(p, 'attended').length > 0);
  p = await refused(v.id, 'accountmanager', 'attendance', { items: [{ participant_id: a.id, attended: false }] }, 422,
    'attended');
  const ok = await post(v.id, 'attendance', { items: [{ participant_id: a.id, interest: 'some' }] });
  assert.equal(ok.participants[0].interest, 'some');
  assert.equal(ok.participants[0].attended, null);
});

test('attendance refused: people not invited, bad values, all or nothing, unknown visit, roles', async () => {
  const v = await visit({ held_on: d(-2), capacity: 5 });
  const a = await participant();
  const stranger = await participant();
  await post(v.id, 'invitations', { participant_ids: [a.id] });
  const p = await refused(v.id, 'accountmanager', 'attendance', { items: [
    { participant_id: a.id, attended: true }, { participant_id: stranger.id, attended: true }] }, 422, 'participant_id');
  assert.match(reasonOf(p, 'participant_id'), new RegExp(`${stranger.id}`));
  await refused(v.id, 'accountmanager', 'attendance', { items: [{ participant_id: 999999, attended: true }] }, 422,
    'participant_id');
  await refused(v.id, 'accountmanager', 'attendance', { items: [{ participant_id: a.id, interest: 'enorm' }] }, 422, 'interest');
  await refused(v.id, 'accountmanager', 'attendance', { items: [{ participant_id: a.id, attended: 'ja' }] }, 422, 'attended');
  await refused(v.id, 'accountmanager', 'attendance', { items: [{ attended: true }] }, 422, 'participant_id');
  await refused(v.id, 'accountmanager', 'attendance', { items: [{ participant_id: a.id, attended: true, hours: 2 }] },
    422, 'hours');
  await refused(v.id, 'accountmanager', 'attendance', { items: [] }, 422, 'items');
  await refused(v.id, 'accountmanager', 'attendance', { items: ['a'] }, 422, 'items');
  await refused(v.id, 'accountmanager', 'attendance', '{"items": ', 400, 'body');
  for (const user of ['klantmanager', 'afdelingsassistent', 'werkgever', 'vrijwilliger', 'beheerder']) {
    await refused(v.id, user, 'attendance', { items: [{ participant_id: a.id, attended: true }] }, 403);
  }
  await refused(v.id, userA, 'attendance', { items: [{ participant_id: a.id, attended: true }] }, 403);
  assertProblem(await t.call('accountmanager', 'POST', '/api/visits/999999/attendance',
    { items: [{ participant_id: a.id, attended: true }] }), 404);
});

test('follow-ups: the account manager records any host\'s answer; counted as places offered and trial days; logged', async () => {
  const v = await visit({ employer_ids: [hostA.id, hostB.id], held_on: d(-3) });
  const a = await participant();
  const b = await participant();
  await post(v.id, 'invitations', { participant_ids: [a.id, b.id] });
  await post(v.id, 'attendance', { items: [{ participant_id: a.id, attended: true, interest: 'high' },
    { participant_id: b.id, attended: true, interest: 'some' }] });
  let r = await post(v.id, 'follow-ups', { participant_id: a.id, organisation_id: hostA.id, follow_up: 'place_offered',
    note: 'start na de zomer' });
  r = await post(v.id, 'follow-ups', { participant_id: a.id, organisation_id: hostB.id, follow_up: 'trial_day' });
  r = await post(v.id, 'follow-ups', { participant_id: b.id, organisation_id: hostB.id, follow_up: 'none' });
  assert.equal(r.places_offered, 1);
  assert.equal(r.trial_days, 1);
  assert.equal(r.follow_ups.length, 3);
  const fa = r.follow_ups.find((f) => f.participant_id === a.id && f.organisation_id === hostA.id);
  assert.equal(fa.follow_up, 'place_offered');
  assert.equal(fa.note, 'start na de zomer');
  assert.equal(fa.organisation_name, hostA.name);
  // a second answer of the same employer for the same person replaces the first
  r = await post(v.id, 'follow-ups', { participant_id: b.id, organisation_id: hostB.id, follow_up: 'trial_day' });
  assert.equal(r.follow_ups.length, 3);
  assert.equal(r.trial_days, 2);
  const entry = (await log(a.id)).find((x) => x.action === 'visit follow-up');
  assert.ok(entry, 'the follow-up is logged');
  assert.equal(entry.activity, 'mdn-013');
});

test('follow-up by the hosting employer only, for their own organisation; others 403 or 422, nothing stored', async () => {
  const v = await visit({ employer_ids: [hostA.id, hostB.id], held_on: d(-3) });
  const other = await visit({ employer_ids: [hostB.id], held_on: d(-3) });
  const a = await participant();
  const stranger = await participant();
  await post(v.id, 'invitations', { participant_ids: [a.id] });
  await post(other.id, 'invitations', { participant_ids: [a.id] });
  // an employer user of a host answers for their own organisation (organisation_id may be left out)
  const r = await post(v.id, 'follow-ups', { participant_id: a.id, follow_up: 'trial_day', note: 'proefdag dinsdag' }, userA);
  // the person is not the employer's own (no placement with them): the
  // answer counts the follow-up without showing it (issue 10, item 6)
  assert.deepEqual(r.follow_ups, [], 'no follow-up on someone outside the employer\'s scope');
  assert.equal(r.follow_ups_others, 1);
  assert.ok(!JSON.stringify(r).includes('proefdag dinsdag'));
  const own = (await getVisit(v.id)).follow_ups.find((f) => f.organisation_id === hostA.id);
  assert.ok(own, 'recorded for the employer\'s own organisation');
  assert.equal(own.follow_up, 'trial_day');
  // not for another host
  await refused(v.id, userA, 'follow-ups', { participant_id: a.id, organisation_id: hostB.id, follow_up: 'place_offered' }, 403);
  // not on a visit they do not host
  await refused(other.id, userA, 'follow-ups', { participant_id: a.id, follow_up: 'place_offered' }, 403);
  // the demo employer does not host either
  await refused(v.id, 'werkgever', 'follow-ups', { participant_id: a.id, follow_up: 'place_offered' }, 403);
  // only for people invited
  await refused(v.id, userA, 'follow-ups', { participant_id: stranger.id, follow_up: 'place_offered' }, 422, 'participant_id');
  await refused(v.id, userA, 'follow-ups', { participant_id: 999999, follow_up: 'place_offered' }, 422, 'participant_id');
  // roles that neither plan visits nor are a host
  for (const user of ['klantmanager', 'afdelingsassistent', 'regisseur']) {
    await refused(v.id, user, 'follow-ups', { participant_id: a.id, organisation_id: hostA.id, follow_up: 'none' }, 403);
  }
  for (const user of ['vrijwilliger', 'beheerder']) {
    await refused(v.id, user, 'follow-ups', { participant_id: a.id, organisation_id: hostA.id, follow_up: 'none' }, 403);
  }
  // the account manager names the employer, a host of this visit
  await refused(v.id, 'accountmanager', 'follow-ups', { participant_id: a.id, follow_up: 'none' }, 422, 'organisation_id');
  const p = await refused(v.id, 'accountmanager', 'follow-ups',
    { participant_id: a.id, organisation_id: orgs.municipality.id, follow_up: 'none' }, 422, 'organisation_id');
  assert.ok(reasonOf(p, 'organisation_id').length > 0);
  // bad values
  await refused(v.id, 'accountmanager', 'follow-ups', { participant_id: a.id, organisation_id: hostA.id, follow_up: 'job' },
    422, 'follow_up');
  await refused(v.id, 'accountmanager', 'follow-ups', { participant_id: a.id, organisation_id: hostA.id }, 422, 'follow_up');
  await refused(v.id, 'accountmanager', 'follow-ups', { organisation_id: hostA.id, follow_up: 'none' }, 422, 'participant_id');
  await refused(v.id, 'accountmanager', 'follow-ups', { participant_id: a.id, organisation_id: hostA.id, follow_up: 'none',
    note: 'x'.repeat(1001) }, 422, 'note');
  await refused(v.id, 'accountmanager', 'follow-ups', { participant_id: a.id, organisation_id: hostA.id, follow_up: 'none',
    rating: 5 }, 422, 'rating');
  await refused(v.id, 'accountmanager', 'follow-ups', '{"participant_id": ', 400, 'body');
  assertProblem(await t.call('accountmanager', 'POST', '/api/visits/999999/follow-ups',
    { participant_id: a.id, organisation_id: hostA.id, follow_up: 'none' }), 404);
});

test('an employer user sees only the visits they host, no names without consent, and only their own follow-ups', async () => {
  const v = await visit({ employer_ids: [hostA.id, hostB.id], held_on: d(-2) });
  const notMine = await visit({ employer_ids: [hostB.id] });
  const a = await participant();
  await post(v.id, 'invitations', { participant_ids: [a.id] });
  await post(v.id, 'follow-ups', { participant_id: a.id, organisation_id: hostA.id, follow_up: 'place_offered' });
  await post(v.id, 'follow-ups', { participant_id: a.id, organisation_id: hostB.id, follow_up: 'none', note: 'geen plek' });
  const list = await visits('', userA);
  assert.ok(list.some((x) => x.id === v.id));
  assert.ok(!list.some((x) => x.id === notMine.id), 'a visit of another employer is not listed');
  const g = await getVisit(v.id, userA);
  // the invited person is not the employer's own: neither the invitation
  // nor the follow-up is shown, only counted (issue 10, item 6); of the
  // follow-ups only the own organisation's count
  assert.deepEqual(g.participants, [], 'an invited person outside their scope is not shown');
  assert.equal(g.participants_others, 1);
  assert.deepEqual(g.follow_ups, []);
  assert.equal(g.follow_ups_others, 1, 'only the own follow-up is counted');
  assert.ok(!JSON.stringify(g).includes(a.family_name));
  assert.ok(!JSON.stringify(g).includes(`"participant_id":${a.id}`));
  assertProblem(await t.call(userA, 'GET', `/api/visits/${notMine.id}`), 403);
  // the account manager sees both answers
  const all = await getVisit(v.id);
  assert.deepEqual(all.follow_ups.map((f) => f.note).sort(), ['geen plek', null].sort());
  const gb = await getVisit(v.id, userB);
  assert.deepEqual(gb.follow_ups, []);
  assert.equal(gb.follow_ups_others, 1);
});

test('what a visit led to: placements started with a host after the visit by people who attended', async () => {
  const v = await visit({ held_on: d(-20), capacity: 5 });
  const a = await participant();
  const b = await participant();
  await post(v.id, 'invitations', { participant_ids: [a.id, b.id] });
  await post(v.id, 'attendance', { items: [{ participant_id: a.id, attended: true }, { participant_id: b.id, attended: false }] });
  const pl = await t.call('accountmanager', 'POST', '/api/placements',
    { organisation_id: hostA.id, kind: 'trial_placement', title: 'Proefplaatsing na bezoek', capacity: 5 });
  assert.equal(pl.status, 201, pl.text);
  for (const p of [a, b]) {
    const i = await t.call('jobcoach', 'POST', `/api/participants/${p.id}/phases`, { kind: 'intake', start_date: d(-60) });
    assert.equal(i.status, 201, i.text);
    const r = await t.call('jobcoach', 'POST', `/api/participants/${p.id}/phases`,
      { kind: 'trial_placement', start_date: d(-10), placement_id: pl.body.id });
    assert.equal(r.status, 201, r.text);
  }
  const g = await getVisit(v.id);
  assert.equal(g.attended, 1);
  assert.equal(g.placements_started, 1, 'only the attendee counts');
});
