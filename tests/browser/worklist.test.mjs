// Browser tests: the worklist is the page a user lands on. A job coach sees
// the signals on their caseload (the demo has late intakes, hand-overs due,
// drop-outs) with counts per rule; the director also sees the totals per
// rule and per organisation; a user with nothing to do sees an empty state.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from '../lib/server.mjs';
import { launch, newPage, loginUi, assertAccessible, screenshot, assertNoPageErrors } from './helpers.mjs';
import { isoNL } from '../lib/dates.mjs';

describe('worklist', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer({ participants: 40 });
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a job coach lands on the worklist and sees the signals of their caseload', async () => {
    const cookie = await login(server.url, 'jobcoach');
    const r = await api(server.url, cookie, 'GET', '/api/signals');
    assert.equal(r.status, 200, r.text);
    assert.ok(r.body.items.length >= 1, 'the demo gives the job coach at least one signal');

    const page = await newPage(browser);
    await loginUi(page, server.url, 'jobcoach');
    assert.equal(new URL(page.url()).pathname, '/worklist.html');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Werkvoorraad');
    // "Werkvoorraad" is the first item of the main navigation, and the current page.
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    const first = nav.getByRole('link').first();
    assert.equal(await first.textContent(), 'Werkvoorraad');
    assert.equal(await first.getAttribute('aria-current'), 'page');
    assert.equal(await nav.getByRole('link', { name: 'Beschut werk' }).count(), 1);

    const rows = page.locator('#mine-list table.meedoen-signals tbody tr');
    assert.equal(await rows.count(), r.body.items.length);
    // The first row is the first signal of the API (most overdue first), with
    // the participant linking to the dossier and the Dutch label.
    const s = r.body.items[0];
    const row = rows.first();
    const link = row.getByRole('link');
    assert.equal(await link.textContent(), [s.family_name, s.given_names].filter(Boolean).join(', '));
    assert.match(await link.getAttribute('href'), new RegExp(`^/dossier\\.html\\?id=${s.participant_id}(#|$)`));
    const text = await row.textContent();
    assert.ok(text.toLowerCase().includes(s.label.toLowerCase()), `${text} names ${s.label}`);
    const [y, m, d] = s.due.split('-');
    assert.ok(text.includes(`${d}-${m}-${y}`), 'the due date in Dutch order');
    if (Date.parse(s.due) < Date.parse(isoNL())) assert.match(text, /te laat/);

    // Counts per rule: one row per rule with signals, numbers as the API counts them.
    const counts = page.locator('#mine-counts table tbody tr');
    const nonZero = Object.entries(r.body.counts).filter(([, n]) => n > 0);
    assert.equal(await counts.count(), nonZero.length);
    for (const [rule, n] of nonZero) {
      const label = r.body.items.find((it) => it.rule === rule)?.label;
      if (!label) continue;
      const cells = await page.locator('#mine-counts table tbody tr', { hasText: label.charAt(0).toUpperCase() + label.slice(1) }).locator('td').allTextContents();
      assert.equal(cells[0], String(n), rule);
    }
    // The job coach does not get the totals over everybody.
    assert.equal(await page.locator('#overview').isVisible(), false);
    await assertAccessible(page, 'worklist of a job coach');
    await screenshot(page, 'worklist-jobcoach');

    // Filtering on one rule keeps only its signals.
    const rule = nonZero[0][0];
    await page.getByLabel('Soort signaal').selectOption(rule);
    assert.equal(await rows.count(), r.body.items.filter((it) => it.rule === rule).length);
    await page.getByLabel('Soort signaal').selectOption('');
    assert.equal(await rows.count(), r.body.items.length);

    // The link opens the dossier.
    await Promise.all([page.waitForURL((u) => u.pathname === '/dossier.html'), link.click()]);
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the director sees the totals per rule and per organisation', async () => {
    const cookie = await login(server.url, 'regisseur');
    const r = await api(server.url, cookie, 'GET', '/api/signals/summary');
    assert.equal(r.status, 200, r.text);
    assert.ok(r.body.total > 0);

    const page = await newPage(browser);
    await loginUi(page, server.url, 'regisseur');
    assert.equal(new URL(page.url()).pathname, '/worklist.html');
    const overview = page.locator('#overview');
    await overview.waitFor();
    assert.match(await page.locator('#overview-total').textContent(), new RegExp(`^${r.body.total} `));
    const ruleRows = page.locator('#overview-rules table tbody tr');
    assert.equal(await ruleRows.count(), r.body.by_rule.length);
    for (const br of r.body.by_rule) {
      const row = page.locator('#overview-rules table tbody tr', { hasText: br.label.charAt(0).toUpperCase() + br.label.slice(1) });
      assert.equal((await row.locator('td').allTextContents())[0], String(br.count), br.rule);
      // The bar repeats the number for the eye.
      assert.equal(await row.locator('meter').getAttribute('value'), String(br.count));
    }
    const orgRows = page.locator('#overview-orgs table tbody tr');
    assert.equal(await orgRows.count(), r.body.by_organisation.length);
    for (const o of r.body.by_organisation) {
      const row = page.locator('#overview-orgs table tbody tr', { has: page.locator('th', { hasText: o.organisation_name }) });
      assert.equal((await row.locator('td').allTextContents())[0], String(o.total), o.organisation_name);
    }
    // No inline style anywhere (the CSP forbids them).
    assert.equal(await page.locator('[style]:not([style=""])').count(), 0);
    await assertAccessible(page, 'worklist of the director');
    await screenshot(page, 'worklist-director');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('on a small screen the worklist fits the width and stays accessible', async () => {
    const page = await newPage(browser);
    await page.setViewportSize({ width: 390, height: 844 });
    await loginUi(page, server.url, 'regisseur');
    await page.locator('#overview-orgs table').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the worklist fits (${overflow}px too wide)`);
    await assertAccessible(page, 'worklist on a small screen');
    await screenshot(page, 'worklist-small');
    await page.context().close();
  });

  test('a user without signals sees that nothing needs action', async () => {
    // The employer keeps no caseload of signals in the demo; whichever way
    // the API answers, the page says so in words.
    const cookie = await login(server.url, 'werkgever');
    const r = await api(server.url, cookie, 'GET', '/api/signals');
    const page = await newPage(browser);
    await loginUi(page, server.url, 'werkgever');
    assert.equal(new URL(page.url()).pathname, '/worklist.html');
    if (r.status === 200 && r.body.items.length === 0) {
      assert.match(await page.locator('#mine').textContent(), /geen signalen/);
      assert.equal(await page.locator('#mine-list table').count(), 0);
    } else if (r.status === 403) {
      assert.match(await page.locator('#worklist-message').textContent(), /geen werkvoorraad/);
    } else {
      assert.equal(r.status, 200, r.text);
    }
    await assertAccessible(page, 'empty worklist');
    await screenshot(page, 'worklist-empty');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the admin still lands on the user list', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'beheerder');
    assert.equal(new URL(page.url()).pathname, '/users.html');
    assert.equal(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Werkvoorraad' }).count(), 0);
    await page.context().close();
  });

  test('the worklist without a session sends to login and back', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/worklist.html`);
    await page.waitForURL((u) => u.pathname.endsWith('/login.html'));
    assert.equal(new URL(page.url()).searchParams.get('next'), '/worklist.html');
    await page.context().close();
  });
});
