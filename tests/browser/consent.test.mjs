// Browser tests: consent and what a volunteer sees. Categories without the
// participant's consent are shown as "afgeschermd"; consent recorded in the
// dossier opens a category, revoking it closes it again on the next request.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from '../lib/server.mjs';
import { launch, newPage, loginUi, goto, assertAccessible, screenshot, assertNoPageErrors } from './helpers.mjs';

const CATEGORIES = ['identity', 'contact', 'bsn', 'education_work', 'civic_integration', 'income', 'health', 'path'];

describe('consent and the volunteer', () => {
  let server;
  let browser;
  let km;
  let vol;
  let volOrg;
  let pid;

  before(async () => {
    server = await startServer({ participants: 12 });
    browser = await launch();
    km = await login(server.url, 'klantmanager');
    vol = await login(server.url, 'vrijwilliger');
    const admin = await login(server.url, 'beheerder');
    const me = await api(server.url, vol, 'GET', '/api/me');
    volOrg = me.body.user.organisation_id;
    const volId = me.body.user.id;
    assert.ok(volOrg && volId);
    const users = await api(server.url, admin, 'GET', '/api/users');
    assert.ok(users.body.items.some((u) => u.id === volId));

    // A participant linked to the volunteer without any consent for the
    // volunteer's organisation: link one if need be.
    const list = await api(server.url, km, 'GET', '/api/participants?per_page=100');
    for (const p of list.body.items) {
      const consents = await api(server.url, km, 'GET', `/api/participants/${p.id}/consents`);
      const mine = (consents.body?.items || []).filter((c) => c.organisation_id === volOrg && c.active !== false);
      if (mine.length === 0) { pid = p.id; break; }
    }
    assert.ok(pid, 'a participant without consent for the volunteer organisation');
    const links = await api(server.url, km, 'GET', `/api/participants/${pid}/links`);
    if (!links.body.items.some((l) => l.kind === 'volunteer' && l.user_id === volId && !l.end_date)) {
      const r = await api(server.url, km, 'POST', `/api/participants/${pid}/links`, { kind: 'volunteer', user_id: volId });
      assert.equal(r.status, 201, r.text);
    }
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function volunteerView() {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'vrijwilliger');
    await goto(page, `${server.url}/dossier.html?id=${pid}`);
    return page;
  }

  test('without consent the volunteer sees nothing of the participant', async () => {
    const r = await api(server.url, vol, 'GET', `/api/participants/${pid}`);
    const page = await volunteerView();
    if (r.status === 403) {
      assert.match(await page.locator('#dossier-message').textContent(), /geen toegang/);
    } else {
      assert.equal(r.status, 200);
      for (const cat of CATEGORIES) {
        const text = await page.locator(`section[data-category="${cat}"]`).textContent();
        assert.equal(/afgeschermd/.test(text), !r.body.access.categories.includes(cat), cat);
      }
    }
    await assertAccessible(page, 'dossier as volunteer without consent');
    await screenshot(page, 'volunteer-no-consent');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the case manager records consent for identity in the dossier', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await goto(page, `${server.url}/dossier.html?id=${pid}`);
    const form = page.locator('#consent-form');
    await form.getByLabel('Organisatie').selectOption(String(volOrg));
    await form.getByLabel('Gegevenscategorie').selectOption('identity');
    await assertAccessible(page, 'dossier consent form');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/participants/${pid}/consents`) && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Toestemming vastleggen' }).click(),
    ]);
    await page.locator('#consent-message .utrecht-alert--ok').waitFor();
    const orgName = (await api(server.url, km, 'GET', '/api/organisations')).body.items.find((o) => o.id === volOrg).name;
    const row = page.locator('#consent-list tbody tr', { hasText: orgName }).filter({ hasText: 'identiteit' })
      .filter({ has: page.getByRole('button', { name: /^Toestemming intrekken/ }) });
    await row.waitFor();
    await assertAccessible(page, 'dossier with consent');
    await screenshot(page, 'consent-added');
    const consents = await api(server.url, km, 'GET', `/api/participants/${pid}/consents`);
    assert.ok(consents.body.items.some((c) => c.organisation_id === volOrg && c.category === 'identity' && c.active !== false));
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('with consent for identity only, the volunteer sees identity and "afgeschermd" for the rest', async () => {
    const r = await api(server.url, vol, 'GET', `/api/participants/${pid}`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.body.access.categories.includes('identity'));
    const page = await volunteerView();
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), `${r.body.given_names} ${r.body.family_name}`);
    const identity = await page.locator('section[data-category="identity"]').textContent();
    assert.doesNotMatch(identity, /afgeschermd/);
    assert.match(identity, new RegExp(r.body.family_name));
    for (const cat of ['contact', 'bsn', 'income', 'health', 'education_work', 'civic_integration']) {
      const text = await page.locator(`section[data-category="${cat}"]`).textContent();
      assert.match(text, /afgeschermd/, cat);
    }
    // Nothing of a restricted category leaks into the page.
    const all = await api(server.url, km, 'GET', `/api/participants/${pid}`);
    if (all.body.bsn) assert.equal((await page.content()).includes(all.body.bsn), false, 'BSN not in the page');
    // The volunteer may not edit.
    assert.equal(await page.getByRole('button', { name: 'Gegevens wijzigen' }).isVisible(), false);
    await assertAccessible(page, 'dossier as volunteer');
    await screenshot(page, 'volunteer');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('after the case manager revokes it, identity is afgeschermd again', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await goto(page, `${server.url}/dossier.html?id=${pid}`);
    const orgName = (await api(server.url, km, 'GET', '/api/organisations')).body.items.find((o) => o.id === volOrg).name;
    await Promise.all([
      page.waitForResponse((r) => /\/consents\/\d+\/revoke$/.test(r.url())),
      page.getByRole('button', { name: `Toestemming intrekken: ${orgName}, identiteit` }).click(),
    ]);
    await page.locator('#consent-message .utrecht-alert--ok').waitFor();
    await page.locator('#consent-list tbody tr', { hasText: 'ingetrokken' }).first().waitFor();
    await assertAccessible(page, 'dossier after revoking consent');
    await page.context().close();

    const r = await api(server.url, vol, 'GET', `/api/participants/${pid}`);
    const vpage = await volunteerView();
    if (r.status === 403) {
      assert.match(await vpage.locator('#dossier-message').textContent(), /geen toegang/);
    } else {
      assert.equal(r.status, 200);
      assert.equal(r.body.access.categories.includes('identity'), false);
      assert.match(await vpage.locator('section[data-category="identity"]').textContent(), /afgeschermd/);
    }
    await assertAccessible(vpage, 'dossier as volunteer after revocation');
    await vpage.context().close();
  });
});
