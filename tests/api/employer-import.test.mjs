// employer-import.test.mjs - POST /api/import/employers and
// /api/import/placements (docs/employer-import.md): a CSV with broken rows
// is refused with a report naming line, column and reason and changes
// nothing; partial=1 stores the good rows; importing the same file again
// stores nothing (rows count as unchanged, no history entries, no new
// updated_at); a changed row updates; a bad header refuses the file even
// with partial=1; only account managers and project leaders may import.
// Employers and placements are made here, never taken from the demo data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, uniqueName, today, addDays } from './helpers.mjs';

let t;
let orgs;

before(async () => {
  t = await setup({ participants: 10 });
  orgs = await t.orgs();
});
after(async () => { await t?.stop(); });

const d = (n) => addDays(today(), n);

function upload(kind, csv, { query = '', type = 'text/csv', user = 'accountmanager' } = {}) {
  return t.call(user, 'POST', `/api/import/${kind}${query}`, csv, { 'content-type': type, 'x-meedoen-upload': '1' });
}

function csvOf(rows) {
  return `${rows.join('\n')}\n`;
}

// Everything an import could change: employers (with contacts and history)
// and placements, as the account manager sees them, and the organisations.
async function snapshot() {
  const emps = await t.call('accountmanager', 'GET', '/api/employers');
  assert.equal(emps.status, 200, emps.text);
  const full = [];
  for (const e of emps.body.items) {
    const r = await t.call('accountmanager', 'GET', `/api/employers/${e.id}`);
    assert.equal(r.status, 200, r.text);
    full.push(r.body);
  }
  const pls = await t.call('accountmanager', 'GET', '/api/placements?include_inactive=true');
  assert.equal(pls.status, 200, pls.text);
  const o = await t.call('klantmanager', 'GET', '/api/organisations');
  assert.equal(o.status, 200, o.text);
  return { employers: full, placements: pls.body.items, organisations: o.body.items };
}

async function employerNamed(name) {
  const r = await t.call('accountmanager', 'GET', `/api/employers?q=${encodeURIComponent(name)}`);
  assert.equal(r.status, 200, r.text);
  const found = r.body.items.filter((e) => e.name === name);
  if (found.length === 0) return null;
  const full = await t.call('accountmanager', 'GET', `/api/employers/${found[0].id}`);
  assert.equal(full.status, 200, full.text);
  return full.body;
}

async function placementWithExternalId(ext) {
  const r = await t.call('accountmanager', 'GET', '/api/placements?include_inactive=true');
  assert.equal(r.status, 200, r.text);
  const found = r.body.items.find((p) => p.external_id === ext);
  return found ?? null;
}

const EMPLOYER_HEADER = 'name,sector,street,postal_code,city,latitude,longitude,size_class,network_member,account_manager,notes,contact_name,contact_email';

// Four employers; line 3 (the second row) has a bad sector, a bad yes/no
// and an unknown account manager unless `fixed`.
function employersCsv(tag, fixed = false) {
  return csvOf([
    EMPLOYER_HEADER,
    `Kwekerij ${tag} Een,greenhouse_horticulture,Kasweg 1,2671 AB,Naaldwijk,51.99,4.21,medium,yes,accountmanager,"Tomaten, paprika",Ria de Bruin,ria@example.org`,
    fixed
      ? `Logistiek ${tag} Twee,logistics,,,Maasdijk,,,large,no,,,,`
      : `Logistiek ${tag} Twee,transport,,,Maasdijk,,,large,misschien,niemand,,,`,
    `"Bakkerij ${tag} & Zn.",food_processing,,,Honselersdijk,,,small,nee,,,,`,
  ]);
}

test('employers: one file with broken rows is refused with every error by line and column, and changes nothing', async () => {
  const tag = uniqueName('Imp');
  const before = await snapshot();
  const r = await upload('employers', employersCsv(tag));
  const body = assertProblem(r, 422);
  assert.equal(body.import, 'employers');
  assert.equal(body.format, 'csv');
  assert.equal(body.partial, false);
  assert.equal(body.rows, 3);
  assert.equal(body.rejected, 1);
  assert.equal(body.committed, false);
  assert.equal(body.created, 0, 'nothing counted as created when nothing was stored');
  assert.deepEqual(body.errors.map((e) => [e.line, e.field]).sort(),
    [[3, 'account_manager'], [3, 'network_member'], [3, 'sector']]);
  const reason = (f) => body.errors.find((e) => e.field === f).reason;
  assert.match(reason('sector'), /"transport"/);
  assert.match(reason('network_member'), /"misschien" is not yes or no/);
  assert.match(reason('account_manager'), /no user "niemand"/);
  assert.deepEqual(await snapshot(), before, 'nothing stored');
  assert.equal(await employerNamed(`Kwekerij ${tag} Een`), null);
});

test('employers: partial=1 stores the good rows; the same file again stores nothing; a changed row updates', async () => {
  const tag = uniqueName('Part');
  const r = await upload('employers', employersCsv(tag), { query: '?partial=1' });
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.equal(r.body.partial, true);
  assert.equal(r.body.rows, 3);
  assert.equal(r.body.created, 2);
  assert.equal(r.body.updated, 0);
  assert.equal(r.body.unchanged, 0);
  assert.equal(r.body.rejected, 1);
  assert.equal(r.body.committed, true);
  assert.deepEqual([...new Set(r.body.errors.map((e) => e.line))], [3]);

  const one = await employerNamed(`Kwekerij ${tag} Een`);
  assert.ok(one, 'the first row was stored');
  assert.equal(one.sector, 'greenhouse_horticulture');
  assert.equal(one.street, 'Kasweg 1');
  assert.equal(one.postal_code, '2671 AB');
  assert.equal(one.city, 'Naaldwijk');
  assert.equal(one.latitude, 51.99);
  assert.equal(one.longitude, 4.21);
  assert.equal(one.size_class, 'medium');
  assert.equal(one.network_member, true);
  assert.equal(one.account_manager_id, (await t.me('accountmanager')).id);
  assert.equal(one.notes, 'Tomaten, paprika');
  assert.deepEqual(one.contacts.map((c) => [c.name, c.email]), [['Ria de Bruin', 'ria@example.org']]);
  assert.deepEqual(one.history.map((h) => h.kind), ['created']);
  const bakery = await employerNamed(`Bakkerij ${tag} & Zn.`);
  assert.ok(bakery, 'a quoted name with "&" was stored');
  assert.equal(bakery.network_member, false);
  assert.equal(await employerNamed(`Logistiek ${tag} Twee`), null, 'the bad row was not stored');

  // the same file again: the good rows are unchanged and not stored again
  const before = await snapshot();
  const again = await upload('employers', employersCsv(tag), { query: '?partial=1' });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.body.created, 0);
  assert.equal(again.body.updated, 0);
  assert.equal(again.body.unchanged, 2);
  assert.equal(again.body.rejected, 1);
  assert.deepEqual(await snapshot(), before, 'an unchanged row writes nothing: no updated_at, no history');

  // the corrected file, all or nothing: the missing row is created, the others stay
  const fixed = await upload('employers', employersCsv(tag, true));
  assert.equal(fixed.status, 200, fixed.text);
  assert.deepEqual([fixed.body.created, fixed.body.updated, fixed.body.unchanged, fixed.body.rejected], [1, 0, 2, 0]);
  assert.deepEqual(fixed.body.errors, []);
  assert.ok(await employerNamed(`Logistiek ${tag} Twee`));

  // a changed cell updates that employer (and only the cells given): one history entry
  const changed = csvOf([
    'name,city,network_member,contact_name,contact_email',
    `Kwekerij ${tag} Een,Honselersdijk,yes,,`,
    `"Bakkerij ${tag} & Zn.",,,Karim Amrani,karim@example.org`,
  ]);
  const upd = await upload('employers', changed);
  assert.equal(upd.status, 200, upd.text);
  assert.deepEqual([upd.body.created, upd.body.updated, upd.body.unchanged], [0, 2, 0]);
  const one2 = await employerNamed(`Kwekerij ${tag} Een`);
  assert.equal(one2.city, 'Honselersdijk');
  assert.equal(one2.street, 'Kasweg 1', 'columns not in the file are kept');
  assert.equal(one2.notes, 'Tomaten, paprika');
  assert.deepEqual(one2.history.map((h) => h.kind), ['updated', 'created']);
  const bakery2 = await employerNamed(`Bakkerij ${tag} & Zn.`);
  assert.deepEqual(bakery2.contacts.map((c) => c.name), ['Karim Amrani'], 'a new contact is added');
  assert.deepEqual(bakery2.history.map((h) => h.kind), ['contact', 'created']);
  // the contact is known now: the same file is unchanged
  const upd2 = await upload('employers', changed);
  assert.deepEqual([upd2.body.updated, upd2.body.unchanged], [0, 2], upd2.text);
});

test('employers: a name of an organisation of another type is rejected; an employer organisation without details gets them', async () => {
  const provider = orgs.language_provider;
  // an employer organisation as an administrator makes it: no employer details yet
  const made = await t.call('beheerder', 'POST', '/api/organisations', { name: `Kale ${uniqueName('Org')}`, type: 'employer' });
  assert.equal(made.status, 201, made.text);
  const bare = made.body;
  assertProblem(await t.call('accountmanager', 'GET', `/api/employers/${bare.id}`), 404);

  const before = await snapshot();
  const r = await upload('employers', csvOf(['name,sector', `"${provider.name}",retail`, `"${bare.name}",greenhouse_horticulture`]));
  const body = assertProblem(r, 422, 'name');
  assert.deepEqual(body.errors.map((e) => [e.line, e.field]), [[2, 'name']]);
  assert.match(body.errors[0].reason, /is an organisation of type language_provider, not an employer/);
  assert.deepEqual(await snapshot(), before);

  const ok = await upload('employers', csvOf(['name,sector', `"${bare.name}",greenhouse_horticulture`]));
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual([ok.body.created, ok.body.updated, ok.body.unchanged], [1, 0, 0], 'details added: counts as created');
  const e = await t.call('accountmanager', 'GET', `/api/employers/${bare.id}`);
  assert.equal(e.status, 200, e.text);
  assert.equal(e.body.sector, 'greenhouse_horticulture');
  const same = (await snapshot()).organisations.filter((o) => o.name === bare.name);
  assert.deepEqual(same.map((o) => o.id), [bare.id], 'the same organisation, no second one of that name');
});

test('a bad header refuses the file even with partial=1: errors on line 1, nothing stored', async () => {
  const tag = uniqueName('Hdr');
  const before = await snapshot();
  const cases = [
    ['employers', csvOf(['name,sektor,city', `Hdr ${tag},retail,Naaldwijk`]), [[1, 'sektor']], /unknown column/],
    ['employers', csvOf(['name,city,city', `Hdr ${tag},Naaldwijk,Naaldwijk`]), [[1, 'city']], /column appears twice/],
    ['employers', csvOf(['sector,city', 'retail,Naaldwijk']), [[1, 'name']], /required column is missing/],
    ['placements', csvOf(['employer,title', `x,y`]), [[1, 'external_id']], /required column is missing/],
    ['placements', '', [[1, 'header']], /empty/],
  ];
  for (const [kind, csv, where, reason] of cases) {
    const r = await upload(kind, csv, { query: '?partial=1' });
    const body = assertProblem(r, 422);
    assert.equal(body.committed, false, csv);
    assert.equal(body.rows, 0, csv);
    assert.deepEqual(body.errors.map((e) => [e.line, e.field]), where, csv);
    assert.match(body.errors[0].reason, reason);
  }
  assert.deepEqual(await snapshot(), before);
});

test('only roles that manage employers may import: 403 for the others, nothing stored', async () => {
  const tag = uniqueName('Role');
  const csv = csvOf(['name,sector', `Rol ${tag},retail`]);
  const before = await snapshot();
  for (const user of ['jobcoach', 'klantmanager', 'regisseur', 'werkgever', 'afdelingsassistent', 'beheerder']) {
    for (const kind of ['employers', 'placements']) {
      const r = await upload(kind, kind === 'employers' ? csv : csvOf(['external_id', 'x']), { user });
      const body = assertProblem(r, 403);
      assert.match(body.detail, new RegExp(`may not import ${kind}`), `${user} ${kind}`);
      assert.equal(body.errors.length, 0);
    }
  }
  const anon = await t.call(null, 'POST', '/api/import/employers', csv, { 'content-type': 'text/csv', 'x-meedoen-upload': '1' });
  assertProblem(anon, 401);
  assert.deepEqual(await snapshot(), before);
  const pl = await upload('employers', csv, { user: 'projectleider' });
  assert.equal(pl.status, 200, pl.text);
  assert.equal(pl.body.created, 1);
});

test('the body must be CSV: 415 for another type unless ?format=csv; 422 for another format', async () => {
  const tag = uniqueName('Fmt');
  const csv = csvOf(['name,sector', `Fmt ${tag},retail`]);
  const before = await snapshot();
  assertProblem(await upload('employers', csv, { type: 'application/json' }), 415);
  assertProblem(await upload('employers', csv, { query: '?format=jsonl' }), 422, 'format');
  assertProblem(await upload('employers', csv, { query: '?partial=maybe' }), 422, 'partial');
  assert.deepEqual(await snapshot(), before);
  const ok = await upload('employers', csv, { query: '?format=csv', type: 'application/octet-stream' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.created, 1);
});

// ---- placements ----

async function employer(name) {
  const r = await t.call('accountmanager', 'POST', '/api/employers', { name, sector: 'logistics' });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

const PLACEMENT_HEADER = 'external_id,employer,kind,title,isco_code,capacity,start_date,hours_per_week,day_parts,full_days,min_cefr_speaking,licences,physical_load,safety_shoes,offers_contract,active';

// Three placements at emp; line 3 has a bad capacity, a bad day-part and an
// unknown licence, line 4 an unknown employer, unless `fixed`.
function placementsCsv(tag, emp, fixed = false) {
  return csvOf([
    PLACEMENT_HEADER,
    `${tag}-1,"${emp.name}",work_experience_place,Orderpicker,9333,2,${d(-30)},16,mon_morning;mon_afternoon;tue_morning;tue_afternoon,yes,A2,forklift,medium,yes,no,yes`,
    fixed
      ? `${tag}-2,"${emp.name}",language_internship,Inpakker,9321,1,,8,wed_morning;thu_morning,no,,food_hygiene,light,no,no,yes`
      : `${tag}-2,"${emp.name}",language_internship,Inpakker,9321,een,,8,wed_morning;thu_morning;funday,no,,food_hygiene;jetpack,light,no,no,yes`,
    fixed
      ? `${tag}-3,"${emp.name}",vacancy,Chauffeur,8322,1,,,,,,driving_b,,,yes,no`
      : `${tag}-3,Nergens ${tag} BV,vacancy,Chauffeur,8322,1,,,,,,driving_b,,,yes,no`,
  ]);
}

test('placements: broken rows refuse the file with every error; partial stores the good ones; re-import is unchanged', async () => {
  const tag = uniqueName('PL');
  const emp = await employer(`Logistiek ${tag}`);
  const before = await snapshot();
  const r = await upload('placements', placementsCsv(tag, emp));
  const body = assertProblem(r, 422);
  assert.equal(body.import, 'placements');
  assert.deepEqual([body.rows, body.rejected, body.committed], [3, 2, false]);
  assert.deepEqual(body.errors.map((e) => [e.line, e.field]).sort(),
    [[3, 'capacity'], [3, 'day_parts'], [3, 'licences'], [4, 'employer']]);
  const reason = (line, f) => body.errors.find((e) => e.line === line && e.field === f).reason;
  assert.match(reason(3, 'capacity'), /"een" is not a whole number/);
  assert.match(reason(3, 'day_parts'), /funday/);
  assert.match(reason(3, 'licences'), /jetpack/);
  assert.match(reason(4, 'employer'), new RegExp(`no organisation named "Nergens ${tag} BV"`));
  assert.deepEqual(await snapshot(), before, 'nothing stored');

  const part = await upload('placements', placementsCsv(tag, emp), { query: '?partial=1' });
  assert.equal(part.status, 200, part.text);
  assert.deepEqual([part.body.created, part.body.rejected, part.body.committed], [1, 2, true]);
  const p1 = await placementWithExternalId(`${tag}-1`);
  assert.ok(p1);
  assert.equal(p1.organisation_id, emp.id);
  assert.equal(p1.kind, 'work_experience_place');
  assert.equal(p1.title, 'Orderpicker');
  assert.equal(p1.isco_code, '9333');
  assert.equal(p1.capacity, 2);
  assert.equal(p1.start_date, d(-30));
  assert.equal(p1.hours_per_week, 16);
  assert.deepEqual(p1.day_parts, ['mon_morning', 'mon_afternoon', 'tue_morning', 'tue_afternoon']);
  assert.equal(p1.full_days, true);
  assert.equal(p1.min_cefr_speaking, 'A2');
  assert.deepEqual(p1.licences, ['forklift']);
  assert.equal(p1.physical_load, 'medium');
  assert.equal(p1.safety_shoes, true);
  assert.equal(p1.offers_contract, false);
  assert.equal(p1.active, true);
  assert.equal(p1.sector, 'logistics', 'a placement without a sector takes its employer\'s');
  assert.equal(await placementWithExternalId(`${tag}-2`), null);

  const fixed = await upload('placements', placementsCsv(tag, emp, true));
  assert.equal(fixed.status, 200, fixed.text);
  assert.deepEqual([fixed.body.created, fixed.body.updated, fixed.body.unchanged, fixed.body.rejected], [2, 0, 1, 0]);
  const p3 = await placementWithExternalId(`${tag}-3`);
  assert.equal(p3.active, false, '"active: no" is stored for a new placement');
  assert.equal(p3.kind, 'vacancy');

  const snap = await snapshot();
  const again = await upload('placements', placementsCsv(tag, emp, true));
  assert.equal(again.status, 200, again.text);
  assert.deepEqual([again.body.created, again.body.updated, again.body.unchanged], [0, 0, 3]);
  assert.deepEqual(await snapshot(), snap, 'an unchanged file stores nothing');
  const history = (await employerNamed(emp.name)).history.filter((h) => h.kind === 'placement');
  assert.equal(history.length, 3, 'one history entry per placement offered, none for unchanged rows');
});

test('placements: an update sets the given cells; not below occupancy, not to another employer', async () => {
  const tag = uniqueName('PU');
  const emp = await employer(`Logistiek ${tag}`);
  const other = await employer(`Ander ${tag}`);
  const create = csvOf(['external_id,employer,kind,title,capacity', `${tag}-1,"${emp.name}",work_experience_place,Magazijn,2`]);
  assert.equal((await upload('placements', create)).status, 200);
  const pl = await placementWithExternalId(`${tag}-1`);

  // place two people
  for (let i = 0; i < 2; i++) {
    const p = await t.create();
    const intake = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/phases`, { kind: 'intake', start_date: d(-20) });
    assert.equal(intake.status, 201, intake.text);
    const placed = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/phases`,
      { kind: 'work_experience_place', start_date: d(-1), placement_id: pl.id });
    assert.equal(placed.status, 201, placed.text);
  }
  const before = await snapshot();
  const bad = await upload('placements', csvOf(['external_id,employer,capacity',
    `${tag}-1,"${other.name}",1`]));
  const body = assertProblem(bad, 422);
  assert.deepEqual(body.errors.map((e) => [e.line, e.field]).sort(), [[2, 'capacity'], [2, 'employer']]);
  assert.match(body.errors.find((e) => e.field === 'capacity').reason, /below the 2 people placed now/);
  assert.match(body.errors.find((e) => e.field === 'employer').reason, /cannot move to another organisation/);
  assert.deepEqual(await snapshot(), before);

  const ok = await upload('placements', csvOf(['external_id,title,capacity,location', `${tag}-1,Magazijnmedewerker,3,Hal 2`]));
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual([ok.body.created, ok.body.updated, ok.body.unchanged], [0, 1, 0]);
  const after = await placementWithExternalId(`${tag}-1`);
  assert.equal(after.title, 'Magazijnmedewerker');
  assert.equal(after.capacity, 3);
  assert.equal(after.location, 'Hal 2');
  assert.equal(after.kind, 'work_experience_place', 'cells not in the file are kept');
  assert.equal(after.occupancy, 2);
  assert.equal(after.organisation_id, emp.id);
});

test('placements: a new placement needs its employer, kind and capacity, each named', async () => {
  const tag = uniqueName('PR');
  const before = await snapshot();
  const r = await upload('placements', csvOf(['external_id,title', `${tag}-1,Iets`]));
  const body = assertProblem(r, 422);
  assert.deepEqual(body.errors.map((e) => e.field).sort(), ['capacity', 'employer', 'kind']);
  for (const e of body.errors) assert.match(e.reason, /is required/);
  assert.deepEqual(await snapshot(), before);
});
