// Browser tests: the screening import page. A CSV with one bad row is refused
// as a whole without "gedeeltelijk" (the report names the row, nothing is
// stored); with "gedeeltelijk" the good rows are stored.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from '../lib/server.mjs';
import { launch, newPage, loginUi, goto, assertAccessible, screenshot, assertNoPageErrors, validBsn, invalidBsn } from './helpers.mjs';

const FAMILY = 'Importtestfamilie';

function csv() {
  const header = 'external_id,family_name,given_names,birth_date,sex,country_of_origin,languages,arrival_date,bsn,education_years';
  return [
    header,
    `IMP-001,${FAMILY},Amal,1990-04-12,female,SY,ar;en,2024-03-01,${validBsn(101)},12`,
    `IMP-002,${FAMILY},Bilal,1988-11-30,male,SY,ar,2024-03-01,${invalidBsn(3)},10`,
    `IMP-003,${FAMILY},Dawit,1995-01-05,male,ER,ti,2024-04-15,${validBsn(303)},8`,
    '',
  ].join('\n');
}

function jsonl() {
  return [
    { external_id: 'IMP-101', family_name: `${FAMILY}jsonl`, given_names: 'Hana', birth_date: '1992-06-01', languages: ['ar'] },
    { external_id: 'IMP-102', family_name: `${FAMILY}jsonl`, given_names: 'Omid', birth_date: '1985-09-09', languages: ['fa'] },
  ].map((o) => JSON.stringify(o)).join('\n') + '\n';
}

describe('screening import', () => {
  let server;
  let browser;
  let cookie;

  before(async () => {
    server = await startServer({ participants: 10 });
    browser = await launch();
    cookie = await login(server.url, 'klantmanager');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function countFamily(name = FAMILY) {
    const r = await api(server.url, cookie, 'GET', `/api/participants?q=${encodeURIComponent(name)}&per_page=100`);
    assert.equal(r.status, 200);
    return r.body.items.filter((p) => p.family_name === name).length;
  }

  async function upload(page, name, mimeType, content, partial) {
    await page.getByLabel('Bestand (CSV of JSONL)').setInputFiles({ name, mimeType, buffer: Buffer.from(content) });
    const box = page.getByLabel('alleen goede rijen opslaan (gedeeltelijk)');
    if (partial) await box.check(); else await box.uncheck();
    const [req] = await Promise.all([
      page.waitForRequest((r) => r.url().includes('/api/import/screening') && r.method() === 'POST'),
      page.waitForResponse((r) => r.url().includes('/api/import/screening')),
      page.getByRole('button', { name: 'Importeren' }).click(),
    ]);
    await page.locator('#report:not([hidden]), #import-errors [role="alert"]').first().waitFor();
    return req;
  }

  test('the import page is accessible', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await goto(page, `${server.url}/import.html`);
    await assertAccessible(page, 'import page');
    await page.getByText('Hoe ziet het bestand eruit?').click();
    await assertAccessible(page, 'import page with the format help open');
    await screenshot(page, 'import');
    // Submitting without a file names the field.
    await page.getByRole('button', { name: 'Importeren' }).click();
    await page.locator('#file[aria-invalid="true"]').waitFor();
    assert.match(await page.locator('#file-error').textContent(), /Kies een bestand/);
    await assertAccessible(page, 'import page without a file');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('one bad row without partial: the report names it and nothing is stored', async () => {
    assert.equal(await countFamily(), 0);
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await goto(page, `${server.url}/import.html`);
    const req = await upload(page, 'screening.csv', 'text/csv', csv(), false);
    // Raw body with the content type chosen by extension, partial=0.
    assert.match(req.headers()['content-type'], /^text\/csv/);
    assert.equal(new URL(req.url()).searchParams.get('partial'), '0');

    const report = page.locator('#report');
    assert.match(await report.locator('.utrecht-alert--error').textContent(), /geweigerd/);
    const counts = await report.locator('#report-counts').textContent();
    assert.match(counts, /Rijen gelezen\s*3/);
    assert.match(counts, /Afgewezen\s*1/);
    assert.match(counts, /Opgeslagen\s*nee/);
    const rows = report.locator('table tbody tr');
    assert.ok(await rows.count() >= 1);
    const cells = await rows.first().locator('th, td').allTextContents();
    assert.equal(cells[0], '3', 'line 3 of the file (header is line 1)');
    assert.equal(cells[1], 'bsn');
    assert.match(cells[2], /11|bsn/i);
    await assertAccessible(page, 'import report with a rejected row');
    await screenshot(page, 'import-rejected');
    assert.equal(await countFamily(), 0, 'nothing stored');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('with partial the good rows are stored', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await goto(page, `${server.url}/import.html`);
    const req = await upload(page, 'screening.csv', 'text/csv', csv(), true);
    assert.equal(new URL(req.url()).searchParams.get('partial'), '1');
    const report = page.locator('#report');
    assert.match(await report.locator('.utrecht-alert').first().textContent(), /opgeslagen/);
    const counts = await report.locator('#report-counts').textContent();
    assert.match(counts, /Nieuwe deelnemers\s*2/);
    assert.match(counts, /Afgewezen\s*1/);
    assert.match(counts, /Opgeslagen\s*ja/);
    assert.equal(await report.locator('table tbody tr').first().locator('th').textContent(), '3');
    await assertAccessible(page, 'partial import report');
    await screenshot(page, 'import-partial');
    assert.equal(await countFamily(), 2);
    const found = await api(server.url, cookie, 'GET', `/api/participants?q=${FAMILY}&per_page=100`);
    const names = found.body.items.filter((p) => p.family_name === FAMILY).map((p) => p.given_names).sort();
    assert.deepEqual(names, ['Amal', 'Dawit']);
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('a JSONL file is sent as application/x-ndjson and stored', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await goto(page, `${server.url}/import.html`);
    const req = await upload(page, 'screening.jsonl', 'application/octet-stream', jsonl(), false);
    assert.match(req.headers()['content-type'], /^application\/x-ndjson/);
    const report = page.locator('#report');
    assert.match(await report.locator('.utrecht-alert--ok').textContent(), /ingelezen/);
    assert.equal(await report.locator('table').count(), 0);
    assert.equal(await countFamily(`${FAMILY}jsonl`), 2);
    await page.context().close();
  });

  async function unknownColumn(partial) {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await goto(page, `${server.url}/import.html`);
    const content = `external_id,family_name,given_names,birth_date,schoenmaat\nIMP-900,${FAMILY}kolom,Sara,1991-02-03,39\n`;
    await upload(page, 'kolom.csv', 'text/csv', content, partial);
    const report = page.locator('#report');
    await report.waitFor();
    const cells = await report.locator('table tbody tr').first().locator('th, td').allTextContents();
    assert.equal(cells[0], '1');
    assert.equal(cells[1], 'schoenmaat');
    await assertAccessible(page, 'import report for a bad header');
    assert.equal(await countFamily(`${FAMILY}kolom`), 0);
    assert.match(await report.locator('#report-counts').textContent(), /Opgeslagen\s*nee/);
    assert.match(await report.locator('.utrecht-alert--error').textContent(), /geweigerd/);
    await page.context().close();
  }

  test('an unknown column refuses the file, reported on line 1', async () => {
    await unknownColumn(false);
  });

  // docs/screening-import.md: "an unknown or repeated column refuses the
  // file", also with partial.
  test('an unknown column refuses the file even with partial', async () => {
    await unknownColumn(true);
  });

  test('a file of another type is refused before upload', async () => {
    const page = await newPage(browser);
    await loginUi(page, server.url, 'klantmanager');
    await goto(page, `${server.url}/import.html`);
    let uploads = 0;
    page.on('request', (r) => { if (r.url().includes('/api/import/screening')) uploads++; });
    await page.getByLabel('Bestand (CSV of JSONL)').setInputFiles({ name: 'profielen.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('x') });
    await page.getByRole('button', { name: 'Importeren' }).click();
    await page.locator('#file[aria-invalid="true"]').waitFor();
    assert.match(await page.locator('#file-error').textContent(), /\.csv/);
    assert.equal(uploads, 0);
    await page.context().close();
  });
});
