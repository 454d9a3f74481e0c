// access.test.mjs - who sees and changes what (DESIGN.md §2, the default
// access table): fields of unreadable categories are left out, "access"
// names the readable and writable categories, refusals are 403 and change
// nothing. Fixtures are made through the API as the case manager.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, uniqueName, today, ALL_CATEGORIES } from './helpers.mjs';

let t;
let ids = {}; // user ids
let orgIds = {}; // organisation ids of the users
let pKm; // registered by the case manager, every category filled, linked to nobody else
let pJc; // registered by jobcoach (own caseload), with health limits

// Field -> category, from docs/api.md.
const FIELD_CATEGORY = {
  external_id: 'identity', family_name: 'identity', given_names: 'identity', birth_date: 'identity', sex: 'identity',
  country_of_origin: 'identity', languages: 'identity', household_size: 'identity', children: 'identity',
  arrival_date: 'identity', permit_date: 'identity',
  street: 'contact', postal_code: 'contact', city: 'contact', phone: 'contact', email: 'contact',
  bsn: 'bsn',
  education_years: 'education_work', isced_level: 'education_work', diplomas: 'education_work',
  work_history: 'education_work', ambitions: 'education_work',
  integration_duty: 'civic_integration', integration_provider: 'civic_integration',
  integration_deadline: 'civic_integration', cefr_listening: 'civic_integration', cefr_reading: 'civic_integration',
  cefr_speaking: 'civic_integration', cefr_writing: 'civic_integration', exam_status: 'civic_integration',
  benefit: 'income', benefit_since: 'income',
  health_limits: 'health',
  target_group: 'path', work_hours_per_day: 'path', work_days_per_week: 'path',
};

const FULL = {
  sex: 'female', country_of_origin: 'ER', languages: ['ti', 'en'], household_size: 3, children: 1,
  arrival_date: '2024-05-01', permit_date: '2024-01-10',
  street: 'Kerkstraat 5', postal_code: '2671 AB', city: 'Naaldwijk', phone: '0612345678', email: 'a@example.org',
  bsn: '111222333',
  education_years: 10, isced_level: 3, ambitions: 'zorg', work_history: [{ occupation: 'naaister', years: 4 }],
  integration_duty: 'duty', cefr_reading: 'A2', exam_status: 'not_started',
  benefit: 'participatiewet', benefit_since: '2024-06-01',
  health_limits: 'rugklachten',
  target_group: 'newcomer', work_hours_per_day: 4, work_days_per_week: 3,
};

// Assert that `p` holds exactly the fields of `cats` (plus id and
// timestamps) and that access.categories lists exactly `cats`.
function assertCategories(p, cats, who) {
  assert.deepEqual([...p.access.categories].sort(), [...cats].sort(), `${who}: access.categories`);
  for (const [field, cat] of Object.entries(FIELD_CATEGORY)) {
    if (cats.includes(cat)) assert.ok(field in p, `${who}: sees ${field} (${cat})`);
    else assert.ok(!(field in p), `${who}: must not see ${field} (${cat}), got ${JSON.stringify(p[field])}`);
  }
  assert.equal(typeof p.id, 'number');
}

async function link(pid, body) {
  const r = await t.call('klantmanager', 'POST', `/api/participants/${pid}/links`, body);
  assert.equal(r.status, 201, `link: ${r.text}`);
  return r.body;
}

async function consent(pid, organisation_id, categories) {
  for (const category of categories) {
    const r = await t.call('klantmanager', 'POST', `/api/participants/${pid}/consents`,
      { organisation_id, category, given_on: today() });
    assert.equal(r.status, 201, `consent ${category}: ${r.text}`);
  }
}

async function listIds(user, query = '') {
  const out = [];
  for (let page = 1; page < 50; page++) {
    const r = await t.call(user, 'GET', `/api/participants?per_page=100&page=${page}${query}`);
    assert.equal(r.status, 200, r.text);
    out.push(...r.body.items);
    if (r.body.items.length < 100) break;
  }
  return out;
}

before(async () => {
  t = await setup({ participants: 40 });
  for (const u of ['vrijwilliger', 'jobcoach', 'afdelingsassistent', 'jongerenconsulent', 'werkgever', 'taalaanbieder']) {
    const me = await t.me(u);
    ids[u] = me.id;
    orgIds[u] = me.organisation_id;
  }
  pKm = await t.create({ family_name: uniqueName('Km'), ...FULL });
  pJc = await t.create({ family_name: uniqueName('Jc'), ...FULL }, 'jobcoach');
});
after(async () => { await t?.stop(); });

test('klantmanager reads and may write every category', async () => {
  const r = await t.call('klantmanager', 'GET', `/api/participants/${pKm.id}`);
  assert.equal(r.status, 200);
  assertCategories(r.body, ALL_CATEGORIES, 'klantmanager');
  assert.deepEqual([...r.body.access.writable].sort(), [...ALL_CATEGORIES].sort());
});

test('regisseur never sees bsn or health: fields absent, categories exclude them, writes refused', async () => {
  const r = await t.call('regisseur', 'GET', `/api/participants/${pKm.id}`);
  assert.equal(r.status, 200, r.text);
  assertCategories(r.body, ALL_CATEGORIES.filter((c) => c !== 'bsn' && c !== 'health'), 'regisseur');
  assert.ok(!JSON.stringify(r.body).includes('111222333'), 'the BSN appears nowhere in the answer');
  assert.ok(!JSON.stringify(r.body).includes('rugklachten'), 'health text appears nowhere in the answer');
  assert.deepEqual(r.body.access.writable, []);
  const before = await t.full(pKm.id);
  assertProblem(await t.call('regisseur', 'PATCH', `/api/participants/${pKm.id}`, { city: 'Monster' }), 403, 'city');
  assert.deepEqual(await t.full(pKm.id), before);
  // and the list shows the participant without any restricted data
  const list = await t.call('regisseur', 'GET', `/api/participants?q=${pKm.family_name}`);
  assert.equal(list.body.total, 1);
  assert.ok(!('bsn' in list.body.items[0]) && !('health_limits' in list.body.items[0]));
});

test('accountmanager may not PATCH: 403 naming the field, nothing changed', async () => {
  const before = await t.full(pKm.id);
  let r = await t.call('accountmanager', 'PATCH', `/api/participants/${pKm.id}`, { family_name: 'Anders' });
  assertProblem(r, 403, 'family_name');
  r = await t.call('accountmanager', 'PATCH', `/api/participants/${pKm.id}`, { ambitions: 'iets anders', city: 'Monster' });
  const p = assertProblem(r, 403, 'ambitions');
  assert.ok(p.errors.some((e) => e.field === 'city'));
  assert.deepEqual(await t.full(pKm.id), before);
  const g = await t.call('accountmanager', 'GET', `/api/participants/${pKm.id}`);
  assert.equal(g.status, 200);
  assertCategories(g.body, ['identity', 'education_work', 'civic_integration', 'path', 'assessments'], 'accountmanager');
});

test('projectleider: no contact, bsn, income or health; a PATCH touching bsn changes nothing at all', async () => {
  const g = await t.call('projectleider', 'GET', `/api/participants/${pKm.id}`);
  assert.equal(g.status, 200);
  assertCategories(g.body,
    ['identity', 'education_work', 'civic_integration', 'path', 'assessments', 'notes'], 'projectleider');
  const before = await t.full(pKm.id);
  const r = await t.call('projectleider', 'PATCH', `/api/participants/${pKm.id}`, { ambitions: 'nieuw', bsn: '111222333' });
  assertProblem(r, 403, 'bsn');
  assert.deepEqual(await t.full(pKm.id), before, 'the allowed field in the same request was not stored');
  const ok = await t.call('projectleider', 'PATCH', `/api/participants/${pKm.id}`, { ambitions: 'koken' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal((await t.full(pKm.id)).ambitions, 'koken');
});

test('beheerder has no access to participants: list and read are 403', async () => {
  assertProblem(await t.call('beheerder', 'GET', '/api/participants'), 403);
  assertProblem(await t.call('beheerder', 'GET', `/api/participants/${pKm.id}`), 403);
  const before = await t.total();
  assertProblem(await t.call('beheerder', 'POST', '/api/participants',
    { family_name: uniqueName('Adm'), given_names: 'X', birth_date: '1990-01-01' }), 403);
  assert.equal(await t.total(), before);
});

test('job coach sees health only for the own caseload; other job coach sees identity only', async () => {
  const own = await t.call('jobcoach', 'GET', `/api/participants/${pJc.id}`);
  assert.equal(own.status, 200);
  assertCategories(own.body, ALL_CATEGORIES, 'jobcoach (own)');
  assert.equal(own.body.health_limits, 'rugklachten');

  const colleague = await t.call('jobcoach2', 'GET', `/api/participants/${pJc.id}`);
  assert.equal(colleague.status, 200, colleague.text);
  assertCategories(colleague.body, ['identity'], 'jobcoach2 (same company, not own)');

  const before = await t.full(pJc.id);
  assertProblem(await t.call('jobcoach2', 'PATCH', `/api/participants/${pJc.id}`, { health_limits: 'niets' }), 403,
    'health_limits');
  assert.deepEqual(await t.full(pJc.id), before);
});

test('job coach has no access to a participant outside the social work company', async () => {
  assertProblem(await t.call('jobcoach', 'GET', `/api/participants/${pKm.id}`), 403);
  const list = await listIds('jobcoach', `&q=${pKm.family_name}`);
  assert.equal(list.length, 0, 'not in the job coach list');
  const before = await t.full(pKm.id);
  assertProblem(await t.call('jobcoach', 'PATCH', `/api/participants/${pKm.id}`, { city: 'Monster' }), 403);
  assert.deepEqual(await t.full(pKm.id), before);
});

test('job coach list: identity of the whole company, health never in summaries', async () => {
  const items = await listIds('jobcoach');
  assert.ok(items.some((i) => i.id === pJc.id));
  for (const i of items) assert.ok(!('health_limits' in i) && !('bsn' in i));
});

test('werkgever: a participant not placed with them is 403 and not listed', async () => {
  assertProblem(await t.call('werkgever', 'GET', `/api/participants/${pKm.id}`), 403);
  const items = await listIds('werkgever');
  assert.ok(!items.some((i) => i.id === pKm.id));
});

test('werkgever: a placed participant with consent shows identity, contact, education/work, path; never health or income', async () => {
  const p = await t.create({ family_name: uniqueName('Plaats'), ...FULL });
  await link(p.id, { kind: 'placement', organisation_id: orgIds.werkgever });
  // even a recorded consent for health and income does not open them for an employer
  await consent(p.id, orgIds.werkgever, ['identity', 'contact', 'education_work', 'health', 'income', 'bsn']);
  const r = await t.call('werkgever', 'GET', `/api/participants/${p.id}`);
  assert.equal(r.status, 200, r.text);
  assertCategories(r.body, ['identity', 'contact', 'education_work', 'path', 'assessments'], 'werkgever');
  assert.ok(!JSON.stringify(r.body).includes('rugklachten'));
  const items = await listIds('werkgever');
  assert.ok(items.some((i) => i.id === p.id), 'placed participant in the employer list');
  // the employer may not change identity
  const before = await t.full(p.id);
  assertProblem(await t.call('werkgever', 'PATCH', `/api/participants/${p.id}`, { family_name: 'X' }), 403, 'family_name');
  assert.deepEqual(await t.full(p.id), before);
});

test('werkgever list holds only participants placed with the employer', async () => {
  const items = await listIds('werkgever');
  for (const i of items) {
    const l = await t.call('klantmanager', 'GET', `/api/participants/${i.id}/links`);
    assert.ok(l.body.items.some((x) => x.kind === 'placement' && x.organisation_id === orgIds.werkgever && !x.end_date),
      `participant ${i.id} in the employer list is placed there`);
  }
});

test('volunteer sees only the consented categories of own participants', async () => {
  const p = await t.create({ family_name: uniqueName('Vrij'), ...FULL });
  await link(p.id, { kind: 'volunteer', user_id: ids.vrijwilliger });
  await consent(p.id, orgIds.vrijwilliger, ['identity', 'contact', 'health', 'bsn', 'income']);
  const r = await t.call('vrijwilliger', 'GET', `/api/participants/${p.id}`);
  assert.equal(r.status, 200, r.text);
  assertCategories(r.body, ['identity', 'contact'], 'vrijwilliger');
  assert.deepEqual(r.body.access.writable.filter((c) => c !== 'notes'), [], 'a volunteer writes notes at most');

  // listed, but without target_group (path not consented)
  const items = await listIds('vrijwilliger');
  const row = items.find((i) => i.id === p.id);
  assert.ok(row, 'in the volunteer list');
  assert.ok(!('target_group' in row), 'target_group left out of the summary without path consent');

  const before = await t.full(p.id);
  assertProblem(await t.call('vrijwilliger', 'PATCH', `/api/participants/${p.id}`, { city: 'Monster' }), 403, 'city');
  assert.deepEqual(await t.full(p.id), before);
});

test('volunteer: linked without consent, or consent without link, gives no access', async () => {
  const linkedOnly = await t.create({ family_name: uniqueName('Zonder'), ...FULL });
  await link(linkedOnly.id, { kind: 'volunteer', user_id: ids.vrijwilliger });
  assertProblem(await t.call('vrijwilliger', 'GET', `/api/participants/${linkedOnly.id}`), 403);

  const consentOnly = await t.create({ family_name: uniqueName('Los'), ...FULL });
  await consent(consentOnly.id, orgIds.vrijwilliger, ['identity', 'contact']);
  assertProblem(await t.call('vrijwilliger', 'GET', `/api/participants/${consentOnly.id}`), 403);

  const items = await listIds('vrijwilliger');
  assert.ok(!items.some((i) => i.id === linkedOnly.id || i.id === consentOnly.id));
});

test('volunteer list holds only linked participants with an identity consent', async () => {
  const items = await listIds('vrijwilliger');
  assert.ok(items.length > 0);
  for (const i of items) {
    const l = await t.call('klantmanager', 'GET', `/api/participants/${i.id}/links`);
    assert.ok(l.body.items.some((x) => x.user_id === ids.vrijwilliger && (!x.end_date || x.end_date >= today())),
      `participant ${i.id} linked to the volunteer`);
    const c = await t.call('klantmanager', 'GET', `/api/participants/${i.id}/consents`);
    assert.ok(c.body.items.some((x) => x.organisation_id === orgIds.vrijwilliger && x.category === 'identity' && x.active),
      `participant ${i.id} consented identity to the refugee-support organisation`);
  }
});

test('language provider sees identity and civic integration of course participants with consent, nothing else', async () => {
  const p = await t.create({ family_name: uniqueName('Taal'), ...FULL });
  assertProblem(await t.call('taalaanbieder', 'GET', `/api/participants/${p.id}`), 403);
  await link(p.id, { kind: 'language_course', organisation_id: orgIds.taalaanbieder });
  await consent(p.id, orgIds.taalaanbieder, ['identity', 'civic_integration', 'contact', 'education_work']);
  const r = await t.call('taalaanbieder', 'GET', `/api/participants/${p.id}`);
  assert.equal(r.status, 200, r.text);
  assertCategories(r.body, ['identity', 'civic_integration'], 'taalaanbieder');
});

test('afdelingsassistent sees identity, path and assessments of own people only', async () => {
  assertProblem(await t.call('afdelingsassistent', 'GET', `/api/participants/${pJc.id}`), 403);
  await link(pJc.id, { kind: 'department_assistant', user_id: ids.afdelingsassistent });
  const r = await t.call('afdelingsassistent', 'GET', `/api/participants/${pJc.id}`);
  assert.equal(r.status, 200, r.text);
  assertCategories(r.body, ['identity', 'path', 'assessments'], 'afdelingsassistent');
});

test('jongerenconsulent sees everything of own people and nothing of others', async () => {
  const p = await t.create({ family_name: uniqueName('Jong'), ...FULL, birth_date: '2006-03-03' });
  assertProblem(await t.call('jongerenconsulent', 'GET', `/api/participants/${p.id}`), 403);
  await link(p.id, { kind: 'youth_consultant', user_id: ids.jongerenconsulent });
  const r = await t.call('jongerenconsulent', 'GET', `/api/participants/${p.id}`);
  assert.equal(r.status, 200, r.text);
  assertCategories(r.body, ALL_CATEGORIES, 'jongerenconsulent (own)');
});

test('403 answers are problem+json and do not reveal the participant', async () => {
  const r = await t.call('werkgever', 'GET', `/api/participants/${pKm.id}`);
  assertProblem(r, 403);
  assert.ok(!r.text.includes(pKm.family_name), 'no personal data in the refusal');
});

test('registering a participant may not fill categories the registering role may not write', async () => {
  // projectleider: write — for contact, bsn, income and health (DESIGN.md §2)
  const before = await t.total();
  const fam = uniqueName('Projreg');
  const r = await t.call('projectleider', 'POST', '/api/participants',
    { family_name: fam, given_names: 'X', birth_date: '1990-01-01', bsn: '111222333', health_limits: 'astma' });
  const p = assertProblem(r, 403, 'bsn');
  assert.ok(p.errors.some((e) => e.field === 'health_limits'), JSON.stringify(p.errors));
  assert.equal(await t.total(), before);
  assert.equal(await t.total(`&q=${fam}`), 0);
  // without those fields the registration is fine
  const ok = await t.call('projectleider', 'POST', '/api/participants',
    { family_name: fam, given_names: 'X', birth_date: '1990-01-01', ambitions: 'lassen' });
  assert.equal(ok.status, 201, ok.text);
});
