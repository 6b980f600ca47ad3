// Starts the app: wasm-bindgen's glue fetches the main module beside it and runs its `main`.
// (A file, not an inline script, so the Content-Security-Policy allows scripts from the page's own
// files only.)
import init from "./provisim-web.js";

// The files of each workbench loaded on demand, by route; `cargo xtask build` fills this in from
// the splitter's map. A page opened on one of them (a share link, an embed) fetches its files
// alongside the main module instead of after it.
const MODULES = {};

const route = new URLSearchParams(location.search).get("embed")
  ?? location.hash.replace(/^#\/?/, "").split(/[/?]/)[0];
for (const file of Object.hasOwn(MODULES, route) ? MODULES[route] : []) {
  const link = document.createElement("link");
  link.rel = "preload";
  link.as = "fetch";
  link.type = "application/wasm";
  link.crossOrigin = "anonymous";
  link.href = new URL(file, import.meta.url).href;
  document.head.append(link);
}

init();
