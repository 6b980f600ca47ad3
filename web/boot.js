// Starts the app: wasm-bindgen's glue fetches the main module beside it and runs its `main`.
// (A file, not an inline script, so the Content-Security-Policy allows scripts from the page's own files only.)
import init from "./provisim-web.js";

init();
