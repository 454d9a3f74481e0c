// scope.test.mjs - people outside one's scope stay invisible (issue 10,
// item 6): lists that others look at (class groups and their attendance,
// visits with invitations and follow-ups, placement occupants and
// work-floor attendance, training enrolments) show a row only for someone
// the reader may open the dossier of (the same relation, access and
// consent rules), and count the others without ids ("…_others" /
// "others"). For each of those routes, as each role that is not the
// people's own (admin, employer, both language providers, the youth
// consultant, a volunteer), no participant id, name or note of a person
// outside the reader's scope appears, and shown + others adds up to what
// the case manager, who sees everyone, is shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './helpers.mjs';
import { isoNL } from '../lib/dates.mjs';

const ROLES = ['beheerder', 'werkgever', 'taalaanbieder', 'taalaanbieder2', 'jongerenconsulent', 'vrijwilliger'];

let t;
const people = new Map(); // pid -> { family_name, given_names } as the case manager reads them
const inScope = new Map(); // `${user}:${pid}` -> may the user open the dossier?
const seen = { others: new Set(), shown: new Set() }; // route names where someone was left out / shown

before(async () => {
  t = await setup({ participants: 40 });
});
after(async () => { await t?.stop(); });

async function get(user, path) {
  const r = await t.call(user, 'GET', path);
  return r;
}

async function person(pid) {
  if (!people.has(pid)) {
    const r = await get('klantmanager', `/api/participants/${pid}`);
    assert.equal(r.status, 200, r.text);
    people.set(pid, r.body);
  }
  return people.get(pid);
}

async function mayOpen(user, pid) {
  const key = `${user}:${pid}`;
  if (!inScope.has(key)) {
    const r = await get(user, `/api/participants/${pid}`);
    assert.ok(r.status === 200 || r.status === 403, `${user} GET participant ${pid}: ${r.status}`);
    inScope.set(key, r.status === 200);
  }
  return inScope.get(key);
}

// Every participant id anywhere in a JSON value (members named
// participant_id, or participant_ids lists).
function participantIds(v, out = new Set()) {
  if (Array.isArray(v)) v.forEach((x) => participantIds(x, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'participant_id' && Number.isInteger(x)) out.add(x);
      else if (k === 'participant_ids' && Array.isArray(x)) x.forEach((y) => out.add(y));
      else participantIds(x, out);
    }
  }
  return out;
}

// The reader's answer hides everyone outside their scope: no id, no name,
// no note written about them (unless the same note is about someone shown).
async function assertNoStrangers(user, path, full, mine, notesOf = () => []) {
  const text = JSON.stringify(mine);
  const shownIds = participantIds(mine);
  for (const pid of shownIds) {
    assert.ok(await mayOpen(user, pid), `${user} ${path}: participant ${pid} is shown but outside their scope`);
  }
  const shownNotes = new Set([...shownIds].flatMap((pid) => notesOf(full, pid)));
  for (const pid of participantIds(full)) {
    if (await mayOpen(user, pid)) continue;
    const p = await person(pid);
    assert.ok(!text.includes(`"${p.family_name}"`), `${user} ${path}: the name of participant ${pid} (${p.family_name}) appears`);
    for (const note of notesOf(full, pid)) {
      if (note && !shownNotes.has(note)) assert.ok(!text.includes(JSON.stringify(note)), `${user} ${path}: note "${note}" about participant ${pid} appears`);
    }
  }
}

// For each list: rows shown + others = the case manager's rows (filtered
// by `keep` where a role sees only its own organisation's rows).
function assertCounts(user, path, name, fullRows, rows, others, keep = () => true) {
  assert.ok(Array.isArray(rows), `${user} ${path}: ${name} is a list`);
  assert.equal(typeof others, 'number', `${user} ${path}: ${name} others is a count`);
  assert.equal(rows.length + others, fullRows.filter(keep).length, `${user} ${path}: ${name} shown + others adds up`);
  if (others > 0) seen.others.add(name);
  if (rows.length > 0) seen.shown.add(name);
}

async function ids(path) {
  const r = await get('klantmanager', path);
  assert.equal(r.status, 200, r.text);
  return r.body.items.map((x) => x.id);
}

const notesByPid = (key) => (full, pid) => (full[key] ?? []).filter((x) => x.participant_id === pid).map((x) => x.note).filter(Boolean);

test('class groups: enrolments of people outside the reader\'s scope are not shown, only counted', async () => {
  for (const id of await ids('/api/class-groups')) {
    const path = `/api/class-groups/${id}`;
    const full = (await get('klantmanager', path)).body;
    assert.equal(full.enrolments_others ?? 0, 0, 'the case manager sees everyone');
    for (const user of ROLES) {
      const r = await get(user, path);
      if (r.status === 403) { assert.ok(participantIds(r.body).size === 0); continue; }
      assert.equal(r.status, 200, `${user} ${path}: ${r.text}`);
      await assertNoStrangers(user, path, full, r.body);
      assertCounts(user, path, 'enrolments', full.enrolments, r.body.enrolments, r.body.enrolments_others);
    }
  }
  assert.ok(seen.others.has('enrolments'), 'someone was left out somewhere (else the test proves nothing)');
});

test('class attendance: a provider sees the day\'s attendance of its own consenting students only', async () => {
  for (const id of await ids('/api/class-groups')) {
    const path = `/api/class-groups/${id}/attendance`;
    const full = (await get('klantmanager', path)).body;
    assert.equal(full.others ?? 0, 0, 'the case manager sees everyone');
    for (const user of ROLES) {
      const r = await get(user, path);
      if (r.status === 403) continue;
      assert.equal(r.status, 200, `${user} ${path}: ${r.text}`);
      await assertNoStrangers(user, path, full, r.body, notesByPid('items'));
      assertCounts(user, path, 'class attendance', full.items, r.body.items, r.body.others);
    }
  }
  assert.ok(seen.others.has('class attendance'), 'someone was left out somewhere');
});

test('visits: invitations and follow-ups (with their notes) of people outside the reader\'s scope are not shown', async () => {
  for (const id of await ids('/api/visits')) {
    const path = `/api/visits/${id}`;
    const full = (await get('klantmanager', path)).body;
    for (const user of ROLES) {
      const r = await get(user, path);
      if (r.status === 403) continue;
      assert.equal(r.status, 200, `${user} ${path}: ${r.text}`);
      const notes = notesByPid('follow_ups');
      await assertNoStrangers(user, path, full, r.body, notes);
      assertCounts(user, path, 'invitations', full.participants, r.body.participants, r.body.participants_others);
      const me = await t.me(user);
      const own = user === 'werkgever' ? (f) => f.organisation_id === me.organisation_id : () => true;
      assertCounts(user, path, 'follow-ups', full.follow_ups, r.body.follow_ups, r.body.follow_ups_others, own);
    }
  }
  assert.ok(seen.others.has('invitations'), 'someone was left out somewhere');
});

test('placements: occupants and work-floor attendance of people outside the reader\'s scope are not shown', async () => {
  // marks for the occupants of every placement, so there is attendance to hide
  for (const id of await ids('/api/placements')) {
    const occ = (await get('klantmanager', `/api/placements/${id}`)).body.occupants;
    if (!occ.length) continue;
    const r = await t.call('klantmanager', 'POST', `/api/placements/${id}/attendance`,
      { day: isoNL(), items: occ.map((o) => ({ participant_id: o.participant_id, status: 'present', note: `notitie ${o.participant_id}` })) });
    assert.ok(r.status === 200 || r.status === 422, r.text);
  }
  for (const id of await ids('/api/placements')) {
    for (const [path, key, othersKey, name] of [
      [`/api/placements/${id}`, 'occupants', 'occupants_others', 'occupants'],
      [`/api/placements/${id}/attendance`, 'items', 'others', 'placement attendance'],
    ]) {
      const full = (await get('klantmanager', path)).body;
      for (const user of ROLES) {
        const r = await get(user, path);
        if (r.status === 403) continue;
        assert.equal(r.status, 200, `${user} ${path}: ${r.text}`);
        await assertNoStrangers(user, path, full, r.body, notesByPid(key));
        assertCounts(user, path, name, full[key], r.body[key], r.body[othersKey]);
      }
    }
  }
  assert.ok(seen.others.has('occupants'), 'someone was left out somewhere');
  assert.ok(seen.shown.has('occupants'), 'an employer still sees the people placed with them');
});

test('trainings: enrolments and results of people outside the reader\'s scope are not shown', async () => {
  for (const id of await ids('/api/trainings')) {
    const path = `/api/trainings/${id}`;
    const full = (await get('klantmanager', path)).body;
    for (const user of ROLES) {
      const r = await get(user, path);
      if (r.status === 403) continue;
      assert.equal(r.status, 200, `${user} ${path}: ${r.text}`);
      await assertNoStrangers(user, path, full, r.body);
      assertCounts(user, path, 'training enrolments', full.participants, r.body.participants, r.body.participants_others);
    }
  }
  assert.ok(seen.others.has('training enrolments'), 'someone was left out somewhere');
});
