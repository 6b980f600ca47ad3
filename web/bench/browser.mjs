// Browser benchmarks for `cargo xtask bench`: the release app and the JavaScript package in
// headless Chromium, served on loopback by xtask. Prints medians; asserts nothing about speed.
//   - first render of the app (navigation start → the seat planner's result on screen);
//   - re-evaluation after a keystroke in the SAML workbench's JSON editor (the input event's
//     synchronous work: parse, simulate, render);
//   - simulateBatch of the native benchmark's 100,000-user scenario (PROVISIM_BATCH_SCENARIO);
//   - the first load: the wasm, JavaScript and CSS the page fetches (node's zlib at level 9 over
//     what was served; GNU gzip -9, which xtask's file list uses, comes out about 1% smaller),
//     against the 400 KB goal. Trunk links every workbench into the one module.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { launch, BASE_URL } from '../e2e/harness.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await launch();
try {
  // What the page fetches: a fresh context, every .wasm, .js and .css response, gzipped.
  {
    const context = await browser.newContext();
    const page = await context.newPage();
    const bodies = [];
    page.on('response', (r) => {
      const url = r.url().split(/[?#]/)[0];
      if (/\.(wasm|js|css)$/.test(url)) bodies.push(r.body().then((b) => [url.split('/').pop(), b]));
    });
    await page.goto(new URL('#/seats', BASE_URL).href);
    await page.locator('[data-testid="seats-result"]').waitFor();
    const kb = (bytes) => (bytes / 1024).toFixed(1);
    let total = 0;
    for (const [name, body] of await Promise.all(bodies)) {
      const size = gzipSync(body, { level: 9 }).length;
      total += size;
      console.log(`  ${name}: ${kb(size)} KB gzipped`);
    }
    await context.close();
    console.log(`  first load (#/seats), wasm + JS + CSS fetched: ${kb(total)} KB gzipped (zlib level 9) in ${bodies.length} files (goal ≤ 400 KB)`);
    console.log(`BENCH first_load_kb ${kb(total)}`);
  }

  // First render, five fresh contexts (no cache).
  const renders = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(new URL('#/seats', BASE_URL).href);
    await page.locator('[data-testid="seats-result"]').waitFor();
    renders.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  console.log(`  first render (loopback, fresh context): ${median(renders).toFixed(0)} ms median of 5 (budget ≤ 1000 ms)`);

  // A keystroke in the SAML workbench: the JSON text changes, the outcome recomputes.
  {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(new URL('#/saml', BASE_URL).href);
    await page.locator('[data-testid="mode-json"]').click();
    const editor = page.locator('[data-testid="scenario-json"]');
    await editor.waitFor();
    await page.locator('[data-testid="outcome"]').first().waitFor();
    const times = await page.evaluate(async () => {
      const area = document.querySelector('[data-testid="scenario-json"]');
      const original = area.value;
      // A macrotask boundary: every microtask (Leptos runs its effects there) has run by then.
      const settle = () => new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
      });
      const out = [];
      for (let i = 0; i < 41; i++) {
        // Append a space (the JSON stays valid) then take it away: each is a keystroke that
        // re-parses, re-validates and re-simulates the scenario.
        area.value = i % 2 === 0 ? original + ' ' : original;
        const t0 = performance.now();
        area.dispatchEvent(new Event('input', { bubbles: true }));
        await settle();
        void document.body.offsetHeight; // style and layout of whatever changed
        out.push(performance.now() - t0);
      }
      return out;
    });
    const outcome = await page.locator('[data-testid="outcome"]').count();
    console.log(`  SAML workbench, re-evaluation after a keystroke: ${median(times).toFixed(2)} ms median of 41 (budget ≤ 16 ms; outcome shown: ${outcome > 0})`);
    await context.close();
  }

  // simulateBatch in wasm, the same scenario text as the native benchmark.
  const path = process.env.PROVISIM_BATCH_SCENARIO;
  if (path) {
    const text = readFileSync(path, 'utf8');
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(new URL('embed/index.html', BASE_URL).href);
    const result = await page.evaluate(async (scenario) => {
      const m = await import('./pkg/provisim_wasm.js');
      await m.default({ module_or_path: new URL('./pkg/provisim_wasm_bg.wasm', location.href) });
      const times = [];
      let users = 0;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        const answer = m.simulateBatch(scenario);
        times.push(performance.now() - t0);
        users = answer.users ?? -1;
        if (answer.type !== 'success') return { error: JSON.stringify(answer.errors).slice(0, 500) };
      }
      return { times, users };
    }, text);
    if (result.error) {
      console.log(`  simulateBatch in wasm failed: ${result.error}`);
      process.exitCode = 1;
    } else {
      const ms = median(result.times);
      console.log(`  simulateBatch in wasm (headless Chromium), ${result.users} users: ${ms.toFixed(1)} ms median of 3, ${(result.users / ms * 1000).toFixed(0)} users/s`);
      console.log(`BENCH wasm_batch_100k_ms ${ms.toFixed(1)}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
}
