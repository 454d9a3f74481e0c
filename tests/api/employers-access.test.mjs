// employers-access.test.mjs - who may do what on the employer side
// (domain/access.c actions ACT_READ_EMPLOYERS, ACT_MANAGE_EMPLOYERS,
// ACT_MANAGE_VISITS; docs/api.md "Employers, placements, trainings, visits
// and assessments"), the employer view of issue 4 item 6 (own placements,
// the people placed there with only what role and consent allow, a
// revoked consent taking effect at once), and the processing log of the
// employer side (mdn-011 placement, mdn-012 assessment, mdn-013 visit,
// mdn-014 training). Refused requests change nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, uniqueName, today, addDays, DEMO_PASSWORD, LOG_TIMESTAMP } from './helpers.mjs';

let t;
let orgs;
let mine;       // an employer with a user of its own
let other;      // another employer
let wgUser;     // username of mine's employer user
let otherUser;  // username of other's employer user

const d = (n) => addDays(today(), n);

const ROLES = ['regisseur', 'klantmanager', 'jongerenconsulent', 'projectleider', 'jobcoach', 'jobcoach2',
  'accountmanager', 'afdelingsassistent', 'vrijwilliger', 'welzijn', 'taalaanbieder', 'werkgever', 'beheerder'];

before(async () => {
  t = await setup({ participants: 10 });
  orgs = await t.orgs();
  mine = await newEmployer('Eigen');
  other = await newEmployer('Ander');
  wgUser = await employerUser(mine.id);
  otherUser = await employerUser(other.id);
});
after(async () => { await t?.stop(); });

async function newEmployer(prefix) {
  const r = await t.call('accountmanager', 'POST', '/api/employers',
    { name: `${prefix} ${uniqueName('Bedrijf')}`, sector: 'greenhouse_horticulture' });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

async function employerUser(orgId) {
  const username = uniqueName('wg').toLowerCase();
  const r = await t.call('beheerder', 'POST', '/api/users',
    { username, display_name: `Werkgever ${username}`, password: DEMO_PASSWORD, role: 'employer', organisation_id: orgId });
  assert.equal(r.status, 201, r.text);
  return username;
}

async function placement(orgId, fields = {}) {
  const r = await t.call('accountmanager', 'POST', '/api/placements',
    { organisation_id: orgId, kind: 'external_work_learning', title: `Plek ${uniqueName('T')}`, capacity: 5, ...fields });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

async function participant(fields = {}) {
  const p = await t.create({ family_name: uniqueName('Geplaatst'), ...fields }, 'jobcoach');
  const r = await t.call('jobcoach', 'POST', `/api/participants/${p.id}/phases`, { kind: 'intake', start_date: d(-90) });
  assert.equal(r.status, 201, r.text);
  return p;
}

async function place(pid, pl, start = d(-30)) {
  const r = await t.call('jobcoach', 'POST', `/api/participants/${pid}/phases`,
    { kind: pl.kind, start_date: start, placement_id: pl.id });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

async function consent(pid, orgId, category) {
  const r = await t.call('klantmanager', 'POST', `/api/participants/${pid}/consents`,
    { organisation_id: orgId, category, given_on: today() });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

async function counts() {
  const get = async (path) => {
    const r = await t.call('projectleider', 'GET', path);
    assert.equal(r.status, 200, r.text);
    return r.body.items.length;
  };
  return {
    employers: await get('/api/employers'),
    placements: await get('/api/placements?include_inactive=true'),
    trainings: await get('/api/trainings'),
    visits: await get('/api/visits'),
  };
}

async function log(pid, user = 'klantmanager') {
  const r = await t.call(user, 'GET', `/api/participants/${pid}/log?per_page=100`);
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

/* ---- the action table ---- */

test('reading employers, placements, trainings and visits: municipality and social work company roles; an employer its own; partners and admin 403', async () => {
  const readers = ['regisseur', 'klantmanager', 'jongerenconsulent', 'projectleider', 'jobcoach', 'jobcoach2',
    'accountmanager', 'afdelingsassistent', 'werkgever'];
  for (const user of ROLES) {
    for (const path of ['/api/employers', '/api/placements', '/api/trainings', '/api/visits']) {
      const r = await t.call(user, 'GET', path);
      if (readers.includes(user)) {
        assert.equal(r.status, 200, `${user} GET ${path}: ${r.text}`);
        assert.ok(Array.isArray(r.body.items));
      } else {
        assertProblem(r, 403);
      }
    }
  }
});

test('managing employers, placements and trainings (account manager, project leader) and planning visits (also job coaches): every other role 403, nothing added', async () => {
  const before = await counts();
  const managers = ['projectleider', 'accountmanager'];
  const planners = ['projectleider', 'accountmanager', 'jobcoach', 'jobcoach2'];
  let made = { employers: 0, placements: 0, trainings: 0, visits: 0 };
  for (const user of [...ROLES, wgUser]) {
    const e = await t.call(user, 'POST', '/api/employers', { name: `Matrix ${uniqueName('M')}`, sector: 'retail' });
    const p = await t.call(user, 'POST', '/api/placements',
      { organisation_id: mine.id, kind: 'vacancy', title: 'Matrix vacature', capacity: 1 });
    const tr = await t.call(user, 'POST', '/api/trainings',
      { title: 'Matrix cursus', provider: 'Matrix school', start_date: d(1), end_date: d(2), cost_cents: 100 });
    const v = await t.call(user, 'POST', '/api/visits',
      { kind: 'company_visit', title: 'Matrix bezoek', held_on: d(3), capacity: 4, employer_ids: [mine.id] });
    if (managers.includes(user)) {
      for (const [name, r] of [['employer', e], ['placement', p], ['training', tr]]) {
        assert.equal(r.status, 201, `${user} POST ${name}: ${r.text}`);
      }
      made = { ...made, employers: made.employers + 1, placements: made.placements + 1, trainings: made.trainings + 1 };
    } else {
      for (const r of [e, p, tr]) assertProblem(r, 403);
    }
    if (planners.includes(user)) {
      assert.equal(v.status, 201, `${user} POST visit: ${v.text}`);
      made.visits += 1;
    } else {
      assertProblem(v, 403);
    }
  }
  const after = await counts();
  for (const k of Object.keys(made)) assert.equal(after[k], before[k] + made[k], `${k}: only the allowed ones were added`);
});

test('a malformed body is 400 before any rule, for every employer-side write', async () => {
  const pl = await placement(mine.id);
  const before = await counts();
  for (const path of ['/api/employers', `/api/employers/${mine.id}/contacts`, `/api/employers/${mine.id}/notes`,
    '/api/placements', `/api/placements/${pl.id}/attendance`, '/api/trainings', '/api/visits']) {
    assertProblem(await t.call('accountmanager', 'POST', path, '{"oeps": '), 400, 'body');
    assertProblem(await t.call('accountmanager', 'POST', path, '{"a": 1, "a": 2}'), 400, 'body');
  }
  for (const path of [`/api/employers/${mine.id}`, `/api/placements/${pl.id}`]) {
    assertProblem(await t.call('accountmanager', 'PATCH', path, 'null'), 400, 'body');
  }
  // a body that is not JSON at all
  assertProblem(await t.call('accountmanager', 'POST', '/api/employers', 'name=x', { 'content-type': 'text/plain' }), 403, 'Content-Type');
  assertProblem(await t.call('accountmanager', 'POST', '/api/employers', 'name=x', { 'content-type': 'text/csv' }), 415);
  assert.deepEqual(await counts(), before);
});

/* ---- the employer view ---- */

test('an employer sees only their own placements: the list, the organisation filter, a placement, its check and attendance', async () => {
  const own = await placement(mine.id);
  const foreign = await placement(other.id);
  const hall = await placement(orgs.social_work_company.id, { kind: 'internal_work_learning' });
  const r = await t.call(wgUser, 'GET', '/api/placements');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.items.some((x) => x.id === own.id));
  for (const x of r.body.items) assert.equal(x.organisation_id, mine.id, 'only own placements');
  const filtered = await t.call(wgUser, 'GET', `/api/placements?organisation=${mine.id}`);
  assert.equal(filtered.status, 200, filtered.text);
  assertProblem(await t.call(wgUser, 'GET', `/api/placements?organisation=${other.id}`), 403);
  assert.equal((await t.call(wgUser, 'GET', `/api/placements/${own.id}`)).status, 200);
  for (const pl of [foreign, hall]) {
    const p = assertProblem(await t.call(wgUser, 'GET', `/api/placements/${pl.id}`), 403);
    assert.ok(!JSON.stringify(p).includes(pl.title), 'the refusal does not show the placement');
    assertProblem(await t.call(wgUser, 'GET', `/api/placements/${pl.id}/attendance`), 403);
  }
  const someone = await participant();
  await place(someone.id, foreign);
  assertProblem(await t.call(wgUser, 'GET', `/api/placements/${foreign.id}/check/${someone.id}`), 403);
  const before = (await t.call('accountmanager', 'GET', `/api/placements/${foreign.id}/attendance`)).body;
  assertProblem(await t.call(wgUser, 'POST', `/api/placements/${foreign.id}/attendance`,
    { day: d(-1), items: [{ participant_id: someone.id, status: 'present' }] }), 403);
  assert.deepEqual((await t.call('accountmanager', 'GET', `/api/placements/${foreign.id}/attendance`)).body, before);
  // and changes none, not even their own
  const snap = (await t.call('accountmanager', 'GET', `/api/placements/${own.id}`)).body;
  assertProblem(await t.call(wgUser, 'PATCH', `/api/placements/${own.id}`, { capacity: 50 }), 403);
  assert.deepEqual((await t.call('accountmanager', 'GET', `/api/placements/${own.id}`)).body, snap);
});

test('an employer reads a participant placed with them (path, assessments; no bsn, health or income even with consent), not others', async () => {
  const pl = await placement(mine.id);
  const p = await participant({ bsn: '111222333', health_limits: 'rugklachten', benefit: 'participatiewet',
    phone: '0612345678', isced_level: 3 });
  const stranger = await participant();
  // before the placement: nothing
  assertProblem(await t.call(wgUser, 'GET', `/api/participants/${p.id}`), 403);
  await place(p.id, pl);
  const r = await t.call(wgUser, 'GET', `/api/participants/${p.id}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([...r.body.access.categories].sort(), ['assessments', 'path']);
  assert.deepEqual(r.body.access.writable, ['assessments']);
  for (const k of ['family_name', 'given_names', 'birth_date', 'bsn', 'health_limits', 'benefit', 'phone', 'isced_level']) {
    assert.ok(!(k in r.body), `without consent no ${k}`);
  }
  assert.equal((await t.call(wgUser, 'GET', `/api/participants/${p.id}/phases`)).status, 200);
  assert.equal((await t.call(wgUser, 'GET', `/api/participants/${p.id}/assessments`)).status, 200);
  assertProblem(await t.call(wgUser, 'GET', `/api/participants/${p.id}/journal`), 403);
  // with consent for every category: identity, contact and education/work, never bsn, health or income
  for (const c of ['identity', 'contact', 'bsn', 'education_work', 'civic_integration', 'income', 'health', 'path',
    'assessments', 'notes']) {
    await consent(p.id, mine.id, c);
  }
  const full = await t.call(wgUser, 'GET', `/api/participants/${p.id}`);
  assert.equal(full.status, 200, full.text);
  assert.deepEqual([...full.body.access.categories].sort(),
    ['assessments', 'contact', 'education_work', 'identity', 'path']);
  assert.equal(full.body.family_name, p.family_name);
  assert.equal(full.body.phone, '0612345678');
  assert.equal(full.body.isced_level, 3);
  for (const k of ['bsn', 'health_limits', 'benefit']) assert.ok(!(k in full.body), `never ${k}`);
  assert.ok(!JSON.stringify(full.body).includes('111222333'));
  assert.ok(!JSON.stringify(full.body).includes('rugklachten'));
  // another employer, and people not placed with them: 403
  for (const [user, pid] of [[otherUser, p.id], [wgUser, stranger.id], ['werkgever', p.id]]) {
    assertProblem(await t.call(user, 'GET', `/api/participants/${pid}`), 403);
    assertProblem(await t.call(user, 'GET', `/api/participants/${pid}/phases`), 403);
    assertProblem(await t.call(user, 'GET', `/api/participants/${pid}/assessments`), 403);
  }
  assertProblem(await t.call(wgUser, 'GET', `/api/placements/${pl.id}/check/${stranger.id}`), 403);
  // the reads of the employer are logged with its organisation
  const entry = (await log(p.id)).find((x) => x.actor === wgUser && x.action === 'read');
  assert.ok(entry, 'the employer\'s read is logged');
  assert.equal(entry.role, 'employer');
  assert.equal(entry.organisation, mine.name);
});

test('a revoked identity consent takes effect on the next request: no name on the dossier, the placement or the list', async () => {
  const pl = await placement(mine.id);
  const p = await participant();
  await place(p.id, pl);
  const c = await consent(p.id, mine.id, 'identity');
  let r = await t.call(wgUser, 'GET', `/api/participants/${p.id}`);
  assert.equal(r.body.family_name, p.family_name);
  let occ = (await t.call(wgUser, 'GET', `/api/placements/${pl.id}`)).body.occupants.find((o) => o.participant_id === p.id);
  assert.equal(occ.family_name, p.family_name, 'the occupant is named with consent');
  let listed = await t.call(wgUser, 'GET', `/api/participants?q=${p.family_name}`);
  assert.equal(listed.status, 200, listed.text);
  assert.deepEqual(listed.body.items.map((x) => x.id), [p.id]);

  const rv = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/consents/${c.id}/revoke`);
  assert.equal(rv.status, 200, rv.text);
  r = await t.call(wgUser, 'GET', `/api/participants/${p.id}`);
  assert.equal(r.status, 200, 'still placed there: the path stays readable');
  assert.ok(!r.body.access.categories.includes('identity'));
  for (const k of ['family_name', 'given_names', 'birth_date']) assert.ok(!(k in r.body), `no ${k} after the revocation`);
  occ = (await t.call(wgUser, 'GET', `/api/placements/${pl.id}`)).body.occupants.find((o) => o.participant_id === p.id);
  assert.equal(occ.hidden, true);
  assert.equal(occ.family_name, undefined);
  listed = await t.call(wgUser, 'GET', `/api/participants?q=${p.family_name}`);
  assert.equal(listed.status, 200, listed.text);
  assert.deepEqual(listed.body.items, [], 'no longer in the employer\'s list');
  // the attendance list neither names them
  await t.call(wgUser, 'POST', `/api/placements/${pl.id}/attendance`,
    { day: d(-1), items: [{ participant_id: p.id, status: 'present' }] });
  const att = (await t.call(wgUser, 'GET', `/api/placements/${pl.id}/attendance`)).body.items;
  assert.equal(att.length, 1);
  assert.equal(att[0].family_name, undefined);
  assert.equal(att[0].hidden, true);
});

test('an employer records attendance and a short assessment for their own placements only', async () => {
  const pl = await placement(mine.id);
  const p = await participant();
  const q = await participant();
  await place(p.id, pl);
  const r = await t.call(wgUser, 'POST', `/api/placements/${pl.id}/attendance`,
    { day: d(-1), items: [{ participant_id: p.id, status: 'present' }] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.items[0].status, 'present');
  const before = (await t.call('accountmanager', 'GET', `/api/placements/${pl.id}/attendance`)).body;
  assertProblem(await t.call(wgUser, 'POST', `/api/placements/${pl.id}/attendance`,
    { day: d(-1), items: [{ participant_id: q.id, status: 'present' }] }), 422, 'participant_id');
  assertProblem(await t.call(otherUser, 'POST', `/api/placements/${pl.id}/attendance`,
    { day: d(-1), items: [{ participant_id: p.id, status: 'late' }] }), 403);
  assert.deepEqual((await t.call('accountmanager', 'GET', `/api/placements/${pl.id}/attendance`)).body, before);
  const scores = { punctuality: 3, attendance: 4, pace: 2, quality: 3, instructions: 3, cooperation: 4, safety: 3,
    vocabulary: 2, work_capacity: 6 };
  const a = await t.call(wgUser, 'POST', `/api/participants/${p.id}/assessments`,
    { assessed_on: d(-1), placement_id: pl.id, scores, comments: { vocabulary: 'oefent met de namen van de planten' } });
  assert.equal(a.status, 201, a.text);
  assert.equal(a.body.latest.placement_id, pl.id);
  assertProblem(await t.call(otherUser, 'POST', `/api/participants/${p.id}/assessments`,
    { assessed_on: d(-1), placement_id: pl.id, scores }), 403);
  assertProblem(await t.call(wgUser, 'POST', `/api/participants/${q.id}/assessments`,
    { assessed_on: d(-1), placement_id: pl.id, scores }), 403);
  assert.equal((await t.call('klantmanager', 'GET', `/api/participants/${p.id}/assessments`)).body.items.length, 1);
  assert.equal((await t.call('klantmanager', 'GET', `/api/participants/${q.id}/assessments`)).body.items.length, 0);
});

/* ---- the processing log ---- */

test('the processing log holds the employer side per activity: mdn-011 placement, mdn-012 assessment, mdn-013 visit, mdn-014 training', async () => {
  const pl = await placement(mine.id, { capacity: 3 });
  const p = await participant();
  const chk = await t.call('accountmanager', 'GET', `/api/placements/${pl.id}/check/${p.id}`);
  assert.equal(chk.status, 200, chk.text);
  await place(p.id, pl);
  const att = await t.call('jobcoach', 'POST', `/api/placements/${pl.id}/attendance`,
    { day: d(-1), items: [{ participant_id: p.id, status: 'present' }] });
  assert.equal(att.status, 200, att.text);
  const scores = { punctuality: 3, attendance: 3, pace: 3, quality: 3, instructions: 3, cooperation: 3, safety: 3,
    vocabulary: 3, work_capacity: 4 };
  const as = await t.call('jobcoach', 'POST', `/api/participants/${p.id}/assessments`, { assessed_on: d(-1), scores });
  assert.equal(as.status, 201, as.text);
  const dec = await t.call('jobcoach', 'POST', `/api/participants/${p.id}/assessments/${as.body.latest.id}/decision`,
    { decision: 'confirmed' });
  assert.equal(dec.status, 200, dec.text);
  const v = await t.call('accountmanager', 'POST', '/api/visits',
    { kind: 'company_visit', title: 'Logboekbezoek', held_on: d(-2), capacity: 5, employer_ids: [mine.id] });
  assert.equal(v.status, 201, v.text);
  for (const [what, body] of [['invitations', { participant_ids: [p.id] }],
    ['attendance', { items: [{ participant_id: p.id, attended: true, interest: 'high' }] }],
    ['follow-ups', { participant_id: p.id, organisation_id: mine.id, follow_up: 'trial_day' }]]) {
    const r = await t.call('accountmanager', 'POST', `/api/visits/${v.body.id}/${what}`, body);
    assert.equal(r.status, 200, `${what}: ${r.text}`);
  }
  const tr = await t.call('accountmanager', 'POST', '/api/trainings',
    { title: 'Logboekcursus', provider: 'Logboekschool', start_date: d(-9), end_date: d(-8), cost_cents: 100 });
  assert.equal(tr.status, 201, tr.text);
  for (const body of [{ participant_id: p.id }, { participant_id: p.id, result: 'passed' }]) {
    const r = await t.call('jobcoach', 'POST', `/api/trainings/${tr.body.id}/enrolments`, body);
    assert.equal(r.status, 200, r.text);
  }

  const entries = await log(p.id);
  const has = (activity, action, actor) => {
    const e = entries.find((x) => x.activity === activity && x.action === action && x.actor === actor);
    assert.ok(e, `a "${action}" entry (${activity}) by ${actor}: ${JSON.stringify(entries.map((x) => [x.activity, x.action, x.actor]))}`);
    return e;
  };
  has('mdn-011', 'check placement', 'accountmanager');
  has('mdn-011', 'place', 'jobcoach');
  has('mdn-011', 'record attendance', 'jobcoach');
  has('mdn-012', 'assess', 'jobcoach');
  has('mdn-012', 'confirm advice', 'jobcoach');
  has('mdn-013', 'invite', 'accountmanager');
  has('mdn-013', 'record visit attendance', 'accountmanager');
  has('mdn-013', 'visit follow-up', 'accountmanager');
  has('mdn-014', 'enrol', 'jobcoach');
  const last = has('mdn-014', 'training result', 'jobcoach');
  assert.equal(last.status, 'ok');
  assert.equal(last.role, 'job_coach');
  assert.equal(typeof last.purpose, 'string');
  assert.ok(last.purpose.length > 0);
  assert.match(last.started_at, LOG_TIMESTAMP);
  assert.match(last.trace_id, /^[0-9a-f]{16,}$/);
  assert.equal(last.subject_type, entries.find((x) => x.action === 'place').subject_type);
  for (const e of entries) {
    assert.ok(!JSON.stringify(e).includes(p.family_name), 'no name of the subject in the log');
    assert.ok(!JSON.stringify(e).includes('Logboekcursus'), 'no content in the log');
  }
  // every employer-side entry belongs to one of the four activities or the path/dossier ones
  const purposes = new Map(entries.map((x) => [x.activity, x.purpose]));
  for (const a of ['mdn-011', 'mdn-012', 'mdn-013', 'mdn-014']) assert.ok(purposes.get(a), `purpose of ${a}`);
  assert.equal(new Set(['mdn-011', 'mdn-012', 'mdn-013', 'mdn-014'].map((a) => purposes.get(a))).size, 4,
    'four distinct purposes');
  // who may read the log: director and case manager; the account manager and the employer not
  assert.ok((await log(p.id, 'regisseur')).length > 0);
  assertProblem(await t.call('accountmanager', 'GET', `/api/participants/${p.id}/log`), 403);
  assertProblem(await t.call(wgUser, 'GET', `/api/participants/${p.id}/log`), 403);
});

test('refused employer-side requests write no "ok" entries for the participant', async () => {
  const pl = await placement(mine.id, { capacity: 1 });
  const a = await participant();
  await place(a.id, pl);
  const p = await participant();
  const before = (await log(p.id)).filter((x) => ['mdn-011', 'mdn-012', 'mdn-013', 'mdn-014'].includes(x.activity));
  // full placement, bad assessment, foreign training enrolment, employer not placed with
  assertProblem(await t.call('jobcoach', 'POST', `/api/participants/${p.id}/phases`,
    { kind: pl.kind, start_date: d(-3), placement_id: pl.id }), 409);
  assertProblem(await t.call('jobcoach', 'POST', `/api/participants/${p.id}/assessments`,
    { assessed_on: d(-1), scores: { pace: 9 } }), 422);
  assertProblem(await t.call('jobcoach2', 'POST', `/api/participants/${p.id}/assessments`,
    { assessed_on: d(-1), scores: { punctuality: 3, attendance: 3, pace: 3, quality: 3, instructions: 3, cooperation: 3,
      safety: 3, vocabulary: 3, work_capacity: 4 } }), 403);
  assertProblem(await t.call(wgUser, 'GET', `/api/participants/${p.id}`), 403);
  const after = (await log(p.id)).filter((x) => ['mdn-011', 'mdn-012', 'mdn-013', 'mdn-014'].includes(x.activity));
  assert.deepEqual(after.filter((x) => x.status === 'ok'), before.filter((x) => x.status === 'ok'),
    'no successful employer-side processing was logged');
});
