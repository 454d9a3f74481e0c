// Browser tests: company visits. The account manager plans a visit (an
// empty form is refused beside the fields), invites two participants from
// the caseload into a group, gets the refusal when a third does not fit,
// records attendance by checkboxes and interest in one save, records an
// employer's follow-up and sees the summary of what the visit led to; the
// list shows the upcoming visits first (soonest at the top) and then the
// past ones with their results. The employers are made through the API
// first: the test does not lean on the demo's employer network.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from '../lib/server.mjs';
import { launch, newPage, loginUi, goto, assertAccessible, screenshot, assertNoPageErrors } from './helpers.mjs';
import { isoNL } from '../lib/dates.mjs';

const DAY = 86400000;
const iso = (t) => isoNL(t);
const nl = (d) => d.split('-').reverse().join('-');
const name = (p) => [p.given_names, p.family_name].filter(Boolean).join(' ');

describe('company visits', () => {
  let server;
  let browser;
  let am;
  let employers;
  let people;
  let visitId;
  const today = iso(Date.now());

  before(async () => {
    server = await startServer({ participants: 40 });
    browser = await launch();
    am = await login(server.url, 'accountmanager');
    employers = [];
    for (const e of [
      { name: 'Kwekerij Testbloem', sector: 'greenhouse_horticulture', network_member: true },
      { name: 'Logistiek Testhal', sector: 'logistics' },
    ]) {
      const r = await api(server.url, am, 'POST', '/api/employers', e);
      assert.equal(r.status, 201, r.text);
      employers.push(r.body);
    }
    // Three participants with distinct family names, to find each by searching.
    const list = await api(server.url, am, 'GET', '/api/participants?per_page=100');
    assert.equal(list.status, 200, list.text);
    const seen = new Set();
    people = [];
    for (const p of list.body.items) {
      if (!p.family_name || !p.given_names || seen.has(p.family_name)) continue;
      seen.add(p.family_name);
      people.push(p);
      if (people.length === 3) break;
    }
    assert.equal(people.length, 3, 'three participants the account manager may invite');
    // A past visit with results, and a later one: the list orders them.
    const past = await api(server.url, am, 'POST', '/api/visits', {
      kind: 'matching_event', title: 'Speed meet voorjaar', held_on: iso(Date.now() - 30 * DAY), capacity: 5, employer_ids: [employers[1].id],
    });
    assert.equal(past.status, 201, past.text);
    let r = await api(server.url, am, 'POST', `/api/visits/${past.body.id}/invitations`, { participant_ids: [people[0].id, people[1].id] });
    assert.equal(r.status, 200, r.text);
    r = await api(server.url, am, 'POST', `/api/visits/${past.body.id}/attendance`, {
      items: [{ participant_id: people[0].id, attended: true, interest: 'high' }, { participant_id: people[1].id, attended: true, interest: 'some' }],
    });
    assert.equal(r.status, 200, r.text);
    r = await api(server.url, am, 'POST', `/api/visits/${past.body.id}/follow-ups`, {
      participant_id: people[0].id, organisation_id: employers[1].id, follow_up: 'place_offered',
    });
    assert.equal(r.status, 200, r.text);
    const later = await api(server.url, am, 'POST', '/api/visits', {
      kind: 'company_visit', title: 'Rondleiding distributiecentrum', held_on: iso(Date.now() + 14 * DAY), capacity: 4, employer_ids: [employers[1].id],
    });
    assert.equal(later.status, 201, later.text);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('planning a visit: an empty form is refused beside the fields, a filled one opens the visit', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'accountmanager');
    await goto(page, `${server.url}/visits.html`);
    await assertAccessible(page, 'visits page');
    assert.equal(await page.locator('#plan-form').isVisible(), false, 'the planning form waits in a disclosure');
    await page.locator('#plannen summary', { hasText: 'Bezoek of event plannen' }).click();
    const form = page.locator('#plan-form');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/visits') && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Bezoek plannen' }).click(),
    ]);
    await form.locator('.meedoen-error-summary').waitFor();
    for (const f of ['title', 'held_on', 'capacity']) {
      assert.equal(await page.locator(`#pl-${f}`).getAttribute('aria-invalid'), 'true', f);
      assert.match(await page.locator(`#pl-${f}-error`).textContent(), /verplicht/, f);
    }
    assert.match(await page.locator('#pl-employers-error').textContent(), /kies minstens één werkgever/);
    assert.equal(await page.locator('#pl-employers').getAttribute('class').then((c) => c.includes('utrecht-form-fieldset--invalid')), true);
    await assertAccessible(page, 'visit plan form with errors');
    await screenshot(page, 'visit-plan-errors');

    await form.getByLabel('Titel').fill('Rondleiding Testbloem');
    await form.getByLabel('Datum').fill(today);
    await form.getByLabel('Begintijd').fill('10:00');
    await form.getByLabel('Locatie').fill('Kas 3, Honselersdijk');
    await form.getByLabel('Aantal plaatsen').fill('2');
    await form.getByLabel('Taalondersteuning').fill('tolk Arabisch');
    await form.getByLabel(/^Kwekerij Testbloem/).check();
    await form.getByLabel(/^Logistiek Testhal/).check();
    assert.match(await page.locator('#pl-employers-count').textContent(), /2 werkgevers gekozen/);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/visits') && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Bezoek plannen' }).click(),
    ]);
    assert.equal(res.status(), 201);
    await page.waitForURL((u) => u.pathname === '/visit.html');
    await page.waitForSelector('body[data-ready="true"]');
    visitId = Number(new URL(page.url()).searchParams.get('id'));
    assert.match(await page.locator('#visit-message .utrecht-alert--ok').textContent(), /Het bezoek is gepland/);
    assert.equal(await page.locator('#visit-title').textContent(), 'Rondleiding Testbloem');
    const facts = await page.locator('#visit-facts').textContent();
    assert.match(facts, /Kwekerij Testbloem, Logistiek Testhal/);
    assert.match(facts, /tolk Arabisch/);
    assert.match(facts, /10:00 uur/);
    const v = (await api(server.url, am, 'GET', `/api/visits/${visitId}`)).body;
    assert.equal(v.capacity, 2);
    assert.equal(v.start_time, '10:00');
    assert.deepEqual(v.employers.map((e) => e.id).sort(), employers.map((e) => e.id).sort());
    await assertAccessible(page, 'visit page after planning');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('inviting a group within the capacity, attendance by checkboxes, a follow-up and the summary', async () => {
    assert.ok(visitId, 'the visit planned in the first test');
    const page = await newPage(browser);
    await loginUi(page, server.url, 'accountmanager');
    await goto(page, `${server.url}/visit.html?id=${visitId}`);
    assert.match(await page.locator('#invite-places').textContent(), /0 van 2 plaatsen bezet; nog 2 plaatsen vrij/);

    // Two participants into the group, each found by searching the caseload.
    const search = page.locator('#invite-search');
    for (const p of people.slice(0, 2)) {
      await search.getByLabel('Zoek een deelnemer op naam').fill(p.family_name);
      await Promise.all([
        page.waitForResponse((r) => r.url().includes('/api/participants?') && r.url().includes('q=')),
        search.getByRole('button', { name: 'Zoeken' }).click(),
      ]);
      await page.getByRole('button', { name: `${name(p)} toevoegen aan de groep` }).click();
    }
    const group = page.locator('#invite-group');
    assert.match(await group.locator('h3').textContent(), /Groep om uit te nodigen \(2\)/);
    await screenshot(page, 'visit-invite-group');
    let [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/visits/${visitId}/invitations`)),
      page.getByRole('button', { name: '2 deelnemers uitnodigen' }).click(),
    ]);
    assert.equal(res.status(), 200, await res.text());
    await page.locator('#invite-message .utrecht-alert--ok').waitFor();
    assert.match(await page.locator('#invite-places').textContent(), /Vol: alle 2 plaatsen zijn bezet/);

    // A third does not fit: the server's refusal, in Dutch, and nobody is added.
    await search.getByLabel('Zoek een deelnemer op naam').fill(people[2].family_name);
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/participants?')),
      search.getByRole('button', { name: 'Zoeken' }).click(),
    ]);
    await page.getByRole('button', { name: `${name(people[2])} toevoegen aan de groep` }).click();
    assert.match(await group.textContent(), /het bezoek is vol/);
    [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/visits/${visitId}/invitations`)),
      page.getByRole('button', { name: 'Deelnemer uitnodigen' }).click(),
    ]);
    assert.equal(res.status(), 409);
    const refusal = page.locator('#invite-message .meedoen-error-summary');
    await refusal.waitFor();
    assert.match(await refusal.textContent(), /Te weinig plaatsen: "Rondleiding Testbloem" heeft 2 plaatsen en 2 deelnemers zijn al uitgenodigd; 1 nieuwe deelnemer past er niet meer bij/);
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('meedoen-error-summary')), true);
    await assertAccessible(page, 'invite refused: full');
    await screenshot(page, 'visit-invite-full');
    let v = (await api(server.url, am, 'GET', `/api/visits/${visitId}`)).body;
    assert.deepEqual(v.participants.map((p) => p.participant_id).sort(), [people[0].id, people[1].id].sort());

    // Attendance by checkboxes and interest, saved in one go.
    const att = page.locator('#attendance-form');
    const first = att.getByRole('checkbox', { name: `${name(people[0])} aanwezig` });
    const second = att.getByRole('checkbox', { name: `${name(people[1])} aanwezig` });
    assert.equal(await first.isChecked(), false);
    await first.check();
    await att.getByLabel(`Interesse van ${name(people[0])}`).selectOption({ label: 'veel' });
    await att.getByLabel(`Interesse van ${name(people[1])}`).selectOption({ label: 'geen' });
    assert.equal(await second.isChecked(), false);
    [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/visits/${visitId}/attendance`)),
      att.getByRole('button', { name: 'Aanwezigheid en interesse opslaan' }).click(),
    ]);
    assert.equal(res.status(), 200, await res.text());
    const sent = JSON.parse(res.request().postData());
    assert.equal(sent.items.length, 2, 'one request for everyone');
    await page.locator('#attendance-message .utrecht-alert--ok').waitFor();
    assert.match(await page.locator('#attendance-message').textContent(), /1 van 2 aanwezig/);
    v = (await api(server.url, am, 'GET', `/api/visits/${visitId}`)).body;
    const row = (pid) => v.participants.find((p) => p.participant_id === pid);
    assert.equal(row(people[0].id).attended, true);
    assert.equal(row(people[0].id).interest, 'high');
    assert.equal(row(people[1].id).attended, false);
    assert.equal(row(people[1].id).interest, 'none');
    // The form shows what is stored.
    assert.equal(await page.locator('#attendance-form').getByRole('checkbox', { name: `${name(people[0])} aanwezig` }).isChecked(), true);

    // An employer's follow-up with a note.
    const fu = page.locator('#follow-up-form');
    await fu.getByLabel('Deelnemer').selectOption(String(people[0].id));
    await fu.getByLabel('Werkgever').selectOption(String(employers[0].id));
    await fu.getByLabel('Proefdag').check();
    await fu.getByLabel('Notitie').fill('Proefdag dinsdag 8:00 in kas 3');
    [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/visits/${visitId}/follow-ups`)),
      fu.getByRole('button', { name: 'Opvolging vastleggen' }).click(),
    ]);
    assert.equal(res.status(), 200, await res.text());
    await page.locator('#follow-up-message .utrecht-alert--ok').waitFor();
    const fuRows = page.locator('#follow-up-list tbody tr');
    assert.equal(await fuRows.count(), 1);
    assert.match(await fuRows.first().textContent(), new RegExp(`${name(people[0])}.*Kwekerij Testbloem.*Proefdag.*Proefdag dinsdag 8:00 in kas 3`));
    v = (await api(server.url, am, 'GET', `/api/visits/${visitId}`)).body;
    assert.deepEqual(v.follow_ups.map((f) => [f.participant_id, f.organisation_id, f.follow_up, f.note]),
      [[people[0].id, employers[0].id, 'trial_day', 'Proefdag dinsdag 8:00 in kas 3']]);

    // The summary of what the visit led to.
    assert.equal(await page.locator('#summary-sentence').textContent(), 'Dit bezoek leidde tot 1 proefdag.');
    const summary = await page.locator('#summary .meedoen-visit-summary').textContent();
    assert.match(summary, /Uitgenodigd\s*2 van 2 plaatsen/);
    assert.match(summary, /Aanwezig\s*1/);
    assert.match(summary, /Geïnteresseerd \(enige of veel interesse\)\s*1/);
    assert.match(summary, /Proefdagen\s*1/);
    const perPerson = page.locator('#summary table tbody tr', { hasText: name(people[0]) });
    assert.match(await perPerson.textContent(), /aanwezig.*veel.*Kwekerij Testbloem: proefdag \(Proefdag dinsdag 8:00 in kas 3\)/);
    await assertAccessible(page, 'visit with attendance, follow-up and summary');
    await screenshot(page, 'visit-summary');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the list: upcoming first with the soonest at the top, then past visits with what they led to', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'accountmanager');
    await goto(page, `${server.url}/visits.html`);
    // The demo may hold visits of its own: look at ours, and at the order of all.
    const upcoming = page.locator('#upcoming-list tbody tr');
    const titles = await upcoming.locator('td:nth-child(2)').allTextContents();
    assert.ok(titles.indexOf('Rondleiding Testbloem') >= 0 && titles.indexOf('Rondleiding Testbloem') < titles.indexOf('Rondleiding distributiecentrum'), titles.join(' | '));
    const dates = (list) => list.map((d) => d.slice(0, 10).split('-').reverse().join('-'));
    const upDates = dates(await upcoming.locator('th').allTextContents());
    assert.deepEqual(upDates, [...upDates].sort(), 'upcoming: soonest first');
    assert.ok(upDates.every((d) => d >= today));
    const ours = upcoming.filter({ hasText: 'Rondleiding Testbloem' });
    const first = await ours.locator('th, td').allTextContents();
    assert.equal(first[0], `${nl(today)}, 10:00 uur`);
    assert.equal(first[3], 'Kwekerij Testbloem, Logistiek Testhal');
    assert.equal(first[5], '2 van 2');
    assert.equal(first[6], 'tolk Arabisch');
    const past = page.locator('#past-list tbody tr');
    const pastDates = dates(await past.locator('th').allTextContents());
    assert.deepEqual(pastDates, [...pastDates].sort().reverse(), 'past: latest first');
    assert.ok(pastDates.every((d) => d < today));
    // Date, visit, employers, invited, attended, interested, places offered, trial days, placements started.
    const cells = await past.filter({ hasText: 'Speed meet voorjaar' }).locator('th, td').allTextContents();
    assert.equal(cells[1], 'Speed meet voorjaar');
    assert.deepEqual(cells.slice(2), ['Logistiek Testhal', '2', '2', '2', '1', '0', '0']);
    await page.getByRole('link', { name: 'Rondleiding Testbloem' }).click();
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.locator('#visit-title').textContent(), 'Rondleiding Testbloem');
    await goto(page, `${server.url}/visits.html`);
    await assertAccessible(page, 'visits list');
    await screenshot(page, 'visits-list');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('before the day of a visit attendance cannot be ticked yet', async () => {
    const list = (await api(server.url, am, 'GET', '/api/visits')).body.items;
    const later = list.find((v) => v.title === 'Rondleiding distributiecentrum');
    let r = await api(server.url, am, 'POST', `/api/visits/${later.id}/invitations`, { participant_ids: [people[2].id] });
    assert.equal(r.status, 200, r.text);
    const page = await newPage(browser);
    await loginUi(page, server.url, 'accountmanager');
    await goto(page, `${server.url}/visit.html?id=${later.id}`);
    const box = page.locator('#attendance-form').getByRole('checkbox', { name: `${name(people[2])} aanwezig` });
    assert.equal(await box.isDisabled(), true);
    assert.match(await page.locator('#attendance-hint').textContent(), /nog niet geweest/);
    assert.equal(await page.locator('#summary-sentence').textContent(), 'Het bezoek moet nog plaatsvinden.');
    await assertAccessible(page, 'upcoming visit');
    assertNoPageErrors(page);
    await page.context().close();
  });
});
