// helpers.mjs - shared pieces of the browser tests: Debian's Chromium through
// playwright-core, axe-core checks, and logging in through the UI.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { DEMO_PASSWORD } from '../lib/server.mjs';

export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
export const SHOTS = process.env.MEEDOEN_SCREENSHOTS || null;

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A fresh browser context (own cookies) with a page that records errors of
// the page's own scripts, so a broken module fails the test.
export async function newPage(browser) {
  const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.pageErrors = [];
  page.on('pageerror', (err) => page.pageErrors.push(err));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) page.pageErrors.push(new Error(msg.text()));
  });
  page.setDefaultTimeout(10000);
  return page;
}

// Wait until the page module has finished its first render.
export async function ready(page) {
  await page.waitForSelector('body[data-ready="true"]');
}

export async function goto(page, url) {
  await page.goto(url);
  await ready(page);
}

export async function loginUi(page, baseUrl, username, password = DEMO_PASSWORD, next = null) {
  await page.goto(`${baseUrl}/login.html${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.endsWith('/login.html')),
    page.getByRole('button', { name: 'Inloggen' }).click(),
  ]);
  await ready(page);
}

// Run axe with the WCAG 2.0/2.1 A and AA rules and fail on any violation.
export async function assertAccessible(page, what) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ')}`).join('\n')}`);
  assert.equal(results.violations.length, 0, `axe violations on ${what}:\n${summary.join('\n')}`);
  assert.ok(results.passes.length > 0, `axe ran no checks on ${what}`);
}

export async function screenshot(page, name) {
  if (!SHOTS) return;
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

export function assertNoPageErrors(page) {
  assert.deepEqual(page.pageErrors.map((e) => e.message), [], 'errors in the page scripts');
}

// A valid BSN (passes the 11-test) derived from n.
export function validBsn(n) {
  for (let x = n; ; x++) {
    const digits = String(100000000 + (x * 7919) % 800000000).padStart(9, '0');
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
    sum -= Number(digits[8]);
    if (sum % 11 === 0 && digits[0] !== '0') return digits;
  }
}

// A 9-digit number that fails the 11-test.
export function invalidBsn(n = 1) {
  for (let x = n; ; x++) {
    const digits = String(123456780 + (x % 10));
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
    sum -= Number(digits[8]);
    if (sum % 11 !== 0) return digits;
  }
}
