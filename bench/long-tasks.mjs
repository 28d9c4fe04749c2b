// Where a phone's main thread goes on each reading screen, in each language (issue 36): Chromium
// with its CPU slowed 4× (Lighthouse's mobile profile) loads the page from the real server, and a
// performance trace of the load is summed up: the tasks over 50 ms, the longest, and what the
// longest is made of (style, layout, paint, HTML parsing, script). Prints figures; no budget is
// asserted here (bench/budgets.mjs and the Lighthouse bench hold those).
// Each row also counts, in the longest task, the text runs shaped and the font strikes the
// renderer asked the browser for (Chromium on Linux asks over its sandbox IPC, once per font, size
// and weight in a fresh renderer; a phone's Android renderer reads its fonts itself) and that IPC's
// time. The counts do not vary between loads; the times do, by up to half on this machine.
// Three floor rows come first, measured the same way in the same run: a page of one line of
// English, of Japanese with the site's style sheet, and of Japanese with readings: what any page
// costs here.
//   cargo build -p server && node bench/long-tasks.mjs [RUNS, default 3]   (PATHS=/,/plan for some screens;
//   RATE=1 for the CPU unslowed (steadier; Lighthouse's simulation multiplies such times);
//   LEVER=some.css to compare a style lever with the build in the same run, or LEVER=some.mjs
//   exporting { html(text), css(text) } to compare a markup lever: each rewrites what is served)
import { startServer, stop, workdir, freePort, READING_PAGES } from '../tests/e2e/server-process.mjs';
import { readFileSync } from 'node:fs';
import { launch, rewriteServed } from '../tests/e2e/pages.mjs';
import { FLOOR_PAGES } from './lighthouse-run.mjs';

const RUNS = Number(process.argv[2] || 3);
const LANGUAGES = ['', 'lang=en', 'lang=ja-easy', 'furigana=on'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// What each trace event is, for the breakdown of a task.
const KIND = {
  UpdateLayoutTree: 'style', RecalculateStyles: 'style', ParseAuthorStyleSheet: 'style',
  Layout: 'layout', PrePaint: 'paint', Paint: 'paint', Layerize: 'paint', UpdateLayer: 'paint', Commit: 'paint',
  ParseHTML: 'html', EvaluateScript: 'script', FunctionCall: 'script', 'v8.compile': 'script', TimerFire: 'script',
  EventDispatch: 'script', RunMicrotasks: 'script',
};

// Chromium on Linux asking the browser process about fonts (render style, matching, fallback).
const FONT_IPC = new Set(['WebSandboxSupportLinux::GetWebFontRenderStyleForStrike', 'FontDataManager::onMatchFamilyStyle',
  'WebSandboxSupportLinux::GetFallbackFontForCharacter', 'WebSandboxSupportLinux::MatchFontByPostscriptNameOrFullFontName']);

/** The trace's renderer main thread: its tasks, and each task's time by kind (top-level events only). */
function summarise(events) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur);
  const tasks = onMain.filter((e) => e.name === 'RunTask').sort((a, b) => a.ts - b.ts);
  const long = tasks.filter((t) => t.dur > 50_000);
  const longest = tasks.reduce((a, t) => (t.dur > (a?.dur ?? 0) ? t : a), null);
  const parts = {};
  const inLongest = longest ? onMain.filter((e) => e.ts >= longest.ts && e.ts + e.dur <= longest.ts + longest.dur) : [];
  if (longest) {
    let covered = longest.ts;
    const inside = inLongest.filter((e) => KIND[e.name]).sort((a, b) => a.ts - b.ts);
    for (const e of inside) {
      if (e.ts < covered) continue; // inside one already counted
      parts[KIND[e.name]] = (parts[KIND[e.name]] || 0) + e.dur / 1000;
      covered = e.ts + e.dur;
    }
    parts.other = longest.dur / 1000 - Object.values(parts).reduce((a, b) => a + b, 0);
  }
  return {
    shaped: inLongest.filter((e) => e.name === 'InlineNode::ShapeTextIncludingFirstLine').length,
    strikes: inLongest.filter((e) => e.name === 'WebSandboxSupportLinux::GetWebFontRenderStyleForStrike').length,
    fontIpc: inLongest.filter((e) => FONT_IPC.has(e.name)).reduce((s, e) => s + e.dur / 1000, 0),
    long: long.length,
    longest: longest ? longest.dur / 1000 : 0,
    blocking: long.reduce((s, t) => s + (t.dur / 1000 - 50), 0),
    parts,
  };
}

// LEVER: a lever measured against the page as built in the same run, loads taken in turn: a .css
// file is added to the end of the stylesheet as served; a .mjs module's html() and css() rewrite
// the screen's HTML and the stylesheet as served (no rebuild; nothing else differs).
const LEVER = process.env.LEVER;
const added = LEVER && !LEVER.endsWith('.mjs') ? readFileSync(LEVER, 'utf8') : null;
const lever = !LEVER ? null
  : added !== null ? { css: (text) => `${text}\n${added}` }
  : (await import(new URL(LEVER, `file://${process.cwd()}/`).href)).default;
const RATE = Number(process.env.RATE || 4);
// The floor: what a page costs with next to nothing on it (served by the bench, same origin).
const FLOOR = {
  '(floor: a line of English)': FLOOR_PAGES.en,
  '(floor: Japanese + style)': FLOOR_PAGES.ja,
  '(floor: + readings)': FLOOR_PAGES.ruby,
};
const variants = lever ? ['as built', 'with lever'] : ['as built'];

const port = await freePort();
const server = await startServer({ port, dir: workdir() });
const browser = await launch();
console.log(`main thread on a phone (Chromium, CPU ${RATE}× slower, 412×823), load of each screen, median of ${RUNS}`);
console.log('screen                      language             tasks>50ms  longest ms  blocking ms  longest task: style / layout / paint / html / script / other ms; text runs shaped, font strikes, font IPC ms');
for (const path of [...Object.keys(FLOOR), ...(process.env.PATHS ? process.env.PATHS.split(',') : READING_PAGES)]) {
  for (const language of FLOOR[path] ? [''] : LANGUAGES) {
    const compared = FLOOR[path] ? ['as built'] : variants;
    const runsOf = Object.fromEntries(compared.map((v) => [v, []]));
    for (let i = 0; i < RUNS; i++) for (const variant of compared) {
      const runs = runsOf[variant];
      const context = await browser.newContext({ viewport: { width: 412, height: 823 }, serviceWorkers: 'block' });
      const page = await context.newPage();
      if (FLOOR[path]) await page.route('**/floor', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: FLOOR[path] }));
      if (variant === 'with lever' && lever.css) await rewriteServed(page, '**/style.css', lever.css);
      if (variant === 'with lever' && lever.html) await rewriteServed(page, (url) => url.pathname === path, lever.html);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
      await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', '__metadata', 'fonts', 'blink'] });
      await page.goto(`http://127.0.0.1:${port}${FLOOR[path] ? '/floor' : path}${language ? `?${language}` : ''}`, { waitUntil: 'load' });
      await page.waitForTimeout(1500);
      const trace = JSON.parse((await browser.stopTracing()).toString());
      runs.push(summarise(trace.traceEvents));
      await context.close();
    }
    for (const variant of compared) {
      const runs = runsOf[variant];
      const pick = (f) => median(runs.map(f));
      const mid = runs.find((r) => r.longest === pick((r) => r.longest));
      const p = (k) => (mid.parts[k] || 0).toFixed(0).padStart(5);
      const label = FLOOR[path] ? '' : `${language || 'ja'}${variant === 'with lever' ? ' +lever' : ''}`;
      console.log(
        `${path.padEnd(27)} ${label.padEnd(20)} ${String(pick((r) => r.long)).padStart(10)}  ${pick((r) => r.longest).toFixed(0).padStart(10)}  ${pick((r) => r.blocking).toFixed(0).padStart(11)}  ${p('style')} / ${p('layout')} / ${p('paint')} / ${p('html')} / ${p('script')} / ${p('other')};  ${String(mid.shaped).padStart(4)} ${String(mid.strikes).padStart(4)} ${mid.fontIpc.toFixed(0).padStart(5)}`,
      );
    }
  }
}
await browser.close();
await stop(server);
