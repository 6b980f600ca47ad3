// End-to-end: the configuration checks beside the editor (issue 17). In the SAML workbench, the
// documented trap of a `None` rule after a broader one (SAML-11) is found as the rules are typed,
// with what to do; its line opens the JSON editor there; fixing the order clears it. The
// two-part workbenches (here SCIM) show their checks too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, screenshot, assertClean } from './harness.mjs';

const TRAP = {
  provisim: 1,
  sso: { advanced: [{ section: 'license', rules: [
    { attribute: 'department', value: 'Sales', result: 'licensed' },
    { attribute: 'department', value: 'Sales Contractor', result: 'none' },
  ] }] },
  saml: { name_id: 'ana@example.com', attributes: { department: 'Sales Contractor' } },
};

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('SAML-11: a None rule shadowed by a broader one is found before any sign-in, located, and gone once the order is fixed', async () => {
  const session = await open(browser, '#/saml');
  const { page } = session;
  await page.getByTestId('mode-json').click();
  await page.getByTestId('scenario-json').fill(JSON.stringify(TRAP, null, 2));
  const finding = page.locator('[data-testid="finding"][data-rule="SAML-11"]');
  await finding.waitFor();
  assert.equal(await finding.getAttribute('data-severity'), 'error');
  assert.match(await finding.textContent(), /To fix:/);
  assert.match(await page.getByTestId('findings-summary').textContent(), /1 trap/);

  // Its line: the JSON editor selects the second rule of the section.
  await page.getByTestId('mode-form').click();
  await finding.getByTestId('finding-location').click();
  await page.waitForFunction(() => document.activeElement?.id === 'scenario-json');
  const selected = await page.evaluate(() => {
    const a = document.activeElement;
    return a.value.slice(a.selectionStart, a.selectionEnd);
  });
  const line = (await finding.getByTestId('finding-location').textContent()).replace('Line ', '');
  const text = await page.getByTestId('scenario-json').inputValue();
  assert.equal(selected, text.split('\n')[Number(line) - 1], 'the finding\'s line is selected');
  assert.match(selected, /\{|"Sales Contractor"|"attribute"/);
  await screenshot(page, 'findings-saml', { fullPage: false });

  // Without the shadowed None rule there is nothing to find.
  const fixed = structuredClone(TRAP);
  fixed.sso.advanced[0].rules.pop();
  await page.getByTestId('scenario-json').fill(JSON.stringify(fixed, null, 2));
  await page.waitForFunction(() => !document.querySelector('[data-testid="finding"][data-rule="SAML-11"]'));
  await assertClean(assert, session);
});

test('the SCIM workbench checks its scenario as well, and says when it finds nothing', async () => {
  const session = await open(browser, '#/scim');
  const { page } = session;
  await page.getByTestId('findings').waitFor();
  assert.match(await page.getByTestId('findings-summary').textContent(), /No traps found|Checked before any sign-in/);
  await assertClean(assert, session);
});
