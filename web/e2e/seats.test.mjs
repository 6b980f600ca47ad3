// End-to-end: the seat planner in the release build, as an admin uses it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, foreignRequests, screenshot } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('LIC-07: 100 agents on 25 Elite concurrent licenses shows 75 needing WFM and QM', async () => {
  const { context, page, requests, errors } = await open(browser);
  await page.getByLabel('Agents').fill('100');
  await page.getByLabel('Package').selectOption('elite');
  await page.getByLabel('Licensing').selectOption('concurrent');
  await page.getByLabel('Licenses in the pool').fill('25');
  await page.getByTestId('seats-result').waitFor();
  assert.equal(await page.getByTestId('seats-needed-workforcemanagement').textContent(), '75');
  assert.equal(await page.getByTestId('seats-needed-qualitymanagement').textContent(), '75');
  assert.match(await page.getByTestId('seats-warnings').textContent(), /LIC-07/);
  await screenshot(page, 'seats');
  assert.deepEqual(foreignRequests(requests), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('results update as you type, and bad input shows an error without breaking the page', async () => {
  const { context, page, requests, errors } = await open(browser);
  await page.getByLabel('Licenses in the pool').fill('60');
  assert.equal(await page.getByTestId('seats-needed-workforcemanagement').textContent(), '40');
  await page.getByLabel('Agents').fill('');
  assert.match(await page.getByTestId('seats-error').textContent(), /Agents/);
  await page.getByLabel('Agents').fill('70');
  assert.equal(await page.getByTestId('seats-needed-workforcemanagement').textContent(), '10');
  await page.getByLabel('Licensing').selectOption('named');
  assert.equal(await page.getByTestId('seats-without-contactcenter').textContent(), '10 ⚠');
  assert.deepEqual(foreignRequests(requests), []);
  assert.deepEqual(errors, []);
  await context.close();
});
