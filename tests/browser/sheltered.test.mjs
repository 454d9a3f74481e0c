// Browser tests: sheltered work. A case manager puts a participant in the
// pipeline from the dossier (a held place without its end date is refused
// beside the field), and the board shows every stage as a section with a
// heading and a list of cards, as the API gives them.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from '../lib/server.mjs';
import { launch, newPage, loginUi, goto, assertAccessible, screenshot, assertNoPageErrors } from './helpers.mjs';
import { isoNL } from '../lib/dates.mjs';

const DAY = 86400000;
const iso = (t) => isoNL(t);

describe('sheltered work', () => {
  let server;
  let browser;
  let km;
  let pid;
  let person;

  before(async () => {
    server = await startServer({ participants: 40 });
    browser = await launch();
    km = await login(server.url, 'klantmanager');
    // A participant not yet in the pipeline.
    const list = await api(server.url, km, 'GET', '/api/participants?per_page=100');
    for (const p of list.body.items) {
      const r = await api(server.url, km, 'GET', `/api/participants/${p.id}/sheltered`);
      if (r.status === 200 && !r.body.stage) { pid = p.id; person = p; break; }
    }
    assert.ok(pid, 'a participant outside the sheltered-work pipeline');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a held place is recorded from the dossier; without its end date it is refused beside the field', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await goto(page, `${server.url}/dossier.html?id=${pid}#beschut`);
    assert.match(await page.locator('#sheltered-view').textContent(), /niet in de pijplijn/);
    await page.locator('#beschut summary', { hasText: 'Aanmelden voor beschut werk' }).click();
    const form = page.locator('#sheltered-form');
    await form.getByLabel('Herkomst').selectOption('dropout');
    await form.getByLabel('Fase in beschut werk').selectOption('held');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/participants/${pid}/sheltered`) && r.request().method() === 'PUT'),
      form.getByRole('button', { name: 'Aanmelden voor beschut werk' }).click(),
    ]);
    await page.locator('#sh-hold_until-error').waitFor();
    assert.match(await page.locator('#sh-hold_until-error').textContent(), /gereserveerde plek heeft een einddatum nodig/);
    assert.equal(await page.locator('#sh-hold_until').getAttribute('aria-invalid'), 'true');
    await assertAccessible(page, 'sheltered-work form with an error');
    assert.equal((await api(server.url, km, 'GET', `/api/participants/${pid}/sheltered`)).body.stage, undefined);

    const until = iso(Date.now() + 20 * DAY);
    await form.getByLabel('Plek gereserveerd tot en met').fill(until);
    await form.getByLabel('School', { exact: true }).fill('Praktijkschool Westland');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/participants/${pid}/sheltered`) && r.request().method() === 'PUT'),
      form.getByRole('button', { name: 'Aanmelden voor beschut werk' }).click(),
    ]);
    await page.locator('#sheltered-message .utrecht-alert--ok').waitFor();
    const view = await page.locator('#sheltered-view').textContent();
    assert.match(view, /Plek gereserveerd/);
    assert.match(view, /Praktijkschool Westland/);
    assert.match(view, new RegExp(until.split('-').reverse().join('-')));
    const rec = (await api(server.url, km, 'GET', `/api/participants/${pid}/sheltered`)).body;
    assert.equal(rec.stage, 'held');
    assert.equal(rec.hold_until, until);
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the board shows each stage as a section with a heading and a list', async () => {
    const cookie = await login(server.url, 'projectleider');
    const board = await api(server.url, cookie, 'GET', '/api/sheltered');
    assert.equal(board.status, 200, board.text);

    const page = await newPage(browser);
    await loginUi(page, server.url, 'projectleider');
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/sheltered.html'),
      page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beschut werk' }).click(),
    ]);
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Beschut werk');
    const columns = page.locator('#board section');
    assert.equal(await columns.count(), board.body.stages.length);
    for (const st of board.body.stages) {
      const col = page.locator(`#board section[data-stage="${st.code}"]`);
      // Each column is a region named by its heading.
      const heading = col.getByRole('heading', { level: 2 });
      assert.match(await heading.textContent(), new RegExp(`\\(${st.items.length}\\)$`));
      assert.equal(await col.getAttribute('aria-labelledby'), await heading.getAttribute('id'));
      assert.equal(await col.locator('li.meedoen-card').count(), st.items.length, st.code);
      for (const it of st.items) {
        const link = col.getByRole('link', { name: `${it.given_names} ${it.family_name}` });
        assert.match(await link.getAttribute('href'), new RegExp(`^/dossier\\.html\\?id=${it.id}(#|$)`));
      }
    }
    // The participant with the held place is in the last column.
    const held = page.locator('#board section[data-stage="held"]');
    await held.getByRole('link', { name: `${person.given_names} ${person.family_name}` }).waitFor();
    assert.match(await held.textContent(), /Plek vast tot en met/);
    await assertAccessible(page, 'sheltered-work board');
    await screenshot(page, 'sheltered-board');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the board link is in the navigation of the youth consultant, not of the volunteer', async () => {
    for (const [user, shown] of [['jongerenconsulent', 1], ['vrijwilliger', 0]]) {
      const page = await newPage(browser);
      await loginUi(page, server.url, user);
      assert.equal(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beschut werk' }).count(), shown, user);
      await page.context().close();
    }
  });
});
