// Browser tests: the week grid on the dossier (docs/week-plan.md, "The week
// plan"). The job coach plans a week with the keyboard only (arrow keys to
// the day-parts, Space/Enter to select, the form, Enter to save) and sees
// the entry in the cells; an empty selection is refused beside the field
// and nothing is stored. Planning work on the day-part of a language class
// shows the conflict with its explanation and saves only with a reason,
// after which the cell shows the conflict as accepted. With the mouse an
// entry is removed; removing work below the minimum of two day-parts asks
// for a reason too. The page passes axe with the grid, also at tablet width
// (768px), where the grid scrolls inside its own container.
//
// Each test has its own participant, registered by the job coach (so on
// her caseload) with an open work-learning phase, enrolled in a class group
// of the language provider (Monday 09:00-11:30). Everything is made through
// the API; the tests look at next week, so every entry valid from today
// holds on every day of the week shown.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from '../lib/server.mjs';
import { launch, newPage, loginUi, goto, assertAccessible, screenshot, assertNoPageErrors } from './helpers.mjs';

const iso = (n) => {
  const d = new Date();
  d.setDate(d.getDate() + n);
  const p = (x) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

// The Monday of next week, as the grid shows it after "Volgende week".
function nextMonday() {
  const d = new Date();
  const back = (d.getDay() + 6) % 7;
  return iso(7 - back);
}

describe('the week grid on the dossier', () => {
  let server;
  let browser;
  let jc;
  let tp;
  let group;
  let seq = 0;

  before(async () => {
    server = await startServer({ participants: 10 });
    browser = await launch();
    jc = await login(server.url, 'jobcoach');
    tp = await login(server.url, 'taalaanbieder');
    const r = await api(server.url, tp, 'POST', '/api/class-groups', {
      name: `NT2 A2 maandag ${Date.now()}`, level: 'A2', location: 'Taalhuis, Molenstraat 3', start_date: iso(-60), end_date: iso(200),
      sessions: [{ weekday: 'mon', start_time: '09:00', end_time: '11:30' }],
    });
    assert.equal(r.status, 201, r.text);
    group = r.body;
    assert.deepEqual(group.sessions[0].day_parts, ['mon_morning']);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  // A participant of the job coach in work-learning, enrolled in the group.
  async function participant() {
    seq += 1;
    let r = await api(server.url, jc, 'POST', '/api/participants', {
      family_name: `Weekplanner${seq}`, given_names: 'Samira', birth_date: '1988-05-17', work_days_per_week: 5, work_hours_per_day: 8,
    });
    assert.equal(r.status, 201, r.text);
    const pid = r.body.id;
    r = await api(server.url, jc, 'POST', `/api/participants/${pid}/phases`, { kind: 'intake', start_date: iso(-40) });
    assert.equal(r.status, 201, r.text);
    r = await api(server.url, jc, 'POST', `/api/participants/${pid}/phases`, { kind: 'internal_work_learning', start_date: iso(-20) });
    assert.equal(r.status, 201, r.text);
    r = await api(server.url, jc, 'POST', `/api/class-groups/${group.id}/enrolments`, { participant_id: pid, start_date: iso(-20) });
    assert.equal(r.status, 201, r.text);
    return pid;
  }

  async function plan(pid, week = nextMonday()) {
    const r = await api(server.url, jc, 'GET', `/api/participants/${pid}/week-plan?week=${week}`);
    assert.equal(r.status, 200, r.text);
    return r.body;
  }

  // Wait for a new confirmation (the section clears its message on each submit).
  async function okMessage(page, text = null) {
    const ok = page.locator('#wp-message .utrecht-alert--ok', text ? { hasText: text } : {});
    await ok.waitFor();
    return ok;
  }

  const cell = (page, code) => page.locator(`#wp-grid-table td[data-day-part="${code}"]`);

  async function openNextWeek(page, pid) {
    await goto(page, `${server.url}/dossier.html?id=${pid}#weekplanning`);
    await page.locator('#wp-grid-table').waitFor();
    const title = await page.locator('#wp-week-title').textContent();
    await page.getByRole('button', { name: 'Volgende week →' }).click();
    await page.waitForFunction((t) => document.querySelector('#wp-week-title').textContent !== t, title);
    assert.equal(await cell(page, 'mon_morning').getAttribute('data-date'), nextMonday());
  }

  test('the job coach plans a week with the keyboard; an empty selection is refused beside the field', async () => {
    const pid = await participant();
    const page = await newPage(browser);
    await loginUi(page, server.url, 'jobcoach');
    await goto(page, `${server.url}/dossier.html?id=${pid}#weekplanning`);
    const grid = page.getByRole('grid', { name: /Weekplanning, week/ });
    await grid.waitFor();
    assert.equal(await grid.getAttribute('aria-multiselectable'), 'true');
    // The class from the timetable is in its cell, marked as such.
    await assert.doesNotReject(cell(page, 'mon_morning').locator('.meedoen-wp-item--timetable', { hasText: group.name }).waitFor());
    assert.match(await cell(page, 'mon_morning').textContent(), /Taalles.*09:00–11:30.*Taalhuis, Molenstraat 3.*lesrooster/);
    assert.match(await page.locator('#wp-facts').textContent(), /0 dagdelen werk \(minimaal 2\) te weinig/);

    // Next week, with the keyboard: the button keeps the focus, Tab enters the grid.
    const nextButton = page.getByRole('button', { name: 'Volgende week →' });
    await nextButton.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((d) => document.querySelector('#wp-grid-table td[data-day-part="mon_morning"]')?.dataset.date === d, nextMonday());
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Volgende week →');

    // Saving with nothing selected: refused beside "Gekozen dagdelen", nothing stored.
    await page.locator('#wp-add-form').getByLabel('Soort', { exact: false }).selectOption('work');
    await page.getByRole('button', { name: 'Toevoegen aan weekplanning' }).click();
    const summary = page.locator('#wp-add-form-errors [role="alert"]');
    await summary.waitFor();
    await assert.doesNotReject(page.locator('#wp-day_parts-error:not([hidden])').waitFor());
    assert.match(await summary.textContent(), /Dagdelen/);
    assert.equal((await plan(pid)).items.filter((i) => i.source === 'plan').length, 0, 'nothing was stored');

    // Into the grid: one Tab from the week buttons reaches its single tab stop.
    await nextButton.focus();
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate(() => document.activeElement.dataset.dayPart || document.activeElement.tagName);
    assert.equal(await focused(), 'mon_morning');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'tue_afternoon');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(), 'thu_morning');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    // Selecting and unselecting: Sunday afternoon toggled twice stays free.
    await page.keyboard.press('End');
    assert.equal(await focused(), 'sun_afternoon');
    await page.keyboard.press('Space');
    await page.keyboard.press('Space');
    assert.equal(await page.locator('#wp-grid-table td[tabindex="0"]').count(), 1, 'one tab stop (roving tabindex)');
    const selected = await page.locator('#wp-grid-table td[aria-selected="true"]').evaluateAll((els) => els.map((e) => e.dataset.dayPart));
    assert.deepEqual(selected, ['thu_morning', 'tue_afternoon', 'thu_afternoon']);
    assert.equal(await page.locator('#wp-chosen').textContent(), '3 dagdelen: dinsdag middag, donderdag ochtend, donderdag middag');

    // The form, with the keyboard: Tab on from the grid to the kind, type, Enter.
    // (the error summary of the refused try is still above the form: its link first)
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), '#wp-day_parts');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'wp-clear-selection');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'wp-kind');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Inpakhal Noord');
    // Kind stays "work" (chosen above); the placement is optional.
    await page.locator('#wp-add-form').getByLabel('Locatie').focus();
    await page.keyboard.type('Industrieweg 4, Naaldwijk');
    await page.keyboard.press('Enter');
    const ok = page.locator('#wp-message .utrecht-alert--ok');
    await ok.waitFor();
    assert.match(await ok.textContent(), /Inpakhal Noord is toegevoegd aan de weekplanning \(dinsdag middag, donderdag ochtend, donderdag middag\)/);

    // The entry is in its three cells with kind, title and place; the selection is cleared.
    for (const code of ['tue_afternoon', 'thu_morning', 'thu_afternoon']) {
      const text = await cell(page, code).textContent();
      assert.match(text, /Werk.*Inpakhal Noord.*Industrieweg 4, Naaldwijk/, `${code}: ${text}`);
    }
    assert.match(await cell(page, 'tue_morning').textContent(), /vrij/);
    assert.equal(await page.locator('#wp-grid-table td[aria-selected="true"]').count(), 0);
    assert.match(await page.locator('#wp-facts').textContent(), /3 dagdelen werk \(minimaal 2\) voldoende/);
    // The server stored exactly that.
    const p = await plan(pid);
    const entries = p.items.filter((i) => i.source === 'plan');
    assert.equal(entries.length, 1);
    assert.equal(entries[0].kind, 'work');
    assert.deepEqual([...entries[0].day_parts].sort(), ['thu_afternoon', 'thu_morning', 'tue_afternoon']);
    assert.equal(entries[0].location, 'Industrieweg 4, Naaldwijk');
    assert.equal(p.work_day_parts, 3);
    await screenshot(page, 'weekplan-keyboard');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('work on the class day-part: the conflict is explained, saved only with a reason, then shown as accepted', async () => {
    const pid = await participant();
    const page = await newPage(browser);
    await loginUi(page, server.url, 'jobcoach');
    await openNextWeek(page, pid);
    await cell(page, 'mon_morning').click();
    await cell(page, 'wed_morning').click();
    await page.locator('#wp-add-form').getByLabel('Soort', { exact: false }).selectOption('work');
    await page.locator('#wp-add-form').getByLabel('Omschrijving').fill('Magazijn Zuid');
    await page.getByRole('button', { name: 'Toevoegen aan weekplanning' }).click();

    // 409: the new conflict with the server's explanation; nothing stored.
    const warning = page.locator('#wp-add-form .meedoen-wp-override [role="alert"]');
    await warning.waitFor();
    const warningText = await warning.textContent();
    assert.match(warningText, /Dit geeft (een conflict|\d+ conflicten)/);
    assert.match(warningText, /Conflict:/);
    assert.match(warningText, /maandag ochtend/);
    assert.equal((await plan(pid)).items.filter((i) => i.source === 'plan').length, 0, 'nothing stored on 409');
    await assertAccessible(page, 'the dossier with the conflict warning');

    // "Toch opslaan" without a reason: refused, still nothing stored.
    await page.getByRole('button', { name: 'Toch opslaan' }).click();
    await page.locator('#wp-add-form-errors [role="alert"]').waitFor();
    assert.equal(await page.locator('#wp-add-form').getByLabel('Reden om toch op te slaan').getAttribute('aria-invalid'), 'true');
    assert.equal((await plan(pid)).items.filter((i) => i.source === 'plan').length, 0);

    // With a reason: saved; the cell shows the conflict as accepted with the reason.
    await page.locator('#wp-add-form').getByLabel('Reden om toch op te slaan').fill('Les op maandag volgt zij online in de avond');
    await page.getByRole('button', { name: 'Toch opslaan' }).click();
    await okMessage(page, 'Magazijn Zuid is toegevoegd');
    const mon = cell(page, 'mon_morning');
    const monText = await mon.textContent();
    assert.match(monText, /Magazijn Zuid/);
    assert.match(monText, /Geaccepteerd conflict:/);
    assert.match(monText, /geaccepteerd: Les op maandag volgt zij online in de avond/);
    assert.doesNotMatch(await cell(page, 'wed_morning').textContent(), /Conflict/);
    // The server's explanation is what the cell shows, and it is accepted.
    const p = await plan(pid);
    const overlap = p.conflicts.find((c) => c.rule === 'overlap' && c.day_parts.includes('mon_morning'));
    assert.ok(overlap, JSON.stringify(p.conflicts));
    assert.equal(overlap.accepted.reason, 'Les op maandag volgt zij online in de avond');
    assert.ok(monText.includes(overlap.message), `${monText} has ${overlap.message}`);
    // The summary above the grid lists it too.
    assert.match(await page.locator('#wp-conflicts').textContent(), /Geaccepteerd conflict:.*maandag ochtend/);
    await assertAccessible(page, 'the dossier with the week grid');
    await screenshot(page, 'weekplan-conflict');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('with the mouse an entry is removed; removing work below the minimum needs a reason', async () => {
    const pid = await participant();
    // Valid from this Monday: the server judges the minimum on this week.
    const monday = iso(-((new Date().getDay() + 6) % 7));
    let r = await api(server.url, jc, 'POST', `/api/participants/${pid}/week-plan/entries`, {
      kind: 'coach_appointment', title: 'Gesprek met Jamila', day_parts: ['fri_morning'], location: 'WerkPlein, kamer 2', valid_from: monday,
    });
    assert.equal(r.status, 201, r.text);
    r = await api(server.url, jc, 'POST', `/api/participants/${pid}/week-plan/entries`, {
      kind: 'work', title: 'Kwekerij', day_parts: ['tue_afternoon', 'thu_afternoon'], valid_from: monday,
    });
    assert.equal(r.status, 201, r.text);
    const page = await newPage(browser);
    await loginUi(page, server.url, 'jobcoach');
    await openNextWeek(page, pid);
    assert.match(await cell(page, 'fri_morning').textContent(), /Afspraak jobcoach.*Gesprek met Jamila.*WerkPlein, kamer 2/);

    await page.getByRole('button', { name: 'Verwijderen: Gesprek met Jamila' }).click();
    await page.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await okMessage(page, 'Gesprek met Jamila is uit de weekplanning verwijderd');
    assert.match(await cell(page, 'fri_morning').textContent(), /vrij/);
    assert.ok(!(await plan(pid)).items.some((i) => i.title === 'Gesprek met Jamila'), 'the appointment is no longer planned');

    // "Gaat niet door op…" next Tuesday: that cell strikes the work through
    // with the reason, Thursday still has it; without a reason it is refused.
    const tuesday = await cell(page, 'tue_afternoon').getAttribute('data-date');
    await page.getByRole('button', { name: 'Gaat niet door op…: Kwekerij' }).click();
    await page.locator('#wp-exception-form').getByLabel('Van').fill(tuesday);
    await page.getByRole('button', { name: 'Vastleggen', exact: true }).click();
    await page.locator('#wp-exception-form-errors [role="alert"]').waitFor();
    assert.equal(await page.locator('#wp-exception-form').getByLabel('Reden').getAttribute('aria-invalid'), 'true');
    await page.locator('#wp-exception-form').getByLabel('Reden').fill('Tandarts');
    await page.getByRole('button', { name: 'Vastleggen', exact: true }).click();
    await okMessage(page, 'Vastgelegd: Kwekerij gaat niet door');
    const struck = cell(page, 'tue_afternoon').locator('.meedoen-wp-item--cancelled');
    await struck.waitFor();
    assert.match(await struck.locator('s').textContent(), /Kwekerij/);
    assert.match(await struck.textContent(), /gaat niet door: Tandarts/);
    assert.equal(await cell(page, 'thu_afternoon').locator('.meedoen-wp-item--cancelled').count(), 0);
    assert.match(await cell(page, 'thu_afternoon').textContent(), /Kwekerij/);

    // Work down to one day-part: 409 below the minimum, then with a reason.
    await page.getByRole('button', { name: 'Verwijderen: Kwekerij' }).click();
    await page.getByRole('button', { name: 'Ja, verwijderen' }).click();
    const warning = page.locator('#wp-remove-form [role="alert"]');
    await warning.waitFor();
    assert.match(await warning.textContent(), /Conflict:/);
    assert.ok((await plan(pid)).items.some((i) => i.title === 'Kwekerij'), 'still planned after the 409');
    await page.locator('#wp-remove-form').getByLabel('Reden om toch op te slaan').fill('Stopt met werk, start met studie');
    await page.getByRole('button', { name: 'Toch verwijderen' }).click();
    await okMessage(page, 'Kwekerij is uit de weekplanning verwijderd');
    assert.match(await cell(page, 'tue_afternoon').textContent(), /vrij/);
    assert.ok(!(await plan(pid)).items.some((i) => i.title === 'Kwekerij'));
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('a holiday for the whole plan strikes the class through with its reason, and can be lifted', async () => {
    const pid = await participant();
    const page = await newPage(browser);
    await loginUi(page, server.url, 'jobcoach');
    await openNextWeek(page, pid);
    const form = page.locator('#wp-holiday-form');
    await page.locator('#wp-holiday summary').click();
    await form.getByLabel('Van').fill(nextMonday());
    await form.getByRole('button', { name: 'Vrij vastleggen' }).click();
    // Without a reason: refused beside the field, nothing stored.
    await page.locator('#wp-holiday-form-errors [role="alert"]').waitFor();
    assert.equal(await form.getByLabel('Reden').getAttribute('aria-invalid'), 'true');
    assert.equal((await plan(pid)).exceptions.length, 0);
    await form.getByLabel('Reden').fill('Suikerfeest');
    await form.getByRole('button', { name: 'Vrij vastleggen' }).click();
    await okMessage(page, 'Vrij vastgelegd');
    const struck = cell(page, 'mon_morning').locator('.meedoen-wp-item--cancelled');
    await struck.waitFor();
    assert.match(await struck.locator('s').textContent(), new RegExp(group.name));
    assert.match(await struck.textContent(), /gaat niet door: Suikerfeest/);
    const p = await plan(pid);
    assert.deepEqual(p.cells.find((c) => c.day_part === 'mon_morning').cancelled.length, 1);

    await page.getByRole('button', { name: /^Vrij van .* opheffen$/ }).click();
    await okMessage(page, 'is opgeheven');
    assert.equal(await cell(page, 'mon_morning').locator('.meedoen-wp-item--cancelled').count(), 0);
    assert.equal((await plan(pid)).cells.find((c) => c.day_part === 'mon_morning').cancelled.length, 0);
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('at tablet width the grid scrolls inside its container, works with the keyboard and passes axe', async () => {
    const pid = await participant();
    const page = await newPage(browser);
    await page.setViewportSize({ width: 768, height: 1024 });
    await loginUi(page, server.url, 'jobcoach');
    await openNextWeek(page, pid);
    const widths = await page.evaluate(() => {
      const box = document.querySelector('#wp-grid');
      return { page: document.documentElement.scrollWidth, view: window.innerWidth, box: box.clientWidth, grid: box.scrollWidth };
    });
    assert.ok(widths.page <= widths.view, `the page does not scroll sideways: ${JSON.stringify(widths)}`);
    assert.ok(widths.grid > widths.box, `the grid scrolls in its container: ${JSON.stringify(widths)}`);
    await cell(page, 'mon_morning').click();
    await page.keyboard.press('Space'); // unselect again
    await page.keyboard.press('Control+End');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.dayPart), 'sun_evening');
    await page.keyboard.press('Enter');
    assert.equal(await cell(page, 'sun_evening').getAttribute('aria-selected'), 'true');
    assert.ok(await cell(page, 'sun_evening').evaluate((td) => {
      const r = td.getBoundingClientRect();
      const b = document.querySelector('#wp-grid').getBoundingClientRect();
      return r.right <= b.right + 1 && r.left >= b.left - 1;
    }), 'the focused cell was scrolled into view');
    await assertAccessible(page, 'the dossier with the week grid at 768px');
    await screenshot(page, 'weekplan-tablet');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('who may only read the path (the director) sees the grid without edit controls', async () => {
    const pid = await participant();
    const r = await api(server.url, jc, 'POST', `/api/participants/${pid}/week-plan/entries`, {
      kind: 'training', title: 'Cursus heftruck', day_parts: ['wed_morning'],
    });
    assert.equal(r.status, 201, r.text);
    const page = await newPage(browser);
    await loginUi(page, server.url, 'regisseur');
    await openNextWeek(page, pid);
    const grid = page.getByRole('grid');
    assert.equal(await grid.getAttribute('aria-readonly'), 'true');
    assert.equal(await grid.getAttribute('aria-multiselectable'), null);
    assert.match(await cell(page, 'wed_morning').textContent(), /Scholing.*Cursus heftruck/);
    await cell(page, 'wed_morning').click();
    await page.keyboard.press('Space');
    assert.equal(await page.locator('#wp-grid-table td[aria-selected]').count(), 0, 'nothing to select');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.dayPart), 'tue_morning');
    assert.equal(await page.locator('#wp-add-form').count(), 0);
    assert.equal(await page.locator('#wp-holiday-form').count(), 0);
    assert.equal(await page.getByRole('button', { name: /^Verwijderen/ }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /^Gaat niet door op/ }).count(), 0);
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('links: week card, .ics download and a calendar subscription that can be revoked', async () => {
    const pid = await participant();
    const page = await newPage(browser);
    await loginUi(page, server.url, 'jobcoach');
    await goto(page, `${server.url}/dossier.html?id=${pid}#weekplanning`);
    await page.locator('#wp-grid-table').waitFor();
    assert.match(await page.getByRole('link', { name: 'Weekkaart afdrukken' }).getAttribute('href'), new RegExp(`^/weekcard\\.html\\?participant=${pid}`));
    const ics = await page.getByRole('link', { name: 'Agenda downloaden (.ics)' }).getAttribute('href');
    assert.equal(ics, `/api/participants/${pid}/week-plan.ics`);
    const file = await api(server.url, jc, 'GET', ics);
    assert.equal(file.status, 200);
    assert.match(file.text, /BEGIN:VCALENDAR/);

    await page.getByRole('button', { name: 'Abonnementslink maken' }).click();
    const url = page.getByRole('textbox', { name: 'Abonnementslink' });
    await url.waitFor();
    const link = await url.inputValue();
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/calendar\/[^/]+\.ics$/);
    let r = await fetch(link);
    assert.equal(r.status, 200);
    assert.match(await r.text(), /BEGIN:VCALENDAR/);
    await page.getByRole('button', { name: /Abonnementslink van .* intrekken/ }).click();
    await page.locator('#wp-sub-message .utrecht-alert--ok').waitFor();
    r = await fetch(link);
    assert.equal(r.status, 404, 'a revoked link answers 404');
    assertNoPageErrors(page);
    await page.context().close();
  });
});
