// Browser tests: the language provider's pages and the capacity grid. The
// taalaanbieder makes a class group with two sessions (a session ending
// before it starts is refused beside its field and nothing is stored) and
// sees the day-parts the sessions take; uploads a timetable with one broken
// row, reads the report naming line and column, then imports the good
// groups; records class attendance with the keyboard only, including an
// absence with a reason, and finds it kept after a reload. A project leader
// sees planned counts and an over-capacity cell in the capacity grid, said
// in words. Everything else is made through the API; every page is
// axe-clean.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from '../lib/server.mjs';
import { launch, newPage, loginUi, assertAccessible, screenshot, assertNoPageErrors } from './helpers.mjs';

const pad = (n) => String(n).padStart(2, '0');
// Local dates, as the page and the server (same machine) see them.
const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const daysFrom = (n) => { const d = new Date(); d.setDate(d.getDate() + n); return iso(d); };
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const todayWeekday = () => WEEKDAYS[new Date().getDay()];

// The page body does not scroll sideways at a phone's width (390 px);
// wide tables scroll inside their own container.
async function assertFitsPhone(page, what) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(50);
  const { scroll, client } = await page.evaluate(() => ({
    scroll: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `${what} scrolls sideways at 390 px: ${scroll} > ${client}`);
  await assertAccessible(page, `${what} at 390 px`);
  await page.setViewportSize(size);
}

describe('timetables, class attendance and capacity', () => {
  let server;
  let browser;
  let taal;     // the demo's language provider (Taalhuis Westland)
  let pl;       // project leader
  let km;       // case manager (records consent)
  let provider; // the Taalhuis organisation
  let swc;      // the social work company
  const tag = String(Date.now()).slice(-6);

  before(async () => {
    server = await startServer({ participants: 40 });
    browser = await launch();
    taal = await login(server.url, 'taalaanbieder');
    pl = await login(server.url, 'projectleider');
    km = await login(server.url, 'klantmanager');
    const orgs = (await api(server.url, pl, 'GET', '/api/organisations')).body.items;
    provider = orgs.find((o) => o.name === 'Taalhuis Westland');
    swc = orgs.find((o) => o.type === 'social_work_company');
    assert.ok(provider && swc, 'the demo has the Taalhuis and the social work company');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function groupsNamed(name) {
    const r = await api(server.url, taal, 'GET', '/api/class-groups?include_inactive=1');
    assert.equal(r.status, 200, r.text);
    return r.body.items.filter((g) => g.name === name);
  }

  test('the language provider makes a group with two sessions; an end before the start is refused beside the field', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'taalaanbieder');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    assert.equal(await nav.getByRole('link', { name: 'Lesaanwezigheid' }).count(), 1);
    assert.equal(await nav.getByRole('link', { name: 'Capaciteit' }).count(), 0, 'a provider reads no placements');
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/timetables.html'),
      nav.getByRole('link', { name: 'Lesroosters' }).click(),
    ]);
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Lesroosters');
    await assertAccessible(page, 'timetables page');

    const name = `A2 ochtend ${tag}`;
    const form = page.locator('#group-form');
    await form.getByLabel(/^Naam van de groep/).fill(name);
    await form.getByLabel(/^Niveau/).fill('A2');
    await form.getByLabel(/^Locatie/).fill('Bibliotheek Naaldwijk');
    await form.getByLabel(/^Begindatum/).fill(daysFrom(-60));
    await form.getByLabel(/^Einddatum/).fill(daysFrom(200));
    const les1 = form.getByRole('group', { name: 'Les 1' });
    await les1.getByLabel(/^Weekdag/).selectOption('tue');
    await les1.getByLabel(/^Begintijd/).fill('09:00');
    await les1.getByLabel(/^Eindtijd/).fill('11:30');
    // A row added and removed again leaves the other rows alone.
    await form.getByRole('button', { name: 'Les toevoegen' }).click();
    await form.getByRole('button', { name: 'Les toevoegen' }).click();
    assert.equal(await form.locator('.meedoen-session-row').count(), 3);
    await form.getByRole('button', { name: 'Les 3 verwijderen' }).click();
    assert.equal(await form.locator('.meedoen-session-row').count(), 2);
    assert.equal(await les1.getByLabel(/^Begintijd/).inputValue(), '09:00');
    const les2 = form.getByRole('group', { name: 'Les 2' });
    await les2.getByLabel(/^Weekdag/).selectOption('thu');
    await les2.getByLabel(/^Begintijd/).fill('13:30');
    await les2.getByLabel(/^Eindtijd/).fill('12:00');
    const [bad] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/class-groups') && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Lesgroep opslaan' }).click(),
    ]);
    assert.equal(bad.status(), 422);
    const err = page.locator('#s-1-end_time-error');
    await err.waitFor();
    assert.match(await err.textContent(), /12:00 is niet later dan het begin \(13:30\)/);
    assert.equal(await page.locator('#s-1-end_time').getAttribute('aria-invalid'), 'true');
    const summary = page.locator('#group-form-errors .meedoen-error-summary');
    assert.match(await summary.textContent(), /Les 2: eindtijd/);
    assert.match(await summary.textContent(), /Er is niets opgeslagen/);
    // What was typed stays; nothing was stored.
    assert.equal(await form.getByLabel(/^Naam van de groep/).inputValue(), name);
    assert.equal(await les2.getByLabel(/^Weekdag/).inputValue(), 'thu');
    assert.equal((await groupsNamed(name)).length, 0);
    await assertAccessible(page, 'group form with a refused session');

    await les2.getByLabel(/^Eindtijd/).fill('15:30');
    const [good] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/class-groups') && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Lesgroep opslaan' }).click(),
    ]);
    assert.equal(good.status(), 201);
    const ok = page.locator('#group-form-message .utrecht-alert--ok');
    await ok.waitFor();
    assert.match(await ok.textContent(), /dinsdagochtend, donderdagmiddag/);
    // The list and the group's page show the sessions and their day-parts.
    const row = page.locator('table.meedoen-class-groups tbody tr', { hasText: name });
    await row.waitFor();
    assert.match(await row.textContent(), /dinsdag 09:00–11:30 \(ochtend\)/);
    assert.match(await row.textContent(), /donderdag 13:30–15:30 \(middag\)/);
    await page.locator('#groep:not([hidden])').waitFor();
    assert.equal(await page.locator('#groep-title').textContent(), `Lesgroep ${name}`);
    const sessions = page.locator('table.meedoen-group-sessions tbody tr');
    assert.equal(await sessions.count(), 2);
    assert.match(await sessions.nth(1).textContent(), /Donderdag.*13:30.*15:30.*middag/);
    const [stored] = await groupsNamed(name);
    assert.deepEqual(stored.day_parts, ['tue_morning', 'thu_afternoon']);
    assert.equal(stored.sessions.length, 2);
    await assertAccessible(page, 'timetables page with a new group');
    await assertFitsPhone(page, 'timetables page');

    // Changing the group: the second session ends later.
    await page.getByRole('button', { name: 'Lesgroep wijzigen' }).click();
    assert.equal(await page.locator('#lesgroep-maken-title').textContent(), `Lesgroep ${name} wijzigen`);
    const edit2 = form.getByRole('group', { name: 'Les 2' });
    assert.equal(await edit2.getByLabel(/^Begintijd/).inputValue(), '13:30');
    await edit2.getByLabel(/^Eindtijd/).fill('16:00');
    const [patched] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/class-groups/${stored.id}`) && r.request().method() === 'PATCH'),
      form.getByRole('button', { name: 'Wijzigingen opslaan' }).click(),
    ]);
    assert.equal(patched.status(), 200);
    await page.locator('#group-form-message .utrecht-alert--ok').waitFor();
    assert.match(await page.locator('#group-form-message').textContent(), /is gewijzigd/);
    const [changed] = await groupsNamed(name);
    assert.equal(changed.sessions.find((x) => x.weekday === 'thu').end_time, '16:00');
    assert.equal(await page.locator('#lesgroep-maken-title').textContent(), 'Nieuwe lesgroep');

    // A holiday for the whole group.
    const ex = page.locator('#exception-form');
    await ex.getByLabel(/^Vanaf/).fill(daysFrom(30));
    await ex.getByLabel(/^Tot en met/).fill(daysFrom(37));
    await ex.getByLabel(/^Reden/).fill('kerstvakantie');
    await ex.getByRole('button', { name: 'Lesvrije dag opslaan' }).click();
    await page.locator('#exception-message .utrecht-alert--ok').waitFor();
    assert.match(await page.locator('table.meedoen-group-exceptions').textContent(), /kerstvakantie/);
    await screenshot(page, 'timetables');
    assertNoPageErrors(page);
    await page.context().close();

    // A job coach reads the timetables but changes nothing.
    const coach = await newPage(browser);
    await loginUi(coach, server.url, 'jobcoach');
    const coachNav = coach.getByRole('navigation', { name: 'Hoofdmenu' });
    assert.equal(await coachNav.getByRole('link', { name: 'Lesaanwezigheid' }).count(), 0);
    await Promise.all([
      coach.waitForURL((u) => u.pathname === '/timetables.html'),
      coachNav.getByRole('link', { name: 'Lesroosters' }).click(),
    ]);
    await coach.waitForSelector('body[data-ready="true"]');
    const coachRow = coach.locator('table.meedoen-class-groups tbody tr', { hasText: name });
    await coachRow.waitFor();
    assert.match(await coachRow.textContent(), /Taalhuis Westland/);
    assert.equal(await coach.locator('#group-form').isVisible(), false);
    assert.equal(await coach.locator('#rooster-importeren').isVisible(), false);
    await Promise.all([
      coach.waitForURL((u) => u.searchParams.get('group') === String(stored.id)),
      coachRow.getByRole('link', { name }).click(),
    ]);
    await coach.waitForSelector('body[data-ready="true"]');
    await coach.locator('#groep:not([hidden])').waitFor();
    assert.equal(await coach.getByRole('button', { name: 'Lesgroep wijzigen' }).count(), 0);
    assert.equal(await coach.locator('#exception-form').count(), 0);
    await assertAccessible(coach, 'timetables read by a job coach');
    assertNoPageErrors(coach);
    await coach.context().close();
  });

  test('a timetable with one broken row is refused with line and column named; then the good groups are imported', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'taalaanbieder', undefined, '/timetables.html');
    const good = `B1 avond ${tag}`;
    const broken = `A1 middag ${tag}`;
    const from = daysFrom(-30);
    const to = daysFrom(200);
    const csv = [
      'provider,group,weekday,start_time,end_time,start_date,end_date,level',
      `Taalhuis Westland,${good},mon,19:00,21:00,${from},${to},B1`,
      `Taalhuis Westland,${good},wed,19:00,21:00,${from},${to},B1`,
      `Taalhuis Westland,${broken},xyz,13:00,15:00,${from},${to},A1`,
      `Taalhuis Westland,${broken},thu,13:00,15:00,${from},${to},A1`,
      '',
    ].join('\n');
    const section = page.locator('#rooster-importeren');
    await section.getByLabel('Lesrooster (CSV)').setInputFiles({ name: 'rooster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const [first] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/import/timetable')),
      section.getByRole('button', { name: 'Bestand controleren en importeren' }).click(),
    ]);
    assert.equal(first.status(), 422);
    assert.ok(!first.url().includes('partial=1'));
    await page.locator('#timetable-report:not([hidden])').waitFor();
    assert.match(await page.locator('#timetable-report-message').textContent(), /geweigerd: er is niets opgeslagen/);
    // The broken row by line and column, and the other row of its group
    // that is not imported with it.
    const errRows = page.locator('#timetable-report table.meedoen-import-errors tbody tr');
    assert.equal(await errRows.count(), 2);
    const cells = errRows.first().locator('th, td');
    assert.equal(await cells.nth(0).textContent(), '4');
    assert.equal(await cells.nth(1).textContent(), 'weekday');
    assert.match(await cells.nth(2).textContent(), /"xyz" is geen weekdag/);
    assert.match(await errRows.nth(1).textContent(), new RegExp(`^5group.*groep "${broken}" heeft fouten op regel 4`));
    assert.equal((await groupsNamed(good)).length, 0, 'nothing stored without partial');
    await assertAccessible(page, 'timetable import report');

    const [second] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/import/timetable?partial=1')),
      section.getByRole('button', { name: 'Alleen de goede lesgroepen importeren' }).click(),
    ]);
    assert.equal(second.status(), 200);
    await page.locator('#timetable-report-message .utrecht-alert--warning').waitFor();
    assert.match(await page.locator('#timetable-report-message').textContent(), /goede deel is opgeslagen/);
    const row = page.locator('table.meedoen-class-groups tbody tr', { hasText: good });
    await row.waitFor();
    assert.match(await row.textContent(), /maandag 19:00–21:00 \(avond\)/);
    assert.equal(await page.locator('table.meedoen-class-groups tbody tr', { hasText: broken }).count(), 0);
    const [stored] = await groupsNamed(good);
    assert.equal(stored.sessions.length, 2);
    assert.equal((await groupsNamed(broken)).length, 0);
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('attendance for a day is recorded with the keyboard, an absence with a reason included, and kept after a reload', async () => {
    // A group with a class today, two people enrolled by the project
    // leader, and the consent the provider needs to see their names.
    const wd = todayWeekday();
    const g = await api(server.url, taal, 'POST', '/api/class-groups', {
      name: `Vandaag ${tag}`, level: 'A1', start_date: daysFrom(-30), end_date: daysFrom(120),
      sessions: [{ weekday: wd, start_time: '09:00', end_time: '11:30' }],
    });
    assert.equal(g.status, 201, g.text);
    const group = g.body;
    const list = await api(server.url, pl, 'GET', '/api/participants?per_page=100');
    assert.equal(list.status, 200, list.text);
    const people = [];
    for (const p of list.body.items) {
      const e = await api(server.url, pl, 'POST', `/api/class-groups/${group.id}/enrolments`, {
        participant_id: p.id, start_date: daysFrom(-7), override_reason: 'test: les gaat voor',
      });
      if (e.status !== 201) continue;
      for (const category of ['identity', 'civic_integration']) {
        const c = await api(server.url, km, 'POST', `/api/participants/${p.id}/consents`, { organisation_id: provider.id, category, given_on: daysFrom(-7) });
        assert.equal(c.status, 201, c.text);
      }
      people.push(p);
      if (people.length === 2) break;
    }
    assert.equal(people.length, 2, 'two participants enrolled');
    const [anna, bram] = people;
    const nameOf = (p) => `${p.given_names} ${p.family_name}`;

    const page = await newPage(browser);
    await loginUi(page, server.url, 'taalaanbieder', undefined, `/attendance.html?group=${group.id}`);
    assert.equal(await page.locator('#group').inputValue(), String(group.id));
    assert.equal(await page.locator('#day').inputValue(), daysFrom(0), 'today, a day with a class, is chosen');
    await page.locator('#attendance-form').waitFor();
    const fieldsets = page.locator('#attendance-form fieldset.meedoen-attendance-person');
    assert.equal(await fieldsets.count(), 2);
    await page.getByRole('group', { name: nameOf(anna) }).waitFor();
    await assertAccessible(page, 'attendance page');

    // Keyboard only: "Alles aanwezig", then Bram one to the right (absent
    // with a reason), then save without a reason: refused on the page.
    await page.locator('#attendance-all-present').focus();
    await page.keyboard.press('Enter');
    const bramGroup = page.getByRole('group', { name: nameOf(bram) });
    await bramGroup.getByRole('radio', { name: 'aanwezig', exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await bramGroup.getByRole('radio', { name: 'afwezig met reden' }).isChecked(), true);
    await page.locator('#attendance-save').focus();
    await page.keyboard.press('Enter');
    const reasonError = page.locator(`#reason-${bram.id}-error`);
    await reasonError.waitFor();
    assert.match(await reasonError.textContent(), /vul een reden in/);
    assert.equal(await page.locator(`#reason-${bram.id}`).getAttribute('aria-invalid'), 'true');
    let stored = await api(server.url, taal, 'GET', `/api/class-groups/${group.id}/attendance?day=${daysFrom(0)}`);
    assert.ok(stored.body.items.every((i) => !i.status), 'nothing saved');
    await assertAccessible(page, 'attendance with a missing reason');

    // The summary's link takes the keyboard to the reason field.
    await page.locator('#attendance-form-errors a').first().focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), `reason-${bram.id}`);
    await page.keyboard.type('bij de huisarts');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/class-groups/${group.id}/attendance`) && r.request().method() === 'PUT'),
      page.keyboard.press('Enter'),
    ]);
    assert.equal(saved.status(), 200);
    await page.locator('#attendance-message .utrecht-alert--ok').waitFor();
    assert.match(await page.locator('#attendance-message').textContent(), /opgeslagen voor 2 deelnemers/);

    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('#attendance-form').waitFor();
    const annaGroup = page.getByRole('group', { name: nameOf(anna) });
    assert.equal(await annaGroup.getByRole('radio', { name: 'aanwezig', exact: true }).isChecked(), true);
    assert.equal(await page.getByRole('group', { name: nameOf(bram) }).getByRole('radio', { name: 'afwezig met reden' }).isChecked(), true);
    assert.equal(await page.locator(`#reason-${bram.id}`).inputValue(), 'bij de huisarts');
    assert.match(await page.locator('#attendance-status').textContent(), /2 van 2 deelnemers vastgelegd/);
    stored = await api(server.url, taal, 'GET', `/api/class-groups/${group.id}/attendance?day=${daysFrom(0)}`);
    const byId = Object.fromEntries(stored.body.items.map((i) => [i.participant_id, i]));
    assert.equal(byId[anna.id].status, 'present');
    assert.equal(byId[bram.id].status, 'absent_excused');
    assert.equal(byId[bram.id].reason, 'bij de huisarts');
    await assertAccessible(page, 'attendance after reload');
    await assertFitsPhone(page, 'attendance page');

    // A CSV file of the same day: Anna was absent after all.
    const csv = [
      'provider,group,participant_id,day,status,reason',
      `Taalhuis Westland,${group.name},${anna.id},${daysFrom(0)},absent_unexcused,`,
      '',
    ].join('\n');
    const upload = page.locator('#aanwezigheid-importeren');
    await upload.getByLabel('Aanwezigheid (CSV)').setInputFiles({ name: 'aanwezigheid.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const [imported] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/import/class-attendance')),
      upload.getByRole('button', { name: 'Bestand controleren en importeren' }).click(),
    ]);
    assert.equal(imported.status(), 200, await imported.text());
    await page.locator('#attendance-csv-report-message .utrecht-alert--ok').waitFor();
    await page.getByRole('group', { name: nameOf(anna) }).getByRole('radio', { name: 'afwezig zonder reden' }).waitFor();
    await page.waitForFunction((id) => document.querySelector(`input[name="status-${id}"][value="absent_unexcused"]`)?.checked, anna.id);
    await screenshot(page, 'attendance');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the capacity grid shows planned counts and an over-capacity cell in words', async () => {
    const am = await login(server.url, 'accountmanager');
    const hall = await api(server.url, am, 'POST', '/api/placements', {
      organisation_id: swc.id, kind: 'internal_work_learning', title: `Inpakhal ${tag}`, capacity: 1, hours_per_week: 8,
      day_parts: ['mon_morning', 'tue_morning'],
    });
    assert.equal(hall.status, 201, hall.text);
    const placement = hall.body;
    // Two people work on Monday morning (one place: over capacity), one of
    // them also on Tuesday morning (full, not over).
    const list = await api(server.url, pl, 'GET', '/api/participants?per_page=100');
    const workers = [];
    for (const p of list.body.items) {
      const parts = workers.length === 0 ? ['mon_morning', 'tue_morning'] : ['mon_morning'];
      const r = await api(server.url, pl, 'POST', `/api/participants/${p.id}/week-plan/entries`, {
        kind: 'work', placement_id: placement.id, day_parts: parts, valid_from: daysFrom(-14),
        override_reason: 'test: capaciteit bewust overschreden',
      });
      if (r.status !== 201) continue;
      workers.push(p);
      if (workers.length === 2) break;
    }
    assert.equal(workers.length, 2, 'two work entries made');

    const page = await newPage(browser);
    await loginUi(page, server.url, 'projectleider');
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/capacity.html'),
      page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Capaciteit' }).click(),
    ]);
    await page.waitForSelector('body[data-ready="true"]');
    // Only the social work company, three weeks.
    await page.getByLabel('Organisatie', { exact: true }).selectOption(String(swc.id));
    await page.getByLabel('Aantal weken').fill('3');
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('weeks') === '3'),
      page.getByRole('button', { name: 'Tonen' }).click(),
    ]);
    await page.waitForSelector('body[data-ready="true"]');
    const block = page.locator(`section[data-placement="${placement.id}"]`);
    await block.waitFor();
    const rows = block.locator('table.meedoen-capacity tbody tr');
    assert.equal(await rows.count(), 3);
    // This week: Monday morning 2 of 1, said as "te vol"; Tuesday morning 1 of 1.
    const thisWeek = rows.first();
    const cellsOf = thisWeek.locator('td');
    const mon = cellsOf.nth(0);
    assert.equal(await mon.getAttribute('data-planned'), '2');
    assert.match(await mon.textContent(), /2\/1/);
    assert.match(await mon.textContent(), /te vol/);
    const tue = cellsOf.nth(3);
    assert.equal(await tue.getAttribute('data-planned'), '1');
    assert.doesNotMatch(await tue.textContent(), /te vol/);
    assert.match(await block.locator('.meedoen-capacity__overview').textContent(), /maandagochtend: 2 van 1/);
    assert.match(await page.locator('#capacity-summary').textContent(), /te vol/);
    // Headers tie each cell to its day and part.
    assert.equal(await block.locator('thead th[scope="colgroup"]').count(), 7);
    assert.equal(await block.locator('thead th[scope="col"]').count(), 21);
    assert.equal(await rows.first().locator('th[scope="row"]').count(), 1);
    await assertAccessible(page, 'capacity grid');
    await assertFitsPhone(page, 'capacity grid');
    await screenshot(page, 'capacity-weeks');

    // The same as one 7 x 3 table per week.
    await page.getByLabel('Weergave').selectOption('week');
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('view') === 'week'),
      page.getByRole('button', { name: 'Tonen' }).click(),
    ]);
    await page.waitForSelector('body[data-ready="true"]');
    const weekTables = page.locator(`section[data-placement="${placement.id}"] table.meedoen-capacity--week`);
    assert.equal(await weekTables.count(), 3);
    const morning = weekTables.first().locator('tbody tr').first();
    assert.match(await morning.locator('th').textContent(), /Ochtend/);
    assert.match(await morning.locator('td').first().textContent(), /2\/1.*te vol/);
    await assertAccessible(page, 'capacity per week');
    await screenshot(page, 'capacity');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the admin sets the day-part times; a part ending before it starts is refused beside its field', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'beheerder', undefined, '/users.html');
    await page.waitForSelector('#daypart-times-form[data-loaded="true"]');
    const section = page.locator('#dagdelen');
    await section.waitFor();
    const morning = section.getByRole('group', { name: 'Ochtend' });
    assert.equal(await morning.getByLabel(/^Begintijd/).inputValue(), '08:30');
    await morning.getByLabel(/^Eindtijd/).fill('08:00');
    await section.getByRole('button', { name: 'Tijden opslaan' }).click();
    await page.locator('#dpt-morning-end-error:not([hidden])').waitFor();
    assert.match(await page.locator('#dpt-morning-end-error').textContent(), /08:00 is niet later dan het begin \(08:30\)/);
    const times = await api(server.url, pl, 'GET', '/api/day-part-times');
    assert.equal(times.body.items[0].end_time, '12:30', 'nothing changed');
    await assertAccessible(page, 'day-part times with an error');
    await morning.getByLabel(/^Eindtijd/).fill('12:00');
    await section.getByRole('button', { name: 'Tijden opslaan' }).click();
    await page.locator('#daypart-times-message .utrecht-alert--ok').waitFor();
    const after = await api(server.url, pl, 'GET', '/api/day-part-times');
    assert.equal(after.body.items[0].end_time, '12:00');
    // Put the default back for the other tests of this server.
    const back = await api(server.url, await login(server.url, 'beheerder'), 'PUT', '/api/day-part-times', {
      morning: { start_time: '08:30', end_time: '12:30' },
      afternoon: { start_time: after.body.items[1].start_time, end_time: after.body.items[1].end_time },
      evening: { start_time: after.body.items[2].start_time, end_time: after.body.items[2].end_time },
    });
    assert.equal(back.status, 200, back.text);
    assertNoPageErrors(page);
    await page.context().close();
  });
});
