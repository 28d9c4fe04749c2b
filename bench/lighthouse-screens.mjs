// Issue 36's budgets over every screen a reader meets, in every language: Lighthouse mobile
// (simulated throttling, 4× CPU) against the real server (release build, precompressed files),
// median of RUNS (default 3) for each reading screen in Japanese, English, やさしい日本語 and with
// ふりがな, and the feedback form as read. Prints Performance, TBT and the longest task of each,
// the budgets beside them (Performance 100, TBT 0 ms, no task over 50 ms) and how many meet them.
// Three floors come first, in the same run: a page of one line in English, in Japanese with the
// site's style sheet, and with readings. Each screen's longest task is also printed over its
// language's floor: what the screen costs beyond what any such page costs on this machine.
// Never fails: the machine is noisy, compare within one run.
//   scripts/build-web.sh && scripts/precompress.sh && cargo build --release -p server
//   node bench/lighthouse-screens.mjs     (RUNS=1, PATHS=/,/plan, LANGS=ja,ja-easy for fewer)
import { startServer, stop, workdir, freePort, READING_PAGES } from '../tests/e2e/server-process.mjs';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { medianRun, FLOOR_PAGES, FLOOR_OF } from './lighthouse-run.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const RUNS = Number(process.env.RUNS || 3);
const LANGUAGES = { ja: '', en: 'lang=en', 'ja-easy': 'lang=ja-easy', furigana: 'furigana=on' };
const langs = process.env.LANGS ? process.env.LANGS.split(',') : Object.keys(LANGUAGES);
const paths = process.env.PATHS ? process.env.PATHS.split(',') : [...READING_PAGES, '/feedback'];

const port = await freePort();
const server = await startServer({ port, dir: workdir(), binary: process.env.WIDGET_SERVER || ROOT + 'target/release/widget-server' });
// The floors, measured in the same run: pages of one line, served here (with the site's style
// sheet as built) at /en, /ja and /ruby.
const style = readFileSync(ROOT + 'dist/style.css');
const floor = createServer((req, res) => (req.url === '/style.css'
  ? res.writeHead(200, { 'content-type': 'text/css' }).end(style)
  : res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(FLOOR_PAGES[req.url.slice(1)] ?? '')));
await new Promise((done) => floor.listen(0, '127.0.0.1', done));
const rows = [];
const floors = {};
try {
  for (const name of Object.keys(FLOOR_PAGES)) {
    const r = await medianRun(`http://127.0.0.1:${floor.address().port}/${name}`, RUNS, `floor ${name}`);
    floors[name] = r;
    rows.push({ path: '(one line)', lang: name, ...r });
    console.error(`floor ${name}: Perf ${r.performance}, TBT ${r.tbt.toFixed(0)} ms, longest ${r.longest.toFixed(0)} ms`);
  }
  for (const path of paths) {
    for (const lang of langs) {
      const url = `http://127.0.0.1:${port}${path}${LANGUAGES[lang] ? `?${LANGUAGES[lang]}` : ''}`;
      const r = await medianRun(url, RUNS, `${path} ${lang}`);
      rows.push({ path, lang, ...r, overFloor: Math.max(0, r.longest - floors[FLOOR_OF[lang]].longest) });
      console.error(`${path} ${lang}: Perf ${r.performance}, TBT ${r.tbt.toFixed(0)} ms, longest ${r.longest.toFixed(0)} ms`);
    }
  }
} finally {
  await stop(server);
  floor.close();
}
console.log(`Lighthouse mobile, every screen × language, median of ${RUNS}`);
console.log('screen          language   Perf   TBT ms  longest ms  (the page\'s own)  (over its floor)  LCP ms   A11y');
for (const r of rows) {
  const over = r.overFloor === undefined ? '' : r.overFloor.toFixed(0);
  console.log(`${r.path.padEnd(15)} ${r.lang.padEnd(9)} ${String(r.performance).padStart(5)} ${r.tbt.toFixed(0).padStart(8)} ${r.longest.toFixed(0).padStart(11)} ${r.longestOwn.toFixed(0).padStart(18)} ${over.padStart(17)} ${r.lcp.toFixed(0).padStart(7)} ${String(r.accessibility).padStart(6)}`);
}
const screens = rows.filter((r) => r.overFloor !== undefined);
const count = (ok) => `${screens.filter(ok).length} of ${screens.length}`;
console.log(`budgets: Performance 100 in ${count((r) => r.performance >= 100)}; TBT 0 ms in ${count((r) => r.tbt === 0)}; longest task ≤ 50 ms in ${count((r) => r.longest <= 50)} (the page's own tasks: ${count((r) => r.longestOwn <= 50)}; no more than its floor: ${count((r) => r.overFloor === 0)}, within 20 ms of it: ${count((r) => r.overFloor <= 20)})`);
console.log(`worst: Performance ${Math.min(...screens.map((r) => r.performance))}, TBT ${Math.max(...screens.map((r) => r.tbt)).toFixed(0)} ms, longest ${Math.max(...screens.map((r) => r.longest)).toFixed(0)} ms (the page's own ${Math.max(...screens.map((r) => r.longestOwn)).toFixed(0)} ms, over its floor ${Math.max(...screens.map((r) => r.overFloor)).toFixed(0)} ms); floors: ${Object.entries(floors).map(([k, r]) => `${k} ${r.longest.toFixed(0)} ms`).join(', ')}`);
