// path-journal-handover.test.mjs - the journal of contacts and notes with
// its category-based access, and the warm hand-over from the volunteer to
// welfare after 15 months (docs/api.md "The path" → Journal, Hand-over;
// DESIGN.md §2–§3; issue 3 item 4): GET/POST …/journal and GET/PUT
// …/handover. Every refused request answers problem+json (naming the field
// for 422) and changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, reasonOf, uniqueName, today, addDays, TIMESTAMP } from './helpers.mjs';

let t;
let km;
let volunteer;
let welfare;
let jobcoach;

const d = (n) => addDays(today(), n);
const pad = (n) => String(n).padStart(2, '0');
// The 15th of the month `months` from this one (negative: earlier).
function fifteenth(months) {
  const now = new Date();
  const x = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 15));
  return `${x.getUTCFullYear()}-${pad(x.getUTCMonth() + 1)}-15`;
}

before(async () => {
  t = await setup({ participants: 20 });
  km = await t.me('klantmanager');
  volunteer = await t.me('vrijwilliger');
  welfare = await t.me('welzijn');
  jobcoach = await t.me('jobcoach');
});
after(async () => { await t?.stop(); });

async function journal(pid, user = 'klantmanager') {
  const r = await t.call(user, 'GET', `/api/participants/${pid}/journal`);
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}
async function write(pid, body, user = 'klantmanager') {
  const r = await t.call(user, 'POST', `/api/participants/${pid}/journal`, body);
  assert.equal(r.status, 201, `POST journal as ${user} ${JSON.stringify(body)}: ${r.status} ${r.text}`);
  return r.body;
}
async function refusedJournal(pid, body, status, field, user = 'klantmanager') {
  const before = await journal(pid);
  const r = await t.call(user, 'POST', `/api/participants/${pid}/journal`, body);
  const problem = assertProblem(r, status, field);
  assert.deepEqual(await journal(pid), before, `POST journal as ${user} ${JSON.stringify(body)} changed nothing`);
  return problem;
}
async function links(pid) {
  const r = await t.call('klantmanager', 'GET', `/api/participants/${pid}/links`);
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}
async function link(pid, kind, userId) {
  const r = await t.call('klantmanager', 'POST', `/api/participants/${pid}/links`, { kind, user_id: userId });
  assert.equal(r.status, 201, r.text);
  return r.body;
}
async function consent(pid, orgId, category) {
  const r = await t.call('klantmanager', 'POST', `/api/participants/${pid}/consents`,
    { organisation_id: orgId, category, given_on: today() });
  assert.equal(r.status, 201, r.text);
  return r.body;
}
async function handover(pid, user = 'klantmanager') {
  const r = await t.call(user, 'GET', `/api/participants/${pid}/handover`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}
async function put(pid, body, user) {
  const r = await t.call(user, 'PUT', `/api/participants/${pid}/handover`, body);
  assert.equal(r.status, 200, `PUT handover as ${user} ${JSON.stringify(body)}: ${r.status} ${r.text}`);
  return r.body;
}
async function refusedHandover(pid, body, status, field, user) {
  const before = { h: await handover(pid), l: await links(pid) };
  const r = await t.call(user, 'PUT', `/api/participants/${pid}/handover`, body);
  const problem = assertProblem(r, status, field);
  assert.deepEqual({ h: await handover(pid), l: await links(pid) }, before,
    `PUT handover as ${user} ${JSON.stringify(body)} changed nothing`);
  return problem;
}

// A participant with a volunteer (and consents for identity, path and
// notes to the refugee-support organisation), and optionally the same
// consents to the welfare organisation.
async function guided(fields = {}, withWelfareConsent = true) {
  const p = await t.create({ family_name: uniqueName('Netwerk'), ...fields });
  const vl = await link(p.id, 'volunteer', volunteer.id);
  for (const c of ['identity', 'path', 'notes']) {
    await consent(p.id, volunteer.organisation_id, c);
    if (withWelfareConsent) await consent(p.id, welfare.organisation_id, c);
  }
  return { p, vl };
}

/* ---- journal ---- */

test('journal: contact and note entries, newest first, author is the user', async () => {
  const p = await t.create();
  assert.deepEqual(await journal(p.id), []);
  const a = await write(p.id, { occurred_on: d(-20), kind: 'contact', category: 'social', text: 'huisbezoek, gaat goed' });
  for (const k of ['id', 'occurred_on', 'kind', 'category', 'text', 'author']) assert.ok(k in a, `entry member ${k}`);
  assert.equal(a.occurred_on, d(-20));
  assert.equal(a.kind, 'contact');
  assert.equal(a.category, 'social');
  assert.equal(a.text, 'huisbezoek, gaat goed');
  assert.equal(a.author, km.display_name);
  const b = await write(p.id, { occurred_on: d(-2), kind: 'note', category: 'path', text: 'start werkleertraject besproken' });
  const c = await write(p.id, { occurred_on: d(-10), kind: 'note', category: 'health', text: 'rugklachten, geen zwaar tillen' });
  const items = await journal(p.id);
  assert.deepEqual(items.map((x) => x.id), [b.id, c.id, a.id], 'newest first by occurred_on');
  assert.deepEqual(items[2], a, 'GET shows the entry as answered');
});

test('journal refused: kind, category, date, text, unknown members, malformed JSON', async () => {
  const p = await t.create();
  const ok = { occurred_on: d(-1), kind: 'note', category: 'social', text: 'gesprek' };
  await write(p.id, ok);
  await refusedJournal(p.id, { ...ok, kind: 'call' }, 422, 'kind');
  await refusedJournal(p.id, { ...ok, kind: undefined }, 422, 'kind');
  await refusedJournal(p.id, { ...ok, category: 'gossip' }, 422, 'category');
  await refusedJournal(p.id, { ...ok, category: undefined }, 422, 'category');
  await refusedJournal(p.id, { ...ok, category: 5 }, 422, 'category');
  await refusedJournal(p.id, { ...ok, occurred_on: d(1) }, 422, 'occurred_on');
  await refusedJournal(p.id, { ...ok, occurred_on: '2025-06-31' }, 422, 'occurred_on');
  await refusedJournal(p.id, { ...ok, occurred_on: undefined }, 422, 'occurred_on');
  await refusedJournal(p.id, { ...ok, text: '' }, 422, 'text');
  await refusedJournal(p.id, { ...ok, text: undefined }, 422, 'text');
  await refusedJournal(p.id, { ...ok, text: 'x'.repeat(4001) }, 422, 'text');
  const u = await refusedJournal(p.id, { ...ok, author: 'iemand anders' }, 422, 'author');
  assert.equal(reasonOf(u, 'author'), 'unknown field');
  await refusedJournal(p.id, '{"kind": "note"', 400, 'body');
});

test('journal: unknown participant 404; strangers and roles without notes access 403', async () => {
  assertProblem(await t.call('klantmanager', 'GET', '/api/participants/888888/journal'), 404);
  assertProblem(await t.call('klantmanager', 'POST', '/api/participants/888888/journal',
    { occurred_on: d(-1), kind: 'note', category: 'social', text: 'x' }), 404);
  const p = await t.create();
  await write(p.id, { occurred_on: d(-1), kind: 'note', category: 'social', text: 'eerste gesprek' });
  for (const user of ['jobcoach2', 'accountmanager', 'beheerder', 'werkgever', 'vrijwilliger', 'welzijn', 'taalaanbieder']) {
    assertProblem(await t.call(user, 'GET', `/api/participants/${p.id}/journal`), 403);
  }
  for (const user of ['jobcoach2', 'accountmanager', 'regisseur', 'beheerder', 'werkgever', 'vrijwilliger']) {
    await refusedJournal(p.id, { occurred_on: d(-1), kind: 'note', category: 'social', text: 'x' }, 403, undefined, user);
  }
});

test('journal: the volunteer of an own participant with consent sees social notes, never health notes', async () => {
  const { p } = await guided({}, false);
  const social = await write(p.id, { occurred_on: d(-3), kind: 'note', category: 'social', text: 'hulp bij post van de gemeente' });
  const health = await write(p.id, { occurred_on: d(-2), kind: 'note', category: 'health', text: 'diagnose PTSS' });
  const income = await write(p.id, { occurred_on: d(-1), kind: 'note', category: 'income', text: 'toeslag teruggevorderd' });
  const seen = await journal(p.id, 'vrijwilliger');
  const ids = seen.map((x) => x.id);
  assert.ok(ids.includes(social.id), 'the social note is visible to the volunteer');
  assert.ok(!ids.includes(health.id), 'the health note is not');
  assert.ok(!ids.includes(income.id), 'nor an income note');
  assert.ok(!JSON.stringify(seen).includes('PTSS'), 'no health text anywhere in the answer');
  const all = (await journal(p.id)).map((x) => x.id);
  for (const id of [social.id, health.id, income.id]) assert.ok(all.includes(id), 'the case manager sees every entry');
  // a job coach of another caseload sees nothing; the director no health note
  const dir = (await journal(p.id, 'regisseur')).map((x) => x.id);
  assert.ok(dir.includes(social.id));
  assert.ok(!dir.includes(health.id), 'the director reads no health data');
});

test('journal: the volunteer writes social notes but not health (403) or path notes, and nothing is stored', async () => {
  const { p } = await guided({}, false);
  const own = await write(p.id, { occurred_on: d(-1), kind: 'contact', category: 'social', text: 'samen naar de bibliotheek' }, 'vrijwilliger');
  assert.equal(own.author, volunteer.display_name);
  assert.ok((await journal(p.id, 'vrijwilliger')).some((x) => x.id === own.id));
  await refusedJournal(p.id, { occurred_on: d(-1), kind: 'note', category: 'health', text: 'slaapt slecht' }, 403, undefined, 'vrijwilliger');
  await refusedJournal(p.id, { occurred_on: d(-1), kind: 'note', category: 'path', text: 'wil stoppen' }, 403, undefined, 'vrijwilliger');
});

test('journal: without consent for notes, or after its revocation, the volunteer reads nothing', async () => {
  const p = await t.create();
  await link(p.id, 'volunteer', volunteer.id);
  await consent(p.id, volunteer.organisation_id, 'identity');
  await write(p.id, { occurred_on: d(-1), kind: 'note', category: 'social', text: 'eerste kennismaking' });
  assertProblem(await t.call('vrijwilliger', 'GET', `/api/participants/${p.id}/journal`), 403);
  await refusedJournal(p.id, { occurred_on: d(-1), kind: 'note', category: 'social', text: 'x' }, 403, undefined, 'vrijwilliger');
  const c = await consent(p.id, volunteer.organisation_id, 'notes');
  assert.equal((await journal(p.id, 'vrijwilliger')).length, 1);
  const r = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/consents/${c.id}/revoke`);
  assert.equal(r.status, 200, r.text);
  assertProblem(await t.call('vrijwilliger', 'GET', `/api/participants/${p.id}/journal`), 403);
});

test('journal: a contact resets the six-week no-contact clock; a note does not', async () => {
  const p = await t.create({ family_name: uniqueName('Contact') }, 'jobcoach');
  const ph = await t.call('jobcoach', 'POST', `/api/participants/${p.id}/phases`, { kind: 'registration', start_date: d(-60) });
  assert.equal(ph.status, 201, ph.text);
  const noContact = async () => {
    const r = await t.call('jobcoach', 'GET', '/api/signals?limit=1000');
    assert.equal(r.status, 200, r.text);
    return r.body.items.find((x) => x.participant_id === p.id && x.rule === 'no_contact');
  };
  let s = await noContact();
  assert.ok(s, 'registered 60 days ago without contact: no_contact');
  assert.equal(s.due, d(-18), 'due six weeks after the start of the path');
  await write(p.id, { occurred_on: d(-1), kind: 'note', category: 'social', text: 'dossier bijgewerkt' }, 'jobcoach');
  assert.ok(await noContact(), 'a note is no contact');
  await write(p.id, { occurred_on: d(-43), kind: 'contact', category: 'social', text: 'telefonisch' }, 'jobcoach');
  s = await noContact();
  assert.ok(s, 'a contact 43 days ago is more than six weeks');
  assert.equal(s.due, d(-1));
  await write(p.id, { occurred_on: d(-42), kind: 'contact', category: 'social', text: 'huisbezoek' }, 'jobcoach');
  assert.equal(await noContact(), undefined, 'a contact exactly six weeks ago: due today, not yet signalled');
  await write(p.id, { occurred_on: today(), kind: 'contact', category: 'path', text: 'gesprek op het werk' }, 'jobcoach');
  assert.equal(await noContact(), undefined);
});

/* ---- hand-over ---- */

test('hand-over GET: due 15 months after arrival; empty checklist; nobody signed', async () => {
  const arrival = fifteenth(-14);
  const { p } = await guided({ arrival_date: arrival });
  const h = await handover(p.id);
  for (const k of ['due_date', 'volunteer', 'welfare', 'checklist', 'volunteer_signed_at', 'welfare_signed_at', 'done']) {
    assert.ok(k in h, `hand-over member ${k}`);
  }
  assert.equal(h.due_date, fifteenth(1));
  assert.equal(h.volunteer.id, volunteer.id);
  assert.equal(h.welfare, null);
  assert.ok(h.checklist.length > 0, 'a checklist');
  for (const item of h.checklist) {
    assert.equal(typeof item.code, 'string');
    assert.equal(typeof item.label, 'string');
    assert.equal(item.done, false);
  }
  assert.equal(h.volunteer_signed_at, null);
  assert.equal(h.welfare_signed_at, null);
  assert.equal(h.done, false);
  const vh = await handover(p.id, 'vrijwilliger');
  assert.equal(vh.due_date, h.due_date, 'the volunteer sees it too');
});

test('hand-over due date at month ends and leap years: the last day of the month', async () => {
  for (const [arrival, due] of [['2024-11-30', '2026-02-28'], ['2022-11-29', '2024-02-29'], ['2023-11-29', '2025-02-28'],
    ['2024-01-31', '2025-04-30'], ['2024-02-29', '2025-05-29']]) {
    const p = await t.create({ arrival_date: arrival });
    assert.equal((await handover(p.id)).due_date, due, `arrival ${arrival}`);
  }
});

test('hand-over: checklist, sign-off by volunteer and welfare; then done and the volunteer link ends', async () => {
  const { p, vl } = await guided({ arrival_date: fifteenth(-15) });
  // the welfare worker is not involved yet
  assertProblem(await t.call('welzijn', 'GET', `/api/participants/${p.id}/handover`), 403);
  let h = await put(p.id, { welfare_user_id: welfare.id }, 'klantmanager');
  assert.equal(h.welfare.id, welfare.id);
  const wl = (await links(p.id)).find((l) => l.kind === 'welfare' && l.user_id === welfare.id);
  assert.ok(wl, 'naming the welfare worker links them');
  assert.equal(wl.end_date, null);
  assert.equal((await handover(p.id, 'welzijn')).welfare.id, welfare.id, 'now the welfare worker reads it');

  const codes = h.checklist.map((x) => x.code);
  const [first, ...rest] = codes;
  h = await put(p.id, { checklist: { [first]: true } }, 'vrijwilliger');
  assert.deepEqual(h.checklist.filter((x) => x.done).map((x) => x.code), [first]);
  const problem = await refusedHandover(p.id, { sign: true }, 422, 'sign', 'vrijwilliger');
  assert.ok(reasonOf(problem, 'sign').length > 0);
  await refusedHandover(p.id, { sign: true }, 422, 'sign', 'welzijn');

  h = await put(p.id, { checklist: Object.fromEntries(rest.map((c) => [c, true])) }, 'welzijn');
  assert.ok(h.checklist.every((x) => x.done), 'every item ticked');
  assert.equal(h.done, false);

  // someone who is neither the volunteer nor the welfare worker cannot sign
  await refusedHandover(p.id, { sign: true }, 422, 'sign', 'klantmanager');

  h = await put(p.id, { sign: true }, 'vrijwilliger');
  assert.match(h.volunteer_signed_at, TIMESTAMP);
  assert.equal(h.welfare_signed_at, null);
  assert.equal(h.done, false);
  assert.equal((await links(p.id)).find((l) => l.id === vl.id).end_date, null, 'the volunteer stays until both signed');

  h = await put(p.id, { sign: true }, 'welzijn');
  assert.match(h.welfare_signed_at, TIMESTAMP);
  assert.match(h.volunteer_signed_at, TIMESTAMP);
  assert.equal(h.done, true);
  assert.equal(h.welfare.id, welfare.id);

  const after = await links(p.id);
  assert.equal(after.find((l) => l.id === vl.id).end_date, today(), 'the volunteer link has ended');
  const welfareLinks = after.filter((l) => l.kind === 'welfare' && l.user_id === welfare.id);
  assert.ok(welfareLinks.length >= 1 && welfareLinks.every((l) => l.end_date === null), 'the welfare link runs');
  assert.equal((await handover(p.id)).done, true, 'GET shows it done');
  // the volunteer's guidance is over: no more access
  assertProblem(await t.call('vrijwilliger', 'GET', `/api/participants/${p.id}/handover`), 403);
  assert.equal((await handover(p.id, 'welzijn')).done, true);
});

test('hand-over refused: bad checklist, bad welfare worker, bad sign, unknown members, malformed JSON', async () => {
  const { p } = await guided({ arrival_date: fifteenth(-14) });
  const code = (await handover(p.id)).checklist[0].code;
  await refusedHandover(p.id, { checklist: { washing_up: true } }, 422, 'checklist', 'klantmanager');
  await refusedHandover(p.id, { checklist: { [code]: 'yes' } }, 422, 'checklist', 'klantmanager');
  await refusedHandover(p.id, { checklist: [code] }, 422, 'checklist', 'klantmanager');
  await refusedHandover(p.id, { checklist: { [code]: true, nope: true } }, 422, 'checklist', 'klantmanager');
  await refusedHandover(p.id, { welfare_user_id: jobcoach.id }, 422, 'welfare_user_id', 'klantmanager');
  await refusedHandover(p.id, { welfare_user_id: 999999 }, 422, 'welfare_user_id', 'klantmanager');
  await refusedHandover(p.id, { welfare_user_id: String(welfare.id) }, 422, 'welfare_user_id', 'klantmanager');
  await refusedHandover(p.id, { sign: 'yes' }, 422, 'sign', 'vrijwilliger');
  const u = await refusedHandover(p.id, { signed_by: 'vrijwilliger' }, 422, 'signed_by', 'klantmanager');
  assert.equal(reasonOf(u, 'signed_by'), 'unknown field');
  await refusedHandover(p.id, '{"sign": tr', 400, 'body', 'klantmanager');
});

test('hand-over: strangers and roles without access get 403 and change nothing; unknown participant 404', async () => {
  const { p } = await guided({ arrival_date: fifteenth(-14) });
  const code = (await handover(p.id)).checklist[0].code;
  for (const user of ['jobcoach2', 'beheerder', 'werkgever', 'welzijn']) {
    assertProblem(await t.call(user, 'GET', `/api/participants/${p.id}/handover`), 403);
  }
  for (const user of ['jobcoach2', 'accountmanager', 'regisseur', 'beheerder', 'werkgever', 'welzijn']) {
    await refusedHandover(p.id, { checklist: { [code]: true } }, 403, undefined, user);
    await refusedHandover(p.id, { sign: true }, 403, undefined, user);
  }
  assertProblem(await t.call('klantmanager', 'GET', '/api/participants/888888/handover'), 404);
  assertProblem(await t.call('klantmanager', 'PUT', '/api/participants/888888/handover', { sign: true }), 404);
});
