// Browser tests: the printable week card (weekkaart). A job coach plans a
// week for a participant through the API (work on two days, a language
// class, a training, an appointment, a language buddy), then opens the card
// in Arabic: the card runs right to left (Monday on the right), every item
// carries its pictogram named in Dutch and Arabic, the times are digits,
// the places are listed with their addresses; printed, nothing of the
// application shows and the card fits one A4 page. The same card in Dutch
// runs left to right with Dutch labels only; switching the language on the
// page redraws it in Tigrinya. The PDF of the card is served as a PDF; a
// language without a translation is refused naming the field, and someone
// who may not read the plan gets no card.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from '../lib/server.mjs';
import { launch, newPage, loginUi, goto, assertAccessible, screenshot, assertNoPageErrors } from './helpers.mjs';
import { isoNL } from '../lib/dates.mjs';

const DAY = 86400000;
const iso = (t) => isoNL(t);
const A4_LANDSCAPE_HEIGHT_PX = (210 / 25.4) * 96;

const ENTRIES = [
  { kind: 'work', title: 'Inpakhal', weekdays: ['mon', 'wed'], start_time: '08:30', end_time: '16:30', location: 'Hal 2, Industrieweg 5, Naaldwijk' },
  { kind: 'language_class', title: 'Taalles A2', weekdays: ['tue'], start_time: '09:00', end_time: '11:30', location: 'Taalhuis, Stationsplein 12, Naaldwijk' },
  { kind: 'training', title: 'Heftruckcursus', weekdays: ['thu'], start_time: '09:00', end_time: '12:00', location: 'Hal 2, Industrieweg 5, Naaldwijk' },
  { kind: 'coach_appointment', title: 'Gesprek jobcoach', day_parts: ['fri_morning'], location: 'Gemeentehuis, Verdilaan 7, Naaldwijk' },
  { kind: 'buddy_meeting', title: 'Taalmaatje', weekdays: ['sat'], start_time: '14:00', end_time: '15:00', location: 'Bibliotheek, Havenstraat 1, Naaldwijk' },
];
const ADDRESSES = ['Hal 2, Industrieweg 5, Naaldwijk', 'Taalhuis, Stationsplein 12, Naaldwijk',
  'Gemeentehuis, Verdilaan 7, Naaldwijk', 'Bibliotheek, Havenstraat 1, Naaldwijk'];
const AR_DAYS = ['الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت', 'الأحد'];
const NL_DAYS = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];
const TI_DAYS = ['ሰኑይ', 'ሰሉስ', 'ረቡዕ', 'ሓሙስ', 'ዓርቢ', 'ቀዳም', 'ሰንበት'];

// Number of pages of a PDF produced by Chromium.
function pdfPages(buf) {
  return (buf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
}

describe('week card', () => {
  let server;
  let browser;
  let jc;
  let pid;
  // a week that starts after today, so that every entry (valid from today) is in it
  const week = iso(Date.now() + 8 * DAY);

  before(async () => {
    server = await startServer({ participants: 30 });
    browser = await launch();
    jc = await login(server.url, 'jobcoach');
    const list = await api(server.url, jc, 'GET', '/api/participants?per_page=100');
    assert.equal(list.status, 200, list.text);
    for (const p of list.body.items) {
      const plan = await api(server.url, jc, 'GET', `/api/participants/${p.id}/week-plan`);
      if (plan.status === 200 && plan.body.items.length === 0) { pid = p.id; break; }
    }
    assert.ok(pid, 'a participant of the job coach with an empty plan');
    for (const e of ENTRIES) {
      const r = await api(server.url, jc, 'POST', `/api/participants/${pid}/week-plan/entries`,
        { ...e, override_reason: 'weekkaart test' });
      assert.equal(r.status, 201, `${e.kind}: ${r.text}`);
    }
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the card in Arabic runs right to left, with pictograms, digits and places, and prints on one page', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'jobcoach');
    await goto(page, `${server.url}/weekcard.html?participant=${pid}&lang=ar&week=${week}`);
    const card = page.locator('#weekcard');
    await card.waitFor();
    assert.equal(await card.getAttribute('dir'), 'rtl');
    assert.equal(await card.getAttribute('lang'), 'ar');
    await assertAccessible(page, 'the week card in Arabic');

    // seven days, Monday first in the document and rightmost on the card
    const days = page.locator('thead th.weekcard__day');
    assert.equal(await days.count(), 7);
    assert.deepEqual(await days.evaluateAll((els) => els.map((e) => e.dataset.weekday)),
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
    const xs = await days.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().x));
    for (let i = 1; i < 7; i++) assert.ok(xs[i] < xs[i - 1], `day ${i} left of day ${i - 1} on a right-to-left card: ${xs}`);
    for (let i = 0; i < 7; i++) {
      const text = await days.nth(i).innerText();
      assert.ok(text.includes(NL_DAYS[i]) && text.includes(AR_DAYS[i]), `day ${i}: ${text}`);
    }

    // every item: a pictogram named in Dutch and Arabic, times as digits
    const items = page.locator('.weekcard__item');
    assert.ok(await items.count() >= 6, 'work twice, class, training, appointment, buddy');
    const described = await items.evaluateAll((els) => els.map((li) => {
      const svg = li.querySelector('svg[role="img"]');
      return {
        kind: li.dataset.kind,
        label: svg?.getAttribute('aria-label'),
        title: svg?.querySelector('title')?.textContent,
        times: li.querySelector('.weekcard__times')?.textContent,
      };
    }));
    const names = { work: ['Werk', 'العمل'], language_class: ['Taalles', 'درس اللغة'], training: ['Training', 'تدريب'],
      coach_appointment: ['Afspraak', 'موعد'], buddy_meeting: ['Taalmaatje', 'رفيق اللغة'] };
    for (const d of described) {
      assert.ok(names[d.kind], `an item of a planned kind: ${JSON.stringify(d)}`);
      for (const n of names[d.kind]) assert.ok(d.label.includes(n) && d.title.includes(n), `${d.kind} named "${n}": ${d.label}`);
      assert.match(d.times, /^\d{2}:\d{2}–\d{2}:\d{2}$/);
    }
    const kinds = new Set(described.map((d) => d.kind));
    assert.deepEqual([...kinds].sort(), Object.keys(names).sort());
    const monday = page.locator('td.weekcard__cell[data-weekday="mon"][data-part="morning"] .weekcard__times');
    assert.equal(await monday.innerText(), '08:30–16:30');
    const tuesday = page.locator('td.weekcard__cell[data-weekday="tue"][data-part="morning"] .weekcard__item');
    assert.equal(await tuesday.getAttribute('data-kind'), 'language_class');
    // a free day-part says so in both languages
    const sunday = await page.locator('td.weekcard__cell[data-weekday="sun"][data-part="morning"]').innerText();
    assert.ok(sunday.includes('Vrij') && sunday.includes('وقت حر'), sunday);

    // the places, each once, numbered, with the number beside the items there
    const places = page.locator('.weekcard__place-item');
    assert.equal(await places.count(), ADDRESSES.length);
    const addresses = await page.locator('.weekcard__address').allInnerTexts();
    assert.deepEqual([...addresses].sort(), [...ADDRESSES].sort());
    const hall = await page.locator('.weekcard__place-item', { hasText: 'Industrieweg 5' }).getAttribute('data-place');
    const trainingPlace = await page.locator('.weekcard__item[data-kind="training"] .weekcard__place').innerText();
    assert.ok(trainingPlace.endsWith(hall), `the training is at place ${hall}: ${trainingPlace}`);

    // the legend: a pictogram per kind, six kinds
    assert.equal(await page.locator('.weekcard__legend svg[role="img"]').count(), 6);

    // printed: no application chrome, the card on one A4 page
    await page.emulateMedia({ media: 'print' });
    for (const sel of ['#site-header', '#toolbar', '#print-button', '#lang-select', '.utrecht-skip-link']) {
      assert.equal(await page.locator(sel).isVisible(), false, `${sel} is hidden in print`);
    }
    assert.equal(await card.isVisible(), true);
    const box = await card.boundingBox();
    assert.ok(box.height <= A4_LANDSCAPE_HEIGHT_PX, `the card is ${box.height}px high`);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    assert.equal(pdfPages(pdf), 1, 'the printed card is one page');
    const shot = await card.screenshot();
    assert.ok(shot.length > 10000, 'the card renders');
    await screenshot(page, 'weekcard-ar-print');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the card in Dutch runs left to right; the language can be switched on the page', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'jobcoach');
    await goto(page, `${server.url}/weekcard.html?participant=${pid}&lang=nl&week=${week}`);
    const card = page.locator('#weekcard');
    await card.waitFor();
    assert.equal(await card.getAttribute('dir'), 'ltr');
    assert.equal(await card.getAttribute('lang'), 'nl');
    assert.equal(await page.locator('.weekcard__own').count(), 0, 'Dutch only');
    const days = page.locator('thead th.weekcard__day');
    assert.deepEqual(await days.allInnerTexts().then((t) => t.map((s) => s.split('\n')[0].trim())), NL_DAYS);
    const xs = await days.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().x));
    for (let i = 1; i < 7; i++) assert.ok(xs[i] > xs[i - 1], `day ${i} right of day ${i - 1}: ${xs}`);
    const label = await page.locator('.weekcard__item[data-kind="work"] svg[role="img"]').first().getAttribute('aria-label');
    assert.equal(label, 'Werk');
    await assertAccessible(page, 'the week card in Dutch');
    assert.match(await page.locator('#pdf-link').getAttribute('href'), new RegExp(`/api/participants/${pid}/week-card\\.pdf\\?lang=nl`));

    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('#site-header').isVisible(), false);
    assert.equal(pdfPages(await page.pdf({ preferCSSPageSize: true })), 1);
    await page.emulateMedia({ media: 'screen' });

    // switch to Tigrinya: the card is redrawn, and the address bar says so
    await page.getByLabel('Taal van de kaart').selectOption('ti');
    await page.locator('#weekcard[lang="ti"]').waitFor();
    const text = await page.locator('thead').innerText();
    for (const d of TI_DAYS) assert.ok(text.includes(d), `${d} in ${text}`);
    assert.match(page.url(), /lang=ti/);
    assert.equal(await page.locator('#weekcard').getAttribute('dir'), 'ltr');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the card as PDF; a language without translation is refused; no card without access to the plan', async () => {
    const res = await fetch(`${server.url}/api/participants/${pid}/week-card.pdf?lang=ar&week=${week}`, { headers: { cookie: jc } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(res.headers.get('content-disposition'), `inline; filename="weekkaart-${pid}.pdf"`);
    const body = Buffer.from(await res.arrayBuffer());
    assert.equal(body.subarray(0, 5).toString('latin1'), '%PDF-');

    const bad = await api(server.url, jc, 'GET', `/api/participants/${pid}/week-card?lang=xx`);
    assert.equal(bad.status, 422, bad.text);
    assert.equal(bad.body.errors[0].field, 'lang');
    assert.match(bad.body.errors[0].reason, /"xx"/);
    const badWeek = await api(server.url, jc, 'GET', `/api/participants/${pid}/week-card.pdf?week=2025-02-30`);
    assert.equal(badWeek.status, 422, badWeek.text);
    assert.equal(badWeek.body.errors[0].field, 'week');

    // without lang: the participant's first language with a translation, else Dutch
    const person = await api(server.url, jc, 'GET', `/api/participants/${pid}`);
    const known = ['nl', 'ar', 'ti', 'fa', 'prs', 'so', 'tr', 'uk', 'en'];
    const expected = (person.body.languages || []).find((l) => known.includes(l)) || 'nl';
    const plain = await api(server.url, jc, 'GET', `/api/participants/${pid}/week-card?week=${week}`);
    assert.equal(plain.status, 200, plain.text);
    assert.equal(plain.body.lang, expected);
    assert.equal(plain.body.days.length, 7);

    const employer = await login(server.url, 'werkgever');
    const denied = await api(server.url, employer, 'GET', `/api/participants/${pid}/week-card`);
    assert.ok(denied.status === 403 || denied.status === 404, `${denied.status} ${denied.text}`);
    const deniedPdf = await api(server.url, employer, 'GET', `/api/participants/${pid}/week-card.pdf`);
    assert.ok(deniedPdf.status === 403 || deniedPdf.status === 404, `${deniedPdf.status}`);
  });
});
