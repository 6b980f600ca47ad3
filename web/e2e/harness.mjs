// Shared set-up of the end-to-end tests: Debian's Chromium through playwright-core (no browser
// download), and a record of every request the page makes, so each test can assert there is no
// network traffic beyond the page's own files.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASE_URL = process.env.PROVISIM_BASE_URL ?? 'http://127.0.0.1:8080/';
const here = dirname(fileURLToPath(import.meta.url));
export const SCREENSHOTS = join(here, 'screenshots');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

// Opens a page that records requests and console errors. `before(context, page)` runs before the
// page is loaded (to route requests, say).
export async function open(browser, path = '', { before } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (before) await before(context, page);
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(new URL(path, BASE_URL).href);
  return { context, page, requests, errors };
}

// Every request went to the page's own origin (or was inline data).
export function foreignRequests(requests) {
  const origin = new URL(BASE_URL).origin;
  return requests.filter((u) => !(u.startsWith(origin + '/') || u.startsWith('data:')));
}

export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

// Presses Tab (and only Tab) until the focused element matches `selector`; fails after `max` presses.
// Returns how many presses it took.
export async function tabTo(page, selector, max = 250) {
  for (let n = 1; n <= max; n += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return n;
  }
  throw new Error(`${selector} was not reached with ${max} presses of Tab`);
}

// The focused element: its id, test id and whether its focus ring is visible (an outline that is
// drawn), so that keyboard tests also check that focus can be seen.
export async function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e) return null;
    const style = getComputedStyle(e);
    return {
      id: e.id,
      testid: e.dataset?.testid ?? null,
      tag: e.tagName.toLowerCase(),
      text: e.textContent?.trim() ?? '',
      ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    };
  });
}

// The end of every test: nothing was fetched from elsewhere and nothing was logged as an error.
export async function assertClean(assert, { context, requests, errors }) {
  assert.deepEqual(foreignRequests(requests), [], 'no request beyond the page\'s own files');
  assert.deepEqual(errors, [], 'no console error');
  await context.close();
}

// The 1-based line of the first line of `text` that contains `needle`.
export function lineOf(text, needle) {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`no line contains ${needle}`);
  return index + 1;
}

// Waits (up to `timeout` ms) until the element with test id `testid` has focus: the app moves
// focus in a timer after the click that asks for it. The caller still asserts `focused(page)`.
export async function settleFocus(page, testid, timeout = 2000) {
  await page
    .waitForFunction((id) => document.activeElement?.dataset?.testid === id, testid, { timeout })
    .catch(() => {});
}
