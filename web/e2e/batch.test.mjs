// End-to-end: the batch workbench in the release build, as an admin uses it: the account, SAML rules
// and pools in the JSON editor, the directory in the file panel; small directories run as you type,
// large ones on Run, in chunks, with a progress bar and Cancel. Every test starts from a fresh
// browser context (empty local storage) and ends by asserting that the page fetched nothing beyond
// its own files and logged no error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, open, screenshot, focused, assertClean, lineOf, settleFocus } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const decision = (page) => page.getByTestId('batch-decision');
const editor = (page) => page.getByTestId('scenario-json');
const directory = (page) => page.getByTestId('batch-input');
const stat = async (page, key) => Number(await page.locator(`[data-testid="batch-${key}"] .stat-value`).textContent());
const elitePool = (page) => page.locator('[data-testid="batch-pools"] tr[data-package="elite"]');
const lic07 = (page) => page.locator('[data-testid="batch-pool-warnings"] li[data-rule="LIC-07"]');

// The starter's directory: agent001 … agent100, all with the title Agent.
const AGENTS = `name_id,title\n${Array.from({ length: 100 }, (_, i) => `agent${String(i + 1).padStart(3, '0')}@example.com,Agent`).join('\n')}\n`;

// The pool of the outcome: its cells (size, demand, short or beyond, access).
async function poolCells(page) {
  return elitePool(page).locator('td').allTextContents();
}

// LIC-07: 100 agents on 25 Elite concurrent licenses; 75 without WFM or QM, named.
async function assertLic07(page) {
  assert.equal(await decision(page).getAttribute('data-refused'), '0');
  // Signed in, but a warning: the headline says who lacks what (issue 19, LIC-07).
  assert.match(await decision(page).textContent(), /All 100 users signed in, but 75 have no Workforce Management or Quality Management access/);
  assert.match(await decision(page).getAttribute('class'), /\bwarn\b/);
  assert.equal(await stat(page, 'users'), 100);
  assert.equal(await page.locator('[data-testid="batch-packages"] tr[data-key="elite"] td').textContent(), '100');
  const [size, demand, beyond, access] = await poolCells(page);
  assert.deepEqual([size, demand, beyond], ['25', '100', '75']);
  assert.match(access, /Workforce Management: 25 with access, 75 without/);
  assert.match(access, /Quality Management: 25 with access, 75 without/);
  assert.match(access, /Contact Center: 100 with access, 0 without/);
  const warnings = await lic07(page).allTextContents();
  assert.equal(warnings.length, 2);
  assert.match(warnings[0], /75 users beyond the 25 the concurrent bundled Elite pool covers have no Workforce Management access: agent026@example.com, agent027@example.com, agent028@example.com and 72 more/);
  assert.match(warnings[1], /have no Quality Management access: agent026@example.com, agent027@example.com, agent028@example.com and 72 more/);
  assert.match(warnings[0], /What to do: assign them individual Workforce Management add-ons/);
}

async function starter(page) {
  await decision(page).waitFor();
  assert.equal(await directory(page).inputValue(), AGENTS);
  await assertLic07(page);
  return editor(page).inputValue();
}

// A directory of `n` users, too large to run as you type.
function largeDirectory(n) {
  const rows = ['name_id,memberOf'];
  for (let i = 1; i <= n; i += 1) rows.push(`user${i}@example.com,agents`);
  return `${rows.join('\n')}\n`;
}

test('LIC-07: the gallery example names the agents beyond the pool without WFM and QM, and the previous scenario comes back', async () => {
  const session = await open(browser, '#/batch');
  const { page } = session;
  const text = await starter(page);
  // A pool of 30 first, so that the example replaces something.
  await editor(page).fill(text.replace('"size": 25', '"size": 30'));
  await assert.doesNotReject(page.locator('[data-testid="batch-pools"] tr[data-package="elite"] td:nth-of-type(3)').getByText('70', { exact: true }).waitFor());
  await page.getByTestId('nav-examples').click();
  await page.getByTestId('open-batch-lic-07').click();
  await page.waitForURL(/#\/batch$/);
  assert.match(await page.getByTestId('replaced-notice').textContent(), /The same 100 agents, user by user/);
  await assert.doesNotReject(page.locator('[data-testid="batch-pools"] tr[data-package="elite"] td:nth-of-type(3)').getByText('75', { exact: true }).waitFor());
  assert.equal(await editor(page).inputValue(), text);
  await assertLic07(page);
  // The rule ID of the warning opens the rule's text.
  await lic07(page).first().getByRole('button', { name: 'LIC-07' }).click();
  assert.match(await page.getByTestId('rule-text').textContent(), /100 agents, 25 Elite concurrent licenses → 75 users need WFM \+ QM add-ons/);
  await page.keyboard.press('Escape');
  // Switching back restores the pool of 30.
  await page.getByTestId('switch-back').click();
  await assert.doesNotReject(page.locator('[data-testid="batch-pools"] tr[data-package="elite"] td:nth-of-type(3)').getByText('70', { exact: true }).waitFor());
  assert.match(await lic07(page).first().textContent(), /70 users beyond the 30/);
  await assertClean(assert, session);
});

test('LIC-07, LIC-08: the pool size, a rule and a cell of the directory change the outcome as you type', async () => {
  const session = await open(browser, '#/batch');
  const { page } = session;
  const text = await starter(page);
  // A pool of 100 covers every agent: WFM and QM for all, no LIC-07 warning.
  await editor(page).fill(text.replace('"size": 25', '"size": 100'));
  await assert.doesNotReject(page.locator('[data-testid="batch-pools"] tr[data-package="elite"] td:nth-of-type(3)').getByText('0', { exact: true }).waitFor());
  assert.match((await poolCells(page))[3], /Workforce Management: 100 with access, 0 without/);
  assert.equal(await lic07(page).count(), 0);
  // Back to 25, and one agent's title changed in the directory: 99 agents match the Elite rule.
  await editor(page).fill(text);
  await directory(page).fill(AGENTS.replace('agent100@example.com,Agent', 'agent100@example.com,Contractor'));
  await assert.doesNotReject(page.locator('[data-testid="batch-packages"] tr[data-key="elite"] td').getByText('99', { exact: true }).waitFor());
  assert.deepEqual((await poolCells(page)).slice(0, 3), ['25', '99', '74']);
  assert.match(await lic07(page).first().textContent(), /74 users beyond the 25/);
  // The rule now matches Supervisors only: nobody gets a package, the pool has no demand.
  await editor(page).fill(text.replace('"value": "Agent"', '"value": "Supervisor"'));
  const packages = page.locator('.count-table', { has: page.locator('h4', { hasText: 'Contact Center packages' }) });
  await assert.doesNotReject(packages.locator('.nothing').getByText('None.').waitFor());
  assert.equal(await page.getByTestId('batch-packages').count(), 0);
  assert.deepEqual((await poolCells(page)).slice(0, 3), ['25', '0', '0']);
  assert.equal(await lic07(page).count(), 0);
  // Per-user outcomes, kept once summary mode is off: one row per user, with its decision.
  await editor(page).fill(text.replace('"summary_only": true', '"summary_only": false'));
  await page.getByTestId('batch-outcomes').waitFor();
  assert.equal(await page.locator('[data-testid="batch-outcomes"] tbody tr').count(), 100);
  assert.equal(await page.locator('[data-testid="batch-outcomes"] tbody tr[data-signed-in="true"]').count(), 100);
  assert.match(await page.locator('[data-testid="batch-outcomes"] tr[data-row="2"]').textContent(), /agent001@example.com/);
  await assertClean(assert, session);
});

test('a small directory opened in the file panel is read and runs at once', async () => {
  const session = await open(browser, '#/batch');
  const { page } = session;
  await starter(page);
  const text = 'name_id,title\nana@example.com,Agent\nbo@example.com,Agent\ncy@example.com,Supervisor\n';
  await page.getByTestId('batch-input-file').setInputFiles({ name: 'directory.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await assert.doesNotReject(page.getByTestId('batch-input-status').getByText('Read directory.csv: 4 lines.').waitFor());
  assert.equal(await directory(page).inputValue(), text);
  // No Run needed: three users, two of them Elite agents, both within the pool of 25.
  await assert.doesNotReject(page.locator('[data-testid="batch-decision"]').getByText('All 3 users signed in').waitFor());
  assert.equal(await page.locator('[data-testid="batch-packages"] tr[data-key="elite"] td').textContent(), '2');
  assert.deepEqual((await poolCells(page)).slice(0, 3), ['25', '2', '0']);
  assert.equal(await lic07(page).count(), 0);
  await assertClean(assert, session);
});

test('export then import gives back the same scenario and directory', async () => {
  const session = await open(browser, '#/batch');
  const { page } = session;
  const text = await starter(page);
  // The title goes last, where the sorted JSON puts it: the text comes back byte for byte.
  const scenario = text.replace(/\n}\n$/, ',\n  "title": "Round trip"\n}\n').replace('"size": 25', '"size": 40');
  await editor(page).fill(scenario);
  await assert.doesNotReject(page.locator('[data-testid="batch-pools"] tr[data-package="elite"] td:nth-of-type(3)').getByText('60', { exact: true }).waitFor());
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('batch-export').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'provisim-round-trip.json');
  const file = await download.path();
  // One file, both parts: the directory is the scenario's batch.users.
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(exported.batch.users, AGENTS);
  const withoutUsers = structuredClone(exported);
  delete withoutUsers.batch.users;
  assert.deepEqual(withoutUsers, JSON.parse(scenario));
  // Change both parts, then import: both come back, and the outcome with them.
  await editor(page).fill(text);
  await directory(page).fill('name_id,title\nana@example.com,Agent\n');
  await assert.doesNotReject(decision(page).getByText('1 user signed in', { exact: true }).waitFor());
  await page.getByTestId('batch-import').setInputFiles(file);
  await page.getByTestId('batch-status').getByText('Imported').waitFor();
  assert.equal(await editor(page).inputValue(), scenario);
  assert.equal(await directory(page).inputValue(), AGENTS);
  await assert.doesNotReject(page.locator('[data-testid="batch-pools"] tr[data-package="elite"] td:nth-of-type(3)').getByText('60', { exact: true }).waitFor());
  assert.match(await lic07(page).first().textContent(), /60 users beyond the 40/);
  assert.match(await page.getByTestId('replaced-notice').textContent(), /Imported a scenario file/);
  await assertClean(assert, session);
});

test('a share link opened in a fresh browser restores the same scenario, directory and outcome', async () => {
  const session = await open(browser, '#/batch');
  const { page } = session;
  const text = await starter(page);
  const scenario = text.replace('"size": 25', '"size": 50');
  const users = AGENTS.replace('agent100@example.com,Agent', 'agent100@example.com,Contractor');
  await editor(page).fill(scenario);
  await directory(page).fill(users);
  await assert.doesNotReject(page.locator('[data-testid="batch-pools"] tr[data-package="elite"] td:nth-of-type(3)').getByText('49', { exact: true }).waitFor());
  await page.getByTestId('batch-share').click();
  const link = await page.getByTestId('batch-share-link').inputValue();
  assert.match(link, /#\/batch\?s=1\.[A-Za-z0-9_-]+$/);
  await settleFocus(page, 'batch-share-link');
  assert.equal((await focused(page)).testid, 'batch-share-link');

  const fresh = await open(browser, link);
  const other = fresh.page;
  await decision(other).waitFor();
  assert.equal(await editor(other).inputValue(), scenario);
  assert.equal(await directory(other).inputValue(), users);
  await assert.doesNotReject(other.locator('[data-testid="batch-pools"] tr[data-package="elite"] td:nth-of-type(3)').getByText('49', { exact: true }).waitFor());
  assert.deepEqual((await poolCells(other)).slice(0, 3), ['50', '99', '49']);
  assert.match(await other.getByTestId('replaced-notice').textContent(), /Opened a shared scenario/);
  assert.match(other.url(), /#\/batch$/);
  await assertClean(assert, fresh);
  await assertClean(assert, session);
});

test('a reload keeps the scenario and the directory (autosave), and the outcome', async () => {
  const session = await open(browser, '#/batch');
  const { page } = session;
  const text = await starter(page);
  const scenario = text.replace('"size": 25', '"size": 60');
  const users = AGENTS.replace('agent001@example.com,Agent', 'agent001@example.com,Contractor');
  await editor(page).fill(scenario);
  await directory(page).fill(users);
  await assert.doesNotReject(page.locator('[data-testid="batch-pools"] tr[data-package="elite"] td:nth-of-type(3)').getByText('39', { exact: true }).waitFor());
  await page.reload();
  await decision(page).waitFor();
  assert.equal(await editor(page).inputValue(), scenario);
  assert.equal(await directory(page).inputValue(), users);
  assert.deepEqual((await poolCells(page)).slice(0, 3), ['60', '99', '39']);
  // The first agent is a contractor now: the ones beyond the pool start at agent062.
  assert.match(await lic07(page).first().textContent(), /39 users beyond the 60 .*: agent062@example.com, agent063@example.com, agent064@example.com and 36 more/);
  await assertClean(assert, session);
});

test('malformed JSON shows its error at the right line, and the page keeps working', async () => {
  const session = await open(browser, '#/batch');
  const { page } = session;
  const text = await starter(page);
  // A syntax error: a comma missing after the pool's package, reported on the line after it.
  const line = lineOf(text, '"package": "elite"');
  await editor(page).fill(text.replace('"package": "elite",', '"package": "elite"'));
  const location = page.getByTestId('problem-location');
  await location.waitFor();
  assert.match(await location.textContent(), new RegExp(`^Line ${line + 1}, column \\d+$`));
  assert.equal(await page.locator('#json-problems li').getAttribute('data-line'), String(line + 1));
  assert.equal(await page.locator('.gutter span.bad').textContent(), `▸${line + 1}`);
  assert.equal(await editor(page).getAttribute('aria-invalid'), 'true');
  assert.match(await page.getByTestId('problem-count').textContent(), /1 problem/);
  // No outcome while the scenario cannot be read, and it says why.
  assert.match(await page.getByTestId('outcome-none').textContent(), /Fix the problems listed/);
  await location.click();
  const caret = await editor(page).evaluate((t) => t.value.slice(0, t.selectionStart).split('\n').length);
  assert.equal(caret, line + 1);

  // A validation error: valid JSON, a rule result that is not a package, located at its line.
  const resultLine = lineOf(text, '"result": "elite"');
  await editor(page).fill(text.replace('"result": "elite"', '"result": "platinum"'));
  await assert.doesNotReject(page.locator(`#json-problems li[data-line="${resultLine}"]`).waitFor());
  assert.match(await page.locator('#json-problems').textContent(), /\/sso\/advanced\/0\/rules\/0\/result.*platinum is not a value of section cc_package.*did you mean premium\?/s);

  // Fixed: the outcome is back and follows the text.
  await editor(page).fill(text.replace('"size": 25', '"size": 20'));
  await assert.doesNotReject(page.locator('[data-testid="batch-pools"] tr[data-package="elite"] td:nth-of-type(3)').getByText('80', { exact: true }).waitFor());
  assert.match(await page.getByTestId('problem-count').textContent(), /Valid/);
  assert.equal(await page.getByTestId('outcome-none').count(), 0);
  assert.equal(await editor(page).getAttribute('aria-invalid'), null);
  await assertClean(assert, session);
});

test('a type error after the pools is shown at its own line of the editor, not the line it has once the directory is put in', async () => {
  const session = await open(browser, '#/batch');
  const { page } = session;
  const text = await starter(page);
  // The rule's attribute as a number: serde's error, with its line and column.
  const attributeLine = lineOf(text, '"attribute": "title"');
  await editor(page).fill(text.replace('"attribute": "title"', '"attribute": 5'));
  const problem = page.locator('#json-problems li');
  await problem.waitFor();
  assert.match(await problem.textContent(), /\/sso\/advanced\/0\/rules\/0\/attribute.*the wrong type: the number 5, where this field takes text/s);
  // The directory is in the file panel, not in this text: the line must be the editor's.
  assert.equal(await problem.getAttribute('data-line'), String(attributeLine));
  assert.match(await page.getByTestId('problem-location').textContent(), new RegExp(`^Line ${attributeLine}, column \\d+$`));
  await assertClean(assert, session);
});

test('a large directory waits for Run; the run shows its progress and can be cancelled, then run again in full', async () => {
  const session = await open(browser, '#/batch');
  const { page } = session;
  await starter(page);
  const total = 60_000;
  const text = largeDirectory(total);
  await page.getByTestId('batch-input-file').setInputFiles({ name: 'directory.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await assert.doesNotReject(page.getByTestId('batch-input-status').getByText(`Read directory.csv: ${total + 1} lines.`).waitFor());
  // Larger than the size that runs as you type, and than what is autosaved: both are said.
  await page.locator('.run-bar').getByText('A large directory runs when you press Run.').waitFor();
  assert.match(await page.locator('#batch-input-hint').textContent(), /Too large to autosave/);
  assert.equal(await page.getByTestId('batch-progress').count(), 0, 'nothing runs before Run');
  // Run: the progress bar and Cancel appear; Run is disabled while it runs.
  await page.getByTestId('batch-run').click();
  await page.getByTestId('batch-progress').waitFor();
  assert.equal(await page.getByTestId('batch-run').isDisabled(), true);
  await page.getByTestId('batch-cancel').click();
  const cancelled = page.getByTestId('batch-cancelled');
  await cancelled.waitFor();
  const [, done, of] = (await cancelled.textContent()).match(/^Cancelled after (\d+) of (\d+) users: the summary covers those only\.$/);
  assert.equal(Number(of), total);
  assert.ok(Number(done) > 0 && Number(done) < total, `cancelled part-way (${done} of ${total})`);
  assert.equal(await stat(page, 'users'), Number(done), 'the summary covers the users run');
  assert.equal(await page.getByTestId('batch-progress').count(), 0);
  assert.equal(await page.getByTestId('batch-run').isDisabled(), false);
  // Run again, to the end: every user, nothing cancelled; 60,000 Basic users are over LIC-09's limit.
  await page.getByTestId('batch-run').click();
  await assert.doesNotReject(page.locator(`[data-testid="batch-users"] .stat-value`).getByText(String(total), { exact: true }).waitFor({ timeout: 20_000 }));
  assert.equal(await page.getByTestId('batch-cancelled').count(), 0);
  assert.match(await page.getByTestId('batch-basic').textContent(), /0 before, 60000 after, limit 9999 — over the limit/);
  assert.equal(await page.locator('[data-testid="batch-warnings"] li[data-rule="LIC-09"]').count(), 1);
  await assertClean(assert, session);
});

test('while a large directory waits for Run, the outcome of the previous directory is not shown as its own', async () => {
  const session = await open(browser, '#/batch');
  const { page } = session;
  await starter(page);
  await page.getByTestId('batch-input-file').setInputFiles({ name: 'directory.csv', mimeType: 'text/csv', buffer: Buffer.from(largeDirectory(60_000)) });
  await page.getByTestId('batch-input-status').getByText('Read').waitFor();
  await page.locator('.run-bar').getByText('A large directory runs when you press Run.').waitFor();
  // The 100 agents' outcome is no outcome of these 60,000 users: it is marked out of date, or gone.
  const marked = await page.locator('[data-testid="stale"], [data-testid="outcome-none"]').count();
  assert.ok(marked > 0, `the outcome still says "${await decision(page).textContent()}" for a directory of 60,000 users, unmarked`);
  await assertClean(assert, session);
});

test('screenshots of the batch workbench: the outcome, and a cancelled large run', async () => {
  const session = await open(browser, '#/batch');
  const { page } = session;
  await page.setViewportSize({ width: 1440, height: 1000 });
  await starter(page);
  await screenshot(page, 'batch');
  await page.getByTestId('batch-input-file').setInputFiles({ name: 'directory.csv', mimeType: 'text/csv', buffer: Buffer.from(largeDirectory(60_000)) });
  await page.getByTestId('batch-input-status').getByText('Read').waitFor();
  await page.getByTestId('batch-run').click();
  await page.getByTestId('batch-progress').waitFor();
  await page.getByTestId('batch-cancel').click();
  await page.getByTestId('batch-cancelled').waitFor();
  await screenshot(page, 'batch-cancelled', { fullPage: false });
  await assertClean(assert, session);
});

// Issue 17: the rule swap, compared over the directory: exactly the users whose department
// contains "Sales Contractor" change (SAML-04: the first match wins), with a CSV of them.
test('Compare: swapping two license rules names exactly the Sales Contractor users, and the CSV of changed users downloads', async () => {
  const session = await open(browser, '#/batch');
  const { page } = session;
  await decision(page).waitFor();
  const rules = [
    { attribute: 'department', value: 'Sales', result: 'licensed' },
    { attribute: 'department', value: 'Sales Contractor', result: 'none' },
  ];
  const scenario = (r) => JSON.stringify({ provisim: 1, sso: { advanced: [{ section: 'license', rules: r }] }, batch: { users: '' } }, null, 2);
  await editor(page).fill(scenario(rules));
  await directory(page).fill('name_id,department\na@example.com,Sales\nb@example.com,Sales Contractor\nc@example.com,Support\nd@example.com,EMEA Sales Contractors\n');
  assert.equal(await page.getByTestId('compare-run').isDisabled(), true);
  await page.getByTestId('compare-keep').click();
  assert.match(await page.getByTestId('compare-baseline').textContent(), /Baseline: the configuration as it was when kept/);
  await editor(page).fill(scenario([...rules].reverse()));
  await page.getByTestId('compare-run').click();
  const verdict = page.getByTestId('compare-decision');
  await verdict.waitFor();
  assert.equal(await verdict.getAttribute('data-changed'), '2');
  const users = await page.getByTestId('compare-users').textContent();
  assert.match(users, /b@example\.com/);
  assert.match(users, /d@example\.com/);
  assert.doesNotMatch(users, /a@example\.com|c@example\.com/);
  assert.ok(await page.locator('[data-testid="compare-fields"] tr[data-field="license"], [data-testid="compare-fields"] tr[data-field="sign_in"]').count() >= 1);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('compare-download-csv').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'provisim-changed-users.csv');
  const csv = readFileSync(await download.path(), 'utf8').trim().split('\n');
  assert.equal(csv[0], 'row,email,field,before,before_rule,before_reason,after,after_rule,after_reason');
  assert.deepEqual([...new Set(csv.slice(1).map((l) => l.split(',')[1]))], ['b@example.com', 'd@example.com']);
  // The baseline is kept across a reload.
  await page.reload();
  await page.getByTestId('compare-baseline').waitFor();
  assert.match(await page.getByTestId('compare-baseline').textContent(), /Baseline: the configuration as it was when kept/);
  await assertClean(assert, session);
});

test('LIC-07: each warning of the outcome shows once: the pool\'s under the pools, not again in the list above (issue 19)', async () => {
  const session = await open(browser, '#/batch');
  const { page } = session;
  await decision(page).waitFor();
  await lic07(page).first().waitFor();
  const all = await page.locator('li.warning .warning-message').allTextContents();
  assert.ok(all.length >= 1);
  assert.equal(new Set(all).size, all.length, `a warning shows twice: ${all.join(' | ')}`);
  assert.equal(await page.locator('[data-testid="batch-warnings"] li[data-rule="LIC-07"]').count(), 0);
  await assertClean(assert, session);
});

test('the table of users shows the first users by default, summary mode included, and filters them by outcome (issue 19)', async () => {
  const session = await open(browser, '#/batch');
  const { page } = session;
  await starter(page);
  // The starter is in summary mode: the first users are listed all the same.
  const rows = page.locator('[data-testid="batch-outcomes"] tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 100);
  assert.match(await page.getByTestId('batch-filter-count').textContent(), /^100 users$/);
  const text = await editor(page).inputValue();
  const filter = page.getByTestId('batch-filter');
  await filter.selectOption('refused');
  assert.equal(await rows.count(), 0);
  assert.match(await page.getByTestId('batch-filter-count').textContent(), /^0 users$/);
  await filter.selectOption('signed-in');
  assert.equal(await rows.count(), 100);
  assert.equal(await page.locator('[data-testid="batch-outcomes"] tbody tr[data-signed-in="false"]').count(), 0);
  await filter.selectOption('changed');
  assert.equal(await rows.count(), 100, 'every agent is created');
  // With the full outcomes kept and one agent a contractor: each filter lists its users only.
  await editor(page).fill(text.replace('"summary_only": true', '"summary_only": false'));
  await directory(page).fill(AGENTS.replace('agent100@example.com,Agent', 'agent100@example.com,Contractor'));
  await filter.waitFor();
  await page.getByTestId('batch-filter').selectOption('all');
  await assert.doesNotReject(page.locator('[data-testid="batch-outcomes"] tbody tr[data-row]').nth(99).waitFor());
  const refused = await stat(page, 'refused');
  await page.getByTestId('batch-filter').selectOption('refused');
  assert.equal(await rows.count(), refused);
  await page.getByTestId('batch-filter').selectOption('signed-in');
  assert.equal(await rows.count(), 100 - refused);
  await assertClean(assert, session);
});
