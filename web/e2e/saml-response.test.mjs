// End-to-end: the SAML workbench's "SAML Response" tab (issue 15). A Response pasted as base64
// with CRLF line breaks (as Okta's POST binding sends it) is read in the page: the table shows what
// Zoom receives, the scenario signs in with it and the outcome shows it again; a SAML-tracer export
// opened as a file offers its Responses; an encrypted assertion and text that is no Response are
// said so, without changing the sign-in; the Response can become an attribute map for the form.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, open, screenshot, assertClean } from './harness.mjs';

const corpus = (name) => JSON.parse(readFileSync(new URL(`../../tests/scenarios/saml/${name}.json`, import.meta.url)));
const OKTA = corpus('saml-response-okta-base64-crlf').input;
const TRACER = corpus('saml-response-tracer-export-two-sign-ins').input.saml.sign_ins[0].response;
const ENCRYPTED = corpus('saml-response-encrypted-assertion').input.saml.response;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function jsonText(page) {
  await page.getByTestId('mode-json').click();
  const text = await page.getByTestId('scenario-json').inputValue();
  await page.getByTestId('mode-response').click();
  return JSON.parse(text);
}

test('SAML-01, SAML-03: a pasted Okta Response (base64, CRLF) is read in the page, shown as Zoom receives it, and signs in', async () => {
  const session = await open(browser, '#/saml');
  const { page } = session;
  // Start from the Okta case's account and rules, with an attribute-map sign-in.
  await page.getByTestId('mode-json').click();
  const scenario = { ...OKTA, saml: { name_id: 'someone@example.com', attributes: {} } };
  await page.getByTestId('scenario-json').fill(JSON.stringify(scenario, null, 2));
  await page.getByTestId('mode-response').click();
  await page.getByTestId('saml-response-none').waitFor();

  await page.getByTestId('saml-response-input').fill(OKTA.saml.response);
  const table = page.getByTestId('saml-response-editor').getByTestId('saml-received-attributes');
  await table.waitFor();
  const rows = await table.locator('tbody tr').allTextContents();
  assert.ok(rows.some((r) => r.includes('groups') && r.includes('zoom-licensed') && r.includes('sales-emea')), `${rows}`);
  const facts = await page.getByTestId('saml-response-editor').getByTestId('saml-received').locator('dl').textContent();
  assert.match(facts, /base64/);
  assert.match(facts, /http:\/\/www\.okta\.com\/exk1fcia6d6EMsf331d8/);
  assert.match(facts, /does not verify signatures/);

  // The scenario now signs in with the Response, and the outcome shows what Zoom received.
  const saved = await jsonText(page);
  // A text area gives its value with LF line breaks (the HTML standard): base64 reads the same.
  assert.equal(saved.saml.response, OKTA.saml.response.replace(/\r\n/g, '\n'));
  assert.equal(saved.saml.name_id, undefined);
  assert.equal(await page.getByTestId('decision-1').getAttribute('data-signed-in'), 'true');
  const received = page.getByTestId('received-1');
  await received.locator('summary').click();
  assert.match(await received.textContent(), /zoom-licensed/);
  await screenshot(page, 'saml-response');

  // The form says where the sign-in comes from instead of offering an empty attribute map.
  await page.getByTestId('mode-form').click();
  await page.getByTestId('assertion-is-response').waitFor();
  await assertClean(assert, session);
});

test('SAML-01: text that is no Response, and an encrypted assertion, are said so and leave the sign-in as it was', async () => {
  const session = await open(browser, '#/saml');
  const { page } = session;
  await page.getByTestId('mode-response').click();
  const before = await jsonText(page);
  await page.getByTestId('saml-response-input').fill('<html><body>not a Response</body></html>');
  const problem = page.getByTestId('saml-response-problem');
  await problem.locator('.field-error').waitFor();
  assert.match(await problem.textContent(), /cannot be read as a SAML Response/);
  assert.match(await problem.textContent(), /unchanged/);
  await page.getByTestId('saml-response-input').fill(ENCRYPTED);
  await page.waitForFunction(() => /decrypt/.test(document.querySelector('[data-testid="saml-response-problem"]')?.textContent ?? ''));
  assert.deepEqual(await jsonText(page), before, 'the scenario did not change');
  await assertClean(assert, session);
});

test('a SAML-tracer export opened as a file offers its Responses (the last by default), and the Response becomes an attribute map for the form', async () => {
  const session = await open(browser, '#/saml');
  const { page } = session;
  await page.getByTestId('mode-response').click();
  await page.getByTestId('saml-response-file').setInputFiles({ name: 'saml-tracer.json', mimeType: 'application/json', buffer: Buffer.from(TRACER) });
  await page.getByTestId('saml-response-status').getByText('Read saml-tracer.json').waitFor();
  const pick = page.getByTestId('saml-response-pick');
  const options = await pick.locator('option').allTextContents();
  assert.deepEqual(options, ['Response 1 of 2', 'Response 2 of 2 (the last)']);
  assert.equal(await pick.inputValue(), '1');
  const inEditor = '[data-testid="saml-response-editor"] [data-testid="saml-received-attributes"]';
  const last = await page.locator(inEditor).textContent();
  await pick.selectOption('0');
  await page.waitForFunction(([sel, t]) => document.querySelector(sel)?.textContent !== t, [inEditor, last]);
  assert.equal((await jsonText(page)).saml.response_index, 0);

  await page.getByTestId('saml-response-to-map').click();
  const map = await jsonText(page);
  assert.equal(map.saml.response, undefined);
  assert.ok(Object.keys(map.saml.attributes).length > 0, 'the attributes of the Response');
  await page.getByTestId('mode-form').click();
  assert.equal(await page.getByTestId('assertion-is-response').count(), 0);
  await assertClean(assert, session);
});
