// employers-trainings.test.mjs - short trainings at work with their
// co-financing, enrolments, results and certificates (issue 4 item 3;
// docs/api.md "Trainings"): GET/POST /api/trainings, GET
// /api/trainings/{id}, POST /api/trainings/{id}/enrolments. Every refused
// request answers problem+json and changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, reasonOf, uniqueName, today, addDays, DEMO_PASSWORD } from './helpers.mjs';

let t;
let orgs;
let employer;
let otherEmployer;
let employerUsername;

const d = (n) => addDays(today(), n);

const TRAINING_MEMBERS = ['id', 'title', 'certificate', 'provider', 'start_date', 'end_date', 'cost_cents',
  'employer_share_cents', 'company_share_cents', 'employer_id', 'employer_name', 'capacity', 'validity_months',
  'enrolled', 'passed'];

before(async () => {
  t = await setup({ participants: 10 });
  orgs = await t.orgs();
  employer = await newEmployer();
  otherEmployer = await newEmployer();
  employerUsername = uniqueName('wg').toLowerCase();
  const u = await t.call('beheerder', 'POST', '/api/users', { username: employerUsername, display_name: 'Werkgever Scholing',
    password: DEMO_PASSWORD, role: 'employer', organisation_id: employer.id });
  assert.equal(u.status, 201, u.text);
});
after(async () => { await t?.stop(); });

async function newEmployer() {
  const r = await t.call('accountmanager', 'POST', '/api/employers',
    { name: `Opleidingsbedrijf ${uniqueName('O')}`, sector: 'logistics' });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

async function training(fields = {}, user = 'accountmanager') {
  const body = { title: `Heftruck ${uniqueName('H')}`, provider: 'Opleidingscentrum Westland', start_date: d(-20),
    end_date: d(-18), cost_cents: 60000, ...fields };
  const r = await t.call(user, 'POST', '/api/trainings', body);
  assert.equal(r.status, 201, `POST /api/trainings ${JSON.stringify(body)}: ${r.status} ${r.text}`);
  return r.body;
}

async function getTraining(id, user = 'accountmanager') {
  const r = await t.call(user, 'GET', `/api/trainings/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

async function trainings(user = 'accountmanager') {
  const r = await t.call(user, 'GET', '/api/trainings');
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

async function refusedCreate(body, status, field, user = 'accountmanager') {
  const before = await trainings();
  const r = await t.call(user, 'POST', '/api/trainings', body);
  const problem = assertProblem(r, status, field);
  assert.deepEqual(await trainings(), before, `POST /api/trainings ${JSON.stringify(body)} as ${user} added nothing`);
  return problem;
}

async function enrol(id, body, user = 'jobcoach') {
  const r = await t.call(user, 'POST', `/api/trainings/${id}/enrolments`, body);
  assert.equal(r.status, 200, `enrol as ${user} ${JSON.stringify(body)}: ${r.status} ${r.text}`);
  return r.body;
}

async function refusedEnrol(id, body, status, field, user = 'jobcoach') {
  const before = await getTraining(id);
  const r = await t.call(user, 'POST', `/api/trainings/${id}/enrolments`, body);
  const problem = assertProblem(r, status, field);
  assert.deepEqual(await getTraining(id), before, `enrol as ${user} ${JSON.stringify(body)} changed nothing`);
  return problem;
}

const participant = () => t.create({ family_name: uniqueName('Cursist') }, 'jobcoach');

async function log(pid) {
  const r = await t.call('klantmanager', 'GET', `/api/participants/${pid}/log?per_page=100`);
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

test('POST /api/trainings: 201 with every member, the co-financing split, and a note in the employer\'s history', async () => {
  const tr = await training({ title: 'Heftruckcertificaat', certificate: 'forklift', provider: 'TCT Opleidingen',
    start_date: d(10), end_date: d(12), cost_cents: 75000, employer_share_cents: 30000, employer_id: employer.id,
    capacity: 8, validity_months: 60 });
  for (const k of TRAINING_MEMBERS) assert.ok(k in tr, `training member ${k}`);
  assert.equal(tr.title, 'Heftruckcertificaat');
  assert.equal(tr.certificate, 'forklift');
  assert.equal(tr.provider, 'TCT Opleidingen');
  assert.equal(tr.start_date, d(10));
  assert.equal(tr.end_date, d(12));
  assert.equal(tr.cost_cents, 75000);
  assert.equal(tr.employer_share_cents, 30000);
  assert.equal(tr.company_share_cents, 45000);
  assert.equal(tr.employer_id, employer.id);
  assert.equal(tr.employer_name, employer.name);
  assert.equal(tr.capacity, 8);
  assert.equal(tr.validity_months, 60);
  assert.equal(tr.enrolled, 0);
  assert.equal(tr.passed, 0);
  assert.deepEqual(tr.participants, []);
  assert.deepEqual(await getTraining(tr.id), tr);
  const e = (await t.call('accountmanager', 'GET', `/api/employers/${employer.id}`)).body;
  assert.ok(e.trainings.some((x) => x.id === tr.id), 'on the employer\'s page');
  const h = e.history.find((x) => x.kind === 'training');
  assert.ok(h, `a training entry in the history: ${JSON.stringify(e.history)}`);
  assert.match(h.text, /Heftruckcertificaat/);
  // without an employer the social work company pays it all
  const own = await training({ cost_cents: 12000 }, 'projectleider');
  assert.equal(own.employer_share_cents, 0);
  assert.equal(own.company_share_cents, 12000);
  assert.equal(own.employer_id, null);
  assert.equal(own.employer_name, null);
});

test('POST /api/trainings refused: required members, dates, money, co-financing, certificate, unknown members, malformed JSON', async () => {
  const ok = { title: 'VCA basis', provider: 'Veiligheidsschool', start_date: d(5), end_date: d(6), cost_cents: 20000 };
  for (const field of ['title', 'provider', 'start_date', 'end_date', 'cost_cents']) {
    await refusedCreate({ ...ok, [field]: undefined }, 422, field);
  }
  await refusedCreate({ ...ok, title: 'V' }, 422, 'title');
  await refusedCreate({ ...ok, start_date: '2025-02-30' }, 422, 'start_date');
  await refusedCreate({ ...ok, end_date: d(4) }, 422, 'end_date');
  await refusedCreate({ ...ok, cost_cents: -1 }, 422, 'cost_cents');
  await refusedCreate({ ...ok, cost_cents: 199.5 }, 422, 'cost_cents');
  const p = await refusedCreate({ ...ok, employer_share_cents: 25000, employer_id: employer.id }, 422, 'employer_share_cents');
  assert.match(reasonOf(p, 'employer_share_cents'), /20000/);
  await refusedCreate({ ...ok, employer_share_cents: 5000 }, 422, 'employer_id');
  await refusedCreate({ ...ok, employer_id: 999999 }, 422, 'employer_id');
  await refusedCreate({ ...ok, employer_id: orgs.social_work_company.id }, 422, 'employer_id');
  await refusedCreate({ ...ok, certificate: 'pilot' }, 422, 'certificate');
  await refusedCreate({ ...ok, capacity: 0 }, 422, 'capacity');
  await refusedCreate({ ...ok, validity_months: 0 }, 422, 'validity_months');
  await refusedCreate({ ...ok, validity_months: 121 }, 422, 'validity_months');
  await refusedCreate({ ...ok, enrolled: 3 }, 422, 'enrolled');
  await refusedCreate({ ...ok, company_share_cents: 3 }, 422, 'company_share_cents');
  await refusedCreate('{"title": "VCA"', 400, 'body');
});

test('"employer_id": null is no employer: with a share it is 422 naming employer_id, without one it is accepted', async () => {
  const ok = { title: 'Hygiëne', provider: 'HACCP school', start_date: d(5), end_date: d(6), cost_cents: 20000 };
  // null means "absent" everywhere else (app/input.h); today both answer a
  // bare "employer history: refers to something that does not exist"
  await refusedCreate({ ...ok, employer_share_cents: 5000, employer_id: null }, 422, 'employer_id');
  const r = await t.call('accountmanager', 'POST', '/api/trainings', { ...ok, employer_id: null });
  assert.equal(r.status, 201, `a training without an employer: ${r.status} ${r.text}`);
  assert.equal(r.body.employer_id, null);
});

test('who may plan trainings: account manager and project leader; job coach, case manager, employer and others 403', async () => {
  for (const user of ['jobcoach', 'klantmanager', 'regisseur', 'afdelingsassistent', 'werkgever', 'vrijwilliger',
    'beheerder']) {
    await refusedCreate({ title: 'Verboden cursus', provider: 'X school', start_date: d(5), end_date: d(6), cost_cents: 1 },
      403, undefined, user);
  }
  await refusedCreate({ title: 'Eigen cursus', provider: 'X school', start_date: d(5), end_date: d(6), cost_cents: 1,
    employer_id: employer.id }, 403, undefined, employerUsername);
});

test('GET /api/trainings: newest first with counts; an employer sees only the trainings it shares in', async () => {
  const mine = await training({ employer_id: employer.id, employer_share_cents: 100, start_date: d(-5), end_date: d(-4) });
  const theirs = await training({ employer_id: otherEmployer.id, employer_share_cents: 100 });
  const nobody = await training();
  const all = await trainings();
  for (const x of all) for (const k of TRAINING_MEMBERS) assert.ok(k in x, `list member ${k}`);
  for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].start_date >= all[i].start_date, 'newest first');
  for (const tr of [mine, theirs, nobody]) assert.ok(all.some((x) => x.id === tr.id));
  const seen = await trainings(employerUsername);
  assert.ok(seen.some((x) => x.id === mine.id));
  for (const x of seen) assert.equal(x.employer_id, employer.id, 'only the own trainings');
  assert.equal((await getTraining(mine.id, employerUsername)).id, mine.id);
  assertProblem(await t.call(employerUsername, 'GET', `/api/trainings/${theirs.id}`), 403);
  assertProblem(await t.call(employerUsername, 'GET', `/api/trainings/${nobody.id}`), 403);
  for (const user of ['vrijwilliger', 'welzijn', 'taalaanbieder', 'beheerder']) {
    assertProblem(await t.call(user, 'GET', '/api/trainings'), 403);
    assertProblem(await t.call(user, 'GET', `/api/trainings/${mine.id}`), 403);
  }
  assertProblem(await t.call('accountmanager', 'GET', '/api/trainings/999999'), 404);
});

test('enrolments: enrol, then the result after the end; a pass without a date expires validity_months after the end', async () => {
  const tr = await training({ certificate: 'forklift', start_date: d(-20), end_date: d(-18), validity_months: 24,
    employer_id: employer.id });
  const a = await participant();
  const b = await participant();
  let r = await enrol(tr.id, { participant_id: a.id });
  assert.equal(r.enrolled, 1);
  assert.equal(r.passed, 0);
  const pa = r.participants.find((x) => x.participant_id === a.id);
  assert.equal(pa.result, 'enrolled');
  assert.equal(pa.certificate_expires, null);
  assert.equal(pa.family_name, a.family_name, 'the job coach sees the name');
  r = await enrol(tr.id, { participant_id: a.id, result: 'passed' });
  assert.equal(r.enrolled, 1, 'a result is no new enrolment');
  assert.equal(r.passed, 1);
  const end = new Date(`${d(-18)}T12:00:00Z`);
  end.setUTCMonth(end.getUTCMonth() + 24);
  assert.equal(r.participants.find((x) => x.participant_id === a.id).certificate_expires, end.toISOString().slice(0, 10));
  r = await enrol(tr.id, { participant_id: b.id, result: 'passed', certificate_expires: d(700) });
  assert.equal(r.participants.find((x) => x.participant_id === b.id).certificate_expires, d(700));
  assert.equal(r.passed, 2);
  r = await enrol(tr.id, { participant_id: b.id, result: 'withdrawn' });
  assert.equal(r.participants.find((x) => x.participant_id === b.id).result, 'withdrawn');
  assert.equal(r.passed, 1);
  // logged as training activity
  const entries = (await log(a.id)).filter((x) => x.activity === 'mdn-014');
  assert.ok(entries.some((x) => x.action === 'enrol' && x.actor === 'jobcoach'), JSON.stringify(entries));
  assert.ok(entries.some((x) => x.action === 'training result'), JSON.stringify(entries));
  // the employer sharing the training sees how many are enrolled, but not
  // who: the people are not theirs (issue 10, item 6)
  const seen = await getTraining(tr.id, employerUsername);
  assert.equal(seen.participants.length, 0);
  assert.equal(seen.participants_others, 2);
  assert.ok(!JSON.stringify(seen).includes(a.family_name));
});

test('enrolment refused: a result before the end, a certificate without a pass, bad values, unknown ids', async () => {
  const tr = await training({ start_date: d(-2), end_date: d(3), certificate: 'vca' });
  const a = await participant();
  await enrol(tr.id, { participant_id: a.id });
  let p = await refusedEnrol(tr.id, { participant_id: a.id, result: 'passed' }, 422, 'result');
  assert.match(reasonOf(p, 'result'), new RegExp(d(3)));
  await refusedEnrol(tr.id, { participant_id: a.id, result: 'failed' }, 422, 'result');
  await refusedEnrol(tr.id, { participant_id: a.id, result: 'cum laude' }, 422, 'result');
  await refusedEnrol(tr.id, { participant_id: a.id, certificate_expires: d(400) }, 422, 'certificate_expires');
  const done = await training({ start_date: d(-30), end_date: d(-29), certificate: 'vca' });
  await enrol(done.id, { participant_id: a.id });
  p = await refusedEnrol(done.id, { participant_id: a.id, result: 'failed', certificate_expires: d(400) }, 422,
    'certificate_expires');
  await refusedEnrol(done.id, { participant_id: a.id, result: 'passed', certificate_expires: d(-29) }, 422,
    'certificate_expires');
  await refusedEnrol(done.id, { participant_id: a.id, result: 'passed', certificate_expires: '2030-02-30' }, 422,
    'certificate_expires');
  await refusedEnrol(done.id, { result: 'passed' }, 422, 'participant_id');
  await refusedEnrol(done.id, { participant_id: String(a.id) }, 422, 'participant_id');
  await refusedEnrol(done.id, { participant_id: a.id, grade: 8 }, 422, 'grade');
  await refusedEnrol(done.id, '{"participant_id": ', 400, 'body');
  await refusedEnrol(done.id, { participant_id: 999999 }, 403); // unknown ids look like others' to a job coach
  await refusedEnrol(done.id, { participant_id: 999999 }, 404, undefined, 'projectleider');
  assertProblem(await t.call('jobcoach', 'POST', '/api/trainings/999999/enrolments', { participant_id: a.id }), 404);
});

test('a full training is 409 "training \\"T\\" is full"; a result for someone enrolled still fits', async () => {
  const title = `Kleine cursus ${uniqueName('K')}`;
  const tr = await training({ title, capacity: 1 });
  const a = await participant();
  const b = await participant();
  await enrol(tr.id, { participant_id: a.id });
  const p = await refusedEnrol(tr.id, { participant_id: b.id }, 409);
  assert.equal(p.detail, `training "${title}" is full: 1 of 1 places taken`);
  assert.ok(!(await log(b.id)).some((x) => x.activity === 'mdn-014'), 'nothing logged for b');
  const r = await enrol(tr.id, { participant_id: a.id, result: 'passed' });
  assert.equal(r.passed, 1);
});

test('who may enrol: whoever may write the path, and the account manager; others 403 and nothing changes', async () => {
  const tr = await training();
  const a = await participant();
  const r = await enrol(tr.id, { participant_id: a.id }, 'accountmanager');
  assert.equal(r.enrolled, 1);
  const b = await participant();
  await enrol(tr.id, { participant_id: b.id }, 'klantmanager');
  await enrol(tr.id, { participant_id: b.id, result: 'passed' }, 'projectleider');
  const c = await participant();
  for (const user of ['jobcoach2', 'regisseur', 'afdelingsassistent', 'werkgever', 'vrijwilliger', 'taalaanbieder',
    'beheerder']) {
    await refusedEnrol(tr.id, { participant_id: c.id }, 403, undefined, user);
  }
  await refusedEnrol(tr.id, { participant_id: c.id }, 403, undefined, employerUsername);
  await refusedEnrol(tr.id, { participant_id: c.id }, 401, undefined, null);
});
