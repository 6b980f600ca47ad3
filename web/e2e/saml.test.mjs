// End-to-end: the SAML sign-in workbench in the release build, as an admin uses it. Every test
// starts from a fresh browser context (empty local storage) and ends by asserting that the page
// fetched nothing beyond its own files and logged no error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, open, screenshot, tabTo, focused, assertClean, lineOf, settleFocus } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const decision = (page) => page.getByTestId('decision-1');

// The scenario text as the JSON editor shows it (switching to it if needed).
async function jsonText(page) {
  await page.getByTestId('mode-json').click();
  return page.getByTestId('scenario-json').inputValue();
}

test('an example from the gallery opens in the workbench with its outcome, and the previous scenario can come back', async () => {
  const session = await open(browser, '#/saml');
  const { page } = session;
  // The first visit shows the starter scenario: a new user, licensed.
  await assert.doesNotReject(decision(page).locator('.decision-title').getByText('Signed in to the primary account').waitFor());
  await page.getByTestId('nav-examples').click();
  await page.getByTestId('open-saml-11').click();
  await page.waitForURL(/#\/saml$/);
  assert.equal(await decision(page).getAttribute('data-signed-in'), 'false');
  assert.match(await decision(page).textContent(), /Refused by SAML-11/);
  assert.equal(await page.getByTestId('trace-1-license-rule-0').getAttribute('data-status'), 'matched');
  assert.equal(await page.getByTestId('trace-1-user_role').getAttribute('data-status'), 'not_reached');
  assert.match(await page.getByTestId('replaced-notice').textContent(), /None blocks the sign-in/);
  // The rule ID of the decision opens the rule's text.
  await decision(page).getByRole('button', { name: 'SAML-11' }).click();
  assert.match(await page.getByTestId('rule-text').textContent(), /None/);
  await page.keyboard.press('Escape');
  assert.equal(await page.getByTestId('rule-dialog').evaluate((d) => d.open), false);
  // Switching back restores the starter.
  await page.getByTestId('switch-back').click();
  assert.equal(await decision(page).getAttribute('data-signed-in'), 'true');
  // The add-on removed because nothing matched: its row is marked cleared, in words too.
  await page.getByTestId('nav-examples').click();
  await page.getByTestId('open-saml-13').click();
  const row = page.locator('[data-testid="changes"] tr[data-field="/addons/scheduler"]');
  assert.equal(await row.getAttribute('data-cleared'), 'true');
  assert.match(await row.textContent(), /cleared/);
  assert.match(await page.getByTestId('saml-warnings').textContent(), /SAML-13/);
  await assertClean(assert, session);
});

// The sign-in's attribute rows, in the form's order: each row's name and values as shown.
const attributeRows = (page) => page.locator('[data-testid="attributes"] > li');
async function attributes(page) {
  return attributeRows(page).evaluateAll((rows) => rows.map((r) => [
    r.querySelector('input[type="text"]').value, r.querySelector('textarea').value]));
}
const STARTER_ATTRIBUTES = [['department', 'Sales'], ['givenName', 'Ana'], ['memberOf', 'zoom-licensed\nsales-emea'],
  ['surname', 'Silva'], ['title', 'Account Executive']];

test('an example opens at the top of its workbench, its heading focused, and the replaced scenario is one click away (issue 19)', async () => {
  const session = await open(browser, '#/examples');
  const { page } = session;
  await page.setViewportSize({ width: 1280, height: 700 });
  // A card near the end, reached by scrolling to the bottom of the gallery.
  await page.getByTestId('open-saml-20').waitFor();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  assert.ok(await page.evaluate(() => window.scrollY) > 0, 'the gallery is scrolled');
  await page.getByTestId('open-saml-20').click();
  await page.waitForURL(/#\/saml$/);
  await page.waitForFunction(() => document.activeElement?.id === 'saml-title');
  assert.equal((await focused(page)).tag, 'h1');
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the workbench opens at its top');
  const box = await page.locator('#saml-title').boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 700, 'the heading is on screen');
  assert.match(await page.getByTestId('replaced-notice').textContent(), /Signed in to a sub-account/);
  // The scenario it replaced, one click away.
  await page.getByTestId('switch-back').click();
  assert.equal(await decision(page).getAttribute('data-signed-in'), 'true');
  assert.deepEqual(await attributes(page), STARTER_ATTRIBUTES);
  await assertClean(assert, session);
});

test('SAML-01: an attribute keeps its row and its values while its name is typed, a character and a Tab at a time (issue 19)', async () => {
  const session = await open(browser, '#/saml');
  const { page } = session;
  await decision(page).waitFor();
  assert.deepEqual(await attributes(page), STARTER_ATTRIBUTES);
  // `title` renamed `Aardvark`, a name that sorts first: after each character, Tab to its values,
  // type there at once, and Shift+Tab back to the name.
  await attributeRows(page).nth(4).locator('input[type="text"]').click();
  await page.keyboard.press('Control+A');
  for (const c of 'Aardvark') {
    await page.keyboard.type(c);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('.');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('End');
  }
  // Every row kept its place, its name and its values; the typing landed where it was typed.
  assert.deepEqual(await attributes(page), [...STARTER_ATTRIBUTES.slice(0, 4), ['Aardvark', 'Account Executive........']]);
  const active = await page.evaluate(() => ({ value: document.activeElement?.value, last: document.activeElement?.closest('li') === document.querySelector('[data-testid="attributes"] > li:last-child') }));
  assert.deepEqual(active, { value: 'Aardvark', last: true });
  assert.match(await page.getByTestId('problem-count').textContent(), /Valid scenario/);
  const json = JSON.parse(await jsonText(page));
  assert.deepEqual(Object.keys(json.saml.attributes).sort(), ['Aardvark', 'department', 'givenName', 'memberOf', 'surname']);
  assert.equal(json.saml.attributes.Aardvark, 'Account Executive........');
  // Back in the form, the rows are where they were.
  await page.getByTestId('mode-form').click();
  assert.deepEqual((await attributes(page)).map(([name]) => name), ['department', 'givenName', 'memberOf', 'surname', 'Aardvark']);
  await assertClean(assert, session);
});

test('SAML-01: an attribute renamed to another one\'s name, or to nothing, is marked on its field and the outcome stays out of date until it is fixed (issue 19)', async () => {
  const session = await open(browser, '#/saml');
  const { page } = session;
  await decision(page).waitFor();
  const row = attributeRows(page).nth(4);
  const name = row.locator('input[type="text"]');
  await name.fill('department');
  // Shown as typed, marked, with what to type; nothing dropped; the outcome out of date.
  assert.equal(await name.inputValue(), 'department');
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  const error = row.getByTestId('attribute-name-error');
  assert.match(await error.textContent(), /Another attribute is already named “department”: type a name no other attribute has/);
  assert.match(await name.getAttribute('aria-describedby'), new RegExp(await error.getAttribute('id')));
  await page.getByTestId('stale').waitFor();
  assert.match(await page.getByTestId('problem-count').textContent(), /1 problem/);
  assert.deepEqual(await attributes(page), [...STARTER_ATTRIBUTES.slice(0, 4), ['department', 'Account Executive']]);
  // The JSON keeps the last name the simulator could use; the form keeps what was typed.
  assert.equal(JSON.parse(await jsonText(page)).saml.attributes.title, 'Account Executive');
  await page.getByTestId('mode-form').click();
  assert.equal(await name.inputValue(), 'department');
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  // No name at all: marked too.
  await name.fill('');
  assert.match(await row.getByTestId('attribute-name-error').textContent(), /This name is empty/);
  assert.equal(await page.getByTestId('stale').count(), 1);
  // Fixed: the outcome is fresh again, of the name shown.
  await name.fill('jobTitle');
  assert.equal(await name.getAttribute('aria-invalid'), null);
  assert.equal(await row.getByTestId('attribute-name-error').count(), 0);
  assert.equal(await page.getByTestId('stale').count(), 0);
  assert.match(await page.getByTestId('problem-count').textContent(), /Valid scenario/);
  assert.equal(JSON.parse(await jsonText(page)).saml.attributes.jobTitle, 'Account Executive');
  // A number of sign-ins that is not a number: marked on its field, the outcome out of date.
  await page.getByTestId('mode-form').click();
  const signIns = page.locator('#saml-sign-ins');
  await signIns.fill('-1');
  assert.equal(await signIns.inputValue(), '-1');
  assert.equal(await signIns.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#saml-sign-ins-error').textContent(), /“-1” cannot be used: type a whole number, from 1 to 20/);
  await page.getByTestId('stale').waitFor();
  await signIns.fill('2');
  await page.getByTestId('stale').waitFor({ state: 'detached' });
  assert.equal(await signIns.getAttribute('aria-invalid'), null);
  assert.equal(JSON.parse(await jsonText(page)).saml.sign_ins, 2);
  await assertClean(assert, session);
});

test('editing a rule in the form changes the outcome as you type', async () => {
  const session = await open(browser, '#/saml');
  const { page } = session;
  await decision(page).waitFor();
  assert.equal(await decision(page).getAttribute('data-signed-in'), 'true');
  assert.equal(await page.locator('[data-testid="changes"] tr[data-field="/license"] td.after').textContent(), 'licensed');
  // License Assignment rule #2 (memberOf contains zoom-licensed → licensed): its result becomes Basic.
  await page.locator('#rule-0-1-result').selectOption('basic');
  assert.match(await page.locator('[data-testid="changes"] tr[data-field="/license"] td.after').textContent(), /^basic/);
  // Rule #1 (→ None) now matches the user's `sales-emea` group: the sign-in is refused.
  await page.locator('#rule-0-0-value').fill('sales');
  assert.equal(await decision(page).getAttribute('data-signed-in'), 'false');
  assert.match(await decision(page).textContent(), /Refused by SAML-11/);
  assert.equal(await page.getByTestId('trace-1-license-rule-0').getAttribute('data-status'), 'matched');
  assert.equal(await page.getByTestId('trace-1-license-rule-1').getAttribute('data-status'), 'not_reached');
  // Moving rule #2 above it: the first match is now the Basic rule, and the user signs in again.
  await page.getByRole('button', { name: 'Move rule #2 of License Assignment up' }).click();
  assert.equal(await decision(page).getAttribute('data-signed-in'), 'true');
  assert.equal(await page.getByTestId('trace-1-license-rule-0').getAttribute('data-status'), 'matched');
  // The JSON is the same scenario.
  const text = await jsonText(page);
  assert.ok(text.indexOf('"zoom-licensed"') < text.indexOf('"sales"'), 'the moved rule is first in the JSON');
  await assertClean(assert, session);
});

test('export then import gives back the same scenario, byte for byte', async () => {
  const session = await open(browser, '#/saml');
  const { page } = session;
  await page.locator('#rule-0-1-result').selectOption('on_prem');
  await page.locator('#scenario-title').fill('Round trip');
  const before = await jsonText(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('saml-export').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'provisim-round-trip.json');
  const file = await download.path();
  const exported = readFileSync(file, 'utf8');
  assert.equal(exported, before);
  assert.equal(JSON.parse(exported).provisim, 1);
  // Change the scenario, then import the file: the exported scenario is back, outcome included.
  await page.getByTestId('mode-form').click();
  await page.locator('#scenario-title').fill('Changed after the export');
  await page.locator('#rule-0-1-result').selectOption('licensed');
  assert.notEqual(await jsonText(page), before);
  await page.getByTestId('saml-import').setInputFiles(file);
  await page.getByTestId('saml-status').getByText('Imported').waitFor();
  assert.equal(await jsonText(page), before);
  assert.match(await page.locator('[data-testid="changes"] tr[data-field="/license"] td.after').textContent(), /^on_prem/);
  // A file that is not JSON is imported as text, with its problem shown, and nothing breaks.
  await page.getByTestId('saml-import').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('not json') });
  await page.getByTestId('saml-status').getByText('with problems').waitFor();
  assert.match(await page.getByTestId('problem-count').textContent(), /1 problem/);
  await page.getByTestId('switch-back').click();
  assert.equal(await jsonText(page), before);
  await assertClean(assert, session);
});

test('a share link opened in a fresh browser restores the same scenario', async () => {
  const session = await open(browser, '#/saml');
  const { page } = session;
  await page.locator('#scenario-title').fill('Shared with the help desk');
  await page.locator('#rule-0-0-value').fill('sales');
  const text = await jsonText(page);
  await page.getByTestId('saml-share').click();
  const link = await page.getByTestId('saml-share-link').inputValue();
  assert.match(link, /#\/saml\?s=1\.[A-Za-z0-9_-]+$/);
  // The link box has focus, so that the link can be copied at once.
  await settleFocus(page, 'saml-share-link');
  assert.equal((await focused(page)).testid, 'saml-share-link');

  const fresh = await open(browser, link);
  const other = fresh.page;
  assert.equal(await decision(other).getAttribute('data-signed-in'), 'false');
  assert.equal(await jsonText(other), text);
  // The payload is dropped from the address once open: a reload keeps later edits instead.
  assert.match(other.url(), /#\/saml$/);
  await assertClean(assert, fresh);

  // A damaged link says so and leaves the page working.
  const broken = await open(browser, link.slice(0, -12));
  await broken.page.getByTestId('shell-notice').getByText('could not be opened').waitFor();
  await decision(broken.page).waitFor();
  await assertClean(assert, broken);
  await assertClean(assert, session);
});

test('a reload keeps the scenario (autosave) and the outcome', async () => {
  const session = await open(browser, '#/saml');
  const { page } = session;
  await page.locator('#scenario-title').fill('Kept across reloads');
  await page.locator('#rule-0-0-value').fill('sales');
  assert.equal(await decision(page).getAttribute('data-signed-in'), 'false');
  const text = await jsonText(page);
  await page.reload();
  await decision(page).waitFor();
  assert.equal(await decision(page).getAttribute('data-signed-in'), 'false');
  assert.equal(await page.locator('#scenario-title').inputValue(), 'Kept across reloads');
  assert.equal(await jsonText(page), text);
  // Malformed text is kept too: a reload never loses what was typed.
  const broken = text.replace('"Kept across reloads"', '"Kept across reloads",,');
  await page.getByTestId('scenario-json').fill(broken);
  await page.reload();
  assert.equal(await jsonText(page), broken);
  assert.match(await page.getByTestId('problem-count').textContent(), /1 problem/);
  await assertClean(assert, session);
});

test('malformed JSON shows its error at the right line, and the page keeps working', async () => {
  const session = await open(browser, '#/saml');
  const { page } = session;
  const text = await jsonText(page);
  const editor = page.getByTestId('scenario-json');

  // A syntax error: a missing comma after the NameID.
  const line = lineOf(text, '"name_id"');
  await editor.fill(text.replace('"ana@example.com",', '"ana@example.com"'));
  const location = page.getByTestId('problem-location');
  // serde reports the error where the next member starts, on the line after the NameID.
  assert.match(await location.textContent(), new RegExp(`^Line ${line + 1}, column \\d+$`));
  assert.equal(await page.locator('#json-problems li').getAttribute('data-line'), String(line + 1));
  assert.equal(await page.locator('.gutter span.bad').textContent(), `▸${line + 1}`);
  assert.equal(await editor.getAttribute('aria-invalid'), 'true');
  // The outcome stays, marked out of date; the form is locked with the reason.
  await page.getByTestId('stale').waitFor();
  assert.equal(await decision(page).getAttribute('data-signed-in'), 'true');
  // The location button puts the caret on that line.
  await location.click();
  const caret = await editor.evaluate((t) => t.value.slice(0, t.selectionStart).split('\n').length);
  assert.equal(caret, line + 1);
  await page.getByTestId('mode-form').click();
  assert.match(await page.getByTestId('form-malformed').textContent(), new RegExp(`line ${line + 1}`));
  assert.equal(await page.locator('fieldset.form-body').evaluate((f) => f.disabled), true);

  // A validation error: valid JSON, a result that is not a license type, located at its line.
  const resultLine = lineOf(text, '"zoom-licensed", "result": "licensed"');
  await page.getByTestId('mode-json').click();
  await editor.fill(text.replace('"result": "licensed"', '"result": "superlicensed"'));
  assert.match(await location.first().textContent(), new RegExp(`^Line ${resultLine}\\b`));
  assert.match(await page.locator('#json-problems').textContent(), /superlicensed/);
  assert.match(await page.locator('#json-problems').textContent(), /licensed/);

  // Fixed: the outcome is fresh again and follows the text.
  await editor.fill(text.replace('"result": "licensed"', '"result": "none"'));
  assert.match(await page.getByTestId('problem-count').textContent(), /Valid scenario/);
  assert.equal(await page.getByTestId('stale').count(), 0);
  assert.equal(await decision(page).getAttribute('data-signed-in'), 'false');
  await page.getByTestId('mode-form').click();
  assert.equal(await page.locator('fieldset.form-body').evaluate((f) => f.disabled), false);
  assert.equal(await page.locator('#rule-0-1-result').inputValue(), 'none');
  await assertClean(assert, session);
});

test('keyboard only: reach the workbench, edit, reorder, add and remove rules, read a rule and the trace', async () => {
  const session = await open(browser, '#/seats');
  const { page } = session;
  await page.getByTestId('seats-result').waitFor();
  // The first Tab reaches the skip link; the navigation follows.
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, 'Skip to the workbench');
  await tabTo(page, '[data-testid="nav-saml"]');
  assert.ok((await focused(page)).ring, 'the focused link shows its focus ring');
  await page.keyboard.press('Enter');
  await page.waitForURL(/#\/saml$/);
  await decision(page).waitFor();

  // The result of License Assignment rule #2, changed with the arrow keys: licensed → basic.
  await tabTo(page, '#rule-0-1-result');
  assert.ok((await focused(page)).ring, 'the focused select shows its focus ring');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.locator('#rule-0-1-result').inputValue(), 'basic');
  assert.match(await page.locator('[data-testid="changes"] tr[data-field="/license"] td.after').textContent(), /^basic/);

  // Rule #2 moved above rule #1 with Enter: focus follows the rule to its new place.
  await tabTo(page, '#rule-0-1-up');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'rule-0-0-down');
  assert.equal(await page.locator('#rule-0-0-value').inputValue(), 'zoom-licensed');

  // A new rule, added with Enter: focus lands in its value, ready to type.
  await tabTo(page, '#section-0-add-rule');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'rule-0-2-value');
  await page.keyboard.type('sales');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).id, 'rule-0-2-result');
  // Its result starts as the first of the list (basic, licensed, on_prem, none): three steps down.
  for (let n = 0; n < 3; n += 1) await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('#rule-0-2-result').inputValue(), 'none');
  // Rule #3 is never reached (rule #1 matches first): still signed in.
  assert.equal(await decision(page).getAttribute('data-signed-in'), 'true');
  assert.equal(await page.getByTestId('trace-1-license-rule-2').getAttribute('data-status'), 'not_reached');

  // Removing rule #1 with Enter makes the new None rule decide: refused. Focus stays on a Remove.
  await tabTo(page, '#rule-0-0-remove');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'rule-0-0-remove');
  assert.equal(await decision(page).getAttribute('data-signed-in'), 'false');

  // A rule ID opens the rule's text with Enter; Escape closes it and focus goes back to the ID.
  await tabTo(page, '[data-testid="decision-1"] button.rule-id');
  assert.ok((await focused(page)).ring, 'the focused rule ID shows its focus ring');
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('rule-dialog');
  assert.equal(await dialog.evaluate((d) => d.open), true);
  assert.match(await page.getByTestId('rule-text').textContent(), /None/);
  await page.keyboard.press('Escape');
  assert.equal(await dialog.evaluate((d) => d.open), false);
  assert.equal(await page.evaluate(() => document.activeElement?.matches('[data-testid="decision-1"] button.rule-id')), true);

  // The trace: a section closed by default (not reached) opens with Enter on its summary.
  const role = page.getByTestId('trace-1-user_role');
  assert.equal(await role.evaluate((d) => d.open), false);
  await tabTo(page, '[data-testid="trace-1-user_role"] > summary');
  assert.ok((await focused(page)).ring, 'the focused summary shows its focus ring');
  await page.keyboard.press('Enter');
  assert.equal(await role.evaluate((d) => d.open), true);

  // Every edit was autosaved as the scenario's JSON.
  // Autosave goes through gloo-storage, which keeps the scenario's text as a JSON string.
  const saved = JSON.parse(JSON.parse(await page.evaluate(() => localStorage.getItem('provisim.saml.scenario'))));
  assert.deepEqual(saved.sso.advanced[0].rules.map((r) => [r.value, r.result]), [['contractors', 'none'], ['sales', 'none']]);
  await assertClean(assert, session);
});

test('screenshots of the workbench: a refused sign-in, and the JSON editor with an error', async () => {
  const session = await open(browser, '#/examples');
  const { page } = session;
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.getByTestId('open-saml-11').click();
  await decision(page).waitFor();
  await screenshot(page, 'saml', { fullPage: false });
  await screenshot(page, 'saml-full');
  const text = await jsonText(page);
  await page.getByTestId('scenario-json').fill(text.replace('"staff"', '"staff",,'));
  await page.getByTestId('problem-location').waitFor();
  await screenshot(page, 'saml-json-error');
  await page.getByTestId('nav-examples').click();
  await screenshot(page, 'examples');
  await assertClean(assert, session);
});

test('work autosaved before autosave went through gloo-storage (plain text, not a JSON string) is read, then saved in the new form', async () => {
  const scenario = JSON.stringify({ provisim: 1, title: 'Saved before the update', user: { email: 'old@example.com' },
    saml: { name_id: 'old@example.com', attributes: {} } });
  const session = await open(browser, '#/saml', {
    before: (context) => context.addInitScript((text) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('provisim.saml.scenario', text);
        sessionStorage.setItem('seeded', '1');
      }
    }, scenario),
  });
  const { page } = session;
  await decision(page).waitFor();
  assert.equal(JSON.parse(await jsonText(page)).title, 'Saved before the update');
  const stored = await page.evaluate(() => localStorage.getItem('provisim.saml.scenario'));
  assert.equal(JSON.parse(JSON.parse(stored)).title, 'Saved before the update');
  await assertClean(assert, session);
});

test('LIC-08: the outcome shows the note about the old WFM form of the scenario, as simulateSignIn gives it (issue 19)', async () => {
  const session = await open(browser, '#/saml');
  const { page } = session;
  await decision(page).waitFor();
  const corpus = JSON.parse(readFileSync(new URL('../../tests/scenarios/saml/lic-08-old-wfm-form-read.json', import.meta.url), 'utf8'));
  await page.getByTestId('mode-json').click();
  await page.getByTestId('scenario-json').fill(JSON.stringify(corpus.input, null, 2));
  const note = page.locator('[data-testid="scenario-warnings"] li[data-rule="LIC-08"]');
  await note.first().waitFor();
  assert.equal(await note.count(), 1);
  assert.match(await note.textContent(), /old place of Workforce Management/);
  await assertClean(assert, session);
});

test('"Skip to outcome" is reached within 3 presses of Tab on every workbench, shows when focused, and Enter focuses the outcome (issue 19)', async () => {
  for (const route of ['saml', 'seats', 'scim', 'csv', 'concurrency', 'batch']) {
    // From the start of a freshly opened page.
    const session = await open(browser, `#/${route}`);
    const { page } = session;
    await page.locator('#outcome').waitFor();
    const presses = await tabTo(page, '[data-testid="skip-to-outcome"]', 3);
    assert.ok(presses <= 3, `${route}: ${presses} presses`);
    assert.equal(await page.getByTestId('skip-to-outcome').textContent(), 'Skip to outcome');
    const box = await page.getByTestId('skip-to-outcome').boundingBox();
    assert.ok(box && box.y >= 0, `${route}: the focused link is on screen`);
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'outcome', route);
    await assertClean(assert, session);
    await session.context.close();
  }
});

test('on a wide screen the SAML outcome stays beside the form, in view, while the form scrolls (issue 19)', async () => {
  const session = await open(browser, '#/saml');
  const { page } = session;
  await page.setViewportSize({ width: 1280, height: 720 });
  await decision(page).waitFor();
  const panel = page.locator('.outcome-panel');
  assert.equal(await panel.evaluate((e) => getComputedStyle(e).position), 'sticky');
  const form = await page.locator('.editor-panel').boundingBox();
  const beside = await panel.boundingBox();
  assert.ok(beside.x > form.x + form.width - 1, 'the outcome is to the right of the form');
  // Scroll down through the form: the outcome's top stays within the window.
  await page.evaluate(() => window.scrollTo(0, 1200));
  const after = await panel.boundingBox();
  assert.ok(after.y >= 0 && after.y < 720, `the outcome's top is at ${after.y}`);
  await assertClean(assert, session);
});

test('the outcome names settings in words, not by their keys, and the rule dialog does not name a file (issue 19)', async () => {
  const session = await open(browser, '#/saml');
  const { page } = session;
  await decision(page).waitFor();
  const settings = page.getByTestId('settings-in-force');
  assert.match(await settings.textContent(), /Rule values match case-sensitively/);
  assert.match(await settings.textContent(), /WFM and QM can be assigned through SAML/);
  assert.doesNotMatch(await settings.textContent(), /case_sensitive|wfm_qm_through_saml|seed|\btrue\b|\bfalse\b/);
  await settings.getByRole('button', { name: 'SAML-03' }).first().click();
  assert.doesNotMatch(await page.getByTestId('rule-dialog').textContent(), /RULES\.md/);
  await page.keyboard.press('Escape');
  await assertClean(assert, session);
});

test('the gallery has at least three examples for each workbench but SAML\'s, and each opens with an outcome (issue 19)', async () => {
  const session = await open(browser, '#/examples');
  const { page } = session;
  const labels = { 'SCIM requests': 'scim', 'CSV upload': 'csv', Concurrency: 'concurrency', Batch: 'batch' };
  await page.locator('.cards > li').first().waitFor();
  const cards = await page.locator('.cards > li').evaluateAll((items) => items.map((li) => ({
    id: li.dataset.testid.replace(/^example-/, ''),
    eyebrow: li.querySelector('.eyebrow')?.textContent ?? '',
    lesson: li.querySelector('article > p:not(.eyebrow)')?.textContent ?? '',
  })));
  for (const [label, route] of Object.entries(labels)) {
    const own = cards.filter((c) => c.eyebrow === label);
    assert.ok(own.length >= 3, `${route}: ${own.length} examples`);
    for (const card of own) {
      assert.ok(card.lesson.length > 20, `${card.id} says what the trap is`);
      await page.goto(new URL('#/examples', page.url()).href);
      await page.getByTestId(`open-${card.id}`).click();
      await page.waitForURL(new RegExp(`#/${route}$`));
      const outcome = route === 'batch' ? page.getByTestId('batch-decision') : page.locator('#outcome [data-testid="outcome"]');
      await assert.doesNotReject(outcome.first().waitFor(), `${card.id} opens with an outcome`);
      assert.equal(await page.locator('#outcome [data-testid="outcome-none"]').count(), 0, card.id);
    }
  }
  await assertClean(assert, session);
});
