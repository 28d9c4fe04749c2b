// Issues 12 and 21's budgets, as a browser meets them: what a first visit downloads (bytes on
// the wire, as served: compressed, with headers), per kind of file, until the page is live (a
// reading screen's read.js has run, the app has taken over the form or the kiosk, an embedded
// card's height script runs) and until the network is idle, and apart from those, what the
// service worker fetches ahead of need; and the longest main-thread task from navigation to idle,
// with the default snapshot and with the large synthetic one. Prints figures and the budgets beside
// them; never fails (the machine is noisy: compare within one run).
// Needs: scripts/build-web.sh, scripts/precompress.sh, cargo build --release -p server
// (WIDGET_SERVER=target/release/widget-server to use it; the debug server serves the same bytes).
import { startServer, stop, workdir, freePort, staticWithFixtures, READING_PAGES } from '../tests/e2e/server-process.mjs';
import { launch } from '../tests/e2e/pages.mjs';

const RUNS = Number(process.env.RUNS || 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

const port = await freePort();
const server = await startServer({ port, dir: workdir(), staticDir: staticWithFixtures() });
const base = `http://127.0.0.1:${port}`;
const browser = await launch();

const kindOf = (url, type) => {
  const path = new URL(url).pathname;
  if (path.endsWith('.wasm')) return 'wasm';
  if (path.endsWith('.js')) return 'js';
  if (path.endsWith('.css')) return 'css';
  if (path.endsWith('.json')) return 'data';
  if (type === 'Document') return 'html';
  return 'other';
};

/** One cold visit (fresh context, service worker allowed as a citizen's browser would have it). */
async function visit(address) {
  // `#write`: then begins to write (the form's app starts on the first focus, issue 36).
  const write = address.endsWith('#write');
  const path = address.replace(/#write$/, '');
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const requests = new Map();
  // The service worker's own downloads (every screen's chunk, ahead of need): not the page's
  // requests, so counted apart.
  let worker = 0;
  context.on('requestfinished', async (r) => {
    if (!r.serviceWorker()) return;
    const sizes = await r.sizes().catch(() => null);
    if (sizes) worker += sizes.responseBodySize + sizes.responseHeadersSize;
  });
  let hydratedAt = Infinity;
  cdp.on('Network.requestWillBeSent', (e) => requests.set(e.requestId, { url: e.request.url, type: e.type, start: Date.now(), bytes: 0 }));
  cdp.on('Network.responseReceived', (e) => { const r = requests.get(e.requestId); if (r) r.type = e.type; });
  cdp.on('Network.loadingFinished', (e) => { const r = requests.get(e.requestId); if (r) r.bytes = e.encodedDataLength; });
  await page.addInitScript(() => {
    window.__longest = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
      .observe({ type: 'longtask', buffered: true });
  });
  await page.goto(base + path, { waitUntil: 'load' });
  // The page's script has run: the app where it starts, read.js on a reading screen, card.js in an embed.
  await page.waitForFunction(() => ['hydrated', 'readerReady', 'cardReady'].some((k) => document.documentElement.dataset[k] === 'true'), null, { timeout: 30000 });
  if (write) {
    await page.waitForLoadState('networkidle');
    await page.focus('#message');
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', null, { timeout: 30000 });
  }
  hydratedAt = Date.now();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  const longest = await page.evaluate(() => window.__longest);
  await context.close();
  const sum = (pick) => {
    const by = {};
    for (const r of requests.values()) if (pick(r)) by[kindOf(r.url, r.type)] = (by[kindOf(r.url, r.type)] || 0) + r.bytes;
    return by;
  };
  return { untilHydrated: sum((r) => r.start <= hydratedAt), untilIdle: sum(() => true), worker, longest };
}

const total = (by) => Object.values(by).reduce((a, b) => a + b, 0);
// Reading screens start no app (issue 21): ≤ 30 KiB for the home page, ≤ 40 KiB for the others,
// and the feedback form until one writes (issue 36). Where the app runs (the form once writing,
// the kiosk) its figure is printed with no budget of its own.
const pages = [
  ['/ (home)', '/', 30],
  ...READING_PAGES.filter((p) => p !== '/').map((p) => [p, p, 40]),
  ['embedded card', '/?embed=1&card=konbini-yearly', 60],
  // Usable as the server's form with form.js; its app comes with the first focus (issue 36).
  ['feedback form, read', '/feedback', 40],
  ['feedback form, once writing (app)', '/feedback#write', null],
  ['kiosk (app)', '/?mode=kiosk', null],
];
const WORKER_BUDGET = 120; // KiB fetched ahead of need by a reader's worker (none with Save-Data: sw.js)
console.log(`downloads on a first visit (bytes on the wire, median of ${RUNS}; phone viewport, no throttling)`);
for (const [name, path, budget] of pages) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await visit(path));
  const pick = runs.find((r) => total(r.untilIdle) === median(runs.map((x) => total(x.untilIdle)))) || runs[0];
  const kinds = ['html', 'css', 'js', 'wasm', 'data', 'other'].filter((k) => pick.untilIdle[k]);
  console.log(`  ${name} ${path.replace('#write', '')}`);
  console.log(`    by kind (until idle): ${kinds.map((k) => `${k} ${kb(pick.untilIdle[k])}`).join(', ')}`);
  // Once writing, the app's files pass through the worker, which keeps them as first used.
  const workerNote = path.includes('mode=kiosk') ? 'a kiosk keeps the whole app' : path.endsWith('#write') ? `the app, asked for by the page: page and worker together ${kb(total(pick.untilIdle) + pick.worker)}` : `budget ${WORKER_BUDGET} KiB: ${pick.worker <= WORKER_BUDGET * 1024 ? 'within' : 'OVER'}`;
  console.log(`    the service worker then fetches ${kb(pick.worker)} ahead of need (${workerNote}; not the page's download)`);
  const verdict = budget === null ? 'no budget of its own' : `budget ${budget} KiB: ${total(pick.untilIdle) <= budget * 1024 ? 'within' : 'OVER by ' + kb(total(pick.untilIdle) - budget * 1024)}`;
  console.log(`    until live ${kb(total(pick.untilHydrated))}; until network idle ${kb(total(pick.untilIdle))}  (${verdict})`);
}

console.log(`\nlongest main-thread task, navigation to idle (median of ${RUNS}; budget 50 ms)`);
for (const [name, path] of [['default snapshot', '/'], ['large snapshot', '/?data=/fixtures/large/index.json'], ['large, /counter', '/counter?data=/fixtures/large/index.json'], ['feedback, read', '/feedback'], ['feedback, writing (app)', '/feedback#write'], ['kiosk (app)', '/?mode=kiosk'], ['kiosk, /counter', '/counter?mode=kiosk&data=/fixtures/large/index.json']]) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push((await visit(path)).longest);
  const m = median(runs);
  console.log(`  ${name.padEnd(20)} ${m.toFixed(0).padStart(4)} ms  (${m <= 50 ? 'within' : 'over'}; runs ${runs.map((x) => x.toFixed(0)).join(', ')})`);
}
console.log('\nLighthouse mobile Performance (budget ≥ 98): node bench/lighthouse.mjs');
await browser.close();
await stop(server);
