// End-to-end: the start page (issue 19): what provisim answers, one line per workbench with the
// question it answers, and two ways into each: a gallery example, or a blank scenario. Either
// keeps the scenario it replaces one click away (Switch back).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, screenshot, focused, tabTo, assertClean } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Each workbench: its route, its name on the start page, a word of its question, what shows its
// outcome, the notice of the example the start page opens (or `starter`: the example is what a
// fresh browser already holds), and a text of that example's outcome.
const WORKBENCHES = [
  { path: 'seats', name: 'Seat planner', asks: /add-ons are missing/, ready: 'seats-result', starter: true, shows: /Workforce Management/ },
  { path: 'saml', name: 'SAML sign-in', asks: /let in, and with which license/, ready: 'decision-1', example: /None blocks the sign-in/, shows: /Refused|refused|blocked|not/ },
  { path: 'scim', name: 'SCIM requests', asks: /identity provider creates/, ready: 'scim-decision', example: /same work email/, shows: /409/, blank: /Nothing to simulate yet: add a request/ },
  { path: 'csv', name: 'CSV upload', asks: /bulk CSV/, ready: 'csv-decision', example: /wipes license and queues/, shows: /clears/, blank: /Nothing to check yet: the upload has no user rows/ },
  { path: 'concurrency', name: 'Concurrency', asks: /overage be billed/, ready: 'capacity-decision', starter: true, shows: /billable|billed/i, blank: /Nothing to chart yet: the session log has no sessions/ },
  { path: 'batch', name: 'Batch', asks: /whole directory/, ready: 'batch-decision', starter: true, shows: /Workforce Management/, blank: /Nothing to run yet: the directory has no users/ },
];

// No error anywhere on the page: no alert, no problem counted, an outcome on show.
async function assertNoError(page, w) {
  await page.getByTestId(w.ready).waitFor();
  assert.equal(await page.locator('main [role="alert"]').count(), 0, `${w.path}: no alert`);
  assert.equal(await page.getByTestId('outcome-none').count(), 0, `${w.path}: an outcome`);
  assert.equal(await page.getByTestId('stale').count(), 0, `${w.path}: not out of date`);
  const counts = page.getByTestId('problem-count');
  if (await counts.count()) assert.doesNotMatch(await counts.first().textContent(), /problem/, `${w.path}: no problem`);
}

for (const path of ['', '#/', '#/nowhere']) {
  test(`the address ${path || '(none)'} shows the start page, its heading focused, with the six workbenches and their questions`, async () => {
    const session = await open(browser, path);
    const { page } = session;
    await page.waitForFunction(() => document.activeElement?.id === 'start-title');
    assert.match(await page.locator('#start-title').textContent(), /What would Zoom do/);
    assert.match(await page.locator('.start .lede').textContent(), /SAML mapping, SCIM provisioning, CSV uploads and license pools, and why/);
    assert.equal(await page.title(), 'provisim: what Zoom would do with your provisioning rules');
    const rows = page.locator('.start-row');
    assert.equal(await rows.count(), 6);
    for (const [i, w] of WORKBENCHES.entries()) {
      const row = rows.nth(i);
      assert.equal(await row.getAttribute('data-testid'), `start-${w.path}`);
      assert.equal(await row.locator('h2').textContent(), w.name);
      assert.match(await row.getByTestId(`start-question-${w.path}`).textContent(), w.asks);
      assert.equal(await row.getByRole('button', { name: `Start from an example: ${w.name}` }).count(), 1);
      assert.equal(await row.getByRole('button', { name: `Start blank: ${w.name}` }).count(), 1);
    }
    // The app name is the start page's link, marked as the page shown; the workbenches follow.
    assert.equal(await page.getByTestId('nav-start').getAttribute('href'), '#/');
    assert.equal(await page.getByTestId('nav-start').getAttribute('aria-current'), 'page');
    assert.equal(await page.getByTestId('nav-seats').getAttribute('aria-current'), null);
    // An unknown address says so.
    assert.equal(await page.getByTestId('shell-notice').count(), path === '#/nowhere' ? 1 : 0);
    await assertClean(assert, session);
  });
}

test('keyboard: from the focused heading, Tab reaches the first action, and Enter opens its workbench', async () => {
  const session = await open(browser, '');
  const { page } = session;
  await page.waitForFunction(() => document.activeElement?.id === 'start-title');
  const presses = await tabTo(page, '[data-testid="start-example-seats"]', 3);
  assert.equal(presses, 1, 'the first action is the next Tab stop');
  assert.ok((await focused(page)).ring, 'the focused button shows its focus ring');
  await page.keyboard.press('Enter');
  await page.waitForURL(/#\/seats$/);
  await page.waitForFunction(() => document.activeElement?.id === 'seats-title');
  assert.equal(await page.getByLabel('Agents').inputValue(), '100');
  await assertClean(assert, session);
});

for (const w of WORKBENCHES) {
  test(`${w.name}: Start blank opens it with no error, and the scenario it replaced comes back with Switch back`, async () => {
    const session = await open(browser, `#/${w.path}`);
    const { page } = session;
    await page.getByTestId(w.ready).waitFor();
    // What the workbench's outcome said before (its starter), to compare after Switch back.
    const outcome = () => page.locator('#outcome').innerText();
    const before = await outcome();
    await page.getByTestId('nav-start').click();
    await page.getByTestId(`start-blank-${w.path}`).click();
    await page.waitForURL(new RegExp(`#/${w.path}$`));
    await page.waitForFunction((id) => document.activeElement?.id === id, `${w.path}-title`);
    await assertNoError(page, w);
    assert.match(await page.getByTestId('replaced-notice').textContent(), /Started from a blank scenario/);
    // An empty document says what to add, not a green "All 0 … succeed".
    if (w.blank) {
      await page.waitForFunction((re) => new RegExp(re).test(document.getElementById('outcome')?.innerText ?? ''), w.blank.source);
      assert.doesNotMatch(await page.locator('#outcome').innerText(), /All 0|: 0 users|every moment of usage/);
    }
    await page.waitForFunction((text) => document.getElementById('outcome')?.innerText !== text, before);
    await page.getByTestId('switch-back').click();
    assert.match(await page.getByTestId('replaced-notice').textContent(), /Your previous (scenario|plan) is back/);
    await page.waitForFunction((text) => document.getElementById('outcome')?.innerText === text, before);
    assert.equal(await outcome(), before);
    await assertClean(assert, session);
  });

  test(`${w.name}: Start from an example opens its gallery example`, async () => {
    const session = await open(browser, '#/');
    const { page } = session;
    await page.getByTestId(`start-example-${w.path}`).click();
    await page.waitForURL(new RegExp(`#/${w.path}$`));
    await page.waitForFunction((id) => document.activeElement?.id === id, `${w.path}-title`);
    await page.getByTestId(w.ready).waitFor();
    const notice = page.getByTestId('replaced-notice');
    // Where the example is the workbench's starter (seats, concurrency, batch), a fresh browser
    // already holds it: nothing is replaced. Otherwise the notice names it.
    if (w.starter) assert.equal(await notice.count(), 0);
    else assert.match(await notice.textContent(), w.example);
    assert.match(await page.locator('#outcome').innerText(), w.shows);
    await assertClean(assert, session);
  });
}

for (const width of [1280, 390]) {
  test(`the start page at ${width} px: nothing clips sideways (screenshot start-page-${width})`, async () => {
    const session = await open(browser, '');
    const { page } = session;
    await page.setViewportSize({ width, height: 900 });
    await page.locator('.start-row').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `scrolls sideways by ${overflow} px`);
    await screenshot(page, `start-page-${width}`);
    await assertClean(assert, session);
  });
}
