// End-to-end: the release app as Trunk builds it. The first load is the page, its style sheet,
// web/boot.js, wasm-bindgen's glue and the one wasm module, each fetched once, within the size the
// build reached (FIRST_LOAD_KB, no looser than 10% above the figure `cargo xtask bench` printed);
// every workbench is in that module, so opening one fetches nothing more; a module that does not
// arrive leaves a message, not a blank page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { launch, open, assertClean } from './harness.mjs';

// zlib level 9 of the wasm, JavaScript and CSS the page fetched, in KiB. Measured 762.0 KiB on
// 2026-12-03 at a17c5f4 (after issue 19's form checks, gallery cards and per-user table and issue
// 18's type help; 710.5 KiB before them), then 788.1 KiB at 84b602d (issue 19's chart axes, zone
// and phone cards, +6.4 KiB; issue 14's emitted rules, setting words and owned SAML report; the
// SCIM failure list); the limit is 2.4% above that (`cargo xtask bench` prints the figure).
const FIRST_LOAD_KB = 807;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const file = (url) => url.split(/[?#]/)[0].split('/').pop();

test('the first load is one wasm module, its glue, boot.js and the style sheet, each once, within the measured size; no workbench fetches more', async () => {
  const bodies = [];
  const session = await open(browser, '#/seats', {
    before: (_context, page) => page.on('response', (r) => {
      if (/\.(wasm|js|css)$/.test(file(r.url()))) bodies.push(r.body().then((b) => [file(r.url()), b]));
    }),
  });
  const { page, requests } = session;
  await page.getByTestId('seats-result').waitFor();
  const first = await Promise.all(bodies);
  const names = first.map(([name]) => name).sort();
  assert.equal(names.length, 4, `${names}`);
  const kinds = names.map((n) => n.replace(/-[0-9a-f]{6,}(?=_bg\.|\.)/, '-HASH'));
  assert.deepEqual(kinds, ['boot-HASH.js', 'provisim-web-HASH.js', 'provisim-web-HASH_bg.wasm', 'style-HASH.css'],
    'Trunk names each file by its contents');
  const gzipped = first.reduce((n, [, body]) => n + gzipSync(body, { level: 9 }).length, 0);
  assert.ok(gzipped <= FIRST_LOAD_KB * 1024,
    `the first load is ${(gzipped / 1024).toFixed(1)} KB gzipped (held to ${FIRST_LOAD_KB} KB)`);

  const before = requests.length;
  for (const route of ['saml', 'scim', 'csv', 'concurrency', 'batch', 'examples']) {
    await page.getByTestId(`nav-${route}`).click();
    await page.locator(`main .workbench.${route}, main .gallery`).first().waitFor();
  }
  assert.deepEqual(requests.slice(before), [], 'every workbench is in the first load');
  const fetched = requests.map(file);
  assert.equal(new Set(fetched).size, fetched.length, `each file fetched once: ${fetched}`);
  await assertClean(assert, session);
});

test('a wasm module that does not arrive is said in the page, with what to do', async () => {
  const session = await open(browser, '#/seats', {
    before: (context) => context.route(/\.wasm$/, (route) => route.abort()),
  });
  const { page } = session;
  const alert = page.getByTestId('app-failed');
  await alert.waitFor();
  assert.match(await alert.textContent(), /could not start.*reload the page/s);
  assert.equal(await alert.getAttribute('role'), 'alert');
  // The failed fetch and boot.js's report of it are the only errors.
  assert.ok(session.errors.length >= 1 && session.errors.every((e) => /wasm|Failed|net::|provisim could not start/i.test(e)), `${session.errors}`);
  await session.context.close();
});
