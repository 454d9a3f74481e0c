// Browser tests: placements and attendance on the work floor. An account
// manager offers a place (hours that do not fit the day-parts and a bad
// ISCO code are refused beside their fields, then corrected); a participant
// placed through the API fills the place ("1 van 1"); the werkgever records
// attendance with the keyboard only, the department assistant on a phone;
// and an employer opening another employer's place is refused on the page.
// Everything needed is made through the API first; every page is axe-clean
// and fits a phone's width.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from '../lib/server.mjs';
import { launch, newPage, loginUi, goto, assertAccessible, screenshot, assertNoPageErrors } from './helpers.mjs';
import { isoNL } from '../lib/dates.mjs';

const iso = (t) => isoNL(t);
const nl = (d) => d.split('-').reverse().join('-');

// The page body does not scroll sideways at a phone's width (390 px);
// wide tables scroll inside their own container.
async function assertFitsPhone(page, what) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(50);
  const { scroll, client } = await page.evaluate(() => ({
    scroll: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `${what} scrolls sideways at 390 px: ${scroll} > ${client}`);
  await assertAccessible(page, `${what} at 390 px`);
  await page.setViewportSize(size);
}

describe('placements', () => {
  let server;
  let browser;
  let am;
  let employer;      // made by the test, not the werkgever's organisation
  let ownOrg;        // the werkgever's organisation
  let hall;          // the social work company
  const people = []; // participants in internal work-learning, free to place
  const today = iso(Date.now());
  const tag = String(Date.now()).slice(-6);

  before(async () => {
    server = await startServer({ participants: 40 });
    browser = await launch();
    am = await login(server.url, 'accountmanager');
    const e = await api(server.url, am, 'POST', '/api/employers', { name: `Tuinderij Test ${tag}`, sector: 'greenhouse_horticulture', city: 'Monster', network_member: true });
    assert.equal(e.status, 201, e.text);
    employer = e.body;
    const orgs = (await api(server.url, am, 'GET', '/api/organisations')).body.items;
    ownOrg = orgs.find((o) => o.name === 'Kwekerij De Groene Vallei');
    hall = orgs.find((o) => o.type === 'social_work_company');
    assert.ok(ownOrg && hall, 'the demo has the werkgever\'s organisation and the social work company');
    // Participants whose current phase is internal work-learning that
    // started before today: they may move on to an external place today.
    const list = await api(server.url, am, 'GET', '/api/participants?per_page=100');
    assert.equal(list.status, 200, list.text);
    for (const p of list.body.items) {
      const ph = await api(server.url, am, 'GET', `/api/participants/${p.id}/phases`);
      const cur = ph.body?.current;
      if (ph.status === 200 && cur && cur.kind === 'internal_work_learning' && cur.start_date < today) people.push(p);
      if (people.length === 3) break;
    }
    assert.equal(people.length, 3, 'the demo has three participants in internal work-learning');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function place(pid, kind, placementId) {
    const r = await api(server.url, am, 'POST', `/api/participants/${pid}/phases`, {
      kind, start_date: today, placement_id: placementId, override_reason: 'test: plaatsing vanuit de browsertest',
    });
    assert.equal(r.status, 201, r.text);
    return r.body;
  }

  test('an account manager offers a place; hours that do not fit and a bad ISCO code are refused beside the fields', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'accountmanager');
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/placements.html'),
      page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Plaatsen' }).click(),
    ]);
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Plaatsen');
    await assertAccessible(page, 'placement list');

    await page.getByText('Nieuwe plaats invullen').click();
    const form = page.locator('#placement-form');
    await form.getByLabel(/^Organisatie/).selectOption(String(employer.id));
    await form.getByLabel(/^Soort plaats/).selectOption('external_work_learning');
    await form.getByLabel(/^Titel/).fill(`Medewerker oogst ${tag}`);
    await form.getByLabel('Beroepscode (ISCO-08)').fill('0000');
    await form.getByLabel(/^Aantal plaatsen/).fill('2');
    await form.getByLabel('Uren per week').fill('20');
    await form.getByLabel('Locatie').fill('Kas 3, Monster');
    await form.getByLabel('maandag ochtend').check();
    await form.getByLabel('maandag middag').check();
    await form.getByLabel('Minimaal taalniveau spreken').selectOption('A2');
    await form.getByLabel('heftruckcertificaat').check();
    await form.getByLabel('Veiligheidsschoenen nodig').check();
    await form.getByLabel('Begeleiding op de werkvloer').check();
    await form.getByLabel('Taal op de werkplek').check();
    const [bad] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/placements') && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Plaats aanbieden' }).click(),
    ]);
    assert.equal(bad.status(), 422);
    await page.locator('#p-hours_per_week-error').waitFor();
    assert.match(await page.locator('#p-hours_per_week-error').textContent(), /20 uur per week past niet in 2 dagdelen: hoogstens 9 uur/);
    assert.equal(await page.locator('#p-hours_per_week').getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#p-isco_code-error').textContent(), /"0000" is geen ISCO-08-beroepscode/);
    // The form keeps what was typed, the grid too.
    assert.equal(await page.locator('#p-title').inputValue(), `Medewerker oogst ${tag}`);
    assert.equal(await form.getByLabel('maandag middag').isChecked(), true);
    await assertAccessible(page, 'offer form with errors');
    assert.equal((await api(server.url, am, 'GET', `/api/placements?organisation=${employer.id}`)).body.items.length, 0);

    await form.getByLabel('Beroepscode (ISCO-08)').fill('9214');
    await form.getByLabel('Uren per week').fill('9');
    const [good] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/placements') && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Plaats aanbieden' }).click(),
    ]);
    assert.equal(good.status(), 201);
    await page.locator('#offer-message .utrecht-alert--ok').waitFor();
    const row = page.locator('#results tbody tr', { hasText: `Medewerker oogst ${tag}` });
    await row.waitFor();
    assert.match(await row.textContent(), /0 van 2/);
    assert.match(await row.textContent(), new RegExp(employer.name));
    const pl = (await api(server.url, am, 'GET', `/api/placements?organisation=${employer.id}`)).body.items[0];
    assert.equal(pl.kind, 'external_work_learning');
    assert.equal(pl.isco_code, '9214');
    assert.equal(pl.hours_per_week, 9);
    assert.deepEqual(pl.day_parts, ['mon_morning', 'mon_afternoon']);
    assert.deepEqual(pl.licences, ['forklift']);
    assert.equal(pl.min_cefr_speaking, 'A2');
    assert.equal(pl.safety_shoes, true);
    assert.equal(pl.offers_floor_guidance, true);
    assert.equal(pl.offers_language_at_work, true);
    assert.equal(pl.offers_contract, false);
    assert.equal(pl.sector, 'greenhouse_horticulture', 'the sector of the employer');
    await assertAccessible(page, 'placement list after offering');

    // The place's own page shows what it asks and offers.
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/placement.html'),
      row.getByRole('link', { name: `Medewerker oogst ${tag}` }).click(),
    ]);
    await page.waitForSelector('body[data-ready="true"]');
    const req = await page.locator('#requirements-view').textContent();
    assert.match(req, /minimaal A2/);
    assert.match(req, /heftruckcertificaat/);
    assert.match(await page.locator('#details-view').textContent(), /maandag ochtend en middag/);
    await assertAccessible(page, 'placement page');
    await screenshot(page, 'placement');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('a participant placed through the API fills the place: "1 van 1"', async () => {
    const pl = await api(server.url, am, 'POST', '/api/placements', {
      organisation_id: employer.id, kind: 'external_work_learning', title: `Inpakker ${tag}`, capacity: 1, hours_per_week: 8,
    });
    assert.equal(pl.status, 201, pl.text);
    const person = people[0];
    await place(person.id, 'external_work_learning', pl.body.id);

    const page = await newPage(browser);
    await loginUi(page, server.url, 'accountmanager', undefined, `/placements.html?organisation=${employer.id}`);
    const row = page.locator('#results tbody tr', { hasText: `Inpakker ${tag}` });
    const occ = row.locator('.meedoen-occupancy');
    assert.equal((await occ.textContent()).replace(/\s+/g, ' ').trim(), '1 van 1 plaatsen bezet (vol)');
    // The bar is hidden from screen readers; the text says it.
    assert.equal(await occ.locator('meter').getAttribute('aria-hidden'), 'true');
    assert.equal(await occ.locator('meter').getAttribute('value'), '1');
    assert.equal(await occ.locator('meter').getAttribute('max'), '1');
    await assertFitsPhone(page, 'placement list');

    await goto(page, `${server.url}/placement.html?id=${pl.body.id}`);
    assert.match(await page.locator('#occupancy-view').textContent(), /1 van 1/);
    const occRow = page.locator('#occupants-list tbody tr');
    assert.equal(await occRow.count(), 1);
    assert.match(await occRow.textContent(), new RegExp(`${person.given_names} ${person.family_name}`));
    assert.match(await occRow.textContent(), new RegExp(nl(today)));
    // The account manager may not record attendance: no form, only what is recorded.
    assert.equal(await page.locator('#attendance-form').count(), 0);
    await assertAccessible(page, 'full placement');
    await assertFitsPhone(page, 'placement page');

    // The employer page counts it too.
    await goto(page, `${server.url}/employer.html?id=${employer.id}`);
    assert.match(await page.locator('#placements-list tbody tr', { hasText: `Inpakker ${tag}` }).textContent(), /1 van 1/);
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the werkgever records attendance with the keyboard only', async () => {
    const pl = await api(server.url, am, 'POST', '/api/placements', {
      organisation_id: ownOrg.id, kind: 'work_experience_place', title: `Sorteerder ${tag}`, capacity: 2, hours_per_week: 8,
      day_parts: ['wed_morning', 'wed_afternoon'],
    });
    assert.equal(pl.status, 201, pl.text);
    const person = people[1];
    await place(person.id, 'work_experience_place', pl.body.id);

    const page = await newPage(browser);
    await loginUi(page, server.url, 'werkgever');
    await goto(page, `${server.url}/placements.html`);
    const link = page.locator('#results').getByRole('link', { name: `Sorteerder ${tag}` });
    await Promise.all([page.waitForURL((u) => u.pathname === '/placement.html'), link.click()]);
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), `Sorteerder ${tag}`);
    // The employer has no consent to see the name: the person is a number.
    const group = page.getByRole('group', { name: new RegExp(`Deelnemer ${person.id}`) });
    await group.waitFor();
    assert.equal(await page.locator('#a-day').inputValue(), today);
    assert.match(await page.locator('#attendance-status').textContent(), /nog niets vastgelegd/);
    await assertAccessible(page, 'attendance form');

    // Keyboard only: from the date to the first choice, arrow to "te laat",
    // a note, and Enter on the button.
    const focused = async () => page.evaluate(() => {
      const a = document.activeElement;
      return { tag: a.tagName, type: a.type, name: a.name, value: a.value, id: a.id, text: a.textContent };
    });
    // (Tab steps through the day, month and year of the date field first.)
    await page.locator('#a-day').focus();
    let f = await focused();
    for (let i = 0; i < 4 && f.id === 'a-day'; i++) {
      await page.keyboard.press('Tab');
      f = await focused();
    }
    assert.deepEqual([f.type, f.name, f.value], ['radio', `status-${person.id}`, 'present']);
    await page.keyboard.press('ArrowRight');
    f = await focused();
    assert.equal(f.value, 'late');
    assert.equal(await group.getByLabel('te laat').isChecked(), true);
    await page.keyboard.press('Tab');
    f = await focused();
    assert.equal(f.id, `a-note-${person.id}`);
    await page.keyboard.type('bus had vertraging');
    await page.keyboard.press('Tab');
    f = await focused();
    assert.equal(f.id, 'attendance-save');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/placements/${pl.body.id}/attendance`) && r.request().method() === 'POST'),
      page.keyboard.press('Enter'),
    ]);
    assert.equal(res.status(), 200);
    await page.locator('#attendance-message .utrecht-alert--ok').waitFor();
    assert.match(await page.locator('#attendance-message').textContent(), /opgeslagen voor 1 deelnemer/);
    const recorded = page.locator('#attendance-recorded tbody tr');
    assert.equal(await recorded.count(), 1);
    assert.match(await recorded.textContent(), /te laat/);
    assert.match(await recorded.textContent(), /bus had vertraging/);
    const wg = await login(server.url, 'werkgever');
    const marks = (await api(server.url, wg, 'GET', `/api/placements/${pl.body.id}/attendance?from=${today}&to=${today}`)).body.items;
    assert.deepEqual(marks.map((m) => [m.participant_id, m.status, m.note]), [[person.id, 'late', 'bus had vertraging']]);
    await assertAccessible(page, 'attendance recorded');

    // Coming back, the day's marks are filled in.
    await goto(page, `${server.url}/placement.html?id=${pl.body.id}`);
    assert.equal(await page.getByRole('group', { name: new RegExp(`Deelnemer ${person.id}`) }).getByLabel('te laat').isChecked(), true);
    assert.equal(await page.locator(`#a-note-${person.id}`).inputValue(), 'bus had vertraging');
    assert.match(await page.locator('#attendance-status').textContent(), /is 1 deelnemer vastgelegd/);
    // A tablet: large choices.
    await page.setViewportSize({ width: 820, height: 1180 });
    const box = await group.locator('label.meedoen-choice').first().boundingBox();
    assert.ok(box.height >= 44, `a choice is ${box.height} px high`);
    await assertFitsPhone(page, 'attendance form');
    await screenshot(page, 'attendance');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the department assistant records attendance in a production hall on a phone', async () => {
    const da = await login(server.url, 'afdelingsassistent');
    const me = (await api(server.url, da, 'GET', '/api/me')).body;
    const daId = (me.user || me).id;
    const pl = await api(server.url, am, 'POST', '/api/placements', {
      organisation_id: hall.id, kind: 'internal_work_learning', title: `Inpakhal ${tag}`, capacity: 12, hours_per_week: 9,
      day_parts: ['mon_morning', 'thu_morning'], supervisor_user_id: daId,
    });
    assert.equal(pl.status, 201, pl.text);
    const person = people[2];
    await place(person.id, 'internal_work_learning', pl.body.id);

    const page = await newPage(browser);
    await page.setViewportSize({ width: 390, height: 844 });
    await loginUi(page, server.url, 'afdelingsassistent');
    await goto(page, `${server.url}/placement.html?id=${pl.body.id}`);
    const group = page.getByRole('group', { name: new RegExp(`${person.given_names} ${person.family_name}`) });
    await group.getByText('afwezig met reden').click();
    await group.getByLabel(/Toelichting/).fill('ziek gemeld');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/placements/${pl.body.id}/attendance`) && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Aanwezigheid opslaan' }).click(),
    ]);
    await page.locator('#attendance-message .utrecht-alert--ok').waitFor();
    const marks = (await api(server.url, da, 'GET', `/api/placements/${pl.body.id}/attendance?from=${today}&to=${today}`)).body.items;
    assert.deepEqual(marks.map((m) => [m.participant_id, m.status, m.note]), [[person.id, 'absent_excused', 'ziek gemeld']]);
    await assertFitsPhone(page, 'attendance on a phone');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('an employer cannot open another employer\'s place: the page says so', async () => {
    const pl = await api(server.url, am, 'POST', '/api/placements', {
      organisation_id: employer.id, kind: 'work_experience_place', title: `Geheim ${tag}`, capacity: 1,
    });
    assert.equal(pl.status, 201, pl.text);
    const page = await newPage(browser);
    await loginUi(page, server.url, 'werkgever');
    await goto(page, `${server.url}/placements.html`);
    assert.equal(await page.locator('#results').getByText(`Geheim ${tag}`).count(), 0, 'not in the employer\'s list');
    assert.equal(await page.locator('#organisation-filter').isHidden(), true);

    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/placements/${pl.body.id}`)),
      page.goto(`${server.url}/placement.html?id=${pl.body.id}`),
    ]);
    assert.equal(res.status(), 403);
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Plaats niet beschikbaar');
    assert.match(await page.locator('#placement-message').textContent(), /alleen de plaatsen van uw eigen organisatie/);
    assert.doesNotMatch(await page.locator('main').textContent(), new RegExp(`Geheim ${tag}`));
    assert.equal(await page.locator('#attendance-form').count(), 0);
    await assertAccessible(page, 'refused placement');
    await assertFitsPhone(page, 'refused placement');
    assertNoPageErrors(page);
    await page.context().close();
  });
});
