// End-to-end: the SCIM request workbench in the release build, as an admin uses it. Every test
// starts from a fresh browser context (empty local storage) and ends by asserting that the page
// fetched nothing beyond its own files and logged no error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, open, screenshot, focused, assertClean, lineOf, settleFocus } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const decision = (page) => page.getByTestId('scim-decision');
const editor = (page) => page.getByTestId('scenario-json');
const status = (page, n) => page.getByTestId(`request-${n}`).getAttribute('data-status');

// `text` with the `n`-th (1-based) occurrence of `from` replaced by `to`.
function replaceNth(text, from, to, n) {
  let at = -1;
  for (let i = 0; i < n; i += 1) {
    at = text.indexOf(from, at + 1);
    assert.ok(at >= 0, `${from} does not occur ${n} times`);
  }
  return text.slice(0, at) + to + text.slice(at + from.length);
}

// The starter: POST ana (201), PATCH her department (200), POST ana again (409, SCIM-06).
async function starter(page) {
  await decision(page).waitFor();
  assert.equal(await decision(page).getAttribute('data-failed'), '1');
  assert.equal(await status(page, 3), '409');
  return editor(page).inputValue();
}

// The third request sends another user: nothing fails any more.
const thirdIsBo = (text) => replaceNth(text, '"userName": "ana@example.com"', '"userName": "bo@example.com"', 2);

// The method and path of request `n`, as its card shows them.
const requestLine = (page, n) => page.locator(`[data-testid="request-${n}"] .request-line`).textContent();

test('the headline of failing requests says which fail and why, each linked to its card (issue 19)', async () => {
  const session = await open(browser, '#/scim');
  const { page } = session;
  await starter(page);
  // The starter's third request is refused: the headline names it, its status and Zoom's reason.
  const failures = page.getByTestId('scim-failures');
  assert.match(await decision(page).locator('.decision-title').textContent(), /1 of 3 requests fail/);
  const item = failures.locator('li');
  assert.equal(await item.count(), 1);
  const text = await item.textContent();
  assert.match(text, /Request 3 \(POST \/scim2\/Users\) — 409 Conflict: /);
  assert.match(text, /already exists/);
  // Its button takes the keyboard to the request's card, and the route stays.
  await item.getByRole('button', { name: 'Request 3' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'request-3');
  assert.match(page.url(), /#\/scim$/);
  // Nothing failing: no list.
  await editor(page).fill(thirdIsBo(await editor(page).inputValue()));
  assert.equal(await decision(page).getAttribute('data-failed'), '0');
  assert.equal(await failures.count(), 0);
  await assertClean(assert, session);
});

test('SCIM-02, SCIM-20: the "PATCH a user" starter patches a user the scenario has, and Zoom answers it (issue 19)', async () => {
  const session = await open(browser, '#/scim');
  const { page } = session;
  await starter(page);
  // The starter's directory holds ana, created by request #1 (id zoom-1): the PATCH is hers.
  await page.getByTestId('add-patch').click();
  assert.equal(await requestLine(page, 4), 'PATCH /scim2/Users/zoom-1');
  assert.match(await status(page, 4), /^20[04]$/);
  assert.doesNotMatch(await editor(page).inputValue(), /\{id\}/);
  // A user created just before: the PATCH is of that one.
  await page.getByTestId('add-post').click();
  assert.equal(await status(page, 5), '201');
  await page.getByTestId('add-patch').click();
  assert.equal(await requestLine(page, 6), 'PATCH /scim2/Users/zoom-2');
  assert.match(await status(page, 6), /^20[04]$/);
  // A directory user with the id a real log gave them (scim.identities): patched by that id.
  await editor(page).fill(JSON.stringify({ provisim: 1, directory: [{ email: 'bo@example.com', license: 'licensed' }],
    scim: { identities: [{ user: 'bo@example.com', id: '2819c223-7f76' }], requests: [] } }, null, 2));
  await page.getByTestId('add-patch').click();
  assert.equal(await requestLine(page, 1), 'PATCH /scim2/Users/2819c223-7f76');
  assert.match(await status(page, 1), /^20[04]$/);
  // No user at all: the starter creates one, then patches it.
  await editor(page).fill('{\n  "provisim": 1\n}\n');
  await page.getByTestId('add-patch').click();
  assert.equal(await status(page, 1), '201');
  assert.equal(await requestLine(page, 2), 'PATCH /scim2/Users/zoom-1');
  assert.match(await status(page, 2), /^20[04]$/);
  assert.equal(await decision(page).getAttribute('data-failed'), '0');
  await assertClean(assert, session);
});

test('SCIM-05: the gallery example shows the update-type template ignored on create, and the starter comes back', async () => {
  const session = await open(browser, '#/scim');
  const { page } = session;
  const before = await starter(page);
  await page.getByTestId('nav-examples').click();
  await page.getByTestId('open-scim-05').click();
  await page.waitForURL(/#\/scim$/);
  assert.match(await page.getByTestId('replaced-notice').textContent(), /The update-type template ignored on create/);
  // One request, the create: it succeeds…
  assert.equal(await decision(page).getAttribute('data-failed'), '0');
  assert.equal(await decision(page).locator('.decision-title').textContent(), '1 request succeeds');
  assert.equal(await status(page, 1), '201');
  assert.equal(await page.getByTestId('request-1-status').textContent(), '201 Created');
  // …but the template it names is an update-type one: ignored, with a warning naming SCIM-05.
  const warning = page.locator('[data-testid="request-1"] [data-testid="request-warnings"] li[data-rule="SCIM-05"]');
  assert.match(await warning.textContent(), /template Move to Sales is an update-type template: SCIM ignores it/);
  assert.match(await warning.textContent(), /What to do: send an add-type template/);
  assert.equal(await page.locator('[data-testid="scim-warnings"] li[data-rule="SCIM-05"]').count(), 0, 'shown once, on its request');
  // None of its settings reach the new agent: no queue, no template; the package sent individually does.
  const changes = page.locator('[data-testid="request-1"] [data-testid="changes"]');
  assert.equal(await changes.locator('tr[data-field="/contact_center/agent_queues"]').count(), 0);
  assert.equal(await changes.locator('tr[data-field="/contact_center/template"]').count(), 0);
  assert.equal(await changes.locator('tr[data-field="/contact_center/package"] td.after').textContent(), 'premium');
  // The rule ID opens the rule's text.
  await warning.getByRole('button', { name: 'SCIM-05' }).click();
  assert.match(await page.getByTestId('rule-text').textContent(), /only add-type templates apply, and only when creating a user; an update-type template is ignored/);
  await page.keyboard.press('Escape');
  // Switching back restores the starter, its outcome included.
  await page.getByTestId('switch-back').click();
  assert.equal(await editor(page).inputValue(), before);
  assert.equal(await status(page, 3), '409');
  await assertClean(assert, session);
});

test('editing a request changes the outcome as you type (SCIM-06, SCIM-05)', async () => {
  const session = await open(browser, '#/scim');
  const { page } = session;
  const text = await starter(page);
  // The third request, a second POST of ana@example.com, is refused as a duplicate (SCIM-06).
  assert.equal(await page.getByTestId('request-3-status').textContent(), '409 Conflict');
  assert.match(await decision(page).textContent(), /1 of 3 requests fail/);
  assert.equal(await page.locator('[data-testid="request-3"] [data-testid="no-changes"]').textContent(), 'Nothing changes.');
  // It creates another user instead: every request succeeds and the directory has two users.
  await editor(page).fill(thirdIsBo(text));
  assert.equal(await status(page, 3), '201');
  assert.equal(await decision(page).getAttribute('data-failed'), '0');
  assert.match(await decision(page).textContent(), /All 3 requests succeed/);
  assert.deepEqual(await page.locator('[data-testid="scim-directory"] tbody td:nth-child(2)').allTextContents(),
    ['ana@example.com', 'bo@example.com']);
  // The add-type template applies on create (SCIM-05): ana gets its queue. Made update-type, it is
  // ignored with a warning and she gets none.
  const queues = page.locator('[data-testid="request-1"] [data-testid="changes"] tr[data-field="/contact_center/agent_queues"] td.after');
  assert.equal(await queues.textContent(), 'Billing');
  await editor(page).fill(thirdIsBo(text).replace('"kind": "add"', '"kind": "update"'));
  assert.match(await page.locator('[data-testid="request-1"] [data-testid="request-warnings"] li[data-rule="SCIM-05"]').textContent(), /Tier 1 is an update-type template/);
  assert.equal(await queues.count(), 0);
  // A request added with the button runs at once.
  await page.getByTestId('add-post').click();
  assert.equal(await status(page, 4), '201');
  assert.match(await page.locator('[data-testid="request-4"] .request-line').textContent(), /^POST \/scim2\/Users$/);
  assert.match(await editor(page).inputValue(), /"userName": "new.user@example.com"/);
  await assertClean(assert, session);
});

test('export then import gives back the same scenario and outcome', async () => {
  const session = await open(browser, '#/scim');
  const { page } = session;
  const text = await starter(page);
  const before = thirdIsBo(text).replace('"A new agent provisioned by the IdP"', '"Round trip"');
  await editor(page).fill(before);
  assert.equal(await decision(page).getAttribute('data-failed'), '0');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('scim-export').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'provisim-round-trip.json');
  const file = await download.path();
  const exported = readFileSync(file, 'utf8');
  assert.equal(exported, before);
  assert.equal(JSON.parse(exported).provisim, 1);
  await page.getByTestId('scim-status').getByText('Exported provisim-round-trip.json.').waitFor();
  // Change the scenario, then import the file: the exported scenario is back, outcome included.
  await editor(page).fill(text);
  assert.equal(await decision(page).getAttribute('data-failed'), '1');
  await page.getByTestId('scim-import').setInputFiles(file);
  await page.getByTestId('scim-status').getByText('Imported').waitFor();
  assert.equal(await editor(page).inputValue(), before);
  assert.equal(await decision(page).getAttribute('data-failed'), '0');
  assert.equal(await status(page, 3), '201');
  assert.match(await page.getByTestId('replaced-notice').textContent(), /Imported a scenario file/);
  // The scenario it replaced can come back.
  await page.getByTestId('switch-back').click();
  assert.equal(await editor(page).inputValue(), text);
  assert.equal(await status(page, 3), '409');
  await assertClean(assert, session);
});

test('a share link opened in a fresh browser restores the same scenario and outcome', async () => {
  const session = await open(browser, '#/scim');
  const { page } = session;
  const text = thirdIsBo(await starter(page));
  await editor(page).fill(text);
  await page.getByTestId('scim-share').click();
  const link = await page.getByTestId('scim-share-link').inputValue();
  assert.match(link, /#\/scim\?s=1\.[A-Za-z0-9_-]+$/);
  await settleFocus(page, 'scim-share-link');
  assert.equal((await focused(page)).testid, 'scim-share-link');

  const fresh = await open(browser, link);
  const other = fresh.page;
  await decision(other).waitFor();
  assert.equal(await editor(other).inputValue(), text);
  assert.equal(await decision(other).getAttribute('data-failed'), '0');
  assert.equal(await status(other, 3), '201');
  assert.match(await other.getByTestId('replaced-notice').textContent(), /Opened a shared scenario/);
  // The payload is dropped from the address once open.
  assert.match(other.url(), /#\/scim$/);
  await assertClean(assert, fresh);
  await assertClean(assert, session);
});

test('a reload keeps the scenario (autosave) and the outcome', async () => {
  const session = await open(browser, '#/scim');
  const { page } = session;
  const text = thirdIsBo(await starter(page));
  await editor(page).fill(text);
  assert.equal(await decision(page).getAttribute('data-failed'), '0');
  // Autosave goes through gloo-storage, which keeps each text as a JSON string.
  assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('provisim.scim.scenario'))), text);
  await page.reload();
  await decision(page).waitFor();
  assert.equal(await editor(page).inputValue(), text);
  assert.equal(await decision(page).getAttribute('data-failed'), '0');
  assert.equal(await status(page, 3), '201');
  // Malformed text is kept too.
  const broken = text.replace('"provisim": 1,', '"provisim": 1,,');
  await editor(page).fill(broken);
  await page.reload();
  await page.getByTestId('problem-location').waitFor();
  assert.equal(await editor(page).inputValue(), broken);
  assert.match(await page.getByTestId('problem-count').textContent(), /1 problem/);
  await assertClean(assert, session);
});

test('malformed JSON shows its error at the right line, and the page keeps working', async () => {
  const session = await open(browser, '#/scim');
  const { page } = session;
  const text = await starter(page);
  // A syntax error: the comma after the first template's kind is missing.
  const line = lineOf(text, '"kind": "add"');
  await editor(page).fill(text.replace('"kind": "add",', '"kind": "add"'));
  const location = page.getByTestId('problem-location');
  // serde reports it where the next member starts: the starter, kept as written, has the
  // template on one line.
  assert.match(await location.textContent(), new RegExp(`^Line ${line}, column \\d+$`));
  assert.equal(await page.locator('#json-problems li').getAttribute('data-line'), String(line));
  assert.equal(await page.locator('.gutter span.bad').textContent(), `▸${line}`);
  assert.equal(await editor(page).getAttribute('aria-invalid'), 'true');
  assert.match(await page.getByTestId('problem-count').textContent(), /1 problem/);
  // The outcome stays, marked out of date.
  await page.getByTestId('stale').waitFor();
  assert.equal(await page.getByTestId('outcome').getAttribute('class'), 'outcome is-stale');
  assert.equal(await status(page, 3), '409');
  // The location button puts the caret on that line.
  await location.click();
  const caret = await editor(page).evaluate((t) => t.value.slice(0, t.selectionStart).split('\n').length);
  assert.equal(caret, line);
  // The buttons that edit the text say nothing and break nothing while it is malformed.
  await page.getByTestId('add-get').click();
  assert.equal(await page.locator('#json-problems li').getAttribute('data-line'), String(line));

  // A validation error: valid JSON, a method SCIM does not have, located at its line.
  const methodLine = lineOf(text, '"method": "PATCH"');
  await editor(page).fill(text.replace('"method": "PATCH"', '"method": "FETCH"'));
  assert.match(await location.first().textContent(), new RegExp(`^Line ${methodLine}\\b`));
  const problem = await page.locator('#json-problems').textContent();
  assert.match(problem, /\/scim\/requests\/1\/method/);
  assert.match(problem, /not an allowed value: FETCH/);
  assert.match(problem, /did you mean PATCH\?/);
  // The names the message quotes are code, not backticks.
  assert.doesNotMatch(problem, /`/);
  assert.ok(await page.locator('#json-problems code', { hasText: 'PATCH' }).count() >= 1);

  // Fixed: the outcome is fresh again and follows the text.
  await editor(page).fill(thirdIsBo(text));
  assert.match(await page.getByTestId('problem-count').textContent(), /Valid/);
  assert.equal(await page.getByTestId('stale').count(), 0);
  assert.equal(await editor(page).getAttribute('aria-invalid'), null);
  assert.equal(await decision(page).getAttribute('data-failed'), '0');
  assert.equal(await status(page, 3), '201');
  await assertClean(assert, session);
});

test('screenshot of the SCIM workbench', async () => {
  const session = await open(browser, '#/scim');
  const { page } = session;
  await page.setViewportSize({ width: 1440, height: 1000 });
  await starter(page);
  await screenshot(page, 'scim');
  await assertClean(assert, session);
});

test('SCIM-08: the IdP\'s downloaded provisioning schema, opened on the workbench, becomes the mapping table; a file that is not one changes nothing', async () => {
  const session = await open(browser, '#/scim');
  const { page } = session;
  const before = await starter(page);
  const picker = page.getByTestId('idp-import-file');
  // A file that is JSON but no IdP configuration: said so, the scenario stays.
  await picker.setInputFiles({ name: 'users.json', mimeType: 'application/json', buffer: Buffer.from('{"Resources": []}') });
  const status = page.getByTestId('idp-import-status');
  await status.locator('.bad-text').waitFor();
  assert.match(await status.textContent(), /users\.json cannot be imported: /);
  assert.equal(await editor(page).inputValue(), before);
  // Entra ID's export, as the corpus holds it.
  const corpus = JSON.parse(readFileSync(new URL('../../tests/scenarios/scim/scim-08-entra-schema-import.json', import.meta.url), 'utf8'));
  const exported = JSON.stringify(corpus.input.scim.idp.import, null, 2);
  await picker.setInputFiles({ name: 'schema.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await status.locator('.ok-text').waitFor();
  assert.match(await status.textContent(), /Imported schema\.json/);
  const report = page.getByTestId('idp-import-report');
  await report.waitFor();
  assert.match(await report.locator('h3').textContent(), /Entra ID's provisioning schema/);
  assert.equal(await report.locator('[data-testid="import-rows"] tbody tr').count(), 11);
  assert.equal(await report.locator('[data-testid="import-warnings"] li').count(), 4);
  assert.match(await page.getByTestId('import-scope').textContent(), /department is "Sales"; or jobTitle is "Support Lead"/);
  assert.match(await editor(page).inputValue(), /"synchronizationRules"/);
  // The scenario it replaced is one click away.
  assert.match(await page.getByTestId('replaced-notice').textContent(), /schema\.json is now the IdP's configuration/);
  await page.getByTestId('switch-back').click();
  assert.equal(await editor(page).inputValue(), before);
  await assertClean(assert, session);
});

test('SCIM-03: a request\'s warning shows once, on its card, not again above the cards (issue 19)', async () => {
  const session = await open(browser, '#/scim');
  const { page } = session;
  await starter(page);
  const corpus = JSON.parse(readFileSync(new URL('../../tests/scenarios/scim/scim-03-zra.json', import.meta.url), 'utf8'));
  await editor(page).fill(JSON.stringify(corpus.input, null, 2));
  const onCard = page.locator('[data-testid="request-2"] [data-testid="request-warnings"] li[data-rule="SCIM-03"]');
  await onCard.waitFor();
  const message = await onCard.locator('.warning-message').textContent();
  const all = await page.locator('li.warning .warning-message').allTextContents();
  assert.equal(all.filter((m) => m === message).length, 1, `shown ${all.filter((m) => m === message).length} times: ${message}`);
  assert.equal(await page.locator('[data-testid="scim-warnings"] li[data-rule="SCIM-03"]').count(), 0);
  await assertClean(assert, session);
});
