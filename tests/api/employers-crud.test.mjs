// employers-crud.test.mjs - the employer network (issue 4 item 1;
// docs/api.md "Employers"): GET/POST /api/employers, GET/PATCH
// /api/employers/{id}, POST …/contacts and …/notes. Employers are made
// here through the API, never taken from the demo data. Every refused
// request answers problem+json (naming the field for 400/409/422) and
// leaves the employer, its contacts and its history as they were.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, reasonOf, uniqueName, today, addDays, TIMESTAMP, DEMO_PASSWORD } from './helpers.mjs';

let t;
let am; // accountmanager
let orgs;

const d = (n) => addDays(today(), n);

const EMPLOYER_MEMBERS = ['id', 'name', 'sector', 'sector_label', 'street', 'postal_code', 'city', 'latitude',
  'longitude', 'size_class', 'size_class_label', 'network_member', 'account_manager_id', 'account_manager_name',
  'notes', 'placement_count', 'capacity', 'occupancy', 'created_at', 'updated_at'];
const SECTORS = ['greenhouse_horticulture', 'logistics', 'food_processing', 'retail', 'care', 'construction',
  'hospitality', 'technical', 'public', 'other'];

before(async () => {
  t = await setup({ participants: 10 });
  am = await t.me('accountmanager');
  orgs = await t.orgs();
});
after(async () => { await t?.stop(); });

async function create(fields = {}, user = 'accountmanager') {
  const body = { name: `Kwekerij ${uniqueName('E')}`, sector: 'greenhouse_horticulture', ...fields };
  const r = await t.call(user, 'POST', '/api/employers', body);
  assert.equal(r.status, 201, `POST /api/employers ${JSON.stringify(body)}: ${r.status} ${r.text}`);
  return r.body;
}

async function get(id, user = 'accountmanager') {
  const r = await t.call(user, 'GET', `/api/employers/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

async function list(query = '', user = 'accountmanager') {
  const r = await t.call(user, 'GET', `/api/employers${query}`);
  assert.equal(r.status, 200, r.text);
  assert.ok(Array.isArray(r.body.items), r.text);
  return r.body.items;
}

async function organisationNames() {
  const r = await t.call('klantmanager', 'GET', '/api/organisations');
  assert.equal(r.status, 200, r.text);
  return r.body.items.map((o) => o.name).sort();
}

// A refused change to employer `id`: status, problem naming field, the
// employer (details, contacts, history) exactly as before.
async function refused(id, user, method, path, body, status, field) {
  const snapshot = await get(id);
  const r = await t.call(user, method, path, body);
  const problem = assertProblem(r, status, field);
  assert.deepEqual(await get(id), snapshot, `${method} ${path} ${JSON.stringify(body)} as ${user} changed nothing`);
  return problem;
}

// A refused POST /api/employers: no employer and no organisation added.
async function refusedCreate(body, status, field, user = 'accountmanager') {
  const before = { e: await list(), o: await organisationNames() };
  const r = await t.call(user, 'POST', '/api/employers', body);
  const problem = assertProblem(r, status, field);
  assert.deepEqual({ e: await list(), o: await organisationNames() }, before,
    `POST /api/employers ${typeof body === 'string' ? body : JSON.stringify(body)} as ${user} added nothing`);
  return problem;
}

test('POST /api/employers: 201 with every documented member, contacts and a "created" history entry', async () => {
  const name = `Glastuinbouw ${uniqueName('Vallei')}`;
  const e = await create({
    name, sector: 'greenhouse_horticulture', street: 'Kasweg 12', postal_code: '2671 AB', city: 'Naaldwijk',
    latitude: 51.99, longitude: 4.21, size_class: 'medium', network_member: true, account_manager_id: am.id,
    notes: 'grote teler, zoekt oogstmedewerkers',
    contacts: [{ name: 'Petra de Vries', job_title: 'HR-adviseur', phone: '0174-123456', email: 'petra@example.nl' },
      { name: 'Ali Bakker' }],
  });
  for (const k of EMPLOYER_MEMBERS) assert.ok(k in e, `employer member ${k}`);
  assert.equal(typeof e.id, 'number');
  assert.equal(e.name, name);
  assert.equal(e.sector, 'greenhouse_horticulture');
  assert.equal(e.sector_label, 'glastuinbouw');
  assert.equal(e.street, 'Kasweg 12');
  assert.equal(e.postal_code, '2671 AB');
  assert.equal(e.city, 'Naaldwijk');
  assert.equal(e.latitude, 51.99);
  assert.equal(e.longitude, 4.21);
  assert.equal(e.size_class, 'medium');
  assert.equal(typeof e.size_class_label, 'string');
  assert.equal(e.network_member, true);
  assert.equal(e.account_manager_id, am.id);
  assert.equal(e.account_manager_name, am.display_name);
  assert.equal(e.notes, 'grote teler, zoekt oogstmedewerkers');
  assert.equal(e.placement_count, 0);
  assert.equal(e.capacity, 0);
  assert.equal(e.occupancy, 0);
  assert.match(e.created_at, TIMESTAMP);
  assert.match(e.updated_at, TIMESTAMP);
  assert.deepEqual(e.contacts.map((c) => c.name).sort(), ['Ali Bakker', 'Petra de Vries']);
  const petra = e.contacts.find((c) => c.name === 'Petra de Vries');
  assert.equal(petra.job_title, 'HR-adviseur');
  assert.equal(petra.phone, '0174-123456');
  assert.equal(petra.email, 'petra@example.nl');
  assert.equal(e.history.length, 1);
  assert.equal(e.history[0].kind, 'created');
  assert.equal(e.history[0].occurred_on, today());
  assert.equal(e.history[0].author_name, am.display_name);
  assert.deepEqual(e.placements, []);
  assert.deepEqual(e.visits, []);
  assert.deepEqual(e.trainings, []);
  // the employer is an organisation of type employer, listed for everyone
  const o = await t.call('klantmanager', 'GET', '/api/organisations');
  const org = o.body.items.find((x) => x.id === e.id);
  assert.ok(org, 'the employer is an organisation');
  assert.equal(org.type, 'employer');
  assert.equal(org.name, name);
  // GET gives the same as the POST answered
  assert.deepEqual(await get(e.id), e);
});

test('POST /api/employers with only name and sector: defaults (not a network member, no contacts)', async () => {
  const e = await create({ sector: 'logistics' });
  assert.equal(e.sector, 'logistics');
  assert.equal(e.sector_label, 'logistiek');
  assert.equal(e.network_member, false);
  assert.equal(e.account_manager_id, null);
  assert.equal(e.size_class, null);
  assert.equal(e.size_class_label, null);
  assert.deepEqual(e.contacts, []);
});

test('GET /api/codes lists the sectors of issue 4 with labels', async () => {
  const r = await t.call('accountmanager', 'GET', '/api/codes');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.sector.map((s) => s.code).sort(), [...SECTORS].sort());
  for (const s of r.body.sector) assert.equal(typeof s.label, 'string');
  assert.deepEqual(r.body.size_class.map((s) => s.code).sort(), ['large', 'medium', 'micro', 'small']);
});

test('POST /api/employers refused: name, sector, coordinates, size, account manager, contacts, unknown members, malformed JSON', async () => {
  const ok = { name: `Logistiek ${uniqueName('Bad')}`, sector: 'logistics' };
  await refusedCreate({ ...ok, name: undefined }, 422, 'name');
  await refusedCreate({ ...ok, name: 'X' }, 422, 'name');
  await refusedCreate({ ...ok, name: 'x'.repeat(121) }, 422, 'name');
  await refusedCreate({ ...ok, name: 42 }, 422, 'name');
  await refusedCreate({ ...ok, sector: undefined }, 422, 'sector');
  await refusedCreate({ ...ok, sector: 'mining' }, 422, 'sector');
  await refusedCreate({ ...ok, latitude: 91 }, 422, 'latitude');
  await refusedCreate({ ...ok, longitude: -181 }, 422, 'longitude');
  await refusedCreate({ ...ok, latitude: 'noord' }, 422, 'latitude');
  await refusedCreate({ ...ok, size_class: 'huge' }, 422, 'size_class');
  await refusedCreate({ ...ok, network_member: 'yes' }, 422, 'network_member');
  await refusedCreate({ ...ok, postal_code: '12' }, 422, 'postal_code');
  // the account manager must be an active user with that role
  const jc = await t.me('jobcoach');
  const p = await refusedCreate({ ...ok, account_manager_id: jc.id }, 422, 'account_manager_id');
  assert.ok(reasonOf(p, 'account_manager_id').length > 0);
  await refusedCreate({ ...ok, account_manager_id: 999999 }, 422, 'account_manager_id');
  // contacts
  await refusedCreate({ ...ok, contacts: { name: 'Jan' } }, 422, 'contacts');
  await refusedCreate({ ...ok, contacts: ['Jan'] }, 422, 'contacts');
  await refusedCreate({ ...ok, contacts: [{ job_title: 'HR' }] }, 422, 'name');
  await refusedCreate({ ...ok, contacts: [{ name: 'Jan', email: 'jan.example.nl' }] }, 422, 'email');
  await refusedCreate({ ...ok, contacts: [{ name: 'Jan', hobby: 'vissen' }] }, 422, 'hobby');
  // a good contact does not save an employer with a bad one
  await refusedCreate({ ...ok, contacts: [{ name: 'Goed' }, { name: '' }] }, 422, 'name');
  // unknown members, and members the server sets itself
  const u = await refusedCreate({ ...ok, colour: 'groen' }, 422, 'colour');
  assert.equal(reasonOf(u, 'colour'), 'unknown field');
  await refusedCreate({ ...ok, occupancy: 3 }, 422, 'occupancy');
  await refusedCreate({ ...ok, id: 5 }, 422, 'id');
  // malformed JSON and a body that is not an object
  await refusedCreate('{"name": "Kapot", ', 400, 'body');
  await refusedCreate('["Kapot"]', 400, 'body');
  await refusedCreate('', 400, 'body');
});

test('POST /api/employers: a name that exists already is 409 naming "name", and adds nothing', async () => {
  const e = await create();
  const p = await refusedCreate({ name: e.name, sector: 'retail' }, 409, 'name');
  assert.match(reasonOf(p, 'name'), /already exists|bestaat/);
  // also the name of an organisation that is not an employer
  await refusedCreate({ name: orgs.municipality.name, sector: 'public' }, 409, 'name');
  assert.equal((await get(e.id)).sector, 'greenhouse_horticulture', 'the existing employer is untouched');
});

test('who may add employers: account manager and project leader; others 403 and nothing is added', async () => {
  const e = await create({}, 'projectleider');
  assert.equal(e.history[0].kind, 'created');
  for (const user of ['jobcoach', 'jobcoach2', 'klantmanager', 'regisseur', 'afdelingsassistent', 'vrijwilliger',
    'welzijn', 'taalaanbieder', 'werkgever', 'beheerder', 'jongerenconsulent']) {
    await refusedCreate({ name: `Verboden ${uniqueName('R')}`, sector: 'retail' }, 403, undefined, user);
  }
  await refusedCreate({ name: `Anoniem ${uniqueName('R')}`, sector: 'retail' }, 401, undefined, null);
});

test('GET /api/employers: sorted by name, filters sector, network_member, account_manager and q', async () => {
  const tag = uniqueName('Filter');
  const a = await create({ name: `Aardbei ${tag}`, sector: 'food_processing', network_member: true, account_manager_id: am.id });
  const b = await create({ name: `Bloem ${tag}`, sector: 'greenhouse_horticulture', network_member: false });
  const c = await create({ name: `Chauffeur ${tag}`, sector: 'logistics', network_member: true });
  const all = await list();
  for (const e of [a, b, c]) assert.ok(all.some((x) => x.id === e.id), `employer ${e.name} listed`);
  for (const x of all) for (const k of EMPLOYER_MEMBERS) assert.ok(k in x, `list member ${k}`);
  const mine = all.filter((x) => x.name.endsWith(tag)).map((x) => x.id);
  assert.deepEqual(mine, [a.id, b.id, c.id], 'by name');

  const q = await list(`?q=${tag}`);
  assert.deepEqual(q.map((x) => x.id), [a.id, b.id, c.id], 'q finds by part of the name');
  const food = await list(`?sector=food_processing&q=${tag}`);
  assert.deepEqual(food.map((x) => x.id), [a.id]);
  for (const x of await list('?sector=logistics')) assert.equal(x.sector, 'logistics');
  const net = await list(`?network_member=true&q=${tag}`);
  assert.deepEqual(net.map((x) => x.id), [a.id, c.id]);
  const notNet = await list(`?network_member=false&q=${tag}`);
  assert.deepEqual(notNet.map((x) => x.id), [b.id]);
  const byAm = await list(`?account_manager=${am.id}&q=${tag}`);
  assert.deepEqual(byAm.map((x) => x.id), [a.id]);
  for (const x of await list(`?account_manager=${am.id}`)) assert.equal(x.account_manager_id, am.id);
  assert.deepEqual(await list(`?q=${uniqueName('Niemand')}`), []);
  // bad filters
  assertProblem(await t.call('accountmanager', 'GET', '/api/employers?sector=mining'), 422, 'sector');
  assertProblem(await t.call('accountmanager', 'GET', '/api/employers?network_member=ja'), 422, 'network_member');
});

test('reading employers: every role of the municipality and the social work company; partners and the admin 403', async () => {
  const e = await create();
  for (const user of ['regisseur', 'klantmanager', 'jongerenconsulent', 'projectleider', 'jobcoach', 'jobcoach2',
    'accountmanager', 'afdelingsassistent']) {
    const l = await t.call(user, 'GET', '/api/employers');
    assert.equal(l.status, 200, `${user}: ${l.text}`);
    assert.ok(l.body.items.some((x) => x.id === e.id), `${user} sees the employer listed`);
    const g = await t.call(user, 'GET', `/api/employers/${e.id}`);
    assert.equal(g.status, 200, `${user}: ${g.text}`);
    assert.equal(g.body.id, e.id);
  }
  for (const user of ['vrijwilliger', 'welzijn', 'taalaanbieder', 'beheerder']) {
    assertProblem(await t.call(user, 'GET', '/api/employers'), 403);
    assertProblem(await t.call(user, 'GET', `/api/employers/${e.id}`), 403);
  }
  assertProblem(await t.call(null, 'GET', '/api/employers'), 401);
  assertProblem(await t.call(null, 'GET', `/api/employers/${e.id}`), 401);
});

test('GET /api/employers/{id}: unknown id and an organisation that is not an employer are 404', async () => {
  assertProblem(await t.call('accountmanager', 'GET', '/api/employers/999999'), 404);
  assertProblem(await t.call('accountmanager', 'GET', `/api/employers/${orgs.municipality.id}`), 404);
  assertProblem(await t.call('accountmanager', 'GET', `/api/employers/${orgs.social_work_company.id}`), 404);
  assertProblem(await t.call('accountmanager', 'GET', '/api/employers/abc'), 404);
});

test('PATCH /api/employers/{id}: 200 with the changes, other details kept, an "updated" history entry', async () => {
  const e = await create({ city: 'Naaldwijk', notes: 'eerste notitie', size_class: 'small' });
  const r = await t.call('accountmanager', 'PATCH', `/api/employers/${e.id}`,
    { sector: 'food_processing', network_member: true, account_manager_id: am.id, street: 'Havenstraat 1',
      latitude: 52.0, longitude: 4.3 });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.sector, 'food_processing');
  assert.equal(r.body.sector_label, 'voedingsmiddelenindustrie');
  assert.equal(r.body.network_member, true);
  assert.equal(r.body.account_manager_id, am.id);
  assert.equal(r.body.account_manager_name, am.display_name);
  assert.equal(r.body.street, 'Havenstraat 1');
  assert.equal(r.body.city, 'Naaldwijk', 'untouched members are kept');
  assert.equal(r.body.notes, 'eerste notitie');
  assert.equal(r.body.size_class, 'small');
  assert.equal(r.body.name, e.name);
  assert.deepEqual(r.body.history.map((h) => h.kind), ['updated', 'created'], 'newest first');
  assert.equal(r.body.history[0].author_name, am.display_name);
  assert.deepEqual(await get(e.id), r.body);
  // null clears an optional detail
  const r2 = await t.call('projectleider', 'PATCH', `/api/employers/${e.id}`, { city: null, network_member: false });
  assert.equal(r2.status, 200, r2.text);
  assert.equal(r2.body.city, null);
  assert.equal(r2.body.network_member, false);
});

test('PATCH /api/employers/{id} refused: bad details, required sector, name and unknown members, malformed JSON', async () => {
  const e = await create({ city: 'Monster' });
  const patch = (body, status, field, user = 'accountmanager') =>
    refused(e.id, user, 'PATCH', `/api/employers/${e.id}`, body, status, field);
  await patch({ sector: 'mining' }, 422, 'sector');
  await patch({ sector: null }, 422, 'sector');
  await patch({ latitude: 100 }, 422, 'latitude');
  await patch({ size_class: 'reus' }, 422, 'size_class');
  await patch({ account_manager_id: (await t.me('jobcoach')).id }, 422, 'account_manager_id');
  const u = await patch({ name: 'Nieuwe naam BV' }, 422, 'name');
  assert.equal(reasonOf(u, 'name'), 'unknown field');
  await patch({ contacts: [] }, 422, 'contacts');
  await patch({ colour: 'blauw' }, 422, 'colour');
  // one bad member refuses the good ones with it
  await patch({ city: 'Wateringen', latitude: 'x' }, 422, 'latitude');
  await patch('{"city": ', 400, 'body');
  await patch('"Wateringen"', 400, 'body');
});

test('PATCH /api/employers/{id}: unknown employer 404; roles that may not manage employers 403', async () => {
  assertProblem(await t.call('accountmanager', 'PATCH', '/api/employers/999999', { city: 'Delft' }), 404);
  assertProblem(await t.call('accountmanager', 'PATCH', `/api/employers/${orgs.municipality.id}`, { city: 'Delft' }), 404);
  const e = await create({ city: 'Honselersdijk' });
  for (const user of ['jobcoach', 'klantmanager', 'regisseur', 'afdelingsassistent', 'vrijwilliger', 'werkgever',
    'beheerder']) {
    await refused(e.id, user, 'PATCH', `/api/employers/${e.id}`, { city: 'Delft' }, 403);
  }
  await refused(e.id, null, 'PATCH', `/api/employers/${e.id}`, { city: 'Delft' }, 401);
});

test('POST /api/employers/{id}/contacts: 201 employer with the contact and a history entry', async () => {
  const e = await create();
  const r = await t.call('accountmanager', 'POST', `/api/employers/${e.id}/contacts`,
    { name: 'Sanne Jansen', job_title: 'teamleider', phone: '06-12345678', email: 'sanne@example.nl' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.id, e.id);
  const c = r.body.contacts.find((x) => x.name === 'Sanne Jansen');
  assert.ok(c, 'the contact is listed');
  assert.equal(c.job_title, 'teamleider');
  assert.equal(c.phone, '06-12345678');
  assert.equal(c.email, 'sanne@example.nl');
  assert.equal(typeof c.id, 'number');
  assert.equal(r.body.history[0].kind, 'contact');
  assert.match(r.body.history[0].text, /Sanne Jansen/);
  assert.deepEqual(await get(e.id), r.body);
});

test('POST /api/employers/{id}/contacts refused: missing or bad members, unknown employer, wrong roles', async () => {
  const e = await create();
  const add = (body, status, field, user = 'accountmanager') =>
    refused(e.id, user, 'POST', `/api/employers/${e.id}/contacts`, body, status, field);
  await add({ job_title: 'HR' }, 422, 'name');
  await add({ name: '' }, 422, 'name');
  await add({ name: 'Jan', email: 'geen-adres' }, 422, 'email');
  await add({ name: 'Jan', phone: '12' }, 422, 'phone');
  await add({ name: 'Jan', linkedin: 'jan' }, 422, 'linkedin');
  await add('{"name": "Jan"', 400, 'body');
  for (const user of ['jobcoach', 'klantmanager', 'werkgever', 'vrijwilliger', 'beheerder']) {
    await add({ name: 'Jan' }, 403, undefined, user);
  }
  assertProblem(await t.call('accountmanager', 'POST', '/api/employers/999999/contacts', { name: 'Jan' }), 404);
});

test('POST /api/employers/{id}/notes: a note in the history (today, or the given past day), newest first', async () => {
  const e = await create();
  const r = await t.call('accountmanager', 'POST', `/api/employers/${e.id}/notes`, { text: 'kennismaking op de kwekerij' });
  assert.equal(r.status, 201, r.text);
  const note = r.body.history.find((h) => h.kind === 'note');
  assert.ok(note, 'a note entry');
  assert.equal(note.text, 'kennismaking op de kwekerij');
  assert.equal(note.occurred_on, today());
  assert.equal(note.author_name, am.display_name);
  const r2 = await t.call('projectleider', 'POST', `/api/employers/${e.id}/notes`,
    { text: 'telefonisch contact vorige maand', occurred_on: d(-30) });
  assert.equal(r2.status, 201, r2.text);
  const h = r2.body.history;
  for (let i = 1; i < h.length; i++) assert.ok(h[i - 1].occurred_on >= h[i].occurred_on, 'newest first');
  assert.equal(h[h.length - 1].occurred_on, d(-30), 'the older note sorts last');
  assert.equal(h[h.length - 1].text, 'telefonisch contact vorige maand');
  assert.equal(h.filter((x) => x.kind === 'note').length, 2);
});

test('POST /api/employers/{id}/notes refused: no text, future day, bad date, unknown members, unknown employer, roles', async () => {
  const e = await create();
  const note = (body, status, field, user = 'accountmanager') =>
    refused(e.id, user, 'POST', `/api/employers/${e.id}/notes`, body, status, field);
  await note({}, 422, 'text');
  await note({ text: '' }, 422, 'text');
  await note({ text: 'x'.repeat(4001) }, 422, 'text');
  await note({ text: 'morgen', occurred_on: d(1) }, 422, 'occurred_on');
  await note({ text: 'nooit', occurred_on: '2025-02-30' }, 422, 'occurred_on');
  await note({ text: 'x', kind: 'created' }, 422, 'kind');
  await note('{"text":', 400, 'body');
  for (const user of ['jobcoach', 'klantmanager', 'regisseur', 'werkgever', 'afdelingsassistent', 'beheerder']) {
    await note({ text: 'niet van mij' }, 403, undefined, user);
  }
  assertProblem(await t.call('accountmanager', 'POST', '/api/employers/999999/notes', { text: 'x' }), 404);
});

test('an employer user reads only their own organisation: the list holds only it, another employer is 403', async () => {
  const e = await create({ name: `Eigen ${uniqueName('Werkgever')}` });
  const other = await create();
  const username = uniqueName('wg').toLowerCase();
  const u = await t.call('beheerder', 'POST', '/api/users',
    { username, display_name: 'Test Werkgever', password: DEMO_PASSWORD, role: 'employer', organisation_id: e.id });
  assert.equal(u.status, 201, u.text);
  const items = await list('', username);
  assert.deepEqual(items.map((x) => x.id), [e.id], 'only the own employer');
  assert.deepEqual((await list(`?sector=greenhouse_horticulture`, username)).map((x) => x.id), [e.id]);
  const own = await t.call(username, 'GET', `/api/employers/${e.id}`);
  assert.equal(own.status, 200, own.text);
  assert.equal(own.body.name, e.name);
  const p = assertProblem(await t.call(username, 'GET', `/api/employers/${other.id}`), 403);
  assert.ok(!JSON.stringify(p).includes(other.name), 'the refusal does not leak the other employer');
  // the demo employer user neither sees this employer
  const wg = await t.me('werkgever');
  assertProblem(await t.call('werkgever', 'GET', `/api/employers/${e.id}`), 403);
  for (const x of await list('', 'werkgever')) assert.equal(x.id, wg.organisation_id);
  // and an employer changes nothing, not even their own details
  await refused(e.id, username, 'PATCH', `/api/employers/${e.id}`, { city: 'Delft' }, 403);
  await refused(e.id, username, 'POST', `/api/employers/${e.id}/notes`, { text: 'eigen notitie' }, 403);
  await refused(e.id, username, 'POST', `/api/employers/${e.id}/contacts`, { name: 'Eigen contact' }, 403);
});
