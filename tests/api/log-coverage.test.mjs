// log-coverage.test.mjs - every read of personal data is logged exactly
// once (issue 10, item 3; DESIGN.md §2 "Processing log"). The test walks
// the route table (tests/lib/routes.mjs, read from http/routes.c): every
// GET route under /api and /calendar/:token.ics must have a row in ROUTES
// below saying which participants it concerns, or that it shows none and
// why. A new route without a row fails the suite.
//
// For each route it is called as a role that may read it, and the new
// processing-log rows are read straight from the server's SQLite file:
// exactly one row per data subject shown, each with status ok and that
// subject's pseudonym. Routes about one participant are also called as a
// role that may not: 403 and exactly one row with status refused (Error
// in Logius' terms) for that participant; an id that does not exist is
// 403 too (no probing of ids) and writes no row, as it has no data subject.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { setup, assertProblem, today } from './helpers.mjs';
import { routeTable, fillPattern } from '../lib/routes.mjs';

let t;
const fx = {}; // fixtures: ids the routes are called with

// SQL straight on the test server's database (WAL: readers see commits).
function sql(query) {
  const out = execFileSync('sqlite3', ['-json', t.srv.db, query], { encoding: 'utf8' });
  return out.trim() ? JSON.parse(out) : [];
}
const lastLogId = () => sql('SELECT coalesce(max(id), 0) AS n FROM processing_log')[0].n;
const rowsAfter = (id) => sql(`SELECT id, action, status, subject_pseudonym FROM processing_log WHERE id > ${Number(id)} ORDER BY id`);
const isOk = (s) => /^ok$/i.test(s);
const isRefused = (s) => /^(refused|error)$/i.test(s);

// The pseudonym of participant pid: read their dossier as the case manager
// and take the pseudonym of that one entry.
const pseudonyms = new Map();
async function pseudonymOf(pid) {
  if (!pseudonyms.has(pid)) {
    const from = lastLogId();
    const r = await t.call('klantmanager', 'GET', `/api/participants/${pid}`);
    assert.equal(r.status, 200, r.text);
    const rows = rowsAfter(from);
    assert.equal(rows.length, 1, `one entry for a dossier read: ${JSON.stringify(rows)}`);
    pseudonyms.set(pid, rows[0].subject_pseudonym);
  }
  return pseudonyms.get(pid);
}

const ids = (list, key = 'participant_id') => (list ?? []).map((x) => x[key]);

// One row per GET route. Either
//   none: why the route shows no participant's data, or
//   as: a user who may read it; path(): the path to call (default: the
//   pattern filled with fx.p); subjects(body, text): the participant ids
//   the answer shows (a participant route: [fx.p]); refusedAs: for routes
//   about one participant, a user who may not (403, one refused entry).
const ROUTES = {
  '/api/me': { none: 'the signed-in user\'s own account' },
  '/api/account/second-factor': { none: 'the signed-in user\'s own second factor (staff account, no participant)' },
  '/api/codes': { none: 'code lists' },
  '/api/participants': { as: 'jobcoach', subjects: (b) => ids(b.items, 'id'), deniedAs: 'beheerder' },
  '/api/participants/:id': { as: 'jobcoach', one: true, refusedAs: 'beheerder' },
  '/api/participants/:id/links': { as: 'jobcoach', one: true, refusedAs: 'vrijwilliger' },
  '/api/participants/:id/consents': { as: 'jobcoach', one: true, refusedAs: 'vrijwilliger' },
  '/api/participants/:id/log': { as: 'regisseur', one: true, refusedAs: 'jobcoach' },
  '/api/participants/:id/phases': { as: 'jobcoach', one: true, refusedAs: 'beheerder' },
  '/api/participants/:id/intake': { as: 'jobcoach', one: true, refusedAs: 'beheerder' },
  '/api/participants/:id/ladder': { as: 'jobcoach', one: true, refusedAs: 'jobcoach2' },
  '/api/participants/:id/journal': { as: 'jobcoach', one: true, refusedAs: 'accountmanager' },
  '/api/participants/:id/handover': { as: 'jobcoach', one: true, refusedAs: 'beheerder' },
  '/api/participants/:id/sheltered': { as: 'jobcoach', one: true, refusedAs: 'beheerder' },
  '/api/participants/:id/assessments': { as: 'jobcoach', one: true, refusedAs: 'beheerder' },
  '/api/participants/:id/week-plan': { as: 'jobcoach', one: true, refusedAs: 'jobcoach2' },
  '/api/participants/:id/week-plan.ics': { as: 'jobcoach', one: true, refusedAs: 'beheerder' },
  '/api/participants/:id/fitting-placements': { as: 'jobcoach', one: true, refusedAs: 'beheerder' },
  '/api/participants/:id/week-card': { as: 'jobcoach', one: true, refusedAs: 'beheerder' },
  '/api/participants/:id/week-card.pdf': { as: 'jobcoach', one: true, refusedAs: 'beheerder' },
  '/api/sheltered': { as: 'klantmanager', subjects: (b) => b.stages.flatMap((s) => ids(s.items, 'id')), deniedAs: 'beheerder' },
  '/api/signals': { as: 'jobcoach', subjects: (b) => ids(b.items), deniedAs: 'beheerder' },
  '/api/signals/summary': { none: 'counts per signal rule over everyone, no person' },
  '/api/employers': { none: 'employers (organisations) and their contact persons, who are no participants' },
  '/api/employers/:id': { none: 'an employer with its contacts, placements, visits and trainings, without participants', path: () => `/api/employers/${fx.employer}` },
  '/api/placements': { none: 'placements with counts of places taken, no person' },
  '/api/placements/:id': { as: 'accountmanager', path: () => `/api/placements/${fx.placement}`, subjects: (b) => ids(b.occupants) },
  '/api/placements/:id/check/:id': { as: 'accountmanager', one: true, path: () => `/api/placements/${fx.placement}/check/${fx.p}`, refusedAs: 'jobcoach2' },
  '/api/placements/:id/attendance': { as: 'klantmanager', path: () => `/api/placements/${fx.attendancePlacement}/attendance`, subjects: (b) => ids(b.items) },
  '/api/trainings': { none: 'trainings with counts of enrolments, no person' },
  '/api/trainings/:id': { as: 'accountmanager', path: () => `/api/trainings/${fx.training}`, subjects: (b) => ids(b.participants) },
  '/api/visits': { none: 'visits with counts of invitations and attendance, no person' },
  '/api/visits/:id': { as: 'accountmanager', path: () => `/api/visits/${fx.visit}`, subjects: (b) => [...ids(b.participants), ...ids(b.follow_ups)] },
  '/api/organisations': { none: 'organisations' },
  '/api/users': { none: 'staff accounts, no participants (the admin\'s own work)' },
  '/api/day-part-times': { none: 'clock times of the day-parts' },
  '/api/class-groups': { none: 'class groups with counts of enrolments, no person' },
  '/api/class-groups/:id': { as: 'klantmanager', path: () => `/api/class-groups/${fx.group}`, subjects: (b) => ids(b.enrolments) },
  '/api/class-groups/:id/attendance': { as: 'taalaanbieder', path: () => `/api/class-groups/${fx.group}/attendance`, subjects: (b) => ids(b.items) },
  '/api/capacity': { none: 'planned day-parts per placement and week, counted' },
  '/api/week-plan/free': { as: 'jobcoach', path: () => '/api/week-plan/free?day_parts=mon_morning', subjects: (b) => ids(b.items), deniedAs: 'beheerder' },
  '/api/coaches/:id/appointments.ics': { as: 'jobcoach', path: () => `/api/coaches/${fx.coach}/appointments.ics`,
    subjects: () => sql(`SELECT DISTINCT participant_id FROM plan_entry WHERE coach_user_id = ${fx.coach} AND kind = 'coach_appointment' AND removed_at IS NULL`).map((r) => r.participant_id) },
  '/api/calendar-tokens': { as: 'jobcoach', subjects: (b) => ids(b.items).filter((x) => x) },
  '/calendar/:token.ics': { as: null, path: () => fx.tokenPath, subjects: () => [fx.p] },
};

before(async () => {
  t = await setup({ participants: 30 });
  const coach = await t.me('jobcoach');
  fx.coach = coach.id;
  const p = await t.create({ family_name: 'Logdekking', given_names: 'Test' }, 'jobcoach');
  fx.p = p.id;
  let r = await t.call('jobcoach', 'POST', `/api/participants/${p.id}/week-plan/entries`,
    { valid_from: today(), kind: 'coach_appointment', weekdays: ['thu'], start_time: '14:00', end_time: '14:45',
      coach_user_id: coach.id, title: 'Voortgang' });
  assert.equal(r.status, 201, r.text);
  r = await t.call('jobcoach', 'PUT', `/api/participants/${p.id}/sheltered`,
    { source: 'school_leaver', indication_status: 'requested', stage: 'candidate' });
  assert.equal(r.status, 200, r.text);
  r = await t.call('jobcoach', 'POST', '/api/calendar-tokens', { subject: 'participant', participant_id: p.id });
  assert.equal(r.status, 201, r.text);
  fx.tokenPath = new URL(r.body.url, t.url).pathname;
  // demo data with people in them, as the case manager sees it
  const first = async (list, get, pick) => {
    for (const x of list) {
      const g = await t.call('klantmanager', 'GET', get(x));
      if (g.status === 200 && pick(g.body)) return x.id;
    }
    return undefined;
  };
  fx.employer = (await t.call('klantmanager', 'GET', '/api/employers')).body.items[0].id;
  const placements = (await t.call('klantmanager', 'GET', '/api/placements')).body.items;
  fx.placement = await first(placements, (x) => `/api/placements/${x.id}`, (b) => b.occupants.length > 1);
  // work-floor marks for the people in that placement (the demo has none)
  const occupants = (await t.call('klantmanager', 'GET', `/api/placements/${fx.placement}`)).body.occupants;
  r = await t.call('klantmanager', 'POST', `/api/placements/${fx.placement}/attendance`,
    { day: today(), items: occupants.map((o) => ({ participant_id: o.participant_id, status: 'present' })) });
  assert.equal(r.status, 200, r.text);
  fx.attendancePlacement = fx.placement;
  const trainings = (await t.call('klantmanager', 'GET', '/api/trainings')).body.items;
  fx.training = await first(trainings, (x) => `/api/trainings/${x.id}`, (b) => b.participants.length > 1);
  const visits = (await t.call('klantmanager', 'GET', '/api/visits')).body.items;
  fx.visit = await first(visits, (x) => `/api/visits/${x.id}`, (b) => b.participants.length > 1);
  const provider = await t.me('taalaanbieder');
  const groups = (await t.call('klantmanager', 'GET', `/api/class-groups?organisation_id=${provider.organisation_id}`)).body.items;
  fx.group = await first(groups, (x) => `/api/class-groups/${x.id}`, (b) => b.enrolments.length > 1);
  for (const k of ['employer', 'placement', 'attendancePlacement', 'training', 'visit', 'group']) {
    assert.ok(fx[k], `the demo has a ${k} with people in it`);
  }
});
after(async () => { await t?.stop(); });

const reads = routeTable().filter((r) => r.method === 'GET' && (r.pattern.startsWith('/api/') || r.pattern === '/calendar/:token.ics'));

test('every GET route under /api has a decision in the logging table', () => {
  const missing = reads.map((r) => r.pattern).filter((p) => !(p in ROUTES));
  assert.deepEqual(missing, [], 'routes without a row in ROUTES (say which participants they show, or none and why)');
  const stale = Object.keys(ROUTES).filter((p) => !reads.some((r) => r.pattern === p));
  assert.deepEqual(stale, [], 'rows for routes that no longer exist');
});

async function call(user, path) {
  return t.call(user, 'GET', path);
}

for (const route of reads) {
  const spec = ROUTES[route.pattern];
  if (!spec) continue;
  const pathOf = () => (spec.path ? spec.path() : fillPattern(route.pattern, [fx.p, fx.p]));

  if (spec.none) {
    test(`GET ${route.pattern}: no personal data (${spec.none}), no entry`, async () => {
      const from = lastLogId();
      const r = await call('klantmanager', pathOf());
      assert.ok(r.status === 200 || r.status === 403, `${r.status} ${r.text.slice(0, 200)}`);
      assert.deepEqual(rowsAfter(from), [], 'no processing-log entry');
      assert.ok(!/"participant_id"\s*:\s*[1-9]/.test(r.text), 'no participant id in the answer');
    });
    continue;
  }

  test(`GET ${route.pattern}: one entry per data subject shown`, async () => {
    const from = lastLogId();
    const r = await call(spec.as, pathOf());
    assert.equal(r.status, 200, `${spec.as}: ${r.status} ${r.text.slice(0, 300)}`);
    const rows = rowsAfter(from);
    const subjects = spec.one ? [fx.p] : [...new Set(spec.subjects(r.body, r.text))];
    assert.ok(subjects.length > 0, 'the call shows someone (else the count proves nothing)');
    const want = [];
    for (const pid of subjects) want.push(await pseudonymOf(pid)); // one at a time: each is a logged read
    want.sort();
    assert.ok(rows.every((x) => isOk(x.status)), `statuses: ${JSON.stringify(rows.map((x) => x.status))}`);
    assert.deepEqual(rows.map((x) => x.subject_pseudonym).sort(), want,
      `exactly one entry for each of ${subjects.length} subjects; got ${rows.length}: ${JSON.stringify(rows.map((x) => x.action))}`);
  });

  if (spec.refusedAs) {
    test(`GET ${route.pattern}: a refused read (${spec.refusedAs}) is logged once as refused; an unknown id is not`, async () => {
      let from = lastLogId();
      assertProblem(await call(spec.refusedAs, pathOf()), 403);
      const rows = rowsAfter(from);
      assert.equal(rows.length, 1, `one entry: ${JSON.stringify(rows)}`);
      assert.ok(isRefused(rows[0].status), `status refused/Error: ${rows[0].status}`);
      assert.equal(rows[0].subject_pseudonym, await pseudonymOf(fx.p));
      from = lastLogId();
      const unknown = pathOf().replace(`/${fx.p}`, '/987654');
      const u = await call(spec.refusedAs, unknown);
      assert.ok(u.status === 403 || u.status === 404, `${unknown}: ${u.status}`);
      assert.deepEqual(rowsAfter(from), [], 'no entry for an id without a data subject');
    });
  }

  if (spec.deniedAs) {
    test(`GET ${route.pattern}: refused to ${spec.deniedAs}, who sees no one, and nothing logged`, async () => {
      const from = lastLogId();
      const r = await call(spec.deniedAs, pathOf());
      assert.ok(r.status === 403 || (r.status === 200 && spec.subjects(r.body).length === 0), `${r.status} ${r.text.slice(0, 200)}`);
      assert.deepEqual(rowsAfter(from), []);
    });
  }
}
