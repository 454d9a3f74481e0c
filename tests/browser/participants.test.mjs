// Browser tests: the participant list (search, filters, paging) and opening
// a dossier with its sections.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from '../lib/server.mjs';
import { launch, newPage, loginUi, goto, assertAccessible, screenshot, assertNoPageErrors } from './helpers.mjs';

// Users land on the worklist; these tests start at the participant list.
const LIST = '/index.html';

describe('participant list and dossier', () => {
  let server;
  let browser;
  let cookie;

  before(async () => {
    server = await startServer({ participants: 40 });
    browser = await launch();
    cookie = await login(server.url, 'klantmanager');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the list shows the total and is accessible', async () => {
    const all = await api(server.url, cookie, 'GET', '/api/participants?per_page=100');
    assert.equal(all.status, 200);
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager', undefined, LIST);
    const count = await page.locator('#result-count').textContent();
    assert.match(count, new RegExp(`^${all.body.total} deelnemers gevonden`));
    const rows = page.locator('#results tbody tr');
    assert.equal(await rows.count(), Math.min(25, all.body.total));
    // Sorted as the API returns them.
    const firstApi = all.body.items[0];
    assert.equal(await rows.first().locator('th a').textContent(), `${firstApi.family_name}, ${firstApi.given_names}`);
    await assertAccessible(page, 'participant list');
    await screenshot(page, 'list');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('paging goes to the next page', async () => {
    const all = await api(server.url, cookie, 'GET', '/api/participants?per_page=100');
    if (all.body.total <= 25) return;
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager', undefined, LIST);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('page') === '2'),
      page.getByRole('navigation', { name: 'Paginering' }).getByRole('link', { name: /Volgende/ }).click(),
    ]);
    await page.waitForSelector('body[data-ready="true"]');
    const rows = page.locator('#results tbody tr');
    assert.equal(await rows.count(), Math.min(25, all.body.total - 25));
    assert.equal(await rows.first().locator('th a').textContent(), `${all.body.items[25].family_name}, ${all.body.items[25].given_names}`);
    assert.match(await page.locator('#result-count').textContent(), /pagina 2 van/);
    await assertAccessible(page, 'participant list page 2');
    await page.context().close();
  });

  test('search by name finds the participant', async () => {
    const all = await api(server.url, cookie, 'GET', '/api/participants?per_page=100');
    const target = all.body.items[Math.floor(all.body.items.length / 2)];
    const expected = await api(server.url, cookie, 'GET', `/api/participants?q=${encodeURIComponent(target.family_name)}&per_page=100`);
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager', undefined, LIST);
    await page.getByLabel('Naam').fill(target.family_name);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('q') === target.family_name),
      page.getByRole('button', { name: 'Zoeken' }).click(),
    ]);
    await page.waitForSelector('body[data-ready="true"]');
    // The search box keeps the query.
    assert.equal(await page.getByLabel('Naam').inputValue(), target.family_name);
    const names = await page.locator('#results tbody th a').allTextContents();
    assert.equal(names.length, Math.min(25, expected.body.total));
    assert.ok(names.includes(`${target.family_name}, ${target.given_names}`), `${target.family_name} in ${names}`);
    assert.match(await page.locator('#result-count').textContent(), new RegExp(`^${expected.body.total} deelnemer`));
    await assertAccessible(page, 'search results');
    await screenshot(page, 'search');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('a search without results says so', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager', undefined, LIST);
    await goto(page, `${server.url}/index.html?q=Zzyzxbestaatniet`);
    assert.match(await page.locator('#result-count').textContent(), /Geen deelnemers gevonden/);
    assert.equal(await page.locator('#results table').count(), 0);
    await page.context().close();
  });

  test('the arrival date filter matches the API', async () => {
    const all = await api(server.url, cookie, 'GET', '/api/participants?per_page=100');
    const dates = all.body.items.map((p) => p.arrival_date).filter(Boolean).sort();
    assert.ok(dates.length > 2, 'demo participants have arrival dates');
    const from = dates[Math.floor(dates.length / 4)];
    const to = dates[Math.floor((3 * dates.length) / 4)];
    const expected = await api(server.url, cookie, 'GET', `/api/participants?arrival_from=${from}&arrival_to=${to}&per_page=100`);
    assert.equal(expected.status, 200);
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager', undefined, LIST);
    await page.getByLabel('Aankomst vanaf').fill(from);
    await page.getByLabel('Aankomst tot en met').fill(to);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('arrival_from') === from),
      page.getByRole('button', { name: 'Zoeken' }).click(),
    ]);
    await page.waitForSelector('body[data-ready="true"]');
    const count = await page.locator('#result-count').textContent();
    assert.match(count, new RegExp(`^${expected.body.total} deelnemer`));
    assert.equal(await page.locator('#results tbody tr').count(), Math.min(25, expected.body.total));
    await page.context().close();
  });

  test('the organisation filter lists organisations', async () => {
    const orgs = await api(server.url, cookie, 'GET', '/api/organisations');
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager', undefined, LIST);
    const options = await page.getByLabel('Organisatie').locator('option').allTextContents();
    assert.equal(options.length, orgs.body.items.length + 1);
    assert.equal(options[0], 'Alle organisaties');
    const org = orgs.body.items[0];
    const expected = await api(server.url, cookie, 'GET', `/api/participants?organisation=${org.id}&per_page=100`);
    assert.equal(expected.status, 200);
    await page.getByLabel('Organisatie').selectOption(String(org.id));
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('organisation') === String(org.id)),
      page.getByRole('button', { name: 'Zoeken' }).click(),
    ]);
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.getByLabel('Organisatie').inputValue(), String(org.id));
    if (expected.body.total === 0) {
      assert.match(await page.locator('#result-count').textContent(), /Geen deelnemers/);
    } else {
      assert.match(await page.locator('#result-count').textContent(), new RegExp(`^${expected.body.total} deelnemer`));
    }
    await page.context().close();
  });

  test('open a dossier from the list', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager', undefined, LIST);
    const link = page.locator('#results tbody th a').first();
    const name = await link.textContent();
    const [family, given] = name.split(', ');
    await Promise.all([
      page.waitForURL((u) => u.pathname.endsWith('/dossier.html')),
      link.click(),
    ]);
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), `${given} ${family}`);
    const id = new URL(page.url()).searchParams.get('id');
    const p = await api(server.url, cookie, 'GET', `/api/participants/${id}`);
    // Every category heading is there; the readable ones show the values.
    for (const heading of ['Identiteit', 'Contactgegevens', 'BSN', 'Opleiding en werk', 'Inburgering', 'Inkomen', 'Gezondheid', 'Traject']) {
      assert.equal(await page.getByRole('heading', { level: 3, name: new RegExp(`^${heading}`) }).count(), 1, heading);
    }
    const identity = page.locator('section[data-category="identity"]');
    assert.match(await identity.textContent(), new RegExp(p.body.family_name));
    if (p.body.bsn) assert.match(await page.locator('section[data-category="bsn"]').textContent(), new RegExp(p.body.bsn));
    assert.equal(await page.getByRole('heading', { level: 2, name: 'Toestemmingen' }).count(), 1);
    assert.equal(await page.getByRole('heading', { level: 2, name: 'Betrokkenen' }).count(), 1);
    await assertAccessible(page, 'dossier');
    await screenshot(page, 'dossier');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the director sees the processing log, categories it may not read are afgeschermd', async () => {
    const dir = await login(server.url, 'regisseur');
    const list = await api(server.url, dir, 'GET', '/api/participants?per_page=5');
    assert.equal(list.status, 200);
    const id = list.body.items[0].id;
    const p = await api(server.url, dir, 'GET', `/api/participants/${id}`);
    const page = await newPage(browser);
    await loginUi(page, server.url, 'regisseur');
    await goto(page, `${server.url}/dossier.html?id=${id}`);
    const log = page.locator('#verwerkingen');
    assert.equal(await log.isVisible(), true);
    await page.locator('#log-list table, #log-list p, #log-message .utrecht-alert').first().waitFor();
    for (const cat of ['identity', 'contact', 'bsn', 'education_work', 'civic_integration', 'income', 'health', 'path']) {
      const section = page.locator(`section[data-category="${cat}"]`);
      const readable = p.body.access.categories.includes(cat);
      assert.equal(/afgeschermd/.test(await section.textContent()), !readable, `${cat} readable=${readable}`);
    }
    await assertAccessible(page, 'dossier as director with processing log');
    await screenshot(page, 'dossier-director');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('on a small screen the pages fit the width and stay accessible', async () => {
    const page = await newPage(browser);
    await page.setViewportSize({ width: 390, height: 844 });
    await loginUi(page, server.url, 'regisseur', undefined, LIST);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(await overflow() <= 1, 'list page fits');
    await assertAccessible(page, 'participant list on a small screen');
    const first = page.locator('#results tbody th a').first();
    await Promise.all([page.waitForURL((u) => u.pathname.endsWith('/dossier.html')), first.click()]);
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('#log-list table, #log-list p, #log-message .utrecht-alert').first().waitFor();
    assert.ok(await overflow() <= 1, 'dossier fits');
    await assertAccessible(page, 'dossier on a small screen');
    await screenshot(page, 'dossier-small');
    await page.context().close();
  });

  test('a job coach does not get the processing log section', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'jobcoach', undefined, LIST);
    const first = page.locator('#results tbody th a').first();
    if (await first.count() === 0) { await page.context().close(); return; }
    await Promise.all([page.waitForURL((u) => u.pathname.endsWith('/dossier.html')), first.click()]);
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.locator('#verwerkingen').isVisible(), false);
    await assertAccessible(page, 'dossier as job coach');
    await page.context().close();
  });
});
