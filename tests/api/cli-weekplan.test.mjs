// cli-weekplan.test.mjs - week planning on the command line:
// `meedoen plan show|add|edit|remove|except|enrol|free|fit` and
// `meedoen export ics|weekcard` (cli/cmd_plan.c, cli/cmd_export.c). Exit
// status 0 on success, 1 for an error from app/ (the field and reason on
// stderr) or a change refused because of conflicts, 2 for bad usage. Runs
// the binary against a fresh database of its own (no server), with "now"
// pinned to a Sunday so the weeks are fixed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../lib/server.mjs';

const NOW = '2026-11-22';  // a Sunday; entries start today by default
const WEEK = '2026-11-25'; // a Wednesday of the week after
const REPO = new URL('../..', import.meta.url).pathname;
let dir;
let db;

// Run meedoen on the test database; no sanitizer report may appear.
function cli(args, opts = {}) {
  const pre = opts.as ? ['--as', opts.as] : [];
  const r = runCli(['--db', opts.db ?? db, ...pre, ...args], { input: opts.input, env: { MEEDOEN_NOW: NOW } });
  assert.doesNotMatch(`${r.stdout}${r.stderr}`, /Sanitizer|runtime error:/, `meedoen ${args.join(' ')}`);
  return r;
}

// Run, expect exit status 0 and JSON on stdout.
function json(args, opts = {}) {
  const r = cli([...args, '--json'], opts);
  assert.equal(r.status, 0, `meedoen ${args.join(' ')}: status ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function fails(args, status, message, opts = {}) {
  const r = cli(args, opts);
  assert.equal(r.status, status, `meedoen ${args.join(' ')}: want ${status}, got ${r.status}: ${r.stdout} ${r.stderr}`);
  if (message) assert.match(r.stderr, message, `meedoen ${args.join(' ')}`);
  return r;
}

let seq = 0;
function participant() {
  seq += 1;
  const p = json(['participant', 'add', `family_name=Plan${'abcdefghij'[seq % 10]}${seq}`, 'given_names=Test',
    'birth_date=1991-05-02']);
  json(['phase', 'add', String(p.id), 'kind=intake', 'start_date=2026-11-01']);
  return String(p.id);
}

const plan = (pid) => json(['plan', 'show', '--participant', pid, '--week', WEEK]);
const cell = (p, code) => p.cells.find((c) => c.day_part === code);

let groupId;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'meedoen-cli-plan-'));
  db = join(dir, 'meedoen.db');
  const r = runCli(['--db', db, 'demo', '--participants', '5', '--seed', '4'], { env: { MEEDOEN_NOW: NOW } });
  assert.equal(r.status, 0, r.stderr);
  // a class group on Tuesday morning and Thursday afternoon
  const csv = join(dir, 'timetable.csv');
  writeFileSync(csv, 'provider,group,weekday,start_time,end_time,start_date,end_date\n' +
    'Taalhuis Westland,CLI A2,tue,09:00,12:00,2026-09-01,2027-07-01\n' +
    'Taalhuis Westland,CLI A2,thu,13:30,16:00,2026-09-01,2027-07-01\n');
  const imp = cli(['import', 'timetable', csv]);
  assert.equal(imp.status, 0, imp.stderr);
  const groups = json(['timetable', 'list']);
  groupId = String(groups.items.find((g) => g.name === 'CLI A2').id);
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

test('plan and export have --help (exit 0), listed in the top-level help, in English', () => {
  const top = cli(['--help']);
  for (const c of ['plan', 'export']) {
    assert.equal(top.stdout.match(new RegExp(`^  ${c} `, 'gm'))?.length, 1, `meedoen --help lists ${c} once`);
  }
  const plans = ['show', 'add', 'edit', 'remove', 'except', 'enrol', 'free', 'fit', 'capacity'];
  for (const args of [['plan', '--help'], ['plan', 'add', '--help'], ['plan', 'capacity', '-h']]) {
    const r = cli(args);
    assert.equal(r.status, 0, args.join(' '));
    for (const a of plans) assert.match(r.stdout, new RegExp(`meedoen plan ${a} `), `${args.join(' ')} shows ${a}`);
    assert.doesNotMatch(r.stdout, /[ëï]|weekplanning|dagdeel|deelnemer/i, 'the help is in English');
  }
  const ex = cli(['export', '--help']);
  assert.equal(ex.status, 0);
  assert.match(ex.stdout, /meedoen export ics --participant ID/);
  assert.match(ex.stdout, /--coach USER/);
  assert.match(ex.stdout, /meedoen export weekcard --participant ID/);
  assert.doesNotMatch(ex.stdout, /[ëï]|weekkaart|deelnemer/i, 'the help is in English');
});

test('bad usage exits 2 with a hint, before touching the database', () => {
  const nodb = { db: join(dir, 'no', 'such', 'dir', 'x.db') };
  const usage = (args, re) => fails(args, 2, re, nodb);
  usage(['plan'], /say show, add, edit, remove, except, enrol, free, fit/);
  usage(['plan', 'shuffle'], /unknown action "shuffle"/);
  usage(['plan', 'show'], /--participant is required/);
  usage(['plan', 'show', '--participant', 'x'], /--participant "x" is not a whole number/);
  usage(['plan', 'add', '--participant', '1'], /--kind is required/);
  usage(['plan', 'add', '--participant', '1', '--kind', 'work', '--colour', 'red'], /unknown option "--colour"/);
  usage(['plan', 'enrol', '--participant', '1'], /--group is required/);
  usage(['plan', 'free'], /--day-parts is required/);
  usage(['export'], /say ics, weekcard/);
  usage(['export', 'weekcard', '--participant', '1'], /--out is required/);
  const r = usage(['plan', 'show', '--week'], /--week needs a value/);
  assert.match(r.stderr, /see `meedoen plan show --help`/);
});

test('add entries on day-parts and on weekdays with times, then show them as a grid and as JSON', () => {
  const pid = participant();
  const a = json(['plan', 'add', '--participant', pid, '--kind', 'work', '--day-parts', 'mon_morning,mon_afternoon',
    '--title', 'Inpakken', '--location', 'Kas Noord']);
  assert.equal(a.entry.kind, 'work');
  assert.deepEqual(a.entry.day_parts, ['mon_morning', 'mon_afternoon']);
  assert.equal(a.entry.valid_from, NOW);
  const b = cli(['plan', 'add', '--participant', pid, '--kind', 'buddy_meeting', '--weekdays', 'wed,fri',
    '--start', '19:00', '--end', '20:30', '--title', 'Maatje', '--until', '2027-03-01', '--note', 'bij de bieb']);
  assert.equal(b.status, 0, b.stderr);
  assert.match(b.stdout, /^entry\s+e\d+$/m);
  assert.match(b.stdout, /^day-parts\s+wed_evening, fri_evening$/m);
  assert.match(b.stdout, /^conflicts: none$/m);

  const p = plan(pid);
  assert.equal(p.week, '2026-11-23');
  assert.equal(p.items.length, 2);
  const buddy = p.items.find((i) => i.kind === 'buddy_meeting');
  assert.equal(buddy.start_time, '19:00');
  assert.equal(buddy.valid_until, '2027-03-01');
  assert.deepEqual(cell(p, 'wed_evening').items, [buddy.key]);
  assert.deepEqual(cell(p, 'mon_morning').items, [`e${a.entry.id}`]);

  const text = cli(['plan', 'show', '--participant', pid, '--week', WEEK]);
  assert.equal(text.status, 0, text.stderr);
  // days across: Monday 23-11 first; day-parts down with their clock times
  assert.match(text.stdout, /^\s+ma 23-11\s+di 24-11\s+wo 25-11\s+do 26-11\s+vr 27-11\s+za 28-11\s+zo 29-11$/m);
  const lines = text.stdout.split('\n');
  const morning = lines.find((l) => l.startsWith('ochtend'));
  assert.match(morning, new RegExp(`^ochtend\\s+e${a.entry.id} Inpakken`), 'Monday morning shows the work entry');
  const evening = lines.find((l) => l.startsWith('avond'));
  assert.match(evening, new RegExp(`^avond\\s+-\\s+-\\s+${buddy.key} Maatje\\s+-\\s+${buddy.key} Maatje`));
  assert.match(text.stdout, /Kas Noord/);
  assert.match(text.stdout, /^conflicts: none$/m);
});

test('a change that adds a conflict is refused (exit 1, nothing stored) until --override gives a reason', () => {
  const pid = participant();
  const work = json(['plan', 'add', '--participant', pid, '--kind', 'work', '--day-parts', 'tue_morning,thu_morning',
    '--title', 'Magazijn']);
  const add = ['plan', 'add', '--participant', pid, '--kind', 'coach_appointment', '--weekdays', 'tue',
    '--start', '10:00', '--end', '11:00', '--title', 'Gesprek'];
  const r = fails(add, 1, /conflict/);
  assert.match(r.stderr, /^meedoen: conflict: .*Magazijn.*Gesprek/m, 'each new conflict with its message');
  assert.match(r.stderr, /use --override REASON to save anyway/);
  assert.equal(plan(pid).items.length, 1, 'nothing was stored');
  // --json also gives the new conflicts on stdout
  const rj = fails([...add, '--json'], 1, /use --override/);
  assert.equal(JSON.parse(rj.stdout).conflicts[0].rule, 'overlap');
  assert.equal(plan(pid).items.length, 1, 'still nothing stored');

  const ok = json([...add, '--override', 'kort gesprek voor het werk']);
  assert.equal(ok.entry.title, 'Gesprek');
  const p = plan(pid);
  assert.equal(p.items.length, 2);
  const overlap = p.conflicts.find((c) => c.rule === 'overlap');
  assert.equal(overlap.accepted.reason, 'kort gesprek voor het werk');
  assert.deepEqual(overlap.items.sort(), [`e${work.entry.id}`, `e${ok.entry.id}`].sort());
  const text = cli(['plan', 'show', '--participant', pid, '--week', WEEK]);
  assert.match(text.stdout, /^ {2}1\. .*Magazijn.*Gesprek.* \[overlap\]$/m);
  assert.match(text.stdout, /^ {5}geaccepteerd: kort gesprek voor het werk \(/m);
  assert.match(text.stdout, /! 1/, 'the grid marks the conflicting cell');
  // an accepted conflict does not block the next change
  json(['plan', 'add', '--participant', pid, '--kind', 'other', '--day-parts', 'sat_morning', '--title', 'Markt']);
});

test('bad input names the field, exits 1 and changes nothing', () => {
  const pid = participant();
  json(['plan', 'add', '--participant', pid, '--kind', 'training', '--day-parts', 'fri_morning']);
  const base = ['plan', 'add', '--participant', pid];
  fails([...base, '--kind', 'work', '--weekdays', 'tue,tux', '--start', '09:00', '--end', '12:00'], 1,
    /^meedoen: weekdays: .*tux/m);
  fails([...base, '--kind', 'work', '--weekdays', 'tue', '--start', '12:00', '--end', '09:00'], 1,
    /^meedoen: end_time: /m);
  fails([...base, '--kind', 'gardening', '--day-parts', 'tue_morning'], 1, /^meedoen: kind: .*gardening/m);
  fails([...base, '--kind', 'work', '--day-parts', 'tue_noon'], 1, /^meedoen: day_parts: /m);
  fails([...base, '--kind', 'work'], 1, /^meedoen: day_parts: /m);
  fails([...base, '--kind', 'work', '--day-parts', 'tue_morning', '--from', '2027-01-10', '--until', '2027-01-01'], 1,
    /^meedoen: valid_until: /m);
  fails(['plan', 'show', '--participant', pid, '--week', 'next'], 1, /^meedoen: week: "next" is not a date/m);
  fails(['plan', 'show', '--participant', '999999'], 1, /./);
  assert.equal(plan(pid).items.length, 1, 'none of the bad entries was stored');
});

test('edit, an exception on one entry, a holiday, and remove', () => {
  const pid = participant();
  const e = json(['plan', 'add', '--participant', pid, '--kind', 'work', '--day-parts', 'wed_morning',
    '--title', 'Kas']).entry;
  const edited = json(['plan', 'edit', '--entry', String(e.id), '--title', 'Kas Zuid', '--day-parts', 'thu_morning']);
  assert.equal(edited.entry.title, 'Kas Zuid');
  assert.deepEqual(edited.entry.day_parts, ['thu_morning']);

  const ex = json(['plan', 'except', '--entry', String(e.id), '--from', '2026-11-26', '--reason', 'ziek']);
  assert.equal(ex.exceptions[0].reason, 'ziek');
  let p = plan(pid);
  assert.deepEqual(cell(p, 'thu_morning').items, []);
  assert.deepEqual(cell(p, 'thu_morning').cancelled, [`e${e.id}`]);
  assert.match(cli(['plan', 'show', '--participant', pid, '--week', WEEK]).stdout, new RegExp(`\\(e${e.id} Kas Zu`));
  // the next week it takes place again
  assert.deepEqual(cell(json(['plan', 'show', '--participant', pid, '--week', '2026-12-03']), 'thu_morning').items,
    [`e${e.id}`]);

  const hol = cli(['plan', 'except', '--participant', pid, '--from', '2026-12-21', '--to', '2027-01-03',
    '--reason', 'kerstvakantie']);
  assert.equal(hol.status, 0, hol.stderr);
  assert.match(hol.stdout, /nothing of the plan .* from 2026-12-21 to 2027-01-03 \(kerstvakantie\)/);
  assert.deepEqual(cell(json(['plan', 'show', '--participant', pid, '--week', '2026-12-24']), 'thu_morning').cancelled,
    [`e${e.id}`]);
  fails(['plan', 'except', '--entry', String(e.id), '--from', '2026-11-26'], 2, /--reason is required/);
  fails(['plan', 'except', '--from', '2026-11-26', '--reason', 'x'], 2, /either --entry ID or --participant ID/);
  fails(['plan', 'except', '--entry', String(e.id), '--participant', pid, '--from', '2026-11-26', '--reason', 'x'], 2,
    /either --entry ID or --participant ID/);

  json(['plan', 'remove', '--entry', String(e.id)]);
  assert.equal(plan(pid).items.length, 0);
  fails(['plan', 'remove', '--entry', '999999'], 1, /./);
});

test('enrol in a class group: its classes block the day-parts; a clash needs --override', () => {
  const pid = participant();
  const en = json(['plan', 'enrol', '--group', groupId, '--participant', pid, '--from', '2026-11-23']);
  assert.equal(String(en.enrolment.group_id), groupId);
  let p = plan(pid);
  const cls = p.items.find((i) => i.source === 'timetable');
  assert.equal(cls.title, 'CLI A2');
  assert.deepEqual(cell(p, 'tue_morning').items, [cls.key]);
  assert.match(cli(['plan', 'show', '--participant', pid, '--week', WEEK]).stdout, new RegExp(`${cls.key} CLI A2`));

  const other = participant();
  json(['plan', 'add', '--participant', other, '--kind', 'work', '--day-parts', 'tue_morning', '--title', 'Kas']);
  fails(['plan', 'enrol', '--group', groupId, '--participant', other], 1, /use --override REASON/);
  assert.equal(plan(other).items.length, 1, 'not enrolled');
  json(['plan', 'enrol', '--group', groupId, '--participant', other, '--override', 'werkgever schuift de uren op']);
  assert.equal(plan(other).items.length, 2);
});

test('plan free lists who is free on full Tuesdays and Thursdays, not someone with a class then; plan fit', () => {
  const freeOne = participant();
  const busy = participant();
  json(['plan', 'enrol', '--group', groupId, '--participant', busy]);
  const q = ['plan', 'free', '--day-parts', 'tue_morning,tue_afternoon,thu_morning,thu_afternoon', '--full-days', '2',
    '--week', WEEK];
  const out = json(q);
  const ids = out.items.map((i) => String(i.participant_id));
  assert.ok(ids.includes(freeOne), 'the participant without a plan is free');
  assert.ok(!ids.includes(busy), 'the participant with a class on Tuesday morning is not');
  assert.equal(out.total, out.items.length);
  const text = cli(q);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, new RegExp(`^${freeOne}\\s+Plan`, 'm'));
  assert.doesNotMatch(text.stdout, new RegExp(`^${busy}\\s`, 'm'));
  fails(['plan', 'free', '--day-parts', 'tue_morning', '--full-days', '9'], 1, /^meedoen: full_days: /m);
  fails(['plan', 'free', '--day-parts', 'tuesday'], 1, /^meedoen: day_parts: /m);

  const fit = json(['plan', 'fit', '--participant', busy, '--week', WEEK]);
  assert.ok(!fit.free_day_parts.includes('tue_morning'));
  // a fitting place lists Tuesday morning only as one of the times to choose from:
  // a production hall, or more day-parts than its hours need
  const choice = (pl) => pl.organisation_type === 'social_work_company' ||
    (pl.hours_per_week > 0 && pl.day_parts.length > Math.ceil(pl.hours_per_week / 4.5));
  for (const pl of fit.items) {
    assert.ok(!pl.day_parts.includes('tue_morning') || choice(pl), `${pl.title} needs no Tuesday morning`);
  }
  const fitText = cli(['plan', 'fit', '--participant', busy, '--week', WEEK]);
  assert.match(fitText.stdout, /^free day-parts: mon_morning, /m);
  assert.match(fitText.stdout, /placements? fits?/);
});

test('export ics writes a calendar an independent parser accepts, to a file or stdout', () => {
  const pid = participant();
  json(['plan', 'add', '--participant', pid, '--kind', 'work', '--day-parts', 'mon_morning,wed_afternoon',
    '--title', 'Inpakken; sorteren', '--location', 'Kas Noord, Naaldwijk']);
  const e = json(['plan', 'add', '--participant', pid, '--kind', 'coach_appointment', '--weekdays', 'fri',
    '--start', '14:00', '--end', '15:00', '--coach', '5', '--title', 'Voortgang']).entry;
  json(['plan', 'except', '--entry', String(e.id), '--from', '2026-11-27', '--reason', 'vrij']);
  const file = join(dir, `p${pid}.ics`);
  const r = cli(['export', 'ics', '--participant', pid, '--out', file]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^wrote .*\.ics \(\d+ bytes\)$/m);
  const ics = readFileSync(file, 'utf8');
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.match(ics, /SUMMARY:.*Voortgang/);
  assert.match(ics, /EXDATE;TZID=Europe\/Amsterdam:20261127T/);
  execFileSync('python3', [join(REPO, 'tests/unit/ical_check.py'), file], { encoding: 'utf8' });

  const std = cli(['export', 'ics', '--participant', pid]);
  assert.equal(std.status, 0, std.stderr);
  assert.equal(std.stdout, ics, 'stdout gets the same calendar');

  const coach = join(dir, 'coach.ics');
  const c = cli(['export', 'ics', '--coach', 'jobcoach', '--out', coach]);
  assert.equal(c.status, 0, c.stderr);
  assert.match(readFileSync(coach, 'utf8'), /SUMMARY:.*Voortgang/);
  execFileSync('python3', [join(REPO, 'tests/unit/ical_check.py'), coach], { encoding: 'utf8' });
  assert.equal(cli(['export', 'ics', '--coach', '5']).stdout, readFileSync(coach, 'utf8'), 'a user id works too');
  fails(['export', 'ics', '--coach', 'nobody'], 1, /^meedoen: coach: no user "nobody"/m);
  fails(['export', 'ics', '--participant', pid, '--coach', '5'], 2, /either --participant ID or --coach USER/);
  fails(['export', 'ics', '--participant', pid, '--out', join(dir, 'no', 'dir', 'x.ics')], 1, /^meedoen: out: cannot open/m);
});

test('export weekcard writes a one-page PDF, in Arabic too; an unknown language names the field', () => {
  const pid = participant();
  json(['plan', 'add', '--participant', pid, '--kind', 'work', '--day-parts', 'tue_morning,thu_morning',
    '--title', 'Inpakken', '--location', 'Kas Noord']);
  for (const lang of [[], ['--lang', 'ar']]) {
    const file = join(dir, `card${pid}${lang.length ? 'ar' : ''}.pdf`);
    const r = cli(['export', 'weekcard', '--participant', pid, '--week', WEEK, ...lang, '--out', file]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^wrote .*\.pdf \(\d+ bytes\)$/m);
    const pdf = readFileSync(file);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    assert.match(info, /^Pages:\s+1$/m);
  }
  fails(['export', 'weekcard', '--participant', pid, '--lang', 'xx', '--out', join(dir, 'x.pdf')], 1, /^meedoen: lang: /m);
  fails(['export', 'weekcard', '--participant', pid, '--week', 'soon', '--out', join(dir, 'x.pdf')], 1, /^meedoen: week: /m);
});

test('--as USER acts with that user\'s rights: an employer may not read or change a plan', () => {
  const pid = participant();
  json(['plan', 'add', '--participant', pid, '--kind', 'work', '--day-parts', 'fri_morning']);
  fails(['plan', 'show', '--participant', pid], 1, /./, { as: 'werkgever' });
  fails(['plan', 'add', '--participant', pid, '--kind', 'work', '--day-parts', 'sat_morning'], 1, /./, { as: 'werkgever' });
  fails(['export', 'ics', '--participant', pid], 1, /./, { as: 'werkgever' });
  assert.equal(plan(pid).items.length, 1);
  const coach = json(['plan', 'show', '--participant', pid, '--week', WEEK], { as: 'projectleider' });
  assert.equal(coach.items.length, 1);
});
