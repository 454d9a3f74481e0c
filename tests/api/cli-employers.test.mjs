// cli-employers.test.mjs - the employer side on the command line:
// `meedoen employer|placement|visit|assessment|training …` and
// `meedoen import employers|placements` (cli/cmd_employer.c). Exit status 0
// on success, 1 for an error from app/ with the message on stderr, 2 for
// bad usage; --help on every command; --json prints the app's JSON. Runs
// the binary against a fresh database of its own (no server), with "now"
// pinned so dates are fixed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../lib/server.mjs';

const NOW = '2026-11-22';
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
  const p = json(['participant', 'add', `family_name=Cli${'abcdefghij'[seq % 10]}${seq}`, 'given_names=Test',
    'birth_date=1990-04-01']);
  json(['phase', 'add', String(p.id), 'kind=intake', 'start_date=2026-11-01']);
  return p.id;
}

const RUBRIC = { punctuality: 3, attendance: 3, pace: 2, quality: 3, instructions: 3, cooperation: 4, safety: 3,
  vocabulary: 2, work_capacity: 6 };

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'meedoen-cli-'));
  db = join(dir, 'meedoen.db');
  const r = runCli(['--db', db, 'demo', '--participants', '5', '--seed', '3'], { env: { MEEDOEN_NOW: NOW } });
  assert.equal(r.status, 0, r.stderr);
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

test('every command and action has --help (exit 0) and the top-level help lists the commands', () => {
  const top = cli(['--help']);
  assert.equal(top.status, 0);
  for (const c of ['employer', 'placement', 'visit', 'assessment', 'training', 'import']) {
    assert.match(top.stdout, new RegExp(`^  ${c} `, 'm'), `meedoen --help lists ${c}`);
  }
  const actions = {
    employer: ['list', 'show', 'add', 'edit', 'contact', 'note'],
    placement: ['list', 'show', 'add', 'edit', 'check', 'place', 'attendance', 'mark'],
    visit: ['list', 'show', 'add', 'invite', 'attend', 'follow-up'],
    assessment: ['list', 'add', 'decide'],
    training: ['list', 'show', 'add', 'enrol'],
  };
  for (const [cmd, list] of Object.entries(actions)) {
    for (const args of [[cmd, '--help'], [cmd, '-h'], ...list.map((a) => [cmd, a, '--help'])]) {
      const r = cli(args);
      assert.equal(r.status, 0, `meedoen ${args.join(' ')}`);
      for (const a of list) assert.match(r.stdout, new RegExp(`meedoen ${cmd} ${a} `), `${args.join(' ')} shows ${a}`);
      assert.doesNotMatch(r.stdout, /[ëï]|werkgever|plaatsing/i, 'the help is in English');
    }
  }
  const imp = cli(['import', '--help']);
  assert.equal(imp.status, 0);
  for (const w of ['import screening', 'import employers', 'import placements']) assert.match(imp.stdout, new RegExp(w));
});

test('bad usage exits 2 with a hint, before touching the database', () => {
  // a database that cannot be opened: any command that got that far would exit 1
  const nodb = { db: join(dir, 'no', 'such', 'dir', 'x.db') };
  fails(['employer', 'list'], 1, /./, nodb);
  const usage = (args, re) => fails(args, 2, re, nodb);
  usage(['employer'], /say list, show, add, edit, contact, note/);
  usage(['employer', 'fire'], /unknown action "fire"/);
  usage(['employer', 'show'], /give the employer id/);
  usage(['employer', 'show', 'abc'], /"abc" is not an employer id/);
  usage(['employer', 'show', '1', '2'], /unexpected argument "2"/);
  usage(['employer', 'list', '--colour', 'red'], /unknown option "--colour"/);
  usage(['employer', 'list', '--network', 'maybe'], /--network "maybe" is not yes or no/);
  usage(['employer', 'add', '--network=yes'], /--network takes no value/);
  usage(['placement', 'check', '1'], /--participant is required/);
  usage(['placement', 'add', '--capacity', 'many'], /--capacity "many" is not a whole number/);
  usage(['placement', 'place', '1', '--participant', '2', '--kind', 'paid_work'], /--start is required/);
  usage(['visit', 'invite', '1', '--participant', '3,x'], /is not a list of ids/);
  usage(['assessment', 'add', '1', '--on', NOW, '--score', 'pace'], /must be ITEM=SCORE/);
  usage(['training', 'add', '--cost', '12.345'], /not an amount in euros/);
  usage(['import', 'suppliers', 'x.csv'], /screening, employers or placements/);
  usage(['import', 'employers'], /give the FILE/);
  const r = usage(['employer', 'list', '--sector'], /--sector needs a value/);
  assert.match(r.stderr, /see `meedoen employer list --help`/);
});

test('employer add, list, show, edit, contact and note; --json prints the app\'s JSON, text is readable', () => {
  const e = json(['employer', 'add', '--name', 'Kwekerij Cli', '--sector', 'greenhouse_horticulture',
    '--city', 'Naaldwijk', '--postal-code', '2671 AB', '--latitude', '51.99', '--network', '--size', 'medium']);
  assert.equal(e.name, 'Kwekerij Cli');
  assert.equal(e.sector, 'greenhouse_horticulture');
  assert.equal(e.city, 'Naaldwijk');
  assert.equal(e.latitude, 51.99);
  assert.equal(e.network_member, true);
  assert.equal(e.size_class, 'medium');
  assert.deepEqual(e.history.map((h) => h.kind), ['created']);

  // the demo data may hold employers of its own: look at this one
  const ids = (args) => json(['employer', 'list', ...args]).items.map((x) => x.id);
  assert.ok(ids([]).includes(e.id));
  assert.deepEqual(ids(['--q', 'Kwekerij Cli']), [e.id]);
  assert.ok(!ids(['--network', 'no']).includes(e.id));
  assert.ok(ids(['--network', 'yes']).includes(e.id));
  assert.ok(!ids(['--sector', 'logistics']).includes(e.id));
  assert.ok(ids(['--sector', 'greenhouse_horticulture', '--network', 'yes']).includes(e.id));
  for (const x of json(['employer', 'list', '--sector', 'logistics', '--network', 'no']).items) {
    assert.equal(x.sector, 'logistics');
    assert.equal(x.network_member, false);
  }

  const text = cli(['employer', 'list', '--q', 'Kwekerij Cli']);
  assert.equal(text.status, 0);
  assert.match(text.stdout, /^1 employer$/m);
  assert.match(text.stdout, new RegExp(`^${e.id} +Kwekerij Cli +greenhouse_horticulture +Naaldwijk +yes `, 'm'));

  const edited = json(['employer', 'edit', String(e.id), '--no-network', '--street', 'Kasweg 1']);
  assert.equal(edited.network_member, false);
  assert.equal(edited.street, 'Kasweg 1');
  assert.equal(edited.city, 'Naaldwijk', 'what is not given stays');

  const withContact = json(['employer', 'contact', String(e.id), '--name', 'Ria de Bruin', '--email', 'ria@example.org']);
  assert.deepEqual(withContact.contacts.map((c) => [c.name, c.email]), [['Ria de Bruin', 'ria@example.org']]);
  const noted = json(['employer', 'note', String(e.id), 'Spoke about forklift places', '--on', '2026-11-20']);
  const note = noted.history.find((h) => h.kind === 'note');
  assert.equal(note.text, 'Spoke about forklift places');
  assert.equal(note.occurred_on, '2026-11-20');

  const shown = cli(['employer', 'show', String(e.id)]);
  assert.equal(shown.status, 0);
  assert.match(shown.stdout, /^name +Kwekerij Cli$/m);
  assert.match(shown.stdout, /^network member +no$/m);
  assert.match(shown.stdout, /^contacts:\n +NAME .*\n +Ria de Bruin /m);
  assert.match(shown.stdout, /Spoke about forklift places/);
  assert.deepEqual(json(['employer', 'show', String(e.id)]), noted);
});

test('errors from app/ exit 1 with the message, and change nothing', () => {
  const before = json(['employer', 'list']);
  fails(['employer', 'add', '--name', 'Bakkerij Fout', '--sector', 'bakery'], 1, /meedoen: sector: "bakery" is not in the list sector/);
  fails(['employer', 'add', '--name', 'Kwekerij Cli', '--sector', 'retail'], 1, /name: an organisation named "Kwekerij Cli" already exists/);
  fails(['employer', 'add', '--name', 'Niet Mijn Werk', '--sector', 'retail'], 1, /a jobcoach may not add employers/, { as: 'jobcoach' });
  fails(['employer', 'show', '999999'], 1, /employer 999999 not found/);
  fails(['employer', 'note', String(before.items[0].id), ''], 1, /text: must not be empty/);
  assert.deepEqual(json(['employer', 'list']), before);
  fails(['--as', 'niemand', 'employer', 'list'], 1, /--as: no user "niemand"/);
});

test('--json-in reads the API body from a file or stdin; options beside it win', () => {
  const body = { name: 'Logistiek Json', sector: 'logistics', city: 'Maasdijk', contacts: [{ name: 'Karim', phone: '0174123456' }] };
  const file = join(dir, 'employer.json');
  writeFileSync(file, JSON.stringify(body));
  const e = json(['employer', 'add', '--json-in', file, '--city', 'Honselersdijk']);
  assert.equal(e.name, 'Logistiek Json');
  assert.equal(e.city, 'Honselersdijk', 'the option wins over the file');
  assert.deepEqual(e.contacts.map((c) => c.name), ['Karim']);
  const p = json(['placement', 'add', '--json-in', '-'], {
    input: JSON.stringify({ organisation_id: e.id, kind: 'vacancy', title: 'Chauffeur', capacity: 1, licences: ['driving_b'] }),
  });
  assert.equal(p.organisation_id, e.id);
  assert.deepEqual(p.licences, ['driving_b']);
  fails(['employer', 'add', '--json-in', join(dir, 'missing.json')], 1, /--json-in .*missing\.json/);
  fails(['employer', 'add', '--json-in', '-'], 1, /must hold one JSON object/, { input: '[1,2]' });
});

test('placement add, check and place: a full placement refuses the next person with the reason, exit 1', () => {
  const emp = json(['employer', 'list', '--q', 'Kwekerij Cli']).items[0];
  const pl = json(['placement', 'add', '--employer', String(emp.id), '--kind', 'work_experience_place',
    '--title', 'Medewerker oogst', '--capacity', '1', '--day-parts', 'mon_morning,tue_morning', '--hours', '8',
    '--licences', 'forklift', '--external-id', 'CLI-1', '--safety-shoes']);
  assert.equal(pl.capacity, 1);
  assert.deepEqual(pl.day_parts, ['mon_morning', 'tue_morning']);
  assert.deepEqual(pl.licences, ['forklift']);
  assert.equal(pl.safety_shoes, true);
  assert.equal(pl.occupancy, 0);
  const list = cli(['placement', 'list', '--employer', String(emp.id)]);
  assert.equal(list.status, 0);
  assert.match(list.stdout, /Medewerker oogst +0 of 1 +1 +yes/);

  const a = participant();
  const b = participant();
  // the check stores nothing; a missing licence is a gap
  const check = json(['placement', 'check', String(pl.id), '--participant', String(a)]);
  assert.equal(check.fits, false);
  assert.deepEqual(check.gaps.map((g) => g.requirement), ['licence:forklift']);
  const checkText = cli(['placement', 'check', String(pl.id), '--participant', String(a)]);
  assert.match(checkText.stdout, /^fits +no$/m);
  assert.match(checkText.stdout, /licence:forklift/);

  // unmet requirement: refused unless an override reason is given
  fails(['placement', 'place', String(pl.id), '--participant', String(a), '--kind', 'work_experience_place',
    '--start', '2026-11-20'], 1, /licence:forklift/);
  assert.equal(json(['placement', 'show', String(pl.id)]).occupancy, 0);
  const phase = json(['placement', 'place', String(pl.id), '--participant', String(a), '--kind', 'work_experience_place',
    '--start', '2026-11-20', '--override-reason', 'forklift course booked']);
  assert.equal(phase.placement_id, pl.id);
  assert.equal(phase.kind, 'work_experience_place');
  assert.match(phase.reason, /forklift course booked/);

  // full: the next person is refused with the message, exit 1, nothing stored
  const phasesBefore = json(['phase', 'list', String(b)]);
  const r = fails(['placement', 'place', String(pl.id), '--participant', String(b), '--kind', 'work_experience_place',
    '--start', '2026-11-20', '--override-reason', 'forklift course booked'], 1,
  /placement "Medewerker oogst" is full: 1 of 1 places taken/);
  assert.equal(r.stdout, '');
  assert.deepEqual(json(['phase', 'list', String(b)]), phasesBefore, 'no phase added');
  const shown = json(['placement', 'show', String(pl.id)]);
  assert.equal(shown.occupancy, 1);
  assert.deepEqual(shown.occupants.map((o) => o.participant_id), [a]);
  const full = json(['placement', 'check', String(pl.id), '--participant', String(b)]);
  assert.equal(full.fits, false);
  assert.ok(full.gaps.some((g) => /is full: 1 of 1/.test(g.reason)), JSON.stringify(full.gaps));

  // attendance on the work floor
  const marked = json(['placement', 'mark', String(pl.id), '--day', '2026-11-21', '--status', 'late',
    '--participant', String(a), '--note', 'bus']);
  assert.deepEqual(marked.items.map((m) => [m.participant_id, m.status, m.note]), [[a, 'late', 'bus']]);
  fails(['placement', 'mark', String(pl.id), '--day', '2026-11-21', '--status', 'present', '--participant', String(b)],
    1, /is not placed here/);
  assert.deepEqual(json(['placement', 'attendance', String(pl.id), '--from', '2026-11-01']).items.length, 1);

  // capacity below occupancy is refused
  fails(['placement', 'edit', String(pl.id), '--capacity', '0'], 1, /capacity/);
  assert.equal(json(['placement', 'edit', String(pl.id), '--capacity', '2', '--no-safety-shoes']).safety_shoes, false);
});

test('visit add, invite, attend and follow-up', () => {
  const emp = json(['employer', 'list', '--q', 'Kwekerij Cli']).items[0];
  const v = json(['visit', 'add', '--kind', 'company_visit', '--title', 'Visit to the greenhouse', '--on', '2026-11-10',
    '--capacity', '2', '--employer', String(emp.id), '--time', '09:30']);
  assert.equal(v.held_on, '2026-11-10');
  assert.deepEqual(v.employers.map((x) => x.id), [emp.id]);
  const a = participant();
  const b = participant();
  const c = participant();
  const invited = json(['visit', 'invite', String(v.id), '--participant', `${a},${b}`]);
  assert.deepEqual(invited.participants.map((p) => p.participant_id), [a, b]);
  fails(['visit', 'invite', String(v.id), '--participant', String(c)], 1, /has 2 places/);
  const attended = json(['visit', 'attend', String(v.id), '--participant', String(a), '--interest', 'high']);
  const absent = json(['visit', 'attend', String(v.id), '--participant', String(b), '--absent']);
  assert.deepEqual(attended.participants.map((p) => [p.attended, p.interest]), [[true, 'high'], [null, null]]);
  assert.deepEqual(absent.participants.map((p) => p.attended), [true, false]);
  const fu = json(['visit', 'follow-up', String(v.id), '--participant', String(a), '--employer', String(emp.id),
    '--result', 'trial_day', '--note', 'Friday']);
  assert.deepEqual(fu.follow_ups.map((f) => [f.participant_id, f.follow_up, f.note]), [[a, 'trial_day', 'Friday']]);
  const list = json(['visit', 'list', '--from', '2026-11-01']);
  assert.ok(list.items.some((x) => x.id === v.id && x.trial_days === 1));
  const text = cli(['visit', 'show', String(v.id)]);
  assert.match(text.stdout, /^invited +2 of 2$/m);
});

test('assessment add, list and decide; training add and enrol', () => {
  const p = participant();
  const scores = Object.entries(RUBRIC).flatMap(([k, v]) => ['--score', `${k}=${v}`]);
  const out = json(['assessment', 'add', String(p), '--on', '2026-11-15', ...scores, '--comment', 'pace=slow at first']);
  assert.equal(out.items.length, 1);
  assert.deepEqual(out.items[0].scores, RUBRIC);
  assert.deepEqual(out.items[0].comments, { pace: 'slow at first' });
  const advice = out.items[0].advice;
  assert.ok(['stay', 'external_place', 'paid_work'].includes(advice));
  fails(['assessment', 'add', String(p), '--on', '2026-11-15', '--score', 'pace=9'], 1, /scores\.pace: score 9 is outside the scale/);
  assert.equal(json(['assessment', 'list', String(p)]).items.length, 1, 'the refused one was not stored');
  fails(['assessment', 'decide', String(p), String(out.items[0].id)], 2, /--confirm or --override/);
  const other = advice === 'paid_work' ? 'stay' : 'paid_work';
  const decided = json(['assessment', 'decide', String(p), String(out.items[0].id), '--override', other, '--reason', 'the employer offers a contract']);
  assert.equal(decided.items[0].decision, 'overridden');
  assert.equal(decided.items[0].decided_advice, other);

  const emp = json(['employer', 'list', '--q', 'Kwekerij Cli']).items[0];
  const tr = json(['training', 'add', '--title', 'Forklift', '--provider', 'Opleider BV', '--start', '2026-11-01',
    '--end', '2026-11-05', '--cost', '450', '--employer-share', '225.50', '--employer', String(emp.id),
    '--certificate', 'forklift', '--validity-months', '60']);
  assert.equal(tr.cost_cents, 45000);
  assert.equal(tr.employer_share_cents, 22550);
  const enrolled = json(['training', 'enrol', String(tr.id), '--participant', String(p), '--result', 'passed']);
  assert.deepEqual(enrolled.participants.map((x) => [x.participant_id, x.result, x.certificate_expires]),
    [[p, 'passed', '2031-11-05']]);
  const text = cli(['training', 'list']);
  assert.match(text.stdout, /Forklift +Opleider BV +2026-11-01 2026-11-05 450\.00 +225\.50 +1 +1/);
});

test('import employers and placements: report, exit codes, errors as FILE:LINE: column: reason, --partial, idempotent', () => {
  const emps = join(dir, 'employers.csv');
  writeFileSync(emps, [
    'name,sector,city,network_member,account_manager',
    'Cliimport Een BV,logistics,Maasdijk,yes,accountmanager',
    'Cliimport Twee BV,bakery,Naaldwijk,perhaps,',
    'Cliimport Drie BV,retail,,no,',
    '',
  ].join('\n'));
  const before = json(['employer', 'list']);
  const refused = fails(['import', 'employers', emps], 1);
  assert.match(refused.stdout, /3 rows, 0 created, 0 updated, 0 unchanged, 1 rejected - nothing was stored/);
  assert.match(refused.stderr, new RegExp(`^${emps.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: network_member: "perhaps" is not yes or no$`, 'm'));
  assert.match(refused.stderr, /:3: sector: "bakery" is not in the list sector$/m);
  assert.deepEqual(json(['employer', 'list']), before, 'nothing stored');

  const report = cli(['import', 'employers', emps, '--partial', '--json']);
  assert.equal(report.status, 1, 'rows were rejected: exit 1 even when the others were stored');
  const r = JSON.parse(report.stdout);
  assert.deepEqual([r.import, r.created, r.rejected, r.committed], ['employers', 2, 1, true]);
  assert.deepEqual(r.errors.map((e) => [e.line, e.field]).sort(), [[3, 'network_member'], [3, 'sector']]);
  assert.equal(json(['employer', 'list', '--q', 'Cliimport']).items.length, 2);

  const good = join(dir, 'employers-good.csv');
  writeFileSync(good, 'name,sector,city\nCliimport Een BV,logistics,Maasdijk\nCliimport Drie BV,retail,Poeldijk\n');
  const ok = cli(['import', 'employers', good]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /2 rows, 0 created, 1 updated, 1 unchanged, 0 rejected$/m);
  const again = cli(['import', 'employers', good]);
  assert.match(again.stdout, /2 rows, 0 created, 0 updated, 2 unchanged, 0 rejected$/m);

  const pls = join(dir, 'placements.csv');
  writeFileSync(pls, 'external_id,employer,kind,title,capacity\nCLIIMP-1,Cliimport Een BV,vacancy,Chauffeur,2\nCLIIMP-2,Cliimport Drie BV,vacancy,Kassa,1\n');
  const p1 = cli(['import', 'placements', '-'], { input: 'external_id,employer,kind,title,capacity\nCLIIMP-1,Cliimport Een BV,vacancy,Chauffeur,2\nCLIIMP-2,Cliimport Drie BV,vacancy,Kassa,1\n' });
  assert.equal(p1.status, 0, p1.stderr);
  assert.match(p1.stdout, /^-: 2 rows, 2 created/m);
  const p2 = json(['import', 'placements', pls]);
  assert.deepEqual([p2.created, p2.updated, p2.unchanged, p2.rejected], [0, 0, 2, 0]);
  fails(['import', 'placements', pls], 1, /a jobcoach may not import placements/, { as: 'jobcoach' });
  fails(['import', 'employers', join(dir, 'nope.csv')], 1, /cannot open/);
});
