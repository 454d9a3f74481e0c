// Browser tests: the employer network. An account manager adds an employer
// (a bad postal code and e-mail address are refused beside their fields,
// the form keeps what was typed, and after correcting them the employer is
// in the list); the list filters on sector, membership of the MVO-netwerk
// and name; the employer page shows details, contacts, history (newest
// first) and placements, and takes a contact and a note. Every page is
// axe-clean and usable at a phone's width.
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

describe('employers', () => {
  let server;
  let browser;
  let am;
  const tag = String(Date.now()).slice(-6);

  before(async () => {
    server = await startServer({ participants: 10 });
    browser = await launch();
    am = await login(server.url, 'accountmanager');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('an employer with a bad postal code and e-mail is refused beside the fields, then added once corrected', async () => {
    const name = `Kwekerij Testhof ${tag}`;
    const page = await newPage(browser);
    await loginUi(page, server.url, 'accountmanager');
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/employers.html'),
      page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Werkgevers' }).click(),
    ]);
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Werkgevers');
    await assertAccessible(page, 'employer list');

    await page.getByText('Nieuwe werkgever invullen').click();
    const form = page.locator('#employer-form');
    await form.getByLabel(/^Naam/).first().fill(name);
    await form.getByLabel(/^Sector/).selectOption('greenhouse_horticulture');
    await form.getByLabel('Straat en huisnummer').fill('Kasweg 12');
    await form.getByLabel('Postcode').fill('12');
    await form.getByLabel('Plaats').fill('Naaldwijk');
    await form.getByLabel('Grootte').selectOption('small');
    await form.getByLabel('Lid van het MVO-netwerk').check();
    await form.getByLabel('Naam contactpersoon').fill('Fatima de Vries');
    await form.getByLabel('Functie').fill('bedrijfsleider');
    await form.getByLabel('E-mailadres').fill('fatima-at-example.nl');
    const [bad] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/employers') && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Werkgever toevoegen' }).click(),
    ]);
    assert.equal(bad.status(), 422);
    await page.locator('#e-postal_code-error').waitFor();
    assert.match(await page.locator('#e-postal_code-error').textContent(), /minstens 4 tekens/);
    assert.equal(await page.locator('#e-postal_code').getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#e-email-error').textContent(), /geen e-mailadres/);
    assert.equal(await page.locator('#e-email').getAttribute('aria-invalid'), 'true');
    // The summary names the fields and links to them.
    const summary = page.locator('#employer-errors');
    assert.match(await summary.textContent(), /Postcode/);
    assert.match(await summary.textContent(), /E-mailadres/);
    // What was typed is still there; nothing was added.
    assert.equal(await page.locator('#e-name').inputValue(), name);
    assert.equal(await page.locator('#e-city').inputValue(), 'Naaldwijk');
    assert.equal(await page.locator('#e-network_member').isChecked(), true);
    assert.equal(await page.locator('#e-contact_name').inputValue(), 'Fatima de Vries');
    await assertAccessible(page, 'employer form with errors');
    assert.equal((await api(server.url, am, 'GET', `/api/employers?q=${encodeURIComponent('Testhof')}`)).body.items.length, 0);

    await page.locator('#e-postal_code').fill('2671 AB');
    await page.locator('#e-email').fill('fatima@example.nl');
    const [good] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/employers') && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Werkgever toevoegen' }).click(),
    ]);
    assert.equal(good.status(), 201);
    await page.locator('#add-message .utrecht-alert--ok').waitFor();
    const row = page.locator('#results tbody tr', { hasText: name });
    await row.waitFor();
    const cells = await row.locator('th, td').allTextContents();
    assert.equal(cells[0], name);
    assert.equal(cells[1], 'Glastuinbouw');
    assert.equal(cells[2], 'Naaldwijk');
    assert.equal(cells[3], 'ja');
    assert.equal(cells[4], 'Anouk Accountmanager');
    assert.match(cells[5], /geen plaatsen/);

    const found = (await api(server.url, am, 'GET', `/api/employers?q=${encodeURIComponent('Testhof')}`)).body.items;
    assert.equal(found.length, 1);
    const emp = (await api(server.url, am, 'GET', `/api/employers/${found[0].id}`)).body;
    assert.equal(emp.postal_code, '2671 AB');
    assert.equal(emp.size_class, 'small');
    assert.equal(emp.network_member, true);
    assert.deepEqual(emp.contacts.map((c) => [c.name, c.job_title, c.email]), [['Fatima de Vries', 'bedrijfsleider', 'fatima@example.nl']]);
    await assertAccessible(page, 'employer list after adding');
    await screenshot(page, 'employers');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the list filters on sector, network membership and name', async () => {
    const mk = async (name, sector, member) => {
      const r = await api(server.url, am, 'POST', '/api/employers', { name, sector, city: 'Poeldijk', network_member: member });
      assert.equal(r.status, 201, r.text);
      return r.body;
    };
    const logi = await mk(`Transport Noord ${tag}`, 'logistics', false);
    const kas = await mk(`Kas Zuid ${tag}`, 'greenhouse_horticulture', true);
    const food = await mk(`Vers Oost ${tag}`, 'food_processing', true);

    const page = await newPage(browser);
    await loginUi(page, server.url, 'accountmanager', undefined, '/employers.html');
    const names = async () => page.locator('#results tbody th').allTextContents();
    assert.ok((await names()).includes(kas.name));

    const filters = page.getByRole('search', { name: 'Werkgevers zoeken' });
    await filters.getByLabel('Sector').selectOption('logistics');
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('sector') === 'logistics'),
      filters.getByRole('button', { name: 'Zoeken' }).click(),
    ]);
    await page.waitForSelector('body[data-ready="true"]');
    let shown = await names();
    assert.ok(shown.includes(logi.name));
    assert.ok(!shown.includes(kas.name));
    assert.ok(!shown.includes(food.name));
    assert.equal(await filters.getByLabel('Sector').inputValue(), 'logistics', 'the filter keeps its value');

    await goto(page, `${server.url}/employers.html`);
    await filters.getByLabel('MVO-netwerk').selectOption('true');
    await filters.getByLabel('Naam').fill(tag);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('network_member') === 'true'),
      filters.getByRole('button', { name: 'Zoeken' }).click(),
    ]);
    await page.waitForSelector('body[data-ready="true"]');
    shown = await names();
    assert.ok(shown.includes(kas.name) && shown.includes(food.name) && !shown.includes(logi.name));
    assert.match(await page.locator('#result-count').textContent(), /werkgevers? gevonden/);

    await filters.getByLabel('Naam').fill(`Niemand ${tag}`);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('q') === `Niemand ${tag}`),
      filters.getByRole('button', { name: 'Zoeken' }).click(),
    ]);
    await page.waitForSelector('body[data-ready="true"]');
    assert.match(await page.locator('#result-count').textContent(), /Geen werkgevers gevonden/);
    await assertAccessible(page, 'employer list with filters');
    await assertFitsPhone(page, 'employer list');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the employer page shows details, placements and history, and takes a contact and a note', async () => {
    const emp = (await api(server.url, am, 'POST', '/api/employers', {
      name: `Logistiek Centrum ${tag}`, sector: 'logistics', street: 'Havenweg 3', postal_code: '2691 GA', city: "'s-Gravenzande",
      size_class: 'medium', network_member: true, notes: 'Zoekt orderpickers voor de ochtend.',
    })).body;
    const pl = await api(server.url, am, 'POST', '/api/placements', {
      organisation_id: emp.id, kind: 'work_experience_place', title: 'Orderpicker', capacity: 3, hours_per_week: 9,
      day_parts: ['tue_morning', 'tue_afternoon'],
    });
    assert.equal(pl.status, 201, pl.text);
    const earlier = iso(Date.now() - 20 * 86400000);
    assert.equal((await api(server.url, am, 'POST', `/api/employers/${emp.id}/notes`, { text: 'Eerste kennismaking', occurred_on: earlier })).status, 201);

    const page = await newPage(browser);
    await loginUi(page, server.url, 'accountmanager', undefined, '/employers.html');
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/employer.html'),
      page.getByRole('link', { name: emp.name }).click(),
    ]);
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), emp.name);
    const details = await page.locator('#details-view').textContent();
    assert.match(details, /Havenweg 3, 2691 GA 's-Gravenzande/);
    assert.match(details, /middelgroot/);
    assert.match(details, /Zoekt orderpickers/);
    const plRow = page.locator('#placements-list tbody tr', { hasText: 'Orderpicker' });
    assert.match(await plRow.textContent(), /0 van 3/);
    assert.equal(await plRow.getByRole('link', { name: 'Orderpicker' }).getAttribute('href'), `/placement.html?id=${pl.body.id}`);
    await assertAccessible(page, 'employer page');

    // A contact person.
    await page.getByText('Contactpersoon toevoegen', { exact: true }).first().click();
    const cform = page.locator('#contact-form');
    await cform.getByLabel(/^Naam/).fill('Jan Bakker');
    await cform.getByLabel('Telefoonnummer').fill('0174 123456');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/employers/${emp.id}/contacts`)),
      cform.getByRole('button', { name: 'Contactpersoon toevoegen' }).click(),
    ]);
    await page.locator('#contacts-message .utrecht-alert--ok').waitFor();
    assert.match(await page.locator('#contacts-list').textContent(), /Jan Bakker/);

    // A note today: the history is newest first.
    await page.getByText('Notitie toevoegen', { exact: true }).first().click();
    const nform = page.locator('#note-form');
    assert.equal(await nform.getByLabel('Datum').inputValue(), iso(Date.now()));
    await nform.getByLabel(/^Notitie/).fill('Gebeld over twee nieuwe plaatsen');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/employers/${emp.id}/notes`)),
      nform.getByRole('button', { name: 'Notitie toevoegen' }).click(),
    ]);
    await page.locator('#history-message .utrecht-alert--ok').waitFor();
    const rows = await page.locator('#history-list tbody tr').allTextContents();
    assert.match(rows[0], /Gebeld over twee nieuwe plaatsen/);
    assert.match(rows.at(-1), /Eerste kennismaking/);
    assert.match(rows.at(-1), new RegExp(nl(earlier)));
    assert.ok(rows.some((r) => /contactpersoon toegevoegd: Jan Bakker/.test(r)));

    // Details: a bad postal code is refused beside the field; then saved.
    await page.getByText('Gegevens wijzigen', { exact: true }).first().click();
    const dform = page.locator('#details-form');
    await dform.getByLabel('Postcode').fill('1');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/employers/${emp.id}`) && r.request().method() === 'PATCH'),
      dform.getByRole('button', { name: 'Gegevens bewaren' }).click(),
    ]);
    await page.locator('#d-postal_code-error').waitFor();
    assert.match(await page.locator('#d-postal_code-error').textContent(), /minstens 4 tekens/);
    await assertAccessible(page, 'employer details form with an error');
    await dform.getByLabel('Postcode').fill('2691 GB');
    await dform.getByLabel('Lid van het MVO-netwerk').uncheck();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/employers/${emp.id}`) && r.request().method() === 'PATCH'),
      page.locator('#details-form').getByRole('button', { name: 'Gegevens bewaren' }).click(),
    ]);
    await page.locator('#details-message .utrecht-alert--ok').waitFor();
    assert.match(await page.locator('#details-view').textContent(), /2691 GB/);
    const saved = (await api(server.url, am, 'GET', `/api/employers/${emp.id}`)).body;
    assert.equal(saved.postal_code, '2691 GB');
    assert.equal(saved.network_member, false);
    await assertAccessible(page, 'employer page after changes');
    await assertFitsPhone(page, 'employer page');
    await screenshot(page, 'employer');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('a job coach reads employers without forms; the werkgever has the links, the volunteer not', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'jobcoach', undefined, '/employers.html');
    assert.equal(await page.locator('#add-employer').isHidden(), true);
    assert.ok(await page.locator('#results tbody tr').count() > 0);
    await page.context().close();
    for (const [user, shown] of [['werkgever', 1], ['afdelingsassistent', 1], ['regisseur', 1], ['vrijwilliger', 0]]) {
      const p = await newPage(browser);
      await loginUi(p, server.url, user);
      const nav = p.getByRole('navigation', { name: 'Hoofdmenu' });
      for (const name of ['Werkgevers', 'Plaatsen', 'Bezoeken']) {
        assert.equal(await nav.getByRole('link', { name }).count(), shown, `${user}: ${name}`);
      }
      await p.context().close();
    }
  });
});
