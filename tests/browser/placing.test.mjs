// Browser tests: placing a participant from the dossier. In the phase form
// a kind of phase that can have a placement offers the placements with
// free places; choosing one asks the server whether the participant fits.
// The job coach sees the unmet requirement (no forklift certificate), is
// refused without a reason, gives one and the placement appears on the
// path. The account manager, who places but keeps no path, gets the same
// form for placing only; a placement that filled up in the meantime is
// refused with the server's reason and nobody is placed. The employer and
// its placements are made through the API first.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from '../lib/server.mjs';
import { launch, newPage, loginUi, goto, assertAccessible, screenshot, assertNoPageErrors } from './helpers.mjs';
import { isoNL } from '../lib/dates.mjs';

const iso = (t) => isoNL(t);

describe('placing from the dossier', () => {
  let server;
  let browser;
  let am;
  let jc;
  let forklift;
  let small;
  let candidates;
  const today = iso(Date.now());

  before(async () => {
    server = await startServer({ participants: 40 });
    browser = await launch();
    am = await login(server.url, 'accountmanager');
    jc = await login(server.url, 'jobcoach');
    const emp = await api(server.url, am, 'POST', '/api/employers', { name: 'Koelhuis Testvries', sector: 'logistics' });
    assert.equal(emp.status, 201, emp.text);
    let r = await api(server.url, am, 'POST', '/api/placements', {
      organisation_id: emp.body.id, kind: 'external_work_learning', title: 'Orderpicker heftruck', capacity: 2, licences: ['forklift'],
      location: 'Koelcel 4', offers_floor_guidance: true,
    });
    assert.equal(r.status, 201, r.text);
    forklift = r.body;
    r = await api(server.url, am, 'POST', '/api/placements', {
      organisation_id: emp.body.id, kind: 'external_work_learning', title: 'Inpakker verpakkingslijn', capacity: 1,
    });
    assert.equal(r.status, 201, r.text);
    small = r.body;
    // Participants of the job coach whose path lets external work-learning
    // start today, and who have no forklift certificate.
    const codes = (await api(server.url, jc, 'GET', '/api/codes')).body;
    const follows = new Map(codes.phase_kinds.map((k) => [k.code, k.may_follow_to || []]));
    const list = await api(server.url, jc, 'GET', '/api/participants?per_page=100');
    assert.equal(list.status, 200, list.text);
    candidates = [];
    for (const p of list.body.items) {
      const ph = (await api(server.url, jc, 'GET', `/api/participants/${p.id}/phases`)).body;
      const main = ph.items.filter((x) => x.track === 'main');
      const last = main[main.length - 1];
      if (!last || !ph.current || ph.current.id !== last.id || last.start_date >= today) continue;
      if (!follows.get(last.kind)?.includes('external_work_learning')) continue;
      const check = (await api(server.url, jc, 'GET', `/api/placements/${forklift.id}/check/${p.id}`)).body;
      if (check.fits || !check.gaps.some((g) => g.requirement === 'licence:forklift')) continue;
      candidates.push(p);
      if (candidates.length === 3) break;
    }
    assert.equal(candidates.length, 3, 'three participants of the job coach who may start external work-learning today');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openPhaseForm(page, pid, summary) {
    await goto(page, `${server.url}/dossier.html?id=${pid}#traject`);
    await page.locator('#phase-forms summary', { hasText: summary }).click();
    return page.locator('#phase-form');
  }

  test('the job coach places despite an unmet requirement, with a reason; the placement is on the path', async () => {
    const pid = candidates[0].id;
    const before = (await api(server.url, jc, 'GET', `/api/participants/${pid}/phases`)).body.items;
    const page = await newPage(browser);
    await loginUi(page, server.url, 'jobcoach');
    const form = await openPhaseForm(page, pid, 'Volgende fase vastleggen');
    const choice = form.locator('.meedoen-placement-choice');
    assert.equal(await choice.isVisible(), false, 'no placement choice before a kind is chosen');
    await form.getByLabel('Soort fase').selectOption('internal_work_learning');
    await choice.waitFor();
    // Internal work-learning: the external placements are not offered.
    assert.equal(await form.locator(`#ph-placement_id option[value="${forklift.id}"]`).count(), 0);
    await form.getByLabel('Soort fase').selectOption('external_work_learning');
    await form.locator(`#ph-placement_id option[value="${forklift.id}"]`).waitFor({ state: 'attached' });
    assert.match(await form.locator(`#ph-placement_id option[value="${forklift.id}"]`).textContent(), /Orderpicker heftruck – Koelhuis Testvries \(2 van 2 vrij\)/);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/placements/${forklift.id}/check/${pid}`)),
      form.getByLabel('Plaats', { exact: true }).selectOption(String(forklift.id)),
    ]);
    const check = form.locator('.meedoen-placement-check');
    await check.locator('.utrecht-alert--warning').waitFor();
    assert.match(await check.textContent(), /Voldoet niet aan alle eisen/);
    assert.match(await check.textContent(), /Heftruckcertificaat ontbreekt/);
    const reason = form.getByLabel('Reden om toch te plaatsen');
    assert.equal(await reason.isVisible(), true, 'the override reason appears');
    await assertAccessible(page, 'phase form with an unmet requirement');
    await screenshot(page, 'placing-unmet');

    // Without a reason: refused, the requirement beside the placement, nothing changed.
    let [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/participants/${pid}/phases`) && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Fase vastleggen' }).click(),
    ]);
    assert.equal(res.status(), 422);
    await page.locator('#ph-placement_id-error').waitFor();
    assert.match(await page.locator('#ph-placement_id-error').textContent(), /heftruckcertificaat ontbreekt/);
    assert.equal(await page.locator('#ph-placement_id').getAttribute('aria-invalid'), 'true');
    assert.match(await form.locator('.meedoen-error-summary').textContent(), /Plaats: heftruckcertificaat ontbreekt/);
    await assertAccessible(page, 'placing refused without a reason');
    assert.deepEqual((await api(server.url, jc, 'GET', `/api/participants/${pid}/phases`)).body.items, before);

    await reason.fill('Haalt het heftruckcertificaat in de eerste maand, betaald door de werkgever');
    [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/participants/${pid}/phases`) && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Fase vastleggen' }).click(),
    ]);
    assert.equal(res.status(), 201, await res.text());
    await page.locator('#phase-message .utrecht-alert--ok').waitFor();
    assert.match(await page.locator('#phase-message').textContent(), /met de plaats Orderpicker heftruck, Koelhuis Testvries/);
    const row = page.locator('#phase-list tbody tr', { has: page.locator('th', { hasText: /^Extern werkleertraject/ }) }).last();
    assert.match(await row.locator('th').textContent(), /plaats: Orderpicker heftruck, Koelhuis Testvries/);
    assert.match(await row.textContent(), /geplaatst ondanks eisen: Haalt het heftruckcertificaat/);
    assert.match(await page.locator('#phase-current').textContent(), /Extern werkleertraject.*plaats: Orderpicker heftruck, Koelhuis Testvries/);
    const phases = (await api(server.url, jc, 'GET', `/api/participants/${pid}/phases`)).body;
    assert.equal(phases.current.kind, 'external_work_learning');
    assert.equal(phases.current.placement_id, forklift.id);
    assert.match(phases.current.reason, /^geplaatst ondanks eisen: Haalt het heftruckcertificaat/);
    assert.equal((await api(server.url, am, 'GET', `/api/placements/${forklift.id}`)).body.occupancy, 1);
    await assertAccessible(page, 'path with the placement');
    await screenshot(page, 'placing-done');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the account manager places only; a placement that filled up meanwhile is refused', async () => {
    const pid = candidates[1].id;
    const before = (await api(server.url, am, 'GET', `/api/participants/${pid}/phases`)).body.items;
    const page = await newPage(browser);
    await loginUi(page, server.url, 'accountmanager');
    const form = await openPhaseForm(page, pid, 'Plaatsen');
    // Only kinds of phase that can have a placement.
    const kinds = await form.locator('#ph-kind option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    assert.ok(kinds.includes('external_work_learning'));
    assert.ok(!kinds.includes('intake') && !kinds.includes('study') && !kinds.includes('social_guidance'), kinds.join());
    assert.equal(await page.locator('#phase-end-form').count(), 0, 'closing a phase is for who keeps the path');
    await form.getByLabel('Soort fase').selectOption('external_work_learning');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/placements/${small.id}/check/${pid}`)),
      form.getByRole('combobox', { name: /^Plaats/ }).selectOption(String(small.id)),
    ]);
    const check = form.locator('.meedoen-placement-check');
    await check.locator('.utrecht-alert--ok').waitFor();
    assert.match(await check.textContent(), /Past: de deelnemer voldoet aan de eisen van Inpakker verpakkingslijn. Nog 1 van 1 plek vrij/);
    assert.equal(await form.getByLabel('Reden om toch te plaatsen').isVisible(), false);
    await assertAccessible(page, 'placing form of the account manager');

    // Meanwhile someone else takes the last place.
    const other = await api(server.url, am, 'POST', `/api/participants/${candidates[2].id}/phases`, {
      kind: 'external_work_learning', start_date: today, placement_id: small.id,
    });
    assert.equal(other.status, 201, other.text);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/participants/${pid}/phases`) && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Plaatsen' }).click(),
    ]);
    assert.equal(res.status(), 409);
    const summary = form.locator('.meedoen-error-summary');
    await summary.waitFor();
    assert.match(await summary.textContent(), /Er is niemand geplaatst/);
    assert.match(await summary.textContent(), /"Inpakker verpakkingslijn" is vol: 1 van de 1 plekken zijn bezet/);
    await assertAccessible(page, 'placing refused: full');
    await screenshot(page, 'placing-full');
    assert.deepEqual((await api(server.url, am, 'GET', `/api/participants/${pid}/phases`)).body.items, before);
    // Opened again, the form no longer offers the full placement.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('#phase-forms summary', { hasText: 'Plaatsen' }).click();
    const again = page.locator('#phase-form');
    await again.getByLabel('Soort fase').selectOption('external_work_learning');
    await again.locator(`#ph-placement_id option[value="${forklift.id}"]`).waitFor({ state: 'attached' });
    assert.equal(await again.locator(`#ph-placement_id option[value="${small.id}"]`).count(), 0);
    assertNoPageErrors(page);
    await page.context().close();
  });
});
