// Starts the app from the files Trunk preloads: wasm-bindgen's glue (the `modulepreload` link) and
// the wasm module (the `preload` link). A file, not an inline script, so the page's
// Content-Security-Policy allows scripts from its own files only.
const glue = document.querySelector('link[rel="modulepreload"][href$=".js"]');
const wasm = document.querySelector('link[rel="preload"][href$=".wasm"]');

try {
  if (!glue || !wasm) throw new Error("the page does not name the app's files");
  const { default: init } = await import(glue.href);
  await init({ module_or_path: wasm.href });
} catch (error) {
  // Never a blank page: say what happened and what to do.
  console.error("provisim could not start:", error);
  const message = document.createElement("p");
  message.setAttribute("role", "alert");
  message.className = "app-failed";
  message.dataset.testid = "app-failed";
  message.textContent =
    "provisim could not start: its files did not arrive or this browser cannot run WebAssembly. " +
    "Check your connection and reload the page.";
  document.body.append(message);
}
