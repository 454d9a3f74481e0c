// Browser tests: logging in and out, the 401 redirect back to the page asked for.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launch, newPage, loginUi, assertAccessible, screenshot, assertNoPageErrors, ready } from './helpers.mjs';

describe('login', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer({ participants: 10 });
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the login page is accessible and in Dutch', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/login.html`);
    await ready(page);
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Inloggen');
    await assertAccessible(page, 'login page');
    await screenshot(page, 'login');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('a wrong password shows an error and stays on the login page', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/login.html`);
    await ready(page);
    await page.getByLabel('Gebruikersnaam').fill('klantmanager');
    await page.getByLabel('Wachtwoord').fill('niet-het-wachtwoord');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /gebruikersnaam of het wachtwoord is onjuist/);
    assert.ok(new URL(page.url()).pathname.endsWith('/login.html'));
    // The error summary takes focus so screen readers announce it.
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'alert');
    await assertAccessible(page, 'login page with an error');
    await screenshot(page, 'login-error');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('empty fields are reported beside the fields', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/login.html`);
    await ready(page);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.locator('#username[aria-invalid="true"]').waitFor();
    assert.equal(await page.locator('#username').getAttribute('aria-describedby'), 'username-error');
    assert.match(await page.locator('#username-error').textContent(), /gebruikersnaam/);
    await assertAccessible(page, 'login page with empty fields');
    await page.context().close();
  });

  test('log in, see name and role in the header, log out', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    // The worklist is the page a user lands on.
    assert.ok(new URL(page.url()).pathname.endsWith('/worklist.html'));
    const header = page.locator('#site-header');
    assert.match(await header.textContent(), /klantmanager/);
    await Promise.all([
      page.waitForURL((u) => u.pathname.endsWith('/login.html')),
      page.getByRole('button', { name: 'Uitloggen' }).click(),
    ]);
    // The session is gone on the server: the list sends us back to login.
    await page.goto(`${server.url}/index.html`);
    await page.waitForURL((u) => u.pathname.endsWith('/login.html'));
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('a page opened without a session returns there after login', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/dossier.html?id=2`);
    await page.waitForURL((u) => u.pathname.endsWith('/login.html'));
    const next = new URL(page.url()).searchParams.get('next');
    assert.equal(next, '/dossier.html?id=2');
    await ready(page);
    assert.match(await page.locator('#login-message').textContent(), /Log in om verder te gaan/);
    await page.getByLabel('Gebruikersnaam').fill('klantmanager');
    await page.getByLabel('Wachtwoord').fill('meedoen-demo');
    await Promise.all([
      page.waitForURL((u) => u.pathname.endsWith('/dossier.html')),
      page.getByRole('button', { name: 'Inloggen' }).click(),
    ]);
    assert.equal(new URL(page.url()).search, '?id=2');
    await page.context().close();
  });

  test('keyboard only: skip link, fields in order, Enter submits, focus is visible', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/login.html`);
    await ready(page);
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => ({ text: document.activeElement.textContent, top: document.activeElement.getBoundingClientRect().top }));
    assert.equal(skip.text, 'Direct naar de inhoud');
    assert.ok(skip.top >= 0, 'the skip link is on screen when focused');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'username');
    // A visible focus indicator (outline) on the focused field.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none');
    await page.keyboard.type('klantmanager');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'password');
    await page.keyboard.type('meedoen-demo');
    await Promise.all([
      page.waitForURL((u) => u.pathname.endsWith('/worklist.html')),
      page.keyboard.press('Enter'),
    ]);
    await ready(page);
    // The first tab stop on every page is the skip link; it moves focus to main.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Direct naar de inhoud');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
    await page.context().close();
  });

  test('next never leads to another site', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/login.html?next=${encodeURIComponent('//example.org/x')}`);
    await page.getByLabel('Gebruikersnaam').fill('klantmanager');
    await page.getByLabel('Wachtwoord').fill('meedoen-demo');
    await Promise.all([
      page.waitForURL((u) => !u.pathname.endsWith('/login.html')),
      page.getByRole('button', { name: 'Inloggen' }).click(),
    ]);
    const u = new URL(page.url());
    assert.equal(u.origin, server.url);
    assert.equal(u.pathname, '/worklist.html');
    await page.context().close();
  });
});
