// import.test.mjs - POST /api/import/screening: CSV and JSON Lines, one bad
// row refuses the whole file unless partial=1, re-importing updates instead
// of creating, and every refusal leaves the database as it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, api, assertProblem, uniqueName } from './helpers.mjs';

let t;
before(async () => { t = await setup({ participants: 30 }); });
after(async () => { await t?.stop(); });

function upload(body, { query = '', type = 'text/csv', user = 'klantmanager' } = {}) {
  return t.call(user, 'POST', `/api/import/screening${query}`, body, { 'content-type': type, 'x-meedoen-upload': '1' });
}

// Participants whose name holds `tag`, as the case manager sees them (full records).
async function byTag(tag) {
  const r = await t.call('klantmanager', 'GET', `/api/participants?q=${encodeURIComponent(tag)}&per_page=100`);
  assert.equal(r.status, 200, r.text);
  const out = [];
  for (const i of r.body.items) out.push(await t.full(i.id));
  return out.sort((a, b) => a.external_id.localeCompare(b.external_id));
}

function withoutUpdatedAt(list) {
  return list.map(({ updated_at, ...rest }) => rest);
}

// A file of three rows; row 2 (line 3) has a BSN failing the 11-test
// unless `fixed`.
function screeningCsv(tag, fixed = false) {
  return [
    'external_id,family_name,given_names,birth_date,bsn,country_of_origin,languages,diplomas,work_history,postal_code,household_size',
    `${tag}-1,${tag}een,Omar,1990-04-01,111222333,sy,ar;en,Bachelor Agriculture|sy|6|requested;MBO Logistiek|NL|4|,6111|Tuinder|5;|Kok|2,2671ab,4`,
    `${tag}-2,${tag}twee,Selam,1995-01-01,${fixed ? '' : '123456789'},ER,ti,,,,`,
    `${tag}-3,${tag}drie,Dawit,1988-08-08,,ER,ti;ar,,,,1`,
    '',
  ].join('\n');
}

test('one bad row refuses the whole file: 422 with a report and nothing stored', async () => {
  const tag = uniqueName('Imp');
  const total = await t.total();
  const cli = t.cliTotal();
  const r = await upload(screeningCsv(tag));
  const body = assertProblem(r, 422);
  assert.equal(body.format, 'csv');
  assert.equal(body.partial, false);
  assert.equal(body.rows, 3);
  assert.equal(body.rejected, 1);
  assert.equal(body.committed, false);
  assert.equal(body.created, 0);
  assert.equal(body.updated, 0);
  assert.equal(body.errors.length, 1, JSON.stringify(body.errors));
  const e = body.errors[0];
  assert.equal(e.line, 3);
  assert.equal(e.field, 'bsn');
  assert.match(e.reason, /11-test/);
  assert.equal(await t.total(), total, 'nothing stored');
  assert.equal(t.cliTotal(), cli, 'nothing stored (command line)');
  assert.deepEqual(await byTag(tag), []);
});

test('the same file with partial=1 stores the good rows; re-importing updates instead of creating', async () => {
  const tag = uniqueName('Part');
  const total = await t.total();
  const r = await upload(screeningCsv(tag), { query: '?partial=1' });
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.equal(r.body.format, 'csv');
  assert.equal(r.body.partial, true);
  assert.equal(r.body.rows, 3);
  assert.equal(r.body.created, 2);
  assert.equal(r.body.updated, 0);
  assert.equal(r.body.rejected, 1);
  assert.equal(r.body.committed, true);
  assert.deepEqual(r.body.errors.map((x) => [x.line, x.field]), [[3, 'bsn']]);
  assert.equal(await t.total(), total + 2);

  const stored = await byTag(tag);
  assert.deepEqual(stored.map((p) => p.external_id), [`${tag}-1`, `${tag}-3`]);
  const [one] = stored;
  assert.equal(one.family_name, `${tag}een`);
  assert.equal(one.bsn, '111222333');
  assert.equal(one.country_of_origin, 'SY');
  assert.deepEqual(one.languages, ['ar', 'en']);
  assert.equal(one.postal_code, '2671 AB');
  assert.equal(one.household_size, 4);
  assert.deepEqual(one.diplomas, [
    { title: 'Bachelor Agriculture', country: 'SY', isced_level: 6, valuation: 'requested' },
    { title: 'MBO Logistiek', country: 'NL', isced_level: 4 },
  ]);
  assert.deepEqual(one.work_history, [{ isco_code: '6111', occupation: 'Tuinder', years: 5 }, { occupation: 'Kok', years: 2 }]);

  // again: idempotent
  const again = await upload(screeningCsv(tag), { query: '?partial=1' });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.body.created, 0);
  assert.equal(again.body.updated, 0);
  assert.equal(again.body.unchanged, 2, 'rows that change nothing are neither stored nor logged');
  assert.equal(again.body.rejected, 1);
  assert.equal(await t.total(), total + 2, 'total unchanged by the re-import');
  assert.deepEqual(withoutUpdatedAt(await byTag(tag)), withoutUpdatedAt(stored), 'same data after the re-import');

  // the corrected file without partial: the missing row is created, the others stay as they are
  const fixed = await upload(screeningCsv(tag, true));
  assert.equal(fixed.status, 200, fixed.text);
  assert.equal(fixed.body.created, 1);
  assert.equal(fixed.body.unchanged, 2);
  assert.equal(fixed.body.rejected, 0);
  assert.equal(fixed.body.committed, true);
  assert.deepEqual(fixed.body.errors, []);
  assert.equal(await t.total(), total + 3);
});

test('an import updates a participant registered through the API (matched on external_id)', async () => {
  const tag = uniqueName('Match');
  const p = await t.create({ external_id: `${tag}-X`, family_name: `${tag}oud`, city: 'Naaldwijk' });
  const csv = `external_id,family_name,given_names,birth_date,ambitions\n${tag}-X,${tag}nieuw,Test,1990-04-01,bakker\n`;
  const r = await upload(csv);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.created, 0);
  assert.equal(r.body.updated, 1);
  const after = await t.full(p.id);
  assert.equal(after.family_name, `${tag}nieuw`);
  assert.equal(after.ambitions, 'bakker');
  assert.equal(after.city, 'Naaldwijk', 'columns not in the file are kept');
});

test('JSON Lines import', async () => {
  const tag = uniqueName('Jsonl');
  const lines = [
    JSON.stringify({ external_id: `${tag}-1`, family_name: `${tag}a`, given_names: 'Amal', birth_date: '1992-02-02', languages: ['ar'] }),
    '',
    JSON.stringify({ external_id: `${tag}-2`, family_name: `${tag}b`, given_names: 'Bilal', birth_date: '1993-03-03',
      diplomas: [{ title: 'Lerarenopleiding', country: 'SY', isced_level: 6 }] }),
  ].join('\n');
  const total = await t.total();
  const r = await upload(lines, { type: 'application/x-ndjson' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.format, 'jsonl');
  assert.equal(r.body.rows, 2);
  assert.equal(r.body.created, 2);
  assert.equal(r.body.committed, true);
  assert.equal(await t.total(), total + 2);
  const stored = await byTag(tag);
  assert.deepEqual(stored[0].languages, ['ar']);
  assert.equal(stored[1].diplomas[0].title, 'Lerarenopleiding');

  // ?format=jsonl names the format whatever the content type
  const r2 = await upload(lines, { type: 'application/octet-stream', query: '?format=jsonl' });
  assert.equal(r2.status, 200, r2.text);
  assert.equal(r2.body.unchanged, 2);
  assert.equal(await t.total(), total + 2);
});

test('JSON Lines with a broken line is refused with the line number, nothing stored', async () => {
  const tag = uniqueName('Jbad');
  const lines = [
    JSON.stringify({ external_id: `${tag}-1`, family_name: `${tag}a`, given_names: 'A', birth_date: '1992-02-02' }),
    '{"external_id": "broken", ',
    JSON.stringify({ external_id: `${tag}-3`, family_name: `${tag}c`, given_names: 'C', birth_date: '2001-02-31' }),
  ].join('\n');
  const total = await t.total();
  const r = await upload(lines, { type: 'application/x-ndjson' });
  const body = assertProblem(r, 422);
  assert.equal(body.committed, false);
  assert.equal(body.rejected, 2);
  assert.deepEqual(body.errors.map((e) => e.line).sort(), [2, 3]);
  assert.ok(body.errors.some((e) => e.line === 3 && e.field === 'birth_date'));
  assert.equal(await t.total(), total);
});

test('a header with an unknown column refuses the file', async () => {
  const tag = uniqueName('Kolom');
  const csv = `external_id,family_name,given_names,birth_date,shoe_size\n${tag}-1,${tag},Omar,1990-04-01,44\n`;
  const total = await t.total();
  const body = assertProblem(await upload(csv), 422);
  assert.equal(body.committed, false);
  assert.ok(body.errors.some((e) => e.field === 'shoe_size' && e.line === 1), JSON.stringify(body.errors));
  assert.equal(await t.total(), total);
  assert.deepEqual(await byTag(tag), []);
});

test('a header with an unknown column refuses the file even with partial=1 (no row can be read)', async () => {
  const tag = uniqueName('Kolomp');
  const csv = `external_id,family_name,given_names,birth_date,shoe_size\n${tag}-1,${tag},Omar,1990-04-01,44\n`;
  const total = await t.total();
  const body = assertProblem(await upload(csv, { query: '?partial=1' }), 422);
  assert.equal(body.committed, false);
  assert.ok(body.errors.some((e) => e.field === 'shoe_size' && e.line === 1), JSON.stringify(body.errors));
  assert.equal(await t.total(), total);
  assert.deepEqual(await byTag(tag), []);
});

test('a header without a required column refuses the file', async () => {
  const tag = uniqueName('Mist');
  const csv = `external_id,family_name,birth_date\n${tag}-1,${tag},1990-04-01\n`;
  const total = await t.total();
  const body = assertProblem(await upload(csv), 422);
  assert.ok(body.errors.some((e) => e.field === 'given_names'), JSON.stringify(body.errors));
  assert.equal(body.committed, false);
  assert.equal(await t.total(), total);
});

test('quoted CSV fields may hold commas, quotes and newlines; errors name the line the record starts on', async () => {
  const tag = uniqueName('Quote');
  const csv = [
    'external_id,family_name,given_names,birth_date,ambitions',
    `${tag}-1,"${tag}, van",Omar,1990-04-01,"Werken in de kas, liefst`,
    'met ""planten"""',
    `${tag}-2,${tag}b,Sara,1991-13-01,`,
    '',
  ].join('\n');
  const bad = await upload(csv);
  const body = assertProblem(bad, 422);
  assert.deepEqual(body.errors.map((e) => [e.line, e.field]), [[4, 'birth_date']], 'the bad record starts on line 4');
  assert.deepEqual(await byTag(tag), []);

  const ok = await upload(csv, { query: '?partial=1' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.created, 1);
  const [p] = await byTag(tag);
  assert.equal(p.family_name, `${tag}, van`);
  assert.equal(p.ambitions, 'Werken in de kas, liefst\nmet "planten"');
});

test('CRLF line endings and a UTF-8 byte-order mark are read like plain CSV', async () => {
  const tag = uniqueName('Crlf');
  const csv = `\ufeffexternal_id,family_name,given_names,birth_date,city\r\n${tag}-1,${tag},Ayşe,1990-04-01,'s-Gravenzande\r\n`;
  const r = await upload(csv);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.created, 1);
  const [p] = await byTag(tag);
  assert.equal(p.city, "'s-Gravenzande");
  assert.equal(p.given_names, 'Ayşe');
});

test('a row with a wrong number of cells is rejected', async () => {
  const tag = uniqueName('Cellen');
  const csv = `external_id,family_name,given_names,birth_date\n${tag}-1,${tag},Omar\n`;
  const body = assertProblem(await upload(csv), 422);
  assert.equal(body.errors[0].line, 2);
  assert.deepEqual(await byTag(tag), []);
});

test('import parameters: unknown format or partial value answers 422; unknown content type 415', async () => {
  const csv = `external_id,family_name,given_names,birth_date\n${uniqueName('Par')}-1,Naam,Omar,1990-04-01\n`;
  const total = await t.total();
  assertProblem(await upload(csv, { query: '?format=xml' }), 422, 'format');
  assertProblem(await upload(csv, { query: '?partial=yes' }), 422, 'partial');
  assertProblem(await upload(csv, { type: 'application/json' }), 415);
  assertProblem(await upload(csv, { type: 'text/plain' }), 403, 'Content-Type'); // a form can send text/plain
  assert.equal(await t.total(), total);
});

test('an empty file is refused', async () => {
  const body = assertProblem(await upload(''), 422);
  assert.equal(body.committed, false);
});

test('who may import: not the volunteer, the account manager or the admin', async () => {
  const tag = uniqueName('Mag');
  const csv = `external_id,family_name,given_names,birth_date\n${tag}-1,${tag},Omar,1990-04-01\n`;
  for (const user of ['vrijwilliger', 'accountmanager', 'beheerder', 'regisseur']) {
    assertProblem(await upload(csv, { user }), 403);
  }
  assertProblem(await api(t.url, null, 'POST', '/api/import/screening', csv, { 'content-type': 'text/csv', 'x-meedoen-upload': '1' }), 401);
  assert.deepEqual(await byTag(tag), []);
  // a job coach may
  const r = await upload(csv, { user: 'jobcoach' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.created, 1);
});

test('an upload over 1 MiB is fine for an import (its limit is 64 MiB)', async () => {
  const tag = uniqueName('Groot');
  const csv = `external_id,family_name,given_names,birth_date\n${tag}-1,${tag},Omar,1990-04-01\n${'\n'.repeat(2 * 1024 * 1024)}`;
  const r = await upload(csv);
  assert.equal(r.status, 200, r.text.slice(0, 500));
  assert.equal(r.body.created, 1);
});

test('an upload over 64 MiB answers 413 and stores nothing', async () => {
  const tag = uniqueName('Tegroot');
  const head = `external_id,family_name,given_names,birth_date\n${tag}-1,${tag},Omar,1990-04-01\n`;
  const body = Buffer.alloc(64 * 1024 * 1024 + 1024, 0x0a);
  Buffer.from(head).copy(body);
  const total = await t.total();
  const r = await t.call('klantmanager', 'POST', '/api/import/screening', new Uint8Array(body), { 'content-type': 'text/csv', 'x-meedoen-upload': '1' });
  assertProblem(r, 413, 'body');
  assert.equal(await t.total(), total);
  assert.equal((await api(t.url, null, 'GET', '/healthz')).status, 200);
});

// ---- docs/screening-import.md ----

test('a repeated column refuses the file, reported on line 1', async () => {
  const tag = uniqueName('Twee');
  const csv = `external_id,family_name,given_names,birth_date,city,city\n${tag}-1,${tag},Omar,1990-04-01,Monster,Naaldwijk\n`;
  const total = await t.total();
  const body = assertProblem(await upload(csv), 422);
  assert.ok(body.errors.some((e) => e.field === 'city' && e.line === 1), JSON.stringify(body.errors));
  assert.equal(body.committed, false);
  assert.equal(await t.total(), total);
});

test('empty cells never clear what is stored', async () => {
  const tag = uniqueName('Leeg');
  const p = await t.create({ external_id: `${tag}-1`, family_name: tag, city: 'Naaldwijk', phone: '0612345678',
    languages: ['ar'] });
  const csv = `external_id,family_name,given_names,birth_date,city,phone,languages,ambitions\n${tag}-1,${tag},Test,1990-04-01,,,,tuinieren\n`;
  const r = await upload(csv);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.updated, 1);
  const after = await t.full(p.id);
  assert.equal(after.city, 'Naaldwijk');
  assert.equal(after.phone, '0612345678');
  assert.deepEqual(after.languages, ['ar']);
  assert.equal(after.ambitions, 'tuinieren');
});

test('a newly imported participant is linked to the importing user\'s organisation', async () => {
  const tag = uniqueName('Reg');
  const me = await t.me('jobcoach');
  const csv = `external_id,family_name,given_names,birth_date\n${tag}-1,${tag},Omar,1990-04-01\n`;
  const r = await upload(csv, { user: 'jobcoach' });
  assert.equal(r.status, 200, r.text);
  const [p] = await byTag(tag);
  const links = await t.call('klantmanager', 'GET', `/api/participants/${p.id}/links`);
  assert.ok(links.body.items.some((l) => l.organisation_id === me.organisation_id && !l.end_date),
    `linked to ${me.organisation_name}: ${JSON.stringify(links.body.items)}`);
  // and the job coach can read it afterwards
  assert.equal((await t.call('jobcoach', 'GET', `/api/participants/${p.id}`)).status, 200);
});

test('every stored row writes one processing-log entry with activity mdn-004', async () => {
  const tag = uniqueName('Logi');
  const existing = await t.create({ external_id: `${tag}-1`, family_name: `${tag}a` });
  const csv = `external_id,family_name,given_names,birth_date,ambitions\n${tag}-1,${tag}a,Test,1990-04-01,koken\n${tag}-2,${tag}b,Nieuw,1991-05-05,bakken\n`;
  const logOf = async (id) => {
    const r = await t.call('regisseur', 'GET', `/api/participants/${id}/log?per_page=100`);
    assert.equal(r.status, 200, r.text);
    return r.body.items;
  };
  const before = (await logOf(existing.id)).filter((e) => e.activity === 'mdn-004');
  const r = await upload(csv);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.created, 1);
  assert.equal(r.body.updated, 1);
  const updated = (await logOf(existing.id)).filter((e) => e.activity === 'mdn-004');
  assert.equal(updated.length, before.length + 1, 'the updated row: one mdn-004 entry');
  assert.equal(updated[0].actor, 'klantmanager');
  const created = (await byTag(`${tag}b`))[0];
  const entries = (await logOf(created.id)).filter((e) => !['read log', 'read', 'list'].includes(e.action));
  assert.deepEqual(entries.map((e) => e.activity), ['mdn-004'],
    `the created row: one entry, activity mdn-004: ${JSON.stringify(entries.map((e) => [e.action, e.activity]))}`);
});

test('project leaders may import; a row changing a category they may not write is rejected', async () => {
  const tag = uniqueName('Proj');
  const p = await t.create({ external_id: `${tag}-1`, family_name: `${tag}a`, bsn: '111222333' });
  const ok = await upload(`external_id,family_name,given_names,birth_date,ambitions\n${tag}-1,${tag}a,Test,1990-04-01,metselen\n`,
    { user: 'projectleider' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.updated, 1);
  assert.equal((await t.full(p.id)).ambitions, 'metselen');

  const before = await t.full(p.id);
  const bad = await upload(`external_id,family_name,given_names,birth_date,bsn\n${tag}-1,${tag}a,Test,1990-04-01,123456782\n`,
    { user: 'projectleider' });
  const body = assertProblem(bad, 422);
  assert.ok(body.errors.some((e) => e.line === 2 && e.field === 'bsn'), JSON.stringify(body.errors));
  assert.deepEqual(await t.full(p.id), before, 'the BSN was not changed');
});

test('a project leader cannot put a BSN or health data into a new participant through an import', async () => {
  const tag = uniqueName('Projn');
  const total = await t.total();
  const csv = `external_id,family_name,given_names,birth_date,bsn,health_limits\n${tag}-1,${tag},Omar,1990-04-01,111222333,rugklachten\n`;
  const body = assertProblem(await upload(csv, { user: 'projectleider' }), 422);
  assert.ok(body.errors.some((e) => e.field === 'bsn' || e.field === 'health_limits'), JSON.stringify(body.errors));
  assert.equal(await t.total(), total);
});

test('a NUL byte in a cell is refused with its line and column, nothing stored', async () => {
  const tag = uniqueName('Nul');
  const total = await t.total();
  const csv = [
    'external_id,family_name,given_names,birth_date',
    `${tag}-1,${tag}A\0B,Omar,1990-04-01`,
    '',
  ].join('\n');
  const r = await upload(csv);
  const body = assertProblem(r, 422);
  assert.equal(body.rejected, 1);
  assert.equal(body.errors.length, 1, JSON.stringify(body.errors));
  assert.equal(body.errors[0].line, 2);
  assert.match(body.errors[0].reason, /column 2 contains a NUL byte/);
  assert.equal(await t.total(), total, 'nothing stored');
});
