// End-to-end: the CSV upload workbench in the release build, as an admin uses it: the scenario (the
// current users) in the JSON editor, the bulk CSV in the file panel. Every test starts from a fresh
// browser context (empty local storage) and ends by asserting that the page fetched nothing beyond
// its own files and logged no error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, open, screenshot, focused, assertClean, lineOf, settleFocus } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const decision = (page) => page.getByTestId('csv-decision');
const editor = (page) => page.getByTestId('scenario-json');
const upload = (page) => page.getByTestId('csv-input');
// A user's change of one column, in the outcome.
const change = (page, row, column) => page.locator(`[data-testid="csv-user-${row}"] tr[data-column="${column}"]`);

// The upload of the CSV-02 example: new skills only.
const SKILLS_ONLY = 'Email,Skills\nana@example.com,English;Spanish\n';
// The columns CSV-02's upload clears for ana (Skills changes, the rest is cleared).
const CLEARED = ['Role', 'License (Package)', 'Add-ons', 'Agent Queues', 'Region'];

// The starter (CSV-01): every column as Zoom names it, a new user cy@example.com, accepted.
async function starter(page) {
  await decision(page).waitFor();
  assert.equal(await decision(page).getAttribute('data-accepted'), 'true');
  return { scenario: await editor(page).inputValue(), csv: await upload(page).inputValue() };
}

// The columns of a user's change table marked cleared.
async function clearedColumns(page, row) {
  return page.locator(`[data-testid="csv-user-${row}"] tr[data-cleared="true"]`).evaluateAll((rows) => rows.map((r) => r.dataset.column));
}

test('CSV-02: the gallery example says the upload clears settings, row by row, and the safe CSV keeps them (CSV-03)', async () => {
  const session = await open(browser, '#/csv');
  const { page } = session;
  const before = await starter(page);
  await page.getByTestId('nav-examples').click();
  await page.getByTestId('open-csv-02').click();
  await page.waitForURL(/#\/csv$/);
  assert.match(await page.getByTestId('replaced-notice').textContent(), /The CSV that wipes license and queues/);
  // The file part of the example is in the file panel, not in the JSON.
  assert.equal(await upload(page).inputValue(), SKILLS_ONLY);
  assert.equal(JSON.parse(await editor(page).inputValue()).csv.text, undefined);
  // Zoom takes it, and it clears five settings of ana's: the headline says so, as a warning.
  assert.equal(await decision(page).getAttribute('data-accepted'), 'true');
  assert.equal(await decision(page).locator('.decision-title').textContent(), 'This upload clears 5 settings for 1 user');
  const cleared = page.getByTestId('csv-cleared');
  assert.match(await cleared.textContent(), /^Zoom takes this upload: 1 user\./);
  assert.match(await cleared.textContent(), /Columns left out or left empty are cleared, not kept CSV-02/);
  assert.deepEqual(await clearedColumns(page, 2), CLEARED);
  for (const column of CLEARED) {
    assert.match(await change(page, 2, column).locator('td.after').textContent(), /^— ∅ cleared$/, `${column} is cleared, in words`);
  }
  assert.equal(await change(page, 2, 'Skills').getAttribute('data-cleared'), 'false');
  assert.equal(await change(page, 2, 'Skills').locator('td.after').textContent(), 'English;Spanish');
  assert.match(await page.locator('[data-testid="csv-warnings"] li[data-rule="CSV-02"]').textContent(),
    /clears 5 settings of 1 user: ana@example.com loses Role, License \(Package\), Add-ons, Agent Queues, Region/);
  // The safe CSV, put in the upload box: only the skills change, nothing is cleared.
  await page.getByTestId('csv-use-safe').click();
  assert.equal(await upload(page).inputValue(), await page.getByTestId('csv-safe').textContent());
  assert.equal(await page.getByTestId('csv-cleared').count(), 0);
  assert.equal(await page.locator('[data-testid="csv-user-2"] tr[data-column]').count(), 1);
  assert.equal(await change(page, 2, 'Skills').locator('td.after').textContent(), 'English;Spanish');
  // Switching back restores the starter, upload included.
  await page.getByTestId('switch-back').click();
  assert.equal(await editor(page).inputValue(), before.scenario);
  assert.equal(await upload(page).inputValue(), before.csv);
  assert.equal(await page.getByTestId('csv-cleared').count(), 0);
  await assertClean(assert, session);
});

test('CSV-02: an upload that clears settings is headed by the danger in warning style, not a success mark (issue 19)', async () => {
  const session = await open(browser, '#/examples');
  const { page } = session;
  await page.getByTestId('open-csv-02').click();
  // The headline states what the upload clears, its numbers agreeing with their nouns.
  const headline = decision(page).locator('.decision-title');
  assert.equal(await headline.textContent(), 'This upload clears 5 settings for 1 user');
  assert.match(await decision(page).getAttribute('class'), /\bwarn\b/);
  assert.doesNotMatch(await decision(page).getAttribute('class'), /\bok\b/);
  assert.notEqual(await decision(page).locator('.decision-symbol').textContent(), '✓');
  // Two users, each losing what the upload leaves out: ana 5 settings, bo his role, package and
  // supervisor queues.
  await page.getByTestId('csv-input').fill('Email,Skills\nana@example.com,English\nbo@example.com,French\n');
  assert.equal(await headline.textContent(), 'This upload clears 8 settings for 2 users');
  assert.match(await page.getByTestId('csv-cleared').textContent(), /^Zoom takes this upload: 2 users\./);
  // An upload that clears nothing is a success again.
  await page.getByTestId('csv-use-safe').click();
  assert.match(await headline.textContent(), /^Zoom takes this upload: 2 users$/);
  assert.match(await decision(page).getAttribute('class'), /\bok\b/);
  assert.equal(await decision(page).locator('.decision-symbol').textContent(), '✓');
  await assertClean(assert, session);
});

test('editing a cell of the upload or a user of the scenario changes the outcome as you type (CSV-04, CSV-02)', async () => {
  const session = await open(browser, '#/csv');
  const { page } = session;
  const { scenario, csv } = await starter(page);
  assert.match(await decision(page).textContent(), /Zoom takes this upload: 1 user/);
  assert.equal(await change(page, 2, 'License (Package)').locator('td.after').textContent(), 'Premium');
  // A misspelt package in the file panel: one invalid cell rejects the whole upload (CSV-04).
  await upload(page).fill(csv.replace(',premium,', ',premum,'));
  assert.equal(await decision(page).getAttribute('data-accepted'), 'false');
  assert.match(await decision(page).textContent(), /Zoom rejects the whole upload: 1 invalid field/);
  const bad = page.locator('[data-testid="csv-errors"] tbody tr');
  assert.equal(await bad.count(), 1);
  assert.equal(await bad.getAttribute('data-row'), '2');
  assert.equal(await bad.getAttribute('data-column'), 'License (Package)');
  assert.match(await bad.textContent(), /premum is not a Contact Center package/);
  assert.match(await bad.textContent(), /did you mean Premium\?/);
  assert.equal(await bad.locator('button.rule-id').textContent(), 'CSV-04');
  assert.match(await page.getByTestId('csv-no-safe').textContent(), /No safe CSV/);
  // Every invalid cell at once: a second bad row adds its own.
  await upload(page).fill(`${csv.replace(',premium,', ',premum,')}not-an-email,Agent,elite,,,,,,,,,,,\n`);
  assert.match(await decision(page).textContent(), /2 invalid fields/);
  assert.deepEqual(await bad.evaluateAll((rows) => rows.map((r) => [r.dataset.row, r.dataset.column])),
    [['2', 'License (Package)'], ['3', 'Email']]);
  // Fixed: taken again.
  await upload(page).fill(csv);
  assert.equal(await decision(page).getAttribute('data-accepted'), 'true');
  assert.equal(await page.getByTestId('csv-errors').count(), 0);

  // The skills-only upload against the current users clears five of ana's settings (CSV-02).
  await upload(page).fill(SKILLS_ONLY);
  assert.deepEqual(await clearedColumns(page, 2), CLEARED);
  // A user of the scenario without a region: there is nothing to clear there any more.
  const edited = scenario.replace('        "region": "US",\n', '');
  assert.notEqual(edited, scenario);
  await editor(page).fill(edited);
  assert.deepEqual(await clearedColumns(page, 2), CLEARED.filter((c) => c !== 'Region'));
  assert.match(await decision(page).locator('.decision-title').textContent(), /clears 4 settings/);
  // An upload for someone not in the directory adds them, and clears nothing of theirs.
  await upload(page).fill('Email,Skills\ndee@example.com,English\n');
  assert.equal(await page.getByTestId('csv-cleared').count(), 0);
  assert.match(await page.getByTestId('csv-user-2').textContent(), /dee@example.com \(new user: the upload adds them\)/);
  await assertClean(assert, session);
});

test('a CSV file opened in the file panel is read and simulated', async () => {
  const session = await open(browser, '#/csv');
  const { page } = session;
  await starter(page);
  const text = 'Email,Role,Skills\nana@example.com,Agent,English;Spanish\nbo@example.com,Supervisor,French\n';
  await page.getByTestId('csv-input-file').setInputFiles({ name: 'skills.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await assert.doesNotReject(page.getByTestId('csv-input-status').getByText('Read skills.csv: 3 lines.').waitFor());
  assert.equal(await upload(page).inputValue(), text);
  // Two existing users, each losing what the upload leaves out.
  assert.match(await decision(page).textContent(), /Zoom takes this upload: 2 users/);
  assert.deepEqual(await clearedColumns(page, 2), ['License (Package)', 'Add-ons', 'Agent Queues', 'Region']);
  assert.deepEqual(await clearedColumns(page, 3), ['License (Package)', 'Supervisor Queues']);
  assert.equal(await decision(page).locator('.decision-title').textContent(), 'This upload clears 6 settings for 2 users');
  await assertClean(assert, session);
});

test('export then import gives back the same scenario and upload', async () => {
  const session = await open(browser, '#/csv');
  const { page } = session;
  const start = await starter(page);
  const scenario = start.scenario.replace('"provisim": 1', '"provisim": 1,\n  "title": "Round trip"');
  await editor(page).fill(scenario);
  await upload(page).fill(SKILLS_ONLY);
  await page.getByTestId('csv-cleared').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('csv-export').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'provisim-round-trip.json');
  const file = await download.path();
  // One file holds both parts: the upload is the scenario's csv.text.
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(exported.csv.text, SKILLS_ONLY);
  assert.equal(exported.title, 'Round trip');
  assert.deepEqual({ ...exported, csv: {} }, JSON.parse(scenario));
  // Change both parts, then import the file: both come back, and the outcome with them.
  await editor(page).fill(start.scenario);
  await upload(page).fill(start.csv);
  assert.equal(await page.getByTestId('csv-cleared').count(), 0);
  await page.getByTestId('csv-import').setInputFiles(file);
  await page.getByTestId('csv-status').getByText('Imported').waitFor();
  assert.equal(await editor(page).inputValue(), scenario);
  assert.equal(await upload(page).inputValue(), SKILLS_ONLY);
  assert.deepEqual(await clearedColumns(page, 2), CLEARED);
  assert.match(await page.getByTestId('replaced-notice').textContent(), /Imported a scenario file/);
  await page.getByTestId('switch-back').click();
  assert.equal(await editor(page).inputValue(), start.scenario);
  assert.equal(await upload(page).inputValue(), start.csv);
  await assertClean(assert, session);
});

test('a share link opened in a fresh browser restores the same scenario, upload and outcome', async () => {
  const session = await open(browser, '#/csv');
  const { page } = session;
  const { scenario } = await starter(page);
  const edited = scenario.replace('        "region": "US",\n', '');
  await editor(page).fill(edited);
  await upload(page).fill(SKILLS_ONLY);
  await page.getByTestId('csv-share').click();
  const link = await page.getByTestId('csv-share-link').inputValue();
  assert.match(link, /#\/csv\?s=1\.[A-Za-z0-9_-]+$/);
  await settleFocus(page, 'csv-share-link');
  assert.equal((await focused(page)).testid, 'csv-share-link');

  const fresh = await open(browser, link);
  const other = fresh.page;
  await decision(other).waitFor();
  assert.equal(await editor(other).inputValue(), edited);
  assert.equal(await upload(other).inputValue(), SKILLS_ONLY);
  assert.deepEqual(await clearedColumns(other, 2), CLEARED.filter((c) => c !== 'Region'));
  assert.match(await other.getByTestId('replaced-notice').textContent(), /Opened a shared scenario/);
  assert.match(other.url(), /#\/csv$/);
  await assertClean(assert, fresh);
  await assertClean(assert, session);
});

test('a reload keeps the scenario and the upload (autosave), and the outcome', async () => {
  const session = await open(browser, '#/csv');
  const { page } = session;
  const { scenario } = await starter(page);
  const edited = scenario.replace('        "region": "US",\n', '');
  await editor(page).fill(edited);
  await upload(page).fill(SKILLS_ONLY);
  assert.match(await decision(page).locator('.decision-title').textContent(), /clears 4 settings/);
  // Autosave goes through gloo-storage, which keeps each text as a JSON string.
  assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('provisim.csv.input'))), SKILLS_ONLY);
  await page.reload();
  await decision(page).waitFor();
  assert.equal(await editor(page).inputValue(), edited);
  assert.equal(await upload(page).inputValue(), SKILLS_ONLY);
  assert.match(await decision(page).locator('.decision-title').textContent(), /clears 4 settings/);
  await assertClean(assert, session);
});

test('malformed JSON shows its error at the right line, and the page keeps working', async () => {
  const session = await open(browser, '#/csv');
  const { page } = session;
  const { scenario, csv } = await starter(page);
  // A syntax error: the comma after bo's license is doubled.
  const line = lineOf(scenario, '"email": "bo@example.com"');
  await editor(page).fill(scenario.replace('"email": "bo@example.com",', '"email": "bo@example.com",,'));
  const location = page.getByTestId('problem-location');
  assert.match(await location.textContent(), new RegExp(`^Line ${line}, column \\d+$`));
  assert.equal(await page.locator('#json-problems li').getAttribute('data-line'), String(line));
  assert.equal(await page.locator('.gutter span.bad').textContent(), `▸${line}`);
  assert.equal(await editor(page).getAttribute('aria-invalid'), 'true');
  // The outcome stays, marked out of date; the upload box still takes edits.
  await page.getByTestId('stale').waitFor();
  assert.equal(await decision(page).getAttribute('data-accepted'), 'true');
  await upload(page).fill(SKILLS_ONLY);
  assert.equal(await page.getByTestId('csv-cleared').count(), 0, 'the out-of-date outcome is not recomputed from a malformed scenario');
  await location.click();
  const caret = await editor(page).evaluate((t) => t.value.slice(0, t.selectionStart).split('\n').length);
  assert.equal(caret, line);

  // Fixed: the outcome is fresh again and follows the text and the upload.
  await editor(page).fill(scenario);
  assert.match(await page.getByTestId('problem-count').textContent(), /Valid/);
  assert.equal(await page.getByTestId('stale').count(), 0);
  assert.deepEqual(await clearedColumns(page, 2), CLEARED);
  await upload(page).fill(csv);
  assert.equal(await page.getByTestId('csv-cleared').count(), 0);
  await assertClean(assert, session);
});

test('a validation error in the scenario is shown at its own line of the editor, not the line it has once the upload is put in', async () => {
  const session = await open(browser, '#/csv');
  const { page } = session;
  const { scenario } = await starter(page);
  // Valid JSON, a package Zoom does not have: the problem names its path and the nearest value…
  const packageLine = lineOf(scenario, '"package": "elite"');
  await editor(page).fill(scenario.replace('"package": "elite"', '"package": "platinum"'));
  const problem = page.locator('#json-problems li');
  assert.match(await problem.textContent(), /\/directory\/0\/contact_center\/package/);
  assert.match(await problem.textContent(), /not an allowed value: platinum/);
  assert.match(await problem.textContent(), /did you mean premium\?/);
  // …and its line is the line of the editor that holds the package (the upload is in the file
  // panel, not in this text).
  assert.equal(await problem.getAttribute('data-line'), String(packageLine));
  assert.match(await page.getByTestId('problem-location').textContent(), new RegExp(`^Line ${packageLine}, column \\d+$`));
  assert.equal(await page.locator('.gutter span.bad').textContent(), `▸${packageLine}`);
  await assertClean(assert, session);
});

test('screenshot of the CSV workbench', async () => {
  const session = await open(browser, '#/examples');
  const { page } = session;
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.getByTestId('open-csv-02').click();
  await page.getByTestId('csv-cleared').waitFor();
  await screenshot(page, 'csv');
  await assertClean(assert, session);
});
