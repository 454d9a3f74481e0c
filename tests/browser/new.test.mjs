// Browser tests: registering a new participant.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from '../lib/server.mjs';
import { launch, newPage, loginUi, goto, assertAccessible, screenshot, assertNoPageErrors, validBsn } from './helpers.mjs';

describe('new participant', () => {
  let server;
  let browser;
  let cookie;

  before(async () => {
    server = await startServer({ participants: 5 });
    browser = await launch();
    cookie = await login(server.url, 'klantmanager');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the form is accessible; missing required fields are named beside them', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await page.getByRole('link', { name: 'Nieuwe deelnemer' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/new.html'));
    await page.waitForSelector('body[data-ready="true"]');
    await assertAccessible(page, 'new participant form');
    await screenshot(page, 'new');
    const before = await api(server.url, cookie, 'GET', '/api/participants?per_page=1');
    await page.getByRole('button', { name: 'Deelnemer opslaan' }).click();
    const summary = page.locator('#new-errors [role="alert"]');
    await summary.waitFor();
    for (const id of ['n-family_name', 'n-given_names', 'n-birth_date']) {
      const input = page.locator(`#${id}`);
      assert.equal(await input.getAttribute('aria-invalid'), 'true', id);
      assert.ok((await input.getAttribute('aria-describedby')).split(' ').includes(`${id}-error`), id);
      assert.notEqual((await page.locator(`#${id}-error`).textContent()).trim(), '', id);
    }
    await assertAccessible(page, 'new participant form with errors');
    await screenshot(page, 'new-errors');
    const after = await api(server.url, cookie, 'GET', '/api/participants?per_page=1');
    assert.equal(after.body.total, before.body.total, 'nothing created');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('create a participant and land on the new dossier', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await goto(page, `${server.url}/new.html`);
    const form = page.locator('#new-form');
    await form.getByLabel('Kenmerk COA (extern id)').fill('NEW-0001');
    await form.getByLabel('Achternaam').fill('Nieuwkomer');
    await form.getByLabel('Voornamen').fill('Rania');
    await form.getByLabel('Geboortedatum').fill('1993-07-21');
    await form.getByLabel('Geslacht').selectOption('female');
    await form.getByLabel('Land van herkomst').selectOption('SY');
    await form.getByLabel('Taal toevoegen', { exact: true }).selectOption('ar');
    await form.getByRole('button', { name: 'Taal toevoegen' }).click();
    await form.getByLabel('Aankomst in de gemeente').fill('2025-01-10');
    await form.getByLabel('Postcode').fill('2671 CD');
    await form.getByLabel('BSN').fill(validBsn(777));
    await Promise.all([
      page.waitForURL((u) => u.pathname.endsWith('/dossier.html')),
      page.getByRole('button', { name: 'Deelnemer opslaan' }).click(),
    ]);
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Rania Nieuwkomer');
    const id = new URL(page.url()).searchParams.get('id');
    const p = await api(server.url, cookie, 'GET', `/api/participants/${id}`);
    assert.equal(p.status, 200);
    assert.equal(p.body.family_name, 'Nieuwkomer');
    assert.equal(p.body.external_id, 'NEW-0001');
    assert.deepEqual(p.body.languages, ['ar']);
    assert.equal(p.body.bsn, validBsn(777));
    assert.equal(p.body.target_group, 'newcomer');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('a duplicate external id is reported at that field', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await goto(page, `${server.url}/new.html`);
    const form = page.locator('#new-form');
    await form.getByLabel('Kenmerk COA (extern id)').fill('NEW-0001');
    await form.getByLabel('Achternaam').fill('Dubbel');
    await form.getByLabel('Voornamen').fill('Test');
    await form.getByLabel('Geboortedatum').fill('1990-01-01');
    await page.getByRole('button', { name: 'Deelnemer opslaan' }).click();
    await page.locator('#new-errors [role="alert"]').waitFor();
    assert.equal(await page.locator('#n-external_id').getAttribute('aria-invalid'), 'true');
    assert.ok(new URL(page.url()).pathname.endsWith('/new.html'));
    await assertAccessible(page, 'new participant with duplicate id');
    await page.context().close();
  });
});
