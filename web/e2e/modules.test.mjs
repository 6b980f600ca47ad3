// End-to-end: the release app is split into modules. The first load fetches the main module only,
// within the 400 KB budget; each of the SCIM, CSV, concurrency and batch workbenches fetches its
// own module (and the chunks it shares with others) the first time it is opened, once; leaving a
// workbench while it loads and coming back joins that load; a module that cannot be fetched is
// said so, and Try again (by keyboard) loads it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { launch, open, assertClean, foreignRequests, tabTo } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const file = (url) => url.split(/[?#]/)[0].split('/').pop();
const wasm = (requests) => requests.map(file).filter((name) => name.endsWith('.wasm'));
const DEFERRED = ['scim', 'csv', 'concurrency', 'batch'];

test('the first load fetches the main module only, within 400 KB; a workbench fetches its own module when first opened, and only once', async () => {
  const bodies = [];
  const session = await open(browser, '#/seats', {
    before: (_context, page) => page.on('response', (r) => {
      if (/\.(wasm|js)$/.test(file(r.url()))) bodies.push(r.body().then((b) => [file(r.url()), b]));
    }),
  });
  const { page, requests } = session;
  await page.getByTestId('seats-result').waitFor();
  assert.deepEqual(wasm(requests), ['provisim-web_bg.wasm']);
  const first = await Promise.all(bodies);
  assert.deepEqual(first.map(([name]) => name).sort(),
    ['__wasm_split.js', 'boot.js', 'provisim-web.js', 'provisim-web_bg.wasm']);
  const gzipped = first.reduce((n, [, body]) => n + gzipSync(body, { level: 9 }).length, 0);
  assert.ok(gzipped <= 400 * 1024, `the first load is ${(gzipped / 1024).toFixed(1)} KB gzipped (budget 400 KB)`);

  await page.getByTestId('nav-saml').click();
  await page.locator('main .workbench.saml').waitFor();
  assert.deepEqual(wasm(requests), ['provisim-web_bg.wasm'], 'the SAML workbench is in the main module');

  const seen = new Set(wasm(requests));
  for (const route of DEFERRED) {
    await page.getByTestId(`nav-${route}`).click();
    await page.locator(`main .workbench.${route}`).waitFor();
    const fetched = wasm(requests).filter((name) => !seen.has(name));
    assert.deepEqual(fetched.filter((name) => name.startsWith('split_')), [`split_${route}.wasm`],
      `#/${route} fetched its own module and no other workbench's: ${fetched}`);
    for (const name of fetched) seen.add(name);
  }

  // The second time, each shows at once: not one frame of "Loading" is put in the page.
  await page.evaluate(() => {
    window.loadingShown = 0;
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n.nodeType === 1 && (n.matches('[data-testid="workbench-loading"]')
            || n.querySelector('[data-testid="workbench-loading"]'))) window.loadingShown += 1;
        }
      }
    }).observe(document.body, { subtree: true, childList: true });
  });
  const before = requests.length;
  for (const route of DEFERRED) {
    await page.getByTestId(`nav-${route}`).click();
    await page.locator(`main .workbench.${route}`).waitFor();
  }
  assert.equal(await page.evaluate(() => window.loadingShown), 0, 'no loading state the second time');
  assert.deepEqual(wasm(requests.slice(before)), [], 'nothing is fetched again');
  assert.equal(new Set(wasm(requests)).size, wasm(requests).length, 'no module is fetched twice');
  await assertClean(assert, session);
});

test('a page opened on a workbench loaded on demand (share link, embed) preloads its files with the main module, each fetched once', async () => {
  for (const path of ['#/csv', '?embed=scim#/scim']) {
    const session = await open(browser, path);
    const { page, requests } = session;
    const route = path.includes('scim') ? 'scim' : 'csv';
    await page.locator(`main .workbench.${route}`).waitFor();
    const preloaded = await page.evaluate(() => [...document.querySelectorAll('link[rel="preload"]')]
      .map((l) => l.href.split('/').pop()));
    assert.ok(preloaded.includes(`split_${route}.wasm`), `${path} preloads its module: ${preloaded}`);
    assert.ok(!preloaded.some((f) => f.startsWith('split_') && f !== `split_${route}.wasm`), `${preloaded}`);
    const fetched = wasm(requests);
    for (const file of preloaded.filter((f) => f.endsWith('.wasm'))) {
      assert.equal(fetched.filter((f) => f === file).length, 1, `${file} fetched once (the preload is used)`);
    }
    await assertClean(assert, session);
  }
});

test('leaving a workbench while its module loads, and coming back, joins that load', async () => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const session = await open(browser, '#/saml', {
    before: (context) => context.route('**/split_batch.wasm', async (route) => {
      await held;
      await route.continue();
    }),
  });
  const { page, requests } = session;
  await page.locator('main .workbench.saml').waitFor();
  await page.getByTestId('nav-batch').click();
  const status = page.getByTestId('workbench-loading');
  await status.waitFor();
  assert.equal(await status.getAttribute('role'), 'status');
  assert.match(await status.textContent(), /Loading the Batch workbench/);
  await page.getByTestId('nav-saml').click();
  await page.locator('main .workbench.saml').waitFor();
  await page.getByTestId('nav-batch').click();
  await status.waitFor();
  release();
  await page.locator('main .workbench.batch').waitFor();
  assert.equal(await page.getByTestId('workbench-unavailable').count(), 0);
  assert.equal(wasm(requests).filter((name) => name === 'split_batch.wasm').length, 1, 'fetched once');
  await assertClean(assert, session);
});

test('a workbench whose module cannot be fetched says so and keeps the page working; Try again, by keyboard, loads it', async () => {
  const session = await open(browser, '#/csv', {
    before: (context) => context.route('**/split_csv.wasm', (route) => route.abort('connectionrefused')),
  });
  const { context, page, requests, errors } = session;
  const alert = page.getByTestId('workbench-unavailable');
  await alert.waitFor();
  assert.equal(await alert.getAttribute('role'), 'alert');
  assert.match(await alert.textContent(), /The CSV upload workbench could not be loaded/);
  assert.equal(await page.locator('main h2').textContent(), 'CSV upload', 'the page keeps its heading');
  // The rest of the app still works.
  await page.getByTestId('nav-saml').click();
  await page.locator('main .workbench.saml').waitFor();
  await page.getByTestId('nav-csv').click();
  await alert.waitFor();

  await context.unroute('**/split_csv.wasm');
  await tabTo(page, '[data-testid="workbench-unavailable"] button:first-of-type');
  await page.keyboard.press('Enter');
  await page.locator('main .workbench.csv').waitFor();
  await page.getByTestId('csv-decision').first().waitFor();
  assert.equal(await page.getByTestId('workbench-unavailable').count(), 0);
  await page.waitForFunction(() => document.activeElement?.id === 'main');

  assert.deepEqual(foreignRequests(requests), [], 'no request beyond the page\'s own files');
  // The failed fetch is logged (by the browser and by the loader), and nothing else.
  assert.ok(errors.length > 0, 'the failure is logged');
  for (const error of errors) assert.match(error, /ERR_CONNECTION_REFUSED|Failed to fetch|split_csv/, error);
  await context.close();
});
