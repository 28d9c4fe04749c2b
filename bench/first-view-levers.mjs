// Measures two of issue 12's levers before building them: how much of the stylesheet the first
// view of `/` uses (Chromium's CSS coverage), and how much of the snapshot data the page carries
// the home screen reads. Prints bytes (raw and brotli) for what is used and what is not.
import { brotliCompressSync, constants } from 'node:zlib';
import { launch } from '../tests/e2e/pages.mjs';
import { startServer, stop, workdir, freePort } from '../tests/e2e/server-process.mjs';

const br = (text) => brotliCompressSync(Buffer.from(text), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const port = await freePort();
const server = await startServer({ port, dir: workdir() });
const browser = await launch();
const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
await page.coverage.startCSSCoverage();
await page.goto(`http://127.0.0.1:${port}/`);
await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
const coverage = await page.coverage.stopCSSCoverage();
const sheet = coverage.find((c) => c.url.endsWith('/style.css'));
const used = sheet.ranges.map((r) => sheet.text.slice(r.start, r.end)).join('\n');
console.log(`CSS: ${sheet.text.length} B raw, ${br(sheet.text)} B brotli; used on / : ${used.length} B raw (${(100 * used.length / sheet.text.length).toFixed(0)} %), ${br(used)} B brotli`);

const html = await (await fetch(`http://127.0.0.1:${port}/`, { headers: { 'accept-encoding': 'identity' } })).text();
const data = await page.evaluate(() => document.getElementById('resolved-resources').textContent);
const resources = JSON.parse(data);
const state = resources.find((r) => r && r.Ready);
const snapshot = state ? state.Ready.snapshot : null;
console.log(`HTML: ${html.length} B raw, ${br(html)} B brotli; of it the data for the app: ${data.length} B raw, ${br(data)} B brotli`);
if (snapshot) {
  const home = { indicators: snapshot.indicators, indicator_groups: snapshot.indicator_groups, source: snapshot.source, as_of: snapshot.as_of, previous_stage: { progress: snapshot.previous_stage.progress } };
  const rest = JSON.stringify(snapshot).length - JSON.stringify(home).length;
  console.log(`snapshot in the page: ${JSON.stringify(snapshot).length} B raw; what the home screen reads: ${JSON.stringify(home).length} B raw, ${br(JSON.stringify(home))} B brotli; the rest: ${rest} B raw`);
}
await browser.close();
await stop(server);
