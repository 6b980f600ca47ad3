// End-to-end: the release app is split into modules. The first load fetches the main module only;
// each of the SCIM, CSV, concurrency and batch workbenches fetches its own module (and the chunks
// it shares with others) the first time it is opened, once; a module that cannot be fetched is
// said so, and Try again loads it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, assertClean } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const wasm = (requests) => requests
  .map((u) => u.split(/[?#]/)[0])
  .filter((u) => u.endsWith('.wasm'))
  .map((u) => u.split('/').pop());

test('the first load fetches the main module only; a workbench fetches its module when first opened, and only once', async () => {
  const session = await open(browser, '#/seats');
  const { page, requests } = session;
  await page.getByTestId('seats-result').waitFor();
  assert.deepEqual(wasm(requests), ['provisim-web_bg.wasm']);
  await page.getByTestId('nav-saml').click();
  await page.locator('main .workbench.saml').waitFor();
  assert.deepEqual(wasm(requests), ['provisim-web_bg.wasm'], 'the SAML workbench is in the main module');

  const seen = new Set(wasm(requests));
  for (const route of ['scim', 'csv', 'concurrency', 'batch']) {
    await page.getByTestId(`nav-${route}`).click();
    await page.locator(`main .workbench.${route}`).waitFor();
    const fetched = wasm(requests).filter((name) => !seen.has(name));
    assert.ok(fetched.includes(`split_${route}.wasm`), `#/${route} fetched its module: ${fetched}`);
    for (const name of fetched) seen.add(name);
  }
  const before = requests.length;
  for (const route of ['scim', 'csv', 'concurrency', 'batch']) {
    await page.getByTestId(`nav-${route}`).click();
    await page.locator(`main .workbench.${route}`).waitFor();
    assert.equal(await page.getByTestId('workbench-loading').count(), 0, `#/${route} shows at once the second time`);
  }
  assert.deepEqual(wasm(requests.slice(before)), [], 'nothing is fetched again');
  assert.equal(new Set(wasm(requests)).size, wasm(requests).length, 'no module is fetched twice');
  await assertClean(assert, session);
});

test('a workbench whose module cannot be fetched says so and keeps the page working; Try again loads it', async () => {
  const context = await browser.newContext();
  await context.route('**/split_csv.wasm', (route) => route.abort('connectionrefused'));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(new URL('#/csv', process.env.PROVISIM_BASE_URL ?? 'http://127.0.0.1:8080/').href);
  const alert = page.getByTestId('workbench-unavailable');
  await alert.waitFor();
  assert.equal(await alert.getAttribute('role'), 'alert');
  assert.match(await alert.textContent(), /The CSV upload workbench could not be loaded/);
  // The rest of the app still works.
  await page.getByTestId('nav-saml').click();
  await page.locator('main .workbench.saml').waitFor();
  await page.getByTestId('nav-csv').click();
  await alert.waitFor();

  await context.unroute('**/split_csv.wasm');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.locator('main .workbench.csv').waitFor();
  assert.equal(await page.getByTestId('workbench-unavailable').count(), 0);
  await page.getByTestId('csv-decision').first().waitFor();
  assert.deepEqual(errors, [], 'no uncaught error: the failure was handled');
  await context.close();
});
