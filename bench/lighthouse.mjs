// Lighthouse (mobile, default simulated throttling), median of RUNS (default 5), for the app's
// home and for a static copy of the same page (the server's HTML without the app), measured in
// the same run against the real server (release build, precompressed files). Prints Performance,
// LCP, TBT, CLS, Accessibility, Best Practices, SEO and LCP(app)/LCP(static); then, under real
// throttling (Chromium's own: 150 ms RTT, 1.6 Mbit/s, CPU 4×, cold cache, 412×823), the time to
// the first headline figure and LCP for both, and their ratio (target ≤ 1.2).
// Needs: scripts/build-web.sh, scripts/precompress.sh, cargo build --release -p server.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { startServer, stop, workdir, freePort } from '../tests/e2e/server-process.mjs';
import { launch } from '../tests/e2e/pages.mjs';
import { medianRun, median } from './lighthouse-run.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const RUNS = Number(process.env.RUNS || 5);
const snap = JSON.parse(readFileSync(ROOT + 'public/data/snapshots/2023-12.json', 'utf8'));
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
const UNITS = { percent: '%', ratio_percent: '%', cases: '件', days: '日', hundred_million_yen: '億円' };
const q = (v, u) => `${v.toLocaleString('ja-JP', { maximumFractionDigits: 3 })}${UNITS[u]}`;
const fy = (y) => `令和${y - 2018}年度（${y}年度）`;

// The baseline: a static copy of the same page — the server's HTML for `/` without the app
// (no boot script, no wasm, no data), so only the app's own cost is compared.
async function staticHome(port) {
  const html = await (await fetch(`http://127.0.0.1:${port}/`)).text();
  return html
    .replace(/<link rel="modulepreload"[^>]*>\n?/, '')
    .replace(/<link rel="preload"[^>]*>\n?/, '')
    .replace(/<script type="module"[^>]*><\/script>\n?/, '')
    .replace(/<script type="application\/json"[\s\S]*?<\/script>/, '');
}


// The same pages under real throttling (Chromium's own: 150 ms round trip, 1.6 Mbit/s, CPU 4×,
// cold cache), as a phone on a slow network meets them: the browser's own LCP, and for the app the
// time until the figures are on screen. Lighthouse's default instead simulates the throttling
// from an unthrottled load, and counts every request started before the LCP paint against it.
async function throttled(url, waitFor) {
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
    const page = await context.newPage();
    await page.addInitScript((selector) => {
      window.lcp = 0;
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.lcp = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
      // The first headline figure on screen: the first frame after it is in the document.
      const seen = () => {
        if (window.figureAt || !document.querySelector(selector)) return;
        window.figureAt = -1;
        requestAnimationFrame(() => requestAnimationFrame(() => { window.figureAt = performance.now(); }));
      };
      new MutationObserver(seen).observe(document, { childList: true, subtree: true });
      document.addEventListener('DOMContentLoaded', seen);
    }, waitFor);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(url);
    await page.waitForFunction(() => window.figureAt > 0, null, { timeout: 60000 });
    await page.waitForTimeout(300);
    return await page.evaluate(() => ({ lcp: window.lcp, figure: window.figureAt }));
  } finally {
    await browser.close();
  }
}
const port = await freePort();
const server = await startServer({ port, dir: workdir(), binary: ROOT + 'target/release/widget-server' });
const results = {};
try {
  writeFileSync(ROOT + 'dist/bench-static.html', await staticHome(port));
  // Served precompressed, as the app's own files are.
  spawnSync('brotli', ['-q', '11', '-f', '-k', ROOT + 'dist/bench-static.html']);
  spawnSync('gzip', ['-9', '-f', '-k', '-n', ROOT + 'dist/bench-static.html']);
  for (const [name, path] of [['app', '/'], ['static', '/bench-static.html']]) {
    results[name] = await medianRun(`http://127.0.0.1:${port}${path}`, RUNS, name);
  }
  for (const [name, path] of [['app', '/'], ['static', '/bench-static.html']]) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await throttled(`http://127.0.0.1:${port}${path}`, '[data-indicator] .figure'));
    results[name].realLcp = median(runs.map((r) => r.lcp));
    results[name].realFigure = median(runs.map((r) => r.figure));
  }
} finally {
  await stop(server);
  for (const ext of ['', '.br', '.gz']) rmSync(ROOT + 'dist/bench-static.html' + ext, { force: true });
}
console.log(`Lighthouse mobile, median of ${RUNS} runs`);
console.log('page     Perf   LCP ms   TBT ms    CLS   A11y  BestPr   SEO');
for (const [name, r] of Object.entries(results)) {
  console.log(`${name.padEnd(8)} ${String(r.performance).padStart(4)} ${r.lcp.toFixed(0).padStart(8)} ${r.tbt.toFixed(0).padStart(8)} ${r.cls.toFixed(3).padStart(6)} ${String(r.accessibility).padStart(6)} ${String(r.bestPractices).padStart(7)} ${String(r.seo).padStart(5)}`);
}
console.log(`LCP(app) / LCP(static) = ${(results.app.lcp / results.static.lcp).toFixed(2)} (target ≤ 1.2; Performance target ≥ 98)`);
console.log(`\nReal throttling (150 ms RTT, 1.6 Mbit/s, CPU 4×, cold cache, 412×823), median of ${RUNS} runs`);
console.log('page       LCP ms   first headline figure ms');
for (const [name, r] of Object.entries(results)) console.log(`${name.padEnd(8)} ${r.realLcp.toFixed(0).padStart(8)} ${r.realFigure.toFixed(0).padStart(26)}`);
console.log(`first figure(app) / first figure(static) = ${(results.app.realFigure / results.static.realFigure).toFixed(2)} (target ≤ 1.2)`);
console.log(`LCP(app) / LCP(static) = ${(results.app.realLcp / results.static.realLcp).toFixed(2)}`);
