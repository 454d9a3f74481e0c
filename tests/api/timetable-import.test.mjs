// timetable-import.test.mjs - POST /api/import/timetable (docs/week-plan.md,
// docs/timetable-import.md): one row per weekly session, the rows of one
// provider and group make one group; broken rows are reported by line and
// column, a group with a bad row is not imported, nothing is stored unless
// partial=1, and importing the same file again changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, assertProblem, uniqueName, runCli } from './helpers.mjs';
import { ROOT } from '../lib/server.mjs';
import { join } from 'node:path';

const TODAY = '2026-11-18';
const HEADER = 'provider,group,weekday,start_time,end_time,start_date,end_date,level,location';

let t;
let provider; // the name of the demo user "taalaanbieder"'s organisation

before(async () => {
  t = await setup({ participants: 10, env: { MEEDOEN_NOW: TODAY } });
  provider = (await t.me('taalaanbieder')).organisation_name;
});
after(async () => { await t?.stop(); });

async function importCsv(csv, query = '', user = 'taalaanbieder') {
  return t.call(user, 'POST', `/api/import/timetable${query}`, csv, { 'content-type': 'text/csv', 'x-meedoen-upload': '1' });
}

async function groups() {
  const r = await t.call('projectleider', 'GET', '/api/class-groups?include_inactive=true');
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

const byName = (items, name) => items.find((g) => g.name === name);

// The broken file of the doc's example: one good group and one bad row of
// each kind, the line of each error known.
function brokenFile(p) {
  const P = provider;
  return [
    HEADER, //                                                                       line 1
    `${P},${p}good,tue,09:00,11:30,2026-09-01,2027-01-31,A2,Bibliotheek Naaldwijk`, // 2
    `${P},${p}good,thu,13:30,15:00,2026-09-01,2027-01-31,A2,Bibliotheek Naaldwijk`, // 3
    `${P},${p}end,tue,09:00,11:30,2026-09-01,2027-01-31,A1,`, //                       4 (fine, group bad)
    `${P},${p}end,wed,10:00,09:00,2026-09-01,2027-01-31,A1,`, //                       5 end_time
    `${P},${p}day,tuesday,09:00,11:30,2026-09-01,2027-01-31,,`, //                      6 weekday
    `${P},${p}overlap,mon,09:00,11:00,2026-09-01,2027-01-31,,`, //                      7
    `${P},${p}overlap,mon,10:30,12:00,2026-09-01,2027-01-31,,`, //                      8 start_time
    `${P},${p}period,mon,09:00,11:00,2026-09-01,2027-01-31,,`, //                       9
    `${P},${p}period,wed,09:00,11:00,2026-09-01,2027-02-28,,`, //                      10 end_date
    `${P},${p}dates,mon,09:00,11:00,2027-01-31,2026-09-01,,`, //                       11 end_date
    `Taalschool Nergens,${p}x,mon,09:00,11:00,2026-09-01,2027-01-31,,`, //             12 provider
    `${P},${p}late,fri,22:00,23:00,2026-09-01,2027-01-31,,`, //                        13 start_time
  ].join('\n') + '\n';
}

function errorAt(report, line, field) {
  return report.errors.find((e) => e.line === line && e.field === field);
}

test('timetable import: broken rows are named by line and column; nothing is stored without partial', async () => {
  const p = uniqueName('T');
  const before = await groups();
  const r = await importCsv(brokenFile(p));
  const body = assertProblem(r, 422);
  assert.equal(body.import, 'timetable');
  assert.equal(body.committed, false);
  assert.equal(body.rows, 12);
  assert.equal(body.groups, 8);
  assert.equal(body.created, 0);
  assert.equal(body.rejected, 10, 'every row of a bad group');
  for (const [line, field, pattern] of [
    [5, 'end_time', /not after the start/],
    [6, 'weekday', /not a weekday/],
    [8, 'start_time', /overlaps the session on line 7 \(mon 09:00-11:00\)/],
    [10, 'end_date', /differs from "2027-01-31" on line 9/],
    [11, 'end_date', /before the start date/],
    [12, 'provider', /no organisation named "Taalschool Nergens"/],
    [13, 'start_time', /touches no day-part/],
    [4, 'group', /not imported: .* errors on line 5/],
  ]) {
    const e = errorAt(body, line, field);
    assert.ok(e, `an error on line ${line}, column ${field}: ${JSON.stringify(body.errors)}`);
    assert.match(e.reason, pattern);
  }
  assert.ok(!body.errors.some((e) => e.line === 2 || e.line === 3), 'the good group has no errors');
  assert.deepEqual(await groups(), before, 'nothing stored');
});

test('timetable import: with partial=1 only the good groups are stored', async () => {
  const p = uniqueName('T');
  const r = await importCsv(brokenFile(p), '?partial=1');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.committed, true);
  assert.equal(r.body.created, 1);
  assert.equal(r.body.rejected, 10);
  const all = await groups();
  const good = byName(all, `${p}good`);
  assert.ok(good, 'the good group is stored');
  assert.equal(good.organisation_name, provider);
  assert.equal(good.level, 'A2');
  assert.equal(good.location, 'Bibliotheek Naaldwijk');
  assert.equal(good.start_date, '2026-09-01');
  assert.equal(good.end_date, '2027-01-31');
  assert.deepEqual(good.sessions.map((s) => [s.weekday, s.start_time, s.end_time, s.day_parts]),
    [['tue', '09:00', '11:30', ['tue_morning']], ['thu', '13:30', '15:00', ['thu_afternoon']]]);
  for (const bad of ['end', 'day', 'overlap', 'period', 'dates', 'x', 'late']) {
    assert.equal(byName(all, `${p}${bad}`), undefined, `group ${bad} not stored`);
  }
});

test('timetable import: importing again changes nothing; a changed file replaces the sessions', async () => {
  const p = uniqueName('R');
  const file = [HEADER,
    `${provider},${p}A,mon,09:00,11:30,2026-09-01,2027-06-30,A1,Wijkcentrum`,
    `${provider},${p}A,wed,09:00,11:30,2026-09-01,2027-06-30,A1,Wijkcentrum`,
    `${provider},${p}B,tue,19:00,21:00,2026-09-01,2027-06-30,B1,`].join('\r\n');
  let r = await importCsv(file);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.body.groups, r.body.created, r.body.updated, r.body.unchanged, r.body.rejected], [2, 2, 0, 0, 0]);
  const first = await groups();
  r = await importCsv(file);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.body.created, r.body.updated, r.body.unchanged], [0, 0, 2], 'idempotent');
  assert.deepEqual(await groups(), first, 'the same groups, the same sessions (ids too)');
  // group A moves to Thursday afternoon only: its sessions are replaced
  r = await importCsv([HEADER, `${provider},${p}A,thu,13:00,15:00,2026-09-01,2027-06-30,A2,Wijkcentrum`].join('\n'));
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.body.created, r.body.updated, r.body.unchanged], [0, 1, 0]);
  const a = byName(await groups(), `${p}A`);
  assert.equal(a.level, 'A2');
  assert.deepEqual(a.sessions.map((s) => [s.weekday, s.start_time, s.end_time]), [['thu', '13:00', '15:00']]);
  assert.deepEqual(a.day_parts, ['thu_afternoon']);
  assert.ok(byName(await groups(), `${p}B`), 'a group not in the file stays');
});

test('timetable import: a provider may name only its own organisation; others may not import', async () => {
  const other = await t.call('beheerder', 'POST', '/api/organisations',
    { name: uniqueName('Taalschool'), type: 'language_provider' });
  assert.equal(other.status, 201, other.text);
  const p = uniqueName('O');
  const file = [HEADER, `${other.body.name},${p}x,mon,09:00,11:00,2026-09-01,2027-01-31,,`].join('\n');
  const before = await groups();
  const body = assertProblem(await importCsv(file), 422);
  assert.match(errorAt(body, 2, 'provider').reason, /own organisation/);
  assert.deepEqual(await groups(), before);
  // the project leader may import for any provider
  const r = await importCsv(file, '', 'projectleider');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.created, 1);
  // a refused role gets 403 and no report
  const denied = await importCsv(file, '', 'werkgever');
  assertProblem(denied, 403);
  // an employer organisation is not a provider
  const emp = (await t.orgs()).employer.name;
  const e2 = assertProblem(await importCsv([HEADER, `${emp},${p}y,mon,09:00,11:00,2026-09-01,2027-01-31,,`].join('\n'),
    '', 'projectleider'), 422);
  assert.match(errorAt(e2, 2, 'provider').reason, /not a language provider/);
});

test('timetable import: the header must be right; the body must be CSV', async () => {
  let body = assertProblem(await importCsv('provider,group,weekday,start_time,end_time,start_date,colour\n'), 422);
  assert.ok(body.errors.some((e) => e.line === 1 && e.field === 'colour'));
  assert.ok(body.errors.some((e) => e.line === 1 && e.field === 'end_date' && /missing/.test(e.reason)));
  body = assertProblem(await importCsv(''), 422);
  assert.equal(body.errors[0].field, 'header');
  body = assertProblem(await importCsv(`${HEADER}\n${provider},x,mon,09:00\n`), 422);
  assert.ok(body.errors.some((e) => e.line === 2 && e.field === 'row'));
  const r = await t.call('taalaanbieder', 'POST', '/api/import/timetable', HEADER, { 'content-type': 'application/json', 'x-meedoen-upload': '1' });
  assertProblem(r, 415);
  assertProblem(await importCsv(HEADER, '?partial=maybe'), 422, 'partial');
});

test('timetable import: the example file of the documentation imports, also on the command line', async () => {
  const path = join(ROOT, 'docs', 'examples', 'timetable.csv');
  const csv = readFileSync(path, 'utf8');
  const r = await importCsv(csv, '', 'projectleider');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.rejected, 0);
  const cli = runCli(['--db', t.srv.db, 'import', 'timetable', path, '--json']);
  assert.equal(cli.status, 0, cli.stderr);
  const report = JSON.parse(cli.stdout);
  assert.equal(report.unchanged, r.body.created + r.body.updated + r.body.unchanged, 'the same file again: unchanged');
  const list = runCli(['--db', t.srv.db, 'timetable', 'list']);
  assert.equal(list.status, 0, list.stderr);
  assert.match(list.stdout, /dinsdag\s+09:00-11:30/);
  const bad = runCli(['--db', t.srv.db, 'import', 'timetable', '-'], { input: brokenFile(uniqueName('C')) });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /-:5: end_time: /);
  assert.match(bad.stdout, /nothing was stored/);
});
