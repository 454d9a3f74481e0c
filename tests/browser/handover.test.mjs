// Browser tests: the warm hand-over from the volunteer to the welfare
// worker. The volunteer cannot sign before the checklist is done (the
// reason is shown beside the checklist), ticks it and signs; then the
// welfare worker signs, the hand-over is done and the volunteer's link ends.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from '../lib/server.mjs';
import { launch, newPage, loginUi, goto, assertAccessible, screenshot, assertNoPageErrors } from './helpers.mjs';
import { isoNL } from '../lib/dates.mjs';

const CATEGORIES = ['identity', 'path', 'notes'];

describe('hand-over from volunteer to welfare', () => {
  let server;
  let browser;
  let km;
  let pid;
  let vol;
  let wel;

  before(async () => {
    server = await startServer({ participants: 40 });
    browser = await launch();
    km = await login(server.url, 'klantmanager');
    const volCookie = await login(server.url, 'vrijwilliger');
    const welCookie = await login(server.url, 'welzijn');
    vol = (await api(server.url, volCookie, 'GET', '/api/me')).body.user;
    wel = (await api(server.url, welCookie, 'GET', '/api/me')).body.user;

    // A participant whose hand-over names this volunteer (and no other
    // welfare worker) and is not done yet; else one without a volunteer,
    // who gets this volunteer linked.
    const list = await api(server.url, km, 'GET', '/api/participants?per_page=100');
    let spare = null;
    for (const p of list.body.items) {
      const ho = await api(server.url, km, 'GET', `/api/participants/${p.id}/handover`);
      if (ho.status !== 200 || ho.body.done) continue;
      if (ho.body.welfare && ho.body.welfare.id !== wel.id) continue;
      if (ho.body.volunteer?.id === vol.id) { pid = p.id; break; }
      if (!ho.body.volunteer && !spare) spare = p.id;
    }
    if (!pid) {
      assert.ok(spare, 'a participant for the hand-over');
      pid = spare;
      const r = await api(server.url, km, 'POST', `/api/participants/${pid}/links`, { kind: 'volunteer', user_id: vol.id });
      assert.equal(r.status, 201, r.text);
    }
    // The welfare worker is linked, and both organisations have the
    // participant's consent for what the hand-over needs.
    const links = await api(server.url, km, 'GET', `/api/participants/${pid}/links`);
    if (!links.body.items.some((l) => l.kind === 'welfare' && l.user_id === wel.id && !l.end_date)) {
      const r = await api(server.url, km, 'POST', `/api/participants/${pid}/links`, { kind: 'welfare', user_id: wel.id });
      assert.equal(r.status, 201, r.text);
    }
    const consents = (await api(server.url, km, 'GET', `/api/participants/${pid}/consents`)).body.items;
    const today = isoNL();
    for (const org of [vol.organisation_id, wel.organisation_id]) {
      for (const category of CATEGORIES) {
        if (consents.some((c) => c.organisation_id === org && c.category === category && c.active !== false)) continue;
        const r = await api(server.url, km, 'POST', `/api/participants/${pid}/consents`, { organisation_id: org, category, given_on: today });
        assert.equal(r.status, 201, r.text);
      }
    }
    const ho = await api(server.url, km, 'GET', `/api/participants/${pid}/handover`);
    assert.equal(ho.body.volunteer?.id, vol.id);
    assert.equal(ho.body.volunteer_signed_at, null);
    // Start from an empty checklist.
    const clear = Object.fromEntries(ho.body.checklist.map((c) => [c.code, false]));
    const r = await api(server.url, km, 'PUT', `/api/participants/${pid}/handover`, { checklist: clear });
    assert.equal(r.status, 200, r.text);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the volunteer ticks the checklist and signs', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'vrijwilliger');
    await goto(page, `${server.url}/dossier.html?id=${pid}#overdracht`);
    const section = page.locator('#overdracht');
    assert.equal(await section.isVisible(), true);
    assert.match(await page.locator('#handover-view').textContent(), new RegExp(`${vol.display_name} \\(nog niet getekend\\)`));
    const form = page.locator('#handover-form');
    const boxes = form.locator('#ho-checklist input[type="checkbox"]');
    const n = await boxes.count();
    assert.ok(n >= 1);
    // The volunteer does not choose the welfare worker.
    assert.equal(await form.locator('#ho-welfare_user_id').count(), 0);

    // Signing before the checklist is done: refused, the reason beside the checklist.
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/participants/${pid}/handover`) && r.request().method() === 'PUT'),
      form.getByRole('button', { name: 'Ondertekenen' }).click(),
    ]);
    const err = page.locator('#ho-checklist-error');
    await err.waitFor();
    assert.match(await err.textContent(), /vink eerst alle punten van de checklist af/);
    assert.ok((await page.locator('#ho-checklist').getAttribute('aria-describedby')).includes('ho-checklist-error'));
    await assertAccessible(page, 'hand-over with an error');
    await screenshot(page, 'handover-error');
    assert.equal((await api(server.url, km, 'GET', `/api/participants/${pid}/handover`)).body.volunteer_signed_at, null);

    // Tick one item and keep it: stored without signing.
    await boxes.nth(0).check();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/participants/${pid}/handover`) && r.request().method() === 'PUT'),
      form.getByRole('button', { name: 'Checklist bewaren' }).click(),
    ]);
    await page.locator('#handover-message .utrecht-alert--ok', { hasText: 'De checklist is bewaard' }).waitFor();
    let ho = (await api(server.url, km, 'GET', `/api/participants/${pid}/handover`)).body;
    assert.equal(ho.checklist.filter((c) => c.done).length, 1);

    // Tick the rest and sign.
    for (let i = 0; i < n; i++) await page.locator('#ho-checklist input[type="checkbox"]').nth(i).check();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/participants/${pid}/handover`) && r.request().method() === 'PUT'),
      page.locator('#handover-form').getByRole('button', { name: 'Ondertekenen' }).click(),
    ]);
    await page.locator('#handover-message .utrecht-alert--ok', { hasText: 'wacht nog op de andere handtekening' }).waitFor();
    assert.match(await page.locator('#handover-view').textContent(), new RegExp(`${vol.display_name} \\(getekend op `));
    ho = (await api(server.url, km, 'GET', `/api/participants/${pid}/handover`)).body;
    assert.ok(ho.volunteer_signed_at);
    assert.equal(ho.welfare_signed_at, null);
    assert.equal(ho.done, false);
    assert.ok(ho.checklist.every((c) => c.done));
    await assertAccessible(page, 'hand-over signed by the volunteer');
    await screenshot(page, 'handover-volunteer');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the welfare worker signs and the hand-over is done', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'welzijn');
    await goto(page, `${server.url}/dossier.html?id=${pid}#overdracht`);
    const form = page.locator('#handover-form');
    const boxes = form.locator('#ho-checklist input[type="checkbox"]');
    const n = await boxes.count();
    for (let i = 0; i < n; i++) assert.equal(await boxes.nth(i).isChecked(), true, 'the checklist as the volunteer left it');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/participants/${pid}/handover`) && r.request().method() === 'PUT'),
      form.getByRole('button', { name: 'Ondertekenen' }).click(),
    ]);
    await page.locator('#handover-message .utrecht-alert--ok', { hasText: 'De overdracht is afgerond' }).waitFor();
    assert.match(await page.locator('#handover-view').textContent(), /afgerond/);
    assert.equal(await page.locator('#handover-form').count(), 0, 'nothing left to sign');
    const ho = (await api(server.url, km, 'GET', `/api/participants/${pid}/handover`)).body;
    assert.equal(ho.done, true);
    assert.ok(ho.welfare_signed_at);
    // The volunteer's guidance has ended; the welfare worker's runs.
    const links = (await api(server.url, km, 'GET', `/api/participants/${pid}/links`)).body.items;
    assert.ok(links.filter((l) => l.kind === 'volunteer' && l.user_id === vol.id).every((l) => l.end_date));
    assert.ok(links.some((l) => l.kind === 'welfare' && l.user_id === wel.id && !l.end_date));
    await assertAccessible(page, 'hand-over done');
    await screenshot(page, 'handover-done');
    assertNoPageErrors(page);
    await page.context().close();
  });
});
