// Browser tests: editing a dossier. A change is saved with PATCH and stays
// after a reload; an invalid BSN is shown beside the field (aria-invalid,
// aria-describedby) and in the error summary, and changes nothing.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from '../lib/server.mjs';
import { launch, newPage, loginUi, goto, assertAccessible, screenshot, assertNoPageErrors, invalidBsn, validBsn } from './helpers.mjs';

describe('dossier editing', () => {
  let server;
  let browser;
  let cookie;
  let id;

  before(async () => {
    server = await startServer({ participants: 12 });
    browser = await launch();
    cookie = await login(server.url, 'klantmanager');
    const list = await api(server.url, cookie, 'GET', '/api/participants?per_page=100');
    assert.equal(list.status, 200);
    // A participant whose contact and bsn categories the case manager may write.
    for (const item of list.body.items) {
      const p = await api(server.url, cookie, 'GET', `/api/participants/${item.id}`);
      const w = p.body.access?.writable || [];
      if (w.includes('contact') && w.includes('bsn') && w.includes('education_work')) { id = item.id; break; }
    }
    assert.ok(id, 'a participant the case manager may edit');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openEdit(page) {
    await goto(page, `${server.url}/dossier.html?id=${id}`);
    await page.getByRole('button', { name: 'Gegevens wijzigen' }).click();
    await page.locator('#edit-form').waitFor({ state: 'visible' });
  }

  async function save(page) {
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/participants/${id}`) && r.request().method() === 'PATCH'),
      page.getByRole('button', { name: 'Opslaan' }).click(),
    ]);
  }

  test('edit a field, save, reload: the change stays', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await openEdit(page);
    await assertAccessible(page, 'dossier edit form');
    await screenshot(page, 'dossier-edit');
    const city = page.getByLabel('Woonplaats', { exact: true });
    await city.fill('Honselersdijk');
    await page.locator('#edit-form').getByLabel('Ambities').fill('Tuinbouw, later een eigen kwekerij');
    await save(page);
    const ok = page.locator('#save-message .utrecht-alert--ok');
    await ok.waitFor();
    assert.match(await ok.textContent(), /opgeslagen/);
    assert.equal(await page.locator('#edit-form').isVisible(), false);
    assert.match(await page.locator('section[data-category="contact"]').textContent(), /Honselersdijk/);

    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    assert.match(await page.locator('section[data-category="contact"]').textContent(), /Honselersdijk/);
    assert.match(await page.locator('section[data-category="education_work"]').textContent(), /Tuinbouw, later een eigen kwekerij/);
    const p = await api(server.url, cookie, 'GET', `/api/participants/${id}`);
    assert.equal(p.body.city, 'Honselersdijk');
    assert.equal(p.body.ambitions, 'Tuinbouw, later een eigen kwekerij');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('only changed fields are sent', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await openEdit(page);
    await page.locator('#edit-form').getByLabel('Telefoonnummer').fill('+31 6 1111 2222');
    const [req] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith(`/api/participants/${id}`) && r.method() === 'PATCH'),
      page.getByRole('button', { name: 'Opslaan' }).click(),
    ]);
    assert.deepEqual(JSON.parse(req.postData()), { phone: '+31 6 1111 2222' });
    await page.locator('#save-message .utrecht-alert--ok').waitFor();
    await page.context().close();
  });

  test('an invalid BSN is shown beside the field and nothing changes', async () => {
    const before = await api(server.url, cookie, 'GET', `/api/participants/${id}`);
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await openEdit(page);
    const bad = invalidBsn();
    await page.locator('#edit-form').getByLabel('BSN', { exact: true }).fill(bad);
    await page.locator('#edit-form').getByLabel('Woonplaats', { exact: true }).fill('Monster');
    await save(page);
    const summary = page.locator('#edit-errors [role="alert"]');
    await summary.waitFor();
    assert.match(await summary.textContent(), /BSN/);
    // Focus moves to the summary; its link leads to the field.
    assert.equal(await page.evaluate(() => document.activeElement?.closest('#edit-errors') !== null), true);
    const bsn = page.locator('#f-bsn');
    assert.equal(await bsn.getAttribute('aria-invalid'), 'true');
    const describedBy = (await bsn.getAttribute('aria-describedby')).split(' ');
    assert.ok(describedBy.includes('f-bsn-error'), describedBy.join(' '));
    const message = page.locator('#f-bsn-error');
    assert.equal(await message.isVisible(), true);
    assert.match(await message.textContent(), /11|bsn/i);
    // The message sits in the same form field as the input.
    assert.equal(await page.locator('[data-field="bsn"]').locator('#f-bsn-error').count(), 1);
    // Other fields are not marked.
    assert.equal(await page.locator('#f-city').getAttribute('aria-invalid'), null);
    await assertAccessible(page, 'dossier with validation errors');
    await screenshot(page, 'dossier-errors');
    await summary.getByRole('link').first().click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-bsn');

    const after = await api(server.url, cookie, 'GET', `/api/participants/${id}`);
    assert.equal(after.body.bsn, before.body.bsn);
    assert.equal(after.body.city, before.body.city, 'the valid change in the same request is not stored either');
    assert.equal(after.body.updated_at, before.body.updated_at);

    // Correcting the value clears the error on the next save.
    await page.locator('#edit-form').getByLabel('BSN', { exact: true }).fill(validBsn(4242));
    await save(page);
    await page.locator('#save-message .utrecht-alert--ok').waitFor();
    const fixed = await api(server.url, cookie, 'GET', `/api/participants/${id}`);
    assert.equal(fixed.body.bsn, validBsn(4242));
    assert.equal(fixed.body.city, 'Monster');
    assertNoPageErrors(page);
    await page.context().close();
  });

  // docs/api.md: a 422 lists every invalid field at once.
  test('every invalid field is reported at once', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await openEdit(page);
    await page.locator('#edit-form').getByLabel('BSN', { exact: true }).fill(invalidBsn());
    await page.locator('#edit-form').getByLabel('Geboortedatum').fill('2999-01-01');
    await save(page);
    await page.locator('#edit-errors [role="alert"]').waitFor();
    try {
      assert.equal(await page.locator('#f-bsn').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('#f-birth_date').getAttribute('aria-invalid'), 'true');
    } finally {
      await page.context().close();
    }
  });

  test('diplomas and work history are repeatable rows', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await openEdit(page);
    const diplomas = page.locator('[data-field="diplomas"]');
    const rowsBefore = await diplomas.locator('.meedoen-repeat-row').count();
    await page.getByRole('button', { name: 'Diploma toevoegen' }).click();
    const row = diplomas.locator('.meedoen-repeat-row').nth(rowsBefore);
    await row.getByLabel('Diploma', { exact: true }).fill('Certificaat heftruck');
    await row.getByLabel('Niveau (ISCED)').selectOption('3');
    const work = page.locator('[data-field="work_history"]');
    const workBefore = await work.locator('.meedoen-repeat-row').count();
    await page.getByRole('button', { name: 'Werkervaring toevoegen' }).click();
    const wrow = work.locator('.meedoen-repeat-row').nth(workBefore);
    await wrow.getByLabel('Beroep', { exact: true }).fill('Kassenbouwer');
    await wrow.getByLabel('Jaren').fill('3');
    await assertAccessible(page, 'dossier edit form with new rows');
    await save(page);
    await page.locator('#save-message .utrecht-alert--ok').waitFor();
    const p = await api(server.url, cookie, 'GET', `/api/participants/${id}`);
    assert.equal(p.body.diplomas.length, rowsBefore + 1);
    assert.equal(p.body.diplomas[rowsBefore].title, 'Certificaat heftruck');
    assert.equal(p.body.diplomas[rowsBefore].isced_level, 3);
    assert.equal(p.body.work_history.length, workBefore + 1);
    assert.equal(p.body.work_history[workBefore].occupation, 'Kassenbouwer');
    assert.equal(p.body.work_history[workBefore].years, 3);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    assert.match(await page.locator('section[data-category="education_work"]').textContent(), /Certificaat heftruck/);

    // Remove the row again.
    await page.getByRole('button', { name: 'Gegevens wijzigen' }).click();
    await page.getByRole('button', { name: `Diploma ${rowsBefore + 1} verwijderen` }).click();
    await save(page);
    await page.locator('#save-message .utrecht-alert--ok').waitFor();
    const p2 = await api(server.url, cookie, 'GET', `/api/participants/${id}`);
    assert.equal((p2.body.diplomas || []).length, rowsBefore);
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('languages: add one from the list and save', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await openEdit(page);
    const before = await api(server.url, cookie, 'GET', `/api/participants/${id}`);
    const langs = before.body.languages || [];
    const codes = (await api(server.url, cookie, 'GET', '/api/codes')).body.languages.map((l) => l.code);
    const extra = ['nl', 'en', 'fr', 'de'].find((c) => codes.includes(c) && !langs.includes(c));
    await page.locator('#edit-form').getByLabel('Taal toevoegen', { exact: true }).selectOption(extra);
    await page.getByRole('button', { name: 'Taal toevoegen' }).click();
    await save(page);
    await page.locator('#save-message .utrecht-alert--ok').waitFor();
    const after = await api(server.url, cookie, 'GET', `/api/participants/${id}`);
    assert.deepEqual([...after.body.languages].sort(), [...langs, extra].sort());
    await page.context().close();
  });

  test('cancel leaves the dossier unchanged', async () => {
    const before = await api(server.url, cookie, 'GET', `/api/participants/${id}`);
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await openEdit(page);
    await page.locator('#edit-form').getByLabel('Woonplaats', { exact: true }).fill('Wateringen');
    await page.getByRole('button', { name: 'Annuleren' }).click();
    assert.equal(await page.locator('#edit-form').isVisible(), false);
    const after = await api(server.url, cookie, 'GET', `/api/participants/${id}`);
    assert.equal(after.body.city, before.body.city);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'edit-button');
    await page.context().close();
  });
});
