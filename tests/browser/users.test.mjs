// Browser tests: user administration by the admin (beheerder).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from '../lib/server.mjs';
import { launch, newPage, loginUi, goto, assertAccessible, screenshot, assertNoPageErrors } from './helpers.mjs';

describe('users (admin)', () => {
  let server;
  let browser;
  let admin;

  before(async () => {
    server = await startServer({ participants: 5 });
    browser = await launch();
    admin = await login(server.url, 'beheerder');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the admin lands on the user list, which is accessible', async () => {
    const users = await api(server.url, admin, 'GET', '/api/users');
    assert.equal(users.status, 200);
    const page = await newPage(browser);
    await loginUi(page, server.url, 'beheerder');
    assert.ok(new URL(page.url()).pathname.endsWith('/users.html'));
    assert.match(await page.locator('#site-header').textContent(), /beheerder/);
    const rows = page.locator('#users-list tbody tr');
    assert.equal(await rows.count(), users.body.items.length);
    assert.ok((await page.locator('#users-list').textContent()).includes('vrijwilliger'));
    await assertAccessible(page, 'user list');
    await screenshot(page, 'users');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('add a user; the new user can log in; deactivate ends that', async () => {
    const orgs = (await api(server.url, admin, 'GET', '/api/organisations')).body.items;
    const swb = orgs.find((o) => o.type === 'social_work_company') || orgs[0];
    const page = await newPage(browser);
    await loginUi(page, server.url, 'beheerder');
    const form = page.locator('#user-form');
    await form.getByLabel('Gebruikersnaam').fill('jobcoach3');
    await form.getByLabel(/^Naam/).fill('Derde Jobcoach');
    await form.getByLabel('Wachtwoord').fill('een-lang-wachtwoord');
    await form.getByLabel('Rol').selectOption('job_coach');
    await form.getByLabel('Organisatie').selectOption(String(swb.id));
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/users') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Gebruiker toevoegen' }).click(),
    ]);
    await page.locator('#add-message .utrecht-alert--ok').waitFor();
    const row = page.locator('#users-list tbody tr', { hasText: 'jobcoach3' });
    await row.waitFor();
    assert.match(await row.textContent(), /Derde Jobcoach/);
    assert.match(await row.textContent(), /jobcoach/);
    assert.match(await row.textContent(), /actief/);
    await assertAccessible(page, 'user list after adding');

    const r = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'jobcoach3', password: 'een-lang-wachtwoord' }) });
    assert.equal(r.status, 200);

    await Promise.all([
      page.waitForResponse((res) => /\/api\/users\/\d+$/.test(res.url()) && res.request().method() === 'PATCH'),
      row.getByRole('button', { name: 'Deactiveren: jobcoach3' }).click(),
    ]);
    await page.locator('#users-list tbody tr', { hasText: 'jobcoach3' }).filter({ hasText: 'gedeactiveerd' }).waitFor();
    const r2 = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'jobcoach3', password: 'een-lang-wachtwoord' }) });
    assert.equal(r2.status, 401);
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('errors are shown beside the fields', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'beheerder');
    const form = page.locator('#user-form');
    await form.getByLabel('Gebruikersnaam').fill('kort');
    await form.getByLabel(/^Naam/).fill('Kort Wachtwoord');
    await form.getByLabel('Wachtwoord').fill('kort');
    await page.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
    await page.locator('#user-errors [role="alert"]').waitFor();
    assert.equal(await page.locator('#u-password').getAttribute('aria-invalid'), 'true');
    assert.notEqual((await page.locator('#u-password-error').textContent()).trim(), '');
    await assertAccessible(page, 'add user with errors');
    await screenshot(page, 'users-errors');

    // A duplicate user name is reported at the user name.
    await form.getByLabel('Gebruikersnaam').fill('klantmanager');
    await form.getByLabel('Wachtwoord').fill('een-lang-wachtwoord');
    await form.getByLabel('Rol').selectOption('case_manager');
    const orgs = (await api(server.url, admin, 'GET', '/api/organisations')).body.items;
    const muni = orgs.find((o) => o.type === 'municipality') || orgs[0];
    await form.getByLabel('Organisatie').selectOption(String(muni.id));
    await page.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
    await page.locator('#u-username[aria-invalid="true"]').waitFor();
    assert.equal(await page.locator('#u-password').getAttribute('aria-invalid'), null);
    await page.context().close();
  });

  test('a non-admin gets a friendly refusal', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await goto(page, `${server.url}/users.html`);
    assert.match(await page.locator('#users-message').textContent(), /Alleen een beheerder/);
    assert.equal(await page.locator('#add-user').isVisible(), false);
    await assertAccessible(page, 'users page as non-admin');
    await page.context().close();
  });
});
