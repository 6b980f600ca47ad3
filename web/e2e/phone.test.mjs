// End-to-end (issue 19): the outcome tables on a phone and on a wide screen. At 390 px the
// concurrency episodes, the batch's per-user table and the CSV upload's invalid cells and changes
// stack, each row a card of "label: value" lines, with no cell narrower than 60 px and no sideways
// scroll of the page; at 1280 px they are tables, their header row shown. Screenshots of each
// workbench with a result, at both widths, go to the git-ignored screenshot folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, screenshot, assertClean } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// The CSV starter with a misspelt package and a bad email: two invalid cells.
async function csvWithErrors(page) {
  await page.getByTestId('csv-decision').waitFor();
  const upload = page.getByTestId('csv-input');
  const csv = await upload.inputValue();
  await upload.fill(`${csv.replace(',premium,', ',premum,')}not-an-email,Agent,elite,,,,,,,,,,,\n`);
  await page.getByTestId('csv-errors').waitFor();
}

// Each workbench in a state that shows its table, and the tables to measure.
const BENCHES = [
  ['concurrency', async (page) => { await page.getByTestId('episodes').waitFor(); }, ['episodes']],
  ['batch', async (page) => { await page.getByTestId('batch-outcomes').waitFor(); }, ['batch-outcomes']],
  ['csv', csvWithErrors, ['csv-errors']],
];

// The visible cells of a table: their widths, and the widest of the table.
const cellWidths = (table) => table.evaluate((t) => [...t.querySelectorAll('tbody td, tbody th')]
  .filter((c) => getComputedStyle(c).display !== 'none')
  .map((c) => ({ width: c.getBoundingClientRect().width, text: c.textContent.trim().slice(0, 40) })));

for (const [route, reach, tables] of BENCHES) {
  test(`${route}: at 390 px its table rows stack into cards, no cell narrower than 60 px and no sideways scroll; at 1280 px it is a table`, async () => {
    const session = await open(browser, `#/${route}`);
    const { page } = session;
    await page.setViewportSize({ width: 390, height: 844 });
    await reach(page);
    for (const testid of tables) {
      const table = page.getByTestId(testid);
      const cells = await cellWidths(table);
      assert.ok(cells.length > 0, `${testid} has cells`);
      const narrow = cells.filter((c) => c.width < 60);
      assert.deepEqual(narrow, [], `${testid}: no cell narrower than 60 px at 390 px`);
      // Each row a card: the header row is hidden from sight (still read by screen readers), every
      // cell says its column.
      const header = await table.locator('thead').boundingBox();
      assert.ok(!header || header.height <= 1, `${testid}: the header row is out of sight`);
      const labels = await table.evaluate((t) => [...t.querySelectorAll('tbody td, tbody th')]
        .filter((c) => getComputedStyle(c).display !== 'none')
        .map((c) => getComputedStyle(c, '::before').content));
      assert.ok(labels.every((l) => l !== 'none' && l !== '""' && l.length > 2), `${testid}: every cell is labelled: ${labels}`);
    }
    // The CSV's per-user changes stack too.
    if (route === 'csv') {
      const changes = page.locator('.csv-user table.changes').first();
      if (await changes.count()) {
        assert.deepEqual((await cellWidths(changes)).filter((c) => c.width < 60), [], 'the changes: no cell narrower than 60 px');
      }
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px at 390 px`);
    await page.locator(`[data-testid="${tables[0]}"]`).scrollIntoViewIfNeeded();
    await screenshot(page, `${route}-result-390`);
    // A wide screen: the same table as a table, its header row shown.
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const testid of tables) {
      const table = page.getByTestId(testid);
      assert.equal(await table.evaluate((t) => getComputedStyle(t).display), 'table');
      const header = await table.locator('thead').boundingBox();
      assert.ok(header && header.height > 10, `${testid}: the header row is shown at 1280 px`);
    }
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(wide <= 0, `the page scrolls sideways by ${wide} px at 1280 px`);
    await screenshot(page, `${route}-result-1280`);
    await assertClean(assert, session);
  });
}
