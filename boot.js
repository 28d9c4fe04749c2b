// Starts the app on the server's HTML. A static file rather than an inline script, so the
// page's Content-Security-Policy can forbid inline scripts. The data the page was rendered
// from is in <script type="application/json" id="resolved-resources"> (never executed);
// Leptos reads it from these globals while it takes over the page.
const data = document.getElementById('resolved-resources');
// Each value is written as JSON; Leptos reads each as the string of its JSON.
window.__RESOLVED_RESOURCES = data ? JSON.parse(data.textContent).map((v) => (v === null ? undefined : JSON.stringify(v))) : [];
window.__SERIALIZED_ERRORS = [];
window.__INCOMPLETE_CHUNKS = [];
window.__PENDING_RESOURCES = [];
window.__RESOURCE_RESOLVERS = [];
const beside = (name) => new URL(name, import.meta.url).href;
// The server's page is complete: let it paint before the app downloads, so the figures never
// wait for the wasm (a hidden tab paints nothing, so it does not wait; nobody waits over 500 ms).
await new Promise((go) => {
  const painted = () => performance.getEntriesByName('first-contentful-paint').length > 0;
  if (document.visibilityState !== 'visible' || painted() || !('PerformanceObserver' in window)) return go();
  const timer = setTimeout(go, 500);
  new PerformanceObserver((_, observer) => {
    if (painted()) { observer.disconnect(); clearTimeout(timer); go(); }
  }).observe({ type: 'paint', buffered: true });
});
performance.mark('app-start');
const app = await import(beside('pkg/reform_widget.js'));
await app.default({ module_or_path: beside('pkg/reform_widget_bg.wasm') });
performance.mark('app-loaded');
// A break between starting the module and taking over the page: two shorter tasks instead of
// one long one, so a tap in between is answered sooner.
await new Promise((go) => setTimeout(go, 0));
try {
  // Downloads the shown screen's code (a chunk of its own), then takes over the page.
  await app.hydrate();
  performance.mark('app-hydrated');
} catch (error) {
  // The server's page stays: its links and forms work without the app.
  document.documentElement.dataset.hydrated = 'no';
  console.warn('reform-widget:', error);
}
// Repeat visits and offline reloads (public/sw.js). Checked for a new version on every visit. A
// kiosk's worker keeps the whole app ahead of need; a reader's keeps what is used.
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  const worker = document.documentElement.classList.contains('kiosk') ? '/sw.js?kiosk=1' : '/sw.js';
  navigator.serviceWorker.register(worker, { updateViaCache: 'none' }).catch(() => {});
}
