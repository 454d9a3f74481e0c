// validation.test.mjs - bad input to POST and PATCH /api/participants:
// every refusal answers the documented status with problem+json naming the
// field, and changes nothing (checked by re-reading, through the API and
// through the command line).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, api, assertProblem, reasonOf, uniqueName, today, addDays } from './helpers.mjs';

let t;
let subject; // a participant every PATCH test tries to change
let other; // a second one, with an external_id
before(async () => {
  t = await setup({ participants: 30 });
  subject = await t.create({ external_id: `EXT-${uniqueName('A')}`, household_size: 3, children: 1, city: 'Naaldwijk' });
  other = await t.create({ external_id: `EXT-${uniqueName('B')}` });
});
after(async () => { await t?.stop(); });

function valid(extra = {}) {
  return { family_name: uniqueName('Val'), given_names: 'Test', birth_date: '1985-06-15', ...extra };
}

// POST `body` (object, string or bytes) and expect a refusal that stored nothing.
async function refusedCreate(body, status, field, headers) {
  const before = await t.total();
  const cliBefore = t.cliTotal();
  const r = await t.call('klantmanager', 'POST', '/api/participants', body, headers);
  const problem = assertProblem(r, status, field);
  assert.equal(await t.total(), before, 'no participant was added');
  assert.equal(t.cliTotal(), cliBefore, 'no participant was added (command line)');
  if (body && typeof body === 'object' && !(body instanceof Uint8Array) && typeof body.family_name === 'string'
    && body.family_name.trim() && body.family_name.length <= 100) {
    assert.equal(await t.total(`&q=${encodeURIComponent(body.family_name)}`), 0, 'no participant by that name');
  }
  return problem;
}

// PATCH the subject and expect a refusal that changed nothing.
async function refusedPatch(body, status, field, headers, id = subject.id) {
  const before = await t.full(id);
  const r = await t.call('klantmanager', 'PATCH', `/api/participants/${id}`, body, headers);
  const problem = assertProblem(r, status, field);
  assert.deepEqual(await t.full(id), before, 'the participant is unchanged');
  return problem;
}

test('malformed JSON answers 400 naming "body"', async () => {
  await refusedCreate('{"family_name": "Haddad", ', 400, 'body');
  await refusedCreate('{"family_name": "Haddad",}', 400, 'body');
  await refusedCreate('not json at all', 400, 'body');
  await refusedPatch('{"city": ', 400, 'body');
});

test('an empty body is not JSON: 400 naming "body"', async () => {
  await refusedCreate('', 400, 'body', { 'content-type': 'application/json' });
  await refusedPatch('', 400, 'body', { 'content-type': 'application/json' });
});

test('a JSON value that is not an object answers 400 naming "body"', async () => {
  await refusedCreate('[1, 2, 3]', 400, 'body');
  await refusedCreate('"text"', 400, 'body');
  await refusedPatch('null', 400, 'body');
});

test('duplicate members in a JSON object are refused', async () => {
  const fam = uniqueName('Dubbel');
  const r = await t.call('klantmanager', 'POST', '/api/participants',
    `{"family_name":"${fam}","family_name":"Ander","given_names":"X","birth_date":"1990-01-01"}`);
  assert.ok(r.status === 400 || r.status === 422, `status ${r.status}`);
  assertProblem(r, r.status);
  assert.equal(await t.total(`&q=${fam}`), 0);
});

test('an unknown field answers 422 with reason "unknown field"', async () => {
  const p = await refusedCreate(valid({ nickname: 'Omi' }), 422, 'nickname');
  assert.equal(reasonOf(p, 'nickname'), 'unknown field');
  const q = await refusedPatch({ city: 'Monster', favourite_colour: 'blue' }, 422, 'favourite_colour');
  assert.equal(reasonOf(q, 'favourite_colour'), 'unknown field');
});

test('read-only fields (id, created_at, updated_at) cannot be sent', async () => {
  await refusedCreate(valid({ id: 12345 }), 422, 'id');
  await refusedCreate(valid({ created_at: '2020-01-01T00:00:00Z' }), 422, 'created_at');
  await refusedPatch({ id: other.id }, 422, 'id');
  await refusedPatch({ updated_at: '2020-01-01T00:00:00Z', city: 'Monster' }, 422, 'updated_at');
});

test('a BSN failing the 11-test answers 422 naming bsn, the reason mentions the 11-test', async () => {
  const p = await refusedCreate(valid({ bsn: '123456789' }), 422, 'bsn');
  assert.match(reasonOf(p, 'bsn'), /11-test/);
  await refusedCreate(valid({ bsn: '12345678' }), 422, 'bsn');
  await refusedCreate(valid({ bsn: 111222333 }), 422, 'bsn');
  await refusedPatch({ bsn: '123456789' }, 422, 'bsn');
});

test('2001-02-31 is not a date: 422 naming birth_date', async () => {
  await refusedCreate(valid({ birth_date: '2001-02-31' }), 422, 'birth_date');
  await refusedCreate(valid({ birth_date: '31-01-2001' }), 422, 'birth_date');
  await refusedCreate(valid({ birth_date: '2001-2-3' }), 422, 'birth_date');
  await refusedCreate(valid({ birth_date: '2023-02-29' }), 422, 'birth_date');
  await refusedPatch({ birth_date: '1990-04-31' }, 422, 'birth_date');
  // a leap day is fine
  const ok = await t.call('klantmanager', 'POST', '/api/participants', valid({ birth_date: '2000-02-29' }));
  assert.equal(ok.status, 201, ok.text);
});

test('two bad fields are both named, as in the documented example', async () => {
  const p = await refusedCreate(valid({ bsn: '123456789', birth_date: '2001-02-31' }), 422, 'bsn');
  assert.ok(p.errors.some((e) => e.field === 'birth_date'));
  assert.equal(p.errors.length, 2);
  assert.equal(p.detail, '2 fields are invalid');
});

test('wrong JSON types answer 422 naming the field', async () => {
  const cases = [
    ['household_size', '3'],
    ['household_size', 3.5],
    ['children', true],
    ['family_name', 42],
    ['given_names', ['Omar']],
    ['languages', 'ar'],
    ['languages', [1]],
    ['diplomas', { title: 'x' }],
    ['work_history', 'kok'],
    ['birth_date', 19900101],
    ['education_years', '12'],
    ['sex', 1],
  ];
  for (const [field, value] of cases) {
    const p = await refusedCreate(valid({ [field]: value }), 422);
    assert.ok(p.errors.some((e) => e.field === field || e.field.startsWith(`${field}[`)),
      `${field}=${JSON.stringify(value)} named: ${JSON.stringify(p.errors)}`);
  }
  await refusedPatch({ household_size: 'drie' }, 422, 'household_size');
});

test('values outside their code list or range answer 422', async () => {
  const cases = [
    ['sex', 'f'],
    ['country_of_origin', 'XX'],
    ['country_of_origin', 'Syria'],
    ['languages', ['xx']],
    ['cefr_reading', 'B3'],
    ['exam_status', 'done'],
    ['benefit', 'bijstand'],
    ['integration_duty', 'maybe'],
    ['target_group', 'refugee'],
    ['household_size', 0],
    ['household_size', 21],
    ['children', -1],
    ['isced_level', 9],
    ['education_years', 31],
    ['work_hours_per_day', 13],
    ['work_days_per_week', 8],
    ['postal_code', '0123 AB'],
    ['postal_code', '12345'],
    ['phone', 'bel me'],
    ['email', 'omar-at-example.org'],
  ];
  for (const [field, value] of cases) {
    const p = await refusedCreate(valid({ [field]: value }), 422);
    assert.ok(p.errors.some((e) => e.field === field || e.field.startsWith(`${field}[`)),
      `${field}=${JSON.stringify(value)} named: ${JSON.stringify(p.errors)}`);
  }
});

test('nested diploma and work-history items are checked member by member', async () => {
  let p = await refusedCreate(valid({ diplomas: [{ title: 'MBO', grade: 8 }] }), 422);
  assert.ok(p.errors.some((e) => e.field.startsWith('diplomas') && e.field.includes('grade')), JSON.stringify(p.errors));
  p = await refusedCreate(valid({ diplomas: [{ country: 'SY' }] }), 422);
  assert.ok(p.errors.some((e) => e.field.startsWith('diplomas') && e.field.includes('title')), JSON.stringify(p.errors));
  p = await refusedCreate(valid({ diplomas: [{ title: 'x', valuation: 'great' }] }), 422);
  assert.ok(p.errors.some((e) => e.field.startsWith('diplomas')), JSON.stringify(p.errors));
  p = await refusedCreate(valid({ work_history: [{ isco_code: '6111', years: 100 }] }), 422);
  assert.ok(p.errors.some((e) => e.field.startsWith('work_history')), JSON.stringify(p.errors));
  const eleven = Array.from({ length: 11 }, (_, i) => ({ title: `Diploma ${i}` }));
  await refusedCreate(valid({ diplomas: eleven }), 422, 'diplomas');
  const langs = ['ar', 'en', 'fr', 'de', 'nl', 'tr', 'fa', 'ti', 'so', 'ru', 'uk'];
  await refusedCreate(valid({ languages: langs }), 422, 'languages');
});

test('strings over their length limit answer 422; length counts characters, not bytes', async () => {
  await refusedCreate(valid({ family_name: 'x'.repeat(101) }), 422, 'family_name');
  await refusedCreate(valid({ given_names: 'é'.repeat(101) }), 422, 'given_names');
  await refusedCreate(valid({ external_id: 'E'.repeat(65) }), 422, 'external_id');
  await refusedCreate(valid({ ambitions: 'a'.repeat(1001) }), 422, 'ambitions');
  await refusedCreate(valid({ health_limits: 'h'.repeat(1001) }), 422, 'health_limits');
  await refusedCreate(valid({ integration_provider: 'p'.repeat(101) }), 422, 'integration_provider');
  await refusedPatch({ city: 'c'.repeat(1000) }, 422, 'city');
  const ok = await t.call('klantmanager', 'POST', '/api/participants',
    valid({ given_names: 'é'.repeat(100), ambitions: 'ü'.repeat(1000) }));
  assert.equal(ok.status, 201, `100 two-byte characters fit: ${ok.text}`);
  assert.equal(ok.body.given_names, 'é'.repeat(100));
});

test('required fields missing or empty answer 422 naming each', async () => {
  const p = await refusedCreate({ sex: 'female' }, 422, 'family_name');
  for (const f of ['given_names', 'birth_date']) assert.ok(p.errors.some((e) => e.field === f), `${f} named`);
  await refusedCreate(valid({ family_name: '' }), 422, 'family_name');
  await refusedCreate(valid({ family_name: '   ' }), 422, 'family_name');
  await refusedCreate('{}', 422, 'family_name');
});

test('control characters in a one-line field are refused', async () => {
  await refusedCreate(valid({ family_name: 'Had\u0007dad' }), 422, 'family_name');
  await refusedCreate(valid({ city: 'Naald\nwijk' }), 422, 'city');
});

test('a body over 1 MiB answers 413 and stores nothing', async () => {
  const big = JSON.stringify(valid({ ambitions: 'x'.repeat(1024 * 1024 + 10) }));
  assert.ok(big.length > 1024 * 1024);
  await refusedCreate(big, 413, 'body');
  const r = await t.call('klantmanager', 'PATCH', `/api/participants/${subject.id}`,
    JSON.stringify({ city: 'Monster', ambitions: 'y'.repeat(2 * 1024 * 1024) }));
  assertProblem(r, 413, 'body');
  assert.equal((await t.full(subject.id)).city, 'Naaldwijk');
  // the server is still well after the large bodies
  assert.equal((await api(t.url, null, 'GET', '/healthz')).status, 200);
});

test('a body just under 1 MiB is read (and refused for its content, not its size)', async () => {
  const body = JSON.stringify(valid({ ambitions: 'x'.repeat(1024 * 1024 - 200) }));
  assert.ok(body.length < 1024 * 1024);
  await refusedCreate(body, 422, 'ambitions');
});

test('invalid UTF-8 in the body answers 400 naming "body"', async () => {
  const fam = uniqueName('Utf');
  const bytes = Buffer.concat([
    Buffer.from(`{"family_name":"${fam}`), Buffer.from([0xc3, 0x28]), Buffer.from('","given_names":"X","birth_date":"1990-01-01"}'),
  ]);
  await refusedCreate(new Uint8Array(bytes), 400, 'body', { 'content-type': 'application/json' });
  assert.equal(await t.total(`&q=${fam}`), 0);
  const overlong = Buffer.concat([Buffer.from('{"city":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]);
  await refusedPatch(new Uint8Array(overlong), 400, 'body', { 'content-type': 'application/json' });
  const surrogate = Buffer.concat([Buffer.from('{"city":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]);
  await refusedPatch(new Uint8Array(surrogate), 400, 'body', { 'content-type': 'application/json' });
});

test('a wrong content type answers 415, a form content type 403', async () => {
  const body = JSON.stringify(valid());
  // what a form on any site can send is refused as cross-site (docs/api.md)
  await refusedCreate(body, 403, 'Content-Type', { 'content-type': 'text/plain' });
  await refusedCreate(body, 403, 'Content-Type', { 'content-type': 'application/x-www-form-urlencoded' });
  await refusedCreate(body, 415, undefined, { 'content-type': 'application/jsonx' });
  await refusedPatch(JSON.stringify({ city: 'Monster' }), 415, undefined, { 'content-type': 'text/csv' });
  // no content type at all
  await refusedCreate(new TextEncoder().encode(JSON.stringify(valid())), 415);
  // a charset parameter is fine
  const ok = await t.call('klantmanager', 'POST', '/api/participants', JSON.stringify(valid()),
    { 'content-type': 'application/json; charset=utf-8' });
  assert.equal(ok.status, 201, ok.text);
});

test('children must be fewer than the household size, also across a PATCH', async () => {
  await refusedCreate(valid({ household_size: 2, children: 2 }), 422, 'children');
  await refusedCreate(valid({ household_size: 1, children: 5 }), 422, 'children');
  // subject: household 3, children 1 -> children 3 does not fit the stored household
  await refusedPatch({ children: 3 }, 422, 'children');
  await refusedPatch({ household_size: 1 }, 422, 'children');
  const ok = await t.call('klantmanager', 'POST', '/api/participants', valid({ household_size: 3, children: 2 }));
  assert.equal(ok.status, 201, ok.text);
});

test('a birth date in the future answers 422 naming birth_date', async () => {
  await refusedCreate(valid({ birth_date: addDays(today(), 1) }), 422, 'birth_date');
  await refusedCreate(valid({ birth_date: '2999-01-01' }), 422, 'birth_date');
  await refusedPatch({ birth_date: addDays(today(), 10) }, 422, 'birth_date');
  const ok = await t.call('klantmanager', 'POST', '/api/participants', valid({ birth_date: today() }));
  assert.equal(ok.status, 201, `born today is not in the future: ${ok.text}`);
});

test('a duplicate external_id answers 409 naming external_id', async () => {
  await refusedCreate(valid({ external_id: subject.external_id }), 409, 'external_id');
  await refusedPatch({ external_id: subject.external_id, city: 'Monster' }, 409, 'external_id', undefined, other.id);
});

test('an invalid PATCH of several fields changes none of them', async () => {
  await refusedPatch({ city: 'Monster', phone: '0612345678', bsn: '123456789' }, 422, 'bsn');
  await refusedPatch({ city: 'Monster', nonsense: 1 }, 422, 'nonsense');
});

test('PATCH and GET on participants that do not exist answer 404 and create nothing', async () => {
  const before = await t.total();
  assertProblem(await t.call('klantmanager', 'PATCH', '/api/participants/424242', { city: 'Monster' }), 404);
  assertProblem(await t.call('klantmanager', 'GET', '/api/participants/424242'), 404);
  assertProblem(await t.call('klantmanager', 'PATCH', '/api/participants/abc', { city: 'Monster' }), 404);
  assert.equal(await t.total(), before);
});

test('wrong method on a participant answers 405 with Allow and changes nothing', async () => {
  const before = await t.full(subject.id);
  for (const method of ['DELETE', 'PUT', 'POST']) {
    const r = await t.call('klantmanager', method, `/api/participants/${subject.id}`, method === 'DELETE' ? undefined : { city: 'X' });
    assertProblem(r, 405);
    const allow = r.headers.get('allow') ?? '';
    assert.match(allow, /GET/);
    assert.match(allow, /PATCH/);
  }
  assert.deepEqual(await t.full(subject.id), before);
});
