// employers-placements.test.mjs - placements offered by employers and by
// the social work company, with capacity and occupancy, the fit check and
// attendance on the work floor (issue 4 items 2 and 6; docs/api.md
// "Placements"): GET/POST /api/placements, GET/PATCH /api/placements/{id},
// GET /api/placements/{id}/check/{participant} and GET/POST
// /api/placements/{id}/attendance. Employers, placements and participants
// are made here through the API. Every refused request answers
// problem+json and changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, reasonOf, uniqueName, today, addDays, TIMESTAMP } from './helpers.mjs';

let t;
let orgs;
let assistant; // afdelingsassistent
let employer;  // an employer made by the account manager

const d = (n) => addDays(today(), n);

const PLACEMENT_MEMBERS = ['id', 'organisation_id', 'organisation_name', 'organisation_type', 'kind', 'kind_label',
  'title', 'isco_code', 'sector', 'sector_label', 'location', 'capacity', 'occupancy', 'free', 'start_date',
  'end_date', 'hours_per_week', 'day_parts', 'full_days', 'min_cefr_speaking', 'min_cefr_listening', 'min_isced',
  'licences', 'physical_load', 'safety_shoes', 'offers_floor_guidance', 'offers_language_at_work',
  'offers_contract', 'supervisor_user_id', 'supervisor_name', 'external_id', 'active'];
const KINDS = ['internal_work_learning', 'external_work_learning', 'work_experience_place', 'language_internship',
  'trial_placement', 'vacancy', 'sheltered_place', 'secondment'];

before(async () => {
  t = await setup({ participants: 10 });
  orgs = await t.orgs();
  assistant = await t.me('afdelingsassistent');
  employer = await newEmployer({ sector: 'logistics' });
});
after(async () => { await t?.stop(); });

async function newEmployer(fields = {}) {
  const r = await t.call('accountmanager', 'POST', '/api/employers',
    { name: `Werkgever ${uniqueName('P')}`, sector: 'greenhouse_horticulture', ...fields });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

async function placement(fields = {}, user = 'accountmanager') {
  const body = { organisation_id: employer.id, kind: 'external_work_learning', title: `Plek ${uniqueName('T')}`,
    capacity: 2, ...fields };
  const r = await t.call(user, 'POST', '/api/placements', body);
  assert.equal(r.status, 201, `POST /api/placements ${JSON.stringify(body)}: ${r.status} ${r.text}`);
  return r.body;
}

async function getPlacement(id, user = 'accountmanager') {
  const r = await t.call(user, 'GET', `/api/placements/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

async function allPlacements() {
  const r = await t.call('accountmanager', 'GET', '/api/placements?include_inactive=true');
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

async function refusedCreate(body, status, field, user = 'accountmanager') {
  const before = await allPlacements();
  const history = (await t.call('accountmanager', 'GET', `/api/employers/${employer.id}`)).body.history;
  const r = await t.call(user, 'POST', '/api/placements', body);
  const problem = assertProblem(r, status, field);
  assert.deepEqual(await allPlacements(), before, `POST /api/placements ${JSON.stringify(body)} added nothing`);
  assert.deepEqual((await t.call('accountmanager', 'GET', `/api/employers/${employer.id}`)).body.history, history,
    'and wrote nothing in the employer\'s history');
  return problem;
}

async function refusedPatch(id, body, status, field, user = 'accountmanager') {
  const before = await getPlacement(id);
  const r = await t.call(user, 'PATCH', `/api/placements/${id}`, body);
  const problem = assertProblem(r, status, field);
  assert.deepEqual(await getPlacement(id), before, `PATCH ${JSON.stringify(body)} as ${user} changed nothing`);
  return problem;
}

// A participant on jobcoach's caseload, past intake.
async function participant(fields = {}) {
  const p = await t.create({ family_name: uniqueName('Werk'), ...fields }, 'jobcoach');
  const r = await t.call('jobcoach', 'POST', `/api/participants/${p.id}/phases`, { kind: 'intake', start_date: d(-90) });
  assert.equal(r.status, 201, r.text);
  return p;
}

async function place(pid, pl, start = d(-20), kind = pl.kind) {
  const r = await t.call('jobcoach', 'POST', `/api/participants/${pid}/phases`,
    { kind, start_date: start, placement_id: pl.id });
  assert.equal(r.status, 201, `placing ${pid} in ${pl.title}: ${r.status} ${r.text}`);
  return r.body;
}

async function attendance(plId, query = '', user = 'accountmanager') {
  const r = await t.call(user, 'GET', `/api/placements/${plId}/attendance${query}`);
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

async function refusedAttendance(plId, body, status, field, user) {
  const before = await attendance(plId);
  const r = await t.call(user, 'POST', `/api/placements/${plId}/attendance`, body);
  const problem = assertProblem(r, status, field);
  assert.deepEqual(await attendance(plId), before, `POST attendance ${JSON.stringify(body)} as ${user} stored nothing`);
  return problem;
}

async function log(pid) {
  const r = await t.call('klantmanager', 'GET', `/api/participants/${pid}/log?per_page=100`);
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

/* ---- placements ---- */

test('POST /api/placements: 201 with every documented member, requirements and offers, and an entry in the employer\'s history', async () => {
  const pl = await placement({
    kind: 'work_experience_place', title: 'Orderpicker', isco_code: '9333', sector: 'logistics', location: 'Honselersdijk',
    capacity: 3, start_date: d(-30), end_date: d(300), hours_per_week: 16,
    day_parts: ['tue_morning', 'tue_afternoon', 'thu_morning', 'thu_afternoon'], full_days: true,
    min_cefr_speaking: 'A2', min_cefr_listening: 'B1', min_isced: 2, licences: ['forklift', 'vca'],
    physical_load: 'medium', safety_shoes: true, offers_floor_guidance: true, offers_language_at_work: true,
    offers_contract: false, external_id: uniqueName('EXT'),
  });
  for (const k of PLACEMENT_MEMBERS) assert.ok(k in pl, `placement member ${k}`);
  assert.equal(pl.organisation_id, employer.id);
  assert.equal(pl.organisation_name, employer.name);
  assert.equal(pl.organisation_type, 'employer');
  assert.equal(pl.kind, 'work_experience_place');
  assert.equal(pl.kind_label, 'werkervaringsplek');
  assert.equal(pl.title, 'Orderpicker');
  assert.equal(pl.isco_code, '9333');
  assert.equal(pl.sector, 'logistics');
  assert.equal(pl.sector_label, 'logistiek');
  assert.equal(pl.capacity, 3);
  assert.equal(pl.occupancy, 0);
  assert.equal(pl.free, 3);
  assert.equal(pl.start_date, d(-30));
  assert.equal(pl.end_date, d(300));
  assert.equal(pl.hours_per_week, 16);
  assert.deepEqual([...pl.day_parts].sort(), ['thu_afternoon', 'thu_morning', 'tue_afternoon', 'tue_morning']);
  assert.equal(pl.full_days, true);
  assert.equal(pl.min_cefr_speaking, 'A2');
  assert.equal(pl.min_cefr_listening, 'B1');
  assert.equal(pl.min_isced, 2);
  assert.deepEqual([...pl.licences].sort(), ['forklift', 'vca']);
  assert.equal(pl.physical_load, 'medium');
  assert.equal(pl.safety_shoes, true);
  assert.equal(pl.offers_floor_guidance, true);
  assert.equal(pl.offers_language_at_work, true);
  assert.equal(pl.offers_contract, false);
  assert.equal(pl.active, true);
  assert.deepEqual(pl.occupants, []);
  assert.deepEqual(await getPlacement(pl.id), pl, 'GET gives the same');
  // the employer's page lists it, with its capacity, and the history says a place was offered
  const e = (await t.call('accountmanager', 'GET', `/api/employers/${employer.id}`)).body;
  assert.ok(e.placements.some((x) => x.id === pl.id), 'listed on the employer');
  assert.equal(e.history[0].kind, 'placement');
  assert.match(e.history[0].text, /Orderpicker/);
});

test('POST /api/placements: the sector defaults to the employer\'s, "other" for the social work company\'s halls', async () => {
  const food = await newEmployer({ sector: 'food_processing' });
  const a = await placement({ organisation_id: food.id });
  assert.equal(a.sector, 'food_processing');
  const hall = await placement({ organisation_id: orgs.social_work_company.id, kind: 'internal_work_learning',
    title: 'Hal 2 inpak', supervisor_user_id: assistant.id });
  assert.equal(hall.organisation_type, 'social_work_company');
  assert.equal(hall.sector, 'other');
  assert.equal(hall.supervisor_user_id, assistant.id);
  assert.equal(hall.supervisor_name, assistant.display_name);
});

test('every kind of placement of issue 4 can be offered and is in the code list', async () => {
  const r = await t.call('accountmanager', 'GET', '/api/codes');
  assert.deepEqual(r.body.placement_kind.map((k) => k.code).sort(), [...KINDS].sort());
  for (const kind of KINDS) {
    const pl = await placement({ kind });
    assert.equal(pl.kind, kind);
    assert.equal(typeof pl.kind_label, 'string');
    assert.ok(pl.kind_label.length > 0);
  }
});

test('POST /api/placements refused: required members, ranges, code lists, period, hours against day-parts', async () => {
  const ok = { organisation_id: employer.id, kind: 'vacancy', title: 'Chauffeur', capacity: 1 };
  for (const field of ['organisation_id', 'kind', 'title', 'capacity']) {
    await refusedCreate({ ...ok, [field]: undefined }, 422, field);
  }
  await refusedCreate({ ...ok, capacity: 0 }, 422, 'capacity');
  await refusedCreate({ ...ok, capacity: 501 }, 422, 'capacity');
  await refusedCreate({ ...ok, capacity: '2' }, 422, 'capacity');
  await refusedCreate({ ...ok, kind: 'holiday_job' }, 422, 'kind');
  await refusedCreate({ ...ok, title: 'X' }, 422, 'title');
  await refusedCreate({ ...ok, sector: 'mining' }, 422, 'sector');
  await refusedCreate({ ...ok, isco_code: '99999' }, 422, 'isco_code');
  await refusedCreate({ ...ok, min_cefr_speaking: 'D1' }, 422, 'min_cefr_speaking');
  await refusedCreate({ ...ok, min_cefr_listening: 'b1' }, 422, 'min_cefr_listening');
  await refusedCreate({ ...ok, min_isced: 9 }, 422, 'min_isced');
  await refusedCreate({ ...ok, licences: 'forklift' }, 422, 'licences');
  await refusedCreate({ ...ok, licences: ['forklift', 'pilot'] }, 422, 'licences');
  await refusedCreate({ ...ok, licences: [5] }, 422, 'licences');
  await refusedCreate({ ...ok, physical_load: 'extreme' }, 422, 'physical_load');
  await refusedCreate({ ...ok, safety_shoes: 'ja' }, 422, 'safety_shoes');
  await refusedCreate({ ...ok, day_parts: 'mon_morning' }, 422, 'day_parts');
  await refusedCreate({ ...ok, day_parts: ['mon_midnight'] }, 422, 'day_parts');
  await refusedCreate({ ...ok, day_parts: ['mon_morning', 'mon_morning'] }, 422, 'day_parts');
  await refusedCreate({ ...ok, start_date: d(10), end_date: d(5) }, 422, 'end_date');
  await refusedCreate({ ...ok, start_date: '2025-02-30' }, 422, 'start_date');
  await refusedCreate({ ...ok, hours_per_week: 0 }, 422, 'hours_per_week');
  await refusedCreate({ ...ok, hours_per_week: 61 }, 422, 'hours_per_week');
  const p = await refusedCreate({ ...ok, day_parts: ['mon_morning'], hours_per_week: 10 }, 422, 'hours_per_week');
  assert.match(reasonOf(p, 'hours_per_week'), /4\.5/);
  // organisations: an employer or the social work company
  await refusedCreate({ ...ok, organisation_id: 999999 }, 422, 'organisation_id');
  await refusedCreate({ ...ok, organisation_id: orgs.municipality.id }, 422, 'organisation_id');
  await refusedCreate({ ...ok, organisation_id: orgs.refugee_support.id }, 422, 'organisation_id');
  // the supervisor works at the placement's organisation
  await refusedCreate({ ...ok, supervisor_user_id: assistant.id }, 422, 'supervisor_user_id');
  await refusedCreate({ ...ok, supervisor_user_id: 999999 }, 422, 'supervisor_user_id');
  // members the server keeps itself, unknown members, malformed JSON
  await refusedCreate({ ...ok, occupancy: 0 }, 422, 'occupancy');
  const u = await refusedCreate({ ...ok, colour: 'rood' }, 422, 'colour');
  assert.equal(reasonOf(u, 'colour'), 'unknown field');
  await refusedCreate('{"kind": "vacancy",', 400, 'body');
  await refusedCreate('[]', 400, 'body');
});

test('POST /api/placements: an external id used before is 409 naming "external_id"', async () => {
  const ext = uniqueName('EXT');
  await placement({ external_id: ext });
  const p = await refusedCreate({ organisation_id: employer.id, kind: 'vacancy', title: 'Tweede', capacity: 1,
    external_id: ext }, 409, 'external_id');
  assert.match(reasonOf(p, 'external_id'), new RegExp(ext));
});

test('who may offer placements: account manager and project leader; job coach, case manager, employer and others 403', async () => {
  const pl = await placement({}, 'projectleider');
  assert.equal(pl.organisation_id, employer.id);
  for (const user of ['jobcoach', 'klantmanager', 'regisseur', 'afdelingsassistent', 'werkgever', 'vrijwilliger',
    'taalaanbieder', 'beheerder']) {
    await refusedCreate({ organisation_id: employer.id, kind: 'vacancy', title: 'Verboden', capacity: 1 }, 403,
      undefined, user);
  }
  await refusedCreate({ organisation_id: employer.id, kind: 'vacancy', title: 'Anoniem', capacity: 1 }, 401,
    undefined, null);
});

test('GET /api/placements: filters organisation, kind and sector; inactive places only on request', async () => {
  const other = await newEmployer({ sector: 'retail' });
  const a = await placement({ organisation_id: other.id, kind: 'trial_placement' });
  const b = await placement({ organisation_id: other.id, kind: 'vacancy', sector: 'hospitality' });
  const gone = await placement({ organisation_id: other.id, kind: 'vacancy' });
  const r = await t.call('accountmanager', 'PATCH', `/api/placements/${gone.id}`, { active: false });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.active, false);
  const get = async (q) => {
    const x = await t.call('accountmanager', 'GET', `/api/placements${q}`);
    assert.equal(x.status, 200, x.text);
    for (const item of x.body.items) for (const k of PLACEMENT_MEMBERS) assert.ok(k in item, `list member ${k}`);
    return x.body.items.map((p) => p.id);
  };
  assert.deepEqual((await get(`?organisation=${other.id}`)).sort(), [a.id, b.id].sort(), 'active places only');
  assert.deepEqual((await get(`?organisation=${other.id}&include_inactive=true`)).sort(), [a.id, b.id, gone.id].sort());
  assert.deepEqual(await get(`?organisation=${other.id}&kind=trial_placement`), [a.id]);
  assert.deepEqual(await get(`?organisation=${other.id}&sector=hospitality`), [b.id]);
  assert.deepEqual(await get(`?organisation=${other.id}&sector=retail`), [a.id], 'the default sector is the employer\'s');
  assertProblem(await t.call('accountmanager', 'GET', '/api/placements?kind=holiday'), 422, 'kind');
  assertProblem(await t.call('accountmanager', 'GET', '/api/placements?sector=mining'), 422, 'sector');
  for (const user of ['vrijwilliger', 'welzijn', 'taalaanbieder', 'beheerder']) {
    assertProblem(await t.call(user, 'GET', '/api/placements'), 403);
    assertProblem(await t.call(user, 'GET', `/api/placements/${a.id}`), 403);
  }
  assertProblem(await t.call('accountmanager', 'GET', '/api/placements/999999'), 404);
});

test('PATCH /api/placements/{id}: 200 with the changes, the rest kept; checks merged with what is stored', async () => {
  const pl = await placement({ title: 'Heftruckchauffeur', capacity: 2, day_parts: ['mon_morning', 'mon_afternoon'],
    hours_per_week: 8, start_date: d(-10) });
  const r = await t.call('accountmanager', 'PATCH', `/api/placements/${pl.id}`,
    { capacity: 4, licences: ['forklift'], offers_contract: true, end_date: d(100) });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.capacity, 4);
  assert.equal(r.body.free, 4);
  assert.deepEqual(r.body.licences, ['forklift']);
  assert.equal(r.body.offers_contract, true);
  assert.equal(r.body.end_date, d(100));
  assert.equal(r.body.title, 'Heftruckchauffeur');
  assert.equal(r.body.hours_per_week, 8);
  assert.deepEqual([...r.body.day_parts].sort(), ['mon_afternoon', 'mon_morning']);
  assert.deepEqual(await getPlacement(pl.id), r.body);
  // stored day-parts and start date count for new hours and end dates
  await refusedPatch(pl.id, { hours_per_week: 10 }, 422, 'hours_per_week');
  await refusedPatch(pl.id, { end_date: d(-20) }, 422, 'end_date');
  await refusedPatch(pl.id, { day_parts: ['mon_morning'] }, 422, 'hours_per_week');
});

test('PATCH /api/placements/{id} refused: required members cleared, bad values, unknown members, malformed JSON, unknown id, roles', async () => {
  const pl = await placement({ capacity: 3 });
  for (const field of ['kind', 'title', 'capacity', 'sector']) {
    await refusedPatch(pl.id, { [field]: null }, 422, field);
  }
  await refusedPatch(pl.id, { capacity: 0 }, 422, 'capacity');
  await refusedPatch(pl.id, { kind: 'holiday' }, 422, 'kind');
  await refusedPatch(pl.id, { supervisor_user_id: assistant.id }, 422, 'supervisor_user_id');
  await refusedPatch(pl.id, { organisation_id: orgs.social_work_company.id }, 422, 'organisation_id');
  await refusedPatch(pl.id, { occupancy: 0 }, 422, 'occupancy');
  await refusedPatch(pl.id, { title: 'Goed', colour: 'x' }, 422, 'colour');
  await refusedPatch(pl.id, '{"title": ', 400, 'body');
  assertProblem(await t.call('accountmanager', 'PATCH', '/api/placements/999999', { title: 'Niets' }), 404);
  for (const user of ['jobcoach', 'klantmanager', 'afdelingsassistent', 'werkgever', 'vrijwilliger', 'beheerder']) {
    await refusedPatch(pl.id, { capacity: 10 }, 403, undefined, user);
  }
});

test('occupancy is the number of open phases linked to a place; capacity below it is refused', async () => {
  const pl = await placement({ capacity: 3 });
  const a = await participant();
  const b = await participant();
  const pa = await place(a.id, pl);
  await place(b.id, pl, d(-10));
  let g = await getPlacement(pl.id);
  assert.equal(g.occupancy, 2);
  assert.equal(g.free, 1);
  assert.deepEqual(g.occupants.map((o) => o.participant_id), [a.id, b.id], 'by start date');
  const oa = g.occupants[0];
  assert.equal(oa.phase_id, pa.id);
  assert.equal(oa.kind, 'external_work_learning');
  assert.equal(oa.start_date, d(-20));
  assert.equal(oa.family_name, a.family_name, 'the account manager sees names');
  assert.equal(oa.given_names, a.given_names);
  const e = (await t.call('accountmanager', 'GET', `/api/employers/${employer.id}`)).body;
  assert.ok(e.occupancy >= 2, 'the employer\'s occupancy counts them');
  const listed = (await t.call('accountmanager', 'GET', `/api/placements?organisation=${employer.id}`)).body.items
    .find((x) => x.id === pl.id);
  assert.equal(listed.occupancy, 2);
  assert.equal(listed.free, 1);
  // capacity cannot drop below the people placed now
  const p = await refusedPatch(pl.id, { capacity: 1 }, 422, 'capacity');
  assert.match(reasonOf(p, 'capacity'), /2/);
  const r = await t.call('accountmanager', 'PATCH', `/api/placements/${pl.id}`, { capacity: 2 });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.free, 0);
  // ending a phase frees its place
  const end = await t.call('jobcoach', 'PATCH', `/api/participants/${a.id}/phases/${pa.id}`, { actual_end: d(0) });
  assert.equal(end.status, 200, end.text);
  g = await getPlacement(pl.id);
  assert.equal(g.occupancy, 1);
  assert.equal(g.free, 1);
  assert.deepEqual(g.occupants.map((o) => o.participant_id), [b.id]);
});

test('occupant names: a job coach sees every social-work-company participant\'s identity; each shown name is a logged read (mdn-011)', async () => {
  const pl = await placement();
  const p = await participant();
  await place(p.id, pl);
  const jc2 = await t.call('jobcoach2', 'GET', `/api/placements/${pl.id}`);
  assert.equal(jc2.status, 200, jc2.text);
  assert.equal(jc2.body.occupants[0].family_name, p.family_name);
  assert.equal(jc2.body.occupants[0].hidden, undefined);
  const before = (await log(p.id)).filter((x) => x.action === 'list' && x.activity === 'mdn-011').length;
  await getPlacement(pl.id, 'accountmanager');
  const entries = (await log(p.id)).filter((x) => x.action === 'list' && x.activity === 'mdn-011');
  assert.equal(entries.length, before + 1, 'one logged read per shown name');
  assert.equal(entries[0].actor, 'accountmanager');
});

/* ---- the fit check ---- */

test('GET /api/placements/{id}/check/{pid}: fits, capacity, occupancy and each gap; nothing stored; logged as mdn-011', async () => {
  const pl = await placement({ capacity: 2, min_cefr_speaking: 'A2', min_cefr_listening: 'B1', min_isced: 3,
    licences: ['forklift', 'driving_b'], physical_load: 'heavy', safety_shoes: true });
  const weak = await participant({ cefr_speaking: 'A1', isced_level: 1, licences: ['driving_b'], max_physical_load: 'light' });
  const phasesBefore = (await t.call('klantmanager', 'GET', `/api/participants/${weak.id}/phases`)).body;
  const plBefore = await getPlacement(pl.id);
  const r = await t.call('accountmanager', 'GET', `/api/placements/${pl.id}/check/${weak.id}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.fits, false);
  assert.equal(r.body.capacity, 2);
  assert.equal(r.body.occupancy, 0);
  const gaps = Object.fromEntries(r.body.gaps.map((g) => [g.requirement, g.reason]));
  assert.deepEqual(Object.keys(gaps).sort(), ['cefr_listening', 'cefr_speaking', 'isced', 'licence:forklift', 'physical_load']);
  assert.match(gaps.cefr_speaking, /A1.*A2/);
  assert.match(gaps.cefr_listening, /onbekend.*B1/);
  assert.match(gaps.isced, /1.*3/);
  assert.match(gaps['licence:forklift'], /heftruck/i);
  assert.match(gaps.physical_load, /licht.*zwaar/);
  // nothing was stored
  assert.deepEqual((await t.call('klantmanager', 'GET', `/api/participants/${weak.id}/phases`)).body, phasesBefore);
  assert.deepEqual(await getPlacement(pl.id), plBefore);
  const entry = (await log(weak.id)).find((x) => x.action === 'check placement');
  assert.ok(entry, 'the check is logged');
  assert.equal(entry.activity, 'mdn-011');
  assert.equal(entry.actor, 'accountmanager');

  const strong = await participant({ cefr_speaking: 'B1', cefr_listening: 'B2', isced_level: 4,
    licences: ['driving_b', 'forklift'], max_physical_load: 'heavy' });
  const ok = await t.call('jobcoach', 'GET', `/api/placements/${pl.id}/check/${strong.id}`);
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual(ok.body, { fits: true, capacity: 2, occupancy: 0, gaps: [] });
});

test('check: a full placement does not fit, with the reason; unknown placement or participant 404; strangers 403', async () => {
  const pl = await placement({ capacity: 1, title: 'Eén plek' });
  const a = await participant();
  await place(a.id, pl);
  const b = await participant();
  const r = await t.call('accountmanager', 'GET', `/api/placements/${pl.id}/check/${b.id}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.fits, false);
  assert.equal(r.body.occupancy, 1);
  assert.equal(r.body.gaps.length, 1);
  assert.equal(r.body.gaps[0].requirement, 'placement');
  assert.equal(r.body.gaps[0].reason, 'placement "Eén plek" is full: 1 of 1 places taken');
  assertProblem(await t.call('accountmanager', 'GET', `/api/placements/999999/check/${b.id}`), 404);
  assertProblem(await t.call('accountmanager', 'GET', `/api/placements/${pl.id}/check/999999`), 404);
  // a job coach checks only people whose path they keep
  assertProblem(await t.call('jobcoach2', 'GET', `/api/placements/${pl.id}/check/${b.id}`), 403);
  assertProblem(await t.call('vrijwilliger', 'GET', `/api/placements/${pl.id}/check/${b.id}`), 403);
  assertProblem(await t.call('beheerder', 'GET', `/api/placements/${pl.id}/check/${b.id}`), 403);
  assert.ok(!(await log(b.id)).some((x) => x.action === 'check placement' && x.actor === 'jobcoach2' && /^ok$/i.test(x.status)),
    'a refused check is not logged as done');
  assert.ok((await log(b.id)).some((x) => x.action === 'check placement' && x.actor === 'jobcoach2' && !/^ok$/i.test(x.status)),
    'it is logged as refused');
});

/* ---- attendance ---- */

test('POST /api/placements/{id}/attendance: the department assistant marks the people in their hall; GET lists them', async () => {
  const hall = await placement({ organisation_id: orgs.social_work_company.id, kind: 'internal_work_learning',
    title: `Hal ${uniqueName('A')}`, capacity: 5, supervisor_user_id: assistant.id });
  const a = await participant();
  const b = await participant();
  await place(a.id, hall);
  await place(b.id, hall);
  const r = await t.call('afdelingsassistent', 'POST', `/api/placements/${hall.id}/attendance`, {
    day: d(-1),
    items: [{ participant_id: a.id, status: 'present' }, { participant_id: b.id, status: 'late', note: 'bus te laat' }],
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.items.length, 2);
  const mb = r.body.items.find((x) => x.participant_id === b.id);
  assert.equal(mb.day, d(-1));
  assert.equal(mb.status, 'late');
  assert.equal(mb.note, 'bus te laat');
  assert.equal(mb.family_name, b.family_name);
  // the same day again replaces the mark
  const r2 = await t.call('afdelingsassistent', 'POST', `/api/placements/${hall.id}/attendance`,
    { day: d(-1), items: [{ participant_id: a.id, status: 'absent_excused', note: 'ziek gemeld' }] });
  assert.equal(r2.status, 200, r2.text);
  await t.call('afdelingsassistent', 'POST', `/api/placements/${hall.id}/attendance`,
    { day: d(-3), items: [{ participant_id: a.id, status: 'absent_unexcused' }] });
  const all = await attendance(hall.id);
  assert.equal(all.length, 3);
  assert.deepEqual(all.map((x) => x.day), [d(-1), d(-1), d(-3)], 'newest day first');
  assert.equal(all.find((x) => x.participant_id === a.id && x.day === d(-1)).status, 'absent_excused');
  // from / to
  assert.deepEqual((await attendance(hall.id, `?from=${d(-2)}`)).map((x) => x.day), [d(-1), d(-1)]);
  assert.deepEqual((await attendance(hall.id, `?to=${d(-2)}`)).map((x) => x.day), [d(-3)]);
  assertProblem(await t.call('accountmanager', 'GET', `/api/placements/${hall.id}/attendance?from=gisteren`), 422, 'from');
  assertProblem(await t.call('accountmanager', 'GET', `/api/placements/${hall.id}/attendance?to=2025-13-01`), 422, 'to');
  // the job coach of both sees them, a job coach without them on the caseload sees no marks
  assert.equal((await attendance(hall.id, '', 'jobcoach')).length, 3);
  assert.deepEqual(await attendance(hall.id, '', 'jobcoach2'), []);
  // logged as placement activity
  assert.ok((await log(a.id)).some((x) => x.action === 'record attendance' && x.activity === 'mdn-011'
    && x.actor === 'afdelingsassistent'));
});

test('attendance only for people placed there, all or nothing, by who may write their work-floor data', async () => {
  const pl = await placement({ capacity: 3 });
  const a = await participant();
  await place(a.id, pl);
  const stranger = await participant();
  const other = await placement();
  const elsewhere = await participant();
  await place(elsewhere.id, other);
  const url = (id) => `/api/placements/${id}/attendance`;
  // not placed here: refused, and the valid mark with it is not stored either
  let p = await refusedAttendance(pl.id, { day: d(-1), items: [{ participant_id: a.id, status: 'present' },
    { participant_id: stranger.id, status: 'present' }] }, 422, 'participant_id', 'jobcoach');
  assert.match(reasonOf(p, 'participant_id'), new RegExp(`${stranger.id}`));
  await refusedAttendance(pl.id, { day: d(-1), items: [{ participant_id: elsewhere.id, status: 'present' }] }, 422,
    'participant_id', 'jobcoach');
  await refusedAttendance(pl.id, { day: d(-1), items: [{ participant_id: 999999, status: 'present' }] }, 422,
    'participant_id', 'jobcoach');
  // bad input
  await refusedAttendance(pl.id, { day: d(1), items: [{ participant_id: a.id, status: 'present' }] }, 422, 'day', 'jobcoach');
  await refusedAttendance(pl.id, { day: '2025-02-30', items: [{ participant_id: a.id, status: 'present' }] }, 422, 'day', 'jobcoach');
  await refusedAttendance(pl.id, { items: [{ participant_id: a.id, status: 'present' }] }, 422, 'day', 'jobcoach');
  await refusedAttendance(pl.id, { day: d(-1), items: [] }, 422, 'items', 'jobcoach');
  await refusedAttendance(pl.id, { day: d(-1) }, 422, 'items', 'jobcoach');
  await refusedAttendance(pl.id, { day: d(-1), items: [{ participant_id: a.id, status: 'ziek' }] }, 422, 'status', 'jobcoach');
  await refusedAttendance(pl.id, { day: d(-1), items: [{ participant_id: a.id }] }, 422, 'status', 'jobcoach');
  await refusedAttendance(pl.id, { day: d(-1), items: [{ status: 'present' }] }, 422, 'participant_id', 'jobcoach');
  await refusedAttendance(pl.id, { day: d(-1), items: ['present'] }, 422, 'items', 'jobcoach');
  await refusedAttendance(pl.id, { day: d(-1), items: [{ participant_id: a.id, status: 'present', hours: 4 }] }, 422,
    'hours', 'jobcoach');
  await refusedAttendance(pl.id, { day: d(-1), items: [{ participant_id: a.id, status: 'present' }], by: 'x' }, 422,
    'by', 'jobcoach');
  await refusedAttendance(pl.id, '{"day": ', 400, 'body', 'jobcoach');
  // roles: the account manager and another job coach may not write the work-floor data of a
  p = await refusedAttendance(pl.id, { day: d(-1), items: [{ participant_id: a.id, status: 'present' }] }, 403,
    undefined, 'accountmanager');
  await refusedAttendance(pl.id, { day: d(-1), items: [{ participant_id: a.id, status: 'present' }] }, 403,
    undefined, 'jobcoach2');
  for (const user of ['vrijwilliger', 'beheerder', 'werkgever', 'afdelingsassistent', 'regisseur']) {
    await refusedAttendance(pl.id, { day: d(-1), items: [{ participant_id: a.id, status: 'present' }] }, 403,
      undefined, user);
  }
  assertProblem(await t.call('jobcoach', 'POST', url(999999), { day: d(-1), items: [{ participant_id: a.id, status: 'present' }] }), 404);
  assertProblem(await t.call('jobcoach', 'GET', url(999999)), 404);
  // the job coach of a does record it
  const ok = await t.call('jobcoach', 'POST', url(pl.id), { day: d(-1), items: [{ participant_id: a.id, status: 'present' }] });
  assert.equal(ok.status, 200, ok.text);
  assert.equal((await attendance(pl.id)).length, 1);
});

test('after the phase ends the person is no longer placed: no new attendance, old marks kept', async () => {
  const pl = await placement();
  const a = await participant();
  const ph = await place(a.id, pl);
  const r = await t.call('jobcoach', 'POST', `/api/placements/${pl.id}/attendance`,
    { day: d(-2), items: [{ participant_id: a.id, status: 'present' }] });
  assert.equal(r.status, 200, r.text);
  const end = await t.call('jobcoach', 'PATCH', `/api/participants/${a.id}/phases/${ph.id}`, { actual_end: d(0), outcome: 'gestopt' });
  assert.equal(end.status, 200, end.text);
  await refusedAttendance(pl.id, { day: d(-1), items: [{ participant_id: a.id, status: 'present' }] }, 422,
    'participant_id', 'jobcoach');
  assert.equal((await attendance(pl.id)).length, 1, 'the earlier mark stays');
});
