// Opens one page of the built widget in Chromium and prints how it hydrated: console errors,
// performance marks, requests and (TRACE=1) every firstChild/nextSibling step the hydration
// takes after the first chart's summary. Usage: node bench/hydration-trace.mjs /konbini [/link-to-click].
// Written to compare the split and the unsplit build (docs/decisions.md, wasm split).
import { chromium } from 'playwright-core';
import { startServer, stop, workdir, freePort } from '../tests/e2e/server-process.mjs';
const port = await freePort();
const server = await startServer({ port, dir: workdir() });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
const reqs = [];
page.on('request', (r) => reqs.push(r.url().replace(`http://127.0.0.1:${port}`, '')));
page.on('console', async (m) => { const extra = await Promise.all(m.args().slice(1).map((a) => a.evaluate((n) => n && (n.outerHTML || n.nodeName + ':' + n.textContent)).catch(() => '?'))); console.log('console:', m.type(), m.text().slice(0, 200), extra.map((e) => String(e).slice(0, 300))); });
page.on('pageerror', (e) => console.log('pageerror:', e.message));
const path = process.argv[2] || '/';
if (process.env.TRACE) await page.addInitScript(() => {
  const desc = (n) => n ? (n.nodeType === 1 ? '<' + n.nodeName + (n.className && n.className.baseVal !== undefined ? '.' + n.className.baseVal : (n.className ? '.' + n.className : '')) + '>' : n.nodeType === 8 ? '<!>' : '#' + (n.textContent || '').slice(0, 12)) : 'null';
  for (const prop of ['firstChild', 'nextSibling', 'parentNode']) {
    const d = Object.getOwnPropertyDescriptor(Node.prototype, prop);
    Object.defineProperty(Node.prototype, prop, { get() { const r = d.get.call(this); if (window.__trace) window.__trace.push(prop + ' ' + desc(this) + ' -> ' + desc(r)); return r; } });
  }
  window.__trace = [];
});
await page.goto(`http://127.0.0.1:${port}${path}`);
await page.waitForFunction(() => document.documentElement.dataset.hydrated, null, { timeout: 20000 }).catch((e) => console.log('no hydrate', e.message));
if (process.env.TRACE) { const t = await page.evaluate(() => window.__trace); const i = t.findIndex((x) => x.includes('chart__summary')); console.log(t.slice(Math.max(0, i - 5), i + 40).join('\n')); }
console.log('marks', await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name).join(','))); console.log('hydrated=', await page.evaluate(() => document.documentElement.dataset.hydrated), 'h1=', await page.textContent('main h1'));
await page.waitForTimeout(3000);
console.log('requests before nav:', reqs.join(' '));
reqs.length = 0;
if (process.argv[3]) {
  await page.evaluate((h) => document.querySelector(`a[href="${h}"]`).click(), process.argv[3]);
  await page.waitForTimeout(1500);
  console.log('after nav h1=', await page.textContent('main h1'), 'url', page.url(), 'reqs', reqs.join(' '));
}
await browser.close();
await stop(server);
