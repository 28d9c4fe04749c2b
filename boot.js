// Starts the wasm app. A static file rather than trunk's inline script, so the page's
// Content-Security-Policy can forbid inline scripts. trunk passes the file names in our URL;
// they sit beside this file.
const params = new URL(import.meta.url).searchParams;
const beside = (name) => new URL(name, import.meta.url).href;
// Let the static shell paint first (its home heading is the page's largest text), even when the
// wasm is already cached: the app then replaces it with the same text in the same place. The
// preload links in index.html keep the JS and wasm downloading meanwhile.
await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
const app = await import(beside(params.get('js')));
await app.default({ module_or_path: beside(params.get('wasm')) });
