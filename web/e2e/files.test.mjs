// End-to-end: files in and out of the workbenches. A session log dropped on the file panel is read;
// results and the safe CSV download as files made in the page (no request is made for them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, open, assertClean } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Drops a text file on an element, as a user dragging it from the desktop.
async function dropFile(page, selector, name, text, type = 'text/csv') {
  const transfer = await page.evaluateHandle(({ name, text, type }) => {
    const data = new DataTransfer();
    data.items.add(new File([text], name, { type }));
    return data;
  }, { name, text, type });
  await page.dispatchEvent(selector, 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer: transfer });
}

async function downloaded(page, testid) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testid).click(),
  ]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

test('a session log dropped on the concurrency workbench is read and simulated (LIC-03)', async () => {
  const session = await open(browser, '#/concurrency');
  const { page } = session;
  await page.getByTestId('capacity-decision').waitFor();
  const log = 'user,start,end\n'
    + 'a,2026-11-02T09:00:00Z,2026-11-02T10:00:00Z\n'
    + 'b,2026-11-02T09:00:00Z,2026-11-02T10:00:00Z\n'
    + 'c,2026-11-02T09:10:00Z,2026-11-02T09:20:00Z\n';
  await dropFile(page, '.file-panel', 'sessions.csv', log);
  await assert.doesNotReject(page.getByTestId('concurrency-input-status').getByText('Read sessions.csv: 4 lines.').waitFor());
  assert.equal(await page.getByTestId('concurrency-input').inputValue(), log);
  // Three users on the starter's pool of two for 10 minutes: within the 30-minute grace period.
  await assert.doesNotReject(page.locator('[data-testid="capacity-decision"][data-billable="0"]').waitFor());
  assert.equal(await page.getByTestId('episode-1').getAttribute('data-billable'), 'false');
  const episodes = await downloaded(page, 'capacity-download-csv');
  assert.equal(episodes.name, 'provisim-episodes.csv');
  assert.match(episodes.text, /^start,end,duration_seconds,peak_users,peak_excess,billable,billable_excess\n2026-11-02T09:10:00Z,2026-11-02T09:20:00Z,600,3,1,false,0\n$/);
  await assertClean(assert, session);
});

test('the CSV workbench downloads the safe CSV and the results, made in the page (CSV-03)', async () => {
  const session = await open(browser, '#/examples');
  const { page } = session;
  await page.getByTestId('open-csv-02').click();
  await page.getByTestId('csv-cleared').waitFor();
  const safe = await downloaded(page, 'csv-safe-download');
  assert.equal(safe.name, 'provisim-safe-upload.csv');
  assert.equal(safe.text, await page.getByTestId('csv-safe').textContent());
  const results = await downloaded(page, 'csv-download-json');
  const report = JSON.parse(results.text);
  assert.ok(report.cleared > 0, 'the results say what the upload clears');
  assert.equal(report.safe_csv, safe.text);
  const changes = await downloaded(page, 'csv-download-csv');
  assert.match(changes.text, /^row,email,column,before,after,cleared\n/);
  assert.match(changes.text, /,true\n/, 'cleared settings are marked in the CSV too');
  await assertClean(assert, session);
});

test('the SAML workbench downloads its outcome as the JavaScript API answers it (SAML-01)', async () => {
  const session = await open(browser, '#/saml');
  const { page } = session;
  await page.getByTestId('decision-1').waitFor();
  const outcome = await downloaded(page, 'saml-download-json');
  assert.equal(outcome.name, 'provisim-sign-in.json');
  const answer = JSON.parse(outcome.text);
  assert.equal(answer.type, 'success');
  assert.equal(answer.sign_ins[0].decision.signed_in, true);
  assert.equal(answer.sign_ins[0].steps[0].rule, 'SAML-01');
  await assertClean(assert, session);
});
