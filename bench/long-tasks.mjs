// Where a phone's main thread goes on each reading screen, in each language (issue 36): Chromium
// with its CPU slowed 4× (Lighthouse's mobile profile) loads the page from the real server, and a
// performance trace of the load is summed up: the tasks over 50 ms, the longest, and what the
// longest is made of (style, layout, paint, HTML parsing, script). Prints figures; no budget is
// asserted here (bench/budgets.mjs and the Lighthouse bench hold those).
//   cargo build -p server && node bench/long-tasks.mjs [RUNS, default 3]   (PATHS=/,/plan for some screens;
//   LEVER=some.css to compare a style lever with the build in the same run)
import { startServer, stop, workdir, freePort, READING_PAGES } from '../tests/e2e/server-process.mjs';
import { launch } from '../tests/e2e/pages.mjs';

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

/** The trace's renderer main thread: its tasks, and each task's time by kind (top-level events only). */
function summarise(events) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur);
  const tasks = onMain.filter((e) => e.name === 'RunTask').sort((a, b) => a.ts - b.ts);
  const long = tasks.filter((t) => t.dur > 50_000);
  const longest = tasks.reduce((a, t) => (t.dur > (a?.dur ?? 0) ? t : a), null);
  const parts = {};
  if (longest) {
    let covered = longest.ts;
    const inside = onMain
      .filter((e) => KIND[e.name] && e.ts >= longest.ts && e.ts + e.dur <= longest.ts + longest.dur)
      .sort((a, b) => a.ts - b.ts);
    for (const e of inside) {
      if (e.ts < covered) continue; // inside one already counted
      parts[KIND[e.name]] = (parts[KIND[e.name]] || 0) + e.dur / 1000;
      covered = e.ts + e.dur;
    }
    parts.other = longest.dur / 1000 - Object.values(parts).reduce((a, b) => a + b, 0);
  }
  return {
    long: long.length,
    longest: longest ? longest.dur / 1000 : 0,
    blocking: long.reduce((s, t) => s + (t.dur / 1000 - 50), 0),
    parts,
  };
}

// LEVER=file.css: a lever measured against the page as built in the same run, loads taken in
// turn: the file is added to the end of the stylesheet as served (no rebuild; nothing else differs).
const lever = process.env.LEVER ? (await import('node:fs')).readFileSync(process.env.LEVER, 'utf8') : null;
const variants = lever ? ['as built', 'with lever'] : ['as built'];

const port = await freePort();
const server = await startServer({ port, dir: workdir() });
const browser = await launch();
console.log(`main thread on a phone (Chromium, CPU 4× slower, 412×823), load of each screen, median of ${RUNS}`);
console.log('screen                     language     tasks>50ms  longest ms  blocking ms  longest task: style / layout / paint / html / script / other ms');
for (const path of (process.env.PATHS ? process.env.PATHS.split(",") : READING_PAGES)) {
  for (const language of LANGUAGES) {
    const runsOf = Object.fromEntries(variants.map((v) => [v, []]));
    for (let i = 0; i < RUNS; i++) for (const variant of variants) {
      const runs = runsOf[variant];
      const context = await browser.newContext({ viewport: { width: 412, height: 823 }, serviceWorkers: 'block' });
      const page = await context.newPage();
      if (variant === 'with lever') {
        await page.route('**/style.css', async (route) => {
          const built = await route.fetch({ headers: { ...route.request().headers(), 'accept-encoding': 'identity' } });
          await route.fulfill({ response: built, body: (await built.text()) + '\n' + lever });
        });
      }
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', '__metadata'] });
      await page.goto(`http://127.0.0.1:${port}${path}${language ? `?${language}` : ''}`, { waitUntil: 'load' });
      await page.waitForTimeout(1500);
      const trace = JSON.parse((await browser.stopTracing()).toString());
      runs.push(summarise(trace.traceEvents));
      await context.close();
    }
    for (const variant of variants) {
      const runs = runsOf[variant];
      const pick = (f) => median(runs.map(f));
      const mid = runs.find((r) => r.longest === pick((r) => r.longest));
      const p = (k) => (mid.parts[k] || 0).toFixed(0).padStart(5);
      const label = lever ? `${(language || 'ja')} ${variant === 'as built' ? '' : '+lever'}` : language || 'ja';
      console.log(
        `${path.padEnd(26)} ${label.padEnd(12)} ${String(pick((r) => r.long)).padStart(10)}  ${pick((r) => r.longest).toFixed(0).padStart(10)}  ${pick((r) => r.blocking).toFixed(0).padStart(11)}  ${p('style')} / ${p('layout')} / ${p('paint')} / ${p('html')} / ${p('script')} / ${p('other')}`,
      );
    }
  }
}
await browser.close();
await stop(server);
