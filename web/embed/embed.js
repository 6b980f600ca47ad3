// Renders the outcome of the inline scenario with provisim's JavaScript package (no Leptos app).
import init, { simulateSignIn, version } from './pkg/provisim_wasm.js';

const target = document.getElementById('provisim-outcome');

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

async function main() {
  await init({ module_or_path: new URL('./pkg/provisim_wasm_bg.wasm', import.meta.url) });
  const scenario = document.getElementById('provisim-scenario').textContent;
  const answer = simulateSignIn(scenario);
  target.replaceChildren();
  if (answer.type !== 'success') {
    target.append(element('h3', 'The scenario has errors', 'refused'));
    const list = element('ul');
    for (const e of answer.errors) list.append(element('li', `${e.path}: ${e.message}${e.help ? ` (${e.help})` : ''}`));
    target.append(list);
    return;
  }
  for (const signIn of answer.sign_ins) {
    const d = signIn.decision;
    target.append(element('h3', `${d.signed_in ? 'Signed in' : 'Refused'}: ${d.message} [${d.rule}]`, d.signed_in ? 'signed-in' : 'refused'));
    const sections = element('ul');
    for (const s of signIn.sections) sections.append(element('li', `${s.label}: ${s.status.replaceAll('_', ' ')} [${s.rule}] ${s.message}`));
    target.append(sections);
    target.append(element('p', signIn.changes.length === 0 ? 'Nothing changes.' : `${signIn.changes.length} field(s) change.`));
  }
  target.append(element('p', `provisim ${version()}`));
  target.dataset.ready = 'true';
}

main().catch((error) => {
  target.textContent = `provisim could not run: ${error}`;
});
