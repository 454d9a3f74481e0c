// Browser tests: the path on the dossier. The case manager records the
// intake of a participant who has none (errors beside the fields first),
// sees the intake and the first step appear in the timeline, moves the
// participant on from internal to external work-learning (the internal
// phase is closed), and gets the server's reason beside the field for a
// transition the table forbids. The ladder and the journal take entries.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from '../lib/server.mjs';
import { launch, newPage, loginUi, goto, assertAccessible, screenshot, assertNoPageErrors } from './helpers.mjs';
import { isoNL } from '../lib/dates.mjs';

const DAY = 86400000;
const iso = (t) => isoNL(t);
const nl = (d) => d.split('-').reverse().join('-');

describe('the path on the dossier', () => {
  let server;
  let browser;
  let km;
  let pid;
  let under27;
  let intakeDate;
  const today = iso(Date.now());

  before(async () => {
    server = await startServer({ participants: 40 });
    browser = await launch();
    km = await login(server.url, 'klantmanager');
    // A participant without an intake, who arrived at least a week ago.
    const list = await api(server.url, km, 'GET', '/api/participants?per_page=100');
    assert.equal(list.status, 200, list.text);
    for (const p of list.body.items) {
      if (!p.arrival_date || p.arrival_date > iso(Date.now() - 7 * DAY)) continue;
      const r = await api(server.url, km, 'GET', `/api/participants/${p.id}/intake`);
      if (r.status !== 200 || r.body.intake !== null) continue;
      const ph = await api(server.url, km, 'GET', `/api/participants/${p.id}/phases`);
      // No main phase yet beyond registration, so that intake may follow.
      if (ph.status !== 200 || ph.body.items.some((x) => !['registration', 'social_guidance'].includes(x.kind))) continue;
      // The intake after the registration phase (a day later: the server
      // refuses a step after an intake that starts on the registration day,
      // see the report) and before today, so that the next step can start today.
      const starts = ph.body.items.filter((x) => x.kind === 'registration').map((x) => Date.parse(x.start_date) + DAY);
      const when = iso(Math.max(Date.now() - 14 * DAY, Date.parse(p.arrival_date), ...starts));
      if (when >= iso(Date.now())) continue;
      pid = p.id;
      under27 = r.body.under_27;
      intakeDate = when;
      break;
    }
    assert.ok(pid, 'the demo has a participant without an intake');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function dossier(page, hash = '') {
    await goto(page, `${server.url}/dossier.html?id=${pid}${hash}`);
  }

  test('recording an intake: errors beside the fields, then the phases appear in the timeline', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await dossier(page, '#intake');
    const section = page.locator('#intake');
    assert.equal(await section.isVisible(), true);
    assert.match(await page.locator('#intake-due').textContent(), /nog niet gehouden/);
    const form = page.locator('#intake-form');
    assert.equal(await page.locator('#in-study').isVisible(), Boolean(under27));

    // Nothing filled in: the server names every missing field.
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/participants/${pid}/intake`) && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Intake vastleggen' }).click(),
    ]);
    const summary = form.locator('.meedoen-error-summary');
    await summary.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('meedoen-error-summary')), true);
    for (const f of ['first_step', 'reasons', 'planned_day_parts']) {
      assert.equal(await page.locator(`#in-${f}`).getAttribute('aria-invalid'), 'true', f);
      assert.ok((await page.locator(`#in-${f}`).getAttribute('aria-describedby')).includes(`in-${f}-error`), f);
      assert.match(await page.locator(`#in-${f}-error`).textContent(), /verplicht/, f);
    }
    if (under27) assert.match(await page.locator('#in-study_choice-error').textContent(), /studie/);
    await assertAccessible(page, 'intake form with errors');
    await screenshot(page, 'intake-errors');
    // Nothing was stored.
    assert.equal((await api(server.url, km, 'GET', `/api/participants/${pid}/intake`)).body.intake, null);

    await form.getByLabel('Datum intake').fill(intakeDate);
    await form.getByLabel('Eerste stap').selectOption('internal_work_learning');
    await form.getByLabel('Redenen voor deze stap').fill('Wil snel aan het werk; Nederlands naast het werk leren.');
    await form.getByLabel('Vooropleiding en werkervaring zijn besproken en bevestigd').check();
    await form.getByLabel('Ambities zijn besproken en bevestigd').check();
    await form.getByLabel('Geplande dagdelen per week').fill('4');
    if (under27) {
      await form.getByLabel('Studie is als eerste mogelijkheid aangeboden').check();
      await form.getByLabel('Kiest (nu) niet voor studie').check();
    }
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/participants/${pid}/intake`) && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Intake vastleggen' }).click(),
    ]);
    assert.equal(res.status(), 201, await res.text());
    await page.locator('#intake-message .utrecht-alert--ok').waitFor();
    assert.equal(await page.locator('#intake-form').count(), 0, 'the form is gone once the intake is recorded');
    assert.match(await page.locator('#intake-view').textContent(), /Intern werkleertraject/);

    // The timeline: the intake and the first step, as text and as bars.
    const rows = page.locator('#phase-list tbody tr');
    const row = (name) => page.locator('#phase-list tbody tr', { has: page.locator('th', { hasText: new RegExp(`^${name}`) }) });
    await row('Intern werkleertraject').waitFor();
    const phases = (await api(server.url, km, 'GET', `/api/participants/${pid}/phases`)).body.items;
    assert.equal(await rows.count(), phases.length);
    const intakeRow = row('Intake');
    assert.match(await intakeRow.textContent(), new RegExp(nl(intakeDate)));
    // The intake's outcome is the first step, by its name.
    assert.equal((await intakeRow.locator('td').allTextContents())[5], 'intern werkleertraject');
    const stepRow = row('Intern werkleertraject');
    assert.match(await stepRow.textContent(), /lopend/);
    assert.equal(await page.locator('#phase-timeline svg rect.meedoen-tl-bar').count(), phases.length);
    assert.equal(await page.locator('#phase-timeline svg').getAttribute('aria-hidden'), 'true');
    assert.match(await page.locator('#phase-current').textContent(), /Huidige fase: Intern werkleertraject/);
    assert.equal(await page.locator('[style]:not([style=""])').count(), 0, 'no inline styles');
    await assertAccessible(page, 'dossier with path sections');
    await screenshot(page, 'dossier-path');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('moving to the next phase closes the previous one', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await dossier(page, '#traject');
    await page.locator('#phase-forms summary', { hasText: 'Volgende fase vastleggen' }).click();
    const form = page.locator('#phase-form');
    await form.getByLabel('Soort fase').selectOption('external_work_learning');
    assert.equal(await form.getByLabel('Begindatum').inputValue(), today);
    await form.getByLabel('Uitkomst van de huidige fase').fill('Klaar voor een leerwerkplek');
    await assertAccessible(page, 'phase form');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/participants/${pid}/phases`) && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Fase vastleggen' }).click(),
    ]);
    assert.equal(res.status(), 201, await res.text());
    await page.locator('#phase-message .utrecht-alert--ok').waitFor();
    const row = (name) => page.locator('#phase-list tbody tr', { has: page.locator('th', { hasText: new RegExp(`^${name}`) }) });
    const internal = row('Intern werkleertraject');
    const external = row('Extern werkleertraject');
    await external.waitFor();
    const cells = await internal.locator('td').allTextContents();
    // Begin, planned end, end, organisation, responsible, outcome, status.
    assert.equal(cells[2], nl(today));
    assert.match(cells[5], /Klaar voor een leerwerkplek/);
    assert.equal(cells[6], 'afgesloten');
    assert.match(await external.textContent(), /lopend/);
    assert.match(await page.locator('#phase-current').textContent(), /Extern werkleertraject/);
    const phases = (await api(server.url, km, 'GET', `/api/participants/${pid}/phases`)).body;
    const closed = phases.items.find((p) => p.kind === 'internal_work_learning');
    assert.equal(closed.actual_end, today);
    assert.equal(closed.outcome, 'Klaar voor een leerwerkplek');
    assert.equal(phases.current.kind, 'external_work_learning');
    assert.equal(await page.locator('#phase-timeline svg rect.meedoen-tl-bar--open').count(), phases.items.filter((p) => p.open).length);
    await assertAccessible(page, 'dossier after moving on');
    await screenshot(page, 'dossier-next-phase');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('a transition the table forbids shows the reason beside the field and changes nothing', async () => {
    const before = (await api(server.url, km, 'GET', `/api/participants/${pid}/phases`)).body.items;
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await dossier(page, '#traject');
    await page.locator('#phase-forms summary', { hasText: 'Volgende fase vastleggen' }).click();
    const form = page.locator('#phase-form');
    // From external work-learning one cannot go to sheltered work.
    await form.getByLabel('Soort fase').selectOption('sheltered_work');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/participants/${pid}/phases`) && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Fase vastleggen' }).click(),
    ]);
    assert.equal(res.status(), 422);
    const body = await res.json();
    assert.equal(body.errors[0].field, 'kind');
    await page.locator('#ph-kind-error').waitFor();
    const kind = page.locator('#ph-kind');
    assert.equal(await kind.getAttribute('aria-invalid'), 'true');
    const err = page.locator('#ph-kind-error');
    assert.equal(await err.isVisible(), true);
    assert.match(await err.textContent(), /Beschut werk kan niet volgen op extern werkleertraject/);
    assert.ok((await kind.getAttribute('aria-describedby')).includes('ph-kind-error'));
    assert.match(await form.locator('.meedoen-error-summary').textContent(), /Soort fase: Beschut werk kan niet volgen/);
    await assertAccessible(page, 'phase form with a refused transition');
    await screenshot(page, 'phase-refused');
    const after = (await api(server.url, km, 'GET', `/api/participants/${pid}/phases`)).body.items;
    assert.deepEqual(after, before);
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('closing a phase with an end in the future is refused beside the field', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await dossier(page, '#traject');
    await page.locator('#phase-forms summary', { hasText: 'Fase afsluiten' }).click();
    const form = page.locator('#phase-end-form');
    const open = (await api(server.url, km, 'GET', `/api/participants/${pid}/phases`)).body.items.filter((p) => p.open);
    const ext = open.find((p) => p.kind === 'external_work_learning');
    if (open.length > 1) await form.locator('#pe-phase').selectOption(String(ext.id));
    await form.getByLabel('Einddatum').fill(iso(Date.now() + 3 * DAY));
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/phases/${ext.id}`) && r.request().method() === 'PATCH'),
      form.getByRole('button', { name: 'Fase afsluiten' }).click(),
    ]);
    await page.locator('#pe-actual_end-error').waitFor();
    assert.match(await page.locator('#pe-actual_end-error').textContent(), /ligt in de toekomst/);
    assert.equal(await page.locator('#pe-actual_end').getAttribute('aria-invalid'), 'true');
    await assertAccessible(page, 'phase end form with an error');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the ladder and the journal take entries', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await dossier(page, '#ladder');
    await page.locator('#ladder summary', { hasText: 'Trede vastleggen' }).click();
    const lf = page.locator('#ladder-form');
    await lf.getByLabel('Trede').selectOption('4');
    await lf.getByLabel('Toelichting').fill('Werkt mee in de productiehal.');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/participants/${pid}/ladder`) && r.request().method() === 'POST'),
      lf.getByRole('button', { name: 'Trede vastleggen' }).click(),
    ]);
    await page.locator('#ladder-message .utrecht-alert--ok').waitFor();
    await page.locator('#ladder-current', { hasText: 'Huidige trede: 4 – onbetaald werk' }).waitFor();
    assert.equal(await page.locator('#ladder-current meter').getAttribute('value'), '4');
    assert.match(await page.locator('#ladder-list tbody tr').first().textContent(), /Werkt mee in de productiehal/);

    await page.locator('#journaal summary', { hasText: 'Contact of notitie toevoegen' }).click();
    const jf = page.locator('#journal-form');
    await jf.getByLabel('Notitie', { exact: true }).check();
    await jf.getByLabel('Tekst').fill('Gesprek over de leerwerkplek gehad.');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/participants/${pid}/journal`) && r.request().method() === 'POST'),
      jf.getByRole('button', { name: 'Toevoegen aan journaal' }).click(),
    ]);
    await page.locator('#journal-message .utrecht-alert--ok').waitFor();
    const first = page.locator('#journal-list tbody tr').first();
    assert.match(await first.textContent(), /Gesprek over de leerwerkplek gehad/);
    assert.match(await first.textContent(), /Notitie/);
    await assertAccessible(page, 'dossier with ladder and journal');
    await screenshot(page, 'dossier-ladder-journal');
    const j = await api(server.url, km, 'GET', `/api/participants/${pid}/journal`);
    assert.equal(j.body.items[0].text, 'Gesprek over de leerwerkplek gehad.');
    assertNoPageErrors(page);
    await page.context().close();
  });
});
