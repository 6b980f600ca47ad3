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
