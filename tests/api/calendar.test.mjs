// calendar.test.mjs - calendars of week planning (docs/week-plan.md
// "Calendars"): GET /api/participants/{id}/week-plan.ics as a text/calendar
// download checked by an independent parser (tests/unit/ical_check.py),
// stable UIDs, EXDATEs for exceptions, a class per session with its own
// times; GET /api/coaches/{user}/appointments.ics for the coach themself or
// a project leader; calendar tokens: made, listed without the secret,
// fetched without a session, 404 when unknown, revoked, or when the maker
// may no longer read the plan (identical answers).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup, assertProblem, uniqueName, today, addDays } from './helpers.mjs';

const CHECK = join(dirname(fileURLToPath(import.meta.url)), '..', 'unit', 'ical_check.py');

let t;
let coach;
let dir;

function nextMonday() {
  const wd = (new Date(`${today()}T12:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(today(), 7 - wd);
}
const MON = nextMonday();
const day = (n) => addDays(MON, n);
const compact = (d) => d.replaceAll('-', '');

before(async () => {
  t = await setup({ participants: 5 });
  coach = await t.me('jobcoach');
  dir = mkdtempSync(join(tmpdir(), 'meedoen-ics-'));
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t?.stop();
});

// Run the independent checker on a calendar text; returns its exit status
// and output.
function icalCheck(text, name) {
  const file = join(dir, `${name}.ics`);
  writeFileSync(file, text);
  try {
    const out = execFileSync('python3', [CHECK, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, out };
  } catch (e) {
    return { status: e.status, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

// Unfolded content lines of a calendar.
const lines = (text) => text.replace(/\r\n /g, '').split('\r\n');

async function add(pid, body) {
  const r = await t.call('jobcoach', 'POST', `/api/participants/${pid}/week-plan/entries`, { valid_from: MON, ...body });
  assert.equal(r.status, 201, `POST entry ${JSON.stringify(body)}: ${r.text}`);
  return r.body.entry;
}

async function fetchNoCookie(path) {
  const r = await fetch(`${t.url}${path}`);
  return { status: r.status, headers: r.headers, text: await r.text() };
}

async function plannedParticipant() {
  const p = await t.create({ family_name: uniqueName('Kal'), given_names: 'Sara' }, 'jobcoach');
  const work = await add(p.id, { kind: 'work', title: 'Kas; tomaten, Noord', day_parts: ['tue_morning', 'tue_afternoon'],
    location: 'Poeldijkseweg 12, Naaldwijk', valid_until: day(62) });
  const appt = await add(p.id, { kind: 'coach_appointment', weekdays: ['thu'], start_time: '14:00', end_time: '14:45',
    coach_user_id: coach.id, title: 'Voortgang' });
  const r = await t.call('jobcoach', 'POST', `/api/week-plan/entries/${work.id}/exceptions`,
    { from_date: day(8), reason: 'vrij' });
  assert.equal(r.status, 201, r.text);
  let g = await t.call('taalaanbieder', 'POST', '/api/class-groups', { name: `Groep ${uniqueName('G')}`,
    start_date: addDays(today(), -7), end_date: addDays(today(), 120), location: 'Taalhuis',
    sessions: [{ weekday: 'mon', start_time: '09:00', end_time: '11:30' }, { weekday: 'wed', start_time: '19:00', end_time: '21:00' }] });
  assert.equal(g.status, 201, g.text);
  g = g.body;
  const en = await t.call('jobcoach', 'POST', `/api/class-groups/${g.id}/enrolments`, { participant_id: p.id, start_date: MON });
  assert.equal(en.status, 201, en.text);
  return { p, work, appt, group: g, enrolment: en.body.enrolment };
}

test('GET week-plan.ics: a text/calendar download with one weekly event per entry, day and day-part', async () => {
  const { p, work, appt, group, enrolment } = await plannedParticipant();
  const r = await t.call('jobcoach', 'GET', `/api/participants/${p.id}/week-plan.ics`);
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /^text\/calendar; charset=utf-8/);
  assert.match(r.headers.get('content-disposition'), /^attachment; filename="[^"]+\.ics"/);
  const check = icalCheck(r.text, 'plan');
  assert.equal(check.status, 0, `ical_check.py:\n${check.out}\n${r.text}`);

  const l = lines(r.text);
  assert.equal(l[0], 'BEGIN:VCALENDAR');
  assert.ok(l.includes(`UID:e${work.id}-tue-morning@meedoen`), r.text);
  assert.ok(l.includes(`UID:e${work.id}-tue-afternoon@meedoen`));
  assert.ok(l.includes(`UID:e${appt.id}-thu@meedoen`), 'own times: one event per weekday');
  assert.ok(l.includes(`DTSTART;TZID=Europe/Amsterdam:${compact(day(3))}T140000`));
  assert.ok(l.includes(`DTEND;TZID=Europe/Amsterdam:${compact(day(3))}T144500`));
  assert.ok(l.includes(`DTSTART;TZID=Europe/Amsterdam:${compact(day(1))}T083000`), 'the morning starts at 08:30');
  assert.ok(l.includes(`EXDATE;TZID=Europe/Amsterdam:${compact(day(8))}T083000`), 'the exception is an EXDATE');
  assert.ok(l.some((x) => x.startsWith('RRULE:FREQ=WEEKLY;UNTIL=')), 'validity gives UNTIL');
  assert.ok(l.includes('SUMMARY:Werk: Kas\\; tomaten\\, Noord'), 'summary is kind and title, escaped');
  assert.ok(l.includes('LOCATION:Poeldijkseweg 12\\, Naaldwijk'));
  // a class per session with the session's own times
  const classUids = l.filter((x) => x.startsWith(`UID:t${enrolment.id}-`));
  assert.equal(classUids.length, 2, `one event per session: ${classUids}`);
  assert.ok(l.includes(`DTSTART;TZID=Europe/Amsterdam:${compact(MON)}T090000`));
  assert.ok(l.includes(`DTSTART;TZID=Europe/Amsterdam:${compact(day(2))}T190000`));
  assert.ok(l.some((x) => x.startsWith('SUMMARY:') && x.includes(group.name)));

  // stable: the same UIDs on a second download
  const again = await t.call('jobcoach', 'GET', `/api/participants/${p.id}/week-plan.ics`);
  const uids = (text) => lines(text).filter((x) => x.startsWith('UID:')).sort();
  assert.deepEqual(uids(again.text), uids(r.text));

  assertProblem(await t.call('jobcoach2', 'GET', `/api/participants/${p.id}/week-plan.ics`), 403);
  assertProblem(await t.call('klantmanager', 'GET', '/api/participants/999999/week-plan.ics'), 404);
  const log = await t.call('klantmanager', 'GET', `/api/participants/${p.id}/log?per_page=100`);
  assert.ok(log.body.items.some((e) => e.activity === 'mdn-015' && /calendar/.test(e.action)), 'the download is logged');
});

test('GET coaches/{user}/appointments.ics: the coach themself or a project leader', async () => {
  const { p, appt } = await plannedParticipant();
  const r = await t.call('jobcoach', 'GET', `/api/coaches/${coach.id}/appointments.ics`);
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /^text\/calendar/);
  assert.equal(icalCheck(r.text, 'coach').status, 0, icalCheck(r.text, 'coach').out);
  const l = lines(r.text);
  assert.ok(l.includes(`UID:e${appt.id}-thu@meedoen`), r.text);
  assert.ok(l.some((x) => x.startsWith('SUMMARY:') && x.includes('Voortgang') && x.includes(p.family_name)),
    'the coach sees whom the appointment is with');
  assert.ok(l.some((x) => x === 'CATEGORIES:APPOINTMENT'), r.text);
  assert.ok(l.every((x) => !x.startsWith('CATEGORIES:') || x === 'CATEGORIES:APPOINTMENT'), 'only appointments');

  const pl = await t.call('projectleider', 'GET', `/api/coaches/${coach.id}/appointments.ics`);
  assert.equal(pl.status, 200, pl.text);
  assertProblem(await t.call('jobcoach2', 'GET', `/api/coaches/${coach.id}/appointments.ics`), 403);
  assertProblem(await t.call('klantmanager', 'GET', `/api/coaches/${coach.id}/appointments.ics`), 403);
  const km = await t.me('klantmanager');
  assertProblem(await t.call('projectleider', 'GET', `/api/coaches/${km.id}/appointments.ics`), 404);
});

test('calendar tokens: made once, listed without the secret, read without a session, 404 when revoked', async () => {
  const { p } = await plannedParticipant();
  let r = await t.call('jobcoach', 'POST', '/api/calendar-tokens', { subject: 'participant', participant_id: p.id });
  assert.equal(r.status, 201, r.text);
  const tok = r.body;
  assert.equal(tok.subject, 'participant');
  assert.equal(tok.participant_id, p.id);
  assert.match(tok.token, /^[A-Za-z0-9_-]{40,}$/);
  assert.equal(tok.url, `/calendar/${tok.token}.ics`);

  r = await t.call('jobcoach', 'GET', '/api/calendar-tokens');
  assert.equal(r.status, 200, r.text);
  const listed = r.body.items.find((x) => x.id === tok.id);
  assert.ok(listed, 'the maker lists the token');
  assert.equal(listed.token, undefined, 'never shown again');
  assert.ok(!r.text.includes(tok.token));
  r = await t.call('jobcoach2', 'GET', '/api/calendar-tokens');
  assert.ok(!r.body.items.some((x) => x.id === tok.id), 'only one\'s own tokens');

  const got = await fetchNoCookie(tok.url);
  assert.equal(got.status, 200, got.text);
  assert.match(got.headers.get('content-type'), /^text\/calendar/);
  assert.equal(icalCheck(got.text, 'token').status, 0);
  assert.ok(got.text.includes('BEGIN:VEVENT'));
  r = await t.call('jobcoach', 'GET', '/api/calendar-tokens');
  assert.ok(r.body.items.find((x) => x.id === tok.id).last_used_at, 'last_used_at is set');

  const unknown = await fetchNoCookie(`/calendar/${'A'.repeat(43)}.ics`);
  assert.equal(unknown.status, 404);

  // someone else cannot revoke it
  assertProblem(await t.call('jobcoach2', 'DELETE', `/api/calendar-tokens/${tok.id}`), 404);
  assert.equal((await fetchNoCookie(tok.url)).status, 200);
  r = await t.call('jobcoach', 'DELETE', `/api/calendar-tokens/${tok.id}`);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.revoked_at);
  const revoked = await fetchNoCookie(tok.url);
  assert.equal(revoked.status, 404);
  const strip = (x) => JSON.stringify({ ...JSON.parse(x), request_id: null });
  assert.equal(strip(revoked.text), strip(unknown.text), 'a revoked token answers as an unknown one');
});

test('calendar tokens: the maker\'s access now decides; refusals', async () => {
  const { p } = await plannedParticipant();
  let r = await t.call('jobcoach', 'POST', '/api/calendar-tokens', { subject: 'participant', participant_id: p.id });
  assert.equal(r.status, 201, r.text);
  const tok = r.body;
  assert.equal((await fetchNoCookie(tok.url)).status, 200);

  // the job coach leaves the caseload: the token no longer reads the plan
  const links = await t.call('klantmanager', 'GET', `/api/participants/${p.id}/links`);
  const mine = links.body.items.find((l) => l.kind === 'job_coach' && l.user_id === coach.id && !l.end_date);
  assert.ok(mine, JSON.stringify(links.body.items));
  r = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/links/${mine.id}/end`);
  assert.equal(r.status, 200, r.text);
  const gone = await fetchNoCookie(tok.url);
  assert.equal(gone.status, 404, gone.text);
  const unknown = await fetchNoCookie(`/calendar/${'B'.repeat(43)}.ics`);
  const strip = (x) => JSON.stringify({ ...JSON.parse(x), request_id: null });
  assert.equal(strip(gone.text), strip(unknown.text), 'identical to an unknown token');

  // a coach's own appointments
  r = await t.call('jobcoach', 'POST', '/api/calendar-tokens', { subject: 'coach' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.coach_user_id, coach.id);
  const own = await fetchNoCookie(r.body.url);
  assert.equal(own.status, 200, own.text);
  assert.match(own.text, /BEGIN:VCALENDAR/);

  // refusals
  const q = await t.create({ family_name: uniqueName('Kal') }, 'jobcoach');
  assertProblem(await t.call('jobcoach2', 'POST', '/api/calendar-tokens', { subject: 'participant', participant_id: q.id }), 403);
  assertProblem(await t.call('jobcoach2', 'POST', '/api/calendar-tokens', { subject: 'coach', coach_user_id: coach.id }), 403);
  assertProblem(await t.call('jobcoach', 'POST', '/api/calendar-tokens', { subject: 'team' }), 422, 'subject');
  assertProblem(await t.call('jobcoach', 'POST', '/api/calendar-tokens', { subject: 'participant' }), 422, 'participant_id');
  const none = await fetchNoCookie('/api/calendar-tokens');
  assert.equal(none.status, 401, 'the token list needs a session');
});
