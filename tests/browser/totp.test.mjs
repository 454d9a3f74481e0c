// Browser tests: tweestapsverificatie. A user of an organisation that
// requires it is sent to their account page, sets it up there (QR code and
// key drawn by meedoen, a first code computed here with node's crypto),
// sees the recovery codes once, logs out, and logs in again with password
// and code. The admin resets it and sets the requirement on the users page.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from '../lib/server.mjs';
import { totp } from '../lib/totp.mjs';
import { launch, newPage, loginUi, goto, ready, assertAccessible, screenshot, assertNoPageErrors } from './helpers.mjs';

const NAME = 'tweestaps.coach';
const PASSWORD = 'twee-stappen-wachtwoord';

describe('tweestapsverificatie', () => {
  let server;
  let browser;
  let admin;
  let org;
  let secret;

  before(async () => {
    server = await startServer({ participants: 5 });
    browser = await launch();
    admin = await login(server.url, 'beheerder');
    const o = await api(server.url, admin, 'POST', '/api/organisations', { name: 'Gemeente Tweestaps', type: 'municipality' });
    assert.equal(o.status, 201, o.text);
    org = o.body;
    const u = await api(server.url, admin, 'POST', '/api/users', {
      username: NAME, display_name: 'Tweestaps Coach', password: PASSWORD, role: 'case_manager', organisation_id: org.id,
    });
    assert.equal(u.status, 201, u.text);
    const r = await api(server.url, admin, 'PATCH', `/api/organisations/${org.id}`, { require_second_factor: true });
    assert.equal(r.status, 200, r.text);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('set up on the own account page, log out, log in with password and code', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, NAME, PASSWORD);
    assert.equal(new URL(page.url()).pathname, '/account.html', 'sent to the account page to set it up');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Mijn account');
    assert.match(await page.locator('#second-factor-status').textContent(), /organisatie vereist tweestapsverificatie/);
    // only the account page is offered until it is set up
    assert.equal(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').count(), 0);
    await assertAccessible(page, 'account page before setup');
    // another page sends the user back
    await page.goto(`${server.url}/worklist.html`);
    await page.waitForURL((u) => u.pathname === '/account.html');
    await ready(page);

    await page.getByRole('button', { name: 'Tweestapsverificatie instellen' }).click();
    const qr = page.getByRole('img', { name: /QR-code/ });
    await qr.waitFor();
    assert.ok((await qr.locator('path').getAttribute('d')).length > 100, 'the QR modules are drawn');
    secret = (await page.locator('#totp-secret').textContent()).replace(/\s+/g, '');
    assert.match(secret, /^[A-Z2-7]{32}$/);
    await assertAccessible(page, 'account page while setting up');
    await screenshot(page, 'account-setup');

    // a wrong code is reported beside the field
    await page.getByLabel(/^Code uit de app/).fill(totp(secret, 4));
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.locator('#confirm-code[aria-invalid="true"]').waitFor();
    await assertAccessible(page, 'account page with a wrong code');

    await page.getByLabel(/^Code uit de app/).fill(totp(secret));
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    const codes = page.locator('#recovery-codes li');
    await codes.first().waitFor();
    assert.equal(await codes.count(), 10);
    assert.match(await codes.first().textContent(), /^[a-z2-7]{5}-[a-z2-7]{5}$/);
    assert.match(await page.locator('#second-factor-status').textContent(), /staat aan/);
    assert.ok(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Werkvoorraad' }).count() === 1,
      'the whole navigation once it is set up');
    await assertAccessible(page, 'account page with the recovery codes');
    await screenshot(page, 'account-recovery-codes');

    await Promise.all([
      page.waitForURL((u) => u.pathname.endsWith('/login.html')),
      page.getByRole('button', { name: 'Uitloggen' }).click(),
    ]);
    await ready(page);
    await page.getByLabel('Gebruikersnaam').fill(NAME);
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    const code = page.getByLabel('Code', { exact: true });
    await code.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'code');
    await assertAccessible(page, 'login page, second step');
    await screenshot(page, 'login-code');
    // a wrong code keeps the user here
    await code.fill('000000' === totp(secret, 1) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Code bevestigen' }).click();
    await page.getByRole('alert').filter({ hasText: /code is onjuist/ }).waitFor();
    await code.fill(totp(secret, 1)); // the setup took the current step
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/worklist.html'),
      page.getByRole('button', { name: 'Code bevestigen' }).click(),
    ]);
    await ready(page);
    assert.match(await page.locator('#site-header').textContent(), /Tweestaps Coach/);

    await goto(page, `${server.url}/account.html`);
    assert.match(await page.locator('#second-factor-status').textContent(), /nog 10 herstelcodes/);
    assert.match(await page.locator('#second-factor-body').textContent(), /niet uitzetten/);
    await assertAccessible(page, 'account page with tweestapsverificatie on');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the admin requires it per organisation and resets it on the users page', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'beheerder');
    const row = page.locator('#users-list tbody tr', { hasText: NAME });
    assert.match(await row.textContent(), /aan \(vereist\)/);
    const orgRow = page.locator('#orgs-list tbody tr', { hasText: 'Gemeente Tweestaps' });
    assert.match(await orgRow.textContent(), /vereist/);
    await assertAccessible(page, 'users page with organisations');

    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/second-factor/reset')),
      row.getByRole('button', { name: `Tweestapsverificatie resetten: ${NAME}` }).click(),
    ]);
    await page.locator('#users-message .utrecht-alert--ok').waitFor();
    assert.match(await page.locator('#users-list tbody tr', { hasText: NAME }).textContent(), /uit \(vereist\)/);

    const swc = 'WerkPlein Westland (sw-bedrijf)';
    await Promise.all([
      page.waitForResponse((r) => /\/api\/organisations\/\d+$/.test(r.url()) && r.request().method() === 'PATCH'),
      page.locator('#orgs-list tbody tr', { hasText: swc }).getByRole('button', { name: `Tweestapsverificatie vereisen: ${swc}` }).click(),
    ]);
    await page.locator('#orgs-message .utrecht-alert--ok').waitFor();
    const orgs = (await api(server.url, admin, 'GET', '/api/organisations')).body.items;
    assert.equal(orgs.find((o) => o.name === swc).require_second_factor, true);
    assert.match(await page.locator('#users-list tbody tr', { has: page.getByRole('rowheader', { name: 'jobcoach', exact: true }) }).textContent(), /uit \(vereist\)/);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')),
      `Tweestapsverificatie niet meer vereisen: ${swc}`, 'focus stays on the toggled button');
    await assertAccessible(page, 'users page after requiring it');
    assertNoPageErrors(page);
    await page.context().close();
  });
});
