// Parse and render times for a large synthetic snapshot (10 fiscal years × 12 months × 5 wards
// × 6 counter sections) against the default snapshot, measured in the same run.
// Prints per route: time to rendered view (median of 3), longest main-thread task, and the
// ratio large / default, with pages rendered by widget-server. Needs `scripts/build-web.sh`,
// `cargo build -p server` and the release checker:
//   cargo build --release -p snapshot --features cli
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { startServer, stop, workdir, freePort, staticWithFixtures } from '../tests/e2e/server-process.mjs';
import { launch } from '../tests/e2e/pages.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Native parse + validation, through the checker (includes process start; same for both).
const checker = ROOT + 'target/release/snapshot-check';
const timeCheck = (file) => median([0, 1, 2, 3, 4].map(() => {
  const t = process.hrtime.bigint();
  execFileSync(checker, [file]);
  return Number(process.hrtime.bigint() - t) / 1e6;
}));
const files = { default: ROOT + 'public/data/snapshots/2023-12.json', large: ROOT + 'tests/fixtures/large/snapshots/large-test.json' };
console.log('native parse + validate (snapshot-check, median of 5)');
for (const [name, f] of Object.entries(files)) console.log(`  ${name.padEnd(8)} ${(statSync(f).size / 1024).toFixed(0).padStart(5)} KiB  ${timeCheck(f).toFixed(1)} ms`);

const port = await freePort();
const server = await startServer({ port, dir: workdir(), staticDir: staticWithFixtures() });
const base = `http://127.0.0.1:${port}`;
const browser = await launch();
const data = { default: '', large: 'data=/fixtures/large/index.json' };
const routes = ['/', '/indicators', '/counter', '/konbini', '/staff'];

async function measure(route, query) {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.addInitScript(() => {
    window.__longest = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
      .observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${base}${route}${query ? '?' + query : ''}`);
  await page.waitForSelector('main h2, main figure', { timeout: 20000 });
  const shown = await page.evaluate(() => performance.now());
  const longest = await page.evaluate(() => window.__longest);
  await page.close();
  return { shown, longest };
}

console.log('\nbrowser, phone viewport, no throttling (median of 3): time to view / longest task');
console.log(`  ${'route'.padEnd(12)} ${'default'.padStart(18)} ${'large'.padStart(18)}  ratio`);
for (const route of routes) {
  const r = {};
  for (const [name, q] of Object.entries(data)) {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await measure(route, q));
    r[name] = { shown: median(runs.map((x) => x.shown)), longest: median(runs.map((x) => x.longest)) };
  }
  const fmt = (x) => `${x.shown.toFixed(0)} ms / ${x.longest.toFixed(0)} ms`.padStart(18);
  console.log(`  ${route.padEnd(12)} ${fmt(r.default)} ${fmt(r.large)}  ${(r.large.shown / r.default.shown).toFixed(2)}`);
}
await browser.close();
await stop(server);
