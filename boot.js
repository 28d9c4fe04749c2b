// Starts the wasm app. A static file rather than trunk's inline script, so the page's
// Content-Security-Policy can forbid inline scripts. trunk passes the file names in our URL;
// they sit beside this file.
const params = new URL(import.meta.url).searchParams;
const beside = (name) => new URL(name, import.meta.url).href;
const app = await import(beside(params.get('js')));
await app.default({ module_or_path: beside(params.get('wasm')) });
