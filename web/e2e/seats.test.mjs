// End-to-end: the seat planner in the release build, as an admin uses it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, open, foreignRequests, screenshot, assertClean } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('LIC-07: 100 agents on 25 Elite concurrent licenses shows 75 needing WFM and QM', async () => {
  const { context, page, requests, errors } = await open(browser, '#/seats');
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
  const { context, page, requests, errors } = await open(browser, '#/seats');
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

const needed = (page, product) => page.getByTestId(`seats-needed-${product}`).textContent();

test('LIC-07: the gallery example opens in the seat planner', async () => {
  const session = await open(browser, '#/examples');
  const { page } = session;
  await page.getByTestId('open-seats-lic-07').click();
  await page.waitForURL(/#\/(seats)?$/);
  assert.equal(await page.getByLabel('Agents').inputValue(), '100');
  assert.equal(await page.getByLabel('Licenses in the pool').inputValue(), '25');
  assert.equal(await needed(page, 'workforcemanagement'), '75');
  await assertClean(assert, session);
});

test('LIC-07: the gallery example opens at the top of the seat planner, its heading focused, and the plan it replaced comes back with one click (issue 19)', async () => {
  const session = await open(browser, '#/seats');
  const { page } = session;
  await page.setViewportSize({ width: 1280, height: 700 });
  // The admin's own plan first.
  await page.getByLabel('Agents').fill('40');
  await page.getByLabel('Licenses in the pool').fill('30');
  assert.equal(await needed(page, 'workforcemanagement'), '10');
  await page.getByTestId('nav-examples').click();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.getByTestId('open-seats-lic-07').click();
  await page.waitForURL(/#\/(seats)?$/);
  await page.waitForFunction(() => document.activeElement?.id === 'seats-title');
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  assert.equal(await page.getByLabel('Agents').inputValue(), '100');
  assert.equal(await needed(page, 'workforcemanagement'), '75');
  // The plan it replaced is said to be kept, and comes back with one click.
  assert.match(await page.getByTestId('replaced-notice').textContent(), /100 agents on 25 Elite concurrent licenses.*The plan you had before is kept/);
  await page.getByTestId('switch-back').click();
  assert.equal(await page.getByLabel('Agents').inputValue(), '40');
  assert.equal(await page.getByLabel('Licenses in the pool').inputValue(), '30');
  assert.equal(await needed(page, 'workforcemanagement'), '10');
  // And the example again, the other way.
  await page.getByTestId('switch-back').click();
  assert.equal(await page.getByLabel('Agents').inputValue(), '100');
  await assertClean(assert, session);
});

test('export then import gives back the same plan; a file without seats is refused and nothing changes', async () => {
  const session = await open(browser, '#/seats');
  const { page } = session;
  await page.getByLabel('Agents').fill('40');
  await page.getByLabel('Licenses in the pool').fill('30');
  assert.equal(await needed(page, 'workforcemanagement'), '10');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('seats-export').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'provisim-seat-plan.json');
  const file = await download.path();
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(exported.provisim, 1);
  assert.equal(exported.seats.agents, 40);
  assert.equal(exported.seats.pool, 30);
  // Change the form, then import the file: the exported plan is back.
  await page.getByLabel('Agents').fill('90');
  assert.equal(await needed(page, 'workforcemanagement'), '60');
  await page.getByTestId('seats-import').setInputFiles(file);
  await page.getByTestId('seats-status').getByText('imported into the seat planner').waitFor();
  assert.equal(await page.getByLabel('Agents').inputValue(), '40');
  assert.equal(await needed(page, 'workforcemanagement'), '10');
  // A scenario without a `seats` input says so and leaves the plan as it was.
  await page.getByTestId('seats-import').setInputFiles({ name: 'saml.json', mimeType: 'application/json', buffer: Buffer.from('{"provisim": 1}') });
  await page.getByTestId('seats-status').getByText('has no seats input').waitFor();
  assert.equal(await page.getByLabel('Agents').inputValue(), '40');
  await assertClean(assert, session);
});

test('a share link opened in a fresh browser restores the plan, and a reload keeps it', async () => {
  const session = await open(browser, '#/seats');
  const { page } = session;
  await page.getByLabel('Agents').fill('55');
  await page.getByLabel('Licenses in the pool').fill('50');
  await page.getByTestId('seats-share').click();
  const link = await page.getByTestId('seats-share-link').inputValue();
  assert.match(link, /#\/seats\?s=1\.[A-Za-z0-9_-]+$/);
  const fresh = await open(browser, link);
  assert.equal(await fresh.page.getByLabel('Agents').inputValue(), '55');
  assert.equal(await needed(fresh.page, 'workforcemanagement'), '5');
  await assertClean(assert, fresh);
  // Autosave: a reload keeps the form and its result.
  await page.reload();
  assert.equal(await page.getByLabel('Agents').inputValue(), '55');
  assert.equal(await needed(page, 'workforcemanagement'), '5');
  await assertClean(assert, session);
});
