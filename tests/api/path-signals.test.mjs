// path-signals.test.mjs - the signals worklist and the director's totals,
// and the processing log of the path routes (docs/api.md "The path" →
// Signals and worklists; DESIGN.md §2–§3; issue 3 item 5):
// GET /api/signals, GET /api/signals/summary, and …/log entries with
// activities mdn-008 (path), mdn-009 (journal) and mdn-010 (worklist).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, today, addDays, DATE } from './helpers.mjs';

let t;
let km;
let jc;
let ruleCodes;

const d = (n) => addDays(today(), n);

before(async () => {
  t = await setup({ participants: 20 });
  km = await t.me('klantmanager');
  jc = await t.me('jobcoach');
  const codes = await t.call('klantmanager', 'GET', '/api/codes');
  assert.equal(codes.status, 200, codes.text);
  ruleCodes = codes.body.signal_rules.map((r) => r.code);
});
after(async () => { await t?.stop(); });

/* ---- helpers ---- */

function shelteredBody(fields = {}) {
  return {
    source: 'school_leaver',
    school: 'Praktijkschool De Poort',
    school_contact: 'mevr. De Vries, mentor',
    parents_contact: 'moeder, 06 12345678',
    last_school_year: '2025-2026',
    indication_status: 'requested',
    stage: 'candidate',
    ...fields,
  };
}
async function putSheltered(pid, fields = {}, user = 'klantmanager') {
  const r = await t.call(user, 'PUT', `/api/participants/${pid}/sheltered`, shelteredBody(fields));
  assert.equal(r.status, 200, `PUT sheltered: ${r.status} ${r.text}`);
  return r.body;
}
/* ---- signals ---- */

async function worklist(user = 'jobcoach', query = '?limit=1000') {
  const r = await t.call(user, 'GET', `/api/signals${query}`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}
const signalsOf = (w, pid) => w.items.filter((x) => x.participant_id === pid);

test('worklist: intake overdue and due, with their due dates, on the job coach\'s own caseload only', async () => {
  const late = await t.create({ arrival_date: d(-30) }, 'jobcoach');
  const soon = await t.create({ arrival_date: d(-18) }, 'jobcoach');
  const day15 = await t.create({ arrival_date: d(-15) }, 'jobcoach');
  const day16 = await t.create({ arrival_date: d(-16) }, 'jobcoach');
  const day21 = await t.create({ arrival_date: d(-21) }, 'jobcoach');
  const day22 = await t.create({ arrival_date: d(-22) }, 'jobcoach');
  const notMine = await t.create({ arrival_date: d(-30) }, 'klantmanager');
  const w = await worklist();

  const rules = (p) => signalsOf(w, p.id).map((x) => x.rule);
  const s = signalsOf(w, late.id).find((x) => x.rule === 'intake_overdue');
  assert.ok(s, `intake_overdue for arrival 30 days ago: ${JSON.stringify(signalsOf(w, late.id))}`);
  for (const k of ['participant_id', 'family_name', 'given_names', 'rule', 'label', 'due', 'actor']) assert.ok(k in s, `item member ${k}`);
  assert.equal(s.due, d(-9), 'due = arrival + 21 days');
  assert.equal(s.family_name, late.family_name);
  assert.equal(s.given_names, late.given_names);
  assert.equal(typeof s.label, 'string');
  assert.equal(typeof s.actor, 'string');
  assert.ok(!rules(late).includes('intake_due'));

  const due = signalsOf(w, soon.id).find((x) => x.rule === 'intake_due');
  assert.ok(due, `intake_due for arrival 18 days ago: ${JSON.stringify(signalsOf(w, soon.id))}`);
  assert.equal(due.due, d(3));
  assert.ok(!rules(soon).includes('intake_overdue'));

  assert.deepEqual(rules(day15).filter((r) => r.startsWith('intake')), [], 'day 15: nothing yet');
  assert.deepEqual(rules(day16).filter((r) => r.startsWith('intake')), ['intake_due'], 'day 16: due within 5 days');
  assert.deepEqual(rules(day21).filter((r) => r.startsWith('intake')), ['intake_due'], 'day 21: due today');
  assert.deepEqual(rules(day22).filter((r) => r.startsWith('intake')), ['intake_overdue'], 'day 22: overdue');

  assert.deepEqual(signalsOf(w, notMine.id), [], 'not on the job coach\'s caseload');
  const other = await worklist('jobcoach2');
  for (const p of [late, soon, day16, day21, day22]) assert.deepEqual(signalsOf(other, p.id), [], 'not on jobcoach2\'s list');
  assert.ok(signalsOf(await worklist('regisseur'), notMine.id).some((x) => x.rule === 'intake_overdue'), 'the director sees all');
});

test('worklist: only own caseload participants, most overdue first, counts for every rule', async () => {
  await t.create({ arrival_date: d(-40) }, 'jobcoach');
  const w = await worklist();
  assert.ok(w.items.length > 0);
  const dues = w.items.map((x) => x.due);
  for (const due of dues) assert.match(due, DATE);
  assert.deepEqual(dues, [...dues].sort(), 'most overdue (earliest due) first');
  for (const pid of new Set(w.items.map((x) => x.participant_id))) {
    const r = await t.call('jobcoach', 'GET', `/api/participants/${pid}/phases`);
    assert.equal(r.status, 200, `participant ${pid} on the worklist is on the job coach's caseload: ${r.text}`);
  }
  assert.equal(typeof w.counts, 'object');
  assert.deepEqual(Object.keys(w.counts).sort(), [...ruleCodes].sort(), 'a count for every rule');
  assert.equal(ruleCodes.length, 11, 'the ten rules of issue 3 and class_absence of issue 5');
  for (const code of ruleCodes) {
    assert.equal(typeof w.counts[code], 'number');
    assert.equal(w.counts[code], w.items.filter((x) => x.rule === code).length, `count of ${code}`);
    assert.ok(w.items.every((x) => ruleCodes.includes(x.rule)));
  }
});

test('worklist of the case manager: their own caseload, not every participant', async () => {
  // issue 3 item 5: "Each user sees a worklist of the signals on their own
  // caseload; the director sees all"; docs/api.md: "for the participants
  // on their own caseload"
  const jcs = await t.create({ arrival_date: d(-30) }, 'jobcoach');
  const own = await t.create({ arrival_date: d(-30) }, 'klantmanager');
  const w = await worklist('klantmanager');
  assert.ok(signalsOf(w, own.id).some((x) => x.rule === 'intake_overdue'), 'own participant listed');
  assert.deepEqual(signalsOf(w, jcs.id), [], 'a participant of the job coach without a case-manager link is not on the case manager\'s worklist');
});

test('worklist: recording the intake removes the intake signal', async () => {
  const p = await t.create({ arrival_date: d(-30), birth_date: '1980-01-01' }, 'jobcoach');
  assert.ok(signalsOf(await worklist(), p.id).some((x) => x.rule === 'intake_overdue'));
  const r = await t.call('jobcoach', 'POST', `/api/participants/${p.id}/intake`, {
    intake_date: d(-1), first_step: 'internal_work_learning', reasons: 'werkervaring in de bouw',
    prior_level_confirmed: true, ambitions_confirmed: true, planned_day_parts: 4, study_offered: false,
  });
  assert.equal(r.status, 201, r.text);
  const after = signalsOf(await worklist(), p.id).map((x) => x.rule);
  assert.ok(!after.includes('intake_overdue') && !after.includes('intake_due'), `no intake signal: ${after}`);
});

test('worklist: a held sheltered-work place ending within 30 days', async () => {
  const soon = await t.create({}, 'jobcoach');
  const edge = await t.create({}, 'jobcoach');
  const later = await t.create({}, 'jobcoach');
  await putSheltered(soon.id, { source: 'dropout', stage: 'held', hold_until: d(10) }, 'jobcoach');
  await putSheltered(edge.id, { source: 'dropout', stage: 'held', hold_until: d(30) }, 'jobcoach');
  await putSheltered(later.id, { source: 'dropout', stage: 'held', hold_until: d(31) }, 'jobcoach');
  const w = await worklist();
  const s = signalsOf(w, soon.id).find((x) => x.rule === 'sheltered_hold_ending');
  assert.ok(s, 'hold ending in 10 days');
  assert.equal(s.due, d(10));
  assert.ok(signalsOf(w, edge.id).some((x) => x.rule === 'sheltered_hold_ending'), 'in 30 days');
  assert.ok(!signalsOf(w, later.id).some((x) => x.rule === 'sheltered_hold_ending'), 'not in 31 days');
});

test('worklist limit: 1..1000, else 422 naming limit; counts always over the whole list', async () => {
  await t.create({ arrival_date: d(-30) }, 'jobcoach');
  await t.create({ arrival_date: d(-35) }, 'jobcoach');
  for (const v of ['0', '1001', '-1', 'abc', '1.5']) {
    assertProblem(await t.call('jobcoach', 'GET', `/api/signals?limit=${v}`), 422, 'limit');
  }
  const full = await worklist();
  const one = await worklist('jobcoach', '?limit=1');
  assert.equal(one.items.length, 1);
  assert.deepEqual(one.items[0], full.items[0]);
  assert.deepEqual(one.counts, full.counts);
  assert.equal((await worklist('jobcoach', '?limit=1000')).items.length, full.items.length);
});

test('worklist: no session 401; a role without paths (admin) 403', async () => {
  assertProblem(await t.call(null, 'GET', '/api/signals'), 401);
  assertProblem(await t.call(null, 'GET', '/api/signals/summary'), 401);
  assertProblem(await t.call('beheerder', 'GET', '/api/signals'), 403);
});

async function summary(user = 'regisseur') {
  const r = await t.call(user, 'GET', '/api/signals/summary');
  assert.equal(r.status, 200, r.text);
  return r.body;
}

test('summary: the director\'s totals by rule and by organisation, consistent with each other', async () => {
  const s = await summary();
  assert.equal(typeof s.total, 'number');
  assert.deepEqual(s.by_rule.map((x) => x.rule).sort(), [...ruleCodes].sort(), 'every rule once');
  for (const x of s.by_rule) {
    assert.equal(typeof x.label, 'string');
    assert.equal(typeof x.count, 'number');
  }
  assert.equal(s.by_rule.reduce((n, x) => n + x.count, 0), s.total, 'by_rule adds up to total');
  assert.ok(Array.isArray(s.by_organisation) && s.by_organisation.length > 0);
  for (const o of s.by_organisation) {
    for (const k of ['organisation_id', 'organisation_name', 'counts', 'total']) assert.ok(k in o, `by_organisation member ${k}`);
    assert.deepEqual(Object.keys(o.counts).sort(), [...ruleCodes].sort());
    assert.equal(Object.values(o.counts).reduce((n, c) => n + c, 0), o.total);
  }
  assert.equal(s.by_organisation.reduce((n, o) => n + o.total, 0), s.total, 'by_organisation adds up to total');
  for (const code of ruleCodes) {
    assert.equal(s.by_organisation.reduce((n, o) => n + o.counts[code], 0), s.by_rule.find((x) => x.rule === code).count,
      `${code}: organisations add up to the rule`);
  }
});

test('summary counts a new overdue intake under its rule and its organisation', async () => {
  const before = await summary();
  await t.create({ arrival_date: d(-50) }, 'klantmanager');
  const after = await summary();
  const count = (s) => s.by_rule.find((x) => x.rule === 'intake_overdue').count;
  assert.equal(count(after), count(before) + 1);
  assert.equal(after.total, before.total + 1);
  const org = (s) => s.by_organisation.find((o) => o.organisation_id === km.organisation_id);
  assert.ok(org(after), 'the registering organisation is listed');
  assert.equal(org(after).counts.intake_overdue, (org(before)?.counts.intake_overdue ?? 0) + 1);
  assert.equal(org(after).organisation_name, km.organisation_name);
});

test('summary: director, case manager and project leader only', async () => {
  for (const user of ['regisseur', 'klantmanager', 'projectleider']) await summary(user);
  const others = ['jobcoach', 'jobcoach2', 'vrijwilliger', 'welzijn', 'werkgever', 'beheerder', 'afdelingsassistent',
    'jongerenconsulent', 'taalaanbieder', 'accountmanager'];
  const got = {};
  for (const user of others) {
    const r = await t.call(user, 'GET', '/api/signals/summary');
    got[user] = r.status;
    if (r.status === 403) assertProblem(r, 403);
  }
  assert.deepEqual(got, Object.fromEntries(others.map((u) => [u, 403])), 'GET /api/signals/summary status per user');
});

/* ---- processing log ---- */

async function logEntries(pid) {
  const r = await t.call('regisseur', 'GET', `/api/participants/${pid}/log?per_page=100`);
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}
const count = (items, actor, activity) => items.filter((x) => x.actor === actor && x.activity === activity).length;

test('log: reading the path as the job coach writes an entry with activity mdn-008 (journal mdn-009)', async () => {
  const p = await t.create({}, 'jobcoach');
  let before = await logEntries(p.id);
  const r = await t.call('jobcoach', 'GET', `/api/participants/${p.id}/phases`);
  assert.equal(r.status, 200, r.text);
  let after = await logEntries(p.id);
  assert.equal(count(after, 'jobcoach', 'mdn-008'), count(before, 'jobcoach', 'mdn-008') + 1);
  const e = after.find((x) => x.actor === 'jobcoach' && x.activity === 'mdn-008');
  assert.equal(e.role, 'job_coach');
  assert.equal(e.status, 'ok');
  assert.equal(e.organisation, jc.organisation_name);
  assert.ok(e.purpose && e.action, 'purpose and action');

  for (const route of ['intake', 'ladder', 'handover', 'sheltered']) {
    before = after;
    assert.equal((await t.call('jobcoach', 'GET', `/api/participants/${p.id}/${route}`)).status, 200, route);
    after = await logEntries(p.id);
    assert.equal(count(after, 'jobcoach', 'mdn-008'), count(before, 'jobcoach', 'mdn-008') + 1, `GET ${route} logged as mdn-008`);
  }
  before = after;
  assert.equal((await t.call('jobcoach', 'GET', `/api/participants/${p.id}/journal`)).status, 200);
  after = await logEntries(p.id);
  assert.equal(count(after, 'jobcoach', 'mdn-009'), count(before, 'jobcoach', 'mdn-009') + 1, 'journal read logged as mdn-009');

  // writes are logged too
  before = after;
  const w = await t.call('jobcoach', 'POST', `/api/participants/${p.id}/ladder`, { assessed_on: d(-1), level: 3 });
  assert.equal(w.status, 201, w.text);
  after = await logEntries(p.id);
  assert.equal(count(after, 'jobcoach', 'mdn-008'), count(before, 'jobcoach', 'mdn-008') + 1, 'ladder write logged');
});

test('log: the worklist writes an entry with activity mdn-010 for each participant it names', async () => {
  const p = await t.create({ arrival_date: d(-30) }, 'jobcoach');
  const q = await t.create({ arrival_date: d(-30) }, 'klantmanager'); // not on the job coach's list
  const beforeP = count(await logEntries(p.id), 'jobcoach', 'mdn-010');
  const beforeQ = count(await logEntries(q.id), 'jobcoach', 'mdn-010');
  const w = await worklist();
  assert.ok(signalsOf(w, p.id).length > 0);
  const entries = await logEntries(p.id);
  assert.equal(count(entries, 'jobcoach', 'mdn-010'), beforeP + 1, 'one worklist entry for p');
  const e = entries.find((x) => x.actor === 'jobcoach' && x.activity === 'mdn-010');
  assert.equal(e.role, 'job_coach');
  assert.equal(count(await logEntries(q.id), 'jobcoach', 'mdn-010'), beforeQ, 'no entry for someone not listed');
});
