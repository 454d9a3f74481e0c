// Browser tests: work-floor assessments on the dossier. The department
// assistant fills in the rubric on a tablet (1024×768, touch): every score
// is a large radio button, a score left out is refused beside its item and
// nothing is stored; filled in completely, the assessment shows up with the
// latest score and trend per item and the advice. The participant's job
// coach then overrides the advice: without a reason it is refused beside
// the field, with one it is recorded. What the test needs (a placement in
// the social work company supervised by the department assistant, and a
// participant placed there with an earlier assessment) is made through the
// API first.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from '../lib/server.mjs';
import { launch, loginUi, goto, assertAccessible, screenshot, assertNoPageErrors } from './helpers.mjs';
import { isoNL } from '../lib/dates.mjs';

const DAY = 86400000;
const iso = (t) => isoNL(t);
const nl = (d) => d.split('-').reverse().join('-');

// A page on a tablet: 1024×768 with touch, recording script errors like newPage().
async function tabletPage(browser) {
  const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', viewport: { width: 1024, height: 768 }, hasTouch: true });
  const page = await context.newPage();
  page.pageErrors = [];
  page.on('pageerror', (err) => page.pageErrors.push(err));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) page.pageErrors.push(new Error(msg.text()));
  });
  page.setDefaultTimeout(10000);
  return page;
}

const EARLIER = {
  punctuality: 2, attendance: 3, pace: 2, quality: 2, instructions: 2, cooperation: 3, safety: 3, vocabulary: 1, work_capacity: 4,
};

describe('work-floor assessments', () => {
  let server;
  let browser;
  let am;
  let jc;
  let da;
  let pid;
  let placement;
  const today = iso(Date.now());

  before(async () => {
    server = await startServer({ participants: 40 });
    browser = await launch();
    am = await login(server.url, 'accountmanager');
    jc = await login(server.url, 'jobcoach');
    da = await login(server.url, 'afdelingsassistent');
    const me = (await api(server.url, am, 'GET', '/api/me')).body.user;
    const assistant = (await api(server.url, da, 'GET', '/api/me')).body.user;
    const pl = await api(server.url, am, 'POST', '/api/placements', {
      organisation_id: me.organisation_id, kind: 'internal_work_learning', title: 'Inpakhal testlijn', capacity: 5,
      supervisor_user_id: assistant.id, location: 'Hal 2',
    });
    assert.equal(pl.status, 201, pl.text);
    placement = pl.body;
    // Place someone of the job coach's caseload there (the first for whom
    // the path allows internal work-learning to start today).
    const list = await api(server.url, jc, 'GET', '/api/participants?per_page=100');
    assert.equal(list.status, 200, list.text);
    for (const p of list.body.items) {
      // Someone without assessments yet, so that the table holds exactly ours.
      const known = await api(server.url, jc, 'GET', `/api/participants/${p.id}/assessments`);
      if (known.status !== 200 || known.body.items.length) continue;
      const r = await api(server.url, jc, 'POST', `/api/participants/${p.id}/phases`, {
        kind: 'internal_work_learning', start_date: today, placement_id: placement.id,
      });
      if (r.status === 201) { pid = p.id; break; }
    }
    assert.ok(pid, 'a participant of the job coach placed in the hall');
    const earlier = await api(server.url, da, 'POST', `/api/participants/${pid}/assessments`, {
      assessed_on: iso(Date.now() - 42 * DAY), placement_id: placement.id, scores: EARLIER,
    });
    assert.equal(earlier.status, 201, earlier.text);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the department assistant fills in the rubric on a tablet; a score left out is refused beside its item', async () => {
    const page = await tabletPage(browser);
    await loginUi(page, server.url, 'afdelingsassistent');
    await goto(page, `${server.url}/dossier.html?id=${pid}#beoordelingen`);
    const form = page.locator('#assessment-form');
    assert.equal(await form.isVisible(), true, 'the form is open for the department assistant');
    assert.equal(await page.locator('#advice-override-button').count(), 0, 'only the job coach decides on the advice');
    assert.equal(await form.getByLabel('Datum van de beoordeling').inputValue(), today);
    assert.equal(await form.getByLabel('Plaats').inputValue(), String(placement.id), 'the current placement is chosen');

    // Touch-size targets: every score, and the button, at least 44×44 CSS pixels.
    const tiles = form.locator('label.meedoen-score');
    const n = await tiles.count();
    assert.equal(n, 8 * 4 + 9, 'eight items on 1..4 and work capacity 0..8');
    for (let i = 0; i < n; i++) {
      const box = await tiles.nth(i).boundingBox();
      assert.ok(box.width >= 44 && box.height >= 44, `score ${i} is ${box.width}×${box.height}`);
    }
    const btn = await form.getByRole('button', { name: 'Beoordeling opslaan' }).boundingBox();
    assert.ok(btn.height >= 44, `the button is ${btn.height} high`);
    await assertAccessible(page, 'assessment form on a tablet');

    // Everything but the pace, tapped as on a tablet.
    const choose = async (item, score) => {
      await form.getByRole('group', { name: item }).getByRole('radio', { name: score, exact: true }).tap();
    };
    await choose('Stiptheid', '4 goed');
    await choose('Aanwezigheid', '4 goed');
    await choose('Kwaliteit', '3 voldoende');
    await choose('Instructies opvolgen', '3 voldoende');
    await choose('Samenwerken', '3 voldoende');
    await choose('Veiligheid', '4 goed');
    await choose('Nederlandse werktaal', '2 matig');
    await choose('Belastbaarheid (uren per dag)', '6 uur');
    await form.getByLabel('Opmerking bij stiptheid (optioneel)').fill('Elke dag ruim op tijd');
    assert.equal(await form.getByRole('group', { name: 'Stiptheid' }).getByRole('radio', { name: '4 goed' }).isChecked(), true);
    let [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/participants/${pid}/assessments`) && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Beoordeling opslaan' }).tap(),
    ]);
    assert.equal(res.status(), 422);
    const pace = page.locator('#as-pace');
    await page.locator('#as-pace-error').waitFor();
    assert.match(await page.locator('#as-pace-error').textContent(), /kies een score/);
    assert.equal(await pace.evaluate((el) => el.classList.contains('utrecht-form-fieldset--invalid')), true);
    assert.ok((await pace.getAttribute('aria-describedby')).includes('as-pace-error'));
    // The message sits in the item, right under its name.
    assert.equal(await page.locator('#as-pace > legend + .meedoen-group-error').getAttribute('id'), 'as-pace-error');
    assert.equal(await page.locator('.meedoen-score-item.utrecht-form-fieldset--invalid').count(), 1, 'only the pace is wrong');
    const summary = form.locator('.meedoen-error-summary');
    assert.match(await summary.textContent(), /Werktempo: kies een score/);
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('meedoen-error-summary')), true);
    await assertAccessible(page, 'assessment form with a score left out');
    await screenshot(page, 'assessment-missing-score');
    assert.equal((await api(server.url, da, 'GET', `/api/participants/${pid}/assessments`)).body.items.length, 1, 'nothing was stored');
    // The filled-in scores stay.
    assert.equal(await form.getByRole('group', { name: 'Stiptheid' }).getByRole('radio', { name: '4 goed' }).isChecked(), true);

    await choose('Werktempo', '3 voldoende');
    [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/participants/${pid}/assessments`) && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Beoordeling opslaan' }).tap(),
    ]);
    assert.equal(res.status(), 201, await res.text());
    await page.locator('#assessment-message .utrecht-alert--ok').waitFor();
    const data = (await api(server.url, da, 'GET', `/api/participants/${pid}/assessments`)).body;
    assert.equal(data.items.length, 2);
    const latest = data.latest;
    assert.equal(latest.assessed_on, today);
    assert.equal(latest.placement_id, placement.id);
    assert.deepEqual(latest.scores, { punctuality: 4, attendance: 4, pace: 3, quality: 3, instructions: 3, cooperation: 3, safety: 4, vocabulary: 2, work_capacity: 6 });
    assert.deepEqual(latest.comments, { punctuality: 'Elke dag ruim op tijd' });
    assert.match(await page.locator('#assessment-message').textContent(), new RegExp(`Advies: ${latest.advice_label.replace(/[/()]/g, '.')}`));
    assert.equal(await page.locator('#assessment-form .utrecht-form-fieldset--invalid').count(), 0);
    assert.equal(await page.locator('#assessment-form input[type=radio]:checked').count(), 0, 'the form is empty again');

    // Per item the latest score, the trend in words and the scores over time.
    const row = (label) => page.locator('#assessment-scores tbody tr', { has: page.locator('th', { hasText: new RegExp(`^${label}$`) }) });
    const cells = await row('Stiptheid').locator('td').allTextContents();
    assert.match(cells[0], /^4 – goed/);
    assert.match(cells[0], /Elke dag ruim op tijd/);
    assert.match(cells[1], /omhoog/);
    assert.deepEqual(cells.slice(2), ['2', '4']);
    assert.match((await row('Samenwerken').locator('td').allTextContents())[1], /gelijk/);
    assert.match((await row('Belastbaarheid \\(uren per dag\\)').locator('td').allTextContents())[0], /6 uur/);
    const heads = await page.locator('#assessment-scores thead th').allTextContents();
    assert.deepEqual(heads.slice(3), [nl(iso(Date.now() - 42 * DAY)), nl(today)]);
    assert.equal(await page.locator('#assessment-history tbody tr').count(), 2);
    assert.match(await page.locator('#assessment-advice').textContent(), new RegExp(latest.advice_reason.slice(0, 20).replace(/[()]/g, '.')));
    await assertAccessible(page, 'assessments after saving');
    await screenshot(page, 'assessment-saved');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the job coach overrides the advice; a reason is required', async () => {
    const data = (await api(server.url, jc, 'GET', `/api/participants/${pid}/assessments`)).body;
    assert.equal(data.items.length, 2, 'the assessment of the first test');
    const advice = data.latest.advice;
    const codes = (await api(server.url, jc, 'GET', '/api/codes')).body;
    const other = codes.readiness.find((r) => r.code !== advice);

    const page = await tabletPage(browser);
    await loginUi(page, server.url, 'jobcoach');
    await goto(page, `${server.url}/dossier.html?id=${pid}#beoordelingen`);
    const card = page.locator('#assessment-advice-card');
    assert.match(await card.textContent(), /nog niet bevestigd of aangepast/);
    assert.equal(await page.getByRole('button', { name: 'Advies bevestigen' }).isVisible(), true);
    const toggle = page.getByRole('button', { name: 'Ander advies kiezen' });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const form = page.locator('#advice-override-form');
    await form.waitFor();
    // The advice itself is not offered as "another" advice.
    assert.equal(await form.locator(`input[value="${advice}"]`).count(), 0);
    await form.getByLabel(other.label, { exact: false }).first().check();
    let [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/assessments/${data.latest.id}/decision`)),
      form.getByRole('button', { name: 'Ander advies vastleggen' }).click(),
    ]);
    assert.equal(res.status(), 422);
    await page.locator('#ad-reason-error').waitFor();
    assert.match(await page.locator('#ad-reason-error').textContent(), /is verplicht als u een ander advies kiest/);
    assert.equal(await page.locator('#ad-reason').getAttribute('aria-invalid'), 'true');
    await assertAccessible(page, 'override without a reason');
    await screenshot(page, 'advice-override-refused');
    assert.equal((await api(server.url, jc, 'GET', `/api/participants/${pid}/assessments`)).body.latest.decision, null);

    await form.getByLabel('Reden').fill('Eerst de taalstage afmaken; werkgever vraagt meer Nederlands');
    [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/assessments/${data.latest.id}/decision`)),
      form.getByRole('button', { name: 'Ander advies vastleggen' }).click(),
    ]);
    assert.equal(res.status(), 200, await res.text());
    await page.locator('#assessment-message .utrecht-alert--ok').waitFor();
    const text = await page.locator('#assessment-advice-card').textContent();
    assert.match(text, /aangepast/);
    assert.match(text, /Eerst de taalstage afmaken/);
    assert.match(text, new RegExp(other.label.replace(/[/()]/g, '.'), 'i'));
    const after = (await api(server.url, jc, 'GET', `/api/participants/${pid}/assessments`)).body.latest;
    assert.equal(after.decision, 'overridden');
    assert.equal(after.decided_advice, other.code);
    assert.equal(after.decision_reason, 'Eerst de taalstage afmaken; werkgever vraagt meer Nederlands');
    assert.match(await page.locator('#assessment-history tbody tr').first().textContent(), /aangepast/);
    await assertAccessible(page, 'advice overridden');
    await screenshot(page, 'advice-overridden');
    assertNoPageErrors(page);
    await page.context().close();
  });
});
