// participants.test.mjs - registering, reading, changing and listing
// participants: normalisation, null clearing, search, paging, filters and
// the Dutch sort order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, uniqueName, TIMESTAMP, ALL_CATEGORIES, today } from './helpers.mjs';

let t;
before(async () => { t = await setup({ participants: 50 }); });
after(async () => { await t?.stop(); });

const SUMMARY_KEYS = ['id', 'family_name', 'given_names', 'birth_date', 'country_of_origin', 'arrival_date',
  'target_group'];

async function listAll(user, query = '') {
  const items = [];
  let total = 0;
  for (let page = 1; page < 100; page++) {
    const r = await t.call(user, 'GET', `/api/participants?per_page=100&page=${page}${query}`);
    assert.equal(r.status, 200, r.text);
    total = r.body.total;
    items.push(...r.body.items);
    if (r.body.items.length < 100) break;
  }
  assert.equal(items.length, total, 'pages add up to total');
  return items;
}

test('POST /api/participants registers a participant: 201 and normalised fields', async () => {
  const family = uniqueName('Haddad');
  const before = await t.total();
  const r = await t.call('klantmanager', 'POST', '/api/participants', {
    external_id: `COA-${family}`,
    family_name: `  ${family} `,
    given_names: 'Omar',
    birth_date: '1990-04-01',
    sex: 'male',
    country_of_origin: 'sy',
    languages: ['AR', 'en', 'ar'],
    household_size: 4,
    children: 2,
    arrival_date: '2024-03-15',
    permit_date: '2023-11-01',
    street: 'Teststraat 1',
    postal_code: '2671ab',
    city: 'Naaldwijk',
    phone: '+31 6 1234 5678',
    email: 'omar@example.org',
    bsn: '111222333',
    education_years: 12,
    isced_level: 4,
    diplomas: [{ title: 'Bachelor Agriculture', country: 'sy', isced_level: 6, valuation: 'requested' }],
    work_history: [{ isco_code: '6111', occupation: 'Tuinder', years: 5 }],
    ambitions: 'Werken in de kas',
    integration_duty: 'duty',
    integration_provider: 'Taalhuis',
    integration_deadline: '2027-01-01',
    cefr_listening: 'A2',
    cefr_reading: 'A1',
    cefr_speaking: 'A2',
    cefr_writing: 'A1',
    exam_status: 'in_progress',
    benefit: 'participatiewet',
    benefit_since: '2024-04-01',
    health_limits: 'geen zwaar tilwerk',
    work_hours_per_day: 6,
    work_days_per_week: 4,
  });
  assert.equal(r.status, 201, r.text);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  const p = r.body;
  assert.equal(typeof p.id, 'number');
  assert.equal(p.family_name, family, 'names are trimmed');
  assert.equal(p.postal_code, '2671 AB');
  assert.equal(p.country_of_origin, 'SY');
  assert.deepEqual(p.languages, ['ar', 'en'], 'language codes lower-cased, duplicates dropped');
  assert.equal(p.diplomas[0].country, 'SY');
  assert.equal(p.bsn, '111222333');
  assert.equal(p.health_limits, 'geen zwaar tilwerk');
  assert.equal(p.target_group, 'newcomer', 'target_group defaults to newcomer');
  assert.match(p.created_at, TIMESTAMP);
  assert.match(p.updated_at, TIMESTAMP);
  assert.deepEqual([...p.access.categories].sort(), [...ALL_CATEGORIES].sort());
  assert.ok(Array.isArray(p.access.writable));
  assert.equal(await t.total(), before + 1);

  const g = await t.call('klantmanager', 'GET', `/api/participants/${p.id}`);
  assert.equal(g.status, 200);
  assert.deepEqual(g.body, p, 'GET answers what POST answered');
});

test('optional fields left out are null in the answer', async () => {
  const p = await t.create({ family_name: uniqueName('Kaal') });
  for (const f of ['external_id', 'sex', 'country_of_origin', 'street', 'postal_code', 'phone', 'email', 'bsn',
    'ambitions', 'health_limits', 'benefit', 'household_size']) {
    assert.ok(f in p, `${f} present`);
    assert.equal(p[f], null, `${f} is null`);
  }
});

test('PATCH changes fields and the change persists', async () => {
  const p = await t.create({ city: 'Naaldwijk', phone: '0174 123456' });
  const r = await t.call('klantmanager', 'PATCH', `/api/participants/${p.id}`,
    { city: 'Monster', postal_code: '2681 xy', household_size: 3, languages: ['ti'] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.city, 'Monster');
  assert.equal(r.body.postal_code, '2681 XY');
  assert.equal(r.body.phone, '0174 123456', 'fields not in the patch stay');
  assert.ok(Array.isArray(r.body.access?.categories), 'a PATCH answer carries "access"');
  const g = await t.full(p.id);
  assert.equal(g.city, 'Monster');
  assert.equal(g.postal_code, '2681 XY');
  assert.equal(g.household_size, 3);
  assert.deepEqual(g.languages, ['ti']);
  assert.equal(g.family_name, p.family_name);
  assert.equal(g.created_at, p.created_at);
  assert.ok(g.updated_at >= p.updated_at);
});

test('PATCH with null clears an optional field', async () => {
  const p = await t.create({ phone: '0174 123456', ambitions: 'koken', languages: ['ar'] });
  const r = await t.call('klantmanager', 'PATCH', `/api/participants/${p.id}`,
    { phone: null, ambitions: null, languages: null });
  assert.equal(r.status, 200, r.text);
  const g = await t.full(p.id);
  assert.equal(g.phone, null);
  assert.equal(g.ambitions, null);
  assert.ok(g.languages === null || (Array.isArray(g.languages) && g.languages.length === 0), 'languages cleared');
});

test('PATCH with null for a required field is refused and changes nothing', async () => {
  const p = await t.create();
  const before = await t.full(p.id);
  const r = await t.call('klantmanager', 'PATCH', `/api/participants/${p.id}`, { family_name: null, city: 'Monster' });
  assertProblem(r, 422, 'family_name');
  assert.deepEqual(await t.full(p.id), before);
});

test('GET and PATCH of an unknown participant answer 404', async () => {
  assertProblem(await t.call('klantmanager', 'GET', '/api/participants/987654'), 404);
  assertProblem(await t.call('klantmanager', 'PATCH', '/api/participants/987654', { city: 'X' }), 404);
});

test('an outsider gets the same 403 for an unknown id as for a participant it may not see', async () => {
  const p = await t.create();
  const known = await t.call('vrijwilliger', 'GET', `/api/participants/${p.id}`);
  const unknown = await t.call('vrijwilliger', 'GET', '/api/participants/987654');
  assertProblem(known, 403);
  assertProblem(unknown, 403);
  assert.equal(unknown.body.title, known.body.title);
  assert.equal(unknown.body.detail.replace(/\d+/g, 'N'), known.body.detail.replace(/\d+/g, 'N'));
  assertProblem(await t.call('vrijwilliger', 'PATCH', '/api/participants/987654', { city: 'X' }), 403);
});

test('list answers total, page, per_page and participant summaries', async () => {
  const r = await t.call('klantmanager', 'GET', '/api/participants');
  assert.equal(r.status, 200);
  assert.equal(r.body.page, 1);
  assert.equal(r.body.per_page, 25, 'default per_page is 25');
  assert.ok(r.body.total >= 50);
  assert.equal(r.body.items.length, 25);
  for (const it of r.body.items) {
    for (const k of Object.keys(it)) assert.ok(SUMMARY_KEYS.includes(k), `summary member ${k} is documented`);
    assert.equal(typeof it.id, 'number');
    assert.equal(typeof it.family_name, 'string');
  }
});

test('paging: pages do not overlap and add up to total', async () => {
  const p1 = await t.call('klantmanager', 'GET', '/api/participants?per_page=7&page=1');
  const p2 = await t.call('klantmanager', 'GET', '/api/participants?per_page=7&page=2');
  assert.equal(p1.status, 200);
  assert.equal(p2.body.page, 2);
  assert.equal(p2.body.per_page, 7);
  assert.equal(p1.body.items.length, 7);
  assert.equal(p1.body.total, p2.body.total);
  const ids1 = new Set(p1.body.items.map((i) => i.id));
  assert.ok(p2.body.items.every((i) => !ids1.has(i.id)), 'no overlap');
  const all = await listAll('klantmanager');
  assert.deepEqual(all.slice(0, 14).map((i) => i.id), [...p1.body.items, ...p2.body.items].map((i) => i.id));
  assert.equal(new Set(all.map((i) => i.id)).size, all.length, 'no participant twice');
  const beyond = await t.call('klantmanager', 'GET', `/api/participants?per_page=100&page=${Math.ceil(all.length / 100) + 1}`);
  assert.equal(beyond.status, 200);
  assert.deepEqual(beyond.body.items, []);
  assert.equal(beyond.body.total, all.length);
});

test('paging parameters out of range answer 422 naming the parameter', async () => {
  assertProblem(await t.call('klantmanager', 'GET', '/api/participants?per_page=101'), 422, 'per_page');
  assertProblem(await t.call('klantmanager', 'GET', '/api/participants?per_page=0'), 422, 'per_page');
  assertProblem(await t.call('klantmanager', 'GET', '/api/participants?page=0'), 422, 'page');
  assertProblem(await t.call('klantmanager', 'GET', '/api/participants?page=abc'), 422, 'page');
  assertProblem(await t.call('klantmanager', 'GET', '/api/participants?organisation=x'), 422, 'organisation');
  const ok = await t.call('klantmanager', 'GET', '/api/participants?per_page=100');
  assert.equal(ok.status, 200);
  assert.equal(ok.body.per_page, 100);
});

test('q searches names case- and accent-insensitively', async () => {
  const tag = uniqueName('Zoek').toLowerCase();
  const p = await t.create({ family_name: 'Özdemir', given_names: `Ayşe ${tag}` });
  for (const q of ['ozdemir', 'OZDEMIR', 'Özdemir', 'özdemir', 'ozdem', 'ayse', 'AYŞE']) {
    const r = await t.call('klantmanager', 'GET', `/api/participants?q=${encodeURIComponent(q)}&per_page=100`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.body.items.some((i) => i.id === p.id), `q=${q} finds Özdemir`);
    assert.ok(r.body.items.every((i) => /ozdemir|ayse/i.test(
      `${i.family_name} ${i.given_names}`.normalize('NFD').replace(/\p{Mn}/gu, ''))), `q=${q} finds only matches`);
  }
  const both = await t.call('klantmanager', 'GET', `/api/participants?q=${encodeURIComponent(tag)}`);
  assert.equal(both.body.total, 1, 'search covers given names');
  const none = await t.call('klantmanager', 'GET', '/api/participants?q=qqqxxxzzznomatch');
  assert.equal(none.status, 200);
  assert.equal(none.body.total, 0);
  assert.deepEqual(none.body.items, []);
  // LIKE wildcards in q are literal
  const pct = await t.call('klantmanager', 'GET', '/api/participants?q=%25');
  assert.equal(pct.status, 200);
  assert.equal(pct.body.total, 0, '"%" matches no name');
});

test('arrival_from / arrival_to filter on the arrival date (inclusive)', async () => {
  const tag = uniqueName('Aankomst');
  const a = await t.create({ family_name: tag, given_names: 'Een', arrival_date: '2021-01-10' });
  const b = await t.create({ family_name: tag, given_names: 'Twee', arrival_date: '2021-02-20' });
  const c = await t.create({ family_name: tag, given_names: 'Drie', arrival_date: '2021-03-30' });
  const d = await t.create({ family_name: tag, given_names: 'Vier' });
  const q = `&q=${tag}`;
  const ids = async (query) => (await listAll('klantmanager', q + query)).map((i) => i.id).sort((x, y) => x - y);
  assert.deepEqual(await ids(''), [a.id, b.id, c.id, d.id].sort((x, y) => x - y));
  assert.deepEqual(await ids('&arrival_from=2021-02-20'), [b.id, c.id]);
  assert.deepEqual(await ids('&arrival_to=2021-02-20'), [a.id, b.id]);
  assert.deepEqual(await ids('&arrival_from=2021-01-11&arrival_to=2021-03-29'), [b.id]);
  // over the whole population: every item inside the range, and all of them
  const all = await listAll('klantmanager');
  const from = '2024-01-01', to = today();
  const expected = all.filter((i) => i.arrival_date && i.arrival_date >= from && i.arrival_date <= to).length;
  const got = await listAll('klantmanager', `&arrival_from=${from}&arrival_to=${to}`);
  assert.equal(got.length, expected);
  assert.ok(got.every((i) => i.arrival_date >= from && i.arrival_date <= to));
});

test('arrival filters that are not dates answer 422 naming the parameter', async () => {
  assertProblem(await t.call('klantmanager', 'GET', '/api/participants?arrival_from=2024-13-01'), 422, 'arrival_from');
  assertProblem(await t.call('klantmanager', 'GET', '/api/participants?arrival_to=gisteren'), 422, 'arrival_to');
});

test('organisation filter lists exactly the participants linked to that organisation', async () => {
  const orgs = await t.orgs();
  const lang = orgs.language_provider.id;
  const got = await listAll('klantmanager', `&organisation=${lang}`);
  const all = await listAll('klantmanager');
  assert.ok(got.length > 0 && got.length < all.length, `some but not all are at the language provider (${got.length})`);
  const gotIds = new Set(got.map((i) => i.id));
  for (const p of all) {
    const r = await t.call('klantmanager', 'GET', `/api/participants/${p.id}/links`);
    assert.equal(r.status, 200);
    const linked = r.body.items.some((l) => l.organisation_id === lang && (!l.end_date || l.end_date >= today()));
    assert.equal(gotIds.has(p.id), linked, `participant ${p.id}: in the filtered list iff linked`);
  }
  const none = await t.call('klantmanager', 'GET', '/api/participants?organisation=999999');
  assert.equal(none.status, 200);
  assert.equal(none.body.total, 0);
});

test('the list is sorted by family name, then given names, in Dutch collation', async () => {
  const tag = uniqueName('Sort').toLowerCase();
  const names = [['Zwart', 'Bram'], ['van Dijk', 'Anna'], ['Willems', 'Cor'], ['Özdemir', 'Deniz'], ['Aziz', 'Emre'],
    ['Ėlmi', 'Farah'], ['Aziz', 'Ahmed']];
  const created = [];
  for (const [family, given] of names) created.push(await t.create({ family_name: family, given_names: `${given} ${tag}` }));
  const r = await t.call('klantmanager', 'GET', `/api/participants?q=${tag}&per_page=100`);
  assert.equal(r.status, 200);
  const order = r.body.items.map((i) => `${i.family_name}, ${i.given_names.split(' ')[0]}`);
  assert.deepEqual(order,
    ['Aziz, Ahmed', 'Aziz, Emre', 'Ėlmi, Farah', 'Özdemir, Deniz', 'van Dijk, Anna', 'Willems, Cor', 'Zwart, Bram'],
    'accents sort with their base letter and lower-case prefixes with their letter (not byte order)');

  const coll = new Intl.Collator('nl');
  const all = await listAll('klantmanager');
  for (let i = 1; i < all.length; i++) {
    const c = coll.compare(all[i - 1].family_name, all[i].family_name);
    assert.ok(c <= 0, `${all[i - 1].family_name} before ${all[i].family_name}`);
    if (c === 0) assert.ok(coll.compare(all[i - 1].given_names, all[i].given_names) <= 0,
      `${all[i - 1].given_names} before ${all[i].given_names} within ${all[i].family_name}`);
  }
});

test('GET /api/organisations lists organisations for every signed-in user', async () => {
  for (const user of ['klantmanager', 'vrijwilliger']) {
    const r = await t.call(user, 'GET', '/api/organisations');
    assert.equal(r.status, 200);
    assert.ok(r.body.items.length >= 9);
    for (const o of r.body.items) {
      assert.equal(typeof o.id, 'number');
      assert.equal(typeof o.name, 'string');
      assert.equal(typeof o.type, 'string');
    }
  }
});
