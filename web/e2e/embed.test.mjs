// End-to-end: the documentation-embed example imports the JavaScript package without the app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, foreignRequests, screenshot } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the embed page renders the outcome of its inline scenario (SAML-08)', async () => {
  const { context, page, requests, errors } = await open(browser, 'embed/index.html');
  const outcome = page.locator('#provisim-outcome[data-ready="true"]');
  await outcome.waitFor();
  const text = await outcome.textContent();
  assert.match(text, /Signed in/);
  assert.match(text, /User Role: owner exempt \[SAML-08\]/);
  assert.match(text, /Nothing changes\./);
  await screenshot(page, 'embed');
  assert.deepEqual(foreignRequests(requests), []);
  assert.ok(requests.some((u) => u.endsWith('/embed/pkg/provisim_wasm_bg.wasm')), 'the package was loaded');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a docs page embeds workbenches in iframes: no app chrome, the shared scenario, live edits, nothing saved (LIC-03, CSV-02)', async () => {
  const { context, page, requests, errors } = await open(browser, 'embed/workbench.html');
  const frame = page.frameLocator('[data-testid="embed-concurrency"]');
  const decision = frame.getByTestId('capacity-decision');
  await decision.waitFor();
  // The shared scenario (three users on a pool of two for 45 minutes), not the starter.
  assert.equal(await frame.getByTestId('capacity-pool').inputValue(), '2');
  assert.equal(await decision.getAttribute('data-billable'), '1');
  // One workbench, without the app's header, navigation and footer, and no notice about a replaced scenario.
  assert.equal(await frame.locator('.app-header').count(), 0);
  assert.equal(await frame.locator('.app-footer').count(), 0);
  assert.equal(await frame.getByTestId('replaced-notice').count(), 0);
  // A reader's edit recomputes: a 45-minute grace period tolerates the 45-minute overage.
  await frame.getByTestId('capacity-grace_minutes').fill('45');
  await assert.doesNotReject(frame.locator('[data-testid="capacity-decision"][data-billable="0"]').waitFor());
  // The second iframe: the CSV that clears settings (CSV-02).
  const csv = page.frameLocator('[data-testid="embed-csv"]');
  await csv.getByTestId('csv-cleared').waitFor();
  assert.match(await csv.locator('[data-testid="csv-decision"] .decision-title').textContent(), /clears \d+ settings/);
  // Embedded workbenches save nothing: the reader's own work in provisim is untouched.
  const frameHandle = await page.locator('[data-testid="embed-concurrency"]').elementHandle();
  const inner = await frameHandle.contentFrame();
  const keys = await inner.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('provisim.')));
  assert.deepEqual(keys, []);
  await screenshot(page, 'embed-workbenches');
  assert.deepEqual(foreignRequests(requests), []);
  assert.deepEqual(errors, []);
  await context.close();
});
