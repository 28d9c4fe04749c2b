// Starts the wasm app. A static file rather than trunk's inline script, so the page's
// Content-Security-Policy can forbid inline scripts. trunk passes the file names in our URL;
// they sit beside this file.
const params = new URL(import.meta.url).searchParams;
const beside = (name) => new URL(name, import.meta.url).href;
// Let the static shell paint first (its home heading is the page's largest text), even when the
// wasm is already cached: the app then replaces it with the same text in the same place. The
// preload links in index.html keep the JS and wasm downloading meanwhile. A hidden tab paints
// nothing, so it does not wait; nor does anyone wait more than half a second.
await new Promise((go) => {
  const painted = () => performance.getEntriesByName('first-contentful-paint').length > 0;
  if (document.visibilityState !== 'visible' || painted() || !('PerformanceObserver' in window)) return go();
  const timer = setTimeout(go, 500);
  new PerformanceObserver((_, observer) => {
    if (painted()) { observer.disconnect(); clearTimeout(timer); go(); }
  }).observe({ type: 'paint', buffered: true });
});
const app = await import(beside(params.get('js')));
await app.default({ module_or_path: beside(params.get('wasm')) });
