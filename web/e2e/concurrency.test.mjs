// End-to-end: the concurrency workbench in the release build, as an admin uses it: the pool (size
// and grace period) in the form and the JSON editor, the session log in the file panel. Every test
// starts from a fresh browser context (empty local storage) and ends by asserting that the page
// fetched nothing beyond its own files and logged no error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, open, screenshot, focused, assertClean, settleFocus } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const decision = (page) => page.getByTestId('capacity-decision');
const editor = (page) => page.getByTestId('scenario-json');
const log = (page) => page.getByTestId('concurrency-input');
const pool = (page) => page.getByTestId('capacity-pool');
const grace = (page) => page.getByTestId('capacity-grace_minutes');
const episode = (page, n) => page.getByTestId(`episode-${n}`);
const zoneField = (page) => page.getByTestId('capacity-time_zone');

// The starter (LIC-03): a pool of 2; four users, two of them over the pool for 30 min 1 s.
const STARTER_SCENARIO = '{\n  "pool": 2\n}\n';
const STARTER_LOG = 'user,start,end\n'
  + 'a,2026-11-02T09:00:00Z,2026-11-02T11:00:00Z\n'
  + 'b,2026-11-02T09:00:00Z,2026-11-02T11:00:00Z\n'
  + 'c,2026-11-02T10:00:00Z,2026-11-02T10:30:01Z\n'
  + 'd,2026-11-02T10:10:00Z,2026-11-02T10:20:00Z\n';

// The billable episode of the starter, as the episodes table shows it.
async function assertBillable(page) {
  assert.equal(await decision(page).getAttribute('data-billable'), '1');
  assert.match(await decision(page).textContent(), /1 billable overage episode: 2 licenses billed on the next cycle/);
  assert.equal(await page.locator('[data-testid="episodes"] tbody tr').count(), 1);
  assert.equal(await episode(page, 1).getAttribute('data-billable'), 'true');
  const cells = await episode(page, 1).locator('td').allTextContents();
  // Times as people read them, in the session log's zone; the end on the same day as its time.
  assert.deepEqual(cells.slice(0, 3), ['Mon 2 Nov 2026, 10:00\u00a0– 10:30:01', '30 min 01 s', '4 (+2)']);
  assert.deepEqual(await episode(page, 1).locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime'))),
    ['2026-11-02T10:00:00Z', '2026-11-02T10:30:01Z']);
  assert.match(cells[3], /billable/);
  assert.match(cells[3], /longer than the 30-minute grace period: the peak excess of 2 is billed LIC-03/);
}

async function starter(page) {
  await decision(page).waitFor();
  assert.equal(await editor(page).inputValue(), STARTER_SCENARIO);
  assert.equal(await log(page).inputValue(), STARTER_LOG);
  await assertBillable(page);
}

test('LIC-03: the gallery example bills an overage one second past the grace period, and the previous pool comes back', async () => {
  const session = await open(browser, '#/concurrency');
  const { page } = session;
  await starter(page);
  // A pool of three first, so that the example replaces something.
  await pool(page).fill('3');
  assert.equal(await decision(page).getAttribute('data-billable'), '0');
  await page.getByTestId('nav-examples').click();
  await page.getByTestId('open-capacity-lic-03').click();
  await page.waitForURL(/#\/concurrency$/);
  assert.match(await page.getByTestId('replaced-notice').textContent(), /An overage one second past the grace period/);
  await assertBillable(page);
  assert.equal(await pool(page).inputValue(), '2');
  assert.match(await page.getByTestId('capacity-peak').textContent(), /^Peak: 4 users at Mon 2 Nov 2026, 10:10 \(pool 2\)\. 4 sessions of 4 users\.$/);
  assert.match(await page.locator('[data-testid="capacity-warnings"] li[data-rule="LIC-03"]').textContent(),
    /LIC-03 1 overage episode lasts longer than the 30-minute grace period: an excess of 2 licenses is billed on the next billing cycle/);
  assert.match(await page.getByTestId('settings-in-force').textContent(), /Grace period \(minutes\): 30/);
  assert.match(await page.getByTestId('capacity-chart').getAttribute('aria-label'), /peak 4 against a pool of 2/);
  // The rule ID of the episode opens the rule's text.
  await episode(page, 1).getByRole('button', { name: 'LIC-03' }).click();
  assert.match(await page.getByTestId('rule-text').textContent(), /30-minute grace period/);
  await page.keyboard.press('Escape');
  // Switching back restores the pool of three.
  await page.getByTestId('switch-back').click();
  assert.equal(await pool(page).inputValue(), '3');
  assert.equal(await decision(page).getAttribute('data-billable'), '0');
  await assertClean(assert, session);
});

test('LIC-02, LIC-03: the pool size, the grace period and the session log change the outcome as you type', async () => {
  const session = await open(browser, '#/concurrency');
  const { page } = session;
  await starter(page);
  // A pool of four covers every moment: no episode.
  await pool(page).fill('4');
  assert.equal(await editor(page).inputValue(), '{\n  "pool": 4\n}\n');
  assert.equal(await decision(page).getAttribute('data-billable'), '0');
  assert.match(await decision(page).textContent(), /The pool covers every moment of usage/);
  assert.equal(await page.getByTestId('episodes').count(), 0);
  // A pool of three: only d's ten minutes go over it, within the grace period.
  await pool(page).fill('3');
  assert.equal(await decision(page).getAttribute('data-billable'), '0');
  assert.equal(await episode(page, 1).getAttribute('data-billable'), 'false');
  assert.deepEqual((await episode(page, 1).locator('td').allTextContents()).slice(0, 3),
    ['Mon 2 Nov 2026, 10:10\u00a0– 10:20', '10 min', '4 (+1)']);
  // Back to two, with a grace period of 31 minutes: the 30 min 1 s episode is tolerated.
  await pool(page).fill('2');
  await grace(page).fill('31');
  assert.equal(await editor(page).inputValue(), '{\n  "grace_minutes": 31,\n  "pool": 2\n}\n');
  assert.equal(await decision(page).getAttribute('data-billable'), '0');
  assert.match(await decision(page).textContent(), /within the 31-minute grace period/);
  assert.equal(await episode(page, 1).getAttribute('data-billable'), 'false');
  assert.match(await episode(page, 1).textContent(), /not longer than the 31-minute grace period: tolerated/);
  assert.match(await page.getByTestId('settings-in-force').textContent(), /Grace period \(minutes\): 31/);
  // Back to 30 minutes: billed again.
  await grace(page).fill('30');
  assert.equal(await decision(page).getAttribute('data-billable'), '1');
  // A cell of the session log: c leaves one second earlier, exactly at the grace period, which is
  // not *longer* than it (LIC-03): tolerated.
  await log(page).fill(STARTER_LOG.replace('10:30:01Z', '10:30:00Z'));
  assert.equal(await decision(page).getAttribute('data-billable'), '0');
  assert.equal(await episode(page, 1).getAttribute('data-billable'), 'false');
  assert.equal(await episode(page, 1).locator('td').nth(1).textContent(), '30 min');
  // A bad cell of the log is listed under the file panel, with its row; the outcome goes out of date.
  await log(page).fill(STARTER_LOG.replace('2026-11-02T10:30:01Z', 'half past ten'));
  assert.match(await page.getByTestId('file-errors').textContent(), /row 4: end `?half past ten`? is not a time: it starts with no date/);
  // What to type instead: the forms the session log reads (issue 19).
  assert.match(await page.getByTestId('file-errors').textContent(), /write e\.g\. `?2026-11-02 09:00`?,.* or `?11\/02\/2026 09:00:00 AM`?/);
  await page.getByTestId('stale').waitFor();
  await log(page).fill(STARTER_LOG);
  assert.equal(await page.getByTestId('file-errors').count(), 0);
  assert.equal(await page.getByTestId('stale').count(), 0);
  assert.equal(await decision(page).getAttribute('data-billable'), '1');
  await assertClean(assert, session);
});

test('LIC-02, LIC-03: a pool or grace period the simulator cannot use is marked on its field, and the outcome stays out of date until it is fixed (issue 19)', async () => {
  const session = await open(browser, '#/concurrency');
  const { page } = session;
  await starter(page);
  const invalid = (field) => field.getAttribute('aria-invalid');
  const problems = () => page.getByTestId('problem-count').textContent();
  // A pool of −1: not simulated as anything; the field keeps what was typed, says what to type,
  // and the outcome (of the pool of 2 still in the JSON) is marked out of date.
  await pool(page).fill('-1');
  assert.equal(await pool(page).inputValue(), '-1');
  assert.equal(await invalid(pool(page)), 'true');
  assert.match(await page.getByTestId('capacity-pool-error').textContent(), /“-1” cannot be used: type a whole number of licenses, 0 or more/);
  assert.match(await pool(page).getAttribute('aria-describedby'), /capacity-pool-error/);
  await page.getByTestId('stale').waitFor();
  assert.match(await problems(), /1 problem/);
  assert.equal(await editor(page).inputValue(), STARTER_SCENARIO);
  // A grace period of −3 as well: two problems, each on its own field.
  await grace(page).fill('-3');
  assert.equal(await invalid(grace(page)), 'true');
  assert.match(await page.getByTestId('capacity-grace_minutes-error').textContent(), /“-3” cannot be used: type a whole number of minutes/);
  assert.match(await problems(), /2 problems/);
  // The pool fixed: the grace period still holds the outcome out of date.
  await pool(page).fill('4');
  assert.equal(await invalid(pool(page)), null);
  assert.equal(await page.getByTestId('capacity-pool-error').count(), 0);
  assert.match(await problems(), /1 problem/);
  assert.equal(await page.getByTestId('stale').count(), 1);
  assert.equal(await editor(page).inputValue(), '{\n  "pool": 4\n}\n');
  // Not a number, nor a whole one: the same.
  for (const text of ['thirty', '1.5']) {
    await grace(page).fill(text);
    assert.equal(await grace(page).inputValue(), text);
    assert.equal(await invalid(grace(page)), 'true', `${text} is marked`);
    assert.match(await page.getByTestId('capacity-grace_minutes-error').textContent(), new RegExp(`“${text.replace('.', '\\.')}” cannot be used`));
    assert.equal(await page.getByTestId('stale').count(), 1);
  }
  // Empty: the default grace period, which the hint names; the outcome is fresh again.
  await grace(page).fill('');
  assert.equal(await invalid(grace(page)), null);
  assert.match(await problems(), /Valid/);
  assert.equal(await page.getByTestId('stale').count(), 0);
  assert.match(await decision(page).textContent(), /The pool covers every moment of usage/);
  // An empty pool has no default: marked.
  await pool(page).fill('');
  assert.equal(await invalid(pool(page)), 'true');
  assert.match(await page.getByTestId('capacity-pool-error').textContent(), /empty: type a whole number of licenses/);
  await page.getByTestId('stale').waitFor();
  // The JSON editor changes the pool under it: the field shows the JSON's value again.
  await editor(page).fill('{\n  "grace_minutes": 31,\n  "pool": 2\n}\n');
  assert.equal(await pool(page).inputValue(), '2');
  assert.equal(await invalid(pool(page)), null);
  assert.equal(await grace(page).inputValue(), '31');
  assert.equal(await page.getByTestId('stale').count(), 0);
  assert.equal(await decision(page).getAttribute('data-billable'), '0');
  // A value the JSON holds that the simulator cannot use is marked on its field too.
  await editor(page).fill('{\n  "grace_minutes": -3,\n  "pool": 2\n}\n');
  assert.equal(await grace(page).inputValue(), '-3');
  assert.equal(await invalid(grace(page)), 'true');
  await page.getByTestId('stale').waitFor();
  await assertClean(assert, session);
});

test('a session log opened in the file panel is read and simulated (LIC-02)', async () => {
  const session = await open(browser, '#/concurrency');
  const { page } = session;
  await starter(page);
  // One user with two overlapping sessions counts once (LIC-02): three users on a pool of two.
  const text = 'user,start,end\n'
    + 'a,2026-11-02T09:00:00Z,2026-11-02T12:00:00Z\n'
    + 'b,2026-11-02T09:00:00Z,2026-11-02T12:00:00Z\n'
    + 'c,2026-11-02T10:00:00Z,2026-11-02T11:00:00Z\n'
    + 'c,2026-11-02T10:30:00Z,2026-11-02T11:30:00Z\n';
  await page.getByTestId('concurrency-input-file').setInputFiles({ name: 'sessions.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await assert.doesNotReject(page.getByTestId('concurrency-input-status').getByText('Read sessions.csv: 5 lines.').waitFor());
  assert.equal(await log(page).inputValue(), text);
  assert.match(await page.getByTestId('capacity-peak').textContent(), /Peak: 3 users at Mon 2 Nov 2026, 10:00 \(pool 2\)\. 4 sessions of 3 users\./);
  // c is over the pool from 10:00 to 11:30: billed.
  assert.equal(await decision(page).getAttribute('data-billable'), '1');
  assert.deepEqual((await episode(page, 1).locator('td').allTextContents()).slice(0, 3),
    ['Mon 2 Nov 2026, 10:00\u00a0– 11:30', '1 h 30 min', '3 (+1)']);
  await assertClean(assert, session);
});

test('export then import gives back the same pool and session log', async () => {
  const session = await open(browser, '#/concurrency');
  const { page } = session;
  await starter(page);
  await grace(page).fill('31');
  const scenario = await editor(page).inputValue();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('concurrency-export').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'provisim-concurrency-scenario.json');
  const file = await download.path();
  // One file, both parts: the session log is its `sessions`.
  const exported = readFileSync(file, 'utf8');
  assert.deepEqual(JSON.parse(exported), { grace_minutes: 31, pool: 2, sessions: STARTER_LOG });
  // Change both parts, then import: both come back, and the outcome with them.
  await grace(page).fill('30');
  await log(page).fill(STARTER_LOG.replace('c,2026-11-02T10:00:00Z', 'c,2026-11-02T09:00:00Z'));
  assert.equal(await decision(page).getAttribute('data-billable'), '1');
  await page.getByTestId('concurrency-import').setInputFiles(file);
  await page.getByTestId('concurrency-status').getByText('Imported').waitFor();
  assert.equal(await editor(page).inputValue(), scenario);
  assert.equal(await log(page).inputValue(), STARTER_LOG);
  assert.equal(await grace(page).inputValue(), '31');
  assert.equal(await decision(page).getAttribute('data-billable'), '0');
  assert.equal(await episode(page, 1).getAttribute('data-billable'), 'false');
  assert.match(await page.getByTestId('replaced-notice').textContent(), /Imported a scenario file/);
  await assertClean(assert, session);
});

test('a share link opened in a fresh browser restores the same pool, session log and outcome', async () => {
  const session = await open(browser, '#/concurrency');
  const { page } = session;
  await starter(page);
  await pool(page).fill('3');
  const changedLog = `${STARTER_LOG}e,2026-11-02T10:12:00Z,2026-11-02T10:15:00Z\n`;
  await log(page).fill(changedLog);
  // e joins a and b, c and d: five users on three for three minutes.
  assert.equal(await episode(page, 1).locator('td').nth(2).textContent(), '5 (+2)');
  await page.getByTestId('concurrency-share').click();
  const link = await page.getByTestId('concurrency-share-link').inputValue();
  assert.match(link, /#\/concurrency\?s=1\.[A-Za-z0-9_-]+$/);
  await settleFocus(page, 'concurrency-share-link');
  assert.equal((await focused(page)).testid, 'concurrency-share-link');

  const fresh = await open(browser, link);
  const other = fresh.page;
  await decision(other).waitFor();
  assert.equal(await editor(other).inputValue(), '{\n  "pool": 3\n}\n');
  assert.equal(await pool(other).inputValue(), '3');
  assert.equal(await log(other).inputValue(), changedLog);
  assert.equal(await episode(other, 1).locator('td').nth(2).textContent(), '5 (+2)');
  assert.equal(await decision(other).getAttribute('data-billable'), '0');
  assert.match(await other.getByTestId('replaced-notice').textContent(), /Opened a shared scenario/);
  assert.match(other.url(), /#\/concurrency$/);
  await assertClean(assert, fresh);
  await assertClean(assert, session);
});

test('a reload keeps the pool and the session log (autosave), and the outcome', async () => {
  const session = await open(browser, '#/concurrency');
  const { page } = session;
  await starter(page);
  await grace(page).fill('45');
  const changedLog = STARTER_LOG.replace('10:30:01Z', '11:30:00Z');
  await log(page).fill(changedLog);
  // c over the pool for 1 h 30 min, beyond 45 minutes: billed.
  assert.equal(await decision(page).getAttribute('data-billable'), '1');
  await page.reload();
  await decision(page).waitFor();
  assert.equal(await grace(page).inputValue(), '45');
  assert.equal(await pool(page).inputValue(), '2');
  assert.equal(await log(page).inputValue(), changedLog);
  assert.equal(await decision(page).getAttribute('data-billable'), '1');
  assert.match(await episode(page, 1).textContent(), /longer than the 45-minute grace period/);
  await assertClean(assert, session);
});

test('malformed JSON shows its error at the right line, and the page keeps working', async () => {
  const session = await open(browser, '#/concurrency');
  const { page } = session;
  await starter(page);
  // A syntax error: a comma missing between the two fields, reported on the line after it.
  await editor(page).fill('{\n  "grace_minutes": 31\n  "pool": 2\n}\n');
  const location = page.getByTestId('problem-location');
  assert.match(await location.textContent(), /^Line 3, column \d+$/);
  assert.equal(await page.locator('#json-problems li').getAttribute('data-line'), '3');
  assert.equal(await page.locator('.gutter span.bad').textContent(), '▸3');
  assert.equal(await editor(page).getAttribute('aria-invalid'), 'true');
  // The outcome stays, marked out of date; the fields cannot read the text and leave it alone.
  await page.getByTestId('stale').waitFor();
  assert.equal(await decision(page).getAttribute('data-billable'), '1');
  assert.equal(await pool(page).inputValue(), '');
  await pool(page).fill('5');
  assert.equal(await editor(page).inputValue(), '{\n  "grace_minutes": 31\n  "pool": 2\n}\n');
  await location.click();
  const caret = await editor(page).evaluate((t) => t.value.slice(0, t.selectionStart).split('\n').length);
  assert.equal(caret, 3);

  // A validation error: valid JSON, a pool that is not a whole number, located at its line.
  await editor(page).fill('{\n  "grace_minutes": 31,\n  "pool": "two"\n}\n');
  assert.match(await location.textContent(), /^Line 3\b/);
  assert.match(await page.locator('#json-problems').textContent(), /\/pool.*the wrong type: text "two", where this field takes a whole number, 0 or more/s);

  // Fixed: the outcome is fresh again and follows the text.
  await editor(page).fill('{\n  "grace_minutes": 31,\n  "pool": 2\n}\n');
  assert.match(await page.getByTestId('problem-count').textContent(), /Valid/);
  assert.equal(await page.getByTestId('stale').count(), 0);
  assert.equal(await decision(page).getAttribute('data-billable'), '0');
  assert.equal(await grace(page).inputValue(), '31');
  await pool(page).fill('4');
  assert.match(await decision(page).textContent(), /The pool covers every moment of usage/);
  await assertClean(assert, session);
});

test('LIC-03: one episode within the grace period is told as one episode, not "1 overage episodes"', async () => {
  const session = await open(browser, '#/concurrency');
  const { page } = session;
  await starter(page);
  await grace(page).fill('31');
  const headline = await decision(page).locator('.decision-title').textContent();
  assert.equal(headline, '1 overage episode, within the 31-minute grace period');
  await assertClean(assert, session);
});

test('screenshot of the concurrency workbench', async () => {
  const session = await open(browser, '#/concurrency');
  const { page } = session;
  await page.setViewportSize({ width: 1440, height: 1000 });
  await starter(page);
  await screenshot(page, 'concurrency');
  await assertClean(assert, session);
});

// Issue 19: the chart has axes. The SVG's text: time ticks in the log's zone, users ticks, the axis
// titles, the pool as a labelled line and the overage episodes shaded; its label states the peak
// and the pool; the page says which zone its times are in.
const texts = (page, testid) => page.locator(`[data-testid="capacity-chart"] [data-testid="${testid}"]`).allTextContents();

test('LIC-02, LIC-03: the chart has a labelled time axis, a users axis, the pool line and the episodes shaded (issue 19)', async () => {
  const session = await open(browser, '#/concurrency');
  const { page } = session;
  await starter(page);
  const chart = page.getByTestId('capacity-chart');
  assert.equal(await chart.getAttribute('role'), 'img');
  assert.equal(await chart.getAttribute('aria-label'),
    'Chart of users signed in from Mon 2 Nov 2026, 09:00 to 11:00 (UTC): peak 4 against a pool of 2; 1 overage episode shaded, 1 billable.');
  // The starter runs 09:00 to 11:00 UTC: half-hour ticks; 0 to 4 users.
  assert.deepEqual(await texts(page, 'chart-x-tick'), ['09:00', '09:30', '10:00', '10:30', '11:00']);
  assert.deepEqual(await texts(page, 'chart-y-tick'), ['0', '1', '2', '3', '4']);
  assert.deepEqual(await texts(page, 'chart-y-title'), ['users signed in']);
  assert.deepEqual(await texts(page, 'chart-x-title'), ['time of day, Mon 2 Nov 2026 (UTC)']);
  assert.deepEqual(await texts(page, 'chart-x-date'), [], 'one day: the date is in the axis title');
  assert.deepEqual(await texts(page, 'chart-pool-label'), ['pool: 2']);
  assert.equal(await page.getByTestId('capacity-zone').textContent(), 'Times in UTC, as the session log gives them.');
  // The pool line is at 2 on the users axis: level with the tick labelled 2.
  const box = async (locator) => { const b = await locator.boundingBox(); return b.y + b.height / 2; };
  const two = chart.locator('[data-testid="chart-y-tick"]', { hasText: '2' });
  const poolY = await box(chart.getByTestId('chart-pool'));
  assert.ok(Math.abs(poolY - await box(two)) < 4, `the pool line (y ${poolY}) is level with the tick 2`);
  // The billable episode is shaded from 10:00 to 10:30:01: between the ticks 10:00 and 10:30.
  const shade = chart.getByTestId('chart-episode');
  assert.equal(await shade.count(), 1);
  assert.equal(await shade.getAttribute('data-billable'), 'true');
  const s = await shade.boundingBox();
  const tick = async (text) => { const b = await chart.locator('[data-testid="chart-x-tick"]', { hasText: text }).boundingBox(); return b.x + b.width / 2; };
  assert.ok(Math.abs(s.x - await tick('10:00')) < 3, 'the shade starts at 10:00');
  assert.ok(Math.abs(s.x + s.width - await tick('10:30')) < 3, 'the shade ends at 10:30');
  // A pool of 3: the one episode is within grace, shaded as such.
  await pool(page).fill('3');
  await page.locator('[data-testid="chart-episode"][data-billable="false"]').waitFor();
  assert.deepEqual(await texts(page, 'chart-pool-label'), ['pool: 3']);
  assert.match(await page.locator('.chart-legend').textContent(), /over the pool, within grace/);
  assert.match(await chart.getAttribute('aria-label'), /peak 4 against a pool of 3; 1 overage episode shaded, 0 billable/);
  // A pool above the peak: the users axis reaches the pool, and nothing is shaded.
  await pool(page).fill('7');
  assert.deepEqual(await texts(page, 'chart-y-tick'), ['0', '2', '4', '6', '8']);
  assert.equal(await chart.getByTestId('chart-episode').count(), 0);
  assert.match(await chart.getAttribute('aria-label'), /peak 4 against a pool of 7\.$/);
  await assertClean(assert, session);
});

test('a session log written in UTC+01:00 is shown in UTC+01:00, with the dates on the time axis when it spans days (issue 19)', async () => {
  const session = await open(browser, '#/concurrency');
  const { page } = session;
  await starter(page);
  await log(page).fill('user,start,end\n'
    + 'a,2026-11-02T20:00:00+01:00,2026-11-03T08:00:00+01:00\n'
    + 'b,2026-11-02T22:00:00+01:00,2026-11-03T02:00:00+01:00\n'
    + 'c,2026-11-02T23:00:00+01:00,2026-11-03T01:00:00+01:00\n');
  await page.getByTestId('capacity-zone').getByText('Times in UTC+01:00, as the session log gives them.').waitFor();
  // 20:00 to 08:00 local: ticks every three hours, on local round hours, the new day under midnight.
  assert.deepEqual(await texts(page, 'chart-x-tick'), ['21:00', '00:00', '03:00', '06:00']);
  assert.deepEqual(await texts(page, 'chart-x-date'), ['Mon 2 Nov', 'Tue 3 Nov']);
  assert.deepEqual(await texts(page, 'chart-x-title'), ['date and time (UTC+01:00)']);
  assert.match(await page.getByTestId('capacity-peak').textContent(), /^Peak: 3 users at Mon 2 Nov 2026, 23:00 \(pool 2\)\./);
  // The episode crosses midnight: its end has its date.
  assert.equal(await episode(page, 1).locator('td').first().textContent(), 'Mon 2 Nov 2026, 23:00\u00a0– Tue 3 Nov 2026, 01:00');
  assert.match(await page.getByTestId('capacity-chart').getAttribute('aria-label'),
    /^Chart of users signed in from Mon 2 Nov 2026, 20:00 to Tue 3 Nov 2026, 08:00 \(UTC\+01:00\): peak 3 against a pool of 2/);
  // A log that mixes zones is shown in UTC, and says so.
  await log(page).fill('user,start,end\na,2026-11-02T09:00:00+01:00,2026-11-02T10:00:00Z\n');
  await page.getByTestId('capacity-zone').getByText('Times in UTC: the session log mixes time zones.').waitFor();
  assert.match(await page.getByTestId('capacity-peak').textContent(), /^Peak: 1 user at Mon 2 Nov 2026, 08:00/);
  await assertClean(assert, session);
});

// Issue 19: an admin's export writes times without a zone (`2026-11-02 09:00`, Zoom's usage report
// `11/02/2026 10:00:00 AM`); they are read in the time zone the form sets, UTC unless set, and the
// page says in which.
test('LIC-02: a session log exported without zones is read in the time zone set beside the pool, and the page says which (issue 19)', async () => {
  const session = await open(browser, '#/concurrency');
  const { page } = session;
  await starter(page);
  await log(page).fill('user,start,end\n'
    + 'a,2026-11-02 09:00,2026-11-02 11:00\n'
    + 'b,2026-11-02 09:00,2026-11-02 11:00\n'
    + 'c,11/02/2026 10:00:00 AM,11/02/2026 10:45:00 AM\n');
  // Read in UTC, the default: no error, c's 45 minutes over the pool of 2 billed, and the zone said.
  await page.getByTestId('capacity-zone')
    .getByText('Times in UTC. 6 times of the log had no zone: read in UTC, the time zone set above for times without one.').waitFor();
  assert.equal(await page.getByTestId('file-errors').count(), 0);
  assert.equal(await page.getByTestId('stale').count(), 0);
  assert.match(await page.getByTestId('capacity-peak').textContent(), /^Peak: 3 users at Mon 2 Nov 2026, 10:00 \(pool 2\)\. 3 sessions of 3 users\.$/);
  assert.equal(await decision(page).getAttribute('data-billable'), '1');
  assert.deepEqual((await episode(page, 1).locator('td').allTextContents()).slice(0, 3),
    ['Mon 2 Nov 2026, 10:00\u00a0– 10:45', '45 min', '3 (+1)']);
  assert.deepEqual(await episode(page, 1).locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime'))),
    ['2026-11-02T10:00:00Z', '2026-11-02T10:45:00Z']);
  assert.match(await page.getByTestId('settings-in-force').textContent(), /Time zone for times without a zone: UTC/);
  // The field is labelled, with its hint, and the keyboard reaches it from the grace period.
  assert.equal(await page.getByLabel('Time zone for times without a zone').getAttribute('data-testid'), 'capacity-time_zone');
  assert.match(await zoneField(page).getAttribute('aria-describedby'), /capacity-time_zone-hint/);
  assert.match(await page.locator('#capacity-time_zone-hint').textContent(), /e\.g\. 2026-11-02 09:00, are read in this one: UTC, or an offset from UTC such as \+01:00/);
  await grace(page).focus();
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).testid, 'capacity-time_zone');
  await page.keyboard.type('+01:00');
  assert.equal(await editor(page).inputValue(), '{\n  "pool": 2,\n  "time_zone": "+01:00"\n}\n');
  // 09:00 at UTC+01:00 is 08:00 UTC: the page shows the log's own clock, in UTC+01:00, and says so.
  await page.getByTestId('capacity-zone')
    .getByText('Times in UTC+01:00. 6 times of the log had no zone: read in UTC+01:00, the time zone set above for times without one.').waitFor();
  assert.match(await page.getByTestId('capacity-peak').textContent(), /^Peak: 3 users at Mon 2 Nov 2026, 10:00 \(pool 2\)\./);
  assert.deepEqual(await episode(page, 1).locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime'))),
    ['2026-11-02T09:00:00Z', '2026-11-02T09:45:00Z']);
  assert.equal(await episode(page, 1).locator('td').first().textContent(), 'Mon 2 Nov 2026, 10:00\u00a0– 10:45');
  assert.match(await page.getByTestId('settings-in-force').textContent(), /Time zone for times without a zone: UTC\+01:00/);
  assert.match(await page.getByTestId('capacity-trace').textContent(), /6 times had no zone: read as UTC\+01:00, the time zone set for the log/);
  assert.deepEqual(await texts(page, 'chart-x-title'), ['time of day, Mon 2 Nov 2026 (UTC+01:00)']);
  // A named zone cannot be used (its offset changes with daylight saving): marked on the field, with the reason.
  await zoneField(page).fill('Europe/Paris');
  assert.equal(await zoneField(page).getAttribute('aria-invalid'), 'true');
  assert.match(await page.getByTestId('capacity-time_zone-error').textContent(), /“Europe\/Paris” cannot be used: .*a named zone such as CET or Europe\/Paris is not read.*Type UTC, or an offset from UTC such as \+01:00/);
  await page.getByTestId('stale').waitFor();
  // Empty: UTC again, the outcome fresh.
  await zoneField(page).fill('');
  assert.equal(await zoneField(page).getAttribute('aria-invalid'), null);
  assert.equal(await page.getByTestId('stale').count(), 0);
  assert.equal(await editor(page).inputValue(), '{\n  "pool": 2\n}\n');
  await page.getByTestId('capacity-zone').getByText(/^Times in UTC\. 6 times of the log had no zone: read in UTC,/).waitFor();
  await assertClean(assert, session);
});
